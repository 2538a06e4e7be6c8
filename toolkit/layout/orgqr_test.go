package layout_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestOrgWebsiteOnceAndItsCodeKeptOrReported lays out every format
// whose budget carries the organisation's website's own QR code, with
// the organisation at every input limit (a 100-character name, three
// local contacts) and logos that take room, and checks over the pages:
// the code is printed, or the document says it left it out
// (layout.Document.Left, which the operator is told), never both and
// never neither; and no page prints the website's address twice (the
// tear-off printed it in the organisation's list and again under the
// code). Quick: the flyer, tear-off, handout and poster and the fr+en
// flyer for youth in en and ar; AWAREKIT_FULL=1: every audience, a set
// of languages and pairs, both papers and the large-print style.
func TestOrgWebsiteOnceAndItsCodeKeptOrReported(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	long := longest(t)
	site := strings.ToLower(squash(long.Website))
	orgs := []struct {
		name string
		org  profile.Organisation
		logo []byte
	}{
		{"longest, wide logo", long, logoPNG(t, 2000, 40)},
		{"longest, no local contacts", profile.Organisation{Name: long.Name, Phone: long.Phone, Website: long.Website}, nil},
	}
	langs := []string{"en", "ar", "fr+en"}
	audiences := []string{"youth"}
	papers := []string{"letter"}
	styles := []string{""}
	if os.Getenv("AWAREKIT_FULL") != "" {
		langs = []string{"en", "fr", "pa", "ar", "zh-Hans", "uk", "tl", "fr+en", "pa+en", "ar+en", "zh-Hans+en", "tl+en"}
		audiences = e.AudienceIDs()
		papers = layout.PaperNames
		styles = []string{"", "large-print"}
		orgs = append(orgs, struct {
			name string
			org  profile.Organisation
			logo []byte
		}{"longest, tall logo", long, logoPNG(t, 40, 2000)})
	}
	seen := 0
	for _, o := range orgs {
		brand, err := o.org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		if o.logo != nil {
			if brand.Logo, err = profile.DecodeLogo("logo.png", o.logo); err != nil {
				t.Fatal(err)
			}
		}
		for _, f := range format.Formats {
			if !f.Paged() || !f.Carries.Has(doc.PartOrgQR) && !f.BilingualCarries.Has(doc.PartOrgQR) {
				continue
			}
			for _, a := range audiences {
				for _, l := range langs {
					for _, paper := range papers {
						for _, style := range styles {
							name := fmt.Sprintf("%s/%s/%s/%s/%s/%s", o.name, f.Name, a, l, paper, style)
							r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: f.Name, Paper: paper, Style: style, AllowDraft: true})
							if err != nil {
								continue // no two-language form; a style the format does not take
							}
							carries := f.Carries
							if r.Second != "" {
								carries = f.BilingualCarries
							}
							if !carries.Has(doc.PartOrgQR) {
								continue
							}
							ld, err := e.Layout(r, o.org, brand)
							var incomplete *content.IncompleteError
							if errors.As(err, &incomplete) {
								continue // an audience not written in the language
							}
							if err != nil {
								t.Errorf("%s: %v", name, err)
								continue
							}
							seen++
							codes := 0
							for pi, p := range ld.Pages {
								var text strings.Builder
								for _, el := range p.Elements {
									if el.QR != nil && el.Tag.BlockOf() == doc.PartOrgQR {
										codes++
									}
									if el.Text != nil {
										for _, run := range el.Text.Line.Runs {
											text.WriteString(run.Text)
										}
										text.WriteString("\n")
									}
								}
								if n := strings.Count(strings.ToLower(squash(text.String())), site); n > 1 {
									t.Errorf("%s: page %d prints the website %d times", name, pi+1, n)
								}
							}
							left := slices.Contains(ld.Left, doc.PartOrgQR)
							switch {
							case codes == 0 && !left:
								t.Errorf("%s: the website's QR code is left out and the document does not say so", name)
							case codes > 0 && left:
								t.Errorf("%s: the website's QR code is printed, yet the document says it was left out", name)
							case left:
								t.Logf("%s: left out, and said", name)
							}
						}
					}
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no format laid out")
	}
}

package layout_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestPagesThatNameTheHotlinePrintItsNumber: a two-language flyer's
// page that names the hotline prints its number there too: the back of
// a flyer is read on its own. The help panel put its contacts and the
// QR code under one another when little stood beside the code, and so
// dropped the number set beside it (health pa+en on A4, no province:
// the back named "Canadian Human Trafficking Hotline" with no number;
// the front's bar carried it). Quick: three audiences, six pairs, both
// papers, no organisation; AWAREKIT_FULL=1: every audience, every
// language beside English in both orders, and the longest organisation.
func TestPagesThatNameTheHotlinePrintItsNumber(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	orgs := []profile.Organisation{{}}
	audiences := []string{"health", "business", "newcomers"}
	pairs := []string{"pa+en", "en+pa", "ti+en", "ar+en", "zh-Hans+en", "en+fr"}
	if os.Getenv("AWAREKIT_FULL") != "" {
		orgs = append(orgs, longest(t))
		audiences, pairs = e.AudienceIDs(), nil
		for _, l := range e.Languages() {
			if l != "en" {
				pairs = append(pairs, l+"+en", "en+"+l)
			}
		}
	}
	checked := 0
	for _, a := range audiences {
		for _, l := range pairs {
			for _, paper := range layout.PaperNames {
				for oi, org := range orgs {
					name := fmt.Sprintf("%s/%s/%s/%d", a, l, paper, oi)
					var brand doc.Brand
					if oi > 0 {
						var err error
						if brand, err = org.Brand(); err != nil {
							t.Fatal(err)
						}
					}
					docs, ld, ok := laidOut(t, e, name, generate.Job{Audience: a, Lang: l, Format: "flyer", Paper: paper, AllowDraft: true}, org, brand)
					if !ok {
						continue
					}
					phone := squash(docs[0].Help.Hotline.Phone)
					for i, p := range ld.Pages {
						var text strings.Builder
						for _, el := range p.Elements {
							if el.Text != nil {
								text.WriteString(logicalText(el.Text.Line))
							}
						}
						page := squash(text.String())
						for _, d := range docs {
							if n := squash(d.Help.Hotline.Name); n != "" && strings.Contains(page, n) && !strings.Contains(page, phone) {
								t.Errorf("%s: page %d names the hotline (%s) but does not print its number %s", name, i+1, d.Help.Hotline.Name, d.Help.Hotline.Phone)
							}
						}
					}
					checked++
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no flyer was checked")
	}
}

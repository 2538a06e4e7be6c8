package layout_test

import (
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// TestProvinceAndLocalOnEveryPage: with a province and a local contact of
// the organisation's, every page format prints the province's verified
// lines and the organisation's list, left to right and right to left,
// one language and two; the safety card, which has room for the hotline
// and 911 only, is the one page that does not.
func TestProvinceAndLocalOnEveryPage(t *testing.T) {
	lib, ts := setup(t)
	org := profile.Organisation{Name: "Riverside", Phone: "604-555-0134",
		Local: []profile.LocalContact{{Label: "Riverside police, non-emergency", Phone: "604-555-0199"}}}
	brand, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	assemble := func(lang string) *doc.Document {
		d, err := lib.Assemble(content.Request{Audience: "newcomers", Lang: lang, Org: org, Brand: brand, Province: "mb"})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	// Manitoba: Child and Family Services, then 211.
	want := []string{"1-866-345-9241", "211", "604-555-0199"}
	check := func(t *testing.T, ld *layout.Document) {
		var text strings.Builder
		for _, p := range ld.Pages {
			text.WriteString(pageText(p))
		}
		for _, w := range want {
			if !strings.Contains(text.String(), w) {
				t.Errorf("%s is not printed", w)
			}
		}
	}
	p, _ := layout.PaperByName("letter")
	single := map[string]func(*typeset.Typesetter, *doc.Document, layout.Options) (*layout.Document, error){
		"flyer": layout.Flyer, "handout": layout.Handout, "poster": layout.Poster, "cards": layout.Cards,
	}
	for _, lang := range []string{"en", "ar"} {
		d := assemble(lang)
		// The tear-off prints the province's lines and the
		// organisation's own number, not the contacts it labelled
		// (TearoffContent).
		t.Run(lang+"/tearoff", func(t *testing.T) {
			ld, err := layout.Tearoff(ts, d, layout.Options{Paper: p})
			if err != nil {
				t.Fatal(err)
			}
			text := ""
			for _, p := range ld.Pages {
				text += pageText(p)
			}
			for _, w := range []string{"1-866-345-9241", "211", "604-555-0134"} {
				if !strings.Contains(text, w) {
					t.Errorf("%s is not printed", w)
				}
			}
			if strings.Contains(text, "604-555-0199") {
				t.Errorf("the tear-off prints a labelled local contact, which its budget leaves")
			}
		})
		for name, lay := range single {
			t.Run(lang+"/"+name, func(t *testing.T) {
				ld, err := lay(ts, d, layout.Options{Paper: p})
				if err != nil {
					t.Fatal(err)
				}
				check(t, ld)
			})
		}
	}
	// Bilingual cards have a front in each language and no back: the
	// format table says they leave these out (format.Budget.Leaves).
	pair := map[string]layout.Bilingual{"flyer": layout.BilingualFlyer, "poster": layout.BilingualPoster}
	for name, lay := range pair {
		t.Run("ar+en/"+name, func(t *testing.T) {
			ld, err := lay(ts, assemble("ar"), assemble("en"), layout.Options{Paper: p})
			if err != nil {
				t.Fatal(err)
			}
			check(t, ld)
		})
	}
}

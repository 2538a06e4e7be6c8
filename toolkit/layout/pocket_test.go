package layout

import (
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
)

// TestPocketCard lays out every pocket card in every language it is
// written in, on both papers, with and without print marks, for each test
// organisation: two pages of four cards, every line inside its card at
// least 10 pt from the cut, none over another, none below 7 pt; every
// section title and item printed once per card, nothing left out; the
// hotline number and the emergency line on every back.
func TestPocketCard(t *testing.T) {
	fx := newFixture(t)
	ids := fx.lib.PocketAudiences()
	if len(ids) == 0 {
		t.Fatal("no audience has a pocket card")
	}
	for _, o := range testOrgs {
		brand, err := o.org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			for _, lang := range fx.lib.PocketLanguages(id) {
				d, err := fx.lib.Assemble(content.Request{Audience: id, Lang: lang, Org: o.org, Brand: brand, Pocket: true, AllowDraft: true})
				if err != nil {
					t.Fatal(err)
				}
				for _, name := range PaperNames {
					for _, po := range []PrintOptions{{}, {Bleed: 3 * PointsPerMM, CropMarks: true}} {
						t.Run(o.name+"/"+id+"/"+lang+"/"+name, func(t *testing.T) {
							ld, err := PocketCard(fx.ts, d, Options{Paper: Papers[name], Print: po})
							if err != nil {
								t.Fatal(err)
							}
							s, _ := sheetFor(pocketCards, Papers[name], po)
							if len(ld.Pages) != 2 || s.cols*s.rows != PocketCardsPerSheet(Papers[name], po) {
								t.Fatalf("%d pages of %d cards, want 2 pages of %d", len(ld.Pages), s.cols*s.rows, PocketCardsPerSheet(Papers[name], po))
							}
							backs := checkSheet(t, ld.Pages[1], s, 10, 7, d.Help.Hotline.Phone)
							if backs != s.cols*s.rows {
								t.Errorf("the hotline is on %d backs, want %d", backs, s.cols*s.rows)
							}
							if n := checkSheet(t, ld.Pages[0], s, 10, 7, d.Help.Hotline.Phone); n != 0 {
								t.Errorf("the hotline is on %d fronts; it belongs on the back with the emergency line", n)
							}
							var text strings.Builder
							for _, p := range ld.Pages {
								for _, l := range inkedLines(p) {
									text.WriteString(l.text)
									if !strings.HasSuffix(l.text, "-") {
										text.WriteString(" ") // a line broken after a hyphen ("trauma-" / "informed") goes on
									}
								}
							}
							all := foldSpace(text.String())
							cards := s.cols * s.rows
							want := []string{d.Pocket.Title, d.Help.Emergency}
							for _, sec := range d.Pocket.Sections {
								want = append(append(want, sec.Title, sec.Lead), sec.Items...)
							}
							for _, w := range want {
								if w = foldSpace(w); w != "" && strings.Count(all, w) < cards {
									t.Errorf("%q is on fewer than %d cards", w, cards)
								}
							}
						})
					}
				}
			}
		}
	}
}

// foldSpace folds white space, so wrapped lines compare with their text.
func foldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

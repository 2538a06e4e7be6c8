package layout

import (
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
)

// TestScenarioSheets lays out every audience's scenario cards in English
// and French on both papers, with and without print marks: four cards to
// a sheet (fewer with bleed), every line inside its card at least 10 pt from the cut, none
// over another, none below 8 pt; each front's label on its back, in the
// cell behind it for long-edge duplex.
func TestScenarioSheets(t *testing.T) {
	fx := newFixture(t)
	broad := []string{"business", "health", "indigenous", "newcomers", "youth"}
	for ai, id := range fx.lib.AudienceIDs() {
		if a, _ := fx.lib.Audience(id); a.Kit == nil {
			continue // an audience without a kit: the kit's formats refuse it (content.TestKitLanguages)
		}
		for li, lang := range []string{"en", "fr"} {
			d, err := fx.lib.Assemble(content.Request{Audience: id, Lang: lang, Kit: []doc.KitPart{doc.PartScenarios}})
			if err != nil {
				t.Fatal(err)
			}
			for pi, name := range PaperNames {
				for bi, po := range []PrintOptions{{}, {Bleed: 3 * PointsPerMM, CropMarks: true}} {
					if testing.Short() && po.Bleed > 0 {
						continue
					}
					if !slices.Contains(broad, id) && (ai+li)%4 != pi*2+bi {
						continue // a sector audience: one paper and print option, taking turns (see TestKitLayouts)
					}
					t.Run(id+"/"+lang+"/"+name, func(t *testing.T) {
						ld, err := Scenarios(fx.ts, d, Options{Paper: Papers[name], Print: po})
						if err != nil {
							t.Fatal(err)
						}
						s, _ := sheetFor(scenarioCards, Papers[name], po)
						// With bleed and crop marks the paper holds fewer.
						per := s.cols * s.rows
						cards := d.Kit.Scenarios.Cards
						if (po.Bleed == 0 && per != 4) || len(ld.Pages) != 2*((len(cards)+per-1)/per) {
							t.Fatalf("%d pages of %d cards for %d cards", len(ld.Pages), per, len(cards))
						}
						for i, p := range ld.Pages {
							checkSheet(t, p, s, 10, minSize, "")
							back := i%2 == 1
							for n, c := range cards[i/2*per : min(i/2*per+per, len(cards))] {
								col, row := n%s.cols, n/s.cols
								if back {
									col = s.cols - 1 - col
								}
								if !cellHas(p, s.cell(col, row), c.Label) {
									t.Errorf("page %d: %q is not in the cell at column %d, row %d", i+1, c.Label, col+1, row+1)
								}
							}
						}
					})
				}
			}
		}
	}
}

// cellHas reports whether a line of p inside cell b starts with text.
func cellHas(p Page, b Box, text string) bool {
	for _, l := range inkedLines(p) {
		if l.in(b) && strings.HasPrefix(l.text, text) {
			return true
		}
	}
	return false
}

package generate_test

import (
	"math"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestPrintingMatchesLayouts: what the format table says about printing
// (pages per copy, the sheet's size) is what the layouts make, on each
// paper, in one language and in two; the print shop's totals rest on it.
// A format whose pages depend on its text (the facilitator guide) says
// so, and the build counts them.
func TestPrintingMatchesLayouts(t *testing.T) {
	e, err := generate.Open(generate.Config{})
	if err != nil {
		t.Fatal(err)
	}
	brand, err := profile.Organisation{}.Brand()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range format.Formats {
		if f.Print == nil {
			if f.Paged() && !f.Screen {
				t.Errorf("%s: a page format for paper with no printing entry", f.Name)
			}
			continue
		}
		langs := []string{"en"}
		if f.Bilingual != nil {
			langs = append(langs, "fr+en")
		}
		for _, paper := range layout.PaperNames {
			for _, lang := range langs {
				audience := "newcomers"
				if f.Budget.Pocket {
					audience = "health" // the one audience with a pocket card
				}
				r, err := e.Resolve(generate.Job{Audience: audience, Lang: lang, Format: f.Name, Paper: paper})
				if err != nil {
					t.Fatal(err)
				}
				ld, err := e.Layout(r, profile.Organisation{}, brand)
				if err != nil {
					t.Fatal(err)
				}
				s, ok := r.Sheet()
				switch {
				case !ok:
					t.Errorf("%s: not printed", f.Name)
				case s.Pages == format.VariesPages:
					if s.Sides == 2 && s.Up > 1 && len(ld.Pages)%2 != 0 || len(ld.Pages) < s.Sides {
						t.Errorf("%s %s %s: %d pages for sheets printed on both sides", f.Name, lang, paper, len(ld.Pages))
					}
				case len(ld.Pages) != s.Pages:
					t.Errorf("%s %s %s: %d pages, the table says %d", f.Name, lang, paper, len(ld.Pages), s.Pages)
				}
				for i, p := range ld.Pages {
					if math.Abs(p.Width-s.Paper.Width) > 0.5 || math.Abs(p.Height-s.Paper.Height) > 0.5 {
						t.Errorf("%s %s %s page %d: %.1f × %.1f, the table says %s %.1f × %.1f", f.Name, lang, paper, i+1, p.Width, p.Height, s.Paper.Name, s.Paper.Width, s.Paper.Height)
					}
				}
				if (s.Up > 1) != (s.Pieces != "") || s.Up < 1 {
					t.Errorf("%s %s: %d up, pieces %q", f.Name, paper, s.Up, s.Pieces)
				}
			}
		}
	}
}

// TestLargePrintCardsPerSheet: large-print cards are two to a sheet of
// either paper, with cutting guides, and with 3 mm of bleed and crop
// marks; one to a page when the print shop imposes them; and the print
// totals count what the layout puts on the sheet.
func TestLargePrintCardsPerSheet(t *testing.T) {
	e, err := generate.Open(generate.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"cards", "safety-card"} {
		for _, paper := range []string{"letter", "a4"} {
			for _, po := range []layout.PrintOptions{{}, {Bleed: 3 * layout.PointsPerMM, CropMarks: true}, {Imposition: layout.ImposeSingle}} {
				r, err := e.Resolve(generate.Job{Audience: "youth", Lang: "en", Format: f, Paper: paper, Style: "large-print", Print: po})
				if err != nil {
					t.Fatal(err)
				}
				want := 2
				if po.Imposition == layout.ImposeSingle {
					want = 1
				}
				if s, ok := r.Sheet(); !ok || s.Up != want {
					t.Errorf("%s on %s with %+v: %d to a sheet, want %d", f, paper, po, s.Up, want)
				}
				ld, err := e.Layout(r, profile.Organisation{}, doc.Brand{})
				if err != nil {
					t.Fatal(err)
				}
				hotline := 0
				for _, el := range ld.Pages[0].Elements {
					if el.Text != nil {
						for _, run := range el.Text.Line.Runs {
							if strings.Contains(run.Text, "1-833-900-1010") {
								hotline++
							}
						}
					}
				}
				if f == "cards" && hotline != want {
					t.Errorf("%s on %s with %+v: the front sheet prints %d cards, want %d", f, paper, po, hotline, want)
				}
			}
		}
	}
}

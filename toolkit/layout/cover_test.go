package layout_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

func coverSetter(t *testing.T) *typeset.Typesetter {
	t.Helper()
	fam, err := typeset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := typeset.NewFonts(fam, nil)
	if err != nil {
		t.Fatal(err)
	}
	return typeset.New(fonts)
}

func pageText(p layout.Page) string {
	var sb strings.Builder
	for _, e := range p.Elements {
		if e.Text == nil {
			continue
		}
		for _, r := range e.Text.Line.Runs {
			sb.WriteString(r.Text)
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

// TestCover lays out short and long lists of materials: every line stays
// inside the page margins, a long list continues on further pages under
// the table's heading again, and every material and the total are there.
func TestCover(t *testing.T) {
	ts := coverSetter(t)
	for _, n := range []int{1, 5, 40, 200} {
		for _, paper := range []layout.Paper{layout.Papers["letter"], layout.Papers["a4"]} {
			t.Run(fmt.Sprintf("%d materials on %s", n, paper.Name), func(t *testing.T) {
				c := layout.CoverSheet{
					Title:   "Neighbourhood safety evening",
					Details: []layout.Detail{{Label: "Date", Value: "Thursday 3 December 2026, 7 pm"}, {Label: "Place", Value: "Community centre"}},
					Note:    "Made with awarekit test.",
					Color:   doc.RGB{R: 0x0B, G: 0x5C, B: 0x6B},
				}
				var items []layout.CoverItem
				for i := range n {
					items = append(items, layout.CoverItem{
						What: fmt.Sprintf("Newcomers and migrant workers flyer %d, French (draft translation)", i+1),
						File: fmt.Sprintf("newcomers-flyer-fr-%d.pdf", i+1), Paper: paper.Name, Pages: 1, ToPrint: "3 copies",
					})
				}
				c.Materials = slices.Values(items)
				c.Total = fmt.Sprintf("Total: %d materials: %d sheets of %s", n, 3*n, paper.Name)
				pages, err := layout.Cover(ts, c, paper)
				if err != nil {
					t.Fatal(err)
				}
				var all strings.Builder
				for i, p := range pages {
					if p.Width != paper.Width || p.Height != paper.Height {
						t.Errorf("page %d is %v×%v", i+1, p.Width, p.Height)
					}
					for _, b := range lineBoxes(p) {
						if b.x0 < 39.9 || b.x1 > paper.Width-39.9 || b.y0 < 0 || b.y1 > paper.Height-39.9 {
							t.Errorf("page %d: %q at (%.1f,%.1f)-(%.1f,%.1f) is outside the margins", i+1, b.text, b.x0, b.y0, b.x1, b.y1)
						}
					}
					text := pageText(p)
					if !strings.Contains(text, "Material\n") {
						t.Errorf("page %d has no table heading", i+1)
					}
					all.WriteString(text)
				}
				text := all.String()
				for i := range n {
					if !strings.Contains(text, fmt.Sprintf("newcomers-flyer-fr-%d.pdf\n", i+1)) {
						t.Errorf("material %d is missing", i+1)
					}
				}
				if want := c.Total; !strings.Contains(text, want) {
					t.Errorf("no %q", want)
				}
				if n >= 200 && len(pages) < 3 {
					t.Errorf("%d materials on %d pages", n, len(pages))
				}
			})
		}
	}
}

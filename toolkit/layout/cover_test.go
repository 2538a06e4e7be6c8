package layout_test

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

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

// TestCoverRowsOnSeveralGoroutines: a cover whose rows are laid out on
// goroutines of their own (a typesetter each) gives the same pages, in
// the same order, as one laid out row after row, with rows of one, two
// and three lines, pages of different lengths and a list that ends at
// any point of a job of rows; and a cover stopped after a page leaves no
// goroutine waiting.
func TestCoverRowsOnSeveralGoroutines(t *testing.T) {
	ts := coverSetter(t)
	paper := layout.Papers["letter"]
	sheet := func(n int) layout.CoverSheet {
		c := layout.CoverSheet{Title: "Evening", Note: "Made with awarekit test.", Total: fmt.Sprintf("Total: %d materials", n)}
		c.Materials = func(yield func(layout.CoverItem) bool) {
			first := 4
			for i := range n {
				what := fmt.Sprintf("Youth flyer %d, English", i+1)
				switch {
				case i%7 == 3:
					what = strings.Repeat("Newcomers and migrant workers flyer, French (draft translation) ", 2)
				case i%11 == 5:
					what = "Health workers flyer, Punjabi (draft translation)"
				}
				pages := 1 + i%3/2
				if !yield(layout.CoverItem{What: what, File: fmt.Sprintf("m-%d.pdf", i+1), Paper: "Letter", Pages: pages, First: first, ToPrint: fmt.Sprintf("%d copies, both sides", i%9+1)}) {
					return
				}
				first += pages
			}
		}
		return c
	}
	lay := func(tss []*typeset.Typesetter, c layout.CoverSheet, stopAfter int) []layout.Page {
		t.Helper()
		var pages []layout.Page
		for p, err := range layout.CoverPagesOn(tss, c, paper) {
			if err != nil {
				t.Fatal(err)
			}
			pages = append(pages, p)
			if len(pages) == stopAfter {
				break
			}
		}
		return pages
	}
	setters := []*typeset.Typesetter{ts, coverSetter(t), coverSetter(t)}
	for _, n := range []int{1, 63, 64, 65, 130, 400} {
		want := lay(setters[:1], sheet(n), 0)
		for _, k := range []int{2, 3} {
			got := lay(setters[:k], sheet(n), 0)
			if len(got) != len(want) {
				t.Fatalf("%d materials, %d goroutines: %d pages, one after another %d", n, k, len(got), len(want))
			}
			for i := range want {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("%d materials, %d goroutines: page %d differs from the one laid out row after row:\n%s\nwant:\n%s", n, k, i+1, pageText(got[i]), pageText(want[i]))
				}
			}
		}
	}
	before := runtime.NumGoroutine()
	if got := lay(setters[:2], sheet(2000), 1); len(got) != 1 {
		t.Fatalf("stopped after one page: %d pages", len(got))
	}
	// The goroutines have returned from their work when the cover does;
	// on a loaded machine they may take a while to end.
	for end := time.Now().Add(30 * time.Second); runtime.NumGoroutine() > before && time.Now().Before(end); {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after the cover stopped, %d before", n, before)
	}
}

package layout_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// BenchmarkFlyerLayout lays out one English flyer per iteration, each for
// an organisation of its own (as the bulk benchmark does), so the
// typesetter's paragraph cache cannot answer the whole page.
func BenchmarkFlyerLayout(b *testing.B) {
	for _, lang := range []string{"en", "ar", "pa"} {
		b.Run(lang, func(b *testing.B) {
			lib, ts := setup(b)
			paper, err := layout.PaperByName("letter")
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				i++
				org := profile.Organisation{Name: fmt.Sprintf("Riverside Youth Council %d", i), Phone: "604-555-0134", Website: "riverside.example.org"}
				brand, err := org.Brand()
				if err != nil {
					b.Fatal(err)
				}
				d, err := lib.Assemble(content.Request{Audience: "youth", Lang: lang, Org: org, Brand: brand, AllowDraft: true})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := layout.Flyer(ts, d, layout.Options{Paper: paper}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCover lays out the cover sheet of a pack of 2,000 flyers, as
// bench/run's plans make them: the five audiences in turn, a file each.
func BenchmarkCover(b *testing.B) {
	_, ts := setup(b)
	paper, err := layout.PaperByName("letter")
	if err != nil {
		b.Fatal(err)
	}
	auds := []string{"Youth", "Indigenous", "Newcomers", "Business", "Health"}
	c := layout.CoverSheet{Title: "Materials", Total: "Total: 2,000 copies, one side", Note: "Made with awarekit test."}
	c.Materials = func(yield func(layout.CoverItem) bool) {
		for i := range 2000 {
			it := layout.CoverItem{What: auds[i%5] + " flyer, English", File: fmt.Sprintf("%s-en-%d.pdf", strings.ToLower(auds[i%5]), i),
				Paper: "Letter", Pages: 1, First: 40 + i, ToPrint: "1 copy"}
			if !yield(it) {
				return
			}
		}
	}
	// Its rows laid out as they are placed, and on two goroutines (a
	// build of two workers), a typesetter each.
	for _, tss := range [][]*typeset.Typesetter{{ts}, {ts, typeset.New(fonts(b))}} {
		b.Run(fmt.Sprintf("rows-on-%d", len(tss)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, err := range layout.CoverPagesOn(tss, c, paper) {
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func fonts(b *testing.B) *typeset.Fonts {
	f, err := sharedFonts()
	if err != nil {
		b.Fatal(err)
	}
	return f
}

package layout_test

import (
	"fmt"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
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

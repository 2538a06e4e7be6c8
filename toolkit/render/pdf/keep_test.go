package pdf_test

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/render/imagetest"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
)

// TestKeptPageContentsAsFpdfPages draws documents whose pages mix glyph
// runs and marked content with fpdf's own drawing (rectangles, rounded
// and bordered; rules, dashed; images; rotated text; crop marks; page
// boxes; pages of another size) twice: with the page contents kept by
// the renderer and put together with fpdf's at the end, and written
// into fpdf's pages as they are drawn. The files must be the same, byte
// for byte, and drawing the English flyer with them kept must allocate
// under 60% of what it does through fpdf's page buffers (they grow a
// page at a time and are copied twice on the way out; it was 50%).
func TestKeptPageContentsAsFpdfPages(t *testing.T) {
	e := imagetest.Engine(t)
	cases := []imagetest.Case{
		{Audience: "youth", Lang: "en", Format: "flyer"},
		{Audience: "youth", Lang: "en", Format: "flyer", Logo: true},
		{Audience: "youth", Lang: "ar", Format: "flyer"},
		{Audience: "youth", Lang: "en", Format: "tearoff"},
		{Audience: "newcomers", Lang: "pa", Format: "handout", Logo: true},
		{Audience: "health", Lang: "en", Format: "cards", Print: layout.PrintOptions{Bleed: 3 * layout.PointsPerMM, CropMarks: true}},
		{Audience: "youth", Lang: "fr+en", Format: "poster"},
	}
	if imagetest.Full() {
		for _, f := range imagetest.PageFormats() {
			for _, lang := range []string{"en", "ar", "zh-Hans"} {
				cases = append(cases, imagetest.Case{Audience: "newcomers", Lang: lang, Format: f, Logo: true})
			}
		}
	}
	for _, c := range cases {
		t.Run(c.String(), func(t *testing.T) {
			ld := imagetest.Layout(t, e, c)
			render := func(keep bool) ([]byte, uint64) {
				defer pdf.SetKeepPageContents(keep)()
				var out []byte
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				for range 5 {
					out = imagetest.PDF(t, ld)
				}
				runtime.ReadMemStats(&after)
				return out, after.TotalAlloc - before.TotalAlloc
			}
			render(true) // the scratch spares filled
			kept, keptAlloc := render(true)
			direct, directAlloc := render(false)
			if !bytes.Equal(kept, direct) {
				t.Fatalf("the kept page contents give other bytes (%d) than fpdf's pages (%d)", len(kept), len(direct))
			}
			t.Logf("5 documents allocated %d bytes with the page contents kept, %d through fpdf's pages", keptAlloc, directAlloc)
			// A logo is decoded for every document: megabytes.
			if c.Lang == "en" && c.Format == "flyer" && !c.Logo && keptAlloc*10 > directAlloc*6 {
				t.Errorf("5 documents allocated %d bytes with the page contents kept, %d through fpdf's pages", keptAlloc, directAlloc)
			}
		})
	}
}

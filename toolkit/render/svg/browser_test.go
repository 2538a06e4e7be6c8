package svg_test

import (
	"image"
	"math"
	"testing"

	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/render/imagetest"
	"github.com/awarekit/awarekit/toolkit/render/paint"
	"github.com/awarekit/awarekit/toolkit/render/png"
)

// browserCases are the pages opened in Chromium: two by default, every
// page format in every language of imagetest.Langs with AWAREKIT_FULL=1.
func browserCases() []imagetest.Case {
	sample := []imagetest.Case{
		{Audience: "newcomers", Lang: "ar", Format: "flyer", Logo: true},
		{Audience: "youth", Lang: "pa", Format: "tearoff"},
	}
	if !imagetest.Full() {
		return sample
	}
	all := []imagetest.Case{
		{Audience: "newcomers", Lang: "zh-Hans", Format: "cards", Print: layout.PrintOptions{Bleed: 3 * layout.PointsPerMM, CropMarks: true}},
	}
	for _, f := range imagetest.PageFormats() {
		for _, lang := range imagetest.Langs {
			all = append(all, imagetest.Case{Audience: "newcomers", Lang: lang, Format: f})
		}
	}
	// The clinician card is made for health only, in English and French
	// (newcomers' cases skip it, as the engine refuses it on purpose).
	for _, lang := range []string{"en", "fr"} {
		all = append(all, imagetest.Case{Audience: "health", Lang: lang, Format: "clinician-card"})
	}
	return append(all, sample...)
}

// TestAgainstChromium opens each SVG page in headless Chromium, a
// renderer no one here wrote, and compares its screenshot at 96 dpi with
// poppler's rendering of the PDF of the same page, and with the PNG
// backend's drawing of it.
func TestAgainstChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a browser")
	}
	bin := imagetest.Chromium(t)
	e := imagetest.Engine(t)
	// One browser per core for the full sweep; the quick run's three
	// pages take one (a Chromium start is some 2 CPU-seconds here).
	n := 1
	if imagetest.Full() {
		n = 2
	}
	browsers := make(chan *imagetest.Browser, n)
	for range cap(browsers) {
		browsers <- imagetest.NewBrowser(t, bin)
	}
	for _, c := range browserCases() {
		t.Run(c.String(), func(t *testing.T) {
			t.Parallel()
			ld := imagetest.Layout(t, e, c)
			refs := imagetest.PopplerPages(t, imagetest.PDF(t, ld), 96)
			if len(refs) != len(ld.Pages) {
				t.Fatalf("poppler drew %d pages of %d", len(refs), len(ld.Pages))
			}
			for i, pg := range ld.Pages {
				w, h := int(math.Ceil(pg.Width*96/72-1e-6)), int(math.Ceil(pg.Height*96/72-1e-6))
				shot := func() image.Image {
					b := <-browsers
					defer func() { browsers <- b }() // also when the shot fails
					return b.Screenshot(t, render(t, ld, i), w, h)
				}()
				ref := refs[i]
				d, err := imagetest.Compare(ref, shot)
				if err != nil {
					t.Fatalf("page %d: %v", i+1, err)
				}
				t.Logf("page %d against poppler: %v", i+1, d)
				drawn, err := paint.Draw(&ld.Pages[i], paint.Options{})
				if err != nil {
					t.Fatal(err)
				}
				ours, err := png.Rasterize(drawn, 96)
				if err != nil {
					t.Fatal(err)
				}
				d2, err := imagetest.Compare(ours, shot)
				if err != nil {
					t.Fatalf("page %d: %v", i+1, err)
				}
				t.Logf("page %d against png: %v", i+1, d2)
				if !d.Within(imagetest.AgreePoppler) || !d2.Within(imagetest.AgreeExact) {
					imagetest.Save(t, c.String()+"-chromium", shot)
					imagetest.Save(t, c.String()+"-poppler", ref)
					t.Errorf("page %d: Chromium's rendering differs from poppler's (%v) or the PNG backend's (%v)", i+1, d, d2)
				}
			}
		})
	}
}

package png_test

import (
	"io"
	"testing"

	"github.com/awarekit/awarekit/toolkit/render/imagetest"
	"github.com/awarekit/awarekit/toolkit/render/png"
)

// BenchmarkFlyer draws a laid-out flyer page as a PNG at 150 dpi,
// encoding included.
func BenchmarkFlyer(b *testing.B) {
	e := imagetest.Engine(b)
	for _, lang := range []string{"en", "ar", "pa", "zh-Hans"} {
		d := imagetest.Layout(b, e, imagetest.Case{Audience: "newcomers", Lang: lang, Format: "flyer"})
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := png.Render(io.Discard, d, 0, png.Options{DPI: 150}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSocialSquare draws a laid-out 1080 × 1080 social image as a
// PNG, encoding included.
func BenchmarkSocialSquare(b *testing.B) {
	e := imagetest.Engine(b)
	for _, lang := range []string{"en", "ar", "pa"} {
		d := imagetest.Layout(b, e, imagetest.Case{Audience: "newcomers", Lang: lang, Format: "social-square", Logo: true})
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := png.Render(io.Discard, d, 0, png.Options{DPI: 72}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

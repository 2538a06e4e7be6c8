package layout

import (
	"fmt"
	"math"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// TestPlaceLogoByArea checks placeLogo's rules for every band a logo
// prints in, over shapes from 60 times taller than wide to 60 times
// wider: never stretched; in the band, the spec's area unless the band's
// largest box caps it, never wider or taller than that box, and a logo
// as wide as tall or wider at least 10 mm tall; a logo goes to the strip
// exactly when it cannot be 10 mm tall in the band, and there has its
// band area, at least 10 mm tall, unless the strip's width caps it; and
// the page's two bands (full and compact) agree with the footer, which
// decides with the full band's spec, on which logos go to the strip, so
// that no logo is in neither.
func TestPlaceLogoByArea(t *testing.T) {
	specs := []struct {
		name          string
		full, compact headerSpec
	}{
		{"flyer", flyerHeaderSpec, compactHeaderSpec},
		{"poster", posterHeaderSpec, compactPosterHeaderSpec},
		{"large print", clearHeaderSpec, clearHeaderSpec},
		{"kit", kitLogoSpec, kitLogoSpec},
	}
	const stripW = 539.0
	for _, s := range specs {
		for i := -60; i <= 60; i++ {
			r := math.Pow(60, float64(i)/60) // 1/60 … 60
			img := &doc.Image{Width: int(math.Round(1000 * math.Max(r, 1))), Height: int(math.Round(1000 / math.Min(r, 1)))}
			r = float64(img.Width) / float64(img.Height)
			for _, hs := range []headerSpec{s.full, s.compact} {
				name := fmt.Sprintf("%s, %d × %d", s.name, img.Width, img.Height)
				lp := placeLogo(img, hs, stripW)
				if math.Abs(lp.w/lp.h/r-1) > 1e-9 {
					t.Errorf("%s: %.2f × %.2f is stretched", name, lp.w, lp.h)
				}
				aw, ah := math.Sqrt(hs.logoArea*r), math.Sqrt(hs.logoArea/r)
				if !lp.strip {
					capped := aw > hs.logoMaxW+1e-9 || ah > hs.logoMaxH+1e-9
					switch {
					case r >= 1 && ah < minLogoHeight && math.Abs(lp.h-minLogoHeight) > 0.01:
						t.Errorf("%s: %.1f pt tall in the band, want 10 mm: its area would make it less", name, lp.h)
					case !capped && ah >= minLogoHeight && math.Abs(lp.w*lp.h-hs.logoArea) > 0.01:
						t.Errorf("%s: %.1f square points in the band, want the spec's %.0f", name, lp.w*lp.h, hs.logoArea)
					case capped && lp.w*lp.h > hs.logoArea+0.01 && lp.h > minLogoHeight+0.01:
						t.Errorf("%s: %.1f square points, more than the spec's %.0f", name, lp.w*lp.h, hs.logoArea)
					}
					if lp.w > s.full.logoMaxW+0.01 || lp.h > hs.logoMaxH+0.01 {
						t.Errorf("%s: %.1f × %.1f, outside the band's %.0f × %.0f", name, lp.w, lp.h, hs.logoMaxW, hs.logoMaxH)
					}
					if r >= 1 && lp.h < minLogoHeight-0.01 {
						t.Errorf("%s: %.1f mm tall in the band, under 10 mm", name, lp.h/PointsPerMM)
					}
				}
				if want := minLogoHeight*r > hs.logoMaxW+0.01 && r >= 1; lp.strip != want {
					t.Errorf("%s: in the strip %v, want %v", name, lp.strip, want)
				}
				if lp.strip {
					want := max(ah, minLogoHeight)
					if want*r > stripW {
						want = stripW / r
					}
					if math.Abs(lp.h-want) > 0.01 {
						t.Errorf("%s: %.1f pt tall in the strip, want %.1f", name, lp.h, want)
					}
				}
				if foot := placeLogo(img, s.full, stripW); foot.strip != lp.strip {
					t.Errorf("%s: the band puts it in the strip %v, the footer %v: printed twice or not at all", name, lp.strip, foot.strip)
				}
			}
		}
	}
}

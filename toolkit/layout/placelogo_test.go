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
// largest box caps it, never wider than that box nor taller than it (a
// logo taller than wide may be as tall as the page's full band, tallMaxH,
// to stay 10 mm wide), and its smaller side at least 10 mm; a logo goes
// to the strip exactly when it cannot be 10 mm tall (10 mm wide, for a
// logo taller than wide) in the band, and a tall one only when it can be
// 10 mm wide standing in the strip (stripMaxH); a wide one there has its
// band area, at least 10 mm tall, unless the strip's width caps it; a
// tall one stands 10 mm wide; and the
// page's two bands (full and compact) agree with the footer, which
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
				tallMax := hs.tallMaxH
				if tallMax == 0 {
					tallMax = hs.logoMaxH
				}
				aw, ah := math.Sqrt(hs.logoArea*r), math.Sqrt(hs.logoArea/r)
				side, areaSide := min(lp.w, lp.h), min(aw, ah)
				// thin: too thin to be 10 mm wide even standing in the
				// strip; it stays in the band, under 10 mm (warned).
				thin := r < 1 && minLogoHeight/r > hs.stripMaxH+0.01
				if !lp.strip {
					capped := aw > hs.logoMaxW+1e-9 || ah > hs.logoMaxH+1e-9
					switch {
					case areaSide < minLogoHeight && !thin && math.Abs(side-minLogoHeight) > 0.01:
						t.Errorf("%s: %.1f pt on its smaller side in the band, want 10 mm: its area would make it less", name, side)
					case !capped && areaSide >= minLogoHeight && math.Abs(lp.w*lp.h-hs.logoArea) > 0.01:
						t.Errorf("%s: %.1f square points in the band, want the spec's %.0f", name, lp.w*lp.h, hs.logoArea)
					case capped && lp.w*lp.h > hs.logoArea+0.01 && side > minLogoHeight+0.01:
						t.Errorf("%s: %.1f square points, more than the spec's %.0f", name, lp.w*lp.h, hs.logoArea)
					}
					maxH := hs.logoMaxH
					if r < 1 {
						maxH = max(maxH, tallMax)
					}
					if lp.w > s.full.logoMaxW+0.01 || lp.h > maxH+0.01 {
						t.Errorf("%s: %.1f × %.1f, outside the band's %.0f × %.0f", name, lp.w, lp.h, hs.logoMaxW, maxH)
					}
					if side < minLogoHeight-0.01 && !thin {
						t.Errorf("%s: %.1f mm on its smaller side in the band, under 10 mm", name, side/PointsPerMM)
					}
				}
				want := r >= 1 && minLogoHeight*r > hs.logoMaxW+0.01 || r < 1 && minLogoHeight/r > tallMax+0.01 && !thin
				if lp.strip != want {
					t.Errorf("%s: in the strip %v, want %v", name, lp.strip, want)
				}
				switch {
				case lp.strip && r >= 1:
					want := max(ah, minLogoHeight)
					if want*r > stripW {
						want = stripW / r
					}
					if math.Abs(lp.h-want) > 0.01 {
						t.Errorf("%s: %.1f pt tall in the strip, want %.1f", name, lp.h, want)
					}
				case lp.strip:
					if want := minLogoHeight / r; math.Abs(lp.h-want) > 0.01 {
						t.Errorf("%s: %.1f pt tall standing in the strip, want %.1f", name, lp.h, want)
					}
					if !lp.tall() {
						t.Errorf("%s: %.1f × %.1f in the strip, not standing", name, lp.w, lp.h)
					}
				}
				if foot := placeLogo(img, s.full, stripW); foot.strip != lp.strip {
					t.Errorf("%s: the band puts it in the strip %v, the footer %v: printed twice or not at all", name, lp.strip, foot.strip)
				}
			}
		}
	}
}

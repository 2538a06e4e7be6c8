package doc

import "math"

// MinContrast is the WCAG 2 AA contrast ratio for body text: every text
// colour of a Palette reaches it on the background it is drawn on.
const MinContrast = 4.5

// Colours that are not the brand's, shared by every backend.
var (
	Ink    = RGB{R: 0x1A, G: 0x1A, B: 0x1A} // body text
	Muted  = RGB{R: 0x55, G: 0x55, B: 0x55} // sources, captions
	Danger = RGB{R: 0xA4, G: 0x10, B: 0x1A} // "in danger, call 911"
	White  = RGB{R: 0xFF, G: 0xFF, B: 0xFF}
	Black  = RGB{}
)

// Palette is the brand colour put to work. It is computed once, by
// NewPalette, and every backend (the layouts behind PDF, SVG and PNG, and
// HTML) draws with it, so a page reads the same in every format.
type Palette struct {
	Band   RGB // the header band: the brand colour
	OnBand RGB // text on the band: white, else ink, else black, whichever first reads on it
	Accent RGB // headings, rules and the hotline on white: the brand colour, darkened until it reads
	Panel  RGB // the help panel: a tint of the brand that every text colour reads on, else white
}

// NewPalette makes the palette of a brand colour with WCAG 2 contrast:
// every text colour at least MinContrast on its background. Orange
// #e67e22, 2.85:1 with white, gets dark text on its band and a darker
// orange for headings.
func NewPalette(brand RGB) Palette {
	p := Palette{Band: brand, OnBand: Black, Accent: brand}
	for _, c := range []RGB{White, Ink} {
		if Contrast(brand, c) >= MinContrast {
			p.OnBand = c
			break
		}
	}
	// Darken in small steps, keeping the hue, until it reads on white.
	for i := 1; Contrast(p.Accent, White) < MinContrast; i++ {
		p.Accent = shade(brand, 1-float64(i)*0.05)
	}
	p.Panel = Tint(brand, 0.1)
	for _, c := range []RGB{p.Accent, Ink, Muted, Danger} {
		if Contrast(c, p.Panel) < MinContrast {
			p.Panel = White
		}
	}
	return p
}

// Contrast is the WCAG 2 contrast ratio of two colours, from 1 to 21.
func Contrast(a, b RGB) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Luminance is the WCAG 2 relative luminance of c, 0 (black) to 1 (white).
func (c RGB) Luminance() float64 {
	return 0.2126*linear[c.R] + 0.7152*linear[c.G] + 0.0722*linear[c.B]
}

// linear is each 8-bit sRGB value made linear, as WCAG 2 defines it: a
// layout asks for colours' contrast a thousand times a page.
var linear = func() (t [256]float64) {
	for v := range t {
		s := float64(v) / 255
		if s <= 0.04045 {
			t[v] = s / 12.92
		} else {
			t[v] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return t
}()

// Tint mixes c with white; amount 0 is white, 1 is c.
func Tint(c RGB, amount float64) RGB {
	mix := func(v uint8) uint8 { return uint8(255 - (255-float64(v))*amount + 0.5) }
	return RGB{R: mix(c.R), G: mix(c.G), B: mix(c.B)}
}

// shade mixes c with black; amount 1 is c, 0 is black.
func shade(c RGB, amount float64) RGB {
	amount = max(amount, 0)
	mix := func(v uint8) uint8 { return uint8(float64(v)*amount + 0.5) }
	return RGB{R: mix(c.R), G: mix(c.G), B: mix(c.B)}
}

// Darken is c, darkened in small steps keeping its hue, until it has at
// least ratio contrast with bg (black at worst).
func Darken(c, bg RGB, ratio float64) RGB {
	out := c
	for i := 1; Contrast(out, bg) < ratio && i <= 20; i++ {
		out = shade(c, 1-float64(i)*0.05)
	}
	return out
}

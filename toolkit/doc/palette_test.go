package doc

import "testing"

// TestPaletteContrast: for every brand colour, dark, light or in
// between, each text colour reads on its background at WCAG AA.
func TestPaletteContrast(t *testing.T) {
	var brands []RGB
	for r := 0; r < 256; r += 17 {
		for g := 0; g < 256; g += 17 {
			for b := 0; b < 256; b += 17 {
				brands = append(brands, RGB{uint8(r), uint8(g), uint8(b)})
			}
		}
	}
	brands = append(brands, RGB{0xE6, 0x7E, 0x22}, RGB{0x77, 0x77, 0x77}, RGB{0x0B, 0x5C, 0x6B})
	for _, b := range brands {
		p := NewPalette(b)
		pairs := []struct {
			what     string
			fg, back RGB
		}{
			{"text on the band", p.OnBand, p.Band},
			{"accent on white", p.Accent, White},
			{"accent on the panel", p.Accent, p.Panel},
			{"ink on the panel", Ink, p.Panel},
			{"muted on the panel", Muted, p.Panel},
			{"danger on the panel", Danger, p.Panel},
		}
		for _, pr := range pairs {
			if c := Contrast(pr.fg, pr.back); c < MinContrast {
				t.Errorf("brand %v: %s is %.2f:1, under %.1f:1", b, pr.what, c, MinContrast)
			}
		}
	}
}

// TestPaletteOrange is issue 9's case: #e67e22 gave white text at 2.85:1.
func TestPaletteOrange(t *testing.T) {
	orange := RGB{0xE6, 0x7E, 0x22}
	if c := Contrast(orange, White); c > 2.9 || c < 2.8 {
		t.Fatalf("contrast of orange on white %.2f, want 2.85", c)
	}
	p := NewPalette(orange)
	if p.Band != orange || p.OnBand != Ink {
		t.Errorf("orange band %v with text %v, want the orange with ink", p.Band, p.OnBand)
	}
	if p.Accent == orange || p.Accent.R < p.Accent.G || p.Accent.G < p.Accent.B {
		t.Errorf("accent %v: want a darker orange", p.Accent)
	}
	teal := NewPalette(RGB{0x0B, 0x5C, 0x6B})
	if teal.OnBand != White || teal.Accent != teal.Band {
		t.Errorf("the default teal changed: %+v", teal)
	}
}

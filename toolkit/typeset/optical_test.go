package typeset

import (
	"math"
	"testing"

	"github.com/go-text/typesetting/language"
)

// inkTop is the highest point of a glyph's outline in ems, read from its
// path (a second way to measure than the glyph extents Optical reads).
func inkTop(t *testing.T, f *Font, r rune) float64 {
	t.Helper()
	gid, ok := f.font.Cmap.Lookup(r)
	if !ok {
		t.Fatalf("%s has no %q", f.Name, r)
	}
	o, ok := f.Outline(uint16(gid))
	if !ok {
		t.Fatalf("%s has no outline for %q", f.Name, r)
	}
	top := math.Inf(-1)
	for _, s := range o.Segments {
		for _, p := range s.ArgsSlice() {
			top = max(top, float64(p.Y))
		}
	}
	return top / float64(f.UnitsPerEm())
}

// meanTop is the mean of inkTop over letters.
func meanTop(t *testing.T, f *Font, letters string) float64 {
	sum, n := 0.0, 0
	for _, r := range letters {
		sum += inkTop(t, f, r)
		n++
	}
	return sum / float64(n)
}

// TestOpticalMeasuredFromFonts checks each script's factor against the
// ratio of the ink heights of its letters and Latin's, measured from the
// glyph outlines of the fonts that draw them: a factor follows the font,
// not the language (Arabic in DejaVu Sans for ar, in Noto Sans Arabic
// for ur, each its own), and a script whose letters look small beside
// Latin's at one size is set larger.
func TestOpticalMeasuredFromFonts(t *testing.T) {
	t.Parallel()
	ts := embeddedSetter(t)
	base, err := ts.fonts.Base()
	if err != nil {
		t.Fatal(err)
	}
	x, capH := meanTop(t, base.Regular, latinX), meanTop(t, base.Regular, latinCap)
	tests := []struct {
		name, lang, text string
		own              []string // the script's lines
		latin            float64  // Latin's optical height
		larger           bool     // the script looks small beside Latin at one size
	}{
		{"Gurmukhi", "pa", "ਮਨੁੱਖੀ ਤਸਕਰੀ ਬਾਰੇ ਜਾਣਕਾਰੀ", []string{"ਕਮਸ"}, capH, true},
		{"Arabic in DejaVu Sans", "ar", "الاتجار بالبشر", []string{"همس", "الك"}, (x + capH) / 2, true},
		{"Arabic in Noto Sans Arabic", "ur", "انسانی اسمگلنگ", []string{"همس", "الك"}, (x + capH) / 2, true},
		{"Devanagari", "hi", "मानव तस्करी की जानकारी", []string{"कमस"}, capH, true},
		{"Han", "zh-Hans", "人口贩运是一种严重的犯罪", []string{"国中人大"}, capH, false},
	}
	got := map[string]float64{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ts.Set(tt.text, Options{Style: Style{Size: 12}, Lang: tt.lang})
			fontsOrSkip(t, err)
			f := p.Lines[0].Runs[0].Font
			own := 0.0
			for _, l := range tt.own {
				own += meanTop(t, f, l)
			}
			own /= float64(len(tt.own))
			want := tt.latin / own
			v := ts.Optical(tt.text, tt.lang)
			if math.Abs(v-want) > 0.005 {
				t.Errorf("Optical = %.3f, want %.3f (Latin %.3f em, %s %.3f em)", v, want, tt.latin, f.Name, own)
			}
			if tt.larger != (v > 1.02) {
				t.Errorf("Optical = %.3f: the letters of %s in %s measure %.3f em beside Latin's %.3f", v, tt.name, f.Name, own, tt.latin)
			}
			if r := ts.RunOptical(p.Lines[0].Runs[0]); math.Abs(r-v) > 1e-9 {
				t.Errorf("RunOptical = %.3f, Optical %.3f", r, v)
			}
			// A bold run is measured by its family's regular face, as
			// the layouts set it.
			bp, err := ts.Set(tt.text, Options{Style: Style{Size: 12, Bold: true}, Lang: tt.lang})
			fontsOrSkip(t, err)
			if r := ts.RunOptical(bp.Lines[0].Runs[0]); math.Abs(r-v) > 1e-9 {
				t.Errorf("bold: RunOptical = %.3f, Optical %.3f", r, v)
			}
			got[tt.lang] = v
			t.Logf("%s in %s: × %.3f", tt.name, f.Name, v)
		})
	}
	if ar, ur := got["ar"], got["ur"]; ar != 0 && ur != 0 && ar == ur {
		t.Errorf("Arabic is × %.3f in DejaVu Sans and in Noto Sans Arabic: not measured from the font", ar)
	}
	// Latin, digits and Cyrillic in the base font are set as asked.
	for _, s := range []string{"Know the signs", "1-833-900-1010", "торгівля людьми", ""} {
		if v := ts.Optical(s, "en"); math.Abs(v-1) > 0.01 {
			t.Errorf("Optical(%q) = %.3f, want 1", s, v)
		}
	}
	// A Latin name in a Gurmukhi line is Latin: the text's main script
	// decides.
	if v := ts.Optical("Service Canada ਸੇਵਾ", "pa"); v != 1 {
		t.Errorf("a mostly Latin text is × %.3f", v)
	}
	if mainScript("ਮਨੁੱਖੀ ਤਸਕਰੀ (Canada)") != language.Gurmukhi {
		t.Error("main script of a Gurmukhi text is not Gurmukhi")
	}
}

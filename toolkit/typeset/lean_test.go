package typeset

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// TestLeanFontMeasuresAsWhole: a font parsed without its outlines
// (parseLean) gives every glyph the box, extents and advance the whole
// font gives, so shaping, measuring and the layouts built on them are
// unchanged; and it is lean: its glyphs have no points, while Outline
// still draws them from the whole file.
func TestLeanFontMeasuresAsWhole(t *testing.T) {
	files := map[string][]byte{"DejaVu Sans": dejavusans.TTF, "DejaVu Sans Bold": dejavusansbold.TTF}
	// Fonts of the scripts the embedded ones lack, where this machine
	// has them (Debian's fonts-noto-core).
	for _, name := range []string{"NotoSansGurmukhi-Regular.ttf", "NotoNaskhArabic-Bold.ttf", "NotoSansEthiopic-Regular.ttf", "NotoSansDevanagari-Regular.ttf"} {
		if data, err := os.ReadFile(filepath.Join("/usr/share/fonts/truetype/noto", name)); err == nil {
			files[name] = data
		}
	}
	for name, data := range files {
		whole, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lean, err := parseLean(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, ok := leanFont(data); !ok {
			t.Errorf("%s was parsed whole, not lean", name)
		}
		ld, err := ot.NewLoader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		maxp, err := ld.RawTable(tagMaxp)
		if err != nil {
			t.Fatal(err)
		}
		n := int(binary.BigEndian.Uint16(maxp[4:]))
		outlined := 0
		for gid := range font.GID(n) {
			we, wok := whole.GlyphExtents(gid)
			le, lok := lean.GlyphExtents(gid)
			if we != le || wok != lok {
				t.Fatalf("%s glyph %d: extents %+v %v lean, %+v %v whole", name, gid, le, lok, we, wok)
			}
			if wa, la := whole.HorizontalAdvance(gid), lean.HorizontalAdvance(gid); wa != la {
				t.Fatalf("%s glyph %d: advance %v lean, %v whole", name, gid, la, wa)
			}
			if o, _ := whole.GlyphDataOutline(gid); len(o.Segments) > 0 {
				outlined++
				if lo, _ := lean.GlyphDataOutline(gid); len(lo.Segments) > 0 {
					t.Fatalf("%s glyph %d: the lean font has its outline", name, gid)
				}
			}
		}
		if outlined < n/2 {
			t.Errorf("%s: only %d of %d glyphs have outlines", name, outlined, n)
		}
		if we, le := whole.FontHExtents, lean.FontHExtents; func() bool { a, _ := we(); b, _ := le(); return a != b }() {
			t.Errorf("%s: the font's extents differ", name)
		}
	}
	// Outline reads the whole file.
	fam, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	gid, _ := fam.Regular.font.Cmap.Lookup('A')
	if o, ok := fam.Regular.Outline(uint16(gid)); !ok || len(o.Segments) == 0 {
		t.Errorf("Outline of A: %d segments, %v", len(o.Segments), ok)
	}
}

// TestLeanFontRefusesWhatItCannotCut: a font leanFont cannot cut (not
// TrueType, glyph locations past the table) is parsed whole.
func TestLeanFontRefusesWhatItCannotCut(t *testing.T) {
	if _, ok := leanFont([]byte("OTTO\x00\x00")); ok {
		t.Error("a CFF font was cut")
	}
	if _, ok := leanFont(nil); ok {
		t.Error("no data was cut")
	}
	// Truncating the file cuts the glyf table short.
	if _, ok := leanFont(dejavusans.TTF[:len(dejavusans.TTF)/2]); ok {
		t.Error("a truncated font was cut")
	}
}

package typeset

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-text/typesetting/font"
)

// outlineFonts are the embedded fonts and, where this machine has them
// (Debian's fonts-noto-core), the system fonts of the scripts they lack.
func outlineFonts(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{"DejaVu Sans": dejavusans.TTF, "DejaVu Sans Bold": dejavusansbold.TTF}
	for _, name := range []string{"NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf", "NotoSansArabic-Bold.ttf", "NotoNaskhArabic-Regular.ttf",
		"NotoSansEthiopic-Regular.ttf", "NotoSansDevanagari-Bold.ttf"} {
		data, err := os.ReadFile(filepath.Join("/usr/share/fonts/truetype/noto", name))
		switch {
		case err == nil:
			files[name] = data
		case os.Getenv("AWAREKIT_REQUIRE_FONTS") != "":
			t.Fatalf("%s: %v", name, err)
		}
	}
	return files
}

// TestOutlinesReadInBlocks: every glyph's outline, read a block of glyphs
// at a time (outlineReader), is the one go-text reads from the whole
// font, point for point, composite glyphs (é, Gurmukhi and Arabic
// ligatures) included; so the PNG and SVG backends and the pictures of
// index.html draw the same.
func TestOutlinesReadInBlocks(t *testing.T) {
	t.Parallel()
	for name, data := range outlineFonts(t) {
		whole, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f, err := ParseFont(name, "test", data)
		if err != nil {
			t.Fatal(err)
		}
		r := newOutlineReader(f)
		if r.whole != nil {
			t.Fatalf("%s was read whole, not in blocks", name)
		}
		n := len(r.loca) - 1
		composite := 0
		for gid := range n {
			want, wok := whole.GlyphDataOutline(font.GID(gid))
			got, ok := r.outline(uint16(gid))
			if ok != wok || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s glyph %d: outline of %d segments (%v) in blocks, %d (%v) whole", name, gid, len(got.Segments), ok, len(want.Segments), wok)
			}
			if g := r.glyf[r.loca[gid]:r.loca[gid+1]]; len(g) >= 2 && g[0]&0x80 != 0 {
				composite++
			}
		}
		if r.fallback != nil {
			t.Errorf("%s: a block did not parse; the whole font was read", name)
		}
		t.Logf("%s: %d glyphs, %d composite, %d blocks", name, n, composite, len(r.blocks))
	}
}

// TestOutlinesHoldLittle: drawing the glyphs of a page keeps the blocks
// they are in, not the whole font. A go-text Face made of the whole font
// keeps every glyph's points: DejaVu Sans and Bold and Noto Sans
// Gurmukhi and Bold held 3.7 MB of a build of 100 Punjabi flyers, whose
// first pages index.html shows.
func TestOutlinesHoldLittle(t *testing.T) {
	text := "Know the signs. You can get help. Partner organisation 1234567890 (604) 555-0134 www.example.org — “safe” é ñ ü " +
		"ਮਦਦ ਲਈ ਕਾਲ ਕਰੋ। ਤੁਸੀਂ ਇਕੱਲੇ ਨਹੀਂ ਹੋ ਸਹਾਇਤਾ ਮੁਫ਼ਤ ਅਤੇ ਗੁਪਤ ਹੈ"
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	for name, data := range outlineFonts(t) {
		f, err := ParseFont(name, "test", data)
		if err != nil {
			t.Fatal(err)
		}
		var gids []uint16
		for _, r := range text {
			if gid, ok := f.font.Cmap.Lookup(r); ok {
				gids = append(gids, uint16(gid))
			}
		}
		if len(gids) < 20 {
			continue // not a font of this text
		}
		base := heap()
		for _, gid := range gids {
			if _, ok := f.Outline(gid); !ok {
				t.Fatalf("%s: no outline for glyph %d", name, gid)
			}
		}
		held := int64(heap()) - int64(base)
		runtime.KeepAlive(f)
		outlineReaders.Delete(f)
		t.Logf("%s: the outlines of %d glyphs hold %.0f KB", name, len(gids), float64(held)/1024)
		const limit = 512 << 10
		if held > limit {
			t.Errorf("%s: reading the outlines of %d glyphs holds %.0f KB of heap, over %d KB", name, len(gids), float64(held)/1024, limit>>10)
		}
	}
}

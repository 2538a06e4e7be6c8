package typeset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"

	"github.com/awarekit/awarekit/toolkit/typeset/typesettest"
)

// TestExtractFace: each face cut out of a collection is the font that
// went in: the same family, weight and glyphs.
func TestExtractFace(t *testing.T) {
	ttc := typesettest.Collection(t, dejavusans.TTF, dejavusansbold.TTF)
	if n, err := collectionFaces(ttc); err != nil || n != 2 {
		t.Fatalf("faces = %d, %v", n, err)
	}
	for i, want := range []struct {
		data   []byte
		weight font.Weight
	}{{dejavusans.TTF, font.WeightNormal}, {dejavusansbold.TTF, font.WeightBold}} {
		face, err := extractFace(ttc, i)
		if err != nil {
			t.Fatal(err)
		}
		got, err := font.ParseTTF(bytes.NewReader(face))
		if err != nil {
			t.Fatalf("face %d: %v", i, err)
		}
		orig, _ := font.ParseTTF(bytes.NewReader(want.data))
		if d := got.Describe(); d.Family != "DejaVu Sans" || d.Aspect.Weight != want.weight {
			t.Errorf("face %d is %s %v", i, d.Family, d.Aspect.Weight)
		}
		for _, r := range "Aaਅ۱Ж1" {
			g1, ok1 := got.NominalGlyph(r)
			g2, ok2 := orig.NominalGlyph(r)
			if ok1 != ok2 || g1 != g2 || (ok1 && got.HorizontalAdvance(g1) != orig.HorizontalAdvance(g2)) {
				t.Errorf("face %d draws %q differently from the font that went in", i, r)
			}
		}
	}
	f, err := parseFace("test.ttc", ttc, 1)
	if err != nil || f.Name != "DejaVu Sans Bold" || !f.Bold {
		t.Errorf("parseFace = %+v, %v", f, err)
	}
}

// TestHostileCollection: a collection that lies about its faces or its
// tables is an error, never a panic or a huge allocation.
func TestHostileCollection(t *testing.T) {
	good := typesettest.Collection(t, dejavusans.TTF)
	set32 := func(at int, v uint32) []byte {
		b := bytes.Clone(good)
		binary.BigEndian.PutUint32(b[at:], v)
		return b
	}
	tests := []struct {
		name string
		data []byte
		face int
	}{
		{"no faces", set32(8, 0), 0},
		{"a million faces", set32(8, 1_000_000), 0},
		{"face past the end", set32(12, uint32(len(good))), 0},
		{"face index too big", good, 3},
		{"negative face", good, -1},
		{"cut short", good[:40], 0},
		{"table past the end", func() []byte {
			b := bytes.Clone(good)
			dir := int(binary.BigEndian.Uint32(b[12:]))
			binary.BigEndian.PutUint32(b[dir+12+8:], 0xFFFFFF00)
			return b
		}(), 0},
		{"too many tables", func() []byte {
			b := bytes.Clone(good)
			dir := int(binary.BigEndian.Uint32(b[12:]))
			binary.BigEndian.PutUint16(b[dir+4:], 0xFFFF)
			return b
		}(), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := extractFace(tt.data, tt.face); err == nil {
				t.Error("no error")
			}
			if _, err := parseFace("x.ttc", tt.data, tt.face); err == nil {
				t.Error("parseFace: no error")
			}
		})
	}
}

// TestCollectionFound: a script's family found in a collection is used,
// its regular and bold faces each from their place in the file, as
// Windows's Nirmala UI and macOS's PingFang are.
func TestCollectionFound(t *testing.T) {
	regular := systemFont(t, "NotoSansGurmukhi-Regular.ttf")
	bold := systemFont(t, "NotoSansGurmukhi-Bold.ttf")
	dir := t.TempDir()
	// Bold first, so the regular face is not face 0.
	if err := os.WriteFile(filepath.Join(dir, "Gurmukhi.ttc"), typesettest.Collection(t, bold, regular), 0o644); err != nil {
		t.Fatal(err)
	}
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := NewFonts(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	fonts.SearchIn([]string{dir})
	fam := fonts.forScript(language.Gurmukhi)
	if fam == nil || fam.Regular == nil || fam.Bold == nil {
		t.Fatalf("the collection's family was not found: %+v", fam)
	}
	if fam.Regular.Bold || !fam.Bold.Bold || fam.Regular.Source != filepath.Join(dir, "Gurmukhi.ttc") {
		t.Errorf("regular %s (%s), bold %s", fam.Regular.Name, fam.Regular.Source, fam.Bold.Name)
	}
	ts := New(fonts)
	if _, err := ts.Sources("ਮਨੁੱਖੀ ਤਸਕਰੀ", Options{Lang: "pa"}); err != nil {
		t.Errorf("Punjabi with the collection's fonts: %v", err)
	}
}

// systemFont reads a font file of fonts-noto-core (or skips, or fails
// in CI, as the other font tests do).
func systemFont(t *testing.T, name string) []byte {
	t.Helper()
	for _, dir := range []string{"/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"} {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			return data
		}
	}
	msg := name + " is not installed; install the Debian package fonts-noto-core"
	if strings.HasPrefix(name, "NotoSansCJK") {
		msg = name + " is not installed; install the Debian package fonts-noto-cjk"
	}
	if os.Getenv("AWAREKIT_REQUIRE_FONTS") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return nil
}

// TestNotoCJKCollection reads Debian's Noto Sans CJK, an OpenType
// collection: every face is found and cut out whole; its outlines are
// CFF, which the PDF writer cannot embed, so the search passes it over
// and the message says to use a TrueType font.
func TestNotoCJKCollection(t *testing.T) {
	t.Parallel()
	data := systemFont(t, "NotoSansCJK-Regular.ttc")
	n, err := collectionFaces(data)
	if err != nil || n < 2 {
		t.Fatalf("faces = %d, %v", n, err)
	}
	var families []string
	for i := range n {
		face, err := extractFace(data, i)
		if err != nil {
			t.Fatalf("face %d: %v", i, err)
		}
		f, err := font.ParseTTF(bytes.NewReader(face))
		if err != nil {
			t.Fatalf("face %d does not parse once cut out: %v", i, err)
		}
		families = append(families, f.Describe().Family)
		if g, ok := f.NominalGlyph('人'); !ok || g == 0 {
			t.Errorf("face %d (%s) has no 人", i, f.Describe().Family)
		}
	}
	if !strings.Contains(strings.Join(families, ","), "Noto Sans CJK SC") {
		t.Errorf("families: %v", families)
	}
	_, err = parseFace("NotoSansCJK-Regular.ttc", data, 0)
	if err == nil || !strings.Contains(err.Error(), "CFF") || !strings.Contains(err.Error(), "TrueType") {
		t.Errorf("a CFF face: %v", err)
	}
	// Alone in a folder, it is passed over, and a Chinese character is
	// an error that says what to install.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "NotoSansCJK-Regular.ttc"), data, 0o644)
	base, _ := Embedded()
	fonts, _ := NewFonts(base, nil)
	fonts.SearchIn([]string{dir})
	if fam := fonts.forScript(language.Han); fam != nil {
		t.Errorf("a CFF collection was taken for Chinese: %s", fam.Regular.Name)
	}
	_, err = New(fonts).Sources("人口贩卖", Options{Lang: "zh-Hans"})
	if err == nil || !strings.Contains(err.Error(), "fonts-droid-fallback") {
		t.Errorf("Chinese without a TrueType font: %v", err)
	}
}

// TestInstallHint: the message for a missing font names what the
// person's own system offers.
func TestInstallHint(t *testing.T) {
	tests := []struct {
		goos string
		sc   language.Script
		want []string
	}{
		{"linux", language.Gurmukhi, []string{"fonts-noto-core", "Noto Sans Gurmukhi", "Guru"}},
		{"windows", language.Gurmukhi, []string{"Nirmala UI", "Settings"}},
		{"windows", language.Ethiopic, []string{"Ebrima"}},
		{"windows", language.Han, []string{"Microsoft YaHei"}},
		{"darwin", language.Han, []string{"PingFang SC", "Font Book"}},
		{"darwin", language.Devanagari, []string{"Kohinoor Devanagari"}},
		{"linux", language.Han, []string{"fonts-droid-fallback"}},
		// A script of none of awarekit's languages: installing a font
		// does not help, naming it does.
		{"linux", language.Thai, []string{"for Thai under fonts:", "only for the scripts of its own languages"}},
	}
	for _, tt := range tests {
		got := installHintFor(tt.goos, tt.sc)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s, %s: %q lacks %q", tt.goos, tt.sc, got, w)
			}
		}
	}
}

// TestMissingScriptNamesTheFontOnce: a font named under fonts: for a
// script it lacks (DejaVu Sans for Gurmukhi) is named once, with the
// script it lacks and what to install, not "tried DejaVu Sans, DejaVu
// Sans".
func TestMissingScriptNamesTheFontOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "DejaVuSans.ttf")
	if err := os.WriteFile(path, dejavusans.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	fonts, err := EmbeddedFonts(map[string][]string{"Guru": {path}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(fonts).Set("ਮਦਦ", Options{Lang: "pa", Style: Style{Size: 10}})
	var missing *MissingGlyphError
	if !errors.As(err, &missing) {
		t.Fatalf("Set = %v, want a MissingGlyphError", err)
	}
	msg := err.Error()
	if strings.Count(msg, "DejaVu Sans") != 1 {
		t.Errorf("%q: want DejaVu Sans named once", msg)
	}
	for _, want := range []string{"a Gurmukhi character", "named for it under fonts:", "has no Gurmukhi", "Guru"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q: want it to say %q", msg, want)
		}
	}
	if runtime.GOOS == "linux" && !strings.Contains(msg, "fonts-noto-core") {
		t.Errorf("%q: want the Debian package", msg)
	}
}

// TestMissingSymbolSaysTakeItOut: a symbol no font draws (an emoji
// pasted into a contact's label) is named as a symbol, with taking it
// out as the first fix, not as "a Zyyy character".
func TestMissingSymbolSaysTakeItOut(t *testing.T) {
	_, err := embeddedSetter(t).Set("Club \U0001F308", Options{Lang: "en", Style: Style{Size: 10}})
	var missing *MissingGlyphError
	if !errors.As(err, &missing) {
		t.Fatalf("Set = %v, want a MissingGlyphError", err)
	}
	msg := err.Error()
	for _, want := range []string{"(U+1F308), a symbol character,", "take it out of the text it is in (a name, a contact, your own words), or install"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q: want it to say %q", msg, want)
		}
	}
	if strings.Contains(msg, "Zyyy") {
		t.Errorf("%q names the script by its code", msg)
	}
}

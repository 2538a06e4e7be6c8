package cidfont

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-text/typesetting/font"
)

// tableOffset returns where table tag starts in a font file.
func tableOffset(tb testing.TB, data []byte, tag string) int {
	tb.Helper()
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		if string(rec[:4]) == tag {
			return int(binary.BigEndian.Uint32(rec[8:]))
		}
	}
	tb.Fatalf("no %q table", tag)
	return 0
}

func TestParseErrors(t *testing.T) {
	restricted := slices.Clone(dejavusans.TTF)
	binary.BigEndian.PutUint16(restricted[tableOffset(t, restricted, "OS/2")+8:], 0x0002)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{name: "empty", data: nil, want: "too short"},
		{name: "OpenType CFF", data: []byte("OTTO\x00\x01\x00\x00\x00\x00\x00\x00"), want: "OpenType CFF fonts (OTTO) are not supported; use a TrueType (glyf) font"},
		{name: "collection", data: []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x00"), want: "TrueType collections (ttcf) are not supported"},
		{name: "not a font", data: []byte("%PDF-1.4 not a font"), want: "not a TrueType font"},
		{name: "cut in the table directory", data: dejavusans.TTF[:100], want: "table directory runs past the end"},
		{name: "cut in the tables", data: dejavusans.TTF[:len(dejavusans.TTF)/2], want: "runs past the end of the file"},
		{name: "licence forbids embedding", data: restricted, want: "licence forbids embedding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(tt.data)
			if err == nil {
				t.Fatalf("Parse succeeded (%d units per em)", f.UnitsPerEm())
			}
			if !strings.HasPrefix(err.Error(), "parse font: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	f, err := Parse(dejavusans.TTF)
	if err != nil {
		t.Fatal(err)
	}
	if f.UnitsPerEm() != 2048 {
		t.Errorf("UnitsPerEm = %d, want 2048", f.UnitsPerEm())
	}
	if f.psName != "DejaVuSans" {
		t.Errorf("PostScript name %q, want DejaVuSans", f.psName)
	}
}

// firstComposite returns the first composite glyph of f.
func firstComposite(tb testing.TB, f *Font) uint16 {
	tb.Helper()
	for g := range f.numGlyphs {
		if d := f.glyphData(g); len(d) >= 10 && int16(binary.BigEndian.Uint16(d)) < 0 {
			return uint16(g)
		}
	}
	tb.Fatal("no composite glyph")
	return 0
}

// plainSpec is the glyph spec of one of the font's glyphs drawn as it is.
func plainSpec(gid uint16) string { return string([]byte{byte(gid >> 8), byte(gid)}) }

// outline returns the outline of glyph g of face.
func outline(tb testing.TB, face *font.Face, g int) []font.Segment {
	tb.Helper()
	o, ok := face.GlyphDataOutline(font.GID(g))
	if !ok {
		tb.Fatalf("no outline for glyph %d", g)
	}
	return o.Segments
}

// TestSubset checks the subset's structure: glyph k+1 draws the k-th spec
// with the font's outline and metrics, composite components come after
// them renumbered, no hinting is left, the tables a PDF needs and no
// others, correct checksums; and that go-text reads it back.
func TestSubset(t *testing.T) {
	tf := dejaVuSans(t)
	f := tf.font
	composite := firstComposite(t, f)
	components, err := f.componentGlyphs(int(composite), nil)
	if err != nil {
		t.Fatal(err)
	}
	gids := []uint16{36, 68, composite, 68} // A, a, a composite glyph, and a again (other text)
	specs := make([]string, len(gids))
	for i, g := range gids {
		specs[i] = plainSpec(g)
	}
	program, err := f.subset(specs)
	if err != nil {
		t.Fatal(err)
	}

	if sum := checksum(program); sum != 0xB1B0AFBA {
		t.Errorf("whole-file checksum %#x, want 0xB1B0AFBA", sum)
	}
	var tags []string
	for i := range int(binary.BigEndian.Uint16(program[4:])) {
		rec := program[12+16*i:]
		tag := string(rec[:4])
		tags = append(tags, tag)
		off, n := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		table := slices.Clone(program[off : off+n])
		if tag == "head" {
			binary.BigEndian.PutUint32(table[8:], 0)
		}
		if binary.BigEndian.Uint32(rec[4:]) != checksum(table) {
			t.Errorf("table %q: wrong checksum", tag)
		}
	}
	if want := []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post"}; !slices.Equal(tags, want) {
		t.Errorf("tables %q, want %q", tags, want)
	}

	sub, err := Parse(program)
	if err != nil {
		t.Fatalf("parse subset: %v", err)
	}
	if want := 1 + len(gids) + len(components); sub.numGlyphs != want {
		t.Errorf("subset has %d glyphs, want %d (.notdef, the specs, the components)", sub.numGlyphs, want)
	}
	for g := range sub.numGlyphs {
		d := sub.glyphData(g)
		if len(d) < 10 {
			continue
		}
		if n := int(int16(binary.BigEndian.Uint16(d))); n >= 0 {
			if binary.BigEndian.Uint16(d[10+2*n:]) != 0 {
				t.Errorf("glyph %d keeps hinting instructions", g)
			}
		}
	}

	face, err := font.ParseTTF(bytes.NewReader(program))
	if err != nil {
		t.Fatalf("go-text: parse subset: %v", err)
	}
	for i, g := range gids {
		if got, want := outline(t, face, i+1), outline(t, tf.face, int(g)); !slices.Equal(got, want) {
			t.Errorf("glyph %d (the font's %d): outline differs", i+1, g)
		}
		if sub.advances[i+1] != f.advances[g] || sub.lsbs[i+1] != f.lsbs[g] {
			t.Errorf("glyph %d (the font's %d): metrics changed", i+1, g)
		}
	}
}

// TestSubsetComposites checks the document's own composite glyphs: a glyph
// moved by an offset, and two glyphs side by side.
func TestSubsetComposites(t *testing.T) {
	tf := dejaVuSans(t)
	f := tf.font
	w := NewWriter(nil)
	spec := func(glyphs ...Glyph) string {
		b, err := w.glyphSpec(f, glyphs)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const a, v = 68, 57 // a and V
	// The composites come first, so their components are renumbered to
	// glyphs after them.
	specs := []string{
		spec(Glyph{GID: a, XAdvance: 1255, XOffset: 100, YOffset: -300}),
		spec(Glyph{GID: v, XAdvance: 1300}, Glyph{GID: a, XAdvance: 1200, YOffset: 400}),
		plainSpec(v),
	}
	program, err := f.subset(specs)
	if err != nil {
		t.Fatal(err)
	}
	face, err := font.ParseTTF(bytes.NewReader(program))
	if err != nil {
		t.Fatalf("go-text: parse subset: %v", err)
	}
	shifted := func(segs []font.Segment, dx, dy float32) []font.Segment {
		out := slices.Clone(segs)
		for i := range out {
			args := out[i].ArgsSlice()
			for j := range args {
				args[j].X += dx
				args[j].Y += dy
			}
		}
		return out
	}
	tests := []struct {
		name    string
		gid     int
		want    []font.Segment
		advance float32
	}{
		{name: "moved glyph", gid: 1, want: shifted(outline(t, tf.face, a), 100, -300), advance: 1255},
		{name: "two glyphs", gid: 2, want: append(outline(t, tf.face, v), shifted(outline(t, tf.face, a), 1300, 400)...), advance: 2500},
		{name: "plain glyph", gid: 3, want: outline(t, tf.face, v), advance: float32(f.advances[v])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outline(t, face, tt.gid); !slices.Equal(got, tt.want) {
				t.Errorf("outline differs:\n got %v\nwant %v", got, tt.want)
			}
			if got := face.HorizontalAdvance(font.GID(tt.gid)); got != tt.advance {
				t.Errorf("advance %v, want %v", got, tt.advance)
			}
		})
	}
}

// FuzzParse feeds Parse and the subsetter damaged fonts: they may fail but
// must not panic.
func FuzzParse(f *testing.F) {
	// A small but whole font as a seed: DejaVu Sans cut down to a few
	// glyphs, a composite one among them.
	dejavu, err := Parse(dejavusans.TTF)
	if err != nil {
		f.Fatal(err)
	}
	small, err := dejavu.subset([]string{plainSpec(3), plainSpec(36), plainSpec(68), plainSpec(firstComposite(f, dejavu))})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small, 68)
	f.Add(small[:len(small)/2], 36)
	f.Add(dejavusans.TTF[:4096], 3)
	f.Fuzz(func(t *testing.T, data []byte, gid int) {
		fnt, err := Parse(data)
		if err != nil {
			return
		}
		g := uint16(gid % fnt.numGlyphs)
		if gid < 0 {
			g = 0
		}
		w := NewWriter(nil)
		spec, err := w.glyphSpec(fnt, []Glyph{{GID: g, XAdvance: 500}, {GID: g, YOffset: 200}})
		if err != nil {
			return
		}
		_, _ = fnt.subset([]string{plainSpec(g), string(spec)})
	})
}

package typeset

import (
	"bytes"
	"sync"

	"github.com/go-text/typesetting/font"
)

// outlineFaces holds one go-text Face per font for reading outlines, made
// from the whole font file when the first outline is asked for (the
// typesetter's fonts have none: parseLean): a Face carries a cache sized
// by the font's glyph count (tens of thousands in a Chinese font), too
// much to make per glyph. Reading an outline only reads the font, so
// goroutines share the Face.
var outlineFaces sync.Map // *Font → *font.Face

// Outline returns the outline of glyph gid in font units, y up, for
// backends that draw glyphs as paths (SVG, PNG). It reports false when the
// font has no outline for the glyph (a bitmap or colour glyph), which the
// fonts the typesetter picks never lack.
func (f *Font) Outline(gid uint16) (font.GlyphOutline, bool) {
	face, ok := outlineFaces.Load(f)
	if !ok {
		face, _ = outlineFaces.LoadOrStore(f, f.wholeFace())
	}
	return face.(*font.Face).GlyphDataOutline(font.GID(gid))
}

// wholeFace parses f's file with every glyph's outline. The file parsed
// once already, so it parses again; should it not, the outlines are
// those the typesetter's font has.
func (f *Font) wholeFace() *font.Face {
	if face, err := font.ParseTTF(bytes.NewReader(f.Data)); err == nil {
		return face
	}
	return font.NewFace(f.font)
}

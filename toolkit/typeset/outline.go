package typeset

import (
	"sync"

	"github.com/go-text/typesetting/font"
)

// outlineFaces holds one go-text Face per font for reading outlines: a
// Face carries a cache sized by the font's glyph count (tens of
// thousands in a Chinese font), too much to make per glyph. Reading an
// outline only reads the font, so goroutines share the Face.
var outlineFaces sync.Map // *Font → *font.Face

// Outline returns the outline of glyph gid in font units, y up, for
// backends that draw glyphs as paths (SVG, PNG). It reports false when the
// font has no outline for the glyph (a bitmap or colour glyph), which the
// fonts the typesetter picks never lack.
func (f *Font) Outline(gid uint16) (font.GlyphOutline, bool) {
	face, ok := outlineFaces.Load(f)
	if !ok {
		face, _ = outlineFaces.LoadOrStore(f, font.NewFace(f.font))
	}
	return face.(*font.Face).GlyphDataOutline(font.GID(gid))
}

package typeset

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// parseLean parses a TrueType font for shaping and measuring. go-text
// reads every glyph's outline when it parses a font, though shaping and
// measuring use only each glyph's box (its glyf header): DejaVu Sans's
// and DejaVu Sans Bold's outlines were 3 of the 5 MB a build held for its
// fonts, and most of the time `generate` spent reading them. So the font
// is given to go-text with each glyph cut to its header (leanFont);
// outlines, for the backends that draw glyphs as paths, are read from
// the whole file when first asked for (Outline). A font lean cannot cut
// is parsed whole, as before.
func parseLean(data []byte) (face *font.Face, err error) {
	// go-text's reader indexes some tables without checking their length
	// (a glyf cut short: "slice bounds out of range"); a damaged font is
	// an error that names it, never a crash.
	defer func() {
		if r := recover(); r != nil {
			face, err = nil, fmt.Errorf("damaged: %v", r)
		}
	}()
	if lean, ok := leanFont(data); ok {
		if face, err := font.ParseTTF(bytes.NewReader(lean)); err == nil {
			return face, nil
		}
	}
	return font.ParseTTF(bytes.NewReader(data))
}

var (
	tagGlyf = ot.MustNewTag("glyf")
	tagLoca = ot.MustNewTag("loca")
	tagHead = ot.MustNewTag("head")
	tagMaxp = ot.MustNewTag("maxp")
	// Where go-text reads more of a glyph than its header: a variable
	// font's glyph boxes move with its axes (fvar, gvar), and vertical
	// text places glyphs by their phantom points (vmtx).
	tagFvar = ot.MustNewTag("fvar")
	tagVmtx = ot.MustNewTag("vmtx")
)

// leanHeader is what a glyph keeps in a lean font: its header (contour
// count, xMin, yMin, xMax, yMax) with no contours, and no instructions.
const leanHeader = 12

// leanFont returns the TrueType font data with every glyph of its glyf
// table cut to its header, so that go-text's glyph boxes (and so its
// glyph extents) are those of the whole font; every other table is as it
// was. It reports false, and the font is to be read whole, for anything
// but a plain TrueType font (no collection, no variable or vertical
// metrics) whose glyph locations are sound.
func leanFont(data []byte) ([]byte, bool) {
	if len(data) < 4 || binary.BigEndian.Uint32(data) != uint32(ot.TrueType) {
		return nil, false
	}
	ld, err := ot.NewLoader(bytes.NewReader(data))
	if err != nil || ld.HasTable(tagFvar) || ld.HasTable(tagVmtx) || !ld.HasTable(tagGlyf) {
		return nil, false
	}
	head, err1 := ld.RawTable(tagHead)
	maxp, err2 := ld.RawTable(tagMaxp)
	locaRaw, err3 := ld.RawTable(tagLoca)
	glyf, err4 := ld.RawTable(tagGlyf)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil || len(head) < 54 || len(maxp) < 6 {
		return nil, false
	}
	long := binary.BigEndian.Uint16(head[50:]) == 1 // indexToLocFormat
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	loca, err := tables.ParseLoca(locaRaw, numGlyphs, long)
	if err != nil || numGlyphs == 0 {
		return nil, false
	}
	// The cut glyf and loca tables.
	cut := make([]byte, 0, leanHeader*numGlyphs)
	offsets := make([]uint32, 0, numGlyphs+1)
	for i := range numGlyphs {
		offsets = append(offsets, uint32(len(cut)))
		start, end := loca[i], loca[i+1]
		if start == end {
			continue // a glyph with no outline (a space)
		}
		if start > end || int(end) > len(glyf) || end-start < 10 {
			return nil, false
		}
		cut = append(cut, 0, 0) // no contours
		cut = append(cut, glyf[start+2:start+10]...)
		cut = append(cut, 0, 0) // no instructions
	}
	offsets = append(offsets, uint32(len(cut)))
	var newLoca []byte
	if long {
		newLoca = make([]byte, 4*len(offsets))
		for i, o := range offsets {
			binary.BigEndian.PutUint32(newLoca[4*i:], o)
		}
	} else {
		if len(cut) > 2*0xFFFF {
			return nil, false
		}
		newLoca = make([]byte, 2*len(offsets))
		for i, o := range offsets {
			binary.BigEndian.PutUint16(newLoca[2*i:], uint16(o/2))
		}
	}
	var out []ot.Table
	for _, tag := range ld.Tables() { // sorted by tag, as WriteTTF needs
		var content []byte
		switch tag {
		case tagGlyf:
			content = cut
		case tagLoca:
			content = newLoca
		case tagHead:
			content = head
		case tagMaxp:
			content = maxp
		default:
			if content, err = ld.RawTable(tag); err != nil {
				return nil, false
			}
		}
		out = append(out, ot.Table{Tag: tag, Content: content})
	}
	return ot.WriteTTF(out), true
}

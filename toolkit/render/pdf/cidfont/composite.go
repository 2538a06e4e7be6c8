package cidfont

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// A glyph spec says what a CID draws, as bytes that can key a map (as a
// string). Two bytes are a glyph ID: the font's glyph, drawn as it is.
// Six bytes are a glyph ID and an advance (uint32): the font's glyph as
// it is, in a box of another width (see withAdvance). Other specs are a
// composite glyph, made for the document: its advance (int32) followed by
// one (glyph ID, dx, dy) triple (uint16, int16, int16) per component that
// has an outline, all big-endian and in font units.
const (
	specHeader    = 4
	specComponent = 6
	specAsIs      = 2 + 4
)

// textOnly is the spec of a glyph that draws nothing and has no advance: it
// only carries text.
var textOnly = []byte{0, 0, 0, 0}

// advanceSpec is the spec of a glyph that draws nothing and advances by
// adv font units.
func advanceSpec(adv int64) []byte {
	return binary.BigEndian.AppendUint32(nil, uint32(int32(max(0, min(math.MaxUint16, adv)))))
}

// withAdvance is spec with its advance set to adv font units: the same
// outline, drawn at the same place, in a box of another width. A glyph
// drawn as it is stays the font's glyph (a composite of it could move
// its outline, where the font's left side bearing is not the glyph's
// left edge).
func withAdvance(spec []byte, adv int64) []byte {
	if len(spec) == 2 {
		return append(append([]byte(nil), spec...), advanceSpec(adv)...)
	}
	return append(advanceSpec(adv), spec[specHeader:]...)
}

// glyphSpec returns the spec of one unit, in w.spec (reused by the next
// call). A glyph is drawn as it is when it has no offset and the shaper
// left its advance alone or its advance is zero anyway; a mark whose
// advance the shaper zeroed gets a composite of advance zero, so that its
// width in /W is zero too.
func (w *Writer) glyphSpec(f *Font, glyphs []Glyph) ([]byte, error) {
	b := w.spec[:0]
	if g := glyphs[0]; len(glyphs) == 1 && g.XOffset == 0 && g.YOffset == 0 && (g.XAdvance != 0 || f.advances[g.GID] == 0) {
		w.spec = binary.BigEndian.AppendUint16(b, glyphs[0].GID)
		return w.spec, nil
	}
	var advance, pen int64
	for _, g := range glyphs {
		advance += int64(g.XAdvance)
	}
	b = binary.BigEndian.AppendUint32(b, uint32(int32(max(math.MinInt32, min(math.MaxInt32, advance)))))
	for _, g := range glyphs {
		dx, dy := pen+int64(g.XOffset), int64(g.YOffset)
		pen += int64(g.XAdvance)
		if len(f.glyphData(int(g.GID))) == 0 {
			continue // nothing to draw
		}
		if dx < math.MinInt16 || dx > math.MaxInt16 || dy < math.MinInt16 || dy > math.MaxInt16 {
			return nil, fmt.Errorf("glyph %d: offset (%d, %d) is out of range", g.GID, dx, dy)
		}
		b = binary.BigEndian.AppendUint16(b, g.GID)
		b = binary.BigEndian.AppendUint16(b, uint16(int16(dx)))
		b = binary.BigEndian.AppendUint16(b, uint16(int16(dy)))
	}
	w.spec = b
	return b, nil
}

// specAdvance returns the advance width of the glyph a spec draws, as the
// font's hmtx table gives it, in font units.
func specAdvance(f *Font, spec []byte) uint16 {
	switch len(spec) {
	case 2:
		return f.advances[binary.BigEndian.Uint16(spec)]
	case specAsIs:
		spec = spec[2:]
	}
	return uint16(max(0, min(math.MaxUint16, int32(binary.BigEndian.Uint32(spec)))))
}

// specComponents calls fn for each component of a composite spec.
func specComponents(spec string, fn func(gid uint16, dx, dy int16)) {
	if len(spec) == specAsIs {
		return
	}
	for p := specHeader; p+specComponent <= len(spec); p += specComponent {
		fn(uint16(spec[p])<<8|uint16(spec[p+1]),
			int16(uint16(spec[p+2])<<8|uint16(spec[p+3])),
			int16(uint16(spec[p+4])<<8|uint16(spec[p+5])))
	}
}

// compositeStats is what maxp must allow for composite glyphs.
type compositeStats struct {
	points, contours, elements, depth int
}

func (s *compositeStats) include(o compositeStats) {
	s.points = max(s.points, o.points)
	s.contours = max(s.contours, o.contours)
	s.elements = max(s.elements, o.elements)
	s.depth = max(s.depth, o.depth)
}

// compositeGlyph returns the glyf entry of a composite spec, its components
// renumbered by newGID, and what maxp must allow for it.
func (f *Font) compositeGlyph(spec string, newGID map[int]int) ([]byte, compositeStats, error) {
	var st compositeStats
	n := (len(spec) - specHeader) / specComponent
	if n == 0 {
		return nil, st, nil // an empty glyph: nothing but an advance
	}
	g := make([]byte, 10, 10+8*n)
	binary.BigEndian.PutUint16(g, 0xffff) // numberOfContours -1: composite
	xMin, yMin, xMax, yMax := math.MaxInt16, math.MaxInt16, math.MinInt16, math.MinInt16
	var err error
	k := 0
	specComponents(spec, func(gid uint16, dx, dy int16) {
		k++
		src := f.glyphData(int(gid))
		if len(src) < 10 {
			err = fmt.Errorf("glyph %d is truncated", gid)
			return
		}
		for i, d := range []int{int(dx), int(dy), int(dx), int(dy)} {
			v := int(int16(binary.BigEndian.Uint16(src[2+2*i:]))) + d
			switch i {
			case 0:
				xMin = min(xMin, v)
			case 1:
				yMin = min(yMin, v)
			case 2:
				xMax = max(xMax, v)
			case 3:
				yMax = max(yMax, v)
			}
		}
		flags := uint16(argsAreWords | argsAreXY | roundXYToGrid)
		if k < n {
			flags |= moreComponents
		}
		g = binary.BigEndian.AppendUint16(g, flags)
		g = binary.BigEndian.AppendUint16(g, uint16(newGID[int(gid)]))
		g = binary.BigEndian.AppendUint16(g, uint16(dx))
		g = binary.BigEndian.AppendUint16(g, uint16(dy))

		budget := maxOutlineVisits
		pts, cts, depth, e := f.outlineSize(int(gid), 0, &budget)
		if e != nil && err == nil {
			err = e
		}
		st.points += pts
		st.contours += cts
		st.depth = max(st.depth, depth+1)
	})
	if err != nil {
		return nil, st, err
	}
	if xMin < math.MinInt16 || yMin < math.MinInt16 || xMax > math.MaxInt16 || yMax > math.MaxInt16 {
		return nil, st, errors.New("composite glyph bounding box out of range")
	}
	for i, v := range []int{xMin, yMin, xMax, yMax} {
		binary.BigEndian.PutUint16(g[2+2*i:], uint16(int16(v)))
	}
	st.elements = n
	return g, st, nil
}

// maxOutlineVisits bounds the glyphs outlineSize visits for one glyph: a
// damaged font can make components refer to each other many times over.
const maxOutlineVisits = 1000

// outlineSize returns the points and contours that glyph gid draws, and
// how deeply its components nest (0 for a simple glyph).
func (f *Font) outlineSize(gid, level int, budget *int) (points, contours, depth int, err error) {
	if *budget--; *budget < 0 {
		return 0, 0, 0, fmt.Errorf("composite glyph %d has too many components", gid)
	}
	if level > 8 {
		return 0, 0, 0, fmt.Errorf("composite glyph %d nests too deeply", gid)
	}
	g := f.glyphData(gid)
	if len(g) < 10 {
		return 0, 0, 0, nil
	}
	n := int(int16(binary.BigEndian.Uint16(g)))
	if n >= 0 {
		if n == 0 {
			return 0, 0, 0, nil
		}
		if len(g) < 10+2*n {
			return 0, 0, 0, fmt.Errorf("glyph %d is truncated", gid)
		}
		return int(binary.BigEndian.Uint16(g[10+2*(n-1):])) + 1, n, 0, nil
	}
	comps, err := f.componentGlyphs(gid, nil)
	if err != nil {
		return 0, 0, 0, err
	}
	for _, c := range comps {
		p, k, d, err := f.outlineSize(c, level+1, budget)
		if err != nil {
			return 0, 0, 0, err
		}
		points += p
		contours += k
		depth = max(depth, d)
	}
	return points, contours, depth + 1, nil
}

package typeset

import (
	"bytes"
	"encoding/binary"
	"sync"

	"github.com/awarekit/awarekit/toolkit/render/pdf/cidfont"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// outlineReaders holds one outline reader per font, made when the first
// outline is asked for (the typesetter's fonts have none: parseLean).
// Reading an outline only reads the font, so goroutines share them.
var outlineReaders sync.Map // *Font → *outlineReader

// Outline returns the outline of glyph gid in font units, y up, for
// backends that draw glyphs as paths (SVG, PNG). It reports false when the
// font has no outline for the glyph (a bitmap or colour glyph), which the
// fonts the typesetter picks never lack.
func (f *Font) Outline(gid uint16) (font.GlyphOutline, bool) {
	r, ok := outlineReaders.Load(f)
	if !ok {
		r, _ = outlineReaders.LoadOrStore(f, newOutlineReader(f))
	}
	return r.(*outlineReader).outline(gid)
}

// outlineBlock is how many glyphs, by glyph ID, one face of an outline
// reader holds whole.
const outlineBlock = 32

// outlineReader reads a font's outlines a block of glyphs at a time. A
// go-text Face parses every glyph's points when it is made: the whole
// of Noto Sans Gurmukhi and DejaVu Sans were 3.7 MB of a build of 100
// Punjabi flyers (the pictures of index.html draw each flyer's first
// page), where a page draws some hundred glyphs. So each block of
// outlineBlock glyph IDs gets a face of its own, made when one of its
// glyphs is first drawn, from a font of the tables an outline is read
// from (head, hhea, hmtx, maxp, loca, glyf) with the block's glyphs and
// the glyphs they are made of whole and the others empty: go-text reads
// the outline from it as from the whole font, point for point. A font
// that cannot be cut so (not plain TrueType, variable, vertical metrics,
// unsound glyph locations) is read whole, as before.
type outlineReader struct {
	whole *font.Face // a font read whole, or nil

	data       []byte // the font file
	head, maxp []byte
	hhea, hmtx []byte
	glyf       []byte
	loca       []uint32
	long       bool // loca in 32-bit offsets

	mu       sync.Mutex
	blocks   map[int]*font.Face
	fallback *font.Face // the whole font, should a block not parse
}

func newOutlineReader(f *Font) *outlineReader {
	r, ok := cutOutlines(f.Data)
	if !ok {
		return &outlineReader{whole: f.wholeFace()}
	}
	return r
}

// cutOutlines makes a reader that cuts data into blocks, or reports
// false for a font it cannot cut.
func cutOutlines(data []byte) (r *outlineReader, ok bool) {
	defer func() {
		if recover() != nil { // go-text's reader on a damaged font
			r, ok = nil, false
		}
	}()
	if len(data) < 4 || binary.BigEndian.Uint32(data) != uint32(ot.TrueType) {
		return nil, false
	}
	// The tables are read in place, from the directory at the file's
	// start: go-text's loader copies each (DejaVu Sans's glyf: 560 KB).
	dir := map[ot.Tag][]byte{}
	if len(data) < 12 {
		return nil, false
	}
	numTables := int(binary.BigEndian.Uint16(data[4:]))
	for i := range numTables {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, false
		}
		tag := ot.Tag(binary.BigEndian.Uint32(data[rec:]))
		off, n := uint64(binary.BigEndian.Uint32(data[rec+8:])), uint64(binary.BigEndian.Uint32(data[rec+12:]))
		if off+n > uint64(len(data)) {
			return nil, false
		}
		dir[tag] = data[off : off+n : off+n]
	}
	if dir[tagFvar] != nil || dir[tagVmtx] != nil {
		return nil, false
	}
	r = &outlineReader{data: data, blocks: map[int]*font.Face{}}
	r.head, r.maxp, r.hhea, r.hmtx, r.glyf = dir[tagHead], dir[tagMaxp], dir[tagHhea], dir[tagHmtx], dir[tagGlyf]
	locaRaw := dir[tagLoca]
	if r.glyf == nil || r.hmtx == nil || locaRaw == nil {
		return nil, false
	}
	if len(r.head) < 54 || len(r.maxp) < 6 {
		return nil, false
	}
	r.long = binary.BigEndian.Uint16(r.head[50:]) == 1 // indexToLocFormat
	n := int(binary.BigEndian.Uint16(r.maxp[4:]))
	var err error
	if r.loca, err = tables.ParseLoca(locaRaw, n, r.long); err != nil || n == 0 || len(r.loca) != n+1 {
		return nil, false
	}
	for i := range n {
		if start, end := r.loca[i], r.loca[i+1]; start > end || int(end) > len(r.glyf) || !r.long && (end-start)%2 != 0 {
			return nil, false
		}
	}
	return r, true
}

var (
	tagHhea = ot.MustNewTag("hhea")
	tagHmtx = ot.MustNewTag("hmtx")
	tagCmap = ot.MustNewTag("cmap")
)

func (r *outlineReader) outline(gid uint16) (font.GlyphOutline, bool) {
	if r.whole != nil {
		return r.whole.GlyphDataOutline(font.GID(gid))
	}
	k := int(gid) / outlineBlock
	face, whole := r.block(k)
	if face == nil {
		return font.GlyphOutline{}, false
	}
	if !whole {
		gid -= uint16(k * outlineBlock) // the block's glyphs are numbered from 0
	}
	return face.GlyphDataOutline(font.GID(gid))
}

// block is the face that holds block k's glyphs whole, made once, or
// the whole font's face (whole) should it not parse.
func (r *outlineReader) block(k int) (face *font.Face, whole bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if face, ok := r.blocks[k]; ok {
		return face, face == r.fallback
	}
	face = r.makeBlock(k)
	if face == nil {
		// Should the cut font not parse, the whole font is read (as
		// before), once.
		if r.fallback == nil {
			r.fallback = (&Font{Data: r.data}).wholeFace()
		}
		face = r.fallback
	}
	r.blocks[k] = face
	return face, face == r.fallback
}

// makeBlock parses a font of the outline tables with block k's glyphs,
// and the glyphs they are made of, whole; nil when it does not parse.
// The glyphs are numbered again, so that the font holds no others: the
// block's from 0 in order, then their components. (A font of every
// glyph ID, all but the block's empty, still made go-text keep a record
// and metrics for each: some 300 KB a block of DejaVu Sans.)
func (r *outlineReader) makeBlock(k int) (face *font.Face) {
	defer func() {
		if recover() != nil {
			face = nil
		}
	}()
	n := len(r.loca) - 1
	first, end := k*outlineBlock, min(n, (k+1)*outlineBlock)
	if first >= end {
		return nil
	}
	// gids are the glyphs of the new font by their number in the old;
	// number the other way.
	gids := make([]int, 0, end-first)
	number := map[int]int{}
	for gid := first; gid < end; gid++ {
		number[gid] = len(gids)
		gids = append(gids, gid)
	}
	var glyf []byte
	offsets := make([]uint32, 0, len(gids)+1)
	for i := 0; i < len(gids); i++ { // gids grows as components are found
		offsets = append(offsets, uint32(len(glyf)))
		g := r.glyf[r.loca[gids[i]]:r.loca[gids[i]+1]]
		at := len(glyf)
		glyf = append(glyf, g...)
		if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
			continue // empty, or a simple glyph
		}
		// A composite glyph: each component's glyph ID, at its place in
		// the copy, becomes the component's new number.
		if !eachComponent(g, func(idAt int) {
			c := int(binary.BigEndian.Uint16(g[idAt:]))
			if c >= n {
				return // go-text draws nothing for it, in either font
			}
			j, ok := number[c]
			if !ok {
				j = len(gids)
				number[c] = j
				gids = append(gids, c)
			}
			binary.BigEndian.PutUint16(glyf[at+idAt:], uint16(j))
		}) {
			return nil
		}
	}
	offsets = append(offsets, uint32(len(glyf)))
	if len(gids) > 0xFFFF {
		return nil
	}
	var loca []byte
	if r.long {
		loca = make([]byte, 4*len(offsets))
		for i, o := range offsets {
			binary.BigEndian.PutUint32(loca[4*i:], o)
		}
	} else {
		if len(glyf) > 2*0xFFFF {
			return nil
		}
		loca = make([]byte, 2*len(offsets))
		for i, o := range offsets {
			binary.BigEndian.PutUint16(loca[2*i:], uint16(o/2))
		}
	}
	// Every glyph's advance and side bearing, as the old font gives
	// them, in the long form.
	if len(r.hhea) < 36 {
		return nil
	}
	long := int(binary.BigEndian.Uint16(r.hhea[34:])) // numberOfHMetrics
	if long == 0 || len(r.hmtx) < 4*long {
		return nil
	}
	hmtx := make([]byte, 4*len(gids))
	for i, gid := range gids {
		adv := r.hmtx[4*min(gid, long-1):]
		at := 4*gid + 2
		if gid >= long {
			at = 4*long + 2*(gid-long)
		}
		if at+2 > len(r.hmtx) {
			return nil
		}
		lsb := r.hmtx[at:]
		copy(hmtx[4*i:], adv[:2])
		copy(hmtx[4*i+2:], lsb[:2])
	}
	hhea := bytes.Clone(r.hhea)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(gids)))
	maxp := bytes.Clone(r.maxp)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(gids)))
	// Sorted by tag, as WriteTTF needs. go-text requires a cmap, which
	// outlines do not read: one that maps nothing.
	out := []ot.Table{
		{Tag: tagCmap, Content: emptyCmap},
		{Tag: tagGlyf, Content: glyf},
		{Tag: tagHead, Content: r.head},
		{Tag: tagHhea, Content: hhea},
		{Tag: tagHmtx, Content: hmtx},
		{Tag: tagLoca, Content: loca},
		{Tag: tagMaxp, Content: maxp},
	}
	face, err := font.ParseTTF(bytes.NewReader(ot.WriteTTF(out)))
	if err != nil {
		return nil
	}
	return face
}

// eachComponent calls at with the place of each component's glyph ID in
// composite glyph g (the glyf table's format), and reports false when
// g ends inside a component.
func eachComponent(g []byte, at func(idAt int)) bool {
	const componentHeader = 4 // flags, glyph ID
	for p := 10; ; {
		if p+componentHeader > len(g) {
			return false
		}
		flags := binary.BigEndian.Uint16(g[p:])
		at(p + 2)
		p += cidfont.ComponentSize(flags)
		if p > len(g) {
			return false
		}
		if !cidfont.MoreComponents(flags) {
			return true
		}
	}
}

// emptyCmap is a cmap table that maps no character: one Windows Unicode
// subtable of format 4 with the one segment that must end it.
var emptyCmap = []byte{
	0, 0, 0, 1, // version 0, one subtable
	0, 3, 0, 1, 0, 0, 0, 12, // platform 3, encoding 1, at 12
	0, 4, 0, 24, 0, 0, // format 4, length 24, language 0
	0, 2, 0, 2, 0, 0, 0, 0, // segCountX2 2, searchRange 2, entrySelector 0, rangeShift 0
	0xFF, 0xFF, 0, 0, // endCode 0xFFFF, reserved pad
	0xFF, 0xFF, // startCode 0xFFFF
	0, 1, // idDelta 1
	0, 0, // idRangeOffset 0
}

// wholeFace parses f's file with every glyph's outline. The file parsed
// once already, so it parses again; should it not, the outlines are
// those the typesetter's font has.
func (f *Font) wholeFace() *font.Face {
	if face, err := font.ParseTTF(bytes.NewReader(f.Data)); err == nil {
		return face
	}
	if f.font == nil {
		return nil
	}
	return font.NewFace(f.font)
}

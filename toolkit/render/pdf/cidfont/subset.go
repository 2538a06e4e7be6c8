package cidfont

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// subsetTables are the tables a subset has, in the ascending tag order the
// table directory needs. The layout tables (GSUB, GPOS, GDEF, kern, …) are
// left out: glyphs are drawn by ID, with positions already applied. So is
// the hinting (cvt, fpgm, prep, gasp and every glyph's instructions): it
// only fits outlines to a screen's pixels, viewers that draw PDFs mostly
// ignore it, and print never uses it, but it was half of every subset.
var subsetTables = []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post"}

// emptyCmap is a cmap that maps no character: a (3,1) format 4 subtable
// with only the closing segment. PDF draws the glyphs through the
// CIDToGIDMap, but some font parsers refuse a font without a cmap.
var emptyCmap = []byte{
	0, 0, 0, 1, // version, number of subtables
	0, 3, 0, 1, 0, 0, 0, 12, // Windows, Unicode BMP, offset
	0, 4, 0, 24, 0, 0, // format 4, length, language
	0, 2, 0, 2, 0, 0, 0, 0, // segCountX2, searchRange, entrySelector, rangeShift
	0xff, 0xff, 0, 0, 0xff, 0xff, // endCode, reservedPad, startCode
	0, 1, 0, 0, // idDelta, idRangeOffset
}

// subset returns a TrueType font program whose glyph k+1 draws specs[k]
// (a glyph spec: one of the font's glyphs, or a composite made for the
// document), for the document's CIDToGIDMap to name. Glyph 0 is the font's .notdef; after the specs come the
// components of composite glyphs that no spec draws by itself. The glyph
// IDs are new, so the tables are as long as the glyphs used, not the font.
func (f *Font) subset(specs []string) ([]byte, error) {
	// slots[g] is what glyph g of the subset draws: one of the font's
	// glyphs (gid ≥ 0) or a composite spec.
	type slot struct {
		gid  int
		spec string
	}
	slots := make([]slot, 1, len(specs)+1)
	newGID := map[int]int{0: 0} // the font's glyph → the subset glyph that draws it alone
	for _, s := range specs {
		if len(s) == 2 || len(s) == specAsIs {
			// The font's glyph as it is; in a box of another width
			// (specAsIs) only in /W.
			gid := int(binary.BigEndian.Uint16([]byte(s)))
			if _, ok := newGID[gid]; !ok {
				newGID[gid] = len(slots)
			}
			slots = append(slots, slot{gid: gid})
			continue
		}
		slots = append(slots, slot{gid: -1, spec: s})
	}
	// Components: those of the font's composite glyphs and of the specs,
	// and theirs in turn.
	var todo []int
	for _, s := range slots {
		if s.gid >= 0 {
			var err error
			if todo, err = f.componentGlyphs(s.gid, todo); err != nil {
				return nil, err
			}
			continue
		}
		specComponents(s.spec, func(gid uint16, _, _ int16) { todo = append(todo, int(gid)) })
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if _, ok := newGID[g]; ok {
			continue
		}
		newGID[g] = len(slots)
		slots = append(slots, slot{gid: g})
		var err error
		if todo, err = f.componentGlyphs(g, todo); err != nil {
			return nil, err
		}
	}
	n := len(slots)
	if n > 0xffff {
		return nil, errors.New("too many glyphs for one font")
	}

	glyf := make([]byte, 0, 64*n)
	loca := make([]uint32, n+1)
	hmtx := make([]byte, 4*n)
	var stats compositeStats
	for g, s := range slots {
		loca[g] = uint32(len(glyf))
		var data []byte
		var err error
		if s.gid >= 0 {
			glyf, err = f.appendGlyph(glyf, s.gid, newGID)
			if err != nil {
				return nil, err
			}
			binary.BigEndian.PutUint16(hmtx[4*g:], f.advances[s.gid])
			binary.BigEndian.PutUint16(hmtx[4*g+2:], uint16(f.lsbs[s.gid]))
		} else {
			var st compositeStats
			data, st, err = f.compositeGlyph(s.spec, newGID)
			if err != nil {
				return nil, err
			}
			stats.include(st)
			glyf = append(glyf, data...)
			binary.BigEndian.PutUint16(hmtx[4*g:], specAdvance(f, []byte(s.spec)))
			if len(data) >= 10 {
				copy(hmtx[4*g+2:4*g+4], data[2:4]) // left side bearing = xMin
			}
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	loca[n] = uint32(len(glyf))

	// Short offsets (half the offset, in 16 bits) where the glyphs allow.
	long := len(glyf) > 0x1fffe
	var locaTable []byte
	if long {
		locaTable = make([]byte, 4*(n+1))
		for i, off := range loca {
			binary.BigEndian.PutUint32(locaTable[4*i:], off)
		}
	} else {
		locaTable = make([]byte, 2*(n+1))
		for i, off := range loca {
			binary.BigEndian.PutUint16(locaTable[2*i:], uint16(off/2))
		}
	}

	head := slices.Clone(f.tables["head"][:54])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	if long {
		binary.BigEndian.PutUint16(head[50:], 1)
	} else {
		binary.BigEndian.PutUint16(head[50:], 0)
	}
	hhea := slices.Clone(f.tables["hhea"][:36])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	if len(maxp) >= 32 {
		u16 := func(p int) int { return int(binary.BigEndian.Uint16(maxp[p:])) }
		put := func(p, v int) { binary.BigEndian.PutUint16(maxp[p:], uint16(min(v, 0xffff))) }
		put(10, max(u16(10), stats.points))   // maxCompositePoints
		put(12, max(u16(12), stats.contours)) // maxCompositeContours
		put(26, 0)                            // maxSizeOfInstructions: none are left
		put(28, max(u16(28), stats.elements)) // maxComponentElements
		put(30, max(u16(30), stats.depth))    // maxComponentDepth
	}
	var post []byte
	if p := f.tables["post"]; len(p) >= 32 {
		post = slices.Clone(p[:32])
		binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names
	}

	tables := make([][]byte, len(subsetTables))
	for i, tag := range subsetTables {
		switch tag {
		case "glyf":
			tables[i] = glyf
		case "loca":
			tables[i] = locaTable
		case "hmtx":
			tables[i] = hmtx
		case "head":
			tables[i] = head
		case "hhea":
			tables[i] = hhea
		case "maxp":
			tables[i] = maxp
		case "post":
			tables[i] = post
		case "cmap":
			tables[i] = emptyCmap
		default:
			tables[i] = f.tables[tag]
		}
	}
	return assembleSFNT(tables), nil
}

// Composite glyph flags.
const (
	argsAreWords     = 0x0001
	argsAreXY        = 0x0002
	roundXYToGrid    = 0x0004
	haveScale        = 0x0008
	moreComponents   = 0x0020
	haveXYScale      = 0x0040
	haveTwoByTwo     = 0x0080
	haveInstructions = 0x0100
)

// ComponentSize is the length in bytes of the component record of a
// composite glyph that starts with these flags: the flags, the glyph ID,
// the two arguments (bytes or words) and the transform the flags name.
func ComponentSize(flags uint16) int {
	size := 4 + 2
	if flags&argsAreWords != 0 {
		size += 2
	}
	switch {
	case flags&haveScale != 0:
		size += 2
	case flags&haveXYScale != 0:
		size += 4
	case flags&haveTwoByTwo != 0:
		size += 8
	}
	return size
}

// MoreComponents reports whether another component follows a component
// with these flags.
func MoreComponents(flags uint16) bool { return flags&moreComponents != 0 }

// appendGlyph appends the font's glyph gid to glyf without its hinting
// instructions; a composite glyph's components are renumbered by newGID.
func (f *Font) appendGlyph(glyf []byte, gid int, newGID map[int]int) ([]byte, error) {
	g := f.glyphData(gid)
	if len(g) == 0 {
		return glyf, nil
	}
	if len(g) < 10 {
		return nil, fmt.Errorf("glyph %d is truncated", gid)
	}
	contours := int(int16(binary.BigEndian.Uint16(g)))
	if contours >= 0 {
		// header, end points, instruction length, instructions, flags and
		// coordinates: everything but the instructions.
		p := 10 + 2*contours
		if p+2 > len(g) {
			return nil, fmt.Errorf("glyph %d is truncated", gid)
		}
		n := int(binary.BigEndian.Uint16(g[p:]))
		if p+2+n > len(g) {
			return nil, fmt.Errorf("glyph %d is truncated", gid)
		}
		glyf = append(glyf, g[:p]...)
		glyf = append(glyf, 0, 0)
		return append(glyf, g[p+2+n:]...), nil
	}
	glyf = append(glyf, g[:10]...)
	p := 10
	for {
		if p+4 > len(g) {
			return nil, fmt.Errorf("composite glyph %d is truncated", gid)
		}
		flags := binary.BigEndian.Uint16(g[p:])
		size := ComponentSize(flags)
		if p+size > len(g) {
			return nil, fmt.Errorf("composite glyph %d is truncated", gid)
		}
		comp := len(glyf)
		glyf = append(glyf, g[p:p+size]...)
		binary.BigEndian.PutUint16(glyf[comp:], flags&^haveInstructions)
		binary.BigEndian.PutUint16(glyf[comp+2:], uint16(newGID[int(binary.BigEndian.Uint16(g[p+2:]))]))
		p += size
		if !MoreComponents(flags) {
			return glyf, nil
		}
	}
}

// assembleSFNT writes a TrueType file from tables in subsetTables order,
// skipping nil ones, and fills in the checksums.
func assembleSFNT(tables [][]byte) []byte {
	numTables := 0
	size := 12
	for _, t := range tables {
		if t != nil {
			numTables++
			size += 16 + (len(t)+3)&^3
		}
	}
	out := make([]byte, 12+16*numTables, size)
	binary.BigEndian.PutUint32(out, tagTrueType)
	binary.BigEndian.PutUint16(out[4:], uint16(numTables))
	entrySelector := 0
	for 1<<(entrySelector+1) <= numTables {
		entrySelector++
	}
	searchRange := 16 << entrySelector
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(16*numTables-searchRange))

	headOffset := 0
	rec := 12
	for i, t := range tables {
		if t == nil {
			continue
		}
		tag := subsetTables[i]
		if tag == "head" {
			headOffset = len(out)
		}
		copy(out[rec:], tag)
		binary.BigEndian.PutUint32(out[rec+4:], checksum(t))
		binary.BigEndian.PutUint32(out[rec+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[rec+12:], uint32(len(t)))
		rec += 16
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headOffset+8:], 0xB1B0AFBA-checksum(out))
	return out
}

// checksum is the TrueType table checksum: the sum of big-endian uint32
// words, the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

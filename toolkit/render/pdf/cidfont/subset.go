package cidfont

import (
	"encoding/binary"
	"errors"
	"slices"
)

// subsetTables are the tables a subset has, in the ascending tag order the
// table directory needs. The layout tables (GSUB, GPOS, GDEF, kern, …) and
// the per-glyph device tables are left out: glyphs are drawn by ID, with
// positions already applied.
var subsetTables = []string{"OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post", "prep"}

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

// subset returns a TrueType font program with the glyphs gids (plus .notdef
// and the components of composite glyphs) under their original glyph IDs.
// Other glyphs are empty, and the glyph count ends after the highest kept
// glyph, so the work and the size follow the glyphs used, not the font.
//
// After them come the document's own composite glyphs: composites[k], a
// composite glyph spec, gets glyph ID base+k.
func (f *Font) subset(gids []uint16, composites []string) (program []byte, base int, err error) {
	keep := make(map[int]bool, len(gids)+1)
	todo := make([]int, 0, len(gids)+1)
	todo = append(todo, 0)
	for _, g := range gids {
		todo = append(todo, int(g))
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if keep[g] {
			continue
		}
		keep[g] = true
		if todo, err = f.componentGlyphs(g, todo); err != nil {
			return nil, 0, err
		}
	}
	kept := make([]int, 0, len(keep))
	for g := range keep {
		kept = append(kept, g)
	}
	slices.Sort(kept)
	base = kept[len(kept)-1] + 1
	n := base + len(composites)
	if n > 0xffff {
		return nil, 0, errors.New("too many glyphs for one font")
	}

	glyfSize := 0
	for _, spec := range composites {
		glyfSize += 10 + 8*(len(spec)-specHeader)/specComponent
	}
	for _, g := range kept {
		glyfSize += (len(f.glyphData(g)) + 3) &^ 3
	}
	glyf := make([]byte, 0, glyfSize)
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	k := 0
	for g := range base {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(len(glyf)))
		if k < len(kept) && kept[k] == g {
			k++
			d := f.glyphData(g)
			glyf = append(glyf, d...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
			binary.BigEndian.PutUint16(hmtx[4*g:], f.advances[g])
			binary.BigEndian.PutUint16(hmtx[4*g+2:], uint16(f.lsbs[g]))
		}
	}
	var stats compositeStats
	for k, spec := range composites {
		g := base + k
		binary.BigEndian.PutUint32(loca[4*g:], uint32(len(glyf)))
		data, st, err := f.compositeGlyph(spec)
		if err != nil {
			return nil, 0, err
		}
		stats.include(st)
		glyf = append(glyf, data...)
		binary.BigEndian.PutUint16(hmtx[4*g:], specAdvance(f, []byte(spec)))
		if len(data) >= 10 {
			copy(hmtx[4*g+2:4*g+4], data[2:4]) // left side bearing = xMin
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))

	head := slices.Clone(f.tables["head"][:54])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(f.tables["hhea"][:36])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	if len(composites) > 0 && len(maxp) >= 32 {
		u16 := func(p int) int { return int(binary.BigEndian.Uint16(maxp[p:])) }
		put := func(p, v int) { binary.BigEndian.PutUint16(maxp[p:], uint16(min(v, 0xffff))) }
		put(10, max(u16(10), stats.points))   // maxCompositePoints
		put(12, max(u16(12), stats.contours)) // maxCompositeContours
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
			tables[i] = loca
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
	return assembleSFNT(tables), base, nil
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

package cidfont

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"
)

// Font is one parsed TrueType font, shared read-only by every document of the
// process (safe for concurrent use). It keeps a reference to the font data it
// was parsed from, which must not be modified afterwards.
type Font struct {
	tables map[string][]byte // slices of the font data

	upem      int
	numGlyphs int
	glyf      []byte
	loca      []uint32 // numGlyphs+1 offsets into glyf
	advances  []uint16 // per glyph, font units
	lsbs      []int16  // per glyph, font units

	xMin, yMin, xMax, yMax int16
	ascent, descent        int16
	capHeight              int16
	weightClass            uint16
	italicAngle            float64
	fixedPitch             bool
	psName                 string

	// subsets caches cut and compressed font programs by glyph set. A
	// map under a lock rather than a sync.Map: looking a glyph set up
	// in a sync.Map made a string of its key (some hundreds of bytes)
	// for every font of every document, found or not.
	subsetsMu sync.Mutex
	subsets   map[string]*subsetEntry

	// runs keeps what each glyph run shows (Writer.showOps) by its key
	// (runKeyOf), for every document; runsHeld is their bytes, about.
	runsMu   sync.Mutex
	runs     map[string][]showOp
	runsHeld int
	// keyIDs numbers the CID keys (cidKeyOf) of the runs kept, from 0,
	// so that a document finds the CID of a run's op by its number
	// (docFont.byID) instead of hashing its key. keyGen changes when
	// runs and keyIDs start again empty: a number is the same key only
	// within one generation.
	keyIDs map[string]int32
	keyGen atomic.Uint32
}

// sfnt versions that are accepted or explicitly rejected.
const (
	tagTrueType   = 0x00010000
	tagTrueTypeV1 = 0x74727565 // "true"
	tagOTTO       = 0x4f54544f // "OTTO"
	tagTTCF       = 0x74746366 // "ttcf"
)

// Parse parses a TrueType (glyf-outline) font for drawing with a Writer.
// OpenType CFF fonts and font collections are rejected with an error that
// says so, as are fonts whose licence forbids embedding.
func Parse(data []byte) (*Font, error) {
	f, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("parse font: %w", err)
	}
	return f, nil
}

func parse(data []byte) (*Font, error) {
	if len(data) < 12 {
		return nil, errors.New("too short for a font file")
	}
	switch binary.BigEndian.Uint32(data) {
	case tagTrueType, tagTrueTypeV1:
	case tagOTTO:
		return nil, errors.New("OpenType CFF fonts (OTTO) are not supported; use a TrueType (glyf) font")
	case tagTTCF:
		return nil, errors.New("TrueType collections (ttcf) are not supported; use a single TrueType (glyf) font file")
	default:
		return nil, errors.New("not a TrueType font (unknown sfnt version)")
	}
	numTables := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*numTables > len(data) {
		return nil, errors.New("table directory runs past the end of the file")
	}
	f := &Font{tables: make(map[string][]byte, numTables)}
	for i := range numTables {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := uint64(binary.BigEndian.Uint32(rec[8:]))
		n := uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+n > uint64(len(data)) {
			return nil, fmt.Errorf("table %q runs past the end of the file", tag)
		}
		f.tables[tag] = data[off : off+n : off+n]
	}
	if _, ok := f.tables["glyf"]; !ok {
		if _, cff := f.tables["CFF "]; cff {
			return nil, errors.New("OpenType CFF fonts (OTTO) are not supported; use a TrueType (glyf) font")
		}
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf"} {
		if _, ok := f.tables[tag]; !ok {
			return nil, fmt.Errorf("no %q table; a TrueType (glyf) font is needed", tag)
		}
	}

	head := f.tables["head"]
	if len(head) < 54 {
		return nil, errors.New("head table too short")
	}
	f.upem = int(binary.BigEndian.Uint16(head[18:]))
	if f.upem < 16 || f.upem > 16384 {
		return nil, fmt.Errorf("units per em %d out of range", f.upem)
	}
	f.xMin = int16(binary.BigEndian.Uint16(head[36:]))
	f.yMin = int16(binary.BigEndian.Uint16(head[38:]))
	f.xMax = int16(binary.BigEndian.Uint16(head[40:]))
	f.yMax = int16(binary.BigEndian.Uint16(head[42:]))
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1

	maxp := f.tables["maxp"]
	if len(maxp) < 6 {
		return nil, errors.New("maxp table too short")
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if f.numGlyphs == 0 {
		return nil, errors.New("font has no glyphs")
	}

	if err := f.parseLoca(longLoca); err != nil {
		return nil, err
	}
	if err := f.parseMetrics(); err != nil {
		return nil, err
	}
	if err := f.parseOS2(); err != nil {
		return nil, err
	}
	if post := f.tables["post"]; len(post) >= 16 {
		f.italicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
		f.fixedPitch = binary.BigEndian.Uint32(post[12:]) != 0
	}
	f.psName = postScriptName(f.tables["name"])
	return f, nil
}

func (f *Font) parseLoca(long bool) error {
	loca := f.tables["loca"]
	f.glyf = f.tables["glyf"]
	n := f.numGlyphs + 1
	f.loca = make([]uint32, n)
	if long {
		if len(loca) < 4*n {
			return errors.New("loca table too short for the glyph count")
		}
		for i := range n {
			f.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		}
	} else {
		if len(loca) < 2*n {
			return errors.New("loca table too short for the glyph count")
		}
		for i := range n {
			f.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
	}
	for i := range f.numGlyphs {
		if f.loca[i] > f.loca[i+1] || f.loca[i+1] > uint32(len(f.glyf)) {
			return fmt.Errorf("loca entry for glyph %d is out of order or past the glyf table", i)
		}
	}
	return nil
}

func (f *Font) parseMetrics() error {
	hhea := f.tables["hhea"]
	if len(hhea) < 36 {
		return errors.New("hhea table too short")
	}
	f.ascent = int16(binary.BigEndian.Uint16(hhea[4:]))
	f.descent = int16(binary.BigEndian.Uint16(hhea[6:]))
	numHM := int(binary.BigEndian.Uint16(hhea[34:]))
	if numHM == 0 || numHM > f.numGlyphs {
		return fmt.Errorf("hhea numberOfHMetrics %d is not within 1..%d", numHM, f.numGlyphs)
	}
	hmtx := f.tables["hmtx"]
	if len(hmtx) < 4*numHM+2*(f.numGlyphs-numHM) {
		return errors.New("hmtx table too short for the glyph count")
	}
	f.advances = make([]uint16, f.numGlyphs)
	f.lsbs = make([]int16, f.numGlyphs)
	for i := range numHM {
		f.advances[i] = binary.BigEndian.Uint16(hmtx[4*i:])
		f.lsbs[i] = int16(binary.BigEndian.Uint16(hmtx[4*i+2:]))
	}
	for i := numHM; i < f.numGlyphs; i++ {
		f.advances[i] = f.advances[numHM-1]
		f.lsbs[i] = int16(binary.BigEndian.Uint16(hmtx[4*numHM+2*(i-numHM):]))
	}
	return nil
}

func (f *Font) parseOS2() error {
	f.capHeight = f.ascent
	f.weightClass = 400
	os2 := f.tables["OS/2"]
	if len(os2) < 10 {
		return nil
	}
	f.weightClass = binary.BigEndian.Uint16(os2[4:])
	// fsType: the low four bits 0x0002 alone mean "restricted licence
	// embedding", which forbids putting the font into a document.
	if binary.BigEndian.Uint16(os2[8:])&0x000f == 0x0002 {
		return errors.New("the font's licence forbids embedding (OS/2 fsType is restricted)")
	}
	if binary.BigEndian.Uint16(os2) >= 2 && len(os2) >= 90 {
		if c := int16(binary.BigEndian.Uint16(os2[88:])); c > 0 {
			f.capHeight = c
		}
	}
	return nil
}

// postScriptName returns name ID 6 reduced to the characters a PDF name and a
// PostScript font name may hold, or "Font" when there is none.
func postScriptName(name []byte) string {
	if len(name) < 6 {
		return "Font"
	}
	count := int(binary.BigEndian.Uint16(name[2:]))
	strOff := int(binary.BigEndian.Uint16(name[4:]))
	var best string
	for i := range count {
		rec := 6 + 12*i
		if rec+12 > len(name) {
			break
		}
		platform := binary.BigEndian.Uint16(name[rec:])
		nameID := binary.BigEndian.Uint16(name[rec+6:])
		n := int(binary.BigEndian.Uint16(name[rec+8:]))
		off := strOff + int(binary.BigEndian.Uint16(name[rec+10:]))
		if nameID != 6 || off+n > len(name) {
			continue
		}
		raw := name[off : off+n]
		var s string
		switch platform {
		case 0, 3: // UTF-16BE
			u := make([]uint16, len(raw)/2)
			for j := range u {
				u[j] = binary.BigEndian.Uint16(raw[2*j:])
			}
			s = string(utf16.Decode(u))
		case 1: // Mac Roman; PostScript names are ASCII
			s = string(raw)
		default:
			continue
		}
		if s = cleanName(s); s != "" {
			best = s
			if platform == 3 {
				break
			}
		}
	}
	if best == "" {
		return "Font"
	}
	return best
}

// cleanName keeps the letters, digits, hyphens and underscores of s, at
// most 63 of them: what a PostScript font name in a PDF name may hold.
func cleanName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			b.WriteRune(r)
		}
	}
	if b.Len() > 63 {
		return b.String()[:63]
	}
	return b.String()
}

// UnitsPerEm returns the font's design units per em, the unit of Glyph
// advances and offsets (shape with a size of UnitsPerEm to get them).
func (f *Font) UnitsPerEm() int { return f.upem }

// glyphData returns the glyf bytes of glyph gid.
func (f *Font) glyphData(gid int) []byte {
	return f.glyf[f.loca[gid]:f.loca[gid+1]]
}

// toThousandths converts font units to the PDF glyph space (1000 per em).
func (f *Font) toThousandths(v float64) float64 {
	return v * 1000 / float64(f.upem)
}

// componentGlyphs appends the glyph IDs referenced by composite glyph gid.
func (f *Font) componentGlyphs(gid int, dst []int) ([]int, error) {
	g := f.glyphData(gid)
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return dst, nil
	}
	p := 10
	for {
		if p+4 > len(g) {
			return dst, fmt.Errorf("composite glyph %d is truncated", gid)
		}
		flags := binary.BigEndian.Uint16(g[p:])
		comp := int(binary.BigEndian.Uint16(g[p+2:]))
		if comp >= f.numGlyphs {
			return dst, fmt.Errorf("composite glyph %d refers to glyph %d beyond the glyph count %d", gid, comp, f.numGlyphs)
		}
		dst = append(dst, comp)
		p += ComponentSize(flags)
		if !MoreComponents(flags) {
			return dst, nil
		}
	}
}

// roundTo rounds v to the given number of decimals.
func roundTo(v float64, decimals int) float64 {
	p := math.Pow10(decimals)
	return math.Round(v*p) / p
}

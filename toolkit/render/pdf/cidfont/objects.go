package cidfont

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

// Compressors for page streams are shared by all documents: one
// allocates about 800 KB, more than the rest of a page, so a few are kept
// (as many as documents are drawn at once). Streams made for one document
// (the page contents, the ToUnicode maps) get klauspost/compress's
// fastest level: it deflates a flyer's page 1.6 times as fast as the
// standard library's BestSpeed, an Arabic one 2.3 times (the page
// streams were a tenth of an Arabic build's CPU), in about as many bytes.
// Font programs, cut and compressed once for every document that draws
// the same glyphs, get the best level: each flyer carries them.
var fastZlibWriters = newSpares(4, func() *flate.Writer {
	fw, _ := flate.NewWriter(nil, flate.BestSpeed) // a valid level: no error
	return fw
})

// bestZlibWriters are the best-level compressors of font programs. One
// is 1.4 MB, and making it took twenty times as long as compressing a
// flyer's program (5 KB) with it: a build of 1,000 flyers cuts some 23
// programs, most of them in its first documents. Two kept for the whole
// build held 2.8 MB, so they are kept in a sync.Pool: reused while
// programs are cut, and given back to the collector when none has been
// for a collection or two.
var bestZlibWriters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestCompression) // a valid level: no error
	return zw
}}

// bestZlib appends data zlib-compressed at the best level to w.
func bestZlib(w io.Writer, data []byte) {
	zw := bestZlibWriters.Get().(*zlib.Writer)
	zw.Reset(w)
	// Writes to a bytes.Buffer or an appender do not fail.
	_, _ = zw.Write(data)
	_ = zw.Close()
	zw.Reset(nil)
	bestZlibWriters.Put(zw)
}

// tinyStream is the size below which a stream is stored uncompressed.
const tinyStream = 512

// deflate returns data zlib-compressed, fast or at the best level, in a
// buffer reused by the next call.
func (w *Writer) deflate(data []byte, fast bool) []byte {
	w.zbuf.Reset()
	if !fast {
		bestZlib(&w.zbuf, data)
		return w.zbuf.Bytes()
	}
	fw := fastZlibWriters.get()
	fastZlib(&w.zbuf, fw, data)
	fw.Reset(nil)
	fastZlibWriters.put(fw)
	return w.zbuf.Bytes()
}

// appendStream appends the end of a stream object's dictionary (its filter
// and length) and the stream, compressed unless that does not pay.
func (w *Writer) appendStream(b, data []byte) []byte {
	return w.appendStreamWith(b, data, func(data []byte) []byte { return w.deflate(data, true) })
}

// appendStreamWith is appendStream with the data compressed by deflate.
func (w *Writer) appendStreamWith(b, data []byte, deflate func([]byte) []byte) []byte {
	if len(data) >= tinyStream {
		if z := deflate(data); len(z)+len("/Filter/FlateDecode") < len(data) {
			b = append(b, "/Filter/FlateDecode"...)
			data = z
		}
	}
	b = append(b, "/Length "...)
	b = strconv.AppendInt(b, int64(len(data)), 10)
	b = append(b, ">>\nstream\n"...)
	b = append(b, data...)
	return append(b, "\nendstream"...)
}

// subsetEntry is a font program cut to a set of glyphs and compressed,
// made once for every document that draws the same glyphs, in whatever
// order and standing for whatever text: documents of a build share the
// work, the largest part of writing a page's fonts. A document's CIDs
// reach its glyphs through a CIDToGIDMap of its own.
type subsetEntry struct {
	size     int // of the program before compression
	deflated []byte
	name     string // the subset font's name: its prefix ("ABCDEF+") and the font's PostScript name
}

// subsetCacheLimit bounds each font's cache of subsets; documents of one
// build share a few dozen glyph sets per font (a different organisation
// on every flyer adds at most the digits of its phone number and the
// letters of its name).
const subsetCacheLimit = 256

// docSubset is what one document's use of a font comes to: the shared
// program of its glyph set and, for each CID, the subset glyph that
// draws it.
type docSubset struct {
	*subsetEntry
	gids []uint16 // gids[i] draws docFont.entries[i]
}

// cachedSubset returns df's font program, cut once per process for each
// set of glyph specs (the key, sorted, is everything the program is made
// from), and the glyph of each of df's CIDs in it.
func (f *Font) cachedSubset(w *Writer, df *docFont) (docSubset, error) {
	var specs []string
	var gids []uint16
	w.packed, specs, gids = orderSpecs(df.entries, w.packed, w.specs)
	w.specs = specs
	key := w.key[:0]
	for _, s := range specs {
		key = binary.BigEndian.AppendUint32(key, uint32(len(s)))
		key = append(key, s...)
	}
	w.key = key
	f.subsetsMu.Lock()
	e, ok := f.subsets[string(key)]
	f.subsetsMu.Unlock()
	if ok {
		return docSubset{e, gids}, nil
	}
	program, err := f.subset(specs)
	if err != nil {
		return docSubset{}, err
	}
	e = &subsetEntry{size: len(program), deflated: bytes.Clone(w.deflate(program, false)), name: subsetTag(f.psName, key) + "+" + f.psName}
	f.subsetsMu.Lock()
	if f.subsets == nil || len(f.subsets) >= subsetCacheLimit {
		f.subsets = make(map[string]*subsetEntry)
	}
	f.subsets[string(key)] = e
	f.subsetsMu.Unlock()
	return docSubset{e, gids}, nil
}

// orderSpecs returns the glyph specs of entries sorted
// as strings compare, each once, and the place of each entry's spec among
// them from 1 (glyph 0 is .notdef), using the arrays of packed and specs.
// Each CID is sorted as one number (packSpecs), then the few specs of
// six bytes or more that start alike as strings: most specs are one
// glyph, two bytes, and an Arabic flyer has some 280 CIDs. Sorting them
// as strings and searching each CID's place was some 2.4% of an Arabic
// build's instructions; sorting them with a comparison function, two
// thirds of what is left.
func orderSpecs(entries []cidEntry, packed []uint64, specs []string) ([]uint64, []string, []uint16) {
	p := packSpecs(entries, packed[:0])
	slices.Sort(p)
	for i := 0; i < len(p); {
		j := i + 1
		for j < len(p) && p[j]>>16 == p[i]>>16 {
			j++
		}
		if j-i > 1 && p[i]>>16&0xff == 6 {
			slices.SortFunc(p[i:j], func(a, b uint64) int {
				return strings.Compare(entries[a&0xffff].glyphs, entries[b&0xffff].glyphs)
			})
		}
		i = j
	}
	specs = specs[:0]
	gids := make([]uint16, len(entries))
	for _, v := range p {
		cid := int(v & 0xffff)
		if s := entries[cid].glyphs; len(specs) == 0 || specs[len(specs)-1] != s {
			specs = append(specs, s)
		}
		gids[cid] = uint16(len(specs))
	}
	return p, specs, gids
}

// packSpecs appends to p, for each of entries (at most 2¹⁶, as CIDs
// are), one number: its spec's first five bytes (zero after its end),
// its length up to 6, and its index, from the highest byte down. A spec
// of five bytes or fewer is all in its number's top bits, and one that
// another starts sorts before it, as strings do; specs of six bytes or
// more that start alike have the same top bits, after those of shorter
// specs they start with.
func packSpecs(entries []cidEntry, p []uint64) []uint64 {
	for i, e := range entries {
		g := e.glyphs
		var v uint64
		for k := range 5 {
			v <<= 8
			if k < len(g) {
				v |= uint64(g[k])
			}
		}
		p = append(p, v<<24|uint64(min(len(g), 6))<<16|uint64(i&0xffff))
	}
	return p
}

// fontObjects is the number of objects appendFont writes.
const fontObjects = 6

// appendFont appends the objects of df, numbered from num on (Type0,
// CIDFontType2, FontDescriptor, FontFile2, ToUnicode, CIDToGIDMap), and
// records where each starts in offsets. The FontDescriptor and the
// FontFile2 are the same for every document that draws the same glyphs
// (a print pack keeps one of each); the rest is the document's own.
func (w *Writer) appendFont(b []byte, df *docFont, num int, offsets []int) ([]byte, error) {
	f := df.font
	sub, err := f.cachedSubset(w, df)
	if err != nil {
		return nil, err
	}
	name := sub.name
	obj := func(k int) {
		offsets[num+k] = len(b)
		b = strconv.AppendInt(b, int64(num+k), 10)
		b = append(b, " 0 obj\n"...)
	}
	ref := func(k int) {
		b = strconv.AppendInt(b, int64(num+k), 10)
		b = append(b, " 0 R"...)
	}
	end := "\nendobj\n"

	obj(0)
	b = append(b, "<</Type/Font/Subtype/Type0/BaseFont/"...)
	b = append(b, name...)
	b = append(b, "/Encoding/Identity-H/DescendantFonts["...)
	ref(1)
	b = append(b, "]/ToUnicode "...)
	ref(4)
	b = append(b, ">>"+end...)

	obj(1)
	b = append(b, "<</Type/Font/Subtype/CIDFontType2/BaseFont/"...)
	b = append(b, name...)
	b = append(b, "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor "...)
	ref(2)
	b = append(b, "/CIDToGIDMap "...)
	ref(5)
	// The widths of runs of consecutive CIDs: c [w w …].
	sorted := w.sortedEntries(df)
	b = append(b, "/W["...)
	if len(sorted) == 0 {
		b = append(b, "1["...)
	}
	for k, e := range sorted {
		if k == 0 || e.cid != sorted[k-1].cid+1 {
			if k > 0 {
				b = append(b, "] "...)
			}
			b = strconv.AppendInt(b, int64(e.cid), 10)
			b = append(b, '[')
		} else {
			b = append(b, ' ')
		}
		b = appendNum(b, e.width, 2)
	}
	b = append(b, "]]>>"+end...)

	k := func(v int16) float64 { return roundTo(f.toThousandths(float64(v)), 0) }
	flags := 4 // symbolic: the glyphs are reached by CID, not a standard encoding
	if f.fixedPitch {
		flags |= 1
	}
	if f.italicAngle != 0 {
		flags |= 64
	}
	stemV := 10 + 220*(float64(f.weightClass)-50)/900
	obj(2)
	b = append(b, "<</Type/FontDescriptor/FontName/"...)
	b = append(b, name...)
	b = append(b, "/Flags "...)
	b = strconv.AppendInt(b, int64(flags), 10)
	b = append(b, "/FontBBox["...)
	for i, v := range []int16{f.xMin, f.yMin, f.xMax, f.yMax} {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, k(v), 0)
	}
	b = append(b, "]/ItalicAngle "...)
	b = appendNum(b, f.italicAngle, 2)
	b = append(b, "/Ascent "...)
	b = appendNum(b, k(f.ascent), 0)
	b = append(b, "/Descent "...)
	b = appendNum(b, k(f.descent), 0)
	b = append(b, "/CapHeight "...)
	b = appendNum(b, k(f.capHeight), 0)
	b = append(b, "/StemV "...)
	b = appendNum(b, max(stemV, 10), 0)
	b = append(b, "/FontFile2 "...)
	ref(3)
	b = append(b, ">>"+end...)

	obj(3)
	b = append(b, "<</Length1 "...)
	b = strconv.AppendInt(b, int64(sub.size), 10)
	b = append(b, "/Filter/FlateDecode/Length "...)
	b = strconv.AppendInt(b, int64(len(sub.deflated)), 10)
	b = append(b, ">>\nstream\n"...)
	b = append(b, sub.deflated...)
	b = append(b, "\nendstream"+end...)

	obj(4)
	b = append(b, "<<"...)
	w.cmap = appendToUnicodeCMap(w.cmap[:0], sorted)
	b = w.appendKept(b, w.cmap)
	b = append(b, end...)

	obj(5)
	b = append(b, "<<"...)
	// CID c draws the subset's glyph m[c]; CID 0, and every CID the
	// document does not use, .notdef.
	n := 1
	if len(sorted) > 0 {
		n = int(sorted[len(sorted)-1].cid) + 1
	}
	m := slices.Grow(w.gidMap[:0], 2*n)[:2*n]
	clear(m)
	for _, e := range sorted {
		binary.BigEndian.PutUint16(m[2*int(e.cid):], sub.gids[e.index])
	}
	w.gidMap = m
	b = w.appendKept(b, m)
	b = append(b, end...)
	return b, nil
}

// sortedCID is an entry of a docFont, in the order of the CIDs.
type sortedCID struct {
	cidEntry
	index int     // in docFont.entries
	width float64 // in /W
}

// sortedEntries returns df's entries in the order of their CIDs, in
// w.sorted (reused by the next call).
func (w *Writer) sortedEntries(df *docFont) []sortedCID {
	keys := w.cidOrder[:0]
	for i, e := range df.entries {
		keys = append(keys, uint32(e.cid)<<16|uint32(i))
	}
	w.cidOrder = keys
	if !slices.IsSorted(keys) {
		slices.Sort(keys)
	}
	sorted := w.sorted[:0]
	for _, k := range keys {
		i := int(k & 0xffff)
		sorted = append(sorted, sortedCID{cidEntry: df.entries[i], index: i, width: df.widths[i]})
	}
	w.sorted = sorted
	return sorted
}

// keptStreams keeps the ToUnicode and CIDToGIDMap streams made lately,
// as appendStream writes them (compressed), by their data: documents of
// a build draw the same glyphs with the same CIDs (newCID), so their
// maps are mostly alike (a different organisation on every flyer adds a
// letter or two), and compressing a map of a kilobyte costs some 100,000
// instructions, most of them whatever its length (two a flyer: 0.76 s of
// a build of 10,000). A map is found by all of its bytes, so what is
// found is what compressing it gives.
var keptStreams = struct {
	sync.Mutex
	m    map[string][]byte
	held int // bytes of the keys and streams kept
}{m: map[string][]byte{}}

// keptLimit bounds the bytes keptStreams holds (a ToUnicode map and
// its stream are some 1.5 KB, a CIDToGIDMap up to 2 bytes a glyph of
// the font and its stream some hundreds): past it, it starts again
// empty.
const keptLimit = 512 << 10

// appendKept appends the end of a stream's dictionary and the stream,
// data, as appendStream does, from keptStreams where data was written
// lately.
func (w *Writer) appendKept(b, data []byte) []byte {
	if len(data) < tinyStream {
		return w.appendStream(b, data) // stored as it is
	}
	c := &keptStreams
	c.Lock()
	kept, ok := c.m[string(data)]
	c.Unlock()
	if ok {
		return append(b, kept...)
	}
	at := len(b)
	b = w.appendStream(b, data)
	size := len(data) + len(b) - at
	if size > keptLimit/8 {
		return b
	}
	c.Lock()
	if c.held+size > keptLimit {
		clear(c.m)
		c.held = 0
	}
	c.m[string(data)] = bytes.Clone(b[at:])
	c.held += size
	c.Unlock()
	return b
}

// subsetTag returns the six capital letters that PDF puts before the name of
// a subset font, derived from the glyphs so that equal subsets get equal
// names and the output stays reproducible.
func subsetTag(name string, glyphs []byte) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	h.Write(glyphs)
	v := h.Sum64()
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(tag[:])
}

// appendToUnicodeCMap appends the ToUnicode CMap of entries, in the
// order of their CIDs, to b. A CID that stands for no text (a glyph of a
// cluster without characters, or a mark whose characters went to the
// glyphs before it) has no entry.
func appendToUnicodeCMap(b []byte, entries []sortedCID) []byte {
	b = append(b, "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n"+
		"/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n"...)
	var u16 [2]uint16
	mapped := 0
	for _, e := range entries {
		if e.text != "" {
			mapped++
		}
	}
	i := 0 // the next entry to look at
	for start := 0; start < mapped; start += 100 {
		n := min(100, mapped-start)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " beginbfchar\n"...)
		for ; n > 0; i++ {
			e := &entries[i]
			if e.text == "" {
				continue
			}
			n--
			b = append(b, '<')
			b = appendHex4(b, e.cid)
			b = append(b, "><"...)
			for _, r := range e.text {
				for _, u := range utf16.AppendRune(u16[:0], r) {
					b = appendHex4(b, u)
				}
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend"...)
}

// appender is an io.Writer that appends to a slice.
type appender struct{ b []byte }

func (a *appender) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}

// AppendDeflate appends data zlib-compressed to dst, at the fast level
// or at the best, with the compressors the documents share (see
// fastZlibWriters and bestZlibWriters).
func AppendDeflate(dst, data []byte, fast bool) []byte {
	a := appender{b: dst}
	if !fast {
		bestZlib(&a, data)
		return a.b
	}
	fw := fastZlibWriters.get()
	fastZlib(&a, fw, data)
	fw.Reset(nil)
	fastZlibWriters.put(fw)
	return a.b
}

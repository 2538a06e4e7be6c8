package cidfont

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/fnv"
	"strconv"
	"sync"
	"unicode/utf16"
)

// Compressors are shared by all documents: one allocates about a megabyte,
// more than the rest of a page. Pages and other streams made for one
// document get level 2: a flyer's page is deflated nine times faster than
// at the default level, for 5% more bytes. Font programs, whose compressed
// form is cached and shared by the documents that draw the same glyphs,
// get the default level.
var (
	zlibWriters     = sync.Pool{New: func() any { return zlib.NewWriter(nil) }}
	fastZlibWriters = sync.Pool{New: func() any {
		zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: no error
		return zw
	}}
)

// tinyStream is the size below which a stream is stored uncompressed.
const tinyStream = 512

// deflate returns data zlib-compressed, fast or at the default level, in a
// buffer reused by the next call.
func (w *Writer) deflate(data []byte, fast bool) []byte {
	w.zbuf.Reset()
	pool := &zlibWriters
	if fast {
		pool = &fastZlibWriters
	}
	zw := pool.Get().(*zlib.Writer)
	zw.Reset(&w.zbuf)
	// Writes to a bytes.Buffer do not fail.
	_, _ = zw.Write(data)
	_ = zw.Close()
	pool.Put(zw)
	return w.zbuf.Bytes()
}

// appendStream appends the end of a stream object's dictionary (its filter
// and length) and the stream, compressed unless that does not pay.
func (w *Writer) appendStream(b, data []byte) []byte {
	if len(data) >= tinyStream {
		if z := w.deflate(data, true); len(z)+len("/Filter/FlateDecode") < len(data) {
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

// subsetEntry is what a document's use of a font comes to, made once for
// every document that draws the same glyphs with the same text in the same
// order: the font program cut to those glyphs and compressed, the /W
// widths, and the ToUnicode stream.
type subsetEntry struct {
	size      int // of the program before compression
	deflated  []byte
	tag       string // the subset's name prefix, "ABCDEF"
	widths    []byte // the numbers of the /W array
	toUnicode []byte // the ToUnicode object from its dictionary's end to endstream
}

// subsetCacheLimit bounds each font's cache of subsets; documents of one
// build share a few dozen glyph lists per font.
const subsetCacheLimit = 256

// cachedSubset returns df's subsetEntry, made once per process for every
// document whose CIDs stand for the same glyphs and text: documents of a
// build share the work, the largest part of writing a page's fonts. The
// key is everything the entry is made from.
func (f *Font) cachedSubset(w *Writer, df *docFont) (*subsetEntry, error) {
	key := w.key[:0]
	for _, e := range df.entries {
		key = binary.BigEndian.AppendUint32(key, uint32(len(e.glyphs)))
		key = append(key, e.glyphs...)
		key = binary.BigEndian.AppendUint32(key, uint32(len(e.text)))
		key = append(key, e.text...)
	}
	w.key = key
	if e, ok := f.subsets.Load(string(key)); ok {
		return e.(*subsetEntry), nil
	}
	specs := make([]string, len(df.entries))
	for i, e := range df.entries {
		specs[i] = e.glyphs
	}
	program, err := f.subset(specs)
	if err != nil {
		return nil, err
	}
	e := &subsetEntry{size: len(program), deflated: bytes.Clone(w.deflate(program, true)), tag: subsetTag(f.psName, key)}
	for i, wd := range df.widths {
		if i > 0 {
			e.widths = append(e.widths, ' ')
		}
		e.widths = appendNum(e.widths, wd, 2)
	}
	e.toUnicode = w.appendStream(nil, toUnicodeCMap(df.entries))
	if f.subsetCount.Add(1) > subsetCacheLimit {
		f.subsets.Clear()
		f.subsetCount.Store(0)
	}
	f.subsets.Store(string(key), e)
	return e, nil
}

// fontObjects is the number of objects appendFont writes.
const fontObjects = 5

// appendFont appends the objects of df, numbered from num on (Type0,
// CIDFontType2, FontDescriptor, FontFile2, ToUnicode), and records where
// each starts in offsets.
func (w *Writer) appendFont(b []byte, df *docFont, num int, offsets []int) ([]byte, error) {
	f := df.font
	sub, err := f.cachedSubset(w, df)
	if err != nil {
		return nil, err
	}
	name := sub.tag + "+" + f.psName
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
	b = append(b, "/CIDToGIDMap/Identity/W[1["...)
	b = append(b, sub.widths...)
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
	b = append(b, sub.toUnicode...)
	b = append(b, end...)
	return b, nil
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

// toUnicodeCMap returns the ToUnicode CMap for the CIDs 1…len(entries).
// A CID that stands for no text (a glyph of a cluster without characters,
// or a mark whose characters went to the glyphs before it) has no entry.
func toUnicodeCMap(entries []cidEntry) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n" +
		"/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n")
	var line []byte
	var u16 []uint16
	mapped := make([]int, 0, len(entries))
	for i, e := range entries {
		if e.text != "" {
			mapped = append(mapped, i)
		}
	}
	for start := 0; start < len(mapped); start += 100 {
		chunk := mapped[start:min(start+100, len(mapped))]
		b.WriteString(strconv.Itoa(len(chunk)))
		b.WriteString(" beginbfchar\n")
		for _, i := range chunk {
			line = append(line[:0], '<')
			line = appendHex4(line, uint16(i+1))
			line = append(line, "><"...)
			u16 = u16[:0]
			for _, r := range entries[i].text {
				u16 = utf16.AppendRune(u16, r)
			}
			for _, u := range u16 {
				line = appendHex4(line, u)
			}
			line = append(line, ">\n"...)
			b.Write(line)
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend")
	return b.Bytes()
}

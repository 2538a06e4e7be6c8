package cidfont

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

// object is one PDF object as handed to fpdf's ImportObjects: the body
// without "N 0 obj", ending with "endobj", with 40-byte slots where fpdf
// writes the object numbers of other objects.
type object struct {
	body  []byte
	refs  []ref
	index int // position in Writer.objs
}

type ref struct {
	pos    int // offset of the 40-byte slot in body
	target *object
}

const refSlot = "                                        " // 40 bytes, as fpdf expects

// appendRef appends an indirect reference to target ("<slot> 0 R").
func (o *object) appendRef(target *object) {
	o.refs = append(o.refs, ref{pos: len(o.body), target: target})
	o.body = append(o.body, refSlot...)
	o.body = append(o.body, " 0 R"...)
}

// appendStream ends the dictionary with the stream's filter and length and
// appends the stream, compressed unless that makes it longer.
func (w *Writer) appendStream(o *object, data []byte) {
	// A line's glyph run is a few hundred bytes: compressing it saves
	// little and costs more than drawing it.
	if len(data) >= tinyStream {
		if z := w.deflate(data); len(z)+len("/Filter/FlateDecode") < len(data) {
			o.body = append(o.body, "/Filter/FlateDecode"...)
			data = z
		}
	}
	o.body = append(o.body, "/Length "...)
	o.body = strconv.AppendInt(o.body, int64(len(data)), 10)
	o.body = append(o.body, ">>\nstream\n"...)
	o.body = append(o.body, data...)
	o.body = append(o.body, "\nendstream\nendobj"...)
}

// Compressors are shared by all documents: one allocates about a megabyte,
// more than the rest of a page's glyph runs together. Small streams (the
// runs' content) get the fast level, whose reset costs far less than the
// default level's, for a few percent more bytes; font programs get the
// default level.
var (
	zlibWriters     = sync.Pool{New: func() any { return zlib.NewWriter(nil) }}
	fastZlibWriters = sync.Pool{New: func() any {
		zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: no error
		return zw
	}}
)

// tinyStream is the size below which a stream is stored uncompressed.
const tinyStream = 512

// smallStream is the size below which a stream is compressed fast.
const smallStream = 4096

// deflate returns data zlib-compressed, in a buffer reused by the next call.
func (w *Writer) deflate(data []byte) []byte {
	w.zbuf.Reset()
	pool := &zlibWriters
	if len(data) < smallStream {
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

// subsetEntry is a font program cut to a set of glyphs, and compressed.
type subsetEntry struct {
	program  []byte
	base     int
	deflated []byte
}

// subsetCacheLimit bounds each font's cache of subsets; documents of one
// build share a few dozen glyph sets per font.
const subsetCacheLimit = 256

// cachedSubset cuts and compresses the font for a glyph set once per
// process: documents of a build that use the same glyphs share the work,
// the largest part of writing a page after compression of the page itself.
func (f *Font) cachedSubset(w *Writer, gids []uint16, composites []string) (*subsetEntry, error) {
	var key strings.Builder
	for _, g := range gids {
		key.WriteByte(byte(g >> 8))
		key.WriteByte(byte(g))
	}
	for _, c := range composites {
		key.WriteByte(0xff)
		key.WriteString(c)
	}
	k := key.String()
	if e, ok := f.subsets.Load(k); ok {
		return e.(*subsetEntry), nil
	}
	program, base, err := f.subset(gids, composites)
	if err != nil {
		return nil, err
	}
	e := &subsetEntry{program: program, base: base, deflated: bytes.Clone(w.deflate(program))}
	if f.subsetCount.Add(1) > subsetCacheLimit {
		f.subsets.Clear()
		f.subsetCount.Store(0)
	}
	f.subsets.Store(k, e)
	return e, nil
}

// formObject returns the Form XObject for one run.
func (w *Writer) formObject(df *docFont, content []byte, bbox [4]float64) *object {
	o := &object{body: make([]byte, 0, 160+len(content))}
	o.body = append(o.body, "<</Type/XObject/Subtype/Form/BBox["...)
	for i, v := range bbox {
		if i > 0 {
			o.body = append(o.body, ' ')
		}
		o.body = appendNum(o.body, v, 2)
	}
	o.body = append(o.body, "]/Resources<</Font<<"...)
	o.body = append(o.body, df.name...)
	o.body = append(o.body, ' ')
	// The font's Type0 object is not built until Finish; the reference is
	// resolved there.
	o.refs = append(o.refs, ref{pos: len(o.body)})
	o.body = append(o.body, refSlot...)
	o.body = append(o.body, " 0 R>>>>"...)
	w.appendStream(o, content)
	return o
}

// buildFont (re)builds the six objects of df for the CIDs allocated so far.
func (w *Writer) buildFont(df *docFont) error {
	if df.built == len(df.entries) && df.objs != nil {
		return nil
	}
	f := df.font
	// Glyph IDs of the CIDs: the font's own, or base+k for the k-th
	// composite glyph, once base is known.
	gidOf := make([]int, len(df.entries))
	var gids []uint16
	var composites []string
	compositeIndex := map[string]int{}
	for i, e := range df.entries {
		if len(e.glyphs) == 2 {
			gid := uint16(e.glyphs[0])<<8 | uint16(e.glyphs[1])
			gids = append(gids, gid)
			gidOf[i] = int(gid)
			continue
		}
		k, ok := compositeIndex[e.glyphs]
		if !ok {
			k = len(composites)
			compositeIndex[e.glyphs] = k
			composites = append(composites, e.glyphs)
			specComponents(e.glyphs, func(gid uint16, _, _ int16) { gids = append(gids, gid) })
		}
		gidOf[i] = -1 - k
	}
	slices.Sort(gids)
	gids = slices.Compact(gids)
	sub, err := f.cachedSubset(w, gids, composites)
	if err != nil {
		return fmt.Errorf("subset font %s: %w", f.psName, err)
	}
	program, base := sub.program, sub.base
	name := subsetTag(f.psName, gids, composites) + "+" + f.psName

	type0, cidFont, desc := &object{}, &object{}, &object{}
	file, cidToGID, toUnicode := &object{}, &object{}, &object{}

	type0.body = append(type0.body, "<</Type/Font/Subtype/Type0/BaseFont/"...)
	type0.body = append(type0.body, name...)
	type0.body = append(type0.body, "/Encoding/Identity-H/DescendantFonts["...)
	type0.appendRef(cidFont)
	type0.body = append(type0.body, "]/ToUnicode "...)
	type0.appendRef(toUnicode)
	type0.body = append(type0.body, ">>\nendobj"...)

	cidFont.body = append(cidFont.body, "<</Type/Font/Subtype/CIDFontType2/BaseFont/"...)
	cidFont.body = append(cidFont.body, name...)
	cidFont.body = append(cidFont.body, "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor "...)
	cidFont.appendRef(desc)
	cidFont.body = append(cidFont.body, "/CIDToGIDMap "...)
	cidFont.appendRef(cidToGID)
	cidFont.body = append(cidFont.body, "/W[1["...)
	for i, wd := range df.widths {
		if i > 0 {
			cidFont.body = append(cidFont.body, ' ')
		}
		cidFont.body = appendNum(cidFont.body, wd, 2)
	}
	cidFont.body = append(cidFont.body, "]]>>\nendobj"...)

	k := func(v int16) float64 { return roundTo(f.toThousandths(float64(v)), 0) }
	flags := 4 // symbolic: the glyphs are reached by CID, not a standard encoding
	if f.fixedPitch {
		flags |= 1
	}
	if f.italicAngle != 0 {
		flags |= 64
	}
	stemV := 10 + 220*(float64(f.weightClass)-50)/900
	d := desc.body
	d = append(d, "<</Type/FontDescriptor/FontName/"...)
	d = append(d, name...)
	d = append(d, "/Flags "...)
	d = strconv.AppendInt(d, int64(flags), 10)
	d = append(d, "/FontBBox["...)
	for i, v := range []int16{f.xMin, f.yMin, f.xMax, f.yMax} {
		if i > 0 {
			d = append(d, ' ')
		}
		d = appendNum(d, k(v), 0)
	}
	d = append(d, "]/ItalicAngle "...)
	d = appendNum(d, f.italicAngle, 2)
	d = append(d, "/Ascent "...)
	d = appendNum(d, k(f.ascent), 0)
	d = append(d, "/Descent "...)
	d = appendNum(d, k(f.descent), 0)
	d = append(d, "/CapHeight "...)
	d = appendNum(d, k(f.capHeight), 0)
	d = append(d, "/StemV "...)
	d = appendNum(d, max(stemV, 10), 0)
	d = append(d, "/FontFile2 "...)
	desc.body = d
	desc.appendRef(file)
	desc.body = append(desc.body, ">>\nendobj"...)

	file.body = append(file.body, "<</Length1 "...)
	file.body = strconv.AppendInt(file.body, int64(len(program)), 10)
	file.body = append(file.body, "/Filter/FlateDecode/Length "...)
	file.body = strconv.AppendInt(file.body, int64(len(sub.deflated)), 10)
	file.body = append(file.body, ">>\nstream\n"...)
	file.body = append(file.body, sub.deflated...)
	file.body = append(file.body, "\nendstream\nendobj"...)

	m := make([]byte, 2*(len(df.entries)+1))
	for i, gid := range gidOf {
		if gid < 0 {
			gid = base - 1 - gid
		}
		m[2*i+2], m[2*i+3] = byte(gid>>8), byte(gid)
	}
	cidToGID.body = append(cidToGID.body, "<<"...)
	w.appendStream(cidToGID, m)

	toUnicode.body = append(toUnicode.body, "<<"...)
	w.appendStream(toUnicode, toUnicodeCMap(df.entries))

	df.objs = []*object{type0, cidFont, desc, file, cidToGID, toUnicode}
	df.built = len(df.entries)
	return nil
}

// subsetTag returns the six capital letters that PDF puts before the name of
// a subset font, derived from the glyphs so that equal subsets get equal
// names and the output stays reproducible.
func subsetTag(name string, gids []uint16, composites []string) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	for _, g := range gids {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	for _, c := range composites {
		h.Write([]byte(c))
	}
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
func toUnicodeCMap(entries []cidKey) []byte {
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

// Finish hands the fonts and the XObjects of every run drawn so far to fpdf
// through its import hooks; only fonts that were drawn with are written,
// subset to the glyphs drawn. Call it after the last Draw and before fpdf
// writes the document (Output, OutputFileAndClose, Close), or use
// Writer.Output, which calls it. It may be called again after more Draws.
func (w *Writer) Finish() error {
	if w.pdf == nil {
		return fmt.Errorf("finish glyph runs: writer has no fpdf document")
	}
	if w.finished {
		return nil
	}
	objs := w.objs[:0]
	for _, df := range w.fonts {
		if err := w.buildFont(df); err != nil {
			return fmt.Errorf("finish glyph runs: %w", err)
		}
		objs = append(objs, df.objs...)
	}
	for _, fm := range w.forms {
		fm.obj.refs[0].target = fm.font.objs[0]
		objs = append(objs, fm.obj)
	}
	for i, o := range objs {
		o.index = i
	}
	w.objs = objs

	bodies := make(map[string][]byte, len(objs))
	positions := make(map[string]map[int]string, len(objs))
	for _, o := range objs {
		key := objectKey(o.index)
		marker := objectMarker(o.index)
		data := make([]byte, 0, len(marker)+len(o.body))
		data = append(append(data, marker...), o.body...)
		bodies[key] = data
		// Every key gets its map, even an empty one, so that no slot
		// positions of an earlier Finish survive for this key.
		pos := make(map[int]string, len(o.refs))
		for _, r := range o.refs {
			pos[len(marker)+r.pos] = objectKey(r.target.index)
		}
		positions[key] = pos
	}
	templates := make(map[string]string, len(w.forms))
	for _, fm := range w.forms {
		templates[fm.name] = objectKey(fm.obj.index)
	}
	w.pdf.ImportObjects(bodies)
	w.pdf.ImportObjPos(positions)
	w.pdf.ImportTemplates(templates)
	w.finished = true
	return nil
}

// objectKey is the key of an object in fpdf's import maps.
func objectKey(index int) string {
	return "awarekit/cidfont/" + strconv.Itoa(index)
}

// objectMarker starts every object this package writes, so that Output can
// find the objects in the file fpdf writes. A PDF comment is whitespace to
// every reader.
func objectMarker(index int) string {
	return "%cidfont " + strconv.Itoa(index) + "\n"
}

package cidfont

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"
)

// maxCID is the highest CID a two-byte Identity-H code can name; CID 0 is
// .notdef and never allocated.
const maxCID = 0xffff

// Run is one line's worth of shaped glyphs in one font, size and colour.
type Run struct {
	Font  *Font
	Size  float64  // font size in points
	Color [3]uint8 // RGB fill colour
	X, Y  float64  // left end of the baseline, in the fpdf document's user units, y downward like fpdf
	RTL   bool     // the run is right-to-left (glyphs are given in visual order; affects ToUnicode order)
	// FakeBold thickens the glyphs with a stroke in the fill colour, for
	// a bold run in a font that has no bold face (Droid Sans Fallback).
	FakeBold bool
	Text     string // the run's logical text

	// Glyphs are the shaped glyphs in visual (left-to-right) order.
	Glyphs []Glyph
	// ByteClusters says that each glyph's Cluster counts bytes of Text,
	// not runes, as a typesetter that keeps UTF-8 counts them: the
	// Writer finds their runes itself, and only for a run it has not
	// met before (showOps), where counting the runes of every run
	// drawn before drawing it was some 1.4% of a build of Punjabi
	// flyers.
	ByteClusters bool
}

// Glyph is one shaped glyph, in font units (shape with a size of
// Font.UnitsPerEm to get them).
type Glyph struct {
	GID uint16
	// Cluster is the index of the first rune (not byte, unless
	// Run.ByteClusters) of this glyph's cluster in Run.Text: go-text's
	// shaping.Glyph.ClusterIndex minus the run's start in the shaped
	// text.
	Cluster  int
	XAdvance int32
	XOffset  int32
	YOffset  int32 // up positive
}

// Writer collects one document's glyph runs; one per fpdf document, not for
// concurrent use.
//
// Draw writes each run into the content stream of the current page at once,
// as text operators that name the document's fonts; Output writes the
// document and adds those fonts to it.
type Writer struct {
	pdf    Document
	fonts  []*docFont
	byFont map[*Font]*docFont

	written bool // Output has written the document

	zbuf bytes.Buffer

	// contents makes each page's content stream (SetContents).
	contents func(page int, fromFpdf, dst []byte) ([]byte, error)

	*scratch
}

// scratch is space a Writer reuses from run to run, and, given back
// (Release), the next document's Writer: grown afresh in every document,
// it was a twentieth of what drawing allocated.
type scratch struct {
	unitBuf    []unit
	runeStarts []int
	order      []int
	at         []float64
	chars      []string
	place      []float64
	stream     []byte
	spec       []byte
	key        []byte
	packed     []uint64
	specs      []string
	gidMap     []byte
	ops        []showOp
	runKey     []byte
	page       []byte // a page's content stream, made by contents
	cidOrder   []uint32
	sorted     []sortedCID

	// chunks are the pieces of page contents compressed lately
	// (deflateChunked): kept with the scratch, which serves one
	// document at a time, they are the pieces of the documents the
	// workers drew before.
	chunks *chunkCache
	cut    []int

	// cmap is the ToUnicode map being written (appendToUnicodeCMap).
	cmap []byte
	// spareFonts are the docFonts of the documents released, for the next
	// document's fonts (spareFont): their maps and lists made afresh
	// in every document, though sized for it (cidHint), were an
	// eighth of what a build of Punjabi flyers allocated.
	spareFonts []*docFont
}

// maxSpareFonts is the most docFonts a scratch keeps: a flyer draws in
// two to four fonts.
const maxSpareFonts = 8

// size is about how many bytes s holds.
func (s *scratch) size() int {
	return cap(s.unitBuf)*int(unsafe.Sizeof(unit{})) + 8*(cap(s.runeStarts)+cap(s.order)+cap(s.at)+cap(s.place)+cap(s.packed)) +
		16*(cap(s.chars)+cap(s.specs)) + cap(s.stream) + cap(s.spec) + cap(s.key) + cap(s.gidMap) + cap(s.runKey) + cap(s.page) +
		cap(s.ops)*int(unsafe.Sizeof(showOp{})) + 4*cap(s.cidOrder) + cap(s.sorted)*int(unsafe.Sizeof(sortedCID{})) +
		cap(s.cmap) + fontsSize(s.spareFonts)
}

// fontsSize is about how many bytes fonts hold: their lists, and their
// maps at some 40 bytes an entry they grew to (a key's string header,
// the CID, the map's own bytes).
func fontsSize(fonts []*docFont) int {
	n := 0
	for _, df := range fonts {
		n += 40*df.most + cap(df.entries)*int(unsafe.Sizeof(cidEntry{})) + 8*(cap(df.widths)+cap(df.taken)) + 2*cap(df.byID)
	}
	return n
}

// maxScratch is the most a scratch kept for another document holds: a
// flyer's is some kilobytes.
const maxScratch = 256 << 10

// spareScratch keeps the scratch of Writers released.
var spareScratch = newSpares(8, func() *scratch { return new(scratch) })

// Release gives the scratch space of a Writer that has written its
// document (Output) to the next Writer made. It does nothing before
// Output, and the Writer cannot be used after.
func (w *Writer) Release() {
	if s := w.spare(); s != nil {
		spareScratch.put(s)
	}
}

// spare takes the Writer's scratch, with its document's docFonts among
// the spares, emptied, for another document; nil before Output, or when
// it holds more than maxScratch.
func (w *Writer) spare() *scratch {
	if !w.written || w.scratch == nil {
		return nil
	}
	s := w.scratch
	w.scratch = nil
	for _, df := range w.fonts {
		if len(s.spareFonts) < maxSpareFonts {
			s.spareFonts = append(s.spareFonts, df)
		}
	}
	if s.size() > maxScratch {
		return nil
	}
	// Strings the last document made are not kept alive by it.
	clear(s.chars[:cap(s.chars)])
	clear(s.specs[:cap(s.specs)])
	clear(s.ops[:cap(s.ops)])
	clear(s.sorted[:cap(s.sorted)])
	for _, df := range s.spareFonts {
		clear(df.cids)
		clear(df.entries[:cap(df.entries)])
	}
	return s
}

// docFont is a Font as used in one document: the CIDs allocated so far.
type docFont struct {
	font *Font
	name string            // resource name in the page resources, "/C1" …
	cids map[string]uint16 // cidKey bytes → CID
	most int               // the most entries cids has held
	// byID[op.id] is the CID of ops of generation gen (Font.keyIDs),
	// 0 for none yet: looked up for every glyph drawn, where hashing
	// its key in cids was a third of drawing a run.
	gen     uint32
	byID    []uint16
	entries []cidEntry // in the order the CIDs were allocated
	widths  []float64  // widths[i] is entries[i]'s, thousandths of an em as written in /W

	// glyphCIDs is whether the CIDs are the font's glyph IDs (see
	// newCID); taken[g] whether CID g is allocated, extras how many
	// CIDs from the font's glyph count on are.
	glyphCIDs bool
	taken     []uint64
	extras    int
}

// cidEntry is what a CID stands for: the glyphs of a unit (a glyph spec)
// and the text they copy out as.
type cidEntry struct {
	glyphs string
	text   string
	cid    uint16
}

// maxGlyphCIDs is the most glyphs a font may have for its CIDs to be its
// glyph IDs (newCID): the CIDToGIDMap then runs to the highest glyph ID
// drawn and beyond, two bytes a glyph, and a CJK font's 30,000 glyphs
// and more would make it a large stream in every document.
const maxGlyphCIDs = 16384

// newCID allocates the CID of a new entry of df that draws spec.
//
// In a font of up to maxGlyphCIDs glyphs, the CID of one of the font's
// glyphs drawn as it is, the first time the document draws it, is its
// glyph ID; every other spec (a composite, a glyph in another width, a
// text-only glyph, a glyph met again with other text) gets the next
// CID from the font's glyph count on. So the same text in the same
// font is the same codes in every document, whatever it drew before
// (an organisation's name at the top of a flyer, which numbering the
// CIDs in the order drawn made shift every CID after it), and a
// document's page content and ToUnicode map are mostly the bytes of
// the documents before it: what Output finds kept instead of
// compressing again. In a larger font the CIDs are 1, 2, … in the
// order drawn. ok is false when no CID is left.
func (df *docFont) newCID(spec string) (cid uint16, ok bool) {
	if !df.glyphCIDs {
		if len(df.entries) >= maxCID {
			return 0, false
		}
		return uint16(len(df.entries) + 1), true
	}
	if len(spec) == 2 {
		g := int(spec[0])<<8 | int(spec[1])
		if g > 0 && df.taken[g/64]&(1<<(g%64)) == 0 {
			df.taken[g/64] |= 1 << (g % 64)
			return uint16(g), true
		}
	}
	c := df.font.numGlyphs + df.extras
	if c > maxCID {
		return 0, false
	}
	df.extras++
	return uint16(c), true
}

// allocated reports whether cid is one of df's CIDs.
func (df *docFont) allocated(cid uint16) bool {
	if cid == 0 {
		return false
	}
	if !df.glyphCIDs {
		return int(cid) <= len(df.entries)
	}
	if g := int(cid); g < df.font.numGlyphs {
		return df.taken[g/64]&(1<<(g%64)) != 0
	}
	return int(cid) < df.font.numGlyphs+df.extras
}

// Document is what a Writer needs of the document it draws into: an
// *fpdf.Fpdf, or what writes the same file as one would (the PDF
// renderer's record of its calls to fpdf, which it makes into a file
// only when no earlier document's file serves).
type Document interface {
	PageNo() int
	GetConversionRatio() float64
	GetPageSize() (width, height float64)
	RawWriteStr(s string)
	Err() bool
	Error() error
	Output(w io.Writer) error
}

// NewWriter returns a Writer that draws into pdf.
func NewWriter(pdf *fpdf.Fpdf) *Writer {
	if pdf == nil {
		return NewWriterFor(nil)
	}
	return NewWriterFor(pdf)
}

// NewWriterFor returns a Writer that draws into d.
func NewWriterFor(d Document) *Writer {
	return &Writer{pdf: d, byFont: make(map[*Font]*docFont), scratch: spareScratch.get()}
}

// Draw draws r on the current page of the document, at once, so it keeps
// its place among the page's other drawing. A run without glyphs draws
// nothing. Draws from inside fpdf's Output (the footer function of the last
// page) are part of the document too.
func (w *Writer) Draw(r Run) error {
	content, err := w.draw(&r)
	if err != nil {
		return fmt.Errorf("draw glyph run %q: %w", abbreviate(r.Text), err)
	}
	if content != nil {
		RawWrite(w.pdf, content)
	}
	return nil
}

// DrawTo is Draw, but appends the run's operators to dst, a page's
// content that the caller keeps and gives Output (SetContents), instead
// of writing them into fpdf's page.
func (w *Writer) DrawTo(dst []byte, r Run) ([]byte, error) {
	content, err := w.draw(&r)
	if err != nil {
		return dst, fmt.Errorf("draw glyph run %q: %w", abbreviate(r.Text), err)
	}
	return append(dst, content...), nil
}

// draw returns r's operators (nil for none), in a buffer that the next
// call reuses.
func (w *Writer) draw(r *Run) ([]byte, error) {
	if w.pdf == nil {
		return nil, errors.New("writer has no fpdf document")
	}
	if w.pdf.Err() {
		return nil, fmt.Errorf("fpdf document has an error: %w", w.pdf.Error())
	}
	if w.written {
		return nil, errors.New("the document has already been written")
	}
	if w.pdf.PageNo() == 0 {
		return nil, errors.New("the document has no page yet; call AddPage first")
	}
	if r.Font == nil {
		return nil, errors.New("no font")
	}
	if !(r.Size > 0) || math.IsInf(r.Size, 0) {
		return nil, fmt.Errorf("font size %v is not a positive number", r.Size)
	}
	if math.IsNaN(r.X) || math.IsInf(r.X, 0) || math.IsNaN(r.Y) || math.IsInf(r.Y, 0) {
		return nil, fmt.Errorf("position (%v, %v) is not finite", r.X, r.Y)
	}
	for i, g := range r.Glyphs {
		if int(g.GID) >= r.Font.numGlyphs {
			return nil, fmt.Errorf("glyph %d: glyph ID %d is beyond the font's %d glyphs", i, g.GID, r.Font.numGlyphs)
		}
	}
	if len(r.Glyphs) == 0 {
		return nil, nil
	}
	ops, err := w.showOps(r)
	if err != nil {
		return nil, err
	}

	df := w.byFont[r.Font]
	if df == nil {
		df = w.newDocFont(r.Font)
	}
	content, err := w.content(r, df, ops)
	if err != nil {
		return nil, err
	}
	if w.byFont[r.Font] == nil {
		w.byFont[r.Font] = df
		w.fonts = append(w.fonts, df)
	}
	noteCIDs(r.Font, len(df.entries))
	df.most = max(df.most, len(df.cids))
	return content, nil
}

// newDocFont returns the next docFont of the document, for f: one a
// document before left in the scratch (Release), emptied, or a new one.
func (w *Writer) newDocFont(f *Font) *docFont {
	name := "/C" + strconv.Itoa(len(w.fonts)+1)
	glyphCIDs := f.numGlyphs <= maxGlyphCIDs
	words := 0
	if glyphCIDs {
		words = (f.numGlyphs + 63) / 64
	}
	if df := w.spareFont(f); df != nil {
		*df = docFont{font: f, name: name, gen: f.keyGen.Load(), cids: df.cids, most: df.most,
			entries: df.entries[:0], widths: df.widths[:0], byID: df.byID[:0], glyphCIDs: glyphCIDs,
			taken: slices.Grow(df.taken[:0], words)[:words]}
		clear(df.byID[:cap(df.byID)])
		clear(df.taken)
		return df
	}
	// Room for as many CIDs as a document has drawn in the font: the
	// map and the lists grown from nothing in every document were a
	// fifth of what drawing allocated.
	hint := cidHint(f)
	df := &docFont{
		font:      f,
		name:      name,
		gen:       f.keyGen.Load(),
		cids:      make(map[string]uint16, hint),
		entries:   make([]cidEntry, 0, hint),
		widths:    make([]float64, 0, hint),
		glyphCIDs: glyphCIDs,
	}
	if glyphCIDs {
		df.taken = make([]uint64, words)
	}
	return df
}

// spareFont takes a docFont from the scratch's spares, one that drew in f
// when there is one; nil when there is none.
func (w *Writer) spareFont(f *Font) *docFont {
	if w.scratch == nil || len(w.spareFonts) == 0 {
		return nil
	}
	at := slices.IndexFunc(w.spareFonts, func(df *docFont) bool { return df.font == f })
	if at < 0 {
		at = len(w.spareFonts) - 1
	}
	df := w.spareFonts[at]
	w.spareFonts = slices.Delete(w.spareFonts, at, at+1)
	return df
}

// RawWrite writes b to pdf's current page (or its file, outside a
// page), as fpdf's RawWriteStr does, without copying b into a string
// first: fpdf has no way to write bytes but as a string, which it copies
// into its buffer at once and does not keep, and the copies were a
// tenth of what drawing a page allocated.
func RawWrite(pdf Document, b []byte) {
	if len(b) == 0 {
		pdf.RawWriteStr("")
		return
	}
	pdf.RawWriteStr(unsafe.String(unsafe.SliceData(b), len(b)))
}

// cidHints is, for each Font, the most CIDs one document has drawn in
// it (an *atomic.Int32): the room a document's docFont starts with. It
// holds one number for each font a process draws with.
var cidHints sync.Map // *Font → *atomic.Int32

// maxCIDHint bounds the room a docFont starts with: a document that
// draws a whole font's glyphs does not make every later one start
// that large.
const maxCIDHint = 1024

func cidHint(f *Font) int {
	if h, ok := cidHints.Load(f); ok {
		return int(h.(*atomic.Int32).Load())
	}
	return 0
}

// noteCIDs raises f's hint to n.
func noteCIDs(f *Font, n int) {
	n = min(n, maxCIDHint)
	h, ok := cidHints.Load(f)
	if !ok {
		h, _ = cidHints.LoadOrStore(f, new(atomic.Int32))
	}
	a := h.(*atomic.Int32)
	for {
		old := a.Load()
		if int(old) >= n || a.CompareAndSwap(old, int32(n)) {
			return
		}
	}
}

// content allocates the CIDs of the run's glyphs in df and returns the
// run's operators for the page's content stream, from q to Q: the fill
// colour is set for the run alone, and fpdf's idea of the graphics state
// stays true. ops are the CIDs to show, in order (showOps).
func (w *Writer) content(r *Run, df *docFont, ops []showOp) ([]byte, error) {
	f := r.Font
	// The page's space is points with the origin at the bottom left; fpdf's
	// is user units with y downward.
	k := w.pdf.GetConversionRatio()
	_, pageHeight := w.pdf.GetPageSize()

	b := append(w.stream[:0], "q "...)
	b = appendColor(b, r.Color, "g", "rg")
	if r.FakeBold {
		b = append(b, ' ')
		b = appendColor(b, r.Color, "G", "RG")
		b = append(b, " 0 J 0 j "...)
		b = appendNum(b, r.Size*0.035, 3)
		b = append(b, " w 2 Tr"...)
	}
	b = append(b, " BT "...)
	b = append(b, df.name...)
	b = append(b, ' ')
	b = appendNum(b, r.Size, 3)
	b = append(b, " Tf "...)
	b = appendNum(b, r.X*k, 3)
	b = append(b, ' ')
	b = appendNum(b, (pageHeight-r.Y)*k, 3)
	b = append(b, " Td["...)

	first, firstExtra := len(df.entries), df.extras
	fail := func(err error) ([]byte, error) {
		// Forget the CIDs of a run that is not drawn.
		for i := first; i < len(df.entries); i++ {
			e := df.entries[i]
			w.key = cidKeyOf(w.key[:0], []byte(e.glyphs), e.text)
			delete(df.cids, string(w.key))
			if g := int(e.cid); df.glyphCIDs && g < f.numGlyphs {
				df.taken[g/64] &^= 1 << (g % 64)
			}
		}
		df.entries, df.widths, df.extras = df.entries[:first], df.widths[:first], firstExtra
		for i, cid := range df.byID {
			if !df.allocated(cid) {
				df.byID[i] = 0
			}
		}
		return nil, err
	}
	inString := false
	for _, op := range ops {
		// The CID that draws the op's spec and stands for its text.
		var cid uint16
		known := op.gen == df.gen && op.gen != 0
		if known && int(op.id) < len(df.byID) {
			cid = df.byID[op.id]
		}
		if cid == 0 {
			var ok bool
			if cid, ok = df.cids[op.key]; !ok {
				n := binary.BigEndian.Uint32([]byte(op.key[:4]))
				e := cidEntry{glyphs: op.key[4 : 4+n], text: op.key[4+n:]}
				if e.cid, ok = df.newCID(e.glyphs); !ok {
					if df.glyphCIDs {
						return fail(fmt.Errorf("more than %d glyphs in one font besides the font's own as they are", maxCID-f.numGlyphs+1))
					}
					return fail(fmt.Errorf("more than %d distinct glyphs in one font", maxCID))
				}
				df.entries = append(df.entries, e)
				df.widths = append(df.widths, specWidth(f, e.glyphs))
				cid = e.cid
				df.cids[op.key] = cid
			}
			if known {
				if int(op.id) >= len(df.byID) {
					df.byID = slices.Grow(df.byID, int(op.id)+1-len(df.byID))[:op.id+1]
				}
				df.byID[op.id] = cid
			}
		}
		if op.move != "" {
			if inString {
				b = append(b, ')')
				inString = false
			}
			b = append(b, op.move...)
		}
		if !inString {
			b = append(b, '(')
			inString = true
		}
		b = appendCode(b, cid)
	}
	if inString {
		b = append(b, ')')
	}
	b = append(b, "]TJ ET Q"...)
	w.stream = b
	return b, nil
}

// showOp is one CID a run shows: the glyph spec it draws and the text it
// stands for (key, as cidKeyOf makes it), after the move of the text
// position that puts it where it goes (a number of a TJ array, "" for
// none).
type showOp struct {
	key  string
	move string
	// id numbers key in its font's generation gen (Font.keyIDs); gen 0
	// is none.
	id  int32
	gen uint32
}

// specWidth is the width of spec's glyph as /W gives it, thousandths of
// an em.
func specWidth(f *Font, spec string) float64 {
	return roundTo(f.toThousandths(float64(specAdvance(f, []byte(spec)))), 2)
}

// showOps are the CIDs r shows, in the order the content stream shows
// them. They depend on the run's font, direction, text and glyphs alone,
// not on its size, place or colour, nor on the document: a build draws
// the same runs in every document, and working them out (the units, an
// RTL run's places and groups, the glyph specs) was a sixth of drawing
// an Arabic flyer. So they are kept with the font (Font.runs) under
// those, and worked out once.
func (w *Writer) showOps(r *Run) ([]showOp, error) {
	f := r.Font
	key := runKeyOf(w.runKey[:0], r)
	w.runKey = key
	f.runsMu.Lock()
	ops, ok := f.runs[string(key)]
	f.runsMu.Unlock()
	if ok {
		return ops, nil
	}
	ops, err := w.workOutOps(r)
	if err != nil {
		return nil, err
	}
	ops = slices.Clone(ops)
	size := len(key) + 64
	for _, op := range ops {
		size += int(unsafe.Sizeof(op)) + len(op.key) + len(op.move)
	}
	f.runsMu.Lock()
	if f.runs == nil || f.runsHeld+size > runsLimit {
		f.runs, f.runsHeld = map[string][]showOp{}, 0
		f.keyIDs = map[string]int32{}
		f.keyGen.Add(1)
	}
	gen := f.keyGen.Load()
	for i := range ops {
		id, ok := f.keyIDs[ops[i].key]
		if !ok {
			id = int32(len(f.keyIDs))
			f.keyIDs[ops[i].key] = id
			size += len(ops[i].key) + 16
		}
		ops[i].id, ops[i].gen = id, gen
	}
	f.runs[string(key)] = ops
	f.runsHeld += size
	f.runsMu.Unlock()
	return ops, nil
}

// runsLimit bounds what a font's runs hold, by estimate (showOps): a
// build of English flyers draws some 0.4 MB of them in one font.
const runsLimit = 1 << 20

// glyphKeyBytes is what a glyph takes of a run's key (runKeyOf).
const glyphKeyBytes = 18

// runKeyOf appends to b what showOps depend on of r: its direction,
// what its clusters count, its text after its length, and each glyph's
// fields.
func runKeyOf(b []byte, r *Run) []byte {
	var flags byte
	if r.RTL {
		flags |= 1
	}
	if r.ByteClusters {
		flags |= 2
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(len(r.Text)))
	b = append(b, r.Text...)
	// The glyphs' fields are put into room made for all of them at
	// once: appended one by one, each checked the room (a third of
	// making the key).
	n := len(b)
	b = slices.Grow(b, glyphKeyBytes*len(r.Glyphs))[:n+glyphKeyBytes*len(r.Glyphs)]
	for _, g := range r.Glyphs {
		k := b[n : n+glyphKeyBytes : n+glyphKeyBytes]
		binary.BigEndian.PutUint16(k[0:], g.GID)
		binary.BigEndian.PutUint32(k[2:], uint32(g.Cluster))
		binary.BigEndian.PutUint32(k[6:], uint32(g.XAdvance))
		binary.BigEndian.PutUint32(k[10:], uint32(g.XOffset))
		binary.BigEndian.PutUint32(k[14:], uint32(g.YOffset))
		n += glyphKeyBytes
	}
	return b
}

// workOutOps works out showOps(r), in w.ops (reused by the next call).
func (w *Writer) workOutOps(r *Run) ([]showOp, error) {
	if w.scratch == nil {
		w.scratch = new(scratch) // a Writer not made by NewWriter
	}
	units, err := w.units(r)
	if err != nil {
		return nil, err
	}
	f := r.Font
	ops := w.ops[:0]
	// at[i] is where the shaper puts glyph i, font units from the run's
	// left end: units come in reading order, glyphs in visual order.
	at := slices.Grow(w.at[:0], len(r.Glyphs)+1)
	pen := 0.0
	for _, g := range r.Glyphs {
		at = append(at, pen)
		pen += float64(g.XAdvance)
	}
	at = append(at, pen)
	w.at = at
	// showAt shows the glyph of spec, standing for text, at x
	// thousandths of an em from the run's left end: exactly there, or,
	// unless exact, where the text position already is when that is less
	// than half a thousandth away (content).
	pdfPen := 0.0 // where the PDF text position is, thousandths of an em
	var showAt placeFunc = func(x float64, exact bool, spec []byte, text string) error {
		w.key = cidKeyOf(w.key[:0], spec, text)
		op := showOp{key: string(w.key)}
		if move := x - pdfPen; move != 0 && (exact || math.Abs(move) >= 0.5) {
			adj := math.Round(move)
			if exact {
				adj = roundTo(move, 2)
			}
			op.move = string(appendNum(nil, -adj, 2))
			pdfPen += adj
		}
		pdfPen += specWidth(f, op.key[4:4+len(spec)])
		ops = append(ops, op)
		return nil
	}
	// show draws the glyph of spec, standing for text, at x font units.
	show := func(x float64, spec []byte, text string) error {
		return showAt(f.toThousandths(x), false, spec, text)
	}
	// Every CID is shown at the shaper's pen position, offsets being part
	// of composite glyphs (glyphSpec): extractors take a glyph moved onto
	// its neighbour for duplicated text (fake bold) and break the word, and
	// one moved off the baseline for another line.
	//
	// The units go in reading order, so in RTL text the text position
	// moves left before each glyph, and the content stream holds the
	// logical text: what a screen reader following the tags, or
	// pdfinfo -struct-text, reads.
	var place []float64
	if r.RTL {
		if place, err = w.visualPlaces(r, units, at); err != nil {
			return nil, err
		}
	}
	for i := 0; i < len(units); {
		u := units[i]
		glyphs := r.Glyphs[u.first:u.end]
		start, end := at[u.first], at[u.end]
		if r.RTL && u.wide {
			// The glyph and the zero-width units after it (its marks).
			j := i + 1
			for j < len(units) && !units[j].wide {
				j++
			}
			if err := w.rtlGroup(show, showAt, r, units[i:j], at, place[i:j]); err != nil {
				return nil, err
			}
			i = j
			continue
		}
		spec, err := w.glyphSpec(f, glyphs)
		if err != nil {
			return nil, err
		}
		// Text before the unit in reading order sits at its left end in
		// LTR text and at its right end in RTL text, text after it at the
		// other end.
		before, after := start, end
		if r.RTL {
			before, after = end, start
		}
		if u.pre != "" {
			if err := show(before, textOnly, u.pre); err != nil {
				return nil, err
			}
		}
		if err := show(start, spec, u.text); err != nil {
			return nil, err
		}
		if u.post != "" {
			if err := show(after, textOnly, u.post); err != nil {
				return nil, err
			}
		}
		i++
	}
	w.ops = ops
	return ops, nil
}

// cidKeyOf appends the map key of a CID: the length of the glyph spec, the
// spec and the text.
func cidKeyOf(b []byte, spec []byte, text string) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(spec)))
	b = append(b, spec...)
	return append(b, text...)
}

// appendColor appends the operator that sets c as the colour: gray for a
// gray, rgb otherwise.
func appendColor(b []byte, c [3]uint8, gray, rgb string) []byte {
	if c[0] == c[1] && c[1] == c[2] {
		b = appendNum(b, float64(c[0])/255, 3)
		b = append(b, ' ')
		return append(b, gray...)
	}
	for _, v := range c {
		b = appendNum(b, float64(v)/255, 3)
		b = append(b, ' ')
	}
	return append(b, rgb...)
}

// abbreviate shortens s for an error message.
func abbreviate(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}

// appendNum appends v rounded to at most decimals places, without trailing
// zeros.
func appendNum(b []byte, v float64, decimals int) []byte {
	p := math.Pow10(decimals)
	n := math.Round(v * p)
	if n == 0 {
		return append(b, '0')
	}
	if decimals <= 3 && math.Abs(n) < 1e15 {
		// n/p written from the whole number n: the digits strconv gives
		// for roundTo(v, decimals), the float64 nearest n/p, which rounds
		// back to n/p at these decimals (TestAppendNum). strconv's float
		// formatting was some 3% of a build of Arabic flyers, which
		// place every glyph exactly.
		return appendScaled(b, int64(n), decimals)
	}
	b = strconv.AppendFloat(b, n/p, 'f', decimals, 64)
	if decimals > 0 {
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
	}
	return b
}

// appendScaled appends n/10^decimals in decimal, without trailing zeros
// after the point or a point with nothing after it. n is not 0.
func appendScaled(b []byte, n int64, decimals int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	var p int64 = 1
	for range decimals {
		p *= 10
	}
	b = strconv.AppendInt(b, n/p, 10)
	frac := n % p
	if frac == 0 {
		return b
	}
	b = append(b, '.')
	for p /= 10; frac > 0; p /= 10 {
		b = append(b, byte('0'+frac/p))
		frac %= p
	}
	return b
}

// appendCode appends the two bytes of a CID's code inside a literal string:
// half the size of hex. The delimiters and the backslash are escaped, and so
// are the line ends, which a reader would otherwise turn into a newline.
func appendCode(b []byte, cid uint16) []byte {
	for _, c := range [2]byte{byte(cid >> 8), byte(cid)} {
		switch c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return b
}

const hexDigits = "0123456789ABCDEF"

func appendHex4(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}

package pdf

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"io"
	"math"
	"slices"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// A document's calls to fpdf (its pages, rectangles, rules, colours and
// the marks that place fpdf's drawing among the glyph runs, see raw)
// are recorded by a canvas, not made at once. fpdf's file is made from
// them when the document is written (Output), and only when no earlier
// document made the same calls: documents of a build made from one
// layout (an audience's flyer for one organisation and the next) ask
// the same of fpdf, but for the document's information (its title,
// subject, author and creator), and fpdf writes the same file for them
// but for those strings. Making a fresh fpdf document for each, drawing
// into it and writing it out was some 4% of a build of flyers (perf),
// for a file of 1.6 KB, and its garbage (6 KB and 48 objects in fpdfNew,
// its page and file buffers, fmt's strings) some 17 MB of the 195 MB a
// build of 1,000 flyers allocated. Such a build asks fpdf for 16
// different files (English; the information's strings aside).
//
// The file kept is fpdf's own, byte for byte, and is given again only
// for the same calls in the same order with the same arguments, the
// same language and dates (fpdfFiles compares them whole); only the
// information's strings are put in, where fpdf wrote those of the
// document that made the file (infoTemplate), as fpdf writes them (its
// own UTF-16, escaped as its textstring escapes), and the offsets after
// them moved by as many bytes. What cannot be recorded (images, fpdf's
// own text path) makes the fpdf document at once, and every call after
// goes to it.
type canvas struct {
	f    *fpdf.Fpdf // the fpdf document, once made; nil while recording
	meta doc.Meta
	opts Options

	// log is the calls recorded, after a head of the language and the
	// dates (the key of the file in fpdfFiles); kept once the
	// document is made, to keep its file.
	log   []byte
	pages int
	w, h  float64 // the current page's size, as fpdf's GetPageSize
	// memo: the file may be looked for, and kept, in fpdfFiles: not
	// for a document without a fixed date (fpdf writes now).
	memo bool
}

// The calls a canvas records.
const (
	opAddPage byte = iota + 1
	opPageBox
	opFill
	opDraw
	opLineWidth
	opRoundedRect
	opRect
	opDash
	opLine
	opTransformBegin
	opTransformRotate
	opTransformEnd
	opRaw
)

// defaultPage is the page size fpdf starts with (newFpdf).
var defaultPage = fpdf.SizeType{Wd: 612, Ht: 792}

// newCanvas returns a canvas for a document with meta, recording into
// log's array.
func newCanvas(meta doc.Meta, opts Options, log []byte) *canvas {
	c := &canvas{meta: meta, opts: opts, w: defaultPage.Wd, h: defaultPage.Ht, memo: !opts.Date.IsZero()}
	if opts.FpdfText {
		// fpdf's own fonts and text: not recorded.
		c.make()
		return c
	}
	c.log = append(log[:0], "fpdf 1\n"...)
	c.str(meta.Lang)
	c.str(opts.Date.Format("20060102150405"))
	return c
}

// newFpdf is the fpdf document a canvas makes, before any call.
func newFpdf(meta doc.Meta, opts Options) *fpdf.Fpdf {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: defaultPage})
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCatalogSort(true)
	// The glyph runs' writer compresses the pages as it adds its fonts;
	// fpdf's own text path has fpdf compress them.
	f.SetCompression(opts.FpdfText)
	f.SetCreationDate(opts.Date)
	f.SetModificationDate(opts.Date)
	f.SetTitle(meta.Title, true)
	f.SetSubject(meta.Subject, true)
	f.SetAuthor(meta.Author, true)
	f.SetCreator(meta.Creator, true)
	f.SetProducer(meta.Creator, true)
	f.SetLang(meta.Lang)
	return f
}

// fpdf returns the fpdf document, made now if it is not yet: every
// call after goes to it.
func (c *canvas) fpdf() *fpdf.Fpdf {
	if c.f == nil {
		c.make()
	}
	return c.f
}

// make makes the fpdf document and makes in it the calls recorded.
func (c *canvas) make() {
	c.f = newFpdf(c.meta, c.opts)
	if len(c.log) > 0 {
		replay(c.f, c.log)
	}
}

func (c *canvas) op(op byte) { c.log = append(c.log, op) }

func (c *canvas) num(v float64) {
	c.log = binary.LittleEndian.AppendUint64(c.log, math.Float64bits(v))
}

func (c *canvas) int(v int) { c.log = binary.LittleEndian.AppendUint64(c.log, uint64(v)) }

func (c *canvas) str(s string) {
	c.log = binary.LittleEndian.AppendUint64(c.log, uint64(len(s)))
	c.log = append(c.log, s...)
}

// logReader reads back what a canvas recorded.
type logReader struct {
	b []byte
	i int
}

func (r *logReader) op() byte {
	r.i++
	return r.b[r.i-1]
}

func (r *logReader) uint() uint64 {
	v := binary.LittleEndian.Uint64(r.b[r.i:])
	r.i += 8
	return v
}

func (r *logReader) num() float64 { return math.Float64frombits(r.uint()) }
func (r *logReader) int() int     { return int(r.uint()) }

func (r *logReader) str() string {
	n := r.int()
	r.i += n
	return string(r.b[r.i-n : r.i])
}

// replay makes in f the calls log records, in order.
func replay(f *fpdf.Fpdf, log []byte) {
	r := logReader{b: log, i: len("fpdf 1\n")}
	r.str() // the language and the date: newFpdf's
	r.str()
	for r.i < len(r.b) {
		switch r.op() {
		case opAddPage:
			o := r.str()
			w, h := r.num(), r.num()
			f.AddPageFormat(o, fpdf.SizeType{Wd: w, Ht: h})
		case opPageBox:
			t := r.str()
			x, y, w, h := r.num(), r.num(), r.num(), r.num()
			f.SetPageBox(t, x, y, w, h)
		case opFill:
			f.SetFillColor(r.int(), r.int(), r.int())
		case opDraw:
			f.SetDrawColor(r.int(), r.int(), r.int())
		case opLineWidth:
			f.SetLineWidth(r.num())
		case opRoundedRect:
			x, y, w, h, rad := r.num(), r.num(), r.num(), r.num(), r.num()
			corners := r.str()
			f.RoundedRect(x, y, w, h, rad, corners, r.str())
		case opRect:
			x, y, w, h := r.num(), r.num(), r.num(), r.num()
			f.Rect(x, y, w, h, r.str())
		case opDash:
			var dash []float64
			if n := r.int(); n > 0 {
				dash = make([]float64, n)
				for i := range dash {
					dash[i] = r.num()
				}
			}
			f.SetDashPattern(dash, r.num())
		case opLine:
			f.Line(r.num(), r.num(), r.num(), r.num())
		case opTransformBegin:
			f.TransformBegin()
		case opTransformRotate:
			f.TransformRotate(r.num(), r.num(), r.num())
		case opTransformEnd:
			f.TransformEnd()
		case opRaw:
			f.RawWriteStr(r.str())
		}
	}
}

// The calls, each made in the fpdf document if there is one, else
// recorded. None of those recorded sets fpdf's error as the renderer
// makes them (TransformEnd only follows a TransformBegin), so a
// document's error is the same made at once or later.

func (c *canvas) AddPageFormat(orientation string, size fpdf.SizeType) {
	c.pages++
	if c.f != nil {
		c.f.AddPageFormat(orientation, size)
		return
	}
	if orientation != "P" {
		// Pages are portrait, their size as the layout made it; any
		// other is made by fpdf itself.
		c.fpdf().AddPageFormat(orientation, size)
		return
	}
	c.w, c.h = size.Wd, size.Ht
	c.op(opAddPage)
	c.str(orientation)
	c.num(size.Wd)
	c.num(size.Ht)
}

func (c *canvas) SetPageBox(t string, x, y, w, h float64) {
	if c.f != nil {
		c.f.SetPageBox(t, x, y, w, h)
		return
	}
	c.op(opPageBox)
	c.str(t)
	c.num(x)
	c.num(y)
	c.num(w)
	c.num(h)
}

func (c *canvas) SetFillColor(r, g, b int) {
	if c.f != nil {
		c.f.SetFillColor(r, g, b)
		return
	}
	c.op(opFill)
	c.int(r)
	c.int(g)
	c.int(b)
}

func (c *canvas) SetDrawColor(r, g, b int) {
	if c.f != nil {
		c.f.SetDrawColor(r, g, b)
		return
	}
	c.op(opDraw)
	c.int(r)
	c.int(g)
	c.int(b)
}

func (c *canvas) SetLineWidth(w float64) {
	if c.f != nil {
		c.f.SetLineWidth(w)
		return
	}
	c.op(opLineWidth)
	c.num(w)
}

func (c *canvas) RoundedRect(x, y, w, h, r float64, corners, style string) {
	if c.f != nil {
		c.f.RoundedRect(x, y, w, h, r, corners, style)
		return
	}
	c.op(opRoundedRect)
	c.num(x)
	c.num(y)
	c.num(w)
	c.num(h)
	c.num(r)
	c.str(corners)
	c.str(style)
}

func (c *canvas) Rect(x, y, w, h float64, style string) {
	if c.f != nil {
		c.f.Rect(x, y, w, h, style)
		return
	}
	c.op(opRect)
	c.num(x)
	c.num(y)
	c.num(w)
	c.num(h)
	c.str(style)
}

func (c *canvas) SetDashPattern(dash []float64, phase float64) {
	if c.f != nil {
		c.f.SetDashPattern(dash, phase)
		return
	}
	c.op(opDash)
	c.int(len(dash))
	for _, v := range dash {
		c.num(v)
	}
	c.num(phase)
}

func (c *canvas) Line(x1, y1, x2, y2 float64) {
	if c.f != nil {
		c.f.Line(x1, y1, x2, y2)
		return
	}
	c.op(opLine)
	c.num(x1)
	c.num(y1)
	c.num(x2)
	c.num(y2)
}

func (c *canvas) TransformBegin() {
	if c.f != nil {
		c.f.TransformBegin()
		return
	}
	c.op(opTransformBegin)
}

func (c *canvas) TransformRotate(angle, x, y float64) {
	if c.f != nil {
		c.f.TransformRotate(angle, x, y)
		return
	}
	c.op(opTransformRotate)
	c.num(angle)
	c.num(x)
	c.num(y)
}

func (c *canvas) TransformEnd() {
	if c.f != nil {
		c.f.TransformEnd()
		return
	}
	c.op(opTransformEnd)
}

// RawWriteStr is fpdf's: s as a line of the current page.
func (c *canvas) RawWriteStr(s string) {
	if c.f != nil {
		c.f.RawWriteStr(s)
		return
	}
	c.op(opRaw)
	c.str(s)
}

// GetConversionRatio is 1: the unit is the point.
func (c *canvas) GetConversionRatio() float64 {
	if c.f != nil {
		return c.f.GetConversionRatio()
	}
	return 1
}

// GetPageSize is the size of the last page added (fpdf's, for a
// portrait page), or the default before any.
func (c *canvas) GetPageSize() (width, height float64) {
	if c.f != nil {
		return c.f.GetPageSize()
	}
	return c.w, c.h
}

func (c *canvas) PageNo() int {
	if c.f != nil {
		return c.f.PageNo()
	}
	return c.pages
}

func (c *canvas) Err() bool { return c.f != nil && c.f.Err() }

func (c *canvas) Error() error {
	if c.f != nil {
		return c.f.Error()
	}
	return nil
}

// Output writes the file fpdf makes of the calls: one kept from an
// earlier document that made the same, with this document's
// information, or fpdf's, kept for the next.
func (c *canvas) Output(w io.Writer) error {
	if c.f != nil || !c.memo || c.pages == 0 {
		// Made before (what came after was not recorded), or not to be
		// kept; with no page, fpdf adds one of its own (Close).
		return c.fpdf().Output(w)
	}
	info := infoStrings(c.meta)
	if kept := fpdfFiles.find(c.log); kept != nil {
		// Made in the log's array, which the document is done with.
		if b, ok := kept.appendWith(c.log[:0], &info); ok {
			c.log = b[:0]
			_, err := w.Write(b)
			return err
		}
	}
	c.make()
	var buf bytes.Buffer
	if err := c.f.Output(&buf); err != nil {
		return err
	}
	if t, ok := newInfoTemplate(buf.Bytes(), &info); ok {
		fpdfFiles.keep(c.log, t)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// docInfo is the document information's strings as fpdf writes them
// (textstring): Producer, Title, Subject, Author, Creator, in the order
// fpdf's putinfo writes them.
type docInfo [5][]byte

var infoKeys = [5]string{"/Producer ", "/Title ", "/Subject ", "/Author ", "/Creator "}

// infoStrings is meta's information as newFpdf gives it to fpdf, in
// fpdf's UTF-16 (a document of its own, not made, converts them) and
// escaped as fpdf escapes them.
func infoStrings(meta doc.Meta) docInfo {
	var f fpdf.Fpdf
	f.SetProducer(meta.Creator, true)
	f.SetTitle(meta.Title, true)
	f.SetSubject(meta.Subject, true)
	f.SetAuthor(meta.Author, true)
	f.SetCreator(meta.Creator, true)
	var d docInfo
	for i, s := range [5]string{f.GetProducer(), f.GetTitle(), f.GetSubject(), f.GetAuthor(), f.GetCreator()} {
		d[i] = textString(s)
	}
	return d
}

// textString is s as fpdf's textstring writes it (unencrypted): in
// parentheses, with the backslash, the parentheses and the carriage
// return escaped.
func textString(s string) []byte {
	b := make([]byte, 0, len(s)+8)
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '(', ')':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// infoTemplate is a file fpdf wrote and where the information's strings
// are in it.
type infoTemplate struct {
	file []byte
	// at[i] and end[i] are where string i is; the information object
	// starts at obj. Every object that starts after it moves with the
	// strings' lengths, and so does the cross-reference table.
	at, end [5]int
	obj     int
	// xref is where the table's first entry is, rows its entries;
	// startxref is where the number after "startxref" is, up to the
	// line end.
	xref, rows, startxref, startxrefEnd int
}

// newInfoTemplate finds in file, which fpdf wrote for a document with
// the information info, its strings, in fpdf's order, one line each in
// an object of their own, and the cross-reference table after them:
// false if the file is not so, and is then not kept.
func newInfoTemplate(file []byte, info *docInfo) (*infoTemplate, bool) {
	t := &infoTemplate{file: file}
	var want []byte
	want = append(want, " 0 obj\n<<\n"...)
	for i, k := range infoKeys {
		want = append(want, k...)
		want = append(want, info[i]...)
		want = append(want, '\n')
	}
	want = append(want, "/CreationDate "...)
	at := bytes.Index(file, want)
	if at < 0 || bytes.Contains(file[at+1:], want) {
		return nil, false
	}
	// The object's number before it.
	obj := at
	for obj > 0 && file[obj-1] >= '0' && file[obj-1] <= '9' {
		obj--
	}
	if obj == at || obj > 0 && file[obj-1] != '\n' {
		return nil, false
	}
	t.obj = obj
	p := at + len(" 0 obj\n<<\n")
	for i, k := range infoKeys {
		p += len(k)
		t.at[i], t.end[i] = p, p+len(info[i])
		p = t.end[i] + 1
	}
	// The table: "xref\n0 N\n", N rows of 20 bytes, then the trailer;
	// "startxref\n" and its number at the end.
	sx := bytes.LastIndex(file, []byte("\nstartxref\n"))
	if sx < 0 {
		return nil, false
	}
	t.startxref = sx + len("\nstartxref\n")
	start, n := parseInt(file, t.startxref)
	if n == 0 || !bytes.HasPrefix(file[t.startxref+n:], []byte("\n%%EOF")) || start <= p || start >= sx {
		return nil, false
	}
	t.startxrefEnd = t.startxref + n
	if !bytes.HasPrefix(file[start:], []byte("xref\n0 ")) {
		return nil, false
	}
	q := start + len("xref\n0 ")
	rows, k := parseInt(file, q)
	if k == 0 || file[q+k] != '\n' {
		return nil, false
	}
	t.xref, t.rows = q+k+1, rows
	if t.xref+20*rows > sx || !bytes.HasPrefix(file[t.xref+20*rows:], []byte("trailer\n")) {
		return nil, false
	}
	for r := range rows {
		row := file[t.xref+20*r : t.xref+20*r+20]
		tail := " 00000 n \n"
		if r == 0 {
			tail = " 65535 f \n"
		}
		if _, k := parseInt(row, 0); k != 10 || string(row[10:]) != tail {
			return nil, false
		}
	}
	// The same information gives the same file.
	if b, ok := t.with(info); !ok || !bytes.Equal(b, file) {
		return nil, false
	}
	return t, true
}

// with is the file with info's strings in place of those it was written
// with, and the offsets after them moved; false, and nothing written,
// if an offset would not fit the table's ten digits.
func (t *infoTemplate) with(info *docInfo) ([]byte, bool) { return t.appendWith(nil, info) }

// appendWith is with, appended to b.
func (t *infoTemplate) appendWith(b []byte, info *docInfo) ([]byte, bool) {
	f := t.file
	grow := 0
	for i := range info {
		grow += len(info[i]) - (t.end[i] - t.at[i])
	}
	if len(f)+grow >= 1e10 {
		// Checked before b is written: it may be the array of what the
		// caller needs when this fails (Output's log).
		return b, false
	}
	b = slices.Grow(b, len(f)+grow+8)
	b = append(b, f[:t.at[0]]...)
	for i := range info {
		b = append(b, info[i]...)
		next := t.xref
		if i+1 < len(info) {
			next = t.at[i+1]
		}
		b = append(b, f[t.end[i]:next]...)
	}
	for r := range t.rows {
		row := f[t.xref+20*r : t.xref+20*r+20]
		off, _ := parseInt(row, 0)
		if r > 0 && off > t.obj {
			b = appendOffset10(b, off+grow)
			b = append(b, row[10:]...)
			continue
		}
		b = append(b, row...)
	}
	b = append(b, f[t.xref+20*t.rows:t.startxref]...)
	start, _ := parseInt(f, t.startxref)
	b = appendInt(b, start+grow)
	return append(b, f[t.startxrefEnd:]...), true
}

// appendOffset10 appends off in ten digits, zeros first.
func appendOffset10(b []byte, off int) []byte {
	var d [10]byte
	for i := len(d) - 1; i >= 0; i-- {
		d[i] = byte('0' + off%10)
		off /= 10
	}
	return append(b, d[:]...)
}

// fpdfFiles are the files fpdf made lately, by the calls that made
// them (a canvas's log), compared whole: a few dozen layouts' worth.
var fpdfFiles = &fpdfMemo{}

// fpdfMemo keeps up to fpdfMemoFiles files, and no more than
// fpdfMemoBytes of them and their keys; a file and key larger than
// fpdfMemoLargest is not kept. The oldest goes first.
type fpdfMemo struct {
	mu      sync.Mutex
	seed    maphash.Seed
	entries [fpdfMemoFiles]fpdfEntry
	next    int
	bytes   int
}

type fpdfEntry struct {
	sum uint64
	key []byte
	t   *infoTemplate
}

const (
	fpdfMemoFiles   = 64
	fpdfMemoBytes   = 512 << 10
	fpdfMemoLargest = 64 << 10
)

// find returns the file kept for the calls key, or nil. The template
// and its file are not changed once kept, so they are read after the
// lock is let go.
func (m *fpdfMemo) find(key []byte) *infoTemplate {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seed == (maphash.Seed{}) {
		return nil
	}
	sum := maphash.Bytes(m.seed, key)
	for i := range m.entries {
		if e := &m.entries[i]; e.t != nil && e.sum == sum && bytes.Equal(e.key, key) {
			return e.t
		}
	}
	return nil
}

// keep keeps t as the file of the calls key (copied).
func (m *fpdfMemo) keep(key []byte, t *infoTemplate) {
	size := len(key) + len(t.file)
	if size > fpdfMemoLargest {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seed == (maphash.Seed{}) {
		m.seed = maphash.MakeSeed()
	}
	sum := maphash.Bytes(m.seed, key)
	for i := range m.entries {
		if e := &m.entries[i]; e.t != nil && e.sum == sum && bytes.Equal(e.key, key) {
			return // another worker kept it meanwhile
		}
	}
	// Room: the oldest go, from the place written next on.
	for i := 0; i < fpdfMemoFiles; i++ {
		if m.entries[m.next].t == nil && m.bytes+size <= fpdfMemoBytes {
			break
		}
		if e := &m.entries[(m.next+i)%fpdfMemoFiles]; e.t != nil {
			m.bytes -= len(e.key) + len(e.t.file)
			*e = fpdfEntry{}
		}
	}
	m.entries[m.next] = fpdfEntry{sum: sum, key: bytes.Clone(key), t: t}
	m.bytes += size
	m.next = (m.next + 1) % fpdfMemoFiles
}

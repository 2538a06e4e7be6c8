// Package pdf draws a laid-out document into a PDF file with fpdf
// (codeberg.org/go-pdf/fpdf). It decides nothing about placement: every
// position comes from the layout.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/render/pdf/cidfont"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Options control the file, not the page.
type Options struct {
	// Date is written as the creation and modification date, so the same
	// inputs give the same bytes. A zero Date means now, which is never
	// reproducible: the engine always passes one.
	Date time.Time
	// FpdfText draws text through fpdf's own UTF-8 fonts instead of the
	// shaped glyph runs. It cannot draw shaped scripts (Arabic, Gurmukhi…)
	// and re-parses every font per document; it is kept only so that
	// benchmarks can compare the two paths.
	FpdfText bool
}

// cidFonts holds each font parsed for embedding once per process.
var cidFonts sync.Map // *typeset.Font → *cidfont.Font

func cidFontOf(f *typeset.Font) (*cidfont.Font, error) {
	if cf, ok := cidFonts.Load(f); ok {
		return cf.(*cidfont.Font), nil
	}
	cf, err := cidfont.Parse(f.Data)
	if err != nil {
		return nil, fmt.Errorf("font %s (%s): %w", f.Name, f.Source, err)
	}
	actual, _ := cidFonts.LoadOrStore(f, cf)
	return actual.(*cidfont.Font), nil
}

// Render writes d as a PDF to w.
func Render(w io.Writer, d *layout.Document, opts Options) error {
	if len(d.Pages) == 0 {
		return fmt.Errorf("render pdf: the document has no pages")
	}
	doc := NewWriter(d.Meta, opts)
	if err := doc.AddPages(d.Pages); err != nil {
		return err
	}
	return doc.Finish(w)
}

// Writer draws pages into one PDF as they come, so that a long document
// (a print pack of a thousand materials) never holds every page's layout
// at once.
type Writer struct {
	f     *canvas
	r     *renderer
	meta  doc.Meta
	boxed bool // an earlier page had page boxes
	boxes bool // a page box has been set: fpdf writes them in map order
	pages int
}

// NewWriter starts a PDF with meta as its metadata.
func NewWriter(meta doc.Meta, opts Options) *Writer {
	scratch := getDrawScratch()
	f := newCanvas(meta, opts, scratch.log)
	r := &renderer{f: f, fonts: make(map[*typeset.Font]string), images: make(map[*doc.Image]string), fpdfText: opts.FpdfText,
		drawScratch: scratch}
	r.st = r.structure(meta.Lang)
	if !opts.FpdfText {
		r.glyphs = cidfont.NewWriterFor(f)
		if keepPageContents {
			r.keep = true
			r.glyphs.SetContents(r.pageContent)
			r.content, r.pageAt, r.slots, r.pageSlots = r.content[:0], r.pageAt[:0], r.slots[:0], r.pageSlots[:0]
		}
	}
	return &Writer{f: f, r: r, meta: meta}
}

// AddPages draws pages after those already added.
func (w *Writer) AddPages(pages []layout.Page) error {
	f, r := w.f, w.r
	if r.drawScratch == nil {
		return fmt.Errorf("render pdf: the document has been written")
	}
	for _, p := range pages {
		w.pages++
		f.AddPageFormat("P", fpdf.SizeType{Wd: p.Width, Ht: p.Height})
		r.newPage()
		// Boxes are symmetric about the page centre, so fpdf's
		// bottom-left origin for page boxes needs no flip.
		// fpdf carries a page box on to the following pages; reset it to
		// the whole page where an earlier page had one.
		trim, bleed := p.Trim, p.Bleed
		if trim == nil && w.boxed {
			trim = &layout.Box{W: p.Width, H: p.Height}
		}
		if bleed == nil && w.boxed {
			bleed = trim
		}
		if trim != nil {
			f.SetPageBox("trim", trim.X, trim.Y, trim.W, trim.H)
			w.boxed, w.boxes = true, true
		}
		if bleed != nil {
			f.SetPageBox("bleed", bleed.X, bleed.Y, bleed.W, bleed.H)
			w.boxes = true
		}
		r.st.newPage()
		for i, e := range p.Elements {
			r.tagged(&p, i, e)
		}
		if r.err != nil {
			return fmt.Errorf("render pdf: %w", r.err)
		}
		if err := f.Error(); err != nil {
			return fmt.Errorf("render pdf: %w", err)
		}
	}
	return nil
}

// Pages is the number of pages added so far.
func (w *Writer) Pages() int { return w.pages }

// Finish writes the PDF to out. The Writer cannot be used after.
func (w *Writer) Finish(out io.Writer) error {
	if w.pages == 0 {
		return fmt.Errorf("render pdf: the document has no pages")
	}
	if w.r.drawScratch == nil {
		return fmt.Errorf("render pdf: the document has been written")
	}
	// Output reads the page contents from the scratch.
	defer func() {
		w.r.drawScratch.log = w.f.log[:0]
		putDrawScratch(w.r.drawScratch)
		w.r.drawScratch = nil
	}()
	noteStructure(w.r.st)
	// The file and its tagged copy are as long as the document; their
	// arrays serve the next document too (cidfont.Buffer).
	buf := bytes.NewBuffer(cidfont.Buffer())
	defer func() { cidfont.Recycle(buf.Bytes()) }()
	if w.r.glyphs != nil {
		err := w.r.glyphs.Output(buf)
		w.r.glyphs.Release()
		if err != nil {
			return fmt.Errorf("render pdf: %w", err)
		}
	} else if err := w.f.Output(buf); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	file := buf.Bytes()
	if w.boxes {
		// Looking for them in a file without any was 2% of drawing it.
		file = sortPageBoxes(file)
	}
	tagged, err := tagFile(cidfont.Buffer(), file, w.r.st)
	if err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	_, err = out.Write(tagged)
	cidfont.Recycle(tagged)
	return err
}

// pageBoxLines matches the page box lines fpdf writes into a page object,
// one per line, in Go map order.
var pageBoxLines = regexp.MustCompile(`(?m)(?:^/(?:TrimBox|BleedBox|CropBox|ArtBox) \[[^\]\n]*\]\n){2,}`)

// sortPageBoxes puts each page's box lines in a fixed order, so the same
// document gives the same bytes. The lines only change places, so every
// byte offset in the cross-reference table stays right.
func sortPageBoxes(pdf []byte) []byte {
	if !bytes.Contains(pdf, []byte("/TrimBox")) && !bytes.Contains(pdf, []byte("/BleedBox")) {
		return pdf
	}
	return pageBoxLines.ReplaceAllFunc(pdf, func(block []byte) []byte {
		lines := bytes.SplitAfter(block, []byte("\n"))
		lines = lines[:len(lines)-1] // the empty piece after the last newline
		slices.SortFunc(lines, bytes.Compare)
		return bytes.Join(lines, nil)
	})
}

type renderer struct {
	f        *canvas
	glyphs   *cidfont.Writer
	fpdfText bool
	keep     bool // the page contents are kept here (raw), not in fpdf
	fonts    map[*typeset.Font]string
	images   map[*doc.Image]string
	err      error

	st *structure

	*drawScratch
}

// drawScratch is space a renderer reuses from run to run, and, given
// back when its document is written (Writer.Finish), the next
// document's renderer.
type drawScratch struct {
	buf []byte // operators written to the page

	// The document's page contents, kept here rather than in fpdf's
	// page buffers (see renderer.raw): content is every page's
	// operators but fpdf's own drawing, pageAt where each page's start;
	// slots are the places in content where fpdf's drawing goes, in
	// order, and pageSlots[p] the first of page p's.
	content   []byte
	pageAt    []int
	slots     []int
	pageSlots []int

	runs []typeset.Run

	// log is the array of the canvas's record of calls to fpdf.
	log []byte

	// st is the structure tree of the document before, emptied
	// (structure.release): grown afresh in every document, its lists
	// were a twentieth of what a build of flyers allocated.
	st *structure

	// The last QR codes drawn and their operators: a build draws the
	// same codes (the hotline's, an organisation's website's) on every
	// flyer, and working out their rectangles was a twelfth of drawing
	// one.
	qrs    [4]qrDrawn
	nextQR int
}

// qrDrawn is a QR code drawn and its operators.
type qrDrawn struct {
	key qrKey
	ops []byte
}

// qrKey is what a QR code's operators depend on.
type qrKey struct {
	bits               []string
	module, x, y, h, k float64
}

func (a *qrKey) equal(b *qrKey) bool {
	return a.module == b.module && a.x == b.x && a.y == b.y && a.h == b.h && a.k == b.k && slices.Equal(a.bits, b.bits)
}

// drawScratches keeps a few drawScratch between documents, like
// tagScratches.
var drawScratches = make(chan *drawScratch, 8)

// maxDrawScratch bounds the bytes a kept drawScratch's largest part
// holds: a flyer's QR code's operators are some kilobytes.
const maxDrawScratch = 256 << 10

func getDrawScratch() *drawScratch {
	select {
	case s := <-drawScratches:
		return s
	default:
		return new(drawScratch)
	}
}

// structure returns s's structure, emptied for a document in lang, or a
// new one.
func (s *drawScratch) structure(lang string) *structure {
	if s.st == nil {
		s.st = newStructure(lang)
	} else {
		s.st.reuse(lang)
	}
	return s.st
}

func putDrawScratch(s *drawScratch) {
	if s.st != nil && !s.st.release() {
		s.st = nil
	}
	if max(cap(s.buf), cap(s.content), cap(s.log), 8*(cap(s.pageAt)+cap(s.slots)+cap(s.pageSlots)), int(unsafe.Sizeof(typeset.Run{}))*cap(s.runs)) > maxDrawScratch {
		return
	}
	clear(s.runs[:cap(s.runs)]) // no document's runs kept alive
	select {
	case drawScratches <- s:
	default:
	}
}

// byStart orders runs by where they start in the logical text.
func byStart(a, b typeset.Run) int { return a.Start - b.Start }

func (r *renderer) element(e layout.Element) {
	f := r.f
	switch {
	case e.Rect != nil:
		rc := e.Rect
		r.fpdfBegin()
		defer r.fpdfEnd()
		f.SetFillColor(int(rc.Fill.R), int(rc.Fill.G), int(rc.Fill.B))
		style := "F"
		if rc.Stroke != nil {
			f.SetDrawColor(int(rc.Stroke.R), int(rc.Stroke.G), int(rc.Stroke.B))
			f.SetLineWidth(rc.StrokeWidth)
			style = "FD"
		}
		if rc.Radius > 0 {
			f.RoundedRect(rc.X, rc.Y, rc.W, rc.H, rc.Radius, "1234", style)
		} else {
			f.Rect(rc.X, rc.Y, rc.W, rc.H, style)
		}
	case e.Rule != nil:
		l := e.Rule
		r.fpdfBegin()
		defer r.fpdfEnd()
		f.SetDrawColor(int(l.Color.R), int(l.Color.G), int(l.Color.B))
		f.SetLineWidth(l.Width)
		if len(l.Dash) > 0 {
			f.SetDashPattern(l.Dash, 0)
		}
		f.Line(l.X1, l.Y1, l.X2, l.Y2)
		if len(l.Dash) > 0 {
			f.SetDashPattern(nil, 0)
		}
	case e.Text != nil:
		if e.Text.Rotate != 0 {
			r.fpdfBegin()
			f.TransformBegin()
			f.TransformRotate(e.Text.Rotate, e.Text.X, e.Text.Y)
			r.fpdfEnd()
		}
		if r.fpdfText {
			r.fpdfLine(e.Text)
		} else {
			r.line(e.Text)
		}
		if e.Text.Rotate != 0 {
			r.fpdfBegin()
			f.TransformEnd()
			r.fpdfEnd()
		}
	case e.Image != nil:
		r.image(e.Image)
	case e.QR != nil:
		r.qr(e.QR)
	}
}

// tagged draws element i of page p inside the marked content of the
// structure element it belongs to, or as an artifact when it is
// decoration; a link becomes an annotation that its element claims.
func (r *renderer) tagged(p *layout.Page, i int, e layout.Element) {
	id := r.open(p, i)
	if e.Link != nil {
		if id < 0 {
			return // a link that nothing says is one: not made
		}
		l := e.Link
		r.st.link(id, linkAnnot{x1: l.X, y1: p.Height - l.Y - l.H, x2: l.X + l.W, y2: p.Height - l.Y, url: l.URL})
		return
	}
	b := r.buf[:0]
	if id < 0 {
		b = append(b, "/Artifact BMC\n"...)
	} else {
		// The tag is the element's role. The text needs no /ActualText:
		// it is drawn in reading order, right-to-left text too (line).
		b = append(b, '/')
		b = append(b, r.st.elems[id].role...)
		b = append(b, " <</MCID "...)
		b = appendInt(b, int(r.st.mark(id)))
		b = append(b, ">> BDC\n"...)
	}
	r.buf = b
	r.raw(b)
	r.element(e)
	r.raw([]byte("\nEMC\n"))
}

// raw writes b to the current page, as a line: into fpdf's page as
// fpdf's RawWriteStr does, or, when the renderer keeps the page
// contents (glyph runs drawn by cidfont), appended to the page's
// content. Output puts the two together (pageContent) into the page as
// fpdf would have written it, but without growing fpdf's page buffers
// and copying them twice on the way out: those were a third of what
// drawing a flyer allocated.
func (r *renderer) raw(b []byte) {
	if !r.keep {
		cidfont.RawWrite(r.f, b)
		return
	}
	r.content = append(append(r.content, b...), '\n')
}

// keepPageContents is whether documents drawn with glyph runs keep their
// page contents (raw); a test turns it off to draw through fpdf's pages.
var keepPageContents = true

// segmentEnd is the line written into fpdf's page after each piece of
// fpdf's own drawing, when the renderer keeps the page contents: a
// comment, which nothing fpdf writes is.
const segmentEnd = "%awarekit"

// newPage starts the content of a page fpdf has just added.
func (r *renderer) newPage() {
	if !r.keep {
		return
	}
	// What fpdf wrote to start the page comes first.
	r.f.RawWriteStr(segmentEnd)
	r.pageAt = append(r.pageAt, len(r.content))
	r.pageSlots = append(r.pageSlots, len(r.slots))
}

// fpdfBegin and fpdfEnd enclose drawing done by fpdf itself (rectangles,
// rules, colours, transforms, images): it goes into fpdf's page, and
// its place in the page's content is kept.
func (r *renderer) fpdfBegin() {
	if r.keep {
		r.slots = append(r.slots, len(r.content))
	}
}

func (r *renderer) fpdfEnd() {
	if r.keep {
		r.f.RawWriteStr(segmentEnd)
	}
}

// pageContent is the content stream of page p (from 0), appended to
// dst: fromFpdf, what fpdf has for the page, is what it wrote to start
// the page and each piece of its own drawing, each followed by a
// segmentEnd line; they go where they were drawn among the page's
// content that the renderer kept.
func (r *renderer) pageContent(p int, fromFpdf, dst []byte) ([]byte, error) {
	if p >= len(r.pageAt) {
		return nil, fmt.Errorf("fpdf has a page %d, %d drawn", p+1, len(r.pageAt))
	}
	end, slotsEnd := len(r.content), len(r.slots)
	if p+1 < len(r.pageAt) {
		end, slotsEnd = r.pageAt[p+1], r.pageSlots[p+1]
	}
	rest := fromFpdf
	piece := func() ([]byte, bool) {
		for at := 0; ; {
			i := bytes.Index(rest[at:], []byte(segmentEnd+"\n"))
			if i < 0 {
				return nil, false
			}
			if i += at; i == 0 || rest[i-1] == '\n' {
				b := rest[:i]
				rest = rest[i+len(segmentEnd)+1:]
				return b, true
			}
			at = i + 1
		}
	}
	start, ok := piece()
	if !ok {
		return nil, errors.New("fpdf's page has lost its pieces")
	}
	dst = append(dst, start...)
	at := r.pageAt[p]
	for _, s := range r.slots[r.pageSlots[p]:slotsEnd] {
		b, ok := piece()
		if !ok {
			return nil, errors.New("fpdf's page has fewer pieces than were drawn")
		}
		dst = append(dst, r.content[at:s]...)
		dst = append(dst, b...)
		at = s
	}
	if len(rest) > 0 {
		return nil, errors.New("fpdf's page has more than was drawn")
	}
	return append(dst, r.content[at:end]...), nil
}

// qr draws the code's dark modules as one filled path of rectangles, in a
// space scaled to modules: viewers draw no seams inside one fill, and the
// numbers are small integers. A run of dark modules in a row is one
// rectangle, and the same run in the rows below it makes it taller.
func (r *renderer) qr(q *layout.QR) {
	f := r.f
	r.fpdfBegin()
	f.SetFillColor(int(q.Color.R), int(q.Color.G), int(q.Color.B))
	r.fpdfEnd()
	k := f.GetConversionRatio()
	_, h := f.GetPageSize()
	key := qrKey{bits: q.Bits, module: q.Module, x: q.X, y: q.Y, h: h, k: k}
	for i := range r.qrs {
		if d := &r.qrs[i]; d.ops != nil && d.key.equal(&key) {
			r.raw(d.ops)
			return
		}
	}
	b := append(r.buf[:0], "q "...)
	for _, v := range []float64{q.Module * k, 0, 0, -q.Module * k, q.X * k, (h - q.Y) * k} {
		b = strconv.AppendFloat(b, math.Round(v*1000)/1000, 'f', -1, 64)
		b = append(b, ' ')
	}
	b = append(b, "cm\n"...)
	// open are the rectangles that reach the row before: start, end, top.
	type rect struct{ start, end, top int }
	var open, next []rect
	put := func(rc rect, bottom int) {
		b = strconv.AppendInt(b, int64(rc.start), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(rc.top), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(rc.end-rc.start), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(bottom-rc.top), 10)
		b = append(b, " re\n"...)
	}
	for i := 0; i <= len(q.Bits); i++ {
		next = next[:0]
		var row string
		if i < len(q.Bits) {
			row = q.Bits[i]
		}
		o := 0
		for j := 0; j < len(row); {
			if row[j] != '1' {
				j++
				continue
			}
			start := j
			for j < len(row) && row[j] == '1' {
				j++
			}
			rc := rect{start, j, i}
			// Runs in a row and rectangles in open are both in order.
			for o < len(open) && open[o].start < start {
				put(open[o], i)
				o++
			}
			if o < len(open) && open[o].start == start && open[o].end == j {
				rc.top = open[o].top
				o++
			}
			next = append(next, rc)
		}
		for ; o < len(open); o++ {
			put(open[o], i)
		}
		open, next = next, open
	}
	b = append(b, "f Q"...)
	r.buf = b
	r.raw(b)
	if len(b) <= maxDrawScratch/8 {
		d := &r.qrs[r.nextQR]
		r.nextQR = (r.nextQR + 1) % len(r.qrs)
		key.bits = append(d.key.bits[:0], q.Bits...)
		d.key, d.ops = key, append(d.ops[:0], b...)
	}
}

func (r *renderer) image(im *layout.Image) {
	name, ok := r.images[im.Image]
	if !ok {
		name = "img" + strconv.Itoa(len(r.images))
		r.images[im.Image] = name
		r.f.fpdf().RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: im.Image.Type}, bytes.NewReader(im.Image.Data))
	}
	r.fpdfBegin()
	r.f.fpdf().ImageOptions(name, im.X, im.Y, im.W, im.H, false, fpdf.ImageOptions{ImageType: im.Image.Type}, 0, "")
	r.fpdfEnd()
}

// line draws one line's shaped glyph runs as they are: every position
// comes from the typesetter, and each glyph's text goes into the font's
// ToUnicode map so that copying gives back the logical text. The runs
// are drawn in reading order (the typesetter gives them in visual
// order), and cidfont draws an RTL run's glyphs in reading order too, so
// the content stream holds the line's logical text: a phone number in
// Arabic text is read after the words before it, its digits left to
// right.
func (r *renderer) line(t *layout.TextLine) {
	runs := t.Line.Runs
	if !slices.IsSortedFunc(runs, byStart) {
		runs = append(r.runs[:0], runs...)
		slices.SortStableFunc(runs, byStart)
		r.runs = runs
	}
	for _, run := range runs {
		if r.err != nil || len(run.Glyphs) == 0 {
			continue
		}
		cf, err := cidFontOf(run.Font)
		if err != nil {
			r.err = err
			return
		}
		// typeset's glyphs are cidfont's (glyphsOf), their clusters
		// counted in bytes.
		glyphs := glyphsOf(run.Glyphs)
		run := cidfont.Run{
			Font:     cf,
			Size:     run.Size,
			Color:    [3]uint8{t.Color.R, t.Color.G, t.Color.B},
			X:        t.X + run.X,
			Y:        t.Y,
			RTL:      run.RTL,
			FakeBold: run.FakeBold,
			Text:     run.Text,
			Glyphs:   glyphs,

			ByteClusters: true,
		}
		if !r.keep {
			r.err = r.glyphs.Draw(run)
			continue
		}
		n := len(r.content)
		if r.content, r.err = r.glyphs.DrawTo(r.content, run); len(r.content) > n {
			r.content = append(r.content, '\n') // a line, as fpdf's RawWriteStr writes
		}
	}
}

// glyphsOf is typeset's glyphs as cidfont's, without a copy: the two
// types are the same fields in the same order (the conversion below
// compiles only while they are), so they are laid out alike. The
// writer only reads them. Copying each glyph of every run drawn (and
// counting the runes of its text, which ByteClusters leaves to the
// writer's runs not met before) was some 2% of drawing a flyer.
func glyphsOf(g []typeset.Glyph) []cidfont.Glyph {
	return unsafe.Slice((*cidfont.Glyph)(unsafe.Pointer(unsafe.SliceData(g))), len(g))
}

var _ = cidfont.Glyph(typeset.Glyph{})

// fpdfLine draws one line through fpdf's own UTF-8 fonts, word by word at
// the positions the typesetter measured (see Options.FpdfText).
func (r *renderer) fpdfLine(t *layout.TextLine) {
	f := r.f.fpdf()
	f.SetTextColor(int(t.Color.R), int(t.Color.G), int(t.Color.B))
	for _, run := range t.Line.Runs {
		family, ok := r.fonts[run.Font]
		if !ok {
			family = "f" + strconv.Itoa(len(r.fonts))
			r.fonts[run.Font] = family
			f.AddUTF8FontFromBytes(family, "", run.Font.Data)
		}
		f.SetFont(family, "", run.Size)
		scale := run.Size / float64(run.Font.UnitsPerEm())
		x := t.X + run.X
		start, startX := 0, x
		for _, g := range run.Glyphs {
			if run.Text[g.Cluster] == ' ' {
				if word := run.Text[start:g.Cluster]; word != "" {
					f.Text(startX, t.Y, word)
				}
				start = g.Cluster + 1
				startX = x + float64(g.XAdvance)*scale
			}
			x += float64(g.XAdvance) * scale
		}
		if word := run.Text[start:]; word != "" {
			f.Text(startX, t.Y, word)
		}
	}
}

package cidfont

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

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
}

// Glyph is one shaped glyph, in font units (shape with a size of
// Font.UnitsPerEm to get them).
type Glyph struct {
	GID uint16
	// Cluster is the index of the first rune (not byte) of this glyph's
	// cluster in Run.Text: go-text's shaping.Glyph.ClusterIndex minus the
	// run's start in the shaped text.
	Cluster  int
	XAdvance int32
	XOffset  int32
	YOffset  int32 // up positive
}

// Writer collects one document's glyph runs; one per fpdf document, not for
// concurrent use.
//
// Draw puts each run on the current page at once, as a Form XObject drawn
// with fpdf's UseImportedTemplate; the fonts and the XObjects themselves are
// handed to fpdf by Finish, which must come after the last Draw and before
// fpdf writes the document. Output does both and also makes the bytes
// reproducible.
type Writer struct {
	pdf    *fpdf.Fpdf
	fonts  []*docFont
	byFont map[*Font]*docFont
	forms  []*form

	objs     []*object // the objects handed to fpdf by the last Finish
	finished bool      // Finish has handed over every run drawn so far
	written  bool      // Output has written the document

	zbuf bytes.Buffer

	// scratch space reused between runs
	unitBuf    []unit
	runeStarts []int
	order      []int
	stream     []byte
	spec       []byte
}

// docFont is a Font as used in one document: the CIDs allocated so far.
type docFont struct {
	font    *Font
	name    string // resource name inside the XObjects, "/F1" …
	cids    map[cidKey]uint16
	entries []cidKey  // entries[cid-1]
	widths  []float64 // widths[cid-1], thousandths of an em as written in /W

	built int       // len(entries) when objs was built
	objs  []*object // Type0, CIDFont, FontDescriptor, FontFile2, CIDToGIDMap, ToUnicode
}

// cidKey is what a CID stands for: the glyphs of a unit and the text they
// copy out as. glyphs is a glyphSpec.
type cidKey struct {
	glyphs string
	text   string
}

// form is one drawn run: a Form XObject.
type form struct {
	name string // resource name on the page, "/CF1" …
	font *docFont
	obj  *object
}

// NewWriter returns a Writer that draws into pdf.
func NewWriter(pdf *fpdf.Fpdf) *Writer {
	return &Writer{pdf: pdf, byFont: make(map[*Font]*docFont)}
}

// Draw draws r on the current page of the document, at once, so it keeps
// its place among the page's other drawing. A run without glyphs draws
// nothing. Draws after Finish (fpdf calls the footer function of the last
// page from inside Output) hand the objects to fpdf again.
func (w *Writer) Draw(r Run) error {
	if err := w.draw(&r); err != nil {
		return fmt.Errorf("draw glyph run %q: %w", abbreviate(r.Text), err)
	}
	if w.finished {
		w.finished = false
		return w.Finish()
	}
	return nil
}

func (w *Writer) draw(r *Run) error {
	if w.pdf == nil {
		return errors.New("writer has no fpdf document")
	}
	if w.pdf.Err() {
		return fmt.Errorf("fpdf document has an error: %w", w.pdf.Error())
	}
	if w.written {
		return errors.New("the document has already been written")
	}
	if w.pdf.PageNo() == 0 {
		return errors.New("the document has no page yet; call AddPage first")
	}
	if r.Font == nil {
		return errors.New("no font")
	}
	if !(r.Size > 0) || math.IsInf(r.Size, 0) {
		return fmt.Errorf("font size %v is not a positive number", r.Size)
	}
	if math.IsNaN(r.X) || math.IsInf(r.X, 0) || math.IsNaN(r.Y) || math.IsInf(r.Y, 0) {
		return fmt.Errorf("position (%v, %v) is not finite", r.X, r.Y)
	}
	for i, g := range r.Glyphs {
		if int(g.GID) >= r.Font.numGlyphs {
			return fmt.Errorf("glyph %d: glyph ID %d is beyond the font's %d glyphs", i, g.GID, r.Font.numGlyphs)
		}
	}
	if len(r.Glyphs) == 0 {
		return nil
	}
	units, err := w.units(r)
	if err != nil {
		return err
	}

	df := w.byFont[r.Font]
	if df == nil {
		df = &docFont{
			font: r.Font,
			name: "/F" + strconv.Itoa(len(w.fonts)+1),
			cids: make(map[cidKey]uint16),
		}
	}
	content, bbox, err := w.content(r, df, units)
	if err != nil {
		return err
	}
	if w.byFont[r.Font] == nil {
		w.byFont[r.Font] = df
		w.fonts = append(w.fonts, df)
	}
	fm := &form{name: "/CF" + strconv.Itoa(len(w.forms)+1), font: df}
	fm.obj = w.formObject(df, content, bbox)
	w.forms = append(w.forms, fm)

	// The XObject's space is points with its origin at the run's start:
	// fpdf maps (0, 0) to (tx, page height + ty) and scales by k·s.
	k := w.pdf.GetConversionRatio()
	w.pdf.UseImportedTemplate(fm.name, 1/k, 1/k, r.X, -r.Y)
	return nil
}

// content allocates the CIDs of the run's units in df and returns the
// XObject's content stream and bounding box, in points from the start of the
// baseline.
func (w *Writer) content(r *Run, df *docFont, units []unit) ([]byte, [4]float64, error) {
	f := r.Font
	scale := r.Size / float64(f.upem) // points per font unit

	b := w.stream[:0]
	if r.Color != [3]uint8{} {
		for _, c := range r.Color {
			b = appendNum(b, float64(c)/255, 3)
			b = append(b, ' ')
		}
		b = append(b, "rg\n"...)
	}
	if r.FakeBold {
		for _, c := range r.Color {
			b = appendNum(b, float64(c)/255, 3)
			b = append(b, ' ')
		}
		b = append(b, "RG "...)
		b = appendNum(b, r.Size*0.035, 3)
		b = append(b, " w 2 Tr\n"...)
	}
	b = append(b, "BT\n"...)
	b = append(b, df.name...)
	b = append(b, ' ')
	b = appendNum(b, r.Size, 3)
	b = append(b, " Tf\n["...)

	first := len(df.entries)
	fail := func(err error) ([]byte, [4]float64, error) {
		// Forget the CIDs of a run that is not drawn.
		for _, e := range df.entries[first:] {
			delete(df.cids, e)
		}
		df.entries, df.widths = df.entries[:first], df.widths[:first]
		return nil, [4]float64{}, err
	}
	var (
		pen      float64 // where the shaper puts the next glyph, font units
		pdfPen   float64 // where the PDF text position is, thousandths of an em
		inString bool
		bbox     = [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	)
	// show draws the glyph of spec, standing for text, at x font units.
	show := func(x float64, spec []byte, text string) error {
		key := cidKey{glyphs: string(spec), text: text}
		cid, ok := df.cids[key]
		if !ok {
			if len(df.entries) >= maxCID {
				return fmt.Errorf("more than %d distinct glyphs in one font", maxCID)
			}
			df.entries = append(df.entries, key)
			df.widths = append(df.widths, roundTo(f.toThousandths(float64(specAdvance(f, spec))), 2))
			cid = uint16(len(df.entries))
			df.cids[key] = cid
		}
		if move := f.toThousandths(x) - pdfPen; math.Abs(move) >= 0.5 {
			if inString {
				b = append(b, '>')
				inString = false
			}
			adj := math.Round(move)
			b = appendNum(b, -adj, 0)
			pdfPen += adj
		}
		if !inString {
			b = append(b, '<')
			inString = true
		}
		b = appendHex4(b, cid)
		pdfPen += df.widths[cid-1]
		return nil
	}
	// Every CID is shown at the shaper's pen position, offsets being part
	// of composite glyphs (glyphSpec): extractors take a glyph moved onto
	// its neighbour for duplicated text (fake bold) and break the word, and
	// one moved off the baseline for another line.
	for _, u := range units {
		glyphs := r.Glyphs[u.first:u.end]
		start := pen
		for _, g := range glyphs {
			gx := pen + float64(g.XOffset)
			bbox[0] = min(bbox[0], gx+float64(f.xMin))
			bbox[2] = max(bbox[2], gx+float64(f.xMax))
			bbox[1] = min(bbox[1], float64(g.YOffset)+float64(f.yMin))
			bbox[3] = max(bbox[3], float64(g.YOffset)+float64(f.yMax))
			pen += float64(g.XAdvance)
		}
		// Text before the unit in reading order sits at its left end in
		// LTR text and at its right end in RTL text, text after it at the
		// other end; the content goes left to right.
		left, right := u.pre, u.post
		if r.RTL {
			left, right = right, left
		}
		if left != "" {
			if err := show(start, textOnly, left); err != nil {
				return fail(err)
			}
		}
		spec, err := w.glyphSpec(f, glyphs)
		if err != nil {
			return fail(err)
		}
		if err := show(start, spec, u.text); err != nil {
			return fail(err)
		}
		if right != "" {
			if err := show(pen, textOnly, right); err != nil {
				return fail(err)
			}
		}
	}
	if inString {
		b = append(b, '>')
	}
	b = append(b, "]TJ\nET"...)
	w.stream = b

	for i := range bbox {
		bbox[i] *= scale
	}
	bbox[0], bbox[1] = math.Floor(bbox[0]), math.Floor(bbox[1])
	bbox[2], bbox[3] = math.Ceil(bbox[2]), math.Ceil(bbox[3])
	return b, bbox, nil
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
	v = roundTo(v, decimals)
	if v == 0 {
		return append(b, '0')
	}
	b = strconv.AppendFloat(b, v, 'f', decimals, 64)
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

const hexDigits = "0123456789ABCDEF"

func appendHex4(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}

package cidfont

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// Output writes the document to dst, like fpdf's Output, and adds the
// fonts that the glyph runs use.
//
// fpdf has no way to put a font of one's own into a page's resources, so
// Output lets fpdf write the whole file, then copies it: the fonts' objects
// are appended with the next free numbers, their names go into the /Font
// dictionary of the resources that every page shares, page content streams
// are compressed where that pays, and the cross-reference table is written
// anew. The same drawing gives the same bytes (with fixed fpdf dates and
// SetCatalogSort(true)).
func (w *Writer) Output(dst io.Writer) error {
	if w.pdf == nil {
		return errors.New("output pdf: writer has no fpdf document")
	}
	if w.written {
		return errors.New("output pdf: the document has already been written")
	}
	// fpdf's file and the copy made from it are as long as the
	// document; their arrays, and the compressed streams', serve the
	// next document too.
	buf := bytes.NewBuffer(getBuffer())
	err := w.pdf.Output(buf)
	w.written = true
	if err != nil {
		return fmt.Errorf("output pdf: %w", err)
	}
	w.zbuf = *bytes.NewBuffer(getBuffer())
	out, err := w.complete(buf.Bytes(), getBuffer())
	putBuffer(buf.Bytes())
	putBuffer(w.zbuf.Bytes())
	w.zbuf = bytes.Buffer{}
	if err != nil {
		return fmt.Errorf("output pdf: add the glyph runs' fonts: %w", err)
	}
	_, err = dst.Write(out)
	putBuffer(out)
	if err != nil {
		return fmt.Errorf("output pdf: %w", err)
	}
	return nil
}

// xrefTable is the classic cross-reference table that fpdf writes.
type xrefTable struct {
	start    int   // offset of "xref"
	offsets  []int // offsets[n] is where object n starts; offsets[0] is unused
	trailer  int   // offset of "trailer"
	startxrf int   // offset of "startxref"
}

func parseXref(b []byte) (xrefTable, error) {
	var x xrefTable
	x.startxrf = bytes.LastIndex(b, []byte("startxref\n"))
	if x.startxrf < 0 {
		return x, errors.New("no startxref")
	}
	p := x.startxrf + len("startxref\n")
	start, _, ok := parseUint(b, p)
	if !ok || start >= len(b) {
		return x, errors.New("bad startxref")
	}
	x.start = start
	if !bytes.HasPrefix(b[start:], []byte("xref\n0 ")) {
		return x, errors.New("no classic xref table")
	}
	p = start + len("xref\n0 ")
	count, n, ok := parseUint(b, p)
	if !ok || p+n >= len(b) || b[p+n] != '\n' {
		return x, errors.New("bad xref subsection")
	}
	entries := p + n + 1
	x.trailer = entries + 20*count
	if x.trailer > len(b) || !bytes.HasPrefix(b[x.trailer:], []byte("trailer\n")) {
		return x, errors.New("xref table does not end in a trailer")
	}
	x.offsets = make([]int, count)
	for j := 1; j < count; j++ {
		off, _, ok := parseUint(b[:entries+20*j+10], entries+20*j)
		if !ok || off >= start {
			return x, fmt.Errorf("bad xref entry %d", j)
		}
		x.offsets[j] = off
	}
	return x, nil
}

// parseUint reads the decimal number at b[p:] and returns it with the
// number of digits.
func parseUint(b []byte, p int) (v, n int, ok bool) {
	for p+n < len(b) && b[p+n] >= '0' && b[p+n] <= '9' && n < 12 {
		v = 10*v + int(b[p+n]-'0')
		n++
	}
	return v, n, n > 0
}

// complete copies b, a whole file from fpdf, with the fonts added and the
// page contents compressed (see Output), appended to out.
func (w *Writer) complete(b, out []byte) ([]byte, error) {
	x, err := parseXref(b)
	if err != nil {
		return nil, err
	}
	count := len(x.offsets)
	if count < 3 {
		return nil, errors.New("too few objects")
	}
	// The objects in file order; each runs to the next one, the last to
	// the cross-reference table.
	order := make([]int, 0, count-1)
	for j := 1; j < count; j++ {
		order = append(order, j)
	}
	slices.SortFunc(order, func(a, c int) int { return x.offsets[a] - x.offsets[c] })
	ends := make([]int, count)
	for i, j := range order {
		ends[j] = x.start
		if i+1 < len(order) {
			ends[j] = x.offsets[order[i+1]]
		}
		head := strconv.AppendInt(nil, int64(j), 10)
		if !bytes.HasPrefix(b[x.offsets[j]:ends[j]], append(head, " 0 obj\n"...)) {
			return nil, fmt.Errorf("object %d is not where the cross-reference table says", j)
		}
	}

	// The content streams of the pages, and the page each is of: fpdf
	// writes the pages in order.
	contents := make(map[int]int)
	for _, j := range order {
		obj := b[x.offsets[j]:ends[j]]
		if !bytes.Contains(obj, []byte("<</Type /Page\n")) {
			continue
		}
		i := bytes.Index(obj, []byte("/Contents "))
		if i < 0 {
			continue
		}
		if n, _, ok := parseUint(obj, i+len("/Contents ")); ok {
			contents[n] = len(contents)
		}
	}

	total := count + fontObjects*len(w.fonts)
	offsets := make([]int, total)
	out = slices.Grow(out, len(b)+len(b)/4)
	out = append(out, b[:x.offsets[order[0]]]...)
	for _, j := range order {
		obj := b[x.offsets[j]:ends[j]]
		offsets[j] = len(out)
		switch {
		case j == 2 && len(w.fonts) > 0:
			// The resources that every page shares.
			const fontDict = "2 0 obj\n<<\n/ProcSet [/PDF /Text /ImageB /ImageC /ImageI]\n/Font <<\n"
			if !bytes.HasPrefix(obj, []byte(fontDict)) {
				return nil, errors.New("object 2 is not the resource dictionary")
			}
			out = append(out, fontDict...)
			for i, df := range w.fonts {
				out = append(out, df.name...)
				out = append(out, ' ')
				out = strconv.AppendInt(out, int64(count+fontObjects*i), 10)
				out = append(out, " 0 R\n"...)
			}
			out = append(out, obj[len(fontDict):]...)
		case isContent(contents, j):
			if out, err = w.appendContent(out, j, obj, contents[j]); err != nil {
				return nil, err
			}
		default:
			out = append(out, obj...)
		}
	}
	for i, df := range w.fonts {
		if out, err = w.appendFont(out, df, count+fontObjects*i, offsets); err != nil {
			return nil, err
		}
	}

	xref := len(out)
	out = append(out, "xref\n0 "...)
	out = strconv.AppendInt(out, int64(total), 10)
	out = append(out, "\n0000000000 65535 f \n"...)
	for _, off := range offsets[1:] {
		out = appendOffset(out, off)
		out = append(out, " 00000 n \n"...)
	}
	trailer := b[x.trailer:x.startxrf]
	size := "\n/Size " + strconv.Itoa(count) + "\n"
	i := bytes.Index(trailer, []byte(size))
	if i < 0 {
		return nil, errors.New("the trailer has no /Size")
	}
	out = append(out, trailer[:i]...)
	out = append(out, "\n/Size "...)
	out = strconv.AppendInt(out, int64(total), 10)
	out = append(out, trailer[i+len(size)-1:]...)
	out = append(out, "startxref\n"...)
	out = strconv.AppendInt(out, int64(xref), 10)
	return append(out, "\n%%EOF\n"...), nil
}

func isContent(contents map[int]int, j int) bool {
	_, ok := contents[j]
	return ok
}

// SetContents makes Output write the content stream of each page as
// contents gives it, appended to dst, from fromFpdf, what fpdf has for
// the page: for a caller that keeps the pages' drawing itself (DrawTo)
// rather than in fpdf's page buffers, which grow a page at a time and
// are copied twice on the way out. page counts from 0.
func (w *Writer) SetContents(contents func(page int, fromFpdf, dst []byte) ([]byte, error)) {
	w.contents = contents
}

// appendContent appends obj, content stream object j of page page as
// fpdf writes it (or as the SetContents function makes it from that),
// compressed where that pays.
func (w *Writer) appendContent(b []byte, j int, obj []byte, page int) ([]byte, error) {
	head := strconv.AppendInt(w.key[:0], int64(j), 10)
	head = append(head, " 0 obj\n<</Length "...)
	w.key = head
	if !bytes.HasPrefix(obj, head) {
		if w.contents != nil {
			return nil, fmt.Errorf("page %d: the content stream is not fpdf's", page+1)
		}
		return append(b, obj...), nil // compressed by fpdf already, or not fpdf's
	}
	n, digits, ok := parseUint(obj, len(head))
	start := len(head) + digits + len(">>\nstream\n")
	const tail = "\nendstream\nendobj\n"
	if !ok || !bytes.HasPrefix(obj[len(head)+digits:], []byte(">>\nstream\n")) || start+n+len(tail) != len(obj) || string(obj[start+n:]) != tail {
		if w.contents != nil {
			return nil, fmt.Errorf("page %d: the content stream is not fpdf's", page+1)
		}
		return append(b, obj...), nil
	}
	data := obj[start : start+n]
	if w.contents != nil {
		made, err := w.contents(page, data, w.page[:0])
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", page+1, err)
		}
		w.page, data = made, made
	}
	b = append(b, obj[:len(head)-len("/Length ")]...)
	b = w.appendStreamWith(b, data, w.deflateChunked)
	return append(b, "\nendobj\n"...), nil
}

// appendOffset appends off as the ten digits of a cross-reference entry.
func appendOffset(b []byte, off int) []byte {
	var digits [10]byte
	for i := len(digits) - 1; i >= 0; i-- {
		digits[i] = byte('0' + off%10)
		off /= 10
	}
	return append(b, digits[:]...)
}

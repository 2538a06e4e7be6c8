package cidfont

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Output finishes the document and writes it to dst, like fpdf's Output,
// with this Writer's objects in a fixed order.
//
// fpdf writes imported objects, and their names in the page resources, in Go
// map order, which changes from one run of the program to the next. Output
// renumbers them in the order they were drawn, so that the same drawing
// gives the same bytes (with fixed fpdf dates and SetCatalogSort(true)). It
// fails rather than guess if anything else imported objects into the
// document too (gofpdi, a second Writer).
func (w *Writer) Output(dst io.Writer) error {
	if err := w.Finish(); err != nil {
		return err
	}
	var buf bytes.Buffer
	err := w.pdf.Output(&buf)
	w.written = true
	if err != nil {
		return fmt.Errorf("output pdf: %w", err)
	}
	out, err := w.stableOrder(buf.Bytes())
	if err != nil {
		return fmt.Errorf("output pdf: put glyph run objects in a stable order: %w", err)
	}
	if _, err := dst.Write(out); err != nil {
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
	start, n, ok := parseUint(b, p)
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
	if x.trailer > len(b) {
		return x, errors.New("xref table runs past the end")
	}
	x.offsets = make([]int, count)
	for j := 1; j < count; j++ {
		off, _, ok := parseUint(b[:entries+20*j+10], entries+20*j)
		if !ok || off >= len(b) {
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

// stableOrder renumbers this Writer's objects in b, a whole file from
// fpdf, in the order of w.objs, sorts their names in the page resources the
// same way and rewrites the cross-reference table to match.
func (w *Writer) stableOrder(b []byte) ([]byte, error) {
	if len(w.objs) == 0 {
		return b, nil
	}
	x, err := parseXref(b)
	if err != nil {
		return nil, err
	}
	if len(x.offsets) < 3 {
		return nil, errors.New("too few objects")
	}

	// Where fpdf put each object, found by its marker.
	num := make([]int, len(w.objs))
	var head []byte
	for j := 1; j < len(x.offsets); j++ {
		head = strconv.AppendInt(head[:0], int64(j), 10)
		head = append(head, " 0 obj\n%cidfont "...)
		off := x.offsets[j]
		if !bytes.HasPrefix(b[off:], head) {
			continue
		}
		idx, n, ok := parseUint(b, off+len(head))
		if !ok || idx >= len(num) || num[idx] != 0 || off+len(head)+n >= len(b) || b[off+len(head)+n] != '\n' {
			return nil, fmt.Errorf("object %d has an unexpected marker", j)
		}
		num[idx] = j
	}
	first := len(x.offsets)
	for i, n := range num {
		if n == 0 {
			return nil, fmt.Errorf("object %d was not written", i)
		}
		first = min(first, n)
	}
	last := first + len(num) - 1
	if last >= len(x.offsets) {
		return nil, errors.New("the objects are not numbered consecutively")
	}
	byNum := make([]int, len(num)) // object index at number first+k
	for i, n := range num {
		if n > last {
			return nil, errors.New("the objects are not numbered consecutively")
		}
		byNum[n-first] = i
	}

	// Check that each object is exactly what was handed to fpdf, with the
	// references it filled in, and that they are back to back before the
	// resource dictionary (object 2), where fpdf writes imported objects.
	rangeStart := x.offsets[first]
	pos := rangeStart
	for k, i := range byNum {
		if x.offsets[first+k] != pos {
			return nil, fmt.Errorf("object %d is not where expected", first+k)
		}
		o := w.objs[i]
		head = strconv.AppendInt(head[:0], int64(first+k), 10)
		head = append(head, " 0 obj\n"...)
		head = append(head, objectMarker(i)...)
		if !bytes.HasPrefix(b[pos:], head) {
			return nil, fmt.Errorf("object %d has an unexpected header", first+k)
		}
		pos += len(head)
		if pos+len(o.body)+1 > len(b) {
			return nil, fmt.Errorf("object %d is cut short", first+k)
		}
		got := b[pos : pos+len(o.body)]
		prev := 0
		for _, r := range o.refs {
			if !bytes.Equal(got[prev:r.pos], o.body[prev:r.pos]) {
				return nil, fmt.Errorf("object %d differs from the one imported", first+k)
			}
			want := fmt.Sprintf("%40d", num[r.target.index])
			if string(got[r.pos:r.pos+40]) != want {
				return nil, fmt.Errorf("object %d has an unexpected reference", first+k)
			}
			prev = r.pos + 40
		}
		if !bytes.Equal(got[prev:], o.body[prev:]) || b[pos+len(o.body)] != '\n' {
			return nil, fmt.Errorf("object %d differs from the one imported", first+k)
		}
		pos += len(o.body) + 1
	}
	rangeEnd := pos
	if rangeEnd != x.offsets[2] {
		return nil, errors.New("other objects are mixed with the imported ones")
	}

	// The XObject names are the last lines of the /XObject dictionary in
	// object 2.
	dictStart := bytes.Index(b[rangeEnd:x.start], []byte("\n/XObject <<\n"))
	if dictStart < 0 {
		return nil, errors.New("no /XObject dictionary in the resources")
	}
	dictStart += rangeEnd + len("\n/XObject <<\n")
	dictEnd := bytes.Index(b[dictStart:x.start], []byte("\n>>\n"))
	if dictEnd < 0 {
		return nil, errors.New("unterminated /XObject dictionary")
	}
	blockEnd := dictStart + dictEnd + 1 // after the last name's newline
	blockStart := blockEnd
	byName := make(map[string]*form, len(w.forms))
	for _, fm := range w.forms {
		byName[fm.name] = fm
	}
	for range w.forms {
		if blockStart <= dictStart {
			return nil, errors.New("the /XObject dictionary lacks names")
		}
		lineStart := bytes.LastIndexByte(b[dictStart:blockStart-1], '\n') + 1 + dictStart
		line := b[lineStart : blockStart-1]
		fields := bytes.Fields(line)
		if len(fields) != 4 || string(fields[2]) != "0" || string(fields[3]) != "R" {
			return nil, fmt.Errorf("unexpected /XObject entry %q", line)
		}
		fm := byName[string(fields[0])]
		if fm == nil || string(fields[1]) != strconv.Itoa(num[fm.obj.index]) {
			return nil, fmt.Errorf("unexpected /XObject entry %q", line)
		}
		delete(byName, fm.name)
		blockStart = lineStart
	}

	out := make([]byte, 0, len(b)+64)
	out = append(out, b[:rangeStart]...)
	newOffsets := make([]int, len(w.objs))
	for i, o := range w.objs {
		newOffsets[i] = len(out)
		out = strconv.AppendInt(out, int64(first+i), 10)
		out = append(out, " 0 obj\n"...)
		out = append(out, objectMarker(i)...)
		bodyStart := len(out)
		out = append(out, o.body...)
		for _, r := range o.refs {
			copy(out[bodyStart+r.pos:], fmt.Sprintf("%40d", first+r.target.index))
		}
		out = append(out, '\n')
	}
	if len(out) != rangeEnd {
		return nil, errors.New("renumbering changed the length of the objects")
	}
	out = append(out, b[rangeEnd:blockStart]...)
	for _, fm := range w.forms {
		out = append(out, fm.name...)
		out = append(out, ' ')
		out = strconv.AppendInt(out, int64(first+fm.obj.index), 10)
		out = append(out, " 0 R\n"...)
	}
	delta := len(out) - blockEnd
	out = append(out, b[blockEnd:x.start]...)

	out = append(out, "xref\n0 "...)
	out = strconv.AppendInt(out, int64(len(x.offsets)), 10)
	out = append(out, "\n0000000000 65535 f \n"...)
	for j := 1; j < len(x.offsets); j++ {
		off := x.offsets[j]
		switch {
		case j >= first && j <= last:
			off = newOffsets[j-first]
		case off > blockStart:
			off += delta
		}
		out = fmt.Appendf(out, "%010d 00000 n \n", off)
	}
	out = append(out, b[x.trailer:x.startxrf]...)
	out = fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", x.start+delta)
	return out, nil
}

package pdf

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// Merge writes one PDF that holds every page of the PDFs that next
// returns, in order, without drawing anything again: a print pack of a
// thousand materials costs one file's memory at a time. It reads the
// files this package writes (fpdf's classic cross-reference table, no
// object streams); next returns io.EOF when there are no more.
func Merge(w io.Writer, meta doc.Meta, opts Options, next func() ([]byte, error)) (pages int, err error) {
	out := &countWriter{w: bufio.NewWriterSize(w, 1<<16)}
	out.writeString("%PDF-1.4\n%\xb5\xb6\xb5\xb6\n")
	// Object 1 is the new page tree, 2 the catalog, 3 the metadata;
	// every file's objects follow, renumbered.
	offsets := []int64{0, 0, 0, 0}
	var kids []int
	for n := 0; ; n++ {
		data, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, err
		}
		pageNums, err := mergeOne(out, &offsets, data)
		if err != nil {
			return 0, fmt.Errorf("merge PDF %d: %w", n+1, err)
		}
		kids = append(kids, pageNums...)
	}
	if len(kids) == 0 {
		return 0, fmt.Errorf("merge: no pages")
	}

	offsets[1] = out.n
	var b []byte
	b = append(b, "1 0 obj\n<</Type /Pages /Count "...)
	b = strconv.AppendInt(b, int64(len(kids)), 10)
	b = append(b, " /Kids ["...)
	for i, k := range kids {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(k), 10)
		b = append(b, " 0 R"...)
	}
	b = append(b, "]>>\nendobj\n"...)
	out.write(b)

	offsets[2] = out.n
	out.writeString("2 0 obj\n<</Type /Catalog /Pages 1 0 R /Lang " + pdfString(meta.Lang) + ">>\nendobj\n")
	offsets[3] = out.n
	date := "D:" + opts.Date.UTC().Format("20060102150405") + "Z"
	out.writeString("3 0 obj\n<</Title " + pdfString(meta.Title) + " /Subject " + pdfString(meta.Subject) +
		" /Author " + pdfString(meta.Author) + " /Creator " + pdfString(meta.Creator) + " /Producer " + pdfString(meta.Creator) +
		" /CreationDate (" + date + ") /ModDate (" + date + ")>>\nendobj\n")

	xref := out.n
	b = b[:0]
	b = append(b, "xref\n0 "...)
	b = strconv.AppendInt(b, int64(len(offsets)), 10)
	b = append(b, "\n0000000000 65535 f \n"...)
	for _, off := range offsets[1:] {
		b = fmt.Appendf(b, "%010d 00000 n \n", off)
	}
	b = fmt.Appendf(b, "trailer\n<</Size %d /Root 2 0 R /Info 3 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(offsets), xref)
	out.write(b)
	if out.err != nil {
		return 0, out.err
	}
	return len(kids), out.w.(*bufio.Writer).Flush()
}

var (
	startXref = regexp.MustCompile(`startxref\s+(\d+)`)
	objRef    = regexp.MustCompile(`(\d+) 0 R\b`)
	rootRef   = regexp.MustCompile(`/Root (\d+) 0 R`)
	infoRef   = regexp.MustCompile(`/Info (\d+) 0 R`)
	pagesRef  = regexp.MustCompile(`/Pages (\d+) 0 R`)
	mediaBox  = regexp.MustCompile(`/MediaBox\s*\[[^\]]*\]`)
)

// mergeOne copies the objects of one PDF, renumbered after those already
// written, and returns the new numbers of its pages in order.
func mergeOne(out *countWriter, offsets *[]int64, data []byte) ([]int, error) {
	objs, trailer, err := readObjects(data)
	if err != nil {
		return nil, err
	}
	num := func(re *regexp.Regexp, s []byte) int {
		m := re.FindSubmatch(s)
		if m == nil {
			return -1
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	root, info := num(rootRef, trailer), num(infoRef, trailer)
	if root < 0 || objs[root] == nil {
		return nil, fmt.Errorf("no catalog")
	}
	tree := num(pagesRef, objs[root])
	if tree < 0 || objs[tree] == nil {
		return nil, fmt.Errorf("no page tree")
	}
	// The old tree's media box, for pages that inherit it.
	inherited := mediaBox.Find(objs[tree])
	var kids []int
	for _, m := range objRef.FindAllSubmatch(kidsOf(objs[tree]), -1) {
		n, _ := strconv.Atoi(string(m[1]))
		kids = append(kids, n)
	}

	renumber := make(map[int]int, len(objs))
	nums := make([]int, 0, len(objs))
	for n := range objs {
		if objs[n] != nil && n != root && n != info && n != tree {
			nums = append(nums, n)
		}
	}
	slices.Sort(nums)
	for _, n := range nums {
		renumber[n] = len(*offsets)
		*offsets = append(*offsets, 0)
	}
	fix := func(dict []byte) []byte {
		return objRef.ReplaceAllFunc(dict, func(ref []byte) []byte {
			n, _ := strconv.Atoi(string(ref[:bytes.IndexByte(ref, ' ')]))
			if n == tree {
				return []byte("1 0 R")
			}
			if nn, ok := renumber[n]; ok {
				return append(strconv.AppendInt(nil, int64(nn), 10), " 0 R"...)
			}
			return ref
		})
	}
	pageSet := make(map[int]bool, len(kids))
	for _, k := range kids {
		pageSet[k] = true
	}
	for _, n := range nums {
		body := objs[n]
		dict, rest := body, []byte(nil)
		if i := bytes.Index(body, []byte("stream\n")); i >= 0 {
			dict, rest = body[:i], body[i:]
		}
		dict = fix(dict)
		if pageSet[n] && inherited != nil && !mediaBox.Match(dict) {
			dict = bytes.Replace(dict, []byte("/Type /Page"), append([]byte("/Type /Page "), inherited...), 1)
		}
		(*offsets)[renumber[n]] = out.n
		out.writeString(strconv.Itoa(renumber[n]) + " 0 obj\n")
		out.write(dict)
		out.write(rest)
		out.writeString("\nendobj\n")
	}
	pages := make([]int, len(kids))
	for i, k := range kids {
		nn, ok := renumber[k]
		if !ok {
			return nil, fmt.Errorf("page object %d is missing", k)
		}
		pages[i] = nn
	}
	return pages, nil
}

// kidsOf returns the /Kids array of a page tree node.
func kidsOf(tree []byte) []byte {
	i := bytes.Index(tree, []byte("/Kids"))
	if i < 0 {
		return nil
	}
	j := bytes.IndexByte(tree[i:], ']')
	if j < 0 {
		return nil
	}
	return tree[i : i+j]
}

// readObjects slices a PDF into its objects' bodies (between "N 0 obj"
// and "endobj") through its cross-reference table, and returns the
// trailer dictionary.
func readObjects(data []byte) (map[int][]byte, []byte, error) {
	m := startXref.FindAllSubmatch(data, -1)
	if m == nil {
		return nil, nil, fmt.Errorf("no startxref")
	}
	start, _ := strconv.Atoi(string(m[len(m)-1][1]))
	if start <= 0 || start >= len(data) || !bytes.HasPrefix(data[start:], []byte("xref")) {
		return nil, nil, fmt.Errorf("no classic cross-reference table at %d", start)
	}
	lines := bytes.Split(data[start:], []byte("\n"))
	objs := make(map[int][]byte)
	i := 1
	for i < len(lines) {
		head := bytes.Fields(lines[i])
		if len(head) != 2 {
			break
		}
		first, _ := strconv.Atoi(string(head[0]))
		count, _ := strconv.Atoi(string(head[1]))
		i++
		for k := 0; k < count && i < len(lines); k, i = k+1, i+1 {
			f := bytes.Fields(lines[i])
			if len(f) != 3 || string(f[2]) != "n" {
				continue
			}
			off, _ := strconv.Atoi(string(f[0]))
			body, err := objectAt(data, off, first+k)
			if err != nil {
				return nil, nil, err
			}
			objs[first+k] = body
		}
	}
	t := bytes.Index(data[start:], []byte("trailer"))
	if t < 0 {
		return nil, nil, fmt.Errorf("no trailer")
	}
	return objs, data[start+t:], nil
}

// objectAt returns the body of object n, which starts at off.
func objectAt(data []byte, off, n int) ([]byte, error) {
	head := []byte(strconv.Itoa(n) + " 0 obj")
	if off < 0 || off >= len(data) || !bytes.HasPrefix(data[off:], head) {
		return nil, fmt.Errorf("object %d is not at offset %d", n, off)
	}
	body := data[off+len(head):]
	// A stream may hold any bytes: skip it by its length before looking
	// for endobj.
	if s := bytes.Index(body, []byte("stream\n")); s >= 0 {
		if e := bytes.Index(body, []byte("endobj")); e < 0 || s < e {
			length := lengthOf(body[:s])
			if length < 0 || s+7+length > len(body) {
				return nil, fmt.Errorf("object %d: stream length unknown", n)
			}
			end := s + 7 + length
			e := bytes.Index(body[end:], []byte("endobj"))
			if e < 0 {
				return nil, fmt.Errorf("object %d has no endobj", n)
			}
			return bytes.TrimSpace(body[:end+e]), nil
		}
	}
	e := bytes.Index(body, []byte("endobj"))
	if e < 0 {
		return nil, fmt.Errorf("object %d has no endobj", n)
	}
	return bytes.TrimSpace(body[:e]), nil
}

var lengthKey = regexp.MustCompile(`/Length (\d+)`)

// lengthOf reads a direct /Length from a stream dictionary; fpdf and
// cidfont never write an indirect one.
func lengthOf(dict []byte) int {
	var last []byte
	for _, m := range lengthKey.FindAllSubmatch(dict, -1) {
		last = m[1] // /Length1 (a font program's size) does not match: it has no space
	}
	if last == nil {
		return -1
	}
	n, _ := strconv.Atoi(string(last))
	return n
}

// pdfString is a PDF text string: UTF-16BE with a byte order mark, in
// hex, so that no byte of it can be read as a line end or a delimiter.
func pdfString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

// countWriter counts what it writes, for the cross-reference table, and
// keeps the first error.
type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) write(p []byte) {
	if c.err != nil {
		return
	}
	k, err := c.w.Write(p)
	c.n += int64(k)
	c.err = err
}

func (c *countWriter) writeString(s string) { c.write([]byte(s)) }

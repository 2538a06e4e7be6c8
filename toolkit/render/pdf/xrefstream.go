package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
	"unsafe"

	"github.com/klauspost/compress/zlib"
)

// maxInflated bounds what one stream of a file added to a pack may
// inflate to: a flyer's object stream is some 10 KB; a few bytes of
// deflate can stand for a thousand times their length.
const maxInflated = 64 << 20

// unpacker reads the objects of the files the packer joins, where they
// are: a file with a classic cross-reference table, or one as this
// package writes them, with object streams and a cross-reference stream
// (PDF 1.5). Of the latter it reads what this package writes: one
// cross-reference stream (no /Prev), FlateDecode, no predictor or PNG
// predictors None and Up. Objects are not copied into a classic file to
// be found again (as they once were, every flyer's bytes written and
// read twice more): each is a slice of the file, or of its object
// stream inflated.
type unpacker struct {
	objs    []fileObj
	zr      io.ReadCloser
	inflate []byte
	kept    map[int]*objStm // object streams read, by number
	stms    []*objStm       // kept's, to be used again for the next file
	used    int             // how many of stms this file uses
	starts  []int           // the whole objects' offsets, in order
	order   []int           // a classic file's objects, by offset
	skip    []bool          // objects not copied
	rows    []xrefRow       // the cross-reference stream's rows, read

	// parsed are object streams whose objects the packer has read,
	// found again by their bytes (see keepParsed); the most recently
	// found last.
	parsed []*objStm
	seed   maphash.Seed
}

// xrefRow is a row of a cross-reference stream: its type and two fields.
type xrefRow struct {
	typ    int
	f2, f3 int
}

// fileObj is one object of a file: its value, after "N G obj" and before
// "endobj", without the white space around it, and the object stream it
// was read from (nil for none) and its index there.
type fileObj struct {
	val []byte
	has bool // the file has the object (its value may still be empty)
	stm *objStm
	idx int
}

// objects returns the objects of data by number, and the numbers of its
// catalog and metadata that its trailer names (0 for none). What it
// returns is good until the next call.
func (u *unpacker) objects(data []byte) (objs []fileObj, root, info int, err error) {
	sx := bytes.LastIndex(data, []byte("startxref"))
	if sx < 0 {
		return nil, 0, 0, errors.New("no startxref")
	}
	start, n := parseInt(data, skipSpace(data, sx+len("startxref")))
	if n == 0 || start <= 0 || start >= sx {
		return nil, 0, 0, errors.New("no cross-reference table or stream: the file is not a PDF")
	}
	if bytes.HasPrefix(data[start:], []byte("xref")) {
		return u.classicObjects(data)
	}
	// The cross-reference stream: "N 0 obj <<…>> stream … endstream".
	num, k := parseInt(data, start)
	if k == 0 {
		return nil, 0, 0, errors.New("no cross-reference table or stream: the file is not a PDF")
	}
	_, dict, raw, err := u.stream(data, start, sx, num)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("cross-reference stream: %w", err)
	}
	if t, ok := name(dict, "/Type"); !ok || t != "/XRef" {
		return nil, 0, 0, errors.New("no cross-reference table or stream: the file is not a PDF")
	}
	if _, _, has := entry(dict, "/Prev"); has {
		return nil, 0, 0, errors.New("the file was updated in place (/Prev), which merging does not support")
	}
	size, ok := intEntry(dict, "/Size")
	if !ok || size <= 0 || size > len(data)/3+1 {
		return nil, 0, 0, errors.New("cross-reference stream: bad /Size")
	}
	w, err := intArray(dict, "/W")
	if err != nil || len(w) != 3 || w[0] > 1 || w[1] < 1 || w[1] > 8 || w[2] > 2 {
		return nil, 0, 0, errors.New("cross-reference stream: /W is not one merging reads")
	}
	index := []int{0, size}
	if _, _, has := entry(dict, "/Index"); has {
		if index, err = intArray(dict, "/Index"); err != nil || len(index)%2 != 0 {
			return nil, 0, 0, errors.New("cross-reference stream: bad /Index")
		}
	}
	rows, err := u.decode(dict, raw, w[0]+w[1]+w[2])
	if err != nil {
		return nil, 0, 0, fmt.Errorf("cross-reference stream: %w", err)
	}
	width := w[0] + w[1] + w[2]
	refs := slices.Grow(u.rows[:0], size)[:size]
	clear(refs) // an object no row is for is free
	u.rows = refs
	at := 0
	for i := 0; i < len(index); i += 2 {
		first, count := index[i], index[i+1]
		if first < 0 || count < 0 || first+count > size || (at+count)*width > len(rows) {
			return nil, 0, 0, errors.New("cross-reference stream: bad /Index")
		}
		for j := range count {
			row := rows[(at+j)*width:]
			field := func(from, n int) int {
				v := 0
				for _, c := range row[from : from+n] {
					v = v<<8 | int(c)
				}
				return v
			}
			r := xrefRow{typ: 1, f2: field(w[0], w[1]), f3: field(w[0]+w[1], w[2])}
			if w[0] > 0 {
				r.typ = int(row[0])
			}
			refs[first+j] = r
		}
		at += count
	}

	// Where each whole object ends: at the next one, in file order.
	starts := u.starts[:0]
	for _, r := range refs {
		if r.typ == 1 {
			if r.f2 <= 0 || r.f2 > start {
				return nil, 0, 0, errors.New("cross-reference stream: an offset is outside the file")
			}
			starts = append(starts, r.f2)
		}
	}
	slices.Sort(starts)
	u.starts = starts
	limitOf := func(off int) int {
		i, _ := slices.BinarySearch(starts, off+1)
		if i < len(starts) {
			return starts[i]
		}
		return sx
	}
	clear(u.kept)
	u.used = 0
	if u.kept == nil {
		u.kept = map[int]*objStm{}
	}
	// The cross-reference stream and the object streams are not copied.
	skip := slices.Grow(u.skip[:0], size)[:size]
	clear(skip)
	u.skip = skip
	if num < size {
		skip[num] = true
	}
	for _, r := range refs {
		if r.typ == 2 && r.f2 >= 0 && r.f2 < size {
			skip[r.f2] = true
		}
	}

	objs = slices.Grow(u.objs[:0], size)[:size]
	clear(objs)
	u.objs = objs
	for n, r := range refs {
		if skip[n] || r.typ != 1 && r.typ != 2 {
			continue
		}
		var val []byte
		if r.typ == 1 {
			s, e, err := objectBounds(data, r.f2, limitOf(r.f2), n)
			if err != nil {
				return nil, 0, 0, err
			}
			val = data[s:e]
		} else {
			if r.f2 <= 0 || r.f2 >= len(refs) {
				return nil, 0, 0, fmt.Errorf("object %d is in object %d, which the file does not have", n, r.f2)
			}
			st, err := u.member(data, refs[r.f2].typ, refs[r.f2].f2, r.f2, r.f3, n, limitOf)
			if err != nil {
				return nil, 0, 0, err
			}
			objs[n] = fileObj{val: st.value(r.f3), has: true, stm: st, idx: r.f3}
			continue
		}
		objs[n] = fileObj{val: val, has: true}
	}
	root, _ = trailerRef(dict, "/Root")
	info, _ = trailerRef(dict, "/Info")
	return objs, root, info, nil
}

// classicObjects is objects for a file with a classic cross-reference
// table: each object runs from its offset to the next object's, the last
// to the table.
func (u *unpacker) classicObjects(data []byte) (objs []fileObj, root, info int, err error) {
	xref, err := readXref(data)
	if err != nil {
		return nil, 0, 0, err
	}
	objs = slices.Grow(u.objs[:0], len(xref.offsets))[:len(xref.offsets)]
	clear(objs)
	u.objs = objs
	order := u.order[:0]
	for n, off := range xref.offsets {
		if off > 0 {
			order = append(order, n)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return xref.offsets[a] - xref.offsets[b] })
	u.order = order
	for i, n := range order {
		end := xref.start
		if i+1 < len(order) {
			end = xref.offsets[order[i+1]]
		}
		s, e, err := objectBounds(data, xref.offsets[n], end, n)
		if err != nil {
			return nil, 0, 0, err
		}
		objs[n] = fileObj{val: data[s:e], has: true}
	}
	root, _ = trailerRef(data[xref.trailer:], "/Root")
	info, _ = trailerRef(data[xref.trailer:], "/Info")
	return objs, root, info, nil
}

// trimSpace is v without the PDF white space around it.
func trimSpace(v []byte) []byte {
	for len(v) > 0 && isSpace(v[0]) {
		v = v[1:]
	}
	for len(v) > 0 && isSpace(v[len(v)-1]) {
		v = v[:len(v)-1]
	}
	return v
}

// objStm is an object stream read back: its objects' numbers and
// where each starts and ends in its inflated data.
type objStm struct {
	body       []byte
	nums, offs []int
	n, first   int // its /N and /First, which say how its head is read

	// The packer's reading of its objects, kept with it in
	// unpacker.parsed: each object's dictionary end in its value, and its
	// references, refs[refAt[k]:refAt[k+1]] for the k-th object.
	dictEnds, refAt []int
	refs            []srcRef
	sum             uint64 // of body, with unpacker.seed
}

// value is the value of the stream's index-th object, trimmed as a
// value written into a classic file and read back was (see objectBounds).
func (st *objStm) value(index int) []byte {
	return trimSpace(bytes.TrimSpace(st.body[st.offs[index]:st.offs[index+1]]))
}

// parsed reports whether st is one whose objects were read before.
func (st *objStm) parsed() bool { return st.refAt != nil }

// parsedStreams is how many object streams unpacker.parsed keeps, and
// parsedBytes about the most memory they hold: a flyer's structure tree
// (some 80 objects in 5 KB, read again as 250 references) is the same
// stream for every flyer of one audience, language and paper, and a
// build's plan goes through a few of them in turn (bench/run's, five
// audiences, each flyer's other stream in between); a stream larger than
// parsedLargest (a cover sheet's) is not kept.
const (
	parsedStreams = 16
	parsedBytes   = 384 << 10
	parsedLargest = 64 << 10
)

// findParsed is the stream kept in u.parsed whose data is body, with n
// objects from first, or nil.
func (u *unpacker) findParsed(body []byte, n, first int) *objStm {
	if len(u.parsed) == 0 {
		return nil
	}
	sum := maphash.Bytes(u.seed, body)
	for i, st := range u.parsed {
		if st.sum == sum && st.n == n && st.first == first && bytes.Equal(st.body, body) {
			// The most recently found last.
			copy(u.parsed[i:], u.parsed[i+1:])
			u.parsed[len(u.parsed)-1] = st
			return st
		}
	}
	return nil
}

// keepParsed keeps in u.parsed each object stream of the file just read
// that was not found there, with the packer's reading of its objects:
// read(n) is object n's dictionary end and references. A stream is kept
// only when each of its objects is the one the file has by that number
// (a file's cross-reference stream could name another).
func (u *unpacker) keepParsed(objs []fileObj, read func(n int) (int, []srcRef)) {
	if u.seed == (maphash.Seed{}) {
		u.seed = maphash.MakeSeed()
	}
	for i, st := range u.stms[:u.used] {
		if len(st.body) > parsedLargest {
			continue
		}
		whole := true
		for k, n := range st.nums {
			if n <= 0 || n >= len(objs) || objs[n].stm != st || objs[n].idx != k {
				whole = false
				break
			}
		}
		if !whole {
			continue
		}
		st.dictEnds, st.refAt, st.refs = st.dictEnds[:0], append(st.refAt[:0], 0), st.refs[:0]
		for _, n := range st.nums {
			dictEnd, refs := read(n)
			st.dictEnds = append(st.dictEnds, dictEnd)
			st.refs = append(st.refs, refs...)
			st.refAt = append(st.refAt, len(st.refs))
		}
		st.sum = maphash.Bytes(u.seed, st.body)
		// The stream leaves the file's: the next file reads into the
		// arrays of the one it puts out, or new ones.
		var fresh *objStm
		if len(u.parsed) == parsedStreams {
			fresh = u.parsed[0]
			u.parsed = append(u.parsed[:0], u.parsed[1:]...)
		}
		u.parsed = append(u.parsed, st)
		for len(u.parsed) > 1 && u.parsedSize() > parsedBytes {
			fresh = u.parsed[0]
			u.parsed = append(u.parsed[:0], u.parsed[1:]...)
		}
		if fresh == nil {
			fresh = &objStm{}
		}
		fresh.refAt = nil
		u.stms[i] = fresh
	}
}

// parsedSize is about the memory the streams in u.parsed hold.
func (u *unpacker) parsedSize() int {
	size := 0
	for _, st := range u.parsed {
		size += cap(st.body) + 8*(cap(st.nums)+cap(st.offs)+cap(st.dictEnds)+cap(st.refAt)) + int(unsafe.Sizeof(srcRef{}))*cap(st.refs)
	}
	return size
}

// newStm is the object stream of n objects from first whose data is
// body, its head read, in the arrays of one read for an earlier file.
func (u *unpacker) newStm(body []byte, n, first int) (*objStm, error) {
	if u.used == len(u.stms) {
		u.stms = append(u.stms, &objStm{})
	}
	st := u.stms[u.used]
	u.used++
	st.body, st.nums, st.offs, st.refAt = append(st.body[:0], body...), st.nums[:0], st.offs[:0], nil
	st.n, st.first = n, first
	head := st.body[:first]
	i := 0
	for range n {
		i = skipSpace(head, i)
		num, a := parseInt(head, i)
		i = skipSpace(head, i+a)
		o, b := parseInt(head, i)
		i += b
		if a == 0 || b == 0 || first+o > len(st.body) || len(st.offs) > 0 && first+o < st.offs[len(st.offs)-1] {
			return nil, errors.New("its head is damaged")
		}
		st.nums = append(st.nums, num)
		st.offs = append(st.offs, first+o)
	}
	st.offs = append(st.offs, len(st.body))
	return st, nil
}

// member is object n, the index-th of object stream stm, whose entry is
// of type typ at offset off.
func (u *unpacker) member(data []byte, typ, off, stm, index, n int, limitOf func(int) int) (*objStm, error) {
	if typ != 1 {
		return nil, fmt.Errorf("object %d is in object %d, which is not an object stream", n, stm)
	}
	st, ok := u.kept[stm]
	if !ok {
		_, dict, raw, err := u.stream(data, off, limitOf(off), stm)
		if err != nil {
			return nil, fmt.Errorf("object stream %d: %w", stm, err)
		}
		if t, ok := name(dict, "/Type"); !ok || t != "/ObjStm" {
			return nil, fmt.Errorf("object %d is in object %d, which is not an object stream", n, stm)
		}
		inflated, err := u.decode(dict, raw, 0)
		if err != nil {
			return nil, fmt.Errorf("object stream %d: %w", stm, err)
		}
		// Its head: /N pairs of an object's number and its offset after
		// /First.
		count, ok1 := intEntry(dict, "/N")
		first, ok2 := intEntry(dict, "/First")
		if !ok1 || !ok2 || first > len(inflated) || count > len(inflated)/4+1 {
			return nil, fmt.Errorf("object stream %d: bad /N or /First", stm)
		}
		// A stream read before, in an earlier file, is not read again.
		if st = u.findParsed(inflated, count, first); st == nil {
			if st, err = u.newStm(inflated, count, first); err != nil {
				return nil, fmt.Errorf("object stream %d: %w", stm, err)
			}
		}
		u.kept[stm] = st
	}
	if index >= len(st.nums) || st.nums[index] != n {
		return nil, fmt.Errorf("object %d is not where the cross-reference stream says, in object stream %d", n, stm)
	}
	return st, nil
}

// stream reads stream object num at off (before limit): its value's
// start, its dictionary and its data as stored.
func (u *unpacker) stream(data []byte, off, limit, num int) (start int, dict, raw []byte, err error) {
	if off >= limit || limit > len(data) {
		return 0, nil, nil, fmt.Errorf("object %d is not at offset %d", num, off)
	}
	start, end, err := objectBounds(data, off, limit, num)
	if err != nil {
		return 0, nil, nil, err
	}
	s := scanner{b: data[:end], i: start}
	dictEnd, err := s.object()
	if err != nil {
		return 0, nil, nil, err
	}
	if dictEnd >= end {
		return 0, nil, nil, errors.New("not a stream")
	}
	dict = data[start:dictEnd]
	length, ok := intEntry(dict, "/Length")
	i := dictEnd + len("stream")
	if i < end && data[i] == '\r' {
		i++
	}
	if i < end && data[i] == '\n' {
		i++
	}
	if !ok || length < 0 || i+length > end {
		return 0, nil, nil, errors.New("bad /Length")
	}
	return start, dict, data[i : i+length], nil
}

// decode inflates raw, a stream with dict, and undoes its predictor;
// columns is the width of a row (0: no predictor allowed).
func (u *unpacker) decode(dict, raw []byte, columns int) ([]byte, error) {
	f, ok := name(dict, "/Filter")
	if !ok || f != "/FlateDecode" {
		return nil, errors.New("not compressed with FlateDecode, which merging reads")
	}
	// A stream this process wrote lately is found as it was before it
	// was compressed (recentStreams).
	out, found := recentStreams.find(u.inflate[:0], raw)
	var err error
	switch {
	case found:
	case u.zr == nil:
		u.zr, err = zlib.NewReader(bytes.NewReader(raw))
	default:
		err = u.zr.(zlib.Resetter).Reset(bytes.NewReader(raw), nil)
	}
	if err != nil {
		return nil, fmt.Errorf("inflate: %w", err)
	}
	for !found {
		if len(out) == cap(out) {
			if len(out) > maxInflated {
				return nil, errors.New("too large once inflated")
			}
			out = slices.Grow(out, max(4<<10, len(out)))
		}
		k, err := u.zr.Read(out[len(out):cap(out)])
		out = out[:len(out)+k]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("inflate: %w", err)
		}
	}
	u.inflate = out
	predictor := 1
	if at, end, has := entry(dict, "/DecodeParms"); has {
		parms := dict[at:end]
		if p, ok := intEntry(parms, "/Predictor"); ok {
			predictor = p
		}
		if c, ok := intEntry(parms, "/Columns"); ok && predictor >= 10 && c != columns {
			return nil, errors.New("the predictor's /Columns is not the rows' width")
		}
	}
	switch {
	case predictor == 1:
		return out, nil
	case predictor < 10 || predictor > 15 || columns == 0:
		return nil, fmt.Errorf("predictor %d, which merging does not read", predictor)
	}
	// PNG rows: a filter byte, then the row; None and Up.
	row := columns + 1
	if len(out)%row != 0 {
		return nil, errors.New("the data is not whole rows")
	}
	rows := out[:0]
	prev := make([]byte, columns)
	for i := 0; i < len(out); i += row {
		filter, cur := out[i], out[i+1:i+row]
		switch filter {
		case 0:
		case 2:
			for j := range cur {
				cur[j] += prev[j]
			}
		default:
			return nil, fmt.Errorf("PNG filter %d, which merging does not read", filter)
		}
		copy(prev, cur)
		rows = append(rows, cur...) // rows never passes the row it reads
	}
	return rows, nil
}

// intEntry is the whole number that key names in dict.
func intEntry(dict []byte, key string) (int, bool) {
	at, end, ok := entry(dict, key)
	if !ok {
		return 0, false
	}
	v, k := parseInt(dict, at)
	return v, k > 0 && k == end-at
}

// name is the name that key names in dict, "/Name".
func name(dict []byte, key string) (string, bool) {
	at, end, ok := entry(dict, key)
	if !ok || dict[at] != '/' {
		return "", false
	}
	return string(dict[at:end]), true
}

// intArray is the array of whole numbers that key names in dict.
func intArray(dict []byte, key string) ([]int, error) {
	at, end, ok := entry(dict, key)
	if !ok || dict[at] != '[' {
		return nil, fmt.Errorf("no %s array", key)
	}
	var out []int
	i := skipSpace(dict[:end], at+1)
	for i < end && dict[i] != ']' {
		v, k := parseInt(dict, i)
		if k == 0 || len(out) > 1<<20 {
			return nil, fmt.Errorf("%s is not an array of whole numbers", key)
		}
		out = append(out, v)
		i = skipSpace(dict[:end], i+k)
	}
	return out, nil
}

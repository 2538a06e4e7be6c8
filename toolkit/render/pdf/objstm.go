package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"io"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"

	"github.com/awarekit/awarekit/toolkit/render/pdf/cidfont"
)

// The files this package writes are PDF 1.5 with object streams (ISO
// 32000-1, 7.5.7): every object that is not a stream (the structure
// tree's elements, the pages, the fonts' dictionaries, the annotations)
// is kept, without its "N 0 obj" and "endobj", in an object stream that
// is compressed as one, and the cross-reference table is a stream too
// (7.5.8), a few bytes an object instead of 20. A flyer's tag structure
// is some 90 small objects: a third of its file as plain text.

// header starts every file: the version, and a comment of bytes
// above 127 that says the file is binary.
const header = "%PDF-1.5\n%\xb5\xb6\xb5\xb6\n"

// objStream gathers objects that are not streams into one object stream.
type objStream struct {
	num   int    // its own object number; 0 while it holds nothing
	n     int    // objects in it
	heads []byte // "num offset " of each object
	body  []byte // the objects' values, one after another
	tmp   []byte
	// forget: the stream is not kept in recentStreams (the pack's own,
	// which nothing reads back).
	forget bool
	// reuse: the stream is looked for in recentStreams by its
	// uncompressed bytes before it is compressed (see tagFile's tree
	// stream): documents of a build that share the objects find them
	// compressed.
	reuse bool
}

// maxObjStream is how many objects an object stream holds at most: the
// index of an object in its stream is written in two bytes.
const maxObjStream = 0xFFFF

// add puts the value of object num (its parts one after another) in the
// stream and returns its index there.
func (s *objStream) add(num int, value ...[]byte) int {
	s.heads = appendInt(s.heads, num)
	s.heads = append(s.heads, ' ')
	s.heads = appendInt(s.heads, len(s.body))
	s.heads = append(s.heads, ' ')
	for _, v := range value {
		s.body = append(s.body, v...)
	}
	s.body = append(s.body, '\n')
	s.n++
	return s.n - 1
}

// appendTo appends the object stream as object s.num, compressed, to b,
// and empties it.
func (s *objStream) appendTo(b []byte) []byte {
	s.tmp = append(append(s.tmp[:0], s.heads...), s.body...)
	b = strconv.AppendInt(b, int64(s.num), 10)
	b = append(b, " 0 obj\n<</Type /ObjStm /N "...)
	b = strconv.AppendInt(b, int64(s.n), 10)
	b = append(b, " /First "...)
	b = strconv.AppendInt(b, int64(len(s.heads)), 10)
	b = append(b, " /Filter /FlateDecode /Length "...)
	// The length is known once the data is compressed: compress after
	// the dictionary's room and move the data into place.
	at := len(b)
	var found bool
	if s.reuse {
		b, found = recentStreams.findCompressed(b, s.tmp)
	}
	if !found {
		b = cidfont.AppendDeflate(b, s.tmp, true)
	}
	z := len(b) - at
	if !s.forget && !found {
		recentStreams.keep(b[at:], s.tmp)
	}
	s.tmp = append(s.tmp[:0], b[at:]...)
	b = strconv.AppendInt(b[:at], int64(z), 10)
	b = append(b, ">>\nstream\n"...)
	b = append(b, s.tmp...)
	b = append(b, "\nendstream\nendobj\n"...)
	s.num, s.n, s.heads, s.body = 0, 0, s.heads[:0], s.body[:0]
	return b
}

// recentStreams are the object streams and cross-reference streams of
// the files this process wrote last, compressed and not: a print pack
// reads each file's streams back just after it is written, and finds
// them here rather than inflating what was just deflated (some 40
// instructions a byte, as many as deflating it: a flyer's object stream
// took 425,000). A stream is found by its compressed bytes, compared
// whole, so what is found is what inflating them gives.
var recentStreams = &streamMemo{}

// streamMemo keeps up to memoStreams recent streams (a file's object
// stream and cross-reference stream), and no more than memoBytes of them
// (a flyer's are some 12 KB, both forms): more than the documents a
// build has in flight between its workers and the pack (4 a worker and
// 4, bench/run's 2 workers 12, and the 2 being made). At 2 MB they were
// 1-1.7 MB of the 15-24 MB live in a build of flyers; 256 KB still found
// every material's streams of 1,000 English or Arabic flyers at --jobs 2
// (2,000 of 2,000); 768 KB leaves room for documents three times a
// flyer's size, or twice the workers.
type streamMemo struct {
	mu      sync.Mutex
	seed    maphash.Seed
	entries [memoStreams]memoEntry
	next    int // the entry written next: the oldest
	bytes   int
	reused  int // streams findCompressed found
}

type memoEntry struct {
	sum, dataSum uint64 // of z, of data
	z, data      []byte
	// fixed: z was compressed with deflate's fixed codes (a
	// cross-reference stream, cidfont.AppendFixedZlib), not as
	// findCompressed gives.
	fixed bool
}

const (
	memoStreams = 128
	memoBytes   = 768 << 10
	memoLargest = 128 << 10 // a larger stream is not kept
)

// keep remembers data, compressed as z by cidfont.AppendDeflate (fast);
// it copies both, into the arrays of the oldest entry when they are
// about the size.
func (m *streamMemo) keep(z, data []byte) { m.keepAs(z, data, false) }

// keepFixed is keep for data compressed by cidfont.AppendFixedZlib:
// find finds it, findCompressed does not.
func (m *streamMemo) keepFixed(z, data []byte) { m.keepAs(z, data, true) }

func (m *streamMemo) keepAs(z, data []byte, fixed bool) {
	need := len(z) + len(data)
	if need > memoLargest {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.keepLocked(z, data, fixed)
}

// keepLocked is keepAs, with m.mu held.
func (m *streamMemo) keepLocked(z, data []byte, fixed bool) {
	if m.seed == (maphash.Seed{}) {
		m.seed = maphash.MakeSeed()
	}
	e := &m.entries[m.next]
	zb, db := e.z[:0], e.data[:0]
	m.drop(e)
	if cap(zb) > 2*len(z)+4096 {
		zb = nil
	}
	if cap(db) > 2*len(data)+4096 {
		db = nil
	}
	e.sum, e.dataSum = maphash.Bytes(m.seed, z), maphash.Bytes(m.seed, data)
	e.z = append(zb, z...)
	e.data = append(db, data...)
	e.fixed = fixed
	m.bytes += cap(e.z) + cap(e.data)
	// The oldest entries after it make room while the whole is over
	// memoBytes (counted by the arrays' capacities: what is held).
	for i := 1; i < memoStreams && m.bytes > memoBytes; i++ {
		m.drop(&m.entries[(m.next+i)%memoStreams])
	}
	m.next = (m.next + 1) % memoStreams
}

// drop forgets entry e.
func (m *streamMemo) drop(e *memoEntry) {
	m.bytes -= cap(e.z) + cap(e.data)
	e.z, e.data = nil, nil
}

// find appends to dst the stream whose compressed bytes are z, if it is
// kept, and reports whether it is.
func (m *streamMemo) find(dst, z []byte) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seed == (maphash.Seed{}) {
		return dst, false
	}
	sum := maphash.Bytes(m.seed, z)
	for i := range m.entries {
		e := &m.entries[i]
		if e.sum == sum && len(e.z) > 0 && bytes.Equal(e.z, z) {
			return append(dst, e.data...), true
		}
	}
	return dst, false
}

// findCompressed appends to dst the compressed form of the stream whose
// uncompressed bytes are data, if it is kept, and reports whether it is.
// What is found is what compressing data gives: every stream kept was
// compressed the same way (AppendDeflate, fast), and is found by all of
// its bytes. A stream found among the older entries is kept anew as the
// newest (and forgotten where it was), so that one that documents keep
// finding stays while other streams come and go.
func (m *streamMemo) findCompressed(dst, data []byte) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seed == (maphash.Seed{}) {
		return dst, false
	}
	sum := maphash.Bytes(m.seed, data)
	for i := range m.entries {
		e := &m.entries[i]
		if e.dataSum != sum || len(e.z) == 0 || e.fixed || !bytes.Equal(e.data, data) {
			continue
		}
		dst = append(dst, e.z...)
		m.reused++
		if age := (m.next - 1 - i + memoStreams) % memoStreams; age >= memoRenew {
			m.renew(i)
		}
		return dst, true
	}
	return dst, false
}

// renew makes entry i the newest: it moves into the place of the
// oldest, which is forgotten, and its own place is left empty. Its
// arrays move with it: copied into the oldest's place (keepLocked), a
// stream found again was copied, and its arrays made afresh when the
// oldest's were not about its size, for every flyer (4.4 MB of a
// 1,000-flyer build's garbage).
func (m *streamMemo) renew(i int) {
	if i == m.next {
		// The oldest itself: the place written next becomes the newest.
		m.next = (m.next + 1) % memoStreams
		return
	}
	old := &m.entries[m.next]
	m.drop(old)
	*old, m.entries[i] = m.entries[i], memoEntry{}
	m.next = (m.next + 1) % memoStreams
}

// memoRenew is how many streams may be kept after one that is found
// before it is kept anew: some four flyers' worth.
const memoRenew = 12

// An entry of a cross-reference stream, kept as one int64 (objOffsets):
// > 0 the offset of an object written whole; < 0 an object in an object
// stream, inStream's value; 0 a free entry (object 0).
func inStream(stm, index int) int64 { return -1 - (int64(stm)<<16 | int64(index)) }

// xrefRows writes the rows of a cross-reference stream: W [1 w 2],
// with the PNG Up predictor (each row the difference from the one
// before, which makes offsets that grow slowly mostly zeros).
type xrefRows struct {
	w    int // bytes of the second field
	prev []byte
	// prev8 is prev as a number, its first byte the highest, when a
	// row's fields take 8 bytes or fewer (w <= 5: a file under a
	// terabyte): the row is then made in a few instructions.
	prev8 uint64
}

func newXrefRows(largest int64) *xrefRows {
	w := 1
	for largest >= 1<<(8*w) {
		w++
	}
	n := 1 + w + 2
	return &xrefRows{w: w, prev: make([]byte, n)}
}

// dict appends the cross-reference stream's dictionary up to its
// /Length's value: size objects, the trailer's entries in trailer.
func (x *xrefRows) dict(b []byte, size int, trailer string) []byte {
	b = append(b, "<</Type /XRef /Size "...)
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, " /W [1 "...)
	b = strconv.AppendInt(b, int64(x.w), 10)
	b = append(b, " 2] "...)
	b = append(b, trailer...)
	b = append(b, " /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns "...)
	b = strconv.AppendInt(b, int64(3+x.w), 10)
	return append(b, ">> /Length "...)
}

// appendRow appends entry e (see inStream) as a row. The rows of a pack
// of a thousand flyers are some 76,000, written when nothing else runs:
// made a byte at a time and written one by one to the compressor they
// took some 55 M instructions (callgrind), now about half as many.
func (x *xrefRows) appendRow(b []byte, e int64) []byte {
	var typ uint64
	var f2 int64
	var f3 uint64
	switch {
	case e > 0:
		typ, f2 = 1, e
	case e < 0:
		v := -1 - e
		typ, f2, f3 = 2, v>>16, uint64(v&0xFFFF)
	default:
		f3 = 0xFFFF
	}
	n := 1 + x.w + 2
	if n > 8 {
		return x.appendLongRow(b, byte(typ), f2, f3)
	}
	// The row's fields as one number, the type in its highest byte, and
	// its difference from the row before taken byte by byte (modulo
	// 256, without borrows between bytes).
	row := typ<<(8*(n-1)) | (uint64(f2)&(1<<(8*x.w)-1))<<16 | f3
	const high = 0x8080808080808080
	d := ((row | high) - (x.prev8 &^ high)) ^ ((row ^ ^x.prev8) & high)
	x.prev8 = row
	var be [8]byte
	binary.BigEndian.PutUint64(be[:], d<<(64-8*n))
	b = append(b, 2) // Up
	return append(b, be[:n]...)
}

// appendLongRow is appendRow for a second field of more than 5 bytes.
func (x *xrefRows) appendLongRow(b []byte, typ byte, f2 int64, f3 uint64) []byte {
	var raw [12]byte
	raw[0] = typ
	for i := x.w; i >= 1; i-- {
		raw[i] = byte(f2)
		f2 >>= 8
	}
	raw[x.w+1], raw[x.w+2] = byte(f3>>8), byte(f3)
	b = append(b, 2) // Up
	for i := range x.prev {
		b = append(b, raw[i]-x.prev[i])
	}
	copy(x.prev, raw[:len(x.prev)])
	return b
}

// reset starts the rows again from the first.
func (x *xrefRows) reset() { clear(x.prev); x.prev8 = 0 }

// xrefChunk is how many bytes of rows are made before they are handed
// to the compressor: one call a row cost more than the row.
const xrefChunk = 4 << 10

// appendXrefStream appends the cross-reference stream of a file whose
// objects are entries (entries[0] for object 0), written at offset at as
// the last object, number len(entries): entries gets its own entry.
// The rows and their compressed form are made in *tmp, when it is not
// nil, whose array the caller keeps for the next file (they were a
// fiftieth of what drawing a flyer asked for).
func appendXrefStream(b []byte, entries []int64, at int64, trailer string, tmp *[]byte) []byte {
	num := len(entries)
	x := newXrefRows(max(at, int64(num)))
	var rows appendWriter
	if tmp != nil {
		rows.b = (*tmp)[:0]
	}
	for _, e := range entries {
		rows.b = x.appendRow(rows.b, e)
	}
	rows.b = x.appendRow(rows.b, at)
	b = strconv.AppendInt(b, int64(num), 10)
	b = append(b, " 0 obj\n"...)
	b = x.dict(b, num+1, trailer)
	// The compressed rows follow the rows in the same array.
	all := cidfont.AppendFixedZlib(rows.b, rows.b)
	z := all[len(rows.b):]
	if tmp != nil {
		*tmp = all[:0]
	}
	recentStreams.keepFixed(z, rows.b)
	b = strconv.AppendInt(b, int64(len(z)), 10)
	b = append(b, ">>\nstream\n"...)
	b = append(b, z...)
	b = append(b, "\nendstream\nendobj\nstartxref\n"...)
	b = strconv.AppendInt(b, at, 10)
	return append(b, "\n%%EOF\n"...)
}

// appendWriter is an io.Writer that appends to b.
type appendWriter struct{ b []byte }

func (a *appendWriter) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}

// writeXrefStream writes, through out, the cross-reference stream of
// the packer's file as object num at offset at. The dictionary gives
// the compressed length first: the entries are compressed once into
// memory when that comes to at most xrefInMemory bytes (a pack of a
// thousand flyers: 48 KB), else read twice (each), once to learn the
// length and once to write them, so that they are never all held.
func writeXrefStream(out *countWriter, num int, at int64, each func(func(n int, e int64)) error, trailer string, zw *zlib.Writer) error {
	x := newXrefRows(max(at, int64(num)))
	rows := make([]byte, 0, xrefChunk+16)
	pass := func(w io.Writer) error {
		x.reset()
		zw.Reset(w)
		var werr error
		rows = rows[:0]
		err := each(func(_ int, e int64) {
			rows = x.appendRow(rows, e)
			if len(rows) >= xrefChunk {
				if werr == nil {
					_, werr = zw.Write(rows)
				}
				rows = rows[:0]
			}
		})
		if err == nil && werr == nil && len(rows) > 0 {
			_, werr = zw.Write(rows)
		}
		if err == nil {
			err = werr
		}
		if err == nil {
			err = zw.Close()
		}
		return err
	}
	kept := &cappedBuffer{limit: xrefInMemory}
	if err := pass(kept); err != nil {
		return err
	}
	b := strconv.AppendInt(nil, int64(num), 10)
	b = append(b, " 0 obj\n"...)
	b = x.dict(b, num+1, trailer)
	b = strconv.AppendInt(b, kept.n, 10)
	b = append(b, ">>\nstream\n"...)
	out.write(b)
	start := out.n
	if kept.over {
		if err := pass(writerOf{out}); err != nil {
			return err
		}
	} else {
		out.write(kept.b)
	}
	if out.err == nil && out.n-start != kept.n {
		return fmt.Errorf("merge: the cross-reference stream came out %d bytes, then %d", kept.n, out.n-start)
	}
	b = append(b[:0], "\nendstream\nendobj\nstartxref\n"...)
	b = strconv.AppendInt(b, at, 10)
	out.write(append(b, "\n%%EOF\n"...))
	return out.err
}

// xrefInMemory is the most of a pack's compressed cross-reference
// stream held in memory to be written once (see writeXrefStream). A
// pack of ten thousand flyers (487 KB of it) is compressed twice rather
// than hold half a megabyte more at the end of the build, where its
// peak memory is near the 60 MB that builds of any size stay under.
var xrefInMemory = 256 << 10

// cappedBuffer keeps what is written to it while that is at most limit
// bytes, and counts all of it.
type cappedBuffer struct {
	b     []byte
	n     int64
	limit int
	over  bool
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	if !c.over && len(c.b)+len(p) > c.limit {
		c.over, c.b = true, nil
	}
	if !c.over {
		c.b = append(c.b, p...)
	}
	return len(p), nil
}

// writerOf lets a countWriter be an io.Writer.
type writerOf struct{ c *countWriter }

func (w writerOf) Write(p []byte) (int, error) {
	w.c.write(p)
	return len(p), w.c.err
}

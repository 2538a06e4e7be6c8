package batch

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/output"
)

// records holds what happened to each output of a build. An output's
// record is held in memory while the output is in progress (hot); once
// it is final (handed to the pack, in plan order) it is written to a
// scratch file beside the manifest and read back, a chunk at a time,
// when the pack's cover sheet, the index page, the manifest or the
// report asks for it. Memory keeps a byte of status and the record's
// place in the file for each output: a build of ten thousand holds some
// 90 KB for them, not the 2 MB of the records themselves.
//
// Without a scratch file (a dry run writes nothing; or the file could
// not be made) every record stays in memory, as before.
type records struct {
	mu     sync.Mutex
	hot    map[int]*record // outputs in progress, or not yet written
	status []uint8         // the status of a record written, as statusCode
	at     []int64         // where record i starts in the file, +1; 0 when not written
	errs   map[int]error   // the error of a record written, when it has one

	f       *os.File // nil: records are never written
	broken  bool     // the file could not be written: records stay in memory
	closed  bool     // by close: the records written are gone
	path    string   // the scratch file's name, "" once removed
	wbuf    []byte   // records not yet written to the file, from wAt
	wAt     int64    // the file's length
	rd      reader   // for get
	readErr error    // the first record that could not be read back
}

// A reader reads records back from the file a chunk at a time, for one
// goroutine that asks for them in order. The cover sheet, the index page
// and the manifest each have one: with one chunk between them, two
// reading at once would each read a chunk again for every record.
type reader struct {
	buf  []byte // a chunk of the file read back, from at
	at   int64
	size int // of a chunk; 0 for recordChunk
}

// reader is a reader of its own, for a goroutine that reads records
// while others do. Its chunks are of readerChunk bytes: the index page
// and the manifest read theirs while the pack's cover sheet is made,
// when a build of ten thousand is nearest its peak of memory.
func (r *records) reader() *reader { return &reader{size: readerChunk} }

// readerChunk is how much of the file a reader of its own reads at a
// time: some eighty records.
const readerChunk = 8 << 10

// recordChunk is how much of the file is written or read at a time.
const recordChunk = 32 << 10

// statusCodes numbers the statuses, for the byte memory keeps.
var statusCodes = []Status{"", Made, Unchanged, Failed, Skipped, Gathered, New, Changed}

func statusCode(s Status) uint8 {
	for i, c := range statusCodes {
		if c == s {
			return uint8(i)
		}
	}
	panic("batch: unknown status " + string(s)) // never: the statuses are the constants above
}

// newRecords holds the records of n outputs, written to a scratch file
// beside scratchBeside (a file the build writes), or kept in memory when
// scratchBeside is "".
func newRecords(n int, scratchBeside string) *records {
	r := &records{hot: map[int]*record{}, status: make([]uint8, n), at: make([]int64, n), errs: map[int]error{}}
	if scratchBeside != "" {
		r.open(scratchBeside)
	}
	return r
}

// open makes the scratch file. On systems that allow it the file is
// removed at once and read through the open handle, so nothing is left
// behind whatever becomes of the process; elsewhere it is removed when
// the records are no longer used (a build killed before leaves it for
// the next build's cleanTemp).
func (r *records) open(beside string) {
	f, err := output.Scratch(beside)
	if err != nil {
		return // kept in memory
	}
	r.f, r.path = f, f.Name()
	if os.Remove(r.path) == nil {
		r.path = ""
	}
	// Report.Close closes it; else the collector does, once the report
	// is dropped.
	runtime.AddCleanup(r, func(c scratchFile) { c.f.Close(); c.remove() }, scratchFile{f, r.path})
}

// close closes the scratch file (and removes it, where it could not be
// removed when it was made); the records written are then gone.
func (r *records) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil || r.closed {
		return
	}
	r.closed = true
	r.f.Close()
	scratchFile{path: r.path}.remove()
}

// scratchFile is what the cleanup of records closes and removes.
type scratchFile struct {
	f    *os.File
	path string
}

func (c scratchFile) remove() {
	if c.path != "" {
		os.Remove(c.path)
	}
}

// hotRecord is output i's record, to be filled in: the output is in
// progress, and one goroutine writes it.
func (r *records) hotRecord(i int) *record {
	r.mu.Lock()
	defer r.mu.Unlock()
	rec, ok := r.hot[i]
	if !ok {
		rec = &record{fonts: -1}
		if r.at[i] != 0 {
			// Written already (a record set again: the build was
			// stopped): start from it.
			got := r.readLocked(&r.rd, i)
			rec = &got
			r.at[i] = 0
		}
		r.hot[i] = rec
	}
	return rec
}

// set makes rec output i's record.
func (r *records) set(i int, rec record) { *r.hotRecord(i) = rec }

// get is output i's record.
func (r *records) get(i int) record { return r.getWith(&r.rd, i) }

// getWith is get, reading with rd.
func (r *records) getWith(rd *reader, i int) record {
	r.mu.Lock()
	defer r.mu.Unlock()
	if rec, ok := r.hot[i]; ok {
		return *rec
	}
	if r.at[i] == 0 {
		return record{fonts: -1}
	}
	return r.readLocked(rd, i)
}

// statusOf is output i's status, without reading its record back.
func (r *records) statusOf(i int) Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	if rec, ok := r.hot[i]; ok {
		return rec.status
	}
	return statusCodes[r.status[i]&statusMask]
}

// hasFile reports whether output i has a file from this build on disk.
func (r *records) hasFile(i int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if rec, ok := r.hot[i]; ok {
		return rec.has
	}
	return r.status[i]&hasBit != 0
}

// left is what the layout left out of output i for room (record.left).
func (r *records) left(i int) string {
	r.mu.Lock()
	has := r.status[i]&leftBit != 0
	r.mu.Unlock()
	if !has {
		if rec, ok := r.hotLookup(i); ok {
			return rec.left
		}
		return ""
	}
	return r.get(i).left
}

func (r *records) hotLookup(i int) (record, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rec, ok := r.hot[i]
	if !ok {
		return record{}, false
	}
	return *rec, true
}

// The byte memory keeps of a record written: its status's code and
// whether it has a file and a note of what was left out.
const (
	statusMask = 0x0f
	leftBit    = 0x40
	hasBit     = 0x80
)

// done says output i's record is final: it is written to the file and
// memory keeps its status. Without a file, or once the file could not
// be written, it stays in memory.
func (r *records) done(i int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rec, ok := r.hot[i]
	if !ok || r.f == nil || r.broken || r.closed {
		return
	}
	start := len(r.wbuf)
	r.wbuf = append(r.wbuf, 0, 0, 0, 0)
	r.wbuf = appendRecord(r.wbuf, rec)
	binary.LittleEndian.PutUint32(r.wbuf[start:], uint32(len(r.wbuf)-start-4))
	r.at[i] = r.wAt + int64(start) + 1
	r.status[i] = statusCode(rec.status)
	if rec.has {
		r.status[i] |= hasBit
	}
	if rec.left != "" {
		r.status[i] |= leftBit
	}
	if rec.err != nil {
		r.errs[i] = rec.err
	} else {
		delete(r.errs, i)
	}
	delete(r.hot, i)
	if len(r.wbuf) >= recordChunk {
		r.flushLocked()
	}
}

// flushLocked writes the records waiting in wbuf to the file. When they
// cannot be written (a full disk) they stay in wbuf, where they are
// read back from, and the records after them stay in memory.
func (r *records) flushLocked() {
	if _, err := r.f.WriteAt(r.wbuf, r.wAt); err != nil {
		r.broken = true
		return
	}
	r.wAt += int64(len(r.wbuf))
	r.wbuf = r.wbuf[:0]
}

// readLocked reads back output i's record, written to the file (or
// waiting in wbuf): from the chunk read last when it holds it, else
// from a new chunk that starts with it. A record that cannot be read
// back is a failed output (and readErr says why): the manifest is then
// not written. The chunk is rd's.
func (r *records) readLocked(rd *reader, i int) record {
	off := r.at[i] - 1
	var body []byte
	switch {
	case off >= r.wAt:
		body = r.wbuf[off-r.wAt:]
	case rd.buf != nil && off >= rd.at && off+4 <= rd.at+int64(len(rd.buf)):
		body = rd.buf[off-rd.at:]
	default:
		if rd.buf == nil {
			size := rd.size
			if size == 0 {
				size = recordChunk
			}
			rd.buf = make([]byte, size)
		}
		rd.buf = rd.buf[:min(int64(cap(rd.buf)), r.wAt-off)]
		rd.at = off
		if _, err := r.f.ReadAt(rd.buf, off); err != nil {
			rd.buf = nil
			return r.unreadable(i, err)
		}
		body = rd.buf
	}
	n := int64(binary.LittleEndian.Uint32(body))
	if 4+n > int64(len(body)) {
		// Longer than a chunk: read on its own.
		long := make([]byte, 4+n)
		if _, err := r.f.ReadAt(long, off); err != nil {
			return r.unreadable(i, err)
		}
		body = long
	}
	rec, err := decodeRecord(body[4 : 4+n])
	if err != nil {
		return r.unreadable(i, err)
	}
	rec.err = r.errs[i]
	return rec
}

func (r *records) unreadable(i int, err error) record {
	err = fmt.Errorf("the build's record of output %d cannot be read back from its scratch file: %w", i+1, err)
	if r.readErr == nil {
		r.readErr = err
	}
	return record{status: Failed, reason: err.Error(), err: err, fonts: -1}
}

// failure is the first error reading a record back, if any.
func (r *records) failure() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.readErr
}

// appendRecord encodes rec (without its error, which memory keeps).
func appendRecord(b []byte, rec *record) []byte {
	var flags byte
	if rec.has {
		flags = 1
	}
	b = append(b, flags, statusCode(rec.status))
	b = binary.AppendVarint(b, int64(rec.fonts))
	b = binary.AppendVarint(b, int64(rec.pages))
	b = binary.AppendVarint(b, rec.size)
	b = binary.AppendVarint(b, rec.mtime)
	b = append(b, rec.sha[:]...)
	b = append(b, rec.key[:]...)
	b = appendString(b, rec.reason)
	b = appendString(b, rec.left)
	b = binary.AppendUvarint(b, uint64(len(rec.also)))
	for _, p := range rec.also {
		b = appendString(b, p.File)
		b = appendString(b, p.SHA256)
		b = binary.AppendVarint(b, p.Bytes)
		b = binary.AppendVarint(b, p.ModTime)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errBadRecord = errors.New("damaged record")

// decodeRecord is appendRecord's inverse.
func decodeRecord(b []byte) (record, error) {
	var rec record
	d := decoder{b: b}
	flags, code := d.byte(), d.byte()
	if int(code) >= len(statusCodes) {
		return rec, errBadRecord
	}
	rec.has, rec.status = flags&1 != 0, statusCodes[code]
	rec.fonts = int32(d.varint())
	rec.pages = int32(d.varint())
	rec.size = d.varint()
	rec.mtime = d.varint()
	copy(rec.sha[:], d.bytes(sha256.Size))
	copy(rec.key[:], d.bytes(sha256.Size))
	rec.reason = d.string()
	rec.left = d.string()
	if n := d.uvarint(); n > 0 && n <= uint64(len(b)) {
		rec.also = make([]manifest.Part, n)
		for k := range rec.also {
			p := &rec.also[k]
			p.File, p.SHA256 = d.string(), d.string()
			p.Bytes, p.ModTime = d.varint(), d.varint()
		}
	}
	if d.bad || len(d.b) != 0 {
		return record{}, errBadRecord
	}
	return rec, nil
}

// decoder reads what appendRecord wrote; bad says it ran short.
type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) byte() byte {
	if len(d.b) < 1 {
		d.bad = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) bytes(n int) []byte {
	if len(d.b) < n {
		d.bad = true
		return nil
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.bad = true
		return ""
	}
	return string(d.bytes(int(n)))
}

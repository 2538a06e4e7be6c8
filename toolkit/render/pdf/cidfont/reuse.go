package cidfont

// spares keeps a few values for reuse between documents: the compressors
// and the file-sized buffers that every document needs once, at Output.
// Unlike a sync.Pool it is not emptied by the collector (a build
// collects every few documents, and a compressor costs hundreds of KB to
// make), and it is bounded: it keeps at most as many values as it has
// room for, which is more than the documents written at once.
type spares[T any] struct {
	c     chan T
	fresh func() T
}

func newSpares[T any](n int, fresh func() T) *spares[T] {
	return &spares[T]{c: make(chan T, n), fresh: fresh}
}

// get returns a kept value, or a new one.
func (s *spares[T]) get() T {
	select {
	case v := <-s.c:
		return v
	default:
		return s.fresh()
	}
}

// put keeps v for the next get, unless there is no room left.
func (s *spares[T]) put(v T) {
	select {
	case s.c <- v:
	default:
	}
}

// maxSpareBuffer is the largest buffer kept: a one-page flyer's file is
// some 20-45 KB, a poster's a little more; an exceptional document's
// buffer goes to the collector rather than being held for the process.
const maxSpareBuffer = 1 << 20

// spareBuffers are byte slices as long as a document's file.
var spareBuffers = newSpares(8, func() []byte { return nil })

// getBuffer returns an empty slice to append a file to.
func getBuffer() []byte { return spareBuffers.get()[:0] }

// putBuffer keeps b's array for another document, unless it is too large.
func putBuffer(b []byte) {
	if cap(b) <= maxSpareBuffer {
		spareBuffers.put(b[:0])
	}
}

// Buffer returns an empty slice, with room for a document's file when
// one was given back (Recycle), to append a file to: the PDF writer's
// copies of the file it adds the structure to come from the same spares
// as the glyph writer's.
func Buffer() []byte { return getBuffer() }

// Recycle gives back a slice that Buffer returned, or any the caller no
// longer uses, for another document's file: b must not be used after.
func Recycle(b []byte) { putBuffer(b) }

package cidfont

import (
	"bytes"
	"encoding/binary"
)

// A page's content stream is compressed in pieces, each on its own (as
// if nothing came before it) and ended by a sync flush, so that the
// pieces' deflate data, one after the other, is the deflate stream of
// the whole. A build draws the same page for one audience on flyer
// after flyer, with the same codes for the same text (newCID), and what
// differs (the organisation's name and contacts) stands at the top and
// at the foot of the page. So a page is cut in three: a head, what is
// drawn first up to headSize bytes or a little more; a tail, what is
// drawn last from tailSize bytes before the end or a little less; and
// the middle. Each worker keeps the pieces it compressed lately
// (chunkCache) and writes a piece met again from them. A piece's data
// is the same whether it was found or compressed afresh, so a file does
// not depend on which documents came before it.
//
// Compressing a flyer's page was some 7% of a build of English flyers
// (550,000 instructions a flyer, most of them whatever its length); a
// piece costs some 100,000 instructions whatever its length too, and
// some 60-100 bytes, so a page is cut only where it is long enough
// (minChunked), and only in three.
//
// The tail also holds at least the last tailSequences marked-content
// sequences, if they end within longTail bytes of the end: a
// right-to-left line takes twice the bytes of a left-to-right one (each
// glyph is placed with a number of its own, see rtlGroup), so in an
// Arabic flyer the heading that names the organisation above its
// number ("local help listed by …") ended 1,789 bytes from the end,
// outside tailSize, and the middle, 20-26 KB, differed from flyer to
// flyer and was compressed afresh in every one. An English or Punjabi
// flyer's tail of tailSize bytes holds 6 sequences or more, so it is
// cut where it was.
const (
	headSize      = 512
	tailSize      = 1280
	tailSequences = 6
	longTail      = 3072
	minChunked    = 4096
)

// emcLine ends a marked-content sequence in a page's content stream:
// pieces end after one.
var emcLine = []byte("\nEMC\n")

// cuts returns where data's pieces end, in order (the last is
// len(data)), appended to cut[:0]. The head ends with the first
// marked-content sequence that ends headSize bytes or more from the
// start; the tail starts after the first that ends within tailSize
// bytes of the end, or earlier, where the tail holds the last
// tailSequences sequences within longTail bytes. So a change in the
// length of the head or the tail moves no cut unless a sequence ends
// within the change of the mark.
func cuts(data []byte, cut []int) []int {
	cut = cut[:0]
	if len(data) < minChunked {
		return append(cut, len(data))
	}
	head := len(data)
	if i := bytes.Index(data[headSize-len(emcLine):], emcLine); i >= 0 {
		head = headSize - len(emcLine) + i + len(emcLine)
	}
	cut = append(cut, head)
	if head == len(data) {
		return cut
	}
	tail := len(data)
	from := max(head, len(data)-tailSize-len(emcLine))
	if i := bytes.Index(data[from:], emcLine); i >= 0 && from+i+len(emcLine) < len(data) {
		tail = from + i + len(emcLine)
	}
	if t := sequencesFromEnd(data, tailSequences); t > head && t < tail && len(data)-t <= longTail {
		tail = t
	}
	if tail < len(data) {
		cut = append(cut, tail)
	}
	return append(cut, len(data))
}

// sequencesFromEnd is where the last n marked-content sequences of data
// start: just after the end of the one before them, -1 if there are not
// n+1 of them.
func sequencesFromEnd(data []byte, n int) int {
	end := len(data)
	for range n + 1 {
		i := bytes.LastIndex(data[:end], emcLine)
		if i < 0 {
			return -1
		}
		end = i
	}
	return end + len(emcLine)
}

// fixedPiece is the longest piece compressed with deflate's fixed codes
// (fixedDeflater) rather than a table of its own: a page's head, some
// 515-1,100 bytes with the organisation's name, compressed afresh in
// every flyer. In a build of 250 English flyers its 255 pieces of 1 KB
// or less came to 81,522 bytes at 73,000 instructions each with
// klauspost's fastest level, and to 93,495 bytes (47 more a flyer) at
// 30,000 with the fixed codes (replayed under callgrind); the longer
// pieces, a tenth to a quarter larger with the fixed codes, keep
// klauspost's.
const fixedPiece = 1024

// finalEmptyBlock is a last deflate block with nothing in it (fixed
// codes, then the end of the block): what ends the stream after the
// pieces' sync flushes.
var finalEmptyBlock = []byte{0x03, 0x00}

// deflateChunked returns data zlib-compressed piece by piece (see
// headSize), in a buffer reused by the next call: the zlib header of
// the fastest level, each piece's deflate data, kept or made afresh,
// an empty last block, and the Adler-32 checksum of data.
func (w *Writer) deflateChunked(data []byte) []byte {
	if w.chunks == nil {
		w.chunks = newChunkCache()
	}
	z := append(w.zbuf.Bytes()[:0], 0x78, 0x01)
	w.cut = cuts(data, w.cut)
	at := 0
	// The checksum of data, from its pieces': a piece found brings its
	// own, and the page's middle, most of its bytes, is not summed
	// again in every flyer.
	sum := uint32(1)
	for _, end := range w.cut {
		piece := data[at:end]
		at = end
		if e := w.chunks.get(piece); e != nil {
			z = append(z, e.data...)
			sum = adlerJoin(sum, e.sum, len(piece))
			continue
		}
		pieceSum := adlerSum(1, piece)
		sum = adlerJoin(sum, pieceSum, len(piece))
		from := len(z)
		if len(piece) <= fixedPiece {
			d := fixedDeflaters.get()
			z = d.deflate(z, piece, false)
			fixedDeflaters.put(d)
		} else {
			a := appender{b: z}
			fw := fastZlibWriters.get()
			fw.Reset(&a)
			// Writes to an appender do not fail.
			_, _ = fw.Write(piece)
			_ = fw.Flush()
			fw.Reset(nil)
			fastZlibWriters.put(fw)
			z = a.b
		}
		w.chunks.put(piece, z[from:], pieceSum)
	}
	z = append(z, finalEmptyBlock...)
	z = binary.BigEndian.AppendUint32(z, sum)
	w.zbuf = *bytes.NewBuffer(z)
	return z
}

// chunkCache is the pieces of page contents a worker compressed lately:
// their deflate data by their bytes. It is bounded (chunkCacheLimit,
// the bytes of the pieces and their data); past it, pieces are let go
// in the order they came, but a piece found since it came or since it
// was last passed over is passed over once (a second chance): the
// pieces every flyer of an audience has stay, those with one
// organisation's name go.
type chunkCache struct {
	m     map[string]*chunkEntry
	order []*chunkEntry // in the order they came, from next on
	next  int
	held  int
}

type chunkEntry struct {
	piece string
	data  []byte
	sum   uint32 // the piece's Adler-32 checksum, as adlerSum(1, piece)
	found bool
}

// chunkCacheLimit bounds a chunkCache: the middles of five audiences'
// English flyers and their data are some 90 KB, of Arabic flyers some
// 180 KB.
const chunkCacheLimit = 256 << 10

// chunkOverhead is about what a kept piece costs besides its bytes.
const chunkOverhead = 64

func newChunkCache() *chunkCache { return &chunkCache{m: make(map[string]*chunkEntry)} }

// get is the entry of piece, nil if it is not kept.
func (c *chunkCache) get(piece []byte) *chunkEntry {
	e := c.m[string(piece)]
	if e != nil {
		e.found = true
	}
	return e
}

// put keeps data, piece's deflate data, and sum, its checksum.
func (c *chunkCache) put(piece, data []byte, sum uint32) {
	size := len(piece) + len(data) + chunkOverhead
	if size > chunkCacheLimit/4 {
		return
	}
	for c.held+size > chunkCacheLimit && c.next < len(c.order) {
		e := c.order[c.next]
		c.order[c.next] = nil
		c.next++
		if e.found {
			e.found = false
			c.order = append(c.order, e)
			continue
		}
		delete(c.m, e.piece)
		c.held -= len(e.piece) + len(e.data) + chunkOverhead
	}
	if c.next > len(c.order)/2 {
		// Move what is left of order down rather than grow it.
		n := copy(c.order, c.order[c.next:])
		clear(c.order[n:])
		c.order, c.next = c.order[:n], 0
	}
	e := &chunkEntry{piece: string(piece), data: bytes.Clone(data), sum: sum}
	c.m[e.piece] = e
	c.order = append(c.order, e)
	c.held += size
}

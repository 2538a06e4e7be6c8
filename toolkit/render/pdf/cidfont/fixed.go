package cidfont

import (
	"encoding/binary"
	"math/bits"
)

// A cross-reference stream is a few hundred bytes of binary rows, most
// of them alike (the PNG Up predictor leaves 02 00 00 00 00 01 for each
// object in an object stream after the one before it), compressed to a
// hundred or so. klauspost/compress's fastest level builds a Huffman
// table of its own for it (some 35,000 instructions for the tables
// whatever the stream's length) and, for these rows, ends up with a
// block no smaller than deflate's fixed codes give. So those streams
// are compressed here, in one block with the fixed codes of RFC 1951
// (3.2.6), matches of four bytes or more found through a hash table: in
// a build of 250 English flyers (under callgrind) the 253 streams took
// 4.7 million instructions instead of 12.8 (klauspost's, replayed), and
// the flyers' 28,174 bytes of them came to 27,372.
// Text (object streams, page contents) compresses a tenth to a quarter
// worse with the fixed codes than with a table of its own, and keeps
// klauspost's, but for the pieces of a page's content of 1 KB or less
// (fixedPiece), where the table costs most.

// fixedDeflater holds the hash table of one compression at a time:
// where the four bytes with each hash were last seen, plus one (0 for
// nowhere).
type fixedDeflater struct {
	table [1 << fixedTableBits]int32
}

// fixedTableBits bounds the table: 16 KB, enough for the rows of
// documents far longer than a flyer. A shorter input takes the part of
// the table its length needs (cleared at each compression).
const fixedTableBits = 12

var fixedDeflaters = newSpares(4, func() *fixedDeflater { return new(fixedDeflater) })

const (
	minMatch   = 4
	maxMatch   = 258
	maxDistant = 32768 // deflate's window
)

// Deflate's length codes 257-285 (RFC 1951, 3.2.5): the first length of
// each and the extra bits after it.
var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

// fixedCodes are the fixed Huffman codes, bit-reversed (deflate sends a
// code's first bit first, and bits are packed from the lowest), with the
// code's length in bits above bit 16: literal/length symbols 0-287 and
// distance symbols 0-29. lengthCode and distCode map a match's length
// (3-258) and distance less one (0-32767, the distances from 257 on by
// their 128ths) to their symbols.
var (
	fixedLitCodes  [288]uint32
	fixedDistCodes [30]uint32
	lengthCode     [maxMatch + 1]uint8
	distCodeNear   [256]uint8
	distCodeFar    [256]uint8
)

func init() {
	for s := range fixedLitCodes {
		var code, n uint32
		switch {
		case s < 144:
			code, n = 0x30+uint32(s), 8
		case s < 256:
			code, n = 0x190+uint32(s-144), 9
		case s < 280:
			code, n = uint32(s-256), 7
		default:
			code, n = 0xc0+uint32(s-280), 8
		}
		fixedLitCodes[s] = bits.Reverse32(code)>>(32-n) | n<<16
	}
	for s := range fixedDistCodes {
		fixedDistCodes[s] = bits.Reverse32(uint32(s))>>(32-5) | 5<<16
	}
	for s, base := range lengthBase {
		for l := int(base); l < int(base)+1<<lengthExtra[s] && l <= maxMatch; l++ {
			lengthCode[l] = uint8(s)
		}
	}
	lengthCode[maxMatch] = 28 // 258 has a code of its own, not 227 + 31
	for s, base := range distBase {
		from, to := int(base)-1, int(base)-1+1<<distExtra[s]
		if to <= 256 {
			for d := from; d < to; d++ {
				distCodeNear[d] = uint8(s)
			}
			continue
		}
		for d := from >> 7; d < to>>7; d++ {
			distCodeFar[d] = uint8(s)
		}
	}
}

// distCode is the distance symbol of a match dist bytes back.
func distCode(dist int) uint8 {
	if dist <= 256 {
		return distCodeNear[dist-1]
	}
	return distCodeFar[(dist-1)>>7]
}

// bitAppender packs codes into bytes, lowest bit first.
type bitAppender struct {
	b    []byte
	acc  uint64
	nacc uint
}

// put appends the n lowest bits of v (n at most 32).
func (w *bitAppender) put(v uint32, n uint) {
	w.acc |= uint64(v) << w.nacc
	w.nacc += n
	if w.nacc >= 32 {
		w.b = binary.LittleEndian.AppendUint32(w.b, uint32(w.acc))
		w.acc >>= 32
		w.nacc -= 32
	}
}

// code appends a code of fixedLitCodes or fixedDistCodes.
func (w *bitAppender) code(c uint32) { w.put(c&0xffff, uint(c>>16)) }

// flush appends the bits left, the last byte padded with zeros.
func (w *bitAppender) flush() {
	for ; w.nacc > 0; w.nacc = max(w.nacc, 8) - 8 {
		w.b = append(w.b, byte(w.acc))
		w.acc >>= 8
	}
	w.acc = 0
}

// hash4 is the table slot of four bytes, for a table of 1<<tableBits.
func hash4(u uint32, tableBits uint) uint32 { return (u * 0x1e35a7bd) >> (32 - tableBits) }

// deflate appends src as one deflate block with the fixed codes: the
// last block of the stream if final, else followed by an empty stored
// block, as a sync flush ends what it wrote (deflateChunked's pieces).
// Each position is looked up by its four bytes; a match found is taken
// whole (greedy), as long as it goes on (up to 258 bytes) and no more
// than 32 KB back.
func (d *fixedDeflater) deflate(dst, src []byte, final bool) []byte {
	tableBits := uint(min(max(bits.Len(uint(len(src))), 6), fixedTableBits))
	table := d.table[:1<<tableBits]
	clear(table)
	w := bitAppender{b: dst}
	if final {
		w.put(1|1<<1, 3) // the last block, fixed codes
	} else {
		w.put(1<<1, 3)
	}
	emitted := 0
	literals := func(to int) {
		for _, c := range src[emitted:to] {
			w.code(fixedLitCodes[c])
		}
	}
	for i := 0; i+minMatch <= len(src); {
		here := binary.LittleEndian.Uint32(src[i:])
		h := hash4(here, tableBits)
		cand := int(table[h]) - 1
		table[h] = int32(i + 1)
		if cand < 0 || i-cand > maxDistant || binary.LittleEndian.Uint32(src[cand:]) != here {
			i++
			continue
		}
		n := minMatch
		for i+n < len(src) && n < maxMatch && src[cand+n] == src[i+n] {
			n++
		}
		literals(i)
		ls := lengthCode[n]
		w.code(fixedLitCodes[257+int(ls)])
		w.put(uint32(n)-uint32(lengthBase[ls]), uint(lengthExtra[ls]))
		dist := i - cand
		ds := distCode(dist)
		w.code(fixedDistCodes[ds])
		w.put(uint32(dist)-uint32(distBase[ds]), uint(distExtra[ds]))
		// The positions inside the match are entered too (a cross-reference
		// row that differs from the one before matches one further back);
		// of a long match, a run of rows alike, only its last few.
		from := i + 1
		i += n
		emitted = i
		if n > 16 {
			from = i - 8
		}
		for p := from; p < i && p+minMatch <= len(src); p++ {
			table[hash4(binary.LittleEndian.Uint32(src[p:]), tableBits)] = int32(p + 1)
		}
	}
	literals(len(src))
	w.code(fixedLitCodes[256]) // the end of the block
	if !final {
		w.put(0, 3) // a stored block, not the last: its length from the next byte
		w.flush()
		return append(w.b, 0, 0, 0xff, 0xff)
	}
	w.flush()
	return w.b
}

// AppendFixedZlib appends data zlib-compressed with deflate's fixed
// codes to dst: for a cross-reference stream's rows (see fixedDeflater).
// The header is fastZlib's, 78 01.
func AppendFixedZlib(dst, data []byte) []byte {
	dst = append(dst, 0x78, 0x01)
	d := fixedDeflaters.get()
	dst = d.deflate(dst, data, true)
	fixedDeflaters.put(d)
	return binary.BigEndian.AppendUint32(dst, adlerSum(1, data))
}

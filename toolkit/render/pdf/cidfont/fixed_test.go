package cidfont

import (
	"bytes"
	stdzlib "compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

// inflatesBack reports what is wrong with z as the zlib stream of data,
// read by the standard library and by klauspost/compress.
func inflatesBack(z, data []byte) error {
	readers := []struct {
		name string
		open func(io.Reader) (io.ReadCloser, error)
	}{
		{"compress/zlib", stdzlib.NewReader},
		{"klauspost zlib", zlib.NewReader},
	}
	for _, r := range readers {
		zr, err := r.open(bytes.NewReader(z))
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		if err := zr.Close(); err != nil {
			return fmt.Errorf("%s: close: %w", r.name, err)
		}
		if !bytes.Equal(got, data) {
			return fmt.Errorf("%s: %d bytes back, not the %d given (first difference at %d)", r.name, len(got), len(data), firstDiff(got, data))
		}
	}
	// A stream of bytes of its own, with nothing after it: a PDF
	// stream's /Length is the length of what AppendFixedZlib appended.
	fr := flate.NewReader(bytes.NewReader(z[2 : len(z)-4]))
	rest, err := io.ReadAll(fr)
	if err != nil || !bytes.Equal(rest, data) {
		return fmt.Errorf("raw deflate data between the header and the checksum: %v", err)
	}
	return nil
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// xrefLikeRows is the rows of a cross-reference stream of n objects as
// appendXrefStream writes them (W [1 2 2], the Up predictor): now and
// then an object written whole at a growing offset, the others in
// object streams one after another.
func xrefLikeRows(rng *rand.Rand, n int) []byte {
	var rows []byte
	prev := make([]byte, 5)
	offset, stm, index := 15, 0, 0
	for i := range n {
		raw := make([]byte, 5)
		switch {
		case i == 0:
			raw[4], raw[3] = 0xff, 0xff
		case rng.IntN(8) == 0:
			offset += 20 + rng.IntN(4000)
			raw[0] = 1
			binary.BigEndian.PutUint16(raw[1:], uint16(offset))
		default:
			if rng.IntN(40) == 0 {
				stm, index = i, 0
			}
			raw[0] = 2
			binary.BigEndian.PutUint16(raw[1:], uint16(stm))
			binary.BigEndian.PutUint16(raw[3:], uint16(index))
			index++
		}
		rows = append(rows, 2)
		for j := range raw {
			rows = append(rows, raw[j]-prev[j])
		}
		prev = raw
	}
	return rows
}

// inputsOf returns inputs of n bytes of several kinds: random bytes, one
// byte repeated, cross-reference rows, PDF-like text, and text with few
// letters (long matches, runs past 258 bytes).
func inputsOf(rng *rand.Rand, n int) map[string][]byte {
	const text = "<</Type /Page /Parent 1 0 R /Contents 4 0 R>>\n12 0 obj [3[348.14] 15[379.88 415.04]] (\xfe\xff\x00a) BT /C1 9 Tf ET\n"
	random, same, pdfText, few := make([]byte, n), bytes.Repeat([]byte{0}, n), make([]byte, n), make([]byte, n)
	for i := range n {
		random[i] = byte(rng.Uint32())
		few[i] = "ab"[rng.IntN(2)]
		if rng.IntN(50) == 0 {
			few[i] = byte(rng.Uint32())
		}
	}
	for i := 0; i < n; {
		at := rng.IntN(len(text))
		i += copy(pdfText[i:], text[at:min(len(text), at+1+rng.IntN(40))])
	}
	rows := xrefLikeRows(rng, n/6+1)[:n]
	return map[string][]byte{"random": random, "zeros": same, "rows": rows, "pdf text": pdfText, "two letters": few}
}

// TestFixedZlibInflatesBack: every length from 0 bytes to past
// fixedPiece, then every seventh and those next to a power of two to
// past the largest table (fixedTableBits), then longer inputs past deflate's
// 32 KB window and the 258-byte matches, of each kind (inputsOf), come
// back whole through both inflaters; and compressing again gives the
// same bytes, whatever was compressed before with the same table.
func TestFixedZlibInflatesBack(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 12))
	sizes := []int{}
	for n := 0; n <= 1<<fixedTableBits+70; n++ {
		if n <= fixedPiece+70 || n%7 == 0 || bits.OnesCount(uint(n-1)) == 1 || bits.OnesCount(uint(n+1)) == 1 || bits.OnesCount(uint(n)) == 1 {
			sizes = append(sizes, n)
		}
	}
	sizes = append(sizes, 16383, 16384, 16385, 32767, 32768, 32769, 32770, 65535, 65536, 65537, 100_003)
	if testing.Short() {
		sizes = append(sizes[:600:600], sizes[len(sizes)-11:]...)
	}
	for _, n := range sizes {
		for kind, data := range inputsOf(rng, n) {
			z := AppendFixedZlib(nil, data)
			if err := inflatesBack(z, data); err != nil {
				t.Fatalf("%d bytes (%s): %v", n, kind, err)
			}
			if again := AppendFixedZlib([]byte("kept"), data); string(again[:4]) != "kept" || !bytes.Equal(again[4:], z) {
				t.Fatalf("%d bytes (%s): compressed again after the table was used, the bytes differ", n, kind)
			}
		}
	}
}

// piecesZlib is the zlib stream of data cut at each of cuts (inside
// data, in order), every piece ended as deflateChunked ends it: with
// the fixed codes where klaus[i] is false, by klauspost's fastest level
// and a sync flush where it is true (data's last piece is klaus[len(cuts)]).
func piecesZlib(data []byte, cuts []int, klaus []bool) []byte {
	z := []byte{0x78, 0x01}
	fw := fastZlibWriters.get()
	defer fastZlibWriters.put(fw)
	d := new(fixedDeflater)
	at := 0
	for i, end := range append(cuts, len(data)) {
		piece := data[at:end]
		at = end
		if !klaus[i] {
			z = d.deflate(z, piece, false)
			continue
		}
		a := appender{b: z}
		fw.Reset(&a)
		fw.Write(piece)
		fw.Flush()
		z = a.b
	}
	z = append(z, finalEmptyBlock...)
	return binary.BigEndian.AppendUint32(z, adlerSum(1, data))
}

// TestFixedPiecesInflateBack: pieces of every length from 0 bytes to
// past fixedPiece, ended by an empty stored block, inflate back alone
// and between pieces compressed by klauspost, as in a page's content
// stream (deflateChunked).
func TestFixedPiecesInflateBack(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(19, 20))
	for n := 0; n <= fixedPiece+70; n++ {
		if testing.Short() && n%7 != 0 {
			continue
		}
		layouts := [][]bool{{false, false, false}}
		if n%5 == 0 {
			layouts = append(layouts, []bool{false, true, false}, []bool{true, false, true})
		}
		for kind, data := range inputsOf(rng, 3*n) {
			cuts := []int{n, 2 * n}
			for _, klaus := range layouts {
				if err := inflatesBack(piecesZlib(data, cuts, klaus), data); err != nil {
					t.Fatalf("three pieces of %d bytes (%s), klauspost's %v: %v", n, kind, klaus, err)
				}
			}
			if err := inflatesBack(piecesZlib(data[:n], nil, []bool{false}), data[:n]); err != nil {
				t.Fatalf("one piece of %d bytes (%s): %v", n, kind, err)
			}
		}
	}
}

// TestFixedZlibFarMatch: a block of bytes met again exactly 32 KB
// after its start is matched there, and one met a byte further is not
// (deflate cannot reach it): both inflate back. Zeros between them keep
// the block's positions in the table.
func TestFixedZlibFarMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	block := make([]byte, 600)
	for i := range block {
		block[i] = byte(1 + rng.IntN(255))
	}
	for _, gap := range []int{maxDistant - len(block) - 1, maxDistant - len(block), maxDistant - len(block) + 1, maxDistant} {
		data := slices.Concat(block, make([]byte, gap), block)
		z := AppendFixedZlib(nil, data)
		if err := inflatesBack(z, data); err != nil {
			t.Errorf("block again %d bytes after its start: %v", len(block)+gap, err)
		}
		// The zeros come to some 250 bytes, the block to 600 or more
		// each time it is not matched.
		if matched := len(z) < 2*len(block); matched != (len(block)+gap <= maxDistant) {
			t.Errorf("block again %d bytes after its start: %d bytes compressed, matched %v", len(block)+gap, len(z), matched)
		}
	}
}

// TestLengthAndDistanceCodes: every match length (3-258) and distance
// (1-32768) has the code whose range holds it, 258 the code of its own
// (285), as RFC 1951 (3.2.5) gives them.
func TestLengthAndDistanceCodes(t *testing.T) {
	for n := 3; n <= maxMatch; n++ {
		c := lengthCode[n]
		if base := int(lengthBase[c]); n < base || n >= base+1<<lengthExtra[c] || (n == 258) != (c == 28) {
			t.Errorf("length %d: code %d (from %d, %d extra bits)", n, 257+int(c), base, lengthExtra[c])
		}
	}
	for d := 1; d <= maxDistant; d++ {
		c := distCode(d)
		if base := int(distBase[c]); d < base || d >= base+1<<distExtra[c] {
			t.Errorf("distance %d: code %d (from %d, %d extra bits)", d, c, base, distExtra[c])
		}
	}
}

// TestFixedZlibRows: the cross-reference rows of real files (flyers of
// a 250-flyer English build and a Punjabi one, and the pack's cover
// sheet, in testdata/xref-rows) come out within a few bytes of what
// klauspost's fastest level makes of them, and no larger in all (the
// reason for the fixed codes, see fixedDeflater).
func TestFixedZlibRows(t *testing.T) {
	names, err := filepath.Glob("testdata/xref-rows/*.bin")
	if err != nil || len(names) == 0 {
		t.Fatalf("no rows in testdata/xref-rows: %v", err)
	}
	fw, _ := flate.NewWriter(nil, flate.BestSpeed)
	var fixedAll, klausAll int
	for _, name := range names {
		rows, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var klaus bytes.Buffer
		fastZlib(&klaus, fw, rows)
		fixed := AppendFixedZlib(nil, rows)
		if err := inflatesBack(fixed, rows); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(fixed) > klaus.Len()+12 {
			t.Errorf("%s (%d bytes): %d bytes with the fixed codes, %d with klauspost's", name, len(rows), len(fixed), klaus.Len())
		}
		fixedAll += len(fixed)
		klausAll += klaus.Len()
	}
	if fixedAll > klausAll {
		t.Errorf("%d files' rows: %d bytes with the fixed codes, %d with klauspost's", len(names), fixedAll, klausAll)
	}
}

// FuzzFixedZlib: any bytes inflate back from AppendFixedZlib, and as
// pieces of a page's content stream, read by the standard library and
// by klauspost/compress.
func FuzzFixedZlib(f *testing.F) {
	rng := rand.New(rand.NewPCG(17, 18))
	for _, n := range []int{0, 1, 3, 4, 5, 258, 300, 1000} {
		for _, data := range inputsOf(rng, n) {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := inflatesBack(AppendFixedZlib(nil, data), data); err != nil {
			t.Fatal(err)
		}
		// The same bytes as two pieces of a page, with a piece of
		// klauspost's between them.
		cuts := []int{len(data) / 3, len(data) / 2}
		if err := inflatesBack(piecesZlib(data, cuts, []bool{false, true, false}), data); err != nil {
			t.Fatalf("in pieces: %v", err)
		}
	})
}

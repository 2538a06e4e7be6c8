package pdf

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

// TestXrefRowsAsBytes: the rows of a cross-reference stream, made as
// one number each, are the rows made a byte at a time: each field
// big-endian, less the row before byte by byte modulo 256 (PNG Up), for
// every width of the offsets' field, free entries, objects written whole
// and in object streams, in any order.
func TestXrefRowsAsBytes(t *testing.T) {
	// byteRows makes the rows as the PDF reference describes them.
	byteRows := func(w int, entries []int64) []byte {
		prev := make([]byte, 1+w+2)
		var out []byte
		for _, e := range entries {
			var typ byte
			var f2 int64
			var f3 int
			switch {
			case e > 0:
				typ, f2 = 1, e
			case e < 0:
				v := -1 - e
				typ, f2, f3 = 2, v>>16, int(v&0xFFFF)
			default:
				f3 = 0xFFFF
			}
			raw := make([]byte, 1+w+2)
			raw[0] = typ
			for i := w; i >= 1; i-- {
				raw[i] = byte(f2)
				f2 >>= 8
			}
			raw[w+1], raw[w+2] = byte(f3>>8), byte(f3)
			out = append(out, 2)
			for i := range raw {
				out = append(out, raw[i]-prev[i])
			}
			prev = raw
		}
		return out
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for w := 1; w <= 7; w++ {
		largest := int64(1)<<(8*w) - 1
		if w == 7 {
			largest = math.MaxInt64 >> 8
		}
		entries := []int64{0, largest, 1, inStream(1, 0), inStream(1, 0xFFFF)}
		for range 2000 {
			switch rng.IntN(3) {
			case 0:
				entries = append(entries, 1+rng.Int64N(largest))
			case 1:
				entries = append(entries, inStream(int(rng.Int64N(min(largest, 1<<31))), rng.IntN(1<<16)))
			default:
				entries = append(entries, 0)
			}
		}
		x := newXrefRows(largest)
		if x.w != w {
			t.Fatalf("largest %d: width %d, want %d", largest, x.w, w)
		}
		var got []byte
		for _, e := range entries {
			got = x.appendRow(got, e)
		}
		if want := byteRows(w, entries); !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("width %d: rows differ at byte %d (row %d)", w, i, i/(w+4))
		}
		x.reset()
		if got := x.appendRow(nil, entries[3]); !bytes.Equal(got, byteRows(w, entries[3:4])) {
			t.Errorf("width %d: after reset, the first row is %x, want %x", w, got, byteRows(w, entries[3:4]))
		}
	}
}

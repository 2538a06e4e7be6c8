package cidfont

import (
	"bytes"
	"hash/adler32"
	"io"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

// TestAdler32: the checksum equals hash/adler32's for lengths around the
// eight-byte steps and the 5,552-byte blocks, for bytes of every value,
// all 0xff (the largest sums), and continued from a sum.
func TestAdler32(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 100, 5551, 5552, 5553, 5559, 5560, 11104, 11105, 40000, 100003} {
		for _, fill := range []string{"random", "ff", "00"} {
			p := make([]byte, n)
			for i := range p {
				switch fill {
				case "random":
					p[i] = byte(rng.Uint32())
				case "ff":
					p[i] = 0xff
				}
			}
			if got, want := adlerSum(1, p), adler32.Checksum(p); got != want {
				t.Errorf("%d bytes (%s): %08x, want %08x", n, fill, got, want)
			}
			h := adler32.New()
			h.Write(p[:n/3])
			h.Write(p[n/3:])
			if got, want := adlerSum(adlerSum(1, p[:n/3]), p[n/3:]), h.Sum32(); got != want {
				t.Errorf("%d bytes (%s) in two parts: %08x, want %08x", n, fill, got, want)
			}
		}
	}
}

// TestAdlerJoin: the checksum of two pieces joined from theirs equals
// hash/adler32's of the whole, for pieces empty, short, past the
// modulus in length (65,521 and more) and of all 0xff, each way round,
// and for a page cut in three as deflateChunked cuts it.
func TestAdlerJoin(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{0, 1, 2, 15, 5552, 65520, 65521, 65522, 131043, 200000} {
		for _, m := range []int{0, 1, 600, 65521, 70000} {
			for _, fill := range []string{"random", "ff"} {
				p := make([]byte, n+m)
				for i := range p {
					p[i] = 0xff
					if fill == "random" {
						p[i] = byte(rng.Uint32())
					}
				}
				a, b := p[:n], p[n:]
				if got, want := adlerJoin(adlerSum(1, a), adlerSum(1, b), len(b)), adler32.Checksum(p); got != want {
					t.Errorf("%d then %d bytes (%s): %08x, want %08x", n, m, fill, got, want)
				}
			}
		}
	}
	page := bytes.Repeat([]byte("/P <</MCID 3>> BDC\nq 0 g BT /C1 9 Tf 12.5 700 Td[(\x00\x01)120(\x00\x02)]TJ ET Q\nEMC\n"), 300)
	sum := uint32(1)
	at := 0
	for _, end := range cuts(page, nil) {
		sum = adlerJoin(sum, adlerSum(1, page[at:end]), end-at)
		at = end
	}
	if want := adler32.Checksum(page); sum != want {
		t.Errorf("a page's pieces: %08x, want %08x", sum, want)
	}
}

// TestFastZlib: the same bytes as klauspost/compress's zlib.Writer at
// BestSpeed, which the documents' streams were compressed with, and a
// stream zlib reads back.
func TestFastZlib(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	fw, _ := flate.NewWriter(nil, flate.BestSpeed)
	for _, n := range []int{0, 1, 300, 5000, 13950, 70000, 300000} {
		p := make([]byte, n)
		for i := range p {
			p[i] = "q 0 0 1 rg BT /C1 9 Tf 12.5 700 Td[<0001>120<0002>]TJ ET Q\n"[rng.IntN(56)]
		}
		var want bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&want, zlib.BestSpeed)
		zw.Write(p)
		zw.Close()
		var got bytes.Buffer
		fastZlib(&got, fw, p)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("%d bytes: %d compressed bytes differ from zlib.Writer's %d", n, got.Len(), want.Len())
		}
	}
}

// TestBestZlibReused: a font program compressed with a best-level
// compressor used before for other programs (kept in bestZlibWriters)
// comes out in the same bytes as with a new one, whatever was compressed
// before it, large or small, and reads back. The quick run's largest
// program is 120 KB, past the 32 KB window, with small ones before and
// after it; AWAREKIT_FULL=1 adds one of 300 KB, which took 60% of the
// test's time (three best-level compressions).
func TestBestZlibReused(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(9, 10))
	program := func(n int) []byte {
		p := make([]byte, n)
		for i := range p {
			if rng.IntN(3) == 0 {
				p[i] = byte(rng.Uint32())
			}
		}
		return p
	}
	sizes := []int{5000, 70000, 1, 0, 4400, 120000, 5024}
	if os.Getenv("AWAREKIT_FULL") == "1" {
		sizes = []int{5000, 70000, 1, 300000, 0, 4400, 120000, 5024}
	}
	for _, n := range sizes {
		p := program(n)
		var want bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&want, zlib.BestCompression)
		zw.Write(p)
		zw.Close()
		var w Writer
		got := w.deflate(p, false)
		if !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%d bytes: %d compressed bytes differ from a new zlib.Writer's %d", n, len(got), want.Len())
		}
		if app := AppendDeflate([]byte("x"), p, false); !bytes.Equal(app[1:], want.Bytes()) || app[0] != 'x' {
			t.Fatalf("%d bytes: AppendDeflate differs from a new zlib.Writer", n)
		}
		zr, err := zlib.NewReader(bytes.NewReader(got))
		if err != nil {
			t.Fatal(err)
		}
		back, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(back, p) {
			t.Fatalf("%d bytes: read back %d bytes, %v", n, len(back), err)
		}
	}
}

package cidfont

import (
	"encoding/binary"
	"io"

	"github.com/klauspost/compress/flate"
)

// fastZlib compresses data at klauspost/compress's fastest level into
// the zlib format, as its zlib.Writer at zlib.BestSpeed does, byte for
// byte: the header 78 01, the deflate stream, and the Adler-32 checksum
// of data, big-endian. The checksum is adler32's: hash/adler32, which
// zlib.Writer uses, takes some 5 instructions a byte, and the page
// contents and object streams of every document (some 25 KB a flyer,
// 55 KB an Arabic one) were checksummed with it: 2% of a build.
func fastZlib(w io.Writer, fw *flate.Writer, data []byte) {
	_, _ = w.Write([]byte{0x78, 0x01})
	fw.Reset(w)
	_, _ = fw.Write(data)
	_ = fw.Close()
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], adlerSum(1, data))
	_, _ = w.Write(sum[:])
}

// adlerSum continues the Adler-32 checksum (RFC 1950) sum over p.
// Sixteen bytes b0…b15 at a time: s1 gains their sum, s2 sixteen times
// s1 and 16·b0 + 15·b1 + … + 1·b15, worked out from two 64-bit words as
// 16-bit lanes (no lane passes 65,535: 255·136 at most), which gives s1
// and s2 exactly as adding byte after byte does, so the sums are reduced
// as often as hash/adler32 reduces them.
func adlerSum(sum uint32, p []byte) uint32 {
	const (
		mod  = 65521
		nmax = 5552 // bytes before s2 could pass 2³² (RFC 1950's NMAX)
		lane = 0x00ff00ff00ff00ff
		ones = 0x0001000100010001
		// The weights of the even and the odd bytes of the first word
		// (b0 b2 b4 b6: 16 14 12 10; b1 b3 b5 b7: 15 13 11 9) and of the
		// second (8 6 4 2; 7 5 3 1), highest lane first, so that the top
		// lane of a lane-wise product is the weighted sum.
		firstEven  = 16<<48 | 14<<32 | 12<<16 | 10
		firstOdd   = 15<<48 | 13<<32 | 11<<16 | 9
		secondEven = 8<<48 | 6<<32 | 4<<16 | 2
		secondOdd  = 7<<48 | 5<<32 | 3<<16 | 1
	)
	s1, s2 := sum&0xffff, sum>>16
	for len(p) > 0 {
		chunk := p
		if len(chunk) > nmax {
			chunk = chunk[:nmax]
		}
		p = p[len(chunk):]
		n := len(chunk) &^ 15
		for i := 0; i < n; i += 16 {
			c := chunk[i : i+16 : i+16]
			x, y := binary.LittleEndian.Uint64(c[:8]), binary.LittleEndian.Uint64(c[8:])
			xe, xo, ye, yo := x&lane, x>>8&lane, y&lane, y>>8&lane
			bytes := (xe + xo + ye + yo) * ones >> 48
			weighted := (xe*firstEven + xo*firstOdd + ye*secondEven + yo*secondOdd) >> 48
			s2 += 16*s1 + uint32(weighted)
			s1 += uint32(bytes)
		}
		for _, b := range chunk[n:] {
			s1 += uint32(b)
			s2 += s1
		}
		s1 %= mod
		s2 %= mod
	}
	return s2<<16 | s1
}

// adlerJoin is the Adler-32 checksum of a and then b, from sum, the
// checksum of a (as adlerSum gives it, from 1), and bSum, that of b
// alone, n bytes long. Over b the first sum gains b's bytes, which are
// bSum's first sum less its start of 1; the second gains, for each
// byte of b, the first sum after it: a's first sum n times, plus what b
// alone adds to its own second sum less the start of 1 counted n times.
func adlerJoin(sum, bSum uint32, n int) uint32 {
	const mod = 65521
	a1, a2 := uint64(sum&0xffff), uint64(sum>>16)
	b1, b2 := uint64(bSum&0xffff), uint64(bSum>>16)
	k := uint64(n) % mod
	s1 := (a1 + b1 + mod - 1) % mod
	s2 := (a2 + k*a1 + b2 + mod - k) % mod
	return uint32(s2<<16 | s1)
}

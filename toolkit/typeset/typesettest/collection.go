// Package typesettest is for tests: it makes font files the way font
// tools do, for the tests of typeset and of the packages that set type
// with it.
package typesettest

import (
	"encoding/binary"
	"testing"
)

// Collection joins TrueType fonts into a collection (.ttc) as font
// tools do: a ttcf header, then each font's table directory and tables,
// with offsets from the start of the file.
func Collection(t testing.TB, fonts ...[]byte) []byte {
	t.Helper()
	n := len(fonts)
	out := []byte("ttcf")
	out = binary.BigEndian.AppendUint32(out, 0x00010000)
	out = binary.BigEndian.AppendUint32(out, uint32(n))
	dirs := make([]int, n)
	offsets := len(out)
	out = append(out, make([]byte, 4*n)...)
	for i, f := range fonts {
		numTables := int(binary.BigEndian.Uint16(f[4:]))
		dirs[i] = len(out)
		binary.BigEndian.PutUint32(out[offsets+4*i:], uint32(len(out)))
		out = append(out, f[:12+16*numTables]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	for i, f := range fonts {
		numTables := int(binary.BigEndian.Uint16(f[4:]))
		for tb := range numTables {
			rec := f[12+16*tb:]
			off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			binary.BigEndian.PutUint32(out[dirs[i]+12+16*tb+8:], uint32(len(out)))
			out = append(out, f[off:off+length]...)
			for len(out)%4 != 0 {
				out = append(out, 0)
			}
		}
	}
	return out
}

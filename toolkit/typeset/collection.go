package typeset

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Font collections (.ttc, .otc) hold several faces that share tables:
// Windows ships Nirmala UI (Gurmukhi, Devanagari) and Microsoft YaHei
// (Chinese) so, and macOS PingFang. The PDF writer embeds one TrueType
// font by glyph ID, so a face is cut out of its collection into a font
// file of its own: the face's table directory with its tables copied
// after it. The tables' bytes are unchanged, so the glyphs are the same.

// Limits on what a collection may declare, far above any real font, so
// a hostile file cannot make the reader allocate without bound.
const (
	maxFaces  = 1024
	maxTables = 256
)

var errNotCollection = errors.New("not a font collection")

// collectionFaces is the number of faces in a collection, or
// errNotCollection.
func collectionFaces(data []byte) (int, error) {
	if len(data) < 12 || string(data[:4]) != "ttcf" {
		return 0, errNotCollection
	}
	n := binary.BigEndian.Uint32(data[8:12])
	if n == 0 || n > maxFaces || 12+4*int(n) > len(data) {
		return 0, fmt.Errorf("the collection declares %d faces, which the file cannot hold", n)
	}
	return int(n), nil
}

// extractFace cuts face i (from 0) out of a collection into a font file
// of its own.
func extractFace(data []byte, i int) ([]byte, error) {
	n, err := collectionFaces(data)
	if err != nil {
		return nil, err
	}
	if i < 0 || i >= n {
		return nil, fmt.Errorf("the collection has %d faces, not a face %d", n, i)
	}
	off := int(binary.BigEndian.Uint32(data[12+4*i:]))
	if off < 0 || off+12 > len(data) {
		return nil, fmt.Errorf("face %d starts past the end of the file", i)
	}
	numTables := int(binary.BigEndian.Uint16(data[off+4:]))
	if numTables == 0 || numTables > maxTables || off+12+16*numTables > len(data) {
		return nil, fmt.Errorf("face %d declares %d tables, which the file cannot hold", i, numTables)
	}
	type table struct {
		record []byte // tag, checksum (the offset and length are rewritten)
		data   []byte
	}
	tables := make([]table, numTables)
	size := 12 + 16*numTables
	for t := range numTables {
		rec := data[off+12+16*t : off+12+16*(t+1)]
		to, tl := int64(binary.BigEndian.Uint32(rec[8:])), int64(binary.BigEndian.Uint32(rec[12:]))
		if to+tl > int64(len(data)) {
			return nil, fmt.Errorf("face %d: table %q lies past the end of the file", i, rec[:4])
		}
		tables[t] = table{record: rec[:8], data: data[to : to+tl]}
		size += (len(tables[t].data) + 3) &^ 3
	}
	out := make([]byte, 0, size)
	out = append(out, data[off:off+12]...) // sfnt version and the search fields
	pos := 12 + 16*numTables
	for _, t := range tables {
		out = append(out, t.record...)
		out = binary.BigEndian.AppendUint32(out, uint32(pos))
		out = binary.BigEndian.AppendUint32(out, uint32(len(t.data)))
		pos += (len(t.data) + 3) &^ 3
	}
	for _, t := range tables {
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, nil
}

package pdf

import (
	"bytes"
	"slices"
	"strconv"
)

// SetSpillAfter makes the packer spill its offsets after n objects, so a
// test of a few files spills many times; the returned function undoes it.
func SetSpillAfter(n int) (undo func()) {
	old := spillAfter
	spillAfter = n
	return func() { spillAfter = old }
}

// Classic is data with every object whole and a classic cross-reference
// table: each object as the packer reads it.
func Classic(data []byte) ([]byte, error) {
	var u unpacker
	out, err := u.classic(data)
	return slices.Clone(out), err
}

// classic returns data when its cross-reference is a classic table, else
// data rewritten with every object whole, as objects reads it, and a
// classic table.
func (u *unpacker) classic(data []byte) ([]byte, error) {
	objs, root, info, err := u.objects(data)
	if err != nil {
		return nil, err
	}
	sx := bytes.LastIndex(data, []byte("startxref"))
	start, _ := parseInt(data, skipSpace(data, sx+len("startxref")))
	if bytes.HasPrefix(data[start:], []byte("xref")) {
		return data, nil
	}
	out := []byte(header)
	offsets := make([]int, len(objs))
	for n, o := range objs {
		if !o.has {
			continue
		}
		offsets[n] = len(out)
		out = strconv.AppendInt(out, int64(n), 10)
		out = append(out, " 0 obj\n"...)
		out = append(out, o.val...)
		out = append(out, "\nendobj\n"...)
	}
	xref := len(out)
	out = append(out, "xref\n0 "...)
	out = strconv.AppendInt(out, int64(len(objs)), 10)
	out = append(out, "\n0000000000 65535 f \n"...)
	for _, off := range offsets[1:] {
		if off == 0 {
			out = append(out, "0000000000 65535 f \n"...)
			continue
		}
		out = appendOffset(out, int64(off))
		out = append(out, " 00000 n \n"...)
	}
	out = append(out, "trailer\n<</Size "...)
	out = strconv.AppendInt(out, int64(len(objs)), 10)
	for _, r := range []struct {
		key string
		n   int
	}{{"/Root", root}, {"/Info", info}} {
		if r.n > 0 {
			out = append(out, ' ')
			out = append(out, r.key...)
			out = append(out, ' ')
			out = strconv.AppendInt(out, int64(r.n), 10)
			out = append(out, " 0 R"...)
		}
	}
	out = append(out, ">>\nstartxref\n"...)
	out = strconv.AppendInt(out, int64(xref), 10)
	out = append(out, "\n%%EOF\n"...)
	return out, nil
}

// ObjStmBytes is the size a pack's object stream is written at.
const ObjStmBytes = objStmBytes

// Looked is how many references p's walks have looked at.
func Looked(p *Packer) int { return p.looked }

// FreshRecentStreams empties the streams kept (recentStreams) until the
// returned function puts back those there were.
func FreshRecentStreams() (undo func()) {
	old := recentStreams
	recentStreams = &streamMemo{}
	return func() { recentStreams = old }
}

// StreamsReused is how many streams were found compressed since
// FreshRecentStreams.
func StreamsReused() int {
	recentStreams.mu.Lock()
	defer recentStreams.mu.Unlock()
	return recentStreams.reused
}

// SetXrefInMemory sets the most of a pack's compressed cross-reference
// stream held in memory until the returned function puts it back.
func SetXrefInMemory(n int) (undo func()) {
	old := xrefInMemory
	xrefInMemory = n
	return func() { xrefInMemory = old }
}

// appendOffset appends off as the ten digits of a cross-reference entry.
func appendOffset(b []byte, off int64) []byte {
	var digits [10]byte
	for i := len(digits) - 1; i >= 0; i-- {
		digits[i] = byte('0' + off%10)
		off /= 10
	}
	return append(b, digits[:]...)
}

// Scanned is how many objects p has read the values of, not finding
// them read in an object stream before.
func Scanned(p *Packer) int { return p.scanned }

// SeenFound is how many objects p found among those it saw before by
// their bytes, without hashing them.
func SeenFound(p *Packer) int { return p.found }

// KeepNoneSeen makes packers keep no object to find by its bytes until
// the returned function puts it back.
func KeepNoneSeen() (undo func()) {
	old := seenBytes
	seenBytes = 0
	return func() { seenBytes = old }
}

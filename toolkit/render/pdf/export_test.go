package pdf

import "slices"

// SetSpillAfter makes the packer spill its offsets after n objects, so a
// test of a few files spills many times; the returned function undoes it.
func SetSpillAfter(n int) (undo func()) {
	old := spillAfter
	spillAfter = n
	return func() { spillAfter = old }
}

// Classic is data with every object whole and a classic cross-reference
// table, as the packer reads a file with object streams.
func Classic(data []byte) ([]byte, error) {
	var u unpacker
	out, err := u.classic(data)
	return slices.Clone(out), err
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

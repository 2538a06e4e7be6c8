package pdf

import (
	"bytes"
	"fmt"
	"testing"
	"unsafe"
)

// miniFile is a PDF as this package writes them: two objects in an
// object stream, and a cross-reference stream.
func miniFile(tag string) []byte {
	s := objStream{num: 3}
	file := []byte(header)
	entries := make([]int64, 4)
	entries[1] = inStream(3, s.add(1, []byte("<</Type /Catalog /Pages 2 0 R /Tag ("+tag+")>>")))
	entries[2] = inStream(3, s.add(2, []byte("<</Type /Pages /Kids [] /Count 0>>")))
	entries[3] = int64(len(file))
	file = s.appendTo(file)
	return appendXrefStream(file, entries, int64(len(file)), "/Root 1 0 R", nil)
}

// TestRecentStreams: a file's object stream and cross-reference stream
// are read back, just after they were written, without inflating them,
// and come out as inflating them gives; what was not written here (or
// was changed since) is inflated.
func TestRecentStreams(t *testing.T) {
	file := miniFile("a")
	var u unpacker
	got, err := u.classic(file)
	if err != nil {
		t.Fatal(err)
	}
	if u.zr != nil {
		t.Error("the packer inflated streams this process had just written")
	}
	saved := recentStreams
	recentStreams = &streamMemo{}
	defer func() { recentStreams = saved }()
	var v unpacker
	want, err := v.classic(file)
	if err != nil {
		t.Fatal(err)
	}
	if v.zr == nil {
		t.Fatal("the streams were not inflated with nothing kept")
	}
	if !bytes.Equal(got, want) {
		t.Errorf("read back from memory:\n%s\ninflated:\n%s", got, want)
	}
	if !bytes.Contains(got, []byte("/Tag (a)")) {
		t.Errorf("the catalog is not read back:\n%s", got)
	}
}

// TestRecentStreamsBounded: the streams kept hold no more than memoBytes
// however many are written, and one is found by all of its bytes.
func TestRecentStreamsBounded(t *testing.T) {
	m := &streamMemo{}
	data := bytes.Repeat([]byte("0123456789abcdef"), 6<<10/16)
	for i := range 2000 {
		z := []byte(fmt.Sprintf("%06d", i))
		z = append(z, data[:(i*37)%len(data)]...)
		m.keep(z, data)
		if m.bytes > memoBytes {
			t.Fatalf("after %d streams, %d bytes kept, over %d", i+1, m.bytes, memoBytes)
		}
	}
	held := 0
	for _, e := range m.entries {
		held += cap(e.z) + cap(e.data)
	}
	if held != m.bytes {
		t.Errorf("entries hold %d bytes, %d counted", held, m.bytes)
	}
	last := append([]byte("001999"), data[:(1999*37)%len(data)]...)
	if got, ok := m.find(nil, last); !ok || !bytes.Equal(got, data) {
		t.Error("the last stream kept is not found")
	}
	last[len(last)-1] ^= 1
	if _, ok := m.find(nil, last); ok {
		t.Error("a stream that differs in one byte was found")
	}
	if _, ok := m.find(nil, []byte("000000")); ok {
		t.Error("the first of 2,000 streams is still kept")
	}
}

// TestFindCompressed: a stream kept is found by all of its uncompressed
// bytes, and gives its compressed ones; one that differs in a byte, or
// is a part of one kept, is not found. A stream found while others are
// kept after it is kept anew, so that it outlives them.
func TestFindCompressed(t *testing.T) {
	m := &streamMemo{}
	data := bytes.Repeat([]byte("<</S /P /K [1 2]>>\n"), 300)
	z := []byte("compressed")
	if _, ok := m.findCompressed(nil, data); ok {
		t.Fatal("found in an empty memo")
	}
	m.keep(z, data)
	got, ok := m.findCompressed([]byte("x"), data)
	if !ok || string(got) != "x"+string(z) {
		t.Fatalf("found %q, %v; want x%q", got, ok, z)
	}
	for _, d := range [][]byte{
		append(bytes.Clone(data[:len(data)-1]), '!'),
		data[:len(data)-1],
		append(bytes.Clone(data), ' '),
	} {
		if got, ok := m.findCompressed(nil, d); ok {
			t.Errorf("a stream of %d bytes found as %q", len(d), got)
		}
	}
	// Other streams come and go; the one found now and then stays.
	for i := range 10 * memoStreams {
		other := append([]byte{byte(i), byte(i >> 8)}, data[:1000]...)
		m.keep(other, other)
		if i%(memoStreams/4) == 0 {
			if _, ok := m.findCompressed(nil, data); !ok {
				t.Fatalf("lost after %d other streams", i+1)
			}
		}
	}
	if m.bytes > memoBytes {
		t.Errorf("%d bytes kept, over %d", m.bytes, memoBytes)
	}
	held := 0
	for _, e := range m.entries {
		held += cap(e.z) + cap(e.data)
	}
	if held != m.bytes {
		t.Errorf("entries hold %d bytes, %d counted", held, m.bytes)
	}
}

// TestFindCompressedRenewsInPlace: a stream found after others were
// kept is kept anew as the newest by moving it, not by copying it into
// arrays made for it, and is still found, with the bytes held counted
// right.
func TestFindCompressedRenewsInPlace(t *testing.T) {
	m := &streamMemo{}
	data := bytes.Repeat([]byte("<</S /P /K [1 2]>>\n"), 300)
	z := []byte("compressed")
	m.keep(z, data)
	for i := range memoRenew {
		other := []byte{'o', byte(i)}
		m.keep(other, other)
	}
	kept := &m.entries[0]
	z0, data0 := unsafe.SliceData(kept.z), unsafe.SliceData(kept.data)
	if _, ok := m.findCompressed(nil, data); !ok {
		t.Fatal("not found")
	}
	newest := &m.entries[(m.next-1+memoStreams)%memoStreams]
	if !bytes.Equal(newest.data, data) {
		t.Fatalf("the stream found is not the newest kept: %.20q is", newest.data)
	}
	if unsafe.SliceData(newest.z) != z0 || unsafe.SliceData(newest.data) != data0 {
		t.Error("the stream found was copied to be kept anew, not moved")
	}
	if got, ok := m.findCompressed(nil, data); !ok || !bytes.Equal(got, z) {
		t.Errorf("found again %q, %v; want %q", got, ok, z)
	}
	held := 0
	for _, e := range m.entries {
		held += cap(e.z) + cap(e.data)
	}
	if held != m.bytes {
		t.Errorf("entries hold %d bytes, %d counted", held, m.bytes)
	}
}

// TestSeenObjectsBounded: the objects kept to be found by their bytes
// hold no more than seenBytes however many are kept; each is found by
// all of its bytes (and not by another object of the same maphash).
func TestSeenObjectsBounded(t *testing.T) {
	var s seenObjects
	obj := func(i int) ([]byte, []byte) {
		return []byte(fmt.Sprintf("<</N %d>>", i)), bytes.Repeat([]byte{byte(i)}, 3000+i%7000)
	}
	for i := range 2000 {
		b, rest := obj(i)
		sum := s.sum(b, rest)
		if _, ok := s.find(sum, b, rest); ok {
			t.Fatalf("object %d found before it was kept", i)
		}
		s.keep(sum, b, rest, int32(i))
		if got, ok := s.find(sum, b, rest); !ok || got != i {
			t.Fatalf("object %d: found %d, %v", i, got, ok)
		}
		if s.bytes > seenBytes {
			t.Fatalf("after %d objects %d bytes kept, more than %d", i+1, s.bytes, seenBytes)
		}
		held := 0
		for _, e := range s.objs {
			held += cap(e.v)
		}
		if held != s.bytes {
			t.Fatalf("after %d objects %d bytes counted, %d held", i+1, s.bytes, held)
		}
		// The same maphash, other bytes: not found.
		other := bytes.Clone(rest)
		other[len(other)-1]++
		if _, ok := s.find(sum, b, other); ok {
			t.Fatalf("object %d found with other bytes", i)
		}
	}
	s.clear()
	b, rest := obj(1999)
	if _, ok := s.find(s.sum(b, rest), b, rest); ok || s.bytes != 0 {
		t.Error("an object found after clear")
	}
}

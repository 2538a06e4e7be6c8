package cidfont

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/klauspost/compress/zlib"
)

// TestToUnicodeKept: a ToUnicode map met again is written from
// keptStreams, the bytes that making it afresh gives, and its
// stream inflates to the map; the streams kept are bounded.
func TestToUnicodeKept(t *testing.T) {
	var entries []sortedCID
	for i := range 60 {
		entries = append(entries, sortedCID{cidEntry: cidEntry{glyphs: fmt.Sprint(i), text: string(rune('a' + i%26)), cid: uint16(3 * i)}})
	}
	cmap := appendToUnicodeCMap(nil, entries)
	var w Writer
	first := w.appendKept([]byte("<<"), cmap)
	if _, ok := keptStreams.m[string(cmap)]; !ok {
		t.Fatal("the map's stream is not kept")
	}
	again := w.appendKept([]byte("<<"), cmap)
	fresh := w.appendStream([]byte("<<"), cmap)
	if !bytes.Equal(first, fresh) || !bytes.Equal(again, fresh) {
		t.Fatalf("kept stream differs from a fresh one:\n%q\n%q\n%q", first, again, fresh)
	}
	i := bytes.Index(again, []byte("stream\n"))
	if !bytes.Contains(again[:i], []byte("/FlateDecode")) {
		t.Fatalf("a map of %d bytes is not compressed: %q", len(cmap), again[:i])
	}
	zr, err := zlib.NewReader(bytes.NewReader(again[i+len("stream\n") : len(again)-len("\nendstream")]))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, cmap) {
		t.Fatalf("the kept stream inflates to other bytes (%v)", err)
	}
	for i := range 3 * keptLimit / len(cmap) {
		w.appendKept(nil, appendToUnicodeCMap(nil, append(entries[:len(entries):len(entries)], sortedCID{cidEntry: cidEntry{glyphs: "x", text: fmt.Sprint(i), cid: 1000}})))
		if held := keptStreams.held; held > keptLimit {
			t.Fatalf("%d bytes kept, over %d", held, keptLimit)
		}
	}
	if n := len(keptStreams.m); n < 2 || n > keptLimit/len(cmap) {
		t.Fatalf("%d streams kept", n)
	}
}

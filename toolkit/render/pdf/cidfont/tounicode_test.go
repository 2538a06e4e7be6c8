package cidfont

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/klauspost/compress/zlib"
)

// TestToUnicodeKept: a ToUnicode map met again is written from
// toUnicodeStreams, the bytes that making it afresh gives, and its
// stream inflates to the map; the streams kept are bounded.
func TestToUnicodeKept(t *testing.T) {
	var entries []cidEntry
	for i := range 60 {
		entries = append(entries, cidEntry{glyphs: fmt.Sprint(i), text: string(rune('a' + i%26))})
	}
	cmap := toUnicodeCMap(entries)
	var w Writer
	first := w.appendToUnicode([]byte("<<"), cmap)
	if _, ok := toUnicodeStreams.m[string(cmap)]; !ok {
		t.Fatal("the map's stream is not kept")
	}
	again := w.appendToUnicode([]byte("<<"), cmap)
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
	for i := range 3 * toUnicodeLimit {
		w.appendToUnicode(nil, toUnicodeCMap([]cidEntry{{glyphs: "x", text: fmt.Sprint(i)}}))
		if n := len(toUnicodeStreams.m); n > toUnicodeLimit {
			t.Fatalf("%d streams kept, over %d", n, toUnicodeLimit)
		}
	}
}

package pdf_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
)

// TestPackerSameBytesAnySeed packs the same files with Packers whose
// shared objects are keyed by hashes of other random seeds: the packs
// must be equal byte for byte, and share what the files have in common
// (each font program written once).
func TestPackerSameBytesAnySeed(t *testing.T) {
	files := materials(t)
	pack := func() []byte {
		var buf bytes.Buffer
		p := pdf.NewPacker(&buf)
		for range 3 {
			for _, f := range files {
				if _, err := p.Add(f); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := p.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := pack()
	for i := range 3 {
		if again := pack(); !bytes.Equal(again, first) {
			t.Fatalf("pack %d of the same files differs from the first (%d bytes against %d)", i+2, len(again), len(first))
		}
	}
	programs := func(b []byte) int { return bytes.Count(b, []byte("/Length1 ")) }
	all := 0
	for _, f := range files {
		all += programs(f)
	}
	if got := programs(first); got >= all || got == 0 {
		t.Errorf("12 flyers: %d font programs in the pack, %d in the files of one round: nothing shared", got, all)
	}
}

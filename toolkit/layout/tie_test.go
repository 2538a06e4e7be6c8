package layout

import (
	"fmt"
	"slices"
	"testing"

	"github.com/awarekit/awarekit/toolkit/typeset"
)

// TestTieSharedKeyedByKeep: the texts remembered between documents are
// told apart by the words kept whole, as well as by the text, and asking
// again gives what typeset.Tie gives.
func TestTieSharedKeyedByKeep(t *testing.T) {
	const s = "请拨打加拿大人口贩运热线求助"
	lists := [][]string{nil, {"加拿大"}, {"加拿", "大"}, {"加拿大", "人口贩运", "热线"}}
	differ := false
	for round := range 2 {
		for _, keep := range lists {
			got, want := tieShared(s, keep), typeset.Tie(s, keep)
			if got != want {
				t.Errorf("round %d, keep %q: %q, want %q", round, keep, got, want)
			}
			differ = differ || want != typeset.Tie(s, nil)
		}
	}
	if !differ {
		t.Fatal("the words kept whole change nothing in the sample: the test shows nothing")
	}
}

// TestQRCodesBounded: the QR codes kept for the process are bounded, so
// that a build for ten thousand partners, each with its website, does
// not keep ten thousand; a code made again after the map starts over is
// the same code.
func TestQRCodesBounded(t *testing.T) {
	first, err := qrBits("https://partner-0.example.org")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 * qrLimit {
		if _, err := qrBits(fmt.Sprintf("https://partner-%d.example.org", i)); err != nil {
			t.Fatal(err)
		}
		n := 0
		qrCodes.Range(func(any, any) bool { n++; return true })
		if n > qrLimit {
			t.Fatalf("%d QR codes kept after %d URLs; at most %d", n, i+1, qrLimit)
		}
	}
	again, err := qrBits("https://partner-0.example.org")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(first, again) {
		t.Error("the code made again differs")
	}
}

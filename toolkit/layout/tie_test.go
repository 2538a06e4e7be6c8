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
	t.Parallel()
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

// TestTiedTextsBounded: the texts remembered between documents stay at
// most tiedLimit when the map starts over, again and again, and a text
// tied again after that is tied as before.
func TestTiedTextsBounded(t *testing.T) {
	const s = "Call 1-833-900-1010, any time."
	want := typeset.Tie(s, nil)
	for i := range 2*tiedLimit + 3 {
		tieShared(fmt.Sprintf("Partner %d: %s", i, s), nil)
		if r := (i + 1) % tiedLimit; i%512 != 0 && r > 2 && r < tiedLimit-2 {
			continue // counted near each start over, and now and then
		}
		n := 0
		tiedTexts.Range(func(any, any) bool { n++; return true })
		if n > tiedLimit {
			t.Fatalf("%d texts kept after %d; at most %d", n, i+1, tiedLimit)
		}
	}
	if got := tieShared(s, nil); got != want {
		t.Errorf("tied again: %q, want %q", got, want)
	}
}

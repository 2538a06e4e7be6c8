package layout

import (
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

package profile

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestFindExtAsPattern: findExt finds what phoneExt finds, for random
// numbers with extensions written every way, in any case, with letters
// that fold to others (ſ is s, K is k), and without.
func TestFindExtAsPattern(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	bits := []string{"604", "-", " ", "555", "0134", "ext", "EXT", "Ext.", "x", "X", "poste", "POSTE", "poſte", "pOsTe", "12", "7", ".", "(", ")", "+1", "HEAL", "K", "ſ", "é", "ex", "post", "\t"}
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(9) {
			b.WriteString(bits[rng.IntN(len(bits))])
		}
		s := b.String()
		if got, want := findExt(s), phoneExt.FindStringIndex(s); !slices.Equal(got, want) {
			t.Fatalf("findExt(%q) = %v, want %v", s, got, want)
		}
	}
}

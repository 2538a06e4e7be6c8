package cidfont

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestOrderSpecs: the specs come out sorted as strings, each once, and
// each CID's place is where its spec is among them, as sorting the specs
// as strings and searching each one gives, for specs of one glyph, of
// several (longer than the five bytes packed first, packSpecs), specs
// that are prefixes of others, and ones that differ only after their
// fifth or eighth byte or in a zero byte; every other round, specs of at
// most five bytes alone.
func TestOrderSpecs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	short := false // specs of at most five bytes
	spec := func() string {
		n := []int{2, 2, 2, 2, 3, 4, 6, 8, 9, 10, 12, 16}[rng.IntN(12)]
		if short {
			n = []int{0, 1, 2, 2, 2, 2, 3, 4, 5}[rng.IntN(9)]
		}
		b := make([]byte, n)
		for i := range b {
			// Few byte values, zeros among them: many ties.
			b[i] = []byte{0, 0, 1, 2, 0x41, 0xff}[rng.IntN(6)]
		}
		return string(b)
	}
	var packed []uint64
	var specs []string
	for round := range 1000 {
		short = round%2 == 1
		n := rng.IntN(400)
		pool := make([]string, 1+rng.IntN(300))
		for i := range pool {
			pool[i] = spec()
		}
		if short {
			pool = append(pool, "A", "A\x00", "A\x00\x00\x00\x00", "A\x00\x00\x01", "\xff\xff\xff\xff\xff")
		} else {
			pool = append(pool, "A", "A\x00", "A\x00\x00\x00\x00\x00\x00\x00", "A\x00\x00\x00\x00\x00\x00\x00\x00", "A\x00\x00\x00\x00\x00\x00\x00\x01",
				"AAAAA", "AAAAAB", "AAAAAAZ", "AAAAA\x00", "AAAAA\x00\x00")
		}
		entries := make([]cidEntry, n)
		for i := range entries {
			entries[i] = cidEntry{glyphs: pool[rng.IntN(len(pool))]}
		}
		// What the specs sorted as strings give.
		want := make([]string, n)
		for i, e := range entries {
			want[i] = e.glyphs
		}
		slices.Sort(want)
		want = slices.Compact(want)
		var gids []uint16
		packed, specs, gids = orderSpecs(entries, packed, specs)
		if !slices.Equal(specs, want) {
			t.Fatalf("round %d: specs %q, want %q", round, specs, want)
		}
		for i, e := range entries {
			k, _ := slices.BinarySearch(want, e.glyphs)
			if gids[i] != uint16(k+1) {
				t.Fatalf("round %d: CID %d (%q) has glyph %d, want %d", round, i+1, e.glyphs, gids[i], k+1)
			}
		}
	}
}

package plan

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestPlaceholdersAsPattern: placeholders finds what the regular
// expression \{([^{}]*)\} found before, for random patterns of braces
// and words.
func TestPlaceholdersAsPattern(t *testing.T) {
	re := regexp.MustCompile(`\{([^{}]*)\}`)
	rng := rand.New(rand.NewPCG(13, 14))
	bits := []string{"{", "}", "lang", "ext", "x", "-", "ਪੰ", "{{", "}}", "{audience}", "{}"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(bits[rng.IntN(len(bits))])
		}
		p := b.String()
		var got [][]string
		for whole, name := range placeholders(p) {
			got = append(got, []string{whole, name})
		}
		want := re.FindAllStringSubmatch(p, -1)
		if len(got) != len(want) {
			t.Fatalf("%q: %q, want %q", p, got, want)
		}
		for i := range got {
			if got[i][0] != want[i][0] || got[i][1] != want[i][1] {
				t.Fatalf("%q: %q, want %q", p, got, want)
			}
		}
	}
}

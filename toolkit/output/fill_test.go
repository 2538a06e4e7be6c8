package output

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestFillAsReplacer: fill gives what a strings.Replacer of the "{key}"
// pairs gave (Name's one pass before), for random patterns of braces,
// keys, near-keys and words, and values that hold braces and keys
// themselves (never filled again).
func TestFillAsReplacer(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	fields := map[string]string{"audience": "youth", "lang": "{lang}", "ext": "pdf", "format": "fl{ext}yer", "": "empty", "a": "}{"}
	pairs := []string{}
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		pairs = append(pairs, "{"+k+"}", fields[k])
	}
	want := strings.NewReplacer(pairs...)
	bits := []string{"{", "}", "audience", "lang", "ext", "format", "a", "x", "-", ".", "ਪੰ", "{{", "}}", "{audience}", "{lan", "g}"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(bits[rng.IntN(len(bits))])
		}
		p := b.String()
		if got, w := fill(p, fields), want.Replace(p); got != w {
			t.Fatalf("fill(%q) = %q, want %q", p, got, w)
		}
	}
}

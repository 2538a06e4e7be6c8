package typeset

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestUnitsInFindsWhatThePatternFinds holds unitsIn, which takes the
// digit groups' pattern alone for text without "@", "." or ":", to
// unitPattern's matches, on texts made of the pieces units are made of
// (numbers in several scripts' digits, vanity words, extensions, brackets,
// addresses) and of random characters.
func TestUnitsInFindsWhatThePatternFinds(t *testing.T) {
	pieces := []string{
		"Partner organisation", "12", "604-555-0134", "1-833-900-1010", "(604) 555 0134", "+1 604 555 0134",
		"1-855-554-HEAL", "ext. 12", "ext 7", "x 12", "poste 22", "EXT. 3", "911", "24/7", "2-1-1", "٠٦٠٤-٥٥٥", "۱۲۳",
		"੧੨੩", "१२३", "Call", "now", "help", "www.example.org", "https://x.ca/a", "info@x-y.org", "a.b", "10:30",
		"hotline.ca", "Ext", "HEAL", "-AB", " ", "  ", "\u00a0", "(", ")", "/", "-", "+", ",", "x", "X", "é", "ß",
		"youth-en-12.pdf", "WWW.X.ORG", "www", "Www.", "a.Ca", "x.gc.ca", "x.info", "x.INT", "b.edu", "v1.2", "No. 5",
		"file.txt", "a.b.c", ".", "..", "x.", "e.g.", "i.e.", "www.a.pdf", "sub.example.net/x", "x.gov/", "3.5 km",
	}
	alphabet := []rune("0123456789 -()/+xXeEtTpPoOsSaAbBcCgGiInNwW\u00a0٠١٢੧१.@:")
	r := rand.New(rand.NewPCG(1, 15))
	var texts []string
	for range 20000 {
		var b strings.Builder
		for n := 1 + r.IntN(7); n > 0; n-- {
			if r.IntN(4) == 0 {
				for m := 1 + r.IntN(6); m > 0; m-- {
					b.WriteRune(alphabet[r.IntN(len(alphabet))])
				}
			} else {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
			if r.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		texts = append(texts, b.String())
	}
	fast := 0
	for _, s := range texts {
		got, want := unitsIn(s), unitPattern().FindAllStringSubmatchIndex(s, -1)
		if !mayHoldAddress(s) {
			fast++
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("%q: units at %v, the pattern finds %v", s, got, want)
		}
	}
	if fast < len(texts)/4 {
		t.Fatalf("only %d of %d texts took the digit groups' pattern", fast, len(texts))
	}
}

func BenchmarkUnits(b *testing.B) {
	for _, s := range []string{"Partner organisation 1234", "Riverside Settlement Services 604-555-0134"} {
		b.Run("pattern", func(b *testing.B) {
			for b.Loop() {
				unitPattern().FindAllStringSubmatchIndex(s, -1)
			}
		})
		b.Run("unitsIn", func(b *testing.B) {
			for b.Loop() {
				unitsIn(s)
			}
		})
	}
}

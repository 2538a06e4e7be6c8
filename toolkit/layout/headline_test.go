package layout_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// sentenceInside reports whether line ends one sentence and starts
// another: a sentence's end (. ! ? and their Arabic, Urdu,
// Devanagari/Gurmukhi, Ethiopic (Tigrinya ። ፧) and Canadian syllabics
// (Cree, Inuktitut ᙮) forms) followed by a space and more words.
func sentenceInside(line string) bool {
	rs := []rune(strings.TrimSpace(line))
	for i, r := range rs {
		if strings.ContainsRune(".!?؟۔।።፧᙮", r) && i+2 < len(rs) && unicode.IsSpace(rs[i+1]) && unicode.IsLetter(rs[i+2]) {
			return true
		}
	}
	return false
}

// TestPosterHeadlineBreaksAtSentences lays out the poster for every
// audience in a set of languages, plain and with the longest
// organisation name and logos of every shape, and checks that no line of
// a headline of several sentences ends one sentence and starts the next
// ("Know the signs. Keep / talking with your child."): the headline is
// set smaller until each sentence takes a line of its own. The quick run
// lays out each audience and language in two of the four cases, in turn
// (plain and the square logo, or the longest name alone and the tall
// logo), so each language still meets all four; AWAREKIT_FULL=1, all.
func TestPosterHeadlineBreaksAtSentences(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	long := longest(t)
	cases := []struct {
		name string
		org  profile.Organisation
		logo [2]int
	}{{"plain", profile.Organisation{}, [2]int{}}, {"longest", long, [2]int{}},
		{"longest, square logo", long, [2]int{300, 300}}, {"longest, tall logo", long, [2]int{100, 1200}}}
	full := os.Getenv("AWAREKIT_FULL") != ""
	for ci, c := range cases {
		brand, err := c.org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		if c.logo[0] > 0 {
			if brand.Logo, err = profile.DecodeLogo("logo.png", logoPNG(t, c.logo[0], c.logo[1])); err != nil {
				t.Fatal(err)
			}
		}
		for ai, a := range e.AudienceIDs() {
			for li, l := range []string{"en", "fr", "uk", "tl", "vi", "es", "ar", "ti", "crk"} {
				if !full && (ai+li)%2 != ci%2 {
					continue // quick: the other two cases lay this one out
				}
				name := fmt.Sprintf("%s/%s/%s", c.name, a, l)
				r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: "poster", Paper: "letter", AllowDraft: true})
				if err != nil || !written(e, r, c.org, brand) {
					continue
				}
				ld, err := e.Layout(r, c.org, brand)
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				for _, el := range ld.Pages[0].Elements {
					if el.Text == nil || el.Tag == nil || el.Tag.BlockOf() != doc.PartHeadline {
						continue
					}
					if line := runsText(el.Text.Line.Runs); sentenceInside(line) {
						t.Errorf("%s: the headline's line %q ends one sentence and starts the next", name, line)
					}
				}
			}
		}
	}
}

// TestSentenceEnd holds sentenceEnd to the sentence ends sentences
// names: . ! ? and their CJK, Arabic, Urdu, Devanagari/Gurmukhi,
// Ethiopic and Canadian syllabics forms, and no other character.
func TestSentenceEnd(t *testing.T) {
	const ends = ".!?。！？؟۔।።፧᙮"
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := layout.SentenceEnd(r), strings.ContainsRune(ends, r); got != want {
			t.Errorf("sentenceEnd(%U) = %v, want %v", r, got, want)
		}
	}
}

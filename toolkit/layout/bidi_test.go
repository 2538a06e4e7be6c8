package layout_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/bidi"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// hostileNames are organisations whose words the bidi algorithm moves
// when they are not isolated in text of the other direction: a Latin
// name that ends in a period and a digit, with brackets, an apostrophe
// and an ampersand in its list, and an Arabic name with Latin digits and
// a final period, each with a local contact labelled in its own script.
var hostileNames = []profile.Organisation{
	{Name: "St. Mary's Centre (Surrey) 2.", Phone: "604-555-0134",
		Local: []profile.LocalContact{{Label: "Help & Hope (Surrey) 3.", Phone: "604-555-0199"}}},
	{Name: "جمعية النخيل 24.", Phone: "604-555-0134",
		Local: []profile.LocalContact{{Label: "بيت الأرز 7 (B).", Phone: "604-555-0199"}}},
}

// TestInsertedNamesKeepTheirOrder lays out every page format in every
// right-to-left language, and in the two-language forms with English,
// for organisations with hostile names (hostileNames), and reads every
// line that prints a name or a label in the order its glyphs are drawn
// (the page model every backend draws: PDF, SVG, PNG): the name is one
// contiguous piece that reads in its own direction ("St. Mary's Centre
// (Surrey) 2." with its period at its right end on an Arabic page), and
// the words of the line around it keep their reading order (right to
// left in Arabic: the words before the name to its right). Quick: each
// format in one language, rotating; AWAREKIT_FULL=1: every language,
// pair and audience.
func TestInsertedNamesKeepTheirOrder(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	var rtl []string
	for _, l := range e.Languages() {
		if loc := e.Lib.Catalog.Locale(l); loc != nil && loc.Script.RTL {
			rtl = append(rtl, l)
		}
	}
	rtlLang := func(tag string) bool {
		loc := e.Lib.Catalog.Locale(tag)
		return loc != nil && loc.Script.RTL
	}
	if len(rtl) < 3 {
		t.Fatalf("right-to-left languages %v: want ar, fa and ur at least", rtl)
	}
	full := os.Getenv("AWAREKIT_FULL") != ""
	audiences := []string{"newcomers"}
	if full {
		audiences = e.AudienceIDs()
	}
	for fi, f := range format.Formats {
		if !f.Paged() {
			continue
		}
		for _, a := range audiences {
			for form, two := range []bool{false, true} {
				if two && f.Bilingual == nil {
					continue
				}
				langs := rtl
				if !full {
					langs = rtl[(fi+form)%len(rtl):][:1] // quick: one language per format and form, rotating
				}
				for _, l := range langs {
					lang := l
					if two {
						lang += "+en"
					}
					for _, org := range hostileNames {
						name := fmt.Sprintf("%s/%s/%s/%s", f.Name, a, lang, org.Name)
						brand, err := org.Brand()
						if err != nil {
							t.Fatal(err)
						}
						_, ld, ok := laidOut(t, e, name, generate.Job{Audience: a, Lang: lang, Format: f.Name, Paper: "letter", AllowDraft: true,
							Event: &doc.Event{Name: org.Local[0].Label, Place: org.Name}}, org, brand)
						if !ok {
							continue
						}
						found := 0
						for _, value := range []string{org.Name, org.Local[0].Label} {
							for _, msg := range misordered(ld, value, rtlLang, &found) {
								t.Errorf("%s: %s", name, msg)
							}
						}
						if found == 0 && slices.Contains(f.Carries.Blocks, doc.PartLocal) {
							t.Errorf("%s: no line prints %q, which the format carries", name, org.Name)
						}
					}
				}
			}
		}
	}
}

// misordered reads each line of ld that prints words of value (in
// capitals or not) in the order its glyphs are drawn, and says where
// value is not one piece in its own reading order, or where the words
// around it are out of their line's order; found counts the lines read.
func misordered(ld *layout.Document, value string, rtlLang func(string) bool, found *int) []string {
	words := strings.Fields(value)
	valueRTL := firstStrongRTL(value)
	var out []string
	for _, p := range ld.Pages {
		for _, e := range p.Elements {
			if e.Text == nil || len(e.Text.Line.Runs) == 0 {
				continue
			}
			runs := slices.Clone(e.Text.Line.Runs)
			var visual strings.Builder
			lineRTL := false
			for _, r := range runs {
				if r.RTL {
					lineRTL = true
					visual.WriteString(reverse(r.Text))
				} else {
					visual.WriteString(r.Text)
				}
			}
			if e.Tag != nil && !rtlLang(e.Tag.Lang) {
				lineRTL = false // an English line with an Arabic name in it
			}
			slices.SortFunc(runs, func(a, b typeset.Run) int { return a.Start - b.Start })
			var logical strings.Builder
			for _, r := range runs {
				logical.WriteString(r.Text)
			}
			tokens := strings.Fields(logical.String())
			at, n, k := chunk(tokens, words)
			// Two words of the value at least, one a letter's: one word
			// alone may be any line's ("Help").
			if n < min(2, len(words)) || !strings.ContainsFunc(strings.Join(words[k:k+n], ""), unicode.IsLetter) {
				continue
			}
			*found++
			seen := collapse(visual.String())
			piece := collapse(visualOf(strings.Join(words[k:k+n], " "), valueRTL))
			pos := strings.Index(strings.ToUpper(seen), strings.ToUpper(piece))
			if pos < 0 {
				out = append(out, fmt.Sprintf("the line %q is drawn %q: %q is not one piece in its own order (want %q in it)", logical.String(), seen, strings.Join(words[k:k+n], " "), piece))
				continue
			}
			// The line's other words, in its reading order, each drawn
			// where that order puts it: right to left in a right-to-left
			// line, and the name between the words before and after it.
			last := -1
			if lineRTL {
				last = len(seen) + 1
			}
			for i, tok := range tokens {
				if i >= at && i < at+n || !strings.ContainsFunc(tok, strongIn(lineRTL)) {
					continue
				}
				drawn := tok
				if lineRTL {
					drawn = reverse(tok)
				}
				where := strings.Index(seen, drawn)
				if where < 0 {
					continue // split over runs by a number or a bracket: the name's check holds it
				}
				before := i < at
				ok := (lineRTL && where < last || !lineRTL && where > last) &&
					(before == (lineRTL == (where > pos)))
				if !ok {
					out = append(out, fmt.Sprintf("the line %q is drawn %q: %q is out of the line's reading order", logical.String(), seen, tok))
					break
				}
				last = where
			}
		}
	}
	return out
}

// chunk finds the longest run of words of value (compared without case)
// in tokens: it starts at tokens[at], is n words long and starts at
// words[k]. The first token may carry other text before the word, and
// the last after it (an opening bracket, a colon).
func chunk(tokens, words []string) (at, n, k int) {
	for i := range tokens {
		for j := range words {
			m := 0
			for i+m < len(tokens) && j+m < len(words) {
				tok, w := strings.ToUpper(tokens[i+m]), strings.ToUpper(words[j+m])
				if tok == w || m == 0 && strings.HasSuffix(tok, w) {
					m++
					continue
				}
				if strings.HasPrefix(tok, w) {
					m++
				}
				break
			}
			if m > n {
				at, n, k = i, m, j
			}
		}
	}
	return at, n, k
}

// visualOf is s as a reader sees it set alone in its own direction (rtl
// for a value whose first letter is right to left), left to right:
// what golang.org/x/text's bidi algorithm makes of it, not ours.
func visualOf(s string, rtl bool) string {
	var p bidi.Paragraph
	opts := []bidi.Option{}
	if rtl {
		opts = append(opts, bidi.DefaultDirection(bidi.RightToLeft))
	}
	if _, err := p.SetString(s, opts...); err != nil {
		return s
	}
	o, err := p.Order()
	if err != nil {
		return s
	}
	// A value alone has two levels at most (digits in Arabic): in a
	// right-to-left paragraph the runs go right to left, the
	// right-to-left ones reversed.
	var runs []string
	for i := range o.NumRuns() {
		r := o.Run(i)
		text := r.String()
		if r.Direction() == bidi.RightToLeft {
			text = reverse(text)
		}
		runs = append(runs, text)
	}
	if rtl {
		slices.Reverse(runs)
	}
	return strings.Join(runs, "")
}

func firstStrongRTL(s string) bool {
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.R, bidi.AL:
			return true
		case bidi.L:
			return false
		}
	}
	return false
}

// strongIn reports the letters of a line's own direction.
func strongIn(rtl bool) func(rune) bool {
	return func(r rune) bool {
		p, _ := bidi.LookupRune(r)
		c := p.Class()
		return rtl && (c == bidi.R || c == bidi.AL) || !rtl && c == bidi.L
	}
}

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// collapse makes every run of white space one space and trims the ends.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

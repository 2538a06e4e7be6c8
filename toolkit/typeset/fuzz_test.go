package typeset

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// hostile are strings people paste or attackers type: each once panicked
// a typesetter or could.
var hostile = []string{
	"A\xffB",                 // invalid UTF-8
	"Org\u2029Name",          // paragraph separator
	"one\u2028two\r\nthree",  // line separator, CR LF
	"\xed\xa0\x80 lone high", // a surrogate written as WTF-8
	"\xed\xb0\x80\xed\xa0\x80",
	"9910-555-614\u202E reversed",
	"\u2066\u202D1-833-900-1010\u202C\u2069",
	"e" + strings.Repeat("\u0301", 500),       // a flood of combining marks
	"ਕ" + strings.Repeat("\u0A4D\u0A38", 200), // Gurmukhi conjuncts without end
	"العربية English 中文 ਪੰਜਾਬੀ 1-833-900-1010 ᐃᓄᒃᑎᑐᑦ",
	"\x00\x1b[2J\x7f\u0085\u009b",
	"\t tab\tand\vvertical\fform feed",
	"\u200d\u200c\ufeff\u00ad",
	"",
	"   ",
	"\n\n\u2029",
}

// FuzzSet sets any string at any width and size: it must never panic,
// and text it accepts must come back whole, in logical order.
func FuzzSet(f *testing.F) {
	for _, s := range append(slices.Clone(pieces), hostile...) {
		f.Add(s, 120.0, 10.0, false, false, "en")
		f.Add(s, 0.0, 12.0, true, true, "ar")
	}
	f.Add("Human trafficking", -5.0, 9.0, false, false, "und")
	f.Add("ਮਨੁੱਖੀ ਤਸਕਰੀ 中文", 1e30, 1e-9, false, true, "pa")
	f.Add("x", math.NaN(), math.Inf(1), true, false, "\xff")
	// Numbers after right-to-left letters, in paragraphs of both
	// directions: the bidi algorithm alone turns their groups around.
	for _, s := range []string{"اتصل بالرقم 1-833-900-1010 الآن", "Call \u2067با شماره +1 (613) 555-0100\u2069 today", "اس نمبر پر 1\u00a0833\u00a0900\u00a01010 کال کریں", "١ ٨٣٣ ٩٠٠ ١٠١٠ الآن"} {
		f.Add(s, 0.0, 10.0, false, false, "ar")
		f.Add(s, 0.0, 10.0, true, false, "ur")
	}
	ts := embeddedSetter(f)
	f.Fuzz(func(t *testing.T, text string, width, size float64, rtl, bold bool, lang string) {
		if len(text) > 4096 {
			return // long strings are the speed test's business, not the fuzzer's
		}
		p, err := ts.Set(text, Options{Style: Style{Size: size, Bold: bold}, Width: width, RTL: rtl, Lang: lang})
		var missing *MissingGlyphError
		var control *ControlError
		switch {
		case errors.As(err, &missing), errors.As(err, &control):
			return
		case err != nil && !(size > 0) || math.IsInf(size, 0) || math.IsNaN(width) || math.IsInf(width, 0):
			if err == nil {
				t.Fatalf("size %v, width %v: want an error", size, width)
			}
			return
		case err != nil:
			t.Fatalf("%q: unexpected error %v", text, err)
		}
		for _, l := range p.Lines {
			for _, r := range l.Runs {
				for _, g := range r.Glyphs {
					if g.Cluster < 0 || g.Cluster > len(r.Text) {
						t.Fatalf("%q: glyph cluster %d outside its run %q", text, g.Cluster, r.Text)
					}
				}
			}
		}
		if got, want := strings.ReplaceAll(logical(p), "\n", ""), settable(text); got != want {
			t.Fatalf("text changed:\n got %q\nwant %q", got, want)
		}
		if err := digitsInOrder(p, text); err != nil {
			t.Fatalf("%q (right to left: %v): %v", text, rtl, err)
		}
	})
}

// digitsInOrder checks that every number is drawn left to right in the
// order it is read, in any paragraph: of the digits of one number (a
// phone number's groups and the hyphens, dots, slashes, brackets and
// spaces between them: numberInText), those drawn on one line, read
// left to right, are the number's digits as written. Comparing each
// digit with the next only saw a group drawn backwards (0101-009-338-1);
// this also sees groups in the wrong order (1010-900-833-1), which the
// bidi algorithm makes of a number after Arabic letters: the worst a
// page can say, and it looks right to a reader of neither script.
//
// source is the text p was set from: a line break or a direction control
// in it ends a number.
func digitsInOrder(p Paragraph, source string) error {
	_, split := settableSplit(source)
	type char struct {
		at    int // byte offset in the paragraph's text, as the typesetter holds it
		pos   int // byte offset in the text without direction controls: settable(source)
		r     rune
		x     float64
		line  int
		drawn bool // a glyph starts at it
	}
	var chars []char
	for n, l := range p.Lines {
		for _, run := range l.Runs {
			x := map[int]float64{}
			pen, scale := run.X, run.Size/float64(run.Font.UnitsPerEm())
			for _, g := range run.Glyphs {
				if _, ok := x[g.Cluster]; !ok {
					x[g.Cluster] = pen
				}
				pen += float64(g.XAdvance) * scale
			}
			for i, r := range run.Text {
				at, ok := x[i]
				chars = append(chars, char{at: run.Start + i, r: r, x: at, line: n, drawn: ok})
			}
		}
	}
	slices.SortFunc(chars, func(a, b char) int { return a.at - b.at })
	var text strings.Builder
	offset := map[int]int{} // byte offset in text: index in chars
	for i, c := range chars {
		offset[text.Len()] = i
		chars[i].pos = text.Len()
		text.WriteRune(c.r)
	}
	for _, m := range numbersIn(text.String()) {
		var digits []char
		for at := m[0]; at < m[1]; at++ {
			if i, ok := offset[at]; ok && chars[i].drawn && isDigit(chars[i].r) {
				digits = append(digits, chars[i])
			}
		}
		for first := 0; first < len(digits); {
			last := first + 1
			for last < len(digits) && digits[last].line == digits[first].line && !splitBetween(split, digits[last-1].pos, digits[last].pos) {
				last++
			}
			onLine := digits[first:last]
			read := string(runesOf(onLine, func(c char) rune { return c.r }))
			drawn := slices.Clone(onLine)
			slices.SortStableFunc(drawn, func(a, b char) int { return cmpFloat(a.x, b.x) })
			if got := string(runesOf(drawn, func(c char) rune { return c.r })); got != read || hasTie(drawn, func(c char) float64 { return c.x }) {
				return fmt.Errorf("line %d: the number %q is drawn with its digits as %s left to right, want %s: it reads in the wrong order", onLine[0].line+1, text.String()[m[0]:m[1]], got, read)
			}
			first = last
		}
	}
	return nil
}

// splitBetween reports whether split holds an offset in (from, to].
func splitBetween(split map[int]bool, from, to int) bool {
	for at := from + 1; at <= to; at++ {
		if split[at] {
			return true
		}
	}
	return false
}

// numberInText is a number as a reader reads it, whole: digits, with
// the hyphens, dots, slashes, brackets and spaces a phone number's
// groups are written with between them.
var numberInText = regexp.MustCompile(`[0-9٠-٩۰-۹](?:[0-9٠-٩۰-۹]|[)(./\- \x{00A0}]+[0-9٠-٩۰-۹])*`)

// numbersIn returns the byte ranges of the numbers in text: numberInText's
// matches, with a bracket just before each, split at each bracket the
// match does not pair, for a number
// holds its brackets in pairs ("5 (24 ساعة)" is 5, then 24 inside a
// pair that closes after a word; in Arabic the two read right to left).
func numbersIn(text string) [][]int {
	var out [][]int
	for _, m := range numberInText.FindAllStringIndex(text, -1) {
		// A bracket just before the number opens it: "(613) 555-0100"
		// is one number.
		from := m[0]
		if before := strings.TrimSuffix(text[:m[0]], "\u2060"); strings.HasSuffix(before, "(") {
			from = len(before) - 1
		}
		var stray []int // the brackets the match does not pair
		var open []int
		for at := from; at < m[1]; at++ {
			switch text[at] {
			case '(':
				open = append(open, at)
			case ')':
				if len(open) == 0 {
					stray = append(stray, at)
				} else {
					open = open[:len(open)-1]
				}
			}
		}
		stray = append(stray, open...)
		slices.Sort(stray)
		for _, at := range append(stray, m[1]) {
			if piece := numberInText.FindStringIndex(text[from:at]); piece != nil {
				out = append(out, []int{from + piece[0], from + piece[1]})
			}
			from = at + 1
		}
	}
	return out
}

// runesOf is f of each of cs.
func runesOf[C any](cs []C, f func(C) rune) []rune {
	out := make([]rune, len(cs))
	for i, c := range cs {
		out[i] = f(c)
	}
	return out
}

// hasTie reports whether two of cs, sorted by x, share a place.
func hasTie[C any](cs []C, x func(C) float64) bool {
	for i := 1; i < len(cs); i++ {
		if x(cs[i-1]) >= x(cs[i]) {
			return true
		}
	}
	return false
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// isDigit reports the digits a number is written with here: European,
// Arabic-Indic and Persian.
func isDigit(r rune) bool {
	return r >= '0' && r <= '9' || r >= '٠' && r <= '٩' || r >= '۰' && r <= '۹'
}

// settable is text as the lines of its paragraph hold it: cleaned and
// normalised, without line breaks, blank lines or direction controls,
// each no-break space a space.
func settable(text string) string {
	s, _ := settableSplit(text)
	return s
}

// settableSplit is settable(text), and the byte offsets in it where a
// line break or a direction control was taken out: a number is not read
// across them ("6r4\u202E 1eversed" holds 4 and 1, not "4 1").
func settableSplit(text string) (string, map[int]bool) {
	text, _ = clean(text)
	var b strings.Builder
	split := map[int]bool{}
	for _, part := range strings.Split(norm.NFC.String(text), "\n") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		split[b.Len()] = true
		for _, r := range part {
			switch {
			case isDirectionControl(r):
				split[b.Len()] = true
			case r == nbsp:
				b.WriteRune(' ')
			default:
				b.WriteRune(r)
			}
		}
	}
	return b.String(), split
}

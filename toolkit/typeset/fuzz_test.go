package typeset

import (
	"errors"
	"fmt"
	"math"
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
		if err := digitsInOrder(p); err != nil {
			t.Fatalf("%q (right to left: %v): %v", text, rtl, err)
		}
	})
}

// digitsInOrder checks that the digits of a number are drawn left to
// right in the order they are read, in any paragraph: of two digits one
// after the other in the text, on one line, the first is drawn left of
// the second. A number printed backwards (0101-009-338-1) is the worst
// a page can say.
func digitsInOrder(p Paragraph) error {
	type char struct {
		at    int // byte offset in the paragraph's text
		r     rune
		x     float64
		drawn bool // a glyph starts at it
	}
	for n, l := range p.Lines {
		var chars []char
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
				chars = append(chars, char{run.Start + i, r, at, ok})
			}
		}
		slices.SortFunc(chars, func(a, b char) int { return a.at - b.at })
		for i := 1; i < len(chars); i++ {
			a, b := chars[i-1], chars[i]
			if a.drawn && b.drawn && isDigit(a.r) && isDigit(b.r) && a.x >= b.x {
				return fmt.Errorf("line %d: %q is drawn at %.2f pt, the %q after it at %.2f pt, left of it: the number reads backwards", n+1, a.r, a.x, b.r, b.x)
			}
		}
	}
	return nil
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
	text, _ = clean(text)
	var b strings.Builder
	for _, part := range strings.Split(norm.NFC.String(text), "\n") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		b.WriteString(strings.Map(func(r rune) rune {
			if isDirectionControl(r) {
				return -1
			}
			if r == nbsp {
				return ' '
			}
			return r
		}, part))
	}
	return b.String()
}

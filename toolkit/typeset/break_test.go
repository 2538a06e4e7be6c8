package typeset

import (
	"errors"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// logical rebuilds a paragraph's text from its lines, in logical order,
// so it can be compared with the source.
func logical(p Paragraph) string {
	var b strings.Builder
	for _, l := range p.Lines {
		runs := slices.Clone(l.Runs)
		slices.SortFunc(runs, func(a, b Run) int { return a.Start - b.Start })
		for _, r := range runs {
			b.WriteString(r.Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// pieces are the kinds of text the project sets, mixed at random below.
var pieces = []string{
	"Human trafficking ", "la traite des personnes, ", "Tiếng Việt có dấu ", "торгівля людьми ",
	"الاتجار بالبشر ", "بِسْمِ اللَّهِ ", "قاچاق انسان می\u200cتوانید ", "1-833-900-1010 ", "911. ",
	"ਮਨੁੱਖੀ ਤਸਕਰੀ ਬਾਰੇ ਜਾਣਕਾਰੀ ", "मानव तस्करी की जानकारी ", "人口贩运是一种严重的犯罪，请拨打热线。",
	"「求助」！？", "ᐃᓄᒃᑎᑐᑦ ᑐᓴᐅᒪᔭᐅᓂᖅ ", "ᓀᐦᐃᔭᐍᐏᐣ ", "ዝውውር ደቂ ሰባት ", "(e)\u0301 ", "  ", "A\u0308B ",
}

func fontsOrSkip(t *testing.T, err error) {
	t.Helper()
	var missing *MissingGlyphError
	if errors.As(err, &missing) && os.Getenv("AWAREKIT_REQUIRE_FONTS") != "1" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestBreakingLosesNothing sets random mixes of every script at random
// widths and checks that the lines, put back in logical order, hold
// exactly the source text: no character lost or doubled at a break.
func TestBreakingLosesNothing(t *testing.T) {
	t.Parallel()
	ts := embeddedSetter(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		var src strings.Builder
		for range 3 + rng.IntN(12) {
			src.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := strings.TrimSpace(src.String())
		rtl := rng.IntN(3) == 0
		width := 30 + rng.Float64()*300
		p, err := ts.Set(text, Options{Style: Style{Size: 6 + rng.Float64()*10}, Width: width, RTL: rtl, Lang: "und"})
		fontsOrSkip(t, err)
		got := strings.ReplaceAll(logical(p), "\n", "")
		want := norm.NFC.String(text)
		if got != want {
			t.Fatalf("case %d (rtl=%v, width %.0f):\n got %q\nwant %q", i, rtl, width, got, want)
		}
		for _, l := range p.Lines {
			if l.Width > width+0.01 && len(l.Runs) > 0 && lineHasBreak(l) {
				t.Errorf("case %d: line %q is %.1f wide, over %.1f", i, lineText(l), l.Width, width)
			}
		}
	}
}

// lineHasBreak reports whether a line had any break opportunity between
// two words; a single word too wide for the line may overflow when it is
// a number, which never breaks ("911." at 30 points).
func lineHasBreak(l Line) bool {
	words := 0
	for _, f := range strings.Fields(lineText(l)) {
		if strings.ContainsFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			words++
		}
	}
	return words > 1
}

// TestOutsideBMPNeverPanics: fpdf panics on characters outside the BMP;
// here they are either drawn or refused with an error that names them.
func TestOutsideBMPNeverPanics(t *testing.T) {
	ts := embeddedSetter(t)
	for _, s := range []string{"Help 😀 now", "𠜎 CJK Extension B", "𝐀𝐁𝐂 bold maths", "ok \U0001F1E8\U0001F1E6"} {
		_, err := ts.Set(s, Options{Style: Style{Size: 10}, Width: 100, Lang: "en"})
		var missing *MissingGlyphError
		if err != nil && !errors.As(err, &missing) {
			t.Errorf("%q: unexpected error %v", s, err)
		}
	}
}

// TestChineseLineStarts checks the usual rule: no line starts with
// closing punctuation.
func TestChineseLineStarts(t *testing.T) {
	ts := embeddedSetter(t)
	text := strings.Repeat("如果你或你认识的人有危险，请立即拨打电话。帮助是免费的、保密的！你可以匿名求助吗？可以。「热线」全天开放。", 4)
	for _, width := range []float64{60, 85, 120, 163, 200} {
		p, err := ts.Set(text, Options{Style: Style{Size: 10}, Width: width, Lang: "zh-Hans"})
		fontsOrSkip(t, err)
		for i, l := range p.Lines[1:] {
			first, _ := utf8.DecodeRuneInString(strings.TrimSpace(lineText(l)))
			if strings.ContainsRune("，。、！？」）：；", first) {
				t.Errorf("width %.0f: line %d starts with %q", width, i+2, first)
			}
		}
		if got := strings.ReplaceAll(logical(p), "\n", ""); got != text {
			t.Errorf("width %.0f: text changed at breaks", width)
		}
	}
}

// TestCachesKeepEachTextsFonts sets Punjabi, then English, then empties
// the shaping caches and sets the Punjabi again: it must still be shaped
// in its Gurmukhi font, never drawn as .notdef boxes (glyph 0).
func TestCachesKeepEachTextsFonts(t *testing.T) {
	ts := embeddedSetter(t)
	pa := "ਮਨੁੱਖੀ ਤਸਕਰੀ ਬਾਰੇ ਜਾਣਕਾਰੀ"
	opts := Options{Style: Style{Size: 10}, Width: 200, Lang: "pa"}
	if _, err := ts.Set(pa, opts); err != nil {
		fontsOrSkip(t, err)
	}
	if _, err := ts.Set("Know the signs", Options{Style: Style{Size: 10}, Width: 200, Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	ts.cache.clear()
	ts.wraps.clear()
	ts.paras.clear()
	p, err := ts.Set(pa, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range p.Lines {
		for _, r := range l.Runs {
			for _, g := range r.Glyphs {
				if g.GID == 0 {
					t.Fatalf("run %q in %s has a .notdef glyph", r.Text, r.Font.Name)
				}
			}
		}
	}
}

// TestSameLineSameFontsWhateverCameBefore: a line is drawn in the fonts
// of its own paragraph, whatever was set before it.
func TestSameLineSameFontsWhateverCameBefore(t *testing.T) {
	font := func(ts *Typesetter, texts ...string) string {
		var p Paragraph
		var err error
		for _, s := range texts {
			p, err = ts.Set(s, Options{Style: Style{Size: 10}, Lang: "fa", RTL: true})
			fontsOrSkip(t, err)
		}
		return p.Lines[0].Runs[0].Font.Name
	}
	a := font(embeddedSetter(t), "سلام\nہ", "سلام")
	b := font(embeddedSetter(t), "سلام")
	if a != b {
		t.Errorf("\"سلام\" alone is set in %s after a paragraph that needed another font, %s on its own", a, b)
	}
}

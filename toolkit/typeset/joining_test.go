package typeset

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestJoinedWordsNeverBroken sets Arabic, Persian and Urdu sentences
// (one with a Latin name inside) at 10 points in columns from 10 to 120
// points wide. A word wider than its column was broken where the line
// ended, "محلی" set as "محل" over "ی": each piece takes the letter forms
// of a word's end and start, another spelling to the reader. It must
// stand whole, as a long number does (its line wider than the column,
// for the layout to set smaller), and nothing may be lost.
func TestJoinedWordsNeverBroken(t *testing.T) {
	ts := embeddedSetter(t)
	for _, c := range []struct{ lang, text string }{
		{"fa", "کمک محلی که \u2068Maple Community Services\u2069 معرفی کرده است"},
		{"fa", "اگر کسی شما را کنترل می\u200cکند، نمی\u200cخواهم تنها بمانید"},
		{"ar", "مساعدة محلية ذكرتها للعمال الأجانب المؤقتين"},
		{"ur", "انسانی اسمگلنگ کے خلاف ہیلپ لائن سے رابطہ کریں"},
	} {
		for w := 10.0; w <= 120; w += 2 {
			p, err := ts.Set(c.text, Options{Style: Style{Size: 10}, Lang: c.lang, RTL: true, Width: w})
			fontsOrSkip(t, err)
			lines := strings.Split(strings.TrimSuffix(logical(p), "\n"), "\n")
			if got, want := strings.Join(lines, ""), strings.NewReplacer("\u2068", "", "\u2069", "").Replace(c.text); got != want {
				t.Fatalf("%s at %v pt: the lines hold %q, want %q", c.lang, w, got, want)
			}
			for i := 1; i < len(lines); i++ {
				before, _ := utf8.DecodeLastRuneInString(lines[i-1])
				after, _ := utf8.DecodeRuneInString(lines[i])
				if joins(before) && joins(after) || before == zwnj && joins(after) {
					t.Errorf("%s at %v pt: a word broken between lines %d and %d: %q | %q", c.lang, w, i, i+1, lines[i-1], lines[i])
					break
				}
			}
		}
	}
}

// TestTrailingSpaceTakesNoRoom: a line of a Persian sentence that ends
// inside its Latin name ("Community ") measured its space too, 61.1 pt
// in a 60-point column, so the paragraph was taken to overflow and
// broken where each line ended, as a last resort: "Community" over
// " Services", the space starting a line, and the name not kept whole
// (keepEmbedded). Each line is measured without the spaces it ends
// with: at 60 points every word stands whole and no line starts with a
// space.
func TestTrailingSpaceTakesNoRoom(t *testing.T) {
	ts := embeddedSetter(t)
	text := "کمک محلی که \u2068Maple Community Services\u2069 معرفی کرده است"
	p, err := ts.Set(text, Options{Style: Style{Size: 10}, Lang: "fa", RTL: true, Width: 60})
	fontsOrSkip(t, err)
	words := strings.Fields(strings.NewReplacer("\u2068", "", "\u2069", "").Replace(text))
	lines := strings.Split(strings.TrimSuffix(logical(p), "\n"), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, " ") {
			t.Errorf("line %d starts with a space:\n%s", i+1, strings.Join(lines, "\n"))
		}
	}
	for _, l := range p.Lines {
		if l.Width > 60.01 {
			t.Errorf("a line %.1f pt wide in a 60-point column:\n%s", l.Width, strings.Join(lines, "\n"))
		}
	}
	var got []string
	for _, l := range lines {
		got = append(got, strings.Fields(l)...)
	}
	if strings.Join(got, " ") != strings.Join(words, " ") {
		t.Errorf("words broken across lines:\n%s", strings.Join(lines, "\n"))
	}
}

// TestBracketedNameStartsALine: a name of the other direction wider
// than its line, in brackets or quotes ("… که (Maple Community Services
// 24/7 Inc.) …"), starts a line with its bracket, so that its pieces
// stand one under the other at the lines' start (keepEmbedded); with no
// space right before the name, it was split where the line ended, its
// first word at the far end of a line.
func TestBracketedNameStartsALine(t *testing.T) {
	ts := embeddedSetter(t)
	const name = "Maple Community Services 24/7 Inc."
	nameW, err := ts.Measure(name, Options{Style: Style{Size: 10}, Lang: "en"})
	fontsOrSkip(t, err)
	for _, c := range []struct{ lang, text string }{
		{"fa", "کمک محلی که (\u2068" + name + "\u2069) معرفی کرده است"},
		{"fa", "کمک محلی که «\u2068" + name + "\u2069» معرفی کرده است"},
		{"ar", "مساعدة محلية ذكرتها (" + name + ") للعمال"},
	} {
		for w := 90.0; w < nameW-10; w += 3 {
			p, err := ts.Set(c.text, Options{Style: Style{Size: 10}, Lang: c.lang, RTL: true, Width: w})
			fontsOrSkip(t, err)
			lines := strings.Split(strings.TrimSuffix(logical(p), "\n"), "\n")
			for _, l := range lines {
				if i := strings.Index(l, "Maple"); i >= 0 && strings.TrimLeft(l[:i], "(«") != "" {
					t.Errorf("%s at %v pt: the name does not start its line:\n%s", c.lang, w, strings.Join(lines, "\n"))
				}
			}
		}
	}
}

package typeset

import (
	"strings"
	"testing"
)

// fontsOfChars maps each character of wanted in p to the names of the
// fonts its glyphs are drawn in.
func fontsOfChars(p Paragraph, wanted string) map[rune][]string {
	out := map[rune][]string{}
	for _, l := range p.Lines {
		for _, r := range l.Runs {
			for _, c := range r.Text {
				if strings.ContainsRune(wanted, c) {
					out[c] = append(out[c], r.Font.Name)
				}
			}
		}
	}
	return out
}

// TestPunctuationTakesItsScriptsFont sets Urdu, which is drawn in Noto
// Sans Arabic, with the punctuation Urdu writes: the Arabic comma,
// semicolon and question mark (Common, their Script_Extensions Arabic)
// and a colon after an Urdu word (Common, in a run of Arabic). Each must
// be drawn in the font of the letters around it; they were drawn in
// DejaVu Sans, the base family, for it has them. A number's punctuation
// in left-to-right text keeps its digits' font (Punjabi), and Arabic
// and Persian, drawn in DejaVu Sans throughout, are unchanged.
func TestPunctuationTakesItsScriptsFont(t *testing.T) {
	fonts, err := EmbeddedFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := New(fonts)
	set := func(text, lang string, rtl, bold bool) Paragraph {
		t.Helper()
		p, err := ts.Set(text, Options{Style: Style{Size: 10, Bold: bold}, Lang: lang, RTL: rtl})
		fontsOrSkip(t, err)
		return p
	}
	for _, bold := range []bool{false, true} {
		// Urdu: "call, whether…; what should you do? local help line: 211"
		const ur = "کال کریں، چاہے رات ہو؛ آپ کو کیا کرنا چاہیے؟ مقامی خدمات کی ہیلپ لائن: 211"
		p := set(ur, "ur", true, bold)
		letters := fontsOfChars(p, "ک")['ک']
		if len(letters) == 0 || strings.HasPrefix(letters[0], "DejaVu") {
			t.Fatalf("Urdu letters drawn in %v, want a family with Urdu's letters (Noto Sans Arabic)", letters)
		}
		for c, names := range fontsOfChars(p, "،؛؟:") {
			for _, n := range names {
				if n != letters[0] {
					t.Errorf("bold %v: %q (U+%04X) in Urdu is drawn in %s, want %s as the letters around it", bold, c, c, n, letters[0])
				}
			}
		}
		if got := fontsOfChars(p, "،؛؟:"); len(got) != 4 {
			t.Errorf("found %d of the 4 punctuation marks in the runs", len(got))
		}
		// The number after the colon stays in the base family.
		for _, n := range fontsOfChars(p, "2")['2'] {
			if !strings.HasPrefix(n, "DejaVu") {
				t.Errorf("bold %v: the number 211 in Urdu is drawn in %s, want DejaVu Sans as every number", bold, n)
			}
		}
		// An Urdu name in an English sentence: its comma is Arabic.
		p = set("Local help listed by \u2068ادارہ، لاہور\u2069 today.", "en", false, bold)
		letters = fontsOfChars(p, "ہ")['ہ']
		for _, n := range fontsOfChars(p, "،")['،'] {
			if len(letters) == 0 || n != letters[0] {
				t.Errorf("bold %v: the comma of an Urdu name in English is drawn in %s, its letters in %v", bold, n, letters)
			}
		}
		// Arabic and Persian are DejaVu Sans, punctuation and all.
		for _, c := range []struct{ text, lang string }{{"اتصل الآن، أو غدا؟ خط المساعدة: 911", "ar"}, {"تماس بگیرید، یا فردا؟", "fa"}} {
			p = set(c.text, c.lang, true, bold)
			for ch, names := range fontsOfChars(p, "،؟:اتب") {
				for _, n := range names {
					if !strings.HasPrefix(n, "DejaVu") {
						t.Errorf("bold %v: %q in %s is drawn in %s, want DejaVu Sans", bold, ch, c.lang, n)
					}
				}
			}
		}
		// Punjabi: a number's hyphens in the digits' font.
		p = set("ਹੌਟਲਾਈਨ 1-833-900-1010 ਨੂੰ ਕਾਲ ਕਰੋ।", "pa", false, bold)
		digit := fontsOfChars(p, "8")['8']
		for _, n := range fontsOfChars(p, "-")['-'] {
			if len(digit) == 0 || n != digit[0] {
				t.Errorf("bold %v: a hyphen of the number in Punjabi is drawn in %s, its digits in %v", bold, n, digit)
			}
		}
	}
}

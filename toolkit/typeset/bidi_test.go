package typeset

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// visualString is a line's visible characters in the order they stand
// on the page, left to right: each run in visual order, a right-to-left
// run's text reversed, spaces left out.
func visualString(l Line) string {
	var b strings.Builder
	for _, r := range l.Runs {
		rs := []rune(r.Text)
		if r.RTL {
			slices.Reverse(rs)
		}
		for _, c := range rs {
			if !unicode.IsSpace(c) {
				b.WriteRune(c)
			}
		}
	}
	return b.String()
}

// visualCases are lines with the order Chromium (ICU's bidi) draws them
// in, read from the characters' positions on a headless page: a name
// ending in a number, in an isolate (doc.Isolate) or as it is, in text
// of either direction, with Latin after it.
var visualCases = []struct {
	text string
	rtl  bool
	want string
}{
	// An Arabic number after Arabic text goes two levels up (W2, I1):
	// "24" before the name, read after it, and "abc" after both.
	{"جمعية 24 abc", false, "24ةيعمجabc"},
	// The same in an isolate in English text; go-text ran "24 today" together.
	{"Help from \u2068جمعية النخيل 24\u2069 today", false, "Helpfrom24ليخنلاةيعمجtoday"},
	{"Help from \u2068جمعية النخيل 24.\u2069 today", false, "Helpfrom.24ليخنلاةيعمجtoday"},
	// An isolate opening on Arabic at the start of Arabic text: go-text
	// gave the name the paragraph's level and the rest the isolate's, and
	// "Service Canada" moved before "24." inside the name.
	{"\u2067جمعية النخيل 24.\u2069 اتصل بـ Service Canada الآن", true, "نآلاServiceCanadaـبلصتا.24ليخنلاةيعمج"},
	{"\u2068جمعية النخيل (Palm) 24.\u2069 اتصل بـ Service Canada الآن", true, "نآلاServiceCanadaـبلصتا.24)Palm(ليخنلاةيعمج"},
	{"جمعية النخيل 24. اتصل بـ Service Canada الآن", true, "نآلاServiceCanadaـبلصتا.24ليخنلاةيعمج"},
	// A number after Latin text in Arabic text joins it (W7), in an
	// isolate or not, a phone number's groups too: isolated as after
	// Arabic, "Hall 3" was drawn "3 Hall" (Chromium, 2026-12-07).
	{"عيادة Clinic 2", true, "Clinic2ةدايع"},
	{"اجتماع في Hall 3 اليوم", true, "مويلاHall3يفعامتجا"},
	{"الموعد في Suite 200 غدا", true, "ادغSuite200يفدعوملا"},
	{"اتصل بـ Crime Stoppers 1-800-222-8477 الآن", true, "نآلاCrimeStoppers1-800-222-8477ـبلصتا"},
	{"\u2068مركز Surrey 2\u2069 مساعدة محلية", true, "ةيلحمةدعاسمSurrey2زكرم"},
	{"ساعات: Mon-Fri 9-5", true, "Mon-Fri9-5:تاعاس"},
	// A Latin name isolated at the start of Urdu text.
	{"\u2068St. Mary's Centre (Surrey) 2.\u2069 کی بتائی ہوئی مقامی مدد", true, "ددمیماقمیئوہیئاتبیکSt.Mary'sCentre(Surrey)2."},
}

// TestVisualOrder sets each line and reads its runs in the order they
// are drawn: the order Chromium draws.
func TestVisualOrder(t *testing.T) {
	fonts, err := EmbeddedFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := New(fonts)
	for _, c := range visualCases {
		lang := "en"
		if c.rtl {
			lang = "ar"
		}
		p, err := ts.Set(c.text, Options{Style: Style{Size: 12}, Lang: lang, RTL: c.rtl})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Lines) != 1 {
			t.Fatalf("%q takes %d lines", c.text, len(p.Lines))
		}
		if got := visualString(p.Lines[0]); got != c.want {
			t.Errorf("%q is drawn\n%s\nwant (as Chromium draws it)\n%s", c.text, got, c.want)
		}
	}
}

// TestLevels checks the levels of an isolate that opens on Arabic at
// the start of Arabic text, rule by rule: the isolate's controls at the
// paragraph's level 1 (here with the character before them: they are
// not drawn), the name at the isolate's 3, its number at 4, its period
// at 3, the text after it at 1; go-text gives "⁧جمعية النخيل " 1 and
// ".⁩ مساعدة محلية" 3.
func TestLevels(t *testing.T) {
	text := []rune("\u2067جمعية النخيل 24.\u2069 مساعدة محلية")
	var p bidi.Paragraph
	runs := p.Segment(text, bidi.RightToLeft)
	got := levels(text, runDirections(&runs), true)
	want := make([]bidi.Level, len(text))
	for i, r := range text {
		switch {
		case i == 0:
			want[i] = 3 // the first character's level (the RLI draws nothing)
		case i < 14:
			want[i] = 3 // جمعية النخيل and its space
		case r == '2' || r == '4':
			want[i] = 4
		case r == '.':
			want[i] = 3
		case r == '\u2069':
			want[i] = 3 // with the period before it
		default:
			want[i] = 1
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("levels\n%v, want\n%v", got, want)
	}
}

// TestBracketsAtBreak sets the Arabic hotline's name, "Canadian Human
// Trafficking Hotline (خط مساعدة ضد الاتجار بالبشر)", at a width where
// it breaks inside its brackets, as on the Arabic flyer. The brackets
// hold Arabic in Arabic text, so both are right to left (rule N0) and
// drawn mirrored (L4): the "(" that ends the first line stands between
// the Latin name and خط drawn as ")", opening toward خط, and the ")"
// that ends the paragraph at the left end of the last line drawn as
// "(". Chromium draws the same text at the same break so.
func TestBracketsAtBreak(t *testing.T) {
	fonts, err := EmbeddedFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := New(fonts)
	const text = "Canadian Human Trafficking Hotline (خط مساعدة ضد الاتجار بالبشر)"
	opts := Options{Style: Style{Size: 14, Bold: true}, Lang: "ar", RTL: true}
	var p Paragraph
	for w := 200.0; w < 600; w += 4 {
		opts.Width = w
		if p, err = ts.Set(text, opts); err != nil {
			t.Fatal(err)
		}
		if len(p.Lines) == 2 && strings.HasSuffix(strings.TrimSpace(logical(Paragraph{Lines: p.Lines[:1]})), "(خط") {
			break
		}
		p.Lines = nil
	}
	if p.Lines == nil {
		t.Fatal("no width breaks the name after \"(خط\"")
	}
	glyph := func(r rune) uint16 {
		gid, ok := p.Lines[0].Runs[0].Font.font.Cmap.Lookup(r)
		if !ok {
			t.Fatalf("the font has no %q", r)
		}
		return uint16(gid)
	}
	// drawn is the glyph drawn for the rune at byte offset i of the
	// paragraph, and whether its run is right to left.
	drawn := func(l Line, i int) (uint16, bool) {
		for _, r := range l.Runs {
			for _, g := range r.Glyphs {
				if r.Start+g.Cluster == i {
					return g.GID, r.RTL
				}
			}
		}
		t.Fatalf("no glyph for byte %d in %q", i, logical(Paragraph{Lines: []Line{l}}))
		return 0, false
	}
	open, close := strings.Index(text, "("), strings.Index(text, ")")
	if gid, rtl := drawn(p.Lines[0], open); !rtl || gid != glyph(')') {
		t.Errorf("the opening bracket is drawn as glyph %d (right to left: %v), want the mirrored %d, ')'", gid, rtl, glyph(')'))
	}
	if gid, rtl := drawn(p.Lines[1], close); !rtl || gid != glyph('(') {
		t.Errorf("the closing bracket is drawn as glyph %d (right to left: %v), want the mirrored %d, '('", gid, rtl, glyph('('))
	}
}

// TestNumbersReadLeftToRight sets phone numbers, written every way the
// materials and the people who translate them write one (hyphens,
// spaces, no-break spaces, brackets, a plus, Arabic-Indic and Persian
// digits, joined as NoBreak joins them), inside Arabic, Persian and Urdu
// sentences, at their start, middle and end, in paragraphs of both
// directions and in an isolate of right-to-left text on a left-to-right
// line (doc.Embed: a bilingual page's other language). Every number must
// read left to right, its groups in order: the bidi algorithm alone
// draws "1-833-900-1010" after Arabic letters as 1010-900-833-1.
func TestNumbersReadLeftToRight(t *testing.T) {
	ts := embeddedSetter(t)
	numbers := []string{
		"1-833-900-1010", "1 833 900 1010", "1\u00a0833\u00a0900\u00a01010", "+1 (613) 555-0100",
		"١-٨٣٣-٩٠٠-١٠١٠", "١ ٨٣٣ ٩٠٠ ١٠١٠", "۱-۸۳۳-۹۰۰-۱۰۱۰", "۱ ۸۳۳ ۹۰۰ ۱۰۱۰", "613.555.0100", "24/7",
		NoBreak("1 833 900 1010"), NoBreak("+1 (613) 555-0100"),
	}
	sentences := []struct{ lang, before, after string }{
		{"ar", "اتصل بالرقم ", " الآن"},
		{"fa", "با شماره ", " تماس بگیرید"},
		{"ur", "اس نمبر پر ", " کال کریں"},
	}
	for _, sn := range sentences {
		for _, n := range numbers {
			for _, text := range []string{
				sn.before + n + sn.after,
				n + sn.after,
				sn.before + n,
				"Call \u2067" + sn.before + n + sn.after + "\u2069 today",
				"Call \u2068" + sn.before + n + "\u2069",
				sn.before + "\u2066" + n + "\u2069" + sn.after,
			} {
				for _, rtl := range []bool{true, false} {
					p, err := ts.Set(text, Options{Style: Style{Size: 10}, Lang: sn.lang, RTL: rtl})
					if err != nil {
						t.Fatal(err)
					}
					if len(p.Lines) != 1 {
						t.Fatalf("%q: %d lines, want 1", text, len(p.Lines))
					}
					if err := digitsInOrder(p, text); err != nil {
						t.Errorf("%s, %q (right to left: %v): %v", sn.lang, text, rtl, err)
					}
					if err := numberSignsAsWritten(p.Lines[0]); err != nil {
						t.Errorf("%s, %q (right to left: %v): %v", sn.lang, text, rtl, err)
					}
				}
			}
		}
	}
}

// numberSignsAsWritten checks a line's brackets and plus signs, all of
// them a number's here: each bracket drawn as itself, not mirrored as
// right-to-left text draws one ("+1 )613( 555-0100"), and a plus left of
// the digit after it.
func numberSignsAsWritten(l Line) error {
	chars := drawnGlyphs(l)
	for _, c := range chars {
		if c.r == '(' || c.r == ')' {
			if gid, _ := c.font.font.Cmap.Lookup(c.r); uint16(gid) != c.gid {
				return fmt.Errorf("%q is drawn mirrored", c.r)
			}
		}
	}
	for i := 1; i < len(chars); i++ {
		if plus, digit := chars[i-1], chars[i]; plus.r == '+' && plus.x >= digit.x {
			return fmt.Errorf("the plus is drawn at %.2f pt, right of the %q after it at %.2f pt", plus.x, digit.r, digit.x)
		}
	}
	return nil
}

// drawnGlyph is a glyph of a line: the character it starts at, where.
type drawnGlyph struct {
	at   int  // byte offset in the paragraph
	r    rune // the character written there
	x    float64
	gid  uint16
	font *Font
}

// drawnGlyphs is each glyph of l, in the text's order (as written).
func drawnGlyphs(l Line) []drawnGlyph {
	var out []drawnGlyph
	for _, run := range l.Runs {
		pen, scale := run.X, run.Size/float64(run.Font.UnitsPerEm())
		for _, g := range run.Glyphs {
			r, _ := utf8.DecodeRuneInString(run.Text[g.Cluster:])
			out = append(out, drawnGlyph{run.Start + g.Cluster, r, pen, g.GID, run.Font})
			pen += float64(g.XAdvance) * scale
		}
	}
	slices.SortStableFunc(out, func(a, b drawnGlyph) int { return a.at - b.at })
	return out
}

// TestOverridesReverseNothing: a directional override in a text is an
// embedding of its direction. RIGHT-TO-LEFT OVERRIDE before a number on
// a left-to-right line drew it backwards ("\u202E1-833-900-1010" as
// 0101-009-338-1, "\u202E911" as 119), and LEFT-TO-RIGHT OVERRIDE drew
// Arabic letters in the wrong order. The values people type are refused
// with such a character before they are set (package profile); this is
// the typesetter's own promise. digitsInOrder is FuzzSet's check.
func TestOverridesReverseNothing(t *testing.T) {
	ts := embeddedSetter(t)
	for _, tt := range []struct {
		text string
		rtl  bool
		want []string // in visualString of the line
	}{
		{"\u202E1-833-900-1010", false, []string{"1-833-900-1010"}},
		{"call \u202E911\u202C now", false, []string{"call911now"}},
		{"\u202E1-833-900-1010", true, []string{"1-833-900-1010"}},
		{"\u202Dاتصل\u202C 911", false, []string{"لصتا911"}},
		{"\u202Dاتصل 1-833-900-1010\u202C", true, []string{"لصتا", "1-833-900-1010"}},
	} {
		p, err := ts.Set(tt.text, Options{Style: Style{Size: 10}, Lang: "en", RTL: tt.rtl})
		if err != nil {
			t.Fatal(err)
		}
		if err := digitsInOrder(p, tt.text); err != nil {
			t.Errorf("%q (right to left: %v): %v", tt.text, tt.rtl, err)
		}
		got := visualString(p.Lines[0])
		for _, want := range tt.want {
			if !strings.Contains(got, want) {
				t.Errorf("%q (right to left: %v) drawn left to right as %q, want %q in it", tt.text, tt.rtl, got, want)
			}
		}
	}
}

// TestInputDirectionsAsBidi splits random mixes of every script, with
// isolates, overrides, numbers and brackets, in both directions, as
// shaping does, and reads each character's direction from the
// segmenter's runs (inputDirections) and from go-text's bidi analysis
// of the same text (runDirections), as levels were found before: the
// directions, and the levels made of them, must be the same.
func TestInputDirectionsAsBidi(t *testing.T) {
	t.Parallel()
	ts := embeddedSetter(t)
	if _, err := ts.fonts.Base(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 17))
	odd := []string{"\u2066", "\u2067", "\u2068", "\u2069", "\u202a", "\u202b", "\u202d", "\u202e", "\u202c", "\u200f", "\u200e",
		"(", ")", "[", "]", "«", "»", "24", "٣٤", "۱۲", "-", ".", ",", ": ", "%", "+1 ", "Partner organisation 7", "جمعية النخيل", "\u0651", "ـ"}
	var para bidi.Paragraph
	several := 0
	for i := range 2000 {
		var src strings.Builder
		for range 1 + rng.IntN(8) {
			if rng.IntN(2) == 0 {
				src.WriteString(odd[rng.IntN(len(odd))])
			} else {
				src.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		rtl := rng.IntN(2) == 0
		text, err := ts.prepare(src.String(), rtl)
		if err != nil {
			t.Fatal(err)
		}
		text = strings.ReplaceAll(text, "\n", " ")
		opts := Options{Style: Style{Size: 10}, RTL: rtl, Lang: "und"}
		if err := ts.check(text, opts); err != nil {
			continue // no font: never shaped
		}
		runes := []rune(text)
		dir, def := di.DirectionLTR, bidi.LeftToRight
		if rtl {
			dir, def = di.DirectionRTL, bidi.RightToLeft
		}
		ts.fontmap.sync()
		split := ts.seg.Split(shaping.Input{Text: runes, RunEnd: len(runes), Direction: dir, Size: fixed.I(10), Language: language.NewLanguage("und")}, &ts.fontmap)
		got := inputDirections(split, len(runes))
		runs := para.Segment(runes, def)
		want := runDirections(&runs)
		if !slices.Equal(got, want) {
			t.Fatalf("case %d %q (rtl %v): directions %v, bidi's %v", i, text, rtl, got, want)
		}
		if !slices.Equal(levels(runes, got, rtl), levels(runes, want, rtl)) {
			t.Fatalf("case %d %q (rtl %v): levels differ", i, text, rtl)
		}
		if slices.Contains(want, 0) && slices.Contains(want, 1) {
			several++
		}
	}
	t.Logf("%d texts of both directions", several)
	if several < 200 {
		t.Errorf("only %d texts hold both directions", several)
	}
}

// TestBracketsAroundNumbersFaceEachOther: a pair of brackets that holds
// a number and right-to-left words, "(24 ساعة)", is drawn as a pair,
// "(ساعة 24)", on a line of either direction. Taking the opening bracket
// into the number's left-to-right level (or isolate) when the number
// does not close it drew it at a level of its own, facing the same way
// as its partner: "(ساعة (24" (review15 on c512ff0, and the right-to-left
// paragraphs' isolate before it).
func TestBracketsAroundNumbersFaceEachOther(t *testing.T) {
	ts := embeddedSetter(t)
	for _, tt := range []struct {
		lang, text string
		rtl        []bool
	}{
		{"ar", "Call \u2067(24 ساعة)\u2069 today", []bool{false}},
		{"ar", "Call \u2067(٢٤ ساعة)\u2069 today", []bool{false}},
		{"fa", "Call \u2067(۲۴ ساعت)\u2069 today", []bool{false}},
		{"ur", "Call \u2067(24 گھنٹے)\u2069 today", []bool{false}},
		{"ar", "Local help: جمعية النخيل (24 ساعة)", []bool{false}},
		{"ar", "العدد (3 فقط) here", []bool{false, true}},
		{"ar", "المكتب (9 صباحا - 5 مساء)", []bool{false, true}},
		{"ar", "اتصل (24/7) الآن", []bool{false, true}},
		{"ar", "اتصل بالرقم (1-833-900-1010) مجانا", []bool{false, true}},
		{"ar", "اتصل (24 ساعة) الآن", []bool{false, true}},
		{"ar", "خط الدعم (24 ساعة)", []bool{false, true}},
		{"fa", "با شماره (۱-۸۳۳-۹۰۰-۱۰۱۰) تماس بگیرید", []bool{false, true}},
		{"ur", "اس نمبر پر (1 833 900 1010) کال کریں", []bool{false, true}},
		{"ar", "اتصل على +1 (613) 555-0100 الآن", []bool{false, true}},
		{"ar", "الرقم (+1 613 555 0100) مجاني", []bool{false, true}},
		{"ar", "(1-833-900-1010)", []bool{false, true}},
		{"ar", "(24 ساعة", []bool{false, true}},
		{"ar", "Call \u2067غرفة 5 (24 ساعة)\u2069 now", []bool{false}},
		{"ar", "غرفة 5 (24 ساعة) الآن", []bool{false, true}},
		{"ar", "اتصل +1 (613 فرع) الآن", []bool{false, true}},
		{"ar", "(الغرفة 5) 24 ساعة", []bool{false, true}},
		{"ar", "اتصل (613) 555-0100 (24 ساعة)", []bool{false, true}},
		{"fa", "Call \u2067(اتاق ۵ (۲۴ ساعت))\u2069 now", []bool{false}},
	} {
		for _, rtl := range tt.rtl {
			p, err := ts.Set(tt.text, Options{Style: Style{Size: 10}, Lang: tt.lang, RTL: rtl})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Lines) != 1 {
				t.Fatalf("%q: %d lines, want 1", tt.text, len(p.Lines))
			}
			if err := bracketsFaceEachOther(p.Lines[0]); err != nil {
				t.Errorf("%q (right to left: %v): %v", tt.text, rtl, err)
			}
			if err := digitsInOrder(p, tt.text); err != nil {
				t.Errorf("%q (right to left: %v): %v", tt.text, rtl, err)
			}
		}
	}
}

// bracketsFaceEachOther checks that each pair of round brackets on a
// line, paired as written (the text's order), is drawn as a pair: the
// left one of the two looks like "(" and the right one like ")", as
// each glyph looks (a bracket in a right-to-left run is drawn
// mirrored). An unpaired bracket is not checked.
func bracketsFaceEachOther(l Line) error {
	// Pair by the characters as written: drawnGlyphs holds them in the
	// text's order, so a stack pairs them.
	chars := drawnGlyphs(l)
	for _, c := range chars {
		if c.r == '(' || c.r == ')' {
			if _, err := looks(c); err != nil {
				return err
			}
		}
	}
	var open []drawnGlyph
	for _, c := range chars {
		switch c.r {
		case '(':
			open = append(open, c)
		case ')':
			if len(open) == 0 {
				continue
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			left, right := o, c
			if right.x < left.x {
				left, right = right, left
			}
			ll, _ := looks(left)
			rl, _ := looks(right)
			if ll != '(' || rl != ')' {
				return fmt.Errorf("the brackets at bytes %d and %d are drawn %c…%c left to right: they do not face each other", o.at, c.at, ll, rl)
			}
		}
	}
	return nil
}

// looks is the bracket c looks like as drawn: a bracket in a
// right-to-left run is drawn mirrored.
func looks(c drawnGlyph) (rune, error) {
	open, _ := c.font.font.Cmap.Lookup('(')
	shut, _ := c.font.font.Cmap.Lookup(')')
	switch c.gid {
	case uint16(open):
		return '(', nil
	case uint16(shut):
		return ')', nil
	}
	return 0, fmt.Errorf("%q at byte %d is drawn as glyph %d, neither bracket", c.r, c.at, c.gid)
}

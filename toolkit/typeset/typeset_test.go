package typeset

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

func embeddedSetter(t testing.TB) *Typesetter {
	t.Helper()
	fam, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := NewFonts(fam, nil)
	if err != nil {
		t.Fatal(err)
	}
	return New(fonts)
}

// lineText joins the text of a line's runs in visual order.
func lineText(l Line) string {
	var b strings.Builder
	for _, r := range l.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

func TestSetBreaksWithinWidth(t *testing.T) {
	ts := embeddedSetter(t)
	text := "If you or someone you know is in immediate danger, call 911. The hotline is free, confidential and open day and night."
	tests := []struct {
		name  string
		width float64
	}{
		{"narrow", 80},
		{"column", 200},
		{"wide", 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ts.Set(text, Options{Style: Style{Size: 11}, Width: tt.width, Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			for _, l := range p.Lines {
				if l.Width > tt.width+0.01 {
					t.Errorf("line %q is %.2f pt wide, over %.0f", lineText(l), l.Width, tt.width)
				}
				got.WriteString(lineText(l))
			}
			if got.String() != text {
				t.Errorf("lines joined = %q, want the source text %q", got.String(), text)
			}
			if len(p.Lines) < 2 && tt.width < 500 {
				t.Errorf("expected several lines at width %.0f, got %d", tt.width, len(p.Lines))
			}
		})
	}
}

func TestMissingGlyphNamesCharacter(t *testing.T) {
	ts := embeddedSetter(t)
	// Linear B is in no font the project uses or looks for.
	_, err := ts.Set("ok 𐀀", Options{Style: Style{Size: 10}, Lang: "gmy"})
	if err == nil {
		t.Fatal("a character no font has: want an error, got none")
	}
	for _, want := range []string{"U+10000", "gmy", "DejaVu Sans", "for Linb under fonts:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// TestNumbersInRightToLeftText checks that a phone number inside Arabic,
// Persian and Urdu text keeps its digit groups in reading order, as
// written and as Tie marks it (a word joiner between its characters).
func TestNumbersInRightToLeftText(t *testing.T) {
	ts := embeddedSetter(t)
	tests := []struct{ lang, text string }{
		{"ar", "اتصل بالخط الساخن: 1-833-900-1010 الآن"},
		{"fa", "با خط تلفن 1-833-900-1010 تماس بگیرید"},
		{"ur", "ہاٹ لائن 1-833-900-1010 پر کال کریں"},
		{"ar", "في حالة الخطر اتصل بـ 911."},
	}
	for _, tt := range tests {
		tests = append(tests, struct{ lang, text string }{tt.lang + "-tied", Tie(tt.text, nil)})
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			p, err := ts.Set(tt.text, Options{Style: Style{Size: 10}, Lang: strings.TrimSuffix(tt.lang, "-tied"), RTL: true})
			var missing *MissingGlyphError
			if errors.As(err, &missing) && os.Getenv("AWAREKIT_REQUIRE_FONTS") != "1" {
				t.Skip(err)
			}
			if err != nil {
				t.Fatal(err)
			}
			want := strings.ReplaceAll(phoneNumber.FindString(tt.text), string(wordJoiner), "")
			var visual strings.Builder
			for _, l := range p.Lines {
				for _, r := range l.Runs {
					if strings.ContainsFunc(r.Text, isDirectionControl) {
						t.Errorf("run %q still holds a direction control", r.Text)
					}
					if !r.RTL {
						visual.WriteString(r.Text)
					}
				}
			}
			if !strings.Contains(visual.String(), want) {
				t.Errorf("left-to-right runs, left to right, read %q; want the number %q in order", visual.String(), want)
			}
			// The number's run must sit to the left of the Arabic that
			// precedes it in the logical text (right-to-left reading).
			runs := p.Lines[0].Runs
			if runs[len(runs)-1].RTL == false {
				t.Errorf("the line does not start (on the right) with right-to-left text: %+v", runs[len(runs)-1].Text)
			}
		})
	}
}

// TestNumbersKeepRightToLeftOrder: two numbers in a row, or a number
// before Latin text, keep the right-to-left order of the sentence; each
// number reads left to right inside; as written and as Tie marks it.
func TestNumbersKeepRightToLeftOrder(t *testing.T) {
	ts := embeddedSetter(t)
	tests := []struct {
		name, lang, text string
		leftToRight      []string // pieces in their order on the page, left to right
	}{
		{"hours then languages", "ur", "مفت اور رازدارانہ، 24/7، 200 سے زیادہ زبانوں میں۔", []string{"200", "24/7"}},
		{"number then address", "ar", "أرسل CONNECT برسالة نصية إلى 686868 · kidshelpphone.ca", []string{"kidshelpphone.ca", "686868", "CONNECT"}},
	}
	for _, tt := range tests {
		tt.name, tt.text = tt.name+" tied", Tie(tt.text, nil)
		tests = append(tests, tt)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ts.Set(tt.text, Options{Style: Style{Size: 10}, Lang: tt.lang, RTL: true})
			var missing *MissingGlyphError
			if errors.As(err, &missing) && os.Getenv("AWAREKIT_REQUIRE_FONTS") != "1" {
				t.Skip(err)
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Lines) != 1 {
				t.Fatalf("%d lines, want 1", len(p.Lines))
			}
			var visual strings.Builder
			for _, r := range p.Lines[0].Runs {
				visual.WriteString(r.Text)
				visual.WriteString("|")
			}
			last := -1
			for _, piece := range tt.leftToRight {
				i := strings.Index(visual.String(), piece)
				if i < 0 || i < last {
					t.Fatalf("runs left to right %q: want %v in that order", visual.String(), tt.leftToRight)
				}
				last = i
			}
		})
	}
}

// TestIsolatesKeepTheirOrder: a value inserted into text of the other
// direction as an isolate (FIRST STRONG ISOLATE … POP DIRECTIONAL
// ISOLATE) is drawn as one piece in its own direction, with its
// brackets, digits and final period where its writer put them, and the
// words around it keep their order; also where the value nests a third
// level (an Arabic name with a number in English, an Arabic word in a
// Latin name in Arabic), which go-text's wrapper ordered by two levels.
func TestIsolatesKeepTheirOrder(t *testing.T) {
	ts := embeddedSetter(t)
	tests := []struct {
		name, lang, text string
		rtl              bool
		visual           string // the runs' text left to right, right-to-left runs reversed
	}{
		{"Latin name in Arabic", "ar", "مساعدة محلية ذكرتها \u2068St. Mary's Centre (Surrey) 2.\u2069", true,
			"St. Mary's Centre (Surrey) 2. اهتركذ ةيلحم ةدعاسم"},
		{"Latin name in Persian", "fa", "کمک محلی که \u2068Riverside & Co. 2.\u2069 معرفی کرده است", true,
			"تسا هدرک یفرعم Riverside & Co. 2. هک یلحم کمک"},
		{"Arabic name with a number in English", "en", "Local help listed by \u2068جمعية النخيل 24.\u2069", false,
			"Local help listed by .24 ليخنلا ةيعمج"},
		{"Arabic word in a Latin name in Arabic", "ar", "ذكرتها \u2068Centre النخيل 2\u2069", true,
			"Centre ليخنلا 2 اهتركذ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ts.Set(tt.text, Options{Style: Style{Size: 10}, Lang: tt.lang, RTL: tt.rtl})
			if err != nil {
				t.Fatal(err)
			}
			var visual strings.Builder
			for _, r := range p.Lines[0].Runs {
				if strings.ContainsFunc(r.Text, isDirectionControl) {
					t.Errorf("run %q still holds a direction control", r.Text)
				}
				if r.RTL {
					rs := []rune(r.Text)
					slices.Reverse(rs)
					visual.WriteString(string(rs))
				} else {
					visual.WriteString(r.Text)
				}
			}
			if got := strings.Join(strings.Fields(visual.String()), " "); got != tt.visual {
				t.Errorf("drawn left to right as %q, want %q", got, tt.visual)
			}
		})
	}
}

package typeset

import (
	"fmt"
	"strings"
	"testing"
)

// TestEmbeddedRunsReadInOneDirection sets sentences of one direction
// with a name of the other inside (the organisation's list's title in
// Arabic, Persian and Urdu, with short and long Latin names and names
// with digits and punctuation; Arabic contact names that begin with an
// English service name; an Arabic name in English) at every width from
// 60 to 400 points (under 60, "Community" alone is wider than the line). A
// line that breaks inside such a name splits it between the far end of
// one line and the near end of the next (UAX #9 orders each line after
// the break): a name that fits on a line must stand whole on one, and a
// name wider than a line must start a line, so that its pieces stand
// one under the other. Nothing may be lost.
func TestEmbeddedRunsReadInOneDirection(t *testing.T) {
	t.Parallel()
	ts := embeddedSetter(t)
	names := []string{
		"Maple Community Services",
		"Maple Community Services 24/7 Inc.",
		"St. Mary's Centre (Surrey) 2.",
		"Riverside Settlement Services and Community Legal Clinic of the Greater Eastside",
		"Centre 24/7",
	}
	type tmpl struct {
		lang, text string
		rtl        bool
	}
	titles := []tmpl{
		{"ar", "مساعدة محلية ذكرتها %s", true},
		{"fa", "کمک محلی که %s معرفی کرده است", true},
		{"ur", "%s کی بتائی ہوئی مقامی مدد", true},
		{"ar", "اتصل بخط بلاغات %s للعمال الأجانب المؤقتين", true},
	}
	type ccase struct {
		lang, text, name string
		rtl              bool
	}
	var cases []ccase
	for _, tp := range titles {
		for _, n := range names {
			// As the documents give it: the name isolated (doc.Isolate).
			cases = append(cases, ccase{tp.lang, fmt.Sprintf(tp.text, "\u2068"+n+"\u2069"), n, tp.rtl})
		}
	}
	cases = append(cases,
		ccase{"ar", "Manitoba Child and Family Services (خدمات الطفل والأسرة في مانيتوبا، CFS)", "Manitoba Child and Family Services", true},
		ccase{"fa", "Kids Help Phone (خط کمک کودکان و نوجوانان)", "Kids Help Phone", true},
		ccase{"ur", "Canadian Human Trafficking Hotline (انسانی اسمگلنگ کے خلاف ہیلپ لائن)", "Canadian Human Trafficking Hotline", true},
		ccase{"en", "Local help listed by \u2068جمعية النخيل للخدمات الاجتماعية 24/7\u2069 in your town", "جمعية النخيل للخدمات الاجتماعية 24/7", false},
	)
	bad := 0
	for _, c := range cases {
		opts := Options{Style: Style{Size: 10}, Lang: c.lang, RTL: c.rtl}
		nameW, err := ts.Measure(c.name, Options{Style: opts.Style, Lang: c.lang, RTL: !c.rtl})
		fontsOrSkip(t, err)
		for w := 60.0; w <= 400; w += 3 {
			if w > nameW-1 && w < nameW+1 {
				continue // at the name's own width: rounding decides
			}
			opts.Width = w
			p, err := ts.Set(c.text, opts)
			fontsOrSkip(t, err)
			whole := logical(p)
			if got, want := strings.ReplaceAll(whole, "\n", ""), strings.NewReplacer("\u2068", "", "\u2069", "").Replace(c.text); got != want {
				t.Fatalf("%s at %v pt: the lines hold %q, want %q", c.lang, w, got, want)
			}
			// Where the name starts and ends, and where each line starts,
			// in the lines' text put together.
			at := strings.Index(strings.ReplaceAll(whole, "\n", ""), c.name)
			end := at + len(c.name)
			var starts []int // each line's first visible character
			n := 0
			for _, l := range strings.Split(strings.TrimSuffix(whole, "\n"), "\n") {
				starts = append(starts, n+len(l)-len(strings.TrimLeft(l, " ")))
				n += len(l)
			}
			for i, s := range starts[1:] {
				if at < s && s < end && nameW < w {
					bad++
					t.Errorf("%s at %v pt: %q (%.0f pt) fits on a line but breaks:\n%s", c.lang, w, c.name, nameW, lines(p))
					break
				}
				if at < s && s < end && !containsInt(starts, at) {
					bad++
					t.Errorf("%s at %v pt: %q (%.0f pt) is wider than the line and does not start one (line %d):\n%s", c.lang, w, c.name, nameW, i+2, lines(p))
					break
				}
			}
		}
	}
	if bad > 0 {
		t.Logf("%d settings break a name of the other direction", bad)
	}
	// Split (a layout's last resort), the name breaks where the line
	// ends, as before; and the paragraphs kept whole are not served.
	text := "مساعدة محلية ذكرتها \u2068Maple Community Services 24/7 Inc.\u2069"
	opts := Options{Style: Style{Size: 10}, Lang: "ar", RTL: true, Width: 200}
	whole, err := ts.Set(text, opts)
	fontsOrSkip(t, err)
	ts.SplitEmbedded(true)
	split, err := ts.Set(text, opts)
	ts.SplitEmbedded(false)
	fontsOrSkip(t, err)
	if w, s := logical(whole), logical(split); !strings.Contains(w, "\nMaple Community Services 24/7 Inc.\n") || !strings.Contains(s, "Maple Community \nServices") {
		t.Errorf("at 200 pt, kept whole:\n%s\nsplit:\n%s", w, s)
	}
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// lines shows a paragraph's lines as drawn, left to right.
func lines(p Paragraph) string {
	var b strings.Builder
	for _, l := range p.Lines {
		b.WriteString("  " + visualString(l) + "\n")
	}
	return b.String()
}

// TestEmbeddedRunLeadingSpaceKept sets a paragraph that begins with
// spaces and then a run of the other direction that fits on a line only
// without them: keepEmbedded's lines put the spaces on a line of their
// own, which was dropped as if it held only its line separator (the
// fuzzer's " Ya0 000", right to left, 54 pt, lost its space). The text
// must come back whole at every width.
func TestEmbeddedRunLeadingSpaceKept(t *testing.T) {
	ts := embeddedSetter(t)
	for _, text := range []string{" Ya0 000", "   Maple Community Services", " Maple 24/7 Centre العربية", " الاتجار بالبشر English"} {
		for _, rtl := range []bool{true, false} {
			for w := 20.0; w <= 200; w += 2 {
				p, err := ts.Set(text, Options{Style: Style{Size: 12, Bold: true}, Width: w, RTL: rtl, Lang: "ar"})
				fontsOrSkip(t, err)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := strings.ReplaceAll(logical(p), "\n", ""), settable(text); got != want {
					t.Errorf("%q rtl %v at %v pt: set %q", text, rtl, w, got)
				}
			}
		}
	}
}

package md

import (
	"regexp"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content/contenttest"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/render/txt"
)

func documents(t *testing.T) []*doc.Document {
	return contenttest.Documents(t)
}

func write(t *testing.T, d *doc.Document) string {
	t.Helper()
	var b strings.Builder
	if err := Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var definition = regexp.MustCompile(`^\[[^\]]+\]: <[^>]+>$`)

// checkWidth fails on a line wider than LineWidth, unless it cannot be
// broken: a link definition, or a line with no space to break at.
func checkWidth(t *testing.T, out string) {
	t.Helper()
	for i, l := range strings.Split(out, "\n") {
		if txt.Width(l) <= LineWidth || definition.MatchString(l) || !strings.Contains(strings.TrimLeft(l, "-> "), " ") {
			continue
		}
		t.Errorf("line %d is %d columns wide: %q", i+1, txt.Width(l), l)
	}
}

// unescape undoes Escape and folds white space, to compare with the
// document's text.
func unescape(s string) string {
	s = regexp.MustCompile(`\\(.)`).ReplaceAllString(s, "$1")
	return strings.Join(strings.Fields(s), " ")
}

func TestWriteEveryDocument(t *testing.T) {
	for _, d := range documents(t) {
		t.Run(d.Meta.Audience+"/"+d.Meta.Lang, func(t *testing.T) {
			out := write(t, d)
			checkWidth(t, out)
			hotline := "**[" + d.Help.Hotline.Phone + "](tel:+18339001010)**"
			if !strings.Contains(out, hotline) {
				t.Errorf("the hotline is not %s:\n%s", hotline, out)
			}
			// A setext heading: the headline, then a line of = signs.
			if !regexp.MustCompile(`(?m)^=+$`).MatchString(out) {
				t.Errorf("no level-one heading")
			}
			plain := unescape(out)
			want := []string{d.Headline, d.Help.Emergency, d.Signs.Title, d.Signs.Items[0], d.Footer.Draft, "[604-555-0134](tel:+16045550134)"}
			if d.Law != nil && len(d.Law.Items) > 0 {
				want = append(want, d.Law.Title, d.Law.Items[0].Text, d.Law.Items[0].Citation)
			}
			for _, st := range d.Stories {
				want = append(want, st.Title, st.Label, st.Text)
			}
			for _, want := range want {
				if !strings.Contains(plain, strings.Join(strings.Fields(want), " ")) {
					t.Errorf("the Markdown lacks %q", want)
				}
			}
			// Every shortcut link has its definition.
			for _, m := range regexp.MustCompile(`\[([a-z0-9.-]+\.[a-z]+)\]`).FindAllStringSubmatch(out, -1) {
				if !strings.Contains(out, "\n["+m[1]+"]: <https://") {
					t.Errorf("[%s] has no link definition", m[1])
				}
			}
		})
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, 24/7.", "plain text, 24/7."},
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
		{"*bold* _em_ `code` [link](javascript:x)", "\\*bold\\* \\_em\\_ \\`code\\` \\[link\\](javascript:x)"},
		{"# not a heading", `\# not a heading`},
		{"a \\ b", `a \\ b`},
		{"R&D &amp; &#60;", `R&D \&amp; \&#60;`},
		{"1-833-900-1010", "1-833-900-1010"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWriteEscapes writes text that would be markup, with words placed to
// start lines as list markers, quotes and headings would.
func TestWriteEscapes(t *testing.T) {
	long := strings.Repeat("x", LineWidth-1) // what follows it starts a line
	d := &doc.Document{
		Brand:    doc.Brand{OrgName: "<b>Org</b> & *friends*"},
		Headline: "Headline [x](javascript:alert(1))",
		Intro:    long + " - not a list " + long + " + nor this " + long + " 2. nor this " + long + " === nor this " + long + " # nor this",
		Signs:    doc.List{Title: "Signs", Items: []string{"<img src=x onerror=alert(1)>", "- a dash first", "1. a number first"}},
		Help: doc.Help{
			Title:     "Get help",
			Hotline:   doc.Contact{Name: "Hotline_name", Phone: "1-833-900-1010", Website: "example.org/a_b", Email: "a@b.ca>"},
			Emergency: "In danger, call 911.",
		},
	}
	out := write(t, d)
	checkWidth(t, out)
	for _, bad := range []string{"<b>", "<img", "](javascript", "\n- not", "\n+ nor", "\n2. nor", "\n=== nor", "\n# nor", "- - a dash", "- 1. a number", "*friends*", "Hotline_name", "<a@b.ca>>"} {
		if regexp.MustCompile(`(^|[^\\])` + regexp.QuoteMeta(bad)).MatchString(out) {
			t.Errorf("unescaped %q in:\n%s", bad, out)
		}
	}
	for _, want := range []string{`\<b\>Org\</b\>`, "\n\\- not", "\n\\+ nor", "\n2\\. nor", "\n\\=== nor", "\n\\# nor", `- \- a dash`, `- 1\. a number`, `Hotline\_name`, "[example.org/a\\_b]: <https://example.org/a_b>"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}

func TestWriteRTLAndWide(t *testing.T) {
	d := &doc.Document{
		Meta:     doc.Meta{Lang: "ar", RTL: true},
		Headline: "اعرف العلامات. يمكنك الحصول على المساعدة.",
		Intro:    strings.Repeat("الاتجار بالبشر هو عندما يستخدم شخص الخوف أو السيطرة. ", 4),
		Help:     doc.Help{Title: "احصل على المساعدة", Hotline: doc.Contact{Name: "الخط الساخن", Phone: "1-833-900-1010"}},
	}
	out := write(t, d)
	checkWidth(t, out)
	if !strings.Contains(out, "**[1-833-900-1010](tel:+18339001010)**") {
		t.Errorf("no hotline:\n%s", out)
	}
	d.Intro = strings.Repeat("人口贩运是指有人利用恐惧或控制。", 6)
	out = write(t, d)
	if !strings.Contains(out, d.Intro) {
		t.Errorf("Chinese text was broken over lines, which a renderer would show as spaces:\n%s", out)
	}
}

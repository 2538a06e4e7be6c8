package pdf_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// TestUrduPunctuationInTheArabicFont draws an Urdu line with the Arabic
// comma, semicolon and question mark and reads the file with qpdf: the
// only fonts whose ToUnicode maps name those characters must be the
// font of the Urdu letters (Noto Sans Arabic). They were drawn in
// DejaVu Sans, whose map named U+060C.
func TestUrduPunctuationInTheArabicFont(t *testing.T) {
	pdftest.Need(t, "qpdf", "pdffonts")
	fonts, err := typeset.EmbeddedFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := typeset.New(fonts)
	const text = "کال کریں، چاہے رات ہو؛ آپ کو کیا کرنا چاہیے؟ ہیلپ لائن: 211"
	para, err := ts.Set(text, typeset.Options{Style: typeset.Style{Size: 14}, Lang: "ur", RTL: true})
	var missing *typeset.MissingGlyphError
	if errors.As(err, &missing) && !pdftest.Required() {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	var els []layout.Element
	for i, l := range para.Lines {
		els = append(els, layout.Element{Tag: &layout.Tag{Role: layout.RoleP, Lang: "ur"}, Text: &layout.TextLine{X: 36, Y: 60 + 20*float64(i), Line: l}})
	}
	d := &layout.Document{Meta: doc.Meta{Title: "Test", Lang: "ur"}, Pages: []layout.Page{{Width: 612, Height: 200, Elements: els}}}
	var buf bytes.Buffer
	if err := pdf.Render(&buf, d, pdf.Options{Date: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ur.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", path, "-").Output()
	if err != nil {
		t.Fatalf("qpdf: %v", err)
	}
	objects := map[string]string{}
	for _, m := range regexp.MustCompile(`(?s)\n(\d+) 0 obj\n(.*?)\nendobj`).FindAllStringSubmatch(string(out), -1) {
		objects[m[1]] = m[2]
	}
	baseFont, toUnicode := regexp.MustCompile(`/BaseFont /(\S+)`), regexp.MustCompile(`/ToUnicode (\d+) 0 R`)
	var letters, names []string
	maps := map[string]string{}
	for _, o := range objects {
		b, u := baseFont.FindStringSubmatch(o), toUnicode.FindStringSubmatch(o)
		if b == nil || u == nil {
			continue
		}
		m := strings.ToLower(objects[u[1]])
		maps[b[1]] = m
		names = append(names, b[1])
		if strings.Contains(m, "<06a9>") { // ک, an Urdu letter
			letters = append(letters, b[1])
		}
	}
	if len(letters) != 1 || !strings.Contains(letters[0], "NotoSansArabic") {
		t.Fatalf("the Urdu letters are drawn in %v, want Noto Sans Arabic (fonts %v)", letters, names)
	}
	for _, cp := range []string{"060c", "061b", "061f"} {
		for name, m := range maps {
			if has := strings.Contains(m, "<"+cp+">"); has != (name == letters[0]) {
				t.Errorf("U+%s mapped by %s: %v; want only by %s, the Urdu letters' font", strings.ToUpper(cp), name, has, letters[0])
			}
		}
	}
}

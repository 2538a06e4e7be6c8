package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// TestNameInRightToLeftText draws the local list's title of an Arabic
// and a Persian page, with the organisation's Latin name inserted as the
// content inserts it (doc.Isolate), and reads the page back with
// poppler, which orders the drawn glyphs by where they stand: pdftotext
// must give the name whole, "St. Mary's Centre (Surrey) 2.", not
// ").2 St. Mary's Centre (Surrey" as when the name's period and digit
// went to the Persian around it, and the words around it in their order;
// the structure's text (what a screen reader reads) is the sentence as
// written.
func TestNameInRightToLeftText(t *testing.T) {
	pdftest.Need(t, "pdfinfo", "pdftotext")
	fonts, err := typeset.EmbeddedFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := typeset.New(fonts)
	const name = "St. Mary's Centre (Surrey) 2."
	tests := []struct{ lang, before, after string }{
		{"ar", "مساعدة محلية ذكرتها ", ""},
		{"fa", "کمک محلی که ", " معرفی کرده است"},
		{"ur", "", " کی بتائی ہوئی مقامی مدد"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			text := tt.before + doc.Isolate(name, true) + tt.after
			para, err := ts.Set(text, typeset.Options{Style: typeset.Style{Size: 14}, Lang: tt.lang, RTL: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(para.Lines) != 1 {
				t.Fatalf("the title takes %d lines, want one", len(para.Lines))
			}
			tag := &layout.Tag{Role: layout.RoleH3, Lang: tt.lang}
			d := &layout.Document{
				Meta: doc.Meta{Title: "Test", Lang: tt.lang, RTL: true},
				Pages: []layout.Page{{Width: 612, Height: 200, Elements: []layout.Element{
					{Tag: tag, Text: &layout.TextLine{X: 540 - para.Lines[0].Width, Y: 100, Line: para.Lines[0]}},
				}}},
			}
			var buf bytes.Buffer
			if err := pdf.Render(&buf, d, pdf.Options{Date: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)}); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), tt.lang+".pdf")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			want := pdftest.Normalize(tt.before + name + tt.after)
			// poppler takes a line whose leftmost word is Latin for a
			// left-to-right line (it then puts the name before the
			// Arabic), and may move a space to a run's edge: the name
			// must be whole, the words around it in their order.
			for _, s := range []string{pdftest.Text(t, path), pdftest.LayoutText(t, path)} {
				s = pdftest.Normalize(s)
				if !strings.Contains(s, name) {
					t.Errorf("pdftotext reads %q: the name %q is not whole", s, name)
				}
				for _, part := range []string{tt.before, tt.after} {
					if part = strings.TrimSpace(part); !strings.Contains(s, part) {
						t.Errorf("pdftotext reads %q, without %q in its order", s, part)
					}
				}
			}
			var got []string
			for _, l := range pdftest.StructText(t, path) {
				if l.Role == "" {
					got = append(got, l.Text)
				}
			}
			if s := pdftest.Normalize(strings.Join(got, " ")); s != want {
				t.Errorf("the structure reads %q, want %q", s, want)
			}
		})
	}
}

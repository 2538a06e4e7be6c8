package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// hotline is the number that must never come out reversed.
const hotline = "1-833-900-1010"

// TestNumberInArabicText draws an Arabic paragraph with the hotline's
// number inside it, and checks the number three ways, with tools nobody
// here wrote: the structure's text (what a screen reader following the
// tags reads) and pdftotext give the paragraph in logical order with
// the number as it is written, and the page shows the number's digits
// from left to right: the pixels where it stands are those of the number
// set alone, in English.
func TestNumberInArabicText(t *testing.T) {
	pdftest.Need(t, "pdfinfo", "pdftotext", "pdftoppm")
	fonts, err := typeset.EmbeddedFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := typeset.New(fonts)
	// The words of the Arabic "call 911" line, with the hotline's number.
	text := "في حالة الخطر الفوري، اتصل بالرقم " + hotline + " الآن."
	style := typeset.Style{Size: 18}
	para, err := ts.Set(text, typeset.Options{Style: style, Lang: "ar", RTL: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(para.Lines) != 1 {
		t.Fatalf("the paragraph takes %d lines, want one", len(para.Lines))
	}
	line := para.Lines[0]
	var number *typeset.Run
	for i, r := range line.Runs {
		if strings.Contains(r.Text, "833") {
			number = &line.Runs[i]
		}
	}
	if number == nil || number.RTL || number.Text != hotline {
		t.Fatalf("the number is not one left-to-right run of its own: %+v", number)
	}
	const x, y = 72, 100
	dir := t.TempDir()
	draw := func(name string, l typeset.Line, lang string) string {
		tag := &layout.Tag{Role: layout.RoleP, Lang: lang}
		d := &layout.Document{
			Meta: doc.Meta{Title: "Test", Lang: "ar"},
			Pages: []layout.Page{{Width: 612, Height: 200, Elements: []layout.Element{
				{Tag: tag, Text: &layout.TextLine{X: x, Y: y, Line: l}},
			}}},
		}
		var buf bytes.Buffer
		if err := pdf.Render(&buf, d, pdf.Options{Date: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	path := draw("arabic", line, "ar")

	var got []string
	for _, l := range pdftest.StructText(t, path) {
		if l.Role == "" {
			got = append(got, l.Text)
		}
	}
	if s := pdftest.Normalize(strings.Join(got, " ")); s != pdftest.Normalize(text) {
		t.Errorf("the structure reads %q, want %q", s, text)
	}
	// pdftotext, which orders by position, has the words in order but
	// moves a space next to the number and the comma (poppler's reordering
	// of neutral characters in RTL lines): its text must be the
	// paragraph's, but for where the spaces go.
	unspaced := func(s string) string { return strings.ReplaceAll(pdftest.Normalize(s), " ", "") }
	for _, s := range []string{pdftest.Text(t, path), pdftest.LayoutText(t, path)} {
		if !strings.Contains(s, hotline) || unspaced(s) != unspaced(text) {
			t.Errorf("pdftotext reads %q, want %q", s, text)
		}
	}

	// The number set alone in English, drawn where the Arabic line has
	// it: the same font and size (digits in Arabic text are set at
	// Latin's optical size), so the same pixels if its digits are in
	// their order.
	alone, err := ts.Set(hotline, typeset.Options{Style: typeset.Style{Size: number.Size}, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	al := alone.Lines[0]
	if len(al.Runs) != 1 || al.Runs[0].Font != number.Font || al.Runs[0].Size != number.Size {
		t.Fatalf("the number alone is not set like the number in the Arabic line: %+v, %+v", al.Runs, *number)
	}
	al.Runs[0].X = number.X
	ref := draw("number", al, "en")
	crop := func(path string) []byte {
		// At 144 dpi, 2 pixels a point: the number's box, from above its
		// digits to below the baseline.
		left, top := 2*(x+al.Runs[0].X), 2*(y-style.Size)
		out := filepath.Join(dir, filepath.Base(path)+".crop")
		cmd := exec.Command("pdftoppm", "-r", "144", "-gray",
			"-x", strconv.Itoa(int(left)), "-y", strconv.Itoa(int(top)),
			"-W", strconv.Itoa(int(2*al.Runs[0].Width)), "-H", strconv.Itoa(int(2*style.Size*1.4)), path, out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, msg)
		}
		b, err := os.ReadFile(out + "-1.pgm")
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b := crop(path), crop(ref)
	if len(a) != len(b) {
		t.Fatalf("the crops differ in size: %d and %d bytes", len(a), len(b))
	}
	if bytes.Count(b, []byte{255}) > len(b)*99/100 {
		t.Fatal("the number alone draws nothing in the compared box")
	}
	// The two are shaped at slightly different sizes (a font unit of
	// advance apart here and there), so edges may differ by a little;
	// digits in another order differ by whole glyphs.
	far := 0
	for i := range a {
		if max(int(a[i])-int(b[i]), int(b[i])-int(a[i])) > 128 {
			far++
		}
	}
	t.Logf("%d of %d pixels differ by more than half", far, len(a))
	if far > len(a)/200 {
		t.Errorf("the number in the Arabic line does not look like %s drawn alone: %d of %d pixels differ by more than half", hotline, far, len(a))
	}
}

package cidfont

import (
	"io"
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-text/typesetting/language"
)

// latinPage is about 250 words of English for the page benchmarks.
const latinPage = `Human trafficking is the recruitment, transportation or holding of a person
by force, fraud or coercion for the purpose of exploitation. It happens in cities, towns and rural
areas, and it often starts with a promise: a good job, a place to stay, a way to study, a chance to
send money home. People who are trafficked may work long hours for little or no pay, may not hold
their own identity papers, and may be told that they owe a debt that keeps growing. Many do not see
themselves as victims, and many are afraid of the police, of losing their status, or of what will
happen to their families. Traffickers use that fear. You can help by knowing the signs. Someone may
seem controlled by another person who speaks for them, may not know the address where they live or
work, may show signs of injury or exhaustion, or may be moved often from one place to another. A
young person may suddenly have expensive things and an older boyfriend or girlfriend, and may stop
going to school. None of these signs proves anything on its own, but together they are a reason to
ask quietly whether the person is safe. If you think someone is in immediate danger, call the
emergency number. If you have questions, or want to talk about what you have seen, call the
confidential hotline. It is free, it is open day and night, and you do not have to give your name.
Interpreters are available in many languages.`

// latinLines shapes latinPage once and breaks it into lines 170 mm wide at
// 10 pt, as the typeset package would.
func latinLines(tb testing.TB) (lines []string, runs []Run) {
	tb.Helper()
	tf := dejaVuSans(tb)
	words := strings.Fields(latinPage)
	const size, width = 10.0, 170 / 25.4 * 72 // points
	line := ""
	flush := func() {
		r := shape(tf, line, language.Latin, "en", false)
		r.Size = size
		lines, runs = append(lines, line), append(runs, r)
	}
	for _, word := range words {
		next := word
		if line != "" {
			next = line + " " + word
		}
		r := shape(tf, next, language.Latin, "en", false)
		r.Size = size
		if line != "" && runWidth(r) > width {
			flush()
			next = word
		}
		line = next
	}
	flush()
	return lines, runs
}

// BenchmarkDrawLatinPage builds a one-page document of about 250 words in
// DejaVu Sans 10 pt from glyph runs shaped beforehand, and writes it.
func BenchmarkDrawLatinPage(b *testing.B) {
	_, runs := latinLines(b)
	b.ReportAllocs()
	for b.Loop() {
		pdf := newDoc()
		pdf.AddPage()
		w := NewWriter(pdf)
		for i, r := range runs {
			r.X, r.Y = 20, 25+5*float64(i)
			if err := w.Draw(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Output(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFpdfTextPage builds the same page with fpdf's own
// AddUTF8FontFromBytes and Text, for comparison.
func BenchmarkFpdfTextPage(b *testing.B) {
	lines, _ := latinLines(b)
	b.ReportAllocs()
	for b.Loop() {
		pdf := newDoc()
		pdf.AddUTF8FontFromBytes("dejavu", "", dejavusans.TTF)
		pdf.AddPage()
		pdf.SetFont("dejavu", "", 10)
		for i, line := range lines {
			pdf.Text(20, 25+5*float64(i), line)
		}
		if err := pdf.Output(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkShapeDrawLatinPage is BenchmarkDrawLatinPage with the shaping
// (go-text HarfBuzz) of every line included.
func BenchmarkShapeDrawLatinPage(b *testing.B) {
	lines, _ := latinLines(b)
	tf := dejaVuSans(b)
	b.ReportAllocs()
	for b.Loop() {
		pdf := newDoc()
		pdf.AddPage()
		w := NewWriter(pdf)
		for i, line := range lines {
			r := shape(tf, line, language.Latin, "en", false)
			r.Size, r.X, r.Y = 10, 20, 25+5*float64(i)
			if err := w.Draw(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Output(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBenchmarkPage checks that the benchmark page is what it claims: about
// 250 words on one page, all of it extractable.
func TestBenchmarkPage(t *testing.T) {
	t.Parallel()
	lines, runs := latinLines(t)
	if n := len(strings.Fields(latinPage)); n < 240 || n > 260 {
		t.Errorf("the page has %d words, want about 250", n)
	}
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	pdf := newDoc()
	pdf.AddPage()
	w := NewWriter(pdf)
	for i, r := range runs {
		r.X, r.Y = 20, 25+5*float64(i)
		if err := w.Draw(r); err != nil {
			t.Fatal(err)
		}
	}
	path := writePDF(t, pdf, w)
	if pdf.PageCount() != 1 {
		t.Errorf("%d pages, want 1", pdf.PageCount())
	}
	if got, want := normalise(run(t, pdftotext, path, "-")), normalise(strings.Join(lines, " ")); got != want {
		t.Errorf("pdftotext:\n got %q\nwant %q", got, want)
	}
}

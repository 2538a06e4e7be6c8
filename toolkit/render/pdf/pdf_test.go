package pdf_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
)

// engines are the package's test engines, one per file date, each opened
// once on the embedded content and shared by the tests (none changes
// one): opening one loads the content and the fonts again.
var engines = struct {
	sync.Mutex
	at map[time.Time]*generate.Engine
}{at: map[time.Time]*generate.Engine{}}

// engine is the shared engine whose files carry date.
func engine(tb testing.TB, date time.Time) *generate.Engine {
	tb.Helper()
	engines.Lock()
	defer engines.Unlock()
	if e := engines.at[date]; e != nil {
		return e
	}
	e, err := generate.New("awarekit test", date)
	if err != nil {
		tb.Fatal(err)
	}
	engines.at[date] = e
	return e
}

func flyer(tb testing.TB, lang string) *layout.Document {
	tb.Helper()
	e := engine(tb, time.Time{})
	r, err := e.Resolve(generate.Job{Audience: "youth", Lang: lang, Format: "flyer", Paper: "letter"})
	if err != nil {
		tb.Fatal(err)
	}
	org := profile.Organisation{Name: "Riverside Youth Council", Website: "riverside.example.org"}
	brand, err := org.Brand()
	if err != nil {
		tb.Fatal(err)
	}
	d, err := e.Layout(r, org, brand)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// TestBothTextPathsAgree renders the same page through the shaped glyph
// path and fpdf's text path: both must pass qpdf and give the same words.
func TestBothTextPathsAgree(t *testing.T) {
	d := flyer(t, "en")
	dir := t.TempDir()
	var texts [2]string
	for i, fpdfText := range []bool{false, true} {
		var buf bytes.Buffer
		if err := pdf.Render(&buf, d, pdf.Options{FpdfText: fpdfText}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "flyer.pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, path)
		texts[i] = pdftest.Text(t, path)
	}
	for _, want := range []string{"1-833-900-1010", "Know the signs.", "Riverside Youth Council"} {
		for i, text := range texts {
			if !strings.Contains(text, want) {
				t.Errorf("path %d: text lacks %q", i, want)
			}
		}
	}
}

// BenchmarkTextPath compares the shaped glyph path with fpdf's own text
// path on the same laid-out English flyer.
func BenchmarkTextPath(b *testing.B) {
	d := flyer(b, "en")
	for _, tt := range []struct {
		name     string
		fpdfText bool
	}{{"shaped", false}, {"fpdf", true}} {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := pdf.Render(io.Discard, d, pdf.Options{FpdfText: tt.fpdfText}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestBleedIsReproducible: fpdf writes page boxes in map order; the same
// document must still give the same bytes every time.
func TestBleedIsReproducible(t *testing.T) {
	d := flyer(t, "en")
	layout.Print(d, layout.PrintOptions{Bleed: 3 * layout.PointsPerMM, CropMarks: true})
	var first []byte
	for i := range 20 {
		var buf bytes.Buffer
		if err := pdf.Render(&buf, d, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
			continue
		}
		if !bytes.Equal(first, buf.Bytes()) {
			t.Fatalf("render %d differs from the first", i)
		}
	}
	path := filepath.Join(t.TempDir(), "bleed.pdf")
	if err := os.WriteFile(path, first, 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, path)
	info := pdftest.Info(t, path, "-box")
	if !strings.HasPrefix(info["TrimBox"], "29.50") || !strings.HasPrefix(info["BleedBox"], "21.00") {
		t.Errorf("TrimBox %q BleedBox %q", info["TrimBox"], info["BleedBox"])
	}
}

// TestMerge joins an English flyer, an Arabic one and a two-page A4
// handout: qpdf must accept the result, every page must keep its size,
// and each page's text must be its source page's text.
func TestMerge(t *testing.T) {
	pdftest.Need(t, "qpdf", "pdftotext", "pdfinfo")
	e := engine(t, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	dir := t.TempDir()
	var files []string
	for _, job := range []generate.Job{
		{Audience: "youth", Lang: "en", Format: "flyer", Paper: "letter"},
		{Audience: "newcomers", Lang: "ar", Format: "flyer", Paper: "letter"},
		{Audience: "health", Lang: "fr", Format: "handout", Paper: "a4"},
	} {
		r, err := e.Resolve(job)
		if err != nil {
			t.Fatal(err)
		}
		path, err := e.Write(dir, "", r, profile.Organisation{}, mustBrand(t))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	i := 0
	next := func() ([]byte, error) {
		if i == len(files) {
			return nil, io.EOF
		}
		i++
		return os.ReadFile(files[i-1])
	}
	var buf bytes.Buffer
	n, err := pdf.Merge(&buf, doc.Meta{Title: "Pack 不要 (x)", Lang: "en", Creator: "awarekit test"}, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}, next)
	if err != nil {
		t.Fatal(err)
	}
	merged := filepath.Join(dir, "merged.pdf")
	if err := os.WriteFile(merged, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, merged)
	info := pdftest.Info(t, merged, "-f", "1", "-l", "4")
	// 不 is U+4E0D: its second byte is a carriage return, which must not
	// reach the file as a line end.
	total := 0
	for _, f := range files {
		p, _ := strconv.Atoi(pdftest.Info(t, f)["Pages"])
		total += p
	}
	if n != total || info["Pages"] != strconv.Itoa(total) || info["Title"] != "Pack 不要 (x)" {
		t.Fatalf("%d pages, pdfinfo %v", n, info)
	}
	sizes := []string{"612 x 792", "612 x 792", "595.28 x 841.89", "595.28 x 841.89"}
	sources := []struct {
		file string
		page int
	}{{files[0], 1}, {files[1], 1}, {files[2], 1}, {files[2], 2}}
	for p, src := range sources {
		if got := info[fmt.Sprintf("Page %4d size", p+1)]; !strings.HasPrefix(got, sizes[p]) {
			t.Errorf("page %d size %q, want %s", p+1, got, sizes[p])
		}
		if a, b := pageText(t, merged, p+1), pageText(t, src.file, src.page); a != b {
			t.Errorf("page %d text differs from %s page %d", p+1, src.file, src.page)
		}
	}
}

func pageText(t *testing.T, path string, page int) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return pdftest.Normalize(string(out))
}

func mustBrand(t *testing.T) doc.Brand {
	b, err := profile.Organisation{}.Brand()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestQR draws a code whose modules are 4 points wide and renders the page
// at 72 dpi, one module to 4 pixels: each module's centre must be dark
// exactly where its bit is 1, and its edges must meet without a light seam.
func TestQR(t *testing.T) {
	pdftest.Need(t, "pdftoppm")
	// Runs of every length, rows that repeat (taller rectangles) and rows
	// that do not.
	bits := []string{
		"1111111010101",
		"1111111010101",
		"1000001001100",
		"1011101111111",
		"1011101111111",
		"0000000000000",
		"1101101101101",
		"0110110110110",
		"1111111111111",
	}
	const module, x0, y0 = 4.0, 20.0, 30.0
	d := &layout.Document{Meta: doc.Meta{Title: "QR", Lang: "en"}, Pages: []layout.Page{{
		Width: 100, Height: 100,
		Elements: []layout.Element{{QR: &layout.QR{X: x0, Y: y0, Module: module, Bits: bits, Color: doc.RGB{R: 0, G: 0, B: 0}}}},
	}}}
	dir := t.TempDir()
	path := filepath.Join(dir, "qr.pdf")
	var buf bytes.Buffer
	if err := pdf.Render(&buf, d, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, path)
	if out, err := exec.Command("pdftoppm", "-r", "72", "-gray", "-aa", "no", "-aaVector", "no", path, filepath.Join(dir, "qr")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	img, err := os.ReadFile(filepath.Join(dir, "qr-1.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	// P5 100 100 255, then one byte per pixel.
	pix := img[len(img)-100*100:]
	at := func(x, y int) byte { return pix[y*100+x] }
	for i, row := range bits {
		for j, bit := range row {
			px, py := int(x0+module*float64(j)), int(y0+module*float64(i))
			dark := at(px+2, py+2) < 128
			if dark != (bit == '1') {
				t.Errorf("module (%d, %d): dark %v, bit %c", i, j, dark, bit)
			}
			// The pixels along the module's left and top edges belong to
			// the module: where the neighbour is dark too, no seam.
			if bit == '1' && (at(px, py+2) >= 128 || at(px+2, py) >= 128) {
				t.Errorf("module (%d, %d): light pixel on its edge", i, j)
			}
		}
	}
}

// TestReusedScratchGivesSameBytes: a document's writer takes the space
// the last one gave back (its scratch, the tagging's buffers, the room
// for its CIDs and structure): every document must come out the same
// whatever was drawn before it, in one goroutine or two at once.
func TestReusedScratchGivesSameBytes(t *testing.T) {
	var docs []*layout.Document
	for _, lang := range []string{"ar", "en", "pa"} {
		docs = append(docs, flyer(t, lang))
	}
	render := func(d *layout.Document) []byte {
		var buf bytes.Buffer
		if err := pdf.Render(&buf, d, pdf.Options{Date: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Error(err)
		}
		return buf.Bytes()
	}
	first := make([][]byte, len(docs))
	for i, d := range docs {
		first[i] = render(d)
	}
	order := []int{2, 0, 1, 1, 2, 0, 0, 2, 1}
	errs := make(chan error, 2*len(order))
	done := make(chan bool)
	for range 2 {
		go func() {
			for _, i := range order {
				if got := render(docs[i]); !bytes.Equal(got, first[i]) {
					errs <- fmt.Errorf("%s flyer drawn again: %d bytes, first %d, not the same", docs[i].Meta.Lang, len(got), len(first[i]))
				}
			}
			done <- true
		}()
	}
	<-done
	<-done
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

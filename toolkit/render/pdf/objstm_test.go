package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
)

// TestObjectStreams: each PDF and the pack are written with object
// streams and a cross-reference stream (PDF 1.5), which qpdf and
// poppler read as the same document as the classic form (every object
// whole, a cross-reference table): the same text, fonts, tags and
// reading order. Object streams save a flyer 5 KB or more (a quarter of
// an English one), and a pack of twenty flyers is under a third of the
// sum of its files.
func TestObjectStreams(t *testing.T) {
	pdftest.Need(t, "qpdf", "pdftotext", "pdfinfo", "pdffonts")
	dir := t.TempDir()
	files := materials(t)
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	sum := 0
	// Each file is read by poppler and qpdf with object streams and
	// without: eight tools' runs a file. The quick run reads the English
	// and the Arabic flyer (files 0 and 2) so; the other two, alike but
	// for their text, colour and organisation, with AWAREKIT_FULL=1.
	full := os.Getenv("AWAREKIT_FULL") == "1"
	for i, f := range files {
		if !bytes.HasPrefix(f, []byte("%PDF-1.5\n")) || !bytes.Contains(f, []byte("/Type /XRef")) || !bytes.Contains(f, []byte("/Type /ObjStm")) || bytes.Contains(f, []byte("\nxref\n")) {
			t.Fatalf("file %d is not PDF 1.5 with object streams and a cross-reference stream", i)
		}
		classic, err := pdf.Classic(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(f) > len(classic)-5000 {
			t.Errorf("file %d: %d bytes with object streams, %d without: less than 5,000 bytes saved", i, len(f), len(classic))
		}
		t.Logf("file %d: %d bytes with object streams, %d without", i, len(f), len(classic))
		if i != 0 && i != 2 && !full {
			continue
		}
		a, b := write("a.pdf", f), write("b.pdf", classic)
		pdftest.Check(t, a)
		if info := pdftest.Info(t, a); info["Tagged"] != "yes" || info["PDF version"] != "1.5" {
			t.Errorf("file %d: pdfinfo %v", i, info)
		}
		if pdftest.Text(t, a) != pdftest.Text(t, b) {
			t.Errorf("file %d: pdftotext reads other text with object streams", i)
		}
		if !reflect.DeepEqual(pdftest.StructText(t, a), pdftest.StructText(t, b)) {
			t.Errorf("file %d: pdfinfo -struct-text reads another structure with object streams", i)
		}
		if !reflect.DeepEqual(pdftest.Fonts(t, a), pdftest.Fonts(t, b)) {
			t.Errorf("file %d: pdffonts reads other fonts with object streams", i)
		}
	}

	// pack joins rounds copies of the files.
	pack := func(rounds int, files [][]byte) []byte {
		var b bytes.Buffer
		p := pdf.NewPacker(&b)
		for round := range rounds {
			for _, f := range files {
				if _, err := p.Add(f); err != nil {
					t.Fatalf("round %d: %v", round, err)
				}
			}
		}
		if _, err := p.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	twenty := pack(5, files)
	for range 5 {
		for _, f := range files {
			sum += len(f)
		}
	}
	t.Logf("pack of 20 files of %d bytes in all: %d bytes", sum, len(twenty))
	if len(twenty) > sum/3 {
		t.Errorf("pack of %d bytes for files of %d", len(twenty), sum)
	}
	a := write("pack.pdf", twenty)
	pdftest.Check(t, a)
	if info := pdftest.Info(t, a); info["Tagged"] != "yes" || info["Pages"] != "20" || info["PDF version"] != "1.5" {
		t.Errorf("pack: pdfinfo %v", info)
	}
	// The pack read back (as a pack of packs is) holds the same pages.
	// poppler reads a pack's structure at about 0.05 s a page: the
	// quick run reads back a pack of two rounds of the English and the
	// Arabic flyer (4 pages, each of the second round shared whole with
	// the first), the full run the twenty.
	src, pages := twenty, 5*len(files)
	if !full {
		src = pack(2, [][]byte{files[0], files[2]})
		pages = 4
		a = write("pack2.pdf", src)
	}
	var again bytes.Buffer
	q := pdf.NewPacker(&again)
	if n, err := q.Add(src); err != nil || n != pages {
		t.Fatalf("the pack read back: %d pages, %v; want %d", n, err, pages)
	}
	if _, err := q.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	b := write("again.pdf", again.Bytes())
	pdftest.Check(t, b)
	if pdftest.Text(t, a) != pdftest.Text(t, b) {
		t.Error("the pack joined again reads differently")
	}
	// Its Document becomes a Part under the new one: one line more.
	if sa, sb := pdftest.StructText(t, a), pdftest.StructText(t, b); len(sb) != len(sa)+1 {
		t.Errorf("the pack joined again has %d structure lines, the pack %d", len(sb), len(sa))
	}
}

package pdf

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// drawer is what a test draws: the same calls on a canvas and on an
// fpdf document.
type drawer interface {
	AddPageFormat(string, fpdf.SizeType)
	SetPageBox(string, float64, float64, float64, float64)
	SetFillColor(int, int, int)
	SetDrawColor(int, int, int)
	SetLineWidth(float64)
	RoundedRect(float64, float64, float64, float64, float64, string, string)
	Rect(float64, float64, float64, float64, string)
	SetDashPattern([]float64, float64)
	Line(float64, float64, float64, float64)
	TransformBegin()
	TransformRotate(float64, float64, float64)
	TransformEnd()
	RawWriteStr(string)
}

// canvasDrawings are calls a renderer makes, by how many pages.
func canvasDrawing(d drawer, pages int, shift float64) {
	for p := range pages {
		d.AddPageFormat("P", fpdf.SizeType{Wd: 612, Ht: 792 + float64(p)})
		if p == 1 {
			d.SetPageBox("trim", 9, 9, 594, 774)
		}
		d.RawWriteStr(segmentEnd)
		d.SetFillColor(11, 92, 107)
		d.Rect(0, 0, 612, 97.6+shift, "F")
		d.RawWriteStr(segmentEnd)
		d.SetDrawColor(11, 92, 107)
		d.SetLineWidth(1.5)
		d.RoundedRect(28, 568.8, 556, 186.8, 8, "1234", "FD")
		d.RawWriteStr(segmentEnd)
		d.SetDashPattern([]float64{2, 1}, 0)
		d.Line(28, 760.6, 584, 760.6)
		d.SetDashPattern(nil, 0)
		d.TransformBegin()
		d.TransformRotate(90, 30, 40)
		d.TransformEnd()
		d.RawWriteStr(segmentEnd)
	}
}

// TestCanvasWritesFpdfsFile: a canvas writes what fpdf writes for the
// same calls, whether it makes the file or finds one an earlier document
// made with other information, whatever the information's strings hold
// (fpdf's UTF-16 of four-byte characters and of bytes that are not
// UTF-8, the bytes its textstring escapes, lengths that move the offsets
// after them by tens of bytes).
func TestCanvasWritesFpdfsFile(t *testing.T) {
	saved := fpdfFiles
	fpdfFiles = &fpdfMemo{}
	defer func() { fpdfFiles = saved }()
	date := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	metas := []doc.Meta{
		{Title: "Know the signs", Subject: "Youth", Author: "Partner organisation 1", Creator: "awarekit 0.1.0", Lang: "en"},
		{Title: "Know the signs", Subject: "Youth", Author: "Partner organisation 1234567890", Creator: "awarekit 0.1.0", Lang: "en"},
		{Title: "A (bracketed) \\ back\rslash", Subject: "", Author: "X", Creator: "c", Lang: "en"},
		{Title: "اعرف العلامات", Subject: "ਨੌਜਵਾਨ", Author: "Ŝ 😀 \xff\xfe bad", Creator: "awarekit", Lang: "en"},
		{Title: "", Subject: "(((", Author: ")))", Creator: "\r\r\r", Lang: "en"},
	}
	opts := Options{Date: date}
	for pages := 1; pages <= 2; pages++ {
		for _, shift := range []float64{0, 3.25} {
			for i, meta := range metas {
				name := fmt.Sprintf("pages %d shift %v meta %d", pages, shift, i)
				want := fpdfFile(t, meta, opts, func(d drawer) { canvasDrawing(d, pages, shift) })
				c := newCanvas(meta, opts, nil)
				canvasDrawing(c, pages, shift)
				if c.f != nil {
					t.Fatalf("%s: the canvas made its fpdf document before Output", name)
				}
				found := fpdfFiles.find(c.log) != nil
				if found != (i > 0) {
					t.Errorf("%s: found a file kept = %v, want %v", name, found, i > 0)
				}
				var got bytes.Buffer
				if err := c.Output(&got); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if !bytes.Equal(got.Bytes(), want) {
					t.Errorf("%s: the canvas wrote\n%q\nfpdf wrote\n%q", name, got.Bytes(), want)
				}
			}
		}
	}
	// Another language or date is another file.
	for _, o := range []struct {
		meta doc.Meta
		opts Options
	}{
		{doc.Meta{Title: "t", Lang: "fr"}, opts},
		{doc.Meta{Title: "t", Lang: "en"}, Options{Date: date.Add(time.Second)}},
	} {
		want := fpdfFile(t, o.meta, o.opts, func(d drawer) { canvasDrawing(d, 1, 0) })
		c := newCanvas(o.meta, o.opts, nil)
		canvasDrawing(c, 1, 0)
		if fpdfFiles.find(c.log) != nil {
			t.Errorf("%s %v: found the file of another language or date", o.meta.Lang, o.opts.Date)
		}
		var got bytes.Buffer
		if err := c.Output(&got); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s %v: the canvas wrote another file than fpdf", o.meta.Lang, o.opts.Date)
		}
	}
}

// TestCanvasMadeMidway: a call the canvas does not record (an image)
// makes the fpdf document with the calls before it; the file is fpdf's
// and is not kept (the calls after were not recorded).
func TestCanvasMadeMidway(t *testing.T) {
	saved := fpdfFiles
	fpdfFiles = &fpdfMemo{}
	defer func() { fpdfFiles = saved }()
	meta := doc.Meta{Title: "t", Author: "a", Creator: "c", Lang: "en"}
	opts := Options{Date: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)}
	want := fpdfFile(t, meta, opts, func(d drawer) {
		canvasDrawing(d, 1, 0)
		d.(*fpdf.Fpdf).SetFillColor(1, 2, 3)
		canvasDrawing(d, 1, 0)
	})
	c := newCanvas(meta, opts, nil)
	canvasDrawing(c, 1, 0)
	c.fpdf().SetFillColor(1, 2, 3)
	canvasDrawing(c, 1, 0)
	var got bytes.Buffer
	if err := c.Output(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("the canvas wrote another file than fpdf")
	}
	if c.PageNo() != 2 {
		t.Errorf("PageNo %d, want 2", c.PageNo())
	}
	if fpdfFiles.bytes != 0 {
		t.Errorf("a file of calls not all recorded was kept")
	}
}

// fpdfFile is the file fpdf writes for draw's calls.
func fpdfFile(t *testing.T, meta doc.Meta, opts Options, draw func(drawer)) []byte {
	t.Helper()
	f := newFpdf(meta, opts)
	draw(f)
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestFpdfMemoBounded: the files kept stay within fpdfMemoFiles and
// fpdfMemoBytes however many come, the oldest going first.
func TestFpdfMemoBounded(t *testing.T) {
	m := &fpdfMemo{}
	meta := doc.Meta{Title: "t", Lang: "en"}
	opts := Options{Date: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)}
	var keys [][]byte
	for i := range 3 * fpdfMemoFiles {
		c := newCanvas(meta, opts, nil)
		canvasDrawing(c, 1+i%3, float64(i))
		for range i % 7 * 50 {
			c.RawWriteStr("% some bytes of a long page, to fill the memo's bytes")
		}
		c.make()
		var b bytes.Buffer
		if err := c.f.Output(&b); err != nil {
			t.Fatal(err)
		}
		info := infoStrings(meta)
		tpl, ok := newInfoTemplate(b.Bytes(), &info)
		if !ok {
			t.Fatalf("file %d: no template", i)
		}
		m.keep(c.log, tpl)
		keys = append(keys, c.log)
		n, held := 0, 0
		for _, e := range m.entries {
			if e.t != nil {
				n++
				held += len(e.key) + len(e.t.file)
			}
		}
		if held != m.bytes || held > fpdfMemoBytes || n > fpdfMemoFiles {
			t.Fatalf("after %d files: %d kept, %d bytes (counted %d), bounds %d and %d", i+1, n, held, m.bytes, fpdfMemoFiles, fpdfMemoBytes)
		}
		if m.find(c.log) != tpl {
			t.Fatalf("file %d not found just after it was kept", i)
		}
	}
	if m.find(keys[0]) != nil {
		t.Errorf("the oldest file is still kept")
	}
}

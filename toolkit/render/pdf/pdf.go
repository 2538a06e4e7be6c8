// Package pdf draws a laid-out document into a PDF file with fpdf
// (codeberg.org/go-pdf/fpdf). It decides nothing about placement: every
// position comes from the layout.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Options control the file, not the page.
type Options struct {
	// Date is written as the creation and modification date, so the same
	// inputs give the same bytes.
	Date time.Time
}

// Render writes d as a PDF to w.
func Render(w io.Writer, d *layout.Document, opts Options) error {
	if len(d.Pages) == 0 {
		return fmt.Errorf("render pdf: the document has no pages")
	}
	first := d.Pages[0]
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: first.Width, Ht: first.Height},
	})
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCatalogSort(true)
	f.SetCreationDate(opts.Date)
	f.SetModificationDate(opts.Date)
	f.SetTitle(d.Meta.Title, true)
	f.SetSubject(d.Meta.Subject, true)
	f.SetAuthor(d.Meta.Author, true)
	f.SetCreator(d.Meta.Creator, true)
	f.SetProducer(d.Meta.Creator, true)
	f.SetLang(d.Meta.Lang)

	r := &renderer{f: f, fonts: make(map[*typeset.Font]string), images: make(map[*doc.Image]string)}
	for _, p := range d.Pages {
		f.AddPageFormat("P", fpdf.SizeType{Wd: p.Width, Ht: p.Height})
		for _, e := range p.Elements {
			r.element(e)
		}
		if err := f.Error(); err != nil {
			return fmt.Errorf("render pdf: %w", err)
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

type renderer struct {
	f      *fpdf.Fpdf
	fonts  map[*typeset.Font]string
	images map[*doc.Image]string
}

func (r *renderer) element(e layout.Element) {
	f := r.f
	switch {
	case e.Rect != nil:
		rc := e.Rect
		f.SetFillColor(int(rc.Fill.R), int(rc.Fill.G), int(rc.Fill.B))
		style := "F"
		if rc.Stroke != nil {
			f.SetDrawColor(int(rc.Stroke.R), int(rc.Stroke.G), int(rc.Stroke.B))
			f.SetLineWidth(rc.StrokeWidth)
			style = "FD"
		}
		if rc.Radius > 0 {
			f.RoundedRect(rc.X, rc.Y, rc.W, rc.H, rc.Radius, "1234", style)
		} else {
			f.Rect(rc.X, rc.Y, rc.W, rc.H, style)
		}
	case e.Rule != nil:
		l := e.Rule
		f.SetDrawColor(int(l.Color.R), int(l.Color.G), int(l.Color.B))
		f.SetLineWidth(l.Width)
		f.Line(l.X1, l.Y1, l.X2, l.Y2)
	case e.Text != nil:
		r.text(e.Text)
	case e.Image != nil:
		r.image(e.Image)
	case e.QR != nil:
		q := e.QR
		f.SetFillColor(int(q.Color.R), int(q.Color.G), int(q.Color.B))
		for i, row := range q.Bits {
			for j := 0; j < len(row); {
				if row[j] != '1' {
					j++
					continue
				}
				start := j
				for j < len(row) && row[j] == '1' {
					j++
				}
				// A hair of overlap hides the seams viewers draw between
				// touching rectangles.
				f.Rect(q.X+float64(start)*q.Module, q.Y+float64(i)*q.Module, float64(j-start)*q.Module+0.05, q.Module+0.05, "F")
			}
		}
	case e.Link != nil:
		l := e.Link
		f.LinkString(l.X, l.Y, l.W, l.H, l.URL)
	}
}

func (r *renderer) image(im *layout.Image) {
	name, ok := r.images[im.Image]
	if !ok {
		name = "img" + strconv.Itoa(len(r.images))
		r.images[im.Image] = name
		r.f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: im.Image.Type}, bytes.NewReader(im.Image.Data))
	}
	r.f.ImageOptions(name, im.X, im.Y, im.W, im.H, false, fpdf.ImageOptions{ImageType: im.Image.Type}, 0, "")
}

// text draws one line through fpdf's own UTF-8 fonts, word by word at the
// positions the typesetter measured.
func (r *renderer) text(t *layout.TextLine) {
	f := r.f
	f.SetTextColor(int(t.Color.R), int(t.Color.G), int(t.Color.B))
	for _, run := range t.Line.Runs {
		family, ok := r.fonts[run.Font]
		if !ok {
			family = "f" + strconv.Itoa(len(r.fonts))
			r.fonts[run.Font] = family
			f.AddUTF8FontFromBytes(family, "", run.Font.Data)
		}
		f.SetFont(family, "", run.Size)
		scale := run.Size / float64(run.Font.UnitsPerEm())
		x := t.X + run.X
		start, startX := 0, x
		for _, g := range run.Glyphs {
			if run.Text[g.Cluster] == ' ' {
				if word := run.Text[start:g.Cluster]; word != "" {
					f.Text(startX, t.Y, word)
				}
				start = g.Cluster + 1
				startX = x + float64(g.XAdvance)*scale
			}
			x += float64(g.XAdvance) * scale
		}
		if word := run.Text[start:]; word != "" {
			f.Text(startX, t.Y, word)
		}
	}
}

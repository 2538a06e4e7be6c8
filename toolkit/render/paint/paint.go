// Package paint turns a laid-out page into a drawing: filled outlines
// (glyphs from the fonts the typesetter chose, rectangles, rules, QR
// modules) and raster images, in page points from the top-left corner.
// The svg and png backends both write this drawing, so the geometry of a
// page is worked out once, here, and the two can only differ in how they
// fill a path.
package paint

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	ot "github.com/go-text/typesetting/font/opentype"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Page is one page's drawing; items are painted in order, later on top,
// over white paper.
type Page struct {
	Width, Height float64 // points, the whole media (bleed and marks included)
	Items         []Item
	// Lines is the page's text, one entry per text line in the order the
	// layout placed them: what a screen reader or a search needs.
	Lines []string
	Links []Link

	opts Options
}

// Item is one thing painted: Image when it is set, else Shape.
type Item struct {
	Shape Shape
	Image *Image
}

// Shape is a path filled in one colour.
type Shape struct {
	// Path is in its own coordinates; M maps them to the page. Glyphs
	// share one Path per font and glyph, so a backend can define each
	// outline once.
	Path  *Path
	M     Matrix
	Color doc.RGB
	// Embolden also strokes the outline this wide (page points) in Color,
	// as the PDF backend does for bold text in a font that has no bold
	// face (Chinese in Droid Sans Fallback).
	Embolden float64
	// Line is 1 + the index in Page.Lines of the text line the glyph
	// belongs to, or 0 when the shape is not text.
	Line int
}

// Image is a raster image stretched over a box on the page.
type Image struct {
	X, Y, W, H float64
	Src        *doc.Image
}

// Link makes an area of the page open a URL.
type Link struct {
	X, Y, W, H float64
	URL        string
}

// Options adapt the drawing to a backend.
type Options struct {
	// Hairline is the thinnest a rule is drawn, in points: a raster
	// backend passes one pixel, so that a 0.25 pt crop mark stays a
	// visible line on a screen instead of a faint grey one (poppler and
	// Acrobat do the same). 0 draws every rule at its width.
	Hairline float64
}

// Draw turns a laid-out page into its drawing.
func Draw(p *layout.Page, opts Options) (*Page, error) {
	out := &Page{Width: p.Width, Height: p.Height, opts: opts}
	for _, e := range p.Elements {
		var err error
		switch {
		case e.Rect != nil:
			out.rect(e.Rect)
		case e.Rule != nil:
			out.rule(e.Rule)
		case e.Text != nil:
			err = out.text(e.Text)
		case e.Image != nil:
			im := e.Image
			out.Items = append(out.Items, Item{Image: &Image{X: im.X, Y: im.Y, W: im.W, H: im.H, Src: im.Image}})
		case e.QR != nil:
			out.qr(e.QR)
		case e.Link != nil:
			l := e.Link
			out.Links = append(out.Links, Link{X: l.X, Y: l.Y, W: l.W, H: l.H, URL: l.URL})
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (pg *Page) fill(p *Path, c doc.RGB) {
	pg.Items = append(pg.Items, Item{Shape: Shape{Path: p, M: Identity, Color: c}})
}

// rect fills the rectangle, then paints its border as a ring: the stroke
// of a PDF path is centred on the edge, half outside, with mitred (square)
// corners on a plain rectangle.
func (pg *Page) rect(r *layout.Rect) {
	p := &Path{}
	p.RoundedRect(r.X, r.Y, r.W, r.H, r.Radius, false)
	pg.fill(p, r.Fill)
	if r.Stroke == nil || r.StrokeWidth <= 0 {
		return
	}
	h := r.StrokeWidth / 2
	outer := 0.0 // mitred corners stay square
	if r.Radius > 0 {
		outer = r.Radius + h
	}
	ring := &Path{}
	ring.RoundedRect(r.X-h, r.Y-h, r.W+2*h, r.H+2*h, outer, false)
	if iw, ih := r.W-2*h, r.H-2*h; iw > 0 && ih > 0 {
		ring.RoundedRect(r.X+h, r.Y+h, iw, ih, max(r.Radius-h, 0), true)
	}
	pg.fill(ring, *r.Stroke)
}

// rule paints a line with butt ends, one quadrilateral per dash; a PDF
// dash pattern starts at the line's first point.
func (pg *Page) rule(l *layout.Rule) {
	dx, dy := l.X2-l.X1, l.Y2-l.Y1
	length := math.Hypot(dx, dy)
	if length == 0 || l.Width <= 0 {
		return
	}
	ux, uy := dx/length, dy/length
	width := max(l.Width, pg.opts.Hairline)
	nx, ny := -uy*width/2, ux*width/2
	p := &Path{}
	dash := func(s, e float64) {
		ax, ay := l.X1+ux*s, l.Y1+uy*s
		bx, by := l.X1+ux*e, l.Y1+uy*e
		p.Quad(Point{ax + nx, ay + ny}, Point{bx + nx, by + ny}, Point{bx - nx, by - ny}, Point{ax - nx, ay - ny})
	}
	period := 0.0
	for _, d := range l.Dash {
		period += d
	}
	if len(l.Dash) == 0 || period <= 0 {
		dash(0, length)
	} else {
		// An odd-length pattern repeats twice over, as in PDF: on and off
		// swap on the second pass.
		pattern := l.Dash
		if len(pattern)%2 == 1 {
			pattern = append(slices.Clone(pattern), pattern...)
		}
		for s, i := 0.0, 0; s < length; i = (i + 1) % len(pattern) {
			e := min(s+pattern[i], length)
			if i%2 == 0 && e > s {
				dash(s, e)
			}
			s += pattern[i]
		}
	}
	pg.fill(p, l.Color)
}

// qr paints the dark modules as one path, a rectangle per run of dark
// modules in a row: shared edges cancel, so no seam shows between them.
func (pg *Page) qr(q *layout.QR) {
	p := &Path{}
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
			p.Rect(q.X+float64(start)*q.Module, q.Y+float64(i)*q.Module, float64(j-start)*q.Module, q.Module, false)
		}
	}
	if len(p.Verbs) > 0 {
		pg.fill(p, q.Color)
	}
}

// fakeBold is the stroke width, as a share of the font size, that thickens
// bold text in a font with no bold face; the PDF backend uses the same.
const fakeBold = 0.035

// text places each glyph of the line: its outline in font units (y up),
// scaled to the run's size, at the pen position the typesetter measured,
// turned about the line's origin when the line is rotated.
func (pg *Page) text(t *layout.TextLine) error {
	rot := Identity
	if t.Rotate != 0 {
		// Counterclockwise on the page, whose y axis points down.
		s, c := math.Sincos(t.Rotate * math.Pi / 180)
		rot = Matrix{A: c, B: -s, C: s, D: c, E: t.X - c*t.X - s*t.Y, F: t.Y + s*t.X - c*t.Y}
	}
	pg.Lines = append(pg.Lines, lineText(t.Line))
	line := len(pg.Lines)
	for _, run := range t.Line.Runs {
		scale := run.Size / float64(run.Font.UnitsPerEm())
		embolden := 0.0
		if run.FakeBold {
			embolden = run.Size * fakeBold
		}
		pen := t.X + run.X
		for _, g := range run.Glyphs {
			p, err := outline(run.Font, g.GID)
			if err != nil {
				return err
			}
			if p != nil {
				m := Matrix{A: scale, D: -scale, E: pen + float64(g.XOffset)*scale, F: t.Y - float64(g.YOffset)*scale}
				pg.Items = append(pg.Items, Item{Shape: Shape{Path: p, M: rot.Then(m), Color: t.Color, Embolden: embolden, Line: line}})
			}
			pen += float64(g.XAdvance) * scale
		}
	}
	return nil
}

// lineText is a line's text in reading order: runs come in visual order,
// and their offsets in the paragraph give the logical one.
func lineText(l typeset.Line) string {
	runs := slices.Clone(l.Runs)
	slices.SortStableFunc(runs, func(a, b typeset.Run) int { return a.Start - b.Start })
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return strings.TrimSpace(b.String())
}

type glyphKey struct {
	font *typeset.Font
	gid  uint16
}

// outlines holds each glyph's path once per process: fonts are shared
// and read-only, and a page sets the same letters many times.
var outlines sync.Map // glyphKey → *Path (nil for a glyph with no ink)

// outline is glyph gid of f as a path in font units, or nil when the
// glyph draws nothing (a space).
func outline(f *typeset.Font, gid uint16) (*Path, error) {
	key := glyphKey{f, gid}
	if p, ok := outlines.Load(key); ok {
		return p.(*Path), nil
	}
	o, ok := f.Outline(gid)
	if !ok {
		return nil, fmt.Errorf("font %s (%s) has no outline for glyph %d; the image backends draw outline (TrueType or CFF) glyphs only", f.Name, f.Source, gid)
	}
	var p *Path
	if len(o.Segments) > 0 {
		p = &Path{}
		for _, s := range o.Segments {
			a := s.Args
			switch s.Op {
			case ot.SegmentOpMoveTo:
				if len(p.Verbs) > 0 {
					p.Close()
				}
				p.MoveTo(float64(a[0].X), float64(a[0].Y))
			case ot.SegmentOpLineTo:
				p.LineTo(float64(a[0].X), float64(a[0].Y))
			case ot.SegmentOpQuadTo:
				p.QuadTo(float64(a[0].X), float64(a[0].Y), float64(a[1].X), float64(a[1].Y))
			case ot.SegmentOpCubeTo:
				p.CubeTo(float64(a[0].X), float64(a[0].Y), float64(a[1].X), float64(a[1].Y), float64(a[2].X), float64(a[2].Y))
			}
		}
		p.Close()
	}
	actual, _ := outlines.LoadOrStore(key, p)
	return actual.(*Path), nil
}

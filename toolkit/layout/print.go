package layout

import (
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// Box is a rectangle on a page, in points from the top-left corner.
type Box struct {
	X, Y, W, H float64
}

// PrintOptions prepare pages for a print shop.
type PrintOptions struct {
	// Bleed extends backgrounds past the trim edge by this many points and
	// records TrimBox and BleedBox, so that a printer can cut without a
	// white sliver. 3 mm (8.5 pt) is usual.
	Bleed float64
	// CropMarks draws hairlines at the trim corners, outside the bleed.
	CropMarks bool
	// Imposition is how a card format meets the paper: several cards to
	// a sheet of the paper chosen (ImposeSheet, the default), or one card
	// to a page of its trim size plus bleed (ImposeSingle), as a print
	// shop that imposes its own stock asks. Formats printed one page to
	// a sheet are the same either way.
	Imposition Imposition
}

// Imposition is how cards are put on pages.
type Imposition string

// The impositions. The default is the zero value, so that print options
// left alone compare equal to none.
const (
	ImposeSheet  Imposition = ""
	ImposeSingle Imposition = "single"
)

// ImpositionNames lists the impositions as a user names them, the
// default first.
var ImpositionNames = []string{"sheet", "single"}

// String is the imposition's name.
func (i Imposition) String() string {
	if i == ImposeSheet {
		return "sheet"
	}
	return string(i)
}

// ImpositionByName finds an imposition, case-insensitively; "" is the
// default.
func ImpositionByName(name string) (Imposition, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "sheet":
		return ImposeSheet, nil
	case "single":
		return ImposeSingle, nil
	}
	return "", spell.Unknown(nil, "imposition", name, ImpositionNames, nil)
}

// markLength and markOffset size crop marks: 0.25 in long, starting 3 pt
// beyond the bleed so that they never print on the piece.
const (
	markLength = 18.0
	markOffset = 3.0
)

// PointsPerMM converts millimetres, as users give bleed, to points.
const PointsPerMM = 72 / 25.4

// Print applies print options to every page of d: the media grows by the
// bleed (and room for crop marks), content moves in, and backgrounds that
// touch the trim edge are extended into the bleed. Layouts that impose
// several pieces on a sheet (cards) draw their own marks and pass pages
// that already carry a Trim box; Print leaves those alone.
func Print(d *Document, opts PrintOptions) {
	if opts.Bleed <= 0 && !opts.CropMarks {
		return
	}
	for i := range d.Pages {
		p := &d.Pages[i]
		if p.Trim != nil {
			continue
		}
		margin := opts.Bleed
		if opts.CropMarks {
			margin += markOffset + markLength
		}
		w, h := p.Width, p.Height
		translate(p.Elements, margin, margin)
		if opts.Bleed > 0 {
			for j := range p.Elements {
				if r := p.Elements[j].Rect; r != nil && r.Radius == 0 {
					bleedRect(r, margin, w, h, opts.Bleed)
				}
			}
		}
		p.Width, p.Height = w+2*margin, h+2*margin
		p.Trim = &Box{X: margin, Y: margin, W: w, H: h}
		p.Bleed = &Box{X: margin - opts.Bleed, Y: margin - opts.Bleed, W: w + 2*opts.Bleed, H: h + 2*opts.Bleed}
		if opts.CropMarks {
			p.Elements = append(p.Elements, cropMarks(*p.Trim, opts.Bleed)...)
		}
	}
}

// bleedRect extends a rectangle whose edge lies on the trim edge out to
// the bleed edge. off is where the trim box starts on the grown page.
func bleedRect(r *Rect, off, w, h, bleed float64) {
	bleedRectXY(r, off, w, h, bleed, bleed)
}

// bleedRectXY is bleedRect with a bleed of bx across and by down.
func bleedRectXY(r *Rect, off, w, h, bx, by float64) {
	const eps = 0.01
	x0, y0, x1, y1 := r.X-off, r.Y-off, r.X-off+r.W, r.Y-off+r.H
	if x0 <= eps {
		r.X -= bx
		r.W += bx
	}
	if y0 <= eps {
		r.Y -= by
		r.H += by
	}
	if x1 >= w-eps {
		r.W += bx
	}
	if y1 >= h-eps {
		r.H += by
	}
}

// cropMarks draws two hairlines at each corner of trim, starting beyond
// the bleed.
func cropMarks(trim Box, bleed float64) []Element {
	black := doc.RGB{}
	gap := bleed + markOffset
	var els []Element
	for _, x := range []float64{trim.X, trim.X + trim.W} {
		for _, y := range []float64{trim.Y, trim.Y + trim.H} {
			dx, dy := -1.0, -1.0
			if x > trim.X {
				dx = 1
			}
			if y > trim.Y {
				dy = 1
			}
			els = append(els,
				Element{Rule: &Rule{X1: x + dx*gap, Y1: y, X2: x + dx*(gap+markLength), Y2: y, Color: black, Width: 0.25}},
				Element{Rule: &Rule{X1: x, Y1: y + dy*gap, X2: x, Y2: y + dy*(gap+markLength), Color: black, Width: 0.25}},
			)
		}
	}
	return els
}

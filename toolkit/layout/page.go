// Package layout places a document's blocks on pages. It produces a page
// model (positioned text lines, rectangles, images, QR codes and links)
// that backends draw without deciding anything themselves. One file per
// format; the pieces they share live here and in block.go.
package layout

import (
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/spell"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Paper is a page size in points.
type Paper struct {
	Name          string
	Width, Height float64
}

// Papers are the page sizes a user can choose.
var Papers = map[string]Paper{
	"letter": {"letter", 612, 792},
	"a4":     {"a4", 595.28, 841.89},
}

// PaperNames lists the paper names, in the order help shows them.
var PaperNames = []string{"letter", "a4"}

// PaperByName finds a paper size, case-insensitively.
func PaperByName(name string) (Paper, error) {
	if p, ok := Papers[strings.ToLower(strings.TrimSpace(name))]; ok {
		return p, nil
	}
	return Paper{}, spell.Unknown(nil, "paper", name, PaperNames, nil)
}

// Document is a laid-out document: pages plus what the file's metadata needs.
type Document struct {
	Meta  doc.Meta
	Pages []Page
}

// Page is one page; elements are drawn in order, later ones on top.
type Page struct {
	Width    float64   `json:"width"`
	Height   float64   `json:"height"`
	Elements []Element `json:"elements"`
	// Trim and Bleed are the finished piece and its bleed area on the
	// media, when the page is prepared for a print shop (see Print).
	Trim  *Box `json:"trim,omitempty"`
	Bleed *Box `json:"bleed,omitempty"`
}

// Element is one thing drawn on a page. Exactly one field is set.
type Element struct {
	Rect  *Rect     `json:"rect,omitempty"`
	Text  *TextLine `json:"text,omitempty"`
	Image *Image    `json:"image,omitempty"`
	QR    *QR       `json:"qr,omitempty"`
	Link  *Link     `json:"link,omitempty"`
	Rule  *Rule     `json:"rule,omitempty"`
}

// Rect is a filled rectangle, optionally with rounded corners and a border.
type Rect struct {
	X, Y, W, H  float64
	Fill        doc.RGB
	Radius      float64  `json:",omitempty"`
	Stroke      *doc.RGB `json:",omitempty"`
	StrokeWidth float64  `json:",omitempty"`
}

// Rule is a straight line, dashed when Dash is set (on, off lengths).
type Rule struct {
	X1, Y1, X2, Y2 float64
	Color          doc.RGB
	Width          float64
	Dash           []float64 `json:",omitempty"`
}

// TextLine is one set line of text; X is the left end of its baseline.
// Rotate turns it counterclockwise by that many degrees about (X, Y).
type TextLine struct {
	X, Y   float64
	Color  doc.RGB
	Line   typeset.Line
	Rotate float64 `json:",omitempty"`
}

// Image is a raster image scaled into a box.
type Image struct {
	X, Y, W, H float64
	Image      *doc.Image `json:"-"`
}

// QR is a QR code: dark modules of Bits, each Module points wide.
type QR struct {
	X, Y, Module float64
	Bits         []string // one string per row, '1' for a dark module
	Color        doc.RGB
}

// Link makes an area of the page open a URL.
type Link struct {
	X, Y, W, H float64
	URL        string
}

// translate moves elements by dx, dy.
func translate(els []Element, dx, dy float64) {
	for i := range els {
		e := &els[i]
		switch {
		case e.Rect != nil:
			r := *e.Rect
			r.X += dx
			r.Y += dy
			e.Rect = &r
		case e.Text != nil:
			t := *e.Text
			t.X += dx
			t.Y += dy
			e.Text = &t
		case e.Image != nil:
			im := *e.Image
			im.X += dx
			im.Y += dy
			e.Image = &im
		case e.QR != nil:
			q := *e.QR
			q.X += dx
			q.Y += dy
			e.QR = &q
		case e.Link != nil:
			l := *e.Link
			l.X += dx
			l.Y += dy
			e.Link = &l
		case e.Rule != nil:
			r := *e.Rule
			r.X1 += dx
			r.X2 += dx
			r.Y1 += dy
			r.Y2 += dy
			e.Rule = &r
		}
	}
}

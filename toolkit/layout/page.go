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
	// Left lists the optional parts the layout left out for want of
	// room, for the operator to be told: the organisation's website's
	// own QR code (doc.PartOrgQR), whose address stays in its list.
	Left []doc.Part `json:"left,omitempty"`
	// SignsPrinted is how many signs a wallet card's back printed when
	// its contacts left room for fewer than it carries (Left holds
	// doc.PartSigns).
	SignsPrinted int `json:"signs_printed,omitempty"`
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

// Element is one thing drawn on a page. Exactly one of the fields
// after Tag is set.
type Element struct {
	// Tag is what the element is in the document's structure; nil for
	// decoration (backgrounds, rules, crop marks, the copies of a piece
	// repeated on a sheet), which a screen reader skips.
	Tag   *Tag      `json:"-"`
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

// Role is a structure type of tagged PDF (ISO 32000-1, 14.8.4), the
// standard names a screen reader knows.
type Role string

// The roles layouts give.
const (
	RoleSect    Role = "Sect"   // a section: the help panel, a card, one language's column
	RoleH1      Role = "H1"     // the headline
	RoleH2      Role = "H2"     // a section's title
	RoleH3      Role = "H3"     // a title inside a section
	RoleP       Role = "P"      // a paragraph, or a line such as a phone number
	RoleL       Role = "L"      // a list
	RoleLI      Role = "LI"     // a list item: its label and body
	RoleLbl     Role = "Lbl"    // a list item's marker
	RoleLBody   Role = "LBody"  // a list item's text
	RoleFigure  Role = "Figure" // a logo or a QR code, with alternative text
	RoleLink    Role = "Link"   // what a link annotation opens, and its content
	RoleCaption Role = "Caption"
)

// Tag is an element's place in the document's structure: its role, the
// document block it comes from, its language and, for a figure, its
// alternative text. Elements that share a Tag are one structure element
// (the lines of one paragraph); Parent nests it (an item in its list, a
// list in its section). The order in which a page's elements first name
// a structure element is the reading order.
type Tag struct {
	Role   Role
	Block  doc.Part
	Lang   string // BCP 47; the language of the words, which on a bilingual page is not always the document's
	Alt    string // a figure's alternative text
	Parent *Tag
	// kept marks a tag of a part a Memo keeps for the documents after:
	// each page gets copies of its own (box.elements), and nothing
	// changes it (group gives a box holding kept tags their parent,
	// box.parent; inBlock passes them by).
	kept bool
}

// BlockOf is the block t or its nearest ancestor names; "" for none.
func (t *Tag) BlockOf() doc.Part {
	for ; t != nil; t = t.Parent {
		if t.Block != "" {
			return t.Block
		}
	}
	return ""
}

// Root is t's outermost ancestor.
func (t *Tag) Root() *Tag {
	for t != nil && t.Parent != nil {
		t = t.Parent
	}
	return t
}

// Within reports whether t is role or inside an element of role.
func (t *Tag) Within(role Role) bool {
	for ; t != nil; t = t.Parent {
		if t.Role == role {
			return true
		}
	}
	return false
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

package layout

import (
	"fmt"
	"strings"
	"sync"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
	qrcode "github.com/skip2/go-qrcode"
)

// box is a laid-out piece: elements placed relative to its top-left
// corner, and its size. Layouts compose boxes: set text into boxes, stack
// them, place them side by side, then put the result on a page.
type box struct {
	W, H float64
	els  []Element
}

// place puts other into b with its top-left corner at x, y and grows b to
// contain it.
func (b *box) place(other box, x, y float64) {
	els := append([]Element(nil), other.els...)
	translate(els, x, y)
	b.els = append(b.els, els...)
	if x+other.W > b.W {
		b.W = x + other.W
	}
	if y+other.H > b.H {
		b.H = y + other.H
	}
}

// vstack puts boxes under each other, gap points apart.
func vstack(w, gap float64, boxes ...box) box {
	out := box{W: w}
	y := 0.0
	for _, b := range boxes {
		if b.H == 0 && len(b.els) == 0 {
			continue
		}
		if y > 0 {
			y += gap
		}
		out.place(b, 0, y)
		y += b.H
	}
	out.H = y
	return out
}

type align int

const (
	alignStart align = iota // left in left-to-right text, right in right-to-left
	alignCenter
	alignEnd
)

// textStyle is a typeset style plus colour and alignment.
type textStyle struct {
	typeset.Style
	Color doc.RGB
	Align align
}

// kit sets text for one document: one language, one direction, one
// typesetter. It keeps the first error so layouts read as a list of
// blocks rather than a ladder of checks.
type kit struct {
	ts   *typeset.Typesetter
	lang string
	rtl  bool
	err  error
}

// text sets s into a box w points wide.
func (k *kit) text(s string, w float64, st textStyle) box {
	if k.err != nil || s == "" {
		return box{W: w}
	}
	p, err := k.ts.Set(s, typeset.Options{Style: st.Style, Width: w, Lang: k.lang, RTL: k.rtl})
	if err != nil {
		k.err = err
		return box{W: w}
	}
	b := box{W: w}
	y := 0.0
	for _, l := range p.Lines {
		x := 0.0
		switch {
		case st.Align == alignCenter:
			x = (w - l.Width) / 2
		case (st.Align == alignStart) == k.rtl:
			x = w - l.Width
		}
		line := l
		b.els = append(b.els, Element{Text: &TextLine{X: x, Y: y + l.Ascent, Color: st.Color, Line: line}})
		y += l.Height
	}
	b.H = y
	return b
}

// number sets a phone number, which reads left to right in every
// language: in right-to-left text the bidi algorithm would move its
// brackets and letters ("1-800-222-TIPS (8477)" came out as
// "(1-800-222-TIPS (8477"). It keeps the alignment the reader expects.
func (k *kit) number(s string, w float64, st textStyle) box {
	ltr := *k
	ltr.rtl = false
	if k.rtl {
		switch st.Align {
		case alignStart:
			st.Align = alignEnd
		case alignEnd:
			st.Align = alignStart
		}
	}
	// A number is never broken: when it is too wide it is set a little
	// smaller, down to 85% of its size.
	if width := ltr.width(s, st); width > w && width > 0 {
		st.Size = max(st.Size*w/width*0.995, st.Size*0.85)
	}
	b := ltr.text(s, w, st)
	k.err = ltr.err
	return b
}

// width measures s on one line.
func (k *kit) width(s string, st textStyle) float64 {
	if k.err != nil || s == "" {
		return 0
	}
	w, err := k.ts.Measure(s, typeset.Options{Style: st.Style, Lang: k.lang, RTL: k.rtl})
	if err != nil {
		k.err = err
	}
	return w
}

// list sets items with a marker before each (after, in right-to-left
// text), hanging so that wrapped lines align with the text.
func (k *kit) list(items []string, marker string, markerColor doc.RGB, w, gap float64, st textStyle) box {
	mst := st
	mst.Color = markerColor
	mst.Bold = true
	indent := st.Size * 1.4
	var rows []box
	for _, item := range items {
		row := box{W: w}
		m := k.text(marker, indent, textStyle{Style: mst.Style, Color: markerColor, Align: alignStart})
		t := k.text(item, w-indent, st)
		if k.rtl {
			row.place(t, 0, 0)
			row.place(m, w-indent, 0)
		} else {
			row.place(m, 0, 0)
			row.place(t, indent, 0)
		}
		rows = append(rows, row)
	}
	return vstack(w, gap, rows...)
}

// side puts two columns next to each other, the first at the reading
// start (left, or right in right-to-left documents).
func (k *kit) side(total, gap float64, first, second box) box {
	out := box{W: total}
	colW := (total - gap) / 2
	if k.rtl {
		out.place(first, total-colW, 0)
		out.place(second, 0, 0)
	} else {
		out.place(first, 0, 0)
		out.place(second, colW+gap, 0)
	}
	out.W = total
	return out
}

// qr makes a QR code box size points wide that opens url.
func (k *kit) qr(url string, size float64, color doc.RGB) box {
	if k.err != nil {
		return box{}
	}
	rows, err := qrBits(url)
	if err != nil {
		k.err = err
		return box{}
	}
	module := size / float64(len(rows))
	return box{W: size, H: size, els: []Element{
		{QR: &QR{Module: module, Bits: rows, Color: color}},
		{Link: &Link{W: size, H: size, URL: url}},
	}}
}

// panelStyle is the look of a help panel's frame.
type panelStyle struct {
	pad, radius, stroke float64
	centreSide          bool // centre the side box vertically, else top-align it
}

// panel frames the help panels of every format: a box tinted with the
// brand colour and outlined in it, main at the reading start and side
// (a QR code column, or nothing) at the other end.
func (k *kit) panel(brand doc.RGB, w float64, main, side box, ps panelStyle) box {
	accent := readable(brand)
	inner := max(main.H, side.H)
	out := box{W: w, H: inner + 2*ps.pad}
	out.els = append(out.els, Element{Rect: &Rect{W: w, H: out.H, Fill: doc.NewPalette(brand).Panel, Radius: ps.radius, Stroke: &accent, StrokeWidth: ps.stroke}})
	mainX, sideX := ps.pad, w-ps.pad-side.W
	if k.rtl {
		mainX, sideX = w-ps.pad-main.W, ps.pad
	}
	sideY := ps.pad
	if ps.centreSide {
		sideY += (inner - side.H) / 2
	}
	out.place(main, mainX, ps.pad)
	if side.W > 0 {
		out.place(side, sideX, sideY)
	}
	out.W, out.H = w, inner+2*ps.pad
	return out
}

// actions sets the groups of actions under each other: each group's
// title, what to do (✓) and what to avoid (✗). Every group is set:
// a format that has no room for them fails rather than drop one.
func (k *kit) actions(groups []doc.Actions, w, groupGap, titleGap, itemGap float64, title, body textStyle, accent doc.RGB) box {
	var out []box
	for _, g := range groups {
		out = append(out, vstack(w, titleGap,
			k.text(g.Title, w, title),
			k.list(g.Do, "✓", accent, w, itemGap, body),
			k.list(g.Dont, "✗", danger, w, itemGap, body),
		))
	}
	return vstack(w, groupGap, out...)
}

// signsAndActions puts the signs at the reading start and the actions
// beside them. With two groups of actions, the second goes under the
// signs when that evens the columns out (the signs are often the
// shorter column): no group is ever left out.
func (k *kit) signsAndActions(signs box, groups []doc.Actions, total, colGap, groupGap, titleGap, itemGap float64, title, body textStyle, accent doc.RGB) box {
	colW := (total - colGap) / 2
	all := k.actions(groups, colW, groupGap, titleGap, itemGap, title, body, accent)
	best := k.side(total, colGap, signs, all)
	if len(groups) == 2 {
		first := k.actions(groups[:1], colW, groupGap, titleGap, itemGap, title, body, accent)
		second := k.actions(groups[1:], colW, groupGap, titleGap, itemGap, title, body, accent)
		left := vstack(colW, groupGap, signs, second)
		if max(left.H, first.H) < max(signs.H, all.H) {
			best = k.side(total, colGap, left, first)
		}
	}
	return best
}

// localGroup is the organisation's own list for the compact help panels
// (poster, tear-off, handout front, bilingual): its title, then one
// line per contact. Empty when the organisation gave none.
func (k *kit) localGroup(l *doc.Local, w, size float64, accent doc.RGB) box {
	if l == nil {
		return box{W: w}
	}
	lines := []box{k.text(l.Title, w, textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: 1.25}, Color: accent})}
	for i := range l.Contacts {
		lines = append(lines, k.contactLine(&l.Contacts[i], w, size))
	}
	return vstack(w, 1, lines...)
}

// provinceLines are the verified lines of the province asked for, in
// the compact help panels (poster, tear-off, bilingual), each on one
// line like the organisation's, but above its list and apart from it.
func (k *kit) provinceLines(cs []doc.Contact, w, size float64) box {
	lines := make([]box, 0, len(cs))
	for i := range cs {
		lines = append(lines, k.contactLine(&cs[i], w, size))
	}
	return vstack(w, 1, lines...)
}

// contactLine is one contact on one line: its name, then its number and
// addresses. The name and the ways are set
// apart, the ways left to right, so that in right-to-left text the bidi
// algorithm cannot move an extension or a bracket of the number ("ext.
// 12" came out as "12 ext.").
func (k *kit) contactLine(c *doc.Contact, w, size float64) box {
	var ways []string
	for _, s := range []string{c.Phone, c.Website, c.Email} {
		if s != "" {
			ways = append(ways, s)
		}
	}
	st := textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: 1.25}, Color: ink}
	joined := strings.Join(ways, "  ·  ")
	ltr := *k
	ltr.rtl = false
	name := c.Name
	if name != "" && joined != "" {
		name += ":"
	}
	nameW, waysW, gap := k.width(name, st), ltr.width(joined, st), size*0.5
	if nameW+gap+waysW <= w {
		nb := k.text(name, nameW+1, st)
		wb := k.number(joined, waysW+1, st)
		out := box{W: w}
		if k.rtl {
			out.place(nb, w-nb.W, 0)
			out.place(wb, w-nb.W-gap-wb.W, 0)
		} else {
			out.place(nb, 0, 0)
			out.place(wb, nb.W+gap, 0)
		}
		out.W = w
		return out
	}
	// Too long for one line: the name, then the ways on the next line,
	// or each on its own line, so that no number is broken and no
	// separator starts a line.
	lines := []box{k.text(c.Name, w, st)}
	if waysW <= w {
		return vstack(w, 1, append(lines, k.number(joined, w, st))...)
	}
	for _, way := range ways {
		lines = append(lines, k.number(way, w, st))
	}
	return vstack(w, 1, lines...)
}

// qrColumn is a QR code with an optional caption under it and the address
// it opens, printed too. The column is widened, up to maxW, so that the
// address stays on one line: a web address broken inside a word is hard
// to type.
func (k *kit) qrColumn(q doc.QR, size, captionSize, addressSize, maxW float64) box {
	addr := textStyle{Style: typeset.Style{Size: addressSize}, Color: muted, Align: alignCenter}
	w := min(max(size+16, k.width(q.Text, addr)+4), maxW)
	parts := []box{centered(k.qr(q.URL, size, ink), w)}
	if captionSize > 0 {
		parts = append(parts, k.text(q.Caption, w, textStyle{Style: typeset.Style{Size: captionSize, Bold: true}, Color: ink, Align: alignCenter}))
	}
	parts = append(parts, k.text(q.Text, w, addr))
	return vstack(w, 4, parts...)
}

// qrCodes caches each URL's modules for the process: encoding (with its
// mask evaluation) cost more than the rest of a flyer's layout.
var qrCodes sync.Map // url → []string

func qrBits(url string) ([]string, error) {
	if rows, ok := qrCodes.Load(url); ok {
		return rows.([]string), nil
	}
	code, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("QR code for %s: %w", url, err)
	}
	code.DisableBorder = true
	bits := code.Bitmap()
	rows := make([]string, len(bits))
	for i, row := range bits {
		b := make([]byte, len(row))
		for j, dark := range row {
			b[j] = '0'
			if dark {
				b[j] = '1'
			}
		}
		rows[i] = string(b)
	}
	qrCodes.Store(url, rows)
	return rows, nil
}

// logoBox fits img into a box at most w by h, keeping its proportions.
func logoBox(img *doc.Image, w, h float64) box {
	scale := min(w/float64(img.Width), h/float64(img.Height))
	iw, ih := float64(img.Width)*scale, float64(img.Height)*scale
	return box{W: iw, H: ih, els: []Element{{Image: &Image{W: iw, H: ih, Image: img}}}}
}

// onColor is the text colour on a band of c: the brand palette's, the
// same rule every backend uses (doc.NewPalette).
func onColor(c doc.RGB) doc.RGB { return doc.NewPalette(c).OnBand }

// readable is c, darkened until it reads on white (doc.NewPalette).
func readable(c doc.RGB) doc.RGB { return doc.NewPalette(c).Accent }

// tint mixes c with white; amount 0 is white, 1 is c.
func tint(c doc.RGB, amount float64) doc.RGB { return doc.Tint(c, amount) }

var (
	ink    = doc.Ink
	muted  = doc.Muted
	white  = doc.White
	danger = doc.Danger
)

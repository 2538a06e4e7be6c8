package layout

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// sheetSpec is a piece imposed several times on a sheet: its trim size
// and how many columns and rows go on the sheet.
type sheetSpec struct {
	w, h       float64
	cols, rows int
}

// walletCards are business-card sized, per paper: 3.5×2 in, 10 on a
// Letter sheet; 89×51 mm, 8 on A4.
var walletCards = map[string]sheetSpec{
	"letter": {w: 252, h: 144, cols: 2, rows: 5},
	"a4":     {w: 89 * PointsPerMM, h: 51 * PointsPerMM, cols: 2, rows: 4},
}

// Sheet spacing, in points.
const (
	// sheetGutter is the space between pieces when the sheet has room:
	// each piece is cut on its own lines, so a slightly wide cut never
	// nicks the neighbour.
	sheetGutter = 9.0
	// sheetMargin is the least space kept at the sheet's edges, which
	// desktop printers leave white.
	sheetMargin = 12.0
	// sharedCut is the narrowest gutter worth two cuts; narrower gutters
	// become one shared cut line.
	sharedCut = 4.0
	// shortMark is the least length of a crop mark.
	shortMark = 8.0
)

// sheet is a grid of identical pieces, centred on the media.
type sheet struct {
	media      Paper
	cols, rows int
	w, h       float64 // a piece's trim size
	gx, gy     float64 // gutters
	x0, y0     float64 // the grid's top-left corner
	print      PrintOptions
}

// impose centres cols × rows pieces of w × h on paper with gutters. The
// gutters are at least twice the bleed, so that each piece's bleed stays
// off its neighbour; when paper has no room for that, or for full-length
// crop marks, the media grows (a print shop prints on larger stock and
// cuts), as Print grows single pages.
func impose(paper Paper, w, h float64, cols, rows int, po PrintOptions) sheet {
	s := sheet{media: paper, cols: cols, rows: rows, w: w, h: h, print: po}
	s.gx, s.x0, s.media.Width = spread(paper.Width, w, cols, po)
	s.gy, s.y0, s.media.Height = spread(paper.Height, h, rows, po)
	return s
}

// spread places n pieces of length c along a side of length side and
// returns the gutter, the margin before the first piece, and the side's
// length (grown when the pieces, bleed and marks need more).
func spread(side, c float64, n int, po PrintOptions) (gutter, margin, length float64) {
	minGutter := 2 * po.Bleed
	minMargin := max(sheetMargin, po.Bleed+markOffset+shortMark)
	if po.CropMarks {
		minMargin = po.Bleed + markOffset + markLength
	}
	free := side - float64(n)*c
	gaps := float64(n - 1)
	g := max(sheetGutter, minGutter)
	if free-gaps*g >= 2*minMargin {
		return g, (free - gaps*g) / 2, side
	}
	if n > 1 {
		g = (free - 2*minMargin) / gaps
		if g >= minGutter {
			if po.Bleed == 0 && g < sharedCut {
				g = 0
			}
			return g, (free - gaps*g) / 2, side
		}
	}
	g = minGutter
	return g, minMargin, float64(n)*c + gaps*g + 2*minMargin
}

// cell is the trim box of the piece at column c, row r.
func (s sheet) cell(c, r int) Box {
	return Box{X: s.x0 + float64(c)*(s.w+s.gx), Y: s.y0 + float64(r)*(s.h+s.gy), W: s.w, H: s.h}
}

// gridBox is the box around all the pieces.
func (s sheet) gridBox() Box {
	return Box{X: s.x0, Y: s.y0, W: float64(s.cols)*s.w + float64(s.cols-1)*s.gx, H: float64(s.rows)*s.h + float64(s.rows-1)*s.gy}
}

// page puts piece in every cell (see pageOf).
func (s sheet) page(piece box, back bool) Page {
	pieces := make([]box, s.cols*s.rows)
	for i := range pieces {
		pieces[i] = piece
	}
	return s.pageOf(pieces, back)
}

// pageOf puts pieces[i] in cell i, row by row; an empty box leaves its
// cell blank. The pieces' rectangles that reach their trim edge are
// extended by the bleed. A back page (back true) is meant for long-edge
// duplex printing: the back of the piece at column c lands at column
// cols-1-c, which the symmetric grid puts behind it.
func (s sheet) pageOf(pieces []box, back bool) Page {
	out := box{W: s.media.Width, H: s.media.Height}
	for i, piece := range pieces {
		if i >= s.cols*s.rows {
			break
		}
		p := piece
		if s.print.Bleed > 0 {
			p.els = append([]Element(nil), piece.els...)
			for i := range p.els {
				if r := p.els[i].Rect; r != nil && r.Radius == 0 {
					rr := *r
					bleedRect(&rr, 0, s.w, s.h, s.print.Bleed)
					p.els[i].Rect = &rr
				}
			}
		}
		r, c := i/s.cols, i%s.cols
		if back {
			c = s.cols - 1 - c
		}
		cell := s.cell(c, r)
		out.place(p, cell.X, cell.Y)
	}
	out.els = append(out.els, s.marks()...)
	page := Page{Width: s.media.Width, Height: s.media.Height, Elements: out.els}
	if s.print.Bleed > 0 || s.print.CropMarks {
		g := s.gridBox()
		b := s.print.Bleed
		page.Trim = &g
		page.Bleed = &Box{X: g.X - b, Y: g.Y - b, W: g.W + 2*b, H: g.H + 2*b}
	}
	return page
}

// marks draws a crop mark at both ends of every cut line, in the margins
// outside the grid, so that no mark crosses a piece.
func (s sheet) marks() []Element {
	g := s.gridBox()
	gap := s.print.Bleed + markOffset
	black := doc.RGB{}
	var els []Element
	// Along each side the mark runs from the gap to markLength beyond
	// it, or to the sheet's edge when the margin is narrower.
	markX := min(gap+markLength, g.X)
	markY := min(gap+markLength, g.Y)
	for _, x := range cutLines(g.X, s.w, s.gx, s.cols) {
		els = append(els,
			Element{Rule: &Rule{X1: x, Y1: g.Y - gap, X2: x, Y2: g.Y - markY, Color: black, Width: 0.25}},
			Element{Rule: &Rule{X1: x, Y1: g.Y + g.H + gap, X2: x, Y2: g.Y + g.H + markY, Color: black, Width: 0.25}},
		)
	}
	for _, y := range cutLines(g.Y, s.h, s.gy, s.rows) {
		els = append(els,
			Element{Rule: &Rule{X1: g.X - gap, Y1: y, X2: g.X - markX, Y2: y, Color: black, Width: 0.25}},
			Element{Rule: &Rule{X1: g.X + g.W + gap, Y1: y, X2: g.X + g.W + markX, Y2: y, Color: black, Width: 0.25}},
		)
	}
	return els
}

// cutLines lists where n pieces of length c, gutter apart from start,
// are cut; a zero gutter makes neighbours share one line.
func cutLines(start, c, gutter float64, n int) []float64 {
	var out []float64
	for i := range n {
		a := start + float64(i)*(c+gutter)
		if i == 0 || gutter > 0 {
			out = append(out, a)
		}
		out = append(out, a+c)
	}
	return out
}

// sheetFor picks the piece size and grid for paper.
func sheetFor(specs map[string]sheetSpec, paper Paper, po PrintOptions) (sheet, error) {
	spec, ok := specs[paper.Name]
	if !ok {
		return sheet{}, fmt.Errorf("no card sheet for %s paper; use letter or a4", paper.Name)
	}
	return impose(paper, spec.w, spec.h, spec.cols, spec.rows, po), nil
}

// cardScales are the text scales a card tries, largest first; the
// smallest keeps fine print at 7 pt.
var cardScales = []float64{1.1, 1.05, 1, 0.975, 0.95, 0.925, 0.9, 0.875, 0.85, 0.8}

// cardPad is the space between a card's trim edge and its text: enough
// that a cut a little off never touches a letter.
const cardPad = 11.0

// Cards lays out wallet cards on two pages: the fronts, with the
// headline on a band in the brand colour, the hotline large and the 911
// line; and the backs, with three signs, the audience's other contacts
// and a line asking to keep and share the card. The backs are placed for
// long-edge duplex printing.
func Cards(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	fail := func(err error) (*Document, error) {
		return nil, layoutError("cards", d, err)
	}
	s, err := sheetFor(walletCards, opts.Paper, opts.Print)
	if err != nil {
		return fail(err)
	}
	k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL}
	front, err := fitCard(k, s.w, s.h, cardTries(d.Help.Hotline.Detail != "", 0.9), func(at attempt) box { return cardFront(k, d, s.w, s.h, at) })
	if err != nil {
		return fail(fmt.Errorf("front: %w", err))
	}
	back, err := fitCardBack(k, d, s)
	if err != nil {
		return fail(fmt.Errorf("back: %w", err))
	}
	return &Document{Meta: d.Meta, Pages: []Page{s.page(front, false), s.page(back, true)}}, nil
}

// fitCard builds a card side at each attempt until its content fits.
// build returns the side with H set to the height its content needs.
func fitCard(k *kit, w, h float64, tries []attempt, build func(attempt) box) (box, error) {
	for _, at := range tries {
		b := build(at)
		if k.err != nil {
			return box{}, k.err
		}
		if b.H <= h+0.01 {
			b.W, b.H = w, h
			return b, nil
		}
	}
	return box{}, ErrDoesNotFit
}

// cardTries are a card side's attempts: the optional part goes before
// the text gets smaller than keepTo.
func cardTries(hasOptional bool, keepTo float64) []attempt {
	var out []attempt
	for _, s := range cardScales {
		if s >= keepTo || !hasOptional {
			out = append(out, attempt{s, true})
		}
	}
	if hasOptional {
		for _, s := range cardScales {
			out = append(out, attempt{s, false})
		}
	}
	return out
}

// cardFront is the brand band with the organisation's name and the
// headline, then the hotline's name, its number large, what the hotline
// is (optional) and the emergency line, centred in what is left. Its H
// is the height the content needs.
func cardFront(k *kit, d *doc.Document, w, h float64, at attempt) box {
	const bandPad = 8.0
	scale := at.scale
	inner := w - 2*cardPad
	fg := onColor(d.Brand.Color)
	var org box
	if d.Brand.OrgName != "" {
		org = k.text(strings.ToUpper(d.Brand.OrgName), inner, textStyle{Style: typeset.Style{Size: minSize, Bold: true, Leading: 1.15}, Color: fg})
	}
	headline := vstack(inner, 2, org,
		k.text(d.Headline, inner, textStyle{Style: typeset.Style{Size: 10.5 * scale, Bold: true, Leading: 1.15}, Color: fg}))
	bandH := headline.H + 2*bandPad
	accent := readable(d.Brand.Color)
	var detail box
	if at.optional {
		detail = k.text(d.Help.Hotline.Detail, inner, textStyle{Style: typeset.Style{Size: max(7.5*scale, minSize), Leading: 1.2}, Color: muted})
	}
	body := vstack(inner, 2*scale,
		k.text(d.Help.Hotline.Name, inner, textStyle{Style: typeset.Style{Size: max(9*scale, minSize), Bold: true, Leading: 1.15}, Color: ink}),
		// The number is what the card is for: never below 16 pt.
		k.number(d.Help.Hotline.Phone, inner, textStyle{Style: typeset.Style{Size: max(22*scale, 16), Bold: true, Leading: 1.1}, Color: accent}),
		detail,
		k.text(d.Help.Emergency, inner, textStyle{Style: typeset.Style{Size: max(9*scale, minSize), Bold: true, Leading: 1.15}, Color: danger}),
	)
	out := box{W: w, els: []Element{
		{Rect: &Rect{W: w, H: h, Fill: white}},
		{Rect: &Rect{W: w, H: bandH, Fill: d.Brand.Color}},
	}}
	out.place(headline, cardPad, bandPad)
	const gap = 7.0
	out.place(body, cardPad, bandH+max(gap, (h-bandH-body.H)/2))
	out.H = bandH + body.H + 2*gap
	return out
}

// cardBack lists the first three signs, the audience's other contacts
// (name and number), and the line asking to keep the card, beside a QR
// code to the hotline's (or the organisation's) website when there is
// room (optional). Its H is the height the content needs.
// fitCardBack fits the back of a wallet card: three signs beside the
// contacts and a QR code, then without the QR code, then with fewer
// signs. Only when the card also carries provincial lines or the
// organisation's own contacts may the signs go altogether: the contacts
// are what a wallet card is for, and every contact is printed.
func fitCardBack(k *kit, d *doc.Document, s sheet) (box, error) {
	least := 2
	if len(d.Help.Province) > 0 || d.Help.Local != nil {
		least = 0
	}
	var err error
	for n := 3; n >= least; n-- {
		var b box
		b, err = fitCard(k, s.w, s.h, cardTries(d.QR.URL != "", 1), func(at attempt) box { return cardBack(k, d, s.w, s.h, at, n) })
		if !errors.Is(err, ErrDoesNotFit) {
			return b, err
		}
	}
	if least == 0 {
		return box{}, fmt.Errorf("%w: the contacts alone fill the back of a wallet card", err)
	}
	return box{}, err
}

// cardBack is the back of a wallet card with n signs.
func cardBack(k *kit, d *doc.Document, w, h float64, at attempt, n int) box {
	const stripe, qrSize = 4.0, 42.0
	scale := at.scale
	inner := w - 2*cardPad
	accent := readable(d.Brand.Color)
	small := max(8*scale, 7)
	body := textStyle{Style: typeset.Style{Size: small, Leading: 1.15}, Color: ink}
	var sections []box
	if n > 0 {
		signs := d.Signs.Items[:min(n, len(d.Signs.Items))]
		sections = append(sections, vstack(inner, 2*scale,
			k.text(d.Signs.Title, inner, textStyle{Style: typeset.Style{Size: max(9*scale, 7.5), Bold: true}, Color: accent}),
			k.list(signs, "•", accent, inner, 1.5*scale, body),
		))
	}
	var rows []box
	for _, c := range append(slices.Clone(d.Help.Others), d.Help.Province...) {
		if c.Phone == "" {
			continue
		}
		rows = append(rows, contactRow(k, c.Name, c.Phone, inner, small))
	}
	rule := box{W: inner, H: 0.5, els: []Element{{Rule: &Rule{X2: inner, Color: tint(muted, 0.4), Width: 0.5}}}}
	if len(rows) > 0 {
		if len(sections) == 0 {
			rule = box{W: inner}
		}
		sections = append(sections, vstack(inner, 3*scale, rule, vstack(inner, 2*scale, rows...)))
	}
	if l := d.Help.Local; l != nil {
		// The organisation's list, under its title and apart from the
		// verified lines; a contact with only a website takes a line too.
		local := []box{k.text(l.Title, inner, textStyle{Style: typeset.Style{Size: small, Bold: true, Leading: 1.15}, Color: accent})}
		for _, c := range l.Contacts {
			way := cmp.Or(c.Phone, c.Website, c.Email)
			local = append(local, contactRow(k, c.Name, way, inner, small))
		}
		sections = append(sections, vstack(inner, 3*scale, rule, vstack(inner, 2*scale, local...)))
	}
	closing := textStyle{Style: typeset.Style{Size: small, Bold: true, Leading: 1.15}, Color: muted}
	if at.optional && d.QR.URL != "" {
		textW := inner - qrSize - 10
		text := k.text(d.Labels.CardsBack, textW, closing)
		row := box{W: inner, H: qrSize}
		textX, qrX := 0.0, inner-qrSize
		if k.rtl {
			textX, qrX = inner-textW, 0
		}
		row.place(text, textX, (qrSize-text.H)/2)
		row.place(k.qr(d.QR.URL, qrSize, ink), qrX, 0)
		row.H = max(qrSize, text.H)
		sections = append(sections, row)
	} else {
		sections = append(sections, k.text(d.Labels.CardsBack, inner, closing))
	}
	sections = append(sections, draftLine(k, d, inner))
	content := vstack(inner, 5*scale, sections...)

	out := box{W: w, els: []Element{
		{Rect: &Rect{W: w, H: h, Fill: white}},
		{Rect: &Rect{W: w, H: stripe, Fill: d.Brand.Color}},
	}}
	// The stripe is decoration: text may come closer to it than to a cut.
	top := stripe + 6
	out.place(content, cardPad, top+max(0, (h-top-cardPad+4-content.H)/2))
	out.H = top + content.H + cardPad - 4
	return out
}

// contactRow is a contact's name at the reading start and its number at
// the end of the same line; a long name wraps before the number.
func contactRow(k *kit, name, phone string, w, size float64) box {
	num := textStyle{Style: typeset.Style{Size: size + 0.5, Bold: true, Leading: 1.15}, Color: ink}
	numW := k.width(phone, num) + 1
	nameW := w - numW - 8
	n := k.text(strings.TrimSpace(name), nameW, textStyle{Style: typeset.Style{Size: size, Leading: 1.15}, Color: ink})
	p := k.number(phone, numW, num)
	out := box{W: w}
	if k.rtl {
		out.place(n, w-nameW, 0)
		out.place(p, 0, 0)
	} else {
		out.place(n, 0, 0)
		out.place(p, w-numW, 0)
	}
	out.W = w
	return out
}

// BilingualCards puts one language on each side of the wallet cards: the
// front in the first language and, on the back, the same front in the
// second, so either side can face a reader.
func BilingualCards(ts *typeset.Typesetter, first, second *doc.Document, opts Options) (*Document, error) {
	fail := func(err error) (*Document, error) {
		return nil, fmt.Errorf("lay out %s cards (%s+%s): %w", first.Meta.Audience, first.Meta.Lang, second.Meta.Lang, err)
	}
	s, err := sheetFor(walletCards, opts.Paper, opts.Print)
	if err != nil {
		return fail(err)
	}
	var sides [2]box
	for i, d := range []*doc.Document{first, second} {
		k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL}
		sides[i], err = fitCard(k, s.w, s.h, cardTries(d.Help.Hotline.Detail != "", 0.9), func(at attempt) box { return cardFront(k, d, s.w, s.h, at) })
		if err != nil {
			return fail(fmt.Errorf("%s side: %w", d.Meta.Lang, err))
		}
	}
	meta := first.Meta
	meta.Title = first.Headline + " / " + second.Headline
	return &Document{Meta: meta, Pages: []Page{s.page(sides[0], false), s.page(sides[1], true)}}, nil
}

// draftLine is the small "draft translation" notice for pieces too small
// for a footer, or nothing when the translation has been reviewed.
func draftLine(k *kit, d *doc.Document, w float64) box {
	var lines []box
	for _, draft := range d.Footer.DraftLines() {
		lines = append(lines, k.text(draft, w, textStyle{Style: typeset.Style{Size: 7, Leading: 1.1}, Color: muted}))
	}
	return vstack(w, 1, lines...)
}

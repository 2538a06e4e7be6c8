package layout

import (
	"cmp"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

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
	// gutterColour is the most a piece's colour runs past its trim into
	// a gutter on a sheet printed without bleed (1.5 mm): a cut a little
	// off then shows colour, never a white sliver.
	gutterColour = 1.5 * PointsPerMM
	// guideGap is the space between a piece's trim and a cutting guide
	// in a gutter on a sheet printed without bleed.
	guideGap = 1.5
	// leastGuide is the shortest cutting guide worth drawing.
	leastGuide = 3.0
)

// sheet is a grid of identical pieces, centred on the media.
type sheet struct {
	media      Paper
	cols, rows int
	w, h       float64 // a piece's trim size
	gx, gy     float64 // gutters
	x0, y0     float64 // the grid's top-left corner
	// bx, by are how far each piece's colour runs past its trim, across
	// and down: the print bleed, or on a sheet printed without bleed
	// as much of the gutter as gutterColour allows.
	bx, by float64
	print  PrintOptions
}

// impose centres up to cols × rows pieces of w × h on paper with
// gutters. The gutters are at least twice the bleed, so that each
// piece's bleed stays off its neighbour; when the paper has no room for
// that, or for the crop marks, the sheet carries fewer pieces: the
// paper stays the one the user chose (a desktop printer takes nothing
// else). With ImposeSingle the page is one piece, its trim size plus
// the bleed (and the crop marks' margin).
func impose(paper Paper, w, h float64, cols, rows int, po PrintOptions) sheet {
	if po.Imposition == ImposeSingle {
		m := po.Bleed
		if po.CropMarks {
			m += markOffset + markLength
		}
		return sheet{media: Paper{Name: paper.Name, Width: w + 2*m, Height: h + 2*m}, cols: 1, rows: 1, w: w, h: h,
			x0: m, y0: m, bx: po.Bleed, by: po.Bleed, print: po}
	}
	s := sheet{media: paper, w: w, h: h, print: po}
	s.cols, s.gx, s.x0, s.media.Width = fit(paper.Width, w, cols, po)
	s.rows, s.gy, s.y0, s.media.Height = fit(paper.Height, h, rows, po)
	s.bx, s.by = po.Bleed, po.Bleed
	if po.Bleed == 0 {
		s.bx, s.by = min(gutterColour, s.gx/2), min(gutterColour, s.gy/2)
		if s.cols == 1 {
			s.bx = gutterColour
		}
		if s.rows == 1 {
			s.by = gutterColour
		}
	}
	return s
}

// minMargin is the least space kept between the pieces and the sheet's
// edges: the bleed and room for the marks.
func minMargin(po PrintOptions) float64 {
	if po.CropMarks {
		return po.Bleed + markOffset + markLength
	}
	return max(sheetMargin, po.Bleed+markOffset+shortMark)
}

// spread places n pieces of length c along a side of length side and
// returns the gutter and the margin before the first piece; ok is false
// when they do not fit with their bleed and marks. With bleed the
// gutter leaves room for a cutting guide between the two bleeds when
// the side allows.
func spread(side, c float64, n int, po PrintOptions) (gutter, margin float64, ok bool) {
	minGutter := 2 * po.Bleed
	edge := minMargin(po)
	free := side - float64(n)*c
	gaps := float64(n - 1)
	g := sheetGutter
	if po.Bleed > 0 {
		g = max(g, 2*(po.Bleed+markOffset)+shortMark)
	}
	if free-gaps*g >= 2*edge {
		return g, (free - gaps*g) / 2, true
	}
	if n > 1 {
		g = (free - 2*edge) / gaps
		if g >= minGutter {
			if po.Bleed == 0 && g < sharedCut {
				g = 0
			}
			return g, (free - gaps*g) / 2, true
		}
	}
	return 0, 0, false
}

// fit places as many of up to n pieces along a side as spread can, and
// returns how many, the gutter, the margin and the side's length.
func fit(side, c float64, n int, po PrintOptions) (count int, gutter, margin, length float64) {
	for count = n; count >= 1; count-- {
		if g, m, ok := spread(side, c, count, po); ok {
			return count, g, m, side
		}
	}
	g, m, length := grow(side, c, 1, po)
	return 1, g, m, length
}

// grow is spread for a single piece that does not fit the side with its
// bleed and marks (none of the sheets does): the side grows, as Print
// grows a single page.
func grow(side, c float64, n int, po PrintOptions) (gutter, margin, length float64) {
	g := 2 * po.Bleed
	m := minMargin(po)
	return g, m, float64(n)*c + float64(n-1)*g + 2*m
}

// cell is the trim box of the piece at column c, row r.
func (s sheet) cell(c, r int) Box {
	return Box{X: s.x0 + float64(c)*(s.w+s.gx), Y: s.y0 + float64(r)*(s.h+s.gy), W: s.w, H: s.h}
}

// gridBox is the box around all the pieces.
func (s sheet) gridBox() Box {
	return Box{X: s.x0, Y: s.y0, W: float64(s.cols)*s.w + float64(s.cols-1)*s.gx, H: float64(s.rows)*s.h + float64(s.rows-1)*s.gy}
}

// page puts piece in every cell (see pageOf). The first is tagged; the
// others are copies, which a screen reader would otherwise read ten
// times.
func (s sheet) page(piece box, back bool) Page {
	pieces := make([]box, s.cols*s.rows)
	copies := untagged(piece)
	for i := range pieces {
		pieces[i] = copies
	}
	pieces[0] = piece
	return s.pageOf(pieces, back)
}

// pageOf puts pieces[i] in cell i, row by row; an empty box leaves its
// cell blank. The pieces' rectangles that reach their trim edge run on
// past it (bx, by), so that a cut a little off leaves no white. A back
// page (back true) is meant for long-edge duplex printing: the back of
// the piece at column c lands at column cols-1-c, which the symmetric
// grid puts behind it.
func (s sheet) pageOf(pieces []box, back bool) Page {
	out := box{W: s.media.Width, H: s.media.Height}
	for i, piece := range pieces {
		if i >= s.cols*s.rows {
			break
		}
		p := piece
		if s.bx > 0 || s.by > 0 {
			p = piece.flat() // its own copies, to extend
			for i := range p.els {
				if r := p.els[i].Rect; r != nil && r.Radius == 0 {
					bleedRectXY(r, 0, s.w, s.h, s.bx, s.by)
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
	out.els = append(out.els, s.guides()...)
	page := Page{Width: s.media.Width, Height: s.media.Height, Elements: out.elements()}
	if s.print.Bleed > 0 || s.print.CropMarks {
		g := s.gridBox()
		b := s.print.Bleed
		page.Trim = &g
		page.Bleed = &Box{X: g.X - b, Y: g.Y - b, W: g.W + 2*b, H: g.H + 2*b}
	}
	return page
}

// guides draws the cutting guides: along every cut line, a hairline in
// each space the line crosses between pieces (a gutter) or beyond them
// (a margin), so that every corner of every piece is marked on both its
// edges, and no guide lies on a piece. In a margin a guide is a crop
// mark, markLength long or to the sheet's edge. With bleed the guides
// keep off the bleed, as a print shop expects; without, a guide in a
// gutter may lie on the colour that runs past the trim, which is cut
// away. Where two pieces share a cut (no gutter) the line is marked in
// the margins only.
func (s sheet) guides() []Element {
	// Crop marks keep markOffset beyond the bleed, in the margins; in a
	// gutter without bleed a guide comes nearer, or none would fit.
	gap, edgeGap := guideGap, guideGap
	if s.print.Bleed > 0 {
		gap = s.print.Bleed + markOffset
	}
	if s.print.Bleed > 0 || s.print.CropMarks {
		edgeGap = s.print.Bleed + markOffset
	}
	black := doc.RGB{}
	g := s.gridBox()
	var els []Element
	// spaces lists the spaces along one axis: the margin before the
	// first piece, the gutters and the margin after the last, each as
	// the interval (from, to) of a guide in it; one too short for a
	// guide (a page that ends at the bleed) has none.
	spaces := func(start, c, gutter float64, n int, side float64) [][2]float64 {
		end := start + float64(n)*c + float64(n-1)*gutter
		out := [][2]float64{{max(start-edgeGap-markLength, 0), start - edgeGap}}
		if gutter > 0 {
			for i := 1; i < n; i++ {
				a := start + float64(i)*c + float64(i-1)*gutter
				out = append(out, [2]float64{a + gap, a + gutter - gap})
			}
		}
		return append(out, [2]float64{end + edgeGap, min(end+edgeGap+markLength, side)})
	}
	for _, x := range cutLines(g.X, s.w, s.gx, s.cols) {
		for _, sp := range spaces(g.Y, s.h, s.gy, s.rows, s.media.Height) {
			if sp[1]-sp[0] >= leastGuide {
				els = append(els, Element{Rule: &Rule{X1: x, Y1: sp[0], X2: x, Y2: sp[1], Color: black, Width: 0.25}})
			}
		}
	}
	for _, y := range cutLines(g.Y, s.h, s.gy, s.rows) {
		for _, sp := range spaces(g.X, s.w, s.gx, s.cols, s.media.Width) {
			if sp[1]-sp[0] >= leastGuide {
				els = append(els, Element{Rule: &Rule{X1: sp[0], Y1: y, X2: sp[1], Y2: y, Color: black, Width: 0.25}})
			}
		}
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

// minCardText is the smallest type on a wallet card: the back's fine
// print and, on a two-language front with a long organisation name, the
// name and what the hotline is (frontSets). The rest of a front stays
// at minSize or more.
const minCardText = 7.0

// Cards lays out wallet cards on two pages: the fronts, with the
// headline on a band in the brand colour, the hotline large and the 911
// line; and the backs, with three signs, the audience's other contacts,
// the province's lines, the organisation's list and a line asking to
// keep and share the card. The backs are placed for long-edge duplex
// printing.
func Cards(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	fail := func(err error) (*Document, error) {
		return nil, layoutError("cards", d, err)
	}
	s, err := sheetFor(opts.cards(walletCards, clearCards), opts.Paper, opts.Print)
	if err != nil {
		return fail(err)
	}
	d = CardsContent.ownLocal(d)
	k := newKit(ts, d, opts.style())
	front, err := fitCard(k, "wallet card front", s.w, s.h, func(scale float64) box { return k.cardFront(d, s.w, s.h, scale, true, frontSet{}) })
	orgOnBack := false
	if errors.Is(err, ErrDoesNotFit) && d.Brand.OrgName != "" {
		// A long name leaves the front to the hotline: the back names
		// the organisation, over its list or on a line of its own.
		orgOnBack = true
		front, err = fitCard(k, "wallet card front", s.w, s.h, func(scale float64) box { return k.cardFront(d, s.w, s.h, scale, false, frontSet{}) })
	}
	if err != nil {
		return fail(err)
	}
	var back box
	signs := 0
	// The code's address beside it, unless even the fewest signs leave
	// no room for that line (the longest local contacts in Arabic).
tries:
	for _, set := range backSets {
		for _, n := range CardsContent.SignCounts(len(d.Signs.Items)) {
			back, err = fitCard(k, "wallet card back", s.w, s.h, func(scale float64) box { return k.cardBack(d, s.w, s.h, scale, n, orgOnBack, set) })
			if !errors.Is(err, ErrDoesNotFit) {
				signs = n
				break tries
			}
		}
	}
	if err != nil {
		return fail(err)
	}
	out := &Document{Meta: d.Meta, Pages: []Page{s.page(front, false), s.page(back, true)}}
	if signs < min(len(d.Signs.Items), CardsContent.Signs) {
		// The contacts took the room of signs: the operator is told
		// (generate.LeftNote), not left to find a card without them.
		out.Left = []doc.Part{doc.PartSigns}
		out.SignsPrinted = signs
	}
	return out, nil
}

// fitCard builds a card side at each scale until its content fits.
// build returns the side with H set to the height its content needs;
// what names the side in the error when none fits ("wallet card back").
func fitCard(k *kit, what string, w, h float64, build func(scale float64) box) (box, error) {
	var last box
	for _, sc := range k.cardScales() {
		last = build(sc)
		if k.err != nil {
			return box{}, k.err
		}
		if last.H <= h+0.01 && last.wide == "" {
			last.W, last.H = w, h
			return group(last, RoleSect, ""), nil
		}
	}
	if err := wideError(last); err != nil {
		if fe, ok := err.(*FitError); ok {
			fe.Format = what
		}
		return box{}, err
	}
	return box{}, &FitError{Format: what, Blocks: blocksOf(last), Size: minCardText, Need: last.H, Have: h}
}

// frontSet is how tightly a card front is set, besides its text scale:
// the steps a long organisation name (up to profile.MaxName characters)
// takes before it leaves a front, roomiest first. Nothing is set below
// the card's least size, minCardText; the hotline number never below
// 16 pt; no text outside the safe area (cardSafe).
type frontSet struct {
	// smallOrg sets the organisation's name at minCardText in regular
	// weight, which takes about two thirds of the width of the bold
	// name: 100 characters in two lines instead of three.
	smallOrg bool
	// fineDetail sets what the hotline is (free, 24/7, who it tells) at
	// minCardText, the size of a wallet card's fine print.
	fineDetail bool
	// tight sets the number at its 16 pt floor and narrows the band's
	// padding under the headline and the gaps: for the longest
	// languages (French, Arabic, Persian, Urdu) beside a 100-character
	// name.
	tight bool
	// close is the last step, for two long languages without English
	// (Arabic, Persian, Urdu, Ukrainian) beside a 100-character name:
	// the text runs to the safe area's sides (cardSafe, 3 mm from the
	// trim; 11 pt otherwise), which takes a line off a paragraph of
	// fine print or of the emergency line, and the lines are set closer:
	// the name's solid (leading 1.0: a name of Latin capitals or
	// Chinese has no descenders to meet; 1.15 otherwise), the headline,
	// the fine print and the emergency line at 1.05, the hotline's name
	// at 1.1 (its English name and the gloss in the card's language,
	// which may be drawn larger, share its lines), the number solid, and
	// the gaps between them 1 pt.
	close bool
}

// frontSets are the steps, roomiest first.
var frontSets = []frontSet{{}, {smallOrg: true}, {smallOrg: true, fineDetail: true}, {smallOrg: true, fineDetail: true, tight: true},
	{smallOrg: true, fineDetail: true, tight: true, close: true}}

// cardSafe is a card's safe area: no text comes nearer its trim than
// this (3 mm, as print shops ask), so that a cut a little off never
// touches a letter.
const cardSafe = 3 * PointsPerMM

// inkOf is how far what b prints reaches, from b's top: its QR codes
// and images, and the letters of its lines, up to 0.8 of the size of a
// line's largest printing run over its baseline and down to 0.2 of it
// under. A run in another script is set larger or smaller than its line
// (typeset's Optical), so its letters may reach into the line's leading
// or past it. A box that prints none of these has its own height's
// extent.
func inkOf(b box) (top, bottom float64) {
	top, bottom = b.H, 0
	for _, e := range b.elements() {
		switch {
		case e.QR != nil:
			top, bottom = min(top, e.QR.Y), max(bottom, e.QR.Y+e.QR.Module*float64(len(e.QR.Bits)))
		case e.Image != nil:
			top, bottom = min(top, e.Image.Y), max(bottom, e.Image.Y+e.Image.H)
		case e.Text != nil:
			size := 0.0
			for _, r := range e.Text.Line.Runs {
				if strings.ContainsFunc(r.Text, printing) {
					size = max(size, r.Size)
				}
			}
			if size > 0 {
				top, bottom = min(top, e.Text.Y-0.8*size), max(bottom, e.Text.Y+0.2*size)
			}
		}
	}
	if top > bottom {
		return 0, b.H
	}
	return top, bottom
}

// printing reports whether r leaves ink: not a space or a mark of
// direction.
func printing(r rune) bool { return unicode.IsGraphic(r) && !unicode.IsSpace(r) }

// cardFront is the brand band with the organisation's name (withOrg)
// and the headline, then the hotline's name, its number large, what the
// hotline is and the emergency line, centred in what is left. Its H is
// the height the content needs.
func (k *kit) cardFront(d *doc.Document, w, h, scale float64, withOrg bool, set frontSet) box {
	return k.cardFrontDraft(d, w, h, scale, withOrg, false, set)
}

// cardFrontDraft is cardFront, with the short draft notice under the
// emergency line when withDraft: a two-language card has no back of
// its own, so each side carries its language's notice, in one line
// (shortDraftLine) that fits beside the longest name.
func (k *kit) cardFrontDraft(d *doc.Document, w, h, scale float64, withOrg, withDraft bool, set frontSet) box {
	bandPad, gap, number, orgGap := 5.5, 4.0, max(22*scale, 16), 2.0
	side, orgLead, lead, nameLead, numLead, partGap := cardPad, 1.15, 1.15, 1.15, 1.05, 1.5*scale
	if set.tight {
		bandPad, gap, number, orgGap = 4, 3, 16, 1
	}
	if set.close {
		side, orgLead, lead, nameLead, numLead, partGap, bandPad, gap = cardSafe, 1.0, 1.05, 1.1, 1.0, 1, 3, 2
	}
	inner := w - 2*side
	fg := k.col.onBand
	if !k.col.onColour {
		fg = k.col.ink
	}
	var org box
	if withOrg && d.Brand.OrgName != "" {
		// In capitals when the name takes one line so; a long name
		// keeps its case, which is narrower and reads better.
		orgSt := textStyle{Style: typeset.Style{Size: max(7*scale, minSize), Bold: true, Leading: orgLead}, Color: fg}
		if set.smallOrg {
			orgSt.Size, orgSt.Bold = minCardText, false
		}
		name := strings.ToUpper(d.Brand.OrgName)
		if k.width(name, orgSt) > inner {
			name = d.Brand.OrgName
		}
		org = inBlock(k.text(k.own(name), inner, orgSt), doc.PartOrg)
	}
	hlSt := textStyle{Style: typeset.Style{Size: 10 * scale, Bold: true, Leading: min(lead, 1.12)}, Color: fg, Role: RoleH1}
	headline := vstack(inner, orgGap, org, inBlock(k.text(k.bySentence(d.Headline, inner, hlSt), inner, hlSt), doc.PartHeadline))
	// The band's first line starts where its letters start at the safe
	// area's edge; the body's last line ends where its letters do.
	inkTop, _ := inkOf(headline)
	bandTop := cardSafe - inkTop
	bandH := bandTop + headline.H + bandPad
	detail := max(7.5*scale, minSize)
	if set.fineDetail {
		detail = minCardText
	}
	name := k.text(d.Help.Hotline.Name, inner, textStyle{Style: typeset.Style{Size: max(8.5*scale, minSize), Bold: true, Leading: nameLead}, Color: k.col.ink})
	// The number is what the card is for: never below 16 pt.
	numSt := textStyle{Style: typeset.Style{Size: number, Bold: true, Leading: numLead}, Color: k.col.accent}
	num := k.number(d.Help.Hotline.Phone, inner, numSt)
	body := vstack(inner, partGap,
		inBlock(vstack(inner, partGap,
			name,
			num,
			k.text(d.Help.Hotline.Detail, inner, textStyle{Style: typeset.Style{Size: detail, Leading: lead}, Color: k.col.muted}),
		), doc.PartHotline),
		inBlock(k.text(d.Help.Emergency, inner, textStyle{Style: typeset.Style{Size: max(8.5*scale, minSize), Bold: true, Leading: lead}, Color: k.col.danger}), doc.PartEmergency),
	)
	// The draft notice stands beside the number, in the room its line
	// leaves, when it fits there in the number's height; else under the
	// emergency line.
	var draft box
	draftBeside, draftGap := false, 6.0
	if withDraft && d.Labels.SMSDraft != "" {
		room := inner - min(k.ltr().width(d.Help.Hotline.Phone, numSt), inner) - draftGap
		if room >= 4*minCardText {
			draft = k.shortDraftLine(d, room, 1.0)
			draftBeside = draft.H <= num.H
		}
		if !draftBeside {
			draft = k.shortDraftLine(d, inner, 1.1)
			body = vstack(inner, partGap, body, draft)
		}
	}
	out := box{W: w, els: []Element{{Rect: &Rect{W: w, H: h, Fill: white}}}}
	if k.col.onColour {
		out.els = append(out.els, Element{Rect: &Rect{W: w, H: bandH, Fill: k.col.band}})
	} else {
		out.els = append(out.els, Element{Rect: &Rect{W: w, H: 3, Fill: k.col.band}})
	}
	out.place(headline, side, bandTop)
	// The body is centred between the band (gap under it) and the safe
	// area's bottom edge.
	_, inkBottom := inkOf(body)
	bottom := cardSafe - (body.H - inkBottom)
	bodyTop := bandH + gap + max(0, (h-bottom-bandH-gap-body.H)/2)
	out.place(body, side, bodyTop)
	if draftBeside {
		// At the foot of the number's line, at the far side from
		// where the line starts.
		x := side + inner - draft.W
		if k.rtl {
			x = side
		}
		out.place(draft, x, bodyTop+name.H+partGap+num.H-draft.H)
	}
	out.H = bandH + gap + body.H + bottom
	return out
}

// backSet is how tightly a card's back is set, besides its text scale
// and how many signs it lists: the steps the longest organisation name
// and list take, with a province's lines, before the back is refused.
// Every step keeps what the wallet card carries (CardsContent); what
// gives way is emphasis and what the card says besides.
type backSet struct {
	// where puts the address the QR code opens beside it.
	where bool
	// plainTitle sets the title over the organisation's list, which
	// holds its name, in regular weight: a 100-character name takes a
	// line less.
	plainTitle bool
	// noClosing leaves out the line asking to keep and share the card.
	noClosing bool
	// codeBesideList puts the QR code beside the organisation's name or
	// list, the draft notice across the card under them.
	codeBesideList bool
	// tight narrows the gaps between the parts and the lines of
	// contacts, and sets the code 36 pt wide (12.7 mm; 40 pt otherwise):
	// the last step, for a province's two lines beside the longest list
	// in Persian, Inuktitut or French.
	tight bool
}

// backSets are the steps, roomiest first.
var backSets = []backSet{{where: true}, {where: true, plainTitle: true}, {plainTitle: true}, {plainTitle: true, noClosing: true},
	{plainTitle: true, noClosing: true, codeBesideList: true}, {plainTitle: true, noClosing: true, codeBesideList: true, tight: true}}

// cardBack lists the first n signs, the audience's other contacts,
// the province's lines and the organisation's list (name and number or
// address), the line asking to keep the card and the hotline's web
// address beside a QR code to it, and the draft notice. Its H is the height the content
// needs.
func (k *kit) cardBack(d *doc.Document, w, h, scale float64, n int, withOrg bool, set backSet) box {
	const stripe = 4.0
	qrSize, gap, rowGap := 40.0, 4*scale, 1.5*scale
	if set.tight {
		qrSize, gap, rowGap = 36, 2.5, 0.75
	}
	inner := w - 2*cardPad
	size := max(7.5*scale, minCardText)
	body := textStyle{Style: typeset.Style{Size: size, Leading: 1.12}, Color: k.col.ink}
	var sections []box
	if n > 0 {
		sections = append(sections, inBlock(vstack(inner, 1.5*scale,
			k.text(d.Signs.Title, inner, textStyle{Style: typeset.Style{Size: max(8.5*scale, minCardText+0.5), Bold: true, Leading: 1.1}, Color: k.col.accent, Role: RoleH2}),
			k.list(d.Signs.Items[:n], "•", k.col.accent, inner, 1*scale, body),
		), doc.PartSigns))
	}
	var rows []box
	for _, c := range d.Help.Others {
		if c.Phone != "" {
			rows = append(rows, group(inBlock(contactRow(k, c.Name, c.Phone, inner, size), doc.PartContacts), RoleLI, doc.PartContacts))
		}
	}
	for _, c := range d.Help.Province {
		rows = append(rows, group(inBlock(contactRow(k, c.Name, cmp.Or(c.Phone, c.Website), inner, size), doc.PartProvince), RoleLI, doc.PartProvince))
	}
	if len(rows) > 0 {
		sections = append(sections, vstack(inner, 2*scale, k.cardRule(inner), group(vstack(inner, rowGap, rows...), RoleL, "")))
	}
	// org is the organisation's name, or its list under a title, and a
	// contact with only a website takes a line too; set w wide.
	org := func(w float64) box {
		if l := d.Help.Local; l != nil {
			local := []box{inBlock(k.text(l.Title, w, textStyle{Style: typeset.Style{Size: size, Bold: !set.plainTitle, Leading: 1.12}, Color: k.col.accent, Role: RoleH3}), doc.PartLocal)}
			for _, c := range l.Contacts {
				name := c.Name
				if name == d.Brand.OrgName {
					name = ""
				}
				local = append(local, group(inBlock(contactRow(k, k.own(name), cmp.Or(c.Phone, c.Website, c.Email), w, size), doc.PartLocal), RoleLI, doc.PartLocal))
			}
			return vstack(w, rowGap, local...)
		}
		if withOrg {
			return inBlock(k.text(k.own(d.Brand.OrgName), w, textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: 1.12}, Color: k.col.accent}), doc.PartOrg)
		}
		return box{}
	}
	closing := textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: 1.12}, Color: k.col.muted}
	// The rest: the closing line, the code's caption (the address it
	// opens: under the code it would take a column as wide as the
	// address) and the draft notice, w wide.
	rest := func(w float64) box {
		var keep, where box
		if !set.noClosing {
			keep = k.text(d.Labels.CardsBack, w, closing)
		}
		if set.where {
			where = inBlock(k.address(d.QR.Text, w, textStyle{Style: typeset.Style{Size: minCardText, Leading: 1.1}, Color: k.col.muted, Align: alignEnd, Role: RoleCaption}), doc.PartQR)
		}
		return vstack(w, 3*scale, keep, where, k.draftLine(d, w))
	}
	code := inBlock(k.qrCode(d.QR, qrSize, ink), doc.PartQR)
	textW := inner - qrSize - 8
	beside := func(b box) box {
		row := k.row(inner, 8, b, code)
		row.H = max(qrSize, b.H)
		return row
	}
	var list box
	if set.codeBesideList {
		list = org(textW)
	}
	if !list.empty() {
		// The code beside the organisation's list, the rest under
		// them across the card: where the draft notice in two
		// languages made the code's row taller than the code.
		sections = append(sections, vstack(inner, 2*scale, k.cardRule(inner), beside(list)), rest(inner))
	} else {
		if list := org(inner); !list.empty() {
			sections = append(sections, vstack(inner, 2*scale, k.cardRule(inner), list))
		}
		// The rest beside the code, where it takes no height of its
		// own.
		sections = append(sections, beside(rest(textW)))
	}
	content := vstack(inner, gap, sections...)

	out := box{W: w, els: []Element{{Rect: &Rect{W: w, H: h, Fill: white}}, {Rect: &Rect{W: w, H: stripe, Fill: k.col.band}}}}
	// The content's letters and code keep inside the safe area, and
	// 4 pt under the stripe, which is decoration: text may come closer
	// to it than to a cut.
	inkTop, inkBottom := inkOf(content)
	top := max(stripe+4, cardSafe-inkTop)
	bottom := cardSafe - (content.H - inkBottom)
	out.place(content, cardPad, top+max(0, (h-top-bottom-content.H)/2))
	out.H = top + content.H + bottom
	return out
}

func (k *kit) cardRule(w float64) box {
	if k.style.clear() {
		return k.rule(w)
	}
	return box{W: w, H: 0.5, els: []Element{{Rule: &Rule{X2: w, Color: tint(muted, 0.4), Width: 0.5}}}}
}

// contactRow is a contact's name at the reading start and its number at
// the end of the same line; a long name wraps before the number.
func contactRow(k *kit, name, phone string, w, size float64) box {
	num := textStyle{Style: typeset.Style{Size: size + 0.5, Bold: true, Leading: 1.12}, Color: k.col.ink}
	numW := min(k.ltr().width(phone, num)+1, w)
	nameW := w - numW - 6
	p := k.number(phone, numW, num)
	if strings.TrimSpace(name) == "" || nameW < w*0.3 {
		// A long number takes its own line, under the name.
		return vstack(w, 1, k.text(strings.TrimSpace(name), w, textStyle{Style: typeset.Style{Size: size, Leading: 1.12}, Color: k.col.ink}), k.row(w, 0, p))
	}
	n := k.text(strings.TrimSpace(name), nameW, textStyle{Style: typeset.Style{Size: size, Leading: 1.12}, Color: k.col.ink})
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
// second, so either side can face a reader. Both sides are set at one
// scale, the largest both fit at, so that the same words look the same
// size on both. A long organisation name takes the steps of frontSets,
// each on both sides and then on one (the first language's where it
// fits), before the card is refused: up to profile.MaxName characters
// fit beside every pair of languages, with or without English.
func BilingualCards(ts *typeset.Typesetter, first, second *doc.Document, opts Options) (*Document, error) {
	fail := func(err error) (*Document, error) {
		hint := ""
		if errors.Is(err, ErrDoesNotFit) {
			hint = fitHint(first)
		}
		return nil, fmt.Errorf("lay out %s cards (%s+%s): %w%s", first.Meta.Audience, first.Meta.Lang, second.Meta.Lang, err, hint)
	}
	s, err := sheetFor(opts.cards(walletCards, clearCards), opts.Paper, opts.Print)
	if err != nil {
		return fail(err)
	}
	docs := [2]*doc.Document{first, second}
	kits := [2]*kit{newKit(ts, first, opts.style()), newKit(ts, second, opts.style())}
	matched(kits[:]...) // both sides look one size
	shareKeep(kits[:]...)
	naming := [][2]bool{{true, true}, {true, false}, {false, true}}
	if first.Brand.OrgName == "" {
		naming = naming[:1]
	}
	scales := kits[0].cardScales()
	var sides [2]box
	build := func(scale float64, named [2]bool, set frontSet) (bool, error) {
		fits := true
		for i, d := range docs {
			sides[i] = kits[i].cardFrontDraft(d, s.w, s.h, scale, named[i], true, set)
			if kits[i].err != nil {
				return false, kits[i].err
			}
			fits = fits && sides[i].H <= s.h+0.01 && sides[i].wide == ""
		}
		return fits, nil
	}
	for _, set := range frontSets {
		for _, named := range naming {
			// At the smallest scale first: a step that does not fit
			// there fits at none.
			if ok, err := build(scales[len(scales)-1], named, set); err != nil {
				return fail(err)
			} else if !ok {
				continue
			}
			for _, sc := range scales {
				if ok, err := build(sc, named, set); err != nil {
					return fail(err)
				} else if ok {
					for i := range sides {
						sides[i].W, sides[i].H = s.w, s.h
						sides[i] = group(sides[i], RoleSect, "")
					}
					meta := first.Meta
					meta.Title = first.Headline + " / " + second.Headline
					return &Document{Meta: meta, Pages: []Page{s.page(sides[0], false), s.page(sides[1], true)}}, nil
				}
			}
		}
	}
	// Without the name, would it fit? Then the name is what to change.
	tightest := frontSets[len(frontSets)-1]
	if ok, err := build(scales[len(scales)-1], [2]bool{}, tightest); err != nil {
		return fail(err)
	} else if ok && first.Brand.OrgName != "" {
		// Every name the inputs take (profile.MaxName) fits beside every
		// pair of languages: a longer one, which they refuse, gets here.
		fix := fmt.Sprintf("give a shorter organisation name (it has %d characters)", utf8.RuneCountInString(first.Brand.OrgName))
		return nil, fmt.Errorf("lay out %s cards (%s+%s): %w", first.Meta.Audience, first.Meta.Lang, second.Meta.Lang,
			&FitError{Format: "wallet card front", Blocks: []doc.Part{doc.PartOrg}, Size: minCardText, Fix: fix})
	}
	worst := sides[0]
	if sides[1].H > worst.H {
		worst = sides[1]
	}
	return fail(&FitError{Format: "wallet card front", Blocks: blocksOf(worst), Size: minCardText, Need: worst.H, Have: s.h})
}

// shortDraftLine is the draft notice in its fewest words, in the
// piece's language and in English ("翻译草稿 / Draft translation", as a
// text message says it), for a two-language card's side, which has no
// room for draftLine's two sentences beside the longest name.
func (k *kit) shortDraftLine(d *doc.Document, w, leading float64) box {
	st := textStyle{Style: typeset.Style{Size: minCardText, Leading: leading}, Color: k.col.muted}
	return inBlock(k.text(d.Labels.SMSDraft, w, st), doc.PartFooter)
}

// draftLine is the small "draft translation" notice for pieces too small
// for a footer, or nothing when the translation has been reviewed.
func (k *kit) draftLine(d *doc.Document, w float64) box {
	var lines []box
	drafts := d.Footer.DraftLines()
	for i, draft := range drafts {
		st := textStyle{Style: typeset.Style{Size: minCardText, Leading: 1.1}, Color: k.col.muted}
		if i == len(drafts)-1 && len(drafts) > 1 {
			lines = append(lines, k.ltrText(draft, w, st))
		} else {
			lines = append(lines, k.text(draft, w, st))
		}
	}
	return inBlock(vstack(w, 1, lines...), doc.PartFooter)
}

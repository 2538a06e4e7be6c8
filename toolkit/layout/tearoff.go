package layout

import (
	"errors"
	"fmt"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Tear-off tabs: how many, and how far from the sheet's edges.
const (
	maxTabs = 10
	minTabs = 8
	tabPadX = 5.0 // between a tab's cut lines and its text
	// tabEdge is the least distance from the sheet's edges to a tab's
	// text and to the strip's sides: 6 mm, past what desktop printers
	// leave white, and enough that a tab torn off keeps its number.
	tabEdge = 6 * PointsPerMM
	// cutStop is where the cut lines stop short of the sheet's edge.
	cutStop = 3 * PointsPerMM
	// minTearoffBody is the tear-off's least body size: a quarter of
	// the sheet is tabs, so its text has less room than a flyer's.
	minTearoffBody = 10.0
)

// tabStripHeights are the strip's heights, tallest first: the number
// set along a tab with room above and below it. A lower strip leaves the
// text above it more room, with the number a little smaller.
var tabStripHeights = []float64{190, 165}

// tabDash is the cut lines' dash: 4 pt on, 3 pt off.
var tabDash = []float64{4, 3}

// tabSizes are the number and label sizes a tab tries, largest first;
// the smallest is still readable at arm's length.
var tabSizes = []struct{ number, label float64 }{
	{18, 10}, {17, 9.5}, {16, 9}, {15, 9}, {14, 8.5}, {13, 8},
}

// Tearoff lays out a flyer whose foot is a strip of 8 to 10 tabs to tear
// off and take away, each with the hotline number and a short label set
// sideways between dashed cut lines, 6 mm or more from the sheet's
// edges. Above the strip: the header, the signs and what to do in two
// balanced columns at 11 pt or more, and a bar with the hotline large,
// the emergency line, the province's lines and the organisation's list
// with its website's own QR code where there is room.
func Tearoff(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	d = TearoffContent.ownLocal(d)
	var err error
	// The website's own code only where there is room for it: its
	// address is in the organisation's list, and the operator is told
	// (Document.Left).
	for _, orgQR := range []bool{d.OrgQR != nil, false} {
		for _, h := range tabStripHeights {
			var out *Document
			if out, err = tearoff(ts, d, opts, h, orgQR); !errors.Is(err, ErrDoesNotFit) {
				if out != nil && !orgQR && d.OrgQR != nil && d.Help.Local != nil {
					out.Left = []doc.Part{doc.PartOrgQR}
				}
				return out, err
			}
		}
	}
	return nil, err
}

// tearoff lays out the tear-off with a strip stripH high.
func tearoff(ts *typeset.Typesetter, d *doc.Document, opts Options, stripH float64, orgQR bool) (*Document, error) {
	k := newKit(ts, d, opts.style())
	paper := opts.Paper
	inner := paper.Width - 2*flyerMargin
	stripTop := paper.Height - stripH
	strip, err := k.tabStrip(d, paper.Width, stripH)
	if err != nil {
		return nil, layoutError("tear-off", d, err)
	}
	const footerGap = 8.0
	minBody, maxBody := minTearoffBody, 12.5
	if k.style == LargePrint {
		minBody, maxBody = minClearBody, 15
	}
	band, logoStrip := k.brandings(d,
		func(hs headerSpec) box { return k.header(d, paper.Width, flyerMargin, hs) },
		func(hs headerSpec) box { return k.footer(d, inner, hs) },
		flyerHeaderSpec, compactHeaderSpec)
	tries := func(b branding) []try {
		var out []try
		for _, size := range scalesDown(maxBody, minBody) {
			for _, h := range b.headers {
				// fit keeps the body above the strip and the footer, which
				// sits just above the strip.
				out = append(out, try{frame: pageFrame{paper: paper, margin: flyerMargin, header: h, gap: 12,
					reserve: stripH + b.footer.H + footerGap - flyerMargin*0.6}, scale: size})
			}
		}
		return out
	}
	build := func(t try, grow, air float64) []box {
		bs := k.newBodyStyle(t.scale * grow).airy(air)
		const colGap = 24.0
		colW := (inner - colGap) / 2
		pieces := append(k.signPieces(d, len(d.Signs.Items), colW, bs), k.actionPieces(d.Actions, colW, bs)...)
		return []box{k.flow(pieces, 2, inner, colGap), k.hotlineBar(d, inner, t.scale/12.5, true, orgQR)}
	}
	page, t, branded, err := fitBranded(k, band, logoStrip, tries, func(t try) []box { return build(t, 1, 1) })
	if err == nil {
		page = breathe(k, page, t, maxBody, build)
	}
	if err != nil {
		if fe, ok := err.(*FitError); ok {
			fe.Format, fe.Size = "tear-off", minBody
		}
		return nil, layoutError("tear-off", d, err)
	}
	page.place(branded.footer, flyerMargin, stripTop-footerGap-branded.footer.H)
	page.place(strip, 0, stripTop)
	page.W, page.H = paper.Width, paper.Height
	return &Document{Meta: d.Meta, Pages: []Page{pageOf(page)}}, nil
}

// tabStrip is the strip of tabs, pageW wide and h high: as many tabs as
// fit at a readable size, from 10 down to 8, between the sheet's 6 mm
// margins, each with the hotline number and the tab label set reading
// upwards, between dashed cut lines that stop short of the sheet's
// edge, under a dashed line along the strip's top. The first tab is
// tagged; the others are copies a screen reader skips.
func (k *kit) tabStrip(d *doc.Document, pageW, h float64) (box, error) {
	length := h - tabEdge - 12 // along a tab: from 12 pt under the top line to 6 mm above the edge
	width := pageW - 2*tabEdge
	for n := maxTabs; n >= minTabs; n-- {
		tabW := width / float64(n)
		for _, sz := range tabSizes {
			content := inBlock(vstack(length, 2,
				k.number(d.Help.Hotline.Phone, length, textStyle{Style: typeset.Style{Size: sz.number, Bold: true, Leading: 1.15}, Color: k.col.ink, Align: alignCenter}),
				k.text(d.Labels.Tab, length, textStyle{Style: typeset.Style{Size: sz.label, Leading: 1.15}, Color: k.col.ink, Align: alignCenter}),
			), doc.PartTabs)
			if k.err != nil {
				return box{}, k.err
			}
			if content.H > tabW-2*tabPadX || widest(content) > length {
				continue
			}
			strip := tabs(content, n, tabW, h, pageW, length)
			k.scissors(&strip)
			return strip, nil
		}
	}
	return box{}, fmt.Errorf("tear-off tabs: %w", ErrDoesNotFit)
}

// tabs repeats content, turned to read upwards, in n tabs tabW wide,
// between the sheet's margins.
func tabs(content box, n int, tabW, h, pageW, length float64) box {
	cut := tint(muted, 0.7)
	left := (pageW - float64(n)*tabW) / 2
	out := box{W: pageW, H: h, els: []Element{
		{Rule: &Rule{X1: cutStop, X2: pageW - cutStop, Color: cut, Width: 0.6, Dash: tabDash}},
	}}
	// Turned a quarter turn counterclockwise, a line's start goes to the
	// bottom and the box's first line to the left: a point (u, v) of the
	// content box lands at (x+v, bottom-u).
	bottom := h - tabEdge
	flat := content.flat()
	for i := 0; i <= n; i++ {
		x := left + float64(i)*tabW
		out.els = append(out.els, Element{Rule: &Rule{X1: x, Y1: 0, X2: x, Y2: h - cutStop, Color: cut, Width: 0.6, Dash: tabDash}})
		if i == n {
			break
		}
		tab := flat
		if i > 0 {
			tab = untagged(flat)
		}
		tx := x + (tabW-content.H)/2
		for _, e := range tab.els {
			if e.Text == nil {
				continue
			}
			t := *e.Text
			t.X, t.Y = tx+e.Text.Y, bottom-e.Text.X
			t.Rotate = 90
			out.els = append(out.els, Element{Tag: e.Tag, Text: &t})
		}
	}
	_ = length
	return out
}

// scissors puts a pair of scissors on the strip's top line, at the
// reading start, when the font has them: a hint that needs no words.
func (k *kit) scissors(strip *box) {
	try := *k
	sc := try.text("✂", 30, textStyle{Style: typeset.Style{Size: 12, Leading: 1}, Color: k.col.muted})
	if try.err != nil || len(sc.els) == 0 {
		return
	}
	w := sc.els[0].Text.Line.Width
	x := tabEdge + 8
	if k.rtl {
		x = strip.W - tabEdge - 8 - w
	}
	els := []Element{{Rect: &Rect{X: x - 3, Y: -sc.H / 2, W: w + 6, H: sc.H, Fill: white}}}
	t := *sc.els[0].Text
	t.X, t.Y = x, t.Y-sc.H/2
	strip.els = append(strip.els, append(els, Element{Text: &t})...) // decoration: untagged
}

// widest is the width of the longest text line in b.
func widest(b box) float64 {
	w := 0.0
	b.each(func(e *Element) {
		if e.Text != nil {
			w = max(w, e.Text.Line.Width)
		}
	})
	return w
}

var _ = doc.PartTabs

package layout

import (
	"errors"
	"fmt"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Tear-off tabs: how many, and how small their type may get.
const (
	maxTabs = 10
	minTabs = 8
	tabPadX = 5.0  // between a tab's cut lines and its text
	tabPadY = 12.0 // between a tab's ends and its text
)

// tabDash is the cut lines' dash: 4 pt on, 3 pt off.
var tabDash = []float64{4, 3}

// tabSizes are the number and label sizes a tab tries, largest first;
// the smallest is still readable at arm's length.
var tabSizes = []struct{ number, label float64 }{
	{18, 10}, {17, 9.5}, {16, 9}, {15, 9}, {14, 8.5}, {13, 8},
}

// Tearoff lays out a flyer whose bottom quarter is a strip of 8 to 10
// tabs to tear off and take away, each with the hotline number and a
// short label set sideways, between dashed cut lines. Above the strip:
// the flyer's header, introduction, signs and what to do, and a compact
// hotline block.
func Tearoff(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	fail := func(err error) (*Document, error) {
		return nil, layoutError("tear-off", d, err)
	}
	k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL}
	const margin = 36.0
	paper := opts.Paper
	inner := paper.Width - 2*margin
	stripH := paper.Height / 4
	stripTop := paper.Height - stripH

	strip, err := tabStrip(k, d, paper.Width, stripH)
	if err != nil {
		return fail(err)
	}
	footer := flyerFooter(k, d, inner)
	const footerGap = 10.0
	frame := pageFrame{
		paper:  paper,
		margin: margin,
		// fit keeps the body above the strip and the footer, which sits
		// just above the strip rather than at the foot of the page.
		reserve:    stripH + footer.H + 2*footerGap - margin*0.6,
		anchorLast: true,
		gap:        12,
	}
	build := func(dropNotes, dropIntro bool) func(attempt) []box {
		return func(at attempt) []box {
			dd := withoutOptional(d, at)
			if dropNotes || dropIntro {
				trimmed := *dd
				if dropNotes {
					trimmed.Notes = nil
				}
				if dropIntro {
					trimmed.Intro = ""
				}
				dd = &trimmed
			}
			return append(flyerBody(k, dd, inner, at.scale), hotlineBar(k, d, inner, min(at.scale, 1), true))
		}
	}
	// Three quarters of a page hold less than a flyer: long text first
	// gets smaller and its header band slimmer, then loses the statistic,
	// then the notes, then the introduction (as a poster does), before it
	// is too small to read. The signs, the actions and the hotline stay.
	headers := []box{header(k, d, paper.Width, margin, flyerHeaderSpec), header(k, d, paper.Width, margin, compactHeaderSpec)}
	var last []attempt // the smallest scales, without the optional blocks
	for _, sc := range flyerScales[len(flyerScales)-4:] {
		last = append(last, attempt{sc, false})
	}
	page, err := fitHeaders(k, frame, headers, attempts(flyerScales, d.Fact != nil), build(false, false))
	if errors.Is(err, ErrDoesNotFit) && d.Notes != nil {
		page, err = fitHeaders(k, frame, headers[1:], last, build(true, false))
	}
	if errors.Is(err, ErrDoesNotFit) {
		page, err = fitHeaders(k, frame, headers[1:], last, build(true, true))
	}
	if err != nil {
		return fail(err)
	}
	out := box{W: paper.Width, H: paper.Height, els: page.Elements}
	out.place(footer, margin, stripTop-footerGap-footer.H)
	out.place(strip, 0, stripTop)
	page.Elements = out.els
	return &Document{Meta: d.Meta, Pages: []Page{page}}, nil
}

// tabStrip is the strip of tabs, pageW wide and h high: as many tabs as
// fit at a readable size, from 10 down to 8, each with the hotline number
// and the tab label set reading upwards, between dashed cut lines, under
// a dashed line along the strip's top.
func tabStrip(k *kit, d *doc.Document, pageW, h float64) (box, error) {
	length := h - 2*tabPadY // the room along a tab, for a line of text
	for n := maxTabs; n >= minTabs; n-- {
		tabW := pageW / float64(n)
		for _, sz := range tabSizes {
			content := vstack(length, 2,
				k.number(d.Help.Hotline.Phone, length, textStyle{Style: typeset.Style{Size: sz.number, Bold: true, Leading: 1.15}, Color: ink, Align: alignCenter}),
				k.text(d.Labels.Tab, length, textStyle{Style: typeset.Style{Size: sz.label, Leading: 1.15}, Color: ink, Align: alignCenter}),
			)
			if k.err != nil {
				return box{}, k.err
			}
			if content.H > tabW-2*tabPadX || widest(content) > length {
				continue
			}
			strip := tabs(content, n, tabW, h)
			scissors(k, &strip)
			return strip, nil
		}
	}
	return box{}, fmt.Errorf("tear-off tabs: %w", ErrDoesNotFit)
}

// tabs repeats content, turned to read upwards, in n tabs tabW wide.
func tabs(content box, n int, tabW, h float64) box {
	cut := tint(muted, 0.7)
	out := box{W: float64(n) * tabW, H: h, els: []Element{
		{Rule: &Rule{X2: float64(n) * tabW, Color: cut, Width: 0.6, Dash: tabDash}},
	}}
	// Turned a quarter turn counterclockwise, a line's start goes to the
	// bottom and the box's first line to the left: a point (u, v) of the
	// content box lands at (left+v, bottom-u).
	bottom := h - tabPadY
	for i := range n {
		x := float64(i) * tabW
		if i > 0 {
			out.els = append(out.els, Element{Rule: &Rule{X1: x, Y1: 0, X2: x, Y2: h, Color: cut, Width: 0.6, Dash: tabDash}})
		}
		left := x + (tabW-content.H)/2
		for _, e := range content.els {
			if e.Text == nil {
				continue
			}
			t := *e.Text
			t.X, t.Y = left+e.Text.Y, bottom-e.Text.X
			t.Rotate = 90
			out.els = append(out.els, Element{Text: &t})
		}
	}
	return out
}

// scissors puts a pair of scissors on the strip's top line, at the
// reading start, when the font has them: a hint that needs no words.
func scissors(k *kit, strip *box) {
	try := *k
	sc := try.text("✂", 30, textStyle{Style: typeset.Style{Size: 12, Leading: 1}, Color: muted})
	if try.err != nil || len(sc.els) == 0 {
		return
	}
	w := sc.els[0].Text.Line.Width
	x := 14.0
	if k.rtl {
		x = strip.W - 14 - w
	}
	els := []Element{{Rect: &Rect{X: x - 3, Y: -sc.H / 2, W: w + 6, H: sc.H, Fill: white}}}
	t := *sc.els[0].Text
	t.X, t.Y = x, t.Y-sc.H/2
	strip.els = append(strip.els, append(els, Element{Text: &t})...)
}

// widest is the width of the longest text line in b.
func widest(b box) float64 {
	w := 0.0
	for _, e := range b.els {
		if e.Text != nil {
			w = max(w, e.Text.Line.Width)
		}
	}
	return w
}

package layout

import (
	"fmt"
	"strconv"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// scenarioCards are the scenario cards, four to a sheet: 4 × 5¼ in on
// Letter, 99 × 140 mm on A4.
var scenarioCards = map[string]sheetSpec{
	"letter": {w: 288, h: 378, cols: 2, rows: 2},
	"a4":     {w: 99 * PointsPerMM, h: 140 * PointsPerMM, cols: 2, rows: 2},
}

// Scenarios lays out the scenario cards four to a sheet, with cutting
// guides: for each sheet a page of fronts (the made-up situation and the
// questions) and a page of backs (the signs it shows and the notes for
// the facilitator, with the hotline), placed for long-edge duplex like
// the wallet cards, so that each back prints behind its front.
func Scenarios(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	fail := func(err error) (*Document, error) { return nil, layoutError("scenario cards", d, err) }
	if d.Kit == nil || d.Kit.Scenarios == nil {
		return fail(fmt.Errorf("the document has no scenario cards"))
	}
	s, err := sheetFor(scenarioCards, opts.Paper, opts.Print)
	if err != nil {
		return fail(err)
	}
	k := newKit(ts, d, opts.style())
	sc := d.Kit.Scenarios
	perSheet := s.cols * s.rows
	var pages []Page
	for first := 0; first < len(sc.Cards); first += perSheet {
		var fronts, backs []box
		for _, c := range sc.Cards[first:min(first+perSheet, len(sc.Cards))] {
			front, err := fitCard(k, "scenario card front", s.w, s.h, func(scale float64) box { return scenarioFront(k, d, c, s.w, s.h, scale) })
			if err != nil {
				return fail(fmt.Errorf("%s, front: %w", c.Label, err))
			}
			back, err := fitCard(k, "scenario card back", s.w, s.h, func(scale float64) box { return scenarioBack(k, d, c, s.w, s.h, scale) })
			if err != nil {
				return fail(fmt.Errorf("%s, back: %w", c.Label, err))
			}
			fronts, backs = append(fronts, front), append(backs, back)
		}
		pages = append(pages, withCutGuides(s.pageOf(fronts, false), s), withCutGuides(s.pageOf(backs, true), s))
	}
	return &Document{Meta: d.Meta, Pages: pages}, nil
}

// scenarioPad is the space between a scenario card's trim edge and its
// text.
const scenarioPad = 16.0

// scenarioFront is a card's front: its label on a band, the situation,
// the questions numbered, and that the story is made up. Its H is the
// height its content needs.
func scenarioFront(k *kit, d *doc.Document, c doc.Scenario, w, h, scale float64) box {
	sc := d.Kit.Scenarios
	inner := w - 2*scenarioPad
	accent := readable(d.Brand.Color)
	label := k.text(c.Label, inner, textStyle{Style: typeset.Style{Size: 14 * scale, Bold: true}, Color: onColor(d.Brand.Color)})
	bandH := label.H + 2*10
	body := textStyle{Style: typeset.Style{Size: 12 * scale, Leading: 1.35}, Color: ink}
	qs := textStyle{Style: typeset.Style{Size: 11.5 * scale, Leading: 1.3}, Color: ink}
	var questions []box
	for i, q := range c.Questions {
		questions = append(questions, k.list([]string{q}, strconv.Itoa(i+1)+".", accent, inner, 0, qs))
	}
	content := vstack(inner, 10*scale,
		k.text(c.Situation, inner, body),
		vstack(inner, 4*scale,
			k.text(sc.Questions, inner, textStyle{Style: typeset.Style{Size: 12 * scale, Bold: true}, Color: accent}),
			vstack(inner, 4*scale, questions...)),
	)
	foot := vstack(inner, 1, k.text(sc.MadeUp, inner, textStyle{Style: typeset.Style{Size: minSize, Leading: 1.2}, Color: muted}), draftLines(k, d, inner))
	out := box{W: w, els: []Element{
		{Rect: &Rect{W: w, H: h, Fill: white}},
		{Rect: &Rect{W: w, H: bandH, Fill: d.Brand.Color}},
	}}
	out.place(label, scenarioPad, 10)
	out.place(content, scenarioPad, bandH+12)
	out.place(foot, scenarioPad, h-scenarioPad-foot.H)
	out.H = bandH + 12 + content.H + 12 + foot.H + scenarioPad
	return out
}

// scenarioBack is a card's back, for the facilitator: the label, the
// audience's signs the story shows, the notes, and the hotline at the
// foot. Its H is the height its content needs.
func scenarioBack(k *kit, d *doc.Document, c doc.Scenario, w, h, scale float64) box {
	sc := d.Kit.Scenarios
	const stripe = 5.0
	inner := w - 2*scenarioPad
	accent := readable(d.Brand.Color)
	small := textStyle{Style: typeset.Style{Size: max(10*scale, minSize), Leading: 1.3}, Color: ink}
	head := vstack(inner, 2,
		k.text(sc.Back, inner, textStyle{Style: typeset.Style{Size: max(9*scale, minSize), Bold: true}, Color: muted}),
		k.text(c.Label, inner, textStyle{Style: typeset.Style{Size: 12 * scale, Bold: true}, Color: accent}))
	content := vstack(inner, 9*scale,
		head,
		vstack(inner, 3*scale,
			k.text(sc.Signs, inner, textStyle{Style: typeset.Style{Size: max(10*scale, minSize), Bold: true}, Color: ink}),
			k.list(c.Signs, "•", accent, inner, 2*scale, small)),
		k.text(c.Notes, inner, small),
	)
	// The hotline, so that a facilitator who turns a card over in the
	// middle of a conversation has the number at hand.
	// The largest text of the back, as on every page that carries it.
	number := textStyle{Style: typeset.Style{Size: 14, Bold: true}, Color: accent}
	hotline := vstack(inner, 1,
		k.text(d.Help.Hotline.Name, inner, textStyle{Style: typeset.Style{Size: minSize, Bold: true}, Color: ink}),
		k.number(d.Help.Hotline.Phone, inner, number),
		k.text(d.Help.Emergency, inner, textStyle{Style: typeset.Style{Size: minSize, Bold: true, Leading: 1.2}, Color: danger}))
	out := box{W: w, els: []Element{
		{Rect: &Rect{W: w, H: h, Fill: white}},
		{Rect: &Rect{W: w, H: stripe, Fill: d.Brand.Color}},
	}}
	out.place(content, scenarioPad, stripe+12)
	rule := box{W: inner, H: 0.5, els: []Element{{Rule: &Rule{X2: inner, Color: tint(muted, 0.5), Width: 0.5}}}}
	foot := vstack(inner, 5, rule, hotline)
	out.place(foot, scenarioPad, h-scenarioPad-foot.H)
	out.H = stripe + 12 + content.H + 12 + foot.H + scenarioPad
	return out
}

// draftLines are the translation's draft lines at the smallest size,
// for pieces too small for a footer; none when the text is reviewed.
func draftLines(k *kit, d *doc.Document, w float64) box {
	var lines []box
	for _, s := range d.Footer.DraftLines() {
		lines = append(lines, k.text(s, w, textStyle{Style: typeset.Style{Size: minSize, Leading: 1.15}, Color: muted}))
	}
	return vstack(w, 1, lines...)
}

// withCutGuides adds a dashed line along the middle of each gutter of a
// sheet, from edge to edge of the grid, for cutting the pieces apart
// with scissors; the crop marks in the margins are for a guillotine. A
// sheet with bleed has none: its gutters are colour.
func withCutGuides(p Page, s sheet) Page {
	if s.print.Bleed > 0 {
		return p
	}
	g := s.gridBox()
	grey := tint(muted, 0.6)
	for c := 1; c < s.cols; c++ {
		x := s.cell(c, 0).X - s.gx/2
		p.Elements = append(p.Elements, Element{Rule: &Rule{X1: x, Y1: g.Y, X2: x, Y2: g.Y + g.H, Color: grey, Width: 0.5, Dash: []float64{4, 3}}})
	}
	for r := 1; r < s.rows; r++ {
		y := s.cell(0, r).Y - s.gy/2
		p.Elements = append(p.Elements, Element{Rule: &Rule{X1: g.X, Y1: y, X2: g.X + g.W, Y2: y, Color: grey, Width: 0.5, Dash: []float64{4, 3}}})
	}
	return p
}

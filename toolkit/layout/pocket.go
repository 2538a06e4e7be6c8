package layout

import (
	"fmt"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// pocketCards fit a lab-coat pocket, four to a sheet with room for a
// desktop printer's margins and the cuts: 4 × 5.25 in on Letter, 99 ×
// 139 mm on A4.
var pocketCards = map[string]sheetSpec{
	"letter": {w: 288, h: 378, cols: 2, rows: 2},
	"a4":     {w: 99 * PointsPerMM, h: 139 * PointsPerMM, cols: 2, rows: 2},
}

// pocketScales are the text scales a pocket card tries; at the smallest
// its items are 7 pt, the least the wallet cards print.
var pocketScales = []float64{1.1, 1.05, 1, 0.95, 0.9, 0.85}

// PocketCard lays out the audience's pocket card (doc.Pocket) four to a
// sheet on two pages: the front, with the card's title on a band in the
// brand colour and the guide's first sections; the back, with the rest
// of the sections, then the hotline and the emergency line. The sections
// keep their order and none is left out: at each scale, largest first,
// the front takes as many sections as fit and the back the rest. The
// backs are placed for long-edge duplex printing.
func PocketCard(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	fail := func(err error) (*Document, error) {
		return nil, layoutError("clinician-card", d, err)
	}
	if d.Pocket == nil || len(d.Pocket.Sections) == 0 {
		return fail(fmt.Errorf("the document has no pocket card"))
	}
	s, err := sheetFor(pocketCards, opts.Paper, opts.Print)
	if err != nil {
		return fail(err)
	}
	k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL, keep: d.Meta.Keep}
	n := len(d.Pocket.Sections)
	for _, scale := range pocketScales {
		// The front needs at least one section and leaves the back at
		// least one; more on the front first.
		for split := max(1, n-1); split >= 1; split-- {
			front := pocketFront(k, d, s.w, scale, d.Pocket.Sections[:split])
			if k.err != nil {
				return fail(k.err)
			}
			if front.H > s.h+0.01 {
				continue
			}
			back := pocketBack(k, d, s.w, s.h, scale, d.Pocket.Sections[split:])
			if k.err != nil {
				return fail(k.err)
			}
			if back.H > s.h+0.01 {
				break // fewer sections on the front only lengthen the back
			}
			front.W, front.H = s.w, s.h
			back.W, back.H = s.w, s.h
			return &Document{Meta: d.Meta, Pages: []Page{s.page(front, false), s.page(back, true)}}, nil
		}
	}
	return fail(ErrDoesNotFit)
}

// pocketSections sets sections one under another: each title bold in
// the accent colour, its lead, and its items as a list.
func pocketSections(k *kit, d *doc.Document, w, scale float64, sections []doc.PocketSection) box {
	accent := readable(d.Brand.Color)
	body := textStyle{Style: typeset.Style{Size: max(8*scale, 7), Leading: 1.18}, Color: ink}
	title := textStyle{Style: typeset.Style{Size: max(9*scale, 7.5), Bold: true, Leading: 1.15}, Color: accent}
	lead := body
	lead.Color = muted
	var out []box
	for _, sec := range sections {
		parts := []box{k.text(sec.Title, w, title)}
		if strings.TrimSpace(sec.Lead) != "" {
			parts = append(parts, k.text(sec.Lead, w, lead))
		}
		parts = append(parts, k.list(sec.Items, "•", accent, w, 1.5*scale, body))
		out = append(out, vstack(w, 2*scale, parts...))
	}
	return vstack(w, 6*scale, out...)
}

// pocketFront is the band with the organisation's name and the card's
// title, then the front's sections. Its H is the height it needs.
func pocketFront(k *kit, d *doc.Document, w, scale float64, sections []doc.PocketSection) box {
	// The band's text keeps the card's padding from the cut, as all
	// its text does.
	const bandPad = cardPad
	inner := w - 2*cardPad
	fg := onColor(d.Brand.Color)
	var org box
	if d.Brand.OrgName != "" {
		org = inBlock(k.text(k.own(strings.ToUpper(d.Brand.OrgName)), inner, textStyle{Style: typeset.Style{Size: 7, Bold: true, Leading: 1.15}, Color: fg}), doc.PartOrg)
	}
	head := vstack(inner, 2, org,
		k.text(d.Pocket.Title, inner, textStyle{Style: typeset.Style{Size: 11 * scale, Bold: true, Leading: 1.15}, Color: fg}))
	bandH := head.H + 2*bandPad
	body := pocketSections(k, d, inner, scale, sections)
	out := box{W: w, els: []Element{
		{Rect: &Rect{W: w, H: bandH, Fill: d.Brand.Color}},
	}}
	out.place(head, cardPad, bandPad)
	out.place(body, cardPad, bandH+8)
	out.H = bandH + 8 + body.H + cardPad
	return out
}

// pocketBack is the rest of the sections from the top, then, at the
// foot of the card under a rule, the hotline's name, its number large,
// the emergency line and the draft notice, where a thumb finds them. Its
// H is the height it needs.
func pocketBack(k *kit, d *doc.Document, w, h, scale float64, sections []doc.PocketSection) box {
	const stripe, gap = 4.0, 8.0
	inner := w - 2*cardPad
	accent := readable(d.Brand.Color)
	rule := box{W: inner, H: 0.5, els: []Element{{Rule: &Rule{X2: inner, Color: tint(muted, 0.4), Width: 0.5}}}}
	help := vstack(inner, 6*scale, rule, vstack(inner, 2,
		k.text(d.Help.Hotline.Name, inner, textStyle{Style: typeset.Style{Size: max(8.5*scale, 7.5), Bold: true, Leading: 1.15}, Color: ink}),
		// The number is what the patient may be given: never below 16 pt.
		k.number(d.Help.Hotline.Phone, inner, textStyle{Style: typeset.Style{Size: max(18*scale, 16), Bold: true, Leading: 1.1}, Color: accent}),
		k.text(d.Help.Emergency, inner, textStyle{Style: typeset.Style{Size: max(8.5*scale, 7.5), Bold: true, Leading: 1.15}, Color: danger}),
		k.draftLine(d, inner),
	))
	body := pocketSections(k, d, inner, scale, sections)
	out := box{W: w, els: []Element{
		{Rect: &Rect{W: w, H: stripe, Fill: d.Brand.Color}},
	}}
	top := stripe + gap
	out.place(body, cardPad, top)
	need := top + body.H + gap + help.H + cardPad
	out.place(help, cardPad, max(need, h)-cardPad-help.H)
	out.H = need
	return out
}

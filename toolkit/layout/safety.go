package layout

import (
	"errors"
	"fmt"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// safetyCards are credit-card sized (85.6×54 mm, small enough to hide in
// a wallet or a shoe), imposed like wallet cards.
var safetyCards = map[string]sheetSpec{
	"letter": {w: 85.6 * PointsPerMM, h: 54 * PointsPerMM, cols: 2, rows: 5},
	"a4":     {w: 85.6 * PointsPerMM, h: 54 * PointsPerMM, cols: 2, rows: 4},
}

// The safety card's palette: a calm wellness look that says nothing about
// who made the card or why, whatever the organisation's brand colour.
var (
	calmSky   = doc.RGB{R: 0xE4, G: 0xF1, B: 0xEC}
	calmHill  = doc.RGB{R: 0xC9, G: 0xE3, B: 0xD8}
	calmSun   = doc.RGB{R: 0xF6, G: 0xD6, B: 0xAE}
	calmInk   = doc.RGB{R: 0x2B, G: 0x4A, B: 0x45}
	calmTeal  = doc.RGB{R: 0x1F, G: 0x5F, B: 0x55}
	calmHaze  = doc.RGB{R: 0xF3, G: 0xF8, B: 0xF6}
	calmShade = doc.RGB{R: 0x4F, G: 0x66, B: 0x62}
)

// SafetyCard lays out the discreet card for a person who may be
// trafficked, on two pages. The front is neutral, a soft landscape with a
// calm line of text: no organisation, no hotline, nothing about
// trafficking, so that carrying it is safe. The back, placed for
// long-edge duplex printing, asks whether the reader is safe and gives
// the hotline number large, what the hotline is, and the emergency line,
// all in the reader's language.
func SafetyCard(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	fail := func(err error) (*Document, error) {
		return nil, fmt.Errorf("lay out %s safety card (%s): %w", d.Meta.Audience, d.Meta.Lang, err)
	}
	sf := d.Safety
	if sf.FrontTitle == "" || sf.InsideTitle == "" || sf.InsideText == "" || sf.Danger == "" {
		// Safety text never falls back to another language.
		return fail(errors.New("the language has no safety card text (safety.* messages)"))
	}
	s, err := sheetFor(opts.cards(safetyCards, clearSafetyCards), opts.Paper, opts.Print)
	if err != nil {
		return fail(err)
	}
	k := newKit(ts, d, opts.style())
	front, err := fitCard(k, "safety card front", s.w, s.h, func(scale float64) box { return safetyFront(k, sf, s.w, s.h, scale) })
	if err != nil {
		return fail(safetyFit(err))
	}
	back, err := fitCard(k, "safety card inside", s.w, s.h, func(scale float64) box { return safetyInside(k, d, s.w, s.h, scale) })
	if err != nil {
		return fail(safetyFit(err))
	}
	return &Document{Meta: d.Meta, Pages: []Page{s.page(front, false), s.page(back, true)}}, nil
}

// safetyFit says what can be shortened when a safety card does not fit:
// it prints none of the organisation's text, only its messages.
func safetyFit(err error) error {
	var fe *FitError
	if errors.As(err, &fe) {
		fe.Fix = "shorten the safety card's messages (safety.* in your content folder's locale file)"
	}
	return err
}

// safetyFront is a pale sky, a low hill and a rising sun, with the front
// title and text in the sky at the reading start.
func safetyFront(k *kit, sf doc.Safety, w, h, scale float64) box {
	const sun = 46.0
	hill := h * 0.3
	sky := h - hill
	sunTop := sky - sun*0.62
	inner := w - 2*cardPad
	c := k.calm()
	set := func(textW float64) box {
		return inBlock(vstack(textW, 4*scale,
			k.text(sf.FrontTitle, textW, textStyle{Style: typeset.Style{Size: 15 * scale, Bold: true, Leading: 1.15}, Color: c.ink, Role: RoleH1}),
			k.text(sf.FrontText, textW, textStyle{Style: typeset.Style{Size: max(10*scale, minSize), Leading: 1.25}, Color: c.shade}),
		), doc.PartSafety)
	}
	// The text takes the card's width when it ends above the sun, else
	// the width beside it.
	content := set(inner)
	top := max(cardPad, (sky-content.H)/2)
	if top+content.H > sunTop-4 {
		content = set(inner - sun - 10)
		top = max(cardPad, (sky-content.H)/2)
	}
	sunX := w - cardPad - sun
	textX := cardPad
	if k.rtl {
		sunX, textX = cardPad, w-cardPad-content.W
	}
	out := box{W: w, els: []Element{
		{Rect: &Rect{W: w, H: h, Fill: c.sky}},
		{Rect: &Rect{X: sunX, Y: sunTop, W: sun, H: sun, Fill: calmSun, Radius: sun / 2}},
		{Rect: &Rect{Y: sky, W: w, H: hill, Fill: calmHill}},
	}}
	out.place(content, textX, top)
	out.H = top + content.H + 6 + hill
	return out
}

// safetyInside is the back: the question, the hotline number large, what
// the hotline is, and the emergency line.
func safetyInside(k *kit, d *doc.Document, w, h, scale float64) box {
	const stripe = 5.0
	sf := d.Safety
	inner := w - 2*cardPad
	c := k.calm()
	content := vstack(inner, 3*scale,
		inBlock(k.text(sf.InsideTitle, inner, textStyle{Style: typeset.Style{Size: 10.5 * scale, Bold: true, Leading: 1.15}, Color: c.ink, Role: RoleH2}), doc.PartSafety),
		// Large enough to read in poor light: never below 16 pt.
		inBlock(k.number(d.Help.Hotline.Phone, inner, textStyle{Style: typeset.Style{Size: max(22*scale, 16), Bold: true, Leading: 1.1}, Color: c.teal}), doc.PartHotline),
		inBlock(k.text(sf.InsideText, inner, textStyle{Style: typeset.Style{Size: max(8.5*scale, 7), Leading: 1.2}, Color: c.text}), doc.PartSafety),
		inBlock(k.text(sf.Danger, inner, textStyle{Style: typeset.Style{Size: max(9.5*scale, minSize), Bold: true, Leading: 1.15}, Color: c.danger}), doc.PartSafety),
		k.draftLine(d, inner),
	)
	out := box{W: w, els: []Element{
		{Rect: &Rect{W: w, H: h, Fill: c.haze}},
		{Rect: &Rect{W: w, H: stripe, Fill: calmHill}},
	}}
	top := stripe + 7
	_, inkBottom := inkOf(content)
	bottom := cardSafe - (content.H - inkBottom)
	out.place(content, cardPad, top+max(0, (h-top-bottom-content.H)/2))
	out.H = top + content.H + bottom
	return out
}

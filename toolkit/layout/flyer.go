package layout

import (
	"errors"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
	"slices"
)

// Options are what every layout takes besides the document.
type Options struct {
	Paper Paper
	// Print asks for bleed and crop marks. Page layouts leave it to
	// Print (the function), which the engine applies after layout;
	// layouts that impose several pieces on a sheet (cards) apply it per
	// piece themselves and set each page's Trim.
	Print PrintOptions
	// Style is standard, large print or high contrast; "" is standard.
	Style Style
	// Memo keeps what one document's layout sets that the next may set
	// again (a worker's; nil keeps nothing): see Memo.
	Memo *Memo
}

func (o Options) style() Style {
	if o.Style == "" {
		return Standard
	}
	return o.Style
}

// minSize is the smallest type any format sets: fine print (a source, a
// version line), still readable without a magnifier.
const minSize = 8.0

// Body sizes: the least size of the main text (introduction, signs,
// what to do) on a page, whatever the branding adds.
const (
	minFlyerBody = 11.0 // flyer, handout front, tear-off
	// maxFlyerBody is the most: short text grows to fill the page
	// rather than leave white over the help panel.
	maxFlyerBody = 14.5
	minClearBody = 14.0 // large print (CNIB Clear Print)
)

const flyerMargin = 28.0

var (
	flyerHeaderSpec = headerSpec{org: 10, headlines: []float64{28, 26, 24, 22}, pad: 18, logoArea: 5200, logoMaxW: 150, logoMaxH: 66, tallMaxH: 66, stripMaxH: 96, gap: 16, orgGap: 5, leading: 1.1}
	// compactHeaderSpec is the band for text that runs long: the
	// headline still the largest words but the hotline's, the band
	// slimmer. Its logoMaxW, tallMaxH and stripMaxH are
	// flyerHeaderSpec's, which the footer uses (placeLogo).
	compactHeaderSpec = headerSpec{org: 8.5, headlines: []float64{22, 20, 18, 16}, pad: 10, logoArea: 3600, logoMaxW: 150, logoMaxH: 50, tallMaxH: 66, stripMaxH: 96, gap: 14, orgGap: 4, leading: 1.08, lines: 2}
)

// flyerHelp are the help panel's sizes on a flyer: the number at 38 pt,
// never less than 36.
var flyerHelp = helpSizes{title: 15, name: 12, number: 38, detail: 9.5, emergency: 11.5, contact: 9.5, small: 8, qr: minQR}

// Flyer lays out a one-page flyer: a band with the organisation's name,
// the headline and the logo; the introduction; the signs and what to do
// in two balanced columns; the help panel with the hotline large, its QR
// code, the audience's contacts, the province's lines and the
// organisation's list with its own QR code; and a footer. Everything in
// FlyerContent is printed with the body at 11 pt or more, or the flyer
// fails naming what did not fit.
func Flyer(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	k := newKit(ts, d, opts.style())
	if k.style == LargePrint {
		pages, err := clearPages(k, d, opts.Paper, "large-print flyer", false)
		if err != nil {
			return nil, layoutError("flyer", d, err)
		}
		return &Document{Meta: d.Meta, Pages: pages}, nil
	}
	page, err := flyerPage(k, d, opts, flyerPart{contacts: true, orgQR: d.OrgQR != nil})
	var left []doc.Part
	if errors.Is(err, ErrDoesNotFit) && d.OrgQR != nil {
		// The website's own code only where there is room for it: its
		// address is in the organisation's list, and the operator is
		// told (Document.Left).
		k = newKit(ts, d, opts.style())
		page, err = flyerPage(k, d, opts, flyerPart{contacts: true})
		left = []doc.Part{doc.PartOrgQR}
	}
	if err != nil {
		return nil, layoutError("flyer", d, err)
	}
	return &Document{Meta: d.Meta, Pages: []Page{pageOf(page)}, Left: left}, nil
}

// flyerPart says which of the optional parts a flyer-like page has.
type flyerPart struct {
	intro, notes, fact bool
	contacts           bool // the audience's other contacts in the panel
	local              bool // the organisation's list in the handout front's bar
	orgQR              bool // the organisation's website's own QR code in the panel
}

// flyerPage is the flyer's page, which the handout's front and the
// tear-off share with other parts.
func flyerPage(k *kit, d *doc.Document, opts Options, part flyerPart) (box, error) {
	inner := opts.Paper.Width - 2*flyerMargin
	minBody, maxBody := minFlyerBody, maxFlyerBody
	if k.style == LargePrint {
		minBody, maxBody = minClearBody, 15
	}
	band, strip := k.brandings(d,
		func(hs headerSpec) box { return k.header(d, opts.Paper.Width, flyerMargin, hs) },
		func(hs headerSpec) box { return k.footer(d, inner, hs) },
		flyerHeaderSpec, compactHeaderSpec)
	tries := sizeTries(pageFrame{paper: opts.Paper, margin: flyerMargin, gap: 10}, maxBody, minBody)
	// The help panel depends on the try's scale alone: breathe sets the
	// body again at the scale fitted, up to four times, with the panel
	// the fit built at that scale (a box is not changed once built).
	// Building it again each time was a third of breathing. A panel
	// built with an error is not kept.
	panels := map[float64]box{}
	build := func(t try, grow, air float64) []box {
		body := opts.Memo.body(k, d, inner, t.scale*grow, part, air)
		panel, ok := panels[t.scale]
		if !ok {
			panel = k.flyerPanel(d, inner, t.scale/12.5, part, opts.Memo)
			if k.err == nil {
				panels[t.scale] = panel
			}
		}
		return append(body, panel)
	}
	page, t, _, err := fitBranded(k, band, strip, tries, func(t try) []box { return build(t, 1, 1) })
	if err == nil {
		page = breathe(k, page, t, maxBody, build)
	}
	if fe, ok := err.(*FitError); ok {
		fe.Size = minBody
		fe.Format = "flyer"
	}
	return page, err
}

// flyerBody is the introduction over the signs and what to do, and the
// notes and the statistic when the page carries them, at body size, air
// times as airy as the body's style (bodyStyle.airy).
func flyerBody(k *kit, d *doc.Document, w, size float64, part flyerPart, air float64) []box {
	bs := k.newBodyStyle(size).airy(air)
	var sections []box
	if part.intro {
		sections = append(sections, inBlock(k.text(d.Intro, w, textStyle{Style: typeset.Style{Size: size * 1.08, Leading: 1.3 + bs.body.Leading - 1.2}, Color: k.col.ink}), doc.PartIntro))
	}
	const colGap = 18.0
	colW := (w - colGap) / 2
	pieces := k.signPieces(d, len(d.Signs.Items), colW, bs)
	pieces = append(pieces, k.actionPieces(d.Actions, colW, bs)...)
	if part.notes {
		pieces = append(pieces, k.notePieces(d, colW, bs)...)
	}
	sections = append(sections, k.flow(pieces, 2, w, colGap))
	if part.fact && d.Fact != nil {
		sections = append(sections, inBlock(vstack(w, 2,
			k.text(d.Fact.Text, w, textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: 1.3}, Color: k.col.ink}),
			k.text(d.Fact.Source, w, bs.small),
		), doc.PartFact))
	}
	return sections
}

// breathRoom is the most white a page with its body at its largest
// size leaves under its last section before the body is set airier.
const breathRoom = 12.0

// breaths are the ways a page of short text breathes, airiest first: its
// body's size up to 30% over the format's largest, with its items twice
// as far apart and its lines further (bodyStyle.airy), then at its
// largest size with less air. Each takes no less room than the next.
// More than 30% and a section's title would stand as large as the
// headline.
var breaths = []struct{ size, air float64 }{{1.3, 2}, {1.2, 2}, {1.15, 2}, {1.1, 2}, {1.05, 2}, {1.05, 1.5}, {1, 2}, {1, 1.5}, {1, 1.25}}

// breathe is page, laid out as try t, set again when its body is at its
// largest size (maxBody) and it leaves white under its last section,
// which short text does: the airiest of breaths that fits; layPage puts
// what white is left. build(t, air) makes t's sections air times as
// airy, its body grow times as large, 1 and 1 as fitted; the help panel
// stays as fitted. A designer saw a flyer with two inches of white
// between its help panel and its footer.
func breathe(k *kit, page box, t try, maxBody float64, build func(t try, grow, air float64) []box) box {
	if t.scale < maxBody-1e-9 || whiteBoxUnder(page, t.frame) <= breathRoom {
		// A body a step short of the room: what white that leaves
		// goes over it, but for maxWhiteUnder (settled).
		return settled(page, t.frame, func() []box { return build(t, 1, 1) })
	}
	type result struct {
		sections []box
		ok       bool
	}
	attempt := func(i int) result {
		sections := slices.DeleteFunc(build(t, breaths[i].size, breaths[i].air), box.empty)
		if k.err != nil {
			// The page stands as fitted, which set the same text
			// without error.
			k.err = nil
			return result{}
		}
		ok := sectionsHeight(sections, t.frame.gap) <= t.frame.bottom()-t.frame.top()+0.01 && wideError(sections...) == nil
		return result{sections, ok}
	}
	// The first that fits, halving the list: a way fits when the one
	// before it does.
	lo, hi := 0, len(breaths)
	var best result
	for lo < hi {
		mid := (lo + hi) / 2
		if r := attempt(mid); r.ok {
			best, hi = r, mid
		} else {
			lo = mid + 1
		}
	}
	if !best.ok {
		return settled(page, t.frame, func() []box { return build(t, 1, 1) })
	}
	// White still left under the panel at the airiest (Chinese text is
	// short in characters) goes over the body, under the band, but
	// for maxWhiteUnder (settle).
	return settleBox(t.frame, best.sections)
}

// whiteUnder is the white a page laid out in frame f leaves between
// what is on it and the foot of its body.
func whiteUnder(p Page, f pageFrame) float64 {
	foot, low := f.bottom(), f.top()
	for i := range p.Elements {
		if b, ok := elementFoot(&p.Elements[i], nil); ok && b <= foot+0.5 {
			low = max(low, b)
		}
	}
	return foot - low
}

// whiteBoxUnder is whiteUnder of the page laid out as b (layBox), read
// from its boxes where they are, without making the page.
func whiteBoxUnder(b box, f pageFrame) float64 {
	foot, low := f.bottom(), f.top()
	b.walk(make([]offset, 0, 16), nil, func(e *Element, offs []offset, _ *Tag) {
		if y, ok := elementFoot(e, offs); ok && y <= foot+0.5 {
			low = max(low, y)
		}
	})
	return foot - low
}

// elementFoot is the foot of what e draws, e moved by offs (shift), and
// whether it draws something with a foot (not a link or a rule).
func elementFoot(e *Element, offs []offset) (float64, bool) {
	var x, y, h float64
	switch {
	case e.Text != nil:
		x, y = e.Text.X, e.Text.Y
		shift(&x, &y, offs)
		return y - e.Text.Line.Ascent + e.Text.Line.Height, true
	case e.Rect != nil:
		x, y, h = e.Rect.X, e.Rect.Y, e.Rect.H
	case e.Image != nil:
		x, y, h = e.Image.X, e.Image.Y, e.Image.H
	case e.QR != nil:
		x, y, h = e.QR.X, e.QR.Y, e.QR.Module*float64(len(e.QR.Bits))
	default:
		return 0, false
	}
	shift(&x, &y, offs)
	return y + h, true
}

// flyerPanel is the flyer's help panel: the hotline's name and number
// beside its QR code, what the hotline is and the emergency line under
// them; the audience's contacts and the province's lines, one to a line
// in two columns; and, under a rule, the organisation's list beside its
// own QR code (part.orgQR). scale shrinks the small parts with the body,
// never the number. The parts before the organisation's list are the
// same for every organisation: memo keeps them (Memo.help).
func (k *kit) flyerPanel(d *doc.Document, w, scale float64, part flyerPart, memo *Memo) box {
	const pad = flyerPanelPad
	hs := flyerHelp
	hs.name, hs.detail, hs.emergency = max(hs.name*scale, 10.5), max(hs.detail*scale, minSize+0.5), max(hs.emergency*scale, 10.5)
	// The lists of contacts are fine print: a line each where they can.
	hs.contact, hs.small = minSize+0.5, minSize
	if k.style == LargePrint {
		hs = clearHelp(hs)
	}
	cw := w - 2*pad
	parts := memo.help(k, d, cw, hs, part.contacts)
	if d.Help.Local != nil {
		// The organisation's website's own code, captioned with its
		// address, beside its list.
		var code box
		if part.orgQR {
			code = k.orgQR(d, cw*0.3, hs.small)
		}
		// The list set the first way that leaves neither half of the
		// panel empty: a long list under a short line and its short
		// title leaves the other half empty beside them.
		list := leastHalfGap(k.localFlows(d, cw-gapAfter(code, pad), hs, code.W > 0), func(list box) box {
			return vstack(cw, pad*0.6, append(slices.Clone(parts), k.rule(cw), k.row(cw, pad, list, code))...)
		})
		parts = append(parts, k.rule(cw), k.row(cw, pad, list, code))
	}
	content := vstack(cw, pad*0.6, parts...)
	content.W = cw
	return k.panel(w, content, panelStyle{pad: pad, radius: 8, stroke: 1.5})
}

// flyerPanelPad is the flyer's help panel's padding, and the gap
// between its parts.
const flyerPanelPad = 10.0

// flyerHelp are the parts of the flyer's help panel (flyerPanel) before
// the organisation's list, cw wide: the hotline's name, number and what
// it is beside its QR code, the emergency line, and the audience's
// contacts (when contacts is set) and the province's lines.
func (k *kit) flyerHelp(d *doc.Document, cw float64, hs helpSizes, contacts bool) []box {
	const pad = flyerPanelPad
	qr := inBlock(k.qrColumn(d.QR, hs.qr, hs.small, hs.small, cw*0.3), doc.PartQR)
	mainW := cw - qr.W - pad
	h := d.Help
	// The hotline's name is the panel's heading.
	hot := vstack(mainW, 3,
		inBlock(vstack(mainW, 2,
			k.text(h.Hotline.Name, mainW, textStyle{Style: typeset.Style{Size: hs.name * 1.1, Bold: true, Leading: 1.2}, Color: k.col.accent, Role: RoleH2}),
			k.number(h.Hotline.Phone, mainW, textStyle{Style: typeset.Style{Size: hs.number, Bold: true, Leading: 1.1}, Color: k.col.accent}),
			k.text(h.Hotline.Detail, mainW, textStyle{Style: typeset.Style{Size: hs.detail, Leading: 1.25}, Color: k.col.ink}),
		), doc.PartHotline),
	)
	emergency := inBlock(k.text(h.Emergency, cw, textStyle{Style: typeset.Style{Size: hs.emergency, Bold: true, Leading: 1.25}, Color: k.col.danger}), doc.PartEmergency)
	parts := []box{k.row(cw, pad, hot, qr), emergency}
	var others []doc.Contact
	if contacts {
		others = h.Others
	}
	if len(others)+len(h.Province) == 1 {
		// One line alone takes the panel's width: in a column of two it
		// would leave the other empty beside it.
		for _, c := range append(slices.Clone(others), h.Province...) {
			block := doc.PartContacts
			if len(others) == 0 {
				block = doc.PartProvince
			}
			parts = append(parts, group(group(inBlock(k.contactLine(c, cw, hs.contact, k.col.ink), block), RoleLI, block), RoleL, block))
		}
	} else {
		var lines []piece
		lines = append(lines, k.linePieces(others, cw, hs.contact, doc.PartContacts)...)
		lines = append(lines, k.linePieces(h.Province, cw, hs.contact, doc.PartProvince)...)
		if len(lines) > 0 {
			parts = append(parts, k.flow(lines, 2, cw, pad*1.5))
		}
	}
	return parts
}

// linePieces are contacts one to a piece, each on a line (or two when
// long), as one list, for a flow in columns.
func (k *kit) linePieces(cs []doc.Contact, w, size float64, block doc.Part) []piece {
	colW := (w - 18) / 2
	var out []piece
	var all box
	for _, c := range cs {
		b := group(inBlock(k.contactLine(c, colW, size, k.col.ink), block), RoleLI, block)
		out = append(out, piece{b: b, gap: size * 0.35})
		all.place(b, 0, 0)
	}
	group(all, RoleL, block)
	return out
}

// localFlows are the ways to set the organisation's list in a compact
// panel, the one it prefers first: its title, then the organisation's
// own ways to reach it and each contact it labelled, one to a line
// across the panel; or, with no QR code beside it and when that is
// shorter, the title at the reading start and the list beside it (a
// short list under its title leaves the panel's other half empty beside
// them); then the title and the contacts flowed into two columns (a
// long list under a short title and a short first line leaves the
// other half empty beside those). Each way is set only when it is
// asked for: most panels take the first, and every flyer with a list
// of its own set all of them before.
func (k *kit) localFlows(d *doc.Document, w float64, hs helpSizes, withQR bool) []func() box {
	l := d.Help.Local
	titleSt := textStyle{Style: typeset.Style{Size: hs.contact, Bold: true, Leading: 1.2}, Color: k.col.accent, Role: RoleH3}
	title := inBlock(k.text(l.Title, w, titleSt), doc.PartLocal)
	stacked := vstack(w, 3, title, k.contactLines(localEntries(d, withQR, k.rtl), w, hs.contact, doc.PartLocal))
	const gap = 18.0
	half := (w - gap) / 2
	out := []func() box{func() box { return stacked }}
	if !withQR {
		t, list := inBlock(k.text(l.Title, half, titleSt), doc.PartLocal), k.contactLines(localEntries(d, withQR, k.rtl), half, hs.contact, doc.PartLocal)
		if h := max(t.H, list.H); h < stacked.H-0.5 && list.wide == "" {
			side := k.row(w, gap, t, list)
			side.W, side.H = w, h
			out = []func() box{func() box { return side }, out[0]}
		}
	}
	// Two columns with a number too wide for one are not taken
	// (leastHalfGap passes over a wide way after the first).
	return append(out, func() box { return k.flow(k.localPieces(d, half, hs.contact, withQR), 2, w, gap) })
}

// clearHelp is a help panel's sizes in large print: every word at 14 pt
// or more.
func clearHelp(hs helpSizes) helpSizes {
	hs.name, hs.detail, hs.emergency = max(hs.name, minClearBody), max(hs.detail, minClearBody), max(hs.emergency, minClearBody)
	hs.contact, hs.small = max(hs.contact, minClearBody), max(hs.small, minClearBody)
	hs.title = max(hs.title, minClearBody*1.2)
	return hs
}

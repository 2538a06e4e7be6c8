package layout

import (
	"cmp"
	"fmt"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

const handoutMargin = 40.0

// minBackDrop is how much smaller than the front's least body size the
// back's may be, to keep the law, a story and the help on one page.
const minBackDrop = 1.0

// handoutHelp are the hotline bar's and the back panel's sizes.
var handoutHelp = helpSizes{title: 16, name: 12.5, number: 38, detail: 10, emergency: 12, contact: 10, small: 8.5, qr: 70}

// Handout lays out the handout: the front carries the flyer's words with
// room to breathe (the body at 11 pt or more), the notes and the
// statistic, and a bar with the hotline large; the back explains the law
// in plain words with its citations, tells a story when one with
// recorded consent exists, and ends with the help panel: every contact,
// the province's lines, the organisation's list and the QR codes. What
// the front cannot hold at 11 pt (the notes, then the statistic) moves
// to the back (and the organisation's list, which the back's panel
// prints anyway, leaves the front's bar); a back too long for one page goes on to a third, so a
// handout is two pages or more, printed on both sides, and never drops
// a block.
func Handout(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	if d.Law == nil {
		return nil, fmt.Errorf("lay out %s handout (%s): the content has no law section", d.Meta.Audience, d.Meta.Lang)
	}
	k := newKit(ts, d, opts.style())
	if k.style == LargePrint {
		pages, err := clearPages(k, d, opts.Paper, "large-print handout", true)
		if err != nil {
			return nil, layoutError("handout", d, err)
		}
		return &Document{Meta: d.Meta, Pages: pages}, nil
	}
	inner := opts.Paper.Width - 2*handoutMargin
	minBody, maxBody := minFlyerBody, 13.5
	if k.style == LargePrint {
		minBody, maxBody = minClearBody, 16
	}
	band, strip := k.brandings(d,
		func(hs headerSpec) box {
			return k.withEvent(d, k.header(d, opts.Paper.Width, handoutMargin, hs), handoutMargin)
		},
		func(hs headerSpec) box { return k.footer(d, inner, hs) },
		flyerHeaderSpec, compactHeaderSpec)
	branded := band

	// The front: as much as fits at 11 pt or more, the notes and the
	// statistic going to the back before the text gets smaller than 12.
	var front box
	var moved []doc.Part
	var err error
	// Last, the organisation's list leaves the front's bar: the back's
	// panel prints it in full.
	for _, part := range []flyerPart{{intro: true, notes: true, fact: true, local: true}, {intro: true, notes: true, local: true}, {intro: true, local: true}, {intro: true}} {
		bar := d
		if !part.local && d.Help.Local != nil {
			nd := *d
			nd.Help.Local = nil
			bar = &nd
		}
		tries := sizeTries(pageFrame{paper: opts.Paper, margin: handoutMargin, gap: 14}, maxBody, minBody)
		build := func(t try, grow, air float64) []box {
			return append(opts.Memo.body(k, d, inner, t.scale*grow, part, air), k.hotlineBar(bar, inner, t.scale/12.5, false, false))
		}
		var t try
		front, t, branded, err = fitBranded(k, band, strip, tries, func(t try) []box { return build(t, 1, 1) })
		if err == nil {
			front = breathe(k, front, t, maxBody, build)
			if !part.notes && d.Notes != nil {
				moved = append(moved, doc.PartNotes)
			}
			if !part.fact && d.Fact != nil {
				moved = append(moved, doc.PartFact)
			}
			break
		}
		if fe, ok := err.(*FitError); ok {
			fe.Format, fe.Size = "handout front", minBody
		}
		if k.err != nil {
			break
		}
	}
	if err != nil {
		return nil, layoutError("handout", d, err)
	}

	// The back is read up close, after the front has done its work: its
	// body may be a point smaller than the front's least.
	backs, err := handoutBack(k, d, opts, inner, branded.footer, moved, minBody-minBackDrop, maxBody)
	if err != nil {
		return nil, layoutError("handout", d, err)
	}
	return &Document{Meta: d.Meta, Pages: append([]Page{pageOf(front)}, backs...)}, nil
}

// handoutBack lays out the back: the law, what moved from the front, the
// story, and the help panel at the foot of the last page. It is one page
// at the largest size that fits; else the sections go on as many pages
// as they need at the front's base size (12 pt), the law breaking
// between its items, set at the largest size that needs no more pages:
// at the base size the last page often held the help panel alone, or a
// story over it, with half a page of white under them.
func handoutBack(k *kit, d *doc.Document, opts Options, inner float64, footer box, moved []doc.Part, minBody, maxBody float64) ([]Page, error) {
	band := k.band(d, d.Law.Title, opts.Paper.Width, handoutMargin)
	const gap = 16.0
	first := pageFrame{paper: opts.Paper, margin: handoutMargin, header: band, footer: footer, gap: gap}
	var tries []try
	for _, size := range scalesDown(maxBody, minBody) {
		tries = append(tries, try{frame: first, scale: size})
	}
	page, t, err := fitPage(k, tries, func(t try) []box { return backSections(k, d, inner, t.scale, moved, false, 1) })
	if err == nil {
		return []Page{pageOf(settled(page, t.frame, func() []box { return backSections(k, d, inner, t.scale, moved, false, 1) }))}, nil
	}
	if k.err != nil {
		return nil, k.err
	}
	base := max(minBody, 12.0)
	if k.style == LargePrint {
		base = minClearBody
	}
	next := first
	next.header = box{}
	// Of the sizes that need no more pages than the base size, the one
	// whose emptiest page leaves the least white at its foot (the
	// larger on a tie): at a larger size a section may leave a page
	// for the next, and the white it leaves is no better than the last
	// page's.
	best, white, err := backPages(k, d, inner, base, moved, first, next)
	if err != nil {
		return nil, err
	}
	for _, size := range scalesDown(maxBody, base) {
		if size <= base {
			break
		}
		pages, w, err := backPages(k, d, inner, size, moved, first, next)
		if k.err != nil {
			return nil, k.err
		}
		if err == nil && len(pages) <= len(best) && w < white-0.5 {
			best, white = pages, w
		}
	}
	return best, nil
}

// backSections are the back's sections at size, each whole, the help
// panel last; with apart, the law's lead, items and note are sections
// of their own (their groups kept), which a page may break between.
func backSections(k *kit, d *doc.Document, inner, size float64, moved []doc.Part, apart bool, grow float64) []box {
	panelScale := min(size/12.5, 1) * grow
	size *= grow
	bs := k.newBodyStyle(size)
	var out []box
	if apart {
		intro, items, note := k.lawParts(d, inner, size)
		var list box
		for _, it := range items {
			list.place(it, 0, 0)
		}
		group(list, RoleL, "")
		out = append(out, inBlock(intro, doc.PartLaw))
		for _, it := range items {
			out = append(out, inBlock(it, doc.PartLaw))
		}
		out = append(out, inBlock(note, doc.PartLaw))
	} else {
		out = append(out, k.lawBlock(d, inner, size))
	}
	for _, b := range moved {
		switch b {
		case doc.PartNotes:
			out = append(out, k.stackPieces(k.notePieces(d, inner, bs), inner))
		case doc.PartFact:
			out = append(out, inBlock(vstack(inner, 2,
				k.text(d.Fact.Text, inner, textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: 1.3}, Color: k.col.ink}),
				k.text(d.Fact.Source, inner, bs.small)), doc.PartFact))
		}
	}
	for _, st := range d.Stories[:min(len(d.Stories), cmp.Or(HandoutContent.Stories, len(d.Stories)))] {
		out = append(out, k.storyBlock(d, st, inner, size))
	}
	return append(out, k.backPanel(d, inner, panelScale))
}

// backPages sets the back's sections at size on as many pages as they
// need, first's frame for the first and next's for the others: each
// section on the page it starts on when it fits there, else on the
// next, the law breaking between its items (its lead kept with the
// first, its note with the last); the help panel at the foot of the
// last page. It reports the most white a page leaves at its foot (the
// last before settle puts it over its text).
func backPages(k *kit, d *doc.Document, inner, size float64, moved []doc.Part, first, next pageFrame) ([]Page, float64, error) {
	gaveWay := k.gaveWay
	all := backSections(k, d, inner, size, moved, true, 1)
	if k.err != nil {
		return nil, 0, k.err
	}
	gaveWay = k.gaveWay - gaveWay
	laws := len(d.Law.Items) + 2 // the lead, the items, the note
	items := backItems(all, 0, laws, size, first.gap)
	placedPages, err := paginate(items, first.bottom()-first.top(), next.bottom()-next.top())
	if err != nil {
		for _, it := range items {
			if have := next.bottom() - next.top(); it.b.H > have {
				return nil, 0, &FitError{Format: "handout back", Blocks: blocksOf(it.b), Size: size, Need: it.b.H, Have: have}
			}
		}
		return nil, 0, err
	}
	prevRoom := next.bottom() - next.top()
	if len(placedPages) == 2 {
		prevRoom = first.bottom() - first.top()
	}
	placedPages = notAlone(items, placedPages, prevRoom, next.bottom()-next.top())
	// Each page's sections: the law's parts on it as one, the others
	// whole; a page but the last ends with an empty section, so that
	// layPage leaves the white under its text.
	var pages []Page
	worst := 0.0
	i := 0
	for n, on := range placedPages {
		frame := first
		if n > 0 {
			frame = next
		}
		if n < len(placedPages)-1 {
			page := layPage(frame, append(backPage(all[i:i+len(on)], on, i, laws, inner), box{}))
			pages, worst = append(pages, page), max(worst, whiteUnder(page, frame))
			i += len(on)
			continue
		}
		// The last page's text, when it leaves white under its panel,
		// set larger, the most that fits (as a short flyer's,
		// breathe), its panel with it; what white is left goes over
		// it (settle).
		sections := backPage(all[i:], on, i, laws, inner)
		if whiteBoxUnder(layBox(frame, sections), frame) > breathRoom {
			for _, grow := range []float64{1.3, 1.2, 1.15, 1.1, 1.05} {
				was := k.gaveWay
				larger := backSections(k, d, inner, size, moved, true, grow)[i:]
				if k.err != nil {
					k.err = nil // the page stands as set, which set the same text without error
					break
				}
				if k.gaveWay-was > gaveWay {
					// A tie gave way at this size that held at the
					// page's ("Notre-Dame-de- / Grâce" in the panel's
					// list): a smaller size.
					continue
				}
				lon, err := paginate(backItems(larger, i, laws, size*grow, frame.gap), frame.bottom()-frame.top(), 0)
				if err == nil && len(lon) == 1 && len(lon[0]) == len(larger) {
					sections = backPage(larger, lon[0], i, laws, inner)
					break
				}
			}
		}
		worst = max(worst, whiteBoxUnder(layBox(frame, sections), frame))
		pages = append(pages, settle(frame, sections))
	}
	return pages, worst, nil
}

// notAlone is pages (items as paginate placed them) with the last
// page's one item (the help panel, whose page would be white but for
// it) joined by the items that end the page before (prevRoom high):
// the run that ends it (its last item and those kept with it) when it
// fits with the panel in room, then each run more while that leaves the
// emptier of the two pages less white; the page before keeps one item
// at least.
func notAlone(items []flowItem, pages [][]placed, prevRoom, room float64) [][]placed {
	n := len(pages)
	if n < 2 || len(pages[n-1]) != 1 {
		return pages
	}
	end := len(items) - 1            // the panel
	start := end                     // the first item on the last page
	begin := start - len(pages[n-2]) // the first on the page before
	for {
		from := start - 1
		for from > begin+1 && items[from-1].keep {
			from--
		}
		if from <= begin || items[from-1].keep || heightOf(items[from:]) > room+0.01 {
			break
		}
		if start < end {
			// A run more only when it shares the white better.
			was := max(prevRoom-heightOf(items[begin:start]), room-heightOf(items[start:]))
			if max(prevRoom-heightOf(items[begin:from]), room-heightOf(items[from:])) >= was {
				break
			}
		}
		start = from
	}
	if start == end {
		return pages
	}
	pages[n-2] = pages[n-2][:start-begin]
	pages[n-1] = placeItems(items[start:])
	return pages
}

// heightOf is the height of items one under the other at the top of a
// page (the first one's space dropped).
func heightOf(items []flowItem) float64 {
	h := 0.0
	for i, it := range items {
		if i > 0 {
			h += it.space
		}
		h += it.b.H
	}
	return h
}

// placeItems puts items one under the other from the top of a page.
func placeItems(items []flowItem) []placed {
	var out []placed
	y := 0.0
	for i, it := range items {
		if i > 0 {
			y += it.space
		}
		out = append(out, placed{b: it.b, y: y})
		y += it.b.H
	}
	return out
}

// backItems are the back's sections from the i0th on, as items of a
// flow: the law's lead kept with its first item and its note with its
// last, laws parts in all, the others gap apart.
func backItems(all []box, i0, laws int, size, gap float64) []flowItem {
	items := make([]flowItem, len(all))
	for j, b := range all {
		i := i0 + j
		items[j] = flowItem{b: b, space: gap}
		switch {
		case i == 0:
			items[j].keep = true // the lead with the first item
		case i < laws-1:
			items[j].space, items[j].keep = size*0.6, i == laws-2
			if i == 1 {
				items[j].space = size * 0.7
			}
		case i == laws-1:
			items[j].space = size * 0.7
		}
	}
	return items
}

// backPage is one page's sections from what paginate placed on it (on:
// the sections bs, the first the i0th of the back's): the law's parts
// on it as one section, the others whole.
func backPage(bs []box, on []placed, i0, laws int, inner float64) []box {
	var sections []box
	law, lawY, inLaw := box{W: inner}, 0.0, false
	for j := range on {
		if i0+j < laws {
			if !inLaw {
				lawY, inLaw = on[j].y, true
			}
			law.place(bs[j], 0, on[j].y-lawY)
			law.H = on[j].y - lawY + bs[j].H
			continue
		}
		if inLaw {
			sections, inLaw = append(sections, law), false
		}
		sections = append(sections, bs[j])
	}
	if inLaw {
		sections = append(sections, law)
	}
	return sections
}

// withEvent adds the session's details under the header band, when the
// handout is made for one.
func (k *kit) withEvent(d *doc.Document, header box, margin float64) box {
	if d.Event == nil || d.Event.Line() == "" {
		return header
	}
	w := header.W - 2*margin
	line := inBlock(k.text(d.Event.Isolated(k.rtl), w, textStyle{Style: typeset.Style{Size: 11, Bold: true}, Color: k.col.ink}), doc.PartEvent)
	fill := tint(d.Brand.Color, 0.15)
	if !k.col.onColour {
		fill = white
	}
	strip := box{W: header.W, H: line.H + 12, els: []Element{{Rect: &Rect{W: header.W, H: line.H + 12, Fill: fill}}}}
	strip.place(line, margin, 6)
	strip.H = line.H + 12
	return vstack(header.W, 0, header, strip)
}

// band is a slim band with one title, for pages after the first.
func (k *kit) band(d *doc.Document, title string, pageW, margin float64) box {
	fg := k.col.onBand
	if !k.col.onColour {
		fg = k.col.ink
	}
	t := inBlock(k.text(title, pageW-2*margin, textStyle{Style: typeset.Style{Size: 22, Bold: true, Leading: 1.15}, Color: fg, Role: RoleH1}), doc.PartLaw)
	h := t.H + 2*16
	out := box{W: pageW, H: h}
	if k.col.onColour {
		out.els = append(out.els, Element{Rect: &Rect{W: pageW, H: h, Fill: d.Brand.Color}})
	} else {
		out.els = append(out.els, Element{Rect: &Rect{Y: h - 5, W: pageW, H: 5, Fill: k.col.band}})
	}
	out.place(t, margin, 16)
	out.H = h
	return out
}

// maxBarGap is the most white a help bar leaves under its number beside
// a list that runs on further.
const maxBarGap = 24.0

// hotlineBar is the front's compact call to action: the hotline's name,
// its number large, what it is and the emergency line; beside the number
// the province's lines (when province is set: the tear-off, which has no
// back) and the organisation's list, with its website's own QR code when
// orgQR is set (the tear-off, where it has room).
func (k *kit) hotlineBar(d *doc.Document, w, scale float64, province, orgQR bool) box {
	const pad = 12.0
	hs := handoutHelp
	hs.name, hs.detail, hs.emergency = max(hs.name*scale, 10.5), max(hs.detail*scale, minSize+0.5), max(hs.emergency*scale, 10.5)
	hs.contact = max(hs.contact*scale, minSize+0.5)
	if k.style == LargePrint {
		hs = clearHelp(hs)
	}
	inner := w - 2*pad
	provinces := province && len(d.Help.Province) > 0
	var side, code box
	if orgQR && d.Help.Local != nil {
		code = k.orgQR(d, inner*0.25, minSize)
	}
	mainW := inner
	if d.Help.Local != nil || provinces {
		numW := max(k.width(d.Help.Hotline.Phone, textStyle{Style: typeset.Style{Size: hs.number, Bold: true}}), inner*0.48)
		mainW = numW
		sideW := inner - numW - 16
		listW := sideW - gapAfter(code, 10)
		var parts []box
		if provinces {
			parts = append(parts, k.contactLines(d.Help.Province, listW, hs.contact, doc.PartProvince))
		}
		parts = append(parts, k.localLines(d, listW, hs.contact, code.W > 0))
		side = k.row(sideW, 10, vstack(listW, 6, parts...), code)
	}
	main := k.hotlineBlock(d, mainW, hs, false)
	content := main
	if side.W > 0 {
		content = k.row(inner, 16, main, side)
		// A long list is shorter in two columns under the number than
		// in one beside it, and a number too wide for the column beside
		// it fits under it.
		// Every piece set as wide as the flow's columns: the province's
		// lines set for the panel's width ran over the list beside them.
		flowW := inner - gapAfter(code, 18)
		var pieces []piece
		if provinces {
			pieces = append(pieces, k.linePieces(d.Help.Province, flowW, hs.contact, doc.PartProvince)...)
		}
		pieces = append(pieces, k.localPieces(d, (flowW-18)/2, hs.contact, code.W > 0)...)
		lists := []box{k.flow(pieces, 2, flowW, 18)}
		if !provinces && len(localEntries(d, code.W > 0, k.rtl)) <= 1 {
			// A title and one line do not make two columns: in the
			// first, they would leave the second empty; across the
			// width, the title takes fewer lines; beside the line, the
			// two fill the width (a title and one line under it leave
			// the other half empty beside them).
			lists = []box{
				k.localLines(d, flowW, hs.contact, code.W > 0),
				k.titleBeside(d, flowW, hs.contact, func(w float64) box {
					return k.contactLines(localEntries(d, code.W > 0, k.rtl), w, hs.contact, doc.PartLocal)
				}),
			}
		}
		hot := k.hotlineBlock(d, inner, hs, false)
		var ways []box
		for _, list := range lists {
			ways = append(ways, vstack(inner, 8, hot, k.row(inner, 18, list, code)))
		}
		under := leastHalfGap(built(ways), func(b box) box { return b })
		// Under, too, when the list beside the number runs on far below
		// it: the bar's half under the number would stay empty beside
		// the list (at most a few points taller).
		empty := side.H - main.H
		if under.H < content.H || content.wide != "" && under.wide == "" || empty > maxBarGap && under.H <= content.H+empty/2 && under.wide == "" {
			content = under
		}
	}
	content.W = inner
	return k.panel(w, content, panelStyle{pad: pad, radius: 8, stroke: 1.5})
}

// backPanel is the handout back's help panel: the hotline beside its QR
// code, every contact in cards, the province's lines, and the
// organisation's list beside its QR code.
func (k *kit) backPanel(d *doc.Document, w, scale float64) box {
	const pad = 14.0
	hs := handoutHelp
	hs.name, hs.detail, hs.emergency = max(hs.name*scale, 10.5), max(hs.detail*scale, minSize+0.5), max(hs.emergency*scale, 10.5)
	hs.contact, hs.small = max(hs.contact*scale, minSize+1), minSize
	if k.style == LargePrint {
		hs = clearHelp(hs)
	}
	cw := w - 2*pad
	qr := inBlock(k.qrColumn(d.QR, hs.qr, hs.small, hs.small, cw*0.3), doc.PartQR)
	more := vstack(cw, hs.contact*0.6,
		k.contactGrid(d.Help.Others, cw, 2, pad, hs, doc.PartContacts),
		k.contactGrid(d.Help.Province, cw, 2, pad, hs, doc.PartProvince))
	// The panel set the first way that leaves neither half empty: the
	// emergency line with the hotline beside the code, or across the
	// panel under both (the half under the code stays empty beside a
	// hotline that runs on below it); the organisation's list under its
	// title, or beside it.
	hot, _ := k.hotlineParts(d, cw-qr.W-pad, hs, true)
	_, emergency := k.hotlineParts(d, cw, hs, true)
	tops := []box{
		k.row(cw, pad, k.hotlineBlock(d, cw-qr.W-pad, hs, true), qr),
		vstack(cw, hs.name*0.35, k.row(cw, pad, hot, qr), emergency),
	}
	locals := []box{{}}
	if d.Help.Local != nil {
		locals = k.localBlocks(d, cw, 2, hs, true)
	}
	var ways []box
	for _, top := range tops {
		for _, local := range locals {
			parts := []box{top, more}
			if !local.empty() {
				parts = append(parts, k.rule(cw), local)
			}
			ways = append(ways, vstack(cw, pad*0.7, parts...))
		}
	}
	content := leastHalfGap(built(ways), func(b box) box { return b })
	content.W = cw
	return k.panel(w, content, panelStyle{pad: pad, radius: 8, stroke: 1.5})
}

// lawBlock is "Know the law": a lead, each item with its citation under
// it, and the note that this is not legal advice.
func (k *kit) lawBlock(d *doc.Document, w, size float64) box {
	intro, items, note := k.lawParts(d, w, size)
	return inBlock(vstack(w, size*0.7, intro, group(vstack(w, size*0.6, items...), RoleL, ""), note), doc.PartLaw)
}

// lawParts are the law section's lead, its items (each a list item,
// not yet in their list) and its note, for a page that breaks between
// them (large print).
func (k *kit) lawParts(d *doc.Document, w, size float64) (intro box, items []box, note box) {
	body := textStyle{Style: typeset.Style{Size: size, Leading: 1.3}, Color: k.col.ink}
	cite := textStyle{Style: typeset.Style{Size: max(size*0.8, minSize), Bold: true, Leading: 1.2}, Color: k.col.muted}
	items = make([]box, 0, len(d.Law.Items))
	for _, it := range d.Law.Items {
		items = append(items, group(vstack(w, 1, k.text(it.Text, w, body), k.text(it.Citation, w, cite)), RoleLI, ""))
	}
	intro = k.text(d.Law.Intro, w, textStyle{Style: typeset.Style{Size: size * 1.08, Leading: 1.3}, Color: k.col.ink})
	note = k.text(d.Law.Note, w, textStyle{Style: typeset.Style{Size: max(size*0.8, minSize), Leading: 1.25}, Color: k.col.muted})
	return intro, items, note
}

// storyBlock is one story with its label (an illustrative composite says
// so), set apart by a rule at the reading start.
func (k *kit) storyBlock(d *doc.Document, st doc.Story, w, size float64) box {
	inner := w - 16
	content := vstack(inner, size*0.35,
		k.text(d.Labels.StorySection+": "+st.Title, inner, textStyle{Style: typeset.Style{Size: size * 1.12, Bold: true, Leading: 1.2}, Color: k.col.accent, Role: RoleH2}),
		k.text(st.Text, inner, textStyle{Style: typeset.Style{Size: size, Leading: 1.3}, Color: k.col.ink}),
		k.text(st.Label, inner, textStyle{Style: typeset.Style{Size: max(size*0.75, minSize), Bold: true, Leading: 1.2}, Color: k.col.muted}),
	)
	out := box{W: w}
	x, ruleX := 16.0, 0.0
	if k.rtl {
		x, ruleX = 0, w-3
	}
	out.place(content, x, 0)
	out.els = append(out.els, Element{Rect: &Rect{X: ruleX, W: 3, H: content.H, Fill: k.col.accent}})
	out.H = content.H
	return group(inBlock(out, doc.PartStory), RoleSect, doc.PartStory)
}

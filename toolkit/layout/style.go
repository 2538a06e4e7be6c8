package layout

import (
	"cmp"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/spell"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Style is how a material is printed for its readers.
type Style string

// The styles a user can choose.
const (
	// Standard is the brand's look: a coloured header band, tinted help
	// panels, the sizes each format gives.
	Standard Style = "standard"
	// LargePrint follows the CNIB Clear Print guidelines: body text at
	// least 14 pt, everything aligned left, black on white, no text over
	// colour or pictures.
	LargePrint Style = "large-print"
	// HighContrast keeps the standard sizes with Clear Print's colours:
	// black on white, the brand colour only in rules and frames.
	HighContrast Style = "high-contrast"
)

// StyleNames lists the styles in the order help shows them.
var StyleNames = []string{string(Standard), string(LargePrint), string(HighContrast)}

// Description says what s prints, for help and forms.
func (s Style) Description() string {
	switch s {
	case LargePrint:
		return "CNIB Clear Print: every word 14 pt or more, black on white, aligned left, no text on colour; more pages, or cards two to a sheet, where the words need them"
	case HighContrast:
		return "black on white at 7:1 or more, no tints behind text, thicker lines and frames; the standard sizes"
	}
	return "the brand's colours, as the format's description says"
}

// StyleByName finds a style, case-insensitively; "" is Standard.
func StyleByName(name string) (Style, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	if key == "" {
		return Standard, nil
	}
	for _, s := range StyleNames {
		if s == key {
			return Style(s), nil
		}
	}
	return "", spell.Unknown(nil, "style", name, StyleNames, nil)
}

// clear reports whether the style keeps text off colour and in black.
func (s Style) clear() bool { return s == LargePrint || s == HighContrast }

// MinContrastClear is the contrast every text colour of a clear style
// reaches on white: WCAG 2 AAA's 7:1.
const MinContrastClear = 7.0

// colours are a document's colours in a style: the brand's palette, or
// for the clear styles black text on white and the brand colour darkened
// for headings, rules and frames.
type colours struct {
	ink, muted, danger doc.RGB
	accent             doc.RGB // headings, the hotline number, frames
	band, onBand       doc.RGB // the header band and its text
	panel              doc.RGB // the help panel's fill
	// onColour is false in the clear styles: no text sits on a coloured
	// band; the band becomes a rule above the header's text.
	onColour bool
	// rule and ruleWidth draw the lines between parts; frameWidth is
	// the least width of a panel's frame.
	rule                  doc.RGB
	ruleWidth, frameWidth float64
}

func coloursFor(brand doc.RGB, st Style) colours {
	p := doc.NewPalette(brand)
	c := colours{ink: ink, muted: muted, danger: danger, accent: p.Accent, band: p.Band, onBand: p.OnBand, panel: p.Panel, onColour: true,
		rule: tint(muted, 0.5), ruleWidth: 0.5}
	if st.clear() {
		// Thicker, darker lines and frames: a pale hairline is lost to
		// low vision (Clear Print: sharp colours, distinct shapes).
		c.rule, c.ruleWidth, c.frameWidth = doc.RGB{R: 0x33, G: 0x33, B: 0x33}, 1.5, 2.5
		c.ink, c.muted, c.onBand, c.panel, c.onColour = doc.Black, doc.RGB{R: 0x33, G: 0x33, B: 0x33}, doc.Black, doc.White, false
		c.accent = doc.Darken(p.Accent, doc.White, MinContrastClear)
		c.danger = doc.Darken(danger, doc.White, MinContrastClear)
	}
	return c
}

// Clear Print's spacing: leading at least 25 to 30% of the point size
// (CNIB Clear Print guidelines, "Leading").
const clearLeading = 1.3

// styled is st as k's style sets it. Large print follows the CNIB Clear
// Print guidelines in every format that takes it: no text under
// minClearBody, lines spaced at least clearLeading, nothing centred
// (text starts where the reader's eye goes back to: the left in
// left-to-right text, the right in right-to-left). The clear styles'
// colours are in coloursFor.
func (k *kit) styled(st textStyle) textStyle {
	if k.style != LargePrint {
		return st
	}
	st.Size = max(st.Size, minClearBody)
	if st.Leading != 0 {
		st.Leading = max(st.Leading, clearLeading)
	}
	if st.Align == alignCenter {
		st.Align = alignStart
	}
	return st
}

// clearMargin is the large-print page's margin: wider than the flyer's,
// so that a 14 pt line holds about 65 characters (Clear Print: margins
// and line length that spare the reader's eyes).
const clearMargin = 40.0

// clearHeaderSpec is the large-print header: the organisation's name at
// body size, the headline a good deal larger.
var clearHeaderSpec = headerSpec{org: minClearBody, headlines: []float64{30, 28, 26, 24}, pad: 18, logoArea: 5200, logoMaxW: 150, logoMaxH: 66, tallMaxH: 66, stripMaxH: 96, gap: 16, orgGap: 6, leading: 1.15, lines: 4}

// clearPages lays out a large-print flyer or handout: one column at
// 14 pt, the hotline first under the header, then the document's blocks
// in reading order on as many pages as they need. Large print takes
// more room than a page has, and nothing is dropped for it: a flyer
// becomes two pages or more, never one with smaller text. withBack adds
// the handout's parts: the introduction, the notes, the statistic, the
// law, the story and every contact in full.
func clearPages(k *kit, d *doc.Document, paper Paper, what string, withBack bool) ([]Page, error) {
	const gap = 14.0
	w := paper.Width - 2*clearMargin
	header := k.header(d, paper.Width, clearMargin, clearHeaderSpec)
	if withBack {
		header = k.withEvent(d, header, clearMargin)
	}
	footer := k.footer(d, w, clearHeaderSpec)
	size := minClearBody
	bs := k.newBodyStyle(size)
	hs := clearHelp(flyerHelp)
	hs.number = max(hs.number, 38)
	hs.qr = handoutHelp.qr

	var items []flowItem
	add := func(b box, space float64, keep bool) {
		if !b.empty() {
			items = append(items, flowItem{b: b, space: space, keep: keep})
		}
	}
	addPieces := func(ps []piece, first float64) {
		for i, p := range ps {
			space := p.gap
			if i == 0 {
				space = first
			}
			add(p.b, space, p.keep)
		}
	}

	// The hotline first, framed: its name and the number large across
	// the panel (a number is never broken), then what it is and 911
	// beside its QR code.
	const pad = 12.0
	cw := w - 2*pad
	h := d.Help
	var title box
	if withBack {
		title = inBlock(k.text(h.Title, cw, textStyle{Style: typeset.Style{Size: hs.title, Bold: true, Leading: 1.15}, Color: k.col.accent, Role: RoleH2}), doc.PartHelp)
	}
	qr := inBlock(k.qrColumn(d.QR, hs.qr, hs.small, hs.small, cw*0.3), doc.PartQR)
	mainW := cw - qr.W - pad
	hot := vstack(cw, hs.name*0.35, title,
		inBlock(vstack(cw, hs.name*0.35,
			k.text(h.Hotline.Name, cw, textStyle{Style: typeset.Style{Size: hs.name, Bold: true, Leading: 1.2}, Color: k.col.ink}),
			k.number(h.Hotline.Phone, cw, textStyle{Style: typeset.Style{Size: hs.number, Bold: true, Leading: 1.1}, Color: k.col.accent}),
			k.row(cw, pad,
				vstack(mainW, hs.name*0.35,
					k.text(h.Hotline.Detail, mainW, textStyle{Style: typeset.Style{Size: hs.detail, Leading: clearLeading}, Color: k.col.ink}),
					inBlock(k.text(h.Emergency, mainW, textStyle{Style: typeset.Style{Size: hs.emergency, Bold: true, Leading: clearLeading}, Color: k.col.danger}), doc.PartEmergency)),
				qr)), doc.PartHotline))
	add(k.panel(w, hot, panelStyle{pad: pad, radius: 6, stroke: 2}), 0, false)

	if withBack {
		add(inBlock(k.text(d.Intro, w, textStyle{Style: typeset.Style{Size: size * 1.08, Leading: clearLeading}, Color: k.col.ink}), doc.PartIntro), gap, false)
	}
	addPieces(k.signPieces(d, len(d.Signs.Items), w, bs), gap)
	addPieces(k.actionPieces(d.Actions, w, bs), gap)
	if withBack {
		addPieces(k.notePieces(d, w, bs), gap)
		if d.Fact != nil {
			add(inBlock(vstack(w, 2,
				k.text(d.Fact.Text, w, textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: clearLeading}, Color: k.col.ink}),
				k.text(d.Fact.Source, w, bs.small)), doc.PartFact), gap, false)
		}
		add(k.text(d.Law.Title, w, textStyle{Style: typeset.Style{Size: size * 1.3, Bold: true}, Color: k.col.accent, Role: RoleH2}), gap*1.5, true)
		// The law breaks between its items: in French at 14 pt it is
		// taller than a page.
		intro, laws, note := k.lawParts(d, w, size)
		add(inBlock(intro, doc.PartLaw), size*0.5, true)
		var list box
		for _, b := range laws {
			list.place(b, 0, 0)
		}
		group(list, RoleL, doc.PartLaw)
		for i, b := range laws {
			add(inBlock(b, doc.PartLaw), size*0.6, i == len(laws)-1)
		}
		add(inBlock(note, doc.PartLaw), size*0.7, false)
		for _, st := range d.Stories[:min(len(d.Stories), cmp.Or(HandoutContent.Stories, len(d.Stories)))] {
			add(k.storyBlock(d, st, w, size), gap, false)
		}
	}

	// The other contacts, one to a line, under a title of their own
	// when the panel's is not printed.
	if withBack {
		add(k.contactGrid(d.Help.Others, w, 1, pad, hs, doc.PartContacts), gap*1.5, false)
		add(k.contactGrid(d.Help.Province, w, 1, pad, hs, doc.PartProvince), gap, false)
		if d.Help.Local != nil {
			add(k.localBlock(d, w, 1, hs, true), gap, false)
		}
	} else {
		addPieces(k.linePieces(d.Help.Others, 2*w+18, hs.contact, doc.PartContacts), gap*1.5)
		addPieces(k.linePieces(d.Help.Province, 2*w+18, hs.contact, doc.PartProvince), gap)
		if d.Help.Local != nil {
			// The list beside its website's own code, as on the back.
			add(k.localBlock(d, w, 1, hs, true), gap, false)
		}
	}
	if k.err != nil {
		return nil, k.err
	}

	bottom := paper.Height - clearMargin*0.6 - footer.H - gap*0.5
	first, rest := bottom-header.H-gap, bottom-clearMargin
	placedPages, err := paginate(items, first, rest)
	if err != nil {
		var blocks []doc.Part
		need := 0.0
		for _, it := range items {
			if it.b.H > rest {
				blocks, need = append(blocks, blocksOf(it.b)...), max(need, it.b.H)
			}
		}
		return nil, &FitError{Format: what, Blocks: blocks, Size: size, Need: need, Have: rest}
	}
	pages := make([]Page, 0, len(placedPages))
	for i, on := range placedPages {
		page := box{W: paper.Width, H: paper.Height}
		top := clearMargin
		if i == 0 {
			page.place(header, 0, 0)
			top = header.H + gap
		}
		for _, p := range on {
			page.place(p.b, clearMargin, top+p.y)
		}
		page.place(footer, clearMargin, paper.Height-clearMargin*0.6-footer.H)
		pages = append(pages, Page{Width: paper.Width, Height: paper.Height, Elements: page.elements()})
	}
	return pages, nil
}

// clearCards are the wallet cards of large print: two to a sheet across
// it, as the safety cards (clearSafetyCards). Every word of a wallet
// card at 14 pt needs about twice a business card's height; on a quarter
// sheet, the largest four with cutting guides and crop marks leave, a
// French back with an organisation's number needed 380 pt of 357.
var clearCards = clearSafetyCards

// clearSafetyCards are the large-print safety cards: two to a sheet, as
// wide as the sheet allows with crop marks, 120 mm high. The card's
// inside is all words (in a draft translation, the draft notice in two
// languages): at 14 pt in French they need 380 pt of height on a
// quarter-sheet card, which holds about 350; across the sheet about 220.
var clearSafetyCards = map[string]sheetSpec{
	"letter": {w: 190 * PointsPerMM, h: 120 * PointsPerMM, cols: 1, rows: 2},
	"a4":     {w: 180 * PointsPerMM, h: 120 * PointsPerMM, cols: 1, rows: 2},
}

// cards is the card sheet of o's style: specs, or in large print clear.
func (o Options) cards(specs, clear map[string]sheetSpec) map[string]sheetSpec {
	if o.style() == LargePrint {
		return clear
	}
	return specs
}

// ClearCardsPerSheet is how many wallet cards one sheet holds in large
// print with print options po.
func ClearCardsPerSheet(p Paper, po PrintOptions) int { return perSheet(clearCards, p, po) }

// ClearSafetyCardsPerSheet is how many safety cards one sheet holds in
// large print with print options po.
func ClearSafetyCardsPerSheet(p Paper, po PrintOptions) int { return perSheet(clearSafetyCards, p, po) }

// cardScales are the text scales a card tries in k's style, largest
// first: a large-print card is four times a wallet card's area, and
// its words grow to use it (no word under 14 pt in any case).
func (k *kit) cardScales() []float64 {
	if k.style != LargePrint {
		return cardScales
	}
	return scalesDown(1.4, 0.8)
}

// calmColours are the safety card's colours in a style.
type calmColours struct {
	sky, haze        doc.RGB // behind the front's and the inside's text
	ink, shade, text doc.RGB
	teal, danger     doc.RGB // the number, the emergency line
}

// calm is the safety card's calm palette, which says nothing about who
// made the card; in the clear styles its text is black on white and its
// number and emergency line reach 7:1, the hill and the sun kept as
// shapes that no text sits on.
func (k *kit) calm() calmColours {
	if !k.style.clear() {
		return calmColours{sky: calmSky, haze: calmHaze, ink: calmInk, shade: calmShade, text: ink, teal: calmTeal, danger: danger}
	}
	return calmColours{sky: doc.White, haze: doc.White, ink: k.col.ink, shade: k.col.ink, text: k.col.ink,
		teal: doc.Darken(calmTeal, doc.White, MinContrastClear), danger: k.col.danger}
}

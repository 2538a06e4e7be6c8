package layout

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Options are what every layout takes besides the document.
type Options struct {
	Paper Paper
	// Print asks for bleed and crop marks. Page layouts leave it to
	// Print (the function), which the engine applies after layout;
	// layouts that impose several pieces on a sheet (cards) apply it per
	// piece themselves and set each page's Trim.
	Print PrintOptions
}

// minSize is the smallest type any format sets: fine print, still
// readable without a magnifier.
const minSize = 8.0

// ErrDoesNotFit means the text is too long for the format even at the
// smallest readable size.
var ErrDoesNotFit = errors.New("the text does not fit on the page at a readable size")

// attempt is one try at fitting a page: a text scale, and whether the
// optional blocks stay in.
type attempt struct {
	scale    float64
	optional bool
}

// attempts lists the tries largest first: long translations first lose
// the optional blocks (a statistic, a story), then shrink to the smallest
// scales.
func attempts(scales []float64, hasOptional bool) []attempt {
	out := make([]attempt, 0, 2*len(scales))
	for _, s := range scales {
		out = append(out, attempt{s, true})
	}
	if hasOptional {
		for _, s := range scales[max(0, len(scales)-4):] {
			out = append(out, attempt{s, false})
		}
	}
	return out
}

// pageFrame is what stays put on a page while its body is fitted.
type pageFrame struct {
	paper  Paper
	margin float64
	header box // full width, at the top
	footer box // inner width, at the bottom
	// reserve is space kept free above the footer, such as tear-off tabs.
	reserve float64
	// anchorLast puts the last section at the foot of the body area.
	anchorLast bool
	gap        float64 // the gap between sections at scale 1
}

// fit returns the page built at the first attempt that fits in the frame,
// and that attempt's scale. Later attempts fit more easily than earlier
// ones (smaller text, then without the optional blocks), so it need not
// build them all in turn: when the first does not fit, the height it
// needed tells which attempt should (text height grows with the square of
// its scale), and the search walks from there, up while the attempt
// before fits too and down while it does not. Each try lays out the whole
// body, the largest part of making a page.
func fit(k *kit, f pageFrame, tries []attempt, build func(attempt) []box) (Page, float64, error) {
	top := f.header.H + 16
	if f.header.H == 0 {
		top = f.margin
	}
	bottom := f.paper.Height - f.margin*0.6 - f.footer.H - f.reserve
	avail := bottom - top - 14
	// try builds attempt i and returns its sections, whether they fit and
	// the height they need.
	try := func(i int) ([]box, bool, float64) {
		at := tries[i]
		sections := slices.DeleteFunc(build(at), func(b box) bool { return b.H == 0 && len(b.els) == 0 })
		used := 0.0
		for _, s := range sections {
			used += s.H
		}
		need := used + float64(len(sections)-1)*f.gap*at.scale
		return sections, need <= avail, need
	}
	if len(tries) == 0 {
		return Page{}, 0, ErrDoesNotFit
	}
	best := -1
	var bestSections []box
	sections, ok, need := try(0)
	if k.err != nil {
		return Page{}, 0, k.err
	}
	if ok {
		best, bestSections = 0, sections
	} else {
		// The attempt the first one's height points to: the largest
		// scale at most first·√(avail/need).
		i := len(tries) - 1
		if need > 0 {
			want := tries[0].scale * math.Sqrt(avail/need)
			for j := 1; j < len(tries); j++ {
				if tries[j].scale <= want+1e-9 || !tries[j].optional {
					i = j
					break
				}
			}
		}
		for ; i < len(tries); i++ { // down until one fits
			sections, ok, _ := try(i)
			if k.err != nil {
				return Page{}, 0, k.err
			}
			if ok {
				best, bestSections = i, sections
				break
			}
		}
		for j := best - 1; best > 0 && j > 0; j-- { // up while the one before fits too
			sections, ok, _ := try(j)
			if k.err != nil {
				return Page{}, 0, k.err
			}
			if !ok {
				break
			}
			best, bestSections = j, sections
		}
	}
	if best < 0 {
		return Page{}, 0, ErrDoesNotFit
	}
	at := tries[best]
	gaps := float64(len(bestSections) - 1)
	used := 0.0
	for _, s := range bestSections {
		used += s.H
	}
	// Share what is left between the gaps, up to a point; the rest
	// stays at the foot rather than stretching the page.
	gap := f.gap * at.scale
	if gaps > 0 {
		gap = min((avail-used)/gaps, 2*f.gap*at.scale)
	}
	page := box{W: f.paper.Width, H: f.paper.Height}
	page.place(f.header, 0, 0)
	y := top
	for i, s := range bestSections {
		if f.anchorLast && i == len(bestSections)-1 {
			y = max(y, bottom-14-s.H)
		}
		page.place(s, f.margin, y)
		y += s.H + gap
	}
	page.place(f.footer, f.margin, f.paper.Height-f.margin*0.6-f.footer.H)
	return Page{Width: f.paper.Width, Height: f.paper.Height, Elements: page.els}, at.scale, nil
}

// fitHint says what a user can change when a page does not fit: the
// parts of it that are theirs to choose.
func fitHint(d *doc.Document) string {
	var parts []string
	if n := utf8.RuneCountInString(d.Brand.OrgName); n > 40 {
		parts = append(parts, fmt.Sprintf("a shorter organisation name (it has %d characters)", n))
	}
	if d.Help.Local != nil && len(d.Help.Local.Contacts) > 1 {
		parts = append(parts, "fewer local contacts (organisation.local)")
	}
	if len(d.Help.Province) > 0 {
		parts = append(parts, "leaving out the province for this format")
	}
	if len(parts) == 0 {
		return ""
	}
	return "; to make room, try " + strings.Join(parts, ", or ")
}

// layoutError wraps a layout's error, with a hint when the page did not
// fit.
func layoutError(what string, d *doc.Document, err error) error {
	if errors.Is(err, ErrDoesNotFit) {
		return fmt.Errorf("lay out %s %s (%s): %w%s", d.Meta.Audience, what, d.Meta.Lang, err, fitHint(d))
	}
	return fmt.Errorf("lay out %s %s (%s): %w", d.Meta.Audience, what, d.Meta.Lang, err)
}

// fitHeaders fits a page trying each header band in turn, first at
// every scale keeping the optional blocks, then without them: a slimmer
// header band comes before a lost statistic or sign.
func fitHeaders(k *kit, f pageFrame, headers []box, tries []attempt, build func(attempt) []box) (Page, error) {
	var keep, drop []attempt
	for _, at := range tries {
		if at.optional {
			keep = append(keep, at)
		} else {
			drop = append(drop, at)
		}
	}
	for _, pass := range [][]attempt{keep, drop} {
		if len(pass) == 0 {
			continue
		}
		for _, h := range headers {
			f.header = h
			page, _, err := fit(k, f, pass, build)
			if !errors.Is(err, ErrDoesNotFit) {
				return page, err
			}
		}
	}
	return Page{}, ErrDoesNotFit
}

// flyerScales are the body text scales tried, largest first: the flyer
// uses the largest that fits, so short text is not lost in white space
// and long text (some languages run 30% longer) still fits.
var flyerScales = []float64{1.15, 1.08, 1.0, 0.95, 0.9, 0.86, 0.82, 0.78, 0.75, 0.72, 0.7}

// Flyer lays out a one-page flyer: a coloured header band with the
// headline and logo, the introduction, signs beside what to do, notes,
// a fact, the "Get help" panel with the hotline large and a QR code, and
// a footer.
func Flyer(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL}
	const margin = 36.0
	inner := opts.Paper.Width - 2*margin
	frame := pageFrame{
		paper:      opts.Paper,
		margin:     margin,
		footer:     flyerFooter(k, d, inner),
		anchorLast: true,
		gap:        14,
	}
	// A long translation gets smaller text, then a slimmer header band,
	// before it loses the statistic; it never loses a sign, an action or
	// a contact.
	headers := []box{header(k, d, opts.Paper.Width, margin, flyerHeaderSpec), header(k, d, opts.Paper.Width, margin, compactHeaderSpec)}
	page, err := fitHeaders(k, frame, headers, attempts(flyerScales, d.Fact != nil), func(at attempt) []box {
		sections := flyerBody(k, withoutOptional(d, at), inner, at.scale)
		return append(sections, helpPanel(k, d, inner, at.scale, false))
	})
	// Then the contacts become rows across the panel (the same names,
	// numbers and details in less height); last, as on a poster or a
	// tear-off, the introduction goes.
	for _, dropIntro := range []bool{false, true} {
		if !errors.Is(err, ErrDoesNotFit) {
			break
		}
		page, err = fitHeaders(k, frame, headers[1:], attempts(flyerScales[len(flyerScales)-4:], d.Fact != nil), func(at attempt) []box {
			dd := withoutOptional(d, at)
			if dropIntro {
				trimmed := *dd
				trimmed.Intro = ""
				dd = &trimmed
			}
			return append(flyerBody(k, dd, inner, at.scale), helpPanel(k, d, inner, at.scale, true))
		})
	}
	if err != nil {
		return nil, layoutError("flyer", d, err)
	}
	return &Document{Meta: d.Meta, Pages: []Page{page}}, nil
}

// withoutOptional drops the optional blocks for an attempt that needs
// the room.
func withoutOptional(d *doc.Document, at attempt) *doc.Document {
	if at.optional {
		return d
	}
	trimmed := *d
	trimmed.Fact = nil
	trimmed.Stories = nil
	return &trimmed
}

// headerSpec sizes a header band.
type headerSpec struct {
	org       float64   // organisation name size
	headlines []float64 // headline sizes tried, largest first, to fit three lines
	pad       float64   // space above and below the text
	logoW     float64   // the logo's largest box
	logoH     float64
	gap       float64 // between the logo and the text
	orgGap    float64 // between the organisation's name and the headline
	leading   float64 // of the headline
}

var flyerHeaderSpec = headerSpec{org: 11, headlines: []float64{28, 26, 24, 22, 20}, pad: 22, logoW: 130, logoH: 70, gap: 18, orgGap: 6, leading: 1.12}

// compactHeaderSpec is the flyer's band for text that runs long: the
// headline still the largest type on the page, the band a little slimmer.
var compactHeaderSpec = headerSpec{org: 10, headlines: []float64{22, 20, 18}, pad: 14, logoW: 110, logoH: 56, gap: 16, orgGap: 4, leading: 1.1}

// header is the coloured band across the top of a page: the organisation's
// name, the headline at the largest size that fits in three lines, and
// the logo on the side opposite the reading start.
func header(k *kit, d *doc.Document, pageW, margin float64, hs headerSpec) box {
	band := d.Brand.Color
	fg := onColor(band)
	textW := pageW - 2*margin
	var logo box
	if d.Brand.Logo != nil {
		logo = logoBox(d.Brand.Logo, hs.logoW, hs.logoH)
		textW -= logo.W + hs.gap
	}
	var org box
	if d.Brand.OrgName != "" {
		org = k.text(strings.ToUpper(d.Brand.OrgName), textW, textStyle{Style: typeset.Style{Size: hs.org, Bold: true}, Color: fg})
	}
	var headline box
	for _, size := range hs.headlines {
		headline = k.text(d.Headline, textW, textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: hs.leading}, Color: fg})
		if headline.H <= size*hs.leading*3+0.1 {
			break
		}
	}
	content := vstack(textW, hs.orgGap, org, headline)
	h := max(content.H, logo.H) + 2*hs.pad
	out := box{W: pageW, H: h, els: []Element{{Rect: &Rect{W: pageW, H: h, Fill: band}}}}
	textX := margin
	if logo.W > 0 {
		logoX := pageW - margin - logo.W
		if k.rtl {
			logoX, textX = margin, margin+logo.W+hs.gap
		}
		out.place(logo, logoX, (h-logo.H)/2)
	}
	out.place(content, textX, (h-content.H)/2)
	out.H = h
	return out
}

func flyerHeader(k *kit, d *doc.Document, pageW, margin float64) box {
	return header(k, d, pageW, margin, flyerHeaderSpec)
}

func flyerBody(k *kit, d *doc.Document, w, scale float64) []box {
	body := textStyle{Style: typeset.Style{Size: 11.5 * scale, Leading: 1.25}, Color: ink}
	title := textStyle{Style: typeset.Style{Size: 14 * scale, Bold: true, Leading: 1.2}, Color: readable(d.Brand.Color)}
	small := textStyle{Style: typeset.Style{Size: max(9.5*scale, minSize), Leading: 1.25}, Color: muted}
	accent := readable(d.Brand.Color)
	itemGap := 3 * scale

	intro := k.text(d.Intro, w, textStyle{Style: typeset.Style{Size: 13 * scale, Leading: 1.3}, Color: ink})

	colGap := 26.0
	colW := (w - colGap) / 2
	signs := vstack(colW, 5*scale,
		k.text(d.Signs.Title, colW, title),
		k.list(d.Signs.Items, "•", accent, colW, itemGap, body),
		k.text(d.Signs.Caution, colW, small),
	)
	sections := []box{intro, k.signsAndActions(signs, d.Actions, w, colGap, 10*scale, 5*scale, itemGap, title, body, accent)}

	if d.Notes != nil {
		sections = append(sections, vstack(w, 5*scale,
			k.text(d.Notes.Title, w, title),
			k.list(d.Notes.Items, "•", accent, w, itemGap, body),
		))
	}
	if d.Fact != nil {
		sections = append(sections, vstack(w, 2*scale,
			k.text(d.Fact.Text, w, textStyle{Style: typeset.Style{Size: max(11*scale, minSize), Bold: true, Leading: 1.3}, Color: ink}),
			k.text(d.Fact.Source, w, small),
		))
	}
	return sections
}

// helpPanel is the "Get help" box: the hotline number large, the
// emergency line, the other contacts, and a QR code.
func helpPanel(k *kit, d *doc.Document, w, scale float64, compact bool) box {
	const pad = 14.0
	accent := readable(d.Brand.Color)
	qr := k.qrColumn(d.QR, 80, 8, minSize, w/3)
	qrColW := qr.W
	mainW := w - 2*pad - qrColW - 14

	h := d.Help
	hot := vstack(mainW, 3,
		k.text(h.Title, mainW, textStyle{Style: typeset.Style{Size: 17, Bold: true}, Color: accent}),
		k.text(h.Hotline.Name, mainW, textStyle{Style: typeset.Style{Size: 12 * scale, Bold: true}, Color: ink}),
		// The number stays large whatever the scale: it is what people
		// copy down from across a room.
		k.number(h.Hotline.Phone, mainW, textStyle{Style: typeset.Style{Size: 30, Bold: true, Leading: 1.15}, Color: accent}),
		k.text(h.Hotline.Detail, mainW, textStyle{Style: typeset.Style{Size: max(10*scale, minSize), Leading: 1.25}, Color: ink}),
		k.text(h.Emergency, mainW, textStyle{Style: typeset.Style{Size: 12 * scale, Bold: true, Leading: 1.3}, Color: danger}),
	)

	// The hotline beside the QR code, then the other contacts across the
	// panel's whole width, where their details take fewer lines.
	cw := w - 2*pad
	top := box{W: cw}
	hotX, qrX := 0.0, cw-qrColW
	if k.rtl {
		hotX, qrX = cw-mainW, 0
	}
	top.place(hot, hotX, 0)
	top.place(qr, qrX, 0)
	top.W = cw
	others := contactGrid(k, h.Others, cw, scale)
	if compact {
		others = contactRows(k, h.Others, cw, scale)
	}
	content := vstack(cw, 10, top, others, contactRows(k, h.Province, cw, scale))
	if h.Local != nil {
		// The organisation's own list, under its own heading and a rule:
		// never mixed into the verified contacts above.
		rule := box{W: cw, H: 0.5, els: []Element{{Rule: &Rule{X2: cw, Color: tint(muted, 0.5), Width: 0.5}}}}
		content = vstack(cw, 6, content, rule, k.localGroup(h.Local, cw, max(9.5*scale, minSize), accent))
	}
	content.W = cw
	return k.panel(d.Brand.Color, w, content, box{}, panelStyle{pad: pad, radius: 8, stroke: 1.5})
}

// contactGrid sets contacts as cards, two to a row.
func contactGrid(k *kit, contacts []doc.Contact, w, scale float64) box {
	const cardGap = 14.0
	cardW := (w - cardGap) / 2
	var rows []box
	for i := 0; i < len(contacts); i += 2 {
		second := box{}
		if i+1 < len(contacts) {
			second = contactCard(k, contacts[i+1], cardW, scale)
		}
		rows = append(rows, k.side(w, cardGap, contactCard(k, contacts[i], cardW, scale), second))
	}
	return vstack(w, 6, rows...)
}

// contactRows sets contacts one to a row across w: the name and number
// on one line, what it is and other ways to reach it under them.
func contactRows(k *kit, contacts []doc.Contact, w, scale float64) box {
	var rows []box
	size := max(10*scale, minSize+0.5)
	extra := textStyle{Style: typeset.Style{Size: minSize, Leading: 1.2}, Color: muted}
	for _, c := range contacts {
		var ways []string
		for _, s := range []string{c.Detail, c.Text, c.Website, c.Email} {
			if s != "" {
				ways = append(ways, s)
			}
		}
		rows = append(rows, vstack(w, 1, contactRow(k, c.Name, c.Phone, w, size), k.text(strings.Join(ways, " · "), w, extra)))
	}
	return vstack(w, 5, rows...)
}

func contactCard(k *kit, c doc.Contact, w, scale float64) box {
	lines := []box{
		k.text(c.Name, w, textStyle{Style: typeset.Style{Size: max(10*scale, minSize+0.5), Bold: true, Leading: 1.2}, Color: ink}),
	}
	if c.Phone != "" {
		lines = append(lines, k.number(c.Phone, w, textStyle{Style: typeset.Style{Size: 13 * max(scale, 0.9), Bold: true}, Color: ink}))
	}
	var ways []string
	for _, s := range []string{c.Text, c.Website, c.Email} {
		if s != "" {
			ways = append(ways, s)
		}
	}
	extra := textStyle{Style: typeset.Style{Size: minSize, Leading: 1.2}, Color: muted}
	// The ways to reach a contact share a line when they fit, else each
	// takes its own: a separator never hangs at a line end.
	if joined := strings.Join(ways, " · "); k.width(joined, extra) <= w {
		lines = append(lines, k.text(joined, w, extra))
	} else {
		for _, way := range ways {
			lines = append(lines, k.text(way, w, extra))
		}
	}
	lines = append(lines, k.text(c.Detail, w, extra))
	return vstack(w, 1, lines...)
}

func flyerFooter(k *kit, d *doc.Document, w float64) box {
	st := textStyle{Style: typeset.Style{Size: 8}, Color: muted}
	parts := []string{}
	if d.Footer.OrgName != "" {
		parts = append(parts, d.Footer.OrgName)
	}
	parts = append(parts, d.Footer.Version)
	lines := []box{k.text(strings.Join(parts, "  ·  "), w, st)}
	draft := textStyle{Style: typeset.Style{Size: 8, Bold: true}, Color: muted}
	// The draft notice in the page's language and in English share a
	// line when they fit on one.
	if drafts := d.Footer.DraftLines(); len(drafts) > 1 && k.width(strings.Join(drafts, "  ·  "), draft) <= w {
		lines = append(lines, k.text(strings.Join(drafts, "  ·  "), w, draft))
	} else {
		for _, s := range drafts {
			lines = append(lines, k.text(s, w, draft))
		}
	}
	text := vstack(w, 2, lines...)
	out := box{W: w, els: []Element{{Rule: &Rule{X2: w, Color: tint(muted, 0.5), Width: 0.5}}}}
	out.place(text, 0, 6)
	return out
}

// centered puts b in the middle of a box w wide.
func centered(b box, w float64) box {
	out := box{W: w}
	out.place(b, (w-b.W)/2, 0)
	out.W = w
	return out
}

package layout

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// SlideWidth and SlideHeight are a slide's size: 16:9, in the units of a
// 1920 × 1080 screen, so that an image of a slide is one pixel a unit and
// its PDF page has the screen's ratio.
const (
	SlideWidth  = 1920.0
	SlideHeight = 1080.0
)

// slideMargin is the room around a slide's content: projectors cut the
// edges of the picture.
const slideMargin = 110.0

// slideScales are the sizes a slide's body is tried at, largest first.
// The smallest keeps list text near 28 units high, still readable from
// the back of a room.
var slideScales = []float64{1, 0.9, 0.8, 0.7, 0.6}

// Slides lays out the slide show, one slide a page: the title with the
// organisation and the session, the lists, what to do, the hotline at
// its largest, the help near you (the verified lines of the province and
// the organisation's own), and the closing. Every slide carries, at its
// foot, the organisation, the kit's review line, the translation's draft
// lines, the hotline number and the slide's number. What the presenter
// says is printed in the guide, never on a slide.
func Slides(ts *typeset.Typesetter, d *doc.Document, _ Options) (*Document, error) {
	if d.Kit == nil || d.Kit.Slides == nil {
		return nil, layoutError("slides", d, errors.New("the document has no slides"))
	}
	k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL, keep: d.Meta.Keep}
	slides := d.Kit.Slides.Slides
	var pages []Page
	for i, sl := range slides {
		p, err := slidePage(k, d, sl, i+1, len(slides))
		if err != nil {
			return nil, layoutError("slides", d, fmt.Errorf("slide %d (%s): %w", i+1, sl.Title, err))
		}
		pages = append(pages, p)
	}
	return &Document{Meta: d.Meta, Pages: pages}, nil
}

// slidePage is slide n of total: its body at the first scale at which it
// fits between the top and the foot.
func slidePage(k *kit, d *doc.Document, sl doc.Slide, n, total int) (Page, error) {
	const stripe = 24.0
	inner := SlideWidth - 2*slideMargin
	foot := slideFoot(k, d, inner, n, total)
	footY := SlideHeight - 40 - foot.H
	top := stripe + 70.0
	room := footY - 40 - top
	for _, s := range slideScales {
		body := slideBody(k, d, sl, inner, s)
		if k.err != nil {
			return Page{}, k.err
		}
		if body.H > room+0.01 {
			continue
		}
		p := box{W: SlideWidth, H: SlideHeight}
		if sl.Kind == doc.TitleSlide {
			// The title slide is the brand's colour to its foot, where
			// the footer keeps a white strip of its own.
			p.els = append(p.els, Element{Rect: &Rect{W: SlideWidth, H: footY - 30, Fill: d.Brand.Color}})
		} else {
			p.els = append(p.els, Element{Rect: &Rect{W: SlideWidth, H: stripe, Fill: d.Brand.Color}})
		}
		y := top
		if sl.Kind == doc.TitleSlide || sl.Kind == doc.HotlineSlide || sl.Kind == doc.ClosingSlide {
			y = top + (room-body.H)/2 // these stand in the middle
		}
		p.place(body, slideMargin, y)
		p.place(foot, slideMargin, footY)
		return Page{Width: SlideWidth, Height: SlideHeight, Elements: p.elements()}, nil
	}
	return Page{}, ErrDoesNotFit
}

// slideBody is what a slide shows, by its kind.
func slideBody(k *kit, d *doc.Document, sl doc.Slide, w, s float64) box {
	accent := readable(d.Brand.Color)
	title := k.text(sl.Title, w, textStyle{Style: typeset.Style{Size: 72 * max(s, 0.8), Bold: true, Leading: 1.15}, Color: accent})
	item := textStyle{Style: typeset.Style{Size: 46 * s, Leading: 1.25}, Color: ink}
	caution := textStyle{Style: typeset.Style{Size: 36 * s, Bold: true, Leading: 1.25}, Color: muted}
	gap := 48 * s
	switch sl.Kind {
	case doc.TitleSlide:
		fg := onColor(d.Brand.Color)
		var parts []box
		if d.Brand.OrgName != "" {
			parts = append(parts, k.text(k.own(strings.ToUpper(d.Brand.OrgName)), w, textStyle{Style: typeset.Style{Size: 36 * s, Bold: true}, Color: fg}))
		}
		parts = append(parts,
			k.text(sl.Title, w, textStyle{Style: typeset.Style{Size: 100 * s, Bold: true, Leading: 1.1}, Color: fg}),
			k.text(sl.Text, w, textStyle{Style: typeset.Style{Size: 52 * s, Bold: true, Leading: 1.2}, Color: fg}),
			k.text(d.Meta.AudienceName, w, textStyle{Style: typeset.Style{Size: 40 * s, Leading: 1.2}, Color: fg}))
		if d.Event != nil {
			parts = append(parts, k.text(d.Event.Isolated(k.rtl), w, textStyle{Style: typeset.Style{Size: 40 * s, Bold: true, Leading: 1.2}, Color: fg}))
		}
		return vstack(w, 28*s, parts...)
	case doc.ListSlide:
		return vstack(w, gap, title,
			k.list(sl.Items, "•", accent, w, 22*s, item),
			k.text(sl.Caution, w, caution))
	case doc.ActionsSlide:
		groups := d.Actions
		colGap := 80.0
		colW := (w - colGap*float64(len(groups)-1)) / float64(max(len(groups), 1))
		var cols []box
		var widths []float64
		head := textStyle{Style: typeset.Style{Size: 44 * s, Bold: true, Leading: 1.2}, Color: ink}
		body := textStyle{Style: typeset.Style{Size: 38 * s, Leading: 1.25}, Color: ink}
		for _, g := range groups {
			cols = append(cols, k.actions([]doc.Actions{g}, colW, 0, 20*s, 16*s, head, body, accent))
			widths = append(widths, colW)
		}
		return vstack(w, gap, title, k.columns(widths, colGap, cols...))
	case doc.HotlineSlide:
		h := d.Help.Hotline
		return vstack(w, 30*s, title,
			k.text(h.Name, w, textStyle{Style: typeset.Style{Size: 56 * s, Bold: true, Leading: 1.2}, Color: ink}),
			k.number(h.Phone, w, textStyle{Style: typeset.Style{Size: slideHotlineSize, Bold: true, Leading: 1.1}, Color: accent}),
			k.text(h.Detail, w, textStyle{Style: typeset.Style{Size: 38 * s, Leading: 1.25}, Color: ink}),
			k.text(d.Help.Emergency, w, textStyle{Style: typeset.Style{Size: 50 * s, Bold: true, Leading: 1.2}, Color: danger}))
	case doc.ContactsSlide:
		return vstack(w, gap, title, slideContacts(k, d, w, s))
	case doc.ClosingSlide:
		return vstack(w, gap, title,
			k.list(sl.Items, "•", accent, w, 22*s, item),
			vstack(w, 8, k.text(d.Help.Hotline.Name, w, textStyle{Style: typeset.Style{Size: 44 * s, Bold: true}, Color: ink}),
				k.number(d.Help.Hotline.Phone, w, textStyle{Style: typeset.Style{Size: 110, Bold: true, Leading: 1.1}, Color: accent}),
				k.text(d.Help.Emergency, w, textStyle{Style: typeset.Style{Size: 40 * s, Bold: true, Leading: 1.2}, Color: danger})))
	}
	return box{W: w}
}

// slideHotlineSize is the hotline number's size on its own slide: the
// largest text of the show.
const slideHotlineSize = 180.0

// slideContacts are the help near you, two to a row: the audience's
// verified contacts, the province's lines, then the organisation's own
// list under its own heading, never mixed with the verified ones.
func slideContacts(k *kit, d *doc.Document, w, s float64) box {
	const colGap = 80.0
	colW := (w - colGap) / 2
	grid := func(cs []doc.Contact) box {
		var rows []box
		for i := 0; i < len(cs); i += 2 {
			cells := []box{slideContact(k, cs[i], colW, s)}
			if i+1 < len(cs) {
				cells = append(cells, slideContact(k, cs[i+1], colW, s))
			}
			rows = append(rows, k.columns([]float64{colW, colW}[:len(cells)], colGap, cells...))
		}
		return vstack(w, 34*s, rows...)
	}
	parts := []box{grid(append(append([]doc.Contact(nil), d.Help.Others...), d.Help.Province...))}
	if l := d.Help.Local; l != nil {
		rule := box{W: w, H: 2, els: []Element{{Rule: &Rule{X2: w, Color: tint(muted, 0.5), Width: 2}}}}
		parts = append(parts, rule,
			k.text(l.Title, w, textStyle{Style: typeset.Style{Size: 40 * s, Bold: true}, Color: readable(d.Brand.Color)}),
			grid(l.Contacts))
	}
	return vstack(w, 30*s, parts...)
}

// slideContact is one contact: its name, its number large, and the other
// ways to reach it.
func slideContact(k *kit, c doc.Contact, w, s float64) box {
	var ways []string
	for _, v := range []string{c.Text, c.Website, c.Email} {
		if v != "" {
			ways = append(ways, v)
		}
	}
	extra := textStyle{Style: typeset.Style{Size: 30 * s, Leading: 1.2}, Color: muted}
	return vstack(w, 6*s,
		k.text(c.Name, w, textStyle{Style: typeset.Style{Size: 38 * s, Bold: true, Leading: 1.2}, Color: ink}),
		k.number(c.Phone, w, textStyle{Style: typeset.Style{Size: 48 * s, Bold: true}, Color: ink}),
		k.number(strings.Join(ways, "  ·  "), w, extra))
}

// slideFoot is a slide's foot: at the reading start the organisation and
// the content version, the kit's review line and the translation's draft
// lines; at the end the hotline number and the slide's number.
func slideFoot(k *kit, d *doc.Document, w float64, n, total int) box {
	st := textStyle{Style: typeset.Style{Size: 24, Leading: 1.25}, Color: muted}
	bold := textStyle{Style: typeset.Style{Size: 24, Bold: true, Leading: 1.25}, Color: muted}
	const endW = 420.0
	startW := w - endW - 40
	var parts []string
	if d.Footer.OrgName != "" {
		parts = append(parts, k.own(d.Footer.OrgName))
	}
	parts = append(parts, d.Footer.Version)
	lines := []box{k.text(strings.Join(parts, "  ·  "), startW, st)}
	if d.Kit.Review != "" {
		lines = append(lines, k.text(d.Kit.Review, startW, bold))
	}
	for _, s := range d.Footer.DraftLines() {
		lines = append(lines, k.text(s, startW, bold))
	}
	end := vstack(endW, 4,
		k.number(d.Help.Hotline.Phone, endW, textStyle{Style: typeset.Style{Size: 40, Bold: true}, Color: readable(d.Brand.Color), Align: alignEnd}),
		k.number(strconv.Itoa(n)+" / "+strconv.Itoa(total), endW, textStyle{Style: typeset.Style{Size: 24, Bold: true}, Color: muted, Align: alignEnd}))
	row := k.columns([]float64{startW, endW}, 40, vstack(startW, 4, lines...), end)
	out := box{W: w, els: []Element{{Rule: &Rule{X2: w, Color: tint(muted, 0.5), Width: 1.5}}}}
	out.place(row, 0, 16)
	out.W = w
	return out
}

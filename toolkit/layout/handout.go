package layout

import (
	"fmt"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// handoutScales start larger than the flyer's: the handout has two pages
// for the same signs, so the front can breathe.
var handoutScales = []float64{1.3, 1.22, 1.15, 1.08, 1.0, 0.95, 0.9, 0.86, 0.82, 0.78, 0.75, 0.72, 0.7}

// Handout lays out two pages. The front carries the flyer's content with
// room to breathe and the hotline; the back explains the law in plain
// language with citations, lists the audience's contacts with a QR code,
// and tells a story when one with recorded consent exists.
func Handout(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	if d.Law == nil {
		return nil, fmt.Errorf("lay out %s handout (%s): the content has no law section", d.Meta.Audience, d.Meta.Lang)
	}
	k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL}
	const margin = 40.0
	inner := opts.Paper.Width - 2*margin
	footer := flyerFooter(k, d, inner)

	front, _, err := fit(k, pageFrame{
		paper: opts.Paper, margin: margin, footer: footer, anchorLast: true, gap: 16,
		header: withEvent(k, d, flyerHeader(k, d, opts.Paper.Width, margin), margin),
	}, attempts(handoutScales, false), func(at attempt) []box {
		body := flyerBody(k, d, inner, at.scale)
		return append(body, hotlineBar(k, d, inner, at.scale, false))
	})
	if err != nil {
		return nil, layoutError("handout front", d, err)
	}

	back, _, err := fit(k, pageFrame{
		paper: opts.Paper, margin: margin, footer: footer, anchorLast: true, gap: 16,
		header: band(k, d, d.Law.Title, opts.Paper.Width, margin),
	}, attempts(handoutScales, len(d.Stories) > 0), func(at attempt) []box {
		dd := withoutOptional(d, at)
		sections := []box{lawBlock(k, dd, inner, at.scale)}
		if len(dd.Stories) > 0 {
			sections = append(sections, storyBlock(k, dd, dd.Stories[0], inner, at.scale))
		}
		return append(sections, helpPanel(k, d, inner, min(at.scale, 1), !at.optional))
	})
	if err != nil {
		return nil, layoutError("handout back", d, err)
	}
	return &Document{Meta: d.Meta, Pages: []Page{front, back}}, nil
}

// withEvent adds the session's details under the header band, when the
// handout is made for one.
func withEvent(k *kit, d *doc.Document, header box, margin float64) box {
	if d.Event == nil || d.Event.Line() == "" {
		return header
	}
	w := header.W - 2*margin
	line := k.text(d.Event.Line(), w, textStyle{Style: typeset.Style{Size: 11, Bold: true}, Color: ink})
	strip := box{W: header.W, H: line.H + 12, els: []Element{{Rect: &Rect{W: header.W, H: line.H + 12, Fill: tint(d.Brand.Color, 0.15)}}}}
	strip.place(line, margin, 6)
	strip.H = line.H + 12
	return vstack(header.W, 0, header, strip)
}

// band is a slim coloured band with one title, for pages after the first.
func band(k *kit, d *doc.Document, title string, pageW, margin float64) box {
	fg := onColor(d.Brand.Color)
	t := k.text(title, pageW-2*margin, textStyle{Style: typeset.Style{Size: 22, Bold: true}, Color: fg})
	h := t.H + 2*18
	out := box{W: pageW, H: h, els: []Element{{Rect: &Rect{W: pageW, H: h, Fill: d.Brand.Color}}}}
	out.place(t, margin, 18)
	out.H = h
	return out
}

// hotlineBar is the front's compact call to action: the hotline's name,
// its number large, the emergency line and the organisation's list; with
// province (the tear-off, which has no back) the province's lines too
// (a handout prints them with the other contacts on its back).
func hotlineBar(k *kit, d *doc.Document, w, scale float64, province bool) box {
	const pad = 14.0
	accent := readable(d.Brand.Color)
	inner := w - 2*pad
	name := textStyle{Style: typeset.Style{Size: max(13*scale, 11), Bold: true}, Color: ink}
	number := textStyle{Style: typeset.Style{Size: 32, Bold: true, Leading: 1.15}, Color: accent}
	hotline := vstack(inner, 3, k.text(d.Help.Hotline.Name, inner, name), k.number(d.Help.Hotline.Phone, inner, number))
	provinces := province && len(d.Help.Province) > 0
	if d.Help.Local != nil || provinces {
		// The province's lines, then the organisation's list under its
		// own title, sit beside the number, where the number leaves
		// room, rather than under everything else.
		const gap = 18.0
		numW := max(k.width(d.Help.Hotline.Phone, number), inner*0.45)
		hotline = vstack(numW, 3, k.text(d.Help.Hotline.Name, numW, name), k.number(d.Help.Hotline.Phone, numW, number))
		sideW := inner - numW - gap
		size := max(10*scale, minSize)
		var parts []box
		if provinces {
			parts = append(parts, k.provinceLines(d.Help.Province, sideW, size))
		}
		if d.Help.Local != nil {
			parts = append(parts, k.localGroup(d.Help.Local, sideW, size, accent))
		}
		side := vstack(sideW, 6, parts...)
		row := box{W: inner}
		hx, sx := 0.0, numW+gap
		if k.rtl {
			hx, sx = inner-numW, 0
		}
		row.place(hotline, hx, 0)
		row.place(side, sx, 0)
		row.W = inner
		hotline = row
	}
	content := vstack(inner, 3,
		hotline,
		k.text(d.Help.Hotline.Detail, inner, textStyle{Style: typeset.Style{Size: max(10*scale, minSize), Leading: 1.25}, Color: ink}),
		k.text(d.Help.Emergency, inner, textStyle{Style: typeset.Style{Size: max(12*scale, 10), Bold: true}, Color: danger}),
	)
	content.W = inner
	return k.panel(d.Brand.Color, w, content, box{}, panelStyle{pad: pad, radius: 8, stroke: 1.5})
}

// lawBlock is "Know the law": a lead, each item with its citation under
// it, and the note that this is not legal advice.
func lawBlock(k *kit, d *doc.Document, w, scale float64) box {
	body := textStyle{Style: typeset.Style{Size: 11.5 * scale, Leading: 1.3}, Color: ink}
	cite := textStyle{Style: typeset.Style{Size: max(9*scale, minSize), Bold: true}, Color: muted}
	items := make([]box, 0, len(d.Law.Items))
	for _, it := range d.Law.Items {
		items = append(items, vstack(w, 1, k.text(it.Text, w, body), k.text(it.Citation, w, cite)))
	}
	return vstack(w, 8*scale,
		k.text(d.Law.Intro, w, textStyle{Style: typeset.Style{Size: 12.5 * scale, Leading: 1.3}, Color: ink}),
		vstack(w, 7*scale, items...),
		k.text(d.Law.Note, w, textStyle{Style: typeset.Style{Size: max(9*scale, minSize)}, Color: muted}),
	)
}

// storyBlock is one story with its label (an illustrative composite says
// so), set apart by a rule.
func storyBlock(k *kit, d *doc.Document, st doc.Story, w, scale float64) box {
	accent := readable(d.Brand.Color)
	inner := w - 16
	content := vstack(inner, 4*scale,
		k.text(d.Labels.StorySection+": "+st.Title, inner, textStyle{Style: typeset.Style{Size: 13 * scale, Bold: true}, Color: accent}),
		k.text(st.Text, inner, textStyle{Style: typeset.Style{Size: 11 * scale, Leading: 1.3}, Color: ink}),
		k.text(st.Label, inner, textStyle{Style: typeset.Style{Size: max(8.5*scale, minSize), Bold: true}, Color: muted}),
	)
	out := box{W: w}
	x, ruleX := 16.0, 0.0
	if k.rtl {
		x, ruleX = 0, w-3
	}
	out.place(content, x, 0)
	out.els = append(out.els, Element{Rect: &Rect{X: ruleX, W: 3, H: content.H, Fill: accent}})
	out.H = content.H
	return out
}

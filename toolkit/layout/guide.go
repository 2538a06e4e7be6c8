package layout

import (
	"fmt"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// guideMargin is the guide's page margin: wide enough for a hole punch
// or a binder's rings.
const guideMargin = 54.0

// Guide lays out the facilitator guide over as many pages as it needs:
// the first page opens with a band (the organisation, the guide's title,
// who the session is for), the event and the hotline; the sections flow
// after it; every later page has a slim running header; every page ends
// with a running footer that numbers it and carries the kit's review
// line and the translation's draft lines.
func Guide(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	if d.Kit == nil || d.Kit.Guide == nil {
		return nil, fmt.Errorf("lay out %s guide (%s): the document has no facilitator guide", d.Meta.Audience, d.Meta.Lang)
	}
	k := newKit(ts, d, opts.style())
	g := d.Kit.Guide
	paper := opts.Paper
	inner := paper.Width - 2*guideMargin

	opening := vstack(paper.Width, 16,
		k.withEvent(d, kitBand(k, d, g.Subtitle, g.Title, paper.Width, guideMargin), guideMargin),
		indent(k.hotlineBar(d, inner, 1, false, false), guideMargin, paper.Width))
	running := runningHeader(k, d, g.Title+"  ·  "+g.Subtitle, paper.Width, guideMargin)

	f := &flow{k: k, w: inner, st: guideStyle(d)}
	for i, s := range g.Sections {
		space := 22.0
		if i == 0 {
			space = 0
		}
		f.heading(s.Title, f.st.heading, space)
		for j, b := range s.Blocks {
			gap := f.st.gap
			if j == 0 {
				gap = 6
			}
			f.block(d, b, gap)
		}
	}
	if k.err != nil {
		return nil, layoutError("guide", d, k.err)
	}
	pages, err := flowPages(k, d, f, paper, opening, running)
	if err != nil {
		return nil, layoutError("guide", d, err)
	}
	return &Document{Meta: d.Meta, Pages: pages}, nil
}

// guideStyle is the guide's type: body at 11 pt, headings in the brand's
// readable colour.
func guideStyle(d *doc.Document) flowStyle {
	accent := readable(d.Brand.Color)
	body := textStyle{Style: typeset.Style{Size: 11, Leading: 1.38}, Color: ink}
	return flowStyle{
		body:    body,
		heading: textStyle{Style: typeset.Style{Size: 16, Bold: true, Leading: 1.2}, Color: accent},
		subhead: textStyle{Style: typeset.Style{Size: 12, Bold: true, Leading: 1.25}, Color: ink},
		note:    textStyle{Style: typeset.Style{Size: 11, Leading: 1.38}, Color: ink},
		small:   textStyle{Style: typeset.Style{Size: 9, Leading: 1.3}, Color: muted},
		accent:  accent,
		tint:    doc.NewPalette(d.Brand.Color).Panel,
		gap:     8,
	}
}

// block adds one block of a section.
func (f *flow) block(d *doc.Document, b doc.Block, gap float64) {
	switch b.Kind {
	case doc.Paragraph:
		f.para(b.Text, f.st.body, gap)
	case doc.Bullets:
		marker, color := "•", f.st.accent
		switch b.Mark {
		case "✓":
			marker = "✓"
		case "✗":
			marker, color = "✗", danger
		}
		f.list(b.Items, marker, color, gap)
	case doc.Steps:
		f.list(b.Items, "", f.st.accent, gap)
	case doc.Callout:
		f.callout(b.Text, gap)
	case doc.Subhead:
		f.heading(b.Text, f.st.subhead, gap+4)
	case doc.Table:
		f.table(b.Title, b.Rows, gap+4)
	case doc.HelpPanel:
		f.add(f.k.backPanel(d, f.w, 1), gap, false)
	case doc.StoryBlock:
		st := f.k.storyBlock(d, *b.Story, f.w, f.st.body.Size)
		if b.Story.Consent != "" {
			st = vstack(f.w, 4, st, f.k.text(b.Story.Consent, f.w, f.st.small))
		}
		f.add(st, gap+4, false)
	}
}

// flowPages breaks f's items into pages: opening at the top of the
// first, running at the top of the others, the running footer at the
// foot of each.
func flowPages(k *kit, d *doc.Document, f *flow, paper Paper, opening, running box) ([]Page, error) {
	inner := paper.Width - 2*guideMargin
	footerH := runningFooter(k, d, inner, d.Kit.Page(99, 99)).H
	bottom := paper.Height - guideMargin*0.6 - footerH - 12
	firstTop, restTop := opening.H+20, running.H+18
	body, err := paginate(f.items, bottom-firstTop, bottom-restTop)
	if err != nil {
		return nil, err
	}
	pages := make([]Page, len(body))
	for i, items := range body {
		p := box{W: paper.Width, H: paper.Height}
		top := restTop
		if i == 0 {
			p.place(opening, 0, 0)
			top = firstTop
		} else {
			p.place(running, 0, 0)
		}
		for _, it := range items {
			p.place(it.b, guideMargin, top+it.y)
		}
		footer := runningFooter(k, d, inner, d.Kit.Page(i+1, len(body)))
		p.place(footer, guideMargin, paper.Height-guideMargin*0.6-footerH)
		if err := wideError(p); err != nil {
			return nil, err
		}
		pages[i] = Page{Width: paper.Width, Height: paper.Height, Elements: p.elements()}
	}
	return pages, k.err
}

// kitBand is the coloured band that opens a page of the kit: the
// organisation's name, a line saying what the page is for (kicker) and
// its title, and the logo at the end.
func kitBand(k *kit, d *doc.Document, kicker, title string, pageW, margin float64) box {
	const pad = 20.0
	fg := onColor(d.Brand.Color)
	textW := pageW - 2*margin
	logo, strip := k.kitLogo(d, textW)
	if logo.W > 0 {
		textW -= logo.W + 16
	}
	var org box
	if d.Brand.OrgName != "" {
		org = k.text(k.own(strings.ToUpper(d.Brand.OrgName)), textW, textStyle{Style: typeset.Style{Size: 10, Bold: true}, Color: fg})
	}
	content := vstack(textW, 4, org,
		k.text(title, textW, textStyle{Style: typeset.Style{Size: 26, Bold: true, Leading: 1.12}, Color: fg}),
		k.text(kicker, textW, textStyle{Style: typeset.Style{Size: 13, Bold: true, Leading: 1.2}, Color: fg}), strip)
	h := max(content.H, logo.H) + 2*pad
	out := box{W: pageW, H: h, els: []Element{{Rect: &Rect{W: pageW, H: h, Fill: d.Brand.Color}}}}
	textX := margin
	if logo.W > 0 {
		logoX := pageW - margin - logo.W
		if k.rtl {
			logoX, textX = margin, margin+logo.W+16
		}
		out.place(logo, logoX, (h-logo.H)/2)
	}
	out.place(content, textX, (h-content.H)/2)
	out.H = h
	return out
}

// runningHeader tops the pages after the first: a thin bar in the brand
// colour and the document's name.
func runningHeader(k *kit, d *doc.Document, name string, pageW, margin float64) box {
	const bar = 6.0
	t := k.text(name, pageW-2*margin, textStyle{Style: typeset.Style{Size: 9, Bold: true}, Color: muted})
	out := box{W: pageW, els: []Element{{Rect: &Rect{W: pageW, H: bar, Fill: d.Brand.Color}}}}
	out.place(t, margin, bar+14)
	out.H = bar + 14 + t.H
	return out
}

// indent puts b at x in a box w wide.
func indent(b box, x, w float64) box {
	out := box{W: w}
	out.place(b, x, 0)
	out.W = w
	return out
}

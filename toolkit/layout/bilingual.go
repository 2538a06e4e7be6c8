package layout

import (
	"errors"
	"fmt"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Bilingual lays out two documents, the same material in two languages,
// on one page each side by side: the first language first in its own
// reading order (on the left for a left-to-right script, on the right for
// a right-to-left one). The hotline number is printed once, large, with
// both languages' words around it.
type Bilingual func(ts *typeset.Typesetter, first, second *doc.Document, opts Options) (*Document, error)

// pair holds the two documents and a kit for each.
type pair struct {
	docs [2]*doc.Document
	kits [2]*kit
}

func newPair(ts *typeset.Typesetter, first, second *doc.Document) pair {
	return pair{
		docs: [2]*doc.Document{first, second},
		kits: [2]*kit{
			{ts: ts, lang: first.Meta.Lang, rtl: first.Meta.RTL},
			{ts: ts, lang: second.Meta.Lang, rtl: second.Meta.RTL},
		},
	}
}

func (p pair) err() error {
	for _, k := range p.kits {
		if k.err != nil {
			return k.err
		}
	}
	return nil
}

func (p pair) meta() doc.Meta {
	m := p.docs[0].Meta
	m.Title = p.docs[0].Headline + " / " + p.docs[1].Headline
	m.Subject = p.docs[0].Meta.Subject + " / " + p.docs[1].Meta.Subject
	return m
}

// BilingualFlyer is the flyer in two languages side by side: both
// headlines in the band, each language's introduction, signs and what to
// do in its column, and one help panel with the number once.
func BilingualFlyer(ts *typeset.Typesetter, first, second *doc.Document, opts Options) (*Document, error) {
	return bilingualPage(ts, first, second, opts, bilingualStyle{
		margin: 32, gap: 22, headline: []float64{24, 22, 20, 18},
		scales: []float64{1.0, 0.95, 0.9, 0.86, 0.82, 0.78, 0.75, 0.72, 0.7}, number: 30, name: "flyer",
	})
}

// BilingualPoster is the poster in two languages side by side.
func BilingualPoster(ts *typeset.Typesetter, first, second *doc.Document, opts Options) (*Document, error) {
	if p, ok := posterPapers[opts.Paper.Name]; ok {
		opts.Paper = p
	}
	return bilingualPage(ts, first, second, opts, bilingualStyle{
		margin: 44, gap: 32, headline: []float64{44, 40, 36, 32},
		scales: []float64{1.4, 1.3, 1.2, 1.1, 1.05, 1.0}, number: posterHotline, name: "poster",
	})
}

type bilingualStyle struct {
	margin, gap float64
	headline    []float64
	scales      []float64 // body scales; body text is 11.5 pt × scale
	number      float64   // hotline number size
	name        string
}

func bilingualPage(ts *typeset.Typesetter, first, second *doc.Document, opts Options, st bilingualStyle) (*Document, error) {
	p := newPair(ts, first, second)
	paper := opts.Paper
	inner := paper.Width - 2*st.margin
	colW := (inner - st.gap) / 2

	// The band carries both headlines, each over its column; a slimmer
	// band, with smaller headlines, is tried before the text goes.
	fg := onColor(first.Brand.Color)
	band := func(sizes []float64, pad float64) box {
		var heads [2]box
		for i, d := range p.docs {
			for _, size := range sizes {
				heads[i] = p.kits[i].text(d.Headline, colW, textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: 1.12}, Color: fg})
				if heads[i].H <= size*1.12*3+0.1 {
					break
				}
			}
		}
		var org box
		if first.Brand.OrgName != "" {
			org = p.kits[0].text(strings.ToUpper(first.Brand.OrgName), inner, textStyle{Style: typeset.Style{Size: 11, Bold: true}, Color: fg, Align: alignCenter})
		}
		heading := vstack(inner, 8, org, p.kits[0].side(inner, st.gap, heads[0], heads[1]))
		header := box{W: paper.Width, H: heading.H + 2*pad, els: []Element{{Rect: &Rect{W: paper.Width, H: heading.H + 2*pad, Fill: first.Brand.Color}}}}
		header.place(heading, st.margin, pad)
		header.H = heading.H + 2*pad
		return header
	}
	small := make([]float64, len(st.headline))
	for i, size := range st.headline {
		small[i] = size * 0.75
	}
	headers := []box{band(st.headline, 20), band(small, 14)}

	footers := [2]box{flyerFooter(p.kits[0], first, colW), flyerFooter(p.kits[1], second, colW)}
	frame := pageFrame{paper: paper, margin: st.margin, footer: p.kits[0].side(inner, st.gap, footers[0], footers[1]), anchorLast: true, gap: 14}
	if err := p.err(); err != nil {
		return nil, fmt.Errorf("lay out bilingual %s: %w", st.name, err)
	}
	page, err := fitHeaders(p.kits[0], frame, headers, attempts(st.scales, true), func(at attempt) []box {
		var cols [2]box
		for i, d := range p.docs {
			cols[i] = bilingualColumn(p.kits[i], d, colW, at)
		}
		panel := bilingualHelp(p, inner, st.gap, st.number, min(at.scale, 1.2))
		if err := p.err(); err != nil {
			p.kits[0].err = err
		}
		return []box{p.kits[0].side(inner, st.gap, cols[0], cols[1]), panel}
	})
	if err != nil {
		hint := fitHint(first)
		if errors.Is(err, ErrDoesNotFit) {
			// Both languages' signs and actions are printed whole or not at
			// all: one document per language holds them.
			hint += fmt.Sprintf("; both languages' signs and actions do not fit on one %s: make one per language (-l %s,%s)", st.name, first.Meta.Lang, second.Meta.Lang)
			if st.name == "flyer" {
				hint += " or a bilingual poster (-f poster)"
			}
		}
		return nil, fmt.Errorf("lay out %s %s+%s %s: %w%s", first.Meta.Audience, first.Meta.Lang, second.Meta.Lang, st.name, err, hint)
	}
	return &Document{Meta: p.meta(), Pages: []Page{page}}, nil
}

// bilingualColumn is one language's text: introduction, signs, what to
// do and not to do. The introduction is the first thing to go when space
// runs short.
func bilingualColumn(k *kit, d *doc.Document, w float64, at attempt) box {
	s := at.scale
	body := textStyle{Style: typeset.Style{Size: max(11.5*s, minSize), Leading: 1.25}, Color: ink}
	title := textStyle{Style: typeset.Style{Size: 14 * s, Bold: true, Leading: 1.2}, Color: readable(d.Brand.Color)}
	accent := readable(d.Brand.Color)
	var intro box
	if at.optional {
		intro = k.text(d.Intro, w, textStyle{Style: typeset.Style{Size: max(12.5*s, minSize), Leading: 1.3}, Color: ink})
	}
	return vstack(w, 10*s,
		intro,
		vstack(w, 5*s, k.text(d.Signs.Title, w, title), k.list(d.Signs.Items, "•", accent, w, 3*s, body)),
		k.actions(d.Actions, w, 10*s, 5*s, 3*s, title, body, accent),
	)
}

// bilingualHelp is the help panel: each language's title, hotline name
// and emergency line in its column, the number once across both.
func bilingualHelp(p pair, w, gap, number, scale float64) box {
	const pad = 14.0
	first := p.docs[0]
	accent := readable(first.Brand.Color)
	qr := p.kits[0].qrColumn(first.QR, 76, 0, minSize, w/3)
	mainW := w - 2*pad - qr.W - 16
	colW := (mainW - gap) / 2
	var cols [2]box
	for i, d := range p.docs {
		k := p.kits[i]
		cols[i] = vstack(colW, 3,
			k.text(d.Help.Title, colW, textStyle{Style: typeset.Style{Size: 15 * min(scale, 1), Bold: true}, Color: accent}),
			k.text(d.Help.Hotline.Name, colW, textStyle{Style: typeset.Style{Size: max(11*scale, minSize+1), Bold: true, Leading: 1.2}, Color: ink}),
			k.text(d.Help.Hotline.Detail, colW, textStyle{Style: typeset.Style{Size: max(9.5*scale, minSize), Leading: 1.2}, Color: ink}),
			k.text(d.Help.Emergency, colW, textStyle{Style: typeset.Style{Size: max(11*scale, minSize+1), Bold: true, Leading: 1.2}, Color: danger}),
			k.provinceLines(d.Help.Province, colW, max(9.5*scale, minSize)),
		)
	}
	words := p.kits[0].side(mainW, gap, cols[0], cols[1])
	num := p.kits[0].number(first.Help.Hotline.Phone, mainW, textStyle{Style: typeset.Style{Size: number, Bold: true, Leading: 1.1}, Color: accent, Align: alignCenter})
	main := vstack(mainW, 6, words, num, p.kits[0].localGroup(first.Help.Local, mainW, max(10*scale, minSize), accent))
	main.W = mainW
	return p.kits[0].panel(first.Brand.Color, w, main, qr, panelStyle{pad: pad, radius: 8, stroke: 1.5, centreSide: true})
}

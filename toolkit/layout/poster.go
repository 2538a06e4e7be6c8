package layout

import (
	"fmt"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// posterPapers are the sheets a poster prints on: Tabloid (11×17 in) for
// Letter users, A3 for A4 users.
var posterPapers = map[string]Paper{
	"letter": {"tabloid", 792, 1224},
	"a4":     {"a3", 841.89, 1190.55},
}

// Poster sizes: readable from across a room.
const (
	posterBody    = 16.0 // the smallest body text
	posterHotline = 58.0 // the hotline number; at least 48 even when shrunk to fit (85%)
)

var posterScales = []float64{1.4, 1.3, 1.2, 1.12, 1.06, 1.0}

// Poster lays out one large page: the headline, the introduction, the
// signs, what to do, and the hotline very large with a QR code.
func Poster(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	paper, ok := posterPapers[opts.Paper.Name]
	if !ok {
		paper = opts.Paper
	}
	k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL}
	const margin = 40.0
	inner := paper.Width - 2*margin
	frame := pageFrame{
		paper: paper, margin: margin, anchorLast: true, gap: 18,
		header: posterHeader(k, d, paper.Width, margin),
		footer: flyerFooter(k, d, inner),
	}
	// A poster is read in passing: when the text runs long it loses the
	// introduction and keeps five signs, rather than shrinking below 16 pt.
	page, _, err := fit(k, frame, attempts(posterScales, true), func(at attempt) []box {
		s := at.scale
		signItems := d.Signs.Items
		if !at.optional && len(signItems) > 5 {
			signItems = signItems[:5]
		}
		body := textStyle{Style: typeset.Style{Size: posterBody * s, Leading: 1.25}, Color: ink}
		title := textStyle{Style: typeset.Style{Size: 22 * s, Bold: true}, Color: readable(d.Brand.Color)}
		accent := readable(d.Brand.Color)
		colGap := 36.0
		colW := (inner - colGap) / 2
		signs := vstack(colW, 6*s, k.text(d.Signs.Title, colW, title), k.list(signItems, "•", accent, colW, 3*s, body))
		actions := vstack(colW, 6*s,
			k.text(d.Do.Title, colW, title), k.list(d.Do.Items, "✓", accent, colW, 3*s, body),
			k.text(d.Dont.Title, colW, title), k.list(d.Dont.Items, "✗", danger, colW, 3*s, body),
		)
		var intro box
		if at.optional {
			intro = k.text(d.Intro, inner, textStyle{Style: typeset.Style{Size: 19 * s, Leading: 1.3}, Color: ink})
		}
		return []box{intro, k.side(inner, colGap, signs, actions), posterCall(k, d, inner)}
	})
	if err != nil {
		return nil, fmt.Errorf("lay out %s poster (%s): %w", d.Meta.Audience, d.Meta.Lang, err)
	}
	return &Document{Meta: d.Meta, Pages: []Page{page}}, nil
}

func posterHeader(k *kit, d *doc.Document, pageW, margin float64) box {
	return header(k, d, pageW, margin, headerSpec{org: 18, headlines: []float64{56, 50, 44, 40, 36}, pad: 20, logoW: 220, logoH: 120, gap: 24, orgGap: 10, leading: 1.1})
}

// posterCall is the foot of the poster: the call to action, the hotline
// number very large, the emergency line, and a QR code.
func posterCall(k *kit, d *doc.Document, w float64) box {
	const pad = 20.0
	accent := readable(d.Brand.Color)
	qr := k.qrColumn(d.QR, 130, 0, 10, w/4)
	mainW := w - 2*pad - qr.W - 24
	main := vstack(mainW, 6,
		k.text(d.Labels.PosterCall+" "+d.Help.Hotline.Name, mainW, textStyle{Style: typeset.Style{Size: 20, Bold: true, Leading: 1.2}, Color: ink}),
		k.number(d.Help.Hotline.Phone, mainW, textStyle{Style: typeset.Style{Size: posterHotline, Bold: true, Leading: 1.1}, Color: accent}),
		k.text(d.Help.Hotline.Detail, mainW, textStyle{Style: typeset.Style{Size: posterBody, Leading: 1.25}, Color: ink}),
		k.text(d.Help.Emergency, mainW, textStyle{Style: typeset.Style{Size: 22, Bold: true}, Color: danger}),
		k.localContact(d.Help.Local, mainW, posterBody),
	)
	main.W = mainW
	return k.panel(d.Brand.Color, w, main, qr, panelStyle{pad: pad, radius: 14, stroke: 3, centreSide: true})
}

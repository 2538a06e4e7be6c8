package layout

import (
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
	frame := pageFrame{paper: paper, margin: margin, anchorLast: true, gap: 18, footer: flyerFooter(k, d, inner)}
	headers := []box{header(k, d, paper.Width, margin, posterHeaderSpec), header(k, d, paper.Width, margin, compactPosterHeaderSpec)}
	// A poster is read in passing: when the text runs long its header band
	// gets slimmer, then it loses the introduction and keeps five signs,
	// rather than shrinking below 16 pt.
	page, err := fitHeaders(k, frame, headers, attempts(posterScales, true), func(at attempt) []box {
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
		var intro box
		if at.optional {
			intro = k.text(d.Intro, inner, textStyle{Style: typeset.Style{Size: 19 * s, Leading: 1.3}, Color: ink})
		}
		return []box{intro, k.signsAndActions(signs, d.Actions, inner, colGap, 10*s, 6*s, 3*s, title, body, accent), posterCall(k, d, inner)}
	})
	if err != nil {
		return nil, layoutError("poster", d, err)
	}
	return &Document{Meta: d.Meta, Pages: []Page{page}}, nil
}

var (
	posterHeaderSpec        = headerSpec{org: 18, headlines: []float64{56, 50, 44, 40, 36}, pad: 20, logoW: 220, logoH: 120, gap: 24, orgGap: 10, leading: 1.1}
	compactPosterHeaderSpec = headerSpec{org: 16, headlines: []float64{40, 36, 32}, pad: 16, logoW: 180, logoH: 96, gap: 20, orgGap: 8, leading: 1.08}
)

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
		k.provinceLines(d.Help.Province, mainW, posterBody),
		k.localGroup(d.Help.Local, mainW, posterBody, accent),
	)
	main.W = mainW
	return k.panel(d.Brand.Color, w, main, qr, panelStyle{pad: pad, radius: 14, stroke: 3, centreSide: true})
}

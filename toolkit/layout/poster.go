package layout

import (
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
	"slices"
)

// posterPapers are the sheets a poster prints on: Tabloid (11×17 in) for
// Letter users, A3 for A4 users.
var posterPapers = map[string]Paper{
	"letter": {"tabloid", 792, 1224},
	"a4":     {"a3", 841.89, 1190.55},
}

// Poster sizes: readable from across a room.
const (
	minPosterBody = 14.0 // the smallest body text
	maxPosterBody = 24.0 // the largest: short text fills the sheet
	// compactPosterBody is the largest body set under the compact band.
	compactPosterBody = 20.0
	posterHotline     = 76.0 // the hotline number; never below 72 (minPosterHotline)
	// minPosterHotline is what the number may shrink to when it must fit
	// its column.
	minPosterHotline = 72.0
	posterMargin     = 36.0
)

var (
	posterHeaderSpec = headerSpec{org: 16, headlines: []float64{60, 54, 48, 44, 40}, pad: 24, logoArea: 16000, logoMaxW: 240, logoMaxH: 120, tallMaxH: 120, stripMaxH: 200, gap: 24, orgGap: 10, leading: 1.08}
	// compactPosterHeaderSpec's logoMaxW, tallMaxH and stripMaxH are
	// posterHeaderSpec's, which the footer uses (placeLogo).
	compactPosterHeaderSpec = headerSpec{org: 13, headlines: []float64{44, 40, 36, 32, 28}, pad: 16, logoArea: 11000, logoMaxW: 240, logoMaxH: 90, tallMaxH: 120, stripMaxH: 200, gap: 20, orgGap: 8, leading: 1.06, lines: 2}
)

var posterHelp = helpSizes{title: 22, name: 18, number: posterHotline, detail: 14, emergency: 18, contact: 12, small: 11, qr: 100}

// Poster lays out one large page: the headline, the signs and what to do
// in two balanced columns, and the hotline very large with its QR code,
// the province's lines and the organisation's list with its own code.
// A poster is read in passing: it carries no introduction, and its body
// is 14 pt or more.
func Poster(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	paper := PosterSheet(opts.Paper)
	k := newKit(ts, d, opts.style())
	inner := paper.Width - 2*posterMargin
	band, strip := k.brandings(d,
		func(hs headerSpec) box {
			return k.header(d, paper.Width, posterMargin, k.sentenceSizes(d, paper.Width, posterMargin, hs))
		},
		func(hs headerSpec) box { return k.footer(d, inner, hs) },
		posterHeaderSpec, compactPosterHeaderSpec)
	tries := func(b branding) []try {
		var out []try
		for _, size := range scalesDown(maxPosterBody, minPosterBody) {
			for i, h := range b.headers {
				// The compact band gives its room to a body that must
				// shrink, not to one that could grow: a body over
				// compactPosterBody keeps the large headline.
				if i > 0 && size > compactPosterBody {
					continue
				}
				out = append(out, try{frame: pageFrame{paper: paper, margin: posterMargin, header: h, footer: b.footer, gap: 16}, scale: size})
			}
		}
		return out
	}
	build := func(t try, grow, air float64) []box {
		bs := k.newBodyStyle(t.scale * grow).airy(air)
		const colGap = 28.0
		colW := (inner - colGap) / 2
		pieces := append(k.signPieces(d, len(d.Signs.Items), colW, bs), k.actionPieces(d.Actions, colW, bs)...)
		return []box{k.flow(pieces, 2, inner, colGap), k.posterPanel(d, inner)}
	}
	page, t, _, err := fitBranded(k, band, strip, tries, func(t try) []box { return build(t, 1, 1) })
	if err == nil {
		// Short text (Chinese, a sector's few signs) breathes, as on
		// the flyer: at 24 pt the business signs in Chinese left a
		// third of the sheet white under the panel.
		page = breathe(k, page, t, maxPosterBody, build)
	}
	if err != nil {
		if fe, ok := err.(*FitError); ok {
			fe.Format, fe.Size = "poster", minPosterBody
		}
		return nil, layoutError("poster", d, err)
	}
	return &Document{Meta: d.Meta, Pages: []Page{pageOf(page)}}, nil
}

// posterPanel is the foot of the poster: the call to action, the number
// very large across the panel, what the hotline is and the emergency
// line beside the QR code; under them the province's lines and the
// organisation's list with its own code.
func (k *kit) posterPanel(d *doc.Document, w float64) box {
	const pad = 16.0
	hs := posterHelp
	cw := w - 2*pad
	qr := inBlock(k.qrColumn(d.QR, hs.qr, hs.small+2, hs.small, cw*0.36), doc.PartQR)
	mainW := cw - qr.W - 24
	call := inBlock(k.text(d.Labels.PosterCall+" "+d.Help.Hotline.Name, cw, textStyle{Style: typeset.Style{Size: hs.name, Bold: true, Leading: 1.2}, Color: k.col.ink, Role: RoleH2}), doc.PartHotline)
	number := inBlock(k.number(d.Help.Hotline.Phone, cw, textStyle{Style: typeset.Style{Size: hs.number, Bold: true, Leading: 1.05}, Color: k.col.accent}), doc.PartHotline)
	words := vstack(mainW, 8,
		inBlock(k.text(d.Help.Hotline.Detail, mainW, textStyle{Style: typeset.Style{Size: hs.detail, Leading: 1.25}, Color: k.col.ink}), doc.PartHotline),
		inBlock(k.text(d.Help.Emergency, mainW, textStyle{Style: typeset.Style{Size: hs.emergency, Bold: true, Leading: 1.2}, Color: k.col.danger}), doc.PartEmergency))
	parts := []box{call, number, k.row(cw, 24, words, qr)}
	if len(d.Help.Province) > 0 {
		parts = append(parts, k.flow(k.linePieces(d.Help.Province, cw, hs.contact, doc.PartProvince), 2, cw, 18))
	}
	if d.Help.Local != nil {
		var code box
		if d.OrgQR != nil {
			code = inBlock(k.qrColumn(*d.OrgQR, minQR*1.4, 0, hs.small, cw*0.3), doc.PartOrgQR)
		}
		local := leastHalfGap(k.localFlows(d, cw-code.W-18, hs, true), func(list box) box {
			return vstack(cw, 8, append(slices.Clone(parts), k.rule(cw), k.row(cw, 18, list, code))...)
		})
		parts = append(parts, k.rule(cw), k.row(cw, 18, local, code))
	}
	content := vstack(cw, 8, parts...)
	content.W = cw
	return k.panel(w, content, panelStyle{pad: pad, radius: 14, stroke: 3})
}

// sentenceSizes is hs with only the headline sizes at which each
// sentence of a headline of two or three takes a line of its own in the
// band: read from across a room, "Know the signs. Keep / talking with
// your child." stops the eye mid-thought where "Know the signs. / Keep
// talking with your child." does not. A long organisation name or a
// logo narrows the band until the largest sizes break inside a
// sentence; the headline is then set smaller instead. When no size lets
// every sentence take a line, hs is unchanged.
func (k *kit) sentenceSizes(d *doc.Document, pageW, margin float64, hs headerSpec) headerSpec {
	parts := sentences(d.Headline)
	lines := hs.lines
	if lines == 0 {
		lines = 3
	}
	if len(parts) < 2 || len(parts) > lines {
		return hs
	}
	// The band's text width, as header works it out.
	w := pageW - 2*margin
	if d.Brand.Logo != nil {
		if lp := placeLogo(d.Brand.Logo, hs, w); !lp.strip {
			w -= lp.w + hs.gap
		}
	}
	var fit []float64
	for _, size := range hs.headlines {
		st := textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: hs.leading}}
		ok := true
		for _, p := range parts {
			ok = ok && k.width(p, st) <= w
		}
		if ok {
			fit = append(fit, size)
		}
	}
	if len(fit) == 0 {
		return hs
	}
	hs.headlines = fit
	return hs
}

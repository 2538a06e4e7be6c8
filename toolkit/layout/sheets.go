package layout

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// The workshop kit's participant sheets (myths and facts, the quiz, the
// sign-in sheet, the feedback form) share one frame: the kit's band with
// the organisation and the sheet's title, the session's details, the
// sheet's body, the hotline at the foot, and the footer with the kit's
// review line and the translation's draft lines. Each sheet is one page,
// its type made smaller step by step until it fits, down to a floor that
// stays readable; a sheet that still does not fit is refused rather than
// cut.

// formMargin is the participant sheets' margin.
const formMargin = 44.0

// sheetScales are the sizes a sheet's body is tried at, largest first.
var sheetScales = []float64{1, 0.96, 0.92, 0.88, 0.84, 0.8, 0.76, 0.72, 0.7}

// sheetFrame is what a participant sheet prints around its body.
type sheetFrame struct {
	k      *kit
	second *kit // the second language's, on a bilingual sheet
	d      *doc.Document
	margin float64 // 0 for formMargin
	gap    float64 // between band, body and foot; 0 for sheetGap
	paper  Paper
	top    box // the band and the session's details
	bottom box // the hotline and the footer
}

// newSheetFrame makes the frame of a sheet titled title, its band saying
// kicker (who or what the sheet is for) and its footer page (a page
// number, or "").
func newSheetFrame(k *kit, d *doc.Document, paper Paper, kicker, title, page string) sheetFrame {
	inner := paper.Width - 2*formMargin
	// The session's details share the band's line under the title, where
	// the guide gives them a strip of their own: a sheet has one page.
	if d.Event != nil && d.Event.Line() != "" {
		kicker += "  ·  " + d.Event.Isolated(k.rtl)
	}
	top := kitBand(k, d, kicker, title, paper.Width, formMargin)
	bottom := vstack(inner, 10, hotlineStrip(k, d, inner), sheetFooter(k, d, inner, page))
	return sheetFrame{k: k, d: d, paper: paper, top: top, bottom: bottom}
}

// sheetFooter is the guide's running footer, the review and draft lines
// sharing a line where two fit on one: a sheet has one page for
// everything.
func sheetFooter(k *kit, d *doc.Document, w float64, page string) box {
	dd := *d
	lines := dd.Footer.DraftLines()
	if d.Kit != nil && d.Kit.Review != "" {
		lines = append([]string{d.Kit.Review}, lines...)
	}
	kt := *d.Kit
	kt.Review = ""
	dd.Kit = &kt
	dd.Footer.Draft, dd.Footer.DraftEnglish = "", ""
	return vstack(w, 2, append([]box{runningFooter(k, &dd, w, page)}, footRows(k, lines, w)...)...)
}

// footRows sets a sheet's review and draft lines in one language, two
// sharing a line where they fit on one.
func footRows(k *kit, lines []string, w float64) []box {
	draft := textStyle{Style: typeset.Style{Size: 8, Bold: true, Leading: 1.2}, Color: muted}
	var rows []string
	for _, l := range lines {
		if n := len(rows); n > 0 && k.width(rows[n-1]+"  ·  "+l, draft) <= w {
			rows[n-1] += "  ·  " + l
			continue
		}
		rows = append(rows, l)
	}
	var out []box
	for _, r := range rows {
		out = append(out, k.text(r, w, draft))
	}
	return out
}

// bodyW is the width of a sheet's body.
func (f sheetFrame) bodyW() float64 { return f.paper.Width - 2*f.edge() }

// edge is the frame's margin.
func (f sheetFrame) edge() float64 {
	if f.margin > 0 {
		return f.margin
	}
	return formMargin
}

// bodyH is the height a sheet's body has between the frame's parts.
func (f sheetFrame) bodyH() float64 {
	return f.paper.Height - f.top.H - 2*f.space() - f.bottom.H - f.edge()*0.6
}

// sheetGap is the room between a sheet's band, body and foot.
const sheetGap = 16.0

// space is the frame's room between band, body and foot.
func (f sheetFrame) space() float64 {
	if f.gap > 0 {
		return f.gap
	}
	return sheetGap
}

// page lays out a sheet whose body build sets at a scale: the first
// scale at which it fits. build may also fill the height it is given
// (the sign-in sheet's rows).
func (f sheetFrame) page(build func(scale, h float64) box) (Page, error) {
	var wide error
	for _, s := range sheetScales {
		body := build(s, f.bodyH())
		if f.k.err != nil {
			return Page{}, f.k.err
		}
		if f.second != nil && f.second.err != nil {
			return Page{}, f.second.err
		}
		if body.H > f.bodyH()+0.01 || body.wide != "" {
			wide = wideError(body)
			continue
		}
		p := box{W: f.paper.Width, H: f.paper.Height}
		p.place(f.top, 0, 0)
		p.place(body, f.edge(), f.top.H+f.space())
		p.place(f.bottom, f.edge(), f.paper.Height-f.edge()*0.6-f.bottom.H)
		return Page{Width: f.paper.Width, Height: f.paper.Height, Elements: p.elements()}, nil
	}
	if wide != nil {
		return Page{}, wide
	}
	return Page{}, ErrDoesNotFit
}

// hotlineStrip is a participant sheet's help line: the hotline's name and
// number side by side, then the emergency line, on a tinted strip with
// a bar in the brand colour. The number is the largest text of the foot.
func hotlineStrip(k *kit, d *doc.Document, w float64) box {
	return helpStrip(k, d, w, 10,
		func(w float64, st textStyle) box { return k.text(d.Help.Hotline.Name, w, st) },
		func(w float64, st textStyle) box { return k.text(d.Help.Emergency, w, st) })
}

// helpStrip is hotlineStrip with the hotline's name and the emergency
// line set by names and emergency, at a width in a style: one
// language's words, or two languages' (pairHotlineStrip), pad inside
// its edges. k is the first language's, which places the number.
func helpStrip(k *kit, d *doc.Document, w, pad float64, names, emergency func(w float64, st textStyle) box) box {
	const bar = 4.0
	accent := readable(d.Brand.Color)
	inner := w - 2*pad - bar
	number := textStyle{Style: typeset.Style{Size: 20, Bold: true}, Color: accent}
	name := textStyle{Style: typeset.Style{Size: 11, Bold: true, Leading: 1.2}, Color: ink}
	numW := k.width(d.Help.Hotline.Phone, number) + 2
	var top box
	if nameW := inner - numW - 14; nameW > inner*0.35 {
		n := names(nameW, name)
		num := k.number(d.Help.Hotline.Phone, numW, number)
		top = box{W: inner}
		nx, mx := 0.0, inner-numW
		if k.rtl {
			nx, mx = numW+14, 0
		}
		// The name sits on the number's baseline side: centred on it.
		h := max(n.H, num.H)
		top.place(n, nx, (h-n.H)/2)
		top.place(num, mx, (h-num.H)/2)
		top.W, top.H = inner, h
	} else {
		top = vstack(inner, 2, names(inner, name), k.number(d.Help.Hotline.Phone, inner, number))
	}
	content := vstack(inner, 4, top,
		emergency(inner, textStyle{Style: typeset.Style{Size: 10.5, Bold: true, Leading: 1.25}, Color: danger}))
	h := content.H + 2*pad
	out := box{W: w, H: h, els: []Element{{Rect: &Rect{W: w, H: h, Fill: doc.NewPalette(d.Brand.Color).Panel}}}}
	barX, textX := 0.0, bar+pad
	if k.rtl {
		barX, textX = w-bar, pad
	}
	out.els = append(out.els, Element{Rect: &Rect{X: barX, W: bar, H: h, Fill: d.Brand.Color}})
	out.place(content, textX, pad)
	out.W, out.H = w, h
	return out
}

// kitKicker is what a sheet's band says under its title: who the session
// is for.
func kitKicker(d *doc.Document) string { return d.Meta.AudienceName }

// columns places boxes side by side at the given widths, gap apart, in
// reading order (right to left in right-to-left text).
func (k *kit) columns(widths []float64, gap float64, cells ...box) box {
	total := gap * float64(len(widths)-1)
	for _, w := range widths {
		total += w
	}
	out := box{W: total}
	x := 0.0
	for i, c := range cells {
		at := x
		if k.rtl {
			at = total - x - widths[i]
		}
		out.place(c, at, 0)
		x += widths[i] + gap
	}
	out.W = total
	return out
}

// Myths lays out the myths and facts page: each myth beside the fact
// that answers it, the fact's sources under it, on one page (two when a
// long organisation name and session's details leave too little room).
func Myths(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	if d.Kit == nil || d.Kit.Myths == nil {
		return nil, layoutError("myths and facts", d, errors.New("the document has no myths and facts"))
	}
	k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL, keep: d.Meta.Keep}
	m := d.Kit.Myths
	f := newSheetFrame(k, d, opts.Paper, kitKicker(d), m.Title, "")
	page, err := f.page(func(s, _ float64) box { return mythsBody(k, d, m, f.bodyW(), s) })
	if err == nil {
		return &Document{Meta: d.Meta, Pages: []Page{page}}, nil
	}
	if !errors.Is(err, ErrDoesNotFit) {
		return nil, layoutError("myths and facts", d, err)
	}
	// A long organisation name and session's details in a longer
	// language can leave too little room: then the myths take two pages,
	// half on each, rather than smaller type or one left out.
	var pages []Page
	half := (len(m.Items) + 1) / 2
	for i, items := range [][]doc.MythFact{m.Items[:half], m.Items[half:]} {
		part := *m
		part.Items = items
		if i > 0 {
			part.Intro = ""
		}
		f := newSheetFrame(k, d, opts.Paper, kitKicker(d), m.Title, d.Kit.Page(i+1, 2))
		p, err := f.page(func(s, _ float64) box { return mythsBody(k, d, &part, f.bodyW(), s) })
		if err != nil {
			return nil, layoutError("myths and facts", d, err)
		}
		pages = append(pages, p)
	}
	return &Document{Meta: d.Meta, Pages: pages}, nil
}

// mythsBody is the intro and a table: a heading row (Myth, Fact), then a
// row for each myth, tinted every other row.
func mythsBody(k *kit, d *doc.Document, m *doc.Myths, w, s float64) box {
	const pad, gap = 6.0, 12.0
	accent := readable(d.Brand.Color)
	body := textStyle{Style: typeset.Style{Size: max(11.5*s, minSize), Leading: 1.3}, Color: ink}
	mythSt := textStyle{Style: typeset.Style{Size: max(11.5*s, minSize), Bold: true, Leading: 1.3}, Color: ink}
	src := textStyle{Style: typeset.Style{Size: max(8.5*s, minSize), Leading: 1.25}, Color: muted}
	head := textStyle{Style: typeset.Style{Size: max(12*s, minSize), Bold: true}, Color: accent}
	mythW := (w - 2*pad - gap) * 0.33
	factW := w - 2*pad - gap - mythW
	widths := []float64{mythW, factW}
	rows := []box{}
	hr := k.columns(widths, gap, k.text(m.Myth, mythW, head), k.text(m.Fact, factW, head))
	header := box{W: w, H: hr.H + 2*pad}
	header.place(hr, pad, pad)
	header.els = append(header.els, Element{Rule: &Rule{Y1: header.H, X2: w, Y2: header.H, Color: accent, Width: 1}})
	header.W, header.H = w, hr.H+2*pad
	rows = append(rows, header)
	for i, it := range m.Items {
		var sources []string
		for _, sc := range it.Sources {
			sources = append(sources, sc.String())
		}
		fact := vstack(factW, 4*s, k.text(it.Fact, factW, body))
		if len(sources) > 0 {
			fact = vstack(factW, 4*s, fact, k.text(m.Source+": "+strings.Join(sources, "; "), factW, src))
		}
		r := k.columns(widths, gap, k.text(it.Myth, mythW, mythSt), fact)
		row := box{W: w, H: r.H + 2*pad}
		if i%2 == 1 {
			row.els = append(row.els, Element{Rect: &Rect{W: w, H: row.H, Fill: doc.NewPalette(d.Brand.Color).Panel}})
		}
		row.place(r, pad, pad)
		row.W, row.H = w, r.H+2*pad
		rows = append(rows, row)
	}
	return vstack(w, 12*s, k.text(m.Intro, w, body), vstack(w, 0, rows...))
}

// Quiz lays out the quiz on three pages: the quiz to give before the
// session, the same quiz to give after it, and the answer key for the
// facilitator on a page of its own, so that it is never handed out with
// the questions.
func Quiz(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	if d.Kit == nil || d.Kit.Quiz == nil {
		return nil, layoutError("quiz", d, errors.New("the document has no quiz"))
	}
	k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL, keep: d.Meta.Keep}
	q := d.Kit.Quiz
	var pages []Page
	for i, when := range []string{q.Before, q.After} {
		f := newSheetFrame(k, d, opts.Paper, when, q.Title, d.Kit.Page(i+1, 3))
		p, err := f.page(func(s, _ float64) box { return quizBody(k, d, q, f.bodyW(), s) })
		if err != nil {
			return nil, layoutError("quiz", d, fmt.Errorf("%s: %w", when, err))
		}
		pages = append(pages, p)
	}
	f := newSheetFrame(k, d, opts.Paper, q.Title, q.Key, d.Kit.Page(3, 3))
	p, err := f.page(func(s, _ float64) box { return quizKey(k, d, q, f.bodyW(), s) })
	if err != nil {
		return nil, layoutError("quiz", d, fmt.Errorf("%s: %w", q.Key, err))
	}
	return &Document{Meta: d.Meta, Pages: append(pages, p)}, nil
}

// quizBody is how to answer, the statements numbered, each with True and
// False to circle at its end, and a line for the score.
func quizBody(k *kit, d *doc.Document, q *doc.Quiz, w, s float64) box {
	accent := readable(d.Brand.Color)
	body := textStyle{Style: typeset.Style{Size: max(12*s, minSize), Leading: 1.3}, Color: ink}
	choice := textStyle{Style: typeset.Style{Size: max(11*s, minSize), Bold: true}, Color: ink, Align: alignCenter}
	numSt := textStyle{Style: typeset.Style{Size: max(12*s, minSize), Bold: true}, Color: accent, Align: alignEnd}
	pillPad := 8 * s
	pillW := max(k.width(q.True, choice), k.width(q.False, choice)) + 2*pillPad
	numW := k.width("10.", numSt) + 4
	const gap = 10.0
	textW := w - numW - 2*pillW - 3*gap
	rule := tint(muted, 0.5)
	var rows []box
	for i, qq := range q.Questions {
		t := k.text(qq.Text, textW, body)
		pills := []box{pill(k, q.True, pillW, choice), pill(k, q.False, pillW, choice)}
		r := k.columns([]float64{numW, textW, pillW, pillW}, gap, k.text(strconv.Itoa(i+1)+".", numW, numSt), t, pills[0], pills[1])
		row := box{W: w, H: r.H + 14*s}
		row.place(r, 0, 7*s)
		row.els = append(row.els, Element{Rule: &Rule{Y1: row.H, X2: w, Y2: row.H, Color: rule, Width: 0.5}})
		row.W, row.H = w, r.H+14*s
		rows = append(rows, row)
	}
	how := k.text(q.How, w, textStyle{Style: typeset.Style{Size: max(12*s, minSize), Bold: true, Leading: 1.3}, Color: ink})
	score := k.text(q.Score, w, textStyle{Style: typeset.Style{Size: max(12*s, minSize), Bold: true}, Color: ink, Align: alignEnd})
	return vstack(w, 10*s, how, vstack(w, 0, rows...), score)
}

// pill is a choice to circle: its word in a rounded outline.
func pill(k *kit, word string, w float64, st textStyle) box {
	t := k.text(word, w, st)
	h := t.H + 8
	stroke := muted
	out := box{W: w, H: h, els: []Element{{Rect: &Rect{W: w, H: h, Fill: white, Stroke: &stroke, StrokeWidth: 0.75, Radius: h / 2}}}}
	out.place(t, 0, 4)
	out.W, out.H = w, h
	return out
}

// quizKey is the answer key: who it is for, then each statement with its
// answer, large and coloured, and why.
func quizKey(k *kit, d *doc.Document, q *doc.Quiz, w, s float64) box {
	accent := readable(d.Brand.Color)
	body := textStyle{Style: typeset.Style{Size: max(11*s, minSize), Leading: 1.3}, Color: ink}
	stmt := textStyle{Style: typeset.Style{Size: max(11*s, minSize), Bold: true, Leading: 1.3}, Color: ink}
	numSt := textStyle{Style: typeset.Style{Size: max(11*s, minSize), Bold: true}, Color: accent, Align: alignEnd}
	ans := textStyle{Style: typeset.Style{Size: max(12*s, minSize), Bold: true}, Color: accent}
	numW := k.width("10.", numSt) + 4
	ansW := max(k.width(q.True, ans), k.width(q.False, ans)) + 4
	const gap = 10.0
	textW := w - numW - ansW - 2*gap
	var rows []box
	for i, qq := range q.Questions {
		word, color := q.False, danger
		if qq.Answer {
			word, color = q.True, accent
		}
		a := ans
		a.Color = color
		r := k.columns([]float64{numW, ansW, textW}, gap,
			k.text(strconv.Itoa(i+1)+".", numW, numSt), k.text(word, ansW, a),
			vstack(textW, 2*s, k.text(qq.Text, textW, stmt), k.text(qq.Why, textW, body)))
		rows = append(rows, r)
	}
	note := k.text(q.KeyNote, w, textStyle{Style: typeset.Style{Size: max(12*s, minSize), Bold: true, Leading: 1.3}, Color: ink})
	return vstack(w, 12*s, note, vstack(w, 9*s, rows...))
}

// signInRow is the height of a row of the sign-in sheet: room to write
// by hand.
const signInRow = 26.0

// minSignInRow is the least height of a row, 7.8 mm, a little more than
// college-ruled paper's: where a long organisation name and a logo in
// the strip at the foot leave no room for SignInRows rows of their
// height at any size, the rows are set this close rather than the sheet
// refused.
const minSignInRow = 22.0

// signInRows lays out a sign-in sheet with rows rowH high, or, where it
// does not fit at any scale, with rows a point closer down to
// minSignInRow: the sheet keeps its SignInRows rows.
func signInRows(f sheetFrame, rowH float64, body func(rowH, scale, h float64) box) (Page, error) {
	for {
		page, err := f.page(func(s, h float64) box { return body(rowH, s, h) })
		if !errors.Is(err, ErrDoesNotFit) || rowH-1 < minSignInRow {
			return page, err
		}
		rowH--
	}
}

// SignInRows is the fewest rows a sign-in sheet has: a small group's. A
// plan prints one sign-in sheet for each SignInRows people.
const SignInRows = 12

// SignIn lays out the sign-in sheet: why it asks so little, then a table
// with a column for each thing it asks (all of them optional) and as
// many rows as fit, then the note for the facilitator.
func SignIn(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	if d.Kit == nil || d.Kit.SignIn == nil {
		return nil, layoutError("sign-in sheet", d, errors.New("the document has no sign-in sheet"))
	}
	k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL, keep: d.Meta.Keep}
	fm := d.Kit.SignIn
	f := newSheetFrame(k, d, opts.Paper, kitKicker(d), fm.Title, "")
	page, err := signInRows(f, signInRow, func(rowH, s, h float64) box { return signInBody(k, d, fm, f.bodyW(), h, s, rowH) })
	if err != nil {
		return nil, layoutError("sign-in sheet", d, err)
	}
	return &Document{Meta: d.Meta, Pages: []Page{page}}, nil
}

// signInBody fills h: the intro in a tinted box, the table's heading,
// and rows down to the facilitator's note. At least SignInRows rows, or the
// sheet does not fit.
func signInBody(k *kit, d *doc.Document, fm *doc.Form, w, h, s, rowH float64) box {
	accent := readable(d.Brand.Color)
	intro := (&flow{k: k, w: w, st: flowStyle{note: textStyle{Style: typeset.Style{Size: max(11*s, minSize), Leading: 1.35}, Color: ink},
		accent: accent, tint: doc.NewPalette(d.Brand.Color).Panel}})
	intro.callout(fm.Intro, 0)
	introBox := intro.items[0].b
	note := k.text(fm.Note, w, textStyle{Style: typeset.Style{Size: max(9*s, minSize), Bold: true, Leading: 1.3}, Color: muted})
	head := textStyle{Style: typeset.Style{Size: max(10.5*s, minSize), Bold: true, Leading: 1.2}, Color: accent}
	return signInTable(k, d, len(fm.Columns), rowH, w, h, s, introBox, note, func(c int, w float64) box { return k.text(fm.Columns[c], w, head) })
}

// signInTable is the sign-in sheet's body: intro over a table of cols
// columns, each headed by heading(column, width), with as many rows
// rowH high as fill h (SignInRows at least), over note. k is the first language's, which orders the
// columns.
func signInTable(k *kit, d *doc.Document, cols int, rowH, w, h, s float64, introBox, note box, heading func(c int, w float64) box) box {
	const pad = 6.0
	accent := readable(d.Brand.Color)
	numW := 26.0
	colW := (w - numW) / float64(max(cols, 1))
	widths := []float64{numW}
	cells := []box{{}}
	for c := range cols {
		widths = append(widths, colW)
		cells = append(cells, indent(heading(c, colW-2*pad), pad, colW))
	}
	hr := k.columns(widths, 0, cells...)
	header := box{W: w, H: hr.H + 2*pad}
	header.place(hr, 0, pad)
	header.els = append(header.els, Element{Rule: &Rule{Y1: header.H, X2: w, Y2: header.H, Color: accent, Width: 1}})
	header.W, header.H = w, hr.H+2*pad
	const gap = 12.0
	room := h - introBox.H - note.H - header.H - 2*gap*s
	n := int(room / rowH)
	if n < SignInRows {
		return box{W: w, H: h + 1} // does not fit
	}
	grey := tint(muted, 0.5)
	numSt := textStyle{Style: typeset.Style{Size: 9}, Color: muted, Align: alignEnd}
	table := header
	for i := range n {
		row := box{W: w, H: rowH}
		num := k.text(strconv.Itoa(i+1), numW-pad, numSt)
		nx := 0.0
		if k.rtl {
			nx = w - numW + pad
		}
		row.place(num, nx, rowH-pad-num.H)
		row.els = append(row.els, Element{Rule: &Rule{Y1: rowH, X2: w, Y2: rowH, Color: grey, Width: 0.5}})
		x := numW
		for range cols - 1 {
			x += colW
			at := x
			if k.rtl {
				at = w - x
			}
			row.els = append(row.els, Element{Rule: &Rule{X1: at, Y1: 4, X2: at, Y2: rowH - 4, Color: grey, Width: 0.5}})
		}
		row.W, row.H = w, rowH
		table.place(row, 0, header.H+float64(i)*rowH)
	}
	table.W = w
	return vstack(w, gap*s, introBox, table, note)
}

// Feedback lays out the feedback form: the intro, each question with
// lines to write on or boxes to tick, and the note with the hotline.
func Feedback(ts *typeset.Typesetter, d *doc.Document, opts Options) (*Document, error) {
	if d.Kit == nil || d.Kit.Feedback == nil {
		return nil, layoutError("feedback form", d, errors.New("the document has no feedback form"))
	}
	k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL, keep: d.Meta.Keep}
	fm := d.Kit.Feedback
	f := newSheetFrame(k, d, opts.Paper, kitKicker(d), fm.Title, "")
	page, err := fewerLines(f, fm, func(less int, s float64) box { return feedbackBody(k, d, fm, f.bodyW(), s, less) })
	if err != nil {
		return nil, layoutError("feedback form", d, err)
	}
	return &Document{Meta: d.Meta, Pages: []Page{page}}, nil
}

// feedbackBody is the intro, then each question numbered: its lines, or
// its choices in a row (each after a box to tick), and the note.
func feedbackBody(k *kit, d *doc.Document, fm *doc.Form, w, s float64, less int) box {
	accent := readable(d.Brand.Color)
	label := textStyle{Style: typeset.Style{Size: max(12*s, minSize), Bold: true, Leading: 1.3}, Color: ink}
	choice := textStyle{Style: typeset.Style{Size: max(11.5*s, minSize)}, Color: ink}
	var fields []box
	for i, fd := range fm.Fields {
		q := k.list([]string{fd.Label}, strconv.Itoa(i+1)+".", accent, w, 0, label)
		var row box
		if len(fd.Choices) > 0 {
			row = indent(tickRow(k, fd.Choices, w-label.Size*1.4, choice), label.Size*1.4, w)
		}
		fields = append(fields, feedbackField(q, writeLines(fd.Lines, less), row, w, s, label.Size*1.4))
	}
	intro := k.text(fm.Intro, w, textStyle{Style: typeset.Style{Size: max(12*s, minSize), Leading: 1.35}, Color: ink})
	note := k.text(fm.Note, w, textStyle{Style: typeset.Style{Size: max(11*s, minSize), Bold: true, Leading: 1.3}, Color: ink})
	return vstack(w, 14*s, intro, vstack(w, 16*s, fields...), note)
}

// fewerLines lays out a feedback form, and where it does not fit at any
// scale (a long organisation name and a logo in the strip at the foot
// take its room), lays it out again with a line less to write on under
// each question that has more than one, down to one each: every
// question stays, with room to answer.
func fewerLines(f sheetFrame, fm *doc.Form, body func(less int, s float64) box) (Page, error) {
	most := 0
	for _, fd := range fm.Fields {
		most = max(most, fd.Lines)
	}
	for less := 0; ; less++ {
		page, err := f.page(func(s, _ float64) box { return body(less, s) })
		if !errors.Is(err, ErrDoesNotFit) || less+1 >= most {
			return page, err
		}
	}
}

// writeLines is a question's lines to write on, less of them, but one
// at least where it has any.
func writeLines(lines, less int) int {
	if lines == 0 {
		return 0
	}
	return max(lines-less, 1)
}

// feedbackField is a question q over its lines to write on (from x, the
// question's text) and its row of choices (choices, or none).
func feedbackField(q box, lines int, choices box, w, s, x float64) box {
	lineGap := max(22*s, 18) // room to write by hand
	grey := tint(muted, 0.6)
	parts := []box{q}
	if lines > 0 {
		b := box{W: w, H: float64(lines) * lineGap}
		for n := 1; n <= lines; n++ {
			y := float64(n) * lineGap
			b.els = append(b.els, Element{Rule: &Rule{X1: x, Y1: y, X2: w, Y2: y, Color: grey, Width: 0.5}})
		}
		parts = append(parts, b)
	}
	parts = append(parts, choices)
	return vstack(w, 6*s, parts...)
}

// tickRow sets choices after a box to tick each, in a row when they fit
// on one, else one under the other.
func tickRow(k *kit, choices []string, w float64, st textStyle) box {
	labels := make([]box, len(choices))
	for i, c := range choices {
		labels[i] = k.text(c, k.width(c, st)+2, st)
	}
	return tickLabels(k, labels, w, st.Size*1.05)
}

// tickLabels sets labels (each as wide as its words) after a box sq
// points square to tick each, in a row when they fit on one, else one
// under the other.
func tickLabels(k *kit, labels []box, w, sq float64) box {
	var cells []box
	var widths []float64
	total := 0.0
	for _, t := range labels {
		tw := t.W
		cell := box{W: sq + 6 + tw}
		cell.place(t, sq+6, 0)
		boxY := max((t.H-sq)/2, 0)
		bx := 0.0
		if k.rtl {
			cell = box{W: sq + 6 + tw}
			cell.place(t, 0, 0)
			bx = tw + 6
		}
		stroke := ink
		cell.els = append(cell.els, Element{Rect: &Rect{X: bx, Y: boxY, W: sq, H: sq, Fill: white, Stroke: &stroke, StrokeWidth: 0.9}})
		cell.H = max(t.H, sq)
		cells = append(cells, cell)
		widths = append(widths, cell.W)
		total += cell.W
	}
	const gap = 28.0
	if total+gap*float64(len(cells)-1) <= w {
		return k.columns(widths, gap, cells...)
	}
	return vstack(w, 6, cells...)
}

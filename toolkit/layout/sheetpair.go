package layout

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// A bilingual participant sheet (the sign-in sheet and the feedback form
// for a session held in two languages) is one page with both languages
// on it, as the other bilingual formats are: the frame of a sheet, each
// language's words in its own column where they are sentences (the
// intro, the note, a question), one over the other where they label one
// thing (a column of the sign-in table, a choice to tick), and the
// hotline number once. The first language is first in its own reading
// order. Every word of both languages is printed, or the sheet is
// refused; nothing is cut.

// sheetPair is a sheet's two languages: their documents and a kit each.
type sheetPair struct {
	ks [2]*kit
	ds [2]*doc.Document
}

// pairGap is the room between the two languages' columns.
const pairGap = 18.0

// pairMargin is a bilingual sheet's margin: narrower than one
// language's, for the room two languages need (still inside what any
// office printer prints, 1/4 in).
const pairMargin = 36.0

func newSheetPair(ts *typeset.Typesetter, first, second *doc.Document) sheetPair {
	sp := sheetPair{
		ks: [2]*kit{{ts: ts, lang: first.Meta.Lang, rtl: first.Meta.RTL, keep: first.Meta.Keep}, {ts: ts, lang: second.Meta.Lang, rtl: second.Meta.RTL, keep: second.Meta.Keep}},
		ds: [2]*doc.Document{first, second},
	}
	shareKeep(sp.ks[:]...)
	return sp
}

// each sets one box per language, each in its column of w.
func (sp sheetPair) each(w float64, build func(k *kit, d *doc.Document, w float64) box) box {
	colW := (w - pairGap) / 2
	return sp.ks[0].side(w, pairGap, build(sp.ks[0], sp.ds[0], colW), build(sp.ks[1], sp.ds[1], colW))
}

// stacked sets two languages' words for one thing one over the other, w
// wide: the first in st, the second in st2. The second is left out when
// it is the same words (a name both languages share).
func (sp sheetPair) stacked(words [2]string, w float64, st, st2 textStyle) box {
	first := sp.ks[0].text(words[0], w, st)
	if strings.TrimSpace(words[1]) == strings.TrimSpace(words[0]) {
		return first
	}
	return vstack(w, 1, first, sp.ks[1].text(words[1], w, st2))
}

// second is st for the second language's words under the first's: the
// same size, not bold, muted, so the eye finds its own language.
func second(st textStyle) textStyle {
	st.Bold = false
	st.Color = muted
	return st
}

// meta is the first document's, titled in both languages.
func (sp sheetPair) meta(titles [2]string) doc.Meta {
	m := sp.ds[0].Meta
	m.Title = titles[0] + " / " + titles[1]
	m.Subject = sp.ds[0].Meta.Subject + " / " + sp.ds[1].Meta.Subject
	return m
}

// frame is the frame of a bilingual sheet titled titles, its band
// saying kickers under them.
func (sp sheetPair) frame(paper Paper, kickers, titles [2]string) sheetFrame {
	k, d := sp.ks[0], sp.ds[0]
	inner := paper.Width - 2*pairMargin
	top := pairBand(sp, kickers, titles, paper.Width, pairMargin)
	bottom := vstack(inner, 6, pairHotlineStrip(sp, inner), pairFooter(sp, inner))
	return sheetFrame{k: k, second: sp.ks[1], d: d, paper: paper, top: top, bottom: bottom, margin: pairMargin, gap: 8}
}

// pairBand is kitBand in two languages: the organisation's name once,
// each language's title and kicker in its column, and the session's
// details once under both (the organiser's own words, in no one
// language).
func pairBand(sp sheetPair, kickers, titles [2]string, pageW, margin float64) box {
	const pad = 8.0
	k, d := sp.ks[0], sp.ds[0]
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
	cols := sp.each(textW, func(k *kit, d *doc.Document, w float64) box {
		i := sp.index(d)
		return vstack(w, 4,
			k.text(titles[i], w, textStyle{Style: typeset.Style{Size: 18, Bold: true, Leading: 1.1}, Color: fg}),
			k.text(kickers[i], w, textStyle{Style: typeset.Style{Size: 10, Bold: true, Leading: 1.15}, Color: fg}))
	})
	var event box
	if d.Event != nil && d.Event.Line() != "" {
		event = k.text(d.Event.Isolated(k.rtl), textW, textStyle{Style: typeset.Style{Size: 10, Bold: true, Leading: 1.2}, Color: fg})
	}
	content := vstack(textW, 5, org, cols, event, strip)
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

// pairHotlineStrip is the hotline strip with the hotline's name in both
// languages beside the number, printed once, and each language's
// emergency line in its column.
func pairHotlineStrip(sp sheetPair, w float64) box {
	d0, d1 := sp.ds[0], sp.ds[1]
	return helpStrip(sp.ks[0], d0, w, 7,
		// Two languages' words share the strip: a size smaller than one's.
		func(w float64, st textStyle) box {
			st.Size = 10
			return inBlock(sp.stacked([2]string{d0.Help.Hotline.Name, d1.Help.Hotline.Name}, w, st, st), doc.PartHotline)
		},
		func(w float64, st textStyle) box {
			st.Size = 9
			return inBlock(sp.each(w, func(k *kit, d *doc.Document, w float64) box { return k.text(d.Help.Emergency, w, st) }), doc.PartEmergency)
		})
}

// pairFooter is the first language's running footer, then each
// language's review and draft lines, in its own language.
func pairFooter(sp sheetPair, w float64) box {
	k, d := sp.ks[0], sp.ds[0]
	dd := *d
	kt := *d.Kit
	kt.Review = ""
	dd.Kit = &kt
	dd.Footer.Draft, dd.Footer.DraftEnglish = "", ""
	parts := []box{runningFooter(k, &dd, w, "")}
	var seen []string
	for i, d := range sp.ds {
		all := d.Footer.DraftLines()
		if d.Kit != nil && d.Kit.Review != "" {
			all = append([]string{d.Kit.Review}, all...)
		}
		// A line both languages print (a draft line in English for
		// both) is printed once.
		var lines []string
		for _, l := range all {
			if !slices.Contains(seen, l) {
				seen = append(seen, l)
				lines = append(lines, l)
			}
		}
		parts = append(parts, footRows(sp.ks[i], lines, w)...)
	}
	return vstack(w, 2, parts...)
}

// BilingualSignIn is the sign-in sheet in two languages on one page:
// why it asks so little in each language's column, each column of the
// table headed in both, the facilitator's note in each, and at least
// SignInRows rows.
func BilingualSignIn(ts *typeset.Typesetter, first, second *doc.Document, opts Options) (*Document, error) {
	if first.Kit == nil || first.Kit.SignIn == nil || second.Kit == nil || second.Kit.SignIn == nil {
		return nil, pairError("sign-in sheet", first, second, errors.New("a document has no sign-in sheet"))
	}
	sp := newSheetPair(ts, first, second)
	fms := [2]*doc.Form{first.Kit.SignIn, second.Kit.SignIn}
	if len(fms[0].Columns) != len(fms[1].Columns) {
		return nil, pairError("sign-in sheet", first, second, fmt.Errorf("the sheets have %d and %d columns", len(fms[0].Columns), len(fms[1].Columns)))
	}
	titles := [2]string{fms[0].Title, fms[1].Title}
	f := sp.frame(opts.Paper, [2]string{kitKicker(first), kitKicker(second)}, titles)
	page, err := signInRows(f, pairSignInRow, func(rowH, s, h float64) box { return pairSignInBody(sp, fms, f.bodyW(), h, s, rowH) })

	if err != nil {
		return nil, pairError("sign-in sheet", first, second, err)
	}
	return &Document{Meta: sp.meta(titles), Pages: []Page{page}}, nil
}

// pairSignInRow is the height of a row of the bilingual sign-in sheet,
// whose two languages' words take room from the rows: 8.5 mm, the
// spacing of wide-ruled paper, still room to write by hand.
const pairSignInRow = 24.0

func pairSignInBody(sp sheetPair, fms [2]*doc.Form, w, h, s, rowH float64) box {
	d := sp.ds[0]
	accent := readable(d.Brand.Color)
	intro := sp.each(w, func(k *kit, d *doc.Document, w float64) box {
		fl := &flow{k: k, w: w, st: flowStyle{note: textStyle{Style: typeset.Style{Size: max(10.5*s, minSize), Leading: 1.35}, Color: ink},
			accent: accent, tint: doc.NewPalette(d.Brand.Color).Panel}}
		fl.callout(formOf(fms, d, sp).Intro, 0)
		return fl.items[0].b
	})
	note := sp.each(w, func(k *kit, d *doc.Document, w float64) box {
		return k.text(formOf(fms, d, sp).Note, w, textStyle{Style: typeset.Style{Size: max(9*s, minSize), Bold: true, Leading: 1.3}, Color: muted})
	})
	head := textStyle{Style: typeset.Style{Size: max(10.5*s, minSize), Bold: true, Leading: 1.2}, Color: accent}
	return signInTable(sp.ks[0], d, len(fms[0].Columns), rowH, w, h, s, intro, note, func(c int, w float64) box {
		return sp.stacked([2]string{fms[0].Columns[c], fms[1].Columns[c]}, w, head, second(head))
	})
}

// formOf is the form of fms that belongs to d.
func formOf(fms [2]*doc.Form, d *doc.Document, sp sheetPair) *doc.Form { return fms[sp.index(d)] }

// index is 0 for the first language's document, 1 for the second's.
func (sp sheetPair) index(d *doc.Document) int {
	if d == sp.ds[1] {
		return 1
	}
	return 0
}

// BilingualFeedback is the feedback form in two languages on one page:
// the intro and the note in each language's column, each question in
// both beside each other over its lines to write on, each choice to
// tick labelled in both.
func BilingualFeedback(ts *typeset.Typesetter, first, second *doc.Document, opts Options) (*Document, error) {
	if first.Kit == nil || first.Kit.Feedback == nil || second.Kit == nil || second.Kit.Feedback == nil {
		return nil, pairError("feedback form", first, second, errors.New("a document has no feedback form"))
	}
	sp := newSheetPair(ts, first, second)
	fms := [2]*doc.Form{first.Kit.Feedback, second.Kit.Feedback}
	if len(fms[0].Fields) != len(fms[1].Fields) {
		return nil, pairError("feedback form", first, second, fmt.Errorf("the forms have %d and %d questions", len(fms[0].Fields), len(fms[1].Fields)))
	}
	for i := range fms[0].Fields {
		if a, b := fms[0].Fields[i], fms[1].Fields[i]; len(a.Choices) != len(b.Choices) || a.Lines != b.Lines {
			return nil, pairError("feedback form", first, second, fmt.Errorf("question %d differs between the languages", i+1))
		}
	}
	titles := [2]string{fms[0].Title, fms[1].Title}
	f := sp.frame(opts.Paper, [2]string{kitKicker(first), kitKicker(second)}, titles)
	page, err := fewerLines(f, fms[0], func(less int, s float64) box { return pairFeedbackBody(sp, fms, f.bodyW(), s, less) })
	if err != nil {
		return nil, pairError("feedback form", first, second, err)
	}
	return &Document{Meta: sp.meta(titles), Pages: []Page{page}}, nil
}

func pairFeedbackBody(sp sheetPair, fms [2]*doc.Form, w, s float64, less int) box {
	accent := readable(sp.ds[0].Brand.Color)
	label := textStyle{Style: typeset.Style{Size: max(11.5*s, minSize), Bold: true, Leading: 1.3}, Color: ink}
	choice := textStyle{Style: typeset.Style{Size: max(11*s, minSize)}, Color: ink}
	x := label.Size * 1.4
	var fields []box
	for i, fd := range fms[0].Fields {
		q := sp.each(w, func(k *kit, d *doc.Document, w float64) box {
			return k.list([]string{formOf(fms, d, sp).Fields[i].Label}, strconv.Itoa(i+1)+".", accent, w, 0, label)
		})
		var row box
		if len(fd.Choices) > 0 {
			labels := make([]box, len(fd.Choices))
			for c := range fd.Choices {
				words := [2]string{fd.Choices[c], fms[1].Fields[i].Choices[c]}
				tw := max(sp.ks[0].width(words[0], choice), sp.ks[1].width(words[1], second(choice))) + 2
				labels[c] = sp.stacked(words, tw, choice, second(choice))
			}
			row = indent(tickLabels(sp.ks[0], labels, w-x, choice.Size*1.05), x, w)
		}
		fields = append(fields, feedbackField(q, writeLines(fd.Lines, less), row, w, s, x))
	}
	intro := sp.each(w, func(k *kit, d *doc.Document, w float64) box {
		return k.text(formOf(fms, d, sp).Intro, w, textStyle{Style: typeset.Style{Size: max(11.5*s, minSize), Leading: 1.35}, Color: ink})
	})
	note := sp.each(w, func(k *kit, d *doc.Document, w float64) box {
		return k.text(formOf(fms, d, sp).Note, w, textStyle{Style: typeset.Style{Size: max(10.5*s, minSize), Bold: true, Leading: 1.3}, Color: ink})
	})
	return vstack(w, 12*s, intro, vstack(w, 14*s, fields...), note)
}

// pairError is layoutError for a bilingual sheet.
func pairError(what string, first, second *doc.Document, err error) error {
	if errors.Is(err, ErrDoesNotFit) {
		return fmt.Errorf("lay out %s %s (%s+%s): %w%s; or make one per language (-l %s,%s)", first.Meta.Audience, what, first.Meta.Lang, second.Meta.Lang, err, fitHint(first), first.Meta.Lang, second.Meta.Lang)
	}
	return fmt.Errorf("lay out %s %s (%s+%s): %w", first.Meta.Audience, what, first.Meta.Lang, second.Meta.Lang, err)
}

package layout

import (
	"fmt"
	"iter"
	"strconv"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// CoverSheet is what the first page of a print pack says: the event, and
// every material with how many copies to print, for the print shop and
// the organiser.
type CoverSheet struct {
	Title   string   // the event's name
	Details []Detail // date, place, facilitator, organisation: those given
	// Materials yields every material, in the pack's order, each time it
	// is ranged over: a pack of ten thousand need not hold the list.
	Materials iter.Seq[CoverItem]
	Total     string // what all of it takes to print, in a sentence
	Note      string // a closing line: which program and content made the pack
	Color     doc.RGB
}

// Detail is one labelled line under the title.
type Detail struct {
	Label, Value string
}

// CoverItem is one material in the pack.
type CoverItem struct {
	What  string // e.g. "Youth flyer, French (draft translation)"
	File  string
	Paper string // the sheet it is printed on
	Pages int
	// First is the pack's page number of the material's first page,
	// counting the cover sheet's pages; 0 when the cover does not say.
	First int
	// ToPrint says what to print, in words: "25 copies, both sides", "25
	// sheets, both sides: 250 wallet cards".
	ToPrint string
}

// Cover lays out the cover sheet on paper: a title band, the details, and
// a table of the materials (with each one's pages in the pack, so that
// the print shop can print a range) with a total. A long list continues on further
// pages, each with the table's heading again.
func Cover(ts *typeset.Typesetter, c CoverSheet, paper Paper) ([]Page, error) {
	var pages []Page
	for p, err := range CoverPages(ts, c, paper) {
		if err != nil {
			return nil, err
		}
		pages = append(pages, p)
	}
	return pages, nil
}

// CoverPages is Cover one page at a time: a pack of ten thousand
// materials has a cover of hundreds of pages, which need not all be held
// at once. After an error it yields nothing more.
func CoverPages(ts *typeset.Typesetter, c CoverSheet, paper Paper) iter.Seq2[Page, error] {
	return func(yield func(Page, error) bool) {
		if err := cover(ts, c, paper, func(p Page) bool { return yield(p, nil) }); err != nil {
			yield(Page{}, err)
		}
	}
}

// cover lays out the cover sheet, handing each page to emit as it is
// done; it stops when emit returns false.
func cover(ts *typeset.Typesetter, c CoverSheet, paper Paper, emit func(Page) bool) error {
	k := &kit{ts: ts, lang: "en"}
	const margin = 40.0
	inner := paper.Width - 2*margin
	bottom := paper.Height - margin

	band := c.Color
	fg := onColor(band)
	title := k.text(c.Title, inner, textStyle{Style: typeset.Style{Size: 24, Bold: true, Leading: 1.15}, Color: fg})
	sub := k.text("Print pack", inner, textStyle{Style: typeset.Style{Size: 11, Bold: true}, Color: fg})
	head := vstack(inner, 6, sub, title)
	header := box{W: paper.Width, H: head.H + 48, els: []Element{{Rect: &Rect{W: paper.Width, H: head.H + 48, Fill: band}}}}
	header.place(head, margin, 24)

	label := textStyle{Style: typeset.Style{Size: 10.5, Bold: true}, Color: muted}
	value := textStyle{Style: typeset.Style{Size: 10.5, Leading: 1.3}, Color: ink}
	const labelW = 90.0
	var rows []box
	for _, d := range c.Details {
		row := box{W: inner}
		row.place(k.text(d.Label, labelW, label), 0, 0)
		row.place(k.text(d.Value, inner-labelW, value), labelW, 0)
		rows = append(rows, row)
	}
	details := vstack(inner, 5, rows...)

	// The table: what, file, paper, pages, copies.
	cols := []struct {
		title string
		w     float64
		al    align
	}{
		{"#", 22, alignEnd}, {"Material", 0, alignStart}, {"File", 140, alignStart},
		{"Paper", 44, alignStart}, {"Pages", 58, alignEnd}, {"To print", 96, alignStart},
	}
	const colGap = 8.0
	fixed := 0.0
	for _, col := range cols {
		fixed += col.w + colGap
	}
	cols[1].w = inner - fixed + colGap
	cell := textStyle{Style: typeset.Style{Size: 9.5, Leading: 1.25}, Color: ink}
	row := func(st textStyle, cells ...string) box {
		b := box{W: inner}
		x := 0.0
		for i, col := range cols {
			s := st
			s.Align = col.al
			b.place(k.text(cells[i], col.w, s), x, 0)
			x += col.w + colGap
		}
		b.W = inner
		return b
	}
	headRow := row(textStyle{Style: typeset.Style{Size: 9.5, Bold: true}, Color: muted}, "#", "Material", "File", "Paper", "Pages", "To print")
	rule := func() box {
		return box{W: inner, H: 1, els: []Element{{Rule: &Rule{X2: inner, Color: tint(muted, 0.4), Width: 0.5}}}}
	}

	// The total's words span the table, after the number column.
	bold := textStyle{Style: typeset.Style{Size: 9.5, Bold: true, Leading: 1.25}, Color: ink}
	total := box{W: inner}
	total.place(k.text(c.Total, inner-cols[0].w-colGap, bold), cols[0].w+colGap, 0)
	total.W = inner
	note := k.text(c.Note, inner, textStyle{Style: typeset.Style{Size: 8, Leading: 1.3}, Color: muted})
	if k.err != nil {
		return fmt.Errorf("lay out cover sheet: %w", k.err)
	}

	page := box{W: paper.Width, H: paper.Height}
	page.place(header, 0, 0)
	y := header.H + 20
	if details.H > 0 {
		page.place(details, margin, y)
		y += details.H + 22
	}
	startTable := func() {
		page.place(headRow, margin, y)
		y += headRow.H + 3
		page.place(rule(), margin, y)
		y += 5
	}
	startTable()
	i := 0
	for m := range c.Materials {
		i++
		r := row(cell, strconv.Itoa(i), m.What, m.File, m.Paper, m.pages(), m.ToPrint)
		if k.err != nil {
			return fmt.Errorf("lay out cover sheet: %w", k.err)
		}
		if y+r.H > bottom {
			if !emit(Page{Width: paper.Width, Height: paper.Height, Elements: page.elements()}) {
				return nil
			}
			page = box{W: paper.Width, H: paper.Height}
			y = margin
			startTable()
		}
		page.place(r, margin, y)
		y += r.H + 4
	}
	end := vstack(inner, 4, rule(), total, box{H: 8}, note)
	if y+end.H > bottom {
		if !emit(Page{Width: paper.Width, Height: paper.Height, Elements: page.elements()}) {
			return nil
		}
		page = box{W: paper.Width, H: paper.Height}
		y = margin
	}
	page.place(end, margin, y)
	emit(Page{Width: paper.Width, Height: paper.Height, Elements: page.elements()})
	return nil
}

// pages is what the Pages column says of m: its page range in the pack
// ("5–6", "4") or, when the cover does not know it, how many it has.
func (m CoverItem) pages() string {
	switch {
	case m.First <= 0:
		return strconv.Itoa(m.Pages)
	case m.Pages <= 1:
		return strconv.Itoa(m.First)
	}
	return strconv.Itoa(m.First) + "\u2013" + strconv.Itoa(m.First+m.Pages-1)
}

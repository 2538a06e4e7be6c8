package layout

import (
	"fmt"
	"iter"
	"strconv"
	"sync"

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
	return CoverPagesOn([]*typeset.Typesetter{ts}, c, paper)
}

// CoverPagesOn is CoverPages with the table's rows laid out on a
// goroutine for each of tss (two or more), a few rows ahead of the pages
// they go on, each with a typesetter of its own: the cover of a large
// pack is laid out when every material is made, and its rows were most of
// what a build did then, on one core. The pages are the same with any
// number of typesetters. With one, the rows are laid out as they are
// placed.
func CoverPagesOn(tss []*typeset.Typesetter, c CoverSheet, paper Paper) iter.Seq2[Page, error] {
	return func(yield func(Page, error) bool) {
		if err := cover(tss, c, paper, func(p Page) bool { return yield(p, nil) }); err != nil {
			yield(Page{}, err)
		}
	}
}

// cover lays out the cover sheet, handing each page to emit as it is
// done; it stops when emit returns false.
func cover(tss []*typeset.Typesetter, c CoverSheet, paper Paper, emit func(Page) bool) error {
	k := &kit{ts: tss[0], lang: "en"}
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
	row := func(k *kit, st textStyle, cells ...string) box {
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
	// material is the table's row for m, the i-th material.
	material := func(k *kit, i int, m CoverItem) box {
		return row(k, cell, strconv.Itoa(i), m.What, m.File, m.Paper, m.pages(), m.ToPrint)
	}
	headRow := row(k, textStyle{Style: typeset.Style{Size: 9.5, Bold: true}, Color: muted}, "#", "Material", "File", "Paper", "Pages", "To print")
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
	// put places r, the next row, on the page, or on the next when it
	// does not fit; false when emit stopped the cover.
	put := func(r box) bool {
		if y+r.H > bottom {
			if !emit(Page{Width: paper.Width, Height: paper.Height, Elements: page.elements()}) {
				return false
			}
			page = box{W: paper.Width, H: paper.Height}
			y = margin
			startTable()
		}
		page.place(r, margin, y)
		y += r.H + 4
		return true
	}
	if len(tss) > 1 {
		done, err := placeRows(tss, c.Materials, material, put)
		if err != nil {
			return fmt.Errorf("lay out cover sheet: %w", err)
		}
		if !done {
			return nil
		}
	} else {
		i := 0
		for m := range c.Materials {
			i++
			r := material(k, i, m)
			if k.err != nil {
				return fmt.Errorf("lay out cover sheet: %w", k.err)
			}
			if !put(r) {
				return nil
			}
			if i%rowChunk == 0 {
				k.tied = nil // the rows' own texts, never set again
			}
		}
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

// rowChunk is how many of the cover's rows a goroutine lays out at a
// time (about two pages of them). Each typesetter keeps what it shaped,
// and a row's numbers come back a page or so later as another's page
// numbers: in jobs of 32 rows, two typesetters shaped more than one did
// (callgrind of BenchmarkCover/rows-on-2, three covers of 2,000 rows,
// GOMAXPROCS=1: 1,570 M instructions; rows-on-1 1,497 M), in jobs of 64
// no more (1,472 M; 128: 1,520 M).
const rowChunk = 64

// rowsJob is rowChunk materials or fewer, the first of them the first-th,
// for a goroutine to lay out.
type rowsJob struct {
	first int
	items []CoverItem
	out   chan rowsDone
}

// rowsDone is a job's rows, laid out; err is the error of the row after
// them, when one could not be.
type rowsDone struct {
	rows []box
	err  error
}

// placeRows lays out a row with material for each of materials, on a
// goroutine for each of tss, and puts them in order. At most two jobs a
// goroutine wait to be put, so a cover of ten thousand rows holds a few
// hundred at most. It reports false when put stopped the cover, and the
// error of the first row that could not be laid out.
func placeRows(tss []*typeset.Typesetter, materials iter.Seq[CoverItem], material func(k *kit, i int, m CoverItem) box, put func(box) bool) (bool, error) {
	jobs := make(chan rowsJob)
	var wg sync.WaitGroup
	for _, ts := range tss {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k := &kit{ts: ts, lang: "en"}
			for j := range jobs {
				j.out <- layRows(k, j, material)
			}
		}()
	}
	defer func() {
		close(jobs)
		wg.Wait()
	}()
	var pending []chan rowsDone
	// next puts the oldest job's rows.
	next := func() (bool, error) {
		d := <-pending[0]
		pending = pending[1:]
		for _, r := range d.rows {
			if !put(r) {
				return false, nil
			}
		}
		return d.err == nil, d.err
	}
	var items []CoverItem
	first := 1
	send := func() (bool, error) {
		if len(pending) >= 2*len(tss) {
			if ok, err := next(); !ok {
				return false, err
			}
		}
		out := make(chan rowsDone, 1) // the goroutine never waits to hand it over
		pending = append(pending, out)
		jobs <- rowsJob{first: first, items: items, out: out}
		first += len(items)
		items = nil // the goroutine laying them out keeps them
		return true, nil
	}
	for m := range materials {
		items = append(items, m)
		if len(items) == rowChunk {
			if ok, err := send(); !ok {
				return false, err
			}
		}
	}
	if len(items) > 0 {
		if ok, err := send(); !ok {
			return false, err
		}
	}
	for len(pending) > 0 {
		if ok, err := next(); !ok {
			return false, err
		}
	}
	return true, nil
}

// layRows lays out job j's rows with k, on a goroutine of its own: a
// panic there would end the program, so it comes back as the rows'
// error, as the layout's would.
func layRows(k *kit, j rowsJob, material func(k *kit, i int, m CoverItem) box) (d rowsDone) {
	defer func() {
		if v := recover(); v != nil {
			d.err = fmt.Errorf("internal error while laying out the cover sheet: %v (this is a bug in awarekit; please report it with the command you ran)", v)
		}
	}()
	k.tied = nil // the rows' own texts, never set again
	for n, m := range j.items {
		r := material(k, j.first+n, m)
		if k.err != nil {
			return rowsDone{rows: d.rows, err: k.err}
		}
		d.rows = append(d.rows, r)
	}
	return d
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

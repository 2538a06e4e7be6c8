package layout

import (
	"strconv"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// A flowing document (the facilitator guide) runs over as many pages as
// its text needs. Its blocks become flow items, pieces that are never
// split across pages, and paginate breaks the items into pages: a
// heading always keeps its first lines with it, a paragraph never leaves
// one line alone at the foot or the head of a page, and what is drawn
// on every page (a header, a running footer with the page number and the
// draft lines) is left to the frame.

// flowItem is one piece that is never split: a line or two of a
// paragraph, a list item, a table row, a panel.
type flowItem struct {
	b box
	// space is the room above the item; at the top of a page it is
	// dropped.
	space float64
	// keep ties the item to the next: they go on the same page (a
	// heading and what follows it, a paragraph's first two lines).
	keep bool
}

// flowStyle is the look of a flowing document's text.
type flowStyle struct {
	body, heading, subhead, note, small textStyle
	accent, tint                        doc.RGB
	gap                                 float64 // between blocks
}

// flow collects a document's flow items, set w points wide.
type flow struct {
	k     *kit
	w     float64
	st    flowStyle
	items []flowItem
}

func (f *flow) add(b box, space float64, keep bool) {
	if b.empty() {
		return
	}
	f.items = append(f.items, flowItem{b: b, space: space, keep: keep})
}

// lines sets s w points wide and returns each line as a box of its own.
func (k *kit) lines(s string, w float64, st textStyle) []box {
	t := k.text(s, w, st)
	var out []box
	for _, e := range t.els {
		l := e.Text
		line := *l
		line.Y = l.Line.Ascent
		out = append(out, box{W: w, H: l.Line.Height, els: []Element{{Text: &line}}})
	}
	return out
}

// para adds a paragraph, line by line: its first two lines stay
// together, and so do its last two, so that no page starts or ends with
// one line of it. A paragraph that ends with a colon introduces what
// follows and stays with it.
func (f *flow) para(s string, st textStyle, space float64) {
	ls := f.k.lines(s, f.w, st)
	n := len(ls)
	if n == 0 {
		return
	}
	leads := strings.HasSuffix(strings.TrimSpace(s), ":")
	if n <= 4 {
		f.add(vstack(f.w, 0, ls...), space, leads)
		return
	}
	f.add(vstack(f.w, 0, ls[:2]...), space, false)
	for _, l := range ls[2 : n-2] {
		f.add(l, 0, false)
	}
	f.add(vstack(f.w, 0, ls[n-2:]...), 0, leads)
}

// heading adds a heading that stays with what follows it.
func (f *flow) heading(s string, st textStyle, space float64) {
	f.add(f.k.text(s, f.w, st), space, true)
}

// list adds items after a marker each, or numbered when marker is "",
// one flow item per list item.
func (f *flow) list(items []string, marker string, markerColor doc.RGB, space float64) {
	for i, it := range items {
		m := marker
		if m == "" {
			m = strconv.Itoa(i+1) + "."
		}
		gap := space
		if i > 0 {
			gap = f.st.body.Size * 0.35
		}
		f.add(f.k.list([]string{it}, m, markerColor, f.w, 0, f.st.body), gap, false)
	}
}

// callout adds text in a tinted box with a bar at the reading start: a
// script to read aloud, a caution.
func (f *flow) callout(s string, space float64) {
	const pad, bar = 10.0, 3.0
	inner := f.w - 2*pad - bar
	t := f.k.text(s, inner, f.st.note)
	out := box{W: f.w, H: t.H + 2*pad, els: []Element{{Rect: &Rect{W: f.w, H: t.H + 2*pad, Fill: f.st.tint}}}}
	barX, textX := 0.0, bar+pad
	if f.k.rtl {
		barX, textX = f.w-bar, pad
	}
	out.els = append(out.els, Element{Rect: &Rect{X: barX, W: bar, H: out.H, Fill: f.st.accent}})
	out.place(t, textX, pad)
	out.H = t.H + 2*pad
	f.add(out, space, false)
}

// table adds a title, a heading row and the rows: the first column
// narrow (a number of minutes), the second the rest.
func (f *flow) table(title string, rows [][]string, space float64) {
	if len(rows) == 0 {
		return
	}
	f.heading(title, f.st.subhead, space)
	const pad = 5.0
	firstW := 0.0
	for _, r := range rows {
		firstW = max(firstW, f.k.width(r[0], textStyle{Style: typeset.Style{Size: f.st.body.Size, Bold: true}}))
	}
	firstW += 2 * pad
	for i, r := range rows {
		st := f.st.body
		if i == 0 {
			st.Bold = true
			st.Color = f.st.accent
		}
		restW := f.w - firstW - 2*pad
		first := f.k.text(r[0], firstW-2*pad, textStyle{Style: st.Style, Color: st.Color, Align: alignEnd})
		rest := f.k.text(strings.Join(r[1:], "  "), restW, st)
		h := max(first.H, rest.H) + 2*pad
		row := box{W: f.w, H: h}
		if i%2 == 1 {
			row.els = append(row.els, Element{Rect: &Rect{W: f.w, H: h, Fill: f.st.tint}})
		}
		fx, rx := pad, firstW+pad
		if f.k.rtl {
			fx, rx = f.w-firstW+pad, pad
		}
		row.place(first, fx, pad)
		row.place(rest, rx, pad)
		row.W, row.H = f.w, h
		if i == 0 {
			row.els = append(row.els, Element{Rule: &Rule{Y1: h, X2: f.w, Y2: h, Color: f.st.accent, Width: 0.75}})
		}
		// A table stays on one page when it fits on one: its rows are
		// tied together, and paginate breaks a run taller than a page.
		f.add(row, 0, i < len(rows)-1)
	}
}

// placed is a flow item at its place on a page's body.
type placed struct {
	b box
	y float64
}

// paginate breaks items into pages whose body is first points high on
// the first page and rest on the others. An item goes to the next page
// when it does not fit, with the items tied to it by keep; a run of tied
// items taller than a page is broken where it must be, and a single item
// taller than a page does not fit at all.
func paginate(items []flowItem, first, rest float64) ([][]placed, error) {
	var pages [][]placed
	var page []placed
	y, avail := 0.0, first
	newPage := func() {
		pages = append(pages, page)
		page, y, avail = nil, 0, rest
	}
	put := func(it flowItem) {
		if y > 0 {
			y += it.space
		}
		page = append(page, placed{b: it.b, y: y})
		y += it.b.H
	}
	for i := 0; i < len(items); {
		j := i
		for j < len(items)-1 && items[j].keep {
			j++
		}
		h := 0.0
		for n := i; n <= j; n++ {
			if n > i || y > 0 {
				h += items[n].space
			}
			h += items[n].b.H
		}
		switch {
		case y+h <= avail+0.01:
			for n := i; n <= j; n++ {
				put(items[n])
			}
			i = j + 1
		case y > 0:
			newPage()
		default:
			// The run is taller than a page: place what fits.
			if items[i].b.H > avail+0.01 {
				return nil, ErrDoesNotFit
			}
			for i <= j && y+items[i].space+items[i].b.H <= avail+0.01 {
				put(items[i])
				i++
			}
			newPage()
		}
	}
	if len(page) > 0 {
		pages = append(pages, page)
	}
	return pages, nil
}

// runningFooter is the foot of every page of a flowing document: a rule,
// who made it and the content version at the reading start, the page
// number at the end, then the kit's review line and the translation's
// draft lines, which are on every page.
func runningFooter(k *kit, d *doc.Document, w float64, page string) box {
	st := textStyle{Style: typeset.Style{Size: 8.5}, Color: muted}
	var parts []string
	if d.Footer.OrgName != "" {
		parts = append(parts, k.own(d.Footer.OrgName))
	}
	parts = append(parts, d.Footer.Version)
	left := k.text(strings.Join(parts, "  ·  "), w*0.7, st)
	num := textStyle{Style: typeset.Style{Size: 8.5, Bold: true}, Color: muted, Align: alignEnd}
	right := k.text(page, w*0.3, num)
	row := box{W: w}
	if k.rtl {
		right.els, left.els = left.els, right.els
		right.kids, left.kids = left.kids, right.kids
		right.H, left.H = left.H, right.H
	}
	row.place(left, 0, 0)
	row.place(right, w*0.7, 0)
	row.W = w
	lines := []box{row}
	draft := textStyle{Style: typeset.Style{Size: 8, Bold: true, Leading: 1.2}, Color: muted}
	if d.Kit != nil && d.Kit.Review != "" {
		lines = append(lines, k.text(d.Kit.Review, w, draft))
	}
	for _, s := range d.Footer.DraftLines() {
		lines = append(lines, k.text(s, w, draft))
	}
	out := box{W: w, els: []Element{{Rule: &Rule{X2: w, Color: tint(muted, 0.5), Width: 0.5}}}}
	out.place(vstack(w, 2, lines...), 0, 6)
	return out
}

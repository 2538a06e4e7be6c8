package layout

import (
	"errors"
	"fmt"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Table is a document that is one table: a title band, lines under it,
// and rows of cells under column headings, on as many pages as it takes
// with the headings again on each. Each piece of a cell is set in its
// own language and direction, so one row can hold English beside
// Punjabi or Arabic, each shaped in its fonts: a translation proof.
type Table struct {
	Title   string
	Lines   []string // under the title
	Columns []Column
	Rows    [][]Cell
	Note    string // at the foot of the last page
	Color   doc.RGB
	Meta    doc.Meta
}

// Column is a column's heading and its share of the width.
type Column struct {
	Title  string
	Weight float64
}

// Cell is what one cell holds: pieces set under each other.
type Cell []Span

// Span is a piece of a cell's text, in one language and style.
type Span struct {
	Text  string
	Lang  string // "" is English
	RTL   bool
	Bold  bool
	Small bool // a note: smaller and muted
	Mark  bool // stands out: set in the table's colour
}

// ErrRowTooTall is a row that does not fit on a page by itself.
var ErrRowTooTall = errors.New("a row of the table is taller than a page")

// LayTable lays out t on paper.
func LayTable(ts *typeset.Typesetter, t Table, paper Paper) (*Document, error) {
	if len(t.Columns) == 0 {
		return nil, errors.New("lay out table: it has no columns")
	}
	const margin, colGap, rowGap = 36.0, 10.0, 7.0
	inner := paper.Width - 2*margin
	bottom := paper.Height - margin
	kits := map[string]*kit{}
	kitFor := func(lang string, rtl bool) *kit {
		if lang == "" {
			lang = "en"
		}
		key := fmt.Sprint(lang, rtl)
		if k, ok := kits[key]; ok {
			return k
		}
		k := &kit{ts: ts, lang: lang, rtl: rtl}
		kits[key] = k
		return k
	}
	firstErr := func() error {
		for _, k := range kits {
			if k.err != nil {
				return k.err
			}
		}
		return nil
	}
	en := kitFor("", false)

	weights := 0.0
	for _, c := range t.Columns {
		weights += c.Weight
	}
	widths := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = (inner - colGap*float64(len(t.Columns)-1)) * c.Weight / weights
	}
	accent := readable(t.Color)
	setCell := func(c Cell, w float64) box {
		var parts []box
		for _, s := range c {
			st := textStyle{Style: typeset.Style{Size: 10.5, Bold: s.Bold, Leading: 1.3}, Color: ink}
			if s.Small {
				st.Size, st.Color = 8.5, muted
			}
			if s.Mark {
				st.Color = accent
			}
			parts = append(parts, kitFor(s.Lang, s.RTL).text(s.Text, w, st))
		}
		return vstack(w, 3, parts...)
	}
	row := func(cells []Cell) box {
		b := box{W: inner}
		x := 0.0
		for i, w := range widths {
			if i < len(cells) {
				b.place(setCell(cells[i], w), x, 0)
			}
			x += w + colGap
		}
		b.W = inner
		return b
	}
	head := make([]Cell, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = Cell{{Text: c.Title, Bold: true, Small: true}}
	}
	headRow := row(head)
	rule := func(c doc.RGB) box {
		return box{W: inner, H: 1, els: []Element{{Rule: &Rule{X2: inner, Color: c, Width: 0.5}}}}
	}

	fg := onColor(t.Color)
	title := en.text(t.Title, inner, textStyle{Style: typeset.Style{Size: 20, Bold: true, Leading: 1.15}, Color: fg})
	band := box{W: paper.Width, H: title.H + 36, els: []Element{{Rect: &Rect{W: paper.Width, H: title.H + 36, Fill: t.Color}}}}
	band.place(title, margin, 18)
	var lines []box
	for _, l := range t.Lines {
		lines = append(lines, en.text(l, inner, textStyle{Style: typeset.Style{Size: 9.5, Leading: 1.3}, Color: ink}))
	}
	intro := vstack(inner, 4, lines...)
	note := en.text(t.Note, inner, textStyle{Style: typeset.Style{Size: 8, Leading: 1.3}, Color: muted})
	if err := firstErr(); err != nil {
		return nil, fmt.Errorf("lay out %s: %w", t.Title, err)
	}

	out := &Document{Meta: t.Meta}
	page := box{W: paper.Width, H: paper.Height}
	page.place(band, 0, 0)
	y := band.H + 16
	if intro.H > 0 {
		page.place(intro, margin, y)
		y += intro.H + 14
	}
	startTable := func() {
		page.place(headRow, margin, y)
		y += headRow.H + 3
		page.place(rule(tint(muted, 0.4)), margin, y)
		y += 6
	}
	newPage := func() {
		out.Pages = append(out.Pages, Page{Width: paper.Width, Height: paper.Height, Elements: page.elements()})
		page = box{W: paper.Width, H: paper.Height}
		y = margin
		startTable()
	}
	startTable()
	for _, cells := range t.Rows {
		r := row(cells)
		if err := firstErr(); err != nil {
			return nil, fmt.Errorf("lay out %s: %w", t.Title, err)
		}
		if y+r.H > bottom {
			newPage()
			if y+r.H > bottom {
				return nil, fmt.Errorf("lay out %s: %w", t.Title, ErrRowTooTall)
			}
		}
		page.place(r, margin, y)
		y += r.H + rowGap/2
		page.place(rule(tint(muted, 0.2)), margin, y)
		y += rowGap / 2
	}
	if note.H > 0 {
		if y+note.H+8 > bottom {
			newPage()
		}
		page.place(note, margin, y+8)
	}
	out.Pages = append(out.Pages, Page{Width: paper.Width, Height: paper.Height, Elements: page.elements()})
	return out, nil
}

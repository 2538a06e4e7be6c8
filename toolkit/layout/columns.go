package layout

import (
	"math"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// piece is a part of a column flow that is never split: a title, one
// list item, a paragraph.
type piece struct {
	b    box
	gap  float64 // space above it when something is above it in its column
	keep bool    // keep with the next piece: a title never ends a column
}

// colHeight is the height of pieces stacked in one column.
func colHeight(ps []piece) float64 {
	h := 0.0
	for i, p := range ps {
		if i > 0 {
			h += p.gap
		}
		h += p.b.H
	}
	return h
}

// flow puts pieces into n columns colGap apart, in reading order (the
// first column at the reading start), at the breaks that make the
// tallest column shortest. A column never ends on a title, and none is
// left empty before one with pieces in it.
func (k *kit) flow(pieces []piece, n int, w, colGap float64) box {
	colW := (w - float64(n-1)*colGap) / float64(n)
	if n <= 1 || len(pieces) <= 1 {
		return k.stackPieces(pieces, w)
	}
	best := math.Inf(1)
	var bestCuts []int
	cuts := make([]int, n-1)
	var search func(col, from int)
	search = func(col, from int) {
		if col == n-1 {
			h := 0.0
			prev := 0
			for _, c := range append(cuts, len(pieces)) {
				h = max(h, colHeight(pieces[prev:c]))
				prev = c
			}
			if h < best-0.01 {
				best = h
				bestCuts = append(bestCuts[:0], cuts...)
			}
			return
		}
		for c := from; c <= len(pieces); c++ {
			if c > 0 && c < len(pieces) && pieces[c-1].keep {
				continue
			}
			if c == from && c < len(pieces) {
				// A column left empty before one with pieces in it
				// leaves a hole at the reading start: the pieces
				// that cannot be split go in the first column.
				continue
			}
			cuts[col] = c
			search(col+1, c)
		}
	}
	search(0, 0)
	out := box{W: w}
	prev := 0
	for i, c := range append(bestCuts, len(pieces)) {
		col := k.stackPieces(pieces[prev:c], colW)
		x := float64(i) * (colW + colGap)
		if k.rtl {
			x = w - x - colW
		}
		out.place(col, x, 0)
		prev = c
	}
	out.W = w
	return out
}

// stackPieces puts pieces under each other in one column w wide.
func (k *kit) stackPieces(pieces []piece, w float64) box {
	out := box{W: w}
	y := 0.0
	for i, p := range pieces {
		if i > 0 {
			y += p.gap
		}
		out.place(p.b, 0, y)
		y += p.b.H
	}
	out.W, out.H = w, y
	return out
}

// bodyStyle is the type of a body flow at one scale.
type bodyStyle struct {
	body, title, small textStyle
	itemGap, titleGap  float64 // between items, under a title
	groupGap           float64 // between groups
	marker             doc.RGB
}

// listPieces are a titled list as pieces: the title kept with the first
// item, then one piece per item, and a closing remark. The items are one
// list in the structure, wherever they fall.
func (k *kit) listPieces(block doc.Part, title string, items []string, marker string, closing string, w float64, bs bodyStyle) []piece {
	var out []piece
	if title != "" {
		t := bs.title
		t.Role = RoleH2
		out = append(out, piece{b: inBlock(k.text(title, w, t), block), gap: bs.groupGap, keep: true})
	}
	out = append(out, k.itemPieces(block, items, marker, w, bs)...)
	if closing != "" {
		// The closing remark stays with the last item: a column never
		// starts with it.
		if len(out) > 0 {
			out[len(out)-1].keep = true
		}
		out = append(out, piece{b: inBlock(k.text(closing, w, bs.small), block), gap: bs.itemGap})
	}
	if len(out) > 0 && title == "" {
		out[0].gap = bs.groupGap
	}
	return out
}

// itemPieces are list items, one piece each, in one list.
func (k *kit) itemPieces(block doc.Part, items []string, marker string, w float64, bs bodyStyle) []piece {
	var out []piece
	var all box
	markerColor := bs.marker
	if marker == "✗" {
		markerColor = k.col.danger
	}
	for i, it := range items {
		b := k.item(it, marker, markerColor, w, bs.body)
		gap := bs.itemGap
		if i == 0 {
			gap = bs.titleGap
		}
		out = append(out, piece{b: b, gap: gap})
		all.place(b, 0, 0)
	}
	group(all, RoleL, block)
	return out
}

// actionPieces are the groups of actions: each group's title, what to
// do (✓) and what to avoid (✗). Every group is carried: a format that
// has no room for them fails rather than drop one.
func (k *kit) actionPieces(groups []doc.Actions, w float64, bs bodyStyle) []piece {
	var out []piece
	for _, g := range groups {
		ps := k.listPieces(doc.PartActions, g.Title, g.Do, "✓", "", w, bs)
		donts := k.itemPieces(doc.PartActions, g.Dont, "✗", w, bs)
		if len(donts) > 0 {
			donts[0].gap = bs.itemGap
		}
		out = append(out, append(ps, donts...)...)
	}
	return out
}

// signPieces are the first n signs under their title, and the caution
// that one sign proves nothing.
func (k *kit) signPieces(d *doc.Document, n int, w float64, bs bodyStyle) []piece {
	return k.listPieces(doc.PartSigns, d.Signs.Title, d.Signs.Items[:min(n, len(d.Signs.Items))], "•", d.Signs.Caution, w, bs)
}

// notePieces are the notes ("Your rights"), when the document has them.
func (k *kit) notePieces(d *doc.Document, w float64, bs bodyStyle) []piece {
	if d.Notes == nil {
		return nil
	}
	return k.listPieces(doc.PartNotes, d.Notes.Title, d.Notes.Items, "•", "", w, bs)
}

// newBodyStyle is the body type at size (points) for the main text,
// titles a little larger, small print smaller but never below minSize.
func (k *kit) newBodyStyle(size float64) bodyStyle {
	return bodyStyle{
		body:     textStyle{Style: typeset.Style{Size: size, Leading: 1.2}, Color: k.col.ink},
		title:    textStyle{Style: typeset.Style{Size: size * 1.2, Bold: true, Leading: 1.12}, Color: k.col.accent, Role: RoleH2},
		small:    textStyle{Style: typeset.Style{Size: max(size*0.8, minSize), Leading: 1.2}, Color: k.col.muted},
		itemGap:  size * 0.2,
		titleGap: size * 0.3,
		groupGap: size * 0.7,
		marker:   k.col.accent,
	}
}

// airy is bs with more room for short text: its gaps air times as
// large, its lines' leading up a fifth of a line for each time more.
func (bs bodyStyle) airy(air float64) bodyStyle {
	bs.itemGap, bs.titleGap, bs.groupGap = bs.itemGap*air, bs.titleGap*air, bs.groupGap*air
	bs.body.Leading += 0.2 * (air - 1)
	return bs
}

// actions are groups of actions in one column: each group's title, what
// to do (✓) and what to avoid (✗).
func (k *kit) actions(groups []doc.Actions, w, groupGap, titleGap, itemGap float64, title, body textStyle, accent doc.RGB) box {
	var out []box
	for _, g := range groups {
		out = append(out, vstack(w, titleGap,
			k.text(g.Title, w, title),
			k.list(g.Do, "✓", accent, w, itemGap, body),
			k.list(g.Dont, "✗", danger, w, itemGap, body),
		))
	}
	return vstack(w, groupGap, out...)
}

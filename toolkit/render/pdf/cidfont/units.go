package cidfont

import (
	"fmt"
	"slices"
	"unicode/utf8"
)

// A unit is what one CID draws: a glyph with an advance together with the
// zero-advance glyphs (marks) of its cluster that belong to it, glyphs
// [first, end) of the run in visual order.
//
// Marks are not drawn as CIDs of their own. A text extractor treats a
// glyph that starts where the previous one starts as duplicated text (fake
// bold) and breaks the word there, so that vocalised Arabic, for one, came
// out of pdftotext in pieces on separate lines. Drawn as one composite glyph
// with its base, a mark is invisible to that logic.
type unit struct {
	first, end int
	cluster    int
	text       string // what the unit copies out as
}

// units splits the run's glyphs into units and gives each the text it
// stands for: a cluster's characters are spread over its units in reading
// order, the first unit taking the first character and the last unit the
// rest; units beyond the characters get nothing. Extractors read glyphs
// left to right (right to left in RTL text), so they get the logical text
// back even where the shaper reordered a cluster, as it does with the
// pre-base vowel signs of Gurmukhi and Devanagari. The units are returned in
// visual order.
func (w *Writer) units(r *Run) ([]unit, error) {
	starts := w.runeStarts[:0]
	for i := range r.Text {
		starts = append(starts, i)
	}
	nRunes := len(starts)
	starts = append(starts, len(r.Text))
	w.runeStarts = starts
	for i, g := range r.Glyphs {
		if g.Cluster < 0 || g.Cluster > nRunes {
			return nil, fmt.Errorf("glyph %d: cluster %d is outside the text's %d runes", i, g.Cluster, nRunes)
		}
	}

	// Walk the glyphs in reading order; a glyph with an advance starts a
	// new unit unless the unit so far holds only marks.
	units := w.unitBuf[:0]
	n := len(r.Glyphs)
	hasBase := false
	for k := range n {
		i := k
		if r.RTL {
			i = n - 1 - k
		}
		g := r.Glyphs[i]
		base := g.XAdvance != 0
		if len(units) > 0 {
			u := &units[len(units)-1]
			if u.cluster == g.Cluster && !(base && hasBase) {
				u.first, u.end = min(u.first, i), max(u.end, i+1)
				hasBase = hasBase || base
				continue
			}
		}
		units = append(units, unit{first: i, end: i + 1, cluster: g.Cluster})
		hasBase = base
	}

	// Spread each cluster's text over its units in reading order.
	order := w.order[:0]
	for k := range units {
		order = append(order, k)
	}
	slices.SortStableFunc(order, func(a, b int) int { return units[a].cluster - units[b].cluster })
	w.order = order
	for i := 0; i < len(order); {
		c := units[order[i]].cluster
		j := i + 1
		for j < len(order) && units[order[j]].cluster == c {
			j++
		}
		end := nRunes
		if j < len(order) {
			end = units[order[j]].cluster
		}
		// Glyphs beyond the characters join the last character's unit
		// (a split vowel sign: Bengali কো is three glyphs), when they are
		// next to it; an extractor would read a gap into a glyph that
		// stands for nothing.
		if chars := end - c; chars > 0 && j-i > chars {
			last := i + chars - 1
			next := true
			for k := last; k+1 < j; k++ {
				next = next && order[k+1] == order[k]+1
			}
			if next {
				u := &units[order[last]]
				for k := last + 1; k < j; k++ {
					v := &units[order[k]]
					u.first, u.end = min(u.first, v.first), max(u.end, v.end)
					v.end = v.first // merged away
				}
				j = last + 1
			}
		}
		for m := range j - i {
			var s string
			switch {
			case c+m >= end:
				s = ""
			case m == j-i-1:
				s = r.Text[starts[c+m]:starts[end]]
			default:
				s = r.Text[starts[c+m]:starts[c+m+1]]
			}
			if r.RTL {
				// Extractors reverse a multi-character string in RTL
				// text, so it is stored reversed.
				s = reverseRunes(s)
			}
			units[order[i+m]].text = s
		}
		for i = j; i < len(order) && units[order[i]].cluster == c; i++ {
		}
	}
	units = slices.DeleteFunc(units, func(u unit) bool { return u.end == u.first })

	if r.RTL {
		slices.Reverse(units)
	}
	w.unitBuf = units
	return units, nil
}

func reverseRunes(s string) string {
	if utf8.RuneCountInString(s) < 2 {
		return s
	}
	rs := []rune(s)
	slices.Reverse(rs)
	return string(rs)
}

package cidfont

import (
	"fmt"
	"slices"
	"unicode"
	"unicode/utf8"
)

// A unit is what one CID draws: usually one glyph, glyphs [first, end) of
// the run in visual order. Its text may come with text of its own before
// and after it (in reading order), drawn as zero-width CIDs that draw
// nothing; see units.
type unit struct {
	first, end      int
	cluster         int
	wide            bool   // the unit advances the pen
	pre, text, post string // what the unit copies out as
}

// units gives each glyph of the run the text it stands for. A cluster's
// characters are spread over its glyphs in reading order, the first glyph
// taking the first character and the last glyph the rest. Extractors read
// glyphs left to right (right to left in RTL text), so they get the logical
// text back even where the shaper reordered a cluster, as it does with the
// pre-base vowel signs of Gurmukhi and Devanagari.
//
// Two extractor habits shape the details. pdf.js takes a glyph whose text
// holds a nonspacing mark (Unicode Mn: virama, nukta, harakat…) to be zero
// wide, and reads a gap, so a space, after it if it is not; so a glyph with
// an advance gets no such mark: it goes to a zero-width, text-only unit
// next to it. And a glyph with an advance but no text reads as a gap, so
// glyphs beyond the characters (a split vowel sign: Bengali কো is three
// glyphs) join the unit before them.
//
// The units are returned in visual order.
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

	// One unit per glyph, in reading order.
	units := w.unitBuf[:0]
	n := len(r.Glyphs)
	for k := range n {
		i := k
		if r.RTL {
			i = n - 1 - k
		}
		g := r.Glyphs[i]
		units = append(units, unit{first: i, end: i + 1, cluster: g.Cluster, wide: g.XAdvance != 0})
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
		spread(r.Text, starts[c:end+1], units, order[i:j])
		i = j
	}
	units = slices.DeleteFunc(units, func(u unit) bool { return u.end == u.first })

	if r.RTL {
		slices.Reverse(units)
		// Extractors reverse a multi-character string in RTL text, so
		// it is stored reversed.
		for i := range units {
			u := &units[i]
			u.pre, u.text, u.post = reverseRunes(u.pre), reverseRunes(u.text), reverseRunes(u.post)
		}
	}
	w.unitBuf = units
	return units, nil
}

// spread gives the units of one cluster, units[idx[0]], units[idx[1]] … in
// reading order, the cluster's characters, text[starts[k]:starts[k+1]].
func spread(text string, starts []int, units []unit, idx []int) {
	chars := len(starts) - 1
	p := 0        // next character
	live := -1    // the unit that the next glyph without text would join
	liveEnd := -1 // the reading-order index after live and what joined it
	char := func() string { p++; return text[starts[p-1]:starts[p]] }
	isMark := func() bool {
		r, _ := utf8.DecodeRuneInString(text[starts[p]:])
		return unicode.Is(unicode.Mn, r)
	}
	for k, ui := range idx {
		u := &units[ui]
		last := k == len(idx)-1
		if !u.wide {
			switch {
			case last:
				u.text = text[starts[p]:starts[chars]]
				p = chars
			case p < chars:
				u.text = char()
			}
			live, liveEnd = ui, ui+1
			continue
		}
		pre := starts[p]
		for p < chars && isMark() {
			p++
		}
		u.pre = text[pre:starts[p]]
		body := starts[p]
		if p < chars {
			p++
			for last && p < chars && !isMark() {
				p++
			}
		}
		u.text = text[body:starts[p]]
		if last {
			u.post = text[starts[p]:starts[chars]]
			p = chars
		}
		if u.text == "" && live >= 0 && liveEnd == ui {
			// Nothing of its own: the glyph joins the unit before it,
			// with whatever marks it was given.
			v := &units[live]
			v.first, v.end = min(v.first, u.first), max(v.end, u.end)
			v.post += u.pre + u.post
			u.end = u.first // merged away
			liveEnd = ui + 1
			continue
		}
		live, liveEnd = ui, ui+1
	}
}

// reverseRunes returns s with its characters in reverse order.
func reverseRunes(s string) string {
	if utf8.RuneCountInString(s) < 2 {
		return s
	}
	rs := []rune(s)
	slices.Reverse(rs)
	return string(rs)
}

package cidfont

import (
	"fmt"
	"math"
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
// The units are returned in reading order, each with its text in
// reading order, so that the content stream holds the text in logical
// order: what Tagged PDF asks for (ISO 32000-1, 14.8.2.3), and what a
// screen reader or pdfinfo -struct-text reads, in stream order, from a
// structure element's marked content.
func (w *Writer) units(r *Run) ([]unit, error) {
	starts := w.runeStarts[:0]
	for i := range r.Text {
		starts = append(starts, i)
	}
	nRunes := len(starts)
	starts = append(starts, len(r.Text))
	w.runeStarts = starts
	// cluster is the rune that glyph i's cluster starts at.
	cluster := func(i int) (int, error) {
		c := r.Glyphs[i].Cluster
		if r.ByteClusters {
			k, ok := slices.BinarySearch(starts, c)
			if !ok {
				return 0, fmt.Errorf("glyph %d: cluster %d is not where a character of the text's %d bytes starts", i, c, len(r.Text))
			}
			return k, nil
		}
		if c < 0 || c > nRunes {
			return 0, fmt.Errorf("glyph %d: cluster %d is outside the text's %d runes", i, c, nRunes)
		}
		return c, nil
	}

	// One unit per glyph, in reading order.
	units := w.unitBuf[:0]
	n := len(r.Glyphs)
	for k := range n {
		i := k
		if r.RTL {
			i = n - 1 - k
		}
		c, err := cluster(i)
		if err != nil {
			return nil, err
		}
		units = append(units, unit{first: i, end: i + 1, cluster: c, wide: r.Glyphs[i].XAdvance != 0})
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

// showFunc draws the glyph of spec, standing for text, at x font units
// from the run's left end.
type showFunc func(x float64, spec []byte, text string) error

// placeFunc draws the glyph of spec, standing for text, at x thousandths
// of an em from the run's left end: exactly there if exact.
type placeFunc func(x float64, exact bool, spec []byte, text string) error

// visualPlaces is where each unit of an RTL run (in reading order) is
// drawn, in thousandths of an em from the run's left end: where walking
// the units from left to right puts it, the text position following each
// glyph's width in /W and moving only when it is half a thousandth or
// more away from the shaper's position, as in LTR text. Drawn in reading
// order at these places, the glyphs land exactly where a left-to-right
// drawing puts them: the page looks the same to the pixel.
func (w *Writer) visualPlaces(r *Run, units []unit, at []float64) ([]float64, error) {
	f := r.Font
	place := slices.Grow(w.place[:0], len(units))[:len(units)]
	w.place = place
	p := 0.0
	moveTo := func(x float64) {
		if m := f.toThousandths(x) - p; math.Abs(m) >= 0.5 {
			p += math.Round(m)
		}
	}
	for k := len(units) - 1; k >= 0; k-- {
		u := units[k]
		if u.post != "" {
			moveTo(at[u.first])
		}
		moveTo(at[u.first])
		place[k] = p
		spec, err := w.glyphSpec(f, r.Glyphs[u.first:u.end])
		if err != nil {
			return nil, err
		}
		p += roundTo(f.toThousandths(float64(specAdvance(f, spec))), 2)
		if u.pre != "" {
			moveTo(at[u.end])
		}
	}
	return place, nil
}

// rtlGroup draws a right-to-left glyph with the zero-width units after it
// in reading order, its marks (group[0] is the glyph's unit), so that both
// kinds of reader get the group's text in logical order. One that reads
// the content stream (pdfinfo -struct-text, a screen reader following
// the tags) takes the characters in the order they are shown; one that
// orders by position (pdftotext, selection) takes them from right to
// left, splits a CID's string over its width from left to right, and
// drops or misplaces text of no width. So each character of the group
// gets a slot of the glyph's width, from its right end leftwards, shown
// in reading order: all but the last as text of their own that draws
// nothing, the last on the glyph itself, made as narrow as its slot (its
// outline unchanged). The glyph and its marks are drawn at place (see
// visualPlaces), the marks with no text. at[i] is where the shaper puts
// glyph i of the run, in font units.
func (w *Writer) rtlGroup(show showFunc, showAt placeFunc, r *Run, group []unit, at, place []float64) error {
	chars := w.chars[:0]
	for _, u := range group {
		for _, s := range [3]string{u.pre, u.text, u.post} {
			for k, c := range s {
				chars = append(chars, s[k:k+utf8.RuneLen(c)])
			}
		}
	}
	w.chars = chars
	g := group[0]
	start, end := at[g.first], at[g.end]
	// The marks are drawn with the glyph, as one composite: a CID of its
	// own with no text reads as nothing to poppler, but pdf.js reads its
	// code as a character ("فقد يعّرyض", a stray "2" where a line's last
	// space stood). They stand before the glyph in visual order, and take
	// no room, so the composite starts where the glyph does.
	lo := g.first
	for _, u := range group[1:] {
		lo = min(lo, u.first)
	}
	marks := at[lo] == start && group[len(group)-1].first == lo
	first := g.first
	if marks {
		first = lo
	}
	spec, err := w.glyphSpec(r.Font, r.Glyphs[first:g.end])
	if err != nil {
		return err
	}
	switch n := len(chars); n {
	case 0:
		err = showAt(place[0], true, spec, "")
	case 1:
		err = showAt(place[0], true, spec, chars[0])
	default:
		width := int64(math.Round(end - start))
		edge := func(k int) int64 { return width * int64(k) / int64(n) } // slot k's right end, from the glyph's left
		for k := range n - 1 {
			left, right := edge(n-1-k), edge(n-k)
			if err := show(start+float64(left), advanceSpec(right-left), chars[k]); err != nil {
				return err
			}
		}
		err = showAt(place[0], true, withAdvance(spec, edge(1)), chars[n-1])
	}
	if err != nil {
		return err
	}
	if marks {
		return nil
	}
	for k, u := range group[1:] {
		spec, err := w.glyphSpec(r.Font, r.Glyphs[u.first:u.end])
		if err != nil {
			return err
		}
		if err := showAt(place[1+k], true, spec, ""); err != nil {
			return err
		}
	}
	return nil
}

package typeset

import (
	"slices"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// lineBreak is LINE SEPARATOR: a line ends after it, and the paragraph
// goes on (its bidi class is WS, as a space's, not B: the levels around
// it are those of one paragraph). keepEmbedded puts it for the space
// where a line must end, and it is drawn and copied as that space
// (wrap, stripControls); the text given to Set never holds one (clean
// makes it a newline).
const lineBreak = '\u2028'

// keepEmbedded sets again, when a line of lines breaks inside a run of
// the other direction embedded in the paragraph (a Latin name in an
// Arabic sentence, an Arabic name in an English one), so that the run
// is read in one piece. UAX #9 orders each line after the break (rule
// L1-L2, as visualOrder does), and so splits such a run between the
// far end of one line and the near end of the next: "… ذكرتها Maple
// Community" over "Services 24/7 Inc.", the Arabic reader's eye going
// from the Arabic at the right to "Maple" at the left end, across the
// line to its right end, then to the start of the next line. A run that
// fits on a line is kept whole (no break inside it, ties as Tie's); one
// wider than the line starts a line, when a space stands before it, so
// that its pieces stand one under the other, each at the lines' start.
// lines are text wrapped between words (no forced breaks); when the new
// lines would not fit width, lines are kept.
func (t *Typesetter) keepEmbedded(text string, opts Options, width fixed.Int26_6, limit float64, lines []Line) []Line {
	sh := t.shape(text, opts)
	if len(sh.levels) < 2 {
		return lines // one direction
	}
	runs := embeddedRuns(sh, opts.RTL)
	if len(runs) == 0 || !breaksInside(lines, sh, runs) {
		return lines
	}
	widths := runWidths(sh, runs)
	var b strings.Builder
	last := 0
	for i, r := range runs {
		wide := widths[i] > width
		// The space before a wide run (before its isolate's mark and
		// the brackets or quotes it opens with, if any: "(Maple…") ends
		// a line, when there are words before it.
		sp := r[0] - 1
		for sp > last && (isDirectionControl(sh.runes[sp]) || opens(sh.runes[sp])) {
			sp--
		}
		if wide && sp >= last && sh.runes[sp] == ' ' && slices.ContainsFunc(sh.runes[:sp], visible) {
			b.WriteString(string(sh.runes[last:sp]))
			b.WriteRune(lineBreak)
			b.WriteString(string(sh.runes[sp+1 : r[0]]))
		} else {
			b.WriteString(string(sh.runes[last:r[0]]))
		}
		for j := r[0]; j < r[1]; j++ {
			c := sh.runes[j]
			switch {
			case wide:
				b.WriteRune(c)
			case c == zwsp:
				b.WriteRune(tie)
			case c == ' ' && j+1 < r[1]:
				b.WriteRune(c)
				b.WriteRune(tie)
			default:
				b.WriteRune(c)
			}
		}
		last = r[1]
	}
	b.WriteString(string(sh.runes[last:]))
	kept := t.wrap(b.String(), opts, width, shaping.Never)
	if overflows(kept, limit) {
		return lines
	}
	// A line that ended at the space before the separator leaves it a
	// line of its own, with nothing to draw. Only such a line goes: a
	// line of spaces the text holds itself (" " before a name that
	// fits a line only without it, at a paragraph's start) is text,
	// and dropping it lost the space (FuzzSet).
	kepttext := b.String()
	return slices.DeleteFunc(slices.Clone(kept), func(l Line) bool {
		return !slices.ContainsFunc(l.Runs, func(r Run) bool { return !onlySeparator(r, kepttext) })
	})
}

// onlySeparator reports whether run r of a line of text holds nothing
// but the line separator keepEmbedded put there (copied as a space) and
// direction controls, which are not copied.
func onlySeparator(r Run, text string) bool {
	switch r.Text {
	case "":
		return true
	case " ":
		for _, c := range text[r.Start:] {
			if c == lineBreak {
				return true
			}
			if !isDirectionControl(c) {
				return false
			}
		}
	}
	return false
}

// embeddedRuns are the runs of the paragraph's other direction, as rune
// ranges: the longest stretches above the paragraph's level that hold
// a letter (a number alone is Tie's: its own unit, or tied to its word),
// from their first letter or digit to their last.
func embeddedRuns(sh *shaped, rtl bool) [][2]int {
	base := bidi.Level(0)
	if rtl {
		base = 1
	}
	var out [][2]int
	for i := 0; i < len(sh.runes); {
		if sh.levelAt(i) <= base {
			i++
			continue
		}
		j := i
		for j < len(sh.runes) && sh.levelAt(j) > base {
			j++
		}
		// From the first letter or digit to the last: spaces and
		// marks at the ends are not the run's.
		s, e := i, j
		for s < e && !visible(sh.runes[s]) {
			s++
		}
		for e > s && !visible(sh.runes[e-1]) {
			e--
		}
		if slices.ContainsFunc(sh.runes[s:e], unicode.IsLetter) {
			out = append(out, [2]int{s, e})
		}
		i = j
	}
	return out
}

// opens reports a bracket or quotation mark that opens what follows:
// "(", "[", "«", "“", and the straight quotes.
func opens(r rune) bool {
	return unicode.In(r, unicode.Ps, unicode.Pi) || r == '"' || r == '\''
}

// visible reports a character that is neither a space nor a mark that
// steers layout.
func visible(r rune) bool { return !unicode.IsSpace(r) && !isDirectionControl(r) && r != nbsp }

// breaksInside reports whether a line of lines starts inside one of
// runs.
func breaksInside(lines []Line, sh *shaped, runs [][2]int) bool {
	for _, l := range lines[1:] {
		if len(l.Runs) == 0 {
			continue
		}
		start := l.Runs[0].Start
		for _, r := range l.Runs[1:] {
			start = min(start, r.Start)
		}
		at, _ := slices.BinarySearch(sh.byteAt, start)
		for _, r := range runs {
			if r[0] < at && at < r[1] {
				return true
			}
		}
	}
	return false
}

// runWidths are the advances of runs, in the units wrap measures in.
func runWidths(sh *shaped, runs [][2]int) []fixed.Int26_6 {
	out := make([]fixed.Int26_6, len(runs))
	for _, o := range sh.outs {
		for _, g := range o.Glyphs {
			at := g.TextIndex()
			for i, r := range runs {
				if r[0] <= at && at < r[1] {
					out[i] += g.Advance
				}
			}
		}
	}
	return out
}

// SplitEmbedded sets, from now on, runs of the other direction as UAX #9
// alone breaks them, where the line ends (on), or whole as keepEmbedded
// sets them (off, as a new Typesetter does). Kept whole, a name can take
// a line more: a layout that no longer fits at any size so (the youth
// flyer in Ukrainian and Persian with a 100-character organisation and
// a very wide logo needed 758 pt where the page has 668) is tried again
// with them split, as it fitted before.
func (t *Typesetter) SplitEmbedded(on bool) { t.split = on }

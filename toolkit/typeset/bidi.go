package typeset

import (
	"slices"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/shaping"
	ubidi "golang.org/x/text/unicode/bidi"
)

// Embedding levels (UAX #9). go-text resolves every character's level
// but returns runs of one direction, each with the level of its first
// character: characters of one direction at different levels run
// together. An isolate that opens on Arabic in Arabic text, or a number
// after Arabic text followed by Latin in an English line, then takes
// the wrong level, and rule L2 puts it in the wrong place: "Help from
// ⁨جمعية النخيل 24⁩ today" came out "Help from 24 today جمعية النخيل"
// (Chromium draws "Help from 24 جمعية النخيل today", the number read
// after the name), and in Arabic text a Latin name after such an
// isolate moved before the number inside it.
//
// levels gives each character its own level from what go-text gets
// right, its direction, and what the explicit formatting characters
// make (rules X1–X8, counted here): a character with the embedding
// level e goes to e if its direction is e's (or an override sets it),
// else to e+1 (rules I1, I2), but for a number after right-to-left text
// at an even e, which goes to e+2.

// runDirections is the direction of each character go-text's runs
// cover: 0 left to right, 1 right to left.
func runDirections(runs *bidi.Runs) []bidi.Level {
	var out []bidi.Level
	for i := range runs.NumRuns() {
		r := runs.Run(i)
		for range r.End - r.Start {
			out = append(out, r.Level%2) // the direction; the level follows
		}
	}
	return out
}

// inputDirections is runDirections read from the runs go-text's
// segmenter split a text into (Split), which cover it in order: the
// segmenter splits by go-text's bidi runs first, takes each run's
// direction from them and keeps it through its other splits (script,
// font). Shaping used to run the bidi analysis twice per text, once in
// Split and once for levels: 7% of what an Arabic build spent in the
// typesetter.
func inputDirections(inputs []shaping.Input, n int) []bidi.Level {
	out := make([]bidi.Level, 0, n)
	for _, in := range inputs {
		d := bidi.Level(0)
		if in.Direction.Progression() == di.TowardTopLeft {
			d = 1
		}
		for range in.RunEnd - in.RunStart {
			out = append(out, d)
		}
	}
	return out
}

// levels returns the embedding level of each of runes, given the
// direction of each (out, runDirections: changed in place); rtl is the
// paragraph's direction.
func levels(runes []rune, out []bidi.Level, rtl bool) []bidi.Level {
	if len(out) != len(runes) {
		return out // never: go-text resolves every rune
	}
	if !slices.Contains(out, 1) && !slices.ContainsFunc(runes, isExplicit) {
		return out // all left to right at level 0: most text
	}
	explicit, override := explicitLevels(runes, rtl)
	for i, odd := range out {
		e := explicit[i]
		switch {
		case override[i]:
			out[i] = e
		case odd == 0 && e%2 == 0 && highNumber(runes, explicit, i):
			out[i] = e + 2
		case odd == e%2:
			out[i] = e
		default:
			out[i] = e + 1
		}
	}
	// The formatting characters draw nothing and are taken out of the
	// text (rule X9): each goes with the character before it (the first
	// with the one after), so that it splits no run.
	first := -1
	for i, r := range runes {
		if !isDirectionControl(r) {
			if first < 0 {
				first = i
			}
			continue
		}
		if i > 0 {
			out[i] = out[i-1]
		}
	}
	if first > 0 {
		for i := range first {
			out[i] = out[first]
		}
	}
	keepNumbersWhole(runes, out)
	return out
}

// keepNumbersWhole gives the characters between a number's digits (a
// phone number's hyphens, spaces, dots, brackets), and a plus or an
// opening bracket before it, the level of its digits when that is left
// to right and theirs is lower. Rules W2 and N1 make "1-833-900-1010"
// after Arabic letters four Arabic numbers with right-to-left hyphens
// between them, drawn 1010-900-833-1: in right-to-left paragraphs
// isolateNumbers prevents it, but a left-to-right line can hold Arabic
// (raw, or a bilingual page's other language in an isolate). The number
// stays where the bidi algorithm (and Chromium) puts it; only its groups
// read in order. A number holds its brackets in pairs: one it does not
// pair, "(24 ساعة)", "5 (24 ساعة)", ends it, and stays at the level of
// the text around with its partner, or the two are drawn facing one way.
func keepNumbersWhole(runes []rune, out []bidi.Level) {
	for i := 0; i < len(runes); {
		if !isNumberDigit(runes[i]) {
			i++
			continue
		}
		start, end, j := i, i+1, i+1
		if start > 0 && runes[start-1] == wordJoiner {
			start-- // NoBreak's, after a plus
		}
		if start > 0 && (runes[start-1] == '+' || runes[start-1] == '(') {
			start--
		} else if runes[start] == wordJoiner {
			start++
		}
		for ; j < len(runes); j++ {
			if isNumberDigit(runes[j]) {
				end = j + 1
			} else if !joinsNumber(runes[j]) {
				break
			}
		}
		// A closing bracket right after the number goes with it when the
		// number opened one.
		if end < len(runes) && runes[end] == ')' && openBrackets(runes[start:end]) > 0 {
			end++
		}
		for {
			u := start + unpaired(runes[start:end])
			if u == end {
				break
			}
			if u < i {
				start = i // the bracket before the number
				continue
			}
			for end = u; !isNumberDigit(runes[end-1]); end-- {
			}
			j = u
		}
		level, same := out[i], true
		for k := i; k < end; k++ {
			same = same && (out[k] == level || !isNumberDigit(runes[k]))
		}
		if same && level%2 == 0 {
			for k := start; k < end; k++ {
				out[k] = max(out[k], level)
			}
		}
		i = j
	}
}

// openBrackets is how many more opening brackets than closing ones s has.
func openBrackets[E rune | byte](s []E) int {
	n := 0
	for _, c := range s {
		switch c {
		case '(':
			n++
		case ')':
			n--
		}
	}
	return n
}

// unpaired returns the index in s of the first bracket s does not pair:
// a "(" it does not close, or a ")" it did not open; len(s) if none.
func unpaired[E rune | byte](s []E) int {
	end, depth := len(s), 0
	for i, c := range s {
		if c == '(' {
			depth++
		} else if c == ')' {
			if depth == 0 {
				end = i
				break
			}
			depth--
		}
	}
	first := end
	depth = 0
	for i := end - 1; i >= 0; i-- {
		if s[i] == ')' {
			depth++
		} else if s[i] == '(' {
			if depth == 0 {
				first = i
			} else {
				depth--
			}
		}
	}
	return first
}

// isNumberDigit reports the digits a number is written with here:
// European, Arabic-Indic and Persian (phoneNumber's).
func isNumberDigit(r rune) bool {
	return r >= '0' && r <= '9' || r >= '٠' && r <= '٩' || r >= '۰' && r <= '۹'
}

// joinsNumber reports the characters between the digit groups of one
// number (phoneNumber's): hyphens, dots, slashes, brackets, spaces of
// every width, and the word joiners NoBreak puts between them.
func joinsNumber(r rune) bool {
	switch r {
	case '-', '.', '/', '(', ')', ' ', '\u00A0', '\u202F', wordJoiner:
		return true
	}
	return false
}

// maxDepth is UAX #9's deepest embedding level.
const maxDepth = 125

// explicitLevels applies rules X1–X8: each rune's embedding level, and
// whether a directional override sets its direction. A formatting
// character takes the level outside it, as an isolate's initiator and
// its PDI do.
func explicitLevels(runes []rune, rtl bool) ([]bidi.Level, []bool) {
	type entry struct {
		level    bidi.Level
		override bool
		isolate  bool
	}
	base := bidi.Level(0)
	if rtl {
		base = 1
	}
	stack := []entry{{level: base}}
	var overflowIsolates, overflowEmbeddings, validIsolates int
	levels := make([]bidi.Level, len(runes))
	overrides := make([]bool, len(runes))
	next := func(odd bool) bidi.Level {
		l := stack[len(stack)-1].level + 1
		if (l%2 == 1) != odd {
			l++
		}
		return l
	}
	for i, r := range runes {
		top := stack[len(stack)-1]
		levels[i], overrides[i] = top.level, top.override
		switch c := class(r); c {
		case ubidi.RLE, ubidi.LRE, ubidi.RLO, ubidi.LRO:
			l := next(c == ubidi.RLE || c == ubidi.RLO)
			if l <= maxDepth && overflowIsolates == 0 && overflowEmbeddings == 0 {
				stack = append(stack, entry{level: l, override: c == ubidi.RLO || c == ubidi.LRO})
			} else if overflowIsolates == 0 {
				overflowEmbeddings++
			}
			overrides[i] = false
		case ubidi.RLI, ubidi.LRI, ubidi.FSI:
			odd := c == ubidi.RLI
			if c == ubidi.FSI {
				odd = firstStrongRTL(runes[i+1:])
			}
			l := next(odd)
			if l <= maxDepth && overflowIsolates == 0 && overflowEmbeddings == 0 {
				validIsolates++
				stack = append(stack, entry{level: l, isolate: true})
			} else {
				overflowIsolates++
			}
		case ubidi.PDI:
			switch {
			case overflowIsolates > 0:
				overflowIsolates--
			case validIsolates > 0:
				overflowEmbeddings = 0
				for !stack[len(stack)-1].isolate {
					stack = stack[:len(stack)-1]
				}
				stack = stack[:len(stack)-1]
				validIsolates--
			}
			top = stack[len(stack)-1]
			levels[i], overrides[i] = top.level, top.override
		case ubidi.PDF:
			switch {
			case overflowIsolates > 0:
			case overflowEmbeddings > 0:
				overflowEmbeddings--
			case !top.isolate && len(stack) > 1:
				stack = stack[:len(stack)-1]
			}
			overrides[i] = false
		}
	}
	return levels, overrides
}

// firstStrongRTL reports whether the first strong character of text,
// up to the PDI that closes an isolate opening before it and skipping
// isolates inside, is right-to-left (rules P2, P3 for FSI).
func firstStrongRTL(text []rune) bool {
	depth := 0
	for _, r := range text {
		switch class(r) {
		case ubidi.L:
			if depth == 0 {
				return false
			}
		case ubidi.R, ubidi.AL:
			if depth == 0 {
				return true
			}
		case ubidi.RLI, ubidi.LRI, ubidi.FSI:
			depth++
		case ubidi.PDI:
			if depth == 0 {
				return false
			}
			depth--
		}
	}
	return false
}

// highNumber reports whether the rune at i, left to right at an even
// embedding level, is part of a number that rules W2 and I1 put two
// levels up: Arabic-Indic digits, or European digits (with their
// separators and signs) after right-to-left text at their level.
func highNumber(runes []rune, explicit []bidi.Level, i int) bool {
	// The number the rune is part of: digits, with a separator between
	// two digits or a sign (ET) beside them; marks take what they follow.
	isNum := func(c ubidi.Class) bool { return c == ubidi.EN || c == ubidi.AN }
	j := i
	for j > 0 && class(runes[j]) == ubidi.NSM && explicit[j-1] == explicit[i] {
		j--
	}
	c := class(runes[j])
	if !isNum(c) {
		between := func(k int) bool {
			return k >= 0 && k < len(runes) && explicit[k] == explicit[i] && isNum(class(runes[k]))
		}
		switch c {
		case ubidi.ES, ubidi.CS:
			if !between(j-1) || !between(j+1) {
				return false
			}
			c = class(runes[j-1])
		case ubidi.ET:
			k := j
			for k < len(runes) && class(runes[k]) == ubidi.ET {
				k++
			}
			l := j
			for l > 0 && class(runes[l-1]) == ubidi.ET {
				l--
			}
			if !(k < len(runes) && explicit[k] == explicit[i] && class(runes[k]) == ubidi.EN) && !(l > 0 && explicit[l-1] == explicit[i] && class(runes[l-1]) == ubidi.EN) {
				return false
			}
			c = ubidi.EN
		default:
			return false
		}
	}
	if c == ubidi.AN {
		return true
	}
	// A European number is left to right after Latin (W7) and goes up
	// after Arabic or Hebrew (W2, I1): the strong character before it at
	// its level decides, characters inside isolates and embeddings
	// skipped; none means the level's own direction, left to right.
	for k := j - 1; k >= 0 && explicit[k] >= explicit[i]; k-- {
		if explicit[k] > explicit[i] {
			continue
		}
		switch class(runes[k]) {
		case ubidi.L:
			return false
		case ubidi.R, ubidi.AL:
			return true
		}
	}
	return false
}

// isExplicit reports the formatting characters of rules X1–X8.
func isExplicit(r rune) bool { return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 }

// class is r's bidi class.
func class(r rune) ubidi.Class {
	p, _ := ubidi.LookupRune(r)
	return p.Class()
}

package txt

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/segmenter"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Width is the number of terminal columns s takes: two for wide and
// full-width characters (Han, Hiragana, Hangul, most emoji), none for
// combining marks and format controls, one for everything else.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case r < 0x20 || r == 0x7F:
		return 0
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r >= 0x1160 && r <= 0x11FF: // Hangul medial and final jamo join the syllable before
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// WrapOptions says how Wrap breaks a paragraph.
type WrapOptions struct {
	Width int    // columns, prefixes included
	First string // put before the first line, e.g. "- "
	Rest  string // put before every other line, e.g. "  "
	// Keep lists texts that must stay on one line, such as the phone
	// numbers of the document. Anything that looks like a phone number
	// stays together too.
	Keep []string
	// SpacesOnly breaks only where there is white space. Markdown needs
	// it: a line break between two Chinese characters reads as a space
	// once rendered.
	SpacesOnly bool
	// LineStart, when set, rewrites the word that begins a line, before
	// it is measured; Markdown escapes list and heading markers with it.
	LineStart func(word string) string
}

// phoneLike matches numbers written in groups, like 1-833-900-1010,
// (604) 555-0134 or +1 604 555 0134, and large numbers with spaces
// between thousands: none of them may be split over two lines. It is
// compiled when first used (1.3 million instructions), not by every
// command at start.
var phoneLike = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)|\d{1,4})(?:[ .-]\(?\d{2,4}\)?){2,}`)
})

// Wrap breaks text into lines of at most o.Width columns at the line
// break opportunities of Unicode's line breaking algorithm (UAX #14),
// never inside a phone number. A newline in text ends a line. A word
// wider than a line stands alone on its line rather than being cut.
func Wrap(text string, o WrapOptions) []string {
	text = norm.NFC.String(text)
	var out []string
	for i, para := range strings.Split(text, "\n") {
		first, rest := o.First, o.Rest
		if i > 0 {
			first = rest
		}
		out = append(out, wrapParagraph(collapseSpaces(para), first, rest, o)...)
	}
	return out
}

// collapseSpaces folds runs of ordinary white space to one space and
// trims the ends; no-break spaces stay as they are.
func collapseSpaces(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		if r == ' ' || r == '\t' || r == '\r' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func wrapParagraph(para, first, rest string, o WrapOptions) []string {
	if para == "" {
		return []string{strings.TrimRight(first, " ")}
	}
	words := segments(para, o)
	var lines []string
	prefix := first
	var line strings.Builder
	col := 0 // columns used on the current line, prefix included
	empty := true
	flush := func() {
		lines = append(lines, strings.TrimRight(prefix+line.String(), " "))
		line.Reset()
		prefix, empty = rest, true
	}
	for _, w := range words {
		if !empty && col+Width(strings.TrimRight(w, " ")) > o.Width {
			flush()
		}
		if empty {
			if o.LineStart != nil {
				w = o.LineStart(w)
			}
			col = Width(prefix)
			empty = false
		}
		line.WriteString(w)
		col += Width(w)
	}
	if !empty {
		flush()
	}
	return lines
}

// segments splits a paragraph into the pieces between which a line may
// break; each piece keeps the spaces that follow it.
func segments(para string, o WrapOptions) []string {
	runes := []rune(para)
	var seg segmenter.Segmenter
	seg.Init(runes)
	var breaks []int // rune offsets where a line may start
	it := seg.LineIterator()
	for it.Next() {
		if l := it.Line(); l.Offset > 0 {
			breaks = append(breaks, l.Offset)
		}
	}
	keep := keepSpans(para, o.Keep)
	var out []string
	start := 0
	for _, b := range breaks {
		if inside(b, keep) || o.SpacesOnly && !unicode.IsSpace(runes[b-1]) {
			continue
		}
		out = append(out, string(runes[start:b]))
		start = b
	}
	return append(out, string(runes[start:]))
}

// keepSpans returns the rune ranges [start, end) that must not break.
func keepSpans(para string, keep []string) [][2]int {
	var spans [][2]int
	add := func(byteStart, byteEnd int) {
		s := len([]rune(para[:byteStart]))
		spans = append(spans, [2]int{s, s + len([]rune(para[byteStart:byteEnd]))})
	}
	for _, m := range phoneLike().FindAllStringIndex(para, -1) {
		add(m[0], m[1])
	}
	for _, k := range keep {
		k = norm.NFC.String(strings.TrimSpace(k))
		if k == "" {
			continue
		}
		for off := 0; ; {
			i := strings.Index(para[off:], k)
			if i < 0 {
				break
			}
			add(off+i, off+i+len(k))
			off += i + len(k)
		}
	}
	return spans
}

func inside(pos int, spans [][2]int) bool {
	for _, s := range spans {
		if pos > s[0] && pos < s[1] {
			return true
		}
	}
	return false
}

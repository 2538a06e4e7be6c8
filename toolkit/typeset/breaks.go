package typeset

import "strings"

// Break marks: invisible characters that steer the line breaker and are
// taken out of the text before it is drawn, so that copying a line gives
// back the words as written.
const (
	zwsp       = '\u200B' // ZERO WIDTH SPACE: a line may break here
	wordJoiner = '\u2060' // WORD JOINER: a line may not break here
)

// BreakURL marks where a web address may break across lines: after a
// dot or a slash, and nowhere else ("hotline.c / a" is hard to type).
func BreakURL(s string) string {
	if !strings.ContainsAny(s, "./") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		b.WriteRune(r)
		if i == len(rs)-1 {
			break
		}
		if r == '.' || r == '/' {
			b.WriteRune(zwsp)
		} else if rs[i+1] != '.' && rs[i+1] != '/' {
			b.WriteRune(wordJoiner)
		}
	}
	return b.String()
}

// NoBreak joins s into one unbreakable run: a phone number, which a
// reader copies whole ("1-833-900-10 / 10" is a wrong number).
func NoBreak(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		b.WriteRune(r)
		if i < len(rs)-1 {
			b.WriteRune(wordJoiner)
		}
	}
	return b.String()
}

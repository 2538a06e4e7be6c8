package typeset

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Break marks: invisible characters that steer the line breaker and are
// taken out of the text before it is drawn, so that copying a line gives
// back the words as written.
//
// A word joiner ties hard: a phone number or a part of a web address is
// one unit, never broken, even when it is wider than the line (it then
// overflows, and the layout sets it smaller). A tie — ZERO WIDTH NO-BREAK
// SPACE between letters, NO-BREAK SPACE between words — holds only while
// what it ties fits on a line: "call 911" wider than the column breaks
// before "911", which is still a whole number.
const (
	zwsp       = '\u200B' // ZERO WIDTH SPACE: a line may break here
	wordJoiner = '\u2060' // WORD JOINER: a line never breaks here
	tie        = '\uFEFF' // ZERO WIDTH NO-BREAK SPACE: no break here while the tied run fits
	nbsp       = '\u00A0' // NO-BREAK SPACE: a space tied as tie ties letters
	zwnj       = '\u200C' // ZERO WIDTH NON-JOINER: inside a Persian word (نمی‌خواهم)
	zwj        = '\u200D' // ZERO WIDTH JOINER
)

// BreakURL marks where a web address may break across lines: after a
// dot or a slash, and nowhere else ("hotline.c / a" is hard to type). A
// short last part stays with the one before it while they fit
// ("hotline.ca"), and a path's part wider than the line may break before
// a hyphen, which then starts the next line and so reads as the
// address's own ("…look-for-to-spot" / "-human-trafficking"): ties.
func BreakURL(s string) string {
	if !strings.ContainsAny(s, "./") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	// A mark of three bytes after each character, at most.
	b.Grow(len(s) + 3*len(rs))
	path := false // past the host: after a slash that is not the scheme's
	for i, r := range rs {
		b.WriteRune(r)
		if i == len(rs)-1 {
			break
		}
		if r == '/' && rs[i+1] != '/' && (i == 0 || rs[i-1] != '/') && (i == 0 || rs[i-1] != ':') {
			path = true
		}
		switch {
		case r == '.' && shortPart(rs[i+1:]):
			b.WriteRune(tie) // no "Cybertip. / ca" while it fits
		case r == '.' || r == '/':
			b.WriteRune(zwsp)
		case rs[i+1] == '-' && path:
			b.WriteRune(tie)
		default:
			b.WriteRune(wordJoiner)
		}
	}
	return b.String()
}

// shortPart reports whether rs starts with an address's part of three
// characters or fewer: the "ca" of "hotline.ca", which a line keeps with
// the part before it.
func shortPart(rs []rune) bool {
	n := 0
	for n < len(rs) && rs[n] != '.' && rs[n] != '/' {
		n++
	}
	return n <= 3
}

// NoBreak joins s into one unbreakable run: a phone number, which a
// reader copies whole ("1-833-900-10 / 10" is a wrong number).
func NoBreak(s string) string {
	var b strings.Builder
	rs := []rune(s)
	b.Grow(len(s) + 3*len(rs)) // a WORD JOINER (three bytes) after each character
	for i, r := range rs {
		b.WriteRune(r)
		if i < len(rs)-1 {
			b.WriteRune(wordJoiner)
		}
	}
	return b.String()
}

// Tie marks a paragraph of running text so that its lines break where a
// reader accepts them:
//
//   - a phone number, or any number of five digits or more (a short code
//     such as 686868), is one unit (NoBreak);
//   - a web address or an email address breaks only after a dot or a
//     slash (BreakURL);
//   - a short number stays with the word before it: no "call / 911",
//     "composer le / 911";
//   - a hyphenated name stays whole: no "Côte-des- / Neiges";
//   - a Cyrillic word of one letter stays with the next: no "в /
//     місцеву";
//   - the words in keep stay whole (names and terms of a language written
//     without spaces: 加拿大, 人口贩运), in any order;
//   - the last line holds two words at least (in a script written
//     without spaces, the last word of keep, or the last character, and
//     the character before it).
//
// The last four are ties: they give way, in that paragraph, when a tied
// run is wider than the line. Each line of s (split at "\n") is a
// paragraph of its own.
func Tie(s string, keep []string) string {
	if s == "" || strings.ContainsAny(s, string(wordJoiner)+string(zwsp)) {
		return s // marked already: a number or an address set as one
	}
	parts := strings.Split(s, "\n")
	for i, p := range parts {
		parts[i] = tieParagraph(p, keep)
	}
	return strings.Join(parts, "\n")
}

// unitPattern finds what Tie makes a unit: web addresses (with a scheme,
// "www." or a domain of letters ending in a known kind of name), email
// addresses, and (the first group) digit groups joined by hyphens, dots,
// slashes, brackets or spaces, with a phone number's vanity word and
// extension ("1-855-554-HEAL ext. 12", "604-555-0101 poste 22": the
// extension is part of the number a reader dials). It is compiled when
// first used: compiling it was a sixth of the program's start, and
// `awarekit version` sets no text.
var unitPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)[\pL\pN._%+\-]+@[\pL\pN\-]+(?:\.[\pL\pN\-]+)+` +
		`|(?:https?://|www\.)[^\s<>"]*[^\s<>".,;:!?)]` +
		`|[\pL\pN\-]+(?:\.[\pL\pN\-]+)*\.(?:ca|com|org|net|gov|gc\.ca|info|edu|int)(?:/[^\s<>"]*[^\s<>".,;:!?)])?\b` +
		`|` + numberUnit)
})

// numberUnit is unitPattern's last way, a digit group, as its first
// group.
const numberUnit = `([+(]?\pN[\pN)(./\- ]*\pN(?-i:-\p{Lu}{2,}\b)?(?:[ \x{A0}]*(?:ext\.?|x|poste)[ \x{A0}]*\pN{1,6}\b)?)`

// numberPattern is unitPattern for text that holds no address
// (mayHoldAddress): its last way alone matches there, and finds the
// same units, at a fraction of the cost. An organisation's name with a
// number in it ("Partner organisation 12") is new text in every
// document, and finding its units was 2% of a build's instructions; a
// pack's cover sets a file name and numbers on each of its rows.
var numberPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)` + numberUnit)
})

// mayHoldAddress reports whether unitPattern's address ways might match
// in s: an email holds an "@"; a web address with a scheme its ":", one
// with "www." that; a domain a "." before its kind of name, which
// starts with c, o, n, g, i or e (ca, com, org, net, gov, gc.ca, info,
// edu, int; no other character folds to these letters).
func mayHoldAddress(s string) bool {
	if strings.ContainsAny(s, "@:") {
		return true
	}
	for i := strings.IndexByte(s, '.'); i >= 0; {
		if i+1 < len(s) && strings.IndexByte("congieCONGIE", s[i+1]) >= 0 {
			return true
		}
		if i >= 3 && strings.EqualFold(s[i-3:i], "www") {
			return true
		}
		j := strings.IndexByte(s[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// unitsIn is where unitPattern matches s, with its first group.
func unitsIn(s string) [][]int {
	if mayHoldAddress(s) {
		return unitPattern().FindAllStringSubmatchIndex(s, -1)
	}
	// A digit group starts with a number, "+" or "(": the pattern is
	// run from the first of them (it looks behind nothing there).
	start := strings.IndexFunc(s, func(r rune) bool { return r == '+' || r == '(' || unicode.IsNumber(r) })
	if start < 0 {
		return nil
	}
	ms := numberPattern().FindAllStringSubmatchIndex(s[start:], -1)
	for _, m := range ms {
		for i := range m {
			if m[i] >= 0 {
				m[i] += start
			}
		}
	}
	return ms
}

func tieParagraph(s string, keep []string) string {
	// Every unit holds a digit, an "@", a "." or a scheme's ":": text
	// without one (most of a page) skips the pattern, which is slow.
	if !strings.ContainsFunc(s, mayStartUnit) {
		return keepLast(tieText(s, keep))
	}
	// Units first: their marks are hard, and no tie goes inside them.
	var b strings.Builder
	last := 0
	for _, m := range unitsIn(s) {
		u := s[m[0]:m[1]]
		var marked string
		switch {
		case m[2] < 0:
			marked = BreakURL(u)
		case digits(u) >= 5:
			marked = NoBreak(u)
		default:
			continue // a short number: tied to its word below
		}
		b.WriteString(tieText(s[last:m[0]], keep))
		b.WriteString(marked)
		last = m[1]
	}
	if last == 0 {
		return keepLast(tieText(s, keep))
	}
	b.WriteString(tieText(s[last:], keep))
	return keepLast(b.String())
}

// mayStartUnit reports whether r is a character every match of
// unitPattern holds one of: a number (\pN), "@", "." or ":".
func mayStartUnit(r rune) bool {
	return r == '@' || r == '.' || r == ':' || unicode.IsNumber(r)
}

// digits counts the decimal digits in s.
func digits(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// tieText ties, in text outside any unit, short numbers to the word
// before them, Cyrillic words of one letter to the word after them,
// hyphenated words, and the words in keep.
func tieText(s string, keep []string) string {
	s = tieWords(s, keep)
	if !strings.ContainsAny(s, " -") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 16) // room for a few marks
	for i, r := range rs {
		switch {
		case r == ' ' && i > 0 && shortNumberAt(rs, i+1) && !unicode.IsSpace(rs[i-1]):
			b.WriteRune(nbsp)
			continue
		case r == ' ' && oneLetterWordBefore(rs, i) && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			b.WriteRune(nbsp)
			continue
		case r == '-' && i > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+1]) && properName(rs, i):
			b.WriteRune(r)
			b.WriteRune(tie)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// oneLetterWordBefore reports whether rs[:i] ends with a word of one
// Cyrillic letter: a preposition or conjunction (Ukrainian в, у, з, і,
// й, а, о) that Cyrillic typesetting never leaves at a line's end
// ("дзвонити в / місцеву поліцію"), so it is tied to the next word.
func oneLetterWordBefore(rs []rune, i int) bool {
	return i > 0 && unicode.In(rs[i-1], unicode.Cyrillic) && unicode.IsLetter(rs[i-1]) && (i == 1 || !unicode.IsLetter(rs[i-2]) && !unicode.IsMark(rs[i-2]) && rs[i-2] != '\'' && rs[i-2] != '’' && rs[i-2] != '-')
}

// properName reports whether the hyphen at rs[i] joins the parts of a
// name: the compound starts with a capital ("Côte-des-Neiges",
// "CÔTE-DES-NEIGES"). Other compounds keep their break after the
// hyphen: Ojibwe writes a preverb with one ("ogii-naanaagadawaabandanziin"),
// and its long words need it in a narrow column.
func properName(rs []rune, i int) bool {
	start := i
	for start > 0 && (unicode.IsLetter(rs[start-1]) || rs[start-1] == '-' || rs[start-1] == tie) {
		start--
	}
	return unicode.IsUpper(rs[start])
}

// tieWords ties the letters of every word of keep found in s, where it
// stands, overlapping words too: a list of a whole text's words (the
// Chinese one holds 700) is looked for in each paragraph, so the words
// are neither sorted nor the text rewritten for each.
func tieWords(s string, keep []string) string {
	if len(keep) == 0 {
		return s
	}
	// The pairs of letters s holds, hashed into a set of bits: a word
	// whose first two letters are not among them is not in s, which the
	// bits tell faster than a search of s (Chinese text shares its
	// words' first byte) or a map.
	var pairs [16]uint64
	prev := rune(0)
	for _, r := range s {
		h := pairHash(prev, r)
		pairs[h/64] |= 1 << (h % 64)
		prev = r
	}
	var at []bool // at[i]: a tie before the character at byte i
	for _, w := range keep {
		r0, first := utf8.DecodeRuneInString(w)
		if first == len(w) {
			continue // a word of one letter or none: nothing to tie
		}
		r1, _ := utf8.DecodeRuneInString(w[first:])
		if h := pairHash(r0, r1); pairs[h/64]&(1<<(h%64)) == 0 {
			continue // not in s
		}
		for from := 0; from < len(s); {
			i := strings.Index(s[from:], w)
			if i < 0 {
				break
			}
			i += from
			if at == nil {
				at = make([]bool, len(s)+1)
			}
			for j := range w[first:] {
				at[i+first+j] = true // j: where each letter after the first starts
			}
			from = i + first
		}
	}
	if at == nil {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 3*len(s)/2)
	for i, r := range s {
		if at[i] {
			b.WriteRune(tie)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pairHash is a number below 1024 for two letters side by side.
func pairHash(a, b rune) uint32 {
	return (uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77) >> 22
}

// shortNumberAt reports whether rs[i:] starts with a number of one to
// four digits standing as a word: 911, 211, 24/7.
func shortNumberAt(rs []rune, i int) bool {
	n := 0
	for i+n < len(rs) && unicode.IsDigit(rs[i+n]) {
		n++
	}
	if n == 0 || n > 4 {
		return false
	}
	if i+n == len(rs) {
		return true
	}
	next := rs[i+n]
	return !unicode.IsDigit(next) && !unicode.IsLetter(next)
}

// keepLast ties a paragraph's last two words, so that its last line
// never holds one word alone; in a script written without spaces, its
// last two characters.
func keepLast(s string) string {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	rs := []rune(t)
	end := len(rs)
	for end > 0 && !unicode.IsLetter(rs[end-1]) && !unicode.IsDigit(rs[end-1]) {
		end--
	}
	if end == 0 {
		return s
	}
	if spaceless(rs[end-1]) {
		// Han, kana and Thai: the last word before any closing
		// punctuation (its letters tied already when keep holds it:
		// 信息) and the letter before it, so that the last line holds
		// two words at least, never "信息" alone under a title; a last
		// letter not in a word of keep counts as a word.
		from := end - 1
		for from >= 2 && rs[from-1] == tie && spaceless(rs[from-2]) {
			from -= 2
		}
		switch {
		case from < 2:
			return s
		case rs[from-1] == ' ' && !unicode.IsSpace(rs[from-2]):
			// After a Latin word or an address ("向 Cybertip.ca 举报。"):
			// the space is tied.
			return string(rs[:from-1]) + string(nbsp) + string(rs[from:]) + s[len(t):]
		case spaceless(rs[from-1]) || unicode.IsPunct(rs[from-1]) && spaceless(rs[from-2]):
			// After a letter, or after a comma that follows one
			// ("非常疲惫、吃不饱。"), which never starts a line.
			return string(rs[:from]) + string(tie) + string(rs[from:]) + s[len(t):]
		}
		return s
	}
	// A last word written after text without spaces, with no space
	// before it ("…服务，CFS）", "…性照片：NeedHelpNow.ca"): tied to the
	// character before it.
	for j := end - 1; j > 0; j-- {
		if r := rs[j-1]; r == ' ' || r == nbsp {
			break
		} else if spaceless(r) || unicode.In(r, unicode.Han) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF {
			// Before an opening bracket ("线（OCTIP）"), which never
			// ends a line.
			for j > 1 && unicode.Is(unicode.Ps, rs[j-1]) {
				j--
			}
			return string(rs[:j]) + string(tie) + string(rs[j:]) + s[len(t):]
		}
	}
	i := strings.LastIndexAny(t, " "+string(nbsp))
	if i <= 0 || t[i] != ' ' || t[i-1] == ' ' || strings.HasSuffix(t[:i], string(wordJoiner)) {
		return s // one word, the last word tied already ("call 911"), or a unit's space
	}
	return t[:i] + string(nbsp) + t[i+1:] + s[len(t):]
}

// spaceless reports letters of scripts written without spaces between
// words, where a line may break between any two of them.
func spaceless(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// relax turns ties into break opportunities: what they tie is wider
// than the line.
func relax(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case tie:
			return zwsp
		case nbsp:
			return ' '
		}
		return r
	}, s)
}

// isTie reports the characters relax gives way.
func isTie(r rune) bool { return r == tie || r == nbsp }

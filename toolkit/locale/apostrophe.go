package locale

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Typewriter is the apostrophe message files are written with, as any
// keyboard types it (U+0027).
const Typewriter = '\''

// Typographic apostrophe and opening single quote (U+2019, U+2018): what
// a typesetter prints for the typewriter's ' in English and French.
const (
	rightQuote = '\u2019'
	leftQuote  = '\u2018'
)

// checkApostrophe refuses an _meta.apostrophe that is not one mark.
func checkApostrophe(file, mark string) error {
	if mark == "" {
		return nil
	}
	r, n := utf8.DecodeRuneInString(mark)
	if n == len(mark) && r != utf8.RuneError && r != Typewriter && (unicode.IsPunct(r) || unicode.Is(unicode.Lm, r)) {
		return nil
	}
	return fmt.Errorf("%s: _meta.apostrophe is %q; write the one character the language prints for an apostrophe, like apostrophe = \"\u2019\", or leave it out to print ' as the file writes it", file, mark)
}

// Apostrophes is s as the language prints it: each typewriter apostrophe
// the message file (or a person typing a name) wrote becomes the
// language's own (_meta.apostrophe: ’ in English and French). s is
// returned as it is for a language that sets none.
//
// Only what is plainly an apostrophe changes: one inside a word
// ("don't", "l'aide", "1990's") or at a word's end ("workers'", which is
// also where a closing quote stands, the same character). One at a
// word's start is an opening quote when a closing one follows in s
// ("'Hope' House" → ‘Hope’), else an elision ("'90s" → ’90s). Words
// that are addresses (a web or email address, a file name: they hold
// @, :// or a dot between letters) keep theirs, since a reader types
// them; so does anything else, like the ' of 5'10". Text that already
// has typographic apostrophes is returned as it is, and so is any text
// for a nil Locale.
func (l *Locale) Apostrophes(s string) string {
	if l == nil || l.Meta.Apostrophe == "" || !strings.ContainsRune(s, Typewriter) {
		return s
	}
	mark, _ := utf8.DecodeRuneInString(l.Meta.Apostrophe)
	rs := []rune(s)
	for start := 0; start < len(rs); {
		if unicode.IsSpace(rs[start]) {
			start++
			continue
		}
		end := start
		for end < len(rs) && !unicode.IsSpace(rs[end]) {
			end++
		}
		if !isAddress(rs[start:end]) {
			curlWord(rs[start:end], rs[end:], mark)
		}
		start = end
	}
	return string(rs)
}

// curlWord prints the apostrophes of one space-delimited word w; rest is
// the text after it, where an opening quote's closing one may be.
func curlWord(w, rest []rune, mark rune) {
	for i, r := range w {
		if r != Typewriter {
			continue
		}
		var prev, next rune
		if i > 0 {
			prev = w[i-1]
		}
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case isLetter(prev) && isLetter(next), unicode.IsDigit(prev) && isLetter(next):
			w[i] = mark // inside a word
		case isLetter(prev) && !isWordChar(next):
			w[i] = mark // at a word's end
		case !isWordChar(prev) && isWordChar(next):
			w[i] = mark // an elision, unless a closing quote follows
			if mark == rightQuote && closes(w[i+1:], rest) {
				w[i] = leftQuote
			}
		}
	}
}

// closes reports whether a closing quote (a typewriter ' at a word's
// end) follows in the rest of the word after an opening quote, or in the
// text after it.
func closes(word, rest []rune) bool {
	for _, part := range [][]rune{word, rest} {
		for i, r := range part {
			if r == Typewriter && i > 0 && isLetter(part[i-1]) && (i+1 == len(part) || !isWordChar(part[i+1])) {
				return true
			}
		}
	}
	return false
}

// isAddress reports whether a word is something a reader types rather
// than reads: a web or email address or a file name.
func isAddress(w []rune) bool {
	s := string(w)
	if strings.Contains(s, "@") || strings.Contains(s, "://") {
		return true
	}
	for i := 1; i+1 < len(w); i++ {
		if w[i] == '.' && isWordChar(w[i-1]) && isWordChar(w[i+1]) {
			return true
		}
	}
	return false
}

func isLetter(r rune) bool   { return unicode.IsLetter(r) || unicode.IsMark(r) }
func isWordChar(r rune) bool { return isLetter(r) || unicode.IsDigit(r) }

// Unprinted is s with the apostrophes and single quotes the language
// prints (see Apostrophes) written back as the typewriter's ', as its
// message file writes them: a translation that comes back from a tool
// that curled its quotes is stored as the file already holds it, and
// does not count as changed. s is returned as it is for a language that
// sets no apostrophe.
func (l *Locale) Unprinted(s string) string {
	if l == nil || l.Meta.Apostrophe == "" {
		return s
	}
	mark, _ := utf8.DecodeRuneInString(l.Meta.Apostrophe)
	return strings.Map(func(r rune) rune {
		if r == mark || mark == rightQuote && r == leftQuote {
			return Typewriter
		}
		return r
	}, s)
}

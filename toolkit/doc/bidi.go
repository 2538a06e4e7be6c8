package doc

import (
	"strings"

	"golang.org/x/text/unicode/bidi"
)

// FirstStrongIsolate (U+2068) and PopIsolate (U+2069) bracket a value
// inserted into a document's text, such as the organisation's name in
// "Local help listed by …". Between them the bidi algorithm (UAX #9)
// sets the value in its own direction, that of its first letter, as one
// unit that its neighbours do not reorder: "St. Mary's Centre (Surrey)
// 2." keeps its final period, and an Arabic sentence keeps its word
// order around it. Every backend honours the pair: the typesetter reads
// it and draws neither character, HTML writes it as <bdi>, and the text
// formats keep it (see Isolate for when a document holds one).
const (
	FirstStrongIsolate = '\u2068'
	PopIsolate         = '\u2069'
)

// Isolate returns value bracketed by FirstStrongIsolate and PopIsolate
// when it holds a letter written in the other direction than the text
// it goes into (rtl says the text's direction); else value as it is.
// A Latin name in English, or an Arabic one in Arabic, needs nothing:
// its neighbours read in its own direction already, so those pages, and
// their plain text, stay as they were. A value that already starts an
// isolate is not wrapped twice.
func Isolate(value string, rtl bool) string {
	if value == "" || strings.HasPrefix(value, string(FirstStrongIsolate)) || !hasDirection(value, !rtl) {
		return value
	}
	return string(FirstStrongIsolate) + value + string(PopIsolate)
}

// StripIsolates removes the isolate brackets Isolate and Embed add, for
// text that goes where no bidi algorithm reads it (a file's metadata, an
// SMS).
func StripIsolates(s string) string {
	if !strings.ContainsFunc(s, isIsolateMark) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isIsolateMark(r) {
			return -1
		}
		return r
	}, s)
}

func isIsolateMark(r rune) bool { return r >= LeftToRightIsolate && r <= PopIsolate }

// hasDirection reports whether s has a strong letter of the direction
// rtl: Hebrew, Arabic, Syriac, Thaana… for right to left, Latin, Cyrillic,
// Gurmukhi, Han… for left to right.
func hasDirection(s string, rtl bool) bool {
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.R, bidi.AL:
			if rtl {
				return true
			}
		case bidi.L:
			if !rtl {
				return true
			}
		}
	}
	return false
}

// LeftToRightIsolate (U+2066) and RightToLeftIsolate (U+2067) open an
// isolate of a known direction, closed by PopIsolate.
const (
	LeftToRightIsolate = '\u2066'
	RightToLeftIsolate = '\u2067'
)

// Embed returns text written in one direction (valueRTL), such as a
// translation, for a line written in another (rtl): an isolate of its
// own direction, whatever its first letter (an Arabic name that starts
// with its English original is still Arabic); the text as it is when
// the directions agree.
func Embed(value string, valueRTL, rtl bool) string {
	if value == "" || valueRTL == rtl {
		return value
	}
	open := LeftToRightIsolate
	if valueRTL {
		open = RightToLeftIsolate
	}
	return string(open) + value + string(PopIsolate)
}

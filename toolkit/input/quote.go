package input

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// QuoteMax is the most characters of a value an error message quotes.
const QuoteMax = 60

// Quote quotes a value a person handed in (a name, a pattern, a message
// ID, a path, a colour) for an error message: as Go quotes it, so that
// control and direction characters show as escapes, and cut to its first
// QuoteMax characters with an ellipsis and its length when it is longer,
// so that a pasted page or a 20,000-character ID does not bury the
// message that should say what to do.
func Quote(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= QuoteMax {
		return strconv.Quote(s)
	}
	cut, i := 0, 0
	for i = range s {
		if cut == QuoteMax {
			break
		}
		cut++
	}
	return fmt.Sprintf("%s (%d characters)", strconv.Quote(s[:i]+"…"), n)
}

// PathMax is the most characters of a path an error message prints.
const PathMax = 120

// ShortPath is a path for an error message: as it is, or, when it is
// longer than PathMax characters, an ellipsis and its last PathMax
// characters, which name the file and its folder. Control characters
// are escaped, as Quote does, so that no path can write to the terminal.
func ShortPath(p string) string {
	if strings.ContainsFunc(p, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) {
		q := strconv.Quote(p)
		p = q[1 : len(q)-1]
	}
	n := utf8.RuneCountInString(p)
	if n <= PathMax {
		return p
	}
	skip := n - PathMax
	for i := range p {
		if skip == 0 {
			return "…" + p[i:]
		}
		skip--
	}
	return p
}

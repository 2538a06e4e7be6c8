package input

import (
	"fmt"
	"strconv"
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

// Package spell finds, among the names a table knows, those nearest to
// one a person typed, for the "did you mean" of an error message: a
// transposed pair of letters (yuoth), a letter missing (flyr) or added,
// the start of a longer name (indig), or a missing accent (Francais).
package spell

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/awarekit/awarekit/toolkit/input"
)

// Fold is s as names are compared: trimmed, lower case, and with the
// accents of Latin letters removed (Français → francais). Marks on
// letters of other scripts are kept: in Gurmukhi or Devanagari they are
// vowels, and removing them would change the word.
func Fold(s string) string {
	var b strings.Builder
	latinBase := false
	for _, r := range norm.NFD.String(strings.TrimSpace(s)) {
		if unicode.Is(unicode.Mn, r) {
			if latinBase {
				continue
			}
		} else {
			latinBase = unicode.Is(unicode.Latin, r)
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

// Distance is the number of single-letter edits (insert, delete,
// substitute, or swap two neighbours) that turn a into b, counted in
// letters, not bytes.
func Distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	// Three rows of the table are enough for neighbour swaps.
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}

// tolerance is how many edits a typed name of n letters may be from a
// valid one and still be taken for a slip: none for one or two letters
// (fr and fa are both languages), one up to four, then two, then three.
func tolerance(n int) int {
	switch {
	case n <= 2:
		return 0
	case n <= 4:
		return 1
	case n <= 8:
		return 2
	}
	return 3
}

// Nearest returns the names in valid closest to typed, compared folded:
// those the fewest edits away within the tolerance for its length, or,
// failing that, the one name that typed begins (three letters at least).
// It returns nothing when typed is itself valid or nothing is near.
func Nearest(typed string, valid []string) []string {
	t := Fold(typed)
	n := len([]rune(t))
	if n == 0 {
		return nil
	}
	limit := tolerance(n)
	best, out := limit+1, []string(nil)
	for _, v := range valid {
		d := Distance(t, Fold(v))
		switch {
		case d == 0:
			return nil
		case d > limit:
		case d < best:
			best, out = d, []string{v}
		case d == best && !slices.Contains(out, v):
			out = append(out, v)
		}
	}
	if len(out) > 0 || n < 3 {
		return out
	}
	for _, v := range valid {
		if strings.HasPrefix(Fold(v), t) && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if len(out) != 1 {
		return nil // "n" begins too many names to guess
	}
	return out
}

// UnknownError is a name that matched none of a table's: what kind of
// name it was, as typed, the names to choose from and the nearest ones.
type UnknownError struct {
	Kind    string // audience, language, format, backend, paper…
	Name    string
	Valid   []string
	Nearest []string
	// Also says what else is accepted, after the list: "or a language's
	// name, like French or Français".
	Also string
	// Err is the table's own error, kept for errors.As.
	Err error
}

// Unknown makes the error for name, which none of valid matched, with
// the nearest of candidates (valid when nil: candidates may add aliases
// or names that are accepted but not listed).
func Unknown(err error, kind, name string, valid, candidates []string) *UnknownError {
	if candidates == nil {
		candidates = valid
	}
	return &UnknownError{Kind: kind, Name: name, Valid: valid, Nearest: Nearest(name, candidates), Err: err}
}

func (e *UnknownError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "unknown %s %s", e.Kind, input.Quote(e.Name))
	if len(e.Nearest) > 0 {
		q := make([]string, len(e.Nearest))
		for i, n := range e.Nearest {
			q[i] = fmt.Sprintf("%q", n)
		}
		fmt.Fprintf(&b, " (did you mean %s?)", strings.Join(q, " or "))
	}
	fmt.Fprintf(&b, "; choose one of: %s", strings.Join(e.Valid, ", "))
	if e.Also != "" {
		b.WriteString(", " + e.Also)
	}
	return b.String()
}

func (e *UnknownError) Unwrap() error { return e.Err }

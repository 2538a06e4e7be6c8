package profile

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Limits on what people type, in characters (code points).
const (
	MaxName    = 100 // the organisation's name: the layouts are made to hold this many
	MaxPhone   = 40
	MaxEmail   = 254 // the longest address mail systems carry
	MaxWebsite = 200 // a QR code of this many characters still scans from a flyer
	// MaxMarks is the most combining marks one letter may carry (after
	// NFC). Writing stacks three or four (Vietnamese, Hebrew with its
	// points, an Indic cluster); forty stacked acute accents ("Zalgo"
	// text) rose off the top of the page.
	MaxMarks = 8
)

// Field names a value for messages: what it is ("organisation phone")
// and where it came from ("--phone", "AWAREKIT_ORGANISATION_PHONE",
// "settings file awarekit.yaml:4", "plan workshop.yaml:12").
type Field struct {
	Name string
	From string
	// Key is the field's settings key, as Organisation.Check names it
	// ("phone", "local[1].phone"); "" for a value given otherwise.
	Key string
}

func (f Field) String() string {
	if f.From == "" {
		return f.Name
	}
	return f.Name + " (from " + f.From + ")"
}

// FieldError is a value a person gave that cannot be used, with what to
// do instead. It never quotes the value: the value may hold characters
// that would garble a terminal.
type FieldError struct {
	Field   Field
	Problem string
	Fix     string
}

func (e *FieldError) Error() string {
	s := e.Field.String() + " " + e.Problem
	if e.Fix != "" {
		s += "; " + e.Fix
	}
	return s
}

func fieldErr(f Field, fix, format string, args ...any) error {
	return &FieldError{Field: f, Problem: fmt.Sprintf(format, args...), Fix: fix}
}

// forbidden names the characters no value may hold, and why. Line and
// paragraph separators and control characters break a line or a
// terminal; bidirectional controls reorder what is printed (a phone
// number with U+202E prints backwards). ZWJ and ZWNJ are allowed:
// Persian, Urdu and Indic names need them.
func forbidden(r rune) string {
	switch {
	case r == 0x1B:
		return "ESC, the start of a terminal escape sequence"
	case r == '\n' || r == '\r':
		return "a line break"
	case r == '\t':
		return "a tab"
	case r < 0x20 || r == 0x7F:
		return "a control character"
	case r >= 0x80 && r <= 0x9F:
		return "a C1 control character"
	case r == 0x2028:
		return "LINE SEPARATOR, a line break"
	case r == 0x2029:
		return "PARAGRAPH SEPARATOR, a line break"
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return bidiNames[r] + ", a bidirectional control that reorders the printed text"
	case r == utf8.RuneError:
		return "U+FFFD REPLACEMENT CHARACTER, a character lost when the text was converted"
	case r >= 0xFFFE && r&0xFFFE == 0xFFFE, r >= 0xFDD0 && r <= 0xFDEF:
		return "a noncharacter"
	}
	return ""
}

// invisible names the characters that print nothing, or a blank, and
// write no language: pasted from a web page or a word processor they
// hide inside a name (which then cannot be found in the PDF's text),
// and inside a phone number, an address or a website the page shows
// one thing and the phone dials, the mail goes or the QR code leads to
// another. ZWJ and ZWNJ are named too: joinsHere lets them through
// where a script needs them.
func invisible(r rune) string {
	switch {
	case r == 0x200B:
		return "ZERO WIDTH SPACE"
	case r == 0x200C:
		return "ZERO WIDTH NON-JOINER"
	case r == 0x200D:
		return "ZERO WIDTH JOINER"
	case r == 0x2060:
		return "WORD JOINER"
	case r == 0xFEFF:
		return "ZERO WIDTH NO-BREAK SPACE (a byte order mark)"
	case r == 0x00AD:
		return "SOFT HYPHEN"
	case r == 0x034F:
		return "COMBINING GRAPHEME JOINER"
	case r == 0x180E:
		return "MONGOLIAN VOWEL SEPARATOR"
	case r >= 0x2061 && r <= 0x2064:
		return "an invisible mathematical operator"
	case r >= 0x206A && r <= 0x206F:
		return "a deprecated format character"
	case r >= 0xFFF9 && r <= 0xFFFB:
		return "an interlinear annotation character"
	case r >= 0xE0000 && r <= 0xE007F:
		return "a tag character"
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF, r >= 0x180B && r <= 0x180D, r == 0x180F:
		return "a variation selector"
	case r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0:
		return "a Hangul filler, which prints as a blank"
	case r == 0x17B4, r == 0x17B5:
		return "a Khmer inherent vowel, which prints nothing"
	case r >= 0x1BCA0 && r <= 0x1BCA3:
		return "a shorthand format control"
	}
	return ""
}

// joiningScripts are the scripts whose writing needs ZWJ or ZWNJ between
// letters: the Persian plural's ZWNJ (کتاب‌ها), an Indic half form.
var joiningScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko, unicode.Mongolian,
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
	unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala,
	unicode.Tibetan, unicode.Myanmar, unicode.Khmer,
}

// letterOrMark is a character a joiner or a variation selector may follow
// or precede.
func letterOrMark(r rune) bool { return unicode.In(r, unicode.L, unicode.M) }

// joinsHere reports whether the ZWJ or ZWNJ at rs[i] stands between
// letters (or a letter's marks) of a script that needs it.
func joinsHere(rs []rune, i int) bool {
	if i == 0 || i+1 >= len(rs) || !letterOrMark(rs[i-1]) || !letterOrMark(rs[i+1]) {
		return false
	}
	base := i - 1
	for base > 0 && unicode.In(rs[base], unicode.Mn, unicode.Mc, unicode.Me) {
		base--
	}
	return unicode.In(rs[base], joiningScripts...)
}

// invisibleAt names the first invisible character of s a printed text
// may not hold, and its place (from 1); "" when there is none. A joiner
// may stand where its script needs it, and a variation selector after
// the letter or symbol it varies.
func invisibleAt(s string) (rune, int, string) {
	rs := []rune(s)
	for i, r := range rs {
		what := invisible(r)
		switch {
		case what == "":
			continue
		case (r == 0x200C || r == 0x200D) && joinsHere(rs, i):
			continue
		case what == "a variation selector" && i > 0 && unicode.In(rs[i-1], unicode.L, unicode.M, unicode.N, unicode.S, unicode.P):
			continue
		case r == 0x200C || r == 0x200D:
			what += ", which joins nothing here: it belongs only between the letters of a script that needs it (Arabic, Persian, Urdu, the Indic scripts)"
		case what == "a variation selector":
			what += " with no character before it to vary"
		}
		return r, i + 1, what
	}
	return 0, 0, ""
}

// strictInvisible is invisibleAt for a phone number, an address or a
// website: no invisible character at all, joiners and variation
// selectors included, nor any other format character.
func strictInvisible(s string) (rune, int, string) {
	n := 0
	for _, r := range s {
		n++
		if what := invisible(r); what != "" {
			return r, n, what
		}
		if unicode.Is(unicode.Cf, r) {
			return r, n, "a format character, which prints nothing"
		}
	}
	return 0, 0, ""
}

var bidiNames = map[rune]string{
	0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
	0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK", 0x061C: "ARABIC LETTER MARK",
}

// CheckText checks one line of text a person typed (a name, a label, a
// local contact's description): valid UTF-8, none of the characters
// above, at most max characters. It returns the text NFC-normalised,
// spaces trimmed at both ends; empty stays empty.
func CheckText(f Field, s string, max int) (string, error) {
	return checkText(f, s, max, true, "")
}

// CheckTextAsIs is CheckText for a value that is kept as it was given,
// not as CheckText returns it (a message in a content folder's file):
// the white space CheckText trims from its ends may be spaces, tabs and
// carriage returns (a file saved with CRLF line ends) there, but not a
// control character or a line or paragraph separator, which it let
// through: a message ending in a form feed was exported to XLIFF, which
// cannot hold one, as U+FFFD, and came back changed.
func CheckTextAsIs(f Field, s string, max int) error {
	if _, err := CheckText(f, s, max); err != nil {
		return err
	}
	n := 0
	for _, r := range s {
		n++
		if why := forbidden(r); why != "" && r != '\t' && r != '\r' {
			return fieldErr(f, "type the value again without it", "holds U+%04X at character %d: %s", r, n, why)
		}
	}
	return nil
}

// emoji reports a character of the emoji blocks (pictographs, faces,
// flags, the emoji presentation selector): no font awarekit draws with
// has them, so a name holding one stops the layout.
func emoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r == 0xFE0F
}

// checkText is CheckText; printed says the text is printed on the
// materials (a name, not a file's path), so it may not hold an emoji.
//
// does, for a phone, an address or a website, says what an invisible
// character does there: it then may hold none at all (strictInvisible).
func checkText(f Field, s string, max int, printed bool, does string) (string, error) {
	if !utf8.ValidString(s) {
		at := 0
		for at < len(s) {
			r, n := utf8.DecodeRuneInString(s[at:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			at += n
		}
		return "", fieldErr(f, "save the file as UTF-8, or type the value again",
			"is not valid UTF-8 text (byte 0x%02X after %d characters)", s[at], utf8.RuneCountInString(s[:at]))
	}
	s = norm.NFC.String(strings.TrimFunc(s, unicode.IsSpace))
	n, marks := 0, 0
	for _, r := range s {
		n++
		if marks = marks + 1; !unicode.In(r, unicode.Mn, unicode.Me) {
			marks = 0
		}
		if marks > MaxMarks {
			return "", fieldErr(f, "type the value again",
				"holds more than %d marks on one letter at character %d, which print above the line into the text around it", MaxMarks, n)
		}
		if why := forbidden(r); why != "" {
			return "", fieldErr(f, "type the value again without it",
				"holds U+%04X at character %d: %s", r, n, why)
		}
		if printed && emoji(r) {
			return "", fieldErr(f, "take it out",
				"holds an emoji at character %d (U+%04X), which no font awarekit prints with can draw", n, r)
		}
		if printed && unicode.Is(unicode.Co, r) {
			// A font's own symbol (an icon font's, a company's logo
			// character): it failed every material's layout, not here.
			return "", fieldErr(f, "take it out (it often comes with text copied from a web page that draws icons with a font of its own)",
				"holds a private-use character at character %d (U+%04X), which only the font it was typed in can draw", n, r)
		}
	}
	if does != "" {
		if r, at, what := strictInvisible(s); what != "" {
			return "", fieldErr(f, "type it again rather than paste it (or delete the character and the ones beside it, and type them again)",
				"holds U+%04X at character %d: %s, invisible on the page; %s", r, at, what, does)
		}
	} else if printed {
		if r, at, what := invisibleAt(s); what != "" {
			return "", fieldErr(f, "type the value again without it (it often comes with text pasted from a web page or a word processor)",
				"holds U+%04X at character %d: %s, invisible on the page", r, at, what)
		}
	}
	if r, _ := utf8.DecodeRuneInString(s); printed && unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) {
		// A mark with no letter to sit on: a name of two accents
		// printed as an accent alone.
		return "", fieldErr(f, "type the value again, starting with its first letter",
			"starts with U+%04X, a mark that sits on the letter before it, and there is none", r)
	}
	if n > max {
		return "", fieldErr(f, "shorten it", "is %d characters long; the most is %d", n, max)
	}
	return s, nil
}

// CheckPath checks a file or folder name a person gave: any length the
// system takes, but valid UTF-8 and none of the characters CheckText
// refuses, which would garble the terminal it is printed on or reorder
// it. It is returned as given.
func CheckPath(f Field, s string) (string, error) {
	if _, err := checkText(f, s, len(s)+1, false, ""); err != nil {
		return "", err
	}
	return s, nil
}

var (
	phoneExt  = regexp.MustCompile(`(?i)\s*(?:ext\.?|x|poste)\s*[0-9]{1,6}$`)
	phoneMain = regexp.MustCompile(`^\+?[0-9(][0-9 ().-]*$`)
	// A vanity word is letters, in parts joined by hyphens: 1-855-554-HEAL,
	// 1-800-GOT-JUNK, 1 800 O-Canada.
	phoneWords = regexp.MustCompile(`^[A-Za-z]+(?:-[A-Za-z]+)*$`)
)

// findExt is phoneExt.FindStringIndex(s). Every way of writing an
// extension has an x or a p (ext, x, poste; in any case, and no other
// letter folds to either), so a number without one has none, and the
// expression, which is tried from every place in the number, is not
// run: it was most of the work of checking a plan's organisations, some
// 24,000 instructions a number.
func findExt(s string) []int {
	if !strings.ContainsAny(s, "xXpP") {
		return nil
	}
	return phoneExt.FindStringIndex(s)
}

// CheckPhone checks a phone number: digits, spaces and + - . ( ), then
// optionally a vanity word (1-855-554-HEAL) and an extension ("ext. 12",
// "x12", "poste 12"). The number is kept exactly as typed, apart from
// spaces at its ends: what is printed is what the user wrote, so a letter
// typed for a digit (604-555-O134, 604-555-l34) is refused rather than
// printed: a keypad dials O as 6 and l as 5, a wrong number on the page.
func CheckPhone(f Field, s string) (string, error) {
	s, err := checkText(f, s, MaxPhone, true, "the number looks right and dials another")
	if err != nil || s == "" {
		return s, err
	}
	const fix = "write it with digits, spaces and + - . ( ), like 604-555-0134, 1-855-554-HEAL or 416-555-0199 ext. 12"
	const digitFix = "type the digit it stands for (0 for O, 1 for l or I); a vanity word stands apart from the digits, like 1-855-554-HEAL"
	number := s
	if loc := findExt(number); loc != nil && loc[0] > 0 {
		number = number[:loc[0]]
	}
	main, word := number, ""
	if i := strings.IndexFunc(number, unicode.IsLetter); i >= 0 {
		main, word = number[:i], number[i:]
	}
	digits := strings.Count(strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return 'd'
		}
		return -1
	}, main), "d")
	switch {
	case digits == 0 && word != "":
		return "", fieldErr(f, fix, "has no digits before its letters")
	case word != "" && phoneExt.MatchString(" "+word):
		return "", fieldErr(f, fix, "has more than one extension")
	case word != "" && !phoneWords.MatchString(word):
		if r, ok := letterBesideDigit(word); ok {
			return "", fieldErr(f, digitFix, "has the letter %c run together with digits", r)
		}
		if onlyDigitLike(word) {
			return "", fieldErr(f, digitFix, "has letters that look like digits (O, I or l), not a word")
		}
		return "", fieldErr(f, fix, "has letters that are not one word after the digits")
	case word != "" && onlyDigitLike(word):
		return "", fieldErr(f, digitFix, "has letters that look like digits (O, I or l), not a word")
	case !phoneMain.MatchString(strings.TrimRight(main, " .-")):
		if odd := phoneOddOne(main); odd != "" {
			return "", fieldErr(f, fix, "has %s, which a phone number does not use", odd)
		}
		return "", fieldErr(f, fix, "has no digits")
	case digits == 0:
		return "", fieldErr(f, fix, "has no digits")
	case digits < 3:
		unit := "digits"
		if digits == 1 {
			unit = "digit"
		}
		return "", fieldErr(f, fix, "has only %d %s before any letters; a phone number has at least 3", digits, unit)
	case strings.Count(main, "(") != strings.Count(main, ")"):
		return "", fieldErr(f, fix, "has unmatched brackets")
	case digits > 15:
		return "", fieldErr(f, fix, "has %d digits; a phone number has at most 15", digits)
	case word == "" && !international(main) && !northAmerican(main, digits):
		return "", fieldErr(f, "check the number: a Canadian number has 10 digits, like 604-555-0134, or 11 with a 1 first, like 1-833-900-1010; a number in another country starts with +, like +44 20 7946 0958",
			"has %d digits, which no number in Canada has", digits)
	case word == "" && strings.HasPrefix(strings.TrimLeft(main, " ("), "+1") && digits != 11:
		// +1 is Canada's and the United States' code: ten digits follow.
		return "", fieldErr(f, "check the number: after +1 a Canadian number has 10 digits, like +1 604-555-0134",
			"has %d digits after +1, which no number in Canada has", digits-1)
	}
	return s, nil
}

// international reports whether a number is written for dialling from
// another country: with a + or Canada's exit code 011 first.
func international(main string) bool {
	main = strings.TrimLeft(main, " (")
	return strings.HasPrefix(main, "+") || strings.HasPrefix(main, "011")
}

// northAmerican reports whether a number of digits digits, written
// without a country's prefix, has as many as a number dialled in Canada:
// 10 (604-555-0134), 11 with a 1 first (1-833-900-1010), or a short one
// of 3 to 7 (911, 211, the text line 686868, a local 555-0134). A digit
// typed twice or left out (604-555-01345, 604-555-013) gives a number
// that dials someone else or no one, and the page would print it.
func northAmerican(main string, digits int) bool {
	switch {
	case digits <= 7, digits == 10:
		return true
	case digits == 11:
		first := strings.IndexFunc(main, func(r rune) bool { return r >= '0' && r <= '9' })
		return main[first] == '1'
	}
	return false
}

// letterBesideDigit finds the first letter of a phone's word that touches
// a digit, as the O of 604-555-O134 does.
func letterBesideDigit(word string) (rune, bool) {
	rs := []rune(word)
	isDigit := func(i int) bool { return i >= 0 && i < len(rs) && rs[i] >= '0' && rs[i] <= '9' }
	for i, r := range rs {
		if unicode.IsLetter(r) && (isDigit(i-1) || isDigit(i+1)) {
			return r, true
		}
	}
	return 0, false
}

// onlyDigitLike reports whether every letter of a phone's word is one
// that looks like a digit (O, I, l), as in 604-555-013O: a slip, not a
// vanity word (1 800 O-Canada has others).
func onlyDigitLike(word string) bool {
	return !strings.ContainsFunc(word, func(r rune) bool { return unicode.IsLetter(r) && !strings.ContainsRune("OoIl", r) })
}

// phoneOddOne names the first character of a phone's digits that a phone
// number does not use, or a + that is not first; "" when there is none
// (the digits are missing, as in "+" or "()"). The text has passed
// CheckText, so it holds no control characters; anything but printable
// ASCII is named by its code point.
func phoneOddOne(main string) string {
	for i, r := range main {
		switch {
		case r == '+' && i == 0, r >= '0' && r <= '9', strings.ContainsRune(" ().-", r):
			continue
		case r == '+':
			return "a + after its first character"
		case r > ' ' && r < 0x7F:
			return fmt.Sprintf("the character %c", r)
		default:
			return fmt.Sprintf("the character U+%04X", r)
		}
	}
	return ""
}

// emailAddress is a plain address: no display name, no mailto:, no
// ?cc= or other query, no quoted or bracketed parts.
// (Compiled when first used: its letter classes cost every start 1%.)
var emailAddress = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]*$`)
})

// CheckEmail checks a plain email address, like info@example.org.
func CheckEmail(f Field, s string) (string, error) {
	s, err := checkText(f, s, MaxEmail, true, "the address looks right and mail to it goes nowhere, or to another")
	if err != nil || s == "" {
		return s, err
	}
	const fix = "give the address alone, like info@example.org"
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "mailto:"):
		return "", fieldErr(f, fix, "starts with mailto:")
	case strings.ContainsAny(s, "?&="):
		return "", fieldErr(f, fix, "holds ? & or =, which would add recipients or text to a message")
	case strings.Count(s, "@") != 1:
		return "", fieldErr(f, fix, "is not one address: it has %d @ signs", strings.Count(s, "@"))
	case strings.Contains(s, ".."), strings.HasPrefix(s, "."), strings.Contains(s, ".@"):
		return "", fieldErr(f, fix, "has a dot in the wrong place")
	case !emailAddress().MatchString(s):
		return "", fieldErr(f, fix, "is not a plain email address")
	}
	for _, l := range strings.Split(s[strings.IndexByte(s, '@')+1:], ".") {
		if a, b := mixedScripts(l); a != "" {
			return "", fieldErr(f, "type the address again on a keyboard of one language",
				"mixes %s and %s letters in one part of the domain after the @; letters of two alphabets that look alike send mail to another domain than the one printed", a, b)
		}
	}
	return s, nil
}

var (
	urlScheme = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*):`)
	// (Compiled when first used, like emailAddress.)
	hostLabel = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$`) })
)

// CheckWebsite checks a website: an http or https address, or a bare
// domain (riverside.example.org), which means https. Other schemes
// (javascript:, data:, mailto:), user names in the address and spaces
// are refused. The text is kept as typed; WebsiteURL gives the address.
func CheckWebsite(f Field, s string) (string, error) {
	s, err := checkText(f, s, MaxWebsite, true, "the address looks right and its QR code and link lead to another")
	if err != nil || s == "" {
		return s, err
	}
	const fix = "give a web address like riverside.example.org or https://riverside.example.org/help"
	if m := urlScheme.FindStringSubmatch(s); m != nil {
		scheme := strings.ToLower(m[1])
		hostPort := strings.Contains(m[1], ".") && len(s) > len(m[0]) && s[len(m[0])] >= '0' && s[len(m[0])] <= '9'
		if scheme != "http" && scheme != "https" && !hostPort {
			return "", fieldErr(f, fix, "is a %s: address; only http and https websites can be printed", scheme)
		}
		if (scheme == "http" || scheme == "https") && !strings.HasPrefix(s[len(m[0]):], "//") {
			return "", fieldErr(f, fix, "has no // after %s:", scheme)
		}
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("\"'<>\\`^{}|", r) }) {
		return "", fieldErr(f, fix, "holds a space or one of \" ' < > \\ ` ^ { } |, which a web address cannot")
	}
	u, err := url.Parse(WebsiteURL(s))
	if err != nil {
		return "", fieldErr(f, fix, "is not a web address")
	}
	if u.User != nil {
		return "", fieldErr(f, fix, "has a user name or an @ before the site's name, a trick that leads readers to another site")
	}
	host := u.Hostname()
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	if len(labels) < 2 {
		return "", fieldErr(f, fix, "has no domain (like example.org)")
	}
	for _, l := range labels {
		if !hostLabel().MatchString(l) {
			return "", fieldErr(f, fix, "has a site name that is not a domain")
		}
		if a, b := mixedScripts(l); a != "" {
			return "", fieldErr(f, "type the address again on a keyboard of one language",
				"mixes %s and %s letters in one part of the site's name; letters of two alphabets that look alike lead the QR code to another site than the one printed", a, b)
		}
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", fieldErr(f, fix, "has a port number that is not one (1 to 65535)")
		}
	}
	return s, nil
}

// lookalikes are the alphabets whose letters pass for Latin ones (Cyrillic
// а, е, о, р; Greek ο, ν): a site name that mixes two of them is how a
// look-alike address is made.
var lookalikes = []struct {
	name  string
	table *unicode.RangeTable
}{{"Latin", unicode.Latin}, {"Cyrillic", unicode.Cyrillic}, {"Greek", unicode.Greek}}

// mixedScripts names two of the look-alike alphabets that one label of a
// site's name mixes, or "" when it keeps to one.
func mixedScripts(label string) (string, string) {
	first := ""
	for _, r := range label {
		for _, s := range lookalikes {
			if unicode.Is(s.table, r) {
				if first == "" {
					first = s.name
				} else if s.name != first {
					return first, s.name
				}
			}
		}
	}
	return "", ""
}

// WebsiteURL is the address of a website checked by CheckWebsite: as
// given when it has a scheme, else with https://.
func WebsiteURL(site string) string {
	lower := strings.ToLower(site)
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		return site
	}
	return "https://" + site
}

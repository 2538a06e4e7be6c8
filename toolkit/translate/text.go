package translate

import (
	"crypto/sha1"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// translationFile is the kind of file Import reads, with the most it reads.
var translationFile = input.Kind{Name: "translation file", Limit: 8 << 20}

// placeholderRE is a placeholder as messages write it; anyAction is any
// {{…}}, of which a translation may hold placeholders only.
var (
	placeholderRE = regexp.MustCompile(`{{\s*\.\w+\s*}}`)
	anyAction     = regexp.MustCompile(`{{.*?}}`)
	plainField    = regexp.MustCompile(`^{{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*}}$`)
)

// Cells is the room text takes, in terminal cells (a wide character
// takes two), placeholders not counted.
func Cells(text string) int {
	return uniseg.StringWidth(placeholderRE.ReplaceAllString(text, ""))
}

// piece is a stretch of a message: text, or a placeholder (Field set,
// Raw as written).
type piece struct {
	Text  string
	Field string
	Raw   string
}

// pieces splits a message into text and placeholders.
func pieces(s string) []piece {
	var out []piece
	at := 0
	for _, m := range placeholderRE.FindAllStringIndex(s, -1) {
		if m[0] > at {
			out = append(out, piece{Text: s[at:m[0]]})
		}
		raw := s[m[0]:m[1]]
		out = append(out, piece{Field: strings.TrimSpace(strings.Trim(strings.TrimSpace(raw[2:len(raw)-2]), ".")), Raw: raw})
		at = m[1]
	}
	if at < len(s) {
		out = append(out, piece{Text: s[at:]})
	}
	return out
}

// goi18nHash is the hash goi18n merge writes beside a message of a
// translate file: "sha1-" and the SHA-1 of its description then its
// source text.
func goi18nHash(description, source string) string {
	return fmt.Sprintf("sha1-%x", sha1.Sum([]byte(description+source)))
}

// check finds what is wrong with text as language l's translation of
// message e: the rules every imported message is held to. verified
// holds the hosts and email domains the content verified (Verified). It returns
// the text as it is stored (NFC, without spaces at its ends, apostrophes
// as the typewriter's in a language that prints its own) and the
// problems, in words.
func check(l *locale.Locale, e Entry, text string, verified map[string]bool) (string, []string) {
	if !utf8.ValidString(text) {
		return "", []string{"is not valid UTF-8 text; save the file as UTF-8"}
	}
	// A translation tool or a word processor may have curled the
	// apostrophes: the file keeps the typewriter's, as the English and
	// the file's other messages write them, and printing curls them
	// again (locale.Locale.Apostrophes), so a message that comes back
	// with ’ for ' is the same message, not a change.
	text = l.Unprinted(norm.NFC.String(strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))))
	var problems []string
	say := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	// Characters that garble a terminal or reorder a printed line, as
	// for anything people type; line breaks only where the English has
	// them.
	lines := strings.Split(text, "\n")
	if len(lines) > 1 && !strings.Contains(e.English, "\n") {
		say("has a line break, which the English does not; write it on one line")
	} else if len(lines) > 1 && len(lines) != len(strings.Split(e.English, "\n")) {
		say("has %d lines; the English has %d", len(lines), len(strings.Split(e.English, "\n")))
	}
	for _, line := range lines {
		if _, err := profile.CheckText(profile.Field{Name: "the translation"}, line, len(line)+1); err != nil {
			var fe *profile.FieldError
			if ok := asFieldError(err, &fe); ok {
				say("%s; %s", fe.Problem, fe.Fix)
			} else {
				say("%v", err)
			}
			break
		}
	}

	// Placeholders: the same as the English, and nothing else between
	// {{ and }}.
	var fields []string
	for _, a := range anyAction.FindAllString(text, -1) {
		m := plainField.FindStringSubmatch(a)
		if m == nil {
			say("holds %q, which is not a placeholder; write placeholders exactly as the English does, like %s", a, placeholderList(orNone(e.Placeholders)))
			continue
		}
		fields = append(fields, m[1])
	}
	if rest := anyAction.ReplaceAllString(text, ""); strings.Contains(rest, "{{") || strings.Contains(rest, "}}") {
		say("has an unclosed {{ or a stray }}; write placeholders exactly as the English does")
	}
	slices.Sort(fields)
	// A placeholder as often as the English prints it. More often
	// repeats a verified value the English gives once: "more than
	// {{.Languages}} {{.Languages}} languages" printed "more than 200
	// 200 languages", one number of 200200 to a reader. Less often
	// drops one the English gives: "In immediate danger, call
	// {{.Emergency}}. Where there is no {{.Emergency}}, call local
	// police." came back as "… call a neighbour. Where there is no
	// {{.Emergency}}, …", and the page told a person in danger to call a
	// neighbour. (Dropped altogether, it is "lost", below.)
	for f := range slices.Values(slices.Compact(slices.Clone(fields))) {
		n, english := countOf(fields, f), locale.PlaceholderCount(e.English, f)
		switch {
		case english > 0 && n > english:
			say("has the placeholder {{.%s}} %s, the English %s: awarekit prints the verified value at each, so keep it as often as the English does", f, locale.Times(n), locale.Times(english))
		case n < english:
			say("has the placeholder {{.%s}} %s, the English %s: each is a verified value the reader needs where the English gives it, so keep every one", f, locale.Times(n), locale.Times(english))
		}
	}
	fields = slices.Compact(fields)
	for _, f := range e.Placeholders {
		if !slices.Contains(fields, f) {
			say("lost the placeholder {{.%s}}; put it back where your sentence needs it: awarekit prints the verified value there", f)
		}
	}
	for _, f := range fields {
		if !slices.Contains(e.Placeholders, f) {
			say("has the placeholder {{.%s}}, which the English does not; the English has %s", f, placeholderList(orNone(e.Placeholders)))
		}
	}

	// Numbers come from the verified contacts and facts through
	// placeholders: a translation writes none of its own (2, ٢, ੨, ½…)
	// where the English has none.
	if !hasNumber(e.English) {
		if r, ok := ownNumber(text); ok {
			say("writes the number %q, which the English does not; numbers are printed from verified data through the placeholders: write the words only", r)
		}
	} else if want, got := numbers(e.English), numbers(text); !slices.Equal(want, got) {
		// A number the English writes (an app's name, like P3 Tips) is
		// kept as it is, in any script's digits; none is added or changed.
		say("writes the numbers %s; the English writes %s: keep the English's numbers as they are and add none", quoteList(got), quoteList(want))
	}

	// Web and email addresses are verified with the contacts and facts:
	// a translation writes only those (the English's, or an official
	// name in another language that a verified source uses, like
	// Cyberaide.ca), and keeps one where the English has one, so no
	// reader is sent to an address nobody checked.
	want, got := addresses(e.English), addresses(text)
	for _, a := range got {
		if !slices.ContainsFunc(want, func(w string) bool { return strings.EqualFold(w, a) }) && !verified[host(a)] {
			say("writes the address %q, which is not verified; write the English's (%s) as it is", a, quoteList(orNone(want)))
		}
	}
	if len(want) > 0 && len(got) == 0 {
		say("lost the address %s; write it exactly as the English does", quoteList(want))
	}

	// Markup prints as it is on paper, and HTML or Markdown output
	// escapes it: a message is plain text.
	if m := markupRE().FindString(text); m != "" && !markupRE().MatchString(e.English) {
		say("holds the markup %q, which prints as it is; write plain text", m)
	}

	if e.Max > 0 {
		if n := Cells(text); n > e.Max {
			say("is %d characters long; it has room for %d where it is printed (%s); shorten it", n, e.Max, e.Where)
		}
	}

	// The language's own letters, unless the English has none or the
	// message is a name that may stay in English.
	if !e.Official && hasLetter(e.English) && !hasScript(l.Script, text) {
		say("has no letter of the %s script %s is written in; is it in the right language?", l.Script.Name, languageName(l))
	}
	// A copy of the English is refused, except an official name and a
	// word or two, which many languages share ("Source" and "Minutes"
	// are French too); in another script the script check catches it.
	if text == e.English && !e.Official && len(strings.FieldsFunc(placeholderRE.ReplaceAllString(e.English, ""), notLetter)) >= 3 {
		say("is the English text; translate it, or leave it out of the file")
	}
	return text, problems
}

func asFieldError(err error, fe **profile.FieldError) bool {
	e, ok := err.(*profile.FieldError)
	if ok {
		*fe = e
	}
	return ok
}

func orNone(names []string) []string {
	if len(names) == 0 {
		return []string{"none"}
	}
	return names
}

func hasNumber(s string) bool {
	_, ok := ownNumber(s)
	return ok
}

// ownNumber finds the first number (digits of any script, or other
// number characters) outside the placeholders of s.
func ownNumber(s string) (string, bool) {
	text := anyAction.ReplaceAllString(s, "")
	i := strings.IndexFunc(text, unicode.IsNumber)
	if i < 0 {
		return "", false
	}
	// The whole number, as the translator wrote it: "911", not "9".
	n := strings.IndexFunc(text[i:], func(r rune) bool { return !unicode.IsNumber(r) })
	if n < 0 {
		return text[i:], true
	}
	return text[i : i+n], true
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// numbers lists the numbers s writes outside its placeholders, each as
// its digits' values (so ٣ and 3 are the same number), sorted; a number
// character that is not a decimal digit (½, Ⅻ) is listed as itself.
func numbers(s string) []string {
	var out []string
	var run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			out = append(out, run.String())
			run.Reset()
		}
	}
	for _, r := range anyAction.ReplaceAllString(s, " ") {
		switch {
		case unicode.IsDigit(r):
			// Each script's digits are a run of code points from zero.
			zero := r
			for unicode.IsDigit(zero - 1) {
				zero--
			}
			run.WriteRune('0' + (r-zero)%10)
		case unicode.IsNumber(r):
			flush()
			out = append(out, string(r))
		default:
			flush()
		}
	}
	flush()
	slices.Sort(out)
	return out
}

// addressRE finds web and email addresses: a scheme or www., an email,
// or a name ending in a common top-level domain (Cybertip.ca).
// (Compiled when first used, not at every command's start.)
var addressRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i:https?://|www\.)[^\s<>"]+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?i:ca|com|org|net|info|gov|edu|io|app|link|site|online)\b`)
})

// addresses lists the web and email addresses s writes, as written but
// without a sentence's final full stop, sorted.
func addresses(s string) []string {
	var out []string
	for _, a := range addressRE().FindAllString(anyAction.ReplaceAllString(s, " "), -1) {
		out = append(out, strings.TrimRight(a, ".,;:!?)»”"))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// markupRE finds HTML tags and character references, and Markdown links
// and emphasis.
// (Compiled when first used, not at every command's start.)
var markupRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);|\[[^\]]*\]\([^)]*\)|\*\*[^*]+\*\*|__[^_]+__|` + "`[^`]+`")
})

// host is the host an address names, in lower case, without www.: the
// domain of an email address.
func host(a string) string {
	a = strings.ToLower(a)
	if _, rest, ok := strings.Cut(a, "://"); ok {
		a = rest
	}
	if _, domain, ok := strings.Cut(a, "@"); ok {
		a = domain
	}
	a, _, _ = strings.Cut(a, "/")
	return strings.TrimPrefix(a, "www.")
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		if v == "none" {
			q[i] = v
			continue
		}
		q[i] = strconv.Quote(v)
	}
	if len(q) == 0 {
		return "none"
	}
	return strings.Join(q, ", ")
}

func hasLetter(s string) bool {
	return strings.IndexFunc(placeholderRE.ReplaceAllString(s, ""), unicode.IsLetter) >= 0
}

func hasScript(sc locale.Script, s string) bool {
	for _, r := range placeholderRE.ReplaceAllString(s, "") {
		if sc.Has(r) {
			return true
		}
	}
	return false
}

func languageName(l *locale.Locale) string {
	if l.Meta.Name != "" {
		return l.Meta.Name
	}
	return l.Tag
}

// countOf is how many times f is in the sorted list fields.
func countOf(fields []string, f string) int {
	i, _ := slices.BinarySearch(fields, f)
	n := 0
	for ; i+n < len(fields) && fields[i+n] == f; n++ {
	}
	return n
}

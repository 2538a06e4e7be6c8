package profile

import (
	"strings"
	"testing"
)

// TestInvisible: a character that prints nothing (or a blank) is refused
// in the text people type, named with its place: in a name it made the
// name unsearchable in the PDF; in a website's path the page showed one
// address and the QR code led to another. ZWNJ and ZWJ stay where a
// script needs them, and a variation selector after what it varies.
func TestInvisible(t *testing.T) {
	f := Field{Name: "organisation name", From: "--org-name"}
	for _, c := range []struct {
		name, in, want string
	}{
		{"zero width space", "Riverside\u200bServices", "holds U+200B at character 10: ZERO WIDTH SPACE, invisible on the page"},
		{"word joiner", "River\u2060side", "U+2060 at character 6: WORD JOINER"},
		{"byte order mark inside", "River\ufeffside", "U+FEFF at character 6: ZERO WIDTH NO-BREAK SPACE"},
		{"soft hyphen", "Settle\u00adment", "U+00AD at character 7: SOFT HYPHEN"},
		{"tag characters", "Club\U000E0041\U000E0042", "U+E0041 at character 5: a tag character"},
		{"a variation selector alone", "\ufe00Club", "U+FE00 at character 1: a variation selector with no character before it to vary"},
		{"a variation selector after a space", "Club \U000E0100x", "U+E0100 at character 6: a variation selector with no character"},
		{"Hangul choseong filler", "Club\u115f", "U+115F at character 5: a Hangul filler, which prints as a blank"},
		{"Hangul filler", "\u3164", "U+3164 at character 1: a Hangul filler"},
		{"ZWJ between Latin letters", "Rive\u200drside", "U+200D at character 5: ZERO WIDTH JOINER, which joins nothing here"},
		{"ZWNJ at the end", "کتاب\u200c", "U+200C at character 5: ZERO WIDTH NON-JOINER, which joins nothing here"},
		{"ZWNJ after a space", "Club \u200cها", "U+200C at character 6"},
		{"invisible operator", "A\u2062B", "U+2062 at character 2: an invisible mathematical operator"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := CheckText(f, c.in, MaxName)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "type the value again without it") {
				t.Errorf("CheckText(%+q) = %v, want %q and the fix", c.in, err, c.want)
			}
		})
	}
	for _, in := range []string{
		"کتاب\u200cها",       // Persian plural: ZWNJ between Arabic letters
		"می\u200cخواهم",      // Persian verb prefix
		"क्\u200dष",          // Devanagari half form: ZWJ after the virama
		"ਸ\u0a4d\u200dਹ",     // Gurmukhi
		"葛\U000E0100城",       // an ideographic variation sequence
		"Riverside Services", // plain
	} {
		if got, err := CheckText(f, in, MaxName); err != nil || got != strings.TrimSpace(in) {
			t.Errorf("CheckText(%+q) = %+q, %v; want it kept", in, got, err)
		}
	}

	// In a phone number, an address or a website nothing invisible may
	// stand, joiners and selectors included: what is dialled, sent to or
	// opened must be what is printed.
	for _, c := range []struct {
		name     string
		check    func(Field, string) (string, error)
		in, want string
	}{
		{"phone", CheckPhone, "604-555\u200b-0134", "holds U+200B at character 8: ZERO WIDTH SPACE, invisible on the page; the number looks right and dials another"},
		{"phone ZWJ", CheckPhone, "604\u200d555-0134", "U+200D at character 4: ZERO WIDTH JOINER"},
		{"phone soft hyphen", CheckPhone, "604\u00ad555-0134", "U+00AD at character 4: SOFT HYPHEN"},
		{"email", CheckEmail, "info\u2060@example.org", "U+2060 at character 5: WORD JOINER, invisible on the page; the address looks right and mail to it goes nowhere, or to another"},
		{"email ZWNJ between Arabic letters", CheckEmail, "علی\u200cرضا@example.org", "U+200C at character 4: ZERO WIDTH NON-JOINER"},
		{"website path", CheckWebsite, "https://riverside.example.org/he\u200blp", "U+200B at character 33: ZERO WIDTH SPACE, invisible on the page; the address looks right and its QR code and link lead to another"},
		{"website query", CheckWebsite, "riverside.example.org/?lang=\ufefffr", "U+FEFF at character 29"},
		{"website domain", CheckWebsite, "river\u00adside.example.org", "U+00AD at character 6: SOFT HYPHEN"},
		{"website variation selector", CheckWebsite, "example.org/a\ufe0eb", "U+FE0E at character 14: a variation selector"},
		{"website bidi format", CheckWebsite, "example.org/a\U000E0020", "U+E0020 at character 14: a tag character"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.check(Field{Name: "organisation " + c.name}, c.in)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "type it again rather than paste it") {
				t.Errorf("%+q: %v, want %q and the fix", c.in, err, c.want)
			}
		})
	}
}

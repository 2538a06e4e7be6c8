package txt

import (
	"cmp"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// Encodings of an SMS, as Segments names them.
const (
	GSM7 = "GSM-7"
	UCS2 = "UCS-2"
)

// MaxSegments is the most parts an SMS may take: longer messages arrive
// out of order or not at all on many phones, and every part is paid for.
const MaxSegments = 3

// Segment sizes: a single message carries 160 GSM-7 characters or 70
// UTF-16 code units; a concatenated one loses room in each part to the
// header that joins them.
const (
	gsmSingle, gsmPart = 160, 153
	ucsSingle, ucsPart = 70, 67
)

// gsmBasic is the GSM 03.38 default alphabet; gsmExtension holds the
// characters sent as an escape and a second septet, so they count two.
var (
	gsmBasic = setOf("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
	gsmExtension = setOf("\f^{}\\[~]|€")
)

func setOf(s string) map[rune]bool {
	m := make(map[rune]bool)
	for _, r := range s {
		m[r] = true
	}
	return m
}

// Segments returns how many SMS parts s takes and in which encoding:
// GSM-7 when every character is in the GSM default alphabet or its
// extension table (which count two), otherwise UCS-2, counted in UTF-16
// code units so that characters outside the BMP, like emoji, count two.
// A character is never split between two parts, as phones do.
func Segments(s string) (n int, encoding string) {
	if s == "" {
		return 0, GSM7
	}
	units, single, part := gsmUnits(s), gsmSingle, gsmPart
	encoding = GSM7
	if units == nil {
		units, single, part = ucsUnits(s), ucsSingle, ucsPart
		encoding = UCS2
	}
	total := 0
	for _, u := range units {
		total += u
	}
	if total <= single {
		return 1, encoding
	}
	n, used := 1, 0
	for _, u := range units {
		if used+u > part {
			n, used = n+1, 0
		}
		used += u
	}
	return n, encoding
}

// gsmUnits is the size in septets of each character of s, or nil when
// a character is not in the GSM-7 alphabet.
func gsmUnits(s string) []int {
	var units []int
	for _, r := range s {
		switch {
		case gsmBasic[r]:
			units = append(units, 1)
		case gsmExtension[r]:
			units = append(units, 2)
		default:
			return nil
		}
	}
	return units
}

// ucsUnits is the size in UTF-16 code units of each character of s.
func ucsUnits(s string) []int {
	var units []int
	for _, r := range s {
		units = append(units, utf16.RuneLen(r))
	}
	return units
}

// TooLongError is an SMS that needs more parts than MaxSegments even
// in its shortest form.
type TooLongError struct {
	Segments int
	Encoding string
	Length   int // characters, in the encoding's units
}

func (e *TooLongError) Error() string {
	return fmt.Sprintf("sms takes %d segments (%s, %d characters), more than the limit of %d, even with only the hotline number and the emergency line",
		e.Segments, e.Encoding, e.Length, MaxSegments)
}

// SMS is the shortest version of d: a lead (the hotline's name when it
// is short, else the locale's SMS lead, d.Labels.SMSLead), the hotline
// number on a line of its own (so that no right-to-left text around it
// can reorder its digits), one sign to look for (d.ShortSign), what to
// do in danger, the organisation's own number (or its website or email
// when it gave no number) under its list's title, and, for a draft
// translation, a short draft notice in the language and in English.
// When that takes more than MaxSegments parts it drops the sign, then
// the lead, then the organisation's number (SMSLeaves says so); if it is
// still too long it fails with *TooLongError. The document's typographic
// apostrophes and quotes are written as the typewriter's where that
// keeps the message in GSM-7.
func SMS(d *doc.Document) (string, error) {
	text, _, err := sms(d)
	return text, err
}

// SMSLeaves says what the SMS of d leaves out for want of room, of what
// it carries when three segments hold it: the sign to look for
// (doc.PartSigns), the hotline's name that leads it
// (doc.PartHotlineName), the organisation's own number (doc.PartLocal).
// A language whose letters need UCS-2 (70 characters a part, not 160)
// often has room for neither the sign nor the lead.
func SMSLeaves(d *doc.Document) []doc.Part {
	_, left, err := sms(d)
	if err != nil {
		return nil
	}
	return left
}

// sms is SMS, and what it left out of what it carries when there is
// room (SMSLeaves).
func sms(d *doc.Document) (text string, left []doc.Part, err error) {
	h := d.Help.Hotline
	lead := strings.TrimSpace(h.Name)
	if utf16Len(lead) > maxLead {
		lead = strings.TrimSpace(d.Labels.SMSLead)
	}
	// The sign is the document's ShortSign, the same sign in every
	// language, or none: never another sign that happens to be shorter
	// in this language.
	sign := strings.TrimSpace(d.ShortSign)
	if sign != "" && d.Signs.Title != "" {
		sign = d.Signs.Title + "\n" + sign
	}
	org := ownContact(d)
	// A draft translation says so in every candidate: the educator who
	// sends it may not read the language.
	draft := d.Labels.SMSDraft
	candidates := []struct {
		lines []string
		left  []doc.Part // of what there is
	}{
		{[]string{lead, h.Phone, sign, d.Help.Emergency, org, draft}, nil},
		{[]string{lead, h.Phone, d.Help.Emergency, org, draft}, []doc.Part{doc.PartSigns}},
		{[]string{h.Phone, d.Help.Emergency, org, draft}, []doc.Part{doc.PartSigns, doc.PartHotlineName}},
		{[]string{lead, h.Phone, sign, d.Help.Emergency, draft}, []doc.Part{doc.PartLocal}},
		{[]string{lead, h.Phone, d.Help.Emergency, draft}, []doc.Part{doc.PartSigns, doc.PartLocal}},
		{[]string{h.Phone, d.Help.Emergency, draft}, []doc.Part{doc.PartSigns, doc.PartHotlineName, doc.PartLocal}},
	}
	has := map[doc.Part]bool{doc.PartSigns: sign != "", doc.PartHotlineName: lead != "", doc.PartLocal: org != ""}
	var tooLong *TooLongError
	for _, c := range candidates {
		// The isolates around a value inserted into text of the other
		// direction (doc.Isolate) are not sent: GSM-7 has no such
		// characters, one would send the message in UCS-2 at 70 a part,
		// and phones older than Unicode 6.3 draw them as boxes.
		text := gsmQuotes(doc.StripIsolates(joinLines(c.lines)))
		n, enc := Segments(text)
		if n <= MaxSegments {
			for _, p := range c.left {
				if has[p] {
					left = append(left, p)
				}
			}
			return text, left, nil
		}
		tooLong = &TooLongError{Segments: n, Encoding: enc, Length: length(text, enc)}
	}
	return "", nil, tooLong
}

// ownContact is the organisation's list's title and, on a line of its
// own, its number (or, with none, its website or email): "" when it gave
// none. Its list's other contacts, labelled by the organisation, have no
// room in an SMS.
func ownContact(d *doc.Document) string {
	l := d.Help.Local
	if l == nil {
		return ""
	}
	for _, c := range l.Contacts {
		if c.Name != d.Brand.OrgName {
			continue
		}
		if way := strings.TrimSpace(cmp.Or(c.Phone, c.Website, c.Email)); way != "" {
			return strings.TrimSpace(l.Title) + "\n" + way
		}
	}
	return ""
}

// typewriterQuotes are the typographic quotes and apostrophes the
// document prints (see locale.Locale.Apostrophes) that GSM-7 lacks, with
// the typewriter's marks it has.
var typewriterQuotes = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201C", "\"", "\u201D", "\"")

// gsmQuotes writes the typographic quotes and apostrophes of s as the
// typewriter's when that is all that keeps s out of GSM-7: one ’ would
// send the whole message in UCS-2, at 70 characters a part instead of
// 160, as gateways that substitute characters do. Text that needs UCS-2
// anyway (Cyrillic, Arabic…) keeps its quotes.
func gsmQuotes(s string) string {
	if _, enc := Segments(s); enc == GSM7 {
		return s
	}
	if plain := typewriterQuotes.Replace(s); gsmUnits(plain) != nil {
		return plain
	}
	return s
}

// maxLead is the longest hotline name the SMS leads with, in UTF-16 code
// units: "Canadian Human Trafficking Hotline" is 34; a name with its
// translation in parentheses is twice that, a part of its own in UCS-2.
const maxLead = 40

// WriteSMS writes the SMS of d with nothing after it: a final newline
// would be one more character to pay for.
func WriteSMS(w io.Writer, d *doc.Document) error {
	s, err := SMS(d)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, s)
	return err
}

func joinLines(parts []string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(norm.NFC.String(p)); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "\n")
}

// length is the size of s in the units of its encoding: septets or
// UTF-16 code units.
func length(s, encoding string) int {
	units := ucsUnits(s)
	if encoding == GSM7 {
		units = gsmUnits(s)
	}
	n := 0
	for _, u := range units {
		n += u
	}
	return n
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// Package doc is the format-neutral document model: what one piece of
// material says, already translated, before any layout decides where it
// goes. Layouts and text renderers read it; nothing in it knows about
// pages, fonts or file formats.
package doc

import (
	"slices"
	"strings"
)

// Document is one audience's material in one language.
type Document struct {
	Meta     Meta
	Brand    Brand
	Headline string
	Intro    string
	Signs    List // possible signs to look for
	// ShortSign is the one sign the shortest format (the SMS) prints:
	// the same sign, chosen by its identity, in every language of a
	// campaign (content picks the one its English says most briefly);
	// "" when this language leaves that sign out.
	ShortSign string
	// Actions are what to do, in one or two groups: "If this is
	// happening to you", then "If you are worried about someone", where
	// the material speaks to both readers; one group where it speaks to
	// one (staff, a health care provider). A format prints every group
	// or fails: it never drops one.
	Actions []Actions
	Notes   *List
	Fact    *Fact
	Help    Help
	QR      QR  // the hotline's code
	OrgQR   *QR // the organisation's website's code; nil when it gave none
	Footer  Footer
	Law     *Law    // "Know the law", for handouts
	Stories []Story // consented, anonymised stories, for handouts
	Safety  Safety  // the discreet safety card's text
	Labels  Labels  // short texts that only some formats use
	Social  *Social // social-media images' text; nil where no one wrote it
	Event   *Event  // the session the material is for, when given
	// Kit is the workshop kit's text, for the kit's formats; nil for
	// the others.
	Kit *Kit
	// Pocket is the audience's pocket card, for the format that prints
	// it; nil for the others.
	Pocket *Pocket
}

// Event is the session a material is made for, as the organiser wrote it.
type Event struct {
	Name, Date, Place, Facilitator string
}

// Isolated is Line for a page written in the direction rtl says: each
// detail an isolate where it holds letters of the other direction
// (Isolate), so that "St. Mary's Hall, Room 2." on an Arabic page keeps
// its order and the details theirs.
func (e Event) Isolated(rtl bool) string {
	return Event{Name: Isolate(e.Name, rtl), Date: Isolate(e.Date, rtl), Place: Isolate(e.Place, rtl), Facilitator: Isolate(e.Facilitator, rtl)}.Line()
}

// Line joins the event's details for one printed line.
func (e Event) Line() string {
	var parts []string
	for _, s := range []string{e.Name, e.Date, e.Place, e.Facilitator} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "  ·  ")
}

// Law is the "Know the law" block: plain-language items, each with the
// law it summarises.
type Law struct {
	Title string
	Intro string
	Items []LawItem
	Note  string // e.g. that this is not legal advice
}

// LawItem is one plain-language summary and its citation.
type LawItem struct {
	Text     string
	Citation string
}

// Story is a story block. Only stories with recorded consent and
// anonymisation reach a document.
type Story struct {
	Title string
	Text  string
	Label string // e.g. that it is an illustrative composite
	// Consent says who recorded the teller's consent and when, for the
	// facilitator guide; "" elsewhere.
	Consent string
}

// Safety is the text of the discreet card: a neutral outside, and the
// hotline and emergency line inside.
type Safety struct {
	FrontTitle  string
	FrontText   string
	InsideTitle string
	InsideText  string
	Danger      string
}

// Social is the text that social-media images and their captions add to
// the document's own: written per language, and missing (nil) in a
// language where no one has written it.
type Social struct {
	Help string // above the hotline number: what the call gives
	Alt  string // the label before the image's description in a caption
	// Avoid lists words that name a crime, in the document's language,
	// lower case: a discreet document shows none of them large.
	Avoid []string
	// Discreet documents may be seen on a phone by a controlling person:
	// their image's largest words and their caption's first line name no
	// crime.
	Discreet bool
}

// Names returns the first word of Avoid that s contains, ignoring case,
// or "".
func (s *Social) Names(text string) string {
	text = strings.ToLower(text)
	for _, w := range s.Avoid {
		if w != "" && strings.Contains(text, w) {
			return w
		}
	}
	return ""
}

// Labels are short texts for particular formats.
type Labels struct {
	Tab          string // three words on each tear-off tab
	MoreContacts string // heading of the handout's contact list
	StorySection string // heading of the story block
	SMSLead      string // first words of an SMS
	PosterCall   string // call to action above a poster's number
	CardsBack    string // line on the back of wallet cards
	// SMSDraft says, in the fewest words, that the translation is a
	// draft: in the page's language and in English; "" when reviewed.
	SMSDraft string
}

// Meta describes the document for the file's metadata and for renderers.
type Meta struct {
	Audience     string // audience ID, e.g. "youth"
	AudienceName string // localised audience name
	Lang         string // BCP 47 tag of the text
	RTL          bool   // the language is written right to left
	Title        string
	Subject      string
	Author       string
	Creator      string
	Version      string // content version
	// Keep are the language's words and names a line must not split
	// (locale.Meta.Keep): 加拿大, 人口贩运.
	Keep []string
}

// Brand is how the organisation's material looks.
type Brand struct {
	OrgName string
	Color   RGB
	Logo    *Image
}

// RGB is a colour.
type RGB struct{ R, G, B uint8 }

// Image is an encoded raster image: PNG or JPEG.
type Image struct {
	Data          []byte
	Type          string // "png" or "jpg"
	Width, Height int    // pixels
}

// List is a titled list of short items.
type List struct {
	Title   string
	Items   []string
	Caution string // a closing remark, e.g. that one sign proves nothing
}

// Actions is one group of actions: its title, what to do and what to
// avoid.
type Actions struct {
	Title string
	Do    []string
	Dont  []string
}

// Fact is a statistic with its source and year, printed together.
type Fact struct {
	Text   string
	Source string
}

// Help is the "Get help" panel: the national hotline first, then the
// emergency line, the verified contacts of the audience and province,
// and the organisation's own local contacts, apart.
type Help struct {
	Title     string
	Lead      string
	Hotline   Contact
	Emergency string // the "in immediate danger, call 911, or local police" line
	// Others are the audience's verified contacts.
	Others []Contact
	// Province are the verified lines of the province or territory the
	// material is made for, when one was named.
	Province []Contact
	// Local is the organisation's own list, printed as theirs and never
	// mixed with the verified contacts; nil when it gave none.
	Local *Local
}

// Local is the organisation's list of local help: a title that says
// whose list it is, then the organisation itself (when it gave a way to
// reach it) and the local contacts it labelled.
type Local struct {
	Title    string
	Contacts []Contact
}

// Contact is one place to call, text or visit.
type Contact struct {
	Name    string
	Detail  string
	Phone   string
	Text    string // e.g. "Text CONNECT to 686868"
	Website string // printed form, no scheme
	Email   string
}

// QR is a code that opens URL, with the address also printed as Text.
type QR struct {
	URL     string
	Text    string
	Caption string
}

// Footer closes the page: who made it, which content version, and a
// draft notice while the translation is unreviewed.
type Footer struct {
	OrgName string
	Version string
	// Draft says the translation is a draft, in the page's language;
	// DraftEnglish says it in English, so the educator who cannot read
	// the page can tell. Both are empty for reviewed and English text.
	Draft        string
	DraftEnglish string
}

// DraftLines are the draft notices to print, the page's language first;
// none when the text is reviewed.
func (f Footer) DraftLines() []string {
	var out []string
	for _, s := range []string{f.Draft, f.DraftEnglish} {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

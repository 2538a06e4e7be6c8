package doc

import "strings"

// Block names a part of a document. A format's content budget lists the
// blocks it carries; a layout that cannot fit one names it; each element
// a layout draws says which block it comes from, so tests and tagged PDF
// know what a line of text is.
type Part string

// The blocks of a document.
const (
	PartHeadline Part = "headline"
	PartIntro    Part = "introduction"
	PartSigns    Part = "signs"
	PartActions  Part = "what-to-do list"
	PartNotes    Part = "notes"
	PartFact     Part = "statistic"
	PartHotline  Part = "hotline number" // the national hotline: its name, number and what it is
	// PartHotlineName is the hotline's name alone, where a format
	// may print its number without it (an SMS).
	PartHotlineName Part = "hotline's name"
	PartEmergency   Part = "emergency line"    // "in danger, call 911"
	PartHelp        Part = "help panel"        // the panel's title
	PartContacts    Part = "contacts"          // the audience's other verified contacts: names, numbers, addresses
	PartDetails     Part = "contacts' details" // what each contact (the audience's, the province's) is
	PartProvince    Part = "province's lines"
	PartLocal       Part = "organisation's local contacts"
	PartQR          Part = "QR code"
	PartOrgQR       Part = "organisation's QR code"
	PartLogo        Part = "logo"
	PartOrg         Part = "organisation's name"
	PartLaw         Part = "law section"
	PartStory       Part = "story"
	PartSafety      Part = "safety card text"
	PartSocial      Part = "social-media text (social.* messages)"
	PartEvent       Part = "event"
	PartFooter      Part = "footer" // the content version and the draft notice
	PartTabs        Part = "tear-off tabs"
)

// Texts lists the words block b prints, each as one string: what a
// reader of the page must find, in order. Numbers, addresses and names
// are separate strings, so that a layout may set them apart. Blocks that
// print no words of the document's (a logo, a QR code) give their
// alternative text's address, or nothing.
func (d *Document) Texts(b Part) []string {
	var out []string
	add := func(ss ...string) {
		for _, s := range ss {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	contact := func(c Contact) { add(c.Name, c.Phone, c.Text, c.Website, c.Email) }
	switch b {
	case PartHeadline:
		add(d.Headline)
	case PartIntro:
		add(d.Intro)
	case PartSigns:
		add(d.Signs.Title)
		add(d.Signs.Items...)
		add(d.Signs.Caution)
	case PartActions:
		for _, g := range d.Actions {
			add(g.Title)
			add(g.Do...)
			add(g.Dont...)
		}
	case PartNotes:
		if d.Notes != nil {
			add(d.Notes.Title)
			add(d.Notes.Items...)
		}
	case PartFact:
		if d.Fact != nil {
			add(d.Fact.Text, d.Fact.Source)
		}
	case PartHotline:
		add(d.Help.Hotline.Name, d.Help.Hotline.Phone, d.Help.Hotline.Detail)
	case PartHotlineName:
		add(d.Help.Hotline.Name)
	case PartEmergency:
		add(d.Help.Emergency)
	case PartHelp:
		add(d.Help.Title)
	case PartContacts:
		for _, c := range d.Help.Others {
			contact(c)
		}
	case PartProvince:
		for _, c := range d.Help.Province {
			contact(c)
		}
	case PartDetails:
		for _, c := range append(append([]Contact(nil), d.Help.Others...), d.Help.Province...) {
			add(c.Detail)
		}
	case PartLocal:
		if l := d.Help.Local; l != nil {
			add(l.Title)
			for _, c := range l.Contacts {
				contact(c)
			}
		}
	case PartQR:
		add(d.QR.Caption, d.QR.Text)
	case PartOrgQR:
		if d.OrgQR != nil {
			add(d.OrgQR.Caption, d.OrgQR.Text)
		}
	case PartOrg:
		add(d.Brand.OrgName)
	case PartLaw:
		if d.Law != nil {
			add(d.Law.Title, d.Law.Intro)
			for _, it := range d.Law.Items {
				add(it.Text, it.Citation)
			}
			add(d.Law.Note)
		}
	case PartStory:
		for _, s := range d.Stories {
			add(s.Title, s.Text, s.Label)
		}
	case PartSafety:
		sf := d.Safety
		add(sf.FrontTitle, sf.FrontText, sf.InsideTitle, sf.InsideText, sf.Danger)
	case PartEvent:
		if d.Event != nil {
			add(d.Event.Line())
		}
	case PartFooter:
		add(d.Footer.Version)
		add(d.Footer.DraftLines()...)
	case PartTabs:
		add(d.Help.Hotline.Phone, d.Labels.Tab)
	}
	return out
}

// Has reports whether d has anything to print for b.
func (d *Document) Has(b Part) bool {
	switch b {
	case PartLogo:
		return d.Brand.Logo != nil
	case PartQR:
		return d.QR.URL != ""
	}
	return len(d.Texts(b)) > 0
}

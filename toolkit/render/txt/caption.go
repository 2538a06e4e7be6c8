package txt

import (
	"fmt"
	"io"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// WriteCaption writes the text to post with a social-media image, one
// block per language of the image: the headline (the first line, which
// for a discreet audience names no crime), what the hotline gives and
// its number, the emergency line, the organisation's own contacts, and a
// description of the image for people who cannot see it. It writes
// nothing when a discreet document's first line names a crime.
func WriteCaption(w io.Writer, docs ...*doc.Document) error {
	var b strings.Builder
	for i, d := range docs {
		if d.Social == nil {
			return fmt.Errorf("no one has written the social-media text (social.* messages) in %s yet", d.Meta.Lang)
		}
		if word := d.Social.Names(d.Headline); d.Social.Discreet && word != "" {
			return fmt.Errorf("the caption's first line %q names %q; for %s it names no crime (social.avoid in %s)", d.Headline, word, d.Meta.AudienceName, d.Meta.Lang)
		}
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(d.Headline + "\n")
		rtl := d.Meta.RTL
		b.WriteString(d.Social.Help + " " + leftToRight(d.Help.Hotline.Phone, rtl) + "\n")
		b.WriteString(d.Help.Emergency + "\n")
		for _, c := range d.Help.Province {
			b.WriteString(contactLine(c, rtl) + "\n")
		}
		if l := d.Help.Local; l != nil {
			// The organisation's own list, under its title: never mixed
			// with the verified lines.
			b.WriteString(l.Title + "\n")
			for _, c := range l.Contacts {
				b.WriteString(contactLine(c, rtl) + "\n")
			}
		}
		b.WriteString("\n" + d.Social.Alt + " " + altText(d) + "\n")
		for _, draft := range d.Footer.DraftLines() {
			b.WriteString(draft + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// altText describes the image in words: what it says, in the order it
// says it.
func altText(d *doc.Document) string {
	parts := []string{isolated(d.Brand.OrgName, d.Meta.RTL), d.Headline}
	parts = append(parts, d.Signs.Items[:min(3, len(d.Signs.Items))]...)
	parts = append(parts, d.Social.Help+" "+leftToRight(d.Help.Hotline.Phone, d.Meta.RTL))
	if !d.Social.Discreet {
		parts = append(parts, d.Help.Hotline.Name)
	}
	parts = append(parts, d.Help.Emergency)
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " — ")
}

// contactLine is a contact's name, number and addresses, those it has,
// joined by " · ". In a right-to-left caption each is an isolate of its
// own: a Latin name, a number and an address side by side would
// otherwise read as one left-to-right run, in the wrong order for the
// reader, and a number after Arabic words takes their direction (W2 of
// UAX #9) and shows its digit groups reversed: 1010-900-833-1.
func contactLine(c doc.Contact, rtl bool) string {
	var parts []string
	if c.Name != "" {
		parts = append(parts, isolated(c.Name, rtl))
	}
	for _, w := range ways(c) {
		parts = append(parts, leftToRight(w, rtl))
	}
	return strings.Join(parts, " · ")
}

// isolated is a name (the organisation's, a contact's) for a caption: in
// a right-to-left one, a first-strong isolate whatever its letters, so
// that its neighbours do not reorder with it; in a left-to-right one,
// as doc.Isolate leaves it (an isolate when it is written right to
// left).
func isolated(name string, rtl bool) string {
	if !rtl || name == "" || strings.HasPrefix(name, string(doc.FirstStrongIsolate)) {
		return doc.Isolate(name, rtl)
	}
	return string(doc.FirstStrongIsolate) + name + string(doc.PopIsolate)
}

// leftToRight is a number or an address for a caption: in a
// right-to-left one, a left-to-right isolate (doc.Embed), which a number
// with no letters needs to keep its digit groups in order.
func leftToRight(value string, rtl bool) string {
	return doc.Embed(value, false, rtl)
}

// ways are a contact's number and addresses, those it has.
func ways(c doc.Contact) []string {
	var out []string
	for _, s := range []string{c.Phone, c.Website, c.Email} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

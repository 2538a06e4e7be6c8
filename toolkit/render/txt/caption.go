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
		b.WriteString(d.Social.Help + " " + d.Help.Hotline.Phone + "\n")
		b.WriteString(d.Help.Emergency + "\n")
		for _, c := range d.Help.Province {
			b.WriteString(strings.Join(append([]string{c.Name}, ways(c)...), " · ") + "\n")
		}
		if l := d.Help.Local; l != nil {
			// The organisation's own list, under its title: never mixed
			// with the verified lines.
			b.WriteString(l.Title + "\n")
			for _, c := range l.Contacts {
				b.WriteString(strings.Join(append([]string{c.Name}, ways(c)...), " · ") + "\n")
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
	parts := []string{d.Brand.OrgName, d.Headline}
	parts = append(parts, d.Signs.Items[:min(3, len(d.Signs.Items))]...)
	parts = append(parts, d.Social.Help+" "+d.Help.Hotline.Phone)
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

// Package txt writes a document as plain text for email, wrapped at 72
// columns, and as the shortest text of all, an SMS.
package txt

import (
	"bufio"
	"io"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// LineWidth is the widest line Write makes, in columns.
const LineWidth = 72

// Write writes d as plain text: headings underlined, lists with a hyphen,
// the hotline number on its own line.
func Write(w io.Writer, d *doc.Document) error {
	p := &printer{w: bufio.NewWriter(w), keep: Phones(d)}
	if d.Brand.OrgName != "" {
		p.para(d.Brand.OrgName)
		p.blank()
	}
	p.heading(d.Headline, '=')
	p.para(d.Intro)
	for _, l := range Lists(d) {
		p.list(l)
	}
	if d.Fact != nil {
		p.blank()
		p.para(d.Fact.Text)
		p.para(d.Fact.Source)
	}

	h := d.Help
	p.heading(h.Title, '-')
	if h.Lead != "" {
		p.para(h.Lead)
		p.blank()
	}
	p.contact(h.Hotline)
	p.blank()
	p.para(h.Emergency)
	for _, c := range append(slices.Clone(h.Others), h.Province...) {
		p.blank()
		p.contact(c)
	}
	if h.Local != nil {
		// The organisation's own list, under its own heading.
		p.blank()
		p.para(strings.Repeat("-", 8))
		p.para(h.Local.Title)
		for _, c := range h.Local.Contacts {
			p.blank()
			p.contact(c)
		}
	}
	p.law(d.Law)
	p.stories(d.Stories, d.Labels.StorySection)
	if d.QR.URL != "" && !p.printed[d.QR.Text] {
		p.blank()
		if d.QR.Text != "" && d.QR.URL != "https://"+d.QR.Text {
			p.para(d.QR.Text)
		}
		p.para(d.QR.URL)
	}

	p.blank()
	p.para(strings.Repeat("-", 8))
	for _, s := range append([]string{d.Footer.OrgName, d.Footer.Version}, d.Footer.DraftLines()...) {
		p.para(s)
	}
	return p.flush()
}

// Lists are the document's lists in reading order, for text formats:
// the signs, each group of actions (what to do, then what to avoid, in
// one list under the group's title), and the notes.
func Lists(d *doc.Document) []*doc.List {
	lists := []*doc.List{&d.Signs}
	for _, g := range d.Actions {
		lists = append(lists, &doc.List{Title: g.Title, Items: append(slices.Clone(g.Do), g.Dont...)})
	}
	if d.Notes != nil {
		lists = append(lists, d.Notes)
	}
	return lists
}

// Phones lists the phone numbers a document prints, which no renderer may
// split over two lines.
func Phones(d *doc.Document) []string {
	phones := []string{d.Help.Hotline.Phone}
	for _, c := range append(slices.Clone(d.Help.Others), d.Help.Province...) {
		phones = append(phones, c.Phone)
	}
	if d.Help.Local != nil {
		for _, c := range d.Help.Local.Contacts {
			phones = append(phones, c.Phone)
		}
	}
	return phones
}

type printer struct {
	w       *bufio.Writer
	keep    []string
	printed map[string]bool // websites already printed, so the closing link is not repeated
	started bool
	blanks  int // blank lines asked for since the last text
}

func (p *printer) blank() { p.blanks++ }

func (p *printer) line(s string) {
	if p.started && p.blanks > 0 {
		p.w.WriteString("\n")
	}
	p.blanks = 0
	p.started = true
	p.w.WriteString(s)
	p.w.WriteString("\n")
}

func (p *printer) wrap(s, first, rest string) {
	if strings.TrimSpace(s) == "" {
		return
	}
	for _, l := range Wrap(s, WrapOptions{Width: LineWidth, First: first, Rest: rest, Keep: p.keep}) {
		p.line(l)
	}
}

func (p *printer) para(s string) { p.wrap(s, "", "") }

// heading underlines a title with c, as wide as its widest line.
func (p *printer) heading(s string, c byte) {
	if strings.TrimSpace(s) == "" {
		return
	}
	p.blank()
	lines := Wrap(s, WrapOptions{Width: LineWidth, Keep: p.keep})
	widest := 0
	for _, l := range lines {
		p.line(l)
		widest = max(widest, Width(l))
	}
	p.line(strings.Repeat(string(c), min(widest, LineWidth)))
	p.blank()
}

func (p *printer) list(l *doc.List) {
	if l == nil || len(l.Items) == 0 {
		return
	}
	p.heading(l.Title, '-')
	for _, it := range l.Items {
		p.wrap(it, "- ", "  ")
	}
	if l.Caution != "" {
		p.blank()
		p.para(l.Caution)
	}
}

func (p *printer) law(l *doc.Law) {
	if l == nil || len(l.Items) == 0 {
		return
	}
	p.heading(l.Title, '-')
	if l.Intro != "" {
		p.para(l.Intro)
		p.blank()
	}
	for _, it := range l.Items {
		p.wrap(it.Text, "- ", "  ")
		p.wrap(it.Citation, "  ", "  ")
	}
	if l.Note != "" {
		p.blank()
		p.para(l.Note)
	}
}

// stories prints each story under the section heading, or, without
// one, under its own title as a heading.
func (p *printer) stories(stories []doc.Story, heading string) {
	if len(stories) == 0 {
		return
	}
	p.heading(heading, '-')
	for _, st := range stories {
		if heading == "" {
			p.heading(st.Title, '-')
		} else {
			p.blank()
			p.para(st.Title)
		}
		p.para(st.Label)
		p.blank()
		p.para(st.Text)
	}
}

func (p *printer) contact(c doc.Contact) {
	p.para(c.Name)
	p.para(c.Phone)
	p.para(c.Text)
	p.para(c.Detail)
	if c.Website != "" {
		p.para(c.Website)
		if p.printed == nil {
			p.printed = map[string]bool{}
		}
		p.printed[c.Website] = true
	}
	p.para(c.Email)
}

func (p *printer) flush() error { return p.w.Flush() }

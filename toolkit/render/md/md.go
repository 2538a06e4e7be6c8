// Package md writes a document as Markdown (CommonMark) for newsletters
// and websites: setext headings, lists, the hotline in bold with a tel:
// link, and web addresses as reference links, so that no line is wider
// than 72 columns.
package md

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/render/txt"
)

// LineWidth is the widest line Write makes, in columns, unless a single
// word is wider or a line has no space to break at (Chinese, Japanese).
const LineWidth = txt.LineWidth

// Write writes d as Markdown.
func Write(w io.Writer, d *doc.Document) error {
	p := &printer{w: bufio.NewWriter(w), keep: txt.Phones(d), links: map[string]string{}}
	if d.Brand.OrgName != "" {
		p.para(strong(Escape(d.Brand.OrgName)))
	}
	p.heading(d.Headline, '=')
	p.para(Escape(d.Intro))
	for _, l := range txt.Lists(d) {
		p.list(l)
	}
	if d.Fact != nil {
		lines := p.wrap(Escape(d.Fact.Text), "> ", "> ", LineWidth)
		if d.Fact.Source != "" {
			lines = append(lines, ">")
			lines = append(lines, p.wrap(emphasis(Escape(d.Fact.Source)), "> ", "> ", LineWidth)...)
		}
		p.block(lines)
	}

	h := d.Help
	p.heading(h.Title, '-')
	p.para(Escape(h.Lead))
	p.contact(h.Hotline, true, siteURL(h.Hotline.Website, d.QR))
	p.para(strong(Escape(h.Emergency)))
	for _, c := range append(slices.Clone(h.Others), h.Province...) {
		p.contact(c, false, siteURL(c.Website, d.QR))
	}
	if h.Local != nil {
		// The organisation's own list, under its own heading.
		p.heading(h.Local.Title, '-')
		for _, c := range h.Local.Contacts {
			p.contact(c, false, siteURL(c.Website, d.QR))
		}
	}
	p.law(d.Law)
	p.stories(d.Stories, d.Labels.StorySection)
	if d.QR.URL != "" && p.links[d.QR.Text] == "" {
		text := d.QR.Text
		if text == "" {
			text = d.QR.URL
		}
		p.para(p.link(text, d.QR.URL))
	}

	p.rule()
	var foot []string
	for _, s := range []string{d.Footer.OrgName, d.Footer.Version} {
		if s != "" {
			foot = append(foot, Escape(s))
		}
	}
	p.para(strings.Join(foot, " · "))
	for _, draft := range d.Footer.DraftLines() {
		p.para(emphasis(Escape(draft)))
	}
	p.definitions()
	return p.w.Flush()
}

type printer struct {
	w       *bufio.Writer
	keep    []string
	links   map[string]string // link label → URL, for the definitions at the end
	order   []string
	started bool
}

// block writes lines as one block, with a blank line before it.
func (p *printer) block(lines []string) {
	if len(lines) == 0 {
		return
	}
	if p.started {
		p.w.WriteString("\n")
	}
	p.started = true
	for _, l := range lines {
		p.w.WriteString(l)
		p.w.WriteString("\n")
	}
}

func (p *printer) wrap(s, first, rest string, width int) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return txt.Wrap(s, txt.WrapOptions{Width: width, First: first, Rest: rest, Keep: p.keep, SpacesOnly: true, LineStart: escapeLineStart})
}

// para writes s, already Markdown, as a paragraph.
func (p *printer) para(s string) { p.block(p.wrap(s, "", "", LineWidth)) }

func (p *printer) heading(s string, underline byte) {
	lines := p.wrap(Escape(s), "", "", LineWidth)
	if len(lines) == 0 {
		return
	}
	widest := 0
	for _, l := range lines {
		widest = max(widest, txt.Width(l))
	}
	p.block(append(lines, strings.Repeat(string(underline), min(max(widest, 3), LineWidth))))
}

func (p *printer) list(l *doc.List) {
	if l == nil || len(l.Items) == 0 {
		return
	}
	p.heading(l.Title, '-')
	var lines []string
	for _, it := range l.Items {
		lines = append(lines, p.wrap(Escape(it), "- ", "  ", LineWidth)...)
	}
	p.block(lines)
	if l.Caution != "" {
		p.para(emphasis(Escape(l.Caution)))
	}
}

func (p *printer) law(l *doc.Law) {
	if l == nil || len(l.Items) == 0 {
		return
	}
	p.heading(l.Title, '-')
	p.para(Escape(l.Intro))
	var lines []string
	for _, it := range l.Items {
		item := p.wrap(Escape(it.Text), "- ", "  ", LineWidth-1)
		if cite := p.wrap(emphasis(Escape(it.Citation)), "  ", "  ", LineWidth); len(cite) > 0 {
			item[len(item)-1] += `\`
			item = append(item, cite...)
		}
		lines = append(lines, item...)
	}
	p.block(lines)
	p.para(emphasis(Escape(l.Note)))
}

// stories writes each story under the section heading, its title in
// bold, or, without a section heading, under its own title.
func (p *printer) stories(stories []doc.Story, heading string) {
	if len(stories) == 0 {
		return
	}
	p.heading(heading, '-')
	for _, st := range stories {
		if heading == "" {
			p.heading(st.Title, '-')
		} else {
			p.para(strong(Escape(st.Title)))
		}
		p.para(emphasis(Escape(st.Label)))
		p.para(Escape(st.Text))
	}
}

func (p *printer) contact(c doc.Contact, hotline bool, site string) {
	var items []string
	items = append(items, strong(Escape(c.Name)))
	if phone := phoneLink(c.Phone); phone != "" && hotline {
		items = append(items, strong(phone)) // the number a reader must not miss
	} else if phone != "" {
		items = append(items, phone)
	}
	items = append(items, Escape(c.Text), Escape(c.Detail))
	var ways []string
	if c.Website != "" {
		ways = append(ways, p.link(c.Website, site))
	}
	if c.Email != "" {
		ways = append(ways, emailLink(c.Email))
	}
	items = append(items, strings.Join(ways, " · "))

	// The lines of one contact are one paragraph, each item ending in a
	// hard break (a backslash), so each wraps one column short.
	var lines []string
	for _, it := range items {
		if wrapped := p.wrap(it, "", "", LineWidth-1); len(wrapped) > 0 {
			if len(lines) > 0 {
				lines[len(lines)-1] += `\`
			}
			lines = append(lines, wrapped...)
		}
	}
	p.block(lines)
}

// link is a shortcut reference link: [text] in the text, its address
// defined once at the end, so that long addresses never make long lines.
func (p *printer) link(text, url string) string {
	label := Escape(text)
	if url = destination(url); url == "" {
		return label // not an address a reader should be sent to
	}
	if _, ok := p.links[label]; !ok {
		p.links[label] = url
		p.order = append(p.order, label)
	}
	return "[" + label + "]"
}

func (p *printer) definitions() {
	var lines []string
	for _, label := range p.order {
		lines = append(lines, "["+label+"]: <"+p.links[label]+">")
	}
	p.block(lines)
}

func (p *printer) rule() { p.block([]string{"---"}) }

func strong(s string) string {
	if s == "" {
		return ""
	}
	return "**" + s + "**"
}

func emphasis(s string) string {
	if s == "" {
		return ""
	}
	return "*" + s + "*"
}

// phoneLink is a phone number as a tel: link, or the number alone when
// it has no digits to dial.
func phoneLink(phone string) string {
	if phone == "" {
		return ""
	}
	uri := txt.TelURI(phone)
	if uri == "" {
		return Escape(phone)
	}
	return "[" + Escape(phone) + "](" + uri + ")"
}

// emailLink is an autolink, or the address as text when it is not one
// that an autolink can hold.
func emailLink(email string) string {
	if !autolinkEmail().MatchString(email) {
		return Escape(email)
	}
	return "<" + email + ">"
}

// autolinkEmail is CommonMark's email autolink: nothing in it can end
// the link early or start HTML.
// (Compiling it at start cost every command 3% of its start.)
var autolinkEmail = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[a-zA-Z0-9.!#$%&'*+/=?^_{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$`)
})

// destination makes u safe inside a link destination's angle brackets:
// only http, https, mailto and tel addresses are linked (javascript: and
// data: never are), and the characters that could end the brackets or
// the line are percent-encoded, so a value can never become raw HTML.
func destination(u string) string {
	lower := strings.ToLower(strings.TrimSpace(u))
	ok := false
	for _, scheme := range []string{"https://", "http://", "mailto:", "tel:"} {
		ok = ok || strings.HasPrefix(lower, scheme)
	}
	if !ok {
		return ""
	}
	var b strings.Builder
	for _, r := range strings.TrimSpace(u) {
		if r < 0x20 || r == 0x7F || strings.ContainsRune(" <>\"'`\\", r) || r >= 0x80 && r <= 0x9F {
			var buf [utf8.UTFMax]byte
			for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
				fmt.Fprintf(&b, "%%%02X", c)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// siteURL is the address of a website printed without its scheme: the
// QR code's when the QR code prints the same site (it knows the canonical
// address, www or not), else https:// and the site.
func siteURL(site string, qr doc.QR) string {
	if site == "" {
		return ""
	}
	if site == qr.Text && qr.URL != "" {
		return qr.URL
	}
	if strings.HasPrefix(site, "http://") || strings.HasPrefix(site, "https://") {
		return site
	}
	return "https://" + site
}

// special and orderedMarker are compiled when Markdown is first written
// (1.2 million instructions together), not by every command at start.
var special = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile("[\\\\`*_\\[\\]<>#~]|&(?:#?[A-Za-z0-9]+;)")
})

// Escape makes s literal text in Markdown: characters that start emphasis,
// links, code, HTML or entities get a backslash. Markers that only count at
// the start of a line are escaped when the text is wrapped.
func Escape(s string) string {
	return special().ReplaceAllStringFunc(s, func(m string) string { return `\` + m })
}

var orderedMarker = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,9})([.)])`) })

// escapeLineStart escapes a word that would start a list item, a quote,
// a heading underline or a thematic break if it began a line.
func escapeLineStart(word string) string {
	if m := orderedMarker().FindStringSubmatchIndex(word); m != nil {
		return word[:m[3]] + `\` + word[m[3]:]
	}
	if word != "" && strings.ContainsRune("-+=", rune(word[0])) {
		return `\` + word
	}
	return word
}

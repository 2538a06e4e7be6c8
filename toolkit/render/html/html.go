// Package html writes a document as one self-contained web page: inline
// CSS, the logo as a data: URI, no fonts, scripts or requests of its own.
// Headings, lists and landmarks carry the structure, so a screen reader
// can jump to "Get help"; a print stylesheet makes it a clean handout.
package html

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/render/txt"
)

// MinContrast is the WCAG AA contrast ratio for body text, which every
// text colour on the page meets.
const MinContrast = doc.MinContrast

// Write writes d as an HTML page.
func Write(w io.Writer, d *doc.Document) error {
	return page().Execute(w, newView(d))
}

// view is the document as the template reads it: every URL checked and
// typed, colours worked out.
type view struct {
	*doc.Document
	Dir     string
	CSS     template.CSS
	Logo    *logo
	Hotline contact
	Others  []contact
	Local   []contact // the organisation's own list, under Help.Local.Title
	Columns [][]list  // signs beside what to do and not to do
	Wide    []list    // notes, across the page
	More    *link     // the QR code's address, when no contact shows it already
}

type logo struct {
	Src           template.URL
	Width, Height int
}

type list struct {
	ID string
	*doc.List
}

type contact struct {
	doc.Contact
	// Own is a contact the organisation labelled: its name is the
	// organisation's words, isolated in their own direction (<bdi>) on
	// a line aligned as the page is.
	Own        bool
	PhoneClass string
	Tel        template.URL // empty when the number cannot be dialled
	Web        template.URL
	Mailto     template.URL
}

type link struct {
	URL  template.URL
	Text string
}

func newView(d *doc.Document) *view {
	v := &view{Document: d, Dir: "ltr", CSS: template.CSS(stylesheet(d.Brand.Color))}
	if d.Meta.RTL {
		v.Dir = "rtl"
	}
	if l := d.Brand.Logo; l != nil && len(l.Data) > 0 {
		mime := "image/png"
		if l.Type == "jpg" || l.Type == "jpeg" {
			mime = "image/jpeg"
		}
		// The data is our own encoding of a checked image, so the URL is safe.
		v.Logo = &logo{Src: template.URL("data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(l.Data)), Width: l.Width, Height: l.Height}
	}
	lists := func(ls ...list) []list {
		var out []list
		for _, l := range ls {
			if l.List != nil && len(l.Items) > 0 {
				out = append(out, l)
			}
		}
		return out
	}
	var actions []list
	for i, g := range d.Actions {
		actions = append(actions, list{fmt.Sprintf("actions-%d", i+1), &doc.List{Title: g.Title, Items: append(slices.Clone(g.Do), g.Dont...)}})
	}
	for _, col := range [][]list{lists(list{"signs", &d.Signs}), lists(actions...)} {
		if len(col) > 0 {
			v.Columns = append(v.Columns, col)
		}
	}
	v.Wide = lists(list{"notes", d.Notes})
	shown := map[string]bool{}
	v.Hotline = newContact(d.Help.Hotline, "number", d.QR, shown)
	for _, c := range append(slices.Clone(d.Help.Others), d.Help.Province...) {
		v.Others = append(v.Others, newContact(c, "phone", d.QR, shown))
	}
	if d.Help.Local != nil {
		for _, c := range d.Help.Local.Contacts {
			own := newContact(c, "phone", d.QR, shown)
			own.Own = true
			v.Local = append(v.Local, own)
		}
	}
	if u := safeURL(d.QR.URL); u != "" && !shown[strings.TrimSuffix(string(u), "/")] && !shown[d.QR.Text] {
		text := d.QR.Text
		if text == "" {
			text = d.QR.URL
		}
		v.More = &link{URL: u, Text: text}
	}
	return v
}

func newContact(c doc.Contact, phoneClass string, qr doc.QR, shown map[string]bool) contact {
	out := contact{Contact: c, PhoneClass: phoneClass}
	if tel := txt.TelURI(c.Phone); tel != "" {
		out.Tel = template.URL(tel) // digits, + and ;ext= only
	}
	if c.Website != "" {
		// The QR code knows the canonical address of the site it prints
		// (www or not); other sites are printed without their scheme.
		site := c.Website
		switch {
		case site == qr.Text && qr.URL != "":
			site = qr.URL
		case !strings.HasPrefix(site, "http://") && !strings.HasPrefix(site, "https://"):
			site = "https://" + site
		}
		out.Web = safeURL(site)
		shown[c.Website], shown[strings.TrimSuffix(site, "/")] = true, true
	}
	if c.Email != "" && !strings.ContainsAny(c.Email, " <>\"'") {
		out.Mailto = template.URL("mailto:" + c.Email)
	}
	return out
}

// safeURL returns u as a URL for an href when it is a web address, and ""
// otherwise (javascript: and friends never reach the page).
func safeURL(u string) template.URL {
	u = strings.TrimSpace(u)
	lower := strings.ToLower(u)
	if !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://") || strings.ContainsAny(u, " \"'<>`") {
		return ""
	}
	return template.URL(u)
}

// Colours that are not the brand's: the same as every backend's.
var (
	ink    = doc.Ink
	muted  = doc.Muted
	danger = doc.Danger
)

// Contrast is the WCAG 2 contrast ratio of two colours, from 1 to 21.
func Contrast(a, b doc.RGB) float64 { return doc.Contrast(a, b) }

func hex(c doc.RGB) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// stylesheet is the page's CSS. It uses logical properties (inline-start,
// not left) so that one stylesheet serves right-to-left pages.
func stylesheet(brand doc.RGB) string {
	p := doc.NewPalette(brand)
	return strings.NewReplacer(
		"BAND", hex(p.Band), "ONBAND", hex(p.OnBand), "ACCENT", hex(p.Accent), "PANEL", hex(p.Panel),
		"INK", hex(ink), "MUTED", hex(muted), "DANGER", hex(danger), "BRAND", hex(brand),
	).Replace(css)
}

const css = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: INK; font: 1.0625rem/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
.masthead { background: BAND; color: ONBAND; padding: 1.75rem max(1rem, calc((100% - 48rem) / 2)); display: flex; gap: 1.5rem; align-items: center; justify-content: space-between; }
.masthead img { flex: none; max-height: 4.5rem; width: auto; height: auto; background: #fff; padding: .25rem; border-radius: .25rem; }
.org { margin: 0 0 .35rem; font-weight: 700; letter-spacing: .04em; font-size: .9rem; text-transform: uppercase; }
h1 { margin: 0; font-size: clamp(1.75rem, 5vw, 2.6rem); line-height: 1.15; }
main, .fact, footer { max-width: 50rem; margin: 0 auto; padding: 0 1rem; }
.intro { font-size: 1.2rem; margin: 1.5rem 0; }
h2 { color: ACCENT; font-size: 1.35rem; line-height: 1.25; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 0; }
ul { margin: 0; padding-inline-start: 1.25rem; }
li { margin: .3rem 0; }
li::marker { color: ACCENT; }
a { color: ACCENT; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 2.5rem; }
@media (max-width: 40rem) { .columns { grid-template-columns: 1fr; } .masthead { flex-direction: column; align-items: flex-start; } }
.caution, .source, footer { color: MUTED; }
.caution { font-size: .95rem; margin: .5rem 0 0; }
.help { background: PANEL; border: 2px solid ACCENT; border-radius: .5rem; padding: 0 1.25rem 1.25rem; margin: 2rem 0; }
.help h2 { margin-top: 1rem; }
.help p { margin: .25rem 0; }
.hotline { margin: .75rem 0 1rem; }
.number { font-size: 2.25rem; font-weight: 700; line-height: 1.2; }
.number a { text-decoration: none; }
.emergency { color: DANGER; font-weight: 700; font-size: 1.15rem; }
.others { list-style: none; padding: 0; margin-top: 1rem; display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem 1.5rem; }
.others li { margin: 0; }
.others .phone { font-weight: 700; font-size: 1.15rem; }
.local { border-top: 1px solid MUTED; margin-top: 1rem; }
.local h3 { margin-top: .75rem; }
.detail { font-size: .95rem; }
.fact { margin: 2rem auto; }
.fact > div { border-inline-start: 4px solid ACCENT; padding-inline-start: 1rem; }
.fact p { margin: 0; font-weight: 700; }
.fact .source { font-weight: 400; font-size: .9rem; margin-top: .25rem; }
footer { border-top: 1px solid #ccc; margin-top: 2rem; padding-top: .75rem; padding-bottom: 2rem; font-size: .875rem; }
footer p { margin: .2rem 0; }
.draft { font-style: italic; }
.law .cite { display: block; color: MUTED; font-size: .875rem; }
.story { margin: 1rem 0; }
.story p { margin: .25rem 0; }
.story-label { color: MUTED; font-style: italic; font-size: .9rem; }
@media print {
  @page { margin: 15mm; }
  body { font-size: 10.5pt; line-height: 1.35; }
  .intro { font-size: 12pt; margin: 10pt 0; }
  h2 { margin: 12pt 0 4pt; }
  .number { font-size: 24pt; }
  .others { grid-template-columns: repeat(3, 1fr); }
  .masthead { background: none; color: #000; border-bottom: 4pt solid BRAND; padding: 0 0 8pt; }
  .masthead img { padding: 0; }
  main, .fact, footer { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .help { background: none; }
  .hotline, li, .fact { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
`

// isolates is s escaped, with each isolate the document holds (a name
// inserted into text of the other direction: doc.Isolate, doc.Embed)
// written as the element HTML has for it, <bdi>, which every browser
// honours and a screen reader's text keeps clean; a bracket left open is
// closed at the end.
func isolates(s string) template.HTML {
	var b strings.Builder
	open := 0
	for {
		i := strings.IndexFunc(s, func(r rune) bool {
			return r == doc.FirstStrongIsolate || r == doc.LeftToRightIsolate || r == doc.RightToLeftIsolate || r == doc.PopIsolate
		})
		if i < 0 {
			break
		}
		b.WriteString(template.HTMLEscapeString(s[:i]))
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case doc.FirstStrongIsolate:
			b.WriteString("<bdi>")
			open++
		case doc.LeftToRightIsolate:
			b.WriteString(`<bdi dir="ltr">`)
			open++
		case doc.RightToLeftIsolate:
			b.WriteString(`<bdi dir="rtl">`)
			open++
		case doc.PopIsolate:
			if open > 0 {
				b.WriteString("</bdi>")
				open--
			}
		}
		s = s[i+n:]
	}
	b.WriteString(template.HTMLEscapeString(s))
	b.WriteString(strings.Repeat("</bdi>", open))
	return template.HTML(b.String())
}

// page is parsed when first used: a command that writes no HTML page
// (most, `awarekit version` among them) does not parse it at start.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{"isolates": isolates}).Parse(`<!DOCTYPE html>
<html lang="{{.Meta.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Meta.Title}}</title>
{{- with .Meta.Subject}}
<meta name="description" content="{{.}}">{{end}}
{{- with .Meta.Author}}
<meta name="author" content="{{.}}">{{end}}
{{- with .Meta.Creator}}
<meta name="generator" content="{{.}}">{{end}}
<style>{{.CSS}}</style>
</head>
<body>
<header class="masthead">
<div>
{{- with .Brand.OrgName}}
<p class="org"><bdi>{{.}}</bdi></p>{{end}}
<h1>{{.Headline}}</h1>
</div>
{{- with .Logo}}
<img src="{{.Src}}" alt=""{{if .Width}} width="{{.Width}}" height="{{.Height}}"{{end}}>{{end}}
</header>
<main>
{{- with .Intro}}
<p class="intro">{{.}}</p>{{end}}
<div class="columns">
{{- range .Columns}}
<div>
{{- range .}}{{template "list" .}}{{end}}
</div>{{end}}
</div>
{{- range .Wide}}{{template "list" .}}{{end}}
<section class="help" aria-labelledby="help">
<h2 id="help">{{.Help.Title}}</h2>
{{- with .Help.Lead}}
<p class="lead">{{.}}</p>{{end}}
<div class="hotline">
{{- template "contact" .Hotline}}
</div>
{{- with .Help.Emergency}}
<p class="emergency">{{.}}</p>{{end}}
{{- if .Others}}
<ul class="others">
{{- range .Others}}
<li>
{{- template "contact" .}}
</li>{{end}}
</ul>{{end}}
{{- if .Local}}
<div class="local">
<h3>{{isolates .Help.Local.Title}}</h3>
<ul class="others">
{{- range .Local}}
<li>
{{- template "contact" .}}
</li>{{end}}
</ul>
</div>{{end}}
{{- with .More}}
<p class="more"><a href="{{.URL}}">{{.Text}}</a></p>{{end}}
</section>
{{- with .Law}}
<section aria-labelledby="law">
<h2 id="law">{{.Title}}</h2>
{{- with .Intro}}
<p>{{.}}</p>{{end}}
<ul class="law">
{{- range .Items}}
<li>{{.Text}}{{with .Citation}}<span class="cite">{{.}}</span>{{end}}</li>{{end}}
</ul>
{{- with .Note}}
<p class="caution">{{.}}</p>{{end}}
</section>{{end}}
{{- if .Stories}}{{if .Labels.StorySection}}
<section aria-labelledby="stories">
<h2 id="stories">{{.Labels.StorySection}}</h2>
{{- range .Stories}}
<div class="story">
<h3>{{.Title}}</h3>
{{- template "story" .}}
</div>{{end}}
</section>{{else}}{{range $i, $s := .Stories}}
<section class="story" aria-labelledby="story-{{$i}}">
<h2 id="story-{{$i}}">{{$s.Title}}</h2>
{{- template "story" $s}}
</section>{{end}}{{end}}{{end}}
</main>
{{- with .Fact}}
<aside class="fact">
<div>
<p>{{.Text}}</p>
{{- with .Source}}
<p class="source">{{.}}</p>{{end}}
</div>
</aside>{{end}}
<footer>
<p>{{with .Footer.OrgName}}<bdi>{{.}}</bdi> · {{end}}{{.Footer.Version}}</p>
{{- with .Footer.Draft}}
<p class="draft">{{.}}</p>{{end}}
{{- if and .Footer.DraftEnglish (ne .Footer.DraftEnglish .Footer.Draft)}}
<p class="draft" lang="en"><bdi>{{.Footer.DraftEnglish}}</bdi></p>{{end}}
</footer>
</body>
</html>
{{define "list"}}
<section aria-labelledby="{{.ID}}">
<h2 id="{{.ID}}">{{.Title}}</h2>
<ul>
{{- range .Items}}
<li>{{.}}</li>{{end}}
</ul>
{{- with .Caution}}
<p class="caution">{{.}}</p>{{end}}
</section>
{{- end}}
{{define "story"}}
{{- with .Label}}
<p class="story-label">{{.}}</p>{{end}}
<p>{{.Text}}</p>
{{- end}}
{{define "contact"}}
{{- if .Name}}
<h3>{{if .Own}}<bdi>{{.Name}}</bdi>{{else}}{{.Name}}{{end}}</h3>{{end}}
{{- if .Phone}}
<p class="{{.PhoneClass}}">{{if .Tel}}<a href="{{.Tel}}"><span dir="ltr">{{.Phone}}</span></a>{{else}}<span dir="ltr">{{.Phone}}</span>{{end}}</p>{{end}}
{{- with .Text}}
<p>{{.}}</p>{{end}}
{{- with .Detail}}
<p class="detail">{{.}}</p>{{end}}
{{- if or .Web .Email}}
<p class="ways">
{{- if .Web}}<a href="{{.Web}}"><bdi>{{.Website}}</bdi></a>{{end}}
{{- if and .Web .Email}} · {{end}}
{{- if .Mailto}}<a href="{{.Mailto}}"><bdi>{{.Email}}</bdi></a>{{else}}<bdi>{{.Email}}</bdi>{{end}}</p>{{end}}
{{- end}}
`))
})

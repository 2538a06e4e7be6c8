// Package generate turns a request (audience, language, format, paper,
// organisation) into finished files. It is the toolkit's front door: the
// command line and the build planner both go through it.
package generate

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/render/html"
	"github.com/awarekit/awarekit/toolkit/render/md"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
	"github.com/awarekit/awarekit/toolkit/render/txt"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Format is one kind of material. A page format has a layout and is
// drawn by the PDF backend; a text format (HTML, Markdown, plain text)
// is written straight from the document model by Write.
type Format struct {
	Name        string
	Description string
	Ext         string
	layout      func(*typeset.Typesetter, *doc.Document, layout.Options) (*layout.Document, error)
	// bilingual lays out two languages in one document; nil when the
	// format has no bilingual form.
	bilingual layout.Bilingual
	// Write renders a text format; nil for page formats.
	Write func(w io.Writer, d *doc.Document) error
}

// Paged reports whether the format is laid out on pages (PDF).
func (f Format) Paged() bool { return f.layout != nil }

// Formats lists what the tool can make, in the order help shows them.
var Formats = []Format{
	{Name: "flyer", Description: "One page: headline, signs, what to do, and the hotline large, with a QR code", Ext: "pdf", layout: layout.Flyer, bilingual: layout.BilingualFlyer},
	{Name: "handout", Description: "Two pages: the flyer with room to breathe; on the back the law in plain words, contacts and a story", Ext: "pdf", layout: layout.Handout},
	{Name: "poster", Description: "Tabloid (11×17 in) or A3: large type and the hotline readable from across a room", Ext: "pdf", layout: layout.Poster, bilingual: layout.BilingualPoster},
	{Name: "cards", Description: "Wallet cards, 10 on Letter or 8 on A4 with crop marks: the hotline on the front, signs and contacts on the back", Ext: "pdf", layout: layout.Cards, bilingual: layout.BilingualCards},
	{Name: "tearoff", Description: "A flyer whose bottom quarter is 8 to 10 tear-off tabs with the hotline number", Ext: "pdf", layout: layout.Tearoff},
	{Name: "safety-card", Description: "Discreet credit-card sized cards: a neutral front, the hotline and 911 inside", Ext: "pdf", layout: layout.SafetyCard},
	{Name: "html", Description: "One self-contained web page, accessible, with a print stylesheet", Ext: "html", Write: html.Write},
	{Name: "md", Description: "Markdown for newsletters and websites", Ext: "md", Write: md.Write},
	{Name: "txt", Description: "Plain text for email, wrapped at 72 columns", Ext: "txt", Write: txt.Write},
	{Name: "sms", Description: "The shortest text: the hotline, one sign, one action; at most 3 SMS segments", Ext: "txt", Write: txt.WriteSMS},
}

// FormatNames lists the format names.
func FormatNames() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return names
}

// FormatByName finds a format.
func FormatByName(name string) (Format, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	for _, f := range Formats {
		if f.Name == key {
			return f, nil
		}
	}
	return Format{}, &content.UnknownError{Kind: "format", Name: name, Valid: FormatNames()}
}

// Engine makes documents. Content and fonts are loaded once and shared;
// an Engine is safe for concurrent use.
type Engine struct {
	Lib     *content.Library
	Fonts   *typeset.Fonts
	Creator string
	Date    time.Time

	setters sync.Pool
}

// New loads the embedded content and fonts. creator names the program in
// file metadata; date, when not zero, replaces the content date in files.
func New(creator string, date time.Time) (*Engine, error) {
	return Open(Config{Creator: creator, Date: date})
}

// Config is how to open an engine.
type Config struct {
	Creator string    // the program, for file metadata
	Date    time.Time // file dates; zero means the content release date
	// ContentDir is a folder of the user's own content over the embedded
	// content (see content.LoadUser); "" for the embedded content only.
	ContentDir string
}

// Open loads content and fonts as cfg says.
func Open(cfg Config) (*Engine, error) {
	creator, date := cfg.Creator, cfg.Date
	var lib *content.Library
	var err error
	if cfg.ContentDir != "" {
		lib, err = content.LoadUser(audiences.FS, locales.FS, cfg.ContentDir)
	} else {
		lib, err = content.Load(audiences.FS, locales.FS)
	}
	if err != nil {
		return nil, err
	}
	base, err := typeset.Embedded()
	if err != nil {
		return nil, err
	}
	fonts, err := typeset.NewFonts(base, nil)
	if err != nil {
		return nil, err
	}
	if date.IsZero() {
		if date, err = lib.Date(); err != nil {
			return nil, err
		}
	}
	e := &Engine{Lib: lib, Fonts: fonts, Creator: creator, Date: date}
	e.setters.New = func() any { return typeset.New(e.Fonts) }
	return e, nil
}

// Job is one file to make.
type Job struct {
	Audience string // ID or alias
	Lang     string // as typed; resolved by the engine
	Format   string
	Paper    string
	Print    layout.PrintOptions
	Event    *doc.Event // printed on handouts when given
}

// Resolved is a job with every name checked and canonical.
type Resolved struct {
	Audience string
	Lang     string
	// Second is the second language of a bilingual document ("fr+en"
	// gives Lang fr and Second en), or "".
	Second string
	Format Format
	Paper  layout.Paper
	Print  layout.PrintOptions
	Event  *doc.Event
}

// Resolve checks a job's names and returns their canonical forms.
func (e *Engine) Resolve(j Job) (Resolved, error) {
	a, err := e.Lib.Audience(j.Audience)
	if err != nil {
		return Resolved{}, err
	}
	firstLang, secondLang, bilingual := strings.Cut(j.Lang, "+")
	lang, err := e.Lib.Catalog.Resolve(firstLang)
	if err != nil {
		return Resolved{}, err
	}
	f, err := FormatByName(j.Format)
	if err != nil {
		return Resolved{}, err
	}
	var second string
	if bilingual {
		if second, err = e.Lib.Catalog.Resolve(secondLang); err != nil {
			return Resolved{}, err
		}
		if f.bilingual == nil {
			return Resolved{}, &BilingualError{Format: f.Name, Valid: bilingualFormats()}
		}
		if second == lang {
			return Resolved{}, fmt.Errorf("%s: a bilingual document needs two different languages", j.Lang)
		}
	}
	p, err := layout.PaperByName(j.Paper)
	if err != nil {
		return Resolved{}, err
	}
	if j.Print.Bleed < 0 || j.Print.Bleed > 20*layout.PointsPerMM {
		return Resolved{}, fmt.Errorf("bleed %.1f mm is out of range; use 0 to 20 mm (3 is usual)", j.Print.Bleed/layout.PointsPerMM)
	}
	return Resolved{Audience: a.ID, Lang: lang, Second: second, Format: f, Paper: p, Print: j.Print, Event: j.Event}, nil
}

// BilingualError is a bilingual request for a format that has no
// bilingual form.
type BilingualError struct {
	Format string
	Valid  []string
}

func (e *BilingualError) Error() string {
	return fmt.Sprintf("format %s has no bilingual form; two languages in one document work with: %s", e.Format, strings.Join(e.Valid, ", "))
}

func bilingualFormats() []string {
	var names []string
	for _, f := range Formats {
		if f.bilingual != nil {
			names = append(names, f.Name)
		}
	}
	return names
}

// FileName is the output name of a resolved job under pattern.
func (r Resolved) FileName(pattern string) string {
	if pattern == "" {
		pattern = output.DefaultPattern
	}
	lang := r.Lang
	if r.Second != "" {
		lang += "+" + r.Second
	}
	return output.Name(pattern, map[string]string{
		"audience": r.Audience, "format": r.Format.Name, "lang": lang, "paper": r.Paper.Name, "ext": r.Format.Ext,
	})
}

// Layout assembles and lays out one document.
func (e *Engine) Layout(r Resolved, org profile.Organisation, brand doc.Brand) (*layout.Document, error) {
	d, err := e.Document(r, org, brand)
	if err != nil {
		return nil, err
	}
	ts := e.setters.Get().(*typeset.Typesetter)
	defer e.setters.Put(ts)
	opts := layout.Options{Paper: r.Paper, Print: r.Print}
	var ld *layout.Document
	if r.Second != "" {
		second := r
		second.Lang, second.Second = r.Second, ""
		// d2 and err are declared apart: "d2, err :=" here would shadow
		// err, and a bilingual layout's failure would be lost.
		var d2 *doc.Document
		if d2, err = e.Document(second, org, brand); err != nil {
			return nil, err
		}
		ld, err = r.Format.bilingual(ts, d, d2, opts)
	} else {
		ld, err = r.Format.layout(ts, d, opts)
	}
	if err != nil {
		return nil, err
	}
	layout.Print(ld, r.Print)
	return ld, nil
}

// Document assembles one document without laying it out.
func (e *Engine) Document(r Resolved, org profile.Organisation, brand doc.Brand) (*doc.Document, error) {
	return e.Lib.Assemble(content.Request{Audience: r.Audience, Lang: r.Lang, Org: org, Brand: brand, Creator: e.Creator, Event: r.Event})
}

// Render makes one file's bytes.
func (e *Engine) Render(r Resolved, org profile.Organisation, brand doc.Brand) ([]byte, error) {
	if !r.Format.Paged() {
		d, err := e.Document(r, org, brand)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := r.Format.Write(&buf, d); err != nil {
			return nil, fmt.Errorf("render %s %s (%s): %w", r.Audience, r.Format.Name, r.Lang, err)
		}
		return buf.Bytes(), nil
	}
	ld, err := e.Layout(r, org, brand)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := pdf.Render(&buf, ld, pdf.Options{Date: e.Date}); err != nil {
		return nil, fmt.Errorf("render %s %s (%s): %w", r.Audience, r.Format.Name, r.Lang, err)
	}
	return buf.Bytes(), nil
}

// Write makes one file in dir, named by pattern, and returns its path.
func (e *Engine) Write(dir, pattern string, r Resolved, org profile.Organisation, brand doc.Brand) (string, error) {
	data, err := e.Render(r, org, brand)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, r.FileName(pattern))
	if err := output.WriteFile(path, data); err != nil {
		return "", err
	}
	return path, nil
}

// AudienceIDs lists the audiences, sorted.
func (e *Engine) AudienceIDs() []string { return e.Lib.AudienceIDs() }

// Languages lists the language tags, sorted.
func (e *Engine) Languages() []string { return slices.Clone(e.Lib.Catalog.Tags()) }

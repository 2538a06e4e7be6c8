// Package generate turns a request (audience, language, format, paper,
// organisation) into finished files. It is the toolkit's front door: the
// command line and the build planner both go through it.
package generate

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/render/png"
	"github.com/awarekit/awarekit/toolkit/spell"
	"github.com/awarekit/awarekit/toolkit/typeset"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/render/txt"
)

// Engine makes documents. Content and fonts are loaded once and shared;
// an Engine is safe for concurrent use.
type Engine struct {
	Lib     *content.Library
	Fonts   *typeset.Fonts
	Creator string
	Date    time.Time
	// ContentDir is the user's content folder, absolute; "" when there
	// is none.
	ContentDir string

	// workers serve the one-off calls of Layout and Make; a build makes
	// a Worker for each of its goroutines instead, whose caches the
	// collector cannot empty.
	workers sync.Pool
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
	// Fonts are font files the user named per script (the fonts:
	// setting): a four-letter ISO 15924 code (Guru, Hans…) → regular,
	// then bold. They come before the fonts found on the machine.
	Fonts map[string][]string
	// FontDirs, when not nil, are the only folders searched for the
	// fonts of scripts the embedded fonts lack, in place of the
	// machine's font folders (typeset.Fonts.SearchIn).
	FontDirs []string
	// Library, when not nil and there is no ContentDir, is the embedded
	// content loaded already (Content), used in place of loading it
	// again. A library does not change once loaded (a language read
	// when first used is read once, under a lock), so engines may share
	// one: the tests of cmd/awarekit do, across their in-process
	// commands.
	Library *content.Library
}

// Content loads the embedded content as Open does without a content
// folder: each language is read when first used, so a build in English
// reads no other language's messages.
func Content() (*content.Library, error) {
	return content.Open(content.Options{Audiences: audiences.FS, Locales: locales.FS, Lazy: true})
}

// Release reads the built-in content's release and facts register
// alone (content.ReadRelease): no audience, message or font.
func Release() (*content.Release, error) { return content.ReadRelease(audiences.FS) }

// Open loads content and fonts as cfg says.
func Open(cfg Config) (*Engine, error) {
	creator, date := cfg.Creator, cfg.Date
	var lib *content.Library
	var err error
	switch {
	case cfg.ContentDir != "":
		lib, err = content.LoadUser(audiences.FS, locales.FS, cfg.ContentDir)
	case cfg.Library != nil:
		lib = cfg.Library
	default:
		lib, err = Content()
	}
	if err != nil {
		return nil, err
	}
	fonts, err := typeset.EmbeddedFonts(cfg.Fonts)
	if err != nil {
		return nil, err
	}
	if cfg.FontDirs != nil {
		fonts.SearchIn(cfg.FontDirs)
	}
	if date.IsZero() {
		if date, err = lib.Date(); err != nil {
			return nil, err
		}
	}
	e := &Engine{Lib: lib, Fonts: fonts, Creator: creator, Date: date}
	if cfg.ContentDir != "" {
		if e.ContentDir, err = filepath.Abs(cfg.ContentDir); err != nil {
			return nil, fmt.Errorf("content folder %s: %w", input.ShortPath(cfg.ContentDir), err)
		}
	}
	e.workers.New = func() any { return e.NewWorker() }
	return e, nil
}

// Job is one file to make.
type Job struct {
	Audience string // ID or alias
	Lang     string // as typed, "fr" or "fr+en"; resolved by the engine
	Format   string
	// Backend draws a page format (pdf); "" is the format's default. A
	// text format has none.
	Backend string
	// DPI is the resolution of an image backend (png); 0 is 150.
	DPI   float64
	Paper string
	// Style is standard, large-print or high-contrast; "" is standard.
	// Only the formats in format.StyledNames take another.
	Style string
	Print layout.PrintOptions
	Event *doc.Event // printed on handouts when given
	// Province adds the verified lines of a province or territory (a
	// code like bc); "" adds none.
	Province string
	// AllowDraft makes languages whose file says a fluent speaker must
	// rewrite it (a proof for the reviewer).
	AllowDraft bool
}

// Resolved is a job with every name checked and canonical.
type Resolved struct {
	Audience string
	Lang     string
	// Second is the second language of a bilingual document ("fr+en"
	// gives Lang fr and Second en), or "".
	Second  string
	Format  format.Format
	Backend format.Backend // the zero Backend for a text format
	DPI     float64        // of an image backend; 0 for the default
	Paper   layout.Paper
	Style   layout.Style // never "": Standard when none was asked
	Print   layout.PrintOptions
	Event   *doc.Event
	// Province is the province's code, or "".
	Province string
	// AllowDraft lets a language that must be rewritten be made.
	AllowDraft bool
	// Group is the group of formats that asked for this one (kit), or
	// "" when it was named itself: a group's members are made where they
	// can be, and a plan counts a kit's copies for the session.
	Group string
}

// Sheet says how r's file prints (format.Format.SheetFor); ok is false
// when it is not printed.
func (r Resolved) Sheet() (s format.Sheet, ok bool) {
	return r.Format.SheetFor(r.Paper, r.Print, r.Second != "", r.Style)
}

// Ext is the extension of the file r makes, without the dot.
func (r Resolved) Ext() string {
	if r.Format.Text != nil {
		return r.Format.Text.Ext
	}
	return r.Backend.Ext
}

// Resolve checks a job's names and returns their canonical forms.
func (e *Engine) Resolve(j Job) (Resolved, error) {
	a, err := e.Lib.Audience(j.Audience)
	if err != nil {
		return Resolved{}, e.unknownAudience(j.Audience, err)
	}
	lang, second, err := e.ResolveLang(j.Lang)
	if err != nil {
		return Resolved{}, err
	}
	f, err := format.ByName(j.Format)
	if err != nil {
		return Resolved{}, err
	}
	if second != "" && f.Bilingual == nil {
		return Resolved{}, &BilingualError{Format: f.Name, Valid: format.BilingualNames()}
	}
	b, err := f.Backend(j.Backend)
	if err != nil {
		return Resolved{}, err
	}
	for _, p := range f.Budget.Kit {
		for _, tag := range []string{lang, second} {
			if tag == "" {
				continue
			}
			if err := e.Lib.CheckKit(a.ID, tag, p); err != nil {
				return Resolved{}, err
			}
		}
	}
	if f.Budget.Pocket {
		if err := e.Lib.CheckPocket(a.ID, lang); err != nil {
			return Resolved{}, err
		}
	}
	if f.Budget.Needs(format.Social) {
		for _, tag := range []string{lang, second} {
			if l := e.Lib.Catalog.Locale(tag); l != nil {
				if _, ok := l.Messages["social.help"]; !ok {
					return Resolved{}, &NoSocialError{Format: f.Name, Lang: tag, Name: l.Meta.Name}
				}
			}
		}
	}
	p, err := layout.PaperByName(j.Paper)
	if err != nil {
		return Resolved{}, err
	}
	style, err := layout.StyleByName(j.Style)
	if err != nil {
		return Resolved{}, err
	}
	if style != layout.Standard && !f.Styled {
		return Resolved{}, &StyleError{Format: f.Name, Style: style, Valid: format.StyledNames()}
	}
	if style == layout.LargePrint && second != "" {
		// Two languages side by side halve the column: at 14 pt the
		// signs of one language alone fill a flyer.
		return Resolved{}, fmt.Errorf("%s: large print holds one language to a document; make one of each (-l %s,%s)", j.Lang, lang, second)
	}
	if j.DPI != 0 && !(j.DPI >= png.MinDPI && j.DPI <= png.MaxDPI) { // NaN fails both
		return Resolved{}, fmt.Errorf("resolution %v dpi is out of range; use %d to %d (150 is usual)", j.DPI, png.MinDPI, png.MaxDPI)
	}
	if !(j.Print.Bleed >= 0 && j.Print.Bleed <= 20*layout.PointsPerMM) { // NaN fails both
		return Resolved{}, fmt.Errorf("bleed %.1f mm is out of range; use 0 to 20 mm (3 is usual)", j.Print.Bleed/layout.PointsPerMM)
	}
	province, err := e.Lib.Province(j.Province)
	if err != nil {
		return Resolved{}, err
	}
	r := Resolved{Audience: a.ID, Lang: lang, Second: second, Format: f, Backend: b, DPI: j.DPI, Paper: p, Style: style, Print: j.Print, Event: j.Event, AllowDraft: j.AllowDraft}
	if province != nil {
		r.Province = province.ID
	}
	return r, nil
}

// SearchFontsAhead runs the search of the machine's fonts now, on the
// caller's goroutine, if text in one of the languages typed (as a plan
// names them: "pa", "Punjabi", "pa+en") would need it, so that a build
// runs it while its plan is checked (typeset.Fonts.SearchAhead). A name
// it cannot resolve is passed over: the plan's check reports it.
func (e *Engine) SearchFontsAhead(typed []string) {
	langs := map[string]string{} // tag → script code
	for _, t := range typed {
		first, second, err := e.ResolveLang(t)
		if err != nil {
			continue
		}
		for _, tag := range []string{first, second} {
			if l := e.Lib.Catalog.Locale(tag); tag != "" && l != nil {
				langs[tag] = l.Script.Code
			}
		}
	}
	e.Fonts.SearchAhead(langs)
}

// ResolveLang finds the language or the two languages ("fr+en") typed,
// each by tag or name, and returns their tags; second is "" for one.
func (e *Engine) ResolveLang(typed string) (first, second string, err error) {
	firstLang, secondLang, bilingual := strings.Cut(typed, "+")
	if strings.Contains(secondLang, "+") {
		return "", "", fmt.Errorf("%s: a document holds at most two languages, as in fr+en", typed)
	}
	if bilingual && (strings.TrimSpace(firstLang) == "" || strings.TrimSpace(secondLang) == "") {
		return "", "", fmt.Errorf("%s: a bilingual document needs a language on each side of the +, as in fr+en", typed)
	}
	if first, err = e.resolveLang(firstLang); err != nil {
		return "", "", err
	}
	if bilingual {
		if second, err = e.resolveLang(secondLang); err != nil {
			return "", "", err
		}
		if second == first {
			return "", "", fmt.Errorf("%s: a bilingual document needs two different languages", typed)
		}
	}
	return first, second, nil
}

// resolveLang finds the language a user asked for: by its tag ("fr",
// "fr-CA", "FR"), or by its name in English or in the language itself
// ("French", "Français", "francais"), as its locale file's _meta gives
// them. A tag that names no language ("und", "mul", "zxx") is refused:
// the catalog would otherwise match it to its likeliest language,
// English, and print a page the user did not ask for.
func (e *Engine) resolveLang(typed string) (string, error) {
	tags := e.Lib.Catalog.Tags()
	// A tag as it is ("en", "zh-Hans") needs no language's names: they
	// are in each language's file, which would all be read to compare.
	if i := slices.Index(tags, strings.TrimSpace(typed)); i >= 0 {
		return tags[i], nil
	}
	if tag, ok := e.langByName(typed); ok {
		return tag, nil
	}
	other, known := otherNames[spell.Fold(typed)]
	known = known && slices.Contains(tags, other.tag)
	if known && other.same {
		return other.tag, nil
	}
	unknown := func(err error) error {
		u := spell.Unknown(err, "language", typed, tags, append(tags, e.languageNames()...))
		if known {
			u.Nearest = []string{other.tag}
		}
		u.Also = "or a language's name in English or in itself, like French or Français"
		return u
	}
	t := strings.ReplaceAll(strings.TrimSpace(typed), "_", "-")
	if parsed, err := language.Parse(t); err == nil {
		if base, conf := parsed.Base(); conf != language.Exact || slices.Contains(noLanguage, base.String()) {
			return "", unknown(&locale.UnknownLanguageError{Lang: typed, Valid: tags})
		}
	}
	tag, err := e.Lib.Catalog.Resolve(typed)
	var ule *locale.UnknownLanguageError
	if errors.As(err, &ule) {
		return "", unknown(err)
	}
	return tag, err
}

// langByName finds the one language whose English name (with or without
// a qualifier in brackets: "Chinese (Simplified)" or "Chinese") or own
// name is typed, compared without case or accents.
func (e *Engine) langByName(typed string) (string, bool) {
	want := spell.Fold(typed)
	if want == "" {
		return "", false
	}
	found := ""
	for _, tag := range e.Lib.Catalog.Tags() {
		for _, name := range e.namesOf(tag) {
			if spell.Fold(name) == want && found != tag {
				if found != "" {
					return "", false // two languages go by this name: the tag must say which
				}
				found = tag
			}
		}
	}
	return found, found != ""
}

// otherNames are names people in Canada type for a language that its
// locale file does not give, by their folded form (spell.Fold). Where
// the name is the same language's (Farsi is Persian in its own word,
// Filipino the standard form of Tagalog), it is taken; where it is
// near but not the same (Mandarin is spoken, and its readers may read
// the simplified or the traditional script; Cree is several languages,
// of which the content is Plains Cree; Dari and the code pes are
// Persian as Afghanistan and Iran write it), the tag is only offered,
// for the user to choose.
var otherNames = map[string]struct {
	tag  string
	same bool
}{
	"farsi": {"fa", true}, "filipino": {"tl", true}, "pilipino": {"tl", true},
	"mandarin": {"zh-Hans", false}, "cree": {"crk", false}, "dari": {"fa", false}, "pes": {"fa", false}, "prs": {"fa", false},
}

// namesOf lists the names a language goes by: in English, the English
// name without its qualifier, and its own name.
func (e *Engine) namesOf(tag string) []string {
	l := e.Lib.Catalog.Locale(tag)
	if l == nil {
		return nil
	}
	var names []string
	for _, n := range []string{l.Meta.Name, l.Meta.Native} {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
		if short, _, ok := strings.Cut(n, " ("); ok && strings.HasSuffix(n, ")") {
			names = append(names, strings.TrimSpace(short))
		}
	}
	return names
}

// languageNames lists every name the languages go by.
func (e *Engine) languageNames() []string {
	var names []string
	for _, tag := range e.Lib.Catalog.Tags() {
		names = append(names, e.namesOf(tag)...)
	}
	return names
}

// unknownAudience adds the nearest audience IDs and aliases to an
// unknown audience's error.
func (e *Engine) unknownAudience(typed string, err error) error {
	var u *content.UnknownError
	if !errors.As(err, &u) {
		return err
	}
	names := e.AudienceIDs()
	for _, id := range e.AudienceIDs() {
		if a, err := e.Lib.Audience(id); err == nil {
			names = append(names, a.Aliases...)
		}
	}
	return spell.Unknown(err, u.Kind, typed, u.Valid, names)
}

// noLanguage are the ISO 639 codes that name no language.
var noLanguage = []string{"und", "mul", "zxx", "mis"}

// NoSocialError is a social format asked for in a language in which no
// one has written the social-media text. Indigenous languages (iu, crk,
// oj) are refused on purpose: their text waits for fluent speakers, and
// without one no one can check that a discreet image names no crime.
type NoSocialError struct {
	Format, Lang, Name string
}

func (e *NoSocialError) Error() string {
	return fmt.Sprintf("%s is not made in %s (%s): no fluent speaker has written its words yet (the social.* messages); choose another language, or add those messages to locales/%s.toml in your content folder", e.Format, e.Name, e.Lang, e.Lang)
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

// StyleError is a style other than standard asked of a format that is
// printed in one style only.
type StyleError struct {
	Format string
	Style  layout.Style
	Valid  []string
}

func (e *StyleError) Error() string {
	return fmt.Sprintf("format %s is made in the standard style only; %s works with: %s", e.Format, e.Style, strings.Join(e.Valid, ", "))
}

// styled is pattern with the style in it: a pattern that does not name
// {style} gets "-{style}" before its extension when the style is not
// standard, so that a large-print flyer and a standard one never share a
// name, and standard files keep the names they always had.
func (r Resolved) styled(pattern string) string {
	if r.Style == layout.Standard || r.Style == "" || strings.Contains(pattern, "{style}") {
		return pattern
	}
	if base, ok := strings.CutSuffix(pattern, ".{ext}"); ok {
		return base + "-{style}.{ext}"
	}
	return pattern + "-{style}"
}

// fields are the values a file-name pattern's placeholders take.
func (r Resolved) fields(ext string) map[string]string {
	lang := r.Lang
	if r.Second != "" {
		lang += "+" + r.Second
	}
	return map[string]string{
		"audience": r.Audience, "format": r.Format.Name, "lang": lang, "paper": r.Paper.Name, "style": string(cmp.Or(r.Style, layout.Standard)), "ext": ext,
	}
}

// FileName is the output name of a resolved job under pattern.
func (r Resolved) FileName(pattern string) string {
	if pattern == "" {
		pattern = output.DefaultPattern
	}
	return output.Name(r.styled(pattern), r.fields(r.Ext()))
}

// PageName is the output name of page n (from 1) of a job whose backend
// makes one file per page, with extension ext: pattern's {page} is the
// page number, and a pattern without one gets "-{page}" before its
// extension ("youth-flyer-en-1.png").
func (r Resolved) PageName(pattern string, n int, ext string) string {
	if pattern == "" {
		pattern = output.DefaultPattern
	}
	pattern = r.styled(pattern)
	if !strings.Contains(pattern, "{page}") {
		if base, ok := strings.CutSuffix(pattern, ".{ext}"); ok {
			pattern = base + "-{page}.{ext}"
		} else {
			pattern += "-{page}"
		}
	}
	fields := r.fields(ext)
	fields["page"] = strconv.Itoa(n)
	return output.Name(pattern, fields)
}

// Document assembles one document without laying it out, and checks
// that it carries what its format must.
func (e *Engine) Document(r Resolved, org profile.Organisation, brand doc.Brand) (*doc.Document, error) {
	d, err := e.Lib.Assemble(content.Request{Audience: r.Audience, Lang: r.Lang, Org: org, Brand: brand, Creator: e.Creator, Event: r.Event,
		Province: r.Province, AllowDraft: r.AllowDraft, Kit: r.Format.Budget.Kit, Pocket: r.Format.Budget.Pocket})
	if err != nil {
		return nil, err
	}
	if err := r.Format.Budget.Check(d); err != nil {
		return nil, fmt.Errorf("%s %s (%s): %w", r.Audience, r.Format.Name, r.Lang, err)
	}
	return d, nil
}

// Worker makes documents one at a time with a typesetter of its own,
// whose shaping and line-breaking caches (bounded, keyed by the text, its
// language, style, direction and fonts) last as long as the Worker: the
// documents of a build set the same messages again and again. A Worker is
// not safe for concurrent use; give each goroutine one.
type Worker struct {
	e    *Engine
	ts   *typeset.Typesetter
	memo *layout.Memo // bodies laid out for one document that the next may set again
}

// NewWorker returns a Worker for e.
func (e *Engine) NewWorker() *Worker {
	return &Worker{e: e, ts: typeset.New(e.Fonts), memo: layout.NewMemo()}
}

// Layout assembles and lays out one document of a page format.
func (e *Engine) Layout(r Resolved, org profile.Organisation, brand doc.Brand) (*layout.Document, error) {
	w := e.workers.Get().(*Worker)
	defer e.workers.Put(w)
	return w.Layout(r, org, brand)
}

// Layout assembles and lays out one document of a page format.
func (w *Worker) Layout(r Resolved, org profile.Organisation, brand doc.Brand) (*layout.Document, error) {
	e, ts := w.e, w.ts
	if !r.Format.Paged() {
		return nil, fmt.Errorf("format %s has no pages to lay out", r.Format.Name)
	}
	d, err := e.Document(r, org, brand)
	if err != nil {
		return nil, err
	}
	opts := layout.Options{Paper: r.Paper, Print: r.Print, Style: r.Style, Memo: w.memo}
	var d2 *doc.Document
	if r.Second != "" {
		second := r
		second.Lang, second.Second = r.Second, ""
		// d2 and err are declared apart: "d2, err :=" here would shadow
		// err, and a bilingual layout's failure would be lost.
		if d2, err = e.Document(second, org, brand); err != nil {
			return nil, err
		}
	}
	lay := func(opts layout.Options) (*layout.Document, error) {
		if d2 != nil {
			return r.Format.Bilingual(ts, d, d2, opts)
		}
		return r.Format.Layout(ts, d, opts)
	}
	ld, err := lay(opts)
	if errors.Is(err, layout.ErrDoesNotFit) {
		// A name of the other direction kept whole on its lines can
		// take a line more (typeset.SplitEmbedded): where nothing fits
		// so, the document is set again with such names broken where
		// the line ends, as it fitted before; the Memo holds bodies set
		// the other way.
		ts.SplitEmbedded(true)
		opts.Memo = nil
		if again, e2 := lay(opts); e2 == nil {
			ld, err = again, nil
		}
		ts.SplitEmbedded(false)
	}
	if err != nil {
		return nil, e.ownText(err, org)
	}
	layout.Print(ld, r.Print)
	return ld, nil
}

// ownText names the user's content folder in the advice of a layout
// that did not fit: the built-in text fits every format, so what is too
// long is the folder's text, or that and the organisation's, not the
// organisation's alone. The layout's error has been wrapped into its
// message already; the advice is put in place of the one it gave.
func (e *Engine) ownText(err error, org profile.Organisation) error {
	var fe *layout.FitError
	if e.ContentDir == "" || !errors.As(err, &fe) || fe.Gave != "" {
		return err
	}
	was := fe.Error()
	folder := "the text in your content folder " + input.ShortPath(e.ContentDir)
	if strings.TrimSpace(org.Name) == "" && len(org.Local) == 0 {
		fe.Gave = folder
	} else {
		fe.Gave = "the organisation's name and local contacts, or " + folder
	}
	return &advised{msg: strings.Replace(err.Error(), was, fe.Error(), 1), err: err}
}

// advised is an error whose message gives other advice than the error it
// wraps.
type advised struct {
	msg string
	err error
}

func (a *advised) Error() string { return a.msg }
func (a *advised) Unwrap() error { return a.err }

// Made describes a file the engine wrote.
type Made struct {
	// Layout is the laid-out document of a page format, which tells
	// the pages and the fonts drawn; nil for a text format.
	Layout *layout.Document
	// Left is what a text format left out for want of room
	// (format.Text.Leaves); a page format's is Layout.Left.
	Left []doc.Part
}

// Pages is the number of pages made; 0 for a text format.
func (m Made) Pages() int {
	if m.Layout == nil {
		return 0
	}
	return len(m.Layout.Pages)
}

// Make writes one file's bytes to w: a text format straight from the
// document, a page format laid out and drawn by the job's backend.
func (e *Engine) Make(w io.Writer, r Resolved, org profile.Organisation, brand doc.Brand) (Made, error) {
	wk := e.workers.Get().(*Worker)
	defer e.workers.Put(wk)
	return wk.Make(w, r, org, brand)
}

// Make writes one file's bytes to w: a text format straight from the
// document, a page format laid out and drawn by the job's backend. This
// is the one place that dispatches on the format table.
func (wk *Worker) Make(w io.Writer, r Resolved, org profile.Organisation, brand doc.Brand) (Made, error) {
	e := wk.e
	if r.Format.Text != nil {
		d, err := e.Document(r, org, brand)
		if err != nil {
			return Made{}, err
		}
		if err := r.Format.Text.Write(w, d); err != nil {
			return Made{}, fmt.Errorf("render %s %s (%s): %w", r.Audience, r.Format.Name, r.Lang, err)
		}
		var made Made
		if r.Format.Text.Leaves != nil {
			made.Left = r.Format.Text.Leaves(d)
		}
		return made, nil
	}
	if r.Backend.PerPage() {
		return Made{}, fmt.Errorf("%s %s (%s): the %s backend makes one file per page; make them with Files", r.Audience, r.Format.Name, r.Lang, r.Backend.Name)
	}
	ld, err := wk.Layout(r, org, brand)
	if err != nil {
		return Made{}, err
	}
	if err := e.Draw(w, r.Backend, ld); err != nil {
		return Made{}, fmt.Errorf("render %s %s (%s): %w", r.Audience, r.Format.Name, r.Lang, err)
	}
	return Made{Layout: ld}, nil
}

// Draw draws laid-out pages with backend b and the engine's file
// options (fixed dates), for pages the caller laid out itself, such as
// the print pack's cover sheet.
func (e *Engine) Draw(w io.Writer, b format.Backend, ld *layout.Document) error {
	if b.Draw == nil {
		return fmt.Errorf("no backend to draw %q with", ld.Meta.Title)
	}
	return b.Draw(w, ld, format.Options{Date: e.Date})
}

// File is one file a job makes: its name in the output folder, its bytes.
type File struct {
	Name string
	Data []byte
}

// Files makes every file of one job, named by pattern: one for a text
// format or a backend that draws the whole document (pdf); one per page
// for an image backend (png, svg), numbered from 1.
func (e *Engine) Files(r Resolved, pattern string, org profile.Organisation, brand doc.Brand) ([]File, Made, error) {
	if !r.Backend.PerPage() {
		var buf bytes.Buffer
		made, err := e.Make(&buf, r, org, brand)
		if err != nil {
			return nil, Made{}, err
		}
		return []File{{Name: r.FileName(pattern), Data: buf.Bytes()}}, made, nil
	}
	ld, err := e.Layout(r, org, brand)
	if err != nil {
		return nil, Made{}, err
	}
	opts := format.Options{Date: e.Date, DPI: r.DPI}
	if r.Format.Screen {
		opts.DPI = 72 // one pixel per unit: a 1080 × 1080 layout is a 1080 × 1080 image
	}
	var caption []byte
	if r.Format.Caption != nil {
		docs, err := e.documents(r, org, brand)
		if err != nil {
			return nil, Made{}, err
		}
		var buf bytes.Buffer
		if err := r.Format.Caption(&buf, docs...); err != nil {
			return nil, Made{}, fmt.Errorf("caption of %s %s (%s): %w", r.Audience, r.Format.Name, r.Lang, err)
		}
		caption = buf.Bytes()
	}
	var files []File
	for i := range ld.Pages {
		var buf bytes.Buffer
		if err := r.Backend.Page(&buf, ld, i, opts); err != nil {
			return nil, Made{}, fmt.Errorf("render %s %s (%s) page %d: %w", r.Audience, r.Format.Name, r.Lang, i+1, err)
		}
		files = append(files, File{Name: r.PageName(pattern, i+1, r.Backend.Ext), Data: buf.Bytes()})
		if caption != nil {
			files = append(files, File{Name: r.PageName(pattern, i+1, "txt"), Data: caption})
		}
	}
	return files, Made{Layout: ld}, nil
}

// documents assembles the job's document, and its second language's for a
// bilingual job.
func (e *Engine) documents(r Resolved, org profile.Organisation, brand doc.Brand) ([]*doc.Document, error) {
	d, err := e.Document(r, org, brand)
	if err != nil {
		return nil, err
	}
	if r.Second == "" {
		return []*doc.Document{d}, nil
	}
	second := r
	second.Lang, second.Second = r.Second, ""
	d2, err := e.Document(second, org, brand)
	if err != nil {
		return nil, err
	}
	return []*doc.Document{d, d2}, nil
}

// Render makes one file's bytes.
func (e *Engine) Render(r Resolved, org profile.Organisation, brand doc.Brand) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := e.Make(&buf, r, org, brand); err != nil {
		return nil, err
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

// Describe says what a resolved job makes, in English words, for lists
// that people read (the print pack's cover sheet, the index page):
// "Youth flyer, French (draft translation)", "Youth sign-in sheet,
// French (draft translation) and English" for both on one page.
func (e *Engine) Describe(r Resolved) string {
	who := r.Audience
	if en := e.Lib.Catalog.Locale("en"); en != nil {
		if name, err := en.Text("audience."+r.Audience+".name", nil); err == nil && name != "" {
			who = name
		}
	}
	named := func(tag string) string {
		name := tag
		if l := e.Lib.Catalog.Locale(tag); l != nil {
			if l.Meta.Name != "" {
				name = l.Meta.Name
			}
			if l.Draft() {
				name += " (draft translation)"
			}
		}
		return name
	}
	lang := named(r.Lang)
	if r.Second != "" {
		lang += " and " + named(r.Second) // both on one page
	}
	what := r.Format.Name
	if kit := r.Format.Budget.Kit; len(kit) > 0 {
		what = content.KitPartName(kit[0]) // "sign-in sheet", not "signin"
	}
	return fmt.Sprintf("%s %s, %s", who, what, lang)
}

// AudienceIDs lists the audiences, sorted.
func (e *Engine) AudienceIDs() []string { return e.Lib.AudienceIDs() }

// Languages lists the language tags, sorted.
func (e *Engine) Languages() []string { return slices.Clone(e.Lib.Catalog.Tags()) }

// Matrix asks for every audience × language × format, on one paper with
// one set of print options: what generate's flags and each item of a
// build plan ask for.
type Matrix struct {
	Audiences  []string
	Langs      []string
	Formats    []string // formats, and groups of them (kit)
	Backend    string   // "" for each format's default; text formats ignore it
	DPI        float64  // of an image backend; 0 for the default
	Paper      string
	Style      string // "" for standard
	Print      layout.PrintOptions
	Event      *doc.Event
	Province   string // a province's code, or ""
	AllowDraft bool   // make languages that must be rewritten (proofs)
}

// Expand resolves every job of m, audience first, then language, then
// format, a group of formats (kit) replaced by its members where it
// stands (format.Expand). It returns the jobs that resolved, and an
// error joining every distinct problem of those that did not (a bad name
// is reported once, not once per combination), so all mistakes show at
// once. A group's member is made only in the languages it can be made
// in: Leaves names what a group left out.
func (e *Engine) Expand(m Matrix) ([]Resolved, error) {
	var jobs []Resolved
	var errs []error
	seen := map[string]bool{}
	report := func(err error) {
		if !seen[err.Error()] {
			seen[err.Error()] = true
			errs = append(errs, err)
		}
	}
	asked := format.Expand(m.Formats)
	for _, a := range m.Audiences {
		for _, l := range m.Langs {
			// A group's member that cannot be made here (the guide in
			// Spanish, slides for two languages on one page) is left
			// out, and Leaves says so; a group none of whose members
			// can be made is refused with its first member's reason.
			made, left := map[string]bool{}, map[string]error{}
			for _, f := range asked {
				// The backend draws page formats; text formats in the
				// same matrix are written as text.
				backend := m.Backend
				if tf, err := format.ByName(f.Name); err == nil && !tf.Paged() {
					backend = ""
				}
				r, err := e.Resolve(Job{Audience: a, Lang: l, Format: f.Name, Backend: backend, DPI: m.DPI, Paper: m.Paper, Style: m.Style, Print: m.Print, Event: m.Event,
					Province: m.Province, AllowDraft: m.AllowDraft})
				switch {
				case err == nil:
					r.Group = f.Group
					made[f.Group] = true
					jobs = append(jobs, r)
				case f.Group != "" && notHere(err):
					if left[f.Group] == nil {
						left[f.Group] = err
					}
				default:
					report(err)
				}
			}
			for _, g := range format.GroupNames() {
				if err := left[g]; err != nil && !made[g] {
					gr, _ := format.GroupByName(g)
					report(e.groupNotMade(gr, a, l, err))
				}
			}
		}
	}
	return jobs, errors.Join(errs...)
}

// notHere reports whether err says a format cannot be made in a
// language (or pair of languages) that other formats can be made in: a
// kit part not written in it, or a format with no bilingual form.
func notHere(err error) bool {
	var noKit *content.NoKitError
	var bi *BilingualError
	return errors.As(err, &noKit) || errors.As(err, &bi)
}

// CheckOutDir makes sure files can be written in dir (creating it if
// needed), before any work is done, and refuses a folder inside the
// user's content folder: every output written there would change the
// content, and so its version, and every build would rebuild everything.
func (e *Engine) CheckOutDir(dir string) error {
	if err := e.OutsideContent(dir); err != nil {
		return err
	}
	return output.CheckDir(dir)
}

// OutsideContent refuses an output folder inside the user's content
// folder, without touching the disk.
func (e *Engine) OutsideContent(dir string) error {
	if e.ContentDir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return fmt.Errorf("output folder %s: %w", dir, err)
		}
		if within(abs, e.ContentDir) {
			return fmt.Errorf("output folder %s is inside the content folder %s; write somewhere else with --out (outputs there would change the content and rebuild everything every time)", dir, e.ContentDir)
		}
	}
	return nil
}

// within reports whether path is dir or inside it, with symbolic links
// resolved where the folders exist.
func within(path, dir string) bool {
	if p, err := evalExisting(path); err == nil {
		path = p
	}
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		dir = d
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// evalExisting resolves symbolic links in the longest part of path that
// exists, and keeps the rest as written.
func evalExisting(path string) (string, error) {
	rest := ""
	for p := path; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest), nil
		}
		if filepath.Dir(p) == p {
			return path, nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// Leaves says, one line per format, what the jobs ask for that the
// format has no room for (a province's lines, the organisation's local
// contacts on a safety card or an SMS): the format is made without them,
// and the operator is told rather than left to find out. It also says
// what a group of formats (kit) was made without, where a member cannot
// be made (the guide in Spanish).
func (e *Engine) Leaves(jobs []Resolved, org profile.Organisation) []string {
	var notes []string
	seen := map[string]bool{}
	for _, r := range jobs {
		left := r.Format.Budget.Leaving(r.Second != "", r.Province != "", len(org.Local) > 0, ownWays(org) != "")
		if r.Second == "" && r.Format.Carries.LeavesLocal(len(org.Local)) && !slices.Contains(left, format.Local) {
			left = append(left, format.Local)
		}
		// A format that carries one of the organisation's ways leaves
		// the others: the website beside the phone.
		oneWay := ""
		if ways := ownWayList(org); r.Format.Budget.OneWay && !slices.Contains(left, format.Own) && len(ways) > 1 {
			oneWay = andList(ways[1:])
		}
		if len(left) == 0 && oneWay == "" {
			continue
		}
		name := r.Format.Name
		if r.Second != "" {
			name = "bilingual " + name
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		what := make([]string, len(left))
		plural := len(left) > 1
		for i, b := range left {
			what[i] = "the " + string(b)
			plural = plural || b != format.Own
			if b == format.Own {
				// Named, so that the operator knows which number the
				// reader will not find there.
				what[i] = "your organisation's " + ownWays(org)
				plural = plural || len(ownWayList(org)) > 1
			}
		}
		if oneWay != "" {
			what = append(what, "your organisation's "+oneWay)
			plural = plural || len(ownWayList(org)) > 2
		}
		them := "them"
		if !plural {
			them = "it"
		}
		line := fmt.Sprintf("%s: no room for %s, which it leaves out; %s print %s", name, strings.Join(what, " or "), printing(left, false), them)
		if oneWay != "" {
			line = fmt.Sprintf("%s: carries one way to reach your organisation, its %s; no room for %s, which it leaves out; %s print %s",
				name, ownWayList(org)[0], strings.Join(what, " or "), printing(append(left, format.Own), true), them)
		}
		notes = append(notes, line)
	}
	return append(notes, e.groupNotes(jobs)...)
}

// LeftNote tells the operator what file's layout (made) left out for
// want of room, and what to shorten to make room; "" when nothing. The
// page cannot say it: the operator decides whether to print it so.
func LeftNote(file string, made Made, org profile.Organisation) string {
	left := made.Left
	if made.Layout != nil {
		left = append(slices.Clone(left), made.Layout.Left...)
	}
	var notes []string
	if slices.Contains(left, doc.PartOrgQR) {
		notes = append(notes, fmt.Sprintf("%s: no room for the QR code of your website (%s), so it is left out; the address is printed in your list. To make room, shorten the organisation's name, give fewer or shorter local contacts, or use a logo closer to square", file, org.Website))
	}
	if l := made.Layout; l != nil && slices.Contains(l.Left, doc.PartSigns) {
		printed := "none of the signs to look for"
		switch l.SignsPrinted {
		case 1:
			printed = "one sign to look for"
		case 2:
			printed = "two signs to look for"
		}
		notes = append(notes, fmt.Sprintf("%s: the back of the card has room for its contacts and %s; with fewer contacts it prints %d. The flyer and the handout print every sign. To make room, give fewer local contacts or shorten the organisation's name", file, printed, layout.CardsContent.Signs))
	}
	var short []string
	if slices.Contains(made.Left, doc.PartSigns) {
		short = append(short, "the sign to look for")
	}
	if slices.Contains(left, doc.PartHotlineName) {
		short = append(short, "the hotline's name")
	}
	if len(short) > 0 {
		are := "it is"
		if len(short) > 1 {
			are = "they are"
		}
		notes = append(notes, fmt.Sprintf("%s: no room for %s within %d SMS segments, so %s left out: it sends the hotline's number and the emergency line; the other formats print the signs",
			file, andList(short), txt.MaxSegments, are))
	}
	if slices.Contains(left, doc.PartLocal) {
		way := "phone " + org.Phone
		if org.Phone == "" {
			way = cmp.Or("website "+org.Website, "email "+org.Email)
			if org.Website == "" {
				way = "email " + org.Email
			}
		}
		notes = append(notes, fmt.Sprintf("%s: no room for your organisation's %s within %d SMS segments, with the hotline and the emergency line, so it is left out; send it in a message of its own, or shorten the organisation's name", file, way, txt.MaxSegments))
	}
	return strings.Join(notes, "\n")
}

// ownWays names the organisation's own ways to be reached, with their
// values: "phone 604-555-0134 and website riverside.example"; "" when
// it gave none.
func ownWays(org profile.Organisation) string {
	return andList(waysOf(org, "phone", "email", "website"))
}

// ownWayList is the organisation's own ways to be reached, each with its
// value ("phone 604-555-0134"), in the order an SMS prefers them.
func ownWayList(org profile.Organisation) []string {
	return waysOf(org, "phone", "website", "email")
}

// waysOf is the organisation's ways of the names given, in that order,
// each with its value, when it gave one.
func waysOf(org profile.Organisation, names ...string) []string {
	values := map[string]string{"phone": org.Phone, "email": org.Email, "website": org.Website}
	var ways []string
	for _, name := range names {
		if v := strings.TrimSpace(values[name]); v != "" {
			ways = append(ways, name+" "+v)
		}
	}
	return ways
}

// andList joins items as a sentence does: "a", "a and b", "a, b and c".
func andList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// LogoWarnings tells the operator what is wrong with org's logo (brand's,
// as org.Brand read it) when one of jobs prints it: too small to read
// or too coarse for its printed size (layout.LogoWarnings), naming the
// logo's file and what to do. The page cannot say it: the operator must
// see it before printing.
func LogoWarnings(jobs []Resolved, org profile.Organisation, brand doc.Brand) []string {
	if brand.Logo == nil {
		return nil
	}
	// The formats named are those being made, so that a run of flyers
	// is not told about handouts.
	var formats []string
	for _, r := range jobs {
		if printsLogo(r) && !slices.Contains(formats, r.Format.Name) {
			formats = append(formats, r.Format.Name)
		}
	}
	if len(formats) == 0 {
		return nil
	}
	return layout.LogoWarnings(org.Logo, brand.Logo, formats...)
}

// printsLogo reports whether r's pages carry the organisation's logo: a
// format whose budget names it, or a part of the workshop kit (its bands).
func printsLogo(r Resolved) bool {
	c := r.Format.Carries
	if r.Second != "" {
		c = r.Format.BilingualCarries
	}
	return r.Format.Paged() && (c.Has(doc.PartLogo) || len(r.Format.Budget.Kit) > 0)
}

// printing names the formats that print every one of blocks in one
// language, in the table's order: "the flyer, handout and html". With
// oneWay, Own is the organisation's ways after the first, which a
// format that carries one way (Budget.OneWay) leaves too.
func printing(blocks []format.Block, oneWay bool) string {
	var names []string
	for _, f := range format.Formats {
		leaves := slices.ContainsFunc(blocks, func(b format.Block) bool {
			return slices.Contains(f.Budget.Leaves, b) || b == format.Local && f.Carries.LeavesLocal(profile.MaxLocal) || b == format.Own && oneWay && f.Budget.OneWay
		})
		if f.Screen || len(f.Budget.Kit) > 0 || leaves {
			continue
		}
		names = append(names, f.Name)
	}
	if len(names) == 1 {
		return "the " + names[0]
	}
	return "the " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Drafts checks the languages of jobs before anything is made: a
// language whose file says a fluent speaker must rewrite it is refused
// unless its job allows drafts (*content.DraftError, naming
// --allow-draft). It returns one line per draft language, in English,
// naming the language and its status, for the operator: the page's own
// draft notice is in a language the operator may not read.
func (e *Engine) Drafts(jobs []Resolved) ([]string, error) {
	var notices []string
	var errs []error
	seen := map[string]bool{}
	for _, r := range jobs {
		for _, tag := range []string{r.Lang, r.Second} {
			if tag == "" || seen[tag] {
				continue
			}
			seen[tag] = true
			if err := e.Lib.CheckLanguage(tag, r.AllowDraft); err != nil {
				errs = append(errs, err)
				continue
			}
			if n := e.Lib.DraftNotice(tag); n != "" {
				notices = append(notices, n)
			}
		}
	}
	return notices, errors.Join(errs...)
}

// Written checks, before anything is made, that each job's audience is
// written in its language (and its second language): an audience of a
// user's own written in English alone makes its English materials and
// refuses French with the messages French lacks (*content.IncompleteError),
// each audience × language once. It never stops the jobs of other
// audiences; the caller decides whether one refusal stops the run.
func (e *Engine) Written(jobs []Resolved) error {
	var errs []error
	seen := map[string]bool{}
	for _, r := range jobs {
		for _, tag := range []string{r.Lang, r.Second} {
			key := r.Audience + "\x00" + tag
			if tag == "" || seen[key] {
				continue
			}
			seen[key] = true
			if err := e.Lib.Written(r.Audience, tag); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// Package locale loads the translated messages (go-i18n, one TOML file per
// language tag), resolves the language a user asks for, and looks messages
// up strictly: a message missing in the requested language is an error,
// never a silent fall back to another language.
package locale

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	toml "github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/awarekit/awarekit/toolkit/profile"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// Status values of a locale file's _meta.status.
const (
	StatusSource   = "source"   // written by the project in this language
	StatusDraft    = "draft"    // translated, not yet checked by a fluent speaker
	StatusReviewed = "reviewed" // checked by the reviewer named in the file
	// StatusMustRewrite is a draft whose notes say a fluent speaker must
	// rewrite it before anything is printed: it is made only when the
	// operator allows drafts (a proof for the reviewer).
	StatusMustRewrite = "must-rewrite"
)

var statuses = []string{StatusSource, StatusDraft, StatusReviewed, StatusMustRewrite}

// Meta is the _meta table at the top of a locale file.
type Meta struct {
	Language string `toml:"language"`
	Name     string `toml:"name"`     // in English
	Native   string `toml:"native"`   // in the language itself
	Status   string `toml:"status"`   // source, draft, reviewed or must-rewrite
	Reviewer string `toml:"reviewer"` // who reviewed it, when reviewed
	Reviewed string `toml:"reviewed"` // when
	Notes    string `toml:"notes"`    // for the next reviewer
	// Script is the ISO 15924 code of the script the file is written in.
	// It is needed only where it differs from CLDR's likely script for
	// the language (Ojibwe in Latin letters).
	Script string `toml:"script"`
	// Apostrophe is the character the language prints where its file
	// (and anyone typing) writes the typewriter's ' (Locale.Apostrophes):
	// "’" in English and French. Left out, ' prints as it is.
	Apostrophe string `toml:"apostrophe"`
	// Omit lists messages this language leaves out: signs, actions,
	// notes or stories that do not work in it (a sign whose word also
	// means something the reader is told to trust). Safety messages can
	// never be left out.
	Omit []string `toml:"omit"`
	// Keep lists words and names a line must not split, in a language
	// written without spaces, where a line may otherwise break between
	// any two characters (加拿大, 人口贩运): the typesetter keeps each
	// whole while it fits on a line. Only real words, as a fluent reader
	// would keep them.
	Keep []string `toml:"keep"`
	// Reviews record who checked which part of the language and when:
	// one entry per scope ("all", or an audience for a review of its
	// materials only), the latest review of that scope.
	Reviews []Review `toml:"reviews"`
	// Writers record the fluent speakers from the community who wrote or
	// confirmed the text of a language that must be rewritten
	// (awarekit translate import --writer), each with the day of their
	// latest file; the [_rewritten] table records which text.
	Writers []Writer `toml:"writers"`
}

// Writer is a fluent speaker who wrote text of a language that must be
// rewritten, as they agreed to be named.
type Writer struct {
	Name string `toml:"name"`
	Date string `toml:"date"` // YYYY-MM-DD
}

// Review is one recorded review of a language, or of the messages of
// one audience's materials in it.
type Review struct {
	Scope    string `toml:"scope"` // "all" or an audience ID
	Reviewer string `toml:"reviewer"`
	Date     string `toml:"date"` // YYYY-MM-DD
}

// ScopeAll is the scope of a review of every message of a language.
const ScopeAll = "all"

// Draft reports whether the text still needs a fluent reviewer.
func (m Meta) Draft() bool {
	switch m.Status {
	case StatusSource:
		return false
	case StatusReviewed:
		return m.Reviewer == ""
	}
	return true
}

// MustRewrite reports whether a fluent speaker must rewrite the file
// before anything in it is printed.
func (m Meta) MustRewrite() bool { return m.Status == StatusMustRewrite }

// StatusLine says the language's review status in English words, for
// the operator: "draft translation, not yet checked by a fluent speaker".
func (m Meta) StatusLine() string {
	switch {
	case m.MustRewrite():
		return "draft that a fluent speaker must rewrite before it is printed"
	case m.Draft():
		return "draft translation, not yet checked by a fluent speaker"
	case m.Status == StatusSource:
		return "source text"
	}
	return "reviewed by " + m.Reviewer
}

// SourceHash is the mark a translation keeps of the English it was made
// from: the first 12 hexadecimal digits of the SHA-256 of the English
// message exactly as en.toml holds it (the TOML string, placeholders and
// all). When the English changes, the marks no longer match and the
// translation is stale.
func SourceHash(english string) string {
	sum := sha256.Sum256([]byte(english))
	return hex.EncodeToString(sum[:])[:12]
}

// Locale is one language's messages.
type Locale struct {
	Tag      string
	Meta     Meta
	Script   Script            // from _meta.script or CLDR
	Messages map[string]string // message ID → text (go template)
	// Sources holds, per message, the SourceHash of the English it was
	// translated from: the file's [_source] table.
	Sources map[string]string
	// Checked holds, per message, the SourceHash of the text a reviewer
	// read: the file's [_reviewed] table. A message whose text changed
	// after the review no longer matches.
	Checked map[string]string
	// Rewritten holds, per message of a language that must be rewritten,
	// the SourceHash of the text a named fluent speaker from the
	// community wrote or confirmed: the file's [_rewritten] table. A
	// message without it is still the draft nobody fluent wrote.
	Rewritten map[string]string
	// Translation marks a language whose user file gives a status in its
	// _meta: a translation of the language (awarekit translate writes
	// one), whose messages are the language's text rather than a
	// group's own words.
	Translation bool
	File        string
	// I18nTag is the tag go-i18n knows the locale by: the tag itself, or
	// art-x-<tag> for languages it has no plural rules for (Cree, Ojibwe).
	I18nTag string
	// Overridden lists the message IDs a user's file replaced.
	Overridden []string

	localizer *i18n.Localizer
	// stale and unchecked are the messages translated from English that
	// has changed since, and those whose text changed after the review:
	// set by the catalog, which knows today's English.
	stale, unchecked []string
}

// Stale lists the messages translated from English that has changed
// since (or that record no English at all), sorted.
func (l *Locale) Stale() []string { return slices.Clone(l.stale) }

// Unchecked lists the messages of a reviewed language whose text is not
// the text its reviewer read, sorted; none when no message-by-message
// review is recorded.
func (l *Locale) Unchecked() []string { return slices.Clone(l.unchecked) }

// CheckedNow reports whether a reviewer read message id as it is now.
func (l *Locale) CheckedNow(id string) bool {
	text, ok := l.Messages[id]
	return ok && l.Checked[id] == SourceHash(text)
}

// RewrittenNow reports whether a named fluent speaker from the community
// wrote or confirmed message id as it is now.
func (l *Locale) RewrittenNow(id string) bool {
	text, ok := l.Messages[id]
	return ok && l.Rewritten[id] == SourceHash(text)
}

// NotRewritten lists the messages of l whose text no named fluent
// speaker wrote or confirmed as it is, sorted (those it omits too).
func (l *Locale) NotRewritten() []string {
	var ids []string
	for _, id := range slices.Sorted(maps.Keys(l.Messages)) {
		if !l.RewrittenNow(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// Draft reports whether the language's pages must say they are a draft:
// its file says so, or it says reviewed while a message was translated
// from older English or changed after the review.
func (l *Locale) Draft() bool {
	return l.Meta.Draft() || l.Meta.Status == StatusReviewed && (len(l.stale) > 0 || len(l.unchecked) > 0)
}

// StatusLine says the language's review status in English words, for
// the operator, as Meta.StatusLine does, and why a reviewed language
// is a draft again.
func (l *Locale) StatusLine() string {
	if l.Meta.Draft() || !l.Draft() {
		return l.Meta.StatusLine()
	}
	var why []string
	if n := len(l.stale); n > 0 {
		why = append(why, fmt.Sprintf("%d translated from older English", n))
	}
	if n := len(l.unchecked); n > 0 {
		why = append(why, fmt.Sprintf("%d changed since", n))
	}
	return "draft again: reviewed by " + l.Meta.Reviewer + ", but " + strings.Join(why, " and ") + " (awarekit translate status)"
}

// Catalog is every language the tool can write.
//
// A built-in language's file is read when the language is first asked
// for (Locale): one English flyer reads English alone, not all fifteen
// files, which were most of starting up. Load reads them all at once;
// what the user's folder holds (Override) is read at once too. A
// Catalog is safe for use by many goroutines once Open, Load and
// Override have returned.
type Catalog struct {
	// locales are the languages a user's file overrode or added, read
	// before the catalog is shared; the built-in ones are in files.
	locales map[string]*Locale
	files   map[string]*pending // the built-in files, by tag
	tags    []string
	// english is the built-in English, before any user's file: what
	// translations and user overrides record the hash of.
	english map[string]string
	// enHash is the SourceHash of each English message, worked out once:
	// every language's every message is compared with it.
	enHash  map[string]string
	enOnce  sync.Once
	builtIn map[string]bool // tags of the built-in files
}

// pending is a built-in message file, read once when first needed:
// parsed (parsed), then measured against today's English (ready).
type pending struct {
	fsys          fs.FS
	name          string
	parsed, ready sync.Once
	l             *Locale
	err           error
}

// parse reads, parses and binds p's file, once.
func (p *pending) parse() (*Locale, error) {
	p.parsed.Do(func() {
		filesParsed.Add(1)
		data, err := fs.ReadFile(p.fsys, p.name)
		if err != nil {
			p.err = err
			return
		}
		l, err := parse(p.name, data)
		if err == nil {
			err = l.resolve()
		}
		if err != nil {
			p.err = err
			return
		}
		p.l = l
	})
	return p.l, p.err
}

// filesParsed counts the built-in message files parsed in this process.
var filesParsed atomic.Int64

// FilesParsed says how many built-in message files have been parsed in
// this process: a test that a command reads only the languages it
// needs, and none when it prints no text.
func FilesParsed() int64 { return filesParsed.Load() }

// builtin is the built-in language tag as its file has it, read and
// measured the first time it is asked for; nil when there is no such
// file or it cannot be read (Err says why).
func (c *Catalog) builtin(tag string) *Locale {
	p := c.files[tag]
	if p == nil {
		return nil
	}
	p.ready.Do(func() {
		if l, err := p.parse(); err == nil {
			c.measure(l)
		}
	})
	return p.l
}

// source works out the built-in English and its hashes, once.
func (c *Catalog) source() {
	c.enOnce.Do(func() {
		p := c.files[SourceTag]
		if p == nil {
			return
		}
		en, err := p.parse()
		if err != nil {
			return
		}
		c.english = maps.Clone(en.Messages)
		c.enHash = make(map[string]string, len(c.english))
		for id, text := range c.english {
			c.enHash[id] = SourceHash(text)
		}
	})
}

// Err says why the built-in file of language tag cannot be used, or nil.
func (c *Catalog) Err(tag string) error {
	p := c.files[tag]
	if p == nil {
		return nil
	}
	_, err := p.parse()
	return err
}

// BuiltIn reports whether the language comes with awarekit, rather than
// from a user's folder alone.
func (c *Catalog) BuiltIn(tag string) bool { return c.builtIn[tag] }

// SourceTag is the language every other is translated from.
const SourceTag = "en"

// English returns the built-in English text of a message, before any
// user's override.
func (c *Catalog) English(id string) (string, bool) {
	c.source()
	s, ok := c.english[id]
	return s, ok
}

// Current reports whether l's text for id was translated from today's
// built-in English. English itself is always current, except where a
// user's file replaced a message: then the file must record the hash of
// the English it replaced, like any translation.
func (c *Catalog) Current(l *Locale, id string) bool {
	c.source()
	h, ok := c.enHash[id]
	if !ok {
		return true // a message of the user's own, with no English to follow
	}
	if l.Tag == SourceTag && !slices.Contains(l.Overridden, id) {
		return true
	}
	return l.Sources[id] == h
}

// measure records which of l's messages are stale against today's
// English and which changed after their review.
func (c *Catalog) measure(l *Locale) {
	l.stale, l.unchecked = nil, nil
	for _, id := range slices.Sorted(maps.Keys(l.Messages)) {
		if slices.Contains(l.Meta.Omit, id) {
			continue // never printed: neither stale nor to review
		}
		if l.Tag != SourceTag && !c.Current(l, id) {
			l.stale = append(l.stale, id)
		}
		if len(l.Checked) > 0 && !l.CheckedNow(id) {
			l.unchecked = append(l.unchecked, id)
		}
	}
}

// Load reads every *.toml file at the top of fsys.
func Load(fsys fs.FS) (*Catalog, error) {
	c, err := Open(fsys)
	if err != nil {
		return nil, err
	}
	if err := c.LoadAll(); err != nil {
		return nil, err
	}
	return c, nil
}

// Open finds the *.toml files at the top of fsys, each named after its
// language, and reads each when its language is first asked for. A file
// that cannot be read or parsed is reported then, by Err and LoadAll,
// and its language is not there (Locale is nil): Open is for the
// embedded files, which the tests read whole.
func Open(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, err
	}
	c := &Catalog{locales: make(map[string]*Locale), files: make(map[string]*pending, len(names)), builtIn: make(map[string]bool, len(names))}
	for _, name := range names {
		tag, err := tagOf(name)
		if err != nil {
			return nil, err
		}
		c.files[tag] = &pending{fsys: fsys, name: name}
		c.tags = append(c.tags, tag)
		c.builtIn[tag] = true
	}
	if len(c.tags) == 0 {
		return nil, errors.New("no locale files found")
	}
	sort.Strings(c.tags)
	return c, nil
}

// LoadAll reads every built-in file not read yet, and returns the first
// error, in the order of the tags.
func (c *Catalog) LoadAll() error {
	for _, tag := range c.tags {
		if err := c.Err(tag); err != nil {
			return err
		}
		c.builtin(tag)
	}
	return nil
}

// tomlTextProblem is the line and column (in characters, from 1) of
// the first byte of a message file that TOML refuses wherever it stands:
// one that is not UTF-8, or a control character other than a tab and
// the line ends; with what it is and what to do. go-toml says only
// "basic strings cannot have control characters", or "invalid UTF-8
// character in basic string", and "check the [brackets], quotes and ="
// sent the reader to the wrong place. line is 0 when there is none.
func tomlTextProblem(data []byte) (line, col int, problem string) {
	line = 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		col++
		switch {
		case r == utf8.RuneError && size <= 1:
			return line, col, fmt.Sprintf("is not UTF-8 text (byte 0x%02X); save the file as UTF-8 (in your editor's Save As, choose the encoding UTF-8)", data[i])
		case r == '\n':
			line, col = line+1, 0
		case r == '\r' && i+1 < len(data) && data[i+1] == '\n', r == '\t':
		case r < 0x20 || r == 0x7F:
			return line, col, fmt.Sprintf("holds U+%04X, a control character, which a message file may not hold (an editor may show it as nothing, a box or ^%c); delete it", r, r^0x40)
		}
		i += size
	}
	return 0, 0, ""
}

// tagOf is the language tag a message file is named after.
func tagOf(name string) (string, error) {
	tag := strings.TrimSuffix(filepath.Base(name), ".toml")
	t, err := language.Parse(tag)
	if err != nil || tag == "und" {
		return "", fmt.Errorf("%s: %s is not a language tag; name the file after its language, like fr.toml or zh-Hans.toml", name, input.Quote(tag))
	}
	// EN.toml or fr_ca.toml was read as a language of its own, beside
	// en and fr-CA, and changed nothing of theirs without a word.
	if want := t.String(); want != tag && strings.EqualFold(want, strings.ReplaceAll(tag, "_", "-")) {
		return "", fmt.Errorf("%s: a message file is named after its language's tag as it is written: rename it %s.toml", name, want)
	}
	return tag, nil
}

// ParseFile reads one message file as it is, without a catalog: its
// _meta, messages and hashes. Its script and today's English are not
// worked out.
func ParseFile(name string, data []byte) (*Locale, error) { return parse(name, data) }

func parse(name string, data []byte) (*Locale, error) {
	// Notepad and other Windows editors save UTF-8 with a byte order
	// mark, which TOML does not expect.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	raw, err := decodeTOML(data)
	if err != nil {
		var derr *toml.DecodeError
		if line, col, problem := tomlTextProblem(data); line > 0 {
			return nil, fmt.Errorf("%s:%d:%d: %s", name, line, col, problem)
		}
		if errors.As(err, &derr) {
			row, col := derr.Position()
			return nil, fmt.Errorf("%s:%d:%d: %s; check the [brackets], quotes and = on that line (a message is id = \"text\")", name, row, col, strings.TrimPrefix(derr.Error(), "toml: "))
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	tag, err := tagOf(name)
	if err != nil {
		return nil, err
	}
	l := &Locale{Tag: tag, Messages: make(map[string]string), Sources: make(map[string]string), Checked: make(map[string]string), Rewritten: make(map[string]string), File: name}
	// where is the file and line of a key, for a problem.
	where := func(key string) string { return at(name, data, key) }
	if m, ok := raw["_meta"]; ok {
		if err := decodeMeta(m, &l.Meta, where); err != nil {
			return nil, err
		}
		delete(raw, "_meta")
	}
	if l.Meta.Language != "" && l.Meta.Language != tag {
		return nil, fmt.Errorf("%s: _meta.language is %s but the file name says %s; name the file %s.toml, or write language = %q", where("_meta.language"), input.Quote(l.Meta.Language), input.Quote(tag), l.Meta.Language, tag)
	}
	if l.Meta.Status != "" && !slices.Contains(statuses, l.Meta.Status) {
		return nil, fmt.Errorf("%s: _meta.status is %s; use one of: %s", where("_meta.status"), input.Quote(l.Meta.Status), strings.Join(statuses, ", "))
	}
	if err := checkApostrophe(name, l.Meta.Apostrophe); err != nil {
		return nil, checkApostrophe(where("_meta.apostrophe"), l.Meta.Apostrophe)
	}
	for _, t := range []struct {
		key string
		to  map[string]string
	}{{"_source", l.Sources}, {"_reviewed", l.Checked}, {"_rewritten", l.Rewritten}} {
		src, ok := raw[t.key]
		if !ok {
			continue
		}
		table, ok := src.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: %s must be a table of message ID = hash: [%s] on a line of its own, then lines like \"youth.headline\" = \"3f1c0b6e2a91\"", where(t.key), t.key, t.key)
		}
		// The first bad hash in sorted order, so that the same file
		// always gives the same problem; no sorting when none is bad.
		bad := ""
		for id, v := range table {
			h, ok := v.(string)
			if !ok || !sourceHash.MatchString(h) {
				if bad == "" || id < bad {
					bad = id
				}
				continue
			}
			t.to[id] = h
		}
		if bad != "" {
			return nil, fmt.Errorf("%s: %s.%s must be 12 hexadecimal digits in quotes, like \"3f1c0b6e2a91\" (awarekit messages -l en shows each message's)", where(t.key+"."+bad), t.key, input.Quote(bad))
		}
		delete(raw, t.key)
	}
	for i, w := range l.Meta.Writers {
		if strings.TrimSpace(w.Name) == "" {
			return nil, fmt.Errorf("%s: _meta.writers: writer %d has no name; each writer needs name = \"…\" and date = \"YYYY-MM-DD\"", where("_meta.writers"), i+1)
		}
		if _, err := time.Parse(time.DateOnly, w.Date); err != nil {
			return nil, fmt.Errorf("%s: _meta.writers: %s's date %s is not a date like 2026-12-04", where("_meta.writers"), input.Quote(w.Name), input.Quote(w.Date))
		}
	}
	for i, r := range l.Meta.Reviews {
		if r.Scope == "" || strings.TrimSpace(r.Reviewer) == "" {
			return nil, fmt.Errorf("%s: _meta.reviews: review %d needs a scope (all, or an audience) and a reviewer; awarekit translate review writes them", where("_meta.reviews"), i+1)
		}
		if _, err := time.Parse(time.DateOnly, r.Date); err != nil {
			return nil, fmt.Errorf("%s: _meta.reviews: the %s review's date %s is not a date like 2026-12-04", where("_meta.reviews"), input.Quote(r.Scope), input.Quote(r.Date))
		}
	}
	if err := flatten("", raw, l.Messages, where); err != nil {
		return nil, err
	}
	bad := ""
	for id := range l.Sources {
		if _, ok := l.Messages[id]; !ok && (bad == "" || id < bad) {
			bad = id
		}
	}
	if bad != "" {
		return nil, fmt.Errorf("%s: _source names message %s, which the file does not have; delete the line, or add the message", where("_source."+bad), bad)
	}
	return l, nil
}

var sourceHash = regexp.MustCompile(`^[0-9a-f]{12}$`)

// metaKeys are the keys of _meta, in the order of Meta's fields, and
// what each holds.
var metaKeys = func() []metaKey {
	var keys []metaKey
	t := reflect.TypeFor[Meta]()
	for i := range t.NumField() {
		f := t.Field(i)
		keys = append(keys, metaKey{name: f.Tag.Get("toml"), kind: f.Type.Kind(), elem: f.Type})
	}
	return keys
}()

type metaKey struct {
	name string
	kind reflect.Kind // String or Slice
	elem reflect.Type
}

// decodeMeta decodes the _meta table already read into a map, refusing
// keys Meta does not have (a misspelt key would otherwise be ignored
// without a word) and values of the wrong kind, each at its line.
func decodeMeta(m any, meta *Meta, where func(string) string) error {
	table, ok := m.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: _meta must be a table: [_meta] on a line of its own, then its keys (language = \"fr\")", where("_meta"))
	}
	names := make([]string, len(metaKeys))
	for i, k := range metaKeys {
		names[i] = k.name
	}
	for _, key := range slices.Sorted(maps.Keys(table)) {
		i := slices.Index(names, key)
		if i < 0 {
			if _, isText := table[key].(string); isText && strings.Contains(key, ".") || key == "other" {
				return fmt.Errorf("%s: _meta has no key %s: lines after [_meta] belong to it until the next [table]; put your messages above [_meta], or under a table of their own ([youth], then headline = \"…\")", where("_meta."+key), input.Quote(key))
			}
			hint := ""
			if near := spell.Nearest(key, names); len(near) > 0 {
				hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
			}
			return fmt.Errorf("%s: _meta has no key %s%s; its keys are: %s", where("_meta."+key), input.Quote(key), hint, strings.Join(names, ", "))
		}
		v := table[key]
		switch k := metaKeys[i]; {
		case k.kind == reflect.String:
			if _, ok := v.(string); !ok {
				return fmt.Errorf("%s: _meta.%s is %s, not text; put it in quotes, like %s = \"…\"", where("_meta."+key), key, tomlKind(v), key)
			}
		case k.elem == reflect.TypeFor[[]string]():
			list, ok := v.([]any)
			if !ok || slices.ContainsFunc(list, func(e any) bool { _, s := e.(string); return !s }) {
				return fmt.Errorf("%s: _meta.%s must be a list of texts in quotes, like %s = [\"…\", \"…\"]", where("_meta."+key), key, key)
			}
		default: // a list of tables: reviews, writers
			list, ok := v.([]any)
			if !ok {
				if tables, isTables := v.([]map[string]any); isTables {
					list = make([]any, len(tables))
					for j, t := range tables {
						list[j] = t
					}
				} else {
					return fmt.Errorf("%s: _meta.%s must be a list of tables, like %s = [{…}]", where("_meta."+key), key, key)
				}
			}
			for _, e := range list {
				entry, ok := e.(map[string]any)
				if !ok {
					return fmt.Errorf("%s: _meta.%s must be a list of tables, like %s = [{…}]", where("_meta."+key), key, key)
				}
				for field, fv := range entry {
					if _, ok := fv.(string); !ok {
						return fmt.Errorf("%s: _meta.%s: %s is %s, not text; put it in quotes", where("_meta."+key), key, field, tomlKind(fv))
					}
				}
			}
		}
	}
	b, err := toml.Marshal(table)
	if err != nil {
		return fmt.Errorf("%s: _meta: %w", where("_meta"), err)
	}
	dec := toml.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(meta); err != nil {
		var strict *toml.StrictMissingError
		if errors.As(err, &strict) {
			var keys []string
			for _, e := range strict.Errors {
				keys = append(keys, strings.Join(e.Key(), "."))
			}
			return fmt.Errorf("%s: _meta: unknown key %s", where("_meta."+keys[0]), strings.Join(keys, ", "))
		}
		return fmt.Errorf("%s: _meta: %s", where("_meta"), strings.TrimPrefix(err.Error(), "toml: "))
	}
	return nil
}

// resolve works out the locale's script and binds its messages.
func (l *Locale) resolve() error {
	sc, err := resolveScript(l.File, l.Tag, l.Meta.Script, l.Messages)
	if err != nil {
		return err
	}
	l.Script = sc
	return l.bind()
}

// bind builds the locale's go-i18n localizer from its messages.
func (l *Locale) bind() error {
	name, tag := l.File, l.Tag
	// go-i18n knows no plural rule for some languages (Cree, Ojibwe…); like
	// Hugo, register those under an art-x- private-use tag.
	itag, err := language.Parse(tag)
	if err != nil {
		return fmt.Errorf("%s: %q is not a language tag: %w", name, tag, err)
	}
	msgs := make([]*i18n.Message, 0, len(l.Messages))
	for _, id := range slices.Sorted(maps.Keys(l.Messages)) {
		msgs = append(msgs, &i18n.Message{ID: id, Other: l.Messages[id]})
	}
	bundle := i18n.NewBundle(itag)
	if err := bundle.AddMessages(itag, msgs...); err != nil {
		// A private-use subtag holds at most 8 letters or digits.
		private := strings.ReplaceAll(tag, "-", "")
		if len(private) > 8 {
			private = private[:8]
		}
		if itag, err = language.Parse("art-x-" + private); err != nil {
			return fmt.Errorf("%s: %q has no plural rules and cannot be registered: %w", name, tag, err)
		}
		bundle = i18n.NewBundle(itag)
		if err := bundle.AddMessages(itag, msgs...); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	l.I18nTag = itag.String()
	l.localizer = i18n.NewLocalizer(bundle, l.I18nTag)
	return nil
}

// Override lays the message files of fsys over the catalog, message by
// message: a user's en.toml holding only youth.headline changes that one
// headline. A file for a language the catalog lacks adds the language
// (it must then hold every message, which content.Load checks). Its
// _meta, when given, replaces the language's.
func (c *Catalog) Override(fsys fs.FS) error { return c.OverrideFrom(fsys, "") }

// OverrideFrom is Override for the message files of the folder dir (as
// the user named it, like ours/locales): what it says of a file names
// it there (ours/locales/fr.toml:2:18), so that she finds the file she
// has to open, not one of the name in some other folder.
func (c *Catalog) OverrideFrom(fsys fs.FS, dir string) error {
	files, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return err
	}
	for _, file := range files {
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return err
		}
		name := file
		if dir != "" {
			name = filepath.Join(dir, file)
		}
		over, err := parse(name, data)
		if err != nil {
			return err
		}
		where := func(key string) string { return at(name, data, key) }
		if err := checkUserMessages(where, over.Messages); err != nil {
			return err
		}
		if err := checkUserMeta(where, over.Meta); err != nil {
			return err
		}
		if code := over.Meta.Script; code != "" {
			if _, ok := writable[code]; !ok {
				return fmt.Errorf("%s: _meta.script is %s, which awarekit cannot lay out; write one of: %s (or leave it out for CLDR's script for %s)", where("_meta.script"), input.Quote(code), strings.Join(WritableScripts(), ", "), over.Tag)
			}
		}
		over.Translation = over.Meta.Status != ""
		if err := c.Err(over.Tag); err != nil {
			return err
		}
		l := c.Locale(over.Tag)
		if l == nil {
			if err := over.resolve(); err != nil {
				return err
			}
			if err := checkMessageScripts(over, over.Script, where); err != nil {
				return err
			}
			over.Overridden = slices.Sorted(maps.Keys(over.Messages))
			c.measure(over)
			c.locales[over.Tag] = over
			c.tags = append(c.tags, over.Tag)
			sort.Strings(c.tags)
			continue
		}
		merged := &Locale{Tag: l.Tag, Meta: l.Meta, File: l.File + " + " + name, Messages: maps.Clone(l.Messages), Sources: maps.Clone(l.Sources),
			Checked: l.Checked, Translation: over.Translation}
		// A review recorded in the user's file is a review of the text
		// as merged: it replaces the built-in one whole.
		if len(over.Checked) > 0 {
			merged.Checked = over.Checked
		}
		merged.Rewritten = maps.Clone(l.Rewritten)
		if merged.Rewritten == nil {
			merged.Rewritten = map[string]string{}
		}
		maps.Copy(merged.Rewritten, over.Rewritten)
		maps.Copy(merged.Messages, over.Messages)
		// A replaced message carries the hash the user's file recorded,
		// or none: never the built-in translation's.
		for id := range over.Messages {
			delete(merged.Sources, id)
			if h, ok := over.Sources[id]; ok {
				merged.Sources[id] = h
			}
		}
		merged.Meta = mergeMeta(l.Meta, over.Meta)
		// A language that must be rewritten stays so until a named
		// fluent speaker from the community wrote or confirmed every
		// message: a user's file cannot lift the gate by saying so.
		if l.Meta.MustRewrite() && !merged.Meta.MustRewrite() {
			left := slices.DeleteFunc(merged.NotRewritten(), func(id string) bool {
				_, ok := c.English(id)
				return !ok || slices.Contains(merged.Meta.Omit, id)
			})
			if len(left) > 0 {
				return fmt.Errorf("%s: _meta.status is %q, but %s must be rewritten by a fluent speaker from its community, and %d of its messages are still the draft nobody fluent wrote (%s); keep status = %q until their text is imported with awarekit translate import --writer NAME and reviewed", name, merged.Meta.Status, l.Meta.Name, len(left), shortIDs(left), StatusMustRewrite)
			}
		}
		merged.Overridden = slices.Sorted(maps.Keys(over.Messages))
		// A script that does not match the messages is a problem of the
		// user's file: its _meta.script, or the messages it wrote.
		file := merged.File
		merged.File = name
		err = merged.resolve()
		merged.File = file
		if err != nil {
			if at := where("_meta.script"); over.Meta.Script != "" && strings.HasPrefix(err.Error(), name+": _meta.script") {
				return fmt.Errorf("%s%s", at, strings.TrimPrefix(err.Error(), name))
			}
			return err
		}
		if err := checkMessageScripts(over, merged.Script, where); err != nil {
			return err
		}
		c.measure(merged)
		c.locales[l.Tag] = merged
	}
	return nil
}

// checkMessageScripts refuses a message of a user's file written in
// another script than its language's (Latin apart): the script of a file
// is measured over all its messages, so one message in Cyrillic among a
// French file's Latin would be printed on the French page.
func checkMessageScripts(over *Locale, sc Script, where func(string) string) error {
	for _, id := range slices.Sorted(maps.Keys(over.Messages)) {
		if name, ok := strayScript(sc.Code, over.Messages[id]); ok {
			return fmt.Errorf("%s: message %s is written in %s, not in %s like the rest of %s; write it in %s, or move it to the message file of its own language", where(id), id, name, sc.Name, over.Tag, sc.Name)
		}
	}
	return nil
}

// checkUserMessages holds a user's messages to the rules for every value
// people type (profile.CheckText): no control, direction or separator
// character, which would reorder a printed line or reach a terminal
// through txt and md files. Line breaks between lines are allowed.
func checkUserMessages(where func(string) string, msgs map[string]string) error {
	for _, id := range slices.Sorted(maps.Keys(msgs)) {
		for _, line := range strings.Split(msgs[id], "\n") {
			if err := profile.CheckTextAsIs(profile.Field{Name: "message " + id}, line, len(line)+1); err != nil {
				return fmt.Errorf("%s: %w", where(id), err)
			}
		}
	}
	return nil
}

// checkUserMeta holds the words of a user's _meta table to the same
// rules: the language's names, the reviewers' and writers' names, the
// words to keep whole and the notes for the reviewer (lines of them)
// are printed on the terminal (a language's name in every draft line,
// list languages), on the print pack and in every translation file
// exported. An ESC in a name reached the terminal as it was, and a NUL
// in the notes made a goi18n file that import refused ("control
// characters are not allowed in comments").
func checkUserMeta(where func(string) string, m Meta) error {
	check := func(key, v string) error {
		for _, line := range strings.Split(v, "\n") {
			if err := profile.CheckTextAsIs(profile.Field{Name: "_meta." + key}, line, len(line)+1); err != nil {
				return fmt.Errorf("%s: %w", where("_meta."+strings.Split(key, ".")[0]), err)
			}
		}
		return nil
	}
	fields := [][2]string{{"name", m.Name}, {"native", m.Native}, {"reviewer", m.Reviewer}, {"reviewed", m.Reviewed}, {"notes", m.Notes}}
	for _, w := range m.Keep {
		fields = append(fields, [2]string{"keep", w})
	}
	for _, r := range m.Reviews {
		fields = append(fields, [2]string{"reviews.reviewer", r.Reviewer})
	}
	for _, w := range m.Writers {
		fields = append(fields, [2]string{"writers.name", w.Name})
	}
	for _, f := range fields {
		if err := check(f[0], f[1]); err != nil {
			return err
		}
	}
	return nil
}

// flatten turns nested TOML tables into dotted message IDs. A table with
// an "other" key is one message in go-i18n's long form.
func flatten(prefix string, m map[string]any, out map[string]string, where func(string) string) error {
	if id, k, v := flattenInto(prefix, m, out); id != "" {
		return fmt.Errorf("%s: message %s is %s, not text; put the text in quotes, like %s = \"…\"", where(id), id, tomlKind(v), k)
	}
	return nil
}

// flattenInto is flatten's walk: it returns the first ID, in sorted
// order, whose value is not text (with its last key and its value), so
// the same file always gives the same problem; "" when there is none.
func flattenInto(prefix string, m map[string]any, out map[string]string) (badID, badKey string, badValue any) {
	for k, v := range m {
		id := k
		if prefix != "" {
			id = prefix + "." + k
		}
		var bid, bkey string
		var bval any
		switch v := v.(type) {
		case string:
			out[id] = v
			continue
		case map[string]any:
			if other, ok := v["other"].(string); ok {
				out[id] = other
				continue
			}
			if bid, bkey, bval = flattenInto(id, v, out); bid == "" {
				continue
			}
		default:
			bid, bkey, bval = id, k, v
		}
		if badID == "" || bid < badID {
			badID, badKey, badValue = bid, bkey, bval
		}
	}
	return badID, badKey, badValue
}

// tomlKind says in words what kind of TOML value v is.
func tomlKind(v any) string {
	switch v.(type) {
	case int64, float64:
		return "a number"
	case bool:
		return "true or false"
	case []any:
		return "a list"
	}
	return "a date or a time"
}

// Tags lists the available language tags, sorted.
func (c *Catalog) Tags() []string { return slices.Clone(c.tags) }

// Locale returns the locale for an exact, available tag.
func (c *Catalog) Locale(tag string) *Locale {
	if l, ok := c.locales[tag]; ok {
		return l
	}
	return c.builtin(tag)
}

// UnknownLanguageError is a language the catalog does not have.
type UnknownLanguageError struct {
	Lang  string
	Valid []string
}

func (e *UnknownLanguageError) Error() string {
	return fmt.Sprintf("unknown language %s; available: %s", input.Quote(e.Lang), strings.Join(e.Valid, ", "))
}

// Resolve maps what a user typed ("fr-CA", "FR", "en_US") to an available
// tag ("fr"), or fails with an UnknownLanguageError that lists the valid ones.
func (c *Catalog) Resolve(lang string) (string, error) {
	want := strings.ReplaceAll(strings.TrimSpace(lang), "_", "-")
	for _, tag := range c.tags {
		if strings.EqualFold(tag, want) {
			return tag, nil
		}
	}
	unknown := &UnknownLanguageError{Lang: lang, Valid: c.Tags()}
	wtag, err := language.Parse(want)
	if err != nil {
		return "", unknown
	}
	// Drop the region, then the script: fr-CA → fr, zh-Hans-CN → zh-Hans,
	// and a bare base (zh) takes the only tag with that base (zh-Hans).
	base, _ := wtag.Base()
	script, sconf := wtag.Script()
	var candidates []string
	for _, tag := range c.tags {
		t := language.Make(tag)
		tb, _ := t.Base()
		if tb != base {
			continue
		}
		// A different script is a different language to a reader, whether
		// the tag names it (iu-Latn) or implies it (zh-TW is Traditional,
		// pa-PK is Shahmukhi): never serve the wrong one.
		ts, tconf := t.Script()
		if sconf != language.No && tconf != language.No && ts != script {
			continue
		}
		candidates = append(candidates, tag)
	}
	if len(candidates) == 1 {
		return candidates[0], nil
	}
	for _, tag := range candidates {
		if tag == base.String() {
			return tag, nil
		}
	}
	return "", unknown
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// PlaceholderCount is how many times text has the placeholder {{.name}}:
// a translation or a user's message keeps each as often as the English
// (translate import and a content folder's check both hold it to that).
func PlaceholderCount(text, name string) int {
	n := 0
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		if m[1] == name {
			n++
		}
	}
	return n
}

// Times says n as a count of times: "once", "twice", "3 times".
func Times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

// Placeholders lists the template fields a message uses, sorted.
func Placeholders(text string) []string {
	var names []string
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		names = append(names, m[1])
	}
	sort.Strings(names)
	return slices.Compact(names)
}

// Text renders message id with data. A message the locale lacks is an
// error: safety text must never come out in another language unasked.
func (l *Locale) Text(id string, data map[string]any) (string, error) {
	if _, ok := l.Messages[id]; !ok {
		return "", fmt.Errorf("message %s is missing from %s", id, l.File)
	}
	if l.localizer == nil {
		return "", fmt.Errorf("%s was not loaded through a catalog", l.File)
	}
	s, err := l.localizer.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return "", fmt.Errorf("message %s in %s: %w", id, l.File, err)
	}
	if strings.Contains(s, "<no value>") {
		return "", fmt.Errorf("message %s in %s uses a placeholder that was not given (have %v)", id, l.File, slices.Sorted(maps.Keys(data)))
	}
	return s, nil
}

// mergeMeta is base with every field over sets: a user file that gives
// only a reviewer keeps the language's names and status.
func mergeMeta(base, over Meta) Meta {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&base.Language, over.Language)
	set(&base.Name, over.Name)
	set(&base.Native, over.Native)
	set(&base.Status, over.Status)
	set(&base.Reviewer, over.Reviewer)
	set(&base.Reviewed, over.Reviewed)
	set(&base.Notes, over.Notes)
	set(&base.Script, over.Script)
	set(&base.Apostrophe, over.Apostrophe)
	if over.Omit != nil {
		base.Omit = over.Omit
	}
	if over.Keep != nil {
		base.Keep = over.Keep
	}
	if over.Reviews != nil {
		base.Reviews = over.Reviews
	}
	if over.Writers != nil {
		base.Writers = over.Writers
	}
	return base
}

// ParseMessages reads a message file's messages (its _meta and _source
// tables left out), by message ID: what a tool that adds messages to a
// user's file reads back to check it changed nothing else.
func ParseMessages(name string, data []byte) (map[string]string, error) {
	l, err := parse(name, data)
	if err != nil {
		return nil, err
	}
	return l.Messages, nil
}

// shortIDs names the first few of ids and how many more.
func shortIDs(ids []string) string {
	if len(ids) > 3 {
		return strings.Join(ids[:3], ", ") + fmt.Sprintf(" and %d more", len(ids)-3)
	}
	return strings.Join(ids, ", ")
}

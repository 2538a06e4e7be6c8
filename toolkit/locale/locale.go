// Package locale loads the translated messages (go-i18n, one TOML file per
// language tag), resolves the language a user asks for, and looks messages
// up strictly: a message missing in the requested language is an error,
// never a silent fall back to another language.
package locale

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	toml "github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/awarekit/awarekit/toolkit/profile"
)

// Status values of a locale file's _meta.status.
const (
	StatusSource   = "source"   // written by the project in this language
	StatusDraft    = "draft"    // translated, not yet checked by a fluent speaker
	StatusReviewed = "reviewed" // checked by the reviewer named in the file
)

// Meta is the _meta table at the top of a locale file.
type Meta struct {
	Language string `toml:"language"`
	Name     string `toml:"name"`     // in English
	Native   string `toml:"native"`   // in the language itself
	Status   string `toml:"status"`   // source, draft or reviewed
	Reviewer string `toml:"reviewer"` // who reviewed it, when reviewed
	Reviewed string `toml:"reviewed"` // when
	Notes    string `toml:"notes"`    // for the next reviewer
}

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

// Locale is one language's messages.
type Locale struct {
	Tag      string
	Meta     Meta
	Messages map[string]string // message ID → text (go template)
	File     string
	// I18nTag is the tag go-i18n knows the locale by: the tag itself, or
	// art-x-<tag> for languages it has no plural rules for (Cree, Ojibwe).
	I18nTag string
	// Overridden lists the message IDs a user's file replaced.
	Overridden []string

	localizer *i18n.Localizer
}

// Catalog is every language the tool can write.
type Catalog struct {
	locales map[string]*Locale
	tags    []string
}

// Load reads every *.toml file at the top of fsys.
func Load(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, err
	}
	c := &Catalog{locales: make(map[string]*Locale)}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		l, err := parse(name, data)
		if err != nil {
			return nil, err
		}
		c.locales[l.Tag] = l
		c.tags = append(c.tags, l.Tag)
	}
	if len(c.tags) == 0 {
		return nil, errors.New("no locale files found")
	}
	sort.Strings(c.tags)
	return c, nil
}

func parse(name string, data []byte) (*Locale, error) {
	var raw map[string]any
	dec := toml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		var derr *toml.DecodeError
		if errors.As(err, &derr) {
			row, col := derr.Position()
			return nil, fmt.Errorf("%s:%d:%d: %s; check the [brackets], quotes and = on that line (a message is id = \"text\")", name, row, col, strings.TrimPrefix(derr.Error(), "toml: "))
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	tag := strings.TrimSuffix(path.Base(name), ".toml")
	l := &Locale{Tag: tag, Messages: make(map[string]string), File: name}
	if m, ok := raw["_meta"]; ok {
		b, _ := toml.Marshal(m)
		if err := toml.Unmarshal(b, &l.Meta); err != nil {
			return nil, fmt.Errorf("%s: _meta: %w", name, err)
		}
		delete(raw, "_meta")
	}
	if l.Meta.Language != "" && l.Meta.Language != tag {
		return nil, fmt.Errorf("%s: _meta.language is %q but the file name says %q", name, l.Meta.Language, tag)
	}
	if err := flatten("", raw, l.Messages); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}

	if err := l.bind(); err != nil {
		return nil, err
	}
	return l, nil
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
		itag = language.MustParse("art-x-" + strings.ReplaceAll(tag, "-", ""))
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
func (c *Catalog) Override(fsys fs.FS) error {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return err
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		over, err := parse(name, data)
		if err != nil {
			return err
		}
		if err := checkUserMessages(name, over.Messages); err != nil {
			return err
		}
		l, ok := c.locales[over.Tag]
		if !ok {
			over.Overridden = slices.Sorted(maps.Keys(over.Messages))
			c.locales[over.Tag] = over
			c.tags = append(c.tags, over.Tag)
			sort.Strings(c.tags)
			continue
		}
		merged := &Locale{Tag: l.Tag, Meta: l.Meta, File: l.File + " + " + name, Messages: maps.Clone(l.Messages)}
		maps.Copy(merged.Messages, over.Messages)
		merged.Meta = mergeMeta(l.Meta, over.Meta)
		merged.Overridden = slices.Sorted(maps.Keys(over.Messages))
		if err := merged.bind(); err != nil {
			return err
		}
		c.locales[l.Tag] = merged
	}
	return nil
}

// checkUserMessages holds a user's messages to the rules for every value
// people type (profile.CheckText): no control, direction or separator
// character, which would reorder a printed line or reach a terminal
// through txt and md files. Line breaks between lines are allowed.
func checkUserMessages(file string, msgs map[string]string) error {
	for _, id := range slices.Sorted(maps.Keys(msgs)) {
		for _, line := range strings.Split(msgs[id], "\n") {
			if _, err := profile.CheckText(profile.Field{Name: "message " + id, From: file}, line, len(line)+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// flatten turns nested TOML tables into dotted message IDs. A table with
// an "other" key is one message in go-i18n's long form.
func flatten(prefix string, m map[string]any, out map[string]string) error {
	for k, v := range m {
		id := k
		if prefix != "" {
			id = prefix + "." + k
		}
		switch v := v.(type) {
		case string:
			out[id] = v
		case map[string]any:
			if other, ok := v["other"].(string); ok {
				out[id] = other
				continue
			}
			if err := flatten(id, v, out); err != nil {
				return err
			}
		default:
			return fmt.Errorf("message %s: want text, got %T", id, v)
		}
	}
	return nil
}

// Tags lists the available language tags, sorted.
func (c *Catalog) Tags() []string { return slices.Clone(c.tags) }

// Locale returns the locale for an exact, available tag.
func (c *Catalog) Locale(tag string) *Locale { return c.locales[tag] }

// UnknownLanguageError is a language the catalog does not have.
type UnknownLanguageError struct {
	Lang  string
	Valid []string
}

func (e *UnknownLanguageError) Error() string {
	return fmt.Sprintf("unknown language %q; available: %s", e.Lang, strings.Join(e.Valid, ", "))
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
	return base
}

package generate

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Language is what the engine knows about one language: its names,
// script and direction, how much of it is translated and reviewed, and
// whether the fonts on this machine (and the user's) can draw it.
type Language struct {
	Tag    string
	Name   string // in English
	Native string // in the language itself
	Script string // e.g. Latin, Gurmukhi
	RTL    bool
	// Coverage is the share of the English messages this language needs
	// that it has, in whole percent: those of the audiences it is
	// written in, every document's, the contacts' and the law's
	// (content.Library.Coverage).
	Coverage int
	// Status is "source", "draft" or "reviewed by NAME", with the count
	// of messages from the user's content folder when there are any.
	Status string
	// Fonts are the font files that draw its text, one per script used;
	// FontsErr says why its text cannot be drawn, when it cannot.
	Fonts    []typeset.Source
	FontsErr error
}

// Language describes one of the engine's languages, by its tag as
// Languages lists it.
func (e *Engine) Language(tag string) (Language, error) { return e.language(tag, true) }

// LanguageCovered is Language without its Fonts: FontsErr alone says
// whether this computer has a font for every character, without finding
// which file draws each script (typeset's Covers, not Sources).
func (e *Engine) LanguageCovered(tag string) (Language, error) { return e.language(tag, false) }

func (e *Engine) language(tag string, sources bool) (Language, error) {
	l := e.Lib.Catalog.Locale(tag)
	if l == nil {
		return Language{}, &locale.UnknownLanguageError{Lang: tag, Valid: e.Lib.Catalog.Tags()}
	}
	sc := l.Script
	info := Language{Tag: tag, Name: l.Meta.Name, Native: l.Meta.Native, Script: sc.Name, RTL: sc.RTL, Status: l.Meta.Status}
	switch {
	case l.Meta.MustRewrite():
		info.Status = "draft, must be rewritten"
	case l.Draft():
		info.Status = "draft"
	case l.Meta.Reviewer != "":
		info.Status = "reviewed by " + l.Meta.Reviewer
	}
	if n := len(l.Overridden); n > 0 {
		unit := "messages"
		if n == 1 {
			unit = "message"
		}
		info.Status += fmt.Sprintf(", %d %s yours", n, unit)
	}
	info.Coverage = e.Lib.Coverage(tag)
	w := e.workers.Get().(*Worker)
	defer e.workers.Put(w)
	opts := typeset.Options{Lang: tag, RTL: sc.RTL}
	if sources {
		info.Fonts, info.FontsErr = w.ts.Sources(allText(l), opts)
	} else {
		info.FontsErr = w.ts.Covers(allText(l), opts)
	}
	return info, nil
}

// allText joins every message of a locale, in a fixed order.
func allText(l *locale.Locale) string {
	var b strings.Builder
	for _, id := range slices.Sorted(maps.Keys(l.Messages)) {
		b.WriteString(l.Messages[id])
		b.WriteByte('\n')
	}
	return b.String()
}

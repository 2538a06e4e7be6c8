package translate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/locale"
)

// Which messages Export writes.
const (
	OnlyAll     = "all"     // every message
	OnlyStale   = "stale"   // translated from English that has changed since
	OnlyMissing = "missing" // not translated
	OnlyTodo    = "todo"    // stale or missing, or to be rewritten by a fluent speaker
	// OnlyKit is every message only the workshop kit prints, which
	// stale, missing and todo leave out when the language lacks them
	// (it then does not make the kit).
	OnlyKit = "kit"
)

// Onlys lists the choices of Export's only, the default first.
var Onlys = []string{OnlyAll, OnlyStale, OnlyMissing, OnlyTodo, OnlyKit}

// Entry is one message as a translator sees it.
type Entry struct {
	ID      string
	English string // today's English, placeholders and all
	Text    string // the current translation, "" when missing
	State   string // missing, stale, translated or reviewed
	Where   string // where it prints, in words
	Max     int    // its room in terminal cells (placeholders not counted); 0 for none
	// Placeholders are the {{.Name}} fields of the English, sorted.
	Placeholders []string
	Safety       bool // it tells people how to reach help
	Official     bool // an official name or citation: it may stay in English
}

// Sheet is a language's messages for a translator.
type Sheet struct {
	Lang, Name, Native string
	Notes              string // the file's notes for the reviewer (_meta.notes)
	Version            string // the content's version
	Entries            []Entry
}

// Sheet gathers language l's messages for a translator: all of them,
// or those only says (OnlyStale, OnlyMissing, OnlyTodo).
func (p *Project) Sheet(l *locale.Locale, only string) (*Sheet, error) {
	if !slices.Contains(Onlys, only) {
		return nil, fmt.Errorf("unknown choice %q for which messages; choose one of: %s", only, strings.Join(Onlys, ", "))
	}
	s := &Sheet{Lang: l.Tag, Name: l.Meta.Name, Native: l.Meta.Native, Notes: l.Meta.Notes, Version: p.Lib.Info.Version}
	for _, m := range p.printed() {
		state := p.State(l, m.ID)
		switch {
		case state == StateOmitted:
			continue
		case only == OnlyKit && !m.KitOnly(),
			(only == OnlyMissing || only == OnlyTodo) && state == StateMissing && (m.KitOnly() || p.Lib.Unbegun(m.ID, l.Tag)),
			only == OnlyStale && state != StateStale,
			only == OnlyMissing && state != StateMissing,
			only == OnlyTodo && state != StateStale && state != StateMissing && state != StateRewrite:
			continue
		}
		en, ok := p.Lib.Catalog.English(m.ID)
		if !ok {
			continue // a group's own message, written in its languages: no English to translate
		}
		where, err := p.WhereNote(m.ID)
		if err != nil {
			return nil, err
		}
		s.Entries = append(s.Entries, Entry{
			ID: m.ID, English: en, Text: l.Messages[m.ID], State: state, Where: where, Max: m.Max,
			Placeholders: locale.Placeholders(en), Safety: m.Safety, Official: p.Lib.OfficialName(m.ID),
		})
	}
	return s, nil
}

// Notes says what a translator needs to know about e, one sentence a
// line: where it prints, its room, its placeholders, what kind of
// message it is, and why it needs work.
func (e Entry) Notes() []string {
	var out []string
	out = append(out, "Printed on: "+e.Where+".")
	if e.Max > 0 {
		out = append(out, fmt.Sprintf("Room: at most %d characters, not counting placeholders (a Chinese character or other wide character counts as two). The English has %d.", e.Max, Cells(e.English)))
	}
	if len(e.Placeholders) > 0 {
		out = append(out, "Keep "+placeholderList(e.Placeholders)+" exactly as written: awarekit fills in the verified number, name or value there. Move it where your sentence needs it.")
	}
	if e.Safety {
		out = append(out, "Safety message: it tells people how to reach help. Say what the English says, no more and no less, and write no numbers of your own.")
	}
	if e.Official {
		out = append(out, "An official name or citation: you may keep it in English, or add a short explanation in your language.")
	}
	switch e.State {
	case StateStale:
		out = append(out, "The English changed after this was translated: check the translation against today's English and correct it.")
	case StateMissing:
		out = append(out, "Not translated yet.")
	case StateRewrite:
		out = append(out, "Written by someone who does not speak the language: rewrite it, or, if it is right as it is, clear the mark to confirm it. Only a fluent speaker from the community may.")
	}
	return out
}

func placeholderList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{." + n + "}}"
	}
	return strings.Join(out, ", ")
}

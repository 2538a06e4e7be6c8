package content

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/locale"
)

// missing lists the messages audience a prints that language l cannot
// give, sorted, safety messages first: none when a is written in l.
//
// A draft that must be rewritten (iu, crk, oj) prints a missing message
// of built-in English in English, marked, but only for an audience it is
// written in at all (its file has the audience's headline): a page whose
// every line would be English is not a draft of that language. The
// social-media messages are left to the social formats, which refuse a
// language without them (generate.NoSocialError).
func (lib *Library) missing(a *Audience, l *locale.Locale) []string {
	_, started := l.Messages[a.Headline]
	var own, safety, other []string
	for _, id := range lib.needsOf(a) {
		if strings.HasPrefix(id, "social.") || lib.omitted(a, l.Tag, id) {
			continue
		}
		if _, ok := l.Messages[id]; ok || started && lib.fallsBack(l, id) {
			continue
		}
		switch m, ok := lib.table[id]; {
		case strings.HasPrefix(id, a.ID+".") || id == "audience."+a.ID+".name":
			own = append(own, id)
		case ok && m.Safety:
			safety = append(safety, id)
		default:
			other = append(other, id)
		}
	}
	// The audience's own messages first: they are what a translator of
	// the audience writes.
	return slices.Concat(own, safety, other)
}

// Written says whether the audience (its ID) is written in language tag
// (an available tag): nil when every message its materials print is
// there, else an *IncompleteError naming the messages that are not. It
// asks about one audience in one language: a language that lacks an
// audience of a user's own stops only that audience there.
func (lib *Library) Written(id, tag string) error {
	a, err := lib.Audience(id)
	if err != nil {
		return err
	}
	st := lib.lang(tag)
	if st != nil && len(st.problems) > 0 {
		return &ProblemsError{Problems: st.problems}
	}
	l := lib.Catalog.Locale(tag)
	if l == nil {
		return &locale.UnknownLanguageError{Lang: tag, Valid: lib.Catalog.Tags()}
	}
	missing := lib.missingIn(tag, a.ID)
	if len(missing) == 0 {
		return nil
	}
	e := &IncompleteError{Audience: a.ID, Lang: tag, Name: l.Meta.Name, File: l.File, Missing: missing, Written: lib.Languages(a.ID),
		User: len(a.FromUser) > 0, Rewrite: l.Meta.MustRewrite()}
	for _, mid := range missing {
		if m, ok := lib.table[mid]; ok && m.Safety {
			e.Safety++
		}
	}
	return e
}

// Languages lists the languages audience id is written in, sorted.
func (lib *Library) Languages(id string) []string {
	a, err := lib.Audience(id)
	if err != nil {
		return nil
	}
	var tags []string
	for _, tag := range lib.Catalog.Tags() {
		if st := lib.lang(tag); len(st.problems) == 0 && len(lib.missingIn(tag, a.ID)) == 0 {
			tags = append(tags, tag)
		}
	}
	return tags
}

// IncompleteError is an audience asked for in a language that lacks
// messages its materials print. Nothing is printed in another language
// in their place: a missing safety message least of all.
type IncompleteError struct {
	Audience string
	Lang     string
	Name     string // the language's name in English
	File     string // the language's message file(s)
	Missing  []string
	Safety   int      // how many of Missing are safety messages
	Written  []string // the languages the audience is written in
	User     bool     // the audience comes from the user's content folder
	// Rewrite is set when the language's text waits for fluent speakers
	// (its file must be rewritten): no one else adds to it.
	Rewrite bool
}

// listedMissing is how many missing messages an error names; the rest
// are counted, and awarekit check lists them all.
const listedMissing = 12

func (e *IncompleteError) Error() string {
	name := e.Name
	if name == "" {
		name = e.Lang
	}
	list := e.Missing
	more := ""
	if len(list) > listedMissing {
		more = fmt.Sprintf(" and %d more", len(list)-listedMissing)
		list = list[:listedMissing]
	}
	what := "message"
	if len(e.Missing) > 1 {
		what = "messages"
	}
	safety := ""
	if e.Safety > 0 {
		safety = fmt.Sprintf(" (%d of them safety messages, which are never printed in another language in place of %s)", e.Safety, name)
	}
	written := "no language yet"
	if len(e.Written) > 0 {
		written = strings.Join(e.Written, ", ")
	}
	fix := fmt.Sprintf("add them to locales/%s.toml of your content folder (awarekit messages -a %s lists them in English)", e.Lang, e.Audience)
	if e.Rewrite {
		fix = fmt.Sprintf("its text in %s waits for fluent speakers, who may add them in locales/%s.toml of a content folder", name, e.Lang)
	}
	// A language the content folder changes is the built-in file and
	// the user's ("fr.toml + ours/locales/fr.toml"): the one to add
	// them to is hers.
	file := e.File
	if _, user, ok := strings.Cut(file, " + "); ok {
		file = user
	}
	return fmt.Sprintf("the %s audience is not written in %s (%s): %s lacks %d %s its materials print%s: %s%s; %s, or choose a language it is written in: %s",
		e.Audience, name, e.Lang, file, len(e.Missing), what, safety, strings.Join(list, ", "), more, fix, written)
}

// usedWhereWritten reports whether message m is printed by something of
// language l: every document, a contact, the law, or an audience written
// in l at all (its file has the headline).
func (lib *Library) usedWhereWritten(m *Message, l *locale.Locale) bool {
	for _, u := range m.Uses {
		if a, ok := lib.audiences[u]; ok {
			if _, started := l.Messages[a.Headline]; !started {
				continue
			}
		}
		return true
	}
	return false
}

// Added reports whether audience id comes from the user's content
// folder alone: an audience of their own, not a built-in one they
// changed.
func (lib *Library) Added(id string) bool {
	a, err := lib.Audience(id)
	if err != nil {
		return false
	}
	o, ok := lib.audFS.(Overlay)
	if !ok {
		return false
	}
	_, err = fs.Stat(o.Lower, a.File)
	return err != nil
}

// Coverage is the share, in whole percent, of the English messages that
// language tag needs that its file has: those of every document, the
// contacts and the law, and those of each audience its file has begun
// (it has the audience's headline). A language that is complete for the
// audiences it is written in covers 100, though it leaves out audiences
// written in other languages only. The workshop kit's messages are not
// counted, nor a pocket card's: a language has each part of the kit
// and each card whole or not at all (KitLanguages, PocketLanguages).
func (lib *Library) Coverage(tag string) int {
	l := lib.Catalog.Locale(tag)
	en := lib.Catalog.Locale(locale.SourceTag)
	if l == nil || en == nil {
		return 0
	}
	have, want := 0, 0
	for id := range en.Messages {
		m, ok := lib.table[id]
		if !ok || m.KitOnly() || m.PocketOnly() || !lib.usedWhereWritten(m, l) {
			continue
		}
		want++
		if _, ok := l.Messages[id]; ok {
			have++
		}
	}
	if want == 0 {
		return 0
	}
	return have * 100 / want
}

// Unbegun reports whether message id is printed only by audiences that
// language tag has not begun (its file lacks the audience's headline),
// or by pocket cards it has not begun (it lacks the card's title): a
// language written in other audiences only may lack it without being
// incomplete, and those audiences are refused in it (Written), as the
// sector audiences are outside English and French.
func (lib *Library) Unbegun(id, tag string) bool {
	m, ok := lib.table[id]
	l := lib.Catalog.Locale(tag)
	if !ok || l == nil || len(m.Uses) == 0 {
		return false
	}
	for _, u := range m.Uses {
		// A pocket card is begun where its title is written.
		if id, ok := strings.CutPrefix(u, "pocket:"); ok {
			a, ok := lib.audiences[id]
			if !ok || a.Pocket == nil {
				return false
			}
			if _, started := l.Messages[a.Pocket.Title]; started {
				return false
			}
			continue
		}
		a, ok := lib.audiences[u]
		if !ok {
			return false
		}
		if _, started := l.Messages[a.Headline]; started {
			return false
		}
	}
	return true
}

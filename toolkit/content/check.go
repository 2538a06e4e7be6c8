package content

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// Report is what Check finds in a content folder.
type Report struct {
	// Problems are what stops the folder's materials, or would print
	// something it should not: each at its file and line.
	Problems []Problem
	// Warnings are what the user should know but that makes nothing
	// wrong (a message nothing prints, a change in some languages only).
	Warnings []string
	// Audiences are the audiences the folder adds or changes.
	Audiences []FolderAudience
}

// FolderAudience is an audience a content folder adds or changes.
type FolderAudience struct {
	ID    string
	Added bool     // the folder adds it; else it changes a built-in one
	Files []string // its files in the folder
	// Languages are those it is written in: its materials can be made in
	// them.
	Languages []string
	Grade     float64 // the Flesch–Kincaid grade of its English
}

// Check validates the content folder o.UserDir without making anything:
// everything that loading it would refuse, and what would print wrong
// or unsourced (a language that began an audience of the folder's own
// but lacks some of its messages, a placeholder nothing fills or a
// translation dropped, a number or a sign with no facts register entry
// behind it, English above the audience's reading level). It fails only
// when the folder cannot be opened at all.
func Check(o Options) (*Report, error) {
	if err := CheckFolder(o.UserDir); err != nil {
		return nil, err
	}
	if _, err := input.OpenFolder(input.Content, o.UserDir); err != nil {
		return nil, fmt.Errorf("content folder %s: %w", input.ShortPath(o.UserDir), err)
	}
	cat, err := locale.Load(o.Locales)
	if err != nil {
		return nil, fmt.Errorf("load messages: %w", err)
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	lib := newLibrary(cat)
	lib.localesFS = o.Locales
	rep := &Report{}
	if err := lib.loadUser(o); err != nil {
		// A file that cannot be read stops the loading: say it, with
		// the problems found before it.
		for _, line := range strings.Split(err.Error(), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				rep.Problems = append(rep.Problems, parseProblem(line))
			}
		}
		return rep, nil
	}
	lib.checkFolder()
	if err := lib.problemsErr(); err != nil {
		rep.Problems = err.(*ProblemsError).Problems
	}
	rep.Warnings = lib.Warnings
	for _, id := range lib.ids {
		a := lib.audiences[id]
		if len(a.FromUser) == 0 && !lib.changesEnglishOf(a) {
			continue
		}
		fa := FolderAudience{ID: id, Languages: lib.Languages(id), Grade: lib.Reading(a).Grade()}
		for _, f := range a.FromUser {
			fa.Files = append(fa.Files, lib.displayName(f))
		}
		fa.Added = lib.Added(id)
		rep.Audiences = append(rep.Audiences, fa)
	}
	return rep, nil
}

// parseProblem reads "file:line: text" or "file: text" back into a
// Problem, for an error that stopped the loading.
func parseProblem(s string) Problem {
	head, text, ok := strings.Cut(s, ": ")
	if !ok || !strings.Contains(head, ".") || strings.ContainsAny(head, " ") {
		return Problem{Text: s}
	}
	file, line, _ := strings.Cut(head, ":")
	p := Problem{File: file, Text: text}
	fmt.Sscanf(line, "%d", &p.Line)
	return p
}

// changesEnglishOf reports whether the user's folder replaces English
// that audience a prints.
func (lib *Library) changesEnglishOf(a *Audience) bool {
	en := lib.Catalog.Locale(locale.SourceTag)
	if en == nil {
		return false
	}
	for _, id := range a.messageIDs() {
		if slices.Contains(en.Overridden, id) {
			return true
		}
	}
	return false
}

// Reading measures the English an audience's reader reads (its intro,
// signs, actions, notes, statistic and stories, as it prints them) with
// the Flesch–Kincaid grade, to hold against its reading_level.
func (lib *Library) Reading(a *Audience) Readability {
	var r Readability
	en := lib.Catalog.Locale(locale.SourceTag)
	if en == nil {
		return r
	}
	var ids []string
	if a.Prints(BlockIntro) {
		ids = append(ids, a.Intro)
	}
	ids = append(ids, a.Signs...)
	for _, g := range a.Actions {
		ids = append(append(ids, g.Do...), g.Dont...)
	}
	if a.Notes != nil && a.Prints(BlockNotes) {
		ids = append(ids, a.Notes.Items...)
	}
	if a.Fact != nil && a.Prints(BlockFact) {
		ids = append(ids, a.Fact.Text)
	}
	if a.Prints(BlockStories) {
		for _, st := range a.Stories {
			ids = append(ids, st.Text)
		}
	}
	for _, id := range ids {
		if text, ok := en.Messages[id]; ok {
			r.Add(text)
		}
	}
	return r
}

// statesFacts lists the messages of a that state facts by their place:
// signs, notes and the statistic.
func (a *Audience) statesFacts() []string {
	ids := slices.Clone(a.Signs)
	if a.Notes != nil && a.Prints(BlockNotes) {
		ids = append(ids, a.Notes.Items...)
	}
	if a.Fact != nil && a.Prints(BlockFact) {
		ids = append(ids, a.Fact.Text, a.Fact.Source)
	}
	return ids
}

// checkFolder adds to lib.problems what loading lets pass but a content
// folder should not hold: see Check.
func (lib *Library) checkFolder() {
	en := lib.Catalog.Locale(locale.SourceTag)
	for _, id := range lib.ids {
		a := lib.audiences[id]
		if len(a.FromUser) == 0 && !lib.changesEnglishOf(a) {
			continue
		}
		// A language that began the audience lacks none of its messages;
		// one that did not begin it is simply not one it is made in.
		for _, tag := range lib.Catalog.Tags() {
			l := lib.Catalog.Locale(tag)
			var missing []string
			for _, mid := range lib.missingIn(tag, id) {
				if _, known := lib.table[mid]; known { // an unknown ID is reported where it is named
					missing = append(missing, mid)
				}
			}
			if _, started := l.Messages[a.Headline]; len(missing) == 0 || !started && tag != locale.SourceTag {
				continue
			}
			what := "messages"
			if len(missing) == 1 {
				what = "message"
			}
			lib.problemAt("locales/"+tag+".toml", "", "%s lacks %d %s the %s audience prints, so %s materials for it cannot be made: %s",
				tag+".toml", len(missing), what, id, l.Meta.Name, strings.Join(missing, ", "))
		}
		// Placeholders: each translation keeps its English's. (That each
		// is filled where it prints is found when the content loads:
		// checkPlaceholders.)
		for _, mid := range a.messageIDs() {
			m, ok := lib.table[mid]
			if !ok || !m.User {
				continue
			}
			english := locale.Placeholders(en.Messages[mid])
			for _, tag := range lib.Catalog.Tags() {
				text, ok := lib.Catalog.Locale(tag).Messages[mid]
				if !ok {
					continue
				}
				file := "locales/" + tag + ".toml"
				got := locale.Placeholders(text)
				if tag == locale.SourceTag {
					continue
				}
				for _, f := range english {
					if !slices.Contains(got, f) {
						lib.problemAt(file, mid, "message %s lacks {{.%s}}, which its English has: the %s text would leave out what the English prints there", mid, f, lib.Catalog.Locale(tag).Meta.Name)
					}
				}
			}
		}
		// Starter text left by awarekit new audience.
		if strings.HasPrefix(a.Description, Starter) {
			lib.problemAt(a.File, "description", "description still holds the starter text; say who this audience is")
		}
		for _, mid := range a.messageIDs() {
			if m, ok := lib.table[mid]; ok && m.User && strings.HasPrefix(strings.TrimSpace(en.Messages[mid]), Starter) {
				lib.problemAt("locales/en.toml", mid, "message %s still holds the starter text %s; write your own words", mid, input.Quote(en.Messages[mid]))
			}
		}
		// Facts: a sign, note or statistic of the user's own names the
		// register entries it stands on.
		for _, mid := range a.statesFacts() {
			if m, ok := lib.table[mid]; ok && m.User && len(m.Facts) == 0 {
				lib.problemAt(a.File, mid, "%s states a fact with no facts register entry behind it: name the entries it stands on under facts: (awarekit messages -a %s shows the facts each built-in message names), or take it out", mid, id)
			}
		}
		// Reading level.
		r := lib.Reading(a)
		switch {
		case a.ReadingLevel == 0:
			lib.problemAt(a.File, "id:", "declares no reading_level: give the school grade its English must not pass (6 or 7 for most readers)")
		case r.Grade() > float64(a.ReadingLevel):
			lib.problemAt(a.File, "reading_level", "its English reads at grade %.1f (%d words in %d sentences, Flesch–Kincaid), above its reading_level %d: use shorter sentences and words",
				r.Grade(), r.Words, r.Sentences, a.ReadingLevel)
		}
	}
	// Numbers: every number printed stands on the facts register (or is
	// the organisation's own, from its settings), never in a user's words.
	for _, tag := range lib.Catalog.Tags() {
		l := lib.Catalog.Locale(tag)
		for _, mid := range l.Overridden {
			if m, ok := lib.table[mid]; ok && m.Safety {
				continue // checked when loading: no digits of its own
			}
			if n := numberIn(l.Messages[mid]); n != "" {
				lib.problemAt("locales/"+tag+".toml", mid, "message %s writes the number %q: a number the materials print stands on the facts register, and your organisation's own go in its settings (--phone, organisation.local); take it out", mid, n)
			}
		}
	}
}

// numberIn is the first number (of any script, with its separators:
// 1,200) in text outside its placeholders, or "".
func numberIn(text string) string {
	return numberRun.FindString(templateAction.ReplaceAllString(text, " "))
}

var numberRun = regexp.MustCompile(`\p{N}+(?:[.,]\p{N}+)*`)

package content

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/locale"
)

// Message is one entry of the message table (audiences/messages.yaml):
// what a message is, whatever the language it is written in.
type Message struct {
	ID string `yaml:"id"`
	// Every is set for messages printed on every document whatever its
	// audience; assembly asks for them by ID.
	Every bool `yaml:"every"`
	// Safety is set for messages that tell the reader how to reach help
	// or state a number they rely on. A user may reword them but not drop
	// their placeholders or add digits, and must follow the English.
	Safety bool `yaml:"safety"`
	// Facts are the facts register entries the message states.
	Facts []string `yaml:"facts"`
	// Max is the room the message has where it is printed in a fixed
	// space (a tear-off tab, a wallet card's back, a safety card), in
	// terminal cells: a Chinese character or other wide character takes
	// two. 0 means no fixed limit. TestMaxFits holds each to the layouts.
	Max int `yaml:"max"`
	// Uses says where the message is printed: "every", an audience ID,
	// "contact:ID", "law", or "kit:PART" for a part of the workshop kit
	// (kit.yaml) whatever the audience.
	Uses []string `yaml:"-"`
	// User marks a message of the user's own, which the built-in table
	// does not have (a new audience's text).
	User bool `yaml:"-"`
}

// loadTable reads the message table and checks it against the English
// messages: each ID once, and every English message in it.
func (lib *Library) loadTable(audiences fs.FS) error {
	var table messagesFile
	if err := decodeFile(audiences, "messages.yaml", &table); err != nil {
		return err
	}
	lib.table = make(map[string]*Message, len(table.Messages))
	var problems []string
	for _, m := range table.Messages {
		if _, dup := lib.table[m.ID]; dup {
			problems = append(problems, fmt.Sprintf("messages.yaml: %s is listed twice", m.ID))
		}
		if _, ok := lib.Catalog.English(m.ID); !ok {
			problems = append(problems, fmt.Sprintf("messages.yaml: %s is not in en.toml", m.ID))
		}
		for _, f := range m.Facts {
			if lib.Facts.Entry(f) == nil {
				problems = append(problems, fmt.Sprintf("messages.yaml: %s names fact %q, which facts.yaml does not have", m.ID, f))
			}
		}
		lib.table[m.ID] = m
	}
	if en := lib.Catalog.Locale(locale.SourceTag); en != nil {
		for id := range en.Messages {
			if _, ok := lib.Catalog.English(id); !ok {
				continue // a message the user's en.toml adds
			}
			if _, ok := lib.table[id]; !ok {
				problems = append(problems, fmt.Sprintf("en.toml: message %s is not in the message table (audiences/messages.yaml); add it there, saying whether it is a safety message and which facts it states", id))
			}
		}
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

// useTable records where each message is printed, adds the user's own
// messages that a user's audience names, and refuses a name that is in
// neither the table nor the user's files.
func (lib *Library) useTable() {
	use := func(id, where, file string) {
		if id == "" {
			return
		}
		m, ok := lib.table[id]
		if !ok {
			if !lib.userMessage(id) {
				lib.problemAt(file, id, "message %s is in no message file; is it spelt right? (awarekit messages lists them; your own go in locales/en.toml of your content folder)", id)
				return
			}
			m = &Message{ID: id, User: true}
			lib.table[id] = m
		}
		if !slices.Contains(m.Uses, where) {
			m.Uses = append(m.Uses, where)
		}
	}
	for _, m := range lib.table {
		if m.Every {
			m.Uses = append(m.Uses, "every")
		}
	}
	for _, id := range lib.ids {
		a := lib.audiences[id]
		for _, mid := range a.messageIDs() {
			use(mid, a.ID, a.File)
		}
		for _, st := range a.Stories {
			use(st.Title, a.ID, path.Join(a.ID, "stories.yaml"))
			use(st.Text, a.ID, path.Join(a.ID, "stories.yaml"))
		}
	}
	for _, c := range lib.Contacts() {
		for _, mid := range c.messageIDs() {
			use(mid, "contact:"+c.ID, "contacts.yaml")
		}
	}
	// A message of the user's own states the facts its audience names
	// for it.
	for _, id := range lib.ids {
		a := lib.audiences[id]
		for _, mid := range slices.Sorted(maps.Keys(a.Facts)) {
			if m, ok := lib.table[mid]; ok && m.User {
				for _, f := range a.Facts[mid] {
					if !slices.Contains(m.Facts, f) {
						m.Facts = append(m.Facts, f)
					}
				}
			}
		}
	}
	if lib.Law != nil {
		for _, mid := range []string{lib.Law.Title, lib.Law.Intro, lib.Law.Note} {
			use(mid, "law", "law.yaml")
		}
		for _, it := range lib.Law.Items {
			use(it.Text, "law", "law.yaml")
			use(it.Cite, "law", "law.yaml")
		}
	}
	for _, id := range lib.ids {
		a := lib.audiences[id]
		for _, mid := range a.Pocket.messageIDs() {
			use(mid, "pocket:"+a.ID, a.File)
		}
	}
	for p, ids := range lib.kitUses(nil) {
		for _, mid := range ids {
			use(mid, "kit:"+string(p), "kit.yaml")
		}
	}
	for _, id := range lib.ids {
		a := lib.audiences[id]
		if a.Kit == nil {
			continue
		}
		for p, ids := range lib.kitUses(a) {
			for _, mid := range ids {
				use(mid, "kit:"+string(p), path.Join(a.ID, "kit.yaml"))
			}
		}
	}
}

// KitOnly reports whether m is printed by the workshop kit only: a
// language may lack it, and then does not make the kit's parts that
// print it (see KitMissing).
func (m *Message) KitOnly() bool {
	if len(m.Uses) == 0 {
		return false
	}
	for _, u := range m.Uses {
		if !strings.HasPrefix(u, "kit:") {
			return false
		}
	}
	return true
}

// PocketOnly reports whether m is printed by a pocket card only: a
// language may lack it, and then does not make that card (see
// PocketMissing).
func (m *Message) PocketOnly() bool {
	if len(m.Uses) == 0 {
		return false
	}
	for _, u := range m.Uses {
		if !strings.HasPrefix(u, "pocket:") {
			return false
		}
	}
	return true
}

// userMessage reports whether a user's message file has id although the
// built-in English does not: a message of the user's own.
func (lib *Library) userMessage(id string) bool {
	if _, ok := lib.Catalog.English(id); ok {
		return false
	}
	for _, tag := range lib.Catalog.Tags() {
		if _, ok := lib.Catalog.Locale(tag).Messages[id]; ok {
			return true
		}
	}
	return false
}

// Messages lists the message table, sorted by ID.
func (lib *Library) Messages() []*Message {
	return slices.SortedFunc(maps.Values(lib.table), func(a, b *Message) int { return strings.Compare(a.ID, b.ID) })
}

// Message returns the table entry of a message.
func (lib *Library) Message(id string) (*Message, bool) {
	m, ok := lib.table[id]
	return m, ok
}

// fallsBack reports whether language l prints message id in English,
// marked: l is a draft that must be rewritten, and its text for id is
// missing or was translated from English that has since changed (such
// a language is made only when the operator allows drafts; then a
// stale or missing message is never printed in its old wording), or
// id is a safety message translated from older English.
func (lib *Library) fallsBack(l *locale.Locale, id string) bool {
	if _, ok := lib.Catalog.English(id); !ok || l.Tag == locale.SourceTag {
		return false
	}
	if slices.Contains(l.Overridden, id) && !l.Translation {
		return false // the user's own words: checked when loaded
	}
	if _, ok := l.Messages[id]; !ok {
		return l.Meta.MustRewrite()
	}
	if lib.Catalog.Current(l, id) {
		return false
	}
	// A stale message prints, and the page says it is a draft
	// (Locale.Draft), except in a draft that must be rewritten and in a
	// safety message: a promise or a number the English no longer gives
	// never reaches the page in a language the operator cannot read.
	m := lib.table[id]
	return l.Meta.MustRewrite() || m != nil && m.Safety
}

// OfficialName reports whether message id is an official name or a
// citation (a contact's name, a law's citation), which a translation
// may keep in English as it is.
func (lib *Library) OfficialName(id string) bool {
	for _, c := range lib.contacts {
		if c.Name == id {
			return true
		}
	}
	if lib.Law != nil {
		for _, it := range lib.Law.Items {
			if it.Cite == id {
				return true
			}
		}
	}
	return false
}

// EnglishMark starts a message printed in English in place of a
// translation that is missing or stale, so that a reader and a reviewer
// see it is not the page's language.
const EnglishMark = "[English] "

// MessagesFor lists the messages a document of audience id may print,
// sorted by ID: its own, every document's, its contacts', the law's and
// every province's lines. An empty id lists the whole table.
func (lib *Library) MessagesFor(id string) ([]*Message, error) {
	if id == "" {
		return lib.Messages(), nil
	}
	a, err := lib.Audience(id)
	if err != nil {
		return nil, err
	}
	var out []*Message
	ids := lib.needs(a)
	for _, kit := range lib.kitUses(a) {
		ids = append(ids, kit...)
	}
	slices.Sort(ids)
	for _, mid := range slices.Compact(ids) {
		if m, ok := lib.table[mid]; ok {
			out = append(out, m)
		}
	}
	return out, nil
}

// Package content loads the vetted material (audiences, contacts and
// messages) and assembles one audience's document in one language.
package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// Audience is one community the material is written for. Its text fields
// are message IDs.
type Audience struct {
	ID           string   `yaml:"id"`
	Aliases      []string `yaml:"aliases"`
	Description  string   `yaml:"description"`
	ReadingLevel int      `yaml:"reading_level"`
	Formats      []string `yaml:"formats"`
	Headline     string   `yaml:"headline"`
	Intro        string   `yaml:"intro"`
	Signs        []string `yaml:"signs"`
	Do           []string `yaml:"do"`
	Dont         []string `yaml:"dont"`
	Notes        *Notes   `yaml:"notes"`
	Fact         *Fact    `yaml:"fact"`
	Contacts     []string `yaml:"contacts"`
	// Discreet audiences may read material on a phone a controlling
	// person sees: their social images and captions name no crime in
	// their largest words and first line.
	Discreet bool `yaml:"discreet"`

	File    string  `yaml:"-"`
	Stories []Story `yaml:"-"` // from stories.yaml beside audience.yaml
	// FromUser lists the audience's files that come from the user's
	// content folder rather than the embedded content.
	FromUser []string `yaml:"-"`
}

// Story is a story block: message IDs plus the record that makes it
// printable.
type Story struct {
	ID         string   `yaml:"id"`
	Title      string   `yaml:"title"`
	Text       string   `yaml:"text"`
	Composite  bool     `yaml:"composite"`
	Anonymised bool     `yaml:"anonymised"`
	Consent    *Consent `yaml:"consent"`
	// FromUser marks a story from the user's folder: it is printed only in
	// the languages whose text the user wrote too, never with built-in
	// text under the user's consent record.
	FromUser bool `yaml:"-"`
}

// Consent records who recorded a storyteller's consent, and when.
type Consent struct {
	Recorded string `yaml:"recorded"` // YYYY-MM-DD
	By       string `yaml:"by"`
}

// printable says why a story may not be printed, or "" when it may.
func (s Story) printable() string {
	switch {
	case s.Consent == nil || s.Consent.By == "" || s.Consent.Recorded == "":
		return "it has no recorded consent (consent: {recorded: YYYY-MM-DD, by: NAME})"
	case !s.Anonymised:
		return "it is not marked anonymised (anonymised: true)"
	}
	if _, err := time.Parse(time.DateOnly, s.Consent.Recorded); err != nil {
		return fmt.Sprintf("its consent date %q is not YYYY-MM-DD", s.Consent.Recorded)
	}
	return ""
}

// Law is "Know the law": message IDs and citations.
type Law struct {
	Title string    `yaml:"title"`
	Intro string    `yaml:"intro"`
	Note  string    `yaml:"note"`
	Items []LawItem `yaml:"items"`
}

// LawItem is one summary and its citation.
type LawItem struct {
	ID      string            `yaml:"id"`
	Text    string            `yaml:"text"`
	Vars    map[string]string `yaml:"vars"`
	Cite    string            `yaml:"cite"`
	Section string            `yaml:"section"`
	Source  string            `yaml:"source"`
}

// Notes is an optional titled block: rights, duties, good practice.
type Notes struct {
	Title string   `yaml:"title"`
	Items []string `yaml:"items"`
}

// Fact is an optional statistic and its source, both message IDs.
type Fact struct {
	Text   string            `yaml:"text"`
	Source string            `yaml:"source"`
	Vars   map[string]string `yaml:"vars"` // values for the messages' placeholders
	URL    string            `yaml:"url"`  // where the fact was verified
}

// Contact is a verified place to get help. Name, Detail and Text are
// message IDs; numbers and addresses are data, never translated text.
type Contact struct {
	ID     string `yaml:"id"`
	Name   string `yaml:"name"`
	Detail string `yaml:"detail"`
	Phone  string `yaml:"phone"`
	// PhoneLetters is the number as its owner advertises it in letters,
	// e.g. 1-800-222-TIPS; Phone stays the dialable digits.
	PhoneLetters string            `yaml:"phone_letters"`
	Email        string            `yaml:"email"`
	Website      string            `yaml:"website"`
	URL          string            `yaml:"url"`
	Vars         map[string]string `yaml:"vars"`
	Text         *TextLine         `yaml:"text"`
	Source       string            `yaml:"source"`
}

// TextLine is an SMS line: a keyword sent to a short number.
type TextLine struct {
	Keyword string `yaml:"keyword"`
	Number  string `yaml:"number"`
}

// Info is the content release: its version and date.
type Info struct {
	Version string `yaml:"version"`
	Date    string `yaml:"date"` // YYYY-MM-DD; fixes the PDF dates
}

// Library is all loaded content. It is read-only once loaded and shared
// by every document of the process.
type Library struct {
	Info Info
	Law  *Law
	// Warnings say what was left out, such as a story without consent.
	Warnings  []string
	Catalog   *locale.Catalog
	audiences map[string]*Audience
	aliases   map[string]string
	ids       []string
	contacts  map[string]*Contact
}

// Load reads audiences (audience folders, contacts.yaml, content.yaml) and
// locales (message files) and checks that every message ID and contact an
// audience names exists in every language.
func Load(audiences, locales fs.FS) (*Library, error) {
	cat, err := locale.Load(locales)
	if err != nil {
		return nil, fmt.Errorf("load messages: %w", err)
	}
	return load(audiences, cat)
}

// protected are content files a user folder may not replace: contacts
// are verified facts, and the release fixes versions and dates.
var protected = []string{"contacts.yaml", "content.yaml"}

// LoadUser loads the content with a user's folder over it: files under
// dir/audiences replace the embedded ones file by file (an audience's
// audience.yaml, or a stories.yaml with the group's own consented
// stories), and messages in dir/locales replace the embedded ones
// message by message (a youth group's own headline). A missing dir/…
// subfolder is fine.
func LoadUser(audiences, locales fs.FS, dir string) (*Library, error) {
	// No link leads out of the folder, and only regular files of a sane
	// size are read: a link to /etc/passwd or a named pipe is an error
	// that names the file, never its contents.
	user, err := input.OpenFolder(input.Content, dir)
	if err != nil {
		return nil, fmt.Errorf("content folder %s: %w", dir, err)
	}
	for _, name := range protected {
		if _, err := fs.Stat(user, path.Join("audiences", name)); err == nil {
			return nil, fmt.Errorf("content folder %s: audiences/%s cannot be replaced: it holds verified facts; give your own contact with --phone, --email and --website", dir, name)
		}
	}
	cat, err := locale.Load(locales)
	if err != nil {
		return nil, fmt.Errorf("load messages: %w", err)
	}
	if sub, err := fs.Sub(user, "locales"); err == nil {
		if err := cat.Override(sub); err != nil {
			return nil, fmt.Errorf("content folder %s: %w", dir, err)
		}
	}
	var aud fs.FS = audiences
	if sub, err := fs.Sub(user, "audiences"); err == nil {
		aud = Overlay{Upper: sub, Lower: audiences}
	}
	lib, err := load(aud, cat)
	if err != nil {
		return nil, err
	}
	lib.warnUnusedOverrides(dir)
	// The version printed on every page and recorded in build manifests
	// says the content was customised, and changes when the folder does.
	sum, err := folderHash(user)
	if err != nil {
		return nil, fmt.Errorf("content folder %s: %w", dir, err)
	}
	lib.Info.Version += "+user." + sum[:12]
	return lib, nil
}

// folderHash is a sha256 over the names and bytes of every file of the
// audiences and locales folders of fsys, in path order.
func folderHash(fsys fs.FS) (string, error) {
	h := sha256.New()
	for _, top := range []string{"audiences", "locales"} {
		err := fs.WalkDir(fsys, top, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == top {
				return fs.SkipDir
			}
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
			h.Write(data)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func load(audiences fs.FS, cat *locale.Catalog) (*Library, error) {
	lib := &Library{
		Catalog:   cat,
		audiences: make(map[string]*Audience),
		aliases:   make(map[string]string),
		contacts:  make(map[string]*Contact),
	}
	if err := decodeFile(audiences, "content.yaml", &lib.Info); err != nil {
		return nil, err
	}
	if _, err := lib.Date(); err != nil {
		return nil, err
	}
	var contacts struct {
		Contacts []*Contact `yaml:"contacts"`
	}
	if err := decodeFile(audiences, "contacts.yaml", &contacts); err != nil {
		return nil, err
	}
	for _, c := range contacts.Contacts {
		if c.ID == "" || c.Phone == "" || c.Source == "" {
			return nil, fmt.Errorf("contacts.yaml: contact %q needs id, phone and source", c.ID)
		}
		lib.contacts[c.ID] = c
	}
	files, err := fs.Glob(audiences, "*/audience.yaml")
	if err != nil {
		return nil, err
	}
	for _, file := range files {
		a := &Audience{File: file}
		if err := decodeFile(audiences, file, a); err != nil {
			return nil, err
		}
		if want := path.Dir(file); a.ID != want {
			return nil, fmt.Errorf("%s: id is %q but the folder is %q", file, a.ID, want)
		}
		if o, ok := audiences.(Overlay); ok {
			for _, f := range []string{file, path.Join(a.ID, "stories.yaml")} {
				if o.Layer(f) == "user" {
					a.FromUser = append(a.FromUser, f)
				}
			}
		}
		lib.audiences[a.ID] = a
		lib.ids = append(lib.ids, a.ID)
		for _, alias := range a.Aliases {
			lib.aliases[alias] = a.ID
		}
	}
	if len(lib.ids) == 0 {
		return nil, errors.New("no audiences found")
	}
	if _, err := fs.Stat(audiences, "law.yaml"); err == nil {
		lib.Law = &Law{}
		if err := decodeFile(audiences, "law.yaml", lib.Law); err != nil {
			return nil, err
		}
	}
	for _, id := range lib.ids {
		a := lib.audiences[id]
		file := path.Join(id, "stories.yaml")
		if _, err := fs.Stat(audiences, file); err != nil {
			continue
		}
		var stories struct {
			Stories []Story `yaml:"stories"`
		}
		if err := decodeFile(audiences, file, &stories); err != nil {
			return nil, err
		}
		fromUser := false
		if o, ok := audiences.(Overlay); ok {
			fromUser = o.Layer(file) == "user"
		}
		for _, st := range stories.Stories {
			st.FromUser = fromUser
			if why := st.printable(); why != "" {
				lib.Warnings = append(lib.Warnings, fmt.Sprintf("%s: story %q is left out: %s", file, st.ID, why))
				continue
			}
			a.Stories = append(a.Stories, st)
		}
	}
	sort.Strings(lib.ids)
	if err := lib.check(); err != nil {
		return nil, err
	}
	return lib, nil
}

func decodeFile(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	// An alias bomb is refused before the decoder expands it, and an
	// error never quotes the file (it may be a link's target).
	var n yaml.Node
	if yaml.Unmarshal(data, &n) == nil {
		if line, ok := input.CheckAliases(&n); !ok {
			return fmt.Errorf("%s:%d: %s", name, line, input.AliasProblem)
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return input.YAMLError(input.Content, name, err)
	}
	return nil
}

// Date is the content release date, used for reproducible file dates.
func (lib *Library) Date() (time.Time, error) {
	d, err := time.Parse(time.DateOnly, lib.Info.Date)
	if err != nil {
		return time.Time{}, fmt.Errorf("content.yaml: date %q is not YYYY-MM-DD", lib.Info.Date)
	}
	return d, nil
}

// messageIDs lists every message ID an audience needs.
func (a *Audience) messageIDs() []string {
	ids := []string{a.Headline, a.Intro, "audience." + a.ID + ".name"}
	ids = append(ids, a.Signs...)
	ids = append(ids, a.Do...)
	ids = append(ids, a.Dont...)
	if a.Notes != nil {
		ids = append(ids, a.Notes.Title)
		ids = append(ids, a.Notes.Items...)
	}
	if a.Fact != nil {
		ids = append(ids, a.Fact.Text, a.Fact.Source)
	}
	for _, st := range a.Stories {
		// A user's story may be written in some languages only; Assemble
		// prints it where it is.
		if !st.FromUser {
			ids = append(ids, st.Title, st.Text)
		}
	}
	return ids
}

// check makes sure every audience can be assembled in every language.
func (lib *Library) check() error {
	var problems []string
	for _, id := range lib.ids {
		a := lib.audiences[id]
		if a.Headline == "" || a.Intro == "" {
			problems = append(problems, a.File+": needs headline and intro")
		}
		if n := len(a.Signs); n < 5 || n > 7 {
			problems = append(problems, fmt.Sprintf("%s: has %d signs; an audience needs 5 to 7", a.File, n))
		}
		if len(a.Contacts) == 0 || a.Contacts[0] != HotlineID {
			problems = append(problems, fmt.Sprintf("%s: contacts must start with %s, the national hotline", a.File, HotlineID))
		}
		ids := append(a.messageIDs(), sharedIDs...)
		if lib.Law != nil {
			ids = append(ids, lib.Law.Title, lib.Law.Intro, lib.Law.Note)
			for _, it := range lib.Law.Items {
				ids = append(ids, it.Text, it.Cite)
			}
		}
		for _, cid := range a.Contacts {
			c, ok := lib.contacts[cid]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: unknown contact %q", a.File, cid))
				continue
			}
			ids = append(ids, c.messageIDs()...)
		}
		for _, tag := range lib.Catalog.Tags() {
			l := lib.Catalog.Locale(tag)
			for _, mid := range ids {
				if _, ok := l.Messages[mid]; !ok {
					problems = append(problems, fmt.Sprintf("%s: message %s (audience %s) is missing", l.File, mid, id))
				}
			}
		}
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return errors.New("content is incomplete:\n  " + strings.Join(slices.Compact(problems), "\n  "))
	}
	return nil
}

// sharedIDs are messages every document uses, whatever its audience.
var sharedIDs = []string{
	"ui.signs.title", "ui.signs.caution", "ui.do.title", "ui.dont.title", "ui.help.title",
	"ui.help.hotline_lead", "ui.qr.caption", "ui.footer.version", "ui.draft", "ui.fact.source",
	"common.do.call911",
	"ui.tab.label", "ui.law.more", "story.title_section", "story.label", "ui.sms.lead", "ui.poster.call", "ui.cards.back",
	"safety.front.title", "safety.front.text", "safety.inside.title", "safety.inside.text", "safety.inside.danger",
}

func (c *Contact) messageIDs() []string {
	ids := []string{c.Name}
	if c.Detail != "" {
		ids = append(ids, c.Detail)
	}
	if c.Text != nil {
		ids = append(ids, "contact."+c.ID+".text")
	}
	return ids
}

// HotlineID is the contact every material leads with: the Canadian Human
// Trafficking Hotline.
const HotlineID = "chth"

// EmergencyID is the contact for immediate danger (911).
const EmergencyID = "emergency"

// UnknownError is a name the user gave that the content does not have.
type UnknownError struct {
	Kind  string // "audience", "format"…
	Name  string
	Valid []string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("unknown %s %q; choose one of: %s", e.Kind, e.Name, strings.Join(e.Valid, ", "))
}

// AudienceIDs lists the audience IDs, sorted.
func (lib *Library) AudienceIDs() []string { return slices.Clone(lib.ids) }

// Audience finds an audience by ID or alias, case-insensitively.
func (lib *Library) Audience(name string) (*Audience, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	if id, ok := lib.aliases[key]; ok {
		key = id
	}
	if a, ok := lib.audiences[key]; ok {
		return a, nil
	}
	return nil, &UnknownError{Kind: "audience", Name: name, Valid: lib.AudienceIDs()}
}

// Contact returns a contact by ID.
func (lib *Library) Contact(id string) (*Contact, bool) {
	c, ok := lib.contacts[id]
	return c, ok
}

// Contacts lists every contact, sorted by ID.
func (lib *Library) Contacts() []*Contact {
	out := make([]*Contact, 0, len(lib.contacts))
	for _, c := range lib.contacts {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *Contact) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// warnUnusedOverrides warns about messages in the user's folder that no
// material uses: most often a misspelt ID, which would otherwise change
// nothing without a word.
func (lib *Library) warnUnusedOverrides(dir string) {
	used := map[string]bool{}
	for _, id := range sharedIDs {
		used[id] = true
	}
	for _, a := range lib.audiences {
		for _, id := range a.messageIDs() {
			used[id] = true
		}
		for _, st := range a.Stories {
			used[st.Title], used[st.Text] = true, true
		}
	}
	for _, c := range lib.contacts {
		for _, id := range c.messageIDs() {
			used[id] = true
		}
	}
	if lib.Law != nil {
		used[lib.Law.Title], used[lib.Law.Intro], used[lib.Law.Note] = true, true, true
		for _, it := range lib.Law.Items {
			used[it.Text], used[it.Cite] = true, true
		}
	}
	for _, tag := range lib.Catalog.Tags() {
		for _, id := range lib.Catalog.Locale(tag).Overridden {
			if !used[id] && !strings.HasPrefix(id, "ui.") {
				lib.Warnings = append(lib.Warnings, fmt.Sprintf("%s/locales/%s.toml: message %s is not used by any material; is the ID spelt right?", dir, tag, id))
			}
		}
	}
	slices.Sort(lib.Warnings)
}

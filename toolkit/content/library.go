// Package content loads the vetted material (audiences, contacts,
// messages and the facts they stand on) and assembles one audience's
// document in one language.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// Audience is one community the material is written for. Its text fields
// are message IDs.
type Audience struct {
	ID           string        `yaml:"id"`
	Aliases      []string      `yaml:"aliases"`
	Description  string        `yaml:"description"`
	ReadingLevel int           `yaml:"reading_level"` // Flesch–Kincaid grade its English must not pass
	Headline     string        `yaml:"headline"`
	Intro        string        `yaml:"intro"`
	Signs        []string      `yaml:"signs"`
	Actions      []ActionGroup `yaml:"actions"`
	Notes        *Notes        `yaml:"notes"`
	Fact         *Fact         `yaml:"fact"`
	// Vars are the values of the placeholders in the audience's own
	// messages (an age in an action, a count in a note).
	Vars     map[string]string `yaml:"vars"`
	Contacts []string          `yaml:"contacts"`
	// Discreet audiences may read material on a phone a controlling
	// person sees: their social images and captions name no crime in
	// their largest words and first line.
	Discreet bool `yaml:"discreet"`
	// Omit lists, per language tag, messages of this audience that the
	// language leaves out.
	Omit map[string][]string `yaml:"omit"`
	// Blocks are the parts the audience prints of those it may leave out
	// (OptionalBlocks); nil prints every part it has. The headline, the
	// signs, the actions and the help panel with the hotline and the
	// emergency line are on every material and cannot be left out.
	Blocks []string `yaml:"blocks"`
	// Facts names, for the audience's own messages that the built-in
	// message table does not have (an audience of a user's own), the
	// facts register entries each one states.
	Facts map[string][]string `yaml:"facts"`
	// Pocket is the audience's pocket card (the health audience's
	// clinician card), printed by the format whose budget asks for it;
	// nil when it has none.
	Pocket *PocketSpec `yaml:"pocket"`

	File    string  `yaml:"-"`
	Stories []Story `yaml:"-"` // from stories.yaml beside audience.yaml
	// Kit is the audience's part of the workshop kit, from kit.yaml
	// beside audience.yaml; nil when it has none.
	Kit *AudienceKit `yaml:"-"`
	// FromUser lists the audience's files that come from the user's
	// content folder rather than the embedded content.
	FromUser []string `yaml:"-"`
}

// ActionGroup is one group of actions: a title and message IDs of what
// to do and what to avoid.
type ActionGroup struct {
	Title string   `yaml:"title"`
	Do    []string `yaml:"do"`
	Dont  []string `yaml:"dont"`
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

// checkStory says why a story may not be printed, or nil when it may. A
// story is printed only with a recorded consent of a real date, not in
// the future, by someone named, and only anonymised.
func (s Story) check(now time.Time) error {
	switch {
	case s.ID == "":
		return errors.New("a story has no id")
	case s.Consent == nil || strings.TrimSpace(s.Consent.By) == "" || strings.TrimSpace(s.Consent.Recorded) == "":
		return fmt.Errorf("story %s has no recorded consent; add consent: {recorded: YYYY-MM-DD, by: NAME} or remove the story", input.Quote(s.ID))
	case !s.Anonymised:
		return fmt.Errorf("story %s is not marked anonymised; remove names and places, then add anonymised: true", input.Quote(s.ID))
	}
	day, err := time.Parse(time.DateOnly, s.Consent.Recorded)
	if err != nil {
		return fmt.Errorf("story %s: its consent date %s is not a date like 2026-11-27", input.Quote(s.ID), input.Quote(s.Consent.Recorded))
	}
	if today := now.UTC().Truncate(24 * time.Hour); day.After(today) {
		return fmt.Errorf("story %s: its consent date %s is in the future; give the day consent was recorded", input.Quote(s.ID), s.Consent.Recorded)
	}
	return nil
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
	Facts   []string          `yaml:"facts"`
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
	Facts        []string          `yaml:"facts"`
}

// TextLine is an SMS line: a keyword sent to a short number.
type TextLine struct {
	Keyword string `yaml:"keyword"`
	Number  string `yaml:"number"`
}

// Province is a province or territory and the verified lines printed for
// it.
type Province struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"` // in English, for the operator
	// Names are the other names an operator may write for it: in
	// French, and short forms (PEI, NWT).
	Names    []string `yaml:"names"`
	Contacts []string `yaml:"contacts"`
	Facts    []string `yaml:"facts"`
}

// Info is the content release: its version and date.
type Info struct {
	Version string `yaml:"version"`
	Date    string `yaml:"date"` // YYYY-MM-DD; fixes the PDF dates
}

// Library is all loaded content. It is read-only once loaded and shared
// by every document of the process.
type Library struct {
	Info  Info
	Law   *Law
	Facts *Register
	// Kit is the workshop kit's shared structure; nil when the content
	// has none.
	Kit *KitSpec
	// Warnings say what a user's content folder changes that they should
	// know about: a misspelt message ID, a message stale against today's
	// English, a language their change does not reach.
	Warnings  []string
	Catalog   *locale.Catalog
	audiences map[string]*Audience
	aliases   map[string]string
	ids       []string
	contacts  map[string]*Contact
	provinces map[string]*Province
	// provinceNames finds a province by each of its names, as
	// provinceKey gives them: its code, its English name, its others.
	provinceNames map[string]*Province
	table         map[string]*Message
	// langs holds, per language, what is known of it once it is first
	// used (lang): the messages each audience prints that it lacks, and
	// what is wrong with it.
	langs map[string]*langState
	// needsMemo holds needs for each audience asked about: the content
	// does not change once loaded.
	needsMu   sync.Mutex
	needsMemo map[*Audience][]string
	// lazy is set when the languages are read and checked when first
	// used, not all at Open (Options.Lazy).
	lazy bool

	// problems are what is wrong with the content; Open fails with them
	// all, and Check lists them.
	problems []Problem
	// audFS and localesFS are the audiences and locales read (the
	// user's over the embedded), user the user's content folder (nil
	// for none) and userDir its path as given: where a problem's file
	// and line are found.
	audFS, localesFS fs.FS
	user             fs.FS
	userDir          string
}

// Options say what to load.
type Options struct {
	Audiences, Locales fs.FS // the embedded content
	// UserDir is a user's content folder over the embedded content (see
	// LoadUser); "" for the embedded content only.
	UserDir string
	// Now is today, for consent dates in the future; zero means the
	// clock's.
	Now time.Time
	// Lazy reads each language's messages, and checks what needs them,
	// when the language is first used, not all at Open: one English
	// flyer reads English alone. A problem of a language is then
	// reported where the language is used (Written) rather than by Open.
	// It holds for the embedded content only, which the tests check
	// whole; a user's folder (UserDir) is always checked whole.
	Lazy bool
}

// Load reads audiences (audience folders, contacts, facts, the message
// table) and locales (message files) and checks that every message ID
// and contact an audience names exists in every language.
func Load(audiences, locales fs.FS) (*Library, error) {
	return Open(Options{Audiences: audiences, Locales: locales})
}

// LoadUser loads the content with a user's folder over it: files under
// dir/audiences replace the embedded ones file by file (an audience's
// audience.yaml, or a stories.yaml with the group's own consented
// stories), and messages in dir/locales replace the embedded ones
// message by message (a youth group's own headline). A missing dir/…
// subfolder is fine.
func LoadUser(audiences, locales fs.FS, dir string) (*Library, error) {
	return Open(Options{Audiences: audiences, Locales: locales, UserDir: dir})
}

// opened counts the libraries Open has begun to load in this process.
var opened atomic.Int64

// Opened says how many times content has been opened (Open, Load,
// LoadUser) in this process: a test that a command which prints no
// content, such as `awarekit version`, reads none of it.
func Opened() int64 { return opened.Load() }

// Open loads content as o says.
func Open(o Options) (*Library, error) {
	opened.Add(1)
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	lazy := o.Lazy && o.UserDir == ""
	load := locale.Load
	if lazy {
		load = locale.Open
	}
	cat, err := load(o.Locales)
	if err != nil {
		return nil, fmt.Errorf("load messages: %w", err)
	}
	lib, err := open(o, cat)
	if err != nil {
		return nil, err
	}
	if err := lib.problemsErr(); err != nil {
		return nil, err
	}
	return lib, nil
}

// open loads content as o says. It fails on a file it cannot read;
// other problems are gathered in the library's problems.
func open(o Options, cat *locale.Catalog) (*Library, error) {
	lib := newLibrary(cat)
	lib.localesFS = o.Locales
	lib.lazy = o.Lazy && o.UserDir == ""
	if o.UserDir == "" {
		return lib, lib.load(o.Audiences, o.Now)
	}
	return lib, lib.loadUser(o)
}

func newLibrary(cat *locale.Catalog) *Library {
	return &Library{
		Catalog:       cat,
		audiences:     make(map[string]*Audience),
		aliases:       make(map[string]string),
		contacts:      make(map[string]*Contact),
		provinces:     make(map[string]*Province),
		provinceNames: make(map[string]*Province),
	}
}

// load reads the audiences folder into lib. It fails on a file it
// cannot read; other problems are gathered in lib.problems.
func (lib *Library) load(audiences fs.FS, now time.Time) error {
	lib.audFS = audiences
	rel, err := ReadRelease(audiences)
	if err != nil {
		return err
	}
	lib.Info, lib.Facts = rel.Info, rel.Facts
	if err := lib.loadTable(audiences); err != nil {
		return err
	}
	var contacts contactsFile
	if err := decodeFile(audiences, "contacts.yaml", &contacts); err != nil {
		return err
	}
	for _, c := range contacts.Contacts {
		if c.ID == "" || c.Phone == "" || len(c.Facts) == 0 {
			return fmt.Errorf("contacts.yaml: contact %q needs id, phone and facts", c.ID)
		}
		if c.ID != EmergencyID && c.Name == "" {
			return fmt.Errorf("contacts.yaml: contact %q needs a name", c.ID)
		}
		if _, dup := lib.contacts[c.ID]; dup {
			return fmt.Errorf("contacts.yaml: contact %q is listed twice", c.ID)
		}
		lib.contacts[c.ID] = c
	}
	var provinces provincesFile
	if err := decodeFile(audiences, "provinces.yaml", &provinces); err != nil {
		return err
	}
	for _, p := range provinces.Provinces {
		if p.ID == "" || p.Name == "" || len(p.Contacts) == 0 {
			return fmt.Errorf("provinces.yaml: province %q needs id, name and contacts", p.ID)
		}
		lib.provinces[p.ID] = p
	}
	// No name may find two provinces.
	for _, p := range provinces.Provinces {
		for _, n := range append([]string{p.ID, p.Name}, p.Names...) {
			k := provinceKey(n)
			if other, dup := lib.provinceNames[k]; dup && other.ID != p.ID {
				return fmt.Errorf("provinces.yaml: the name %q is %s's and %s's; give it to one", n, other.ID, p.ID)
			}
			lib.provinceNames[k] = p
		}
	}
	files, err := fs.Glob(audiences, "*/audience.yaml")
	if err != nil {
		return err
	}
	for _, file := range files {
		a := &Audience{}
		if err := decodeAs(audiences, file, lib.displayName(file), a); err != nil {
			return err
		}
		a.File = file
		if want := path.Dir(file); a.ID != want {
			p := lib.problemOf(file, "", "id is %s but the folder is %s; write id: %s, or rename the folder audiences/%s", input.Quote(a.ID), input.Quote(want), want, a.ID)
			if data, err := fs.ReadFile(audiences, file); err == nil {
				p.Line = yamlKeyLine(data, "id")
			}
			return &ProblemsError{Problems: []Problem{p}}
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
		return errors.New("no audiences found")
	}
	if _, err := fs.Stat(audiences, "law.yaml"); err == nil {
		lib.Law = &Law{}
		if err := decodeAs(audiences, "law.yaml", lib.displayName("law.yaml"), lib.Law); err != nil {
			return err
		}
	}
	for _, id := range lib.ids {
		a := lib.audiences[id]
		file := path.Join(id, "stories.yaml")
		if _, err := fs.Stat(audiences, file); err != nil {
			continue
		}
		var stories storiesFile
		if err := decodeAs(audiences, file, lib.displayName(file), &stories); err != nil {
			return err
		}
		fromUser := false
		if o, ok := audiences.(Overlay); ok {
			fromUser = o.Layer(file) == "user"
		}
		for _, st := range stories.Stories {
			st.FromUser = fromUser
			if err := st.check(now); err != nil {
				// A story without consent is never printed, and never
				// left out without the user knowing: the run stops.
				lib.problemAt(file, st.ID, "%v", err)
				continue
			}
			a.Stories = append(a.Stories, st)
		}
	}
	sort.Strings(lib.ids)
	if err := lib.loadKit(audiences); err != nil {
		return err
	}
	lib.useTable()
	lib.check()
	return nil
}

// placement is a part of an audience's materials: the messages it
// prints and the placeholder values they are printed with (Assemble and
// the kit's and pocket card's assembly give the same).
type placement struct {
	file string   // the file that names its messages: audience.yaml, kit.yaml, stories.yaml
	what string   // the part, in words: "a sign", "an action"
	ids  []string // its message IDs
	have []string // the placeholders it fills
	give string   // where a value is given ("vars:", "fact: vars:"), "" where none can be
}

// placements lists the parts audience a prints, with the values each
// gives its messages' placeholders.
func (lib *Library) placements(a *Audience) []placement {
	none := []string(nil)
	doc := []string{"Emergency"} // actions, notes, the pocket card, the kit
	for k := range a.Vars {
		doc = append(doc, k)
	}
	with := func(base []string, vars map[string]string) []string {
		out := slices.Clone(base)
		for k := range vars {
			out = append(out, k)
		}
		return out
	}
	ps := []placement{
		{a.File, "the headline", []string{a.Headline}, none, ""},
		{a.File, "the audience's name", []string{"audience." + a.ID + ".name"}, none, ""},
		{a.File, "a sign", a.Signs, none, ""},
	}
	if a.Prints(BlockIntro) {
		ps = append(ps, placement{a.File, "the intro", []string{a.Intro}, none, ""})
	}
	for _, g := range a.Actions {
		ps = append(ps, placement{a.File, "an actions title", []string{g.Title}, none, ""},
			placement{a.File, "an action", append(slices.Clone(g.Do), g.Dont...), doc, "vars:"})
	}
	if a.Notes != nil && a.Prints(BlockNotes) {
		ps = append(ps, placement{a.File, "a notes title", []string{a.Notes.Title}, none, ""},
			placement{a.File, "a note", a.Notes.Items, doc, "vars:"})
	}
	if a.Fact != nil && a.Prints(BlockFact) {
		ps = append(ps, placement{a.File, "the statistic", []string{a.Fact.Text, a.Fact.Source}, with(none, a.Fact.Vars), "fact: vars:"})
	}
	if a.Prints(BlockStories) {
		for _, st := range a.Stories {
			ps = append(ps, placement{path.Join(a.ID, "stories.yaml"), "a story", []string{st.Title, st.Text}, none, ""})
		}
	}
	if p := a.Pocket; p != nil {
		ps = append(ps, placement{a.File, "the pocket card", p.messageIDs(), with(doc, p.Vars), "pocket: vars:"})
	}
	if k := a.Kit; k != nil && lib.Kit != nil {
		file := path.Join(a.ID, "kit.yaml")
		lengths := append(slices.Clone(doc), "Short", "Long") // the guide's session lengths
		ps = append(ps, placement{file, "a key message", k.KeyMessages, doc, "vars: in " + a.File},
			placement{file, "a question", k.Questions, lengths, "vars: in " + a.File},
			placement{file, "the note to prepare", []string{k.Prepare}, lengths, "vars: in " + a.File})
		for _, sc := range k.Scenarios {
			ps = append(ps, placement{file, "a scenario", []string{sc.Text, sc.Notes}, with(doc, sc.Vars), "the scenario's vars:"},
				placement{file, "a scenario's question", []string{sc.Question}, doc, "vars: in " + a.File})
		}
		for _, m := range k.Myths {
			ps = append(ps, placement{file, "a myth", []string{m.Myth, m.Fact}, with(doc, m.Vars), "the myth's vars:"})
		}
		for _, q := range k.Quiz {
			ps = append(ps, placement{file, "a quiz question", []string{q.Statement, q.Why}, with(doc, q.Vars), "the question's vars:"})
		}
	}
	return ps
}

// checkPlaceholders finds, in an audience of the user's, a placeholder
// a message prints where nothing gives its value: found when the
// content loads (and so by awarekit check), at the line that names the
// message, or at the message's own line for the user's own words. A
// misspelt key under vars: (Agee: "18"), a statistic's vars: left out,
// or a built-in message with a placeholder named as a sign or the
// intro, which print with no values, stopped every material at assembly
// with "uses a placeholder that was not given"; awarekit check looked
// only at the user's own messages, against every vars: the audience
// has, wherever the message printed.
func (lib *Library) checkPlaceholders(a *Audience) {
	en := lib.Catalog.Locale(locale.SourceTag)
	if en == nil {
		return
	}
	reported := map[string]bool{}
	for _, pl := range lib.placements(a) {
		for _, mid := range pl.ids {
			for _, ph := range locale.Placeholders(en.Messages[mid]) {
				if mid == "" || slices.Contains(pl.have, ph) || reported[pl.what+"\x00"+mid+"\x00"+ph] {
					continue
				}
				reported[pl.what+"\x00"+mid+"\x00"+ph] = true
				lib.placeholderProblem(a, pl, mid, ph)
			}
		}
	}
}

// placeholderProblem reports {{.ph}} of message mid, which placement pl
// prints without a value.
func (lib *Library) placeholderProblem(a *Audience, pl placement, mid, ph string) {
	if m, ok := lib.table[mid]; ok && m.User {
		// Her own words: the fix may be in them, at their line.
		fix := fmt.Sprintf("%s is printed with no placeholder values; write the words themselves in its place", pl.what)
		if pl.give != "" {
			fix = fmt.Sprintf("give its value under %s in %s (%s), or take it out", pl.give, lib.displayName(pl.file), pl.what)
		}
		lib.problemAt("locales/en.toml", mid, "message %s uses {{.%s}}, which nothing fills: %s", mid, ph, fix)
		return
	}
	if pl.give == "" {
		lib.problemAt(pl.file, mid, "message %s prints {{.%s}}, but %s is printed with no placeholder values; name a message without {{…}} there (awarekit messages shows their placeholders)", mid, ph, pl.what)
		return
	}
	have := slices.DeleteFunc(slices.Clone(pl.have), func(k string) bool { return k == "Emergency" || k == "Short" || k == "Long" })
	slices.Sort(have)
	hint := ""
	if near := spell.Nearest(ph, have); len(near) > 0 {
		hint = fmt.Sprintf(" (%s gives %s: is it spelt right?)", pl.give, strings.Join(near, ", "))
	}
	lib.problemAt(pl.file, mid, "message %s prints {{.%s}}, which %s does not give%s; add %s: \"…\" under %s", mid, ph, pl.give, hint, ph, pl.give)
}

// userKit reports whether audience a's kit.yaml is the user's.
func (lib *Library) userKit(a *Audience) bool {
	o, ok := lib.audFS.(Overlay)
	return ok && a.Kit != nil && o.Layer(path.Join(a.ID, "kit.yaml")) == "user"
}

// contactsFile, provincesFile, storiesFile and messagesFile are what
// contacts.yaml, provinces.yaml, an audience's stories.yaml and
// messages.yaml hold.
type (
	contactsFile struct {
		Contacts []*Contact `yaml:"contacts"`
	}
	provincesFile struct {
		Provinces []*Province `yaml:"provinces"`
	}
	storiesFile struct {
		Stories []Story `yaml:"stories"`
	}
	messagesFile struct {
		Messages []*Message `yaml:"messages"`
	}
)

func decodeFile(fsys fs.FS, name string, v any) error {
	return decodeAs(fsys, name, name, v)
}

// decodeAs decodes a YAML file, naming it label in its errors: the path
// the user knows it by.
func decodeAs(fsys fs.FS, name, label string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if fromDecoded(data, v) {
		return nil
	}
	// An alias bomb is refused before the decoder expands it, and an
	// error never quotes the file (it may be a link's target). Aliases
	// (*name) repeat only what an anchor (&name) names: a file without
	// both characters has nothing to expand, and is parsed once, not
	// twice (the content's YAML was a sixth of starting up).
	var n yaml.Node
	if bytes.IndexByte(data, '&') >= 0 && bytes.IndexByte(data, '*') >= 0 && yaml.Unmarshal(data, &n) == nil {
		if line, ok := input.CheckAliases(&n); !ok {
			return fmt.Errorf("%s:%d: %s", label, line, input.AliasProblem)
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		if line, problem := input.TextProblem(data, err); line > 0 {
			return fmt.Errorf("%s %s:%d: %s", input.Content.Name, label, line, problem)
		}
		if line, problem := input.SyntaxProblem(data, err); line > 0 {
			return fmt.Errorf("%s %s:%d: %s", input.Content.Name, label, line, problem)
		}
		return input.YAMLErrorFor(input.Content, label, err, v)
	}
	return nil
}

// Date is the content release date, used for reproducible file dates.
func (lib *Library) Date() (time.Time, error) { return lib.Info.date() }

func (info Info) date() (time.Time, error) {
	d, err := time.Parse(time.DateOnly, info.Date)
	if err != nil {
		return time.Time{}, fmt.Errorf("content.yaml: date %q is not YYYY-MM-DD", info.Date)
	}
	return d, nil
}

// Release is the content release and its facts register: what
// `awarekit version` prints, read without the audiences, the messages or
// any language.
type Release struct {
	Info  Info
	Facts *Register
}

// ReadRelease reads and checks the release (content.yaml) and the facts
// register (facts.yaml) of the audiences folder, as Open does first.
func ReadRelease(audiences fs.FS) (*Release, error) {
	rel := &Release{Facts: &Register{}}
	if err := decodeFile(audiences, "content.yaml", &rel.Info); err != nil {
		return nil, err
	}
	if _, err := rel.Info.date(); err != nil {
		return nil, err
	}
	if err := decodeFile(audiences, "facts.yaml", rel.Facts); err != nil {
		return nil, err
	}
	if err := rel.Facts.check(); err != nil {
		return nil, err
	}
	return rel, nil
}

// messageIDs lists every message ID an audience prints, with the
// stories a user wrote in some languages only left out: Assemble prints
// those where they are.
func (a *Audience) messageIDs() []string {
	ids := []string{a.Headline, "audience." + a.ID + ".name"}
	if a.Prints(BlockIntro) {
		ids = append(ids, a.Intro)
	}
	ids = append(ids, a.Signs...)
	for _, g := range a.Actions {
		ids = append(ids, g.Title)
		ids = append(ids, g.Do...)
		ids = append(ids, g.Dont...)
	}
	if a.Notes != nil && a.Prints(BlockNotes) {
		ids = append(ids, a.Notes.Title)
		ids = append(ids, a.Notes.Items...)
	}
	if a.Fact != nil && a.Prints(BlockFact) {
		ids = append(ids, a.Fact.Text, a.Fact.Source)
	}
	if a.Prints(BlockStories) {
		for _, st := range a.Stories {
			if !st.FromUser {
				ids = append(ids, st.Title, st.Text)
			}
		}
	}
	return ids
}

// Parts of a document an audience may leave out (blocks: in its
// audience.yaml).
const (
	BlockIntro   = "intro"
	BlockNotes   = "notes"
	BlockFact    = "fact"
	BlockLaw     = "law"
	BlockStories = "stories"
)

// OptionalBlocks lists the parts of a document an audience may leave
// out. Everything else (the headline, signs, actions, and the help panel
// with the hotline and the emergency line) is on every material.
var OptionalBlocks = []string{BlockIntro, BlockNotes, BlockFact, BlockLaw, BlockStories}

// Prints reports whether the audience prints an optional block: every
// block when its audience.yaml chooses none.
func (a *Audience) Prints(block string) bool {
	return a.Blocks == nil || slices.Contains(a.Blocks, block)
}

// omittable are the messages of an audience a language may leave out:
// list items and stories, never a heading or the hotline panel.
func (a *Audience) omittable() []string {
	ids := slices.Clone(a.Signs)
	for _, g := range a.Actions {
		ids = append(ids, g.Do...)
		ids = append(ids, g.Dont...)
	}
	if a.Notes != nil {
		ids = append(ids, a.Notes.Items...)
	}
	for _, st := range a.Stories {
		ids = append(ids, st.Title, st.Text)
	}
	return ids
}

// omitted reports whether language tag leaves message id out of audience
// a, by the language's _meta.omit or the audience's omit list.
func (lib *Library) omitted(a *Audience, tag, id string) bool {
	if l := lib.Catalog.Locale(tag); l != nil && slices.Contains(l.Meta.Omit, id) {
		return true
	}
	return slices.Contains(a.Omit[tag], id)
}

// MinSigns and MaxSigns bound the signs an audience prints in any
// language: fewer say too little, more than the page formats hold.
const (
	MinSigns = 3
	MaxSigns = 7
)

// check makes sure every audience is whole: what it names exists, its
// lists are of a size the formats hold, and its omit lists leave out
// only what may be left out. Whether a language has every message an
// audience prints is asked per audience and language, when a material
// is asked for (Written), so that an audience of one's own written in
// English alone never stops the built-in ones.
func (lib *Library) check() {
	tags := lib.Catalog.Tags()
	for _, id := range lib.ids {
		a := lib.audiences[id]
		if a.Headline == "" || a.Intro == "" && a.Prints(BlockIntro) {
			lib.problemAt(a.File, "headline", "needs headline and intro (or blocks: without intro)")
		}
		for _, b := range a.Blocks {
			if !slices.Contains(OptionalBlocks, b) {
				lib.problemAt(a.File, "blocks", "blocks names %s; it lists the parts an audience may leave out, of: %s (the headline, signs, actions and the help panel with the hotline and the emergency line are on every material)", input.Quote(b), strings.Join(OptionalBlocks, ", "))
			}
		}
		if n := len(a.Signs); n < MinSigns || n > MaxSigns {
			// Said once, not once for each of the 15 languages.
			lib.problemAt(a.File, "signs", "has %d signs; an audience needs %d to %d", n, MinSigns, MaxSigns)
		}
		if len(a.Actions) == 0 || len(a.Actions) > 2 {
			lib.problemAt(a.File, "actions", "has %d groups of actions; an audience needs one, or two (for the person it may be happening to, then for someone worried)", len(a.Actions))
		}
		for i, g := range a.Actions {
			if g.Title == "" || len(g.Do)+len(g.Dont) == 0 {
				lib.problemAt(a.File, "actions", "actions[%d] needs a title and at least one action", i+1)
			}
		}
		if len(a.Contacts) == 0 || a.Contacts[0] != HotlineID {
			lib.problemAt(a.File, "contacts", "contacts must start with %s, the national hotline", HotlineID)
		}
		for _, cid := range a.Contacts {
			if _, ok := lib.contacts[cid]; !ok || cid == EmergencyID {
				lib.problemAt(a.File, cid, "unknown contact %s", input.Quote(cid))
			}
		}
		for mid, facts := range a.Facts {
			if m, ok := lib.table[mid]; !ok || !m.User {
				lib.problemAt(a.File, mid+":", "facts names %s, which is not a message of your own (the message table gives the facts of built-in messages)", mid)
			}
			for _, f := range facts {
				if lib.Facts.Entry(f) == nil {
					lib.problemAt(a.File, f, "facts: %s names fact %s, which the facts register (audiences/facts.yaml) does not have", input.Quote(mid), input.Quote(f))
				}
			}
		}
		if len(a.FromUser) > 0 || lib.userKit(a) {
			lib.checkPlaceholders(a)
		}
		omittable := a.omittable()
		for tag, ids := range a.Omit {
			if !slices.Contains(tags, tag) {
				lib.problemAt(a.File, tag+":", "omit names language %s, which the content does not have", input.Quote(tag))
			}
			for _, mid := range ids {
				if !slices.Contains(omittable, mid) {
					lib.problemAt(a.File, mid, "omit (%s) names %s, which is not one of the audience's signs, actions, notes or stories", tag, mid)
				}
			}
		}
	}
	for _, p := range lib.Provinces() {
		for _, cid := range p.Contacts {
			if _, ok := lib.contacts[cid]; !ok || cid == EmergencyID {
				lib.problemAt("provinces.yaml", cid, "%s: unknown contact %q", p.ID, cid)
			}
		}
	}
	lib.checkKit()
	lib.checkPockets()
	lib.langs = make(map[string]*langState, len(tags))
	for _, tag := range tags {
		lib.langs[tag] = &langState{}
	}
	if lib.lazy {
		return
	}
	for _, tag := range tags {
		lib.problems = append(lib.problems, lib.lang(tag).problems...)
	}
}

// langState is what the library knows of a language once it is first
// used: the messages each audience prints that it lacks (none where the
// audience is written in it), and what is wrong with it.
type langState struct {
	once     sync.Once
	problems []Problem
	l        *locale.Locale // nil when the language has problems

	// missing is worked out for each audience when first asked for
	// (missingIn): one flyer asks for one audience.
	mu      sync.Mutex
	missing map[string][]string // by audience ID
	// notice is DraftNotice's line, worked out once.
	noticeOnce sync.Once
	notice     string
}

// lang is what the library knows of language tag, worked out the first
// time it is asked for; nil for a language the content does not have.
func (lib *Library) lang(tag string) *langState {
	st := lib.langs[tag]
	if st == nil {
		return nil
	}
	st.once.Do(func() { lib.checkLang(tag, st) })
	return st
}

// checkLang works out st for language tag: that its file can be read,
// that each audience keeps the signs it needs once the language leaves
// some out, that the language leaves out only what may be, and what
// each audience lacks in it.
func (lib *Library) checkLang(tag string, st *langState) {
	if err := lib.Catalog.Err(tag); err != nil {
		st.problems = append(st.problems, parseProblem(err.Error()))
		return
	}
	l := lib.Catalog.Locale(tag)
	for _, id := range lib.ids {
		a := lib.audiences[id]
		signs := 0
		for _, s := range a.Signs {
			if !lib.omitted(a, tag, s) {
				signs++
			}
		}
		// A list of the wrong length is said once, when the content
		// loads (check); here, what the language leaves out of it.
		if (signs < MinSigns || signs > MaxSigns) && len(a.Signs) >= MinSigns && len(a.Signs) <= MaxSigns {
			st.problems = append(st.problems, lib.problemOf(a.File, "signs", "has %d signs in %s; an audience needs %d to %d", signs, tag, MinSigns, MaxSigns))
		}
	}
	for _, mid := range l.Meta.Omit {
		m, ok := lib.table[mid]
		switch {
		case !ok:
			st.problems = append(st.problems, lib.problemOf("locales/"+tag+".toml", "_meta.omit", "_meta.omit names %s, which is not in the message table", mid))
		case m.Safety:
			st.problems = append(st.problems, lib.problemOf("locales/"+tag+".toml", "_meta.omit", "_meta.omit names %s, a safety message, which no language may leave out", mid))
		case !lib.omittableAnywhere(mid):
			st.problems = append(st.problems, lib.problemOf("locales/"+tag+".toml", "_meta.omit", "_meta.omit names %s, which is not a sign, action, note or story", mid))
		}
	}
	st.l = l
	st.missing = make(map[string][]string, len(lib.ids))
}

// missingIn lists the messages audience id prints that language tag
// lacks (Library.missing), worked out once: nil for a language with
// problems (see lang) or one the content does not have.
func (lib *Library) missingIn(tag, id string) []string {
	st := lib.lang(tag)
	a := lib.audiences[id]
	if st == nil || st.l == nil || a == nil {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	m, ok := st.missing[id]
	if !ok {
		m = lib.missing(a, st.l)
		st.missing[id] = m
	}
	return m
}

func (lib *Library) omittableAnywhere(id string) bool {
	for _, a := range lib.audiences {
		if slices.Contains(a.omittable(), id) {
			return true
		}
	}
	return false
}

// needs lists every message a document of audience a may print: its
// own, every document's, the law's, its contacts' and every province's
// contacts' (any province may be asked for).
func (lib *Library) needs(a *Audience) []string {
	return slices.Clone(lib.needsOf(a))
}

// needsOf is needs, worked out once per audience, for reading only:
// every language asks it of the same audiences.
func (lib *Library) needsOf(a *Audience) []string {
	lib.needsMu.Lock()
	defer lib.needsMu.Unlock()
	if ids, ok := lib.needsMemo[a]; ok {
		return ids
	}
	ids := a.messageIDs()
	for _, m := range lib.table {
		if m.Every {
			ids = append(ids, m.ID)
		}
	}
	if lib.Law != nil && a.Prints(BlockLaw) {
		ids = append(ids, lib.Law.Title, lib.Law.Intro, lib.Law.Note)
		for _, it := range lib.Law.Items {
			ids = append(ids, it.Text, it.Cite)
		}
	}
	cids := slices.Clone(a.Contacts)
	for _, p := range lib.provinces {
		cids = append(cids, p.Contacts...)
	}
	for _, cid := range cids {
		if c, ok := lib.contacts[cid]; ok {
			ids = append(ids, c.messageIDs()...)
		}
	}
	slices.Sort(ids)
	ids = slices.Clip(slices.Compact(ids))
	if lib.needsMemo == nil {
		lib.needsMemo = make(map[*Audience][]string)
	}
	lib.needsMemo[a] = ids
	return ids
}

func (c *Contact) messageIDs() []string {
	var ids []string
	for _, id := range []string{c.Name, c.Detail} {
		if id != "" {
			ids = append(ids, id)
		}
	}
	if c.Text != nil {
		ids = append(ids, c.textID())
	}
	return ids
}

func (c *Contact) textID() string { return "contact." + c.ID + ".text" }

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
	msg := fmt.Sprintf("unknown %s %s; choose one of: %s", e.Kind, input.Quote(e.Name), strings.Join(e.Valid, ", "))
	if e.Kind == "province" {
		msg += " (or its name, in English or French)"
	}
	return msg
}

// AudienceIDs lists the audience IDs, sorted.
func (lib *Library) AudienceIDs() []string { return slices.Clone(lib.ids) }

// Audience finds an audience by ID or alias, case-insensitively.
func (lib *Library) Audience(name string) (*Audience, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	// An audience's ID wins over another's alias: a content folder's own
	// audience "farm" is found by its name.
	if a, ok := lib.audiences[key]; ok {
		return a, nil
	}
	if id, ok := lib.aliases[key]; ok {
		return lib.audiences[id], nil
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

// Provinces lists the provinces and territories, sorted by ID.
func (lib *Library) Provinces() []*Province {
	out := make([]*Province, 0, len(lib.provinces))
	for _, p := range lib.provinces {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Province) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Province finds a province or territory by its code, its English name
// or one of its other names (Québec, Colombie-Britannique, PEI), with or
// without capitals, accents, hyphens and dots; "" is no province.
func (lib *Library) Province(name string) (*Province, error) {
	key := provinceKey(name)
	if key == "" {
		return nil, nil
	}
	if p, ok := lib.provinceNames[key]; ok {
		return p, nil
	}
	var valid []string
	for _, p := range lib.Provinces() {
		valid = append(valid, p.ID)
	}
	return nil, &UnknownError{Kind: "province", Name: name, Valid: valid}
}

// provinceKey is how a province's name is compared: folded as spell
// folds names (lower case, Latin letters without accents), a dot, hyphen
// or apostrophe as a space, spaces as one, and letters standing alone
// side by side joined ("Terre-Neuve-et-Labrador" and "terre neuve et
// labrador", "Québec" and "QUEBEC", "P.E.I." and "pei", "C.-B." and
// "CB", "T.N.-O." and "TNO" are each the same). A dot only dropped made
// "C.-B." (French for B.C.) "c b", which no name is.
func provinceKey(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '.', '-', '\'', '’', '‐', '–':
			return ' '
		}
		return r
	}, spell.Fold(s))
	var b strings.Builder
	alone := false // the last word was a letter standing alone
	for _, w := range strings.Fields(s) {
		single := utf8.RuneCountInString(w) == 1
		if b.Len() > 0 && !(single && alone) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		alone = single
	}
	return b.String()
}

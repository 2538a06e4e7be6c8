package content

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/awarekit/awarekit/toolkit/locale"
)

// Scaffold is a new audience of a user's own: the files that start it.
type Scaffold struct {
	ID       string
	Audience []byte // audiences/ID/audience.yaml, commented
	Stories  []byte // audiences/ID/stories.yaml: none yet, the consent fields explained
	// English are the audience's own messages, in the order they print,
	// for locales/en.toml; each with the facts register entries it
	// states (copied from the base audience's).
	English []ScaffoldMessage
}

// ScaffoldMessage is one message of a new audience.
type ScaffoldMessage struct {
	ID, Text string
	Facts    []string
}

// audienceID is what an audience's ID may be: it names a folder and
// starts message IDs.
var audienceID = regexp.MustCompile(`^[a-z][a-z0-9-]{1,29}$`)

// Starter marks the text a new audience's messages hold until the user
// writes their own; awarekit check reports it.
const Starter = "TODO:"

// NewAudience starts an audience of a user's own with id, from the
// audience from (its ID or alias) or, when from is "", from a skeleton:
// its own messages are copied under the new ID with the facts they
// state, while the shared and safety messages it names (the hotline
// action, a contact's age limit) stay the built-in ones, translated and
// checked.
func (lib *Library) NewAudience(id, from string) (*Scaffold, error) {
	if !audienceID.MatchString(id) {
		return nil, fmt.Errorf("audience ID %q: use 2 to 30 lower-case letters, digits and hyphens, starting with a letter, like farmworkers", id)
	}
	if a, err := lib.Audience(id); err == nil {
		return nil, fmt.Errorf("there is already an audience %s (%s); choose another ID, or change its words with awarekit messages -a %s", id, a.Description, a.ID)
	}
	for _, m := range lib.table {
		if strings.HasPrefix(m.ID, id+".") {
			return nil, fmt.Errorf("audience ID %q would share its message IDs with the built-in %s; choose another", id, m.ID)
		}
	}
	if from == "" {
		return lib.skeleton(id), nil
	}
	base, err := lib.Audience(from)
	if err != nil {
		return nil, err
	}
	return lib.copyAudience(id, base), nil
}

// copyAudience copies base's own messages (those it alone prints and
// that are not safety messages) under id.
func (lib *Library) copyAudience(id string, base *Audience) *Scaffold {
	s := &Scaffold{ID: id}
	en := lib.Catalog.Locale(locale.SourceTag)
	renamed := map[string]string{}
	rename := func(mid string) string {
		if mid == "" {
			return ""
		}
		if r, ok := renamed[mid]; ok {
			return r
		}
		m, ok := lib.table[mid]
		own := strings.HasPrefix(mid, base.ID+".")
		if !ok || !own || m.Safety {
			return mid // shared or safety: the built-in message, translated and checked
		}
		r := id + strings.TrimPrefix(mid, base.ID)
		renamed[mid] = r
		s.English = append(s.English, ScaffoldMessage{ID: r, Text: en.Messages[mid], Facts: slices.Clone(m.Facts)})
		return r
	}
	s.English = append(s.English, ScaffoldMessage{ID: "audience." + id + ".name", Text: Starter + " " + en.Messages["audience."+base.ID+".name"] + " (your audience's name)"})
	a := &Audience{ID: id, Description: fmt.Sprintf("%s who this audience is (from %s: %s)", Starter, base.ID, base.Description), ReadingLevel: base.ReadingLevel,
		Headline: rename(base.Headline), Intro: rename(base.Intro), Vars: base.Vars, Contacts: base.Contacts, Discreet: base.Discreet, Blocks: base.Blocks}
	for _, sid := range base.Signs {
		a.Signs = append(a.Signs, rename(sid))
	}
	for _, g := range base.Actions {
		ng := ActionGroup{Title: rename(g.Title)}
		for _, d := range g.Do {
			ng.Do = append(ng.Do, rename(d))
		}
		for _, d := range g.Dont {
			ng.Dont = append(ng.Dont, rename(d))
		}
		a.Actions = append(a.Actions, ng)
	}
	if base.Notes != nil {
		a.Notes = &Notes{Title: rename(base.Notes.Title)}
		for _, n := range base.Notes.Items {
			a.Notes.Items = append(a.Notes.Items, rename(n))
		}
	}
	if base.Fact != nil {
		a.Fact = &Fact{Text: rename(base.Fact.Text), Source: rename(base.Fact.Source), Vars: base.Fact.Vars}
	}
	a.Facts = map[string][]string{}
	for _, m := range s.English {
		if len(m.Facts) > 0 {
			a.Facts[m.ID] = m.Facts
		}
	}
	s.Audience = lib.audienceYAML(a, fmt.Sprintf("copied from the %s audience", base.ID))
	s.Stories = storiesYAML(id)
	return s
}

// skeleton is a new audience with starter text: a headline, an intro,
// three signs with no facts yet (awarekit check asks for them), and the
// built-in actions for both readers.
func (lib *Library) skeleton(id string) *Scaffold {
	s := &Scaffold{ID: id}
	s.English = []ScaffoldMessage{
		{ID: "audience." + id + ".name", Text: Starter + " the audience's name, in a few words"},
		{ID: id + ".headline", Text: Starter + " a headline that speaks to your reader"},
		{ID: id + ".intro", Text: Starter + " one or two short sentences: what this is about, and that help is free."},
		{ID: id + ".sign.1", Text: Starter + " a sign to look for, in plain words"},
		{ID: id + ".sign.2", Text: Starter + " another sign"},
		{ID: id + ".sign.3", Text: Starter + " another sign"},
	}
	a := &Audience{ID: id, Description: Starter + " who this audience is, in a few words", ReadingLevel: 7,
		Headline: id + ".headline", Intro: id + ".intro", Signs: []string{id + ".sign.1", id + ".sign.2", id + ".sign.3"},
		Actions: []ActionGroup{
			{Title: "ui.actions.self", Do: []string{"common.do.hotline", "common.do.hide"}},
			{Title: "ui.actions.others", Do: []string{"common.do.note"}, Dont: []string{"common.dont.confront", "common.dont.judge"}},
		},
		Contacts: []string{HotlineID},
		Facts:    map[string][]string{id + ".sign.1": nil, id + ".sign.2": nil, id + ".sign.3": nil},
	}
	s.Audience = lib.audienceYAML(a, "a skeleton: replace each "+Starter+" text in locales/en.toml")
	s.Stories = storiesYAML(id)
	return s
}

// audienceYAML writes a as a commented audience.yaml.
func (lib *Library) audienceYAML(a *Audience, origin string) []byte {
	var b bytes.Buffer
	list := func(ids []string) string { return "[" + strings.Join(ids, ", ") + "]" }
	var contacts []string
	for _, c := range lib.Contacts() {
		if c.ID != EmergencyID {
			contacts = append(contacts, c.ID)
		}
	}
	fmt.Fprintf(&b, `# The %[1]s audience, an audience of your own (%[2]s).
#
# Its materials are made in every language whose locales/<tag>.toml in this
# folder has all the messages it prints: English first, in locales/en.toml.
# A language that lacks some is refused for this audience alone, naming them.
#   awarekit check --content FOLDER       what is missing or wrong, by file and line
#   awarekit generate -a %[1]s --content FOLDER
#
# Text fields are message IDs: your own (%[1]s.…, in locales/en.toml) or
# built-in ones, translated into every language (awarekit messages lists
# them with their text).
id: %[1]s
description: %[3]s
# The school grade its English must not pass (Flesch–Kincaid; awarekit check
# measures the intro, signs, actions, notes and stories).
reading_level: %[4]d
headline: %[5]s
intro: %[6]s
# %[7]d to %[8]d signs, in the order they print; leave one out by taking it off
# the list. A sign states a fact: name the facts register entries it stands
# on under facts: below.
signs: %[9]s
# One group of actions, or two: for the person it may be happening to
# (ui.actions.self), then for someone worried about them (ui.actions.others).
# Each has a title, what to do (do) and what to avoid (dont), in the order
# they print. The hotline and the emergency line are on every material, in
# the help panel, and cannot be left out.
actions:
`, a.ID, origin, strconv.Quote(a.Description), a.ReadingLevel, a.Headline, a.Intro, MinSigns, MaxSigns, list(a.Signs))
	for _, g := range a.Actions {
		fmt.Fprintf(&b, "  - title: %s\n", g.Title)
		if len(g.Do) > 0 {
			fmt.Fprintf(&b, "    do: %s\n", list(g.Do))
		}
		if len(g.Dont) > 0 {
			fmt.Fprintf(&b, "    dont: %s\n", list(g.Dont))
		}
	}
	if a.Notes != nil {
		fmt.Fprintf(&b, "# A titled list: rights, duties, good practice.\nnotes:\n  title: %s\n  items: %s\n", a.Notes.Title, list(a.Notes.Items))
	}
	if a.Fact != nil {
		fmt.Fprintf(&b, "# A statistic and its source, printed together.\nfact:\n  text: %s\n  source: %s\n", a.Fact.Text, a.Fact.Source)
		if len(a.Fact.Vars) > 0 {
			fmt.Fprintf(&b, "  vars: %s\n", flowMap(a.Fact.Vars))
		}
	}
	if len(a.Vars) > 0 {
		fmt.Fprintf(&b, "# Values of the placeholders in its messages ({{.Age}} …), each on a fact.\nvars: %s\n", flowMap(a.Vars))
	}
	fmt.Fprintf(&b, `# Verified contacts for the help panel, the national hotline (chth) first,
# of: %s.
# Your organisation's own contacts go in awarekit.yaml (organisation.local).
contacts: %s
`, strings.Join(contacts, ", "), list(a.Contacts))
	if a.Discreet {
		b.WriteString("# Its social images and captions never name a crime in their largest words\n# or first line: a controlling person may see the phone.\ndiscreet: true\n")
	} else {
		b.WriteString("# discreet: true keeps its social images from naming a crime in their largest\n# words or first line, for readers whose phone a controlling person may see.\n")
	}
	if a.Blocks != nil {
		fmt.Fprintf(&b, "# The parts it prints of those it may leave out (%s).\nblocks: %s\n", strings.Join(OptionalBlocks, ", "), list(a.Blocks))
	} else {
		fmt.Fprintf(&b, "# blocks: the parts it prints of those it may leave out; all when not given.\n# blocks: %s\n", list(OptionalBlocks))
	}
	b.WriteString("# The facts register entries each of its own signs, notes and statistic\n# states (awarekit messages -a AUDIENCE shows those of the built-in ones).\n")
	if len(a.Facts) == 0 {
		b.WriteString("facts: {}\n")
	} else {
		b.WriteString("facts:\n")
		for _, mid := range slices.Sorted(maps.Keys(a.Facts)) {
			fmt.Fprintf(&b, "  %s: %s\n", mid, list(a.Facts[mid]))
		}
	}
	return b.Bytes()
}

func flowMap(m map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+": "+strconv.Quote(m[k]))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func storiesYAML(id string) []byte {
	return []byte(fmt.Sprintf(`# Stories printed on %[1]s handouts (and in html, md and txt). A story is
# printed only with its storyteller's consent recorded and with nothing that
# could identify anyone; without them awarekit stops and says which story.
# Write its title and text as messages in locales/en.toml
# ("%[1]s.story.1.title", "%[1]s.story.1.text"), then add it here:
#
#   - id: %[1]s-1                    # a name for it, once in this file
#     title: %[1]s.story.1.title
#     text: %[1]s.story.1.text
#     anonymised: true               # names, places and details that could
#                                    # identify anyone are taken out
#     composite: false               # true when it is an illustrative
#                                    # composite, not one person's story:
#                                    # the page then says so
#     consent:
#       recorded: "YYYY-MM-DD"       # the day consent was recorded (not later
#                                    # than today)
#       by: "NAME"                   # who recorded it
#
# A story prints only in the languages its words are written in.
stories: []
`, id))
}

// EnglishTOML writes the scaffold's English messages as lines of a
// message file: each message as a quoted key with the facts it states
// above it, to go before any [table] of the file.
func (s *Scaffold) EnglishTOML() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# The %s audience's own messages (awarekit new audience). Write your words\n# between the quotes; keep every {{.Placeholder}}.\n", s.ID)
	for _, m := range s.English {
		if len(m.Facts) > 0 {
			fmt.Fprintf(&b, "# facts: %s\n", strings.Join(m.Facts, ", "))
		}
		fmt.Fprintf(&b, "%s = %s\n", tomlString(m.ID), tomlString(m.Text))
	}
	return b.Bytes()
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// AddToMessageFile puts the scaffold's English messages into an existing
// message file's bytes (nil or empty for a new file): before its first
// [table], where top-level keys belong. It refuses an ID the file has,
// and checks that the result reads back as the file's messages plus the
// new ones, and nothing else changed.
func (s *Scaffold) AddToMessageFile(name string, existing []byte) ([]byte, error) {
	add := s.EnglishTOML()
	before, err := locale.ParseMessages(name, existing)
	if err != nil {
		return nil, err
	}
	for _, m := range s.English {
		if _, ok := before[m.ID]; ok {
			return nil, fmt.Errorf("%s already has message %s; remove it, or choose another audience ID", name, m.ID)
		}
	}
	lines := strings.SplitAfter(string(existing), "\n")
	at := len(lines)
	for i, line := range lines {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "[") {
			at = i
			break
		}
	}
	var b bytes.Buffer
	if head := strings.Join(lines[:at], ""); strings.TrimSpace(head) != "" {
		b.WriteString(strings.TrimRight(head, "\n") + "\n\n")
	}
	b.Write(add)
	if tail := strings.Join(lines[at:], ""); tail != "" {
		b.WriteString("\n" + tail)
	}
	out := b.Bytes()
	after, err := locale.ParseMessages(name, out)
	if err == nil {
		want := maps.Clone(before)
		for _, m := range s.English {
			want[m.ID] = m.Text
		}
		if !maps.Equal(after, want) {
			err = fmt.Errorf("the messages read back differ")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("could not add the %s audience's messages to %s safely (%v); add these lines to it by hand, before its first [table]:\n%s", s.ID, name, err, add)
	}
	return out, nil
}

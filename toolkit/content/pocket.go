package content

import (
	"fmt"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// PocketSpec is an audience's pocket card (pocket: in audience.yaml), by
// message ID: a title and the sections of a conversation guide.
type PocketSpec struct {
	Title    string              `yaml:"title"`
	Sections []PocketSectionSpec `yaml:"sections"`
	// Vars are the values of the card's placeholders (an age), each one
	// a value of a fact its message names; {{.Emergency}} is the
	// emergency line's number.
	Vars map[string]string `yaml:"vars"`
}

// PocketSectionSpec is one section: a title, an optional lead line and
// its items.
type PocketSectionSpec struct {
	Title string   `yaml:"title"`
	Lead  string   `yaml:"lead"`
	Items []string `yaml:"items"`
}

// messageIDs lists the messages the card prints; none for no card.
func (p *PocketSpec) messageIDs() []string {
	if p == nil {
		return nil
	}
	ids := []string{p.Title}
	for _, s := range p.Sections {
		ids = append(ids, s.Title)
		if s.Lead != "" {
			ids = append(ids, s.Lead)
		}
		ids = append(ids, s.Items...)
	}
	return ids
}

// checkPockets reports a card without a title or with an empty section.
func (lib *Library) checkPockets() {
	for _, id := range lib.ids {
		a := lib.audiences[id]
		if a.Pocket == nil {
			continue
		}
		if a.Pocket.Title == "" || len(a.Pocket.Sections) == 0 {
			lib.problemAt(a.File, "pocket", "pocket needs a title and at least one section")
		}
		for i, s := range a.Pocket.Sections {
			if s.Title == "" || len(s.Items) == 0 {
				lib.problemAt(a.File, "sections", "pocket section %d needs a title and at least one item", i+1)
			}
		}
	}
}

// PocketMissing lists the messages of audience id's pocket card that
// language tag lacks, or has from older English; nil when the card can
// be made. A language a fluent speaker must rewrite has no card: nobody
// else writes new text in it.
func (lib *Library) PocketMissing(id, tag string) []string {
	a, err := lib.Audience(id)
	l := lib.Catalog.Locale(tag)
	if err != nil || l == nil || a.Pocket == nil {
		return []string{"pocket"}
	}
	var missing []string
	for _, mid := range a.Pocket.messageIDs() {
		if _, ok := l.Messages[mid]; !ok || l.Meta.MustRewrite() || lib.fallsBack(l, mid) {
			missing = append(missing, mid)
		}
	}
	return missing
}

// PocketLanguages lists the languages audience id's pocket card can be
// made in.
func (lib *Library) PocketLanguages(id string) []string {
	var out []string
	for _, tag := range lib.Catalog.Tags() {
		if lib.PocketMissing(id, tag) == nil {
			out = append(out, tag)
		}
	}
	return out
}

// PocketAudiences lists the audiences that have a pocket card.
func (lib *Library) PocketAudiences() []string {
	var out []string
	for _, id := range lib.ids {
		if lib.audiences[id].Pocket != nil {
			out = append(out, id)
		}
	}
	return out
}

// NoPocketError is a pocket card asked for in an audience that has none,
// or in a language it is not written in.
type NoPocketError struct {
	Audience string
	Lang     string // tag
	Name     string // the language's name in English
	// Has lists the audiences that have a card; In the names of the
	// languages the audience's card is written in.
	Has, In []string
	Missing int  // messages the language lacks
	Rewrite bool // the language waits for fluent speakers
}

func (e *NoPocketError) Error() string {
	switch {
	case len(e.In) == 0 && !e.Rewrite:
		return fmt.Sprintf("audience %s has no pocket card (pocket: in audiences/%s/audience.yaml); the clinician card is made for %s", e.Audience, e.Audience, andList(e.Has))
	case e.Rewrite:
		return fmt.Sprintf("the %s pocket card is not made in %s (%s): its messages wait for fluent speakers from the community; make it in %s", e.Audience, e.Name, e.Lang, orList(e.In))
	}
	return fmt.Sprintf("the %s pocket card is written in %s only, not in %s (%s): %d of its messages are not written in it; to make a draft, add them (awarekit messages -a %s lists them) to locales/%s.toml in your content folder", e.Audience, andList(e.In), e.Name, e.Lang, e.Missing, e.Audience, e.Lang)
}

// CheckPocket says why audience id's pocket card cannot be made in
// language tag, or nil when it can.
func (lib *Library) CheckPocket(id, tag string) error {
	a, err := lib.Audience(id)
	if err != nil {
		return err
	}
	missing := lib.PocketMissing(a.ID, tag)
	if missing == nil {
		return nil
	}
	e := &NoPocketError{Audience: a.ID, Lang: tag, Has: lib.PocketAudiences(), Missing: len(missing)}
	if a.Pocket == nil {
		return e
	}
	l := lib.Catalog.Locale(tag)
	if l == nil {
		return &locale.UnknownLanguageError{Lang: tag, Valid: lib.Catalog.Tags()}
	}
	e.Name, e.Rewrite = l.Meta.Name, l.Meta.MustRewrite()
	for _, t := range lib.PocketLanguages(a.ID) {
		name := t
		if l := lib.Catalog.Locale(t); l != nil && l.Meta.Name != "" {
			name = l.Meta.Name + " (" + t + ")"
		}
		e.In = append(e.In, name)
	}
	return e
}

// assemblePocket adds the audience's pocket card to d; vars hold the
// emergency line's number.
func (t *translator) assemblePocket(p *PocketSpec, d *doc.Document, vars map[string]any) {
	data := make(map[string]any, len(vars)+len(p.Vars))
	for k, v := range vars {
		data[k] = v
	}
	for k, v := range p.Vars {
		data[k] = v
	}
	pk := &doc.Pocket{Title: t.text(p.Title, data)}
	for _, s := range p.Sections {
		sec := doc.PocketSection{Title: t.text(s.Title, data), Items: t.items(s.Items, data)}
		if s.Lead != "" {
			sec.Lead = t.text(s.Lead, data)
		}
		pk.Sections = append(pk.Sections, sec)
	}
	d.Pocket = pk
	// The file is the card: its title names it.
	d.Meta.Title = pk.Title
}

package translate

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// ProofOptions say what to proof.
type ProofOptions struct {
	Lang  string
	Only  string // as Export's: all messages by default
	Paper layout.Paper
	Date  time.Time // written into the file; zero is the content's date
}

// Proof writes one PDF for a reviewer: for each message its ID, where it
// prints and its state, the English and the translation as they print
// (placeholders filled with the values the materials print, the
// translation shaped in its own fonts and direction), in a table with
// room to mark it up.
func (p *Project) Proof(w io.Writer, o ProofOptions) error {
	l, err := p.Language(o.Lang)
	if err != nil {
		return err
	}
	only := o.Only
	if only == "" {
		only = OnlyAll
	}
	s, err := p.Sheet(l, only)
	if err != nil {
		return err
	}
	if only == OnlyAll {
		// A message the language lacks because it does not make the
		// workshop kit, or has not begun the audience, has nothing to
		// proof: pages of empty rows would bury the rest. --only kit
		// lists the kit's.
		s.Entries = slices.DeleteFunc(s.Entries, func(e Entry) bool {
			m, ok := p.Lib.Message(e.ID)
			return e.State == StateMissing && ok && (m.KitOnly() || p.Lib.Unbegun(e.ID, l.Tag))
		})
	}
	if o.Paper.Width == 0 {
		o.Paper = layout.Papers["letter"]
	}
	date := o.Date
	if date.IsZero() {
		if date, err = p.Lib.Date(); err != nil {
			return err
		}
	}
	values := p.values()
	en := p.Lib.Catalog.Locale(locale.SourceTag)
	name := languageName(l)
	if l.Meta.Native != "" && l.Meta.Native != name {
		name += " (" + l.Meta.Native + ")"
	}
	t := layout.Table{
		Title: "Translation proof: " + name,
		Lines: []string{
			fmt.Sprintf("Content version %s. %d messages; language status: %s.", s.Version, len(s.Entries), l.StatusLine()),
			"Each row: the message ID and where it is printed; the English; the " + languageName(l) + " as it prints. Values in the text (numbers, hours, names) are the verified ones the materials print. Mark corrections on the paper, or in the file awarekit translate export gives.",
		},
		Columns: []layout.Column{{Title: "Message", Weight: 0.8}, {Title: "English", Weight: 1.1}, {Title: languageName(l), Weight: 1.1}},
		Color:   doc.RGB{R: 0x0B, G: 0x5C, B: 0x6B},
		Note:    "Made by awarekit translate proof. Stale: translated from older English. Reviewed: a reviewer read this text as it is.",
		Meta:    doc.Meta{Title: "Translation proof: " + name, Lang: locale.SourceTag, Author: "awarekit", Creator: "awarekit translate proof", Version: s.Version},
	}
	for _, e := range s.Entries {
		// An ID breaks only after a dot: "audience.business.na / me" reads
		// as two words.
		about := layout.Cell{{Text: typeset.BreakURL(e.ID), Bold: true}, {Text: e.Where, Small: true}}
		if e.Max > 0 {
			about = append(about, layout.Span{Text: fmt.Sprintf("Room: %d characters; this has %d.", e.Max, Cells(e.Text)), Small: true})
		}
		about = append(about, layout.Span{Text: e.State, Small: true, Mark: e.State == StateStale || e.State == StateMissing || e.State == StateRewrite})
		// As they print: with each language's apostrophes (English and
		// French print ’ where their files write ').
		english := layout.Cell{{Text: en.Apostrophes(fill(e.English, values[e.ID]))}}
		var translation layout.Cell
		if e.Text == "" {
			translation = layout.Cell{{Text: "(not translated)", Small: true, Mark: true}}
		} else {
			translation = layout.Cell{{Text: l.Apostrophes(fill(e.Text, values[e.ID])), Lang: l.Tag, RTL: l.Script.RTL}}
		}
		t.Rows = append(t.Rows, []layout.Cell{about, english, translation})
	}
	ld, err := layout.LayTable(typeset.New(p.Fonts), t, o.Paper)
	if err != nil {
		return fmt.Errorf("proof of %s: %w", l.Tag, err)
	}
	return format.PDF.Draw(w, ld, format.Options{Date: date})
}

// fill puts the values a message prints with into its placeholders; a
// placeholder with no known value stays as written.
func fill(text string, values map[string]string) string {
	var b strings.Builder
	for _, pc := range pieces(text) {
		switch v, ok := values[pc.Field]; {
		case pc.Field == "":
			b.WriteString(pc.Text)
		case ok:
			b.WriteString(v)
		default:
			b.WriteString(pc.Raw)
		}
	}
	return b.String()
}

// values are, per message, the values of its placeholders as the
// materials print them: a contact's from contacts.yaml, an audience's
// from its audience.yaml, a law item's from law.yaml, and those every
// document has (911, the content's version).
func (p *Project) values() map[string]map[string]string {
	lib := p.Lib
	common := map[string]string{"Version": lib.Info.Version, "Org": "(your organisation)"}
	if c, ok := lib.Contact(content.EmergencyID); ok {
		common["Emergency"] = c.Phone
	}
	out := map[string]map[string]string{}
	set := func(id string, vars map[string]string) {
		if id == "" {
			return
		}
		m := out[id]
		if m == nil {
			m = map[string]string{}
			for k, v := range common {
				m[k] = v
			}
			out[id] = m
		}
		for k, v := range vars {
			m[k] = v
		}
	}
	for _, c := range lib.Contacts() {
		vars := c.Vars
		if c.Text != nil {
			vars = mergeVars(vars, map[string]string{"Keyword": c.Text.Keyword, "Number": c.Text.Number})
		}
		for _, id := range []string{c.Name, c.Detail, "contact." + c.ID + ".text"} {
			set(id, vars)
		}
	}
	for _, aid := range lib.AudienceIDs() {
		a, err := lib.Audience(aid)
		if err != nil {
			continue
		}
		for _, m := range lib.Messages() {
			if strings.HasPrefix(m.ID, a.ID+".") {
				set(m.ID, a.Vars)
			}
		}
		if a.Fact != nil {
			set(a.Fact.Text, a.Fact.Vars)
			set(a.Fact.Source, a.Fact.Vars)
		}
	}
	if lib.Law != nil {
		for _, it := range lib.Law.Items {
			vars := mergeVars(it.Vars, map[string]string{"Section": it.Section})
			set(it.Text, vars)
			set(it.Cite, vars)
		}
	}
	for _, m := range lib.Messages() {
		set(m.ID, nil)
	}
	return out
}

func mergeVars(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

package translate

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// States of a message in a language.
const (
	StateMissing    = "missing"    // no translation
	StateStale      = "stale"      // translated from English that has changed since
	StateTranslated = "translated" // translated from today's English, not reviewed as it is
	StateReviewed   = "reviewed"   // translated from today's English and read by a reviewer as it is
	StateOmitted    = "omitted"    // left out of the language on purpose (_meta.omit)
	// StateRewrite is a message of a language that must be rewritten
	// whose text no named fluent speaker from the community wrote or
	// confirmed: the draft a non-speaker wrote.
	StateRewrite = "rewrite"
)

// Row is one language's line of the status table.
type Row struct {
	Lang   string `json:"lang"`
	Name   string `json:"name"`
	Status string `json:"status"` // source, draft, reviewed or must-rewrite, as the pages show it
	// Messages counts the messages the language should have: those of
	// the message table that are printed, less those it omits.
	Messages   int `json:"messages"`
	Translated int `json:"translated"` // of those, how many it has (stale ones included)
	Stale      int `json:"stale"`
	Missing    int `json:"missing"`
	Reviewed   int `json:"reviewed"` // read by a reviewer as they are now, and current
	// Rewrite counts, in a language that must be rewritten, the
	// messages it has that no named fluent speaker wrote or confirmed.
	Rewrite int `json:"rewrite,omitempty"`
	// Kit and KitTranslated count the messages only the workshop kit
	// prints, and those the language has: a language may lack them, and
	// then does not make the kit (they are not counted as missing).
	Kit           int `json:"kit"`
	KitTranslated int `json:"kit_translated"`
	// Reviewer and Date are the whole language's review, or the latest
	// review of a part of it.
	Reviewer string          `json:"reviewer,omitempty"`
	Date     string          `json:"date,omitempty"`
	Reviews  []locale.Review `json:"reviews,omitempty"`
	// StaleIDs and MissingIDs name the messages.
	StaleIDs   []string `json:"stale_ids,omitempty"`
	MissingIDs []string `json:"missing_ids,omitempty"`
}

// Incomplete reports whether the language misses a message or has a
// stale one.
func (r Row) Incomplete() bool { return r.Stale > 0 || r.Missing > 0 }

// State says what a message is in language l.
func (p *Project) State(l *locale.Locale, id string) string {
	if slices.Contains(l.Meta.Omit, id) {
		return StateOmitted
	}
	if _, ok := l.Messages[id]; !ok {
		return StateMissing
	}
	if l.Tag != locale.SourceTag && !p.Lib.Catalog.Current(l, id) {
		return StateStale
	}
	if l.Meta.MustRewrite() && !l.RewrittenNow(id) {
		return StateRewrite
	}
	if l.CheckedNow(id) {
		return StateReviewed
	}
	return StateTranslated
}

// printed lists the messages of the table that some material prints,
// sorted by ID.
func (p *Project) printed() []*content.Message {
	var out []*content.Message
	for _, m := range p.Lib.Messages() {
		if len(m.Uses) > 0 {
			out = append(out, m)
		}
	}
	return out
}

// Status is one row per language, English first.
func (p *Project) Status() []Row {
	tags := p.Lib.Catalog.Tags()
	slices.SortStableFunc(tags, func(a, b string) int {
		switch {
		case a == locale.SourceTag:
			return -1
		case b == locale.SourceTag:
			return 1
		}
		return 0
	})
	var rows []Row
	for _, tag := range tags {
		rows = append(rows, p.StatusOf(p.Lib.Catalog.Locale(tag)))
	}
	return rows
}

// StatusOf is language l's row.
func (p *Project) StatusOf(l *locale.Locale) Row {
	r := Row{Lang: l.Tag, Name: l.Meta.Name, Reviews: l.Meta.Reviews}
	for _, m := range p.printed() {
		state := p.State(l, m.ID)
		if state == StateMissing && p.Lib.Unbegun(m.ID, l.Tag) {
			continue // an audience the language is not written in (content.Library.Unbegun)
		}
		if m.KitOnly() && state != StateOmitted {
			r.Kit++
			if state == StateMissing {
				continue
			}
			r.KitTranslated++
		}
		switch state {
		case StateOmitted:
			continue
		case StateMissing:
			r.Missing++
			r.MissingIDs = append(r.MissingIDs, m.ID)
		case StateStale:
			r.Translated++
			r.Stale++
			r.StaleIDs = append(r.StaleIDs, m.ID)
		case StateReviewed:
			r.Translated++
			r.Reviewed++
		case StateRewrite:
			r.Translated++
			r.Rewrite++
		default:
			r.Translated++
		}
		r.Messages++
	}
	switch {
	case l.Meta.Status == locale.StatusSource:
		r.Status = locale.StatusSource
	case l.Meta.MustRewrite():
		r.Status = locale.StatusMustRewrite
	case l.Draft():
		r.Status = locale.StatusDraft
	default:
		r.Status = locale.StatusReviewed
	}
	if l.Meta.Status == locale.StatusReviewed && l.Meta.Reviewer != "" {
		r.Reviewer, r.Date = l.Meta.Reviewer, l.Meta.Reviewed
	} else if n := len(l.Meta.Reviews); n > 0 {
		latest := l.Meta.Reviews[0]
		for _, rv := range l.Meta.Reviews[1:] {
			if rv.Date > latest.Date {
				latest = rv
			}
		}
		r.Reviewer, r.Date = latest.Reviewer+" ("+latest.Scope+")", latest.Date
	}
	return r
}

// WriteStatus writes rows as a table for people.
func WriteStatus(w io.Writer, rows []Row) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LANG\tNAME\tSTATUS\tMESSAGES\tTRANSLATED\tSTALE\tMISSING\tREVIEWED\tKIT\tREVIEWER\tDATE")
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	for _, r := range rows {
		kit := "-"
		if r.Kit > 0 {
			kit = fmt.Sprintf("%d/%d", r.KitTranslated, r.Kit)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\n", r.Lang, dash(oneLine(r.Name)), r.Status, r.Messages, r.Translated, r.Stale, r.Missing, r.Reviewed, kit, dash(oneLine(r.Reviewer)), dash(r.Date))
	}
	return tw.Flush()
}

// oneLine keeps a value on one line of a table, with nothing in it that
// would garble a terminal (a content folder's _meta is the user's).
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if p := printable(s); p != s {
		return p
	}
	return s
}

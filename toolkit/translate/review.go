package translate

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// ReviewOptions say what a reviewer checked.
type ReviewOptions struct {
	Lang     string
	Reviewer string // their name, as they agreed to be named
	// Scope is "all" (or "") for every message, or an audience for the
	// messages its materials print.
	Scope string
	// Date is when, YYYY-MM-DD; "" is today.
	Date string
}

// ReviewResult says what Review recorded.
type ReviewResult struct {
	Lang     string `json:"lang"`
	Scope    string `json:"scope"`
	Messages int    `json:"messages"` // reviewed in this scope
	// Reviewed is true when the whole language is now reviewed: its
	// pages print without the draft line.
	Reviewed bool `json:"reviewed"`
	// Left counts the messages of the language not yet reviewed as
	// they are.
	Left   int    `json:"left"`
	Target string `json:"target"`
}

// Review records that o.Reviewer read the messages of o.Scope in their
// language as they are now: each message's text hash under [_reviewed],
// and the review (scope, reviewer, date) in _meta.reviews. Every message
// of the scope must be there and translated from today's English. When
// every message of the language is reviewed so, the language becomes
// reviewed (status, reviewer, reviewed in _meta) and its pages lose the
// draft line.
func (p *Project) Review(o ReviewOptions) (*ReviewResult, error) {
	l, err := p.Language(o.Lang)
	if err != nil {
		return nil, err
	}
	name, err := profile.CheckText(profile.Field{Name: "reviewer", From: "--reviewer"}, o.Reviewer, profile.MaxName)
	if err != nil {
		return nil, err
	}
	if name == "" {
		return nil, errors.New("say who reviewed with --reviewer \"NAME\" (the name they agreed to have recorded)")
	}
	date, err := p.reviewDate(o.Date)
	if err != nil {
		return nil, err
	}
	scope := locale.ScopeAll
	msgs := p.printed()
	if o.Scope != "" && o.Scope != locale.ScopeAll {
		a, err := p.Lib.Audience(o.Scope)
		if err != nil {
			return nil, err
		}
		scope = a.ID
		if msgs, err = p.Lib.MessagesFor(a.ID); err != nil {
			return nil, err
		}
	}
	var missing, stale, rewrite []string
	checked := maps.Clone(l.Checked)
	if checked == nil {
		checked = map[string]string{}
	}
	n := 0
	for _, m := range msgs {
		if len(m.Uses) == 0 {
			continue
		}
		if _, ok := p.Lib.Catalog.English(m.ID); !ok {
			continue // a group's own message: not a translation
		}
		switch p.State(l, m.ID) {
		case StateOmitted:
			continue
		case StateMissing:
			if m.KitOnly() || p.Lib.Unbegun(m.ID, l.Tag) {
				continue // the language does not make the kit, or that audience
			}
			missing = append(missing, m.ID)
		case StateStale:
			stale = append(stale, m.ID)
		case StateRewrite:
			rewrite = append(rewrite, m.ID)
		default:
			checked[m.ID] = locale.SourceHash(l.Messages[m.ID])
			n++
		}
	}
	if len(rewrite) > 0 {
		return nil, fmt.Errorf("%s cannot be reviewed yet: it must be rewritten by a fluent speaker from its community, and %d of the messages of %s are still the draft a non-speaker wrote (%s); give them the file (awarekit translate export -l %s --only todo), then import what they wrote or confirmed with --writer \"NAME\"", languageName(l), len(rewrite), scopeWords(scope), shortList(rewrite), l.Tag)
	}
	if len(missing)+len(stale) > 0 {
		var why []string
		if len(missing) > 0 {
			why = append(why, fmt.Sprintf("%d not translated (%s)", len(missing), shortList(missing)))
		}
		if len(stale) > 0 {
			why = append(why, fmt.Sprintf("%d translated from English that has changed since (%s)", len(stale), shortList(stale)))
		}
		return nil, fmt.Errorf("%s cannot be reviewed yet: of the messages of %s, %s; give them to a translator (awarekit translate export -l %s --only todo), import the file, then review", languageName(l), scopeWords(scope), strings.Join(why, " and "), l.Tag)
	}
	reviews := slices.DeleteFunc(slices.Clone(l.Meta.Reviews), func(r locale.Review) bool { return r.Scope == scope })
	reviews = append(reviews, locale.Review{Scope: scope, Reviewer: name, Date: date})
	slices.SortStableFunc(reviews, func(a, b locale.Review) int {
		if a.Scope == locale.ScopeAll || b.Scope == locale.ScopeAll {
			return boolOrder(a.Scope != locale.ScopeAll) - boolOrder(b.Scope != locale.ScopeAll)
		}
		return strings.Compare(a.Scope, b.Scope)
	})

	// Is the whole language now reviewed as it is?
	left := 0
	for _, m := range p.printed() {
		if _, ok := p.Lib.Catalog.English(m.ID); !ok {
			continue
		}
		switch p.State(l, m.ID) {
		case StateOmitted:
		case StateMissing:
			if !m.KitOnly() && !p.Lib.Unbegun(m.ID, l.Tag) {
				left++
			}
		case StateStale, StateRewrite:
			left++
		default:
			if checked[m.ID] != locale.SourceHash(l.Messages[m.ID]) {
				left++
			}
		}
	}
	res := &ReviewResult{Lang: l.Tag, Scope: scope, Messages: n, Reviewed: left == 0, Left: left}

	target, err := p.Target(l.Tag)
	if err != nil {
		return nil, err
	}
	existing, data, err := readTarget(target)
	if err != nil {
		return nil, err
	}
	ed := localeEdit{Checked: map[string]string{}}
	// The project's file records its own review; a content folder's
	// replaces the project's whole (locale.Catalog.Override), so it
	// records every hash.
	for id, h := range checked {
		if p.IntoContent() || l.Checked[id] != h || existing.Checked[id] != h {
			ed.Checked[id] = h
		}
	}
	ed.Meta = append(ed.Meta, metaSet{"reviews", tomlReviews(reviews, newline(data))})
	switch {
	case res.Reviewed:
		var names []string
		latest := ""
		for _, r := range reviews {
			if !slices.Contains(names, r.Reviewer) {
				names = append(names, r.Reviewer)
			}
			latest = max(latest, r.Date)
		}
		if scope == locale.ScopeAll {
			names = []string{name}
			latest = date
		}
		ed.Meta = append(ed.Meta, metaSet{"status", tomlString(locale.StatusReviewed)}, metaSet{"reviewer", tomlString(strings.Join(names, ", "))}, metaSet{"reviewed", tomlString(latest)})
	case existing.Meta.Status == "":
		// A content folder's file says the language's status, which
		// makes it a translation (locale.Locale.Translation).
		status := l.Meta.Status
		if status == locale.StatusReviewed {
			status = locale.StatusDraft
		}
		ed.Meta = append(ed.Meta, metaSet{"status", tomlString(status)})
	}
	out, err := editLocale(target, data, ed)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return nil, fmt.Errorf("write %s: %w", target, err)
	}
	if err := output.WriteFile(target, out); err != nil {
		return nil, err
	}
	res.Target = target
	return res, nil
}

// reviewDate checks the date a review is recorded with: a real day, not
// after today; "" is today.
func (p *Project) reviewDate(s string) (string, error) {
	today := p.today().Format(time.DateOnly)
	if s == "" {
		return today, nil
	}
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return "", &DateError{fmt.Sprintf("--date %q is not a date like %s", s, today)}
	}
	if d.Format(time.DateOnly) > today {
		return "", &DateError{fmt.Sprintf("--date %s is after today (%s); give the day the review was done", d.Format(time.DateOnly), today)}
	}
	return d.Format(time.DateOnly), nil
}

// DateError is a review's --date that is no day, or one still to come:
// a mistake on the command line, which the command says as one.
type DateError struct{ msg string }

func (e *DateError) Error() string { return e.msg }

func scopeWords(scope string) string {
	if scope == locale.ScopeAll {
		return "the language"
	}
	return "the " + scope + " materials"
}

func shortList(ids []string) string {
	if len(ids) > 5 {
		return strings.Join(ids[:5], ", ") + fmt.Sprintf(" and %d more", len(ids)-5)
	}
	return strings.Join(ids, ", ")
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

func newline(data []byte) string {
	if strings.Contains(string(data), "\r\n") {
		return "\r\n"
	}
	return "\n"
}

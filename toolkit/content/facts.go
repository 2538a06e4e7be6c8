package content

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Fact statuses of the register.
const (
	FactVerified = "verified" // stands on a line marked [V] in the facts sheet
	FactNew      = "new"      // read by a developer on its primary source, awaiting review
)

// Register is the facts register (audiences/facts.yaml): every number,
// address, statistic and legal claim the materials print, with its
// source.
type Register struct {
	// CheckAgainBy is the date by which the facts must be read against
	// their sources again.
	CheckAgainBy string       `yaml:"check_again_by"`
	Facts        []*FactEntry `yaml:"facts"`
}

// FactEntry is one fact of the register.
type FactEntry struct {
	ID        string   `yaml:"id"`
	Claim     string   `yaml:"claim"`
	Values    []string `yaml:"values"`
	Sheet     string   `yaml:"sheet"`
	Source    string   `yaml:"source"`
	Publisher string   `yaml:"publisher"`
	Checked   string   `yaml:"checked"`
	Status    string   `yaml:"status"`
	Quote     string   `yaml:"quote"` // new: the words read on the source
	Read      string   `yaml:"read"`  // new: when
}

// Entry returns the fact with id, or nil.
func (r *Register) Entry(id string) *FactEntry {
	for _, f := range r.Facts {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// check makes sure every entry says where it comes from.
func (r *Register) check() error {
	var problems []string
	if _, err := time.Parse(time.DateOnly, r.CheckAgainBy); err != nil {
		problems = append(problems, fmt.Sprintf("check_again_by %q is not a date like 2027-06-01", r.CheckAgainBy))
	}
	seen := map[string]bool{}
	for _, f := range r.Facts {
		at := "fact " + f.ID
		if f.ID == "" {
			problems = append(problems, "a fact has no id")
			continue
		}
		if seen[f.ID] {
			problems = append(problems, at+" is listed twice")
		}
		seen[f.ID] = true
		if u, err := url.Parse(f.Source); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			problems = append(problems, fmt.Sprintf("%s: source %q is not a web address", at, f.Source))
		}
		if strings.TrimSpace(f.Claim) == "" || strings.TrimSpace(f.Publisher) == "" {
			problems = append(problems, at+": needs a claim and a publisher")
		}
		if _, err := time.Parse(time.DateOnly, f.Checked); err != nil {
			problems = append(problems, fmt.Sprintf("%s: checked %q is not a date like 2026-12-04", at, f.Checked))
		}
		switch f.Status {
		case FactVerified:
			if strings.TrimSpace(f.Sheet) == "" {
				problems = append(problems, at+": a verified fact quotes its line of the facts sheet in sheet:")
			}
		case FactNew:
			if strings.TrimSpace(f.Quote) == "" {
				problems = append(problems, at+": a new fact quotes what its source says in quote:")
			}
			if _, err := time.Parse(time.DateOnly, f.Read); err != nil {
				problems = append(problems, fmt.Sprintf("%s: read %q is not the date the source was read", at, f.Read))
			}
		default:
			problems = append(problems, fmt.Sprintf("%s: status %q; use %s or %s", at, f.Status, FactVerified, FactNew))
		}
	}
	if len(problems) > 0 {
		return errors.New("facts.yaml:\n  " + strings.Join(problems, "\n  "))
	}
	return nil
}

// CheckDue returns a warning once the register's check-again date has
// passed on day now, and "" before.
func (lib *Library) CheckDue(now time.Time) string {
	return checkDue(lib.Info, lib.Facts, now)
}

// CheckDue is Library.CheckDue for the release alone.
func (rel *Release) CheckDue(now time.Time) string {
	return checkDue(rel.Info, rel.Facts, now)
}

func checkDue(info Info, facts *Register, now time.Time) string {
	due, err := time.Parse(time.DateOnly, facts.CheckAgainBy)
	if err != nil || !now.After(due.Add(24*time.Hour-time.Nanosecond)) {
		return ""
	}
	last := ""
	for _, f := range facts.Facts {
		last = max(last, f.Checked)
	}
	return fmt.Sprintf("the facts in content %s were last checked on %s and were due to be checked again by %s: phone numbers, hours and services may have changed. Get a newer awarekit, or check audiences/facts.yaml against its sources before you print.",
		info.Version, last, facts.CheckAgainBy)
}

// FactsOf lists the register entries a printed thing names.
func (lib *Library) FactsOf(ids []string) []*FactEntry {
	var out []*FactEntry
	for _, id := range ids {
		if f := lib.Facts.Entry(id); f != nil && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

package content_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// TestFactsRegister runs on a fresh clone: every printed number, address
// and count stands on an entry of audiences/facts.yaml that the thing
// printing it names, every entry is named by something printed, and
// every sign, note, law item, statistic and contact detail names its
// entries.
func TestFactsRegister(t *testing.T) {
	lib := load(t)
	used := map[string]bool{}
	entries := func(t *testing.T, where string, ids []string) []*content.FactEntry {
		t.Helper()
		if len(ids) == 0 {
			t.Errorf("%s names no facts.yaml entry", where)
		}
		for _, id := range ids {
			used[id] = true
			if lib.Facts.Entry(id) == nil {
				t.Errorf("%s names fact %q, which facts.yaml does not have", where, id)
			}
		}
		return lib.FactsOf(ids)
	}
	printed := func(t *testing.T, where, value string, facts []*content.FactEntry) {
		t.Helper()
		for _, f := range facts {
			if slices.Contains(f.Values, value) {
				return
			}
		}
		t.Errorf("%s prints %q, which none of its facts (%v) lists in values", where, value, factIDs(facts))
	}

	t.Run("contacts", func(t *testing.T) {
		for _, c := range lib.Contacts() {
			facts := entries(t, "contact "+c.ID, c.Facts)
			for _, v := range []string{c.Phone, c.PhoneLetters, c.Website, c.Email} {
				if v != "" {
					printed(t, "contact "+c.ID, v, facts)
				}
			}
			if c.Text != nil {
				printed(t, "contact "+c.ID, c.Text.Keyword, facts)
				printed(t, "contact "+c.ID, c.Text.Number, facts)
			}
			for _, v := range c.Vars {
				printed(t, "contact "+c.ID, v, facts)
			}
		}
	})
	t.Run("law", func(t *testing.T) {
		for _, it := range lib.Law.Items {
			facts := entries(t, "law item "+it.ID, it.Facts)
			if it.Section != "" {
				printed(t, "law item "+it.ID, it.Section, facts)
			}
			for _, v := range it.Vars {
				printed(t, "law item "+it.ID, v, facts)
			}
		}
	})
	t.Run("provinces", func(t *testing.T) {
		for _, p := range lib.Provinces() {
			entries(t, "province "+p.ID, p.Facts)
		}
	})
	t.Run("messages", func(t *testing.T) {
		mustState := regexp.MustCompile(`\.(sign\.\d+|notes\.\d+|fact\.text|fact\.source|detail)$|^law\.(trafficking|child|benefit|documents|exploitation|irpa|trp)$`)
		for _, m := range lib.Messages() {
			if !strings.HasPrefix(m.ID, "ui.") && mustState.MatchString(m.ID) || len(m.Facts) > 0 {
				entries(t, "message "+m.ID, m.Facts)
			}
		}
	})
	t.Run("audience values", func(t *testing.T) {
		// A value an audience fills into its messages stands on a fact that
		// one of the messages using it names.
		for _, id := range lib.AudienceIDs() {
			a, _ := lib.Audience(id)
			vars := map[string]string{}
			for k, v := range a.Vars {
				vars[k] = v
			}
			if a.Fact != nil {
				for k, v := range a.Fact.Vars {
					vars[k] = v
				}
			}
			for name, v := range vars {
				var facts []*content.FactEntry
				en := lib.Catalog.Locale("en")
				for _, m := range lib.Messages() {
					if slices.Contains(locale.Placeholders(en.Messages[m.ID]), name) && slices.Contains(m.Uses, id) {
						facts = append(facts, lib.FactsOf(m.Facts)...)
					}
				}
				printed(t, "audience "+id+" ({{."+name+"}})", v, facts)
			}
		}
	})
	t.Run("every entry is printed", func(t *testing.T) {
		for _, f := range lib.Facts.Facts {
			if !used[f.ID] {
				t.Errorf("fact %s is named by nothing printed; remove it or name it where it is printed", f.ID)
			}
		}
	})
}

func factIDs(facts []*content.FactEntry) []string {
	var ids []string
	for _, f := range facts {
		ids = append(ids, f.ID)
	}
	return ids
}

// markRe finds the marks of the facts sheet: [V], [L], [U] and their
// longer forms ("[V, undated]", "[U for 999-9211]").
var markRe = regexp.MustCompile(`\[(V|L|U)\b[^\]]*\]`)

// markAt is the mark that applies to what stands at position i of a
// sheet line: the first mark after it.
func markAt(line string, i int) string {
	if m := markRe.FindStringSubmatch(line[i:]); m != nil {
		return m[1]
	}
	return ""
}

// TestFactsAgainstSheet holds the register to ../shared/content-facts.md
// when it is beside the repository: each verified entry's words stand on
// a line marked [V], with the values it prints on that line and its
// source cited in the sheet; an entry marked new is listed as awaiting
// review, and fails when the sheet marks its source or a value [L] or
// [U]. On a fresh clone, without the sheet, it says so and checks
// nothing more (TestFactsRegister has checked the register itself).
func TestFactsAgainstSheet(t *testing.T) {
	sheet, ok := factSheet(t)
	if !ok {
		return
	}
	lib := load(t)
	lines := strings.Split(sheet, "\n")
	digits := regexp.MustCompile(`\D`)
	for _, f := range lib.Facts.Facts {
		t.Run(f.ID, func(t *testing.T) {
			if !strings.Contains(sheet, f.Source) {
				t.Errorf("source %s is not cited in content-facts.md", f.Source)
			}
			if f.Status == content.FactNew {
				t.Logf("awaiting review: fact %s (%s), read %s on %s: %q", f.ID, f.Claim, f.Read, f.Source, f.Quote)
				for _, line := range lines {
					if i := strings.Index(line, f.Source); i >= 0 && markAt(line, i) != "V" && markAt(line, i) != "" {
						t.Errorf("the sheet marks the source of a new fact [%s]: %s", markAt(line, i), line)
					}
					for _, v := range f.Values {
						if i := strings.Index(line, v); i >= 0 && (markAt(line, i) == "L" || markAt(line, i) == "U") {
							t.Errorf("the sheet marks %q [%s]; a fact marked [L] or [U] may not be new: %s", v, markAt(line, i), line)
						}
					}
				}
				return
			}
			var line string
			at := -1
			for _, l := range lines {
				if i := strings.Index(l, f.Sheet); i >= 0 {
					line, at = l, i
					break
				}
			}
			if at < 0 {
				t.Fatalf("its words %q are on no line of content-facts.md", f.Sheet)
			}
			mark := markAt(line, at)
			if j := strings.Index(line, f.Source); j >= 0 {
				mark = markAt(line, j) // the mark after the source the entry cites
			}
			if mark != "V" {
				t.Errorf("its line is marked [%s], not [V]: %s", mark, line)
			}
			for _, v := range f.Values {
				d := digits.ReplaceAllString(v, "")
				if !strings.Contains(strings.ToLower(line), strings.ToLower(v)) && (len(d) < 3 || !strings.Contains(digits.ReplaceAllString(line, ""), d)) {
					t.Errorf("value %q is not on its line: %s", v, line)
				}
			}
		})
	}
	chth, ok := lib.Contact(content.HotlineID)
	if !ok || chth.Phone != hotline {
		t.Fatalf("the hotline contact is %+v, want phone %s", chth, hotline)
	}
}

// factSheet reads ../shared/content-facts.md. Without it (a fresh
// clone) it says so; with AWAREKIT_REQUIRE_FACTS=1 (CI sets it when the
// sheet is beside the repository) it fails instead.
func factSheet(t *testing.T) (string, bool) {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "content-facts.md")
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("AWAREKIT_REQUIRE_FACTS") == "1" {
			t.Fatalf("the fact sheet must sit beside the repository: %v", err)
		}
		t.Logf("no fact sheet beside the repository (%v): the register was checked on its own (TestFactsRegister)", err)
		return "", false
	}
	return string(data), true
}

// TestCheckDue: the facts carry a date by which they must be checked
// again; after it, version, generate and build warn.
func TestCheckDue(t *testing.T) {
	lib := load(t)
	due, err := time.Parse(time.DateOnly, lib.Facts.CheckAgainBy)
	if err != nil {
		t.Fatal(err)
	}
	if due.Year() != 2027 {
		t.Errorf("check_again_by %s: want a date in 2027, six months after the facts were read", lib.Facts.CheckAgainBy)
	}
	tests := []struct {
		name string
		now  time.Time
		warn bool
	}{
		{"today", time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC), false},
		{"on the day", due.Add(23 * time.Hour), false},
		{"the day after", due.Add(25 * time.Hour), true},
		{"a year on", due.AddDate(1, 0, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := lib.CheckDue(tt.now)
			if (w != "") != tt.warn {
				t.Errorf("CheckDue(%s) = %q, want a warning: %v", tt.now.Format(time.DateOnly), w, tt.warn)
			}
			if tt.warn && (!strings.Contains(w, lib.Facts.CheckAgainBy) || !strings.Contains(w, "checked")) {
				t.Errorf("warning %q does not say the date", w)
			}
		})
	}
}

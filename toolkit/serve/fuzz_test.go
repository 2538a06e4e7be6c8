package serve

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/plan"
)

// workshopSeeds are workshop forms as the page submits them: the tests'
// submissions, and rows with a language pair, the kit, a style, a paper
// of their own, the organisation with local contacts, a province and
// drafts.
var workshopSeeds = []url.Values{
	form("rows", "1", "r0-audience", "youth", "r0-lang", "en", "r0-format", "flyer", "r0-copies", "10", "plan-name", "workshop.yaml", "paper", "letter", "action", "check"),
	form("rows", "2", "r0-audience", "youth", "r0-audience", "newcomers", "r0-lang", "en", "r0-lang", "fr", "r0-format", "flyer", "r0-copies", "25",
		"r1-audience", "health", "r1-lang", "en", "r1-format", "handout", "r1-paper", "a4", "action", "check", "ev-name", "Neighbourhood safety evening"),
	form("rows", "2", "r0-audience", "youth", "r0-audience", "newcomers", "r0-lang", "en", "r0-lang", "fr", "r0-format", "flyer", "r0-copies", "25",
		"r1-audience", "health", "r1-first", "fr", "r1-second", "en", "r1-format", "flyer", "r1-copies", "5", "r1-paper", "a4",
		"ev-name", "Neighbourhood safety evening", "ev-date", "Thursday 3 December, 7 pm", "paper", "letter",
		"org-name", "Riverside Settlement Services", "plan-name", "safety-evening.yaml", "action", "save"),
	form("rows", "1", "r0-audience", "newcomers", "r0-lang", "en", "r0-lang", "fr", "r0-format", "kit", "r0-copies", "12",
		"ev-name", "Café des parents", "ev-place", "Salle 2: l'école", "ev-facilitator", "A. Singh", "province", "bc", "action", "check"),
	form("rows", "1", "r0-audience", "youth", "r0-lang", "pa", "r0-lang", "ar", "r0-format", "flyer", "r0-format", "cards", "r0-style", "large-print",
		"org-name", "Eastside Youth #1", "phone", "604-555-0134", "email", "info@eastside.example.org", "website", "eastside.example.org", "color", "#0b5c6b",
		"local-0-label", "Riverside police, non-emergency", "local-0-phone", "604-555-0199", "local-2-label", "Victim services", "local-2-website", "victims.example.org",
		"allow-draft", "on", "action", "check"),
	form("rows", "1", "r0-audience", "youth", "r0-lang", "iu", "r0-format", "flyer", "allow-draft", "on", "action", "check"),
	form("rows", "3", "r0-audience", "youth", "r0-lang", "en", "r0-format", "flyer", "r1-copies", "0", "r2-first", "fr", "action", "check"),
}

// FuzzWorkshopForm: any values the workshop form is sent give either a
// refusal that says what is wrong, or a plan that, saved, opened on the
// page again and checked, is the same plan: the same outputs (names,
// audiences, languages, formats, styles, papers, copies, rows), the same
// event, organisation, province and drafts. The form's rows are the
// plan's items, with the copies typed. Never a panic. The materials form
// is sent the same values: a request or a refusal with words.
func FuzzWorkshopForm(f *testing.F) {
	for _, v := range workshopSeeds {
		f.Add(v.Encode())
	}
	dir := filepath.Join(f.TempDir(), "project")
	if err := os.Mkdir(dir, 0o755); err != nil {
		f.Fatal(err)
	}
	s, err := New(Config{Engine: testEngine(f), Dir: dir, Addr: "127.0.0.1:0", Version: "test",
		Defaults: Defaults{Audiences: []string{"youth"}, Langs: []string{"en"}, Formats: []string{"flyer"}, Paper: "letter"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(s.Close)
	u := s.ui.pick(httptest.NewRequest("GET", "/workshop", nil))
	f.Fuzz(func(t *testing.T, query string) {
		v, _ := url.ParseQuery(query)
		if _, errs := s.check(formMaterials(v), u); len(errs) > 0 {
			refusal(t, "materials", errs)
		}
		ws := formWorkshop(v)
		pl, data, errs := s.parsePlan(ws, u)
		if len(errs) > 0 {
			refusal(t, "workshop", errs)
			return
		}
		// Every row is an item of the plan, with the copies typed (the
		// most of its outputs': the kit makes one guide, and a sign-in
		// sheet for every 12 people).
		items := map[int]int{}
		for _, o := range pl.Outputs {
			items[o.Item] = max(items[o.Item], o.Copies)
		}
		if len(items) != len(ws.Rows) {
			t.Fatalf("%d rows made %d items:\n%s", len(ws.Rows), len(items), data)
		}
		for i, r := range ws.Rows {
			if c := strings.TrimSpace(r.Copies); c != "" && strconv.Itoa(items[i]) != strings.TrimLeft(c, "+0") {
				t.Fatalf("row %d: %q copies typed, %d in the plan:\n%s", i+1, r.Copies, items[i], data)
			}
		}
		// Saved, opened and checked again: the same plan.
		name := "fuzz.yaml"
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		again, errs, _ := s.openPlan(name, u)
		if len(errs) > 0 {
			t.Fatalf("the plan the form made does not open: %v\n%s", errs, data)
		}
		pl2, data2, errs := s.parsePlan(again, u)
		if len(errs) > 0 {
			t.Fatalf("the plan opened from the form's is refused: %v\nfirst:\n%s\nagain:\n%s", errs, data, data2)
		}
		if a, b := planSummary(pl), planSummary(pl2); a != b {
			t.Fatalf("the plan changed when saved and opened:\n%s\nthen:\n%s\nfirst file:\n%s\nsecond:\n%s", a, b, data, data2)
		}
	})
}

// refusal fails t when a refusal has a problem without words, or words
// that are the program's, not the person's: a Go error's prefix.
func refusal(t *testing.T, form string, errs []fieldError) {
	t.Helper()
	for _, e := range errs {
		m := strings.TrimSpace(e.Message)
		if m == "" || strings.HasPrefix(m, "yaml: ") || strings.HasPrefix(m, "toml: ") || strings.Contains(m, "runtime error") {
			t.Fatalf("the %s form is refused with %+v", form, e)
		}
	}
}

// planSummary is what a plan makes, as text to compare: every output
// and what it is made from, the event, organisation, province and
// drafts.
func planSummary(pl *plan.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "event %q\norg %+v\nprovince %q drafts %v paper %s\n", pl.Event, pl.Org, pl.Province, pl.AllowDraft, pl.Paper.Name)
	lines := make([]string, 0, len(pl.Outputs))
	for _, o := range pl.Outputs {
		j := o.Job
		lines = append(lines, fmt.Sprintf("%d %s: %s %s+%s %s %s %s copies %d", o.Item, o.Name, j.Audience, j.Lang, j.Second, j.Format.Name, j.Style, j.Paper.Name, o.Copies))
	}
	slices.Sort(lines)
	b.WriteString(strings.Join(lines, "\n"))
	return b.String()
}

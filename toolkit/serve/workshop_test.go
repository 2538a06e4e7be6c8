package serve

import (
	"archive/zip"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/pack"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/plan"
)

// TestWorkshopRows: rows are added and removed by the form's buttons,
// which work without the page's script.
func TestWorkshopRows(t *testing.T) {
	s := newSite(t)
	resp, body := s.get(t, "/workshop")
	if resp.StatusCode != http.StatusOK || strings.Count(body, `class="plan-row"`) != 1 {
		t.Fatalf("GET /workshop = %d with %d rows", resp.StatusCode, strings.Count(body, `class="plan-row"`))
	}
	f := form("rows", "1", "r0-audience", "youth", "r0-lang", "en", "r0-format", "flyer", "r0-copies", "25", "action", "add")
	_, body = s.post(t, "/workshop", f, nil)
	if n := strings.Count(body, `class="plan-row"`); n != 2 {
		t.Fatalf("after Add a row: %d rows", n)
	}
	if !strings.Contains(body, `name="r0-copies" id="r0-copies" value="25"`) || !strings.Contains(body, `id="r0-audience-youth" value="youth" checked`) {
		t.Error("adding a row lost the first row's values")
	}
	f = form("rows", "2", "r0-audience", "youth", "r1-audience", "health", "action", "remove-0")
	_, body = s.post(t, "/workshop", f, nil)
	if n := strings.Count(body, `class="plan-row"`); n != 1 || !strings.Contains(body, `id="r0-audience-health" value="health" checked`) {
		t.Errorf("after removing row 1: %d rows, health first = %v", n, strings.Contains(body, `id="r0-audience-health" value="health" checked`))
	}
}

// TestWorkshopCheck: the plan is checked by the plan reader `awarekit
// build` uses, and its problems land on their rows.
func TestWorkshopCheck(t *testing.T) {
	s := newSite(t)
	f := form("rows", "2", "r0-audience", "youth", "r0-audience", "newcomers", "r0-lang", "en", "r0-lang", "fr", "r0-format", "flyer", "r0-copies", "25",
		"r1-audience", "health", "r1-lang", "en", "r1-format", "handout", "r1-paper", "a4", "action", "check", "ev-name", "Neighbourhood safety evening")
	resp, body := s.post(t, "/workshop", f, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "it makes 5 files") || !strings.Contains(body, "5 files, 101 copies in all") {
		t.Fatalf("check = %d:\n%s", resp.StatusCode, body)
	}
	bad := form("rows", "2", "r0-audience", "youth", "r0-lang", "en", "r0-format", "flyer", "r1-lang", "en", "r1-format", "flyer", "r1-copies", "0", "action", "check")
	resp, body = s.post(t, "/workshop", bad, nil)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `href="#r1-copies"`) || !strings.Contains(body, "Row 2: ") {
		t.Errorf("a bad row = %d:\n%s", resp.StatusCode, body)
	}
	bad.Set("r1-copies", "3")
	_, body = s.post(t, "/workshop", bad, nil)
	if !strings.Contains(body, `href="#r1-audience-`) || !strings.Contains(body, "no audience") {
		t.Errorf("a row without an audience is not placed at its row:\n%s", body)
	}
}

// TestWorkshopSaveOpenBuild: a plan saved from the page is a plan file
// `awarekit build` reads; it opens again as the same rows; built, it
// gives the materials, the print pack and the index, and a zip of them.
func TestWorkshopSaveOpenBuild(t *testing.T) {
	s := newSite(t)
	f := form("rows", "2", "r0-audience", "youth", "r0-audience", "newcomers", "r0-lang", "en", "r0-lang", "fr", "r0-format", "flyer", "r0-copies", "25",
		"r1-audience", "health", "r1-first", "fr", "r1-second", "en", "r1-format", "flyer", "r1-copies", "5", "r1-paper", "a4",
		"ev-name", "Neighbourhood safety evening", "ev-date", "Thursday 3 December, 7 pm", "paper", "letter",
		"org-name", "Riverside Settlement Services", "plan-name", "safety-evening.yaml", "action", "save")
	resp, body := s.post(t, "/workshop", f, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Saved as safety-evening.yaml") {
		t.Fatalf("save = %d:\n%s", resp.StatusCode, body)
	}
	path := filepath.Join(s.dir, "safety-evening.yaml")
	pl, err := plan.Load(testEngine(t), path, plan.Project{})
	if err != nil {
		data, _ := os.ReadFile(path)
		t.Fatalf("the saved plan does not load: %v\n%s", err, data)
	}
	var names []string
	for _, o := range pl.Outputs {
		names = append(names, o.Name)
	}
	want := []string{"youth-flyer-en.pdf", "youth-flyer-fr.pdf", "newcomers-flyer-en.pdf", "newcomers-flyer-fr.pdf", "health-flyer-fr-en.pdf"}
	if !slices.Equal(names, want) || pl.Event.Name != "Neighbourhood safety evening" || pl.Org.Name != "Riverside Settlement Services" {
		t.Errorf("saved plan makes %v for %q by %q", names, pl.Event.Name, pl.Org.Name)
	}
	// Saving again under the name of another plan asks first.
	f.Set("plan-name", "other.yaml")
	os.WriteFile(filepath.Join(s.dir, "other.yaml"), []byte("outputs: [{audience: youth, language: en, format: flyer}]\n"), 0o644)
	if resp, _ := s.post(t, "/workshop", f, nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("saving over another plan = %d, want 409", resp.StatusCode)
	}

	// Opened again: the same rows.
	_, body = s.get(t, "/workshop")
	if !strings.Contains(body, "/workshop?plan=safety-evening.yaml") || !strings.Contains(body, "/workshop?plan=other.yaml") {
		t.Error("the saved plans are not listed")
	}
	resp, body = s.get(t, "/workshop?plan=safety-evening.yaml")
	if resp.StatusCode != http.StatusOK {
		t.Errorf("open = %d", resp.StatusCode)
	}
	for _, want := range []string{`id="r0-audience-youth" value="youth" checked`, `id="r0-audience-newcomers" value="newcomers" checked`, `id="r0-lang-fr" value="fr" checked`,
		`name="r0-copies" id="r0-copies" value="25"`, `id="r1-audience-health" value="health" checked`, `<option value="fr" selected>`, `name="r1-copies" id="r1-copies" value="5"`,
		`<option value="a4" selected>`, `value="Neighbourhood safety evening"`, `value="Riverside Settlement Services"`, `name="opened" value="safety-evening.yaml"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the opened plan lacks %s", want)
		}
	}
	if strings.Count(body, `class="plan-row"`) != 2 {
		t.Errorf("the opened plan has %d rows", strings.Count(body, `class="plan-row"`))
	}

	// Built.
	f.Set("plan-name", "safety-evening.yaml")
	f.Set("action", "build")
	resp, _ = s.post(t, "/workshop", f, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/workshop/build" {
		t.Fatalf("build = %d to %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// "Make" waits while the build writes.
	waitBuild(t, s)
	_, page := s.get(t, "/workshop/build")
	for _, want := range []string{`href="/files/pack.pdf"`, `href="/files/index.html"`, `href="/workshop/zip"`, "Made: 5."} {
		if !strings.Contains(page, want) {
			t.Errorf("the build page lacks %s:\n%s", want, page)
		}
	}
	resp, z := s.get(t, "/workshop/zip")
	zr, err := zip.NewReader(strings.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatalf("workshop zip = %d: %v", resp.StatusCode, err)
	}
	var inZip []string
	for _, zf := range zr.File {
		inZip = append(inZip, zf.Name)
		// An unzip program puts each entry where its name says: a plain
		// file name, never a folder, an absolute path or "..".
		if !fileName().MatchString(zf.Name) || strings.Contains(zf.Name, "..") || zf.Mode()&os.ModeType != 0 {
			t.Errorf("the zip holds %q (%v), not a plain file", zf.Name, zf.Mode())
		}
	}
	for _, name := range append(want, pack.FileName, pack.IndexName) {
		if !slices.Contains(inZip, name) {
			t.Errorf("the zip lacks %s: %v", name, inZip)
		}
	}
	pdftest.Need(t, "pdftotext", "qpdf")
	out := filepath.Join(s.dir, "out", pack.FileName)
	pdftest.Check(t, out)
	if text := pdftest.Text(t, out); !strings.Contains(text, "Neighbourhood safety evening") || !strings.Contains(text, "1-833-900-1010") {
		t.Errorf("pack.pdf lacks the event or the hotline")
	}
	onlyProject(t, s)
}

func waitBuild(t *testing.T, s *site) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		_, body := s.get(t, "/workshop/status")
		var st struct {
			State       string
			Total, Done int
		}
		if err := json.Unmarshal([]byte(body), &st); err != nil {
			t.Fatal(err, body)
		}
		if st.State == "done" {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the build did not finish in 2 minutes")
}

// TestWorkshopBusy: while a build writes into out/, "Make" waits its turn
// and a second build is refused; stopping the build works as Ctrl-C does.
func TestWorkshopBusy(t *testing.T) {
	s := newSite(t)
	f := form("rows", "1", "r0-format", "flyer", "r0-format", "handout", "action", "build")
	langs := []string{"en", "fr", "es", "uk", "vi", "tl"}
	e := testEngine(t)
	for _, a := range e.AudienceIDs() {
		// The audiences written in all six (the sector audiences are in
		// English and French only).
		if !slices.ContainsFunc(langs, func(l string) bool { return !slices.Contains(e.Lib.Languages(a), l) }) {
			f.Add("r0-audience", a)
		}
	}
	for _, l := range langs {
		f.Add("r0-lang", l)
	}
	if resp, _ := s.post(t, "/workshop", f, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("build = %d", resp.StatusCode)
	}
	resp, body := s.post(t, "/make", form("audience", "youth", "lang", "en", "format", "flyer"), nil)
	if s.srv.running() && resp.StatusCode != http.StatusConflict {
		t.Errorf("make during a build = %d:\n%s", resp.StatusCode, body)
	}
	if resp, _ := s.post(t, "/workshop", f, nil); s.srv.running() && resp.StatusCode != http.StatusConflict {
		t.Errorf("a second build = %d", resp.StatusCode)
	}
	if resp, _ := s.post(t, "/workshop/cancel", nil, nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("stop = %d", resp.StatusCode)
	}
	waitBuild(t, s)
	_, page := s.get(t, "/workshop/build")
	if !strings.Contains(page, "was stopped") && !strings.Contains(page, "is built") {
		t.Errorf("after stopping:\n%s", page)
	}
	// The manifest matches the folder, as after Ctrl-C in awarekit build.
	if _, err := os.Stat(filepath.Join(s.dir, "out", "manifest.json")); err != nil {
		t.Errorf("no manifest after a stopped build: %v", err)
	}
	if resp, _ := s.post(t, "/make", form("audience", "youth", "lang", "en", "format", "flyer"), nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("make after the build = %d", resp.StatusCode)
	}
}

// TestOpenInitPlan: the sample plan `awarekit init` writes opens on the
// page, with the copies of its defaults.
func TestOpenInitPlan(t *testing.T) {
	s := newSite(t)
	sample := `event:
  name: "Neighbourhood safety evening"
defaults:
  paper: letter
  copies: 10
outputs:
  - audiences: [youth, newcomers]
    languages: [en, fr]
    format: flyer
    copies: 25
  - audience: health
    language: en
    format: flyer
    paper: a4
  - audience: youth
    language: en
    format: flyer
    pattern: "{audience}-{lang}-special.{ext}"
`
	os.WriteFile(filepath.Join(s.dir, "workshop.yaml"), []byte(sample), 0o644)
	resp, body := s.get(t, "/workshop?plan=workshop.yaml")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("open = %d:\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{`name="r0-copies" id="r0-copies" value="25"`, `name="r1-copies" id="r1-copies" value="10"`, "Saving it from here leaves them out"} {
		if !strings.Contains(body, want) {
			t.Errorf("the opened plan lacks %s", want)
		}
	}
	// The link to the page in French opens the same plan.
	if want := `href="?plan=workshop.yaml&amp;ui=fr"`; !strings.Contains(body, want) {
		t.Errorf("the language link does not keep the plan: no %s", want)
	}
	if resp, body := s.get(t, "/workshop?plan=missing.yaml"); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "There is no plan named missing.yaml") {
		t.Errorf("a missing plan = %d", resp.StatusCode)
	}
	os.WriteFile(filepath.Join(s.dir, "broken.yaml"), []byte("outputs:\n  - audience: nobody\n    language: en\n    format: flyer\n"), 0o644)
	if _, body := s.get(t, "/workshop?plan=broken.yaml"); !strings.Contains(body, "broken.yaml:2") {
		t.Errorf("a broken plan's problem does not name its line:\n%s", body)
	}
}

// TestWorkshopStyle: a row's print style is saved in the plan (only when
// it is not the settings' own), makes the styled files, and is chosen
// again when the plan is opened.
func TestWorkshopStyle(t *testing.T) {
	s := newSite(t)
	f := form("rows", "2", "r0-audience", "youth", "r0-lang", "en", "r0-format", "flyer", "r0-copies", "5", "r0-style", "large-print",
		"r1-audience", "youth", "r1-lang", "en", "r1-format", "safety-card", "r1-copies", "5", "r1-style", "standard",
		"paper", "letter", "plan-name", "clear.yaml", "action", "save")
	resp, body := s.post(t, "/workshop", f, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Saved as clear.yaml") {
		t.Fatalf("save = %d:\n%s", resp.StatusCode, body)
	}
	path := filepath.Join(s.dir, "clear.yaml")
	data, _ := os.ReadFile(path)
	if strings.Count(string(data), "style:") != 1 || !strings.Contains(string(data), "style: large-print") {
		t.Errorf("the plan writes the styles as:\n%s", data)
	}
	pl, err := plan.Load(testEngine(t), path, plan.Project{})
	if err != nil {
		t.Fatalf("the saved plan does not load: %v\n%s", err, data)
	}
	var names []string
	for _, o := range pl.Outputs {
		names = append(names, o.Name)
	}
	if want := []string{"youth-flyer-en-large-print.pdf", "youth-safety-card-en.pdf"}; !slices.Equal(names, want) {
		t.Errorf("the plan makes %v, want %v", names, want)
	}
	_, body = s.get(t, "/workshop?plan=clear.yaml")
	for _, want := range []string{`<select name="r0-style" id="r0-style"><option value="standard">Standard</option><option value="large-print" selected>`,
		`<select name="r1-style" id="r1-style"><option value="standard" selected>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the opened plan lacks %s", want)
		}
	}
	// A style the row's format does not take is the row's problem.
	f.Set("r1-style", "high-contrast")
	f.Set("r1-format", "poster")
	f.Set("action", "check")
	_, body = s.post(t, "/workshop", f, nil)
	if !strings.Contains(body, `href="#r1-style"`) || !strings.Contains(body, "format poster is made in the standard style only") {
		t.Errorf("the check does not place the style problem at the row's style:\n%s", body)
	}
}

// TestWorkshopKeepsEarlierBuilds: every workshop is built into out/, most
// under the form's one plan name; a second workshop's build removed the
// first's materials (a build removes what its plan no longer makes), and
// the page said nothing, with no saved plan to make them again. They are
// kept, and the build page names them.
func TestWorkshopKeepsEarlierBuilds(t *testing.T) {
	s := newSite(t)
	for _, audience := range []string{"youth", "health"} {
		f := form("rows", "1", "r0-audience", audience, "r0-lang", "en", "r0-format", "flyer", "action", "build")
		if resp, _ := s.post(t, "/workshop", f, nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("build %s = %d", audience, resp.StatusCode)
		}
		waitBuild(t, s)
	}
	for _, name := range []string{"youth-flyer-en.pdf", "health-flyer-en.pdf"} {
		if _, err := os.Stat(filepath.Join(s.dir, "out", name)); err != nil {
			t.Errorf("after the second workshop: %v", err)
		}
	}
	_, page := s.get(t, "/workshop/build")
	if !strings.Contains(page, "still holds 1 file that an earlier build made") || !strings.Contains(page, "youth-flyer-en.pdf") {
		t.Errorf("the build page does not name the earlier workshop's flyer:\n%s", page)
	}
}

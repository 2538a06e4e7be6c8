package serve

import (
	"bytes"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/plan"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestContentChoices: provinces come from the content; languages a
// fluent speaker must rewrite are marked so, with why, and the box that
// allows them as proofs is there.
func TestContentChoices(t *testing.T) {
	s := newSite(t)
	_, body := s.get(t, "/")
	for _, p := range s.srv.eng.Lib.Provinces() {
		if !strings.Contains(body, `<option value="`+p.ID+`">`+p.Name+`</option>`) {
			t.Errorf("no province %s (%s) on the form", p.ID, p.Name)
		}
	}
	rewrite := 0
	for _, tag := range s.srv.eng.Languages() {
		marked := strings.Contains(body, `id="lang-`+tag+`" value="`+tag+`" aria-describedby="rewrite-hint`)
		if marked != s.srv.mustRewrite(tag) {
			t.Errorf("%s marked must-rewrite = %v", tag, marked)
		}
		if marked {
			rewrite++
		}
	}
	if rewrite == 0 || !strings.Contains(body, `id="allow-draft"`) {
		t.Errorf("%d languages marked must-rewrite; allow-draft box there = %v", rewrite, strings.Contains(body, `id="allow-draft"`))
	}
	for i := range profile.MaxLocal {
		if !strings.Contains(body, `id="local-`+string(rune('0'+i))+`-label"`) {
			t.Errorf("no local contact row %d", i+1)
		}
	}
	_, fr := s.get(t, "/?ui=fr")
	if !strings.Contains(fr, ">Colombie-Britannique</option>") || !strings.Contains(fr, "à réécrire") {
		t.Error("the French page does not name the provinces or the must-rewrite languages in French")
	}
}

// TestDrafts: as generate, a language that must be rewritten is refused
// unless drafts are allowed, saying why; every draft language is said in
// English, as generate says it on stderr.
func TestDrafts(t *testing.T) {
	s := newSite(t)
	var rewrite string
	for _, tag := range s.srv.eng.Languages() {
		if s.srv.mustRewrite(tag) {
			rewrite = tag
			break
		}
	}
	if rewrite == "" {
		t.Skip("no language must be rewritten")
	}
	q := form("audience", "indigenous", "lang", rewrite, "format", "flyer")
	_, body := s.get(t, "/preview?"+q.Encode())
	if strings.Contains(body, "<img") || !strings.Contains(body, "allow-draft") {
		t.Errorf("%s without allow-draft was drawn, or the refusal does not say why:\n%s", rewrite, body)
	}
	if resp, _ := s.post(t, "/make", q, nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("make %s without allow-draft = %d", rewrite, resp.StatusCode)
	}
	_, page := s.get(t, "/?"+q.Encode())
	if !strings.Contains(page, `href="#lang-`+rewrite+`"`) {
		t.Errorf("the problem is not linked to the language")
	}
	q.Set("allow-draft", "on")
	q.Add("lang", "pa")
	_, body = s.get(t, "/preview?"+q.Encode())
	jobs, _ := s.srv.eng.Expand(generate.Matrix{Audiences: []string{"indigenous"}, Langs: []string{rewrite, "pa"}, Formats: []string{"flyer"}, Paper: "letter", AllowDraft: true})
	notices, err := s.srv.eng.Drafts(jobs)
	if err != nil || len(notices) != 2 {
		t.Fatalf("engine notices %v, %v", notices, err)
	}
	for _, n := range notices {
		if !strings.Contains(body, html.EscapeString(n)) {
			t.Errorf("the preview does not say %q:\n%s", n, body)
		}
	}
	if strings.Count(body, "<img") != 2 {
		t.Errorf("%d pages drawn with drafts allowed", strings.Count(body, "<img"))
	}
	resp, _ := s.post(t, "/make", q, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("make with allow-draft = %d", resp.StatusCode)
	}
	_, page = s.get(t, resp.Header.Get("Location"))
	if !strings.Contains(page, html.EscapeString(notices[0])) || !strings.Contains(page, `<ul lang="en">`) {
		t.Error("the files made do not come with the draft notices, marked as English")
	}
}

// TestProvinceAndLocal: the province's verified lines and the
// organisation's own local contacts are printed as generate prints them
// with --province and organisation.local.
func TestProvinceAndLocal(t *testing.T) {
	s := newSite(t)
	q := form("audience", "youth", "lang", "en", "format", "flyer", "format", "sms", "province", "bc", "org-name", "Riverside Settlement Services",
		"local-0-label", "Riverside police, non-emergency", "local-0-phone", "604-555-0199",
		"local-1-label", "Riverside victim services", "local-1-website", "victims.example.org")
	resp, body := s.post(t, "/make", q, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("make = %d\n%s", resp.StatusCode, body)
	}
	org := profile.Organisation{Name: "Riverside Settlement Services", Local: []profile.LocalContact{
		{Label: "Riverside police, non-emergency", Phone: "604-555-0199"}, {Label: "Riverside victim services", Website: "victims.example.org"}}}
	org, err := org.Check(nil)
	if err != nil {
		t.Fatal(err)
	}
	brand, _ := org.Brand()
	job, err := s.srv.eng.Resolve(generate.Job{Audience: "youth", Lang: "en", Format: "flyer", Paper: "letter", Province: "bc"})
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.srv.eng.Render(job, org, brand)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(s.dir, "out", "youth-flyer-en.pdf"))
	if !bytes.Equal(got, want) {
		t.Error("the flyer differs from generate's with --province bc and the same local contacts")
	}
	_, page := s.get(t, resp.Header.Get("Location"))
	if !strings.Contains(page, "sms: no room for") {
		t.Error("the page does not say what the SMS leaves out")
	}
	pdftest.Need(t, "pdftotext")
	path := filepath.Join(s.dir, "out", "youth-flyer-en.pdf")
	text := pdftest.Normalize(pdftest.Text(t, path))
	for _, w := range []string{"Riverside police, non-emergency", "604-555-0199"} {
		if !strings.Contains(text, w) {
			t.Errorf("the flyer lacks %q", w)
		}
	}

	// Local contacts without the organisation's name, and one with no
	// number, are refused at their fields.
	bad := form("audience", "youth", "lang", "en", "format", "flyer", "local-0-label", "Riverside police", "local-0-phone", "604-555-0199", "local-2-label", "Nothing")
	_, page = s.get(t, "/?"+bad.Encode())
	for _, w := range []string{`href="#local-0-label"`, `href="#local-2-label"`, "has no phone and no website"} {
		if !strings.Contains(page, w) {
			t.Errorf("the page lacks %s", w)
		}
	}
	if _, body := s.get(t, "/preview?"+form("audience", "youth", "lang", "en", "format", "flyer", "province", "zz").Encode()); !strings.Contains(body, `unknown province &#34;zz&#34;`) {
		t.Errorf("an unknown province:\n%s", body)
	}
}

// TestWorkshopContent: a plan made on the page carries its province,
// its local contacts and its allowance of drafts, and opens with them.
func TestWorkshopContent(t *testing.T) {
	s := newSite(t)
	f := form("rows", "1", "r0-audience", "youth", "r0-lang", "en", "r0-format", "flyer", "province", "ns", "allow-draft", "on",
		"org-name", "Riverside", "local-0-label", "Halifax police, non-emergency", "local-0-phone", "902-555-0100",
		"plan-name", "ns.yaml", "action", "save")
	if resp, body := s.post(t, "/workshop", f, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("save = %d\n%s", resp.StatusCode, body)
	}
	pl, err := plan.Load(s.srv.eng, filepath.Join(s.dir, "ns.yaml"), plan.Project{})
	if err != nil {
		t.Fatal(err)
	}
	if pl.Province != "ns" || !pl.AllowDraft || len(pl.Org.Local) != 1 || pl.Org.Local[0].Phone != "902-555-0100" {
		t.Errorf("saved plan: province %q, allow draft %v, local %+v", pl.Province, pl.AllowDraft, pl.Org.Local)
	}
	_, body := s.get(t, "/workshop?plan=ns.yaml")
	for _, w := range []string{`<option value="ns" selected>`, `id="allow-draft" checked`, `value="Halifax police, non-emergency"`, `value="902-555-0100"`} {
		if !strings.Contains(body, w) {
			t.Errorf("the opened plan lacks %s", w)
		}
	}
}

// TestMissingFont: on a computer without a font for a language (here:
// an engine that may search only an empty folder), the form says so
// beside the language, with what to install, and the preview and "Make"
// refuse it with the same words instead of printing empty boxes.
func TestMissingFont(t *testing.T) {
	eng, err := generate.Open(generate.Config{Creator: "awarekit test", Date: testEngine(t).Date, FontDirs: []string{t.TempDir()}})
	if err != nil {
		t.Fatal(err)
	}
	l, err := eng.Language("pa")
	if err != nil || l.FontsErr == nil {
		t.Fatalf("pa without font folders: %v, fonts error %v", err, l.FontsErr)
	}
	s := newSite(t, func(c *Config) { c.Engine = eng })
	_, body := s.get(t, "/")
	hint := l.FontsErr.Error()
	if !strings.Contains(body, `id="lang-pa-font"`) || !strings.Contains(html.UnescapeString(body), hint) || !strings.Contains(hint, "install") {
		t.Errorf("the form does not say pa's font is missing with what to install (%s)", hint)
	}
	if en, _ := eng.Language("en"); en.FontsErr != nil || strings.Contains(body, `id="lang-en-font"`) {
		t.Errorf("English, drawn with the embedded fonts, is marked: %v", en.FontsErr)
	}
	q := form("audience", "newcomers", "lang", "pa", "format", "flyer")
	_, body = s.get(t, "/preview?"+q.Encode())
	if strings.Contains(body, "<img") || !strings.Contains(body, "fonts-noto-core") && !strings.Contains(body, "Font Book") && !strings.Contains(body, "Windows") {
		t.Errorf("the preview of pa without its font:\n%s", body)
	}
	if resp, _ := s.post(t, "/make", q, nil); resp.StatusCode == http.StatusSeeOther {
		t.Error("Make made pa without its font")
	}
	if _, err := os.Stat(filepath.Join(s.dir, "out", "newcomers-flyer-pa.pdf")); err == nil {
		t.Error("a pa flyer was written without its font")
	}
}

package serve

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/profile"
)

var (
	engOnce sync.Once
	eng     *generate.Engine
	engErr  error
)

// testEngine is one engine for the package's tests: loading content and
// fonts once keeps them fast, and an engine is safe to share.
func testEngine(t testing.TB) *generate.Engine {
	t.Helper()
	engOnce.Do(func() {
		eng, engErr = generate.New("awarekit test", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	})
	if engErr != nil {
		t.Fatal(engErr)
	}
	return eng
}

// site is a server under test, listening on loopback as `awarekit serve`
// does, in a folder of its own inside an otherwise empty parent, so a
// test can see that nothing is written beside the folder.
type site struct {
	*httptest.Server
	srv    *Server
	dir    string
	parent string
	client *http.Client
}

func newSite(t *testing.T, mod ...func(*Config)) *site {
	t.Helper()
	parent := t.TempDir()
	dir := filepath.Join(parent, "project")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	cfg := Config{Engine: testEngine(t), Dir: dir, Addr: ts.Listener.Addr().String(), Version: "test",
		Defaults: Defaults{Audiences: []string{"youth"}, Langs: []string{"en"}, Formats: []string{"flyer"}, Paper: "letter"}}
	for _, m := range mod {
		m(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv.Handler()
	ts.Start()
	t.Cleanup(func() { ts.Close(); srv.Close() })
	c := ts.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &site{Server: ts, srv: srv, dir: dir, parent: parent, client: c}
}

// do sends a request as the page in a browser would (same origin).
func (s *site) do(t *testing.T, method, path string, body io.Reader, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Origin", s.URL)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(data)
}

func (s *site) get(t *testing.T, path string, header ...string) (*http.Response, string) {
	t.Helper()
	return s.do(t, http.MethodGet, path, nil, header...)
}

// multipartForm encodes fields, and a logo when given, as a browser does.
func multipartForm(t testing.TB, fields url.Values, logo []byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if logo != nil {
		fw, err := mw.CreateFormFile("logo-file", "logo.png")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(logo)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func (s *site) post(t *testing.T, path string, fields url.Values, logo []byte, header ...string) (*http.Response, string) {
	t.Helper()
	body, ct := multipartForm(t, fields, logo)
	return s.do(t, http.MethodPost, path, body, append([]string{"Content-Type", ct}, header...)...)
}

func pngLogo(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 60, 30))
	for y := range 30 {
		for x := range 60 {
			img.Set(x, y, color.NRGBA{R: uint8(4 * x), G: 90, B: 160, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// TestMaterialsPage: the form offers what the engine has (every audience,
// language and format, from its tables), marks draft languages, and is
// filled from the folder's settings.
func TestMaterialsPage(t *testing.T) {
	s := newSite(t)
	resp, body := s.get(t, "/")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d", resp.StatusCode)
	}
	for _, id := range s.srv.eng.AudienceIDs() {
		if !strings.Contains(body, `id="audience-`+id+`"`) {
			t.Errorf("no audience %s on the form", id)
		}
	}
	for _, tag := range s.srv.eng.Languages() {
		if !strings.Contains(body, `id="lang-`+tag+`"`) {
			t.Errorf("no language %s on the form", tag)
		}
	}
	for _, f := range format.Names() {
		if !strings.Contains(body, `id="format-`+f+`"`) {
			t.Errorf("no format %s on the form", f)
		}
	}
	// Drafts are marked; English, the source, is not.
	for _, tag := range []string{"fr", "en"} {
		l, _ := s.srv.eng.Language(tag)
		li := regexp.MustCompile(`(?s)<li><input type="checkbox" name="lang" id="lang-` + tag + `".*?</li>`).FindString(body)
		marked := strings.Contains(li, "draft translation")
		if want := strings.HasPrefix(l.Status, "draft"); marked != want {
			t.Errorf("%s is marked draft = %v; its status is %q\n%s", tag, marked, l.Status, li)
		}
	}
	// The settings fill the form.
	for _, want := range []string{`id="audience-youth" value="youth" checked`, `id="lang-en" value="en" checked`, `id="format-flyer" value="flyer" aria-describedby="format-flyer-hint" checked`} {
		if !strings.Contains(strings.ReplaceAll(body, ` checked aria-describedby="format-flyer-hint"`, ` aria-describedby="format-flyer-hint" checked`), want) {
			t.Errorf("the form is not filled from the settings: no %s", want)
		}
	}
	if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("no content security policy: %q", resp.Header.Get("Content-Security-Policy"))
	}
}

// TestPageLanguage: the page speaks the browser's language where it has
// it (English and French), ?ui= picks one, anything else is English.
func TestPageLanguage(t *testing.T) {
	s := newSite(t)
	tests := []struct {
		accept, query, want, says string
	}{
		{"", "", "en", "Make materials"},
		{"fr-CA,fr;q=0.9,en;q=0.5", "", "fr", "Créer des documents"},
		{"de-DE,de", "", "en", "Make materials"},
		{"fr", "?ui=en", "en", "Make materials"},
		{"en", "?ui=fr", "fr", "Créer des documents"},
		{"pa-IN", "?ui=xx", "en", "Make materials"},
	}
	for _, tt := range tests {
		_, body := s.get(t, "/"+tt.query, "Accept-Language", tt.accept)
		if !strings.Contains(body, `<html lang="`+tt.want+`">`) || !strings.Contains(body, tt.says) {
			t.Errorf("Accept-Language %q %s: want lang %s saying %q", tt.accept, tt.query, tt.want, tt.says)
		}
	}
	// The link to the other language keeps the form as it was asked for.
	_, body := s.get(t, "/?audience=health&lang=en&format=poster")
	if want := `href="?audience=health&amp;format=poster&amp;lang=en&amp;ui=fr" lang="fr"`; !strings.Contains(body, want) {
		t.Errorf("the link to the French page loses the form: no %s", want)
	}
	_, body = s.get(t, "/?audience=health&lang=en&format=poster&ui=fr")
	if !strings.Contains(body, `id="audience-health" value="health" checked`) || !strings.Contains(body, `href="?audience=health&amp;format=poster&amp;lang=en&amp;ui=en" lang="en"`) {
		t.Error("the French page does not keep the form, or its link to English loses it")
	}
	_, body = s.get(t, "/?audience=health&org-name="+url.QueryEscape(`"><script>alert(1)</script>`))
	if strings.Contains(body, "<script>alert") || !strings.Contains(body, `org-name=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;ui=fr"`) {
		t.Error("a field's text went into the language link unescaped, or not at all")
	}
	// Every language has a name in French, CLDR's or the page's own.
	frUI := s.srv.ui.ui("fr")
	for _, l := range s.srv.choices.Languages {
		if got := frUI.LangName(l.Tag, l.Name); l.Tag != "en" && got == l.Name {
			t.Errorf("the French page names %s in English: %q", l.Tag, got)
		}
	}
	// Audience names come from the materials' own messages, in French.
	_, body = s.get(t, "/?ui=fr")
	fr := s.srv.eng.Lib.Catalog.Locale("fr")
	name, err := fr.Text("audience.youth.name", nil)
	if err != nil || !strings.Contains(body, ">"+name+"</label>") {
		t.Errorf("the youth audience is not named %q on the French page (%v)", name, err)
	}
}

var (
	templateT = regexp.MustCompile(`\.T "([a-z_.-]+)"`)
	goT       = regexp.MustCompile(`\bu\.T\("([a-z_.-]+)"[,)]`)
)

// TestPageMessages: every word the page uses is in every language file,
// with the same placeholders, and no file has a message nothing uses.
func TestPageMessages(t *testing.T) {
	c, err := loadUI()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, glob := range []string{"templates/*.html", "*.go"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, re := range []*regexp.Regexp{templateT, goT} {
				for _, m := range re.FindAllStringSubmatch(string(data), -1) {
					used[m[1]] = true
				}
			}
		}
	}
	// Names built from the engine's tables. A format the page has no words
	// for is shown with the table's English, so a new format needs none
	// here; a message for a format that is gone is stale.
	c0, _ := loadUI()
	for _, f := range format.Formats {
		for _, id := range []string{"format." + f.Name + ".name", "format." + f.Name + ".hint"} {
			if _, ok := c0.cat.Locale("en").Messages[id]; ok {
				used[id] = true
			}
		}
	}
	for _, g := range format.Groups {
		for _, id := range []string{"format." + g.Name + ".name", "format." + g.Name + ".hint"} {
			if _, ok := c0.cat.Locale("en").Messages[id]; ok {
				used[id] = true
			}
		}
	}
	for _, p := range []string{"letter", "a4"} {
		used["paper."+p] = true
	}
	for _, im := range layout.ImpositionNames {
		used["form.imposition."+im], used["form.imposition."+im+"-hint"] = true, true
	}
	for _, st := range layout.StyleNames {
		used["style."+st], used["style."+st+"-hint"] = true, true
	}
	for _, b := range format.BackendNames() {
		used["backend."+b] = true
	}
	for _, p := range testEngine(t).Lib.Provinces() {
		used["province."+p.ID] = true
	}
	for _, tag := range testEngine(t).Languages() {
		if _, ok := c0.cat.Locale("en").Messages["langname."+tag]; ok {
			used["langname."+tag] = true
		}
	}
	for _, part := range []string{"label", "phone", "website"} {
		used["form.local-"+part+".label"], used["form.local-"+part+".hint"] = true, true
	}
	for _, id := range []string{"form.org-name.label", "form.org-name.hint", "form.phone.label", "form.phone.hint", "form.email.label", "form.email.hint",
		"form.website.label", "form.website.hint", "form.ev-name.label", "form.ev-name.hint", "form.ev-date.label", "form.ev-date.hint",
		"form.ev-place.label", "form.ev-place.hint", "form.ev-facilitator.label", "form.ev-facilitator.hint", "form.plan-name.label", "form.plan-name.hint",
		"form.color.label", "form.bleed.label"} {
		used[id] = true
	}
	en := c.cat.Locale("en")
	// The English names of provinces are the content's.
	for _, p := range testEngine(t).Lib.Provinces() {
		if got := en.Messages["province."+p.ID]; got != p.Name {
			t.Errorf("en.toml names %s %q; the content names it %q", p.ID, got, p.Name)
		}
	}
	for id := range used {
		if _, ok := en.Messages[id]; !ok {
			t.Errorf("the page uses %s, which en.toml lacks", id)
		}
	}
	for id := range en.Messages {
		if !used[id] {
			t.Errorf("en.toml has %s, which nothing uses", id)
		}
	}
	for _, tag := range c.tags {
		l := c.cat.Locale(tag)
		for id, text := range en.Messages {
			got, ok := l.Messages[id]
			if !ok {
				t.Errorf("%s.toml lacks %s", tag, id)
				continue
			}
			if a, b := placeholders(text), placeholders(got); !slices.Equal(a, b) {
				t.Errorf("%s.toml %s has placeholders %v; en has %v", tag, id, b, a)
			}
		}
		for id := range l.Messages {
			if _, ok := en.Messages[id]; !ok {
				t.Errorf("%s.toml has %s, which en.toml lacks", tag, id)
			}
		}
	}
}

func placeholders(s string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`{{\s*\.(\w+)\s*}}`).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

var imgSrc = regexp.MustCompile(`<img src="([^"]+)" alt="([^"]+)"`)

// TestPreview: the preview lists each page of each document as an image
// the engine's PNG backend draws, a text format's text, and the html
// format in a sandboxed frame.
func TestPreview(t *testing.T) {
	s := newSite(t)
	q := form("audience", "youth", "lang", "en", "lang", "ar", "format", "flyer", "format", "handout", "format", "sms", "format", "html")
	resp, body := s.get(t, "/preview?"+q.Encode())
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("preview = %d\n%s", resp.StatusCode, body)
	}
	imgs := imgSrc.FindAllStringSubmatch(body, -1)
	// en flyer 1 + en handout 3 + ar flyer 1 + ar handout 3 = 8 pages
	// (the preview shows the first six documents, audience × language ×
	// format order: en flyer, handout, sms, html, ar flyer, handout; the
	// youth handout's law, story and help go on to a third page).
	if len(imgs) != 8 {
		t.Fatalf("%d page images, want 8:\n%s", len(imgs), body)
	}
	if !strings.Contains(body, "1-833-900-1010") {
		t.Error("the SMS text with the hotline is not shown")
	}
	if !strings.Contains(body, `<iframe src="/page.html?`) || !strings.Contains(body, `sandbox=""`) {
		t.Error("the html format is not shown in a sandboxed frame")
	}
	for _, m := range imgs {
		src := strings.ReplaceAll(m[1], "&amp;", "&")
		resp, data := s.get(t, src)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("%s = %d %s: %s", src, resp.StatusCode, resp.Header.Get("Content-Type"), data)
		}
		img, err := png.Decode(strings.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if b := img.Bounds(); b.Dy() < 700 || b.Dy() > 900 {
			t.Errorf("%s is %v; a preview page is about 800 pixels tall", src, b)
		}
	}
	frame := regexp.MustCompile(`<iframe src="([^"]+)"`).FindStringSubmatch(body)[1]
	resp, page := s.get(t, strings.ReplaceAll(frame, "&amp;", "&"))
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "sandbox") || !strings.Contains(page, "1-833-900-1010") {
		t.Errorf("the html preview = %d, CSP %q", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	// The same page twice is the same image: the preview is the engine's
	// deterministic drawing.
	src := strings.ReplaceAll(imgs[0][1], "&amp;", "&")
	_, a := s.get(t, src)
	s.srv.images = newCache[string, []byte](4)
	s.srv.layouts = newCache[layoutKey, *laidOut](4)
	_, b := s.get(t, src)
	if a != b {
		t.Error("the same page drawn twice differs")
	}
	// A page past the end is not found.
	if resp, _ := s.get(t, strings.Replace(src, "page=1", "page=9", 1)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("page 9 of a flyer = %d", resp.StatusCode)
	}
}

// TestPreviewProblems: a form the engine cannot make says why, at its field.
func TestPreviewProblems(t *testing.T) {
	s := newSite(t)
	tests := []struct {
		name string
		form url.Values
		want string
	}{
		{"no audience", form("lang", "en", "format", "flyer", "sent", "1"), "Choose at least one audience."},
		{"bad phone", form("audience", "youth", "lang", "en", "format", "flyer", "phone", "call us"), "Phone: "},
		{"bad email", form("audience", "youth", "lang", "en", "format", "flyer", "email", "mailto:x@example.org"), "Email: "},
		{"one language of two", form("audience", "youth", "lang", "en", "format", "flyer", "first", "fr"), "Choose both languages, or neither."},
		{"no bilingual form", form("audience", "youth", "first", "fr", "second", "en", "format", "handout"), "has no bilingual form"},
		{"bleed", form("audience", "youth", "lang", "en", "format", "flyer", "bleed", "50"), "from 0 to 20"},
		{"a style the format does not take", form("audience", "youth", "lang", "en", "format", "poster", "style", "high-contrast"),
			"format poster is made in the standard style only; high-contrast works with: flyer, handout, cards, safety-card"},
		{"an imposition typed by hand", form("audience", "youth", "lang", "en", "format", "cards", "imposition", "double"), "Choose several cards to a sheet, or one card to a page."},
		{"a style misspelt", form("audience", "youth", "lang", "en", "format", "flyer", "style", "large"), `(did you mean &#34;large-print&#34;?)`},
		{"too many", func() url.Values {
			v := form("format", "flyer", "format", "handout", "format", "poster")
			for _, a := range testEngine(t).AudienceIDs() {
				v.Add("audience", a)
			}
			for _, l := range testEngine(t).Languages() {
				v.Add("lang", l)
			}
			return v
		}(), "at most 150"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, body := s.get(t, "/preview?"+tt.form.Encode())
			if !strings.Contains(body, tt.want) {
				t.Errorf("preview does not say %q:\n%s", tt.want, body)
			}
			if strings.Contains(body, "<img") {
				t.Error("a form with a problem drew pages")
			}
			// The page says it too, linked to the field.
			_, page := s.get(t, "/?"+tt.form.Encode())
			if !strings.Contains(page, `class="error-summary"`) || !strings.Contains(page, tt.want) {
				t.Errorf("the page does not list the problem %q", tt.want)
			}
		})
	}
}

// TestMake: "Make" writes the same files generate makes into out/, lists
// them with links, and sends each, or all as a zip.
func TestMake(t *testing.T) {
	s := newSite(t)
	f := form("audience", "youth", "lang", "en", "lang", "fr", "format", "flyer", "format", "sms", "org-name", "Riverside Settlement Services", "phone", "604-555-0134")
	resp, body := s.post(t, "/make", f, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("make = %d\n%s", resp.StatusCode, body)
	}
	loc := resp.Header.Get("Location")
	if !strings.Contains(loc, "set=") || !strings.Contains(loc, "org-name=Riverside") {
		t.Fatalf("redirect to %s", loc)
	}
	want := []string{"youth-flyer-en.pdf", "youth-flyer-fr.pdf", "youth-sms-en.txt", "youth-sms-fr.txt"}
	// The same bytes as the engine makes for generate.
	eng := testEngine(t)
	org := profile.Organisation{Name: "Riverside Settlement Services", Phone: "604-555-0134"}
	brand, _ := org.Brand()
	jobs, err := eng.Expand(generate.Matrix{Audiences: []string{"youth"}, Langs: []string{"en", "fr"}, Formats: []string{"flyer", "sms"}, Paper: "letter"})
	if err != nil {
		t.Fatal(err)
	}
	expect := map[string][]byte{}
	for _, j := range jobs {
		files, _, err := eng.Files(j, "", org, brand)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			expect[f.Name] = f.Data
		}
	}
	for _, name := range want {
		got, err := os.ReadFile(filepath.Join(s.dir, "out", name))
		if err != nil {
			t.Fatalf("%s not written: %v", name, err)
		}
		if !bytes.Equal(got, expect[name]) {
			t.Errorf("%s differs from what the engine makes for generate", name)
		}
	}
	_, page := s.get(t, loc)
	for _, name := range want {
		if !strings.Contains(page, `href="/files/`+name+`"`) {
			t.Errorf("the page does not link %s", name)
		}
	}
	resp, pdf := s.get(t, "/files/youth-flyer-fr.pdf")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") || pdf != string(expect["youth-flyer-fr.pdf"]) {
		t.Errorf("download = %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
	pdftest.Need(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "dl.pdf")
	os.WriteFile(path, []byte(pdf), 0o644)
	if text := pdftest.Text(t, path); !strings.Contains(text, "1-833-900-1010") || !strings.Contains(text, "604-555-0134") {
		t.Errorf("the downloaded PDF lacks the hotline or the organisation's phone:\n%s", text)
	}
	zipHref := regexp.MustCompile(`href="(/zip\?set=[0-9a-f]+)"`).FindStringSubmatch(page)
	if zipHref == nil {
		t.Fatal("no zip link")
	}
	resp, z := s.get(t, zipHref[1])
	zr, err := zip.NewReader(strings.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatalf("zip = %d: %v", resp.StatusCode, err)
	}
	var names []string
	for _, zf := range zr.File {
		names = append(names, zf.Name)
		rc, _ := zf.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(data, expect[zf.Name]) {
			t.Errorf("%s in the zip differs", zf.Name)
		}
	}
	slices.Sort(names)
	if !slices.Equal(names, want) {
		t.Errorf("zip holds %v, want %v", names, want)
	}
	onlyProject(t, s)
}

// TestMakeStyle: the form's print style makes the same large-print
// file, under the same name, as generate --style does.
func TestMakeStyle(t *testing.T) {
	s := newSite(t)
	_, page := s.get(t, "/")
	for _, st := range layout.StyleNames {
		if !strings.Contains(page, `name="style" id="style-`+st+`" value="`+st+`"`) {
			t.Errorf("the form offers no %s style", st)
		}
	}
	resp, body := s.post(t, "/make", form("audience", "youth", "lang", "en", "format", "safety-card", "style", "large-print"), nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("make = %d\n%s", resp.StatusCode, body)
	}
	if loc := resp.Header.Get("Location"); !strings.Contains(loc, "style=large-print") {
		t.Errorf("the page after Make forgets the style: %s", loc)
	}
	eng := testEngine(t)
	j, err := eng.Resolve(generate.Job{Audience: "youth", Lang: "en", Format: "safety-card", Paper: "letter", Style: "large-print"})
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := eng.Files(j, "", profile.Organisation{}, doc.Brand{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(s.dir, "out", "youth-safety-card-en-large-print.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || !bytes.Equal(got, files[0].Data) {
		t.Error("the large-print safety card differs from what generate --style large-print makes")
	}
}

// TestMakeKitAndImposition: the workshop kit is one box, as -f kit is
// one name, and the print shop's imposition reaches the cards: the
// form makes the same files as generate -f kit,cards --imposition single.
func TestMakeKitAndImposition(t *testing.T) {
	s := newSite(t)
	_, page := s.get(t, "/")
	kit := strings.Index(page, `name="format" id="format-kit" value="kit"`)
	guide := strings.Index(page, `id="format-`+format.KitFormats()[0]+`"`)
	if kit < 0 || guide < 0 || kit > guide {
		t.Errorf("the form offers no workshop kit box before the kit's first part (kit at %d, %s at %d)", kit, format.KitFormats()[0], guide)
	}
	for _, im := range layout.ImpositionNames {
		if !strings.Contains(page, `name="imposition" id="imposition-`+im+`" value="`+im+`"`) {
			t.Errorf("the form offers no %s imposition", im)
		}
	}
	resp, body := s.post(t, "/make", form("audience", "newcomers", "lang", "en", "format", "kit", "format", "cards", "imposition", "single"), nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("make = %d\n%s", resp.StatusCode, body)
	}
	if loc := resp.Header.Get("Location"); !strings.Contains(loc, "imposition=single") || !strings.Contains(loc, "format=kit") {
		t.Errorf("the page after Make forgets the kit or the imposition: %s", loc)
	}
	eng := testEngine(t)
	jobs, err := eng.Expand(generate.Matrix{Audiences: []string{"newcomers"}, Langs: []string{"en"}, Formats: []string{"kit", "cards"}, Paper: "letter",
		Print: layout.PrintOptions{Imposition: layout.ImposeSingle}})
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != len(format.KitFormats())+1 {
		t.Fatalf("the engine makes %d files of the kit and cards, want %d", len(jobs), len(format.KitFormats())+1)
	}
	// The form's organisation: none, in the default colour.
	brand, _ := profile.Organisation{}.Brand()
	for _, j := range jobs {
		files, _, err := eng.Files(j, "", profile.Organisation{}, brand)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			got, err := os.ReadFile(filepath.Join(s.dir, "out", f.Name))
			if err != nil {
				t.Errorf("%s not made: %v", f.Name, err)
			} else if !bytes.Equal(got, f.Data) {
				t.Errorf("%s differs from what generate -f kit,cards --imposition single makes", f.Name)
			}
		}
	}
}

// onlyProject checks that nothing was written beside the server's folder.
func onlyProject(t *testing.T, s *site) {
	t.Helper()
	entries, err := os.ReadDir(s.parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "project" {
			t.Errorf("%s was written beside the server's folder", e.Name())
		}
	}
}

// TestLogo: a logo is checked as generate checks a logo file, kept in
// logos/ under its hash, and printed, with generate's warning when it is
// too coarse; a bad one is refused with generate's message.
func TestLogo(t *testing.T) {
	s := newSite(t)
	logo := pngLogo(t)
	f := form("audience", "youth", "lang", "en", "format", "flyer")
	resp, body := s.post(t, "/make", f, logo)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("make with a logo = %d\n%s", resp.StatusCode, body)
	}
	entries, _ := os.ReadDir(filepath.Join(s.dir, LogoDir))
	if len(entries) != 1 || !logoName.MatchString(entries[0].Name()) {
		t.Fatalf("logos/ holds %v", entries)
	}
	kept := filepath.Join(s.dir, LogoDir, entries[0].Name())
	if data, _ := os.ReadFile(kept); !bytes.Equal(data, logo) {
		t.Error("the logo kept is not the file sent")
	}
	if !strings.Contains(resp.Header.Get("Location"), "logo="+entries[0].Name()) {
		t.Errorf("the page after Make does not keep the logo: %s", resp.Header.Get("Location"))
	}
	// The page after Make says what generate says of the logo: 60 × 30
	// pixels are too coarse for a flyer (layout.LogoWarnings).
	if _, page := s.get(t, resp.Header.Get("Location")); !strings.Contains(page, "The logo you chose is only 60 × 30 pixels") {
		t.Errorf("the page after Make does not warn that the logo is too coarse:\n%s", page)
	}
	// The PDF is generate's with --logo on the same file.
	org := profile.Organisation{Logo: kept}
	brand, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	job, _ := testEngine(t).Resolve(generate.Job{Audience: "youth", Lang: "en", Format: "flyer", Paper: "letter"})
	want, err := testEngine(t).Render(job, org, brand)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(s.dir, "out", "youth-flyer-en.pdf")); !bytes.Equal(got, want) {
		t.Error("the flyer with the uploaded logo differs from generate's with --logo")
	}

	// The script's upload answers with the logo's name as JSON.
	resp, body = s.post(t, "/logo", nil, logo, "Accept", "application/json")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, entries[0].Name()) {
		t.Errorf("upload = %d %s", resp.StatusCode, body)
	}
	bad := []struct {
		name string
		data []byte
		want string
	}{
		{"text", []byte("not a picture at all"), "is not a PNG or JPEG image"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"), "is a GIF image"},
		{"truncated png", logo[:len(logo)/2], "damaged"},
	}
	for _, tt := range bad {
		resp, body := s.post(t, "/logo", nil, tt.data, "Accept", "application/json")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, tt.want) {
			t.Errorf("%s: upload = %d %s; want 400 saying %q", tt.name, resp.StatusCode, body, tt.want)
		}
		_, direct := profile.DecodeLogo("you chose", tt.data)
		if direct == nil || !strings.Contains(body, jsonString(strings.Replace(direct.Error(), "logo you chose", "The logo you chose", 1))) {
			t.Errorf("%s: the page's message is not generate's, as a sentence (%v)", tt.name, direct)
		}
		if !strings.Contains(body, `"The logo you chose `) {
			t.Errorf("%s: upload = %s; want a sentence, \"The logo you chose …\"", tt.name, body)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(s.dir, LogoDir)); len(entries) != 1 {
		t.Errorf("a refused logo was kept: %v", entries)
	}
}

func jsonString(s string) string {
	return strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`).Replace(s)
}

// TestSecurity: the checks that keep the page safe on a shared computer.
func TestSecurity(t *testing.T) {
	s := newSite(t)
	_, port, _ := strings.Cut(s.Listener.Addr().String(), ":")
	t.Run("foreign host", func(t *testing.T) {
		for host, want := range map[string]int{
			"evil.example:" + port:           http.StatusMisdirectedRequest, // DNS rebinding
			"evil.example":                   http.StatusMisdirectedRequest,
			"127.0.0.1:1":                    http.StatusMisdirectedRequest,
			"localhost:" + port:              http.StatusOK,
			"LOCALHOST:" + port:              http.StatusOK,
			"127.0.0.1:" + port:              http.StatusOK,
			"[::1]:" + port:                  http.StatusOK,
			"192.168.1.20:" + port:           http.StatusMisdirectedRequest, // not listening there
			"localhost.evil.example:" + port: http.StatusMisdirectedRequest,
		} {
			req, _ := http.NewRequest(http.MethodGet, s.URL+"/", nil)
			req.Host = host
			resp, err := s.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				t.Errorf("Host %s = %d, want %d", host, resp.StatusCode, want)
			}
		}
	})
	t.Run("cross-site post", func(t *testing.T) {
		f := form("audience", "youth", "lang", "en", "format", "flyer")
		for _, h := range [][]string{
			{"Sec-Fetch-Site", "cross-site"},
			{"Sec-Fetch-Site", "same-site"},
			{"Origin", "http://evil.example"},
		} {
			body, ct := multipartForm(t, f, nil)
			req, _ := http.NewRequest(http.MethodPost, s.URL+"/make", body)
			req.Header.Set("Content-Type", ct)
			req.Header.Set(h[0], h[1])
			resp, err := s.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("POST with %s: %s = %d, want 403", h[0], h[1], resp.StatusCode)
			}
		}
		if _, err := os.Stat(filepath.Join(s.dir, "out", "youth-flyer-en.pdf")); err == nil {
			t.Error("a cross-site request made a file")
		}
	})
	t.Run("oversized upload", func(t *testing.T) {
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp) // where the standard multipart reader would spill a large file
		big := append(pngLogo(t), make([]byte, profile.MaxLogoBytes)...)
		resp, body := s.post(t, "/logo", nil, big, "Accept", "application/json")
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "20 MB") {
			t.Errorf("a logo over 20 MB = %d %s", resp.StatusCode, body)
		}
		resp, _ = s.post(t, "/make", form("audience", "youth", "lang", "en", "format", "flyer"), big)
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("make with a logo over 20 MB = %d", resp.StatusCode)
		}
		// A form with no file is held to 1 MB.
		resp, _ = s.post(t, "/workshop", form("ev-name", strings.Repeat("x", 2<<20)), nil)
		if resp.StatusCode != http.StatusRequestEntityTooLarge && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("a 2 MB field = %d", resp.StatusCode)
		}
		if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
			t.Errorf("an upload was spilled to the temporary folder: %v", entries)
		}
		if _, err := os.Stat(filepath.Join(s.dir, LogoDir)); err == nil {
			entries, _ := os.ReadDir(filepath.Join(s.dir, LogoDir))
			if len(entries) > 0 {
				t.Errorf("an oversized logo was kept: %v", entries)
			}
		}
	})
	t.Run("path in a field", func(t *testing.T) {
		secret := filepath.Join(t.TempDir(), "secret.png")
		os.WriteFile(secret, pngLogo(t), 0o644)
		rel, _ := filepath.Rel(filepath.Join(s.dir, LogoDir), secret)
		for _, logo := range []string{secret, rel, "../secret.png", "logos/" + rel, strings.Repeat("0", 64) + ".png"} {
			_, body := s.get(t, "/preview?"+form("audience", "youth", "lang", "en", "format", "flyer", "logo", logo).Encode())
			if strings.Contains(body, "<img") || !strings.Contains(body, "Logo: ") {
				t.Errorf("logo=%s was used or not refused:\n%s", logo, body)
			}
		}
		for _, path := range []string{"/files/..%2Fsecret.png", "/files/%2E%2E", "/files/..", "/files/.%2F..%2Fsecret.png", "/files/" + url.PathEscape(secret)} {
			// Not found, or the mux's redirect to the cleaned path.
			if resp, _ := s.get(t, path); resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusTemporaryRedirect && resp.StatusCode != http.StatusMovedPermanently {
				t.Errorf("GET %s = %d", path, resp.StatusCode)
			}
		}
		if resp, body := s.get(t, "/workshop?plan=../secret.yaml"); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "file name ending in .yaml") {
			t.Errorf("opening ../secret.yaml = %d", resp.StatusCode)
		}
		wf := workshopForm("rows", "1", "r0-audience", "youth", "r0-lang", "en", "r0-format", "flyer", "plan-name", "../escape.yaml", "action", "save")
		if resp, _ := s.post(t, "/workshop", wf, nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("saving as ../escape.yaml = %d", resp.StatusCode)
		}
		onlyProject(t, s)
	})
}

func workshopForm(kv ...string) url.Values { return form(kv...) }

// TestConcurrent: many previews and makes at once are safe (run with
// -race) and each gets its own answer.
func TestConcurrent(t *testing.T) {
	s := newSite(t)
	langs := []string{"en", "fr", "es", "uk"}
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lang := langs[i%len(langs)]
			q := form("audience", "youth", "lang", lang, "format", "flyer")
			if i%4 == 0 {
				body, ct := multipartForm(t, q, nil)
				req, _ := http.NewRequest(http.MethodPost, s.URL+"/make", body)
				req.Header.Set("Content-Type", ct)
				req.Header.Set("Sec-Fetch-Site", "same-origin")
				resp, err := s.client.Do(req)
				if err == nil {
					resp.Body.Close()
					if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusConflict {
						err = fmt.Errorf("make %s = %d", lang, resp.StatusCode)
					}
				}
				if err != nil {
					errs <- err
				}
				return
			}
			resp, err := s.client.Get(s.URL + "/page.png?" + q.Encode() + "&doc=0&page=1")
			if err != nil {
				errs <- err
				return
			}
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if _, err := png.Decode(bytes.NewReader(data)); resp.StatusCode != http.StatusOK || err != nil {
				errs <- fmt.Errorf("page %s = %d: %v", lang, resp.StatusCode, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestNotFound: an unknown address is a page that says so.
func TestNotFound(t *testing.T) {
	s := newSite(t)
	resp, body := s.get(t, "/nothing-here")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "Page not found") {
		t.Errorf("GET /nothing-here = %d", resp.StatusCode)
	}
	if resp, _ := s.get(t, "/zip?set=0123"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown set's zip = %d", resp.StatusCode)
	}
}

// TestNew refuses a folder that is not there.
func TestNew(t *testing.T) {
	_, err := New(Config{Engine: testEngine(t), Dir: filepath.Join(t.TempDir(), "missing"), Addr: "127.0.0.1:1"})
	if err == nil || !strings.Contains(err.Error(), "--dir") {
		t.Errorf("New on a missing folder: %v", err)
	}
}

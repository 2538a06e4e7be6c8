package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/render/imagetest"
)

// The browser tests drive Debian's Chromium through the page as a person
// does: with a mouse, with the keyboard only, at desktop and phone
// width, with and without the page's script, and run axe-core on every
// page. They take a minute, so they run with AWAREKIT_FULL=1 (CI sets it).
//
// AWAREKIT_SCREENSHOTS=FOLDER keeps the screenshots they take there
// (the README's pictures are made so).

// axeVersion is the axe-core release CI installs (.ci/run), as the HTML
// format's accessibility test uses it.
const axeVersion = "4.14.1"

func needBrowser(t *testing.T) (chromium, axe string) {
	t.Helper()
	if os.Getenv("AWAREKIT_FULL") != "1" {
		t.Skip("drives a browser; set AWAREKIT_FULL=1 (CI does)")
	}
	need := func(msg string) {
		msg += "; the browser tests need the Debian package chromium and axe-core " + axeVersion + " (npm), found through $AWAREKIT_AXE_CORE"
		if pdftest.Required() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		need("chromium is not installed")
	}
	axe = os.Getenv("AWAREKIT_AXE_CORE")
	if axe == "" {
		if cache, err := os.UserCacheDir(); err == nil {
			axe = filepath.Join(cache, "awarekit", "axe-core-"+axeVersion)
		}
	}
	if !strings.HasSuffix(axe, ".js") {
		axe = filepath.Join(axe, "node_modules", "axe-core", "axe.min.js")
	}
	if _, err := os.Stat(axe); err != nil {
		need("axe-core is not at " + axe)
	}
	return chromium, axe
}

// newBrowser starts headless Chromium (imagetest.StartChromium) whose
// preferred language is lang, and returns a tab.
func newBrowser(t *testing.T, chromium string, lang string) context.Context {
	t.Helper()
	return imagetest.StartChromium(t, chromium, chromedp.Flag("lang", lang), chromedp.Flag("accept-lang", lang))
}

// within runs actions with a time limit.
func within(t *testing.T, ctx context.Context, d time.Duration, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if err := chromedp.Do(c, steps...); err != nil {
		t.Fatal(err)
	}
}

// waitFor waits until the script is true, across the page loads a
// form's submission makes (a Poll alone ends when the page goes).
func waitFor(t *testing.T, ctx context.Context, d time.Duration, js string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		c, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(c, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v still not true: %s (%v)", d, js, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// viewport sets the window's size; mobile emulates a phone.
func viewport(width, height int64, mobile bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: width, Height: height, DeviceScaleFactor: 1, Mobile: mobile,
		})
		return err
	})
}

// screenshot keeps a picture of the page at width × height pixels, or
// of the whole page when full, in $AWAREKIT_SCREENSHOTS when set (the
// README's pictures are made so), else in the test's folder.
func screenshot(t *testing.T, ctx context.Context, name string, width, height int64, mobile, full bool, top ...string) string {
	t.Helper()
	within(t, ctx, 30*time.Second, viewport(width, height, mobile))
	// The window shows the top of the page, or of the element named.
	eval[chromedp.Void](t, ctx, `document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)`)
	for _, sel := range top {
		eval[chromedp.Void](t, ctx, fmt.Sprintf(`document.querySelector(%q).scrollIntoView()`, sel))
	}
	if full {
		h := eval[int64](t, ctx, `Math.ceil(document.documentElement.scrollHeight)`)
		within(t, ctx, 30*time.Second, viewport(width, min(h, 6000), mobile))
	}
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	// What the window shows: the viewport alone, as a person sees it.
	png, err := chromedp.Run(c, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng})
		return r.Data, err
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("AWAREKIT_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	within(t, ctx, 30*time.Second, viewport(width, height, mobile))
	return path
}

type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

// axeCheck runs axe-core on the page as it is and fails on any
// violation. The page's content security policy allows no script but
// its own, so the check asks the browser to set it aside for axe.
func axeCheck(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	src, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	within(t, ctx, 30*time.Second, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
		return err
	}))
	if !eval[bool](t, ctx, `typeof axe !== "undefined"`) {
		eval[chromedp.Void](t, ctx, string(src))
	}
	c, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	res, err := chromedp.Run(c, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  return JSON.stringify(r.violations.map(function (x) {
    return {id: x.id, impact: x.impact, help: x.help, nodes: x.nodes.map(function (n) { return n.target.join(" ") + ": " + n.failureSummary; })};
  }));
})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe on %s: %v", name, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(res), &vs); err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("axe, %s: %s (%s): %s\n  %s", name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

// TestBrowserMaterials: a person opens the page, ticks an audience, two
// languages and a format, types the organisation, chooses a logo; the
// preview follows; "Make the files" makes them; the PDF downloaded
// through the browser holds the hotline and the organisation's phone.
func TestBrowserMaterials(t *testing.T) {
	chromium, axe := needBrowser(t)
	pdftest.Need(t, "pdftotext")
	s := newSite(t)
	ctx := newBrowser(t, chromium, "en-CA")
	within(t, ctx, time.Minute, chromedp.Navigate(s.URL+"/"), viewport(1400, 900, false))
	axeCheck(t, ctx, axe, "the form")

	// The settings ticked youth, English and flyer; choose newcomers in
	// Punjabi and French instead, and a handout too.
	within(t, ctx, time.Minute,
		chromedp.Click(chromedp.ID("audience-youth")),
		chromedp.Click(chromedp.ID("audience-newcomers")),
		chromedp.Click(chromedp.ID("lang-en")),
		chromedp.Click(chromedp.ID("lang-pa")),
		chromedp.Click(chromedp.ID("lang-fr")),
		chromedp.SendKeys(chromedp.ID("org-name"), "Riverside Settlement Services"),
		chromedp.SendKeys(chromedp.ID("phone"), "604-555-0134"),
	)
	logo := filepath.Join(t.TempDir(), "logo.png")
	os.WriteFile(logo, pngLogo(t), 0o644)
	within(t, ctx, time.Minute, chromedp.SetUploadFiles(chromedp.ID("logo-file"), []string{logo}))
	within(t, ctx, time.Minute, chromedp.Poll[chromedp.Void](`/^[0-9a-f]{64}\.png$/.test(document.getElementById("logo").value) && !document.getElementById("logo-now").hidden`))
	// The preview shows newcomers pages, drawn and loaded.
	waitPreview(t, ctx, "audience=newcomers", 2)
	if got := eval[string](t, ctx, `location.search`); !strings.Contains(got, "audience=newcomers") || !strings.Contains(got, "org-name=Riverside") {
		t.Errorf("the address does not follow the form: %s", got)
	}
	alts := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#preview-body img")).map(function (i) { return i.alt; })`)
	if len(alts) != 2 || !strings.Contains(alts[0], "Newcomers and migrant workers, Flyer, French") || !strings.Contains(alts[1], "Punjabi") {
		t.Errorf("preview images: %v", alts)
	}
	screenshot(t, ctx, "serve-form", 1280, 860, false, false)
	screenshot(t, ctx, "serve-form-full", 1400, 900, false, true)
	axeCheck(t, ctx, axe, "the form with its preview")

	// Add the handout: the preview follows, with its two pages.
	within(t, ctx, time.Minute, chromedp.Click(chromedp.ID("format-handout")))
	// One image a page: the two flyers and each handout's pages, as
	// many as the engine lays out for this organisation.
	org := profile.Organisation{Name: "Riverside Settlement Services", Phone: "604-555-0134", Logo: logo}
	waitPreview(t, ctx, "format=handout", 2+pagesOf(t, "newcomers", "fr", "handout", org)+pagesOf(t, "newcomers", "pa", "handout", org))

	// Make the files, then download the French flyer.
	within(t, ctx, 2*time.Minute, chromedp.Click(`button.primary`, chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.ID("files")))
	names := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#files .file-list a")).map(function (a) { return a.textContent; })`)
	want := []string{"newcomers-flyer-fr.pdf", "newcomers-flyer-pa.pdf", "newcomers-handout-fr.pdf", "newcomers-handout-pa.pdf"}
	slices.Sort(names)
	if !slices.Equal(names, want) {
		t.Errorf("files listed: %v, want %v", names, want)
	}
	screenshot(t, ctx, "serve-files", 1400, 900, false, true)
	axeCheck(t, ctx, axe, "the files made")
	downloads := t.TempDir()
	within(t, ctx, time.Minute, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := cdp.Call(ctx, chromedp.FromContext(ctx).Browser, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads})
		return err
	}), chromedp.Click(`#files a[href="/files/newcomers-flyer-fr.pdf"]`))
	got := filepath.Join(downloads, "newcomers-flyer-fr.pdf")
	made, _ := os.ReadFile(filepath.Join(s.dir, "out", "newcomers-flyer-fr.pdf"))
	// Waited for until it is whole (as long as the file in out/), not
	// for a file of some bytes and then 200 ms; the limit guards against
	// a download that never comes.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if st, err := os.Stat(got); err == nil && st.Size() >= int64(len(made)) {
			break
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(downloads)
			t.Fatalf("the download did not arrive whole (%d bytes); the folder holds %v", len(made), entries)
		}
		time.Sleep(100 * time.Millisecond)
	}
	text := pdftest.Normalize(pdftest.Text(t, got))
	for _, want := range []string{"1-833-900-1010", "604-555-0134", "Riverside Settlement Services"} {
		if !strings.Contains(text, want) {
			t.Errorf("the downloaded flyer lacks %q", want)
		}
	}
	if dl, _ := os.ReadFile(got); string(dl) != string(made) {
		t.Error("the download differs from the file in out/")
	}

	// A language a fluent speaker must rewrite: refused with why, the
	// problem listed and focused; allowed as a proof, the preview says
	// it is a draft, in English.
	within(t, ctx, time.Minute, chromedp.Navigate(s.URL+"/?audience=indigenous&lang=iu&format=flyer&province=nu"), chromedp.WaitVisible(chromedp.ID("errors")))
	if got := eval[string](t, ctx, `document.activeElement.id`); got != "errors" {
		t.Errorf("the list of problems is not focused; %q is", got)
	}
	axeCheck(t, ctx, axe, "a problem listed")
	within(t, ctx, time.Minute, chromedp.Click(chromedp.ID("allow-draft")))
	waitPreview(t, ctx, "allow-draft=on", 1)
	if notes := eval[string](t, ctx, `(document.querySelector("#preview-body .notes") || {}).textContent || ""`); !strings.Contains(notes, "Inuktitut (iu) is a draft that a fluent speaker must rewrite") {
		t.Errorf("the preview does not say the draft: %q", notes)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#errors, #materials .field-error:not([hidden])").length`); n != 0 {
		t.Errorf("%d problems still shown for a form that has none", n)
	}
	screenshot(t, ctx, "serve-draft", 1280, 860, false, false, "#preview")
	axeCheck(t, ctx, axe, "a draft allowed as a proof")

	// At phone width: nothing wider than the screen.
	within(t, ctx, time.Minute, chromedp.Navigate(s.URL+"/?ui=fr"), viewport(390, 844, true))
	if w := eval[int64](t, ctx, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
		t.Errorf("at phone width the page is %d pixels wider than the screen", w)
	}
	screenshot(t, ctx, "serve-phone-fr", 390, 844, true, false)
	screenshot(t, ctx, "serve-phone-fr-full", 390, 844, true, true)
	axeCheck(t, ctx, axe, "the French form at phone width")
}

// pagesOf is how many pages the engine lays out for a material.
func pagesOf(t *testing.T, audience, lang, format string, org profile.Organisation) int {
	t.Helper()
	eng := testEngine(t)
	r, err := eng.Resolve(generate.Job{Audience: audience, Lang: lang, Format: format, Paper: "letter"})
	if err != nil {
		t.Fatal(err)
	}
	brand, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	ld, err := eng.Layout(r, org, brand)
	if err != nil {
		t.Fatal(err)
	}
	return len(ld.Pages)
}

func waitPreview(t *testing.T, ctx context.Context, query string, images int) {
	t.Helper()
	// The preview's pictures load lazily, as a person scrolls to them; at
	// a phone's width they are far below the form, where Chromium loads
	// them or not depending on how fast it judges the connection (the
	// test failed now and then under load). The test wants them all, so
	// it asks for them eagerly.
	js := fmt.Sprintf(`(function () {
  var imgs = Array.from(document.querySelectorAll("#preview-body img"));
  imgs.forEach(function (i) { if (i.loading !== "eager") { i.loading = "eager"; } });
  return imgs.length === %d && imgs.every(function (i) { return i.src.indexOf(%q) >= 0 && i.complete && i.naturalWidth > 0; });
})()`, images, query)
	c, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	if _, err := chromedp.Run(c, chromedp.Poll[bool](js, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(85*time.Second))); err != nil {
		body := eval[string](t, ctx, `document.getElementById("preview").innerText`)
		t.Fatalf("the preview did not show %d images for %s: %v\n%s", images, query, err, body)
	}
}

// TestBrowserKeyboard: everything the form does can be done with the
// keyboard alone, and the focused control can always be seen.
func TestBrowserKeyboard(t *testing.T) {
	chromium, _ := needBrowser(t)
	s := newSite(t)
	ctx := newBrowser(t, chromium, "en")
	within(t, ctx, time.Minute, chromedp.Navigate(s.URL+"/"), viewport(1280, 900, false))
	// The first Tab reaches the link that skips to the form.
	within(t, ctx, time.Minute, chromedp.KeyEvent("\t"))
	if got := eval[string](t, ctx, `document.activeElement.className`); got != "skip" {
		t.Errorf("the first Tab reaches %q, not the skip link", got)
	}
	// Tab through the whole page: every control is reached once, each with
	// a visible focus mark, and Space ticks a box.
	seen := tabThrough(t, ctx, "audience-health")
	// A group of radio buttons is one stop; the arrow keys choose in it.
	for _, want := range []string{"audience-youth", "lang-pa", "first", "format-flyer", "paper-letter", "style-standard", "as-pdf", "org-name", "phone", "color", "logo-file"} {
		if !slices.Contains(seen, want) {
			t.Errorf("Tab never reaches %s; it reached %v", want, seen)
		}
	}
	if !eval[bool](t, ctx, `document.getElementById("audience-health").checked`) {
		t.Error("Space did not tick the focused box")
	}
	within(t, ctx, 10*time.Second, chromedp.Focus(chromedp.ID("paper-letter")), chromedp.KeyEvent(kb.ArrowRight))
	if !eval[bool](t, ctx, `document.getElementById("paper-a4").checked`) {
		t.Error("the arrow key did not choose A4")
	}
	// Enter on "Make the files" makes them.
	within(t, ctx, time.Minute, chromedp.Focus(`button.primary`), chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.ID("files")))
	if _, err := os.Stat(filepath.Join(s.dir, "out", "health-flyer-en.pdf")); err != nil {
		t.Errorf("Enter on Make the files made nothing: %v", err)
	}

	// The workshop page too: every control reached with a visible mark,
	// Space ticks a row's box, Enter on "Add a row" adds one.
	within(t, ctx, time.Minute, chromedp.Navigate(s.URL+"/workshop"))
	seen = tabThrough(t, ctx, "r0-audience-health")
	for _, want := range []string{"ev-name", "r0-audience-youth", "r0-lang-en", "r0-format-flyer", "r0-copies", "plan-name"} {
		if !slices.Contains(seen, want) {
			t.Errorf("on the workshop page Tab never reaches %s; it reached %v", want, seen)
		}
	}
	if !eval[bool](t, ctx, `document.getElementById("r0-audience-health").checked`) {
		t.Error("Space did not tick the row's focused box")
	}
	within(t, ctx, time.Minute, chromedp.Focus(`button[value="add"]`), chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.ID("r1-row")))
	if !eval[bool](t, ctx, `document.getElementById("r0-audience-health").checked`) {
		t.Error("adding a row lost the first row's ticked box")
	}
}

// tabThrough presses Tab until the focus comes round again, checking
// that each control it reaches shows a focus mark; Space ticks the
// control whose id is tick. It returns the ids reached, in order.
func tabThrough(t *testing.T, ctx context.Context, tick string) []string {
	t.Helper()
	var seen []string
	for range 300 {
		within(t, ctx, 10*time.Second, chromedp.KeyEvent("\t"))
		info := eval[map[string]string](t, ctx, `(function () {
  var e = document.activeElement, s = getComputedStyle(e);
  return {id: e.id || e.textContent.trim().slice(0, 30), tag: e.tagName,
    mark: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none" ? "yes" : "no"};
})()`)
		if info["tag"] == "BODY" || slices.Contains(seen, info["id"]) {
			break
		}
		seen = append(seen, info["id"])
		if info["mark"] != "yes" {
			t.Errorf("%s %s has no visible focus mark", info["tag"], info["id"])
		}
		if info["id"] == tick {
			within(t, ctx, 10*time.Second, chromedp.KeyEvent(" "))
		}
	}
	return seen
}

// TestBrowserWorkshop: a plan is put together on the workshop page,
// built with its progress shown, and its print pack downloaded; every
// page passes axe.
func TestBrowserWorkshop(t *testing.T) {
	chromium, axe := needBrowser(t)
	pdftest.Need(t, "pdftotext")
	s := newSite(t)
	ctx := newBrowser(t, chromium, "en")
	within(t, ctx, time.Minute, chromedp.Navigate(s.URL+"/workshop"), viewport(1400, 900, false))
	axeCheck(t, ctx, axe, "the workshop page")
	within(t, ctx, time.Minute,
		chromedp.SendKeys(chromedp.ID("ev-name"), "Neighbourhood safety evening"),
		chromedp.SendKeys(chromedp.ID("ev-date"), "Thursday 3 December, 7 pm"),
		chromedp.Click(chromedp.ID("r0-audience-newcomers")),
		chromedp.Click(chromedp.ID("r0-lang-fr")),
		chromedp.Clear(chromedp.ID("r0-copies")),
		chromedp.SendKeys(chromedp.ID("r0-copies"), "25"),
	)
	// Add a row (the form goes to the server and comes back with two).
	within(t, ctx, time.Minute, chromedp.Click(`button[value="add"]`), chromedp.WaitVisible(chromedp.ID("r1-row")))
	within(t, ctx, 10*time.Second, chromedp.Click(chromedp.ID("r1-audience-health")))
	within(t, ctx, 10*time.Second, chromedp.Click(chromedp.ID("r1-lang-en")))
	within(t, ctx, 10*time.Second, chromedp.Click(chromedp.ID("r1-format-poster")))
	within(t, ctx, 10*time.Second, chromedp.SetValue(chromedp.ID("plan-name"), "safety-evening.yaml"))
	within(t, ctx, 10*time.Second, chromedp.Click(chromedp.CSS(`.actions button[value="check"]`)))
	within(t, ctx, 20*time.Second, chromedp.WaitVisible(chromedp.CSS(".outputs, .error-summary")))
	if e := eval[string](t, ctx, `(document.querySelector(".error-summary") || {}).innerText || ""`); e != "" {
		t.Fatalf("the plan has problems:\n%s", e)
	}
	if got := eval[string](t, ctx, `document.querySelector(".outputs h2").textContent`); !strings.Contains(got, "5 files") {
		t.Errorf("the checked plan says %q", got)
	}
	screenshot(t, ctx, "serve-workshop", 1280, 860, false, false, ".outputs")
	screenshot(t, ctx, "serve-workshop-full", 1400, 900, false, true)
	axeCheck(t, ctx, axe, "the checked plan")
	// The check left a notice too, so wait for the one that names the file.
	within(t, ctx, time.Minute, chromedp.Click(`button[value="save"]`))
	waitFor(t, ctx, time.Minute, `(document.querySelector(".notice") || {textContent: ""}).textContent.includes("safety-evening.yaml")`)
	if _, err := os.Stat(filepath.Join(s.dir, "safety-evening.yaml")); err != nil {
		t.Errorf("the plan was not saved: %v", err)
	}
	within(t, ctx, 3*time.Minute, chromedp.Click(`button[value="build"]`), chromedp.WaitVisible(`a[href="/files/pack.pdf"]`))
	screenshot(t, ctx, "serve-build", 1280, 700, false, false)
	axeCheck(t, ctx, axe, "the finished build")
	resp, body := s.get(t, "/files/pack.pdf")
	path := filepath.Join(t.TempDir(), "pack.pdf")
	os.WriteFile(path, []byte(body), 0o644)
	if text := pdftest.Text(t, path); resp.StatusCode != 200 || !strings.Contains(text, "Neighbourhood safety evening") {
		t.Errorf("pack.pdf = %d, without the event", resp.StatusCode)
	}
	// The saved plan opens again, at phone width too.
	within(t, ctx, time.Minute, chromedp.Navigate(s.URL+"/workshop?plan=safety-evening.yaml"), viewport(390, 844, true))
	if !eval[bool](t, ctx, `document.getElementById("r1-format-poster").checked`) {
		t.Error("the opened plan lost its second row's poster")
	}
	if w := eval[int64](t, ctx, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
		t.Errorf("at phone width the workshop page is %d pixels wider than the screen", w)
	}
	screenshot(t, ctx, "serve-workshop-phone", 390, 844, true, true)
	within(t, ctx, time.Minute, chromedp.Navigate(s.URL+"/nowhere"))
	axeCheck(t, ctx, axe, "the page not found")
}

// TestBrowserFrench: a browser set to French gets the page in French
// without asking (its Accept-Language), with the preview and the
// workshop page; the English page is a link away. Both fit a phone's
// width, and the French pages pass axe. The pictures are those of the
// notes: each page at desktop and phone width, in English and French.
func TestBrowserFrench(t *testing.T) {
	chromium, axe := needBrowser(t)
	s := newSite(t)
	ctx := newBrowser(t, chromium, "fr-CA")
	form := "audience=newcomers&lang=fr&format=flyer&format=safety-card&org-name=" + url.QueryEscape("Services d'établissement Riverside") + "&phone=604-555-0134"
	within(t, ctx, time.Minute, chromedp.Navigate(s.URL+"/?"+form), viewport(1400, 900, false))
	if got := eval[string](t, ctx, `document.documentElement.lang + " " + document.querySelector("h1").textContent`); got != "fr Créer des documents" {
		t.Errorf("a French browser got %q", got)
	}
	waitPreview(t, ctx, "audience=newcomers", 3)
	if alt := eval[string](t, ctx, `document.querySelector("#preview-body img").alt`); !strings.Contains(alt, "français") && !strings.Contains(alt, "Français") {
		t.Errorf("the preview's first page is described as %q, not in French", alt)
	}
	screenshot(t, ctx, "serve-form-fr", 1280, 860, false, false)
	axeCheck(t, ctx, axe, "the French form with its preview")

	pages := []struct{ name, path string }{
		{"serve-phone-en", "/?ui=en&" + form},
		{"serve-workshop-fr", "/workshop"},
		{"serve-workshop-phone-fr", "/workshop"},
	}
	for _, pg := range pages {
		phone := strings.Contains(pg.name, "phone")
		w, h := int64(1280), int64(860)
		if phone {
			w, h = 390, 844
		}
		within(t, ctx, time.Minute, chromedp.Navigate(s.URL+pg.path), viewport(w, h, phone))
		if strings.HasPrefix(pg.path, "/?") {
			waitPreview(t, ctx, "audience=newcomers", 3)
		}
		if over := eval[int64](t, ctx, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
			t.Errorf("%s: the page is %d pixels wider than the screen", pg.name, over)
		}
		wantLang := "fr"
		if strings.HasSuffix(pg.name, "-en") {
			wantLang = "en"
		}
		if got := eval[string](t, ctx, `document.documentElement.lang`); got != wantLang {
			t.Errorf("%s: the page is in %q, want %q", pg.name, got, wantLang)
		}
		screenshot(t, ctx, pg.name, w, h, phone, false)
	}
	axeCheck(t, ctx, axe, "the French workshop page at phone width")

	// A choice made on the English page is kept when the page changes
	// language through its link.
	within(t, ctx, time.Minute, chromedp.Navigate(s.URL+"/?ui=en&"+form), viewport(1280, 860, false))
	within(t, ctx, time.Minute, chromedp.Click(chromedp.ID("format-poster")))
	waitPreview(t, ctx, "format=poster", 4)
	within(t, ctx, time.Minute, chromedp.Click(`.langs a[hreflang="fr"]`), chromedp.WaitVisible(chromedp.ID("format-poster")))
	if got := eval[string](t, ctx, `document.documentElement.lang + " " + document.getElementById("format-poster").checked + " " + document.getElementById("audience-newcomers").checked`); got != "fr true true" {
		t.Errorf("after the link to French: %q, want the French page with the poster and newcomers still ticked", got)
	}
}

// TestBrowserWithoutScript: with the script off, the preview button and
// Make still work.
func TestBrowserWithoutScript(t *testing.T) {
	chromium, _ := needBrowser(t)
	s := newSite(t)
	ctx := newBrowser(t, chromium, "en")
	within(t, ctx, time.Minute, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}), chromedp.Navigate(s.URL+"/"))
	within(t, ctx, time.Minute, chromedp.Click(chromedp.ID("format-poster")), chromedp.Click(chromedp.ID("preview-button")),
		chromedp.WaitVisible(`#preview-body img[src*="format=poster"]`))
	if got := eval[string](t, ctx, `location.search`); !strings.Contains(got, "format=poster") {
		t.Errorf("the preview button sent %s", got)
	}
	q, _ := url.ParseQuery(strings.TrimPrefix(eval[string](t, ctx, `location.search`), "?"))
	if !slices.Contains(q["format"], "flyer") {
		t.Errorf("the form lost the flyer: %v", q)
	}
	within(t, ctx, time.Minute, chromedp.Click(`button.primary`), chromedp.WaitVisible(chromedp.ID("files")))
	if _, err := os.Stat(filepath.Join(s.dir, "out", "youth-poster-en.pdf")); err != nil {
		t.Error(err)
	}
}

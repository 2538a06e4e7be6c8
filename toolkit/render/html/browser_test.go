package html

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// axeVersion is the axe-core release the accessibility check runs; the
// test installs it with npm into the user's cache folder when it is not
// there, or takes axe.min.js from $AWAREKIT_AXE_CORE.
const axeVersion = "4.14.1"

// required reports whether a missing browser must fail the test rather
// than skip it (CI sets it, as for fonts and PDF tools).
func required() bool { return os.Getenv("AWAREKIT_REQUIRE_FONTS") == "1" }

// needFull skips a browser run unless AWAREKIT_FULL=1 (CI sets it): a
// browser per page is a minute on two cores, too slow for every go test.
func needFull(t *testing.T) {
	t.Helper()
	if os.Getenv("AWAREKIT_FULL") != "1" {
		t.Skip("runs a browser; set AWAREKIT_FULL=1 (CI does)")
	}
}

func need(t *testing.T, msg string) {
	t.Helper()
	msg += "; the HTML accessibility check needs the Debian package chromium and the npm package axe-core"
	if required() {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// chromium finds a Chromium or Chrome binary.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	need(t, "chromium is not installed")
	return ""
}

// axeScript returns the path of axe.min.js, installing axe-core into the
// cache folder with npm when needed.
func axeScript(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("AWAREKIT_AXE_CORE"); p != "" {
		if !strings.HasSuffix(p, ".js") {
			p = filepath.Join(p, "node_modules", "axe-core", "axe.min.js")
		}
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("AWAREKIT_AXE_CORE: %v", err)
		}
		return p
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	prefix := filepath.Join(cache, "awarekit", "axe-core-"+axeVersion)
	script := filepath.Join(prefix, "node_modules", "axe-core", "axe.min.js")
	if _, err := os.Stat(script); err == nil {
		return script
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		need(t, "axe-core is not in "+prefix+" and npm is not installed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund", "--no-save", "--prefix", prefix, "axe-core@"+axeVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		need(t, fmt.Sprintf("npm install axe-core@%s: %v\n%s", axeVersion, err, out))
	}
	if _, err := os.Stat(script); err != nil {
		t.Fatalf("npm installed axe-core but %s is missing", script)
	}
	return script
}

// runner runs axe on the page it is added to and, when done, writes the
// violations into the page as base64 JSON between markers, where
// --dump-dom finds them.
const runner = `<script src="AXE"></script>
<script>
(function () {
  function report(s) {
    var pre = document.createElement("pre");
    pre.textContent = s;
    document.body.appendChild(pre);
  }
  axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
    var v = r.violations.map(function (x) {
      return {id: x.id, impact: x.impact, help: x.help,
        nodes: x.nodes.map(function (n) { return n.target.join(" ") + ": " + n.failureSummary; })};
    });
    report("AXE-" + "RESULT:" + btoa(unescape(encodeURIComponent(JSON.stringify(v)))) + ":END");
  }, function (e) { report("AXE-" + "ERROR:" + btoa(unescape(encodeURIComponent(String(e)))) + ":END"); });
})();
</script>
`

// axeResult finds the report; the script builds its marker from two
// strings so that the script's own text never matches.
var axeResult = regexp.MustCompile(`AXE-(RESULT|ERROR):([A-Za-z0-9+/=]*):END`)

type violation struct {
	ID, Impact, Help string
	Nodes            []string
}

// axeCheck opens page in headless Chromium with axe-core and returns what
// axe reports as violations.
// profile is Chromium's user data folder; reusing one saves a second a
// page, but two browsers must never share one at once.
func axeCheck(t *testing.T, bin, axe, profile, page string) []violation {
	t.Helper()
	inject := strings.Replace(runner, "AXE", "file://"+filepath.ToSlash(axe), 1)
	stdout, stderr := dumpWithScript(t, bin, profile, page, inject, "--virtual-time-budget=10000")
	m := axeResult.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("axe did not report (is %s axe-core?); chromium said:\n%s", axe, stderr)
	}
	data, err := base64.StdEncoding.DecodeString(m[2])
	if err != nil {
		t.Fatal(err)
	}
	if m[1] == "ERROR" {
		t.Fatalf("axe failed: %s", data)
	}
	var v []violation
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// chromiumFlags keep headless Chromium off the network and out of the
// user's profile.
func chromiumFlags(profile string) []string {
	return []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
		"--user-data-dir=" + profile,
	}
}

// TestAccessibility checks pages in every language and for every
// audience, and a right-to-left page with a logo and a light brand
// colour, with axe-core in a real browser, and fails on any violation.
func TestAccessibility(t *testing.T) {
	needFull(t)
	bin := chromium(t)
	axe := axeScript(t)
	// Every page shares one template, so the check covers every language
	// (scripts, directions, lengths) and every audience without taking
	// every pair: language i goes with audience i mod the audience count.
	type page struct{ name, html string }
	var pages []page
	byLang := map[string][]string{}
	var langs []string
	docs := map[string]string{}
	for _, d := range documents(t) {
		if _, ok := byLang[d.Meta.Lang]; !ok {
			langs = append(langs, d.Meta.Lang)
		}
		byLang[d.Meta.Lang] = append(byLang[d.Meta.Lang], d.Meta.Audience)
		docs[d.Meta.Audience+"/"+d.Meta.Lang] = write(t, d)
	}
	for i, lang := range langs {
		audience := byLang[lang][i%len(byLang[lang])]
		pages = append(pages, page{audience + "/" + lang, docs[audience+"/"+lang]})
	}
	pages = append(pages, page{"synthetic/ar-rtl-logo-light-brand", write(t, synthetic(t))})
	profiles := make(chan string, 2) // one browser per core
	for range cap(profiles) {
		profiles <- t.TempDir()
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			profile := <-profiles
			defer func() { profiles <- profile }()
			for _, v := range axeCheck(t, bin, axe, profile, p.html) {
				t.Errorf("%s (%s): %s\n  %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
			}
		})
	}
}

// TestAccessibilityCatches makes sure the check sees a violation: a
// page that passes because axe never ran would prove nothing.
func TestAccessibilityCatches(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a browser")
	}
	needFull(t)
	bin, axe := chromium(t), axeScript(t)
	bad := `<!DOCTYPE html><html><head><title>x</title></head><body><main><img src="data:image/png;base64,iVBORw0KGgo="><p style="color:#bbb">faint</p></main></body></html>`
	got := map[string]bool{}
	for _, v := range axeCheck(t, bin, axe, t.TempDir(), bad) {
		got[v.ID] = true
	}
	for _, want := range []string{"html-has-lang", "image-alt", "color-contrast"} {
		if !got[want] {
			t.Errorf("axe did not report %s; it reported %v", want, got)
		}
	}
}

// dumpWithScript writes page with script put before its </body>, opens
// it in headless Chromium (bin, a fresh profile folder, and flags) and
// returns the DOM Chromium dumps once the script has run, and what it
// said on stderr.
func dumpWithScript(t *testing.T, bin, profile, page, script string, flags ...string) (stdout, stderr string) {
	t.Helper()
	i := strings.LastIndex(page, "</body>")
	if i < 0 {
		t.Fatal("the page has no </body>")
	}
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(page[:i]+script+page[i:]), 0o644); err != nil {
		t.Fatal(err)
	}
	// A guard against a browser that hangs, not a speed claim: axe took
	// 35-38 s a page here at load average 25 (90 s was the limit).
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var out, errs bytes.Buffer
	args := append(append(chromiumFlags(profile), flags...), "--dump-dom", "file://"+filepath.ToSlash(path))
	cmd := exec.CommandContext(ctx, bin, args...)
	// Its temporary files (org.chromium.Chromium.*, left when it is
	// killed) in a folder removed after it; not t.TempDir, whose name (the
	// test's) can make its socket's path longer than a socket's may be.
	tmp, err := os.MkdirTemp("", "chromium")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, errs.String())
	}
	return out.String(), errs.String()
}

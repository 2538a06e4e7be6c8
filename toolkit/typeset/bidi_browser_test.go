package typeset

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// orderScript writes, for each paragraph of the page, its characters in
// the order they stand from left to right (by the middle of each
// character's box; spaces and characters of no width left out) into the
// page, where --dump-dom finds it.
const orderScript = `<script>
var out = [];
document.querySelectorAll("p").forEach(function (p) {
  var t = p.firstChild, s = t.data, chars = [];
  for (var i = 0; i < s.length; i++) {
    if (/\s/.test(s[i])) continue;
    var r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
    var b = r.getBoundingClientRect();
    if (b.width > 0) chars.push([b.left + b.width / 2, s[i]]);
  }
  chars.sort(function (a, b) { return a[0] - b[0]; });
  out.push(chars.map(function (c) { return c[1]; }).join(""));
});
var pre = document.createElement("pre");
pre.textContent = "ORDER" + ":" + JSON.stringify(out) + ":END";
document.body.appendChild(pre);
</script>`

var orderResult = regexp.MustCompile(`ORDER:(\[.*\]):END`)

// chromiumOrder draws each text on one line of a page in headless
// Chromium, in the direction given, and returns its characters in the
// order they stand.
func chromiumOrder(t *testing.T, texts []string, rtl []bool) []string {
	t.Helper()
	var bin string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		msg := "chromium is not installed; install the Debian package chromium"
		if os.Getenv("AWAREKIT_REQUIRE_FONTS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	var page strings.Builder
	page.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>p{white-space:nowrap;font:16px "DejaVu Sans",sans-serif}</style></head><body>`)
	for i, s := range texts {
		dir := "ltr"
		if rtl[i] {
			dir = "rtl"
		}
		fmt.Fprintf(&page, "<p dir=%q>%s</p>\n", dir, html.EscapeString(s))
	}
	page.WriteString(orderScript + "</body></html>")
	dir := t.TempDir()
	path := filepath.Join(dir, "order.html")
	if err := os.WriteFile(path, []byte(page.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// A guard against a browser that hangs, not a speed claim: a busy
	// machine (load average 25) stretches a Chromium run many times.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+filepath.ToSlash(path))
	// Its temporary files (org.chromium.Chromium.*, left when it is
	// killed) in a folder removed after it; not t.TempDir, whose name (the
	// test's) can make its socket's path longer than a socket's may be.
	tmp, err := os.MkdirTemp("", "chromium")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	m := orderResult.FindAllStringSubmatch(stdout.String(), -1)
	if m == nil {
		t.Fatalf("the page did not report its order; chromium said:\n%s", stderr.String())
	}
	var out []string
	if err := json.Unmarshal([]byte(html.UnescapeString(m[len(m)-1][1])), &out); err != nil {
		t.Fatal(err)
	}
	if len(out) != len(texts) {
		t.Fatalf("the page reported %d lines of %d", len(out), len(texts))
	}
	return out
}

// TestVisualOrderAsChromium sets lines mixing directions as the
// documents make them (a name from the user in an isolate, doc.Isolate,
// or as it is; numbers; Latin inside Arabic) and compares the order
// their characters are drawn in with Chromium's, whose bidi is ICU's.
func TestVisualOrderAsChromium(t *testing.T) {
	if os.Getenv("AWAREKIT_FULL") != "1" {
		t.Skip("runs a browser; set AWAREKIT_FULL=1 (CI does)")
	}
	names := []string{"St. Mary's Centre (Surrey) 2.", "جمعية النخيل 24.", "جمعية النخيل 24", "جمعية النخيل (Palm Society) 24.", "Centre 24/7", "مركز 24/7 (Surrey)"}
	templates := []struct {
		text string
		rtl  bool
	}{
		{"Local help listed by %s today.", false},
		{"%s lists local help.", false},
		{"%s", false},
		{"مساعدة محلية ذكرتها %s", true},
		{"%s اتصل بـ Service Canada الآن", true},
		{"اتصل بالرقم 1-833-900-1010 أو %s أو Service Canada", true},
		{"کمک محلی که %s معرفی کرده است", true},
		{"%s کی بتائی ہوئی مقامی مدد", true},
		{"%s", true},
	}
	fonts, err := EmbeddedFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := New(fonts)
	var texts, got []string
	var rtl []bool
	for _, tpl := range templates {
		for _, name := range names {
			for _, isolate := range []bool{true, false} {
				value := name
				if isolate {
					value = doc.Isolate(name, tpl.rtl)
				}
				text := fmt.Sprintf(tpl.text, value)
				p, err := ts.Set(text, Options{Style: Style{Size: 12}, Lang: map[bool]string{false: "en", true: "ar"}[tpl.rtl], RTL: tpl.rtl})
				if err != nil {
					t.Fatal(err)
				}
				if len(p.Lines) != 1 {
					t.Fatalf("%q takes %d lines", text, len(p.Lines))
				}
				// Chromium gets the text as the typesetter sets it, its
				// numbers isolated (prepare).
				prepared, err := ts.prepare(text, tpl.rtl)
				if err != nil {
					t.Fatal(err)
				}
				texts, rtl, got = append(texts, prepared), append(rtl, tpl.rtl), append(got, visualString(p.Lines[0]))
			}
		}
	}
	want := chromiumOrder(t, texts, rtl)
	for i := range texts {
		if got[i] != want[i] {
			t.Errorf("%q (right to left: %v) is drawn\n%s\nChromium draws\n%s", texts[i], rtl[i], got[i], want[i])
		}
	}
	t.Logf("%d lines drawn in Chromium's order", len(texts))
}

// Package pdftest is for tests: it checks PDF files with tools no one here wrote: qpdf,
// and poppler's pdftotext, pdffonts and pdfinfo. A test that needs a
// missing tool skips with the Debian package to install, unless
// AWAREKIT_REQUIRE_FONTS=1 (set by CI), which makes it fail instead.
package pdftest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// packages names the Debian package of each tool.
var packages = map[string]string{
	"qpdf":      "qpdf",
	"pdftotext": "poppler-utils",
	"pdffonts":  "poppler-utils",
	"pdfinfo":   "poppler-utils",
	"pdftoppm":  "poppler-utils",
	"groff":     "groff-base",
	"msgfmt":    "gettext",
	"msgcat":    "gettext",
	"xmllint":   "libxml2-utils",
}

// Required reports whether missing tools and fonts must fail tests.
func Required() bool { return os.Getenv("AWAREKIT_REQUIRE_FONTS") == "1" }

// Need skips (or, in CI, fails) the test when a tool is missing.
func Need(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			msg := tool + " is not installed; install the Debian package " + packages[tool]
			if Required() {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	Need(t, name)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// Check runs qpdf --check and fails the test on any error or warning.
func Check(t testing.TB, path string) {
	t.Helper()
	out := run(t, "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Fatalf("qpdf --check %s:\n%s", path, out)
	}
}

// Text is the file's text as pdftotext extracts it, NFKC-normalised with
// runs of white space folded to one space.
func Text(t testing.TB, path string) string {
	t.Helper()
	return Normalize(run(t, "pdftotext", "-enc", "UTF-8", path, "-"))
}

// Normalize applies NFKC, drops bidi embedding controls and folds white
// space, so extracted text and source text compare equal when they say
// the same thing. Poppler wraps right-to-left lines and the neutral
// characters inside them in embedding controls (U+202A–U+202E); they
// steer display only and are not part of the text.
func Normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
}

// Font is one row of pdffonts.
type Font struct {
	Name, Type string
	Embedded   bool
}

// Fonts lists the fonts pdffonts reports.
func Fonts(t testing.TB, path string) []Font {
	t.Helper()
	out := run(t, "pdffonts", path)
	var fonts []Font
	for _, line := range strings.Split(out, "\n")[2:] {
		f := strings.Fields(line)
		if len(f) < 7 {
			continue
		}
		// name type... encoding emb sub uni object ID: emb is 5th from the end.
		fonts = append(fonts, Font{Name: f[0], Type: strings.Join(f[1:len(f)-6], " "), Embedded: f[len(f)-5] == "yes"})
	}
	return fonts
}

// Info is pdfinfo's key: value output.
func Info(t testing.TB, path string, extra ...string) map[string]string {
	t.Helper()
	out := run(t, "pdfinfo", append(extra, path)...)
	info := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}

// Bookmark is one entry of a file's outline as qpdf reads it, with the
// page it opens (from 1) and the entries under it.
type Bookmark struct {
	Title string     `json:"title"`
	Page  int        `json:"destpageposfrom1"`
	Kids  []Bookmark `json:"kids"`
}

// Outline is the file's outline (its bookmarks) as qpdf --json reads it.
func Outline(t testing.TB, path string) []Bookmark {
	t.Helper()
	var v struct {
		Outlines []Bookmark `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(run(t, "qpdf", "--json", "--json-key=outlines", path)), &v); err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	return v.Outlines
}

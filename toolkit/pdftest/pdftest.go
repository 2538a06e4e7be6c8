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
	"strconv"
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
	"pdfimages": "poppler-utils",
	"groff":     "groff-base",
	"msgfmt":    "gettext",
	"msgcat":    "gettext",
	"xmllint":   "libxml2-utils",
	"zbarimg":   "zbar-tools",
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

// LayoutText is Text with pdftotext keeping the page's layout: lines
// side by side stay on one line, so columns read row by row.
func LayoutText(t testing.TB, path string) string {
	t.Helper()
	return Normalize(run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-"))
}

// Normalize applies NFKC, drops bidi embedding controls, writes
// apostrophes as the typewriter's and folds white space, so extracted
// text and source text compare equal when they say the same thing.
// Poppler wraps right-to-left lines and the neutral characters inside
// them in embedding controls (U+202A–U+202E); they steer display only
// and are not part of the text. English and French pages print ’ (and
// ‘) where message files and people type ' (locale.Locale.Apostrophes);
// a test that a page prints them reads the text before Normalize.
func Normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069:
			return -1
		case r == '\u2019' || r == '\u2018':
			return '\''
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

// Image is one row of pdfimages -list: an image's pixels and the
// resolution it prints at (pixels per inch of its placed size).
type Image struct {
	Page, Width, Height int
	XPPI, YPPI          int
}

// Images lists the images pdfimages reports (each placement once).
func Images(t testing.TB, path string) []Image {
	t.Helper()
	out := run(t, "pdfimages", "-list", path)
	var images []Image
	for _, line := range strings.Split(out, "\n")[2:] {
		// page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
		f := strings.Fields(line)
		if len(f) < 14 {
			continue
		}
		n := func(i int) int {
			v, err := strconv.Atoi(f[i])
			if err != nil {
				t.Fatalf("pdfimages -list %s: %q: %v", path, line, err)
			}
			return v
		}
		images = append(images, Image{Page: n(0), Width: n(3), Height: n(4), XPPI: n(12), YPPI: n(13)})
	}
	return images
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

// StructLine is one line of `pdfinfo -struct-text`: a structure element
// (Role, e.g. "P", "H1", "Figure") or a text it holds (Text), at a
// depth in the tree.
type StructLine struct {
	Depth      int
	Role, Text string
}

// StructText is the file's structure tree as `pdfinfo -struct-text`
// prints it, in the tree's order. Poppler's warnings about the tree fail
// the test.
func StructText(t testing.TB, path string) []StructLine {
	t.Helper()
	Need(t, "pdfinfo")
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("pdfinfo", "-struct-text", path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("pdfinfo -struct-text %s: %v\n%s", path, err, stderr.String())
	}
	var out []StructLine
	for _, line := range strings.Split(stdout.String(), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if trimmed == "" {
			continue
		}
		depth := (len(line) - len(trimmed)) / 2
		if strings.HasPrefix(trimmed, `"`) {
			out = append(out, StructLine{Depth: depth, Text: strings.TrimSuffix(trimmed[1:], `"`)})
			continue
		}
		role, _, _ := strings.Cut(trimmed, " ")
		out = append(out, StructLine{Depth: depth, Role: role})
	}
	return out
}

// StructElem is one structure element as qpdf reads it from the file's
// objects: its role, alternative text, language (its own, not
// inherited), the actual text it gives, and how many link annotations it
// claims.
type StructElem struct {
	Depth                   int
	Role, Alt, Lang, Actual string
	Links                   int
	MCIDs                   int
}

// StructTree walks the file's structure tree from the catalog's
// /StructTreeRoot as `qpdf --json` gives its objects, depth first in the
// order of each element's kids, and returns its elements.
func StructTree(t testing.TB, path string) []StructElem {
	t.Helper()
	var v struct {
		QPDF [2]json.RawMessage `json:"qpdf"`
	}
	var objs map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal([]byte(run(t, "qpdf", "--json", "--json-key=qpdf", path)), &v); err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	if err := json.Unmarshal(v.QPDF[1], &objs); err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	dict := func(ref any) map[string]any {
		s, _ := ref.(string)
		d, _ := objs["obj:"+s].Value.(map[string]any)
		return d
	}
	text := func(v any) string {
		s, _ := v.(string)
		if strings.HasPrefix(s, "u:") {
			return s[2:]
		}
		return s
	}
	trailer, _ := objs["trailer"].Value.(map[string]any)
	root := dict(dict(trailer["/Root"])["/StructTreeRoot"])
	if root == nil {
		t.Fatalf("%s has no /StructTreeRoot", path)
	}
	var out []StructElem
	seen := map[string]bool{}
	var walk func(kids any, depth int)
	walk = func(kids any, depth int) {
		list, ok := kids.([]any)
		if !ok {
			list = []any{kids}
		}
		for _, k := range list {
			ref, isRef := k.(string)
			if !isRef {
				continue // an MCID or a marked-content or object reference
			}
			if seen[ref] {
				t.Fatalf("%s: structure element %s is in the tree twice", path, ref)
			}
			seen[ref] = true
			d := dict(ref)
			if d == nil {
				t.Fatalf("%s: structure kid %s is not a dictionary", path, ref)
			}
			e := StructElem{Depth: depth, Role: strings.TrimPrefix(text(d["/S"]), "/"), Alt: text(d["/Alt"]), Lang: text(d["/Lang"]), Actual: text(d["/ActualText"])}
			kids, ok := d["/K"].([]any)
			if !ok {
				kids = []any{d["/K"]}
			}
			for _, kid := range kids {
				switch kid := kid.(type) {
				case float64:
					e.MCIDs++
				case map[string]any:
					if text(kid["/Type"]) == "/OBJR" && text(dict(kid["/Obj"])["/Subtype"]) == "/Link" {
						e.Links++
					} else if text(kid["/Type"]) == "/MCR" {
						e.MCIDs++
					}
				}
			}
			out = append(out, e)
			walk(d["/K"], depth+1)
		}
	}
	walk(root["/K"], 0)
	return out
}

package translate

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// checkout copies the repository's audiences/ and locales/ into a
// temporary folder and opens it as a project, which Import and Review
// may write.
func checkout(t testing.TB) (string, *Project) {
	t.Helper()
	dir := copied(t)
	return dir, reopen(t, dir, "")
}

// copied copies the repository's audiences/ and locales/ into a
// temporary folder, for a test that opens it with a content folder.
func copied(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := copyContent(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyContent copies the repository's audiences/ and locales/ into dir.
func copyContent(dir string) error {
	for _, sub := range []string{"audiences", "locales"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("..", "..", sub))); err != nil {
			return err
		}
	}
	return nil
}

// shared is one checkout, copied and loaded once for the package, for
// the tests that only read it: exports, proofs, statuses, and imports
// that must write nothing (each of which also checks that nothing was
// written). A test that writes takes a checkout of its own. TestMain
// removes the copy, and fails the run if any file of it changed.
func shared(t testing.TB) (string, *Project) {
	t.Helper()
	sharedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "translate-shared-")
		if err != nil {
			sharedErr = err
			return
		}
		sharedDir = dir
		if sharedErr = copyContent(dir); sharedErr != nil {
			return
		}
		src, ok := Checkout(dir)
		if !ok {
			sharedErr = fmt.Errorf("%s is not a checkout", dir)
			return
		}
		if sharedProject, sharedErr = Open(src, nil); sharedErr == nil {
			sharedProject.Now = today
		}
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedDir, sharedProject
}

var (
	sharedOnce    sync.Once
	sharedDir     string
	sharedProject *Project
	sharedErr     error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDir != "" {
		for _, sub := range []string{"audiences", "locales"} {
			if diff := sameTree(filepath.Join("..", "..", sub), filepath.Join(sharedDir, sub)); diff != "" {
				fmt.Fprintf(os.Stderr, "a test wrote the shared checkout, which tests only read: %s\n", diff)
				code = 1
			}
		}
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// sameTree is "" when the folders hold the same files with the same
// bytes, else the first difference.
func sameTree(a, b string) string {
	files := func(root string) map[string][]byte {
		out := map[string][]byte{}
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				out[path] = nil
				return nil
			}
			if !d.IsDir() {
				rel, _ := filepath.Rel(root, path)
				data, err := os.ReadFile(path)
				if err != nil || !d.Type().IsRegular() {
					data = []byte("\x00not a plain file")
				}
				out[rel] = data
			}
			return nil
		})
		return out
	}
	fa, fb := files(a), files(b)
	for _, name := range slices.Sorted(maps.Keys(fb)) {
		if old, ok := fa[name]; !ok {
			return name + " was added"
		} else if !bytes.Equal(old, fb[name]) {
			return name + " changed"
		}
	}
	for name := range fa {
		if _, ok := fb[name]; !ok {
			return name + " was removed"
		}
	}
	return ""
}

// reopen loads the project at dir again, with a content folder when
// content is not "".
func reopen(t testing.TB, dir, content string) *Project {
	t.Helper()
	src, ok := Checkout(dir)
	if !ok {
		t.Fatalf("%s is not a checkout", dir)
	}
	src.ContentDir = content
	p, err := Open(src, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.Now = today
	return p
}

// today is the tests' clock.
var today = time.Date(2026, 12, 10, 12, 0, 0, 0, time.UTC)

// export writes language tag's messages in format.
func export(t testing.TB, p *Project, tag, format, only string) []byte {
	t.Helper()
	l, err := p.Language(tag)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := p.Export(&b, l, format, only); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// flyerText is the text pdftotext reads in the flyer of audience in
// language tag, as the project prints it.
func flyerText(t *testing.T, p *Project, audience, tag string) string {
	t.Helper()
	pdftest.Need(t, "pdftotext")
	d, err := p.Lib.Assemble(content.Request{Audience: audience, Lang: tag})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := format.ByName("flyer")
	ld, err := f.Layout(typeset.New(p.Fonts), d, layout.Options{Paper: layout.Papers["letter"]})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := format.PDF.Draw(&b, ld, format.Options{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), audience+"-flyer-"+tag+".pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return pdftest.Normalize(pdftest.Text(t, path))
}

// The edits below change one message of an exported file the way the
// translator's tool would save it.

// editPO sets the msgstr of message id and clears its fuzzy mark, as
// Poedit does when a translator edits a message.
func editPO(t testing.TB, data []byte, id, text string) []byte {
	t.Helper()
	lines := strings.Split(string(data), "\n")
	at := -1
	for i, l := range lines {
		if l == "msgctxt "+poQuote(id) {
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("no msgctxt %s", id)
	}
	if at > 0 && strings.HasPrefix(lines[at-1], "#,") {
		flags := strings.ReplaceAll(strings.ReplaceAll(lines[at-1], "fuzzy, ", ""), ", fuzzy", "")
		if flags == "#, fuzzy" {
			flags = "#,"
		}
		lines[at-1] = flags
	}
	end := at + 1
	for !strings.HasPrefix(lines[end], "msgstr") {
		end++
	}
	stop := end + 1
	for stop < len(lines) && strings.HasPrefix(lines[stop], `"`) {
		stop++
	}
	out := append(append(append([]string{}, lines[:end]...), "msgstr "+poQuote(text)), lines[stop:]...)
	return []byte(strings.Join(out, "\n"))
}

// editXLIFF sets the target of unit id and marks it translated, as
// Weblate or OmegaT do.
func editXLIFF(t testing.TB, data []byte, id, text string) []byte {
	t.Helper()
	unit := regexp.MustCompile(`(?s)<unit id="` + regexp.QuoteMeta(id) + `".*?</unit>`)
	loc := unit.FindIndex(data)
	if loc == nil {
		t.Fatalf("no unit %s", id)
	}
	block := string(data[loc[0]:loc[1]])
	var esc bytes.Buffer
	_ = xml.EscapeText(&esc, []byte(text))
	block = regexp.MustCompile(`(?s)<target>.*?</target>\n\s*`).ReplaceAllString(block, "")
	block = strings.Replace(block, "</source>\n", "</source>\n    <target>"+esc.String()+"</target>\n", 1)
	block = regexp.MustCompile(`<segment[^>]*>`).ReplaceAllString(block, `<segment state="translated">`)
	return append(append(append([]byte{}, data[:loc[0]]...), block...), data[loc[1]:]...)
}

// editCSV sets the translation of row id and saves the file as a
// spreadsheet does: fields quoted only where needed, semicolons between
// them when semicolon is set (Excel in much of Europe), no state change.
func editCSV(t testing.TB, data []byte, id, text string, semicolon bool) []byte {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, rec := range recs {
		if rec[0] == id {
			rec[2] = text
			found = true
		}
	}
	if !found {
		t.Fatalf("no row %s", id)
	}
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	if semicolon {
		w.Comma = ';'
	}
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// editTOML sets other of message id and writes the file again with
// another TOML encoder, as a goi18n user's editor or script would.
func editTOML(t testing.TB, data []byte, id, text string) []byte {
	t.Helper()
	var m map[string]map[string]string
	if err := toml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m[id]; !ok {
		t.Fatalf("no message %s", id)
	}
	m[id]["other"] = text
	out, err := toml.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// edit changes message id of an exported file in format.
func edit(t testing.TB, format string, data []byte, id, text string) []byte {
	switch format {
	case XLIFF:
		return editXLIFF(t, data, id, text)
	case PO:
		return editPO(t, data, id, text)
	case CSV:
		return editCSV(t, data, id, text, false)
	case TOML:
		return editTOML(t, data, id, text)
	}
	t.Fatalf("format %s", format)
	return nil
}

// msgcat runs the PO file through GNU msgcat, which writes it again as
// gettext tools (and Poedit) do: strings wrapped at 79 columns, comments
// kept.
func msgcat(t testing.TB, data []byte) []byte {
	t.Helper()
	pdftest.Need(t, "msgcat")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.po"), filepath.Join(dir, "out.po")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command("msgcat", "--width=79", "-o", out, in).CombinedOutput(); err != nil {
		t.Fatalf("msgcat: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

package pdftest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Joined is several PDF files joined into one by qpdf, a blank page after
// each file's pages, so that one call of pdftotext, pdffonts or qpdf
// --check reads them all: each call of a tool costs some 40 ms here, more
// than most tests' own work. Join reads every file with qpdf, which fails
// on any warning (a damaged cross-reference table, an object it cannot
// read); Check then parses every page's content streams, as qpdf --check
// of each file does. What the join leaves out (each file's catalog,
// structure tree and outline) is for Check of a single file, StructText
// and Outline.
type Joined struct {
	Path  string   // the joined file
	Files []string // the files joined, in order
	count []int    // each file's pages, once pdftotext has read them
}

// Join joins the files into one in the test's temporary folder.
func Join(t testing.TB, files ...string) *Joined {
	t.Helper()
	if len(files) == 0 {
		t.Fatal("pdftest.Join: no files")
	}
	dir := t.TempDir()
	blank := filepath.Join(dir, "blank.pdf")
	if err := os.WriteFile(blank, blankPage(), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--empty", "--pages"}
	for _, f := range files {
		args = append(args, f, blank)
	}
	j := &Joined{Path: filepath.Join(dir, "joined.pdf"), Files: files}
	run(t, "qpdf", append(args, "--", j.Path)...)
	return j
}

// Check runs qpdf --check on the joined file.
func (j *Joined) Check(t testing.TB) {
	t.Helper()
	Check(t, j.Path)
}

// Texts is each file's text as Text gives it, from one call of pdftotext.
func (j *Joined) Texts(t testing.TB) []string {
	t.Helper()
	return j.texts(t, "-enc", "UTF-8")
}

// LayoutTexts is each file's text as LayoutText gives it, from one call
// of pdftotext.
func (j *Joined) LayoutTexts(t testing.TB) []string {
	t.Helper()
	return j.texts(t, "-layout", "-enc", "UTF-8")
}

// Pages is each file's pages, each page's text as Text gives it, from one
// call of pdftotext.
func (j *Joined) Pages(t testing.TB) [][]string {
	t.Helper()
	files := j.pages(t, "-enc", "UTF-8")
	for _, pages := range files {
		for i, p := range pages {
			pages[i] = Normalize(p)
		}
	}
	return files
}

func (j *Joined) texts(t testing.TB, args ...string) []string {
	t.Helper()
	var texts []string
	for _, pages := range j.pages(t, args...) {
		texts = append(texts, Normalize(strings.Join(pages, "\f")))
	}
	return texts
}

// pages splits pdftotext's output of the joined file at the blank pages.
// pdftotext ends each page with a form feed, and a blank page is a form
// feed alone; no page of the files may be blank, or the split would be
// wrong, so a blank page of theirs fails the test.
func (j *Joined) pages(t testing.TB, args ...string) [][]string {
	t.Helper()
	out := run(t, "pdftotext", append(args, j.Path, "-")...)
	pages := strings.Split(out, "\f")
	if last := pages[len(pages)-1]; strings.TrimSpace(last) != "" {
		t.Fatalf("pdftotext %s: text after the last page: %q", j.Path, last)
	}
	pages = pages[:len(pages)-1]
	var files [][]string
	var file []string
	for _, p := range pages {
		if strings.TrimSpace(p) != "" {
			file = append(file, p)
			continue
		}
		if len(file) == 0 {
			t.Fatalf("pdftotext %s: file %d of %v has a page with no text", j.Path, len(files)+1, j.Files)
		}
		files = append(files, file)
		file = nil
	}
	if len(file) != 0 || len(files) != len(j.Files) {
		t.Fatalf("pdftotext %s: %d files read of %d %v: a file has a page with no text", j.Path, len(files), len(j.Files), j.Files)
	}
	j.count = j.count[:0]
	for _, f := range files {
		j.count = append(j.count, len(f))
	}
	return files
}

// Sizes is each file's pages' sizes as pdfinfo prints them ("612 x 792
// pts (letter)"), from one call of pdfinfo (and one of pdftotext, to find
// where each file's pages end, unless Texts or Pages was called).
func (j *Joined) Sizes(t testing.TB) [][]string {
	t.Helper()
	if j.count == nil {
		j.pages(t, "-enc", "UTF-8")
	}
	var all []string
	for _, line := range strings.Split(run(t, "pdfinfo", "-f", "1", "-l", "1000000", j.Path), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.HasPrefix(k, "Page ") && strings.HasSuffix(k, " size") {
			all = append(all, strings.TrimSpace(v))
		}
	}
	var sizes [][]string
	for _, n := range j.count {
		if len(all) < n+1 {
			t.Fatalf("pdfinfo %s: %d page sizes, fewer than the pages pdftotext read", j.Path, len(all))
		}
		sizes = append(sizes, all[:n])
		all = all[n+1:] // and the blank page
	}
	if len(all) != 0 {
		t.Fatalf("pdfinfo %s: %d page sizes more than the pages pdftotext read", j.Path, len(all))
	}
	return sizes
}

// Fonts lists the fonts of all the files as pdffonts reports them, from
// one call.
func (j *Joined) Fonts(t testing.TB) []Font {
	t.Helper()
	return Fonts(t, j.Path)
}

// blankPage is a PDF of one blank page, written with its cross-reference
// table's offsets, so that qpdf reads it without a warning.
func blankPage() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << >> >>",
	}
	b := []byte("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = len(b)
		b = fmt.Appendf(b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := len(b)
	b = fmt.Appendf(b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		b = fmt.Appendf(b, "%010d 00000 n \n", off)
	}
	b = fmt.Appendf(b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b
}

package pdftest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// PDFJSVersion is the pdfjs-dist release the second reader runs: the
// newest that Node.js 20 (Debian's and this machine's) runs; 5.7 and
// later ask for Node.js 22.
const PDFJSVersion = "5.6.205"

// PDFJSDoc is what Mozilla's pdf.js (Firefox's PDF reader, in Node.js)
// read from one file: the document's language and each page.
type PDFJSDoc struct {
	File  string      `json:"file"`
	Lang  string      `json:"lang"`
	Pages []PDFJSPage `json:"pages"`
}

// PDFJSPage is one page: its structure tree (nil when the page has none)
// and its text as getTextContent gives it, in drawing order.
type PDFJSPage struct {
	Tree  *PDFJSNode  `json:"tree"`
	Items []PDFJSItem `json:"items"`
}

// PDFJSNode is one structure element as getStructTree gives it, with the
// text of the marked content it holds directly (Text) in place of the
// content's ids, and its child elements.
type PDFJSNode struct {
	Role string       `json:"role"`
	Lang string       `json:"lang"`
	Alt  string       `json:"alt"`
	Text string       `json:"text"`
	Kids []*PDFJSNode `json:"kids"`
}

// PDFJSItem is one text item of a page: its string and the direction
// pdf.js gives it ("ltr", "rtl").
type PDFJSItem struct {
	Str string `json:"str"`
	Dir string `json:"dir"`
}

// Walk calls fn for n and every element under it, depth first in the
// tree's order, with the language each inherits (its own, or the
// nearest ancestor's).
func (n *PDFJSNode) Walk(lang string, fn func(n *PDFJSNode, lang string)) {
	if n == nil {
		return
	}
	if n.Lang != "" {
		lang = n.Lang
	}
	fn(n, lang)
	for _, k := range n.Kids {
		k.Walk(lang, fn)
	}
}

// PDFJS reads the files with pdf.js in one Node.js process (read.mjs
// beside this file) and returns what it read, in the files' order. It
// finds pdfjs-dist under $AWAREKIT_PDFJS_DIST (an npm prefix, as .ci/run
// installs it), else in the user cache folder; when install is true and
// it is in neither, it installs it there with npm. A missing node, npm
// or pdfjs-dist skips the test with what to install, unless
// AWAREKIT_REQUIRE_FONTS=1.
func PDFJS(t testing.TB, install bool, files ...string) []PDFJSDoc {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node is not installed; install the Debian package nodejs")
	}
	dir := pdfjsDir(t, install)
	_, self, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(self), "pdfjs", "read.mjs")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, node, append([]string{script, dir}, files...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node read.mjs (pdf.js %s): %v\n%s", PDFJSVersion, err, stderr.String())
	}
	var docs []PDFJSDoc
	if err := json.Unmarshal(stdout.Bytes(), &docs); err != nil {
		t.Fatalf("node read.mjs: %v\n%s", err, stderr.String())
	}
	if len(docs) != len(files) {
		t.Fatalf("pdf.js read %d files of %d", len(docs), len(files))
	}
	return docs
}

// PDFJSInstalled reports whether pdfjs-dist is where PDFJS looks for it,
// so that a quick test can read with it when it is there and install
// nothing.
func PDFJSInstalled() bool {
	if dir := os.Getenv("AWAREKIT_PDFJS_DIST"); dir != "" {
		return hasPDFJS(dir)
	}
	return hasPDFJS(pdfjsCache())
}

func hasPDFJS(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "node_modules", "pdfjs-dist", "legacy", "build", "pdf.mjs"))
	return err == nil
}

// pdfjsCache is where PDFJS installs pdfjs-dist: the user cache folder.
func pdfjsCache() string {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	return filepath.Join(cache, "awarekit", "pdfjs-dist-"+PDFJSVersion)
}

// pdfjsDir is the npm prefix pdfjs-dist is installed under.
func pdfjsDir(t testing.TB, install bool) string {
	t.Helper()
	has := hasPDFJS
	if dir := os.Getenv("AWAREKIT_PDFJS_DIST"); dir != "" {
		if !has(dir) {
			t.Fatalf("AWAREKIT_PDFJS_DIST=%s holds no node_modules/pdfjs-dist; install it with npm install --prefix %s pdfjs-dist@%s", dir, dir, PDFJSVersion)
		}
		return dir
	}
	dir := pdfjsCache()
	if has(dir) {
		return dir
	}
	hint := fmt.Sprintf("pdf.js is not in %s; install it with npm install --no-save --prefix %s pdfjs-dist@%s, or set AWAREKIT_PDFJS_DIST", dir, dir, PDFJSVersion)
	if !install {
		missing(t, hint)
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		missing(t, hint+" (npm is not installed: install the Debian package npm)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund", "--no-save", "--prefix", dir, "pdfjs-dist@"+PDFJSVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		missing(t, fmt.Sprintf("npm install pdfjs-dist@%s: %v\n%s", PDFJSVersion, err, out))
	}
	if !has(dir) {
		t.Fatalf("npm installed pdfjs-dist@%s, but %s lacks it", PDFJSVersion, dir)
	}
	return dir
}

// missing skips the test, or fails it when tools are required.
func missing(t testing.TB, msg string) {
	t.Helper()
	if Required() {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
)

// pdfjsCases are the materials Mozilla's pdf.js reads back: one of each
// kind of page a screen reader in Firefox meets. The first is the quick
// run's sample.
var pdfjsCases = []tagCase{
	{"youth", "en", "flyer", true, true, false},
	{"newcomers", "ar", "flyer", false, true, true},
	{"newcomers", "fr+en", "flyer", false, true, true},
	{"newcomers", "pa+en", "flyer", false, true, true},
	{"youth", "en", "handout", false, true, true},
	{"newcomers", "en", "cards", false, false, true},
}

// elemText is a structure element's text and language, as the layout
// has it or as a reader read it.
type elemText struct{ text, lang string }

// modelElements is what page p (from 0) of ld carries for a screen
// reader: the text of each structure element that has text on the page,
// in the tree's order (the order the pages' elements first name the
// tags, each tag before its children), with the element's language
// (its own, its nearest ancestor's, or the document's).
func modelElements(ld *layout.Document, p int) []elemText {
	top, nodes := readingTree(ld, p)
	var out []elemText
	var walk func(tags []*layout.Tag)
	walk = func(tags []*layout.Tag) {
		for _, tag := range tags {
			lines := make([]string, len(nodes[tag].lines))
			for i, l := range nodes[tag].lines {
				lines[i] = logicalText(l.Line)
			}
			if s := pdftest.Normalize(strings.Join(lines, " ")); s != "" {
				lang := ld.Meta.Lang
				for t := tag; t != nil; t = t.Parent {
					if t.Lang != "" {
						lang = t.Lang
						break
					}
				}
				out = append(out, elemText{s, lang})
			}
			walk(nodes[tag].kids)
		}
	}
	walk(top)
	return out
}

// readElements is the same from what pdf.js read of a page.
func readElements(page pdftest.PDFJSPage) []elemText {
	var out []elemText
	page.Tree.Walk("", func(n *pdftest.PDFJSNode, lang string) {
		if s := pdftest.Normalize(n.Text); s != "" {
			out = append(out, elemText{s, lang})
		}
	})
	return out
}

// rightToLeft reports whether s holds a letter of a right-to-left script.
func rightToLeft(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko)
	})
}

// letters is s without white space and nonspacing marks (harakat,
// shadda).
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, s)
}

// TestPDFJS reads tagged materials back with a second reader nobody here
// wrote, Mozilla's pdf.js (Firefox's PDF viewer, whose structure tree
// and text Firefox gives screen readers), in Node.js: the document's
// language; on every page, the structure tree's elements, each with its
// text and language, in the layout's reading order (so a bilingual
// page's every span says its language); headings, paragraphs and a
// figure with alternative text for the QR code and the logo; and the
// hotline's number whole and in order in the page's text. A pack keeps
// each file's tree as a part, in its language.
//
// The quick run reads the English flyer when node and pdf.js are there;
// AWAREKIT_FULL=1 (CI) reads the rest, and installs pdf.js with npm when
// needed.
func TestPDFJS(t *testing.T) {
	full := os.Getenv("AWAREKIT_FULL") == "1"
	if !full && !pdftest.PDFJSInstalled() {
		t.Skip("pdf.js is not installed; AWAREKIT_FULL=1 installs it with npm")
	}
	e := engine(t, time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC))
	dir := t.TempDir()
	var (
		cases []tagCase
		lds   []*layout.Document
		files []string
		data  [][]byte
	)
	for _, c := range pdfjsCases {
		if c.full && !full {
			continue
		}
		ld, path := tagged(t, e, dir, c)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cases, lds, files, data = append(cases, c), append(lds, ld), append(files, path), append(data, b)
	}
	// The pack: the English and the Arabic flyer, each a part of one
	// document.
	var pack string
	if full {
		var buf bytes.Buffer
		p := pdf.NewPacker(&buf)
		for _, i := range []int{0, 1} {
			if _, err := p.Add(data[i]); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := p.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		pack = filepath.Join(dir, "pack.pdf")
		if err := os.WriteFile(pack, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, pack)
	}
	read := pdftest.PDFJS(t, full, files...)

	roles := map[string]int{}
	for i, c := range cases {
		ld, got := lds[i], read[i]
		t.Run(c.aud+"-"+c.format+"-"+c.lang, func(t *testing.T) {
			if got.Lang != ld.Meta.Lang {
				t.Errorf("pdf.js reads the document's language as %q, want %q", got.Lang, ld.Meta.Lang)
			}
			if len(got.Pages) != len(ld.Pages) {
				t.Fatalf("pdf.js reads %d pages, the layout has %d", len(got.Pages), len(ld.Pages))
			}
			var alts []string
			var text strings.Builder
			for p, page := range got.Pages {
				if page.Tree == nil || page.Tree.Role != "Root" || len(page.Tree.Kids) != 1 || page.Tree.Kids[0].Role != "Document" {
					t.Fatalf("page %d: pdf.js finds no structure tree under one Document: %+v", p+1, page.Tree)
				}
				page.Tree.Walk("", func(n *pdftest.PDFJSNode, _ string) {
					roles[n.Role]++
					if n.Role == "Figure" {
						if n.Alt == "" {
							t.Errorf("page %d: a figure has no alternative text", p+1)
						}
						alts = append(alts, n.Alt)
					}
				})
				// The reading order and the language of every element.
				// Text drawn right to left must have the model's letters
				// in the model's order, but pdf.js reads it without the
				// spaces between its words (it takes a line's spaces from
				// the gaps it sees as its pen moves on, and the writer
				// draws right-to-left text in reading order, moving left)
				// and puts a shadda or a haraka before the letter it sits
				// on (it reverses what it takes for one piece of
				// right-to-left text, and finds the mark drawn with its
				// letter): both are pdf.js's reading of text in reading
				// order, which poppler reads as written.
				want, have := modelElements(ld, p), readElements(page)
				for k := range max(len(want), len(have)) {
					var w, h elemText
					if k < len(want) {
						w = want[k]
					}
					if k < len(have) {
						h = have[k]
					}
					same := h.text == w.text
					if rightToLeft(w.text) {
						same = letters(h.text) == letters(w.text)
					}
					if !same || h.lang != w.lang {
						t.Errorf("page %d, element %d: pdf.js reads %q in %q, the layout has %q in %q", p+1, k+1, h.text, h.lang, w.text, w.lang)
					}
				}
				for _, it := range page.Items {
					text.WriteString(it.Str)
				}
			}
			if c.qr && !slices.Contains(alts, qrAlt) {
				t.Errorf("no figure says %q; figures: %q", qrAlt, alts)
			}
			if c.logo && !slices.ContainsFunc(alts, func(a string) bool { return strings.Contains(a, "Riverside Youth Services") }) {
				t.Errorf("no figure for the logo; figures: %q", alts)
			}
			// The number is one text item or several, in order, never
			// reversed: the page's text holds it whole.
			if s := text.String(); !strings.Contains(s, hotline) || strings.Contains(s, "1010-900-833-1") {
				t.Errorf("pdf.js's text of the pages does not hold %s whole: %q", hotline, s)
			}
		})
	}
	for _, role := range []string{"H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Figure", "Link"} {
		if roles[role] == 0 {
			t.Errorf("pdf.js found no %s element in any file: %v", role, roles)
		}
	}
	t.Logf("pdf.js read %d files; structure elements by role: %v", len(files), roles)

	if pack == "" {
		return
	}
	// The pack's pages are its files' pages, each file's Document a Part
	// in its language under the pack's Document.
	got := read[len(read)-1]
	if got.Lang != "en" {
		t.Errorf("pdf.js reads the pack's language as %q, want en", got.Lang)
	}
	var want []pdftest.PDFJSPage
	for _, i := range []int{0, 1} {
		want = append(want, read[i].Pages...)
	}
	if len(got.Pages) != len(want) {
		t.Fatalf("pdf.js reads %d pages in the pack, its files have %d", len(got.Pages), len(want))
	}
	for p := range want {
		page := got.Pages[p]
		if page.Tree == nil || len(page.Tree.Kids) != 1 || page.Tree.Kids[0].Role != "Document" || len(page.Tree.Kids[0].Kids) != 1 {
			t.Fatalf("pack page %d: no Document with one Part: %+v", p+1, page.Tree)
		}
		part, src := page.Tree.Kids[0].Kids[0], want[p].Tree.Kids[0]
		if part.Role != "Part" || part.Lang != src.Lang {
			t.Errorf("pack page %d is in a %s in %q, want a Part in %q", p+1, part.Role, part.Lang, src.Lang)
		}
		if h, w := readElements(pdftest.PDFJSPage{Tree: part}), readElements(pdftest.PDFJSPage{Tree: src}); !slices.Equal(h, w) {
			t.Errorf("pack page %d: pdf.js reads\n%q\nits file's page reads\n%q", p+1, h, w)
		}
	}
}

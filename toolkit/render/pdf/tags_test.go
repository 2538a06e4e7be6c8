package pdf_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// qrAlt is what a screen reader says for the hotline's QR code.
const qrAlt = "QR code: canadianhumantraffickinghotline.ca"

// tagCase is one material the structure test makes.
type tagCase struct {
	aud, lang, format string
	logo              bool
	qr                bool // the format carries the hotline's QR code
	full              bool // made only in the full run (AWAREKIT_FULL=1): slow to read back
}

var tagCases = []tagCase{
	{"youth", "en", "flyer", true, true, false},
	{"newcomers", "fr+en", "flyer", false, true, false},
	{"newcomers", "ar", "flyer", false, true, false},
	{"newcomers", "ar+en", "flyer", false, true, false},
	{"newcomers", "ar", "poster", false, true, true},
	{"newcomers", "ar", "handout", true, true, true},
	{"youth", "fa", "flyer", false, true, true},
	{"newcomers", "ur", "cards", false, false, true},
	{"newcomers", "pa", "flyer", false, true, false},
	{"newcomers", "zh-Hans", "flyer", false, true, false},
	{"health", "fr", "poster", false, true, false},
	{"youth", "en", "handout", false, true, true},
	{"newcomers", "en", "cards", false, false, true},
}

// lists reports whether c's format has a headline and lists of signs and
// actions.
func (c tagCase) lists() bool {
	return slices.Contains([]string{"flyer", "handout", "poster", "tearoff"}, c.format)
}

// everyPDFFormat is a case for every format drawn as PDF pages, in
// English and, where the format has it, in Arabic: each must be tagged,
// its structure's text the layout's in reading order.
func everyPDFFormat(t *testing.T, e *generate.Engine) []tagCase {
	var cases []tagCase
	for _, f := range format.Formats {
		if !f.Paged() || !slices.Contains(f.BackendNames(), "pdf") {
			continue
		}
		aud := "newcomers"
		if f.Budget.Pocket {
			aud = "health"
		}
		for _, lang := range []string{"en", "ar"} {
			if _, err := e.Resolve(generate.Job{Audience: aud, Lang: lang, Format: f.Name, Paper: "letter"}); err != nil {
				if lang == "en" {
					t.Fatalf("%s in English: %v", f.Name, err)
				}
				continue // the workshop kit is in English and French
			}
			cases = append(cases, tagCase{aud: aud, lang: lang, format: f.Name, full: true})
		}
	}
	return cases
}

// tagged lays out and draws c, and returns the layout and the file.
func tagged(t *testing.T, e *generate.Engine, dir string, c tagCase) (*layout.Document, string) {
	t.Helper()
	org := profile.Organisation{Name: "Riverside Youth Services"}
	if c.logo {
		img := image.NewRGBA(image.Rect(0, 0, 120, 40))
		for x := range 120 {
			for y := range 40 {
				img.Set(x, y, color.RGBA{R: 11, G: 92, B: uint8(x), A: 255})
			}
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		org.Logo = filepath.Join(dir, "logo.png")
		if err := os.WriteFile(org.Logo, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := e.Resolve(generate.Job{Audience: c.aud, Lang: c.lang, Format: c.format, Paper: "letter"})
	if err != nil {
		t.Fatal(err)
	}
	brand, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	ld, err := e.Layout(r, org, brand)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pdf.Render(&buf, ld, pdf.Options{Date: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, strings.NewReplacer("+", "-").Replace(c.aud+"-"+c.format+"-"+c.lang)+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return ld, path
}

// TestTagged reads the structure of tagged materials back with tools
// nobody here wrote: pdfinfo says the file is tagged; its
// -struct-text gives every line of text the layout placed, in the
// layout's reading order; qpdf's objects give a tree under one
// Document in the material's language, with a figure for the logo and
// for the QR code with their alternative text, the QR code inside a
// link that claims the link annotation.
func TestTagged(t *testing.T) {
	pdftest.Need(t, "qpdf", "pdfinfo")
	e := engine(t, time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC))
	dir := t.TempDir()
	cases := slices.Clone(tagCases)
	if os.Getenv("AWAREKIT_FULL") == "1" {
		cases = append(cases, everyPDFFormat(t, e)...)
	}
	for _, c := range cases {
		if c.full && os.Getenv("AWAREKIT_FULL") != "1" {
			continue
		}
		t.Run(c.aud+"-"+c.format+"-"+c.lang, func(t *testing.T) {
			ld, path := tagged(t, e, dir, c)
			pdftest.Check(t, path)
			if got := pdftest.Info(t, path)["Tagged"]; got != "yes" {
				t.Fatalf("pdfinfo says Tagged: %q", got)
			}

			// The text, line by line, in the layout's reading order: the
			// structure elements in the order the page's elements first
			// name them, each with its lines and then its children.
			top, nodes := readingTree(ld, -1)
			var want []string
			var walk func(tags []*layout.Tag)
			walk = func(tags []*layout.Tag) {
				for _, tag := range tags {
					n := nodes[tag]
					for _, l := range n.lines {
						if s := pdftest.Normalize(logicalText(l.Line)); s != "" {
							want = append(want, s)
						}
					}
					walk(n.kids)
				}
			}
			walk(top)
			var got []string
			lines := pdftest.StructText(t, path)
			if len(lines) == 0 || lines[0].Role != "Document" || lines[0].Depth != 0 {
				t.Fatalf("the tree does not start with a Document: %v", lines[:min(3, len(lines))])
			}
			for _, l := range lines {
				if l.Role == "" {
					if s := pdftest.Normalize(l.Text); s != "" {
						got = append(got, s)
					}
				}
			}
			if len(got) != len(want) {
				t.Fatalf("pdfinfo -struct-text gives %d lines of text, the layout has %d:\n%q\n%q", len(got), len(want), got, want)
			}
			// Right-to-left lines too, in logical order: the
			// characters as the document model has them.
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("line %d of the structure is %q, the layout's is %q", i+1, got[i], want[i])
				}
			}

			// The elements, from the file's objects.
			elems := pdftest.StructTree(t, path)
			if len(elems) == 0 || elems[0].Role != "Document" || elems[0].Lang != ld.Meta.Lang {
				t.Fatalf("the tree's first element is %+v, want a Document in %q", elems[:min(1, len(elems))], ld.Meta.Lang)
			}
			var alts []string
			for i, el := range elems {
				if el.Role == "Figure" {
					if el.Alt == "" {
						t.Errorf("a figure has no alternative text")
					}
					alts = append(alts, el.Alt)
				}
				if el.Alt == qrAlt && (i == 0 || elems[i-1].Role != "Link" || elems[i-1].Depth != el.Depth-1 || elems[i-1].Links != 1) {
					t.Errorf("the QR code is not inside a link that claims its annotation: %+v", elems[max(0, i-1)])
				}
				if el.Role == "Link" && el.Links == 0 {
					t.Errorf("a Link element claims no link annotation")
				}
			}
			if c.qr && !slices.Contains(alts, qrAlt) {
				t.Errorf("no figure says %q; figures: %q", qrAlt, alts)
			}
			if c.logo && !slices.ContainsFunc(alts, func(a string) bool { return strings.Contains(a, "Riverside Youth Services") }) {
				t.Errorf("no figure for the logo; figures: %q", alts)
			}
			// Headings, lists of items with a label and a body, and the
			// language of every element that holds text: the document's,
			// or on a bilingual page the second language's where its
			// words are.
			roles := map[string]int{}
			langs := map[string]int{}
			stack := []string{elems[0].Lang}
			for i, el := range elems {
				roles[el.Role]++
				stack = append(stack[:el.Depth], el.Lang)
				if el.Lang == "" {
					stack[el.Depth] = stack[max(0, el.Depth-1)]
				}
				if el.MCIDs > 0 && el.Role != "Figure" {
					langs[stack[el.Depth]]++
				}
				if el.Role == "Lbl" && (i+1 >= len(elems) || elems[i+1].Role != "LBody" || elems[i-1].Role != "LI") {
					t.Errorf("a list item's label is not first in its item, before its body")
				}
				if el.Role == "LI" && (i+1 >= len(elems) || elems[i+1].Depth != el.Depth+1) {
					t.Errorf("a list item is empty")
				}
			}
			if c.lists() && (roles["H1"] == 0 || roles["L"] == 0 || roles["LI"] == 0) {
				t.Errorf("the structure lacks a headline, a list or its items: %v", roles)
			}
			// English may come in any material: the line that says a
			// translation is a draft.
			wantLangs := strings.Split(c.lang, "+")
			for l := range langs {
				if !slices.Contains(wantLangs, l) && l != "en" {
					t.Errorf("text in %q, want only %q: %v", l, wantLangs, langs)
				}
			}
			for _, l := range wantLangs {
				if langs[l] == 0 {
					t.Errorf("no text in %q: %v", l, langs)
				}
			}
		})
	}
}

// TestPackerKeepsTags joins tagged files: the pack is tagged, and its
// structure is each file's, in order, under one Document.
func TestPackerKeepsTags(t *testing.T) {
	pdftest.Need(t, "qpdf", "pdfinfo")
	files := materials(t)
	dir := t.TempDir()
	var buf bytes.Buffer
	p := pdf.NewPacker(&buf)
	var want []pdftest.StructLine
	// English, Arabic, and the English file again (shared objects).
	for i, f := range [][]byte{files[0], files[2], files[0]} {
		if _, err := p.Add(f); err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(dir, "m"+string(rune('0'+i))+".pdf")
		if err := os.WriteFile(src, f, 0o644); err != nil {
			t.Fatal(err)
		}
		// Each file's Document is a Part of the pack's.
		for _, l := range pdftest.StructText(t, src) {
			if l.Role == "Document" {
				l.Role = "Part"
			}
			l.Depth++
			want = append(want, l)
		}
	}
	if _, err := p.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	packed := filepath.Join(dir, "pack.pdf")
	if err := os.WriteFile(packed, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, packed)
	if got := pdftest.Info(t, packed)["Tagged"]; got != "yes" {
		t.Fatalf("pdfinfo says Tagged: %q", got)
	}
	got := pdftest.StructText(t, packed)
	want = append([]pdftest.StructLine{{Role: "Document"}}, want...)
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("the pack's structure differs from its files' at line %d: %+v, want %+v", i+1, got[i], want[i])
			}
		}
		t.Fatalf("the pack's structure has %d lines, its files' %d", len(got), len(want))
	}
	// The Arabic file's parts keep their language.
	var langs []string
	for _, el := range pdftest.StructTree(t, packed) {
		if el.Depth == 1 {
			langs = append(langs, el.Lang)
		}
	}
	if !slices.Equal(langs, []string{"en", "ar", "en"}) {
		t.Errorf("the pack's parts are in %q", langs)
	}
}

// tagNode is a structure element of a laid-out document: its lines
// and its children, in reading order.
type tagNode struct {
	lines []*layout.TextLine
	kids  []*layout.Tag
}

// readingTree is ld's structure in the layout's reading order: the
// elements in the order the pages' elements first name them, each tag
// before its children, with the lines of page (from 0; -1 for every
// page). top are the elements without a parent.
func readingTree(ld *layout.Document, page int) (top []*layout.Tag, nodes map[*layout.Tag]*tagNode) {
	nodes = map[*layout.Tag]*tagNode{}
	var reach func(tag *layout.Tag) *tagNode
	reach = func(tag *layout.Tag) *tagNode {
		if n, ok := nodes[tag]; ok {
			return n
		}
		n := &tagNode{}
		nodes[tag] = n
		if tag.Parent == nil {
			top = append(top, tag)
		} else {
			parent := reach(tag.Parent)
			parent.kids = append(parent.kids, tag)
		}
		return n
	}
	for i, pg := range ld.Pages {
		for _, el := range pg.Elements {
			if el.Tag == nil {
				continue
			}
			n := reach(el.Tag)
			if el.Text != nil && (page < 0 || i == page) {
				n.lines = append(n.lines, el.Text)
			}
		}
	}
	return top, nodes
}

// logicalText is a line's text in reading order: its runs' texts in
// the order they start in the paragraph (the runs are in visual order).
func logicalText(l typeset.Line) string {
	runs := slices.Clone(l.Runs)
	slices.SortStableFunc(runs, func(a, b typeset.Run) int { return a.Start - b.Start })
	var sb strings.Builder
	for _, r := range runs {
		sb.WriteString(r.Text)
	}
	return sb.String()
}

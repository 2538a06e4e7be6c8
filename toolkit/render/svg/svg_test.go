package svg_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/render/imagetest"
	"github.com/awarekit/awarekit/toolkit/render/svg"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// parsed is what a second XML parser (encoding/xml) finds in an SVG page.
type parsed struct {
	root       map[string]string // the <svg> element's attributes
	title      string
	desc       string
	ids        map[string]bool
	refs       []string // every xlink:href to a fragment
	lineLabels []string // aria-label of each text line group
}

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	p := parsed{root: map[string]string{}, ids: map[string]bool{}}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range el.Attr {
				name := a.Name.Local
				if a.Name.Space != "" && a.Name.Space != "http://www.w3.org/2000/svg" {
					name = a.Name.Space + " " + name
				}
				attr[name] = a.Value
			}
			if len(stack) == 0 {
				if el.Name.Space != "http://www.w3.org/2000/svg" || el.Name.Local != "svg" {
					t.Fatalf("root element is %v, not svg in the SVG namespace", el.Name)
				}
				p.root = attr
			}
			if id := attr["id"]; id != "" {
				p.ids[id] = true
			}
			if ref, ok := attr["http://www.w3.org/1999/xlink href"]; ok && strings.HasPrefix(ref, "#") {
				p.refs = append(p.refs, ref[1:])
			}
			if el.Name.Local == "g" {
				p.lineLabels = append(p.lineLabels, attr["aria-label"])
			}
			stack = append(stack, el.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 2 && stack[1] == "title" {
				p.title += string(el)
			}
			if len(stack) == 2 && stack[1] == "desc" {
				p.desc += string(el)
			}
		}
	}
	return p
}

func render(t *testing.T, ld *layout.Document, i int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := svg.Render(&b, ld, i); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWellFormed checks every page of a sample with encoding/xml: the
// root's size and accessible name, the title and description, every
// reference defined, every line labelled with its text, and the hotline
// in the text a screen reader gets.
func TestWellFormed(t *testing.T) {
	e := imagetest.Engine(t)
	for _, c := range []imagetest.Case{
		{Audience: "newcomers", Lang: "pa", Format: "handout", Logo: true},
		{Audience: "youth", Lang: "ar", Format: "tearoff"},
		{Audience: "newcomers", Lang: "zh-Hans", Format: "cards", Print: layout.PrintOptions{Bleed: 8.5, CropMarks: true}},
		{Audience: "indigenous", Lang: "iu", Format: "safety-card"},
	} {
		t.Run(c.String(), func(t *testing.T) {
			ld := imagetest.Layout(t, e, c)
			var text strings.Builder
			for i, pg := range ld.Pages {
				p := parse(t, render(t, ld, i))
				wantSize := fmt.Sprintf("0 0 %g %g", round(pg.Width), round(pg.Height))
				if p.root["viewBox"] != wantSize {
					t.Errorf("page %d: viewBox %q, want %q", i+1, p.root["viewBox"], wantSize)
				}
				if p.root["role"] != "img" || !strings.HasPrefix(p.root["aria-label"], ld.Meta.Title) {
					t.Errorf("page %d: role %q, aria-label %q; want img labelled %q", i+1, p.root["role"], p.root["aria-label"], ld.Meta.Title)
				}
				if p.root["http://www.w3.org/XML/1998/namespace lang"] != ld.Meta.Lang {
					t.Errorf("page %d: xml:lang %q, want %q", i+1, p.root["http://www.w3.org/XML/1998/namespace lang"], ld.Meta.Lang)
				}
				if !strings.HasPrefix(p.title, ld.Meta.Title) {
					t.Errorf("page %d: title %q, want %q", i+1, p.title, ld.Meta.Title)
				}
				for _, ref := range p.refs {
					if !p.ids[ref] {
						t.Errorf("page %d: #%s is used but not defined", i+1, ref)
					}
				}
				lines := strings.Split(p.desc, "\n")
				if !slices.Equal(lines, p.lineLabels) {
					t.Errorf("page %d: line labels differ from the description:\n%q\n%q", i+1, p.lineLabels, lines)
				}
				text.WriteString(p.desc + "\n")
			}
			if !strings.Contains(text.String(), "1-833-900-1010") {
				t.Errorf("the hotline is not in the pages' text:\n%s", text.String())
			}
		})
	}
}

func round(v float64) float64 {
	var r float64
	fmt.Sscanf(fmt.Sprintf("%.3f", v), "%g", &r)
	return r
}

// TestTextMatchesPDF compares the words of each SVG page's description
// with the words poppler's pdftotext extracts from the PDF of the same
// page: the two backends say the same thing. Arabic and Punjabi are left
// out: pdftotext moves punctuation to the visual side of right-to-left
// words and puts some Gurmukhi vowel signs after their consonant's
// neighbour, so its text is no reference there.
func TestTextMatchesPDF(t *testing.T) {
	e := imagetest.Engine(t)
	langs := []string{"en", "zh-Hans"}
	if imagetest.Full() {
		langs = []string{"en", "fr", "zh-Hans", "ti", "iu"}
	}
	for _, lang := range langs {
		for _, f := range []string{"flyer", "handout"} {
			c := imagetest.Case{Audience: "newcomers", Lang: lang, Format: f}
			t.Run(c.String(), func(t *testing.T) {
				ld := imagetest.Layout(t, e, c)
				dir := t.TempDir()
				path := filepath.Join(dir, "doc.pdf")
				if err := os.WriteFile(path, imagetest.PDF(t, ld), 0o644); err != nil {
					t.Fatal(err)
				}
				var desc strings.Builder
				for i := range ld.Pages {
					desc.WriteString(parse(t, render(t, ld, i)).desc + "\n")
				}
				want := words(pdftest.Text(t, path))
				got := words(strings.Join(joinHyphens(strings.Fields(pdftest.Normalize(desc.String())), want), " "))
				if !slices.Equal(got, want) {
					t.Errorf("words differ\nsvg only: %q\npdf only: %q", missing(got, want), missing(want, got))
				}
			})
		}
	}
}

// joinHyphens joins a word that ends a line at its hyphen ("vous-",
// "même,") with the next one as pdftotext does, which drops the hyphen
// ("vousmême,"): only where that joined word is among pdfWords, so a
// hyphen the PDF's text keeps is compared as it is.
func joinHyphens(ws, pdfWords []string) []string {
	var out []string
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if len(w) > 1 && strings.HasSuffix(w, "-") && i+1 < len(ws) {
			if j := strings.TrimSuffix(w, "-") + ws[i+1]; slices.Contains(pdfWords, j) {
				out = append(out, j)
				i++
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

// words is the sorted list of words of s.
func words(s string) []string {
	w := strings.Fields(s)
	slices.Sort(w)
	return w
}

// missing lists the words of a not in b.
func missing(a, b []string) []string {
	count := map[string]int{}
	for _, w := range b {
		count[w]++
	}
	var out []string
	for _, w := range a {
		if count[w] > 0 {
			count[w]--
			continue
		}
		out = append(out, w)
	}
	return out
}

// TestHostileText puts markup, quotes, line breaks and characters XML
// cannot carry into the title and the page text: the file stays
// well-formed and says what it was given.
func TestHostileText(t *testing.T) {
	fonts, err := typeset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	f, err := typeset.NewFonts(fonts, nil)
	if err != nil {
		t.Fatal(err)
	}
	text := `A & B <script>alert("x")</script> 'q'`
	p, err := typeset.New(f).Set(text, typeset.Options{Style: typeset.Style{Size: 10}})
	if err != nil {
		t.Fatal(err)
	}
	ld := &layout.Document{
		Meta: doc.Meta{Title: "Title \"quoted\" <b>\x01\x0b\ufffe\n", Lang: `en"x`},
		Pages: []layout.Page{{Width: 200, Height: 100, Elements: []layout.Element{
			{Text: &layout.TextLine{X: 10, Y: 50, Line: p.Lines[0]}},
			{Link: &layout.Link{X: 0, Y: 0, W: 10, H: 10, URL: `https://example.org/?a=1&b="2"`}},
		}}},
	}
	got := parse(t, render(t, ld, 0))
	if got.desc != text {
		t.Errorf("description %q, want %q", got.desc, text)
	}
	if want := "Title \"quoted\" <b>\ufffd\ufffd\ufffd\n"; got.title != want {
		t.Errorf("title %q, want %q", got.title, want)
	}
	if got.root["aria-label"] != got.title {
		t.Errorf("aria-label %q, want the title %q", got.root["aria-label"], got.title)
	}
}

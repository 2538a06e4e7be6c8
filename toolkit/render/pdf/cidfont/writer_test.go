package cidfont

import (
	"bytes"
	"errors"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
)

func TestUnits(t *testing.T) {
	type want struct {
		first, end      int
		pre, text, post string
	}
	tests := []struct {
		name   string
		text   string
		rtl    bool
		glyphs []Glyph // only Cluster and XAdvance matter
		want   []want  // in reading order
	}{
		{
			name:   "one glyph per character",
			text:   "abc",
			glyphs: []Glyph{{Cluster: 0, XAdvance: 1}, {Cluster: 1, XAdvance: 1}, {Cluster: 2, XAdvance: 1}},
			want:   []want{{0, 1, "", "a", ""}, {1, 2, "", "b", ""}, {2, 3, "", "c", ""}},
		},
		{
			name:   "ligature",
			text:   "fix",
			glyphs: []Glyph{{Cluster: 0, XAdvance: 1}, {Cluster: 2, XAdvance: 1}},
			want:   []want{{0, 1, "", "fi", ""}, {1, 2, "", "x", ""}},
		},
		{
			// कि is drawn vowel sign first: the glyphs copy out as क, ि.
			name:   "pre-base vowel sign",
			text:   "कि",
			glyphs: []Glyph{{Cluster: 0, XAdvance: 300}, {Cluster: 0, XAdvance: 500}},
			want:   []want{{0, 1, "", "क", ""}, {1, 2, "", "ि", ""}},
		},
		{
			name:   "zero-width marks",
			text:   "ਨੁੱਖ",
			glyphs: []Glyph{{Cluster: 0, XAdvance: 500}, {Cluster: 0}, {Cluster: 0}, {Cluster: 3, XAdvance: 500}},
			want:   []want{{0, 1, "", "ਨ", ""}, {1, 2, "", "ੁ", ""}, {2, 3, "", "ੱ", ""}, {3, 4, "", "ਖ", ""}},
		},
		{
			// One glyph for a conjunct: the virama and what follows it
			// go to a zero-width glyph after it.
			name:   "conjunct glyph",
			text:   "क्ष",
			glyphs: []Glyph{{Cluster: 0, XAdvance: 700}},
			want:   []want{{0, 1, "", "क", "्ष"}},
		},
		{
			// ਪ੍ਰਿ: sign I, then ਪ, then a zero-width subjoined ra. The
			// virama would fall on ਪ's glyph; it goes in front of it.
			name:   "virama before a glyph with an advance",
			text:   "ਪ੍ਰਿ",
			glyphs: []Glyph{{Cluster: 0, XAdvance: 259}, {Cluster: 0, XAdvance: 593}, {Cluster: 0}},
			want:   []want{{0, 1, "", "ਪ", ""}, {1, 2, "੍", "ਰ", ""}, {2, 3, "", "ਿ", ""}},
		},
		{
			name:   "split vowel sign joins the glyph before",
			text:   "কো",
			glyphs: []Glyph{{Cluster: 0, XAdvance: 300}, {Cluster: 0, XAdvance: 500}, {Cluster: 0, XAdvance: 200}},
			want:   []want{{0, 1, "", "ক", ""}, {1, 3, "", "ো", ""}},
		},
		{
			name:   "right to left",
			text:   "اب",
			rtl:    true,
			glyphs: []Glyph{{Cluster: 1, XAdvance: 1}, {Cluster: 0, XAdvance: 1}},
			want:   []want{{1, 2, "", "ا", ""}, {0, 1, "", "ب", ""}},
		},
		{
			// In visual order the mark comes before its base, in
			// reading order after it.
			name:   "right to left mark",
			text:   "بِس",
			rtl:    true,
			glyphs: []Glyph{{Cluster: 2, XAdvance: 1}, {Cluster: 0}, {Cluster: 0, XAdvance: 1}},
			want:   []want{{2, 3, "", "ب", ""}, {1, 2, "", "ِ", ""}, {0, 1, "", "س", ""}},
		},
		{
			// Text in reading order (rtlGroup spreads it when drawing).
			name:   "right to left ligature",
			text:   "لا",
			rtl:    true,
			glyphs: []Glyph{{Cluster: 0, XAdvance: 1}},
			want:   []want{{0, 1, "", "لا", ""}},
		},
		{
			name:   "character without a glyph stays with its cluster",
			text:   "a\u200db",
			glyphs: []Glyph{{Cluster: 0, XAdvance: 1}, {Cluster: 2, XAdvance: 1}},
			want:   []want{{0, 1, "", "a\u200d", ""}, {1, 2, "", "b", ""}},
		},
		{
			name:   "cluster in two places",
			text:   "ab",
			glyphs: []Glyph{{Cluster: 0, XAdvance: 1}, {Cluster: 1, XAdvance: 1}, {Cluster: 0, XAdvance: 1}},
			want:   []want{{0, 1, "", "a", ""}, {1, 2, "", "b", ""}, {2, 3, "", "", ""}},
		},
		{
			name:   "no text",
			text:   "",
			glyphs: []Glyph{{Cluster: 0, XAdvance: 1}},
			want:   []want{{0, 1, "", "", ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := NewWriter(nil)
			units, err := w.units(&Run{Text: tt.text, RTL: tt.rtl, Glyphs: tt.glyphs})
			if err != nil {
				t.Fatal(err)
			}
			var got []want
			for _, u := range units {
				got = append(got, want{u.first, u.end, u.pre, u.text, u.post})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("unit %d: got %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestDrawErrors(t *testing.T) {
	f := dejaVuSans(t).font
	good := func() Run {
		return Run{Font: f, Size: 10, Text: "ab", Glyphs: []Glyph{{GID: 68, XAdvance: 1255}, {GID: 69, Cluster: 1, XAdvance: 1300}}}
	}
	tests := []struct {
		name   string
		noPage bool
		edit   func(*Run)
		want   string
	}{
		{name: "no page", noPage: true, edit: func(*Run) {}, want: "no page yet"},
		{name: "no font", edit: func(r *Run) { r.Font = nil }, want: "no font"},
		{name: "zero size", edit: func(r *Run) { r.Size = 0 }, want: "font size 0 is not a positive number"},
		{name: "size not a number", edit: func(r *Run) { r.Size = math.NaN() }, want: "is not a positive number"},
		{name: "infinite position", edit: func(r *Run) { r.X = math.Inf(1) }, want: "is not finite"},
		{name: "glyph beyond the font", edit: func(r *Run) { r.Glyphs[1].GID = 60000 }, want: "glyph 1: glyph ID 60000 is beyond the font's 6253 glyphs"},
		{name: "cluster beyond the text", edit: func(r *Run) { r.Glyphs[1].Cluster = 3 }, want: "cluster 3 is outside the text's 2 runes"},
		{name: "negative cluster", edit: func(r *Run) { r.Glyphs[0].Cluster = -1 }, want: "cluster -1 is outside"},
		{name: "offset out of range", edit: func(r *Run) { r.Glyphs[0].YOffset = 40000 }, want: "is out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pdf := newDoc()
			if !tt.noPage {
				pdf.AddPage()
			}
			w := NewWriter(pdf)
			r := good()
			tt.edit(&r)
			err := w.Draw(r)
			if err == nil || !strings.HasPrefix(err.Error(), `draw glyph run "ab": `) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one about %q", err, tt.want)
			}
			if len(w.fonts) != 0 {
				t.Error("a failed Draw left a font behind")
			}
		})
	}

	t.Run("failed run leaves the font as it was", func(t *testing.T) {
		pdf := newDoc()
		pdf.AddPage()
		w := NewWriter(pdf)
		if err := w.Draw(good()); err != nil {
			t.Fatal(err)
		}
		before := len(w.fonts[0].entries)
		r := Run{Font: f, Size: 10, Text: "xyz", Glyphs: []Glyph{
			{GID: 91, XAdvance: 1200},
			{GID: 92, Cluster: 1, XAdvance: 1200},
			{GID: 93, Cluster: 2, YOffset: 40000},
		}}
		if err := w.Draw(r); err == nil {
			t.Fatal("Draw succeeded")
		}
		if got := len(w.fonts[0].entries); got != before || len(w.fonts[0].cids) != before {
			t.Errorf("%d CIDs after the failed run, want %d", got, before)
		}
	})

	t.Run("after Output", func(t *testing.T) {
		pdf := newDoc()
		pdf.AddPage()
		w := NewWriter(pdf)
		if err := w.Output(io.Discard); err != nil {
			t.Fatal(err)
		}
		if err := w.Draw(good()); err == nil || !strings.Contains(err.Error(), "already been written") {
			t.Errorf("error %v, want one about the document being written", err)
		}
	})

	t.Run("no document", func(t *testing.T) {
		w := NewWriter(nil)
		if err := w.Draw(good()); err == nil {
			t.Error("Draw without a document succeeded")
		}
		if err := w.Output(io.Discard); err == nil {
			t.Error("Output without a document succeeded")
		}
	})
}

// TestEmptyRun checks that a run without glyphs writes nothing, not even its
// font.
func TestEmptyRun(t *testing.T) {
	pdf := newDoc()
	pdf.AddPage()
	w := NewWriter(pdf)
	if err := w.Draw(Run{Font: dejaVuSans(t).font, Size: 10, Text: "x"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("/FontFile2")) || bytes.Contains(buf.Bytes(), []byte("/C1")) || bytes.Contains(buf.Bytes(), []byte(" Tf ")) {
		t.Error("an empty run wrote a font or text")
	}
}

// TestContentStream checks a run's operators in the page: its colour set
// for it alone, its place, a TJ array with numbers only where the
// shaped position differs from the glyph's own advance, and the
// glyphs' IDs as their codes (DejaVu Sans: H 43, i 76, l 79).
func TestContentStream(t *testing.T) {
	dejavu := dejaVuSans(t)
	tests := []struct {
		name     string
		text     string
		color    [3]uint8
		fakeBold bool
		want     string
		numbers  int
	}{
		{name: "no kerning", text: "Hill", want: "q 0 g BT /C1 10 Tf 28.346 785.197 Td[(\x00+\x00L\x00O\x00O)]TJ ET Q"},
		{name: "kerning", text: "AVA", numbers: 2},
		{name: "colour", text: "Hi", color: [3]uint8{255, 0, 51}, want: "q 1 0 0.2 rg BT /C1 10 Tf 28.346 785.197 Td[(\x00+\x00L)]TJ ET Q"},
		{name: "fake bold", text: "Hi", color: [3]uint8{0, 0, 0}, fakeBold: true, want: "q 0 g 0 G 0 J 0 j 0.35 w 2 Tr BT /C1 10 Tf 28.346 785.197 Td[(\x00+\x00L)]TJ ET Q"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pdf := newDoc()
			pdf.AddPage()
			w := NewWriter(pdf)
			r := shape(dejavu, tt.text, language.Latin, "en", false)
			r.Size, r.Color, r.FakeBold = 10, tt.color, tt.fakeBold
			r.X, r.Y = 10, 20 // mm
			if err := w.Draw(r); err != nil {
				t.Fatal(err)
			}
			got := string(w.stream)
			if tt.want != "" && got != tt.want {
				t.Errorf("content %q, want %q", got, tt.want)
			}
			tj := got[strings.Index(got, "[")+1 : strings.Index(got, "]")]
			if n := strings.Count(tj, "(") - 1; n != tt.numbers {
				t.Errorf("%d adjustments in %q, want %d", n, tj, tt.numbers)
			}
		})
	}
}

func TestAppendCode(t *testing.T) {
	tests := []struct {
		cid  uint16
		want string
	}{
		{0x0041, "\x00A"},
		{0x2829, `\(\)`},
		{0x5c0d, `\\\r`},
		{0x0a0a, `\n\n`},
		{0xffff, "\xff\xff"},
	}
	for _, tt := range tests {
		if got := string(appendCode(nil, tt.cid)); got != tt.want {
			t.Errorf("appendCode(%#04x) = %q, want %q", tt.cid, got, tt.want)
		}
	}
}

// TestFooterDrawnDuringOutput draws from fpdf's footer function, which fpdf
// calls for the last page inside Output, after Finish.
func TestFooterDrawnDuringOutput(t *testing.T) {
	t.Parallel()
	qpdf := tool(t, "qpdf", "qpdf")
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	dejavu := dejaVuSans(t)
	pdf := newDoc()
	w := NewWriter(pdf)
	var drawErr error
	pdf.SetFooterFunc(func() {
		r := shape(dejavu, "Footer line", language.Latin, "en", false)
		r.Size, r.X, r.Y = 9, 20, 280
		if err := w.Draw(r); err != nil && drawErr == nil {
			drawErr = err
		}
	})
	for range 2 {
		pdf.AddPage()
		r := shape(dejavu, "Body line", language.Latin, "en", false)
		r.X, r.Y = 20, 30
		if err := w.Draw(r); err != nil {
			t.Fatal(err)
		}
	}
	path := writePDF(t, pdf, w)
	if drawErr != nil {
		t.Fatal(drawErr)
	}
	run(t, qpdf, "--check", path)
	for _, page := range []string{"1", "2"} {
		if got := normalise(run(t, pdftotext, "-f", page, "-l", page, path, "-")); got != "Body line Footer line" {
			t.Errorf("page %s: %q, want the body and the footer", page, got)
		}
	}
}

// TestOutputWithForeignObjects: something else imported objects into the
// document through fpdf's hooks (gofpdi does): the file is still valid, its
// text still there.
func TestOutputWithForeignObjects(t *testing.T) {
	qpdf := tool(t, "qpdf", "qpdf")
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	pdf, w, pages := mixedDocument(t, nil)
	pdf.ImportObjects(map[string][]byte{"other": []byte("<<>>\nendobj")})
	path := writePDF(t, pdf, w)
	run(t, qpdf, "--check", path)
	got := normalise(run(t, pdftotext, path, "-"))
	for _, text := range pages[1] {
		if !strings.Contains(got, normalise(text)) {
			t.Errorf("pdftotext lacks %q", text)
		}
	}
}

// TestConcurrentDocuments shares one Font between documents built at the
// same time; run it with -race. (go-text's font.Face is not safe for
// concurrent use, so each goroutine shapes with a Face of its own.)
func TestConcurrentDocuments(t *testing.T) {
	shared := dejaVuSans(t)
	outputs := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range outputs {
		wg.Go(func() {
			dejavu := &testFont{face: font.NewFace(shared.face.Font), font: shared.font}
			pdf := newDoc()
			pdf.AddPage()
			w := NewWriter(pdf)
			r := shape(dejavu, "Shared font, separate documents", language.Latin, "en", false)
			r.X, r.Y = 20, 30
			if err := w.Draw(r); err != nil {
				t.Error(err)
				return
			}
			var buf bytes.Buffer
			if err := w.Output(&buf); err != nil {
				t.Error(err)
				return
			}
			outputs[i] = buf.Bytes()
		})
	}
	wg.Wait()
	for i := range outputs {
		if !bytes.Equal(outputs[i], outputs[0]) {
			t.Fatalf("document %d differs from document 0", i)
		}
	}
}

// TestContentsKeptByTheCaller draws two pages whose runs the caller keeps
// (DrawTo) and gives Output (SetContents) after fpdf's own drawing: the
// file is the one Draw makes when the runs go into fpdf's pages after
// that drawing; the function is told each page and what fpdf has for it;
// its error fails Output, naming the page. fpdf must leave the pages
// uncompressed for it.
func TestContentsKeptByTheCaller(t *testing.T) {
	dejavu := dejaVuSans(t)
	texts := []string{"Call the hotline", "Second page"}
	draw := func(kept bool, fail error) ([]byte, []int, error) {
		pdf := newDoc()
		pdf.SetCompression(false) // Output compresses the pages
		w := NewWriter(pdf)
		var pages [][]byte
		var told []int
		if kept {
			w.SetContents(func(page int, fromFpdf, dst []byte) ([]byte, error) {
				told = append(told, page)
				if fail != nil {
					return nil, fail
				}
				return append(append(dst, fromFpdf...), pages[page]...), nil
			})
		}
		for i, text := range texts {
			pdf.AddPage()
			pdf.SetFillColor(10, 20, 30)
			pdf.Rect(10, 10, 50, 20, "F")
			r := shape(dejavu, text, language.Latin, "en", false)
			r.X, r.Y = 10, float64(20+i)
			if !kept {
				if err := w.Draw(r); err != nil {
					t.Fatal(err)
				}
				pdf.RawWriteStr("EMC")
				continue
			}
			b, err := w.DrawTo(nil, r)
			if err != nil {
				t.Fatal(err)
			}
			pages = append(pages, append(b, "\nEMC\n"...))
		}
		var out bytes.Buffer
		err := w.Output(&out)
		return out.Bytes(), told, err
	}
	want, _, err := draw(false, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, told, err := draw(true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the kept contents give a file of %d bytes, Draw one of %d, not the same", len(got), len(want))
	}
	if !slices.Equal(told, []int{0, 1}) {
		t.Errorf("the function was told pages %v, want [0 1]", told)
	}
	if _, _, err := draw(true, errors.New("a piece is missing")); err == nil || !strings.Contains(err.Error(), "page 1: a piece is missing") {
		t.Errorf("a failing function gave %v", err)
	}
}

// TestDocFontsReused draws documents one after another, each Writer
// taking the scratch the one before gave back with its fonts (spare), and
// each document again with a scratch of its own: the files are the same.
// The documents draw in two fonts, in turns and orders that make a spare
// serve its own font and the other, and glyphs that the document before
// drew and did not.
func TestDocFontsReused(t *testing.T) {
	regular := dejaVuSans(t)
	bold := loadFont(t, "DejaVuSansBold", dejavusansbold.TTF)
	type text struct {
		tf   *testFont
		text string
	}
	docs := [][]text{
		{{regular, "Call the hotline: 24/7, confidential, ﬁne"}, {bold, "Help is here — Élan"}},
		{{bold, "Know the signs"}},
		{{bold, "Élan"}, {regular, "fine hotline, Zz"}},
		{{regular, "Call"}, {regular, "the hotline"}},
		{{regular, "Call the hotline: 24/7, confidential, ﬁne"}, {bold, "Help is here — Élan"}},
	}
	draw := func(s *scratch, doc []text) ([]byte, *Writer) {
		pdf := newDoc()
		pdf.AddPage()
		w := NewWriter(pdf)
		w.scratch = s
		for i, tx := range doc {
			r := shape(tx.tf, tx.text, language.Latin, "en", false)
			r.X, r.Y = 20, float64(30+10*i)
			if err := w.Draw(r); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := w.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), w
	}
	s := new(scratch)
	reused := 0
	for i, doc := range docs {
		spares := slices.Clone(s.spareFonts)
		got, w := draw(s, doc)
		for _, df := range w.fonts {
			if slices.Contains(spares, df) {
				reused++
			}
		}
		want, _ := draw(new(scratch), doc)
		if !bytes.Equal(got, want) {
			t.Fatalf("document %d drawn with the scratch of the one before differs from it drawn with its own", i)
		}
		if s = w.spare(); s == nil {
			t.Fatalf("document %d: its scratch is not kept", i)
		}
	}
	if reused < 5 {
		t.Errorf("%d fonts drawn with a spare, want 5 or more", reused)
	}
}

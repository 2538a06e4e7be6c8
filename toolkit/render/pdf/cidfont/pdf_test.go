package cidfont

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-text/typesetting/language"
)

// sample is one line of text in one language and font.
type sample struct {
	name   string
	font   func(testing.TB) *testFont
	script language.Script
	lang   string
	rtl    bool
	text   string
	size   float64 // points; 0 is 14
}

func noto(file string) func(testing.TB) *testFont {
	return func(tb testing.TB) *testFont { return notoFont(tb, file) }
}

var samples = []sample{
	{name: "English", font: dejaVuSans, script: language.Latin, lang: "en", text: "Human trafficking: call 1-833-900-1010 (Toll free, 24/7). AVA To Wait."},
	{name: "French", font: dejaVuSans, script: language.Latin, lang: "fr", text: "La traite des personnes : où trouver de l’aide, très sûr, Noël, œuvre."},
	{name: "Punjabi", font: noto("NotoSansGurmukhi-Regular.ttf"), script: language.Gurmukhi, lang: "pa", text: "ਮਨੁੱਖੀ ਤਸਕਰੀ ਬਾਰੇ ਜਾਣਕਾਰੀ ਕਿਸੇ ਪ੍ਰਿਯ"},
	{name: "Hindi", font: noto("NotoSansDevanagari-Regular.ttf"), script: language.Devanagari, lang: "hi", text: "मानव तस्करी की जानकारी क्षत्रिय"},
	{name: "Arabic", font: noto("NotoSansArabic-Regular.ttf"), script: language.Arabic, lang: "ar", rtl: true, text: "الاتجار بالبشر اتصل"},
	{name: "Arabic in DejaVu Sans", font: dejaVuSans, script: language.Arabic, lang: "ar", rtl: true, text: "الاتجار بالبشر اتصل"},
	// Marks positioned on their letters, shadda with fatha, tanween.
	{name: "Arabic vocalised", font: noto("NotoSansArabic-Regular.ttf"), script: language.Arabic, lang: "ar", rtl: true, text: "بِسْمِ اللَّهِ مَرْحَبًا"},
	// Persian letters and a zero-width non-joiner.
	{name: "Persian", font: noto("NotoSansArabic-Regular.ttf"), script: language.Arabic, lang: "fa", rtl: true, text: "آیا می\u200cشناسید؟ پیام گروه"},
	{name: "Hindi conjuncts", font: noto("NotoSansDevanagari-Regular.ttf"), script: language.Devanagari, lang: "hi", text: "कि क्ष त्र ज्ञ श्र कर्म पूर्ण प्रिय हिन्दी द्ध ट्ट कोई"},
	{name: "Punjabi clusters", font: noto("NotoSansGurmukhi-Regular.ttf"), script: language.Gurmukhi, lang: "pa", text: "ਕਿ ਪ੍ਰਿਯ ਕ੍ਰਿਪਾ ਸ੍ਵਰ ਖ਼ੁਸ਼ੀ ਤੁਸੀਂ"},
	{name: "Punjabi sentence", font: noto("NotoSansGurmukhi-Regular.ttf"), script: language.Gurmukhi, lang: "pa", text: "ਜੇ ਤੁਹਾਨੂੰ ਲੱਗਦਾ ਹੈ ਕਿ ਕੋਈ ਵਿਅਕਤੀ ਖ਼ਤਰੇ ਵਿੱਚ ਹੈ, ਤਾਂ ਤੁਰੰਤ ਫ਼ੋਨ ਕਰੋ।"},
	{name: "Hindi sentence", font: noto("NotoSansDevanagari-Regular.ttf"), script: language.Devanagari, lang: "hi", text: "हेल्पलाइन मुफ़्त और गोपनीय है, नाम बताने की ज़रूरत नहीं।"},
	// Marks from GPOS, not precomposed characters.
	{name: "Vietnamese decomposed", font: dejaVuSans, script: language.Latin, lang: "vi", text: "Nê\u0301u ba\u0323n nghi\u0303 ai đo\u0301 đang gă\u0323p nguy hiê\u0309m"},
	// Over a hundred glyphs: codes with the bytes of a string's delimiters,
	// its escape character and line ends ( ) \\ CR LF.
	{name: "Many glyphs", font: dejaVuSans, script: language.Latin, lang: "fr", text: "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 ÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ àâæçéèêëîïôœùûüÿ ¡¿ñÑ ß ø Ø å Å « » – — ‘ ’ “ ” … € £ ¥ § ¶ © ® ™ ± × ÷ ° µ", size: 5},
	// Split vowel signs: one character, glyphs on both sides of the consonant.
	{name: "Bengali split vowels", font: noto("NotoSansBengali-Regular.ttf"), script: language.Bengali, lang: "bn", text: "কোথায় কৌশল"},
}

// TestExtractText draws the samples one to a page of one file and checks it
// with qpdf, pdffonts and pdftotext, one call of each: the text a reader
// copies out of each page must be its sample's text. Each tool call costs
// some 40 ms here, so the samples share a file; with AWAREKIT_FULL=1 each
// sample is also drawn alone in a file of its own, where its font's subset
// holds only its glyphs.
func TestExtractText(t *testing.T) {
	t.Parallel()
	tools := extractTools{
		qpdf:      tool(t, "qpdf", "qpdf"),
		pdffonts:  tool(t, "pdffonts", "poppler-utils"),
		pdftotext: tool(t, "pdftotext", "poppler-utils"),
	}
	t.Run("one file", func(t *testing.T) { tools.check(t, samples) })
	if os.Getenv("AWAREKIT_FULL") != "1" {
		return
	}
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) { tools.check(t, []sample{s}) })
	}
}

type extractTools struct{ qpdf, pdffonts, pdftotext string }

// check draws each sample on a page of its own in one file and checks the
// file: qpdf finds no fault, pdffonts lists one embedded CID TrueType
// subset with a ToUnicode map for each font the samples use and no other,
// and pdftotext reads each page as its sample's text, in the layout's order
// and in the content stream's.
func (x extractTools) check(t *testing.T, ss []sample) {
	pdf := newDoc()
	w := NewWriter(pdf)
	fonts := map[*testFont]bool{}
	for _, s := range ss {
		tf := s.font(t)
		fonts[tf] = true
		pdf.AddPage()
		r := shape(tf, s.text, s.script, s.lang, s.rtl)
		r.X, r.Y = 20, 30
		if s.size != 0 {
			r.Size = s.size
		}
		if err := w.Draw(r); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}
	path := writePDF(t, pdf, w)

	run(t, x.qpdf, "--check", path)

	listed := run(t, x.pdffonts, path)
	lines := strings.Split(strings.TrimSpace(listed), "\n")
	if len(lines) != 2+len(fonts) {
		t.Fatalf("pdffonts: want %d fonts, one for each font the samples use, got\n%s", len(fonts), listed)
	}
	for _, line := range lines[2:] {
		// name type encoding emb sub uni object ID
		fields := strings.Fields(line)
		if len(fields) < 8 || !strings.Contains(line, "CID TrueType") || !strings.Contains(line, "Identity-H") ||
			fields[len(fields)-5] != "yes" || fields[len(fields)-4] != "yes" || fields[len(fields)-3] != "yes" {
			t.Errorf("pdffonts: want an embedded CID TrueType subset with ToUnicode, got %q", line)
		}
		if len(fields[0]) < 8 || fields[0][6] != '+' {
			t.Errorf("pdffonts: want a subset name ABCDEF+Name, got %q", fields[0])
		}
	}

	layout := pages(t, run(t, x.pdftotext, "-layout", path, "-"), len(ss))
	// The content stream holds the text in reading order, right-to-left
	// text too: -raw keeps the stream's order, as a screen reader following
	// the tags does.
	raw := pages(t, run(t, x.pdftotext, "-raw", path, "-"), len(ss))
	for i, s := range ss {
		if got, want := normalise(layout[i]), normalise(s.text); got != want {
			t.Errorf("%s (page %d): pdftotext:\n got %q\nwant %q", s.name, i+1, got, want)
		}
		if got, want := unspaced(raw[i]), unspaced(s.text); got != want {
			t.Errorf("%s (page %d): pdftotext -raw (the content stream's order):\n got %q\nwant %q", s.name, i+1, got, want)
		}
	}
}

// pages splits pdftotext's output at its form feeds, one after each page.
func pages(t *testing.T, text string, n int) []string {
	t.Helper()
	pp := strings.Split(text, "\f")
	if len(pp) != n+1 || strings.TrimSpace(pp[n]) != "" {
		t.Fatalf("pdftotext: want %d pages, got %d parts:\n%s", n, len(pp), text)
	}
	return pp[:n]
}

// mixedDocument draws glyph runs in several fonts, sizes and colours on two
// pages, between fpdf's own rectangles, lines, image and AddUTF8Font text.
// It returns the document, its writer and each page's texts in drawing
// order.
func mixedDocument(tb testing.TB, extra []sample) (*fpdf.Fpdf, *Writer, [][]string) {
	tb.Helper()
	pdf := newDoc()
	pdf.AddUTF8FontFromBytes("fpdfsans", "", dejavusans.TTF)
	pdf.RegisterImageOptionsReader("dot", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(testPNG(tb)))
	w := NewWriter(pdf)
	var pages [][]string

	draw := func(s sample, size float64, color [3]uint8, x, y float64) {
		tb.Helper()
		r := shape(s.font(tb), s.text, s.script, s.lang, s.rtl)
		r.Size, r.Color, r.X, r.Y = size, color, x, y
		if err := w.Draw(r); err != nil {
			tb.Fatal(err)
		}
		pages[len(pages)-1] = append(pages[len(pages)-1], s.text)
	}
	fpdfText := func(text string, x, y float64) {
		pdf.SetFont("fpdfsans", "", 11)
		pdf.Text(x, y, text)
		pages[len(pages)-1] = append(pages[len(pages)-1], text)
	}
	latin := func(text, lang string) sample {
		return sample{font: dejaVuSans, script: language.Latin, lang: lang, text: text}
	}

	for page := 1; page <= 2; page++ {
		pdf.AddPage()
		pages = append(pages, nil)
		pdf.SetFillColor(230, 240, 255)
		pdf.Rect(15, 20, 180, 100, "F")
		fpdfText(fmt.Sprintf("Page %d, drawn by fpdf itself", page), 20, 30)
		draw(latin("Glyph runs sit on the same page as fpdf drawing.", "en"), 12, [3]uint8{}, 20, 42)
		pdf.ImageOptions("dot", 170, 25, 10, 10, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		draw(latin("Rouge, plus grand : « très sûr »", "fr"), 18, [3]uint8{200, 0, 0}, 20, 56)
		for i, s := range extra {
			draw(s, 11+float64(page), [3]uint8{0, 0, 120}, 20, 70+float64(10*i))
		}
		pdf.SetDrawColor(0, 120, 0)
		pdf.Line(15, 125, 195, 125)
		fpdfText("After the line, fpdf again", 20, 135)
	}
	return pdf, w, pages
}

// testPNG returns a small PNG image.
func testPNG(tb testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// scriptSamples are one sample per system font, for documents that mix them.
func scriptSamples(tb testing.TB) []sample {
	var out []sample
	for _, s := range samples {
		switch s.name {
		case "Punjabi", "Hindi", "Arabic":
			s.font(tb) // skips the test when the font is missing
			out = append(out, s)
		}
	}
	return out
}

// TestMixedDrawing checks glyph runs next to fpdf's own drawing and text,
// on several pages, in several fonts and sizes: the file is valid, each
// font is embedded once, and every page's text comes out.
func TestMixedDrawing(t *testing.T) {
	t.Parallel()
	qpdf := tool(t, "qpdf", "qpdf")
	pdffonts := tool(t, "pdffonts", "poppler-utils")
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	pdf, w, pages := mixedDocument(t, scriptSamples(t))
	path := writePDF(t, pdf, w)

	run(t, qpdf, "--check", path)
	fonts := strings.Split(strings.TrimSpace(run(t, pdffonts, path)), "\n")[2:]
	// fpdf's own font, DejaVu Sans for the runs, and the three Noto fonts.
	if len(fonts) != 5 {
		t.Errorf("pdffonts: want 5 fonts, got\n%s", strings.Join(fonts, "\n"))
	}
	for page, texts := range pages {
		n := strconv.Itoa(page + 1)
		got := normalise(run(t, pdftotext, "-layout", "-f", n, "-l", n, path, "-"))
		for _, text := range texts {
			if !strings.Contains(got, normalise(text)) {
				t.Errorf("page %s: pdftotext lacks %q; got\n%s", n, text, got)
			}
		}
	}
}

// TestDeterministic draws the same document several times: the bytes must
// not change, although fpdf writes imported objects in map order.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	extra := scriptSamples(t)
	var first []byte
	for i := range 6 {
		pdf, w, _ := mixedDocument(t, extra)
		var buf bytes.Buffer
		if err := w.Output(&buf); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
			continue
		}
		if !bytes.Equal(first, buf.Bytes()) {
			t.Fatalf("output %d differs from the first (%d and %d bytes)", i, buf.Len(), len(first))
		}
		_ = pdf
	}
}

// TestPlacementMatchesFpdf draws the same line once with fpdf's own Text and
// once as a glyph run at the same position, in several user units: the
// rendered pages must be identical, so a run's X and Y mean what they mean
// to fpdf (the left end of the baseline, y downward).
func TestPlacementMatchesFpdf(t *testing.T) {
	t.Parallel()
	pdftoppm := tool(t, "pdftoppm", "poppler-utils")
	// No kerning pairs: fpdf does not kern, the shaper does.
	const text = "Hill 1010 mm"
	tests := []struct {
		name, unit string
		x, y       float64
	}{
		{name: "millimetres", unit: "mm", x: 30.5, y: 40.25},
		{name: "points", unit: "pt", x: 86.5, y: 114.1},
		{name: "inches", unit: "in", x: 1.25, y: 1.5},
	}
	// fpdf rounds Text positions to 1/100 pt and UseImportedTemplate to
	// 1/10000 pt; the positions above are exact in both.
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			render := func(viaFpdf bool) []byte {
				pdf := fpdf.New("P", tt.unit, "A4", "")
				pdf.AddUTF8FontFromBytes("sans", "", dejavusans.TTF)
				pdf.AddPage()
				w := NewWriter(pdf)
				if viaFpdf {
					pdf.SetFont("sans", "", 20)
					pdf.Text(tt.x, tt.y, text)
				} else {
					r := shape(dejaVuSans(t), text, language.Latin, "en", false)
					r.Size, r.X, r.Y = 20, tt.x, tt.y
					if err := w.Draw(r); err != nil {
						t.Fatal(err)
					}
				}
				path := writePDF(t, pdf, w)
				run(t, pdftoppm, "-r", "300", "-gray", "-x", "250", "-y", "300", "-W", "1500", "-H", "300", path, path)
				out, err := os.ReadFile(path + "-1.pgm")
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
			want, got := render(true), render(false)
			if !bytes.Equal(want, got) {
				diff := 0
				for i := range min(len(want), len(got)) {
					if want[i] != got[i] {
						diff++
					}
				}
				t.Errorf("the run renders differently from fpdf's Text (%d of %d bytes differ)", diff, len(want))
			}
			if bytes.Count(want, []byte{255}) == len(want)-len("P5\n1500 300\n255\n") {
				t.Error("nothing was drawn in the compared area")
			}
		})
	}
}

// TestRightToLeftDrawsAsShaped draws right-to-left samples twice: as
// right-to-left runs, whose glyphs go into the content stream in reading
// order, and as the same glyphs handed over as a left-to-right run, drawn
// from left to right. The pages must look the same: reading order moves
// no glyph. (A difference of one grey level is the anti-aliasing of
// glyphs that overlap, a mark on its letter, drawn in another order.)
func TestRightToLeftDrawsAsShaped(t *testing.T) {
	t.Parallel()
	pdftoppm := tool(t, "pdftoppm", "poppler-utils")
	for _, s := range samples {
		if !s.rtl {
			continue
		}
		t.Run(s.name, func(t *testing.T) {
			render := func(rtl bool) []byte {
				pdf := newDoc()
				pdf.AddPage()
				w := NewWriter(pdf)
				r := shape(s.font(t), s.text, s.script, s.lang, true)
				r.RTL = rtl
				r.Size, r.X, r.Y = 24, 20.3, 30.7 // mm, off the pixel grid
				if err := w.Draw(r); err != nil {
					t.Fatal(err)
				}
				path := writePDF(t, pdf, w)
				run(t, pdftoppm, "-r", "203", "-gray", "-x", "100", "-y", "150", "-W", "1200", "-H", "150", path, path)
				out, err := os.ReadFile(path + "-1.pgm")
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
			want, got := render(false), render(true)
			if len(want) != len(got) {
				t.Fatalf("the pictures differ in size: %d and %d bytes", len(want), len(got))
			}
			diff, most := 0, 0
			for i := range want {
				if d := max(int(want[i])-int(got[i]), int(got[i])-int(want[i])); d > 0 {
					diff++
					most = max(most, d)
				}
			}
			if most > 1 {
				t.Errorf("drawn in reading order, the run looks different: %d of %d pixels differ, by up to %d grey levels", diff, len(want), most)
			}
			if bytes.Count(want, []byte{255}) == len(want)-len("P5\n1200 150\n255\n") {
				t.Error("nothing was drawn in the compared area")
			}
		})
	}
}

package pdf_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/render/imagetest"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
)

// TestQRCodesDecode draws every format that prints a QR code, with an
// organisation that gives a website, as PDF; renders each code's part of
// its page (the code and its quiet zone, at 200 dpi) with poppler and
// reads it with zbarimg (ZBar, a decoder
// no one here wrote, not our encoder); and checks that each decodes, and
// that the words printed beside or under it (its caption) say where it
// goes: the address it opens, without the scheme. The hotline's code
// stays in the hotline's box; the organisation's website has its own
// code wherever the format prints the website.
func TestQRCodesDecode(t *testing.T) {
	pdftest.Need(t, "zbarimg", "pdftoppm")
	e := imagetest.Engine(t)
	cases := []imagetest.Case{
		{Audience: "youth", Lang: "en", Format: "flyer", Logo: true},
		{Audience: "youth", Lang: "en", Format: "tearoff"},
		{Audience: "youth", Lang: "en", Format: "cards"},
		{Audience: "newcomers", Lang: "ar", Format: "flyer"},
		{Audience: "newcomers", Lang: "fr+en", Format: "flyer"},
	}
	if imagetest.Full() {
		// The poster and handout drawn at 200 dpi and read were half
		// of the package's quick tests.
		cases = append(cases,
			imagetest.Case{Audience: "youth", Lang: "en", Format: "handout"},
			imagetest.Case{Audience: "youth", Lang: "en", Format: "poster"},
			imagetest.Case{Audience: "newcomers", Lang: "fr+en", Format: "poster"})
		for _, f := range []string{"flyer", "handout", "poster", "tearoff", "cards"} {
			for _, lang := range []string{"pa", "zh-Hans", "iu", "pa+en"} {
				if strings.Contains(lang, "+") && !slices.Contains(format.BilingualNames(), f) {
					continue // a format with no bilingual form refuses a pair
				}
				cases = append(cases, imagetest.Case{Audience: "newcomers", Lang: lang, Format: f})
			}
		}
	}
	const dpi = 200.0
	for _, c := range cases {
		t.Run(c.String(), func(t *testing.T) {
			ld := imagetest.Layout(t, e, c)
			path := filepath.Join(t.TempDir(), "codes.pdf")
			if err := os.WriteFile(path, imagetest.PDF(t, ld), 0o644); err != nil {
				t.Fatal(err)
			}
			// Each code's part of its page drawn, then read by one zbarimg.
			type drawn struct {
				page    int
				q       *layout.QR
				caption string
				png     string
			}
			var all []drawn
			for i, p := range ld.Pages {
				codes := qrCodes(p)
				for j, q := range codes {
					all = append(all, drawn{i, q, captionOf(p, codes, j), zbarArea(t, path, i, q, dpi)})
				}
			}
			var pngs []string
			for _, d := range all {
				pngs = append(pngs, d.png)
			}
			read := zbar(t, pngs...)
			sites := map[string]bool{} // what the codes of the document open
			for k, d := range all {
				got, q := read[k], d.q
				if got == "" {
					t.Errorf("page %d: the QR code at %.0f,%.0f does not decode", d.page+1, q.X, q.Y)
					continue
				}
				sites[got] = true
				if where := address(got); !strings.Contains(d.caption, where) {
					t.Errorf("page %d: the QR code at %.0f,%.0f opens %s; its caption says %q", d.page+1, q.X, q.Y, got, d.caption)
				}
			}
			// The hotline's code wherever it was (not on the tear-off,
			// whose tabs carry the number); the website's own code on
			// every format with room for it (the wallet card prints the
			// website in its list).
			want := map[string][]string{"tearoff": {"https://riverside.example.org"}, "cards": {"https://www.canadianhumantraffickinghotline.ca"}}[c.Format]
			if want == nil {
				want = []string{"https://www.canadianhumantraffickinghotline.ca", "https://riverside.example.org"}
			}
			// A format whose two-language form leaves the hotline's code
			// out by its budget (the bilingual wallet card) has none.
			if f, err := format.ByName(c.Format); err == nil && strings.Contains(c.Lang, "+") && !f.BilingualCarries.Has(doc.PartQR) {
				want = slices.DeleteFunc(want, func(w string) bool { return w == "https://www.canadianhumantraffickinghotline.ca" })
			}
			for _, w := range want {
				if !sites[w] {
					t.Errorf("no QR code opens %s; the codes open %v", w, sites)
				}
			}
		})
	}
}

// qrCodes lists a page's QR codes.
func qrCodes(p layout.Page) []*layout.QR {
	var out []*layout.QR
	for _, e := range p.Elements {
		if e.QR != nil {
			out = append(out, e.QR)
		}
	}
	return out
}

// zbarArea renders the code q, with its quiet zone, of page i (from 0)
// of the PDF at path with poppler's pdftoppm at dpi, into a PNG file it
// names. Only the code's part of the page is drawn: drawing whole pages
// at 200 dpi to read a few square inches was half the package's quick
// tests.
func zbarArea(t *testing.T, path string, i int, q *layout.QR, dpi float64) string {
	t.Helper()
	px := dpi / 72
	side := q.Module * float64(len(q.Bits))
	quiet := 4 * q.Module
	x0, y0 := max(0, int((q.X-quiet)*px)), max(0, int((q.Y-quiet)*px))
	x1, y1 := int(math.Ceil((q.X+side+quiet)*px)), int(math.Ceil((q.Y+side+quiet)*px))
	out := filepath.Join(t.TempDir(), "code")
	n := strconv.Itoa(i + 1)
	// pdftoppm draws what of the area lies on the page.
	if msg, err := exec.Command("pdftoppm", "-f", n, "-l", n, "-r", strconv.FormatFloat(dpi, 'f', -1, 64),
		"-x", strconv.Itoa(x0), "-y", strconv.Itoa(y0), "-W", strconv.Itoa(x1-x0), "-H", strconv.Itoa(y1-y0),
		"-gray", "-png", "-singlefile", path, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, msg)
	}
	return out + ".png"
}

// zbar reads the images with one zbarimg, and gives what the code in
// each opens, in their order ("" where it found none). It fails the test
// where it finds more than one code in an image.
func zbar(t *testing.T, pngs ...string) []string {
	t.Helper()
	if len(pngs) == 0 {
		return nil
	}
	out, err := exec.Command("zbarimg", append([]string{"-q", "--xml"}, pngs...)...).Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 4) {
		t.Fatalf("zbarimg: %v", err) // it exits 4 when an image has no code
	}
	var read struct {
		Sources []struct {
			Href    string `xml:"href,attr"`
			Symbols []struct {
				Data string `xml:"data"`
			} `xml:"index>symbol"`
		} `xml:"source"`
	}
	if err := xml.Unmarshal(out, &read); err != nil {
		t.Fatalf("zbarimg --xml: %v\n%s", err, out)
	}
	if len(read.Sources) != len(pngs) {
		t.Fatalf("zbarimg read %d images of %d:\n%s", len(read.Sources), len(pngs), out)
	}
	got := make([]string, len(pngs))
	for i, src := range read.Sources {
		if src.Href != pngs[i] {
			t.Fatalf("zbarimg's image %d is %s, want %s", i+1, src.Href, pngs[i])
		}
		if len(src.Symbols) > 1 {
			t.Errorf("zbarimg read %d codes in one: %+v", len(src.Symbols), src.Symbols)
		}
		if len(src.Symbols) > 0 {
			got[i] = src.Symbols[0].Data
		}
	}
	return got
}

// address is a URL as a page prints it: without the scheme, "www." and
// the last slash.
func address(url string) string {
	a := strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://")
	return strings.TrimSuffix(strings.TrimPrefix(a, "www."), "/")
}

// captionOf is the text of the lines near code j (within 48 pt of it,
// under or beside it, not above), joined without spaces, as an address
// broken over lines reads. The two codes of a page open different
// addresses, so the other's caption nearby cannot stand for this one's.
func captionOf(p layout.Page, codes []*layout.QR, j int) string {
	dist := func(q *layout.QR, x0, y0, x1, y1 float64) float64 {
		side := q.Module * float64(len(q.Bits))
		dx := max(q.X-x1, x0-(q.X+side), 0)
		dy := max(q.Y-y1, y0-(q.Y+side), 0)
		return math.Hypot(dx, dy)
	}
	var b strings.Builder
	for _, e := range p.Elements {
		tl := e.Text
		if tl == nil || tl.Rotate != 0 || len(tl.Line.Runs) == 0 {
			continue
		}
		size := tl.Line.Runs[0].Size
		x0, x1, y0, y1 := tl.X, tl.X+tl.Line.Width, tl.Y-0.8*size, tl.Y+0.2*size
		if y0 < codes[j].Y || dist(codes[j], x0, y0, x1, y1) > 48 {
			continue
		}
		for _, r := range tl.Line.Runs {
			b.WriteString(r.Text)
		}
	}
	return strings.NewReplacer(" ", "", "\u00ad", "").Replace(b.String())
}

// TestQRCodesDrawnAlike draws pages of QR codes that differ in one thing
// each (the code, one module, where it stands, which comes first, more
// codes than a renderer keeps) over and over: a document gives the same
// bytes every time, whatever was drawn before it, and no two give the
// same.
func TestQRCodesDrawnAlike(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	code := func() []string {
		rows := make([]string, 25)
		for i := range rows {
			var b strings.Builder
			for range 25 {
				b.WriteByte('0' + byte(rng.IntN(2)))
			}
			rows[i] = b.String()
		}
		return rows
	}
	a, b := code(), code()
	flipped := slices.Clone(a)
	flipped[12] = flipped[12][:12] + string('0'+'1'-flipped[12][12]) + flipped[12][13:]
	page := func(codes ...layout.QR) *layout.Document {
		p := layout.Page{Width: 612, Height: 792}
		for _, q := range codes {
			q.Color = doc.RGB{R: 20, G: 30, B: 40}
			p.Elements = append(p.Elements, layout.Element{QR: &q})
		}
		return &layout.Document{Meta: doc.Meta{Title: "codes", Lang: "en"}, Pages: []layout.Page{p}}
	}
	many := make([]layout.QR, 6)
	for i := range many {
		many[i] = layout.QR{X: 50 + 80*float64(i), Y: 500, Module: 2, Bits: code()}
	}
	docs := []*layout.Document{
		page(layout.QR{X: 100, Y: 100, Module: 3, Bits: a}, layout.QR{X: 300, Y: 100, Module: 3, Bits: b}),
		page(layout.QR{X: 100, Y: 100, Module: 3, Bits: b}, layout.QR{X: 300, Y: 100, Module: 3, Bits: a}),
		page(layout.QR{X: 101, Y: 100, Module: 3, Bits: a}, layout.QR{X: 300, Y: 100, Module: 3, Bits: b}),
		page(layout.QR{X: 100, Y: 101, Module: 3, Bits: a}, layout.QR{X: 300, Y: 100, Module: 3, Bits: b}),
		page(layout.QR{X: 100, Y: 100, Module: 3.5, Bits: a}, layout.QR{X: 300, Y: 100, Module: 3, Bits: b}),
		page(layout.QR{X: 100, Y: 100, Module: 3, Bits: flipped}, layout.QR{X: 300, Y: 100, Module: 3, Bits: b}),
		page(append([]layout.QR{{X: 100, Y: 100, Module: 3, Bits: a}}, many...)...),
	}
	first := make([][]byte, len(docs))
	for round := range 3 {
		for i, d := range docs {
			var out bytes.Buffer
			if err := pdf.Render(&out, d, pdf.Options{Date: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)}); err != nil {
				t.Fatal(err)
			}
			if round == 0 {
				first[i] = out.Bytes()
				for j := range i {
					if bytes.Equal(first[j], first[i]) {
						t.Errorf("documents %d and %d give the same bytes", j, i)
					}
				}
			} else if !bytes.Equal(out.Bytes(), first[i]) {
				t.Errorf("round %d: document %d gives other bytes than the first time", round, i)
			}
		}
	}
}

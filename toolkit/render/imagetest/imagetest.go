// Package imagetest is for tests of the image backends: it lays out
// documents through the engine, renders their PDF pages with poppler's
// pdftoppm and SVG pages with headless Chromium (tools no one here wrote),
// and compares two renderings of a page with stated tolerances.
package imagetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/content/contenttest"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
)

// Date is the file date of every test document.
var Date = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// Full reports whether the exhaustive matrix runs (CI sets AWAREKIT_FULL=1).
func Full() bool { return os.Getenv("AWAREKIT_FULL") == "1" }

// Langs are the languages the comparisons cover: Latin, Arabic (right to
// left), Gurmukhi and Ethiopic (system fonts, shaped), Chinese (fake
// bold) and Inuktitut syllabics.
var Langs = []string{"en", "fr", "ar", "pa", "zh-Hans", "ti", "iu"}

// Engine opens the engine on the embedded content.
func Engine(t testing.TB) *generate.Engine {
	t.Helper()
	e, err := generate.New("awarekit test", Date)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Case is one document to lay out.
type Case struct {
	Audience, Lang, Format string
	Print                  layout.PrintOptions
	Logo                   bool // the organisation has a logo (Logo)
}

func (c Case) String() string {
	s := c.Audience + "-" + c.Format + "-" + c.Lang
	if c.Print.Bleed > 0 {
		s += "-bleed"
	}
	if c.Logo {
		s += "-logo"
	}
	return s
}

// PageFormats lists the formats laid out on pages.
func PageFormats() []string {
	var names []string
	for _, f := range format.Formats {
		if f.Paged() {
			names = append(names, f.Name)
		}
	}
	return names
}

// Layout lays out the case's document for contenttest.Org.
func Layout(t testing.TB, e *generate.Engine, c Case) *layout.Document {
	t.Helper()
	// Drafts that must be rewritten are proofs: the images draw them too.
	r, err := e.Resolve(generate.Job{Audience: c.Audience, Lang: c.Lang, Format: c.Format, Paper: "letter", Print: c.Print, AllowDraft: true})
	var noSocial *generate.NoSocialError
	var noKit *content.NoKitError
	var noPocket *content.NoPocketError
	if errors.As(err, &noSocial) || errors.As(err, &noKit) || errors.As(err, &noPocket) {
		// Social formats, the workshop kit and the pocket card refuse
		// audiences and languages their text is not written in, on
		// purpose.
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	brand, err := contenttest.Org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	if c.Logo {
		brand.Logo = Logo()
	}
	ld, err := e.Layout(r, contenttest.Org, brand)
	if err != nil {
		t.Fatal(err)
	}
	return ld
}

// Logo is a 160 × 80 PNG with transparent corners, a hard edge and a
// gradient: what resampling and alpha blending get wrong first.
func Logo() *doc.Image {
	const w, h = 160, 80
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			dx, dy := float64(x-w/2)/(w/2), float64(y-h/2)/(h/2)
			if dx*dx+dy*dy > 1 {
				continue
			}
			c := color.NRGBA{R: 190, G: uint8(40 + x), B: 70, A: 255}
			if x > w*2/3 {
				c = color.NRGBA{R: 20, G: 110, B: uint8(60 + y*2), A: 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // encoding an in-memory image cannot fail
	}
	return &doc.Image{Data: b.Bytes(), Type: "png", Width: w, Height: h}
}

// PDF is the document drawn by the PDF backend.
func PDF(t testing.TB, ld *layout.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := pdf.Render(&b, ld, pdf.Options{Date: Date}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Poppler renders page i (from 0) of a PDF with poppler's pdftoppm at
// dpi.
func Poppler(t testing.TB, pdfData []byte, i int, dpi float64) image.Image {
	t.Helper()
	n := strconv.Itoa(i + 1)
	return poppler(t, pdfData, dpi, "-f", n, "-l", n)[0]
}

// PopplerPages renders every page of a PDF with poppler's pdftoppm at dpi,
// in one run: pdftoppm reads the file once, not once a page.
func PopplerPages(t testing.TB, pdfData []byte, dpi float64) []image.Image {
	t.Helper()
	return poppler(t, pdfData, dpi)
}

func poppler(t testing.TB, pdfData []byte, dpi float64, pages ...string) []image.Image {
	t.Helper()
	pdftest.Need(t, "pdftoppm")
	dir := t.TempDir()
	in := filepath.Join(dir, "page.pdf")
	if err := os.WriteFile(in, pdfData, 0o644); err != nil {
		t.Fatal(err)
	}
	r := strconv.FormatFloat(dpi, 'f', -1, 64)
	args := append(append([]string{}, pages...), "-r", r, "-png", in, filepath.Join(dir, "page"))
	cmd := exec.Command("pdftoppm", args...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, msg)
	}
	// pdftoppm numbers its files page-1.png or page-01.png, as wide as
	// the document's page count: their names sort in page order.
	files, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if err != nil || len(files) == 0 {
		t.Fatalf("pdftoppm wrote no page (%v)", err)
	}
	slices.Sort(files)
	imgs := make([]image.Image, len(files))
	for k, f := range files {
		imgs[k] = decode(t, f)
	}
	return imgs
}

func decode(t testing.TB, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// Chromium finds a Chromium or Chrome binary, or skips the test (fails
// it when AWAREKIT_REQUIRE_FONTS=1) with the package to install.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	msg := "chromium is not installed; install the Debian package chromium"
	if pdftest.Required() {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Browser is one headless Chromium kept open for many screenshots:
// starting one takes about two seconds, a page in an open one a tenth of
// that. Two goroutines must not use one Browser at once.
type Browser struct {
	ctx context.Context
}

// NewBrowser starts headless Chromium (bin, from Chromium) with a fresh
// profile, off the network; the test's cleanup closes it.
func NewBrowser(t testing.TB, bin string) *Browser {
	t.Helper()
	return &Browser{ctx: StartChromium(t, bin, chromedp.Flag("force-device-scale-factor", "1"))}
}

// StartChromium starts the headless Chromium at bin for a test, with the
// flags every browser test here needs (no sandbox or GPU, nothing
// fetched in the background, no first-run pages, no scrollbars, a fresh
// profile, its temporary files in the test's folder) and extra ones,
// and returns its context; the browser closes when the test ends.
func StartChromium(t testing.TB, bin string, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	// Chromium makes a folder in $TMPDIR for its socket
	// (org.chromium.Chromium.*), which a browser stopped as a test ends
	// (killed) never removes: some 200 were left in /tmp. Its $TMPDIR is
	// a folder removed once it is stopped; not t.TempDir, whose name (the
	// test's) can make the socket's path longer than a socket's may be.
	tmp, err := os.MkdirTemp("", "chromium")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.Env("TMPDIR=" + tmp),
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
	}, extra...)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	// The first action starts the browser, which lives as long as the
	// context that action is given: ctx itself, not one with a deadline.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// Screenshot opens an SVG file in the browser and returns what it shows
// in a viewport of w × h CSS pixels (96 per inch).
func (b *Browser) Screenshot(t testing.TB, svg []byte, w, h int) image.Image {
	t.Helper()
	in := filepath.Join(t.TempDir(), "page.svg")
	if err := os.WriteFile(in, svg, 0o644); err != nil {
		t.Fatal(err)
	}
	// A guard against a browser that hangs, not a speed claim: the
	// slides' pages took 121 s together here at load average 25 (90 s a
	// page was the limit).
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(int64(w), int64(h), chromedp.EmulateScale(1)),
		chromedp.Navigate("file://"+filepath.ToSlash(in)),
	); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("chromium screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("chromium screenshot: %v", err)
	}
	return img
}

// Tolerance bounds how far two renderings of one page may differ.
type Tolerance struct {
	Mean float64 // mean pixel difference, of 255
	Tile float64 // mean pixel difference in the worst tile, of 255
	// TileOver is how many pixels of one tile may differ by more than
	// Threshold: the measure that sees a dropped word or number.
	TileOver int
}

// Threshold is the difference, of 255, from which a pixel counts as
// differing.
const Threshold = 64

// tile is the side in pixels of the squares over which differences are
// also counted: a dropped word shows there even when the page as a whole
// agrees.
const tile = 16

// Diff says how two renderings of a page differ. Each image is first
// blurred 3 × 3, then each pixel's difference is the largest channel
// difference to the closest pixel of the other image within one pixel,
// both ways round (see near): what is left is what a reader would see
// missing, added or moved, not how two rasterisers place an edge.
type Diff struct {
	Mean     float64     // mean pixel difference, of 255
	Over     float64     // share of pixels differing by more than Threshold
	Tile     float64     // mean pixel difference in the worst tile
	TileAt   image.Point // that tile's top-left pixel
	TileOver int         // most pixels over Threshold in one tile
}

func (d Diff) String() string {
	return fmt.Sprintf("mean %.2f, worst tile %.1f at %v, %.3f%% of pixels over %d, at most %d in a tile", d.Mean, d.Tile, d.TileAt, 100*d.Over, Threshold, d.TileOver)
}

// Within reports whether d is inside tol.
func (d Diff) Within(tol Tolerance) bool {
	return d.Mean <= tol.Mean && d.Tile <= tol.Tile && d.TileOver <= tol.TileOver
}

// Compare measures two renderings of a page, which must have the same
// size give or take a pixel (rounding of the page size); the common area
// is compared.
func Compare(a, b image.Image) (Diff, error) {
	ab, bb := a.Bounds(), b.Bounds()
	if d := ab.Size().Sub(bb.Size()); d.X < -1 || d.X > 1 || d.Y < -1 || d.Y > 1 {
		return Diff{}, fmt.Errorf("sizes differ: %v and %v", ab.Size(), bb.Size())
	}
	w, h := min(ab.Dx(), bb.Dx()), min(ab.Dy(), bb.Dy())
	pa, pb := blur(rgb(a, w, h), w, h), blur(rgb(b, w, h), w, h)
	var sum float64
	over := 0
	tw, th := (w+tile-1)/tile, (h+tile-1)/tile
	tiles := make([]float64, tw*th)
	counts := make([]int, tw*th)
	overs := make([]int, tw*th)
	for y := range h {
		for x := range w {
			// Where the two agree at the pixel itself, neither finds a
			// closer match: the difference is 0 without the search.
			d := 0
			if i := 3 * (y*w + x); pa[i] != pb[i] || pa[i+1] != pb[i+1] || pa[i+2] != pb[i+2] {
				d = max(near(pa, pb, w, h, x, y), near(pb, pa, w, h, x, y))
			}
			k := (y/tile)*tw + x/tile
			if d > Threshold {
				over++
				overs[k]++
			}
			sum += float64(d)
			tiles[k] += float64(d)
			counts[k]++
		}
	}
	d := Diff{Mean: sum / float64(w*h), Over: float64(over) / float64(w*h)}
	for _, n := range overs {
		d.TileOver = max(d.TileOver, n)
	}
	for k, v := range tiles {
		if m := v / float64(counts[k]); m > d.Tile {
			d.Tile = m
			d.TileAt = image.Pt(k%tw*tile, k/tw*tile)
		}
	}
	return d, nil
}

// shift is how far, in pixels, a pixel of one rendering may find its
// match in the other.
const shift = 1

// near is how far pixel (x, y) of p is from the closest pixel of q within
// shift pixels: the largest channel difference. Poppler places glyphs on
// a quarter-pixel grid across and a whole-pixel grid down, and snaps
// rectangle edges to pixels; this forgives those half-pixel moves while a
// missing or misplaced mark finds no match.
func near(p, q []uint8, w, h, x, y int) int {
	i := 3 * (y*w + x)
	pr, pg, pb := p[i], p[i+1], p[i+2]
	best := 255
	for yy := max(y-shift, 0); yy <= min(y+shift, h-1); yy++ {
		for xx := max(x-shift, 0); xx <= min(x+shift, w-1); xx++ {
			j := 3 * (yy*w + xx)
			best = min(best, max(absDiff(pr, q[j]), absDiff(pg, q[j+1]), absDiff(pb, q[j+2])))
		}
	}
	return best
}

// absDiff is |a - b|.
func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// rgb is the top-left w × h pixels of img, 3 bytes each, over white.
// The renderings compared are *image.RGBA (pdftoppm's PNG, the PNG
// backend) or *image.NRGBA (Chromium's screenshots): their pixels are
// read without boxing each colour in an interface, to the same values.
func rgb(img image.Image, w, h int) []uint8 {
	out := make([]uint8, 3*w*h)
	b := img.Bounds()
	at := func(x, y int) (r, g, bl, a uint32) { return img.At(x, y).RGBA() }
	switch m := img.(type) {
	case *image.RGBA:
		at = func(x, y int) (r, g, bl, a uint32) { return m.RGBAAt(x, y).RGBA() }
	case *image.NRGBA:
		at = func(x, y int) (r, g, bl, a uint32) { return m.NRGBAAt(x, y).RGBA() }
	}
	for y := range h {
		for x := range w {
			r, g, bl, a := at(b.Min.X+x, b.Min.Y+y)
			// Premultiplied: over white, add what the alpha leaves.
			r, g, bl = r+0xffff-a, g+0xffff-a, bl+0xffff-a
			i := 3 * (y*w + x)
			out[i], out[i+1], out[i+2] = uint8(r>>8), uint8(g>>8), uint8(bl>>8)
		}
	}
	return out
}

// blur is a 3 × 3 box blur; edge pixels average what they have. The box
// is summed as a row of three, then a column of three row sums: the same
// sum and count as adding the nine pixels.
func blur(p []uint8, w, h int) []uint8 {
	stride := 3 * w
	// rows holds each channel value summed with its neighbours left and
	// right, and cols how many pixels that sum took, per pixel of a row.
	rows := make([]uint16, len(p))
	cols := make([]int, w)
	for x := range w {
		cols[x] = min(x+1, w-1) - max(x-1, 0) + 1
	}
	for y := range h {
		in, out := p[y*stride:(y+1)*stride], rows[y*stride:(y+1)*stride]
		for j := range in {
			s := uint16(in[j])
			if j >= 3 {
				s += uint16(in[j-3])
			}
			if j+3 < len(in) {
				s += uint16(in[j+3])
			}
			out[j] = s
		}
	}
	out := make([]uint8, len(p))
	sum := make([]uint16, stride) // a row's box sums: at most 9 × 255
	for y := range h {
		y0, y1 := max(y-1, 0), min(y+1, h-1)
		copy(sum, rows[y0*stride:(y0+1)*stride])
		for yy := y0 + 1; yy <= y1; yy++ {
			for j, v := range rows[yy*stride : (yy+1)*stride] {
				sum[j] += v
			}
		}
		ny, o := y1-y0+1, out[y*stride:(y+1)*stride]
		for x := range w {
			n := ny * cols[x]
			for j := 3 * x; j < 3*x+3; j++ {
				if s := int(sum[j]); n == 9 {
					o[j] = uint8((s + 4) / 9) // inside the page: a constant divides faster
				} else {
					o[j] = uint8((s + n/2) / n)
				}
			}
		}
	}
	return out
}

// Save writes img as a PNG under dir (when AWAREKIT_IMAGES_OUT names a
// folder) so that a failing comparison can be looked at.
func Save(t testing.TB, name string, img image.Image) {
	dir := os.Getenv("AWAREKIT_IMAGES_OUT")
	if dir == "" {
		return
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	name = strings.NewReplacer("/", "-", "+", "-").Replace(name)
	if err := os.WriteFile(filepath.Join(dir, name+".png"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// AgreePoppler is how close a page drawn by the PNG backend, or the SVG
// backend's page in Chromium, must be to poppler's rendering of the PDF
// of the same page at 96 dpi. Measured over every page format in the
// seven languages of Langs (December 2026): mean at most 2.5, worst tile
// at most 23 (crop marks, which poppler draws a pixel wide), pixels over
// Threshold in one tile 0 except in Chinese, at most 20 there (small
// dense strokes that poppler puts on its pixel grid, and bold text drawn
// by stroking, whose corners poppler mitres and the PNG backend rounds).
// The content review (issue 8) put a bold Chinese title, the
// organisation's list, on the back of the wallet cards: 39 such pixels
// in its tile, the same stroking difference (the words and number are
// there in both). A page missing one short line has tiles with 80 to 145
// such pixels (TestComparisonSeesADroppedLine). The wallet cards with
// their bleed into the gutters and the Chinese hotline name and 911 line
// set in bold at their optical size (issue 10) made a Chinese card sheet
// whose ten fronts are half bold Chinese: mean 3.29 (worst tile 25.6, 37
// pixels over Threshold in it: the words there in both), so the mean
// may reach 3.5; the measures that see a dropped line are unchanged.
var AgreePoppler = Tolerance{Mean: 3.5, Tile: 30, TileOver: 45}

// AgreeExact is how close the SVG backend's page in Chromium must be to
// the PNG backend's drawing of it: both fill the same outlines by their
// exact covered area, so they differ only in rounding and in how bold
// Chinese is thickened (measured: mean at most 1.4, worst tile under 9,
// no pixel over Threshold; since the content review, 12.4 in the tile of
// the wallet-card front's emergency line, two lines of bold Chinese).
var AgreeExact = Tolerance{Mean: 2, Tile: 15, TileOver: 0}

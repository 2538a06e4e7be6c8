// Package png draws a laid-out page as a PNG image, in pure Go: the page's
// drawing (package paint) is rasterised with golang.org/x/image/vector,
// which computes each pixel's exact covered area (anti-aliasing without
// supersampling), and images are resampled with golang.org/x/image/draw.
package png

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	stdpng "image/png"
	"io"
	"math"
	"sync"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/vector"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/render/paint"
)

// DefaultDPI is the resolution when none is given: sharp on a phone and
// on a newsletter page, a letter page 1275 × 1650 pixels.
const DefaultDPI = 150

// MinDPI and MaxDPI bound the resolution: below 36 dpi text is a blur;
// 600 dpi is print quality, and a tabloid poster there is already 67
// million pixels (270 MB).
const (
	MinDPI = 36
	MaxDPI = 600
)

// Options control the image.
type Options struct {
	// DPI is pixels per inch of the page; 0 means DefaultDPI.
	DPI float64
}

func (o Options) dpi() (float64, error) {
	if o.DPI == 0 {
		return DefaultDPI, nil
	}
	if !(o.DPI >= MinDPI && o.DPI <= MaxDPI) {
		return 0, fmt.Errorf("resolution %v dpi is out of range; use %d to %d (150 is usual)", o.DPI, MinDPI, MaxDPI)
	}
	return o.DPI, nil
}

// Render writes page i (from 0) of d to w as a PNG.
func Render(w io.Writer, d *layout.Document, i int, opts Options) error {
	if i < 0 || i >= len(d.Pages) {
		return fmt.Errorf("render png: no page %d in a document of %d", i+1, len(d.Pages))
	}
	dpi, err := opts.dpi()
	if err != nil {
		return fmt.Errorf("render png: %w", err)
	}
	pg, err := paint.Draw(&d.Pages[i], paint.Options{Hairline: 72 / dpi})
	if err != nil {
		return fmt.Errorf("render png: %w", err)
	}
	// The page's pixels go back to a pool once encoded: a letter page at
	// 150 dpi is 8 MB that Go would otherwise clear and collect each time.
	pix, _ := pixels.Get().(*[]byte)
	if pix == nil {
		pix = new([]byte)
	}
	defer pixels.Put(pix)
	img, err := rasterize(pg, dpi, pix)
	if err != nil {
		return fmt.Errorf("render png: %w", err)
	}
	return Encode(w, img)
}

var pixels sync.Pool // *[]byte

// PixelSize is the size in pixels of a page w × h points at dpi: each side
// rounded up to whole pixels, as poppler's pdftoppm does, so that the two
// renderings of a page line up.
func PixelSize(w, h, dpi float64) (int, int) {
	// A hair below whole numbers absorbs rounding: 612 pt at 150 dpi is
	// 1275 pixels, not 1276.
	return int(math.Ceil(w*dpi/72 - 1e-6)), int(math.Ceil(h*dpi/72 - 1e-6))
}

// Rasterize paints the drawing on white paper at dpi.
func Rasterize(pg *paint.Page, dpi float64) (*image.RGBA, error) {
	return rasterize(pg, dpi, new([]byte))
}

// rasterize paints into the buffer *pix, growing it when needed.
func rasterize(pg *paint.Page, dpi float64, pix *[]byte) (*image.RGBA, error) {
	w, h := PixelSize(pg.Width, pg.Height, dpi)
	if n := 4 * w * h; cap(*pix) < n {
		*pix = make([]byte, n)
	} else {
		*pix = (*pix)[:n]
	}
	dst := &image.RGBA{Pix: *pix, Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
	white(dst.Pix)
	r := rasterizers.Get().(*rasterizer)
	defer rasterizers.Put(r)
	r.dst, r.k = dst, dpi/72
	for _, it := range pg.Items {
		if it.Image != nil {
			if err := r.image(it.Image); err != nil {
				return nil, err
			}
			continue
		}
		r.shape(&it.Shape)
	}
	return dst, nil
}

// white sets every byte: opaque white in RGBA.
func white(pix []byte) {
	if len(pix) == 0 {
		return
	}
	pix[0] = 0xff
	for n := 1; n < len(pix); n *= 2 {
		copy(pix[n:], pix[:n])
	}
}

// rasterizers keep their coverage buffers between pages.
var rasterizers = sync.Pool{New: func() any { return &rasterizer{} }}

type rasterizer struct {
	dst  *image.RGBA
	k    float64 // pixels per point
	z    vector.Rasterizer
	mask image.Alpha // coverage of the shape being painted
	copy image.Alpha // coverage of one copy of a fake-bold outline
}

// emboldenOffsets spread copies of an outline around a circle, whose
// union is the outline stroked with round joins: what fake bold needs at
// widths of a pixel or two, with no stroker. The first is the outline
// itself.
var emboldenOffsets = func() []paint.Point {
	pts := []paint.Point{{}}
	for i := range 8 {
		s, c := math.Sincos(float64(i) * math.Pi / 4)
		pts = append(pts, paint.Point{X: c, Y: s})
	}
	return pts
}()

func (r *rasterizer) shape(s *paint.Shape) {
	m := paint.Matrix{A: r.k, D: r.k}.Then(s.M)
	x0, y0, x1, y1, ok := s.Path.Bounds(m)
	if !ok {
		return
	}
	grow := s.Embolden * r.k / 2
	clip := image.Rect(int(math.Floor(x0-grow)), int(math.Floor(y0-grow)), int(math.Ceil(x1+grow)), int(math.Ceil(y1+grow))).Intersect(r.dst.Rect)
	if clip.Empty() {
		return
	}
	w, h := clip.Dx(), clip.Dy()
	ox, oy := float64(clip.Min.X), float64(clip.Min.Y)
	m.E -= ox
	m.F -= oy
	r.cover(&r.mask, s.Path, m, w, h)
	if grow > 0 {
		// Each copy's coverage is rasterised alone and the largest kept:
		// adding them up would darken every edge pixel several copies
		// touch, and make the text look bolder than a stroke does.
		for _, o := range emboldenOffsets[1:] {
			mo := m
			mo.E += o.X * grow
			mo.F += o.Y * grow
			r.cover(&r.copy, s.Path, mo, w, h)
			for i, a := range r.copy.Pix {
				r.mask.Pix[i] = max(r.mask.Pix[i], a)
			}
		}
	}
	r.fill(clip, s.Color)
}

// cover rasterises the path, mapped by m, into mask as w × h coverage
// values (x/image/vector's fastest path: straight into an alpha mask).
func (r *rasterizer) cover(mask *image.Alpha, p *paint.Path, m paint.Matrix, w, h int) {
	if n := w * h; cap(mask.Pix) < n {
		mask.Pix = make([]byte, n)
	} else {
		mask.Pix = mask.Pix[:n]
	}
	mask.Stride, mask.Rect = w, image.Rect(0, 0, w, h)
	r.z.Reset(w, h)
	r.add(p, m)
	r.z.DrawOp = draw.Src
	r.z.Draw(mask, mask.Rect, image.Opaque, image.Point{})
}

// fill paints colour c through the coverage in r.mask over clip: most
// pixels are either untouched or fully covered, and only edges are
// blended.
func (r *rasterizer) fill(clip image.Rectangle, c doc.RGB) {
	w, h := clip.Dx(), clip.Dy()
	cr, cg, cb := uint32(c.R), uint32(c.G), uint32(c.B)
	for y := range h {
		mrow := r.mask.Pix[y*w : y*w+w]
		drow := r.dst.Pix[r.dst.PixOffset(clip.Min.X, clip.Min.Y+y):]
		for x, a := range mrow {
			switch a {
			case 0:
			case 0xff:
				d := drow[4*x : 4*x+3 : 4*x+3]
				d[0], d[1], d[2] = c.R, c.G, c.B
			default:
				// Over an opaque page: d + (c - d)·a, rounded.
				d := drow[4*x : 4*x+3 : 4*x+3]
				a, na := uint32(a), 255-uint32(a)
				d[0] = uint8((uint32(d[0])*na + cr*a + 127) / 255)
				d[1] = uint8((uint32(d[1])*na + cg*a + 127) / 255)
				d[2] = uint8((uint32(d[2])*na + cb*a + 127) / 255)
			}
		}
	}
}

// add feeds the path, mapped by m, to the rasteriser; every contour is
// closed, so the covered areas add up (clamped) under the nonzero rule.
func (r *rasterizer) add(p *paint.Path, m paint.Matrix) {
	z := &r.z
	at := func(pt paint.Point) (float32, float32) {
		q := m.Apply(pt)
		return float32(q.X), float32(q.Y)
	}
	open := false
	p.Each(func(v paint.Verb, pts []paint.Point) {
		switch v {
		case paint.MoveTo:
			if open {
				z.ClosePath()
			}
			z.MoveTo(at(pts[0]))
			open = true
		case paint.LineTo:
			z.LineTo(at(pts[0]))
		case paint.QuadTo:
			bx, by := at(pts[0])
			cx, cy := at(pts[1])
			z.QuadTo(bx, by, cx, cy)
		case paint.CubeTo:
			bx, by := at(pts[0])
			cx, cy := at(pts[1])
			dx, dy := at(pts[2])
			z.CubeTo(bx, by, cx, cy, dx, dy)
		case paint.Close:
			if open {
				z.ClosePath()
				open = false
			}
		}
	})
	if open {
		z.ClosePath()
	}
}

// image draws the picture over its box, rounded to whole pixels (half a
// pixel at most, as a viewer places it), resampled once per size.
func (r *rasterizer) image(im *paint.Image) error {
	box := image.Rect(int(math.Round(im.X*r.k)), int(math.Round(im.Y*r.k)), int(math.Round((im.X+im.W)*r.k)), int(math.Round((im.Y+im.H)*r.k)))
	if box.Empty() {
		return nil
	}
	src, err := resampled(im.Src, box.Dx(), box.Dy())
	if err != nil {
		return err
	}
	draw.Draw(r.dst, box, src, image.Point{}, draw.Over)
	return nil
}

type sizedImage struct {
	src  *doc.Image
	w, h int
}

// scaled holds each picture resampled to each size it was drawn at: every
// material of a build shows the same logo at the same few sizes, and
// resampling cost more than the rest of a social image. It is emptied
// when it holds maxScaled.
var (
	scaledMu sync.Mutex
	scaled   = map[sizedImage]*image.RGBA{}
)

const maxScaled = 32

// resampled is im decoded and resampled to w × h pixels with a
// Catmull-Rom filter, which keeps a logo's edges crisp when it is shrunk.
func resampled(im *doc.Image, w, h int) (*image.RGBA, error) {
	key := sizedImage{im, w, h}
	scaledMu.Lock()
	out, ok := scaled[key]
	scaledMu.Unlock()
	if ok {
		return out, nil
	}
	var src image.Image
	var err error
	switch im.Type {
	case "png":
		src, err = stdpng.Decode(bytes.NewReader(im.Data))
	case "jpg", "jpeg":
		src, err = jpeg.Decode(bytes.NewReader(im.Data))
	default:
		err = fmt.Errorf("image type %q is not PNG or JPEG", im.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("decode logo: %w", err)
	}
	out = image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(out, out.Rect, src, src.Bounds(), draw.Src, nil)
	scaledMu.Lock()
	if len(scaled) >= maxScaled {
		clear(scaled)
	}
	scaled[key] = out
	scaledMu.Unlock()
	return out, nil
}

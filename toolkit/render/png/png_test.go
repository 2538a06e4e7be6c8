package png_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
	stdpng "image/png"
	"io"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/render/imagetest"
	"github.com/awarekit/awarekit/toolkit/render/paint"
	"github.com/awarekit/awarekit/toolkit/render/png"
)

// TestEncodeDecodes writes pages with this package's encoder and reads
// them back with the standard library's decoder, a second
// implementation: same size, same pixels, and the same bytes twice.
func TestEncodeDecodes(t *testing.T) {
	e := imagetest.Engine(t)
	ld := imagetest.Layout(t, e, imagetest.Case{Audience: "newcomers", Lang: "ar", Format: "poster", Logo: true})
	for _, dpi := range []float64{36, 72, 150} {
		pg, err := paint.Draw(&ld.Pages[0], paint.Options{Hairline: 72 / dpi})
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Rasterize(pg, dpi)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := png.Render(&b, ld, 0, png.Options{DPI: dpi}); err != nil {
			t.Fatal(err)
		}
		got, err := stdpng.Decode(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatalf("%v dpi: image/png cannot read the file: %v", dpi, err)
		}
		w, h := png.PixelSize(ld.Pages[0].Width, ld.Pages[0].Height, dpi)
		if got.Bounds().Dx() != w || got.Bounds().Dy() != h {
			t.Fatalf("%v dpi: %v, want %d × %d", dpi, got.Bounds().Size(), w, h)
		}
		for y := range h {
			for x := range w {
				r1, g1, b1, a1 := got.At(x, y).RGBA()
				r2, g2, b2, a2 := img.At(x, y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 || a1 != 0xffff {
					t.Fatalf("%v dpi: pixel (%d, %d) reads %v, drawn %v", dpi, x, y, got.At(x, y), img.At(x, y))
				}
			}
		}
		var again bytes.Buffer
		if err := png.Render(&again, ld, 0, png.Options{DPI: dpi}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), again.Bytes()) {
			t.Errorf("%v dpi: two renderings of the same page differ", dpi)
		}
	}
}

func TestOptions(t *testing.T) {
	ld := &layout.Document{Pages: []layout.Page{{Width: 612, Height: 792}}}
	tests := []struct {
		name string
		page int
		dpi  float64
		want string
	}{
		{"too coarse", 0, 20, "resolution 20 dpi is out of range; use 36 to 600"},
		{"too fine", 0, 2400, "resolution 2400 dpi is out of range"},
		{"not a number", 0, -1, "out of range"},
		{"no such page", 1, 150, "no page 2 in a document of 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := png.Render(&b, ld, tt.page, png.Options{DPI: tt.dpi})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
			if b.Len() != 0 {
				t.Errorf("%d bytes written before the error", b.Len())
			}
		})
	}
	var b bytes.Buffer
	if err := png.Render(&b, ld, 0, png.Options{}); err != nil {
		t.Fatal(err)
	}
	img, err := stdpng.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != 1275 || got.Y != 1650 {
		t.Errorf("a letter page at the default resolution is %v, want 1275 × 1650", got)
	}
}

// TestEncodeStream reads the compressed stream of encoded images to its
// end with compress/zlib, which checks the Adler-32 checksum that the
// two halves' checksums were combined into (image/png stops reading once
// it has its pixels, and never checks it).
func TestEncodeStream(t *testing.T) {
	for _, size := range []image.Point{{1, 1}, {7, 3}, {300, 301}, {1275, 1650}} {
		img := image.NewRGBA(image.Rectangle{Max: size})
		for i := range img.Pix {
			img.Pix[i] = byte(i*7 + i/13)
		}
		for i := 3; i < len(img.Pix); i += 4 {
			img.Pix[i] = 0xff
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		data := b.Bytes()[8:]
		var idat []byte
		for len(data) >= 12 {
			n := int(binary.BigEndian.Uint32(data))
			if string(data[4:8]) == "IDAT" {
				idat = append(idat, data[8:8+n]...)
			}
			data = data[12+n:]
		}
		zr, err := zlib.NewReader(bytes.NewReader(idat))
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%v: the compressed stream does not check out: %v", size, err)
		}
		if want := size.Y * (1 + 3*size.X); len(raw) != want {
			t.Errorf("%v: %d bytes of rows, want %d", size, len(raw), want)
		}
		got, err := stdpng.Decode(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		for y := range size.Y {
			for x := range size.X {
				r1, g1, b1, _ := got.At(x, y).RGBA()
				r2, g2, b2, _ := img.At(x, y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 {
					t.Fatalf("%v: pixel (%d, %d) differs", size, x, y)
				}
			}
		}
	}
}

package profile

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/tiff"

	"github.com/awarekit/awarekit/toolkit/doc"
)

func TestParseColor(t *testing.T) {
	tests := []struct {
		in      string
		want    doc.RGB
		wantErr bool
	}{
		{"#0b5c6b", doc.RGB{R: 0x0b, G: 0x5c, B: 0x6b}, false},
		{"7A1F5C", doc.RGB{R: 0x7a, G: 0x1f, B: 0x5c}, false},
		{"#fff", doc.RGB{R: 255, G: 255, B: 255}, false},
		{"teal", doc.RGB{}, true},
		{"#12345", doc.RGB{}, true},
		{"#gggggg", doc.RGB{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseColor(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseColor(%q) = %v, %v", tt.in, got, err)
			}
		})
	}
}

func TestLoadLogo(t *testing.T) {
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var pngData, jpgData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpgData, img, nil); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := filepath.Join(dir, "big.png")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxLogoBytes + 1); err != nil { // sparse: no 20 MB written
		t.Fatal(err)
	}
	f.Close()
	tests := []struct {
		name, path, wantType, wantErr string
	}{
		{"png", write("logo.png", pngData.Bytes()), "png", ""},
		{"jpeg", write("logo.jpg", jpgData.Bytes()), "jpg", ""},
		{"not an image", write("logo.txt", []byte("hello")), "", "not a PNG or JPEG"},
		{"truncated png", write("cut.png", pngData.Bytes()[:60]), "", "logo"},
		{"over 20 MB", big, "", "larger than 20 MB"},
		{"missing", filepath.Join(dir, "none.png"), "", "does not exist"},
		{"a folder", dir, "", "is a folder"},
		{"a named pipe", pipe(t, dir), "", "is a named pipe"},
		{"a device", "/dev/zero", "", "is a device"},
		{"GIF", write("logo.gif", encode(t, "gif", img)), "", "is a GIF image; awarekit prints PNG and JPEG logos"},
		{"TIFF", write("logo.tiff", encode(t, "tiff", img)), "", "is a TIFF image"},
		{"interlaced PNG", write("adam7.png", pngHeader(40, 20, 8, 6, 1)), "", "is an interlaced PNG"},
		{"16-bit 10000 × 10000 PNG", write("huge.png", pngHeader(10000, 10000, 16, 6, 0)), "", "is 10000 × 10000 pixels, more than awarekit opens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LoadLogo(tt.path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Type != tt.wantType || got.Width != 40 || got.Height != 20 {
				t.Errorf("got %s %d×%d", got.Type, got.Width, got.Height)
			}
		})
	}
}

func encode(t *testing.T, format string, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	switch format {
	case "gif":
		err = gif.Encode(&buf, img, nil)
	case "tiff":
		err = tiff.Encode(&buf, img, nil)
	case "png16":
		src := image.NewRGBA64(img.Bounds())
		for y := range img.Bounds().Dy() {
			for x := range img.Bounds().Dx() {
				src.Set(x, y, img.At(x, y))
			}
		}
		err = png.Encode(&buf, src)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pipe(t *testing.T, dir string) string {
	p := filepath.Join(dir, "pipe.png")
	if err := mkfifo(p); err != nil {
		t.Skip(err)
	}
	return p
}

// pngHeader is the start of a PNG with the given header and no pixels:
// enough for DecodeConfig, which must refuse it before any decoding.
func pngHeader(w, h uint32, depth, colorType, interlace byte) []byte {
	chunk := func(typ string, data []byte) []byte {
		out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		out = append(out, typ...)
		out = append(out, data...)
		return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, depth, colorType, 0, 0, interlace)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, chunk("IHDR", ihdr)...)
	out = append(out, chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(out, chunk("IEND", nil)...)
}

// TestLogoScaledInLittleMemory: a logo four times wider than any page
// needs is scaled with little more memory than the logo itself, keeping
// its colour (CatmullRom took 2000 × 1000 float64 pixels, 64 MB, for this
// 4000 × 1000 one, and 256 MB for a 4000 × 4000 logo of a few kilobytes).
func TestLogoScaledInLittleMemory(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 4000, 1000))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []byte{0x96, 0x20, 0x3c, 0xff})
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	out, err := shrink(img, "png", 2000, 500)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 32<<20 {
		t.Errorf("scaling a 4000 × 1000 logo allocated %d MB; want at most 32", got>>20)
	}
	small, err := png.Decode(bytes.NewReader(out.Data))
	if err != nil {
		t.Fatal(err)
	}
	if b := small.Bounds(); b.Dx() != 2000 || b.Dy() != 500 {
		t.Fatalf("scaled to %v, want 2000 × 500", b)
	}
	for _, p := range []image.Point{{0, 0}, {1000, 250}, {1999, 499}} {
		if c := color.NRGBAModel.Convert(small.At(p.X, p.Y)).(color.NRGBA); c != (color.NRGBA{0x96, 0x20, 0x3c, 0xff}) {
			t.Errorf("pixel %v is %v, want the logo's colour", p, c)
		}
	}
}

// TestLogoScaledDown: a logo larger than any page needs is embedded at
// MaxLogoSide, and a 16-bit PNG at 8 bits, which every PDF reader takes.
func TestLogoScaledDown(t *testing.T) {
	wide := image.NewNRGBA(image.Rect(0, 0, 3000, 1000))
	var wideData bytes.Buffer
	png.Encode(&wideData, wide)
	small := image.NewRGBA(image.Rect(0, 0, 40, 20))
	small.Set(3, 3, color.RGBA{R: 200, A: 255})
	tests := []struct {
		name string
		data []byte
		w, h int
	}{
		{"3000 × 1000", wideData.Bytes(), 2000, 667},
		{"16 bits a channel", encode(t, "png16", small), 40, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := DecodeLogo("logo.png", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(img.Data))
			if err != nil {
				t.Fatal(err)
			}
			if img.Width != tt.w || img.Height != tt.h || cfg.Width != tt.w || cfg.Height != tt.h || cfg.ColorModel != color.NRGBAModel {
				t.Errorf("embedded %d×%d (%d×%d, %v), want %d×%d at 8 bits", img.Width, img.Height, cfg.Width, cfg.Height, cfg.ColorModel, tt.w, tt.h)
			}
		})
	}
}

// TestLogoFit: a fit scales a logo down to its size when the logo has
// twice as many pixels or more along its width, and leaves one nearer
// its size as the file has it (the same bytes); the decoded logos are
// kept by the size too, so that a logo decoded with no fit is never
// handed out for one with a fit, or the other way.
func TestLogoFit(t *testing.T) {
	fit := func(w, h int) (int, int) { return 100, 100 * h / w }
	square := func(side int) []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, image.NewNRGBA(image.Rect(0, 0, side, side))); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	tests := []struct {
		name   string
		data   []byte
		fit    Fit
		w, h   int
		asFile bool
	}{
		{"400 a side, no fit: kept", square(400), nil, 400, 400, true},
		{"400 a side, fit: its size", square(400), fit, 100, 100, false},
		{"200 a side, fit: twice its size", square(200), fit, 100, 100, false},
		{"199 a side, fit: kept", square(199), fit, 199, 199, true},
		{"400 a side, no fit again: kept", square(400), nil, 400, 400, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := DecodeLogoFit("logo.png", tt.data, tt.fit)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(img.Data))
			if err != nil {
				t.Fatal(err)
			}
			if img.Width != tt.w || img.Height != tt.h || cfg.Width != tt.w || cfg.Height != tt.h {
				t.Errorf("embedded %d × %d (the data %d × %d), want %d × %d", img.Width, img.Height, cfg.Width, cfg.Height, tt.w, tt.h)
			}
			if got := bytes.Equal(img.Data, tt.data); got != tt.asFile {
				t.Errorf("embedded as the file's bytes: %v, want %v", got, tt.asFile)
			}
		})
	}
}

// TestLogoDecodedOnce: the same bytes are decoded once, under any name
// (a plan's partners often share one logo; a large one takes a second or
// more to decode and scale), and a problem found in them names the file
// it was asked for under.
func TestLogoDecodedOnce(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 2400, 300))
	var data bytes.Buffer
	if err := png.Encode(&data, img); err != nil {
		t.Fatal(err)
	}
	a, err := DecodeLogo("a.png", data.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	b, err := DecodeLogo("b.png", bytes.Clone(data.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("the same logo under two names was decoded twice")
	}
	if a.Width != MaxLogoSide {
		t.Errorf("kept logo is %d pixels wide, want it scaled to %d", a.Width, MaxLogoSide)
	}
	damaged := data.Bytes()[:data.Len()/2]
	for _, name := range []string{"first.png", "second.png"} {
		if _, err := DecodeLogo(name, damaged); err == nil || err.Error() != "logo "+name+" is damaged and cannot be read; export it as a PNG (or JPEG) and try again" {
			t.Errorf("DecodeLogo(%s, damaged) = %v", name, err)
		}
	}
}

// TestLogoJPEGColoursThePDFTakes: a JPEG saved as plain RGB (an Adobe
// APP14 segment with transform 0, as some editors write it) is taken and
// handed on in colours the PDF writer takes (grey, YCbCr or CMYK): fpdf
// refused it while drawing ("image JPEG buffer has unsupported color
// space (&{0x825420})"), after every check had passed.
func TestLogoJPEGColoursThePDFTakes(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		img.Set(x, 5, color.RGBA{R: 200, G: 40, A: 255})
	}
	var ycc bytes.Buffer
	if err := jpeg.Encode(&ycc, img, nil); err != nil {
		t.Fatal(err)
	}
	// After the SOI marker, APP14 "Adobe": version 100, flags 0 and 0,
	// transform 0 (the three components are R, G and B).
	app14 := []byte{0xFF, 0xEE, 0x00, 0x0E, 'A', 'd', 'o', 'b', 'e', 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00}
	rgb := append(append([]byte{0xFF, 0xD8}, app14...), ycc.Bytes()[2:]...)
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(rgb)); err != nil || cfg.ColorModel != color.RGBAModel {
		t.Fatalf("the test's JPEG is not read as RGB: %v %v", err, cfg.ColorModel)
	}
	for name, data := range map[string][]byte{"ycbcr": ycc.Bytes(), "rgb": rgb} {
		t.Run(name, func(t *testing.T) {
			got, err := DecodeLogo(name+".jpg", data)
			if err != nil {
				t.Fatal(err)
			}
			if got.Width != 40 || got.Height != 20 {
				t.Errorf("got %d × %d", got.Width, got.Height)
			}
			f := fpdf.New("P", "pt", "A4", "")
			f.AddPage()
			f.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: got.Type}, bytes.NewReader(got.Data))
			f.ImageOptions("logo", 10, 10, 40, 20, false, fpdf.ImageOptions{ImageType: got.Type}, 0, "")
			if err := f.Error(); err != nil {
				t.Errorf("the PDF writer refuses the logo: %v", err)
			}
		})
	}
}

package profile

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"runtime"
	"strings"
	"testing"
)

// jpegSized is a real 40 × 20 JPEG whose frame header says w × h.
func jpegSized(t *testing.T, w, h uint16) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	i := bytes.Index(data, []byte{0xff, 0xc0})
	if i < 0 {
		t.Fatal("no SOF0")
	}
	binary.BigEndian.PutUint16(data[i+5:], h)
	binary.BigEndian.PutUint16(data[i+7:], w)
	return data
}

// TestLogoSize: a logo whose header gives no pixels (0 × 0, 1 × 0), or
// more than a 32-bit number holds, is named for what it is, a PNG or a
// JPEG with that size, not "not a PNG or JPEG image"; one too large is
// refused from its header, before any pixel memory is taken.
func TestLogoSize(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"0 × 0 PNG", pngHeader(0, 0, 8, 6, 0), "is a PNG of 0 × 0 pixels: it holds no picture"},
		{"1 × 0 PNG", pngHeader(1, 0, 8, 2, 0), "is a PNG of 1 × 0 pixels: it holds no picture"},
		{"0 × 7 PNG", pngHeader(0, 7, 8, 2, 0), "is a PNG of 0 × 7 pixels: it holds no picture"},
		{"2³¹ × 1 PNG", pngHeader(1<<31, 1, 8, 2, 0), "is a PNG of 2147483648 × 1 pixels, more than awarekit opens"},
		{"4294967295² PNG", pngHeader(1<<32-1, 1<<32-1, 8, 2, 0), "is a PNG of 4294967295 × 4294967295 pixels, more than awarekit opens"},
		{"100000² PNG", pngHeader(100000, 100000, 8, 6, 0), "is 100000 × 100000 pixels, more than awarekit opens"},
		{"PNG with a damaged header", append(pngHeader(40, 20, 8, 6, 0)[:29], 0, 0, 0, 0), "is a PNG that cannot be read (damaged or cut short)"},
		{"PNG cut in its header", pngHeader(40, 20, 8, 6, 0)[:20], "is a PNG that cannot be read (damaged or cut short)"},
		{"0 × 0 JPEG", jpegSized(t, 0, 0), "is a JPEG of 0 × 0 pixels: it holds no picture"},
		{"40 × 0 JPEG", jpegSized(t, 40, 0), "is a JPEG of 40 × 0 pixels: it holds no picture"},
		{"65535² JPEG", jpegSized(t, 65535, 65535), "is 65535 × 65535 pixels, more than awarekit opens"},
		{"JPEG cut in its header", jpegSized(t, 40, 20)[:30], "is a JPEG that cannot be read (damaged or cut short)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := DecodeLogo("logo", c.data)
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want %q in it", err, c.want)
			}
			if !strings.Contains(err.Error(), "export it") && !strings.Contains(err.Error(), "save it") {
				t.Errorf("error %v says not what to do", err)
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
				t.Errorf("refusing it took %d bytes", n)
			}
		})
	}
}

// FuzzDecodeLogo: any bytes as a logo: a logo or an error naming it, never
// a panic; a logo taken has pixels and fits the side a page needs.
func FuzzDecodeLogo(f *testing.F) {
	f.Add(pngHeader(0, 0, 8, 6, 0))
	f.Add(pngHeader(1<<31, 1, 8, 2, 0))
	f.Add(pngHeader(40, 20, 8, 3, 0))
	f.Add(pngHeader(40, 20, 16, 6, 0))
	f.Add([]byte("\xff\xd8\xff\xe0"))
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := DecodeLogo("fuzz.png", data)
		switch {
		case err != nil && !strings.HasPrefix(err.Error(), "logo fuzz.png "):
			t.Fatalf("error %v does not name the logo", err)
		case err == nil && (img.Width <= 0 || img.Height <= 0 || img.Width > MaxLogoSide && img.Height > MaxLogoSide):
			t.Fatalf("logo of %d × %d taken", img.Width, img.Height)
		}
	})
}

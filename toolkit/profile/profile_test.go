package profile

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		{"over 20 MB", big, "", "under 20 MB"},
		{"missing", filepath.Join(dir, "none.png"), "", "no such file"},
		{"a folder", dir, "", "is a folder"},
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

package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/pdftest"
)

// writeLogo writes a w × h pixel PNG logo at path.
func writeLogo(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), 0x80, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLogoWarningsReachTheOperator checks that generate and build tell
// the operator on stderr, naming the file and what to do, when the logo
// prints too small to read (a very wide one) or too coarse (one pixel),
// and still make the files; and say nothing about a logo the formats
// made do not print.
func TestLogoWarningsReachTheOperator(t *testing.T) {
	work := t.TempDir()
	writeLogo(t, filepath.Join(work, "wide.png"), 3000, 60)
	writeLogo(t, filepath.Join(work, "dot.png"), 1, 1)
	if err := os.WriteFile(filepath.Join(work, "plan.yaml"), []byte("organisation: {name: Riverside, logo: wide.png}\noutputs: [{audience: youth, language: en, formats: [flyer, sms]}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want []string // in stderr, in order; nil: no warning about the logo
	}{
		{"very wide logo", []string{"generate", "-a", "youth", "-l", "en", "-f", "flyer", "--logo", "wide.png", "-o", "out"},
			[]string{"warning: logo wide.png is 50 times wider than tall: on the flyer it prints", "too small to read", "use a logo at most 8.1 times wider than tall"}},
		{"one-pixel logo", []string{"generate", "-a", "youth", "-l", "en", "-f", "flyer", "--logo", "dot.png", "-o", "out"},
			[]string{"warning: logo dot.png is only 1 × 1 pixels", "on the flyer", "use one of at least"}},
		{"the formats being made are named", []string{"generate", "-a", "youth", "-l", "en", "-f", "poster,sms,handout", "--logo", "wide.png", "-o", "out"},
			[]string{"warning: logo wide.png is 50 times wider than tall: on the poster and handout it prints"}},
		{"no format prints the logo", []string{"generate", "-a", "youth", "-l", "en", "-f", "sms", "--logo", "wide.png", "-o", "out"}, nil},
		{"build", []string{"build", "plan.yaml", "--dry-run"},
			[]string{"warning: logo wide.png is 50 times wider than tall", "use a logo at most 8.1 times wider than tall"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, work, tt.args...)
			if r.code != 0 {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			if tt.want == nil {
				if strings.Contains(r.stderr, "logo") {
					t.Errorf("stderr %q speaks of the logo, which nothing made prints", r.stderr)
				}
				return
			}
			if strings.Contains(r.stderr, "handout") && !strings.Contains(strings.Join(tt.args, " "), "handout") {
				t.Errorf("stderr %q speaks of a handout, which nothing made is", r.stderr)
			}
			rest := r.stderr
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("stderr %q, want %q in it (in order)", r.stderr, w)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

// TestLargeLogoKeptAtPrintSize: a logo with far more pixels than any
// page prints is embedded at what its largest print needs, 300 pixels
// an inch (layout.LogoPixels: a square one prints at most 120 pt, on the
// poster), not at 2,000 pixels a side, which made every flyer ~10 MB; it
// still prints at 300 pixels an inch or more everywhere. A logo near its
// printed size is embedded as it is.
func TestLargeLogoKeptAtPrintSize(t *testing.T) {
	work := t.TempDir()
	writeLogo(t, filepath.Join(work, "big.png"), 3000, 3000)
	writeLogo(t, filepath.Join(work, "small.png"), 600, 200)
	tests := []struct {
		logo       string
		maxW, maxH int // the most pixels embedded
	}{
		{"big.png", 500, 500},
		{"small.png", 600, 200},
	}
	for _, tt := range tests {
		t.Run(tt.logo, func(t *testing.T) {
			out := "out-" + tt.logo
			r := runCLI(t, work, "generate", "-a", "youth", "-l", "en", "-f", "flyer,poster,handout", "--logo", tt.logo, "-o", out)
			if r.code != 0 {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			for _, f := range []string{"youth-flyer-en.pdf", "youth-poster-en.pdf", "youth-handout-en.pdf"} {
				images := pdftest.Images(t, filepath.Join(work, out, f))
				if len(images) == 0 {
					t.Fatalf("%s: no image; want the logo", f)
				}
				for _, im := range images {
					if im.Width > tt.maxW || im.Height > tt.maxH {
						t.Errorf("%s page %d: the logo is embedded at %d × %d pixels, want at most %d × %d", f, im.Page, im.Width, im.Height, tt.maxW, tt.maxH)
					}
					if tt.logo == "big.png" && (im.XPPI < 300 || im.YPPI < 300) {
						t.Errorf("%s page %d: the logo prints at %d × %d pixels an inch, want 300 or more", f, im.Page, im.XPPI, im.YPPI)
					}
				}
			}
		})
	}
}

package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// generateIn runs generate in-process in a fresh folder and returns the
// exit code, stdout and stderr.
func generateIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "none"))
	var out, errOut bytes.Buffer
	code := run(append([]string{"generate"}, args...), &IOStreams{Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

func pngSize(t *testing.T, path string) image.Point {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return image.Pt(cfg.Width, cfg.Height)
}

// TestGenerateAs draws page formats as images: one file per page, named
// with its page number, at the resolution asked for; text formats in the
// same run are written as text.
func TestGenerateAs(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := generateIn(t, dir, "-a", "newcomers", "-l", "pa,ar", "-f", "flyer,handout,html", "--as", "png", "--dpi", "72", "-o", "out")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{
		"out/newcomers-flyer-pa-1.png", "out/newcomers-handout-pa-1.png", "out/newcomers-handout-pa-2.png", "out/newcomers-handout-pa-3.png", "out/newcomers-html-pa.html",
		"out/newcomers-flyer-ar-1.png", "out/newcomers-handout-ar-1.png", "out/newcomers-handout-ar-2.png", "out/newcomers-handout-ar-3.png", "out/newcomers-html-ar.html",
	}
	if got := strings.Fields(stdout); !slices.Equal(got, want) {
		t.Fatalf("wrote %q, want %q", got, want)
	}
	for _, name := range want {
		if strings.HasSuffix(name, ".png") {
			if size := pngSize(t, filepath.Join(dir, name)); size != image.Pt(612, 792) {
				t.Errorf("%s is %v pixels; a letter page at 72 dpi is 612 × 792", name, size)
			}
		}
	}

	code, stdout, stderr = generateIn(t, dir, "-a", "youth", "-l", "en", "-f", "tearoff", "--as", "svg", "-o", "svg")
	if code != 0 || strings.TrimSpace(stdout) != "svg/youth-tearoff-en-1.svg" {
		t.Fatalf("--as svg: exit %d, wrote %q: %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "svg/youth-tearoff-en-1.svg"))
	if err != nil || !bytes.Contains(data, []byte("<svg")) || !bytes.Contains(data, []byte("1-833-900-1010")) {
		t.Errorf("the SVG is not an SVG with the hotline in its text (%v)", err)
	}
}

func TestGenerateAsRefuses(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown backend", []string{"--as", "tiff"}, `unknown backend "tiff"; choose one of: pdf, png, svg`},
		{"resolution too low", []string{"--as", "png", "--dpi", "20"}, "--dpi 20 is out of range; use 36 to 600"},
		{"resolution not a number", []string{"--as", "png", "--dpi", "NaN"}, "--dpi NaN is out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			code, _, stderr := generateIn(t, dir, append([]string{"-a", "youth", "-l", "en", "-o", "out"}, tt.args...)...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
				t.Error("the output folder was made")
			}
		})
	}
}

// TestGenerateSocial makes the Punjabi square image for newcomers, as an
// educator would for a WhatsApp group: a 1080 × 1080 PNG and, beside it,
// its caption in Punjabi with the hotline number, whose first line names
// no crime; a bilingual wide image as SVG; and it refuses Inuktitut,
// whose social text no fluent speaker has written.
func TestGenerateSocial(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := generateIn(t, dir, "-a", "newcomers", "-l", "pa", "-f", "social-square", "--as", "png", "-o", "out")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, want := strings.Fields(stdout), []string{"out/newcomers-social-square-pa-1.png", "out/newcomers-social-square-pa-1.txt"}; !slices.Equal(got, want) {
		t.Fatalf("wrote %q, want %q", got, want)
	}
	if size := pngSize(t, filepath.Join(dir, "out/newcomers-social-square-pa-1.png")); size != image.Pt(1080, 1080) {
		t.Errorf("the image is %v, want 1080 × 1080", size)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out/newcomers-social-square-pa-1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	caption := string(data)
	first, _, _ := strings.Cut(caption, "\n")
	if first != "ਕੰਮ ’ਤੇ ਆਪਣੇ ਹੱਕ ਜਾਣੋ" {
		t.Errorf("the caption's first line is %q, want the Punjabi headline", first)
	}
	for _, want := range []string{hotlineNumber, "911", "ਤਸਵੀਰ ਦਾ ਵੇਰਵਾ:", "ਖਰੜਾ ਅਨੁਵਾਦ"} {
		if !strings.Contains(caption, want) {
			t.Errorf("the caption lacks %q:\n%s", want, caption)
		}
	}
	for _, crime := range []string{"ਤਸਕਰੀ", "ਸ਼ੋਸ਼ਣ", "ਪੁਲਿਸ", "trafficking", "police"} {
		if strings.Contains(first, crime) {
			t.Errorf("the caption's first line names %q: %q", crime, first)
		}
	}

	code, stdout, stderr = generateIn(t, dir, "-a", "youth", "-l", "ar+en", "-f", "social-wide", "--as", "svg", "-o", "pair")
	if code != 0 || !slices.Equal(strings.Fields(stdout), []string{"pair/youth-social-wide-ar-en-1.svg", "pair/youth-social-wide-ar-en-1.txt"}) {
		t.Fatalf("bilingual: exit %d, wrote %q: %s", code, stdout, stderr)
	}

	code, _, stderr = generateIn(t, dir, "-a", "indigenous", "-l", "iu", "-f", "social-story", "-o", "iu")
	if code != exitUsage || !strings.Contains(stderr, "social-story is not made in Inuktitut (iu): no fluent speaker has written its words yet") {
		t.Errorf("Inuktitut: exit %d, stderr %q; want 2 and a refusal", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "iu")); err == nil {
		t.Error("the output folder was made for a refused run")
	}
}

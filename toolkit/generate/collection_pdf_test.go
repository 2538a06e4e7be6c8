package generate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset/typesettest"
)

// TestCollectionInPDF: a Punjabi flyer whose Gurmukhi font comes from a
// collection (as Nirmala UI does on Windows) embeds the face and reads
// back exactly as the flyer made with the same font as a .ttf file.
func TestCollectionInPDF(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdffonts", "qpdf")
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("/usr/share/fonts/truetype/noto", name))
		if err != nil {
			if pdftest.Required() {
				t.Fatal(err)
			}
			t.Skip("install the Debian package fonts-noto-core")
		}
		return data
	}
	regular, bold := read("NotoSansGurmukhi-Regular.ttf"), read("NotoSansGurmukhi-Bold.ttf")
	ttcDir, ttfDir := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(ttcDir, "Gurmukhi.ttc"), typesettest.Collection(t, bold, regular), 0o644)
	os.WriteFile(filepath.Join(ttfDir, "NotoSansGurmukhi-Regular.ttf"), regular, 0o644)
	os.WriteFile(filepath.Join(ttfDir, "NotoSansGurmukhi-Bold.ttf"), bold, 0o644)
	var texts []string
	for _, dir := range []string{ttcDir, ttfDir} {
		eng, err := generate.Open(generate.Config{Creator: "test", Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), FontDirs: []string{dir}})
		if err != nil {
			t.Fatal(err)
		}
		r, err := eng.Resolve(generate.Job{Audience: "newcomers", Lang: "pa", Format: "flyer", Paper: "letter"})
		if err != nil {
			t.Fatal(err)
		}
		brand, _ := profile.Organisation{}.Brand()
		data, err := eng.Render(r, profile.Organisation{}, brand)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "pa.pdf")
		os.WriteFile(path, data, 0o644)
		pdftest.Check(t, path)
		var names []string
		for _, f := range pdftest.Fonts(t, path) {
			names = append(names, f.Name)
			if !f.Embedded {
				t.Errorf("%s is not embedded", f.Name)
			}
		}
		if !strings.Contains(strings.Join(names, " "), "NotoSansGurmukhi") {
			t.Errorf("fonts from %s: %v", dir, names)
		}
		texts = append(texts, pdftest.Text(t, path))
	}
	if texts[0] != texts[1] {
		t.Errorf("the flyer set with the collection reads differently from the one set with the .ttf files")
	}
	if !strings.Contains(texts[0], "ਮਨੁੱਖੀ") {
		t.Errorf("no Punjabi in the text:\n%s", texts[0])
	}
}

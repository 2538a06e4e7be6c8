package batch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/plan"
)

const imagesPlan = `organisation:
  name: Riverside Settlement Services
  phone: 604-555-0134
defaults:
  audiences: [newcomers]
  languages: [pa]
outputs:
  - format: handout
    as: png
    dpi: 40
  - format: social-square
  - format: flyer
  - format: txt
    as: svg
`

// TestImages builds page formats as images: one file per page (and a
// caption beside each social image), all in the manifest with the
// output; a second build makes nothing; a deleted page or an edited
// caption makes its output again; the index shows a picture of every
// page material.
func TestImages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := writePlan(t, dir, imagesPlan)
	var names []string
	for _, o := range p.Outputs {
		names = append(names, o.Name)
	}
	if want := []string{"newcomers-handout-pa-1.png", "newcomers-social-square-pa-1.png", "newcomers-flyer-pa.pdf", "newcomers-txt-pa.txt"}; !slices.Equal(names, want) {
		t.Fatalf("outputs %q, want %q", names, want)
	}
	out := filepath.Join(dir, "out")
	rep := run(t, p, Options{})
	if f := rep.Failures(); len(f) > 0 {
		t.Fatalf("failed: %v", f[0].Err)
	}
	for _, name := range []string{"newcomers-handout-pa-2.png", "newcomers-social-square-pa-1.txt"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s was not written: %v", name, err)
		}
	}
	m := checkDisk(t, out, "manifest.json")
	also := map[string][]string{}
	for _, e := range m.Outputs {
		for _, p := range e.Also {
			also[e.File] = append(also[e.File], p.File)
		}
	}
	if got := also["newcomers-handout-pa-1.png"]; !slices.Equal(got, []string{"newcomers-handout-pa-2.png", "newcomers-handout-pa-3.png"}) {
		t.Errorf("the handout's further files are %q", got)
	}
	if got := also["newcomers-social-square-pa-1.png"]; !slices.Equal(got, []string{"newcomers-social-square-pa-1.txt"}) {
		t.Errorf("the social image's further files are %q", got)
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(index), `<img src="data:image/png;base64,`); n != 3 {
		t.Errorf("index.html has %d pictures, want one for each of the 3 page materials", n)
	}

	if got := made(run(t, p, Options{})); len(got) != 0 {
		t.Errorf("a second build made %q", got)
	}
	if err := os.Remove(filepath.Join(out, "newcomers-handout-pa-2.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "newcomers-social-square-pa-1.txt"), []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := made(run(t, p, Options{}))
	if want := []string{"newcomers-handout-pa-1.png", "newcomers-social-square-pa-1.png"}; !slices.Equal(got, want) {
		t.Errorf("after deleting a page and editing a caption the build made %q, want %q", got, want)
	}
	checkDisk(t, out, "manifest.json")
}

func TestImagesPlanRefuses(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.yaml")
	src := "outputs:\n  - audience: youth\n    language: en\n    format: flyer\n    as: tiff\n  - audience: youth\n    language: en\n    format: poster\n    as: png\n    dpi: 5000\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := plan.Load(testEngine(t), path, plan.Project{})
	if err == nil || !strings.Contains(err.Error(), `unknown backend "tiff"`) || !strings.Contains(err.Error(), "resolution 5000 dpi is out of range") {
		t.Errorf("error %v, want both problems named", err)
	}
}

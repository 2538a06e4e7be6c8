package typeset

import (
	"errors"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
	"github.com/go-text/typesetting/language"

	"github.com/awarekit/awarekit/toolkit/typeset/typesettest"
)

// The machine's fonts are found with no cache folder at all (a service,
// a container or a cron job often has no home folder, or one it cannot
// write): no index is kept, and each face is named from its own tables.
// Files that are no font, hidden or damaged are passed over; a
// collection gives each of its faces.
func TestSystemFontsWithoutACacheFolder(t *testing.T) {
	t.Setenv("HOME", "")
	t.Setenv("XDG_CACHE_HOME", "")
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b/DejaVuSans.ttf", dejavusans.TTF)
	write("a/both.ttc", typesettest.Collection(t, dejavusansbold.TTF, dejavusans.TTF))
	write("a/.hidden.ttf", dejavusans.TTF)
	write("a/notes.txt", []byte("not a font"))
	write("a/cut.ttf", dejavusans.TTF[:2000])
	damaged := slices.Clone(dejavusans.TTF)
	for i := 12; i < 12+16*20 && i < len(damaged); i += 16 {
		damaged[i+8], damaged[i+9] = 0x7f, 0xff // every table's offset far past the end
	}
	write("a/damaged.ttf", damaged)

	// The folder twice: a file is taken once.
	prints, err := systemFootprints(func(fontscan.Logger) ([]string, error) { return []string{dir, filepath.Join(dir, "b")}, nil })
	if err != nil {
		t.Fatalf("with no cache folder: %v", err)
	}
	type got struct {
		file   string
		index  uint16
		family string
		weight font.Weight
	}
	var have []got
	for _, fp := range prints {
		if fp.Family == "" {
			continue // a damaged file's face: named nothing, chosen never
		}
		rel, _ := filepath.Rel(dir, fp.Location.File)
		have = append(have, got{rel, fp.Location.Index, fp.Family, fp.Aspect.Weight})
	}
	want := []got{
		{"a/both.ttc", 0, "dejavusans", font.WeightBold},
		{"a/both.ttc", 1, "dejavusans", font.WeightNormal},
		{"b/DejaVuSans.ttf", 0, "dejavusans", font.WeightNormal},
	}
	if !slices.Equal(have, want) {
		t.Fatalf("found %+v\nwant %+v", have, want)
	}

	_, err = systemFootprints(func(fontscan.Logger) ([]string, error) { return nil, errors.New("no font folders") })
	if err == nil || err.Error() != "no font folders" {
		t.Fatalf("with no font folders: err = %v", err)
	}
}

// Looking for a system font writes nothing: fontscan kept its index in
// the user's cache folder and wrote it again in every process.
func TestSystemFontsWriteNothing(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	fonts, err := EmbeddedFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	fonts.forScript(language.Gurmukhi)
	if _, err := fonts.scan(); err != nil {
		t.Skipf("no font folders on this machine: %v", err)
	}
	entries, err := os.ReadDir(cache)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) > 0 {
		t.Fatalf("looking for a Gurmukhi font wrote %s in the cache folder", entries[0].Name())
	}
}

// The faces systemFootprints finds are those of fontscan's index, in the
// same order, once those without a character map go-text reads are left
// out (as find does), so that the same font is chosen. fontscan reads
// every font's coverage afresh here (seconds), so AWAREKIT_FULL=1 runs it.
func TestSystemFontsAsFontscanFindsThem(t *testing.T) {
	if os.Getenv("AWAREKIT_FULL") != "1" {
		t.Skip("fontscan reads every system font; AWAREKIT_FULL=1 runs it")
	}
	theirs, err := fontscan.SystemFonts(log.New(io.Discard, "", 0), t.TempDir())
	if err != nil {
		t.Skipf("fontscan: %v", err)
	}
	ours, err := systemFootprints(fontDirectories)
	if err != nil {
		t.Fatal(err)
	}
	type face struct {
		loc    font.FontID
		family string
		aspect font.Aspect
	}
	var a, b []face
	for _, fp := range theirs {
		a = append(a, face{fp.Location, fp.Family, fp.Aspect})
	}
	for _, fp := range ours {
		if usableCmap(fp.Location) {
			b = append(b, face{fp.Location, fp.Family, fp.Aspect})
		}
	}
	if len(a) == 0 {
		t.Skip("no system fonts")
	}
	if !slices.Equal(a, b) {
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("face %d: fontscan %+v, ours %+v (%d and %d faces)", i, a[i], b[i], len(a), len(b))
			}
		}
		t.Fatalf("fontscan finds %d faces, ours %d", len(a), len(b))
	}
	t.Logf("%d faces, the same", len(a))
}

package typeset

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-text/typesetting/fontscan"
)

// TestSystemFontsFollowLinks: a font folder that is a link (~/.fonts →
// a folder elsewhere), or that holds a link to a folder, is searched
// where it leads; filepath.WalkDir followed neither, so an educator who
// linked her fonts folder was told to install fonts-noto-core. A link
// back up the tree, or two links to one folder, end the walk with each
// file once; a link to / is not followed into /proc, /sys or /dev, and
// the walk stops, with a warning, after maxFontEntries names.
func TestSystemFontsFollowLinks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mk, _ := tree(t, dir)
	link := func(target, name string) string {
		p := filepath.Join(dir, name)
		if err := os.Symlink(target, p); err != nil {
			t.Skip("no links here:", err)
		}
		return p
	}
	real := mk("data/fonts")
	if err := os.WriteFile(filepath.Join(real, "DejaVuSans.ttf"), dejavusans.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	scan := func(t *testing.T, roots ...string) (files, warnings []string) {
		t.Helper()
		prints, warnings, err := systemScan(func(fontscan.Logger) ([]string, error) { return roots, nil })
		if err != nil {
			t.Fatal(err)
		}
		for _, fp := range prints {
			if fp.Family == "dejavusans" {
				rel, _ := filepath.Rel(dir, fp.Location.File)
				files = append(files, rel)
			}
		}
		return files, warnings
	}

	t.Run("a font folder that is a link", func(t *testing.T) {
		home := link(real, "dotfonts")
		if got, _ := scan(t, home); !slices.Equal(got, []string{"dotfonts/DejaVuSans.ttf"}) {
			t.Errorf("found %q, want dotfonts/DejaVuSans.ttf", got)
		}
	})
	t.Run("a link to a folder inside one", func(t *testing.T) {
		outer := mk("outer")
		link("../data/fonts", "outer/inner")
		if got, _ := scan(t, outer); !slices.Equal(got, []string{"outer/inner/DejaVuSans.ttf"}) {
			t.Errorf("found %q, want outer/inner/DejaVuSans.ttf", got)
		}
	})
	t.Run("loops and a folder reached twice", func(t *testing.T) {
		loops := mk("loops")
		if err := os.WriteFile(filepath.Join(loops, "DejaVuSans.ttf"), dejavusans.TTF, 0o644); err != nil {
			t.Fatal(err)
		}
		link(".", "loops/self")
		link("..", "loops/up")
		link(loops, "loops/again")
		mk("loops/deeper")
		link("../../loops", "loops/deeper/back")
		link(filepath.Join(dir, "nothing"), "loops/dangling")
		got, _ := scan(t, loops, filepath.Join(dir, "loops/again"))
		// "up" leads to the whole temporary folder: data/fonts and
		// outer/inner (the same folder, once) and dotfonts (a link to
		// it, passed over) are found through it.
		want := []string{"loops/DejaVuSans.ttf", "loops/up/data/fonts/DejaVuSans.ttf"}
		if !slices.Equal(got, want) {
			t.Errorf("found %q, want %q", got, want)
		}
	})
	t.Run("a link to /", func(t *testing.T) {
		// The whole machine holds no font folder the search does not
		// name already; walking it took a minute and, with one budget
		// for all folders, cost /usr/share/fonts its fonts.
		slash := mk("slash")
		link("/", "slash/root")
		if _, warnings := scan(t, slash, link("/", "slashroot")); len(warnings) != 0 {
			t.Errorf("warnings %q, want none: / is passed over", warnings)
		}
	})
	t.Run("each font folder has a budget of its own", func(t *testing.T) {
		old := maxFontEntries
		maxFontEntries = 300
		defer func() { maxFontEntries = old }()
		big := mk("big")
		for i := range 400 {
			if err := os.WriteFile(filepath.Join(big, fmt.Sprintf("notes-%03d.txt", i)), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, warnings := scan(t, big, real)
		if !slices.Equal(got, []string{"data/fonts/DejaVuSans.ttf"}) {
			t.Errorf("found %q, want data/fonts/DejaVuSans.ttf: the folder after the one cut short is searched", got)
		}
		if len(warnings) != 1 || !strings.Contains(warnings[0], "the font folder "+big+" holds more than 300 files and folders, so the search for fonts in it stopped in "+big) {
			t.Errorf("warnings %q, want one naming %s", warnings, big)
		}
	})
	if !pseudoFS("/proc") || !pseudoFS("/sys/class") || !pseudoFS("/dev/fd") || !pseudoFS("/") || pseudoFS("/devices") || pseudoFS("/usr/share/fonts") {
		t.Error("pseudoFS")
	}
}

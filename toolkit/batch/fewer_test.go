package batch

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/manifest"
)

// TestFewerPagesStale: an output made again under the same name with
// fewer pages than an earlier build recorded (a 9-page French guide as
// PNG pages, then the 8-page English one) left the earlier build's last
// page in the folder, unlisted and unsaid; someone printing h-*.png
// printed the French page 9 (review19 M1). The pages this build does not
// write are stale as a dropped material is: removed when unchanged,
// else left, recorded and named every build; kept and named when the
// build keeps earlier files (serve).
func TestFewerPagesStale(t *testing.T) {
	const guide = "pack: false\noutputs:\n  - {audience: youth, language: %s, format: guide, as: png, dpi: 36, pattern: \"h.{ext}\"}\n"
	build := func(t *testing.T, dir, lang string, opts Options) *Report {
		t.Helper()
		rep := run(t, writePlan(t, dir, strings.ReplaceAll(guide, "%s", lang)), opts)
		if f := rep.Failures(); len(f) > 0 {
			t.Fatal(f[0].Err)
		}
		return rep
	}
	// pages is the number of pages of the guide in the manifest.
	pages := func(t *testing.T, out string) int {
		t.Helper()
		m := checkDisk(t, out, manifest.FileName)
		if len(m.Outputs) != 1 {
			t.Fatalf("manifest lists %d outputs", len(m.Outputs))
		}
		return 1 + len(m.Outputs[0].Also)
	}
	setup := func(t *testing.T) (dir, out, last string) {
		dir = t.TempDir()
		out = filepath.Join(dir, "out")
		build(t, dir, "en", Options{})
		en := pages(t, out)
		build(t, dir, "fr", Options{})
		fr := pages(t, out)
		if fr <= en {
			t.Fatalf("the French guide has %d pages, the English %d: take a language whose guide is longer", fr, en)
		}
		return dir, out, "h-" + strconv.Itoa(fr) + ".png"
	}

	t.Run("unchanged page removed", func(t *testing.T) {
		dir, out, last := setup(t)
		rep := build(t, dir, "en", Options{})
		if !slices.Contains(rep.Removed, last) {
			t.Errorf("removed %q, want %s among them", rep.Removed, last)
		}
		if _, err := os.Stat(filepath.Join(out, last)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s after the English build: %v", last, err)
		}
		if m := checkDisk(t, out, manifest.FileName); len(m.Earlier) > 0 {
			t.Errorf("manifest records %+v", m.Earlier)
		}
	})
	t.Run("changed page named every build", func(t *testing.T) {
		dir, out, last := setup(t)
		appendTo(t, filepath.Join(out, last), "annotated")
		want := filepath.Join(out, last) + " is a further file of h-1.png that an earlier build made and this plan no longer makes; it was left"
		for round := 1; round <= 2; round++ {
			rep := build(t, dir, "en", Options{})
			if len(rep.Removed) > 0 {
				t.Errorf("build %d removed %q", round, rep.Removed)
			}
			if w := strings.Join(rep.Warnings, "\n"); !strings.Contains(w, want) {
				t.Errorf("build %d: warnings %q, want %q", round, w, want)
			}
			m := checkDisk(t, out, manifest.FileName)
			if len(m.Earlier) != 1 || m.Earlier[0].File != last || m.Earlier[0].Left == "" {
				t.Errorf("build %d: manifest records %+v, want %s left", round, m.Earlier, last)
			}
		}
		if err := os.Remove(filepath.Join(out, last)); err != nil {
			t.Fatal(err)
		}
		build(t, dir, "en", Options{})
		if m := checkDisk(t, out, manifest.FileName); len(m.Earlier) > 0 {
			t.Errorf("once deleted, manifest still records %+v", m.Earlier)
		}
	})
	t.Run("kept by serve", func(t *testing.T) {
		dir, out, last := setup(t)
		for round := 1; round <= 2; round++ {
			rep := build(t, dir, "en", Options{KeepEarlier: true})
			if len(rep.Removed) > 0 {
				t.Errorf("build %d removed %q", round, rep.Removed)
			}
			if w := strings.Join(rep.Warnings, "\n"); !strings.Contains(w, last) {
				t.Errorf("build %d: warnings %q do not name %s", round, w, last)
			}
			if _, err := os.Stat(filepath.Join(out, last)); err != nil {
				t.Errorf("build %d: %v", round, err)
			}
		}
		rep := build(t, dir, "en", Options{})
		if len(rep.Removed) > 0 {
			t.Errorf("a kept page was removed: %q", rep.Removed)
		}
	})
}

package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/plan"
)

// TestInterruptedBuildKeepsEarlierRecords: a build stopped by Ctrl-C
// removes nothing, and wrote a manifest that listed only its own plan's
// outputs, so the record of a material the plan dropped was lost: the
// build that finished the job never removed it, nor named it, and the
// old material stayed in the folder for good (review18 M1). The stopped
// build carries the record forward; the next whole build removes it.
func TestInterruptedBuildKeepsEarlierRecords(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if f := run(t, writePlan(t, dir, "pack: false\noutputs:\n  - audiences: [youth, health]\n    language: en\n    format: txt\n"), Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	p := writePlan(t, dir, "pack: false\noutputs:\n  - audiences: [youth, business, newcomers]\n    languages: [en, fr]\n    format: txt\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rep, err := Run(ctx, testEngine(t), p, Options{OutDir: out, Jobs: 1, Progress: &cancelAfter{n: 1, cancel: cancel}})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("error %v, want ErrInterrupted", err)
	}
	if len(rep.Removed) > 0 {
		t.Errorf("a stopped build removed %q", rep.Removed)
	}
	if _, err := os.Stat(filepath.Join(out, "health-txt-en.txt")); err != nil {
		t.Errorf("a stopped build: %v", err)
	}
	checkDisk(t, out, manifest.FileName)
	rep = run(t, p, Options{})
	if want := []string{"health-txt-en.txt"}; !slices.Equal(rep.Removed, want) {
		t.Errorf("the build after removed %q, want %q", rep.Removed, want)
	}
	if _, err := os.Stat(filepath.Join(out, "health-txt-en.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("health-txt-en.txt after the build after: %v", err)
	}
	if m := checkDisk(t, out, manifest.FileName); len(m.Earlier) > 0 {
		t.Errorf("manifest still records %+v", m.Earlier)
	}
}

// TestLeftFileNamedEveryBuild: a file an earlier build made that the
// plan no longer makes, changed since (a print shop's note), is left and
// said; the next manifest dropped its record, so the build after said
// nothing and the changed old material stayed in the folder, unlisted
// (review18 M2). Its record is kept, marked as left, so that every build
// names it, until it is deleted; it is never one of this build's outputs.
func TestLeftFileNamedEveryBuild(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if f := run(t, writePlan(t, dir, "outputs:\n  - audiences: [youth, health]\n    language: en\n    format: flyer\n"), Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	appendTo(t, filepath.Join(out, "health-flyer-en.pdf"), "% annotated\n")
	p := writePlan(t, dir, "outputs:\n  - {audience: youth, language: en, format: flyer}\n")
	want := filepath.Join(out, "health-flyer-en.pdf") + " is a material that an earlier build made and this plan no longer makes; it was left"
	for round := 1; round <= 3; round++ {
		rep := run(t, p, Options{})
		if len(rep.Removed) > 0 {
			t.Errorf("build %d removed %q", round, rep.Removed)
		}
		if w := strings.Join(rep.Warnings, "\n"); !strings.Contains(w, want) {
			t.Errorf("build %d: warnings %q, want %q", round, w, want)
		}
		m := checkDisk(t, out, manifest.FileName)
		notAnOutput(t, out, m, "health-flyer-en.pdf")
		if len(m.Earlier) != 1 || m.Earlier[0].File != "health-flyer-en.pdf" || m.Earlier[0].Left == "" {
			t.Errorf("build %d: manifest records %+v, want health-flyer-en.pdf as left", round, m.Earlier)
		}
	}
	if err := os.Remove(filepath.Join(out, "health-flyer-en.pdf")); err != nil {
		t.Fatal(err)
	}
	rep := run(t, p, Options{})
	if w := strings.Join(rep.Warnings, "\n"); w != "" {
		t.Errorf("once deleted: warnings %q, want none", w)
	}
	if m := checkDisk(t, out, manifest.FileName); len(m.Earlier) > 0 {
		t.Errorf("once deleted: manifest records %+v", m.Earlier)
	}
}

// TestKeptFilesNamedEveryBuild: files kept because another plan made
// them, or because the build keeps an earlier build's files (serve's
// workshops, one plan name for all), were named by the build that first
// found them, and by no build after (review18 L4).
func TestKeptFilesNamedEveryBuild(t *testing.T) {
	t.Run("serve's workshops", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		var rep *Report
		for _, aud := range []string{"youth", "health", "business"} {
			rep = run(t, writePlan(t, dir, "outputs:\n  - {audience: "+aud+", language: en, format: txt}\n"), Options{KeepEarlier: true})
		}
		w := strings.Join(rep.Warnings, "\n")
		for _, name := range []string{"youth-txt-en.txt", "health-txt-en.txt"} {
			if !strings.Contains(w, name) {
				t.Errorf("the third workshop's warnings %q do not name %s", w, name)
			}
		}
		m := checkDisk(t, out, manifest.FileName)
		notAnOutput(t, out, m, "youth-txt-en.txt", "health-txt-en.txt")
		// A build that removes what its plan no longer makes does not
		// remove what a build kept: another workshop's, by the one name.
		rep = run(t, writePlan(t, dir, "outputs:\n  - {audience: business, language: en, format: txt}\n"), Options{})
		if len(rep.Removed) > 0 {
			t.Errorf("removed %q, kept by the builds before", rep.Removed)
		}
		if w := strings.Join(rep.Warnings, "\n"); !strings.Contains(w, "youth-txt-en.txt") {
			t.Errorf("warnings %q do not name youth-txt-en.txt", w)
		}
	})
	t.Run("another plan's", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		first := filepath.Join(dir, "first")
		if err := os.MkdirAll(first, 0o755); err != nil {
			t.Fatal(err)
		}
		if f := run(t, writePlan(t, first, "outputs:\n  - {audience: health, language: en, format: txt}\n"), Options{OutDir: out}).Failures(); len(f) > 0 {
			t.Fatal(f[0].Err)
		}
		path := filepath.Join(dir, "second.yaml")
		if err := os.WriteFile(path, []byte("outputs:\n  - {audience: youth, language: en, format: txt}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		second, err := plan.Load(testEngine(t), path, plan.Project{})
		if err != nil {
			t.Fatal(err)
		}
		for round := 1; round <= 2; round++ {
			rep := run(t, second, Options{OutDir: out})
			if len(rep.Removed) > 0 {
				t.Errorf("build %d of second.yaml removed %q", round, rep.Removed)
			}
			if w := strings.Join(rep.Warnings, "\n"); !strings.Contains(w, "plan.yaml") || !strings.Contains(w, "health-txt-en.txt") {
				t.Errorf("build %d of second.yaml: warnings %q do not name plan.yaml's health-txt-en.txt", round, w)
			}
			notAnOutput(t, out, checkDisk(t, out, manifest.FileName), "health-txt-en.txt")
		}
		// plan.yaml built again makes it again: its own, not left.
		rep := run(t, writePlan(t, first, "outputs:\n  - {audience: health, language: en, format: txt}\n"), Options{OutDir: out})
		if w := strings.Join(rep.Warnings, "\n"); strings.Contains(w, "health-txt-en.txt") {
			t.Errorf("plan.yaml again: warnings %q name its own output", w)
		}
	})
}

// notAnOutput fails when m lists one of names as an output, a pack or an
// index page, or the index page or the pack's cover sheet names it.
func notAnOutput(t *testing.T, out string, m *manifest.Manifest, names ...string) {
	t.Helper()
	for _, name := range names {
		for _, e := range m.Outputs {
			if e.File == name {
				t.Errorf("manifest lists %s among its outputs", name)
			}
		}
		for _, e := range []*manifest.Entry{m.Pack, m.Index} {
			if e != nil && e.File == name {
				t.Errorf("manifest lists %s as its pack or index", name)
			}
		}
		if page, err := os.ReadFile(filepath.Join(out, "index.html")); err == nil && strings.Contains(string(page), name) {
			t.Errorf("index.html names %s", name)
		}
	}
}

// TestNotOursUnderAnotherSpelling: a file this build makes under another
// spelling of an earlier build's name (Youth-en.pdf and youth-en.pdf are
// one file on macOS and Windows, café in NFC and NFD on macOS) is this
// build's, never removed: on such a disk the old name, still as
// recorded, is the new flyer the manifest lists (review18 M3).
func TestNotOursUnderAnotherSpelling(t *testing.T) {
	const nfc, nfd = "caf\u00e9-en.pdf", "cafe\u0301-en.pdf"
	b := &builder{plan: &plan.Plan{}, outs: []plan.Output{{Name: "youth-en.pdf"}, {Name: nfc}}, recs: newRecords(2, "")}
	stale := []manifest.Earlier{
		{File: "Youth-en.pdf", Plan: "plan.yaml"},
		{File: nfd, Plan: "plan.yaml"},
		{File: "Manifest.json", Plan: "plan.yaml"},
		{File: "health-en.pdf", Plan: "plan.yaml", Also: []manifest.Part{{File: "YOUTH-EN.PDF"}, {File: "health-en-2.pdf"}}},
	}
	kept, variants := notOurs(stale, b.ownNames())
	var files []string
	for _, f := range kept {
		files = append(files, f.File)
		for _, p := range f.Also {
			files = append(files, p.File)
		}
	}
	if want := []string{"health-en.pdf", "health-en-2.pdf"}; !slices.Equal(files, want) {
		t.Errorf("stale files %q, want %q", files, want)
	}
	var named []string
	for _, v := range variants {
		named = append(named, v.file.File+" "+v.own)
	}
	if want := []string{"Youth-en.pdf youth-en.pdf", nfd + " " + nfc, "Manifest.json manifest.json", "YOUTH-EN.PDF youth-en.pdf"}; !slices.Equal(named, want) {
		t.Errorf("variants %q, want %q", named, want)
	}
}

// TestStaleLinkLeft: an earlier build's flyer that is now a link (to a
// copy kept elsewhere) is never removed, nor read through: it is left,
// the link and what it leads to as they were, and said.
func TestStaleLinkLeft(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("links need privileges on Windows")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if f := run(t, writePlan(t, dir, "pack: false\noutputs:\n  - audiences: [youth, health]\n    language: en\n    format: txt\n"), Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	kept := filepath.Join(dir, "kept.txt")
	if err := os.Rename(filepath.Join(out, "health-txt-en.txt"), kept); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(kept, filepath.Join(out, "health-txt-en.txt")); err != nil {
		t.Fatal(err)
	}
	p := writePlan(t, dir, "pack: false\noutputs:\n  - {audience: youth, language: en, format: txt}\n")
	for round := 1; round <= 2; round++ {
		rep := run(t, p, Options{})
		if len(rep.Removed) > 0 {
			t.Errorf("build %d removed %q", round, rep.Removed)
		}
		if w, want := strings.Join(rep.Warnings, "\n"), filepath.Join(out, "health-txt-en.txt")+" is a material that an earlier build made and this plan no longer makes; it was left, as it is not the file that build recorded (it is a link)"; !strings.Contains(w, want) {
			t.Errorf("build %d: warnings %q, want %q", round, w, want)
		}
		if st, err := os.Lstat(filepath.Join(out, "health-txt-en.txt")); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Errorf("build %d: the link is gone: %v", round, err)
		}
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("build %d: %v", round, err)
		}
	}
}

// TestCaseVariantNamed: a pattern changed from Youth-{lang}.{ext} to
// youth-{lang}.{ext}. On a disk that tells the names apart the old flyer
// stays beside the new one; it is never removed (the folder may be
// copied to a disk that does not), and was left unsaid (review18 L1).
// It is named, by every build while it is there.
func TestCaseVariantNamed(t *testing.T) {
	dir := t.TempDir()
	if !caseSensitive(t, dir) {
		t.Skip("this disk takes Youth-en.pdf and youth-en.pdf for one file")
	}
	out := filepath.Join(dir, "out")
	item := "pack: false\noutputs:\n  - {audience: youth, language: en, format: flyer, pattern: \"%s-{lang}.{ext}\"}\n"
	if f := run(t, writePlan(t, dir, fmt.Sprintf(item, "Youth")), Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	p := writePlan(t, dir, fmt.Sprintf(item, "youth"))
	want := filepath.Join(out, "Youth-en.pdf") + " is a material that an earlier build made, under a name that differs from this build's youth-en.pdf only in case"
	for round := 1; round <= 2; round++ {
		rep := run(t, p, Options{})
		if len(rep.Removed) > 0 {
			t.Errorf("build %d removed %q", round, rep.Removed)
		}
		if w := strings.Join(rep.Warnings, "\n"); !strings.Contains(w, want) {
			t.Errorf("build %d: warnings %q, want %q", round, w, want)
		}
		if got := names(t, out); !slices.Equal(got, []string{"Youth-en.pdf", "manifest.json", "youth-en.pdf"}) {
			t.Errorf("build %d: folder holds %q", round, got)
		}
	}
}

// caseSensitive reports whether the disk under dir tells a and A apart.
func caseSensitive(t *testing.T, dir string) bool {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "a"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(filepath.Join(dir, "a"))
	_, err := os.Stat(filepath.Join(dir, "A"))
	return err != nil
}

package batch

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/plan"
)

// TestEarlierFilesRemoved: a plan changed to pack: false and one
// material fewer left the earlier build's pack.pdf (with the dropped
// material in it), index.html (linking it) and the dropped material in
// the output folder, listed nowhere: an educator who opened the folder
// printed the old pack. Each file the folder's manifest recorded, still
// as recorded, is removed and named; a file changed since, and a file
// no manifest lists, are left, the first with a warning.
func TestEarlierFilesRemoved(t *testing.T) {
	const two = "outputs:\n  - {audience: youth, language: en, format: flyer}\n  - {audience: health, language: en, format: flyer}\n"
	const oneNoPack = "pack: false\noutputs:\n  - {audience: youth, language: en, format: flyer}\n"
	for _, c := range []struct {
		name        string
		first, then string
		edit        func(t *testing.T, out string) // between the builds
		removed     []string
		left        []string // files on disk after the second build
		warn        string
	}{
		{
			name: "pack off and a material dropped", first: two, then: oneNoPack,
			removed: []string{"health-flyer-en.pdf", "pack.pdf", "index.html"},
			left:    []string{"manifest.json", "youth-flyer-en.pdf"},
		},
		{
			name: "a pack with no PDF in it", first: two,
			then:    "outputs:\n  - {audience: youth, language: en, format: txt}\n",
			removed: []string{"health-flyer-en.pdf", "youth-flyer-en.pdf", "pack.pdf"},
			left:    []string{"index.html", "manifest.json", "youth-txt-en.txt"},
		},
		{
			name: "files changed since, and files no build wrote", first: two, then: oneNoPack,
			edit: func(t *testing.T, out string) {
				appendTo(t, filepath.Join(out, "pack.pdf"), "% the print shop's note\n")
				if err := os.WriteFile(filepath.Join(out, "notes.pdf"), []byte("mine"), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			removed: []string{"health-flyer-en.pdf", "index.html"},
			left:    []string{"manifest.json", "notes.pdf", "pack.pdf", "youth-flyer-en.pdf"},
			warn:    "pack.pdf is the print pack that an earlier build made and this plan no longer makes; it was left, as it is not the file that build recorded (file differs from the manifest): delete it if it should not be printed",
		},
		{
			name: "the same plan again", first: two, then: two,
			left: []string{"health-flyer-en.pdf", "index.html", "manifest.json", "pack.pdf", "youth-flyer-en.pdf"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			if f := run(t, writePlan(t, dir, c.first), Options{}).Failures(); len(f) > 0 {
				t.Fatal(f[0].Err)
			}
			if c.edit != nil {
				c.edit(t, out)
			}
			p := writePlan(t, dir, c.then)
			before := names(t, out)
			dry := run(t, p, Options{DryRun: true})
			if !slices.Equal(dry.Removed, c.removed) {
				t.Errorf("dry run: removed %q, want %q", dry.Removed, c.removed)
			}
			if after := names(t, out); !slices.Equal(after, before) {
				t.Errorf("a dry run changed the folder: %q, was %q", after, before)
			}
			rep := run(t, p, Options{})
			if !slices.Equal(rep.Removed, c.removed) {
				t.Errorf("removed %q, want %q", rep.Removed, c.removed)
			}
			if got := names(t, out); !slices.Equal(got, c.left) {
				t.Errorf("folder holds %q, want %q", got, c.left)
			}
			warned := strings.Join(rep.Warnings, "\n")
			if c.warn != "" && !strings.Contains(warned, filepath.Join(out, c.warn)) {
				t.Errorf("warnings %q, want %q", warned, c.warn)
			}
			if c.warn == "" && warned != "" {
				t.Errorf("warnings %q, want none", warned)
			}
			checkDisk(t, out, manifest.FileName)
		})
	}
}

// TestPartEarlierFilesKept: a part of a sharded build makes only some of
// the outputs, and removes nothing the others may still make.
func TestPartEarlierFilesKept(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	p := writePlan(t, dir, "outputs:\n  - audiences: [youth, health, business]\n    language: en\n    format: txt\n")
	if f := run(t, p, Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	sh, err := ParseShard("1/3")
	if err != nil {
		t.Fatal(err)
	}
	rep := run(t, p, Options{Shard: sh})
	if len(rep.Removed) > 0 {
		t.Errorf("a part removed %q", rep.Removed)
	}
	for _, name := range []string{"youth-txt-en.txt", "health-txt-en.txt", "business-txt-en.txt", "index.html"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// names lists the files in dir, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func appendTo(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// twoPartners builds a youth flyer for Club A and Club B, each in its
// folder under out, in a folder of its own; rebuild builds it again with
// Club B taken off the partners file.
func twoPartners(t *testing.T) (dir, out string, rebuild func(Options) *Report) {
	t.Helper()
	dir = t.TempDir()
	partners := func(rows string) *plan.Plan {
		if err := os.WriteFile(filepath.Join(dir, "partners.csv"), []byte("name,phone\n"+rows), 0o644); err != nil {
			t.Fatal(err)
		}
		return writePlan(t, dir, "organisations: partners.csv\noutputs:\n  - {audience: youth, language: en, format: flyer}\n")
	}
	if f := run(t, partners("Club A,604-555-0134\nClub B,604-555-0199\n"), Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	return dir, filepath.Join(dir, "out"), func(opts Options) *Report {
		return run(t, partners("Club A,604-555-0134\n"), opts)
	}
}

// TestPartnerDroppedRemoved: a partner taken off the partners file left
// its folder (flyers, pack.pdf, index.html, with its phone) in the
// output folder; its files go, and the folder they were alone in.
func TestPartnerDroppedRemoved(t *testing.T) {
	_, out, rebuild := twoPartners(t)
	rep := rebuild(Options{})
	if want := []string{"club-b/youth-flyer-en.pdf", "club-b/pack.pdf", "club-b/index.html"}; !slices.Equal(rep.Removed, want) {
		t.Errorf("removed %q, want %q", rep.Removed, want)
	}
	if got := names(t, out); !slices.Equal(got, []string{"club-a", "index.html", "manifest.json"}) {
		t.Errorf("folder holds %q", got)
	}
	checkDisk(t, out, manifest.FileName)
}

// TestStaleThroughLinkLeft: a partner's folder moved to a shared drive
// and linked back into the output folder: dropping the partner removed
// the files in the shared folder, outside the output folder, through the
// link, and then the link. Nothing is removed through a link; it is said.
func TestStaleThroughLinkLeft(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("links need privileges on Windows")
	}
	dir, out, rebuild := twoPartners(t)
	shared := filepath.Join(dir, "shared")
	if err := os.Mkdir(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(out, "club-b"), filepath.Join(shared, "club-b")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "shared", "club-b"), filepath.Join(out, "club-b")); err != nil {
		t.Fatal(err)
	}
	before := names(t, filepath.Join(shared, "club-b"))
	for _, dry := range []bool{true, false} {
		rep := rebuild(Options{DryRun: dry})
		if len(rep.Removed) > 0 {
			t.Errorf("dry run %v: removed %q through a link", dry, rep.Removed)
		}
		if w := strings.Join(rep.Warnings, "\n"); !strings.Contains(w, filepath.Join(out, "club-b")+" is a link, not a folder") {
			t.Errorf("dry run %v: warnings %q do not name the link", dry, w)
		}
	}
	if got := names(t, filepath.Join(shared, "club-b")); !slices.Equal(got, before) {
		t.Errorf("the shared folder holds %q, held %q", got, before)
	}
	if st, err := os.Lstat(filepath.Join(out, "club-b")); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is gone: %v", err)
	}
}

// TestStaleKeepsWhatThisBuildWrote: a social image turned from PNG to SVG
// keeps its caption's name; the old PNG's record listed that caption as
// its further file, and removing the PNG's files removed the caption the
// same build had just written (the manifest still listed it).
func TestStaleKeepsWhatThisBuildWrote(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if f := run(t, writePlan(t, dir, "outputs:\n  - {audience: youth, language: en, format: social-square}\n"), Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	var caption string
	for _, n := range names(t, out) {
		if strings.HasSuffix(n, ".txt") {
			caption = n
		}
	}
	if caption == "" {
		t.Fatalf("no caption in %q", names(t, out))
	}
	rep := run(t, writePlan(t, dir, "outputs:\n  - {audience: youth, language: en, format: social-square, as: svg}\n"), Options{})
	if f := rep.Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	if slices.Contains(rep.Removed, caption) {
		t.Errorf("removed %q, the caption this build wrote", rep.Removed)
	}
	if _, err := os.Stat(filepath.Join(out, caption)); err != nil {
		t.Errorf("caption: %v", err)
	}
	if w := strings.Join(rep.Warnings, "\n"); w != "" {
		t.Errorf("warnings %q, want none", w)
	}
	checkDisk(t, out, manifest.FileName)
}

// TestOtherPlansFilesKept: two plans built into one folder; the second
// removes nothing the first made (they are not the same build's), and
// says nothing of removing.
func TestOtherPlansFilesKept(t *testing.T) {
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
	p, err := plan.Load(testEngine(t), path, plan.Project{})
	if err != nil {
		t.Fatal(err)
	}
	rep := run(t, p, Options{OutDir: out})
	if len(rep.Removed) > 0 {
		t.Errorf("second.yaml removed %q, files plan.yaml made", rep.Removed)
	}
	if _, err := os.Stat(filepath.Join(out, "health-txt-en.txt")); err != nil {
		t.Error(err)
	}
	if want := out + " still holds 1 file that a build of plan.yaml made and this plan does not make; it was left"; !strings.Contains(strings.Join(rep.Warnings, "\n"), want) {
		t.Errorf("warnings %q, want %q", rep.Warnings, want)
	}
}

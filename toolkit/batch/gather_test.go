package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/plan"
)

// gatherPlan is made for two partners: 2 × (2 flyers, a handout and a
// Markdown page), in three parts.
const gatherPlan = `event: {name: Safety evening}
organisations: partners.csv
outputs:
  - {audiences: [youth, health], language: en, format: flyer, copies: 2}
  - {audience: newcomers, language: ar, format: handout}
  - {audience: youth, language: fr, format: md}
`

func gatherSetup(t *testing.T) (string, *plan.Plan) {
	t.Helper()
	dir := t.TempDir()
	csv := "name,phone\nRiverside Settlement Services,604-555-0134\nHope Centre,416-555-0199\n"
	if err := os.WriteFile(filepath.Join(dir, "partners.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, writePlan(t, dir, gatherPlan)
}

// mtimes are the times a manifest records: the one thing two builds of
// the same files differ in.
var mtimes = regexp.MustCompile(`"mtime_ns": \d+`)

// sameTree checks that every file of want is in got with the same bytes
// (manifest.json but for its file times), and that got has no other.
func sameTree(t *testing.T, want, got string) {
	t.Helper()
	files := 0
	filepath.WalkDir(want, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		rel, _ := filepath.Rel(want, path)
		a, _ := os.ReadFile(path)
		b, err := os.ReadFile(filepath.Join(got, rel))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		if d.Name() == manifest.FileName {
			a, b = mtimes.ReplaceAll(a, nil), mtimes.ReplaceAll(b, nil)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from a build on one machine", rel)
		}
		files++
		return nil
	})
	extra := 0
	filepath.WalkDir(got, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		extra++
		return nil
	})
	if extra != files {
		t.Errorf("%d files gathered, %d made on one machine", extra, files)
	}
	if files < 12 {
		t.Errorf("only %d files compared", files)
	}
}

// TestGather makes a plan's three parts into one folder, and into three,
// and gathers them: every material, pack, index page and the manifest
// (but for file times) are the same bytes as one machine's build, and
// nothing is made again.
func TestGather(t *testing.T) {
	t.Parallel()
	dir, p := gatherSetup(t)
	single := filepath.Join(dir, "single")
	run(t, p, Options{OutDir: single})

	shared := filepath.Join(dir, "shared")
	var apart []string
	for k := 1; k <= 3; k++ {
		run(t, p, Options{OutDir: shared, Shard: Shard{K: k, N: 3}})
		own := filepath.Join(dir, "part", string(rune('0'+k)))
		apart = append(apart, own)
		run(t, p, Options{OutDir: own, Shard: Shard{K: k, N: 3}})
	}

	rep := run(t, p, Options{OutDir: shared, Gather: []string{shared}})
	if s := rep.Summary; s.Gathered != len(p.Outputs) || s.Made != 0 || len(rep.Failures()) > 0 {
		t.Fatalf("gathered into the parts' folder: %+v, failures %v", s, rep.Failures())
	}
	sameTree(t, single, shared)

	joined := filepath.Join(dir, "joined")
	rep = run(t, p, Options{OutDir: joined, Gather: apart})
	if s := rep.Summary; s.Gathered != len(p.Outputs) || len(rep.Sets) != 2 || rep.Sets[1].Pack == nil || rep.Sets[1].Pack.Status != Made {
		t.Fatalf("gathered from three folders: %+v, sets %+v", s, rep.Sets)
	}
	sameTree(t, single, joined)
	// The parts' own folders are as they were: their manifests stay.
	if _, err := os.Stat(filepath.Join(apart[0], manifest.ShardFileName(1, 3))); err != nil {
		t.Error(err)
	}
}

// TestGatherRefuses: a part missing, given twice, of another build or
// with a file not as recorded is refused with what is wrong and what to
// do, and nothing is written.
func TestGatherRefuses(t *testing.T) {
	t.Parallel()
	dir, p := gatherSetup(t)
	var parts []string
	for k := 1; k <= 3; k++ {
		own := filepath.Join(dir, "part", string(rune('0'+k)))
		parts = append(parts, own)
		run(t, p, Options{OutDir: own, Shard: Shard{K: k, N: 3}})
	}
	other := filepath.Join(dir, "other")
	run(t, p, Options{OutDir: other, Shard: Shard{K: 1, N: 2}})
	twice := filepath.Join(dir, "twice")
	copyTree(t, parts[1], twice)
	edited := filepath.Join(dir, "edited")
	copyTree(t, parts[1], edited) // part 2 makes hope-centre/youth-md-fr.md, the 8th output
	if err := os.WriteFile(filepath.Join(edited, "hope-centre", "youth-md-fr.md"), []byte("# not the page\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(dir, "damaged")
	copyTree(t, parts[2], damaged)
	if err := os.WriteFile(filepath.Join(damaged, "manifest.shard-3-of-3.json"), []byte("{\"broken\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A part's manifest that names a further file out of the folders,
	// there to be copied (it was, beside the output folder), and a part
	// whose file is a link to a copy of it elsewhere.
	escaping := filepath.Join(dir, "escaping")
	copyTree(t, parts[1], escaping)
	outside := []byte("not a file of the build\n")
	if err := os.WriteFile(filepath.Join(dir, "escaped.txt"), outside, 0o644); err != nil {
		t.Fatal(err)
	}
	editManifest(t, filepath.Join(escaping, "manifest.shard-2-of-3.json"), func(m map[string]any) {
		first := m["outputs"].([]any)[0].(map[string]any)
		first["also"] = []any{map[string]any{"file": "../escaped.txt", "sha256": manifest.Sum(outside), "bytes": len(outside)}}
	})
	linked := filepath.Join(dir, "linked")
	copyTree(t, parts[1], linked)
	md := filepath.Join(linked, "hope-centre", "youth-md-fr.md")
	if err := os.Rename(md, filepath.Join(dir, "youth-md-fr.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "youth-md-fr.md"), md); err != nil {
		t.Fatal(err)
	}
	otherPlan, err := plan.Parse(testEngine(t), filepath.Join(dir, "plan.yaml"), []byte(strings.Replace(gatherPlan, "copies: 2", "copies: 2, paper: a4", 1)), plan.Project{})
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		p      *plan.Plan
		gather []string
		want   []string
	}{
		{"a part missing", p, parts[:2], []string{"part 3 of 3 is missing: no manifest.shard-3-of-3.json in", "--shard 3/3"}},
		{"a part twice", p, slices.Concat(parts, []string{twice}), []string{"part 2 of 3 is in both", "give each part once"}},
		{"a part of another build", p, slices.Concat(parts, []string{other}), []string{"is part 1 of a build in 2 parts", "gather the parts of one build"}},
		{"a file edited", p, []string{parts[0], edited, parts[2]}, []string{"hope-centre/youth-md-fr.md in", "is not the file part 2 of 3 recorded: file differs from the manifest"}},
		{"other settings", otherPlan, parts, []string{"from other inputs (paper)", "make the parts again"}},
		{"a folder with no parts", p, []string{dir}, []string{"has no shard manifest", "--shard K/N"}},
		{"a folder that is not there", p, slices.Concat(parts, []string{filepath.Join(dir, "nope")}), []string{"nope does not exist; give the folders the parts were made in (the --out of each --shard build)"}},
		{"a file for a folder", p, slices.Concat(parts[:2], []string{filepath.Join(parts[2], "manifest.shard-3-of-3.json")}), []string{"manifest.shard-3-of-3.json is not a folder; give the folders"}},
		{"a further file out of the folder", p, []string{parts[0], escaping, parts[2]}, []string{"manifest.shard-2-of-3.json lists ../escaped.txt with", "which is not a file part 2 of 3 makes beside it; make that part again with --shard 2/3"}},
		{"a file that is a link", p, []string{parts[0], linked, parts[2]}, []string{"hope-centre/youth-md-fr.md in", "is a link or no file, not the file part 2 of 3 made"}},
		{"a damaged manifest", p, []string{parts[0], parts[1], damaged}, []string{"manifest.shard-3-of-3.json is damaged: it is not a manifest as awarekit writes one; make part 3 again with awarekit build plan.yaml --shard 3/3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, err := Run(context.Background(), testEngine(t), tt.p, Options{OutDir: out, Jobs: 2, Gather: tt.gather})
			if _, err := os.Stat(filepath.Join(filepath.Dir(out), "escaped.txt")); err == nil {
				t.Error("a file was written beside the output folder")
			}
			var ge *GatherError
			if !errors.As(err, &ge) {
				t.Fatalf("error %v, want a *GatherError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nlacks %q", err, w)
				}
			}
			if entries, _ := os.ReadDir(out); len(entries) > 2 { // the lock's note and partner folders at most
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("a refused gather wrote %v", names)
			}
			for _, f := range []string{manifest.FileName, "hope-centre/pack.pdf"} {
				if _, err := os.Stat(filepath.Join(out, f)); err == nil {
					t.Errorf("a refused gather wrote %s", f)
				}
			}
		})
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// editManifest changes a manifest file's JSON with edit.
func editManifest(t *testing.T, file string, edit func(map[string]any)) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	if data, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

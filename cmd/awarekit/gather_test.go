package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/awarekit/awarekit/toolkit/manifest"
)

// TestShardProcessesThenGather runs a plan as a Kubernetes Indexed Job
// does: four processes at once, each its part (--shard-count and
// $JOB_COMPLETION_INDEX), all into one folder; then --gather joins them.
// Every file (materials, each partner's pack and index page, the index
// of partners, and the manifest but for its file times) is the same
// bytes as a build on one machine. It runs the real binary: the parts
// are processes of their own, as pods are.
func TestShardProcessesThenGather(t *testing.T) {
	bin := binary(t)
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "partners.csv"), "name,phone,colour\nRiverside Settlement Services,604-555-0134,#7a1f5c\nHope Centre,416-555-0199,\n")
	writeFile(t, filepath.Join(work, "plan.yaml"), `event: {name: Safety evening}
organisations: partners.csv
outputs:
  - {audiences: [youth, health, business], language: en, format: flyer, copies: 5}
  - {audience: newcomers, language: pa, format: flyer}
  - {audience: youth, language: fr, format: md}
`)
	const parts = 4
	var wg sync.WaitGroup
	errs := make([]error, parts)
	logs := make([]bytes.Buffer, parts)
	for k := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, "build", "plan.yaml", "--out", "shared", "--shard-count", fmt.Sprint(parts), "--jobs", "1", "-q")
			cmd.Dir = work
			cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(work, ".config"), fmt.Sprintf("%s=%d", shardIndexEnv, k))
			cmd.Stderr = &logs[k]
			errs[k] = cmd.Run()
		}()
	}
	wg.Wait()
	for k, err := range errs {
		if err != nil {
			t.Fatalf("part %d: %v\n%s", k+1, err, logs[k].String())
		}
	}
	r := runCLI(t, work, "build", "plan.yaml", "--out", "shared", "--gather", "shared")
	if r.code != 0 || !strings.Contains(r.stderr, "10 gathered from shared") {
		t.Fatalf("gather: exit %d\n%s", r.code, r.stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(work, "shared", "manifest.shard-*")); len(left) > 0 {
		t.Errorf("the parts' manifests are left after the gather: %v", left)
	}
	if r := runCLI(t, work, "build", "plan.yaml", "--out", "single", "-q"); r.code != 0 {
		t.Fatalf("one machine: exit %d\n%s", r.code, r.stderr)
	}

	times := regexp.MustCompile(`"mtime_ns": \d+`)
	single, shared := filepath.Join(work, "single"), filepath.Join(work, "shared")
	compared := 0
	err := filepath.WalkDir(single, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		rel, _ := filepath.Rel(single, path)
		a, _ := os.ReadFile(path)
		b, err := os.ReadFile(filepath.Join(shared, rel))
		if err != nil {
			return err
		}
		if d.Name() == manifest.FileName {
			a, b = times.ReplaceAll(a, nil), times.ReplaceAll(b, nil)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: gathered from four processes, it differs from a build on one machine", rel)
		}
		compared++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// 10 materials, 2 packs, 3 index pages, the manifest.
	if compared != 16 {
		t.Errorf("%d files compared, want 16", compared)
	}
}

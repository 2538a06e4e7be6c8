package batch

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/pack"
)

// packLink is how index.html links the pack.
const packLink = `<a href="pack.pdf">pack.pdf</a>`

// TestIndexAndManifestAhead: when the pack's last material is the
// build's last output, index.html and manifest.json are written while the
// pack is finished, and come out as the ones written after it: the index
// links the pack, and writing both again the old way, once the build is
// done, gives the same bytes. Run it with -race.
func TestIndexAndManifestAhead(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	p := writePlan(t, dir, fourFlyers)
	rep, err := Run(context.Background(), testEngine(t), p, Options{OutDir: out, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	b := rep.b
	if b.ahead == nil {
		t.Fatal("the index page and the manifest were not written ahead")
	}
	if rep.Pack == nil || rep.Pack.Entry == nil || rep.Index == nil || rep.Index.Status != Made {
		t.Fatalf("pack %+v, index %+v", rep.Pack, rep.Index)
	}
	m := checkDisk(t, out, manifest.FileName)
	if m.Pack == nil || m.Index == nil || len(m.Outputs) != 4 {
		t.Fatalf("manifest: pack %v, index %v, %d outputs", m.Pack, m.Index, len(m.Outputs))
	}
	index, err := os.ReadFile(filepath.Join(out, pack.IndexName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(index, []byte(packLink)) {
		t.Error("index.html does not link pack.pdf")
	}
	// The old way: after the pack, from the results as they are now.
	if res := b.index(b.sets[0]); res.Status != Unchanged {
		t.Errorf("index.html written again after the pack: %s (%s); want the same bytes", res.Status, res.Reason)
	}
	before, err := os.ReadFile(filepath.Join(out, manifest.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.writeManifest(nil, nil); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(filepath.Join(out, manifest.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("manifest.json written after the pack differs from the one written ahead:\n%s\n---\n%s", before, after)
	}
}

// TestIndexAheadPackFails: the index page written ahead links the pack;
// when the pack then fails, that page is thrown away and written again
// without the link, and the manifest lists no pack.
func TestIndexAheadPackFails(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	p := writePlan(t, dir, fourFlyers)
	failed := errors.New("the cover sheet failed")
	rep, err := Run(context.Background(), testEngine(t), p, Options{OutDir: out, Jobs: 2, beforePack: func() error { return failed }})
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	if rep.b.ahead == nil {
		t.Fatal("the index page and the manifest were not written ahead")
	}
	if rep.Pack == nil || rep.Pack.Status != Failed || !errors.Is(rep.Pack.Err, failed) {
		t.Fatalf("pack %+v; want it failed", rep.Pack)
	}
	if _, err := os.Stat(filepath.Join(out, pack.FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("pack.pdf: %v; want none", err)
	}
	m := checkDisk(t, out, manifest.FileName)
	if m.Pack != nil || m.Index == nil || len(m.Outputs) != 4 {
		t.Fatalf("manifest: pack %v, index %v, %d outputs", m.Pack, m.Index, len(m.Outputs))
	}
	index, err := os.ReadFile(filepath.Join(out, pack.IndexName))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(index, []byte(packLink)) {
		t.Error("index.html links pack.pdf, which was not made")
	}
}

// TestIndexAheadStopped: a build stopped while its pack is finished
// leaves no pack and no index page (neither is half made), and a
// manifest of the outputs on disk.
func TestIndexAheadStopped(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	p := writePlan(t, dir, fourFlyers)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rep, err := Run(ctx, testEngine(t), p, Options{OutDir: out, Jobs: 2, beforePack: func() error { cancel(); return nil }})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("error %v, want ErrInterrupted", err)
	}
	defer rep.Close()
	if rep.b.ahead == nil {
		t.Fatal("the index page and the manifest were not written ahead")
	}
	if rep.Pack == nil || rep.Pack.Status != Skipped || rep.Index != nil {
		t.Fatalf("pack %+v, index %+v", rep.Pack, rep.Index)
	}
	for _, name := range []string{pack.FileName, pack.IndexName} {
		if _, err := os.Stat(filepath.Join(out, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: %v; want none", name, err)
		}
	}
	m := checkDisk(t, out, manifest.FileName)
	if m.Pack != nil || m.Index != nil || len(m.Outputs) != 4 {
		t.Fatalf("manifest: pack %v, index %v, %d outputs", m.Pack, m.Index, len(m.Outputs))
	}
}

// TestManifestAheadAbandoned: a manifest begun ahead whose build never
// finishes (a panic) is not put in place, and the manifest of an
// earlier build is left as it was.
func TestManifestAheadAbandoned(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	p := writePlan(t, dir, fourFlyers)
	run(t, p, Options{})
	old, err := os.ReadFile(filepath.Join(out, manifest.FileName))
	if err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if v := recover(); v == nil || !strings.Contains(v.(error).Error(), "boom") {
				t.Errorf("recovered %v; want the panic", v)
			}
		}()
		Run(context.Background(), testEngine(t), p, Options{OutDir: out, Jobs: 2, Force: true, beforePack: func() error { panic(errors.New("boom")) }})
	}()
	now, err := os.ReadFile(filepath.Join(out, manifest.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(old, now) {
		t.Error("manifest.json changed by a build that panicked")
	}
	// (The pack's temporary files, from before the panic, are the next
	// build's to clean up, as they were.)
	for _, name := range []string{manifest.FileName, pack.IndexName} {
		tmps, _ := filepath.Glob(filepath.Join(out, "."+name+".*"))
		if len(tmps) > 0 {
			t.Errorf("temporary files left: %v", tmps)
		}
	}
}

package batch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/pack"
	"github.com/awarekit/awarekit/toolkit/plan"
)

const fourFlyers = "outputs:\n  - audiences: [youth, health]\n    languages: [en, fr]\n    format: flyer\n"

// TestPanicIsAFailedOutput: a panic while making one output is that
// output's failure, reported with its name; the others are made and the
// manifest matches the folder. On main the panic killed the build.
func TestPanicIsAFailedOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	p := writePlan(t, dir, fourFlyers)
	rep, err := Run(context.Background(), testEngine(t), p, Options{OutDir: out, Jobs: 2, beforeMake: func(o plan.Output) {
		if o.Name == "health-flyer-fr.pdf" {
			panic(errors.New("boom"))
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	fails := rep.Failures()
	if len(fails) != 1 || fails[0].Name != "health-flyer-fr.pdf" || !strings.Contains(fails[0].Reason, "internal error while making health-flyer-fr.pdf") {
		t.Fatalf("failures %+v", fails)
	}
	var perr *PanicError
	if !errors.As(fails[0].Err, &perr) || !strings.Contains(string(perr.Stack), "fault_test.go") {
		t.Errorf("the failure does not carry the panic's stack: %v", fails[0].Err)
	}
	if s := rep.Summary; s.Made != 3 || s.Failed != 1 || s.Total != 4 {
		t.Errorf("summary %+v", s)
	}
	if m := checkDisk(t, out, manifest.FileName); len(m.Outputs) != 3 {
		t.Errorf("manifest lists %d outputs, want the 3 made", len(m.Outputs))
	}
}

// errFull is what a full disk says.
var errFull = fmt.Errorf("write: %w", syscall.ENOSPC)

// TestWriteFails: outputs whose write fails are counted as failed and
// left out of the manifest; when manifest.json itself cannot be written,
// the summary still counts what was made, the error says so, and the old
// manifest, which no longer matches the files, is gone.
func TestWriteFails(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	p := writePlan(t, dir, fourFlyers)
	failing := func(names ...string) func(string, func(io.Writer) error) error {
		return func(path string, fill func(io.Writer) error) error {
			for _, n := range names {
				if filepath.Base(path) == n {
					return errFull
				}
			}
			return output.WriteStream(path, fill)
		}
	}

	rep := run(t, p, Options{write: failing("youth-flyer-fr.pdf", pack.IndexName)})
	if s := rep.Summary; s.Made != 3 || s.Failed != 1 {
		t.Errorf("summary %+v, want 3 made and 1 failed", s)
	}
	if len(rep.Failures()) != 2 || rep.Index == nil || rep.Index.Status != Failed {
		t.Errorf("failures %+v; want the flyer and index.html", rep.Failures())
	}
	if m := checkDisk(t, out, manifest.FileName); len(m.Outputs) != 3 || m.Index != nil {
		t.Errorf("manifest lists %d outputs and index %v", len(m.Outputs), m.Index)
	}

	// Everything is made again, but manifest.json cannot be written.
	rep, err := Run(context.Background(), testEngine(t), p, Options{OutDir: out, Jobs: 2, Force: true, write: failing(manifest.FileName)})
	if err == nil || !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "no manifest") {
		t.Fatalf("error %v, want the manifest's write error", err)
	}
	if rep == nil || rep.Summary.Made != 4 || rep.Summary.Failed != 0 || rep.Summary.Total != 4 {
		t.Fatalf("report %+v, want 4 made counted", rep)
	}
	if _, err := os.Stat(filepath.Join(out, manifest.FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old manifest is still there, listing files this build replaced: %v", err)
	}
	if tmps, _ := filepath.Glob(filepath.Join(out, ".*")); len(tmps) > 0 {
		t.Errorf("files left: %v", tmps)
	}

	// With room again, the next build checks every file and writes it.
	rep = run(t, p, Options{})
	if s := rep.Summary; s.Made != 4 || s.Failed != 0 {
		t.Errorf("the build after: %+v", s)
	}
	checkDisk(t, out, manifest.FileName)
}

// TestFullDisk builds onto a real, tiny file system that fills up (a
// tmpfs; needs root and a kernel that lets it mount one). Whatever fits
// is made and listed, whatever does not is failed, and the manifest, if
// there was room for it, matches the folder.
func TestFullDisk(t *testing.T) {
	mnt := t.TempDir()
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", mnt).Run(); err != nil {
		t.Skip("cannot mount a tmpfs here (needs root):", err)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	dir := t.TempDir()
	p := writePlan(t, dir, "outputs:\n  - audiences: [youth, health, business, newcomers, indigenous]\n    languages: [en, fr]\n    format: flyer\n")
	rep, err := Run(context.Background(), testEngine(t), p, Options{OutDir: mnt, Jobs: 2})
	if rep == nil {
		t.Fatalf("no report: %v", err)
	}
	defer rep.Close() // before the file system is unmounted
	s := rep.Summary
	t.Logf("%d made, %d failed; error %v", s.Made, s.Failed, err)
	if s.Made == 0 || s.Failed == 0 || s.Made+s.Failed != 10 {
		t.Fatalf("summary %+v: want some made and some failed on a 160 KiB disk", s)
	}
	for r := range rep.Results() {
		if r.Status == Failed && !strings.Contains(r.Reason, "no space left") {
			t.Errorf("%s failed with %q, want the disk named as full", r.Name, r.Reason)
		}
	}
	pdfs, _ := filepath.Glob(filepath.Join(mnt, "*.pdf"))
	if len(pdfs) != s.Made {
		t.Errorf("%d PDFs on disk, %d counted as made", len(pdfs), s.Made)
	}
	if err != nil {
		if _, serr := os.Stat(filepath.Join(mnt, manifest.FileName)); !errors.Is(serr, os.ErrNotExist) {
			t.Errorf("the manifest could not be written (%v) but one is there", err)
		}
		return
	}
	if m := checkDisk(t, mnt, manifest.FileName); len(m.Outputs) != s.Made {
		t.Errorf("manifest lists %d, %d made", len(m.Outputs), s.Made)
	}
}

// TestLock: a second build into a folder another build holds is refused
// at once, naming the holder; a note left by a build that died does not
// block.
func TestLock(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	p := writePlan(t, dir, "outputs: [{audience: youth, language: en, format: flyer}]\n")
	unlock, err := lockDir(out, "first.yaml", Shard{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), testEngine(t), p, Options{OutDir: out})
	var busy *BusyError
	if !errors.As(err, &busy) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) || !strings.Contains(err.Error(), "first.yaml") {
		t.Fatalf("error %v, want busy naming this process and first.yaml", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Errorf("the refused build wrote into the folder: %v", entries)
	}
	unlock()
	// A note whose build was killed (kill -9 leaves it) is only a note.
	if err := os.WriteFile(filepath.Join(out, noteName(Shard{})), []byte("pid 999999 on elsewhere, plan old.yaml, started 2026-01-01 00:00:00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := run(t, p, Options{OutDir: out})
	if rep.Summary.Made != 1 {
		t.Errorf("summary %+v", rep.Summary)
	}
	checkDisk(t, out, manifest.FileName)
}

// TestLockShards: the shards of a build may run into one folder at once
// (a CI job per shard, a Kubernetes Indexed Job on a shared volume); the
// same shard twice, or a whole build beside a shard, may not.
func TestLockShards(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	p := writePlan(t, dir, fourFlyers)
	unlock, err := lockDir(out, "plan.yaml", Shard{K: 1, N: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	rep := run(t, p, Options{OutDir: out, Shard: Shard{K: 2, N: 2}})
	if rep.Summary.Made != 2 {
		t.Errorf("shard 2/2 beside shard 1/2: %+v", rep.Summary)
	}
	for _, s := range []Shard{{K: 1, N: 2}, {}} {
		_, err := Run(context.Background(), testEngine(t), p, Options{OutDir: out, Shard: s})
		var busy *BusyError
		if !errors.As(err, &busy) || !strings.Contains(err.Error(), "plan plan.yaml") {
			t.Errorf("shard %v beside shard 1/2: %v, want busy naming the holder", s, err)
		}
	}
}

// TestLockHeldByAnotherProcess: the lock holds between processes, and a
// holder killed with SIGKILL releases it with no cleanup of its own.
func TestLockHeldByAnotherProcess(t *testing.T) {
	if os.Getenv("AWAREKIT_TEST_HOLD_LOCK") != "" {
		return // the helper's copy of this test; see TestMain
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	p := writePlan(t, dir, "outputs: [{audience: youth, language: en, format: flyer}]\n")
	holder := exec.Command(os.Args[0], "-test.run=^$")
	holder.Env = append(os.Environ(), "AWAREKIT_TEST_HOLD_LOCK="+out)
	stdout, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { holder.Process.Kill(); holder.Wait() })
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || !strings.HasPrefix(line, "locked") {
		t.Fatalf("the helper said %q, %v", line, err)
	}
	_, err = Run(context.Background(), testEngine(t), p, Options{OutDir: out})
	if !strings.Contains(fmt.Sprint(err), fmt.Sprintf("in use by another build (pid %d ", holder.Process.Pid)) {
		t.Fatalf("error %v, want busy naming pid %d", err, holder.Process.Pid)
	}
	if err := holder.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	holder.Wait()
	if rep := run(t, p, Options{OutDir: out}); rep.Summary.Made != 1 {
		t.Errorf("after the holder was killed: %+v", rep.Summary)
	}
}

// holdLock is the helper process of TestLockHeldByAnotherProcess: it
// takes the lock, says so, and waits to be killed.
func holdLock(dir string) {
	if _, err := lockDir(dir, "held.yaml", Shard{}); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("locked")
	select {}
}

func TestMain(m *testing.M) {
	if dir := os.Getenv("AWAREKIT_TEST_HOLD_LOCK"); dir != "" {
		holdLock(dir)
	}
	os.Exit(m.Run())
}

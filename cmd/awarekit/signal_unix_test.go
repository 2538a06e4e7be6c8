//go:build unix

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readyEnv names, for the binary a test starts, a file to write once the
// plan is read and before it is checked; the binary then waits there for
// the signal the test sends.
const readyEnv = "AKTEST_READY_BEFORE_CHECK"

func init() {
	ready := os.Getenv(readyEnv)
	if ready == "" {
		return
	}
	beforeCheck = func(ctx context.Context) {
		if err := os.WriteFile(ready, nil, 0o644); err != nil {
			panic(err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Minute):
		}
	}
}

// TestBuildSignalDuringPlanCheck: a SIGTERM (or Ctrl-C) while the plan is
// checked stops the build with exit 130 before anything is written. It
// was caught only once the workers started: the signal killed the
// program (exit 143), with no word of what was left.
func TestBuildSignalDuringPlanCheck(t *testing.T) {
	bin := binary(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if a, err1 := os.Stat(self); err1 == nil {
		if b, err2 := os.Stat(bin); err2 != nil || !os.SameFile(a, b) {
			t.Skip("the program was built apart from the tests; it has no hook to wait at")
		}
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			work := t.TempDir()
			writeFile(t, filepath.Join(work, "plan.yaml"), "outputs:\n  - {audiences: [youth, health], languages: [en, fr], format: flyer}\n")
			ready := filepath.Join(work, "ready")
			cmd := exec.Command(bin, "build", "plan.yaml", "--jobs", "1")
			cmd.Dir = work
			cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(work, ".config"), readyEnv+"="+ready)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
				if _, err := os.Stat(ready); err == nil {
					break
				}
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != exitInterrupt {
				t.Fatalf("exit %v (%d), want %d\n%s", err, code, exitInterrupt, stderr.String())
			}
			if want := "awarekit: interrupted before any material was made; nothing was written"; !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr:\n%s\nwant %q", stderr.String(), want)
			}
			var files []string
			filepath.WalkDir(filepath.Join(work, "out"), func(path string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					files = append(files, path)
				}
				return nil
			})
			if len(files) > 0 {
				t.Errorf("an interrupted plan check left %d files: %v", len(files), files)
			}
		})
	}
}

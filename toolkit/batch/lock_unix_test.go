//go:build unix

package batch

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestLockLetGoAtOnce: a lock another copy of the folder's descriptor
// holds for a moment (the copy a process starting another program has
// until the program starts) is waited for, not reported as a build in
// the way: the package's tests, run in parallel, saw TestIncremental's
// next step told "in use by another build".
func TestLockLetGoAtOnce(t *testing.T) {
	const moment = 50 * time.Millisecond
	out := filepath.Join(t.TempDir(), "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	copyHeld, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(copyHeld.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(moment)
		copyHeld.Close()
	}()
	unlock, err := lockDir(out, "plan.yaml", Shard{})
	if err != nil {
		t.Fatalf("a lock let go after %v: %v", moment, err)
	}
	unlock()
}

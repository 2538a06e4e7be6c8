//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// mkfifo makes a named pipe at path, for the tests that check a pipe is
// refused rather than read (which would hang).
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }

// mknull makes a character device like /dev/null at path (only root
// can), for the tests that check a device is never written over: a test
// must not name the real /dev/null, which the old code replaced.
func mknull(path string) error { return syscall.Mknod(path, syscall.S_IFCHR|0o644, 1<<8|3) }

// processGone reports that no process has the id pid (kill with signal
// 0 finds none): a folder named for it was left by a run that ended.
func processGone(pid int) bool { return syscall.Kill(pid, 0) == syscall.ESRCH }

// TestLeftBinDirsRemoved: the link folder of a test process that was
// killed is removed by the next run; one whose process still runs, or
// with no process id in its name, is kept.
func TestLeftBinDirsRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	done := exec.Command("true")
	if err := done.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	gone := filepath.Join(tmp, fmt.Sprintf("%s%d-123", binDirPrefix, done.Process.Pid))
	live := filepath.Join(tmp, fmt.Sprintf("%s%d-456", binDirPrefix, os.Getppid()))
	old := filepath.Join(tmp, binDirPrefix+"69960640")
	for _, dir := range []string{gone, live, old} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("/nowhere", filepath.Join(dir, binName)); err != nil {
			t.Fatal(err)
		}
	}
	removeLeftBinDirs()
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Errorf("%s (process %d ended) is still there: %v", gone, done.Process.Pid, err)
	}
	for _, dir := range []string{live, old} {
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("%s removed: %v", dir, err)
		}
	}
}

//go:build unix

package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockDir takes the output folder for this build, or fails at once with
// a *BusyError naming the build that has it. The lock is flock(2) on the
// folder itself: the kernel drops it when the process ends, however it
// ends, so a stale lock never blocks a build.
func lockDir(dir, planFile string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("lock output folder %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &BusyError{Dir: dir, Holder: readNote(dir)}
		}
		return nil, fmt.Errorf("lock output folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, lockName)
	// The note only helps a second build say who is busy; failing to
	// write it (a full disk) must not stop this one.
	_ = os.WriteFile(path, note(planFile), 0o644)
	return func() {
		os.Remove(path)
		f.Close() // releases the lock
	}, nil
}

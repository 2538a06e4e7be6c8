//go:build unix

package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// lockDir takes the output folder for this build, or fails at once with
// a *BusyError naming the build that has it. The lock is flock(2) on the
// folder itself, exclusive for a whole build and shared for a shard (the
// shards of a build write different files and may run together), and
// each shard also locks its own note, so one shard cannot run twice at
// once. The kernel drops the locks when the process ends, however it
// ends, so a stale lock never blocks a build.
func lockDir(dir, planFile string, s Shard) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("lock output folder %s: %w", dir, err)
	}
	how := syscall.LOCK_EX
	if s.Active() {
		how = syscall.LOCK_SH
	}
	if err := flock(f, how); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &BusyError{Dir: dir, Holder: anyNote(dir)}
		}
		return nil, fmt.Errorf("lock output folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, noteName(s))
	var own *os.File
	if s.Active() {
		if own, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644); err != nil {
			f.Close()
			return nil, fmt.Errorf("lock output folder %s: %w", dir, err)
		}
		if err := flock(own, syscall.LOCK_EX); err != nil {
			own.Close()
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, &BusyError{Dir: dir, Holder: readNote(path)}
			}
			return nil, fmt.Errorf("lock output folder %s: %w", dir, err)
		}
	}
	// The note only helps another build say who is busy; failing to write
	// it (a full disk) must not stop this one.
	if own != nil {
		_ = own.Truncate(0)
		_, _ = own.WriteAt(note(planFile), 0)
	} else {
		_ = os.WriteFile(path, note(planFile), 0o644)
	}
	return func() {
		os.Remove(path)
		if own != nil {
			own.Close()
		}
		f.Close() // releases the lock
	}, nil
}

// lockGrace is how long flock waits for a lock that is let go at once.
// A lock is held by every copy of the descriptor that took it, and a
// process starting another program (a browser, a PDF checker, serve's
// next build) copies every descriptor until the program starts and the
// copies close (close-on-exec): a build that ended just then left the
// lock held for that moment, and the next build in the folder was told
// the folder was "in use by another build". Seen in the package's tests
// run in parallel (TestIncremental, 2026-12-07). A real build holds the
// lock for as long as it runs, far longer.
const lockGrace = 300 * time.Millisecond

// flock takes lock how on f, waiting at most lockGrace for it.
func flock(f *os.File, how int) error {
	deadline := time.Now().Add(lockGrace)
	for wait := time.Millisecond; ; wait = min(2*wait, 20*time.Millisecond) {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(wait)
	}
}

//go:build !unix

package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/awarekit/awarekit/toolkit/output"
)

// lockDir takes the output folder for this build, or fails at once with
// a *BusyError naming the build that has it. Without flock(2) the lock is
// the note file itself, created exclusively; a note whose process is gone
// is stale and taken over. A whole build refuses to start beside any
// other note; a shard only beside a whole build or the same shard.
func lockDir(dir, planFile string, s Shard) (unlock func(), err error) {
	paths, _ := output.Matching(dir, notePattern)
	for _, p := range paths {
		if s.Active() && filepath.Base(p) != noteName(Shard{}) {
			continue // another shard's: shards run together
		}
		if holder := readNote(p); live(holder) {
			return nil, &BusyError{Dir: dir, Holder: holder}
		}
		os.Remove(p) // its build died: the lock is stale
	}
	path := filepath.Join(dir, noteName(s))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, &BusyError{Dir: dir, Holder: readNote(path)}
	}
	if err != nil {
		return nil, fmt.Errorf("lock output folder %s: %w", dir, err)
	}
	_, werr := f.Write(note(planFile))
	f.Close()
	if werr != nil {
		os.Remove(path)
		return nil, fmt.Errorf("lock output folder %s: %w", dir, werr)
	}
	return func() { os.Remove(path) }, nil
}

// live reports whether the process a note names still runs. On Windows
// FindProcess opens the process and fails when there is none.
func live(holder string) bool {
	f := strings.Fields(holder)
	if len(f) < 2 || f[0] != "pid" {
		return true // unreadable: be safe
	}
	pid, err := strconv.Atoi(f[1])
	if err != nil || pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

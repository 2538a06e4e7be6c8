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
)

// lockDir takes the output folder for this build, or fails at once with
// a *BusyError naming the build that has it. Without flock(2) the lock is
// the note file itself, created exclusively; a note whose process is gone
// is stale and taken over.
func lockDir(dir, planFile string) (unlock func(), err error) {
	path := filepath.Join(dir, lockName)
	for range 2 {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.Write(note(planFile))
			f.Close()
			if werr != nil {
				os.Remove(path)
				return nil, fmt.Errorf("lock output folder %s: %w", dir, werr)
			}
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("lock output folder %s: %w", dir, err)
		}
		holder := readNote(dir)
		if pid := notePID(holder); pid > 0 && pid != os.Getpid() && !alive(pid) {
			os.Remove(path) // its build died: the lock is stale
			continue
		}
		return nil, &BusyError{Dir: dir, Holder: holder}
	}
	return nil, &BusyError{Dir: dir, Holder: readNote(dir)}
}

// alive reports whether a process with pid runs. On Windows FindProcess
// opens the process and fails when there is none.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

// notePID is the process ID a note names, or 0.
func notePID(s string) int {
	f := strings.Fields(s)
	if len(f) < 2 || f[0] != "pid" {
		return 0
	}
	pid, _ := strconv.Atoi(f[1])
	return pid
}

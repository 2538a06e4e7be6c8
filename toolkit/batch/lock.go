package batch

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/awarekit/awarekit/toolkit/output"
)

// noteName is the file in the output folder that says which build holds
// it: a whole build, or shard s. The lock itself is on the folder (see
// lock_unix.go), so a build that died leaves no lock behind, only its
// note, which the next build overwrites. Shards of one build write
// different files and may run at once; a whole build may not run beside
// anything.
func noteName(s Shard) string {
	if !s.Active() {
		return ".awarekit-build.lock"
	}
	return fmt.Sprintf(".awarekit-build-%d-of-%d.lock", s.K, s.N)
}

// notePattern matches every build's note.
const notePattern = ".awarekit-build*.lock"

// BusyError is a build refused because another build is writing into
// the same output folder.
type BusyError struct {
	Dir    string
	Holder string // who holds it, as its note says; "" when unknown
}

func (e *BusyError) Error() string {
	who := "another build"
	if e.Holder != "" {
		who = "another build (" + e.Holder + ")"
	}
	return fmt.Sprintf("output folder %s is in use by %s; wait for it to finish, or build into another folder with --out", e.Dir, who)
}

// note is what a lock's file says: the process, the plan and when.
func note(planFile string) []byte {
	host, _ := os.Hostname()
	return fmt.Appendf(nil, "pid %d on %s, plan %s, started %s\n", os.Getpid(), host, planFile, time.Now().Format("2006-01-02 15:04:05"))
}

// readNote reads a holder's note at path, for the message; "" when
// there is none.
func readNote(path string) string {
	data, err := os.ReadFile(path)
	if err != nil || len(data) > 512 {
		return ""
	}
	return strings.TrimSpace(string(data))
}

// anyNote reads the first note in dir that says something.
func anyNote(dir string) string {
	paths, _ := output.Matching(dir, notePattern)
	for _, p := range paths {
		if n := readNote(p); n != "" {
			return n
		}
	}
	return ""
}

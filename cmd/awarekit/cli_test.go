package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/generate"
)

// result is what a run of the command line gave: its exit code and what
// it wrote to stdout and stderr.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command line in-process, exactly as main does (flags,
// settings, the command's run function, exit code), in folder dir and
// with an empty user config folder.
func runCLI(t *testing.T, dir string, args ...string) result {
	t.Helper()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, ".config"))
	var out, errOut bytes.Buffer
	code := run(args, &IOStreams{Out: &out, ErrOut: &errOut})
	return result{code, out.String(), errOut.String()}
}

// embeddedContent is the embedded content, loaded once for the whole
// package run: the library every command without a content folder
// shares (sharedContent), and the one the tests read what a page should
// say from (embedded).
var embeddedContent = sync.OnceValues(generate.Content)

// embedded gives the embedded content as the commands of this process
// share it: read only, loaded once, not again for each test (a load is
// about a quarter of a CPU-second).
func embedded(t *testing.T) *content.Library {
	t.Helper()
	lib, err := embeddedContent()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// ownContent makes the commands t runs load the content each for
// itself, as the program does, rather than share the test process's
// (sharedContent): for a test of what a command loads.
func ownContent(t *testing.T) {
	shared := sharedContent
	sharedContent = nil
	t.Cleanup(func() { sharedContent = shared })
}

// full reports whether exhaustive sweeps run: every audience × language
// × format × paper. CI sets AWAREKIT_FULL=1; a developer's `go test
// ./...` checks a sample that still covers every audience, language and
// format at least once.
func full() bool { return os.Getenv("AWAREKIT_FULL") == "1" }

// sweep marks a test that makes many files and reads each with outside
// tools: go test -short skips it, for a quick loop.
func sweep(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("a sweep of many files; run without -short")
	}
}

var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

// binName is the name the test binary answers to as awarekit itself:
// started under it (a link to the test binary), TestMain runs main.
const binName = "awarekit"

// binary gives a program that is awarekit, once per package run, for the
// tests that need a separate process (signals, shards): a link named
// awarekit to this test binary, which then runs main exactly as the
// built program does (TestMain). It is not built again: a go build
// links a second 30 MB program, about 4 CPU-seconds of the package's
// run, for the same code.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	binOnce.Do(func() {
		self, err := os.Executable()
		if err != nil {
			binErr = err
			return
		}
		// The folder's name carries this process's id, so a later run
		// removes it if this one is killed before TestMain can.
		removeLeftBinDirs()
		if binDir, binErr = os.MkdirTemp("", fmt.Sprintf("%s%d-", binDirPrefix, os.Getpid())); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, binName)
		if runtime.GOOS == "windows" {
			binPath += ".exe"
		}
		if os.Symlink(self, binPath) == nil || os.Link(self, binPath) == nil {
			return
		}
		// No links here: build the program.
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// binDirPrefix begins the name of the folder that holds the link
// (binary): awarekit-test-PID-RANDOM.
const binDirPrefix = "awarekit-test-"

// removeLeftBinDirs removes the link folders of test processes that no
// longer run: a run that is killed (a timeout, Ctrl-C, a crash) never
// reaches TestMain's cleanup. A folder whose process still runs, or
// whose name carries no process id, is left alone.
func removeLeftBinDirs() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), binDirPrefix+"*-*"))
	for _, dir := range dirs {
		pid, _, ok := strings.Cut(strings.TrimPrefix(filepath.Base(dir), binDirPrefix), "-")
		if n, err := strconv.Atoi(pid); ok && err == nil && n > 0 && n != os.Getpid() && processGone(n) {
			os.RemoveAll(dir)
		}
	}
}

func TestMain(m *testing.M) {
	if strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe") == binName {
		main() // started by a test as awarekit (binary)
		return
	}
	// The commands run in this process share the embedded content,
	// loaded once (openEngine); TestVersionReadsNoContent, which counts
	// the loads, turns it off for itself (ownContent).
	sharedContent = embeddedContent
	// Builds run here leave the collector to GOGC (steerBuilds); the
	// binary started as awarekit (above) steers, as the program does.
	steerBuilds = false
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime/trace"
	"strings"
	"testing"
)

// A profile variable that names a folder, a device, a missing folder or
// the file another names is refused before the command runs, as a usage
// error (exit 2), naming the variable; nothing is left behind. (The
// profile was said to be unwritable on stderr, and the command ran and
// exited 0.)
func TestProfilePathsRefused(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"missing folder", map[string]string{"AWAREKIT_TRACE": filepath.Join(dir, "no", "x.trace")}, "AWAREKIT_TRACE="},
		{"a folder", map[string]string{"AWAREKIT_TRACE": dir}, "is a folder or a device"},
		{"a device", map[string]string{"AWAREKIT_CPUPROFILE": os.DevNull}, "AWAREKIT_CPUPROFILE=" + os.DevNull + " is a folder or a device"},
		{"the same file", map[string]string{"AWAREKIT_CPUPROFILE": filepath.Join(dir, "p"), "AWAREKIT_MEMPROFILE": filepath.Join(dir, "p")}, "name the same file"},
		{"the peak's file", map[string]string{"AWAREKIT_TRACE": filepath.Join(dir, "m.peak"), "AWAREKIT_MEMPROFILE": filepath.Join(dir, "m")}, "name the same file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, env := range []string{"AWAREKIT_CPUPROFILE", "AWAREKIT_MEMPROFILE", "AWAREKIT_TRACE"} {
				t.Setenv(env, tt.env[env])
			}
			stop, err := startProfiles(io.Discard)
			if err == nil {
				_ = stop()
				t.Fatal("accepted")
			}
			if !isUsage(err) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v (usage %v), want a usage error with %q", err, isUsage(err), tt.want)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) > 0 {
				t.Fatalf("left %s in the folder", entries[0].Name())
			}
		})
	}
}

// A trace is written whole where AWAREKIT_TRACE says, and a profile
// whose writes fail is removed and reported, not left half written.
func TestProfileWrittenWholeOrNot(t *testing.T) {
	if trace.IsEnabled() {
		t.Skip("the test binary is being traced")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "run.trace")
	t.Setenv("AWAREKIT_CPUPROFILE", "")
	t.Setenv("AWAREKIT_MEMPROFILE", "")
	t.Setenv("AWAREKIT_TRACE", path)
	stop, err := startProfiles(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("go 1.")) {
		t.Fatalf("the trace: %.20q, %v", data, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("%d files in the folder, want the trace alone", len(entries))
	}

	// A write that fails (a full disk): the file is not put in place.
	p, err := createProfileAt("AWAREKIT_TRACE", filepath.Join(dir, "cut.trace"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Write([]byte("go 1.26 trace")); err != nil {
		t.Fatal(err)
	}
	p.err = errors.New("no space left on device")
	err = p.finish()
	if err == nil || !strings.Contains(err.Error(), "AWAREKIT_TRACE") || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("finish = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("%d files in the folder after a failed write, want the first trace alone", len(entries))
	}
}

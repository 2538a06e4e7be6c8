package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestName(t *testing.T) {
	tests := []struct {
		name, pattern string
		want          string
	}{
		{"default", DefaultPattern, "youth-flyer-fr.pdf"},
		{"climbing out", "../../{audience}/{lang}.{ext}", "youth-fr.pdf"},
		{"spaces and slashes", "{audience} {format}/x.{ext}", "youth-flyer-x.pdf"},
		{"empty", "{nothing}", "nothing"},
		{"dots only", "..", "output"},
	}
	fields := map[string]string{"audience": "youth", "format": "flyer", "lang": "fr", "ext": "pdf"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Name(tt.pattern, fields); got != tt.want {
				t.Errorf("Name(%q) = %q, want %q", tt.pattern, got, tt.want)
			}
		})
	}
}

func TestWriteFileLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	for _, data := range []string{"first", "second, longer"} {
		if err := WriteFile(path, []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != data {
			t.Fatalf("read back %q, %v; want %q", got, err, data)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want only a.pdf", len(entries))
	}
	if st, _ := os.Stat(path); st.Mode().Perm()&0o044 == 0 {
		t.Errorf("mode %v: others cannot read the file", st.Mode())
	}
	if err := WriteFile(filepath.Join(dir, "missing", "b.pdf"), nil); err == nil {
		t.Error("writing into a missing folder gave no error")
	}
}

// TestCheckDirSaysWhatToDo holds every reason an output folder cannot be
// used to a message that names the folder and the fix, without the
// system call's wording ("mkdir …") in front of the reason.
func TestCheckDirSaysWhatToDo(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dirs := []string{file, filepath.Join(file, "sub")}
	if _, err := os.Stat("/proc/self"); err == nil {
		dirs = append(dirs, "/proc/self/out") // procfs: no such file or directory
	}
	for _, dir := range dirs {
		err := CheckDir(dir)
		if err == nil {
			t.Errorf("CheckDir(%s) = nil, want an error", dir)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, dir) || !strings.Contains(msg, "choose another") || strings.Contains(msg, "mkdir") {
			t.Errorf("CheckDir(%s) = %q, want the folder, no system call, and what to do", dir, msg)
		}
	}
}

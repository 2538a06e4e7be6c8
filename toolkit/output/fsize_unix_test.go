//go:build linux || darwin || freebsd

package output

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// fsizeChildDir names, in a child process of this test, the folder to
// write a file larger than the child's limit on file sizes into.
const fsizeChildDir = "OUTPUT_TEST_FSIZE_DIR"

// TestFileTooLargeSaysSo: a file larger than the process may write
// (ulimit -f; a FAT disk's 4 GB) is said in plain words with what to
// do, never as "write out/.pack.pdf.12160-2.tmp: file too large", and
// leaves nothing behind. The writing runs in a child process of this
// test, under a limit of 64 KB.
func TestFileTooLargeSaysSo(t *testing.T) {
	if dir := os.Getenv(fsizeChildDir); dir != "" {
		lim := syscall.Rlimit{Cur: 64 << 10, Max: 64 << 10}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
			t.Fatal(err)
		}
		err := WriteStream(filepath.Join(dir, "pack.pdf"), func(w io.Writer) error {
			_, err := w.Write(bytes.Repeat([]byte("x"), 200<<10))
			return err
		})
		if err == nil {
			t.Fatal("200 KB written under a limit of 64 KB")
		}
		os.Stderr.WriteString("ERROR: " + err.Error() + "\n")
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFileTooLargeSaysSo$")
	cmd.Env = append(os.Environ(), fsizeChildDir+"="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the child failed: %v\n%s", err, out)
	}
	msg := string(out)
	for _, want := range []string{"ERROR: cannot write " + filepath.Join(dir, "pack.pdf") + ": the file is larger than this disk or this computer's limit takes (file too large)", "nothing of it was left there", "ulimit -f", "--out"} {
		if !strings.Contains(msg, want) {
			t.Errorf("want %q in:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, ".tmp") {
		t.Errorf("names the temporary file:\n%s", msg)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left in the folder: %v", entries)
	}
}

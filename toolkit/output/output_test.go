package output

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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
		{"accents kept, spaces as one dash", "{audience} été  {lang}.{ext}", "youth-été-fr.pdf"},
		{"decomposed accents composed", "e\u0301te\u0301-{lang}.{ext}", "été-fr.pdf"},
		{"letters of other scripts", "ਪੰਜਾਬੀ_نشرة_海报-{lang}.{ext}", "ਪੰਜਾਬੀ_نشرة_海报-fr.pdf"},
		{"controls, direction marks, symbols and emoji", "a\x00b\u202ec\u200dd🌈e:f*g?.{ext}", "a-b-c-d-e-f-g-.pdf"},
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

// TestRewritten: a pattern's own words, as its file names will have them.
func TestRewritten(t *testing.T) {
	for _, tt := range []struct {
		pattern, want string
		changed       bool
	}{
		{DefaultPattern, DefaultPattern, false},
		{"Affiche_e\u0301te\u0301-{lang}.{ext}", "Affiche_été-{lang}.{ext}", false},
		{"Mes flyers {lang}.{ext}", "Mes-flyers-{lang}.{ext}", true},
		{"flyer (1) {lang}{x.{ext}", "flyer-1-{lang}-x.{ext}", true},
		{"{audience}}{ {lang}.{ext}", "{audience}-{lang}.{ext}", true},
	} {
		if got, changed := Rewritten(tt.pattern); got != tt.want || changed != tt.changed {
			t.Errorf("Rewritten(%q) = %q, %v; want %q, %v", tt.pattern, got, changed, tt.want, tt.changed)
		}
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

// TestWriteOverAFolderSaysSo: a folder where a file is to go is named
// with the fix, never with the temporary file's name and the system's
// "file exists"; nothing is left behind.
func TestWriteOverAFolderSaysSo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "youth-flyer-en.pdf")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(path, []byte("%PDF"))
	want := "cannot write " + path + ": a folder has that name; move or rename the folder, or write somewhere else with --out"
	if err == nil || err.Error() != want {
		t.Errorf("WriteFile over a folder = %v\nwant %s", err, want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries in the folder, want the folder alone", len(entries))
	}
}

// TestCheckDirSaysWhatToDo holds every reason an output folder cannot be
// used to a message that names the folder and the fix, without the
// system call's wording ("mkdir …") in front of the reason.
// TestCheckFolderNamesItsFlag: a folder given as an argument (init,
// man) or with another flag (translate export --output) is advised with
// its own way, never with a --out the command does not have.
func TestCheckFolderNamesItsFlag(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(file, "sub")
	for _, tt := range []struct{ dir, flag, want string }{
		{file, "", "cannot use " + file + " as a folder: it is a file, not a folder; choose another folder"},
		{file, "--output", "cannot use " + file + " as a folder: it is a file, not a folder; choose another folder with --output"},
		{file, "--out", "cannot use " + file + " as the output folder: it is a file, not a folder; choose another folder with --out"},
		{sub, "--out", "cannot use " + sub + " as the output folder: part of the path is a file; choose another folder with --out"},
	} {
		if err := CheckFolder(tt.dir, tt.flag); err == nil || err.Error() != tt.want {
			t.Errorf("CheckFolder(%s, %q) = %v\nwant %s", tt.dir, tt.flag, err, tt.want)
		}
	}
}

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

// TestCheckPatternRefuses holds every pattern that Name would rewrite
// into something its maker did not ask for (a file called "pdf", a path
// outside the folder turned into a name inside it, a Windows device
// name) to an error that names the pattern and the fix.
func TestCheckPatternRefuses(t *testing.T) {
	tests := []struct {
		pattern, says string
	}{
		{".{ext}", "start with a dot"},
		{".hidden-{lang}.{ext}", "start with a dot"},
		{"/tmp/x-{lang}.{ext}", `give a name only ("x-{lang}.{ext}") and choose the folder with --out`},
		{"../{audience}.{ext}", "inside the output folder"},
		{`..\{audience}.{ext}`, "inside the output folder"},
		{"flyers/{lang}.{ext}", "names a folder"},
		{`C:{lang}.{ext}`, "names a folder"},
		{"..", "names a folder"},
		{"CON.{ext}", "Windows keeps for a device (CON)"},
		{"nul", "(NUL)"},
		{"Com7.tar.{ext}", "(COM7)"},
		{"lpt1 .{ext}", "(LPT1)"},
		{"{lang}.{ext}.", "ends with a dot"},
		{"{lang}.{ext} ", "ends with a dot or a space"},
		{"  ", "empty"},
		{strings.Repeat("é", 101) + "-{lang}.{ext}", "makes names of more than 200 bytes (204 without its placeholders)"},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			err := CheckPattern(tt.pattern)
			if err == nil {
				t.Fatalf("CheckPattern(%q) = nil, want an error", tt.pattern)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("CheckPattern(%q) = %q, want it to say %q", tt.pattern, err, tt.says)
			}
		})
	}
	for _, ok := range []string{DefaultPattern, "{audience}-{lang}-{paper}.{ext}", "console-{lang}.{ext}", "com10.{ext}", "auxiliary.pdf", "a.b.{ext}"} {
		if err := CheckPattern(ok); err != nil {
			t.Errorf("CheckPattern(%q) = %v, want nil", ok, err)
		}
	}
	long := strings.Repeat("/", 20000) + ".{ext}"
	if err := CheckPattern(long); err == nil || len(err.Error()) > 400 {
		t.Errorf("a 20,000-character pattern gave %d characters of error, want under 400", len(err.Error()))
	}
}

func TestCheckName(t *testing.T) {
	for _, bad := range []string{"con.pdf", "NUL", "com3.tar.gz", "Lpt9.txt", ".pdf", "", "a.pdf.", "a.pdf ", strings.Repeat("海", 66) + ".pdf"} {
		if CheckName(bad) == nil {
			t.Errorf("CheckName(%q) = nil, want an error", bad)
		}
	}
	for _, ok := range []string{"youth-flyer-en.pdf", "conference.pdf", "com0.pdf", "lpt10.pdf", "x.con", strings.Repeat("a", 196) + ".pdf"} {
		if err := CheckName(ok); err != nil {
			t.Errorf("CheckName(%q) = %v", ok, err)
		}
	}
}

// fullDisk is a sink that takes room bytes and then fails as a full
// disk does.
type fullDisk struct {
	f    *os.File
	room int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) > d.room {
		n, _ := d.f.Write(p[:d.room])
		d.room = 0
		return n, &fs.PathError{Op: "write", Path: d.f.Name(), Err: syscall.ENOSPC}
	}
	d.room -= len(p)
	return d.f.Write(p)
}

// TestFullDiskSaysSoAndLeavesNothing: a disk that fills while a file is
// written (a large stream, or a small file when it is flushed at the
// end) gives an error that says the disk is full and what to do, and
// leaves neither a temporary file nor a half file; a file already there
// keeps its old bytes.
func TestFullDiskSaysSoAndLeavesNothing(t *testing.T) {
	old := sink
	t.Cleanup(func() { sink = old })
	sink = func(f *os.File) io.Writer { return &fullDisk{f: f, room: 1000} }

	dir := t.TempDir()
	kept := filepath.Join(dir, "kept.pdf")
	if err := os.WriteFile(kept, []byte("the earlier build"), 0o644); err != nil {
		t.Fatal(err)
	}
	writes := map[string]func(path string) error{
		"a stream of 200 KB": func(path string) error {
			return WriteStream(path, func(w io.Writer) error {
				_, err := w.Write(bytes.Repeat([]byte("x"), 200<<10))
				return err
			})
		},
		"a small file, full at the flush": func(path string) error { return WriteFile(path, bytes.Repeat([]byte("y"), 5000)) },
		"over a file already there":       func(string) error { return WriteFile(kept, bytes.Repeat([]byte("z"), 5000)) },
	}
	for name, write := range writes {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, "new.pdf")
			err := write(path)
			var de *DiskError
			if !errors.As(err, &de) || !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("err = %v, want a *DiskError that is ENOSPC", err)
			}
			msg := err.Error()
			for _, want := range []string{"cannot write ", ".pdf: the disk is full", "free some space", "--out"} {
				if !strings.Contains(msg, want) {
					t.Errorf("%q: want %q", msg, want)
				}
			}
			if strings.Contains(msg, ".tmp") || strings.Count(msg, "cannot write") != 1 {
				t.Errorf("%q: names the temporary file, or says it twice", msg)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "kept.pdf" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left in the folder: %v, want only kept.pdf", names)
	}
	if got, _ := os.ReadFile(kept); string(got) != "the earlier build" {
		t.Errorf("kept.pdf now holds %q", got)
	}

	// A read-only disk, when the output folder is checked.
	err := describe("/mnt/ro", &fs.PathError{Op: "open", Path: "/mnt/ro/.awarekit-check-1", Err: syscall.EROFS}, "--out")
	if msg := err.Error(); !strings.Contains(msg, "cannot write to folder /mnt/ro: the folder is on a disk that can only be read") || !strings.Contains(msg, "choose another folder with --out") {
		t.Errorf("read-only disk: %q", msg)
	}
}

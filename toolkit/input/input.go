// Package input reads the files people hand the program (settings,
// plans, content folders, logos, fonts) as hostile: only regular files
// are opened, never a named pipe or a device that would hang a run or
// fill its memory; each kind of file has a size limit that the message
// states; a content folder cannot be left through a symbolic link; and
// YAML aliases cannot expand a small file into a huge one.
package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// Kind is a kind of file the program reads, with the most it reads of one.
type Kind struct {
	Name  string // "settings file", "plan", "logo"…
	Limit int64  // bytes
}

// The kinds of file awarekit reads and their limits. A file over its
// limit is refused with the limit in the message: these are far above
// any real file and far below what would slow a run or exhaust memory.
var (
	Settings = Kind{"settings file", 1 << 20}
	Plan     = Kind{"plan", 4 << 20}
	Content  = Kind{"content file", 4 << 20}
	Logo     = Kind{"logo", 20 << 20}
	Font     = Kind{"font", 64 << 20}
	// Partners is a plan's organisations: file, a CSV of partner
	// organisations: 4 MB is some 30,000 rows.
	Partners = Kind{"organisations file", 4 << 20}
)

// ReadFile reads the regular file at path (a symbolic link to one is
// fine), refusing folders, named pipes, devices and files over k.Limit.
func ReadFile(k Kind, path string) ([]byte, error) {
	f, err := Open(k, path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(k, path, f)
}

// Open opens the regular file at path for reading, refusing what
// ReadFile refuses, for a file read a piece at a time; the caller reads
// no more than k.Limit of it, and closes it.
func Open(k Kind, path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, describe(k, path, err)
	}
	if err := check(k, path, st); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlocking, 0)
	if err != nil {
		return nil, describe(k, path, err)
	}
	// The file is checked again once open: it may have been swapped for
	// a pipe between the two looks.
	st, err = f.Stat()
	if err == nil {
		err = check(k, path, st)
	} else {
		err = describe(k, path, err)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Check makes sure path names a regular file that can be opened for
// reading (not missing, a folder, a named pipe or a device), without
// reading it: for a path given on the command line, checked before any
// work is done. Its size and content are the file's, checked when it is
// read.
func Check(k Kind, path string) error {
	k.Limit = math.MaxInt64
	f, err := Open(k, path)
	if err != nil {
		return err
	}
	return f.Close()
}

// readLimited reads at most k.Limit bytes of r, failing past it: a file
// that grows while it is read is still refused.
func readLimited(k Kind, path string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, k.Limit+1))
	if err != nil {
		return nil, describe(k, path, err)
	}
	if int64(len(data)) > k.Limit {
		return nil, tooLarge(k, path)
	}
	return data, nil
}

// check refuses what is not a regular file, or is too large.
func check(k Kind, path string, st fs.FileInfo) error {
	if what := What(st.Mode()); what != "" {
		return &Error{Kind: k, Path: path, Problem: "is " + what + ", not a file", Fix: "give the path of a file"}
	}
	if st.Size() > k.Limit {
		return tooLarge(k, path)
	}
	return nil
}

// What names the kind of a file that is not a regular one ("a named
// pipe", "a folder", "a device"), or "" for a regular file.
func What(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

func tooLarge(k Kind, path string) error {
	a := "a "
	if k.Name != "" && strings.ContainsRune("aeiou", rune(k.Name[0])) {
		a = "an " // an organisations file
	}
	return &Error{Kind: k, Path: path, Problem: "is larger than " + Size(k.Limit) + ", the most awarekit reads for " + a + k.Name,
		Fix: "check that this is the right file"}
}

// Size writes a byte count for people: "20 MB", "512 KB".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Error is a file that cannot be read, with what to do about it.
type Error struct {
	Kind    Kind
	Path    string
	Problem string
	Fix     string
	Err     error
}

func (e *Error) Error() string {
	s := e.Kind.Name + " " + ShortPath(e.Path) + " " + e.Problem
	if e.Fix != "" {
		s += "; " + e.Fix
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// describe turns an open or read error into a sentence.
func describe(k Kind, path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if target := danglingTarget(path); target != "" {
			return &Error{Kind: k, Path: path, Problem: "is a link to " + ShortPath(target) + ", which does not exist", Fix: "point the link at a file that is there, or remove it", Err: err}
		}
		return &Error{Kind: k, Path: path, Problem: "does not exist", Fix: "check the name and the folder", Err: err}
	case errors.Is(err, fs.ErrPermission):
		return &Error{Kind: k, Path: path, Problem: "cannot be read: permission denied", Fix: "check who owns it", Err: err}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is in the message already
	}
	return &Error{Kind: k, Path: filepath.Clean(path), Problem: "cannot be read (" + err.Error() + ")", Err: err}
}

// danglingTarget is what a symbolic link at path leads to that does not
// exist, followed through links to links (relative ones from their own
// folder), or "" when path is no link: a dangling link (a font settings
// file of a package that was removed) was said not to exist, where ls
// lists it, so the message named no cause.
func danglingTarget(path string) string {
	target := ""
	for range 40 { // the most links the kernel follows
		st, err := os.Lstat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return target
		case err != nil || st.Mode()&fs.ModeSymlink == 0:
			return ""
		}
		next, err := os.Readlink(path)
		if err != nil {
			return ""
		}
		if !filepath.IsAbs(next) {
			next = filepath.Join(filepath.Dir(path), next)
		}
		path, target = next, next
	}
	return ""
}

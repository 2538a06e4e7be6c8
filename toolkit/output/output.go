// Package output names output files and writes them safely: to a
// temporary file in the target folder, then renamed, so an interrupted
// run never leaves half a file behind.
package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"unicode"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/input"
	"golang.org/x/text/unicode/norm"
)

// DefaultPattern names a file after what it holds.
const DefaultPattern = "{audience}-{format}-{lang}.{ext}"

// Name fills pattern's {field} placeholders from fields and returns a
// file name that cannot leave its folder: letters and digits of every
// script (accents kept, NFC: "été", "ਪੰਜਾਬੀ"), ".", "_" and "-" stay;
// path separators, spaces, punctuation, symbols and controls become one
// "-" a run, and ".." one ".". Such names open on Windows, macOS and
// Linux alike.
func Name(pattern string, fields map[string]string) string {
	name := safe(fill(pattern, fields))
	for strings.Contains(name, "..") {
		name = strings.ReplaceAll(name, "..", ".")
	}
	name = strings.Trim(name, ".-")
	if name == "" {
		name = "output"
	}
	return name
}

// fill replaces each {key} in pattern whose key (without braces) is one
// of fields' with its value, left to right, in one pass, so that a value
// holding "{…}" is never filled again. A "{" that starts no such key
// stays. (A strings.Replacer of the "{key}" pairs did the same, and was
// made anew for every file name: half the cost of naming a plan's
// outputs.)
func fill(pattern string, fields map[string]string) string {
	var b strings.Builder
	b.Grow(len(pattern) + 32)
	for rest := pattern; ; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			b.WriteString(rest)
			return b.String()
		}
		b.WriteString(rest[:open])
		rest = rest[open:]
		if end := strings.IndexByte(rest, '}'); end > 0 {
			if v, ok := fields[rest[1:end]]; ok {
				b.WriteString(v)
				rest = rest[end+1:]
				continue
			}
		}
		b.WriteByte('{')
		rest = rest[1:]
	}
}

// safe is s in NFC with each run of characters that are not kept in a
// file name (see Name) as one "-".
func safe(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFC.String(s) {
		if Kept(r) {
			b.WriteRune(r)
			dash = false
			continue
		}
		if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return b.String()
}

// Rewritten is pattern with its own words (its text outside the
// placeholders) as Name writes them, and whether that differs from what
// was typed: spaces, punctuation and symbols become "-".
func Rewritten(pattern string) (string, bool) {
	var b strings.Builder
	changed := false
	splitPattern(norm.NFC.String(pattern), func(piece string, field bool) {
		if !field {
			got := safe(piece)
			changed = changed || got != piece
			piece = got
		}
		b.WriteString(piece)
	})
	return b.String(), changed
}

// Kept reports whether r stays as it is in a file name Name makes.
func Kept(r rune) bool {
	return r == '.' || r == '_' || r == '-' || r < utf8.RuneSelf && ('0' <= r && r <= '9' || 'a' <= r|0x20 && r|0x20 <= 'z') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.Is(unicode.Nd, r) || unicode.IsMark(r))
}

// CheckDir makes sure dir exists (creating it if needed) and that files
// can be written in it, so a run fails before doing any work. Its
// errors advise another folder with --out.
func CheckDir(dir string) error { return CheckFolder(dir, "--out") }

// CheckFolder is CheckDir for a folder given some other way: its errors
// advise another folder with flag, or with no flag when flag is "" (a
// folder named as an argument).
func CheckFolder(dir, flag string) error {
	if dir == "-" {
		// Many tools read "-" as the terminal; awarekit makes files, and
		// a folder named "-" is one nobody finds (or removes: rm -r -).
		choose := "give the name of a folder"
		if flag != "" {
			choose += " with " + flag + ", like " + flag + " flyers"
		}
		return fmt.Errorf("cannot use - as a folder: awarekit writes its files into a folder, not to the terminal; %s", choose)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return describe(dir, err, flag)
	}
	f, err := os.CreateTemp(dir, ".awarekit-check-*")
	if err != nil {
		return describe(dir, err, flag)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

func describe(path string, err error, flag string) error {
	dir := input.ShortPath(path)
	as, choose := "as the output folder", "choose another folder"
	if flag != "--out" {
		as = "as a folder"
	}
	if flag != "" {
		choose += " with " + flag
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot write to folder %s: permission denied; %s", dir, choose)
	case errors.Is(err, fs.ErrExist), errors.Is(err, os.ErrExist):
		return fmt.Errorf("cannot use %s %s: a file has that name; %s", dir, as, choose)
	}
	if st, serr := os.Stat(path); serr == nil && !st.IsDir() {
		// The folder named is itself a file, a named pipe or a device.
		what := input.What(st.Mode())
		if what == "" {
			what = "a file"
		}
		return fmt.Errorf("cannot use %s %s: it is %s, not a folder; %s", dir, as, what, choose)
	}
	var perr *fs.PathError
	if errors.As(err, &perr) && perr.Err != nil && strings.Contains(perr.Err.Error(), "not a directory") {
		return fmt.Errorf("cannot use %s %s: part of the path is a file; %s", dir, as, choose)
	}
	if why := diskFault(err); why != "" {
		return fmt.Errorf("cannot write to folder %s: %s; %s", dir, why, diskFix(err))
	}
	// Another cause (no such file in a system folder): say it as the
	// system does, then what to do.
	var why error = err
	if errors.As(err, &perr) && perr.Err != nil {
		why = perr.Err
	}
	return fmt.Errorf("cannot write to folder %s: %w; %s", dir, why, choose)
}

// diskFault says in plain words, with the system's own words after
// them, why a disk refused a write: full, over its quota, read-only, or
// a file larger than it or the process's limit (ulimit -f) takes; ""
// for any other error.
func diskFault(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full (" + syscall.ENOSPC.Error() + ")"
	case errors.Is(err, syscall.EDQUOT):
		return "your share of the disk is used up (" + syscall.EDQUOT.Error() + ")"
	case errors.Is(err, syscall.EROFS):
		return "the folder is on a disk that can only be read (" + syscall.EROFS.Error() + ")"
	case errors.Is(err, syscall.EFBIG):
		return "the file is larger than this disk or this computer's limit takes (" + syscall.EFBIG.Error() + ")"
	}
	return ""
}

// diskFix is what to do about a diskFault.
func diskFix(err error) string {
	switch {
	case errors.Is(err, syscall.EROFS):
		return "choose another folder with --out"
	case errors.Is(err, syscall.EFBIG):
		return "raise the limit on the size of files (ulimit -f), or choose a folder on another disk with --out"
	}
	return "free some space on it, or choose a folder on another disk with --out"
}

// writeError is the error of a file at path that could not be written:
// a full or read-only disk in plain words and what to do, else the
// system's error.
func writeError(path string, err error) error {
	var de *DiskError
	if errors.As(err, &de) {
		return err
	}
	if why := diskFault(err); why != "" {
		return &DiskError{Path: path, Why: why, Fix: diskFix(err), Err: err}
	}
	if st, serr := os.Lstat(path); serr == nil && st.IsDir() {
		return fmt.Errorf("cannot write %s: a folder has that name; move or rename the folder, or write somewhere else with --out", path)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		// The rename of the temporary file: its name says nothing to
		// the reader, the system's reason does.
		return fmt.Errorf("cannot write %s: %w", path, le.Err)
	}
	return fmt.Errorf("write %s: %w", path, err)
}

// DiskError is a file that a full, over-quota or read-only disk would
// not take; nothing of it is left behind.
type DiskError struct {
	Path, Why, Fix string
	Err            error
}

func (e *DiskError) Error() string {
	return fmt.Sprintf("cannot write %s: %s; nothing of it was left there; %s", e.Path, e.Why, e.Fix)
}

func (e *DiskError) Unwrap() error { return e.Err }

// tmpCounter makes temporary names unique within the process; the pid
// keeps them apart between processes writing into the same folder (read
// once: os.Getpid is a system call).
var (
	tmpCounter atomic.Uint64
	pid        = os.Getpid()
)

// WriteFile writes data to path through a temporary file in the same
// folder and renames it into place.
func WriteFile(path string, data []byte) error {
	return WriteStream(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteStream is WriteFile for output too large to hold in memory: write
// fills the temporary file, which is renamed into place only when write
// succeeds.
func WriteStream(path string, write func(io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Abort()
		return writeError(path, err)
	}
	return f.Commit()
}

// File is a file being written, for output made over a long time (a
// print pack filled as its materials are made): it is a temporary file
// in the target folder until Commit renames it into place; Abort removes
// it. One of the two must be called.
type File struct {
	path string
	tmp  *os.File
	bw   *bufio.Writer
	done bool
}

// Create starts writing the file at path.
func Create(path string) (*File, error) {
	// Created with its final permissions, so no chmod is needed.
	tmp, err := temp(path, os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	var bw *bufio.Writer
	select {
	case bw = <-spareWriters:
		bw.Reset(sink(tmp))
	default:
		bw = bufio.NewWriterSize(sink(tmp), 1<<16)
	}
	return &File{path: path, tmp: tmp, bw: bw}, nil
}

// sink is what a File's bytes are written to: the temporary file. Tests
// replace it with one that fails as a full disk does, which no
// unprivileged test can make.
var sink = func(f *os.File) io.Writer { return f }

// spareWriters keeps the buffers of files written, for the next ones: a
// build writes a file for every document, and making (and clearing) 64
// KB for each was 6% of the memory a 1,000-flyer build asked for. It is
// not a sync.Pool, which the collector empties every few documents, and
// it keeps no more than a few.
var spareWriters = make(chan *bufio.Writer, 4)

// release keeps f's buffer for another file.
func (f *File) release() {
	f.bw.Reset(nil)
	select {
	case spareWriters <- f.bw:
	default:
	}
	f.bw = nil
}

// Scratch creates a temporary file beside path, named as Create names
// them (so a build killed before it is removed cleans it up the next
// time), for data a long write keeps on disk rather than in memory. The
// caller closes and removes it.
func Scratch(path string) (*os.File, error) {
	return temp(path, os.O_RDWR, 0o600)
}

// temp creates a new temporary file beside path: ".NAME.PID-N.tmp".
func temp(path string, flag int, perm os.FileMode) (*os.File, error) {
	dir := filepath.Dir(path)
	var f *os.File
	var err error
	for range 100 {
		name := filepath.Join(dir, fmt.Sprintf(".%s.%d-%d.tmp", filepath.Base(path), pid, tmpCounter.Add(1)))
		f, err = createFile(name, flag, perm)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return nil, describe(dir, err, "--out")
	}
	return f, nil
}

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) {
	if f.done {
		return 0, fmt.Errorf("write %s: already finished", f.path)
	}
	n, err := f.bw.Write(p)
	if err != nil {
		err = writeError(f.path, err)
	}
	return n, err
}

// Commit puts the whole file in place.
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("write %s: already finished", f.path)
	}
	f.done = true
	err := f.bw.Flush()
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	f.release()
	if err == nil {
		err = rename(f.tmp.Name(), f.path)
	}
	if err != nil {
		os.Remove(f.tmp.Name())
		return writeError(f.path, err)
	}
	return nil
}

// Abort removes the temporary file: nothing is left of it. It does
// nothing after Commit.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.release()
	f.tmp.Close()
	os.Remove(f.tmp.Name())
}

// CheckPattern reports a file name pattern that cannot be used as it is
// written: one that names a folder (an absolute path, "..", a "/"),
// makes a name that starts with a dot (a hidden file, or none at all:
// ".{ext}" is a file called "pdf" on some systems), ends with a dot or a
// space (Windows drops them), or is a name Windows keeps for a device.
// Each is refused rather than rewritten, so that the files are where and
// what their maker asked for, and open on the computers they are shared
// with.
func CheckPattern(pattern string) error {
	switch {
	case strings.TrimSpace(pattern) == "":
		return fmt.Errorf("pattern %s is empty; use %s", input.Quote(pattern), DefaultPattern)
	case strings.ContainsAny(pattern, `/\`) || drive(pattern) || pattern == "..":
		base := pattern[strings.LastIndexAny(pattern, `/\:`)+1:]
		if base == "" || base == ".." {
			base = DefaultPattern
		}
		return fmt.Errorf("pattern %s names a folder; file names are made inside the output folder: give a name only (%s) and choose the folder with --out", input.Quote(pattern), input.Quote(base))
	case strings.HasPrefix(pattern, "."):
		return fmt.Errorf("pattern %s makes names that start with a dot, which hides the file or leaves it no name; put a name before the dot, e.g. %s", input.Quote(pattern), DefaultPattern)
	case strings.HasSuffix(pattern, ".") || strings.HasSuffix(pattern, " "):
		return fmt.Errorf("pattern %s ends with a dot or a space, which Windows drops; end it with .{ext}", input.Quote(pattern))
	}
	if n := len(safe(literal(pattern))); n > MaxNameBytes {
		return fmt.Errorf("pattern %s makes names of more than %d bytes (%d without its placeholders), longer than a file name can be; shorten it", input.Quote(pattern), MaxNameBytes, n)
	}
	// A literal name before the first dot ("CON.{ext}"); a placeholder's
	// value is checked with the name it makes (CheckName).
	if dev := device(pattern); dev != "" {
		return fmt.Errorf("pattern %s makes names that Windows keeps for a device (%s), with any extension: such a file cannot be opened or copied there; choose another name, e.g. %s", input.Quote(pattern), dev, DefaultPattern)
	}
	return nil
}

// drive reports a pattern that starts with a Windows drive ("C:").
func drive(pattern string) bool {
	return len(pattern) >= 2 && pattern[1] == ':' && ('a' <= pattern[0]|0x20 && pattern[0]|0x20 <= 'z')
}

// device is the Windows device that name is kept for, or "".
func device(name string) string {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.TrimRight(stem, " ")
	for _, dev := range windowsDevices {
		if strings.EqualFold(stem, dev) {
			return dev
		}
	}
	return ""
}

// windowsDevices are the names Windows keeps for devices, with any
// extension and in any case: a file called con.pdf cannot be opened, or
// copied to a Windows computer.
var windowsDevices = []string{"CON", "PRN", "AUX", "NUL",
	"COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
	"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"}

// MaxNameBytes is the longest file name Name may make, in bytes (an
// accented letter takes 2, a Chinese character 3): file systems take 255,
// and the temporary name a file is first written under is some 20 more.
const MaxNameBytes = 200

// literal is pattern without its {field} placeholders.
func literal(pattern string) string {
	var b strings.Builder
	splitPattern(pattern, func(text string, field bool) {
		if !field {
			b.WriteString(text)
		}
	})
	return b.String()
}

// splitPattern calls f with each piece of pattern in order: its text,
// and its {field} placeholders with field true.
func splitPattern(pattern string, f func(piece string, field bool)) {
	for pattern != "" {
		open := strings.IndexByte(pattern, '{')
		if open < 0 {
			break
		}
		end := strings.IndexAny(pattern[open+1:], "{}")
		if end < 0 {
			break
		}
		if pattern[open+1+end] == '{' {
			f(pattern[:open+1+end], false)
			pattern = pattern[open+1+end:]
			continue
		}
		if open > 0 {
			f(pattern[:open], false)
		}
		f(pattern[open:open+end+2], true)
		pattern = pattern[open+end+2:]
	}
	if pattern != "" {
		f(pattern, false)
	}
}

// CheckName reports a file name that Windows keeps for a device (CON,
// NUL, COM1 … with any extension), that starts with a dot, that ends
// with a dot or a space, or that is longer than MaxNameBytes.
func CheckName(name string) error {
	switch dev := device(name); {
	case len(name) > MaxNameBytes:
		return fmt.Errorf("file name %s is %d bytes long, longer than a file name can be (%d); shorten the pattern", input.Quote(name), len(name), MaxNameBytes)
	case dev != "":
		return fmt.Errorf("file name %s is kept by Windows for a device (%s), with any extension: such a file cannot be opened or copied there; choose another name, e.g. %s", input.Quote(name), dev, DefaultPattern)
	case name == "" || strings.HasPrefix(name, "."):
		return fmt.Errorf("file name %s starts with a dot, which hides the file or leaves it no name; put a name before the dot", input.Quote(name))
	case strings.HasSuffix(name, ".") || strings.HasSuffix(name, " "):
		return fmt.Errorf("file name %s ends with a dot or a space, which Windows drops; end it with its extension", input.Quote(name))
	}
	return nil
}

// Matching lists the files of the folder dir whose names match pattern
// (filepath.Match), as paths under dir, sorted. dir is a folder's name as
// it is: filepath.Glob(filepath.Join(dir, pattern)) read the * ? [ ] of
// a folder named "out*" or "Workshop [Dec]" as a pattern too, and found
// the files of the folders beside it (a build then removed their shard
// manifests).
func Matching(dir, pattern string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range entries {
		ok, err := filepath.Match(pattern, e.Name())
		if err != nil {
			return nil, err
		}
		if ok {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	return paths, nil
}

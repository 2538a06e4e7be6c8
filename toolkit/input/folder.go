package input

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Folder is a user's folder as a read-only file system that cannot be
// left: a symbolic link inside it may point elsewhere inside it, never
// out of it (to /etc/passwd, say). Open gives folders and regular files
// of at most the kind's limit; anything else is an *Error.
type Folder struct {
	dir  string
	kind Kind
	root *os.Root
	fsys fs.FS
}

// OpenFolder opens dir; files in it are read as kind k.
func OpenFolder(k Kind, dir string) (*Folder, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, describe(Kind{Name: "folder", Limit: k.Limit}, dir, err)
	}
	if !st.IsDir() {
		return nil, &Error{Kind: Kind{Name: "folder"}, Path: dir, Problem: "is not a folder", Fix: "give the path of a folder"}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, describe(Kind{Name: "folder"}, dir, err)
	}
	return &Folder{dir: dir, kind: k, root: root, fsys: root.FS()}, nil
}

// Close releases the folder.
func (f *Folder) Close() error { return f.root.Close() }

// Open opens name, a slash-separated path inside the folder.
func (f *Folder) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	st, err := fs.Stat(f.fsys, name)
	if err != nil {
		return nil, f.describe(name, err)
	}
	if st.IsDir() {
		return f.fsys.Open(name)
	}
	path := filepath.Join(f.dir, filepath.FromSlash(name))
	if err := check(f.kind, path, st); err != nil {
		return nil, err
	}
	file, err := f.root.OpenFile(filepath.FromSlash(name), os.O_RDONLY|nonBlocking, 0)
	if err != nil {
		return nil, f.describe(name, err)
	}
	if st, err = file.Stat(); err == nil {
		err = check(f.kind, path, st)
	}
	if err != nil {
		file.Close()
		return nil, err
	}
	return &limitedFile{File: file, left: f.kind.Limit, kind: f.kind, path: path}, nil
}

// Stat describes name, as Open would find it.
func (f *Folder) Stat(name string) (fs.FileInfo, error) {
	st, err := fs.Stat(f.fsys, name)
	if err != nil {
		return nil, f.describe(name, err)
	}
	return st, nil
}

// ReadDir lists a folder inside the folder.
func (f *Folder) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(f.fsys, name)
	if err != nil {
		return nil, f.describe(name, err)
	}
	return entries, nil
}

// describe keeps "does not exist" recognisable (errors.Is) for callers
// that allow a missing file, and explains a link out of the folder.
func (f *Folder) describe(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	path := filepath.Join(f.dir, filepath.FromSlash(name))
	if strings.Contains(err.Error(), "escapes from parent") {
		return &Error{Kind: f.kind, Path: path, Problem: "is a link to a place outside the folder " + f.dir,
			Fix: "awarekit follows no link out of a content folder: copy the file into the folder instead", Err: fs.ErrPermission}
	}
	return describe(f.kind, path, err)
}

// limitedFile fails a read past the kind's limit: a file that grows
// after it was opened is still refused.
type limitedFile struct {
	*os.File
	left int64
	kind Kind
	path string
}

func (l *limitedFile) Read(p []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		if n, _ := l.File.Read(one[:]); n > 0 {
			return 0, tooLarge(l.kind, l.path)
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.File.Read(p)
	l.left -= int64(n)
	return n, err
}

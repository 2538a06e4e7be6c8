package content

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"
)

// Overlay is a read-only file system that shows upper's files over
// lower's: a user's folder over the embedded content. A file in upper
// replaces the file of the same name in lower; folders show the files of
// both. Layer tells which one a file comes from.
type Overlay struct {
	Upper, Lower fs.FS
}

// Open opens name from the upper layer if it is there, else the lower.
func (o Overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	ust, uerr := fs.Stat(o.Upper, name)
	if uerr != nil && !errors.Is(uerr, fs.ErrNotExist) {
		// A file of the user's that cannot be read (a link out of her
		// folder, a named pipe) is said, not passed over for the
		// embedded one or reported as missing.
		return nil, uerr
	}
	lst, lerr := fs.Stat(o.Lower, name)
	switch {
	case uerr == nil && !ust.IsDir():
		return o.Upper.Open(name)
	case lerr == nil && !lst.IsDir():
		if uerr == nil {
			// A folder in upper over a file in lower: upper wins.
			return o.Upper.Open(name)
		}
		return o.Lower.Open(name)
	case uerr != nil && lerr != nil:
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	entries, err := o.ReadDir(name)
	if err != nil {
		return nil, err
	}
	info := lst
	if uerr == nil {
		info = ust
	}
	return &overlayDir{info: info, entries: entries}, nil
}

// ReadDir lists both layers' entries of a folder, upper's first when a
// name is in both, sorted by name.
func (o Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	var found bool
	for _, layer := range []fs.FS{o.Upper, o.Lower} {
		entries, err := fs.ReadDir(layer, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// Layer says where name comes from: "user" or "embedded".
func (o Overlay) Layer(name string) string {
	if _, err := fs.Stat(o.Upper, name); err == nil {
		return "user"
	}
	return "embedded"
}

// overlayDir is a merged folder, enough for fs.ReadDir and fs.Stat.
type overlayDir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	off     int
}

func (d *overlayDir) Stat() (fs.FileInfo, error) { return dirInfo{d.info}, nil }
func (d *overlayDir) Read([]byte) (int, error)   { return 0, errors.New("is a directory") }
func (d *overlayDir) Close() error               { return nil }

func (d *overlayDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}

// dirInfo keeps a folder's own info but always reports a folder.
type dirInfo struct{ fs.FileInfo }

func (i dirInfo) IsDir() bool       { return true }
func (i dirInfo) Mode() fs.FileMode { return fs.ModeDir | 0o555 }
func (i dirInfo) ModTime() time.Time {
	if i.FileInfo == nil {
		return time.Time{}
	}
	return i.FileInfo.ModTime()
}

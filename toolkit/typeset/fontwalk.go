package typeset

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// fontWalk walks font folders as filepath.WalkDir does (each folder's
// names in lexical order, a folder's contents before the next name),
// but follows links: a font folder that is a link (~/.fonts → a folder
// elsewhere), or holds a link to a folder, is walked where it leads.
// WalkDir does neither, so a linked font folder gave no font at all.
//
// Each folder is walked once, known by its real path, so a link back up
// the tree (fonts/loop → ..) or two links to one folder end; the walk
// goes no deeper than maxFontDepth folders and never into /, /proc,
// /sys or /dev: a link to / holds no font folder that is not searched
// by name already, and the kernel's files never end when read. A folder
// that cannot be read is passed over. The walk of each font folder
// stops after maxFontEntries names (full): a link to a home folder
// would have every file there opened. Each font folder has a budget of
// its own, so that one such link does not cost the fonts of the folders
// after it (/usr/share/fonts comes after ~/.fonts and /root/.fonts).
type fontWalk struct {
	dirs    map[string]bool // real paths of the folders walked
	entries int             // names read so far under this root
	full    string          // the folder it stopped in, when it did
}

// maxFontDepth bounds how deep under a font folder the walk goes: the
// machine's fonts are two or three folders deep.
const maxFontDepth = 32

// maxFontEntries bounds the names the walk reads: /usr/share/fonts holds
// 295 here, a machine with every Noto font some 5,000. A variable for
// the tests.
var maxFontEntries = 100_000

func newFontWalk() *fontWalk { return &fontWalk{dirs: map[string]bool{}} }

// walk calls visit with the path of each entry under root that is not
// a folder (a file, a link to one, a pipe …), as reached from root. It
// returns the folder under root where it stopped for want of budget, or
// "" when it read root whole.
func (w *fontWalk) walk(root string, visit func(path string)) (full string) {
	w.entries, w.full = 0, ""
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return ""
	}
	st, err := os.Stat(real)
	switch {
	case err != nil:
	case st.IsDir():
		w.dir(root, real, 0, visit)
	default:
		visit(root)
	}
	return w.full
}

func (w *fontWalk) dir(path, real string, depth int, visit func(string)) {
	if w.dirs[real] || depth > maxFontDepth || pseudoFS(real) || w.full != "" {
		return
	}
	w.dirs[real] = true
	entries, err := os.ReadDir(path)
	if err != nil {
		return
	}
	for _, e := range entries {
		if w.entries++; w.entries > maxFontEntries {
			w.full = path
			return
		}
		p := filepath.Join(path, e.Name())
		switch {
		case e.IsDir():
			w.dir(p, filepath.Join(real, e.Name()), depth+1, visit)
		case e.Type()&fs.ModeSymlink != 0:
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				if r, err := filepath.EvalSymlinks(p); err == nil {
					w.dir(p, r, depth+1, visit)
				}
				continue
			}
			visit(p)
		default:
			visit(p)
		}
	}
}

// pseudoFS reports a folder of the kernel's own files, which hold no
// font and some of which never end when read, and / itself, which a
// link to the whole machine leads to.
func pseudoFS(real string) bool {
	if real == "/" {
		return true
	}
	for _, top := range []string{"/proc", "/sys", "/dev"} {
		if real == top || strings.HasPrefix(real, top+"/") {
			return true
		}
	}
	return false
}

package typeset

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/go-text/typesetting/fontscan"

	"github.com/awarekit/awarekit/toolkit/input"
)

// fontDirectories names the folders the machine's fonts are in: on
// Linux and the BSDs, the usual ones, those of XDG_DATA_DIRS and those
// fontconfig's settings name, as fontscan.DefaultFontDirectories gives
// them (the folders that exist, each once, sorted); elsewhere, that
// function's.
//
// fontscan decodes every file of fontconfig's settings as XML to find
// its <dir> and <include> elements: 47 M instructions for the 88 KB of
// /etc/fonts here, in every process that needs a system font, where
// three of the 35 files hold one. A file is decoded here only when it
// has a start tag named dir or include; the others can add nothing.
// Two things differ from fontscan, on purpose: it gave up on every
// setting when any file was not well-formed XML, and a file passed over
// here is not read that closely; and it read the settings' folders
// from a variable named "$FONTCONFIG_PATH", where fontconfig's is
// FONTCONFIG_PATH.
func fontDirectories(logger fontscan.Logger) ([]string, error) {
	switch runtime.GOOS {
	case "linux", "openbsd", "freebsd":
	default:
		return fontscan.DefaultFontDirectories(logger)
	}
	dirs := []string{
		"/usr/X11R6/lib/X11/fonts",
		"/usr/local/share/fonts",
		"/usr/share/fonts",
		"/usr/share/texmf/fonts/opentype/public",
		"~/.fonts/",
		filepath.Join(envOr("XDG_DATA_HOME", "~/.local/share"), "fonts"),
	}
	if data := os.Getenv("XDG_DATA_DIRS"); data != "" {
		for _, p := range filepath.SplitList(data) {
			dirs = append(dirs, filepath.Join(p, "fonts"))
		}
	}
	if fc, err := newFcEnv().dirs(logger); err != nil {
		logger.Printf("unable to process fontconfig config file: %s", err)
	} else {
		dirs = append(dirs, fc...)
	}
	var valid []string
	seen := map[string]bool{}
	for _, dir := range dirs {
		// ~ is the home folder at the start of a path alone: a ~ inside
		// one is a letter of a folder's name, and ~user is not read as
		// the home folder's "user".
		if dir == "~" || strings.HasPrefix(dir, "~/") {
			if u, err := user.Current(); err == nil {
				dir = u.HomeDir + dir[1:]
			}
		}
		dir, err := filepath.Abs(dir)
		if err != nil || seen[dir] {
			continue
		}
		seen[dir] = true
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			valid = append(valid, dir)
		}
	}
	sort.Strings(valid)
	if len(valid) == 0 {
		return nil, errors.New("no font directory found")
	}
	return valid, nil
}

// envOr is the variable's value when it is set to something, else def:
// a variable set to nothing is unset, as the XDG base directory rules
// say of theirs. FONTCONFIG_FILE="" meant the folder /etc/fonts, which
// cannot be read as a file, and every folder of fontconfig's settings
// was lost; XDG_DATA_HOME="" made "fonts" in the working folder a font
// folder.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// fcEnv is what fontconfig's settings are found and read with.
type fcEnv struct {
	home, dataHome, configHome string
	file                       string   // the root settings file's name
	paths                      []string // where a relative name is looked for
	sysroot                    string
}

// fontLog is the logger the system scan gives fontDirectories: it keeps
// what a user should hear of (a settings file passed over), once each,
// and drops the rest (fontscan's notes, such as an include missing that
// may be).
type fontLog struct{ warnings []string }

func (l *fontLog) Printf(string, ...any) {}

// warn says a problem with fontconfig's settings: to a fontLog, kept
// once; to any other logger, printed.
func warn(logger fontscan.Logger, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if l, ok := logger.(*fontLog); ok {
		if !slices.Contains(l.warnings, msg) {
			l.warnings = append(l.warnings, msg)
		}
		return
	}
	logger.Printf("%s", msg)
}

// fcProblem is a file or folder of fontconfig's settings that cannot be
// read: what it is, its path and what is wrong ("is a named pipe, not a
// file").
type fcProblem struct{ what, path, why string }

func (p *fcProblem) Error() string {
	return "fontconfig settings " + p.what + " " + p.path + " " + p.why
}

// fcReadProblem says what is wrong with a settings file or folder that
// cannot be read, in input's words without its advice (which is for a
// file the user named).
func fcReadProblem(what, path string, err error) *fcProblem {
	var ie *input.Error
	var pe *fs.PathError
	switch {
	case errors.As(err, &ie):
		return &fcProblem{what, path, ie.Problem}
	case errors.As(err, &pe):
		return &fcProblem{what, path, "cannot be read (" + pe.Err.Error() + ")"}
	}
	return &fcProblem{what, path, "cannot be read (" + err.Error() + ")"}
}

// passOver warns of a settings file or folder that cannot be read: the
// folders it names are not searched, the others are.
func passOver(logger fontscan.Logger, err error) {
	warn(logger, "%v: the font folders it names are not searched for fonts, the others are; mend or remove it (or ask whoever looks after this computer to)", err)
}

func newFcEnv() fcEnv {
	home := os.Getenv("HOME")
	return fcEnv{
		home:       home,
		dataHome:   envOr("XDG_DATA_HOME", filepath.Join(home, ".local", "share")),
		configHome: envOr("XDG_CONFIG_HOME", filepath.Join(home, ".config")),
		file:       envOr("FONTCONFIG_FILE", "fonts.conf"),
		paths:      filepath.SplitList(envOr("FONTCONFIG_PATH", "/etc/fonts")),
		sysroot:    os.Getenv("FONTCONFIG_SYSROOT"),
	}
}

// resolve finds a settings file or folder named in the settings: an
// absolute path, one under the home folder (~), or one under the
// settings' folders; "" when none is there.
func (e fcEnv) resolve(logger fontscan.Logger, path string) string {
	switch {
	case filepath.IsAbs(path):
		if e.sysroot != "" && !strings.HasPrefix(path, e.sysroot) {
			path = filepath.Join(e.sysroot, path)
		}
		return path
	case path == "~" || strings.HasPrefix(path, "~/"):
		path = filepath.Join(e.home, path[1:])
		if e.sysroot != "" {
			path = filepath.Join(e.sysroot, path)
		}
		return path
	}
	for _, p := range e.paths {
		candidate := filepath.Join(p, path)
		if e.sysroot != "" {
			candidate = filepath.Join(e.sysroot, candidate)
		}
		if _, err := os.Stat(candidate); err == nil {
			return candidate
		}
	}
	logger.Printf("fontconfig referenced path %q, but it could not be resolved to a real path", path)
	return ""
}

// dirs reads the root settings file and what it includes, in turn, and
// returns the font folders they name.
func (e fcEnv) dirs(logger fontscan.Logger) ([]string, error) {
	root := e.resolve(logger, e.file)
	seen := map[string]bool{root: true}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("processing fontconfig config file: %s", err)
	}
	if root == "" {
		return nil, nil // no settings: the usual folders alone
	}
	dirs, queue, err := e.readFile(logger, root, cwd)
	if err != nil {
		passOver(logger, err)
		return nil, nil
	}
	for i := 0; i < len(queue); i++ {
		inc := queue[i]
		if seen[inc] {
			continue
		}
		seen[inc] = true
		info, err := os.Stat(inc)
		if err != nil {
			logger.Printf("missing fontconfig include %s: skipping", inc)
			continue
		}
		var d, q []string
		if info.IsDir() {
			d, q, err = e.readDir(logger, inc, cwd, seen)
		} else {
			d, q, err = e.readFile(logger, inc, cwd)
		}
		if err != nil {
			// One file that cannot be read loses its own folders, not
			// every folder the settings name (fontconfig passes over it
			// too).
			passOver(logger, err)
			continue
		}
		dirs = append(dirs, d...)
		queue = append(queue, q...)
	}
	return dirs, nil
}

// readDir reads the files of a settings folder whose names start with a
// digit and end in .conf, in the order of their names.
func (e fcEnv) readDir(logger fontscan.Logger, dir, cwd string, seen map[string]bool) (dirs, includes []string, _ error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		passOver(logger, fcReadProblem("folder", dir, err))
		return nil, nil, nil
	}
	for _, entry := range entries {
		name := entry.Name()
		if entry.IsDir() || !strings.HasSuffix(name, ".conf") || name[0] < '0' || name[0] > '9' {
			continue
		}
		file := filepath.Join(dir, name)
		seen[file] = true
		d, q, err := e.readFile(logger, file, cwd)
		if err != nil {
			passOver(logger, err)
			continue
		}
		dirs = append(dirs, d...)
		includes = append(includes, q...)
	}
	return dirs, includes, nil
}

// fcElem is a <dir> or an <include> directly under the settings' root
// element; other elements are skipped.
type fcElem struct {
	name   string
	text   string
	prefix string
}

func (el *fcElem) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	switch start.Name.Local {
	case "dir", "include":
	default:
		return d.Skip()
	}
	var v struct {
		Text   string `xml:",chardata"`
		Prefix string `xml:"prefix,attr"`
	}
	if err := d.DecodeElement(&v, &start); err != nil {
		return err
	}
	*el = fcElem{start.Name.Local, v.Text, v.Prefix}
	return nil
}

// fontconfigFile is a file of fontconfig's settings: a few KB, the
// largest here 42 KB.
var fontconfigFile = input.Kind{Name: "fontconfig settings file", Limit: 1 << 20}

// readFile reads one settings file: the font folders it names and the
// settings it includes. Only a regular file of at most 1 MB is read:
// FONTCONFIG_FILE or an <include> that names a named pipe would hang
// the run, and one that names /dev/zero would fill its memory.
func (e fcEnv) readFile(logger fontscan.Logger, file, cwd string) (dirs, includes []string, _ error) {
	data, err := input.ReadFile(fontconfigFile, file)
	if err != nil {
		return nil, nil, fcReadProblem("file", file, err)
	}
	if !namesDirOrInclude(data) {
		return nil, nil, nil
	}
	var config struct {
		Elems []fcElem `xml:",any"`
	}
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&config); err != nil {
		return nil, nil, &fcProblem{"file", file, "is not well-formed XML (" + strings.TrimPrefix(err.Error(), "XML syntax error ") + ")"}
	}
	for _, el := range config.Elems {
		switch el.name {
		case "dir":
			dir := el.text
			if strings.TrimSpace(dir) == "" {
				// <dir></dir> names no folder; taken as one, it was
				// the working folder, every file of which was opened.
				continue
			}
			switch el.prefix {
			case "default", "cwd":
				dir = filepath.Join(cwd, dir)
			case "relative":
				dir = filepath.Join(filepath.Dir(file), dir)
			case "xdg":
				dir = filepath.Join(e.dataHome, dir)
			}
			dirs = append(dirs, dir)
		case "include":
			inc := el.text
			if strings.TrimSpace(inc) == "" {
				continue // names nothing (it was /etc/fonts, a folder)
			}
			if el.prefix == "xdg" {
				inc = filepath.Join(e.configHome, inc)
			}
			if inc = e.resolve(logger, inc); inc != "" {
				includes = append(includes, inc)
			}
		}
	}
	return dirs, includes, nil
}

// namesDirOrInclude reports whether data may hold an element named dir
// or include: a start tag of that name, with a namespace prefix or not.
func namesDirOrInclude(data []byte) bool {
	for _, name := range []string{"dir", "include"} {
		for rest := data; ; {
			i := bytes.Index(rest, []byte(name))
			if i < 0 {
				break
			}
			end := i + len(name)
			if i > 0 && (rest[i-1] == '<' || rest[i-1] == ':') && (end == len(rest) || bytes.IndexByte([]byte(" \t\r\n/>"), rest[end]) >= 0) {
				return true
			}
			rest = rest[end:]
		}
	}
	return false
}

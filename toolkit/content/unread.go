package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// unreadFiles finds the files of the user's content folder that nothing
// reads, which were passed over without a word: an educator who saved
// locales/en.TOML, audiences/club/audience.yml or a locale/ folder got
// the built-in text printed as if it were hers. aud is the audiences as
// read (hers over the built-in).
//
// A file whose name says which file it was meant to be (a message file
// for a language, an audience's audience.yaml, stories.yaml or
// kit.yaml) is a problem, naming the name and place it should have,
// when no file already has them: the words in it would print nowhere,
// and the built-in words in their place. When the file it was meant to
// be is there too, which of the two is the one she edits is not clear:
// a warning names both. Any other YAML or TOML file nothing reads, and
// a translation file (PO, XLIFF) put in the folder rather than brought
// in with translate import, is a warning. Other files (notes, pictures)
// and hidden ones (.git) are let be.
func (lib *Library) unreadFiles(aud fs.FS) (problems []Problem, warnings []string) {
	const (
		maxDepth   = 4      // audiences/ID/… is 3: deeper is not a slip
		maxEntries = 10_000 // a folder of many files is no content folder's slip
	)
	seen := 0
	errStop := errors.New("stop")
	_ = fs.WalkDir(lib.user, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == "." {
			return nil // a folder that cannot be read is said where it is read
		}
		if seen++; seen > maxEntries {
			return errStop
		}
		if strings.HasPrefix(d.Name(), ".") || d.IsDir() && strings.Count(p, "/")+1 >= maxDepth {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		kind, want := lib.meantFor(aud, p)
		if kind == "" || want == p || lib.readAs(p, want) || isRead(aud, p) {
			return nil
		}
		shown := lib.userPath(p)
		switch {
		case kind == "translation":
			warnings = append(warnings, fmt.Sprintf("%s is not read: a translation file is brought in with awarekit translate import %s --into %s, which checks every message and writes the folder's message file", shown, input.ShortPath(filepath.Join(lib.userDir, filepath.FromSlash(p))), input.ShortPath(lib.userDir)))
		case kind == "noaudience":
			id := strings.Split(p, "/")[1]
			hint := ""
			if ids, err := fs.Glob(aud, "*/audience.yaml"); err == nil {
				for i := range ids {
					ids[i] = path.Dir(ids[i])
				}
				if near := spell.Nearest(id, ids); len(near) > 0 {
					hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
				}
			}
			warnings = append(warnings, fmt.Sprintf("%s is not read: there is no audience %s%s, neither built in nor in %s; an audience's files are read from audiences/ID/, beside its audience.yaml", shown, id, hint, lib.userPath(path.Join("audiences", id, "audience.yaml"))))
		case want == "":
			warnings = append(warnings, fmt.Sprintf("%s is not read: %s", shown, readsWhat(kind)))
		case exists(lib.user, want):
			warnings = append(warnings, fmt.Sprintf("%s is not read: %s is; put what you changed into %s and delete %s", shown, lib.userPath(want), lib.userPath(want), shown))
		default:
			problems = append(problems, Problem{File: shown, Text: "awarekit does not read this file: " + fixName(kind, p, want, lib.userPath(want))})
		}
		return nil
	})
	return problems, warnings
}

// meantFor says what kind of content file p (a path in the user's
// folder) looks like and the path it would be read at: want is p for a
// file that is read, "" when where it belongs cannot be told. kind is
// "messages", "audience", "noaudience" (an audience's file in a folder
// that is no audience), "translation", "yaml", or "" for a file that is
// none of these and is let be.
func (lib *Library) meantFor(aud fs.FS, p string) (kind, want string) {
	base := path.Base(p)
	name := strings.ToLower(base)
	// Windows' Notepad adds .txt to a name it is given, and hides it.
	for _, ext := range []string{".toml", ".yaml", ".yml"} {
		name = strings.Replace(name, ext+".txt", ext, 1)
	}
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	dirs := strings.Split(path.Dir(p), "/")
	if dirs[0] == "." {
		dirs = nil
	}
	top := "" // the folder p is in at the top, if it is one read or near it
	if len(dirs) > 0 {
		switch {
		case nearName(dirs[0], []string{"locales"}) != "" || slices.Contains(localesWords, strings.ToLower(dirs[0])):
			top = "locales"
		case nearName(dirs[0], []string{"audiences"}) != "":
			top = "audiences"
		}
	}
	switch ext {
	case ".po", ".xlf", ".xliff":
		return "translation", ""
	case ".toml":
		if dirs != nil && dirs[0] == "locales" && len(dirs) == 1 && strings.HasSuffix(base, ".toml") {
			return "messages", p // read, and its name checked, by the catalog
		}
		tag, err := language.Parse(strings.ReplaceAll(stem, "_", "-"))
		if err != nil || stem == "und" || len(dirs) > 1 || len(dirs) == 1 && top != "locales" {
			return "messages", ""
		}
		return "messages", "locales/" + tag.String() + ".toml"
	case ".yaml", ".yml":
	default:
		return "", ""
	}
	file := nearName(stem, []string{"audience", "stories", "kit", "law"})
	if file == "" && stem == "story" {
		file = "stories"
	}
	switch {
	case file == "" || len(dirs) > 2 || len(dirs) > 0 && top != "audiences":
		return "yaml", ""
	case len(dirs) == 2 && file != "law":
		// audiences/ID/…, or a folder near it (audience/ID/…).
		id := dirs[1]
		if file != "audience" && !exists(aud, path.Join(id, "audience.yaml")) {
			return "noaudience", ""
		}
		return "audience", path.Join("audiences", id, file+".yaml")
	case len(dirs) <= 1 && (file == "kit" || file == "law"):
		return "audience", "audiences/" + file + ".yaml"
	case len(dirs) <= 1 && file == "audience":
		// An audience's file not in its own folder: its id says which.
		var a struct {
			ID string `yaml:"id"`
		}
		if data, err := fs.ReadFile(lib.user, p); err == nil && yaml.Unmarshal(data, &a) == nil && audienceID.MatchString(a.ID) {
			return "audience", path.Join("audiences", a.ID, "audience.yaml")
		}
	}
	return "audience", ""
}

// localesWords are folder names people give message files: a folder of
// one of them at the top of a content folder is taken for locales/.
var localesWords = []string{"language", "languages", "lang", "langs", "translation", "translations", "messages", "i18n", "l10n"}

// isRead reports whether p, a YAML file in the user's folder, is one
// the content reads: the shared kit and law, the protected files (which
// are refused before), and an audience's own files.
func isRead(aud fs.FS, p string) bool {
	dirs := strings.Split(p, "/")
	switch {
	case len(dirs) == 2 && dirs[0] == "audiences":
		return dirs[1] == "kit.yaml" || dirs[1] == "law.yaml" || slices.Contains(protected, dirs[1])
	case len(dirs) == 3 && dirs[0] == "audiences":
		return slices.Contains([]string{"audience.yaml", "stories.yaml", "kit.yaml"}, dirs[2]) && exists(aud, path.Join(dirs[1], "audience.yaml"))
	}
	return false
}

// readAs reports whether p is read as want: the same file, on a file
// system that does not tell Locales/ from locales/ (Windows, macOS).
func (lib *Library) readAs(p, want string) bool {
	if want == "" {
		return false
	}
	a, err1 := fs.Stat(lib.user, p)
	b, err2 := fs.Stat(lib.user, want)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// userPath is p, a path in the user's folder, as she finds it.
func (lib *Library) userPath(p string) string {
	return filepath.Join(lib.userDir, filepath.FromSlash(p))
}

// fixName says why the file at p is not read and what to do: rename it
// (in its folder) or move it to want, which the user finds at shown.
func fixName(kind, p, want, shown string) string {
	base, wbase := path.Base(p), path.Base(want)
	dir, wdir := path.Dir(p), path.Dir(want)
	wtop, _, _ := strings.Cut(want, "/")
	top, _, ok := strings.Cut(p, "/")
	if !ok {
		top = "" // at the top of the content folder
	}
	var why string
	switch {
	case top == "" && kind == "audience" && wtop == "audiences" && strings.Count(want, "/") == 2:
		why = "an audience's files are read from its own folder, audiences/ID/, ID being the id it gives"
	case top != wtop && kind == "messages":
		why = "message files are read from locales/ (with an s, in small letters), beside audiences/"
	case top != wtop:
		why = "an audience's files are read from audiences/ (with an s, in small letters)"
	case dir != wdir:
		why = "an audience's files are read from its own folder, audiences/ID/, ID being the id it gives"
	case kind == "messages":
		why = "a message file is named after its language's tag and .toml, in small letters"
	default:
		why = "its name must be " + wbase + " exactly"
	}
	if strings.HasSuffix(strings.ToLower(base), ".txt") {
		why += " (Windows may hide the .txt at the end of the name)"
	}
	if dir == wdir {
		return fmt.Sprintf("%s; rename it %s", why, wbase)
	}
	return fmt.Sprintf("%s; move it to %s", why, shown)
}

// readsWhat says which files of a content folder are read, for a file
// of kind that is none of them.
func readsWhat(kind string) string {
	if kind == "messages" {
		return "a content folder reads message files in locales/, named after their language's tag (locales/fr.toml, locales/zh-Hans.toml)"
	}
	return "a content folder reads audiences/ID/audience.yaml, stories.yaml and kit.yaml (ID an audience's id), audiences/kit.yaml and audiences/law.yaml, and message files in locales/"
}

// nearName is the one of names that stem is, in any case, or is a slip
// of spelling; "". A name shorter than five letters takes no slip: one
// letter from kit or law is lab, kid, raw, kits, a notes file's name as
// often as a slip, which would stop the content and be sent to be the
// kit's or the law page's.
func nearName(stem string, names []string) string {
	var long []string
	for _, n := range names {
		if strings.EqualFold(stem, n) {
			return n
		}
		if len(n) >= 5 {
			long = append(long, n)
		}
	}
	if near := spell.Nearest(stem, long); len(near) == 1 {
		return near[0]
	}
	return ""
}

// exists reports whether fsys has the file name.
func exists(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && !st.IsDir()
}

// misplaced says, for a folder CheckFolder refuses as no content folder,
// what in it looks like content put in the wrong place: a locale/ folder
// for locales/, message files at its top. "" when nothing does.
func misplaced(fsys fs.FS) string {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return ""
	}
	var says []string
	for _, e := range entries {
		name := e.Name()
		lower := strings.ToLower(name)
		switch {
		case strings.HasPrefix(name, "."):
		case e.IsDir() && name != "locales" && (nearName(name, []string{"locales"}) != "" || slices.Contains(localesWords, lower)):
			says = append(says, fmt.Sprintf("it has %s/, which is not read: rename it locales/", name))
		case e.IsDir() && name != "audiences" && nearName(name, []string{"audiences"}) != "":
			says = append(says, fmt.Sprintf("it has %s/, which is not read: rename it audiences/", name))
		case !e.IsDir() && (strings.HasSuffix(lower, ".toml") || strings.HasSuffix(lower, ".toml.txt")):
			says = append(says, fmt.Sprintf("it has %s at its top, which is not read: move it into locales/", name))
		case !e.IsDir() && (strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml")) && nearName(strings.TrimSuffix(strings.TrimSuffix(lower, ".yaml"), ".yml"), []string{"audience", "stories"}) != "":
			says = append(says, fmt.Sprintf("it has %s at its top, which is not read: an audience's files go in audiences/ID/, ID being its id", name))
		}
		if len(says) == 3 {
			break
		}
	}
	return strings.Join(says, "; ")
}

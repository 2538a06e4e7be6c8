package typeset

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"log"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
	"github.com/go-text/typesetting/language"

	"github.com/awarekit/awarekit/toolkit/input"
)

// scriptNeed says which font families can draw a script the embedded
// fonts lack, best first, and which Debian package provides them.
type scriptNeed struct {
	families []string
	pkg      string
}

// needs covers the scripts of the languages the project writes that
// DejaVu Sans does not: Gurmukhi (Punjabi), Devanagari (Hindi), Ethiopic
// (Tigrinya, Amharic) and Han (Chinese). Only TrueType (glyf) faces work:
// the PDF writer embeds glyph outlines by glyph ID.
var needs = map[language.Script]scriptNeed{
	language.Gurmukhi:   {[]string{"Noto Sans Gurmukhi", "Noto Serif Gurmukhi"}, "fonts-noto-core"},
	language.Devanagari: {[]string{"Noto Sans Devanagari", "Noto Serif Devanagari"}, "fonts-noto-core"},
	language.Ethiopic:   {[]string{"Noto Sans Ethiopic", "Noto Serif Ethiopic"}, "fonts-noto-core"},
	language.Han:        {[]string{"Droid Sans Fallback", "Noto Sans SC"}, "fonts-droid-fallback"},
	// DejaVu Sans draws Arabic and Persian, but lacks letters Urdu needs
	// (ہ U+06C1, ۃ…), so Urdu is set in Noto Sans Arabic throughout.
	language.Arabic: {[]string{"Noto Sans Arabic", "Noto Naskh Arabic"}, "fonts-noto-core"},
}

// baseFirst lists scripts the embedded fonts draw well: a system family
// is used for them only in the languages of systemFor, or for a
// character the embedded fonts lack.
var baseFirst = map[language.Script]bool{language.Arabic: true}

// systemFor names languages whose text is set in a system family even
// though the embedded fonts cover part of their script.
var systemFor = map[string]language.Script{"ur": language.Arabic}

// Fonts is the process's font collection: the embedded base family plus
// families found on the machine, or named by the user, for other scripts.
// It is safe for concurrent use; every font is parsed once.
type Fonts struct {
	Base Family

	mu       sync.Mutex
	byScript map[language.Script]*Family // nil entry: looked for, not found
	user     map[language.Script][]string
	scan     func() ([]fontscan.Footprint, error)
}

// NewFonts returns a collection over base. user maps script names (as
// ISO 15924 codes, e.g. "Guru", "Hans") to font files the user named in
// the config (regular first, then bold); they win over fonts found on the
// machine.
func NewFonts(base Family, user map[string][]string) (*Fonts, error) {
	fs := &Fonts{Base: base, byScript: make(map[language.Script]*Family), user: make(map[language.Script][]string)}
	if err := fs.SetUser(user); err != nil {
		return nil, err
	}
	var once sync.Once
	var prints []fontscan.Footprint
	var scanErr error
	fs.scan = func() ([]fontscan.Footprint, error) {
		once.Do(func() {
			prints, scanErr = fontscan.SystemFonts(log.New(io.Discard, "", 0), "")
		})
		return prints, scanErr
	}
	return fs, nil
}

// SetUser adds the fonts a user named for scripts; call it before
// setting any text. Each file must exist and be a TrueType font.
func (fs *Fonts) SetUser(user map[string][]string) error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for name, files := range user {
		sc, err := ParseScriptCode(name)
		if err != nil {
			return fmt.Errorf("fonts: %w", err)
		}
		for _, path := range files {
			if _, err := loadFile(path); err != nil {
				return fmt.Errorf("fonts: %s: %w", ScriptCode(sc), err)
			}
		}
		fs.user[sc] = files
		delete(fs.byScript, sc)
	}
	return nil
}

// hasUser reports whether the user named fonts for sc.
func (fs *Fonts) hasUser(sc language.Script) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return len(fs.user[sc]) > 0
}

// forScript returns the family that draws sc, loading it on first use,
// or nil when the machine has none.
func (fs *Fonts) forScript(sc language.Script) *Family {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fam, ok := fs.byScript[sc]; ok {
		return fam
	}
	fam := fs.find(sc)
	fs.byScript[sc] = fam
	return fam
}

func (fs *Fonts) find(sc language.Script) *Family {
	if files, ok := fs.user[sc]; ok && len(files) > 0 {
		fam := Family{}
		for i, path := range files {
			f, err := loadFile(path)
			if err != nil {
				continue
			}
			if i == 0 {
				fam.Regular = f
			} else {
				fam.Bold = f
			}
		}
		if fam.Regular != nil {
			return &fam
		}
	}
	need, ok := needs[sc]
	if !ok {
		return nil
	}
	prints, err := fs.scan()
	if err != nil {
		return nil
	}
	for _, want := range need.families {
		key := font.NormalizeFamily(want)
		var regular, bold string
		for _, fp := range prints {
			if fp.Family != key || fp.Location.Index != 0 || fp.Aspect.Style != font.StyleNormal {
				continue
			}
			switch {
			case fp.Aspect.Weight == font.WeightNormal && regular == "":
				regular = fp.Location.File
			case fp.Aspect.Weight == font.WeightBold && bold == "":
				bold = fp.Location.File
			}
		}
		if regular == "" {
			continue
		}
		r, err := loadFile(regular)
		if err != nil {
			continue
		}
		fam := Family{Regular: r}
		if bold != "" {
			if b, err := loadFile(bold); err == nil {
				fam.Bold = b
			}
		}
		return &fam
	}
	return nil
}

func loadFile(path string) (*Font, error) {
	data, err := input.ReadFile(input.Font, path)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(data, []byte("ttcf")) || bytes.HasPrefix(data, []byte("OTTO")) {
		return nil, fmt.Errorf("font %s is a collection or CFF font; use a TrueType (.ttf) file", path)
	}
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("font %s could not be read as a TrueType font (%v); name a .ttf file, like NotoSansGurmukhi-Regular.ttf", path, err)
	}
	name := face.Describe().Family
	bold := face.Describe().Aspect.Weight >= font.WeightBold
	if bold {
		name += " Bold"
	}
	return &Font{Name: name, Source: path, Data: data, Bold: bold, font: face.Font}, nil
}

// SearchIn makes fs look for the fonts of the scripts the embedded fonts
// lack in dirs and the folders under them alone, instead of the
// machine's font folders: for a check of what a machine without some
// font package would do, without uninstalling it. Call it before setting
// any text.
func (fs *Fonts) SearchIn(dirs []string) {
	var once sync.Once
	var prints []fontscan.Footprint
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.scan = func() ([]fontscan.Footprint, error) {
		once.Do(func() { prints = scanDirs(dirs) })
		return prints, nil
	}
	clear(fs.byScript)
}

// scanDirs describes every TrueType font file under dirs; files that are
// not fonts are passed over, as the system scan does.
func scanDirs(dirs []string) []fontscan.Footprint {
	var out []fontscan.Footprint
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(path), ".ttf") {
				return nil
			}
			f, err := loadFile(path)
			if err != nil {
				return nil
			}
			desc := f.font.Describe()
			out = append(out, fontscan.Footprint{Location: font.FontID{File: path}, Family: font.NormalizeFamily(desc.Family), Aspect: desc.Aspect})
			return nil
		})
	}
	return out
}

// Install says how to get a font for the script of r: the script's ISO
// 15924 code (for the fonts: setting) and the Debian package that has a
// font for it, "" when none is known.
func Install(r rune) (script, pkg string) {
	sc := language.LookupScript(r)
	if need, ok := needs[sc]; ok {
		pkg = need.pkg
	}
	return ScriptCode(sc), pkg
}

// installHint says what to install for a script the machine cannot draw.
func installHint(sc language.Script) string {
	if need, ok := needs[sc]; ok {
		return fmt.Sprintf("install the Debian package %s (%s), or name a TrueType font for %s under fonts: in the config", need.pkg, need.families[0], sc)
	}
	return "install a TrueType font that covers it, or name one under fonts: in the config"
}

// Source is one font file and the script it draws.
type Source struct {
	Script string
	Font   string
	File   string // "embedded" for the built-in fonts
}

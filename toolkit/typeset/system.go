package typeset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/fontscan"
	"github.com/go-text/typesetting/language"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/render/pdf/cidfont"
)

// scriptNeed says which font families can draw a script the embedded
// fonts lack, best first, and where to get one on each system: the
// Debian package, and the font that comes with Windows and with macOS.
type scriptNeed struct {
	name     string // the script's English name
	families []string
	pkg      string // Debian
	windows  string // ships with Windows 10 and 11
	mac      string // ships with macOS
}

// needs covers the scripts of the languages the project writes that
// DejaVu Sans does not: Gurmukhi (Punjabi), Devanagari (Hindi), Ethiopic
// (Tigrinya, Amharic) and Han (Chinese). Each list names the Noto or
// Droid families Linux has first, then those Windows and macOS ship,
// which often come as collections (.ttc): Nirmala UI, Ebrima, Microsoft
// YaHei, PingFang. Only TrueType (glyf) faces work: the PDF writer embeds
// glyph outlines by glyph ID, so a face with CFF outlines is passed over.
var needs = map[language.Script]scriptNeed{
	language.Gurmukhi: {"Gurmukhi", []string{"Noto Sans Gurmukhi", "Noto Serif Gurmukhi", "Nirmala UI", "Raavi", "Gurmukhi MN", "Gurmukhi Sangam MN", "Mukta Mahee"},
		"fonts-noto-core", "Nirmala UI", "Gurmukhi MN"},
	language.Devanagari: {"Devanagari", []string{"Noto Sans Devanagari", "Noto Serif Devanagari", "Nirmala UI", "Mangal", "Kohinoor Devanagari", "Devanagari Sangam MN", "ITF Devanagari"},
		"fonts-noto-core", "Nirmala UI", "Kohinoor Devanagari"},
	language.Ethiopic: {"Ethiopic", []string{"Noto Sans Ethiopic", "Noto Serif Ethiopic", "Ebrima", "Kefa"},
		"fonts-noto-core", "Ebrima", "Kefa"},
	language.Han: {"Han (Chinese)", []string{"Droid Sans Fallback", "Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", "DengXian", "SimSun", "PingFang SC", "Heiti SC", "Songti SC"},
		"fonts-droid-fallback", "Microsoft YaHei", "PingFang SC"},
	// DejaVu Sans draws Arabic and Persian, but lacks letters Urdu needs
	// (ہ U+06C1, ۃ…), so Urdu is set in Noto Sans Arabic throughout.
	language.Arabic: {"Arabic", []string{"Noto Sans Arabic", "Noto Naskh Arabic", "Segoe UI", "Geeza Pro"},
		"fonts-noto-core", "Segoe UI", "Geeza Pro"},
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
	// base draws every script no other family is for. It is loaded when
	// the first text is set (Typesetter.set): a command that sets none,
	// such as `awarekit version`, parses no font.
	baseOnce sync.Once
	loadBase func() (Family, error)
	base     Family
	baseErr  error

	mu       sync.Mutex
	byScript map[language.Script]*Family // nil entry: looked for, not found
	user     map[language.Script][]string
	scan     func() ([]fontscan.Footprint, error)
	// warnings are what the system scan found wrong with fontconfig's
	// settings (a file passed over), once each. The scan runs under mu,
	// so they have their own lock. searched says text (or Knows) needed
	// the scan: one run ahead (SearchAhead) for text that then needs
	// none says nothing.
	warnMu   sync.Mutex
	warnings []string
	searched bool
	// damaged names, by script, the machine's font passed over because
	// the PDF writer cannot embed it (under mu), for the error that no
	// font draws the script.
	damaged map[language.Script]string
}

// NewFonts returns a collection over base. user maps script names (as
// ISO 15924 codes, e.g. "Guru", "Hans") to font files the user named in
// the config (regular first, then bold); they win over fonts found on the
// machine.
func NewFonts(base Family, user map[string][]string) (*Fonts, error) {
	return newFonts(func() (Family, error) { return base, nil }, user)
}

// EmbeddedFonts is NewFonts over the Embedded family, which is parsed
// when the first text is set.
func EmbeddedFonts(user map[string][]string) (*Fonts, error) {
	return newFonts(Embedded, user)
}

func newFonts(base func() (Family, error), user map[string][]string) (*Fonts, error) {
	fs := &Fonts{loadBase: base, byScript: make(map[language.Script]*Family), user: make(map[language.Script][]string)}
	if err := fs.SetUser(user); err != nil {
		return nil, err
	}
	var once sync.Once
	var prints []fontscan.Footprint
	var scanErr error
	fs.scan = func() ([]fontscan.Footprint, error) {
		once.Do(func() {
			var warnings []string
			prints, warnings, scanErr = systemScan(fontDirectories)
			fs.warnMu.Lock()
			fs.warnings = warnings
			fs.warnMu.Unlock()
		})
		return prints, scanErr
	}
	return fs, nil
}

// Warnings are what the search of the machine's fonts found wrong, once
// each: a file of fontconfig's settings that cannot be read, whose font
// folders were not searched. None before the search (the first text set
// in a script the embedded fonts lack).
func (fs *Fonts) Warnings() []string {
	fs.warnMu.Lock()
	defer fs.warnMu.Unlock()
	if !fs.searched {
		return nil
	}
	return slices.Clone(fs.warnings)
}

// needSearch runs the search of the machine's fonts, once a process, for
// text or Knows that need what it finds.
func (fs *Fonts) needSearch(scan func() ([]fontscan.Footprint, error)) ([]fontscan.Footprint, error) {
	prints, err := scan()
	fs.warnMu.Lock()
	fs.searched = true
	fs.warnMu.Unlock()
	return prints, err
}

// SearchAhead runs the search of the machine's fonts now, on the
// caller's goroutine, if text in one of langs would (Searches): for a
// build, on the core the plan's check leaves idle, rather than when the
// first material's text needs it, with the other worker waiting (some
// 30-100 ms for 321 font files here, more on a machine with more). What
// it finds wrong (Warnings) is said only once text needs the search, as
// without it. langs are language tags, each with its script's ISO 15924
// code (as the locale gives it).
func (fs *Fonts) SearchAhead(langs map[string]string) {
	for lang, code := range langs {
		sc, err := ParseScriptCode(code)
		if err != nil || !fs.searches(sc, lang) {
			continue
		}
		fs.mu.Lock()
		scan := fs.scan
		fs.mu.Unlock()
		_, _ = scan()
		return
	}
}

// searches reports whether the letters of sc in a text in lang take a
// family found on the machine (check's choice for a letter the base
// family draws): not for a script the user named fonts for, nor for one
// the embedded fonts draw well outside the languages of systemFor.
func (fs *Fonts) searches(sc language.Script, lang string) bool {
	if _, ok := needs[sc]; !ok || fs.hasUser(sc) {
		return false
	}
	langBase, _, _ := strings.Cut(lang, "-")
	return !baseFirst[sc] || systemFor[langBase] == sc
}

// systemFootprints describes the machine's fonts: every face of every
// file under the folders dirs names (fontDirectories: the usual ones and
// fontconfig's, as fontscan names them), in the order fontscan.SystemFonts
// gives them, from the tables that name a face and its weight alone.
//
// fontscan.SystemFonts keeps an index of what each font covers in the
// user's cache folder and wrote it again in every process (56 M
// instructions of a build of 250 Punjabi flyers under callgrind, of 110 M
// for the whole look-up, while the other worker waited for the font):
// a write outside the output folder on every run. Without a home
// folder, or with one that cannot be written (a service, a container, a
// cron job), it found no font at all. Naming a face takes its name and
// OS/2 tables; what it covers is not needed here, as a family is chosen
// by name (find), and the few faces of the family chosen are checked as
// fontscan checks every face (usableCmap).
func systemFootprints(dirs func(fontscan.Logger) ([]string, error)) ([]fontscan.Footprint, error) {
	prints, _, err := systemScan(dirs)
	return prints, err
}

// systemScan is systemFootprints with what was found wrong with
// fontconfig's settings on the way.
func systemScan(dirs func(fontscan.Logger) ([]string, error)) ([]fontscan.Footprint, []string, error) {
	logger := &fontLog{}
	found, err := dirs(logger)
	if err != nil {
		return nil, logger.warnings, err
	}
	var out []fontscan.Footprint
	var buf []byte
	visited := map[string]bool{}
	walk := newFontWalk()
	var cut []string // the font folders whose walks stopped, and where
	for _, dir := range found {
		// fontscan's walk: a folder that cannot be read is passed over,
		// a file is taken once whatever folders lead to it, links are
		// followed to the file; and here, to a folder too (fontWalk).
		full := walk.walk(dir, func(path string) {
			if visited[path] {
				return
			}
			visited[path] = true
			info, err := os.Stat(path)
			if err != nil || ignoreFontFile(info.Name()) {
				return
			}
			out, buf = describeFile(out, buf, path)
		})
		if full != "" {
			cut = append(cut, dir, full)
		}
	}
	for i := 0; i < len(cut); i += 2 {
		warn(logger, "the font folder %s holds more than %d files and folders, so the search for fonts in it stopped in %s: a link in it may lead out of it (to a home folder); the fonts after that in it are not found, those of the other font folders are", cut[i], maxFontEntries, cut[i+1])
	}
	return out, logger.warnings, nil
}

// ignoreFontFile reports whether a file of this name is surely no font
// (the files fontscan passes over).
func ignoreFontFile(name string) bool {
	if name == "" || name[0] == '.' {
		return true
	}
	for _, ext := range []string{".enc.gz", ".afm", ".pfm", ".dir", ".scale", ".alias", ".pcf", ".pcf.gz", ".pfb"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// describeFile appends the footprint of each face of the font file at
// path to out: its place, its family (normalised) and its aspect. A file
// that is not a font, or cannot be read, adds none; buf is reused. Only
// a regular file is opened: a named pipe in a font folder would hang
// the run, a link to a device would be read without end.
func describeFile(out []fontscan.Footprint, buf []byte, path string) (_ []fontscan.Footprint, _ []byte) {
	file, err := input.Open(input.Font, path)
	if err != nil {
		return out, buf
	}
	defer file.Close()
	if !directoryFits(file) {
		return out, buf
	}
	n := len(out)
	defer func() {
		// go-text's reader indexes some tables without checking their
		// length (see parseLean): a damaged font is passed over.
		if recover() != nil {
			out = out[:n]
		}
	}()
	loaders, _ := ot.NewLoaders(file)
	for i, ld := range loaders {
		var desc font.Description
		desc, buf = font.Describe(ld, buf)
		out = append(out, fontscan.Footprint{
			Location: font.FontID{File: path, Index: uint16(i)},
			Family:   font.NormalizeFamily(desc.Family),
			Aspect:   desc.Aspect,
		})
	}
	return out, buf
}

// usableCmap reports whether the face at loc has a character map that
// go-text reads: fontscan leaves a face out of its index without one.
func usableCmap(loc font.FontID) (ok bool) {
	file, err := input.Open(input.Font, loc.File)
	if err != nil {
		return false
	}
	defer file.Close()
	if !directoryFits(file) {
		return false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	loaders, err := ot.NewLoaders(file)
	if err != nil || int(loc.Index) >= len(loaders) {
		return false
	}
	raw, err := loaders[loc.Index].RawTable(ot.MustNewTag("cmap"))
	if err != nil {
		return false
	}
	cmap, _, err := tables.ParseCmap(raw)
	if err != nil {
		return false
	}
	_, _, err = font.ProcessCmap(cmap, tables.FPNone)
	return err == nil
}

// Base returns the base family, loading it on first use.
func (fs *Fonts) Base() (Family, error) {
	fs.baseOnce.Do(func() { fs.base, fs.baseErr = fs.loadBase() })
	return fs.base, fs.baseErr
}

// FontFileError is a font file named for a script that cannot be used:
// not a font, damaged, CFF outlines, not to be embedded. Path is the
// file as it was named, so that the caller can say where it was.
type FontFileError struct {
	Script string
	Path   string
	Err    error
}

func (e *FontFileError) Error() string { return "fonts: " + e.Script + ": " + e.Err.Error() }
func (e *FontFileError) Unwrap() error { return e.Err }

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
			f, err := loadFile(path)
			if err == nil {
				err = embeddable(f)
			}
			if err != nil {
				return &FontFileError{Script: ScriptCode(sc), Path: path, Err: err}
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
	prints, err := fs.needSearch(fs.scan)
	if err != nil {
		return nil
	}
	for _, want := range need.families {
		key := font.NormalizeFamily(want)
		var regular, bold *fontscan.Footprint
		for i := range prints {
			fp := &prints[i]
			if fp.Family != key || fp.Aspect.Style != font.StyleNormal {
				continue
			}
			// The regular face; for bold, Bold, else the nearest heavier
			// (a collection such as PingFang has Semibold and no Bold).
			// A face without a character map go-text reads is passed
			// over, as fontscan's index left it out.
			switch w := fp.Aspect.Weight; {
			case w == font.WeightNormal:
				if regular == nil && usableCmap(fp.Location) {
					regular = fp
				}
			case w >= font.WeightSemibold && w <= font.WeightExtraBold:
				if (bold == nil || absWeight(w-font.WeightBold) < absWeight(bold.Aspect.Weight-font.WeightBold)) && usableCmap(fp.Location) {
					bold = fp
				}
			}
		}
		if regular == nil {
			continue
		}
		r, err := loadFace(regular.Location.File, int(regular.Location.Index))
		if err != nil {
			continue // CFF outlines, or damaged: the next family
		}
		// A face the PDF writer cannot embed (its loca table short of
		// its glyph count, a glyph outside glyf) was chosen and stopped
		// every PDF at the end ("render pdf: … parse font: loca table
		// too short"), where a PNG or the text was made: it is passed
		// over as a damaged one is, and named if no other font draws
		// the script. Parsing it costs some 50-75 µs, once a process.
		if why := pdfProblem(r); why != "" {
			if fs.damaged == nil {
				fs.damaged = map[language.Script]string{}
			}
			if _, ok := fs.damaged[sc]; !ok {
				fs.damaged[sc] = r.Source + ", is damaged (" + why + ")"
			}
			continue
		}
		fam := Family{Regular: r}
		if bold != nil {
			if b, err := loadFace(bold.Location.File, int(bold.Location.Index)); err == nil && pdfProblem(b) == "" {
				fam.Bold = b
			}
		}
		return &fam
	}
	return nil
}

func absWeight(w font.Weight) font.Weight {
	if w < 0 {
		return -w
	}
	return w
}

// loadFile reads the font at path: a TrueType file, or the first face of
// a collection.
func loadFile(path string) (*Font, error) { return loadFace(path, 0) }

// loadFace reads face index of the font file at path: a TrueType file
// (index 0), or a face of a collection (.ttc, .otc) cut out into a font
// of its own. A face with CFF outlines is refused, saying why: the PDF
// writer embeds TrueType glyphs.
func loadFace(path string, index int) (*Font, error) {
	data, err := input.ReadFile(input.Font, path)
	if err != nil {
		return nil, err
	}
	return parseFace(path, data, index)
}

// parseFace is loadFace on a file already read.
func parseFace(path string, data []byte, index int) (*Font, error) {
	if _, err := collectionFaces(data); err == nil {
		if data, err = extractFace(data, index); err != nil {
			return nil, fmt.Errorf("font %s: %w", path, err)
		}
	} else if !errors.Is(err, errNotCollection) {
		return nil, fmt.Errorf("font %s: %w", path, err)
	} else if index != 0 {
		return nil, fmt.Errorf("font %s is not a collection; it has no face %d", path, index)
	}
	if bytes.HasPrefix(data, []byte("OTTO")) {
		return nil, fmt.Errorf("font %s has CFF (PostScript) outlines, which awarekit cannot embed in a PDF; use a TrueType font (.ttf, or a .ttc of TrueType faces)", path)
	}
	if err := tablesFit(data); err != nil {
		return nil, fmt.Errorf("font %s is cut short or damaged (%v); copy or download it again, or name another .ttf file, like NotoSansGurmukhi-Regular.ttf", path, err)
	}
	face, err := parseLean(data)
	if err != nil && !trueType(data) {
		// The parser's words are the first bytes as numbers ("unknown
		// font format tag [114 111 111 116]", /etc/passwd's "root").
		return nil, fmt.Errorf("font %s could not be read as a TrueType font: it is no font file (it begins %s); name a .ttf file, like NotoSansGurmukhi-Regular.ttf", path, input.Quote(strings.ToValidUTF8(string(data[:min(len(data), 8)]), "?")))
	}
	if err != nil {
		return nil, fmt.Errorf("font %s could not be read as a TrueType font (%v); name a .ttf file, like NotoSansGurmukhi-Regular.ttf", path, err)
	}
	name := face.Describe().Family
	bold := face.Describe().Aspect.Weight >= font.WeightSemibold
	if bold {
		name += " Bold"
	}
	return &Font{Name: name, Source: path, Data: data, Bold: bold, font: face.Font}, nil
}

// embeddable checks that the PDF writer can put a font the user named
// into a document, as it reads it (cidfont.Parse): a font whose loca
// table is empty or shorter than its glyph count says, whose glyphs lie
// outside its glyf table, or whose licence forbids embedding, passed the
// load and stopped the PDF writer ("render pdf: font Noto Sans Gurmukhi
// (loca0.ttf): parse font: loca table too short for the glyph count").
func embeddable(f *Font) error {
	if why := pdfProblem(f); why != "" {
		return fmt.Errorf("font %s cannot be put into a PDF (%s); copy or download it again, or name another TrueType font (.ttf), like NotoSansGurmukhi-Regular.ttf", f.Source, why)
	}
	return nil
}

// pdfProblem is why the PDF writer cannot embed f (cidfont.Parse), or "".
func pdfProblem(f *Font) string {
	if _, err := cidfont.Parse(f.Data); err != nil {
		return strings.TrimPrefix(err.Error(), "parse font: ")
	}
	return ""
}

// Knows reports whether path is a font file fs would take a family
// from: one named under fonts:, or one the search of the machine's font
// folders found (which runs the search, once a process, if no text has
// yet).
func (fs *Fonts) Knows(path string) bool {
	fs.mu.Lock()
	for _, files := range fs.user {
		if slices.Contains(files, path) {
			fs.mu.Unlock()
			return true
		}
	}
	scan := fs.scan
	fs.mu.Unlock()
	prints, err := fs.needSearch(scan)
	if err != nil {
		return false
	}
	for _, fp := range prints {
		if fp.Location.File == path {
			return true
		}
	}
	return false
}

// damagedFor names the machine's font for sc passed over because the
// PDF writer cannot embed it, with why, or "".
func (fs *Fonts) damagedFor(sc language.Script) string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.damaged[sc]
}

// tablesFit checks a TrueType file's table directory: every table it
// lists lies inside the file. A font cut short (a half-copied download)
// was taken here, then stopped the PDF writer ("table "DSIG" runs past
// the end of the file"), or go-text's reader panicked on it.
func tablesFit(data []byte) error {
	if !trueType(data) {
		return nil // not a TrueType file at all: the parser says so
	}
	return sfntTablesFit(bytes.NewReader(data), 0, uint64(len(data)))
}

// trueType reports whether data begins as a TrueType font file does.
func trueType(data []byte) bool {
	return len(data) >= 4 && (binary.BigEndian.Uint32(data) == 0x00010000 || string(data[:4]) == "true")
}

// sfntTablesFit checks the table directory of the font at off in r, a
// file of size bytes: every table it lists lies inside the file.
func sfntTablesFit(r io.ReaderAt, off, size uint64) error {
	head := readAt(r, size, off, 12)
	if head == nil {
		return errors.New("it is shorter than a font's header")
	}
	n := int(binary.BigEndian.Uint16(head[4:]))
	dir := readAt(r, size, off+12, 16*n)
	if dir == nil {
		return errors.New("its table directory runs past the end of the file")
	}
	for i := range n {
		rec := dir[16*i:]
		start, length := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if start+length > size {
			return fmt.Errorf("its table %q runs past the end of the file", printableTag(rec[:4]))
		}
	}
	return nil
}

// readAt returns the n bytes at off in r, a file of size bytes, or nil
// when they run past its end or cannot be read.
func readAt(r io.ReaderAt, size, off uint64, n int) []byte {
	if off+uint64(n) > size {
		return nil
	}
	b := make([]byte, n)
	if _, err := r.ReadAt(b, int64(off)); err != nil {
		return nil
	}
	return b
}

// maxTable is the most a font's table may unpack to (a WOFF table is
// deflated): the largest table of the Noto CJK fonts is some 15 MB.
const maxTable = 64 << 20

// directoryFits reports whether every table the font file's directories
// list lies inside the file, and no WOFF table unpacks to more than
// maxTable. go-text's reader makes a buffer of the length a directory
// claims before it reads a table, so a damaged font in a font folder
// claiming a 4 GB table (a half-written download, a hostile file) made
// every run that looks for a system font allocate it, and a run out of
// memory is no panic that can be recovered from. Collections are checked
// font by font; a file of another kind (a Mac dfont, which go-text reads
// too, has not been seen in a font folder here) is passed over.
func directoryFits(file *os.File) bool {
	info, err := file.Stat()
	if err != nil {
		return false
	}
	size := uint64(info.Size())
	at := func(off uint64, n int) []byte { return readAt(file, size, off, n) }
	head := at(0, 12)
	if head == nil {
		return false
	}
	switch string(head[:4]) {
	case "\x00\x01\x00\x00", "true", "OTTO", "typ1":
		return sfntTablesFit(file, 0, size) == nil
	case "ttcf":
		n := binary.BigEndian.Uint32(head[8:])
		if n == 0 || n > 1<<10 {
			return false
		}
		offs := at(12, 4*int(n))
		if offs == nil {
			return false
		}
		for i := range int(n) {
			if sfntTablesFit(file, uint64(binary.BigEndian.Uint32(offs[4*i:])), size) != nil {
				return false
			}
		}
		return true
	case "wOFF":
		woff := at(0, 44)
		if woff == nil {
			return false
		}
		n := int(binary.BigEndian.Uint16(woff[12:]))
		dir := at(44, 20*n)
		if dir == nil {
			return false
		}
		for i := range n {
			rec := dir[20*i:]
			start, packed, length := uint64(binary.BigEndian.Uint32(rec[4:])), uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
			if start+packed > size || length > maxTable {
				return false
			}
		}
		return true
	}
	return false
}

// printableTag is a table's tag as a message may show it.
func printableTag(tag []byte) string {
	for _, b := range tag {
		if b < 0x20 || b > 0x7E {
			return fmt.Sprintf("%X", tag)
		}
	}
	return string(tag)
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

// scanDirs describes every font file under dirs, each face of a
// collection (.ttc, .otc) included; files that are not fonts are passed
// over, as the system scan does.
func scanDirs(dirs []string) []fontscan.Footprint {
	var out []fontscan.Footprint
	walk := newFontWalk()
	for _, dir := range dirs {
		walk.walk(dir, func(path string) {
			switch strings.ToLower(filepath.Ext(path)) {
			case ".ttf", ".otf", ".ttc", ".otc":
			default:
				return
			}
			data, err := input.ReadFile(input.Font, path)
			if err != nil {
				return
			}
			faces := 1
			if n, err := collectionFaces(data); err == nil {
				faces = n
			}
			for i := range faces {
				f, err := parseFace(path, data, i)
				if err != nil {
					continue
				}
				desc := f.font.Describe()
				out = append(out, fontscan.Footprint{Location: font.FontID{File: path, Index: uint16(i)}, Family: font.NormalizeFamily(desc.Family), Aspect: desc.Aspect})
			}
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

// scriptName is sc's English name where awarekit knows what draws it,
// else its ISO 15924 code.
func scriptName(sc language.Script) string {
	if need, ok := needs[sc]; ok {
		return need.name
	}
	return ScriptCode(sc)
}

// family names f by its regular face, the name a person looks for.
func family(f Family) string {
	if f.Regular != nil {
		return f.Regular.Name
	}
	return f.Pick(false).Name
}

// installHint says what to install for a script this machine cannot
// draw, in the terms of its system.
func installHint(sc language.Script) string { return installHintFor(runtime.GOOS, sc) }

func installHintFor(goos string, sc language.Script) string {
	need, ok := needs[sc]
	if !ok && !knownScripts()[sc] || sc == language.Common || sc == language.Inherited {
		return "install a TrueType font that covers it, or name one under fonts: in the config"
	}
	if !ok {
		// Installing one was no help: the machine's fonts are searched
		// for the scripts of awarekit's languages only (a Thai name in
		// an English flyer failed with Noto Sans Thai installed).
		return fmt.Sprintf("name a TrueType font that draws it for %s under fonts: in the config (awarekit looks on this computer only for the scripts of its own languages), or take the character out", ScriptCode(sc))
	}
	code := ScriptCode(sc)
	switch goos {
	case "windows":
		return fmt.Sprintf("Windows 10 and 11 draw it with %s: add the language in Settings (Time & language, Language & region) so that Windows installs its fonts, or install %s; or name a TrueType font for %s under fonts: in the config", need.windows, need.families[0], code)
	case "darwin":
		return fmt.Sprintf("macOS draws it with %s: download it in Font Book (it may be listed but not installed), or install %s; or name a TrueType font for %s under fonts: in the config", need.mac, need.families[0], code)
	}
	return fmt.Sprintf("install the Debian package %s (%s), or name a TrueType font for %s under fonts: in the config", need.pkg, need.families[0], code)
}

// Source is one font file and the script it draws.
type Source struct {
	Script string
	Font   string
	File   string // "embedded" for the built-in fonts
}

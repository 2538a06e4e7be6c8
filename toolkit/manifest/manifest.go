// Package manifest records what a build wrote: each file with the inputs
// it was made from and its checksum, in manifest.json, so that the next
// build can tell what changed and a print shop or a script can check
// every file. It reads earlier builds' manifests and hashes the inputs
// (organisation, fonts, files) that decide whether an output is current.
package manifest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Version is the version of the manifest's format.
const Version = 1

// FileName is the manifest of a whole build, in the output folder.
const FileName = "manifest.json"

// Manifest records what a build wrote, so the next build can tell what
// changed and a print shop or a script can check every file. It holds no
// times, so an unchanged build writes the same bytes.
type Manifest struct {
	Version int     `json:"manifest_version"`
	Program string  `json:"program"`
	Content string  `json:"content_version"`
	Plan    string  `json:"plan"`
	Shard   string  `json:"shard,omitempty"` // "2/4" for a shard's manifest
	Outputs []Entry `json:"outputs"`
	Pack    *Entry  `json:"pack,omitempty"`
	Index   *Entry  `json:"index,omitempty"`
	// Sets are the partner organisations' folders, when the plan names
	// partners (organisations:): each with its own pack and index page.
	Sets []Set `json:"sets,omitempty"`
	// Earlier are files an earlier build made that this build does not
	// make and did not remove, still in the folder: none of them is an
	// output, pack or index page of this build. The next build removes
	// or names each again; a record goes once its file is gone.
	Earlier []Earlier `json:"earlier,omitempty"`
}

// Earlier is a file an earlier build made that a later one does not:
// a material dropped from the plan, a pack or index page no longer
// made, a partner's files, or the further files of one of them.
type Earlier struct {
	File string `json:"file"`
	// Plan is the plan file (its base name) of the build that made it:
	// a build of another plan never removes it.
	Plan string `json:"plan"`
	// What is "print pack" or "index page", "further file of NAME" for
	// a page or caption of the output NAME that a build still makes, ""
	// for a material.
	What   string `json:"what,omitempty"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
	Also   []Part `json:"also,omitempty"`
	// Left is why a build left the file where it would have removed it
	// (it was changed since, or is a link); "" when no build has
	// settled it yet (the build that stopped making it was interrupted).
	Left string `json:"left,omitempty"`
	// Keep marks a file a build kept on purpose (Options.KeepEarlier:
	// serve's workshops share one folder and one plan name): no build
	// removes it; each names it.
	Keep bool `json:"keep,omitempty"`
}

// Stray is the first file e names outside its place, as Entry.Stray.
func (e *Earlier) Stray() (string, bool) {
	return (&Entry{File: e.File, Also: e.Also}).Stray()
}

// Files are e's file and each further file, as entries to compare with
// the disk (OnDisk).
func (e *Earlier) Files() []Entry {
	files := []Entry{{File: e.File, SHA256: e.SHA256, Bytes: e.Bytes}}
	for _, p := range e.Also {
		files = append(files, Entry{File: p.File, SHA256: p.SHA256, Bytes: p.Bytes})
	}
	return files
}

// Part is the record of p, one of e's files, on its own.
func (e Earlier) Part(p Part) Earlier {
	return Earlier{File: p.File, Plan: e.Plan, What: e.What, SHA256: p.SHA256, Bytes: p.Bytes, Left: e.Left, Keep: e.Keep}
}

// EarlierOf is the record of e, an entry a build of plan wrote, once a
// build no longer makes it; what is "" for a material.
func EarlierOf(e *Entry, plan, what string) Earlier {
	return Earlier{File: e.File, Plan: plan, What: what, SHA256: e.SHA256, Bytes: e.Bytes, Also: e.Also}
}

// Set is one partner organisation's folder.
type Set struct {
	Folder       string `json:"folder"`
	Organisation string `json:"organisation"` // its name, as printed
	Pack         *Entry `json:"pack,omitempty"`
	Index        *Entry `json:"index,omitempty"`
}

// Entry is one file the build wrote.
type Entry struct {
	File         string  `json:"file"`
	Inputs       *Inputs `json:"inputs,omitempty"`
	InputsSHA256 string  `json:"inputs_sha256"`
	SHA256       string  `json:"sha256"`
	Bytes        int64   `json:"bytes"`
	Pages        int     `json:"pages,omitempty"`
	Copies       int     `json:"copies,omitempty"`
	// ModTime is the file's modification time when it was written, in
	// nanoseconds: a file with its recorded size and time is taken as
	// unchanged without reading it again.
	ModTime int64 `json:"mtime_ns,omitempty"`
	// Also lists the output's further files, for a backend that makes one
	// file per page (png, svg): the other pages, and each image's caption.
	Also []Part `json:"also,omitempty"`
}

// Part is one further file of an output.
type Part struct {
	File    string `json:"file"`
	SHA256  string `json:"sha256"`
	Bytes   int64  `json:"bytes"`
	ModTime int64  `json:"mtime_ns,omitempty"`
}

// Beside reports whether file, a path a manifest names, is a plain file
// name in the same folder as name, an output's file: no .., no absolute
// path, no backslash, nothing to clean. A manifest is in the output
// folder, where anything may have been put, and a build reads and hashes
// the files it names.
func Beside(file, name string) bool {
	return Local(file) && path.Dir(file) == path.Dir(name)
}

// Local reports whether file is a plain slash-separated path inside a
// folder: no .., no absolute path, no backslash, nothing to clean.
func Local(file string) bool {
	return fs.ValidPath(file) && file != "." && path.Clean(file) == file &&
		filepath.IsLocal(filepath.FromSlash(file)) && !strings.ContainsRune(file, '\\')
}

// Stray is the first file e names outside its place, and true: its own
// file, when that is not a path inside the output folder
// (../../etc/passwd, an absolute path, "", which is the folder itself),
// then a further file not beside it. False when there is none.
func (e *Entry) Stray() (string, bool) {
	if !Local(e.File) {
		return e.File, true
	}
	for _, p := range e.Also {
		if !Beside(p.File, e.File) {
			return p.File, true
		}
	}
	return "", false
}

// StrayError is a manifest that names a file outside its place.
type StrayError struct {
	Manifest string // the manifest's path
	Output   string // the entry's file
	File     string // the file outside
}

func (e *StrayError) Error() string {
	file := strconv.Quote(e.File)
	if e.File == "" {
		// The folder itself, which a build would take for a file of
		// its own.
		file = `a file with no name ("")`
	}
	what := fmt.Sprintf("%s lists %s, which is not a file in its folder", e.Manifest, file)
	if e.File != e.Output {
		output := e.Output
		if output == "" {
			output = "a file with no name"
		}
		what = fmt.Sprintf("%s lists %s with %s, which is not a file beside it", e.Manifest, file, output)
	}
	return what + "; a build reads only the files it wrote in its output folder, and this manifest was not written by one: delete " +
		e.Manifest + " (the next build then checks every file again), or build into an empty folder"
}

// ForeignError is a file in the output folder that no build wrote, which
// a build would write over: a manifest.json that is a JSON object
// without manifest_version, which every manifest awarekit writes has (a
// web app's, say), or an index.html where there is no build's manifest
// (a website's). A build wrote over both.
type ForeignError struct {
	Manifest string // the manifest's path, or
	Page     string // the page's
	// Why the manifest is not a build's: what it lacks.
	Why string
}

func (e *ForeignError) Error() string {
	if e.Page != "" {
		return e.Page + " is not a page awarekit wrote, another program's file perhaps, which a build would write over: build into another folder with --out, or delete " + e.Page + " if nothing needs it"
	}
	return e.Manifest + " is not a manifest awarekit wrote (" + e.Why + "), another program's file perhaps, which a build would write over (it writes manifest.json and index.html here): build into another folder with --out, or delete " + e.Manifest + " if nothing needs it"
}

// ErrLink is a file a manifest names that is a link (wherever it leads):
// a build never reads through one, and makes the file again over it only
// when nothing recorded it.
var ErrLink = errors.New("is a link, not a file a build wrote")

// AllOnDisk is OnDisk for the output's first file and every further one
// in dir: "" when all are as recorded, else why not.
func AllOnDisk(dir string, e *Entry) (string, error) {
	if why, err := OnDisk(filepath.Join(dir, e.File), e); why != "" || err != nil {
		return why, err
	}
	for _, p := range e.Also {
		why, err := OnDisk(filepath.Join(dir, p.File), &Entry{SHA256: p.SHA256, Bytes: p.Bytes, ModTime: p.ModTime})
		if why != "" || err != nil {
			return p.File + ": " + why, err
		}
	}
	return "", nil
}

// Stamp records the size and time of the file just written at path.
func (e *Entry) Stamp(path string) {
	if st, err := os.Stat(path); err == nil {
		e.Bytes, e.ModTime = st.Size(), st.ModTime().UnixNano()
	}
}

// OnDisk compares the file at path with the one e describes: by size
// and time when they match what was recorded, else by its sha256. It
// returns "" when they are the same, else why not. A link is never
// followed: it is an error wrapping ErrLink.
func OnDisk(path string, e *Entry) (string, error) {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "file missing", nil
	}
	if err != nil {
		return "", err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return "", &fs.PathError{Op: "read", Path: path, Err: ErrLink}
	}
	if e.ModTime != 0 && st.Size() == e.Bytes && st.ModTime().UnixNano() == e.ModTime {
		return "", nil
	}
	sha, _, err := FileHash(path)
	if err != nil {
		return "", err
	}
	if sha != e.SHA256 {
		return "file differs from the manifest", nil
	}
	return "", nil
}

// Inputs are what an output was made from. InputsSHA256 is the hash of
// all of them but Fonts, which are known only once the text is set: the
// build checks them on their own, by the hash of each file.
type Inputs struct {
	Audience       string     `json:"audience"`
	Language       string     `json:"language"`
	Format         string     `json:"format"`
	Backend        string     `json:"backend,omitempty"` // what drew a page format: pdf
	DPI            float64    `json:"dpi,omitempty"`     // of an image backend, when given
	Paper          string     `json:"paper"`
	Style          string     `json:"style,omitempty"` // large-print or high-contrast; "" for standard
	BleedMM        float64    `json:"bleed_mm,omitempty"`
	CropMarks      bool       `json:"crop_marks,omitempty"`
	Imposition     string     `json:"imposition,omitempty"` // single for one card a page; "" for sheets
	Province       string     `json:"province,omitempty"`   // whose verified lines were added
	ContentVersion string     `json:"content_version"`
	Program        string     `json:"program"`
	Organisation   string     `json:"organisation_sha256"` // the profile, logo bytes included
	Event          string     `json:"event_sha256"`
	FontConfig     string     `json:"font_config,omitempty"` // the fonts: setting, script=files
	Fonts          []FontFile `json:"fonts,omitempty"`
}

// FontFile is a font an output's text was set in.
type FontFile struct {
	Name   string `json:"name"`
	Source string `json:"source"` // "embedded" or the file's path
	SHA256 string `json:"sha256"`
}

// Hash is the hex SHA-256 of v's JSON.
func Hash(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic("manifest: hash: " + err.Error()) // only plain data is hashed
	}
	return Sum(data)
}

// Sum is the hex SHA-256 of data.
func Sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// Key is the inputs hash: everything but the fonts.
func (in Inputs) Key() string {
	in.Fonts = nil
	return Hash(in)
}

// OrgHash identifies the organisation profile, with the logo by its bytes
// rather than its path: moving the logo changes nothing, editing it does.
func OrgHash(o profile.Organisation) (string, error) {
	logo := ""
	if o.Logo != "" {
		data, err := input.ReadFile(input.Logo, o.Logo)
		if err != nil {
			return "", err
		}
		logo = Sum(data)
	}
	o.Logo = logo
	return Hash(o), nil
}

// manifestFile is how a manifest left by an earlier build is read: it
// is in the output folder, where anything may have been put.
var manifestFile = input.Kind{Name: "manifest", Limit: 256 << 20}

// FileHash hashes the file at path; a missing file is ("", nil).
func FileHash(path string) (string, int64, error) {
	// Something that is not a regular file (a named pipe left where an
	// output was) counts as missing: it is never opened, so never waited
	// on, and the output is made again over it. So is a link: never
	// followed out of the folder.
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && !st.Mode().IsRegular() {
		return "", 0, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", 0, nil
	}
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	// What was opened is what was looked at, not a link put in its place.
	if opened, err := f.Stat(); err != nil || !os.SameFile(st, opened) {
		return "", 0, nil
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// Fonts hashes each font once per build. Embedded fonts are hashed
// from memory; files on the machine are hashed from disk when an old
// manifest is checked, so replacing a font file rebuilds what used it.
// It is safe for concurrent use.
type Fonts struct {
	// Known, when set, reports whether a file is one the typesetter
	// would take a font from now: one found on the machine or named in
	// the fonts: setting. Changed reads no other.
	Known func(path string) bool

	mu   sync.Mutex
	data map[*typeset.Font]string
	file map[string]string
}

// NewFonts makes an empty set of font hashes.
func NewFonts() *Fonts {
	return &Fonts{data: map[*typeset.Font]string{}, file: map[string]string{}}
}

// Used lists the fonts a laid-out document's text is set in.
func (h *Fonts) Used(ld *layout.Document) []FontFile {
	var fonts []*typeset.Font
	for _, p := range ld.Pages {
		for _, e := range p.Elements {
			if e.Text == nil {
				continue
			}
			for _, r := range e.Text.Line.Runs {
				if r.Font != nil && !slices.Contains(fonts, r.Font) {
					fonts = append(fonts, r.Font)
				}
			}
		}
	}
	out := make([]FontFile, len(fonts))
	h.mu.Lock()
	defer h.mu.Unlock()
	for i, f := range fonts {
		s, ok := h.data[f]
		if !ok {
			s = Sum(f.Data)
			h.data[f] = s
		}
		out[i] = FontFile{Name: f.Name, Source: f.Source, SHA256: s}
	}
	slices.SortFunc(out, func(a, b FontFile) int { return strings.Compare(a.Name+a.Source, b.Name+b.Source) })
	return out
}

// Changed names the first font file on the machine that is no longer
// what the entry was made with, or "". A file the typesetter would not
// use now (Known) has changed, and is never read: the paths are those
// of an earlier build's manifest, in the output folder, where anything
// may have been put, and a file it named anywhere was read and hashed.
func (h *Fonts) Changed(fonts []FontFile) string {
	for _, f := range fonts {
		if f.Source == "embedded" {
			continue // part of the program, covered by its version
		}
		if !filepath.IsAbs(f.Source) {
			// Recorded as the settings named it, before paths were
			// made whole: which file it was cannot be told.
			return f.Name + " (" + f.Source + ")"
		}
		h.mu.Lock()
		s, ok := h.file[f.Source]
		h.mu.Unlock()
		if !ok {
			if h.Known == nil || h.Known(f.Source) {
				s, _, _ = FileHash(f.Source)
			}
			h.mu.Lock()
			h.file[f.Source] = s
			h.mu.Unlock()
		}
		if s != f.SHA256 {
			return f.Name + " (" + f.Source + ")"
		}
	}
	return ""
}

// ShardPattern matches the name of every part's manifest (ShardFileName).
const ShardPattern = "manifest.shard-*-of-*.json"

// ShardFileName names the manifest of part k of n of a build.
func ShardFileName(k, n int) string {
	return fmt.Sprintf("manifest.shard-%d-of-%d.json", k, n)
}

// Previous is what earlier builds recorded: the entries of manifest.json
// and of every shard manifest in the folder, so that a full build after
// sharded ones finds their outputs unchanged. The manifests are read
// through once, checked whole as before, and kept open: an entry is
// read again from its file when it is asked for. A manifest of ten
// thousand outputs is some 12 MB of JSON, and its entries decoded held
// some 10 MB; what is kept is where each entry is, some 30 bytes.
type Previous struct {
	Pack   *Entry         // the print pack
	Index  *Entry         // the index page
	Sets   map[string]Set // partners' folders, by folder
	Shards []string       // shard manifest files found
	Bad    []string       // manifests that could not be read
	// Plan is the plan file manifest.json was written for, and Earlier
	// its records of files an earlier build made that it did not.
	Plan    string
	Earlier []Earlier
	// Refused is a manifest that names a file outside its place
	// (StrayError): the build stops rather than read it.
	Refused error

	files []*os.File
	plans []string             // the plan each of files was written for
	at    map[uint64]entryAt   // by the hash of the file name (nameKey)
	more  map[uint64][]entryAt // further entries whose names hash alike
	n     int
}

// entryAt is where one entry is: in files[file], n bytes from off.
type entryAt struct {
	off  int64
	n    int32
	file int32
}

// nameKey hashes an output's file name (FNV-1a, 64 bits). Two names that
// hash alike are told apart when their entries are read.
func nameKey(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}

// Len is the number of entries recorded.
func (p *Previous) Len() int { return p.n }

// Entries are the entries recorded for the output file name, read from
// the manifests as they were when the build started: manifest.json's
// first, then the shards' in order. An entry that cannot be read again
// (its file changed under the build) is left out: that output is made
// again.
func (p *Previous) Entries(name string) []Entry {
	var out []Entry
	p.each(name, func(e Entry, _ string) { out = append(out, e) })
	return out
}

// Recorded are the entries recorded for the output file name, as
// Entries, each as the record of a file an earlier build made
// (EarlierOf), with the plan of the manifest that recorded it.
func (p *Previous) Recorded(name string) []Earlier {
	var out []Earlier
	p.each(name, func(e Entry, plan string) { out = append(out, EarlierOf(&e, plan, "")) })
	return out
}

// each calls f with each entry recorded for name, in the order of
// Entries, and the plan of the manifest that recorded it.
func (p *Previous) each(name string, f func(e Entry, plan string)) {
	k := nameKey(name)
	first, ok := p.at[k]
	if !ok {
		return
	}
	var buf []byte
	for _, at := range append([]entryAt{first}, p.more[k]...) {
		if e, ok := p.read(at, &buf); ok && e.File == name {
			f(e, p.plans[at.file])
		}
	}
}

// read decodes the entry at at, in buf's memory; false when it cannot
// be read again (its file changed under the build).
func (p *Previous) read(at entryAt, buf *[]byte) (Entry, bool) {
	*buf = slices.Grow((*buf)[:0], int(at.n))[:at.n]
	if _, err := p.files[at.file].ReadAt(*buf, at.off); err != nil {
		return Entry{}, false
	}
	var e Entry
	// The bytes before the entry's value: a comma and white space.
	if err := json.Unmarshal(bytes.TrimLeft(*buf, ", \t\r\n"), &e); err != nil {
		return Entry{}, false
	}
	return e, true
}

// Others are the outputs recorded for files that are not among names:
// what earlier builds made that this one does not make, by file name,
// each name once (manifest.json's entry first), in order of the names,
// each with the plan of the manifest that recorded it. Only the entries
// of names not among names are read again. A name whose hash is one of
// names' is taken as among them: its file is kept.
func (p *Previous) Others(names iter.Seq[string]) []Earlier {
	if p.n == 0 {
		return nil
	}
	have := make(map[uint64]struct{}, len(p.at))
	for n := range names {
		have[nameKey(n)] = struct{}{}
	}
	var out []Earlier
	var buf []byte
	for k, first := range p.at {
		if _, ok := have[k]; ok {
			continue
		}
		// A name recorded twice (by manifest.json and a part's) has one
		// key: its entries are all in this group.
		group := len(out)
		for _, at := range append([]entryAt{first}, p.more[k]...) {
			e, ok := p.read(at, &buf)
			if ok && !slices.ContainsFunc(out[group:], func(o Earlier) bool { return o.File == e.File }) {
				out = append(out, EarlierOf(&e, p.plans[at.file], ""))
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Earlier) int { return strings.Compare(a.File, b.File) })
	return out
}

// Close closes the manifests; Entries finds nothing after it. It is
// called before a new manifest.json takes the old one's place.
func (p *Previous) Close() {
	for _, f := range p.files {
		f.Close()
	}
	p.files, p.plans, p.at, p.more, p.n = nil, nil, nil, nil, 0
}

// ReadPrevious reads the manifests in dir. One that cannot be read is
// listed in Bad, and everything it listed counts as never built. The
// caller closes the returned Previous.
func ReadPrevious(dir string) *Previous {
	p := &Previous{Sets: map[string]Set{}, at: map[uint64]entryAt{}, more: map[uint64][]entryAt{}}
	names, _ := output.Matching(dir, ShardPattern)
	slices.Sort(names)
	p.Shards = names
	for _, path := range append([]string{filepath.Join(dir, FileName)}, names...) {
		f, err := input.Open(manifestFile, path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		var m Manifest
		var found []entryAt
		var keys []uint64
		listed := false
		if err == nil {
			m, found, keys, listed, err = scan(f, int32(len(p.files)))
		}
		if stray, ok := err.(*StrayError); ok {
			stray.Manifest = path
			f.Close()
			if p.Refused == nil {
				p.Refused = stray
			}
			continue
		}
		// Every manifest a build wrote, of any version, has its
		// manifest_version and its outputs (null when none); a web app's
		// has neither, a browser extension's (manifest_version 2 or 3)
		// no outputs.
		if why := ""; err == nil && (m.Version == 0 || !listed) {
			why = "it has no manifest_version"
			if m.Version != 0 {
				why = "it has no outputs, which every build's lists; a browser extension's, perhaps"
			}
			f.Close()
			if p.Refused == nil {
				p.Refused = &ForeignError{Manifest: path, Why: why}
			}
			continue
		}
		if err != nil || m.Version != Version {
			if f != nil {
				f.Close()
			}
			p.Bad = append(p.Bad, path)
			continue
		}
		p.files = append(p.files, f)
		p.plans = append(p.plans, m.Plan)
		for i, at := range found {
			if _, ok := p.at[keys[i]]; ok {
				p.more[keys[i]] = append(p.more[keys[i]], at)
			} else {
				p.at[keys[i]] = at
			}
		}
		p.n += len(found)
		if filepath.Base(path) == FileName {
			p.Plan, p.Earlier = m.Plan, m.Earlier
			p.Pack, p.Index = m.Pack, m.Index
			for _, s := range m.Sets {
				p.Sets[s.Folder] = s
			}
		}
	}
	if p.Refused == nil && len(p.files) == 0 {
		// No build's manifest that can be read (none, a damaged one, a
		// browser extension's of manifest_version 3): an index.html here
		// is a website's, say, unless a build wrote it.
		if page := filepath.Join(dir, IndexFile); foreignPage(page) {
			p.Refused = &ForeignError{Page: page}
		}
	}
	return p
}

// IndexFile is the page a build writes beside its manifest.
const IndexFile = "index.html"

// ownMarks are what an index.html a build wrote says: its generator
// (pack's page), or, before it said that, its foot ("Made with awarekit
// 0.1.0 from content version …").
var ownMarks = [][]byte{[]byte(`<meta name="generator" content="awarekit">`), []byte("Made with awarekit")}

// foreignPage reports whether path is a file that no build wrote: one
// that says none of ownMarks in its first megabyte.
func foreignPage(path string) bool {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return false
	}
	for _, m := range ownMarks {
		if bytes.Contains(data, m) {
			return false
		}
	}
	return true
}

// scan reads a manifest through, each entry of its outputs decoded (and
// dropped) in turn, so that a manifest json.Unmarshal would refuse is
// refused; it returns the manifest without its outputs, where each
// entry is and its name's key, and whether it has outputs at all.
func scan(f *os.File, file int32) (m Manifest, found []entryAt, keys []uint64, listed bool, err error) {
	dec := json.NewDecoder(bufio.NewReaderSize(io.LimitReader(f, manifestFile.Limit), 1<<16))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return m, nil, nil, false, errors.New("manifest: not a JSON object")
	}
	rest := map[string]json.RawMessage{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return m, nil, nil, false, err
		}
		key, _ := t.(string)
		if key != "outputs" {
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				return m, nil, nil, false, err
			}
			rest[key] = v
			continue
		}
		delete(rest, key)
		listed = true
		found, keys = found[:0], keys[:0]
		if t, err := dec.Token(); err != nil {
			return m, nil, nil, false, err
		} else if t == nil {
			continue // null: no outputs
		} else if t != json.Delim('[') {
			return m, nil, nil, false, errors.New("manifest: outputs is not a list")
		}
		for dec.More() {
			start := dec.InputOffset()
			var e Entry
			if err := dec.Decode(&e); err != nil {
				return m, nil, nil, false, err
			}
			if bad, ok := e.Stray(); ok {
				return m, nil, nil, false, &StrayError{Output: e.File, File: bad}
			}
			n := dec.InputOffset() - start
			if n > math.MaxInt32 {
				return m, nil, nil, false, errors.New("manifest: an entry is too large")
			}
			found = append(found, entryAt{off: start, n: int32(n), file: file})
			keys = append(keys, nameKey(e.File))
		}
		if _, err := dec.Token(); err != nil {
			return m, nil, nil, false, err
		}
	}
	if _, err := dec.Token(); err != nil {
		return m, nil, nil, false, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return m, nil, nil, false, errors.New("manifest: more after the JSON object")
	}
	// Everything but the outputs, as json.Unmarshal reads it.
	head, err := json.Marshal(rest)
	if err == nil {
		err = json.Unmarshal(head, &m)
	}
	if err == nil {
		err = strayHead(&m)
	}
	return m, found, keys, listed, err
}

// strayHead is the StrayError of the first print pack or index page m
// records under a name outside its place ("../../etc/passwd"): the
// entry of one kept was carried into the next manifest with that name;
// or of the first earlier build's file so recorded, which a build would
// remove.
func strayHead(m *Manifest) error {
	heads := []*Entry{m.Pack, m.Index}
	for _, s := range m.Sets {
		heads = append(heads, s.Pack, s.Index)
	}
	for _, e := range heads {
		if e == nil {
			continue
		}
		if bad, ok := e.Stray(); ok {
			return &StrayError{Output: e.File, File: bad}
		}
	}
	for _, e := range m.Earlier {
		if bad, ok := e.Stray(); ok {
			return &StrayError{Output: e.File, File: bad}
		}
	}
	return nil
}

// Encode gives m as manifest.json holds it: indented JSON, one trailing
// newline, the same bytes for the same manifest.
func Encode(m *Manifest) ([]byte, error) {
	var buf bytes.Buffer
	if err := encode(&buf, m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func encode(w io.Writer, m *Manifest) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(m)
}

// Write writes m atomically, so the folder always holds either the old
// manifest or the new one. It is encoded straight into the temporary
// file: the manifest of ten thousand outputs is 16 MB of JSON.
func Write(path string, m *Manifest) error {
	return output.WriteStream(path, func(w io.Writer) error { return encode(w, m) })
}

// Stream writes m as Encode does, with the entries outputs yields in
// place of m.Outputs, each encoded as it comes: the entries of a large
// build are never all held at once. What follows the list (the pack, the
// index page, the partners' folders) is encoded from m once outputs is
// done, so outputs may fill it in last: a build lists its outputs while
// its pack is still being finished.
func Stream(w io.Writer, m *Manifest, outputs iter.Seq[*Entry]) error {
	before, _, err := split(m)
	if err != nil {
		return err
	}
	// 16 KB: a build writes its entries while its pack's cover sheet is
	// made, near its peak of memory.
	bw := bufio.NewWriterSize(w, 1<<14)
	bw.Write(before)
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	var entry []byte
	n := 0
	for e := range outputs {
		var ok bool
		if entry, ok = appendEntry(entry[:0], e); !ok {
			// What encoding/json makes of it: an error.
			one.Reset()
			if err := enc.Encode(e); err != nil {
				return err
			}
			entry = append(entry[:0], bytes.TrimSuffix(one.Bytes(), []byte("\n"))...)
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(entry)
		n++
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	again, after, err := split(m)
	if err != nil {
		return err
	}
	if !bytes.Equal(again, before) {
		return errors.New("manifest: what comes before the outputs changed while they were written")
	}
	bw.Write(after)
	return bw.Flush()
}

// split is m encoded without its outputs, cut where they go: before is
// up to the list's opening bracket, after from its closing one on.
func split(m *Manifest) (before, after []byte, err error) {
	head := *m
	head.Outputs = []Entry{}
	var buf bytes.Buffer
	if err := encode(&buf, &head); err != nil {
		return nil, nil, err
	}
	const empty = "\n  \"outputs\": []"
	whole := buf.Bytes()
	i := bytes.Index(whole, []byte(empty))
	if i < 0 {
		return nil, nil, errors.New("manifest: no outputs list to fill")
	}
	return whole[:i+len(empty)-1], whole[i+len(empty)-1:], nil
}

// FontConfig writes the fonts: setting as "script=file,file;…" in script
// order, or "" when there is none. Paths are relative to the plan's
// folder, so building from another working folder changes nothing.
func FontConfig(fonts map[string][]string, dir string) string {
	var parts []string
	for _, script := range slices.Sorted(maps.Keys(fonts)) {
		files := make([]string, len(fonts[script]))
		for i, f := range fonts[script] {
			files[i] = f
			if abs, err := filepath.Abs(f); err == nil {
				if absDir, err := filepath.Abs(dir); err == nil {
					if rel, err := filepath.Rel(absDir, abs); err == nil {
						files[i] = filepath.ToSlash(rel)
					}
				}
			}
		}
		parts = append(parts, script+"="+strings.Join(files, ","))
	}
	return strings.Join(parts, ";")
}

package translate

import (
	"errors"
	"fmt"
	"golang.org/x/text/unicode/norm"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// Formats of a translation file.
const (
	XLIFF = "xliff"
	PO    = "po"
	CSV   = "csv"
	TOML  = "toml"
)

// Formats lists the translation file formats, the default first.
var Formats = []string{XLIFF, PO, CSV, TOML}

// Ext is the file extension a format is written with.
func Ext(format string) string {
	if format == XLIFF {
		return "xlf"
	}
	return format
}

// File is a translation file read back.
type File struct {
	Name   string
	Format string
	Lang   string // as the file says; "" when it does not
	Got    []Got
}

// Got is one message of a translation file as it came back.
type Got struct {
	ID      string
	English string // the English the file carries; "" when it carries none
	Text    string
	HasText bool // a translation is there (an empty one is not)
	Line    int
	// Fuzzy marks a message the translator's tool says needs work (PO's
	// fuzzy flag): it is never imported.
	Fuzzy bool
	// Pending marks a message exported as needing work whose mark the
	// tool kept (an XLIFF segment still initial, a CSV row still
	// stale): it is imported only when its text changed.
	Pending bool
	// Hash and Description are a goi18n message's: the hash of its
	// description and the English it was made from.
	Hash, Description string
	// Problem is what the reader found wrong with the message itself.
	Problem string

	segments int // XLIFF segments of the unit
}

// Problem is one thing wrong in a translation file.
type Problem struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	ID   string `json:"id,omitempty"`
	What string `json:"what"`

	ids []string // the messages a page that does not fit prints
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(input.ShortPath(p.File))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.ID != "" {
		b.WriteString(printable(p.ID) + ": ")
	}
	b.WriteString(p.What)
	return b.String()
}

// printable is s as it may be printed on a terminal: as it is when it
// is plain and short, else quoted with every control and format
// character escaped and cut to its first characters (an ID from a
// hostile file could hold a character that reorders or garbles the
// line).
func printable(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) || unicode.Is(unicode.Cf, r) }) ||
		utf8.RuneCountInString(s) > input.QuoteMax {
		return input.Quote(s) // escaped, and cut to its first characters
	}
	return s
}

// ImportOptions say how to import.
type ImportOptions struct {
	// Lang is the language, when the file does not say it or to
	// confirm what it says.
	Lang string
	// Partial writes the messages that pass, when some do not.
	Partial bool
	// Format reads the file as this format; "" tells it by the name.
	Format string
	// Writer is the fluent speaker from the community who wrote or
	// confirmed the file's text, as they agreed to be named: required
	// for a language that must be rewritten, and recorded with each
	// message they wrote or confirmed (locale.Locale.Rewritten).
	Writer string

	// noLayout skips laying out the pages the messages print on, for
	// the fuzz test, which checks the reading and the message rules.
	noLayout bool
}

// ImportResult says what Import found and did.
type ImportResult struct {
	Lang    string   `json:"lang"`
	Target  string   `json:"target,omitempty"`  // the file written; "" when none was
	Written []string `json:"written,omitempty"` // the messages written (text or hash)
	Same    int      `json:"unchanged"`         // messages that were already so
	// Confirmed lists the messages of a language that must be
	// rewritten that came back unchanged and marked done: the writer
	// confirmed the draft's text, and it is recorded as theirs.
	Confirmed []string  `json:"confirmed,omitempty"`
	Skipped   []Problem `json:"skipped,omitempty"` // still marked as needing work, or left out by the language
	// Untranslated counts the messages that came back with no
	// translation: left as they were, and not listed one by one.
	Untranslated int       `json:"untranslated"`
	Problems     []Problem `json:"problems,omitempty"`
	Warnings     []string  `json:"warnings,omitempty"`
}

// WriterNeededError is an import into a language that must be
// rewritten that does not say which fluent speaker wrote the text.
type WriterNeededError struct{ Lang, Name string }

func (e *WriterNeededError) Error() string {
	return fmt.Sprintf("%s (%s) must be rewritten by a fluent speaker from its community, and only their text is imported: name who wrote or confirmed this file's text with --writer \"NAME\" (with their agreement to be named)", e.Name, e.Lang)
}

// ProblemsError is an import refused for the problems it lists.
type ProblemsError struct{ Problems []Problem }

func (e *ProblemsError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	noun := "problems"
	if len(lines) == 1 {
		noun = "problem"
	}
	return fmt.Sprintf("%d %s; nothing was written (correct them and import again, or add --partial to write the messages that pass):\n%s", len(lines), noun, strings.Join(lines, "\n"))
}

// ReadFile reads a translation file from disk, refusing what is not a
// regular file or is too large.
func ReadFile(path string) ([]byte, error) {
	return input.ReadFile(translationFile, path)
}

// FormatOf tells a file's format by its name.
func FormatOf(name string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".xlf", ".xliff", ".xlf2":
		return XLIFF, nil
	case ".po":
		return PO, nil
	case ".csv":
		return CSV, nil
	case ".toml":
		return TOML, nil
	default:
		return "", fmt.Errorf("%s: cannot tell the format from its name; name it .xlf, .po, .csv or .toml, or say it with --as", name)
	}
}

// Read reads a translation file in any of the formats.
func Read(name string, data []byte, format string) (*File, error) {
	var err error
	if format == "" {
		if format, err = FormatOf(name); err != nil {
			return nil, err
		}
	}
	switch format {
	case XLIFF:
		return readXLIFF(name, data)
	case PO:
		return readPO(name, data)
	case CSV:
		return readCSV(name, data)
	case TOML:
		return readGoi18n(name, data)
	}
	return nil, spell.Unknown(nil, "translation file format", format, Formats, nil)
}

// Export writes language l's messages (all, or those only says) for a
// translator, in format.
func (p *Project) Export(w io.Writer, l *locale.Locale, format, only string) (*Sheet, error) {
	s, err := p.Sheet(l, only)
	if err != nil {
		return nil, err
	}
	switch format {
	case XLIFF:
		err = writeXLIFF(w, s)
	case PO:
		err = writePO(w, s, p.Lib.Info.Date)
	case CSV:
		err = writeCSV(w, s)
	case TOML:
		err = writeGoi18n(w, s)
	default:
		return nil, spell.Unknown(nil, "translation file format", format, Formats, nil)
	}
	return s, err
}

// accepted is a message that passed its checks.
type accepted struct {
	Got
	text string // as stored
}

// Import reads a translation file and writes the messages that pass
// every check into the language's file: the content folder's, or the
// project's locales/. Unless o.Partial, nothing is written when any
// message fails; the problems come back as a *ProblemsError.
func (p *Project) Import(name string, data []byte, o ImportOptions) (*ImportResult, error) {
	l, res, good, err := p.examine(name, data, o)
	if err != nil {
		return res, err
	}
	if len(res.Problems) > 0 && !o.Partial {
		return res, &ProblemsError{Problems: res.Problems}
	}
	if err := p.write(l, good, res, o.Writer); err != nil {
		return res, err
	}
	if len(res.Problems) > 0 {
		return res, &ProblemsError{Problems: res.Problems}
	}
	return res, nil
}

// examine reads a translation file and checks every message, as Import
// does, without writing anything: the language, what was found, and the
// messages that passed.
func (p *Project) examine(name string, data []byte, o ImportOptions) (*locale.Locale, *ImportResult, []accepted, error) {
	f, err := Read(name, data, o.Format)
	if err != nil {
		return nil, nil, nil, err
	}
	lang := o.Lang
	switch {
	case lang == "" && f.Lang == "":
		return nil, nil, nil, fmt.Errorf("%s does not say its language; say it with -l, like -l es", name)
	case lang == "":
		lang = f.Lang
	case f.Lang != "":
		a, errA := p.Lib.Catalog.Resolve(lang)
		b, errB := p.Lib.Catalog.Resolve(f.Lang)
		if errA == nil && errB == nil && a != b {
			return nil, nil, nil, fmt.Errorf("%s is in %q, not %q as -l says; check which file you meant", name, f.Lang, lang)
		}
	}
	l, err := p.Language(lang)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if l.Meta.MustRewrite() {
		writer, err := profile.CheckText(profile.Field{Name: "writer", From: "--writer"}, o.Writer, profile.MaxName)
		if err != nil {
			return nil, nil, nil, err
		}
		if writer == "" {
			return nil, nil, nil, &WriterNeededError{Lang: l.Tag, Name: languageName(l)}
		}
	}
	res := &ImportResult{Lang: l.Tag}
	problem := func(g Got, format string, args ...any) {
		res.Problems = append(res.Problems, Problem{File: name, Line: g.Line, ID: g.ID, What: fmt.Sprintf(format, args...)})
	}
	skip := func(g Got, format string, args ...any) {
		res.Skipped = append(res.Skipped, Problem{File: name, Line: g.Line, ID: g.ID, What: fmt.Sprintf(format, args...)})
	}
	seen := map[string]int{}
	var good []accepted
	for _, g := range f.Got {
		if line, dup := seen[g.ID]; dup {
			problem(g, "is in the file twice (also on line %d); keep one", line)
			continue
		}
		seen[g.ID] = g.Line
		m, ok := p.Lib.Message(g.ID)
		en, builtin := p.Lib.Catalog.English(g.ID)
		if !ok || !builtin {
			problem(g, "is not one of awarekit's messages; keep the IDs as exported (awarekit messages lists them)")
			continue
		}
		if g.Problem != "" {
			problem(g, "%s", g.Problem)
			continue
		}
		if slices.Contains(l.Meta.Omit, g.ID) {
			skip(g, "%s leaves this message out (_meta.omit); not imported", languageName(l))
			continue
		}
		switch {
		case g.English != "" && strings.TrimSpace(g.English) != strings.TrimSpace(en):
			problem(g, "was translated from English that has changed since the file was exported; today's English is %q: export the message again (awarekit translate export -l %s --only stale)", en, l.Tag)
			continue
		case g.Hash != "" && g.Hash != goi18nHash(g.Description, en):
			problem(g, "its hash is not that of today's English: the English changed after the file was made, or the description was edited; export the message again (awarekit translate export -l %s --only stale --as toml)", l.Tag)
			continue
		}
		current, has := l.Messages[g.ID]
		switch {
		case g.Fuzzy:
			skip(g, "is marked fuzzy (\"Needs work\" in Poedit); not imported: check it against the English and clear the mark")
			continue
		case !g.HasText || strings.TrimSpace(g.Text) == "":
			res.Untranslated++
			continue
		case f.Format == TOML && strings.TrimSpace(g.Text) == strings.TrimSpace(en) && (current != en || p.State(l, g.ID) == StateRewrite):
			// goi18n leaves the English for the translator; a goi18n file
			// has no mark a writer clears to confirm a draft's text.
			res.Untranslated++
			continue
		case g.Pending && has && strings.TrimSpace(g.Text) == strings.TrimSpace(current):
			skip(g, "is still marked %s and its text did not change; not imported: correct it, or mark it translated", p.State(l, g.ID))
			continue
		}
		e := Entry{ID: g.ID, English: en, Max: m.Max, Placeholders: locale.Placeholders(en), Safety: m.Safety, Official: p.Lib.OfficialName(g.ID)}
		if e.Max > 0 {
			if e.Where, err = p.WhereNote(g.ID); err != nil {
				return nil, nil, nil, err
			}
		}
		text, probs := check(l, e, g.Text, p.verifiedHosts())
		for _, pr := range probs {
			problem(g, "%s", pr)
		}
		if len(probs) == 0 {
			good = append(good, accepted{Got: g, text: text})
		}
	}
	if len(good) > 0 && (len(res.Problems) == 0 || o.Partial) && !o.noLayout {
		fits, warning, err := p.fits(name, l, good)
		if err != nil {
			return nil, nil, nil, err
		}
		res.Problems = append(res.Problems, fits...)
		if warning != "" {
			res.Warnings = append(res.Warnings, warning)
		}
		if len(fits) > 0 {
			// The messages of a page that does not fit are not written,
			// even with --partial: the page would fail to print.
			bad := map[string]bool{}
			for _, pr := range fits {
				for _, id := range pr.ids {
					bad[id] = true
				}
			}
			good = slices.DeleteFunc(good, func(a accepted) bool { return bad[a.ID] })
		}
	}
	sortProblems(res.Problems)
	return l, res, good, nil
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Line - b.Line })
}

// write records the accepted messages in language l's file, and, in a
// language that must be rewritten, that writer wrote or confirmed them.
func (p *Project) write(l *locale.Locale, good []accepted, res *ImportResult, writer string) error {
	target, err := p.Target(l.Tag)
	if err != nil {
		return err
	}
	base, err := p.projectLocale(l.Tag)
	if err != nil {
		return err
	}
	existing, data, err := readTarget(target)
	if err != nil {
		return err
	}
	ed := localeEdit{Messages: map[string]string{}, Sources: map[string]string{}, Order: p.englishOrder()}
	changed := false
	rewrite := l.Meta.MustRewrite()
	rewritten := map[string]string{}
	confirm := func(g accepted) {
		if rewrite && !l.RewrittenNow(g.ID) {
			rewritten[g.ID] = locale.SourceHash(g.text)
			res.Confirmed = append(res.Confirmed, g.ID)
		}
	}
	for _, g := range good {
		en, _ := p.Lib.Catalog.English(g.ID)
		hash := locale.SourceHash(en)
		current, has := l.Messages[g.ID]
		if has && current == g.text && l.Sources[g.ID] == hash {
			res.Same++
			confirm(g)
			continue
		}
		if has && current != g.text {
			changed = true
		}
		if p.IntoContent() {
			// A content folder holds what differs from the project's
			// text: a message the project already has, from today's
			// English, needs no line of its own.
			_, inFolder := existing.Messages[g.ID]
			if !inFolder && base != nil && base.Messages[g.ID] == g.text && base.Sources[g.ID] == hash {
				res.Same++
				confirm(g)
				continue
			}
		}
		ed.Messages[g.ID] = g.text
		ed.Sources[g.ID] = hash
		if rewrite {
			rewritten[g.ID] = locale.SourceHash(g.text)
		}
		res.Written = append(res.Written, g.ID)
	}
	if len(res.Written) == 0 && len(rewritten) == 0 {
		return nil
	}
	if rewrite {
		ed.Rewritten = rewritten
		name, _ := profile.CheckText(profile.Field{Name: "writer"}, writer, profile.MaxName)
		writers := slices.DeleteFunc(slices.Clone(existing.Meta.Writers), func(w locale.Writer) bool { return w.Name == name })
		writers = append(writers, locale.Writer{Name: name, Date: p.today().Format(time.DateOnly)})
		slices.SortFunc(writers, func(a, b locale.Writer) int { return strings.Compare(a.Name, b.Name) })
		ed.Meta = append(ed.Meta, metaSet{"writers", tomlWriters(writers, newline(data))})
	}
	status := existing.Meta.Status
	switch {
	case p.IntoContent() && status == "":
		// The folder's file becomes a translation of the language
		// (locale.Locale.Translation); it keeps the project's status,
		// and a reviewed language is a draft until it is reviewed again.
		status = l.Meta.Status
		if base != nil {
			status = base.Meta.Status
		}
		if status == locale.StatusReviewed || status == "" {
			status = locale.StatusDraft
		}
		ed.Meta = append(ed.Meta, metaSet{"status", tomlString(status)})
	case changed && status == locale.StatusReviewed:
		ed.Meta = append(ed.Meta, metaSet{"status", tomlString(locale.StatusDraft)}, metaSet{"reviewer", `""`}, metaSet{"reviewed", `""`})
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s was reviewed; its changed messages make it a draft until it is reviewed again (awarekit translate review -l %s)", languageName(l), l.Tag))
	}
	out, err := editLocale(target, data, ed)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	if err := output.WriteFile(target, out); err != nil {
		return err
	}
	res.Target = target
	return nil
}

// readTarget reads the file Import or Review changes, or starts one
// for a content folder that has none for the language.
func readTarget(target string) (*locale.Locale, []byte, error) {
	data, err := input.ReadFile(input.Content, target)
	if errors.Is(err, fs.ErrNotExist) {
		tag := strings.TrimSuffix(filepath.Base(target), ".toml")
		data = []byte("# " + tag + ": a translation of awarekit's messages, written by awarekit translate.\n# Messages not here print as the built-in ones.\n[_meta]\n")
	} else if err != nil {
		return nil, nil, err
	}
	l, err := locale.ParseFile(target, data)
	if err != nil {
		return nil, nil, err
	}
	return l, data, nil
}

// projectLocale is the project's own file of a language, before any
// content folder; nil when the project has none.
func (p *Project) projectLocale(tag string) (*locale.Locale, error) {
	data, err := fs.ReadFile(p.Locales, tag+".toml")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return locale.ParseFile(tag+".toml", data)
}

// englishOrder lists the message IDs in the order en.toml has them.
func (p *Project) englishOrder() []string {
	data, err := fs.ReadFile(p.Locales, locale.SourceTag+".toml")
	if err != nil {
		return nil
	}
	d, err := parseTOMLDoc("en.toml", data)
	if err != nil {
		return nil
	}
	var ids []string
	for _, t := range d.tables {
		if strings.HasPrefix(t.path, "_") {
			continue
		}
		for _, k := range t.keys {
			ids = append(ids, k.id)
		}
	}
	return ids
}

// Unimported reads data, a file at name that an export is about to
// replace, and returns the messages in it whose translation language l
// does not have yet: a translator's work, returned under the name the
// export gave it, that writing the export over it would lose. A message
// marked as needing work (fuzzy) or left empty, or holding the English
// as goi18n leaves it, is not work. A file that cannot be read as
// format is an error: it is no translation file, or not one in format.
func (p *Project) Unimported(name string, data []byte, format string, l *locale.Locale) ([]Got, error) {
	f, err := Read(name, data, format)
	if err != nil {
		return nil, err
	}
	var work []Got
	for _, g := range f.Got {
		text := l.Unprinted(norm.NFC.String(strings.TrimSpace(strings.ReplaceAll(g.Text, "\r\n", "\n"))))
		if g.Fuzzy || !g.HasText || text == "" {
			continue
		}
		if en, ok := p.Lib.Catalog.English(g.ID); ok && text == strings.TrimSpace(en) {
			continue
		}
		if text != strings.TrimSpace(l.Messages[g.ID]) {
			work = append(work, g)
		}
	}
	return work, nil
}

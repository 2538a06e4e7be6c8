package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// DoctorOptions are the options of doctor.
type DoctorOptions struct {
	IO     *IOStreams
	Engine func(generate.Config) (*generate.Engine, error)
	Now    func() time.Time // the day the facts' check-again date is compared with
	JSON   bool

	// Settings are the settings as a command would read them, or nil
	// when they could not be read (SettingsErr says why).
	Settings    *Settings
	SettingsErr error
	// Sources are the settings files looked for, lowest precedence first.
	Sources []source
	// LookPath finds a program (exec.LookPath; tests replace it).
	LookPath func(string) (string, error)
}

func newCmdDoctor(f *Factory, runF func(*DoctorOptions) error) *cobra.Command {
	opts := &DoctorOptions{IO: f.IOStreams, Engine: f.Engine, Now: f.Now, LookPath: exec.LookPath}
	var configFile string
	cmd := &cobra.Command{
		Use:   "doctor [flags]",
		Short: "Check this computer: settings, content, fonts for every language",
		Long: `Check what awarekit would use here, and say what is missing and how to add
it: the program's and the content's versions, the settings files read and in
which order, your content folder and what it changes, every language with
whether this computer has the fonts to print it (and the Debian package or
fonts: setting that adds them), and the PDF tools awarekit's own tests use.

It exits 1 when something awarekit needs is missing (a language's fonts,
settings or content it cannot read), so a setup script can stop there.
Send its output, or its --json, with a question or a problem report.`,
		Example: `  # is everything here?
  $ awarekit doctor

  # the same, for a script or a problem report
  $ awarekit doctor --json > doctor.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Sources = settingsSources(configFile)
			opts.Settings, opts.SettingsErr = loadSettings(cmd.Flags(), configFile)
			if runF != nil {
				return runF(opts)
			}
			return doctorRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the report as JSON")
	addConfigFlag(cmd, &configFile)
	return cmd
}

// doctorReport is what doctor finds; --json prints it as it is.
type doctorReport struct {
	Program  buildInfo      `json:"program"`
	Content  contentReport  `json:"content"`
	Settings settingsReport `json:"settings"`
	// Languages lists every language and whether it can be printed here.
	Languages []languageReport `json:"languages"`
	// FontWarnings are what the search for the machine's fonts found
	// wrong: a file of fontconfig's settings passed over.
	FontWarnings []string `json:"font_warnings,omitempty"`
	// Tools are the programs awarekit's tests check its files with; only
	// a developer needs them.
	Tools    []toolReport `json:"tools"`
	Problems []string     `json:"problems"`
}

type contentReport struct {
	Version string `json:"version"`
	Date    string `json:"date"`
	// CheckAgainBy is the date by which the facts the content prints
	// must be read against their sources again.
	CheckAgainBy string `json:"check_again_by,omitempty"`
	// Folder is the user's content folder, "" for the built-in content.
	Folder string `json:"folder,omitempty"`
	// Refused is the content: setting's folder when it was refused (see
	// the problems) and the built-in content checked instead.
	Refused string `json:"refused,omitempty"`
	// Overrides lists what the folder changes: "audiences/youth/stories.yaml",
	// "locales/fr.toml: 3 messages".
	Overrides []string `json:"overrides,omitempty"`
	Warnings  []string `json:"warnings,omitempty"`
}

type settingsReport struct {
	// Files are the settings files looked for, in the order they are
	// read: a later one's values win.
	Files []settingsFileReport `json:"files"`
	// Environment lists the AWAREKIT_* variables set, which win over
	// every file (their values are not shown).
	Environment []string `json:"environment"`
	Error       string   `json:"error,omitempty"`
}

type settingsFileReport struct {
	Path string `json:"path"`
	Read bool   `json:"read"`
}

type languageReport struct {
	Tag    string `json:"tag"`
	Name   string `json:"name"`
	Native string `json:"native"`
	Status string `json:"status"`
	// FontsHere says whether this computer can print the language.
	FontsHere bool     `json:"fonts_here"`
	Fonts     []string `json:"fonts,omitempty"` // the files that draw it
	// Missing says what cannot be drawn, Script is its ISO 15924 code and
	// Package the Debian package with a font for it.
	Missing string `json:"missing,omitempty"`
	Script  string `json:"script,omitempty"`
	Package string `json:"package,omitempty"`
}

type toolReport struct {
	Name    string `json:"name"`
	Path    string `json:"path,omitempty"`
	Package string `json:"package"`
}

// testTools are the programs the tests read awarekit's files with, and
// the Debian package of each.
var testTools = []toolReport{
	{Name: "qpdf", Package: "qpdf"},
	{Name: "pdftotext", Package: "poppler-utils"},
	{Name: "pdfinfo", Package: "poppler-utils"},
	{Name: "pdffonts", Package: "poppler-utils"},
	{Name: "pdftoppm", Package: "poppler-utils"},
	{Name: "chromium", Package: "chromium"},
	{Name: "msgfmt", Package: "gettext"},
	{Name: "groff", Package: "groff-base"},
}

// errProblems is doctor's failure: the problems are in its report.
var errProblems = errors.New("")

func doctorRun(opts *DoctorOptions) error {
	rep := doctorReport{Program: readBuildInfo(), Problems: []string{}}
	for _, src := range opts.Sources {
		read := opts.Settings != nil && slices.Contains(opts.Settings.ConfigFiles, src.path)
		path := src.path
		if abs, err := filepath.Abs(path); err == nil {
			path = abs // "awarekit.yaml" says nothing of which folder
		}
		rep.Settings.Files = append(rep.Settings.Files, settingsFileReport{Path: path, Read: read})
	}
	rep.Settings.Environment = []string{}
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "AWAREKIT_") {
			rep.Settings.Environment = append(rep.Settings.Environment, name)
		}
	}
	slices.Sort(rep.Settings.Environment)

	cfg := generate.Config{}
	var refused string // the content: folder refused, if one is
	if opts.SettingsErr != nil {
		rep.Settings.Error = opts.SettingsErr.Error()
		rep.Problems = append(rep.Problems, "settings: "+opts.SettingsErr.Error())
	} else {
		cfg.ContentDir, cfg.Fonts = opts.Settings.Content, opts.Settings.Fonts
		// A folder generate and build refuse (/etc, an empty one) is a
		// problem here too, with what a content folder holds; it was
		// "changes nothing" and "No problems found", exit 0.
		if cfg.ContentDir != "" {
			if err := content.CheckFolder(cfg.ContentDir); err != nil {
				rep.Problems = append(rep.Problems, settingError(opts.Settings.From["content"], err).Error())
				refused, cfg.ContentDir = cfg.ContentDir, ""
			}
		}
	}
	eng, err := opts.Engine(cfg)
	if err != nil && cfg.ContentDir != "" {
		// Report the user's content folder, and go on with the built-in.
		// The engine's errors name the folder most of the time ("content
		// folder ours: message …", "content file ours/locales/es.toml:2:
		// …"): it was said twice.
		problem := err.Error()
		if !strings.HasPrefix(problem, "content folder ") && !strings.HasPrefix(problem, "content file ") {
			problem = fmt.Sprintf("content folder %s: %s", cfg.ContentDir, problem)
		}
		rep.Problems = append(rep.Problems, problem)
		refused, cfg.ContentDir = cfg.ContentDir, ""
		eng, err = opts.Engine(cfg)
	}
	if err != nil {
		return err
	}
	rep.Content = contentReport{Version: eng.Lib.Info.Version, Date: eng.Lib.Info.Date, Folder: eng.ContentDir, Refused: refused, Warnings: eng.Lib.Warnings}
	if eng.Lib.Facts != nil {
		rep.Content.CheckAgainBy = eng.Lib.Facts.CheckAgainBy
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	if due := eng.Lib.CheckDue(now()); due != "" {
		rep.Problems = append(rep.Problems, due)
	}
	rep.Content.Overrides = overrides(eng)

	// Languages that lack fonts, by the package that would add them
	// (or the script, when no package is known).
	type fix struct {
		langs, scripts []string
		pkg            string
	}
	missing := map[string]*fix{}
	for _, tag := range eng.Languages() {
		l, err := eng.Language(tag)
		if err != nil {
			return err
		}
		lr := languageReport{Tag: tag, Name: l.Name, Native: l.Native, Status: l.Status, FontsHere: l.FontsErr == nil}
		for _, src := range l.Fonts {
			if family := strings.TrimSuffix(src.Font, " Bold"); !slices.Contains(lr.Fonts, family) {
				lr.Fonts = append(lr.Fonts, family)
			}
		}
		var mg *typeset.MissingGlyphError
		switch {
		case errors.As(l.FontsErr, &mg):
			lr.Script, lr.Package = typeset.Install(mg.Char)
			lr.Missing = fmt.Sprintf("no font here draws its %s letters (%U)", lr.Script, mg.Char)
			key := cmpOr(lr.Package, lr.Script)
			if missing[key] == nil {
				missing[key] = &fix{pkg: lr.Package}
			}
			m := missing[key]
			m.langs = append(m.langs, fmt.Sprintf("%s (%s)", l.Name, tag))
			if !slices.Contains(m.scripts, lr.Script) {
				m.scripts = append(m.scripts, lr.Script)
			}
		case l.FontsErr != nil:
			lr.Missing = l.FontsErr.Error()
			rep.Problems = append(rep.Problems, fmt.Sprintf("%s (%s): %v", l.Name, tag, l.FontsErr))
		}
		rep.Languages = append(rep.Languages, lr)
	}
	for _, key := range slices.Sorted(maps.Keys(missing)) {
		m := missing[key]
		howTo := fmt.Sprintf("name TrueType files for %s under fonts: in %s", strings.Join(m.scripts, ", "), ConfigFileName)
		if m.pkg != "" {
			howTo = fmt.Sprintf("install the Debian package %s, or %s", m.pkg, howTo)
		}
		rep.Problems = append(rep.Problems, fmt.Sprintf("cannot print %s here: %s", strings.Join(m.langs, ", "), howTo))
	}
	rep.FontWarnings = eng.Fonts.Warnings()
	for _, t := range testTools {
		if p, err := opts.LookPath(t.Name); err == nil {
			t.Path = p
		}
		rep.Tools = append(rep.Tools, t)
	}

	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else if err := writeDoctor(opts.IO, rep); err != nil {
		return err
	}
	if len(rep.Problems) > 0 {
		return fmt.Errorf("%w%d problem%s found; see above", errProblems, len(rep.Problems), plural(len(rep.Problems)))
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// overrides lists what the user's content folder changes.
func overrides(eng *generate.Engine) []string {
	if eng.ContentDir == "" {
		return nil
	}
	var out []string
	for _, id := range eng.AudienceIDs() {
		if a, err := eng.Lib.Audience(id); err == nil {
			for _, f := range a.FromUser {
				out = append(out, filepath.ToSlash(filepath.Join("audiences", id, f)))
			}
		}
	}
	for _, tag := range eng.Languages() {
		if l := eng.Lib.Catalog.Locale(tag); l != nil && len(l.Overridden) > 0 {
			out = append(out, fmt.Sprintf("locales/%s.toml: %d message%s", tag, len(l.Overridden), plural(len(l.Overridden))))
		}
	}
	return out
}

func writeDoctor(io *IOStreams, rep doctorReport) error {
	w := &strings.Builder{}
	fmt.Fprintln(w, rep.Program)
	fmt.Fprintf(w, "content %s (%s)", rep.Content.Version, rep.Content.Date)
	if rep.Content.CheckAgainBy != "" {
		fmt.Fprintf(w, ", facts to be checked again by %s", rep.Content.CheckAgainBy)
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "\nSettings, read in this order (a later one wins):")
	t := &table{indent: "  "}
	for _, f := range rep.Settings.Files {
		state := "not there"
		if f.Read {
			state = "read"
		}
		t.add(f.Path, state)
	}
	env := "none set"
	if len(rep.Settings.Environment) > 0 {
		env = strings.Join(rep.Settings.Environment, ", ")
	}
	t.add("AWAREKIT_* variables", env)
	t.add("flags", "")
	_ = t.write(w)
	if rep.Settings.Error != "" {
		fmt.Fprintf(w, "  could not be read: %s\n", rep.Settings.Error)
	}

	switch {
	case rep.Content.Refused != "":
		fmt.Fprintf(w, "\nContent: built in, checked instead of the content: setting's folder %s, which is refused (see the problems below)\n", rep.Content.Refused)
	case rep.Content.Folder == "":
		fmt.Fprintln(w, "\nContent: built in (no content: setting)")
	default:
		fmt.Fprintf(w, "\nContent folder: %s\n", rep.Content.Folder)
		if len(rep.Content.Overrides) == 0 {
			fmt.Fprintln(w, "  changes nothing")
		}
		for _, o := range rep.Content.Overrides {
			fmt.Fprintf(w, "  yours: %s\n", o)
		}
		for _, warn := range rep.Content.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", warn)
		}
	}

	fmt.Fprintln(w, "\nLanguages, and whether this computer has the fonts to print them:")
	t = &table{indent: "  ", maxWidth: helpWidth}
	for _, l := range rep.Languages {
		fonts := "yes: " + strings.Join(l.Fonts, ", ")
		switch {
		case l.FontsHere:
		case l.Package != "":
			fonts = fmt.Sprintf("NO (%s letters): install %s", l.Script, l.Package)
		case l.Script != "":
			fonts = fmt.Sprintf("NO (%s letters): name a font under fonts:", l.Script)
		default:
			fonts = "NO: " + l.Missing
		}
		t.add(l.Tag, l.Name, fonts)
	}
	_ = t.write(w)
	for _, warn := range rep.FontWarnings {
		fmt.Fprintf(w, "  warning: %s\n", warn)
	}

	fmt.Fprintln(w, "\nPDF tools awarekit's tests use (not needed to make materials):")
	t = &table{indent: "  "}
	for _, tool := range rep.Tools {
		where := tool.Path
		if where == "" {
			where = "not found; install " + tool.Package
		}
		t.add(tool.Name, where)
	}
	_ = t.write(w)

	if len(rep.Problems) == 0 {
		fmt.Fprintln(w, "\nNo problems found.")
	} else {
		fmt.Fprintln(w, "\nProblems:")
		for _, p := range rep.Problems {
			lines := wrap(p, helpWidth-4)
			fmt.Fprintf(w, "  - %s\n", strings.Join(lines, "\n    "))
		}
	}
	_, err := fmt.Fprint(io.Out, w.String())
	return err
}

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/spell"
	"github.com/awarekit/awarekit/toolkit/translate"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// TranslateOptions are what the translate commands share: where the
// content is, and where a language's file is written.
type TranslateOptions struct {
	IO  *IOStreams
	Now func() time.Time
	// Dir is the working folder: in a checkout of the awarekit
	// repository, its audiences/ and locales/ are the project's content
	// and import and review write its locales/.
	Dir string
	// Content is a group's content folder (content: or --into): import
	// and review write its locales/.
	Content string
	Fonts   map[string][]string
}

// open loads the project: the checkout in Dir when there is one, else
// the content built into the program, with the content folder over it.
func (o *TranslateOptions) open() (*translate.Project, error) {
	src, ok := translate.Checkout(o.Dir)
	if !ok {
		src = translate.Source{Audiences: audiences.FS, Locales: locales.FS}
	}
	src.ContentDir = o.Content
	// With no fonts of the user's, the project makes the same fonts
	// itself (the embedded family and the machine's), and its measure of
	// where messages print can be shared by the next project opened on
	// the same content in this process: this package's tests run many
	// translate commands in one process.
	var fonts *typeset.Fonts
	if len(o.Fonts) > 0 {
		base, err := typeset.Embedded()
		if err != nil {
			return nil, err
		}
		if fonts, err = typeset.NewFonts(base, o.Fonts); err != nil {
			return nil, err
		}
	}
	p, err := translate.Open(src, fonts)
	if err != nil {
		return nil, err
	}
	if o.Now != nil {
		p.Now = o.Now()
	}
	return p, nil
}

// language resolves -l, refusing English and naming the choices.
func (o *TranslateOptions) language(p *translate.Project, typed string) (*locale.Locale, error) {
	if strings.TrimSpace(typed) == "" {
		return nil, usage(errors.New("which language? give it with -l, like -l es"))
	}
	l, err := p.Language(typed)
	var unknown *locale.UnknownLanguageError
	if errors.As(err, &unknown) {
		return nil, usage(spell.Unknown(err, "language", typed, unknown.Valid, nil))
	}
	if err != nil {
		return nil, usage(err)
	}
	return l, nil
}

func newCmdTranslate(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "translate <command>",
		Short: "Check, export, import and review translations",
		Long: `Translations are made and checked by volunteers with the tools they know:
Poedit (PO), a spreadsheet (CSV), Weblate or OmegaT (XLIFF 2.0), or goi18n
(TOML). 'translate status' shows what each language lacks; 'translate export'
writes a file for the translator; 'translate import' reads it back, checks
every message, and writes the language's messages into your content folder
(or, in a checkout of the awarekit repository, its locales/); 'translate
review' records the fluent speaker who checked them; 'translate proof' prints
every message in English and in the translation, for a reviewer on paper.

A language's pages say they are a draft until a reviewer has read every
message as it is now and none was made from English that has changed since.`,
		Example: `  # from a Spanish file for Poedit to a reviewed Spanish flyer
  $ awarekit translate export -l es --as po -o es.po
  $ awarekit translate import es.po --into my-content
  $ awarekit translate review -l es --reviewer "Ana García" --into my-content
  $ awarekit generate -a youth -l es --content my-content`,
		Args: subcommandArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(
		newCmdTranslateStatus(f, nil),
		newCmdTranslateExport(f, nil),
		newCmdTranslateImport(f, nil),
		newCmdTranslateReview(f, nil),
		newCmdTranslateProof(f, nil),
	)
	return cmd
}

// translateSettings fills the shared options from the settings (the
// content folder, unless into names one, and the fonts). A command that
// only reads the content folder (status, export, proof) checks it as
// generate does (loadContentSettings: /etc or an empty folder is none);
// one that writes into it (import, review: writes is true) takes a
// folder that holds nothing yet, but not a file or one not there.
func translateSettings(cmd *cobra.Command, o *TranslateOptions, configFile, into string, writes bool) error {
	load := loadContentSettings
	if writes {
		load = loadSettings
	}
	s, err := load(cmd.Flags(), configFile)
	if err != nil {
		return err
	}
	o.Content, o.Fonts = s.Content, s.Fonts
	from := s.From["content"]
	if into != "" {
		o.Content, from = into, "--into"
	}
	if writes && o.Content != "" {
		if err := folderToWrite(from, o.Content, false); err != nil {
			return err
		}
	}
	if o.Dir == "" {
		o.Dir = "."
	}
	return nil
}

// TranslateStatusOptions are the options of translate status.
type TranslateStatusOptions struct {
	TranslateOptions
	Langs []string
	JSON  bool
	Check bool
}

func newCmdTranslateStatus(f *Factory, runF func(*TranslateStatusOptions) error) *cobra.Command {
	opts := &TranslateStatusOptions{TranslateOptions: TranslateOptions{IO: f.IOStreams, Now: f.Now}}
	var configFile string
	cmd := &cobra.Command{
		Use:   "status [-l LANG]",
		Short: "Show each language's translated, stale, missing, reviewed messages",
		Long: `Show one row per language: how many messages it should have, how many are
translated, how many are stale (translated from English that has changed
since), how many are missing, how many a reviewer read as they are now, its
status (draft, reviewed, must-rewrite) and its reviewer and date. KIT counts
the messages only the workshop kit prints that the language has: a language
may lack them (it then does not make the kit), so they are not missing.`,
		Example: `  # every language
  $ awarekit translate status

  # for a script or CI: exit 1 when a language misses or has a stale message
  $ awarekit translate status --check --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := translateSettings(cmd, &opts.TranslateOptions, configFile, "", false); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return translateStatusRun(opts)
		},
	}
	cmd.Flags().StringSliceVarP(&opts.Langs, "lang", "l", nil, "only these languages (comma-separated)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "write the rows as JSON, with the stale and missing messages named")
	cmd.Flags().BoolVar(&opts.Check, "check", false, "exit 1 when a language (other than those that must be rewritten) misses a message or has a stale one")
	cmd.Flags().String("content", "", "your content `FOLDER` over the built-in content")
	addConfigFlag(cmd, &configFile)
	return cmd
}

func translateStatusRun(opts *TranslateStatusOptions) error {
	p, err := opts.open()
	if err != nil {
		return err
	}
	rows := p.Status()
	if len(opts.Langs) > 0 {
		var keep []translate.Row
		for _, typed := range opts.Langs {
			tag, err := p.Lib.Catalog.Resolve(typed)
			var unknown *locale.UnknownLanguageError
			if errors.As(err, &unknown) {
				return usage(spell.Unknown(err, "language", typed, unknown.Valid, nil))
			}
			if err != nil {
				return usage(err)
			}
			for _, r := range rows {
				if r.Lang == tag {
					keep = append(keep, r)
				}
			}
		}
		rows = keep
	}
	if opts.JSON {
		b, err := json.MarshalIndent(rows, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.Out, "%s\n", b)
	} else if err := translate.WriteStatus(opts.IO.Out, rows); err != nil {
		return err
	}
	if !opts.Check {
		return nil
	}
	var bad, waiting []string
	for _, r := range rows {
		switch {
		case !r.Incomplete() || r.Status == locale.StatusSource:
		case r.Status == locale.StatusMustRewrite:
			waiting = append(waiting, r.Lang)
		default:
			bad = append(bad, fmt.Sprintf("%s (%d stale, %d missing)", r.Lang, r.Stale, r.Missing))
		}
	}
	if len(waiting) > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "note: %s must be rewritten by fluent speakers; their stale and missing messages print in English, marked, and are not counted by --check\n", strings.Join(waiting, ", "))
	}
	if len(bad) > 0 {
		return fmt.Errorf("translations need work: %s; awarekit translate export -l LANG --only todo gives a translator what is missing or stale", strings.Join(bad, ", "))
	}
	return nil
}

// TranslateExportOptions are the options of translate export.
type TranslateExportOptions struct {
	TranslateOptions
	Lang string
	Only string
	As   string
	Out  string
	// Force writes over a file that holds translations the language
	// does not have yet.
	Force bool
}

func newCmdTranslateExport(f *Factory, runF func(*TranslateExportOptions) error) *cobra.Command {
	opts := &TranslateExportOptions{TranslateOptions: TranslateOptions{IO: f.IOStreams, Now: f.Now}}
	var configFile string
	cmd := &cobra.Command{
		Use:   "export -l LANG [--as FORMAT] [-o FILE]",
		Short: "Write a language's messages into a file for a translator",
		Long: `Write a language's messages into a file a translator opens in their tool:
each message's ID, the English, the current translation, where it is printed,
its room where it has little, and the placeholders ({{.Hours}}) to keep.

  po     Poedit, Lokalize, any gettext tool; stale messages are fuzzy
         ("Needs work")
  xliff  XLIFF 2.0 for Weblate, OmegaT and translation platforms;
         placeholders are protected codes
  csv    a spreadsheet: UTF-8 with a byte order mark (for Excel), one row
         per message, the translation under the language's tag
  toml   goi18n's translate file (hashes as goi18n merge writes them)

Without --as the format comes from -o's extension (.po, .xlf, .csv, .toml),
and is po when -o has none. Without -o the file is awarekit-LANG.EXT (for
toml: translate.LANG.toml) in this folder. A file already there that holds
translations the language does not have yet (a translator's, come back
under that name) is not written over: import it first, or add --force.`,
		Example: `  # every Spanish message, for Poedit
  $ awarekit translate export -l es --as po -o es.po

  # only what changed in English or was never translated, for a spreadsheet
  $ awarekit translate export -l pa --only todo --as csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := translateSettings(cmd, &opts.TranslateOptions, configFile, "", false); err != nil {
				return err
			}
			if !slices.Contains(translate.Onlys, opts.Only) {
				return usage(spell.Unknown(nil, "choice for --only", opts.Only, translate.Onlys, nil))
			}
			if opts.As == "" && opts.Out != "" {
				if as, err := translate.FormatOf(opts.Out); err == nil {
					opts.As = as
				}
			}
			if opts.As == "" {
				opts.As = translate.PO
			}
			opts.As = strings.ToLower(opts.As)
			if !slices.Contains(translate.Formats, opts.As) {
				return usage(spell.Unknown(nil, "translation file format", opts.As, translate.Formats, nil))
			}
			if err := checkOutFile(opts.Out, "awarekit-es.po"); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return translateExportRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "the language to export, by tag or name (es, Spanish)")
	cmd.Flags().StringVar(&opts.Only, "only", translate.OnlyAll, "which messages: all, stale, missing, todo (stale and missing), or kit (the workshop kit's)")
	cmd.Flags().StringVar(&opts.As, "as", "", "the file format: po, xliff, csv or toml")
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "", "write to `FILE`")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "write over a file that holds translations not imported yet")
	cmd.Flags().String("content", "", "your content `FOLDER` over the built-in content")
	addConfigFlag(cmd, &configFile)
	return cmd
}

func translateExportRun(opts *TranslateExportOptions) error {
	p, err := opts.open()
	if err != nil {
		return err
	}
	l, err := opts.language(p, opts.Lang)
	if err != nil {
		return err
	}
	out := opts.Out
	if out == "" {
		out = "awarekit-" + l.Tag + "." + translate.Ext(opts.As)
		if opts.As == translate.TOML {
			out = "translate." + l.Tag + ".toml"
		}
		out = filepath.Join(opts.Dir, out)
		if err := checkDefaultOutFile(out); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	s, err := p.Export(&b, l, opts.As, opts.Only)
	if err != nil {
		return err
	}
	if len(s.Entries) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "%s has no %s messages: nothing to export\n", l.Meta.Name, opts.Only)
		return nil
	}
	if err := output.CheckFolder(filepath.Dir(out), "--output"); err != nil {
		return usage(err)
	}
	if !opts.Force {
		if err := keepsWork(p, out, opts.As, opts.Content, l); err != nil {
			return err
		}
	}
	if err := output.WriteFile(out, b.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "%s: %s of %s (%s) for a translator\n", out, messages(len(s.Entries)), l.Meta.Name, l.Tag)
	fmt.Fprintf(opts.IO.ErrOut, "When it comes back: awarekit translate import %s\n", out)
	return nil
}

// TranslateImportOptions are the options of translate import.
type TranslateImportOptions struct {
	TranslateOptions
	File    string
	Into    string
	Lang    string
	As      string
	Partial bool
	JSON    bool
	Writer  string
}

func newCmdTranslateImport(f *Factory, runF func(*TranslateImportOptions) error) *cobra.Command {
	opts := &TranslateImportOptions{TranslateOptions: TranslateOptions{IO: f.IOStreams, Now: f.Now}}
	var configFile string
	cmd := &cobra.Command{
		Use:   "import FILE [--into CONTENT_FOLDER] [--partial]",
		Short: "Check a translator's file and write its messages",
		Long: `Read a file translate export wrote, after a translator worked on it (PO,
XLIFF 2.0, CSV or goi18n TOML, told by its extension), and check every
message: the same placeholders as the English, the English's numbers and no
others, no web or email address that is not verified, no markup, its room,
letters of the language's script, not a copy of the English, valid UTF-8 and
no control or direction characters, line breaks only where the English has
them. Each problem is reported as
FILE:LINE: MESSAGE-ID: what is wrong, and nothing is written unless every
message passes (--partial writes those that pass).

The messages are written into locales/LANG.toml of your content folder
(--into, or content: in your settings), with the hash of the English each was
made from, so that a later change of the English shows as stale. In a
checkout of the awarekit repository with no content folder, they are written
into its locales/. Untranslated messages, and those still marked as needing
work, are left as they were.

A language that must be rewritten (Inuktitut, Plains Cree, Ojibwe) takes text
only from a fluent speaker from its community: name them with --writer. Each
message they wrote, or confirmed by clearing its "needs work" mark, is
recorded as theirs; the language can be reviewed once every message is.`,
		Example: `  # a Spanish PO file back from Poedit, into a group's content folder
  $ awarekit translate import es.po --into my-content

  # write what passes, and list the rest
  $ awarekit translate import pa.csv --into my-content --partial

  # Inuktitut written by a fluent speaker from the community
  $ awarekit translate import iu.po --into my-content --writer "NAME"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage(errors.New("give the translation file to import, like: awarekit translate import es.po"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			file, err := profile.CheckPath(profile.Field{Name: "translation file"}, args[0])
			if err != nil {
				return usage(err)
			}
			opts.File = file
			if err := translateSettings(cmd, &opts.TranslateOptions, configFile, opts.Into, true); err != nil {
				return err
			}
			if opts.As != "" {
				opts.As = strings.ToLower(opts.As)
				if !slices.Contains(translate.Formats, opts.As) {
					return usage(spell.Unknown(nil, "translation file format", opts.As, translate.Formats, nil))
				}
			} else if _, err := translate.FormatOf(opts.File); err != nil {
				return usage(err)
			}
			if runF != nil {
				return runF(opts)
			}
			return translateImportRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Into, "into", "", "write into this content `FOLDER`'s locales/")
	cmd.Flags().BoolVar(&opts.Partial, "partial", false, "write the messages that pass and list the others")
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "the file's language, when it does not say (a CSV or TOML renamed)")
	cmd.Flags().StringVar(&opts.As, "as", "", "read the file as po, xliff, csv or toml, whatever its name")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "write what was done as JSON")
	cmd.Flags().StringVar(&opts.Writer, "writer", "", "the fluent speaker from the community who wrote the text of a language that must be rewritten, as they agreed to be named")
	addConfigFlag(cmd, &configFile)
	return cmd
}

func translateImportRun(opts *TranslateImportOptions) error {
	data, err := translate.ReadFile(opts.File)
	if err != nil {
		// A file that is not there, or is no file, is a wrong name on
		// the command line (exit 2, as for a plan or a logo); what is
		// wrong inside it is its content.
		if cerr := input.Check(input.Kind{Name: "translation file"}, opts.File); cerr != nil {
			return usage(cerr)
		}
		return err
	}
	p, err := opts.open()
	if err != nil {
		return err
	}
	res, err := p.Import(opts.File, data, translate.ImportOptions{Lang: opts.Lang, Partial: opts.Partial, Format: opts.As, Writer: opts.Writer})
	var needWriter *translate.WriterNeededError
	if errors.As(err, &needWriter) {
		return usage(err)
	}
	if err != nil && res == nil {
		err = flagMistake(err)
	}
	if res != nil {
		for _, w := range res.Warnings {
			fmt.Fprintln(opts.IO.ErrOut, opts.IO.colour("33", "warning:"), w)
		}
		for _, s := range res.Skipped {
			fmt.Fprintln(opts.IO.ErrOut, "not imported:", s)
		}
		if opts.JSON {
			b, jerr := json.MarshalIndent(res, "", "  ")
			if jerr != nil {
				return jerr
			}
			fmt.Fprintf(opts.IO.Out, "%s\n", b)
		} else {
			switch {
			case res.Target != "":
				fmt.Fprintf(opts.IO.Out, "%s: %s written to %s; %d already so; %d not imported; %d with no translation\n", opts.File, messages(len(res.Written)), res.Target, res.Same, len(res.Skipped)+len(res.Problems), res.Untranslated)
				if len(res.Confirmed) > 0 {
					fmt.Fprintf(opts.IO.Out, "%s confirmed as %s wrote them\n", messages(len(res.Confirmed)), strings.TrimSpace(opts.Writer))
				}
			case err == nil:
				fmt.Fprintf(opts.IO.Out, "%s: nothing to change; %s already so; %d not imported; %d with no translation\n", opts.File, messages(res.Same), len(res.Skipped), res.Untranslated)
			}
		}
	}
	if err != nil {
		var perr *translate.ProblemsError
		if errors.As(err, &perr) && res != nil && res.Target != "" {
			return fmt.Errorf("%d messages were not imported (the others were written to %s):\n%s", len(perr.Problems), res.Target, problemLines(perr.Problems))
		}
		return err
	}
	if res.Target != "" && !opts.JSON {
		q, err := opts.open()
		if err != nil {
			return err
		}
		if l := q.Lib.Catalog.Locale(res.Lang); l != nil {
			return translate.WriteStatus(opts.IO.Out, []translate.Row{q.StatusOf(l)})
		}
	}
	return nil
}

// messages says how many messages, in words: "1 message", "3 messages".
func messages(n int) string {
	if n == 1 {
		return "1 message"
	}
	return fmt.Sprintf("%d messages", n)
}

func problemLines(ps []translate.Problem) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// TranslateReviewOptions are the options of translate review.
type TranslateReviewOptions struct {
	TranslateOptions
	Lang     string
	Reviewer string
	Scope    string
	Date     string
	Into     string
}

func newCmdTranslateReview(f *Factory, runF func(*TranslateReviewOptions) error) *cobra.Command {
	opts := &TranslateReviewOptions{TranslateOptions: TranslateOptions{IO: f.IOStreams, Now: f.Now}}
	var configFile string
	cmd := &cobra.Command{
		Use:   "review -l LANG --reviewer NAME [--scope AUDIENCE]",
		Short: "Record that a fluent speaker reviewed a language's messages",
		Long: `Record that a fluent speaker read a language's messages as they are now (all
of them, or those of one audience's materials with --scope): who, when, and
for each message the text they read, in the language file's _meta and
[_reviewed] table. Every message of the scope must be translated from
today's English. When every message of the language has been reviewed so,
the language is reviewed and its pages no longer say they are a draft; a
message changed afterwards, or whose English changes, makes it a draft again
until it is reviewed.

Name a reviewer only with their agreement.`,
		Example: `  # the whole language, reviewed today
  $ awarekit translate review -l es --reviewer "Ana García" --into my-content

  # the youth materials only, reviewed on a given day
  $ awarekit translate review -l pa --reviewer "H. Singh" --scope youth \
      --date 2026-12-08`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := translateSettings(cmd, &opts.TranslateOptions, configFile, opts.Into, true); err != nil {
				return err
			}
			if strings.TrimSpace(opts.Reviewer) == "" {
				return usage(errors.New("say who reviewed with --reviewer \"NAME\" (with their agreement to be named)"))
			}
			if runF != nil {
				return runF(opts)
			}
			return translateReviewRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "the language reviewed")
	cmd.Flags().StringVar(&opts.Reviewer, "reviewer", "", "who reviewed, as they agreed to be named")
	cmd.Flags().StringVar(&opts.Scope, "scope", locale.ScopeAll, "all, or the audience whose materials were reviewed")
	cmd.Flags().StringVar(&opts.Date, "date", "", "the day of the review, YYYY-MM-DD (today when not given)")
	cmd.Flags().StringVar(&opts.Into, "into", "", "record it in this content `FOLDER`'s locales/")
	addConfigFlag(cmd, &configFile)
	return cmd
}

func translateReviewRun(opts *TranslateReviewOptions) error {
	p, err := opts.open()
	if err != nil {
		return err
	}
	l, err := opts.language(p, opts.Lang)
	if err != nil {
		return err
	}
	if opts.Scope != "" && opts.Scope != locale.ScopeAll {
		if _, err := p.Lib.Audience(opts.Scope); err != nil {
			return usage(spell.Unknown(err, "scope", opts.Scope, append([]string{locale.ScopeAll}, p.Lib.AudienceIDs()...), nil))
		}
	}
	res, err := p.Review(translate.ReviewOptions{Lang: l.Tag, Reviewer: opts.Reviewer, Scope: opts.Scope, Date: opts.Date})
	if err != nil {
		return flagMistake(err)
	}
	fmt.Fprintf(opts.IO.Out, "%s: recorded the review of %s of %s (%s) by %s in %s\n", l.Meta.Name, messages(res.Messages), l.Tag, res.Scope, strings.TrimSpace(opts.Reviewer), res.Target)
	if res.Reviewed {
		fmt.Fprintf(opts.IO.Out, "%s is reviewed: its pages no longer say they are a draft\n", l.Meta.Name)
	} else {
		fmt.Fprintf(opts.IO.Out, "%s stays a draft: %d of its messages are not yet reviewed as they are\n", l.Meta.Name, res.Left)
	}
	q, err := opts.open()
	if err != nil {
		return err
	}
	return translate.WriteStatus(opts.IO.Out, []translate.Row{q.StatusOf(q.Lib.Catalog.Locale(l.Tag))})
}

// checkOutFile checks the file -o names: a path that prints cleanly, and
// not a folder, which the file would otherwise fail to replace with a
// message about renaming a temporary file.
func checkOutFile(path, example string) error {
	if path == "" {
		return nil
	}
	if _, err := profile.CheckPath(profile.Field{Name: "output file", From: "-o"}, path); err != nil {
		return usage(err)
	}
	st, err := os.Stat(path)
	switch {
	case err != nil:
	case st.IsDir():
		return usage(fmt.Errorf("-o %s is a folder; give a file's name, like %s", path, filepath.Join(path, example)))
	case !st.Mode().IsRegular():
		// The file is written beside it and renamed over it: a named
		// pipe or a device (-o /dev/null, run as root) would be
		// replaced by a file.
		return usage(fmt.Errorf("-o %s is %s, not a file; give a file's name, like %s", input.ShortPath(path), input.What(st.Mode()), example))
	}
	return nil
}

// keepsWork refuses to write an export over the file at path when that
// file holds translations language l does not have yet: the export's
// own name is the name a translator's work comes back under
// (awarekit-es.po), and exporting again before importing it wrote over
// a volunteer's work without a word. A file that is no translation
// file in format is not written over either. content is the content
// folder the export reads ("" for none): work imported into one is
// there, not in the built-in messages.
func keepsWork(p *translate.Project, path, format, content string, l *locale.Locale) error {
	if st, err := os.Lstat(path); err != nil || !st.Mode().IsRegular() {
		return nil // nothing there, or a link the write replaces
	}
	short := input.ShortPath(path)
	data, err := translate.ReadFile(path)
	if err == nil {
		var work []translate.Got
		if work, err = p.Unimported(path, data, format, l); err == nil {
			if len(work) == 0 {
				return nil
			}
			imported := ""
			if content == "" {
				// Imported --into a folder, and exported without it:
				// "import it first" sent her round again.
				imported = "; if it was imported into a content folder already, export with --content FOLDER (or content: in awarekit.yaml)"
			}
			return fmt.Errorf("%s holds %s that %s does not have yet (the first, %s, at line %d), a translator's work perhaps: import it first (awarekit translate import %s)%s; or write the export to another file with -o, or add --force to write over it",
				short, translations(len(work)), l.Meta.Name, work[0].ID, work[0].Line, short, imported)
		}
	}
	return fmt.Errorf("%s is there and is not a %s file translate export writes (%v): write the export to another file with -o, or add --force to write over it", short, format, err)
}

// translations says n translations in words.
func translations(n int) string {
	if n == 1 {
		return "1 translation"
	}
	return fmt.Sprintf("%d translations", n)
}

// checkDefaultOutFile checks the file written when -o is not given, as
// checkOutFile checks one -o names: a folder, a named pipe or a device
// of that name is refused before anything is made (exit 2). A named
// pipe there was replaced by the file, and a folder failed only after
// the work, exit 1.
func checkDefaultOutFile(path string) error {
	st, err := os.Stat(path)
	if err != nil || st.Mode().IsRegular() {
		return nil
	}
	what := input.What(st.Mode())
	ext := filepath.Ext(path)
	other := strings.TrimSuffix(filepath.Base(path), ext) + "-2" + ext
	return usage(fmt.Errorf("%s, the file written when -o is not given, is %s, not a file; move it away, or name another file with -o, like -o %s", input.ShortPath(path), what, other))
}

// flagMistake makes an error about a value typed on the command line
// (--reviewer, --writer, --date) a usage error, exit 2, as every other
// command's are; other errors stay as they are.
func flagMistake(err error) error {
	var fe *profile.FieldError
	var de *translate.DateError
	if errors.As(err, &fe) && strings.HasPrefix(fe.Field.From, "--") || errors.As(err, &de) {
		return usage(err)
	}
	return err
}

// TranslateProofOptions are the options of translate proof.
type TranslateProofOptions struct {
	TranslateOptions
	Lang  string
	Only  string
	Out   string
	Paper string
}

func newCmdTranslateProof(f *Factory, runF func(*TranslateProofOptions) error) *cobra.Command {
	opts := &TranslateProofOptions{TranslateOptions: TranslateOptions{IO: f.IOStreams, Now: f.Now}}
	var configFile string
	cmd := &cobra.Command{
		Use:   "proof -l LANG [-o FILE]",
		Short: "Print a language's messages beside the English, for a reviewer",
		Long: `Write one PDF a reviewer can read and mark up on paper: for each message its
ID, where it is printed and its state, the English, and the translation as it
prints (shaped in its own fonts and direction, with the values the materials
print in its placeholders).`,
		Example: `  # every Punjabi message
  $ awarekit translate proof -l pa -o proof-pa.pdf

  # only those whose English changed or that are missing
  $ awarekit translate proof -l es --only todo`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := translateSettings(cmd, &opts.TranslateOptions, configFile, "", false); err != nil {
				return err
			}
			if !slices.Contains(translate.Onlys, opts.Only) {
				return usage(spell.Unknown(nil, "choice for --only", opts.Only, translate.Onlys, nil))
			}
			if _, err := layout.PaperByName(opts.Paper); err != nil {
				return usage(err)
			}
			if err := checkOutFile(opts.Out, "proof-es.pdf"); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return translateProofRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "the language to proof")
	cmd.Flags().StringVar(&opts.Only, "only", translate.OnlyAll, "which messages: all, stale, missing, todo, or kit")
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "", "write to `FILE` (proof-LANG.pdf when not given)")
	cmd.Flags().StringVar(&opts.Paper, "paper", "letter", "letter or a4")
	cmd.Flags().String("content", "", "your content `FOLDER` over the built-in content")
	addConfigFlag(cmd, &configFile)
	return cmd
}

func translateProofRun(opts *TranslateProofOptions) error {
	p, err := opts.open()
	if err != nil {
		return err
	}
	l, err := opts.language(p, opts.Lang)
	if err != nil {
		return err
	}
	paper, _ := layout.PaperByName(opts.Paper)
	out := opts.Out
	if out == "" {
		out = filepath.Join(opts.Dir, "proof-"+l.Tag+".pdf")
		if err := checkDefaultOutFile(out); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	if err := p.Proof(&b, translate.ProofOptions{Lang: l.Tag, Only: opts.Only, Paper: paper}); err != nil {
		return err
	}
	if err := output.CheckFolder(filepath.Dir(out), "--output"); err != nil {
		return usage(err)
	}
	if err := output.WriteFile(out, b.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "%s: proof of %s (%s)\n", out, l.Meta.Name, l.Tag)
	return nil
}

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/render/png"
	"github.com/awarekit/awarekit/toolkit/render/txt"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// GenerateOptions are everything generate needs, resolved from flags,
// environment and config files.
type GenerateOptions struct {
	IO     *IOStreams
	Engine func(generate.Config) (*generate.Engine, error)

	Audiences []string
	Langs     []string
	Formats   []string
	Paper     string
	Style     string
	OutDir    string
	Org       profile.Organisation
	Content   string              // the user's content folder, or ""
	Fonts     map[string][]string // the fonts: setting
	BleedMM   float64
	// As is the backend that draws page formats: pdf (default), png, svg.
	As        string
	DPI       float64
	CropMarks bool
	// Imposition is how card formats meet the paper (layout.ImpositionNames).
	Imposition layout.Imposition
	// Province adds a province's verified lines; AllowDraft makes
	// languages a fluent speaker must rewrite (proofs).
	Province   string
	AllowDraft bool
	// From says where the audiences, languages and province came from
	// (Settings.From).
	From map[string]string
	Now  func() time.Time
}

func newCmdGenerate(f *Factory, runF func(*GenerateOptions) error) *cobra.Command {
	opts := &GenerateOptions{IO: f.IOStreams, Engine: f.Engine, Now: f.Now}
	var configFile, imposition string
	cmd := &cobra.Command{
		Use:   "generate [flags]",
		Short: "Make materials for one or more audiences and languages",
		// Long is made from the engine when help is shown (generateLong);
		// this is what shows when the engine cannot open.
		Long: `Make one file per audience × language × format in the output folder.
'awarekit list audiences', 'awarekit list formats' and 'awarekit list
languages' show what can be made.`,
		Example: `  # flyers for a youth workshop, in English and in French
  $ awarekit generate -a youth -l en,fr

  # one flyer in French and English side by side, on A4
  $ awarekit generate -a newcomers -l fr+en --paper a4

  # large-print handouts (CNIB Clear Print) for readers with low vision
  $ awarekit generate -a newcomers -l en,fr -f handout --style large-print

  # wallet cards in Punjabi with your agency's name and number, into a folder
  $ awarekit generate -a newcomers -l punjabi -f cards -o cards \
      --org-name "Riverside Settlement Services" --phone 604-555-0134

  # the whole workshop kit for a session in English and French, and a flyer
  $ awarekit generate -a newcomers -l en,fr -f flyer,kit -o session`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := loadContentSettings(cmd.Flags(), configFile)
			if err != nil {
				return err
			}
			opts.Audiences, opts.Langs, opts.Formats = s.Audiences, s.Langs, s.Formats
			opts.Paper, opts.OutDir, opts.Org, opts.Fonts, opts.Content = s.Paper, s.Out, s.Org, s.Fonts, s.Content
			opts.Style = s.Style
			opts.Province, opts.AllowDraft, opts.From = s.Province, s.AllowDraft, s.From
			if len(opts.Audiences) == 0 || len(opts.Langs) == 0 || len(opts.Formats) == 0 {
				return usage(errors.New("give at least one audience, language and format"))
			}
			if cmd.Flags().Changed("dpi") && !(opts.DPI >= png.MinDPI && opts.DPI <= png.MaxDPI) { // NaN fails both
				return usage(fmt.Errorf("--dpi %v is out of range; use %d to %d (150 is usual)", opts.DPI, png.MinDPI, png.MaxDPI))
			}
			if !(opts.BleedMM >= 0 && opts.BleedMM <= 20) { // NaN fails both
				return usage(fmt.Errorf("--bleed %v is not a number of millimetres from 0 to 20; 3 is usual", opts.BleedMM))
			}
			if opts.Imposition, err = layout.ImpositionByName(imposition); err != nil {
				return usage(fmt.Errorf("--imposition: %w", err))
			}
			if runF != nil {
				return runF(opts)
			}
			return generateRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringSliceP("audience", "a", nil, "audiences to make material for, listed below (default youth)")
	fl.StringSliceP("lang", "l", nil, "languages by tag or name, listed below; fr+en for one bilingual document (default en)")
	fl.StringSliceP("format", "f", nil, "formats to make, listed below; kit for the whole workshop kit (default flyer)")
	fl.String("paper", "", "paper size: "+strings.Join(layout.PaperNames, " or ")+" (default "+layout.PaperNames[0]+")")
	fl.String("style", "", "how to print the "+strings.Join(format.StyledNames(), ", ")+": "+strings.Join(layout.StyleNames, ", ")+", listed below (default "+layout.StyleNames[0]+")")
	fl.StringP("out", "o", "", "folder to write into (default the current folder)")
	fl.String("org-name", "", "your organisation's name, printed on the material (also --organisation, --organization)")
	fl.String("phone", "", "your organisation's phone number")
	fl.String("email", "", "your organisation's email address")
	fl.String("website", "", "your organisation's website; the QR code opens it")
	fl.String("logo", "", "your logo, a PNG or JPEG `FILE`")
	fl.String("color", "", "your colour for the header, as hex like #0b5c6b (also --colour)")
	fl.StringVar(&opts.As, "as", "", "draw page formats as `pdf`, png or svg: one image per page, named {audience}-{format}-{lang}-{page}.png (default pdf)")
	fl.Float64Var(&opts.DPI, "dpi", png.DefaultDPI, "resolution of PNG images, in pixels per inch of paper (36 to 600)")
	fl.Float64Var(&opts.BleedMM, "bleed", 0, "extend backgrounds `MM` millimetres past the trim edge for a print shop (3 is usual)")
	fl.BoolVar(&opts.CropMarks, "crop-marks", false, "draw crop marks at the trim corners")
	fl.StringVar(&imposition, "imposition", "sheet", "how card formats meet the paper: sheet (several cards on each sheet of the paper, with cutting guides) or single (one page per card, its trim size plus the bleed, as print shops ask)")
	fl.String("content", "", "your own content over the built-in: a `FOLDER` with audiences/ and locales/")
	fl.String("province", "", "add the verified lines of a province or territory, by its `CODE` listed below")
	fl.Bool("allow-draft", false, "make the languages marked must-rewrite below, as proofs for a reviewer")
	addConfigFlag(cmd, &configFile)

	complete := func(values func(*generate.Engine) []choice, pairs bool) cobra.CompletionFunc {
		return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			eng, err := f.Engine(generate.Config{})
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			return completeList(values(eng), toComplete, pairs), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
		}
	}
	_ = cmd.RegisterFlagCompletionFunc("audience", complete(audienceChoices, false))
	_ = cmd.RegisterFlagCompletionFunc("lang", complete(languageChoices, true))
	_ = cmd.RegisterFlagCompletionFunc("format", complete(formatChoices, false))
	_ = cmd.RegisterFlagCompletionFunc("province", complete(provinceChoices, false))
	_ = cmd.RegisterFlagCompletionFunc("paper", cobra.FixedCompletions(layout.PaperNames, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("imposition", cobra.FixedCompletions(layout.ImpositionNames, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("style", cobra.FixedCompletions(layout.StyleNames, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("as", cobra.FixedCompletions(format.BackendNames(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagFilename("logo", "png", "jpg", "jpeg")
	_ = cmd.MarkFlagDirname("out")
	return cmd
}

func generateRun(opts *GenerateOptions) error {
	if err := checkFiles(opts.Org.Logo, opts.Fonts, opts.From); err != nil {
		return err
	}
	eng, err := opts.Engine(generate.Config{ContentDir: opts.Content, Fonts: opts.Fonts})
	if err != nil {
		return fontError(err, opts.From)
	}
	for _, w := range eng.Lib.Warnings {
		fmt.Fprintln(opts.IO.ErrOut, opts.IO.warning(), w)
	}
	warnFactsDue(opts.IO.ErrOut, opts.IO.warning(), eng, opts.Now)
	// Check every name before making anything, so a typo in the last
	// language does not leave half a set behind.
	jobs, err := eng.Expand(generate.Matrix{Audiences: opts.Audiences, Langs: splitLangs(eng, opts.Langs), Formats: opts.Formats, Backend: opts.As, DPI: opts.DPI, Paper: opts.Paper, Style: opts.Style,
		Print:    layout.PrintOptions{Bleed: opts.BleedMM * layout.PointsPerMM, CropMarks: opts.CropMarks, Imposition: opts.Imposition},
		Province: opts.Province, AllowDraft: opts.AllowDraft})
	if err != nil {
		// Expand only checks names the user typed.
		return nameError(err, opts.From)
	}
	// One line per draft language, in English: the page says it in a
	// language the operator may not read. A language that must be
	// rewritten stops the run unless --allow-draft.
	notices, err := eng.Drafts(jobs)
	for _, n := range notices {
		fmt.Fprintln(opts.IO.ErrOut, "draft:", n)
	}
	for _, n := range eng.Leaves(jobs, opts.Org) {
		fmt.Fprintln(opts.IO.ErrOut, "note:", n)
	}
	if err != nil {
		return err
	}
	// An audience not written in a language asked for (one of a user's
	// own, in English alone) stops the run before anything is written,
	// naming the messages that language lacks.
	if err := eng.Written(jobs); err != nil {
		return err
	}
	brand, err := opts.Org.BrandFit(layout.LogoPixels)
	if err != nil {
		return err
	}
	for _, w := range generate.LogoWarnings(jobs, opts.Org, brand) {
		fmt.Fprintln(opts.IO.ErrOut, opts.IO.warning(), w)
	}
	if err := eng.CheckOutDir(opts.OutDir); err != nil {
		return outDirError(opts.From["out"], err)
	}
	// Ctrl-C while the files are being made stops before any is written;
	// once writing has begun (it is quick) the set is finished. Once
	// caught, the signal's default is restored: a second Ctrl-C ends the
	// program at once, and atomic writes leave no half file even then.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop)

	// Make every file before writing any, so that Ctrl-C while they are
	// made leaves nothing behind. A material that cannot be made (its
	// text does not fit with the organisation's name, contacts and logo,
	// a font lacks a letter) is refused alone: every other one is
	// written, the refused ones are named with why and what to do, and
	// the run exits 1, as build does with each output.
	type made struct {
		path   string
		data   []byte
		format string
	}
	var files []made
	var notes []string   // what a layout left out, said once the files are written
	var refused []string // each material not made, with why
	seen := map[string]bool{}
	for _, r := range jobs {
		name := r.FileName("")
		if seen[name] {
			continue // "fr" and "fr-CA" are the same file
		}
		seen[name] = true
		if ctx.Err() != nil {
			return fmt.Errorf("%w: nothing written", errInterrupted)
		}
		out, info, err := eng.Files(r, "", opts.Org, brand)
		if err != nil {
			refused = append(refused, fmt.Sprintf("  %s: %v", filepath.Join(opts.OutDir, name), err))
			continue
		}
		if len(out) > 0 {
			if n := generate.LeftNote(filepath.Join(opts.OutDir, out[0].Name), info, opts.Org); n != "" {
				notes = append(notes, n)
			}
		}
		for _, f := range out {
			files = append(files, made{filepath.Join(opts.OutDir, f.Name), f.Data, r.Format.Name})
		}
	}
	for _, f := range files {
		if err := output.WriteFile(f.path, f.data); err != nil {
			return err
		}
		fmt.Fprintln(opts.IO.Out, f.path)
		if f.format == "sms" {
			// What an SMS costs is its segment count: report it with the warnings.
			n, enc := txt.Segments(string(f.data))
			unit := "segments"
			if n == 1 {
				unit = "segment"
			}
			fmt.Fprintf(opts.IO.ErrOut, "%s: %d SMS %s (%s)\n", f.path, n, unit, enc)
		}
	}
	for _, n := range notes {
		for line := range strings.SplitSeq(n, "\n") { // a file's notes, one a line
			fmt.Fprintln(opts.IO.ErrOut, "note:", line)
		}
	}
	for _, w := range eng.Fonts.Warnings() {
		fmt.Fprintln(opts.IO.ErrOut, opts.IO.warning(), w)
	}
	if len(refused) > 0 {
		written := "nothing written"
		if n := len(seen) - len(refused); n > 0 {
			written = fmt.Sprintf("%d written", n)
		}
		return fmt.Errorf("%d of %d failed, %s:\n%s", len(refused), len(seen), written, strings.Join(refused, "\n"))
	}
	return nil
}

// splitLangs splits at spaces the values that are not a language's
// name, so -l "en fr" is two languages and -l "Tiếng Việt" one.
// nameError says where each unknown audience, language or province came
// from: a name in a settings file is bad content there (exit 1, at its
// line), one from an AWAREKIT_ variable is a usage error (exit 2) naming
// it; one typed as a flag is a usage error, as the user typed it.
func nameError(err error, from map[string]string) error {
	keys := map[string]string{"audience": "audience", "language": "lang", "province": "province"}
	errs := []error{err}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		errs = joined.Unwrap()
	}
	inFile := false
	for i, e := range errs {
		var kind string
		var u *spell.UnknownError
		var c *content.UnknownError
		switch {
		case errors.As(e, &u):
			kind = u.Kind
		case errors.As(e, &c):
			kind = c.Kind
		}
		where := from[keys[kind]]
		if where == "" || where == "the default" || strings.HasPrefix(where, "--") {
			continue
		}
		errs[i] = fmt.Errorf("%s: %w", where, e)
		inFile = inFile || strings.HasPrefix(where, "settings file")
	}
	if inFile {
		return errors.Join(errs...)
	}
	return usage(errors.Join(errs...))
}

func splitLangs(eng *generate.Engine, langs []string) []string {
	var out []string
	for _, l := range langs {
		if _, _, err := eng.ResolveLang(l); err == nil || !strings.ContainsAny(l, " \t") {
			out = append(out, l)
			continue
		}
		out = append(out, strings.Fields(l)...)
	}
	return out
}

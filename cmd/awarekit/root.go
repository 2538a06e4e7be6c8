package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/spell"

	"github.com/awarekit/awarekit/toolkit/input"
)

// Factory gives commands what they share: streams, and a way to open
// the engine. Commands never write into it: each passes its own settings
// (content folder, fonts) to Engine.
type Factory struct {
	IOStreams *IOStreams
	// Engine opens the engine with cfg's content folder and fonts; it
	// fills in the program's name and the file date.
	Engine func(cfg generate.Config) (*generate.Engine, error)
	// Release reads the built-in content's release and facts dates
	// alone, for `version`: no audience, message, language or font.
	Release func() (*content.Release, error)
	// Now is the clock: the day the facts' check-again date is compared
	// with. Tests set it.
	Now func() time.Time
}

func newFactory(streams *IOStreams) *Factory {
	return &Factory{IOStreams: streams, Engine: openEngine, Release: openRelease, Now: time.Now}
}

// openRelease reads the content's release as openEngine opens the
// engine: a bad SOURCE_DATE_EPOCH is refused by every command that reads
// content.
func openRelease() (*content.Release, error) {
	if _, err := sourceDateEpoch(); err != nil {
		return nil, err
	}
	return generate.Release()
}

// warnFactsDue warns once, on errOut, when the facts the content prints
// are past their check-again date.
func warnFactsDue(errOut io.Writer, warning string, eng *generate.Engine, now func() time.Time) {
	warnDue(errOut, warning, eng.Lib, now)
}

func warnDue(errOut io.Writer, warning string, c interface{ CheckDue(time.Time) string }, now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	if w := c.CheckDue(now()); w != "" {
		fmt.Fprintln(errOut, warning, w)
	}
}

// openEngine opens the engine as this program: its name in file metadata
// and SOURCE_DATE_EPOCH, when set, as the date written into files.
func openEngine(cfg generate.Config) (*generate.Engine, error) {
	cfg.Creator = "awarekit " + version
	// SOURCE_DATE_EPOCH is the reproducible-builds convention for fixing
	// the dates written into files.
	date, err := sourceDateEpoch()
	if err != nil {
		return nil, err
	}
	cfg.Date = date
	if sharedContent != nil && cfg.ContentDir == "" {
		if cfg.Library, err = sharedContent(); err != nil {
			return nil, err
		}
	}
	defer pauseGC()()
	return generate.Open(cfg)
}

// sharedContent, when not nil, gives the embedded content loaded once,
// for every engine without a content folder. The program leaves it nil:
// it runs one command, which loads the content once. The tests set it:
// they run some 300 commands in one process (runCLI), and loading the
// content for each took a fifth of the package's CPU.
var sharedContent func() (*content.Library, error)

func newRootCmd(f *Factory) *cobra.Command {
	var showVersion bool
	root := &cobra.Command{
		Use:   "awarekit <command> [flags]",
		Short: "Make print-ready, translated human-trafficking awareness materials",
		Long: `awarekit turns vetted Canadian human-trafficking awareness content into
print-ready materials for youth, Indigenous communities, newcomers, businesses
and health providers, in their languages, with your organisation's name,
contacts, logo and colour.

Start with 'awarekit generate' for a few flyers, or 'awarekit init' and
'awarekit build' for a workshop's whole set and its print pack.
'awarekit doctor' checks this computer.`,
		Example: `  # a flyer for youth in English and French, in this folder
  $ awarekit generate --audience youth --lang en,fr

  # a workshop: a sample plan, then its materials and print pack
  $ awarekit init workshop && cd workshop && awarekit build workshop.yaml

  # what can be made
  $ awarekit list languages`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// Runnable only to refuse an unknown command as a usage error, with
		// the commands there are; cobra reports it as a plain error.
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if showVersion {
				if len(args) > 0 {
					return usage(fmt.Errorf("--version takes no arguments"))
				}
				return versionRun(&VersionOptions{IO: f.IOStreams, Release: f.Release, Now: f.Now})
			}
			if len(args) == 0 {
				return cmd.Help()
			}
			hint := ""
			if near := spell.Nearest(args[0], commandNames(cmd)); len(near) > 0 {
				hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
			}
			return usage(fmt.Errorf("unknown command %s%s; commands: %s", input.Quote(args[0]), hint, strings.Join(commandNames(cmd), ", ")))
		},
	}
	root.Flags().BoolVarP(&showVersion, "version", "v", false, "show the version, commit and date (as 'awarekit version')")
	root.SetUsageTemplate(usageTemplate)
	root.SetOut(f.IOStreams.Out)
	root.SetErr(f.IOStreams.ErrOut)
	root.SetFlagErrorFunc(flagError)
	root.SetGlobalNormalizationFunc(normalizeFlag)
	root.AddCommand(
		newCmdGenerate(f, nil),
		newCmdList(f, nil),
		newCmdVersion(f, nil),
		newCmdBuild(f, nil),
		newCmdInit(f, nil),
		newCmdMessages(f, nil),
		newCmdNew(f, nil),
		newCmdCheck(f, nil),
		newCmdSchema(f, nil),
		newCmdMan(f, nil),
		newCmdDoctor(f, nil),
		newCmdServe(f, nil),
		newCmdTranslate(f),
	)
	fixCompletion(root)
	setHelp(root, f)
	return root
}

// commandNames lists the commands a user can type.
func commandNames(root *cobra.Command) []string {
	var names []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return names
}

// fixCompletion makes "completion SHELL" with a shell cobra does not
// know a usage error naming the shells it knows; cobra prints the
// command's help and exits 0.
func fixCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		var shells []string
		for _, sh := range c.Commands() {
			shells = append(shells, sh.Name())
		}
		// cobra's own help for the shells runs past 80 columns.
		for _, sh := range append([]*cobra.Command{c}, c.Commands()...) {
			sh.Long = wrapLong(sh.Long, helpWidth)
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return usage(fmt.Errorf("no completion for shell %s; choose one of: %s", input.Quote(args[0]), strings.Join(shells, ", ")))
		}
	}
}

// noArgs is cobra.NoArgs as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	return usage(cobra.NoArgs(cmd, args))
}

// flagError is a mistake in a flag, as a usage error; an unknown flag
// near one of the command's gets "did you mean".
func flagError(cmd *cobra.Command, err error) error {
	var nf *pflag.NotExistError
	if errors.As(err, &nf) && nf.GetSpecifiedShortnames() == "" {
		var names []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, f.Name)
			}
		})
		if near := spell.Nearest(nf.GetSpecifiedName(), names); len(near) > 0 {
			return usage(fmt.Errorf("%w (did you mean --%s?)", err, strings.Join(near, " or --")))
		}
	}
	var iv *pflag.InvalidValueError
	if errors.As(err, &iv) {
		return usage(invalidValue(iv))
	}
	return usage(err)
}

// invalidValue says in words why a flag's value could not be read, in
// place of the parser's "strconv.ParseFloat: parsing …: invalid syntax".
func invalidValue(e *pflag.InvalidValueError) error {
	f := e.GetFlag()
	name := "--" + f.Name
	want := map[string]string{
		"float64": "a number, like 3 or 2.5",
		"int":     "a whole number, like 4",
		"bool":    "true or false",
	}[f.Value.Type()]
	if want == "" {
		return e
	}
	if errors.Is(e, strconv.ErrRange) {
		return fmt.Errorf("%s %s is too large; give %s", name, input.Quote(e.GetValue()), want)
	}
	return fmt.Errorf("%s %s is not %s", name, input.Quote(e.GetValue()), want)
}

package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
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
			return unknownCommand(cmd, args[0])
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

// unknownCommand is word, typed where cmd takes one of its commands,
// as a usage error naming the nearest and all of them.
func unknownCommand(cmd *cobra.Command, word string) error {
	hint := ""
	if near := spell.Nearest(word, commandNames(cmd)); len(near) > 0 {
		hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
	}
	of := ""
	if cmd.HasParent() {
		of = " of " + cmd.CommandPath()
	}
	return usage(fmt.Errorf("unknown command %s%s%s; commands: %s", input.Quote(word), of, hint, strings.Join(commandNames(cmd), ", ")))
}

// subcommandArgs is the Args of a command that only holds commands
// (translate): a word that is none of them is refused as the root
// refuses one.
func subcommandArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return unknownCommand(cmd, args[0])
	}
	return nil
}

// commandWords refuses a word that is no command where a command holds
// only commands (awarekit, translate, new, completion) before anything
// else is read: 'awarekit help genrate' and 'awarekit genrate --help'
// showed the help of awarekit itself and exited 0, as if the command
// were there, and 'awarekit translate exprot -l es' said only that
// translate has no -l. It returns the command whose help to point at,
// and the error; nil when the line names only commands there are.
func commandWords(root *cobra.Command, args []string) (*cobra.Command, error) {
	if len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd) {
		return nil, nil // the shell asking what to complete; cobra adds the command when it runs
	}
	cmd, rest, err := root.Find(args)
	if err != nil || cmd == nil {
		return nil, nil
	}
	if cmd.Name() == "help" && cmd.Parent() == root {
		if cmd, rest, err = root.Find(rest); err != nil || cmd == nil {
			return nil, nil
		}
	}
	if !cmd.HasAvailableSubCommands() {
		return nil, nil
	}
	words := positionals(cmd, rest)
	if len(words) == 0 {
		return nil, nil
	}
	if cmd == root {
		if slices.ContainsFunc(rest, func(a string) bool { return a == "--version" || a == "-v" }) {
			return nil, nil // --version says it takes no words
		}
		return root, unknownCommand(root, words[0])
	}
	if cmd.Args != nil {
		if err := cmd.Args(cmd, words); err != nil {
			return cmd, err
		}
	}
	return nil, nil
}

// positionals are the words of args that are not flags or their values.
func positionals(cmd *cobra.Command, args []string) []string {
	var words []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(words, args[i+1:]...)
		case strings.HasPrefix(a, "--") && !strings.Contains(a, "="):
			if f := cmd.Flags().Lookup(a[2:]); f != nil && f.NoOptDefVal == "" {
				i++ // its value
			}
		case strings.HasPrefix(a, "-") && len(a) == 2:
			if f := cmd.Flags().ShorthandLookup(a[1:]); f != nil && f.NoOptDefVal == "" {
				i++
			}
		case strings.HasPrefix(a, "-") && a != "-":
		default:
			words = append(words, a)
		}
	}
	return words
}

// oneDash refuses a flag's whole name written with one dash (-lang fr,
// -out x), which pflag reads as its letter and a value (-l "ang=fr", -o
// "ut"): a language "ang" not found, or files written into a folder
// named "ut".
func oneDash(root *cobra.Command, args []string) (*cobra.Command, error) {
	cmd, rest, err := root.Find(args)
	if err != nil || cmd == nil {
		return nil, nil
	}
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "--") {
			if f := cmd.Flags().Lookup(strings.TrimPrefix(a, "--")); f != nil && f.NoOptDefVal == "" {
				i++ // its value, which may begin with a dash
			}
			continue
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			continue // a word, or a lone "-" (which named no flag: it panicked here)
		}
		if len(a) == 2 {
			if f := cmd.Flags().ShorthandLookup(a[1:]); f != nil && f.NoOptDefVal == "" {
				i++ // its value
			}
			continue
		}
		name, _, _ := strings.Cut(a[1:], "=")
		letter := cmd.Flags().ShorthandLookup(a[1:2])
		if letter == nil || letter.NoOptDefVal != "" {
			// -html is -h (help) and letters that are no flags; -png
			// starts with no flag's letter.
			if h := valueHint(cmd, name); h != "" {
				return cmd, usage(fmt.Errorf("%s: %s", input.Quote(a), h))
			}
			if _, ok := flagWords[strings.ToLower(name)]; ok && cmd.Name() == "build" {
				if h := longHint(cmd, name); strings.HasPrefix(h, "; ") {
					return cmd, usage(fmt.Errorf("%s is not a flag of awarekit build%s", input.Quote(a), h))
				}
			}
		}
		if letter == nil || letter.NoOptDefVal != "" {
			continue // pflag says what is wrong with it
		}
		read := fmt.Sprintf("%s is read as -%s %s", input.Quote(a), a[1:2], input.Quote(a[2:]))
		if f := cmd.Flags().Lookup(string(normalizeFlag(nil, name))); f != nil && !f.Hidden {
			short := ""
			if f.Shorthand != "" {
				short = fmt.Sprintf(", or its letter with one: -%s", f.Shorthand)
			}
			return cmd, usage(fmt.Errorf("%s: write a flag's name with two dashes (--%s%s)", read, f.Name, short))
		}
		// Another word for a flag (-language), not a slip of spelling:
		// -oout is -o "out".
		if _, ok := flagWords[strings.ToLower(name)]; ok {
			if h := valueHint(cmd, name); h != "" {
				return cmd, usage(fmt.Errorf("%s: %s", read, h))
			}
			if h := longHint(cmd, name); strings.HasPrefix(h, " (did you mean --") {
				return cmd, usage(fmt.Errorf("%s: a flag's name takes two dashes%s", read, h))
			} else if strings.HasPrefix(h, " (did you mean") {
				return cmd, usage(fmt.Errorf("%s%s", read, h))
			}
		}
	}
	return nil, nil
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
		c.Args = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			hint := ""
			if near := spell.Nearest(args[0], shells); len(near) > 0 {
				hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
			}
			return usage(fmt.Errorf("no completion for shell %s%s; choose one of: %s", input.Quote(args[0]), hint, strings.Join(shells, ", ")))
		}
		c.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Help() }
	}
}

// noArgs is cobra.NoArgs as a usage error. Words that are values of
// the command's flags are said with their flags: 'generate youth fr
// flyer' and 'check ours' said "unknown command "youth" for "awarekit
// generate"", as if a command had been misspelt.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var with []string
	for _, a := range args {
		f := valueFlag(cmd, a)
		if f == "" {
			return usage(cobra.NoArgs(cmd, args))
		}
		with = append(with, f+" "+shellWord(a))
	}
	// The flags typed too, so the line can be copied as it is: "generate
	// youth -o x" was told "write awarekit generate -a youth", the -o x
	// lost.
	with = append(with, typedFlags(cmd)...)
	return usage(fmt.Errorf("%s takes its choices as flags, not words: write %s %s", cmd.CommandPath(), cmd.CommandPath(), strings.Join(with, " ")))
}

// typedFlags are the flags set on cmd's command line, in the order they
// were typed, each as it can be typed again: its letter or name and its
// value, quoted for a shell where it needs it.
func typedFlags(cmd *cobra.Command) []string {
	fs := cmd.Flags()
	sorted := fs.SortFlags
	fs.SortFlags = false // Visit then goes in the order they were set
	defer func() { fs.SortFlags = sorted }()
	var out []string
	fs.Visit(func(f *pflag.Flag) {
		name := "--" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand
		}
		if f.NoOptDefVal != "" {
			if f.Value.String() != f.NoOptDefVal {
				name = "--" + f.Name + "=" + f.Value.String()
			}
			out = append(out, name)
			return
		}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			for _, v := range sv.GetSlice() {
				out = append(out, name+" "+shellWord(v))
			}
			return
		}
		out = append(out, name+" "+shellWord(f.Value.String()))
	})
	return out
}

// shellWord is s as one word of a shell's command line: as it is when
// it holds only letters, digits and - _ . / : , + @ =, else in single
// quotes.
func shellWord(s string) string {
	safe := s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_./:,+@=", r))
	})
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// valueFlag is the flag of cmd that word is a value of, as the help
// writes it (-a, --content), or "": an audience's or a language's tag, a
// format, a paper, a style, a backend, a content folder.
func valueFlag(cmd *cobra.Command, word string) string {
	has := func(name string) string {
		if f := cmd.Flags().Lookup(name); f != nil && !f.Hidden {
			return flagSpelling(f)
		}
		return ""
	}
	if _, err := fs.Stat(audiences.FS, path.Join(word, "audience.yaml")); err == nil && fs.ValidPath(word) && !strings.Contains(word, "/") {
		return has("audience")
	}
	if _, err := fs.Stat(locales.FS, word+".toml"); err == nil && fs.ValidPath(word) && !strings.Contains(word, "/") {
		return has("lang")
	}
	if w, ok := flagWords[strings.ToLower(word)]; ok && w.typed && (w.on == nil || w.on(cmd)) {
		for _, name := range w.flags {
			if f := has(name); f != "" {
				return f
			}
		}
	}
	if st, err := os.Stat(word); err == nil && st.IsDir() {
		return has("content")
	}
	return ""
}

// flagError is a mistake in a flag, as a usage error; an unknown flag
// says what the command has instead (unknownFlag).
func flagError(cmd *cobra.Command, err error) error {
	var nf *pflag.NotExistError
	if errors.As(err, &nf) {
		return unknownFlag(cmd, nf)
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

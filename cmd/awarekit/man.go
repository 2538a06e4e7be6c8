package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// ManOptions are the options of man.
type ManOptions struct {
	IO       *IOStreams
	Engine   func(generate.Config) (*generate.Engine, error)
	Root     *cobra.Command
	Dir      string
	Markdown bool
}

func newCmdMan(f *Factory, runF func(*ManOptions) error) *cobra.Command {
	opts := &ManOptions{IO: f.IOStreams, Engine: f.Engine}
	cmd := &cobra.Command{
		Use:   "man <folder>",
		Short: "Write a manual page for every command, or the docs pages",
		Long: `Write a manual page (section 1) for awarekit and each of its commands into
folder, made from the same text as --help: awarekit.1, awarekit-generate.1…
With --markdown, write the pages of docs/cli instead, one per command, each
the command's --help as a terminal 80 columns wide shows it.`,
		Example: `  # install the manual pages for yourself
  $ awarekit man ~/.local/share/man/man1
  $ man awarekit-build

  # after changing any help text, bring docs/cli up to date
  $ awarekit man --markdown docs/cli`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 || strings.TrimSpace(args[0]) == "" {
				return usage(fmt.Errorf("man needs the folder to write into, e.g. awarekit man man1"))
			}
			_, err := profile.CheckPath(profile.Field{Name: "folder", From: "the command line"}, args[0])
			return usage(err)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir, opts.Root = args[0], cmd.Root()
			if runF != nil {
				return runF(opts)
			}
			return manRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Markdown, "markdown", false, "write docs/cli's Markdown pages instead of manual pages")
	cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	}
	return cmd
}

func manRun(opts *ManOptions) error {
	eng, err := opts.Engine(generate.Config{})
	if err != nil {
		return err
	}
	fillHelp(opts.Root, eng)
	if err := output.CheckFolder(opts.Dir, ""); err != nil {
		return usage(err) // the folder named on the command line
	}
	if opts.Markdown {
		return writeMarkdownDocs(opts.IO, opts.Root, opts.Dir)
	}
	// The content's date, or SOURCE_DATE_EPOCH: the same pages every time.
	source := "awarekit " + readBuildInfo().Version
	return forEachCommand(opts.Root, func(c *cobra.Command) error {
		path := filepath.Join(opts.Dir, strings.ReplaceAll(c.CommandPath(), " ", "-")+".1")
		if err := output.WriteFile(path, manPage(c, eng.Date, source)); err != nil {
			return fmt.Errorf("write manual pages into %s: %w", opts.Dir, err)
		}
		fmt.Fprintln(opts.IO.Out, path)
		return nil
	})
}

// manPage is c's manual page (section 1) in roff, the man macros: its
// name, how it is run, its help text, its flags, examples, and the
// commands around it. It is written here rather than by cobra's doc
// package, which converts Markdown with blackfriday: that package's
// start (some 8.7 M instructions) ran on every command, --version too.
func manPage(c *cobra.Command, date time.Time, source string) []byte {
	c.InitDefaultHelpFlag() // as running the command would
	var b bytes.Buffer
	name := strings.ReplaceAll(c.CommandPath(), " ", "-")
	fmt.Fprintf(&b, ".nh\n.TH \"AWAREKIT\" \"1\" \"%s\" \"%s\" \"awarekit manual\"\n", date.Format("Jan 2006"), roffText(source))
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", roffText(name), roffText(c.Short))
	fmt.Fprintf(&b, ".SH SYNOPSIS\n\\fB%s\\fR\n", roffText(c.UseLine()))
	b.WriteString(".SH DESCRIPTION\n")
	desc := c.Long
	if desc == "" {
		desc = c.Short
	}
	b.WriteString(roffBlocks(desc))
	if fs := c.NonInheritedFlags(); fs.HasAvailableFlags() {
		b.WriteString(".SH OPTIONS\n")
		roffFlags(&b, fs)
	}
	if fs := c.InheritedFlags(); fs.HasAvailableFlags() {
		b.WriteString(".SH OPTIONS INHERITED FROM PARENT COMMANDS\n")
		roffFlags(&b, fs)
	}
	if choices := c.Annotations[choicesKey]; choices != "" {
		b.WriteString(".SH CHOICES\n")
		b.WriteString(roffBlocks(choices))
	}
	if c.Example != "" {
		b.WriteString(".SH EXAMPLE\n.EX\n")
		for _, l := range strings.Split(strings.TrimRight(c.Example, "\n"), "\n") {
			b.WriteString(roffLine(l) + "\n")
		}
		b.WriteString(".EE\n")
	}
	var see []string
	if c.HasParent() {
		see = append(see, strings.ReplaceAll(c.Parent().CommandPath(), " ", "-"))
	}
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
			see = append(see, name+"-"+sub.Name())
		}
	}
	if len(see) > 0 {
		b.WriteString(".SH SEE ALSO\n")
		for i, s := range see {
			if i > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, "\\fB%s\\fR(1)", roffText(s))
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

// roffFlags writes each flag of fs that a user sees as a tagged
// paragraph: its names and value, then what it does.
func roffFlags(b *bytes.Buffer, fs *pflag.FlagSet) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Deprecated != "" {
			return
		}
		value, usage := pflag.UnquoteUsage(f)
		b.WriteString(".TP\n")
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			fmt.Fprintf(b, "\\fB\\-%s\\fR, ", roffText(f.Shorthand))
		}
		fmt.Fprintf(b, "\\fB\\-\\-%s\\fR", roffText(f.Name))
		if value != "" && f.NoOptDefVal == "" {
			fmt.Fprintf(b, " \\fI%s\\fR", roffText(value))
		}
		b.WriteString("\n" + roffLine(usage))
		switch f.DefValue {
		case "", "false", "[]", "0":
		default:
			b.WriteString(" (default " + roffText(f.DefValue) + ")")
		}
		b.WriteString("\n")
	})
}

// roffBlocks is help text as roff paragraphs: lines that follow one
// another are filled, a blank line starts a paragraph, and indented lines
// (lists and tables laid out for the terminal) are kept as they are.
func roffBlocks(text string) string {
	var b strings.Builder
	para, example := false, false
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		switch {
		case strings.TrimSpace(l) == "":
			if example {
				b.WriteString(".EE\n")
				example = false
			}
			para = false
		case strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\t"):
			if !example {
				b.WriteString(".PP\n.EX\n")
				example, para = true, true
			}
			b.WriteString(roffLine(l) + "\n")
		default:
			if example {
				b.WriteString(".EE\n")
				example, para = false, false
			}
			if !para {
				b.WriteString(".PP\n")
				para = true
			}
			b.WriteString(roffLine(l) + "\n")
		}
	}
	if example {
		b.WriteString(".EE\n")
	}
	return b.String()
}

// roffText escapes text for roff: a backslash is \e.
func roffText(s string) string { return strings.ReplaceAll(s, `\`, `\e`) }

// roffLine is one line of text for roff: escaped, and kept from being
// read as a request when it starts with a dot or an apostrophe.
func roffLine(s string) string {
	s = roffText(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// forEachCommand calls fn for root and every command under it that a
// user can run, parents first.
func forEachCommand(root *cobra.Command, fn func(*cobra.Command) error) error {
	if err := fn(root); err != nil {
		return err
	}
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
			continue
		}
		if err := forEachCommand(c, fn); err != nil {
			return err
		}
	}
	return nil
}

// markdownDocs makes docs/cli's pages: for each command, its --help in
// a text block, and links to the commands around it.
func markdownDocs(root *cobra.Command) (map[string][]byte, error) {
	pages := map[string][]byte{}
	err := forEachCommand(root, func(c *cobra.Command) error {
		var help bytes.Buffer
		c.InitDefaultHelpFlag() // as running the command would
		c.SetOut(&help)
		defer c.SetOut(nil)
		if err := c.Help(); err != nil {
			return err
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "# %s\n\n%s.\n\n", c.CommandPath(), c.Short)
		fmt.Fprintf(&b, "This page is `%s --help`, made by `awarekit man --markdown docs/cli`; a test\nchecks that it matches the program.\n\n", c.CommandPath())
		fmt.Fprintf(&b, "```text\n%s\n```\n", strings.TrimRight(help.String(), "\n"))
		var links []string
		if c.HasParent() {
			links = append(links, fmt.Sprintf("[%s](%s.md)", c.Parent().CommandPath(), docName(c.Parent())))
		}
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
				links = append(links, fmt.Sprintf("[%s](%s.md)", sub.CommandPath(), docName(sub)))
			}
		}
		if len(links) > 0 {
			fmt.Fprintf(&b, "\nSee also: %s\n", strings.Join(links, " · "))
		}
		pages[docName(c)+".md"] = b.Bytes()
		return nil
	})
	return pages, err
}

func writeMarkdownDocs(io *IOStreams, root *cobra.Command, dir string) error {
	pages, err := markdownDocs(root)
	if err != nil {
		return err
	}
	return forEachCommand(root, func(c *cobra.Command) error {
		path := filepath.Join(dir, docName(c)+".md")
		if err := output.WriteFile(path, pages[docName(c)+".md"]); err != nil {
			return err
		}
		fmt.Fprintln(io.Out, path)
		return nil
	})
}

// staleDocs lists the pages in dir that differ from the help, that are
// missing, or that no command has.
func staleDocs(root *cobra.Command, dir string) ([]string, error) {
	pages, err := markdownDocs(root)
	if err != nil {
		return nil, err
	}
	var stale []string
	for name, want := range pages {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			stale = append(stale, name)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	for _, e := range entries {
		if _, ok := pages[e.Name()]; !ok && strings.HasSuffix(e.Name(), ".md") {
			stale = append(stale, e.Name())
		}
	}
	return stale, nil
}

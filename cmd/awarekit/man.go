package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

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
		return err
	}
	if opts.Markdown {
		return writeMarkdownDocs(opts.IO, opts.Root, opts.Dir)
	}
	// The content's date, or SOURCE_DATE_EPOCH: the same pages every time.
	date := eng.Date
	header := &doc.GenManHeader{Title: "AWAREKIT", Section: "1", Date: &date,
		Source: "awarekit " + readBuildInfo().Version, Manual: "awarekit manual"}
	// The manual's text is Markdown: lists and tables, written indented
	// for the terminal, must stay as they are laid out.
	_ = forEachCommand(opts.Root, func(c *cobra.Command) error {
		c.Long = fenceIndented(c.Long)
		return nil
	})
	if err := doc.GenManTree(opts.Root, header, opts.Dir); err != nil {
		return fmt.Errorf("write manual pages into %s: %w", opts.Dir, err)
	}
	return forEachCommand(opts.Root, func(c *cobra.Command) error {
		fmt.Fprintln(opts.IO.Out, filepath.Join(opts.Dir, strings.ReplaceAll(c.CommandPath(), " ", "-")+".1"))
		return nil
	})
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

// fenceIndented puts each run of indented lines of help text in a
// Markdown code block, so the manual keeps its columns, and escapes the
// characters Markdown would read as emphasis elsewhere.
func fenceIndented(text string) string {
	var out []string
	in := false
	for _, l := range strings.Split(text, "\n") {
		indented := strings.HasPrefix(l, "  ")
		switch {
		case indented && !in:
			out = append(out, "```")
			in = true
		case !indented && in && strings.TrimSpace(l) != "":
			out = append(out, "```")
			in = false
		}
		if !in {
			l = strings.NewReplacer("*", "\\*", "_", "\\_").Replace(l)
		}
		out = append(out, l)
	}
	if in {
		out = append(out, "```")
	}
	return strings.Join(out, "\n")
}

package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
)

// CheckOptions are the options of check.
type CheckOptions struct {
	IO      *IOStreams
	Content string // the content folder: --content or the content: setting
}

func newCmdCheck(f *Factory, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: f.IOStreams}
	var configFile string
	cmd := &cobra.Command{
		Use:   "check [--content FOLDER]",
		Short: "Check a content folder without making anything",
		Long: `Check a content folder (--content, or the content: setting) without making
anything, and list every problem at its file and line: a message ID no file
has, a placeholder nothing fills or a translation left out, a safety message
that lost its number, a sign or number with no facts register entry behind
it, a story without recorded consent, English above the audience's
reading_level, a language that began an audience but lacks some of its
messages. It exits 1 when there is one.

It also says, for each audience the folder adds or changes, the languages it
is written in: the languages its materials can be made in.`,
		Example: `  # before printing what a content folder changes
  $ awarekit check --content ours`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := loadContentSettings(cmd.Flags(), configFile)
			if err != nil {
				return err
			}
			opts.Content = s.Content
			if opts.Content == "" {
				return usage(errors.New("which content folder? give --content FOLDER, or content: in awarekit.yaml"))
			}
			if runF != nil {
				return runF(opts)
			}
			return checkRun(opts)
		},
	}
	cmd.Flags().String("content", "", "the content `FOLDER` to check: your audiences/ and locales/")
	addConfigFlag(cmd, &configFile)
	return cmd
}

func checkRun(opts *CheckOptions) error {
	rep, err := content.Check(content.Options{Audiences: audiences.FS, Locales: locales.FS, UserDir: opts.Content})
	if err != nil {
		return usage(err)
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(opts.IO.Out, p.String())
	}
	for _, w := range rep.Warnings {
		fmt.Fprintln(opts.IO.ErrOut, opts.IO.warning(), w)
	}
	for _, a := range rep.Audiences {
		what := "changes the built-in audience"
		if a.Added {
			what = "adds the audience"
		}
		langs := "no language yet"
		if len(a.Languages) > 0 {
			langs = strings.Join(a.Languages, ", ")
		}
		fmt.Fprintf(opts.IO.ErrOut, "%s %s %s: written in %s; its English reads at grade %.1f\n", opts.Content, what, a.ID, langs, a.Grade)
	}
	if n := len(rep.Problems); n > 0 {
		unit := "problems"
		if n == 1 {
			unit = "problem"
		}
		return fmt.Errorf("content folder %s: %d %s", opts.Content, n, unit)
	}
	fmt.Fprintf(opts.IO.ErrOut, "content folder %s: no problems\n", opts.Content)
	return nil
}

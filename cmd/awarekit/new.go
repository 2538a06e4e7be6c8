package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// NewAudienceOptions are the options of new audience.
type NewAudienceOptions struct {
	IO     *IOStreams
	Engine func(generate.Config) (*generate.Engine, error)
	ID     string
	From   string // the audience to copy, or "" for a skeleton
	// Content is the content folder to write into: --content, the
	// content: setting, or the current folder.
	Content string
}

func newCmdNew(f *Factory, runF func(*NewAudienceOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "new {audience}",
		Short: "Start an audience of your own in a content folder",
		Example: `  # an audience for farm workers, starting from the newcomers audience
  $ awarekit new audience farmworkers --from newcomers --content ours`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usage(errors.New("new what? awarekit new audience ID starts an audience of your own"))
			}
			if near := spell.Nearest(args[0], commandNames(cmd)); len(near) > 0 {
				return usage(fmt.Errorf("unknown command %s of awarekit new (did you mean %s?)", input.Quote(args[0]), strings.TrimSpace("awarekit new "+near[0]+" "+strings.Join(args[1:], " "))))
			}
			return usage(fmt.Errorf("awarekit new makes an audience: awarekit new audience %s", strings.Join(args, " ")))
		},
		RunE: func(cmd *cobra.Command, args []string) error { return nil },
	}
	cmd.AddCommand(newCmdNewAudience(f, runF))
	return cmd
}

func newCmdNewAudience(f *Factory, runF func(*NewAudienceOptions) error) *cobra.Command {
	opts := &NewAudienceOptions{IO: f.IOStreams, Engine: f.Engine}
	var configFile string
	cmd := &cobra.Command{
		Use:   "audience ID [--from AUDIENCE] [--content FOLDER]",
		Short: "Start an audience of your own in a content folder",
		Long: `Write the files that start an audience of your own into a content folder
(--content, the content: setting, or the current folder):

  audiences/ID/audience.yaml   what it prints, by message ID; commented
  audiences/ID/stories.yaml    none yet; what a story needs to be printed
  locales/en.toml              its English messages, to edit (added to the
                               file when it exists)

With --from, the new audience starts as a copy of another: its signs,
actions, notes and contacts, with the facts register entries each message
states. Shared and safety messages (the hotline action, an age limit) stay
the built-in ones, translated and checked. Without --from, it is a skeleton
whose TODO: texts 'awarekit check' reports until you replace them.

The audience is made in English at once, and in every other language whose
locales/<tag>.toml in the folder has all its messages. It never overwrites a
file.`,
		Example: `  # an audience for farm workers, starting from the newcomers audience
  $ awarekit new audience farmworkers --from newcomers --content ours
  $ awarekit check --content ours
  $ awarekit generate -a farmworkers --content ours`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage(fmt.Errorf("give the new audience's ID, like awarekit new audience farmworkers (got %d arguments)", len(args)))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			s, err := loadSettings(cmd.Flags(), configFile)
			if err != nil {
				return err
			}
			opts.Content = s.Content
			if opts.Content == "" {
				opts.Content = "."
			}
			if _, err := profile.CheckPath(profile.Field{Name: "content folder", From: "--content"}, opts.Content); err != nil {
				return usage(err)
			}
			if err := folderToWrite(s.From["content"], opts.Content, true); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return newAudienceRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.From, "from", "", "start from this `AUDIENCE`: a copy of its messages and facts to edit")
	cmd.Flags().String("content", "", "the content `FOLDER` to write into (default the content: setting, or the current folder)")
	addConfigFlag(cmd, &configFile)
	return cmd
}

func newAudienceRun(opts *NewAudienceOptions) error {
	dir := opts.Content
	cfg := generate.Config{}
	// The folder's own audiences count too (its IDs are taken), when it
	// is already a content folder.
	if st, err := os.Stat(filepath.Join(dir, "audiences")); err == nil && st.IsDir() {
		cfg.ContentDir = dir
	} else if st, err := os.Stat(filepath.Join(dir, "locales")); err == nil && st.IsDir() {
		cfg.ContentDir = dir
	}
	eng, err := opts.Engine(cfg)
	if err != nil {
		return err
	}
	sc, err := eng.Lib.NewAudience(opts.ID, opts.From)
	if err != nil {
		return usage(err)
	}
	audDir := filepath.Join(dir, "audiences", sc.ID)
	if _, err := os.Lstat(audDir); err == nil {
		// The ID on the command line is taken: exit 2, as for init.
		return usage(fmt.Errorf("%s already exists; awarekit new never overwrites: choose another ID, or remove the folder", audDir))
	}
	// Writes go only into real folders of the content folder: a link
	// there could lead the new files anywhere.
	for _, sub := range []string{"audiences", "locales"} {
		if st, err := os.Lstat(filepath.Join(dir, sub)); err == nil && st.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a link; awarekit new writes only into a real folder: replace it with the folder it points to", filepath.Join(dir, sub))
		}
	}
	enPath := filepath.Join(dir, "locales", "en.toml")
	var existing []byte
	if _, err := os.Lstat(enPath); err == nil {
		// Read as any content file is: a regular file of a sane size,
		// no link out of the folder.
		folder, err := input.OpenFolder(input.Content, dir)
		if err != nil {
			return err
		}
		defer folder.Close()
		if existing, err = fs.ReadFile(folder, "locales/en.toml"); err != nil {
			return err
		}
	}
	english, err := sc.AddToMessageFile(enPath, existing)
	if err != nil {
		return err
	}
	// Check everything before writing anything, so a refusal changes
	// nothing; then write each file whole (a temporary file renamed).
	for _, d := range []string{audDir, filepath.Dir(enPath)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("make folder %s: %w", d, err)
		}
	}
	files := []struct {
		path string
		data []byte
	}{
		{filepath.Join(audDir, "audience.yaml"), sc.Audience},
		{filepath.Join(audDir, "stories.yaml"), sc.Stories},
		{enPath, english},
	}
	for _, f := range files {
		if err := output.WriteFile(f.path, f.data); err != nil {
			return err
		}
		fmt.Fprintln(opts.IO.Out, f.path)
	}
	fmt.Fprintf(opts.IO.ErrOut, "Next: write your words in %s, then run\n  awarekit check --content %s\n  awarekit generate -a %s --content %s\n", enPath, dir, sc.ID, dir)
	return nil
}

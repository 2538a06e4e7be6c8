package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// ListOptions are the options of list.
type ListOptions struct {
	IO     *IOStreams
	Engine func(generate.Config) (*generate.Engine, error)
	What   string
	Fonts  bool // with languages: which font file draws each script
	// Content and UserFonts are the content: and fonts: settings, so the
	// list shows what generate and build would use.
	Content   string
	UserFonts map[string][]string
	From      map[string]string // where each setting came from (Settings.From)
}

var listKinds = []string{"audiences", "formats", "languages"}

// listAliases are the other words people type for the kinds: the
// singular, and lang or langs (which no spelling slip of "languages"
// reaches: `list langs` was refused with no hint).
var listAliases = map[string]string{
	"audience": "audiences",
	"format":   "formats",
	"language": "languages",
	"lang":     "languages",
	"langs":    "languages",
}

// listKind is the kind word names, or "" for none.
func listKind(word string) string {
	w := strings.ToLower(strings.TrimSpace(word))
	if slices.Contains(listKinds, w) {
		return w
	}
	return listAliases[w]
}

func newCmdList(f *Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, Engine: f.Engine}
	var configFile string
	cmd := &cobra.Command{
		Use:   "list {audiences|formats|languages}",
		Short: "Show the audiences, formats or languages awarekit can make",
		Example: `  # which audiences have content
  $ awarekit list audiences

  # which languages, and whether a fluent speaker has reviewed them
  $ awarekit list languages`,
		ValidArgs: listKinds,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usage(fmt.Errorf("list what? choose one of: %s", strings.Join(listKinds, ", ")))
			}
			if listKind(args[0]) == "" {
				return usage(spell.Unknown(nil, "list", args[0], listKinds, nil))
			}
			if len(args) > 1 {
				return usage(fmt.Errorf("list shows one kind at a time, and takes no other word: %s is one too many; write awarekit list %s", input.Quote(args[1]), listKind(args[0])))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.What = listKind(args[0])
			if opts.Fonts && opts.What != "languages" {
				return usage(fmt.Errorf("--fonts goes with list languages"))
			}
			s, err := loadContentSettings(cmd.Flags(), configFile)
			if err != nil {
				return err
			}
			opts.UserFonts, opts.Content, opts.From = s.Fonts, s.Content, s.From
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Fonts, "fonts", false, "with languages: show which font file draws each script")
	cmd.Flags().String("content", "", "your own content over the built-in: a `FOLDER` with audiences/ and locales/")
	addConfigFlag(cmd, &configFile)
	return cmd
}

func listRun(opts *ListOptions) error {
	eng, err := opts.Engine(generate.Config{ContentDir: opts.Content, Fonts: opts.UserFonts})
	if err != nil {
		return fontError(err, opts.From)
	}
	// Columns are lined up by the cells each name takes on a terminal,
	// so wide (简体中文) and right-to-left (العربية) names keep the
	// table straight.
	t := &table{}
	switch opts.What {
	case "audiences":
		for _, id := range eng.AudienceIDs() {
			a, _ := eng.Lib.Audience(id)
			name := id
			if len(a.Aliases) > 0 {
				name = fmt.Sprintf("%s (also %s)", id, strings.Join(a.Aliases, ", "))
			}
			desc := a.Description
			if langs := eng.Lib.Languages(id); len(langs) < len(eng.Languages()) {
				desc += " (in " + strings.Join(langs, ", ") + ")"
			}
			switch {
			case eng.Lib.Added(id):
				desc += " [yours: from your content folder]"
			case len(a.FromUser) > 0:
				desc += " [yours: " + strings.Join(a.FromUser, ", ") + "]"
			}
			t.add(name, desc)
		}
	case "formats":
		for _, f := range format.Formats {
			t.add(f.Name, f.Description)
		}
		for _, g := range format.Groups {
			t.add(g.Name, g.Description)
		}
	case "languages":
		var langs []generate.Language
		// Which file draws each script only with --fonts: finding it
		// splits every message by direction, script and font.
		describe := eng.LanguageCovered
		if opts.Fonts {
			describe = eng.Language
		}
		for _, tag := range eng.Languages() {
			l, err := describe(tag)
			if err != nil {
				return err
			}
			langs = append(langs, l)
		}
		t.add("TAG", "LANGUAGE", "NATIVE", "SCRIPT", "DIRECTION", "COVERAGE", "STATUS", "FONTS HERE")
		for _, l := range langs {
			dir := "left to right"
			if l.RTL {
				dir = "right to left"
			}
			fonts := "yes"
			if l.FontsErr != nil {
				fonts = "no: " + l.FontsErr.Error()
			}
			t.add(l.Tag, l.Name, isolate(l.Native, l.RTL), l.Script, dir, fmt.Sprintf("%d%%", l.Coverage), l.Status, fonts)
		}
		if opts.Fonts {
			if err := t.write(opts.IO.Out); err != nil {
				return err
			}
			fmt.Fprintln(opts.IO.Out)
			t = &table{}
			t.add("TAG", "SCRIPT", "FONT", "FILE")
			for _, l := range langs {
				for _, src := range l.Fonts {
					t.add(l.Tag, src.Script, src.Font, src.File)
				}
			}
		}
	}
	return t.write(opts.IO.Out)
}

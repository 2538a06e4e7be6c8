package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// ListOptions are the options of list.
type ListOptions struct {
	IO     *IOStreams
	Engine func() (*generate.Engine, error)
	What   string
	Fonts  bool // with languages: which font file draws each script
	// UserFonts is the fonts: setting, so the list shows the fonts that
	// generate and build would use.
	UserFonts map[string][]string
}

var listKinds = []string{"audiences", "formats", "languages"}

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
			if len(args) != 1 || !slices.Contains(listKinds, args[0]) {
				return usage(fmt.Errorf("list what? choose one of: %s", strings.Join(listKinds, ", ")))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.What = args[0]
			if opts.Fonts && opts.What != "languages" {
				return usage(fmt.Errorf("--fonts goes with list languages"))
			}
			s, err := loadSettings(cmd.Flags(), configFile)
			if err != nil {
				return err
			}
			opts.UserFonts = s.Fonts
			f.ContentDir = s.Content
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Fonts, "fonts", false, "with languages: show which font file draws each script")
	addConfigFlag(cmd, &configFile)
	return cmd
}

func listRun(opts *ListOptions) error {
	eng, err := opts.Engine()
	if err != nil {
		return err
	}
	if err := eng.Fonts.SetUser(opts.UserFonts); err != nil {
		return err
	}
	w := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
	ts := typeset.New(eng.Fonts)
	switch opts.What {
	case "audiences":
		for _, id := range eng.AudienceIDs() {
			a, _ := eng.Lib.Audience(id)
			name := id
			if len(a.Aliases) > 0 {
				name = fmt.Sprintf("%s (also %s)", id, strings.Join(a.Aliases, ", "))
			}
			desc := a.Description
			if len(a.FromUser) > 0 {
				desc += " [yours: " + strings.Join(a.FromUser, ", ") + "]"
			}
			fmt.Fprintf(w, "%s\t%s\n", name, desc)
		}
	case "formats":
		for _, f := range format.Formats {
			fmt.Fprintf(w, "%s\t%s\n", f.Name, f.Description)
		}
	case "languages":
		fmt.Fprintf(w, "TAG\tLANGUAGE\tNATIVE\tSCRIPT\tDIRECTION\tCOVERAGE\tSTATUS\tFONTS HERE\n")
		en := eng.Lib.Catalog.Locale("en")
		for _, tag := range eng.Languages() {
			l := eng.Lib.Catalog.Locale(tag)
			sc := locale.ScriptOf(tag)
			dir := "left to right"
			if sc.RTL {
				dir = "right to left"
			}
			status := l.Meta.Status
			if l.Meta.Draft() {
				status = "draft"
			} else if l.Meta.Reviewer != "" {
				status = "reviewed by " + l.Meta.Reviewer
			}
			if n := len(l.Overridden); n > 0 {
				status += fmt.Sprintf(", %d messages yours", n)
			}
			have := 0
			for id := range en.Messages {
				if _, ok := l.Messages[id]; ok {
					have++
				}
			}
			fonts := "yes"
			if _, err := ts.Sources(allText(l), typeset.Options{Lang: tag, RTL: sc.RTL}); err != nil {
				fonts = "no: " + err.Error()
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d%%\t%s\t%s\n", tag, l.Meta.Name, l.Meta.Native, sc.Name, dir, have*100/len(en.Messages), status, fonts)
		}
		if opts.Fonts {
			if err := w.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(w, "\nTAG\tSCRIPT\tFONT\tFILE\n")
			for _, tag := range eng.Languages() {
				srcs, _ := ts.Sources(allText(eng.Lib.Catalog.Locale(tag)), typeset.Options{Lang: tag, RTL: locale.ScriptOf(tag).RTL})
				for _, src := range srcs {
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", tag, src.Script, src.Font, src.File)
				}
			}
		}
	}
	return w.Flush()
}

// allText joins every message of a locale, in a fixed order.
func allText(l *locale.Locale) string {
	ids := slices.Sorted(maps.Keys(l.Messages))
	var b strings.Builder
	for _, id := range ids {
		b.WriteString(l.Messages[id])
		b.WriteByte('\n')
	}
	return b.String()
}

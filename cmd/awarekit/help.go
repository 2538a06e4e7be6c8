package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// helpWidth is the width help is written for: an 80-column terminal,
// and the same in the docs made from it.
const helpWidth = 80

// repoURL is the awarekit source repository, the home of its module
// path; the documentation is in its docs/ folder and README.md.
const repoURL = "https://github.com/awarekit/awarekit"

// docsURL is where a command's page in docs/cli is read.
func docsURL(cmd *cobra.Command) string {
	return repoURL + "/blob/main/docs/cli/" + docName(cmd) + ".md"
}

// docName is the name of a command's page in docs/cli: its path after
// "awarekit", joined by "-" ("completion-bash"), or "awarekit" for the
// root.
func docName(cmd *cobra.Command) string {
	if !cmd.HasParent() {
		return cmd.Name()
	}
	return strings.ReplaceAll(strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" "), " ", "-")
}

// advancedFlag marks a flag shown apart, under "Advanced flags", so the
// everyday ones come first.
const advancedFlag = "awarekit_advanced"

// markAdvanced puts flags under "Advanced flags" in cmd's help.
func markAdvanced(cmd *cobra.Command, names ...string) {
	for _, n := range names {
		_ = cmd.Flags().SetAnnotation(n, advancedFlag, []string{"true"})
	}
}

// flagUsages is the help of cmd's own flags, everyday or advanced,
// wrapped for the help's width.
func flagUsages(cmd *cobra.Command, advanced bool) string {
	fs := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	cmd.LocalFlags().VisitAll(func(f *pflag.Flag) {
		if _, adv := f.Annotations[advancedFlag]; adv == advanced {
			fs.AddFlag(f)
		}
	})
	return strings.TrimRight(fs.FlagUsagesWrapped(helpWidth), " \n")
}

// The usage part of every command's help: how to call it, examples, the
// flags (advanced ones apart), the exit codes and where to read more.
const usageTemplate = `Usage:{{$use := and .Runnable (or (not .HasAvailableSubCommands) .HasParent)}}{{$sub := printf "%s <command> [flags]" .CommandPath}}{{if $use}}
  {{.UseLine}}{{end}}{{if and .HasAvailableSubCommands (or (not $use) (ne .UseLine $sub))}}
  {{$sub}}{{end}}{{if .HasExample}}

Examples:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Commands:{{range .Commands}}{{if .IsAvailableCommand}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{with everydayFlags .}}

Flags:
{{.}}{{end}}{{if .HasAvailableInheritedFlags}}

Global flags:
{{.InheritedFlags.FlagUsagesWrapped 80 | trimTrailingWhitespaces}}{{end}}{{with index .Annotations "choices"}}

{{.}}{{end}}{{if or (advancedFlags .) (index .Annotations "advanced")}}

Advanced:{{with index .Annotations "advanced"}}
{{.}}
{{end}}{{with advancedFlags .}}
{{.}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

Run '{{.CommandPath}} <command> --help' for more about a command.{{end}}

` + exitHelp + `

Learn more:
{{docsURL .}}
`

func init() {
	cobra.AddTemplateFunc("everydayFlags", func(c *cobra.Command) string { return flagUsages(c, false) })
	cobra.AddTemplateFunc("advancedFlags", func(c *cobra.Command) string { return flagUsages(c, true) })
	cobra.AddTemplateFunc("docsURL", docsURL)
}

// helpTexts make the parts of a command's help that come from the
// engine (the audiences, formats and languages there are), so they
// never drift from what awarekit makes; keyed by command path. Each
// gives the description, shown before the usage, and the choices,
// shown after the flags: some 150 lines of them before the usage
// hid how to run the command.
var helpTexts = map[string]func(*generate.Engine) (long, choices string){
	"awarekit generate": generateLong,
}

// choicesKey is the annotation of the lists shown after a command's flags.
const choicesKey = "choices"

// fillHelp writes the engine's lists into the help of the commands that
// show them.
func fillHelp(root *cobra.Command, eng *generate.Engine) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if help, ok := helpTexts[c.CommandPath()]; ok {
			long, choices := help(eng)
			c.Long = long
			if c.Annotations == nil {
				c.Annotations = map[string]string{}
			}
			c.Annotations[choicesKey] = choices
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// setHelp makes root's help func fill a command's lists from the engine
// before showing its help; the engine opens only when help is asked for.
func setHelp(root *cobra.Command, f *Factory) {
	base := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		if _, ok := helpTexts[c.CommandPath()]; ok {
			if eng, err := f.Engine(generate.Config{}); err == nil {
				fillHelp(c.Root(), eng)
			}
		}
		base(c, args)
	})
}

// generateLong is generate's description, and every audience, format
// and language the engine has.
func generateLong(eng *generate.Engine) (long, choices string) {
	long = wrapText(`Make one file per audience × language × format in the output folder,
named {audience}-{format}-{lang}.{ext}, and print the paths written. With
--as png or --as svg, page formats are drawn as one image per page. The
audiences, formats, styles, provinces and languages are listed after the flags.`, helpWidth) +
		"\n\n" + wrapText(`Settings come from flags, then AWAREKIT_* environment variables (like
AWAREKIT_ORGANISATION_NAME), then ./awarekit.yaml or --config, then
awarekit/awarekit.yaml in your user config folder.`, helpWidth)
	var b strings.Builder
	b.WriteString("Audiences (-a):\n")
	t := &table{indent: "  ", maxWidth: helpWidth}
	for _, id := range eng.AudienceIDs() {
		a, err := eng.Lib.Audience(id)
		if err != nil {
			continue
		}
		name := id
		if len(a.Aliases) > 0 {
			name += " (" + strings.Join(a.Aliases, ", ") + ")"
		}
		t.add(name, a.Description)
	}
	_ = t.write(&b)

	b.WriteString("\nFormats (-f):\n")
	t = &table{indent: "  ", maxWidth: helpWidth}
	for _, f := range format.Formats {
		t.add(f.Name, f.Description)
	}
	for _, g := range format.Groups {
		t.add(g.Name, g.Description)
	}
	_ = t.write(&b)

	b.WriteString("\n" + wrapText("Styles (--style), for "+strings.Join(format.StyledNames(), ", ")+"; a style other than standard is added to the file name (youth-flyer-en-large-print.pdf):", helpWidth) + "\n")
	t = &table{indent: "  ", maxWidth: helpWidth}
	for _, s := range layout.StyleNames {
		t.add(s, layout.Style(s).Description())
	}
	_ = t.write(&b)

	if provinces := eng.Lib.Provinces(); len(provinces) > 0 {
		b.WriteString("\nProvinces and territories (--province), whose verified lines are added:\n")
		// A line breaks between provinces, never inside a name.
		line := " "
		for i, p := range provinces {
			item := " " + p.ID + " " + p.Name
			if i < len(provinces)-1 {
				item += ","
			}
			if width(line+item) > helpWidth {
				b.WriteString(line + "\n")
				line = " "
			}
			line += item
		}
		b.WriteString(line + "\n")
	}

	b.WriteString("\n" + wrapText(`Languages (-l), by tag or by name in English or in the language itself
(-l pa, -l punjabi, -l ਪੰਜਾਬੀ). Two joined by + make one bilingual document,
the first language first: -l fr+en.`, helpWidth) + "\n")
	t = &table{indent: "  ", maxWidth: helpWidth}
	drafts := 0
	for _, tag := range eng.Languages() {
		l := eng.Lib.Catalog.Locale(tag)
		if l == nil {
			continue
		}
		native := l.Meta.Native
		if native == l.Meta.Name {
			native = ""
		}
		status := statusWord(l)
		if l.Draft() {
			drafts++
		}
		t.add(tag, l.Meta.Name, isolate(native, l.Script.RTL), status)
	}
	_ = t.write(&b)
	if drafts > 0 {
		b.WriteString("\n" + wrapText(`A draft has not yet been checked by a fluent speaker: the page says so, in its
language and in English. A language marked must-rewrite waits for a fluent
speaker from its community: it is made only with --allow-draft, as a proof.
'awarekit list languages' shows more, and whether this computer has the fonts
for each.`, helpWidth) + "\n")
	}
	return long, strings.TrimRight(b.String(), "\n")
}

// statusWord is a language's review status in a word: source, draft or
// reviewed, or the status its file gives.
func statusWord(l *locale.Locale) string {
	m := l.Meta
	switch {
	case m.Status == locale.StatusSource:
		return "source"
	case m.Status != "" && m.Status != locale.StatusReviewed && m.Status != locale.StatusDraft:
		return m.Status
	case l.Draft():
		return "draft"
	}
	return "reviewed"
}

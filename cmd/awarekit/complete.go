package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// choice is one value a flag takes, with words that say what it is;
// names are other words that also select it (a language's name).
type choice struct {
	value, desc string
	names       []string
}

func audienceChoices(eng *generate.Engine) []choice {
	var out []choice
	for _, id := range eng.AudienceIDs() {
		c := choice{value: id}
		if a, err := eng.Lib.Audience(id); err == nil {
			c.desc = a.Description
		}
		out = append(out, c)
	}
	return out
}

// provinceChoices are the province codes, each with its name.
func provinceChoices(eng *generate.Engine) []choice {
	var out []choice
	for _, p := range eng.Lib.Provinces() {
		out = append(out, choice{value: p.ID, desc: p.Name, names: []string{p.Name}})
	}
	return out
}

func formatChoices(*generate.Engine) []choice {
	var out []choice
	for _, f := range format.Formats {
		out = append(out, choice{value: f.Name, desc: f.Description})
	}
	for _, g := range format.Groups {
		out = append(out, choice{value: g.Name, desc: g.Description})
	}
	return out
}

func languageChoices(eng *generate.Engine) []choice {
	var out []choice
	for _, tag := range eng.Languages() {
		l := eng.Lib.Catalog.Locale(tag)
		if l == nil {
			continue
		}
		desc := l.Meta.Name
		if l.Meta.Native != "" && l.Meta.Native != l.Meta.Name {
			desc += ", " + isolate(l.Meta.Native, l.Script.RTL)
		}
		desc += " (" + statusWord(l) + ")"
		out = append(out, choice{value: tag, desc: desc, names: []string{l.Meta.Name, l.Meta.Native}})
	}
	return out
}

// completeList completes the last value of a comma list (-l en,p<TAB>
// gives en,pa), leaving out the values already in it; with pairs, also
// the second language of a pair (fr+<TAB> gives fr+en, fr+es…). A value
// is matched by its start, or by the start of one of its names, written
// as the shell will insert it (-l punj<TAB> gives punjabi).
func completeList(choices []choice, toComplete string, pairs bool) []cobra.Completion {
	head, last := "", toComplete
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		head, last = toComplete[:i+1], toComplete[i+1:]
	}
	used := map[string]bool{}
	for _, v := range strings.Split(head, ",") {
		used[strings.ToLower(v)] = true
	}
	if pairs {
		if first, second, ok := strings.Cut(last, "+"); ok {
			head, last = head+first+"+", second
			used = map[string]bool{strings.ToLower(first): true}
		}
	}
	want := spell.Fold(last)
	var out []cobra.Completion
	for _, c := range choices {
		if used[strings.ToLower(c.value)] {
			continue
		}
		if strings.HasPrefix(strings.ToLower(c.value), strings.ToLower(last)) {
			out = append(out, cobra.CompletionWithDesc(head+c.value, c.desc))
			continue
		}
		for _, n := range c.names {
			// A name is offered as typed only when it is one word: a
			// space would end the value in the shell.
			if f := spell.Fold(n); want != "" && strings.HasPrefix(f, want) && !strings.ContainsAny(f, " ,+") {
				out = append(out, cobra.CompletionWithDesc(head+f, c.desc))
				break
			}
		}
	}
	return out
}

// completePlans offers the plan files and folders in the folder being
// typed: *.yaml and *.yml files other than the settings file
// (awarekit.yaml), which build reads by itself and is not a plan.
func completePlans(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	dir, prefix := filepath.Split(toComplete)
	entries, err := os.ReadDir(cmpOr(dir, "."))
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	directive := cobra.ShellCompDirectiveNoFileComp
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || strings.HasPrefix(name, ".") && !strings.HasPrefix(prefix, ".") {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if st, err := os.Stat(filepath.Join(dir, name)); err == nil {
				isDir = st.IsDir()
			}
		}
		switch ext := strings.ToLower(filepath.Ext(name)); {
		case isDir:
			out = append(out, dir+name+"/")
			directive |= cobra.ShellCompDirectiveNoSpace
		case (ext == ".yaml" || ext == ".yml") && !strings.EqualFold(name, ConfigFileName):
			out = append(out, dir+name)
		}
	}
	slices.Sort(out)
	return out, directive
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

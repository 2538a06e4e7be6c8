package format

import (
	"fmt"
	"slices"
	"strings"
)

// Group is a name that stands for several formats wherever formats are
// asked for (-f kit, formats: [kit] in a plan). A group is not a format:
// it has no layout and is never made as one; the engine replaces it by
// its members, each made where it can be (Engine.Expand).
type Group struct {
	Name        string
	Title       string // what a sentence calls it: "workshop kit"
	Description string
	// Members lists the group's formats, in the order they are made and
	// the print pack shows them.
	Members func() []string
}

// Groups lists the format groups, in the order help shows them.
var Groups = []Group{
	{Name: "kit", Title: "workshop kit", Description: "The whole workshop kit, in a session's order: " + strings.Join(KitFormats(), ", ") +
		" (the guide and the slides only in the languages they are written in: English and French)",
		Members: KitFormats},
}

// GroupByName finds a group; case and surrounding spaces do not matter.
func GroupByName(name string) (Group, bool) {
	key := strings.ToLower(strings.TrimSpace(name))
	for _, g := range Groups {
		if g.Name == key {
			return g, true
		}
	}
	return Group{}, false
}

// GroupNames lists the groups' names.
func GroupNames() []string {
	names := make([]string, len(Groups))
	for i, g := range Groups {
		names[i] = g.Name
	}
	return names
}

// Check reports whether name is a format or a group of formats: what a
// person may write after -f or under formats:.
func Check(name string) error {
	if _, ok := GroupByName(name); ok {
		return nil
	}
	_, err := ByName(name)
	return err
}

// Asked is one format a list of names asks for: named itself, or as a
// member of Group.
type Asked struct {
	Name  string // the format's name, as typed when named itself
	Group string // the group that asked for it, or "" when named
}

// Expand replaces each group in names by its members, in place. A
// format named itself is asked for once, where it is named, even when a
// group has it too; a member of a group is asked for once, by the first
// group that has it. Names that are neither (a typo) are kept as they
// are, for ByName to report.
func Expand(names []string) []Asked {
	named := map[string]bool{}
	for _, n := range names {
		if _, ok := GroupByName(n); !ok {
			named[strings.ToLower(strings.TrimSpace(n))] = true
		}
	}
	var out []Asked
	seen := map[string]bool{}
	for _, n := range names {
		g, ok := GroupByName(n)
		if !ok {
			out = append(out, Asked{Name: n})
			continue
		}
		for _, m := range g.Members() {
			if !named[m] && !seen[m] {
				seen[m] = true
				out = append(out, Asked{Name: m, Group: g.Name})
			}
		}
	}
	return out
}

// GroupError is a group's name where one format must be named (a single
// job): say which formats the group stands for.
type GroupError struct{ Group Group }

func (e *GroupError) Error() string {
	return fmt.Sprintf("%s is a group of formats (%s): ask for it among the formats to make, or name one of them", e.Group.Name, strings.Join(e.Group.Members(), ", "))
}

// validNames are the names a person may choose from: the formats, then
// the groups.
func validNames() []string {
	return slices.Concat(Names(), GroupNames())
}

// unknown is the error for a name that is neither a format nor a group,
// with the nearest of both.
func unknown(name string) error {
	return &UnknownError{Kind: "format", Name: name, Valid: validNames()}
}

package generate

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/format"
)

// groupNotes says, one line per audience and language (or pair), what a
// group of formats asked for there was made without, and why: the
// workshop kit's guide and slides are written in English and French
// only, and have no bilingual form. Expand left them out; the operator
// is told, never left to count the files.
func (e *Engine) groupNotes(jobs []Resolved) []string {
	type key struct{ audience, lang, second, group string }
	var keys []key
	made := map[key][]string{}
	for _, r := range jobs {
		k := key{r.Audience, r.Lang, r.Second, r.Group}
		if r.Group != "" {
			if _, ok := made[k]; !ok {
				keys = append(keys, k)
				made[k] = nil
			}
		}
		// A member named itself is made, whatever the group's notes say.
		for _, g := range format.GroupNames() {
			gk := key{r.Audience, r.Lang, r.Second, g}
			made[gk] = append(made[gk], r.Format.Name)
		}
	}
	var notes []string
	seen := map[string]bool{}
	for _, k := range keys {
		g, _ := format.GroupByName(k.group)
		for _, l := range e.groupLeft(g, k.audience, k.lang, k.second, made[k]) {
			n := fmt.Sprintf("the %s for %s in %s is made without the %s", g.Title, k.audience, e.pairName(k.lang, k.second), l)
			if !seen[n] {
				seen[n] = true
				notes = append(notes, n)
			}
		}
	}
	return notes
}

// groupLeft says which members of g, other than made, cannot be made
// for audience in lang (and second) and why, one line per reason in the
// group's order: "facilitator guide (guide) and slide show (slides):
// written in English (en) and French (fr) only".
func (e *Engine) groupLeft(g format.Group, audience, lang, second string, made []string) []string {
	var whys []string
	left := map[string][]string{}
	for _, name := range g.Members() {
		if slices.Contains(made, name) {
			continue
		}
		f, err := format.ByName(name)
		if err != nil {
			continue
		}
		why := e.whyNot(f, audience, lang, second)
		if _, ok := left[why]; !ok {
			whys = append(whys, why)
		}
		left[why] = append(left[why], partName(f))
	}
	lines := make([]string, len(whys))
	for i, why := range whys {
		lines[i] = andWords(left[why]) + ": " + why
	}
	return lines
}

// GroupNotMadeError is a group of formats none of whose members can be
// made for an audience in a language (the workshop kit in Arabic).
type GroupNotMadeError struct {
	Group    format.Group
	Audience string
	Lang     string // the language's name and tag, or the pair's
	// Why lists each reason with the members it stops, as groupLeft
	// says them.
	Why []string
	// Err is the first member's refusal (a *content.NoKitError or a
	// *BilingualError), kept for errors.As.
	Err error
}

func (e *GroupNotMadeError) Error() string {
	return fmt.Sprintf("the %s (%s) for %s is not made in %s: %s", e.Group.Title, e.Group.Name, e.Audience, e.Lang, strings.Join(e.Why, "; "))
}

func (e *GroupNotMadeError) Unwrap() error { return e.Err }

// groupNotMade is the error for group g, none of whose members can be
// made for audience in typed; first is the first member's refusal.
func (e *Engine) groupNotMade(g format.Group, audience, typed string, first error) error {
	lang, second, err := e.ResolveLang(typed)
	if err != nil {
		return first
	}
	ge := &GroupNotMadeError{Group: g, Audience: audience, Lang: e.pairName(lang, second), Err: first,
		Why: e.groupLeft(g, audience, lang, second, nil)}
	var noKit *content.NoKitError
	if errors.As(first, &noKit) && !noKit.Rewrite && !noKit.NoKit {
		ge.Why = append(ge.Why, fmt.Sprintf("to make a draft of a part, add its messages (kit.* in locales/en.toml) to locales/%s.toml in your content folder", noKit.Lang))
	}
	return ge
}

// pairName names a language, or two on one page.
func (e *Engine) pairName(lang, second string) string {
	if second == "" {
		return e.langName(lang)
	}
	return e.langName(lang) + " and " + e.langName(second) + " on one page"
}

// whyNot says why f is not made for audience in lang (and second), in
// words that follow "made without the guide, …:", whatever their number.
func (e *Engine) whyNot(f format.Format, audience, lang, second string) string {
	for _, p := range f.Budget.Kit {
		for _, tag := range []string{lang, second} {
			var noKit *content.NoKitError
			if tag != "" && errors.As(e.Lib.CheckKit(audience, tag, p), &noKit) {
				if noKit.Rewrite {
					return "no kit text is written in " + noKit.Name + " (" + noKit.Lang + "), as its messages wait for fluent speakers from the community"
				}
				return "written in " + andWords(noKit.In) + " only"
			}
		}
	}
	if second != "" && f.Bilingual == nil {
		return fmt.Sprintf("no bilingual form (-l %s,%s makes one in each language)", lang, second)
	}
	return "not made there"
}

// partName is a format as a sentence names it, with its -f name: "slide
// show (slides)".
func partName(f format.Format) string {
	if kit := f.Budget.Kit; len(kit) > 0 {
		if name := content.KitPartName(kit[0]); name != f.Name {
			return name + " (" + f.Name + ")"
		}
	}
	return f.Name
}

// langName is a language's English name and tag: "Spanish (es)".
func (e *Engine) langName(tag string) string {
	if l := e.Lib.Catalog.Locale(tag); l != nil && l.Meta.Name != "" {
		return l.Meta.Name + " (" + tag + ")"
	}
	return tag
}

func andWords(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/spell"
	"github.com/awarekit/awarekit/toolkit/translate"
)

// flagWord is a name people type for a flag that is called something
// else here (--language for --lang, --output for --out), or for a value
// of one (--png for --as png).
type flagWord struct {
	// flags are the flags it may mean, by name: the first the command
	// has is the one suggested (--output is --out in generate and
	// --output in translate export).
	flags []string
	// value, when not "", is the value to give the flag: --bilingual is
	// -l with two languages joined by +.
	value string
	// why, when not "", follows the suggestion: what the value means.
	why string
	// typed is set when the word is the value itself typed as a flag
	// (--png, -flyer): the advice is then to give it to its flag, not to
	// write the flag's name with two dashes.
	typed bool
	// on, when not nil, says whether the word means the flag on a
	// command: --png is --as png where --as takes a backend (generate),
	// not where it takes a translation file's format.
	on func(*cobra.Command) bool
}

// drawsPages tells the commands whose --as is a page backend (those
// with --format) from those whose --as is a translation file's format.
func drawsPages(c *cobra.Command) bool { return c.Flags().Lookup("format") != nil }

// bilingualWhy says what the + of -l does, for every flag a person types
// asking for two languages on one page.
const bilingualWhy = "Two languages on one page are their tags joined by +, the first language first; -l fr,en makes a document in each"

// flagWords are the other names of flags, keyed by the name as typed
// after the dashes, in lower case. They are suggested only on a command
// that has the flag they name; the aliases that work (--colour,
// --organization) are flagAliases, not these.
var flagWords = func() map[string]flagWord {
	w := map[string]flagWord{}
	add := func(fw flagWord, names ...string) {
		for _, n := range names {
			w[n] = fw
		}
	}
	add(flagWord{flags: []string{"lang"}, value: "fr+en", why: bilingualWhy, on: drawsPages},
		"bilingual", "two-languages", "two-language", "two-langs", "both-languages", "dual", "dual-language", "dual-languages", "side-by-side", "pair", "language-pair", "second-language", "second-lang")
	add(flagWord{flags: []string{"lang"}}, "language", "languages", "langs", "locale", "locales", "translation", "translations", "tongue")
	add(flagWord{flags: []string{"phone"}}, "org-phone", "organisation-phone", "organization-phone", "phone-number", "phonenumber", "telephone", "tel", "number", "org-tel")
	add(flagWord{flags: []string{"email"}}, "org-email", "organisation-email", "organization-email", "mail", "e-mail", "email-address")
	add(flagWord{flags: []string{"website"}}, "org-website", "organisation-website", "organization-website", "url", "web", "site", "web-site", "homepage", "home-page", "www")
	add(flagWord{flags: []string{"logo"}}, "org-logo", "organisation-logo", "organization-logo", "image", "picture")
	add(flagWord{flags: []string{"color"}}, "org-color", "org-colour", "brand-color", "brand-colour", "header-color", "header-colour", "colours", "colors")
	add(flagWord{flags: []string{"org-name"}}, "org", "name", "org-title", "organisation-title", "organization-title", "agency", "agency-name", "group-name")
	add(flagWord{flags: []string{"out", "output", "dir", "into"}}, "output", "outputs", "out", "output-dir", "output-folder", "out-dir", "outdir", "dest", "destination", "target", "folder", "dir", "directory", "save", "save-to")
	add(flagWord{flags: []string{"audience"}}, "audiences", "for", "group", "groups", "who", "target-audience")
	add(flagWord{flags: []string{"format", "as"}}, "formats", "type", "kind", "material", "materials", "template", "format")
	add(flagWord{flags: []string{"as"}}, "output-format", "file-format", "filetype", "file-type", "image-format")
	add(flagWord{flags: []string{"paper"}}, "paper-size", "papersize", "size", "page-size", "pagesize", "page")
	add(flagWord{flags: []string{"province"}}, "region", "territory", "prov-code", "state")
	add(flagWord{flags: []string{"allow-draft"}}, "draft", "drafts", "allow-drafts", "proof")
	add(flagWord{flags: []string{"dry-run"}}, "dryrun", "dry", "simulate", "preview", "what-if", "whatif", "plan-only")
	add(flagWord{flags: []string{"listen"}}, "host", "address", "addr", "bind", "ip", "interface")
	add(flagWord{flags: []string{"open"}}, "browser", "open-browser", "launch", "browse")
	add(flagWord{flags: []string{"into", "content"}}, "content", "in")
	add(flagWord{flags: []string{"into", "out", "output"}}, "to")
	add(flagWord{flags: []string{"content", "into"}}, "content-dir", "content-folder", "contents", "own-content", "custom", "words", "messages")
	add(flagWord{flags: []string{"config"}}, "settings", "config-file", "cfg", "conf", "settings-file")
	add(flagWord{flags: []string{"force"}}, "overwrite", "rebuild", "redo", "again", "replace")
	add(flagWord{flags: []string{"quiet"}}, "silent", "no-progress")
	add(flagWord{flags: []string{"reviewer"}}, "reviewed-by", "review-by", "checked-by", "by")
	add(flagWord{flags: []string{"writer"}}, "author", "written-by", "translator")
	add(flagWord{flags: []string{"crop-marks"}}, "crop", "cropmarks", "crop-mark", "trim-marks", "marks")
	add(flagWord{flags: []string{"bleed"}}, "bleeds", "bleed-mm")
	add(flagWord{flags: []string{"dpi"}}, "resolution", "ppi")
	// Values typed as flags: --png, --a4, --large-print, --flyer.
	for _, b := range format.BackendNames() {
		add(flagWord{flags: []string{"as"}, value: b, on: drawsPages, typed: true}, b)
	}
	for _, t := range translate.Formats {
		add(flagWord{flags: []string{"as"}, value: t, on: func(c *cobra.Command) bool { return !drawsPages(c) }, typed: true}, t)
	}
	for _, p := range layout.PaperNames {
		add(flagWord{flags: []string{"paper"}, value: p, typed: true}, p)
	}
	for _, s := range layout.StyleNames {
		add(flagWord{flags: []string{"style"}, value: s, typed: true}, s)
	}
	add(flagWord{flags: []string{"style"}, value: string(layout.LargePrint), typed: true}, "large", "largeprint", "large-type", "clear-print")
	for _, f := range format.Formats {
		add(flagWord{flags: []string{"format"}, value: f.Name, typed: true}, f.Name)
	}
	for _, g := range format.Groups {
		add(flagWord{flags: []string{"format"}, value: g.Name, typed: true}, g.Name)
	}
	return w
}()

// planKeys says where build reads what another command takes as a flag:
// build makes what its plan lists, so --lang there is a line of the
// plan, not a flag.
var planKeys = map[string]string{
	"lang":        "languages: [en, fr] in an outputs item of the plan (fr+en for one bilingual document)",
	"audience":    "audiences: [youth] in an outputs item of the plan",
	"format":      "formats: [flyer] in an outputs item of the plan (kit: true for the workshop kit)",
	"paper":       "paper: under defaults: in the plan, or in an outputs item",
	"style":       "style: under defaults: in the plan, or in an outputs item",
	"bleed":       "bleed: under defaults: in the plan",
	"crop-marks":  "crop_marks: true under defaults: in the plan",
	"imposition":  "imposition: under defaults: in the plan, or in an outputs item",
	"as":          "as: under defaults: in the plan, or in an outputs item",
	"dpi":         "dpi: under defaults: in the plan",
	"org-name":    "name: under organisation: in awarekit.yaml (or in the plan)",
	"phone":       "phone: under organisation: in awarekit.yaml (or in the plan)",
	"email":       "email: under organisation: in awarekit.yaml (or in the plan)",
	"website":     "website: under organisation: in awarekit.yaml (or in the plan)",
	"logo":        "logo: under organisation: in awarekit.yaml (or in the plan)",
	"color":       "color: under organisation: in awarekit.yaml (or in the plan)",
	"content":     "content: in awarekit.yaml beside the plan",
	"allow-draft": "allow_draft: true in the plan",
}

// unknownFlagError is a flag the command does not have, with what to do
// instead; the line after it says how to see the command's flags.
type unknownFlagError struct {
	err  error  // pflag's, kept for errors.As
	hint string // "" or what follows the error: " (did you mean --lang?)"
	// msg, when set, is said in place of pflag's error: one that names
	// a byte of a letter beyond ASCII ('Ã' for é).
	msg string
}

func (e *unknownFlagError) Error() string {
	if e.msg != "" {
		return e.msg
	}
	return e.err.Error() + e.hint
}
func (e *unknownFlagError) Unwrap() error { return e.err }

// unknownFlag says what cmd has in place of the flag nf names: the
// nearest of its flags by spelling or by another word for the same
// thing, the command that has the flag, or, for build, the line of the
// plan that does its work.
func unknownFlag(cmd *cobra.Command, nf *pflag.NotExistError) error {
	e := &unknownFlagError{err: nf}
	if short := nf.GetSpecifiedShortnames(); short != "" && !isASCII(short) {
		// pflag looks at bytes: -é is a flag 'Ã' to it, and looking
		// that up as a letter panicked.
		e.msg = nonASCIIFlag(short)
	} else if short != "" {
		e.hint = shorthandHint(cmd, nf.GetSpecifiedName(), short)
	} else {
		e.hint = longHint(cmd, nf.GetSpecifiedName())
	}
	return usage(e)
}

// nonASCIIFlag says what is wrong with -short, a group that holds a
// character beyond ASCII: a dash a word processor made of two hyphens
// (-–lang, –-lang), or a letter no flag has.
func nonASCIIFlag(short string) string {
	dash := func(r rune) bool { return unicode.Is(unicode.Pd, r) || r == '−' }
	if r, _ := utf8.DecodeRuneInString(short); dash(r) {
		return fmt.Sprintf("-%s is not a flag: %s is a dash (%U) a word processor or a web page made of two hyphens; type -- with the keyboard's hyphen key, like --%s", short, string(r), r, strings.TrimLeftFunc(short, dash))
	}
	return fmt.Sprintf("-%s is not a flag: a flag is a hyphen and a letter (-l) or two hyphens and a name (--lang), in the letters a to z", short)
}

// isASCII reports whether s holds only ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// longHint is the hint for --typed, a flag cmd does not have.
func longHint(cmd *cobra.Command, typed string) string {
	key := strings.ToLower(typed)
	// What the command has: another word for one of its flags (--for is
	// --audience, though it begins --format), then a slip of spelling.
	if w, ok := flagWords[key]; ok && (w.on == nil || w.on(cmd)) {
		for _, name := range w.flags {
			f := cmd.Flags().Lookup(name)
			if f == nil || f.Hidden {
				continue
			}
			s := " (did you mean --" + f.Name
			if w.value != "" {
				s = " (did you mean " + flagSpelling(f) + " " + w.value
			}
			s += "?"
			if w.why != "" {
				s += " " + w.why
			}
			return s + ")"
		}
	}
	if near := spell.Nearest(typed, flagNames(cmd)); len(near) > 0 {
		return fmt.Sprintf(" (did you mean --%s?)", strings.Join(near, " or --"))
	}
	// A flag of another command, or another word for one.
	name, value := typed, ""
	if f := otherFlag(cmd, key); f != "" {
		name = f
	} else if w, ok := flagWords[key]; ok {
		for _, n := range w.flags {
			if others := commandsWith(cmd.Root(), cmd, n, w.on); len(others) > 0 {
				name, value = n, w.value
				break
			}
		}
	}
	if cmd.Name() == "build" {
		if where, ok := planKeys[name]; ok {
			return fmt.Sprintf("; build makes what its plan lists: write %s ('awarekit generate --%s' makes materials without a plan)", where, name)
		}
	}
	if name == "version" {
		return "; 'awarekit version' shows the version"
	}
	others := commandsWith(cmd.Root(), cmd, name, nil)
	if value != "" {
		others = commandsWith(cmd.Root(), cmd, name, flagWords[key].on)
		if len(others) > 0 {
			return fmt.Sprintf("; --%s %s is for %s, not %s", name, value, orList(others, "and"), cmd.CommandPath())
		}
	}
	if len(others) > 0 && cmd.Flags().Lookup(name) == nil {
		return fmt.Sprintf("; --%s is a flag of %s, not of %s", name, orList(others, "and"), cmd.CommandPath())
	}
	return ""
}

// orList joins items as a sentence does: "a", "a and b", "a, b and c".
func orList(items []string, and string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + and + " " + items[len(items)-1]
}

// otherFlag is the flag of some other command that typed names, by its
// own name or a near spelling; "" when none.
func otherFlag(cmd *cobra.Command, typed string) string {
	var all []string
	walkCommands(cmd.Root(), func(c *cobra.Command) {
		if c == cmd {
			return
		}
		for _, n := range flagNames(c) {
			if !slices.Contains(all, n) {
				all = append(all, n)
			}
		}
	})
	if slices.Contains(all, typed) {
		return typed
	}
	if to, ok := flagAliases[typed]; ok {
		return to
	}
	if near := spell.Nearest(typed, all); len(near) == 1 {
		return near[0]
	}
	return ""
}

// shorthandHint is the hint for -letter in -group, a letter cmd has no
// flag for: the flag a person who typed one dash before a whole name
// meant (-phone), the same letter in the other case (-L), or the
// command's one-letter flags.
func shorthandHint(cmd *cobra.Command, letter, group string) string {
	name, _, _ := strings.Cut(group, "=")
	if len([]rune(name)) > 1 {
		if f := cmd.Flags().Lookup(name); f != nil && !f.Hidden {
			return fmt.Sprintf(" (a flag's name takes two dashes: --%s)", f.Name)
		}
		if h := valueHint(cmd, name); h != "" {
			return " (" + h + ")"
		}
		if h := longHint(cmd, name); strings.HasPrefix(h, " (did you mean --") {
			return " (a flag's name takes two dashes: " + strings.TrimPrefix(h, " (")
		} else if strings.HasPrefix(h, " (did you mean") {
			return h // -bilingual: no flag's name, with one dash or two
		}
	}
	for _, l := range []string{strings.ToLower(letter), strings.ToUpper(letter)} {
		if l == letter {
			continue
		}
		if f := cmd.Flags().ShorthandLookup(l); f != nil && !f.Hidden {
			return fmt.Sprintf(" (did you mean -%s, --%s? one-letter flags are case-sensitive)", l, f.Name)
		}
	}
	var letters []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Shorthand != "" && !f.Hidden && f.Name != "help" {
			letters = append(letters, "-"+f.Shorthand+" (--"+f.Name+")")
		}
	})
	if len(letters) == 0 {
		return fmt.Sprintf("; %s has no one-letter flags but -h (--help)", cmd.CommandPath())
	}
	return fmt.Sprintf("; the one-letter flags of %s are %s", cmd.CommandPath(), strings.Join(letters, ", "))
}

// valueHint says, for a value typed as a flag's name (-flyer, --png),
// which flag of cmd takes it, with the value after it: "flyer is a
// value of -f, --format, not a flag: write -f flyer or --format flyer".
// "" when typed is no such value on cmd.
func valueHint(cmd *cobra.Command, typed string) string {
	w, ok := flagWords[strings.ToLower(typed)]
	if !ok || !w.typed || w.on != nil && !w.on(cmd) {
		return ""
	}
	for _, name := range w.flags {
		f := cmd.Flags().Lookup(name)
		if f == nil || f.Hidden {
			continue
		}
		if f.Shorthand == "" {
			return fmt.Sprintf("%s is a value of --%s, not a flag: write --%s %s", w.value, f.Name, f.Name, w.value)
		}
		return fmt.Sprintf("%s is a value of -%s, --%s, not a flag: write -%s %s or --%s %s", w.value, f.Shorthand, f.Name, f.Shorthand, w.value, f.Name, w.value)
	}
	return ""
}

// flagSpelling is how a suggestion writes f: -l for a flag with a
// letter, to show the short form people meet in the examples, else
// --name.
func flagSpelling(f *pflag.Flag) string {
	if f.Shorthand != "" {
		return "-" + f.Shorthand
	}
	return "--" + f.Name
}

// flagNames lists the flags a user can type on c.
func flagNames(c *cobra.Command) []string {
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	return names
}

// walkCommands calls fn for root and every command under it that a user
// can type.
func walkCommands(root *cobra.Command, fn func(*cobra.Command)) {
	fn(root)
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			walkCommands(c, fn)
		}
	}
}

// commandsWith lists the commands other than cmd that have the flag
// name (and for which on holds, when not nil), as a user types them
// (awarekit build).
func commandsWith(root, cmd *cobra.Command, name string, on func(*cobra.Command) bool) []string {
	var out []string
	if name == "help" {
		return nil
	}
	walkCommands(root, func(c *cobra.Command) {
		if c == cmd || (on != nil && !on(c)) {
			return
		}
		if f := c.Flags().Lookup(name); f != nil && !f.Hidden {
			out = append(out, c.CommandPath())
		}
	})
	return out
}

// isUnknownFlag tells an unknown flag's error from other usage errors:
// its next line points at the command's list of flags.
func isUnknownFlag(err error) bool {
	var u *unknownFlagError
	return errors.As(err, &u)
}

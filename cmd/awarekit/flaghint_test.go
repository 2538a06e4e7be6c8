package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestUnknownFlags runs a flag each command does not have, in-process:
// exit 2, the nearest of the command's own flags (by spelling or by
// another word for it), or the command that has it, and the line that
// says how to see all its flags. Nothing runs: no file is written.
func TestUnknownFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in stderr, after "awarekit: "
		help string // the command whose --help the last line names
	}{
		// generate: the words people type.
		{"bilingual", []string{"generate", "--bilingual"}, "unknown flag: --bilingual (did you mean -l fr+en? Two languages on one page are their tags joined by +, the first language first; -l fr,en makes a document in each)", "awarekit generate"},
		{"two languages, with a value", []string{"generate", "--two-languages=ti,en"}, "unknown flag: --two-languages (did you mean -l fr+en?", "awarekit generate"},
		{"org phone", []string{"generate", "--org-phone", "604-555-0134"}, "unknown flag: --org-phone (did you mean --phone?)", "awarekit generate"},
		{"organisation phone", []string{"generate", "--organisation-phone=604-555-0134"}, "unknown flag: --organisation-phone (did you mean --phone?)", "awarekit generate"},
		{"organization phone", []string{"generate", "--organization-phone", "1"}, "(did you mean --phone?)", "awarekit generate"},
		{"org", []string{"generate", "--org", "Club"}, "unknown flag: --org (did you mean --org-name?)", "awarekit generate"},
		{"language", []string{"generate", "--language", "fr"}, "unknown flag: --language (did you mean --lang?)", "awarekit generate"},
		{"languages=", []string{"generate", "--languages=fr,en"}, "unknown flag: --languages (did you mean --lang?)", "awarekit generate"},
		{"output", []string{"generate", "--output", "x"}, "unknown flag: --output (did you mean --out?)", "awarekit generate"},
		{"to is the output folder on generate", []string{"generate", "--to", "x"}, "unknown flag: --to (did you mean --out?)", "awarekit generate"},
		{"in is the content folder on generate", []string{"generate", "--in", "x"}, "unknown flag: --in (did you mean --content?)", "awarekit generate"},
		{"outputs", []string{"generate", "--outputs", "x"}, "unknown flag: --outputs (did you mean --out?)", "awarekit generate"},
		{"to is --into on translate import", []string{"translate", "import", "x.po", "--to", "y"}, "unknown flag: --to (did you mean --into?)", "awarekit translate import"},
		{"audiences", []string{"generate", "--audiences", "youth"}, "unknown flag: --audiences (did you mean --audience?)", "awarekit generate"},
		{"a slip", []string{"generate", "--fromat=md"}, "unknown flag: --fromat (did you mean --format?)", "awarekit generate"},
		{"for is the audience, not the format it begins", []string{"generate", "--for", "youth"}, "unknown flag: --for (did you mean --audience?)", "awarekit generate"},
		{"a value as a flag: backend", []string{"generate", "--png"}, "unknown flag: --png (did you mean --as png?)", "awarekit generate"},
		{"a value as a flag: style", []string{"generate", "--large-print"}, "(did you mean --style large-print?)", "awarekit generate"},
		{"a value as a flag: paper", []string{"generate", "--A4"}, "(did you mean --paper a4?)", "awarekit generate"},
		{"a value as a flag: group", []string{"generate", "--kit"}, "(did you mean -f kit?)", "awarekit generate"},
		{"a flag of build", []string{"generate", "--dry-run"}, "unknown flag: --dry-run; --dry-run is a flag of awarekit build, not of awarekit generate", "awarekit generate"},
		{"the root's flag", []string{"generate", "--version"}, "unknown flag: --version; 'awarekit version' shows the version", "awarekit generate"},
		{"nothing near", []string{"generate", "--verbose"}, "unknown flag: --verbose\n", "awarekit generate"},
		{"shorthand in the other case", []string{"generate", "-L", "fr"}, "unknown shorthand flag: 'L' in -L (did you mean -l, --lang? one-letter flags are case-sensitive)", "awarekit generate"},
		{"shorthand of nothing", []string{"generate", "-x"}, "unknown shorthand flag: 'x' in -x; the one-letter flags of awarekit generate are -a (--audience), -f (--format), -l (--lang), -o (--out)", "awarekit generate"},
		{"a name with one dash", []string{"generate", "-phone", "1"}, "unknown shorthand flag: 'p' in -phone (a flag's name takes two dashes: --phone)", "awarekit generate"},

		// build takes from its plan what generate takes as flags.
		{"build: lang", []string{"build", "plan.yaml", "--lang", "fr"}, "unknown flag: --lang; build makes what its plan lists: write languages: [en, fr] in an outputs item of the plan (fr+en for one bilingual document) ('awarekit generate --lang' makes materials without a plan)", "awarekit build"},
		{"build: bilingual", []string{"build", "plan.yaml", "--bilingual"}, "write languages: [en, fr] in an outputs item", "awarekit build"},
		{"build: org phone", []string{"build", "plan.yaml", "--org-phone=1"}, "write phone: under organisation: in awarekit.yaml (or in the plan)", "awarekit build"},
		{"build: paper=", []string{"build", "plan.yaml", "--paper=a4"}, "write paper: under defaults: in the plan", "awarekit build"},
		{"build: a slip", []string{"build", "plan.yaml", "--dryrun"}, "unknown flag: --dryrun (did you mean --dry-run?)", "awarekit build"},
		{"build: shorthand", []string{"build", "plan.yaml", "-N"}, "(did you mean -n, --dry-run?", "awarekit build"},
		{"build: a name with one dash after a letter that takes no value", []string{"build", "plan.yaml", "-quiet"}, "unknown shorthand flag: 'u' in -uiet (a flag's name takes two dashes: did you mean --quiet?)", "awarekit build"},
		{"build: output", []string{"build", "plan.yaml", "--output=x"}, "(did you mean --out?)", "awarekit build"},

		// every other command.
		{"check", []string{"check", "--content-dir", "ours"}, "unknown flag: --content-dir (did you mean --content?)", "awarekit check"},
		{"doctor", []string{"doctor", "--jsn"}, "unknown flag: --jsn (did you mean --json?)", "awarekit doctor"},
		{"init", []string{"init", "--overwrite"}, "unknown flag: --overwrite (did you mean --force?)", "awarekit init"},
		{"list", []string{"list", "languages", "--font"}, "unknown flag: --font (did you mean --fonts?)", "awarekit list"},
		{"list: a flag of others", []string{"list", "formats", "--json"}, "unknown flag: --json; --json is a flag of awarekit build, awarekit doctor, awarekit translate import and awarekit translate status, not of awarekit list", "awarekit list"},
		{"man", []string{"man", "--md"}, "unknown flag: --md", "awarekit man"},
		{"messages", []string{"messages", "--language", "fr"}, "unknown flag: --language (did you mean --lang?)", "awarekit messages"},
		{"messages: bilingual is generate's", []string{"messages", "--bilingual"}, "unknown flag: --bilingual; --lang fr+en is for awarekit generate, not awarekit messages", "awarekit messages"},
		{"new audience", []string{"new", "audience", "club", "--form", "youth"}, "unknown flag: --form (did you mean --from?)", "awarekit new audience"},
		{"schema", []string{"schema", "plan", "--out", "x"}, "unknown flag: --out; --out is a flag of awarekit build and awarekit generate, not of awarekit schema", "awarekit schema"},
		{"serve", []string{"serve", "--host", "0.0.0.0"}, "unknown flag: --host (did you mean --listen?)", "awarekit serve"},
		{"serve: output", []string{"serve", "--output=x"}, "(did you mean --dir?)", "awarekit serve"},
		{"version", []string{"version", "--json"}, "unknown flag: --json; --json is a flag of", "awarekit version"},
		{"version: no letters", []string{"version", "-j"}, "awarekit version has no one-letter flags but -h (--help)", "awarekit version"},
		{"translate status", []string{"translate", "status", "--langs", "fr"}, "unknown flag: --langs (did you mean --lang?)", "awarekit translate status"},
		{"translate export: out", []string{"translate", "export", "-l", "es", "--out", "es.po"}, "unknown flag: --out (did you mean --output?)", "awarekit translate export"},
		{"translate export: format", []string{"translate", "export", "-l", "es", "--format=po"}, "unknown flag: --format (did you mean --as?)", "awarekit translate export"},
		{"translate export: a file format as a flag", []string{"translate", "export", "-l", "es", "--csv"}, "unknown flag: --csv (did you mean --as csv?)", "awarekit translate export"},
		{"translate export: a backend is generate's", []string{"translate", "export", "-l", "es", "--png"}, "unknown flag: --png; --as png is for awarekit generate, not awarekit translate export", "awarekit translate export"},
		{"translate import", []string{"translate", "import", "es.po", "--content", "ours"}, "unknown flag: --content (did you mean --into?)", "awarekit translate import"},
		{"translate review", []string{"translate", "review", "-l", "es", "--by", "Ana"}, "unknown flag: --by (did you mean --reviewer?)", "awarekit translate review"},
		{"translate proof", []string{"translate", "proof", "-l", "es", "--papr", "a4"}, "unknown flag: --papr (did you mean --paper?)", "awarekit translate proof"},
		{"completion", []string{"completion", "bash", "--no-desc"}, "unknown flag: --no-desc (did you mean --no-descriptions?)", "awarekit completion bash"},
		{"the root", []string{"--verison"}, "unknown flag: --verison (did you mean --version?)", "awarekit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			r := runCLI(t, dir, tt.args...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want %d", r.code, exitUsage)
			}
			if !strings.HasPrefix(r.stderr, "awarekit: unknown ") || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, r.stderr)
			}
			if want := "Run '" + tt.help + " --help' to see all its flags.\n"; !strings.HasSuffix(r.stderr, want) {
				t.Errorf("stderr does not end with %q:\n%s", want, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout: %q", r.stdout)
			}
		})
	}
}

// TestFlagWordsNameRealFlags: whatever word is typed on whatever
// command, the flags a hint suggests (--name, -l, "--as png is for
// awarekit generate") are flags of the command it says they are.
func TestFlagWordsNameRealFlags(t *testing.T) {
	root := newRootCmd(newFactory(&IOStreams{}))
	root.InitDefaultHelpCmd()
	suggested := regexp.MustCompile(`(?:did you mean|takes two dashes:) ((?:--?[\w-]+)(?: or --[\w-]+)*)`)
	other := regexp.MustCompile(`; --([\w-]+)(?: \S+)? (?:is a flag of|is for) (.+?), not`)
	var words []string
	for w := range flagWords {
		words = append(words, w)
	}
	walkCommands(root, func(c *cobra.Command) {
		for _, names := range flagNames(c) {
			words = append(words, names+"s", names[:len(names)-1])
		}
	})
	checked := 0
	walkCommands(root, func(cmd *cobra.Command) {
		for _, w := range words {
			if cmd.Flags().Lookup(w) != nil {
				continue
			}
			h := longHint(cmd, w)
			if m := suggested.FindStringSubmatch(h); m != nil {
				for _, f := range strings.Split(m[1], " or ") {
					var ok bool
					if name, long := strings.CutPrefix(f, "--"); long {
						ok = cmd.Flags().Lookup(name) != nil
					} else {
						ok = cmd.Flags().ShorthandLookup(strings.TrimPrefix(f, "-")) != nil
					}
					if !ok {
						t.Errorf("%s --%s: suggests %s, which it does not have: %s", cmd.CommandPath(), w, f, h)
					}
					checked++
				}
			}
			if m := other.FindStringSubmatch(h); m != nil {
				for _, path := range strings.Split(strings.ReplaceAll(m[2], " and ", ", "), ", ") {
					c, _, err := root.Find(strings.Fields(path)[1:])
					if err != nil || c.CommandPath() != path || c.Flags().Lookup(m[1]) == nil {
						t.Errorf("%s --%s: says %s has --%s, which it does not: %s", cmd.CommandPath(), w, path, m[1], h)
					}
					checked++
				}
			}
		}
	})
	if checked < 100 {
		t.Errorf("only %d suggestions checked", checked)
	}
	t.Logf("%d suggestions checked, on %d words", checked, len(words))
}

// TestUnknownCommands: a word that is no command, wherever a command is
// asked for (and with --help, or after help, which showed the root's
// help and exited 0), names the nearest and every command there, and
// exits 2.
func TestUnknownCommands(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
		help string
	}{
		{"root", []string{"genrate"}, `unknown command "genrate" (did you mean generate?); commands: build, check, completion, doctor, generate`, "awarekit"},
		{"root with --help", []string{"genrate", "--help"}, `unknown command "genrate" (did you mean generate?)`, "awarekit"},
		{"help of no command", []string{"help", "genrate"}, `unknown command "genrate" (did you mean generate?)`, "awarekit"},
		{"translate", []string{"translate", "exprot", "-l", "es"}, `unknown command "exprot" of awarekit translate (did you mean export?); commands: export, import, proof, review, status`, "awarekit translate"},
		{"translate with -h", []string{"translate", "stauts", "-h"}, `unknown command "stauts" of awarekit translate (did you mean status?)`, "awarekit translate"},
		{"help of translate's no command", []string{"help", "translate", "reveiw"}, `(did you mean review?)`, "awarekit translate"},
		{"new", []string{"new", "audeince", "club"}, `unknown command "audeince" of awarekit new (did you mean awarekit new audience club?)`, "awarekit new"},
		{"completion with --help", []string{"completion", "bsh", "--help"}, `no completion for shell "bsh" (did you mean bash or zsh?); choose one of: bash, fish, powershell, zsh`, "awarekit completion"},
		{"translate, then a flag of its commands", []string{"translate", "exprot", "-l", "es", "--as", "po"}, `unknown command "exprot" of awarekit translate (did you mean export?)`, "awarekit translate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, t.TempDir(), tt.args...)
			if r.code != exitUsage || !strings.HasPrefix(r.stderr, "awarekit: ") || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, want %d with %q\nstderr: %s", r.code, exitUsage, tt.want, r.stderr)
			}
			if want := "Run '" + tt.help + " --help' for usage.\n"; !strings.HasSuffix(r.stderr, want) {
				t.Errorf("stderr does not end with %q:\n%s", want, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("help shown for a command there is not:\n%s", r.stdout)
			}
		})
	}
	// Help of commands there are still shows.
	for _, args := range [][]string{{"help", "generate"}, {"translate", "export", "--help"}, {"help", "translate", "export"}, {"new", "audience", "--help"}, {"generate", "-h"}} {
		if r := runCLI(t, t.TempDir(), args...); r.code != exitOK || !strings.Contains(r.stdout, "Usage:") {
			t.Errorf("%v: exit %d, stdout %.80q, stderr %s", args, r.code, r.stdout, r.stderr)
		}
	}
}

// TestOneDashNames: a flag's whole name after one dash is refused
// before anything runs: pflag read -lang fr as -l "ang" and -out x as
// -o "ut", writing into a folder named ut.
func TestOneDashNames(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"generate", "-out", "x", "-f", "md"}, `"-out" is read as -o "ut": write a flag's name with two dashes (--out, or its letter with one: -o)`},
		{[]string{"generate", "-lang=fr", "-f", "md"}, `"-lang=fr" is read as -l "ang=fr": write a flag's name with two dashes (--lang, or its letter with one: -l)`},
		{[]string{"generate", "-f", "md", "-audience", "youth"}, `(--audience, or its letter with one: -a)`},
		{[]string{"generate", "-format", "md"}, `(--format, or its letter with one: -f)`},
		{[]string{"generate", "-language=fr"}, `"-language=fr" is read as -l "anguage=fr": a flag's name takes two dashes (did you mean --lang?)`},
		{[]string{"generate", "-output", "x"}, `"-output" is read as -o "utput": a flag's name takes two dashes (did you mean --out?)`},
		{[]string{"translate", "export", "-lang", "es"}, `(--lang, or its letter with one: -l)`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := t.TempDir()
			r := runCLI(t, dir, tt.args...)
			if r.code != exitUsage || !strings.HasPrefix(r.stderr, "awarekit: \"-") || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, want %d with %q\nstderr: %s", r.code, exitUsage, tt.want, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("it ran: %s", r.stdout)
			}
		})
	}
	// A lone "-" (standard input, by the Unix convention) is an
	// argument like any other: oneDash sliced a[1:2] of it and every
	// command panicked, exit 1 "internal error" (review19 H1).
	for _, args := range [][]string{{"build", "-"}, {"translate", "import", "-"}, {"generate", "-"}, {"check", "-"}} {
		if r := runCLI(t, t.TempDir(), args...); r.code != exitUsage || strings.Contains(r.stderr, "internal error") {
			t.Errorf("%v: exit %d, want %d, stderr: %s", args, r.code, exitUsage, r.stderr)
		}
	}
	// One letter and its value joined, and a value that begins with a
	// dash, still work.
	dir := t.TempDir()
	if r := runCLI(t, dir, "generate", "-len", "-f", "md", "-o", "o"); r.code != exitOK {
		t.Errorf("-len: exit %d: %s", r.code, r.stderr)
	}
	if r := runCLI(t, dir, "generate", "-f", "md", "-oout"); r.code != exitOK {
		t.Errorf("-oout: exit %d: %s", r.code, r.stderr)
	}
	if r := runCLI(t, dir, "generate", "-f", "md", "-o", "o", "--org-name", "-lang"); r.code != exitOK {
		t.Errorf("--org-name -lang: exit %d: %s", r.code, r.stderr)
	}
}

// TestValuesTypedAsFlags: a value typed as a flag with one dash (-flyer,
// -html, -png, -a4) is said to be a value, with the flag that takes it
// in both spellings; never "a flag's name takes two dashes", which
// --flyer is not either. -flyer said "a flag's name takes two dashes
// (did you mean -f flyer?)", -html "unknown shorthand flag: 't' in
// -tml".
func TestValuesTypedAsFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"generate", "-a", "youth", "-flyer"}, `awarekit: "-flyer" is read as -f "lyer": flyer is a value of -f, --format, not a flag: write -f flyer or --format flyer`},
		{[]string{"generate", "-kit"}, `awarekit: "-kit": kit is a value of -f, --format, not a flag: write -f kit or --format kit`},
		{[]string{"generate", "-html"}, `awarekit: "-html": html is a value of -f, --format, not a flag: write -f html or --format html`},
		{[]string{"generate", "-png"}, `awarekit: "-png": png is a value of --as, not a flag: write --as png`},
		{[]string{"generate", "-a4"}, `awarekit: "-a4" is read as -a "4": a4 is a value of --paper, not a flag: write --paper a4`},
		{[]string{"generate", "-large-print"}, `awarekit: "-large-print" is read as -l "arge-print": large-print is a value of --style, not a flag: write --style large-print`},
		{[]string{"translate", "export", "-l", "es", "-csv"}, `awarekit: "-csv": csv is a value of --as, not a flag: write --as csv`},
		{[]string{"build", "plan.yaml", "-html"}, `awarekit: "-html" is not a flag of awarekit build; build makes what its plan lists: write formats: [flyer] in an outputs item of the plan`},
		{[]string{"generate", "-bilingual"}, `awarekit: unknown shorthand flag: 'b' in -bilingual (did you mean -l fr+en? Two languages`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, t.TempDir(), tt.args...)
			if r.code != exitUsage || !strings.HasPrefix(r.stderr, tt.want) {
				t.Errorf("exit %d, want %d starting %q\nstderr: %s", r.code, exitUsage, tt.want, r.stderr)
			}
			if strings.Contains(r.stderr, "two dashes") {
				t.Errorf("a value is not a flag's name:\n%s", r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("it ran: %s", r.stdout)
			}
		})
	}
}

// TestFlagsBeyondASCII: a letter beyond ASCII after one dash (-é, an
// emoji) is refused as no flag, exit 2, and a word processor's dash
// (-–lang, Word's -- ) is named with the fix; -é was an "internal error
// ... This is a bug", exit 1 (pflag's shorthand lookup panicked on the
// byte 'Ã' it took for the letter).
func TestFlagsBeyondASCII(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"generate", "-é"}, "awarekit: -é is not a flag: a flag is a hyphen and a letter (-l) or two hyphens and a name (--lang), in the letters a to z\n"},
		{[]string{"generate", "-a", "youth", "-«"}, "awarekit: -« is not a flag: "},
		{[]string{"build", "plan.yaml", "-🙂png"}, "awarekit: -🙂png is not a flag: "},
		{[]string{"generate", "-–lang", "fr"}, "awarekit: -–lang is not a flag: – is a dash (U+2013) a word processor or a web page made of two hyphens; type -- with the keyboard's hyphen key, like --lang\n"},
		{[]string{"generate", "-—lang", "fr"}, "like --lang\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, t.TempDir(), tt.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) || strings.Contains(r.stderr, "bug") {
				t.Errorf("exit %d, want %d with %q\nstderr: %s", r.code, exitUsage, tt.want, r.stderr)
			}
		})
	}
}

// TestWordsForFlags: words after a command that takes none, each the
// value of one of its flags, are said with their flags; 'generate youth
// fr flyer' and 'check ours' said "unknown command "youth" for
// "awarekit generate"". Other words are still unknown commands.
func TestWordsForFlags(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ours", "locales", "fr.toml"), "[youth]\nheadline = \"Salut\"\n")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"generate", "youth"}, "awarekit generate takes its choices as flags, not words: write awarekit generate -a youth\n"},
		{[]string{"generate", "youth", "fr", "flyer", "a4", "png"}, "write awarekit generate -a youth -l fr -f flyer --paper a4 --as png\n"},
		{[]string{"check", "ours"}, "awarekit check takes its choices as flags, not words: write awarekit check --content ours\n"},
		{[]string{"messages", "youth", "fr"}, "write awarekit messages -a youth -l fr\n"},
		// The flags typed are kept in the line to copy (review17 L17: the
		// -o x was lost), in their order, quoted where a shell needs it.
		{[]string{"generate", "youth", "-o", "x"}, "write awarekit generate -a youth -o x\n"},
		{[]string{"generate", "-o", "x", "youth", "--org-name", "L'Écho Club", "--crop-marks", "-f", "flyer,cards"}, "write awarekit generate -a youth -o x --org-name 'L'\\''Écho Club' --crop-marks -f flyer -f cards\n"},
		{[]string{"generate", "youth", "klingon"}, `unknown command "youth" for "awarekit generate"`},
		{[]string{"version", "2"}, `unknown command "2" for "awarekit version"`},
	}
	for _, tt := range tests {
		r := runCLI(t, dir, tt.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) || r.stdout != "" {
			t.Errorf("%v: exit %d, want %d saying %q\nstderr: %s", tt.args, r.code, exitUsage, tt.want, r.stderr)
		}
	}
}

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/batch"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// testStreams are streams a test reads back.
func testStreams() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &IOStreams{Out: &out, ErrOut: &errOut}, &out, &errOut
}

// TestRunFunctions calls each command's run function with its options,
// as the command would after reading flags and settings, and checks
// stdout, stderr and the exit code main would give.
func TestRunFunctions(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "plan.yaml"), "outputs: [{audience: youth, languages: [en, fr], format: md}]\n")
	writeFile(t, filepath.Join(work, "bad.yaml"), "outputs: [{audience: teens, language: en, format: flyer}]\n")
	content := filepath.Join(work, "ours")
	writeFile(t, filepath.Join(content, "locales", "en.toml"), "[_meta]\nlanguage = \"en\"\n[youth]\nheadline = \"Eastside Youth: know the signs\"\n")

	tests := []struct {
		name    string
		run     func(io *IOStreams) error
		code    int
		out     []string // stdout contains each
		errOut  []string // stderr contains each
		noFiles string   // a folder that must be empty or absent after
	}{
		{name: "generate md", run: func(io *IOStreams) error {
			return generateRun(&GenerateOptions{IO: io, Engine: openEngine, Audiences: []string{"youth"}, Langs: []string{"en", "fr-CA"}, Formats: []string{"md"}, Paper: "letter", OutDir: filepath.Join(work, "g")})
		}, out: []string{filepath.Join(work, "g", "youth-md-en.md") + "\n", filepath.Join(work, "g", "youth-md-fr.md") + "\n"}},
		{name: "generate with the content folder", run: func(io *IOStreams) error {
			return generateRun(&GenerateOptions{IO: io, Engine: openEngine, Audiences: []string{"youth"}, Langs: []string{"en"}, Formats: []string{"txt"}, Paper: "letter", OutDir: filepath.Join(work, "c"), Content: content})
		}, out: []string{"youth-txt-en.txt"}},
		{name: "generate sms reports its segments", run: func(io *IOStreams) error {
			return generateRun(&GenerateOptions{IO: io, Engine: openEngine, Audiences: []string{"health"}, Langs: []string{"en"}, Formats: []string{"sms"}, Paper: "letter", OutDir: filepath.Join(work, "s")})
		}, errOut: []string{"health-sms-en.txt: ", " SMS segment"}},
		{name: "generate: every bad name at once", run: func(io *IOStreams) error {
			return generateRun(&GenerateOptions{IO: io, Engine: openEngine, Audiences: []string{"teens"}, Langs: []string{"xx"}, Formats: []string{"flyer"}, Paper: "letter", OutDir: filepath.Join(work, "bad")})
		}, code: exitUsage, errOut: []string{`unknown audience "teens"`}, noFiles: filepath.Join(work, "bad")},
		{name: "generate: und is not English", run: func(io *IOStreams) error {
			return generateRun(&GenerateOptions{IO: io, Engine: openEngine, Audiences: []string{"youth"}, Langs: []string{"und"}, Formats: []string{"flyer"}, Paper: "letter", OutDir: filepath.Join(work, "und")})
		}, code: exitUsage, errOut: []string{`unknown language "und"`}, noFiles: filepath.Join(work, "und")},
		{name: "generate: three languages", run: func(io *IOStreams) error {
			return generateRun(&GenerateOptions{IO: io, Engine: openEngine, Audiences: []string{"youth"}, Langs: []string{"fr+en+es"}, Formats: []string{"flyer"}, Paper: "letter", OutDir: filepath.Join(work, "three")})
		}, code: exitUsage, errOut: []string{"at most two languages"}, noFiles: filepath.Join(work, "three")},
		{name: "generate: output inside the content folder", run: func(io *IOStreams) error {
			return generateRun(&GenerateOptions{IO: io, Engine: openEngine, Audiences: []string{"youth"}, Langs: []string{"en"}, Formats: []string{"md"}, Paper: "letter", OutDir: filepath.Join(content, "out"), Content: content})
		}, code: exitUsage, errOut: []string{"inside the content folder"}, noFiles: filepath.Join(content, "out")},
		{name: "generate: bad colour", run: func(io *IOStreams) error {
			return generateRun(&GenerateOptions{IO: io, Engine: openEngine, Audiences: []string{"youth"}, Langs: []string{"en"}, Formats: []string{"md"}, Paper: "letter", OutDir: filepath.Join(work, "col"), Org: profile.Organisation{Color: "teal"}})
		}, code: exitFailure, errOut: []string{"colour is not a hex colour"}, noFiles: filepath.Join(work, "col")},
		{name: "build", run: func(io *IOStreams) error {
			return buildRun(&BuildOptions{IO: io, Engine: openEngine, PlanFile: filepath.Join(work, "plan.yaml"), Jobs: 2})
		}, errOut: []string{"2 made, 0 unchanged, 0 failed"}},
		{name: "build: bad plan content is 1", run: func(io *IOStreams) error {
			return buildRun(&BuildOptions{IO: io, Engine: openEngine, PlanFile: filepath.Join(work, "bad.yaml"), Jobs: 2, OutDir: filepath.Join(work, "badout")})
		}, code: exitFailure, errOut: []string{"bad.yaml:1:", `unknown audience "teens"`}, noFiles: filepath.Join(work, "badout")},
		{name: "build: output inside the content folder", run: func(io *IOStreams) error {
			return buildRun(&BuildOptions{IO: io, Engine: openEngine, PlanFile: filepath.Join(work, "plan.yaml"), Jobs: 2, Content: content, OutDir: filepath.Join(content, "out")})
		}, code: exitUsage, errOut: []string{"inside the content folder"}, noFiles: filepath.Join(content, "out")},
		{name: "build: dry run as JSON", run: func(io *IOStreams) error {
			return buildRun(&BuildOptions{IO: io, Engine: openEngine, PlanFile: filepath.Join(work, "plan.yaml"), Jobs: 2, DryRun: true, JSON: true, Quiet: true})
		}, out: []string{`"unchanged": 2`, `"dry_run": true`}},
		{name: "list formats", run: func(io *IOStreams) error {
			return listRun(&ListOptions{IO: io, Engine: openEngine, What: "formats"})
		}, out: []string{"flyer", "safety-card", "sms"}},
		{name: "list languages with the content folder", run: func(io *IOStreams) error {
			return listRun(&ListOptions{IO: io, Engine: openEngine, What: "languages", Content: content})
		}, out: []string{"TAG", "en ", "1 message yours", "pa "}},
		{name: "list languages with a missing font", run: func(io *IOStreams) error {
			return listRun(&ListOptions{IO: io, Engine: openEngine, What: "languages", UserFonts: map[string][]string{"Guru": {filepath.Join(work, "missing.ttf")}}})
		}, code: exitFailure, errOut: []string{"missing.ttf"}},
		{name: "schema", run: func(io *IOStreams) error {
			return schemaRun(&SchemaOptions{IO: io, Engine: openEngine, What: "plan"})
		}, out: []string{`"$schema": "https://json-schema.org/draft/2020-12/schema"`}},
		{name: "init", run: func(io *IOStreams) error {
			return initRun(&InitOptions{IO: io, Engine: openEngine, Dir: filepath.Join(work, "demo")})
		}, out: []string{filepath.Join(work, "demo", "workshop.yaml") + "\n"}, errOut: []string{"awarekit build workshop.yaml"}},
		{name: "version", run: func(io *IOStreams) error { return versionRun(&VersionOptions{IO: io, Release: openRelease}) }, out: []string{"awarekit " + version + " (", "\ncontent "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, out, errOut := testStreams()
			code := exitCode(tt.run(io), io, "awarekit --help")
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tt.code, errOut)
			}
			for _, want := range tt.out {
				if !strings.Contains(out.String(), want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			for _, want := range tt.errOut {
				if !strings.Contains(errOut.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			if tt.noFiles != "" {
				if entries, _ := os.ReadDir(tt.noFiles); len(entries) > 0 {
					t.Errorf("%d files written in %s after failing", len(entries), tt.noFiles)
				}
			}
		})
	}
}

// TestExitCodes runs whole command lines in-process and checks the exit
// code table of main.go: 2 for the command line and environment, 1 for
// file content and failed work, 130 for an interruption.
func TestExitCodes(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "plan.yaml"), "outputs: [{audience: youth, language: en, format: md}]\n")
	writeFile(t, filepath.Join(work, "bad.yaml"), "outputs: [{audience: youth, language: en, format: flyer, colour: red}]\n")
	writeFile(t, filepath.Join(work, "ws", "workshop.yaml"), "# mine\n")
	if err := os.MkdirAll(filepath.Join(work, "ws2", ConfigFileName), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		code int
		want string // in stderr
	}{
		{"unknown command", []string{"frobnicate"}, nil, exitUsage, `unknown command "frobnicate"; commands: build, check, completion, doctor, generate`},
		{"unknown flag", []string{"generate", "--colr", "red"}, nil, exitUsage, "unknown flag: --colr (did you mean --color?)"},
		{"bad flag value", []string{"generate", "--bleed", "abc"}, nil, exitUsage, `--bleed "abc" is not a number, like 3 or 2.5`},
		{"a misspelt imposition", []string{"generate", "-f", "cards", "--imposition", "singel"}, nil, exitUsage, `--imposition: unknown imposition "singel" (did you mean "single"?); choose one of: sheet, single`},
		{"a number too large", []string{"build", "plan.yaml", "--jobs", "99999999999999999999"}, nil, exitUsage, `--jobs "99999999999999999999" is too large; give a whole number, like 4`},
		{"a whole number with a point", []string{"build", "plan.yaml", "-j", "2.5"}, nil, exitUsage, `--jobs "2.5" is not a whole number, like 4`},
		{"a near command", []string{"genrate"}, nil, exitUsage, `unknown command "genrate" (did you mean generate?)`},
		{"usage names the command's help", []string{"list", "langauges"}, nil, exitUsage, `(did you mean "languages"?); choose one of: audiences, formats, languages
Run 'awarekit list --help' for usage.`},
		{"completion for an unknown shell", []string{"completion", "tcsh"}, nil, exitUsage, `no completion for shell "tcsh"; choose one of: bash, fish, powershell, zsh`},
		{"shard of zero parts", []string{"build", "plan.yaml", "--shard", "1/0"}, nil, exitUsage, "the number of parts N must be at least 1"},
		{"shard past the count", []string{"build", "plan.yaml", "--shard", "3/2"}, nil, exitUsage, "between 1 and 2"},
		{"und", []string{"generate", "-l", "und", "-f", "md"}, nil, exitUsage, `unknown language "und"`},
		{"three languages", []string{"generate", "-l", "fr+en+es"}, nil, exitUsage, "at most two languages"},
		{"SOURCE_DATE_EPOCH not a number", []string{"version"}, map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}, exitUsage, "SOURCE_DATE_EPOCH"},
		{"SOURCE_DATE_EPOCH negative", []string{"version"}, map[string]string{"SOURCE_DATE_EPOCH": "-1"}, exitUsage, "the end of year 9999"},
		{"SOURCE_DATE_EPOCH past 9999", []string{"version"}, map[string]string{"SOURCE_DATE_EPOCH": fmt.Sprint(maxSourceDate + 1)}, exitUsage, "the end of year 9999"},
		{"a bad AWAREKIT_ variable", []string{"generate", "-f", "md"}, map[string]string{"AWAREKIT_AUDIENCE": "teens"}, exitUsage, `unknown audience "teens"`},
		{"bad plan content", []string{"build", "bad.yaml"}, nil, exitFailure, `bad.yaml:1:58: outputs[0].colour: unknown key "colour"`},
		{"missing plan", []string{"build", "nope.yaml"}, nil, exitUsage, "plan nope.yaml does not exist"},
		// Nothing in the files is wrong and nothing failed: the command
		// line asks for files where files are (was exit 1).
		{"init over files there", []string{"init", "ws"}, nil, exitUsage, filepath.Join("ws", "workshop.yaml") + " already exists; use --force to overwrite, or give another folder: awarekit init FOLDER"},
		{"init --force over a folder", []string{"init", "ws2", "--force"}, nil, exitUsage, filepath.Join("ws2", ConfigFileName) + " is a folder; move it away and run init again"},
		{"done", []string{"build", "plan.yaml", "-q"}, nil, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			r := runCLI(t, work, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, want %d with %q\nstderr: %s", r.code, tt.code, tt.want, r.stderr)
			}
		})
	}

	io, _, errOut := testStreams()
	if code := exitCode(fmt.Errorf("%w: 3 made", errInterrupted), io, "awarekit --help"); code != exitInterrupt || !strings.Contains(errOut.String(), "interrupted: 3 made") {
		t.Errorf("interrupted: exit %d, stderr %q", code, errOut)
	}
	if code := exitCode(&batch.BusyError{Dir: "out"}, io, "awarekit --help"); code != exitFailure {
		t.Errorf("a busy folder: exit %d, want %d", code, exitFailure)
	}
}

// TestPanicExitsOne: a bug that panics exits 1 with a short message and
// no stack trace, unless AWAREKIT_DEBUG is set; never 2.
func TestPanicExitsOne(t *testing.T) {
	for _, debug := range []bool{false, true} {
		t.Run(fmt.Sprint("debug=", debug), func(t *testing.T) {
			if debug {
				t.Setenv(debugEnv, "1")
			} else {
				os.Unsetenv(debugEnv)
			}
			io, out, errOut := testStreams()
			f := newFactory(io)
			f.Release = func() (*content.Release, error) {
				panic(errors.New("boom"))
			}
			code := runWith(f, []string{"version"})
			if code != exitFailure || !strings.Contains(errOut.String(), "awarekit: internal error: boom") {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if hasStack := strings.Contains(errOut.String(), "goroutine ") || strings.Contains(errOut.String(), "commands_test.go"); hasStack != debug {
				t.Errorf("stack trace shown = %v with %s=%v:\n%s", hasStack, debugEnv, debug, errOut)
			}
			if !strings.Contains(out.String(), "awarekit "+version) {
				t.Errorf("stdout %q", out)
			}
		})
	}
}

// TestHelpHasExitCodes: --help ends with the exit code table, then
// where to read more.
func TestHelpHasExitCodes(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"build", "--help"}} {
		io, out, _ := testStreams()
		if code := runWith(newFactory(io), args); code != exitOK || !strings.Contains(out.String(), exitHelp+"\n\nLearn more:\n"+repoURL) {
			t.Errorf("%v: exit %d, output does not end with the exit codes:\n%s", args, code, out)
		}
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{"| 0 | done |", "| 1 | something failed", "| 2 | the command line or the environment is wrong", "| 130 | interrupted"} {
		if !strings.Contains(string(readme), row) {
			t.Errorf("README's exit status table lacks %q", row)
		}
	}
}

// TestListKinds: `awarekit list langs` was refused with no hint (no
// spelling slip of "languages" reaches it), and `list languages fr`
// said "list what?" though a kind was given. The singulars, lang and
// langs list the kind; a word too many is named.
func TestListKinds(t *testing.T) {
	work := t.TempDir()
	for _, args := range [][]string{{"list", "langs"}, {"list", "lang"}, {"list", "Language"}} {
		if r := runCLI(t, work, args...); r.code != exitOK || !strings.Contains(r.stdout, "Français") {
			t.Errorf("%q: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
	if r := runCLI(t, work, "list", "audience"); r.code != exitOK || !strings.Contains(r.stdout, "newcomers") {
		t.Errorf("list audience: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := runCLI(t, work, "list", "languages", "fr")
	if want := `list shows one kind at a time, and takes no other word: "fr" is one too many; write awarekit list languages`; r.code != exitUsage || !strings.Contains(r.stderr, want) {
		t.Errorf("list languages fr: exit %d, want %d with %q\n%s", r.code, exitUsage, want, r.stderr)
	}
}

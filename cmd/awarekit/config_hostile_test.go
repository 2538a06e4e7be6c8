package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSettingsFileProblems: each mistake in a settings file is an error
// that names the file and line and says what to do; none panics.
func TestSettingsFileProblems(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string
	}{
		{"fonts with an empty key", "fonts: {\"\": [a.ttf]}\n", []string{"awarekit.yaml:1", `"" is not a script code awarekit knows`, "Guru"}},
		{"fonts with an unknown script", "fonts:\n  Hxns: [a.ttf]\n", []string{"awarekit.yaml:2", `"Hxns" is not a script code`, "Hani"}},
		{"fonts not a map", "fonts: [a.ttf]\n", []string{"awarekit.yaml:1", "fonts maps a script code to font files"}},
		{"fonts with three files", "fonts: {Guru: [a.ttf, b.ttf, c.ttf]}\n", []string{"awarekit.yaml:1", "one or two files"}},
		{"unquoted colour", "organisation:\n  name: Club\n  color: #7a1f5c\n", []string{"awarekit.yaml:3", "color reads as empty", `quote the value: color: "#7a1f5c"`}},
		{"name is a list", "organisation:\n  name: [a, b]\n", []string{"awarekit.yaml:2", "organisation.name is a list here"}},
		{"phone is a map", "organisation:\n  phone: {a: 1}\n", []string{"awarekit.yaml:2", "organisation.phone is a map here"}},
		{"organisation is text", "organisation: Club\n", []string{"awarekit.yaml:1", "organisation holds settings"}},
		{"name is true", "organisation:\n  name: true\n", []string{"awarekit.yaml:2", "reads as true or false", `quote it: "true"`}},
		{"paper is a list", "paper: [a4, letter]\n", []string{"awarekit.yaml:1", "paper is a list here"}},
		{"audience list of maps", "audience: [{a: 1}]\n", []string{"awarekit.yaml:1", "audience is a map here"}},
		{"top level a list", "- paper: a4\n", []string{"awarekit.yaml:1", "must be a list of settings"}},
		{"unknown key", "papr: a4\n", []string{"awarekit.yaml:1", `unknown setting "papr"`, "paper"}},
		{"set twice", "paper: a4\npaper: letter\n", []string{"awarekit.yaml:2", "set twice"}},
		{"syntax", "paper: [a4\n", []string{"settings file awarekit.yaml:"}},
		{"two documents", "paper: a4\n---\nout: x\n", []string{"awarekit.yaml:2", "second YAML document"}},
		{"alias bomb", aliasBomb(), []string{"awarekit.yaml:", "expand to over 100000 values"}},
		{"bidi in name", "organisation:\n  name: \"Club\\u202e\"\n", []string{"organisation name (from settings file awarekit.yaml:2)", "RIGHT-TO-LEFT OVERRIDE"}},
		{"invalid UTF-8", "organisation:\n  name: \"Club\xff\"\n", []string{"settings file awarekit.yaml"}},
		{"javascript website", "organisation:\n  website: javascript:alert(1)\n", []string{"organisation website (from settings file awarekit.yaml:2)", "javascript:"}},
		{"letter-only phone", "organisation:\n  phone: CALL-NOW\n", []string{"organisation phone (from settings file awarekit.yaml:2)", "no digits"}},
		{"bad colour", "organisation:\n  color: \"teal\"\n", []string{"organisation colour (from settings file awarekit.yaml:2)", "hex"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "none"))
			writeFile(t, filepath.Join(dir, ConfigFileName), tt.file)
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panic: %v", r)
					}
				}()
				_, err = loadSettings(newCmdGenerate(newFactory(&IOStreams{}), nil).Flags(), "")
			}()
			if err == nil {
				t.Fatal("no error")
			}
			if isUsage(err) {
				t.Errorf("a bad settings file is bad content (exit 1), not a usage error: %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func aliasBomb() string {
	s := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, c := range "bcdefghi" {
		prev := string(rune('a' + i))
		s += string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
	}
	return s
}

// TestSettingsKeptAsWritten: values are the characters typed, whatever
// YAML would make of them, and the fonts setting accepts Hans.
func TestSettingsKeptAsWritten(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "none"))
	writeFile(t, filepath.Join(dir, ConfigFileName), "organisation:\n  phone: 0123 456 789\n  name: 1867\n  color: \"#7a1f5c\"\nfonts:\n  Hans: [zh.ttf]\n  guru: pa.ttf\n")
	s, err := loadSettings(newCmdGenerate(newFactory(&IOStreams{}), nil).Flags(), "")
	if err != nil {
		t.Fatal(err)
	}
	if s.Org.Phone != "0123 456 789" || s.Org.Name != "1867" || s.Org.Color != "#7a1f5c" {
		t.Errorf("got %+v", s.Org)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Fonts["Hani"]; len(got) != 1 || got[0] != filepath.Join(wd, "zh.ttf") {
		t.Errorf("fonts Hani = %v", got)
	}
	if got := s.Fonts["Guru"]; len(got) != 1 || got[0] != filepath.Join(wd, "pa.ttf") {
		t.Errorf("fonts Guru = %v", got)
	}
}

// TestBadValuesFromFlagsAndEnvironment: the same checks, with the flag
// or variable named, as usage errors (exit 2).
func TestBadValuesFromFlagsAndEnvironment(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"bidi phone flag", []string{"--phone", "614-555-9910\u202e"}, nil, "organisation phone (from --phone) holds U+202E"},
		{"org name with U+2029", []string{"--org-name", "Org\u2029Name"}, nil, "organisation name (from --org-name) holds U+2029"},
		{"invalid UTF-8 name", []string{"--org-name", "A\xffB"}, nil, "organisation name (from --org-name) is not valid UTF-8"},
		{"terminal escape in env", nil, map[string]string{"AWAREKIT_ORGANISATION_NAME": "\x1b]0;pwn\x07Club"}, "organisation name (from AWAREKIT_ORGANISATION_NAME) holds U+001B"},
		{"email with cc in env", nil, map[string]string{"AWAREKIT_ORGANISATION_EMAIL": "a@b.c?cc=evil@x.y"}, "organisation email (from AWAREKIT_ORGANISATION_EMAIL)"},
		{"data website", []string{"--website", "data:text/html,hi"}, nil, "organisation website (from --website) is a data: address"},
		{"101-character name", []string{"--org-name", strings.Repeat("n", 101)}, nil, "the most is 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "none"))
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			cmd := newCmdGenerate(newFactory(&IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}), func(*GenerateOptions) error { return nil })
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			cmd.SetArgs(append([]string{}, tt.args...)) // never nil: cobra would read the test binary's os.Args
			err := cmd.Execute()
			if err == nil || !strings.Contains(err.Error(), tt.want) || !isUsage(err) {
				t.Fatalf("error %v (usage %v), want a usage error saying %q", err, isUsage(err), tt.want)
			}
			if strings.ContainsAny(err.Error(), "\x1b\u202e\u2029") || strings.Contains(err.Error(), "\xff") {
				t.Errorf("the message carries the bad character: %q", err)
			}
		})
	}
}

// TestSettingsFileNotAFile: a named pipe or device as --config is
// refused at once.
func TestSettingsFileNotAFile(t *testing.T) {
	_, err := loadSettings(newCmdGenerate(newFactory(&IOStreams{}), nil).Flags(), "/dev/zero")
	if err == nil || !strings.Contains(err.Error(), "is a device") {
		t.Errorf("--config /dev/zero: %v", err)
	}
	big := filepath.Join(t.TempDir(), "big.yaml")
	f, _ := os.Create(big)
	f.Truncate(2 << 20)
	f.Close()
	_, err = loadSettings(newCmdGenerate(newFactory(&IOStreams{}), nil).Flags(), big)
	if err == nil || !strings.Contains(err.Error(), "larger than 1 MB") {
		t.Errorf("--config of 2 MB: %v", err)
	}
	var ue *usageError
	if !errors.As(err, &ue) {
		t.Errorf("a --config that cannot be read is a usage error")
	}
}

// TestBadNumbers: --bleed and SOURCE_DATE_EPOCH outside what can be
// printed are usage errors naming the input, before anything is made.
func TestBadNumbers(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  string // SOURCE_DATE_EPOCH
		want string
	}{
		{"bleed NaN", []string{"--bleed", "NaN"}, "", "--bleed NaN is not a number of millimetres from 0 to 20"},
		{"bleed Inf", []string{"--bleed", "Inf"}, "", "--bleed +Inf"},
		{"bleed negative", []string{"--bleed", "-3"}, "", "--bleed -3"},
		{"bleed too large", []string{"--bleed", "21"}, "", "--bleed 21"},
		{"epoch past 9999", nil, "253402300800", `SOURCE_DATE_EPOCH "253402300800" is not a whole number of seconds`},
		{"epoch negative", nil, "-1", `SOURCE_DATE_EPOCH "-1"`},
		{"epoch not a number", nil, "yesterday", `SOURCE_DATE_EPOCH "yesterday"`},
		{"epoch with an escape", nil, "1\x1b[2J", `SOURCE_DATE_EPOCH "1\x1b[2J"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "none"))
			t.Setenv("SOURCE_DATE_EPOCH", tt.env)
			var stderr bytes.Buffer
			code := run(append([]string{"generate", "-o", "out"}, tt.args...), &IOStreams{Out: &bytes.Buffer{}, ErrOut: &stderr})
			if code != exitUsage || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr.String(), tt.want)
			}
			if strings.Contains(stderr.String(), "\x1b") || strings.Contains(stderr.String(), "goroutine") {
				t.Errorf("stderr carries an escape or a stack: %q", stderr.String())
			}
			if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
				t.Error("the output folder was made")
			}
		})
	}
}

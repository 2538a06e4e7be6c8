package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestSettingsPrecedence checks flags > environment > project file >
// defaults, one key at a time.
func TestSettingsPrecedence(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "no-user-config"))
	t.Setenv("HOME", filepath.Join(dir, "home"))
	writeFile(t, filepath.Join(dir, ConfigFileName), `
paper: a4
lang: [fr]
audience: [health]
organisation:
  name: From File
  phone: 111-111-1111
  email: file@example.org
  logo: brand/logo.png
`)
	t.Setenv("AWAREKIT_ORGANISATION_PHONE", "222-222-2222")
	t.Setenv("AWAREKIT_ORGANISATION_EMAIL", "env@example.org")
	t.Setenv("AWAREKIT_LANG", "en,fr")

	var got *GenerateOptions
	f := newFactory(&IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
	cmd := newCmdGenerate(f, func(o *GenerateOptions) error { got = o; return nil })
	cmd.SilenceUsage = true
	cmd.SetArgs([]string{"--email", "flag@example.org", "--color", "#123456"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, got, want string
	}{
		{"flag beats env and file", got.Org.Email, "flag@example.org"},
		{"env beats file", got.Org.Phone, "222-222-2222"},
		{"file beats default", got.Paper, "a4"},
		{"file value", got.Org.Name, "From File"},
		{"flag only", got.Org.Color, "#123456"},
		{"default", got.OutDir, "."},
		{"relative path from the file is resolved from its folder", got.Org.Logo, filepath.Join(".", "brand", "logo.png")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
	if !slices.Equal(got.Langs, []string{"en", "fr"}) {
		t.Errorf("langs from env = %v, want [en fr]", got.Langs)
	}
	if !slices.Equal(got.Audiences, []string{"health"}) {
		t.Errorf("audiences from file = %v, want [health]", got.Audiences)
	}
}

func TestSettingsNamedConfigFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "none"))
	cfg := filepath.Join(dir, "club", "awarekit.yaml")
	writeFile(t, cfg, "organisation:\n  logo: logo.png\nout: flyers\n")
	var got *GenerateOptions
	f := newFactory(&IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
	cmd := newCmdGenerate(f, func(o *GenerateOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--config", cfg})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "club", "logo.png"); got.Org.Logo != want {
		t.Errorf("logo = %q, want %q (relative to the config file)", got.Org.Logo, want)
	}
	if want := filepath.Join(dir, "club", "flyers"); got.OutDir != want {
		t.Errorf("out = %q, want %q", got.OutDir, want)
	}

	cmd = newCmdGenerate(f, func(o *GenerateOptions) error { return nil })
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs([]string{"--config", filepath.Join(dir, "missing.yaml")})
	if err := cmd.Execute(); err == nil || !isUsage(err) {
		t.Errorf("missing --config file: error %v, want a usage error", err)
	}
	writeFile(t, cfg, "# every entry commented out\norganisation:\n  # name: Club\npaper: a4\n")
	cmd = newCmdGenerate(f, func(o *GenerateOptions) error { got = o; return nil })
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs([]string{"--config", cfg})
	if err := cmd.Execute(); err != nil || got.Paper != "a4" {
		t.Errorf("a section with its entries commented out: error %v, paper %q", err, got.Paper)
	}
	writeFile(t, cfg, "organisation:\n  nmae: typo\n")
	cmd = newCmdGenerate(f, func(o *GenerateOptions) error { return nil })
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs([]string{"--config", cfg})
	if err := cmd.Execute(); err == nil {
		t.Error("a misspelt key in the config file gave no error")
	}
}

func TestGenerateFlags(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	tests := []struct {
		name      string
		args      []string
		audiences []string
		langs     []string
		paper     string
		wantErr   bool
	}{
		{"defaults", nil, []string{"youth"}, []string{"en"}, "letter", false},
		{"short flags, comma lists", []string{"-a", "youth,health", "-l", "en,fr-CA"}, []string{"youth", "health"}, []string{"en", "fr-CA"}, "letter", false},
		{"repeated flags", []string{"-l", "en", "-l", "fr", "--paper", "a4"}, []string{"youth"}, []string{"en", "fr"}, "a4", false},
		{"argument is a usage error", []string{"youth"}, nil, nil, "", true},
		{"unknown flag is a usage error", []string{"--colour", "red"}, nil, nil, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *GenerateOptions
			f := newFactory(&IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
			root := newRootCmd(f)
			root.RemoveCommand(root.Commands()...)
			root.AddCommand(newCmdGenerate(f, func(o *GenerateOptions) error { got = o; return nil }))
			root.SetArgs(append([]string{"generate"}, tt.args...))
			err := root.Execute()
			if tt.wantErr {
				if err == nil || !isUsage(err) {
					t.Fatalf("error = %v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Audiences, tt.audiences) || !slices.Equal(got.Langs, tt.langs) || got.Paper != tt.paper {
				t.Errorf("got audiences %v langs %v paper %q", got.Audiences, got.Langs, got.Paper)
			}
		})
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestValueBlamedOnItsSource: a bad paper or format is reported as coming
// from where it was set (the variable, the flag, the settings file and
// line), with the exit code of that source, never as the plan's own.
func TestValueBlamedOnItsSource(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		settings string
		args     []string
		code     int
		want     string
		notWant  string
	}{
		{name: "paper from the environment", env: map[string]string{"AWAREKIT_PAPER": "legal"}, args: []string{"build", "plan.yaml"},
			code: exitUsage, want: `AWAREKIT_PAPER: unknown paper "legal"`, notWant: "defaults.paper"},
		{name: "format from the environment", env: map[string]string{"AWAREKIT_FORMAT": "leaflet"}, args: []string{"build", "plan.yaml"},
			code: exitUsage, want: `AWAREKIT_FORMAT: unknown format "leaflet"`, notWant: "defaults.format"},
		{name: "paper flag", args: []string{"generate", "--paper", "legal"}, code: exitUsage, want: `--paper: unknown paper "legal"`},
		{name: "paper in the settings file", settings: "paper: legal\n", args: []string{"build", "plan.yaml"},
			code: exitFailure, want: `settings file awarekit.yaml:1: unknown paper "legal"`, notWant: "defaults.paper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "plan.yaml"), "outputs: [{audience: youth, language: en, format: md}]\n")
			if tt.settings != "" {
				writeFile(t, filepath.Join(dir, ConfigFileName), tt.settings)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			r := runCLI(t, dir, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) || tt.notWant != "" && strings.Contains(r.stderr, tt.notWant) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d with %q", r.code, r.stderr, tt.code, tt.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
				t.Error("out/ was written")
			}
		})
	}
}

// TestSpellings: British, Canadian and American spellings of flags,
// settings keys and AWAREKIT_ variables work as the ones in the help.
func TestSpellings(t *testing.T) {
	tests := []struct {
		name     string
		settings string
		env      map[string]string
		args     []string
		orgName  string
		color    string
		errWant  string
	}{
		{name: "--colour and --organisation", args: []string{"--colour", "#112233", "--organisation", "Club"}, orgName: "Club", color: "#112233"},
		{name: "--organization-name", args: []string{"--organization-name", "Club"}, orgName: "Club"},
		{name: "organization: and colour: in the file", settings: "organization:\n  name: Club\n  colour: \"#112233\"\n", orgName: "Club", color: "#112233"},
		{name: "AWAREKIT_ORGANIZATION_NAME", env: map[string]string{"AWAREKIT_ORGANIZATION_NAME": "Club", "AWAREKIT_ORGANISATION_COLOUR": "#112233"}, orgName: "Club", color: "#112233"},
		{name: "the help's spelling wins over an alias", env: map[string]string{"AWAREKIT_ORGANISATION_NAME": "Ours", "AWAREKIT_ORGANIZATION_NAME": "Theirs"}, orgName: "Ours"},
		{name: "both spellings in one file", settings: "organisation:\n  color: \"#112233\"\n  colour: \"#445566\"\n", errWant: "organisation.color is set twice"},
		{name: "a misspelt key", settings: "papr: a4\n", errWant: `unknown setting "papr" (did you mean paper?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "no-user-config"))
			if tt.settings != "" {
				writeFile(t, filepath.Join(dir, ConfigFileName), tt.settings)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var got *GenerateOptions
			f := newFactory(&IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
			root := newRootCmd(f)
			for _, c := range root.Commands() {
				if c.Name() == "generate" {
					root.RemoveCommand(c)
				}
			}
			root.AddCommand(newCmdGenerate(f, func(o *GenerateOptions) error { got = o; return nil }))
			root.SetArgs(append([]string{"generate"}, tt.args...))
			err := root.Execute()
			if tt.errWant != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errWant) {
					t.Fatalf("error %v, want %q", err, tt.errWant)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Org.Name != tt.orgName || got.Org.Color != tt.color {
				t.Errorf("name %q colour %q, want %q %q", got.Org.Name, got.Org.Color, tt.orgName, tt.color)
			}
		})
	}
}

// TestFontSettingPathsWhole: a font named by a path relative to the
// settings file was recorded in the manifest as written ("f/x.ttf"),
// which the next build took for a built-in font and never checked: a
// replaced font file left every PDF "unchanged" with the old glyphs.
// The paths are now made whole, as the settings file's folder is.
func TestFontSettingPathsWhole(t *testing.T) {
	var v yaml.Node
	if err := yaml.Unmarshal([]byte("Guru: [f/Regular.ttf, /abs/Bold.ttf]\n"), &v); err != nil {
		t.Fatal(err)
	}
	at := func(*yaml.Node) string { return "awarekit.yaml:1" }
	fonts, _, err := fontSettings(v.Content[0], at, ".")
	if err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(wd, "f/Regular.ttf"), "/abs/Bold.ttf"}
	if !slices.Equal(fonts["Guru"], want) {
		t.Errorf("fonts %q, want %q", fonts["Guru"], want)
	}
}

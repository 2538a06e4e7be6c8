package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
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

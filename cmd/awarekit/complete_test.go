package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCompletion asks cobra's __complete, as the shell scripts do, and
// checks the values offered (descriptions aside) and that no files are.
func TestCompletion(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{ConfigFileName, "workshop.yaml", "region.yml", "notes.txt", "plans/spring.yaml"} {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(f)), "")
	}
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		want    []string // exactly, in order
		has     []string // among others
		notWant []string
		noSpace bool
	}{
		{name: "every element of a comma list", args: []string{"generate", "-l", "en,p"}, has: []string{"en,pa"}, notWant: []string{"en,en", "pa"}, noSpace: true},
		{name: "values already given are not offered", args: []string{"generate", "-l", "en,fr,"}, has: []string{"en,fr,ar", "en,fr,zh-Hans"}, notWant: []string{"en,fr,en", "en,fr,fr"}, noSpace: true},
		{name: "the second of a pair", args: []string{"generate", "-l", "fr+e"}, want: []string{"fr+en", "fr+es"}, noSpace: true},
		{name: "a pair in a list", args: []string{"generate", "-l", "en,pa+e"}, want: []string{"en,pa+en", "en,pa+es"}, noSpace: true},
		{name: "a language by its name", args: []string{"generate", "-l", "punj"}, want: []string{"punjabi"}, noSpace: true},
		{name: "audiences", args: []string{"generate", "-a", "youth,n"}, want: []string{"youth,newcomers"}, noSpace: true},
		{name: "formats", args: []string{"generate", "--format", "flyer,so"}, want: []string{"flyer,social-square", "flyer,social-story", "flyer,social-wide"}, noSpace: true},
		{name: "the kit group with the formats", args: []string{"generate", "-f", "flyer,k"}, want: []string{"flyer,kit"}, noSpace: true},
		{name: "backends", args: []string{"generate", "--as", ""}, want: []string{"pdf", "png", "svg"}},
		{name: "styles", args: []string{"generate", "--style", ""}, want: []string{"standard", "large-print", "high-contrast"}},
		{name: "build offers plans, not the settings file", args: []string{"build", ""}, want: []string{"empty/", "plans/", "region.yml", "workshop.yaml"}, noSpace: true},
		{name: "build in a folder", args: []string{"build", "plans/"}, want: []string{"plans/spring.yaml"}},
		{name: "build takes one plan", args: []string{"build", "workshop.yaml", ""}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, dir, append([]string{"__complete"}, tt.args...)...)
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
			directive := lines[len(lines)-1]
			var got []string
			for _, l := range lines[:len(lines)-1] {
				v, _, _ := strings.Cut(l, "\t")
				got = append(got, v)
			}
			if tt.want != nil || len(tt.has) == 0 {
				if !slices.Equal(got, tt.want) {
					t.Errorf("offered %q, want %q", got, tt.want)
				}
			}
			for _, h := range tt.has {
				if !slices.Contains(got, h) {
					t.Errorf("offered %q, want %q among them", got, h)
				}
			}
			for _, n := range tt.notWant {
				if slices.Contains(got, n) {
					t.Errorf("offered %q, which it must not", n)
				}
			}
			// :4 is no file completion, :2 no space after the value.
			if want := 4; !hasDirective(directive, want) {
				t.Errorf("directive %s: files would be offered too", directive)
			}
			if hasDirective(directive, 2) != tt.noSpace {
				t.Errorf("directive %s: no space = %v, want %v", directive, hasDirective(directive, 2), tt.noSpace)
			}
		})
	}
}

func hasDirective(line string, bit int) bool {
	var d int
	for _, c := range strings.TrimPrefix(line, ":") {
		d = d*10 + int(c-'0')
	}
	return d&bit != 0
}

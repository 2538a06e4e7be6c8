package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestNamesPeopleType runs generate with languages by name, in English
// and in themselves, and with near misses, as an educator types them.
func TestNamesPeopleType(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		code  int
		files []string // written, in this order
		err   string
	}{
		{name: "names in English and in the language", args: []string{"-l", "punjabi,Français,español"},
			files: []string{"youth-md-pa.md", "youth-md-fr.md", "youth-md-es.md"}},
		{name: "a name of two words", args: []string{"-l", "Tiếng Việt"}, files: []string{"youth-md-vi.md"}},
		{name: "two tags in one value", args: []string{"-l", "en fr"}, files: []string{"youth-md-en.md", "youth-md-fr.md"}},
		{name: "language near a name", args: []string{"-l", "en,punjbi"}, code: exitUsage, err: `unknown language "punjbi" (did you mean "Punjabi"?)`},
		{name: "audience near an ID", args: []string{"-a", "yuoth"}, code: exitUsage, err: `unknown audience "yuoth" (did you mean "youth"?)`},
		{name: "format near a name", args: []string{"-f", "flyr"}, code: exitUsage, err: `unknown format "flyr" (did you mean "flyer"?)`},
		{name: "paper near a name", args: []string{"--paper", "A-4"}, code: exitUsage, err: `unknown paper "A-4" (did you mean "a4"?)`},
		{name: "backend near a name", args: []string{"-f", "flyer", "--as", "pgn"}, code: exitUsage, err: `unknown backend "pgn" (did you mean "png"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			args := append([]string{"generate", "-f", "md", "-o", "out"}, tt.args...)
			r := runCLI(t, dir, args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
			var want []string
			for _, f := range tt.files {
				want = append(want, filepath.Join("out", f))
			}
			if got := strings.Fields(r.stdout); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("wrote %q, want %q", got, want)
			}
			if !strings.Contains(r.stderr, tt.err) {
				t.Errorf("stderr %q, want %q", r.stderr, tt.err)
			}
		})
	}
}

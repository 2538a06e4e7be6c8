package main

import (
	"os"
	"path/filepath"
	"slices"
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

// TestStyleFlag: --style names how the flyer, handout and cards are
// printed; a slip gets "did you mean", a format printed in one style
// says which formats take the style, and the style is in the file name.
// The same holds for the style a settings variable or a plan sets.
func TestStyleFlag(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		plan  string
		code  int
		files []string
		err   string
	}{
		{name: "start of a style", args: []string{"generate", "-f", "flyer", "--style", "large"}, code: exitUsage,
			err: `--style: unknown style "large" (did you mean "large-print"?); choose one of: standard, large-print, high-contrast`},
		{name: "a slip", args: []string{"generate", "-f", "flyer", "--style", "high-contarst"}, code: exitUsage, err: `(did you mean "high-contrast"?)`},
		{name: "from the environment", args: []string{"generate", "-f", "flyer"}, env: map[string]string{"AWAREKIT_STYLE": "larg-print"}, code: exitUsage,
			err: `AWAREKIT_STYLE: unknown style "larg-print" (did you mean "large-print"?)`},
		{name: "a format in one style", args: []string{"generate", "-f", "md", "--style", "high-contrast"}, code: exitUsage,
			err: "format md is made in the standard style only; high-contrast works with: flyer, handout, cards, safety-card"},
		{name: "large print in two languages", args: []string{"generate", "-f", "flyer", "-l", "fr+en", "--style", "large-print"}, code: exitUsage,
			err: "large print holds one language to a document; make one of each (-l fr,en)"},
		{name: "in the file name", args: []string{"generate", "-f", "flyer", "--style", "High-Contrast"}, files: []string{"youth-flyer-en-high-contrast.pdf"}},
		{name: "standard keeps its name", args: []string{"generate", "-f", "md", "--style", "standard"}, files: []string{"youth-md-en.md"}},
		{name: "a plan's item and defaults", args: []string{"build", "plan.yaml"},
			plan:  "defaults: {style: large-print}\noutputs:\n  - {audience: youth, language: en, format: safety-card}\n  - {audience: youth, language: en, format: safety-card, style: standard}\n",
			files: []string{"youth-safety-card-en-large-print.pdf", "youth-safety-card-en.pdf"}},
		{name: "a plan's item in a style its format does not take", args: []string{"build", "plan.yaml"},
			plan: "outputs:\n  - {audience: youth, language: en, format: poster, style: high-contrast}\n", code: exitFailure,
			err: "outputs[0].style: format poster is made in the standard style only; high-contrast works with: flyer, handout, cards, safety-card"},
		{name: "a plan's slip", args: []string{"build", "plan.yaml"},
			plan: "outputs:\n  - {audience: youth, language: en, format: flyer, style: large}\n", code: exitFailure,
			err: `outputs[0].style: unknown style "large" (did you mean "large-print"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			if tt.plan != "" {
				writeFile(t, filepath.Join(dir, "plan.yaml"), tt.plan)
			}
			args := slices.Clone(tt.args)
			args = append(args, "-o", "out")
			r := runCLI(t, dir, args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.err) {
				t.Errorf("stderr %q, want %q", r.stderr, tt.err)
			}
			for _, f := range tt.files {
				if _, err := os.Stat(filepath.Join(dir, "out", f)); err != nil {
					t.Errorf("%s was not written: %v; stdout:\n%s", f, err, r.stdout)
				}
			}
		})
	}
}

// TestOutputFolderNamedLikeAPattern: an output folder whose name holds
// * or [ ] ("o*", "Workshop [D]") is that folder alone. Its name was read
// as a pattern when the build looked for its shards' manifests, so a
// whole build into "o*" removed oB's manifest.shard-1-of-2.json, a file
// outside its folder, and read it as its own.
func TestOutputFolderNamedLikeAPattern(t *testing.T) {
	for _, out := range []string{"o*", "o[B]", "o?"} {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "plan.yaml"), "outputs:\n  - {audience: youth, language: en, format: txt}\n  - {audience: health, language: en, format: txt}\n")
		if r := runCLI(t, dir, "build", "plan.yaml", "-o", "oB", "--shard", "1/2", "-q"); r.code != exitOK {
			t.Fatalf("shard 1/2 into oB: exit %d\n%s", r.code, r.stderr)
		}
		shard := filepath.Join(dir, "oB", "manifest.shard-1-of-2.json")
		if r := runCLI(t, dir, "build", "plan.yaml", "-o", out, "-q"); r.code != exitOK {
			t.Fatalf("build into %s: exit %d\n%s", out, r.code, r.stderr)
		}
		if _, err := os.Stat(shard); err != nil {
			t.Errorf("a build into %s removed %s: %v", out, shard, err)
		}
	}
}

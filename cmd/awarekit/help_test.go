package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/plan"
)

var update = flag.Bool("update", false, "rewrite docs/cli from the help")

// docsDir is the repository's docs/cli, from this package's folder.
var docsDir = filepath.Join("..", "..", "docs", "cli")

// TestDocsMatchHelp: docs/cli has one page per command, each exactly the
// command's --help, so the documentation never drifts from the program.
// go test ./cmd/awarekit -run TestDocsMatchHelp -update rewrites them.
func TestDocsMatchHelp(t *testing.T) {
	root := newRootCmd(newFactory(&IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}))
	if *update {
		if err := os.RemoveAll(docsDir); err != nil {
			t.Fatal(err)
		}
		root.SetArgs([]string{"man", "--markdown", docsDir})
		if err := root.Execute(); err != nil {
			t.Fatal(err)
		}
		return
	}
	stale, err := staleDocs(root, docsDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range stale {
		t.Errorf("docs/cli/%s differs from the help; run: go run ./cmd/awarekit man --markdown docs/cli", name)
	}
}

// TestHelpFitsTheTerminal: every line of every command's help fits in
// 80 columns, counted in terminal cells, and every help ends with where
// to read more.
func TestHelpFitsTheTerminal(t *testing.T) {
	root := newRootCmd(newFactory(&IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}))
	_ = forEachCommand(root, func(c *cobra.Command) error {
		var out bytes.Buffer
		c.InitDefaultHelpFlag()
		c.SetOut(&out)
		if err := c.Help(); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(out.String(), "\n") {
			if width(line) > helpWidth {
				t.Errorf("%s --help, line %d is %d columns wide:\n%s", c.CommandPath(), i+1, width(line), line)
			}
		}
		usage, _, _ := strings.Cut(strings.SplitN(out.String(), "Usage:\n", 2)[1], "\n\n")
		lines := strings.Split(usage, "\n")
		for i := 1; i < len(lines); i++ {
			if lines[i] == lines[i-1] {
				t.Errorf("%s --help gives the usage line %q twice", c.CommandPath(), lines[i])
			}
		}
		if want := "Learn more:\n" + repoURL + "/blob/main/docs/cli/" + docName(c) + ".md\n"; !strings.HasSuffix(out.String(), want) {
			t.Errorf("%s --help does not end with %q", c.CommandPath(), want)
		}
		return nil
	})
}

// TestManPages: awarekit man writes a page per command that groff reads
// without a warning.
func TestManPages(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, dir, "man", filepath.Join(dir, "man1"))
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	pages := strings.Fields(r.stdout)
	if len(pages) < 8 {
		t.Fatalf("pages: %v", pages)
	}
	pdftest.Need(t, "groff")
	// One groff reads every page (a warning names its page and line):
	// a groff a page took 0.8 CPU-s. With AWAREKIT_FULL=1 each page is
	// read alone as well, so that none leans on what one before it set.
	runs := [][]string{pages}
	if full() {
		for _, p := range pages {
			runs = append(runs, []string{p})
		}
	}
	for _, files := range runs {
		var stderr bytes.Buffer
		cmd := exec.Command("groff", append([]string{"-k", "-man", "-Tutf8", "-ww", "-z"}, files...)...)
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 {
			what := files[0]
			if len(files) > 1 {
				what = fmt.Sprintf("of the %d pages at once", len(files))
			}
			t.Errorf("groff %s: %v\n%s", what, err, stderr.String())
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "man1", "awarekit-generate.1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"punjabi", "fr+en", "safety-card"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("awarekit-generate.1 lacks %q", want)
		}
	}
}

// TestVersion: `awarekit version` and `awarekit --version` say the same:
// the version, the commit and its date (here as -ldflags -X sets them),
// and the content's version and date.
func TestVersion(t *testing.T) {
	oldV, oldC, oldD := version, commit, date
	t.Cleanup(func() { version, commit, date = oldV, oldC, oldD })
	version, commit, date = "1.2.0", "0123456789abcdef0123456789abcdef01234567", "2026-12-04T10:11:12Z"
	dir := t.TempDir()
	var outs []string
	for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}} {
		r := runCLI(t, dir, args...)
		if r.code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		outs = append(outs, r.stdout)
	}
	if outs[0] != outs[1] || outs[0] != outs[2] {
		t.Errorf("version and --version differ:\n%s\n%s\n%s", outs[0], outs[1], outs[2])
	}
	for _, want := range []string{"awarekit 1.2.0 (commit 0123456789ab, 2026-12-04T10:11:12Z; go", "\ncontent 20"} {
		if !strings.Contains(outs[0], want) {
			t.Errorf("version output lacks %q:\n%s", want, outs[0])
		}
	}
	if r := runCLI(t, dir, "--version", "extra"); r.code != exitUsage {
		t.Errorf("--version extra: exit %d", r.code)
	}
}

// TestBuildHelpPlanIsValid: the plan shown in build --help is one that
// build accepts.
func TestBuildHelpPlanIsValid(t *testing.T) {
	_, rest, _ := strings.Cut(buildLong, "one to start from):\n\n")
	block, _, _ := strings.Cut(rest, "\n\n")
	var yaml strings.Builder
	for _, l := range strings.Split(block, "\n") {
		yaml.WriteString(strings.TrimPrefix(l, "  ") + "\n")
	}
	eng, err := openEngine(generate.Config{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Parse(eng, "help.yaml", []byte(yaml.String()), plan.Project{})
	if err != nil {
		t.Fatalf("%v\n%s", err, yaml.String())
	}
	if len(p.Outputs) != 5 {
		t.Errorf("%d outputs, want 5", len(p.Outputs))
	}
}

// TestUsageComesFirst: generate's help printed some 150 lines of
// audiences, formats, styles, provinces and languages before how to run
// it (ux17); every command's help now shows its usage on its first
// screen (50 lines; build's, with a plan to copy, is the longest, at 46),
// and generate's lists after its flags, with the flags pointing below.
func TestUsageComesFirst(t *testing.T) {
	root := newRootCmd(newFactory(&IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}))
	_ = forEachCommand(root, func(c *cobra.Command) error {
		r := runCLI(t, t.TempDir(), append(strings.Fields(strings.TrimPrefix(c.CommandPath(), "awarekit")), "--help")...)
		if r.code != 0 {
			t.Fatalf("%s --help: exit %d\n%s", c.CommandPath(), r.code, r.stderr)
		}
		lines := strings.Split(r.stdout, "\n")
		if at := slices.Index(lines, "Usage:"); at < 0 || at >= 50 {
			t.Errorf("%s --help: Usage: at line %d, want it among the first 50", c.CommandPath(), at+1)
		}
		return nil
	})
	r := runCLI(t, t.TempDir(), "generate", "--help")
	flags, lists := strings.Index(r.stdout, "\nFlags:\n"), strings.Index(r.stdout, "\nAudiences (-a):\n")
	if flags < 0 || lists < flags || !strings.Contains(r.stdout, "\nLanguages (-l)") || !strings.Contains(r.stdout, "audiences to make material for, listed below") {
		t.Errorf("generate --help: the lists should follow the flags:\n%s", r.stdout)
	}
}

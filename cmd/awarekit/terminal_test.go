package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// runTTY runs the command line in dir with stderr taken for a terminal,
// plain (NO_COLOR, TERM=dumb) or not.
func runTTY(t *testing.T, dir string, tty, plain bool, args ...string) result {
	t.Helper()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, ".config"))
	var out, errOut bytes.Buffer
	code := runWith(newFactory(&IOStreams{Out: &out, ErrOut: &errOut, IsTTY: tty, Plain: plain}), args)
	return result{code, out.String(), errOut.String()}
}

func TestPlainTerminal(t *testing.T) {
	tests := []struct {
		noColor, term string
		plain         bool
	}{
		{"", "xterm-256color", false},
		{"1", "xterm-256color", true},
		{"", "dumb", true},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Setenv("NO_COLOR", tt.noColor)
		t.Setenv("TERM", tt.term)
		if got := plainTerminal(); got != tt.plain {
			t.Errorf("NO_COLOR=%q TERM=%q: plain %v, want %v", tt.noColor, tt.term, got, tt.plain)
		}
	}
}

// TestTerminalManners: progress only on a terminal, animated only when
// the terminal may animate; colour only on a terminal that is not plain;
// no rate when nothing was made.
func TestTerminalManners(t *testing.T) {
	plan := "pack: false\noutputs: [{audience: youth, languages: [en, fr], format: md}]\n"
	tests := []struct {
		name        string
		tty, plain  bool
		args        []string
		want, never []string // in stderr
	}{
		{name: "a pipe: no progress, the summary", args: []string{"build", "plan.yaml", "--force"},
			want: []string{"2 made, 0 unchanged, 0 failed in "}, never: []string{"[1/2]", "\r", "\x1b["}},
		{name: "a plain terminal: a line per output", tty: true, plain: true, args: []string{"build", "plan.yaml", "--force"},
			want: []string{"[1/2] made youth-md-", "[2/2] made"}, never: []string{"\r", "\x1b["}},
		{name: "a terminal: a bar", tty: true, args: []string{"build", "plan.yaml", "--force"},
			want: []string{"\r", "2 made"}, never: []string{"[1/2]"}},
		{name: "nothing made: no rate", args: []string{"build", "plan.yaml", "--out", "made"},
			want: []string{"0 made, 2 unchanged, 0 failed in "}, never: []string{"docs/s"}},
		{name: "an error in colour on a terminal", tty: true, args: []string{"generate", "-a", "teens"},
			want: []string{"\x1b[31mawarekit:\x1b[0m unknown audience"}},
		{name: "no colour on a plain terminal", tty: true, plain: true, args: []string{"generate", "-a", "teens"},
			want: []string{"awarekit: unknown audience"}, never: []string{"\x1b["}},
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "plan.yaml"), plan)
	if r := runCLI(t, dir, "build", "plan.yaml", "--out", "made"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runTTY(t, dir, tt.tty, tt.plain, tt.args...)
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%q", w, r.stderr)
				}
			}
			for _, n := range tt.never {
				if strings.Contains(r.stderr, n) {
					t.Errorf("stderr has %q:\n%q", n, r.stderr)
				}
			}
		})
	}
}

// TestListLanguagesLinesUp: in list languages, every column starts in the
// same terminal cell on every row, whatever the script of the names.
func TestListLanguagesLinesUp(t *testing.T) {
	r := runCLI(t, t.TempDir(), "list", "languages")
	if r.code != exitOK {
		t.Fatal(r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	col := func(line, word string) int {
		i := strings.Index(line, word)
		if i < 0 {
			return -1
		}
		return width(line[:i])
	}
	want := col(lines[0], "DIRECTION")
	rtl := 0
	for _, l := range lines[1:] {
		got := col(l, "left to right")
		if got < 0 {
			got = col(l, "right to left")
			rtl++
			if !strings.Contains(l, "\u2068") || !strings.Contains(l, "\u2069") {
				t.Errorf("right-to-left name not isolated: %q", l)
			}
		}
		if got != want {
			t.Errorf("DIRECTION at cell %d, want %d: %q", got, want, l)
		}
	}
	if rtl == 0 || !strings.Contains(r.stdout, "简体中文") {
		t.Errorf("no right-to-left or wide names to test with:\n%s", r.stdout)
	}
}

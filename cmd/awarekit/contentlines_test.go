package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAudienceProblemsHaveLines: problems of an audience of the user's
// own, as 'awarekit new audience' starts it and a user then edits it,
// name the file as she finds it, the line, and what to do; exit 1. A
// misspelt key under vars: stopped every material at assembly with
// "message youth.do.adult in en.toml + ours/locales/en.toml uses a
// placeholder that was not given (have [Agee Emergency])"; an id that
// is not the folder's named "club/audience.yaml", outside her folder.
func TestAudienceProblemsHaveLines(t *testing.T) {
	ownContent(t)
	tests := []struct {
		name     string
		from, to string // the edit to audience.yaml
		file     string // another file to write, then its text
		text     string
		args     []string
		want     string // in stderr; FOLDER stands for the content folder
		check    bool   // awarekit check says it too
	}{
		{name: "vars misspelt", from: `vars: {Age: "18"}`, to: `vars: {Agee: "18"}`,
			want: `FOLDER/audiences/club/audience.yaml:30: message youth.do.adult prints {{.Age}}, which vars: does not give (vars: gives Agee: is it spelt right?); add Age: "…" under vars:`},
		{name: "vars left out", from: `vars: {Age: "18"}`, to: ``,
			want: `FOLDER/audiences/club/audience.yaml:30: message youth.do.adult prints {{.Age}}, which vars: does not give; add Age: "…" under vars:`},
		// awarekit check passed these, and every material stopped at
		// assembly: "message youth.fact.source in en.toml +
		// ours/locales/en.toml uses a placeholder that was not given".
		{name: "the statistic's vars left out", from: `  vars: {Period: "2011–2021"}`, to: ``, check: true,
			want: `FOLDER/audiences/club/audience.yaml:37: message youth.fact.source prints {{.Period}}, which fact: vars: does not give; add Period: "…" under fact: vars:`},
		{name: "the statistic's vars misspelt", from: `{Period: "2011–2021"}`, to: `{Periods: "2011–2021"}`, check: true,
			want: `FOLDER/audiences/club/audience.yaml:37: message youth.fact.source prints {{.Period}}, which fact: vars: does not give (fact: vars: gives Periods: is it spelt right?); add Period: "…" under fact: vars:`},
		{name: "a built-in message with a placeholder as a sign", from: `signs: [club.sign.1,`, to: `signs: [youth.do.adult,`, check: true,
			want: `FOLDER/audiences/club/audience.yaml:22: message youth.do.adult prints {{.Age}}, but a sign is printed with no placeholder values; name a message without {{…}} there`},
		{name: "a built-in message with a placeholder as the intro", from: `intro: club.intro`, to: `intro: parents.fact.text`, check: true,
			want: `FOLDER/audiences/club/audience.yaml:18: message parents.fact.text prints {{.Count}}, but the intro is printed with no placeholder values`},
		{name: "an id that is not the folder's", from: "id: club", to: "id: clubs",
			want: `FOLDER/audiences/club/audience.yaml:12: id is "clubs" but the folder is "club"; write id: club, or rename the folder audiences/clubs`},
		{name: "a kit file of the wrong shape", file: "audiences/club/kit.yaml", text: "id: club\n",
			want: `content file FOLDER/audiences/club/kit.yaml:1: unknown key "id"`},
		{name: "a language begun", file: "locales/fr.toml", text: "[club]\nheadline = \"Salut\"\n", args: []string{"-l", "fr"},
			want: `the club audience is not written in French (fr): FOLDER/locales/fr.toml lacks 10 messages its materials print`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if r := runCLI(t, dir, "new", "audience", "club", "--from", "youth", "--content", "ours"); r.code != exitOK {
				t.Fatalf("new audience: exit %d: %s", r.code, r.stderr)
			}
			folder := filepath.Join(dir, "ours")
			if tt.from != "" {
				p := filepath.Join(folder, "audiences", "club", "audience.yaml")
				data, err := os.ReadFile(p)
				if err != nil || !strings.Contains(string(data), tt.from) {
					t.Fatalf("audience.yaml lacks %q (%v)", tt.from, err)
				}
				writeFile(t, p, strings.Replace(string(data), tt.from, tt.to, 1))
			}
			if tt.file != "" {
				writeFile(t, filepath.Join(folder, filepath.FromSlash(tt.file)), tt.text)
			}
			args := append([]string{"generate", "-a", "club", "-f", "md", "--content", "ours", "-o", "out"}, tt.args...)
			r := runCLI(t, dir, args...)
			want := strings.ReplaceAll(tt.want, "FOLDER", "ours")
			if r.code != exitFailure || !strings.Contains(r.stderr, want) {
				t.Errorf("exit %d, want %d with\n%s\nstderr:\n%s", r.code, exitFailure, want, r.stderr)
			}
			if tt.check {
				r := runCLI(t, dir, "check", "--content", "ours")
				if r.code != exitFailure || !strings.Contains(r.stdout, want) {
					t.Errorf("check: exit %d, want %d with\n%s\nstdout:\n%s", r.code, exitFailure, want, r.stdout)
				}
			}
		})
	}
}

// TestSettingsSyntaxLines: a settings file's syntax error names its line
// even where the YAML library gives none: on the first line, and an
// alias of no anchor (found by FuzzSettings). A file of "---" alone is
// an empty settings file, not "the file must be a list of settings" at
// a line 2 it does not have.
func TestSettingsSyntaxLines(t *testing.T) {
	tests := []struct{ data, want string }{
		{"\tpaper: a4\n", "settings file awarekit.yaml:1: the line is indented with a tab; YAML indents with spaces only"},
		{"organisation:\n\tname: Riverside\n", "settings file awarekit.yaml:2: the line is indented with a tab; YAML indents with spaces only: replace the tab with spaces"},
		{"paper: a4\nlang: `fr`\n", "settings file awarekit.yaml:2: found character that cannot start any token; check the indentation"},
		{"%YAML 9\n", "settings file awarekit.yaml:1: "},
		{"paper: a4\nlang: *l\n", "settings file awarekit.yaml:2: *l repeats the value marked &l, and nothing before it is marked so; mark that value &l, or write the value out"},
		{"---", ""},
		{"---\n# paper: a4\n", ""},
	}
	for _, tt := range tests {
		_, err := parseSettings("awarekit.yaml", []byte(tt.data))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.data, err)
		case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
			t.Errorf("%q: error %v\nwant %q", tt.data, err, tt.want)
		}
	}
}

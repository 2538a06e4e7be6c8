package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// loads is what the process has read of the content so far: the times
// it was opened, and the built-in message files parsed.
type loads struct{ opened, parsed int64 }

func loaded() loads { return loads{content.Opened(), locale.FilesParsed()} }

// TestVersionReadsNoContent: `awarekit version` and `--version` print
// the content's release from content.yaml and facts.yaml alone: they
// open no content (no audience, message table or kit) and parse no
// language's messages. One English flyer opens the content once and
// parses English alone (the counters count).
func TestVersionReadsNoContent(t *testing.T) {
	ownContent(t)
	work := t.TempDir()
	for _, args := range [][]string{{"version"}, {"--version"}} {
		before := loaded()
		r := runCLI(t, work, args...)
		if r.code != exitOK || !strings.Contains(r.stdout, "\ncontent ") || !strings.Contains(r.stdout, "facts checked again by 20") {
			t.Fatalf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
		if got := loaded(); got != before {
			t.Errorf("%v opened the content %d times and parsed %d message files; want none", args, got.opened-before.opened, got.parsed-before.parsed)
		}
	}
	before := loaded()
	r := runCLI(t, work, "generate", "-a", "youth", "-l", "en", "-f", "txt", "-o", filepath.Join(work, "out"))
	if r.code != exitOK {
		t.Fatalf("generate: exit %d\n%s", r.code, r.stderr)
	}
	if got := loaded(); got.opened-before.opened != 1 || got.parsed-before.parsed > 1 {
		t.Errorf("one English text opened the content %d times and parsed %d message files; want once, and at most en.toml", got.opened-before.opened, got.parsed-before.parsed)
	}
}

// TestUserFolderErrorsAtStart: the built-in languages are read when
// used, but a user's content folder is read and checked whole: a broken
// message file of a language the command does not use still stops it
// with the file and line, and so does a broken audience file.
func TestUserFolderErrorsAtStart(t *testing.T) {
	work := t.TempDir()
	ours := filepath.Join(work, "ours")
	writeFile(t, filepath.Join(ours, "locales", "fr.toml"), "[_meta]\nlanguage = \"fr\"\n\nyouth.headline = \"pas fermé\n")
	for _, args := range [][]string{
		{"generate", "-a", "youth", "-l", "en", "-f", "txt", "--content", "ours", "-o", "out"},
		{"list", "audiences", "--content", "ours"},
		{"list", "languages", "--content", "ours"},
	} {
		r := runCLI(t, work, args...)
		if r.code != exitFailure || !strings.Contains(r.stderr, "fr.toml:4") {
			t.Errorf("%v: exit %d, want %d with fr.toml:4\n%s", args, r.code, exitFailure, r.stderr)
		}
	}
	if err := os.RemoveAll(filepath.Join(ours, "locales")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(ours, "audiences", "youth", "stories.yaml"), "stories:\n  - id: x\n    tittle: typo\n")
	r := runCLI(t, work, "generate", "-a", "newcomers", "-l", "en", "-f", "txt", "--content", "ours", "-o", "out")
	if r.code != exitFailure || !strings.Contains(r.stderr, "youth/stories.yaml:3") {
		t.Errorf("a bad stories.yaml: exit %d, want %d with youth/stories.yaml:3\n%s", r.code, exitFailure, r.stderr)
	}
}

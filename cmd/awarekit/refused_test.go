package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// longSigns is a content folder whose English youth signs are far longer
// than any page but the wallet card's (which prints the first signs only
// as their short form) can hold: the flyer, the handout and the poster
// refuse them; the cards and the HTML page are made. The organisation
// has a logo 20 times wider than tall.
func longSigns(t *testing.T, dir string) {
	t.Helper()
	// 19 sentences, 1,956 characters: under the 2,000 a content
	// folder's message may have (content.MaxMessage).
	long := strings.TrimSpace(strings.Repeat("Has new friends who are older, sometimes met online, and who give expensive gifts and ask for secrets. ", 19))
	writeFile(t, filepath.Join(dir, "ours", "locales", "en.toml"), "[youth]\nsign.1 = \""+long+"\"\nsign.2 = \""+long+"\"\n")
	writeLogo(t, filepath.Join(dir, "wide.png"), 2000, 100)
	writeFile(t, filepath.Join(dir, "awarekit.yaml"), "content: ours\norganisation: {name: Riverside Settlement Services, logo: wide.png}\n")
}

// TestGenerateWritesWhatFits: a generate run in which some materials
// cannot be made writes every other one, names each refused file with
// what did not fit, on which format, and which formats have more room,
// and exits 1; build, given the same materials in a plan, makes and
// refuses the same ones, each with the same reason.
func TestGenerateWritesWhatFits(t *testing.T) {
	work := t.TempDir()
	longSigns(t, work)
	out := filepath.Join(work, "out")
	r := runCLI(t, work, "generate", "-a", "youth", "-l", "en", "-f", "flyer,handout,poster,cards,html", "-o", out)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	refused := []string{"youth-flyer-en.pdf", "youth-handout-en.pdf", "youth-poster-en.pdf"}
	made := []string{"youth-cards-en.pdf", "youth-html-en.html"}
	if !strings.Contains(r.stderr, "awarekit: 3 of 5 failed, 2 written:\n") {
		t.Errorf("stderr does not count what failed and what was written:\n%s", r.stderr)
	}
	reasons := map[string]string{}
	for _, line := range strings.Split(r.stderr, "\n") {
		path, reason, ok := strings.Cut(strings.TrimPrefix(line, "  "), ": ")
		if ok && strings.HasPrefix(line, "  ") {
			reasons[filepath.Base(path)] = reason
		}
	}
	for _, name := range refused {
		reason := reasons[name]
		if !strings.Contains(reason, "do not fit on the") || !strings.Contains(reason, "choose a format with more room (") {
			t.Errorf("%s: the refusal does not say what did not fit and where it would: %q", name, reason)
		}
		if !strings.Contains(reason, "a logo closer to square (organisation.logo: this one is 2000 × 100 pixels)") {
			t.Errorf("%s: the refusal does not offer a logo closer to square: %q", name, reason)
		}
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s was written although it was refused", name)
		}
	}
	for _, name := range made {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Errorf("%s was not written: %v", name, err)
			continue
		}
		if !strings.Contains(r.stdout, filepath.Join(out, name)+"\n") {
			t.Errorf("stdout does not list %s:\n%s", name, r.stdout)
		}
		if strings.HasSuffix(name, ".pdf") && (!bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[max(0, len(b)-32):], []byte("%%EOF"))) {
			t.Errorf("%s is not a whole PDF", name)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != len(made) {
		t.Errorf("%d files in the folder, want %d", len(entries), len(made))
	}

	// build: the same materials in a plan, into another folder.
	writeFile(t, filepath.Join(work, "plan.yaml"), "organisation: {name: Riverside Settlement Services, logo: wide.png}\noutputs:\n  - {audience: youth, language: en, formats: [flyer, handout, poster, cards, html]}\n")
	b := runCLI(t, work, "build", "plan.yaml", "-o", filepath.Join(work, "built"))
	if b.code != 1 || !strings.Contains(b.stderr, "awarekit: 3 of 5 failed:\n") || !strings.Contains(b.stderr, "2 made, 0 unchanged, 3 failed") {
		t.Fatalf("build: exit %d\n%s", b.code, b.stderr)
	}
	for _, name := range refused {
		if !strings.Contains(b.stderr, "  "+name+": "+reasons[name]) {
			t.Errorf("build does not refuse %s as generate does (%q):\n%s", name, reasons[name], b.stderr)
		}
	}
	var built []string
	entries, _ := os.ReadDir(filepath.Join(work, "built"))
	for _, e := range entries {
		built = append(built, e.Name())
	}
	for _, name := range made {
		if !slices.Contains(built, name) {
			t.Errorf("build did not make %s: %v", name, built)
		}
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/pdftest"
)

// TestAudienceOfOnesOwn is the case: a content folder adds an
// audience written in English alone. Its English flyer is made; French is
// refused (exit 1) naming the messages French lacks, and nothing is
// written; the built-in audiences are made in French beside it; list
// audiences marks it as the folder's.
func TestAudienceOfOnesOwn(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "ours", "audiences", "farmworkers", "audience.yaml"), `id: farmworkers
description: "Farm workers in our valley"
reading_level: 7
headline: farmworkers.headline
intro: farmworkers.intro
signs: [newcomers.sign.1, newcomers.sign.2, newcomers.sign.3, newcomers.sign.4, newcomers.sign.5]
actions:
  - title: ui.actions.self
    do: [common.do.hotline, common.do.hide]
contacts: [chth, tfw]
`)
	writeFile(t, filepath.Join(work, "ours", "locales", "en.toml"), `"audience.farmworkers.name" = "Farm workers"
[farmworkers]
headline = "Working on a farm?"
intro = "Some farm jobs are not what they seemed. Help is free."
`)
	out := filepath.Join(work, "out")
	r := runCLI(t, work, "generate", "-a", "farmworkers", "-l", "en", "--content", "ours", "-o", out)
	if r.code != 0 {
		t.Fatalf("English flyer: exit %d\n%s", r.code, r.stderr)
	}
	text := pdftest.Text(t, filepath.Join(out, "farmworkers-flyer-en.pdf"))
	for _, want := range []string{"Working on a farm?", "1-833-900-1010", "911"} {
		if !strings.Contains(text, want) {
			t.Errorf("the English flyer lacks %q", want)
		}
	}

	fr := filepath.Join(work, "fr")
	r = runCLI(t, work, "generate", "-a", "farmworkers", "-l", "fr", "--content", "ours", "-o", fr)
	if r.code != 1 {
		t.Fatalf("French: exit %d, want 1\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"farmworkers audience is not written in French (fr)", "audience.farmworkers.name", "farmworkers.headline", "farmworkers.intro", "locales/fr.toml", "written in: en"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, r.stderr)
		}
	}
	if entries, _ := os.ReadDir(fr); len(entries) != 0 {
		t.Errorf("%d files written for a refused language", len(entries))
	}
	r = runCLI(t, work, "generate", "-a", "youth,newcomers", "-l", "fr", "--content", "ours", "-o", fr)
	if r.code != 0 {
		t.Errorf("the built-in audiences in French beside it: exit %d\n%s", r.code, r.stderr)
	}

	r = runCLI(t, work, "list", "audiences", "--content", "ours")
	line := lineWith(r.stdout, "farmworkers")
	if r.code != 0 || !strings.Contains(line, "from your content folder") || !strings.Contains(line, "(in en)") {
		t.Errorf("list audiences: exit %d, farmworkers line %q; want it marked as the folder's, written in en", r.code, line)
	}
	if youth := lineWith(r.stdout, "youth"); strings.Contains(youth, "yours") || strings.Contains(youth, "(in ") {
		t.Errorf("youth marked: %q", youth)
	}

	// A plan asking for French marks the item, not the whole content.
	writeFile(t, filepath.Join(work, "awarekit.yaml"), "content: ours\n")
	writeFile(t, filepath.Join(work, "plan.yaml"), "outputs:\n  - {audiences: [farmworkers, youth], language: fr, format: txt}\n")
	r = runCLI(t, work, "build", "plan.yaml", "-q")
	if r.code != 1 || !strings.Contains(r.stderr, "not written in French") || !strings.Contains(r.stderr, "outputs[0]") {
		t.Errorf("build: exit %d, stderr %q", r.code, r.stderr)
	}
}

func lineWith(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// TestNewAudience: new audience writes a commented audience.yaml, the
// English messages (copied with their facts from --from) and an empty
// stories.yaml; the result passes check and makes its English flyer once
// the starter name is replaced; it never overwrites.
func TestNewAudience(t *testing.T) {
	work := t.TempDir()
	// An en.toml of the user's own already, with a table: the new
	// messages go before it, and its own message stays.
	writeFile(t, filepath.Join(work, "ours", "locales", "en.toml"), "# our words\n[youth]\nheadline = \"Our school knows the signs\"\n")
	r := runCLI(t, work, "new", "audience", "farmworkers", "--from", "newcomers", "--content", "ours")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	aud := readFile(t, filepath.Join(work, "ours", "audiences", "farmworkers", "audience.yaml"))
	for _, want := range []string{"id: farmworkers", "farmworkers.sign.1: [labour-signs]", "contacts: [chth, tfw]", "# One group of actions, or two", "newcomers.do.hotline"} {
		if !strings.Contains(aud, want) {
			t.Errorf("audience.yaml lacks %q:\n%s", want, aud)
		}
	}
	stories := readFile(t, filepath.Join(work, "ours", "audiences", "farmworkers", "stories.yaml"))
	if !strings.Contains(stories, "stories: []") || !strings.Contains(stories, "consent:") || !strings.Contains(stories, "anonymised: true") {
		t.Errorf("stories.yaml:\n%s", stories)
	}
	en := readFile(t, filepath.Join(work, "ours", "locales", "en.toml"))
	for _, want := range []string{"# facts: labour-signs\n\"farmworkers.sign.1\" = \"A job offer seems too good to be true.\"", "[youth]\nheadline = \"Our school knows the signs\""} {
		if !strings.Contains(en, want) {
			t.Errorf("en.toml lacks %q:\n%s", want, en)
		}
	}
	if strings.Contains(en, "farmworkers.intro") {
		t.Errorf("the newcomers intro, a safety message, was copied rather than kept:\n%s", en)
	}

	// check finds the starter texts; replaced, nothing.
	r = runCLI(t, work, "check", "--content", "ours")
	if r.code != 1 || !strings.Contains(r.stdout, "audience.farmworkers.name still holds the starter text") || !strings.Contains(r.stdout, "description still holds the starter text") {
		t.Errorf("check of the new audience: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	writeFile(t, filepath.Join(work, "ours", "locales", "en.toml"), strings.Replace(en, `"audience.farmworkers.name" = "TODO: Newcomers and migrant workers (your audience's name)"`, `"audience.farmworkers.name" = "Farm workers"`, 1))
	writeFile(t, filepath.Join(work, "ours", "audiences", "farmworkers", "audience.yaml"), strings.Replace(aud, "description: \"TODO:", "description: \"Farm workers; was: ", 1))
	r = runCLI(t, work, "check", "--content", "ours")
	if r.code != 0 || !strings.Contains(r.stderr, "adds the audience farmworkers: written in en") {
		t.Errorf("check after editing: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, work, "generate", "-a", "farmworkers", "-l", "en", "--content", "ours", "-o", filepath.Join(work, "out"))
	if r.code != 0 {
		t.Errorf("generate: exit %d\n%s", r.code, r.stderr)
	}

	// Never overwrite; refuse IDs that are taken or unusable.
	before := readFile(t, filepath.Join(work, "ours", "audiences", "farmworkers", "audience.yaml"))
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"farmworkers"}, 2, "already an audience farmworkers"},
		{[]string{"youth"}, 2, "already an audience youth"},
		{[]string{"Farm Workers"}, 2, "lower-case letters"},
		{[]string{"ui"}, 2, "would share its message IDs"},
		{[]string{"club", "--from", "teens"}, 2, `unknown audience "teens"`},
		{[]string{}, 2, "give the new audience's ID"},
	} {
		r = runCLI(t, work, append([]string{"new", "audience", "--content", "ours"}, tt.args...)...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("new audience %v: exit %d, stderr %q; want %d saying %q", tt.args, r.code, r.stderr, tt.code, tt.want)
		}
	}
	if after := readFile(t, filepath.Join(work, "ours", "audiences", "farmworkers", "audience.yaml")); after != before {
		t.Error("audience.yaml was overwritten")
	}
	// A folder left behind by hand is not overwritten either.
	writeFile(t, filepath.Join(work, "ours", "audiences", "club", "notes.txt"), "ours")
	r = runCLI(t, work, "new", "audience", "club", "--content", "ours")
	if r.code != 2 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("new audience over a folder: exit %d, want 2 (the ID given is taken), stderr %q", r.code, r.stderr)
	}

	// Without --from: a skeleton whose starter texts and unsourced signs
	// check reports, at their lines.
	r = runCLI(t, work, "new", "audience", "parents-club", "--content", "fresh")
	if r.code != 0 {
		t.Fatalf("skeleton: exit %d\n%s", r.code, r.stderr)
	}
	r = runCLI(t, work, "check", "--content", "fresh")
	for _, want := range []string{"fresh/locales/en.toml:4: message parents-club.headline still holds the starter text", "fresh/audiences/parents-club/audience.yaml:", "parents-club.sign.1 states a fact with no facts register entry"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check of a skeleton lacks %q:\n%s", want, r.stdout)
		}
	}
}

// TestCheck: check lists every problem of a content folder at its file
// and line, and exits 1; a folder without problems exits 0.
func TestCheck(t *testing.T) {
	work := t.TempDir()
	files := map[string]string{
		"audiences/club/audience.yaml": `id: club
description: "Our club"
reading_level: 3
headline: club.headline
intro: club.intro
signs: [club.sign.1, club.sign.2, club.sign.3, club.sign.4]
actions:
  - title: ui.actions.self
    do: [common.do.hotline, club.do.1]
contacts: [chth, khp]
facts:
  club.sign.1: [youth-signs]
`,
		"audiences/club/stories.yaml": "stories:\n  - id: s1\n    title: club.story.1.title\n    text: club.story.1.text\n    anonymised: true\n",
		"locales/en.toml": `"audience.club.name" = "Our club"
[club]
headline = "Know the signs"
intro = "Manipulative individuals frequently establish relationships characterised by considerable emotional dependency."
"sign.1" = "Someone older gives you expensive gifts."
"sign.2" = "One in {{.Share}} teens is targeted: 1,200 reported cases."
"sign.3" = "A friend has a second phone."
"do.1" = "Talk to a trusted adult."
"story.1.title" = "A story"
"story.1.text" = "It happened."
[contact]
"chth.detail" = "Free, any time."
`,
		"locales/fr.toml": "[club]\nheadline = \"Connais les signes\"\n\"sign.2\" = \"Un ado sur quatre.\"\n",
	}
	for name, data := range files {
		writeFile(t, filepath.Join(work, "bad", filepath.FromSlash(name)), data)
	}
	r := runCLI(t, work, "check", "--content", "bad")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"bad/audiences/club/audience.yaml:6: message club.sign.4 is in no message file",         // unknown message ID
		"bad/locales/en.toml:6: message club.sign.2 uses {{.Share}}, which nothing fills",       // placeholder nothing fills
		"bad/locales/fr.toml:3: message club.sign.2 lacks {{.Share}}, which its English has",    // placeholder dropped
		"bad/locales/en.toml:12: message contact.chth.detail is a safety message and must keep", // safety placeholder dropped
		"bad/audiences/club/audience.yaml:6: club.sign.2 states a fact with no facts register",  // fact claim without an entry
		`bad/locales/en.toml:6: message club.sign.2 writes the number "1,200"`,                  // a number of its own
		`bad/audiences/club/stories.yaml:2: story "s1" has no recorded consent`,                 // story without consent
		"bad/audiences/club/audience.yaml:3: its English reads at grade",                        // reading level
		"bad/locales/fr.toml: fr.toml lacks 5 messages the club audience prints",                // a language begun, not finished
		"content folder bad: 12 problems",
	} {
		if !strings.Contains(r.stdout+r.stderr, want) {
			t.Errorf("check does not say %q:\n%s%s", want, r.stdout, r.stderr)
		}
	}
	if strings.Count(r.stdout, "club.sign.4") != 1 {
		t.Errorf("the unknown club.sign.4 is reported more than once:\n%s", r.stdout)
	}

	// A folder that only changes a built-in message well: no problems.
	writeFile(t, filepath.Join(work, "good", "locales", "en.toml"), "[youth]\nheadline = \"Our school knows the signs\"\n")
	r = runCLI(t, work, "check", "--content", "good")
	if r.code != 0 || !strings.Contains(r.stderr, "no problems") || !strings.Contains(r.stderr, "changes the built-in audience youth") {
		t.Errorf("good folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"check"}, "which content folder?"},
		{[]string{"check", "--content", "missing"}, "missing"},
	} {
		r = runCLI(t, work, tt.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 saying %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
	// A file that cannot be read is a problem at its line, not a crash.
	writeFile(t, filepath.Join(work, "broken", "audiences", "club", "audience.yaml"), "id: club\nsigns: [a, b\n")
	r = runCLI(t, work, "check", "--content", "broken")
	if r.code != 1 || !strings.Contains(r.stdout, "broken/audiences/club/audience.yaml:") {
		t.Errorf("broken YAML: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

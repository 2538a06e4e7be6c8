package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/pdftest"
)

// TestDraftLanguages: a language whose file says a fluent speaker must
// rewrite it is refused (exit 1, naming --allow-draft) unless drafts are
// allowed by flag, setting or plan; every draft language made prints one
// line on stderr, in English, naming it and its status.
func TestDraftLanguages(t *testing.T) {
	work := t.TempDir()
	out := filepath.Join(work, "out")
	r := runCLI(t, work, "generate", "-a", "youth", "-l", "iu", "-o", out)
	if r.code != 1 || !strings.Contains(r.stderr, "--allow-draft") || !strings.Contains(r.stderr, "Inuktitut (iu)") {
		t.Fatalf("generate -l iu: exit %d, stderr %q; want 1 naming --allow-draft", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("%d files written for a refused language", len(entries))
	}

	r = runCLI(t, work, "generate", "-a", "youth", "-l", "pa,fr,en", "-f", "txt", "-o", out)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"draft: Punjabi (pa) is a draft translation", "draft: French (fr) is a draft translation"} {
		if strings.Count(r.stderr, want) != 1 {
			t.Errorf("stderr lacks one %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "English (en)") {
		t.Errorf("English reported as a draft:\n%s", r.stderr)
	}
	pa, err := os.ReadFile(filepath.Join(out, "youth-txt-pa.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(pa), "Draft translation: not yet checked by a fluent speaker.") {
		t.Error("the Punjabi text carries no English draft line")
	}

	for _, allow := range [][]string{{"--allow-draft"}, {"--config", writeSettings(t, work, "allow_draft: true\n")}} {
		r = runCLI(t, work, append([]string{"generate", "-a", "youth", "-l", "oj", "-f", "txt,sms", "-o", out}, allow...)...)
		if r.code != 0 || !strings.Contains(r.stderr, "draft: Ojibwe (oj) is a draft that a fluent speaker must rewrite") {
			t.Fatalf("%v: exit %d\n%s", allow, r.code, r.stderr)
		}
	}
	txt, _ := os.ReadFile(filepath.Join(out, "youth-txt-oj.txt"))
	if !strings.Contains(string(txt), "[English] Call the hotline for yourself") {
		t.Error("a message Ojibwe lacks is not printed in English, marked")
	}
	sms, _ := os.ReadFile(filepath.Join(out, "youth-sms-oj.txt"))
	if !strings.Contains(string(sms), "Draft translation") {
		t.Errorf("the SMS carries no draft line:\n%s", sms)
	}

	writeFile(t, filepath.Join(work, "plan.yaml"), "outputs:\n  - {audience: youth, language: crk, format: txt}\n")
	r = runCLI(t, work, "build", "plan.yaml", "-q")
	if r.code != 1 || !strings.Contains(r.stderr, "plan.yaml:2:33: outputs[0].language: Plains Cree (crk) is a draft") || !strings.Contains(r.stderr, "add allow_draft: true to the plan") {
		t.Errorf("build with crk: exit %d, stderr %q", r.code, r.stderr)
	}
	writeFile(t, filepath.Join(work, "plan.yaml"), "allow_draft: true\noutputs:\n  - {audience: youth, language: crk, format: txt}\n")
	r = runCLI(t, work, "build", "plan.yaml")
	if r.code != 0 || !strings.Contains(r.stderr, "draft: Plains Cree (crk)") {
		t.Errorf("build with allow_draft: exit %d, stderr %q", r.code, r.stderr)
	}
}

func writeSettings(t *testing.T, dir, body string) string {
	t.Helper()
	p := filepath.Join(dir, "settings-"+strings.ReplaceAll(t.Name(), "/", "_")+".yaml")
	writeFile(t, p, body)
	return p
}

// TestFactsDue: version, generate and build warn once, on stderr, when
// the facts are past their check-again date (an injected clock).
func TestFactsDue(t *testing.T) {
	work := t.TempDir()
	t.Chdir(work)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(work, ".config"))
	writeFile(t, filepath.Join(work, "plan.yaml"), "outputs:\n  - {audience: youth, language: en, format: txt}\n")
	for _, tt := range []struct {
		now  time.Time
		warn bool
	}{{time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), false}, {time.Date(2027, 6, 2, 0, 0, 0, 0, time.UTC), true}} {
		for _, args := range [][]string{{"version"}, {"generate", "-f", "txt", "-o", "out"}, {"build", "plan.yaml"}} {
			var out, errOut bytes.Buffer
			f := newFactory(&IOStreams{Out: &out, ErrOut: &errOut})
			f.Now = func() time.Time { return tt.now }
			root := newRootCmd(f)
			root.SetArgs(args)
			if err := root.Execute(); err != nil {
				t.Fatalf("%v: %v", args, err)
			}
			n := strings.Count(errOut.String(), "due to be checked again by 2027-06-01")
			if (n == 1) != tt.warn || n > 1 {
				t.Errorf("%v on %s: %d warnings, want one: %v\n%s", args, tt.now.Format(time.DateOnly), n, tt.warn, errOut.String())
			}
		}
	}
}

// TestProvinceAndLocalContacts: --province and province: add a
// province's verified lines; organisation.local adds the organisation's
// own contacts, printed under its name, apart from the verified lines;
// a bad value is an error naming the file and line.
func TestProvinceAndLocalContacts(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	work := t.TempDir()
	out := filepath.Join(work, "out")
	writeFile(t, filepath.Join(work, "awarekit.yaml"), `organisation:
  name: "Riverside Youth Council"
  local:
    - {label: "Riverside police, non-emergency", phone: "604-555-0199"}
    - {label: "Riverside victim services", website: "victims.example.org"}
province: bc
`)
	r := runCLI(t, work, "generate", "-a", "newcomers", "-l", "en", "-f", "flyer,txt", "-o", out)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	text := pdftest.Text(t, filepath.Join(out, "newcomers-flyer-en.pdf"))
	for _, want := range []string{"1-888-712-7974", "Local help listed by Riverside Youth Council", "Riverside police, non-emergency", "604-555-0199", "victims.example.org"} {
		if !strings.Contains(text, want) {
			t.Errorf("the flyer lacks %q", want)
		}
	}
	// The panel's lines are in columns: read them row by row.
	rows := pdftest.LayoutText(t, filepath.Join(out, "newcomers-flyer-en.pdf"))
	if i, j := strings.Index(rows, "BC human trafficking line"), strings.Index(rows, "Local help listed by"); i < 0 || j < i {
		t.Error("the organisation's list is not after the verified lines")
	}
	// A format with no room for them says so, once, on stderr.
	r = runCLI(t, work, "generate", "-a", "newcomers", "-l", "en,fr", "-f", "safety-card,sms,flyer", "-o", out)
	if r.code != 0 || strings.Count(r.stderr, "note: safety-card: no room for the province's lines or the organisation's local contacts") != 1 ||
		strings.Count(r.stderr, "note: sms: no room") != 1 || strings.Contains(r.stderr, "note: flyer") {
		t.Errorf("safety card and SMS: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, work, "generate", "-a", "newcomers", "-l", "en", "-f", "txt", "-o", out, "--province", "ns")
	txt, _ := os.ReadFile(filepath.Join(out, "newcomers-txt-en.txt"))
	if r.code != 0 || !strings.Contains(string(txt), "902-449-2425") || strings.Contains(string(txt), "1-888-712-7974") {
		t.Errorf("--province ns over the settings' bc: exit %d\n%s", r.code, txt)
	}
	r = runCLI(t, work, "generate", "-o", out, "--province", "atlantis")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown province "atlantis"`) {
		t.Errorf("--province atlantis: exit %d, stderr %q", r.code, r.stderr)
	}
	writeFile(t, filepath.Join(work, "awarekit.yaml"), "organisation:\n  name: Us\n  local:\n    - {label: \"Police\u202e\", phone: \"604-555-0199\"}\n")
	r = runCLI(t, work, "generate", "-o", out)
	if r.code != 1 || !strings.Contains(r.stderr, "local contact 1 label (from settings file awarekit.yaml:4)") {
		t.Errorf("a bidi control in a label: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestMessagesCommand lists every message ID with its text, its
// placeholders, whether it is a safety message, and its English hash.
func TestMessagesCommand(t *testing.T) {
	work := t.TempDir()
	r := runCLI(t, work, "messages", "-a", "youth")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"youth.headline\n  text:         Know the signs. You can get help.",
		"common.do.call911\n",
		"placeholders: {{.Emergency}}",
		"safety message",
		"english hash: " + locale.SourceHash("Know the signs. You can get help."),
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("messages -a youth lacks %q", want)
		}
	}
	if strings.Contains(r.stdout, "business.headline") {
		t.Error("messages -a youth lists the business audience's messages")
	}
	r = runCLI(t, work, "messages", "-l", "fr")
	if r.code != 0 || !strings.Contains(r.stdout, "Connais les signes") || !strings.Contains(r.stdout, "business.headline") {
		t.Errorf("messages -l fr: exit %d", r.code)
	}
	if r := runCLI(t, work, "messages", "-a", "teens"); r.code != 2 {
		t.Errorf("messages -a teens: exit %d, want 2", r.code)
	}
}

// TestSMSLeftOutIsSaid: what an SMS has no room for is said on stderr,
// as every format's left-outs are: the sign to look for and the
// hotline's name in languages whose letters need UCS-2 (70 characters a
// part), and the organisation's website beside its phone (an SMS carries
// one way to reach it). A note about one value says "it".
func TestSMSLeftOutIsSaid(t *testing.T) {
	work := t.TempDir()
	r := runCLI(t, work, "generate", "-a", "youth", "-l", "es,en,ar", "-f", "sms,safety-card", "--org-name", "Club Esperanza", "--phone", "604-555-0134", "--website", "club.example.org", "-o", "out")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{
		"note: sms: carries one way to reach your organisation, its phone 604-555-0134; no room for your organisation's website club.example.org, which it leaves out; the flyer, handout, poster, cards, tearoff, html, md and txt print it\n",
		"note: " + filepath.Join("out", "youth-sms-es.txt") + ": no room for the sign to look for and the hotline's name within 3 SMS segments, so they are left out: it sends the hotline's number and the emergency line; the other formats print the signs\n",
		"note: " + filepath.Join("out", "youth-sms-ar.txt") + ": no room for the sign to look for within 3 SMS segments, so it is left out: it sends the hotline's number and the emergency line; the other formats print the signs\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q\nwant %q", r.stderr, want)
		}
	}
	if strings.Contains(r.stderr, "youth-sms-en.txt: no room") {
		t.Errorf("stderr %q: the English SMS has room for its sign", r.stderr)
	}
	sms, err := os.ReadFile(filepath.Join(work, "out", "youth-sms-es.txt"))
	if err != nil || strings.Contains(string(sms), "club.example.org") || !strings.Contains(string(sms), "604-555-0134") {
		t.Errorf("Spanish SMS %q (%v): want the phone, not the website", sms, err)
	}

	r = runCLI(t, work, "generate", "-a", "youth", "-l", "en", "-f", "safety-card", "--phone", "604-555-0134", "-o", "out")
	if want := "which it leaves out; the flyer, handout, poster, cards, tearoff, html, md, txt and sms print it\n"; r.code != 0 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stderr %q\nwant %q", r.code, r.stderr, want)
	}
}

// TestOwnNumberLeftIsSaid: the organisation's own number (no name, no
// local contacts) is in the SMS; the safety card has no room for it and
// the operator is told which value it leaves out, never silently.
func TestOwnNumberLeftIsSaid(t *testing.T) {
	work := t.TempDir()
	r := runCLI(t, work, "generate", "-a", "youth", "-l", "en", "-f", "safety-card,sms,flyer", "--phone", "604-555-0134", "-o", "out")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "note: safety-card: no room for your organisation's phone 604-555-0134, which it leaves out") ||
		strings.Contains(r.stderr, "note: sms") || strings.Contains(r.stderr, "note: flyer") {
		t.Errorf("stderr %q: want a note for the safety card alone, naming the number", r.stderr)
	}
	sms, err := os.ReadFile(filepath.Join(work, "out", "youth-sms-en.txt"))
	if err != nil || !strings.HasSuffix(string(sms), "\nLocal help\n604-555-0134") {
		t.Errorf("SMS %q (%v): want the organisation's number under its title", sms, err)
	}
}

// TestLocalContactProblemsAtTheirLines: a problem with a local contact
// in a settings file names the line of the field that is wrong (or of
// the contact, for one with neither phone nor website), not the line of
// organisation.local; a phone or website given but wrong is not also
// "no phone and no website".
func TestLocalContactProblemsAtTheirLines(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "awarekit.yaml"), `organisation:
  name: Riverside Settlement Services
  phone: 604-555-0134
  local:
    - label: Victim services
      phone: "call us"
    - label: ""
      website: "not a site"
    - {label: Shelter}
`)
	r := runCLI(t, work, "generate", "-a", "youth", "-l", "en", "-f", "txt", "-o", "out")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{
		"local contact 1 phone (from settings file awarekit.yaml:6) has no digits",
		"local contact 2 label (from settings file awarekit.yaml:7) is empty",
		"local contact 2 website (from settings file awarekit.yaml:8) holds a space",
		"local contact 3 (from settings file awarekit.yaml:9) has no phone and no website",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
		}
	}
	for _, wrong := range []string{"awarekit.yaml:4)", "local contact 1 (from", "local contact 2 (from"} {
		if strings.Contains(r.stderr, wrong) {
			t.Errorf("stderr says %q:\n%s", wrong, r.stderr)
		}
	}
}

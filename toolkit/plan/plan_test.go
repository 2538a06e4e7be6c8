package plan

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/profile"
)

var (
	engineOnce sync.Once
	engine     *generate.Engine
	engineErr  error
)

// testEngine is one engine for the package's tests, as a process has.
func testEngine(t testing.TB) *generate.Engine {
	t.Helper()
	engineOnce.Do(func() { engine, engineErr = generate.New("awarekit test", time.Time{}) })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}

func parse(t testing.TB, src string) (*Plan, error) {
	t.Helper()
	return Parse(testEngine(t), filepath.Join(t.TempDir(), "plan.yaml"), []byte(src), Project{})
}

func problems(t *testing.T, err error) []Problem {
	t.Helper()
	var pe *PlanError
	if !errors.As(err, &pe) {
		t.Fatalf("error = %v, want a *PlanError", err)
	}
	return pe.Problems
}

// TestParseReportsEveryProblem checks that one read of a plan full of
// mistakes reports all of them, in file order, each with line, column
// and field, and that names come with the valid choices.
func TestParseReportsEveryProblem(t *testing.T) {
	src := `event:
  name: Evening
  venue: Hall
organisation:
  color: #7a1f5c
  logo: missing.png
defaults:
  paper: a5
  copies: 0
outputs:
  - audience: youth
    audiences: [health]
    language: xx
    format: flyer
  - audiences: [youth, teens]
    languages: [en, fr]
    formats: flyer
  - audience: youth
    language: en
    format: flyer
    copies: three
    pattern: "{audience}-{colour}.{ext}"
extra: 1
`
	_, err := parse(t, src)
	got := problems(t, err)
	want := []struct {
		line, col int
		field     string
		message   string
	}{
		{3, 3, "event.venue", `unknown key "venue"; valid here: name, date, place, facilitator`},
		{5, 9, "organisation.color", "quote it"},
		{6, 9, "organisation.logo", "does not exist"},
		{8, 10, "defaults.paper", `unknown paper "a5"; choose one of: letter, a4`},
		{9, 11, "defaults.copies", "should be at least 1, not 0"},
		{12, 5, "outputs[0].audiences", "give audience or audiences, not both"},
		{13, 15, "outputs[0].language", `unknown language "xx"; choose one of: `},
		{15, 24, "outputs[1].audiences[1]", `unknown audience "teens"; choose one of: agriculture, business, caregivers, health, hospitality, indigenous, newcomers, parents, students, youth`},
		{17, 14, "outputs[1].formats", `should be a list [flyer, cards], not "flyer" (or format: flyer, for one)`},
		{21, 13, "outputs[2].copies", `should be a whole number, not "three"`},
		{22, 14, "outputs[2].pattern", `unknown placeholder "{colour}"`},
		{23, 1, "extra", `unknown key "extra"; valid here: event, organisation, organisations, defaults, outputs, pack`},
	}
	for i, w := range want {
		if i >= len(got) {
			t.Errorf("missing problem %d: %d:%d %s: %s", i, w.line, w.col, w.field, w.message)
			continue
		}
		g := got[i]
		if g.Line != w.line || g.Column != w.col || g.Field != w.field || !strings.Contains(g.Message, w.message) {
			t.Errorf("problem %d:\n got %d:%d %s: %s\nwant %d:%d %s: …%s…", i, g.Line, g.Column, g.Field, g.Message, w.line, w.col, w.field, w.message)
		}
	}
	for _, g := range got[min(len(want), len(got)):] {
		t.Errorf("unexpected problem %s", g)
	}
	// The message names the file and the position, as compilers do, so
	// editors can jump to it.
	if msg := err.Error(); !strings.Contains(msg, "plan.yaml has 12 problems:") || !strings.Contains(msg, "plan.yaml:13:15: outputs[0].language: unknown language") {
		t.Errorf("error text:\n%s", msg)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // file:line:col: field: message, after the folder
	}{
		{"empty file", "", "plan.yaml:1: the plan is empty; it needs at least an outputs: list"},
		// yaml.v3 names line 1 (counted from 0, where the list began).
		{"syntax error", "outputs:\n  - audience: youth\n   language: en\n", "plan.yaml:3: did not find expected '-' indicator"},
		// No line from yaml.v3; then line 2, the comment's.
		{"an alias of no anchor", "outputs:\n  # as *org in the template\n  - audience: youth\n    organisation: *org\n", "plan.yaml:4: *org repeats the value marked &org, and nothing before it is marked so"},
		{"not a mapping", "- youth\n", "plan.yaml:1:1: the plan should be a mapping with the keys event, organisation, organisations, defaults, outputs, pack, province, allow_draft, not a list"},
		{"no outputs", "event: {name: x}\n", "plan.yaml:1:1: outputs: is missing"},
		{"empty outputs", "outputs: []\n", "plan.yaml:1:10: outputs: should have at least 1 item"},
		{"outputs given empty", "outputs:\n", "plan.yaml:1:9: outputs: should have at least 1 item"},
		{"every output commented out", "event: {name: x}\noutputs:\n  # - {audience: youth, language: en}\npack: false\n", "plan.yaml:2:9: outputs: should have at least 1 item"},
		{"outputs null", "outputs: ~\n", "plan.yaml:1:10: outputs: should have at least 1 item"},
		{"output not a mapping", "outputs:\n  - youth\n", "plan.yaml:2:5: outputs[0]: it should be a mapping with the keys audience, audiences, language, languages, format, formats, kit, paper, style, copies, pattern, bleed, crop_marks, imposition, as, dpi, organisation, not \"youth\""},
		{"misspelt key", "outputs:\n  - {audience: youth, language: en, copeis: 3}\n", `plan.yaml:2:37: outputs[0].copeis: unknown key "copeis" (did you mean copies?); valid here: `},
		{"language near a name", "outputs:\n  - {audience: youth, language: punjbi}\n", `plan.yaml:2:33: outputs[0].language: unknown language "punjbi" (did you mean "Punjabi"?); choose one of: `},
		{"key twice", "outputs:\n  - audience: youth\n    audience: health\n    language: en\n", "plan.yaml:3:5: outputs[0].audience: is given twice (first on line 2)"},
		{"no language anywhere", "outputs:\n  - audience: youth\n", "plan.yaml:2:5: outputs[0]: no language: give language or languages here, or languages under defaults"},
		{"bad default language", "defaults: {languages: [en, klingon]}\noutputs:\n  - audience: youth\n", `plan.yaml:1:28: defaults.languages[1]: unknown language "klingon"; choose one of: `},
		{"bad colour", "organisation: {color: teal}\noutputs: [{audience: youth, language: en}]\n", `plan.yaml:1:23: organisation.color: is not a hex colour; write it like "#0b5c6b"`},
		{"bleed out of range", "defaults: {bleed: 30}\noutputs: [{audience: youth, language: en}]\n", "plan.yaml:1:19: defaults.bleed: bleed 30.0 mm is out of range; use 0 to 20 mm"},
		{"item bleed out of range", "outputs: [{audience: youth, language: en, bleed: -1}]\n", "plan.yaml:1:50: outputs[0].bleed: bleed -1.0 mm is out of range"},
		{"imposition misspelt", "defaults: {imposition: singel}\noutputs: [{audience: youth, language: en}]\n", `plan.yaml:1:24: defaults.imposition: unknown imposition "singel" (did you mean "single"?); choose one of: sheet, single`},
		{"item imposition unknown", "outputs: [{audience: youth, language: en, format: cards, imposition: booklet}]\n", `plan.yaml:1:70: outputs[0].imposition: unknown imposition "booklet"; choose one of: sheet, single`},
		{"pack not a bool", "pack: maybe\noutputs: [{audience: youth, language: en}]\n", `plan.yaml:1:7: pack: should be true or false, not "maybe"`},
		{"wrong extension", "outputs: [{audience: youth, language: en, pattern: '{audience}.txt'}]\n", `plan.yaml:1:52: outputs[0].pattern: pattern "{audience}.txt" names a pdf file "youth.txt"; end it with .{ext} or .pdf`},
		// {ext} elsewhere than at the end, and braces that open or close
		// no placeholder, made names other than the one meant:
		// "txt.youth", "youth.pdf-1" (a PNG), "audience.pdf".
		{"{ext} first", "outputs: [{audience: youth, language: en, pattern: '{ext}.{audience}'}]\n", `plan.yaml:1:52: outputs[0].pattern: pattern "{ext}.{audience}" names a pdf file "pdf.youth"; end it with .{ext} or .pdf`},
		{"{ext} after a dash", "outputs: [{audience: youth, language: en, format: txt, pattern: '{audience}-{ext}'}]\n", `plan.yaml:1:65: outputs[0].pattern: pattern "{audience}-{ext}" names a txt file "youth-txt"; end it with .{ext} or .txt`},
		{"pictures without .{ext}", "outputs: [{audience: youth, language: en, as: png, dpi: 40, pattern: '{audience}.pdf'}]\n", `plan.yaml:1:70: outputs[0].pattern: pattern "{audience}.pdf" names png files "youth.pdf-1", "youth.pdf-2" …; end it with .{ext}, which takes each page's number before it`},
		{"pictures with {ext} first", "defaults: {pattern: '{ext}-{lang}'}\noutputs: [{audience: youth, language: en, as: svg}]\n", `plan.yaml:1:21: defaults.pattern: pattern "{ext}-{lang}" names svg files "svg-en-1", "svg-en-2" …; end it with .{ext}`},
		{"a brace not closed", "outputs: [{audience: youth, language: en, pattern: '{audience.{ext}'}]\n", `plan.yaml:1:52: outputs[0].pattern: pattern "{audience.{ext}" has a '{' at character 1 that opens or closes no placeholder, so the name it makes is not the one meant; placeholders are written whole, like {audience}: mend it or delete it`},
		{"doubled braces", "outputs: [{audience: youth, language: en, pattern: '{{audience}}.{ext}'}]\n", `plan.yaml:1:52: outputs[0].pattern: pattern "{{audience}}.{ext}" has a '{' at character 1`},
		{"a brace not opened", "defaults: {pattern: 'été-{lang}}.{ext}'}\noutputs: [{audience: youth, language: en}]\n", `plan.yaml:1:21: defaults.pattern: pattern "été-{lang}}.{ext}" has a '}' at character 11`},
		{"hidden name", "outputs: [{audience: youth, language: en, pattern: '.{ext}'}]\n", `plan.yaml:1:52: outputs[0].pattern: pattern ".{ext}" makes names that start with a dot`},
		{"absolute path", "defaults: {pattern: '/tmp/x-{lang}.{ext}'}\noutputs: [{audience: youth, language: en}]\n", `plan.yaml:1:21: defaults.pattern: pattern "/tmp/x-{lang}.{ext}" names a folder; file names are made inside the output folder: give a name only ("x-{lang}.{ext}") and choose the folder with --out`},
		{"climbing out", "outputs: [{audience: youth, language: en, pattern: '../{lang}.{ext}'}]\n", `plan.yaml:1:52: outputs[0].pattern: pattern "../{lang}.{ext}" names a folder`},
		{"windows device", "outputs: [{audience: youth, language: en, pattern: 'Aux.{ext}'}]\n", `plan.yaml:1:52: outputs[0].pattern: pattern "Aux.{ext}" makes names that Windows keeps for a device (AUX)`},
		{"trailing space", "outputs: [{audience: youth, language: en, pattern: '{lang}.{ext} '}]\n", `plan.yaml:1:52: outputs[0].pattern: pattern "{lang}.{ext} " ends with a dot or a space`},
		{"list for text", "event: {name: [a, b]}\noutputs: [{audience: youth, language: en}]\n", "plan.yaml:1:15: event.name: should be text, not a list"},
		{"pictures of two materials under one pattern", "outputs:\n  - {audience: youth, language: en, as: png, dpi: 40, pattern: 'p.{ext}'}\n  - {audience: youth, language: en, as: png, dpi: 80, pattern: 'p.{ext}'}\n", `plan.yaml:3:5: outputs[1]: p-1.png is taken by another output, and this one makes a file per page from its pattern "p.{ext}"; put {lang}, {paper} or words of its own in the pattern`},
		// A whole number too large said it was no whole number.
		{"copies too many", "outputs: [{audience: youth, language: en, copies: 99999999999}]\n", "plan.yaml:1:51: outputs[0].copies: should be at most 100000, not 99999999999"},
		// 2147483647 copies were taken, and a cover sheet of 6,442,450,941
		// sheets printed (hostile17): a digit too many is caught.
		{"copies a digit too many", "outputs: [{audience: youth, language: en, copies: 2500000}]\n", "plan.yaml:1:51: outputs[0].copies: should be at most 100000, not 2500000: the most awarekit counts for one material, past any workshop's or campaign's print run; check for a digit too many"},
		{"default copies a digit too many", "defaults: {copies: 2147483647}\noutputs: [{audience: youth, language: en}]\n", "plan.yaml:1:20: defaults.copies: should be at most 100000, not 2147483647"},
		{"copies too few", "defaults: {copies: -99999999999}\noutputs: [{audience: youth, language: en}]\n", "plan.yaml:1:20: defaults.copies: should be at least 1, not -99999999999"},
		// YAML 1.1's octal and hexadecimal: a zero-padded 12 from a
		// spreadsheet was 10 copies.
		{"copies zero-padded", "outputs: [{audience: youth, language: en, copies: 012}]\n", "plan.yaml:1:51: outputs[0].copies: should be a whole number in plain digits, not 012: write 12, without the leading 0"},
		{"copies in hexadecimal", "defaults: {copies: 0x10}\noutputs: [{audience: youth, language: en}]\n", "plan.yaml:1:20: defaults.copies: should be a whole number in plain digits, not 0x10: write it in plain digits"},
		{"copies in octal", "defaults: {copies: 0o12}\noutputs: [{audience: youth, language: en}]\n", "plan.yaml:1:20: defaults.copies: should be a whole number in plain digits, not 0o12"},
		{"kit not a bool", "outputs: [{audience: youth, language: en, kit: yes please}]\n", `plan.yaml:1:48: outputs[0].kit: should be true or false, not "yes please"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(testEngine(t), "plan.yaml", []byte(tt.src), Project{Formats: []string{"flyer"}})
			got := problems(t, err)
			if len(got) != 1 {
				t.Fatalf("got %d problems, want 1:\n%v", len(got), err)
			}
			if s := got[0].String(); !strings.HasPrefix(s, tt.want) {
				t.Errorf("got  %s\nwant %s…", s, tt.want)
			}
		})
	}
}

// TestKitRefusesItsMissingLanguages: kit: true (or kit among the
// formats) in a language none of the kit is written in is one problem at
// the item, naming every part refused and the languages they are written
// in.
func TestKitRefusesItsMissingLanguages(t *testing.T) {
	for _, item := range []string{"kit: true", "formats: [kit]"} {
		t.Run(item, func(t *testing.T) {
			_, err := Parse(testEngine(t), "plan.yaml", []byte("outputs: [{audience: youth, languages: [en, ar], "+item+"}]\n"), Project{})
			got := problems(t, err)
			if len(got) != 1 {
				t.Fatalf("%d problems, want one for the kit in Arabic:\n%v", len(got), err)
			}
			s := got[0].String()
			if !strings.HasPrefix(s, "plan.yaml:1:11: outputs[0]: the workshop kit (kit) for youth is not made in Arabic (ar): ") || !strings.Contains(s, ": written in English (en) and French (fr) only") {
				t.Errorf("problem %s", s)
			}
			for _, f := range format.KitFormats() {
				if !strings.Contains(s, "("+f+")") && !strings.Contains(s, " "+f+",") {
					t.Errorf("problem %s does not name %s", s, f)
				}
			}
		})
	}
}

// TestClinicianCardInAPlan: the clinician card, made for health only, is
// made from a plan that asks it of health; asked of another audience it
// is one problem at the item naming that audience. The format's name was
// checked with the first audience there is (agriculture), so every plan
// that named it was refused.
func TestClinicianCardInAPlan(t *testing.T) {
	p, err := Parse(testEngine(t), "plan.yaml", []byte("outputs:\n  - {audience: health, language: en, format: clinician-card}\n"), Project{})
	if err != nil {
		t.Fatalf("a clinician card for health: %v", err)
	}
	if len(p.Outputs) != 1 || p.Outputs[0].Name != "health-clinician-card-en.pdf" {
		t.Errorf("outputs %+v", p.Outputs)
	}
	_, err = Parse(testEngine(t), "plan.yaml", []byte("outputs:\n  - {audiences: [health, youth], language: en, format: clinician-card}\n"), Project{})
	got := problems(t, err)
	if len(got) != 1 || !strings.HasPrefix(got[0].String(), "plan.yaml:2:5: outputs[0]: audience youth has no pocket card") {
		t.Errorf("a clinician card for youth: %v, want one problem at the item naming youth", err)
	}
}

// TestPlanKeySpellings: a plan takes colour and organization(s) as
// awarekit.yaml and the partners file do, so an organiser who copies the
// organisation from one into the other is not refused; both spellings of
// one key are still one key given twice.
func TestPlanKeySpellings(t *testing.T) {
	p, err := Parse(testEngine(t), "plan.yaml", []byte("organization:\n  name: Eastside\n  colour: \"#96203c\"\noutputs:\n  - {audience: youth, language: en, organization: {name: Westside, colour: \"#2a6f97\"}}\n"), Project{Formats: []string{"flyer"}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Org.Name != "Eastside" || p.Org.Color != "#96203c" {
		t.Errorf("the plan's organisation is %+v", p.Org)
	}
	if o := p.Orgs.At(p.Outputs[0].Org); o.Name != "Westside" || o.Color != "#2a6f97" {
		t.Errorf("the item's organisation is %+v", o)
	}
	_, err = Parse(testEngine(t), "plan.yaml", []byte("organisation:\n  color: \"#96203c\"\n  colour: \"#2a6f97\"\noutputs: [{audience: youth, language: en}]\n"), Project{Formats: []string{"flyer"}})
	if got := problems(t, err); len(got) != 1 || !strings.HasPrefix(got[0].String(), "plan.yaml:3:3: organisation.color: is given twice (first on line 2)") {
		t.Errorf("color and colour: %v", err)
	}
}

// TestExpand checks the order of a matrix, defaults, inherited project
// values, and how colliding names are made unique.
func TestExpand(t *testing.T) {
	// kitOutputs is what a plan with the kit makes, however the kit is
	// asked for (kit: true, formats: [kit]).
	kitOutputs := []string{
		"newcomers-flyer-en.pdf newcomers/en/flyer/letter ×20",
		"newcomers-guide-en.pdf newcomers/en/guide/letter ×1",
		"newcomers-slides-en.pdf newcomers/en/slides/letter ×20",
		"newcomers-myths-en.pdf newcomers/en/myths/letter ×20",
		"newcomers-quiz-en.pdf newcomers/en/quiz/letter ×20",
		"newcomers-scenarios-en.pdf newcomers/en/scenarios/letter ×20",
		"newcomers-signin-en.pdf newcomers/en/signin/letter ×2",
		"newcomers-feedback-en.pdf newcomers/en/feedback/letter ×20",
		"newcomers-flyer-fr.pdf newcomers/fr/flyer/letter ×20",
		"newcomers-guide-fr.pdf newcomers/fr/guide/letter ×1",
		"newcomers-slides-fr.pdf newcomers/fr/slides/letter ×20",
		"newcomers-myths-fr.pdf newcomers/fr/myths/letter ×20",
		"newcomers-quiz-fr.pdf newcomers/fr/quiz/letter ×20",
		"newcomers-scenarios-fr.pdf newcomers/fr/scenarios/letter ×20",
		"newcomers-signin-fr.pdf newcomers/fr/signin/letter ×2",
		"newcomers-feedback-fr.pdf newcomers/fr/feedback/letter ×20",
		"youth-guide-en.pdf youth/en/guide/letter ×1",
		"youth-slides-en.pdf youth/en/slides/letter ×15",
		"youth-myths-en.pdf youth/en/myths/letter ×15",
		"youth-quiz-en.pdf youth/en/quiz/letter ×15",
		"youth-scenarios-en.pdf youth/en/scenarios/letter ×15",
		"youth-signin-en.pdf youth/en/signin/letter ×2",
		"youth-feedback-en.pdf youth/en/feedback/letter ×15",
	}
	tests := []struct {
		name    string
		src     string
		proj    Project
		want    []string // name audience/lang/format/paper ×copies
		warning []string
	}{
		{
			name: "matrix in plan order",
			src: `outputs:
  - audiences: [youth, business]
    languages: [en, fr]
    formats: [flyer]
  - audience: health
    language: fr
    format: flyer
    paper: a4
    copies: 5
`,
			want: []string{
				"youth-flyer-en.pdf youth/en/flyer/letter ×1",
				"youth-flyer-fr.pdf youth/fr/flyer/letter ×1",
				"business-flyer-en.pdf business/en/flyer/letter ×1",
				"business-flyer-fr.pdf business/fr/flyer/letter ×1",
				"health-flyer-fr.pdf health/fr/flyer/a4 ×5",
			},
		},
		{
			name: "defaults and the project fill what items leave out",
			src: `defaults:
  languages: [fr, en]
  copies: 3
  pattern: "{lang}-{audience}_{paper}.{ext}"
outputs:
  - audience: newcomers
  - audience: indigenous
    language: en
    paper: letter
`,
			proj: Project{Paper: "a4", Formats: []string{"flyer"}},
			want: []string{
				"fr-newcomers_a4.pdf newcomers/fr/flyer/a4 ×3",
				"en-newcomers_a4.pdf newcomers/en/flyer/a4 ×3",
				"en-indigenous_letter.pdf indigenous/en/flyer/letter ×3",
			},
		},
		{
			name: "a taken name gets a suffix; the same material twice is made once",
			src: `outputs:
  - audiences: [youth]
    languages: [en, fr, fr-CA]
    format: flyer
    pattern: "{audience}.pdf"
    copies: 10
  - audience: youth
    language: en
    format: flyer
    paper: a4
    pattern: "{audience}.pdf"
  - audience: youth
    language: EN
    format: flyer
    pattern: "{audience}.pdf"
    copies: 5
  - audience: health
    language: en
    format: flyer
    pattern: "youth-2.pdf"
`,
			want: []string{
				"youth.pdf youth/en/flyer/letter ×15",
				"youth-2.pdf youth/fr/flyer/letter ×20",
				"youth-3.pdf youth/en/flyer/a4 ×1",
				"youth-2-2.pdf health/en/flyer/letter ×1",
			},
			warning: []string{
				"outputs[0]: youth.pdf is taken by another output; this one is youth-2.pdf",
				"outputs[0]: youth-2.pdf is also made by outputs[0]; made once, with 20 copies",
				"outputs[1]: youth.pdf is taken by another output; this one is youth-3.pdf",
				"outputs[2]: youth.pdf is also made by outputs[0]; made once, with 15 copies",
				"outputs[3]: youth-2.pdf is taken by another output; this one is youth-2-2.pdf",
			},
		},
		{
			name: "a pattern's accented words are kept; its spaces become - and the plan says so",
			src: `outputs:
  - {audience: youth, language: fr, format: flyer, pattern: "Affiches été {lang}.{ext}"}
  - {audience: youth, language: pa, format: flyer, pattern: "ਪੋਸਟਰ_{lang}.{ext}"}
`,
			want: []string{
				"Affiches-été-fr.pdf youth/fr/flyer/letter ×1",
				"ਪੋਸਟਰ_pa.pdf youth/pa/flyer/letter ×1",
			},
			warning: []string{
				`outputs[0].pattern: pattern "Affiches été {lang}.{ext}": file names keep letters, digits, "." "_" and "-"; spaces and other characters become "-", so its words are written "Affiches-été-{lang}.{ext}"`,
			},
		},
		{
			name: "the same name for another organisation, or the other language of a pair is another material, never made once for both",
			src: `outputs:
  - {audience: youth, language: es, format: sms}
  - {audience: youth, language: es, format: sms, organisation: {name: Club Esperanza, phone: 604-555-0134}}
  - {audience: youth, language: fr, format: flyer, pattern: "flyer.{ext}"}
  - {audience: youth, language: fr+en, format: flyer, pattern: "flyer.{ext}"}
  - {audience: youth, language: en, format: flyer, as: png, dpi: 40, pattern: "p.{ext}"}
  - {audience: youth, language: en, format: flyer, as: png, dpi: 40, pattern: "p.{ext}"}
`,
			want: []string{
				"youth-sms-es.txt youth/es/sms/letter ×1",
				"youth-sms-es-2.txt youth/es/sms/letter ×1",
				"flyer.pdf youth/fr/flyer/letter ×1",
				"flyer-2.pdf youth/fr/flyer/letter ×1",
				"p-1.png youth/en/flyer/letter ×2",
			},
			warning: []string{
				"outputs[1]: youth-sms-es.txt is taken by another output; this one is youth-sms-es-2.txt",
				"outputs[3]: flyer.pdf is taken by another output; this one is flyer-2.pdf",
				"outputs[5]: p-1.png is also made by outputs[4]; made once, with 2 copies",
			},
		},
		{
			name: "kit: true adds the workshop kit in the order of a session, after the item's own formats; one guide for the facilitator, a sign-in sheet for every 12 people",
			src: `defaults: {copies: 20}
outputs:
  - audience: newcomers
    languages: [en, fr]
    format: flyer
    kit: true
  - audience: youth
    language: en
    kit: true
    copies: 15
`,
			proj: Project{Formats: []string{"handout"}},
			want: kitOutputs,
		},
		{
			name: "kit among the formats is kit: true: the same outputs in the same order, with the same copies",
			src: `defaults: {copies: 20}
outputs:
  - audience: newcomers
    languages: [en, fr]
    formats: [flyer, kit]
  - audience: youth
    language: en
    format: KIT
    copies: 15
`,
			proj: Project{Formats: []string{"handout"}},
			want: kitOutputs,
		},
		{
			name: "a kit format named beside the group is made where it is named, with the item's copies; the group adds the rest",
			src: `outputs:
  - audience: health
    language: fr
    formats: [signin, kit, guide]
    copies: 30
`,
			want: []string{
				"health-signin-fr.pdf health/fr/signin/letter ×30",
				"health-slides-fr.pdf health/fr/slides/letter ×30",
				"health-myths-fr.pdf health/fr/myths/letter ×30",
				"health-quiz-fr.pdf health/fr/quiz/letter ×30",
				"health-scenarios-fr.pdf health/fr/scenarios/letter ×30",
				"health-feedback-fr.pdf health/fr/feedback/letter ×30",
				"health-guide-fr.pdf health/fr/guide/letter ×30",
			},
		},
		{
			name: "names the build writes itself are never output names",
			src:  "outputs:\n  - {audience: youth, language: en, format: flyer, pattern: pack.pdf}\n",
			want: []string{"pack-2.pdf youth/en/flyer/letter ×1"},
			warning: []string{
				"outputs[0]: pack.pdf is taken by another output; this one is pack-2.pdf",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(testEngine(t), "plan.yaml", []byte(tt.src), tt.proj)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, o := range p.Outputs {
				got = append(got, fmt.Sprintf("%s %s/%s/%s/%s ×%d", o.Name, o.Job.Audience, o.Job.Lang, o.Job.Format.Name, o.Job.Paper.Name, o.Copies))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("outputs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var warns []string
			for _, w := range p.Warnings {
				warns = append(warns, w.Field+": "+w.Message)
			}
			if strings.Join(warns, "\n") != strings.Join(tt.warning, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warns, "\n"), strings.Join(tt.warning, "\n"))
			}
			// Expanding again gives the same names: they are what the
			// manifest and every shard rely on.
			again, _ := Parse(testEngine(t), "plan.yaml", []byte(tt.src), tt.proj)
			for i := range p.Outputs {
				if again.Outputs[i].Name != p.Outputs[i].Name {
					t.Fatalf("second expansion named output %d %s, first %s", i, again.Outputs[i].Name, p.Outputs[i].Name)
				}
			}
		})
	}
}

// TestPlanPaths checks that the logo is found beside the plan, not in the
// working folder, and that the plan's organisation wins over the
// project's field by field.
func TestPlanPaths(t *testing.T) {
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "brand", "logo.png"))
	t.Chdir(t.TempDir())
	src := "organisation:\n  name: Plan Org\n  logo: brand/logo.png\noutputs: [{audience: youth, language: en, format: flyer}]\n"
	path := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Load(testEngine(t), path, Project{Org: profile.Organisation{Name: "Project Org", Phone: "604-555-0134"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "brand", "logo.png"); p.Org.Logo != want {
		t.Errorf("logo = %s, want %s", p.Org.Logo, want)
	}
	if p.Org.Name != "Plan Org" || p.Org.Phone != "604-555-0134" {
		t.Errorf("organisation = %+v, want the plan's name and the project's phone", p.Org)
	}
	if p.Dir != dir {
		t.Errorf("Dir = %s, want %s", p.Dir, dir)
	}
}

// writePNG writes a small real PNG at path.
func writePNG(t testing.TB, path string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			img.Set(x, y, color.RGBA{R: 0x7a, G: 0x1f, B: 0x5c, A: 0xff})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestUnknownPlaceholderSaidOnce: a pattern with an unknown placeholder
// is one problem, the placeholder; it also got 'names a pdf file "pdf"',
// which sends the reader after the wrong thing.
func TestUnknownPlaceholderSaidOnce(t *testing.T) {
	for _, pattern := range []string{"{}.{ext}", "{colour}-{lang}.{ext}", "{audience}.{size}"} {
		_, err := Parse(testEngine(t), "plan.yaml", []byte("outputs: [{audience: youth, language: en, format: flyer, pattern: '"+pattern+"'}]\n"), Project{})
		got := problems(t, err)
		if len(got) != 1 || !strings.Contains(got[0].String(), "unknown placeholder") {
			t.Errorf("pattern %s: %d problems %v, want one: the unknown placeholder", pattern, len(got), got)
		}
	}
}

// TestDraftLanguageAtItsEntry: a language a fluent speaker must rewrite
// (iu, crk, oj), asked for in a plan that does not allow drafts, is a
// problem at the line of that language in the list, saying once how a
// plan allows it. It was reported at the item's first line with the fix
// said twice: "(allow_draft: true in settings or a plan) (allow_draft:
// true in the plan)".
func TestDraftLanguageAtItsEntry(t *testing.T) {
	src := `defaults:
  languages: [en, iu]
outputs:
  - audience: indigenous
    languages: [en, fr, oj, crk]
    format: flyer
  - audience: youth
    language: oj+en
    format: flyer
  - audience: youth
    format: cards
`
	_, err := Parse(testEngine(t), "plan.yaml", []byte(src), Project{})
	got := problems(t, err)
	want := []string{
		"plan.yaml:5:25: outputs[0].languages[2]: Ojibwe (oj) is a draft",
		"plan.yaml:5:29: outputs[0].languages[3]: Plains Cree (crk) is a draft",
		"plan.yaml:8:15: outputs[1].language: Ojibwe (oj) is a draft",
		"plan.yaml:2:19: defaults.languages[1]: Inuktitut (iu) is a draft",
	}
	if len(got) != len(want) {
		t.Fatalf("%d problems, want %d:\n%v", len(got), len(want), err)
	}
	for _, g := range got {
		s := g.String()
		if !slices.ContainsFunc(want, func(w string) bool { return strings.HasPrefix(s, w) }) {
			t.Errorf("problem %s\nwant one of %q", s, want)
		}
		if n := strings.Count(s, "allow_draft"); n != 1 || !strings.Contains(s, "add allow_draft: true to the plan") {
			t.Errorf("problem %s: says allow_draft %d times, want once, as the plan's fix", s, n)
		}
	}
}

// Languages lists what a plan names, as written, each once: what a
// build looks for fonts for while it checks the plan.
func TestDecodedLanguages(t *testing.T) {
	src := "defaults:\n  languages: [fr, pa]\noutputs:\n  - {audience: youth, language: Punjabi}\n  - {audience: youth, languages: [en, pa+en, fr]}\n  - {audience: youth}\n  - {audience: youth, language: Punjabi}\n"
	for _, pieces := range []bool{true, false} {
		got := decodeFile("plan.yaml", []byte(src), pieces).Languages()
		if want := []string{"Punjabi", "en", "pa+en", "fr", "pa"}; !slices.Equal(got, want) {
			t.Errorf("pieces %v: %q, want %q", pieces, got, want)
		}
	}
}

package content_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
)

// farmworkers is an audience of a user's own, written in English alone.
var farmworkers = map[string]string{
	"audiences/farmworkers/audience.yaml": `id: farmworkers
description: "Farm workers in our valley"
reading_level: 7
headline: farmworkers.headline
intro: farmworkers.intro
signs: [farmworkers.sign.1, newcomers.sign.2, newcomers.sign.3]
actions:
  - title: ui.actions.self
    do: [common.do.hotline, farmworkers.do.1]
contacts: [chth, tfw]
facts:
  farmworkers.sign.1: [labour-signs]
`,
	"locales/en.toml": `"audience.farmworkers.name" = "Farm workers"
[farmworkers]
headline = "Working on a farm?"
intro = "Some farm jobs are not what they seemed."
"sign.1" = "Your boss keeps your passport."
"do.1" = "Ask the hotline what your rights are."
`,
}

// TestAudienceOfOnesOwn: a content folder adds an audience written in
// English alone. Its English materials are made; French is refused for
// it alone, naming every message French lacks; the built-in audiences
// are made in French as before.
func TestAudienceOfOnesOwn(t *testing.T) {
	lib, err := content.LoadUser(audiences.FS, locales.FS, userFolder(t, farmworkers))
	if err != nil {
		t.Fatal(err)
	}
	d, err := lib.Assemble(content.Request{Audience: "farmworkers", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Headline != "Working on a farm?" || len(d.Signs.Items) != 3 || d.Help.Hotline.Phone != hotline || !strings.Contains(d.Help.Emergency, "911") {
		t.Errorf("farmworkers in English: %q, signs %q, hotline %q, emergency %q", d.Headline, d.Signs.Items, d.Help.Hotline.Phone, d.Help.Emergency)
	}
	if got := lib.Languages("farmworkers"); !slices.Equal(got, []string{"en"}) {
		t.Errorf("farmworkers is written in %v, want [en]", got)
	}
	_, err = lib.Assemble(content.Request{Audience: "farmworkers", Lang: "fr"})
	var ie *content.IncompleteError
	if !errors.As(err, &ie) {
		t.Fatalf("farmworkers in French: %v; want an IncompleteError", err)
	}
	want := []string{"audience.farmworkers.name", "farmworkers.do.1", "farmworkers.headline", "farmworkers.intro", "farmworkers.sign.1"}
	if got := slices.Sorted(slices.Values(ie.Missing)); !slices.Equal(got, want) {
		t.Errorf("French lacks %v, want %v", got, want)
	}
	for _, s := range []string{"farmworkers", "French (fr)", "farmworkers.headline", "locales/fr.toml", "written in: en"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not say %q", err, s)
		}
	}
	for _, id := range lib.AudienceIDs() {
		if id == "farmworkers" {
			continue
		}
		if _, err := lib.Assemble(content.Request{Audience: id, Lang: "fr"}); err != nil {
			t.Errorf("%s in French, beside an audience written in English alone: %v", id, err)
		}
	}
	// A draft that must be rewritten prints missing built-in messages in
	// English for the audiences written in it, never a whole audience it
	// has not a word of.
	_, err = lib.Assemble(content.Request{Audience: "farmworkers", Lang: "iu", AllowDraft: true})
	if !errors.As(err, &ie) || !ie.Rewrite || !strings.Contains(err.Error(), "fluent speakers") {
		t.Errorf("farmworkers in Inuktitut: %v; want it refused, its text waiting for fluent speakers", err)
	}
	if _, err := lib.Assemble(content.Request{Audience: "youth", Lang: "iu", AllowDraft: true}); err != nil {
		t.Errorf("youth in Inuktitut (a proof): %v", err)
	}
	m, ok := lib.Message("farmworkers.sign.1")
	if !ok || !m.User || !slices.Equal(m.Facts, []string{"labour-signs"}) {
		t.Errorf("farmworkers.sign.1 in the table: %+v; want a message of the user's own stating labour-signs", m)
	}
}

// TestSafetyMessagesAsStrict: a language of a user's own that lacks
// safety messages (the hotline's details, the emergency line) is refused
// for every audience it lacks them for, with the count of safety
// messages said, and made for none with another language's words.
func TestSafetyMessagesAsStrict(t *testing.T) {
	files := map[string]string{
		// Somali, with the youth audience's own words only.
		"locales/so.toml": `[_meta]
name = "Somali"
native = "Soomaali"
status = "draft"
[youth]
headline = "Ogow calaamadaha"
`,
	}
	lib, err := content.LoadUser(audiences.FS, locales.FS, userFolder(t, files))
	if err != nil {
		t.Fatal(err)
	}
	_, err = lib.Assemble(content.Request{Audience: "youth", Lang: "so"})
	var ie *content.IncompleteError
	if !errors.As(err, &ie) || ie.Safety == 0 || !slices.Contains(ie.Missing, "contact.chth.detail") || !slices.Contains(ie.Missing, "common.do.call911") {
		t.Fatalf("youth in a language without the hotline's words: %v; want an IncompleteError naming its safety messages", err)
	}
	if !strings.Contains(err.Error(), "safety messages") || !strings.Contains(err.Error(), "more") {
		t.Errorf("error %q: want the safety messages counted and the long list cut", err)
	}
	if _, err := lib.Assemble(content.Request{Audience: "youth", Lang: "en"}); err != nil {
		t.Errorf("youth in English beside it: %v", err)
	}
}

// TestBlocks: an audience chooses the parts it may leave out; the
// hotline panel and the emergency line are not among them.
func TestBlocks(t *testing.T) {
	t.Parallel()
	with := func(blocks string) map[string]string {
		files := map[string]string{}
		for k, v := range farmworkers {
			files[k] = v
		}
		files["audiences/farmworkers/audience.yaml"] += blocks
		return files
	}
	lib, err := content.LoadUser(audiences.FS, locales.FS, userFolder(t, with("blocks: [notes]\n")))
	if err != nil {
		t.Fatal(err)
	}
	d, err := lib.Assemble(content.Request{Audience: "farmworkers", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Intro != "" || d.Law != nil || len(d.Stories) != 0 {
		t.Errorf("blocks: [notes] still prints intro %q, law %v, stories %v", d.Intro, d.Law != nil, d.Stories)
	}
	if d.Help.Hotline.Phone != hotline || d.Help.Emergency == "" {
		t.Errorf("the help panel lost the hotline or the emergency line: %+v", d.Help)
	}
	for _, bad := range []string{"hotline", "emergency", "signs"} {
		_, err := content.LoadUser(audiences.FS, locales.FS, userFolder(t, with("blocks: ["+bad+"]\n")))
		if err == nil || !strings.Contains(err.Error(), `blocks names "`+bad+`"`) || !strings.Contains(err.Error(), "on every material") {
			t.Errorf("blocks: [%s]: %v; want it refused, saying what every material carries", bad, err)
		}
	}
}

// TestOwnFacts: an audience of one's own names the facts its messages
// state, from the register; a fact the register lacks, or facts given
// for a built-in message, are errors naming the file.
func TestOwnFacts(t *testing.T) {
	tests := []struct{ name, facts, want string }{
		{"unknown fact", "  farmworkers.do.1: [no-such-fact]\n", `names fact "no-such-fact"`},
		{"built-in message", "  newcomers.sign.2: [labour-signs]\n", "facts names newcomers.sign.2, which is not a message of your own"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range farmworkers {
				files[k] = v
			}
			files["audiences/farmworkers/audience.yaml"] += tt.facts
			_, err := content.LoadUser(audiences.FS, locales.FS, userFolder(t, files))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "farmworkers/audience.yaml") {
				t.Errorf("error = %v; want one naming the file and saying %q", err, tt.want)
			}
		})
	}
}

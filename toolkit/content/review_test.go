package content_test

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// english is the built-in English text of a message.
func english(t *testing.T, lib *content.Library, id string) string {
	t.Helper()
	s, ok := lib.Catalog.English(id)
	if !ok {
		t.Fatalf("no English message %s", id)
	}
	return s
}

// TestReviewFixes holds the English to the fixes of the 2026.11.1 review
// (issue 8), one case per finding: each failed on that release.
func TestReviewFixes(t *testing.T) {
	lib := load(t)
	has := func(t *testing.T, id string, want ...string) {
		t.Helper()
		text := strings.ToLower(english(t, lib, id))
		for _, w := range want {
			if !strings.Contains(text, strings.ToLower(w)) {
				t.Errorf("%s = %q; want it to say %q", id, english(t, lib, id), w)
			}
		}
	}
	hasNot := func(t *testing.T, id string, bad ...string) {
		t.Helper()
		text := strings.ToLower(english(t, lib, id))
		for _, b := range bad {
			if strings.Contains(text, strings.ToLower(b)) {
				t.Errorf("%s = %q; it must not say %q", id, english(t, lib, id), b)
			}
		}
	}
	t.Run("1 confidentiality has its limit", func(t *testing.T) {
		// Wherever the hotline's privacy is promised, its limit is said.
		for _, id := range []string{"contact.chth.detail", "safety.inside.text"} {
			has(t, id, "private", "tell police", "child")
		}
		for _, id := range lib.Messages() {
			text := strings.ToLower(english(t, lib, id.ID))
			if strings.Contains(text, "confidential") && !strings.Contains(text, "police") && !strings.Contains(text, "law requires") {
				t.Errorf("%s promises confidentiality without its limit: %q", id.ID, text)
			}
		}
		hasNot(t, "newcomers.intro", "confidential")
		hasNot(t, "ui.tab.label", "confidential")
	})
	t.Run("2 chat only as verified", func(t *testing.T) {
		for _, id := range []string{"ui.help.hotline_lead", "ui.poster.call"} {
			hasNot(t, id, "or chat")
		}
		has(t, "ui.help.hotline_lead", "call any time", "English or French")
	})
	t.Run("3 government line labelled, hotline not immigration", func(t *testing.T) {
		has(t, "contact.tfw.detail", "Government of Canada")
		has(t, "newcomers.notes.2", "government line")
		has(t, "newcomers.intro", "not police, immigration or government")
		a, _ := lib.Audience("newcomers")
		if first := a.Actions[0].Do[0]; first != "newcomers.do.hotline" {
			t.Errorf("the first action for newcomers is %s, want the hotline", first)
		}
		has(t, "newcomers.do.hotline", "not sure about your status", "first")
	})
	t.Run("4 sextortion advice", func(t *testing.T) {
		has(t, "youth.do.threat", "stop replying", "do not pay", "do not send more")
		has(t, "youth.do.keep", "delete nothing", "screenshot the messages and usernames", "deactivate", "do not delete")
		has(t, "youth.do.adult", "safe adult", "report")
	})
	t.Run("5 who Cybertip.ca is for", func(t *testing.T) {
		has(t, "contact.cybertip.detail", "under {{.Age}}", "anyone can report")
		if c, _ := lib.Contact("cybertip"); c.Vars["Age"] != "18" {
			t.Errorf("cybertip Age = %q, want 18", c.Vars["Age"])
		}
	})
	t.Run("6 actions for each reader", func(t *testing.T) {
		for _, id := range []string{"youth", "newcomers", "indigenous"} {
			a, _ := lib.Audience(id)
			if len(a.Actions) != 2 || a.Actions[0].Title != "ui.actions.self" || a.Actions[1].Title != "ui.actions.others" {
				t.Errorf("%s: actions %+v, want the group for the person it may be happening to, then for someone worried", id, a.Actions)
				continue
			}
			self := a.Actions[0]
			if !slices.Contains(self.Do, "common.do.hide") {
				t.Errorf("%s: the first group does not say to keep copies where they cannot be found", id)
			}
			if slices.Contains(self.Dont, "common.dont.confront") || slices.Contains(self.Do, "common.do.note") {
				t.Errorf("%s: bystander steps are in the group for the person it may be happening to", id)
			}
		}
		has(t, "common.do.hotline", "for yourself", "not your fault")
		has(t, "common.do.hide", "cannot find")
	})
	t.Run("7 Supply Chains Act scope and duty", func(t *testing.T) {
		has(t, "business.notes.2", "import", "control an entity")
		has(t, "business.notes.3", "listed on a stock exchange")
		has(t, "business.notes.6", "steps", "not cases")
		hasNot(t, "business.notes.2", "report each year on forced")
	})
	t.Run("8 Hope for Wellness serves all Indigenous people", func(t *testing.T) {
		has(t, "contact.hopeforwellness.detail", "all Indigenous")
		hasNot(t, "contact.hopeforwellness.detail", "First Nations and Inuit")
	})
	t.Run("9 the knowing element of s. 279.02", func(t *testing.T) {
		has(t, "law.benefit", "when you know")
	})
	t.Run("10 youth.sign.6 stands on verified facts", func(t *testing.T) {
		m, _ := lib.Message("youth.sign.6")
		for _, f := range lib.FactsOf(m.Facts) {
			if f.Status != content.FactVerified {
				t.Errorf("youth.sign.6 stands on %s (%s)", f.ID, f.Status)
			}
		}
		if !slices.Contains(m.Facts, "statcan-partner") {
			t.Errorf("youth.sign.6 facts %v, want statcan-partner", m.Facts)
		}
	})
	t.Run("11 signs a language leaves out", func(t *testing.T) {
		for _, tt := range []struct{ lang, audience, id string }{
			{"iu", "youth", "youth.sign.5"}, {"iu", "health", "health.sign.3"},
			{"crk", "youth", "youth.sign.1"}, {"crk", "indigenous", "indigenous.sign.6"},
		} {
			d, err := lib.Assemble(content.Request{Audience: tt.audience, Lang: tt.lang, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			omitted := lib.Catalog.Locale(tt.lang).Messages[tt.id]
			if slices.Contains(d.Signs.Items, strings.TrimSpace(omitted)) || len(d.Signs.Items) < 5 {
				t.Errorf("%s %s: signs %q still hold %s, or fewer than five remain", tt.lang, tt.audience, d.Signs.Items, tt.id)
			}
		}
		es := lib.Catalog.Locale("es")
		for _, id := range []string{"indigenous.do.talk", "youth.sign.1", "indigenous.sign.6", "indigenous.story.1.text"} {
			if regexp.MustCompile(`\b[Mm]ayor\b`).MatchString(es.Messages[id]) && !strings.Contains(es.Messages[id], "mayor parte") {
				t.Errorf("es %s still says mayor (older) where Elder and older must differ: %q", id, es.Messages[id])
			}
		}
		d, _ := lib.Assemble(content.Request{Audience: "indigenous", Lang: "crk", AllowDraft: true})
		if len(d.Stories) != 1 {
			t.Errorf("crk indigenous stories %d, want the one that does not use kêhtê-aya for the older boyfriend", len(d.Stories))
		}
	})
	t.Run("12 women recruit too; the hotline comes first", func(t *testing.T) {
		has(t, "youth.story.1.text", "older girl", "bring in new girls")
		has(t, "business.story.2.text", "same woman")
		for _, id := range lib.AudienceIDs() {
			a, _ := lib.Audience(id)
			for _, g := range a.Actions {
				for _, mid := range append(slices.Clone(g.Do), g.Dont...) {
					if strings.Contains(english(t, lib, mid), "{{.Emergency}}") {
						t.Errorf("%s: police action %s in the actions; the help panel carries the one merged emergency line", id, mid)
					}
				}
			}
			// A health care provider asks an adult patient's consent first
			// (health.do.consent): its list starts with the patient.
			if first := english(t, lib, a.Actions[0].Do[0]); id != "health" && !strings.Contains(first, "hotline") {
				t.Errorf("%s: the first action %q does not name the hotline", id, first)
			}
		}
		has(t, "common.do.call911", "{{.Emergency}}", "local police")
	})
}

// TestReadingLevel measures every audience's English with the
// Flesch–Kincaid grade (our own syllable heuristic: readability.go)
// against the reading_level its audience.yaml declares, and "Know the
// law" against grade 7.
func TestReadingLevel(t *testing.T) {
	lib := load(t)
	for _, id := range lib.AudienceIDs() {
		a, _ := lib.Audience(id)
		t.Run(id, func(t *testing.T) {
			if a.ReadingLevel == 0 {
				t.Fatalf("%s declares no reading_level", a.File)
			}
			// Reading measures what awarekit check measures: the intro,
			// signs, actions, notes, statistic and stories it prints.
			r := lib.Reading(a)
			if g := r.Grade(); g > float64(a.ReadingLevel) {
				t.Errorf("%s reads at grade %.1f (%d words, %d sentences), above its reading_level %d", id, g, r.Words, r.Sentences, a.ReadingLevel)
			} else {
				t.Logf("%s: grade %.1f (reading_level %d)", id, g, a.ReadingLevel)
			}
		})
	}
	t.Run("law", func(t *testing.T) {
		var r content.Readability
		r.Add(english(t, lib, lib.Law.Intro))
		for _, it := range lib.Law.Items {
			r.Add(english(t, lib, it.Text))
		}
		if g := r.Grade(); g > 7 {
			t.Errorf("Know the law reads at grade %.1f, above 7", g)
		} else {
			t.Logf("law: grade %.1f", g)
		}
	})
}

func TestSyllables(t *testing.T) {
	tests := []struct {
		text       string
		words, syl int
	}{
		{"cat", 1, 1}, {"make", 1, 1}, {"people", 1, 2}, {"takes", 1, 1}, {"boxes", 1, 2},
		{"moved", 1, 1}, {"wanted", 1, 2}, {"trafficking", 1, 3}, {"immigration", 1, 4},
		{"police", 1, 2}, {"government", 1, 3}, {"toll-free", 1, 2}, {"{{.Age}}", 1, 1},
		{"The hotline is free.", 4, 5},
	}
	for _, tt := range tests {
		var r content.Readability
		r.Add(tt.text)
		if r.Words != tt.words || r.Syllables != tt.syl {
			t.Errorf("%q: %d words, %d syllables; want %d, %d", tt.text, r.Words, r.Syllables, tt.words, tt.syl)
		}
	}
	var r content.Readability
	r.Add("One sentence. Two sentences! A third?")
	r.Add("A list item without a full stop")
	if r.Sentences != 4 {
		t.Errorf("%d sentences, want 4", r.Sentences)
	}
}

// TestMustRewriteDrafts: a language whose file says a fluent speaker
// must rewrite it is refused unless drafts are allowed; allowed, a
// message that is missing or was translated from older English prints
// in English, marked, never in its old wording.
func TestMustRewriteDrafts(t *testing.T) {
	lib := load(t)
	for _, tag := range []string{"iu", "crk", "oj"} {
		t.Run(tag, func(t *testing.T) {
			l := lib.Catalog.Locale(tag)
			if !l.Meta.MustRewrite() {
				t.Fatalf("%s: status %q, want %s", l.File, l.Meta.Status, locale.StatusMustRewrite)
			}
			_, err := lib.Assemble(content.Request{Audience: "youth", Lang: tag})
			var de *content.DraftError
			if !errors.As(err, &de) || !strings.Contains(err.Error(), "--allow-draft") {
				t.Fatalf("Assemble without allowing drafts: %v; want a DraftError naming --allow-draft", err)
			}
			d, err := lib.Assemble(content.Request{Audience: "youth", Lang: tag, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			old := l.Messages["contact.chth.detail"]
			if got := d.Help.Hotline.Detail; !strings.HasPrefix(got, content.EnglishMark) || !strings.Contains(got, "tell police") {
				t.Errorf("hotline detail %q; want today's English, marked", got)
			}
			if strings.Contains(d.Help.Hotline.Detail, strings.TrimSpace(old)) {
				t.Errorf("the stale %s wording is printed", tag)
			}
			if got := d.Actions[0].Title; !strings.HasPrefix(got, content.EnglishMark) {
				t.Errorf("a message %s lacks prints %q; want it in English, marked", tag, got)
			}
			if !strings.Contains(lib.DraftNotice(tag), "rewrite") {
				t.Errorf("DraftNotice(%s) = %q", tag, lib.DraftNotice(tag))
			}
		})
	}
	if n := lib.DraftNotice("en"); n != "" {
		t.Errorf("DraftNotice(en) = %q, want none", n)
	}
	if n := lib.DraftNotice("pa"); !strings.Contains(n, "Punjabi (pa)") || !strings.Contains(n, "draft") {
		t.Errorf("DraftNotice(pa) = %q", n)
	}
}

package content_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// facilitatorParts are written in English and French only: they are for
// the organiser, not for the people in the room.
var facilitatorParts = []doc.KitPart{doc.PartGuide, doc.PartSlides}

// kitAudiences lists the audiences that have a workshop kit.
func kitAudiences(lib *content.Library) []string {
	var ids []string
	for _, id := range lib.AudienceIDs() {
		if a, _ := lib.Audience(id); a.Kit != nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// TestKitLanguages: every built-in audience has a workshop kit, the five
// broad ones and the sector audiences of issue 17 alike (an audience
// without one is refused: TestKitRefused); its whole kit is in English and French;
// the guide and slides in no other language; nothing of the kit in a
// language whose text waits for fluent speakers (iu, crk, oj), whose
// files hold no kit message at all.
func TestKitLanguages(t *testing.T) {
	lib := load(t)
	for _, id := range lib.AudienceIDs() {
		a, _ := lib.Audience(id)
		if a.Kit == nil {
			t.Errorf("%s has no workshop kit (audiences/%s/kit.yaml)", id, id)
			continue
		}
		for _, p := range doc.KitParts {
			got := lib.KitLanguages(id, p)
			for _, tag := range []string{"en", "fr"} {
				if !slices.Contains(got, tag) {
					t.Errorf("%s %s: not in %s (%v missing)", id, p, tag, lib.KitMissing(id, tag, p))
				}
			}
			for _, tag := range got {
				if slices.Contains(facilitatorParts, p) && tag != "en" && tag != "fr" {
					t.Errorf("%s %s is made in %s; the facilitator's parts are English and French", id, p, tag)
				}
				if lib.Catalog.Locale(tag).Meta.MustRewrite() {
					t.Errorf("%s %s is made in %s, which waits for fluent speakers", id, p, tag)
				}
			}
		}
	}
	for _, tag := range lib.Catalog.Tags() {
		l := lib.Catalog.Locale(tag)
		for mid := range l.Messages {
			m, ok := lib.Message(mid)
			if !ok || !m.KitOnly() {
				continue
			}
			if l.Meta.MustRewrite() {
				t.Errorf("%s: kit message %s; no new text is written in this language", l.File, mid)
			}
			for _, use := range m.Uses {
				if p := doc.KitPart(strings.TrimPrefix(use, "kit:")); slices.Contains(facilitatorParts, p) && tag != "en" && tag != "fr" && !slices.ContainsFunc(m.Uses, func(u string) bool {
					return !slices.Contains(facilitatorParts, doc.KitPart(strings.TrimPrefix(u, "kit:")))
				}) {
					t.Errorf("%s: %s belongs to the %s, which is written in English and French only", l.File, mid, p)
				}
			}
		}
	}
}

// TestKitRefused: a kit part asked for where it is not written is an
// error that says where it is written and what to do.
func TestKitRefused(t *testing.T) {
	lib := load(t)
	tests := []struct {
		name, audience, lang string
		part                 doc.KitPart
		want                 []string
	}{
		{"guide in Spanish", "newcomers", "es", doc.PartGuide, []string{"the facilitator guide for newcomers is written in English (en) and French (fr) only, not in Spanish (es): ", " of its messages are"}},
		{"scenarios in Arabic: the verbs agree", "health", "ar", doc.PartScenarios, []string{"the scenario cards for health are written in English (en) and French (fr) only, not in Arabic (ar): ", " of their messages are"}},
		{"slides in Punjabi", "youth", "pa", doc.PartSlides, []string{"slide show", "English (en) and French (fr) only"}},
		{"quiz in Inuktitut", "indigenous", "iu", doc.PartQuiz, []string{"Inuktitut (iu)", "fluent speakers", "English (en) or French (fr)"}},
		{"scenarios in Cree", "indigenous", "crk", doc.PartScenarios, []string{"the scenario cards are not made in ", "fluent speakers", "make them in English (en) or French (fr)"}},
		{"sign-in in Ojibwe", "youth", "oj", doc.PartSignIn, []string{"fluent speakers"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := lib.CheckKit(tt.audience, tt.lang, tt.part)
			var nk *content.NoKitError
			if !errors.As(err, &nk) {
				t.Fatalf("CheckKit = %v, want a NoKitError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%v\nwant it to say %q", err, w)
				}
			}
			if _, err := lib.Assemble(content.Request{Audience: tt.audience, Lang: tt.lang, Kit: []doc.KitPart{tt.part}, AllowDraft: true}); !errors.As(err, &nk) {
				t.Errorf("Assemble = %v, want the same refusal", err)
			}
		})
	}
	// An audience without a kit of its own: every part is refused, naming
	// the file to write.
	fsys := embeddedFS(t)
	delete(fsys, "newcomers/kit.yaml")
	nokit, err := content.Load(fsys, locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.KitParts {
		var nk *content.NoKitError
		if err := nokit.CheckKit("newcomers", "en", p); !errors.As(err, &nk) || !nk.NoKit || !strings.Contains(err.Error(), "audiences/newcomers/kit.yaml") {
			t.Errorf("%s for an audience without a kit: %v; want it refused naming audiences/newcomers/kit.yaml", p, err)
		}
	}
	// The verb agrees with the part.
	if err := nokit.CheckKit("newcomers", "en", doc.PartQuiz); err == nil || !strings.Contains(err.Error(), "the quiz is not made for audience newcomers: it has no workshop kit (audiences/newcomers/kit.yaml)") {
		t.Errorf("an audience without a kit: %v", err)
	}
	if err := nokit.CheckKit("newcomers", "en", doc.PartScenarios); err == nil || !strings.Contains(err.Error(), "the scenario cards are not made for audience newcomers") {
		t.Errorf("an audience without a kit: %v", err)
	}
}

// TestKitAssemble builds every part for every audience in English and
// French and checks what each must carry.
func TestKitAssemble(t *testing.T) {
	lib := load(t)
	for _, id := range kitAudiences(lib) {
		for _, lang := range []string{"en", "fr"} {
			t.Run(id+"/"+lang, func(t *testing.T) {
				d, err := lib.Assemble(content.Request{Audience: id, Lang: lang, Kit: doc.KitParts})
				if err != nil {
					t.Fatal(err)
				}
				k := d.Kit
				for _, p := range doc.KitParts {
					if !k.Has(p) {
						t.Fatalf("no %s", p)
					}
				}
				if k.Review == "" || !strings.Contains(k.Page(2, 9), "2") || !strings.Contains(k.Page(2, 9), "9") {
					t.Errorf("review line %q, page numbers %q", k.Review, k.Page(2, 9))
				}
				checkGuide(t, d)
				checkSlides(t, d)
				checkParticipantParts(t, d)
			})
		}
	}
}

func checkGuide(t *testing.T, d *doc.Document) {
	t.Helper()
	g := d.Kit.Guide
	kinds := map[doc.BlockKind]int{}
	var text strings.Builder
	for _, s := range g.Sections {
		if s.Title == "" || len(s.Blocks) == 0 {
			t.Errorf("guide section %+v is empty", s)
		}
		for _, b := range s.Blocks {
			kinds[b.Kind]++
			text.WriteString(b.Text + " " + strings.Join(b.Items, " ") + " ")
			for _, r := range b.Rows {
				text.WriteString(strings.Join(r, " ") + " ")
			}
			if b.Kind == doc.Table && len(b.Rows) < 2 {
				t.Errorf("agenda %q has no rows", b.Title)
			}
		}
	}
	if kinds[doc.HelpPanel] != 1 || kinds[doc.Table] != 2 || kinds[doc.StoryBlock] != len(d.Stories) {
		t.Errorf("guide blocks %v: want one help panel, two agendas, every story", kinds)
	}
	all := text.String()
	for _, want := range append(slices.Clone(d.Signs.Items), "911", d.Actions[0].Do[0]) {
		if !strings.Contains(all, want) {
			t.Errorf("the guide does not print %q", want)
		}
	}
	for _, st := range d.Stories {
		if st.Consent == "" {
			t.Errorf("story %q has no consent record in the guide", st.Title)
		}
	}
	// The presenter notes of every slide are in the guide.
	for _, s := range d.Kit.Slides.Slides {
		if !strings.Contains(all, s.Notes) {
			t.Errorf("the guide lacks the notes of slide %q", s.Title)
		}
	}
}

func checkSlides(t *testing.T, d *doc.Document) {
	t.Helper()
	var kinds []doc.SlideKind
	for _, s := range d.Kit.Slides.Slides {
		kinds = append(kinds, s.Kind)
		if s.Title == "" || s.Notes == "" {
			t.Errorf("slide %+v lacks a title or notes", s)
		}
	}
	for _, want := range []doc.SlideKind{doc.TitleSlide, doc.ListSlide, doc.ActionsSlide, doc.HotlineSlide, doc.ContactsSlide, doc.ClosingSlide} {
		if !slices.Contains(kinds, want) {
			t.Errorf("no slide of kind %d", want)
		}
	}
	if kinds[0] != doc.TitleSlide || kinds[len(kinds)-1] != doc.ClosingSlide {
		t.Errorf("slides %v: the title first, the closing last", kinds)
	}
}

func checkParticipantParts(t *testing.T, d *doc.Document) {
	t.Helper()
	sc := d.Kit.Scenarios
	if len(sc.Cards) != content.KitScenarios {
		t.Errorf("%d scenario cards, want %d", len(sc.Cards), content.KitScenarios)
	}
	for _, c := range sc.Cards {
		if c.Situation == "" || c.Notes == "" || len(c.Questions) < 2 || len(c.Questions) > 3 || len(c.Signs) == 0 {
			t.Errorf("scenario %q: %d questions, %d signs; want two or three questions and the signs it shows", c.Label, len(c.Questions), len(c.Signs))
		}
		for _, s := range c.Signs {
			if !slices.Contains(d.Signs.Items, s) {
				t.Errorf("scenario %q shows %q, which is not one of the audience's signs", c.Label, s)
			}
		}
	}
	for _, m := range d.Kit.Myths.Items {
		if len(m.Sources) == 0 {
			t.Errorf("the fact %q has no source", m.Fact)
		}
		for _, s := range m.Sources {
			if s.Publisher == "" || s.Address == "" || strings.Contains(s.Address, "://") {
				t.Errorf("the fact %q: source %+v", m.Fact, s)
			}
		}
	}
	q := d.Kit.Quiz
	trues := 0
	for _, qq := range q.Questions {
		if qq.Answer {
			trues++
		}
		if qq.Text == "" || qq.Why == "" {
			t.Errorf("quiz question %+v", qq)
		}
	}
	if len(q.Questions) != content.KitQuestions || trues == 0 || trues == len(q.Questions) {
		t.Errorf("%d quiz questions, %d true; want %d, some true and some false", len(q.Questions), trues, content.KitQuestions)
	}
	if len(d.Kit.SignIn.Columns) == 0 || len(d.Kit.Feedback.Fields) == 0 {
		t.Errorf("sign-in %+v, feedback %+v", d.Kit.SignIn, d.Kit.Feedback)
	}
}

// TestKitSignInAsksNothingRisky: the sign-in sheet asks only for what a
// person may give without risk, says that it is optional and why, and
// tells the facilitator to keep it private.
func TestKitSignInAsksNothingRisky(t *testing.T) {
	lib := load(t)
	d, err := lib.Assemble(content.Request{Audience: "newcomers", Lang: "en", Kit: []doc.KitPart{doc.PartSignIn}})
	if err != nil {
		t.Fatal(err)
	}
	f := d.Kit.SignIn
	for _, c := range f.Columns {
		low := strings.ToLower(c)
		for _, bad := range []string{"last name", "surname", "address", "phone", "email", "status", "date of birth", "signature"} {
			if strings.Contains(low, bad) {
				t.Errorf("the sign-in sheet asks for %q (column %q)", bad, c)
			}
		}
		if !strings.Contains(low, "if you want") {
			t.Errorf("column %q does not say it is optional", c)
		}
	}
	if !strings.Contains(f.Intro, "Why") || !strings.Contains(f.Note, "private") {
		t.Errorf("intro %q and note %q: want why, and keep it private", f.Intro, f.Note)
	}
}

// TestKitReadingLevel measures the kit's English with the Flesch–Kincaid
// grade: what participants read (scenario cards, myths and facts, the
// quiz and its key, the slides, the sign-in sheet and the feedback form)
// at grade 7 or lower, or the audience's own reading level where it is
// higher (business, health); the facilitator's guide and the cards'
// notes at grade 8 or lower.
func TestKitReadingLevel(t *testing.T) {
	t.Parallel()
	lib := load(t)
	for _, id := range kitAudiences(lib) {
		a, _ := lib.Audience(id)
		t.Run(id, func(t *testing.T) {
			d, err := lib.Assemble(content.Request{Audience: id, Lang: "en", Kit: doc.KitParts})
			if err != nil {
				t.Fatal(err)
			}
			k := d.Kit
			var people, facilitator content.Readability
			for _, c := range k.Scenarios.Cards {
				people.Add(c.Situation)
				for _, q := range c.Questions {
					people.Add(q)
				}
				facilitator.Add(c.Notes)
			}
			for _, m := range k.Myths.Items {
				people.Add(m.Myth)
				people.Add(m.Fact)
			}
			for _, q := range k.Quiz.Questions {
				people.Add(q.Text)
				people.Add(q.Why)
			}
			for _, s := range k.Slides.Slides {
				for _, it := range s.Items {
					people.Add(it)
				}
			}
			for _, f := range []*doc.Form{k.SignIn, k.Feedback} {
				people.Add(f.Intro)
				for _, fl := range f.Fields {
					people.Add(fl.Label)
				}
			}
			for _, s := range k.Guide.Sections {
				for _, b := range s.Blocks {
					if b.Kind == doc.Paragraph || b.Kind == doc.Callout {
						facilitator.Add(b.Text)
					}
					for _, it := range b.Items {
						facilitator.Add(it)
					}
				}
			}
			if g, max := people.Grade(), float64(max(7, a.ReadingLevel)); g > max {
				t.Errorf("what participants read is at grade %.1f, above %.0f", g, max)
			} else {
				t.Logf("participants: grade %.1f; facilitator: grade %.1f", g, facilitator.Grade())
			}
			if g := facilitator.Grade(); g > 8 {
				t.Errorf("the guide and the cards' notes read at grade %.1f, above 8", g)
			}
		})
	}
}

// TestKitFacts: each value a kit message is filled with stands on a
// facts register entry the message names, and every myth's fact, quiz
// answer and scenario note names its entries.
func TestKitFacts(t *testing.T) {
	lib := load(t)
	en := lib.Catalog.Locale("en")
	stands := func(t *testing.T, mid string, vars map[string]string) {
		t.Helper()
		m, ok := lib.Message(mid)
		if !ok {
			t.Fatalf("%s is not in the message table", mid)
		}
		for name, v := range vars {
			if !slices.Contains(locale.Placeholders(en.Messages[mid]), name) {
				continue
			}
			found := false
			for _, f := range lib.FactsOf(m.Facts) {
				found = found || slices.Contains(f.Values, v)
			}
			if !found {
				t.Errorf("%s prints %s = %q, which none of its facts %v lists in values", mid, name, v, m.Facts)
			}
		}
	}
	named := func(t *testing.T, mid string) {
		t.Helper()
		if m, _ := lib.Message(mid); m == nil || len(m.Facts) == 0 {
			t.Errorf("%s states a fact but names no facts register entry", mid)
		}
	}
	k := lib.Kit
	for _, s := range k.Guide.Sections {
		for _, b := range s.Blocks {
			for _, mid := range append([]string{b.Para, b.Note}, append(b.List, b.Steps...)...) {
				if mid != "" {
					stands(t, mid, b.Vars)
				}
			}
		}
	}
	check := func(myths []content.MythSpec, quiz []content.QuestionSpec) {
		for _, m := range myths {
			named(t, m.Fact)
			stands(t, m.Fact, m.Vars)
		}
		for _, q := range quiz {
			named(t, q.Why)
			stands(t, q.Why, q.Vars)
			stands(t, q.Statement, q.Vars)
		}
	}
	check(k.Myths.Items, k.Quiz.Items)
	for _, id := range kitAudiences(lib) {
		a, _ := lib.Audience(id)
		check(a.Kit.Myths, a.Kit.Quiz)
		for _, s := range a.Kit.Scenarios {
			named(t, s.Notes)
			stands(t, s.Notes, s.Vars)
		}
	}
}

package content_test

import (
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/content/contenttest"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// hotline is the Canadian Human Trafficking Hotline, verified in
// ../shared/content-facts.md. Printing a wrong number here is the worst
// failure this project can have, so it is spelled out in the test.
const hotline = "1-833-900-1010"

func load(t *testing.T) *content.Library {
	t.Helper()
	lib, err := content.Load(audiences.FS, locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func TestAudiences(t *testing.T) {
	lib := load(t)
	want := []string{"agriculture", "business", "caregivers", "health", "hospitality", "indigenous", "newcomers", "parents", "students", "youth"}
	if got := lib.AudienceIDs(); !slices.Equal(got, want) {
		t.Fatalf("audiences = %v, want %v", got, want)
	}
	tests := []struct{ name, want string }{
		{"youth", "youth"},
		{"Youth", "youth"},
		{"aboriginal", "indigenous"},
		{" indigenous ", "indigenous"},
		{"hotels", "hospitality"},
		{"Farm", "agriculture"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := lib.Audience(tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if a.ID != tt.want {
				t.Errorf("Audience(%q) = %s, want %s", tt.name, a.ID, tt.want)
			}
		})
	}
	_, err := lib.Audience("teens")
	if err == nil || !strings.Contains(err.Error(), "agriculture, business, caregivers, health, hospitality, indigenous, newcomers, parents, students, youth") || !strings.Contains(err.Error(), `"teens"`) {
		t.Errorf("unknown audience error = %v; want it to name the input and list the valid audiences", err)
	}
}

// TestLocalesMatchEnglish fails on a message missing from a language, an
// extra one, placeholders that differ from the English source, or a
// translation made from English that has since changed (its [_source]
// hash no longer matches). A draft that must be rewritten may lack
// messages or hold stale ones: it prints them in English, marked, and
// the test checks that it does.
func TestLocalesMatchEnglish(t *testing.T) {
	lib := load(t)
	en := lib.Catalog.Locale("en")
	for _, tag := range lib.Catalog.Tags() {
		l := lib.Catalog.Locale(tag)
		t.Run(tag, func(t *testing.T) {
			for id, src := range en.Messages {
				text, ok := l.Messages[id]
				if !ok && strings.HasPrefix(id, "social.") && !hasSocial(l.Messages) {
					continue // no one wrote social posts in this language: the social formats refuse it
				}
				if m, _ := lib.Message(id); !ok && (m.KitOnly() || m.PocketOnly()) && l.Meta.Status != locale.StatusSource {
					continue // the workshop kit's parts and the pocket card are made where written (TestKitLanguages, TestPocket)
				}
				if !ok {
					if !l.Meta.MustRewrite() && !onlyUnwritten(lib, id, tag) {
						t.Errorf("%s: message %s is missing", l.File, id)
					}
					continue
				}
				if l.Meta.MustRewrite() && !lib.Catalog.Current(l, id) {
					continue // stale: printed in English, marked (TestMustRewriteDrafts)
				}
				if a, b := locale.Placeholders(src), locale.Placeholders(text); !slices.Equal(a, b) {
					t.Errorf("%s: message %s has placeholders %v, English has %v", l.File, id, b, a)
				}
				if strings.TrimSpace(text) == "" {
					t.Errorf("%s: message %s is empty", l.File, id)
				}
				if tag != "en" && !l.Meta.MustRewrite() && !lib.Catalog.Current(l, id) {
					t.Errorf("%s: message %s was translated from older English (its _source hash is %q, today's English is %q): translate it again, then update the hash", l.File, id, l.Sources[id], locale.SourceHash(src))
				}
			}
			for id := range l.Messages {
				if _, ok := en.Messages[id]; !ok {
					t.Errorf("%s: message %s is not in en.toml", l.File, id)
				}
			}
			if l.Meta.Name == "" || l.Meta.Native == "" || l.Meta.Status == "" {
				t.Errorf("%s: _meta needs name, native and status", l.File)
			}
			if tag != "en" && l.Meta.Status == locale.StatusSource {
				t.Errorf("%s: only English is source text; a translation is draft until reviewed", l.File)
			}
		})
	}
}

// onlyUnwritten reports whether every audience that prints message id
// is one language tag is not written in: then the message may be
// missing, and that audience is refused in that language, naming it.
func onlyUnwritten(lib *content.Library, id, tag string) bool {
	m, ok := lib.Message(id)
	if !ok || len(m.Uses) == 0 {
		return false
	}
	for _, u := range m.Uses {
		if _, err := lib.Audience(u); err != nil || slices.Contains(lib.Languages(u), tag) {
			return false
		}
	}
	return true
}

// TestWrittenIn holds each audience to the languages it must be made in:
// the five broad audiences in every language (iu, crk and oj as proofs,
// printing missing messages in English, marked), the sector audiences in
// English and French at least, and never in iu, crk or oj, whose text
// waits for fluent speakers.
func TestWrittenIn(t *testing.T) {
	lib := load(t)
	broad := []string{"business", "health", "indigenous", "newcomers", "youth"}
	for _, id := range lib.AudienceIDs() {
		got := lib.Languages(id)
		if slices.Contains(broad, id) {
			if !slices.Equal(got, lib.Catalog.Tags()) {
				t.Errorf("%s is written in %v, want every language %v", id, got, lib.Catalog.Tags())
			}
			continue
		}
		for _, tag := range []string{"en", "fr"} {
			if !slices.Contains(got, tag) {
				t.Errorf("%s is not written in %s: %v", id, tag, lib.Written(id, tag))
			}
		}
		for _, tag := range []string{"iu", "crk", "oj"} {
			if slices.Contains(got, tag) {
				t.Errorf("%s is written in %s, whose text waits for fluent speakers", id, tag)
			}
			_, err := lib.Assemble(content.Request{Audience: id, Lang: tag, AllowDraft: true})
			var ie *content.IncompleteError
			if !errors.As(err, &ie) || !ie.Rewrite {
				t.Errorf("%s in %s (a proof): %v; want it refused as not written there", id, tag, err)
			}
		}
	}
}

// TestNoNumbersInMessages keeps phone numbers out of translated text:
// they come from contacts.yaml through placeholders, so a translator can
// never change a digit.
func TestNoNumbersInMessages(t *testing.T) {
	lib := load(t)
	digits := regexp.MustCompile(`\p{Nd}{3,}`)
	placeholder := regexp.MustCompile(`{{[^}]*}}`)
	for _, tag := range lib.Catalog.Tags() {
		l := lib.Catalog.Locale(tag)
		for id, text := range l.Messages {
			if m := digits.FindString(placeholder.ReplaceAllString(text, "")); m != "" {
				t.Errorf("%s: message %s contains the number %q; numbers belong in contacts.yaml", l.File, id, m)
			}
		}
	}
}

func TestAssemble(t *testing.T) {
	lib := load(t)
	org := profile.Organisation{Name: "Riverside Youth Council", Phone: "604-555-0134", Website: "https://riverside.example.org/"}
	brand, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range lib.AudienceIDs() {
		for _, lang := range lib.Languages(id) {
			t.Run(id+"/"+lang, func(t *testing.T) {
				d, err := lib.Assemble(content.Request{Audience: id, Lang: lang, Org: org, Brand: brand, AllowDraft: true})
				if err != nil {
					t.Fatal(err)
				}
				if d.Help.Hotline.Phone != hotline {
					t.Errorf("hotline = %q, want %s", d.Help.Hotline.Phone, hotline)
				}
				if !strings.Contains(d.Help.Emergency, "911") {
					t.Errorf("emergency line %q does not say 911", d.Help.Emergency)
				}
				if n := len(d.Signs.Items); n < 5 || n > 7 {
					t.Errorf("%d signs, want 5 to 7", n)
				}
				if d.Headline == "" || d.Intro == "" || d.Signs.Title == "" || d.Help.Title == "" {
					t.Errorf("empty headline, intro or titles: %+v", d)
				}
				if l := d.Help.Local; l == nil || len(l.Contacts) != 1 || l.Contacts[0].Name != org.Name || l.Contacts[0].Phone != org.Phone || l.Contacts[0].Website != "riverside.example.org" || !strings.Contains(l.Title, org.Name) {
					t.Errorf("local help = %+v, want the organisation's own list, titled with its name", l)
				}
				for _, c := range d.Help.Others {
					if c.Name == org.Name {
						t.Errorf("the organisation is among the verified contacts: %+v", d.Help.Others)
					}
				}
				if d.QR.URL != "https://www.canadianhumantraffickinghotline.ca" || d.QR.Caption == "" {
					t.Errorf("QR = %+v, want the hotline's website, captioned", d.QR)
				}
				if q := d.OrgQR; q == nil || q.URL != "https://riverside.example.org/" || q.Text != "riverside.example.org" {
					t.Errorf("organisation's QR = %+v, want its website", d.OrgQR)
				}
				draft := lib.Catalog.Locale(lang).Meta.Draft()
				if (d.Footer.Draft != "") != draft || (d.Footer.DraftEnglish != "") != draft {
					t.Errorf("draft footer %q / %q, want shown=%v in the page's language and in English", d.Footer.Draft, d.Footer.DraftEnglish, draft)
				}
				if draft && !strings.Contains(d.Footer.DraftEnglish, "Draft translation") {
					t.Errorf("English draft line %q", d.Footer.DraftEnglish)
				}
				items := slices.Clone(d.Signs.Items)
				for _, g := range d.Actions {
					items = append(append(items, g.Do...), g.Dont...)
				}
				for _, s := range items {
					if strings.Contains(s, "<no value>") || strings.Contains(s, "{{") {
						t.Errorf("unfilled placeholder in %q", s)
					}
				}
			})
		}
	}
}

func TestAssembleWithoutWebsiteUsesHotlineQR(t *testing.T) {
	lib := load(t)
	d, err := lib.Assemble(content.Request{Audience: "newcomers", Lang: "en", Brand: doc.Brand{Color: profile.DefaultColor}})
	if err != nil {
		t.Fatal(err)
	}
	if d.QR.URL != "https://www.canadianhumantraffickinghotline.ca" || d.QR.Text != "canadianhumantraffickinghotline.ca" {
		t.Errorf("QR = %+v, want the hotline's website", d.QR)
	}
	for _, c := range d.Help.Others {
		if c.Name == "" {
			t.Errorf("a contact without a name: %+v (no organisation was given)", c)
		}
	}
}

// TestUnnamedOrganisationsNumberOnce: with a phone and no name, the
// organisation's list is titled with the label alone ("Local help"),
// not "Local help listed by 604-555-0134" over the same number; with a
// name, it is listed by the name. In every language that has the label.
func TestUnnamedOrganisationsNumberOnce(t *testing.T) {
	lib := load(t)
	for _, lang := range []string{"en", "fr", "ar", "pa", "zh-Hans"} {
		org := profile.Organisation{Phone: "604-555-0134"}
		d, err := lib.Assemble(content.Request{Audience: "youth", Lang: lang, Org: org, Brand: doc.Brand{Color: profile.DefaultColor}})
		if err != nil {
			t.Fatal(err)
		}
		if d.Help.Local == nil {
			t.Fatalf("%s: no local list for an organisation with a phone", lang)
		}
		var all strings.Builder
		all.WriteString(d.Help.Local.Title)
		for _, c := range d.Help.Local.Contacts {
			all.WriteString(" " + c.Name + " " + c.Phone)
		}
		if n := strings.Count(all.String(), "604-555-0134"); n != 1 || strings.Contains(d.Help.Local.Title, "604") {
			t.Errorf("%s: the list prints the number %d times (title %q); want once, under a title without it", lang, n, d.Help.Local.Title)
		}
		want, _ := lib.Catalog.Locale(lang).Text("ui.help.local", nil)
		if d.Help.Local.Title != strings.TrimSpace(want) {
			t.Errorf("%s: title %q, want %q", lang, d.Help.Local.Title, want)
		}

		named := content.Request{Audience: "youth", Lang: lang, Org: profile.Organisation{Name: "Riverside", Phone: "604-555-0134"}, Brand: doc.Brand{OrgName: "Riverside", Color: profile.DefaultColor}}
		if d, err = lib.Assemble(named); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(d.Help.Local.Title, "Riverside") {
			t.Errorf("%s: a named organisation's list is titled %q", lang, d.Help.Local.Title)
		}
	}
}

// embeddedFS copies the embedded audiences so a test can change a file.
func embeddedFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(audiences.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(audiences.FS, path)
		fsys[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestStoryWithoutValidConsentStops: a story with no consent record, a
// consent date that is not a date or lies in the future, or no
// anonymisation is an error that names the file and the story, never a
// story silently left out.
func TestStoryWithoutValidConsentStops(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 5, 15, 0, 0, 0, time.UTC)
	tests := []struct{ name, story, want string }{
		{"missing", `{id: s1, title: youth.story.1.title, text: youth.story.1.text, anonymised: true}`, `story "s1" has no recorded consent`},
		{"not a date", `{id: s2, title: youth.story.1.title, text: youth.story.1.text, anonymised: true, consent: {recorded: "last week", by: "A. Worker"}}`, `"last week" is not a date`},
		{"future", `{id: s3, title: youth.story.1.title, text: youth.story.1.text, anonymised: true, consent: {recorded: "2026-12-06", by: "A. Worker"}}`, "is in the future"},
		{"not anonymised", `{id: s4, title: youth.story.1.title, text: youth.story.1.text, anonymised: false, consent: {recorded: "2026-11-01", by: "A. Worker"}}`, "not marked anonymised"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := embeddedFS(t)
			fsys["youth/stories.yaml"] = &fstest.MapFile{Data: []byte("stories:\n  - " + tt.story + "\n")}
			_, err := content.Open(content.Options{Audiences: fsys, Locales: locales.FS, Now: now})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "youth/stories.yaml") {
				t.Errorf("error = %v; want one naming youth/stories.yaml and saying %q", err, tt.want)
			}
		})
	}
	// Today's consent is not in the future.
	fsys := embeddedFS(t)
	fsys["youth/stories.yaml"] = &fstest.MapFile{Data: []byte(`stories:
  - {id: today, title: youth.story.1.title, text: youth.story.1.text, anonymised: true, composite: true, consent: {recorded: "2026-12-05", by: "A. Worker"}}
`)}
	if _, err := content.Open(content.Options{Audiences: fsys, Locales: locales.FS, Now: now}); err != nil {
		t.Errorf("consent recorded today: %v", err)
	}
	full := load(t)
	for _, id := range full.AudienceIDs() {
		d, err := full.Assemble(content.Request{Audience: id, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Stories) == 0 {
			t.Errorf("%s: no story", id)
		}
		for _, st := range d.Stories {
			if st.Label == "" {
				t.Errorf("%s: story %q is not labelled a composite", id, st.Title)
			}
		}
		if d.Law == nil || len(d.Law.Items) < 5 {
			t.Fatalf("%s: no law block", id)
		}
		for _, it := range d.Law.Items {
			if it.Citation == "" || strings.Contains(it.Citation+it.Text, "<no value>") {
				t.Errorf("%s: law item %+v", id, it)
			}
		}
	}
}

// hasSocial reports whether a language has any social.* message: a
// language has all of them or none.
func hasSocial(msgs map[string]string) bool {
	for id := range msgs {
		if strings.HasPrefix(id, "social.") {
			return true
		}
	}
	return false
}

// TestSocialAvoidLists checks each language's list of words that name a
// crime against its own text: the words the language uses for
// trafficking (the newcomers' introduction names labour trafficking) and
// for the police are on the list, and the headlines of the discreet
// audiences, which social images show largest, name none of them. The
// languages no one has written social posts in are listed, so that a new
// one is a decision.
func TestSocialAvoidLists(t *testing.T) {
	lib := load(t)
	brand, err := contenttest.Org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	var without []string
	for _, tag := range lib.Catalog.Tags() {
		for _, id := range lib.AudienceIDs() {
			if !slices.Contains(lib.Languages(id), tag) {
				continue
			}
			d, err := lib.Assemble(content.Request{Audience: id, Lang: tag, Org: contenttest.Org, Brand: brand, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			if d.Social == nil {
				if id == "newcomers" {
					without = append(without, tag)
				}
				continue
			}
			if d.Social.Discreet != slices.Contains([]string{"youth", "newcomers", "agriculture", "caregivers", "students"}, id) {
				t.Errorf("%s %s: discreet is %v", id, tag, d.Social.Discreet)
			}
			if w := d.Social.Names(d.Headline); d.Social.Discreet && w != "" {
				t.Errorf("%s %s: the headline %q names %q", id, tag, d.Headline, w)
			}
			if id == "newcomers" {
				if d.Social.Names(d.Intro) == "" {
					t.Errorf("%s: no word of social.avoid %q is in the newcomers' introduction, which names labour trafficking: %q", tag, d.Social.Avoid, d.Intro)
				}
				police := d.Help.Emergency // common.do.call911: "… call local police"
				if d.Social.Names(police) == "" {
					t.Errorf("%s: no word of social.avoid %q is in %q, which names the police", tag, d.Social.Avoid, police)
				}
			}
		}
	}
	if want := []string{"crk", "iu", "oj"}; !slices.Equal(without, want) {
		t.Errorf("languages without social posts: %v, want %v", without, want)
	}
}

package content_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

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
	want := []string{"business", "health", "indigenous", "newcomers", "youth"}
	if got := lib.AudienceIDs(); !slices.Equal(got, want) {
		t.Fatalf("audiences = %v, want %v", got, want)
	}
	tests := []struct{ name, want string }{
		{"youth", "youth"},
		{"Youth", "youth"},
		{"aboriginal", "indigenous"},
		{" indigenous ", "indigenous"},
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
	if err == nil || !strings.Contains(err.Error(), "business, health, indigenous, newcomers, youth") || !strings.Contains(err.Error(), `"teens"`) {
		t.Errorf("unknown audience error = %v; want it to name the input and list the valid audiences", err)
	}
}

// TestLocalesMatchEnglish fails on a message missing from a language, an
// extra one, or placeholders that differ from the English source.
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
				if !ok {
					t.Errorf("%s: message %s is missing", l.File, id)
					continue
				}
				if a, b := locale.Placeholders(src), locale.Placeholders(text); !slices.Equal(a, b) {
					t.Errorf("%s: message %s has placeholders %v, English has %v", l.File, id, b, a)
				}
				if strings.TrimSpace(text) == "" {
					t.Errorf("%s: message %s is empty", l.File, id)
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

// TestContactsAreVerified checks every printed number against the fact
// sheet: its digits must stand on a line marked [V], and its source must
// be one the sheet cites.
func TestContactsAreVerified(t *testing.T) {
	sheet := factSheet(t)
	lib := load(t)
	nonDigit := regexp.MustCompile(`\D`)
	var lines []string
	for _, line := range strings.Split(sheet, "\n") {
		if strings.Contains(line, "[V]") {
			lines = append(lines, line)
		}
	}
	for _, c := range lib.Contacts() {
		t.Run(c.ID, func(t *testing.T) {
			digits := nonDigit.ReplaceAllString(c.Phone, "")
			found := false
			for _, line := range lines {
				if strings.Contains(nonDigit.ReplaceAllString(line, ""), digits) {
					found = true
				}
			}
			if !found {
				t.Errorf("phone %s is on no line marked [V] in content-facts.md", c.Phone)
			}
			if !strings.Contains(sheet, c.Source) {
				t.Errorf("source %s is not cited in content-facts.md", c.Source)
			}
		})
	}
	chth, ok := lib.Contact(content.HotlineID)
	if !ok || chth.Phone != hotline {
		t.Fatalf("the hotline contact is %+v, want phone %s", chth, hotline)
	}
}

func factSheet(t *testing.T) string {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "content-facts.md")
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") != "" || os.Getenv("AWAREKIT_REQUIRE_FONTS") == "1" {
			t.Fatalf("the fact sheet must sit beside the repository: %v", err)
		}
		t.Skipf("fact sheet not found beside the repository (%v)", err)
	}
	return string(data)
}

func TestAssemble(t *testing.T) {
	lib := load(t)
	org := profile.Organisation{Name: "Riverside Youth Council", Phone: "604-555-0134", Website: "https://riverside.example.org/"}
	brand, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range lib.AudienceIDs() {
		for _, lang := range lib.Catalog.Tags() {
			t.Run(id+"/"+lang, func(t *testing.T) {
				d, err := lib.Assemble(content.Request{Audience: id, Lang: lang, Org: org, Brand: brand})
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
				if got := d.Help.Others[0]; got.Name != org.Name || got.Phone != org.Phone || got.Website != "riverside.example.org" {
					t.Errorf("first other contact = %+v, want the organisation", got)
				}
				if d.QR.URL != "https://riverside.example.org/" || d.QR.Text != "riverside.example.org" {
					t.Errorf("QR = %+v, want the organisation's website", d.QR)
				}
				draft := lib.Catalog.Locale(lang).Meta.Draft()
				if (d.Footer.Draft != "") != draft {
					t.Errorf("draft footer %q, want shown=%v", d.Footer.Draft, draft)
				}
				for _, s := range append(append(d.Signs.Items, d.Do.Items...), d.Dont.Items...) {
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

// TestStoryWithoutConsentIsLeftOut loads the embedded content with one
// story's consent record removed and one not anonymised: neither may
// reach a document, and the warnings name them and say why.
func TestStoryWithoutConsentIsLeftOut(t *testing.T) {
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
	fsys["youth/stories.yaml"] = &fstest.MapFile{Data: []byte(`stories:
  - id: no-consent
    title: youth.story.1.title
    text: youth.story.1.text
    composite: true
    anonymised: true
  - id: named
    title: youth.story.2.title
    text: youth.story.2.text
    anonymised: false
    consent: {recorded: "2026-11-01", by: "Youth worker"}
`)}
	lib, err := content.Load(fsys, locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	d, err := lib.Assemble(content.Request{Audience: "youth", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != 0 {
		t.Errorf("%d stories printed, want none", len(d.Stories))
	}
	warnings := strings.Join(lib.Warnings, "\n")
	for _, want := range []string{`"no-consent"`, "no recorded consent", `"named"`, "not marked anonymised"} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings lack %q:\n%s", want, warnings)
		}
	}
	full := load(t)
	for _, id := range full.AudienceIDs() {
		d, err := full.Assemble(content.Request{Audience: id, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Stories) != 2 || d.Stories[0].Label == "" || d.Stories[1].Label == "" {
			t.Errorf("%s: %d stories %+v, want the two labelled composites", id, len(d.Stories), d.Stories)
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
			d, err := lib.Assemble(content.Request{Audience: id, Lang: tag, Org: contenttest.Org, Brand: brand})
			if err != nil {
				t.Fatal(err)
			}
			if d.Social == nil {
				if id == "newcomers" {
					without = append(without, tag)
				}
				continue
			}
			if d.Social.Discreet != (id == "youth" || id == "newcomers") {
				t.Errorf("%s %s: discreet is %v", id, tag, d.Social.Discreet)
			}
			if w := d.Social.Names(d.Headline); d.Social.Discreet && w != "" {
				t.Errorf("%s %s: the headline %q names %q", id, tag, d.Headline, w)
			}
			if id == "newcomers" {
				if d.Social.Names(d.Intro) == "" {
					t.Errorf("%s: no word of social.avoid %q is in the newcomers' introduction, which names labour trafficking: %q", tag, d.Social.Avoid, d.Intro)
				}
				police := d.Do.Items[len(d.Do.Items)-1] // common.do.localpolice
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

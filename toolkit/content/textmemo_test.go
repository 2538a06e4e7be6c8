package content_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestRememberedTextsFollowWhatTheyDependOn: a message's printed text is
// remembered between documents (textMemo), and each document still gets
// its own: another organisation's name, another language's words,
// another library's message, in any order in one process.
func TestRememberedTextsFollowWhatTheyDependOn(t *testing.T) {
	lib := load(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "locales"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "locales", "en.toml"), []byte("[ui]\nsigns.title = \"What to watch for\"\nhelp.listed_by = \"Our partners, listed by {{.Org}}\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	user, err := content.LoadUser(audiences.FS, locales.FS, dir)
	if err != nil {
		t.Fatal(err)
	}
	assemble := func(lib *content.Library, lang, org string) *doc.Document {
		t.Helper()
		d, err := lib.Assemble(content.Request{Audience: "youth", Lang: lang,
			Org: profile.Organisation{Name: org, Phone: "604-555-0134"}, Brand: doc.Brand{OrgName: org, Color: profile.DefaultColor}})
		if err != nil {
			t.Fatal(err)
		}
		if d.Help.Local == nil {
			t.Fatalf("%s for %s has no local list", lang, org)
		}
		return d
	}
	for round := range 2 {
		for _, c := range []struct {
			lib                 *content.Library
			lang, org           string
			signs, local, other string
		}{
			{lib, "en", "Riverside", "Signs to look for", "Local help listed by Riverside", ""},
			{lib, "en", "Lakeside", "Signs to look for", "Local help listed by Lakeside", "Riverside"},
			{lib, "fr", "Lakeside", "", "Aide locale indiquée par Lakeside", "Local help"},
			{user, "en", "Lakeside", "What to watch for", "Our partners, listed by Lakeside", "Local help"},
			{lib, "en", "Lakeside", "Signs to look for", "Local help listed by Lakeside", "Our partners"},
		} {
			d := assemble(c.lib, c.lang, c.org)
			if c.signs != "" && d.Signs.Title != c.signs {
				t.Errorf("round %d, %s for %s: signs titled %q, want %q", round, c.lang, c.org, d.Signs.Title, c.signs)
			}
			if c.lang == "fr" && d.Signs.Title == "Signs to look for" {
				t.Errorf("round %d: French signs titled in English", round)
			}
			if d.Help.Local.Title != c.local || c.other != "" && strings.Contains(d.Help.Local.Title, c.other) {
				t.Errorf("round %d, %s for %s: local list titled %q, want %q", round, c.lang, c.org, d.Help.Local.Title, c.local)
			}
		}
	}
}

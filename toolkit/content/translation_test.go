package content_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// TestTranslationInContentFolder: a content folder's language file with
// a status of its own is a translation (awarekit translate writes one):
// its new wording of a built-in story prints under the content team's
// consent record, a stale safety message in it prints in English and
// does not stop the run, and no "changed in es but not in fr" warning
// is given. The same words without a status are the group's own: the
// story is not printed.
func TestTranslationInContentFolder(t *testing.T) {
	t.Parallel()
	lib := load(t)
	h := func(id string) string { return locale.SourceHash(english(t, lib, id)) }
	story := "[youth]\nstory.1.title = \"Un título nuevo\"\nstory.1.text = \"Un texto nuevo de la historia, traducido otra vez.\"\n"
	hashes := "[_source]\n\"youth.story.1.title\" = \"" + h("youth.story.1.title") + "\"\n\"youth.story.1.text\" = \"" + h("youth.story.1.text") + "\"\n"
	stale := "[ui]\ntab.label = \"Ayuda vieja\"\n"
	hashes += "\"ui.tab.label\" = \"" + locale.SourceHash("older English") + "\"\n"

	dir := userFolder(t, map[string]string{"locales/es.toml": "[_meta]\nstatus = \"draft\"\n" + story + stale + hashes})
	tr, err := content.LoadUser(audiences.FS, locales.FS, dir)
	if err != nil {
		t.Fatalf("a translation with a stale safety message stops the run: %v", err)
	}
	for _, w := range tr.Warnings {
		if strings.Contains(w, "but not in") {
			t.Errorf("a translation is warned about as the group's own words: %s", w)
		}
	}
	d, err := tr.Assemble(content.Request{Audience: "youth", Lang: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(d.Stories, func(s doc.Story) bool { return s.Title == "Un título nuevo" }) {
		t.Errorf("the translated story does not print: %v", d.Stories)
	}
	if !strings.HasPrefix(d.Labels.Tab, content.EnglishMark) {
		t.Errorf("a stale safety message prints %q; want today's English, marked", d.Labels.Tab)
	}
	if !tr.OfficialName("contact.cybertip.name") || !tr.OfficialName("law.cite.criminal_code") || tr.OfficialName("youth.headline") {
		t.Error("OfficialName does not know contacts' names and law citations from other messages")
	}

	own := userFolder(t, map[string]string{"locales/es.toml": story + "[_source]\n\"youth.story.1.title\" = \"" + h("youth.story.1.title") + "\"\n\"youth.story.1.text\" = \"" + h("youth.story.1.text") + "\"\n"})
	ow, err := content.LoadUser(audiences.FS, locales.FS, own)
	if err != nil {
		t.Fatal(err)
	}
	d, err = ow.Assemble(content.Request{Audience: "youth", Lang: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(d.Stories, func(s doc.Story) bool { return s.Title == "Un título nuevo" }) {
		t.Error("the group's own words print under the content team's consent record")
	}
}

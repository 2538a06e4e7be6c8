package content_test

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// addressFields are the document's fields a reader types rather than
// reads: they keep the characters they were given.
var addressFields = []string{"Phone", "Website", "Email", "URL"}

// texts calls f with every printed string of v, a document or a part of
// it, and the path of fields that leads to it.
func texts(v reflect.Value, path string, f func(path, s string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			texts(v.Elem(), path, f)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			if slices.Contains(addressFields, name) || v.Type() == reflect.TypeFor[doc.QR]() && name == "Text" {
				continue
			}
			texts(v.Field(i), path+"."+name, f)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // image bytes
		}
		for i := range v.Len() {
			texts(v.Index(i), path, f)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			texts(v.MapIndex(k), path, f)
		}
	case reflect.String:
		f(path, v.String())
	}
}

var typewriterInWord = regexp.MustCompile(`\pL'\pL|\pL'(\s|$)`)

// TestApostrophesEnterTheDocument: every text of an English or French
// document, the workshop kit's and the pocket card's included, holds ’
// where its message or the organisation typed ' (locale.Apostrophes), and
// the organisation's addresses keep what was typed; in other languages
// the messages reach the document as their files write them.
func TestApostrophesEnterTheDocument(t *testing.T) {
	t.Parallel()
	lib := load(t)
	org := profile.Organisation{Name: "St. Mary's Centre", Phone: "604-555-0134", Email: "info@stmarys.example.org", Website: "stmarys.example.org/help",
		Local: []profile.LocalContact{{Label: "Women's shelter", Phone: "604-555-0199"}}}
	brand, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	event := &doc.Event{Name: "Parents' evening", Place: "St. Mary's hall"}
	for _, lang := range []string{"en", "fr"} {
		for _, id := range lib.AudienceIDs() {
			if !slices.Contains(lib.Languages(id), lang) {
				continue
			}
			t.Run(lang+"/"+id, func(t *testing.T) {
				req := content.Request{Audience: id, Lang: lang, Org: org, Brand: brand, AllowDraft: true, Event: event}
				for _, p := range doc.KitParts {
					if lib.CheckKit(id, lang, p) == nil {
						req.Kit = append(req.Kit, p)
					}
				}
				req.Pocket = lib.CheckPocket(id, lang) == nil
				d, err := lib.Assemble(req)
				if err != nil {
					t.Fatal(err)
				}
				curled := 0
				texts(reflect.ValueOf(d), "Document", func(path, s string) {
					if m := typewriterInWord.FindString(s); m != "" {
						t.Errorf("%s prints %q: %q", path, m, s)
					}
					curled += strings.Count(s, "’")
				})
				if curled == 0 {
					t.Error("no typographic apostrophe in the whole document")
				}
				if d.Brand.OrgName != "St. Mary’s Centre" || d.Event.Name != "Parents’ evening" || d.Event.Place != "St. Mary’s hall" {
					t.Errorf("organisation %q, event %+v", d.Brand.OrgName, d.Event)
				}
				local := d.Help.Local.Contacts
				if local[0].Email != org.Email || local[0].Website != org.Website || local[1].Name != "Women’s shelter" {
					t.Errorf("local contacts %+v", local)
				}
				if event.Name != "Parents' evening" {
					t.Errorf("the request's event changed: %+v", event)
				}
			})
		}
	}
	// Other languages: the headline is its message as the file writes it.
	for _, lang := range lib.Catalog.Tags() {
		if lang == "en" || lang == "fr" || !slices.Contains(lib.Languages("youth"), lang) {
			continue
		}
		d, err := lib.Assemble(content.Request{Audience: "youth", Lang: lang, Org: org, Brand: brand, AllowDraft: true})
		if err != nil {
			t.Fatal(err)
		}
		want, err := lib.Catalog.Locale(lang).Text("youth.headline", nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(d.Headline, content.EnglishMark) && d.Headline != strings.TrimSpace(want) {
			t.Errorf("%s: headline %q, its file writes %q", lang, d.Headline, want)
		}
		if d.Brand.OrgName != org.Name {
			t.Errorf("%s: the organisation's name is %q, not as typed", lang, d.Brand.OrgName)
		}
	}
}

package content_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
)

// TestPocket: the health audience's clinician card is written in
// English and French, in no language whose text waits for fluent
// speakers; it is refused, saying why and what to do, for an audience
// without a card and a language it is not written in; every line it
// prints that is not a title names the facts it states, and every value
// it fills in is a value of those facts.
func TestPocket(t *testing.T) {
	lib := load(t)
	if got := lib.PocketAudiences(); !slices.Equal(got, []string{"health"}) {
		t.Fatalf("audiences with a pocket card: %v, want [health]", got)
	}
	got := lib.PocketLanguages("health")
	for _, tag := range []string{"en", "fr"} {
		if !slices.Contains(got, tag) {
			t.Errorf("the clinician card is not written in %s: %v missing", tag, lib.PocketMissing("health", tag))
		}
	}
	for _, tag := range got {
		if lib.Catalog.Locale(tag).Meta.MustRewrite() {
			t.Errorf("the clinician card is made in %s, which waits for fluent speakers", tag)
		}
	}
	refused := []struct{ audience, lang, want string }{
		{"youth", "en", "audience youth has no pocket card (pocket: in audiences/youth/audience.yaml); the clinician card is made for health"},
		{"hospitality", "fr", "audience hospitality has no pocket card"},
		{"health", "es", "written in English (en) and French (fr) only, not in Spanish (es)"},
		{"health", "iu", "wait for fluent speakers"},
	}
	for _, tt := range refused {
		err := lib.CheckPocket(tt.audience, tt.lang)
		var np *content.NoPocketError
		if !errors.As(err, &np) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("CheckPocket(%s, %s) = %v; want a NoPocketError saying %q", tt.audience, tt.lang, err, tt.want)
		}
		if _, err := lib.Assemble(content.Request{Audience: tt.audience, Lang: tt.lang, Pocket: true, AllowDraft: true}); !errors.As(err, &np) {
			t.Errorf("Assemble(%s, %s) = %v; want the same refusal", tt.audience, tt.lang, err)
		}
	}
	// The health audience's other materials stay in every language.
	if n := len(lib.Languages("health")); n != len(lib.Catalog.Tags()) {
		t.Errorf("health is written in %d languages, want all %d: the card's messages must not hold its flyer back", n, len(lib.Catalog.Tags()))
	}

	a, _ := lib.Audience("health")
	values := map[string]bool{}
	for _, sec := range a.Pocket.Sections {
		for _, mid := range append([]string{sec.Lead}, sec.Items...) {
			if mid == "" {
				continue
			}
			m, ok := lib.Message(mid)
			if !ok {
				t.Fatalf("%s is not in the message table", mid)
			}
			if len(m.Facts) == 0 {
				t.Errorf("%s names no facts register entry", mid)
			}
			for _, f := range m.Facts {
				if e := lib.Facts.Entry(f); e != nil {
					for _, v := range e.Values {
						values[v] = true
					}
				}
			}
		}
	}
	for k, v := range a.Pocket.Vars {
		if !values[v] {
			t.Errorf("the card fills {{.%s}} with %q, which no fact its lines name gives", k, v)
		}
	}
	for _, lang := range got {
		d, err := lib.Assemble(content.Request{Audience: "health", Lang: lang, Pocket: true})
		if err != nil {
			t.Fatal(err)
		}
		p := d.Pocket
		if p == nil || p.Title == "" || len(p.Sections) != len(a.Pocket.Sections) {
			t.Fatalf("%s: pocket card %+v", lang, p)
		}
		for _, sec := range p.Sections {
			for _, s := range append([]string{sec.Title, sec.Lead}, sec.Items...) {
				if strings.Contains(s, "{{") || strings.Contains(s, "<no value>") {
					t.Errorf("%s: unfilled placeholder in %q", lang, s)
				}
			}
		}
		if !strings.Contains(strings.Join(p.Sections[len(p.Sections)-1].Items, " "), "19") {
			t.Errorf("%s: the children's section does not give British Columbia's age", lang)
		}
	}
	// Without Pocket the document has none: the other formats never
	// carry it.
	d, err := lib.Assemble(content.Request{Audience: "health", Lang: "en"})
	if err != nil || d.Pocket != nil {
		t.Errorf("a flyer's document: pocket %+v, err %v", d.Pocket, err)
	}
}

package layout

import (
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestMemoKeepsItsPartsAsSet lays out flyers one after another with one
// Memo, as a worker does, for organisations with and without a list of
// their own and a website (the panel's section grouped around the
// Memo's parts and the organisation's list), and holds every structure
// tag of the parts the Memo keeps to what it was when the part was
// set: kept, in a part of kept tags alone (a root with no parent), and
// unchanged by the documents after (group gives the section to the
// box, never to a kept root; inBlock leaves kept tags alone).
func TestMemoKeepsItsPartsAsSet(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	orgs := []profile.Organisation{
		{Name: "Partner organisation 1", Phone: "604-555-0134"},
		{Name: "Partner organisation 2", Phone: "604-555-0134", Website: "partner2.example.org",
			Local: []profile.LocalContact{{Label: "Drop-in centre", Phone: "604-555-0199"}}},
		{Name: "Partner organisation 3", Phone: "604-555-0177", Email: "help@partner3.example.org"},
	}
	for _, lang := range []string{"en", "ar"} {
		memo := NewMemo()
		seen := map[*Tag]Tag{}
		helps := 0
		for i, org := range orgs {
			brand, err := org.Brand()
			if err != nil {
				t.Fatal(err)
			}
			d, err := fx.lib.Assemble(content.Request{Audience: "youth", Lang: lang, Org: org, Brand: brand, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Flyer(fx.ts, d, Options{Paper: Papers["letter"], Memo: memo}); err != nil {
				t.Fatal(err)
			}
			var parts []box
			for _, shelf := range memo.bodies {
				for _, kb := range shelf {
					parts = append(parts, kb.sections...)
				}
			}
			for _, kb := range memo.helps {
				parts = append(parts, kb.sections...)
				helps++
			}
			for _, b := range parts {
				b.each(func(e *Element) {
					for tag := e.Tag; tag != nil; tag = tag.Parent {
						if !tag.kept {
							t.Fatalf("%s, organisation %d: a %s tag in a part the memo keeps is not kept", lang, i+1, tag.Role)
						}
						if was, ok := seen[tag]; ok && was != *tag {
							t.Fatalf("%s, organisation %d: a kept %s tag changed: %+v, set as %+v", lang, i+1, tag.Role, *tag, was)
						}
						seen[tag] = *tag
					}
				})
			}
		}
		if helps == 0 {
			t.Fatalf("%s: the memo kept no help panel's parts", lang)
		}
	}
}

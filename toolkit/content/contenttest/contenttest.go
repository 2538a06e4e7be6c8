// Package contenttest is for tests: it assembles every audience in every
// language from the embedded content, the documents renderers are tested
// against.
package contenttest

import (
	"slices"
	"testing"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// Org is the organisation the documents are made for: with a phone and a
// website, so that renderers show a local contact and a QR address.
var Org = profile.Organisation{Name: "Riverside Youth Council", Phone: "604-555-0134", Website: "riverside.example.org"}

// Documents assembles every audience in every language it is written
// in, in language then audience order.
func Documents(t testing.TB) []*doc.Document {
	t.Helper()
	lib, err := content.Load(audiences.FS, locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	brand, err := Org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	var docs []*doc.Document
	for _, lang := range lib.Catalog.Tags() {
		for _, id := range lib.AudienceIDs() {
			if !slices.Contains(lib.Languages(id), lang) {
				continue
			}
			d, err := lib.Assemble(content.Request{Audience: id, Lang: lang, Org: Org, Brand: brand, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, d)
		}
	}
	return docs
}

package pdf_test

import (
	"bytes"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content/contenttest"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/render/imagetest"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
)

// TestTreeStreamFoundCompressed: two flyers of one audience for two
// organisations differ in their names and their fonts' glyphs but have
// the same structure tree; the second finds the tree's object stream
// compressed (recentStreams) and comes out byte for byte as it does when
// nothing is kept. A document of another audience, whose tree differs,
// finds nothing, and comes out as it does alone too.
func TestTreeStreamFoundCompressed(t *testing.T) {
	e := imagetest.Engine(t)
	lay := func(audience, name, phone string) *layout.Document {
		t.Helper()
		r, err := e.Resolve(generate.Job{Audience: audience, Lang: "en", Format: "flyer", Paper: "letter", AllowDraft: true})
		if err != nil {
			t.Fatal(err)
		}
		org := contenttest.Org
		org.Name, org.Phone = name, phone
		brand, err := org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		ld, err := e.Layout(r, org, brand)
		if err != nil {
			t.Fatal(err)
		}
		return ld
	}
	a := lay("youth", "Partner organisation 1", "604-555-0134")
	b := lay("youth", "Partner organisation 2789", "604-555-0177")
	other := lay("health", "Partner organisation 2789", "604-555-0177")

	alone := func(ld *layout.Document) []byte {
		defer pdf.FreshRecentStreams()()
		return imagetest.PDF(t, ld)
	}
	wantB, wantOther := alone(b), alone(other)

	defer pdf.FreshRecentStreams()()
	gotA := imagetest.PDF(t, a)
	if n := pdf.StreamsReused(); n != 0 {
		t.Fatalf("the first document found %d streams compressed", n)
	}
	gotB := imagetest.PDF(t, b)
	if bytes.Equal(gotA, gotB) {
		t.Fatal("the two organisations' flyers are the same file")
	}
	if n := pdf.StreamsReused(); n != 1 {
		t.Errorf("the second flyer found %d streams compressed, want its tree's", n)
	}
	if !bytes.Equal(gotB, wantB) {
		t.Errorf("the flyer that found its tree compressed is not the file made alone (%d bytes, %d)", len(gotB), len(wantB))
	}
	gotOther := imagetest.PDF(t, other)
	if n := pdf.StreamsReused(); n != 1 {
		t.Errorf("another audience's flyer found a stream compressed (%d in all)", n)
	}
	if !bytes.Equal(gotOther, wantOther) {
		t.Errorf("another audience's flyer is not the file made alone (%d bytes, %d)", len(gotOther), len(wantOther))
	}
}

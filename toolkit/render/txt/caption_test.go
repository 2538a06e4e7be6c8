package txt

import (
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// TestCaptionCarriesProvinceAndLocal: the social images have no room for
// a province's lines or the organisation's contacts; the caption beside
// them prints both, the organisation's under its own title, after the
// verified lines.
func TestCaptionCarriesProvinceAndLocal(t *testing.T) {
	d := &doc.Document{
		Headline: "Know the signs.",
		Help: doc.Help{
			Hotline:   doc.Contact{Phone: "1-833-900-1010"},
			Emergency: "In immediate danger, call 911.",
			Province:  []doc.Contact{{Name: "BC human trafficking line (OCTIP)", Phone: "1-888-712-7974"}},
			Local:     &doc.Local{Title: "Local help listed by Riverside", Contacts: []doc.Contact{{Name: "Riverside police", Phone: "604-555-0199"}}},
		},
		Social: &doc.Social{Help: "Free help, any time:", Alt: "Image:", Avoid: []string{"trafficking"}},
	}
	var b strings.Builder
	if err := WriteCaption(&b, d); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	i := strings.Index(out, "BC human trafficking line (OCTIP) · 1-888-712-7974")
	j := strings.Index(out, "Local help listed by Riverside\nRiverside police · 604-555-0199")
	if i < 0 || j < i {
		t.Errorf("caption:\n%s", out)
	}
}

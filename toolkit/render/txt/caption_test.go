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

// TestCaptionIsolatesEachValueRightToLeft: in a right-to-left caption
// the hotline's number and each part of a "name · phone · site" line is
// an isolate of its own, so that the parts keep the reader's order and a
// number after Arabic words keeps its digit groups in order (without
// one, 1-833-900-1010 shows as 1010-900-833-1); a left-to-right caption
// is as before.
func TestCaptionIsolatesEachValueRightToLeft(t *testing.T) {
	const (
		fsi, lri, pdi = "\u2068", "\u2066", "\u2069"
	)
	d := &doc.Document{
		Meta:     doc.Meta{Lang: "ar", RTL: true},
		Headline: "اعرف حقوقك",
		Brand:    doc.Brand{OrgName: "Riverside Club"},
		Help: doc.Help{
			Hotline:   doc.Contact{Phone: "1-833-900-1010"},
			Emergency: "اتصل بالرقم 911.",
			Province:  []doc.Contact{{Name: "خط المقاطعة", Phone: "1-888-712-7974"}},
			Local: &doc.Local{Title: "مساعدة محلية ذكرتها " + fsi + "Riverside Club" + pdi, Contacts: []doc.Contact{
				{Name: "Riverside Club", Phone: "604-555-0134", Website: "riverside.example"},
			}},
		},
		Social: &doc.Social{Help: "مساعدة مجانية:", Alt: "وصف الصورة:", Avoid: []string{"x"}},
	}
	var b strings.Builder
	if err := WriteCaption(&b, d); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"مساعدة مجانية: " + lri + "1-833-900-1010" + pdi + "\n",
		"\n" + fsi + "خط المقاطعة" + pdi + " · " + lri + "1-888-712-7974" + pdi + "\n",
		"\n" + fsi + "Riverside Club" + pdi + " · " + lri + "604-555-0134" + pdi + " · " + lri + "riverside.example" + pdi + "\n",
		"وصف الصورة: " + fsi + "Riverside Club" + pdi + " — ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("caption lacks %+q:\n%+q", want, out)
		}
	}

	d.Meta = doc.Meta{Lang: "en"}
	b.Reset()
	if err := WriteCaption(&b, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{": 1-833-900-1010\n", "\nRiverside Club · 604-555-0134 · riverside.example\n", "\n" + fsi + "خط المقاطعة" + pdi + " · 1-888-712-7974\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("left-to-right caption lacks %+q:\n%+q", want, b.String())
		}
	}
}

package png_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/render/imagetest"
	"github.com/awarekit/awarekit/toolkit/render/paint"
	"github.com/awarekit/awarekit/toolkit/render/png"
)

// compareDPI is the resolution of the comparisons: fine enough that
// small print is legible, coarse enough to be quick.
const compareDPI = 96

// cases are the pages compared: a sample by default, every page format
// in every language of imagetest.Langs with AWAREKIT_FULL=1; both with a
// logo, bleed and crop marks, rotated text and dashed rules.
func cases() []imagetest.Case {
	bleed := layout.PrintOptions{Bleed: 3 * layout.PointsPerMM, CropMarks: true}
	sample := []imagetest.Case{
		{Audience: "newcomers", Lang: "pa", Format: "flyer", Logo: true},
		{Audience: "youth", Lang: "ar", Format: "tearoff"},
		{Audience: "newcomers", Lang: "zh-Hans", Format: "cards", Print: bleed},
		{Audience: "indigenous", Lang: "iu", Format: "safety-card"},
		{Audience: "newcomers", Lang: "ar", Format: "social-square", Logo: true},
	}
	if !imagetest.Full() {
		return sample
	}
	var all []imagetest.Case
	for _, f := range imagetest.PageFormats() {
		for _, lang := range imagetest.Langs {
			all = append(all, imagetest.Case{Audience: "newcomers", Lang: lang, Format: f})
		}
	}
	// The clinician card is made for health only, in English and French
	// (newcomers' cases skip it, as the engine refuses it on purpose).
	for _, lang := range []string{"en", "fr"} {
		all = append(all, imagetest.Case{Audience: "health", Lang: lang, Format: "clinician-card"})
	}
	all = append(all,
		// Youth in French and English no longer fits one bilingual flyer
		// (its actions come in two groups since the content review; the
		// layout refuses rather than drop one): newcomers does.
		imagetest.Case{Audience: "newcomers", Lang: "fr+en", Format: "flyer", Logo: true, Print: bleed},
		imagetest.Case{Audience: "health", Lang: "ar", Format: "poster", Logo: true},
	)
	return append(all, sample...)
}

// TestAgainstPoppler draws pages with this backend and compares them
// with poppler's pdftoppm rendering of the PDF backend's file of the
// same layout, at 96 dpi.
func TestAgainstPoppler(t *testing.T) {
	e := imagetest.Engine(t)
	for _, c := range cases() {
		t.Run(c.String(), func(t *testing.T) {
			t.Parallel()
			ld := imagetest.Layout(t, e, c)
			wants := imagetest.PopplerPages(t, imagetest.PDF(t, ld), compareDPI)
			if len(wants) != len(ld.Pages) {
				t.Fatalf("poppler drew %d pages of %d", len(wants), len(ld.Pages))
			}
			for i, want := range wants {
				pg, err := paint.Draw(&ld.Pages[i], paint.Options{Hairline: 72.0 / compareDPI})
				if err != nil {
					t.Fatal(err)
				}
				got, err := png.Rasterize(pg, compareDPI)
				if err != nil {
					t.Fatal(err)
				}
				d, err := imagetest.Compare(want, got)
				if err != nil {
					t.Fatalf("page %d: %v", i+1, err)
				}
				t.Logf("page %d: %v", i+1, d)
				if !d.Within(imagetest.AgreePoppler) {
					imagetest.Save(t, c.String()+"-poppler", want)
					imagetest.Save(t, c.String()+"-png", got)
					t.Errorf("page %d differs from poppler's rendering beyond %+v: %v", i+1, imagetest.AgreePoppler, d)
				}
			}
		})
	}
}

// TestComparisonSeesADroppedLine makes sure the comparison can fail: a
// page missing one short line (the local phone number) must fall outside
// the tolerance that the real pages meet.
func TestComparisonSeesADroppedLine(t *testing.T) {
	e := imagetest.Engine(t)
	for _, lang := range []string{"en", "zh-Hans"} {
		ld := imagetest.Layout(t, e, imagetest.Case{Audience: "newcomers", Lang: lang, Format: "flyer"})
		want := imagetest.Poppler(t, imagetest.PDF(t, ld), 0, compareDPI)
		pg, err := paint.Draw(&ld.Pages[0], paint.Options{Hairline: 72.0 / compareDPI})
		if err != nil {
			t.Fatal(err)
		}
		// The organisation's line: "Riverside Youth Council:  604-555-0134  ·  …".
		line := slices.IndexFunc(pg.Lines, func(l string) bool { return strings.Contains(l, "604-555-0134") }) + 1
		if line == 0 {
			t.Fatalf("%s: no line is the local phone number: %q", lang, pg.Lines)
		}
		pg.Items = slices.DeleteFunc(pg.Items, func(it paint.Item) bool { return it.Image == nil && it.Shape.Line == line })
		got, err := png.Rasterize(pg, compareDPI)
		if err != nil {
			t.Fatal(err)
		}
		d, err := imagetest.Compare(want, got)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s without the local phone number: %v", lang, d)
		if d.Within(imagetest.AgreePoppler) {
			t.Errorf("%s: a page without the local phone number passes the comparison: %v", lang, d)
		}
	}
}

package typeset

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/go-text/typesetting/language"
)

// TestSourcesAgreeWithSet: the fonts Sources lists for a text, without
// shaping it, are the fonts of the runs Set draws it with, regular and
// bold.
func TestSourcesAgreeWithSet(t *testing.T) {
	ts := embeddedSetter(t)
	tests := []struct {
		lang, text string
	}{
		{"en", "Call 1-833-900-1010. Canadian Human Trafficking Hotline."},
		{"uk", "Зателефонуйте 1-833-900-1010 (Canadian Human Trafficking Hotline)"},
		{"ar", "اتصل بالخط الساخن: 1-833-900-1010 الآن\nCanadian Human Trafficking Hotline، 24/7"},
		{"fa", "با خط تلفن 1-833-900-1010 تماس بگیرید"},
		{"pa", "ਮਨੁੱਖੀ ਤਸਕਰੀ ਹੌਟਲਾਈਨ 1-833-900-1010 (Hotline)"},
		{"zh-Hans", "请拨打加拿大人口贩运热线：1-833-900-1010。Hotline"},
		{"iu", "ᐅᖃᓘᑎᒃᓯᒪᓂᕐᒥᒃ 1-833-900-1010"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			opts := Options{Lang: tt.lang, RTL: tt.lang == "ar" || tt.lang == "fa"}
			got, err := ts.Sources(tt.text, opts)
			var missing *MissingGlyphError
			if errors.As(err, &missing) && os.Getenv("AWAREKIT_REQUIRE_FONTS") != "1" {
				t.Skip(err)
			}
			if err != nil {
				t.Fatal(err)
			}
			var want []Source
			for _, bold := range []bool{false, true} {
				o := opts
				o.Style = Style{Size: 10, Bold: bold}
				p, err := ts.Set(tt.text, o)
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range p.Lines {
					for _, r := range l.Runs {
						script := "Common"
						for _, c := range r.Text {
							if sc := language.LookupScript(c); sc != language.Common && sc != language.Inherited {
								script = sc.String()
								break
							}
						}
						if s := (Source{Script: script, Font: r.Font.Name, File: r.Font.Source}); !slices.Contains(want, s) {
							want = append(want, s)
						}
					}
				}
			}
			sorted := func(s []Source) []Source {
				return slices.SortedFunc(slices.Values(s), func(a, b Source) int {
					return strings.Compare(a.Script+"\x00"+a.Font, b.Script+"\x00"+b.Font)
				})
			}
			if !slices.Equal(sorted(got), sorted(want)) {
				t.Errorf("Sources gives %v; Set draws with %v", got, want)
			}
		})
	}
}

// TestCoversAgreesWithSources: Covers fails when Sources does, with the
// same error, and passes when it passes, for texts in the scripts the
// content uses and a character no font has.
func TestCoversAgreesWithSources(t *testing.T) {
	texts := []struct{ lang, text string }{
		{"en", "Call 1-833-900-1010. Canadian Human Trafficking Hotline."},
		{"ar", "اتصل بالخط الساخن: 1-833-900-1010 الآن\nCanadian Human Trafficking Hotline، 24/7"},
		{"pa", "ਮਨੁੱਖੀ ਤਸਕਰੀ ਹੌਟਲਾਈਨ 1-833-900-1010 (Hotline)"},
		{"zh-Hans", "请拨打加拿大人口贩运热线：1-833-900-1010。Hotline"},
		{"iu", "ᐅᖃᓘᑎᒃᓯᒪᓂᕐᒥᒃ 1-833-900-1010"},
		{"ti", "ናይ ሰብ ምሻጥ 1-833-900-1010"},
		{"en", "a private character \ue000 no font draws"},
	}
	ts := embeddedSetter(t)
	failed := 0
	for _, tt := range texts {
		opts := Options{Lang: tt.lang, RTL: tt.lang == "ar"}
		_, want := ts.Sources(tt.text, opts)
		got := ts.Covers(tt.text, opts)
		if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
			t.Errorf("%s %q: Covers says %v, Sources %v", tt.lang, tt.text, got, want)
		}
		if want != nil {
			failed++
		}
	}
	if failed == 0 {
		t.Error("no text lacked a font: the private character should")
	}
}

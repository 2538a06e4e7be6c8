package layout_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestSocialRefusalSaysWhatToDo: a social image that does not fit says
// what the user can change, as the printed formats do, and a
// two-language one offers one image per language; the message said only
// "the text does not fit, even at 58% of its size". Every image fits at
// the input limits (TestSocialAtTheLimits): these are beyond them, a
// name of twenty times the most profile takes (2,019 characters, as a
// layout called other than through profile may be given; at eight
// times an English image is still made) beside a 20:1 logo, and each
// must be refused.
func TestSocialRefusalSaysWhatToDo(t *testing.T) {
	e := testEngine(t)
	org := longest(t)
	org.Name = strings.Repeat(org.Name+" ", 20)
	brand, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	if brand.Logo, err = profile.DecodeLogo("logo.png", logoPNG(t, 2000, 100)); err != nil {
		t.Fatal(err)
	}
	refused := 0
	for _, a := range []string{"health", "business"} {
		for _, l := range []string{"zh-Hans+ur", "ar+zh-Hans", "en"} {
			for _, f := range []string{"social-wide", "social-square"} {
				r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: f, Paper: "letter", Province: "mb", AllowDraft: true})
				if err != nil {
					t.Fatal(err)
				}
				_, err = e.Layout(r, org, brand)
				if err == nil {
					t.Errorf("%s %s %s: made with a %d-character name", a, f, l, len([]rune(brand.OrgName)))
					continue
				}
				refused++
				msg := err.Error()
				for _, want := range []string{"to make room, try", "a logo closer to square"} {
					if !strings.Contains(msg, want) {
						t.Errorf("%s %s %s: %q lacks %q", a, f, l, msg, want)
					}
				}
				if first, second, two := strings.Cut(l, "+"); two && !strings.Contains(msg, fmt.Sprintf("make one per language (-l %s,%s)", first, second)) {
					t.Errorf("%s %s %s: %q does not offer one image per language", a, f, l, msg)
				}
			}
		}
	}
	t.Logf("%d refused", refused)
}

package layout_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestFormsAtTheLimits: the workshop kit's sign-in sheet and feedback
// form, in one language and two, are made for every audience at the
// input limits (a 100-character name, three 60-character contacts, a
// province's lines) with a very wide and a very tall logo: the sign-in
// sheet keeps its numbered rows, the form every question. With a 20:1
// logo in the strip at the foot the French sign-in sheets did not fit
// (their rows 26 pt high) and neither did the caregivers' fr+en form.
func TestFormsAtTheLimits(t *testing.T) {
	e := testEngine(t)
	org := longest(t)
	logos := map[string][]byte{"wide": logoPNG(t, 2000, 100), "tall": logoPNG(t, 100, 1200)}
	audiences, langs := []string{"youth", "caregivers", "students"}, []string{"fr", "fr+en"}
	if os.Getenv("AWAREKIT_FULL") != "" {
		audiences, langs = e.AudienceIDs(), []string{"fr", "en", "fr+en", "en+fr"}
	}
	made := 0
	for logoName, logo := range logos {
		brand, err := org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		if brand.Logo, err = profile.DecodeLogo("logo.png", logo); err != nil {
			t.Fatal(err)
		}
		for _, a := range audiences {
			for _, l := range langs {
				for _, f := range []string{"signin", "feedback"} {
					name := fmt.Sprintf("%s logo/%s/%s/%s", logoName, a, f, l)
					docs, ld, ok := laidOut(t, e, name, generate.Job{Audience: a, Lang: l, Format: f, Paper: "letter", Province: "mb", AllowDraft: true}, org, brand)
					if !ok {
						continue
					}
					made++
					if f == "signin" {
						if len(docs) == 1 {
							checkSignInLayout(t, docs[0], ld)
						}
						for n := 1; n <= layout.SignInRows; n++ {
							if len(ld.Pages) != 1 || countLines(ld.Pages[0], fmt.Sprint(n)) != 1 {
								t.Errorf("%s: row %d is not numbered once", name, n)
							}
						}
					} else if len(docs) == 1 {
						checkFeedbackLayout(t, docs[0], ld)
					}
				}
			}
		}
	}
	t.Logf("%d sheets made", made)
	if made == 0 {
		t.Fatal("no sheet made: the test shows nothing")
	}
}

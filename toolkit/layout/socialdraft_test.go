package layout_test

import (
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestSocialDraftLineReadsLeftToRight: on a social image in a
// right-to-left language the draft notice's English line is English,
// set left to right, in reading order and on one line where it fits: in
// the Arabic kit its full stop came first (".Draft translation: not yet
// checked by a fluent speaker") and on the story image "fluent speaker"
// went to a line of its own with the stop before it. The line is
// tagged English, the language of its words.
func TestSocialDraftLineReadsLeftToRight(t *testing.T) {
	e := testEngine(t)
	org := longest(t)
	brand, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	if brand.Logo, err = profile.DecodeLogo("logo.png", logoPNG(t, 2000, 100)); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"ar", "fa", "ur", "ar+zh-Hans", "zh-Hans+ur"} {
		for _, f := range []string{"social-wide", "social-square", "social-story"} {
			r, err := e.Resolve(generate.Job{Audience: "newcomers", Lang: l, Format: f, Paper: "letter", Province: "mb", AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			docs, err := docsOf(e, r, org, brand)
			if err != nil {
				t.Fatal(err)
			}
			want := docs[0].Footer.DraftEnglish
			if want == "" {
				t.Fatalf("%s %s: no English draft notice to check", f, l)
			}
			ld, err := e.Layout(r, org, brand)
			if err != nil {
				t.Fatalf("%s %s: %v", f, l, err)
			}
			// The notice's lines: the lines of the words "translation"
			// or "speaker" (no other English on these images).
			var lines []string
			for _, el := range ld.Pages[0].Elements {
				if el.Text == nil {
					continue
				}
				text := runsText(el.Text.Line.Runs)
				if !strings.Contains(text, "translation") && !strings.Contains(text, "speaker") {
					continue
				}
				lines = append(lines, text)
				if lang := tagLang(el.Tag); lang != "en" {
					t.Errorf("%s %s: %q is tagged %q, not English", f, l, text, lang)
				}
			}
			if len(lines) != 1 || strings.TrimSpace(lines[0]) != want {
				t.Errorf("%s %s: the English notice is set %q, want %q", f, l, lines, want)
			}
		}
	}
}

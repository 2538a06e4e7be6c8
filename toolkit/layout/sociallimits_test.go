package layout_test

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// socialLeast is the least size text on a social image looks (in
// pixels of Latin as large, lineVisual): its smallest specified text
// (the hotline's name, the draft notice: 18 px wide, 24 square, 30 on
// a story) at the least scale an image is set at, 58%.
var socialLeast = map[string]float64{"social-wide": 18 * 0.58, "social-square": 24 * 0.58, "social-story": 30 * 0.58}

// TestSocialAtTheLimits makes the social images in two languages
// neither of which is English beside the longest organisation (a
// 100-character name, three 60-character local contacts) and logos of
// every shape, and checks that each is made, with every word of what
// the format carries, the hotline number the largest text, no text
// smaller than the format's least size, and each language's signs and
// panel lines looking one size. The 1200 × 630 image refused Chinese
// beside Urdu, Arabic, Persian, Ukrainian or Vietnamese next to a 2000
// × 100 logo (health, business, indigenous: 30 images); it now moves
// the column between the words and the hotline's panel. Quick: six
// such pairs of images; AWAREKIT_FULL=1: every ordered pair of ar es
// fa fr pa ti tl uk ur vi zh-Hans for newcomers, youth, health,
// business and indigenous, in the three social formats, beside a very
// wide, a very tall, a square and a 340 × 100 logo.
func TestSocialAtTheLimits(t *testing.T) {
	e := testEngine(t)
	org := longest(t)
	logos := []struct {
		name string
		w, h int
	}{{"2000x100", 2000, 100}, {"100x1200", 100, 1200}, {"300x300", 300, 300}, {"340x100", 340, 100}}
	audiences := []string{"health", "business"}
	pairs := []string{"zh-Hans+ur", "ar+zh-Hans", "vi+zh-Hans"}
	formats := []string{"social-wide", "social-square"}
	if os.Getenv("AWAREKIT_FULL") != "" {
		audiences = []string{"newcomers", "youth", "health", "business", "indigenous"}
		langs := strings.Fields("ar es fa fr pa ti tl uk ur vi zh-Hans")
		pairs = nil
		for _, a := range langs {
			for _, b := range langs {
				if a != b {
					pairs = append(pairs, a+"+"+b)
				}
			}
		}
		formats = append(formats, "social-story")
	} else {
		logos = logos[:1]
	}
	made := 0
	for _, lg := range logos {
		brand, err := org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		if brand.Logo, err = profile.DecodeLogo("logo.png", logoPNG(t, lg.w, lg.h)); err != nil {
			t.Fatal(err)
		}
		for _, fn := range formats {
			f := formatNamed(t, fn)
			for _, a := range audiences {
				for _, l := range pairs {
					name := fmt.Sprintf("%s %s %s beside a %s logo", a, fn, l, lg.name)
					r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: fn, Paper: "letter", Province: "mb", AllowDraft: true})
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					docs, err := docsOf(e, r, org, brand)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					ld, err := e.Layout(r, org, brand)
					if err != nil {
						t.Errorf("%s: %v", name, err)
						continue
					}
					made++
					var keep []string
					for _, d := range docs {
						keep = append(keep, d.Meta.Keep...)
					}
					var msgs []string
					msgs = append(msgs, missing(ld, docs, f.BilingualCarries)...)
					msgs = append(msgs, hierarchy(ld, docs, fn, true)...)
					msgs = append(msgs, breaks(ld, keep)...)
					msgs = append(msgs, socialSizes(ld, docs, socialLeast[fn])...)
					for _, m := range msgs {
						t.Errorf("%s: %s", name, m)
					}
				}
			}
		}
	}
	t.Logf("%d images made", made)
}

// formatNamed is the format called name.
func formatNamed(t *testing.T, name string) format.Format {
	t.Helper()
	i := slices.IndexFunc(format.Formats, func(f format.Format) bool { return f.Name == name })
	if i < 0 {
		t.Fatalf("no format %q", name)
	}
	return format.Formats[i]
}

// socialSizes checks a two-language social image's sizes as they look
// (lineVisual): no line of words smaller than least, and each
// language's signs and its lines in the hotline's panel (what the call
// gives, the emergency line) looking as large as the other's: the
// largest of each in one language the size of the other's.
func socialSizes(ld *layout.Document, docs []*doc.Document, least float64) []string {
	var out []string
	const signs, panel = "signs", "the panel"
	largest := map[string]map[string]float64{signs: {}, panel: {}}
	for _, p := range ld.Pages {
		for _, e := range p.Elements {
			if e.Text == nil || len(e.Text.Line.Runs) == 0 {
				continue
			}
			text := runsText(e.Text.Line.Runs)
			if !strings.ContainsFunc(text, unicode.IsLetter) {
				continue // a list's marker, the number
			}
			size := lineVisual(e.Text.Line)
			if size < least-0.01 {
				out = append(out, fmt.Sprintf("%q looks %.1f px, below %.1f", text, size, least))
			}
			lang := tagLang(e.Tag)
			switch {
			case e.Tag.BlockOf() == doc.PartHelp:
				largest[panel][lang] = max(largest[panel][lang], size)
			case e.Tag.Within(layout.RoleLBody):
				largest[signs][lang] = max(largest[signs][lang], size)
			}
		}
	}
	for _, what := range []string{signs, panel} {
		a, b := largest[what][docs[0].Meta.Lang], largest[what][docs[1].Meta.Lang]
		switch {
		case a == 0 || b == 0:
			out = append(out, fmt.Sprintf("%s: no line in %s (%.1f px) or in %s (%.1f px)", what, docs[0].Meta.Lang, a, docs[1].Meta.Lang, b))
		case math.Abs(a-b) > 0.02*max(a, b):
			out = append(out, fmt.Sprintf("%s: %s looks %.1f px, %s %.1f px", what, docs[0].Meta.Lang, a, docs[1].Meta.Lang, b))
		}
	}
	return out
}

// tagLang is the language of the words t tags: its own or its nearest
// ancestor's.
func tagLang(t *layout.Tag) string {
	for ; t != nil; t = t.Parent {
		if t.Lang != "" {
			return t.Lang
		}
	}
	return ""
}

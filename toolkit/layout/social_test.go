package layout

import (
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/content/contenttest"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// logicalText is a line's text in reading order.
func logicalText(l typeset.Line) string {
	runs := slices.Clone(l.Runs)
	slices.SortFunc(runs, func(a, b typeset.Run) int { return a.Start - b.Start })
	var sb strings.Builder
	for _, r := range runs {
		sb.WriteString(r.Text)
	}
	return sb.String()
}

var socialLayouts = []struct {
	name string
	w, h float64
	one  func(*typeset.Typesetter, *doc.Document, Options) (*Document, error)
	two  Bilingual
}{
	{"social-square", 1080, 1080, SocialSquare, BilingualSocialSquare},
	{"social-story", 1080, 1920, SocialStory, BilingualSocialStory},
	{"social-wide", 1200, 630, SocialWide, BilingualSocialWide},
}

// TestSocialEveryLanguage lays out every social format for every audience
// in every language that has social text, with a logo, and checks what a
// reader of a phone sees: the exact screen size, everything on it, the
// hotline number whole on one line and the largest thing on it, the
// emergency line, and for discreet audiences no word naming a crime
// among the largest words and no hotline name.
func TestSocialEveryLanguage(t *testing.T) {
	fx := newFixture(t)
	brand, err := contenttest.Org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	brand.Logo = &doc.Image{Data: nil, Type: "png", Width: 200, Height: 100}
	for _, lang := range fx.lib.Catalog.Tags() {
		for _, id := range fx.lib.AudienceIDs() {
			if !slices.Contains(fx.lib.Languages(id), lang) {
				continue
			}
			d, err := fx.lib.Assemble(content.Request{Audience: id, Lang: lang, Org: contenttest.Org, Brand: brand, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, sl := range socialLayouts {
				ld, err := sl.one(fx.ts, d, Options{})
				if d.Social == nil {
					if err == nil || !strings.Contains(err.Error(), "no one has written the social-media text") {
						t.Errorf("%s %s %s: laid out without social text (%v)", id, sl.name, lang, err)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s %s %s: %v", id, sl.name, lang, err)
					continue
				}
				checkSocial(t, id+" "+sl.name+" "+lang, ld, sl.w, sl.h, []*doc.Document{d})
			}
		}
	}
}

func checkSocial(t *testing.T, name string, ld *Document, w, h float64, docs []*doc.Document) {
	t.Helper()
	if len(ld.Pages) != 1 || ld.Pages[0].Width != w || ld.Pages[0].Height != h {
		t.Errorf("%s: %d pages of %v × %v, want one of %v × %v", name, len(ld.Pages), ld.Pages[0].Width, ld.Pages[0].Height, w, h)
		return
	}
	p := ld.Pages[0]
	lines := inkedLines(p)
	var texts []string
	maxSize := 0.0
	for _, l := range lines {
		if !l.in(Box{W: w, H: h}) {
			t.Errorf("%s: %q is off the image", name, l.text)
		}
		maxSize = max(maxSize, l.visual) // the number looks the largest
	}
	numberSize := 0.0
	for _, e := range p.Elements {
		if e.Text == nil {
			continue
		}
		text := logicalText(e.Text.Line)
		texts = append(texts, text)
		size := lineVisual(e.Text.Line)
		if text == hotline {
			numberSize = size
		}
		for _, d := range docs {
			if size >= maxSize*0.5 && d.Social.Discreet {
				if word := d.Social.Names(text); word != "" {
					t.Errorf("%s: %q, among the largest words, names %q", name, text, word)
				}
			}
		}
	}
	if numberSize != maxSize {
		t.Errorf("%s: the hotline number is not whole on one line as the largest text (%v, largest %v): %q", name, numberSize, maxSize, texts)
	}
	// Lines are compared without white space: a wrapped line has none
	// where it broke.
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	all := squeeze(strings.Join(texts, ""))
	for _, d := range docs {
		emergency := d.Help.Emergency
		if d.Social.Discreet {
			emergency = d.Safety.Danger // the full line names local police
		}
		for _, want := range []string{d.Social.Help, emergency, d.Signs.Items[0], d.Signs.Items[1], d.Headline} {
			if !strings.Contains(all, squeeze(want)) {
				t.Errorf("%s: %q is missing", name, want)
			}
		}
		if named := strings.Contains(all, squeeze(d.Help.Hotline.Name)); named == d.Social.Discreet {
			t.Errorf("%s: the hotline's name shown: %v, for a discreet audience: %v", name, named, d.Social.Discreet)
		}
	}
}

// TestSocialMirrored checks that a right-to-left image mirrors its
// layout, never its text: the headline ends at the right margin, the logo
// sits at the left, and the number still reads left to right.
func TestSocialMirrored(t *testing.T) {
	fx := newFixture(t)
	brand, err := contenttest.Org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	brand.Logo = &doc.Image{Type: "png", Width: 200, Height: 100}
	for _, lang := range []string{"en", "ar"} {
		d, err := fx.lib.Assemble(content.Request{Audience: "newcomers", Lang: lang, Org: contenttest.Org, Brand: brand, AllowDraft: true})
		if err != nil {
			t.Fatal(err)
		}
		ld, err := SocialSquare(fx.ts, d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var logoX float64
		var headline inked
		for _, e := range ld.Pages[0].Elements {
			if e.Image != nil {
				logoX = e.Image.X + e.Image.W/2
			}
		}
		for _, l := range inkedLines(ld.Pages[0]) {
			if l.size > headline.size && l.text != hotline {
				headline = l
			}
		}
		rtl := lang == "ar"
		if (logoX < 540) != rtl {
			t.Errorf("%s: the logo's centre is at x %v", lang, logoX)
		}
		if rtl && headline.x1 < 1080-socialSquare.margin-1 || !rtl && headline.x0 > socialSquare.margin+1 {
			t.Errorf("%s: the headline %q spans x %v–%v", lang, headline.text, headline.x0, headline.x1)
		}
	}
}

// TestSocialBilingual lays out two languages in one image, a
// right-to-left one among them: both headlines, each language's signs,
// help and emergency lines, and the number once.
func TestSocialBilingual(t *testing.T) {
	fx := newFixture(t)
	brand, err := contenttest.Org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]string{{"fr", "en"}, {"ar", "en"}, {"pa", "en"}} {
		var docs []*doc.Document
		for _, lang := range pair {
			d, err := fx.lib.Assemble(content.Request{Audience: "newcomers", Lang: lang, Org: contenttest.Org, Brand: brand, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, d)
		}
		for _, sl := range socialLayouts {
			ld, err := sl.two(fx.ts, docs[0], docs[1], Options{})
			if err != nil {
				t.Errorf("%s %s: %v", sl.name, pair, err)
				continue
			}
			checkSocial(t, sl.name+" "+pair[0]+"+"+pair[1], ld, sl.w, sl.h, docs)
			n := strings.Count(strings.Join(func() []string {
				var s []string
				for _, l := range inkedLines(ld.Pages[0]) {
					s = append(s, l.text)
				}
				return s
			}(), "\n"), hotline)
			if n != 1 {
				t.Errorf("%s %s: the number is printed %d times", sl.name, pair, n)
			}
		}
	}
}

// TestSocialRefusesACrimeHeadline: a discreet audience's headline that
// names a crime (a user's own content could) is refused, not shown large.
func TestSocialRefusesACrimeHeadline(t *testing.T) {
	fx := newFixture(t)
	d, err := fx.lib.Assemble(content.Request{Audience: "youth", Lang: "en", Org: contenttest.Org, AllowDraft: true})
	if err != nil {
		t.Fatal(err)
	}
	d.Headline = "Stop human Trafficking now"
	_, err = SocialSquare(fx.ts, d, Options{})
	if err == nil || !strings.Contains(err.Error(), `names "trafficking"`) {
		t.Errorf("error %v, want a refusal naming the word", err)
	}
}

package layout_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// setup loads the embedded content and a typesetter over the embedded
// and system fonts.
//
// The content and fonts are loaded once for the tests (they do not
// change once loaded); each call gets a typesetter of its own.
func setup(t testing.TB) (*content.Library, *typeset.Typesetter) {
	t.Helper()
	lib, err := sharedContent()
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := sharedFonts()
	if err != nil {
		t.Fatal(err)
	}
	return lib, typeset.New(fonts)
}

var (
	sharedContent = sync.OnceValues(func() (*content.Library, error) { return content.Load(audiences.FS, locales.FS) })
	sharedFonts   = sync.OnceValues(func() (*typeset.Fonts, error) {
		fam, err := typeset.Embedded()
		if err != nil {
			return nil, err
		}
		return typeset.NewFonts(fam, nil)
	})
)

type textBox struct {
	text                 string
	x0, y0, x1, y1, size float64
}

func lineBoxes(p layout.Page) []textBox {
	var out []textBox
	for _, e := range p.Elements {
		if e.Text == nil || len(e.Text.Line.Runs) == 0 {
			continue
		}
		l := e.Text.Line
		var sb strings.Builder
		size := 0.0
		for _, r := range l.Runs {
			sb.WriteString(r.Text)
			size = max(size, r.Size)
		}
		top := e.Text.Y - l.Ascent
		// The glyphs' own extent, not the leading: lines may touch, never overlap.
		out = append(out, textBox{sb.String(), e.Text.X, top + (l.Height-size)/2, e.Text.X + l.Width, top + (l.Height+size)/2, size})
	}
	return out
}

// TestFlyerFits lays out every audience and language on both papers
// (a sample of them that meets every language, organisation, paper and
// audience unless AWAREKIT_FULL=1: layout.Cases) and checks what a
// reader would notice: text off the page, lines drawn over each other,
// text too small to read, a hotline number too small to copy.
func TestFlyerFits(t *testing.T) {
	t.Parallel()
	lib, ts := setup(t)
	orgs := []struct {
		name string
		org  profile.Organisation
	}{
		{"no organisation", profile.Organisation{}},
		{"full organisation", profile.Organisation{Name: "Riverside Settlement Services and Community Legal Clinic", Phone: "604-555-0134",
			Email: "info@riverside.example.org", Website: "riverside.example.org"}},
	}
	for _, c := range layout.Cases(lib, len(orgs)) {
		o := orgs[c.Org]
		t.Run(fmt.Sprintf("%s/%s/%s/%s", o.name, c.Audience, c.Lang, c.Paper), func(t *testing.T) {
			brand, err := o.org.Brand()
			if err != nil {
				t.Fatal(err)
			}
			d, err := lib.Assemble(content.Request{Audience: c.Audience, Lang: c.Lang, Org: o.org, Brand: brand, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			p, _ := layout.PaperByName(c.Paper)
			ld, err := layout.Flyer(ts, d, layout.Options{Paper: p})
			if err != nil {
				t.Fatal(err)
			}
			if len(ld.Pages) != 1 {
				t.Fatalf("%d pages, want 1", len(ld.Pages))
			}
			hotline := checkPage(t, ld.Pages[0])
			if hotline < 20 {
				t.Errorf("the hotline number is %.1f pt, want at least 20", hotline)
			}
		})
	}
}

// checkPage fails on text off the page, overlapping lines and type below
// the minimum; it returns the largest size the hotline number is set at.
func checkPage(t *testing.T, page layout.Page) float64 {
	t.Helper()
	noBoxes(t, page)
	boxes := lineBoxes(page)
	hotline := 0.0
	for i, b := range boxes {
		if b.x0 < 0 || b.y0 < 0 || b.x1 > page.Width || b.y1 > page.Height {
			t.Errorf("%q is off the page: %+v", b.text, b)
		}
		if b.size < 8 {
			t.Errorf("%q is set at %.1f pt, below the 8 pt minimum", b.text, b.size)
		}
		if strings.Contains(b.text, "1-833-900-1010") {
			hotline = max(hotline, b.size)
		}
		for _, c := range boxes[i+1:] {
			if b.x0 < c.x1-0.5 && c.x0 < b.x1-0.5 && b.y0 < c.y1-0.5 && c.y0 < b.y1-0.5 {
				t.Errorf("%q overlaps %q", b.text, c.text)
			}
		}
	}
	return hotline
}

// TestBilingualFits lays out two languages side by side, including a
// right-to-left language first and second, for flyer and poster.
func TestBilingualFits(t *testing.T) {
	t.Parallel()
	lib, ts := setup(t)
	org := profile.Organisation{Name: "Riverside Youth Council", Phone: "604-555-0134", Website: "riverside.example.org"}
	brand, _ := org.Brand()
	pairs := [][2]string{{"fr", "en"}, {"en", "fr"}, {"ar", "en"}, {"en", "ar"}, {"pa", "en"}, {"zh-Hans", "en"}, {"crk", "en"}, {"fa", "fr"}}
	formats := map[string]layout.Bilingual{"flyer": layout.BilingualFlyer, "poster": layout.BilingualPoster}
	for _, pr := range pairs {
		for _, id := range lib.AudienceIDs() {
			if !slices.Contains(lib.Languages(id), pr[0]) || !slices.Contains(lib.Languages(id), pr[1]) {
				continue // an audience is laid out in the languages it is written in
			}
			for name, lay := range formats {
				for _, paper := range layout.PaperNames {
					t.Run(fmt.Sprintf("%s+%s/%s/%s/%s", pr[0], pr[1], id, name, paper), func(t *testing.T) {
						var docs [2]*doc.Document
						for i, lang := range pr {
							d, err := lib.Assemble(content.Request{Audience: id, Lang: lang, Org: org, Brand: brand, AllowDraft: true})
							if err != nil {
								fontsOrSkip(t, err)
							}
							docs[i] = d
						}
						p, _ := layout.PaperByName(paper)
						ld, err := lay(ts, docs[0], docs[1], layout.Options{Paper: p})
						// The youth material holds two groups of actions; in
						// two languages it may not fit one page. Then it must
						// fail saying what to do, never drop a group.
						if errors.Is(err, layout.ErrDoesNotFit) && id == "youth" {
							if !strings.Contains(err.Error(), "make one per language") {
								t.Errorf("error %v does not say what to do", err)
							}
							return
						}
						fontsOrSkip(t, err)
						if n := checkPage(t, ld.Pages[0]); n < 20 {
							t.Errorf("hotline at %.1f pt, want at least 20", n)
						}
					})
				}
			}
		}
	}
}

func fontsOrSkip(t *testing.T, err error) {
	t.Helper()
	var missing *typeset.MissingGlyphError
	if errors.As(err, &missing) && !pdftest.Required() {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestPosterAndHandoutFit lays out the poster and the handout in every
// language: nothing off the page or overlapping, the hotline number on
// one line, at least 48 pt on the poster. AWAREKIT_FULL=1 lays out every
// audience in every language it is written in, in both; the quick run,
// each format in every language and for every audience, the audiences
// written in a language taking turns between the two formats (each pair
// once; a language written for one audience in both).
func TestPosterAndHandoutFit(t *testing.T) {
	t.Parallel()
	lib, ts := setup(t)
	org := profile.Organisation{Name: "Riverside Youth Council", Phone: "604-555-0134", Website: "riverside.example.org"}
	brand, _ := org.Brand()
	formats := []struct {
		name    string
		lay     func(*typeset.Typesetter, *doc.Document, layout.Options) (*layout.Document, error)
		hotline float64
	}{{"poster", layout.Poster, 48}, {"handout", layout.Handout, 20}}
	written := map[string][]string{} // language -> the audiences written in it
	var langs []string               // in the order first met
	for _, id := range lib.AudienceIDs() {
		for _, lang := range lib.Languages(id) {
			if written[lang] == nil {
				langs = append(langs, lang)
			}
			written[lang] = append(written[lang], id)
		}
	}
	for fi, f := range formats {
		for _, id := range lib.AudienceIDs() {
			for _, lang := range lib.Languages(id) {
				if ids := written[lang]; os.Getenv("AWAREKIT_FULL") == "" && len(ids) > 1 &&
					(slices.Index(ids, id)+slices.Index(langs, lang))%len(formats) != fi {
					continue // the other format lays this pair out
				}
				t.Run(f.name+"/"+id+"/"+lang, func(t *testing.T) {
					d, err := lib.Assemble(content.Request{Audience: id, Lang: lang, Org: org, Brand: brand, AllowDraft: true})
					if err != nil {
						t.Fatal(err)
					}
					p, _ := layout.PaperByName("letter")
					ld, err := f.lay(ts, d, layout.Options{Paper: p})
					fontsOrSkip(t, err)
					if n := checkPage(t, ld.Pages[0]); n < f.hotline {
						t.Errorf("hotline at %.1f pt on one line, want at least %.0f", n, f.hotline)
					}
				})
			}
		}
	}
}

// noBoxes fails on a glyph drawn as .notdef (glyph 0): an empty box
// where a character should be.
func noBoxes(t *testing.T, page layout.Page) {
	t.Helper()
	for _, e := range page.Elements {
		if e.Text == nil {
			continue
		}
		for _, r := range e.Text.Line.Runs {
			for _, g := range r.Glyphs {
				if g.GID == 0 {
					t.Errorf("run %q in %s draws .notdef", r.Text, r.Font.Name)
					break
				}
			}
		}
	}
}

// TestDraftLineOnSmallPieces: wallet cards and safety cards, too small
// for a footer, still say when their translation is a draft.
func TestDraftLineOnSmallPieces(t *testing.T) {
	lib, ts := setup(t)
	brand, _ := profile.Organisation{}.Brand()
	for _, lang := range []string{"en", "fr"} {
		d, err := lib.Assemble(content.Request{Audience: "youth", Lang: lang, Brand: brand, AllowDraft: true})
		if err != nil {
			t.Fatal(err)
		}
		p, _ := layout.PaperByName("letter")
		for name, lay := range map[string]func(*typeset.Typesetter, *doc.Document, layout.Options) (*layout.Document, error){"cards": layout.Cards, "safety-card": layout.SafetyCard} {
			ld, err := lay(ts, d, layout.Options{Paper: p})
			if err != nil {
				t.Fatal(err)
			}
			var text strings.Builder
			for _, b := range lineBoxes(ld.Pages[1]) {
				text.WriteString(b.text)
			}
			draft := strings.Fields(lib.Catalog.Locale("fr").Messages["ui.draft"])[0]
			if got := strings.Count(text.String(), draft); (lang == "fr") != (got > 0) {
				t.Errorf("%s %s: the draft notice appears %d times", name, lang, got)
			}
		}
	}
}

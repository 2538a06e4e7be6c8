package layout_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// cardFormats lists the formats imposed several to a sheet that print
// text of the document's (their content budget, format.Format.Carries):
// the wallet cards, the safety card, the clinician's pocket card.
func cardFormats(t *testing.T) []format.Format {
	t.Helper()
	var out []format.Format
	for _, f := range format.Formats {
		if f.Paged() && f.Print != nil && f.Print.Up != nil && len(f.Carries.Blocks) > 0 {
			out = append(out, f)
		}
	}
	for _, want := range []string{"cards", "safety-card", "clinician-card"} {
		if !slices.ContainsFunc(out, func(f format.Format) bool { return f.Name == want }) {
			t.Fatalf("%s is not among the card formats: its table entry changed", want)
		}
	}
	return out
}

// TestCardsCarryEverythingAtTheLimits makes every card format with an
// organisation at each input limit profile states: the longest name
// (profile.MaxName characters) with a phone, an email and a website; a
// short name with profile.MaxLocal local contacts of profile.MaxLabel
// characters; both; and both with the province that adds the most
// lines (Manitoba's two). Every card must be made, in every style the
// format takes, and print every word of every block the format
// declares it carries (as TestEveryFormatCarriesItsContent checks),
// and keep every line and QR code inside its safe area (3 mm from the
// trim): no card refuses an input the profile accepts. Each is made
// one card a page (the sheets impose the same card: TestCardSheetsPrint). Quick: a sample of the
// longest languages and pairs; AWAREKIT_FULL=1: every audience,
// language and pair with English, on both papers.
func TestCardsCarryEverythingAtTheLimits(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	long := longest(t)
	name := profile.Organisation{Name: long.Name, Phone: long.Phone, Email: long.Email, Website: long.Website}
	contacts := long
	contacts.Name = "Riverside Settlement Services"
	orgs := []struct {
		name     string
		org      profile.Organisation
		province string
	}{{"longest name", name, ""}, {"three longest contacts", contacts, ""}, {"both", long, ""},
		// Manitoba has two lines of its own, the most of any province.
		{"both and a province", long, "mb"}}

	// Quick: French (the longest words beside English), Arabic (right to
	// left, set larger to look one size) and their pairs with English.
	langs := []string{"fr", "ar"}
	pairs := []string{"fr+en", "ar+en"}
	audiences := []string{"youth", "parents", "health"}
	papers := []string{"letter"}
	styles := []layout.Style{layout.Standard}
	full := os.Getenv("AWAREKIT_FULL") != ""
	if full {
		langs, pairs = e.Languages(), nil
		for _, l := range langs {
			if l != "en" {
				pairs = append(pairs, l+"+en", "en+"+l)
			}
		}
		audiences, papers = e.AudienceIDs(), layout.PaperNames
		styles = []layout.Style{layout.Standard, layout.LargePrint, layout.HighContrast}
	}
	// One card a page, whose edges are its trim: each card's safe area
	// is the page's, 3 mm in.
	single := layout.PrintOptions{Imposition: layout.ImposeSingle}
	safe := 3 * layout.PointsPerMM
	made := map[string]int{}       // format/organisation: cards made
	pairsMade := map[string]bool{} // languages and pairs of the wallet cards at every limit
	for _, o := range orgs {
		brand, err := o.org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range cardFormats(t) {
			for _, style := range styles {
				if style != layout.Standard && !f.Styled {
					continue
				}
				for _, a := range audiences {
					for _, l := range append(slices.Clone(langs), pairs...) {
						for _, paper := range papers {
							if paper != "letter" && style != layout.Standard {
								continue // the styles' cards are one size on both papers
							}
							what := fmt.Sprintf("%s/%s/%s/%s/%s/%s", o.name, f.Name, style, a, l, paper)
							r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: f.Name, Paper: paper, Style: string(style), Province: o.province, AllowDraft: true,
								Print: single})
							if err != nil {
								// Refused on purpose, before any layout: no
								// bilingual form, two languages in large
								// print, no pocket card for the audience.
								continue
							}
							if e.Written([]generate.Resolved{r}) != nil {
								continue // a sector audience, written in English and French only
							}
							docs, err := docsOf(e, r, o.org, brand)
							if err != nil {
								t.Fatalf("%s: %v", what, err)
							}
							ld, err := e.Layout(r, o.org, brand)
							if err != nil {
								t.Errorf("%s: %v", what, err)
								continue
							}
							made[f.Name+"/"+o.name]++
							if f.Name == "cards" && o.name == "both" {
								pairsMade[l] = true
							}
							carries := f.Carries
							if len(docs) > 1 {
								carries = f.BilingualCarries
							}
							for _, msg := range missing(ld, docs, carries) {
								t.Errorf("%s: %s", what, msg)
							}
							for i, p := range ld.Pages {
								for _, msg := range safeArea(p, safe) {
									t.Errorf("%s, page %d: %s", what, i+1, msg)
								}
							}
						}
					}
				}
			}
		}
	}
	for _, f := range cardFormats(t) {
		for _, o := range orgs {
			if made[f.Name+"/"+o.name] == 0 {
				t.Errorf("no %s was made with the %s: the sample tests nothing", f.Name, o.name)
			}
		}
	}
	// Every language and pair asked was made as wallet cards (by the
	// audiences written in it).
	for _, l := range append(slices.Clone(langs), pairs...) {
		if !pairsMade[l] {
			t.Errorf("no wallet cards in %s were made at every limit", l)
		}
	}
}

// TestCardFitErrorsNameTheCard makes a card whose text cannot fit (a
// content folder's messages run on for a page) and checks that the
// error names the card and its side, and says what the user can
// shorten: on the safety card, which prints none of the organisation's
// text, its messages. And a name past profile.MaxName, which every
// input refuses where it enters (profile.Organisation.Check) but a
// program may still pass: two long languages without English (ur+fa)
// beside twice the longest name of wide capitals are refused with what
// to change, where the longest name is made.
func TestCardFitErrorsNameTheCard(t *testing.T) {
	lib, ts := setup(t)
	d, err := lib.Assemble(content.Request{Audience: "youth", Lang: "en", AllowDraft: true})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("A sentence that a content folder made far too long for a card. ", 40)
	type fitCase struct {
		name  string
		lay   func(d doc.Document) error
		edit  func(d *doc.Document)
		want  []string
		never []string
	}
	tests := []fitCase{
		{
			name: "safety card inside",
			lay: func(d doc.Document) error {
				_, err := layout.SafetyCard(ts, &d, layout.Options{Paper: layout.Papers["letter"]})
				return err
			},
			edit: func(d *doc.Document) { d.Safety.InsideText = long },
			want: []string{
				"lay out youth safety card (en): the safety card text and the hotline number do not fit on the safety card inside at 7 pt",
				"shorten the safety card's messages (safety.* in your content folder's locale file)",
			},
			never: []string{"the  at", "organisation's name, its local contacts"},
		},
		{
			name: "safety card front",
			lay: func(d doc.Document) error {
				_, err := layout.SafetyCard(ts, &d, layout.Options{Paper: layout.Papers["a4"]})
				return err
			},
			edit:  func(d *doc.Document) { d.Safety.FrontText = long },
			want:  []string{"does not fit on the safety card front at 7 pt", "shorten the safety card's messages"},
			never: []string{"the  at"},
		},
		{
			name: "wallet card back",
			lay: func(d doc.Document) error {
				_, err := layout.Cards(ts, &d, layout.Options{Paper: layout.Papers["letter"]})
				return err
			},
			edit: func(d *doc.Document) {
				d.Help.Others = append(slices.Clone(d.Help.Others), doc.Contact{Name: long, Phone: "1-800-555-0199"})
			},
			want:  []string{"not fit on the wallet card back at 7 pt (they need ", "pt of height, the card has 144)"},
			never: []string{"the  at"},
		},
	}
	// Two languages without English, both long, beside a name of wide
	// capitals: made at the limit, refused past it.
	wideName := func(n int) profile.Organisation {
		return profile.Organisation{Name: strings.Repeat("WMWMW ", n/6+1)[:n]}
	}
	pair := func(org profile.Organisation, a, b string) (*doc.Document, *doc.Document) {
		brand, err := org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		var docs [2]*doc.Document
		for i, l := range []string{a, b} {
			if docs[i], err = lib.Assemble(content.Request{Audience: "youth", Lang: l, Org: org, Brand: brand, AllowDraft: true}); err != nil {
				t.Fatal(err)
			}
		}
		return docs[0], docs[1]
	}
	tests = append(tests, fitCase{
		name: "two-language wallet card front, a name past the limit",
		lay: func(doc.Document) error {
			a, b := pair(wideName(2*profile.MaxName), "ur", "fa")
			_, err := layout.BilingualCards(ts, a, b, layout.Options{Paper: layout.Papers["letter"]})
			return err
		},
		edit: func(*doc.Document) {},
		want: []string{fmt.Sprintf("lay out youth cards (ur+fa): the organisation's name does not fit on the wallet card front at 7 pt; "+
			"give a shorter organisation name (it has %d characters)", 2*profile.MaxName)},
		never: []string{"the  at"},
	})
	for _, l := range [][2]string{{"ur", "fa"}, {"ur", "en"}, {"fa", "en"}} {
		a, b := pair(wideName(profile.MaxName), l[0], l[1])
		if _, err := layout.BilingualCards(ts, a, b, layout.Options{Paper: layout.Papers["letter"]}); err != nil {
			t.Errorf("%s+%s with the longest name of wide capitals: %v", l[0], l[1], err)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			one := *d
			tt.edit(&one)
			err := tt.lay(one)
			if err == nil {
				t.Fatal("made a card whose text cannot fit")
			}
			if !errors.Is(err, layout.ErrDoesNotFit) {
				t.Errorf("%v is not ErrDoesNotFit", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q\ndoes not say %q", err, w)
				}
			}
			for _, n := range tt.never {
				if strings.Contains(err.Error(), n) {
					t.Errorf("%q\nsays %q", err, n)
				}
			}
		})
	}
}

// TestTwoLanguageCardsWithoutEnglish makes the wallet cards in two
// languages neither of which is English, with an organisation name of
// profile.MaxName wide capitals and one of profile.MaxName Chinese
// characters, one card a page, and checks that every pair is made and
// that each card, as a print designer would sign it:
//   - carries every word of what a two-language card carries
//     (BilingualCarries), the organisation's name among it;
//   - sets no text below the card's least size (7 pt of Latin, or what
//     looks as large in another script) and the hotline number at 16 pt
//     or more;
//   - keeps every line inside the safe area, 3 mm from the trim.
//
// Quick: pairs of the longest languages (Arabic, Persian, Urdu and
// Ukrainian, whose fronts need the tightest step beside such a name),
// and Chinese beside Arabic, Punjabi beside Tigrinya and Persian;
// AWAREKIT_FULL=1: every pair of the audience's languages but English.
func TestTwoLanguageCardsWithoutEnglish(t *testing.T) {
	t.Parallel()
	lib, ts := setup(t)
	names := map[string]string{
		"wide capitals": strings.Repeat("WMWMW ", 17)[:profile.MaxName],
		"Chinese":       string([]rune(strings.Repeat("河畔安置服务社区法律诊所大东区和北部地区", 6))[:profile.MaxName]),
	}
	pairs := [][2]string{{"zh-Hans", "ar"}, {"ar", "zh-Hans"}, {"pa", "ti"}, {"pa", "fa"},
		{"ur", "fa"}, {"fa", "ur"}, {"uk", "ar"}, {"fa", "uk"}, {"uk", "ur"}}
	if os.Getenv("AWAREKIT_FULL") != "" {
		pairs = pairs[:0]
		for _, a := range lib.Languages("youth") {
			for _, b := range lib.Languages("youth") {
				if a != b && a != "en" && b != "en" {
					pairs = append(pairs, [2]string{a, b})
				}
			}
		}
	}
	var cards format.Format
	for _, f := range format.Formats {
		if f.Name == "cards" {
			cards = f
		}
	}
	safe := 3 * layout.PointsPerMM
	single := layout.Options{Paper: layout.Papers["letter"], Print: layout.PrintOptions{Imposition: layout.ImposeSingle}}
	for label, name := range names {
		org := profile.Organisation{Name: name}
		brand, err := org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		docs := map[string]*doc.Document{}
		get := func(l string) *doc.Document {
			if d, ok := docs[l]; ok {
				return d
			}
			d, err := lib.Assemble(content.Request{Audience: "youth", Lang: l, Org: org, Brand: brand, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			docs[l] = d
			return d
		}
		for _, p := range pairs {
			what := fmt.Sprintf("%s, %s+%s", label, p[0], p[1])
			ld, err := layout.BilingualCards(ts, get(p[0]), get(p[1]), single)
			if err != nil {
				t.Errorf("%s: %v", what, err)
				continue
			}
			for _, msg := range missing(ld, []*doc.Document{get(p[0]), get(p[1])}, cards.BilingualCarries) {
				t.Errorf("%s: %s", what, msg)
			}
			for i, pg := range ld.Pages {
				for _, msg := range cardRules(pg, safe) {
					t.Errorf("%s, side %d: %s", what, i+1, msg)
				}
			}
		}
	}
}

// cardRules checks a wallet card's page that is one card (single
// imposition, no bleed): what safeArea checks; nothing that looks
// smaller than the card's least size, 7 pt; the hotline number at 16 pt
// or more.
func cardRules(p layout.Page, safe float64) []string {
	out := safeArea(p, safe)
	number := 0.0
	for _, e := range p.Elements {
		if e.Text == nil || len(e.Text.Line.Runs) == 0 {
			continue
		}
		text, size := printed(e.Text.Line)
		if size == 0 {
			continue
		}
		// Sizes are Latin's: Chinese, which looks larger, is set
		// smaller to look 7 pt (lineVisual).
		if v := lineVisual(e.Text.Line); v < 7-0.01 {
			out = append(out, fmt.Sprintf("%q looks %.2f pt, below the card's 7", text, v))
		}
		if strings.Contains(text, hotlineNumber) {
			number = max(number, size)
		}
	}
	if number < 16 {
		out = append(out, fmt.Sprintf("the hotline number is at %.1f pt, below 16 (or missing)", number))
	}
	return out
}

// safeArea checks a page that is one card (single imposition, no
// bleed): every line's letters (from its baseline, 0.8 of its size up
// and 0.2 down) and every QR code inside the safe area, safe points from
// each trim edge, where a cut a little off touches nothing.
func safeArea(p layout.Page, safe float64) []string {
	var out []string
	const eps = 0.01
	outside := func(x0, x1, y0, y1 float64) bool {
		return x0 < safe-eps || y0 < safe-eps || x1 > p.Width-safe+eps || y1 > p.Height-safe+eps
	}
	for _, e := range p.Elements {
		if q := e.QR; q != nil {
			if n := float64(len(q.Bits)) * q.Module; outside(q.X, q.X+n, q.Y, q.Y+n) {
				out = append(out, fmt.Sprintf("a QR code (%.1f, %.1f, %.1f pt wide) is outside the safe area", q.X, q.Y, n))
			}
		}
		if e.Text == nil {
			continue
		}
		tx := e.Text
		text, size := printed(tx.Line)
		if size == 0 {
			continue
		}
		x0, x1, y0, y1 := tx.X, tx.X+tx.Line.Width, tx.Y-0.8*size, tx.Y+0.2*size
		if outside(x0, x1, y0, y1) {
			out = append(out, fmt.Sprintf("%q (%.1f…%.1f, %.1f…%.1f) is outside the safe area, %.1f pt inside the %.0f×%.0f pt card", text, x0, x1, y0, y1, safe, p.Width, p.Height))
		}
	}
	return out
}

// printed is a line's text and the size of its largest run that prints:
// a space or a direction mark between words of another script may be
// set at another size.
func printed(l typeset.Line) (string, float64) {
	var sb strings.Builder
	size := 0.0
	for _, r := range l.Runs {
		sb.WriteString(r.Text)
		if strings.ContainsFunc(r.Text, func(c rune) bool { return unicode.IsGraphic(c) && !unicode.IsSpace(c) }) {
			size = max(size, r.Size)
		}
	}
	return strings.TrimSpace(sb.String()), size
}

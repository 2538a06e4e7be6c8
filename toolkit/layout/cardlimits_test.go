package layout_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
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
// declares it carries (as TestEveryFormatCarriesItsContent checks):
// no card refuses an input the profile accepts. Quick: a sample of the
// longest languages and pairs; AWAREKIT_FULL=1: every audience,
// language and pair with English, on both papers.
func TestCardsCarryEverythingAtTheLimits(t *testing.T) {
	e, err := generate.New("awarekit test", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
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
	made := map[string]int{}       // format/organisation: sheets made
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
							r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: f.Name, Paper: paper, Style: string(style), Province: o.province, AllowDraft: true})
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
// text, its messages. And the one input the wallet cards refuse inside
// the profile's limits: two long languages without English (ur+fa)
// beside a 100-character name of wide capitals, which fits paired with
// English.
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
	// capitals: the one pairing refused at the input limits.
	wide := profile.Organisation{Name: strings.Repeat("WMWMW ", 17)[:profile.MaxName]}
	brand, err := wide.Brand()
	if err != nil {
		t.Fatal(err)
	}
	pair := func(a, b string) (*doc.Document, *doc.Document) {
		var docs [2]*doc.Document
		for i, l := range []string{a, b} {
			if docs[i], err = lib.Assemble(content.Request{Audience: "youth", Lang: l, Org: wide, Brand: brand, AllowDraft: true}); err != nil {
				t.Fatal(err)
			}
		}
		return docs[0], docs[1]
	}
	tests = append(tests, fitCase{
		name: "two-language wallet card front without English",
		lay: func(doc.Document) error {
			a, b := pair("ur", "fa")
			_, err := layout.BilingualCards(ts, a, b, layout.Options{Paper: layout.Papers["letter"]})
			return err
		},
		edit: func(*doc.Document) {},
		want: []string{"lay out youth cards (ur+fa): the organisation's name does not fit on the wallet card front at 7 pt; " +
			"give a shorter organisation name (it has 100 characters), or make the cards with English on one side (-l ur+en)"},
		never: []string{"the  at"},
	})
	for _, l := range []string{"ur", "fa"} {
		a, b := pair(l, "en")
		if _, err := layout.BilingualCards(ts, a, b, layout.Options{Paper: layout.Papers["letter"]}); err != nil {
			t.Errorf("%s+en with the name of wide capitals: %v", l, err)
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
// characters, and checks that each pair is made, or refused only with
// the error that names the organisation's name, how long it is, and the
// fix (a shorter name, or English on one side): never another failure.
// Quick: pairs that must be made (Chinese beside Arabic either way,
// Punjabi beside Tigrinya and beside Persian); AWAREKIT_FULL=1: every
// pair of the audience's languages but English, each made or refused so.
// Refused at the limits: a pair of Arabic, Persian, Urdu and Ukrainian,
// whose fronts have no room for three lines of a name at 7 pt beside
// the hotline's text at its least sizes (TestCardFitErrorsNameTheCard).
func TestTwoLanguageCardsWithoutEnglish(t *testing.T) {
	lib, ts := setup(t)
	names := map[string]string{
		"wide capitals": strings.Repeat("WMWMW ", 17)[:profile.MaxName],
		"Chinese":       string([]rune(strings.Repeat("河畔安置服务社区法律诊所大东区和北部地区", 6))[:profile.MaxName]),
	}
	type pairCase struct {
		a, b string
		must bool // made, not refused
	}
	pairs := []pairCase{{"zh-Hans", "ar", true}, {"ar", "zh-Hans", true}, {"pa", "ti", true}, {"pa", "fa", true}}
	if os.Getenv("AWAREKIT_FULL") != "" {
		pairs = pairs[:0]
		for _, a := range lib.Languages("youth") {
			for _, b := range lib.Languages("youth") {
				if a != b && a != "en" && b != "en" {
					pairs = append(pairs, pairCase{a, b, false})
				}
			}
		}
	}
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
		made := 0
		for _, p := range pairs {
			what := fmt.Sprintf("%s, %s+%s", label, p.a, p.b)
			_, err := layout.BilingualCards(ts, get(p.a), get(p.b), layout.Options{Paper: layout.Papers["letter"]})
			if err == nil {
				made++
				continue
			}
			if p.must {
				t.Errorf("%s: %v", what, err)
				continue
			}
			want := fmt.Sprintf("the organisation's name does not fit on the wallet card front at 7 pt; give a shorter organisation name (it has %d characters), or make the cards with English on one side (-l %s+en)", profile.MaxName, p.a)
			if !errors.Is(err, layout.ErrDoesNotFit) || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: refused with %q, want the error naming the organisation's name and the fix", what, err)
			}
		}
		if made == 0 {
			t.Errorf("%s: no pair was made", label)
		}
	}
}

package layout_test

import (
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestCardSignsLeftTold makes wallet cards whose back has room for every
// sign it carries (no organisation) and cards whose contacts take that
// room (an organisation with a local contact, in a province with lines
// of its own: a settlement agency's newcomer week, where seven of eight
// languages printed no sign and the build said nothing). The signs a
// back prints are counted in its text; a card that prints fewer than
// layout.CardsContent.Signs must say so (Document.Left, SignsPrinted)
// and the operator be told how many (generate.LeftNote); a card that
// prints them all says nothing.
func TestCardSignsLeftTold(t *testing.T) {
	e := testEngine(t)
	busy := profile.Organisation{Name: "Riverside Settlement Services", Phone: "604-555-0134", Email: "help@riverside.example.org",
		Website: "riverside.example.org", Local: []profile.LocalContact{{Label: "Riverside victim services", Phone: "604-555-0177"}}}
	short := 0
	for _, c := range []struct {
		org      profile.Organisation
		province string
	}{{profile.Organisation{}, ""}, {busy, "bc"}} {
		brand, err := c.org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en", "es", "uk"} {
			what := c.province + "/" + lang
			r, err := e.Resolve(generate.Job{Audience: "newcomers", Lang: lang, Format: "cards", Paper: "letter", Province: c.province, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			docs, err := docsOf(e, r, c.org, brand)
			if err != nil {
				t.Fatal(err)
			}
			ld, err := e.Layout(r, c.org, brand)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			back := strings.Join(strings.Fields(pageText(ld.Pages[len(ld.Pages)-1])), " ")
			printed := 0
			for _, s := range docs[0].Signs.Items[:layout.CardsContent.Signs] {
				if strings.Contains(back, firstWords(s, 3)) {
					printed++
				}
			}
			note := generate.LeftNote("cards.pdf", generate.Made{Layout: ld}, c.org)
			told := strings.Contains(note, "room for its contacts and")
			switch {
			case printed < layout.CardsContent.Signs && !told:
				t.Errorf("%s: the back prints %d of %d signs and the operator is not told (Left %v, note %q)", what, printed, layout.CardsContent.Signs, ld.Left, note)
			case printed < layout.CardsContent.Signs && ld.SignsPrinted != printed:
				t.Errorf("%s: the back prints %d signs, the document says %d", what, printed, ld.SignsPrinted)
			case printed == layout.CardsContent.Signs && (told || len(ld.Left) > 0):
				t.Errorf("%s: every sign printed, yet told %q (Left %v)", what, note, ld.Left)
			}
			if printed < layout.CardsContent.Signs {
				short++
			}
			if c.province == "" && printed < layout.CardsContent.Signs {
				t.Errorf("%s: a card without an organisation prints %d signs", what, printed)
			}
		}
	}
	if short == 0 {
		t.Error("no card left a sign out: the sample tests nothing")
	}
}

// firstWords is s's first n words, one space between them.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

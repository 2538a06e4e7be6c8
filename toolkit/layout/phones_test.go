package layout_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// longestNumbers is an organisation at every input limit (longest) whose
// numbers are as long and as oddly written as profile.CheckPhone lets
// people type them: brackets and an extension, spaces, dots, a vanity
// word, "poste".
func longestNumbers(t testing.TB) profile.Organisation {
	t.Helper()
	o := longest(t)
	o.Phone = "+44 (020) 7946-0958 (12) ext. 123456"
	phones := []string{"1 604 555 0100 poste 123456", "1.604.555.0101 x 22", "1-855-554-HEAL ext. 1234"}
	for i := range o.Local {
		o.Local[i].Phone = phones[i]
	}
	for _, p := range append(phones, o.Phone) {
		if _, err := profile.CheckPhone(profile.Field{Name: "phone"}, p); err != nil {
			t.Fatalf("%q: %v", p, err)
		}
	}
	return o
}

// phonesOf are the phone numbers the documents print: the hotline, the
// audience's and the province's lines, and the organisation's list.
func phonesOf(docs []*doc.Document) []string {
	var out []string
	for _, d := range docs {
		h := d.Help
		cs := append(append([]doc.Contact{h.Hotline}, h.Others...), h.Province...)
		if h.Local != nil {
			cs = append(cs, h.Local.Contacts...)
		}
		for _, c := range cs {
			if c.Phone != "" {
				out = append(out, c.Phone)
			}
		}
	}
	return out
}

// numbersSplit reports each phone number a page breaks across lines
// (a paragraph holds it, none of its lines does), and each line holding
// one that runs off the page or over another line: a number too wide for
// its box is set smaller or refused, never broken or left to overflow.
func numbersSplit(ld *layout.Document, phones []string) []string {
	var out []string
	for pi, p := range ld.Pages {
		paras, set := paragraphs(p)
		boxes := lineBoxes(p)
		for n, para := range paras {
			all := strings.Join(para, "")
			for _, ph := range phones {
				if !strings.Contains(all, ph) {
					continue
				}
				whole := false
				for i, l := range para {
					if !strings.Contains(l, ph) {
						continue
					}
					whole = true
					if set[n][i].Rotate != 0 {
						continue // a tear-off tab: its own test checks its edges
					}
					for _, msg := range overflows(p, set[n][i], boxes) {
						out = append(out, fmt.Sprintf("page %d: %q %s", pi+1, ph, msg))
					}
				}
				if !whole {
					out = append(out, fmt.Sprintf("page %d: %q split: %q", pi+1, ph, para))
				}
			}
		}
	}
	return out
}

// overflows says whether line tl runs off page p or over another line.
func overflows(p layout.Page, tl *layout.TextLine, boxes []textBox) []string {
	var b textBox
	for _, c := range boxes {
		if c.x0 == tl.X && c.x1 == tl.X+tl.Line.Width && c.y0 <= tl.Y && tl.Y <= c.y1+c.size {
			b = c
			break
		}
	}
	if b.text == "" {
		return nil
	}
	var out []string
	if b.x0 < 0 || b.y0 < 0 || b.x1 > p.Width || b.y1 > p.Height {
		out = append(out, fmt.Sprintf("runs off the page: %q", b.text))
	}
	for _, c := range boxes {
		if c == b {
			continue
		}
		if b.x0 < c.x1-0.5 && c.x0 < b.x1-0.5 && b.y0 < c.y1-0.5 && c.y0 < b.y1-0.5 {
			out = append(out, fmt.Sprintf("in %q runs over %q", b.text, c.text))
		}
	}
	return out
}

// TestPhoneNumbersNeverSplit lays out every page format with an
// organisation at every input limit and the longest numbers people may
// type, and checks that no page breaks a phone number across lines or
// lets the line that holds it run over another or off the page: a
// number that does not fit its line whole is set smaller, or the layout
// refuses with a FitError that says what to shorten. Quick: every format
// in English, French, Arabic, Punjabi, Chinese and pa+en, one audience
// each in turn; under AWAREKIT_FULL=1 every audience, language, pair
// with English and paper.
func TestPhoneNumbersNeverSplit(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	org := longestNumbers(t)
	brand, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	if brand.Logo, err = profile.DecodeLogo("logo.png", logoPNG(t, 100, 1200)); err != nil {
		t.Fatal(err)
	}
	full := os.Getenv("AWAREKIT_FULL") != ""
	langs := []string{"en", "fr", "ar", "pa", "zh-Hans", "pa+en"}
	papers := []string{"letter"}
	audiences := e.AudienceIDs()
	if full {
		langs = e.Languages()
		for _, l := range e.Languages() {
			if l != "en" {
				langs = append(langs, l+"+en", "en+"+l)
			}
		}
		papers = layout.PaperNames
	}
	turn := 0
	for _, f := range format.Formats {
		if !f.Paged() {
			continue
		}
		for _, l := range langs {
			if strings.Contains(l, "+") && f.Bilingual == nil {
				continue
			}
			as := audiences
			if !full {
				as = []string{audiences[turn%len(audiences)]}
				turn++
			}
			for _, a := range as {
				for _, paper := range papers {
					name := fmt.Sprintf("%s/%s/%s/%s", f.Name, a, l, paper)
					r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: f.Name, Paper: paper, Province: "mb", AllowDraft: true})
					if err != nil || !written(e, r, org, brand) {
						continue // a combination the engine refuses on purpose
					}
					docs, err := docsOf(e, r, org, brand)
					if err != nil {
						t.Fatal(err)
					}
					ld, err := e.Layout(r, org, brand)
					var fe *layout.FitError
					if errors.As(err, &fe) {
						t.Logf("%s: %v", name, err)
						if msg := err.Error(); !strings.Contains(msg, "shorten") && !strings.Contains(msg, "to make room") {
							t.Errorf("%s: %v, which does not say what to shorten", name, err)
						}
						continue
					}
					if err != nil {
						t.Errorf("%s: %v", name, err)
						continue
					}
					for _, msg := range numbersSplit(ld, phonesOf(docs)) {
						t.Errorf("%s: %s", name, msg)
					}
				}
			}
		}
	}
}

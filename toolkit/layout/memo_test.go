package layout_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// memoCase is one document laid out after others with a worker's Memo.
type memoCase struct {
	name     string
	audience string
	lang     string
	org      profile.Organisation
	paper    string
	style    layout.Style
	province string
	format   func(ts layoutFunc) layoutFunc
	change   func(d *doc.Document) // a content folder's own words
}

type layoutFunc = func(*doc.Document, layout.Options) (*layout.Document, error)

// TestMemoFollowsWhatABodyDependsOn lays out documents one after another
// with one Memo, as a build's worker does, each differing from the
// first in one thing a body or the help panel's parts are made of, and
// holds each to the same document laid out without a Memo: the same
// elements, the same tags (with their parents: the panel's section
// around the parts the Memo kept). Each of those documents differs from
// the first (so a part kept under a key without that input would be the
// first's, and fail), and the Memo serves the bodies and panels' parts
// that are the same. Two documents share no structure tag, and the
// first is as it was after the others are laid out.
func TestMemoFollowsWhatABodyDependsOn(t *testing.T) {
	lib, ts := setup(t)
	flyer := func(d *doc.Document, o layout.Options) (*layout.Document, error) { return layout.Flyer(ts, d, o) }
	handout := func(d *doc.Document, o layout.Options) (*layout.Document, error) { return layout.Handout(ts, d, o) }
	partner := profile.Organisation{Name: "Partner organisation 1", Phone: "604-555-0134"}
	long := profile.Organisation{Name: "Riverside Settlement Services and Community Legal Clinic of the Lower Mainland", Phone: "604-555-0134",
		Email: "info@riverside.example.org", Website: "riverside.example.org/help/contact-us",
		Local: []profile.LocalContact{{Label: "Drop-in centre, 12 Main Street", Phone: "604-555-0199"}, {Label: "Legal clinic (Tuesdays)", Phone: "604-555-0177"}}}
	// keep is two words of a paragraph that a line of the first
	// document breaks between.
	var keep string
	base := memoCase{name: "first", audience: "youth", lang: "en", org: partner, paper: "letter"}
	with := func(name string, f func(c *memoCase)) memoCase {
		c := base
		c.name = name
		f(&c)
		return c
	}
	cases := []memoCase{
		base,
		with("another organisation", func(c *memoCase) { c.org.Name = "Partner organisation 2" }), // the same body
		with("audience", func(c *memoCase) { c.audience = "business" }),
		with("language", func(c *memoCase) { c.lang = "fr" }),
		with("right to left", func(c *memoCase) { c.lang = "ar" }),
		with("paper", func(c *memoCase) { c.paper = "a4" }),
		with("style", func(c *memoCase) { c.style = layout.HighContrast }),
		with("colour", func(c *memoCase) { c.org.Color = "#7a1f5c" }),
		with("size the fit chose", func(c *memoCase) { c.org = long }),
		with("a sign's words", func(c *memoCase) {
			c.change = func(d *doc.Document) { d.Signs.Items[0] += " They were told they owe a debt." }
		}),
		with("an action's words", func(c *memoCase) {
			c.change = func(d *doc.Document) { d.Actions[0].Do[0] = "Talk to someone you trust." }
		}),
		with("words kept whole", func(c *memoCase) {
			c.change = func(d *doc.Document) { d.Meta.Keep = append(d.Meta.Keep, keep) }
		}),
		with("direction", func(c *memoCase) { c.change = func(d *doc.Document) { d.Meta.RTL = true } }),
		with("language's tag", func(c *memoCase) { c.change = func(d *doc.Document) { d.Meta.Lang = "en-CA" } }),
		with("handout (introduction, notes, statistic)", func(c *memoCase) { c.format = func(layoutFunc) layoutFunc { return handout } }),
		with("handout for parents", func(c *memoCase) {
			c.audience = "parents"
			c.format = func(layoutFunc) layoutFunc { return handout }
		}),
		with("handout's introduction", func(c *memoCase) {
			c.audience = "parents"
			c.format = func(layoutFunc) layoutFunc { return handout }
			c.change = func(d *doc.Document) { d.Intro += " Anyone can be trafficked." }
		}),
		with("handout's notes", func(c *memoCase) {
			c.audience = "parents"
			c.format = func(layoutFunc) layoutFunc { return handout }
			c.change = func(d *doc.Document) { d.Notes.Items[0] += " Ask for an interpreter." }
		}),
		with("handout's statistic", func(c *memoCase) {
			c.audience = "parents"
			c.format = func(layoutFunc) layoutFunc { return handout }
			c.change = func(d *doc.Document) { d.Fact.Source += " (2024)" }
		}),
		with("large print", func(c *memoCase) {
			c.format = func(layoutFunc) layoutFunc { return handout }
			c.style = layout.LargePrint
		}),
		with("the hotline's name", func(c *memoCase) { c.change = func(d *doc.Document) { d.Help.Hotline.Name += " (24/7)" } }),
		with("the hotline's number", func(c *memoCase) { c.change = func(d *doc.Document) { d.Help.Hotline.Phone = "1-833-900-1012" } }),
		with("what the hotline is", func(c *memoCase) { c.change = func(d *doc.Document) { d.Help.Hotline.Detail += " In 200 languages." } }),
		with("the emergency line", func(c *memoCase) { c.change = func(d *doc.Document) { d.Help.Emergency += " Or go to a hospital." } }),
		with("a contact's name", func(c *memoCase) { c.change = func(d *doc.Document) { d.Help.Others[0].Name += " (youth)" } }),
		with("a contact's number", func(c *memoCase) { c.change = func(d *doc.Document) { d.Help.Others[0].Phone = "1-800-668-6869" } }),
		with("a contact's text line", func(c *memoCase) { c.change = func(d *doc.Document) { d.Help.Others[0].Text = "Text HELP to 686868" } }),
		with("a contact's website", func(c *memoCase) { c.change = func(d *doc.Document) { d.Help.Others[0].Website = "help.example.ca" } }),
		with("a contact's email", func(c *memoCase) { c.change = func(d *doc.Document) { d.Help.Others[0].Email = "help@example.ca" } }),
		with("a contact fewer", func(c *memoCase) { c.change = func(d *doc.Document) { d.Help.Others = d.Help.Others[1:] } }),
		with("province", func(c *memoCase) { c.province = "bc" }),
		with("a province's line", func(c *memoCase) {
			c.province = "bc"
			c.change = func(d *doc.Document) { d.Help.Province[0].Name += " (BC)" }
		}),
		with("the hotline's code", func(c *memoCase) { c.change = func(d *doc.Document) { d.QR.URL += "?from=flyer" } }),
		with("the code's address", func(c *memoCase) { c.change = func(d *doc.Document) { d.QR.Text += "/help" } }),
		with("the code's caption", func(c *memoCase) { c.change = func(d *doc.Document) { d.QR.Caption += " now" } }),
	}
	memo := layout.NewMemo()
	make := func(c memoCase, memo *layout.Memo) *layout.Document {
		t.Helper()
		brand, err := c.org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		d, err := lib.Assemble(content.Request{Audience: c.audience, Lang: c.lang, Org: c.org, Brand: brand, Province: c.province, AllowDraft: true})
		if err != nil {
			t.Fatal(err)
		}
		if c.change != nil {
			c.change(d)
		}
		p, _ := layout.PaperByName(c.paper)
		lay := flyer
		if c.format != nil {
			lay = c.format(flyer)
		}
		ld, err := lay(d, layout.Options{Paper: p, Style: c.style, Memo: memo})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		return ld
	}
	first := make(base, memo)
	firstAgain := make(base, nil)
	made := []*layout.Document{first}
	d, err := lib.Assemble(content.Request{Audience: base.audience, Lang: base.lang, AllowDraft: true})
	if err != nil {
		t.Fatal(err)
	}
	keep = brokenPair(t, first.Pages[0], append(slices.Clone(d.Signs.Items), d.Actions[0].Do...))
	for _, c := range cases {
		hits, _, _, _ := layout.MemoStats(memo)
		helpHits, _ := layout.MemoHelpStats(memo)
		got, want := make(c, memo), make(c, nil)
		if !reflect.DeepEqual(got.Pages, want.Pages) {
			t.Errorf("%s: laid out with the memo, the document differs from the one laid out without", c.name)
		}
		// The memo above may have started again empty past its bound
		// (or never held the first's parts at the sizes this case
		// tries): a Memo that holds the first document's parts alone.
		warm := layout.NewMemo()
		make(base, warm)
		if !reflect.DeepEqual(make(c, warm).Pages, want.Pages) {
			t.Errorf("%s: laid out after the first with a memo, the document differs from the one laid out without", c.name)
		}
		served, _, _, _ := layout.MemoStats(memo)
		helpServed, _ := layout.MemoHelpStats(memo)
		switch c.name {
		case "first", "another organisation":
			if served == hits {
				t.Errorf("%s: the memo served no body; it should serve the first's", c.name)
			}
			if helpServed == helpHits {
				t.Errorf("%s: the memo served no help panel's parts; it should serve the first's", c.name)
			}
		default:
			if reflect.DeepEqual(bodyLines(got.Pages[0]), bodyLines(first.Pages[0])) {
				t.Errorf("%s: the body is the first document's: the case does not change it", c.name)
			}
		}
		for i, before := range made {
			if shared := sharedTags(before, got); shared > 0 {
				t.Errorf("%s: shares %d structure tags with document %d", c.name, shared, i)
			}
		}
		made = append(made, got)
	}
	if !reflect.DeepEqual(first.Pages, firstAgain.Pages) {
		t.Error("the first document changed as the others were laid out")
	}
}

// brokenPair is the last word of a line of p and the first of the line
// under it, in one of texts.
func brokenPair(t *testing.T, p layout.Page, texts []string) string {
	lines := lineBoxes(p)
	for i := 1; i < len(lines); i++ {
		a, b := lines[i-1], lines[i]
		above, below := strings.Fields(a.text), strings.Fields(b.text)
		if len(above) == 0 || len(below) == 0 {
			continue
		}
		pair := above[len(above)-1] + " " + below[0]
		for _, s := range texts {
			if strings.Contains(s, strings.TrimSpace(a.text)+" "+strings.TrimSpace(b.text)) {
				return pair
			}
		}
	}
	t.Fatal("no paragraph of two lines on the page")
	return ""
}

// bodyLines are the page's text lines with where they are, their
// colours, the structure their tags say, and the codes' modules and the
// links' addresses.
func bodyLines(p layout.Page) []string {
	var out []string
	for _, b := range lineBoxes(p) {
		out = append(out, fmt.Sprintf("%s %.2f %.2f %.2f", b.text, b.x0, b.y0, b.size))
	}
	for _, e := range p.Elements {
		if e.Text != nil {
			out = append(out, fmt.Sprint(e.Text.Color))
		}
		if e.QR != nil {
			out = append(out, e.QR.Bits...)
		}
		if e.Link != nil {
			out = append(out, e.Link.URL)
		}
		for t := e.Tag; t != nil; t = t.Parent {
			out = append(out, fmt.Sprint(t.Role, t.Lang, t.Block))
		}
	}
	return out
}

// sharedTags counts the structure tags two documents' pages share.
func sharedTags(a, b *layout.Document) int {
	seen := map[*layout.Tag]bool{}
	for _, p := range a.Pages {
		for _, e := range p.Elements {
			for t := e.Tag; t != nil; t = t.Parent {
				seen[t] = true
			}
		}
	}
	n := 0
	for _, p := range b.Pages {
		for _, e := range p.Elements {
			for t := e.Tag; t != nil; t = t.Parent {
				if seen[t] {
					n++
				}
			}
		}
	}
	return n
}

// TestMemoBounded lays out a body for each of many versions of one
// flyer's signs: the Memo never holds more than its bound.
func TestMemoBounded(t *testing.T) {
	lib, ts := setup(t)
	memo := layout.NewMemo()
	p, _ := layout.PaperByName("letter")
	most := 0
	for i := range 60 {
		d, err := lib.Assemble(content.Request{Audience: "youth", Lang: "en", AllowDraft: true})
		if err != nil {
			t.Fatal(err)
		}
		d.Signs.Items[0] = fmt.Sprintf("%s (version %d)", d.Signs.Items[0], i)
		if _, err := layout.Flyer(ts, d, layout.Options{Paper: p, Memo: memo}); err != nil {
			t.Fatal(err)
		}
		_, _, held, bound := layout.MemoStats(memo)
		if held > bound {
			t.Fatalf("after %d flyers the memo holds %d bytes, over its bound %d", i+1, held, bound)
		}
		most = max(most, held)
	}
	if _, _, _, bound := layout.MemoStats(memo); most < bound/2 {
		t.Errorf("the memo held at most %d bytes: the test never came near the bound %d", most, bound)
	}
}

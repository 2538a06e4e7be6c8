package layout_test

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
)

// TestContactNamesKeepTheirDirection lays out the two-language formats
// in pairs of languages written in different directions (Arabic beside
// Chinese, English beside Persian, ...), each way round, for audiences
// and provinces whose contacts have names and text lines translated in
// both, with the organisation at every input limit; and reads each
// contact's lines from the laid-out pages, in order: the second
// language's name (and text line) either stands whole on one line or
// starts a line of its own. Set in one paragraph after the first's,
// "خط بلاغات … / Service Canada（加拿大服务局）临时外籍劳工举报热线" broke
// inside the Chinese name, which then ran from the left end of one line
// (after the Arabic) to the right of the next: correct bidi, but no
// reader finds where the name starts. The contact's number is printed
// whole on one of its lines.
//
// Quick: four pairs, each way round, for one audience; AWAREKIT_FULL=1:
// every pair of languages of different directions, for three audiences
// and provinces that between them have every contact.
func TestContactNamesKeepTheirDirection(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	rtl := func(tag string) bool {
		loc := e.Lib.Catalog.Locale(tag)
		return loc != nil && loc.Script.RTL
	}
	type place struct{ audience, province string }
	places := []place{{"youth", "mb"}, {"hospitality", "ns"}, {"indigenous", "bc"}}
	pairs := []string{"ar+zh-Hans", "zh-Hans+ar", "fa+en", "en+fa", "ur+vi", "vi+ur", "ar+fr", "fr+ar"}
	if os.Getenv("AWAREKIT_FULL") == "" {
		places = places[:1]
	} else {
		pairs = nil
		for _, a := range e.Languages() {
			for _, b := range e.Languages() {
				if rtl(a) != rtl(b) {
					pairs = append(pairs, a+"+"+b)
				}
			}
		}
	}
	long := longest(t)
	c := limitCases(t, long)[3] // the longest name, a square logo
	brand := c.brand(t)
	checked := 0
	for _, f := range format.Formats {
		if !f.Paged() || f.Bilingual == nil {
			continue
		}
		for _, pl := range places {
			for _, l := range pairs {
				name := fmt.Sprintf("%s/%s/%s/%s", f.Name, pl.audience, pl.province, l)
				docs, ld, ok := laidOut(t, e, name, generate.Job{Audience: pl.audience, Lang: l, Format: f.Name, Paper: "letter", Province: pl.province, AllowDraft: true}, long, brand)
				if !ok {
					continue
				}
				n, msgs := contactsAcross(ld, docs)
				checked += n
				for _, msg := range msgs {
					t.Errorf("%s: %s", name, msg)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no contact named in two languages was read: the test reads nothing")
	}
}

// contactsAcross reads every contact of ld's help panels (a list item
// of the contacts or the province's lines) line by line, top to bottom,
// and checks each name and text line of the second language that
// differs from the first's (the ones a panel names in both): it is
// printed whole on one line, or from the start of a line on; and the
// contact's number is whole on one line. It says how many it read.
func contactsAcross(ld *layout.Document, docs []*doc.Document) (int, []string) {
	type want struct {
		second string // a name or text line of the second language
		phone  string
	}
	var wants []want
	for _, lists := range [][2][]doc.Contact{{docs[0].Help.Others, docs[1].Help.Others}, {docs[0].Help.Province, docs[1].Help.Province}} {
		for j, c := range lists[0] {
			if j >= len(lists[1]) {
				continue
			}
			c1 := lists[1][j]
			if c1.Name != c.Name {
				wants = append(wants, want{c1.Name, c.Phone})
			}
			if c1.Text != c.Text && c1.Text != "" {
				wants = append(wants, want{c1.Text, c.Phone})
			}
		}
	}
	read := 0
	var out []string
	for _, p := range ld.Pages {
		// Each contact's lines, top to bottom.
		items := map[*layout.Tag][]layout.Element{}
		var order []*layout.Tag
		for _, el := range p.Elements {
			if el.Text == nil {
				continue
			}
			li := el.Tag
			for li != nil && li.Role != layout.RoleLI {
				li = li.Parent
			}
			if li == nil || li.BlockOf() != doc.PartContacts && li.BlockOf() != doc.PartProvince {
				continue
			}
			if _, ok := items[li]; !ok {
				order = append(order, li)
			}
			items[li] = append(items[li], el)
		}
		for _, li := range order {
			els := items[li]
			slices.SortStableFunc(els, func(a, b layout.Element) int { return cmp.Compare(a.Text.Y, b.Text.Y) })
			var lines []string
			for _, el := range els {
				lines = append(lines, squash(logicalText(el.Text.Line)))
			}
			all := strings.Join(lines, "")
			for _, w := range wants {
				s := squash(w.second)
				at := strings.Index(all, s)
				if at < 0 {
					continue
				}
				read++
				// The line it starts on, and where that line starts.
				start, i := 0, 0
				for ; i < len(lines) && start+len(lines[i]) <= at; i++ {
					start += len(lines[i])
				}
				whole := at+len(s) <= start+len(lines[i])
				if !whole && at != start {
					out = append(out, fmt.Sprintf("%q breaks over lines after other words: %q, then %q", w.second, lines[i], lines[i+1]))
				}
				if ph := squash(w.phone); ph != "" && !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, ph) }) {
					out = append(out, fmt.Sprintf("the number %s of %q is not whole on one line: %q", w.phone, w.second, lines))
				}
			}
		}
	}
	return read, out
}

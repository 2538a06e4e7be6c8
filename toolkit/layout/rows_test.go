package layout_test

import (
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
)

// signItem is one sign of one language as a page sets it: where its
// lines start and end down the page, the height of its tallest line,
// and its first line's words, for messages.
type signItem struct {
	lang        string
	top, bottom float64
	line        float64
	text        string
}

// signItems are the signs of each language on page p (the list items of
// the signs' block), by language, down the page.
func signItems(p layout.Page) map[string][]signItem {
	byTag := map[*layout.Tag]*signItem{}
	var order []*layout.Tag
	for _, e := range p.Elements {
		if e.Text == nil || e.Tag == nil || e.Tag.Role != layout.RoleLBody || e.Tag.BlockOf() != doc.PartSigns {
			continue
		}
		var li *layout.Tag
		for t := e.Tag; t != nil; t = t.Parent {
			if t.Role == layout.RoleLI {
				li = t
				break
			}
		}
		if li == nil {
			continue
		}
		l := e.Text.Line
		top, bot := e.Text.Y-l.Ascent, e.Text.Y-l.Ascent+l.Height
		it, ok := byTag[li]
		if !ok {
			byTag[li] = &signItem{lang: li.Lang, top: top, bottom: bot, line: l.Height, text: runsText(l.Runs)}
			order = append(order, li)
			continue
		}
		it.top, it.bottom, it.line = min(it.top, top), max(it.bottom, bot), max(it.line, l.Height)
	}
	out := map[string][]signItem{}
	for _, t := range order {
		it := byTag[t]
		out[it.lang] = append(out[it.lang], *it)
	}
	for _, items := range out {
		sort.SliceStable(items, func(i, j int) bool { return items[i].top < items[j].top })
	}
	return out
}

// maxRowWhite is the most white a sign row of a two-language poster
// leaves under its shorter side, in lines of its taller side: about a
// line, a sign one line longer in one language than in the other (a
// line of Urdu or Punjabi is taller than one of Chinese or English:
// three lines of Urdu beside two of Chinese leave 1.4 of Urdu's). A
// print designer saw French and English beside Chinese in halves leave
// two lines and more of white under Chinese signs, down the column.
const maxRowWhite = 1.5

// signRowFaults lists what the sign rows of page p, in the languages
// langs, break of the rules: each sign starts level with its
// translation, leaves at most maxRowWhite lines of white under the
// shorter of the two, and the rows are as far apart as one another.
func signRowFaults(p layout.Page, langs [2]string) []string {
	items := signItems(p)
	a, b := items[langs[0]], items[langs[1]]
	if len(a) == 0 || len(b) == 0 {
		return []string{fmt.Sprintf("%d signs in %s, %d in %s", len(a), langs[0], len(b), langs[1])}
	}
	// A translation not yet complete (Inuktitut, Plains Cree in some
	// audiences) has fewer signs: the other's extra ones stand alone
	// under the rows, and a sign stands beside one that is not its
	// translation, whose length says nothing of its own: such rows are
	// checked for where they start alone.
	complete := len(a) == len(b)
	var out []string
	var gaps []float64
	for i := range min(len(a), len(b)) {
		x, y := a[i], b[i]
		where := fmt.Sprintf("sign %d (%q | %q)", i+1, x.text, y.text)
		if d := math.Abs(x.top - y.top); d > 0.5 {
			out = append(out, fmt.Sprintf("%s: the two languages start %.1f pt apart", where, d))
		}
		tall := x
		if y.bottom-y.top > x.bottom-x.top {
			tall = y
		}
		if white := math.Abs((x.bottom - x.top) - (y.bottom - y.top)); complete && white > maxRowWhite*tall.line {
			out = append(out, fmt.Sprintf("%s: %.0f pt of white under the shorter side, %.1f lines (at most %.1f)", where, white, white/tall.line, maxRowWhite))
		}
		if i > 0 {
			gaps = append(gaps, min(x.top, y.top)-max(a[i-1].bottom, b[i-1].bottom))
		}
	}
	if len(gaps) > 0 {
		lo, hi := gaps[0], gaps[0]
		for _, g := range gaps {
			lo, hi = min(lo, g), max(hi, g)
		}
		if hi-lo > 1 {
			out = append(out, fmt.Sprintf("the rows are %.1f to %.1f pt apart: not shared evenly", lo, hi))
		}
	}
	return out
}

// TestSignRowsEven lays out two-language posters (each sign beside its
// translation, in rows) and checks every sign row (signRowFaults): the
// two languages start level, the shorter leaves at most about a line of
// white under it (maxRowWhite: the columns share the width so that the
// longer language gets more, pair.evenRows), and the rows are evenly
// apart. Quick: the pairs a designer looked at (French, English,
// Arabic, Punjabi and Chinese, Chinese beside Urdu) in three audiences,
// plain on Letter and beside the longest organisation with a wide logo
// on A4; under AWAREKIT_FULL=1 every audience, every language beside
// English both ways and the pairs without English, both papers, plain
// and with the longest organisation and a wide, tall and square logo.
func TestSignRowsEven(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	long := longest(t)
	cases := limitCases(t, long)
	pairs := []string{"fr+en", "en+fr", "ar+en", "pa+en", "zh-Hans+en", "fr+zh-Hans", "zh-Hans+ur"}
	audiences := []string{"youth", "business", "health"}
	papers := map[string][]string{cases[0].name: {"letter"}, cases[1].name: {"a4"}}
	full := os.Getenv("AWAREKIT_FULL") != ""
	if full {
		audiences = e.AudienceIDs()
		for _, l := range e.Languages() {
			if l != "en" {
				pairs = append(pairs, l+"+en", "en+"+l)
			}
		}
		pairs = append(pairs, "fr+zh-Hans", "zh-Hans+ur", "uk+fa", "ur+zh-Hans", "zh-Hans+fr")
		for _, c := range cases {
			papers[c.name] = layout.PaperNames
		}
	} else {
		cases = cases[:2]
	}
	seen := map[string]bool{}
	n := 0
	total, most := 0.0, 0.0
	for _, c := range cases {
		brand := c.brand(t)
		for _, a := range audiences {
			for _, l := range pairs {
				for _, paper := range papers[c.name] {
					name := fmt.Sprintf("%s/%s/%s/%s", c.name, a, l, paper)
					if seen[name] {
						continue
					}
					seen[name] = true
					r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: "poster", Paper: paper, Province: c.province, AllowDraft: true})
					if err != nil || !written(e, r, c.org, brand) {
						continue
					}
					ld, err := e.Layout(r, c.org, brand)
					if err != nil {
						t.Errorf("%s: %v", name, err)
						continue
					}
					n++
					langs := strings.SplitN(l, "+", 2)
					white, worst := signRowWhite(ld.Pages[0], [2]string{langs[0], langs[1]})
					total, most = total+white, max(most, worst)
					for _, msg := range signRowFaults(ld.Pages[0], [2]string{langs[0], langs[1]}) {
						t.Errorf("%s: %s", name, msg)
					}
				}
			}
		}
	}
	t.Logf("%d two-language posters: %.0f pt of white under the shorter sides of their sign rows, at most %.1f lines in one row", n, total, most)
}

// signRowWhite is the white under the shorter sides of the sign rows of
// page p, in points, and the most in one row, in lines of its taller
// side.
func signRowWhite(p layout.Page, langs [2]string) (float64, float64) {
	items := signItems(p)
	a, b := items[langs[0]], items[langs[1]]
	if len(a) != len(b) {
		return 0, 0
	}
	total, most := 0.0, 0.0
	for i := range a {
		tall := a[i]
		if b[i].bottom-b[i].top > tall.bottom-tall.top {
			tall = b[i]
		}
		white := math.Abs((a[i].bottom - a[i].top) - (b[i].bottom - b[i].top))
		total += white
		most = max(most, white/tall.line)
	}
	return total, most
}

package pdf

import (
	"math"
	"net/url"
	"strings"
	"unicode"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
)

// The page model does not yet say what each element is in the document's
// structure, so the renderer reads it from what is drawn: lines of one
// size, colour and font that follow each other closely are one
// paragraph; the first bold words half as large again as the body (the
// size most text has) are the headline, other bold words larger than the
// body headings; a picture is the logo; a QR code is a figure
// inside the link it opens. Rectangles and rules are decoration.

// pageGuess is what open knows of the page being drawn.
type pageGuess struct {
	bodySize float64
	headline bool             // the page has had its headline
	para     int32            // the paragraph the last line went into; -1 for none
	prev     *layout.TextLine // the last line drawn
	links    map[int]int32    // a link element's index → the Link element its QR code opened
}

// startPage reads the size most of p's text has: the body's.
func (r *renderer) startPage(p *layout.Page) {
	g := pageGuess{para: -1}
	count := map[float64]int{}
	for _, e := range p.Elements {
		if e.Text == nil || len(e.Text.Line.Runs) == 0 {
			continue
		}
		size := e.Text.Line.Runs[0].Size
		count[size] += len(e.Text.Line.Runs[0].Text)
	}
	most := 0
	for size, n := range count {
		if n > most || n == most && size < g.bodySize {
			most, g.bodySize = n, size
		}
	}
	r.page = g
}

// open is the structure element that element i of page p belongs to,
// opened on first sight; -1 for decoration.
func (r *renderer) open(p *layout.Page, i int) int32 {
	g := &r.page
	e := p.Elements[i]
	st := r.st
	switch {
	case e.Text != nil && len(e.Text.Line.Runs) > 0:
		t := e.Text
		run := t.Line.Runs[0]
		if g.prev != nil && g.para >= 0 && sameParagraph(g.prev, t) {
			g.prev = t
			return g.para
		}
		role := "P"
		if (run.Font.Bold || run.FakeBold) && run.Size >= 1.15*g.bodySize && hasLetters(t) {
			role = "H2"
			if !g.headline && run.Size >= 1.5*g.bodySize {
				role, g.headline = "H1", true
			}
		}
		g.para = st.add(0, role, "", "")
		g.prev = t
		return g.para
	case e.Image != nil:
		g.prev = nil
		return st.add(0, "Figure", "", r.logoAlt)
	case e.QR != nil:
		g.prev = nil
		// The link that opens what the code says is drawn after it, over it.
		for j := i + 1; j < len(p.Elements); j++ {
			l := p.Elements[j].Link
			if l != nil && near(l.X, e.QR.X) && near(l.Y, e.QR.Y) {
				link := st.add(0, "Link", "", "")
				if g.links == nil {
					g.links = map[int]int32{}
				}
				g.links[j] = link
				return st.add(link, "Figure", "en", "QR code: "+where(l.URL))
			}
		}
		return st.add(0, "Figure", "en", "QR code")
	case e.Link != nil:
		if link, ok := g.links[i]; ok {
			return link
		}
		return st.add(0, "Link", "", "")
	}
	return -1
}

// sameParagraph reports whether line t continues the paragraph of prev:
// the same size, font and colour, starting at the same left edge or
// centred on the same axis, on the next line down.
func sameParagraph(prev, t *layout.TextLine) bool {
	a, b := prev.Line.Runs[0], t.Line.Runs[0]
	if a.Size != b.Size || a.Font != b.Font || prev.Color != t.Color || prev.Rotate != 0 || t.Rotate != 0 {
		return false
	}
	dy := t.Y - prev.Y
	if dy <= 0 || dy > 1.8*b.Size {
		return false
	}
	return near(prev.X, t.X) || near(prev.X+prev.Line.Width/2, t.X+t.Line.Width/2) || near(prev.X+prev.Line.Width, t.X+t.Line.Width)
}

// hasLetters reports whether t has a letter: a large bold number is the
// hotline, not a heading.
func hasLetters(t *layout.TextLine) bool {
	for _, run := range t.Line.Runs {
		for _, c := range run.Text {
			if unicode.IsLetter(c) {
				return true
			}
		}
	}
	return false
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.5 }

// where is what a QR code's alternative text says it opens: the address
// without its scheme and "www.".
func where(u string) string {
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		return strings.TrimPrefix(p.Host, "www.") + strings.TrimSuffix(p.EscapedPath(), "/")
	}
	return u
}

// logoAlt is the alternative text of an organisation's logo.
func logoAlt(meta doc.Meta) string {
	if meta.Author == "" || meta.Author == "awarekit" {
		return "Logo"
	}
	return "Logo: " + meta.Author
}

package layout

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Bilingual lays out two documents, the same material in two languages:
// the first language first in its own reading order (on the left for a
// left-to-right script, on the right for a right-to-left one), each
// section of one beside the same section of the other, aligned. The
// hotline number is printed once, large, with both languages' words
// around it.
type Bilingual func(ts *typeset.Typesetter, first, second *doc.Document, opts Options) (*Document, error)

// pair holds the two documents and a kit for each.
type pair struct {
	docs [2]*doc.Document
	kits [2]*kit
	// noOrgQR leaves out the organisation's website's own code, where
	// the page has no room for it: the website is in its list.
	noOrgQR bool
	// qrBeside keeps the hotline's code beside the number and contacts
	// even when they leave the column beside it short, where the page
	// has no room to set them across the width over the code.
	qrBeside bool
	// share is the first language's part of the width the two columns
	// share (0: halves). A language that takes far more room than the
	// other (French beside Chinese, Urdu beside Chinese) gets the wider
	// column where halves leave no room: the rows, each as tall as its
	// taller side, are shortest when both sides take about as many
	// lines (balancedShare).
	share float64
	// joined sets a contact's names in two directions on their lines
	// one after the other, as in one direction (pair.contactLine),
	// where the page has no room for each on lines of its own.
	joined bool
}

func newPair(ts *typeset.Typesetter, first, second *doc.Document, st Style) pair {
	p := pair{
		docs: [2]*doc.Document{first, second},
		kits: [2]*kit{newKit(ts, first, st), newKit(ts, second, st)},
	}
	matched(p.kits[:]...) // both languages look one size
	shareKeep(p.kits[:]...)
	return p
}

func (p pair) err() error {
	for _, k := range p.kits {
		if k.err != nil {
			return k.err
		}
	}
	return nil
}

// sync gives the first kit the second's error, which fitPage checks.
func (p pair) sync() {
	if p.kits[0].err == nil {
		p.kits[0].err = p.kits[1].err
	}
}

func (p pair) meta() doc.Meta {
	m := p.docs[0].Meta
	m.Title = p.docs[0].Headline + " / " + p.docs[1].Headline
	m.Subject = p.docs[0].Meta.Subject + " / " + p.docs[1].Meta.Subject
	return m
}

// aligned puts each language's box in its column, the first at the
// reading start of the first language; the row is as tall as the taller.
// embed is text of the second language inside a line set in the first
// ("Hotline name / its English name"): an isolate in the second
// language's direction when the two differ (doc.Embed).
func (p pair) embed(s string) string {
	return doc.Embed(s, p.docs[1].Meta.RTL, p.kits[0].rtl)
}

func (p pair) aligned(w, gap float64, a, b box) box {
	w0, _ := p.cols(w, gap)
	return p.kits[0].sideAt(w, w0, gap, a, b)
}

// cols are the widths of the first and the second language's columns
// in w, gap apart: halves, or the first's share.
func (p pair) cols(w, gap float64) (float64, float64) {
	share := p.share
	if share == 0 {
		share = 0.5
	}
	w0 := (w - gap) * share
	return w0, w - gap - w0
}

// bilingualStyle sizes a bilingual format.
type bilingualStyle struct {
	name             string
	margin, gap      float64
	headlines        []float64
	minBody, maxBody float64
	help             helpSizes
	pages            int  // 2: the rows go on as they fit, the help panel on the last page
	actions          bool // the format carries what to do
	// evenRows shares the columns' width so that the rows leave the
	// least white under their shorter sides (pair.evenRows).
	evenRows bool
	// sectionGap is the least white between the body and the band, the
	// hotline bar and the help panel (0: 14 pt).
	sectionGap float64
}

// BilingualFlyer is the flyer in two languages, on both sides of one
// sheet, each sign and action beside its translation: on the front the
// headlines, the signs and what fits of what to do, with the hotline;
// on the back the rest and the help panel with the contacts, the
// province's lines and the organisation's list. It carries what the
// flyer carries, its body looking 11 pt or more (Chinese, which looks
// larger, as small as 10.1 pt beside another language at 11:
// pair.level).
func BilingualFlyer(ts *typeset.Typesetter, first, second *doc.Document, opts Options) (*Document, error) {
	return bilingualPages(ts, first, second, opts, bilingualStyle{
		name: "flyer", margin: 32, gap: 22, headlines: []float64{24, 22, 20, 18},
		minBody: minFlyerBody, maxBody: 14, help: flyerHelp, pages: 2, actions: true,
	})
}

// BilingualPoster is the poster in two languages side by side, on one
// sheet: the headlines, each sign beside its translation, and the help
// panel, its body at 11 pt or more. Two languages' signs and help fill
// the sheet: what to do is the poster's and the bilingual flyer's
// (BilingualPosterContent).
func BilingualPoster(ts *typeset.Typesetter, first, second *doc.Document, opts Options) (*Document, error) {
	opts.Paper = PosterSheet(opts.Paper)
	return bilingualPages(ts, first, second, opts, bilingualStyle{
		name: "poster", margin: 36, gap: 28, headlines: []float64{40, 36, 32, 28, 24},
		minBody: minBilingualPosterBody, maxBody: 22, help: bilingualPosterHelp, pages: 1, evenRows: true,
	})
}

// bilingualPosterHelp are the bilingual poster's panel sizes: two
// languages' words share the width, the number is as large as on the
// poster.
var bilingualPosterHelp = helpSizes{title: 18, name: 15, number: posterHotline, detail: 12, emergency: 14, contact: 11, small: 9, qr: 96}

// minBilingualPosterBody is the bilingual poster's least body size: two
// languages share the width that one has on the poster.
const minBilingualPosterBody = 13.0

func bilingualPages(ts *typeset.Typesetter, first, second *doc.Document, opts Options, st bilingualStyle) (*Document, error) {
	// The roomiest panel first; then without the website's own code
	// (its address stays in the list), then tighter: each with the
	// columns in halves, then, where the two languages take unlike room,
	// with the wider column for the longer (balancedShare). Where none
	// fits, the same panels again at the next of bilingualLevels, with
	// the balanced columns. Two languages neither of which is English
	// (French beside Chinese, Urdu beside Persian) at every limit of the
	// organisation's name, contacts and logo needed them. Where none of
	// them fits with the contacts' names in two directions each on
	// lines of their own (pair.contactLine), all of them again with the
	// names joined on their lines, as they fitted before: the youth
	// flyer in Ukrainian and Persian with the organisation at every
	// limit and a very wide logo needed 753 pt where the page has 668.
	var out *Document
	var err error
	for _, joined := range []bool{false, true} {
		for level := range bilingualLevels {
			for _, v := range []struct{ noOrgQR, qrBeside bool }{{false, false}, {true, false}, {true, true}} {
				if v.noOrgQR && first.OrgQR == nil && !v.qrBeside {
					continue
				}
				p := newPair(ts, first, second, opts.style())
				p.noOrgQR, p.qrBeside, p.joined = v.noOrgQR, v.qrBeside, joined
				try, ok := p.level(st, level)
				if !ok {
					continue
				}
				var o *Document
				var e error
				var size float64
				if level == 0 {
					o, size, e = p.pages(opts, try)
					out, err = o, e // a refusal names what halves leave out
				}
				if level > 0 || errors.Is(e, ErrDoesNotFit) {
					if share := p.balancedShare(opts, try); share != 0.5 || level > 0 {
						p.share = share
						o, size, e = p.pages(opts, try)
					}
				}
				if e == nil && st.evenRows {
					o = p.evenRows(opts, try, o, size)
				}
				if !errors.Is(e, ErrDoesNotFit) {
					if o != nil && v.noOrgQR && first.OrgQR != nil && first.Help.Local != nil {
						o.Left = []doc.Part{doc.PartOrgQR} // the operator is told
					}
					return o, e
				}
			}
		}
		if first.Meta.RTL == second.Meta.RTL {
			break // the names are joined in one direction anyway
		}
	}
	return out, err
}

// bilingualLevels are the ways a two-language page is set, each tried
// where the one before leaves no room (pair.level).
const bilingualLevels = 3

// level is st as the page is set at level n of bilingualLevels, and
// whether that level is another than the one before it:
//  0. as st says;
//  1. beside a script that looks larger than Latin at one size
//     (Chinese), the body down to what looks as large as the least size
//     in Latin: the other language at the least size, Chinese at the
//     size that looks as large (10.1 pt beside 11), not at the size that
//     keeps Chinese's own at the least (the other then at 12);
//  2. as 1, with three quarters of the margins and 8 pt between the
//     body and the band, the hotline bar and the help panel, not 14.
func (p pair) level(st bilingualStyle, n int) (bilingualStyle, bool) {
	if n == 0 {
		return st, true
	}
	looks := st
	looks.minBody *= p.kits[0].least
	if n == 1 {
		return looks, looks.minBody < st.minBody
	}
	looks.margin, looks.sectionGap = st.margin*0.75, 8
	return looks, true
}

// bilingualSpec is the logo's room on a two-language page: the flyer's,
// a very tall logo in the band (whose height the two headlines set).
var bilingualSpec = bandOnly(flyerHeaderSpec)

// pages lays out the bilingual pages of p, and says the body size it
// set them at.
func (p pair) pages(opts Options, st bilingualStyle) (*Document, float64, error) {
	first, second := p.docs[0], p.docs[1]
	k0 := p.kits[0]
	paper := opts.Paper
	inner := paper.Width - 2*st.margin
	colW0, colW1 := p.cols(inner, st.gap)
	if k0.style == LargePrint {
		st.minBody, st.maxBody = max(st.minBody, minClearBody), max(st.maxBody, minClearBody+2)
	}
	// A logo too wide for the band goes in the strip across the page,
	// over both languages' footers; a very tall one stays in the band
	// (bilingualSpec).
	plain := [2]doc.Document{*first, *second}
	plain[0].Brand.Logo, plain[1].Brand.Logo = nil, nil
	footer := vstack(inner, 5, k0.logoStrip(first, inner, bilingualSpec),
		p.aligned(inner, st.gap, k0.footer(&plain[0], colW0, bilingualSpec), p.kits[1].footer(&plain[1], colW1, bilingualSpec)))
	// The compact band's least headline is the least either band sets.
	compact := scaled(st.headlines, 0.8)
	least := compact[len(compact)-1]
	headers := []box{p.band(paper.Width, st.margin, st.gap, st.headlines, least, 18), p.band(paper.Width, st.margin, st.gap, compact, least, 12)}
	back := p.kits[0].bilingualBackBand(p, paper.Width, st.margin, st.gap)
	if err := p.err(); err != nil {
		return nil, 0, fmt.Errorf("lay out bilingual %s: %w", st.name, err)
	}

	// rows are the sections in both languages, item beside item, in
	// order: the signs' titles, each sign, the caution, then each group
	// of actions, title, what to do and what to avoid. Each part starts
	// on one row in both columns: where one language has fewer signs or
	// actions than the other (a translation not yet complete), its
	// column is left empty beside the other's extra items.
	// parts says which part each row is in (rowParts), and gave how
	// many texts whose ties gave way each part holds (slotsGave).
	rows := func(size float64) (out []piece, parts, gave []int) {
		slots, gave := p.slotsGave([2]float64{colW0, colW1}, size, st.actions)
		eachRow(slots, func(a, b piece) {
			out = append(out, piece{b: p.aligned(inner, st.gap, a.b, b.b), gap: max(a.gap, b.gap), keep: a.keep || b.keep})
		})
		return out, rowParts(slots), gave
	}

	var pages []Page
	var setAt float64
	var lastErr error
	for _, size := range scalesDown(st.maxBody, st.minBody) {
		for _, header := range headers {
			all, parts, rowsGave := rows(size)
			scale := st.helpScale(size)
			gaveWay := p.kits[0].gaveWay + p.kits[1].gaveWay
			panel := p.bilingualPanel(inner, st, scale)
			gaveWay = p.kits[0].gaveWay + p.kits[1].gaveWay - gaveWay
			p.sync()
			if k0.err != nil {
				return nil, 0, fmt.Errorf("lay out %s %s+%s %s: %w", first.Meta.Audience, first.Meta.Lang, second.Meta.Lang, st.name, k0.err)
			}
			gap := cmp.Or(st.sectionGap, 14)
			frames := []pageFrame{{paper: paper, margin: st.margin, header: header, footer: footer, gap: gap}}
			if st.pages > 1 {
				frames = append(frames, pageFrame{paper: paper, margin: st.margin, header: back, footer: footer, gap: gap})
			}
			var bar box
			if st.pages > 1 {
				bar = p.bilingualBar(inner, st, scale)
			}
			larger := func(from, to int, grow float64, withPanel bool) grown {
				r, _, gave := rows(size * grow)
				var pn box
				was := p.kits[0].gaveWay + p.kits[1].gaveWay
				if withPanel {
					pn = p.bilingualPanel(inner, st, scale*grow)
				}
				if p.err() != nil {
					// The page stands as set at its size, which set
					// the same text without error.
					p.kits[0].err, p.kits[1].err = nil, nil
					return grown{}
				}
				// A tie that held at the page's size gave way in the
				// rows or the panel set larger: a smaller size. Ties
				// in the rows of the other page count not.
				if p.kits[0].gaveWay+p.kits[1].gaveWay-was > gaveWay || gaveIn(gave, parts[from:to]) > gaveIn(rowsGave, parts[from:to]) {
					return grown{gave: true, ok: true}
				}
				return grown{rows: r[from:to], panel: pn, ok: true}
			}
			got, ok, need, have := paginateRows(frames, all, bar, panel, size*1.2, larger)
			if ok {
				pages, setAt = got, size
				break
			}
			var boxes []box
			for _, r := range all {
				boxes = append(boxes, r.b)
			}
			lastErr = &FitError{Format: "bilingual " + st.name, Blocks: blocksOf(boxes...), Size: st.minBody, Need: need, Have: have}
		}
		if pages != nil {
			break
		}
	}
	if pages == nil {
		hint := fitHint(first)
		if errors.Is(lastErr, ErrDoesNotFit) {
			hint += fmt.Sprintf("; or make one per language (-l %s,%s)", first.Meta.Lang, second.Meta.Lang)
		}
		return nil, 0, fmt.Errorf("lay out %s %s+%s %s: %w%s", first.Meta.Audience, first.Meta.Lang, second.Meta.Lang, st.name, lastErr, hint)
	}
	return &Document{Meta: p.meta(), Pages: pages}, setAt, nil
}

// helpScale is how much the help panel and the hotline bar are scaled
// beside a body of size: a poster's panel keeps its sizes.
func (st bilingualStyle) helpScale(size float64) float64 {
	if st.name == "poster" {
		return 1
	}
	return size / 12.5
}

// evenRows is o, the page of p set at body size, or the same page with
// its columns shared otherwise where that leaves less white in its rows
// at a body nearly as large (one step of scalesDown smaller at most):
// each row (a sign beside its translation) is as tall as its taller
// side, and where one language takes far more room than the other in
// halves (French or English beside Chinese, Urdu beside Chinese) the
// shorter side leaves a line or two of white under every sign, down the
// column. The first language's share goes from 40% to 60% of the width
// (rowShares): the one whose rows leave the least white, by a line of
// body at least, at the size the page is set at; the page set so may
// take another size, at which another share may be better still: it is
// looked for once more.
func (p pair) evenRows(opts Options, st bilingualStyle, o *Document, size float64) *Document {
	cur := p.share
	if cur == 0 {
		cur = 0.5
	}
	at := size
	white, ties, ok := p.rowWhite(opts, st, cur, at)
	if !ok {
		return o
	}
	// set lays the page out with the first language's share, its body
	// at most most: the page, its body's size and its rows' white; nil
	// where it is no better.
	set := func(share, most float64) (*Document, float64, float64) {
		q := p
		q.share = share
		capped := st
		capped.maxBody = most
		even, evenAt, err := q.pages(opts, capped)
		if err != nil || evenAt < size*0.96-1e-9 {
			p.kits[0].err, p.kits[1].err = nil, nil
			return nil, 0, 0
		}
		w, gave, ok := p.rowWhite(opts, st, share, evenAt)
		if !ok || gave > ties || w >= white-evenAt {
			return nil, 0, 0
		}
		return even, evenAt, w
	}
	tried := map[float64]bool{cur: true}
	for range 2 {
		best, least := cur, white
		for _, share := range rowShares {
			// No tie given way that held.
			if w, gave, ok := p.rowWhite(opts, st, share, at); ok && gave <= ties && w < least-at {
				best, least = share, w
			}
		}
		if tried[best] {
			break
		}
		tried[best] = true
		even, evenAt, w := set(best, st.maxBody)
		if even == nil {
			// Set larger, the rows may leave more white: the body
			// as large as the page's, no larger.
			if even, evenAt, w = set(best, at); even == nil {
				break
			}
		}
		o, cur, at, white = even, best, evenAt, w
	}
	return o
}

// rowShares are the first language's shares of the columns' width that
// evenRows tries: a column narrower than 40% would set a Latin
// language's lines too short.
var rowShares = []float64{0.5, 0.45, 0.55, 0.4, 0.6}

// rowWhite is the white the rows of p leave under their shorter sides,
// the first language's column share of the width, its body at size
// (rows with one side empty, a translation not yet complete, count
// not), and how many ties gave way in them (a name or number kept
// whole that the column is too narrow for); false where the text cannot
// be set so.
func (p pair) rowWhite(opts Options, st bilingualStyle, share, size float64) (float64, int, bool) {
	inner := opts.Paper.Width - 2*st.margin
	q := p
	q.share = share
	w0, w1 := q.cols(inner, st.gap)
	gave := p.kits[0].gaveWay + p.kits[1].gaveWay
	slots := q.slots([2]float64{w0, w1}, size, st.actions)
	gave = p.kits[0].gaveWay + p.kits[1].gaveWay - gave
	if p.err() != nil {
		p.kits[0].err, p.kits[1].err = nil, nil
		return 0, 0, false
	}
	white := 0.0
	eachRow(slots, func(a, b piece) {
		if a.b.empty() || b.b.empty() {
			return
		}
		hole := math.Abs(a.b.H - b.b.H)
		// More than a line and a half of the taller side's lines (a
		// sign two lines longer than its translation) weighs five times.
		tall := a.b
		if b.b.H > a.b.H {
			tall = b.b
		}
		white += hole + 4*max(0, hole-maxRowWhite*lineHeight(tall))
	})
	return white, gave, true
}

// maxRowWhite is the most white, in lines of its taller side, a row
// of two languages leaves under its shorter side where the columns can
// be shared so (pair.rowWhite): about a line, a sign one line longer in
// one language than in the other (a line of Urdu is taller than one of
// Chinese: three lines of Urdu beside two of Chinese leave 1.4 of
// Urdu's).
const maxRowWhite = 1.5

// lineHeight is the height of the tallest line of text in b.
func lineHeight(b box) float64 {
	h := 0.0
	b.each(func(e *Element) {
		if e.Text != nil {
			h = max(h, e.Text.Line.Height)
		}
	})
	return h
}

// eachRow calls row with each row of two columns' slots in order: a
// part's items side by side, an empty piece beside the extra items of
// the column that has more.
func eachRow(slots [2][][]piece, row func(a, b piece)) {
	for s := range slots[0] {
		for j := range max(len(slots[0][s]), len(slots[1][s])) {
			var a, b piece
			if j < len(slots[0][s]) {
				a = slots[0][s][j]
			}
			if j < len(slots[1][s]) {
				b = slots[1][s][j]
			}
			row(a, b)
		}
	}
}

// slots are each language's sections set at size in its column's
// width: the signs' title, the signs and the caution, then (with
// actions) each group of actions' title, what to do and what to avoid;
// a language with fewer groups has empty slots for the other's.
func (p pair) slots(w [2]float64, size float64, actions bool) [2][][]piece {
	slots, _ := p.slotsGave(w, size, actions)
	return slots
}

// slotsGave is slots, and how many texts whose ties gave way (kit.gaveWay)
// each part holds in both languages: the signs (slots 0 to 2), then
// each group of actions (three slots each).
func (p pair) slotsGave(w [2]float64, size float64, actions bool) ([2][][]piece, []int) {
	var slots [2][][]piece
	groups := max(len(p.docs[0].Actions), len(p.docs[1].Actions))
	gave := make([]int, 1+groups)
	for i, d := range p.docs {
		k := p.kits[i]
		bs := k.newBodyStyle(size)
		was := k.gaveWay
		signs := k.signSlots(d, w[i], bs)
		slots[i] = append(slots[i], signs[:]...)
		gave[0] += k.gaveWay - was
		if actions {
			for g := range groups {
				var a [3][]piece
				was := k.gaveWay
				if g < len(d.Actions) {
					a = k.actionSlots(d.Actions[g], w[i], bs)
				}
				slots[i] = append(slots[i], a[:]...)
				gave[1+g] += k.gaveWay - was
			}
		}
	}
	return slots, gave
}

// balancedShare is the first language's share of the columns' width at
// which the page's parts set in two columns (the rows, each item beside
// its translation as tall as the taller; the help panel and the hotline
// bar, whose words are in both languages) are shortest at the least
// body size: the longer language gets the wider column, up to 60% of
// the width (a column narrower than 40% would set a Latin language's
// lines too short). Of shares as short, the nearest halves.
func (p pair) balancedShare(opts Options, st bilingualStyle) float64 {
	inner := opts.Paper.Width - 2*st.margin
	scale := st.helpScale(st.minBody)
	best, bestH := 0.5, 0.0
	for _, share := range []float64{0.5, 0.45, 0.55, 0.4, 0.6} {
		q := p
		q.share = share
		w0, w1 := q.cols(inner, st.gap)
		slots := q.slots([2]float64{w0, w1}, st.minBody, st.actions)
		h := q.bilingualPanel(inner, st, scale).H
		if st.pages > 1 {
			h += q.bilingualBar(inner, st, scale).H
		}
		eachRow(slots, func(a, b piece) { h += max(a.b.H, b.b.H) + max(a.gap, b.gap) })
		if p.err() != nil {
			return 0.5
		}
		if share == 0.5 || h < bestH-0.5 {
			best, bestH = share, h
		}
	}
	return best
}

// grown is rows of a page and its help panel set larger (pageGrower):
// gave where a tie that held at the page's size gave way so (a smaller
// size); ok false where the text cannot be set so.
type grown struct {
	rows     []piece
	panel    box
	gave, ok bool
}

// pageGrower sets rows[from:to] of a page grow times larger, and with
// panel its help panel.
type pageGrower func(from, to int, grow float64, panel bool) grown

// paginateRows puts rows on the pages of frames in order, each page but the
// last ending with bar (when set) and the last with panel; a title row
// never ends a page. It reports whether everything fitted, and else the
// height needed and had on the last page. A page but the last shares
// the white under its rows between them, up to lineOf more between
// each two. A last page after the first that leaves white under its
// panel (a back page of a few rows) is set again larger, its rows and
// its panel from larger, the largest of breaths' sizes that fits; what
// white is left is shared between its rows, up to lineOf (of the size
// it is set at) more between each two, as on the front, and the rest
// goes over its rows (settle).
//
// A back page that leaves more than balanceWhite of white over its rows
// so (one row and the help panel under 205 pt of white: the business
// flyer in Tigrinya and English on A4) takes rows from the end of the
// front, as many as leave it the least white, as long as the front's
// white, shared between its rows, leaves its bar at its foot; where
// that white is more than its rows can share at their size, the
// front's rows are set larger, the least of frontGrows that fills it
// (paginateFrom). The business flyer in Inuktitut and English on A4
// left 245 pt of white over two rows of the back: the front could not
// give up "What you can do" and its first item, for the signs left
// alone at their size left 100 pt of white over its bar.
func paginateRows(frames []pageFrame, rows []piece, bar, panel box, lineOf float64, larger pageGrower) ([]Page, bool, float64, float64) {
	pages, ok, need, have, front, white := paginateFrom(frames, slices.Clone(rows), bar, panel, lineOf, larger, -1)
	if !ok || len(frames) != 2 || larger == nil || white <= balanceWhite {
		return pages, ok, need, have
	}
	for n := front - 1; n > 0; n-- {
		if rows[n-1].keep {
			continue // a title does not end the front
		}
		try, ok, _, _, _, w := paginateFrom(frames, slices.Clone(rows), bar, panel, lineOf, larger, n)
		if !ok {
			break // the front's white over its bound, or the back full
		}
		if w < white-0.5 {
			pages, white = try, w
		}
		if white <= balanceWhite {
			break
		}
	}
	return pages, true, 0, 0
}

// balanceWhite is the most white a back page leaves over its rows
// (settle) before it takes rows from the front: three gaps of the
// flyer's frame.
const balanceWhite = 42.0

// frontGrows are how many times larger a front page's rows are set
// where the rows the back takes from it leave it more white than its
// rows can share (paginateFrom), least first: the front is filled, its
// body as near the back's as may be; no more than breaths' largest.
var frontGrows = []float64{1.05, 1.1, 1.15, 1.2, 1.3}

// paginateFrom is paginateRows with the first page holding at most most
// rows (any number that fits: -1), and the first page's white, left
// when its rows are spread, at most twice its gap (the white over its
// bar three gaps at most, where layPage keeps the bar at its foot),
// where most is not -1: where its rows at their size leave more, they
// are set larger (frontGrows). It also says how many rows the first
// page holds, and the white the last page of two leaves over its rows
// (settle).
func paginateFrom(frames []pageFrame, rows []piece, bar, panel box, lineOf float64, larger pageGrower, most int) ([]Page, bool, float64, float64, int, float64) {
	var pages []Page
	i, front, over := 0, 0, 0.0
	for n, f := range frames {
		last := n == len(frames)-1
		foot := bar
		if last {
			foot = panel
		}
		room := f.bottom() - f.top() - foot.H - f.gap
		var on []piece
		for ; i < len(rows); i++ {
			if colHeight(append(on[:len(on):len(on)], rows[i])) > room || n == 0 && most >= 0 && i >= most {
				break
			}
			on = append(on, rows[i])
		}
		// A title does not end a page: it goes on with its first item.
		for len(on) > 0 && on[len(on)-1].keep && !last {
			on = on[:len(on)-1]
			i--
		}
		if last && i < len(rows) {
			return nil, false, colHeight(append(on, rows[i:]...)) + foot.H + f.gap, room + foot.H + f.gap, front, 0
		}
		if len(on) > 0 && on[0].gap > 0 {
			on[0].gap = 0
		}
		body := box{}
		if len(on) > 0 {
			body = stackRows(on)
		}
		if !last {
			// A page the rows go on from is filled: the white a row
			// too tall for it leaves (a title and its first item) is
			// shared between its rows, up to a line of body more
			// between each two, and its bar sits at its foot.
			spreadRows(on, room-colHeight(on), lineOf)
			if n == 0 {
				front = len(on)
				if most >= 0 && room-colHeight(on) > 2*f.gap+0.01 {
					big := growFront(on, room, 2*f.gap, lineOf, larger)
					if big == nil {
						return nil, false, 0, 0, front, 0
					}
					on = big
				}
			}
			body = stackRows(on)
			pages = append(pages, layPage(f, []box{body, foot}))
			continue
		}
		if n == 0 {
			// One page (the poster): the white its body leaves over
			// its panel is shared between its rows, up to half a line
			// of body more between each two, not left in one band.
			spreadRows(on, room-colHeight(on), lineOf/2)
			body = stackRows(on)
			pages = append(pages, layPage(f, []box{body, foot}))
			continue
		}
		back, grew := on, 1.0
		if larger != nil && whiteBoxUnder(layBox(f, []box{body, foot}), f) > breathRoom {
			from := i - len(on)
			for _, grow := range []float64{1.3, 1.2, 1.15, 1.1, 1.05} {
				g := larger(from, len(rows), grow, true)
				if !g.ok {
					break
				}
				if g.gave {
					continue
				}
				big := g.rows
				if len(big) > 0 {
					big[0].gap = 0
				}
				if colHeight(big)+g.panel.H+f.gap > f.bottom()-f.top()+0.01 || wideError(g.panel, stackRows(big)) != nil {
					continue
				}
				b := box{}
				if len(big) > 0 {
					b = stackRows(big)
				}
				if !airy(big, whiteBoxUnder(layBox(f, []box{b, g.panel}), f)-maxWhiteUnder, lineOf*grow) {
					continue
				}
				back, grew, foot, body = big, grow, g.panel, b
				break
			}
		}
		// The white the back leaves over maxWhiteUnder is shared
		// between its rows, up to a line of body more between each
		// two, as on the front; what is left goes over them (settle).
		if white := whiteBoxUnder(layBox(f, []box{body, foot}), f) - maxWhiteUnder; white > 0 && len(back) > 1 {
			spreadRows(back, white, lineOf*grew)
			body = stackRows(back)
		}
		over = max(whiteBoxUnder(layBox(f, []box{body, foot}), f)-maxWhiteUnder, 0)
		pages = append(pages, settle(f, []box{body, foot}))
	}
	return pages, true, 0, 0, front, over
}

// growFront is the front page's rows on set larger, the least of
// frontGrows at which, shared between them (up to lineOf of their size
// more between each two), they leave room at most most of white; nil
// where none does.
func growFront(on []piece, room, most, lineOf float64, larger pageGrower) []piece {
	if larger == nil {
		return nil
	}
	for _, grow := range frontGrows {
		g := larger(0, len(on), grow, false)
		if !g.ok {
			return nil
		}
		if g.gave {
			continue
		}
		big := g.rows
		if len(big) > 0 {
			big[0].gap = 0
		}
		h := colHeight(big)
		if h > room+0.01 {
			return nil // larger still leaves less room
		}
		if wideError(stackRows(big)) != nil {
			continue
		}
		if !airy(big, room-h, lineOf*grow) {
			return nil // larger still leaves less air
		}
		spreadRows(big, room-h, lineOf*grow)
		if room-colHeight(big) <= most+0.01 {
			return big
		}
	}
	return nil
}

// spreadRows shares extra points between the gaps between rows, at
// most most points more each; a title stays by what it heads.
func spreadRows(rows []piece, extra, most float64) {
	n := rowGaps(rows)
	if n == 0 || extra <= 0 {
		return
	}
	add := min(extra/float64(n), most)
	for i := 1; i < len(rows); i++ {
		if !rows[i-1].keep {
			rows[i].gap += add
		}
	}
}

// rowGaps is how many gaps between rows spreadRows shares white
// between: all but those under a title.
func rowGaps(rows []piece) int {
	n := 0
	for i := 1; i < len(rows); i++ {
		if !rows[i-1].keep {
			n++
		}
	}
	return n
}

// airy says whether white, shared between the gaps between rows, gives
// each half a line (lineOf) at least: rows set larger that leave less
// stand cramped, item under item, where smaller they stood apart (the
// health flyer in Cree and English on Letter, its back 15% larger).
func airy(rows []piece, white, lineOf float64) bool {
	return white >= float64(rowGaps(rows))*lineOf/2-0.01
}

// stackRows puts rows under each other.
func stackRows(rows []piece) box {
	out := box{}
	y := 0.0
	for i, r := range rows {
		if i > 0 {
			y += r.gap
		}
		out.place(r.b, 0, y)
		y += r.b.H
	}
	out.H = y
	return out
}

func scaled(sizes []float64, f float64) []float64 {
	out := make([]float64, len(sizes))
	for i, s := range sizes {
		out[i] = s * f
	}
	return out
}

// band carries the organisation's name once, both headlines (each over
// its column, at one size, the largest at which both fit in three
// lines, down to least where only a smaller size breaks them at their
// sentences' ends: cleanHeadlines) and the logo at the first language's
// reading end.
func (p pair) band(pageW, margin, gap float64, sizes []float64, least, pad float64) box {
	k0 := p.kits[0]
	first := p.docs[0]
	fg := k0.col.onBand
	if !k0.col.onColour {
		fg = k0.col.ink
	}
	inner := pageW - 2*margin
	var logo box
	spec := bilingualSpec
	textW := inner
	if first.Brand.Logo != nil {
		lp := placeLogo(first.Brand.Logo, spec, inner)
		logo = k0.logo(first, lp.w, lp.h)
		if lp.strip {
			logo = box{}
		}
	}
	// A logo as tall as wide or taller stands beside the whole heading,
	// the organisation's name and both headlines: on the name's row it
	// would leave the band empty under the name, down to the logo's
	// foot. A wide one lies on the name's row, about its height, and
	// leaves the headlines the band's width.
	beside := logo.W > 0 && logo.H >= logo.W
	if beside {
		textW = inner - logo.W - spec.gap
	}
	colW0, colW1 := p.cols(textW, gap)
	colW := [2]float64{colW0, colW1}
	// Both headlines at one size: the largest at which both fit, broken
	// only where a reader accepts (headlineAt) if any size does. Three
	// lines are three of each script's lines: a script that looks small
	// is set larger (optical), and its lines are taller. Counted in
	// Latin's lines, Arabic had room for two beside English's three, and
	// "اعرف العلامات. / يمكنك الحصول / على المساعدة." never fitted: it
	// broke inside a sentence, "اعرف العلامات. يمكنك / الحصول على
	// المساعدة.".
	var lines [2]float64
	for i, d := range p.docs {
		lines[i] = 3 * p.kits[i].optical(d.Headline)
	}
	heads, found := p.cleanHeadlines(colW, sizes, least, fg, lines)
	for _, size := range sizes {
		if found {
			break
		}
		ok := true
		for i, d := range p.docs {
			heads[i] = p.kits[i].headline(d.Headline, colW[i], []float64{size}, 1.12, fg, lines[i])
			if heads[i].H > size*1.12*lines[i]+0.1 {
				ok = false
			}
		}
		if ok {
			break
		}
	}
	var orgRow box
	if first.Brand.OrgName != "" {
		orgW := inner
		if logo.W > 0 {
			orgW = inner - logo.W - spec.gap
		}
		org := inBlock(k0.text(k0.own(strings.ToUpper(first.Brand.OrgName)), orgW, textStyle{Style: typeset.Style{Size: 10, Bold: true, Leading: 1.2}, Color: fg}), doc.PartOrg)
		orgRow = org
	}
	if logo.W > 0 && !beside {
		org := orgRow
		org.W = inner - logo.W - spec.gap
		orgRow = k0.row(inner, spec.gap, org, logo)
	}
	heading := vstack(textW, 8, orgRow, p.aligned(textW, gap, heads[0], heads[1]))
	if beside {
		heading.W = textW
		heading = k0.row(inner, spec.gap, heading, logo)
		heading.H = max(heading.H, logo.H)
	}
	h := heading.H + 2*pad
	out := box{W: pageW, H: h}
	if k0.col.onColour {
		out.els = append(out.els, Element{Rect: &Rect{W: pageW, H: h, Fill: k0.col.band}})
	} else {
		out.els = append(out.els, Element{Rect: &Rect{Y: h - 6, W: pageW, H: 6, Fill: k0.col.band}})
	}
	out.place(heading, margin, pad)
	out.H = h
	out.W = pageW
	return out
}

// cleanHeadlines sets both headlines in their columns (colW wide) at one
// size: the largest of sizes, then of smaller sizes a step apart down to
// least, at which
// each fits in its lines breaking only where a reader accepts
// (headlineAt: a sentence's end at a line's end, no last word alone),
// and reports whether one did. A headline that breaks so at none of
// them (a word wider than the column with its tie, as in Plains Cree
// beside a square logo) does not hold the other back: it is set as it
// can at that size (headline), within its lines. Two languages share one
// size, and beside a logo "Vous étudiez au Canada? Connaissez vos
// droits." broke inside a sentence at every size of the band; one step
// smaller, it breaks at the question mark.
func (p pair) cleanHeadlines(colW [2]float64, sizes []float64, least float64, fg doc.RGB, lines [2]float64) ([2]box, bool) {
	all := slices.Clone(sizes)
	if n := len(sizes); n >= 2 {
		for step, s := sizes[n-2]-sizes[n-1], sizes[n-1]; step > 0 && s > least+0.01; {
			s = max(s-step, least)
			all = append(all, s)
		}
	}
	type set struct {
		b     box
		clean bool
	}
	at := make([][2]set, len(all))
	var can [2]bool
	for j, size := range all {
		for i, d := range p.docs {
			b, clean := p.kits[i].headlineAt(d.Headline, colW[i], size, 1.12, fg, lines[i])
			at[j][i] = set{b, clean}
			can[i] = can[i] || clean
		}
	}
	var heads [2]box
	if !can[0] && !can[1] {
		return heads, false
	}
	for j, size := range all {
		ok := true
		for i, d := range p.docs {
			heads[i] = at[j][i].b
			if can[i] {
				ok = ok && at[j][i].clean
				continue
			}
			heads[i] = p.kits[i].headline(d.Headline, colW[i], []float64{size}, 1.12, fg, lines[i])
			ok = ok && heads[i].H <= size*1.12*lines[i]+0.1
		}
		if ok {
			return heads, true
		}
	}
	return heads, false
}

// bilingualBackBand is the back page's slim band in the brand colour
// (a rule in the clear styles): decoration that says the page goes with
// the front.
func (k *kit) bilingualBackBand(_ pair, pageW, _, _ float64) box {
	h := 14.0
	out := box{W: pageW, H: h}
	if k.col.onColour {
		out.els = append(out.els, Element{Rect: &Rect{W: pageW, H: h, Fill: k.col.band}})
	} else {
		out.els = append(out.els, Element{Rect: &Rect{Y: h - 5, W: pageW, H: 5, Fill: k.col.band}})
	}
	return out
}

// bilingualBar is the front page's hotline: each language's hotline
// name and emergency line in its column, the number once across both.
func (p pair) bilingualBar(w float64, st bilingualStyle, scale float64) box {
	const pad = 12.0
	k0 := p.kits[0]
	hs := st.help
	hs.name, hs.emergency = max(hs.name*scale, 10.5), max(hs.emergency*scale, 10.5)
	if k0.style == LargePrint {
		hs = clearHelp(hs)
	}
	cw := w - 2*pad
	var colW [2]float64
	colW[0], colW[1] = p.cols(cw, st.gap)
	var names, emerg [2]box
	for i, d := range p.docs {
		k := p.kits[i]
		names[i] = inBlock(k.text(d.Help.Hotline.Name, colW[i], textStyle{Style: typeset.Style{Size: hs.name, Bold: true, Leading: 1.2}, Color: k.col.ink}), doc.PartHotline)
		emerg[i] = inBlock(k.text(d.Help.Emergency, colW[i], textStyle{Style: typeset.Style{Size: hs.emergency, Bold: true, Leading: 1.25}, Color: k.col.danger}), doc.PartEmergency)
	}
	number := inBlock(k0.number(p.docs[0].Help.Hotline.Phone, cw, textStyle{Style: typeset.Style{Size: hs.number, Bold: true, Leading: 1.1}, Color: k0.col.accent, Align: alignCenter}), doc.PartHotline)
	content := vstack(cw, 4, p.aligned(cw, st.gap, names[0], names[1]), number, p.aligned(cw, st.gap, emerg[0], emerg[1]))
	content.W = cw
	return k0.panel(w, content, panelStyle{pad: pad, radius: 8, stroke: 1.5})
}

// bilingualPanel is the help panel in two languages: each language's
// hotline name, what it is and emergency line in its column; the number
// once across both beside the QR code; every contact once, named in
// both languages, one to a line; and the organisation's list under both
// languages' titles.
func (p pair) bilingualPanel(w float64, st bilingualStyle, scale float64) box {
	pad := 10.0
	if st.name == "poster" {
		pad = 20
	}
	k0 := p.kits[0]
	first := p.docs[0]
	hs := st.help
	hs.name, hs.detail, hs.emergency = max(hs.name*scale, 10.5), max(hs.detail*scale, minSize+0.5), max(hs.emergency*scale, 10.5)
	if st.name != "poster" {
		hs.contact, hs.small = minSize+0.5, minSize
	}
	if k0.style == LargePrint {
		hs = clearHelp(hs)
	}
	cw := w - 2*pad
	var colW [2]float64
	colW[0], colW[1] = p.cols(cw, st.gap)
	var words [2]box
	for i, d := range p.docs {
		words[i] = p.kits[i].hotlineWords(d, colW[i], hs)
	}
	qr := inBlock(k0.qrColumn(first.QR, hs.qr, hs.small, hs.small, cw*0.3, translation{p.kits[1], p.docs[1].QR.Caption}), doc.PartQR)
	leftW := cw - qr.W - pad
	numberSt := textStyle{Style: typeset.Style{Size: hs.number, Bold: true, Leading: 1.1}, Color: k0.col.accent}
	// The number beside the code when it fits there at its size, else on
	// a row of its own above them.
	var above box
	var number box
	if k0.ltr().width(first.Help.Hotline.Phone, numberSt) <= leftW {
		number = inBlock(k0.number(first.Help.Hotline.Phone, leftW, numberSt), doc.PartHotline)
	} else {
		above = inBlock(k0.number(first.Help.Hotline.Phone, cw, numberSt), doc.PartHotline)
	}
	// The contacts, each once, named in both languages; one alone takes
	// the width of both columns, so that none stands empty beside it.
	lineW := (leftW - 18) / 2
	if len(first.Help.Others)+len(first.Help.Province) == 1 {
		lineW = leftW
	}
	var lines []piece
	for _, list := range []struct {
		block doc.Part
		cs    [2][]doc.Contact
	}{{doc.PartContacts, [2][]doc.Contact{first.Help.Others, p.docs[1].Help.Others}}, {doc.PartProvince, [2][]doc.Contact{first.Help.Province, p.docs[1].Help.Province}}} {
		var all box
		for j, c := range list.cs[0] {
			var t *doc.Contact
			if j < len(list.cs[1]) {
				t = &list.cs[1][j]
			}
			b := group(inBlock(p.contactLine(c, t, lineW, hs.contact), list.block), RoleLI, list.block)
			lines = append(lines, piece{b: b, gap: hs.contact * 0.35})
			all.place(b, 0, 0)
		}
		group(all, RoleL, list.block)
	}
	// The number, and the contacts under it, beside the QR code.
	left := vstack(leftW, pad*0.6, number, k0.flow(lines, 2, leftW, 18))
	beside := k0.row(cw, pad, left, qr)
	if left.H < qr.H*0.6 && !p.qrBeside {
		// Little or nothing beside the code (the number and a contact or
		// two): the number goes on a row of its own above them, the
		// contacts take the width, and the code goes under them in the
		// middle, not beside a column left empty. (This stack once left
		// out a number set beside the code: the backs of health pa+en
		// and business en+fr flyers named the hotline and printed no
		// number.)
		if !number.empty() {
			above = inBlock(k0.number(first.Help.Hotline.Phone, cw, numberSt), doc.PartHotline)
		}
		beside = vstack(cw, pad*0.6, k0.flow(lines, 2, cw, 18), centered(qr, cw))
	}
	parts := []box{p.aligned(cw, st.gap, words[0], words[1]), above, beside}
	if first.Help.Local != nil {
		parts = append(parts, k0.rule(cw), p.localBlock(cw, hs))
	}
	content := vstack(cw, pad*0.6, parts...)
	content.W = cw
	return k0.panel(w, content, panelStyle{pad: pad, radius: 8, stroke: 1.5})
}

// contactLine is one contact of the help panel named in both languages,
// w wide: c as the first language names it, t as the second does (nil
// where the second has no such contact). In one direction (French
// beside English) the second's name and text line follow the first's
// ("Name / Nom"). In two (Arabic beside Chinese), a second name that
// does not fit whole on the line after the first's goes under it on a
// line of its own, in its own direction, aligned where the first's
// lines start; so does the second's text line ("发送 CONNECT 至
// 686868") always. Set in one paragraph with the first's, the second
// part ran from the left end of one line on to the right of the next
// ("… / Service", then "Canada（加拿大服务局）…"), and two text lines put
// their numbers side by side ("686868 / 686868"). The number, the
// website and the first's text line follow the names, as
// kit.contactLine sets them. Where the page has no room for that
// (p.joined), the names are joined as in one direction.
func (p pair) contactLine(c doc.Contact, t *doc.Contact, w, size float64) box {
	k0, k1 := p.kits[0], p.kits[1]
	ink := k0.col.ink
	if t == nil {
		return k0.contactLine(c, w, size, ink)
	}
	if k0.rtl == k1.rtl || p.joined {
		if t.Name != c.Name {
			c.Name += " / " + p.embed(t.Name)
		}
		if t.Text != c.Text {
			c.Text += " / " + p.embed(t.Text)
		}
		return k0.contactLine(c, w, size, ink)
	}
	st := textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: 1.2}, Color: ink}
	// The second's words start where the first's do: at its end.
	second := st
	second.Align = alignEnd
	var names, text box
	if t.Name != "" && t.Name != c.Name {
		if joined := c.Name + " / " + p.embed(t.Name); k0.width(joined, st) <= w {
			c.Name = joined
		} else {
			names = vstack(w, 1, k0.text(c.Name, w, st), k1.text(t.Name, w, second))
			c.Name = ""
		}
	}
	if t.Text != "" && t.Text != c.Text {
		// As the first's text line: among the ways, bold, in
		// left-to-right text; on a line of its own, not bold, in
		// right-to-left text (kit.contactLine).
		second.Bold = !k0.rtl
		text = k1.text(t.Text, w, second)
	}
	return vstack(w, 1, names, k0.contactLine(c, w, size, ink), text)
}

// hotlineWords are one language's words about the hotline: its name,
// as the panel's heading, what it is, and the emergency line.
func (k *kit) hotlineWords(d *doc.Document, w float64, hs helpSizes) box {
	return vstack(w, 3,
		inBlock(vstack(w, 2,
			k.text(d.Help.Hotline.Name, w, textStyle{Style: typeset.Style{Size: hs.name * 1.1, Bold: true, Leading: 1.2}, Color: k.col.accent, Role: RoleH2}),
			k.text(d.Help.Hotline.Detail, w, textStyle{Style: typeset.Style{Size: hs.detail, Leading: 1.25}, Color: k.col.ink}),
		), doc.PartHotline),
		inBlock(k.text(d.Help.Emergency, w, textStyle{Style: typeset.Style{Size: hs.emergency, Bold: true, Leading: 1.25}, Color: k.col.danger}), doc.PartEmergency),
	)
}

// localBlock is the organisation's list under both languages' titles,
// its contacts once, one to a line.
func (p pair) localBlock(w float64, hs helpSizes) box {
	// The organisation's website's own code, captioned with its
	// address, beside the list.
	if code := p.kits[0].orgQR(p.docs[0], w*0.3, hs.small); code.W > 0 && !p.noOrgQR {
		return p.kits[0].row(w, 18, p.localList(w-code.W-18, hs, true), code)
	}
	return p.localList(w, hs, false)
}

// localList is the organisation's list: its title in both languages, then
// its contacts (localEntries).
func (p pair) localList(w float64, hs helpSizes, withQR bool) box {
	k0, k1 := p.kits[0], p.kits[1]
	first, second := p.docs[0], p.docs[1]
	l := first.Help.Local
	title := textStyle{Style: typeset.Style{Size: hs.contact, Bold: true, Leading: 1.2}, Color: k0.col.accent, Role: RoleH3}
	colW0, colW1 := p.cols(w, 18)
	t2 := box{W: colW1}
	if second.Help.Local != nil && second.Help.Local.Title != l.Title {
		t2 = inBlock(k1.text(second.Help.Local.Title, colW1, title), doc.PartLocal)
	}
	titles := p.aligned(w, 18, inBlock(k0.text(l.Title, colW0, title), doc.PartLocal), t2)
	return vstack(w, 3, titles, k0.contactLines(localEntries(first, withQR, k0.rtl), w, hs.contact, doc.PartLocal))
}

// signSlots are the signs in three parts: their title, the signs, and
// the caution.
func (k *kit) signSlots(d *doc.Document, w float64, bs bodyStyle) [3][]piece {
	ps := k.signPieces(d, len(d.Signs.Items), w, bs)
	n := 0
	if d.Signs.Title != "" {
		n = 1
	}
	m := n + len(d.Signs.Items)
	return [3][]piece{ps[:n], ps[n:m], ps[m:]}
}

// actionSlots are one group of actions in three parts, as actionPieces
// sets them: its title, what to do and what to avoid.
func (k *kit) actionSlots(g doc.Actions, w float64, bs bodyStyle) [3][]piece {
	ps := k.listPieces(doc.PartActions, g.Title, g.Do, "✓", "", w, bs)
	donts := k.itemPieces(doc.PartActions, g.Dont, "✗", w, bs)
	if len(donts) > 0 {
		donts[0].gap = bs.itemGap
	}
	n := 0
	if g.Title != "" {
		n = 1
	}
	return [3][]piece{ps[:n], ps[n:], donts}
}

// rowParts says which part of slots each of their rows (eachRow) is
// in: the signs 0, each group of actions one more (slotsGave).
func rowParts(slots [2][][]piece) []int {
	var parts []int
	for s := range slots[0] {
		for range max(len(slots[0][s]), len(slots[1][s])) {
			parts = append(parts, s/3)
		}
	}
	return parts
}

// gaveIn is how many texts whose ties gave way the parts of rows hold,
// each part counted once (slotsGave).
func gaveIn(gave, parts []int) int {
	n, last := 0, -1
	for _, part := range parts {
		if part != last {
			n += gave[part]
			last = part
		}
	}
	return n
}

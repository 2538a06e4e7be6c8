package layout

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
	qrcode "github.com/skip2/go-qrcode"
)

// box is a laid-out piece: elements placed relative to its top-left
// corner, and its size. Layouts compose boxes: set text into boxes, stack
// them, place them side by side, then put the result on a page.
//
// A box keeps the boxes placed in it as they are, with where they go,
// and its elements are copied to where they end up only when a page is
// made (elements): a layout tries a page at several sizes and keeps one,
// and copying every element at every level of every try was most of its
// work.
type box struct {
	W, H float64
	els  []Element // its own elements, in the order they were added
	kids []kid     // the boxes placed in it
	// wide is a line in the box that may not break (a phone number, an
	// address's part) and is wider than the line it was set in, even at
	// the least size (kit.unitFloor): a page that holds it is refused
	// (wideError) rather than printed with the number over its
	// neighbours.
	wide string
	// parent is the structure element the kept tags in b (a Memo's
	// part, which documents share and nothing changes) are in: group
	// gives it to b rather than to their root, and box.elements makes
	// it the parent of the root's copy. A box in b with a parent of its
	// own gives its own.
	parent *Tag
}

// kid is a box placed in another at x, y, drawn after the first at of
// the other's own elements.
type kid struct {
	box
	at   int
	x, y float64
}

// place puts other into b with its top-left corner at x, y and grows b to
// contain it.
func (b *box) place(other box, x, y float64) {
	if len(other.els) > 0 || len(other.kids) > 0 {
		b.kids = append(b.kids, kid{box: other, at: len(b.els), x: x, y: y})
	}
	if b.wide == "" {
		b.wide = other.wide
	}
	if x+other.W > b.W {
		b.W = x + other.W
	}
	if y+other.H > b.H {
		b.H = y + other.H
	}
}

// empty reports whether b draws nothing and takes no room.
func (b box) empty() bool { return b.H == 0 && len(b.els) == 0 && len(b.kids) == 0 }

// offset is where a box was placed in the one it is in.
type offset struct{ x, y float64 }

// walk calls fn with each element of b in drawing order, the offsets
// of the boxes it is in, outermost first, and the parent of the kept
// tags where it is (box.parent of the innermost box that has one, or
// up).
func (b *box) walk(offs []offset, up *Tag, fn func(e *Element, offs []offset, up *Tag)) {
	if b.parent != nil {
		up = b.parent
	}
	k := 0
	for i := 0; i <= len(b.els); i++ {
		for ; k < len(b.kids) && b.kids[k].at == i; k++ {
			c := &b.kids[k]
			c.walk(append(offs, offset{c.x, c.y}), up, fn)
		}
		if i < len(b.els) {
			fn(&b.els[i], offs, up)
		}
	}
}

// each calls fn with each element of b, in drawing order, where it is in
// the box it belongs to (not where it is in b): for what reads tags,
// sizes or kinds.
func (b box) each(fn func(e *Element)) {
	b.eachIn(fn)
}

// eachIn is each, without the offsets walk keeps (a slice that grew at
// every level of every box grouped).
func (b *box) eachIn(fn func(e *Element)) {
	k := 0
	for i := 0; i <= len(b.els); i++ {
		for ; k < len(b.kids) && b.kids[k].at == i; k++ {
			b.kids[k].eachIn(fn)
		}
		if i < len(b.els) {
			fn(&b.els[i])
		}
	}
}

// eachTagged calls fn with each element of b that has a tag, in drawing
// order, and the parent of the kept tags where it is (box.parent of the
// innermost box that has one, or up).
func (b *box) eachTagged(up *Tag, fn func(e *Element, up *Tag)) {
	if b.parent != nil {
		up = b.parent
	}
	k := 0
	for i := 0; i <= len(b.els); i++ {
		for ; k < len(b.kids) && b.kids[k].at == i; k++ {
			b.kids[k].eachTagged(up, fn)
		}
		if i < len(b.els) && b.els[i].Tag != nil {
			fn(&b.els[i], up)
		}
	}
}

// rootIn is the outermost ancestor t has on a page where the kept tags'
// parent is up (box.parent): t's root, or when that is a kept tag, up's
// root (nil when there is none yet).
func rootIn(t, up *Tag) *Tag {
	if r := t.Root(); !r.kept {
		return r
	}
	return up.Root()
}

// elements are b's elements where they are in b, each a copy of its
// own, in drawing order: what a page holds. A position is moved by the
// same additions, in the same order (innermost box first), as placing
// boxes one in another once moved the elements' own fields, so a page
// comes out exactly as it did. The copies of each kind share one
// allocation.
func (b box) elements() []Element {
	var n [6]int
	total := 0
	b.each(func(e *Element) {
		total++
		switch {
		case e.Rect != nil:
			n[0]++
		case e.Text != nil:
			n[1]++
		case e.Image != nil:
			n[2]++
		case e.QR != nil:
			n[3]++
		case e.Link != nil:
			n[4]++
		case e.Rule != nil:
			n[5]++
		}
	})
	rects, texts, images := make([]Rect, 0, n[0]), make([]TextLine, 0, n[1]), make([]Image, 0, n[2])
	qrs, links, rules := make([]QR, 0, n[3]), make([]Link, 0, n[4]), make([]Rule, 0, n[5])
	out := make([]Element, 0, total)
	// The tags of a part a Memo keeps are copied, with their ancestors,
	// one copy of each for the page, the root's in the structure element
	// the part was grouped in (box.parent).
	var kept map[*Tag]*Tag
	var slab []Tag
	b.walk(make([]offset, 0, 16), nil, func(it *Element, offs []offset, up *Tag) {
		e := Element{Tag: it.Tag}
		if e.Tag != nil && e.Tag.kept {
			if kept == nil {
				kept = map[*Tag]*Tag{}
			}
			e.Tag = copiedTag(e.Tag, up, kept, &slab)
		}
		switch {
		case it.Rect != nil:
			r := *it.Rect
			shift(&r.X, &r.Y, offs)
			rects = append(rects, r)
			e.Rect = &rects[len(rects)-1]
		case it.Text != nil:
			t := *it.Text
			shift(&t.X, &t.Y, offs)
			texts = append(texts, t)
			e.Text = &texts[len(texts)-1]
		case it.Image != nil:
			im := *it.Image
			shift(&im.X, &im.Y, offs)
			images = append(images, im)
			e.Image = &images[len(images)-1]
		case it.QR != nil:
			q := *it.QR
			shift(&q.X, &q.Y, offs)
			qrs = append(qrs, q)
			e.QR = &qrs[len(qrs)-1]
		case it.Link != nil:
			l := *it.Link
			shift(&l.X, &l.Y, offs)
			links = append(links, l)
			e.Link = &links[len(links)-1]
		case it.Rule != nil:
			r := *it.Rule
			shift(&r.X1, &r.Y1, offs)
			shift(&r.X2, &r.Y2, offs)
			rules = append(rules, r)
			e.Rule = &rules[len(rules)-1]
		}
		out = append(out, e)
	})
	return out
}

// flat is b with its elements where they are in b and no boxes in it:
// for the few places that change the elements of a finished piece.
func (b box) flat() box {
	return box{W: b.W, H: b.H, els: b.elements()}
}

// vstack puts boxes under each other, gap points apart.
func vstack(w, gap float64, boxes ...box) box {
	out := box{W: w, kids: make([]kid, 0, drawing(boxes))}
	y := 0.0
	first := true
	for _, b := range boxes {
		if b.empty() {
			continue
		}
		if !first {
			y += gap
		}
		first = false
		out.place(b, 0, y)
		y += b.H
	}
	out.H = y
	out.W = w
	return out
}

// drawing is how many of boxes place keeps (those that draw something),
// for a box to hold them in one allocation.
func drawing(boxes []box) int {
	n := 0
	for i := range boxes {
		if len(boxes[i].els) > 0 || len(boxes[i].kids) > 0 {
			n++
		}
	}
	return n
}

// group gives the structure elements of b that have no parent a new one
// of role, from block: a list around its items, a section around its
// parts. Tags are made fresh for every attempt at a page, so a parent is
// never given twice. A kept tag (a Memo's, shared by documents) is never
// changed: the box returned carries the new parent of the kept roots in
// it (box.parent), which box.elements gives their copies; a caller that
// drops the box returned must hold no kept tags.
func group(b box, role Role, block doc.Part) box {
	t := &Tag{Role: role, Block: block}
	carries := false
	b.eachTagged(nil, func(e *Element, up *Tag) {
		r := rootIn(e.Tag, up)
		switch {
		case r == nil:
			r, carries = e.Tag.Root(), true
		case r == t:
			return
		default:
			r.Parent = t
		}
		if t.Lang == "" {
			t.Lang = r.Lang
		}
	})
	if carries {
		b.parent = t
	}
	return b
}

// inBlock marks the structure elements of b as coming from block, where
// they say no block of their own. A kept tag is not changed (a part a
// Memo keeps names its blocks itself); the parents given to kept tags
// are (box.parent).
func inBlock(b box, block doc.Part) box {
	b.eachTagged(nil, func(e *Element, up *Tag) {
		t := e.Tag
		if t.Root().kept {
			t = up
		}
		for ; t != nil; t = t.Parent {
			if t.Block == "" {
				t.Block = block
			}
		}
	})
	return b
}

// untagged drops b's tags: a copy of a piece (the second card on a sheet,
// a tear-off tab) is decoration to a screen reader, who reads the first.
func untagged(b box) box {
	b = b.flat()
	for i := range b.els {
		b.els[i].Tag = nil
	}
	return b
}

type align int

const (
	alignStart align = iota // left in left-to-right text, right in right-to-left
	alignCenter
	alignEnd
)

// textStyle is a typeset style plus colour, alignment and the role the
// text plays (a paragraph unless said).
type textStyle struct {
	typeset.Style
	Color doc.RGB
	Align align
	Role  Role
}

// kit sets text for one document: one language, one direction, one
// typesetter, one style's colours. It keeps the first error so layouts
// read as a list of blocks rather than a ladder of checks.
type kit struct {
	ts    *typeset.Typesetter
	lang  string
	rtl   bool
	col   colours
	style Style
	err   error
	// least is the smallest optical factor of the page's languages and
	// Latin's 1 (typeset.Typesetter.Optical): text is set at its
	// script's factor over it, so that no text is set smaller than the
	// layout asks and the script that looks smaller is the one enlarged.
	least float64
	// loose says the ties of the last text set gave way
	// (typeset.Paragraph.Loose).
	loose bool
	// gaveWay counts the texts set whose ties gave way.
	gaveWay int
	// keep are the language's words a line must not split (doc.Meta.Keep).
	keep []string
	// tied remembers typeset.Tie's result for each text this document
	// sets: a layout that tries several sizes sets the same texts again,
	// and their marks do not depend on the size. Bounded by the
	// document's texts; emptied when keep changes.
	tied map[string]string
}

func newKit(ts *typeset.Typesetter, d *doc.Document, st Style) *kit {
	k := &kit{ts: ts, lang: d.Meta.Lang, rtl: d.Meta.RTL, col: coloursFor(d.Brand.Color, st), style: st, keep: d.Meta.Keep}
	k.least = min(1, ts.Optical(d.Headline+" "+d.Signs.Title, d.Meta.Lang))
	return k
}

// optical is how many times the size asked s is set: its script's
// optical factor over the page's least, 1 for text without letters (a
// phone number looks the same in every language).
func (k *kit) optical(s string) float64 {
	if !strings.ContainsFunc(s, unicode.IsLetter) {
		return 1
	}
	f := k.ts.Optical(s, k.lang)
	if k.least == 0 { // a kit for a page of its own kind (sheets, slides): never smaller
		return max(1, f)
	}
	return f / k.least
}

// matched makes the kits of a page's languages set text at one optical
// size: each script at its factor over the smallest of them.
func matched(kits ...*kit) {
	least := 1.0
	for _, k := range kits {
		least = min(least, k.least)
	}
	for _, k := range kits {
		k.least = least
	}
}

// unitFloor is the least size a paragraph holding a number or an
// address wider than its line is set at to fit it whole: the fine
// print's minSize (large print's floor in large print); text asked
// smaller than that already (a wallet card's) 85% of its size.
func (k *kit) unitFloor(size float64) float64 {
	least := k.leastText()
	if size < least {
		return size * 0.85
	}
	return least
}

// leastText is the fine print's size in k's style: minSize, or large
// print's floor.
func (k *kit) leastText() float64 {
	if k.style == LargePrint {
		return minClearBody
	}
	return minSize
}

// wideError is the error for a page whose boxes hold a line that may
// not break and is wider than its line (box.wide), or nil.
func wideError(boxes ...box) error {
	for _, b := range boxes {
		if b.wide != "" {
			return &FitError{Unit: b.wide}
		}
	}
	return nil
}

// widestLine is the text of p's widest line, trimmed.
func widestLine(p typeset.Paragraph) string {
	var out string
	widest := -1.0
	for _, l := range p.Lines {
		if l.Width > widest {
			widest = l.Width
			var sb strings.Builder
			for _, r := range l.Runs {
				sb.WriteString(r.Text)
			}
			out = strings.TrimSpace(sb.String())
		}
	}
	return out
}

// tie is typeset.Tie of s with the kit's words to keep, remembered.
func (k *kit) tie(s string) string {
	if t, ok := k.tied[s]; ok {
		return t
	}
	t := tieShared(s, k.keep)
	if k.tied == nil {
		k.tied = map[string]string{}
	}
	k.tied[s] = t
	return t
}

// tiedTexts remembers typeset.Tie's result between documents: a build
// sets the same texts for every document of a language and audience (all
// but the organisation's), and finding the addresses and numbers in them
// was 9% of the CPU of a 1,000-flyer build after each document kept its
// own. Tie depends on the text and the words kept whole, the key. The
// map holds at most tiedLimit texts, and starts again empty past that:
// the texts shared by documents are some hundred for each language and
// audience, and each document adds a few of its own (its organisation's)
// that are never asked for again, which 8,192 let fill 1 MB of a
// 10,000-flyer build's memory.
var (
	tiedTexts sync.Map // key → tied text
	tiedCount atomic.Int64
)

const tiedLimit = 4096

// tieShared is typeset.Tie(s, keep), remembered for the process.
func tieShared(s string, keep []string) string {
	// Each word's length before it, so that no two lists of words and
	// texts make the same key.
	n := len(s) + 1
	for _, w := range keep {
		n += len(w) + 4
	}
	var b strings.Builder
	b.Grow(n)
	for _, w := range keep {
		b.WriteString(strconv.Itoa(len(w)))
		b.WriteByte(':')
		b.WriteString(w)
	}
	b.WriteByte('|')
	b.WriteString(s)
	key := b.String()
	if t, ok := tiedTexts.Load(key); ok {
		return t.(string)
	}
	t := typeset.Tie(s, keep)
	if tiedCount.Add(1) > tiedLimit {
		tiedTexts.Clear()
		tiedCount.Store(1) // the one stored below
	}
	tiedTexts.Store(key, t)
	return t
}

// shareKeep gives each kit of a page every language's words a line must
// not split: a two-language page sets the other language's words too (a
// Chinese contact's name in the English column of an en+zh-Hans flyer).
func shareKeep(kits ...*kit) {
	var keep []string
	for _, k := range kits {
		keep = append(keep, k.keep...)
	}
	for _, k := range kits {
		k.keep, k.tied = keep, nil
	}
}

// text sets s into a box w points wide, as one structure element. Sizes
// are Latin's: text in a script that looks smaller or larger than Latin
// at one size is set at the size that looks like it
// (typeset.Typesetter.Optical), so that two languages side by side look
// the same size and a body floor means the same in every script.
func (k *kit) text(s string, w float64, st textStyle) box {
	if k.err != nil || s == "" {
		return box{W: w}
	}
	// Large print's floor is a Latin size too: 14 pt of Latin, and of
	// Gurmukhi what looks as large (typeset sets the Latin in it at 14).
	st = k.styled(st)
	st.Size *= k.optical(s)
	// Lines break where a reader accepts them: never "call / 911", a
	// number or a hyphenated name split, an address but after a dot or a
	// slash, or a last word alone (typeset.Tie).
	s = k.tie(s)
	p, err := k.ts.Set(s, typeset.Options{Style: st.Style, Width: w, Lang: k.lang, RTL: k.rtl})
	if err == nil && p.Width > w+0.01 && w > 0 {
		// A number or a part of an address wider than the line, which
		// never breaks: the paragraph is set as much smaller as the line
		// needs, down to unitFloor; narrower still, the layout refuses
		// (a number split or run over its neighbours is a wrong number).
		floor := k.unitFloor(st.Size)
		for range 3 {
			if p.Width <= w+0.01 || st.Size <= floor {
				break
			}
			st.Size = max(st.Size*w/p.Width*0.995, floor)
			if p, err = k.ts.Set(s, typeset.Options{Style: st.Style, Width: w, Lang: k.lang, RTL: k.rtl}); err != nil {
				break
			}
		}
	}
	if err != nil {
		k.err = err
		return box{W: w}
	}
	k.loose = p.Loose
	if p.Loose {
		k.gaveWay++
	}
	role := st.Role
	if role == "" {
		role = RoleP
	}
	tag := &Tag{Role: role, Lang: k.lang}
	// The lines and their elements in an allocation each.
	b := box{W: w, els: make([]Element, len(p.Lines))}
	lines := make([]TextLine, len(p.Lines))
	if w > 0 && p.Width > w+0.01 {
		b.wide = widestLine(p)
	}
	y := 0.0
	for i, l := range p.Lines {
		x := 0.0
		switch {
		case st.Align == alignCenter:
			x = (w - l.Width) / 2
		case (st.Align == alignStart) == k.rtl:
			x = w - l.Width
		}
		lines[i] = TextLine{X: x, Y: y + l.Ascent, Color: st.Color, Line: l}
		b.els[i] = Element{Tag: tag, Text: &lines[i]}
		y += l.Height
	}
	b.H = y
	return b
}

// own is a value a user wrote (the organisation's name, a contact's
// label) as k sets it: in text of the other direction an isolate
// (doc.Isolate), so that a Latin name on an Arabic page reads in its own
// order, with its final period and its brackets where its writer put
// them, and the Arabic around it keeps its word order.
func (k *kit) own(s string) string { return doc.Isolate(s, k.rtl) }

// ltr is k for text that reads left to right in every language: phone
// numbers, web addresses, the English draft line.
func (k *kit) ltr() *kit {
	c := *k
	c.rtl = false
	return &c
}

// number sets a phone number, which reads left to right in every
// language: in right-to-left text the bidi algorithm would move its
// brackets and letters ("1-800-222-TIPS (8477)" came out as
// "(1-800-222-TIPS (8477"). It keeps the alignment the reader expects.
func (k *kit) number(s string, w float64, st textStyle) box {
	ltr := k.ltr()
	if k.rtl {
		switch st.Align {
		case alignStart:
			st.Align = alignEnd
		case alignEnd:
			st.Align = alignStart
		}
	}
	// A number is never broken: when it is too wide it is set a little
	// smaller, down to 85% of its size, and then on one line whatever
	// its width (the layout tests catch a number wider than its box).
	if width := ltr.width(s, st); width > w && width > 0 {
		st.Size = max(st.Size*w/width*0.995, st.Size*0.85)
	}
	b := ltr.text(typeset.NoBreak(s), w, st)
	k.err = ltr.err
	return b
}

// width measures s on one line.
func (k *kit) width(s string, st textStyle) float64 {
	if k.err != nil || s == "" {
		return 0
	}
	st = k.styled(st)
	st.Size *= k.optical(s)
	w, err := k.ts.Measure(s, typeset.Options{Style: st.Style, Lang: k.lang, RTL: k.rtl})
	if err != nil {
		k.err = err
	}
	return w
}

// item is one list item: its marker at the reading start, hanging, and
// its text beside it, so that wrapped lines align with the text.
func (k *kit) item(text, marker string, markerColor doc.RGB, w float64, st textStyle) box {
	mst := st
	mst.Color = markerColor
	mst.Bold = true
	mst.Align = alignStart
	mst.Role = RoleLbl
	indent := st.Size * 1.25
	row := box{W: w}
	m := k.text(marker, indent, mst)
	tst := st
	tst.Role = RoleLBody
	t := k.text(text, w-indent, tst)
	if k.rtl {
		row.place(m, w-indent, 0)
		row.place(t, 0, 0)
	} else {
		row.place(m, 0, 0)
		row.place(t, indent, 0)
	}
	row.W = w
	return group(row, RoleLI, "")
}

// list sets items with a marker before each, as one list.
func (k *kit) list(items []string, marker string, markerColor doc.RGB, w, gap float64, st textStyle) box {
	rows := make([]box, 0, len(items))
	for _, it := range items {
		rows = append(rows, k.item(it, marker, markerColor, w, st))
	}
	return group(vstack(w, gap, rows...), RoleL, "")
}

// side puts two columns next to each other, the first at the reading
// start (left, or right in right-to-left documents).
func (k *kit) side(total, gap float64, first, second box) box {
	return k.sideAt(total, (total-gap)/2, gap, first, second)
}

// sideAt is side with the first column colW wide and the second taking
// what is left after the gap.
func (k *kit) sideAt(total, colW, gap float64, first, second box) box {
	out := box{W: total}
	if k.rtl {
		out.place(first, total-colW, 0)
		out.place(second, 0, 0)
	} else {
		out.place(first, 0, 0)
		out.place(second, colW+gap, 0)
	}
	out.W = total
	return out
}

// row puts boxes of the given widths next to each other, gap apart, in
// reading order: from the left, or from the right in right-to-left text.
func (k *kit) row(total, gap float64, boxes ...box) box {
	out := box{W: total, kids: make([]kid, 0, drawing(boxes))}
	x := 0.0
	for _, b := range boxes {
		if k.rtl {
			out.place(b, total-x-b.W, 0)
		} else {
			out.place(b, x, 0)
		}
		x += b.W + gap
	}
	out.W = total
	return out
}

// qrCode makes a QR code size points wide that opens url, as a figure
// whose alternative text says where it goes, inside a link.
func (k *kit) qrCode(q doc.QR, size float64, color doc.RGB) box {
	if k.err != nil {
		return box{}
	}
	rows, err := qrBits(q.URL)
	if err != nil {
		k.err = err
		return box{}
	}
	where := q.Text
	if where == "" {
		where = q.URL
	}
	link := &Tag{Role: RoleLink, Lang: k.lang}
	fig := &Tag{Role: RoleFigure, Lang: "en", Alt: "QR code: " + where, Parent: link}
	module := size / float64(len(rows))
	return box{W: size, H: size, els: []Element{
		{Tag: fig, QR: &QR{Module: module, Bits: rows, Color: color}},
		{Tag: link, Link: &Link{W: size, H: size, URL: q.URL}},
	}}
}

// minQR is the smallest QR code printed: about 2 cm, which a phone reads
// at arm's length.
const minQR = 56.0

// qrColumn is a QR code with its caption under it (what scanning gives)
// and the address it opens, printed too: every code says where it goes.
// The column is widened, up to maxW, so that the address stays on one
// line; when it cannot, the address breaks only after a dot or a slash.
//
// On a bilingual page, translated are the caption in the other language,
// set by its own kit under the first.
func (k *kit) qrColumn(q doc.QR, size, captionSize, addressSize, maxW float64, translated ...translation) box {
	addr := textStyle{Style: typeset.Style{Size: addressSize, Leading: 1.2}, Color: k.col.muted, Align: alignCenter, Role: RoleCaption}
	// As wide as the address when it can be, and never narrower than the
	// longest part between its dots and slashes, which cannot break, with
	// a short last part it keeps ("hotline.ca"), at the least size the
	// address is set at to keep it (kit.address).
	least := addr
	least.Size = k.addressLeast(q.Text, addr)
	w := max(min(max(size+8, k.ltr().width(q.Text, addr)+2), maxW), k.widestPart(q.Text, least)+2)
	parts := []box{centered(k.qrCode(q, size, ink), w)}
	if captionSize > 0 && q.Caption != "" {
		parts = append(parts, k.text(q.Caption, w, textStyle{Style: typeset.Style{Size: captionSize, Bold: true, Leading: 1.15}, Color: k.col.ink, Align: alignCenter, Role: RoleCaption}))
		for _, t := range translated {
			if t.text != "" && t.text != q.Caption {
				parts = append(parts, t.k.text(t.text, w, textStyle{Style: typeset.Style{Size: captionSize, Bold: true, Leading: 1.15}, Color: k.col.ink, Align: alignCenter, Role: RoleCaption}))
			}
		}
	}
	parts = append(parts, k.address(q.Text, w, addr))
	return vstack(w, 3, parts...)
}

// translation is a text in another language of a bilingual page, with
// the kit that sets it.
type translation struct {
	k    *kit
	text string
}

// widestPart is the width of the widest part of a web address that does
// not break: up to and with a dot or a slash, and with a short part
// after it that typeset.BreakURL keeps with it ("hotline.ca").
func (k *kit) widestPart(s string, st textStyle) float64 {
	w := 0.0
	for part := range strings.SplitSeq(typeset.BreakURL(s), "\u200b") {
		w = max(w, k.ltr().width(unjoined.Replace(part), st))
	}
	return w
}

// unjoined takes out the marks typeset.BreakURL puts between an
// address's letters, which have no width.
var unjoined = strings.NewReplacer("\u2060", "", "\ufeff", "")

// addressLeast is the least size an address asked at st is set at to
// keep its short last part on the line before (kit.address): the size
// that looks like the fine print's, unitFloor; an address asked at less
// than that already (a wallet card's 7 pt caption) keeps its size.
func (k *kit) addressLeast(s string, st textStyle) float64 {
	o := k.ltr().optical(s)
	if least := k.leastText(); st.Size*o > least {
		return least / o
	}
	return st.Size
}

// address sets a web address, or a contact's ways joined (joinWays),
// left to right in every language: an address broken only after a dot
// or a slash when it is longer than the line, a phone number never
// ("1.604.555.0101" has dots too).
func (k *kit) address(s string, w float64, st textStyle) box {
	ltr := k.ltr()
	if k.rtl && st.Align != alignCenter {
		st.Align = alignEnd - st.Align
	}
	ways := strings.Split(s, waySep)
	for i, way := range ways {
		if phoneLike(way) {
			ways[i] = typeset.NoBreak(way)
		} else {
			ways[i] = typeset.BreakURL(way)
		}
	}
	joined := strings.Join(ways, waySep)
	b := ltr.text(joined, w, st)
	// A short last part the line could not keep with the part before it
	// ("canadianhumantraffickinghotline." / "ca": the tie gave way) is
	// kept by setting the address smaller, a step at a time, down to
	// addressLeast: a reader types it from one line.
	for least := k.addressLeast(s, st); ltr.loose && ltr.err == nil && st.Size > least+0.01; {
		st.Size = max(st.Size*0.96, least)
		b = ltr.text(joined, w, st)
	}
	k.err = ltr.err
	return b
}

// panelStyle is the look of a help panel's frame.
type panelStyle struct {
	pad, radius, stroke float64
}

// panel frames content: the brand's tint (white in the clear styles),
// outlined in the accent colour. It is the help panel's section.
func (k *kit) panel(w float64, content box, ps panelStyle) box {
	out := box{W: w, H: content.H + 2*ps.pad}
	accent := k.col.accent
	out.els = append(out.els, Element{Rect: &Rect{W: w, H: out.H, Fill: k.col.panel, Radius: ps.radius, Stroke: &accent, StrokeWidth: max(ps.stroke, k.col.frameWidth)}})
	x := ps.pad
	if k.rtl {
		x = w - ps.pad - content.W
	}
	out.place(content, x, ps.pad)
	out.W, out.H = w, content.H+2*ps.pad
	return group(out, RoleSect, doc.PartHelp)
}

// qrCodes caches each URL's modules for the process: encoding (with its
// mask evaluation) cost more than the rest of a flyer's layout. The
// hotline's URLs are a handful, but each partner organisation's website
// is a URL of its own (some 1.5 KB of modules): the map holds at most
// qrLimit codes, and starts again empty past that, so that ten thousand
// partners do not keep ten thousand codes.
var (
	qrCodes sync.Map // url → []string
	qrCount atomic.Int64
)

const qrLimit = 256

func qrBits(url string) ([]string, error) {
	if rows, ok := qrCodes.Load(url); ok {
		return rows.([]string), nil
	}
	code, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("QR code for %s: %w", url, err)
	}
	code.DisableBorder = true
	bits := code.Bitmap()
	rows := make([]string, len(bits))
	for i, row := range bits {
		b := make([]byte, len(row))
		for j, dark := range row {
			b[j] = '0'
			if dark {
				b[j] = '1'
			}
		}
		rows[i] = string(b)
	}
	if qrCount.Add(1) > qrLimit {
		qrCodes.Clear()
		qrCount.Store(1) // the one stored below
	}
	qrCodes.Store(url, rows)
	return rows, nil
}

// centered puts b in the middle of a box w wide.
func centered(b box, w float64) box {
	out := box{W: w}
	out.place(b, (w-b.W)/2, 0)
	out.W = w
	return out
}

// rule is a thin line across w, in the style's colour and weight.
func (k *kit) rule(w float64) box {
	return box{W: w, H: k.col.ruleWidth, els: []Element{{Rule: &Rule{X2: w, Color: k.col.rule, Width: k.col.ruleWidth}}}}
}

// joinWays joins the ways to reach a contact for one line.
func joinWays(ways ...string) string {
	var out []string
	for _, s := range ways {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, waySep)
}

// waySep is what joinWays puts between a contact's ways.
const waySep = "  ·  "

// phoneLike reports a way to reach a contact that is a phone number, as
// profile.CheckPhone lets people write one: it starts with a digit, a
// plus or a bracket, and has no @ and no dot before a letter (an
// address's, "211.ca").
func phoneLike(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.ContainsAny(s[:1], "0123456789+(") && !strings.Contains(s, "@") && !addressDot.MatchString(s)
}

// addressDot is a dot before a letter: a domain's ("211.ca"), never a
// phone number's ("1.604.555.0101", "ext. 12").
var addressDot = regexp.MustCompile(`\.\pL`)

// onColor is the text colour on a band of c: the brand palette's, the
// same rule every backend uses (doc.NewPalette).
func onColor(c doc.RGB) doc.RGB { return doc.NewPalette(c).OnBand }

// readable is c, darkened until it reads on white (doc.NewPalette).
func readable(c doc.RGB) doc.RGB { return doc.NewPalette(c).Accent }

// tint mixes c with white; amount 0 is white, 1 is c.
func tint(c doc.RGB, amount float64) doc.RGB { return doc.Tint(c, amount) }

var (
	ink    = doc.Ink
	muted  = doc.Muted
	white  = doc.White
	danger = doc.Danger
)

// shift moves a point by the offsets of the boxes it was placed in, the
// innermost first: the same additions in the same order as placing each
// box moved it, so positions come out to the last bit as before.
func shift(x, y *float64, offs []offset) {
	for i := len(offs) - 1; i >= 0; i-- {
		*x += offs[i].x
		*y += offs[i].y
	}
}

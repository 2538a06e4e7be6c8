package layout

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// helpSizes size the parts of a help panel.
type helpSizes struct {
	title     float64 // "Get help"
	name      float64 // the hotline's name
	number    float64 // the hotline's number: the largest text on the page
	detail    float64 // what the hotline is
	emergency float64 // "in immediate danger, call 911"
	contact   float64 // other contacts' names and numbers
	small     float64 // their details, addresses, captions
	qr        float64 // the QR codes' side
}

// hotlineBlock is the hotline: the panel's title (when given), the
// hotline's name, its number large, what it is, and the emergency line.
func (k *kit) hotlineBlock(d *doc.Document, w float64, hs helpSizes, withTitle bool) box {
	hot, emergency := k.hotlineParts(d, w, hs, withTitle)
	return vstack(w, hs.name*0.35, hot, emergency)
}

// hotlineParts are hotlineBlock's parts: the title (when given) and the
// hotline, and the emergency line.
func (k *kit) hotlineParts(d *doc.Document, w float64, hs helpSizes, withTitle bool) (box, box) {
	h := d.Help
	var title box
	if withTitle {
		title = inBlock(k.text(h.Title, w, textStyle{Style: typeset.Style{Size: hs.title, Bold: true, Leading: 1.15}, Color: k.col.accent, Role: RoleH2}), doc.PartHelp)
	}
	hot := inBlock(vstack(w, hs.name*0.2,
		k.text(h.Hotline.Name, w, textStyle{Style: typeset.Style{Size: hs.name, Bold: true, Leading: 1.2}, Color: k.col.ink}),
		// The number stays large whatever the scale: it is what people
		// copy down from across a room.
		k.number(h.Hotline.Phone, w, textStyle{Style: typeset.Style{Size: hs.number, Bold: true, Leading: 1.1}, Color: k.col.accent}),
		k.text(h.Hotline.Detail, w, textStyle{Style: typeset.Style{Size: hs.detail, Leading: 1.25}, Color: k.col.ink}),
	), doc.PartHotline)
	emergency := inBlock(k.text(h.Emergency, w, textStyle{Style: typeset.Style{Size: hs.emergency, Bold: true, Leading: 1.25}, Color: k.col.danger}), doc.PartEmergency)
	return vstack(w, hs.name*0.35, title, hot), emergency
}

// contactCard is one contact: its name, its number, its other ways on
// one line when they fit, and what it is, small.
func (k *kit) contactCard(c doc.Contact, w float64, hs helpSizes, block doc.Part) box {
	lines, detail := k.contactParts(c, w, w, hs)
	return group(inBlock(vstack(w, 1, append(lines, detail)...), block), RoleLI, block)
}

// contactWide is a contact alone on a row of a grid: its name, number
// and ways in the first of two columns, what it is in the second, so
// that neither half of the row stands empty.
func (k *kit) contactWide(c doc.Contact, w, gap float64, hs helpSizes, block doc.Part) box {
	colW := (w - gap) / 2
	lines, detail := k.contactParts(c, colW, colW, hs)
	return group(inBlock(k.side(w, gap, vstack(colW, 1, lines...), detail), block), RoleLI, block)
}

// contactParts are a contact's name, number, text line and addresses,
// set w wide, and what it is, set detailW wide.
func (k *kit) contactParts(c doc.Contact, w, detailW float64, hs helpSizes) ([]box, box) {
	name := textStyle{Style: typeset.Style{Size: hs.contact, Bold: true, Leading: 1.2}, Color: k.col.ink}
	number := textStyle{Style: typeset.Style{Size: hs.contact * 1.15, Bold: true, Leading: 1.15}, Color: k.col.ink}
	extra := textStyle{Style: typeset.Style{Size: hs.small, Leading: 1.2}, Color: k.col.muted}
	lines := []box{k.text(c.Name, w, name)}
	if c.Phone != "" {
		lines = append(lines, k.number(c.Phone, w, number))
	}
	lines = append(lines, k.text(c.Text, w, extra), k.ways(w, extra, c.Website, c.Email))
	return lines, k.text(c.Detail, detailW, extra)
}

// ways sets web and email addresses, left to right, on one line when
// they fit, else one to a line, each broken only after a dot or slash.
func (k *kit) ways(w float64, st textStyle, ways ...string) box {
	joined := joinWays(ways...)
	if joined == "" {
		return box{W: w}
	}
	if k.ltr().width(joined, st) <= w {
		return k.address(joined, w, st)
	}
	var lines []box
	for _, s := range ways {
		lines = append(lines, k.address(s, w, st))
	}
	return vstack(w, 1, lines...)
}

// contactGrid sets contacts as cards in cols columns, row by row, in
// reading order.
func (k *kit) contactGrid(contacts []doc.Contact, w float64, cols int, gap float64, hs helpSizes, block doc.Part) box {
	if len(contacts) == 0 {
		return box{W: w}
	}
	var rows []box
	for i := 0; i < len(contacts); i += cols {
		// A last row short of cards shares the width among those it
		// has, so that no column stands empty beside them.
		n := min(i+cols, len(contacts)) - i
		if n == 1 && cols > 1 && contacts[i].Detail != "" {
			rows = append(rows, k.contactWide(contacts[i], w, gap, hs, block))
			continue
		}
		cardW := (w - float64(n-1)*gap) / float64(n)
		var cards []box
		for j := i; j < i+n; j++ {
			cards = append(cards, k.contactCard(contacts[j], cardW, hs, block))
		}
		row := k.row(w, gap, cards...)
		if row.wide != "" && n > 1 {
			// A number too wide for a column: the row's cards one
			// under another, across the width.
			cards = cards[:0]
			for j := i; j < i+n; j++ {
				cards = append(cards, k.contactCard(contacts[j], w, hs, block))
			}
			row = vstack(w, hs.contact*0.6, cards...)
		}
		rows = append(rows, row)
	}
	return group(vstack(w, hs.contact*0.6, rows...), RoleL, block)
}

// orgQR is the organisation's website's QR code at the least size,
// captioned with its address in addressSize, at most maxW wide; none when
// the organisation gave no website.
func (k *kit) orgQR(d *doc.Document, maxW, addressSize float64) box {
	if d.OrgQR == nil {
		return box{}
	}
	return inBlock(k.qrColumn(*d.OrgQR, minQR, 0, addressSize, maxW), doc.PartOrgQR)
}

// gapAfter is b's width and the gap after it, or nothing for an empty b.
func gapAfter(b box, gap float64) float64 {
	if b.W == 0 {
		return 0
	}
	return b.W + gap
}

// localBlock is the organisation's own list: its title ("Local help
// listed by …", which names the organisation), the organisation's own
// ways to reach it without its name again, then each contact it
// labelled; in cols columns. The organisation's website's QR code, with
// its address, goes at the reading end when qr is set.
func (k *kit) localBlock(d *doc.Document, w float64, cols int, hs helpSizes, qr bool) box {
	l := d.Help.Local
	if l == nil {
		return box{W: w}
	}
	var code box
	listW := w
	if qr && d.OrgQR != nil {
		code = inBlock(k.qrColumn(*d.OrgQR, hs.qr*0.8, 0, hs.small, w*0.3), doc.PartOrgQR)
		listW = w - code.W - hs.contact
	}
	title := k.localTitle(d, listW, hs.contact)
	list := k.contactGrid(localEntries(d, code.W > 0, k.rtl), listW, cols, hs.contact, hs, doc.PartLocal)
	left := vstack(listW, hs.contact*0.4, title, list)
	if code.W == 0 {
		return left
	}
	return k.row(w, hs.contact, left, code)
}

// localBlocks are the ways to set localBlock, the one a panel prefers
// first: the title over the list, then the title at the reading start
// and the list in one column beside it (with no code beside them: a
// title and a short list under it leave the other half empty).
func (k *kit) localBlocks(d *doc.Document, w float64, cols int, hs helpSizes, qr bool) []box {
	out := []box{k.localBlock(d, w, cols, hs, qr)}
	if l := d.Help.Local; l != nil && !(qr && d.OrgQR != nil) {
		out = append(out, k.titleBeside(d, w, hs.contact, func(w float64) box {
			return k.contactGrid(localEntries(d, false, k.rtl), w, 1, hs.contact, hs, doc.PartLocal)
		}))
	}
	return out
}

// localTitle is the organisation's list's title, w wide.
func (k *kit) localTitle(d *doc.Document, w, size float64) box {
	return inBlock(k.text(d.Help.Local.Title, w, textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: 1.2}, Color: k.col.accent, Role: RoleH3}), doc.PartLocal)
}

// titleBeside is the organisation's list's title at the reading start
// and the list (list(w) sets it w wide) beside it, each in half of w.
func (k *kit) titleBeside(d *doc.Document, w, size float64, list func(w float64) box) box {
	const gap = 18.0
	half := (w - gap) / 2
	t, l := k.localTitle(d, half, size), list(half)
	out := k.row(w, gap, t, l)
	out.W, out.H = w, max(t.H, l.H)
	return out
}

// contactLine is one contact for the compact panels: its name, then
// its number, text line and addresses, left to right in every language
// (in right-to-left text the bidi algorithm would move an extension or
// a bracket: "ext. 12" came out as "12 ext."), on the name's line when
// they fit there, else on as few lines as hold them whole.
func (k *kit) contactLine(c doc.Contact, w, size float64, color doc.RGB) box {
	st := textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: 1.2}, Color: color}
	ways := []string{c.Phone, c.Website, c.Email}
	// A text line ("Text CONNECT to 686868") is words in the page's
	// language: among the ways in left-to-right text, on a line of its
	// own in right-to-left text.
	var textLine box
	if c.Text != "" {
		if k.rtl {
			textLine = k.text(c.Text, w, textStyle{Style: typeset.Style{Size: size, Leading: 1.2}, Color: color})
		} else {
			ways = append(ways[:1], append([]string{c.Text}, ways[1:]...)...)
		}
	}
	joined := joinWays(ways...)
	name := c.Name
	if name != "" && joined != "" {
		name += ":"
	}
	nameW, gap := k.width(name, st), size*0.5
	if name == "" {
		nameW, gap = 0, 0
	}
	if waysW := k.ltr().width(joined, st); nameW+gap+waysW <= w {
		row := k.row(w, 0, k.number(joined, waysW+0.5, st))
		if name != "" {
			row = k.row(w, gap, k.text(name, nameW+0.5, st), k.number(joined, waysW+0.5, st))
		}
		return vstack(w, 1, row, textLine)
	}
	lines := []box{k.text(c.Name, w, st)}
	// The ways, as many to a line as fit, each whole.
	cur := ""
	for _, way := range ways {
		if way = strings.TrimSpace(way); way == "" {
			continue
		}
		if next := joinWays(cur, way); cur == "" || k.ltr().width(next, st) <= w {
			cur = next
			continue
		}
		lines = append(lines, k.address(cur, w, st))
		cur = way
	}
	if cur != "" {
		lines = append(lines, k.address(cur, w, st))
	}
	return vstack(w, 1, append(lines, textLine)...)
}

// contactLines are contacts one to a line (or two, when long), as a
// list.
func (k *kit) contactLines(cs []doc.Contact, w, size float64, block doc.Part) box {
	var lines []box
	for _, c := range cs {
		lines = append(lines, group(k.contactLine(c, w, size, k.col.ink), RoleLI, block))
	}
	return group(inBlock(vstack(w, size*0.25, lines...), block), RoleL, block)
}

// localLines are the organisation's list one contact to a line, under
// its title, for the compact panels.
func (k *kit) localLines(d *doc.Document, w, size float64, withQR bool) box {
	l := d.Help.Local
	if l == nil {
		return box{W: w}
	}
	title := inBlock(k.text(l.Title, w, textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: 1.2}, Color: k.col.accent, Role: RoleH3}), doc.PartLocal)
	return vstack(w, size*0.25, title, k.contactLines(localEntries(d, withQR, k.rtl), w, size, doc.PartLocal))
}

// localEntries are the contacts of the organisation's list as a panel
// prints them under the list's title: the organisation's own without its
// name, which the title says, and without its website when the
// website's own code is beside the list (withQR), whose caption prints
// it: once is enough, and the tear-off printed it twice, in the list and
// under the code. An entry left with nothing is dropped. The labels are
// the organisation's words, isolates in text of the other direction (rtl
// is the text's; see kit.own).
func localEntries(d *doc.Document, withQR, rtl bool) []doc.Contact {
	var out []doc.Contact
	for _, c := range d.Help.Local.Contacts {
		if c.Name == d.Brand.OrgName {
			c.Name = ""
			if withQR && d.OrgQR != nil && c.Website == d.OrgQR.Text {
				c.Website = ""
			}
			if c == (doc.Contact{}) {
				continue
			}
		}
		c.Name = doc.Isolate(c.Name, rtl)
		out = append(out, c)
	}
	return out
}

// localPieces are the organisation's list as pieces of a column flow:
// its title, kept with the first contact, then a piece per contact, in
// one list.
func (k *kit) localPieces(d *doc.Document, w, size float64, withQR bool) []piece {
	l := d.Help.Local
	if l == nil {
		return nil
	}
	out := []piece{{b: inBlock(k.text(l.Title, w, textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: 1.2}, Color: k.col.accent, Role: RoleH3}), doc.PartLocal), gap: size * 0.6, keep: true}}
	var all box
	for _, c := range localEntries(d, withQR, k.rtl) {
		b := group(inBlock(k.contactLine(c, w, size, k.col.ink), doc.PartLocal), RoleLI, doc.PartLocal)
		out = append(out, piece{b: b, gap: size * 0.25})
		all.place(b, 0, 0)
	}
	group(all, RoleL, doc.PartLocal)
	return out
}

// maxHalfGap is the most white a help panel leaves down one half of its
// width beside words in the other half: more, and a reader sees half a
// panel (TestHelpPanelsHaveNoEmptyHalf allows 30 pt, or a fifth of the
// content when that is more).
const maxHalfGap = 30.0

// halfGap is the tallest stretch of b where one half of its width holds
// nothing (no text, code or picture) while the other half has words or a
// picture beside it: the white a column that runs on alone leaves. A QR
// code and its caption fill their half, but stand in a column of their
// own that may run below what is beside them. A text line is its ink,
// from its start to its end, as tall as its letters.
func halfGap(b box) float64 {
	type stretch struct{ y0, y1 float64 }
	// Each of the four lists holds at most one stretch an element: one
	// allocation for them all.
	n := 0
	b.eachIn(func(*Element) { n++ })
	all := make([]stretch, 4*n)
	var ink, words [2][]stretch
	for i := range 2 {
		ink[i], words[i] = all[2*i*n:2*i*n:(2*i+1)*n], all[(2*i+1)*n:(2*i+1)*n:(2*i+2)*n]
	}
	top, bottom := math.Inf(1), math.Inf(-1)
	mid := b.W / 2
	b.walk(make([]offset, 0, 16), nil, func(e *Element, offs []offset, _ *Tag) {
		var x0, y0, x1, y1 float64
		code := false
		switch {
		case e.Text != nil && len(e.Text.Line.Runs) > 0:
			size := 0.0
			for _, r := range e.Text.Line.Runs {
				size = max(size, r.Size)
			}
			x, y := e.Text.X, e.Text.Y
			shift(&x, &y, offs)
			x0, x1, y0, y1 = x, x+e.Text.Line.Width, y-0.8*size, y+0.2*size
			code = e.Tag != nil && e.Tag.Role == RoleCaption
		case e.Image != nil:
			x0, y0 = e.Image.X, e.Image.Y
			shift(&x0, &y0, offs)
			x1, y1 = x0+e.Image.W, y0+e.Image.H
		case e.QR != nil:
			x0, y0 = e.QR.X, e.QR.Y
			shift(&x0, &y0, offs)
			side := e.QR.Module * float64(len(e.QR.Bits))
			x1, y1, code = x0+side, y0+side, true
		default:
			return
		}
		top, bottom = min(top, y0), max(bottom, y1)
		for i, in := range []bool{x0 < mid, x1 > mid} {
			if !in {
				continue
			}
			ink[i] = append(ink[i], stretch{y0, y1})
			if !code {
				words[i] = append(words[i], stretch{y0, y1})
			}
		}
	})
	most := 0.0
	for i, this := range ink {
		other := words[1-i]
		slices.SortFunc(this, func(a, b stretch) int { return cmp.Compare(a.y0, b.y0) })
		y := top
		// Each white stretch of this half, and whether the other half
		// has words beside it.
		for _, s := range append(this, stretch{bottom, bottom}) {
			if s.y0 > y && slices.ContainsFunc(other, func(o stretch) bool { return o.y0 < s.y0-1 && o.y1 > y+1 }) {
				most = max(most, s.y0-y)
			}
			y = max(y, s.y1)
		}
	}
	return most
}

// leastHalfGap is the first of ways (the ways to set one part of a
// panel, the one it prefers first, each set when it is asked for) that
// leaves no half of the panel empty when set as whole does (whole(b) is
// the part of the panel around it), or the one that leaves the least. A
// way with a number too wide for its column is not taken, but the
// first.
func leastHalfGap(ways []func() box, whole func(box) box) box {
	var best box
	bestGap := math.Inf(1)
	for i, way := range ways {
		b := way()
		if i > 0 && b.wide != "" {
			continue // a number too wide for its column
		}
		g := halfGap(whole(b))
		if g <= maxHalfGap {
			return b
		}
		if i == 0 || g < bestGap-0.5 {
			best, bestGap = b, g
		}
	}
	return best
}

// built are boxes already set, as ways for leastHalfGap.
func built(boxes []box) []func() box {
	ways := make([]func() box, len(boxes))
	for i, b := range boxes {
		ways[i] = func() box { return b }
	}
	return ways
}

package layout

import (
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
	return vstack(w, hs.name*0.35, title, hot, emergency)
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
	title := inBlock(k.text(l.Title, listW, textStyle{Style: typeset.Style{Size: hs.contact, Bold: true, Leading: 1.2}, Color: k.col.accent, Role: RoleH3}), doc.PartLocal)
	list := k.contactGrid(localEntries(d, code.W > 0, k.rtl), listW, cols, hs.contact, hs, doc.PartLocal)
	left := vstack(listW, hs.contact*0.4, title, list)
	if code.W == 0 {
		return left
	}
	return k.row(w, hs.contact, left, code)
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

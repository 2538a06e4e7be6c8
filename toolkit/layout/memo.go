package layout

import (
	"encoding/binary"
	"math"
	"slices"
	"unsafe"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Memo keeps laid-out flyer bodies (the signs, what to do, the notes,
// the statistic) between the documents one worker lays out: a build of a
// thousand flyers sets the same five bodies at the same few sizes, each
// document differing in its organisation's band, panel and footer, and
// setting every body again (its items, their markers, the columns' flow)
// was an eighth of the CPU samples of a 1,000-flyer build. A body is kept under everything it is
// made of (Memo.body): the typesetter, the language and direction, the
// style, the colours, the words kept whole, the least optical factor,
// the texts themselves, the width, the size, the air and which parts are
// in it; so a document that differs in any of them sets its body afresh.
//
// The boxes kept are shared by the documents that use them; their
// structure tags are marked kept, and each page made of them gets copies
// of its own (box.elements): the PDF's structure is read from a page's
// tags, and a tag is given its parent once (group), so two pages must
// not share one. No layout groups a body the Memo gave (group and
// inBlock would change the kept tags): a body is a page's section as it
// is.
//
// A Memo is for one goroutine at a time (a worker's); a nil Memo keeps
// nothing. It holds about memoBytes at most and starts again empty past
// that.
type Memo struct {
	ts     *typeset.Typesetter
	bodies map[string]map[bodyAt]keptBody
	held   int
	key    []byte
	// hits and misses count bodies served and set, for tests.
	hits, misses int
}

// memoBytes bounds what a Memo holds, by estimate (boxBytes): five
// audiences' Arabic bodies at the sizes a hundred of their flyers try
// take about 0.7 MB.
const memoBytes = 2 << 20

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{bodies: map[string]map[bodyAt]keptBody{}} }

// bodyAt is what a body is set at besides its document and kit.
type bodyAt struct {
	w, size, air       float64
	intro, notes, fact bool
}

// keptBody is a body as flyerBody made it, with what setting it did to
// its kit: the texts whose ties gave way, and whether the last did.
type keptBody struct {
	sections []box
	gaveWay  int
	loose    bool
}

// body is flyerBody(k, d, w, size, part, air), from m when a document
// set the same body before.
func (m *Memo) body(k *kit, d *doc.Document, w, size float64, part flyerPart, air float64) []box {
	if m == nil || k.err != nil {
		return flyerBody(k, d, w, size, part, air)
	}
	if m.ts != k.ts {
		m.clear()
		m.ts = k.ts
	}
	m.key = bodyKey(m.key[:0], k, d, part)
	at := bodyAt{w: w, size: size, air: air, intro: part.intro, notes: part.notes, fact: part.fact}
	if kept, ok := m.bodies[string(m.key)][at]; ok {
		m.hits++
		k.gaveWay += kept.gaveWay
		k.loose = kept.loose
		return slices.Clone(kept.sections)
	}
	m.misses++
	before := k.gaveWay
	sections := flyerBody(k, d, w, size, part, air)
	if k.err != nil {
		return sections
	}
	kept := keptBody{sections: keep(sections), gaveWay: k.gaveWay - before, loose: k.loose}
	n := 64
	for _, s := range kept.sections {
		n += boxBytes(s)
	}
	if m.held+n > memoBytes {
		m.clear()
	}
	m.held += n
	shelf, ok := m.bodies[string(m.key)]
	if !ok {
		shelf = map[bodyAt]keptBody{}
		m.bodies[string(m.key)] = shelf
		m.held += len(m.key)
	}
	shelf[at] = kept
	return slices.Clone(kept.sections)
}

func (m *Memo) clear() {
	clear(m.bodies)
	m.held = 0
}

// bodyKey appends to dst everything of k and d that flyerBody reads,
// each string after its length, so that no two lists make one key.
func bodyKey(dst []byte, k *kit, d *doc.Document, part flyerPart) []byte {
	str := func(s string) {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	strs := func(ss []string) {
		dst = binary.AppendUvarint(dst, uint64(len(ss)))
		for _, s := range ss {
			str(s)
		}
	}
	num := func(f float64) { dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(f)) }
	flag := func(b bool) {
		if b {
			dst = append(dst, 1)
		} else {
			dst = append(dst, 0)
		}
	}
	rgb := func(c doc.RGB) { dst = append(dst, c.R, c.G, c.B) }
	str(k.lang)
	flag(k.rtl)
	str(string(k.style))
	num(k.least)
	strs(k.keep)
	c := k.col
	for _, x := range []doc.RGB{c.ink, c.muted, c.danger, c.accent, c.band, c.onBand, c.panel, c.rule} {
		rgb(x)
	}
	flag(c.onColour)
	num(c.ruleWidth)
	num(c.frameWidth)
	str(d.Signs.Title)
	strs(d.Signs.Items)
	str(d.Signs.Caution)
	dst = binary.AppendUvarint(dst, uint64(len(d.Actions)))
	for _, g := range d.Actions {
		str(g.Title)
		strs(g.Do)
		strs(g.Dont)
	}
	flag(part.intro)
	if part.intro {
		str(d.Intro)
	}
	flag(part.notes && d.Notes != nil)
	if part.notes && d.Notes != nil {
		str(d.Notes.Title)
		strs(d.Notes.Items)
	}
	flag(part.fact && d.Fact != nil)
	if part.fact && d.Fact != nil {
		str(d.Fact.Text)
		str(d.Fact.Source)
	}
	return dst
}

// keep marks every tag of boxes and their ancestors kept, and clips
// each box's lists to their length, so that what a document appends to
// its sections' lists never lands in the Memo's.
func keep(boxes []box) []box {
	out := make([]box, len(boxes))
	for i, b := range boxes {
		b.els, b.kids = b.els[:len(b.els):len(b.els)], b.kids[:len(b.kids):len(b.kids)]
		b.each(func(e *Element) {
			for t := e.Tag; t != nil && !t.kept; t = t.Parent {
				t.kept = true
			}
		})
		out[i] = b
	}
	return out
}

// copiedTag is t's copy in copies, made there with its ancestors' when
// it is not yet: a page's own copy of a kept tag (box.elements). The
// copies are made in slab, tagSlab of them to an allocation (a page
// copies some seventy): a full slab is left to the tags in it, never
// grown, so a copy stays where it was made.
func copiedTag(t *Tag, copies map[*Tag]*Tag, slab *[]Tag) *Tag {
	if t == nil || !t.kept {
		return t
	}
	if c, ok := copies[t]; ok {
		return c
	}
	if len(*slab) == cap(*slab) {
		*slab = make([]Tag, 0, tagSlab)
	}
	*slab = append(*slab, *t)
	c := &(*slab)[len(*slab)-1]
	c.kept = false
	c.Parent = copiedTag(t.Parent, copies, slab)
	copies[t] = c
	return c
}

// tagSlab is how many tags copiedTag makes in an allocation.
const tagSlab = 32

// boxBytes estimates the bytes b holds: its boxes, elements and tags,
// and each text line's runs and glyphs (shared with the typesetter's
// caches while they hold them, counted as b's own).
func boxBytes(b box) int {
	n := int(unsafe.Sizeof(b)) + len(b.els)*int(unsafe.Sizeof(Element{})) + len(b.kids)*int(unsafe.Sizeof(kid{}))
	for _, e := range b.els {
		if e.Tag != nil {
			n += int(unsafe.Sizeof(Tag{}))
		}
		if e.Text != nil {
			n += int(unsafe.Sizeof(TextLine{}))
			for _, r := range e.Text.Line.Runs {
				n += int(unsafe.Sizeof(r)) + len(r.Text) + len(r.Glyphs)*int(unsafe.Sizeof(typeset.Glyph{}))
			}
		}
	}
	for _, kd := range b.kids {
		n += boxBytes(kd.box)
	}
	return n
}

package layout

import (
	"encoding/binary"
	"math"
	"slices"
	"unsafe"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Memo keeps laid-out parts of flyers between the documents one worker
// lays out: the bodies (the signs, what to do, the notes, the statistic)
// and the help panel's parts that are no organisation's (the hotline
// beside its QR code, the emergency line, the audience's contacts and
// the province's lines). A build of a thousand flyers sets the same five
// bodies and panels at the same few sizes, each document differing in
// its organisation's band, list and footer, and setting every body
// again (its items, their markers, the columns' flow) was an eighth of
// the CPU samples of a 1,000-flyer build; setting the panel's parts
// again was 7% of the bytes and 18% of the objects laying out a flyer
// allocated after that. A part is kept
// under everything it is made of (bodyKey, helpKey): the typesetter,
// the language and direction, the style, the colours, the words kept
// whole, the least optical factor, the texts themselves, the width, the
// sizes and which parts are in it; so a document that differs in any of
// them sets its part afresh.
//
// The boxes kept are shared by the documents that use them and never
// changed: their structure tags are marked kept, and each page made of
// them gets copies of its own (box.elements): the PDF's structure is
// read from a page's tags, and two pages must not share one. A part
// grouped in a page's structure element (the panel's section) carries
// that element (box.parent) rather than being given it (group), and
// inBlock leaves kept tags as they are: a kept part names its blocks.
//
// A Memo is for one goroutine at a time (a worker's); a nil Memo keeps
// nothing. It holds about memoBytes at most and starts again empty past
// that.
type Memo struct {
	ts     *typeset.Typesetter
	bodies map[string]map[bodyAt]keptBody
	helps  map[string]keptBody // flyerHelp's parts, by helpKey
	held   int
	key    []byte
	// hits and misses count bodies served and set, helpHits and
	// helpMisses panels' parts, for tests.
	hits, misses         int
	helpHits, helpMisses int
}

// memoBytes bounds what a Memo holds, by estimate (boxBytes): five
// audiences' Arabic bodies at the sizes a hundred of their flyers try
// take about 0.7 MB, a panel's parts 20-35 KB at each size (a 250-flyer
// build's worker keeps 4-7 of them).
const memoBytes = 2 << 20

// NewMemo returns an empty Memo.
func NewMemo() *Memo {
	return &Memo{bodies: map[string]map[bodyAt]keptBody{}, helps: map[string]keptBody{}}
}

// bodyAt is what a body is set at besides its document and kit.
type bodyAt struct {
	w, size, air       float64
	intro, notes, fact bool
}

// keptBody is a body as flyerBody made it (or a panel's parts as
// flyerHelp did), with what setting it did to its kit: the texts whose
// ties gave way, and whether the last did.
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
	m.use(k)
	m.key = bodyKey(m.key[:0], k, d, part)
	at := bodyAt{w: w, size: size, air: air, intro: part.intro, notes: part.notes, fact: part.fact}
	if kept, ok := m.bodies[string(m.key)][at]; ok {
		m.hits++
		return kept.serve(k)
	}
	m.misses++
	sections, kept, ok := m.set(k, func() []box { return flyerBody(k, d, w, size, part, air) })
	if !ok {
		return sections
	}
	shelf, ok := m.bodies[string(m.key)]
	if !ok {
		shelf = map[bodyAt]keptBody{}
		m.bodies[string(m.key)] = shelf
		m.held += len(m.key)
	}
	shelf[at] = kept
	return kept.serve(nil)
}

// help is k.flyerHelp(d, w, hs, contacts), from m when a document set
// the same parts before.
func (m *Memo) help(k *kit, d *doc.Document, w float64, hs helpSizes, contacts bool) []box {
	if m == nil || k.err != nil {
		return k.flyerHelp(d, w, hs, contacts)
	}
	m.use(k)
	m.key = helpKey(m.key[:0], k, d, w, hs, contacts)
	if kept, ok := m.helps[string(m.key)]; ok {
		m.helpHits++
		return kept.serve(k)
	}
	m.helpMisses++
	parts, kept, ok := m.set(k, func() []box { return k.flyerHelp(d, w, hs, contacts) })
	if !ok {
		return parts
	}
	m.helps[string(m.key)] = kept
	m.held += len(m.key)
	return kept.serve(nil)
}

// use starts m again empty when k's typesetter is not the one its parts
// were set with.
func (m *Memo) use(k *kit) {
	if m.ts != k.ts {
		m.clear()
		m.ts = k.ts
	}
}

// set sets parts with set and keeps them (keep), making room for them
// in m: the parts set, and whether they are kept, with what setting them
// did to k. Parts set with an error, or that cannot be kept, are not.
func (m *Memo) set(k *kit, set func() []box) ([]box, keptBody, bool) {
	before := k.gaveWay
	parts := set()
	if k.err != nil {
		return parts, keptBody{}, false
	}
	kept := keptBody{gaveWay: k.gaveWay - before, loose: k.loose}
	var ok bool
	if kept.sections, ok = keep(parts); !ok {
		return parts, keptBody{}, false
	}
	n := 64
	for _, s := range kept.sections {
		n += boxBytes(s)
	}
	if m.held+n > memoBytes {
		m.clear()
	}
	m.held += n
	return nil, kept, true
}

// serve is kb's parts for a document, having done to its kit k (nil for
// none) what setting them did.
func (kb keptBody) serve(k *kit) []box {
	if k != nil {
		k.gaveWay += kb.gaveWay
		k.loose = kb.loose
	}
	return slices.Clone(kb.sections)
}

func (m *Memo) clear() {
	clear(m.bodies)
	clear(m.helps)
	m.held = 0
}

// bodyKey appends to dst everything of k and d that flyerBody reads,
// each string after its length, so that no two lists make one key.
func bodyKey(dst []byte, k *kit, d *doc.Document, part flyerPart) []byte {
	w := keyWriter(kitKey(dst, k))
	w.str(d.Signs.Title)
	w.strs(d.Signs.Items)
	w.str(d.Signs.Caution)
	w.count(len(d.Actions))
	for _, g := range d.Actions {
		w.str(g.Title)
		w.strs(g.Do)
		w.strs(g.Dont)
	}
	w.flag(part.intro)
	if part.intro {
		w.str(d.Intro)
	}
	w.flag(part.notes && d.Notes != nil)
	if part.notes && d.Notes != nil {
		w.str(d.Notes.Title)
		w.strs(d.Notes.Items)
	}
	w.flag(part.fact && d.Fact != nil)
	if part.fact && d.Fact != nil {
		w.str(d.Fact.Text)
		w.str(d.Fact.Source)
	}
	return w
}

// helpKey appends to dst everything of k and d that flyerHelp reads, and
// the width and sizes it sets them at.
func helpKey(dst []byte, k *kit, d *doc.Document, width float64, hs helpSizes, contacts bool) []byte {
	w := keyWriter(kitKey(dst, k))
	w.num(width)
	for _, f := range []float64{hs.title, hs.name, hs.number, hs.detail, hs.emergency, hs.contact, hs.small, hs.qr} {
		w.num(f)
	}
	w.str(d.QR.URL)
	w.str(d.QR.Text)
	w.str(d.QR.Caption)
	w.contact(d.Help.Hotline)
	w.str(d.Help.Emergency)
	w.flag(contacts)
	if contacts {
		w.contacts(d.Help.Others)
	}
	w.contacts(d.Help.Province)
	return w
}

// kitKey appends to dst everything of k that setting text reads besides
// its typesetter (a Memo keeps one typesetter's parts).
func kitKey(dst []byte, k *kit) []byte {
	w := keyWriter(dst)
	w.str(k.lang)
	w.flag(k.rtl)
	w.str(string(k.style))
	w.num(k.least)
	w.strs(k.keep)
	c := k.col
	for _, x := range []doc.RGB{c.ink, c.muted, c.danger, c.accent, c.band, c.onBand, c.panel, c.rule} {
		w = append(w, x.R, x.G, x.B)
	}
	w.flag(c.onColour)
	w.num(c.ruleWidth)
	w.num(c.frameWidth)
	return w
}

// keyWriter appends the parts of a Memo's key: each string after its
// length, each list after its count, so that no two lists make one key.
type keyWriter []byte

func (w *keyWriter) count(n int) { *w = binary.AppendUvarint(*w, uint64(n)) }

func (w *keyWriter) str(s string) {
	w.count(len(s))
	*w = append(*w, s...)
}

func (w *keyWriter) strs(ss []string) {
	w.count(len(ss))
	for _, s := range ss {
		w.str(s)
	}
}

func (w *keyWriter) num(f float64) { *w = binary.LittleEndian.AppendUint64(*w, math.Float64bits(f)) }

func (w *keyWriter) flag(b bool) {
	if b {
		*w = append(*w, 1)
	} else {
		*w = append(*w, 0)
	}
}

func (w *keyWriter) contact(c doc.Contact) {
	for _, s := range []string{c.Name, c.Detail, c.Phone, c.Text, c.Website, c.Email} {
		w.str(s)
	}
}

func (w *keyWriter) contacts(cs []doc.Contact) {
	w.count(len(cs))
	for _, c := range cs {
		w.contact(c)
	}
}

// keep marks every tag of boxes and their ancestors kept, and clips
// each box's lists to their length, so that what a document appends to
// its sections' lists never lands in the Memo's. Boxes that hold a
// parent given to kept tags already (box.parent: a part made of another
// kept part) are not kept: false, and nothing is marked.
func keep(boxes []box) ([]box, bool) {
	if slices.ContainsFunc(boxes, carriesParent) {
		return nil, false
	}
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
	return out, true
}

// carriesParent reports whether b or a box in it carries a parent for
// kept tags (box.parent).
func carriesParent(b box) bool {
	if b.parent != nil {
		return true
	}
	for i := range b.kids {
		if carriesParent(b.kids[i].box) {
			return true
		}
	}
	return false
}

// copiedTag is t's copy in copies, made there with its ancestors' when
// it is not yet: a page's own copy of a kept tag (box.elements), the
// copy of its root in up (box.parent; nil for none). The copies are
// made in slab, tagSlab of them to an allocation (a page copies some
// seventy): a full slab is left to the tags in it, never grown, so a
// copy stays where it was made.
func copiedTag(t, up *Tag, copies map[*Tag]*Tag, slab *[]Tag) *Tag {
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
	if t.Parent == nil {
		c.Parent = up
	} else {
		c.Parent = copiedTag(t.Parent, up, copies, slab)
	}
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

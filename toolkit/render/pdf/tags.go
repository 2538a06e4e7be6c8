package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync/atomic"

	"github.com/awarekit/awarekit/toolkit/layout"
)

// A tagged PDF (ISO 32000-1, 14.8) carries, besides what is drawn, the
// document's logical structure: a tree of structure elements (headings,
// paragraphs, lists, figures with alternative text, links) in reading
// order, each with its language where it differs from its parent's.
// Every drawn thing is marked in the page's content stream, as a
// marked-content sequence with an identifier (MCID) that a structure
// element claims, or as an artifact (backgrounds, rules, crop marks) that
// assistive technology skips. Screen readers and "save as text" read the
// tree, not the drawing order.
//
// fpdf writes none of this and has no hook for it, so the renderer marks
// the content itself as it draws (fpdf's RawWriteStr), collects the tree
// in a structure, and tagFile adds the tree's objects to the finished
// file, with the catalog's /StructTreeRoot, /MarkInfo and each page's
// /StructParents.

// structure is a document's structure tree as its pages are drawn.
type structure struct {
	lang  string
	elems []structElem // elems[0] is the Document element
	pages []pageMarks
	byTag map[*layout.Tag]int32 // the layout's tags and the elements they made
}

// structElem is one structure element.
type structElem struct {
	role, lang, alt string
	parent          int32
	page            int32 // the page of its first marked content, for /Pg; -1 for none
	kids            []structKid
}

// structKid is a structure element's child: another element, marked
// content on a page, or a link annotation.
type structKid struct {
	kind       kidKind
	elem       int32 // kidElem
	page, mcid int32 // kidMCID, and kidAnnot's page
	annot      int32 // kidAnnot: index in its page's annots
}

type kidKind uint8

const (
	kidElem kidKind = iota
	kidMCID
	kidAnnot
)

// pageMarks is what one page's marked content and annotations belong to.
type pageMarks struct {
	mcids  []int32 // mcids[k] is the element that claims MCID k
	annots []linkAnnot
}

// linkAnnot is a link annotation, in the page's PDF coordinates.
type linkAnnot struct {
	x1, y1, x2, y2 float64
	url            string
	elem           int32 // the Link element it belongs to
}

func newStructure(lang string) *structure {
	// Room for as many elements as a document has had: grown from one
	// in every document, the list was a twentieth of what drawing
	// allocated.
	n := int(structHint.Load())
	elems := make([]structElem, 1, n+1)
	elems[0] = structElem{role: "Document", lang: lang, parent: -1, page: -1}
	return &structure{lang: lang, elems: elems, byTag: make(map[*layout.Tag]int32, n)}
}

// structHint is the most structure elements a document drawn has had,
// up to maxStructHint.
var structHint atomic.Int32

const maxStructHint = 2048

// maxStructPages is the most pages a structure kept for another document
// has room for (reuse): a flyer has one or two, a guide some dozens.
const maxStructPages = 64

// noteStructure raises structHint to s's elements.
func noteStructure(s *structure) {
	n := int32(min(len(s.elems), maxStructHint))
	for {
		old := structHint.Load()
		if old >= n || structHint.CompareAndSwap(old, n) {
			return
		}
	}
}

// open is the structure element that element i of page p belongs to, as
// the layout tagged it (layout.Tag), made with its ancestors on first
// sight: the order in which a page's elements first name an element is
// the reading order. It is -1 for decoration.
func (r *renderer) open(p *layout.Page, i int) int32 { return r.st.element(p.Elements[i].Tag) }

// element is the structure element of t, made with its ancestors the
// first time; -1 for no tag.
func (s *structure) element(t *layout.Tag) int32 {
	if t == nil {
		return -1
	}
	if id, ok := s.byTag[t]; ok {
		return id
	}
	parent := int32(0)
	if t.Parent != nil {
		parent = s.element(t.Parent)
	}
	id := s.add(parent, string(t.Role), t.Lang, t.Alt)
	s.byTag[t] = id
	return id
}

// add opens a new element with role under parent, after its other
// children: elements are made in reading order.
func (s *structure) add(parent int32, role, lang, alt string) int32 {
	id := int32(len(s.elems))
	var kids []structKid
	if int(id) < cap(s.elems) {
		kids = s.elems[:id+1][id].kids[:0] // a document's before (reuse)
	}
	s.elems = append(s.elems, structElem{role: role, lang: lang, alt: alt, parent: parent, page: -1, kids: kids})
	s.elems[parent].kids = append(s.elems[parent].kids, structKid{kind: kidElem, elem: id})
	return id
}

// newPage starts the marks of the next page.
func (s *structure) newPage() {
	var pg pageMarks
	if n := len(s.pages); n < cap(s.pages) {
		old := s.pages[:n+1][n] // a document's before (reuse)
		pg = pageMarks{mcids: old.mcids[:0], annots: old.annots[:0]}
	}
	s.pages = append(s.pages, pg)
}

// reuse empties s, released, for a document in lang, keeping its lists'
// arrays.
func (s *structure) reuse(lang string) {
	s.lang = lang
	s.elems = s.elems[:1]
	s.elems[0] = structElem{role: "Document", lang: lang, parent: -1, page: -1, kids: s.elems[0].kids[:0]}
	s.pages = s.pages[:0]
}

// release lets go of what the last document's structure points to (its
// tags, texts and links), keeping the arrays for the next (reuse); false,
// and s is to be dropped, when they are larger than a document's
// (maxStructHint elements, maxStructPages pages).
func (s *structure) release() bool {
	if cap(s.elems) > maxStructHint+1 || cap(s.pages) > maxStructPages {
		return false
	}
	clear(s.byTag)
	all := s.elems[:cap(s.elems)]
	for i := range all {
		all[i].role, all[i].lang, all[i].alt = "", "", ""
	}
	for _, pg := range s.pages[:cap(s.pages)] {
		clear(pg.annots[:cap(pg.annots)])
	}
	return true
}

// mark gives element id the next marked-content identifier of the
// current page, and returns it.
func (s *structure) mark(id int32) int32 {
	pg := &s.pages[len(s.pages)-1]
	mcid := int32(len(pg.mcids))
	pg.mcids = append(pg.mcids, id)
	e := &s.elems[id]
	if e.page < 0 {
		e.page = int32(len(s.pages) - 1)
	}
	e.kids = append(e.kids, structKid{kind: kidMCID, page: int32(len(s.pages) - 1), mcid: mcid})
	return mcid
}

// link adds a link annotation to the current page, claimed by element id.
func (s *structure) link(id int32, a linkAnnot) {
	pg := &s.pages[len(s.pages)-1]
	a.elem = id
	e := &s.elems[id]
	if e.page < 0 {
		e.page = int32(len(s.pages) - 1)
	}
	e.kids = append(e.kids, structKid{kind: kidAnnot, page: int32(len(s.pages) - 1), annot: int32(len(pg.annots))})
	pg.annots = append(pg.annots, a)
}

// tagFile appends to dst (over its length: its array is reused) data, a
// whole PDF from fpdf and the glyph writer, with s added: the structure tree's objects and the link annotations are
// appended with the next free numbers; the catalog gets the tree and
// /MarkInfo, each page its /StructParents, its annotations and /Tabs /S
// (tab through links in structure order). The file is written anew with
// its cross-reference table; the same inputs give the same bytes.
func tagFile(dst, data []byte, s *structure) ([]byte, error) {
	x, err := readXref(data)
	if err != nil {
		return nil, err
	}
	type obj struct{ start, end int } // the value, as objectBounds gives it
	objs := make([]obj, len(x.offsets))
	var order []int
	for n, off := range x.offsets {
		if off > 0 {
			order = append(order, n)
		}
	}
	// fpdf writes objects in no number order; keep the file's.
	slices.SortFunc(order, func(a, b int) int { return x.offsets[a] - x.offsets[b] })
	for i, n := range order {
		limit := x.start
		if i+1 < len(order) {
			limit = x.offsets[order[i+1]]
		}
		o := &objs[n]
		if o.start, o.end, err = objectBounds(data, x.offsets[n], limit, n); err != nil {
			return nil, err
		}
	}
	refOf := func(b []byte, key string) (int, bool) {
		at, end, ok := entry(b, key)
		if !ok {
			return 0, false
		}
		n, k := parseInt(b, at)
		if k == 0 || !bytes.HasSuffix(b[at:end], []byte("R")) || n <= 0 || n >= len(objs) || objs[n].end == 0 {
			return 0, false
		}
		return n, true
	}
	root, ok := trailerRef(data[x.trailer:], "/Root")
	if !ok || root <= 0 || root >= len(objs) || objs[root].end == 0 {
		return nil, errors.New("tag pdf: no catalog")
	}
	cat := data[objs[root].start:objs[root].end]
	tree, ok := refOf(cat, "/Pages")
	if !ok {
		return nil, errors.New("tag pdf: no page tree")
	}
	t := data[objs[tree].start:objs[tree].end]
	kidsAt, kidsEnd, ok := entry(t, "/Kids")
	if !ok {
		return nil, errors.New("tag pdf: the page tree has no /Kids")
	}
	sc := scanner{b: t[:kidsEnd], i: kidsAt}
	if err := sc.value(0); err != nil {
		return nil, fmt.Errorf("tag pdf: page tree: %w", err)
	}
	if len(sc.refs) != len(s.pages) {
		return nil, fmt.Errorf("tag pdf: %d pages in the file, %d drawn", len(sc.refs), len(s.pages))
	}
	pageOf := make(map[int]int, len(sc.refs)) // object number → page index
	pageNums := make([]int, len(sc.refs))
	for i, r := range sc.refs {
		pageOf[r.num] = i
		pageNums[i] = r.num
	}

	// New objects: the tree's root, its ParentTree, the elements, each
	// page's array of the elements its MCIDs belong to, the annotations.
	next := len(x.offsets)
	treeRoot, parentTree := next, next+1
	elemNum := next + 2
	arrayNum := elemNum + len(s.elems)
	annotNum := make([][]int, len(s.pages))
	n := arrayNum + len(s.pages)
	for i, pg := range s.pages {
		for range pg.annots {
			annotNum[i] = append(annotNum[i], n)
			n++
		}
	}
	total := n

	// Objects that are not streams go into object streams: the file's
	// own (the pages, fonts, the document's information) into number
	// total, the structure tree's and the annotations into total+1; the
	// cross-reference stream is total+2. Documents of a build made from
	// one layout (an audience's flyer for one organisation and the next)
	// have the same tree, byte for byte, where their names, numbers and
	// fonts' glyphs differ: the tree's stream is found compressed
	// (recentStreams) rather than compressed again. In one stream with
	// the rest it was compressed for every document: 0.3 M instructions
	// of a flyer's 7.
	file := slices.Grow(dst[:0], len(data)+200*len(s.elems))
	file = append(file, header...)
	scratch := getTagScratch()
	entries := slices.Grow(scratch.entries[:0], total+2)[:total+2]
	clear(entries) // an object the file does not have is a free entry
	stm := objStream{num: total, heads: scratch.heads, body: scratch.body, tmp: scratch.tmp}
	treeStm := objStream{num: total + 1, heads: scratch.treeHeads, body: scratch.treeBody, tmp: scratch.tmp, reuse: true}
	cur := &stm
	out := scratch.out // the object being made
	defer func() {
		scratch.heads, scratch.body, scratch.out = stm.heads[:0], stm.body[:0], out[:0]
		scratch.treeHeads, scratch.treeBody, scratch.tmp = treeStm.heads[:0], treeStm.body[:0], treeStm.tmp[:0]
		scratch.entries = entries[:0]
		putTagScratch(scratch)
	}()
	num := 0 // its number
	begin := func(n int) {
		num, out = n, out[:0]
	}
	end := func() {
		if bytes.HasSuffix(out, []byte("endstream")) {
			entries[num] = int64(len(file))
			file = appendInt(file, num)
			file = append(file, " 0 obj\n"...)
			file = append(file, out...)
			file = append(file, "\nendobj\n"...)
			return
		}
		entries[num] = inStream(cur.num, cur.add(num, out))
	}
	ref := func(b []byte, n int) []byte {
		b = appendInt(b, n)
		return append(b, " 0 R"...)
	}
	for _, num := range order {
		o := objs[num]
		val := data[o.start:o.end]
		begin(num)
		switch page, isPage := pageOf[num]; {
		case num == root:
			i := bytes.LastIndex(val, []byte(">>"))
			if !bytes.HasPrefix(val, []byte("<<")) || i < 0 {
				return nil, errors.New("tag pdf: the catalog is not a dictionary")
			}
			out = append(out, val[:i]...)
			out = append(out, "/StructTreeRoot "...)
			out = ref(out, treeRoot)
			out = append(out, "\n/MarkInfo <</Marked true>>\n/ViewerPreferences <</DisplayDocTitle true>>\n"...)
			out = append(out, val[i:]...)
		case isPage:
			if !bytes.HasPrefix(val, []byte("<<")) {
				return nil, fmt.Errorf("tag pdf: page %d is not a dictionary", page+1)
			}
			if _, _, has := entry(val, "/Annots"); has {
				return nil, fmt.Errorf("tag pdf: page %d has annotations the structure does not know", page+1)
			}
			out = append(out, "<</StructParents "...)
			out = appendInt(out, page)
			out = append(out, " /Tabs /S"...)
			if len(annotNum[page]) > 0 {
				out = append(out, " /Annots ["...)
				for k, a := range annotNum[page] {
					if k > 0 {
						out = append(out, ' ')
					}
					out = ref(out, a)
				}
				out = append(out, ']')
			}
			out = append(out, '\n')
			out = append(out, val[2:]...)
		default:
			out = append(out, val...)
		}
		end()
	}

	// The root: the Document element, the ParentTree and its next key.
	cur = &treeStm
	begin(treeRoot)
	out = append(out, "<</Type /StructTreeRoot /K ["...)
	out = ref(out, elemNum)
	out = append(out, "] /ParentTree "...)
	out = ref(out, parentTree)
	out = append(out, " /ParentTreeNextKey "...)
	annots := 0
	for _, pg := range s.pages {
		annots += len(pg.annots)
	}
	out = appendInt(out, len(s.pages)+annots)
	out = append(out, ">>"...)
	end()

	// The ParentTree: page k's key is k, the annotations' follow.
	begin(parentTree)
	out = append(out, "<</Nums ["...)
	for i := range s.pages {
		out = appendInt(out, i)
		out = append(out, ' ')
		out = ref(out, arrayNum+i)
		out = append(out, ' ')
	}
	key := len(s.pages)
	for _, pg := range s.pages {
		for _, a := range pg.annots {
			out = appendInt(out, key)
			out = append(out, ' ')
			out = ref(out, elemNum+int(a.elem))
			out = append(out, ' ')
			key++
		}
	}
	out = append(out, "]>>"...)
	end()

	for id, e := range s.elems {
		begin(elemNum + id)
		out = append(out, "<</S /"...)
		out = append(out, e.role...)
		out = append(out, " /P "...)
		if e.parent < 0 {
			out = ref(out, treeRoot)
		} else {
			out = ref(out, elemNum+int(e.parent))
		}
		if e.page >= 0 {
			out = append(out, " /Pg "...)
			out = ref(out, pageNums[e.page])
		}
		if e.lang != "" && (e.parent < 0 || e.lang != s.langOf(e.parent)) {
			out = append(out, " /Lang "...)
			out = append(out, pdfLiteral(e.lang)...)
		}
		if e.alt != "" {
			out = append(out, " /Alt "...)
			out = appendPDFString(out, e.alt)
		}

		out = append(out, " /K ["...)
		for k, kid := range e.kids {
			if k > 0 {
				out = append(out, ' ')
			}
			switch kid.kind {
			case kidElem:
				out = ref(out, elemNum+int(kid.elem))
			case kidMCID:
				if kid.page == e.page {
					out = appendInt(out, int(kid.mcid))
					break
				}
				out = append(out, "<</Type /MCR /Pg "...)
				out = ref(out, pageNums[kid.page])
				out = append(out, " /MCID "...)
				out = appendInt(out, int(kid.mcid))
				out = append(out, ">>"...)
			case kidAnnot:
				out = append(out, "<</Type /OBJR /Pg "...)
				out = ref(out, pageNums[kid.page])
				out = append(out, " /Obj "...)
				out = ref(out, annotNum[kid.page][kid.annot])
				out = append(out, ">>"...)
			}
		}
		out = append(out, "]>>"...)
		end()
	}
	for i, pg := range s.pages {
		begin(arrayNum + i)
		out = append(out, '[')
		for k, id := range pg.mcids {
			if k > 0 {
				out = append(out, ' ')
			}
			out = ref(out, elemNum+int(id))
		}
		out = append(out, "]"...)
		end()
	}
	key = len(s.pages)
	for i, pg := range s.pages {
		for k, a := range pg.annots {
			begin(annotNum[i][k])
			out = append(out, "<</Type /Annot /Subtype /Link /Rect ["...)
			for j, v := range []float64{a.x1, a.y1, a.x2, a.y2} {
				if j > 0 {
					out = append(out, ' ')
				}
				out = strconv.AppendFloat(out, math.Round(v*100)/100, 'f', -1, 64)
			}
			out = append(out, "] /Border [0 0 0] /F 4 /Contents "...)
			out = appendPDFString(out, a.url)
			out = append(out, " /StructParent "...)
			out = appendInt(out, key)
			out = append(out, " /A <</S /URI /URI "...)
			out = append(out, pdfLiteral(a.url)...)
			out = append(out, ">>>>"...)
			end()
			key++
		}
	}

	entries[stm.num] = int64(len(file))
	file = stm.appendTo(file)
	treeStm.tmp = stm.tmp
	entries[treeStm.num] = int64(len(file))
	file = treeStm.appendTo(file)
	trailer := "/Root " + strconv.Itoa(root) + " 0 R"
	if info, ok := trailerRef(data[x.trailer:], "/Info"); ok {
		trailer += " /Info " + strconv.Itoa(info) + " 0 R"
	}
	return appendXrefStream(file, entries, int64(len(file)), trailer, &scratch.xref), nil
}

// tagScratch is what tagFile makes a file's new objects in: the object
// stream's parts and the object being made, which every document needs
// once, about as large as the last. Made afresh, they were a twelfth of
// what a build of flyers allocated.
type tagScratch struct {
	heads, body, treeHeads, treeBody, tmp, out []byte
	entries                                    []int64 // the cross-reference stream's
	xref                                       []byte  // its rows, and compressed (appendXrefStream)
}

// tagScratches keeps a few tagScratch between documents, at most as many
// as are tagged at once on most machines; like cidfont's spares, and
// unlike a sync.Pool, the collector does not empty it.
var tagScratches = make(chan *tagScratch, 8)

func getTagScratch() *tagScratch {
	select {
	case sc := <-tagScratches:
		return sc
	default:
		return &tagScratch{}
	}
}

// maxTagScratch is the most a kept tagScratch's largest part holds: a
// flyer's objects are some kilobytes, a long document's go to the
// collector.
const maxTagScratch = 256 << 10

func putTagScratch(sc *tagScratch) {
	if max(cap(sc.heads), cap(sc.body), cap(sc.treeHeads), cap(sc.treeBody), cap(sc.tmp), cap(sc.out), 8*cap(sc.entries), cap(sc.xref)) > maxTagScratch {
		return
	}
	select {
	case tagScratches <- sc:
	default:
	}
}

// langOf is the language element id speaks: its own, or its nearest
// ancestor's.
func (s *structure) langOf(id int32) string {
	for ; id >= 0; id = s.elems[id].parent {
		if l := s.elems[id].lang; l != "" {
			return l
		}
	}
	return ""
}

// pdfLiteral is s as a PDF literal string, for ASCII such as a URI:
// parentheses and backslashes escaped, other bytes outside printable
// ASCII in octal.
func pdfLiteral(s string) string {
	b := []byte{'('}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '(' || c == ')' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c > 0x7e:
			b = append(b, '\\', '0'+c>>6, '0'+c>>3&7, '0'+c&7)
		default:
			b = append(b, c)
		}
	}
	return string(append(b, ')'))
}

package pdf

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"github.com/klauspost/compress/zlib"
	"hash"
	"hash/maphash"
	"io"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf16"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// Merge writes one PDF that holds every page of the PDFs that next
// returns, in order, without drawing anything again (see Packer); next
// returns io.EOF when there are no more.
func Merge(w io.Writer, meta doc.Meta, opts Options, next func() ([]byte, error)) (pages int, err error) {
	p := NewPacker(w)
	for n := 0; ; n++ {
		data, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, err
		}
		if _, err := p.Add(data); err != nil {
			return 0, fmt.Errorf("merge PDF %d: %w", n+1, err)
		}
	}
	return p.Finish(meta, opts)
}

// Packer joins PDFs into one as they come: each file's objects are
// copied into the output at once, renumbered, so a print pack of ten
// thousand materials holds one file at a time, and what it keeps is a
// few numbers per object. Objects that two files share byte for byte
// once renumbered (a font subset, its widths and ToUnicode map, a logo,
// the resources that name them) are written once and shared: documents
// of one build draw the same glyphs again and again.
//
// It reads the files this package writes: object streams and a
// cross-reference stream (unpacked first into every object whole and a
// classic table, xrefstream.go) or a classic table, a flat page tree.
// It writes the same way: the objects that are not streams in object
// streams of some objStmBytes each, written as they fill, and a
// cross-reference stream. It finds references by
// parsing each object's dictionary (strings, names and arrays included),
// never inside a stream's data.
type Packer struct {
	out         *countWriter
	offsets     objOffsets // where each object starts; 1, 2 and 3 are written last
	front, back []int32    // the page objects: those added with AddFront, then those added with Add
	err         error      // the first error: the output is broken after it

	// shared maps the hash of an object, as written, to its number;
	// seen keeps those met again, to be found by their bytes.
	shared map[sharedKey]int32
	sum    hash.Hash
	seen   seenObjects

	outline []Bookmark

	// The joined structure tree, when the files are tagged: its root's
	// number and its one Document element's (0 until a tagged file
	// comes), each file's top elements, which become Parts of that
	// Document (front files first, as their pages), the ParentTree's key and value
	// pairs, and the next free key. A file's keys are shifted past those
	// before it; its marked-content identifiers belong to its own pages
	// and stay as they are.
	structRoot, structDoc   int
	structFront, structBack []int32
	parentTree              []int32
	nextKey                 int
	keyShift                int // the shift of the file being copied

	// stm gathers the objects that are not streams, written as object
	// streams of some objStmBytes each (see objstm.go).
	stm    objStream
	stmBuf []byte
	unpack unpacker // reads files with object streams
	zw     *zlib.Writer

	// scratch reused from file to file
	objs  []srcObj
	refs  []srcRef
	stack []walkPos
	// looked counts the references the walks have looked at: a test's
	// measure that each is looked at about once; scanned the objects
	// whose values were read (not found read in an object stream before).
	looked, scanned int
	found           int // objects found by seen
	buf             []byte
}

// sharedKey is the first half of an object's SHA-256: 128 bits tell
// apart the tens of thousands of objects a pack holds as surely as 256
// (two different objects share a key with a chance of some 1 in 10^30),
// in 20 bytes an entry with its number rather than 40.
type sharedKey [16]byte

// seenObjects are objects of the shared table met at least twice (a font
// program, its widths and ToUnicode map, a logo: what documents of a
// build have in common), kept byte for byte with their numbers: met
// again, one is found by its bytes, compared whole, and not hashed with
// SHA-256 once more (a flyer's fonts are some 10 KB of the 15 KB it
// hashed). What is found is what the table gives: an object is kept only
// as the table's entry for its hash, and both are emptied together.
type seenObjects struct {
	seed  maphash.Seed
	index map[uint64]int // an object's maphash to its place in objs
	objs  [seenMax]seenObj
	next  int // the place written next: the oldest
	bytes int
}

type seenObj struct {
	sum uint64
	v   []byte
	num int32
}

// seenMax is how many objects seenObjects keeps, seenBytes the most bytes
// of them, and seenLargest the largest it keeps: the fonts of a few
// kinds of document. The 250 Punjabi flyers of bench/run's plan (five
// audiences in turn, four fonts each) meet 255 objects again, 178 KB
// (English 189, 121 KB): with room for 64 each was put out before it
// came again, and none was found.
const (
	seenMax     = 512
	seenLargest = 32 << 10
)

var seenBytes = 256 << 10 // a variable for the tests

// sum is the maphash of the object written as b and rest.
func (s *seenObjects) sum(b, rest []byte) uint64 {
	if s.index == nil {
		s.seed, s.index = maphash.MakeSeed(), map[uint64]int{}
	}
	var h maphash.Hash
	h.SetSeed(s.seed)
	h.Write(b)
	h.Write(rest)
	return h.Sum64()
}

// find is the number of the object written as b and rest, of hash sum,
// if it is kept.
func (s *seenObjects) find(sum uint64, b, rest []byte) (int, bool) {
	i, ok := s.index[sum]
	if !ok {
		return 0, false
	}
	e := &s.objs[i]
	if len(e.v) != len(b)+len(rest) || !bytes.Equal(e.v[:len(b)], b) || !bytes.Equal(e.v[len(b):], rest) {
		return 0, false
	}
	return int(e.num), true
}

// keep keeps the object written as b and rest, of hash sum, as number
// num, in place of the oldest (and of those after it while they hold
// more than seenBytes).
func (s *seenObjects) keep(sum uint64, b, rest []byte, num int32) {
	n := len(b) + len(rest)
	if n > seenLargest || 2*n+1024 > seenBytes {
		return
	}
	if _, ok := s.index[sum]; ok {
		return // another object of the same maphash: it stays
	}
	e := &s.objs[s.next]
	buf := e.v[:0]
	s.drop(s.next)
	if cap(buf) < n || cap(buf) > 2*n+1024 {
		buf = make([]byte, 0, n)
	}
	for i := 1; i < seenMax && s.bytes+cap(buf) > seenBytes; i++ {
		s.drop((s.next + i) % seenMax)
	}
	e.v = append(append(buf, b...), rest...)
	e.sum, e.num = sum, num
	s.bytes += cap(e.v)
	s.index[sum] = s.next
	s.next = (s.next + 1) % seenMax
}

// drop forgets the object kept at place i.
func (s *seenObjects) drop(i int) {
	e := &s.objs[i]
	if e.v == nil {
		return
	}
	if j, ok := s.index[e.sum]; ok && j == i {
		delete(s.index, e.sum)
	}
	s.bytes -= cap(e.v)
	e.v = nil
}

// clear forgets every object kept.
func (s *seenObjects) clear() {
	for i := range s.objs {
		s.objs[i] = seenObj{}
	}
	clear(s.index)
	s.next, s.bytes = 0, 0
}

// maxShared bounds the table of shared objects: past it, it starts
// again empty (objects are then shared only with files that follow).
// A flyer adds about a dozen objects; 16,384 keep the fonts of a large
// build shared in some 0.8 MB (1.6 MB with whole hashes).
const maxShared = 1 << 14

// NewPacker starts a PDF written to w.
func NewPacker(w io.Writer) *Packer {
	out := &countWriter{w: bufio.NewWriterSize(w, 1<<16)}
	out.writeString(header)
	// Object 1 is the new page tree, 2 the catalog, 3 the metadata;
	// every file's objects follow, renumbered.
	offsets := newObjOffsets()
	offsets.next()
	for range 3 {
		offsets.reserve()
	}
	return &Packer{out: out, offsets: offsets, shared: make(map[sharedKey]int32), sum: sha256.New(), stm: objStream{forget: true}}
}

// SpillOffsets keeps the offsets of the objects of the files added before
// the current one in f (a temporary file), read back by Finish, instead of
// in memory: 8 bytes an object, some 6 MB for ten thousand flyers. Call
// it before the first Add.
func (p *Packer) SpillOffsets(f io.ReadWriteSeeker) { p.offsets.spill = f }

// Add copies the pages of one PDF after those added before, and returns
// how many it has. After an error the Packer cannot be used.
func (p *Packer) Add(data []byte) (int, error) { return p.add(data, false) }

// AddFront copies the pages of one PDF after those added with AddFront
// before, but ahead of every page added with Add: the print pack's cover
// sheet, which is known only when every material is, comes first.
func (p *Packer) AddFront(data []byte) (int, error) { return p.add(data, true) }

// Pages is the number of pages added so far.
func (p *Packer) Pages() int { return len(p.front) + len(p.back) }

// Objects is the number of objects written so far: a measure of what
// sharing saved.
func (p *Packer) Objects() int { return p.offsets.len() - 4 }

// Bookmark is one entry of the joined file's outline (the bookmarks a
// viewer lists beside the pages): a title, the page it opens (counting
// from 0 in the joined file, front pages first) and entries under it.
type Bookmark struct {
	Title string
	Page  int
	Kids  []Bookmark
}

// SetOutline gives the joined file an outline, written by Finish.
func (p *Packer) SetOutline(b []Bookmark) { p.outline = b }

// Finish writes the page tree, the catalog, the metadata and the
// cross-reference table, and returns the number of pages.
func (p *Packer) Finish(meta doc.Meta, opts Options) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	kids := len(p.front) + len(p.back)
	if kids == 0 {
		return 0, errors.New("merge: no pages")
	}
	out := p.out
	pageNums := slices.Concat(p.front, p.back)
	outline := 0
	if len(p.outline) > 0 {
		var err error
		if outline, err = p.writeOutline(pageNums); err != nil {
			return 0, err
		}
	}
	b := p.buf[:0]
	b = append(b, "<</Type /Pages /Count "...)
	b = strconv.AppendInt(b, int64(kids), 10)
	b = append(b, " /Kids ["...)
	for i, k := range pageNums {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(k), 10)
		b = append(b, " 0 R"...)
	}
	b = append(b, "]>>"...)
	p.inEndStm(1, b)

	if p.structRoot > 0 {
		p.writeStructRoot(meta.Lang)
	}
	catalog := "<</Type /Catalog /Pages 1 0 R /Lang " + pdfString(meta.Lang)
	if p.structRoot > 0 {
		catalog += " /StructTreeRoot " + strconv.Itoa(p.structRoot) + " 0 R /MarkInfo <</Marked true>> /ViewerPreferences <</DisplayDocTitle true>>"
	}
	if outline > 0 {
		catalog += " /Outlines " + strconv.Itoa(outline) + " 0 R /PageMode /UseOutlines"
	}
	p.inEndStm(2, []byte(catalog+">>"))
	date := "D:" + opts.Date.UTC().Format("20060102150405") + "Z"
	p.inEndStm(3, []byte("<</Title "+pdfString(meta.Title)+" /Subject "+pdfString(meta.Subject)+
		" /Author "+pdfString(meta.Author)+" /Creator "+pdfString(meta.Creator)+" /Producer "+pdfString(meta.Creator)+
		" /CreationDate ("+date+") /ModDate ("+date+")>>"))
	p.flushStm()

	// The cross-reference stream is the last object.
	xref := p.newNum()
	p.offsets.set(xref, out.n)
	if p.zw == nil {
		p.zw, _ = zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: no error
	}
	if err := writeXrefStream(out, xref, out.n, p.offsets.each, "/Root 2 0 R /Info 3 0 R", p.zw); err != nil {
		return 0, err
	}
	p.buf = b
	if out.err != nil {
		return 0, out.err
	}
	return kids, out.w.(*bufio.Writer).Flush()
}

// writeStructRoot writes the joined structure tree's root, its Document
// element in lang, and its ParentTree.
func (p *Packer) writeStructRoot(lang string) {
	pt := p.newNum()
	b := append(p.buf[:0], "<</Nums ["...)
	for i, v := range p.parentTree {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(v), 10)
		if i%2 == 1 {
			b = append(b, " 0 R"...)
		}
	}
	b = append(b, "]>>"...)
	p.inEndStm(pt, b)

	b = append(b[:0], "<</Type /StructElem /S /Document /P "...)
	b = strconv.AppendInt(b, int64(p.structRoot), 10)
	b = append(b, " 0 R /Lang "...)
	b = append(b, pdfString(lang)...)
	b = append(b, " /K ["...)
	for i, k := range slices.Concat(p.structFront, p.structBack) {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(k), 10)
		b = append(b, " 0 R"...)
	}
	b = append(b, "]>>"...)
	p.inEndStm(p.structDoc, b)

	b = append(b[:0], "<</Type /StructTreeRoot /K ["...)
	b = strconv.AppendInt(b, int64(p.structDoc), 10)
	b = append(b, " 0 R] /ParentTree "...)
	b = strconv.AppendInt(b, int64(pt), 10)
	b = append(b, " 0 R /ParentTreeNextKey "...)
	b = strconv.AppendInt(b, int64(p.nextKey), 10)
	b = append(b, ">>"...)
	p.inEndStm(p.structRoot, b)
	p.buf = b
}

// writeOutline writes the outline's objects and returns the number of its
// root. Each entry opens its page whole (/Fit); entries with entries under
// them are shown open.
func (p *Packer) writeOutline(pages []int32) (int, error) {
	root := p.newNum()
	// Numbers first, level by level, so that each entry knows its
	// neighbours' and children's.
	nums := make(map[*Bookmark]int)
	var number func(bs []Bookmark) error
	number = func(bs []Bookmark) error {
		for i := range bs {
			if bs[i].Page < 0 || bs[i].Page >= len(pages) {
				return fmt.Errorf("merge: bookmark %q opens page %d of %d", bs[i].Title, bs[i].Page+1, len(pages))
			}
			nums[&bs[i]] = p.newNum()
		}
		for i := range bs {
			if err := number(bs[i].Kids); err != nil {
				return err
			}
		}
		return nil
	}
	if err := number(p.outline); err != nil {
		return 0, err
	}
	var count func(bs []Bookmark) int
	count = func(bs []Bookmark) int {
		n := len(bs)
		for _, b := range bs {
			n += count(b.Kids)
		}
		return n
	}
	ref := func(b []byte, n int) []byte {
		b = strconv.AppendInt(b, int64(n), 10)
		return append(b, " 0 R"...)
	}
	var write func(bs []Bookmark, parent int)
	write = func(bs []Bookmark, parent int) {
		for i := range bs {
			bm := &bs[i]
			n := nums[bm]
			b := append(p.buf[:0], "<</Title "...)
			b = append(b, pdfString(bm.Title)...)
			b = append(b, " /Parent "...)
			b = ref(b, parent)
			if i > 0 {
				b = ref(append(b, " /Prev "...), nums[&bs[i-1]])
			}
			if i+1 < len(bs) {
				b = ref(append(b, " /Next "...), nums[&bs[i+1]])
			}
			if len(bm.Kids) > 0 {
				b = ref(append(b, " /First "...), nums[&bm.Kids[0]])
				b = ref(append(b, " /Last "...), nums[&bm.Kids[len(bm.Kids)-1]])
				b = strconv.AppendInt(append(b, " /Count "...), int64(count(bm.Kids)), 10)
			}
			b = ref(append(b, " /Dest ["...), int(pages[bm.Page]))
			b = append(b, " /Fit]>>"...)
			p.inEndStm(n, b)
			p.buf = b
			write(bm.Kids, n)
		}
	}
	write(p.outline, root)
	b := append(p.buf[:0], "<</Type /Outlines /First "...)
	b = ref(b, nums[&p.outline[0]])
	b = ref(append(b, " /Last "...), nums[&p.outline[len(p.outline)-1]])
	b = strconv.AppendInt(append(b, " /Count "...), int64(count(p.outline)), 10)
	b = append(b, ">>"...)
	p.inEndStm(root, b)
	p.buf = b
	return root, p.out.err
}

// srcObj is one object of the file being added.
type srcObj struct {
	val      []byte // the object's value, after "N 0 obj", before "endobj"
	has      bool   // the file has the object
	dictEnd  int    // in val, where the dictionary ends and the stream keyword starts; len(val) when there is none
	refs     [2]int
	kind     objKind
	inherit  []byte // a page: the entries it inherits from the page tree, to write into it
	num      int    // its number in the output; 0 before it has one
	state    uint8  // of the walk: unseen, on the stack, written
	unshared bool   // on a cycle of references: numbered before it was written, so never shared
	// own: it refers to a page, or to an object that is unshared or own,
	// whose numbers no other file's objects name: it is never shared,
	// and not looked for among those that are.
	own  bool
	part bool // a top element of the file's structure tree: its Document becomes a Part
}

type objKind uint8

const (
	plainObj objKind = iota
	pageObj
	treeObj // the file's page tree: its pages join the output's
	skipObj // the catalog and the metadata, which the output has its own of
)

// srcRef is a reference "N G R" in an object's dictionary.
type srcRef struct {
	at, end int // the bytes "N G R" in the object's value
	num     int
}

const (
	unseen uint8 = iota
	walking
	written
)

func (p *Packer) add(data []byte, front bool) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	pages, err := p.copyFile(data, front)
	if err == nil && p.stm.n > 0 && (len(p.stm.body) >= objStmBytes || p.offsets.len()-p.stm.num > maxObjStream) {
		p.flushStm()
	}
	if err == nil {
		err = p.out.err
	}
	// The window of offsets is spilled only when no object stream is
	// being gathered (its number has no offset yet): the bytes written
	// are the same with a spill or without.
	if err == nil && p.stm.n == 0 {
		err = p.offsets.settle()
	}
	if err != nil {
		p.err = err
		return 0, err
	}
	return pages, nil
}

func (p *Packer) copyFile(data []byte, front bool) (int, error) {
	fobjs, root, info, err := p.unpack.objects(data)
	if err != nil {
		return 0, err
	}
	objs := slices.Grow(p.objs[:0], len(fobjs))[:len(fobjs)]
	clear(objs)
	p.objs = objs
	p.refs = p.refs[:0]
	for n, f := range fobjs {
		objs[n].val, objs[n].has = f.val, f.has
	}
	for n := range objs {
		o := &objs[n]
		if !o.has {
			continue
		}
		first := len(p.refs)
		// An object of a stream read before is not read again.
		if st, k := fobjs[n].stm, fobjs[n].idx; st != nil && st.parsed() {
			o.dictEnd = st.dictEnds[k]
			p.refs = append(p.refs, st.refs[st.refAt[k]:st.refAt[k+1]]...)
		} else {
			p.scanned++
			s := scanner{b: o.val, refs: p.refs}
			o.dictEnd, err = s.object()
			p.refs = s.refs
			if err != nil {
				return 0, fmt.Errorf("object %d: %w", n, err)
			}
		}
		o.refs = [2]int{first, len(p.refs)}
		for _, r := range p.refs[first:] {
			if r.num <= 0 || r.num >= len(objs) || !objs[r.num].has {
				return 0, fmt.Errorf("object %d refers to object %d, which the file does not have", n, r.num)
			}
		}
	}

	p.unpack.keepParsed(fobjs, func(n int) (int, []srcRef) {
		return objs[n].dictEnd, p.refs[objs[n].refs[0]:objs[n].refs[1]]
	})

	// The catalog, its page tree, and the pages in the tree's order.
	if root <= 0 || root >= len(objs) || !objs[root].has {
		return 0, errors.New("no catalog")
	}
	tree, ok := p.entryRef(&objs[root], "/Pages")
	if !ok || tree <= 0 || tree >= len(objs) || !objs[tree].has {
		return 0, errors.New("no page tree")
	}
	objs[root].kind = skipObj
	if info > 0 && info < len(objs) {
		objs[info].kind = skipObj
	}
	objs[tree].kind, objs[tree].num = treeObj, 1
	str, err := p.structTree(root)
	if err != nil {
		return 0, err
	}
	t := &objs[tree]
	tdict := t.val[:t.dictEnd]
	kidsAt, kidsEnd, ok := entry(tdict, "/Kids")
	if !ok {
		return 0, errors.New("the page tree has no /Kids")
	}
	// Entries a page takes from the tree when it has none of its own.
	var inherited []byte
	for _, key := range []string{"/MediaBox", "/CropBox", "/Rotate"} {
		if at, end, ok := entry(tdict, key); ok {
			inherited = append(append(append(inherited, key...), ' '), tdict[at:end]...)
			inherited = append(inherited, '\n')
		}
	}
	if _, _, ok := entry(tdict, "/Resources"); ok {
		return 0, errors.New("the page tree holds /Resources for its pages, which merging does not support")
	}
	firstPage := len(p.front) + len(p.back)
	for _, r := range p.refs[t.refs[0]:t.refs[1]] {
		if r.at < kidsAt || r.end > kidsEnd {
			continue
		}
		k := &objs[r.num]
		if k.kind != plainObj {
			return 0, fmt.Errorf("page %d is listed twice, or is not a page", r.num)
		}
		if _, _, ok := entry(k.val[:k.dictEnd], "/Kids"); ok {
			return 0, errors.New("the page tree has more than one level, which merging does not support")
		}
		k.kind = pageObj
		// Pages are numbered first: they are never shared, and whatever
		// refers back to one (a link's /P) finds its number.
		k.num = p.newNum()
		for _, key := range []string{"/MediaBox", "/CropBox", "/Rotate"} {
			if _, _, has := entry(k.val[:k.dictEnd], key); !has {
				if i := bytes.Index(inherited, []byte(key+" ")); i >= 0 {
					k.inherit = append(k.inherit, inherited[i:i+bytes.IndexByte(inherited[i:], '\n')+1]...)
				}
			}
		}
		if front {
			p.front = append(p.front, int32(k.num))
		} else {
			p.back = append(p.back, int32(k.num))
		}
	}
	pages := len(p.front) + len(p.back) - firstPage
	if pages == 0 {
		return 0, errors.New("no pages")
	}

	// Every other object, each after those it refers to, so that a shared
	// one is known by its number before anything that names it is
	// written.
	for n := range objs {
		if objs[n].has && objs[n].kind != skipObj && objs[n].kind != treeObj && objs[n].state == unseen {
			if err := p.walk(n); err != nil {
				return 0, err
			}
		}
	}
	if str.root > 0 {
		for _, k := range str.kids {
			if front {
				p.structFront = append(p.structFront, int32(objs[k].num))
			} else {
				p.structBack = append(p.structBack, int32(objs[k].num))
			}
		}
		for i := 0; i < len(str.nums); i += 2 {
			p.parentTree = append(p.parentTree, int32(str.nums[i]+p.keyShift), int32(objs[str.nums[i+1]].num))
		}
		p.nextKey = p.keyShift + str.nextKey
	}
	return pages, nil
}

// fileStruct is a file's structure tree as the packer joins it.
type fileStruct struct {
	root    int   // its StructTreeRoot; 0 for an untagged file
	kids    []int // the root's children
	nums    []int // the ParentTree's key, object pairs
	nextKey int
}

// structTree reads the structure tree of the file whose catalog is
// object root, if it has one. The root becomes the output's (its elements'
// /P then name it), its ParentTree is not copied but read into key and
// object pairs, and the keys of this file are shifted past those before.
func (p *Packer) structTree(root int) (fileStruct, error) {
	var fs fileStruct
	objs := p.objs
	sr, ok := p.entryRef(&objs[root], "/StructTreeRoot")
	p.keyShift = p.nextKey
	if !ok {
		return fs, nil
	}
	o := &objs[sr]
	if o.kind != plainObj {
		return fs, errors.New("the structure tree's root is the catalog or the page tree")
	}
	dict := o.val[:o.dictEnd]
	pt, ok := p.entryRef(o, "/ParentTree")
	if !ok || objs[pt].kind != plainObj || pt == sr {
		return fs, errors.New("the structure tree has no /ParentTree")
	}
	if at, end, ok := entry(dict, "/K"); ok {
		for _, r := range p.refs[o.refs[0]:o.refs[1]] {
			if r.at >= at && r.end <= end {
				fs.kids = append(fs.kids, r.num)
				objs[r.num].part = true
			}
		}
	}
	for _, key := range []string{"/RoleMap", "/ClassMap", "/IDTree"} {
		if _, _, has := entry(dict, key); has {
			return fs, fmt.Errorf("the structure tree has a %s, which merging does not support", key)
		}
	}
	// The ParentTree: one flat /Nums array of keys and references.
	t := &objs[pt]
	tdict := t.val[:t.dictEnd]
	if _, _, has := entry(tdict, "/Kids"); has {
		return fs, errors.New("the structure's ParentTree has more than one level, which merging does not support")
	}
	at, end, ok := entry(tdict, "/Nums")
	if !ok || tdict[at] != '[' {
		return fs, errors.New("the structure's ParentTree has no /Nums array")
	}
	refs := p.refs[t.refs[0]:t.refs[1]]
	i := skipSpace(tdict, at+1)
	for i < end && tdict[i] != ']' {
		key, k := parseInt(tdict, i)
		if k == 0 {
			return fs, errors.New("the structure's ParentTree has a key that is not a whole number")
		}
		if len(fs.nums) > 0 && key <= fs.nums[len(fs.nums)-2] {
			return fs, errors.New("the structure's ParentTree keys are not in order")
		}
		i = skipSpace(tdict, i+k)
		j := slices.IndexFunc(refs, func(r srcRef) bool { return r.at == i })
		if j < 0 {
			return fs, errors.New("the structure's ParentTree holds a value that is not a reference, which merging does not support")
		}
		fs.nums = append(fs.nums, key, refs[j].num)
		fs.nextKey = key + 1
		i = skipSpace(tdict, refs[j].end)
	}
	if nk, _, ok := entry(dict, "/ParentTreeNextKey"); ok {
		if v, k := parseInt(dict, nk); k > 0 && v > fs.nextKey {
			fs.nextKey = v
		}
	}
	if p.structRoot == 0 {
		// Written last, when every file's elements are known.
		p.structRoot, p.structDoc = p.offsets.reserve(), p.offsets.reserve()
	}
	// The file's root is the joined Document: its elements' /P name it.
	o.kind, o.num = treeObj, p.structDoc
	t.kind = skipObj
	fs.root = sr
	return fs, nil
}

// walk writes object n after everything it refers to, depth first
// without recursion. Each object on the stack goes on from the
// reference after the one it last went down: an object with many
// references (a structure element with a row's cells, a cover's
// Document with its thousands of elements) is read through once, not
// again from its first reference each time one of them is written.
func (p *Packer) walk(n int) error {
	objs := p.objs
	stack := append(p.stack[:0], walkPos{n, objs[n].refs[0]})
	objs[n].state = walking
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		o := &objs[top.num]
		pushed := false
		end := o.refs[1]
		for ; top.next < end; top.next++ {
			p.looked++
			r := p.refs[top.next]
			c := &objs[r.num]
			switch {
			case c.kind == skipObj:
				return fmt.Errorf("object %d refers to the file's catalog or metadata", top.num)
			case c.kind == treeObj || c.state == written || c.kind == pageObj && c.state == walking:
			case c.state == walking:
				// A cycle: c is numbered now and written when its walk
				// ends, unshared.
				if c.num == 0 {
					c.num, c.unshared = p.newNum(), true
				}
			default:
				c.state = walking
				pushed = true
			}
			if pushed {
				top.next++
				stack = append(stack, walkPos{r.num, c.refs[0]})
				break
			}
		}
		if pushed {
			continue
		}
		num := top.num
		stack = stack[:len(stack)-1]
		if err := p.write(o, num); err != nil {
			return err
		}
		o.state = written
	}
	p.stack = stack
	return nil
}

// walkPos is an object on the walk's stack and the next of its
// references to follow (an index in Packer.refs).
type walkPos struct{ num, next int }

// write writes object o (number n in its file) with its references
// renumbered, or finds it already written and takes that one's number.
func (p *Packer) write(o *srcObj, n int) error {
	b := p.buf[:0]
	data := o.val
	pos := 0
	if o.kind == pageObj && len(o.inherit) > 0 {
		i := bytes.Index(data[:o.dictEnd], []byte("<<"))
		if i < 0 {
			return fmt.Errorf("page %d is not a dictionary", n)
		}
		b = append(b, data[:i+2]...)
		b = append(b, o.inherit...)
		pos = i + 2
	}
	for _, r := range p.refs[o.refs[0]:o.refs[1]] {
		b = append(b, data[pos:r.at]...)
		b = appendInt(b, p.objs[r.num].num)
		b = append(b, " 0 R"...)
		pos = r.end
	}
	b = append(b, data[pos:o.dictEnd]...)
	if p.keyShift > 0 && bytes.Contains(b, []byte("/StructParent")) {
		b = shiftKey(shiftKey(b, "/StructParents", p.keyShift), "/StructParent", p.keyShift)
	}
	if o.part {
		if at, end, ok := entry(b, "/S"); ok && string(b[at:end]) == "/Document" {
			b = slices.Concat(b[:at], []byte("/Part"), b[end:])
		}
	}
	p.buf = b
	rest := data[o.dictEnd:]

	o.own = o.unshared
	for _, r := range p.refs[o.refs[0]:o.refs[1]] {
		if c := &p.objs[r.num]; c.kind == pageObj || c.unshared || c.own {
			o.own = true
			break
		}
	}
	if o.kind == plainObj && !o.own {
		seen := p.seen.sum(b, rest)
		if num, ok := p.seen.find(seen, b, rest); ok {
			o.num = num
			p.found++
			return nil
		}
		p.sum.Reset()
		p.sum.Write(b)
		p.sum.Write(rest)
		var sum [sha256.Size]byte
		key := sharedKey(p.sum.Sum(sum[:0]))
		if num, ok := p.shared[key]; ok {
			o.num = int(num)
			p.seen.keep(seen, b, rest, num)
			return nil
		}
		if len(p.shared) >= maxShared {
			clear(p.shared)
			p.seen.clear()
		}
		o.num = p.newNum()
		p.shared[key] = int32(o.num)
	} else if o.num == 0 {
		o.num = p.newNum()
	}
	if len(rest) == 0 {
		p.inStm(o.num, b)
		return nil
	}
	out := p.out
	p.offsets.set(o.num, out.n)
	var head [24]byte
	out.write(append(appendInt(head[:0], o.num), " 0 obj\n"...))
	out.write(b)
	out.write(rest)
	out.writeString("\nendobj\n")
	return nil
}

// inStm puts object num, value v, in the object stream being gathered.
func (p *Packer) inStm(num int, v []byte) {
	if p.stm.num == 0 {
		p.stm.num = p.newNum()
	}
	p.offsets.set(num, inStream(p.stm.num, p.stm.add(num, v)))
	if p.stm.n == maxObjStream {
		p.flushStm()
	}
}

// inEndStm is inStm for the objects Finish writes (the outline, the
// page tree, the structure's root): the stream is written each time it
// holds objStmBytes, so that the outline of ten thousand materials is
// some twenty streams of a bounded buffer, not one of a megabyte held,
// copied and compressed whole at the end.
// A value of objStmBytes or more (the page tree's or the structure's
// lists of ten thousand materials) gets a stream of its own.
func (p *Packer) inEndStm(num int, v []byte) {
	if len(v) >= objStmBytes {
		p.flushStm()
	}
	p.inStm(num, v)
	if len(p.stm.body) >= objStmBytes {
		p.flushStm()
	}
}

// flushStm writes the object stream gathered, if it holds anything.
func (p *Packer) flushStm() {
	if p.stm.n == 0 {
		return
	}
	p.offsets.set(p.stm.num, p.out.n)
	p.stmBuf = p.stm.appendTo(p.stmBuf[:0])
	p.out.write(p.stmBuf)
}

// objStmBytes is the size an object stream of the pack is written at,
// after the file that brings it there: a few flyers' objects, so that
// their likenesses compress, and a bounded buffer.
const objStmBytes = 64 << 10

// shiftKey adds shift to the whole number that key names in dict, a
// page's or an annotation's key in the structure's ParentTree. It
// changes dict in place (the packer's own copy of the object), rather
// than in a copy made for every page and annotation.
func shiftKey(dict []byte, key string, shift int) []byte {
	at, end, ok := entry(dict, key)
	if !ok {
		return dict
	}
	v, k := parseInt(dict, at)
	if k == 0 || k != end-at {
		return dict
	}
	var digits [24]byte
	return slices.Replace(dict, at, end, strconv.AppendInt(digits[:0], int64(v+shift), 10)...)
}

// newNum allocates the next object number of the output.
func (p *Packer) newNum() int {
	return p.offsets.next()
}

// entryRef is the object that the entry key of o's dictionary refers to.
func (p *Packer) entryRef(o *srcObj, key string) (int, bool) {
	at, end, ok := entry(o.val[:o.dictEnd], key)
	if !ok {
		return 0, false
	}
	for _, r := range p.refs[o.refs[0]:o.refs[1]] {
		if r.at == at && r.end == end {
			return r.num, true
		}
	}
	return 0, false
}

// xrefTable is where a file's objects are, by its cross-reference table.
type xrefTable struct {
	offsets []int // offsets[n] is where object n starts; 0 for none
	start   int   // of "xref"
	trailer int   // of the trailer dictionary, after "trailer"
}

// readXref reads the file's last classic cross-reference table.
func readXref(data []byte) (xrefTable, error) {
	var x xrefTable
	sx := bytes.LastIndex(data, []byte("startxref"))
	if sx < 0 {
		return x, errors.New("no startxref")
	}
	i := skipSpace(data, sx+len("startxref"))
	start, n := parseInt(data, i)
	if n == 0 || start <= 0 || start >= sx || !bytes.HasPrefix(data[start:], []byte("xref")) {
		return x, errors.New("no classic cross-reference table: the file has object streams or is not a PDF")
	}
	x.start = start
	i = skipSpace(data, start+len("xref"))
	for {
		first, n1 := parseInt(data, i)
		if n1 == 0 {
			break
		}
		i = skipSpace(data, i+n1)
		count, n2 := parseInt(data, i)
		if n2 == 0 {
			return x, errors.New("bad cross-reference subsection")
		}
		i = skipSpace(data, i+n2)
		// An object takes at least a dozen bytes ("1 0 obj\nendobj"): a
		// table naming more than the file can hold is not to be believed.
		if first < 0 || count < 0 || first+count > len(data)/12+1 {
			return x, errors.New("bad cross-reference subsection")
		}
		if len(x.offsets) < first+count {
			x.offsets = slices.Grow(x.offsets, first+count-len(x.offsets))[:first+count]
		}
		for k := range count {
			// Each entry is 20 bytes: ten digits, a space, five digits, a
			// space, n or f, and two bytes of line end.
			if i+18 > len(data) || data[i+10] != ' ' || data[i+16] != ' ' {
				return x, errors.New("bad cross-reference entry")
			}
			if data[i+17] == 'n' {
				off, _ := parseInt(data[:i+10], i)
				if off <= 0 || off >= start {
					return x, fmt.Errorf("cross-reference entry %d is outside the file", first+k)
				}
				x.offsets[first+k] = off
			}
			i += 20
		}
	}
	if !bytes.HasPrefix(data[i:], []byte("trailer")) {
		return x, errors.New("no trailer")
	}
	x.trailer = i + len("trailer")
	return x, nil
}

// objectBounds checks that object n starts at off with "n G obj" and
// ends before limit with endobj, and returns where its value is.
func objectBounds(data []byte, off, limit, n int) (start, end int, err error) {
	num, k := parseInt(data[:limit], off)
	if k == 0 || num != n {
		return 0, 0, fmt.Errorf("object %d is not at offset %d", n, off)
	}
	i := skipSpace(data[:limit], off+k)
	_, k = parseInt(data[:limit], i)
	i = skipSpace(data[:limit], i+k)
	if k == 0 || !bytes.HasPrefix(data[i:limit], []byte("obj")) {
		return 0, 0, fmt.Errorf("object %d is not at offset %d", n, off)
	}
	start = i + len("obj")
	e := bytes.LastIndex(data[start:limit], []byte("endobj"))
	if e < 0 {
		return 0, 0, fmt.Errorf("object %d has no endobj", n)
	}
	end = start + e
	for start < end && isSpace(data[start]) {
		start++
	}
	for end > start && isSpace(data[end-1]) {
		end--
	}
	return start, end, nil
}

// trailerRef reads the reference of key in a trailer dictionary.
func trailerRef(trailer []byte, key string) (int, bool) {
	s := scanner{b: trailer, i: skipSpace(trailer, 0)}
	if err := s.value(0); err != nil {
		return 0, false
	}
	at, end, ok := entry(trailer, key)
	if !ok {
		return 0, false
	}
	for _, r := range s.refs {
		if r.at == at && r.end == end {
			return r.num, true
		}
	}
	return 0, false
}

// entry finds key among the entries of the dictionary that dict starts
// with, and returns where its value is.
func entry(dict []byte, key string) (at, end int, ok bool) {
	s := scanner{b: dict, i: skipSpace(dict, 0), noRefs: true}
	if !bytes.HasPrefix(dict[s.i:], []byte("<<")) {
		return 0, 0, false
	}
	s.i += 2
	for {
		s.i = skipSpace(dict, s.i)
		if s.i >= len(dict) || bytes.HasPrefix(dict[s.i:], []byte(">>")) {
			return 0, 0, false
		}
		k0 := s.i
		if dict[k0] != '/' {
			return 0, 0, false
		}
		s.i = endOfToken(dict, k0+1)
		name := dict[k0:s.i]
		s.i = skipSpace(dict, s.i)
		v0 := s.i
		if err := s.value(0); err != nil {
			return 0, 0, false
		}
		if string(name) == key {
			return v0, s.i, true
		}
	}
}

// scanner reads PDF objects, recording every reference it meets.
type scanner struct {
	b    []byte
	i    int
	refs []srcRef
	// noRefs: the references are not recorded (entry, which only
	// looks for where a value ends: its references, recorded in a list
	// of its own, were 2 MB of a 1,000-flyer build's garbage).
	noRefs bool
}

// maxDepth bounds the nesting of arrays and dictionaries.
const maxDepth = 64

// object reads the value at s.i, a dictionary maybe followed by a stream,
// and returns where the stream keyword is (len(s.b) when there is none).
func (s *scanner) object() (int, error) {
	if err := s.value(0); err != nil {
		return 0, err
	}
	i := skipSpace(s.b, s.i)
	if i < len(s.b) {
		if !bytes.HasPrefix(s.b[i:], []byte("stream")) {
			return 0, errors.New("something follows the object's value that is not a stream")
		}
		return i, nil
	}
	return len(s.b), nil
}

// value reads one value: a dictionary, an array, a string, a name, a
// number, a reference or a keyword.
func (s *scanner) value(depth int) error {
	b := s.b
	s.i = skipSpace(b, s.i)
	if s.i >= len(b) {
		return errors.New("a value is missing")
	}
	if depth > maxDepth {
		return errors.New("nested too deep")
	}
	switch c := b[s.i]; {
	case c == '<' && s.i+1 < len(b) && b[s.i+1] == '<':
		s.i += 2
		for {
			s.i = skipSpace(b, s.i)
			if s.i+1 < len(b) && b[s.i] == '>' && b[s.i+1] == '>' {
				s.i += 2
				return nil
			}
			if s.i >= len(b) || b[s.i] != '/' {
				return errors.New("a dictionary key is not a name")
			}
			s.i = endOfToken(b, s.i+1)
			if err := s.value(depth + 1); err != nil {
				return err
			}
		}
	case c == '[':
		s.i++
		for {
			s.i = skipSpace(b, s.i)
			if s.i < len(b) && b[s.i] == ']' {
				s.i++
				return nil
			}
			if err := s.value(depth + 1); err != nil {
				return err
			}
		}
	case c == '(':
		nest := 0
		for s.i++; s.i < len(b); s.i++ {
			switch b[s.i] {
			case '\\':
				s.i++
			case '(':
				nest++
			case ')':
				if nest == 0 {
					s.i++
					return nil
				}
				nest--
			}
		}
		return errors.New("a string is not closed")
	case c == '<':
		e := bytes.IndexByte(b[s.i:], '>')
		if e < 0 {
			return errors.New("a hex string is not closed")
		}
		s.i += e + 1
		return nil
	case c == '/':
		s.i = endOfToken(b, s.i+1)
		return nil
	case c == '>' || c == ']' || c == ')' || c == '{' || c == '}':
		return fmt.Errorf("unexpected %q", c)
	}
	// A number, a keyword, or a reference: two whole numbers and R.
	start := s.i
	num, n := parseInt(b, start)
	s.i = endOfToken(b, start)
	if n > 0 && n == s.i-start {
		j := skipSpace(b, s.i)
		if _, g := parseInt(b, j); g > 0 && endOfToken(b, j) == j+g {
			k := skipSpace(b, j+g)
			if k < len(b) && b[k] == 'R' && endOfToken(b, k) == k+1 {
				if !s.noRefs {
					s.refs = append(s.refs, srcRef{at: start, end: k + 1, num: num})
				}
				s.i = k + 1
			}
		}
	}
	if s.i == start {
		return fmt.Errorf("unexpected %q", b[start])
	}
	return nil
}

// The kinds of bytes in PDF syntax (ISO 32000-1, 7.2.2): white space,
// delimiters, and the regular characters that make tokens.
const (
	regular byte = iota
	space
	delim
)

// charKind is the kind of each byte, looked up rather than compared: the
// packer reads every dictionary of every file it joins.
var charKind = func() (k [256]byte) {
	for _, c := range []byte(" \n\r\t\f\x00") {
		k[c] = space
	}
	for _, c := range []byte("()<>[]{}/%") {
		k[c] = delim
	}
	return k
}()

func isSpace(c byte) bool { return charKind[c] == space }

func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case charKind[b[i]] == space:
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// endOfToken is where the token of regular characters at i ends.
func endOfToken(b []byte, i int) int {
	for i < len(b) && charKind[b[i]] == regular {
		i++
	}
	return i
}

// parseInt reads the unsigned decimal number at b[i:] and returns it
// with its number of digits (0 when there is none).
func parseInt(b []byte, i int) (v, n int) {
	for i+n < len(b) && b[i+n] >= '0' && b[i+n] <= '9' && n < 12 {
		v = 10*v + int(b[i+n]-'0')
		n++
	}
	return v, n
}

// pdfString is a PDF text string: UTF-16BE with a byte order mark, in
// hex, so that no byte of it can be read as a line end or a delimiter.
func pdfString(s string) string { return string(appendPDFString(nil, s)) }

// appendPDFString appends s as pdfString writes it.
func appendPDFString(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	b = append(b, "<FEFF"...)
	var pair [2]uint16
	for _, r := range s {
		units := pair[:1]
		if r1, r2 := utf16.EncodeRune(r); r1 != unicode.ReplacementChar {
			pair[0], pair[1] = uint16(r1), uint16(r2)
			units = pair[:2]
		} else {
			pair[0] = uint16(r)
			if r > 0xFFFF {
				pair[0] = unicode.ReplacementChar
			}
		}
		for _, u := range units {
			b = append(b, hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15])
		}
	}
	return append(b, '>')
}

// countWriter counts what it writes, for the cross-reference table, and
// keeps the first error.
type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) write(p []byte) {
	if c.err != nil {
		return
	}
	k, err := c.w.Write(p)
	c.n += int64(k)
	c.err = err
}

func (c *countWriter) writeString(s string) { c.write([]byte(s)) }

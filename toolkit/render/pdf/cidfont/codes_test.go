package cidfont

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/go-text/typesetting/language"
	"github.com/klauspost/compress/zlib"
)

// TestSameTextSameCodes: the same text in the same font is the same
// codes in every document, whatever the document drew before it (an
// organisation's name at the top of a flyer, which numbering the CIDs
// in the order drawn made shift every code after it), and each code
// of a glyph drawn as it is is its glyph ID.
func TestSameTextSameCodes(t *testing.T) {
	dejavu := dejaVuSans(t)
	body := shape(dejavu, "If you or someone you know is in danger, call 911.", language.Latin, "en", false)
	drawn := func(first string) (string, *Writer) {
		pdf := newDoc()
		pdf.AddPage()
		w := NewWriter(pdf)
		if err := w.Draw(shape(dejavu, first, language.Latin, "en", false)); err != nil {
			t.Fatal(err)
		}
		if err := w.Draw(body); err != nil {
			t.Fatal(err)
		}
		return string(w.stream), w
	}
	a, wa := drawn("Partner organisation 1")
	b, _ := drawn("Partner organisation 126 (Ωmega)")
	if a != b {
		t.Errorf("the same run after another first run is other codes:\n%q\n%q", a, b)
	}
	for _, e := range wa.fonts[0].entries {
		if len(e.glyphs) == 2 && int(e.cid) != int(e.glyphs[0])<<8|int(e.glyphs[1]) {
			t.Errorf("glyph %x drawn as it is has CID %d", e.glyphs, e.cid)
		}
	}
}

// TestGlyphWithOtherText: a glyph that stands for other text than it
// did the first time gets a CID of its own, after the font's glyph
// IDs, and each CID copies out as its text.
func TestGlyphWithOtherText(t *testing.T) {
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	dejavu := dejaVuSans(t)
	r := shape(dejavu, "ab", language.Latin, "en", false)
	a := r.Glyphs[0]
	r.Glyphs[1] = Glyph{GID: a.GID, Cluster: 1, XAdvance: a.XAdvance} // "b" drawn with a's glyph
	pdf := newDoc()
	pdf.AddPage()
	w := NewWriter(pdf)
	if err := w.Draw(r); err != nil {
		t.Fatal(err)
	}
	n := dejavu.font.numGlyphs
	want := fmt.Sprintf("(%s%s)", appendCode(nil, a.GID), appendCode(nil, uint16(n)))
	if got := string(w.stream); !strings.Contains(got, want) {
		t.Errorf("content %q, want the codes %q (glyph %d, then CID %d)", got, want, a.GID, n)
	}
	path := writePDF(t, pdf, w)
	if got := normalise(run(t, pdftotext, path, "-")); got != "ab" {
		t.Errorf("pdftotext gives %q, want \"ab\"", got)
	}
}

// TestPageContentPieces: a page's content stream compressed in pieces
// inflates to the page; a piece found kept gives the bytes compressing
// it afresh gives, so a page's stream does not depend on the pages
// before it; the cuts fall after marked-content sequences.
func TestPageContentPieces(t *testing.T) {
	seq := func(i int, text string) string {
		return fmt.Sprintf("/P <</MCID %d>> BDC\nq 0 g BT /C1 10 Tf 28 %d Td[(%s)]TJ ET Q\n\nEMC\n", i, 700-i, text)
	}
	page := func(org string) []byte {
		var b strings.Builder
		b.WriteString(seq(0, org))
		for i := 1; i < 120; i++ {
			b.WriteString(seq(i, fmt.Sprintf("line %d of the body", i%17)))
		}
		b.WriteString(seq(120, org))
		return []byte(b.String())
	}
	deflate := func(w *Writer, data []byte) []byte {
		w.zbuf.Reset()
		return bytes.Clone(w.deflateChunked(data))
	}
	a, b := page("Partner organisation 1"), page("Partner organisation 126")
	fresh := deflate(&Writer{scratch: new(scratch)}, b)
	warm := &Writer{scratch: new(scratch)}
	deflate(warm, a)
	if got := deflate(warm, b); !bytes.Equal(got, fresh) {
		t.Error("a page after another gives other bytes than alone")
	}
	if len(warm.chunks.m) != 5 {
		t.Errorf("%d pieces kept after two pages, want 5 (two heads, two tails, one middle)", len(warm.chunks.m))
	}
	zr, err := zlib.NewReader(bytes.NewReader(fresh))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, b) {
		t.Fatalf("the stream inflates to other bytes (%v)", err)
	}
	cut := cuts(b, nil)
	if len(cut) != 3 || cut[2] != len(b) {
		t.Fatalf("cuts %v in %d bytes, want three pieces", cut, len(b))
	}
	long := len(seq(120, "Partner organisation 126"))
	head, tail := cut[0], len(b)-cut[1]
	if !bytes.HasSuffix(b[:cut[0]], emcLine) || !bytes.HasSuffix(b[:cut[1]], emcLine) ||
		head < headSize || head > headSize+long || tail > tailSize || tail < tailSize-long {
		t.Errorf("cuts %v of %d bytes: the head is not %d bytes or a sequence more, or the tail %d or a sequence less", cut, len(b), headSize, tailSize)
	}
	if cut := cuts(b[:minChunked-1], nil); len(cut) != 1 {
		t.Errorf("a short page is cut %v", cut)
	}
}

// TestLongTailSequences: where the last sequences of a page are long
// (right-to-left lines, each glyph placed with a number of its own), the
// tail still holds the last tailSequences of them, so that a sequence
// naming the organisation 1.5 KB from the end falls in the tail and the
// middle is the same on every page; where they run past longTail bytes,
// the tail is tailSize bytes or a sequence less, as before.
func TestLongTailSequences(t *testing.T) {
	seq := func(i int, text string) string {
		return fmt.Sprintf("/P <</MCID %d>> BDC\nq 0 g BT /C1 10 Tf 28 %d Td[%s]TJ ET Q\n\nEMC\n", i, 700-i, text)
	}
	// rtl is a line of n glyphs in reading order, each after a move.
	rtl := func(n int) string {
		var b strings.Builder
		for k := range n {
			fmt.Fprintf(&b, "%d.%02d(\x12%c)", 700+k, k%100, 'A'+k%26)
		}
		return b.String()
	}
	page := func(org string, foot int) []byte {
		var b strings.Builder
		b.WriteString(seq(0, "("+org+")"))
		for i := 1; i < 60; i++ {
			b.WriteString(seq(i, fmt.Sprintf("(line %d of the body)", i%17)))
		}
		b.WriteString(seq(60, rtl(20)+"("+org+")"))
		for i := range tailSequences - 1 {
			b.WriteString(seq(61+i, rtl(foot)))
		}
		return []byte(b.String())
	}
	deflate := func(w *Writer, data []byte) []byte {
		w.zbuf.Reset()
		return bytes.Clone(w.deflateChunked(data))
	}
	a, b := page("Partner organisation 1", 25), page("Partner organisation 126", 25)
	if n := len(b) - bytes.LastIndex(b, []byte("126)]TJ")); n <= tailSize || n > longTail {
		t.Fatalf("the organisation is %d bytes from the end, want between %d and %d", n, tailSize, longTail)
	}
	ca, cb := cuts(a, nil), cuts(b, nil)
	if len(ca) != 3 || len(cb) != 3 || !bytes.Equal(a[ca[0]:ca[1]], b[cb[0]:cb[1]]) {
		t.Errorf("cuts %v and %v: the two pages' middles differ", ca, cb)
	}
	w := &Writer{scratch: new(scratch)}
	deflate(w, a)
	got := deflate(w, b)
	if len(w.chunks.m) != 5 {
		t.Errorf("%d pieces kept after two pages, want 5 (two heads, two tails, one middle)", len(w.chunks.m))
	}
	if !bytes.Equal(got, deflate(&Writer{scratch: new(scratch)}, b)) {
		t.Error("a page after another gives other bytes than alone")
	}
	zr, err := zlib.NewReader(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	if out, err := io.ReadAll(zr); err != nil || !bytes.Equal(out, b) {
		t.Fatalf("the stream inflates to other bytes (%v)", err)
	}
	cut := cuts(b, nil)
	if len(cut) != 3 || !bytes.HasPrefix(b[cut[1]:], []byte(seq(60, "")[:20])) {
		t.Errorf("cuts %v of %d bytes: the tail does not start with the last %d sequences", cut, len(b), tailSequences)
	}
	// Sequences too long for longTail: the tail by its bytes.
	c := page("Partner organisation 1", 60)
	cut = cuts(c, nil)
	if tail := len(c) - cut[1]; len(cut) != 3 || tail > tailSize || len(c)-sequencesFromEnd(c, tailSequences) <= longTail {
		t.Errorf("cuts %v of %d bytes: a tail of %d bytes, want %d or a sequence less", cut, len(c), tail, tailSize)
	}
}

// TestChunkCacheBounded: the pieces kept stay under their bound, and a
// piece found again outlives pieces met once.
func TestChunkCacheBounded(t *testing.T) {
	c := newChunkCache()
	hot := []byte(strings.Repeat("every flyer draws this ", 100))
	c.put(hot, []byte("its data"), 1)
	for i := range 2000 {
		if c.get(hot) == nil {
			t.Fatalf("the piece found on every page was let go after %d others", i)
		}
		c.put([]byte(fmt.Sprintf("%0600d", i)), make([]byte, 300), 1)
		if c.held > chunkCacheLimit {
			t.Fatalf("%d bytes kept, over %d", c.held, chunkCacheLimit)
		}
	}
	if len(c.order)-c.next != len(c.m) {
		t.Errorf("%d pieces in order, %d kept", len(c.order)-c.next, len(c.m))
	}
}

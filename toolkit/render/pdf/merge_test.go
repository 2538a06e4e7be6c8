package pdf_test

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
)

// materials makes flyers as a build does: two for one organisation in
// English, one in Arabic, and one for another organisation.
func materials(t testing.TB) [][]byte {
	t.Helper()
	e := engine(t, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	var out [][]byte
	for _, m := range []struct {
		aud, lang string
		org       profile.Organisation
	}{
		{"youth", "en", profile.Organisation{Name: "Riverside"}},
		{"health", "en", profile.Organisation{Name: "Riverside"}},
		{"newcomers", "ar", profile.Organisation{Name: "Riverside"}},
		{"youth", "en", profile.Organisation{Name: "Hope Centre", Phone: "416-555-0199", Color: "#7a1f5c"}},
	} {
		r, err := e.Resolve(generate.Job{Audience: m.aud, Lang: m.lang, Format: "flyer", Paper: "letter"})
		if err != nil {
			t.Fatal(err)
		}
		brand, err := m.org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		data, err := e.Render(r, m.org, brand)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// TestPackerShares joins each material twice, and the first once more in
// front: the pack is valid, its pages are in order (front pages first)
// and show their sources' text, and what the files have in common (the
// fonts, and whole pages of the same file) is written once.
func TestPackerShares(t *testing.T) {
	pdftest.Need(t, "qpdf", "pdftotext", "pdfinfo")
	files := materials(t)
	dir := t.TempDir()
	var buf bytes.Buffer
	p := pdf.NewPacker(&buf)
	sum := 0
	var order []int
	for round := range 2 {
		for i, f := range files {
			if n, err := p.Add(f); err != nil || n != 1 {
				t.Fatalf("round %d, file %d: %d pages, %v", round, i, n, err)
			}
			order = append(order, i)
			sum += len(f)
		}
	}
	if _, err := p.AddFront(files[3]); err != nil {
		t.Fatal(err)
	}
	order = append([]int{3}, order...)
	// Bookmarks, one level grouped under another: the cover, then each
	// round's files.
	outline := []pdf.Bookmark{{Title: "Cover", Page: 0}}
	for round := range 2 {
		group := pdf.Bookmark{Title: "Round " + string(rune('1'+round)), Page: 1 + 4*round}
		for i := range 4 {
			group.Kids = append(group.Kids, pdf.Bookmark{Title: "Fichier é " + string(rune('1'+i)), Page: 1 + 4*round + i})
		}
		outline = append(outline, group)
	}
	p.SetOutline(outline)
	if n, err := p.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}); err != nil || n != 9 {
		t.Fatalf("%d pages, %v", n, err)
	}
	packed := filepath.Join(dir, "pack.pdf")
	if err := os.WriteFile(packed, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, packed)
	if info := pdftest.Info(t, packed); info["Pages"] != "9" {
		t.Fatalf("pdfinfo %v", info)
	}
	var flat func(bs []pdftest.Bookmark, depth int) string
	flat = func(bs []pdftest.Bookmark, depth int) string {
		var sb strings.Builder
		for _, b := range bs {
			fmt.Fprintf(&sb, "%s%s:%d\n", strings.Repeat(" ", depth), b.Title, b.Page)
			sb.WriteString(flat(b.Kids, depth+1))
		}
		return sb.String()
	}
	var want strings.Builder
	for _, b := range outline {
		fmt.Fprintf(&want, "%s:%d\n", b.Title, b.Page+1)
		for _, k := range b.Kids {
			fmt.Fprintf(&want, " %s:%d\n", k.Title, k.Page+1)
		}
	}
	if got := flat(pdftest.Outline(t, packed), 0); got != want.String() {
		t.Errorf("outline as qpdf reads it:\n%s\nwant:\n%s", got, want.String())
	}
	for i, f := range files {
		src := filepath.Join(dir, "m"+string(rune('0'+i))+".pdf")
		if err := os.WriteFile(src, f, 0o644); err != nil {
			t.Fatal(err)
		}
		for page, k := range order {
			if k == i && pageText(t, packed, page+1) != pageText(t, src, 1) {
				t.Errorf("page %d is not file %d's", page+1, i)
			}
		}
	}
	// The second round and the front page add nothing new but page
	// objects and each file's structure tree, which names its own pages
	// and is never shared (a quarter of a flyer), and the outline.
	if buf.Len() > sum*7/10 {
		t.Errorf("pack of %d bytes for files of %d: nothing shared", buf.Len(), sum)
	}
	t.Logf("%d files of %d bytes in all → %d bytes, %d objects", len(order), sum+len(files[3]), buf.Len(), p.Objects())
}

// TestPackerKeepsFontsShared: a pack of a few hundred flyers writes each
// font program once. Objects that name a page (a flyer's structure
// elements, some 90 of them) can never be shared, so they do not fill the
// table of shared objects (16,384), which, emptied when full, had the
// fonts written again every 160 flyers or so.
func TestPackerKeepsFontsShared(t *testing.T) {
	files := materials(t)
	var buf bytes.Buffer
	p := pdf.NewPacker(&buf)
	for range 200 {
		for _, f := range files[:2] {
			if _, err := p.Add(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := p.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	// Font programs are streams with /Length1, written whole.
	programs := func(b []byte) int { return bytes.Count(b, []byte("/Length1 ")) }
	if got, want := programs(buf.Bytes()), programs(files[0])+programs(files[1]); got > want {
		t.Errorf("400 flyers of two kinds: %d font programs in the pack, want at most %d", got, want)
	}
}

// TestPackerRefuses: a file that is not what the packer reads is an
// error that says what is wrong, never a panic or a broken pack.
func TestPackerRefuses(t *testing.T) {
	// The flyer as written, with object streams, and the same in the
	// classic form (every object whole, a cross-reference table), which
	// the packer reads too.
	packed := materials(t)[0]
	good, err := pdf.Classic(packed)
	if err != nil {
		t.Fatal(err)
	}
	xref := bytes.LastIndex(good, []byte("\nxref\n")) + 1
	stm := bytes.Index(packed, []byte("/Type /ObjStm"))
	damaged := bytes.Clone(packed)
	damaged[bytes.Index(packed[stm:], []byte("stream\n"))+stm+40] ^= 0x55
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "no startxref"},
		{"not a PDF", []byte("hello startxref 3\n"), "no cross-reference table or stream"},
		{"truncated in the table", good[:xref+40], "startxref"},
		{"truncated in an object", append(append([]byte{}, good[:xref/2]...), good[xref:]...), ""},
		{"an offset off by one", bytes.Replace(good, []byte("\n0000000015 00000 n "), []byte("\n0000000016 00000 n "), 1), "is not at offset"},
		{"a reference to nothing", bytes.Replace(good, []byte("/Contents 4 0 R"), []byte("/Contents 0 0 R"), 1), "which the file does not have"},
		{"a string not closed", bytes.Replace(good, []byte("/URI (https"), []byte("/URI (\\"), 1), ""},
		{"truncated in the cross-reference stream", append(bytes.Clone(packed[:len(packed)-60]), packed[bytes.LastIndex(packed, []byte("startxref")):]...), "cross-reference stream"},
		{"updated in place", bytes.Replace(packed, []byte("/Type /XRef"), []byte("/Type /XRef /Prev 9"), 1), "updated in place"},
		{"rows of another width", bytes.Replace(packed, []byte("/W [1 2 2]"), []byte("/W [1 3 2]"), 1), "cross-reference stream"},
		{"not an object stream", bytes.Replace(packed, []byte("/Type /ObjStm"), []byte("/Type /ObjStX"), 1), "not an object stream"},
		{"an object stream damaged", damaged, "object stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pdf.NewPacker(&bytes.Buffer{})
			_, err := p.Add(tt.data)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to say %q", err, tt.want)
			}
			if _, err := p.Add(good); err == nil {
				t.Error("the packer went on after an error")
			}
		})
	}
	// Both forms join to the same pack.
	join := func(file []byte) []byte {
		var buf bytes.Buffer
		p := pdf.NewPacker(&buf)
		if _, err := p.Add(file); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(join(packed), join(good)) {
		t.Error("the flyer with object streams and its classic form join to different packs")
	}
}

// FuzzPacker gives the packer any bytes after a real flyer: it must
// return pages or an error, never panic, and a pack it finishes must
// still parse.
func FuzzPacker(f *testing.F) {
	// A small page of shapes: fuzzing large files barely moves.
	var small bytes.Buffer
	if err := pdf.Render(&small, &layout.Document{Meta: doc.Meta{Title: "t (x)"}, Pages: []layout.Page{{Width: 200, Height: 100, Elements: []layout.Element{
		{Rect: &layout.Rect{X: 10, Y: 10, W: 50, H: 20, Fill: doc.RGB{R: 200}}},
		{Link: &layout.Link{X: 10, Y: 10, W: 50, H: 20, URL: "https://example.org/(a)"}},
	}}}}, pdf.Options{}); err != nil {
		f.Fatal(err)
	}
	f.Add(small.Bytes())
	f.Add([]byte("%PDF-1.4\n1 0 obj\n<</Type /Pages /Kids [2 0 R] /Count 1>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Root 1 0 R>>\nstartxref\n60\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var buf bytes.Buffer
		p := pdf.NewPacker(&buf)
		if _, err := p.Add(data); err != nil {
			return
		}
		if _, err := p.Finish(doc.Meta{}, pdf.Options{}); err != nil {
			t.Fatalf("finish after a good file: %v", err)
		}
		// What was written is a file the packer reads again.
		if _, err := pdf.NewPacker(&bytes.Buffer{}).Add(buf.Bytes()); err != nil {
			t.Fatalf("the pack does not read back: %v", err)
		}
	})
}

// TestPackerSpillsOffsets joins the same files with the objects' offsets
// kept in memory and spilled to a file, many times over (the window is
// made small), and with the cross-reference stream compressed once into
// memory and twice (counted, then written) as a pack too large for that
// is: the bytes are the same, and the pack is valid.
func TestPackerSpillsOffsets(t *testing.T) {
	defer pdf.SetSpillAfter(50)()
	files := materials(t)
	outline := []pdf.Bookmark{{Title: "Cover", Page: 0}}
	join := func(spill *os.File) []byte {
		var buf bytes.Buffer
		p := pdf.NewPacker(&buf)
		if spill != nil {
			p.SpillOffsets(spill)
		}
		for round := range 5 {
			for i, f := range files {
				add := p.Add
				if round == 4 && i == 0 {
					add = p.AddFront // late numbers reserved among spilled ones
				}
				if _, err := add(f); err != nil {
					t.Fatalf("round %d, file %d: %v", round, i, err)
				}
			}
		}
		p.SetOutline(outline)
		if n, err := p.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}); err != nil || n != 20 {
			t.Fatalf("%d pages, %v", n, err)
		}
		return buf.Bytes()
	}
	spill, err := os.CreateTemp(t.TempDir(), "offsets")
	if err != nil {
		t.Fatal(err)
	}
	defer spill.Close()
	held, spilled := join(nil), join(spill)
	if st, err := spill.Stat(); err != nil || st.Size() == 0 {
		t.Fatalf("nothing spilled: %v %v", st, err)
	}
	if !bytes.Equal(held, spilled) {
		t.Fatal("the pack differs when its offsets are spilled")
	}
	undo := pdf.SetXrefInMemory(0)
	twice := join(nil)
	undo()
	if !bytes.Equal(held, twice) {
		t.Fatal("the pack differs when its cross-reference stream is compressed twice rather than held")
	}
	packed := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(packed, spilled, 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, packed)
}

// TestPackerEndStreamsBounded gives a pack an outline of thousands of
// entries, as a pack of thousands of materials has: the objects written
// at its end (the outline, the page tree, the structure's root) go into
// object streams of about ObjStmBytes each, written as they fill, not
// into one stream held, copied and compressed whole at the end (one of
// 1.5 MB for ten thousand flyers, some 12 MB of the heap at its peak).
// The pack stays valid and keeps every bookmark.
func TestPackerEndStreamsBounded(t *testing.T) {
	pdftest.Need(t, "qpdf")
	files := materials(t)
	var buf bytes.Buffer
	p := pdf.NewPacker(&buf)
	for _, f := range files {
		if _, err := p.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	const entries = 3000
	outline := make([]pdf.Bookmark, entries)
	for i := range outline {
		outline[i] = pdf.Bookmark{Title: fmt.Sprintf("%d. Youth flyer, English (youth-en-%d.pdf)", i+1, i), Page: i % len(files)}
	}
	p.SetOutline(outline)
	if _, err := p.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	head := regexp.MustCompile(`/Type /ObjStm /N (\d+) /First \d+ /Filter /FlateDecode /Length (\d+)>>\nstream\n`)
	streams, largest := 0, 0
	for _, m := range head.FindAllSubmatchIndex(out, -1) {
		n, _ := strconv.Atoi(string(out[m[4]:m[5]]))
		zr, err := zlib.NewReader(bytes.NewReader(out[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		streams++
		largest = max(largest, len(data))
	}
	// A stream is written once it holds ObjStmBytes: it ends with the
	// object that took it there, and no entry is a tenth of that.
	if largest > pdf.ObjStmBytes+pdf.ObjStmBytes/10 {
		t.Errorf("the largest object stream holds %d bytes, more than about %d", largest, pdf.ObjStmBytes)
	}
	if streams < 3 {
		t.Errorf("%d object streams for an outline of %d entries", streams, entries)
	}
	path := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, path)
	js, err := exec.Command("qpdf", "--json", "--json-key=outlines", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(js), `"title":`); got != entries {
		t.Errorf("the pack has %d bookmarks, want %d", got, entries)
	}
}

// wideFile is a one-page PDF in the classic form whose object 5 is an
// array of refs references, each to an object of its own: the shape of a
// structure element with many children (a cover's Document).
func wideFile(refs int) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(v string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), v)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<</Type /Catalog /Pages 2 0 R>>")
	obj("<</Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 792]>>")
	obj("<</Type /Page /Parent 2 0 R /Contents 4 0 R /Resources <</X 5 0 R>>>>")
	obj("<</Length 0>>\nstream\n\nendstream")
	var kids strings.Builder
	kids.WriteString("[")
	for i := range refs {
		fmt.Fprintf(&kids, "%d 0 R ", 6+i)
	}
	kids.WriteString("]")
	obj(kids.String())
	for i := range refs {
		obj(fmt.Sprintf("<</N %d>>", i))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// TestPackerReadsReferencesOnce: an object with many references is
// joined looking at each of them about once. The walk that writes each
// object after those it refers to went back to an object's first
// reference each time one of them was written (n²/2 looks for n
// references): a cover of 8 pages, some 1,500 structure elements under
// its Document, cost 20 million instructions there.
func TestPackerReadsReferencesOnce(t *testing.T) {
	for _, n := range []int{10, 2000, 16000} {
		p := pdf.NewPacker(io.Discard)
		if _, err := p.Add(wideFile(n)); err != nil {
			t.Fatal(err)
		}
		// The page's and the resources' few references besides.
		if got := pdf.Looked(p); got > n+10 {
			t.Errorf("%d references: %d looked at", n, got)
		}
	}
}

// BenchmarkPacker joins flyers as a build's pack does: five audiences of
// four organisations each, made once (their streams kept in
// recentStreams, as a build's are when the pack reads them), joined in
// turn. One op is one flyer.
func BenchmarkPacker(b *testing.B) {
	e := engine(b, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	var files [][]byte
	for k := range 4 {
		org := profile.Organisation{Name: "Partner " + strconv.Itoa(k), Phone: "416-555-01" + strconv.Itoa(10+k)}
		brand, err := org.Brand()
		if err != nil {
			b.Fatal(err)
		}
		for _, aud := range []string{"youth", "health", "business", "parents", "students"} {
			r, err := e.Resolve(generate.Job{Audience: aud, Lang: "en", Format: "flyer", Paper: "letter"})
			if err != nil {
				b.Fatal(err)
			}
			data, err := e.Render(r, org, brand)
			if err != nil {
				b.Fatal(err)
			}
			files = append(files, data)
		}
	}
	b.ReportAllocs()
	p := pdf.NewPacker(io.Discard)
	b.ResetTimer()
	for i := range b.N {
		if _, err := p.Add(files[i%len(files)]); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := p.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}); err != nil {
		b.Fatal(err)
	}
}

// TestPackerReadsStreamsOnce: the objects of an object stream that an
// earlier file had byte for byte (a flyer's structure tree, the same for
// every flyer of one audience and language) are not read again, and the
// pack comes out as when every object is read (the files in their
// classic form, which has no object streams).
func TestPackerReadsStreamsOnce(t *testing.T) {
	files := materials(t)
	join := func(files [][]byte) ([]byte, []int) {
		var buf bytes.Buffer
		p := pdf.NewPacker(&buf)
		var scanned []int
		for range 2 {
			for _, f := range files {
				before := pdf.Scanned(p)
				if _, err := p.Add(f); err != nil {
					t.Fatal(err)
				}
				scanned = append(scanned, pdf.Scanned(p)-before)
			}
		}
		if _, err := p.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), scanned
	}
	var classic [][]byte
	for _, f := range files {
		c, err := pdf.Classic(f)
		if err != nil {
			t.Fatal(err)
		}
		classic = append(classic, c)
	}
	got, scanned := join(files)
	want, all := join(classic)
	if !bytes.Equal(got, want) {
		t.Error("the pack differs from the one of the files' classic forms, every object read")
	}
	t.Logf("objects read of each file: %v; of their classic forms: %v", scanned, all)
	// In the second round every stream was read before: what is read
	// is each file's objects written whole (its page's content, its
	// fonts' programs), some 7 of 80 to 100.
	for i, n := range scanned[len(files):] {
		if n*5 > all[i] {
			t.Errorf("file %d again: %d of its %d objects read again", i, n, all[i])
		}
	}
}

// TestPackerFindsSeenObjects: objects met again (the fonts the flyers
// share) are found by their bytes rather than hashed once more, and the
// pack is the one hashing every object gives.
func TestPackerFindsSeenObjects(t *testing.T) {
	files := materials(t)
	join := func() ([]byte, int) {
		var buf bytes.Buffer
		p := pdf.NewPacker(&buf)
		for range 3 {
			for _, f := range files {
				if _, err := p.Add(f); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := p.Finish(doc.Meta{Title: "Pack", Lang: "en"}, pdf.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), pdf.SeenFound(p)
	}
	got, found := join()
	undo := pdf.KeepNoneSeen()
	want, none := join()
	undo()
	if none != 0 {
		t.Fatalf("%d objects found with none kept", none)
	}
	// Each file's fonts (some 15 objects) in the third round at least.
	if found < 4*10 {
		t.Errorf("%d objects found by their bytes in three rounds of %d files", found, len(files))
	}
	if !bytes.Equal(got, want) {
		t.Error("the pack differs from the one of every object hashed")
	}
}

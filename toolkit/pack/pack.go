// Package pack makes what a build hands to people besides the materials:
// pack.pdf, a cover sheet listing every material with its copies followed
// by every PDF material's pages, for the print shop; and index.html, every
// output with a link, for whoever opens the folder in a browser.
package pack

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"html/template"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Names of the files this package writes in the output folder.
const (
	FileName  = "pack.pdf"
	IndexName = manifest.IndexFile
)

// Sheet is what the cover sheet and the index page say about the whole
// set: the event, who made it, and the cover's paper.
type Sheet struct {
	Event doc.Event
	Brand doc.Brand
	Paper layout.Paper
}

// Item is one material as the pack and the index list it.
type Item struct {
	File   string // name in the output folder
	What   string // in words: "Youth flyer, French (draft translation)"
	Paper  string // "" for a material that is not printed (format.Format.Print)
	Pages  int
	Copies int    // 0 for a material that is not printed
	SHA256 string // of the file on disk; "" when there is none
	// Failed says why the file is not there ("" when it is): the
	// index shows it in place of a link.
	Failed string
	// Thumb is a small PNG picture of the first page, shown in the index;
	// nil for a text format.
	Thumb []byte
	// Sheet is how a copy is printed; zero for an item that is not.
	Sheet format.Sheet
	// Shown says how an item that is not printed is used (slides:
	// "not printed: shown on a projector"), for the cover's "To print".
	Shown string
}

// Joinable reports whether the pack can join r's file: only files drawn
// by the PDF backend can be.
func Joinable(r *generate.Resolved) bool { return r.Backend.Name == format.PDF.Name }

// Writer makes pack.pdf while its materials are made: each material's
// pages go into the file as it is added, and Finish puts the cover sheet
// (which needs every material's pages and copies) in front of them. The
// pack is a temporary file until Finish renames it into place.
type Writer struct {
	eng   *generate.Engine
	dir   string
	sheet Sheet
	file  *output.File
	// offsets holds where the pack's objects start, read back for its
	// cross-reference table, so that memory does not grow with the pack.
	offsets *os.File
	hash    hash.Hash
	size    *counter
	pk      *pdf.Packer
	// pages are how many pages each material added has, in order.
	pages []int
	// coverDraws counts the cover's drawings that reached its end;
	// coverPDFs the PDFs its pages were drawn as, joined.
	coverDraws, coverPDFs int
	// Drawers is how many goroutines draw the cover's pages while it is
	// laid out (the build's workers, done by then); 0 or 1: none, the
	// pages are drawn as they are laid out. The pack's bytes are the same
	// with any number.
	Drawers int
}

// Start begins dir/pack.pdf for the set of materials s describes.
func Start(eng *generate.Engine, dir string, s Sheet) (*Writer, error) {
	f, err := output.Create(filepath.Join(dir, FileName))
	if err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	offsets, err := output.Scratch(filepath.Join(dir, FileName))
	if err != nil {
		f.Abort()
		return nil, fmt.Errorf("pack: %w", err)
	}
	w := &Writer{eng: eng, dir: dir, sheet: s, file: f, offsets: offsets, hash: sha256.New()}
	w.size = &counter{w: io.MultiWriter(f, w.hash)}
	w.pk = pdf.NewPacker(w.size)
	w.pk.SpillOffsets(offsets)
	return w, nil
}

// Add puts one material's PDF after those added before.
func (w *Writer) Add(data []byte) error {
	n, err := w.pk.Add(data)
	if err != nil {
		return fmt.Errorf("pack: %w", err)
	}
	w.pages = append(w.pages, n)
	return nil
}

// AddFile adds the material already written at dir/name.
func (w *Writer) AddFile(name string) error {
	data, err := os.ReadFile(filepath.Join(w.dir, filepath.FromSlash(name)))
	if err != nil {
		return fmt.Errorf("pack: %w", err)
	}
	return w.Add(data)
}

// Finish lays out the cover sheet for items, the materials added in
// order, a page at a time, puts it in front of them, and puts the pack in
// place. It returns the pack's entry (without its inputs hash, which the
// caller knows). When ctx is cancelled before the pack is whole it
// stops, leaves no pack and returns ctx's error. Items is ranged over
// several times, each time yielding the same items: a pack of ten
// thousand materials never holds their list.
func (w *Writer) Finish(ctx context.Context, items iter.Seq[Item]) (*manifest.Entry, error) {
	eng, s := w.eng, w.sheet
	meta := packMeta(eng, s)
	n := 0
	for range items {
		n++
	}
	if n != len(w.pages) {
		w.Abort()
		return nil, fmt.Errorf("pack: %d materials listed for the cover sheet, %d added", n, len(w.pages))
	}
	// The cover is laid out a page at a time, and drawn and joined
	// coverChunk pages at a time, each chunk a PDF of its own: the cover
	// of ten thousand materials is hundreds of pages, never all held at
	// once. Its pages wait in a scratch file until their count is known
	// to be the one they give.
	scratch, err := output.Scratch(filepath.Join(w.dir, FileName))
	if err != nil {
		w.Abort()
		return nil, fmt.Errorf("pack: %w", err)
	}
	defer func() {
		scratch.Close()
		os.Remove(scratch.Name())
	}()
	coverPages, err := w.drawCover(ctx, meta, items, n, scratch)
	if err == nil {
		err = w.joinCover(ctx, scratch)
	}
	if err != nil {
		w.Abort()
		if ctx.Err() != nil {
			return nil, ctx.Err() // stopped: no pack, and no half of one
		}
		return nil, fmt.Errorf("pack: %w", err)
	}
	w.pk.SetOutline(outline(items, w.pages, coverPages))
	pages, err := w.pk.Finish(meta, pdf.Options{Date: eng.Date})
	if err != nil {
		w.Abort()
		return nil, fmt.Errorf("pack: %w", err)
	}
	w.dropOffsets()
	if err := w.file.Commit(); err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	path := filepath.Join(w.dir, FileName)
	e := &manifest.Entry{File: FileName, SHA256: hex.EncodeToString(w.hash.Sum(nil)), Bytes: w.size.n, Pages: pages, Copies: 1}
	e.Stamp(path)
	return e, nil
}

// drawCover lays out and draws the cover sheet of items (n of them) into
// scratch, each PDF of coverChunk pages after its length, and returns
// its number of pages. The cover gives each material's pages in the
// pack, which come after the cover's own, so the cover is drawn with a
// count of its pages it can only check once drawn: a count is kept when the cover comes out
// that long (a longer number can wrap a row, so it may not), else the
// cover is drawn again with the count it gave. The first count is
// guessed from the materials the cover's first two pages hold, and that
// first drawing stops there when the cover is longer: a cover is drawn
// whole about once, not laid out once to count and again to draw. That
// first drawing lays its rows out one at a time, as they are placed (its
// count of the rows taken is what foretells the length); a whole one lays
// them out on Drawers goroutines, a typesetter each, and gives the same
// pages.
func (w *Writer) drawCover(ctx context.Context, meta doc.Meta, items iter.Seq[Item], n int, scratch *os.File) (int, error) {
	tss := []*typeset.Typesetter{w.coverSetter()}
	total := "Total: " + TotalOf(items).String()
	guess, probe := 1, true
	for tries := 0; ; tries++ {
		lay := tss[:1]
		if !probe && w.Drawers > 1 {
			// The whole cover: its rows laid out on as many goroutines
			// as draw its pages (the build's workers, done by then).
			for len(tss) < w.Drawers {
				tss = append(tss, w.coverSetter())
			}
			lay = tss
		}
		pages, est, err := w.coverPass(ctx, lay, meta, items, n, total, guess, probe, scratch)
		switch {
		case err != nil:
			return 0, err
		case est > 0:
			guess, probe = est, false
			continue
		case pages == guess:
			return pages, nil
		case tries == coverTries-1:
			return 0, fmt.Errorf("the cover sheet's length does not settle (%d pages, then %d)", guess, pages)
		}
		guess, probe = pages, false
	}
}

// coverSetter is a typesetter for the cover's rows. Its caches hold
// coverCacheBytes: a row's number, file name and pages are set once
// (a page number comes back as another row's number some hundreds of
// rows later), and what the caches would keep of them only takes memory
// at the end of the build, where its peak is.
func (w *Writer) coverSetter() *typeset.Typesetter {
	ts := typeset.New(w.eng.Fonts)
	ts.SetCacheBytes(coverCacheBytes)
	return ts
}

// coverCacheBytes bounds a cover typesetter's caches. Callgrind, a cover
// of 10,000 flyers' rows (GOMAXPROCS=1, GOGC=off, the layout alone): one
// typesetter with the 2 MB of a build's 2,695 M instructions, two 2,624
// M, two of 512 KB 2,699 M, two of 256 KB 2,701 M.
const coverCacheBytes = 512 << 10

// coverTries is how many times at most the cover is drawn whole.
const coverTries = 4

// coverPass draws the cover with its page count taken as guess into
// scratch, from its start, and returns how many pages it has. With probe,
// it stops after two pages when the cover looks longer than guess, and
// returns the length the first two pages' rows foretell as est.
func (w *Writer) coverPass(ctx context.Context, tss []*typeset.Typesetter, meta doc.Meta, items iter.Seq[Item], n int, total string, guess int, probe bool, scratch *os.File) (pages, est int, err error) {
	if _, err := scratch.Seek(0, io.SeekStart); err != nil {
		return 0, 0, err
	}
	if err := scratch.Truncate(0); err != nil {
		return 0, 0, err
	}
	bw := bufio.NewWriterSize(scratch, 1<<16)
	c := coverSheet(w.eng, w.sheet, items, w.pages, guess, total)
	taken := 0 // materials the layout has taken so far
	rows := c.Materials
	c.Materials = func(yield func(layout.CoverItem) bool) {
		for m := range rows {
			taken++
			if !yield(m) {
				return
			}
		}
	}
	put := func(pdf []byte) {
		var head [4]byte
		binary.LittleEndian.PutUint32(head[:], uint32(len(pdf)))
		bw.Write(head[:])
		bw.Write(pdf)
	}
	d := w.startDrawing(meta)
	defer d.stop()
	firstTaken := 0
	for page, err := range layout.CoverPagesOn(tss, c, w.sheet.Paper) {
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			return 0, 0, err
		}
		pages++
		// A page is given when a row does not fit on it: that row, taken,
		// starts the next page.
		if probe && pages == 1 {
			firstTaken = taken
		}
		if probe && pages == 2 && taken < n {
			onFirst, per := firstTaken-1, taken-firstTaken
			if e := 1 + (n-onFirst+per-1)/per; per > 0 && e != guess {
				return 0, e, nil
			}
		}
		if err := d.draw(page, put); err != nil {
			return 0, 0, err
		}
	}
	if err := d.finish(put); err != nil {
		return 0, 0, err
	}
	w.coverDraws++
	return pages, 0, bw.Flush()
}

// coverDrawing draws the cover's pages, coverChunk pages to a PDF, as
// the layout hands them over: on the goroutine that lays them out when
// the build has one worker, else on Drawers goroutines of their own
// while the layout goes on, each PDF handed on in page order. The cover
// is drawn after every material is made, when nothing else runs: drawn
// on one core it was most of the build's tail (at 1,000 flyers, 34
// pages, each with fonts, tags and streams of its own).
type coverDrawing struct {
	w    *Writer
	meta doc.Meta
	buf  bytes.Buffer // the PDF, without goroutines
	// chunk are the pages laid out and not yet drawn: fewer than
	// coverChunk.
	chunk []layout.Page
	jobs  chan coverJob
	// pending are the PDFs handed to the goroutines, oldest first:
	// no more than 2 a goroutine.
	pending []chan drawnPage
	done    sync.WaitGroup
}

// coverChunk is how many of the cover's pages are drawn as one PDF: each
// PDF has its own subsets of the fonts (made and compressed at the
// highest level), its tags and its streams, which the pack reads back.
// A cover of 1,000 flyers is 34 pages. Callgrind, 1,000 en flyers with
// the pack: a PDF a page 7,453 M instructions, 4 pages a PDF 7,413 M, 8
// pages 7,425 M (an 8-page PDF's object stream is too large for the
// streams the pack finds without inflating them, recentStreams). The
// chunks are counted from the cover's first page, so the pack's bytes
// are the same with any number of Drawers.
const coverChunk = 4

type coverJob struct {
	pages []layout.Page
	out   chan drawnPage
}

type drawnPage struct {
	pdf []byte
	err error
}

// startDrawing starts the drawing of a cover's pages with meta.
func (w *Writer) startDrawing(meta doc.Meta) *coverDrawing {
	d := &coverDrawing{w: w, meta: meta}
	if w.Drawers < 2 {
		return d
	}
	d.jobs = make(chan coverJob)
	for range w.Drawers {
		d.done.Add(1)
		go func() {
			defer d.done.Done()
			for j := range d.jobs {
				j.out <- d.drawOne(j.pages)
			}
		}()
	}
	return d
}

// drawOne draws pages on a goroutine of its own: a panic there would end
// the program, so it comes back as the pages' error, as the layout's
// would.
func (d *coverDrawing) drawOne(pages []layout.Page) (r drawnPage) {
	defer func() {
		if v := recover(); v != nil {
			r.err = fmt.Errorf("internal error while drawing the cover sheet: %v (this is a bug in awarekit; please report it with the command you ran)", v)
		}
	}()
	var b bytes.Buffer
	r.err = d.w.eng.Draw(&b, format.PDF, &layout.Document{Meta: d.meta, Pages: pages})
	r.pdf = b.Bytes()
	return r
}

// draw takes page, the next of the cover, and once coverChunk pages are
// taken draws them, handing put the PDFs of the pages before that are
// drawn, in order.
func (d *coverDrawing) draw(page layout.Page, put func([]byte)) error {
	d.chunk = append(d.chunk, page)
	if len(d.chunk) < coverChunk {
		return nil
	}
	return d.drawChunk(put)
}

// drawChunk draws the pages taken and not yet drawn.
func (d *coverDrawing) drawChunk(put func([]byte)) error {
	pages := d.chunk
	d.chunk = nil // the goroutine drawing them keeps them
	if d.jobs == nil {
		d.buf.Reset()
		if err := d.w.eng.Draw(&d.buf, format.PDF, &layout.Document{Meta: d.meta, Pages: pages}); err != nil {
			return err
		}
		put(d.buf.Bytes())
		return nil
	}
	if len(d.pending) >= 2*d.w.Drawers {
		if err := d.next(put); err != nil {
			return err
		}
	}
	out := make(chan drawnPage, 1) // the goroutine never waits to hand it over
	d.pending = append(d.pending, out)
	d.jobs <- coverJob{pages, out}
	return nil
}

// next waits for the oldest PDF handed over and puts it.
func (d *coverDrawing) next(put func([]byte)) error {
	r := <-d.pending[0]
	d.pending = d.pending[1:]
	if r.err != nil {
		return r.err
	}
	put(r.pdf)
	return nil
}

// finish draws the pages still taken and puts every PDF still being
// drawn, in order.
func (d *coverDrawing) finish(put func([]byte)) error {
	if len(d.chunk) > 0 {
		if err := d.drawChunk(put); err != nil {
			return err
		}
	}
	for len(d.pending) > 0 {
		if err := d.next(put); err != nil {
			return err
		}
	}
	return nil
}

// stop ends the goroutines; the pages they are drawing are dropped.
func (d *coverDrawing) stop() {
	if d.jobs != nil {
		close(d.jobs)
		d.done.Wait()
		d.jobs = nil
	}
}

// joinCover puts the cover's pages, drawn into scratch, in front of the
// materials.
func (w *Writer) joinCover(ctx context.Context, scratch *os.File) error {
	if _, err := scratch.Seek(0, io.SeekStart); err != nil {
		return err
	}
	br := bufio.NewReaderSize(scratch, 1<<16)
	var head [4]byte
	var page []byte
	for {
		if _, err := io.ReadFull(br, head[:]); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("reading the cover sheet back: %w", err)
		}
		page = slices.Grow(page[:0], int(binary.LittleEndian.Uint32(head[:])))[:binary.LittleEndian.Uint32(head[:])]
		if _, err := io.ReadFull(br, page); err != nil {
			return fmt.Errorf("reading the cover sheet back: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := w.pk.AddFront(page); err != nil {
			return err
		}
		w.coverPDFs++
	}
}

// Abort leaves no pack: the temporary files are removed.
func (w *Writer) Abort() {
	w.dropOffsets()
	w.file.Abort()
}

func (w *Writer) dropOffsets() {
	if w.offsets != nil {
		w.offsets.Close()
		os.Remove(w.offsets.Name())
		w.offsets = nil
	}
}

// Write makes dir/pack.pdf from items' files, already written in dir:
// the cover sheet, then the pages of every item's file in order, one
// file at a time.
func Write(ctx context.Context, eng *generate.Engine, dir string, s Sheet, items []Item) (*manifest.Entry, error) {
	w, err := Start(eng, dir, s)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			w.Abort()
			return nil, err
		}
		if err := w.AddFile(it.File); err != nil {
			w.Abort()
			return nil, err
		}
	}
	return w.Finish(ctx, slices.Values(items))
}

func packMeta(eng *generate.Engine, s Sheet) doc.Meta {
	title := "Print pack"
	if s.Event.Name != "" {
		title += ": " + s.Event.Name
	}
	author := s.Brand.OrgName
	if author == "" {
		author = "awarekit"
	}
	return doc.Meta{Title: title, Subject: "Materials with copies to print", Author: author, Creator: eng.Creator, Version: eng.Lib.Info.Version}
}

// details are the event's and the organisation's lines that have text.
func details(s Sheet) []layout.Detail {
	var out []layout.Detail
	ev := s.Event
	for _, d := range []layout.Detail{{Label: "Date", Value: ev.Date}, {Label: "Place", Value: ev.Place}, {Label: "Facilitator", Value: ev.Facilitator}, {Label: "Organisation", Value: s.Brand.OrgName}} {
		if strings.TrimSpace(d.Value) != "" {
			out = append(out, d)
		}
	}
	return out
}

// outline is pack.pdf's bookmarks: the cover sheet, then each material
// under its number and name, opening at its first page.
func outline(items iter.Seq[Item], pages []int, coverPages int) []pdf.Bookmark {
	out := make([]pdf.Bookmark, 0, len(pages)+1)
	out = append(out, pdf.Bookmark{Title: "Cover sheet: what to print", Page: 0})
	at, i := coverPages, 0
	for it := range items {
		out = append(out, pdf.Bookmark{Title: fmt.Sprintf("%d. %s (%s)", i+1, it.What, it.File), Page: at})
		at += pages[i]
		i++
	}
	return out
}

// coverSheet is what the cover says of items, whose files have pages
// pages each and follow the cover's coverPages pages in the pack.
func coverSheet(eng *generate.Engine, s Sheet, items iter.Seq[Item], pages []int, coverPages int, total string) layout.CoverSheet {
	c := layout.CoverSheet{Title: s.Event.Name, Color: s.Brand.Color, Details: details(s)}
	if c.Title == "" {
		c.Title = "Materials"
	}
	c.Materials = func(yield func(layout.CoverItem) bool) {
		first, i := coverPages+1, 0
		for it := range items {
			paper := it.Paper
			if it.Sheet.Sides > 0 {
				paper = it.Sheet.Paper.Name
			}
			if !yield(layout.CoverItem{What: it.What, File: it.File, Paper: paper, Pages: pages[i], First: first, ToPrint: it.ToPrint()}) {
				return
			}
			first += pages[i]
			i++
		}
	}
	c.Total = total
	c.Note = fmt.Sprintf("The materials follow this sheet in the order listed; Pages are their page numbers in this file, and each has a bookmark. Print each as shown: a copy is one sheet, and for cards cut from a sheet the number is of sheets. Duplex means printed on both sides, turned on the long edge. Made with %s from content version %s.", eng.Creator, eng.Lib.Info.Version)
	return c
}

// indexPage is parsed when an index is first written, not when any
// command starts.
var indexPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("index").Parse(`{{define "head"}}<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="awarekit">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:62rem;padding:0 1rem;color:#1a1a1a;line-height:1.4}
header{border-left:.5rem solid {{.Color}};padding-left:1rem;margin-bottom:1.5rem}
h1{margin:.2rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.8rem 0}
dt{font-weight:600;color:#555}
dd{margin:0}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
th{color:#555}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td img{display:block;border:1px solid #ccc;max-width:none}
code{font-size:.8rem;color:#555}
.failed{color:#a4101a}
.pack{font-size:1.1rem;margin:1rem 0}
</style>
</head>
<body>
<header>
{{- if .Up}}
<p><a href="{{.Up}}">All partners</a></p>
{{- end}}
<p>Materials</p>
<h1>{{.Title}}</h1>
{{- if .Details}}
<dl>
{{- range .Details}}
<dt>{{.Label}}</dt><dd>{{.Value}}</dd>
{{- end}}
</dl>
{{- end}}
</header>
{{- if .Pack}}
<p class="pack"><a href="{{.Pack}}">{{.Pack}}</a>: a cover sheet with copies to print, then every PDF material, ready for the print shop.</p>
{{- end}}
<table>
{{- if .Partners}}
<thead><tr><th>#</th><th>Partner</th><th>Folder</th><th>Print pack</th><th>Materials</th></tr></thead>
{{- else}}
<thead><tr><th>#</th><th>Page 1</th><th>Material</th><th>File</th><th>Paper</th><th>Pages</th><th>Copies</th><th>SHA-256</th></tr></thead>
{{- end}}
<tbody>
{{- end}}
{{- define "row"}}
<tr><td class="n">{{.N}}</td><td>{{if .Thumb}}<img src="{{.Thumb}}" alt="" width="120">{{end}}</td><td>{{.What}}</td>
{{- if .Failed}}<td class="failed">{{.File}}: not made: {{.Failed}}</td>{{else}}<td><a href="{{.Href}}">{{.File}}</a></td>{{end -}}
<td>{{.Paper}}</td><td class="n">{{if .Pages}}{{.Pages}}{{end}}</td><td class="n">{{if .Copies}}{{.Copies}}{{end}}</td><td><code>{{.SHA}}</code></td></tr>
{{- end}}
{{- define "partner"}}
<tr><td class="n">{{.N}}</td><td>{{.Name}}</td><td><a href="{{.Href}}">{{.Folder}}/</a></td><td>{{if .Pack}}<a href="{{.Pack}}">pack.pdf</a>{{end}}</td><td class="n">{{.Materials}}{{if .Failed}} <span class="failed">({{.Failed}} not made)</span>{{end}}</td></tr>
{{- end}}
{{- define "foot"}}
</tbody>
</table>
<p><small>{{.Note}} <a href="{{.Manifest}}">{{.Manifest}}</a> lists each file's inputs and checksum.</small></p>
</body>
</html>
{{end}}`))
})

// indexHead is what an index page says above and below its rows.
type indexHead struct {
	Title, Color, Note string
	Details            []layout.Detail
	Pack, Manifest, Up string
	Partners           bool
}

type indexRow struct {
	N                 int
	What, File, Paper string
	Href              template.URL
	Pages, Copies     int
	SHA, Failed       string
	Thumb             template.URL
}

// Page is what an index page says besides its rows.
type Page struct {
	Sheet Sheet
	Pack  bool // link pack.pdf, beside the page
	// Manifest links manifest.json from the page's folder.
	Manifest string
	// Up links the index page of the whole build from a partner's ("" for
	// none).
	Up string
}

// Index makes index.html: every item with a link to its file, or why
// it is missing, and a link to the pack when withPack. It depends only on
// its arguments, so an unchanged build makes the same bytes.
func Index(eng *generate.Engine, s Sheet, items []Item, withPack bool) ([]byte, error) {
	var buf bytes.Buffer
	err := WriteIndex(&buf, eng, Page{Sheet: s, Pack: withPack, Manifest: manifest.FileName}, slices.Values(items))
	return buf.Bytes(), err
}

// WriteIndex writes index.html to w a row at a time: the page of ten
// thousand materials is never held whole.
func WriteIndex(w io.Writer, eng *generate.Engine, pg Page, items iter.Seq[Item]) error {
	// 16 KB: a build writes the page while its pack's cover sheet is
	// made, near its peak of memory.
	bw := bufio.NewWriterSize(w, 1<<14)
	if err := indexPage().ExecuteTemplate(bw, "head", head(eng, pg)); err != nil {
		return err
	}
	i := 0
	var line []byte
	for it := range items {
		i++
		row := indexRow{N: i, What: it.What, File: it.File, Paper: it.Paper, Copies: it.Copies, Pages: it.Pages,
			Href: template.URL(pathEscape(it.File)), Failed: it.Failed}
		if len(it.Thumb) > 0 {
			// A data URL keeps the page one file, and the picture in
			// step with the material it shows.
			row.Thumb = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(it.Thumb))
		}
		if it.Failed == "" && len(it.SHA256) >= 12 {
			row.SHA = it.SHA256[:12]
		}
		if row.Thumb != "" {
			// A small build's pictures: the template's own escaping.
			if err := indexPage().ExecuteTemplate(bw, "row", row); err != nil {
				return err
			}
			continue
		}
		line = appendRow(line[:0], &row)
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	if err := indexPage().ExecuteTemplate(bw, "foot", head(eng, pg)); err != nil {
		return err
	}
	return bw.Flush()
}

func head(eng *generate.Engine, pg Page) indexHead {
	s := pg.Sheet
	h := indexHead{
		Title:    s.Event.Name,
		Color:    fmt.Sprintf("#%02x%02x%02x", s.Brand.Color.R, s.Brand.Color.G, s.Brand.Color.B),
		Note:     fmt.Sprintf("Made with %s from content version %s.", eng.Creator, eng.Lib.Info.Version),
		Manifest: pg.Manifest,
		Up:       pg.Up,
		Details:  details(s),
	}
	if h.Title == "" {
		h.Title = "Materials"
	}
	if pg.Pack {
		h.Pack = FileName
	}
	return h
}

// appendRow appends the index page's row r without a picture, as the
// template's "row" writes it, byte for byte (TestAppendRowAsTemplate):
// html/template's escaping of each value, done without reflection. The
// rows of ten thousand materials took some 83,000 instructions each
// through the template, at the end of a build, when nothing else runs.
func appendRow(b []byte, r *indexRow) []byte {
	b = append(b, "\n<tr><td class=\"n\">"...)
	b = strconv.AppendInt(b, int64(r.N), 10)
	b = append(b, "</td><td></td><td>"...)
	b = appendHTML(b, r.What)
	if r.Failed != "" {
		b = append(b, "</td><td class=\"failed\">"...)
		b = appendHTML(b, r.File)
		b = append(b, ": not made: "...)
		b = appendHTML(b, r.Failed)
	} else {
		b = append(b, "</td><td><a href=\""...)
		b = appendHTML(b, normalizeURL(string(r.Href)))
		b = append(b, "\">"...)
		b = appendHTML(b, r.File)
		b = append(b, "</a>"...)
	}
	b = append(b, "</td><td>"...)
	b = appendHTML(b, r.Paper)
	b = append(b, "</td><td class=\"n\">"...)
	if r.Pages != 0 {
		b = strconv.AppendInt(b, int64(r.Pages), 10)
	}
	b = append(b, "</td><td class=\"n\">"...)
	if r.Copies != 0 {
		b = strconv.AppendInt(b, int64(r.Copies), 10)
	}
	b = append(b, "</td><td><code>"...)
	b = appendHTML(b, r.SHA)
	return append(b, "</code></td></tr>"...)
}

// appendHTML appends s escaped as html/template escapes text and quoted
// attribute values: NUL as U+FFFD, and " & ' + < > as entities; every
// other byte, invalid UTF-8 too, as it is.
func appendHTML(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, repl...)
		start = i + 1
	}
	return append(b, s[start:]...)
}

// normalizeURL is a trusted URL (template.URL) as html/template puts it
// in an attribute before escaping it: every byte that is neither
// reserved nor unreserved in RFC 3986 percent-encoded, except a valid
// escape's %.
func normalizeURL(s string) string {
	isHex := func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
	var b []byte
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0,
			'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		b = append(b, s[written:i]...)
		b = append(b, '%', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		written = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[written:]...))
}

// Partner is one partner organisation's folder, as the build's own
// index page lists it.
type Partner struct {
	Name, Folder      string
	Materials, Failed int
	Pack              bool // its folder has a pack.pdf
}

type partnerRow struct {
	N                 int
	Name, Folder      string
	Href, Pack        template.URL
	Materials, Failed int
}

// WritePartners writes the index page of a build made for partner
// organisations: a row for each, with links to its folder's index page
// and print pack.
func WritePartners(w io.Writer, eng *generate.Engine, s Sheet, partners iter.Seq[Partner]) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	h := head(eng, Page{Sheet: s, Manifest: manifest.FileName})
	h.Partners = true
	if err := indexPage().ExecuteTemplate(bw, "head", h); err != nil {
		return err
	}
	i := 0
	for pt := range partners {
		i++
		folder := pathEscape(pt.Folder)
		row := partnerRow{N: i, Name: pt.Name, Folder: pt.Folder, Href: template.URL(folder + "/" + IndexName), Materials: pt.Materials, Failed: pt.Failed}
		if pt.Pack {
			row.Pack = template.URL(folder + "/" + FileName)
		}
		if err := indexPage().ExecuteTemplate(bw, "partner", row); err != nil {
			return err
		}
	}
	if err := indexPage().ExecuteTemplate(bw, "foot", h); err != nil {
		return err
	}
	return bw.Flush()
}

// pathEscape makes a file name safe as a relative link; output names are
// already limited to [A-Za-z0-9._-], but the page must not trust that.
func pathEscape(name string) string {
	var b strings.Builder
	for _, c := range []byte(name) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	s := b.String()
	if strings.HasPrefix(s, ".") {
		s = "./" + s
	}
	return s
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/pack"
	"github.com/awarekit/awarekit/toolkit/plan"
	"github.com/awarekit/awarekit/toolkit/render/paint"
	"github.com/awarekit/awarekit/toolkit/render/png"
)

// packInputs is everything pack.pdf shows: when none of it changed, the
// pack is not made again. Its hash is that of its JSON with Items, the
// pack's materials in order, after Paper (packKey writes it a material
// at a time).
type packInputs struct {
	Program      string
	Content      string
	Organisation string
	Event        plan.Event
	Paper        string
}

type packItem struct {
	File, Inputs string
	Copies       int
}

// set is one plan set as the build goes: its outputs, and its pack, made
// as its materials are when streaming.
type set struct {
	plan.Set
	outs []int32 // indices in builder.outs, in plan order
	last int     // the last output the pack joins; -1 for none

	// streaming: the pack is being written as the materials come (pw), or
	// was until a material failed (failed) or the pack did (packErr).
	streaming bool
	pw        *pack.Writer
	failed    bool
	packErr   error

	packRes, indexRes *Result
}

// rel is output name as a path inside the set's folder.
func (s *set) rel(name string) string {
	if s.Folder == "" {
		return name
	}
	return strings.TrimPrefix(name, s.Folder+"/")
}

// planSets gives each output built to its set.
func (b *builder) planSets() []*set {
	sets := make([]*set, len(b.plan.Sets))
	for k, ps := range b.plan.Sets {
		sets[k] = &set{Set: ps, last: -1}
	}
	for i, o := range b.outs {
		st := sets[o.Set]
		st.outs = append(st.outs, int32(i))
		if pack.Joinable(o.Job) {
			st.last = i
		}
	}
	return sets
}

// prevSet is what the last build recorded of a set's pack and index.
func (b *builder) prevSet(folder string) manifest.Set {
	if folder == "" {
		return manifest.Set{Pack: b.prev.Pack, Index: b.prev.Index}
	}
	return b.prev.Sets[folder]
}

// sheet is what a set's cover sheet and index page say about it.
func (b *builder) sheet(st *set) (pack.Sheet, error) {
	brand, err := b.plan.Orgs.At(st.Org).BrandFit(layout.LogoPixels)
	s := pack.Sheet{Brand: brand, Paper: b.plan.Paper}
	if ev := b.plan.Event.Doc(); ev != nil {
		s.Event = *ev
	}
	return s, err
}

// startPacks decides, before anything is made, which sets' packs are made
// again: a pack whose materials, copies and event are all as the last
// build recorded, and whose file is still the one recorded, is kept.
// Every other pack is started, to be filled as its materials are made.
func (b *builder) startPacks() {
	for _, st := range b.sets {
		if st.last < 0 {
			continue
		}
		path := filepath.Join(b.opts.OutDir, st.Folder, pack.FileName)
		if prev := b.prevSet(st.Folder).Pack; prev != nil && !b.opts.Force {
			// The materials' inputs as they are now, each made when the
			// key asks for it; an output whose inputs cannot be made
			// fails, and the pack with it.
			// A material whose fonts changed since (a font file of the
			// fonts: setting replaced) is made again though its inputs
			// are the same: the pack, which shows it, is made again too.
			key := func(i int32) [sha256.Size]byte {
				in, err := b.inputsChecked(b.outs[i])
				if err != nil {
					return [sha256.Size]byte{}
				}
				k := keyOf(in)
				if b.fontsChanged(b.outs[i].Name, k) {
					return [sha256.Size]byte{}
				}
				return k
			}
			if prev.InputsSHA256 == b.packKeyOf(st, key) {
				if why, err := manifest.OnDisk(path, prev); err == nil && why == "" {
					st.packRes = &Result{Output: plan.Output{Name: st.Path(pack.FileName), Copies: 1}, Status: Unchanged, Entry: prev}
					continue
				}
			}
		}
		sheet, err := b.sheet(st)
		if err == nil {
			st.pw, err = pack.Start(b.eng, filepath.Join(b.opts.OutDir, st.Folder), sheet)
		}
		if err == nil {
			st.pw.Drawers = b.opts.Jobs
		}
		if err != nil {
			st.packErr = err
			continue
		}
		st.streaming = true
	}
}

// fontsChanged reports whether the earlier build's output name, made
// from inputs of hash key, was set in a font that is not as it was then.
func (b *builder) fontsChanged(name string, key [sha256.Size]byte) bool {
	e := earlierEntry(b.prev.Entries(name), hex.EncodeToString(key[:]))
	return e != nil && e.Inputs != nil && b.fonts.Changed(e.Inputs.Fonts) != ""
}

// packKey is the hash of everything a set's pack shows: packInputs's
// JSON with "Items" added, a list of one packItem per material, written
// into the hash as each is made. The list of ten thousand, and its
// megabytes of JSON, are never held; the hash is the one the whole
// value's json.Marshal gave, so earlier manifests still match.
func (b *builder) packKey(st *set) string {
	return b.packKeyOf(st, func(i int32) [sha256.Size]byte { return b.recs.get(int(i)).key })
}

// packKeyOf is packKey with each material's inputs hash from key.
func (b *builder) packKeyOf(st *set, key func(i int32) [sha256.Size]byte) string {
	org, _ := b.orgKey(st.Org)
	head, err := json.Marshal(packInputs{
		Program:      b.eng.Creator,
		Content:      b.eng.Lib.Info.Version,
		Organisation: org,
		Event:        b.plan.Event,
		Paper:        b.plan.Paper.Name,
	})
	if err != nil {
		panic("batch: pack key: " + err.Error()) // plain strings: no error
	}
	h := sha256.New()
	h.Write(head[:len(head)-1]) // without its closing brace
	h.Write([]byte(`,"Items":`))
	n := 0
	var hexKey [2 * sha256.Size]byte
	for _, i := range st.outs {
		o := b.outs[i]
		if !pack.Joinable(o.Job) {
			continue
		}
		k := key(i)
		hex.Encode(hexKey[:], k[:])
		item, err := json.Marshal(packItem{File: o.Name, Inputs: string(hexKey[:]), Copies: o.Copies})
		if err != nil {
			panic("batch: pack key: " + err.Error())
		}
		if n == 0 {
			h.Write([]byte("["))
		} else {
			h.Write([]byte(","))
		}
		h.Write(item)
		n++
	}
	if n == 0 {
		h.Write([]byte("null")) // a nil list, as json.Marshal writes it
	} else {
		h.Write([]byte("]"))
	}
	h.Write([]byte("}"))
	return hex.EncodeToString(h.Sum(nil))
}

// feed hands output i, done, to its set's pack, in plan order: data is
// its PDF when the worker kept it, else the pack reads the file. A
// material that failed or was not made leaves its set without a pack.
// After the set's last material, the pack is finished. Every output
// comes here once it is done, and its record is then final: it leaves
// memory for the records' file.
func (b *builder) feed(ctx context.Context, i int, data []byte) {
	defer b.recs.done(i)
	o := b.outs[i]
	st := b.sets[o.Set]
	if !pack.Joinable(o.Job) {
		return
	}
	switch {
	case !b.recs.hasFile(i):
		st.failed = true
		b.abortPack(st)
	case st.pw == nil:
	case data != nil:
		if err := st.pw.Add(data); err != nil {
			st.packErr = fmt.Errorf("%s: %w", o.Name, err)
			b.abortPack(st)
		}
	default:
		if err := st.pw.AddFile(st.rel(o.Name)); err != nil {
			st.packErr = err
			b.abortPack(st)
		}
	}
	if i == st.last && st.pw != nil {
		if i == len(b.outs)-1 && ctx.Err() == nil && !b.opts.DryRun {
			// Every output is done: the index page and the manifest
			// are written while the cover sheet is made.
			b.startAhead(st)
		}
		b.finishPack(ctx, st)
	}
}

func (b *builder) abortPack(st *set) {
	if st.pw != nil {
		st.pw.Abort()
		st.pw = nil
	}
}

// abortPacks leaves no pack half made: those not finished are removed.
func (b *builder) abortPacks() {
	for _, st := range b.sets {
		b.abortPack(st)
	}
}

// finishPack puts the cover sheet in front of a set's pack and the pack
// in place.
func (b *builder) finishPack(ctx context.Context, st *set) {
	pw := st.pw
	st.pw = nil
	res := &Result{Output: plan.Output{Name: st.Path(pack.FileName), Copies: 1}, Status: Made, Reason: "materials, copies or event changed"}
	if prev := b.prevSet(st.Folder).Pack; prev == nil {
		res.Reason = "not built before"
	} else if b.opts.Force {
		res.Reason = "--force"
	}
	var e *manifest.Entry
	var err error
	if b.opts.beforePack != nil {
		err = b.opts.beforePack()
	}
	if err == nil {
		e, err = pw.Finish(ctx, b.items(st, false))
	} else {
		pw.Abort()
	}
	switch {
	case err != nil && ctx.Err() != nil:
		res.Status, res.Reason = Skipped, "interrupted"
	case err != nil:
		res.Status, res.Reason, res.Err = Failed, err.Error(), err
	default:
		e.File = st.Path(pack.FileName)
		e.InputsSHA256 = b.packKey(st)
		res.Entry = e
	}
	st.packRes = res
}

// finishPacks settles each set's pack once every material is done, and
// returns warnings for the packs not made. In a dry run it says what a
// build would do.
func (b *builder) finishPacks(ctx context.Context) []string {
	var warnings []string
	for _, st := range b.sets {
		if st.last < 0 {
			continue
		}
		name := st.Path(pack.FileName)
		switch {
		case b.opts.DryRun:
			st.packRes = b.dryPack(st)
		case st.failed:
			b.abortPack(st)
			st.packRes = nil
			warnings = append(warnings, name+" not made: some materials failed")
		case st.packErr != nil:
			st.packRes = &Result{Output: plan.Output{Name: name, Copies: 1}, Status: Failed, Reason: st.packErr.Error(), Err: st.packErr}
		case st.pw != nil:
			b.finishPack(ctx, st)
		}
	}
	return warnings
}

// dryPack says what a build would do with a set's pack.
func (b *builder) dryPack(st *set) *Result {
	res := &Result{Output: plan.Output{Name: st.Path(pack.FileName), Copies: 1}}
	prev := b.prevSet(st.Folder).Pack
	for _, i := range st.outs {
		if !pack.Joinable(b.outs[i].Job) {
			continue
		}
		switch b.recs.statusOf(int(i)) {
		case New, Changed:
			res.Status, res.Reason = Changed, "materials change"
			if prev == nil {
				res.Status, res.Reason = New, "not built before"
			}
			return res
		case Unchanged, Gathered:
		default:
			return nil
		}
	}
	res.Status, res.Reason = New, "not built before"
	if prev != nil {
		res.Status, res.Reason = Changed, "materials, copies or event changed"
		switch {
		case b.opts.Force:
			res.Reason = "--force"
		case prev.InputsSHA256 == b.packKey(st):
			path := filepath.Join(b.opts.OutDir, st.Folder, pack.FileName)
			if why, err := manifest.OnDisk(path, prev); err == nil && why == "" {
				res.Status, res.Reason, res.Entry = Unchanged, "", prev
				return res
			}
			res.Reason = "file missing or differs from the manifest"
		}
	}
	return res
}

// item is how the pack and the index list output i: by its name in its
// set's folder. Its record is read with rd.
func (b *builder) item(rd *reader, st *set, i int, thumb bool) pack.Item {
	o := b.outs[i]
	rec := b.recs.getWith(rd, i)
	it := pack.Item{File: st.rel(o.Name), What: b.describe(o.Job), Paper: o.Job.Paper.Name, Copies: o.Copies}
	if pack.Joinable(o.Job) {
		it.Sheet, _ = o.Job.Sheet()
	}
	if o.Job.Format.Print == nil {
		// Not printed (an SMS, a web page, an image for screens,
		// slides): no paper and no copies, in the index or on the cover.
		it.Paper, it.Copies = "", 0
		it.Shown = o.Job.Format.Shown
	}
	switch {
	case rec.has:
		it.Pages, it.SHA256 = int(rec.pages), hex.EncodeToString(rec.sha[:])
		if thumb {
			it.Thumb = b.thumb(i)
		}
	case rec.status == Failed:
		it.Failed = rec.reason
	default:
		it.Failed = string(rec.status)
	}
	return it
}

// describe is the engine's description of job, written once a job: the
// cover sheet, its count and total, the bookmarks and the index page ask
// for every material's, some five times, at the end of the build, and
// the outputs share a few jobs (a thousand flyers, five). Held for the
// plan's jobs, each once.
func (b *builder) describe(job *generate.Resolved) string {
	b.descMu.Lock()
	defer b.descMu.Unlock()
	d, ok := b.desc[job]
	if !ok {
		if b.desc == nil {
			b.desc = map[*generate.Resolved]string{}
		}
		d = b.eng.Describe(*job)
		b.desc[job] = d
	}
	return d
}

// items yields a set's outputs as its pack (joinable only) or its index
// page (all) shows them, each made from its record as it is asked for:
// the list of ten thousand is never held.
func (b *builder) items(st *set, all bool) iter.Seq[pack.Item] {
	return func(yield func(pack.Item) bool) {
		rd := b.recs.reader()
		for _, i := range st.outs {
			if (all || pack.Joinable(b.outs[i].Job)) && !yield(b.item(rd, st, int(i), false)) {
				return
			}
		}
	}
}

// indexes writes each set's index.html, and with partners the output
// folder's, which lists them.
func (b *builder) indexes() {
	for _, st := range b.sets {
		if a := b.ahead; a != nil && a.st == st {
			// Written while the pack was finished, as if it were made:
			// kept if it was.
			if res := a.settle(st.packRes != nil && st.packRes.Entry != nil); res != nil {
				st.indexRes = res
				continue
			}
		}
		st.indexRes = b.index(st)
	}
	if b.partners() {
		b.topIndex = b.partnersIndex()
	}
}

// index writes a set's index.html: every output with a link, for people
// who open the folder in a browser. It depends only on the results, so
// an unchanged build leaves it as it is.
func (b *builder) index(st *set) *Result {
	return b.indexWith(st, st.packRes != nil && st.packRes.Entry != nil, nil)
}

// indexWith is index, linking the set's pack when withPack; when hold is
// given, the page is put in place only once hold, called when it is
// written, returns nil.
func (b *builder) indexWith(st *set, withPack bool, hold func() error) *Result {
	name := st.Path(pack.IndexName)
	res := &Result{Output: plan.Output{Name: name}}
	prev := b.prevSet(st.Folder).Index
	if b.opts.DryRun {
		for _, i := range st.outs {
			if st := b.recs.statusOf(int(i)); st != Unchanged && st != Gathered {
				res.Status, res.Reason = Changed, "lists the outputs"
				if prev == nil {
					res.Status, res.Reason = New, "not built before"
				}
				return res
			}
		}
	}
	sheet, err := b.sheet(st)
	if err != nil {
		res.Status, res.Reason, res.Err = Failed, err.Error(), err
		return res
	}
	pg := pack.Page{Sheet: sheet, Pack: withPack, Manifest: manifest.FileName}
	if st.Folder != "" {
		pg.Manifest, pg.Up = "../"+manifest.FileName, "../"+pack.IndexName
	}
	rows := func(yield func(pack.Item) bool) {
		rd := b.recs.reader()
		for _, i := range st.outs {
			if !yield(b.item(rd, st, int(i), b.thumbs)) {
				return
			}
		}
	}
	return b.writePage(res, func(w io.Writer) error {
		if err := pack.WriteIndex(w, b.eng, pg, rows); err != nil || hold == nil {
			return err
		}
		return hold()
	})
}

// partnersIndex writes the output folder's index.html when the build is
// made for partners: one row for each, linking its folder.
func (b *builder) partnersIndex() *Result {
	res := &Result{Output: plan.Output{Name: pack.IndexName}}
	if b.opts.DryRun {
		res.Status, res.Reason = Changed, "lists the partners"
		if b.prev.Index == nil {
			res.Status, res.Reason = New, "not built before"
		}
		return res
	}
	sheet, err := b.sheet(&set{})
	if err != nil {
		res.Status, res.Reason, res.Err = Failed, err.Error(), err
		return res
	}
	partners := func(yield func(pack.Partner) bool) {
		for _, st := range b.sets {
			pt := pack.Partner{Name: b.plan.Orgs.At(st.Org).Name, Folder: st.Folder, Materials: len(st.outs), Pack: st.packRes != nil && st.packRes.Entry != nil}
			for _, i := range st.outs {
				if !b.recs.hasFile(int(i)) {
					pt.Failed++
				}
			}
			if !yield(pt) {
				return
			}
		}
	}
	return b.writePage(res, func(w io.Writer) error { return pack.WritePartners(w, b.eng, sheet, partners) })
}

// writePage writes an index page as write makes it, through a hash: the
// page is Unchanged when it comes out as the file already there.
func (b *builder) writePage(res *Result, write func(io.Writer) error) *Result {
	path := filepath.Join(b.opts.OutDir, filepath.FromSlash(res.Name))
	old, _, _ := manifest.FileHash(path)
	h := sha256.New()
	size := &counter{w: h}
	var err error
	if b.opts.DryRun {
		err = write(size)
	} else {
		err = b.writeStream(path, func(w io.Writer) error { return write(io.MultiWriter(w, size)) })
	}
	if err != nil {
		res.Status, res.Reason, res.Err = Failed, err.Error(), err
		return res
	}
	sha := hex.EncodeToString(h.Sum(nil))
	switch {
	case sha == old:
		res.Status = Unchanged
	case b.opts.DryRun:
		res.Status, res.Reason = Changed, "its contents change"
		return res
	default:
		res.Status = Made
	}
	res.Entry = &manifest.Entry{File: res.Name, InputsSHA256: sha, SHA256: sha, Bytes: size.n}
	return res
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

// thumbWidth is the width in pixels of a material's picture in index.html.
const thumbWidth = 120

// maxThumbs is the most materials whose pictures index.html shows; a
// larger build lists them without. Each picture is drawn and carried
// inside the page (some 16 KB of it): ten thousand would make an index of
// a hundred and sixty megabytes that no browser shows well.
const maxThumbs = 200

// span is where a picture is in the file of pictures.
type span struct {
	at int64
	n  int
}

// keepThumb draws the first page of output i small, for the index, from
// the layout its worker made: in the workers, and without laying the
// page out again. The picture waits in a temporary file beside the
// index; when that cannot be written, the index draws it again.
func (b *builder) keepThumb(i int, ld *layout.Document) {
	if !b.outs[i].Job.Format.Paged() || len(ld.Pages) == 0 {
		return
	}
	pic := drawThumb(&ld.Pages[0])
	if pic == nil {
		return
	}
	b.thumbMu.Lock()
	defer b.thumbMu.Unlock()
	if b.thumbFile == nil {
		f, err := output.Scratch(filepath.Join(b.opts.OutDir, pack.IndexName))
		if err != nil {
			return
		}
		b.thumbFile, b.thumbAt = f, map[int]span{}
	}
	if _, err := b.thumbFile.WriteAt(pic, b.thumbEnd); err != nil {
		return
	}
	b.thumbAt[i] = span{b.thumbEnd, len(pic)}
	b.thumbEnd += int64(len(pic))
}

// dropThumbs removes the file of pictures.
func (b *builder) dropThumbs() {
	b.thumbMu.Lock()
	defer b.thumbMu.Unlock()
	if b.thumbFile != nil {
		b.thumbFile.Close()
		os.Remove(b.thumbFile.Name())
		b.thumbFile, b.thumbAt = nil, nil
	}
}

// thumb is the picture of output i's first page for the index: the one
// its worker drew, or for a material this build did not make (unchanged)
// one drawn from its layout, made again. A material that cannot be drawn
// gets none; its own file is what counts.
func (b *builder) thumb(i int) []byte {
	b.thumbMu.Lock()
	sp, ok := b.thumbAt[i]
	f := b.thumbFile
	b.thumbMu.Unlock()
	if ok {
		pic := make([]byte, sp.n)
		if _, err := f.ReadAt(pic, sp.at); err == nil {
			return pic
		}
	}
	o := b.outs[i]
	if !o.Job.Format.Paged() {
		return nil
	}
	brand, err := b.plan.Orgs.At(o.Org).BrandFit(layout.LogoPixels)
	if err != nil {
		return nil
	}
	ld, err := b.eng.Layout(*o.Job, b.plan.Orgs.At(o.Org), brand)
	if err != nil || len(ld.Pages) == 0 {
		return nil
	}
	return drawThumb(&ld.Pages[0])
}

// drawThumb draws a page thumbWidth pixels wide as a PNG, or returns nil
// when it cannot be drawn.
func drawThumb(p *layout.Page) []byte {
	dpi := thumbWidth * 72 / p.Width
	pg, err := paint.Draw(p, paint.Options{Hairline: 72 / dpi})
	if err != nil {
		return nil
	}
	img, err := png.Rasterize(pg, dpi)
	if err != nil {
		return nil
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil
	}
	return buf.Bytes()
}

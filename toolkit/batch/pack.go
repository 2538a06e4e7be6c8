package batch

import (
	"bytes"
	"context"
	"path/filepath"

	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/pack"
	"github.com/awarekit/awarekit/toolkit/plan"
	"github.com/awarekit/awarekit/toolkit/render/paint"
	"github.com/awarekit/awarekit/toolkit/render/png"
)

// packInputs is everything pack.pdf shows: when none of it changed, the
// pack is not made again.
type packInputs struct {
	Program      string
	Content      string
	Organisation string
	Event        plan.Event
	Paper        string
	Items        []packItem
}

type packItem struct {
	File, Inputs string
	Copies       int
}

func (b *builder) sheet() pack.Sheet {
	s := pack.Sheet{Brand: b.brand, Paper: b.plan.Paper}
	if ev := b.plan.Event.Doc(); ev != nil {
		s.Event = *ev
	}
	return s
}

// item is how the pack and the index list a result.
func (b *builder) item(r Result) pack.Item {
	it := pack.Item{File: r.Name, What: b.eng.Describe(r.Job), Paper: r.Job.Paper.Name, Copies: r.Copies}
	if pack.Joinable(r.Job) {
		it.Sheet, _ = r.Job.Format.Sheet(r.Job.Paper)
	}
	if r.Job.Format.Screen {
		it.Paper = "" // an image for screens is not printed
	}
	switch {
	case r.Entry != nil:
		it.Pages, it.SHA256 = r.Entry.Pages, r.Entry.SHA256
	case r.Status == Failed:
		it.Failed = r.Reason
	default:
		it.Failed = string(r.Status)
	}
	return it
}

// pack decides whether pack.pdf must be made (it is not when every
// material it joins, their copies and the event are as recorded and the
// file is still the one recorded) and makes it: a cover sheet, then every
// PDF material's pages in plan order.
func (b *builder) pack(ctx context.Context, results []Result) *Result {
	var items []pack.Item
	in := packInputs{
		Program:      b.eng.Creator,
		Content:      b.eng.Lib.Info.Version,
		Organisation: b.orgSHA,
		Event:        b.plan.Event,
		Paper:        b.plan.Paper.Name,
	}
	pending := false // a dry run: some material would be made
	for _, r := range results {
		switch {
		case !pack.Joinable(r.Job):
			// The pack joins PDF files; other backends' files and text
			// formats are listed in index.html only.
		case r.Entry != nil:
			items = append(items, b.item(r))
			in.Items = append(in.Items, packItem{File: r.Name, Inputs: r.Entry.InputsSHA256, Copies: r.Copies})
		case r.Status == New || r.Status == Changed:
			items = append(items, b.item(r))
			pending = true
		}
	}
	if len(items) == 0 {
		return nil
	}
	res := &Result{Output: plan.Output{Name: pack.FileName, Copies: 1}}
	if pending {
		res.Status, res.Reason = Changed, "materials change"
		if b.prev.Pack == nil {
			res.Status, res.Reason = New, "not built before"
		}
		return res
	}
	key := manifest.Hash(in)
	path := filepath.Join(b.opts.OutDir, pack.FileName)
	res.Status, res.Reason = New, "not built before"
	if p := b.prev.Pack; p != nil {
		res.Status, res.Reason = Changed, "materials, copies or event changed"
		switch {
		case b.opts.Force:
			res.Reason = "--force"
		case p.InputsSHA256 == key:
			if why, err := manifest.OnDisk(path, p); err == nil && why == "" {
				res.Status, res.Reason, res.Entry = Unchanged, "", p
				return res
			}
			res.Reason = "file missing or differs from the manifest"
		}
	}
	if b.opts.DryRun {
		return res
	}
	e, err := pack.Write(ctx, b.eng, b.opts.OutDir, b.sheet(), items)
	switch {
	case err != nil && ctx.Err() != nil:
		res.Status, res.Reason = Skipped, "interrupted"
	case err != nil:
		res.Status, res.Reason, res.Err = Failed, err.Error(), err
	default:
		e.InputsSHA256 = key
		res.Status, res.Entry = Made, e
	}
	return res
}

// index writes index.html: every output with a link, for people who open
// the folder in a browser. It depends only on the results, so an
// unchanged build leaves it as it is.
func (b *builder) index(results []Result, packed *Result) *Result {
	res := &Result{Output: plan.Output{Name: pack.IndexName}}
	if b.opts.DryRun {
		for _, r := range results {
			if r.Status != Unchanged {
				res.Status, res.Reason = Changed, "lists the outputs"
				if b.prev.Index == nil {
					res.Status, res.Reason = New, "not built before"
				}
				return res
			}
		}
	}
	items := make([]pack.Item, len(results))
	thumbs := len(results) <= maxThumbs && !b.opts.DryRun
	for i, r := range results {
		items[i] = b.item(r)
		if r.Entry != nil && thumbs {
			items[i].Thumb = b.thumb(r)
		}
	}
	data, err := pack.Index(b.eng, b.sheet(), items, packed != nil && packed.Entry != nil)
	if err != nil {
		res.Status, res.Reason, res.Err = Failed, err.Error(), err
		return res
	}
	sha := manifest.Sum(data)
	path := filepath.Join(b.opts.OutDir, pack.IndexName)
	if old, _, _ := manifest.FileHash(path); old == sha {
		res.Status = Unchanged
	} else if b.opts.DryRun {
		res.Status, res.Reason = Changed, "its contents change"
		return res
	} else if err := b.write(path, data); err != nil {
		res.Status, res.Reason, res.Err = Failed, err.Error(), err
		return res
	} else {
		res.Status = Made
	}
	res.Entry = &manifest.Entry{File: pack.IndexName, InputsSHA256: sha, SHA256: sha, Bytes: int64(len(data))}
	return res
}

// thumbWidth is the width in pixels of a material's picture in index.html.
const thumbWidth = 120

// maxThumbs is the most materials whose pictures index.html shows; a
// larger build lists them without. Each picture is its page laid out and
// drawn again (in a profile of 1,000 flyers, 58% of the build's CPU time)
// and carried inside the page: ten thousand would make an index of tens of
// megabytes that no browser shows well, built in memory.
const maxThumbs = 200

// thumb draws the first page of a page format small, for the index: the
// layout is made again, so an unchanged material gets its picture too.
// A material that cannot be drawn gets none; its own file is what counts.
func (b *builder) thumb(r Result) []byte {
	if !r.Job.Format.Paged() {
		return nil
	}
	ld, err := b.eng.Layout(r.Job, b.plan.Org, b.brand)
	if err != nil || len(ld.Pages) == 0 {
		return nil
	}
	p := &ld.Pages[0]
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

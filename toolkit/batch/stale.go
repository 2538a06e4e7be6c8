package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/pack"
)

// An earlier build's file that this build no longer makes (a material
// dropped from the plan, the pack and index of a plan now pack: false, a
// partner no longer listed) was left in the output folder, unlisted: an
// educator who opened the folder printed a pack holding a material the
// plan no longer has, or a flyer whose number has changed since. Such a
// file is removed when the folder's own manifest recorded it as a
// build's and its bytes are still the ones recorded: nothing is lost that
// the earlier plan cannot make again, and nothing another program or a
// person wrote or changed is touched (that is left, and said).

// A file left (changed since, a link, another plan's, kept on purpose)
// is recorded in the manifest (Manifest.Earlier), so that every build
// names it again until it is deleted, and none takes it for its own. A
// build stopped before its end (Ctrl-C) removes nothing, and carries
// every record forward for the build that finishes the job.

// staleFiles lists the files the earlier manifests record that this
// build does not make: outputs not in the plan, with their further
// files, packs and index pages the plan no longer makes, and what an
// earlier build left. A part (shard) makes only some of the outputs,
// and lists none.
func (b *builder) staleFiles() []manifest.Earlier {
	if b.opts.Shard.Active() {
		return nil
	}
	out := b.prev.Others(func(yield func(string) bool) {
		for _, o := range b.outs {
			if !yield(o.Name) {
				return
			}
		}
	})
	makes := b.headsMade()
	head := func(e *manifest.Entry, what string) {
		if e != nil && !makes[e.File] {
			out = append(out, manifest.EarlierOf(e, b.prev.Plan, what))
		}
	}
	head(b.prev.Pack, "print pack")
	head(b.prev.Index, "index page")
	for _, folder := range slices.Sorted(maps.Keys(b.prev.Sets)) {
		s := b.prev.Sets[folder]
		head(s.Pack, "print pack")
		head(s.Index, "index page")
	}
	if len(b.prev.Earlier) > 0 {
		// A name recorded as an output too (by a part's manifest, since)
		// is that output's.
		seen := make(map[string]bool, len(out))
		for _, f := range out {
			seen[f.File] = true
		}
		for _, f := range b.prev.Earlier {
			if !seen[f.File] {
				seen[f.File] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// fewerFiles adds to stale the further files (pages, captions) that an
// earlier build recorded with an output this build made again, and
// that this build did not write: a 9-page French guide as PNG pages
// (h.png, h-2.png … h-9.png) built again as the 8-page English one left
// h-9.png, the French page 9, in the folder, unlisted, and someone
// printing h-*.png printed it (review19 M1). They are stale under the
// same rules as a material the plan no longer makes (settle). An output
// that failed or was not made keeps its earlier files, which its
// earlier entry still lists (writeManifest).
func (b *builder) fewerFiles(stale []manifest.Earlier) []manifest.Earlier {
	if len(b.remade) == 0 || b.opts.Shard.Active() {
		return stale
	}
	seen := make(map[string]bool, len(stale))
	for _, f := range stale {
		seen[f.File] = true
	}
	rd := b.recs.reader()
	for i, o := range b.outs {
		earlier, ok := b.remade[o.Name]
		if !ok {
			continue
		}
		rec := b.recs.getWith(rd, i)
		if !rec.has {
			continue
		}
		wrote := map[string]bool{o.Name: true}
		for _, p := range rec.also {
			wrote[p.File] = true
		}
		for _, f := range earlier {
			f.What = "further file of " + o.Name
			for _, p := range f.Also {
				if !wrote[p.File] && !seen[p.File] {
					seen[p.File] = true
					stale = append(stale, f.Part(p))
				}
			}
		}
	}
	return stale
}

// ownNames are the files this build writes or records: its outputs and
// their further files, its packs and index pages, its manifest. Each is
// keyed by its name as a file system that ignores case and Unicode
// normalisation compares it (foldName), with the name this build gives
// it.
func (b *builder) ownNames() map[string]string {
	ours := map[string]string{foldName(manifest.FileName): manifest.FileName}
	add := func(name string) {
		if _, ok := ours[foldName(name)]; !ok {
			ours[foldName(name)] = name
		}
	}
	for n := range b.headsMade() {
		add(n)
	}
	rd := b.recs.reader()
	for i, o := range b.outs {
		add(o.Name)
		if rec := b.recs.getWith(rd, i); rec.has {
			for _, p := range rec.also {
				add(p.File)
			}
		}
	}
	return ours
}

// notOurs is stale without the files this build writes or records
// (ownNames) under the same name or another spelling of it: Flyer.pdf
// and flyer.pdf are one file on macOS and Windows, café in NFC and NFD
// on macOS, and a stale record's further file may be this build's (a
// social image's caption keeps its name when the image turns from PNG
// to SVG). Such a file is never removed. Variants are the files of
// stale under another spelling of one of this build's names: on a disk
// that tells them apart they are two files.
func notOurs(stale []manifest.Earlier, ours map[string]string) (kept []manifest.Earlier, variants []variant) {
	for _, f := range stale {
		var also []manifest.Part
		for _, p := range f.Also {
			if own, ok := ours[foldName(p.File)]; !ok {
				also = append(also, p)
			} else if own != p.File {
				variants = append(variants, variant{f.Part(p), own})
			}
		}
		f.Also = also
		own, ok := ours[foldName(f.File)]
		if !ok {
			kept = append(kept, f)
			continue
		}
		if own != f.File {
			variants = append(variants, variant{f.Part(manifest.Part{File: f.File, SHA256: f.SHA256, Bytes: f.Bytes}), own})
		}
		// Its further files that this build does not write are stale on
		// their own.
		for _, p := range also {
			kept = append(kept, f.Part(p))
		}
	}
	return kept, variants
}

// variant is an earlier build's file under another spelling of a name
// this build makes (own).
type variant struct {
	file manifest.Earlier
	own  string
}

// headsMade are the packs and index pages this build makes, by their
// paths under the output folder.
func (b *builder) headsMade() map[string]bool {
	makes := map[string]bool{}
	if !b.plan.Pack || b.opts.Shard.Active() {
		return makes
	}
	for _, st := range b.sets {
		if st.last >= 0 {
			makes[st.Path(pack.FileName)] = true
		}
		makes[st.Path(pack.IndexName)] = true
	}
	if b.partners() {
		makes[pack.IndexName] = true
	}
	return makes
}

// foldName is name as a file system that ignores case and Unicode
// normalisation compares it.
func foldName(name string) string {
	return strings.ToLower(norm.NFC.String(name))
}

// settle decides what becomes of each file of stale, once every
// output is done and before the manifest is written. A file a build of
// this plan made, still as recorded and no link, is removed (a dry run
// only names it). One changed since or a link, one another plan made,
// one a build kept on purpose (Options.KeepEarlier, or recorded so) and
// one under another spelling of a name this build makes is left and
// named, and its record returned for the manifest, so that the next
// build names it again. A file gone is forgotten.
func (b *builder) settle(stale []manifest.Earlier) (removed, warnings []string, left []manifest.Earlier) {
	if len(stale) == 0 {
		return nil, nil, nil
	}
	this := b.planName()
	stale, variants := notOurs(stale, b.ownNames())
	dirs := map[string]bool{}      // folders a file was removed from
	links := map[string][]string{} // files under a link, by the link
	var linkOrder []string
	// Files kept, by whose: a build kept them on purpose, or a build of
	// another plan made them.
	type whose struct {
		keep bool
		plan string
	}
	kept := map[whose][]string{}
	var keptOrder []whose
	for _, f := range stale {
		keep := f.Keep || b.opts.KeepEarlier
		if keep || f.Plan != this {
			by := whose{keep: true}
			if !keep {
				by = whose{plan: f.Plan}
			}
			var there []string
			for _, e := range f.Files() {
				if _, err := os.Lstat(b.outPath(e.File)); err == nil {
					there = append(there, e.File)
				}
			}
			if len(there) == 0 {
				continue
			}
			if _, ok := kept[by]; !ok {
				keptOrder = append(keptOrder, by)
			}
			kept[by] = append(kept[by], there...)
			f.Keep = keep
			left = append(left, f)
			continue
		}
		for _, e := range f.Files() {
			file := b.outPath(e.File)
			leave := func(why string) {
				rec := f.Part(manifest.Part{File: e.File, SHA256: e.SHA256, Bytes: e.Bytes})
				rec.Left = why
				left = append(left, rec)
			}
			if link := linkAbove(b.opts.OutDir, e.File); link != "" {
				// Removing through it would remove a file outside the
				// output folder (a partner's folder moved to a shared
				// drive and linked back): the write side refuses a
				// linked folder too.
				if _, ok := links[link]; !ok {
					linkOrder = append(linkOrder, link)
				}
				links[link] = append(links[link], e.File)
				leave("a folder above it is a link")
				continue
			}
			// By its bytes, never by its size and time alone: the file
			// is about to be removed.
			e.ModTime = 0
			why, err := manifest.OnDisk(file, &e)
			switch {
			case err == nil && why == "file missing":
				continue
			case err != nil || why != "":
				// The record says why without the folder's path: the
				// manifest is the same wherever the folder is.
				said, recorded := why, why
				if err != nil {
					said, recorded = err.Error(), "it could not be read"
					if errors.Is(err, manifest.ErrLink) {
						said, recorded = "it is a link", "it is a link"
					}
				}
				warnings = append(warnings, leftWarning(file, f, "; it was left, as it is not the file that build recorded ("+said+")"))
				leave(recorded)
				continue
			}
			if !b.opts.DryRun {
				if err := os.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
					warnings = append(warnings, leftWarning(file, f, fmt.Sprintf(", and it could not be removed (%v)", err)))
					leave("it could not be removed")
					continue
				}
			}
			removed = append(removed, e.File)
			if dir := path.Dir(e.File); dir != "." {
				dirs[dir] = true
			}
		}
	}
	if !b.opts.DryRun {
		// A partner's folder that held only the files removed (a
		// partner no longer listed) goes too; one with anything else in
		// it stays. Each was a folder, not a link, when its files went.
		for _, dir := range slices.Sorted(maps.Keys(dirs)) {
			os.Remove(b.outPath(dir))
		}
	}
	for _, link := range linkOrder {
		files := links[link]
		n := len(files)
		warnings = append(warnings, fmt.Sprintf("%s is a link, not a folder, and a build removes nothing through a link: %s in it that an earlier build made and this plan no longer makes %s left (%s): delete %s if %s should not be printed",
			link, count(n, "file"), plural(n, "was", "were"), listed(files), plural(n, "it", "them"), plural(n, "it", "they")))
	}
	for _, by := range keptOrder {
		files := kept[by]
		n := len(files)
		if by.keep {
			warnings = append(warnings, fmt.Sprintf("%s still holds %s that an earlier build made and this plan does not make; %s kept, and %s not in this build's pack or index: %s",
				b.opts.OutDir, count(n, "file"), plural(n, "it was", "they were"), plural(n, "it is", "they are"), listed(files)))
			continue
		}
		plan := by.plan
		if plan == "" {
			plan = "another plan file"
		}
		if from, name, ok := strings.Cut(plan, "/"); ok {
			// No plan file's name (PlanName): serve's form.
			plan = name + " (from " + from + ")"
		}
		warnings = append(warnings, fmt.Sprintf("%s still holds %s that a build of %s made and this plan does not make; %s left, and %s not in this build's pack or index: %s; build each plan into a folder of its own (--out), or delete %s if %s should not be printed",
			b.opts.OutDir, count(n, "file"), plan, plural(n, "it was", "they were"), plural(n, "it is", "they are"), listed(files), plural(n, "it", "them"), plural(n, "it", "they")))
	}
	for _, v := range variants {
		here, err := os.Lstat(b.outPath(v.file.File))
		if err != nil {
			continue
		}
		if ours, err := os.Lstat(b.outPath(v.own)); err == nil && os.SameFile(here, ours) {
			continue // one file: this build's
		}
		// On this disk it is another file, but a name that another
		// disk takes for this build's own is never removed: the
		// folder may be copied to one.
		warnings = append(warnings, fmt.Sprintf("%s is %s that an earlier build made, under a name that differs from this build's %s only in case or in how its letters are composed; on this disk they are two files, and it was left: delete it if it should not be printed",
			b.outPath(v.file.File), describe(v.file), v.own))
		v.file.Left = "this build makes " + v.own
		left = append(left, v.file)
	}
	return removed, warnings, left
}

// carried are the records of stale for the manifest of a build stopped
// before its end: each as it was, for the build that finishes the job to
// settle, but for those this build makes under the same name.
func (b *builder) carried(stale []manifest.Earlier) []manifest.Earlier {
	if len(stale) == 0 {
		return nil
	}
	ours := b.headsMade()
	ours[manifest.FileName] = true
	for _, o := range b.outs {
		ours[o.Name] = true
	}
	var out []manifest.Earlier
	for _, f := range stale {
		if !ours[f.File] {
			out = append(out, f)
		}
	}
	return out
}

// leftWarning is the warning for file, of f, left where it would have
// been removed, and why (what follows "no longer makes").
func leftWarning(file string, f manifest.Earlier, why string) string {
	return fmt.Sprintf("%s is %s that an earlier build made and this plan no longer makes", file, describe(f)) + why + ": delete it if it should not be printed"
}

// outPath is name, a path under the output folder with forward
// slashes, as a path on disk.
func (b *builder) outPath(name string) string {
	return filepath.Join(b.opts.OutDir, filepath.FromSlash(name))
}

// linkAbove returns the first folder between dir and its file name
// (with forward slashes) that is a link or no folder at all, as a path
// under dir; "" when each is a folder.
func linkAbove(dir, name string) string {
	var at string
	for _, part := range strings.Split(path.Dir(name), "/") {
		if part == "." {
			break
		}
		at = path.Join(at, part)
		st, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(at)))
		if err == nil && !st.IsDir() {
			return filepath.Join(dir, filepath.FromSlash(at))
		}
	}
	return ""
}

// count is n things: "1 file", "3 files".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// plural is one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// listed names files, the first ten, then how many more.
func listed(files []string) string {
	if len(files) > 10 {
		return strings.Join(files[:10], ", ") + fmt.Sprintf(" and %d more", len(files)-10)
	}
	return strings.Join(files, ", ")
}

// describe names what f is, with its article.
func describe(f manifest.Earlier) string {
	if f.What == "" {
		return "a material"
	}
	if strings.HasPrefix(f.What, "further file of ") {
		return "a " + f.What
	}
	return "the " + f.What
}

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

// staleFile is a file an earlier build recorded that this build does
// not make.
type staleFile struct {
	entry manifest.Entry // its File: the path under the output folder, with forward slashes
	what  string         // "" for a material, else "print pack" or "index page"
}

// staleFiles lists the files the earlier manifests record that this
// build does not make: outputs not in the plan, with their further
// files, and packs and index pages the plan no longer makes. A part
// (shard) makes only some of the outputs, and lists none.
func (b *builder) staleFiles() []staleFile {
	if b.opts.Shard.Active() || b.otherPlan() != "" {
		return nil
	}
	var out []staleFile
	others := b.prev.Others(func(yield func(string) bool) {
		for _, o := range b.outs {
			if !yield(o.Name) {
				return
			}
		}
	})
	for _, e := range others {
		out = append(out, staleFile{entry: e})
	}
	makes := b.headsMade()
	head := func(e *manifest.Entry, what string) {
		if e != nil && !makes[e.File] {
			out = append(out, staleFile{entry: *e, what: what})
		}
	}
	head(b.prev.Pack, "print pack")
	head(b.prev.Index, "index page")
	for _, folder := range slices.Sorted(maps.Keys(b.prev.Sets)) {
		s := b.prev.Sets[folder]
		head(s.Pack, "print pack")
		head(s.Index, "index page")
	}
	return out
}

// otherPlan is the plan file an earlier manifest here was written for
// when it is not this build's plan ("" when all are): another plan built
// into the same folder. Its files are not this plan's to remove.
func (b *builder) otherPlan() string {
	for _, pl := range b.prev.Plans {
		if pl != filepath.Base(b.plan.File) {
			return pl
		}
	}
	return ""
}

// notOurs is stale without the files this build wrote or recorded under
// another spelling of their names. It is called once every output is
// done.
func (b *builder) notOurs(stale []staleFile) []staleFile {
	if len(stale) == 0 {
		return nil
	}
	makes := b.headsMade()
	// A file of this build under another spelling of the name (Flyer.pdf
	// and flyer.pdf are one file on macOS and Windows, café in NFC and
	// NFD on macOS) is this build's: never removed.
	ours := map[string]bool{foldName(manifest.FileName): true}
	for n := range makes {
		ours[foldName(n)] = true
	}
	rd := b.recs.reader()
	for i, o := range b.outs {
		ours[foldName(o.Name)] = true
		if rec := b.recs.getWith(rd, i); rec.has {
			for _, p := range rec.also {
				ours[foldName(p.File)] = true
			}
		}
	}
	var kept []staleFile
	for _, f := range stale {
		if ours[foldName(f.entry.File)] {
			continue
		}
		// A further file this build wrote again under the same name (a
		// social image's caption, kept when the image turns from PNG to
		// SVG) is this build's too.
		var also []manifest.Part
		for _, p := range f.entry.Also {
			if !ours[foldName(p.File)] {
				also = append(also, p)
			}
		}
		f.entry.Also = also
		kept = append(kept, f)
	}
	return kept
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

// removeStale removes the files of stale whose bytes are still the ones
// their manifest recorded, each further file of an output too, and
// returns their names; in a dry run it removes nothing and returns what
// it would remove. A file changed since, or a link, is left, with a
// warning.
func (b *builder) removeStale(stale []staleFile) (removed, warnings []string) {
	dirs := map[string]bool{} // folders a file was removed from
	for _, f := range stale {
		for _, e := range f.files() {
			file := filepath.Join(b.opts.OutDir, filepath.FromSlash(e.File))
			left := func(format string, args ...any) {
				warnings = append(warnings, fmt.Sprintf("%s is %s that an earlier build made and this plan no longer makes", file, describe(f))+
					fmt.Sprintf(format, args...)+": delete it if it should not be printed")
			}
			if link := linkAbove(b.opts.OutDir, e.File); link != "" {
				// Removing through it would remove a file outside the
				// output folder (a partner's folder moved to a shared
				// drive and linked back): the write side refuses a
				// linked folder too.
				left("; it was left, as %s is a link, not a folder, and a build removes nothing through a link", link)
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
				if err != nil {
					why = err.Error()
					if errors.Is(err, manifest.ErrLink) {
						why = "it is a link"
					}
				}
				left("; it was left, as it is not the file that build recorded (%s)", why)
				continue
			}
			if !b.opts.DryRun {
				if err := os.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
					left(", and it could not be removed (%v)", err)
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
			os.Remove(filepath.Join(b.opts.OutDir, filepath.FromSlash(dir)))
		}
	}
	return removed, warnings
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

// leftStale is the warning for the files of stale still in the output
// folder, kept (Options.KeepEarlier); none when there are none.
func (b *builder) leftStale(stale []staleFile) []string {
	var left []string
	for _, f := range stale {
		for _, e := range f.files() {
			if _, err := os.Lstat(filepath.Join(b.opts.OutDir, filepath.FromSlash(e.File))); err == nil {
				left = append(left, e.File)
			}
		}
	}
	if len(left) == 0 {
		return nil
	}
	files, names := fmt.Sprintf("%d files", len(left)), left
	if len(left) == 1 {
		files = "1 file"
	}
	if len(names) > 10 {
		names = append(names[:10:10], fmt.Sprintf("and %d more", len(left)-10))
	}
	return []string{fmt.Sprintf("%s still holds %s that an earlier build made and this plan does not make; they were kept, and are not in this build's pack or index: %s",
		b.opts.OutDir, files, strings.Join(names, ", "))}
}

// files are the files of f as their manifest recorded them: the
// output's, then its further files.
func (f staleFile) files() []manifest.Entry {
	files := []manifest.Entry{f.entry}
	for _, p := range f.entry.Also {
		files = append(files, manifest.Entry{File: p.File, SHA256: p.SHA256, Bytes: p.Bytes})
	}
	return files
}

// describe names what f is, with its article.
func describe(f staleFile) string {
	if f.what == "" {
		return "a material"
	}
	return "the " + f.what
}

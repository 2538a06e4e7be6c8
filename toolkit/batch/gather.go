package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/output"
)

// GatherError lists why the parts of a sharded build cannot be joined:
// a part missing, given twice, or made from another plan, other
// settings or another program, or a file not as its part recorded.
type GatherError struct {
	Problems []string
}

func (e *GatherError) Error() string {
	if len(e.Problems) == 1 {
		return "cannot gather the parts: " + e.Problems[0]
	}
	return input.Problems(fmt.Sprintf("cannot gather the parts, %d problems:", len(e.Problems)), e.Problems)
}

// maxGatherProblems is the most problems a GatherError lists: past it,
// the parts are plainly not this build's.
const maxGatherProblems = 20

// shardFile matches a shard manifest's name, giving K and N.
var shardFile = regexp.MustCompile(`^manifest\.shard-(\d+)-of-(\d+)\.json$`)

// part is one shard's manifest, found in a folder given to gather.
type part struct {
	k, n int
	dir  string
	path string
	m    *manifest.Manifest
}

// shardManifest is how a shard manifest is read: from a folder of
// outputs, where anything may have been put.
var shardManifest = input.Kind{Name: "shard manifest", Limit: 256 << 20}

// gather fills the build's records from the manifests of its shards in
// opts.Gather instead of making anything: every part of the plan must be
// there once, made from this plan with these settings by this program,
// and every file as its part recorded. Files in a folder other than the
// output folder are copied into it. It returns a *GatherError listing
// every problem, or the error that stopped a copy.
func (b *builder) gather() error {
	var problems []string
	problem := func(format string, args ...any) {
		if len(problems) < maxGatherProblems {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	parts := map[int]*part{}
	bad := map[int]bool{} // parts found but refused
	n := 0
	seen := map[string]bool{}
	for _, dir := range b.opts.Gather {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		if seen[abs] {
			continue // a folder given twice is one folder
		}
		seen[abs] = true
		entries, err := os.ReadDir(dir)
		if err != nil {
			switch st, serr := os.Stat(dir); {
			case errors.Is(serr, fs.ErrNotExist):
				problem("%s does not exist; give the folders the parts were made in (the --out of each --shard build)", dir)
			case serr == nil && !st.IsDir():
				problem("%s is not a folder; give the folders the parts were made in (the --out of each --shard build)", dir)
			case errors.Is(err, fs.ErrPermission):
				problem("%s cannot be read: awarekit may not read that folder", dir)
			default:
				problem("%s cannot be read: %v", dir, err)
			}
			continue
		}
		found := false
		for _, e := range entries {
			mm := shardFile.FindStringSubmatch(e.Name())
			if mm == nil {
				continue
			}
			found = true
			k, _ := strconv.Atoi(mm[1])
			pn, _ := strconv.Atoi(mm[2])
			path := filepath.Join(dir, e.Name())
			p := &part{k: k, n: pn, dir: dir, path: path}
			bad[k] = true // until it is read and found to be this build's
			switch {
			case n == 0:
				n = pn
			case pn != n:
				problem("%s is part %d of a build in %d parts, but other parts found are of a build in %d; gather the parts of one build", path, k, pn, n)
				continue
			}
			if k < 1 || k > pn {
				problem("%s names part %d of %d, which no build makes", path, k, pn)
				continue
			}
			if other, dup := parts[k]; dup {
				problem("part %d of %d is in both %s and %s; give each part once", k, n, other.path, path)
				continue
			}
			data, err := input.ReadFile(shardManifest, path)
			var m manifest.Manifest
			damaged := false
			if err == nil {
				damaged = json.Unmarshal(data, &m) != nil
			}
			switch {
			case err != nil:
				problem("%v", err)
				continue
			case damaged:
				problem("%s is damaged: it is not a manifest as awarekit writes one; make part %d again with awarekit build %s --shard %d/%d", path, k, filepath.Base(b.plan.File), k, pn)
				continue
			case m.Version != manifest.Version:
				problem("%s is a manifest of version %d; this awarekit reads version %d", path, m.Version, manifest.Version)
				continue
			case m.Shard != (Shard{K: k, N: pn}).String():
				problem("%s says it is part %q, not %d/%d: it was renamed", path, m.Shard, k, pn)
				continue
			case m.Plan != b.planName():
				problem("%s was made from plan %s, not %s", path, m.Plan, b.planName())
				continue
			case m.Program != b.eng.Creator:
				problem("%s was made by %s, not by this program (%s); gather with the program that made the parts, or make them again", path, m.Program, b.eng.Creator)
				continue
			case m.Content != b.eng.Lib.Info.Version:
				problem("%s was made from content version %s, not %s; make the parts again", path, m.Content, b.eng.Lib.Info.Version)
				continue
			}
			p.m = &m
			parts[k] = p
			delete(bad, k)
		}
		if !found {
			problem("%s has no shard manifest (manifest.shard-K-of-N.json); make the parts first with awarekit build %s --shard K/N", dir, b.plan.File)
		}
	}
	if len(problems) == 0 && n == 0 {
		problem("no parts to gather")
	}
	for k := 1; k <= n; k++ {
		if parts[k] == nil && !bad[k] {
			problem("part %d of %d is missing: no %s in %s; make it with awarekit build %s --shard %d/%d",
				k, n, manifest.ShardFileName(k, n), strings.Join(b.opts.Gather, ", "), b.plan.File, k, n)
		}
	}
	if len(problems) > 0 {
		return &GatherError{Problems: problems}
	}

	// Every output of each part must be in its manifest, made from these
	// inputs, and on disk as recorded.
	type found struct {
		p *part
		e *manifest.Entry
	}
	at := make([]found, len(b.outs))
	index := make(map[string]int, len(b.outs))
	for i, o := range b.outs {
		index[o.Name] = i
	}
	listed := map[string]bool{} // outputs already named in a problem
	for k := 1; k <= n; k++ {
		p := parts[k]
		want := map[string]bool{}
		for _, o := range (Shard{K: k, N: n}).Of(b.plan.Outputs) {
			want[o.Name] = true
		}
		for j := range p.m.Outputs {
			e := &p.m.Outputs[j]
			i, ok := index[e.File]
			if !ok || !want[e.File] {
				problem("%s lists %s, which this plan does not make in part %d of %d", p.path, e.File, k, n)
				listed[e.File] = true
				continue
			}
			at[i] = found{p: p, e: e}
		}
	}
	for i, o := range b.outs {
		f := at[i]
		k := (i % n) + 1
		if f.e == nil {
			if !listed[o.Name] {
				problem("part %d of %d did not make %s (it failed, or was stopped); make that part again with --shard %d/%d", k, n, o.Name, k, n)
			}
			continue
		}
		in, err := b.inputsChecked(o)
		if err != nil {
			return err
		}
		rec := b.recs.hotRecord(i)
		rec.key = keyOf(in)
		if got := hex.EncodeToString(rec.key[:]); f.e.InputsSHA256 != got {
			problem("part %d of %d made %s from other inputs (%s); make the parts again with this plan and these settings", k, n, o.Name, diffInputs(f.e.Inputs, in))
			continue
		}
		// A part's manifest names the files to copy: every one must be
		// a file, not a link, beside the output in its folder. A further
		// file named ../../x.txt was read from beside the parts and
		// written beside the output folder.
		if bad := strayFile(f.p.dir, o.Name, f.e); bad == o.Name {
			problem("%s in %s is a link or no file, not the file part %d of %d made; make that part again with --shard %d/%d", o.Name, f.p.dir, k, n, k, n)
			continue
		} else if bad != "" {
			problem("%s lists %s with %s, which is not a file part %d of %d makes beside it; make that part again with --shard %d/%d", f.p.path, bad, o.Name, k, n, k, n)
			continue
		}
		if why, err := manifest.AllOnDisk(f.p.dir, f.e); err != nil || why != "" {
			if err != nil {
				why = err.Error()
			}
			problem("%s in %s is not the file part %d of %d recorded: %s", o.Name, f.p.dir, k, n, why)
			continue
		}
		if got, err := hex.Decode(rec.sha[:], []byte(f.e.SHA256)); err != nil || got != sha256.Size {
			problem("%s lists %s without a readable checksum", f.p.path, o.Name)
		}
	}
	if len(problems) > 0 {
		return &GatherError{Problems: problems}
	}
	if b.opts.DryRun {
		for i := range b.outs {
			b.recs.hotRecord(i).status = Gathered
		}
		return nil
	}

	// The files now go where the build's are, each record from its part.
	for i, o := range b.outs {
		f := at[i]
		if !same(f.p.dir, b.opts.OutDir) {
			for _, name := range append([]string{o.Name}, alsoNames(f.e)...) {
				if err := copyChecked(filepath.Join(f.p.dir, filepath.FromSlash(name)), filepath.Join(b.opts.OutDir, filepath.FromSlash(name)), sumOf(f.e, name)); err != nil {
					return err
				}
			}
		}
		kept := *f.e
		kept.Stamp(filepath.Join(b.opts.OutDir, filepath.FromSlash(o.Name)))
		rec := b.recs.hotRecord(i)
		rec.status, rec.has = Gathered, true
		rec.size, rec.mtime, rec.pages = kept.Bytes, kept.ModTime, int32(kept.Pages)
		rec.also = kept.Also
		for j := range rec.also {
			p := &rec.also[j]
			if st, err := os.Stat(filepath.Join(b.opts.OutDir, filepath.FromSlash(p.File))); err == nil {
				p.Bytes, p.ModTime = st.Size(), st.ModTime().UnixNano()
			}
		}
		if f.e.Inputs != nil {
			rec.fonts = b.fontID(f.e.Inputs.Fonts)
		}
		b.recs.done(i)
	}
	return nil
}

// strayFile is the first file of e (its output name, then its further
// files) that is not a plain file in dir beside name: a further file
// in another folder (../x.txt), or a link. "" when there is none.
func strayFile(dir, name string, e *manifest.Entry) string {
	for _, f := range append([]string{name}, alsoNames(e)...) {
		if f != name && !manifest.Beside(f, name) {
			return f
		}
		if st, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f))); err == nil && !st.Mode().IsRegular() {
			return f
		}
	}
	return ""
}

// alsoNames lists an entry's further files.
func alsoNames(e *manifest.Entry) []string {
	var names []string
	for _, p := range e.Also {
		names = append(names, p.File)
	}
	return names
}

// sumOf is the recorded SHA-256 of name, the entry's file or one of its
// further files.
func sumOf(e *manifest.Entry, name string) string {
	if name == e.File {
		return e.SHA256
	}
	for _, p := range e.Also {
		if p.File == name {
			return p.SHA256
		}
	}
	return ""
}

// copyChecked copies a gathered file into the output folder, through a
// temporary file, and checks it against the SHA-256 its part recorded.
func copyChecked(from, to, sha string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	h := sha256.New()
	return output.WriteStream(to, func(w io.Writer) error {
		if _, err := io.Copy(io.MultiWriter(w, h), src); err != nil {
			return err
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != sha {
			return errors.New("changed while it was copied from " + from)
		}
		return nil
	})
}

// Package batch builds a plan's outputs: a pool of workers makes each
// output through the engine, skips what has not changed since the last
// build (by the manifest), writes manifest.json last so it always matches
// the folder, makes the print pack and index page, and reports every
// output's outcome. A build can be cut into shards for several machines.
package batch

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/pack"
	"github.com/awarekit/awarekit/toolkit/plan"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// Options control one build.
type Options struct {
	OutDir string
	Jobs   int   // workers; 0 means one per CPU
	Force  bool  // rebuild what is unchanged too
	DryRun bool  // decide, but write nothing
	Shard  Shard // build only this part; the zero Shard is everything
	// Gather joins the parts of a sharded build, made into these
	// folders, instead of making anything: their files (copied into
	// OutDir when they are elsewhere), one manifest, pack and index page.
	Gather []string
	// Progress hears of each output as it is done; nil for none.
	Progress Progress
	// KeepEarlier leaves the files an earlier build made that this plan
	// does not, and names them in a warning, where a build removes them:
	// for a folder that several plans share under one name (serve's
	// out/, where every workshop's plan is built), whose files no plan
	// file on disk can make again.
	KeepEarlier bool
	// PlanName is the name the manifest records for the plan, by which a
	// later build tells its own earlier files from another plan's; ""
	// for the plan file's name. serve gives its form's builds a name with
	// a slash, which no plan file's name has, so that no command-line
	// build takes their files for its own.
	PlanName string

	// Test hooks: write replaces output.WriteStream for every file the
	// build writes itself (outputs, index.html, manifest.json), so a
	// test can make a write fail as a full disk does; beforeMake runs
	// before each output is made, so a test can make one panic;
	// beforePack runs as a pack is about to be finished (its cover sheet
	// made), and an error it returns is the pack's, as if finishing it
	// failed.
	write      func(path string, fill func(io.Writer) error) error
	beforeMake func(plan.Output)
	beforePack func() error
}

// Progress follows a build. Its methods are called from one goroutine.
type Progress interface {
	Start(total int)
	Done(r Result)
}

// Status is what happened to an output, or in a dry run what would.
type Status string

// Statuses.
const (
	Made      Status = "made"
	Unchanged Status = "unchanged"
	Failed    Status = "failed"
	Skipped   Status = "skipped"  // the build was interrupted before it started
	Gathered  Status = "gathered" // made by a part of a sharded build, joined by --gather
	New       Status = "new"      // dry run: would be made, never made before
	Changed   Status = "changed"  // dry run: would be made again
)

// Result is one output's outcome.
type Result struct {
	plan.Output
	Status Status
	Reason string          // why it is (or would be) made, or why it failed
	Entry  *manifest.Entry // the file now on disk, when there is one from this build
	Err    error
}

// Report is the outcome of a build. It keeps a few dozen bytes per
// output; Results gives each output's Result as it is asked for.
type Report struct {
	// Pack and Index are the output folder's pack.pdf and index.html; nil
	// when the build makes none. With partners (organisations:) Index is
	// the page that lists them, and each partner's pack and index page
	// are in Sets.
	Pack     *Result
	Index    *Result
	Sets     []SetResult
	Summary  Summary
	Warnings []string
	// Removed are the files an earlier build made, recorded in the
	// folder's manifest and unchanged since, that this build does not
	// make and removed (a dry run: would remove), by their paths under
	// the output folder.
	Removed []string

	b *builder
}

// SetResult is what a build made in a partner's folder.
type SetResult struct {
	Folder       string
	Pack, Index  *Result
	Organisation string
}

// Close lets go of the file in the output folder that the report reads
// each output's result from (removed already where the system allows an
// open file to be). Results are not to be asked for after it. A report
// that is not closed is closed by the collector once it is dropped.
func (r *Report) Close() { r.b.recs.close() }

// Len is the number of outputs built (the shard's).
func (r *Report) Len() int { return len(r.b.outs) }

// Result is output i's outcome, in plan order.
func (r *Report) Result(i int) Result { return r.b.result(i, true) }

// Results yields every output's outcome, in plan order.
func (r *Report) Results() iter.Seq[Result] {
	return func(yield func(Result) bool) {
		for i := range r.b.outs {
			if !yield(r.b.result(i, true)) {
				return
			}
		}
	}
}

// Summary counts the results.
type Summary struct {
	Total       int
	Made        int
	Unchanged   int
	Failed      int
	Skipped     int
	Gathered    int
	New         int // dry run
	Changed     int // dry run
	Elapsed     time.Duration
	Interrupted bool
	DryRun      bool
}

// Rate is documents made per second.
func (s Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Made) / s.Elapsed.Seconds()
}

// Failures lists the results that failed, packs and index pages included.
func (r *Report) Failures() []Result {
	var out []Result
	for i := range r.b.outs {
		if r.b.recs.statusOf(i) == Failed {
			out = append(out, r.b.result(i, false))
		}
	}
	extra := []*Result{r.Pack, r.Index}
	for _, s := range r.Sets {
		extra = append(extra, s.Pack, s.Index)
	}
	for _, res := range extra {
		if res != nil && res.Status == Failed {
			out = append(out, *res)
		}
	}
	return out
}

// ErrInterrupted is returned when the context was cancelled (Ctrl-C)
// before every output was built. The report is still complete and the
// manifest matches what is on disk.
var ErrInterrupted = errors.New("interrupted")

type builder struct {
	eng  *generate.Engine
	plan *plan.Plan
	opts Options
	outs []plan.Output // the outputs built: the shard's, in plan order
	recs *records      // what happened to each of outs
	sets []*set        // one per plan set
	prev *manifest.Previous
	// fonts hashes the fonts; fontSets numbers the lists of fonts the
	// outputs are set in, each list once (a build uses a handful).
	fonts    *manifest.Fonts
	fontMu   sync.Mutex
	fontSets [][]manifest.FontFile
	fontIDs  map[string]int32

	orgMu  sync.Mutex
	orgSHA []orgSum // by organisation
	evSHA  string
	// fontConfig names the fonts: setting, so that pointing a script at
	// another file rebuilds what it draws.
	fontConfig string
	thumbs     bool    // index.html shows each material's first page
	topIndex   *Result // with partners: the index page that lists them

	// The pictures of the first pages that the workers drew from the
	// layouts they made (at most maxThumbs, some 10 KB each) wait for
	// the index in a temporary file beside it (thumbFile, from thumbEnd
	// on), not in memory: thumbAt is where each output's is.
	// desc is each job's description (describe).
	descMu sync.Mutex
	desc   map[*generate.Resolved]string

	thumbMu   sync.Mutex
	thumbFile *os.File
	thumbEnd  int64
	thumbAt   map[int]span

	// ahead is the index page and the manifest being written while the
	// last pack is finished (ahead.go); nil when they are written after.
	ahead *ahead
	// earlier are the records of files an earlier build made that this
	// one does not make and left, for the manifest (stale.go).
	earlier []manifest.Earlier
	// remade are the earlier records of the outputs with further files
	// (pages) that this build looked at again, by output name: those
	// of their further files that this build does not write are stale
	// (fewerFiles).
	remadeMu sync.Mutex
	remade   map[string][]manifest.Earlier
}

// record is what happened to one output, kept small: a build of ten
// thousand keeps ten thousand of them. The output's manifest entry is
// made from it and the plan when it is needed (entry).
type record struct {
	status Status
	reason string
	err    error
	has    bool  // a file from this build is on disk (made or unchanged)
	fonts  int32 // index in fontSets; -1 for none
	pages  int32
	size   int64
	mtime  int64
	sha    [sha256.Size]byte // of the file
	key    [sha256.Size]byte // the inputs hash
	also   []manifest.Part   // further files of a backend that makes one per page
	left   string            // what the layout left out for room, for the operator (generate.LeftNote)
}

// Run builds plan's outputs into opts.OutDir. Outputs that fail do not
// stop the others; they are reported in the Report, which Run returns
// together with any error that stopped the build as a whole, or
// ErrInterrupted. The manifest is written last, atomically, and lists
// exactly the files on disk, also when ctx was cancelled.
func Run(ctx context.Context, eng *generate.Engine, p *plan.Plan, opts Options) (*Report, error) {
	start := time.Now()
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.NumCPU()
	}
	if len(opts.Gather) > 0 && opts.Shard.Active() {
		return nil, errors.New("a build either makes a part (shard) or gathers the parts, not both")
	}
	if _, err := p.Org.BrandFit(layout.LogoPixels); err != nil {
		return nil, fmt.Errorf("organisation: %w", err)
	}
	b := &builder{eng: eng, plan: p, opts: opts, fonts: manifest.NewFonts(), fontIDs: map[string]int32{}, orgSHA: make([]orgSum, p.Orgs.Len())}
	b.fonts.Known = eng.Fonts.Knows // an earlier manifest's font paths are read only if they are fonts
	b.outs = opts.Shard.Of(p.Outputs)
	// The records wait in a scratch file beside the manifest, which
	// this build writes; a dry run writes nothing, and keeps them.
	b.recs = newRecords(len(b.outs), "")
	if _, err := b.orgKey(0); err != nil {
		return nil, fmt.Errorf("organisation: %w", err)
	}
	b.evSHA = manifest.Hash(p.Event)
	b.fontConfig = manifest.FontConfig(p.Fonts, p.Dir)
	// Pictures only for an index page this build writes: a part (shard)
	// or a plan without the pack writes none.
	b.thumbs = len(p.Outputs) <= maxThumbs && !opts.DryRun && !opts.Shard.Active() && p.Pack
	if err := eng.OutsideContent(opts.OutDir); err != nil {
		return nil, err
	}
	if !opts.DryRun {
		if err := eng.CheckOutDir(opts.OutDir); err != nil {
			return nil, err
		}
		// One build at a time in a folder: two would mix their files, their
		// manifests and their packs.
		unlock, err := lockDir(opts.OutDir, p.File, opts.Shard)
		if err != nil {
			return nil, err
		}
		defer unlock()
		// The parts' folders too: a part still being made holds its own
		// (shared) lock, and its files are not yet what its manifest says.
		locked := []string{opts.OutDir}
		for _, dir := range opts.Gather {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() || slices.ContainsFunc(locked, func(l string) bool { return same(l, dir) }) {
				// A folder that is not there, or is no folder, is reported
				// with the parts; opening a named pipe to lock it would
				// wait for a writer forever.
				continue
			}
			locked = append(locked, dir)
			unlock, err := lockDir(dir, p.File, Shard{})
			if err != nil {
				return nil, err
			}
			defer unlock()
		}
		if err := b.makeFolders(); err != nil {
			return nil, err
		}
		b.cleanTemp()
		b.recs = newRecords(len(b.outs), filepath.Join(opts.OutDir, b.manifestName()))
	}
	defer b.dropThumbs()
	b.prev = manifest.ReadPrevious(opts.OutDir)
	defer b.prev.Close()
	// What was begun ahead and not finished (a panic) is left unfinished.
	defer func() { b.ahead.stop() }()
	if b.prev.Refused != nil {
		// A manifest naming ../../etc/passwd or /home/x was read and the
		// file hashed, and the name kept in the next manifest.
		b.recs.close()
		return nil, b.prev.Refused
	}
	rep := &Report{b: b}
	for _, bad := range b.prev.Bad {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s cannot be read; everything it listed is built again", bad))
	}

	b.sets = b.planSets()
	if len(opts.Gather) > 0 {
		if err := b.gather(); err != nil {
			return nil, err
		}
	}
	// Read while the earlier manifests are open: the manifest this
	// build writes closes them.
	stale := b.staleFiles()
	if !opts.Shard.Active() && p.Pack && !opts.DryRun {
		b.startPacks()
	}
	if len(opts.Gather) > 0 {
		b.packAll(ctx)
	} else {
		b.pool(ctx)
	}
	for i := range b.outs {
		if left := b.recs.left(i); left != "" {
			rep.Warnings = append(rep.Warnings, left)
		}
	}
	interrupted := ctx.Err() != nil
	if !opts.Shard.Active() && p.Pack && !interrupted {
		rep.Warnings = append(rep.Warnings, b.finishPacks(ctx)...)
		if ctx.Err() == nil {
			b.indexes()
		}
	}
	// An index written ahead that is not kept by now never will be (the
	// build was stopped).
	b.ahead.settle(false)
	b.abortPacks()
	for _, st := range b.sets {
		if st.Folder == "" {
			rep.Pack, rep.Index = st.packRes, st.indexRes
			continue
		}
		rep.Sets = append(rep.Sets, SetResult{Folder: st.Folder, Pack: st.packRes, Index: st.indexRes, Organisation: p.Orgs.At(st.Org).Name})
	}
	if b.partners() && len(b.sets) > 0 {
		rep.Index = b.topIndex
	}
	interrupted = ctx.Err() != nil
	stale = b.fewerFiles(stale)

	// The summary counts what happened, also when the manifest below
	// cannot be written.
	rep.Summary = b.summarise()
	rep.Summary.Interrupted = interrupted
	// Before the manifest, which records what is left (b.earlier). A
	// build stopped before its end removes nothing: the build that
	// finishes the job does.
	if interrupted {
		b.earlier = b.carried(stale)
	} else {
		var warnings []string
		rep.Removed, warnings, b.earlier = b.settle(stale)
		rep.Warnings = append(rep.Warnings, warnings...)
	}
	if !opts.DryRun {
		if err := b.finishManifest(); err != nil {
			rep.Summary.Elapsed = time.Since(start)
			return rep, err
		}
	}
	rep.Summary.Elapsed = time.Since(start)
	if interrupted {
		return rep, ErrInterrupted
	}
	return rep, nil
}

// planName is the name the manifest records for the plan
// (Options.PlanName).
func (b *builder) planName() string {
	return cmp.Or(b.opts.PlanName, filepath.Base(b.plan.File))
}

// same reports whether two paths name the same folder.
func same(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// partners reports whether the plan makes a set per partner organisation,
// each in its own folder.
func (b *builder) partners() bool {
	return len(b.plan.Sets) > 1 || len(b.plan.Sets) == 1 && b.plan.Sets[0].Folder != ""
}

// makeFolders makes each partner's folder.
func (b *builder) makeFolders() error {
	for _, s := range b.plan.Sets {
		if s.Folder == "" {
			continue
		}
		dir := filepath.Join(b.opts.OutDir, s.Folder)
		// A link left where a partner's folder goes would lead the
		// build's files out of the output folder (out/east pointing at
		// another folder got east's files, exit 0).
		if st, err := os.Lstat(dir); err == nil && !st.IsDir() {
			what := "a file"
			if st.Mode()&fs.ModeSymlink != 0 {
				what = "a link"
			}
			return fmt.Errorf("partner folder %s is %s, not a folder; a build writes only inside its output folder: delete %s (the build makes the folder), or build into an empty folder", dir, what, dir)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("partner folder %s: %w", dir, err)
		}
	}
	return nil
}

// result is output i's Result; its manifest entry is made only when
// withEntry (progress reports need none).
func (b *builder) result(i int, withEntry bool) Result {
	rec := b.recs.get(i)
	r := Result{Output: b.outs[i], Status: rec.status, Reason: rec.reason, Err: rec.err}
	if withEntry {
		r.Entry = b.entryOf(i, &rec)
	}
	return r
}

// entry is output i's manifest entry, or nil when this build left no
// file of it. Its record is read with rd.
func (b *builder) entry(rd *reader, i int) *manifest.Entry {
	rec := b.recs.getWith(rd, i)
	return b.entryOf(i, &rec)
}

// entryOf is output i's manifest entry made from its record.
func (b *builder) entryOf(i int, rec *record) *manifest.Entry {
	if !rec.has {
		return nil
	}
	o := b.outs[i]
	in := b.inputs(o)
	in.Fonts = b.fontSet(rec.fonts)
	return &manifest.Entry{
		File:         o.Name,
		Inputs:       &in,
		InputsSHA256: hex.EncodeToString(rec.key[:]),
		SHA256:       hex.EncodeToString(rec.sha[:]),
		Bytes:        rec.size,
		Pages:        int(rec.pages),
		Copies:       o.Copies,
		ModTime:      rec.mtime,
		Also:         rec.also,
	}
}

// fontID numbers a list of fonts, each distinct list once.
func (b *builder) fontID(fonts []manifest.FontFile) int32 {
	if len(fonts) == 0 {
		return -1
	}
	var key strings.Builder
	for _, f := range fonts {
		key.WriteString(f.Name + "\x00" + f.Source + "\x00" + f.SHA256 + "\x00")
	}
	b.fontMu.Lock()
	defer b.fontMu.Unlock()
	id, ok := b.fontIDs[key.String()]
	if !ok {
		id = int32(len(b.fontSets))
		b.fontIDs[key.String()] = id
		b.fontSets = append(b.fontSets, fonts)
	}
	return id
}

func (b *builder) fontSet(id int32) []manifest.FontFile {
	if id < 0 {
		return nil
	}
	b.fontMu.Lock()
	defer b.fontMu.Unlock()
	return b.fontSets[id]
}

// orgSum is an organisation's hash once made: a build of ten thousand
// documents, each for its own organisation, keeps ten thousand, as bytes
// (its hex is made when it is asked for).
type orgSum struct {
	sum    [sha256.Size]byte
	hashed bool
}

// orgKey is the hash of organisation i (manifest.OrgHash), made once.
func (b *builder) orgKey(i int) (string, error) {
	b.orgMu.Lock()
	defer b.orgMu.Unlock()
	o := &b.orgSHA[i]
	if !o.hashed {
		sha, err := manifest.OrgHash(b.plan.Orgs.At(i))
		if err != nil {
			return "", err
		}
		if n, err := hex.Decode(o.sum[:], []byte(sha)); err != nil || n != sha256.Size {
			return "", fmt.Errorf("organisation hash %q is no SHA-256", sha) // never: OrgHash writes one
		}
		o.hashed = true
	}
	return hex.EncodeToString(o.sum[:]), nil
}

// safely runs fn, turning a panic into a failed result for o: one
// output's bug must not kill the build and leave no manifest.
func safely(o plan.Output, fn func() *Result) (res *Result) {
	defer func() {
		if v := recover(); v != nil {
			err := &PanicError{Output: o.Name, Value: v, Stack: debug.Stack()}
			res = &Result{Output: o, Status: Failed, Reason: err.Error(), Err: err}
		}
	}()
	return fn()
}

// PanicError is a panic while making one output, recovered. The build
// reports it as that output's failure; Stack is for a bug report.
type PanicError struct {
	Output string
	Value  any
	Stack  []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("internal error while making %s: %v (this is a bug in awarekit; please report it with the command you ran)", e.Output, e.Value)
}

// worker is one goroutine's tools: the engine's Worker with its caches,
// the buffer a document is drawn into, and the brands of the
// organisations it made documents for lately.
type worker struct {
	wk     *generate.Worker
	buf    bytes.Buffer
	brands map[int]doc.Brand
}

// maxBrands bounds a worker's brands: a brand holds its logo, decoded,
// and partners' outputs come one partner after another.
const maxBrands = 8

func (b *builder) brand(w *worker, org int) (doc.Brand, error) {
	if br, ok := w.brands[org]; ok {
		return br, nil
	}
	br, err := b.plan.Orgs.At(org).BrandFit(layout.LogoPixels)
	if err != nil {
		return br, fmt.Errorf("organisation %s: %w", b.plan.Orgs.At(org).Name, err)
	}
	if len(w.brands) >= maxBrands {
		clear(w.brands)
	}
	w.brands[org] = br
	return br, nil
}

// done is one output finished by a worker: its PDF, for the pack, when
// the pack is being made as the materials are.
type done struct {
	i    int
	data []byte
}

// pool builds the outputs with opts.Jobs workers, and hands each one, in
// plan order, to its set's pack as soon as it and those before it are
// done. At most window outputs are in flight past the first one not yet
// handed on, so the PDFs waiting for the pack stay few. When ctx is
// cancelled no new output is started; those already started are finished
// and written, and the rest are reported as skipped.
func (b *builder) pool(ctx context.Context) {
	n := len(b.outs)
	if b.opts.Progress != nil {
		b.opts.Progress.Start(n)
	}
	window := 4*b.opts.Jobs + 4
	tokens := make(chan struct{}, window)
	jobs := make(chan int)
	results := make(chan done, window)
	free := make(chan []byte, window) // PDF buffers the pack is done with
	go func() {
		defer close(jobs)
		for i := range n {
			select {
			case <-ctx.Done():
				return
			case tokens <- struct{}{}:
			}
			select {
			case <-ctx.Done():
				return
			case jobs <- i:
			}
		}
	}()
	var wg sync.WaitGroup
	for range min(b.opts.Jobs, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{wk: b.eng.NewWorker(), brands: map[int]doc.Brand{}}
			for i := range jobs {
				if ctx.Err() != nil {
					continue // a job taken just as the build was stopped
				}
				o := b.outs[i]
				var data []byte
				res := safely(o, func() *Result {
					data = b.one(w, i)
					return nil
				})
				if res != nil {
					b.recs.set(i, record{status: res.Status, reason: res.Reason, err: res.Err, fonts: -1})
					data = nil
					// Its caches may be half updated.
					w = &worker{wk: b.eng.NewWorker(), brands: map[int]doc.Brand{}}
				}
				if data != nil {
					// The worker draws the next document into its
					// buffer: the pack gets a copy.
					var own []byte
					select {
					case own = <-free:
					default:
					}
					data = append(own[:0], data...)
				}
				results <- done{i: i, data: data}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	started := make([]bool, n)
	pending := make(map[int][]byte, window)
	next := 0
	for d := range results {
		started[d.i] = true
		pending[d.i] = d.data
		if b.opts.Progress != nil {
			b.opts.Progress.Done(b.result(d.i, false))
		}
		for next < n && started[next] {
			data := pending[next]
			delete(pending, next)
			b.feed(ctx, next, data)
			if data != nil {
				select {
				case free <- data:
				default:
				}
			}
			<-tokens
			next++
		}
	}
	for i := next; i < n; i++ {
		if !started[i] {
			b.recs.set(i, record{status: Skipped, reason: "interrupted before it started", fonts: -1})
		}
		b.feed(ctx, i, pending[i])
	}
}

// packAll hands every output, gathered, to its set's pack in plan order.
func (b *builder) packAll(ctx context.Context) {
	if b.opts.Progress != nil {
		b.opts.Progress.Start(len(b.outs))
	}
	for i := range b.outs {
		if ctx.Err() != nil {
			b.recs.set(i, record{status: Skipped, reason: "interrupted before it was gathered", fonts: -1})
		}
		if b.opts.Progress != nil {
			b.opts.Progress.Done(b.result(i, false))
		}
		b.feed(ctx, i, nil)
	}
}

// one decides whether output i needs making, makes it, and records what
// happened. It returns the file's bytes when the pack takes them from
// here rather than from the disk.
func (b *builder) one(w *worker, i int) []byte {
	o := b.outs[i]
	rec := b.recs.hotRecord(i)
	if b.opts.beforeMake != nil {
		b.opts.beforeMake(o)
	}
	in, err := b.inputsChecked(o)
	if err != nil {
		*rec = record{status: Failed, reason: err.Error(), err: err, fonts: -1}
		return nil
	}
	rec.key = keyOf(in)
	st, reason := b.classify(o, in, rec)
	if st == Failed {
		*rec = record{status: Failed, reason: reason, err: errors.New(reason), fonts: -1, key: rec.key}
		return nil
	}
	rec.status, rec.reason = st, reason
	if b.opts.DryRun || st == Unchanged {
		return nil
	}
	data, err := b.make(w, i, in, rec)
	if err != nil {
		*rec = record{status: Failed, reason: err.Error(), err: err, fonts: -1, key: rec.key}
		return nil
	}
	rec.status = Made
	if !b.sets[o.Set].streaming {
		return nil
	}
	return data
}

// keyOf is the inputs hash, as bytes (Inputs.Key is its hex).
func keyOf(in manifest.Inputs) [sha256.Size]byte {
	var k [sha256.Size]byte
	hex.Decode(k[:], []byte(in.Key()))
	return k
}

func (b *builder) inputsChecked(o plan.Output) (manifest.Inputs, error) {
	org, err := b.orgKey(o.Org)
	if err != nil {
		return manifest.Inputs{}, fmt.Errorf("organisation %s: %w", b.plan.Orgs.At(o.Org).Name, err)
	}
	in := b.inputs(o)
	in.Organisation = org
	return in, nil
}

// inputs are what o is made from; the organisation's hash is that of an
// organisation hashed already (orgKey).
func (b *builder) inputs(o plan.Output) manifest.Inputs {
	b.orgMu.Lock()
	h := b.orgSHA[o.Org]
	b.orgMu.Unlock()
	org := ""
	if h.hashed {
		org = hex.EncodeToString(h.sum[:])
	}
	return manifest.Inputs{
		Audience:       o.Job.Audience,
		Language:       o.Job.Lang,
		Format:         o.Job.Format.Name,
		Backend:        o.Job.Backend.Name,
		DPI:            o.Job.DPI,
		Paper:          o.Job.Paper.Name,
		Style:          styleInput(o.Job.Style),
		BleedMM:        math.Round(o.Job.Print.Bleed/layout.PointsPerMM*100) / 100,
		CropMarks:      o.Job.Print.CropMarks,
		Imposition:     string(o.Job.Print.Imposition),
		Province:       o.Job.Province,
		ContentVersion: b.eng.Lib.Info.Version,
		Program:        b.eng.Creator,
		Organisation:   org,
		Event:          b.evSHA,
		FontConfig:     b.fontConfig,
	}
}

// styleInput is a style as the manifest records it: "" for standard, so
// that outputs built before styles existed keep their inputs' hash.
func styleInput(st layout.Style) string {
	if st == layout.Standard {
		return ""
	}
	return string(st)
}

// classify compares an output with what earlier builds recorded: it is
// unchanged when its inputs hash, the fonts it used and the file on disk
// are all as recorded. An unchanged output's record is filled from the
// earlier build's entry.
func (b *builder) classify(o plan.Output, in manifest.Inputs, rec *record) (Status, string) {
	cands := b.prev.Entries(o.Name)
	if len(cands) == 0 {
		return New, "not built before"
	}
	if slices.ContainsFunc(cands, func(e manifest.Entry) bool { return len(e.Also) > 0 }) {
		b.remadeMu.Lock()
		if b.remade == nil {
			b.remade = map[string][]manifest.Earlier{}
		}
		b.remade[o.Name] = b.prev.Recorded(o.Name)
		b.remadeMu.Unlock()
	}
	if b.opts.Force {
		return Changed, "--force"
	}
	e := earlierEntry(cands, hex.EncodeToString(rec.key[:]))
	if e == nil {
		return Changed, "changed: " + diffInputs(cands[0].Inputs, in)
	}
	if e.Inputs != nil {
		if f := b.fonts.Changed(e.Inputs.Fonts); f != "" {
			return Changed, "font changed: " + f
		}
	}
	why, err := manifest.AllOnDisk(b.opts.OutDir, e)
	var link *fs.PathError
	switch {
	case errors.As(err, &link) && errors.Is(err, manifest.ErrLink):
		return Failed, fmt.Sprintf("%s is a link where %s records a file a build wrote; a build reads nothing through a link in its output folder: delete the link (or %s), or build into an empty folder",
			link.Path, filepath.Join(b.opts.OutDir, manifest.FileName), filepath.Join(b.opts.OutDir, manifest.FileName))
	case err != nil:
		return Changed, "cannot read the file: " + err.Error()
	case why != "":
		return Changed, why
	}
	if n, err := hex.Decode(rec.sha[:], []byte(e.SHA256)); err != nil || n != sha256.Size {
		return Changed, "the manifest's checksum cannot be read"
	}
	// Recognised by its hash after a copy or a touch: record its time now,
	// so that the next build need not read it again.
	kept := *e
	kept.Stamp(filepath.Join(b.opts.OutDir, o.Name))
	rec.has, rec.size, rec.mtime, rec.pages, rec.also = true, kept.Bytes, kept.ModTime, int32(kept.Pages), kept.Also
	if e.Inputs != nil {
		rec.fonts = b.fontID(e.Inputs.Fonts)
	}
	return Unchanged, ""
}

// earlierEntry is the entry of cands, an earlier build's entries of one
// output, that was made from inputs of hash key (hex), or nil.
func earlierEntry(cands []manifest.Entry, key string) *manifest.Entry {
	for i := range cands {
		if cands[i].InputsSHA256 == key {
			return &cands[i]
		}
	}
	return nil
}

// diffInputs names the inputs that differ from an earlier build's.
func diffInputs(old *manifest.Inputs, in manifest.Inputs) string {
	if old == nil {
		return "inputs"
	}
	var ds []string
	add := func(name, a, b string) {
		if a != b {
			ds = append(ds, name)
		}
	}
	add("audience", old.Audience, in.Audience)
	add("language", old.Language, in.Language)
	add("format", old.Format, in.Format)
	add("backend", old.Backend, in.Backend)
	add("resolution", fmt.Sprint(old.DPI), fmt.Sprint(in.DPI))
	add("paper", old.Paper, in.Paper)
	add("style", old.Style, in.Style)
	add("bleed", fmt.Sprint(old.BleedMM), fmt.Sprint(in.BleedMM))
	add("crop marks", fmt.Sprint(old.CropMarks), fmt.Sprint(in.CropMarks))
	add("imposition", old.Imposition, in.Imposition)
	add("province", old.Province, in.Province)
	add("content version", old.ContentVersion, in.ContentVersion)
	add("program", old.Program, in.Program)
	add("organisation", old.Organisation, in.Organisation)
	add("event", old.Event, in.Event)
	add("fonts setting", old.FontConfig, in.FontConfig)
	if len(ds) == 0 {
		return "inputs"
	}
	return strings.Join(ds, ", ")
}

// make renders one output and writes it through a temporary file, so an
// interrupted build never leaves half a file, and records it in rec. It
// returns the file's bytes, valid until the worker's next document.
func (b *builder) make(w *worker, i int, in manifest.Inputs, rec *record) ([]byte, error) {
	o := b.outs[i]
	brand, err := b.brand(w, o.Org)
	if err != nil {
		return nil, err
	}
	org := b.plan.Orgs.At(o.Org)
	if o.Job.Backend.PerPage() {
		return nil, b.makeFiles(o, org, brand, rec)
	}
	w.buf.Reset()
	made, err := w.wk.Make(&w.buf, *o.Job, org, brand)
	if err != nil {
		return nil, err
	}
	data := w.buf.Bytes()
	if made.Layout != nil {
		rec.fonts = b.fontID(b.fonts.Used(made.Layout))
		if b.thumbs {
			b.keepThumb(i, made.Layout)
		}
	}
	rec.left = generate.LeftNote(o.Name, made, org)
	path := filepath.Join(b.opts.OutDir, filepath.FromSlash(o.Name))
	if err := b.writeFile(path, data); err != nil {
		return nil, err
	}
	rec.has, rec.sha, rec.size, rec.pages = true, sha256.Sum256(data), int64(len(data)), int32(made.Pages())
	if st, err := os.Stat(path); err == nil {
		rec.size, rec.mtime = st.Size(), st.ModTime().UnixNano()
	}
	return data, nil
}

// makeFiles makes an output of a backend that draws one file per page:
// every page (and caption) is made before any is written, the first is
// the output's file and the others are recorded with it.
func (b *builder) makeFiles(o plan.Output, org profile.Organisation, brand doc.Brand, rec *record) error {
	files, made, err := b.eng.Files(*o.Job, o.Pattern, org, brand)
	if err != nil {
		return err
	}
	set := b.plan.Sets[o.Set]
	if len(files) == 0 || set.Path(files[0].Name) != o.Name {
		return fmt.Errorf("%s: the engine made no file of that name", o.Name)
	}
	if made.Layout != nil {
		rec.fonts = b.fontID(b.fonts.Used(made.Layout))
	}
	rec.left = generate.LeftNote(o.Name, made, org)
	rec.pages = int32(made.Pages())
	for i, f := range files {
		name := set.Path(f.Name)
		path := filepath.Join(b.opts.OutDir, filepath.FromSlash(name))
		if err := b.writeFile(path, f.Data); err != nil {
			return err
		}
		if i == 0 {
			rec.sha, rec.size = sha256.Sum256(f.Data), int64(len(f.Data))
			if st, err := os.Stat(path); err == nil {
				rec.size, rec.mtime = st.Size(), st.ModTime().UnixNano()
			}
			continue
		}
		p := manifest.Part{File: name, SHA256: manifest.Sum(f.Data)}
		if st, err := os.Stat(path); err == nil {
			p.Bytes, p.ModTime = st.Size(), st.ModTime().UnixNano()
		}
		rec.also = append(rec.also, p)
	}
	rec.has = true
	return nil
}

// writeFile writes one file of the build atomically.
func (b *builder) writeFile(path string, data []byte) error {
	return b.writeStream(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeStream writes one file of the build atomically, as fill writes it.
func (b *builder) writeStream(path string, fill func(io.Writer) error) error {
	if b.opts.write != nil {
		return b.opts.write(path, fill)
	}
	return output.WriteStream(path, fill)
}

// onDisk returns an earlier build's entry for name if the file on disk is
// still the one it describes.
func (b *builder) onDisk(name string, cands ...*manifest.Entry) *manifest.Entry {
	for _, e := range cands {
		if e == nil {
			continue
		}
		if why, err := manifest.OnDisk(filepath.Join(b.opts.OutDir, filepath.FromSlash(name)), e); err == nil && why == "" {
			return e
		}
	}
	return nil
}

// finishManifest writes manifest.json, or finishes the one begun ahead.
func (b *builder) finishManifest() error {
	if b.ahead != nil {
		return b.ahead.finish()
	}
	return b.writeManifest(nil, nil)
}

// writeManifest writes manifest.json. With final, its outputs' entries
// are written at once and what follows them once final is closed (every
// result final), or not at all if abandon is closed first.
func (b *builder) writeManifest(final, abandon <-chan struct{}) error {
	m := &manifest.Manifest{
		Version: manifest.Version,
		Program: b.eng.Creator,
		Content: b.eng.Lib.Info.Version,
		Plan:    b.planName(),
	}
	if b.opts.Shard.Active() {
		m.Shard = b.opts.Shard.String()
	}
	// tail fills in what follows the outputs: the packs and index pages,
	// once their results are final.
	tail := func() {
		if b.opts.Shard.Active() {
			return
		}
		for _, st := range b.sets {
			// A plan with pack: false makes no pack or index, nor a set
			// with no PDF material a pack: an earlier build's are not
			// this plan's, and were listed as if they were (a pack of
			// materials the plan no longer has).
			pk := entryOf(st.packRes)
			if pk == nil && b.plan.Pack && st.last >= 0 {
				pk = b.onDisk(st.Path(pack.FileName), b.prevSet(st.Folder).Pack)
			}
			ix := entryOf(st.indexRes)
			if ix == nil && b.plan.Pack {
				ix = b.onDisk(st.Path(pack.IndexName), b.prevSet(st.Folder).Index)
			}
			if st.Folder == "" {
				m.Pack, m.Index = pk, ix
				continue
			}
			m.Sets = append(m.Sets, manifest.Set{Folder: st.Folder, Organisation: b.plan.Orgs.At(st.Org).Name, Pack: pk, Index: ix})
		}
		if b.partners() {
			m.Index = entryOf(b.topIndex)
			if m.Index == nil && b.plan.Pack {
				m.Index = b.onDisk(pack.IndexName, b.prev.Index)
			}
		}
		m.Earlier = b.earlier
	}
	abandoned := false
	entries := func(yield func(*manifest.Entry) bool) {
		rd := b.recs.reader()
		for i, o := range b.outs {
			e := b.entry(rd, i)
			if e == nil {
				// Failed or never started: keep what an earlier build left,
				// if the file is still the one it recorded.
				var cands []*manifest.Entry
				prev := b.prev.Entries(o.Name)
				for k := range prev {
					cands = append(cands, &prev[k])
				}
				e = b.onDisk(o.Name, cands...)
			}
			if e != nil && !yield(e) {
				return
			}
		}
		// The earlier manifests are read no more: closed before the new
		// manifest.json takes the old one's place (which an open file
		// would stop on Windows).
		b.prev.Close()
		if final != nil {
			select {
			case <-final:
			case <-abandon:
				abandoned = true
				return
			}
		}
		tail()
	}
	name := b.manifestName()
	path := filepath.Join(b.opts.OutDir, name)
	err := b.writeStream(path, func(w io.Writer) error {
		if err := manifest.Stream(w, m, entries); err != nil {
			return err
		}
		if abandoned {
			return errAbandoned
		}
		// A record that could not be read back is missing from it.
		return b.recs.failure()
	})
	if abandoned {
		return errAbandoned // the old manifest, if any, is left as it is
	}
	if err != nil {
		// The old manifest would now describe files this build replaced:
		// a folder with no manifest is better than one that lies. The next
		// build checks every file again.
		if rmErr := os.Remove(path); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) {
			return fmt.Errorf("write %s: %w; and the old one could not be removed (%v), so it may not match the files", name, err, rmErr)
		}
		return fmt.Errorf("write %s: %w; the folder now has no manifest, and the next build checks every file again", name, err)
	}
	if !b.opts.Shard.Active() {
		// A full build's manifest now holds what the shards recorded.
		for _, s := range b.prev.Shards {
			os.Remove(s)
		}
	}
	return nil
}

// manifestName is the manifest this build writes: a part's own, or
// manifest.json.
func (b *builder) manifestName() string {
	if b.opts.Shard.Active() {
		return b.opts.Shard.manifest()
	}
	return manifest.FileName
}

func entryOf(r *Result) *manifest.Entry {
	if r == nil {
		return nil
	}
	return r.Entry
}

// cleanTemp removes temporary files that a killed build (kill -9, a
// second Ctrl-C) may have left for the files this build writes.
func (b *builder) cleanTemp() {
	ours := map[string]bool{b.opts.Shard.manifest(): true}
	folders := map[string]bool{"": true}
	for _, s := range b.plan.Sets {
		folders[s.Folder] = true
		if !b.opts.Shard.Active() {
			for _, n := range plan.Reserved {
				ours[s.Path(n)] = true
			}
		}
	}
	if !b.opts.Shard.Active() {
		for _, n := range plan.Reserved {
			ours[n] = true
		}
	}
	for _, o := range b.outs {
		ours[o.Name] = true
	}
	// One listing of each folder, not one per output: a pack of a
	// thousand materials would read the folder a thousand times.
	for folder := range folders {
		dir := filepath.Join(b.opts.OutDir, folder)
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			// A temporary file is ".NAME.SOMETHING.tmp" (see output.Create).
			tmp := e.Name()
			if !strings.HasPrefix(tmp, ".") || !strings.HasSuffix(tmp, ".tmp") {
				continue
			}
			inner := strings.TrimSuffix(tmp[1:], ".tmp")
			if i := strings.LastIndexByte(inner, '.'); i > 0 && ours[(plan.Set{Folder: folder}).Path(inner[:i])] {
				os.Remove(filepath.Join(dir, tmp))
			}
		}
	}
}

func (b *builder) summarise() Summary {
	s := Summary{Total: len(b.outs), DryRun: b.opts.DryRun}
	for i := range b.outs {
		switch b.recs.statusOf(i) {
		case Made:
			s.Made++
		case Unchanged:
			s.Unchanged++
		case Failed:
			s.Failed++
		case Skipped:
			s.Skipped++
		case Gathered:
			s.Gathered++
		case New:
			s.New++
		case Changed:
			s.Changed++
		}
	}
	return s
}

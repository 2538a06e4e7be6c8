// Package batch builds a plan's outputs: a pool of workers makes each
// output through the engine, skips what has not changed since the last
// build (by the manifest), writes manifest.json last so it always matches
// the folder, makes the print pack and index page, and reports every
// output's outcome. A build can be cut into shards for several machines.
package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
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
)

// Options control one build.
type Options struct {
	OutDir string
	Jobs   int   // workers; 0 means one per CPU
	Force  bool  // rebuild what is unchanged too
	DryRun bool  // decide, but write nothing
	Shard  Shard // build only this part; the zero Shard is everything
	// Progress hears of each output as it is done; nil for none.
	Progress Progress

	// Test hooks: write replaces output.WriteFile for every file the
	// build writes itself (outputs, index.html, manifest.json), so a
	// test can make a write fail as a full disk does; beforeMake runs
	// before each output is made, so a test can make one panic.
	write      func(path string, data []byte) error
	beforeMake func(plan.Output)
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
	Skipped   Status = "skipped" // the build was interrupted before it started
	New       Status = "new"     // dry run: would be made, never made before
	Changed   Status = "changed" // dry run: would be made again
)

// Result is one output's outcome.
type Result struct {
	plan.Output
	Status Status
	Reason string          // why it is (or would be) made, or why it failed
	Entry  *manifest.Entry // the file now on disk, when there is one from this build
	Err    error
}

// Report is the outcome of a build.
type Report struct {
	Results  []Result // one per output built (the shard's), in plan order
	Pack     *Result  // pack.pdf; nil when the build makes none
	Index    *Result  // index.html; nil when the build makes none
	Summary  Summary
	Warnings []string
}

// Summary counts the results.
type Summary struct {
	Total       int
	Made        int
	Unchanged   int
	Failed      int
	Skipped     int
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

// Failures lists the results that failed, the pack and index included.
func (r *Report) Failures() []Result {
	var out []Result
	for _, res := range r.Results {
		if res.Status == Failed {
			out = append(out, res)
		}
	}
	for _, res := range []*Result{r.Pack, r.Index} {
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
	eng    *generate.Engine
	plan   *plan.Plan
	opts   Options
	brand  doc.Brand
	prev   *manifest.Previous
	fonts  *manifest.Fonts
	orgSHA string
	evSHA  string
	// fontConfig names the fonts: setting, so that pointing a script at
	// another file rebuilds what it draws.
	fontConfig string
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
	outs := opts.Shard.Of(p.Outputs)
	brand, err := p.Org.Brand()
	if err != nil {
		return nil, fmt.Errorf("organisation: %w", err)
	}
	b := &builder{eng: eng, plan: p, opts: opts, brand: brand, fonts: manifest.NewFonts()}
	if b.orgSHA, err = manifest.OrgHash(p.Org); err != nil {
		return nil, fmt.Errorf("organisation: %w", err)
	}
	b.evSHA = manifest.Hash(p.Event)
	b.fontConfig = manifest.FontConfig(p.Fonts, p.Dir)
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
		b.cleanTemp(outs)
	}
	b.prev = manifest.ReadPrevious(opts.OutDir)
	rep := &Report{}
	for _, bad := range b.prev.Bad {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s cannot be read; everything it listed is built again", bad))
	}

	rep.Results = b.pool(ctx, outs)
	interrupted := ctx.Err() != nil
	failed := false
	for _, r := range rep.Results {
		failed = failed || r.Status == Failed
	}
	if !opts.Shard.Active() && p.Pack && !interrupted {
		if failed {
			rep.Warnings = append(rep.Warnings, pack.FileName+" not made: some materials failed")
		} else {
			rep.Pack = safely(plan.Output{Name: pack.FileName}, func() *Result { return b.pack(ctx, rep.Results) })
		}
		if ctx.Err() == nil {
			rep.Index = safely(plan.Output{Name: pack.IndexName}, func() *Result { return b.index(rep.Results, rep.Pack) })
		}
	}
	interrupted = ctx.Err() != nil

	// The summary counts what happened, also when the manifest below
	// cannot be written.
	rep.Summary = summarise(rep, opts.DryRun)
	rep.Summary.Interrupted = interrupted
	if !opts.DryRun {
		if err := b.writeManifest(rep); err != nil {
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

// pool builds outs with opts.Jobs workers. When ctx is cancelled no new
// output is started; those already started are finished and written, and
// the rest are reported as skipped.
func (b *builder) pool(ctx context.Context, outs []plan.Output) []Result {
	results := make([]Result, len(outs))
	started := make([]bool, len(outs))
	if b.opts.Progress != nil {
		b.opts.Progress.Start(len(outs))
	}
	jobs := make(chan int)
	done := make(chan int)
	go func() {
		defer close(jobs)
		for i := range outs {
			select {
			case <-ctx.Done():
				return
			case jobs <- i:
			}
		}
	}()
	var wg sync.WaitGroup
	for range min(b.opts.Jobs, max(len(outs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			wk := b.eng.NewWorker()
			for i := range jobs {
				if ctx.Err() != nil {
					continue // a job taken just as the build was stopped
				}
				o := outs[i]
				results[i] = *safely(o, func() *Result {
					r := b.one(wk, o, &buf)
					return &r
				})
				if _, ok := results[i].Err.(*PanicError); ok {
					// Its caches may be half updated.
					wk = b.eng.NewWorker()
				}
				done <- i
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()
	for i := range done {
		started[i] = true
		if b.opts.Progress != nil {
			b.opts.Progress.Done(results[i])
		}
	}
	for i := range results {
		if !started[i] {
			results[i] = Result{Output: outs[i], Status: Skipped, Reason: "interrupted before it started"}
		}
	}
	return results
}

// one decides whether an output needs making, and makes it.
func (b *builder) one(wk *generate.Worker, o plan.Output, buf *bytes.Buffer) Result {
	if b.opts.beforeMake != nil {
		b.opts.beforeMake(o)
	}
	in := b.inputs(o)
	st, reason, entry := b.classify(o, in)
	if b.opts.DryRun || st == Unchanged {
		return Result{Output: o, Status: st, Reason: reason, Entry: entry}
	}
	e, err := b.make(wk, o, in, buf)
	if err != nil {
		return Result{Output: o, Status: Failed, Reason: err.Error(), Err: err}
	}
	return Result{Output: o, Status: Made, Reason: reason, Entry: e}
}

func (b *builder) inputs(o plan.Output) manifest.Inputs {
	return manifest.Inputs{
		Audience:       o.Job.Audience,
		Language:       o.Job.Lang,
		Format:         o.Job.Format.Name,
		Backend:        o.Job.Backend.Name,
		DPI:            o.Job.DPI,
		Paper:          o.Job.Paper.Name,
		BleedMM:        math.Round(o.Job.Print.Bleed/layout.PointsPerMM*100) / 100,
		CropMarks:      o.Job.Print.CropMarks,
		Province:       o.Job.Province,
		ContentVersion: b.eng.Lib.Info.Version,
		Program:        b.eng.Creator,
		Organisation:   b.orgSHA,
		Event:          b.evSHA,
		FontConfig:     b.fontConfig,
	}
}

// classify compares an output with what earlier builds recorded: it is
// unchanged when its inputs hash, the fonts it used and the file on disk
// are all as recorded.
func (b *builder) classify(o plan.Output, in manifest.Inputs) (Status, string, *manifest.Entry) {
	cands := b.prev.Entries[o.Name]
	if len(cands) == 0 {
		return New, "not built before", nil
	}
	if b.opts.Force {
		return Changed, "--force", nil
	}
	key := in.Key()
	var e *manifest.Entry
	for i := range cands {
		if cands[i].InputsSHA256 == key {
			e = &cands[i]
			break
		}
	}
	if e == nil {
		return Changed, "changed: " + diffInputs(cands[0].Inputs, in), nil
	}
	if e.Inputs != nil {
		if f := b.fonts.Changed(e.Inputs.Fonts); f != "" {
			return Changed, "font changed: " + f, nil
		}
	}
	why, err := manifest.AllOnDisk(b.opts.OutDir, e)
	switch {
	case err != nil:
		return Changed, "cannot read the file: " + err.Error(), nil
	case why != "":
		return Changed, why, nil
	}
	kept := *e
	kept.Copies = o.Copies
	// Recognised by its hash after a copy or a touch: record its time now,
	// so that the next build need not read it again.
	kept.Stamp(filepath.Join(b.opts.OutDir, o.Name))
	return Unchanged, "", &kept
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
	add("bleed", fmt.Sprint(old.BleedMM), fmt.Sprint(in.BleedMM))
	add("crop marks", fmt.Sprint(old.CropMarks), fmt.Sprint(in.CropMarks))
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
// interrupted build never leaves half a file.
func (b *builder) make(wk *generate.Worker, o plan.Output, in manifest.Inputs, buf *bytes.Buffer) (*manifest.Entry, error) {
	if o.Job.Backend.PerPage() {
		return b.makeFiles(o, in)
	}
	buf.Reset()
	made, err := wk.Make(buf, o.Job, b.plan.Org, b.brand)
	if err != nil {
		return nil, err
	}
	data, pages := buf.Bytes(), made.Pages()
	if made.Layout != nil {
		in.Fonts = b.fonts.Used(made.Layout)
	}
	path := filepath.Join(b.opts.OutDir, o.Name)
	if err := b.write(path, data); err != nil {
		return nil, err
	}
	e := &manifest.Entry{
		File:         o.Name,
		Inputs:       &in,
		InputsSHA256: in.Key(),
		SHA256:       manifest.Sum(data),
		Bytes:        int64(len(data)),
		Pages:        pages,
		Copies:       o.Copies,
	}
	e.Stamp(path)
	return e, nil
}

// makeFiles makes an output of a backend that draws one file per page:
// every page (and caption) is made before any is written, the first is
// the output's file and the others are recorded with it.
func (b *builder) makeFiles(o plan.Output, in manifest.Inputs) (*manifest.Entry, error) {
	files, made, err := b.eng.Files(o.Job, o.Pattern, b.plan.Org, b.brand)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 || files[0].Name != o.Name {
		return nil, fmt.Errorf("%s: the engine made no file of that name", o.Name)
	}
	if made.Layout != nil {
		in.Fonts = b.fonts.Used(made.Layout)
	}
	e := &manifest.Entry{File: o.Name, Inputs: &in, InputsSHA256: in.Key(), Pages: made.Pages(), Copies: o.Copies}
	for i, f := range files {
		path := filepath.Join(b.opts.OutDir, f.Name)
		if err := b.write(path, f.Data); err != nil {
			return nil, err
		}
		if i == 0 {
			e.SHA256 = manifest.Sum(f.Data)
			e.Stamp(path)
			continue
		}
		p := manifest.Part{File: f.Name, SHA256: manifest.Sum(f.Data)}
		if st, err := os.Stat(path); err == nil {
			p.Bytes, p.ModTime = st.Size(), st.ModTime().UnixNano()
		}
		e.Also = append(e.Also, p)
	}
	return e, nil
}

// write writes one file of the build atomically.
func (b *builder) write(path string, data []byte) error {
	if b.opts.write != nil {
		return b.opts.write(path, data)
	}
	return output.WriteFile(path, data)
}

// onDisk returns an earlier build's entry for name if the file on disk is
// still the one it describes.
func (b *builder) onDisk(name string, cands ...*manifest.Entry) *manifest.Entry {
	for _, e := range cands {
		if e == nil {
			continue
		}
		if why, err := manifest.OnDisk(filepath.Join(b.opts.OutDir, name), e); err == nil && why == "" {
			return e
		}
	}
	return nil
}

func (b *builder) writeManifest(rep *Report) error {
	m := &manifest.Manifest{
		Version: manifest.Version,
		Program: b.eng.Creator,
		Content: b.eng.Lib.Info.Version,
		Plan:    filepath.Base(b.plan.File),
		Outputs: []manifest.Entry{},
	}
	if b.opts.Shard.Active() {
		m.Shard = b.opts.Shard.String()
	}
	for _, r := range rep.Results {
		e := r.Entry
		if e == nil {
			// Failed or never started: keep what an earlier build left,
			// if the file is still the one it recorded.
			var cands []*manifest.Entry
			for i := range b.prev.Entries[r.Name] {
				cands = append(cands, &b.prev.Entries[r.Name][i])
			}
			e = b.onDisk(r.Name, cands...)
		}
		if e != nil {
			m.Outputs = append(m.Outputs, *e)
		}
	}
	if !b.opts.Shard.Active() {
		m.Pack = entryOf(rep.Pack)
		if m.Pack == nil {
			m.Pack = b.onDisk(pack.FileName, b.prev.Pack)
		}
		m.Index = entryOf(rep.Index)
		if m.Index == nil {
			m.Index = b.onDisk(pack.IndexName, b.prev.Index)
		}
	}
	name := manifest.FileName
	if b.opts.Shard.Active() {
		name = b.opts.Shard.manifest()
	}
	path := filepath.Join(b.opts.OutDir, name)
	data, err := manifest.Encode(m)
	if err == nil {
		err = b.write(path, data)
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

func entryOf(r *Result) *manifest.Entry {
	if r == nil {
		return nil
	}
	return r.Entry
}

// cleanTemp removes temporary files that a killed build (kill -9, a
// second Ctrl-C) may have left for the files this build writes.
func (b *builder) cleanTemp(outs []plan.Output) {
	names := []string{b.opts.Shard.manifest()}
	if !b.opts.Shard.Active() {
		names = slices.Clone(plan.Reserved)
	}
	for _, o := range outs {
		names = append(names, o.Name)
	}
	ours := make(map[string]bool, len(names))
	for _, n := range names {
		ours[n] = true
	}
	// One listing of the folder, not one per output: a pack of a thousand
	// materials would read the folder a thousand times.
	entries, err := os.ReadDir(b.opts.OutDir)
	if err != nil {
		return
	}
	for _, e := range entries {
		// A temporary file is ".NAME.SOMETHING.tmp" (see output.WriteFile).
		tmp := e.Name()
		if !strings.HasPrefix(tmp, ".") || !strings.HasSuffix(tmp, ".tmp") {
			continue
		}
		inner := strings.TrimSuffix(tmp[1:], ".tmp")
		if i := strings.LastIndexByte(inner, '.'); i > 0 && ours[inner[:i]] {
			os.Remove(filepath.Join(b.opts.OutDir, tmp))
		}
	}
}

func summarise(rep *Report, dry bool) Summary {
	s := Summary{Total: len(rep.Results), DryRun: dry}
	for _, r := range rep.Results {
		switch r.Status {
		case Made:
			s.Made++
		case Unchanged:
			s.Unchanged++
		case Failed:
			s.Failed++
		case Skipped:
			s.Skipped++
		case New:
			s.New++
		case Changed:
			s.Changed++
		}
	}
	return s
}

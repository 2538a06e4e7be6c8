package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/batch"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/pack"
	"github.com/awarekit/awarekit/toolkit/plan"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// maxJobs is the most workers --jobs may ask for. Each holds its own
// caches (some 3 MB), and the build keeps room for four outputs a
// worker in flight: --jobs 99999999999 ran the program out of memory
// before it made anything.
const maxJobs = 1024

// shardIndexEnv is the variable a Kubernetes Indexed Job sets to each
// pod's index, from 0.
const shardIndexEnv = "JOB_COMPLETION_INDEX"

// BuildOptions are everything build needs.
type BuildOptions struct {
	IO      *IOStreams
	Engine  func(generate.Config) (*generate.Engine, error)
	Now     func() time.Time // the clock the facts' check-again date is compared with
	Project plan.Project     // from awarekit.yaml beside the plan, or --config
	Content string           // the user's content folder (content: in the settings), or ""

	PlanFile string
	OutDir   string // "" means out/ beside the plan
	Jobs     int
	Force    bool
	DryRun   bool
	Quiet    bool
	JSON     bool
	Shard    batch.Shard
	Gather   []string // folders holding the parts of a sharded build, to join
	// From says where settings came from (Settings.From).
	From map[string]string
}

func newCmdBuild(f *Factory, runF func(*BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{IO: f.IOStreams, Engine: f.Engine, Now: f.Now}
	var (
		configFile string
		shard      string
		shardCount int
	)
	cmd := &cobra.Command{
		Use:   "build <plan.yaml> [flags]",
		Short: "Make every material a plan file lists, with a print pack",
		Long:  buildLong,
		Example: `  # start a workshop: a sample plan and settings, then everything in it
  $ awarekit init workshop
  $ cd workshop
  $ awarekit build workshop.yaml

  # before printing: what would be made, and how many sheets of each paper
  $ awarekit build workshop.yaml --dry-run

  # everything again, as JSON for a script
  $ awarekit build workshop.yaml --force --json`,
		Annotations: map[string]string{"advanced": buildAdvanced},
		Args: func(cmd *cobra.Command, args []string) error {
			// With --gather, folders after the plan are more parts:
			// --gather parts/* is what a shell makes of a glob.
			if len(args) == 1 || len(args) > 1 && cmd.Flags().Changed("gather") {
				return nil
			}
			if len(args) == 0 {
				return usage(errors.New("build needs one plan file, e.g. awarekit build workshop.yaml"))
			}
			return usage(fmt.Errorf("build takes one plan file, not %d arguments; folders of parts to join go after --gather", len(args)))
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.PlanFile = args[0]
			if _, err := profile.CheckPath(profile.Field{Name: "plan", From: "the command line"}, opts.PlanFile); err != nil {
				return usage(err)
			}
			if cmd.Flags().Changed("gather") {
				opts.Gather = append(opts.Gather, args[1:]...)
				for _, dir := range opts.Gather {
					if _, err := profile.CheckPath(profile.Field{Name: "folder of parts", From: "--gather"}, dir); err != nil {
						return usage(err)
					}
				}
				switch {
				case shard != "" || cmd.Flags().Changed("shard-count"):
					return usage(errors.New("--gather joins the parts that --shard makes; give one or the other"))
				case opts.Force:
					return usage(errors.New("--gather makes nothing again, so --force has nothing to do; leave it out"))
				}
			}
			if opts.Jobs < 0 {
				return usage(fmt.Errorf("--jobs %d: give a positive number of workers, or 0 for one per CPU", opts.Jobs))
			}
			if opts.Jobs > maxJobs {
				return usage(fmt.Errorf("--jobs %d: give at most %d workers, or 0 for one per CPU (this computer has %d)", opts.Jobs, maxJobs, runtime.NumCPU()))
			}
			if opts.Jobs == 0 {
				opts.Jobs = runtime.NumCPU()
			}
			var err error
			if cmd.Flags().Changed("shard") && strings.TrimSpace(shard) == "" {
				// --shard "$PART" with PART unset made every output, in
				// each of the jobs meant to make a part.
				return usage(errors.New("--shard is empty: give the part as K/N, like 2/4, or leave --shard out to make every output"))
			}
			if opts.Shard, err = shardFrom(shard, shardCount, cmd.Flags().Changed("shard-count")); err != nil {
				return usage(err)
			}
			if configFile == "" {
				// The project is the folder the plan is in.
				if beside := filepath.Join(filepath.Dir(opts.PlanFile), ConfigFileName); fileExists(beside) {
					configFile = beside
				}
			}
			s, err := loadContentSettings(cmd.Flags(), configFile)
			if err != nil {
				return err
			}
			opts.Project = plan.Project{Paper: s.Paper, Style: s.Style, Formats: s.Formats, Org: s.Org, Fonts: s.Fonts, Province: s.Province, AllowDraft: s.AllowDraft}
			opts.Content, opts.From = s.Content, s.From
			if runF != nil {
				return runF(opts)
			}
			return buildRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.OutDir, "out", "o", "", "folder to write into (default out/ beside the plan)")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "documents to make at once (default one per CPU)")
	fl.BoolVar(&opts.Force, "force", false, "make everything again, also what has not changed")
	fl.BoolVarP(&opts.DryRun, "dry-run", "n", false, "list what would be made and why, and count the sheets to print; write nothing")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "print no progress or summary; errors only")
	fl.BoolVar(&opts.JSON, "json", false, "print the summary and every output's result as JSON")
	fl.StringVar(&shard, "shard", "", "make only part `K/N` of the outputs (e.g. 2/4); parts never overlap")
	fl.IntVar(&shardCount, "shard-count", 0, "make part $"+shardIndexEnv+"+1 of `N` (for a Kubernetes Indexed Job)")
	fl.String("province", "", "add the verified lines of a province or territory to every output: `CODE` like bc, ab, on (province: in a plan)")
	fl.Bool("allow-draft", false, "make languages a fluent speaker must rewrite before print (iu, crk, oj): proofs (allow_draft: in a plan)")
	fl.StringArrayVar(&opts.Gather, "gather", nil, "join the parts made into `DIR` (and folders after it): one manifest, pack and index")
	addConfigFlag(cmd, &configFile)
	markAdvanced(cmd, "shard", "shard-count", "gather", "jobs")
	_ = cmd.MarkFlagDirname("out")
	cmd.ValidArgsFunction = completePlans
	return cmd
}

// buildLong leads with what a workshop organiser does, and shows a plan.
const buildLong = `Make every material a workshop needs from one plan file: the flyers, handouts
and cards for each audience in each language, and pack.pdf for the print shop
(a cover sheet with the copies and sheets to print, then every PDF). A plan
looks like this ('awarekit init' writes one to start from):

  event:
    name: "Neighbourhood safety evening"
    date: "Thursday 3 December 2026, 7 pm"
    place: "Community centre, main hall"
  defaults:
    paper: letter
    copies: 10
  outputs:
    - audiences: [youth, newcomers]
      languages: [en, fr]
      format: flyer
      copies: 25
    - audience: newcomers
      language: punjabi
      format: cards

The plan is checked first, and every problem is listed with its line. Files go
to out/ beside the plan: one per material, with

  pack.pdf       a cover sheet (the event, every material with its copies),
                 then every PDF material, for the print shop
  index.html     every output, with links and a picture of page 1
  manifest.json  each output's inputs, sha256, size and pages

Run it again after an edit: only what changed is made again, and a file an
earlier build made that the plan no longer asks for (a material taken out,
pack.pdf and index.html with pack: false) is removed, when it is still as that
build wrote it; --dry-run lists it first. One changed since, or another plan's,
is left, and every build names it until you delete it. The organisation
comes from the plan, then from awarekit.yaml beside it; an output item can
name its own (organisation: under the item). To make the whole set once for
each partner agency, list them in a CSV file with a header row (name, phone,
email, website, logo, colour) and name it in the plan:

  organisations: partners.csv

Each partner's files then go to a folder of its own, with its own pack.pdf,
named after the partner or by a folder column. A partner named on two rows
(two offices) needs a folder on each.
'awarekit schema plan' lists every key a plan can have.`

// buildAdvanced is build's help for large builds, after the flags.
const buildAdvanced = `  A large build can be split across machines into parts that never overlap.
  Make each part with --shard K/N (one per CI job), then join the parts with
  --gather: it checks that every part is there once, made from this plan and
  these settings, and writes one manifest, pack.pdf and index.html without
  making any material again:

    $ awarekit build region.yaml --shard 2/3 --out parts/2
    $ awarekit build region.yaml --out out --gather parts/1 parts/2 parts/3

  In a Kubernetes Indexed Job with completions: 8, each pod makes the part
  its $JOB_COMPLETION_INDEX names, all into one shared folder, and a last
  step joins them (docs/kubernetes.md):

    $ awarekit build region.yaml --out /data/out --shard-count 8
    $ awarekit build region.yaml --out /data/out --gather /data/out`

// shardFrom reads --shard K/N, or --shard-count N with K from
// $JOB_COMPLETION_INDEX (0-based, as Kubernetes sets it).
func shardFrom(shard string, count int, countSet bool) (batch.Shard, error) {
	switch {
	case shard != "" && countSet:
		return batch.Shard{}, errors.New("give --shard or --shard-count, not both")
	case shard != "":
		return batch.ParseShard(shard)
	case countSet:
		if count < 1 {
			return batch.Shard{}, fmt.Errorf("--shard-count %d: give the number of parts, 1 or more (the Job's completions)", count)
		}
		v, ok := os.LookupEnv(shardIndexEnv)
		if !ok {
			return batch.Shard{}, fmt.Errorf("--shard-count needs $%s (set by a Kubernetes Indexed Job); elsewhere use --shard K/N", shardIndexEnv)
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return batch.Shard{}, fmt.Errorf("$%s is %q, not a number", shardIndexEnv, v)
		}
		if i < 0 || i >= count {
			return batch.Shard{}, fmt.Errorf("$%s is %d; with --shard-count %d it must be from 0 to %d", shardIndexEnv, i, count, count-1)
		}
		return batch.NewShard(i+1, count)
	}
	return batch.Shard{}, nil
}

// logoWarnings are generate.LogoWarnings for each organisation of pl
// whose outputs print its logo, each logo file once. A logo that cannot
// be read is left to the build, which says so.
func logoWarnings(pl *plan.Plan) []string {
	// The jobs of each organisation with a logo, each once.
	jobs := map[int][]generate.Resolved{}
	had := map[orgJob]bool{}
	for _, o := range pl.Outputs {
		if k := (orgJob{o.Org, o.Job}); pl.Orgs.At(o.Org).Logo != "" && !had[k] {
			had[k] = true
			jobs[o.Org] = append(jobs[o.Org], *o.Job)
		}
	}
	seen := map[string]bool{}
	var out []string
	for i := range pl.Orgs.Len() {
		org := pl.Orgs.At(i)
		if org.Logo == "" || seen[org.Logo] || len(jobs[i]) == 0 {
			continue
		}
		seen[org.Logo] = true
		brand, err := org.BrandFit(layout.LogoPixels)
		if err != nil {
			continue
		}
		out = append(out, generate.LogoWarnings(jobs[i], org, brand)...)
	}
	return out
}

// errNothingMade is a build interrupted before its workers started:
// nothing was written.
var errNothingMade = fmt.Errorf("%w before any material was made; nothing was written", errInterrupted)

// orgJob is one job made for one organisation.
type orgJob struct {
	org int
	job *generate.Resolved
}

// planJobs lists the plan's jobs, each once, in plan order: the outputs
// share them (a plan of ten thousand flyers, each for its own
// organisation, holds five), and the checks below ask about each job,
// never how many outputs it makes. A copy for every output was some 6
// MB at 10,000.
func planJobs(pl *plan.Plan) []generate.Resolved {
	var jobs []generate.Resolved
	seen := map[*generate.Resolved]bool{}
	for _, o := range pl.Outputs {
		if !seen[o.Job] {
			seen[o.Job] = true
			jobs = append(jobs, *o.Job)
		}
	}
	return jobs
}

// partsFolder refuses a --gather folder that is not there or is not a
// folder (a file, a named pipe, which locking it would wait on forever,
// a device), saying what to give.
func partsFolder(dir string) error {
	const fix = "give the folders the parts were made in (the --out of each --shard build)"
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("--gather: %s does not exist; %s", input.ShortPath(dir), fix)
	case err != nil:
		return fmt.Errorf("--gather: %s cannot be read (%v); %s", input.ShortPath(dir), err, fix)
	case !st.IsDir():
		what := input.What(st.Mode())
		if what == "" {
			what = "a file"
		}
		return fmt.Errorf("--gather: %s is %s, not a folder; %s", input.ShortPath(dir), what, fix)
	}
	return nil
}

// gatheredOnce refuses a folder of parts given before (earlier): the
// same name twice, or two names of one folder (parts/1 and ./parts/1/,
// or a link to it), naming both as they were given.
func gatheredOnce(earlier []string, dir string) error {
	st, err := os.Stat(dir)
	for _, e := range earlier {
		if e == dir {
			return fmt.Errorf("--gather: %s is given twice; give each folder of parts once", input.ShortPath(dir))
		}
		if est, eerr := os.Stat(e); err == nil && eerr == nil && os.SameFile(st, est) || filepath.Clean(e) == filepath.Clean(dir) {
			return fmt.Errorf("--gather: %s and %s are the same folder; give each folder of parts once", input.ShortPath(e), input.ShortPath(dir))
		}
	}
	return nil
}

// firstMissing is the outermost folder of dir's path that does not
// exist yet (dir, or a folder it is in), which making dir creates; ""
// when dir exists.
func firstMissing(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	missing := ""
	for p := abs; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil {
			return missing
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "" // cannot tell: leave everything
		}
		missing = p
		if filepath.Dir(p) == p {
			return missing
		}
	}
}

// removeEmptyFolders removes dir and the folders in it when they hold
// no file: the folders a build made (firstMissing) before it stopped
// with nothing made. A file in it, anyone's, keeps it and the folders
// it is in.
func removeEmptyFolders(dir string) {
	if dir == "" {
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() {
			removeEmptyFolders(filepath.Join(dir, e.Name()))
		}
	}
	os.Remove(dir) // only when empty
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

// readPlan starts reading the plan at path on a goroutine of its own;
// the returned function waits for it. A panic there (a bug) is raised
// again on the caller's goroutine, where the command's recover reports
// it, as when the plan was read there.
func readPlan(path string) func() (*plan.Decoded, error) {
	type result struct {
		r     *plan.Decoded
		err   error
		panic any
	}
	done := make(chan result, 1)
	go func() {
		var res result
		defer func() {
			if v := recover(); v != nil {
				res.panic = v
			}
			done <- res
		}()
		res.r, res.err = plan.Read(path)
	}()
	return func() (*plan.Decoded, error) {
		res := <-done
		if res.panic != nil {
			panic(res.panic)
		}
		return res.r, res.err
	}
}

// fontsAheadItems is the most items a plan may have for its build to
// parse the fonts while the plan is checked (buildRun).
const fontsAheadItems = 2_000

// beforeCheck, when not nil, runs after the plan is read and before it
// is checked, with the build's context: a test sends the process a
// signal there.
var beforeCheck func(ctx context.Context)

func buildRun(opts *BuildOptions) error {
	// The first Ctrl-C (or SIGTERM) is caught from the start: while the
	// engine opens and the plan is read and checked, the build then stops
	// before it writes anything; once the workers run, they take no new
	// documents, those in progress are finished and the manifest is
	// written. Once it has been caught, the signal's default is restored,
	// so a second Ctrl-C ends the program at once. (Caught only from the
	// workers' start, a SIGTERM while a plan of 10,000 items was checked
	// killed the program: exit 143, not 130.)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errOut := opts.IO.ErrOut
	if opts.Quiet {
		errOut = io.Discard
	}
	var making, finished atomic.Bool
	context.AfterFunc(ctx, func() {
		stop()
		if making.Load() && !finished.Load() {
			fmt.Fprintln(errOut, "\ninterrupted: finishing the documents in progress (Ctrl-C again to stop at once)")
		}
	})
	// From the start: opening the engine and reading the plan make the
	// most garbage for their size.
	stopSteering := steerMemory()
	defer stopSteering()
	// The plan is read on a core of its own while the engine opens; the
	// engine's error comes first, as when one followed the other.
	read := readPlan(opts.PlanFile)
	eng, err := opts.Engine(generate.Config{ContentDir: opts.Content, Fonts: opts.Project.Fonts})
	r, readErr := read()
	if err != nil {
		return fontError(err, opts.From)
	}
	if readErr != nil {
		// A plan that is not there, or is no file, is a wrong name on
		// the command line; what is wrong inside it is its content.
		if err := input.Check(input.Plan, opts.PlanFile); err != nil {
			return usage(err)
		}
		return readErr
	}
	// Each folder of parts is a folder (a named pipe would hang the
	// build's lock on it); the logo and fonts are files.
	for i, dir := range opts.Gather {
		if err := partsFolder(dir); err != nil {
			return usage(err)
		}
		if err := gatheredOnce(opts.Gather[:i], dir); err != nil {
			return usage(err)
		}
	}
	if err := checkFiles(opts.Project.Org.Logo, opts.Project.Fonts, opts.From); err != nil {
		return err
	}
	if opts.Project.Province != "" {
		// Checked where it was given: as a plan's default it was reported
		// at every item's line of the plan, exit 1, for a typo in
		// --province, AWAREKIT_PROVINCE or awarekit.yaml.
		if _, err := eng.Lib.Province(opts.Project.Province); err != nil {
			return nameError(err, opts.From)
		}
	}
	if beforeCheck != nil {
		beforeCheck(ctx)
	}
	// The plan's check runs on one core; the embedded fonts, which the
	// first material's text waited for (some 14 ms of parsing, with the
	// other worker waiting too), are parsed on the other meanwhile, and
	// the machine's fonts searched if the plan's languages need one (30
	// to 100 ms for Punjabi). A dry run draws nothing. Nor does a plan
	// of more items than fontsAheadItems: its check holds so much that
	// the fonts' 2.3 MB (6 MB allocated) raised the memory limit the
	// build steers, and a build of 10,000 flyers peaked at 61.7-62.1 MB
	// RSS against 59.6-59.8; 1,000, 2,000 and 5,000 peaked as before.
	// A panic there (a bug) is raised again once the materials are
	// made, here, where the command's recover reports it.
	fontsPanic := make(chan any, 1)
	if !opts.DryRun && r.Items() <= fontsAheadItems {
		langs := r.Languages()
		go func() {
			defer func() { fontsPanic <- recover() }()
			_, _ = eng.Fonts.Base()
			eng.SearchFontsAhead(langs)
		}()
	}
	defer func() {
		select {
		case v := <-fontsPanic:
			if v != nil {
				panic(v)
			}
		default:
		}
	}()
	pl, err := r.Check(eng, opts.Project)
	if ctx.Err() != nil {
		return errNothingMade
	}
	if err != nil {
		return err
	}
	if opts.OutDir == "" {
		opts.OutDir = filepath.Join(pl.Dir, "out")
	}
	// The output folder can be written (not a file, a named pipe or a
	// device, not inside the content folder): a wrong --out, or a
	// folder beside the plan that cannot be one, is the command line's
	// or the environment's. Checked before the notes on what the plan
	// makes are printed: they were followed by "cannot write to folder".
	check := eng.CheckOutDir
	if opts.DryRun {
		check = eng.OutsideContent // a dry run writes nothing
	}
	// A build that stops before it makes anything (a gather that finds
	// a part missing, an interrupt) leaves no folder it made behind.
	var made string
	if !opts.DryRun {
		made = firstMissing(opts.OutDir)
	}
	if err := check(opts.OutDir); err != nil {
		removeEmptyFolders(made)
		return usage(err)
	}
	for _, w := range eng.Lib.Warnings {
		fmt.Fprintln(errOut, opts.IO.warning(), w)
	}
	for _, w := range pl.Warnings {
		fmt.Fprintln(errOut, opts.IO.warning(), w)
	}
	warnFactsDue(errOut, opts.IO.warning(), eng, opts.Now)
	jobs := planJobs(pl)
	// One line per draft language, in English (plan.Load refused those
	// that must be rewritten unless the plan or settings allow drafts).
	notices, err := eng.Drafts(jobs)
	for _, n := range notices {
		fmt.Fprintln(errOut, "draft:", n)
	}
	for _, n := range eng.Leaves(jobs, pl.Org) {
		fmt.Fprintln(errOut, "note:", n)
	}
	for _, w := range logoWarnings(pl) {
		fmt.Fprintln(errOut, opts.IO.warning(), w)
	}
	if err != nil {
		removeEmptyFolders(made)
		return err
	}

	bopts := batch.Options{OutDir: opts.OutDir, Jobs: opts.Jobs, Force: opts.Force, DryRun: opts.DryRun, Shard: opts.Shard, Gather: opts.Gather}
	var bar *barProgress
	switch {
	// Progress is for a person watching: on a terminal only, as a bar,
	// or as a line per output where animation is unwelcome (NO_COLOR,
	// TERM=dumb). Logs and pipes get the summary and the failures.
	case opts.Quiet || opts.DryRun:
	case !opts.IO.IsTTY:
		bopts.Progress = &failureProgress{w: opts.IO.ErrOut}
	case opts.IO.Plain:
		bopts.Progress = &lineProgress{w: opts.IO.ErrOut}
	default:
		bar = &barProgress{w: opts.IO.ErrOut}
		bopts.Progress = bar
	}
	// What starting awarekit, opening the engine and reading the plan
	// touched of the program file, the build mostly does not use again.
	dropStartPages()
	if ctx.Err() != nil {
		removeEmptyFolders(made)
		return errNothingMade
	}
	making.Store(true)
	rep, runErr := batch.Run(ctx, eng, pl, bopts)
	stopSteering()
	finished.Store(true)
	if bar != nil {
		bar.finish()
	}
	if rep == nil {
		removeEmptyFolders(made)
		return runErr
	}
	defer rep.Close()
	for _, w := range rep.Warnings {
		for line := range strings.SplitSeq(w, "\n") { // a file's notes, one a line
			fmt.Fprintln(errOut, opts.IO.warning(), line)
		}
	}
	for _, w := range eng.Fonts.Warnings() {
		fmt.Fprintln(errOut, opts.IO.warning(), w)
	}

	switch {
	case opts.JSON:
		if err := writeBuildJSON(opts.IO.Out, pl, opts, rep); err != nil {
			return err
		}
	case opts.DryRun:
		printDryRun(opts.IO.Out, rep)
	}
	printSummary(errOut, opts, rep)

	var problems []string
	for _, r := range rep.Failures() {
		problems = append(problems, "  "+r.Name+": "+r.Reason)
	}
	switch {
	case errors.Is(runErr, batch.ErrInterrupted):
		s := rep.Summary
		return fmt.Errorf("%w: %d made, %d unchanged, %d not started; %s matches the files on disk; run again to finish",
			errInterrupted, s.Made, s.Unchanged, s.Skipped, filepath.Join(opts.OutDir, manifest.FileName))
	case runErr != nil:
		return runErr
	case len(problems) > 0:
		return fmt.Errorf("%d of %d failed:\n%s", len(problems), rep.Summary.Total, strings.Join(problems, "\n"))
	}
	return nil
}

func printSummary(w io.Writer, opts *BuildOptions, rep *batch.Report) {
	s := rep.Summary
	secs := s.Elapsed.Round(time.Millisecond)
	if s.DryRun {
		removed := ""
		if len(rep.Removed) > 0 {
			removed = fmt.Sprintf(", %d an earlier build's to remove", len(rep.Removed))
		}
		fmt.Fprintf(w, "dry run: %d new, %d changed, %d unchanged%s; nothing written\n", s.New, s.Changed, s.Unchanged, removed)
		return
	}
	part := ""
	if opts.Shard.Active() {
		part = " (part " + opts.Shard.String() + ")"
	}
	rate := ""
	if s.Made > 0 {
		rate = fmt.Sprintf(" (%.1f docs/s)", s.Rate())
	}
	if len(opts.Gather) > 0 {
		fmt.Fprintf(w, "%d gathered from %s in %v → %s\n", s.Gathered, strings.Join(opts.Gather, ", "), secs, opts.OutDir)
	} else {
		fmt.Fprintf(w, "%d made, %d unchanged, %d failed%s in %v%s → %s\n", s.Made, s.Unchanged, s.Failed, part, secs, rate, opts.OutDir)
	}
	if len(rep.Removed) > 0 {
		fmt.Fprintf(w, "removed %s from %s that an earlier build made and this plan no longer makes, each still as that build wrote it (a plan that asks for them again makes them again): %s\n",
			count(len(rep.Removed), "file"), opts.OutDir, listed(rep.Removed, 10))
	}
	if rep.Pack != nil && rep.Pack.Entry != nil {
		fmt.Fprintf(w, "print pack: %s (%d pages, %s)\n", filepath.Join(opts.OutDir, pack.FileName), rep.Pack.Entry.Pages, rep.Pack.Status)
	}
	if n := len(rep.Sets); n > 0 {
		packs, tried := 0, 0
		for _, s := range rep.Sets {
			if s.Pack != nil {
				tried++
			}
			if s.Pack != nil && s.Pack.Entry != nil {
				packs++
			}
		}
		// A plan of text formats alone (or pack: false) makes no pack:
		// "its own print pack (0 of 2 made)" spoke of packs none was
		// due to have.
		line := fmt.Sprintf("partners: %d, each in its folder", n)
		if tried > 0 {
			line += fmt.Sprintf(" with its own print pack (%d of %d made or unchanged)", packs, n)
		}
		if rep.Index != nil && rep.Index.Entry != nil {
			line += "; " + filepath.Join(opts.OutDir, pack.IndexName) + " lists them"
		}
		fmt.Fprintln(w, line)
	}
}

// packsOf lists the packs and index pages of a build's report.
func packsOf(rep *batch.Report) []batch.Result {
	var out []batch.Result
	add := func(r *batch.Result) {
		if r != nil {
			out = append(out, *r)
		}
	}
	add(rep.Pack)
	for _, s := range rep.Sets {
		add(s.Pack)
		add(s.Index)
	}
	add(rep.Index)
	return out
}

func printDryRun(w io.Writer, rep *batch.Report) {
	t := &table{}
	for r := range rep.Results() {
		t.add(string(r.Status), r.Name, r.Reason)
	}
	for _, r := range packsOf(rep) {
		t.add(string(r.Status), r.Name, r.Reason)
	}
	for _, name := range rep.Removed {
		t.add("remove", name, "an earlier build's, which this plan no longer makes")
	}
	_ = t.write(w)

	// For the print shop: what the whole plan takes, made now or before.
	p := printTotals(rep)
	fmt.Fprintf(w, "\n%s in the plan, %s.\n", count(p.Documents, "document"), count(p.Pages, "page"))
	if len(p.Papers) == 0 {
		fmt.Fprintln(w, "Nothing to print: no PDF materials.")
		return
	}
	fmt.Fprintf(w, "To print, %s:\n", count(p.Materials, "PDF material"))
	t = &table{indent: "  "}
	for _, pt := range p.Papers {
		both := ""
		if pt.Duplex > 0 {
			both = fmt.Sprintf("%d of them on both sides", pt.Duplex)
		}
		t.add(pt.Paper, count(pt.Sheets, "sheet"), both)
	}
	_ = t.write(w)
	if len(p.DuplexFiles) > 0 {
		fmt.Fprintf(w, "Both sides (duplex, turned on the long edge): %s\n", strings.Join(p.DuplexFiles, ", "))
	}
	if len(p.SheetItems) > 0 {
		fmt.Fprintf(w, "Copies are sheets for: %s\n", strings.Join(p.SheetItems, "; "))
	}
}

// printJSON is what the plan takes to print, for the print shop.
type printJSON struct {
	Documents int `json:"documents"`
	Pages     int `json:"pages"`
	pack.Totals
	// SheetItems are the items whose copies are sheets of pieces, with
	// what they make: "newcomers-cards-pa.pdf (10 sheets, both sides: 100
	// wallet cards)".
	SheetItems []string `json:"sheet_items"`
}

// printTotals adds up every output of the plan, made now or before.
func printTotals(rep *batch.Report) printJSON {
	p := printJSON{SheetItems: []string{}}
	var items []pack.Item
	for r := range rep.Results() {
		p.Documents++
		sheet, printed := r.Job.Sheet()
		switch {
		case r.Entry != nil && r.Entry.Pages > 0:
			p.Pages += r.Entry.Pages
		case printed:
			p.Pages += max(sheet.Pages, sheet.Sides)
		case r.Job.Format.Paged():
			p.Pages++
		}
		if !printed || !pack.Joinable(r.Job) {
			continue
		}
		it := pack.Item{File: r.Name, Copies: r.Copies, Sheet: sheet}
		if r.Entry != nil {
			it.Pages = r.Entry.Pages // a guide's sheets follow its pages
		}
		items = append(items, it)
		if sheet.Up > 1 {
			p.SheetItems = append(p.SheetItems, fmt.Sprintf("%s (%s)", r.Name, it.ToPrint()))
		}
	}
	p.Totals = pack.Total(items)
	return p
}

// listed is names joined with commas, the first most of them and how
// many more.
func listed(names []string, most int) string {
	if len(names) <= most {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:most], ", "), len(names)-most)
}

// count is n with its unit, plural when n is not one.
func count(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// buildJSON is what --json prints.
type buildJSON struct {
	Plan         string         `json:"plan"`
	Out          string         `json:"out"`
	DryRun       bool           `json:"dry_run"`
	Shard        string         `json:"shard,omitempty"`
	Summary      summaryJSON    `json:"summary"`
	Outputs      []resultJSON   `json:"outputs"`
	Pack         *resultJSON    `json:"pack"`
	Index        *resultJSON    `json:"index"`
	Partners     []partnerJSON  `json:"partners,omitempty"`
	Warnings     []string       `json:"warnings"`
	PlanWarnings []plan.Problem `json:"plan_warnings"`
	// Removed are an earlier build's files that this plan no longer
	// makes, removed (a dry run: that would be), under out.
	Removed []string  `json:"removed"`
	Print   printJSON `json:"print"`
}

// partnerJSON is a partner's folder, with its pack and index page.
type partnerJSON struct {
	Folder       string      `json:"folder"`
	Organisation string      `json:"organisation"`
	Pack         *resultJSON `json:"pack"`
	Index        *resultJSON `json:"index"`
}

type summaryJSON struct {
	Total         int     `json:"total"`
	Made          int     `json:"made"`
	Unchanged     int     `json:"unchanged"`
	Failed        int     `json:"failed"`
	Skipped       int     `json:"skipped"`
	Gathered      int     `json:"gathered"`
	New           int     `json:"new"`
	Changed       int     `json:"changed"`
	Seconds       float64 `json:"seconds"`
	DocsPerSecond float64 `json:"docs_per_second"`
	Interrupted   bool    `json:"interrupted"`
}

type resultJSON struct {
	File     string `json:"file"`
	Path     string `json:"path"`
	Status   string `json:"status"`
	Reason   string `json:"reason,omitempty"`
	Audience string `json:"audience,omitempty"`
	Language string `json:"language,omitempty"`
	Format   string `json:"format,omitempty"`
	Paper    string `json:"paper,omitempty"`
	Copies   int    `json:"copies,omitempty"`
	SHA256   string `json:"sha256,omitempty"`
	Bytes    int64  `json:"bytes,omitempty"`
	Pages    int    `json:"pages,omitempty"`
}

func toResultJSON(dir string, r batch.Result) resultJSON {
	j := resultJSON{File: r.Name, Path: filepath.Join(dir, r.Name), Status: string(r.Status), Reason: r.Reason, Copies: r.Copies}
	if r.Job != nil { // the pack and the index page are no job
		j.Audience, j.Language, j.Format, j.Paper = r.Job.Audience, r.Job.Lang, r.Job.Format.Name, r.Job.Paper.Name
	}
	if r.Entry != nil {
		j.SHA256, j.Bytes, j.Pages = r.Entry.SHA256, r.Entry.Bytes, r.Entry.Pages
	}
	return j
}

func writeBuildJSON(w io.Writer, pl *plan.Plan, opts *BuildOptions, rep *batch.Report) error {
	s := rep.Summary
	out := buildJSON{
		Plan: pl.File, Out: opts.OutDir, DryRun: s.DryRun,
		Summary: summaryJSON{
			Total: s.Total, Made: s.Made, Unchanged: s.Unchanged, Failed: s.Failed, Skipped: s.Skipped, Gathered: s.Gathered,
			New: s.New, Changed: s.Changed, Seconds: s.Elapsed.Seconds(), DocsPerSecond: s.Rate(), Interrupted: s.Interrupted,
		},
		Outputs:      make([]resultJSON, 0, rep.Len()),
		Warnings:     append([]string{}, rep.Warnings...),
		PlanWarnings: append([]plan.Problem{}, pl.Warnings...),
		Removed:      append([]string{}, rep.Removed...),
		Print:        printTotals(rep),
	}
	if opts.Shard.Active() {
		out.Shard = opts.Shard.String()
	}
	for r := range rep.Results() {
		out.Outputs = append(out.Outputs, toResultJSON(opts.OutDir, r))
	}
	for _, s := range rep.Sets {
		p := partnerJSON{Folder: s.Folder, Organisation: s.Organisation}
		if s.Pack != nil {
			j := toResultJSON(opts.OutDir, *s.Pack)
			p.Pack = &j
		}
		if s.Index != nil {
			j := toResultJSON(opts.OutDir, *s.Index)
			p.Index = &j
		}
		out.Partners = append(out.Partners, p)
	}
	if rep.Pack != nil {
		j := toResultJSON(opts.OutDir, *rep.Pack)
		out.Pack = &j
	}
	if rep.Index != nil {
		j := toResultJSON(opts.OutDir, *rep.Index)
		out.Index = &j
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// barProgress draws a progress bar (count, rate, time left) on a terminal.
type barProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (p *barProgress) Start(total int) {
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("building"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(80*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionFullWidth(),
	)
}

func (p *barProgress) Done(r batch.Result) {
	if r.Status == batch.Failed {
		// Print above the bar, so failures are seen as they happen.
		p.bar.Clear()
		fmt.Fprintf(p.w, "failed %s: %s\n", r.Name, r.Reason)
	}
	p.bar.Add(1)
}

func (p *barProgress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar.Clear()
	}
}

// failureProgress says each failure as it happens, and nothing else:
// for logs and pipes, where a long build's failures should not wait for
// its end.
type failureProgress struct{ w io.Writer }

func (p *failureProgress) Start(int) {}

func (p *failureProgress) Done(r batch.Result) {
	if r.Status == batch.Failed {
		fmt.Fprintf(p.w, "failed %s: %s\n", r.Name, r.Reason)
	}
}

// lineProgress prints one plain line per output, for a terminal that
// should not animate (NO_COLOR, TERM=dumb).
type lineProgress struct {
	w           io.Writer
	total, done int
}

func (p *lineProgress) Start(total int) { p.total = total }

func (p *lineProgress) Done(r batch.Result) {
	p.done++
	width := len(strconv.Itoa(p.total))
	line := fmt.Sprintf("[%*d/%d] %s %s", width, p.done, p.total, r.Status, r.Name)
	if r.Status == batch.Failed {
		line += ": " + r.Reason
	}
	fmt.Fprintln(p.w, line)
}

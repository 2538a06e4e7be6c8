package serve

import (
	"cmp"
	"context"
	"errors"
	"html/template"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/awarekit/awarekit/toolkit/batch"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/pack"
	"github.com/awarekit/awarekit/toolkit/plan"
)

// building is a workshop build, running or finished: what `awarekit
// build` prints as it goes, kept for the page to ask about.
type building struct {
	mu       sync.Mutex
	plan     string
	total    int
	done     int
	failed   []string
	started  time.Time
	finished time.Time
	report   *batch.Report
	err      error
	cancel   context.CancelFunc
	notes    []string // what build says first: drafts, what a format leaves out
}

// Start and Done follow the build (batch.Progress).
func (b *building) Start(total int) {
	b.mu.Lock()
	b.total = total
	b.mu.Unlock()
}

func (b *building) Done(r batch.Result) {
	b.mu.Lock()
	b.done++
	if r.Status == batch.Failed {
		b.failed = append(b.failed, r.Name+": "+r.Reason)
	}
	b.mu.Unlock()
}

var errBusy = errors.New("a build is running")

// running reports whether a workshop build is running.
func (s *Server) running() bool {
	s.mu.Lock()
	b := s.build
	s.mu.Unlock()
	if b == nil {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.finished.IsZero()
}

// startBuild builds pl into out/ in the background, as `awarekit build`
// does: the same worker pool, manifest, print pack and index. One build
// runs at a time, and no "Make" writes into out/ meanwhile. Files an
// earlier build made are kept and named, not removed as the command
// removes them: every workshop's plan is built into out/, most under the
// form's one name, and the form's plan is not saved to make them again.
func (s *Server) startBuild(pl *plan.Plan, name string) error {
	if !s.write.TryLock() {
		return errBusy
	}
	ctx, cancel := context.WithCancel(s.base)
	b := &building{plan: name, started: time.Now(), cancel: cancel, notes: s.planNotes(pl)}
	s.mu.Lock()
	s.build = b
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer s.write.Unlock()
		defer cancel()
		// Recorded under a name no plan file has: a command-line build of
		// a workshop.yaml in this folder took the last workshop's
		// materials for its own and removed them (review19 L6).
		rep, err := batch.Run(ctx, s.eng, pl, batch.Options{OutDir: s.out, Jobs: runtime.NumCPU(), Progress: b, KeepEarlier: true,
			PlanName: "awarekit serve/" + cmp.Or(name, defaultPlan)})
		b.mu.Lock()
		b.report, b.err, b.finished = rep, err, time.Now()
		b.mu.Unlock()
		s.logFontWarnings()
	}()
	return nil
}

// buildView is the build's progress, or its outcome.
type buildView struct {
	Plan     string
	Running  bool
	Stopped  bool
	Total    int
	Done     int
	Failed   []string
	Made     int
	Same     int
	Seconds  string
	Problem  string
	Pack     *fileLink
	Index    *fileLink
	Zip      template.URL
	Warnings []string
	Notes    []string
	Out      string
}

// planNotes is what `awarekit build` says before it builds pl: each draft
// language's status, and what a format has no room for.
func (s *Server) planNotes(pl *plan.Plan) []string {
	jobs := make([]generate.Resolved, len(pl.Outputs))
	for i, o := range pl.Outputs {
		jobs[i] = *o.Job
	}
	notes, _ := s.eng.Drafts(jobs) // plan.Parse refused what it may not make
	return append(notes, s.eng.Leaves(jobs, pl.Org)...)
}

func (s *Server) buildView() *buildView {
	s.mu.Lock()
	b := s.build
	s.mu.Unlock()
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	v := &buildView{Plan: b.plan, Running: b.finished.IsZero(), Total: b.total, Done: b.done, Failed: b.failed, Out: s.out, Notes: b.notes}
	if v.Running {
		return v
	}
	v.Seconds = seconds(b.finished.Sub(b.started))
	switch {
	case errors.Is(b.err, batch.ErrInterrupted):
		v.Stopped = true
	case b.err != nil:
		v.Problem = b.err.Error()
	}
	if rep := b.report; rep != nil {
		v.Made, v.Same = rep.Summary.Made, rep.Summary.Unchanged
		v.Warnings = rep.Warnings
		if rep.Pack != nil && rep.Pack.Entry != nil {
			l := s.fileLink(pack.FileName)
			v.Pack = &l
		}
		if rep.Index != nil && rep.Index.Entry != nil {
			l := s.fileLink(pack.IndexName)
			v.Index = &l
		}
		if len(buildFiles(rep)) > 0 {
			v.Zip = "/workshop/zip"
		}
	}
	return v
}

func seconds(d time.Duration) string { return templateFuncs["seconds"].(func(time.Duration) string)(d) }

// buildFiles lists every file a build's report has on disk: each output
// with its further pages, the pack and the index.
func buildFiles(rep *batch.Report) []string {
	var names []string
	add := func(r batch.Result) {
		if r.Entry == nil {
			return
		}
		names = append(names, r.Entry.File)
		for _, p := range r.Entry.Also {
			names = append(names, p.File)
		}
	}
	for r := range rep.Results() {
		add(r)
	}
	for _, r := range []*batch.Result{rep.Pack, rep.Index} {
		if r != nil {
			add(*r)
		}
	}
	return names
}

// buildPage shows the build's progress; the page's script follows it
// through buildStatus, and without the script a button reloads it.
func (s *Server) buildPage(w http.ResponseWriter, r *http.Request) {
	u := s.ui.pick(r)
	p := s.newPage(u, u.T("build.title"), "workshop")
	p.Build = s.buildView()
	s.render(w, http.StatusOK, "build.html", p)
}

// buildStatus is the build's progress as JSON, for the page's script.
func (s *Server) buildStatus(w http.ResponseWriter, r *http.Request) {
	v := s.buildView()
	if v == nil {
		writeJSON(w, http.StatusNotFound, map[string]any{"state": "none"})
		return
	}
	state := "done"
	if v.Running {
		state = "running"
	}
	writeJSON(w, http.StatusOK, map[string]any{"state": state, "total": v.Total, "done": v.Done, "failed": len(v.Failed)})
}

// cancelBuild stops the running build as Ctrl-C stops `awarekit build`:
// the documents in progress are finished and the manifest written.
func (s *Server) cancelBuild(w http.ResponseWriter, r *http.Request) {
	u := s.ui.pick(r)
	s.mu.Lock()
	b := s.build
	s.mu.Unlock()
	if b != nil {
		b.cancel()
	}
	target := "/workshop/build"
	if u.Chosen {
		target += "?ui=" + u.Lang
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// zipBuild sends the last build's files as one zip.
func (s *Server) zipBuild(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	b := s.build
	s.mu.Unlock()
	if b == nil {
		s.notFound(w, r)
		return
	}
	b.mu.Lock()
	rep, done := b.report, !b.finished.IsZero()
	b.mu.Unlock()
	if !done || rep == nil {
		s.notFound(w, r)
		return
	}
	s.sendZip(w, "awarekit-workshop.zip", buildFiles(rep))
}

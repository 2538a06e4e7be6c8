package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/pack"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/plan"
)

func writePNG(t testing.TB, path string, shade ...uint8) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	c := color.RGBA{R: 0x7a, G: 0x1f, B: 0x5c, A: 0xff}
	if len(shade) > 0 {
		c.G = shade[0]
	}
	for y := range 20 {
		for x := range 40 {
			img.Set(x, y, c)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func writePlan(t testing.TB, dir, src string) *plan.Plan {
	t.Helper()
	path := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := plan.Load(testEngine(t), path, plan.Project{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t testing.TB, p *plan.Plan, opts Options) *Report {
	t.Helper()
	if opts.Jobs == 0 {
		opts.Jobs = 2
	}
	if opts.OutDir == "" {
		opts.OutDir = filepath.Join(p.Dir, "out")
	}
	rep, err := Run(context.Background(), testEngine(t), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// statuses maps each output (pack and index too) to what happened to it.
func statuses(rep *Report) map[string]Status {
	m := map[string]Status{}
	for r := range rep.Results() {
		m[r.Name] = r.Status
	}
	for _, r := range []*Result{rep.Pack, rep.Index} {
		if r != nil {
			m[r.Name] = r.Status
		}
	}
	return m
}

// made lists the files a build made, sorted.
func made(rep *Report) []string {
	var names []string
	for name, st := range statuses(rep) {
		if st == Made {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// checkDisk reads the manifest and checks it against the folder: every
// file it lists is there with its recorded sha256 and size, and no
// temporary file is left behind.
func checkDisk(t testing.TB, dir, name string) *manifest.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	entries := slices.Clone(m.Outputs)
	for _, e := range []*manifest.Entry{m.Pack, m.Index} {
		if e != nil {
			entries = append(entries, *e)
		}
	}
	for _, e := range entries {
		sha, n, err := manifest.FileHash(filepath.Join(dir, e.File))
		if err != nil || sha != e.SHA256 || n != e.Bytes {
			t.Errorf("%s: %s on disk has sha256 %.12s (%d bytes), manifest says %.12s (%d bytes)", name, e.File, sha, n, e.SHA256, e.Bytes)
		}
		for _, p := range e.Also {
			sha, n, err := manifest.FileHash(filepath.Join(dir, p.File))
			if err != nil || sha != p.SHA256 || n != p.Bytes {
				t.Errorf("%s: %s on disk has sha256 %.12s (%d bytes), manifest says %.12s (%d bytes)", name, p.File, sha, n, p.SHA256, p.Bytes)
			}
		}
	}
	tmps, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
	return &m
}

const incrementalPlan = `event:
  name: Safety evening
  date: 2026-12-03
organisation:
  name: Riverside Settlement Services
  phone: 604-555-0134
  logo: logo.png
outputs:
  - audiences: [%s]
    languages: [en, fr]
    format: flyer
    copies: 5
  - audience: business
    language: en
    format: flyer
    paper: %s
    copies: %d
%s`

// TestIncremental changes one input at a time and checks that a build
// makes exactly what depends on it, and that the manifest always matches
// the folder.
func TestIncremental(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	writePNG(t, filepath.Join(dir, "logo.png"))
	extra := ""
	planOf := func(auds, paper string, copies int) *plan.Plan {
		return writePlan(t, dir, fmt.Sprintf(incrementalPlan, auds, paper, copies, extra))
	}
	p := planOf("youth, health", "a4", 2)
	all := []string{"business-flyer-en.pdf", "health-flyer-en.pdf", "health-flyer-fr.pdf", pack.IndexName, pack.FileName, "youth-flyer-en.pdf", "youth-flyer-fr.pdf"}

	steps := []struct {
		name   string
		change func() *plan.Plan
		opts   Options
		want   []string // made
		reason map[string]string
	}{
		{"first build makes everything", func() *plan.Plan { return p }, Options{}, all, map[string]string{"youth-flyer-en.pdf": "not built before"}},
		{"nothing changed", func() *plan.Plan { return p }, Options{}, nil, nil},
		{"copies change only the pack and index", func() *plan.Plan { return planOf("youth, health", "a4", 3) }, Options{}, []string{pack.IndexName, pack.FileName}, nil},
		{"paper of one item", func() *plan.Plan { return planOf("youth, health", "letter", 3) }, Options{},
			[]string{"business-flyer-en.pdf", pack.IndexName, pack.FileName}, map[string]string{"business-flyer-en.pdf": "changed: paper"}},
		// A file made again is the same bytes, so the pack and index,
		// which depend on its inputs, stay as they are.
		{"a deleted file", func() *plan.Plan {
			os.Remove(filepath.Join(out, "youth-flyer-fr.pdf"))
			return planOf("youth, health", "letter", 3)
		}, Options{}, []string{"youth-flyer-fr.pdf"}, map[string]string{"youth-flyer-fr.pdf": "file missing"}},
		{"a file edited by hand", func() *plan.Plan {
			os.WriteFile(filepath.Join(out, "health-flyer-en.pdf"), []byte("%PDF-1.4 not really"), 0o644)
			return planOf("youth, health", "letter", 3)
		}, Options{}, []string{"health-flyer-en.pdf"}, map[string]string{"health-flyer-en.pdf": "file differs from the manifest"}},
		{"one more audience", func() *plan.Plan { return planOf("youth, health, newcomers", "letter", 3) }, Options{},
			[]string{pack.IndexName, "newcomers-flyer-en.pdf", "newcomers-flyer-fr.pdf", pack.FileName}, nil},
		{"bleed and crop marks on one item", func() *plan.Plan {
			extra = "    bleed: 3\n    crop_marks: true\n"
			return planOf("youth, health, newcomers", "letter", 3)
		}, Options{}, []string{"business-flyer-en.pdf", pack.IndexName, pack.FileName}, map[string]string{"business-flyer-en.pdf": "changed: bleed, crop marks"}},
		{"the logo's bytes", func() *plan.Plan {
			writePNG(t, filepath.Join(dir, "logo.png"), 0x80)
			return planOf("youth, health, newcomers", "letter", 3)
		}, Options{}, []string{"business-flyer-en.pdf", "health-flyer-en.pdf", "health-flyer-fr.pdf", pack.IndexName, "newcomers-flyer-en.pdf", "newcomers-flyer-fr.pdf", pack.FileName, "youth-flyer-en.pdf", "youth-flyer-fr.pdf"},
			map[string]string{"youth-flyer-en.pdf": "changed: organisation"}},
		{"--force", func() *plan.Plan { return planOf("youth, health, newcomers", "letter", 3) }, Options{Force: true},
			[]string{"business-flyer-en.pdf", "health-flyer-en.pdf", "health-flyer-fr.pdf", "newcomers-flyer-en.pdf", "newcomers-flyer-fr.pdf", pack.FileName, "youth-flyer-en.pdf", "youth-flyer-fr.pdf"}, nil},
	}
	for _, st := range steps {
		p := st.change()
		dry := st.opts
		dry.DryRun = true
		drep := run(t, p, dry)
		rep := run(t, p, st.opts)
		got := made(rep)
		if st.opts.Force {
			// index.html is written only when its text changes, and that
			// depends on whether the outputs come out byte for byte the same.
			got = slices.DeleteFunc(got, func(n string) bool { return n == pack.IndexName })
		}
		if !slices.Equal(got, st.want) {
			t.Errorf("%s: made %v\nwant %v", st.name, got, st.want)
		}
		// The dry run said beforehand what the build then did.
		for r := range rep.Results() {
			if d := statuses(drep)[r.Name]; (d == Unchanged) != (r.Status == Unchanged) {
				t.Errorf("%s: %s: dry run said %s, build did %s", st.name, r.Name, d, r.Status)
			}
			if want, ok := st.reason[r.Name]; ok && r.Reason != want {
				t.Errorf("%s: %s: reason %q, want %q", st.name, r.Name, r.Reason, want)
			}
		}
		m := checkDisk(t, out, manifest.FileName)
		if len(m.Outputs) != len(p.Outputs) || m.Pack == nil || m.Index == nil {
			t.Errorf("%s: manifest lists %d outputs (pack %v, index %v), want %d and both", st.name, len(m.Outputs), m.Pack != nil, m.Index != nil, len(p.Outputs))
		}
	}

	// The manifest says what each output was made from.
	m := checkDisk(t, out, manifest.FileName)
	e := m.Outputs[slices.IndexFunc(m.Outputs, func(e manifest.Entry) bool { return e.File == "health-flyer-fr.pdf" })]
	in := e.Inputs
	if in.Audience != "health" || in.Language != "fr" || in.Format != "flyer" || in.Paper != "letter" ||
		in.ContentVersion != testEngine(t).Lib.Info.Version || e.Pages != 1 || e.Copies != 5 || len(in.Fonts) == 0 {
		t.Errorf("manifest entry %+v, inputs %+v", e, in)
	}
	b := m.Outputs[slices.IndexFunc(m.Outputs, func(e manifest.Entry) bool { return e.File == "business-flyer-en.pdf" })]
	if b.Inputs.BleedMM != 3 || !b.Inputs.CropMarks {
		t.Errorf("business flyer inputs %+v, want 3 mm bleed and crop marks", b.Inputs)
	}
	for _, f := range in.Fonts {
		if f.Name == "" || f.Source == "" || len(f.SHA256) != 64 {
			t.Errorf("font %+v", f)
		}
	}
}

// TestShardPartition checks that the parts of any plan are disjoint,
// together the whole plan, and balanced.
func TestShardPartition(t *testing.T) {
	for size := range 30 {
		outs := make([]plan.Output, size)
		for i := range outs {
			outs[i].Name = fmt.Sprintf("out-%02d.pdf", i)
		}
		for n := 1; n <= 7; n++ {
			seen := map[string]int{}
			lo, hi := size, 0
			for k := 1; k <= n; k++ {
				s, err := NewShard(k, n)
				if err != nil {
					t.Fatal(err)
				}
				part := s.Of(outs)
				lo, hi = min(lo, len(part)), max(hi, len(part))
				for _, o := range part {
					seen[o.Name]++
				}
				if again := s.Of(outs); !slices.EqualFunc(again, part, func(a, b plan.Output) bool { return a.Name == b.Name }) {
					t.Fatalf("shard %v of %d outputs differs between calls", s, size)
				}
			}
			if len(seen) != size {
				t.Errorf("%d outputs in %d shards: union has %d", size, n, len(seen))
			}
			for name, c := range seen {
				if c != 1 {
					t.Errorf("%d outputs in %d shards: %s is in %d shards", size, n, name, c)
				}
			}
			if hi-lo > 1 {
				t.Errorf("%d outputs in %d shards: parts of %d to %d", size, n, lo, hi)
			}
		}
	}
	for _, bad := range []string{"0/3", "4/3", "1/0", "2", "a/b", "1/2/3"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) gave no error", bad)
		}
	}
}

// TestShardsThenFull builds a plan in three shards into one folder, then
// without --shard: the last run finds every output unchanged, merges the
// shard manifests and makes the pack.
func TestShardsThenFull(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	p := writePlan(t, dir, "outputs:\n  - audiences: [youth, health, business, newcomers]\n    languages: [en, fr]\n    format: flyer\n")
	var union []string
	for k := 1; k <= 3; k++ {
		s, _ := NewShard(k, 3)
		rep := run(t, p, Options{Shard: s})
		if rep.Pack != nil || rep.Index != nil {
			t.Errorf("shard %v made a pack or index", s)
		}
		m := checkDisk(t, out, s.manifest())
		if m.Shard != s.String() {
			t.Errorf("shard manifest says shard %q", m.Shard)
		}
		for _, e := range m.Outputs {
			union = append(union, e.File)
		}
	}
	if _, err := os.Stat(filepath.Join(out, manifest.FileName)); err == nil {
		t.Error("a shard wrote manifest.json")
	}
	var all []string
	for _, o := range p.Outputs {
		all = append(all, o.Name)
	}
	slices.Sort(union)
	slices.Sort(all)
	if !slices.Equal(union, all) {
		t.Errorf("shards made %v, plan has %v", union, all)
	}

	rep := run(t, p, Options{})
	if got := made(rep); !slices.Equal(got, []string{pack.IndexName, pack.FileName}) {
		t.Errorf("full build after shards made %v, want only the index and pack", got)
	}
	checkDisk(t, out, manifest.FileName)
	if left, _ := filepath.Glob(filepath.Join(out, "manifest.shard-*")); len(left) > 0 {
		t.Errorf("shard manifests left after the full build: %v", left)
	}
}

// TestFailureDoesNotStopOthers makes one output impossible to write: the
// others are made, the failure is reported with its reason, no pack is
// made from an incomplete set, and the manifest leaves the failure out.
func TestFailureDoesNotStopOthers(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	p := writePlan(t, dir, "outputs:\n  - audiences: [youth, health]\n    languages: [en, fr]\n    format: flyer\n")
	if err := os.MkdirAll(filepath.Join(out, "youth-flyer-fr.pdf", "in-the-way"), 0o755); err != nil {
		t.Fatal(err)
	}
	rep := run(t, p, Options{})
	fails := rep.Failures()
	if len(fails) != 1 || fails[0].Name != "youth-flyer-fr.pdf" || !strings.Contains(fails[0].Reason, "youth-flyer-fr.pdf") {
		t.Fatalf("failures %+v, want youth-flyer-fr.pdf with a reason naming it", fails)
	}
	if s := rep.Summary; s.Made != 3 || s.Failed != 1 {
		t.Errorf("summary %+v", s)
	}
	if rep.Pack != nil || !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, "pack.pdf not made") }) {
		t.Errorf("pack %+v, warnings %v", rep.Pack, rep.Warnings)
	}
	m := checkDisk(t, out, manifest.FileName)
	if len(m.Outputs) != 3 {
		t.Errorf("manifest lists %d outputs, want the 3 made", len(m.Outputs))
	}
}

// cancelAfter cancels a build after n outputs are done.
type cancelAfter struct {
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Start(int) {}
func (c *cancelAfter) Done(Result) {
	if c.n--; c.n == 0 {
		c.cancel()
	}
}

// TestCancel stops a build after two outputs: the rest are skipped, the
// manifest lists exactly what is on disk, and the next build finishes
// the job without making the first two again.
func TestCancel(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	p := writePlan(t, dir, "outputs:\n  - audiences: [youth, health, business, newcomers, indigenous]\n    languages: [en, fr]\n    format: flyer\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rep, err := Run(ctx, testEngine(t), p, Options{OutDir: out, Jobs: 1, Progress: &cancelAfter{n: 2, cancel: cancel}})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("error %v, want ErrInterrupted", err)
	}
	s := rep.Summary
	if !s.Interrupted || s.Made < 2 || s.Made+s.Skipped != 10 || rep.Pack != nil {
		t.Errorf("summary %+v, pack %v", s, rep.Pack)
	}
	m := checkDisk(t, out, manifest.FileName)
	if len(m.Outputs) != s.Made {
		t.Errorf("manifest lists %d outputs, %d were made", len(m.Outputs), s.Made)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(files) != s.Made {
		t.Errorf("%d PDFs on disk, %d made", len(files), s.Made)
	}

	rep = run(t, p, Options{})
	if rep.Summary.Unchanged != s.Made || rep.Summary.Made != 10-s.Made {
		t.Errorf("after the interrupted build: %+v", rep.Summary)
	}
	checkDisk(t, out, manifest.FileName)
}

// TestPack checks pack.pdf and index.html as a reader's tools see them:
// valid, a cover sheet naming the event and every material, then every
// material's pages in plan order, with the page sizes they were made on.
func TestPack(t *testing.T) {
	t.Parallel()
	pdftest.Need(t, "qpdf", "pdftotext", "pdfinfo")
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	p := writePlan(t, dir, `event:
  name: "Evening <script>alert(1)</script> & talk"
  date: 2026-12-03
  place: Main hall
  facilitator: A. Singh
organisation: {name: Riverside Settlement Services}
outputs:
  - audiences: [youth, newcomers]
    languages: [en, fr]
    format: flyer
    copies: 25
  - {audience: health, language: en, format: flyer, paper: a4, copies: 7}
`)
	rep := run(t, p, Options{})
	if rep.Pack == nil || rep.Pack.Status != Made || rep.Pack.Entry.Pages != 6 {
		t.Fatalf("pack %+v", rep.Pack)
	}
	packPDF := filepath.Join(out, pack.FileName)
	pdftest.Check(t, packPDF)
	info := pdftest.Info(t, packPDF, "-f", "1", "-l", "6")
	if info["Pages"] != "6" || !strings.HasPrefix(info["Page    1 size"], "612 x 792") || !strings.HasPrefix(info["Page    6 size"], "595.28 x 841.89") {
		t.Errorf("pdfinfo: pages %s, page 1 %s, page 6 %s", info["Pages"], info["Page    1 size"], info["Page    6 size"])
	}
	cover := pdftest.Normalize(runText(t, packPDF, 1, 1))
	for _, want := range []string{"Evening <script>alert(1)</script> & talk", "2026-12-03", "Main hall", "A. Singh", "Riverside Settlement Services",
		"Youth flyer, English", "youth-flyer-en.pdf", "newcomers-flyer-fr.pdf", "Health care providers flyer, English", "Total: 5 materials: 100 sheets of letter, 7 sheets of a4"} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover sheet lacks %q:\n%s", want, cover)
		}
	}
	hotline, _ := testEngine(t).Lib.Contact("chth")
	for i, o := range p.Outputs {
		page := pdftest.Normalize(runText(t, packPDF, i+2, i+2))
		alone := pdftest.Text(t, filepath.Join(out, o.Name))
		if page != alone {
			t.Errorf("pack page %d is not %s:\n%s\nwant\n%s", i+2, o.Name, page, alone)
		}
		if !strings.Contains(page, hotline.Phone) {
			t.Errorf("pack page %d lacks the hotline %s", i+2, hotline.Phone)
		}
	}

	html, err := os.ReadFile(filepath.Join(out, pack.IndexName))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="pack.pdf">`, `<a href="youth-flyer-en.pdf">youth-flyer-en.pdf</a>`, `<a href="health-flyer-en.pdf">`,
		"Evening &lt;script&gt;alert(1)&lt;/script&gt; &amp; talk", `<a href="manifest.json">`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if strings.Contains(string(html), "<script>") {
		t.Error("index.html has the event's <script> unescaped")
	}
}

func execOutput(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).Output()
	return string(out), err
}

func runText(t *testing.T, path string, first, last int) string {
	t.Helper()
	out, err := execOutput("pdftotext", "-enc", "UTF-8", "-f", fmt.Sprint(first), "-l", fmt.Sprint(last), path, "-")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// BenchmarkBuild100 builds 100 one-page flyers (the five audiences in en
// and fr, ten times under different names) with two workers, everything
// made each time (--force), no pack.
func BenchmarkBuild100(b *testing.B) {
	dir := b.TempDir()
	var src strings.Builder
	src.WriteString("pack: false\noutputs:\n")
	for i := range 10 {
		fmt.Fprintf(&src, "  - {audiences: [youth, indigenous, newcomers, business, health], languages: [en, fr], format: flyer, pattern: \"{audience}-{lang}-%d.{ext}\"}\n", i)
	}
	p := writePlan(b, dir, src.String())
	if len(p.Outputs) != 100 {
		b.Fatalf("%d outputs", len(p.Outputs))
	}
	opts := Options{OutDir: filepath.Join(dir, "out"), Jobs: 2, Force: true}
	run(b, p, opts) // warm: the engine's caches and the folder
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		rep := run(b, p, opts)
		if rep.Summary.Made != 100 {
			b.Fatalf("made %d", rep.Summary.Made)
		}
		n++
	}
	perDoc := b.Elapsed().Seconds() / float64(n*100)
	b.ReportMetric(1/perDoc, "docs/s")
	b.ReportMetric(perDoc*1000, "ms/doc")
}

// TestEventOnHandouts: a plan's event is printed on handouts, not on
// flyers, and a handout without an event has no event line.
func TestEventOnHandouts(t *testing.T) {
	t.Parallel()
	pdftest.Need(t, "pdftotext")
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	p := writePlan(t, dir, `event: {name: Safety evening, date: 3 December 2026, place: Main hall, facilitator: A. Singh}
outputs:
  - {audience: youth, language: fr, formats: [handout, flyer]}
`)
	run(t, p, Options{})
	handout := pdftest.Normalize(runText(t, filepath.Join(out, "youth-handout-fr.pdf"), 1, 1))
	if !strings.Contains(handout, "Safety evening · 3 December 2026 · Main hall · A. Singh") {
		t.Errorf("the handout lacks the event line:\n%s", handout)
	}
	if flyer := pdftest.Text(t, filepath.Join(out, "youth-flyer-fr.pdf")); strings.Contains(flyer, "Safety evening") {
		t.Error("the flyer carries the event line; only handouts and the cover sheet do")
	}
}

var (
	engineOnce sync.Once
	engine     *generate.Engine
	engineErr  error
)

// testEngine is one engine for the package's tests, as a process has.
func testEngine(t testing.TB) *generate.Engine {
	t.Helper()
	engineOnce.Do(func() { engine, engineErr = generate.New("awarekit test", time.Time{}) })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}

// TestPartners builds a plan for two partner organisations: each gets its
// materials, with its own name and phone and no one else's, its own
// pack.pdf and index.html in its folder; the output folder's index.html
// links both, and the manifest lists every file under its folder. A
// second build makes nothing; a change to one partner remakes only its
// folder.
func TestPartners(t *testing.T) {
	t.Parallel()
	pdftest.Need(t, "qpdf", "pdftotext")
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	partners := func(phone string) {
		csv := "name,phone,colour\nRiverside Settlement Services,604-555-0134,\"#7a1f5c\"\nHope Centre," + phone + ",\n"
		if err := os.WriteFile(filepath.Join(dir, "partners.csv"), []byte(csv), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	partners("416-555-0199")
	src := "event: {name: Safety evening}\norganisations: partners.csv\noutputs:\n  - {audiences: [youth, health], language: en, format: flyer, copies: 3}\n  - {audience: youth, language: en, format: md}\n"
	p := writePlan(t, dir, src)
	rep := run(t, p, Options{})
	if s := rep.Summary; s.Made != 6 || s.Failed != 0 {
		t.Fatalf("summary %+v", s)
	}
	if rep.Pack != nil || rep.Index == nil || rep.Index.Status != Made || len(rep.Sets) != 2 {
		t.Fatalf("pack %v, index %v, sets %+v", rep.Pack, rep.Index, rep.Sets)
	}
	hotline, _ := testEngine(t).Lib.Contact("chth")
	for k, pt := range []struct{ folder, name, phone, other string }{
		{"riverside-settlement-services", "Riverside Settlement Services", "604-555-0134", "416-555-0199"},
		{"hope-centre", "Hope Centre", "416-555-0199", "604-555-0134"},
	} {
		s := rep.Sets[k]
		if s.Folder != pt.folder || s.Pack == nil || s.Pack.Status != Made || s.Pack.Entry.Pages != 3 || s.Index == nil || s.Index.Status != Made {
			t.Fatalf("set %d: %+v, pack %+v", k, s, s.Pack)
		}
		flyer := pdftest.Text(t, filepath.Join(out, pt.folder, "youth-flyer-en.pdf"))
		if !strings.Contains(flyer, pt.phone) || strings.Contains(flyer, pt.other) || !strings.Contains(flyer, hotline.Phone) {
			t.Errorf("%s's flyer: want its phone %s, not %s, and the hotline:\n%s", pt.name, pt.phone, pt.other, flyer)
		}
		packPDF := filepath.Join(out, pt.folder, pack.FileName)
		pdftest.Check(t, packPDF)
		if cover := pdftest.Normalize(runText(t, packPDF, 1, 1)); !strings.Contains(cover, pt.name) || !strings.Contains(cover, "Total: 2 materials: 6 sheets of letter") {
			t.Errorf("%s's cover sheet:\n%s", pt.name, cover)
		}
		html, err := os.ReadFile(filepath.Join(out, pt.folder, pack.IndexName))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`<a href="youth-flyer-en.pdf">`, `<a href="youth-md-en.md">`, `<a href="pack.pdf">`, `<a href="../manifest.json">`, `<a href="../index.html">All partners</a>`} {
			if !strings.Contains(string(html), want) {
				t.Errorf("%s/index.html lacks %s", pt.folder, want)
			}
		}
	}
	top, err := os.ReadFile(filepath.Join(out, pack.IndexName))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="riverside-settlement-services/index.html">riverside-settlement-services/</a>`, `<a href="hope-centre/pack.pdf">pack.pdf</a>`, "Hope Centre"} {
		if !strings.Contains(string(top), want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	m := checkDisk(t, out, manifest.FileName)
	if len(m.Outputs) != 6 || m.Pack != nil || m.Index == nil || len(m.Sets) != 2 || m.Sets[1].Pack == nil || m.Sets[1].Pack.File != "hope-centre/pack.pdf" || m.Sets[1].Organisation != "Hope Centre" {
		t.Fatalf("manifest: %d outputs, pack %v, sets %+v", len(m.Outputs), m.Pack, m.Sets)
	}
	for _, s := range m.Sets {
		for _, e := range []*manifest.Entry{s.Pack, s.Index} {
			if sha, _, _ := manifest.FileHash(filepath.Join(out, e.File)); sha != e.SHA256 {
				t.Errorf("%s on disk is not as recorded", e.File)
			}
		}
	}

	if rep := run(t, p, Options{}); rep.Summary.Made != 0 || rep.Sets[0].Pack.Status != Unchanged {
		t.Errorf("second build: %+v, first pack %+v", rep.Summary, rep.Sets[0].Pack)
	}
	partners("416-555-0100")
	p = writePlan(t, dir, src)
	rep = run(t, p, Options{})
	var remade []string
	for r := range rep.Results() {
		if r.Status == Made {
			remade = append(remade, r.Name)
		}
	}
	if want := []string{"hope-centre/youth-flyer-en.pdf", "hope-centre/health-flyer-en.pdf", "hope-centre/youth-md-en.md"}; !slices.Equal(remade, want) {
		t.Errorf("after Hope Centre's phone changed, made %v, want %v", remade, want)
	}
	if rep.Sets[0].Pack.Status != Unchanged || rep.Sets[1].Pack.Status != Made {
		t.Errorf("packs %s and %s, want unchanged and made", rep.Sets[0].Pack.Status, rep.Sets[1].Pack.Status)
	}
	checkDisk(t, out, manifest.FileName)
}

// TestOwnIndexWithoutManifest: the index.html a build writes is known as
// a build's when its manifest is gone (a failed build removes it), so
// the next build is not refused as writing over another program's page.
func TestOwnIndexWithoutManifest(t *testing.T) {
	dir := t.TempDir()
	p := writePlan(t, dir, "organisation: {name: Riverside Settlement Services, phone: 604-555-0134}\noutputs:\n  - {audience: youth, language: en, format: flyer}\n")
	run(t, p, Options{})
	out := filepath.Join(dir, "out")
	if err := os.Remove(filepath.Join(out, manifest.FileName)); err != nil {
		t.Fatal(err)
	}
	prev := manifest.ReadPrevious(out)
	defer prev.Close()
	if prev.Refused != nil {
		t.Fatalf("the build's own index.html refused: %v", prev.Refused)
	}
}

package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/batch"
	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/pack"
	"github.com/awarekit/awarekit/toolkit/pdftest"
)

func TestBuildFlags(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	project := t.TempDir()
	writeFile(t, filepath.Join(project, ConfigFileName), "organisation:\n  name: Project Org\npaper: a4\n")
	plan := filepath.Join(project, "workshop.yaml")
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(*testing.T, *BuildOptions)
		wantErr string // "" for none; a usage error's text otherwise
	}{
		{name: "defaults", args: []string{plan}, check: func(t *testing.T, o *BuildOptions) {
			if o.PlanFile != plan || o.Jobs != runtime.NumCPU() || o.Shard.Active() || o.OutDir != "" || o.Force || o.DryRun || o.JSON || o.Quiet {
				t.Errorf("options %+v", o)
			}
		}},
		{name: "the project beside the plan", args: []string{plan}, check: func(t *testing.T, o *BuildOptions) {
			if o.Project.Org.Name != "Project Org" || o.Project.Paper != "a4" {
				t.Errorf("project %+v", o.Project)
			}
		}},
		{name: "flags", args: []string{plan, "-j", "3", "--force", "-n", "-q", "--json", "-o", "x"}, check: func(t *testing.T, o *BuildOptions) {
			if o.Jobs != 3 || !o.Force || !o.DryRun || !o.Quiet || !o.JSON || o.OutDir != "x" {
				t.Errorf("options %+v", o)
			}
		}},
		{name: "shard", args: []string{plan, "--shard", "2/4"}, check: func(t *testing.T, o *BuildOptions) {
			if o.Shard != (batch.Shard{K: 2, N: 4}) {
				t.Errorf("shard %v", o.Shard)
			}
		}},
		{name: "shard from an indexed job", args: []string{plan, "--shard-count", "4"}, env: map[string]string{shardIndexEnv: "3"}, check: func(t *testing.T, o *BuildOptions) {
			if o.Shard != (batch.Shard{K: 4, N: 4}) {
				t.Errorf("shard %v", o.Shard)
			}
		}},
		{name: "no plan", wantErr: "build needs one plan file"},
		{name: "two plans", args: []string{plan, plan}, wantErr: "build takes one plan file, not 2 arguments"},
		{name: "gather", args: []string{plan, "--gather", "a", "--gather", "b", "c", "d"}, check: func(t *testing.T, o *BuildOptions) {
			if !slices.Equal(o.Gather, []string{"a", "b", "c", "d"}) || o.PlanFile != plan {
				t.Errorf("gather %q, plan %s", o.Gather, o.PlanFile)
			}
		}},
		{name: "gather and shard", args: []string{plan, "--gather", "a", "--shard", "1/2"}, wantErr: "give one or the other"},
		{name: "gather and force", args: []string{plan, "--gather", "a", "--force"}, wantErr: "--force has nothing to do"},
		{name: "gather a folder with an escape", args: []string{plan, "--gather", "a\x1b[2J"}, wantErr: "U+001B"},
		{name: "shard out of range", args: []string{plan, "--shard", "5/4"}, wantErr: "shard 5/4: the part must be between 1 and 4"},
		{name: "shard not K/N", args: []string{plan, "--shard", "half"}, wantErr: `shard "half" is not K/N`},
		{name: "index past the count", args: []string{plan, "--shard-count", "4"}, env: map[string]string{shardIndexEnv: "4"}, wantErr: "must be from 0 to 3"},
		{name: "shard count without an index", args: []string{plan, "--shard-count", "4"}, wantErr: "--shard-count needs $JOB_COMPLETION_INDEX"},
		{name: "both shard flags", args: []string{plan, "--shard", "1/2", "--shard-count", "2"}, env: map[string]string{shardIndexEnv: "0"}, wantErr: "not both"},
		{name: "negative jobs", args: []string{plan, "--jobs", "-1"}, wantErr: "--jobs -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Unsetenv(shardIndexEnv)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var got *BuildOptions
			f := newFactory(&IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
			root := newRootCmd(f)
			root.RemoveCommand(root.Commands()...)
			root.AddCommand(newCmdBuild(f, func(o *BuildOptions) error { got = o; return nil }))
			root.SetArgs(append([]string{"build"}, tt.args...))
			err := root.Execute()
			if tt.wantErr != "" {
				if err == nil || !isUsage(err) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want a usage error with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, got)
		})
	}
}

// checkManifest checks out's manifest against the folder and returns it:
// every file it lists is on disk with its sha256, every PDF on disk is
// listed, and no temporary file is left.
func checkManifest(t *testing.T, out string) manifest.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, manifest.FileName))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	entries := slices.Clone(m.Outputs)
	if m.Pack != nil {
		entries = append(entries, *m.Pack)
	}
	for _, e := range entries {
		listed[e.File] = true
		data, err := os.ReadFile(filepath.Join(out, e.File))
		if err != nil {
			t.Errorf("manifest lists %s: %v", e.File, err)
			continue
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != e.SHA256 || int64(len(data)) != e.Bytes {
			t.Errorf("%s on disk does not match the manifest", e.File)
		}
	}
	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	for _, p := range pdfs {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			continue // a test's obstacle
		}
		if !listed[filepath.Base(p)] {
			t.Errorf("%s is on disk but not in the manifest", filepath.Base(p))
		}
	}
	if tmps, _ := filepath.Glob(filepath.Join(out, ".*")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
	return m
}

// TestInitBuildsAPack is the finish line: awarekit init demo &&
// cd demo && awarekit build workshop.yaml makes a complete, valid pack.
func TestInitBuildsAPack(t *testing.T) {
	pdftest.Need(t, "qpdf", "pdftotext", "pdfinfo")
	work := t.TempDir()
	r := runCLI(t, work, "init", "demo")
	if r.code != 0 {
		t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
	}
	demo := filepath.Join(work, "demo")
	r = runCLI(t, demo, "build", "workshop.yaml")
	if r.code != 0 {
		t.Fatalf("build: exit %d\n%s", r.code, r.stderr)
	}
	// Five flyers, then the newcomers' workshop kit in English and French
	// (seven parts each); the cover sheet takes two pages.
	if !strings.Contains(r.stderr, "19 made, 0 unchanged, 0 failed") || !strings.Contains(r.stderr, "print pack: out/pack.pdf (62 pages, made)") {
		t.Errorf("summary:\n%s", r.stderr)
	}
	out := filepath.Join(demo, "out")
	m := checkManifest(t, out)
	if len(m.Outputs) != 19 || m.Pack == nil || m.Pack.Pages != 62 {
		t.Fatalf("manifest: %d outputs, pack %+v", len(m.Outputs), m.Pack)
	}
	// The materials and the pack are joined, so that qpdf --check and
	// pdftotext run once for them all; the pack, the work of our own
	// joiner, is checked alone too (and with AWAREKIT_FULL=1 each file).
	var paths []string
	for _, e := range append(m.Outputs, *m.Pack) {
		paths = append(paths, filepath.Join(out, e.File))
		if full() {
			pdftest.Check(t, paths[len(paths)-1])
		}
	}
	joined := pdftest.Join(t, paths...)
	joined.Check(t)
	texts := joined.Texts(t)
	for i, e := range append(m.Outputs, *m.Pack) {
		if !strings.Contains(texts[i], "1-833-900-1010") {
			t.Errorf("%s lacks the hotline number", e.File)
		}
	}
	pdftest.Check(t, filepath.Join(out, pack.FileName))
	// The join leaves out each file's catalog and structure tree: the
	// last material is checked alone.
	pdftest.Check(t, paths[len(paths)-2])
	packText := texts[len(texts)-1]
	// The slides are for the projector: in the pack, not in the totals.
	// 100 sheets of flyers; each kit: 4 or 5 sheets of guide (one copy,
	// duplex), 10 myths, 30 quiz, 20 scenario sheets (duplex), 1 sign-in
	// sheet (12 rows or more for 10 people), 10 feedback.
	for _, want := range []string{"Neighbourhood safety evening", "Community centre, main hall", "youth-flyer-fr.pdf", "health-flyer-en.pdf",
		"Total: 17 materials: 251 sheets of letter (49 printed on both sides), 10 sheets of a4"} {
		if !strings.Contains(packText, want) {
			t.Errorf("pack lacks %q", want)
		}
	}
	// The kit in the order of a session, on the cover as in the pack.
	squeezed := strings.Join(strings.Fields(packText), " ")
	last := -1
	for _, part := range []string{"guide", "slides", "myths", "quiz", "scenarios", "signin", "feedback"} {
		i := strings.Index(squeezed, "newcomers-"+part+"-en.pdf")
		if i < last {
			t.Errorf("the cover lists newcomers-%s-en.pdf out of the session's order", part)
		}
		last = i
	}
	for _, want := range []string{"Newcomers and migrant workers facilitator guide, English", "1 copy, duplex, 4 sheets each", "Newcomers and migrant workers sign-in sheet, English", "not printed: shown on a projector"} {
		if !strings.Contains(squeezed, want) {
			t.Errorf("the cover lacks %q", want)
		}
	}
	if info := pdftest.Info(t, filepath.Join(out, pack.FileName), "-f", "7", "-l", "7"); !strings.HasPrefix(info["Page    7 size"], "595.28 x 841.89") {
		t.Errorf("the A4 material's page is %q in the pack", info["Page    7 size"])
	}
	if _, err := os.Stat(filepath.Join(out, pack.IndexName)); err != nil {
		t.Error(err)
	}

	// A second run finds everything unchanged.
	r = runCLI(t, demo, "build", "workshop.yaml")
	if r.code != 0 || !strings.Contains(r.stderr, "0 made, 19 unchanged, 0 failed") || !strings.Contains(r.stderr, "(62 pages, unchanged)") {
		t.Errorf("second build: exit %d\n%s", r.code, r.stderr)
	}
	// Run from elsewhere, the plan's folder still decides where out/ is.
	r = runCLI(t, work, "build", "demo/workshop.yaml", "-q")
	if r.code != 0 || r.stderr != "" || r.stdout != "" {
		t.Errorf("quiet build from the parent folder: exit %d\nstdout %q\nstderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestBuildJSON checks the shape of --json, for a build and a dry run.
func TestBuildJSON(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "plan.yaml"), "event: {name: E}\noutputs:\n  - {audiences: [youth, health], languages: [en, fr], format: flyer, copies: 3}\n")
	type result struct {
		File, Path, Status, Reason, Audience, Language, Format, Paper, SHA256 string
		Copies, Pages                                                         int
		Bytes                                                                 int64
	}
	var got struct {
		Plan, Out string
		DryRun    bool `json:"dry_run"`
		Summary   map[string]any
		Outputs   []result
		Pack      *result
		Index     *result
		Warnings  []string
	}

	r := runCLI(t, work, "build", "plan.yaml", "--json", "-q")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("--json output: %v\n%s", err, r.stdout)
	}
	var keys map[string]json.RawMessage
	json.Unmarshal([]byte(r.stdout), &keys)
	for _, k := range []string{"plan", "out", "dry_run", "summary", "outputs", "pack", "index", "warnings", "plan_warnings"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("--json has no %q", k)
		}
	}
	for _, k := range []string{"total", "made", "unchanged", "failed", "skipped", "seconds", "docs_per_second", "interrupted"} {
		if _, ok := got.Summary[k]; !ok {
			t.Errorf("--json summary has no %q", k)
		}
	}
	if got.Plan != "plan.yaml" || got.Out != "out" || got.DryRun || got.Summary["made"] != 4.0 || got.Summary["total"] != 4.0 || len(got.Outputs) != 4 {
		t.Errorf("--json: %+v", got)
	}
	first := got.Outputs[0]
	if first.File != "youth-flyer-en.pdf" || first.Path != filepath.Join("out", "youth-flyer-en.pdf") || first.Status != "made" || first.Reason != "not built before" ||
		first.Audience != "youth" || first.Language != "en" || first.Format != "flyer" || first.Paper != "letter" ||
		first.Copies != 3 || first.Pages != 1 || len(first.SHA256) != 64 || first.Bytes == 0 {
		t.Errorf("first output %+v", first)
	}
	if got.Pack == nil || got.Pack.Status != "made" || got.Pack.Pages != 5 || got.Index == nil {
		t.Errorf("pack %+v index %+v", got.Pack, got.Index)
	}

	writeFile(t, filepath.Join(work, "plan.yaml"), "event: {name: E}\noutputs:\n  - {audiences: [youth, health], languages: [en, fr], format: flyer, copies: 3}\n  - {audience: business, language: en, format: flyer}\n")
	r = runCLI(t, work, "build", "plan.yaml", "--json", "--dry-run")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	got.Outputs = nil
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	var st []string
	for _, o := range got.Outputs {
		st = append(st, o.File+" "+o.Status)
	}
	want := []string{"youth-flyer-en.pdf unchanged", "youth-flyer-fr.pdf unchanged", "health-flyer-en.pdf unchanged", "health-flyer-fr.pdf unchanged", "business-flyer-en.pdf new"}
	if !got.DryRun || !slices.Equal(st, want) || got.Pack.Status != "changed" {
		t.Errorf("dry run: %v, pack %+v\nwant %v", st, got.Pack, want)
	}
	if !strings.Contains(r.stderr, "dry run: 1 new, 0 changed, 4 unchanged; nothing written") {
		t.Errorf("dry run summary:\n%s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(work, "out", "business-flyer-en.pdf")); err == nil {
		t.Error("the dry run wrote a file")
	}
}

// TestBuildErrors checks what the user sees when a plan is wrong and when
// an output fails.
func TestBuildErrors(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "bad.yaml"), "outputs:\n  - audience: teens\n    language: klingon\n    format: flyer\n    colour: red\n")
	r := runCLI(t, work, "build", "bad.yaml")
	for _, want := range []string{
		"bad.yaml has 3 problems:",
		`bad.yaml:2:15: outputs[0].audience: unknown audience "teens"; choose one of: agriculture, business,`,
		`bad.yaml:3:15: outputs[0].language: unknown language "klingon"`,
		`bad.yaml:5:5: outputs[0].colour: unknown key "colour"`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}

	writeFile(t, filepath.Join(work, "plan.yaml"), "outputs:\n  - {audiences: [youth, health], languages: [en, fr], format: flyer}\n")
	if err := os.MkdirAll(filepath.Join(work, "out", "health-flyer-en.pdf", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, work, "build", "plan.yaml")
	folder := "cannot write " + filepath.Join("out", "health-flyer-en.pdf") + ": a folder has that name; move or rename the folder, or write somewhere else with --out"
	if r.code != 1 || !strings.Contains(r.stderr, "awarekit: 1 of 4 failed:\n  health-flyer-en.pdf: "+folder) ||
		!strings.Contains(r.stderr, "3 made, 0 unchanged, 1 failed") || !strings.Contains(r.stderr, "failed health-flyer-en.pdf: "+folder) || strings.Contains(r.stderr, ".tmp") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	checkManifest(t, filepath.Join(work, "out"))

	// An output folder that is a file is said before the notes on what
	// the plan makes: "draft: French (fr) is a draft…" came first, then
	// "cannot use afile as the output folder".
	writeFile(t, filepath.Join(work, "afile"), "x")
	r = runCLI(t, work, "build", "plan.yaml", "-o", "afile")
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, "awarekit: cannot use afile as the output folder: it is a file, not a folder") {
		t.Errorf("an output folder that is a file: exit %d\n%s", r.code, r.stderr)
	}
}

// TestBuildInterrupt sends SIGINT to the real binary in the middle of a
// build: it stops, exits 130, leaves no partial or temporary file, and its
// manifest lists exactly the files on disk with their sha256. The next
// build would make only what is missing. It runs the real binary: a
// signal needs a process of its own.
func TestBuildInterrupt(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT on Windows")
	}
	bin := binary(t)
	work := t.TempDir()
	var plan strings.Builder
	plan.WriteString("outputs:\n")
	// Enough documents, one worker at a time, that the build is still
	// running when the interrupt arrives after the first is made.
	const items = 6
	for i := range items {
		fmt.Fprintf(&plan, "  - {audiences: [youth, indigenous, newcomers, business, health], languages: [en, fr], format: flyer, pattern: \"{audience}-{lang}-%03d.{ext}\"}\n", i)
	}
	writeFile(t, filepath.Join(work, "plan.yaml"), plan.String())

	cmd := exec.Command(bin, "build", "plan.yaml", "--jobs", "1")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(work, ".config"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Progress is shown on a terminal only; here the first material on
	// disk says the build is under way.
	logged := make(chan string)
	go func() {
		var log strings.Builder
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
		}
		logged <- log.String()
	}()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if made, _ := filepath.Glob(filepath.Join(work, "out", "*.pdf")); len(made) > 0 {
			break
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	log.WriteString(<-logged)
	err = cmd.Wait()
	exit, ok := err.(*exec.ExitError)
	if !ok || exit.ExitCode() != exitInterrupt {
		t.Fatalf("exit %v, want %d\n%s", err, exitInterrupt, log.String())
	}
	// "interrupted: finishing the documents in progress" is printed only
	// when the signal is seen before the build has wound down, which on a
	// busy machine it may not be; the closing line always is.
	if !strings.Contains(log.String(), "awarekit: interrupted: ") {
		t.Errorf("stderr:\n%s", log.String())
	}
	out := filepath.Join(work, "out")
	m := checkManifest(t, out)
	if n := len(m.Outputs); n < 1 || n >= items*10 {
		t.Errorf("manifest lists %d outputs after an interrupt at the first", n)
	}
	if m.Pack != nil {
		t.Error("an interrupted build made a pack")
	}
	if _, err := os.Stat(filepath.Join(out, pack.FileName)); err == nil {
		t.Error("pack.pdf exists after an interrupted build")
	}

	r := runCLI(t, work, "build", "plan.yaml", "--dry-run", "--json")
	if r.code != 0 {
		t.Fatalf("the dry run after: exit %d\n%s", r.code, r.stderr)
	}
	var got struct{ Summary map[string]any }
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got.Summary["unchanged"] != float64(len(m.Outputs)) || got.Summary["new"] != float64(items*10-len(m.Outputs)) {
		t.Errorf("the build after would keep %v and make %v; %d were done before", got.Summary["unchanged"], got.Summary["new"], len(m.Outputs))
	}
}

// TestBuildContentErrorBeforePlan: the plan is read while the engine
// opens, and a problem with the content is still the one reported when
// the plan has one too (here: it is missing), as when the plan was read
// after.
func TestBuildContentErrorBeforePlan(t *testing.T) {
	ownContent(t)
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "c", "audiences", "youth", "audience.yaml"), "id: [\n")
	t.Setenv("AWAREKIT_CONTENT", filepath.Join(work, "c"))
	r := runCLI(t, work, "build", "missing.yaml")
	if r.code != 1 || !strings.Contains(r.stderr, "audience.yaml:1:") || strings.Contains(r.stderr, "missing.yaml") {
		t.Errorf("exit %d, want 1 and the content file's problem:\n%s", r.code, r.stderr)
	}
	t.Setenv("AWAREKIT_CONTENT", "")
	writeFile(t, filepath.Join(work, "bad.yaml"), "outputs:\n  - {audience: youth, language: en, format: flyer}\n  - [\n")
	r = runCLI(t, work, "build", "bad.yaml")
	if r.code != 1 || !strings.Contains(r.stderr, "bad.yaml:") {
		t.Errorf("exit %d, want 1 and the plan's problem:\n%s", r.code, r.stderr)
	}
}

// TestBuildSaysWhatItRemoved: a plan changed to pack: false and one
// material fewer left the earlier pack.pdf, index.html and the dropped
// flyer in out/ without a word; the build now removes them (each as an
// earlier build recorded it) and says so, a dry run says it would, and
// --json lists them.
func TestBuildSaysWhatItRemoved(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "plan.yaml"), "outputs:\n  - {audiences: [youth, health], language: en, format: flyer}\n")
	if r := runCLI(t, work, "build", "plan.yaml"); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	writeFile(t, filepath.Join(work, "plan.yaml"), "pack: false\noutputs:\n  - {audience: youth, language: en, format: flyer}\n")
	r := runCLI(t, work, "build", "plan.yaml", "--dry-run")
	if r.code != 0 || !strings.Contains(r.stderr, "dry run: 0 new, 0 changed, 1 unchanged, 3 an earlier build's to remove; nothing written") ||
		!strings.Contains(r.stdout, "remove     pack.pdf             an earlier build's, which this plan no longer makes") {
		t.Errorf("dry run: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, work, "build", "plan.yaml", "--json")
	var got struct{ Removed []string }
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("--json output: %v\n%s", err, r.stdout)
	}
	if want := []string{"health-flyer-en.pdf", "pack.pdf", "index.html"}; r.code != 0 || !slices.Equal(got.Removed, want) {
		t.Errorf("exit %d, removed %q, want %q\n%s", r.code, got.Removed, want, r.stderr)
	}
	if want := "removed 3 files from out that an earlier build made and this plan no longer makes"; !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "health-flyer-en.pdf, pack.pdf, index.html") {
		t.Errorf("stderr, want %q:\n%s", want, r.stderr)
	}
	for _, name := range []string{"pack.pdf", "index.html", "health-flyer-en.pdf"} {
		if _, err := os.Stat(filepath.Join(work, "out", name)); err == nil {
			t.Errorf("%s is still in out", name)
		}
	}
}

// TestPartnersWithoutPacksSaid: partners with text formats alone said
// "each in its folder with its own print pack (0 of 2 made or
// unchanged)": no pack was due (review17 L5).
func TestPartnersWithoutPacksSaid(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "partners.csv"), "name,phone\nClub A,604-555-0134\nClub B,604-555-0199\n")
	writeFile(t, filepath.Join(work, "plan.yaml"), "organisations: partners.csv\noutputs:\n  - {audience: youth, language: en, format: txt}\n")
	r := runCLI(t, work, "build", "plan.yaml")
	if want := "partners: 2, each in its folder; " + filepath.Join("out", "index.html") + " lists them\n"; r.code != 0 || !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, "print pack") {
		t.Errorf("exit %d, want %q and no print pack:\n%s", r.code, want, r.stderr)
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"github.com/awarekit/awarekit/toolkit/generate"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/plan"
)

func runInit(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	f := newFactory(&IOStreams{Out: &out, ErrOut: &errOut})
	root := newRootCmd(f)
	root.SetArgs(append([]string{"init"}, args...))
	err = root.Execute()
	return out.String(), errOut.String(), err
}

// TestInit writes a project, refuses to overwrite it, and overwrites it
// with --force. The files it writes are read by the code that uses them:
// the settings loader and the plan reader, against the schema it writes.
func TestInit(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "demo")
	stdout, stderr, err := runInit(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{ConfigFileName, "workshop.yaml", planSchemaName}
	for _, n := range names {
		if !strings.Contains(stdout, filepath.Join(dir, n)+"\n") {
			t.Errorf("init did not print %s:\n%s", n, stdout)
		}
	}
	if !strings.Contains(stderr, "cd "+dir+" && awarekit build workshop.yaml") {
		t.Errorf("stderr:\n%s", stderr)
	}

	// The settings file is accepted by the settings loader.
	s, err := loadSettings(newCmdGenerate(newFactory(&IOStreams{}), nil).Flags(), filepath.Join(dir, ConfigFileName))
	if err != nil {
		t.Fatalf("the written awarekit.yaml: %v", err)
	}
	if s.Paper != "letter" || strings.Join(s.Langs, ",") != "en,fr" || s.Org.Name != "" {
		t.Errorf("settings %+v", s)
	}
	// Every organisation key config.go accepts is in it, to fill in.
	cfg, _ := os.ReadFile(filepath.Join(dir, ConfigFileName))
	for _, st := range settings {
		key := st.Key
		k := key[strings.LastIndex(key, ".")+1:]
		if !strings.Contains(string(cfg), k+":") {
			t.Errorf("awarekit.yaml does not mention %s", key)
		}
	}
	// The plan is valid and the schema is the one schema prints.
	eng, err := newFactory(&IOStreams{}).Engine(generate.Config{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Load(eng, filepath.Join(dir, "workshop.yaml"), plan.Project{Paper: s.Paper, Formats: s.Formats, Org: s.Org})
	if err != nil {
		t.Fatalf("the written workshop.yaml: %v", err)
	}
	if len(p.Outputs) != 19 || p.Event.Name == "" || !p.Pack {
		t.Errorf("plan: %d outputs, event %+v", len(p.Outputs), p.Event)
	}
	schema, _ := os.ReadFile(filepath.Join(dir, planSchemaName))
	if !json.Valid(schema) {
		t.Error("plan.schema.json is not JSON")
	}

	// A second init refuses and changes nothing.
	os.WriteFile(filepath.Join(dir, "workshop.yaml"), []byte("# mine\n"), 0o644)
	os.Remove(filepath.Join(dir, ConfigFileName))
	_, _, err = runInit(t, dir)
	if err == nil || !strings.Contains(err.Error(), "workshop.yaml, "+filepath.Join(dir, planSchemaName)+" already exist; use --force") {
		t.Fatalf("second init: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "workshop.yaml")); string(data) != "# mine\n" {
		t.Error("init overwrote workshop.yaml without --force")
	}
	if _, err := os.Stat(filepath.Join(dir, ConfigFileName)); err == nil {
		t.Error("a refused init wrote awarekit.yaml")
	}
	if _, _, err := runInit(t, dir, "--force"); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "workshop.yaml")); string(data) != initPlan {
		t.Error("init --force did not write workshop.yaml")
	}

	if _, _, err := runInit(t, "a", "b"); err == nil || !isUsage(err) {
		t.Errorf("two folders: %v, want a usage error", err)
	}
}

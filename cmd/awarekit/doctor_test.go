package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/pdftest"
)

// runDoctor runs awarekit doctor in dir as a machine whose only font
// folder is fontDir would: the embedded fonts, and nothing from the
// system's Noto or Droid packages.
func runDoctor(t *testing.T, dir, fontDir string, args ...string) result {
	t.Helper()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, ".config"))
	var out, errOut bytes.Buffer
	f := newFactory(&IOStreams{Out: &out, ErrOut: &errOut})
	f.Engine = func(cfg generate.Config) (*generate.Engine, error) {
		cfg.FontDirs = []string{fontDir}
		return openEngine(cfg)
	}
	code := runWith(f, append([]string{"doctor"}, args...))
	return result{code, out.String(), errOut.String()}
}

// TestDoctorWithoutNoto: on a machine without fonts-noto-core (here: a
// font search path without it, not an uninstalled package), doctor names
// the package for every language it cannot print, and exits 1.
func TestDoctorWithoutNoto(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ConfigFileName), "content: ours\npaper: a4\n")
	writeFile(t, filepath.Join(dir, "ours", "locales", "en.toml"), "[_meta]\nlanguage = \"en\"\n[youth]\nheadline = \"Eastside Youth: know the signs\"\n")
	t.Setenv("AWAREKIT_PAPER", "letter")
	r := runDoctor(t, dir, t.TempDir())
	if r.code != exitFailure {
		t.Errorf("exit %d, want 1", r.code)
	}
	for _, want := range []string{
		"awarekit " + version + " (",
		"\ncontent 20", ", facts to be checked again by 20",
		"  " + filepath.Join(dir, ConfigFileName) + "  ", "read\n",
		"AWAREKIT_PAPER",
		"Content folder: " + filepath.Join(dir, "ours"),
		"yours: locales/en.toml: 1 message",
		"en       English",
		"NO (Guru letters): install fonts-noto-core",
		"cannot print Punjabi (pa), Tigrinya (ti), Urdu (ur) here: install the Debian\n    package fonts-noto-core, or name TrueType files for Guru, Ethi, Arab under\n    fonts: in awarekit.yaml",
		"cannot print Chinese (Simplified) (zh-Hans) here: install the Debian package\n    fonts-droid-fallback",
		"PDF tools awarekit's tests use",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	t.Logf("awarekit doctor without fonts-noto-core:\n%s%s", r.stdout, r.stderr)
	if !strings.Contains(r.stderr, "problems found") {
		t.Errorf("stderr: %s", r.stderr)
	}

	r = runDoctor(t, dir, t.TempDir(), "--json")
	if r.code != exitFailure {
		t.Errorf("--json: exit %d, want 1", r.code)
	}
	var rep doctorReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, r.stdout)
	}
	byTag := map[string]languageReport{}
	for _, l := range rep.Languages {
		byTag[l.Tag] = l
	}
	if pa := byTag["pa"]; pa.FontsHere || pa.Package != "fonts-noto-core" || pa.Script != "Guru" {
		t.Errorf("pa: %+v", pa)
	}
	if en := byTag["en"]; !en.FontsHere || len(en.Fonts) == 0 {
		t.Errorf("en: %+v", en)
	}
	if len(rep.Problems) != 2 || len(rep.Settings.Files) != 2 || !rep.Settings.Files[1].Read || rep.Content.Folder == "" {
		t.Errorf("report: %+v", rep)
	}
}

// TestDoctorAllWell: with the system's fonts (fonts-noto-core and
// fonts-droid-fallback installed, as CI has them) nothing is missing.
func TestDoctorAllWell(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, dir, "doctor")
	if strings.Contains(r.stdout, "fonts-noto-core") || strings.Contains(r.stdout, "fonts-droid-fallback") {
		if pdftest.Required() {
			t.Fatalf("fonts missing although required:\n%s", r.stdout)
		}
		t.Skip("this machine lacks fonts-noto-core or fonts-droid-fallback")
	}
	if r.code != exitOK || !strings.Contains(r.stdout, "No problems found.") {
		t.Errorf("exit %d:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestDoctorBadSettings: settings that cannot be read are a problem
// doctor reports, and it goes on with the rest.
func TestDoctorBadSettings(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ConfigFileName), "papr: a4\n")
	r := runCLI(t, dir, "doctor")
	if r.code != exitFailure || !strings.Contains(r.stdout, `could not be read: settings file awarekit.yaml:1: unknown setting "papr"`) ||
		!strings.Contains(r.stdout, "Languages, and whether this computer has the fonts") {
		t.Errorf("exit %d:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestDoctorContentFolderNotOne: a content: setting that generate and
// build refuse (a folder with neither audiences/ nor locales/, an empty
// one) is a problem doctor reports, with what a content folder holds,
// and exit 1; it said "changes nothing" and "No problems found", exit 0.
func TestDoctorContentFolderNotOne(t *testing.T) {
	for _, files := range []string{"notes/README.txt", "notes/locales/"} {
		dir := t.TempDir()
		if strings.HasSuffix(files, "/") {
			if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(files)), 0o755); err != nil {
				t.Fatal(err)
			}
		} else {
			writeFile(t, filepath.Join(dir, filepath.FromSlash(files)), "")
		}
		writeFile(t, filepath.Join(dir, ConfigFileName), "paper: a4\ncontent: notes\n")
		r := runCLI(t, dir, "doctor")
		if r.code != exitFailure || !strings.Contains(r.stdout, "settings file awarekit.yaml:2: content folder notes") ||
			!strings.Contains(strings.Join(strings.Fields(r.stdout), " "), "a content folder holds audiences/") || strings.Contains(r.stdout, "No problems found") ||
			strings.Contains(r.stdout, "no content: setting") || !strings.Contains(r.stdout, "content: setting's folder notes, which is refused") {
			t.Errorf("%s: exit %d:\n%s\n%s", files, r.code, r.stdout, r.stderr)
		}
	}
}

// TestDoctorContentFolderNamedOnce: a content folder the engine refuses
// (a message holding a direction control) is named once in the problem,
// with the file and line; it was "content folder ours: content folder
// ours: message …".
func TestDoctorContentFolderNamedOnce(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ours", "locales", "es.toml"), "[youth]\nheadline = \"A\\u202eB\"\n")
	writeFile(t, filepath.Join(dir, ConfigFileName), "content: ours\n")
	r := runCLI(t, dir, "doctor")
	out := strings.Join(strings.Fields(r.stdout), " ")
	if r.code != exitFailure || strings.Count(out, "ours/locales/es.toml") != 1 || !strings.Contains(out, "content file ours/locales/es.toml:2: message youth.headline holds U+202E") {
		t.Errorf("exit %d:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestDoctorFactsDue: past the content's check-again date, doctor says
// the facts are due and exits 1.
func TestDoctorFactsDue(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, ".config"))
	var out, errOut bytes.Buffer
	f := newFactory(&IOStreams{Out: &out, ErrOut: &errOut})
	f.Now = func() time.Time { return time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC) }
	if code := runWith(f, []string{"doctor", "--json"}); code != exitFailure {
		t.Errorf("exit %d, want 1", code)
	}
	var rep doctorReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Content.CheckAgainBy == "" || len(rep.Problems) == 0 || !strings.Contains(strings.Join(rep.Problems, "\n"), "due to be checked again by "+rep.Content.CheckAgainBy) {
		t.Errorf("content %+v, problems %q", rep.Content, rep.Problems)
	}
}

package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/manifest"
)

// TestEarlierManifestRefused: an earlier build's manifest.json is in the
// output folder, where anything may have been put. A further file it
// names outside the output's folder (../../secret.txt, an absolute path)
// was read and hashed, the output taken as unchanged when the hash
// matched, and the name carried into the next manifest; an output that
// was a link to a file elsewhere was read through. Now the build stops,
// naming the manifest and what to do, and a link fails its output.
func TestEarlierManifestRefused(t *testing.T) {
	dir := t.TempDir()
	p := writePlan(t, dir, "pack: false\noutputs:\n  - audience: youth\n    language: en\n    format: flyer\n    as: png\n    dpi: 36\n")
	out := filepath.Join(dir, "out")
	if f := run(t, p, Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	mf := filepath.Join(out, manifest.FileName)
	good, err := os.ReadFile(mf)
	if err != nil {
		t.Fatal(err)
	}
	secret := []byte("top secret\n")
	if err := os.WriteFile(filepath.Join(dir, "secret.txt"), secret, 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(secret)
	part := map[string]any{"sha256": hex.EncodeToString(sum[:]), "bytes": len(secret)}
	with := func(k, v string) map[string]any {
		m := map[string]any{k: v}
		for k, v := range part {
			m[k] = v
		}
		return m
	}
	for _, c := range []struct {
		name string
		edit func(e map[string]any)
		want string
	}{
		{"a further file up two folders", func(e map[string]any) { e["also"] = []any{with("file", "../secret.txt")} }, `lists "../secret.txt" with youth-flyer-en-1.png`},
		{"a further file by its absolute path", func(e map[string]any) {
			e["also"] = []any{with("file", filepath.ToSlash(filepath.Join(dir, "secret.txt")))}
		}, "which is not a file beside it"},
		{"a further file in another folder", func(e map[string]any) { e["also"] = []any{with("file", "east/youth-flyer-en-2.png")} }, "which is not a file beside it"},
		{"a further file with a backslash", func(e map[string]any) { e["also"] = []any{with("file", `..\secret.txt`)} }, "which is not a file beside it"},
		{"an output outside", func(e map[string]any) { e["file"] = "../secret.txt" }, `lists "../secret.txt", which is not a file in its folder`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(mf, good, 0o644); err != nil {
				t.Fatal(err)
			}
			editManifest(t, mf, func(m map[string]any) { c.edit(m["outputs"].([]any)[0].(map[string]any)) })
			rep, err := Run(context.Background(), testEngine(t), p, Options{Jobs: 1, OutDir: out})
			if err == nil {
				t.Fatalf("built (%v made), want the manifest refused", made(rep))
			}
			for _, want := range []string{c.want, mf, "delete " + mf, "or build into an empty folder"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q, want %q in it", err, want)
				}
			}
		})
	}

	// The output itself a link to the same bytes elsewhere.
	if err := os.WriteFile(mf, good, 0o644); err != nil {
		t.Fatal(err)
	}
	png := filepath.Join(out, "youth-flyer-en-1.png")
	elsewhere := filepath.Join(dir, "elsewhere.png")
	if err := os.Rename(png, elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, png); err != nil {
		t.Skip("no links here:", err)
	}
	rep, err := Run(context.Background(), testEngine(t), p, Options{Jobs: 1, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Failures()
	if len(f) != 1 || !strings.Contains(f[0].Reason, png+" is a link where "+mf+" records a file a build wrote") || !strings.Contains(f[0].Reason, "delete the link") {
		t.Fatalf("a link for an output: %d failures (%v), want it refused; statuses %v", len(f), f, statuses(rep))
	}
	// Without a manifest naming it, the link is made over.
	if err := os.Remove(mf); err != nil {
		t.Fatal(err)
	}
	if f := run(t, p, Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	if st, err := os.Lstat(png); err != nil || !st.Mode().IsRegular() {
		t.Errorf("%s after a build: %v, %v; want a file", png, st.Mode(), err)
	}
}

// TestPartnerFolderLinkRefused: a link left in the output folder where a
// partner's folder goes (out/east → a folder elsewhere) led the build's
// files out of the output folder, exit 0. Now the build refuses before
// it makes anything, naming the link and what to do.
func TestPartnerFolderLinkRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "partners.csv"), []byte("name,phone,folder\nEast Side,604-555-0134,east\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := writePlan(t, dir, "organisations: partners.csv\npack: false\noutputs: [{audience: youth, language: en, format: txt}]\n")
	out, elsewhere := filepath.Join(dir, "out"), filepath.Join(dir, "elsewhere")
	for _, d := range []string{out, elsewhere} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(elsewhere, filepath.Join(out, "east")); err != nil {
		t.Skip("no links here:", err)
	}
	rep, err := Run(context.Background(), testEngine(t), p, Options{Jobs: 1, OutDir: out})
	if err == nil || !strings.Contains(err.Error(), filepath.Join(out, "east")+" is a link, not a folder") || !strings.Contains(err.Error(), "delete "+filepath.Join(out, "east")) {
		t.Errorf("error %v, want the link refused", err)
		if rep != nil {
			t.Logf("made %v", made(rep))
		}
	}
	if names, _ := os.ReadDir(elsewhere); len(names) > 0 {
		t.Errorf("written outside the output folder: %v", names)
	}
}

// TestEarlierManifestFontPathsNotRead: an earlier build's manifest
// lists the font files each output was set in, and a build read and
// hashed every one it named on the machine, anywhere (a file of secrets
// with its hash written in made the output "unchanged"). Now a path that
// is not a font the typesetter would use is taken as a changed font,
// and never read.
func TestEarlierManifestFontPathsNotRead(t *testing.T) {
	dir := t.TempDir()
	p := writePlan(t, dir, "pack: false\noutputs:\n  - audience: youth\n    language: en\n    format: flyer\n")
	out := filepath.Join(dir, "out")
	if f := run(t, p, Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	secret := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(secret, []byte("top secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("top secret\n"))
	editManifest(t, filepath.Join(out, manifest.FileName), func(m map[string]any) {
		in := m["outputs"].([]any)[0].(map[string]any)["inputs"].(map[string]any)
		fonts, _ := in["fonts"].([]any)
		in["fonts"] = append(fonts, map[string]any{"name": "Secret Sans", "source": secret, "sha256": hex.EncodeToString(sum[:])})
	})
	rep := run(t, p, Options{})
	for r := range rep.Results() {
		if r.Status != Made || !strings.Contains(r.Reason, "font changed: Secret Sans ("+secret+")") {
			t.Errorf("%s: %s (%s), want it made again: its font is not one this build would use", r.Name, r.Status, r.Reason)
		}
	}
}

// TestPackRemadeWhenAFontChanged: a font of the fonts: setting replaced
// after a build makes its materials again ("font changed"), but the
// print pack, whose key is its materials' inputs, was kept, "unchanged",
// with the old font's glyphs: the print shop got other pages than the
// flyers. Now a material whose fonts changed makes its pack again.
func TestPackRemadeWhenAFontChanged(t *testing.T) {
	dir := t.TempDir()
	p := writePlan(t, dir, "outputs:\n  - audience: youth\n    language: en\n    format: flyer\n")
	out := filepath.Join(dir, "out")
	if f := run(t, p, Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	if rep := run(t, p, Options{}); rep.Pack == nil || rep.Pack.Status != Unchanged {
		t.Fatalf("a second build's pack: %+v, want it unchanged", rep.Pack)
	}
	// The font the flyer was set in, as the manifest records it, is no
	// longer as it was: a changed font, as a replaced file would be.
	editManifest(t, filepath.Join(out, manifest.FileName), func(m map[string]any) {
		in := m["outputs"].([]any)[0].(map[string]any)["inputs"].(map[string]any)
		fonts, _ := in["fonts"].([]any)
		in["fonts"] = append(fonts, map[string]any{"name": "Replaced Sans", "source": filepath.Join(dir, "replaced.ttf"), "sha256": strings.Repeat("0", 64)})
	})
	rep := run(t, p, Options{})
	for r := range rep.Results() {
		if r.Status != Made || !strings.Contains(r.Reason, "font changed") {
			t.Errorf("%s: %s (%s), want it made again", r.Name, r.Status, r.Reason)
		}
	}
	if rep.Pack == nil || rep.Pack.Status != Made {
		t.Errorf("pack: %+v, want it made again with its material", rep.Pack)
	}
}

// TestNoPackListsNoEarlierPack: a plan changed to pack: false (and to
// fewer materials) makes no pack.pdf or index.html, but its manifest
// listed the earlier build's, whose pack held a material the plan no
// longer has, as if they were this build's.
func TestNoPackListsNoEarlierPack(t *testing.T) {
	dir := t.TempDir()
	both := writePlan(t, dir, "outputs:\n  - {audience: youth, language: en, format: flyer}\n  - {audience: health, language: en, format: flyer}\n")
	if f := run(t, both, Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	out := filepath.Join(dir, "out")
	m := readManifestFile(t, filepath.Join(out, manifest.FileName))
	if m.Pack == nil || m.Index == nil {
		t.Fatalf("the first build lists no pack or index: %+v, %+v", m.Pack, m.Index)
	}
	one := writePlan(t, dir, "pack: false\noutputs:\n  - {audience: youth, language: en, format: flyer}\n")
	if f := run(t, one, Options{}).Failures(); len(f) > 0 {
		t.Fatal(f[0].Err)
	}
	m = readManifestFile(t, filepath.Join(out, manifest.FileName))
	if m.Pack != nil || m.Index != nil {
		t.Errorf("pack: false lists the earlier build's pack %+v and index %+v", m.Pack, m.Index)
	}
	if len(m.Outputs) != 1 || m.Outputs[0].File != "youth-flyer-en.pdf" {
		t.Errorf("outputs %+v, want the youth flyer alone", m.Outputs)
	}
}

// readManifestFile decodes a manifest.json.
func readManifestFile(t *testing.T, path string) manifest.Manifest {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m manifest.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

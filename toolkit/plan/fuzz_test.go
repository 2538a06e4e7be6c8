package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/output"
)

// FuzzPlan reads any bytes as a plan: never a panic, every error names
// the file, an accepted plan keeps within MaxOutputs, and reading the
// outputs: list in pieces gives what reading the file whole gives.
func FuzzPlan(f *testing.F) {
	for _, s := range []string{
		"outputs: [{audience: youth, language: en}]\n",
		"event: {name: Evening, date: 2026-12-03}\norganisation: {name: Club, phone: 604-555-0134, color: \"#7a1f5c\"}\ndefaults: {languages: [en, fr], formats: [flyer, md], bleed: 3, crop_marks: true}\noutputs:\n  - audiences: [youth, health]\n  - {audience: newcomers, language: fr+en, pattern: '{audience}-{lang}.{ext}', copies: 20}\n",
		aliasBomb(), "outputs: &o [*o]\n", "organisation: {website: javascript:alert(1)}\noutputs: [{audience: youth, language: en}]\n",
		"defaults: {bleed: .nan}\noutputs: [{audience: youth, language: en}]\n", "outputs:\n  - audience: youth\n   language: en\n",
		"- youth\n", "pack: maybe\n", "event: {name: \"\\u2029\\e\"}\noutputs: [{audience: youth, language: und}]\n",
		"outputs: [{audience: youth, language: en, pattern: '../../{lang}'}]\n", "\xef\xbb\xbfoutputs: []\n",
		"outputs:\n  - {audience: youth, language: en}\n  - audience: health\n    language: fr\npack: false\n",
		// A tag or an anchor that ends the list belongs to what follows
		// it: the pieces' read must not take what the whole file refuses.
		"outputs:\n  - {audience: youth, language: en}\n  !\npack: false\n",
		"outputs:\n  - {audience: youth, language: en}\n  &a\npack: false\n",
	} {
		f.Add([]byte(s))
	}
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		samePlan(t, data)
		p, err := Parse(eng, "plan.yaml", data, Project{Formats: []string{"flyer"}})
		if err != nil {
			if !strings.Contains(err.Error(), "plan.yaml") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if len(p.Outputs) > MaxOutputs {
			t.Fatalf("%d outputs accepted", len(p.Outputs))
		}
		for _, o := range p.Outputs {
			if strings.ContainsAny(o.Name, "/\\") || strings.HasPrefix(o.Name, ".") {
				t.Fatalf("output name %q leaves the output folder", o.Name)
			}
		}
	})
}

// FuzzPartners reads any bytes as a plan's partners file: never a
// panic, every error names a file, and an accepted file gives each
// partner a folder of its own that is one plain name inside the output
// folder, which Windows can open, and puts the partner's outputs there.
func FuzzPartners(f *testing.F) {
	for _, s := range []string{
		"name,phone\nRiverside,604-555-0134\n",
		"\ufeffName; Phone ;Colour\r\n\"Hope; East\";416-555-0199;#7a1f5c\r\n\r\n",
		"name,folder\nA,../up\nB,con\nC,east.\n",
		"name\n\"=HYPERLINK(\"\"http://x.example\"\",\"\"x\"\")\"\n@SUM(1)\n-2+3\n",
		"name\tphone\nਪੰਜਾਬੀ ਸਭਾ\t\nجمعية\t\n",
		"name\nAux\nNul\nSanté\nsante\n",
		"name,phone\nA,1,2\n\"unterminated\n",
		"name\nCaf\xe9\n",
	} {
		f.Add([]byte(s))
	}
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "partners.csv"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		src := "organisations: partners.csv\noutputs: [{audience: youth, language: en, format: md}]\n"
		p, err := Parse(eng, filepath.Join(dir, "plan.yaml"), []byte(src), Project{})
		if err != nil {
			if msg := err.Error(); !strings.Contains(msg, "partners.csv") && !strings.Contains(msg, "plan.yaml") {
				t.Fatalf("error %q names no file", msg)
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range p.Sets {
			if s.Folder == "" && len(p.Sets) == 1 {
				continue
			}
			low := strings.ToLower(s.Folder)
			if s.Folder == "" || strings.ContainsAny(s.Folder, `/\:`) || strings.HasPrefix(s.Folder, ".") || output.CheckName(s.Folder) != nil || seen[low] {
				t.Fatalf("partner folder %q: not one plain name of its own that Windows opens", s.Folder)
			}
			seen[low] = true
		}
		for _, o := range p.Outputs {
			if s := p.Sets[o.Set]; !strings.HasPrefix(o.Name, s.Folder+"/") || strings.Contains(o.Name, "..") {
				t.Fatalf("output %q is not in its partner's folder %q", o.Name, s.Folder)
			}
		}
	})
}

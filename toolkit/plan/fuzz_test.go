package plan

import (
	"strings"
	"testing"
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

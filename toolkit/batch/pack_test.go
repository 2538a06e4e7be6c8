package batch

import (
	"encoding/hex"
	"testing"

	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/pack"
	"github.com/awarekit/awarekit/toolkit/plan"
)

// TestPackKeyAsWhole: the pack's key, hashed a material at a time, is the
// hash of the whole value's JSON that earlier builds recorded, so that a
// pack made before stays unchanged. A plan with an event whose words
// JSON escapes, materials that join the pack and one that does not.
func TestPackKeyAsWhole(t *testing.T) {
	dir := t.TempDir()
	p := writePlan(t, dir, `event: {name: "Safety & you: a <workshop>", place: "Hall \"B\""}
organisation: {name: Riverside Settlement Services, phone: 604-555-0134}
outputs:
  - {audience: youth, languages: [en, fr], format: flyer, copies: 3}
  - {audience: health, language: en, format: html}
  - {audience: business, language: ar, format: cards, pattern: "b&b-{lang}.{ext}"}
`)
	rep := run(t, p, Options{DryRun: true})
	type whole struct {
		Program      string
		Content      string
		Organisation string
		Event        plan.Event
		Paper        string
		Items        []packItem
	}
	b := rep.b
	for _, st := range b.sets {
		org, err := b.orgKey(st.Org)
		if err != nil {
			t.Fatal(err)
		}
		in := whole{Program: b.eng.Creator, Content: b.eng.Lib.Info.Version, Organisation: org, Event: p.Event, Paper: p.Paper.Name}
		want := manifest.Hash(in) // no materials: "Items": null
		if got := b.packKey(&set{Set: st.Set}); got != want {
			t.Errorf("no materials: key %s, the whole value's hash %s", got, want)
		}
		for _, i := range st.outs {
			if o := b.outs[i]; pack.Joinable(o.Job) {
				in.Items = append(in.Items, packItem{File: o.Name, Inputs: hex.EncodeToString(b.recs[i].key[:]), Copies: o.Copies})
			}
		}
		if len(in.Items) != 3 {
			t.Fatalf("%d materials join the pack; want 3", len(in.Items))
		}
		if got, want := b.packKey(st), manifest.Hash(in); got != want {
			t.Errorf("key %s, the whole value's hash %s", got, want)
		}
	}
}

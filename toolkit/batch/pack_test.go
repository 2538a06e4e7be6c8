package batch

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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
				in.Items = append(in.Items, packItem{File: o.Name, Inputs: hex.EncodeToString(keyAt(b, i)), Copies: o.Copies})
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

// TestThumbsFromScratch: the pictures the workers draw for index.html wait
// in a temporary file, which the build removes; the index made from them
// is the one a second build makes from pictures drawn again from the
// layouts (its materials unchanged), byte for byte.
func TestThumbsFromScratch(t *testing.T) {
	dir := t.TempDir()
	p := writePlan(t, dir, `organisation: {name: Riverside Settlement Services, phone: 604-555-0134}
outputs:
  - {audiences: [youth, health], languages: [en, ar], format: flyer}
  - {audience: business, language: en, format: md}
`)
	out := filepath.Join(dir, "out")
	rep := run(t, p, Options{})
	if rep.Index == nil || rep.Index.Status != Made {
		t.Fatalf("index.html: %+v", rep.Index)
	}
	index, err := os.ReadFile(filepath.Join(out, pack.IndexName))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(index), `<img src="data:image/png;base64,`); n != 4 {
		t.Errorf("index.html has %d pictures, want 4 (the flyers)", n)
	}
	left, _ := filepath.Glob(filepath.Join(out, ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("the build left %q", left)
	}
	again := run(t, p, Options{})
	if len(made(again)) != 0 || again.Index == nil || again.Index.Status != Unchanged {
		t.Errorf("a second build made %q, index.html %+v; want nothing made and the same index", made(again), again.Index)
	}
}

// keyAt is output i's inputs hash as its record has it.
func keyAt(b *builder, i int32) []byte {
	k := b.recs.get(int(i)).key
	return k[:]
}

// TestIndexPaperAndCopiesOnlyForPrint: index.html gives the paper and
// the copies of a material that is printed, and leaves them out for one
// that is not (an SMS, a web page, Markdown, an image for screens): "25
// copies on letter" of an SMS means nothing, and an educator reading the
// index for what to print would count it.
func TestIndexPaperAndCopiesOnlyForPrint(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := writePlan(t, dir, `organisation: {name: Riverside Settlement Services, phone: 604-555-0134}
defaults: {copies: 25}
outputs:
  - {audience: youth, language: en, formats: [flyer, cards, sms, html, md, txt, social-square]}
`)
	run(t, p, Options{})
	index, err := os.ReadFile(filepath.Join(dir, "out", pack.IndexName))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`<a href="[^"]*">([^<]+)</a></td><td>([^<]*)</td><td class="n">([^<]*)</td><td class="n">([^<]*)</td>`)
	rows := row.FindAllStringSubmatch(string(index), -1)
	if len(rows) != 7 {
		t.Fatalf("index.html has %d rows, want 7:\n%s", len(rows), index)
	}
	for _, r := range rows {
		file, paper, copies := r[1], r[2], r[4]
		printed := strings.HasSuffix(file, ".pdf")
		switch {
		case printed && (paper != "letter" || copies != "25"):
			t.Errorf("%s: paper %q, copies %q; want letter and 25", file, paper, copies)
		case !printed && (paper != "" || copies != ""):
			t.Errorf("%s is not printed, but the index gives paper %q and copies %q", file, paper, copies)
		}
	}
}

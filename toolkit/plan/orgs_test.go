package plan

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestOrgTable: every organisation comes back as it was kept, empty
// fields and local contacts included.
func TestOrgTable(t *testing.T) {
	orgs := []profile.Organisation{
		{Name: "Riverside Settlement Services", Phone: "604-555-0134"},
		{},
		{Name: "Hope Centre", Email: "help@example.org", Website: "https://example.org", Logo: "/tmp/logo.png", Color: "#0b5c6b",
			Local: []profile.LocalContact{{Label: "Riverside police, non-emergency", Phone: "604-555-0199"}}},
		{Name: "ਮਦਦ ਕੇਂਦਰ", Phone: "(604) 555-0100", Color: "#2a6f97"},
	}
	tab := NewOrgTable(orgs)
	if tab.Len() != len(orgs) {
		t.Fatalf("%d organisations, want %d", tab.Len(), len(orgs))
	}
	for i, want := range orgs {
		if got := tab.At(i); !reflect.DeepEqual(got, want) {
			t.Errorf("organisation %d: %+v, want %+v", i, got, want)
		}
	}
	if empty := NewOrgTable(nil); empty.Len() != 0 {
		t.Errorf("no organisations: Len %d", empty.Len())
	}
}

// TestPlanHeldPerOutput: a plan of thousands of items, each for its own
// organisation (bench/run's plans), is kept for the whole build; what it
// holds per output is part of what a build of ten thousand holds over a
// build of a hundred. It held 269 bytes an output (2.7 MB for 10,000):
// the organisations about 150, the outputs 72 and their names; now 160.
func TestPlanHeldPerOutput(t *testing.T) {
	eng := testEngine(t)
	const n = 3000
	var src strings.Builder
	src.WriteString("organisation: {name: Riverside Settlement Services, phone: 604-555-0134}\noutputs:\n")
	auds := []string{"youth", "indigenous", "newcomers", "business", "health"}
	for i := range n {
		fmt.Fprintf(&src, "  - {audience: %s, language: en, format: flyer, pattern: \"{audience}-{lang}-%d.{ext}\", organisation: {name: \"Partner organisation %d\", phone: 604-555-0134}}\n",
			auds[i%5], i, i+1)
	}
	heap := func() uint64 {
		runtime.GC()
		runtime.GC() // what sync.Pools kept goes at the second
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	data := []byte(src.String())
	// What the engine reads when a plan first asks (its languages'
	// messages, the checks' tables) is not the plan's.
	if _, err := Parse(eng, "plan.yaml", data[:strings.Index(src.String(), "\n  - {audience: indigenous")+1], Project{}); err != nil {
		t.Fatal(err)
	}
	p, err := Parse(eng, "plan.yaml", data, Project{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Outputs) != n || p.Orgs.Len() != n+1 {
		t.Fatalf("%d outputs, %d organisations", len(p.Outputs), p.Orgs.Len())
	}
	with := heap()
	runtime.KeepAlive(p)
	p = nil
	held := float64(int64(with)-int64(heap())) / n
	t.Logf("the plan holds %.0f bytes an output", held)
	const limit = 190
	if held > limit {
		t.Errorf("a plan of %d outputs, each for its own organisation, holds %.0f bytes an output, over %d", n, held, limit)
	}
}

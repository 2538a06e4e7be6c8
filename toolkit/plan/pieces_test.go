package plan

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

// samePlan fails unless reading data a piece at a time gives what
// reading it whole gives: the same plan, or the same problems.
func samePlan(t *testing.T, data []byte) {
	t.Helper()
	eng := testEngine(t)
	proj := Project{Formats: []string{"flyer"}}
	p1, err1 := parseFile(eng, "plan.yaml", data, proj, true)
	p2, err2 := parseFile(eng, "plan.yaml", data, proj, false)
	if fmt.Sprint(err1) != fmt.Sprint(err2) {
		t.Fatalf("read in pieces: %v\nread whole: %v\nplan:\n%s", err1, err2, data)
	}
	if a, b := planText(p1), planText(p2); a != b {
		al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
		for i := range min(len(al), len(bl)) {
			if al[i] != bl[i] {
				t.Fatalf("read in pieces:\n%s\nread whole:\n%s\nplan:\n%s", al[i], bl[i], data)
			}
		}
		t.Fatalf("read in pieces, %d lines; read whole, %d lines; plan:\n%s", len(al), len(bl), data)
	}
}

var address = regexp.MustCompile(`0x[0-9a-f]+`)

// planText prints a plan with what each output's job is, rather than
// where it is.
func planText(p *Plan) string {
	if p == nil {
		return "<nil>"
	}
	q := *p
	q.Outputs = nil
	var b strings.Builder
	fmt.Fprintf(&b, "%+v\n", q)
	for _, o := range p.Outputs {
		job := *o.Job
		o.Job = nil
		// The job's event is the plan's (printed above), at an address
		// of each read's own.
		fmt.Fprintf(&b, "%+v %s\n", o, address.ReplaceAllString(fmt.Sprintf("%+v", job), "0x"))
	}
	return b.String()
}

// TestPiecesReadAsWhole: a long outputs: list read a few hundred items at
// a time gives the plan, warnings and problems that reading the file
// whole gives, line numbers included, and plans the pieces cannot be cut
// from safely are read whole.
func TestPiecesReadAsWhole(t *testing.T) {
	defer func(n int) { piecesOf = n }(piecesOf)
	piecesOf = 7
	var long strings.Builder
	long.WriteString("# a long plan\nevent: {name: Evening}\norganisation: {name: Club, phone: 604-555-0134}\noutputs:\n")
	for i := range piecesOf*2 + 3 {
		fmt.Fprintf(&long, "  - {audience: youth, language: en, pattern: \"f-%d.{ext}\", organisation: {name: \"Partner %d\"}}\n", i, i)
		if i%6 == 5 {
			long.WriteString("\n  # a comment\n  - audience: health\n    language: fr\n    copies: 3\n    pattern: |-\n      h{lang}\n      - {ext}\n")
		}
	}
	long.WriteString("pack: false\n")
	d := newDecoder("plan.yaml")
	if !d.decodePieces([]byte(long.String()), &planSpec{}) {
		t.Fatal("a plain long plan was not read in pieces")
	}
	samePlan(t, []byte(long.String()))

	bad := strings.Replace(long.String(), `"f-15.{ext}"`, `"f-15.{ext}`, 1)
	samePlan(t, []byte(bad)) // a syntax error far down
	samePlan(t, []byte(strings.Replace(long.String(), `language: fr`, `language: xx`, 1)))
	samePlan(t, []byte(strings.Replace(long.String(), `pattern: "f-12.{ext}"`, `pattern: "f-3.{ext}"`, 1))) // a name twice: a warning
	samePlan(t, []byte(strings.Replace(long.String(), "pack: false\n", "pack: false\noutputs:\n  - {audience: youth}\n", 1)))

	for _, src := range []string{
		"outputs:\n- audience: youth\n  language: en\n- {audience: health, language: fr}\npack: false\n",
		"outputs:\n  - audience: youth\n    language: en\n  - &a {audience: health, language: fr, pattern: 'x.{ext}'}\n  - *a\n",
		"outputs:\n  - {audience: youth, language: en}\n  - [health]\n",
		"outputs:\n  - {audience: youth, language: en, pattern: \"a\n  - b.{ext}\"}\n",
		"event: {name: \"x\noutputs:\n  - {audience: youth, language: en}\n\"}\n",
		"outputs:\n  - {audience: youth, language: en}\n  x: y\n",
		"outputs:\n  - {audience: youth, language: en}\n    - {audience: youth, language: en}\n",
		"outputs:\n  - {audience: youth, language: en}\n---\noutputs: []\n",
		"outputs:\r\n  - {audience: youth, language: en}\r\n  - {audience: health, language: en}\r\n",
		"outputs:\n  - {audience: youth, language: en}\n\t- {audience: youth}\n",
		"outputs:\n  - {audience: youth, language: en}\noutputs:\n  - {audience: health, language: en}\n",
		"outputs:\n  -\n    audience: youth\n    language: en\n  - audience:\n    - youth\n",
		"outputs: # the list\n  - {audience: youth, language: en}\n",
		"defaults: &d {languages: [en]}\noutputs:\n  - {audience: youth}\nx: *d\n",
	} {
		samePlan(t, []byte(src))
	}
}

// TestInOrder: the pieces parsed ahead on goroutines of their own are
// yielded in order; a stop leaves no goroutine parsing; a panic while
// parsing (a bug) is raised again on the caller's goroutine, where the
// command's recover reports it, not on one of its own, which would end
// the program.
func TestInOrder(t *testing.T) {
	node := func(k int) *yaml.Node { return &yaml.Node{Line: k} }
	var got []int
	for k, n := range inOrder(100, 7, node) {
		if n.Line != k {
			t.Fatalf("piece %d yielded with %d's node", k, n.Line)
		}
		got = append(got, k)
	}
	if len(got) != 15 || got[0] != 0 || got[14] != 98 || !slices.IsSorted(got) {
		t.Errorf("yielded %v", got)
	}
	for k := range inOrder(100, 7, node) {
		if k == 21 {
			break
		}
	}
	defer func() {
		if v := recover(); v != "bug at 42" {
			t.Errorf("recovered %v; want the parse's panic", v)
		}
	}()
	for range inOrder(100, 7, func(k int) *yaml.Node {
		if k == 42 {
			panic(fmt.Sprintf("bug at %d", k))
		}
		return node(k)
	}) {
	}
	t.Error("no panic")
}

// endsInProperty looks at the last of a line's words, as bytes.Fields
// splits them (any Unicode space, and bytes that are not UTF-8 are no
// space), before a comment.
func TestEndsInProperty(t *testing.T) {
	lastField := func(text []byte) bool {
		if i := bytes.Index(text, []byte(" #")); i >= 0 {
			text = text[:i]
		}
		fields := bytes.Fields(text)
		if len(fields) == 0 {
			return false
		}
		last := fields[len(fields)-1]
		return last[0] == '!' || last[0] == '&'
	}
	lines := []string{
		"", " ", "- {audience: youth}", "- !x", "- &a", "- &a ", "- &a\t", "- &a\u00a0", "- &a\u0085",
		"- x\u00a0&a", "- x\u2003!t", "- !t # a comment", "- x # !t", "- x #!t", "&a", "!", "- \xff&a", "- &\xff",
		"- x \xc2", "\u3000&a\u3000", "- x\v!y\f",
	}
	for _, l := range lines {
		if got, want := endsInProperty([]byte(l)), lastField([]byte(l)); got != want {
			t.Errorf("endsInProperty(%q) = %v, want %v", l, got, want)
		}
	}
	// It runs on every line of the list before any piece is parsed.
	line := []byte(`  - {audience: youth, language: en, format: flyer, organisation: {name: "Partner 1", phone: 604-555-0134}}`)
	if n := testing.AllocsPerRun(10, func() { endsInProperty(line) }); n > 0 {
		t.Errorf("endsInProperty makes %v allocations a line, want none", n)
	}
}

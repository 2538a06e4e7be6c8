package plan

import (
	"bytes"
	"fmt"
	"iter"
	"reflect"
	"runtime"
	"sync"
	"unicode"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/awarekit/awarekit/toolkit/input"
)

// piecesOf is how many items of the outputs list are read at once.
// yaml.v3 reads a whole document into a tree of nodes, some 3 KB for a
// one-line item with its own organisation: a plan of ten thousand such
// items was a 29 MB tree, the largest thing a build of it ever held.
// Read a few hundred items at a time, the tree stays under a megabyte.
// (A variable so that tests can cut a short list into many pieces.)
var piecesOf = 256

// decodePieces decodes a plan whose outputs: is a block list at the top
// level, written the usual way (each item starts with "- " at the list's
// indentation), a few hundred items at a time, into spec. It reports
// false, having decoded nothing, for any plan it cannot read that way,
// and for any plan with a problem in its YAML: the caller reads those
// whole, as before, so that every message is the same.
//
// A piece of the list is parsed on its own, so it must start where the
// whole file's parse starts an item. The list is cut only before a line
// that has "-" at the list's indentation, then a space or the line's end.
// Inside a block scalar such a line cannot be (it would end the scalar);
// inside a quoted scalar or a flow collection it could, but then the
// piece before ends inside that scalar or collection and does not parse,
// and the whole file is read instead. The rest of the file (everything
// but the list's lines, which become empty lines so that every line keeps
// its number) must parse with outputs: as a key of the top-level mapping
// on the line where it was found, so a line that only looks like that
// key (inside a quoted scalar, say) is never taken for it.
func (d *decoder) decodePieces(data []byte, spec *planSpec) bool {
	lines := bytes.SplitAfter(data, []byte("\n"))
	key := -1 // the line of "outputs:"
	for i, l := range lines {
		l = bytes.TrimRight(l, " \r\n")
		switch {
		case bytes.Equal(l, []byte("outputs:")):
			if key >= 0 {
				return false // twice: the whole file's read says so
			}
			key = i
		case bytes.HasPrefix(l, []byte("---")), bytes.HasPrefix(l, []byte("...")), bytes.HasPrefix(l, []byte("%")):
			return false // several documents, or directives
		}
	}
	if key < 0 {
		return false
	}

	// The list: from the first item to the first line, not blank and not
	// a comment, that is neither an item nor inside one.
	indent := -1
	var starts []int // the line each item starts on
	end := len(lines)
	for i := key + 1; i < len(lines); i++ {
		l := bytes.TrimRight(lines[i], " \r\n")
		text := bytes.TrimLeft(l, " ")
		if len(text) == 0 || text[0] == '#' {
			continue
		}
		if bytes.IndexByte(l[:len(l)-len(text)], '\t') >= 0 || text[0] == '\t' {
			return false // a tab in the indentation: YAML refuses it
		}
		if endsInProperty(text) {
			return false // a tag or anchor may belong to the next line's node
		}
		n := len(l) - len(text)
		item := text[0] == '-' && (len(text) == 1 || text[1] == ' ')
		if indent < 0 {
			if !item {
				return false // not a block list
			}
			indent = n
		}
		if n < indent || n == indent && !item {
			end = i
			break
		}
		if n == indent {
			starts = append(starts, i)
		}
	}
	if len(starts) == 0 {
		return false
	}
	first := starts[0]

	// The rest of the file, with the list's lines left empty.
	var rest bytes.Buffer
	for i, l := range lines {
		if i >= first && i < end {
			rest.WriteByte('\n')
			continue
		}
		rest.Write(l)
	}
	root, ok := quietParse(rest.Bytes())
	if !ok || root.Kind != yaml.MappingNode {
		return false
	}
	found := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "outputs" {
			continue
		}
		if found || k.Line != key+1 || k.Column != 1 || k.Kind != yaml.ScalarNode || k.Style != 0 || v.Kind != yaml.ScalarNode || v.Tag != "!!null" {
			return false
		}
		found = true
	}
	if !found {
		return false
	}

	// Decode the rest of the file, then the list a piece at a time, each
	// item at the field the whole file's read would give it. A piece that
	// does not parse as a list of exactly the items it was cut into, or
	// that has an alias (whose expansion the whole file's read bounds),
	// stops it: the caller starts again with the whole file.
	d.mapping(root, reflect.ValueOf(spec).Elem(), "")
	delete(d.null, "outputs")
	d.at["outputs"] = pos{first + 1, indent + 1}
	spec.Outputs = make([]outputSpec, len(starts))
	parse := func(k int) *yaml.Node {
		from, to := starts[k], end
		if k+piecesOf < len(starts) {
			to = starts[k+piecesOf]
		}
		seq, ok := quietParse(bytes.Join(lines[from:to], nil))
		if !ok || seq.Kind != yaml.SequenceNode || len(seq.Content) != min(piecesOf, len(starts)-k) ||
			seq.Line != 1 || seq.Column != indent+1 || !shiftLines(seq, from) {
			return nil
		}
		return seq
	}
	for k, seq := range inOrder(len(starts), piecesOf, parse) {
		if seq == nil {
			return false
		}
		for j, n := range seq.Content {
			d.value(n, reflect.ValueOf(&spec.Outputs[k+j]).Elem(), fmt.Sprintf("outputs[%d]", k+j), field0)
		}
	}
	return true
}

// inOrder yields parse(k) for k = 0, step, 2*step … below n, in that
// order, with each parse run ahead on goroutines of their own, one a
// core: parsing the pieces of the outputs list was three quarters of
// reading a plan, which comes before any material is made, while the
// decoding of each piece into the spec (the caller's, on its own
// goroutine) is the rest. No more than one piece a core waits to be
// yielded, so no more than that many node trees are held besides the
// one being decoded. Stopped early, it waits for the pieces being
// parsed and drops them.
func inOrder(n, step int, parse func(k int) *yaml.Node) iter.Seq2[int, *yaml.Node] {
	return func(yield func(int, *yaml.Node) bool) {
		workers := min(runtime.GOMAXPROCS(0), (n+step-1)/step)
		if workers < 2 {
			for k := 0; k < n; k += step {
				if !yield(k, parse(k)) {
					return
				}
			}
			return
		}
		// A panic while parsing (a bug) is raised again here, on the
		// caller's goroutine, where the command's recover reports it.
		type parsed struct {
			seq   *yaml.Node
			panic any
		}
		type piece struct {
			k   int
			out chan parsed
		}
		todo := make(chan piece)
		queue := make(chan piece, workers) // handed out, in order
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			defer close(todo)
			defer close(queue)
			for k := 0; k < n; k += step {
				p := piece{k, make(chan parsed, 1)}
				select {
				case queue <- p:
				case <-stop:
					return
				}
				select {
				case todo <- p:
				case <-stop:
					return
				}
			}
		})
		for range workers {
			wg.Go(func() {
				for p := range todo {
					func() {
						var r parsed
						defer func() {
							r.panic = recover()
							p.out <- r
						}()
						r.seq = parse(p.k)
					}()
				}
			})
		}
		defer func() {
			close(stop)
			wg.Wait()
		}()
		for p := range queue {
			r := <-p.out
			if r.panic != nil {
				panic(r.panic)
			}
			if !yield(p.k, r.seq) {
				return
			}
		}
	}
}

// endsInProperty reports whether a line of the list ends in a tag (!x)
// or an anchor (&x): YAML gives such a property to the node that follows,
// which may stand on a later line, past the end of the piece the line is
// cut into ("  - {x}\n  !\n000:" is an item for a piece on its own and a
// syntax error for the whole file). Such lines are rare in a plan; the
// whole file's read takes them.
func endsInProperty(text []byte) bool {
	if i := bytes.Index(text, []byte(" #")); i >= 0 {
		text = text[:i]
	}
	// The last of the line's words (bytes.Fields' last, without making
	// the list of every word of every line of the plan).
	text = bytes.TrimRightFunc(text, unicode.IsSpace)
	if len(text) == 0 {
		return false
	}
	last := text
	if i := bytes.LastIndexFunc(text, unicode.IsSpace); i >= 0 {
		_, n := utf8.DecodeRune(text[i:])
		last = text[i+n:]
	}
	return last[0] == '!' || last[0] == '&'
}

// quietParse reads data into a node tree and returns its root, or false
// when data is not YAML the plan's decoder takes (a syntax error, an
// alias bomb, no document): the whole file's read then says what is
// wrong.
func quietParse(data []byte) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, false
	}
	if _, ok := input.CheckAliases(&doc); !ok {
		return nil, false
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, false
	}
	return doc.Content[0], true
}

// shiftLines moves every node under n down by lines, for a piece of the
// file parsed on its own. It reports false when a node is an alias.
func shiftLines(n *yaml.Node, lines int) bool {
	n.Line += lines
	ok := n.Kind != yaml.AliasNode
	for _, c := range n.Content {
		ok = shiftLines(c, lines) && ok
	}
	return ok
}

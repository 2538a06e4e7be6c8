package plan

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	yaml "go.yaml.in/yaml/v3"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// Problem is one thing wrong with a plan, where it is.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Field   string `json:"field,omitempty"` // e.g. outputs[2].languages[1]
	Message string `json:"message"`
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// PlanError lists every problem found in a plan, in file order.
type PlanError struct {
	File     string
	Problems []Problem
}

func (e *PlanError) Error() string {
	if len(e.Problems) == 1 {
		return e.Problems[0].String()
	}
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return input.Problems(fmt.Sprintf("%s has %d problems:", e.File, len(e.Problems)), lines)
}

// pos is where a value stands in the file.
type pos struct{ line, col int }

// decoder fills a spec value from a YAML node tree, collecting every
// problem instead of stopping at the first, and remembering where each
// field's value was so later checks can point at it.
type decoder struct {
	file     string
	problems []Problem
	at       map[string]pos  // field path → position of its value
	null     map[string]bool // fields given with no value
	bad      map[string]bool // fields whose value could not be read
	warnings []Problem
}

func newDecoder(file string) *decoder {
	return &decoder{file: file, at: map[string]pos{}, null: map[string]bool{}, bad: map[string]bool{}}
}

func (d *decoder) problem(p pos, field, format string, args ...any) {
	d.bad[field] = true
	d.problems = append(d.problems, Problem{File: d.file, Line: p.line, Column: p.col, Field: field, Message: fmt.Sprintf(format, args...)})
}

// fieldProblem reports a value that profile's checks refused, without
// repeating the field and line the problem already carries.
func (d *decoder) fieldProblem(field string, err error) {
	var fe *profile.FieldError
	if errors.As(err, &fe) {
		msg := fe.Problem
		if fe.Fix != "" {
			msg += "; " + fe.Fix
		}
		d.problemAt(field, "%s", msg)
		return
	}
	d.problemAt(field, "%v", err)
}

// problemAt reports a problem at the recorded position of field, or of
// the nearest enclosing field that has one.
func (d *decoder) problemAt(field, format string, args ...any) {
	d.problem(d.find(field), field, format, args...)
}

func (d *decoder) find(field string) pos {
	for f := field; f != ""; f = parent(f) {
		if p, ok := d.at[f]; ok {
			return p
		}
	}
	return pos{}
}

// parent is the field that contains field: outputs[1].audience →
// outputs[1] → outputs.
func parent(field string) string {
	if i := strings.LastIndexAny(field, ".["); i >= 0 {
		return field[:i]
	}
	return ""
}

// Problems sorted by position, duplicates dropped: a bad name in a
// matrix would otherwise be reported once per combination.
func (d *decoder) sorted() []Problem {
	ps := slices.Clone(d.problems)
	// The plan's own problems first, then those of files it names.
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(boolInt(a.File != d.file), boolInt(b.File != d.file)), strings.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return slices.Compact(ps)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// parse reads data into a node tree; a syntax error becomes a problem.
func (d *decoder) parse(data []byte) *yaml.Node {
	var doc, extra yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	err := dec.Decode(&doc)
	if err == nil {
		// A second document (after ---) would be dropped unread, and
		// with it every output it lists.
		if err = dec.Decode(&extra); err == nil {
			d.problem(pos{line: extra.Line}, "", "a second YAML document (after ---) starts here, which would not be read; keep one document per plan, with one outputs: list")
			return nil
		}
	}
	if err != nil && !errors.Is(err, io.EOF) {
		if line, problem := input.TextProblem(data, err); line > 0 {
			d.problem(pos{line: line}, "", "%s", problem)
			return nil
		}
		if input.IsTooDeep(err) {
			d.problem(pos{line: 1}, "", "%s", input.TooDeep)
			return nil
		}
		line, problem := input.SyntaxProblem(data, err)
		d.problem(pos{line: max(line, 1)}, "", "%s", problem)
		return nil
	}
	// A YAML alias bomb (each level ten copies of the one before) is
	// refused before the decoder follows a single alias.
	if line, ok := input.CheckAliases(&doc); !ok {
		d.problem(pos{line: line}, "", "%s", input.AliasProblem)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		d.problem(pos{line: 1}, "", "the plan is empty; it needs at least an outputs: list")
		return nil
	}
	return doc.Content[0]
}

// field describes one key of a spec struct.
type field struct {
	key      string
	index    int
	doc      string
	names    string // engine list of valid values: audience, language, format, paper
	min      int    // smallest number or list length; 0 means no limit
	max      int    // largest number; 0 means any int32
	maxWhy   string // why, said after the number when it is past max
	either   string // key that must not be given together with this one
	required bool
}

// fieldsOf lists the keys of spec struct t. The lists are made once per
// type and shared (read only): reading a plan of 10,000 items looked its
// tags up 1.4 million times, a fifth of the plan's read, done before any
// material is made.
func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldLists.Load(t); ok {
		return fs.([]field)
	}
	fs, _ := fieldLists.LoadOrStore(t, readFields(t))
	return fs.([]field)
}

// fieldLists holds fieldsOf's lists by type: one for each spec struct
// type the program has, a handful.
var fieldLists sync.Map // reflect.Type → []field

func readFields(t reflect.Type) []field {
	var fs []field
	for i := range t.NumField() {
		sf := t.Field(i)
		key := sf.Tag.Get("yaml")
		if key == "" || key == "-" {
			continue
		}
		f := field{key: key, index: i, doc: sf.Tag.Get("doc"), names: sf.Tag.Get("names"), either: sf.Tag.Get("either"), required: sf.Tag.Get("required") == "true"}
		if m := sf.Tag.Get("min"); m != "" {
			f.min, _ = strconv.Atoi(m)
		}
		if m := sf.Tag.Get("max"); m != "" {
			f.max, _ = strconv.Atoi(m)
			f.maxWhy = sf.Tag.Get("maxwhy")
		}
		fs = append(fs, f)
	}
	return fs
}

func keysOf(fs []field) []string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.key
	}
	return keys
}

func join(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

// describe names a node's kind for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return strconv.Quote(n.Value)
}

// value decodes n into v, which is a spec struct, a field of one, or an
// element of a list.
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string, f field) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	p := pos{n.Line, n.Column}
	d.at[path] = p
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		d.null[path] = true
		return // given empty: same as left out
	}
	switch v.Kind() {
	case reflect.Pointer:
		nv := reflect.New(v.Type().Elem())
		d.value(n, nv.Elem(), path, f)
		v.Set(nv)
	case reflect.Struct:
		d.mapping(n, v, path)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.problem(p, path, "should be text, not %s", describe(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		digits := strings.ReplaceAll(n.Value, "_", "")
		if u := strings.TrimLeft(digits, "+-"); n.Kind == yaml.ScalarNode && n.Tag == "!!int" && len(u) > 1 && u[0] == '0' {
			// YAML reads 012 as octal and 0x10 as hexadecimal: copies:
			// 012, a spreadsheet's zero-padded 12, printed 10.
			fix := "write it in plain digits"
			if x, err := strconv.ParseUint(u, 10, 32); err == nil {
				fix = fmt.Sprintf("write %d, without the leading 0", x)
			}
			d.problem(p, path, "should be a whole number in plain digits, not %s: %s", n.Value, fix)
			return
		}
		i, err := strconv.ParseInt(digits, 10, 32)
		if n.Kind == yaml.ScalarNode && n.Tag == "!!int" && errors.Is(err, strconv.ErrRange) {
			// A whole number too large: "should be a whole number, not
			// 99999999999" was not what is wrong with it.
			if strings.HasPrefix(n.Value, "-") {
				d.problem(p, path, "should be at least %d, not %s", max(f.min, math.MinInt32), n.Value)
			} else {
				d.problem(p, path, "should be at most %d, not %s%s", cmp.Or(f.max, math.MaxInt32), n.Value, f.maxWhy)
			}
			return
		}
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil {
			d.problem(p, path, "should be a whole number, not %s", describe(n))
			return
		}
		if f.min > 0 && int(i) < f.min {
			d.problem(p, path, "should be at least %d, not %d", f.min, i)
		}
		if f.max > 0 && int(i) > f.max {
			d.problem(p, path, "should be at most %d, not %d%s", f.max, i, f.maxWhy)
		}
		v.SetInt(i)
	case reflect.Float64:
		x, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			d.problem(p, path, "should be a number, not %s", describe(n))
			return
		}
		v.SetFloat(x)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || err != nil {
			d.problem(p, path, "should be true or false, not %s", describe(n))
			return
		}
		v.SetBool(b)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			// The example is of the list asked for: audiences: youth
			// was told "should be a list [en, fr]".
			example, one := listExamples[f.key], ""
			if example == "" {
				example = "[a, b]"
			}
			if v.Type().Elem().Kind() == reflect.Struct {
				example = "of items, each starting with -"
			}
			if single := strings.TrimSuffix(f.key, "s"); single != f.key && n.Kind == yaml.ScalarNode && singleKeys[single] && !strings.ContainsAny(n.Value, " ,;+") && n.Value != "" {
				one = fmt.Sprintf(" (or %s: %s, for one)", single, n.Value)
			}
			d.problem(p, path, "should be a list %s, not %s%s", example, describe(n), one)
			return
		}
		if f.min > 0 && len(n.Content) < f.min {
			d.problem(p, path, "should have at least %d item", f.min)
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.value(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i), field0)
		}
		v.Set(s)
	default:
		panic("plan: spec field of unsupported kind " + v.Kind().String())
	}
}

var field0 field

// listExamples are examples of the lists a plan's keys take, and
// singleKeys the keys that take one of their items (audience: youth).
var (
	listExamples = map[string]string{"audiences": "[youth, newcomers]", "languages": "[en, fr]", "formats": "[flyer, cards]"}
	singleKeys   = map[string]bool{"audience": true, "language": true, "format": true}
)

// keyAliases are the other spellings of plan keys, as awarekit.yaml and
// the partners file take them: Canadian and British colour, American
// organization(s).
var keyAliases = map[string]string{"colour": "color", "organization": "organisation", "organizations": "organisations"}

// mapping decodes a YAML mapping into a spec struct: every key must be
// one of the struct's, given once.
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	fs := fieldsOf(v.Type())
	p := pos{n.Line, n.Column}
	if n.Kind != yaml.MappingNode {
		what := "the plan"
		if path != "" {
			what = "it"
		}
		d.problem(p, path, "%s should be a mapping with the keys %s, not %s", what, strings.Join(keysOf(fs), ", "), describe(n))
		return
	}
	seen := map[string]pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		kp := pos{k.Line, k.Column}
		key := k.Value
		if to, ok := keyAliases[key]; ok && slices.ContainsFunc(fs, func(f field) bool { return f.key == to }) {
			key = to
		}
		sub := join(path, key)
		j := slices.IndexFunc(fs, func(f field) bool { return f.key == key })
		if j < 0 {
			hint := ""
			if near := spell.Nearest(k.Value, keysOf(fs)); len(near) > 0 {
				hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
			}
			d.problem(kp, sub, "unknown key %q%s; valid here: %s", k.Value, hint, strings.Join(keysOf(fs), ", "))
			continue
		}
		if first, dup := seen[key]; dup {
			d.problem(kp, sub, "is given twice (first on line %d)", first.line)
			continue
		}
		seen[key] = kp
		d.value(val, v.Field(fs[j].index), sub, fs[j])
	}
	for _, f := range fs {
		if _, ok := seen[f.key]; f.required && !ok {
			d.problem(p, join(path, f.key), "is missing")
		}
		if f.either != "" {
			_, a := seen[f.key]
			_, b := seen[f.either]
			if a && b {
				d.problem(seen[f.either], join(path, f.either), "give %s or %s, not both", f.key, f.either)
				delete(d.bad, join(path, f.either)) // its values can still be checked
			}
		}
	}
}

package translate

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/awarekit/awarekit/toolkit/locale"
)

// A locale file is changed in place: only the values that change are
// rewritten and new lines go where a person would put them (a message
// into its section, after the message before it in en.toml; a hash into
// its table in ID order), so the file's comments, sections, notes and
// the formatting around them stay as they were, and the same edit gives
// the same bytes. The result is read back and compared with what was
// meant before it is written.

// localeEdit is what Import and Review change in a locale file.
type localeEdit struct {
	Messages map[string]string // message ID → new text
	Sources  map[string]string // message ID → hash of the English it was made from
	Checked  map[string]string // message ID → hash of the text a reviewer read
	// Rewritten: message ID → hash of the text a named fluent speaker
	// wrote or confirmed, in a language that must be rewritten.
	Rewritten map[string]string
	Meta      []metaSet // _meta keys to set, in order
	// Order lists the message IDs in en.toml's order, to place a new
	// message after the one before it.
	Order []string
}

// metaSet sets a _meta key to a value already written as TOML.
type metaSet struct{ Key, Value string }

type tomlTable struct {
	path        string
	headerStart int // offset of the header's line
	headerEnd   int // offset just after the header's line
	lastEnd     int // offset just after the table's last key's line
	keys        []tomlKey
}

type tomlKey struct {
	id      string // message ID, _meta key, or the ID a hash is for
	value   [2]int // the value's bytes
	whole   [2]int // key = value
	lineEnd int
}

type tomlDoc struct {
	data   []byte
	tables []*tomlTable // root first, path ""
}

func (d *tomlDoc) table(path string) *tomlTable {
	for _, t := range d.tables {
		if t.path == path {
			return t
		}
	}
	return nil
}

func parseTOMLDoc(name string, data []byte) (*tomlDoc, error) {
	d := &tomlDoc{data: data, tables: []*tomlTable{{path: ""}}}
	cur := d.tables[0]
	var p unstable.Parser
	p.Reset(data)
	lineEnd := func(off int) int {
		if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
			return off + i + 1
		}
		return len(data)
	}
	for p.NextExpression() {
		e := p.Expression()
		var parts []string
		last := 0
		it := e.Key()
		for it.Next() {
			k := it.Node()
			parts = append(parts, string(k.Data))
			r := k.Raw
			last = int(r.Offset + r.Length)
		}
		switch e.Kind {
		case unstable.Table:
			first := last
			if it := e.Key(); it.Next() {
				first = int(it.Node().Raw.Offset)
			}
			cur = &tomlTable{path: strings.Join(parts, "."), headerStart: bytes.LastIndexByte(data[:first], '\n') + 1, headerEnd: lineEnd(last)}
			cur.lastEnd = cur.headerEnd
			d.tables = append(d.tables, cur)
		case unstable.ArrayTable:
			return nil, fmt.Errorf("%s: has an array of tables [[%s]], which a message file does not; awarekit cannot change it", name, strings.Join(parts, "."))
		case unstable.KeyValue:
			v := e.Value()
			start := int(e.Raw.Offset)
			end := start + int(e.Raw.Length)
			k := tomlKey{whole: [2]int{start, end}, lineEnd: lineEnd(end)}
			if v != nil && v.Kind == unstable.String {
				k.value = [2]int{int(v.Raw.Offset), int(v.Raw.Offset + v.Raw.Length)}
			}
			switch {
			case cur.path == "_meta" || cur.path == "_source" || cur.path == "_reviewed" || cur.path == "_rewritten":
				k.id = strings.Join(parts, ".")
			case cur.path == "":
				k.id = strings.Join(parts, ".")
			default:
				k.id = cur.path + "." + strings.Join(parts, ".")
			}
			// go-i18n's long form: a table with other = "text" is one
			// message.
			if id, ok := strings.CutSuffix(k.id, ".other"); ok {
				k.id = id
			}
			cur.keys = append(cur.keys, k)
			cur.lastEnd = k.lineEnd
		}
	}
	if err := p.Error(); err != nil {
		var perr *unstable.ParserError
		if errors.As(err, &perr) {
			sh := p.Shape(p.Range(perr.Highlight))
			return nil, fmt.Errorf("%s:%d: %s", name, sh.Start.Line, perr.Message)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}

type splice struct {
	at, end int // bytes replaced: data[at:end]
	text    string
	order   int // among insertions at one place
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func tomlKeyPart(s string) string {
	if bareKey.MatchString(s) {
		return s
	}
	return tomlString(s)
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7F:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// tomlStrings writes a TOML array of strings.
func tomlStrings(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = tomlString(s)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// tomlReviews writes _meta.reviews, one review a line.
func tomlWriters(ws []locale.Writer, nl string) string {
	var b strings.Builder
	b.WriteString("[" + nl)
	for _, w := range ws {
		fmt.Fprintf(&b, "  {name = %s, date = %s},%s", tomlString(w.Name), tomlString(w.Date), nl)
	}
	b.WriteString("]")
	return b.String()
}

func tomlReviews(rs []locale.Review, nl string) string {
	if len(rs) == 0 {
		return "[]"
	}
	var b strings.Builder
	b.WriteString("[" + nl)
	for _, r := range rs {
		fmt.Fprintf(&b, "  {scope = %s, reviewer = %s, date = %s},%s", tomlString(r.Scope), tomlString(r.Reviewer), tomlString(r.Date), nl)
	}
	b.WriteString("]")
	return b.String()
}

// editLocale applies ed to the locale file data (named name for errors)
// and checks the result.
func editLocale(name string, data []byte, ed localeEdit) ([]byte, error) {
	before, err := locale.ParseFile(name, data)
	if err != nil {
		return nil, err
	}
	d, err := parseTOMLDoc(name, data)
	if err != nil {
		return nil, err
	}
	nl := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		nl = "\r\n"
	}
	rank := map[string]int{}
	for i, id := range ed.Order {
		rank[id] = i + 1
	}
	var splices []splice
	var appendix strings.Builder // new tables, at the end of the file
	n := 0
	insert := func(at int, text string) {
		n++
		splices = append(splices, splice{at: at, end: at, text: text, order: n})
	}

	// Messages: a changed value in place; a new one into the table of
	// its section, after the message before it in en.toml.
	newTables := map[string][]string{}
	for _, id := range sortedByRank(slices.Collect(maps.Keys(ed.Messages)), rank) {
		text := ed.Messages[id]
		if k, ok := d.message(id); ok {
			if k.value == [2]int{} {
				return nil, fmt.Errorf("%s: message %s is not written as id = \"text\"; awarekit cannot change it", name, id)
			}
			splices = append(splices, splice{at: k.value[0], end: k.value[1], text: tomlString(text)})
			continue
		}
		t := d.sectionOf(id)
		if t == nil {
			first, _, _ := strings.Cut(id, ".")
			newTables[first] = append(newTables[first], id)
			continue
		}
		rel := strings.TrimPrefix(id, t.path+".")
		if t.path == "" {
			rel = id
		}
		at := t.headerEnd
		if rank[id] == 0 {
			at = t.lastEnd
		}
		for _, k := range t.keys {
			if rank[k.id] != 0 && rank[id] != 0 && rank[k.id] < rank[id] {
				at = k.lineEnd
			}
		}
		insert(at, dottedKey(rel)+" = "+tomlString(text)+nl)
	}
	// New sections go before the hash tables, which end the file.
	var sections strings.Builder
	for _, first := range slices.Sorted(maps.Keys(newTables)) {
		sections.WriteString("[" + tomlKeyPart(first) + "]" + nl)
		for _, id := range newTables[first] {
			sections.WriteString(dottedKey(strings.TrimPrefix(id, first+".")) + " = " + tomlString(ed.Messages[id]) + nl)
		}
		sections.WriteString(nl)
	}
	if sections.Len() > 0 {
		hashAt := -1
		for _, t := range d.tables {
			if (t.path == "_source" || t.path == "_reviewed" || t.path == "_rewritten") && (hashAt < 0 || t.headerStart < hashAt) {
				hashAt = t.headerStart
			}
		}
		if hashAt >= 0 {
			insert(hashAt, sections.String())
		} else {
			appendix.WriteString(nl + strings.TrimSuffix(sections.String(), nl))
		}
	}

	// Hashes: in their table, in ID order.
	for _, h := range []struct {
		table string
		set   map[string]string
	}{{"_source", ed.Sources}, {"_reviewed", ed.Checked}, {"_rewritten", ed.Rewritten}} {
		if len(h.set) == 0 {
			continue
		}
		t := d.table(h.table)
		var missing []string
		for _, id := range slices.Sorted(maps.Keys(h.set)) {
			if t != nil {
				if i := slices.IndexFunc(t.keys, func(k tomlKey) bool { return k.id == id }); i >= 0 && t.keys[i].value != [2]int{} {
					splices = append(splices, splice{at: t.keys[i].value[0], end: t.keys[i].value[1], text: tomlString(h.set[id])})
					continue
				}
				at := t.headerEnd
				for _, k := range t.keys {
					if k.id < id {
						at = k.lineEnd
					}
				}
				insert(at, tomlString(id)+" = "+tomlString(h.set[id])+nl)
				continue
			}
			missing = append(missing, id)
		}
		if len(missing) > 0 {
			appendix.WriteString(nl + "[" + h.table + "]" + nl)
			for _, id := range missing {
				appendix.WriteString(tomlString(id) + " = " + tomlString(h.set[id]) + nl)
			}
		}
	}

	// _meta: a key's line rewritten in place, a new key after the last.
	if len(ed.Meta) > 0 {
		t := d.table("_meta")
		if t == nil {
			var b strings.Builder
			b.WriteString(nl + "[_meta]" + nl)
			for _, m := range ed.Meta {
				b.WriteString(m.Key + " = " + m.Value + nl)
			}
			appendix.WriteString(b.String())
		} else {
			for _, m := range ed.Meta {
				if i := slices.IndexFunc(t.keys, func(k tomlKey) bool { return k.id == m.Key }); i >= 0 {
					k := t.keys[i]
					splices = append(splices, splice{at: k.whole[0], end: k.whole[1], text: m.Key + " = " + m.Value})
					continue
				}
				insert(t.lastEnd, m.Key+" = "+m.Value+nl)
			}
		}
	}

	sort.SliceStable(splices, func(i, j int) bool {
		if splices[i].at != splices[j].at {
			return splices[i].at < splices[j].at
		}
		return splices[i].order < splices[j].order
	})
	var out bytes.Buffer
	at := 0
	for _, s := range splices {
		if s.at < at {
			return nil, fmt.Errorf("%s: two changes overlap; the file may define a message twice", name)
		}
		out.Write(data[at:s.at])
		out.WriteString(s.text)
		at = s.end
	}
	out.Write(data[at:])
	if appendix.Len() > 0 {
		if out.Len() > 0 && !bytes.HasSuffix(out.Bytes(), []byte("\n")) {
			out.WriteString(nl)
		}
		out.WriteString(appendix.String())
	}
	result := out.Bytes()
	if err := verifyEdit(name, before, result, ed); err != nil {
		return nil, err
	}
	return result, nil
}

// message finds a message's key in any table but _meta and the hashes.
func (d *tomlDoc) message(id string) (tomlKey, bool) {
	for _, t := range d.tables {
		if strings.HasPrefix(t.path, "_") {
			continue
		}
		for _, k := range t.keys {
			if k.id == id {
				return k, true
			}
		}
	}
	return tomlKey{}, false
}

// sectionOf is the table a new message goes into: the one whose name
// is the longest start of its ID; the file's top when it has messages
// there and no such table; nil when a new table is needed.
func (d *tomlDoc) sectionOf(id string) *tomlTable {
	var best *tomlTable
	for _, t := range d.tables {
		if t.path == "" || strings.HasPrefix(t.path, "_") || !strings.HasPrefix(id, t.path+".") {
			continue
		}
		if best == nil || len(t.path) > len(best.path) {
			best = t
		}
	}
	if best == nil && len(d.tables) == 1 && len(d.tables[0].keys) > 0 {
		return d.tables[0]
	}
	return best
}

func dottedKey(rel string) string {
	parts := strings.Split(rel, ".")
	for i, p := range parts {
		parts[i] = tomlKeyPart(p)
	}
	return strings.Join(parts, ".")
}

func sortedByRank(ids []string, rank map[string]int) []string {
	slices.SortFunc(ids, func(a, b string) int {
		ra, rb := rank[a], rank[b]
		if ra == 0 {
			ra = len(rank) + 1
		}
		if rb == 0 {
			rb = len(rank) + 1
		}
		if ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	return ids
}

// verifyEdit reads the edited file back: every message, hash and _meta
// value is what was meant, and nothing else changed.
func verifyEdit(name string, before *locale.Locale, data []byte, ed localeEdit) error {
	after, err := locale.ParseFile(name, data)
	if err != nil {
		return fmt.Errorf("the change to %s would make it unreadable (%v); it was not written", name, err)
	}
	want := maps.Clone(before.Messages)
	maps.Copy(want, ed.Messages)
	wantSources := maps.Clone(before.Sources)
	maps.Copy(wantSources, ed.Sources)
	wantChecked := maps.Clone(before.Checked)
	maps.Copy(wantChecked, ed.Checked)
	wantRewritten := maps.Clone(before.Rewritten)
	maps.Copy(wantRewritten, ed.Rewritten)
	switch {
	case !maps.Equal(after.Messages, want):
		return fmt.Errorf("the change to %s did not give the messages meant; it was not written", name)
	case !maps.Equal(after.Sources, wantSources):
		return fmt.Errorf("the change to %s did not give the [_source] hashes meant; it was not written", name)
	case !maps.Equal(after.Checked, wantChecked):
		return fmt.Errorf("the change to %s did not give the [_reviewed] hashes meant; it was not written", name)
	case !maps.Equal(after.Rewritten, wantRewritten):
		return fmt.Errorf("the change to %s did not give the [_rewritten] hashes meant; it was not written", name)
	}
	return nil
}

package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxYAMLValues is the most values (scalars, lists and maps) the aliases
// of a YAML file may add to those it holds written out. A workshop plan
// with anchors for its defaults adds a few hundred; an alias bomb (each
// level ten copies of the one before) adds billions in a few hundred
// bytes. What a file holds written out is bounded by its size limit: a
// plan of ten thousand outputs, one item each, holds some 160,000.
const MaxYAMLValues = 100_000

// ParseYAML parses a YAML file into a node tree with line numbers,
// refusing a file whose aliases expand past MaxYAMLValues. An empty file
// gives a nil node. Errors name path and line and never quote the file.
func ParseYAML(k Kind, path string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		if line, problem := TextProblem(data, err); line > 0 {
			return nil, fmt.Errorf("%s %s:%d: %s", k.Name, path, line, problem)
		}
		if line, problem := SyntaxProblem(data, err); line > 0 {
			return nil, fmt.Errorf("%s %s:%d: %s", k.Name, path, line, problem)
		}
		return nil, YAMLError(k, path, err)
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		return nil, fmt.Errorf("%s %s:%d: a second YAML document (after ---); keep one document per file", k.Name, path, extra.Line)
	case !errors.Is(err, io.EOF):
		// After the end of a document (a line of ...), what follows was
		// passed over unread, and with it the settings it holds.
		if line, problem := TextProblem(data, err); line > 0 {
			return nil, fmt.Errorf("%s %s:%d: %s", k.Name, path, line, problem)
		}
		return nil, fmt.Errorf("%s %s:%d: more follows the end of the document (a line of ...), which would not be read; remove the ... line", k.Name, path, docEnd(data))
	}
	if line, ok := CheckAliases(&doc); !ok {
		return nil, fmt.Errorf("%s %s:%d: %s", k.Name, path, line, AliasProblem)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// SyntaxProblem is the line of data, from 1, and what is wrong there,
// for a syntax error err the YAML library gave; line is 0 for any other
// error (a type error, nesting too deep). The library's own line is not
// always the problem's: it names none on the first line ("found
// character that cannot start any token" for a tab there) or for an
// alias (*name) of no anchor; for what its parser finds ("did not find
// expected key") it counts from 0 and names where the enclosing map or
// list began, often lines above the line that breaks it; and for a
// quoted text or a key begun on the first line it names where it gave
// up, the file's end or the next line. problemLine finds the line the
// library's own reading stops at.
func SyntaxProblem(data []byte, err error) (line int, problem string) {
	var te *yaml.TypeError
	if err == nil || errors.As(err, &te) || IsTooDeep(err) {
		return 0, ""
	}
	said, m := libraryProblem(err.Error())
	if sm := unknownAnchor.FindStringSubmatch(m); sm != nil {
		return max(aliasLine(data, sm[1]), 1), fmt.Sprintf("*%s repeats the value marked &%s, and nothing before it is marked so; mark that value &%s, or write the value out", sm[1], sm[1], sm[1])
	}
	line = problemLine(data, m, said)
	if strings.Contains(m, "cannot start any token") || strings.Contains(m, "tab character") {
		if k := tabLine(data, line); k > 0 {
			// A tab in the indentation: "found character that cannot
			// start any token" tells no one what to change.
			return k, "the line is indented with a tab; YAML indents with spaces only: replace the tab with spaces (as many as the lines beside it use)"
		}
	}
	return line, m + "; " + SyntaxHint
}

// tabLine is the line, from 1, whose indentation holds a tab that the
// library's problem at line is about: line itself, or the next line
// with something on it. Below a line that ends in a value ("language:
// fr") the library names the line of that value, not the tab's; 0 when
// neither line's indentation holds a tab.
func tabLine(data []byte, line int) int {
	ends := lineEnds(data)
	for k := line; k >= 1 && k <= len(ends); k++ {
		l := lineAt(data, ends, k)
		blank := len(bytes.TrimSpace(l)) == 0
		if !blank && bytes.ContainsRune(l[:len(l)-len(bytes.TrimLeft(l, " \t"))], '\t') {
			return k
		}
		if k > line && !blank {
			break
		}
	}
	return 0
}

// libraryProblem splits a message of the YAML library into the line it
// names ("yaml: line 4: ...", 0 for none) and the problem after it.
func libraryProblem(msg string) (line int, problem string) {
	problem = strings.TrimPrefix(msg, "yaml: ")
	if sm := yamlLine.FindStringSubmatch(problem); sm != nil {
		line, _ = strconv.Atoi(sm[1])
		problem = problem[len(sm[0]):]
	}
	return line, problem
}

// lineAt is line n (from 1) of data, whose lines end at ends, without
// its line break.
func lineAt(data []byte, ends []int, n int) []byte {
	if n < 1 || n > len(ends) {
		return nil
	}
	start := 0
	if n > 1 {
		start = ends[n-2]
	}
	return bytes.TrimRight(data[start:ends[n-1]], "\r\n")
}

// problemLine is the line, from 1, at which the YAML library, reading
// data from its start, first meets the problem it calls problem: the
// fewest whole lines of data it refuses with the same words. said is
// the line the library named (0 for none). The library's parser (its
// problems are in parserProblems) names the line where the map or list
// it was reading began, counted from 0: the problem is at or after the
// line after it. Its scanner names the line where the token it was
// reading began, counted from 1, or, when that is the first line, where
// it gave up: the problem is at or before it.
func problemLine(data []byte, problem string, said int) int {
	ends := lineEnds(data)
	n := len(ends)
	if n == 0 {
		return 1
	}
	refused := func(k int) bool {
		var doc yaml.Node
		err := yaml.Unmarshal(data[:ends[k-1]], &doc)
		if err == nil {
			return false
		}
		_, m := libraryProblem(err.Error())
		return m == problem
	}
	// first is the fewest lines from lo on that are refused; hi lines
	// (the whole file, or a count known to be) are.
	first := func(lo, hi int) int {
		if lo >= hi {
			return hi
		}
		// The problem is most often a line or two from lo: look there
		// first, then halve.
		for step, from := 1, lo-1; ; step *= 2 {
			k := min(from+step, hi)
			if k == hi || refused(k) {
				hi = k
				break
			}
			lo = k + 1
		}
		for lo < hi {
			mid := (lo + hi) / 2
			if refused(mid) {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		return hi
	}
	if slices.Contains(parserProblems, problem) {
		k := first(min(said+1, n), n)
		if strings.HasPrefix(problem, "did not find expected ',' or") && openBracketLine(data, len(data)) > 0 {
			// A [ or { never closed: found where the list goes on, but
			// the bracket is what to look at. One closed further down
			// is a comma left out, at line k: its bracket's line
			// (outputs: [) would show nothing wrong.
			if open := openBracketLine(data, ends[k-1]); open > 0 {
				return open
			}
		}
		return k
	}
	switch {
	case said <= 1:
		return 1
	case said > n+1 || !refused(min(said-1, n)):
		return min(said, n)
	}
	return first(1, min(said-1, n))
}

// parserProblems are the problems the YAML library's parser finds (the
// others are its scanner's): it names their line counted from 0, at the
// map or list it was in.
var parserProblems = []string{
	"did not find expected <stream-start>", "did not find expected <document start>",
	"did not find expected node content", "did not find expected '-' indicator",
	"did not find expected key", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"found duplicate %YAML directive", "found incompatible YAML document",
	"found duplicate %TAG directive", "found undefined tag handle",
}

// lineEnds is where each line of data ends, past its line break: YAML
// ends a line at \n, \r\n or \r. A last line without a break ends at
// the end of data.
func lineEnds(data []byte) []int {
	var ends []int
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			ends = append(ends, i+1)
		case '\n':
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] < len(data) {
		ends = append(ends, len(data))
	}
	return ends
}

// openBracketLine is the line, from 1, of the innermost [ or { of a
// flow list or map still open at byte end of data, outside comments and
// quotes; 0 when none is.
func openBracketLine(data []byte, end int) int {
	var open []int // the lines of the brackets open
	line, quote := 1, byte(0)
	for i := 0; i < end; i++ {
		c := data[i]
		switch {
		case c == '\n' || c == '\r' && (i+1 >= len(data) || data[i+1] != '\n'):
			line++
		case quote == '\'' && c == '\'' && i+1 < end && data[i+1] == '\'':
			i++
		case quote == '"' && c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '#' && (i == 0 || strings.IndexByte(" \t\r\n", data[i-1]) >= 0):
			for i+1 < end && data[i+1] != '\n' && data[i+1] != '\r' {
				i++
			}
		case (c == '"' || c == '\'') && startsValue(data[:i]):
			quote = c
		case c == '[' || c == '{':
			open = append(open, line)
		case (c == ']' || c == '}') && len(open) > 0:
			open = open[:len(open)-1]
		}
	}
	if len(open) == 0 {
		return 0
	}
	return open[len(open)-1]
}

// aliasLine is the line, from 1, of the first alias *name in data as
// YAML reads one: where a value starts (at a line's start, after "- ",
// ": ", "[", "{" or ","), the whole name up to a space or a bracket, and
// never in a comment, in quotes or in a block of text (| or >). 0 when
// there is none. (The first line holding *name was taken: a comment
// above, or *orgs for *org.)
func aliasLine(data []byte, name string) int {
	quote := byte(0) // the quote a text spanning lines is in, or 0
	block := -1      // lines indented more than this are a block of text
	start := 0
	for i, end := range lineEnds(data) {
		l := bytes.TrimRight(data[start:end], "\r\n")
		start = end
		indent := len(l) - len(bytes.TrimLeft(l, " "))
		if block >= 0 {
			if len(bytes.TrimSpace(l)) == 0 || indent > block {
				continue
			}
			block = -1
		}
	scan:
		for j := 0; j < len(l); j++ {
			c := l[j]
			switch {
			case quote == '\'' && c == '\'' && j+1 < len(l) && l[j+1] == '\'':
				j++ // '' is a quote inside single quotes
			case quote == '"' && c == '\\':
				j++
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '#' && (j == 0 || l[j-1] == ' ' || l[j-1] == '\t'):
				break scan
			case !startsValue(l[:j]) || j > 0 && strings.IndexByte(" \t[{,", l[j-1]) < 0:
			case c == '"' || c == '\'':
				quote = c
			case c == '|' || c == '>':
				block = indent
				break scan
			case c == '*':
				k := j + 1
				for k < len(l) && strings.IndexByte(" \t,[]{}", l[k]) < 0 {
					k++
				}
				if string(l[j+1:k]) == name {
					return i + 1
				}
			}
		}
	}
	return 0
}

var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// TextProblem is the line of data, from 1, and what is wrong there, of
// the first thing a YAML file cannot hold, for the error err the YAML
// library gave: a byte that is not UTF-8 (a file saved as Windows-1252
// or Latin-1), a control character YAML refuses (NUL, ESC, DEL, C1),
// where the library says only "invalid leading UTF-8 octet" or "control
// characters are not allowed", without a line; or a backslash in double
// quotes that is no escape (a Windows path, "C:\Users\me\logo.png"),
// where it says "did not find expected hexdecimal number". line is 0
// when there is none.
func TextProblem(data []byte, err error) (line int, problem string) {
	if line, problem := encodingProblem(data); line > 0 {
		return line, problem
	}
	if err != nil && (strings.Contains(err.Error(), "escape") || strings.Contains(err.Error(), "hexdecimal")) {
		return escapeProblem(data)
	}
	return 0, ""
}

// escapeProblem is the line of the first backslash in a double-quoted
// YAML string that starts no escape, or an escape that names no
// character (\ud800, half of a surrogate pair), and what to do.
func escapeProblem(data []byte) (int, string) {
	const pathFix = "in double quotes a backslash starts an escape (\\n, \\t, \\u00e9); write a path with / (C:/Users/me/logo.png), or put the value in single quotes"
	line := 1
	quote := byte(0) // the quote the text is in, or 0
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '\n':
			line++
		case quote == 0 && c == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\t' || data[i-1] == '\n'):
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case quote == 0 && (c == '"' || c == '\'') && startsValue(data[:i]):
			quote = c
		case quote == '\'' && c == '\'' && i+1 < len(data) && data[i+1] == '\'':
			i++ // '' is a quote inside single quotes
		case quote == c:
			quote = 0
		case quote == '"' && c == '\\' && i+1 < len(data):
			e := data[i+1]
			digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			switch {
			case digits > 0:
				hex := data[i+2 : min(i+2+digits, len(data))]
				v, err := strconv.ParseUint(string(hex), 16, 32)
				switch {
				case len(hex) < digits || err != nil:
					return line, fmt.Sprintf("\\%c is not followed by %d hexadecimal digits; %s", e, digits, pathFix)
				case v >= 0xD800 && v <= 0xDFFF || v > unicode.MaxRune:
					return line, fmt.Sprintf("\\%c%s names no character (half of a surrogate pair, or past the last); write the character itself", e, hex)
				}
				i += 1 + digits
			case e == '\n' || e == '\r':
				// a line folded with a backslash at its end
			case strings.IndexByte("0abt\tnvfre \"/\\N_LP", e) < 0:
				if e < 0x20 || e >= 0x7F {
					return line, "a backslash is followed by no escape; " + pathFix
				}
				return line, fmt.Sprintf("\\%c is no escape; %s", e, pathFix)
			default:
				i++
			}
		}
	}
	return 0, ""
}

// startsValue reports whether a quote after before starts a YAML value
// (after a colon, a dash, a bracket or a comma, or at the start of a
// line), rather than standing inside one (O'Brien).
func startsValue(before []byte) bool {
	before = bytes.TrimRight(before, " \t")
	return len(before) == 0 || strings.IndexByte("\n:-[{,?", before[len(before)-1]) >= 0
}

// encodingProblem is TextProblem's first part: a byte that is not UTF-8
// or a character YAML does not allow.
func encodingProblem(data []byte) (line int, problem string) {
	if rest, ok := bytes.CutPrefix(data, []byte("\ufeff")); ok {
		data = rest
	}
	line, col := 1, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		col++
		switch {
		case r == utf8.RuneError && size <= 1:
			return line, fmt.Sprintf("is not UTF-8 text (byte 0x%02X, character %d of the line); save the file as UTF-8 (in your editor's Save As, choose the encoding UTF-8)", data[i], col)
		case r == '\n':
			line, col = line+1, 0
		case !yamlPrintable(r):
			return line, fmt.Sprintf("holds U+%04X, a control character YAML does not allow, at character %d of the line; take it out", r, col)
		}
		i += size
	}
	return 0, ""
}

// docEnd is the line, from 1, of the first line of data that ends a
// YAML document ("..."), or 1.
func docEnd(data []byte) int {
	for i, l := range bytes.Split(data, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(l, []byte("...")); ok && len(bytes.TrimSpace(rest)) == 0 || ok && rest[0] == ' ' {
			return i + 1
		}
	}
	return 1
}

// yamlPrintable reports whether YAML 1.2 lets a file hold r as it is
// (c-printable).
func yamlPrintable(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || 0x20 <= r && r <= 0x7E || r == 0x85 ||
		0xA0 <= r && r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF
}

// AliasProblem says what is wrong with a file CheckAliases refuses.
var AliasProblem = fmt.Sprintf("its aliases (*name) expand to over %d values; write the values out, or use fewer aliases", MaxYAMLValues)

// CheckAliases reports whether the tree under n, once its aliases are
// expanded, holds at most MaxYAMLValues more values than written out,
// without expanding them; when it does not, line is that of the first
// alias that adds much.
func CheckAliases(n *yaml.Node) (line int, ok bool) {
	count, plain := written(n, 0)
	if plain {
		// No alias, so nothing to expand: the tree is as large as it
		// is written. (Counting each node of the parsed pieces of a
		// plan of 1,000 items into a map was a tenth of reading it.)
		return 0, true
	}
	limit := count + MaxYAMLValues
	sizes := map[*yaml.Node]int64{}
	if expanded(n, sizes, 0, limit) <= limit {
		return 0, true
	}
	for node, size := range sizes {
		if node.Kind == yaml.AliasNode && size > MaxYAMLValues/10 && (line == 0 || node.Line < line) {
			line = node.Line
		}
	}
	return max(line, 1), false
}

// written counts the values of the tree under n as written, an alias as
// one. plain says the tree has no alias and is no deeper than expanded
// takes: then expanded would count the same.
func written(n *yaml.Node, depth int) (count int64, plain bool) {
	if depth > 10_000 {
		return 0, false // refused by expanded
	}
	count, plain = 1, n.Kind != yaml.AliasNode
	for _, c := range n.Content {
		s, p := written(c, depth+1)
		count += s
		plain = plain && p
	}
	return count, plain
}

// expanded counts the values n stands for with every alias replaced by
// what it names, stopping early once past limit. Sizes are kept per node
// so that shared anchors are counted without being expanded.
func expanded(n *yaml.Node, sizes map[*yaml.Node]int64, depth int, limit int64) int64 {
	if s, ok := sizes[n]; ok {
		return s
	}
	if depth > 10_000 {
		return limit + 1 // nesting this deep is no settings file
	}
	sizes[n] = limit + 1 // a node that reaches itself is too large
	var s int64 = 1
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		s = expanded(n.Alias, sizes, depth+1, limit)
	}
	for _, c := range n.Content {
		s += expanded(c, sizes, depth+1, limit)
		if s > limit {
			s = limit + 1
			break
		}
	}
	sizes[n] = s
	return s
}

var (
	yamlLine   = regexp.MustCompile(`^line (\d+): `)
	yamlQuoted = regexp.MustCompile("`[^`]*`")
	yamlField  = regexp.MustCompile(`^field (.+) not found in type (\S+)$`)
	yamlType   = regexp.MustCompile("^cannot unmarshal (!!\\w+)(?: `[^`]*`)? into (\\S+)")
	yamlWords  = map[string]string{"!!str": "a text", "!!int": "a number", "!!float": "a number", "!!bool": "true or false",
		"!!seq": "a list", "!!map": "a map", "!!null": "nothing", "!!timestamp": "a date", "!!binary": "binary data"}
)

// goTypeWords says what a Go type holds, in words.
func goTypeWords(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["):
		return "a map"
	case t == "string":
		return "a text"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"), strings.HasPrefix(t, "float"):
		return "a number"
	}
	return "a map of settings"
}

// TooDeep says what is wrong with a file whose lists or maps are nested
// deeper than the YAML reader follows (IsTooDeep): no file of awarekit's
// has more than a few levels, and this one is likely not what it seems.
const TooDeep = "holds lists or maps inside one another more than 10000 deep ([ and { that are never closed, or each line indented further); awarekit's files need a few levels: check that this is the right file"

// IsTooDeep reports the YAML reader's refusal of nesting past 10,000
// levels ("exceeded max depth of 10000", no line).
func IsTooDeep(err error) bool {
	return err != nil && strings.Contains(err.Error(), "exceeded max depth of")
}

// SyntaxHint says what to look at where YAML could not be read.
const SyntaxHint = "check the indentation, colons and quotes there (a value holding : or # needs quotes)"

// YAMLError rewrites an error of the YAML library as "kind path:line:
// problem", with the file's own text left out (a value is said to be "a
// text" rather than quoted: the file may not be what the user thinks).
func YAMLError(k Kind, path string, err error) error {
	return YAMLErrorFor(k, path, err, nil)
}

// YAMLErrorFor is YAMLError for a file decoded into v: an unknown key is
// said with the keys the map it is in can have, read from v's yaml tags.
func YAMLErrorFor(k Kind, path string, err error, v any) error {
	var te *yaml.TypeError
	var msgs []string
	if errors.As(err, &te) {
		msgs = te.Errors
	} else if IsTooDeep(err) {
		msgs = []string{"yaml: line 1: " + TooDeep}
	} else {
		// A syntax error: say what to look at.
		msgs = []string{err.Error() + "; " + SyntaxHint}
	}
	var out []string
	for _, m := range msgs {
		where := path
		line, m := libraryProblem(m)
		if line > 0 {
			where += ":" + strconv.Itoa(line)
		}
		if sm := yamlType.FindStringSubmatch(m); sm != nil {
			w, ok := yamlWords[sm[1]]
			if !ok {
				w = "a value"
			}
			m = "found " + w + " where " + goTypeWords(sm[2]) + " belongs"
		}
		if sm := yamlField.FindStringSubmatch(m); sm != nil {
			m = "unknown key " + keyName(sm[1])
			if keys := knownKeys(v, sm[2]); len(keys) > 0 {
				m += "; the keys here are " + strings.Join(keys, ", ")
			} else {
				m += "; check its spelling, or remove it"
			}
		}
		m = yamlQuoted.ReplaceAllString(m, "a value")
		out = append(out, fmt.Sprintf("%s %s: %s", k.Name, where, m))
	}
	return errors.New(strings.Join(out, "\n"))
}

// keyName is an unknown key as a message may show it: quoted when it
// reads like a key, else only its length (the file may be another one
// than the user thinks, and errors never quote a file's text).
func keyName(key string) string {
	plain := key != "" && utf8.RuneCountInString(key) <= 30
	for _, r := range key {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' && r != '.' {
			plain = false
			break
		}
	}
	if plain {
		return strconv.Quote(key)
	}
	return fmt.Sprintf("(%d characters long)", utf8.RuneCountInString(key))
}

// knownKeys lists the yaml keys of the struct type named typeName (as
// reflect prints it: "content.Audience") found in v's type or the types
// of its fields, in the struct's order.
func knownKeys(v any, typeName string) []string {
	if v == nil {
		return nil
	}
	seen := map[reflect.Type]bool{}
	var find func(t reflect.Type) []string
	find = func(t reflect.Type) []string {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return nil
		}
		seen[t] = true
		if t.String() == typeName {
			return structKeys(t)
		}
		for i := range t.NumField() {
			if keys := find(t.Field(i).Type); keys != nil {
				return keys
			}
		}
		return nil
	}
	return find(reflect.TypeOf(v))
}

// structKeys lists the yaml keys of struct type t, those of inline
// fields in their place.
func structKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case name == "-":
			continue
		case strings.Contains(opts, "inline"):
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				keys = append(keys, structKeys(ft)...)
			}
			continue
		case name == "":
			name = strings.ToLower(f.Name)
		}
		keys = append(keys, name)
	}
	return keys
}

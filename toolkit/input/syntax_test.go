package input

import (
	"fmt"
	"strings"
	"testing"
)

// TestSyntaxLines: a YAML syntax error names the line of the problem,
// not the line the library names. It counted from 0 for what its parser
// finds and named where the enclosing map or list began (a key indented
// one space less, on line 4 of a plan, was "line 1"), named the file's
// end for a quote left open on the first line, the line after a [ left
// open on the first line, and the first line holding
// "*org" anywhere (a comment, *orgs) for an alias of no anchor.
func TestSyntaxLines(t *testing.T) {
	tests := []struct {
		name, data string
		line       int
	}{
		{"a key indented less than its map", "a:\n  b: 1\n c: 2\nd: 3\n", 3},
		{"a key indented more", "a: 1\n  b: 2\nc: 3\n", 2},
		{"an item's key one space short", "outputs:\n  - name: x\n    audience: y\n   lang: en\nz: 1\n", 4},
		{"a key one space short, with CRLF", "outputs:\r\n  - name: x\r\n    audience: y\r\n   lang: en\r\nz: 1\r\n", 4},
		{"a key indented less, CR only", "a:\r  b: 1\r c: 2\rd: 3\r", 3},
		{"a map key beside a list", "outputs:\n  - a: 1\n  b: 2\n", 3},
		{"a key after a list, one space in", "x:\n  - 1\n  - 2\n y: 3\n", 4},
		{"an item after a map", "a: 1\n- b\nc: 2\n", 2},
		{"no colon", "a: 1\nb 2\nc: 3\n", 2},
		{"no colon after a list", "l:\n- a\n- b\nc\n", 4},
		{"a quote left open on the first line", "a: \"x\nb: 2\nc: 3\n", 1},
		{"a single quote left open on the first line", "a: 'x\nb: 2\n", 1},
		{"a quote left open on line 2", "a: 1\nb: \"x\nc: 2\n", 2},
		{"a quote left open after one that spans lines", "a: \"multi\n  line\"\nb: \"open\nc: 1\n", 3},
		{"a bracket left open on the first line", "a: [x, y\nb: 2\nc: 3\n", 1},
		{"a bracket left open on line 2", "a: 1\nb: [x, y\nc: 3\n", 2},
		{"a brace left open", "a: 1\nb: {x: 1\nc: 2\n", 2},
		{"a bracket left open after one closed over lines", "a: [x,\n  y]\nb: [z\nc: 1\n", 3},
		{"a colon in a value", "a: b: c\nd: 1\n", 1},
		{"a tab", "a: 1\nb:\n\tc: 1\n", 3},
		// Below a line with a value the library names the line above
		// the tab's (review17 L12).
		{"a tab below a line with a value", "outputs:\n  - audience: youth\n    language: fr\n\tformat: flyer\n", 4},
		{"a tab below a blank line", "outputs:\n  - audience: youth\n    language: fr\n\n\tformat: flyer\n", 5},
		{"a second item indented one more", "outputs:\n  - name: a\n    languages: [en]\n  - name: b\n     languages: [fr]\n", 5},
		{"a bracket too many", "a: [1, 2]]\nb: 3\n", 1},
		// A comma left out of a list closed further down: the line after
		// it, not the bracket's (review17: it said line 1).
		{"a comma left out of a list over lines", "outputs: [\n  {audience: youth, language: en},\n  {audience: health, language: en}\n  {audience: business, language: en},\n]\n", 4},

		{"an alias below a comment that names it", "# copy *org from the template\norganisation:\n  name: Riverside\n  phone: *org\n", 4},
		{"an alias below a longer one", "a: &orgs x\nb: *orgs\nc: *org\n", 3},
		{"an alias below a quoted text", "a: \"*org\"\nb: '*org'\nc: *org\n", 3},
		{"an alias in a list", "a: 1\nb: [x, *org]\n", 2},
		{"an alias below a block of text", "a: |\n  *org\nb: *org\n", 3},
		{"an alias, CR only", "a: 1\rb: *org\r", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseYAML(Plan, "p.yaml", []byte(tt.data))
			want := fmt.Sprintf("plan p.yaml:%d: ", tt.line)
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("%q: error %v, want it to start %q", tt.data, err, want)
			}
		})
	}
}

// TestTabIndentSaysTab: a tab in a line's indentation is said to be
// one; yaml.v3 says "found character that cannot start any token".
func TestTabIndentSaysTab(t *testing.T) {
	for _, data := range []string{"\ta: 1\n", "a:\n\tb: 1\n", "a:\n  \tb: 1\n", "a:\r\n\t- x\r\n", "a:\n  b: 1\n\tc: 2\n"} {
		_, err := ParseYAML(Plan, "p.yaml", []byte(data))
		if err == nil || !strings.Contains(err.Error(), ": the line is indented with a tab; YAML indents with spaces only: replace the tab with spaces") {
			t.Errorf("%q: %v", data, err)
		}
	}
	// Not a tab: the library's words, and what to look at.
	if _, err := ParseYAML(Plan, "p.yaml", []byte("a: 1\nb: `x`\n")); err == nil || !strings.Contains(err.Error(), "p.yaml:2: found character that cannot start any token; check the indentation") {
		t.Errorf("a backquote: %v", err)
	}
}

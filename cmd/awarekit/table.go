package main

import (
	"io"
	"strings"

	"github.com/rivo/uniseg"
)

// isolate marks text in a right-to-left script as an isolated run
// (U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE), so a
// terminal or viewer that applies the bidirectional algorithm keeps it in
// its cell instead of reordering the row around it. The marks take no
// width.
func isolate(s string, rtl bool) string {
	if !rtl || s == "" {
		return s
	}
	return "\u2068" + s + "\u2069"
}

// width is the number of terminal cells s takes: wide characters (Han)
// take two, combining marks none. Bytes and runes both count wrong.
func width(s string) int {
	return uniseg.StringWidth(s)
}

// pad is s followed by spaces up to n cells.
func pad(s string, n int) string {
	if w := width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// table lines up rows in columns by their width in terminal cells, two
// spaces apart, each line indented by indent. When maxWidth > 0, the last
// column is wrapped at word boundaries so no line is longer, continued
// under its own start.
type table struct {
	indent   string
	maxWidth int
	rows     [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) error {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r[:len(r)-1] {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], width(c))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		line := t.indent
		for i, c := range r[:len(r)-1] {
			line += pad(c, widths[i]) + "  "
		}
		last := r[len(r)-1]
		if last == "" {
			line = strings.TrimRight(line, " ")
		}
		start := width(line)
		if t.maxWidth <= 0 || start+width(last) <= t.maxWidth || t.maxWidth-start < 20 {
			b.WriteString(strings.TrimRight(line+last, " ") + "\n")
			continue
		}
		for i, l := range wrap(last, t.maxWidth-start) {
			if i > 0 {
				line = strings.Repeat(" ", start)
			}
			b.WriteString(line + l + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// wrap breaks s at spaces into lines of at most n cells; a word longer
// than n has a line of its own.
func wrap(s string, n int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case width(line)+1+width(word) <= n:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// wrapText wraps each paragraph of s (lines separated by a blank line,
// or lines starting with a space, which are kept as written) at n cells.
func wrapText(s string, n int) string {
	var out []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, wrap(strings.Join(para, " "), n)...)
			para = nil
		}
	}
	for _, l := range strings.Split(s, "\n") {
		switch {
		case strings.TrimSpace(l) == "":
			flush()
			out = append(out, "")
		case strings.HasPrefix(l, " "):
			flush()
			out = append(out, l)
		default:
			para = append(para, l)
		}
	}
	flush()
	return strings.Join(out, "\n")
}

// wrapLong breaks each line of s longer than n cells at spaces, keeping
// its indentation on the lines it continues on; other lines stay as they
// are.
func wrapLong(s string, n int) string {
	lines := strings.Split(s, "\n")
	var out []string
	for _, l := range lines {
		if width(l) <= n {
			out = append(out, l)
			continue
		}
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		for _, w := range wrap(l, n-width(indent)) {
			out = append(out, indent+w)
		}
	}
	return strings.Join(out, "\n")
}

package translate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
	"golang.org/x/text/language"
)

// A goi18n translate file (translate.LANG.toml, as goi18n merge writes
// it): one table per message, named by its ID, with description (here:
// the English, where it prints and what to keep), hash ("sha1-" and the
// SHA-1 of the description then the source text, goi18n's own) and
// other. A message to translate has the English in other, as goi18n
// leaves it for the translator; a translated one has its translation.
// Reading back, a message whose other is still the English is not
// translated yet, and a hash that today's English does not give says
// the English changed after the file was made.

func writeGoi18n(w io.Writer, s *Sheet) error {
	bw := bufio.NewWriter(w)
	for _, line := range wrapWords(aboutSheet(s)+" The file follows goi18n's translate files (goi18n merge): translate the text of each other = \"…\" line; the hash records the English it was made from.", 76) {
		fmt.Fprintf(bw, "# %s\n", line)
	}
	if strings.TrimSpace(s.Notes) != "" {
		fmt.Fprintf(bw, "#\n# Notes for the reviewer:\n")
		for _, line := range wrapWords(s.Notes, 76) {
			fmt.Fprintf(bw, "# %s\n", line)
		}
	}
	for _, e := range s.Entries {
		desc := "English: " + e.English + "\n" + strings.Join(e.Notes(), "\n")
		other := e.Text
		switch e.State {
		case StateStale:
			desc += "\nThe translation made from the older English: " + e.Text
		case StateRewrite:
			desc += "\nThe draft a non-speaker wrote: " + e.Text
		}
		if e.State == StateStale || e.State == StateMissing || e.State == StateRewrite {
			other = e.English
		}
		fmt.Fprintf(bw, "\n[%s]\ndescription = %s\nhash = %s\nother = %s\n", tomlString(e.ID), tomlString(desc), tomlString(goi18nHash(desc, e.English)), tomlString(other))
	}
	return bw.Flush()
}

// readGoi18n reads a goi18n translate file back.
func readGoi18n(name string, data []byte) (*File, error) {
	f := &File{Name: name, Format: TOML, Lang: goi18nLang(name)}
	var p unstable.Parser
	p.Reset(data)
	var cur *Got
	lines := lineCounter{data: data, line: 1}
	keys := map[string]bool{}
	done := func() {
		if cur != nil {
			if !keys["other"] {
				cur.Problem = "has no other = \"…\" line, which holds the translation"
			}
			f.Got = append(f.Got, *cur)
		}
		cur = nil
		clear(keys)
	}
	for p.NextExpression() {
		e := p.Expression()
		var parts []string
		it := e.Key()
		first := -1
		for it.Next() {
			parts = append(parts, string(it.Node().Data))
			if first < 0 {
				first = int(it.Node().Raw.Offset)
			}
		}
		line := 1
		if first >= 0 {
			line = lines.at(first)
		}
		switch e.Kind {
		case unstable.Table:
			done()
			cur = &Got{ID: strings.Join(parts, "."), Line: line}
		case unstable.ArrayTable:
			return nil, fmt.Errorf("%s:%d: [[%s]] is not a message; each message is a table [\"id\"] with description, hash and other", name, line, strings.Join(parts, "."))
		case unstable.KeyValue:
			key := strings.Join(parts, ".")
			v := e.Value()
			if cur == nil {
				// A message written as "id" = "text", as in goi18n's
				// active files.
				if v.Kind != unstable.String {
					return nil, fmt.Errorf("%s:%d: %s must be text in quotes", name, line, key)
				}
				f.Got = append(f.Got, Got{ID: key, Text: string(v.Data), HasText: true, Line: line})
				continue
			}
			if v.Kind != unstable.String {
				return nil, fmt.Errorf("%s:%d: %s.%s must be text in quotes", name, line, cur.ID, key)
			}
			keys[key] = true
			switch key {
			case "other":
				cur.Text, cur.HasText, cur.Line = string(v.Data), true, line
			case "hash":
				cur.Hash = string(v.Data)
			case "description":
				cur.Description = string(v.Data)
			case "zero", "one", "two", "few", "many":
				cur.Problem = "has plural forms; awarekit's messages have only other"
			case "leftdelim", "rightdelim", "id":
			default:
				cur.Problem = fmt.Sprintf("has %s, which a goi18n message does not; keep description, hash and other", key)
			}
		}
	}
	if err := p.Error(); err != nil {
		var perr *unstable.ParserError
		if errors.As(err, &perr) && len(perr.Highlight) > 0 {
			sh := p.Shape(p.Range(perr.Highlight))
			return nil, fmt.Errorf("%s:%d: %s; check the quotes, [brackets] and = on that line", name, sh.Start.Line, perr.Message)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	done()
	return f, nil
}

// goi18nLang is the language of a goi18n file from its name:
// translate.es.toml and active.es.toml are Spanish, as is es.toml.
func goi18nLang(name string) string {
	parts := strings.Split(strings.TrimSuffix(filepath.Base(name), ".toml"), ".")
	tag := parts[len(parts)-1]
	if _, err := language.Parse(tag); err != nil {
		return ""
	}
	return tag
}

// lineCounter gives the line of a byte offset, counting the newlines
// since the offset asked before: the parser's Shape counts them from the
// start of the file each time, which made reading a 1,500-message file
// quadratic (a fifth of the package's test time).
type lineCounter struct {
	data []byte
	off  int // the offset counted up to
	line int // the line at off
}

// at is the 1-based line holding byte off.
func (c *lineCounter) at(off int) int {
	off = min(max(off, 0), len(c.data))
	if off < c.off {
		c.off, c.line = 0, 1
	}
	c.line += bytes.Count(c.data[c.off:off], []byte{'\n'})
	c.off = off
	return c.line
}

package locale

import (
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// KeyLine is the line (from 1) of a message file on which key is given:
// a message ID however it is written ("youth.headline" = …, headline = …
// under [youth], youth = {headline = …}, or [youth.headline] with other
// = … in go-i18n's long form), or a key of a table (_meta.language,
// _source.youth.headline), or a table itself (_meta). Parts are joined
// by dots as the file's IDs are. 0 when the file does not give it, or
// cannot be read as far as it.
//
// Only problems look for lines, so the file is read again for each: a
// message file is at most a few hundred kilobytes.
func KeyLine(data []byte, key string) int {
	var p unstable.Parser
	p.Reset(data)
	line := 0
	var table []string
	var find func(prefix []string, kv *unstable.Node)
	find = func(prefix []string, kv *unstable.Node) {
		path, first := keyPath(prefix, kv.Key())
		if line != 0 || first == nil {
			return
		}
		full := strings.Join(path, ".")
		if full == key {
			line = p.Shape(first.Raw).Start.Line
			return
		}
		if v := kv.Value(); v.Kind == unstable.InlineTable && strings.HasPrefix(key, full+".") {
			it := v.Children()
			for it.Next() {
				if it.Node().Kind == unstable.KeyValue {
					find(path, it.Node())
				}
			}
		}
	}
	for line == 0 && p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			path, first := keyPath(nil, e.Key())
			table = path
			if first != nil && strings.Join(path, ".") == key {
				return p.Shape(first.Raw).Start.Line
			}
		case unstable.KeyValue:
			find(table, e)
		}
	}
	return line
}

// at is file:line of key in data, or file when no line gives it.
func at(file string, data []byte, key string) string {
	if n := KeyLine(data, key); n > 0 {
		return fmt.Sprintf("%s:%d", file, n)
	}
	return file
}

// keyPath is prefix followed by the parts of a key, and the key's first
// part (nil for none).
func keyPath(prefix []string, it unstable.Iterator) ([]string, *unstable.Node) {
	path := append([]string(nil), prefix...)
	var first *unstable.Node
	for it.Next() {
		if first == nil {
			first = it.Node()
		}
		path = append(path, string(it.Node().Data))
	}
	return path, first
}

package locale

import (
	"bytes"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/locales"
)

// FuzzLocale reads any bytes as a user's message file, works out its
// script and renders every message it holds: never a panic, and every
// error names the file.
func FuzzLocale(f *testing.F) {
	for _, name := range []string{"en.toml", "fr.toml", "ar.toml"} {
		data, err := locales.FS.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		// The head of a real file (its _meta and first tables): whole
		// files make every run and every minimisation slow.
		if len(data) > 3000 {
			data = data[:bytes.LastIndexByte(data[:3000], '\n')+1]
		}
		f.Add(data)
	}
	for _, s := range []string{
		"[youth]\nheadline = \"Eastside Youth: know the signs\"\n",
		"[_meta]\nlanguage = \"xx\"\n", "a = {{.X}}\n", "a = \"{{.X\"\n", "a = \"{{template \\\"a\\\"}}\"\n",
		"a = \"{{range .}}{{.}}{{end}}\"\n", "[a]\nother = 1\n", "a.b.c.d = [1, 2]\n", "a = \"\\u2029\\u202e\"\n",
		"[_meta]\nstatus = 7\n", "'' = 'x'\n", "a = \"{{printf \\\"%s\\\" .Phone}}\"\n", "a = \"\xff\"\n",
	} {
		f.Add([]byte(s))
	}
	data := map[string]any{"Phone": "1-833-900-1010", "Name": "Hotline", "Version": "1", "Source": "x"}
	f.Fuzz(func(t *testing.T, file []byte) {
		if len(file) > 1<<13 {
			return
		}
		l, err := parse("fr.toml", file)
		if err == nil {
			err = l.resolve() // its script, then its messages bound
		}
		if err != nil {
			if !strings.Contains(err.Error(), "fr.toml") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for id := range l.Messages {
			if _, err := l.Text(id, data); err != nil && !strings.Contains(err.Error(), "fr.toml") {
				t.Fatalf("error %q does not name the file", err)
			}
		}
	})
}

package main

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// FuzzSettings reads any bytes as a settings file. Never a panic; a
// refusal names the file and a line of it; every key accepted is a
// setting, at a line of the file. What is accepted round-trips: written
// out again as YAML and read, it gives the same values as written (a
// phone 0123 stays 0123, a date stays its text), the same fonts and the
// same local contacts. And each accepted value, replaced by one of the
// wrong shape, is refused naming that setting and the line it is on.
func FuzzSettings(f *testing.F) {
	f.Add([]byte(initConfig))
	for _, s := range []string{
		"fonts: {\"\": [a.ttf]}\n", "organisation:\n  color: #7a1f5c\n", aliasBomb(), "paper: [a4\n",
		"organisation: {name: \"Club\\u2029\", phone: 0123, website: javascript:x}\n", "a: &a [*a]\n",
		"fonts:\n  Hans: [zh.ttf, zh-bold.ttf]\n  Guru: pa.ttf\n", "? [a, b]\n: c\n", "organisation:\n  ? {x: 1}\n  : y\n",
		"\xff\xfe", "- - - -\n", "lang: !!binary aGVsbG8=\n", "out: 2026-12-04\n", "<<: {paper: a4}\n",
		"organisation:\n  name: \"Riverside Settlement Services\"\n  phone: 604-555-0134\n  local:\n    - {label: \"Riverside police, non-emergency\", phone: \"604-555-0199\"}\n    - {label: Victim services, website: victims.example.org}\n",
		"lang: [en, fr+en]\naudience: youth\nformat: flyer, cards\nprovince: bc\nallow_draft: true\nstyle: large-print\npaper: a4\n",
		"organization:\n  colour: \"#0B5C6B\"\n  email: info@example.org\n", "out: 1e3\ncontent: \"null\"\npaper: ~\n", "lang: &l en\naudience: *l\n",
		"organisation:\n  name: |\n    Two\n    lines\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parseSettings("awarekit.yaml", data)
		lines := yamlLines(data)
		if err != nil {
			if line := settingsLine(err.Error()); line < 1 || line > lines {
				t.Fatalf("error %q does not name a line of the file (it has %d)", err, lines)
			}
			return
		}
		for key, line := range s.lines {
			if _, ok := lookupSetting(key); !ok {
				t.Fatalf("unknown key %q accepted", key)
			}
			if line < 1 || line > lines {
				t.Fatalf("%s at line %d of a file of %d lines", key, line, lines)
			}
		}
		out := settingsYAML(t, s, "")
		again, err := parseSettings("awarekit.yaml", out)
		if err != nil {
			t.Fatalf("settings accepted, written out again, are refused: %v\nfirst:\n%s\nwritten:\n%s", err, data, out)
		}
		if !reflect.DeepEqual(s.values, again.values) || !reflect.DeepEqual(s.fonts, again.fonts) || !slices.Equal(s.local, again.local) {
			t.Fatalf("settings changed when written out and read again:\n%v %v %v\n%v %v %v\nfirst:\n%s\nwritten:\n%s",
				s.values, s.fonts, s.local, again.values, again.fonts, again.local, data, out)
		}
		for _, key := range slices.Sorted(maps.Keys(s.values)) {
			bad := settingsYAML(t, s, key)
			_, err := parseSettings("awarekit.yaml", bad)
			// The line of the key, or of the map that begins below it.
			line := keyLine(t, bad, key)
			name := key[strings.LastIndex(key, ".")+1:]
			if err == nil || (settingsLine(err.Error()) != line && settingsLine(err.Error()) != line+1) || !strings.Contains(err.Error(), name) {
				t.Fatalf("%s given a map is refused with %v; want its name and line %d\n%s", key, err, line, bad)
			}
		}
	})
}

// yamlLines counts the lines of data as YAML does: a line ends at \n,
// \r\n, \r, NEL, LS or PS.
func yamlLines(data []byte) int {
	n := 1
	s := string(data)
	for i, r := range s {
		switch r {
		case '\n':
			if i == 0 || s[i-1] != '\r' {
				n++
			}
		case '\r', '\u0085', '\u2028', '\u2029':
			n++
		}
	}
	return n
}

// settingsLine is the line an error names after "awarekit.yaml:", or 0.
func settingsLine(msg string) int {
	_, rest, ok := strings.Cut(msg, "awarekit.yaml:")
	if !ok {
		return 0
	}
	var n int
	fmt.Sscanf(rest, "%d", &n)
	return n
}

// settingsYAML writes s out as a settings file; the value of key, when
// not "", is a map, which no value of the table may be.
func settingsYAML(t *testing.T, s *fileSettings, key string) []byte {
	t.Helper()
	top, org := map[string]any{}, map[string]any{}
	for k, v := range s.values {
		if set, _ := lookupSetting(k); set.Shape == boolean {
			v = v == "true"
		}
		if k == key {
			v = map[string]any{"x": []int{1}}
		}
		if rest, ok := strings.CutPrefix(k, "organisation."); ok {
			org[rest] = v
		} else {
			top[k] = v
		}
	}
	if len(s.fonts) > 0 {
		top["fonts"] = s.fonts
	}
	if len(s.local) > 0 {
		var local []map[string]string
		for _, c := range s.local {
			m := map[string]string{}
			for k, v := range map[string]string{"label": c.Label, "phone": c.Phone, "website": c.Website} {
				if v != "" {
					m[k] = v
				}
			}
			local = append(local, m)
		}
		org["local"] = local
	}
	if len(org) > 0 {
		top["organisation"] = org
	}
	out, err := yaml.Marshal(top)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// keyLine is the line of the settings key (organisation.color) in data.
func keyLine(t *testing.T, data []byte, key string) int {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	n := doc.Content[0]
	line := 0
	for _, part := range strings.Split(key, ".") {
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == part {
				line, n, found = n.Content[i].Line, n.Content[i+1], true
				break
			}
		}
		if !found {
			t.Fatalf("no %s in\n%s", key, data)
		}
	}
	return line
}

package main

import (
	"strings"
	"testing"
)

// FuzzSettings reads any bytes as a settings file: never a panic, and
// every error names the file.
func FuzzSettings(f *testing.F) {
	f.Add([]byte(initConfig))
	for _, s := range []string{
		"fonts: {\"\": [a.ttf]}\n", "organisation:\n  color: #7a1f5c\n", aliasBomb(), "paper: [a4\n",
		"organisation: {name: \"Club\\u2029\", phone: 0123, website: javascript:x}\n", "a: &a [*a]\n",
		"fonts:\n  Hans: [zh.ttf, zh-bold.ttf]\n  Guru: pa.ttf\n", "? [a, b]\n: c\n", "organisation:\n  ? {x: 1}\n  : y\n",
		"\xff\xfe", "- - - -\n", "lang: !!binary aGVsbG8=\n", "out: 2026-12-04\n", "<<: {paper: a4}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parseSettings("awarekit.yaml", data)
		if err != nil {
			if !strings.Contains(err.Error(), "awarekit.yaml") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for key := range s.values {
			if _, ok := lookupSetting(key); !ok {
				t.Fatalf("unknown key %q accepted", key)
			}
		}
	})
}

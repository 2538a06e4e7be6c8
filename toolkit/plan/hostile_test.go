package plan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func aliasBomb() string {
	s := "x: &a [youth, youth, youth, youth, youth, youth, youth, youth, youth, youth]\n"
	prev := "a"
	for _, c := range "bcdefgh" {
		s += "y" + string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
		prev = string(c)
	}
	return s + "outputs: [{audiences: *h, language: en}]\n"
}

// TestHostilePlans: every one is a problem at file:line naming the field
// and what to do, never a panic, a hang or a million outputs.
func TestHostilePlans(t *testing.T) {
	langs := "[en, fr, es, pa, zh-Hans, ar, tl, fa, ur, uk, vi, ti, iu, crk, oj]"
	var many strings.Builder
	many.WriteString("outputs:\n")
	for range 14 {
		fmt.Fprintf(&many, "  - {audiences: [youth, indigenous, newcomers, business, health], languages: %s, formats: [flyer, handout, poster, cards, tearoff, safety-card, html, md, txt, sms]}\n", langs)
	}
	tests := []struct {
		name, src string
		want      []string
	}{
		{"alias bomb", aliasBomb(), []string{"plan.yaml:", "expand to over 100000 values"}},
		{"more outputs than the limit", many.String(), []string{"plan.yaml:", "more than 10000 outputs; split it"}},
		{"bidi phone", "organisation: {phone: \"614-555-9910\\u202e\"}\noutputs: [{audience: youth, language: en}]\n",
			[]string{"plan.yaml:1:", "organisation.phone: holds U+202E", "RIGHT-TO-LEFT OVERRIDE"}},
		{"javascript website", "organisation:\n  website: javascript:alert(1)\noutputs: [{audience: youth, language: en}]\n",
			[]string{"plan.yaml:2:", "organisation.website: is a javascript: address"}},
		{"email with cc", "organisation:\n  email: a@b.c?cc=x@y.z\noutputs: [{audience: youth, language: en}]\n",
			[]string{"plan.yaml:2:", "organisation.email: holds ? & or ="}},
		{"letter-only phone and a bad name together", "organisation:\n  phone: HELP\n  name: \"A\\u2029B\"\noutputs: [{audience: youth, language: en}]\n",
			[]string{"plan.yaml:2:", "organisation.phone: has no digits", "plan.yaml:3:", "organisation.name: holds U+2029"}},
		{"terminal escape in the event", "event: {name: \"\\e]0;pwn\\a\"}\noutputs: [{audience: youth, language: en}]\n",
			[]string{"plan.yaml:1:", "event.name: holds U+001B"}},
		{"overlong facilitator", "event: {facilitator: " + strings.Repeat("f", 101) + "}\noutputs: [{audience: youth, language: en}]\n",
			[]string{"event.facilitator: is 101 characters long"}},
		{"invalid UTF-8", "event: {name: \"A\xffB\"}\noutputs: [{audience: youth, language: en}]\n", []string{"plan.yaml:1"}},
		{"bleed NaN", "defaults: {bleed: .nan}\noutputs: [{audience: youth, language: en}]\n", []string{"defaults.bleed: should be a number"}},
		{"a second document", "outputs: [{audience: youth, language: en}]\n---\noutputs: [{audience: youth, language: fr}]\n",
			[]string{"plan.yaml:2:", "a second YAML document"}},
		{"bleed Inf", "defaults: {bleed: .inf}\noutputs: [{audience: youth, language: en}]\n", []string{"defaults.bleed: should be a number"}},
		// "exceeded max depth of 10000; check the indentation, colons and quotes".
		{"lists 100000 deep", "outputs: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n", []string{"plan.yaml:1: holds lists or maps inside one another more than 10000 deep", "check that this is the right file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				defer func() {
					if r := recover(); r != nil {
						done <- fmt.Errorf("panic: %v", r)
					}
				}()
				_, err := Parse(testEngine(t), "plan.yaml", []byte(tt.src), Project{Formats: []string{"flyer"}})
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("Parse hung")
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if strings.ContainsAny(err.Error(), "\x1b\u202e\u2029") || strings.Contains(err.Error(), "panic") {
				t.Errorf("error carries a bad character or a panic: %q", err)
			}
		})
	}
}

// TestLoadOnlyRegularFiles: a plan given as a named pipe, a device or a
// huge file is refused at once.
func TestLoadOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "plan.yaml")
	if err := mkfifo(pipe); err != nil {
		t.Skip(err)
	}
	big := filepath.Join(dir, "big.yaml")
	f, _ := os.Create(big)
	f.Truncate(5 << 20)
	f.Close()
	for path, want := range map[string]string{pipe: "is a named pipe", "/dev/zero": "is a device", big: "larger than 4 MB", dir: "is a folder"} {
		_, err := Load(testEngine(t), path, Project{})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "plan "+path) {
			t.Errorf("Load(%s): %v, want an error naming it and saying %q", path, err, want)
		}
	}
}

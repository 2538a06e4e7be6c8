package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestSchemaCommand(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr bool
	}{
		{"plan", []string{"plan"}, false},
		{"nothing", nil, true},
		{"unknown", []string{"settings"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			root := newRootCmd(newFactory(&IOStreams{Out: &out, ErrOut: &bytes.Buffer{}}))
			root.SetArgs(append([]string{"schema"}, tt.args...))
			err := root.Execute()
			if tt.wantErr {
				if err == nil || !isUsage(err) {
					t.Fatalf("error %v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var s map[string]any
			if err := json.Unmarshal(out.Bytes(), &s); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" || s["title"] != "awarekit build plan" {
				t.Errorf("schema head: %v %v", s["$schema"], s["title"])
			}
		})
	}
}

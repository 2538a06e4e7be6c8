package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func TestSchemaCommand(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		title   string
		wantErr bool
	}{
		{"plan", []string{"plan"}, "awarekit build plan", false},
		{"settings", []string{"settings"}, "awarekit settings (awarekit.yaml)", false},
		{"nothing", nil, "", true},
		{"unknown", []string{"colours"}, "", true},
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
			// A validator nobody here wrote checks it against the meta-schema.
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			c := jsonschema.NewCompiler()
			if err := c.AddResource("schema.json", doc); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Compile("schema.json"); err != nil {
				t.Errorf("not a valid JSON Schema: %v", err)
			}
			if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" || s["title"] != tt.title {
				t.Errorf("schema head: %v %v", s["$schema"], s["title"])
			}
		})
	}
}

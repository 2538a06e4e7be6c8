package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

func TestSchemaCommand(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		title   string
		wantErr bool
	}{
		{"plan", []string{"plan"}, "awarekit build plan", false},
		{"config", []string{"config"}, "awarekit settings (awarekit.yaml)", false},
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

// TestSettingsSchemaAgreesWithLoader: the settings schema, checked by a
// validator nobody here wrote, accepts what the loader accepts and
// refuses what it refuses.
func TestSettingsSchemaAgreesWithLoader(t *testing.T) {
	data, err := settingsSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("settings.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("settings.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		valid      bool
	}{
		{"awarekit init's file", initConfig, true},
		{"full", "audience: [youth, health]\nlang: en,fr\npaper: a4\norganisation:\n  name: Club\n  phone: 6045550134\n  color: \"#7a1f5c\"\nfonts:\n  Guru: [a.ttf, b.ttf]\n", true},
		{"unknown key", "papr: a4\n", false},
		{"unknown organisation key", "organisation:\n  nmae: Club\n", false},
		{"name is a list", "organisation:\n  name: [a, b]\n", false},
		{"name is true", "organisation:\n  name: true\n", false},
		{"unknown paper", "paper: legal\n", false},
		{"fonts key not a code", "fonts: {Gurmukhi: [a.ttf]}\n", false},
		{"three font files", "fonts: {Guru: [a.ttf, b.ttf, c.ttf]}\n", false},
		{"name too long", "organisation:\n  name: " + strings.Repeat("n", 101) + "\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			if err := yaml.Unmarshal([]byte(tt.file), &v); err != nil {
				t.Fatal(err)
			}
			js, _ := json.Marshal(v)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); (err == nil) != tt.valid {
				t.Errorf("schema: valid=%v, want %v: %v", err == nil, tt.valid, err)
			}
			_, lerr := parseSettings("awarekit.yaml", []byte(tt.file))
			if lerr == nil && tt.name != "unknown paper" && tt.name != "name too long" && !tt.valid {
				t.Errorf("the loader accepts what the schema refuses")
			}
			if lerr != nil && tt.valid {
				t.Errorf("the loader refuses it: %v", lerr)
			}
		})
	}
}

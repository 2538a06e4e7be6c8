package plan

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	yaml "go.yaml.in/yaml/v3"
)

// TestSchemaFollowsSpec checks that the schema has exactly the keys the
// reader accepts, at every level.
func TestSchemaFollowsSpec(t *testing.T) {
	data, err := Schema(testEngine(t))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	if s["$schema"] != SchemaID {
		t.Errorf("$schema = %v", s["$schema"])
	}
	defs := s["$defs"].(map[string]any)
	objects := map[string]map[string]any{"": s}
	for name, def := range defs {
		objects[name] = def.(map[string]any)
	}
	specs := map[string]reflect.Type{"": reflect.TypeFor[planSpec]()}
	for typ, name := range defNames {
		specs[name] = typ
	}
	for name, typ := range specs {
		obj, ok := objects[name]
		if !ok {
			t.Errorf("schema has no $defs/%s", name)
			continue
		}
		var keys []string
		for k := range obj["properties"].(map[string]any) {
			keys = append(keys, k)
		}
		want := keysOf(fieldsOf(typ))
		slices.Sort(keys)
		slices.Sort(want)
		if !slices.Equal(keys, want) {
			t.Errorf("%q: schema keys %v, reader keys %v", name, keys, want)
		}
		if obj["additionalProperties"] != false {
			t.Errorf("%q: unknown keys are allowed", name)
		}
	}
	out := defs["output"].(map[string]any)["properties"].(map[string]any)
	enum := out["audiences"].(map[string]any)["items"].(map[string]any)["enum"]
	var want []string // every audience, and the aliases the reader accepts
	for _, id := range testEngine(t).AudienceIDs() {
		a, _ := testEngine(t).Lib.Audience(id)
		want = append(append(want, id), a.Aliases...)
	}
	if !reflect.DeepEqual(toStrings(enum), want) {
		t.Errorf("audiences enum %v, want %v", enum, want)
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// TestSchemaAgreesWithReader checks plans against the schema with a
// validator nobody here wrote (santhosh-tekuri/jsonschema, which also
// checks the schema against the draft 2020-12 meta-schema), and against
// Parse: a plan the reader accepts must pass the schema, and each kind of
// mistake the schema can see must fail both.
func TestSchemaAgreesWithReader(t *testing.T) {
	data, err := Schema(testEngine(t))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("plan.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("plan.schema.json")
	if err != nil {
		t.Fatalf("the schema is not valid draft 2020-12: %v", err)
	}
	tests := []struct {
		name  string
		plan  string
		valid bool
	}{
		{"matrix and single", "event: {name: E, date: 2026-12-03}\ndefaults: {paper: a4, copies: 2}\noutputs:\n  - {audiences: [youth, health], languages: [en, fr-CA], formats: [flyer]}\n  - {audience: business, language: fr, format: flyer, paper: letter, copies: 4, pattern: '{audience}.{ext}'}\n", true},
		{"bilingual", "outputs: [{audience: newcomers, language: fr+en, format: poster}]\n", true},
		{"organisation", "organisation: {name: R, phone: 604-555-0134, color: '#0b5c6b'}\npack: false\noutputs: [{audience: youth, language: en, format: flyer}]\n", true},
		{"unknown key", "outputs: [{audience: youth, language: en, format: flyer, colour: red}]\n", false},
		{"both audience and audiences", "outputs: [{audience: youth, audiences: [health], language: en, format: flyer}]\n", false},
		{"no copies", "outputs: [{audience: youth, language: en, format: flyer, copies: 0}]\n", false},
		{"unknown audience", "outputs: [{audience: teens, language: en, format: flyer}]\n", false},
		{"no outputs", "event: {name: E}\n", false},
		{"list where text goes", "event: {name: [a]}\noutputs: [{audience: youth, language: en, format: flyer}]\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, perr := Parse(testEngine(t), "plan.yaml", []byte(tt.plan), Project{})
			if (perr == nil) != tt.valid {
				t.Errorf("Parse: %v, want valid=%v", perr, tt.valid)
			}
			var doc any
			if err := yaml.Unmarshal([]byte(tt.plan), &doc); err != nil {
				t.Fatal(err)
			}
			js, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			instance, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
			if err != nil {
				t.Fatal(err)
			}
			err = schema.Validate(instance)
			if (err == nil) != tt.valid {
				t.Errorf("jsonschema: valid=%v, want %v: %v", err == nil, tt.valid, err)
			}
		})
	}
}

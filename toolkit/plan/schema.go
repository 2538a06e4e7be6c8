package plan

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// SchemaID is the JSON Schema dialect of Schema.
const SchemaID = "https://json-schema.org/draft/2020-12/schema"

// Schema returns a JSON Schema (draft 2020-12) of the plan file, made
// from the same field list that Parse checks plans against, so editors
// complete the same keys and names the build accepts. Names come from
// the engine: its audiences, languages, formats and paper sizes.
func Schema(eng *generate.Engine) ([]byte, error) {
	s := &schemaMaker{eng: eng, defs: map[string]any{}}
	root := s.object(reflect.TypeFor[planSpec]())
	root["$schema"] = SchemaID
	root["title"] = "awarekit build plan"
	root["description"] = "What `awarekit build` makes: an event, an organisation, defaults and a list of outputs (single materials or matrices of audiences × languages × formats)."
	root["$defs"] = s.defs
	return json.MarshalIndent(root, "", "  ")
}

type schemaMaker struct {
	eng  *generate.Engine
	defs map[string]any
}

// defNames names the $defs entry of each nested spec type.
var defNames = map[reflect.Type]string{
	reflect.TypeFor[eventSpec]():            "event",
	reflect.TypeFor[orgSpec]():              "organisation",
	reflect.TypeFor[defaultsSpec]():         "defaults",
	reflect.TypeFor[outputSpec]():           "output",
	reflect.TypeFor[profile.LocalContact](): "local_contact",
}

func (s *schemaMaker) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	var exclusive []any
	for _, f := range fieldsOf(t) {
		p := s.typ(t.Field(f.index).Type, f)
		if f.doc != "" {
			p["description"] = f.doc
		}
		props[f.key] = p
		if f.required {
			required = append(required, f.key)
		}
		if f.either != "" {
			exclusive = append(exclusive, map[string]any{"not": map[string]any{"required": []string{f.key, f.either}}})
		}
	}
	o := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		o["required"] = required
	}
	if len(exclusive) > 0 {
		o["allOf"] = exclusive
	}
	return o
}

func (s *schemaMaker) typ(t reflect.Type, f field) map[string]any {
	switch t.Kind() {
	case reflect.Pointer:
		return s.typ(t.Elem(), f)
	case reflect.Struct:
		name := defNames[t]
		if _, ok := s.defs[name]; !ok {
			s.defs[name] = s.object(t)
		}
		return map[string]any{"$ref": "#/$defs/" + name}
	case reflect.String:
		return s.name(f.names)
	case reflect.Int:
		m := map[string]any{"type": "integer"}
		if f.min > 0 {
			m["minimum"] = f.min
		}
		if f.max > 0 {
			m["maximum"] = f.max
		}
		return m
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Slice:
		m := map[string]any{"type": "array", "items": s.typ(t.Elem(), field{names: f.names})}
		if f.min > 0 {
			m["minItems"] = f.min
		}
		return m
	}
	panic("plan: spec field of unsupported kind " + t.Kind().String())
}

// name is the schema of a string that takes one of the engine's names.
func (s *schemaMaker) name(kind string) map[string]any {
	switch kind {
	case "audience":
		var names []string
		for _, id := range s.eng.AudienceIDs() {
			names = append(names, id)
			if a, err := s.eng.Lib.Audience(id); err == nil {
				names = append(names, a.Aliases...)
			}
		}
		return map[string]any{"type": "string", "enum": names}
	case "language":
		// Regional tags (fr-CA, en_US) resolve to the nearest language and
		// two tags joined by + (fr+en) make a bilingual document, so the
		// list is a suggestion, not the whole set of accepted values.
		const tag = "[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*"
		return map[string]any{"type": "string", "anyOf": []any{
			map[string]any{"enum": s.eng.Languages()},
			map[string]any{"pattern": "^" + tag + "(\\+" + tag + ")?$"},
		}}
	case "format":
		return map[string]any{"type": "string", "enum": slices.Concat(format.Names(), format.GroupNames())}
	case "paper":
		return map[string]any{"type": "string", "enum": slices.Clone(layout.PaperNames)}
	case "imposition":
		return map[string]any{"type": "string", "enum": slices.Clone(layout.ImpositionNames)}
	case "style":
		return map[string]any{"type": "string", "enum": slices.Clone(layout.StyleNames)}
	case "backend":
		return map[string]any{"type": "string", "enum": format.BackendNames()}
	case "province":
		var ids []string
		for _, p := range s.eng.Lib.Provinces() {
			ids = append(ids, p.ID)
		}
		return map[string]any{"type": "string", "enum": ids}
	case "":
		return map[string]any{"type": "string"}
	}
	panic("plan: unknown names kind " + strings.ToUpper(kind))
}

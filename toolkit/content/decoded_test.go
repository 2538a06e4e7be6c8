package content

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	yaml "go.yaml.in/yaml/v3"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
)

var update = flag.Bool("update", false, "rewrite decoded_gen.go from the embedded content")

// decodedTypes says what each embedded YAML file is decoded into, as
// the loader decodes it.
var decodedTypes = []struct {
	pattern string
	new     func() any
}{
	{"content.yaml", func() any { return &Info{} }},
	{"facts.yaml", func() any { return &Register{} }},
	{"messages.yaml", func() any { return &messagesFile{} }},
	{"contacts.yaml", func() any { return &contactsFile{} }},
	{"provinces.yaml", func() any { return &provincesFile{} }},
	{"law.yaml", func() any { return &Law{} }},
	{"kit.yaml", func() any { return &KitSpec{} }},
	{"*/audience.yaml", func() any { return &Audience{} }},
	{"*/stories.yaml", func() any { return &storiesFile{} }},
	{"*/kit.yaml", func() any { return &AudienceKit{} }},
}

type decodedSource struct {
	file string
	data []byte
	v    any // decoded from the YAML
}

// decodeYAML decodes data as decodeAs does when decoded_gen.go does not
// have it.
func decodeYAML(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// embeddedSources decodes every embedded YAML file the loader reads from
// its YAML.
func embeddedSources(t *testing.T) []decodedSource {
	t.Helper()
	var out []decodedSource
	for _, d := range decodedTypes {
		files, err := fs.Glob(audiences.FS, d.pattern)
		if err != nil || len(files) == 0 {
			t.Fatalf("no embedded file matches %s (%v)", d.pattern, err)
		}
		for _, f := range files {
			data, err := fs.ReadFile(audiences.FS, f)
			if err != nil {
				t.Fatal(err)
			}
			v := d.new()
			if err := decodeYAML(data, v); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			out = append(out, decodedSource{f, data, v})
		}
	}
	slices.SortFunc(out, func(a, b decodedSource) int { return strings.Compare(a.file, b.file) })
	return out
}

// TestDecodedCurrent holds decoded_gen.go to what the embedded files
// decode to today.
func TestDecodedCurrent(t *testing.T) {
	t.Parallel()
	src := embeddedSources(t)
	got, err := decodedSource_(src)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("decoded_gen.go", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile("decoded_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, got) {
		t.Fatal("decoded_gen.go is not what the embedded content decodes to; rewrite it: go test ./toolkit/content -run TestDecodedCurrent -update")
	}
	for _, s := range src {
		fresh := reflect.New(reflect.TypeOf(s.v).Elem()).Interface()
		if !fromDecoded(s.data, fresh) {
			t.Errorf("%s: not in decoded_gen.go", s.file)
			continue
		}
		if !reflect.DeepEqual(fresh, s.v) {
			t.Errorf("%s: decoded_gen.go holds\n%#v\nthe YAML decodes to\n%#v", s.file, fresh, s.v)
		}
	}
}

// TestOpenDecodesNoYAML: opening the embedded content, whole or one
// language at a time, and reading its release decode no YAML.
func TestOpenDecodesNoYAML(t *testing.T) {
	before := decodedMisses.Load()
	if _, err := Open(Options{Audiences: audiences.FS, Locales: locales.FS, Lazy: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(audiences.FS, locales.FS); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadRelease(audiences.FS); err != nil {
		t.Fatal(err)
	}
	if n := decodedMisses.Load() - before; n != 0 {
		t.Errorf("%d files decoded from their YAML; want none", n)
	}
}

// TestDecodedChangedFile: a file whose bytes differ from the embedded
// one by a character, or a value not zero to decode into, is decoded
// from its YAML.
func TestDecodedChangedFile(t *testing.T) {
	data, err := fs.ReadFile(audiences.FS, "facts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(data, []byte(`check_again_by: "2027-06-01"`), []byte(`check_again_by: "2027-06-02"`), 1)
	if bytes.Equal(changed, data) {
		t.Fatal("facts.yaml has no check_again_by line to change")
	}
	fsys := fstest.MapFS{"facts.yaml": {Data: changed}}
	var r Register
	if err := decodeFile(fsys, "facts.yaml", &r); err != nil {
		t.Fatal(err)
	}
	if r.CheckAgainBy != "2027-06-02" {
		t.Errorf("check_again_by %q; want the changed file's 2027-06-02", r.CheckAgainBy)
	}
	// Not zero: YAML decodes into what is there.
	a := Audience{Description: "kept"}
	file := "youth/audience.yaml"
	yml, err := fs.ReadFile(audiences.FS, file)
	if err != nil {
		t.Fatal(err)
	}
	if fromDecoded(yml, &a) {
		t.Error("a value that is not zero was filled from decoded_gen.go")
	}
	// Another type: a different key.
	type other struct {
		ID string `yaml:"id"`
	}
	if decodedKey(reflect.TypeFor[*Audience](), yml) == decodedKey(reflect.TypeFor[*other](), yml) {
		t.Error("the same key for two types")
	}
}

// TestTypeSig: a changed tag, field or decoding method changes the key.
func TestTypeSig(t *testing.T) {
	type a struct {
		X string `yaml:"x"`
	}
	type b struct {
		X string `yaml:"y"`
	}
	type c struct {
		X string `yaml:"x"`
		Y string `yaml:"y"`
	}
	sigs := map[string]bool{}
	for _, ty := range []reflect.Type{reflect.TypeFor[*a](), reflect.TypeFor[*b](), reflect.TypeFor[*c](), reflect.TypeFor[*sigUnmarshaler]()} {
		s := typeSig(ty)
		if sigs[s] {
			t.Errorf("%v: signature %q seen before", ty, s)
		}
		sigs[s] = true
	}
	if !strings.Contains(typeSig(reflect.TypeFor[*sigUnmarshaler]()), "(unmarshaler)") {
		t.Error("a type that decodes itself is not marked")
	}
}

type sigUnmarshaler struct {
	X string `yaml:"x"`
}

func (s *sigUnmarshaler) UnmarshalYAML(n *yaml.Node) error { return nil }

// decodedSource_ writes decoded_gen.go for the decoded files.
func decodedSource_(src []decodedSource) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by go test ./toolkit/content -run TestDecodedCurrent -update; DO NOT EDIT.\n\n")
	b.WriteString("package content\n\n")
	b.WriteString("// decodedFiles are the embedded content's YAML files decoded (see\n// decoded.go), by decodedKey.\n")
	b.WriteString("var decodedFiles = map[[32]byte]func(v any) bool{\n")
	names := make([]string, len(src))
	for i, s := range src {
		names[i] = decodedFuncName(s.file)
		key := decodedKey(reflect.TypeOf(s.v), s.data)
		fmt.Fprintf(&b, "\t// %s\n\t{", s.file)
		for j, c := range key {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "0x%02x", c)
		}
		fmt.Fprintf(&b, "}: %s,\n", names[i])
	}
	b.WriteString("}\n")
	needBool := false
	for i, s := range src {
		t := reflect.TypeOf(s.v).Elem()
		var lit strings.Builder
		if err := writeLiteral(&lit, reflect.ValueOf(s.v).Elem(), &needBool); err != nil {
			return nil, fmt.Errorf("%s: %w", s.file, err)
		}
		fmt.Fprintf(&b, "\n// %s decodes %s.\nfunc %s(v any) bool {\n\tp, ok := v.(*%s)\n\tif !ok {\n\t\treturn false\n\t}\n\t*p = %s\n\treturn true\n}\n",
			names[i], s.file, names[i], typeExpr(t), lit.String())
	}
	if needBool {
		b.WriteString("\nfunc decodedBool(b bool) *bool { return &b }\n")
	}
	// format.Source is not idempotent on a one-element literal that
	// ends a line: format again what it gives, as gofmt would.
	once, err := format.Source(b.Bytes())
	if err != nil {
		return nil, err
	}
	return format.Source(once)
}

// decodedFuncName is "decodedYouthAudience" for youth/audience.yaml.
func decodedFuncName(file string) string {
	name := "decoded"
	for _, part := range strings.FieldsFunc(strings.TrimSuffix(file, ".yaml"), func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) {
		name += strings.ToUpper(part[:1]) + part[1:]
	}
	return name
}

// typeExpr is t as Go source in package content.
func typeExpr(t reflect.Type) string {
	if t.Name() != "" {
		if t.PkgPath() == "" || t.PkgPath() == reflect.TypeFor[Info]().PkgPath() {
			return t.Name()
		}
		return t.String()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + typeExpr(t.Elem())
	case reflect.Slice:
		return "[]" + typeExpr(t.Elem())
	case reflect.Map:
		return "map[" + typeExpr(t.Key()) + "]" + typeExpr(t.Elem())
	case reflect.Struct:
		var fields []string
		for i := range t.NumField() {
			f := t.Field(i)
			fields = append(fields, f.Name+" "+typeExpr(f.Type)+" "+strconv.Quote(string(f.Tag)))
		}
		return "struct {" + strings.Join(fields, "; ") + "}"
	}
	panic("no type expression for " + t.String())
}

// writeLiteral writes v as a Go composite literal or constant. A zero
// field is left out (it is zero in the literal too); nil and empty
// slices and maps stay apart.
func writeLiteral(b *strings.Builder, v reflect.Value, needBool *bool) error {
	t := v.Type()
	switch t.Kind() {
	case reflect.String:
		if t.Name() != "string" {
			return fmt.Errorf("named string type %s", t)
		}
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Pointer:
		if v.IsNil() {
			b.WriteString("nil")
			return nil
		}
		switch t.Elem().Kind() {
		case reflect.Struct:
			b.WriteByte('&')
			return writeLiteral(b, v.Elem(), needBool)
		case reflect.Bool:
			*needBool = true
			fmt.Fprintf(b, "decodedBool(%t)", v.Elem().Bool())
		default:
			return fmt.Errorf("pointer to %s", t.Elem())
		}
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("nil")
			return nil
		}
		b.WriteString(typeExpr(t) + "{")
		for i := range v.Len() {
			if err := writeLiteral(b, v.Index(i), needBool); err != nil {
				return err
			}
			b.WriteString(",\n")
		}
		b.WriteString("}")
	case reflect.Map:
		if v.IsNil() {
			b.WriteString("nil")
			return nil
		}
		if t.Key().Kind() != reflect.String {
			return fmt.Errorf("map key %s", t.Key())
		}
		b.WriteString(typeExpr(t) + "{")
		keys := v.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) })
		for _, k := range keys {
			b.WriteString(strconv.Quote(k.String()) + ": ")
			if err := writeLiteral(b, v.MapIndex(k), needBool); err != nil {
				return err
			}
			b.WriteString(",\n")
		}
		b.WriteString("}")
	case reflect.Struct:
		b.WriteString(typeExpr(t) + "{")
		for i := range t.NumField() {
			f := v.Field(i)
			if f.IsZero() {
				continue
			}
			if !t.Field(i).IsExported() {
				return fmt.Errorf("unexported field %s.%s", t, t.Field(i).Name)
			}
			b.WriteString(t.Field(i).Name + ": ")
			if err := writeLiteral(b, f, needBool); err != nil {
				return err
			}
			b.WriteString(",\n")
		}
		b.WriteString("}")
	default:
		return fmt.Errorf("kind %s", t.Kind())
	}
	return nil
}

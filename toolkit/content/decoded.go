package content

import (
	"crypto/sha256"
	"encoding"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	yaml "go.yaml.in/yaml/v3"
)

// The embedded content's YAML files, decoded ahead of time
// (decoded_gen.go): yaml.v3 took about 60 ns a byte, two thirds of
// opening the content and half of `awarekit version`. A file is taken
// from there only when the SHA-256 of its exact bytes and of the Go type
// it is decoded into (fields, tags and decoding methods, typeSig) is the
// one it was decoded from; any other file, a user's own or an embedded
// one changed since, is decoded from its YAML. The key does not hold the
// yaml library's version: TestDecodedCurrent, which holds decoded_gen.go
// to what decoding the embedded files gives today (and so catches a
// library upgrade that reads them differently), must pass; rewrite it
// after changing them:
//
//	go test ./toolkit/content -run TestDecodedCurrent -update

// decodedMisses counts the files decodeAs decoded from their YAML,
// for TestOpenDecodesNoYAML.
var decodedMisses atomic.Int64

// fromDecoded sets *v to data decoded, from decoded_gen.go, when it holds
// data's exact bytes decoded into v's type and *v is the zero value the
// decoder would start from; it reports whether it did.
func fromDecoded(data []byte, v any) bool {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || !rv.Elem().IsZero() {
		return false
	}
	fill, ok := decodedFiles[decodedKey(rv.Type(), data)]
	if !ok || !fill(v) {
		decodedMisses.Add(1)
		return false
	}
	return true
}

// decodedKey is what a decoded file is found by: the SHA-256 of the
// type it is decoded into, described in full, and of its bytes.
func decodedKey(t reflect.Type, data []byte) [32]byte {
	h := sha256.New()
	h.Write([]byte(typeSig(t)))
	h.Write([]byte{0})
	h.Write(data)
	var key [32]byte
	h.Sum(key[:0])
	return key
}

var typeSigs sync.Map // reflect.Type → string

// typeSig describes t as far as decoding YAML into it depends on it:
// each struct's package, name, fields, their types and tags, and which
// types decode themselves (yaml.Unmarshaler, encoding.TextUnmarshaler).
func typeSig(t reflect.Type) string {
	if s, ok := typeSigs.Load(t); ok {
		return s.(string)
	}
	var b strings.Builder
	writeTypeSig(&b, t, map[reflect.Type]bool{})
	s := b.String()
	typeSigs.Store(t, s)
	return s
}

var (
	yamlUnmarshaler = reflect.TypeFor[yaml.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func writeTypeSig(b *strings.Builder, t reflect.Type, seen map[reflect.Type]bool) {
	b.WriteString(t.PkgPath())
	b.WriteByte('.')
	b.WriteString(t.String())
	// Only a type defined in a package has methods of its own; a
	// pointer's, a slice's or a struct's come from the defined types it
	// is made of, marked where they are met.
	if t.PkgPath() != "" {
		if t.Implements(yamlUnmarshaler) || reflect.PointerTo(t).Implements(yamlUnmarshaler) ||
			t.Implements(textUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
			b.WriteString("(unmarshaler)")
		}
	}
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		b.WriteByte('(')
		writeTypeSig(b, t.Elem(), seen)
		b.WriteByte(')')
	case reflect.Map:
		b.WriteByte('(')
		writeTypeSig(b, t.Key(), seen)
		b.WriteByte(',')
		writeTypeSig(b, t.Elem(), seen)
		b.WriteByte(')')
	case reflect.Struct:
		b.WriteByte('{')
		for i := range t.NumField() {
			f := t.Field(i)
			b.WriteString(f.Name)
			b.WriteByte(' ')
			writeTypeSig(b, f.Type, seen)
			b.WriteString(" `")
			b.WriteString(string(f.Tag))
			b.WriteString("`;")
		}
		b.WriteByte('}')
	}
}

package manifest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// encodedByJSON is e as Stream wrote it before appendEntry: through
// encoding/json, indented for its place in the outputs list.
func encodedByJSON(t *testing.T, e *Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// TestAppendEntryAsJSON: every entry comes out of appendEntry as
// encoding/json writes it, byte for byte: each field set or left empty,
// strings of quotes, backslashes, control characters, HTML, U+2028,
// right-to-left text, emoji and broken UTF-8, numbers of every size.
func TestAppendEntryAsJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 13))
	pieces := []string{"", "a", "youth-en-0.pdf", `"`, `\`, "\x00", "\x01", "\x1f", "\b", "\f", "\n", "\r", "\t", "\x7f",
		"<b>&amp;</b>", "\u2028", "\u2029", "\u2027", "\u202e", "عربي", "ਪੰਜਾਬੀ", "😀", "\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80",
		"é", "\u00a0", "/", "'", "{", "}", "[", "]", ":", ",", " ", "0"}
	str := func() string {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	floats := []float64{0, 0, 0, 1, -1, 0.5, 3.175, 300, 1e-6, 9.99e-7, 1e-7, 1.5e-10, 1e20, 1e21, 1.234e25, -2e-8, math.MaxFloat64, math.SmallestNonzeroFloat64, 1.0 / 3}
	ints := []int64{0, 0, 1, -1, 17392, math.MaxInt64, math.MinInt64, 1796562631149170176}
	for i := range 20000 {
		e := &Entry{File: str(), InputsSHA256: str(), SHA256: str(), Bytes: ints[r.IntN(len(ints))],
			Pages: int(ints[r.IntN(len(ints))]), Copies: r.IntN(3), ModTime: ints[r.IntN(len(ints))]}
		if r.IntN(4) > 0 {
			in := &Inputs{Audience: str(), Language: str(), Format: str(), Paper: str(), ContentVersion: str(), Program: str(),
				Organisation: str(), Event: str(), DPI: floats[r.IntN(len(floats))], BleedMM: floats[r.IntN(len(floats))],
				CropMarks: r.IntN(2) == 0}
			if r.IntN(2) == 0 {
				in.Backend, in.Style, in.Imposition, in.Province, in.FontConfig = str(), str(), str(), str(), str()
			}
			for range r.IntN(4) {
				in.Fonts = append(in.Fonts, FontFile{Name: str(), Source: str(), SHA256: str()})
			}
			if r.IntN(10) == 0 {
				in.Fonts = []FontFile{}
			}
			e.Inputs = in
		}
		for range r.IntN(3) {
			e.Also = append(e.Also, Part{File: str(), SHA256: str(), Bytes: ints[r.IntN(len(ints))], ModTime: ints[r.IntN(len(ints))]})
		}
		if r.IntN(10) == 0 {
			e.Also = []Part{}
		}
		got, ok := appendEntry(nil, e)
		if !ok {
			t.Fatalf("entry %d: not encoded", i)
		}
		if want := encodedByJSON(t, e); !bytes.Equal(got, want) {
			t.Fatalf("entry %d:\n%s\nencoding/json:\n%s", i, got, want)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, ok := appendEntry(nil, &Entry{Inputs: &Inputs{DPI: f}}); ok {
			t.Errorf("DPI %v encoded; encoding/json refuses it", f)
		}
		if _, ok := appendEntry(nil, &Entry{Inputs: &Inputs{BleedMM: f}}); ok {
			t.Errorf("bleed %v encoded; encoding/json refuses it", f)
		}
	}
}

// TestAppendEntryEveryField fills every field of an entry, at any depth,
// by reflection: a field added to Entry, Inputs, FontFile or Part that
// appendEntry does not write (an omitempty field is left out of the
// random entries above while it is empty) makes the two differ.
func TestAppendEntryEveryField(t *testing.T) {
	var fill func(v reflect.Value, n int)
	fill = func(v reflect.Value, n int) {
		switch v.Kind() {
		case reflect.String:
			v.SetString(fmt.Sprintf("s%d", n))
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Int, reflect.Int64, reflect.Int32:
			v.SetInt(int64(n + 1))
		case reflect.Float64:
			v.SetFloat(float64(n) + 0.5)
		case reflect.Pointer:
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem(), n)
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
			for i := range 2 {
				fill(v.Index(i), n*10+i)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					fill(v.Field(i), n*10+i)
				}
			}
		default:
			t.Fatalf("%s: a field of kind %s; teach appendEntry and this test to write it", v.Type(), v.Kind())
		}
	}
	e := &Entry{}
	fill(reflect.ValueOf(e).Elem(), 1)
	got, ok := appendEntry(nil, e)
	if !ok {
		t.Fatal("not encoded")
	}
	if want := encodedByJSON(t, e); !bytes.Equal(got, want) {
		t.Fatalf("appendEntry:\n%s\nencoding/json:\n%s", got, want)
	}
}

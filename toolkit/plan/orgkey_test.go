package plan

import (
	"reflect"
	"testing"

	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestOrgKeyHasEveryField: two organisations that differ in any one
// field, or in any field of a local contact, or in the number of local
// contacts, get different keys, so a plan never takes one for the other.
// A field added to profile.Organisation or LocalContact that orgKey
// leaves out fails here.
func TestOrgKeyHasEveryField(t *testing.T) {
	base := profile.Organisation{Local: []profile.LocalContact{{}}}
	var l orgList
	key := func(o profile.Organisation) string { return string(l.orgKey(o)) }
	want := key(base)
	changed := func(what string, o profile.Organisation) {
		if key(o) == want {
			t.Errorf("changing %s leaves the key the same", what)
		}
	}
	ot := reflect.TypeFor[profile.Organisation]()
	for i := range ot.NumField() {
		o := base
		o.Local = []profile.LocalContact{{}}
		f := reflect.ValueOf(&o).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Slice:
			o.Local = nil
		default:
			t.Fatalf("field %s is a %s: give it to orgKey and this test", ot.Field(i).Name, f.Kind())
		}
		changed(ot.Field(i).Name, o)
	}
	ct := reflect.TypeFor[profile.LocalContact]()
	for i := range ct.NumField() {
		o := base
		o.Local = []profile.LocalContact{{}}
		f := reflect.ValueOf(&o.Local[0]).Elem().Field(i)
		if f.Kind() != reflect.String {
			t.Fatalf("local contact field %s is a %s: give it to orgKey and this test", ct.Field(i).Name, f.Kind())
		}
		f.SetString("x")
		changed("local "+ct.Field(i).Name, o)
	}
	// Values that run into each other are told apart.
	a := profile.Organisation{Name: `a"`, Phone: "b"}
	b := profile.Organisation{Name: "a", Phone: `"b`}
	if key(a) == key(b) {
		t.Errorf("%q and %q have one key", key(a), key(b))
	}
}

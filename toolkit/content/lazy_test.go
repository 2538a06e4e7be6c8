package content_test

import (
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// readCounter is a file system that counts the files read from it.
type readCounter struct {
	fs.FS
	mu   sync.Mutex
	read map[string]int
}

func (r *readCounter) Open(name string) (fs.File, error) {
	r.mu.Lock()
	r.read[name]++
	r.mu.Unlock()
	return r.FS.Open(name)
}

func (r *readCounter) files() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for name := range r.read {
		if strings.HasSuffix(name, ".toml") {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestLazyReadsTheLanguageUsed: opened lazily, the content reads the
// message file of the language a document is made in and no other, and
// knows every language as the content opened whole does once asked.
func TestLazyReadsTheLanguageUsed(t *testing.T) {
	whole := load(t)
	rc := &readCounter{FS: locales.FS, read: map[string]int{}}
	lib, err := content.Open(content.Options{Audiences: audiences.FS, Locales: rc, Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	org := profile.Organisation{Name: "Riverside Youth Council", Phone: "604-555-0134"}
	brand, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Assemble(content.Request{Audience: "youth", Lang: "en", Org: org, Brand: brand}); err != nil {
		t.Fatal(err)
	}
	if got := rc.files(); !slices.Equal(got, []string{"en.toml"}) {
		t.Errorf("an English document read %v; want en.toml alone", got)
	}
	defer func() {
		for name, n := range rc.read {
			if n != 1 {
				t.Errorf("%s was read %d times", name, n)
			}
		}
	}()
	// Workers ask for languages at the same time: each is read once.
	var wg sync.WaitGroup
	for _, id := range whole.AudienceIDs() {
		wg.Go(func() { lib.Languages(id) })
	}
	wg.Wait()
	for _, id := range whole.AudienceIDs() {
		if got, want := lib.Languages(id), whole.Languages(id); !slices.Equal(got, want) {
			t.Errorf("%s: opened lazily, written in %v; opened whole, in %v", id, got, want)
		}
		for _, tag := range whole.Catalog.Tags() {
			got, want := lib.Written(id, tag), whole.Written(id, tag)
			if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
				t.Errorf("%s in %s: opened lazily, %v; opened whole, %v", id, tag, got, want)
			}
		}
	}
}

// TestLazyBrokenLanguage: a message file that cannot be read stops the
// content opened whole, and opened lazily stops the language it is of,
// with the file and line, where it is used.
func TestLazyBrokenLanguage(t *testing.T) {
	en, err := fs.ReadFile(locales.FS, "en.toml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"en.toml": {Data: en}, "fr.toml": {Data: []byte("[_meta]\nlanguage = \"fr\"\nstatus = \"draft\"\n\nyouth.headline = \"unterminated\n")}}
	if _, err := content.Open(content.Options{Audiences: audiences.FS, Locales: fsys}); err == nil || !strings.Contains(err.Error(), "fr.toml:5") {
		t.Fatalf("opened whole: %v; want fr.toml:5's error", err)
	}
	lib, err := content.Open(content.Options{Audiences: audiences.FS, Locales: fsys, Lazy: true})
	if err != nil {
		t.Fatalf("opened lazily: %v", err)
	}
	if err := lib.Written("youth", "en"); err != nil {
		t.Errorf("English: %v", err)
	}
	if err := lib.Written("youth", "fr"); err == nil || !strings.Contains(err.Error(), "fr.toml:5") {
		t.Errorf("French: %v; want fr.toml:5's error", err)
	}
	if got := lib.Languages("youth"); !slices.Equal(got, []string{"en"}) {
		t.Errorf("youth is written in %v; want [en]", got)
	}
}

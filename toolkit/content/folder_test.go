package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckFolder: a folder that cannot change the content (content: /etc,
// an empty folder, one with empty audiences/ and locales/) is refused,
// saying what is missing and what a content folder holds; one with a file
// in either passes.
func TestCheckFolder(t *testing.T) {
	dir := t.TempDir()
	mk := func(parts ...string) string {
		p := filepath.Join(append([]string{dir}, parts...)...)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := mk("empty")
	hollow := mk("hollow")
	mk("hollow", "audiences", "youth")
	mk("hollow", "locales")
	notes := mk("notes")
	os.WriteFile(filepath.Join(notes, "README.txt"), []byte("x"), 0o644)
	good := mk("good")
	mk("good", "audiences")
	os.WriteFile(filepath.Join(mk("good", "locales"), "fr.toml"), []byte("x"), 0o644)
	deep := mk("deep")
	os.WriteFile(filepath.Join(mk("deep", "audiences", "club"), "audience.yaml"), []byte("x"), 0o644)
	for _, c := range []struct{ dir, want string }{
		{empty, "has neither audiences/ nor locales/ in it, so it is not a content folder"},
		{notes, "has neither audiences/ nor locales/"},
		{"/proc/self", "has neither audiences/ nor locales/"},
		{hollow, "has no file in audiences/ or locales/, so it changes nothing in the built-in content"},
		{filepath.Join(dir, "missing"), "missing does not exist"},
		{filepath.Join(notes, "README.txt"), "README.txt is a file, not a folder"},
		{good, ""},
		{deep, ""},
	} {
		err := CheckFolder(c.dir)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.dir, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "a content folder holds audiences/")):
			t.Errorf("%s: %v, want %q and what a content folder holds", c.dir, err, c.want)
		}
	}
}

package translate

import (
	"os"
	"path/filepath"
	"testing"
)

// checkout copies the repository's audiences/ and locales/ into a
// temporary folder and opens it as a project, which Import and Review
// may write.
func checkout(t testing.TB) (string, *Project) {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"audiences", "locales"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("..", "..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	return dir, reopen(t, dir, "")
}

// reopen loads the project at dir again, with a content folder when
// content is not "".
func reopen(t testing.TB, dir, content string) *Project {
	t.Helper()
	src, ok := Checkout(dir)
	if !ok {
		t.Fatalf("%s is not a checkout", dir)
	}
	src.ContentDir = content
	p, err := Open(src, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

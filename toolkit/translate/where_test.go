package translate

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWhereIsSharedByContent: two checkouts of the same files share the
// measure of where messages print; a changed file, another day or the
// caller's own fonts do not.
func TestWhereIsSharedByContent(t *testing.T) {
	t.Parallel()
	dir, p := checkout(t)
	_, q := shared(t)
	kp, ok := p.contentKey()
	if !ok {
		t.Fatal("a checkout has no content key")
	}
	if kq, _ := q.contentKey(); kq != kp {
		t.Error("two checkouts of the same files have different keys: the measure is made twice")
	}
	es := filepath.Join(dir, "locales", "es.toml")
	data, err := os.ReadFile(es)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(es, append(data, "\n# a reviewer's note\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if k, _ := p.contentKey(); k == kp {
		t.Error("a changed locale file keeps the key: a stale measure would be served")
	}
	r := reopen(t, dir, "")
	kr, _ := r.contentKey()
	r.Now = r.Now.AddDate(0, 0, 1)
	if k, _ := r.contentKey(); k == kr {
		t.Error("another day keeps the key")
	}
	// The content reads the clock by the day: commands run a minute apart
	// (each with its own clock reading) share the measure.
	r.Now = today.Add(time.Minute)
	if k, _ := r.contentKey(); k != kr {
		t.Error("a minute later the same day has another key: each command measures again")
	}
	own, err := Open(p.Source, p.Fonts)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := own.contentKey(); ok {
		t.Error("a project with the caller's fonts shares its measure")
	}
	if err := os.Symlink(es, filepath.Join(dir, "locales", "notes.txt")); err == nil {
		if _, ok := reopen(t, dir, "").contentKey(); ok {
			t.Error("a folder with a link in it has a key: the link could be read as other bytes")
		}
	}
}

package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzPrevious: any bytes as an earlier build's manifest.json, which is
// in the output folder where anything may have been put: ReadPrevious
// never panics, and every entry it keeps names only files inside the
// folder, beside its own, and so does every earlier build's file it
// records (a file outside is refused whole, Refused).
func FuzzPrevious(f *testing.F) {
	f.Add([]byte(`{"manifest_version":1,"outputs":[{"file":"a.pdf","sha256":"1","also":[{"file":"a-2.png"}]}]}`))
	f.Add([]byte(`{"manifest_version":1,"outputs":[{"file":"a.pdf","also":[{"file":"../../etc/passwd"}]}]}`))
	f.Add([]byte(`{"manifest_version":1,"outputs":[{"file":""}],"earlier":[{"file":"","plan":"p.yaml"}]}`))
	f.Add([]byte(`{"manifest_version":1,"outputs":[{"file":"/etc/passwd"}],"sets":[{"folder":"../x","pack":{"file":"../p.pdf"}}]}`))
	f.Add([]byte(`{"manifest_version":1,"outputs":null}`))
	f.Add([]byte(`{"manifest_version":1,"outputs":[],"earlier":[{"file":"a.pdf","plan":"p.yaml","also":[{"file":"../a-2.png"}]}]}`))
	f.Add([]byte(`{"manifest_version":1,"outputs":[{"file":"east/a.pdf","also":[{"file":"east\\a-2.png"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, FileName), data, 0o644); err != nil {
			t.Fatal(err)
		}
		p := ReadPrevious(dir)
		defer p.Close()
		if p.Refused != nil {
			if !strings.Contains(p.Refused.Error(), "delete "+filepath.Join(dir, FileName)) {
				t.Errorf("refused without the fix: %v", p.Refused)
			}
			return
		}
		for _, e := range p.Earlier {
			if bad, ok := e.Stray(); ok {
				t.Errorf("kept the earlier file %s, which names %q", e.File, bad)
			}
		}
		for _, name := range []string{"a.pdf", "", "/etc/passwd", "../../etc/passwd", "east/a.pdf"} {
			for _, e := range p.Entries(name) {
				if bad, ok := e.Stray(); ok {
					t.Errorf("kept %s, which names %q", e.File, bad)
				}
			}
		}
	})
}

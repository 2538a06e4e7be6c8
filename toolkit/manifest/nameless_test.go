package manifest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreviousNamelessRefused: an entry whose file is "" named no file
// outside the folder by Stray's old answer ("" for none), so the manifest
// was read; the build then took the folder itself for an earlier build's
// material and told the user to delete it, every build (review19 L7). A
// file with no name is refused as a stray one is, wherever it is
// recorded, with the manifest to delete.
func TestPreviousNamelessRefused(t *testing.T) {
	for _, c := range []struct{ name, head, want string }{
		{"an output", `"outputs":[{"file":"a.pdf","sha256":"1"},{"file":"","sha256":"1"}]`, `lists a file with no name (""), which is not a file in its folder`},
		{"a further file", `"outputs":[{"file":"a.png","sha256":"1","also":[{"file":"","sha256":"2"}]}]`, `lists a file with no name ("") with a.png, which is not a file beside it`},
		{"the pack", `"pack":{"file":""},"outputs":[]`, `lists a file with no name (""), which is not a file in its folder`},
		{"an earlier build's file", `"earlier":[{"file":"","plan":"plan.yaml","sha256":"1"}],"outputs":[]`, `lists a file with no name (""), which is not a file in its folder`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			mf := filepath.Join(dir, FileName)
			data := `{"manifest_version":` + fmt.Sprint(Version) + `,` + c.head + `}`
			if err := os.WriteFile(mf, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			p := ReadPrevious(dir)
			defer p.Close()
			want := mf + " " + c.want + "; a build reads only the files it wrote in its output folder, and this manifest was not written by one: delete " + mf
			if p.Refused == nil || !strings.HasPrefix(p.Refused.Error(), want) {
				t.Errorf("refused: %v\nwant %s…", p.Refused, want)
			}
		})
	}
}

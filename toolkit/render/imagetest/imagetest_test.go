package imagetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrowserLeavesNoTempFiles: a browser a test started made a folder
// of its own in $TMPDIR (org.chromium.Chromium.*, its socket), and, killed
// as the test ended, left it there: some 200 were in /tmp after a
// morning's test runs. Its temporary files go in a folder removed after
// it. A browser takes seconds to start: with AWAREKIT_FULL=1, as the
// browser tests.
func TestBrowserLeavesNoTempFiles(t *testing.T) {
	if !Full() {
		t.Skip("starts a browser; set AWAREKIT_FULL=1")
	}
	bin := Chromium(t)
	tmp, err := os.MkdirTemp("", "t")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	t.Setenv("TMPDIR", tmp)
	t.Run("browser", func(t *testing.T) { StartChromium(t, bin) })
	filepath.WalkDir(tmp, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), "org.chromium.") {
			t.Errorf("the browser left %s", path)
		}
		return err
	})
}

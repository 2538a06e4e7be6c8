package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPunjabiWithoutAHomeFolder: a service, a container or a cron job
// often runs with no home folder, where the font index cannot be kept in
// a cache folder. A language set in a system font must still be made
// there: it failed with "install fonts-noto-core" on a machine that has
// it. It builds and runs the binary, so it runs under AWAREKIT_FULL=1.
func TestPunjabiWithoutAHomeFolder(t *testing.T) {
	if !full() {
		t.Skip("builds and runs the binary; AWAREKIT_FULL=1 runs it")
	}
	bin := binary(t)
	work := t.TempDir()
	cmd := exec.Command(bin, "generate", "--audience", "youth", "--lang", "pa", "-o", "out")
	cmd.Dir = work
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME":
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		if strings.Contains(string(out), "install the Debian package fonts-noto-core") && os.Getenv("AWAREKIT_REQUIRE_FONTS") != "1" {
			if _, statErr := os.Stat("/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf"); statErr != nil {
				t.Skip("needs a Gurmukhi font: install the Debian package fonts-noto-core")
			}
		}
		t.Fatalf("generate -l pa with no HOME: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(work, "out", "youth-flyer-pa.pdf")); err != nil {
		t.Fatalf("generate -l pa with no HOME: %v\n%s", err, out)
	}
}

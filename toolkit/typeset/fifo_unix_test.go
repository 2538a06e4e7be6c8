//go:build unix

package typeset

import (
	"io"
	"log"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-text/typesetting/fontscan"
)

// A named pipe, or a link to one or to a device, in a font folder or
// named by fontconfig's settings is passed over: opened, a pipe hung the
// run until someone wrote to it, and /dev/zero as a settings file was
// read until memory ran out.
func TestSystemFontsPassOverPipesAndDevices(t *testing.T) {
	within := func(t *testing.T, what string, f func()) {
		t.Helper()
		done := make(chan struct{})
		go func() { defer close(done); f() }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("%s did not return in 20 s", what)
		}
	}
	root := t.TempDir()
	fonts := filepath.Join(root, "fonts")
	if err := os.MkdirAll(fonts, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fonts, "DejaVuSans.ttf"), dejavusans.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	pipe := filepath.Join(root, "pipe")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	for name, target := range map[string]string{"pipe.ttf": pipe, "zero.ttf": "/dev/zero"} {
		if err := os.Symlink(target, filepath.Join(fonts, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(fonts, "fifo.ttf"), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("font folder", func(t *testing.T) {
		var prints []fontscan.Footprint
		within(t, "systemFootprints", func() {
			prints, _ = systemFootprints(func(fontscan.Logger) ([]string, error) { return []string{fonts}, nil })
		})
		if len(prints) != 1 || prints[0].Family != "dejavusans" {
			t.Fatalf("found %+v, want DejaVuSans.ttf alone", prints)
		}
	})

	t.Run("fontconfig settings", func(t *testing.T) {
		quiet := log.New(io.Discard, "", 0)
		conf := filepath.Join(root, "fonts.conf")
		if err := os.WriteFile(conf, []byte(`<fontconfig><include ignore_missing="yes">`+pipe+`</include><dir>`+fonts+`</dir></fontconfig>`), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, file := range []string{pipe, "/dev/zero", conf} {
			t.Setenv("FONTCONFIG_FILE", file)
			within(t, "fontDirectories with FONTCONFIG_FILE="+file, func() { _, _ = fontDirectories(quiet) })
		}
	})
}

package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
)

func TestOverlay(t *testing.T) {
	lower := fstest.MapFS{
		"youth/audience.yaml":  {Data: []byte("lower")},
		"youth/stories.yaml":   {Data: []byte("lower stories")},
		"health/audience.yaml": {Data: []byte("lower health")},
	}
	upper := fstest.MapFS{
		"youth/stories.yaml": {Data: []byte("upper stories")},
		"club/audience.yaml": {Data: []byte("upper club")},
	}
	o := Overlay{Upper: upper, Lower: lower}
	tests := []struct{ name, want, layer string }{
		{"youth/audience.yaml", "lower", "embedded"},
		{"youth/stories.yaml", "upper stories", "user"},
		{"health/audience.yaml", "lower health", "embedded"},
		{"club/audience.yaml", "upper club", "user"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := fs.ReadFile(o, tt.name)
			if err != nil || string(data) != tt.want {
				t.Errorf("ReadFile = %q, %v; want %q", data, err, tt.want)
			}
			if got := o.Layer(tt.name); got != tt.layer {
				t.Errorf("Layer = %s, want %s", got, tt.layer)
			}
		})
	}
	got, err := fs.Glob(o, "*/audience.yaml")
	if err != nil || len(got) != 3 {
		t.Errorf("Glob = %v, %v; want the three audiences of both layers", got, err)
	}
	if _, err := fs.ReadFile(o, "nothing.yaml"); err == nil {
		t.Error("a file in neither layer was found")
	}
	if err := fstest.TestFS(o, "youth/audience.yaml", "youth/stories.yaml", "club/audience.yaml"); err != nil {
		t.Error(err)
	}
}

// TestUserWordsNeverUnderBuiltInConsent: a user who replaces the words of
// a built-in story does not get them printed under the content team's
// consent record; the other built-in story still prints.
func TestUserWordsNeverUnderBuiltInConsent(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "locales"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "locales", "en.toml"), []byte("[youth]\nstory.1.text = \"A real story of ours.\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := LoadUser(audiences.FS, locales.FS, dir)
	if err != nil {
		t.Fatal(err)
	}
	d, err := lib.Assemble(Request{Audience: "youth", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != 1 || strings.Contains(d.Stories[0].Text, "A real story of ours") {
		t.Errorf("stories %+v: want only the untouched built-in story", d.Stories)
	}
	fr, err := lib.Assemble(Request{Audience: "youth", Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fr.Stories) != 2 {
		t.Errorf("French: %d stories, want both built-in ones (the user changed only English)", len(fr.Stories))
	}
}

// TestUserFolderIsHostile: a content folder's links may not lead out of
// it, a named pipe in it cannot hang a run, and no error quotes a file.
func TestUserFolderIsHostile(t *testing.T) {
	t.Parallel()
	secret := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(secret, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file, want string
		make             func(path string) error
	}{
		{"link to /etc/passwd as messages", "locales/en.toml", "is a link to a place outside the folder",
			func(p string) error { return os.Symlink(secret, p) }},
		{"link to /etc/passwd as an audience", "audiences/youth/audience.yaml", "is a link to a place outside the folder",
			func(p string) error { return os.Symlink(secret, p) }},
		{"relative link out", "audiences/youth/stories.yaml", "is a link to a place outside the folder",
			func(p string) error { return os.Symlink("../../../"+filepath.Base(filepath.Dir(secret))+"/passwd", p) }},
		// A link out where the embedded content has no such file: it
		// was "open zz/audience.yaml: file does not exist".
		{"link out as a new audience", "audiences/zz/audience.yaml", "is a link to a place outside the folder",
			func(p string) error { return os.Symlink(secret, p) }},
		// The folders themselves: a linked audiences/ was read as none
		// ("no audiences found"), a linked locales/ as no messages.
		{"audiences folder a link out", "audiences", "is a link to a place outside the folder",
			func(p string) error { return os.Symlink(filepath.Dir(secret), p) }},
		{"locales folder a link out", "locales", "is a link to a place outside the folder",
			func(p string) error { return os.Symlink(filepath.Dir(secret), p) }},
		{"named pipe", "audiences/youth/stories.yaml", "is a named pipe, not a file",
			mkfifo},
		{"alias bomb", "youth/stories.yaml", "expand to over 100000 values",
			func(p string) error { return os.WriteFile(p, []byte(aliasBomb()), 0o644) }},
		{"a value of the wrong type", "youth/stories.yaml", "found a text where",
			func(p string) error {
				return os.WriteFile(p, []byte("stories: root:x:0:0:root:/root:/bin/bash\n"), 0o644)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, filepath.FromSlash(tt.file))
			if !strings.HasPrefix(tt.file, "locales") && !strings.HasPrefix(tt.file, "audiences") {
				p = filepath.Join(dir, "audiences", filepath.FromSlash(tt.file))
			}
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := tt.make(p); err != nil {
				t.Skip(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := LoadUser(audiences.FS, locales.FS, dir)
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("LoadUser hung")
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.file) {
				t.Fatalf("error %v, want one naming %s and saying %q", err, tt.file, tt.want)
			}
			if strings.Contains(err.Error(), "root:") {
				t.Errorf("error quotes the linked file: %v", err)
			}
		})
	}
}

func aliasBomb() string {
	s := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, c := range "bcdefgh" {
		prev := string(rune('a' + i))
		s += string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
	}
	return s
}

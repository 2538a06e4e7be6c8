package input

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// within fails the test if f takes longer than a few seconds: reading a
// named pipe must never wait for a writer.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("hung")
	}
}

func fifo(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system")
	}
	if err := mkfifo(path); err != nil {
		t.Fatal(err)
	}
}

func sparse(t *testing.T, path string, size int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "plan.yaml")
	os.WriteFile(ok, []byte("outputs: []\n"), 0o644)
	link := filepath.Join(dir, "link.yaml")
	os.Symlink(ok, link)
	pipe := filepath.Join(dir, "pipe.yaml")
	fifo(t, pipe)
	big := filepath.Join(dir, "big.yaml")
	sparse(t, big, Plan.Limit+1)
	dangling := filepath.Join(dir, "dangling.yaml")
	os.Symlink("gone.yaml", dangling)
	chain := filepath.Join(dir, "chain.yaml")
	os.Symlink(dangling, chain)
	tests := []struct {
		name, path string
		want       string // in the error; "" means no error
	}{
		{"regular", ok, ""},
		{"link to a regular file", link, ""},
		{"folder", dir, "is a folder, not a file"},
		{"named pipe", pipe, "is a named pipe, not a file"},
		{"device", "/dev/zero", "is a device, not a file"},
		{"too large", big, "larger than 4 MB, the most awarekit reads for a plan"},
		{"missing", filepath.Join(dir, "none.yaml"), "does not exist; check the name"},
		// A link whose file is gone said "does not exist", where ls
		// lists it.
		{"dangling link", dangling, " is a link to " + filepath.Join(dir, "gone.yaml") + ", which does not exist; point the link"},
		{"link to a dangling link", chain, " is a link to " + filepath.Join(dir, "gone.yaml") + ", which does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.path == "/dev/zero" && runtime.GOOS == "windows" {
				t.Skip()
			}
			var err error
			within(t, func() { _, err = ReadFile(Plan, tt.path) })
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "plan "+tt.path) {
				t.Fatalf("error %v, want one naming plan %s and saying %q", err, tt.path, tt.want)
			}
		})
	}
}

func TestFolder(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "passwd")
	os.WriteFile(secret, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o644)
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "locales", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "locales", "en.toml"), []byte("a = 'b'\n"), 0o644)
	os.Symlink("en.toml", filepath.Join(dir, "locales", "inside.toml"))
	os.Symlink(secret, filepath.Join(dir, "locales", "abs.toml"))
	os.Symlink("../../"+filepath.Base(outside)+"/passwd", filepath.Join(dir, "locales", "rel.toml"))
	os.Symlink(outside, filepath.Join(dir, "locales", "outdir"))
	fifo(t, filepath.Join(dir, "locales", "pipe.toml"))
	sparse(t, filepath.Join(dir, "locales", "big.toml"), Content.Limit+1)

	f, err := OpenFolder(Content, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sub, err := fs.Sub(f, "locales")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, want string }{
		{"en.toml", ""},
		{"inside.toml", ""},
		{"abs.toml", "outside the folder"},
		{"rel.toml", "outside the folder"},
		{"outdir/passwd", "outside the folder"},
		{"pipe.toml", "is a named pipe"},
		{"big.toml", "larger than 4 MB"},
		{"none.toml", "not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var data []byte
			var err error
			within(t, func() { data, err = fs.ReadFile(sub, tt.name) })
			if tt.want == "" {
				if err != nil || string(data) != "a = 'b'\n" {
					t.Fatalf("got %q, %v", data, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "root:") {
				t.Errorf("error quotes the file: %v", err)
			}
		})
	}
	if _, err := fs.ReadFile(sub, "none.toml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want fs.ErrNotExist", err)
	}
	entries, err := fs.ReadDir(f, "locales")
	if err != nil || len(entries) != 8 {
		t.Errorf("ReadDir: %d entries, %v", len(entries), err)
	}
}

func TestParseYAML(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, c := range "bcdefgh" {
		prev := string(rune('a' + i))
		bomb += string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
	}
	// Ten thousand plan items written out, no alias: 160,000 values.
	var long strings.Builder
	long.WriteString("outputs:\n")
	for i := range 10_000 {
		fmt.Fprintf(&long, "  - {audience: youth, language: en, format: flyer, pattern: \"p-%d.{ext}\", organisation: {name: \"P %d\", phone: 604-555-0134}}\n", i, i)
	}
	tests := []struct {
		name, in, want string
	}{
		{"plain", "a: 1\nb: [x, y]\n", ""},
		{"ten thousand items written out", long.String(), ""},
		{"the same with a bomb beside", long.String() + bomb, "aliases (*name) expand to over 100000 values"},
		{"a few aliases", "org: &org {name: A}\nplans:\n  - *org\n  - *org\n", ""},
		{"empty", "", ""},
		{"alias bomb", bomb, "aliases (*name) expand to over 100000 values"},
		{"syntax", "a: [1, 2\n", "plan p.yaml:"},
		{"two documents", "a: 1\n---\nb: 2\n", "p.yaml:2: a second YAML document"},
		// yaml.v3 read the first document and passed over what follows
		// its end: an organisation's name was dropped without a word.
		{"settings after the end of the document", "paper: a4\n...\norganisation:\n  name: Lost\n", "p.yaml:2: more follows the end of the document (a line of ...)"},
		{"a commented end", "a: 1\n... # end\n", ""},
		// yaml.v3 names no line and says to check the indentation.
		{"Latin-1 byte on line 3", "a: 1\nb: 2\nc: Caf\xe9\n", "p.yaml:3: is not UTF-8 text (byte 0xE9, character 7 of the line); save the file as UTF-8"},
		{"NUL on line 2", "a: 1\nb: x\x00y\n", "p.yaml:2: holds U+0000, a control character YAML does not allow, at character 5 of the line"},
		{"DEL in a comment", "a: 1\n# \x7f\n", "p.yaml:2: holds U+007F"},
		// A Windows path in double quotes: "did not find expected
		// hexdecimal number; check the indentation", or no line.
		{"a Windows path in double quotes", "a: 1\nlogo: \"C:\\Users\\me\\logo.png\"\n", "p.yaml:2: \\U is not followed by 8 hexadecimal digits; in double quotes a backslash starts an escape"},
		{"another Windows path", "name: O'Brien\nlogo: \"D:\\docs\\logo.png\"\n", "p.yaml:2: \\d is no escape; in double quotes a backslash starts an escape (\\n, \\t, \\u00e9); write a path with / (C:/Users/me/logo.png), or put the value in single quotes"},
		{"the same path in single quotes", "logo: 'C:\\Users\\me\\logo.png'\n", ""},
		{"a lone surrogate escaped, as JSON", "{\"a\": \"x\",\n \"name\": \"Club \\ud800\"}\n", "p.yaml:2: \\ud800 names no character (half of a surrogate pair"},
		{"a byte order mark and CRLF", "\ufeffa: 1\r\nb: caf\u00e9\r\n", ""},
		// yaml.v3: "exceeded max depth of 10000; check the indentation, colons and quotes there".
		{"lists 100000 deep", "outputs: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n", "plan p.yaml:1: holds lists or maps inside one another more than 10000 deep"},
		{"maps 20000 deep", "a: " + strings.Repeat("{b: ", 20_000) + "1" + strings.Repeat("}", 20_000) + "\n", "check that this is the right file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseYAML(Plan, "p.yaml", []byte(tt.in))
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

// CheckAliases takes a tree without aliases as it is written, without
// counting its nodes into a map (a plan's every piece is checked), and
// still refuses one too deep, or one whose aliases expand too far.
func TestCheckAliases(t *testing.T) {
	parse := func(src string) *yaml.Node {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatal(err)
		}
		return &doc
	}
	// Nested by hand: yaml.v3 refuses to parse lists this deep.
	deep := &yaml.Node{Kind: yaml.ScalarNode, Value: "x"}
	for range 10_002 {
		deep = &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{deep}}
	}
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, c := range "bcdefgh" {
		bomb += string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+string(rune('a'+i))+", ", 9) + "*" + string(rune('a'+i)) + "]\n"
	}
	tests := []struct {
		name     string
		n        *yaml.Node
		ok       bool
		line     int
		noAllocs bool
	}{
		{"no alias", parse("outputs:\n  - {audience: youth, language: en}\n  - {audience: health, formats: [flyer, poster]}\n"), true, 0, true},
		{"a few aliases", parse("org: &org {name: A}\nplans:\n  - *org\n  - *org\n"), true, 0, false},
		{"alias bomb", parse(bomb), false, 5, false},
		{"deeper than 10000, no alias", deep, false, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, ok := CheckAliases(tt.n)
			if ok != tt.ok || line != tt.line {
				t.Errorf("CheckAliases = %d, %v; want %d, %v", line, ok, tt.line, tt.ok)
			}
			if allocs := testing.AllocsPerRun(10, func() { CheckAliases(tt.n) }); tt.noAllocs && allocs > 0 {
				t.Errorf("%v allocations for a tree without aliases, want none", allocs)
			}
		})
	}
}

func TestYAMLErrorQuotesNothing(t *testing.T) {
	var v struct {
		Names []string `yaml:"names"`
	}
	err := yaml.Unmarshal([]byte("names: root:x:0:0:root:/root:/bin/bash\n"), &v)
	got := YAMLError(Settings, "awarekit.yaml", err).Error()
	want := "settings file awarekit.yaml:1: found a text where a list belongs"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{20 << 20: "20 MB", 1536 << 10: "1.5 MB", 4096: "4 KB", 12: "12 bytes"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestYAMLErrorUnknownKey says an unknown key with the keys its map can
// have (a nested map's too), in words, and never prints a key that does
// not read like one.
func TestYAMLErrorUnknownKey(t *testing.T) {
	type Group struct {
		Title string   `yaml:"title"`
		Do    []string `yaml:"do,omitempty"`
	}
	type Base struct {
		ID string `yaml:"id"`
	}
	type Audience struct {
		Base    `yaml:",inline"`
		Signs   []string `yaml:"signs"`
		Actions []Group  `yaml:"actions"`
	}
	tests := []struct{ file, want string }{
		{"id: x\nname: X\n", `content file a.yaml:2: unknown key "name"; the keys here are id, signs, actions`},
		{"actions:\n  - title: t\n    dont: [a]\n", `content file a.yaml:3: unknown key "dont"; the keys here are title, do`},
		{"root:x:0:0:/root:/bin/bash: 1\n", `content file a.yaml:1: unknown key (26 characters long); the keys here are id, signs, actions`},
	}
	for _, tt := range tests {
		var v Audience
		dec := yaml.NewDecoder(strings.NewReader(tt.file))
		dec.KnownFields(true)
		err := dec.Decode(&v)
		if err == nil {
			t.Fatalf("%q decoded", tt.file)
		}
		if got := YAMLErrorFor(Content, "a.yaml", err, &v).Error(); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.file, got, tt.want)
		}
	}
}

// TestTooLargeReadsRight: "the most awarekit reads for an organisations
// file" (it said "for a organisations file").
func TestTooLargeReadsRight(t *testing.T) {
	big := filepath.Join(t.TempDir(), "partners.csv")
	sparse(t, big, Partners.Limit+1)
	if _, err := ReadFile(Partners, big); err == nil || !strings.Contains(err.Error(), "the most awarekit reads for an organisations file") {
		t.Errorf("error %v", err)
	}
}

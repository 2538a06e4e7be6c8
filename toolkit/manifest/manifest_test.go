package manifest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestOnDisk: a file is the one an entry describes when its size and
// time are as recorded or, after a copy or a touch, when its bytes hash
// the same; an edited or missing file is not.
func TestOnDisk(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(path, []byte("first"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := &Entry{File: "a.pdf", SHA256: Sum([]byte("first"))}
	e.Stamp(path)
	if why, err := OnDisk(path, e); why != "" || err != nil {
		t.Errorf("the file just written: %q, %v", why, err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	if why, err := OnDisk(path, e); why != "" || err != nil {
		t.Errorf("touched, same bytes: %q, %v", why, err)
	}
	if err := os.WriteFile(path, []byte("other"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Edited later, at the same size: its time is not the one recorded.
	// Set here rather than left to the write, which a file system that
	// keeps coarse times (a kernel clock tick, a few ms) can give the
	// very time of the first write.
	edited := time.Unix(0, e.ModTime).Add(time.Second)
	if err := os.Chtimes(path, edited, edited); err != nil {
		t.Fatal(err)
	}
	if why, _ := OnDisk(path, e); why != "file differs from the manifest" {
		t.Errorf("edited: %q", why)
	}
	os.Remove(path)
	if why, _ := OnDisk(path, e); why != "file missing" {
		t.Errorf("removed: %q", why)
	}
}

// TestReadPrevious reads manifest.json and every shard manifest, and
// lists one that cannot be read instead of failing.
func TestReadPrevious(t *testing.T) {
	dir := t.TempDir()
	whole := &Manifest{Version: Version, Outputs: []Entry{{File: "a.pdf", SHA256: "1"}}, Pack: &Entry{File: "pack.pdf"}}
	shard := &Manifest{Version: Version, Shard: "1/2", Outputs: []Entry{{File: "b.pdf", SHA256: "2"}, {File: "a.pdf", SHA256: "3"}}}
	if err := Write(filepath.Join(dir, FileName), whole); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(dir, ShardFileName(1, 2)), shard); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ShardFileName(2, 2)), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := ReadPrevious(dir)
	defer p.Close()
	a, b := p.Entries("a.pdf"), p.Entries("b.pdf")
	if len(a) != 2 || a[0].SHA256 != "1" || a[1].SHA256 != "3" || len(b) != 1 || b[0].SHA256 != "2" || p.Len() != 3 || p.Pack == nil || p.Pack.File != "pack.pdf" {
		t.Errorf("entries %v %v (%d), pack %v", a, b, p.Len(), p.Pack)
	}
	if c := p.Entries("c.pdf"); c != nil {
		t.Errorf("an output never built has entries %v", c)
	}
	if len(p.Shards) != 2 || len(p.Bad) != 1 || filepath.Base(p.Bad[0]) != ShardFileName(2, 2) {
		t.Errorf("shards %v, bad %v", p.Shards, p.Bad)
	}
	if empty := ReadPrevious(filepath.Join(dir, "none")); empty.Len() != 0 || len(empty.Bad) != 0 {
		t.Errorf("a folder with no manifest: %+v", empty)
	}
}

// TestPreviousAsWhole: the entries read back one at a time from where
// they are are those json.Unmarshal reads from the whole file, every
// field; a manifest json.Unmarshal refuses is refused (listed in Bad,
// none of its entries kept), and so is one of another version.
func TestPreviousAsWhole(t *testing.T) {
	dir := t.TempDir()
	m := &Manifest{Version: Version, Program: "awarekit test", Plan: "plan.yaml", Pack: &Entry{File: "pack.pdf", SHA256: "p"}}
	for i := range 300 {
		e := Entry{File: fmt.Sprintf("youth-<%d>&.pdf", i), Inputs: &Inputs{Audience: "youth", Language: "ar", Fonts: []FontFile{{Name: "DejaVu Sans", SHA256: "f"}}},
			InputsSHA256: fmt.Sprint("k", i), SHA256: fmt.Sprint("s", i), Bytes: int64(i), Pages: 1 + i%3, Copies: i % 4, ModTime: int64(i) << 30}
		if i%7 == 0 {
			e.Also = []Part{{File: fmt.Sprintf("youth-%d-2.png", i), SHA256: "a", Bytes: 9}}
		}
		m.Outputs = append(m.Outputs, e)
	}
	path := filepath.Join(dir, FileName)
	if err := Write(path, m); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var whole Manifest
	if err := json.Unmarshal(data, &whole); err != nil {
		t.Fatal(err)
	}
	p := ReadPrevious(dir)
	if len(p.Bad) != 0 || p.Len() != len(whole.Outputs) || !reflect.DeepEqual(p.Pack, whole.Pack) {
		t.Fatalf("bad %v, %d entries of %d, pack %+v", p.Bad, p.Len(), len(whole.Outputs), p.Pack)
	}
	for _, want := range whole.Outputs {
		if got := p.Entries(want.File); len(got) != 1 || !reflect.DeepEqual(got[0], want) {
			t.Fatalf("%s: read back %+v, want %+v", want.File, got, want)
		}
	}
	p.Close()
	if got := p.Entries(whole.Outputs[0].File); got != nil {
		t.Errorf("after Close: %v", got)
	}

	for name, bad := range map[string][]byte{
		"more after the object":      append(slices.Clone(data), "{}"...),
		"cut short":                  data[:len(data)/2],
		"an entry of the wrong type": bytes.Replace(data, []byte(`"bytes": 7,`), []byte(`"bytes": "7",`), 1),
		"another version":            bytes.Replace(data, []byte(`"manifest_version": 1`), []byte(`"manifest_version": 99`), 1),
		"an array":                   []byte("[]"),
	} {
		if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		p := ReadPrevious(dir)
		if len(p.Bad) != 1 || p.Len() != 0 || p.Pack != nil {
			t.Errorf("%s: bad %v, %d entries, pack %v; want it refused", name, p.Bad, p.Len(), p.Pack)
		}
		p.Close()
	}
}

// TestEncodeIsStable: the same manifest gives the same bytes, with no
// HTML escaping of file names, so an unchanged build rewrites nothing.
func TestEncodeIsStable(t *testing.T) {
	m := &Manifest{Version: Version, Program: "awarekit test", Outputs: []Entry{{File: "youth<&>.pdf", Inputs: &Inputs{Audience: "youth"}}}}
	a, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Encode(m)
	if !bytes.Equal(a, b) || !bytes.Contains(a, []byte(`"youth<&>.pdf"`)) || !bytes.HasSuffix(a, []byte("}\n")) {
		t.Errorf("encoding:\n%s", a)
	}
	in := Inputs{Audience: "youth", Fonts: []FontFile{{Name: "DejaVu Sans"}}}
	if in.Key() != (Inputs{Audience: "youth"}).Key() {
		t.Error("the inputs key depends on the fonts, which are checked on their own")
	}
}

// TestFontConfig records the fonts: setting relative to the plan's
// folder, in script order, so building from elsewhere changes nothing.
func TestFontConfig(t *testing.T) {
	dir := t.TempDir()
	got := FontConfig(map[string][]string{
		"Guru": {filepath.Join(dir, "fonts", "Gurmukhi.ttf")},
		"Ethi": {filepath.Join(dir, "E.ttf"), filepath.Join(dir, "E-Bold.ttf")},
	}, dir)
	if want := "Ethi=E.ttf,E-Bold.ttf;Guru=fonts/Gurmukhi.ttf"; got != want {
		t.Errorf("FontConfig = %q, want %q", got, want)
	}
	if FontConfig(nil, dir) != "" {
		t.Error("no fonts setting should record nothing")
	}
}

// TestStream: a manifest streamed entry by entry is the same bytes as
// one encoded whole, with no entries, one, and several.
func TestStream(t *testing.T) {
	for _, n := range []int{0, 1, 3} {
		m := &Manifest{Version: Version, Program: "awarekit <test>", Content: "1", Plan: "plan.yaml", Outputs: []Entry{},
			Pack: &Entry{File: "pack.pdf", SHA256: "ab", Bytes: 3}, Sets: []Set{{Folder: "a", Organisation: "A & B"}}}
		for i := range n {
			m.Outputs = append(m.Outputs, Entry{File: fmt.Sprintf("f-%d.pdf", i), Inputs: &Inputs{Audience: "youth", Fonts: []FontFile{{Name: "x"}}}, SHA256: "00", Pages: 1})
		}
		want, err := Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := Stream(&got, m, func(yield func(*Entry) bool) {
			for i := range m.Outputs {
				if !yield(&m.Outputs[i]) {
					return
				}
			}
		}); err != nil {
			t.Fatal(err)
		}
		if got.String() != string(want) {
			t.Errorf("%d entries: streamed\n%s\nwant\n%s", n, got.String(), want)
		}
	}
}

// TestPreviousPackNamedOutside: an earlier manifest whose print pack or
// index page (the plan's, or a partner's) is recorded under a name
// outside its place is refused whole, as one whose output is: the entry
// of a pack kept was carried into the next manifest with that name.
func TestPreviousPackNamedOutside(t *testing.T) {
	for _, c := range []struct{ name, head, stray string }{
		{"pack", `"pack":{"file":"../../etc/passwd"}`, "../../etc/passwd"},
		{"index", `"index":{"file":"/etc/passwd"}`, "/etc/passwd"},
		{"a partner's pack", `"sets":[{"folder":"east","pack":{"file":"east/../../p.pdf"}}]`, "east/../../p.pdf"},
		{"a partner's index", `"sets":[{"folder":"east","index":{"file":"east\\index.html"}}]`, `east\index.html`},
		{"an earlier build's file", `"earlier":[{"file":"../../etc/passwd","plan":"plan.yaml","sha256":"1"}]`, "../../etc/passwd"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			data := `{"manifest_version":` + fmt.Sprint(Version) + `,` + c.head + `,"outputs":[{"file":"a.pdf","sha256":"1"}]}`
			if err := os.WriteFile(filepath.Join(dir, FileName), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			p := ReadPrevious(dir)
			defer p.Close()
			mf := filepath.Join(dir, FileName)
			want := fmt.Sprintf("%s lists %q, which is not a file in its folder; a build reads only the files it wrote in its output folder, and this manifest was not written by one: delete %s", mf, c.stray, mf)
			if p.Refused == nil || !strings.HasPrefix(p.Refused.Error(), want) {
				t.Errorf("refused: %v\nwant %s…", p.Refused, want)
			}
		})
	}
}

// TestPreviousEarlier: the files an earlier build made and a later one
// left are read back with the plan that made them, and are none of the
// outputs: Entries and Others never give them, so no build takes one
// for its own.
func TestPreviousEarlier(t *testing.T) {
	dir := t.TempDir()
	m := &Manifest{Version: Version, Plan: "second.yaml",
		Outputs: []Entry{{File: "youth.pdf", SHA256: "1"}},
		Earlier: []Earlier{
			{File: "health.pdf", Plan: "first.yaml", SHA256: "2", Bytes: 2, Left: "file differs from the manifest"},
			{File: "kept.png", Plan: "second.yaml", SHA256: "3", Also: []Part{{File: "kept-2.png", SHA256: "4"}}, Keep: true},
		}}
	if err := Write(filepath.Join(dir, FileName), m); err != nil {
		t.Fatal(err)
	}
	p := ReadPrevious(dir)
	defer p.Close()
	if p.Refused != nil || len(p.Bad) > 0 {
		t.Fatal(p.Refused, p.Bad)
	}
	if p.Plan != "second.yaml" || !reflect.DeepEqual(p.Earlier, m.Earlier) {
		t.Errorf("read plan %q, earlier %+v; wrote %+v", p.Plan, p.Earlier, m.Earlier)
	}
	for _, name := range []string{"health.pdf", "kept.png"} {
		if e := p.Entries(name); len(e) > 0 {
			t.Errorf("Entries(%s) = %+v, an output", name, e)
		}
	}
	others := p.Others(slices.Values([]string{"other.pdf"}))
	if len(others) != 1 || others[0].File != "youth.pdf" || others[0].Plan != "second.yaml" {
		t.Errorf("Others = %+v, want youth.pdf of second.yaml alone", others)
	}
}

// TestForeignManifestRefused: a manifest.json no build wrote (a web
// app's, in a folder given as --out) was read as unreadable, a warning,
// and written over with index.html beside it. A JSON object without
// manifest_version is refused whole; one of another version, or not
// JSON, is still an earlier build's to make again.
func TestForeignManifestRefused(t *testing.T) {
	for _, c := range []struct {
		name, data string
		refused    bool
		why        string
	}{
		{"a web app's manifest", `{"name":"Riverside","short_name":"Riverside","icons":[{"src":"icon.png","sizes":"192x192"}],"start_url":"/"}`, true, "it has no manifest_version"},
		{"an empty object", `{}`, true, "it has no manifest_version"},
		{"outputs without a version", `{"outputs":[{"file":"a.pdf","sha256":"1"}]}`, true, "it has no manifest_version"},
		// A browser extension's, alone in the folder, was written over
		// with a warning that it could not be read (review17 M4).
		{"a browser extension's manifest", `{"manifest_version": 3, "name": "My extension", "version": "1.0"}`, true, "it has no outputs, which every build's lists; a browser extension's, perhaps"},
		{"an old browser extension's manifest", `{"manifest_version": 1, "name": "Old"}`, true, "it has no outputs"},
		{"another version", `{"manifest_version":2,"outputs":[]}`, false, ""},
		{"another version with no outputs", `{"manifest_version":2,"outputs":null}`, false, ""},
		{"not JSON", `{not json`, false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			mf := filepath.Join(dir, FileName)
			if err := os.WriteFile(mf, []byte(c.data), 0o644); err != nil {
				t.Fatal(err)
			}
			p := ReadPrevious(dir)
			defer p.Close()
			want := mf + " is not a manifest awarekit wrote (" + c.why
			switch {
			case c.refused && (p.Refused == nil || !strings.HasPrefix(p.Refused.Error(), want) || !strings.Contains(p.Refused.Error(), "delete "+mf)):
				t.Errorf("refused: %v\nwant %s…", p.Refused, want)
			case !c.refused && (p.Refused != nil || len(p.Bad) != 1):
				t.Errorf("refused %v, bad %v; want it made again (bad)", p.Refused, p.Bad)
			}
		})
	}
}

// TestRelativeFontSourceChanged: an earlier manifest's font recorded by
// a relative path (as the settings named it, before such paths were made
// whole) was skipped as a built-in font, so a replaced file was never
// seen. It now counts as changed, never read; "embedded" does not.
func TestRelativeFontSourceChanged(t *testing.T) {
	h := NewFonts()
	if got := h.Changed([]FontFile{{Name: "Noto Sans Gurmukhi", Source: "f/NotoSansGurmukhi-Regular.ttf", SHA256: "00"}}); got != "Noto Sans Gurmukhi (f/NotoSansGurmukhi-Regular.ttf)" {
		t.Errorf("relative source: %q, want it named as changed", got)
	}
	if got := h.Changed([]FontFile{{Name: "DejaVu Sans", Source: "embedded", SHA256: "00"}}); got != "" {
		t.Errorf("embedded: %q, want unchanged", got)
	}
}

// TestForeignPageRefused: an index.html in an output folder with no
// build's manifest (a website's folder given as --out) was written over
// without a word. One that says it was made by awarekit, now or before
// the page named its generator, is a build's whose manifest is gone.
func TestForeignPageRefused(t *testing.T) {
	for _, c := range []struct {
		name, page, manifest string
		refused              bool
	}{
		{"a website's page", "<!doctype html><title>Riverside</title><p>Our programs</p>", "", true},
		{"an empty page", "", "", true},
		{"a build's page", "<!doctype html><head><meta name=\"generator\" content=\"awarekit\">", "", false},
		{"an older build's page", "<p>Made with awarekit 0.1.0-dev from content version 2026.11.3.</p>", "", false},
		{"beside a damaged manifest", "<p>our site</p>", "x", true},
		{"beside a manifest of another version", "<p>our site</p>", `{"manifest_version":2,"outputs":[]}`, true},
		{"a build's page beside its damaged manifest", "<p>Made with awarekit 0.1.0</p>", "{", false},
		{"beside a build's manifest", "<p>our site</p>", `{"manifest_version":` + strconv.Itoa(Version) + `,"outputs":[]}`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			page := filepath.Join(dir, IndexFile)
			if err := os.WriteFile(page, []byte(c.page), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.manifest != "" {
				if err := os.WriteFile(filepath.Join(dir, FileName), []byte(c.manifest), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			p := ReadPrevious(dir)
			defer p.Close()
			want := page + " is not a page awarekit wrote"
			switch {
			case c.refused && (p.Refused == nil || !strings.HasPrefix(p.Refused.Error(), want) || !strings.Contains(p.Refused.Error(), "--out")):
				t.Errorf("refused: %v\nwant %s…", p.Refused, want)
			case !c.refused && p.Refused != nil:
				t.Errorf("refused: %v; want it taken as a build's", p.Refused)
			}
		})
	}
}

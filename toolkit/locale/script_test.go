package locale_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// hebrew is enough Hebrew text for a script to be recognised.
const hebrew = `[youth]
headline = "הכירו את הסימנים. אפשר לקבל עזרה."
intro = "סחר בבני אדם הוא כאשר מישהו משתמש בפחד או בשליטה."
`

// TestScriptFromCLDR: a language's script and direction come from CLDR,
// or from _meta.script where the file is written otherwise; a script
// awarekit cannot lay out, or a file whose text disagrees with its
// script, is refused with the fix.
func TestScriptFromCLDR(t *testing.T) {
	cat, err := locale.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"en": "Latn", "fr": "Latn", "ar": "Arab", "fa": "Arab", "ur": "Arab", "pa": "Guru", "zh-Hans": "Hans", "uk": "Cyrl", "ti": "Ethi", "iu": "Cans", "crk": "Cans", "oj": "Latn", "vi": "Latn", "tl": "Latn", "es": "Latn"}
	for tag, code := range want {
		l := cat.Locale(tag)
		if l == nil {
			t.Fatalf("no %s", tag)
		}
		if l.Script.Code != code || l.Script.RTL != (code == "Arab") {
			t.Errorf("%s: script %+v, want %s", tag, l.Script, code)
		}
	}

	tests := []struct {
		name, file, data, want string
		rtl                    bool
	}{
		{"Hebrew from CLDR, right to left", "he.toml", hebrew, "", true},
		{"Ojibwe without _meta.script", "oj.toml", "[youth]\nheadline = \"Gikendan ezhinaagwak. Gidaa-wiidookaagoo noongom.\"\n", "CLDR knows no script", false},
		{"Ojibwe with _meta.script", "oj.toml", "[_meta]\nscript = \"Latn\"\n[youth]\nheadline = \"Gikendan ezhinaagwak. Gidaa-wiidookaagoo noongom.\"\n", "", false},
		{"Thai cannot be laid out", "th.toml", "[youth]\nheadline = \"รู้จักสัญญาณเตือน คุณขอความช่วยเหลือได้\"\n", "cannot lay out", false},
		{"script that disagrees with the text", "sr.toml", "[youth]\nheadline = \"Upoznajte znakove upozorenja. Možete dobiti pomoć odmah.\"\n", `add script = "Latn" to _meta`, false},
		{"override that disagrees with the text", "he.toml", "[_meta]\nscript = \"Latn\"\n" + hebrew, "correct _meta.script", false},
		{"unknown _meta key", "he.toml", "[_meta]\nscirpt = \"Hebr\"\n" + hebrew, `he.toml:2: _meta has no key "scirpt" (did you mean script?)`, false},
		{"unknown status", "he.toml", "[_meta]\nstatus = \"reveiwed\"\n" + hebrew, "use one of: source, draft, reviewed, must-rewrite", false},
		{"und is no language", "und.toml", hebrew, "is not a language tag", false},
		{"one message in another script", "fr.toml", "[youth]\nheadline = \"Connaissez les signes. Vous pouvez obtenir de l'aide maintenant.\"\nsubhead = \"Привет мир\"\n", "fr.toml:3: message youth.subhead is written in Cyrillic, not in Latin like the rest of fr", false},
		{"Latin in a right-to-left file is a name or an address", "he.toml", hebrew + "[ui]\nsite = \"Kids Help Phone\"\n", "", true},
		{"bad source hash", "he.toml", hebrew + "[_source]\n\"youth.headline\" = \"nothex\"\n", "12 hexadecimal digits", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := locale.Load(fstest.MapFS{"en.toml": {Data: []byte("[youth]\nheadline = \"Know the signs.\"\n")}})
			if err != nil {
				t.Fatal(err)
			}
			err = c.Override(fstest.MapFS{tt.file: {Data: []byte(tt.data)}})
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("error = %v; want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			l := c.Locale(strings.TrimSuffix(tt.file, ".toml"))
			if l.Script.RTL != tt.rtl {
				t.Errorf("script %+v, want right to left: %v", l.Script, tt.rtl)
			}
		})
	}
}

// FuzzOverride: a content folder's message file, whatever it holds or is
// called (a language tag, a script, a [_source] table), never makes the
// loader panic; a file it accepts renders every message without
// panicking. FuzzLocale covers one file's parsing; this covers the name,
// the script check and the merge.
func FuzzOverride(f *testing.F) {
	f.Add("fr.toml", []byte("[_meta]\nlanguage = \"fr\"\nstatus = \"draft\"\n[ui]\ndraft = \"Brouillon\"\n"))
	f.Add("he.toml", []byte(hebrew))
	f.Add("crk-Cans-CA.toml", []byte("[ui]\ndraft = \"ᐊᔨᓯᔨᓃᐏᐊᑖᐍᐏᐣ ᐆᒪ ᐊᐏᔭᐠ ᐁᓭᑭᐦᐋᐟ ᐊᐦᐴ ᐁᑎᐯᔨᒫᐟ\"\n"))
	f.Add("x.toml", []byte("[_source]\n\"a.b\" = \"0123456789ab\"\n[a]\nb = \"{{.X}} {{if}}\"\n"))
	f.Add("en.toml", []byte("a = { other = \"x\" }\n[_meta]\nomit = [1]\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		c, err := locale.Load(fstest.MapFS{"en.toml": {Data: []byte("[ui]\ndraft = \"Draft\"\n")}})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(name, ".toml") || strings.ContainsAny(name, "/\\*?[") || name == ".toml" {
			name = "xx.toml"
		}
		if err := c.Override(fstest.MapFS{name: {Data: data}}); err != nil {
			return
		}
		for _, tag := range c.Tags() {
			l := c.Locale(tag)
			for id := range l.Messages {
				_, _ = l.Text(id, map[string]any{"X": "1"})
			}
			_ = c.Current(l, "ui.draft")
		}
	})
}

// TestBuiltInMessagesInTheirScript: every built-in message is in its
// language's script or Latin, as a user's file must be; and a user's
// French file cannot slip one Cyrillic message into the French pages.
func TestBuiltInMessagesInTheirScript(t *testing.T) {
	cat, err := locale.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.LoadAll(); err != nil {
		t.Fatal(err)
	}
	for _, tag := range cat.Tags() {
		l := cat.Locale(tag)
		over := fstest.MapFS{}
		var b strings.Builder
		for _, id := range slices.Sorted(maps.Keys(l.Messages)) {
			fmt.Fprintf(&b, "%q = %q\n", id, l.Messages[id])
		}
		over[tag+".toml"] = &fstest.MapFile{Data: []byte(b.String())}
		c, err := locale.Load(locales.FS)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Override(over); err != nil && !strings.Contains(err.Error(), "must be rewritten") {
			t.Errorf("%s's own messages as a user's file: %v", tag, err)
		}
	}
	c, err := locale.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	err = c.Override(fstest.MapFS{"fr.toml": {Data: []byte("\"youth.headline\" = \"Привет мир\"\n")}})
	if err == nil || !strings.Contains(err.Error(), "fr.toml:1: message youth.headline is written in Cyrillic, not in Latin like the rest of fr") {
		t.Errorf("a Cyrillic message in a French file: %v", err)
	}
}

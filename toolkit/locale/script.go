package locale

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/language"
)

// Script is how a language is written.
type Script struct {
	Code string // ISO 15924, e.g. "Latn", "Arab", "Guru", "Cans"
	Name string // in English
	RTL  bool
}

// writable are the scripts awarekit can lay out: a font for them is
// embedded or found on the machine (see typeset), the line breaker knows
// where their lines may break, and bidi knows their direction. These are
// facts about scripts, not languages: which script a language is written
// in comes from CLDR or the file's _meta.script. unicode names the
// Go unicode table used to recognise the script in text.
var writable = map[string]struct {
	Script
	unicode string
}{
	"Latn": {Script{"Latn", "Latin", false}, "Latin"},
	"Grek": {Script{"Grek", "Greek", false}, "Greek"},
	"Cyrl": {Script{"Cyrl", "Cyrillic", false}, "Cyrillic"},
	"Arab": {Script{"Arab", "Arabic", true}, "Arabic"},
	"Hebr": {Script{"Hebr", "Hebrew", true}, "Hebrew"},
	"Guru": {Script{"Guru", "Gurmukhi", false}, "Gurmukhi"},
	"Deva": {Script{"Deva", "Devanagari", false}, "Devanagari"},
	"Ethi": {Script{"Ethi", "Ethiopic", false}, "Ethiopic"},
	"Hans": {Script{"Hans", "Han (Simplified)", false}, "Han"},
	"Hant": {Script{"Hant", "Han (Traditional)", false}, "Han"},
	"Cans": {Script{"Cans", "Canadian Aboriginal Syllabics", false}, "Canadian_Aboriginal"},
}

// WritableScripts lists the ISO 15924 codes of the scripts awarekit can
// lay out, sorted.
func WritableScripts() []string {
	codes := make([]string, 0, len(writable))
	for c := range writable {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// ScriptOf returns the script CLDR gives as the likely one for a
// language tag, and false when CLDR does not know one or awarekit cannot
// lay it out. A locale's own script, which its file may set, is
// Locale.Script.
func ScriptOf(tag string) (Script, bool) {
	t, err := language.Parse(tag)
	if err != nil {
		return Script{}, false
	}
	sc, conf := t.Script()
	if conf == language.No {
		return Script{}, false
	}
	w, ok := writable[sc.String()]
	return w.Script, ok
}

// resolveScript decides the script of a locale: _meta.script when the
// file sets it, else CLDR's likely script for the tag. It refuses a
// script awarekit cannot lay out, and a file whose text is mostly in
// another script than the one decided (Ojibwe written in Latin letters,
// where CLDR knows no script, or a Serbian file in Latin where CLDR says
// Cyrillic), so that a language is never laid out in the wrong direction
// or with the wrong fonts without a word.
func resolveScript(file, tag, override string, messages map[string]string) (Script, error) {
	code := override
	if code == "" {
		t, err := language.Parse(tag)
		if err != nil {
			return Script{}, fmt.Errorf("%s: %q is not a language tag", file, tag)
		}
		sc, conf := t.Script()
		if conf == language.No || sc.String() == "Zzzz" {
			return Script{}, fmt.Errorf("%s: CLDR knows no script for %q; say which one the file uses with _meta.script, one of: %s", file, tag, strings.Join(WritableScripts(), ", "))
		}
		code = sc.String()
	}
	w, ok := writable[code]
	if !ok {
		what := "_meta.script"
		if override == "" {
			what = "CLDR's script for " + tag
		}
		return Script{}, fmt.Errorf("%s: %s is %q, which awarekit cannot lay out; scripts it can lay out: %s", file, what, code, strings.Join(WritableScripts(), ", "))
	}
	seen, ok := dominantScript(messages)
	if ok && seen == otherScript {
		return Script{}, fmt.Errorf("%s: most of the messages are written in a script awarekit cannot lay out; scripts it can lay out: %s", file, strings.Join(WritableScripts(), ", "))
	}
	if ok && writable[seen].unicode != w.unicode {
		if override != "" {
			return Script{}, fmt.Errorf("%s: _meta.script is %q (%s) but the messages are written in %s; correct _meta.script", file, code, w.Name, writable[seen].Name)
		}
		return Script{}, fmt.Errorf("%s: the messages are written in %s, not in %s as CLDR expects for %q; add script = %q to _meta", file, writable[seen].Name, w.Name, tag, seen)
	}
	return w.Script, nil
}

// otherScript stands for letters of scripts awarekit cannot lay out.
const otherScript = "other"

// dominantScript is the script most letters of messages are written in
// (a writable script's code, or otherScript), ignoring placeholders;
// false when there are too few letters to tell or no script has most.
func dominantScript(messages map[string]string) (string, bool) {
	// counts[i] is for scriptTables[i]; the last is otherScript.
	counts := make([]int, len(scriptTables)+1)
	total := 0
	var blocks letterBlocks
	for _, text := range messages {
		total += blocks.count(text, counts)
	}
	if total < 20 {
		return "", false
	}
	best := -1
	for i, n := range counts {
		if n > 0 && (best < 0 || n > counts[best]) {
			best = i
		}
	}
	if best < 0 || counts[best]*2 <= total {
		return "", false
	}
	// Han letters count once, under Hans (the first Han code sorted).
	if best == len(scriptTables) {
		return otherScript, true
	}
	return scriptTables[best].code, true
}

// letterBlocks answers, for the runes of one locale's messages, which
// script each letter is in: every letter was looked up in the Unicode
// letter table and then in each script's table, a fifth of the work of
// loading the messages; now each code point a file uses is looked up
// once.
type letterBlocks struct {
	last  rune
	block *[256]int8
	// blocks hold, per 256 code points, each one's script index plus 2
	// (1: not a letter; 0: not looked up yet).
	blocks map[rune]*[256]int8
}

// count adds text's letters, placeholders left out, to counts (indexed
// as script answers) and returns how many it added.
func (lb *letterBlocks) count(text string, counts []int) int {
	if strings.Contains(text, "{{") {
		text = placeholder.ReplaceAllString(text, "")
	}
	n := 0
	for _, r := range text {
		if i := lb.script(r); i >= 0 {
			n++
			counts[i]++
		}
	}
	return n
}

// script is the index in scriptTables of letter r's script,
// len(scriptTables) for otherScript, or -1 when r is not a letter.
func (lb *letterBlocks) script(r rune) int {
	if r < 0x80 {
		if 'a' <= r|0x20 && r|0x20 <= 'z' {
			return latin
		}
		return -1
	}
	if hi := r >> 8; lb.block == nil || hi != lb.last {
		b, ok := lb.blocks[hi]
		if !ok {
			b = new([256]int8)
			if lb.blocks == nil {
				lb.blocks = map[rune]*[256]int8{}
			}
			lb.blocks[hi] = b
		}
		lb.last, lb.block = hi, b
	}
	v := &lb.block[r&0xff]
	if *v == 0 {
		*v = 1
		if unicode.IsLetter(r) {
			*v = int8(scriptIndex(r) + 2)
		}
	}
	return int(*v) - 2
}

// latin is Latn's index in scriptTables.
var latin = slices.IndexFunc(scriptTables, func(st scriptTable) bool { return st.code == "Latn" })

// scriptTables are the writable scripts' Unicode tables, in code order,
// so that Han letters count under Hans.
var scriptTables = func() []scriptTable {
	var out []scriptTable
	for _, code := range WritableScripts() {
		out = append(out, scriptTable{code, unicode.Scripts[writable[code].unicode]})
	}
	return out
}()

type scriptTable struct {
	code  string
	table *unicode.RangeTable
}

// scriptIndex is the index in scriptTables of the script of letter r,
// or len(scriptTables) for otherScript.
func scriptIndex(r rune) int {
	for i, st := range scriptTables {
		if unicode.Is(st.table, r) {
			return i
		}
	}
	return len(scriptTables)
}

// Has reports whether r is a letter of the script (a Han character for
// Hans and Hant).
func (s Script) Has(r rune) bool {
	w, ok := writable[s.Code]
	if !ok {
		return false
	}
	return unicode.Is(unicode.Scripts[w.unicode], r)
}

// strayScript reports the name of the script a message is mostly written
// in when that is neither the locale's own script (code) nor Latin,
// which any language's text may hold (a name, a web address): a French
// message written in Cyrillic, say, which the file's script, measured
// over all its messages, does not show. Placeholders are left out; a
// message of fewer than 3 letters tells nothing.
func strayScript(code, text string) (string, bool) {
	counts := make([]int, len(scriptTables)+1)
	var blocks letterBlocks
	total := blocks.count(text, counts)
	if total < 3 {
		return "", false
	}
	for i, n := range counts {
		if n*2 <= total {
			continue
		}
		if i == len(scriptTables) {
			return "a script awarekit cannot lay out", true
		}
		sc := scriptTables[i]
		if sc.code == "Latn" || writable[sc.code].unicode == writable[code].unicode {
			return "", false
		}
		return writable[sc.code].Name, true
	}
	return "", false
}

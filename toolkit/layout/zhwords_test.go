package layout_test

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/locale"
)

// zhWordsFile is every run of Chinese characters in the zh-Hans
// messages split into words by a dictionary segmenter (gse), made by
// testdata/zhwords (see there why the segmenter is not a dependency of
// the tests) and read by a person before it was committed.
const zhWordsFile = "testdata/zh-Hans-words.txt"

const zhWordsRemake = "cd toolkit/layout/testdata/zhwords && go run ."

// zhWords maps each run of Chinese characters to the byte offsets
// inside it where one word ends and the next begins.
var zhWords = sync.OnceValues(func() (map[string]map[int]bool, error) {
	f, err := os.Open(zhWordsFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	runs := map[string]map[int]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		bounds := map[int]bool{}
		at := 0
		for _, w := range strings.Fields(line) {
			at += len(w)
			bounds[at] = true
		}
		runs[strings.Join(strings.Fields(line), "")] = bounds
	}
	return runs, sc.Err()
})

var hanRun = regexp.MustCompile(`\p{Han}+`)

// isHan reports a Chinese character.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// chineseWordBreaks checks the rule ChineseWordWhole on one paragraph
// (its lines' logical text): a line that ends with a Chinese character
// before one that starts with another ends where a word ends, as the
// segmenter split that run of characters, not only where the keep list
// says (加拿大, 人口贩运: KeptWordsWhole).
func chineseWordBreaks(page int, para []string) []string {
	runs, err := zhWords()
	if err != nil {
		return []string{fmt.Sprintf("ChineseWordWhole: %v", err)}
	}
	var out []string
	all := strings.Join(para, "")
	at := 0
	for i := 0; i+1 < len(para); i++ {
		at += len(para[i])
		last, _ := utf8.DecodeLastRuneInString(all[:at])
		first, _ := utf8.DecodeRuneInString(all[at:])
		if !isHan(last) || !isHan(first) {
			continue
		}
		start := strings.LastIndexFunc(all[:at], func(r rune) bool { return !isHan(r) }) + 1
		if start > 0 {
			_, n := utf8.DecodeRuneInString(all[start-1:])
			start += n - 1
		}
		end := at + strings.IndexFunc(all[at:], func(r rune) bool { return !isHan(r) })
		if end < at {
			end = len(all)
		}
		run := all[start:end]
		bounds, ok := runs[run]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("ChineseWordWhole: page %d: %q is not in %s: the Chinese text changed; run %s and read the words it adds", page, run, zhWordsFile, zhWordsRemake))
		case !bounds[at-start]:
			out = append(out, fmt.Sprintf("ChineseWordWhole: page %d: a word split: %q / %q (the words: %s)", page, all[start:at], all[at:end], wordsOf(run, bounds)))
		}
	}
	return out
}

// lineStartPunct are marks that close or end what comes before them:
// a line never starts with one (。，、 in Chinese, ። ፣ in Tigrinya,
// ، ؟ ۔ in Arabic script, the Latin ones). lineEndPunct open what
// follows: a line never ends with one.
const (
	lineStartPunct = "。，、；：？！）」』》〉】〕”’.,;:!?)]}%" + "፡።፣፤፥፦፧፨" + "،؛؟۔٪"
	lineEndPunct   = "（「『《〈【〔“‘([{"
)

// punctuationBreaks checks the rules NoPunctuationStartsLine,
// NoOpeningEndsLine and NoOneLetterWordEndsLine on one paragraph (its
// lines' logical text).
func punctuationBreaks(page int, para []string) []string {
	var out []string
	for i := 1; i < len(para); i++ {
		before := strings.TrimRightFunc(para[i-1], unicode.IsSpace)
		after := strings.TrimLeftFunc(para[i], unicode.IsSpace)
		first, _ := utf8.DecodeRuneInString(after)
		last, _ := utf8.DecodeLastRuneInString(before)
		// An apostrophe before a letter starts a word whose first
		// letters it stands for (Punjabi ’ਤੇ for ਉੱਤੇ).
		_, n := utf8.DecodeRuneInString(after)
		next, _ := utf8.DecodeRuneInString(after[n:])
		elision := first == '’' && (unicode.IsLetter(next) || unicode.IsMark(next))
		if strings.ContainsRune(lineStartPunct, first) && !elision {
			out = append(out, fmt.Sprintf("NoPunctuationStartsLine: page %d: %q starts a line: %q / %q", page, first, para[i-1], para[i]))
		}
		// NoOneLetterWordEndsLine: Cyrillic typesetting keeps a
		// preposition or conjunction of one letter (в, у, з, і) with
		// the word after it.
		if f := strings.Fields(before); len(f) > 1 {
			w := []rune(f[len(f)-1])
			if len(w) == 1 && unicode.In(w[0], unicode.Cyrillic) {
				out = append(out, fmt.Sprintf("NoOneLetterWordEndsLine: page %d: %q ends a line: %q / %q", page, string(w), para[i-1], para[i]))
			}
		}
		if strings.ContainsRune(lineEndPunct, last) && before != "" {
			out = append(out, fmt.Sprintf("NoOpeningEndsLine: page %d: %q ends a line: %q / %q", page, last, para[i-1], para[i]))
		}
	}
	return out
}

// wordsOf is run with a space between its words.
func wordsOf(run string, bounds map[int]bool) string {
	var b strings.Builder
	for i, r := range run {
		if i > 0 && bounds[i] {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestChineseWordsCurrent checks that the segmented words cover every
// run of Chinese characters in the zh-Hans messages (a changed
// translation is segmented again before its lines are checked), and
// that the keep list, which the typesetter breaks lines by, holds each
// of their words.
func TestChineseWordsCurrent(t *testing.T) {
	runs, err := zhWords()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../locales/zh-Hans.toml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := locale.ParseFile("zh-Hans.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	keep := map[string]bool{}
	for _, w := range l.Meta.Keep {
		keep[w] = true
	}
	var lacking []string
	for run, bounds := range runs {
		for _, w := range strings.Fields(wordsOf(run, bounds)) {
			if utf8.RuneCountInString(w) > 1 && !keep[w] && !slices.Contains(lacking, w) {
				lacking = append(lacking, w)
			}
		}
	}
	if len(lacking) > 0 {
		slices.Sort(lacking)
		t.Errorf("locales/zh-Hans.toml: _meta.keep lacks %d words of the text, so a line may break inside them: %s; add them (%s prints them)", len(lacking), strings.Join(lacking, " "), zhWordsRemake)
	}
	for id, m := range l.Messages {
		for _, r := range hanRun.FindAllString(m, -1) {
			if _, ok := runs[r]; !ok && utf8.RuneCountInString(r) > 1 {
				t.Errorf("%s: %q is not in %s; run %s and read the words it adds", id, r, zhWordsFile, zhWordsRemake)
			}
		}
	}
}

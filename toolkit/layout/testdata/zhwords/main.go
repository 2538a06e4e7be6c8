// Command zhwords segments every run of Chinese characters in
// locales/zh-Hans.toml's messages into words with a dictionary
// segmenter, github.com/go-ego/gse (Apache-2.0, pure Go), and writes
// them to ../zh-Hans-words.txt, one run a line, its words separated by
// spaces: the reviewed test data TestChineseBreaksAtWords checks every
// line break of the Chinese pages against.
//
// It is a module of its own so that awarekit neither links nor
// downloads the segmenter (44 MB with its dictionaries, 4 s of CPU to
// load them): run it after a change to the Chinese text, read the
// words it changed (git diff), and commit them:
//
//	cd toolkit/layout/testdata/zhwords && go run .
//
// The segmenter runs on its dictionary (zh_s) alone, without its
// hidden Markov model for words it does not know: the model joins
// characters into words that are not ("或性", "岁者"), where a
// dictionary word is a word. Its output was read, and what it got
// wrong in this text is corrected below (added and removed), each
// with the sentence that showed it; the file's keep list is not used,
// so that the check stays independent of the list it checks.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/go-ego/gse"
)

func main() {
	if err := run("../../../../locales/zh-Hans.toml", "../zh-Hans-words.txt"); err != nil {
		fmt.Fprintln(os.Stderr, "zhwords:", err)
		os.Exit(1)
	}
}

// added are words the dictionary lacks, which it split where no reader
// would break a line.
var added = []string{
	"因纽特人", "因纽特语", // 因纽 特人, 因 纽 特 语
	"梅蒂人",               // 梅 蒂 人
	"奥吉布瓦语",             // 奥 吉 布瓦 语
	"克里语",               // 克里 语: Cree
	"曼尼托巴省",             // 曼尼 托巴省
	"卑诗省",               // 卑 诗 省: British Columbia
	"提交",                // 报告须提 交给公共安全部长
	"工人",                // 老板扣着工 人们的护照
	"扫码",                // 扫 码了解更多
	"拉黑",                // 把对方拉 黑
	"陪同者",               // 避开任何陪同 者
	"性传播疾病",             // 反复感染性 传播 疾病: sexually transmitted infections
	"性服务", "性工作", "性照片", // 也可以是性 / 服务: terms, like 性剥削 on the keep list
}

// removed are words of the dictionary that this text does not use: the
// characters belong to the words beside them.
var removed = []string{
	"而以", // 明知而 以绑架
	"指用", // 剥削是指 用会让人担心……的行为
	"或为", // 或 为防止即将发生的严重伤害
	"要用", // 这些礼物要 用干活来还
	"他用", // 他 用自己的语言说话
	"有伤", // 身上有 伤
}

// han is a run of Chinese characters: a line of Chinese text breaks
// between two of them, and nowhere else needs a dictionary.
var han = regexp.MustCompile(`\p{Han}+`)

func run(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	l, err := locale.ParseFile(filepath.Base(in), data)
	if err != nil {
		return err
	}
	var seg gse.Segmenter
	seg.SkipLog = true
	if err := seg.LoadDict("zh_s"); err != nil {
		return err
	}
	for _, w := range added {
		// As frequent as the dictionary's commonest words, so that a
		// name wins over the pieces the dictionary knows.
		// (a word the dictionary has, at its own frequency, is
		// removed first: AddToken keeps the one it has).
		_ = seg.RemoveToken(w)
		if err := seg.AddToken(w, 100000); err != nil {
			return err
		}
	}
	for _, w := range removed {
		if err := seg.RemoveToken(w); err != nil {
			return err
		}
	}
	seg.CalcToken()
	seen := map[string]bool{}
	for _, w := range l.Meta.Keep {
		seen[w] = true // a name is segmented as the text uses it, too
	}
	for _, m := range l.Messages {
		for _, r := range han.FindAllString(m, -1) {
			seen[r] = true
		}
	}
	var lines, missing []string
	for r := range seen {
		if utf8.RuneCountInString(r) > 1 {
			words := seg.Cut(r, false)
			lines = append(lines, strings.Join(words, " "))
			for _, w := range words {
				if utf8.RuneCountInString(w) > 1 && !slices.Contains(l.Meta.Keep, w) && !slices.Contains(missing, w) {
					missing = append(missing, w)
				}
			}
		}
	}
	slices.Sort(lines)
	slices.Sort(missing)
	// The words the keep list lacks, as lines to add to it: awarekit
	// breaks a Chinese line only where the keep list allows.
	for i := 0; i < len(missing); i += 12 {
		fmt.Printf("  \"%s\",\n", strings.Join(missing[i:min(i+12, len(missing))], `", "`))
	}
	var b strings.Builder
	b.WriteString("# Every run of Chinese characters in locales/zh-Hans.toml, split into words by\n" +
		"# github.com/go-ego/gse (dictionary zh_s, no HMM, the file's keep list added).\n" +
		"# Made by: cd toolkit/layout/testdata/zhwords && go run .  (read the diff before committing)\n")
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

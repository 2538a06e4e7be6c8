package layout_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// A breakRule is one rule of where lines may break, checked at each
// place a paragraph's line ends and the next begins (before, after: the
// two lines' logical text), and at each paragraph's end (the whole
// paragraph's lines, logical).
type breakRule struct {
	name  string
	at    func(before, after string) bool
	end   func(lines []string, set []*layout.TextLine) bool
	about string
}

// shortNumberStart is a line that starts with a number of one to four
// digits standing as a word: 911, 211.
var shortNumberStart = regexp.MustCompile(`^\pN{1,4}(?:[^\pN\pL.\-/]|[.\-/](?:[^\pN]|$)|$)`)

// breakRules are the rules issue 10 names, each checked on every
// paragraph of every page TestEveryFormatCarriesItsContent lays out.
var breakRules = []breakRule{
	{name: "ShortNumberKeepsItsWord", about: "a short number cut from the word before it", at: func(before, after string) bool {
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(before, unicode.IsSpace))
		return shortNumberStart.MatchString(after) && unicode.IsLetter(last)
	}},
	{name: "NumberWhole", about: "a number split", at: func(before, after string) bool {
		b := strings.TrimRightFunc(before, unicode.IsSpace)
		first, _ := utf8.DecodeRuneInString(after)
		last, _ := utf8.DecodeLastRuneInString(b)
		if last == '-' || last == '.' || last == '/' {
			prev, _ := utf8.DecodeLastRuneInString(b[:len(b)-1])
			last = prev
			if strings.Contains(lastWord(b), ".") && !unicode.IsDigit(first) {
				return false // an address's dot, not a number's
			}
		}
		return unicode.IsDigit(last) && unicode.IsDigit(first) && b == before
	}},
	// A compound that is no name may break after its hyphen: Ojibwe
	// writes a preverb so ("ogii-" / "naanaagadawaabandanziin").
	{name: "HyphenatedNameWhole", about: "a hyphenated name split", at: func(before, after string) bool {
		r := []rune(before)
		first, _ := utf8.DecodeRuneInString(after)
		name := strings.TrimLeftFunc(lastWord(before), func(r rune) bool { return !unicode.IsLetter(r) })
		capital, _ := utf8.DecodeRuneInString(name)
		return len(r) >= 2 && r[len(r)-1] == '-' && unicode.IsLetter(r[len(r)-2]) && unicode.IsLetter(first) && unicode.IsUpper(capital) && !isAddress(lastWord(before))
	}},
	{name: "AddressBreaksAfterDotOrSlash", about: "a web or email address broken but after a dot or a slash", at: func(before, after string) bool {
		if strings.TrimRightFunc(before, unicode.IsSpace) != before {
			return false // a break between words
		}
		// An address the next line does not go on with ended at the
		// break: "Cybertip.ca" / "（网上儿童性剥削举报平台）", where a
		// full-width parenthesis (no space before it in Chinese) opens
		// the name's gloss.
		rest := addressStart.FindString(after)
		if rest == "" {
			return false
		}
		w := addressEnd.FindString(before) + rest
		last, _ := utf8.DecodeLastRuneInString(before)
		// A path's part wider than the line breaks before a hyphen.
		if strings.HasPrefix(after, "-") && strings.Contains(strings.TrimPrefix(strings.TrimPrefix(addressEnd.FindString(before), "https://"), "http://"), "/") {
			return false
		}
		return isAddress(w) && last != '.' && last != '/'
	}},
	// A web address broken after its dot or slash leaves no tiny last
	// part alone: "canadianhumantraffickinghotline." / "ca" reads as two
	// things (a QR code's caption in Chinese did). The line is set
	// smaller or wider instead (kit.address, qrColumn).
	{name: "AddressNoShortLastPart", about: "a web address's short last part alone on a line", at: func(before, after string) bool {
		last, _ := utf8.DecodeLastRuneInString(before)
		if last != '.' && last != '/' {
			return false
		}
		rest := addressStart.FindString(after)
		return rest != "" && utf8.RuneCountInString(rest) <= 3 && !strings.ContainsAny(rest, "./") && isAddress(addressEnd.FindString(before)+rest)
	}},
	// A word alone wider than its line is broken where it must: the line
	// before holds nothing else.
	{name: "NoWordSplit", about: "a word split", at: func(before, after string) bool {
		if len(strings.Fields(before)) == 1 {
			return false
		}
		last, _ := utf8.DecodeLastRuneInString(before)
		first, _ := utf8.DecodeRuneInString(after)
		return unicode.IsLetter(last) && unicode.IsLetter(first) && !spaceless(last) && !spaceless(first) && !isAddress(lastWord(before)+firstWord(after))
	}},
	// In Chinese a word of two characters or more alone is a lone word
	// too: "本地求助" / "信息" under a list title (loneChineseWord).
	{name: "NoLoneLastWord", about: "a word or character alone on the paragraph's last line", end: func(lines []string, set []*layout.TextLine) bool {
		if len(lines) < 2 {
			return false
		}
		last := strings.TrimSpace(lines[len(lines)-1])
		all := strings.Join(lines, "")
		if strings.ContainsFunc(last, spaceless) {
			return letters(last) == 1 && letters(all) >= 4 || loneChineseWord(lines)
		}
		if len(strings.Fields(all)) < 4 || len(strings.Fields(last)) != 1 || letters(last) == 0 || strings.HasSuffix(lines[len(lines)-2], "-") {
			return false
		}
		// Two words wider than any line of the paragraph may not share
		// one (long Inuktitut words in a narrow column): measured from
		// the glyphs, the last word of the line before and the last line.
		widest := 0.0
		for _, l := range set {
			widest = max(widest, l.Line.Width)
		}
		prev := set[len(set)-2].Line
		return lastWordWidth(prev)+prev.Width/float64(max(1, utf8.RuneCountInString(lines[len(lines)-2])))+set[len(set)-1].Line.Width <= widest
	}},
}

// lastWordWidth is the width in points of a line's last word (after its
// last space, trailing spaces left out), from its glyphs' advances.
func lastWordWidth(l typeset.Line) float64 {
	runs := logicalRuns(l)
	var text strings.Builder
	for _, r := range runs {
		text.WriteString(r.Text)
	}
	t := strings.TrimRightFunc(text.String(), unicode.IsSpace)
	from := strings.LastIndexFunc(t, unicode.IsSpace) + 1
	w, base := 0.0, 0
	for _, r := range runs {
		for _, g := range r.Glyphs {
			if at := base + g.Cluster; at >= from && at < len(t) {
				w += float64(g.XAdvance) * r.Size / float64(r.Font.UnitsPerEm())
			}
		}
		base += len(r.Text)
	}
	return w
}

func spaceless(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai)
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 || strings.TrimRightFunc(s, unicode.IsSpace) != s {
		return ""
	}
	return f[len(f)-1]
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 || strings.TrimLeftFunc(s, unicode.IsSpace) != s {
		return ""
	}
	return f[0]
}

// isAddress reports a word that is a web or email address: a dot
// between letters and a known ending, "www.", a scheme or an @.
var addressPattern = regexp.MustCompile(`(?i)@|^(https?://|www\.)|\pL\.(ca|com|org|net|gov|info)\b`)

// addressEnd and addressStart are the characters of an address at the
// end of a line and the start of the next.
var addressEnd, addressStart = regexp.MustCompile(`[\w.\-/@%+:~]+$`), regexp.MustCompile(`^[\w.\-/@%+:~]+`)

func isAddress(w string) bool { return addressPattern.MatchString(w) }

// paragraphs are a page's paragraphs, each the logical text of its lines:
// the lines one structure element holds (one typeset paragraph).
func paragraphs(p layout.Page) ([][]string, [][]*layout.TextLine) {
	var out [][]string
	var set [][]*layout.TextLine
	var tag *layout.Tag
	for _, e := range p.Elements {
		l := e.Text
		if l == nil || len(l.Line.Runs) == 0 || e.Tag == nil {
			tag = nil
			continue
		}
		if e.Tag != tag {
			out = append(out, nil)
			set = append(set, nil)
			tag = e.Tag
		}
		out[len(out)-1] = append(out[len(out)-1], logicalText(l.Line))
		set[len(set)-1] = append(set[len(set)-1], l)
	}
	return out, set
}

// breaks checks every rule on every paragraph of ld, and returns what
// each rule finds, named by the rule; and the rule KeptWordsWhole: no
// line breaks inside a word of keep (the documents' doc.Meta.Keep, the
// words of a language written without spaces its locale file lists).
func breaks(ld *layout.Document, keep []string) []string {
	var out []string
	for pi, p := range ld.Pages {
		// HeadlineBreaksAtSentences: a headline of several sentences
		// on more than one line puts each on a line of its own
		// (TestPosterHeadlineBreaksAtSentences, on every format).
		heads := map[*layout.Tag][]string{}
		var order []*layout.Tag
		for _, e := range p.Elements {
			if e.Text == nil || e.Tag == nil || e.Tag.BlockOf() != doc.PartHeadline {
				continue
			}
			if heads[e.Tag] == nil {
				order = append(order, e.Tag)
			}
			heads[e.Tag] = append(heads[e.Tag], logicalText(e.Text.Line))
		}
		for _, tag := range order {
			for _, line := range heads[tag] {
				if len(heads[tag]) > 1 && sentenceInside(line) {
					out = append(out, fmt.Sprintf("HeadlineBreaksAtSentences: page %d: the headline's line %q ends one sentence and starts the next: %q", pi+1, line, heads[tag]))
				}
			}
		}
		paras, set := paragraphs(p)
		for n, para := range paras {
			all := strings.Join(para, "")
			for _, w := range keep {
				for from := 0; ; {
					i := strings.Index(all[from:], w)
					if i < 0 {
						break
					}
					i += from
					at := 0
					for _, l := range para[:len(para)-1] {
						if at += len(l); at > i && at < i+len(w) {
							out = append(out, fmt.Sprintf("KeptWordsWhole: page %d: %q split: %q", pi+1, w, para))
						}
					}
					from = i + len(w)
				}
			}
			out = append(out, chineseWordBreaks(pi+1, para)...)
			out = append(out, punctuationBreaks(pi+1, para)...)
			for _, r := range breakRules {
				if r.end != nil && r.end(para, set[n]) {
					out = append(out, fmt.Sprintf("%s: page %d: %s: %q", r.name, pi+1, r.about, para))
				}
				if r.at == nil {
					continue
				}
				for i := 1; i < len(para); i++ {
					if r.at(para[i-1], para[i]) {
						out = append(out, fmt.Sprintf("%s: page %d: %s: %q / %q", r.name, pi+1, r.about, para[i-1], para[i]))
					}
				}
			}
		}
	}
	return out
}

// loneChineseWord reports a paragraph whose last line holds one Chinese
// word alone ("本地求助" / "信息"), as the segmenter split its words
// (zhWords), of two characters or more (one character alone is
// NoLoneLastWord's).
func loneChineseWord(lines []string) bool {
	if len(lines) < 2 {
		return false
	}
	last := strings.TrimSpace(lines[len(lines)-1])
	word := strings.TrimRightFunc(last, func(r rune) bool { return !isHan(r) })
	if word == "" || strings.ContainsFunc(word, func(r rune) bool { return !isHan(r) }) || letters(word) < 2 || letters(word) != letters(last) {
		return false // a line with more than Chinese on it ("性照片：NeedHelpNow.ca")
	}
	all := strings.Join(lines, "")
	at := len(all) - len(lines[len(lines)-1]) + strings.Index(lines[len(lines)-1], word)
	start := strings.LastIndexFunc(all[:at], func(r rune) bool { return !isHan(r) })
	if start >= 0 {
		_, n := utf8.DecodeRuneInString(all[start:])
		start += n
	} else {
		start = 0
	}
	end := at + len(word)
	run := all[start:end]
	if rest := all[end:]; strings.IndexFunc(rest, isHan) == 0 {
		return false // the line ends inside a run: not its last word
	}
	runs, err := zhWords()
	if err != nil {
		return false
	}
	bounds, ok := runs[run]
	if !ok {
		// Text not in the messages (an organisation's own name): its
		// words are not known, one character alone is NoLoneLastWord's.
		return false
	}
	for i := at - start + 1; i < end-start; i++ {
		if bounds[i] {
			return false // two words or more
		}
	}
	return true
}

// logicalText is a line's text in the order it is read: its runs, which
// are in visual order (a right-to-left line's first run is at its
// right), sorted by where each starts in the paragraph's text.
func logicalText(l typeset.Line) string {
	return runsText(logicalRuns(l))
}

// logicalRuns are a line's runs in the order they are read.
func logicalRuns(l typeset.Line) []typeset.Run {
	runs := slices.Clone(l.Runs)
	slices.SortStableFunc(runs, func(a, b typeset.Run) int { return a.Start - b.Start })
	return runs
}

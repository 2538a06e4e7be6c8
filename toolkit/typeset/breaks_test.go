package typeset

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// show makes Tie's marks visible: ~ a no-break space, + a tie, | a word
// joiner, / a place an address may break.
func show(s string) string {
	return strings.NewReplacer("\u00a0", "~", "\ufeff", "+", "\u2060", "|", "\u200b", "/").Replace(s)
}

func TestTie(t *testing.T) {
	tests := []struct {
		name, in, want string
		keep           []string
	}{
		{name: "a short number keeps its word", in: "In danger, call 911.", want: "In danger, call~911."},
		{name: "French", in: "Composer le 911", want: "Composer le~911"},
		{name: "a hyphenated name", in: "the Côte-des-Neiges clinic", want: "the Côte-+des-+Neiges~clinic"},
		{name: "a phone number is one unit", in: "Call 1-833-900-1010 today", want: "Call 1|-|8|3|3|-|9|0|0|-|1|0|1|0~today"},
		{name: "a short code is one unit", in: "Text CONNECT to 686868 now", want: "Text CONNECT to 6|8|6|8|6|8~now"},
		{name: "an address breaks after its dots", in: "Go to hotline.ca or help.example.org/fr", want: "Go to h|o|t|l|i|n|e|.+c|a or~h|e|l|p|./e|x|a|m|p|l|e|.+o|r|g|//f|r"},
		{name: "an email address", in: "Write to info@x-y.org", want: "Write to~i|n|f|o|@|x|-|y|.+o|r|g"},
		{name: "a sentence's end is no address", in: "Help is free. Call now.", want: "Help is free. Call~now."},
		{name: "the last two words of a short paragraph", in: "Help is free", want: "Help is~free"},
		{name: "one word", in: "Help.", want: "Help."},
		{name: "each line is a paragraph", in: "It is not your fault.\nHelp is free", want: "It is not your~fault.\nHelp is~free"},
		{name: "a term kept whole", in: "在加拿大，人口贩运是犯罪。", keep: []string{"加拿大", "人口贩运"}, want: "在加+拿+大，人+口+贩+运是犯+罪。"},
		{name: "Chinese: the last two characters", in: "遇到紧迫危险，请拨打 911。没有 911 服务的地方，请打电话给当地警方。", want: "遇到紧迫危险，请拨打~911。没有~911 服务的地方，请打电话给当地警+方。"},
		{name: "Chinese: a last word of keep and the character before it", in: "Riverside Youth Council 提供的本地求助信息", keep: []string{"提供", "本地", "求助", "信息"}, want: "Riverside Youth Council 提+供的本+地求+助+信+息"},
		{name: "Chinese: a last word of keep after a letter alone", in: "这些信息。", keep: []string{"信息"}, want: "这些+信+息。"},
		{name: "Chinese: a last word after a comma", in: "身上有伤，或看起来非常疲惫、吃不饱。", keep: []string{"疲惫", "吃不饱"}, want: "身上有伤，或看起来非常疲+惫、+吃+不+饱。"},
		{name: "Chinese: a last word after an address", in: "您也可以向 Cybertip.ca 举报。", keep: []string{"举报"}, want: "您也可以向 C|y|b|e|r|t|i|p|.+c|a~举+报。"},
		{name: "a compound that is no name keeps its break", in: "gaawiin ogii-naanaagadawaabandanziin awiya", want: "gaawiin ogii-naanaagadawaabandanziin~awiya"},
		{name: "a name in capitals", in: "CÔTE-DES-NEIGES", want: "CÔTE-+DES-+NEIGES"},
		{name: "a path breaks before a hyphen", in: "See canada.ca/en/look-for-signs", want: "See~c|a|n|a|d|a|.+c|a|//e|n|//l|o|o|k+-|f|o|r+-|s|i|g|n|s"},
		{name: "a Latin last word after Chinese", in: "删除性照片：NeedHelpNow.ca", want: "删除性照片：+N|e|e|d|H|e|l|p|N|o|w|.+c|a"},
		{name: "a Cyrillic word of one letter keeps the next", in: "Де 911 немає, дзвонити в місцеву поліцію і до лікаря", want: "Де~911 немає, дзвонити в~місцеву поліцію і~до~лікаря"},
		{name: "words that overlap", in: "学生活动很多", keep: []string{"活动", "学生", "生活"}, want: "学+生+活+动很+多"},
		{name: "a word twice, and one not there", in: "热线：热线", keep: []string{"加拿大", "热线"}, want: "热+线：+热+线"},
		{name: "a longer term first", in: "请联系加拿大服务局。", keep: []string{"加拿大", "加拿大服务局"}, want: "请联系+加+拿+大+服+务+局。"},
		{name: "a Latin last word in brackets after Chinese", in: "卑诗省人口贩运热线（OCTIP）", want: "卑诗省人口贩运热线+（OCTIP）"},
		{name: "an extension is part of the number", in: "Call 604-555-0101 ext. 22 now", want: "Call 6|0|4|-|5|5|5|-|0|1|0|1| |e|x|t|.| |2|2~now"},
		{name: "a vanity number and its extension", in: "Call 1-855-554-HEAL poste 1234", want: "Call 1|-|8|5|5|-|5|5|4|-|H|E|A|L| |p|o|s|t|e| |1|2|3|4"},
		{name: "marked already", in: NoBreak("1 800"), want: "1| |8|0|0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := show(Tie(tt.in, tt.keep)); got != tt.want {
				t.Errorf("Tie(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// linesOf sets text width points wide and returns the text of each line.
func linesOf(t *testing.T, ts *Typesetter, text string, width float64, lang string) []string {
	t.Helper()
	p, err := ts.Set(text, Options{Style: Style{Size: 10}, Width: width, Lang: lang})
	fontsOrSkip(t, err)
	var out []string
	for _, l := range p.Lines {
		out = append(out, lineText(l))
	}
	return out
}

// TestTiesGiveWayUnitsNever sets tied text at widths from roomy to
// narrower than its longest unit: a tie holds while what it ties fits on
// a line and gives way when it does not; a number or an address's part
// never breaks inside, whatever the width (its line is then too wide,
// for the layout to set smaller); and copied text has spaces where the
// ties were.
func TestTiesGiveWayUnitsNever(t *testing.T) {
	ts := embeddedSetter(t)
	texts := []string{
		"If you are in danger right now, call 911.",
		"Text CONNECT to 686868 or call 1-800-668-6868, free and confidential.",
		"Visit canadianhumantraffickinghotline.ca or write to information.desk@riverside-settlement.example.org today",
		"Côte-des-Neiges–Notre-Dame-de-Grâce Community Health Clinic",
	}
	for _, text := range texts {
		tied := Tie(text, nil)
		widest := 0.0
		for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '-' || r == '.' || r == '@' }) {
			mw, _ := ts.Measure(w+"-", Options{Style: Style{Size: 10}})
			widest = max(widest, mw)
		}
		// The widest part of an address that may not break (between dots,
		// slashes and spaces): narrower lines break it after a hyphen.
		widestPart := 0.0
		for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '.' || r == '/' }) {
			mw, _ := ts.Measure(w+".", Options{Style: Style{Size: 10}})
			widestPart = max(widestPart, mw)
		}
		for width := 20.0; width <= 260; width += 7 {
			lines := linesOf(t, ts, tied, width, "en")
			if got := strings.Join(lines, ""); got != text {
				t.Fatalf("width %.0f: lines %q do not give back %q", width, lines, text)
			}
			at := 0
			for i := 1; i < len(lines); i++ {
				at += len(lines[i-1])
				before, after := text[:at], text[at:]
				last, _ := utf8.DecodeLastRuneInString(before)
				first, _ := utf8.DecodeRuneInString(after)
				// A word alone wider than the line may break; a number
				// never does, nor an address but after a dot or a slash.
				switch {
				case unicode.IsDigit(last) && unicode.IsDigit(first):
					t.Errorf("width %.0f: a number split: %q / %q", width, lines[i-1], lines[i])
				case unicode.IsLetter(last) && unicode.IsLetter(first) && width > widest:
					t.Errorf("width %.0f: a word split: %q / %q", width, lines[i-1], lines[i])
				case last == '-' && unicode.IsLetter(first) && width > widest*3:
					t.Errorf("width %.0f: a hyphenated name split: %q / %q", width, lines[i-1], lines[i])
				case strings.Contains(lines[i-1], ".ca") || strings.Contains(lines[i-1], "@"):
					if last != '.' && last != '/' && last != ' ' && (last != '-' || width > widestPart) {
						t.Errorf("width %.0f: an address broken but after a dot or slash: %q / %q", width, lines[i-1], lines[i])
					}
				}
			}
			// Ties hold where they can: at a width the tied run fits in.
			w, _ := ts.Measure("call 911.", Options{Style: Style{Size: 10}})
			if width > w+1 && strings.HasPrefix(lines[len(lines)-1], "911") {
				t.Errorf("width %.0f: 911 alone on the last line, though \"call 911.\" is %.0f wide", width, w)
			}
		}
	}
	// A number wider than the line stays whole, on a line of its own.
	lines := linesOf(t, ts, Tie("Call 1-800-668-6868 now.", nil), 40, "en")
	if !strings.Contains(strings.Join(lines, "\n"), "1-800-668-6868") {
		t.Errorf("a number wider than the line was broken: %q", lines)
	}
}

// zhKeep is the keep list of locales/zh-Hans.toml: every word of its text.
func zhKeep(b *testing.B) []string {
	data, err := os.ReadFile("../../locales/zh-Hans.toml")
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	s = s[strings.Index(s, "keep = ["):strings.Index(s, "]\nnotes")]
	var keep []string
	for _, m := range regexp.MustCompile(`"([^"]+)"`).FindAllStringSubmatch(s, -1) {
		keep = append(keep, m[1])
	}
	return keep
}

// BenchmarkTieChinese marks a Chinese and an English paragraph with the
// Chinese keep list (a two-language page's columns carry both lists).
func BenchmarkTieChinese(b *testing.B) {
	keep := zhKeep(b)
	b.Logf("%d words", len(keep))
	texts := []string{"医护人员安排在私密的房间里单独接诊她，并尊重患者的隐私和选择。", "Staff keep a clear process: note what they saw and tell the manager."}
	for b.Loop() {
		for _, s := range texts {
			Tie(s, keep)
		}
	}
}

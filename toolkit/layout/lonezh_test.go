package layout_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestChineseLastLineHoldsTwoWords lays out Chinese pages whose titles
// and lines wrap where an organisation's name puts them, and checks the
// rule NoLoneLastWord on every paragraph: no word alone on a paragraph's
// last line, which in Chinese is a word of two characters or more too
// (loneChineseWord). A designer saw the list title of a handout's back,
// "Riverside Youth Council 提供的本地求助信息" (Local help listed by …),
// wrap with "信息" alone. Quick: the handout in zh-Hans for four
// audiences, on both papers, with the organisation's local contacts
// under a short Latin name and a long Chinese one; under
// AWAREKIT_FULL=1 every audience, names of every length up to the
// limit in both scripts, a wide logo, and the flyer, poster, cards and
// tear-off in zh-Hans and beside English too.
func TestChineseLastLineHoldsTwoWords(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	long := longest(t)
	names := []string{"Riverside Youth Council", "多伦多华人社区服务中心青少年服务"}
	formats := []string{"handout"}
	langs := []string{"zh-Hans"}
	audiences := []string{"youth", "newcomers", "health", "business"}
	logos := [][]byte{nil}
	full := os.Getenv("AWAREKIT_FULL") != ""
	if full {
		audiences = e.AudienceIDs()
		for n := 10; n <= profile.MaxName; n += 6 {
			names = append(names, strings.TrimSpace(long.Name[:n]))
		}
		zh := []rune("多伦多华人社区服务中心青少年服务部与家庭支援计划温哥华中华文化中心大温地区新移民服务协会及法律援助诊所")
		for n := 4; n <= len(zh); n += 3 {
			names = append(names, string(zh[:n]))
		}
		formats = append(formats, "flyer", "poster", "cards", "tearoff")
		langs = append(langs, "zh-Hans+en", "en+zh-Hans")
		logos = append(logos, logoPNG(t, 2000, 100))
	}
	n := 0
	for _, name := range names {
		for li, logo := range logos {
			org := long
			org.Name = name
			brand, err := org.Brand()
			if err != nil {
				t.Fatal(err)
			}
			if logo != nil {
				if brand.Logo, err = profile.DecodeLogo("logo.png", logo); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range formats {
				for _, a := range audiences {
					for _, l := range langs {
						for _, paper := range layout.PaperNames {
							label := fmt.Sprintf("%s/%s/%s/%s/%q/logo %d", f, a, l, paper, name, li)
							r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: f, Paper: paper, AllowDraft: true})
							if err != nil || !written(e, r, org, brand) {
								continue
							}
							ld, err := e.Layout(r, org, brand)
							if err != nil {
								t.Errorf("%s: %v", label, err)
								continue
							}
							n++
							for _, msg := range loneLastWords(ld) {
								t.Errorf("%s: %s", label, msg)
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d documents", n)
}

// loneLastWords is what the rule NoLoneLastWord finds on ld's pages.
func loneLastWords(ld *layout.Document) []string {
	var out []string
	for pi, p := range ld.Pages {
		paras, set := paragraphs(p)
		for i, para := range paras {
			for _, r := range breakRules {
				if r.name == "NoLoneLastWord" && r.end(para, set[i]) {
					out = append(out, fmt.Sprintf("%s: page %d: %s: %q", r.name, pi+1, r.about, para))
				}
			}
		}
	}
	return out
}

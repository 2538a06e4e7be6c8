package layout_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestFitSearch holds the fit search (fitPage builds a few of a page's
// rows of tries and knows the others from them) to the first try that
// fits, in the order of preference: the largest body, under the tallest
// header it fits under. On every page fitted in a sweep of the layouts,
// each try is built afresh and measured, and the try the layout chose
// must be the first that fits (none when none does). The organisations
// take turns: none, one with a website, and the longest beside a tall,
// a wide and a square logo. The quick run takes each format in four
// languages on Letter, with one audience in turn; AWAREKIT_FULL=1 every
// page format × audience × language × paper. It counts the rows the
// layouts built, which must stay under the tries halving the list would
// build (the search the layouts were made with before, which on 144 of
// 958 pages of the full sweep chose a smaller body than the first that
// fits).
func TestFitSearch(t *testing.T) {
	// Not parallel: layout.AuditFit hears every page any test fits.
	e := testEngine(t)
	long := longest(t)
	cases := []carriesCase{
		{name: "plain"},
		{name: "website, BC", org: profile.Organisation{Name: "Riverside Youth Council", Phone: "604-555-0134", Website: "riverside.example.org"}, province: "bc"},
		{name: "longest, tall logo, MB", org: long, logo: logoPNG(t, 100, 1200), province: "mb"},
		{name: "longest, wide logo, NS", org: long, logo: logoPNG(t, 2000, 100), province: "ns"},
		{name: "longest, square logo, BC", org: long, logo: logoPNG(t, 300, 300), province: "bc"},
	}
	langs, papers := []string{"en", "ar", "pa", "zh-Hans"}, []string{"letter"}
	full := os.Getenv("AWAREKIT_FULL") != ""
	if full {
		langs, papers = e.Languages(), layout.PaperNames
	}
	audiences := e.AudienceIDs()
	var name string
	var pages, tries, rows, built, halvings int
	defer layout.AuditFit(func(n, nrows, nbuilt int, fits func(i int) bool, chosen int) {
		pages, tries, rows, built = pages+1, tries+n, rows+nrows, built+nbuilt
		first := -1
		for i := range n {
			if fits(i) {
				first = i
				break
			}
		}
		if chosen != first {
			fit := make([]bool, n)
			for i := range n {
				fit[i] = fits(i)
			}
			t.Errorf("%s: the search chose try %d of %d, the first that fits is %d (fits: %v)", name, chosen, n, first, fit)
		}
		// What halving the tries builds: the last, then each middle.
		halvings++
		if fits(n - 1) {
			for lo, hi := 0, n-1; lo < hi; {
				halvings++
				if mid := (lo + hi) / 2; fits(mid) {
					hi = mid
				} else {
					lo = mid + 1
				}
			}
		}
	})()
	i := 0
	for _, f := range format.Formats {
		if !f.Paged() {
			continue
		}
		for _, l := range langs {
			for _, paper := range papers {
				i++
				for ai, a := range audiences {
					for ci, c := range cases {
						if !full && ai != i%len(audiences) || ci != (i*len(audiences)+ai)%len(cases) {
							continue // one organisation in turn (and in the quick run one audience)
						}
						brand := c.brand(t)
						name = fmt.Sprintf("%s/%s/%s/%s/%s", c.name, f.Name, a, l, paper)
						r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: f.Name, Paper: paper, Province: c.province, AllowDraft: true})
						if err != nil {
							continue
						}
						if _, err := docsOf(e, r, c.org, brand); err != nil {
							continue // an audience not written in the language
						}
						if _, err := e.Layout(r, c.org, brand); err != nil {
							t.Logf("%s: %v", name, err)
						}
					}
				}
			}
		}
	}
	t.Logf("%d pages fitted, %d tries in %d rows; %d rows built, halving the tries builds %d", pages, tries, rows, built, halvings)
	if built > halvings {
		t.Errorf("the search built %d rows, more than the %d tries halving builds", built, halvings)
	}
	if pages == 0 {
		t.Fatal("no page was fitted: the sweep tests nothing")
	}
}

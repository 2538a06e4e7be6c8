package layout

import (
	"os"
	"slices"

	"github.com/awarekit/awarekit/toolkit/content"
)

// Case is one layout of a sweep over the content: an organisation (an
// index into the test's list of them), an audience, a language and a
// paper.
type Case struct {
	Org            int
	Audience, Lang string
	Paper          string
}

// Cases lists the layouts a sweep over orgs organisations makes. Under
// AWAREKIT_FULL=1: every organisation × audience × language the
// audience is written in × paper (340 with two organisations). The quick
// run takes a sample of them (62): every language with every
// organisation on both papers, each time for another of the audiences
// written in it, in turn; then any audience the turns missed, with the
// last (longest) organisation. So each language's script and fonts meet
// both papers and every organisation, and every audience is laid out.
func Cases(lib *content.Library, orgs int) []Case {
	var all []Case
	for o := range orgs {
		for _, id := range lib.AudienceIDs() {
			for _, lang := range lib.Languages(id) {
				for _, paper := range PaperNames {
					all = append(all, Case{Org: o, Audience: id, Lang: lang, Paper: paper})
				}
			}
		}
	}
	if os.Getenv("AWAREKIT_FULL") != "" {
		return all
	}
	audiences := map[string][]string{} // language → the audiences written in it
	var langs []string
	for _, id := range lib.AudienceIDs() {
		for _, lang := range lib.Languages(id) {
			if audiences[lang] == nil {
				langs = append(langs, lang)
			}
			audiences[lang] = append(audiences[lang], id)
		}
	}
	pick := map[Case]bool{}
	seen := map[string]bool{}
	k := 0
	for _, lang := range langs {
		for o := range orgs {
			for _, paper := range PaperNames {
				ids := audiences[lang]
				c := Case{Org: o, Audience: ids[k%len(ids)], Lang: lang, Paper: paper}
				pick[c] = true
				seen[c.Audience] = true
				k++
			}
		}
	}
	for i, id := range lib.AudienceIDs() {
		if langs := lib.Languages(id); !seen[id] && len(langs) > 0 {
			pick[Case{Org: orgs - 1, Audience: id, Lang: langs[len(langs)-1], Paper: PaperNames[i%len(PaperNames)]}] = true
		}
	}
	// In the full sweep's order.
	return slices.DeleteFunc(all, func(c Case) bool { return !pick[c] })
}

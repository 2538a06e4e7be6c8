package translate

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
	"github.com/rivo/uniseg"
)

// ofCells is English-like text of n terminal cells: the message's own
// words, repeated and cut, then its placeholders.
func ofCells(en string, n int) string {
	words := strings.Fields(placeholderRE.ReplaceAllString(en, ""))
	if len(words) == 0 {
		words = []string{"words"}
	}
	var b strings.Builder
	for i := 0; uniseg.StringWidth(b.String()) < n; i++ {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[i%len(words)])
	}
	s := []rune(b.String())
	for uniseg.StringWidth(string(s)) > n {
		s = s[:len(s)-1]
	}
	out := strings.TrimSpace(string(s))
	for _, ph := range locale.Placeholders(en) {
		out += " {{." + ph + "}}"
	}
	return out
}

// fitsEverywhere lays out every format and audience that prints id with
// id's text set to text and every other message in English.
func fitsEverywhere(t *testing.T, p *Project, id, text string) error {
	lib, err := p.probeWith(func(_ int, mid, en string) string {
		if mid == id {
			return text
		}
		return en
	})
	if err != nil {
		return err
	}
	where, err := p.Where()
	if err != nil {
		t.Fatal(err)
	}
	ts := typeset.New(p.Fonts)
	for _, pl := range where[id] {
		f, _ := format.ByName(pl.Format)
		req := content.Request{Audience: pl.Audience, Lang: probeTag, AllowDraft: true}
		if req.Audience == "" {
			req.Audience = lib.AudienceIDs()[0]
		}
		if pr, ok := strings.CutPrefix(pl.With, provinceLines); ok {
			req.Province = pr
		} else if pl.With != "" {
			req.Org = profile.Organisation{Name: "Org", Phone: "555-0100", Local: []profile.LocalContact{{Label: "Local", Phone: "555-0101"}}}
			req.Brand = doc.Brand{OrgName: "Org"}
		}
		d, err := lib.Assemble(req)
		if err != nil {
			return err
		}
		if _, err := printed(ts, f, d); err != nil {
			return err
		}
	}
	return nil
}

func TestMeasureBudgets(t *testing.T) {
	if os.Getenv("MEASURE") == "" {
		t.Skip()
	}
	p, err := Open(Source{Audiences: audiences.FS, Locales: locales.FS}, nil)
	if err != nil {
		t.Fatal(err)
	}
	where, _ := p.Where()
	tight := []string{"cards", "tearoff", "safety-card", "social-square", "social-story", "social-wide", "poster", "sms"}
	for _, m := range p.Lib.Messages() {
		in := false
		for _, pl := range where[m.ID] {
			if slices.Contains(tight, pl.Format) {
				in = true
			}
		}
		if !in {
			continue
		}
		en, _ := p.Lib.Catalog.English(m.ID)
		lo, hi := 1, 600
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if fitsEverywhere(t, p, m.ID, ofCells(en, mid)) == nil {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		t.Logf("%-28s english %3d cells, fits up to %3d", m.ID, uniseg.StringWidth(placeholderRE.ReplaceAllString(en, "")), lo)
	}
}

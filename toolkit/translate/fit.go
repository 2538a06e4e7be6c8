package translate

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// fits lays out every page that prints one of the accepted messages,
// with the language's text as it would be after the import, and reports
// a page that no longer fits at a readable size as a problem naming the
// file's messages it prints. A page that cannot be set for want of a
// font is a warning: the machine lacks the font, the translation is not
// at fault.
func (p *Project) fits(name string, l *locale.Locale, good []accepted) ([]Problem, string, error) {
	text := make(map[string]string, len(l.Messages))
	for id, s := range l.Messages {
		text[id] = s
	}
	lines := map[string]int{}
	var changed []accepted
	for _, g := range good {
		if text[g.ID] != g.text {
			changed = append(changed, g)
		}
		text[g.ID] = g.text
		lines[g.ID] = g.Line
	}
	if len(changed) == 0 {
		return nil, "", nil
	}
	tag := l.Tag + "-x-fit"
	lib, err := p.probeLanguage(tag, l, text)
	if err != nil {
		return nil, "", fmt.Errorf("check that %s's pages still fit: %w", l.Tag, err)
	}
	where, err := p.Where()
	if err != nil {
		return nil, "", err
	}
	// The pages to lay out, and which of the file's messages each prints.
	type page struct {
		place Place
		ids   []string
	}
	var pages []*page
	for _, g := range changed {
		for _, pl := range where[g.ID] {
			f, err := format.ByName(pl.Format)
			if err != nil || f.Text != nil {
				continue // a text format has no page to overflow
			}
			if pl.Audience != "" && lib.Written(pl.Audience, tag) != nil {
				continue // an audience not written in the language is not made in it
			}
			i := slices.IndexFunc(pages, func(pg *page) bool { return pg.place == pl })
			if i < 0 {
				pages = append(pages, &page{place: pl})
				i = len(pages) - 1
			}
			pages[i].ids = append(pages[i].ids, g.ID)
		}
	}
	ts := typeset.New(p.Fonts)
	var problems []Problem
	for _, pg := range pages {
		f, _ := format.ByName(pg.place.Format)
		req := content.Request{Audience: pg.place.Audience, Lang: tag, AllowDraft: true}
		if req.Audience == "" {
			// A message every material prints: the first audience the
			// language is written in shows it (a sector audience may be
			// written in English and French only).
			ids := lib.AudienceIDs()
			req.Audience = ids[0]
			if i := slices.IndexFunc(ids, func(id string) bool { return lib.Written(id, tag) == nil }); i >= 0 {
				req.Audience = ids[i]
			}
		}
		if pr, ok := strings.CutPrefix(pg.place.With, provinceLines); ok {
			req.Province = pr
		} else if pg.place.With != "" {
			req.Org = profile.Organisation{Name: "Organisation", Phone: "555-0100", Local: []profile.LocalContact{{Label: "Local help", Phone: "555-0101"}}}
			req.Brand = doc.Brand{OrgName: req.Org.Name}
		}
		d, ok, err := document(lib, f, req)
		if err != nil {
			return nil, "", fmt.Errorf("check that %s's pages still fit: %w", l.Tag, err)
		}
		if !ok {
			continue
		}
		_, err = printed(ts, f, d)
		var missing *typeset.MissingGlyphError
		switch {
		case errors.As(err, &missing):
			return problems, fmt.Sprintf("could not check that the %s pages still fit: %v", languageName(l), err), nil
		case err != nil:
			var ids []string
			first := 0
			for _, id := range pg.ids {
				ids = append(ids, fmt.Sprintf("%s (line %d)", id, lines[id]))
				if first == 0 || lines[id] < first {
					first = lines[id]
				}
			}
			who := pg.place.Audience
			if who == "" {
				who = "every audience's"
			}
			what := strings.ReplaceAll(err.Error(), tag, l.Tag)
			problems = append(problems, Problem{File: name, Line: first, ids: pg.ids,
				What: fmt.Sprintf("with this file's text the %s %s does not fit (%s); shorten what it prints of: %s", who, pg.place.Format, what, strings.Join(ids, ", "))})
		}
	}
	return problems, "", nil
}

// probeLanguage loads the content with one more language, tag, written
// as language l is (its script, its status, its apostrophe, its omitted
// messages, the words it keeps whole) with text for its messages; one it
// lacks prints as in l (in English, for a draft that must be rewritten;
// the kit is not made). Every message
// records today's English, so that none prints in English for being
// stale.
func (p *Project) probeLanguage(tag string, l *locale.Locale, text map[string]string) (*content.Library, error) {
	var file, hashes bytes.Buffer
	for _, m := range p.Lib.Messages() {
		en, builtin := p.Lib.Catalog.English(m.ID)
		s, ok := text[m.ID]
		if !ok || s == "" {
			continue
		}
		fmt.Fprintf(&file, "%s = %s\n", tomlString(m.ID), tomlString(s))
		if builtin {
			fmt.Fprintf(&hashes, "%s = %s\n", tomlString(m.ID), tomlString(locale.SourceHash(en)))
		}
	}
	status := locale.StatusDraft
	if l.Meta.MustRewrite() {
		status = locale.StatusMustRewrite
	}
	fmt.Fprintf(&file, "[_meta]\nlanguage = %q\nstatus = %q\nscript = %q\napostrophe = %q\nomit = %s\nkeep = %s\n[_source]\n", tag, status, l.Script.Code, l.Meta.Apostrophe, tomlStrings(l.Meta.Omit), tomlStrings(l.Meta.Keep))
	file.Write(hashes.Bytes())
	fsys := content.Overlay{Upper: fstest.MapFS{tag + ".toml": {Data: file.Bytes()}}, Lower: p.Locales}
	return content.Open(content.Options{Audiences: p.Audiences, Locales: fsys, UserDir: p.ContentDir, Now: p.Now})
}

package serve

import (
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
)

// choices are what the form offers, all from the engine and its tables:
// the audiences and languages of the content (the user's content folder
// included), the formats, papers and backends of the format table.
type choices struct {
	Audiences []string
	Languages []generate.Language
	Formats   []format.Format
	Papers    []string
	Styles    []string
	Backends  []string
	Provinces []option // ID and English name
}

// loadChoices asks the engine once: what a language's fonts are does not
// change while the server runs, and finding out shapes its every message.
func (s *Server) loadChoices() choices {
	c := choices{
		Audiences: s.eng.AudienceIDs(),
		Formats:   format.Formats,
		Papers:    layout.PaperNames,
		Styles:    layout.StyleNames,
		Backends:  format.BackendNames(),
	}
	for _, p := range s.eng.Lib.Provinces() {
		c.Provinces = append(c.Provinces, option{Value: p.ID, Label: p.Name})
	}
	for _, tag := range s.eng.Languages() {
		if l, err := s.eng.LanguageCovered(tag); err == nil {
			c.Languages = append(c.Languages, l)
		}
	}
	return c
}

// mustRewrite reports whether a language's file says a fluent speaker
// must rewrite it before it is printed.
func (s *Server) mustRewrite(tag string) bool {
	l := s.eng.Lib.Catalog.Locale(tag)
	return l != nil && l.Meta.MustRewrite()
}

// provinceName is a province's name in the page's language when the page
// has one, in English (from the content) otherwise.
func (s *Server) provinceName(u *ui, p option) string {
	if id := "province." + p.Value; u.Has(id) {
		return u.T(id)
	}
	return p.Label
}

// audienceName is an audience's name in the page's language when the
// content has one (the materials' own messages name each audience), in
// English otherwise.
func (s *Server) audienceName(u *ui, id string) string {
	for _, tag := range []string{u.Lang, "en"} {
		if l := s.eng.Lib.Catalog.Locale(tag); l != nil {
			if name, err := l.Text("audience."+id+".name", nil); err == nil && name != "" {
				return name
			}
		}
	}
	return id
}

package serve

import (
	"embed"
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/awarekit/awarekit/toolkit/locale"
)

// The page's own words (buttons, labels, hints) are locale messages, one
// file per language in locales/, read with the same loader as the
// materials' messages. They are apart from the materials' messages: they
// are the program's interface, not vetted content, and no fluent speaker
// of the fifteen material languages need check them.
//
//go:embed locales/*.toml
var uiFiles embed.FS

// uiCatalog holds the page's languages; English is the source.
type uiCatalog struct {
	cat     *locale.Catalog
	tags    []string
	matcher language.Matcher
}

func loadUI() (*uiCatalog, error) {
	sub, err := fs.Sub(uiFiles, "locales")
	if err != nil {
		return nil, err
	}
	cat, err := locale.Load(sub)
	if err != nil {
		return nil, fmt.Errorf("page messages: %w", err)
	}
	// English first: the matcher falls back to its first tag.
	tags := []string{"en"}
	for _, t := range cat.Tags() {
		if t != "en" {
			tags = append(tags, t)
		}
	}
	parsed := make([]language.Tag, len(tags))
	for i, t := range tags {
		parsed[i] = language.Make(t)
	}
	return &uiCatalog{cat: cat, tags: tags, matcher: language.NewMatcher(parsed)}, nil
}

// pick chooses the page's language: ?ui= when it names one of the page's
// languages, else the browser's Accept-Language, else English.
func (c *uiCatalog) pick(r *http.Request) *ui {
	if want := r.URL.Query().Get("ui"); want != "" {
		for _, t := range c.tags {
			if strings.EqualFold(t, want) {
				u := c.ui(t)
				u.Chosen = true
				return u
			}
		}
	}
	prefs, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	_, i, conf := c.matcher.Match(prefs...)
	if conf == language.No {
		i = 0
	}
	return c.ui(c.tags[i])
}

func (c *uiCatalog) ui(tag string) *ui {
	return &ui{Lang: tag, loc: c.cat.Locale(tag), en: c.cat.Locale("en"), namer: display.Tags(language.Make(tag))}
}

// ui is the page's language for one request: templates call T for each
// of the page's words.
type ui struct {
	Lang   string
	Chosen bool // picked on the page (?ui=), not from the browser's settings
	loc    *locale.Locale
	en     *locale.Locale
	namer  display.Namer
}

// T is the page message id in the page's language, filled with args
// given as name, value pairs. A message the language lacks is shown in
// English (a test keeps every file complete, so this is a safety net for
// the page's own words only; the materials never fall back).
func (u *ui) T(id string, args ...any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		if k, ok := args[i].(string); ok {
			data[k] = args[i+1]
		}
	}
	if s, err := u.loc.Text(id, data); err == nil {
		return s
	}
	if s, err := u.en.Text(id, data); err == nil {
		return s
	}
	return id
}

// Has reports whether the page has a message id, for names that come
// from the engine's tables (a format's description) and have a
// translation only when someone wrote one.
func (u *ui) Has(id string) bool {
	_, ok := u.loc.Messages[id]
	return ok
}

// LangName is a language's name in the page's language: the page's own
// name for it where CLDR has none (langname.crk: Plains Cree), else
// CLDR's, else fallback (the content's English name).
func (u *ui) LangName(tag, fallback string) string {
	if id := "langname." + tag; u.Has(id) {
		return u.T(id)
	}
	if n := u.namer.Name(language.Make(tag)); n != "" && !strings.EqualFold(n, tag) {
		return n
	}
	return fallback
}

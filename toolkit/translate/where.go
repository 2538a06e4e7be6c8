package translate

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing/fstest"
	"time"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Place is one place a message is printed: a format of an audience's
// materials, or of every audience's when Audience is "".
type Place struct {
	Audience string `json:"audience,omitempty"`
	Format   string `json:"format"`
	// With says what the user adds that brings the message onto the
	// page ("the lines of province bc"); "" when it always prints.
	With string `json:"with,omitempty"`
}

// probeTag is the language of the probe documents Where lays out.
const probeTag = "en-x-probe"

// Where says, for every message of the message table, where it is
// printed. It is measured, not listed: every audience's document is
// made in a probe language whose every message is a word of its own
// (and its placeholders), in every format, then with each province's
// lines and with an organisation's own contacts; the words found in
// what each format prints say where each message went. Text formats
// choose some lines by length (the SMS takes the hotline's name when
// it is short, else a lead of its own), so they are measured once more
// with every message long. A format that picks the shortest of a list
// (the SMS's one sign) is measured with words of one length: it shows
// the first.
//
// The measure lays out every format of every audience twice, and it
// depends only on the content: a project opened again on the same files
// (serve's translation pages, each test of this package) takes the
// measure made before. Callers must not change what it returns.
func (p *Project) Where() (map[string][]Place, error) {
	p.whereOnce.Do(func() {
		key, ok := p.contentKey()
		if ok {
			if w, ok := measured.get(key); ok {
				p.where = w
				return
			}
		}
		p.where, p.whereErr = p.measureWhere()
		if ok && p.whereErr == nil {
			measured.put(key, p.where)
		}
	})
	return p.where, p.whereErr
}

// measured keeps the last few measures of where messages print, by the
// content they were made from. Eight: this package's tests measure five
// different contents, and with four kept the first was made again at
// the end (about 0.4 CPU-seconds). An entry is about 0.55 MB (830
// messages, 6,556 places): a build measures one content, and a process
// keeps at most eight, some 4.4 MB.
var measured = whereMemo{max: 8}

type whereMemo struct {
	mu   sync.Mutex
	max  int
	keys [][sha256.Size]byte // oldest first
	vals map[[sha256.Size]byte]map[string][]Place
}

func (m *whereMemo) get(k [sha256.Size]byte) (map[string][]Place, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	w, ok := m.vals[k]
	return w, ok
}

func (m *whereMemo) put(k [sha256.Size]byte, w map[string][]Place) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.vals == nil {
		m.vals = map[[sha256.Size]byte]map[string][]Place{}
	}
	if _, ok := m.vals[k]; ok {
		return
	}
	if len(m.keys) == m.max {
		delete(m.vals, m.keys[0])
		m.keys = m.keys[1:]
	}
	m.keys = append(m.keys, k)
	m.vals[k] = w
}

// contentKey is a digest of everything the measure reads: every file of
// the audiences, the locales and the content folder, with its name, and
// today's date. ok is false when the project's fonts are the caller's
// (they could draw other widths), or a file cannot be read or is not a
// plain file.
func (p *Project) contentKey() (key [sha256.Size]byte, ok bool) {
	if !p.ownFonts {
		return key, false
	}
	h := sha256.New()
	add := func(label string, fsys fs.FS) error {
		fmt.Fprintf(h, "%s\x00", label)
		return content.HashTree(h, fsys, ".", true)
	}
	if err := add("audiences", p.Audiences); err != nil {
		return key, false
	}
	if err := add("locales", p.Locales); err != nil {
		return key, false
	}
	if p.ContentDir != "" {
		if err := add("content", os.DirFS(p.ContentDir)); err != nil {
			return key, false
		}
	}
	// The content reads the clock by the day alone (a story dated after
	// today is refused): projects opened a minute apart on the same day,
	// as by one command after another in cmd/awarekit's tests, share it.
	fmt.Fprintf(h, "day\x00%s", p.today().UTC().Format(time.DateOnly))
	copy(key[:], h.Sum(nil))
	return key, true
}

func (p *Project) measureWhere() (map[string][]Place, error) {
	msgs := p.Lib.Messages()
	ids := make(map[string]string, len(msgs)) // probe word → message ID
	for i, m := range msgs {
		ids[probeWord(i)] = m.ID
	}
	found := map[string][]Place{}
	ts := typeset.New(p.Fonts)
	add := func(lib *content.Library, req content.Request, place Place, formats []format.Format) error {
		for _, f := range formats {
			d, ok, err := document(lib, f, req)
			if err != nil {
				return fmt.Errorf("measure where messages print: %w", err)
			}
			if !ok {
				continue
			}
			text, err := printed(ts, f, d)
			if err != nil {
				return fmt.Errorf("measure where messages print: %s %s: %w", d.Meta.Audience, f.Name, err)
			}
			for _, tok := range probeWords.FindAllString(strings.ToLower(text), -1) {
				if id, ok := ids[tok]; ok {
					pl := place
					pl.Format = f.Name
					if !slices.Contains(found[id], pl) {
						found[id] = append(found[id], pl)
					}
				}
			}
		}
		return nil
	}
	var text []format.Format
	for _, f := range format.Formats {
		if f.Text != nil {
			text = append(text, f)
		}
	}
	for _, long := range []bool{false, true} {
		lib, err := p.probe(long)
		if err != nil {
			return nil, fmt.Errorf("measure where messages print: %w", err)
		}
		formats := format.Formats
		if long {
			formats = text
		}
		for _, a := range lib.AudienceIDs() {
			if err := add(lib, content.Request{Audience: a, Lang: probeTag, AllowDraft: true}, Place{Audience: a}, formats); err != nil {
				return nil, err
			}
		}
		if long {
			continue
		}
		// A province's lines, and an organisation's own contacts, are
		// the same in every audience's help panel: one audience shows
		// where they print.
		first := lib.AudienceIDs()[0]
		for _, pr := range lib.Provinces() {
			if err := add(lib, content.Request{Audience: first, Lang: probeTag, AllowDraft: true, Province: pr.ID}, Place{With: provinceLines + pr.ID}, formats); err != nil {
				return nil, err
			}
		}
		org := profile.Organisation{Name: "Probe", Phone: "555-0100", Local: []profile.LocalContact{{Label: "Probe", Phone: "555-0101"}}}
		req := content.Request{Audience: first, Lang: probeTag, AllowDraft: true, Org: org, Brand: doc.Brand{OrgName: org.Name}}
		if err := add(lib, req, Place{With: "your organisation's own contacts"}, formats); err != nil {
			return nil, err
		}
	}
	for id, places := range found {
		found[id] = placesWithout(places)
	}
	return found, nil
}

// probe loads the content with the probe language: each message a
// probe word and its placeholders, or, when long, the word and sixty
// more letters.
func (p *Project) probe(long bool) (*content.Library, error) {
	return p.probeWith(func(i int, _ string, en string) string {
		text := probeWord(i)
		if long {
			text += strings.Repeat(" probe", 10)
		}
		for _, ph := range locale.Placeholders(en) {
			text += " {{." + ph + "}}"
		}
		return text
	})
}

// probeWith loads the content with the probe language, whose text for
// each message of the table (the i-th, sorted by ID) is text(i, id,
// its English).
func (p *Project) probeWith(text func(i int, id, en string) string) (*content.Library, error) {
	var file bytes.Buffer // root keys first: a table's header ends them
	var hashes bytes.Buffer
	for i, m := range p.Lib.Messages() {
		en, builtin := p.Lib.Catalog.English(m.ID)
		if l := p.Lib.Catalog.Locale(locale.SourceTag); !builtin && l != nil {
			en = l.Messages[m.ID] // a message of the user's own
		}
		fmt.Fprintf(&file, "%s = %s\n", tomlString(m.ID), tomlString(text(i, m.ID, en)))
		if builtin {
			fmt.Fprintf(&hashes, "%s = %s\n", tomlString(m.ID), tomlString(locale.SourceHash(en)))
		}
	}
	fmt.Fprintf(&file, "[_meta]\nlanguage = %q\nstatus = %q\n[_source]\n", probeTag, locale.StatusDraft)
	file.Write(hashes.Bytes())
	probe := content.Overlay{Upper: fstest.MapFS{probeTag + ".toml": {Data: file.Bytes()}}, Lower: p.Locales}
	return content.Open(content.Options{Audiences: p.Audiences, Locales: probe, UserDir: p.ContentDir, Now: p.Now})
}

// placesWithout drops a province's place where the message prints for
// every audience without it.
func placesWithout(places []Place) []Place {
	var out []Place
	for _, pl := range places {
		if pl.With != "" && slices.ContainsFunc(places, func(o Place) bool { return o.With == "" && o.Format == pl.Format }) {
			continue
		}
		out = append(out, pl)
	}
	return out
}

// probeWords are the words of the probe language: zq, three letters
// that number the message, x. They are letters only, so that every
// format sets them as one word, and of one length, so that none is part
// of another.
var probeWords = regexp.MustCompile(`zq[a-z]{3}x`)

func probeWord(i int) string {
	b := []byte("zqaaax")
	for k := 4; k >= 2; k-- {
		b[k] = byte('a' + i%26)
		i /= 26
	}
	return string(b)
}

// document assembles what format f prints for req: with the parts of
// the workshop kit or the pocket card it prints. ok is false when f is
// not made for req (the audience has no kit or pocket card, or the
// language lacks the kit's, the card's or the social images' text).
func document(lib *content.Library, f format.Format, req content.Request) (d *doc.Document, ok bool, err error) {
	for _, part := range f.Budget.Kit {
		if lib.CheckKit(req.Audience, req.Lang, part) != nil {
			return nil, false, nil
		}
	}
	req.Kit = f.Budget.Kit
	if f.Budget.Pocket && lib.CheckPocket(req.Audience, req.Lang) != nil {
		return nil, false, nil // the pocket card is made for an audience that has one, where written
	}
	req.Pocket = f.Budget.Pocket
	if d, err = lib.Assemble(req); err != nil {
		return nil, false, err
	}
	if f.Budget.Needs(format.Social) && d.Social == nil {
		return nil, false, nil
	}
	return d, true, nil
}

// printed is everything format f prints of d: a text format's file, or
// the text of every line a page format lays out, with the caption
// posted beside an image.
func printed(ts *typeset.Typesetter, f format.Format, d *doc.Document) (string, error) {
	var b bytes.Buffer
	if f.Text != nil {
		if err := f.Text.Write(&b, d); err != nil {
			return "", err
		}
		return b.String(), nil
	}
	ld, err := f.Layout(ts, d, layout.Options{Paper: layout.Papers["letter"]})
	if err != nil {
		return "", err
	}
	for _, pg := range ld.Pages {
		for _, el := range pg.Elements {
			if el.Text == nil {
				continue
			}
			for _, r := range el.Text.Line.Runs {
				b.WriteString(r.Text)
			}
			b.WriteByte('\n')
		}
	}
	if f.Caption != nil {
		if err := f.Caption(&b, d); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

// WhereNote says in words where a message prints: "flyer, handout,
// html (youth, newcomers)"; "every audience" when all print it.
func (p *Project) WhereNote(id string) (string, error) {
	where, err := p.Where()
	if err != nil {
		return "", err
	}
	places := where[id]
	if len(places) == 0 {
		if m, ok := p.Lib.Message(id); ok {
			for _, u := range m.Uses {
				if part, ok := strings.CutPrefix(u, "kit:"); ok {
					return "the workshop kit's " + part + ", which no format prints yet", nil
				}
			}
		}
		return "not printed by any format", nil
	}
	// Group who prints the message by the formats they print it in.
	formatsOf := map[Place][]string{}
	for _, pl := range places {
		who := Place{Audience: pl.Audience, With: pl.With}
		formatsOf[who] = append(formatsOf[who], pl.Format)
	}
	type group struct {
		audiences, provinces, with []string
	}
	groups := map[string]*group{}
	var order []string
	for _, who := range slices.SortedFunc(maps.Keys(formatsOf), func(a, b Place) int {
		return strings.Compare(a.Audience+"\x00"+a.With, b.Audience+"\x00"+b.With)
	}) {
		key := strings.Join(sortFormats(formatsOf[who]), ", ")
		g, ok := groups[key]
		if !ok {
			g = &group{}
			groups[key] = g
			order = append(order, key)
		}
		switch pr, isProvince := strings.CutPrefix(who.With, provinceLines); {
		case isProvince:
			g.provinces = append(g.provinces, pr)
		case who.With != "":
			g.with = append(g.with, who.With)
		default:
			g.audiences = append(g.audiences, who.Audience)
		}
	}
	all := len(p.Lib.AudienceIDs())
	var parts []string
	for _, key := range order {
		g := groups[key]
		var who []string
		switch {
		case len(g.audiences) == all:
			who = append(who, "every audience")
		case len(g.audiences) > 0:
			who = append(who, strings.Join(g.audiences, ", "))
		}
		if len(g.provinces) > 0 {
			who = append(who, "with the lines of province "+strings.Join(g.provinces, ", "))
		}
		for _, w := range g.with {
			who = append(who, "with "+w)
		}
		parts = append(parts, key+" ("+strings.Join(who, "; ")+")")
	}
	return strings.Join(parts, "; "), nil
}

// provinceLines starts the With of a province's lines.
const provinceLines = "the lines of province "

func sortFormats(names []string) []string {
	order := format.Names()
	out := slices.Clone(names)
	slices.SortFunc(out, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
	return slices.Compact(out)
}

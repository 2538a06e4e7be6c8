package serve

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// Limits on a form: far above what the page sends, far below harm.
const (
	maxFields     = 2000    // values in one form
	maxFieldBytes = 8 << 10 // one value
)

// upload is a file sent with a form: only a logo is ever taken.
type upload struct {
	data []byte
}

// errTooLarge is a request or file over its limit.
var errTooLarge = errors.New("too large")

// readForm reads a request's fields without ever writing to disk: a GET's
// query, a POST's url-encoded body, or a multipart body read part by part
// (the standard library's multipart reader would keep a large file in a
// temporary file, outside the server's folder). The one file taken is the
// logo, named logo-file, read up to its limit.
func (s *Server) readForm(r *http.Request) (url.Values, *upload, error) {
	if r.Method == http.MethodGet {
		return r.URL.Query(), nil, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		if err := r.ParseForm(); err != nil {
			return nil, nil, tooLarge(err)
		}
		return r.PostForm, nil, nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, err
	}
	v := url.Values{}
	var up *upload
	n := 0
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return v, up, nil
		}
		if err != nil {
			return nil, nil, tooLarge(err)
		}
		if n++; n > maxFields {
			return nil, nil, errTooLarge
		}
		name := p.FormName()
		if p.FileName() != "" || name == "logo-file" {
			if name != "logo-file" {
				continue // no other file is taken
			}
			// One logo in memory per slot, so many uploads at once cannot
			// exhaust memory.
			s.uploads <- struct{}{}
			data, err := io.ReadAll(io.LimitReader(p, profile.MaxLogoBytes+1))
			<-s.uploads
			if err != nil {
				return nil, nil, tooLarge(err)
			}
			if len(data) > profile.MaxLogoBytes {
				return nil, nil, errTooLarge
			}
			if len(data) > 0 {
				up = &upload{data: data}
			}
			continue
		}
		data, err := io.ReadAll(io.LimitReader(p, maxFieldBytes+1))
		if err != nil {
			return nil, nil, tooLarge(err)
		}
		if len(data) > maxFieldBytes {
			return nil, nil, errTooLarge
		}
		v.Add(name, string(data))
	}
}

func tooLarge(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return errTooLarge
	}
	return err
}

// materials is the form as the person filled it in, kept as typed so the
// page can show it again.
type materials struct {
	Audiences []string
	Langs     []string
	First     string // a two-language document: first language…
	Second    string // …and second
	Formats   []string
	Paper     string
	Style     string
	As        string
	Bleed     string
	CropMarks bool
	// Imposition is how card formats meet the paper: "sheet" (or "")
	// or "single", as --imposition.
	Imposition string
	Org        profile.Organisation // as typed; Logo unused
	Logo       string               // "", "project" or a stored logo's name
	NoLogo     bool                 // "remove the logo" was ticked
	Province   string
	// AllowDraft makes languages a fluent speaker must rewrite, as
	// proofs for a reviewer (--allow-draft).
	AllowDraft bool
	// LocalRows is the form row of each of Org.Local.
	LocalRows []int
}

// rowOf is the form row of local contact i: where rows says, else i.
func rowOf(rows []int, i int) int {
	if i < len(rows) {
		return rows[i]
	}
	return i
}

// formLocal reads the organisation's local contacts: rows local-N-label,
// -phone, -website; a row left empty is no contact. rows says which row
// of the form each contact came from.
func formLocal(v url.Values, prefix string) (cs []profile.LocalContact, rows []int) {
	for i := range profile.MaxLocal {
		p := fmt.Sprintf("%slocal-%d-", prefix, i)
		c := profile.LocalContact{Label: v.Get(p + "label"), Phone: v.Get(p + "phone"), Website: v.Get(p + "website")}
		if strings.TrimSpace(c.Label+c.Phone+c.Website) != "" {
			cs = append(cs, c)
			rows = append(rows, i)
		}
	}
	return cs, rows
}

// addLocal puts local contacts into a query, each in its form row.
func addLocal(v url.Values, prefix string, cs []profile.LocalContact, rows []int) {
	for i, c := range cs {
		p := fmt.Sprintf("%slocal-%d-", prefix, rowOf(rows, i))
		for k, val := range map[string]string{"label": c.Label, "phone": c.Phone, "website": c.Website} {
			if val != "" {
				v.Set(p+k, val)
			}
		}
	}
}

// formMaterials reads the materials form's fields.
func formMaterials(v url.Values) materials {
	m := materials{
		Audiences:  v["audience"],
		Langs:      v["lang"],
		First:      v.Get("first"),
		Second:     v.Get("second"),
		Formats:    v["format"],
		Paper:      v.Get("paper"),
		Style:      v.Get("style"),
		As:         v.Get("as"),
		Bleed:      v.Get("bleed"),
		CropMarks:  v.Get("crop-marks") != "",
		Imposition: v.Get("imposition"),
		Org: profile.Organisation{
			Name: v.Get("org-name"), Phone: v.Get("phone"), Email: v.Get("email"),
			Website: v.Get("website"), Color: v.Get("color"),
		},
		Logo:       v.Get("logo"),
		NoLogo:     v.Get("no-logo") != "",
		Province:   v.Get("province"),
		AllowDraft: v.Get("allow-draft") != "",
	}
	m.Org.Local, m.LocalRows = formLocal(v, "")
	return m
}

// defaultMaterials is the form as the folder's settings fill it.
func (s *Server) defaultMaterials() materials {
	d := s.cfg.Defaults
	m := materials{Audiences: d.Audiences, Formats: d.Formats, Paper: d.Paper, Style: d.Style, Org: d.Org, Province: d.Province, AllowDraft: d.AllowDraft}
	for _, l := range d.Langs {
		if first, second, ok := strings.Cut(l, "+"); ok {
			m.First, m.Second = first, second
			continue
		}
		m.Langs = append(m.Langs, l)
	}
	m.Org.Logo = ""
	if d.Org.Logo != "" {
		m.Logo = projectLogo
	}
	return m
}

// values is the form as a query, for links that keep it (the preview's
// images, the page after "Make").
func (m materials) values() url.Values {
	v := url.Values{}
	add := func(k string, vals ...string) {
		for _, val := range vals {
			if val != "" {
				v.Add(k, val)
			}
		}
	}
	add("audience", m.Audiences...)
	add("lang", m.Langs...)
	add("first", m.First)
	add("second", m.Second)
	add("format", m.Formats...)
	add("paper", m.Paper)
	add("style", m.Style)
	add("as", m.As)
	add("bleed", m.Bleed)
	if m.CropMarks {
		add("crop-marks", "on")
	}
	add("imposition", m.Imposition)
	add("org-name", m.Org.Name)
	add("phone", m.Org.Phone)
	add("email", m.Org.Email)
	add("website", m.Org.Website)
	add("color", m.Org.Color)
	add("logo", m.Logo)
	add("province", m.Province)
	if m.AllowDraft {
		add("allow-draft", "on")
	}
	addLocal(v, "", m.Org.Local, m.LocalRows)
	return v
}

// fieldError is a problem with one field of a form, shown beside it and
// in the list at the top of the page, which links to it.
type fieldError struct {
	Field   string // the input's id; "" for the form as a whole
	Label   string // the field's label, in the page's language
	Message string
}

// request is a checked form: the engine's matrix, the organisation ready
// to print, and the canonical query that names it.
type request struct {
	matrix generate.Matrix
	org    profile.Organisation
	brand  doc.Brand
	jobs   []generate.Resolved
	key    string // the form's canonical query: the same form, the same key
	// notes are what generate says on stderr before it makes anything:
	// each draft language's status, what a format has no room for.
	notes []string
}

// projectLogo names the logo from awarekit.yaml in the form: the browser
// never sees its path.
const projectLogo = "project"

// logoName is what a stored logo is called: the sha256 of its bytes and
// its type. Nothing else is ever looked up in logos/.
var logoName = regexp.MustCompile(`^[0-9a-f]{64}\.(png|jpg)$`)

// check turns the form into a request through the engine, or lists what
// is wrong, each problem with its field.
func (s *Server) check(m materials, u *ui) (*request, []fieldError) {
	var errs []fieldError
	fail := func(field, label, msg string) {
		errs = append(errs, fieldError{Field: field, Label: label, Message: msg})
	}
	langs := slices.Clone(m.Langs)
	switch {
	case m.First != "" && m.Second != "":
		langs = append(langs, m.First+"+"+m.Second)
	case m.First != "" || m.Second != "":
		fail("first", u.T("form.pair.legend"), u.T("error.pair"))
	}
	if len(m.Audiences) == 0 {
		fail("audience-"+firstOr(s.choices.Audiences), u.T("form.audience.legend"), u.T("error.audience"))
	}
	if len(langs) == 0 && m.First == "" && m.Second == "" {
		fail("lang-"+firstOr(s.eng.Languages()), u.T("form.lang.legend"), u.T("error.lang"))
	}
	if len(m.Formats) == 0 {
		fail("format-"+firstOr(formatNames(s.choices.Formats)), u.T("form.format.legend"), u.T("error.format"))
	}
	// Each name at most once: a form sent by hand may repeat them. A
	// group (kit) counts as its members.
	auds, langs, fmts := unique(m.Audiences), unique(langs), unique(m.Formats)
	if n := len(auds) * len(langs) * len(format.Expand(fmts)); n > maxMakeJobs {
		fail("", "", u.T("error.too_many", "Count", n, "Max", maxMakeJobs))
	}
	bleed := 0.0
	if strings.TrimSpace(m.Bleed) != "" {
		b, err := strconv.ParseFloat(strings.TrimSpace(m.Bleed), 64)
		if err != nil || !(b >= 0 && b <= 20) {
			fail("bleed", u.T("form.bleed.label"), u.T("error.bleed"))
		} else {
			bleed = b
		}
	}
	imposition, err := layout.ImpositionByName(m.Imposition)
	if err != nil {
		fail("imposition-"+layout.ImpositionNames[0], u.T("form.imposition.legend"), u.T("error.imposition"))
	}
	org, err := m.Org.Check(nil)
	for _, e := range profile.Problems(err) {
		var fe *profile.FieldError
		if errors.As(e, &fe) {
			field, label := orgFields[fe.Field.Name], ""
			if field != "" {
				label = u.T("form." + field + ".label")
			} else {
				field, label = localField(fe.Field.Name, u, m.LocalRows)
			}
			msg := fe.Problem
			if fe.Fix != "" {
				msg += "; " + fe.Fix
			}
			fail(field, label, msg)
		} else {
			fail("", "", e.Error())
		}
	}
	if !m.NoLogo {
		switch path, err := s.logoPath(m.Logo); {
		case err != nil:
			fail("logo-file", u.T("form.logo-file.label"), err.Error())
		default:
			org.Logo = path
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	mx := generate.Matrix{Audiences: auds, Langs: langs, Formats: fmts, Backend: m.As, Paper: m.Paper, Style: m.Style,
		Print:    layout.PrintOptions{Bleed: bleed * layout.PointsPerMM, CropMarks: m.CropMarks, Imposition: imposition},
		Province: m.Province, AllowDraft: m.AllowDraft}
	if mx.Paper == "" {
		mx.Paper = layout.PaperNames[0]
	}
	jobs, err := s.eng.Expand(mx)
	for _, e := range profile.Problems(err) {
		fail(matrixField(e, s), "", e.Error())
	}
	// As generate: a language a fluent speaker must rewrite is refused
	// unless drafts are allowed; every draft is said, in English.
	notes, err := s.eng.Drafts(jobs)
	for _, e := range profile.Problems(err) {
		var de *content.DraftError
		if errors.As(e, &de) {
			fail("lang-"+de.Lang, s.langLabel(u, de.Lang), u.T("error.must_rewrite", "Reason", e.Error()))
		} else {
			fail("", "", e.Error())
		}
	}
	notes = append(notes, s.eng.Leaves(jobs, org)...)
	brand, err := s.brand(org)
	if err != nil {
		fail("logo-file", u.T("form.logo-file.label"), err.Error())
	}
	if len(errs) > 0 {
		return nil, errs
	}
	// As generate: a logo too small to read, or too coarse, is said. One
	// chosen on this page is named so; its file name is a hash.
	named := org
	if m.Logo != projectLogo {
		named.Logo = chosenLogo
	}
	for _, n := range generate.LogoWarnings(jobs, named, brand) {
		notes = append(notes, theLogo(n))
	}
	key := m.values()
	key.Del("ui")
	if m.NoLogo {
		key.Del("logo")
	}
	return &request{matrix: mx, org: org, brand: brand, jobs: jobs, key: key.Encode(), notes: notes}, nil
}

// orgFields maps the organisation's field names in profile's messages to
// the form's inputs.
var orgFields = map[string]string{
	"organisation name": "org-name", "organisation phone": "phone", "organisation email": "email",
	"organisation website": "website", "organisation colour": "color",
}

var localName = regexp.MustCompile(`^local contact (\d+)(?: (label|phone|website))?$`)

// localField is the input of a local contact's problem, from its name in
// profile's messages ("local contact 2 phone"), and its label.
func localField(name string, u *ui, rows []int) (field, label string) {
	m := localName.FindStringSubmatch(name)
	if m == nil {
		return fmt.Sprintf("local-%d-label", rowOf(rows, 0)), u.T("form.local.legend")
	}
	n, _ := strconv.Atoi(m[1])
	part := m[2]
	if part == "" {
		part = "label"
	}
	row := rowOf(rows, n-1)
	return fmt.Sprintf("local-%d-%s", row, part), u.T("form.local.row", "N", row+1)
}

// matrixField is the input a problem from the engine's Expand is about.
func matrixField(err error, s *Server) string {
	var ul *locale.UnknownLanguageError
	var ue *format.UnknownError
	var be *generate.BilingualError
	var ns *generate.NoSocialError
	var pe *content.UnknownError
	var se *generate.StyleError
	switch {
	case errors.As(err, &se):
		return "style-" + string(se.Style)
	case errors.As(err, &pe) && pe.Kind == "province":
		return "province"
	case errors.As(err, &ul):
		return "lang-" + firstOr(s.eng.Languages())
	case errors.As(err, &be):
		return "first"
	case errors.As(err, &ns):
		return "format-" + ns.Format
	case errors.As(err, &ue) && ue.Kind == "format":
		return "format-" + firstOr(formatNames(s.choices.Formats))
	case errors.As(err, &ue) && ue.Kind == "backend":
		return "as-" + firstOr(s.choices.Backends)
	}
	return ""
}

func firstOr(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

func formatNames(fs []format.Format) []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return names
}

// unique keeps the first of each value, trimmed, in order.
func unique(vals []string) []string {
	var out []string
	for _, v := range vals {
		v = strings.TrimSpace(v)
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// errNoLogo is a logo name that names no logo this server keeps.
var errNoLogo = fmt.Errorf("this logo is no longer here; choose the file again")

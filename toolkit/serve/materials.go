package serve

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// option is one choice on a form.
type option struct {
	ID      string // the input's id
	Value   string
	Label   string
	Hint    string
	Checked bool
}

// langOption is a language on the form, marked as the engine describes
// it: its own name and script direction, a draft translation, a font
// this computer lacks.
type langOption struct {
	option
	Native string
	Lang   string // the native name's language, for screen readers
	Dir    string // "rtl" for a right-to-left language
	Draft  bool
	// MustRewrite marks a draft a fluent speaker must rewrite before it
	// is printed: made only as a proof, with "allow drafts" ticked.
	MustRewrite bool
	FontIssue   string
}

// materialsView is the materials form, filled.
type materialsView struct {
	Audiences []option
	Languages []langOption
	Firsts    []option // the two-language document's first language…
	Seconds   []option // …and its second
	Formats   []option
	Papers    []option
	Styles    []option
	Backends  []option
	Bleed     string
	CropMarks bool
	// Imposition is the form's choice as typed ("" for the default);
	// Impositions are the choices.
	Imposition  string
	Impositions []option
	Org         profile.Organisation
	Color       string // the colour input's value: always a colour
	Logo        string // the logo's name in the form
	LogoLabel   string // what the page says about the current logo
	Provinces   []option
	Local       []localRow
	// AllowDraft is ticked; AnyRewrite says some language needs it.
	AllowDraft bool
	AnyRewrite bool
	errs       map[string]string
}

// localRow is one of the organisation's local contacts on the form.
type localRow struct {
	N                     int    // from 1
	Prefix                string // local-0-
	Label, Phone, Website string
}

// Err is the problem with field id, or "".
func (v *materialsView) Err(id string) string { return v.errs[id] }

// pageData is what every page template gets.
type pageData struct {
	UI       *ui
	Title    string
	Nav      string // which page of the menu this is
	Version  string
	Dir      string
	Query    string // ?ui=… to keep a chosen page language in links
	Errors   []fieldError
	Notice   string
	Form     *materialsView
	Preview  *previewView
	Files    *setView
	Workshop *workshopView
	Build    *buildView
	// query is the query the page was asked with, kept by the link to the
	// other page language, so changing language keeps what was chosen.
	query url.Values
}

// Switch is the link to the page in language lang: the query, encoded
// by url.Values, so it holds nothing a URL may not.
func (p *pageData) Switch(lang string) template.URL {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Set("ui", lang)
	return template.URL("?" + q.Encode())
}

func (s *Server) newPage(u *ui, title, nav string) *pageData {
	p := &pageData{UI: u, Title: title, Nav: nav, Version: s.cfg.Version, Dir: s.dir}
	if u.Chosen {
		p.Query = "ui=" + u.Lang
	}
	return p
}

// materialsPage is the form, filled from the query when it holds one
// (the preview button without the script, the page after "Make"), else
// from the folder's settings.
func (s *Server) materialsPage(w http.ResponseWriter, r *http.Request) {
	u := s.ui.pick(r)
	q := r.URL.Query()
	m := s.defaultMaterials()
	if q.Has("audience") || q.Has("format") || q.Has("lang") || q.Has("first") || q.Has("sent") {
		m = formMaterials(q)
	}
	s.renderMaterials(w, r, u, m, nil, http.StatusOK)
}

// renderMaterials draws the materials page with the form as m, its
// problems, the preview when the form is good, and the files of the set
// the query names.
func (s *Server) renderMaterials(w http.ResponseWriter, r *http.Request, u *ui, m materials, errs []fieldError, status int) {
	p := s.newPage(u, u.T("materials.title"), "materials")
	if r.Method == http.MethodGet {
		p.query = r.URL.Query()
	}
	if len(errs) == 0 && (len(m.Audiences) > 0 || len(m.Formats) > 0) {
		req, problems := s.check(m, u)
		if req != nil {
			p.Preview = s.preview(r.Context(), u, req)
		} else {
			errs = problems
		}
	}
	if id := r.URL.Query().Get("set"); id != "" {
		p.Files = s.setView(u, id)
	}
	p.Errors = errs
	p.Form = s.materialsView(u, m, errs)
	s.render(w, status, "materials.html", p)
}

func (s *Server) materialsView(u *ui, m materials, errs []fieldError) *materialsView {
	v := &materialsView{Bleed: m.Bleed, CropMarks: m.CropMarks, Imposition: m.Imposition, Org: m.Org, Logo: m.Logo, AllowDraft: m.AllowDraft, errs: map[string]string{}}
	v.Provinces = append(v.Provinces, option{Value: "", Label: u.T("form.province.none"), Checked: m.Province == ""})
	for _, p := range s.choices.Provinces {
		v.Provinces = append(v.Provinces, option{Value: p.Value, Label: s.provinceName(u, p), Checked: strings.EqualFold(m.Province, p.Value) || strings.EqualFold(m.Province, p.Label)})
	}
	for i := range profile.MaxLocal {
		v.Local = append(v.Local, localRow{N: i + 1, Prefix: fmt.Sprintf("local-%d-", i)})
	}
	for i, c := range m.Org.Local {
		if r := rowOf(m.LocalRows, i); r < len(v.Local) {
			v.Local[r].Label, v.Local[r].Phone, v.Local[r].Website = c.Label, c.Phone, c.Website
		}
	}
	for _, e := range errs {
		if e.Field != "" {
			v.errs[e.Field] = e.Message
		}
	}
	c := profile.DefaultColor
	if parsed, err := profile.ParseColor(m.Org.Color); err == nil && strings.TrimSpace(m.Org.Color) != "" {
		c = parsed
	}
	v.Color = fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
	switch {
	case m.NoLogo || m.Logo == "":
		v.Logo = ""
	case m.Logo == projectLogo:
		v.LogoLabel = u.T("form.logo.project")
	default:
		v.LogoLabel = u.T("form.logo.current")
	}
	for _, id := range s.choices.Audiences {
		v.Audiences = append(v.Audiences, option{ID: "audience-" + id, Value: id, Label: s.audienceName(u, id), Checked: slices.Contains(m.Audiences, id)})
	}
	v.Firsts = append(v.Firsts, option{Value: "", Label: u.T("form.pair.none"), Checked: m.First == ""})
	v.Seconds = append(v.Seconds, option{Value: "", Label: u.T("form.pair.none"), Checked: m.Second == ""})
	for _, l := range s.choices.Languages {
		o := langOption{option: option{ID: "lang-" + l.Tag, Value: l.Tag, Label: u.LangName(l.Tag, l.Name), Checked: slices.Contains(m.Langs, l.Tag)},
			Native: l.Native, Lang: l.Tag, Draft: strings.HasPrefix(l.Status, "draft"), MustRewrite: s.mustRewrite(l.Tag)}
		v.AnyRewrite = v.AnyRewrite || o.MustRewrite
		if l.RTL {
			o.Dir = "rtl"
		}
		if l.FontsErr != nil {
			o.FontIssue = u.T("form.lang.font", "Problem", l.FontsErr.Error())
		}
		v.Languages = append(v.Languages, o)
		label := o.Label
		if o.Native != "" && o.Native != o.Label {
			label = o.Native + " (" + o.Label + ")"
		}
		v.Firsts = append(v.Firsts, option{Value: l.Tag, Label: label, Checked: m.First == l.Tag})
		v.Seconds = append(v.Seconds, option{Value: l.Tag, Label: label, Checked: m.Second == l.Tag})
	}
	// A group of formats (the workshop kit) is one box, just before its
	// first member, as -f kit is one name.
	groupAt := map[string]format.Group{}
	for _, g := range format.Groups {
		if ms := g.Members(); len(ms) > 0 {
			groupAt[ms[0]] = g
		}
	}
	for _, f := range s.choices.Formats {
		if g, ok := groupAt[f.Name]; ok {
			v.Formats = append(v.Formats, option{ID: "format-" + g.Name, Value: g.Name, Label: s.groupLabel(u, g), Hint: s.groupHint(u, g), Checked: slices.Contains(m.Formats, g.Name)})
		}
		o := option{ID: "format-" + f.Name, Value: f.Name, Label: s.formatLabel(u, f), Hint: s.formatHint(u, f), Checked: slices.Contains(m.Formats, f.Name)}
		v.Formats = append(v.Formats, o)
	}
	imposition := m.Imposition
	if imposition == "" {
		imposition = layout.ImpositionNames[0]
	}
	for _, name := range layout.ImpositionNames {
		v.Impositions = append(v.Impositions, option{ID: "imposition-" + name, Value: name, Label: u.T("form.imposition." + name), Hint: u.T("form.imposition." + name + "-hint"), Checked: strings.EqualFold(imposition, name)})
	}
	paper := m.Paper
	if paper == "" {
		paper = layout.PaperNames[0]
	}
	for _, p := range s.choices.Papers {
		v.Papers = append(v.Papers, option{ID: "paper-" + p, Value: p, Label: u.T("paper." + p), Checked: strings.EqualFold(paper, p)})
	}
	style := cmp.Or(m.Style, string(layout.Standard))
	for _, st := range s.choices.Styles {
		v.Styles = append(v.Styles, option{ID: "style-" + st, Value: st, Label: u.T("style." + st), Hint: u.T("style." + st + "-hint"), Checked: strings.EqualFold(style, st)})
	}
	as := m.As
	if as == "" {
		as = firstOr(s.choices.Backends)
	}
	for _, b := range s.choices.Backends {
		label := u.T("backend." + b)
		if !u.Has("backend." + b) {
			label = b
		}
		v.Backends = append(v.Backends, option{ID: "as-" + b, Value: b, Label: label, Checked: strings.EqualFold(as, b)})
	}
	return v
}

// formatLabel and formatHint name a format from the table in the page's
// language: the page's own message when someone wrote one, else the
// table's English.
func (s *Server) formatLabel(u *ui, f format.Format) string {
	if id := "format." + f.Name + ".name"; u.Has(id) {
		return u.T(id)
	}
	return f.Name
}

func (s *Server) formatHint(u *ui, f format.Format) string {
	if id := "format." + f.Name + ".hint"; u.Has(id) {
		return u.T(id)
	}
	return f.Description
}

// groupLabel and groupHint name a group of formats (the workshop kit)
// as formatLabel and formatHint name a format.
func (s *Server) groupLabel(u *ui, g format.Group) string {
	if id := "format." + g.Name + ".name"; u.Has(id) {
		return u.T(id)
	}
	return g.Title
}

func (s *Server) groupHint(u *ui, g format.Group) string {
	if id := "format." + g.Name + ".hint"; u.Has(id) {
		return u.T(id)
	}
	return g.Description
}

// langLabel names a resolved job's languages in the page's language.
func (s *Server) langLabel(u *ui, tag string) string {
	for _, l := range s.choices.Languages {
		if l.Tag == tag {
			return u.LangName(tag, l.Name)
		}
	}
	return tag
}

// describe says what a job makes, in the page's language: "Youth,
// Flyer, French + English".
func (s *Server) describe(u *ui, r generate.Resolved) string {
	langs := s.langLabel(u, r.Lang)
	if r.Second != "" {
		langs += " + " + s.langLabel(u, r.Second)
	}
	return s.audienceName(u, r.Audience) + ", " + s.formatLabel(u, r.Format) + ", " + langs
}

// previewView is the preview of a form's documents.
type previewView struct {
	Docs  []previewDoc
	More  int      // documents the preview leaves out
	Notes []string // what generate would say first: drafts, what a format leaves out
}

type previewDoc struct {
	Title   string
	Pages   []previewPage
	Text    string // a text format's text
	Lang    string
	Dir     string
	HTMLSrc template.URL // the html format, shown in a sandboxed frame
	Problem string
}

type previewPage struct {
	Src template.URL
	Alt string
}

// layoutKey names a document of a form: its canonical query, its place.
type layoutKey struct {
	form string
	doc  int
}

// laidOut is a document laid out for the preview.
type laidOut struct {
	ld *layout.Document
}

// preview lays out the form's first documents to tell their pages; the
// images themselves are drawn when the browser asks for them.
func (s *Server) preview(ctx context.Context, u *ui, req *request) *previewView {
	v := &previewView{Notes: req.notes}
	for i, job := range req.jobs {
		if i >= maxPreviewDocs {
			v.More = len(req.jobs) - i
			break
		}
		if ctx.Err() != nil {
			break
		}
		d := previewDoc{Title: s.describe(u, job), Lang: job.Lang}
		if s.isRTL(job.Lang) {
			d.Dir = "rtl"
		}
		q := req.key + "&doc=" + strconv.Itoa(i)
		if u.Chosen {
			q += "&ui=" + u.Lang
		}
		switch {
		case job.Format.Paged():
			lo, err := s.layout(req, i)
			if err != nil {
				d.Problem = err.Error()
				break
			}
			for p := range lo.ld.Pages {
				d.Pages = append(d.Pages, previewPage{
					Src: template.URL("/page.png?" + q + "&page=" + strconv.Itoa(p+1)),
					Alt: u.T("preview.alt", "Page", p+1, "Pages", len(lo.ld.Pages), "What", d.Title),
				})
			}
		case job.Format.Text.Ext == "html":
			d.HTMLSrc = template.URL("/page.html?" + q)
		default:
			data, err := s.eng.Render(job, req.org, req.brand)
			if err != nil {
				d.Problem = err.Error()
				break
			}
			d.Text = string(data)
		}
		v.Docs = append(v.Docs, d)
	}
	return v
}

func (s *Server) isRTL(tag string) bool {
	for _, l := range s.choices.Languages {
		if l.Tag == tag {
			return l.RTL
		}
	}
	return false
}

// layout lays out document i of a form, once.
func (s *Server) layout(req *request, i int) (*laidOut, error) {
	key := layoutKey{req.key, i}
	if lo, ok := s.layouts.get(key); ok {
		return lo, nil
	}
	ld, err := s.eng.Layout(req.jobs[i], req.org, req.brand)
	if err != nil {
		return nil, err
	}
	lo := &laidOut{ld: ld}
	s.layouts.put(key, lo)
	return lo, nil
}

// previewFragment is the preview alone, which the page's script puts in
// place as the form changes.
func (s *Server) previewFragment(w http.ResponseWriter, r *http.Request) {
	u := s.ui.pick(r)
	p := s.newPage(u, "", "materials")
	req, errs := s.check(formMaterials(r.URL.Query()), u)
	if req != nil {
		p.Preview = s.preview(r.Context(), u, req)
	}
	p.Errors = errs
	s.render(w, http.StatusOK, "preview", p)
}

// previewDPI draws a page about 800 pixels on its longer side.
func previewDPI(pg layout.Page) float64 {
	long := math.Max(pg.Width, pg.Height)
	if long <= 0 {
		return 72
	}
	return math.Max(36, math.Min(96, math.Round(800*72/long)))
}

// pageImage is one page of a form's document as a PNG, drawn by the
// engine's image backend.
func (s *Server) pageImage(w http.ResponseWriter, r *http.Request) {
	u := s.ui.pick(r)
	q := r.URL.Query()
	req, errs := s.check(formMaterials(q), u)
	if req == nil {
		http.Error(w, errs[0].Message, http.StatusBadRequest)
		return
	}
	i, err1 := strconv.Atoi(q.Get("doc"))
	n, err2 := strconv.Atoi(q.Get("page"))
	if err1 != nil || err2 != nil || i < 0 || i >= len(req.jobs) || i >= maxPreviewDocs || !req.jobs[i].Format.Paged() {
		http.Error(w, "no such page", http.StatusNotFound)
		return
	}
	key := req.key + "#" + strconv.Itoa(i) + "#" + strconv.Itoa(n)
	data, ok := s.images.get(key)
	if !ok {
		lo, err := s.layout(req, i)
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnprocessableEntity)
			return
		}
		if n < 1 || n > len(lo.ld.Pages) {
			http.Error(w, "no such page", http.StatusNotFound)
			return
		}
		b, err := req.jobs[i].Format.Backend(format.PNG.Name)
		if err != nil || b.Page == nil {
			http.Error(w, "this format has no image backend", http.StatusNotFound)
			return
		}
		var buf bytes.Buffer
		if err := b.Page(&buf, lo.ld, n-1, format.Options{Date: s.eng.Date, DPI: previewDPI(lo.ld.Pages[n-1])}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		data = buf.Bytes()
		s.images.put(key, data)
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=60")
	w.Write(data)
}

// pageHTML is a document of the html format, for the preview's frame:
// sandboxed, so nothing in it can act as the page.
func (s *Server) pageHTML(w http.ResponseWriter, r *http.Request) {
	u := s.ui.pick(r)
	q := r.URL.Query()
	req, errs := s.check(formMaterials(q), u)
	if req == nil {
		http.Error(w, errs[0].Message, http.StatusBadRequest)
		return
	}
	i, err := strconv.Atoi(q.Get("doc"))
	if err != nil || i < 0 || i >= len(req.jobs) || i >= maxPreviewDocs || req.jobs[i].Format.Text == nil || req.jobs[i].Format.Text.Ext != "html" {
		http.Error(w, "no such page", http.StatusNotFound)
		return
	}
	data, err := s.eng.Render(req.jobs[i], req.org, req.brand)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(data)
}

// makeFiles makes every file of the form into out/, as generate does
// (every file made before any is written, so a failure leaves no half
// set), and sends the browser to the page that lists them.
func (s *Server) makeFiles(w http.ResponseWriter, r *http.Request) {
	u := s.ui.pick(r)
	v, up, err := s.readForm(r)
	if err != nil {
		s.formTooLarge(w, r, u, err)
		return
	}
	m := formMaterials(v)
	if up != nil {
		name, err := s.storeLogo(up.data)
		if err != nil {
			s.renderMaterials(w, r, u, m, []fieldError{{Field: "logo-file", Label: u.T("form.logo-file.label"), Message: err.Error()}}, http.StatusBadRequest)
			return
		}
		m.Logo, m.NoLogo = name, false
	}
	req, errs := s.check(m, u)
	if req == nil {
		s.renderMaterials(w, r, u, m, errs, http.StatusBadRequest)
		return
	}
	if !s.write.TryLock() {
		s.renderMaterials(w, r, u, m, []fieldError{{Message: u.T("error.busy")}}, http.StatusConflict)
		return
	}
	names, left, err := s.makeSet(r.Context(), req)
	s.write.Unlock()
	if err != nil {
		s.renderMaterials(w, r, u, m, []fieldError{{Message: err.Error()}}, http.StatusUnprocessableEntity)
		return
	}
	id := s.keepSet(names, append(slices.Clone(req.notes), left...))
	q := m.values()
	if m.NoLogo {
		q.Del("logo")
	}
	q.Set("set", id)
	if u.Chosen {
		q.Set("ui", u.Lang)
	}
	http.Redirect(w, r, "/?"+q.Encode()+"#files", http.StatusSeeOther)
}

// makeSet makes and writes a form's files, returning their names and
// what a layout left out for room (generate.LeftNote), for the operator.
func (s *Server) makeSet(ctx context.Context, req *request) (names, left []string, err error) {
	if err := s.eng.CheckOutDir(s.out); err != nil {
		return nil, nil, err
	}
	var files []generate.File
	seen := map[string]bool{}
	for _, job := range req.jobs {
		if err := ctx.Err(); err != nil {
			return nil, nil, fmt.Errorf("stopped before anything was written: %w", err)
		}
		if name := job.FileName(""); seen[name] {
			continue
		} else {
			seen[name] = true
		}
		out, made, err := s.eng.Files(job, "", req.org, req.brand)
		if err != nil {
			return nil, nil, err
		}
		if len(out) > 0 {
			if n := generate.LeftNote(out[0].Name, made, req.org); n != "" {
				left = append(left, n)
			}
		}
		files = append(files, out...)
	}
	for _, f := range files {
		if err := writeOut(s.out, f.Name, f.Data); err != nil {
			return names, left, err
		}
		names = append(names, f.Name)
	}
	return names, left, nil
}

// formTooLarge answers a form that could not be read.
func (s *Server) formTooLarge(w http.ResponseWriter, r *http.Request, u *ui, err error) {
	status, msg := http.StatusBadRequest, u.T("error.form")
	if errors.Is(err, errTooLarge) {
		status, msg = http.StatusRequestEntityTooLarge, u.T("error.too_large", "Max", "20 MB")
	}
	if wantsJSON(r) {
		writeJSON(w, status, map[string]string{"error": msg})
		return
	}
	s.renderMaterials(w, r, u, s.defaultMaterials(), []fieldError{{Field: "logo-file", Label: u.T("form.logo-file.label"), Message: msg}}, status)
}

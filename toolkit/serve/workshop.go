package serve

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	yaml "go.yaml.in/yaml/v3"

	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/plan"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// Limits of the workshop form.
const (
	maxRows      = 50   // rows of one plan on the page
	maxCopies    = 9999 // copies of one material
	defaultPlan  = "workshop.yaml"
	settingsFile = "awarekit.yaml"
)

// planFileName is a plan's name in the folder: a plain YAML file name,
// never a path.
// (Compiled when first used: its counted repetition made compiling it
// a twentieth of every command's start.)
var planFileName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}\.ya?ml$`) })

// checkPlanName refuses what is not a plan's plain file name.
func checkPlanName(name string) error {
	if !planFileName().MatchString(name) || strings.Contains(name, "..") || strings.EqualFold(name, settingsFile) {
		return errors.New("a plan's name is a file name ending in .yaml, of letters, digits, - _ and ., like workshop.yaml (not awarekit.yaml)")
	}
	return nil
}

// workshop is the workshop form as the person filled it in.
type workshop struct {
	Name   string // the plan's file name
	Opened string // the plan that was opened, which saving may replace
	Event  plan.Event
	Paper  string
	Org    profile.Organisation // as typed
	Logo   string
	NoLogo bool
	Rows   []row
	// Replace lets "Save" replace a plan other than the one opened.
	Replace    bool
	Province   string
	AllowDraft bool
	LocalRows  []int // the form row of each of Org.Local
}

// row is one line of the plan: every audience × language × format in it.
type row struct {
	Audiences []string
	Langs     []string
	First     string
	Second    string
	Formats   []string
	Copies    string
	Paper     string
	Style     string // "" for the settings' style
}

// formWorkshop reads the workshop form.
func formWorkshop(v url.Values) workshop {
	w := workshop{
		Name:   strings.TrimSpace(v.Get("plan-name")),
		Opened: v.Get("opened"),
		Event:  plan.Event{Name: v.Get("ev-name"), Date: v.Get("ev-date"), Place: v.Get("ev-place"), Facilitator: v.Get("ev-facilitator")},
		Paper:  v.Get("paper"),
		Org: profile.Organisation{Name: v.Get("org-name"), Phone: v.Get("phone"), Email: v.Get("email"),
			Website: v.Get("website"), Color: v.Get("color")},
		Logo:       v.Get("logo"),
		NoLogo:     v.Get("no-logo") != "",
		Replace:    v.Get("replace") != "",
		Province:   v.Get("province"),
		AllowDraft: v.Get("allow-draft") != "",
	}
	w.Org.Local, w.LocalRows = formLocal(v, "")
	n, _ := strconv.Atoi(v.Get("rows"))
	n = min(max(n, 0), maxRows)
	for i := range n {
		p := "r" + strconv.Itoa(i) + "-"
		w.Rows = append(w.Rows, row{
			Audiences: v[p+"audience"], Langs: v[p+"lang"], First: v.Get(p + "first"), Second: v.Get(p + "second"),
			Formats: v[p+"format"], Copies: v.Get(p + "copies"), Paper: v.Get(p + "paper"), Style: v.Get(p + "style"),
		})
	}
	return w
}

// defaultWorkshop is a new plan: one row as the folder's settings say.
func (s *Server) defaultWorkshop() workshop {
	m := s.defaultMaterials()
	return workshop{
		Name: defaultPlan, Paper: m.Paper, Org: m.Org, Logo: m.Logo, Province: m.Province, AllowDraft: m.AllowDraft,
		Rows: []row{{Audiences: m.Audiences, Langs: m.Langs, First: m.First, Second: m.Second, Formats: m.Formats, Copies: "10"}},
	}
}

// planYAML is the plan file the form describes, in the shape `awarekit
// build` reads (see `awarekit schema plan`).
type planYAML struct {
	Event        *plan.Event   `yaml:"event,omitempty"`
	Province     string        `yaml:"province,omitempty"`
	AllowDraft   *bool         `yaml:"allow_draft,omitempty"`
	Organisation *orgYAML      `yaml:"organisation,omitempty"`
	Defaults     *defaultsYAML `yaml:"defaults,omitempty"`
	Outputs      []itemYAML    `yaml:"outputs"`
}

type orgYAML struct {
	Name    string `yaml:"name,omitempty"`
	Phone   string `yaml:"phone,omitempty"`
	Email   string `yaml:"email,omitempty"`
	Website string `yaml:"website,omitempty"`
	Logo    string `yaml:"logo,omitempty"`
	Color   string `yaml:"color,omitempty"`
	// Local is written when it differs from awarekit.yaml's.
	Local []localYAML `yaml:"local,omitempty"`
}

type localYAML struct {
	Label   string `yaml:"label"`
	Phone   string `yaml:"phone,omitempty"`
	Website string `yaml:"website,omitempty"`
}

type defaultsYAML struct {
	Paper string `yaml:"paper,omitempty"`
}

type itemYAML struct {
	Audiences []string `yaml:"audiences,omitempty,flow"`
	Languages []string `yaml:"languages,omitempty,flow"`
	Formats   []string `yaml:"formats,omitempty,flow"`
	Copies    int      `yaml:"copies,omitempty"`
	Paper     string   `yaml:"paper,omitempty"`
	Style     string   `yaml:"style,omitempty"`
}

// yaml writes the plan file. The organisation holds only what differs
// from awarekit.yaml, which the plan inherits, and a logo chosen here by
// its place in logos/, relative to the plan.
func (s *Server) yaml(w workshop, u *ui) ([]byte, []fieldError) {
	var errs []fieldError
	p := planYAML{}
	if w.Event != (plan.Event{}) {
		ev := w.Event
		p.Event = &ev
	}
	def := s.cfg.Defaults.Org
	o := orgYAML{}
	diff := func(typed, inherited string) string {
		if strings.TrimSpace(typed) == strings.TrimSpace(inherited) {
			return ""
		}
		return typed
	}
	o.Name, o.Phone, o.Email, o.Website = diff(w.Org.Name, def.Name), diff(w.Org.Phone, def.Phone), diff(w.Org.Email, def.Email), diff(w.Org.Website, def.Website)
	if c := diff(w.Org.Color, def.Color); c != "" && !strings.EqualFold(c, s.colorOf(def.Color)) {
		o.Color = c
	}
	if !w.NoLogo && w.Logo != "" && w.Logo != projectLogo {
		if _, err := s.logoPath(w.Logo); err != nil {
			errs = append(errs, fieldError{Field: "logo-file", Label: u.T("form.logo-file.label"), Message: err.Error()})
		} else {
			o.Logo = LogoDir + "/" + w.Logo
		}
	}
	if !slices.Equal(w.Org.Local, def.Local) {
		for _, c := range w.Org.Local {
			o.Local = append(o.Local, localYAML{Label: c.Label, Phone: c.Phone, Website: c.Website})
		}
	}
	if o.Name != "" || o.Phone != "" || o.Email != "" || o.Website != "" || o.Logo != "" || o.Color != "" || len(o.Local) > 0 {
		p.Organisation = &o
	}
	// Province and drafts: written when they differ from awarekit.yaml's,
	// which the plan inherits.
	if !strings.EqualFold(w.Province, s.cfg.Defaults.Province) {
		p.Province = w.Province
		if w.Province == "" {
			errs = append(errs, fieldError{Field: "province", Label: u.T("form.province.label"), Message: u.T("error.province_none")})
		}
	}
	if w.AllowDraft != s.cfg.Defaults.AllowDraft {
		b := w.AllowDraft
		p.AllowDraft = &b
	}
	if w.Paper != "" {
		p.Defaults = &defaultsYAML{Paper: w.Paper}
	}
	for i, r := range w.Rows {
		it := itemYAML{Audiences: unique(r.Audiences), Languages: unique(r.Langs), Formats: unique(r.Formats), Paper: r.Paper}
		if !strings.EqualFold(cmp.Or(r.Style, s.defaultStyle()), s.defaultStyle()) {
			it.Style = r.Style // the settings' style is the plan's, unwritten
		}
		switch {
		case r.First != "" && r.Second != "":
			it.Languages = append(it.Languages, r.First+"+"+r.Second)
		case r.First != "" || r.Second != "":
			errs = append(errs, fieldError{Field: rowField(i, "first"), Label: u.T("workshop.row", "N", i+1), Message: u.T("error.pair")})
		}
		if c := strings.TrimSpace(r.Copies); c != "" {
			n, err := strconv.Atoi(c)
			if err != nil || n < 1 || n > maxCopies {
				errs = append(errs, fieldError{Field: rowField(i, "copies"), Label: u.T("workshop.row", "N", i+1), Message: u.T("error.copies", "Max", maxCopies)})
			}
			it.Copies = n
		}
		p.Outputs = append(p.Outputs, it)
	}
	if len(p.Outputs) == 0 {
		errs = append(errs, fieldError{Label: "", Message: u.T("error.no_rows")})
	}
	data, err := yaml.Marshal(p)
	if err != nil {
		errs = append(errs, fieldError{Message: err.Error()})
	}
	return data, errs
}

func (s *Server) colorOf(c string) string {
	if parsed, err := profile.ParseColor(c); err == nil && c != "" {
		return fmt.Sprintf("#%02x%02x%02x", parsed.R, parsed.G, parsed.B)
	}
	return c
}

func rowField(i int, name string) string {
	return "r" + strconv.Itoa(i) + "-" + name
}

// project is what a plan built here inherits: the folder's settings.
func (s *Server) project() plan.Project {
	d := s.cfg.Defaults
	return plan.Project{Paper: d.Paper, Formats: d.Formats, Org: d.Org, Fonts: s.cfg.Fonts, Province: d.Province, AllowDraft: d.AllowDraft}
}

// parsePlan checks the form's plan through the plan reader `awarekit
// build` uses, with every problem placed at its row or field.
func (s *Server) parsePlan(w workshop, u *ui) (*plan.Plan, []byte, []fieldError) {
	data, errs := s.yaml(w, u)
	if len(errs) > 0 {
		return nil, data, errs
	}
	name := w.Name
	if checkPlanName(name) != nil {
		name = defaultPlan
	}
	pl, err := plan.Parse(s.eng, filepath.Join(s.dir, name), data, s.project())
	var pe *plan.PlanError
	switch {
	case errors.As(err, &pe):
		for _, p := range pe.Problems {
			errs = append(errs, s.planProblem(p, u))
		}
		return nil, data, errs
	case err != nil:
		return nil, data, []fieldError{{Message: err.Error()}}
	}
	return pl, data, nil
}

var itemField = regexp.MustCompile(`^outputs\[(\d+)\](?:\.(\w+))?`)

// planProblem places a problem the plan reader found at the form's field.
func (s *Server) planProblem(p plan.Problem, u *ui) fieldError {
	if m := itemField.FindStringSubmatch(p.Field); m != nil {
		i, _ := strconv.Atoi(m[1])
		field := rowField(i, "audience-"+firstOr(s.choices.Audiences))
		switch strings.TrimSuffix(m[2], "s") {
		case "language":
			field = rowField(i, "lang-"+firstOr(s.eng.Languages()))
		case "format":
			field = rowField(i, "format-"+firstOr(formatNames(s.choices.Formats)))
		case "copie":
			field = rowField(i, "copies")
		case "paper":
			field = rowField(i, "paper")
		case "style":
			field = rowField(i, "style")
		}
		return fieldError{Field: field, Label: u.T("workshop.row", "N", i+1), Message: p.Message}
	}
	fields := map[string]string{
		"event.name": "ev-name", "event.date": "ev-date", "event.place": "ev-place", "event.facilitator": "ev-facilitator",
		"organisation.name": "org-name", "organisation.phone": "phone", "organisation.email": "email",
		"organisation.website": "website", "organisation.color": "color", "organisation.logo": "logo-file", "defaults.paper": "paper-" + firstOr(s.choices.Papers),
		"province": "province", "organisation.local": "local-0-label",
	}
	if f, ok := fields[p.Field]; ok {
		return fieldError{Field: f, Label: u.T("form." + f + ".label"), Message: p.Message}
	}
	return fieldError{Message: p.Message}
}

// savedPlans lists the plan files in the folder.
func (s *Server) savedPlans() []string {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && checkPlanName(e.Name()) == nil {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// openPlan reads a saved plan into the form, through the plan reader.
// What the page cannot show (file name patterns, bleed, images) is said,
// since saving from the page would leave it out.
func (s *Server) openPlan(name string, u *ui) (workshop, []fieldError, string) {
	w := s.defaultWorkshop()
	if err := checkPlanName(name); err != nil {
		return w, []fieldError{{Message: err.Error()}}, ""
	}
	pl, err := plan.Load(s.eng, filepath.Join(s.dir, name), s.project())
	if err != nil {
		var pe *plan.PlanError
		if errors.As(err, &pe) {
			var errs []fieldError
			for _, p := range pe.Problems {
				errs = append(errs, fieldError{Message: p.String()})
			}
			return w, errs, ""
		}
		if errors.Is(err, fs.ErrNotExist) {
			return w, []fieldError{{Message: u.T("error.no_plan", "Name", name)}}, ""
		}
		return w, []fieldError{{Message: err.Error()}}, ""
	}
	w = workshop{Name: name, Opened: name, Event: pl.Event, Paper: pl.Paper.Name, Org: pl.Org, Province: pl.Province, AllowDraft: pl.AllowDraft}
	switch {
	case pl.Org.Logo == "":
	case pl.Org.Logo == s.cfg.Defaults.Org.Logo:
		w.Logo = projectLogo
	case filepath.Dir(pl.Org.Logo) == filepath.Join(s.dir, LogoDir) && logoName.MatchString(filepath.Base(pl.Org.Logo)):
		w.Logo = filepath.Base(pl.Org.Logo)
	}
	w.Org.Logo = ""
	lost := false
	byItem := map[int]*row{}
	// copiesFrom says the row's copies came from an output the kit
	// counts apart (one guide; a sign-in sheet for every 12 people):
	// another output of the row gives the copies asked for.
	copiesFrom := map[int]bool{}
	var order []int
	for _, o := range pl.Outputs {
		r, ok := byItem[o.Item]
		if ok && copiesFrom[o.Item] && !kitCounted(o) {
			r.Copies, copiesFrom[o.Item] = strconv.Itoa(o.Copies), false
		}
		if !ok {
			r = &row{Copies: strconv.Itoa(o.Copies)}
			copiesFrom[o.Item] = kitCounted(o)
			if o.Job.Paper.Name != pl.Paper.Name {
				r.Paper = o.Job.Paper.Name
			}
			r.Style = string(o.Job.Style)
			byItem[o.Item] = r
			order = append(order, o.Item)
		}
		if !slices.Contains(r.Audiences, o.Job.Audience) {
			r.Audiences = append(r.Audiences, o.Job.Audience)
		}
		if o.Job.Second != "" {
			r.First, r.Second = o.Job.Lang, o.Job.Second
		} else if !slices.Contains(r.Langs, o.Job.Lang) {
			r.Langs = append(r.Langs, o.Job.Lang)
		}
		// A member of a group (the kit) is the group on the page, as the
		// form asked for it: its members listed apart would each be
		// counted as the row's copies, 12 guides where the kit makes one.
		if f := cmp.Or(o.Job.Group, o.Job.Format.Name); !slices.Contains(r.Formats, f) {
			r.Formats = append(r.Formats, f)
		}
		plain := o.Job.Backend.Name == "" || o.Job.Backend.Name == o.Job.Format.BackendNames()[0]
		if o.Job.Print != (layout.PrintOptions{}) || !plain || o.Pattern != "" || (o.Name != o.Job.FileName("") && !strings.HasPrefix(o.Name, strings.TrimSuffix(o.Job.FileName(""), "."+o.Job.Ext())+"-")) {
			lost = true
		}
	}
	sort.Ints(order)
	for _, i := range order {
		w.Rows = append(w.Rows, *byItem[i])
	}
	notice := u.T("workshop.opened", "Name", name)
	if lost {
		notice += " " + u.T("workshop.lost")
	}
	return w, nil, notice
}

// kitCounted says the copies of o are not its row's: the kit makes one
// facilitator guide, and a sign-in sheet for every 12 people.
func kitCounted(o plan.Output) bool {
	return o.Job.Group != "" && (o.Job.Format.Name == "guide" || o.Job.Format.Name == "signin")
}

// workshopView is the workshop form, filled.
type workshopView struct {
	Plans     []string
	Name      string
	Opened    string
	Event     plan.Event
	Papers    []option
	Org       profile.Organisation
	Color     string
	Logo      string
	LogoLabel string
	Local     []localRow
	Provinces []option
	// AllowDraft is ticked; AnyRewrite says some language needs it.
	AllowDraft bool
	AnyRewrite bool
	Rows       []rowView
	Outputs    []string // what the plan makes, after "Check"
	Notes      []string // what build would say first
	Copies     int
	Building   bool
	errs       map[string]string
}

// Err is the problem with field id, or "".
func (v *workshopView) Err(id string) string { return v.errs[id] }

type rowView struct {
	N         int // from 1
	Index     int // from 0
	Prefix    string
	Audiences []option
	Languages []langOption
	Firsts    []option
	Seconds   []option
	Formats   []option
	Papers    []option
	Styles    []option
	Copies    string
}

func (s *Server) workshopView(u *ui, w workshop, errs []fieldError) *workshopView {
	// The row's choices are the materials form's, under the row's names.
	mv := s.materialsView(u, materials{Paper: w.Paper, Org: w.Org, Logo: w.Logo, NoLogo: w.NoLogo, Province: w.Province, AllowDraft: w.AllowDraft, LocalRows: w.LocalRows}, errs)
	v := &workshopView{Plans: s.savedPlans(), Name: w.Name, Opened: w.Opened, Event: w.Event, Papers: mv.Papers,
		Org: w.Org, Color: mv.Color, Logo: mv.Logo, LogoLabel: mv.LogoLabel, Local: mv.Local, Provinces: mv.Provinces,
		AllowDraft: w.AllowDraft, AnyRewrite: mv.AnyRewrite, errs: mv.errs}
	for i, r := range w.Rows {
		p := rowField(i, "")
		rm := s.materialsView(u, materials{Audiences: r.Audiences, Langs: r.Langs, First: r.First, Second: r.Second, Formats: r.Formats}, nil)
		rv := rowView{N: i + 1, Index: i, Prefix: p, Copies: r.Copies}
		for _, o := range rm.Audiences {
			o.ID = p + o.ID
			rv.Audiences = append(rv.Audiences, o)
		}
		for _, o := range rm.Languages {
			o.ID = p + o.ID
			rv.Languages = append(rv.Languages, o)
		}
		for _, o := range rm.Formats {
			o.ID = p + o.ID
			rv.Formats = append(rv.Formats, o)
		}
		rv.Firsts, rv.Seconds = rm.Firsts, rm.Seconds
		rv.Papers = append(rv.Papers, option{Value: "", Label: u.T("workshop.paper_default"), Checked: r.Paper == ""})
		for _, pp := range s.choices.Papers {
			rv.Papers = append(rv.Papers, option{Value: pp, Label: u.T("paper." + pp), Checked: r.Paper == pp})
		}
		style := cmp.Or(r.Style, s.defaultStyle())
		for _, st := range s.choices.Styles {
			rv.Styles = append(rv.Styles, option{Value: st, Label: u.T("style." + st), Checked: strings.EqualFold(style, st)})
		}
		v.Rows = append(v.Rows, rv)
	}
	return v
}

// defaultStyle is the style awarekit.yaml sets, which a plan inherits.
func (s *Server) defaultStyle() string {
	return cmp.Or(s.cfg.Defaults.Style, string(layout.Standard))
}

// workshopPage is the workshop form: a new plan, or a saved one opened.
func (s *Server) workshopPage(w http.ResponseWriter, r *http.Request) {
	u := s.ui.pick(r)
	ws := s.defaultWorkshop()
	var errs []fieldError
	var notice string
	name := r.URL.Query().Get("plan")
	if name != "" {
		ws, errs, notice = s.openPlan(name, u)
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusBadRequest
	}
	p := s.workshopData(u, ws, errs, notice, nil)
	if name != "" {
		// The link to the page in the other language opens the same plan.
		p.query = url.Values{"plan": {name}}
	}
	s.render(w, status, "workshop.html", p)
}

func (s *Server) renderWorkshop(w http.ResponseWriter, u *ui, ws workshop, errs []fieldError, notice string, pl *plan.Plan, status int) {
	s.render(w, status, "workshop.html", s.workshopData(u, ws, errs, notice, pl))
}

// workshopData is what the workshop page shows: the form, its problems,
// and the plan's outputs once it is checked.
func (s *Server) workshopData(u *ui, ws workshop, errs []fieldError, notice string, pl *plan.Plan) *pageData {
	p := s.newPage(u, u.T("workshop.title"), "workshop")
	p.Errors, p.Notice = errs, notice
	p.Workshop = s.workshopView(u, ws, errs)
	if pl != nil {
		for _, o := range pl.Outputs {
			p.Workshop.Outputs = append(p.Workshop.Outputs, u.T("workshop.output", "Name", o.Name, "What", s.describe(u, *o.Job), "Copies", o.Copies))
			p.Workshop.Copies += o.Copies
		}
		p.Workshop.Notes = s.planNotes(pl)
	}
	p.Workshop.Building = s.running()
	return p
}

// workshopAction is a press of one of the workshop form's buttons: add or
// remove a row, check the plan, save it, build it.
func (s *Server) workshopAction(w http.ResponseWriter, r *http.Request) {
	u := s.ui.pick(r)
	v, up, err := s.readForm(r)
	if err != nil {
		status, msg := http.StatusBadRequest, u.T("error.form")
		if errors.Is(err, errTooLarge) {
			status, msg = http.StatusRequestEntityTooLarge, u.T("error.too_large", "Max", "20 MB")
		}
		s.renderWorkshop(w, u, s.defaultWorkshop(), []fieldError{{Message: msg}}, "", nil, status)
		return
	}
	ws := formWorkshop(v)
	if up != nil {
		name, err := s.storeLogo(up.data)
		if err != nil {
			s.renderWorkshop(w, u, ws, []fieldError{{Field: "logo-file", Label: u.T("form.logo-file.label"), Message: err.Error()}}, "", nil, http.StatusBadRequest)
			return
		}
		ws.Logo, ws.NoLogo = name, false
	}
	action := v.Get("action")
	switch {
	case action == "add":
		if len(ws.Rows) < maxRows {
			ws.Rows = append(ws.Rows, row{Copies: "10"})
		}
		s.renderWorkshop(w, u, ws, nil, "", nil, http.StatusOK)
		return
	case strings.HasPrefix(action, "remove-"):
		if i, err := strconv.Atoi(strings.TrimPrefix(action, "remove-")); err == nil && i >= 0 && i < len(ws.Rows) {
			ws.Rows = slices.Delete(ws.Rows, i, i+1)
		}
		s.renderWorkshop(w, u, ws, nil, "", nil, http.StatusOK)
		return
	}
	pl, data, errs := s.parsePlan(ws, u)
	if len(errs) > 0 {
		s.renderWorkshop(w, u, ws, errs, "", nil, http.StatusBadRequest)
		return
	}
	switch action {
	case "save":
		if err := checkPlanName(ws.Name); err != nil {
			s.renderWorkshop(w, u, ws, []fieldError{{Field: "plan-name", Label: u.T("form.plan-name.label"), Message: err.Error()}}, "", pl, http.StatusBadRequest)
			return
		}
		path := filepath.Join(s.dir, ws.Name)
		if _, err := os.Lstat(path); err == nil && ws.Name != ws.Opened && !ws.Replace {
			s.renderWorkshop(w, u, ws, []fieldError{{Field: "plan-name", Label: u.T("form.plan-name.label"), Message: u.T("error.plan_exists", "Name", ws.Name)}}, "", pl, http.StatusConflict)
			return
		}
		head := "# " + u.T("workshop.header", "Name", ws.Name) + "\n# awarekit build " + ws.Name + "\n"
		if err := output.WriteFile(path, append([]byte(head), data...)); err != nil {
			s.renderWorkshop(w, u, ws, []fieldError{{Message: err.Error()}}, "", pl, http.StatusInternalServerError)
			return
		}
		ws.Opened = ws.Name
		s.renderWorkshop(w, u, ws, nil, u.T("workshop.saved", "Name", ws.Name, "Dir", s.dir), pl, http.StatusOK)
	case "build":
		if err := s.startBuild(pl, ws.Name); err != nil {
			s.renderWorkshop(w, u, ws, []fieldError{{Message: u.T("error.busy")}}, "", pl, http.StatusConflict)
			return
		}
		target := "/workshop/build"
		if u.Chosen {
			target += "?ui=" + u.Lang
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
	default: // "check", or Enter in a field
		s.renderWorkshop(w, u, ws, nil, u.T("workshop.checked", "Count", len(pl.Outputs)), pl, http.StatusOK)
	}
}

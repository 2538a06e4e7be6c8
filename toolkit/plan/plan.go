// Package plan reads a build plan (awarekit build workshop.yaml): it
// decodes the YAML against the plan's spec, reporting every problem with
// its line and field at once, checks every name through the engine,
// expands matrices of audiences × languages × formats into named outputs,
// and describes the same spec as a JSON Schema for editors.
package plan

import (
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/pack"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// Plan is a checked plan: every material it asks for, named, in plan order.
type Plan struct {
	File  string // as given; names the plan in messages
	Dir   string // relative paths in the plan are relative to this folder
	Event Event
	Org   profile.Organisation
	// Orgs are the organisations the outputs are made for: Orgs.At(0) is
	// Org, then each item's own organisation and each partner's, once.
	Orgs OrgTable
	// Sets are the parts of the build made for one organisation each, in
	// plan order: with partners (organisations:), one per partner in a
	// folder of its own; without, one in the output folder itself.
	Sets    []Set
	Fonts   map[string][]string // the project's fonts: setting
	Outputs []Output
	Paper   layout.Paper // the plan's default paper; the cover sheet's
	Pack    bool         // make pack.pdf and index.html
	// Province is the province whose verified lines every output adds,
	// or "".
	Province string
	// AllowDraft lets the plan make languages a fluent speaker must
	// rewrite (proofs).
	AllowDraft bool
	// Warnings are things the plan asked for that were adjusted: two
	// outputs with one name, or the same material asked for twice.
	Warnings []Problem
}

// Event is the session the materials are for.
type Event struct {
	Name        string `json:"name,omitempty"`
	Date        string `json:"date,omitempty"`
	Place       string `json:"place,omitempty"`
	Facilitator string `json:"facilitator,omitempty"`
}

// Doc is the event for printing, or nil when the plan names none.
func (e Event) Doc() *doc.Event {
	if e == (Event{}) {
		return nil
	}
	return &doc.Event{Name: e.Name, Date: e.Date, Place: e.Place, Facilitator: e.Facilitator}
}

// Set is the part of a build made for one organisation, with a pack.pdf
// and an index.html of its own in its folder.
type Set struct {
	// Folder is where its files go, under the output folder: a partner's
	// folder name, or "" for the output folder itself.
	Folder string
	Org    int // index in Plan.Orgs: whose cover sheet and index page
}

// Path is name inside the set's folder, as a path under the output
// folder with forward slashes (as the manifest records it).
func (s Set) Path(name string) string {
	if s.Folder == "" {
		return name
	}
	return s.Folder + "/" + name
}

// Output is one file the plan makes.
type Output struct {
	// Name is the file's path under the output folder, unique in the
	// plan: a file name, after its set's folder and a slash when the
	// set has one.
	Name string
	// Pattern names the files of a backend that makes one per page (png,
	// svg): Name is then the first page's.
	Pattern string
	// Job is what the output is: shared by the outputs that are the
	// same material for other organisations or names (a plan of ten
	// thousand outputs holds a handful of jobs), and never changed.
	Job    *generate.Resolved
	Copies int
	Item   int // index of the plan's outputs item it came from
	Org    int // index in Plan.Orgs of the organisation it is made for
	Set    int // index in Plan.Sets
}

// Project is what a plan inherits from the project it lives in
// (awarekit.yaml): values the plan leaves out.
type Project struct {
	Paper   string
	Style   string   // of outputs that name none, after the plan's defaults; "" is standard
	Formats []string // formats of outputs that name none, after the plan's defaults
	Org     profile.Organisation
	// Fonts are the font files the project names per script (fonts: in
	// awarekit.yaml); the caller gives them to the engine, and a change
	// of them rebuilds what they draw.
	Fonts map[string][]string
	// Province and AllowDraft are the settings' defaults for a plan that
	// does not set them.
	Province   string
	AllowDraft bool
}

// Reserved names the files a build writes besides the outputs; no
// output may take one.
var Reserved = []string{manifest.FileName, pack.FileName, pack.IndexName}

// MaxOutputs is the most outputs one plan may make, matrices expanded:
// ten times a large workshop pack, and a bound on the work and disk a
// plan file can ask for.
const MaxOutputs = 10_000

// Load reads and checks the plan at path.
func Load(eng *generate.Engine, path string, proj Project) (*Plan, error) {
	r, err := Read(path)
	if err != nil {
		return nil, err
	}
	return r.Check(eng, proj)
}

// Parse checks a plan read from file. It reports every problem at once,
// each with its line and field, as a *PlanError.
func Parse(eng *generate.Engine, file string, data []byte, proj Project) (*Plan, error) {
	return parseFile(eng, file, data, proj, true)
}

// parseFile is Parse; pieces lets it read a long outputs: list a piece at a
// time (decodePieces), which its tests turn off to compare.
func parseFile(eng *generate.Engine, file string, data []byte, proj Project, pieces bool) (*Plan, error) {
	return decodeFile(file, data, pieces).Check(eng, proj)
}

// Decoded is a plan file read and decoded, its YAML's problems noted,
// before the checks that need the engine (Check). Reading a plan needs
// no engine, so a build reads it while the engine opens: the YAML of a
// plan of 1,000 items and the content were each about a quarter of the
// build's start, on one core.
type Decoded struct {
	d    *decoder
	spec planSpec
}

// Read reads and decodes the plan at path; Check checks it. The error is
// one of reading the file; problems in it come from Check.
func Read(path string) (*Decoded, error) {
	data, err := input.ReadFile(input.Plan, path)
	if err != nil {
		return nil, err
	}
	return decodeFile(path, data, true), nil
}

func decodeFile(file string, data []byte, pieces bool) *Decoded {
	d := newDecoder(file)
	var spec planSpec
	if !pieces || !d.decodePieces(data, &spec) {
		d, spec = newDecoder(file), planSpec{}
		if root := d.parse(data); root != nil {
			d.mapping(root, reflect.ValueOf(&spec).Elem(), "")
		}
		if d.null["outputs"] {
			// outputs: with every item commented out made nothing and
			// exited 0, and left the last build's pack in the manifest.
			d.problem(d.at["outputs"], "outputs", "should have at least 1 item")
		}
	}
	return &Decoded{d: d, spec: spec}
}

// Items is the number of items of the plan's outputs list.
func (r *Decoded) Items() int { return len(r.spec.Outputs) }

// Languages are the languages the plan names, as written (each item's
// language and languages, then the defaults'), each once.
func (r *Decoded) Languages() []string {
	var langs []string
	add := func(names ...string) {
		for _, n := range names {
			if n != "" && !slices.Contains(langs, n) {
				langs = append(langs, n)
			}
		}
	}
	for _, it := range r.spec.Outputs {
		add(it.Language)
		add(it.Languages...)
	}
	add(r.spec.Defaults.Languages...)
	return langs
}

// Check checks the plan read against eng's content and proj. It reports
// every problem at once, the file's and the checks', each with its line
// and field, as a *PlanError. It is called once.
func (r *Decoded) Check(eng *generate.Engine, proj Project) (*Plan, error) {
	d := r.d
	plan := d.check(eng, &r.spec, filepath.Dir(d.file), proj)
	if ps := d.sorted(); len(ps) > 0 {
		return nil, &PlanError{File: d.file, Problems: ps}
	}
	return plan, nil
}

// check turns a decoded spec into a plan, reporting what the file's shape
// cannot say: names the engine does not know, bad colours and logos,
// unknown placeholders, and features not there yet.
func (d *decoder) check(eng *generate.Engine, s *planSpec, dir string, proj Project) *Plan {
	p := &Plan{
		File: d.file,
		Dir:  dir,
		Pack: s.Pack == nil || *s.Pack,
	}

	// Text people typed is checked once, here, with the line it is on.
	from := func(field string) string { return fmt.Sprintf("plan %s:%d", d.file, d.find(field).line) }
	for _, ev := range []struct {
		key string
		val *string
	}{{"name", &s.Event.Name}, {"date", &s.Event.Date}, {"place", &s.Event.Place}, {"facilitator", &s.Event.Facilitator}} {
		field := "event." + ev.key
		v, err := profile.CheckText(profile.Field{Name: "event " + ev.key, From: from(field)}, *ev.val, profile.MaxName)
		if err != nil {
			d.fieldProblem(field, err)
		}
		*ev.val = v
	}
	p.Event = Event(s.Event)
	p.Org = inherit(d.org("organisation", s.Organisation, dir), proj.Org)
	var orgs orgList
	orgs.add(p.Org)
	p.Province, p.AllowDraft = proj.Province, proj.AllowDraft
	if s.Province != "" {
		if pr, err := eng.Lib.Province(s.Province); err != nil {
			d.problemAt("province", "%v", err)
		} else {
			p.Province = pr.ID
		}
	}
	if s.AllowDraft != nil {
		p.AllowDraft = *s.AllowDraft
	}
	p.Fonts = proj.Fonts

	names := newNameCheck(eng)
	defImposition := value{name: s.Defaults.Imposition, field: "defaults.imposition"}
	defPrint, printOK := d.print(names, "defaults.bleed", s.Defaults.Bleed, s.Defaults.CropMarks, defImposition)
	defPaper := value{name: s.Defaults.Paper, field: "defaults.paper"}
	if defPaper.name == "" {
		defPaper = value{name: proj.Paper}
		if defPaper.name == "" {
			defPaper.name = layout.PaperNames[0]
		}
	}
	defPattern := value{name: s.Defaults.Pattern, field: "defaults.pattern"}
	if defPattern.name == "" {
		defPattern = value{name: output.DefaultPattern}
	}
	d.checkPattern(defPattern)
	p.Paper, _ = layout.PaperByName(defPaper.name) // a bad name is reported with the outputs that use it
	defStyle := value{name: s.Defaults.Style, field: "defaults.style"}
	if defStyle.name == "" {
		defStyle = value{name: cmpOr(proj.Style, string(layout.Standard))}
	}
	defCopies := max(s.Defaults.Copies, 1)
	event := p.Event.Doc() // one for every job, so that equal jobs are one
	var jobs jobTable

	var outs []Output
	total := 0
	for i, it := range s.Outputs {
		item := fmt.Sprintf("outputs[%d]", i)
		auds := d.pick(item, "audience", it.Audience, it.Audiences, s.Defaults.Audiences)
		langs := d.pick(item, "language", it.Language, it.Languages, s.Defaults.Languages)
		var fmts []value
		if !it.Kit || it.Format != "" || len(it.Formats) > 0 {
			fmts = d.pick(item, "format", it.Format, it.Formats, cmpOrList(s.Defaults.Formats, proj.Formats))
		}
		if it.Kit {
			// kit: true is the kit group after the item's formats.
			fmts = append(fmts, value{"kit", item + ".kit"})
		}
		paper := defPaper
		if it.Paper != "" {
			paper = value{name: it.Paper, field: item + ".paper"}
		}
		style := defStyle
		if it.Style != "" {
			style = value{name: it.Style, field: item + ".style"}
		}
		pattern := defPattern
		if it.Pattern != "" {
			pattern = value{name: it.Pattern, field: item + ".pattern"}
			d.checkPattern(pattern)
		}
		copies := defCopies
		if it.Copies > 0 {
			copies = it.Copies
		}
		org := 0
		if it.Organisation != nil {
			if s.Organisations != "" {
				d.problemAt(item+".organisation", "an item cannot name its own organisation when organisations: makes every output once per partner; move it to its own plan")
			}
			org = orgs.add(d.org(item+".organisation", *it.Organisation, dir))
		}
		print, ok := defPrint, printOK
		if it.Bleed != nil || it.CropMarks != nil || it.Imposition != "" {
			bleed, marks, imposition := s.Defaults.Bleed, s.Defaults.CropMarks, defImposition
			if it.Bleed != nil {
				bleed = *it.Bleed
			}
			if it.CropMarks != nil {
				marks = *it.CropMarks
			}
			if it.Imposition != "" {
				imposition = value{name: it.Imposition, field: item + ".imposition"}
			}
			print, ok = d.print(names, item+".bleed", bleed, marks, imposition)
		}

		// Check every dimension, so one bad name does not hide another.
		ok = d.names(names, "audience", auds) && ok
		ok = d.names(names, "language", langs) && ok
		ok = d.names(names, "format", fmts) && ok
		ok = d.names(names, "paper", []value{paper}) && ok
		ok = d.names(names, "style", []value{style}) && ok
		if !ok {
			continue
		}
		if total += len(auds) * len(langs) * len(format.Expand(namesOf(fmts))); total > MaxOutputs {
			d.problemAt(item, "the plan asks for more than %d outputs; split it into several plans", MaxOutputs)
			break
		}
		dpi := s.Defaults.DPI
		if it.DPI != 0 {
			dpi = it.DPI
		}
		resolved, err := eng.Expand(generate.Matrix{Audiences: namesOf(auds), Langs: namesOf(langs), Formats: namesOf(fmts),
			Backend: cmpOr(it.As, s.Defaults.As), DPI: dpi, Paper: paper.name, Style: style.name, Print: print, Event: event, Province: p.Province, AllowDraft: p.AllowDraft})
		for _, err := range profile.Problems(err) {
			var se *generate.StyleError
			if errors.As(err, &se) {
				d.problemAt(item+".style", "%v", err)
				continue
			}
			d.problemAt(item, "%v", err)
		}
		// A language a fluent speaker must rewrite is refused here, at
		// the item that asks for it, unless the plan allows drafts.
		if _, err := eng.Drafts(resolved); err != nil {
			for _, err := range profile.Problems(err) {
				var de *content.DraftError
				if errors.As(err, &de) {
					d.problemAt(draftField(eng, langs, item, de.Lang), "%s; to make a proof for a reviewer anyway, add allow_draft: true to the plan (or run the build with --allow-draft)", de.Problem())
					continue
				}
				d.problemAt(item, "%v", err)
			}
			continue
		}
		// An audience not written in a language the item asks for is
		// refused here, naming the messages that language lacks.
		if err := eng.Written(resolved); err != nil {
			for _, err := range profile.Problems(err) {
				d.problemAt(item, "%v", err)
			}
			continue
		}
		for _, r := range resolved {
			copies := copies
			if r.Group == "kit" {
				switch r.Format.Name {
				case "guide":
					copies = 1 // the facilitator's
				case "signin":
					// A copy for each person is a sheet of rows for
					// each SignInRows of them.
					copies = (copies + layout.SignInRows - 1) / layout.SignInRows
				}
			}
			if r.Backend.PerPage() {
				// One file per page: the output is known by its first.
				// Its pages' names take "-1", "-2" … before ".{ext}", so
				// a pattern that does not end so makes files without
				// their extension ("youth.pdf-1", a PNG).
				name := r.PageName(pattern.name, 1, r.Ext())
				if !strings.HasSuffix(strings.ToLower(name), "."+r.Ext()) {
					if badPattern(pattern.name) {
						continue // said once, by checkPattern
					}
					d.problemAt(cmpOr(pattern.field, item), "pattern %s names %s files %s, %s …; end it with .{ext}, which takes each page's number before it", input.Quote(pattern.name), r.Ext(), input.Quote(name), input.Quote(r.PageName(pattern.name, 2, r.Ext())))
					continue
				}
				outs = append(outs, Output{Name: name, Pattern: pattern.name, Job: jobs.of(r), Copies: copies, Item: i, Org: org})
				continue
			}
			name := r.FileName(pattern.name)
			if err := output.CheckName(name); err != nil {
				// The pattern's own problem is reported once, by
				// checkPattern; here a placeholder's value made it
				// ({audience} of an audience called "con").
				if output.CheckPattern(pattern.name) == nil {
					d.problemAt(cmpOr(pattern.field, item), "pattern %s: %v", input.Quote(pattern.name), err)
				}
				continue
			}
			// {ext} elsewhere than at the end ("{ext}.{audience}",
			// "{audience}-{ext}") leaves the file without its extension
			// as surely as a pattern without it.
			if !strings.HasSuffix(strings.ToLower(name), "."+r.Ext()) {
				if badPattern(pattern.name) {
					continue // said once, by checkPattern
				}
				d.problemAt(cmpOr(pattern.field, item), "pattern %s names a %s file %s; end it with .{ext} or .%s", input.Quote(pattern.name), r.Ext(), input.Quote(name), r.Ext())
				continue
			}
			outs = append(outs, Output{Name: name, Job: jobs.of(r), Copies: copies, Item: i, Org: org})
		}
	}
	outs = d.unique(outs)
	p.Sets = []Set{{}}
	if s.Organisations != "" {
		partners := d.partners(s.Organisations, dir)
		if len(partners)*len(outs) > MaxOutputs {
			d.problemAt("organisations", "%d partners × %d outputs is more than %d outputs; split the partners into several files", len(partners), len(outs), MaxOutputs)
			partners = nil
		}
		p.Sets = p.Sets[:0]
		all := make([]Output, 0, len(partners)*len(outs))
		for _, pt := range partners {
			set := Set{Folder: pt.folder, Org: orgs.add(pt.org)}
			p.Sets = append(p.Sets, set)
			for _, o := range outs {
				o.Name, o.Org, o.Set = set.Path(o.Name), set.Org, len(p.Sets)-1
				all = append(all, o)
			}
		}
		outs = all
	}
	// Kept for the whole build: as long as they are, not with the room
	// appending left (up to as much again: 1.2 MB of a plan of 10,000
	// flyers, each for its own organisation).
	p.Outputs = slices.Clone(outs)
	keepNames(p.Outputs)
	p.Orgs = NewOrgTable(orgs.list)
	p.Warnings = d.warnings
	return p
}

// keepNames puts the outputs' names into one string, each output's
// name a part of it: made one at a time, each name was a string of its
// own with the room its builder had left (46 bytes an output of a plan
// of 10,000 flyers), kept for the whole build.
func keepNames(outs []Output) {
	n := 0
	for _, o := range outs {
		n += len(o.Name)
	}
	var b strings.Builder
	b.Grow(n)
	for _, o := range outs {
		b.WriteString(o.Name)
	}
	all, at := b.String(), 0
	for i := range outs {
		n := len(outs[i].Name)
		outs[i].Name = all[at : at+n]
		at += n
	}
}

// jobTable keeps each distinct job of a plan once, for its outputs to
// share: a job is some 600 bytes, and a plan of ten thousand flyers, one
// per organisation, has five.
type jobTable map[jobID]*generate.Resolved

// jobID is everything a Resolved holds, by name: the format, backend and
// paper come from their tables by name.
type jobID struct {
	audience, lang, second string
	format, backend, paper string
	dpi                    float64
	style                  layout.Style
	print                  layout.PrintOptions
	event                  *doc.Event
	province, group        string
	allowDraft             bool
}

// of is the plan's one copy of r.
func (t *jobTable) of(r generate.Resolved) *generate.Resolved {
	id := jobID{r.Audience, r.Lang, r.Second, r.Format.Name, r.Backend.Name, r.Paper.Name, r.DPI, r.Style, r.Print, r.Event, r.Province, r.Group, r.AllowDraft}
	if j, ok := (*t)[id]; ok {
		return j
	}
	if *t == nil {
		*t = jobTable{}
	}
	j := new(generate.Resolved) // r itself stays on the stack
	*j = r
	(*t)[id] = j
	return j
}

// orgList numbers the organisations of a plan, each once.
type orgList struct {
	list  []profile.Organisation
	key   []byte
	index map[string]int // by orgKey
}

// orgKey is o's values, each quoted (so that no two organisations have
// the same key), in a buffer reused for the next: fmt's %q of the whole
// struct, which it was, went through reflection for each of a plan's
// thousands of items.
func (l *orgList) orgKey(o profile.Organisation) []byte {
	b := l.key[:0]
	for _, v := range []string{o.Name, o.Phone, o.Email, o.Website, o.Logo, o.Color} {
		b = strconv.AppendQuote(b, v)
	}
	for _, c := range o.Local {
		b = append(b, '|')
		for _, v := range []string{c.Label, c.Phone, c.Website} {
			b = strconv.AppendQuote(b, v)
		}
	}
	l.key = b
	return b
}

func (l *orgList) add(o profile.Organisation) int {
	key := l.orgKey(o)
	if i, ok := l.index[string(key)]; ok {
		return i
	}
	if l.index == nil {
		l.index = map[string]int{}
	}
	l.index[string(key)] = len(l.list)
	l.list = append(l.list, o)
	return len(l.list) - 1
}

func namesOf(vs []value) []string {
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.name
	}
	return names
}

func cmpOrList(a, b []string) []string {
	if len(a) > 0 {
		return a
	}
	return b
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// org checks an organisation given at field (the plan's, or an item's):
// its text, colour and logo, each problem at its line. It returns the
// organisation with bad values left empty and the logo's path made
// absolute.
func (d *decoder) org(field string, o orgSpec, dir string) profile.Organisation {
	// Where each value is on the page is for the messages only: checked
	// without it first, as a plan of ten thousand items, each with an
	// organisation of its own, is checked with no problem (five places
	// looked up and written out for each was a fifth of the check of
	// plan-1000-en-yes.yaml), and again with it for the messages.
	checked, err := profile.Organisation(o).Check(nil)
	if err != nil {
		from := func(key string) string { return fmt.Sprintf("plan %s:%d", d.file, d.find(field+"."+key).line) }
		checked, err = profile.Organisation(o).Check(from)
	}
	if err != nil {
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			var fe *profile.FieldError
			if errors.As(e, &fe) {
				// "phone", "local[1].phone": a local contact's problem
				// at its own line, under its own path.
				d.fieldProblem(field+"."+fe.Field.Key, e)
			}
		}
	}
	if d.null[field+".color"] {
		d.problemAt(field+".color", `has no value: a colour starts with #, which YAML reads as a comment; quote it, as in color: "#0b5c6b"`)
	}
	if checked.Logo != "" {
		if !filepath.IsAbs(checked.Logo) {
			checked.Logo = filepath.Join(dir, checked.Logo)
		}
		if _, err := profile.LoadLogoFit(checked.Logo, layout.LogoPixels); err != nil {
			d.problemAt(field+".logo", "%s", strings.TrimPrefix(err.Error(), "logo "))
		}
	}
	return checked
}

// inherit fills the fields plan leaves empty from project.
func inherit(plan, project profile.Organisation) profile.Organisation {
	or := func(a, b string) string {
		if a != "" {
			return a
		}
		return b
	}
	if len(plan.Local) == 0 {
		plan.Local = project.Local
	}
	return profile.Organisation{
		Name:    or(plan.Name, project.Name),
		Phone:   or(plan.Phone, project.Phone),
		Email:   or(plan.Email, project.Email),
		Website: or(plan.Website, project.Website),
		Logo:    or(plan.Logo, project.Logo),
		Color:   or(plan.Color, project.Color),
		Local:   plan.Local,
	}
}

// value is a name from the plan and the field it was given in ("" when
// it came from the project or a built-in default).
type value struct{ name, field string }

// draftField is the field of the first of an item's languages that is
// tag, alone or in a pair ("oj", "Ojibwe", "oj+en"), so that a draft
// language is reported at its own line; the item when none is (a
// language inherited from awarekit.yaml).
func draftField(eng *generate.Engine, langs []value, item, tag string) string {
	for _, v := range langs {
		first, second, err := eng.ResolveLang(v.name)
		if err == nil && v.field != "" && (first == tag || second == tag) {
			return v.field
		}
	}
	return item
}

// pick returns the values of one matrix dimension of an item: its single
// key, its list key, or the defaults' list.
func (d *decoder) pick(item, key, single string, list, defaults []string) []value {
	if d.bad[item] || d.bad[item+"."+key] || d.bad[item+"."+key+"s"] || d.bad["defaults."+key+"s"] {
		return nil // already reported: its value could not be read
	}
	switch {
	case single != "":
		return []value{{single, item + "." + key}}
	case len(list) > 0:
		vs := make([]value, len(list))
		for i, n := range list {
			vs[i] = value{n, fmt.Sprintf("%s.%ss[%d]", item, key, i)}
		}
		return vs
	case len(defaults) > 0:
		vs := make([]value, len(defaults))
		for i, n := range defaults {
			vs[i] = value{n, fmt.Sprintf("defaults.%ss[%d]", key, i)}
		}
		return vs
	}
	d.problemAt(item, "no %s: give %s or %ss here, or %ss under defaults", key, key, key, key)
	return nil
}

// names checks each value and reports those the engine does not know.
func (d *decoder) names(c *nameCheck, kind string, vs []value) bool {
	ok := len(vs) > 0
	for _, v := range vs {
		if err := c.check(kind, v.name); err != nil {
			field := v.field
			if field == "" {
				field = "defaults." + kind // inherited from the project
			}
			d.problemAt(field, "%v", err)
			ok = false
		}
	}
	return ok
}

// nameCheck checks one name at a time through Engine.Resolve, the same
// path the build takes, by putting it into a job whose other names are
// known to be good. Each name is checked once.
type nameCheck struct {
	eng  *generate.Engine
	good generate.Job
	seen map[string]error
}

func newNameCheck(eng *generate.Engine) *nameCheck {
	good := generate.Job{Format: format.Names()[0], Paper: layout.PaperNames[0]}
	if ids := eng.AudienceIDs(); len(ids) > 0 {
		good.Audience = ids[0]
	}
	if tags := eng.Languages(); len(tags) > 0 {
		good.Lang = tags[0]
	}
	return &nameCheck{eng: eng, good: good, seen: map[string]error{}}
}

func (c *nameCheck) check(kind, name string) error {
	key := kind + "\x00" + name
	if err, ok := c.seen[key]; ok {
		return err
	}
	if _, ok := format.GroupByName(name); ok && kind == "format" {
		return nil // each member is checked when the item is expanded
	}
	j := c.good
	switch kind {
	case "audience":
		j.Audience = name
	case "language":
		j.Lang = name
	case "format":
		j.Format = name
	case "paper":
		j.Paper = name
	case "style":
		j.Style = name
	}
	_, err := c.eng.Resolve(j)
	var noKit *content.NoKitError
	var noPocket *content.NoPocketError
	if kind == "format" && (errors.As(err, &noKit) || errors.As(err, &noPocket)) {
		// The format is known; the workshop kit is written in fewer
		// languages than the one checked with, the clinician card is made
		// for other audiences than the one checked with, and the item's
		// own audiences and languages are checked when it is expanded.
		err = nil
	}
	c.seen[key] = err
	return err
}

// print makes print options from a bleed in millimetres, checked by the
// engine.
func (d *decoder) print(c *nameCheck, field string, bleedMM float64, marks bool, imposition value) (layout.PrintOptions, bool) {
	opts := layout.PrintOptions{Bleed: bleedMM * layout.PointsPerMM, CropMarks: marks}
	im, err := layout.ImpositionByName(imposition.name)
	if err != nil {
		d.problemAt(imposition.field, "%v", err)
		return opts, false
	}
	opts.Imposition = im
	j := c.good
	j.Print = opts
	if _, err := c.eng.Resolve(j); err != nil {
		d.problemAt(field, "%v", err)
		return opts, false
	}
	return opts, true
}

// Placeholders are the fields an output name pattern can use.
var Placeholders = []string{"audience", "format", "lang", "paper", "style", "ext"}

// badPattern reports a pattern whose problem checkPattern says.
func badPattern(pattern string) bool {
	if output.CheckPattern(pattern) != nil || strayBrace(pattern) >= 0 {
		return true
	}
	for _, name := range placeholders(pattern) {
		if !slices.Contains(Placeholders, name) {
			return true // an unknown placeholder
		}
	}
	return false
}

// strayBrace is the byte offset of the first brace of pattern that is
// not part of a placeholder as placeholders finds them: a "{" with no
// "}" before the next "{" or the end ("{audience.{ext}"), or a "}" no
// "{" opened ("{{audience}}"); -1 when there is none. A file name keeps
// no brace (it becomes "-"), so such a pattern makes a name other than
// the one meant ("{audience.{ext}" made "audience.txt").
func strayBrace(pattern string) int {
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '}':
			return i
		case '{':
			j := strings.IndexAny(pattern[i+1:], "{}")
			if j < 0 || pattern[i+1+j] == '{' {
				return i
			}
			i += 1 + j
		}
	}
	return -1
}

// placeholders yields pattern's placeholders, left to right: each "{",
// the text after it up to a "}" without another brace, and that "}"
// (the pattern's words between them are not placeholders), with the
// name inside. (A regular expression, \{([^{}]*)\}, found the same,
// for every item of a plan that names its own pattern.)
func placeholders(pattern string) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for rest := pattern; ; {
			open := strings.IndexByte(rest, '{')
			if open < 0 {
				return
			}
			rest = rest[open:]
			end := strings.IndexAny(rest[1:], "{}") + 1
			switch {
			case end == 0:
				return
			case rest[end] == '{':
				rest = rest[end:]
				continue
			}
			if !yield(rest[:end+1], rest[1:end]) {
				return
			}
			rest = rest[end+1:]
		}
	}
}

func (d *decoder) checkPattern(v value) {
	if err := output.CheckPattern(v.name); err != nil {
		d.problemAt(v.field, "%v", err)
		return
	}
	if at := strayBrace(v.name); at >= 0 {
		d.problemAt(v.field, "pattern %s has a %q at character %d that opens or closes no placeholder, so the name it makes is not the one meant; placeholders are written whole, like {audience}: mend it or delete it", input.Quote(v.name), v.name[at], utf8.RuneCountInString(v.name[:at])+1)
		return
	}
	if got, changed := output.Rewritten(v.name); changed {
		d.warn(v.field, "pattern %s: file names keep letters, digits, \".\" \"_\" and \"-\"; spaces and other characters become \"-\", so its words are written %s", input.Quote(v.name), input.Quote(got))
	}
	for whole, name := range placeholders(v.name) {
		if !slices.Contains(Placeholders, name) {
			d.problemAt(v.field, "unknown placeholder %s in %s; use {%s}", input.Quote(whole), input.Quote(v.name), strings.Join(Placeholders, "} {"))
		}
	}
}

// unique makes output names unique. The same material asked for twice
// under one name is made once, with the copies added up; a different
// material whose name is taken gets -2, -3… before its extension, in plan
// order, so the names are the same on every run and every shard. Names
// are compared ignoring case, as macOS and Windows file systems do.
func (d *decoder) unique(outs []Output) []Output {
	taken := map[string]bool{}
	for _, name := range Reserved {
		taken[name] = true
	}
	first := map[string]int{} // wanted name and job → index in res
	// The outputs share their jobs (ten thousand flyers, five jobs):
	// each job's key is written once.
	jobKeys := map[*generate.Resolved]string{}
	var res []Output
	for _, o := range outs {
		jk, ok := jobKeys[o.Job]
		if !ok {
			jk = jobKey(*o.Job)
			jobKeys[o.Job] = jk
		}
		// The same material for another organisation is another
		// material: made once, one of them would be lost.
		key := strings.ToLower(o.Name) + "\x00" + jk + "\x00" + strconv.Itoa(o.Org)
		if i, ok := first[key]; ok {
			res[i].Copies += o.Copies
			d.warn(fmt.Sprintf("outputs[%d]", o.Item), "%s is also made by outputs[%d]; made once, with %d copies", res[i].Name, res[i].Item, res[i].Copies)
			continue
		}
		first[key] = len(res)
		if taken[strings.ToLower(o.Name)] && o.Pattern != "" {
			// A file per page: every page is named from the pattern, so
			// a suffix on the first would not keep the others apart.
			d.problemAt(fmt.Sprintf("outputs[%d]", o.Item), "%s is taken by another output, and this one makes a file per page from its pattern %s; put {lang}, {paper} or words of its own in the pattern to tell them apart",
				o.Name, input.Quote(o.Pattern))
			continue
		}
		if taken[strings.ToLower(o.Name)] {
			name := o.Name
			o.Name = suffixed(o.Name, taken)
			d.warn(fmt.Sprintf("outputs[%d]", o.Item), "%s is taken by another output; this one is %s", name, o.Name)
		}
		taken[strings.ToLower(o.Name)] = true
		res = append(res, o)
	}
	return res
}

func jobKey(r generate.Resolved) string {
	return fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%s\x00%v\x00%s\x00%s\x00%v", r.Audience, r.Lang, r.Second, r.Format.Name, r.Backend.Name, r.DPI, r.Paper.Name, r.Style, r.Print)
}

func suffixed(name string, taken map[string]bool) string {
	base, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		base, ext = name[:i], name[i:]
	}
	for n := 2; ; n++ {
		cand := base + "-" + strconv.Itoa(n) + ext
		if !taken[strings.ToLower(cand)] {
			return cand
		}
	}
}

// warnings live on the decoder until the plan is made.
func (d *decoder) warn(field, format string, args ...any) {
	p := d.find(field)
	d.warnings = append(d.warnings, Problem{File: d.file, Line: p.line, Column: p.col, Field: field, Message: fmt.Sprintf(format, args...)})
}

package serve

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// fileName is a name the server answers for in out/: what output.Name
// makes, never a path.
// (Its counted repetition made compiling it a tenth of every command's start.)
var fileName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]{0,200}$`) })

// writeOut writes one made file into out/, atomically.
func writeOut(out, name string, data []byte) error {
	if !fileName().MatchString(name) || strings.Contains(name, "..") {
		return fmt.Errorf("refused to write %q: not a plain file name", name)
	}
	return output.WriteFile(filepath.Join(out, name), data)
}

// fileSet is the files one press of "Make" wrote.
type fileSet struct {
	names []string
	notes []string // what generate said: drafts, what a format left out
}

// maxSets is how many sets the server remembers; older links say so.
const maxSets = 50

func (s *Server) keepSet(names, notes []string) string {
	id := newID()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sets[id] = &fileSet{names: names, notes: notes}
	s.setIDs = append(s.setIDs, id)
	if len(s.setIDs) > maxSets {
		delete(s.sets, s.setIDs[0])
		s.setIDs = s.setIDs[1:]
	}
	return id
}

func (s *Server) set(id string) *fileSet {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sets[id]
}

// setView lists a set's files with links.
type setView struct {
	Files   []fileLink
	Zip     template.URL
	Out     string
	Expired bool
	Notes   []string
}

type fileLink struct {
	Name string
	Href template.URL
	Size string
}

func (s *Server) setView(u *ui, id string) *setView {
	v := &setView{Out: s.out}
	set := s.set(id)
	if set == nil {
		v.Expired = true
		return v
	}
	v.Zip = template.URL("/zip?set=" + id)
	v.Notes = set.notes
	for _, name := range set.names {
		v.Files = append(v.Files, s.fileLink(name))
	}
	return v
}

func (s *Server) fileLink(name string) fileLink {
	l := fileLink{Name: name, Href: template.URL("/files/" + name)}
	if st, err := os.Stat(filepath.Join(s.out, name)); err == nil {
		l.Size = input.Size(st.Size())
	}
	return l
}

// openOut opens a file in out/ by name for reading: inside out/ only
// (os.Root refuses a link that leads out), a regular file only (a named
// pipe is opened without waiting and refused).
func (s *Server) openOut(name string) (*os.File, os.FileInfo, error) {
	if !fileName().MatchString(name) || strings.Contains(name, "..") {
		return nil, nil, os.ErrNotExist
	}
	root, err := os.OpenRoot(s.out)
	if err != nil {
		return nil, nil, err
	}
	defer root.Close()
	f, err := root.OpenFile(name, os.O_RDONLY|nonBlocking, 0)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, os.ErrNotExist
	}
	return f, st, nil
}

// download sends one file of out/, always as a download: a page from the
// folder must never run as this page.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	f, st, err := s.openOut(name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer f.Close()
	attachment(w, name)
	http.ServeContent(w, r, name, st.ModTime(), f)
}

func attachment(w http.ResponseWriter, name string) {
	h := w.Header()
	ct := mime.TypeByExtension(filepath.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
}

// zipSet sends a set's files as one zip.
func (s *Server) zipSet(w http.ResponseWriter, r *http.Request) {
	set := s.set(r.URL.Query().Get("set"))
	if set == nil {
		s.notFound(w, r)
		return
	}
	s.sendZip(w, "awarekit-materials.zip", set.names)
}

// sendZip streams the named files of out/ as a zip. Entries carry the
// engine's file date, so the same files give the same zip.
func (s *Server) sendZip(w http.ResponseWriter, name string, names []string) {
	attachment(w, name)
	zw := zip.NewWriter(w)
	for _, n := range names {
		f, _, err := s.openOut(n)
		if err != nil {
			continue // gone since: the zip holds what is there
		}
		hdr := &zip.FileHeader{Name: n, Method: zip.Deflate, Modified: s.eng.Date.UTC()}
		zf, err := zw.CreateHeader(hdr)
		if err == nil {
			_, err = io.Copy(zf, f)
		}
		f.Close()
		if err != nil {
			fmt.Fprintf(s.cfg.Log, "awarekit serve: zip %s: %v\n", name, err)
			return
		}
	}
	if err := zw.Close(); err != nil {
		fmt.Fprintf(s.cfg.Log, "awarekit serve: zip %s: %v\n", name, err)
	}
}

// render draws a template into a buffer first, so a template error is a
// clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, data); err != nil {
		fmt.Fprintf(s.cfg.Log, "awarekit serve: page %s: %v\n", name, err)
		http.Error(w, "awarekit: this page could not be drawn; this is a bug, please report it", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	u := s.ui.pick(r)
	p := s.newPage(u, u.T("notfound.title"), "")
	s.render(w, http.StatusNotFound, "notfound.html", p)
}

// wantsJSON reports whether the page's script sent the request.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

var templateFuncs = template.FuncMap{
	"inc": func(i int) int { return i + 1 },
	"seconds": func(d time.Duration) string {
		return fmt.Sprintf("%.1f", d.Seconds())
	},
}

// errs is a form view that knows each field's problem.
type errs interface{ Err(id string) string }

// orgFields is what the organisation's part of a form is drawn from.
type orgView struct {
	P         *pageData
	V         errs
	Org       profile.Organisation
	Color     string
	Logo      string
	LogoLabel string
	Local     []localRow
}

// textField is one text input with its label, hint and problem.
type textField struct {
	P                     *pageData
	ID, Type, Value, Auto string
	Err                   string
	// Msg names the label's and hint's messages when they are not
	// form.ID's (rows of local contacts), filled with N.
	Msg string
	N   int
}

// notesView is a list of what generate says before it makes anything.
type notesView struct {
	P     *pageData
	Notes []string
}

func init() {
	templateFuncs["orgOf"] = func(p *pageData, org profile.Organisation, color, logo, label string, local []localRow, v errs) orgView {
		return orgView{P: p, V: v, Org: org, Color: color, Logo: logo, LogoLabel: label, Local: local}
	}
	templateFuncs["fieldN"] = func(p *pageData, v errs, id, typ, value, auto, msg string, n int) textField {
		return textField{P: p, ID: id, Type: typ, Value: value, Auto: auto, Err: v.Err(id), Msg: msg, N: n}
	}
	templateFuncs["notesOf"] = func(p *pageData, notes []string) notesView {
		return notesView{P: p, Notes: notes}
	}
	templateFuncs["field"] = func(p *pageData, v errs, id, typ, value, auto string) textField {
		return textField{P: p, ID: id, Type: typ, Value: value, Auto: auto, Err: v.Err(id)}
	}
}

// Package serve is awarekit's local web page: a form that makes the same
// materials `awarekit generate` makes, with a live preview of each page,
// and a workshop page that builds a plan as `awarekit build` does.
//
// It is a thin adapter, like the command line: a handler turns a form into
// the request generate makes (a generate.Matrix, a checked
// profile.Organisation) and returns the engine's bytes. Choices on the page
// come from the engine's tables; no handler or template decides what a
// material holds.
//
// The server works inside one folder: it reads awarekit.yaml there (the
// caller passes the settings), saves plans beside it, keeps uploaded logos
// in logos/ and writes every material to out/. It writes nowhere else, and
// it never takes a file path from the browser: files are named by a
// content hash (logos), a plain file name checked against a pattern and
// opened inside the folder (plans, outputs), or an ID the server made.
package serve

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// Folders and limits.
const (
	// OutDir is where every material is written, inside the folder.
	OutDir = "out"
	// LogoDir keeps the logos people upload, named by their sha256.
	LogoDir = "logos"

	// maxFormBytes bounds a request without a file: the form's fields.
	maxFormBytes = 1 << 20
	// maxUploadBytes bounds a request that carries a logo: the logo's
	// own limit (the same as generate's) and room for the fields.
	maxUploadBytes = profile.MaxLogoBytes + maxFormBytes
	// maxUploads is how many logos may be read into memory at once.
	maxUploads = 4
	// maxMakeJobs is the most files one press of "Make" may ask for;
	// more is a workshop, built in the background with its progress.
	maxMakeJobs = 150
	// maxPreviewDocs is how many documents the preview shows.
	maxPreviewDocs = 6

	// requestTimeout bounds the work of one request; downloads, which
	// only copy a file, are bounded by the server's write timeout.
	requestTimeout = 2 * time.Minute
)

// Defaults are what the folder's awarekit.yaml (or the user's settings)
// say, to fill the form when the page opens.
type Defaults struct {
	Audiences []string
	Langs     []string
	Formats   []string
	Paper     string
	Style     string // "" for standard
	// Org is checked (profile.Organisation.Check); its Logo is a path,
	// shown on the page as "the logo from awarekit.yaml", never sent.
	Org        profile.Organisation
	Province   string
	AllowDraft bool
}

// Config is what a server serves.
type Config struct {
	Engine *generate.Engine
	// Dir is the folder the server works in.
	Dir      string
	Defaults Defaults
	// Fonts are the fonts: setting, which plans built here carry.
	Fonts map[string][]string
	// Addr is the address the server listens on (host:port): requests
	// must name it, or localhost with its port, as their Host.
	Addr    string
	Version string
	// Log hears of failures that are not the user's doing; nil discards.
	Log io.Writer
}

// Server is the page's handlers and the state they share. It is safe for
// concurrent use.
type Server struct {
	cfg     Config
	eng     *generate.Engine
	dir     string // absolute
	out     string // absolute: dir/out
	ui      *uiCatalog
	pages   *template.Template
	choices choices
	hosts   hostCheck

	uploads chan struct{} // a slot per logo being read

	// write is held while files are written to out/: by one "Make" at a
	// time, and by a workshop build for its whole run.
	write sync.Mutex

	mu      sync.Mutex
	sets    map[string]*fileSet // made by "Make", by ID
	setIDs  []string            // oldest first, to forget the oldest
	layouts *cache[layoutKey, *laidOut]
	images  *cache[string, []byte]
	logos   *cache[string, *logoImage]
	build   *building // the workshop build, running or last finished
	// fontWarned is how many of the engine's font warnings the log has
	// heard (logFontWarnings).
	fontWarned int

	base   context.Context // cancelled by Close: stops a running build
	cancel context.CancelFunc
	wg     sync.WaitGroup // the running build
}

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// New checks cfg and prepares the server: the folder must exist and out/
// must be writable (and not inside the user's content folder).
func New(cfg Config) (*Server, error) {
	if cfg.Engine == nil {
		return nil, errors.New("serve: no engine")
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("folder %s: %w", cfg.Dir, err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("folder %s does not exist or is not a folder; give an existing folder with --dir", cfg.Dir)
	}
	out := filepath.Join(dir, OutDir)
	if err := cfg.Engine.CheckOutDir(out); err != nil {
		return nil, err
	}
	u, err := loadUI()
	if err != nil {
		return nil, err
	}
	pages, err := template.New("").Funcs(templateFuncs).ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("page templates: %w", err)
	}
	hosts, err := newHostCheck(cfg.Addr)
	if err != nil {
		return nil, err
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	s := &Server{
		cfg: cfg, eng: cfg.Engine, dir: dir, out: out, ui: u, pages: pages, hosts: hosts,
		uploads: make(chan struct{}, maxUploads),
		sets:    map[string]*fileSet{},
		layouts: newCache[layoutKey, *laidOut](64),
		images:  newCache[string, []byte](256),
		logos:   newCache[string, *logoImage](8),
	}
	s.choices = s.loadChoices()
	s.base, s.cancel = context.WithCancel(context.Background())
	return s, nil
}

// Close stops a running workshop build (the documents in progress are
// finished and its manifest written, as at Ctrl-C in `awarekit build`)
// and waits for it.
func (s *Server) Close() {
	s.cancel()
	s.wg.Wait()
}

// Handler is the whole page, with its safety checks in front: the Host
// header must name this server (DNS rebinding), requests that change
// anything must come from the page itself (cross-site requests are
// refused), bodies are limited, and every request has a time limit.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	timed := func(h http.HandlerFunc) http.Handler {
		return http.TimeoutHandler(h, requestTimeout, "awarekit: this took too long and was stopped; try fewer materials at once")
	}
	mux.Handle("GET /{$}", timed(s.materialsPage))
	mux.Handle("GET /preview", timed(s.previewFragment))
	mux.Handle("GET /page.png", timed(s.pageImage))
	mux.Handle("GET /page.html", timed(s.pageHTML))
	mux.Handle("POST /logo", timed(s.uploadLogo))
	mux.Handle("POST /make", timed(s.makeFiles))
	mux.HandleFunc("GET /files/{name}", s.download)
	mux.HandleFunc("GET /zip", s.zipSet)
	mux.Handle("GET /workshop", timed(s.workshopPage))
	mux.Handle("POST /workshop", timed(s.workshopAction))
	mux.Handle("GET /workshop/build", timed(s.buildPage))
	mux.Handle("GET /workshop/status", timed(s.buildStatus))
	mux.Handle("POST /workshop/cancel", timed(s.cancelBuild))
	mux.HandleFunc("GET /workshop/zip", s.zipBuild)
	static, _ := fs.Sub(staticFiles, "static")
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	mux.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Embedded files have no date: without this a browser could keep
		// an older version's script after an upgrade.
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	}))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// The catch-all takes every method, so the mux never answers 405
		// itself: a PUT or DELETE on /make or / was "not found".
		allow := allowed(mux, r)
		switch {
		case allow == "":
			s.notFound(w, r)
		case r.Method == http.MethodOptions:
			w.Header().Set("Allow", allow+", OPTIONS")
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Header().Set("Allow", allow)
			http.Error(w, fmt.Sprintf("awarekit: %s %s is not something this page does; it takes %s (open %s in a browser)", r.Method, r.URL.Path, allow, s.hosts.url()), http.StatusMethodNotAllowed)
		}
	})

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "awarekit: refused a request from another web site; use the page at "+s.hosts.url(), http.StatusForbidden)
	}))
	return s.hosts.wrap(cop.Handler(headers(s.fontWarnings(mux))))
}

// fontWarnings tells the log, after each request, what the search of the
// machine's fonts found wrong (a file of fontconfig's settings that
// cannot be read, whose font folders were not searched), as generate
// and build print it: the search happens in the first request that sets
// text in a script the embedded fonts lack, and serve said nothing.
func (s *Server) fontWarnings(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer s.logFontWarnings()
		h.ServeHTTP(w, r)
	})
}

// logFontWarnings prints to the log the engine's font warnings it has not
// printed yet, once each.
func (s *Server) logFontWarnings() {
	if s.eng.Fonts == nil {
		return
	}
	warnings := s.eng.Fonts.Warnings()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, w := range warnings[min(s.fontWarned, len(warnings)):] {
		fmt.Fprintln(s.cfg.Log, "warning:", w)
	}
	s.fontWarned = max(s.fontWarned, len(warnings))
}

// allowed lists the methods mux answers at r's path other than by its
// catch-all ("GET, HEAD, POST"), or "" when it answers none there.
func allowed(mux *http.ServeMux, r *http.Request) string {
	var ms []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost} {
		probe := *r
		probe.Method = m
		if _, pattern := mux.Handler(&probe); pattern != "" && pattern != "/" {
			ms = append(ms, m)
		}
	}
	return strings.Join(ms, ", ")
}

// headers sets what every answer carries: no script, style, frame or form
// target from anywhere but this server, and no sniffing of types.
func headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		limit := int64(maxFormBytes)
		if r.URL.Path == "/make" || r.URL.Path == "/logo" || r.URL.Path == "/workshop" {
			limit = maxUploadBytes
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// hostCheck refuses requests whose Host header is not this server: a web
// site whose name is made to resolve to 127.0.0.1 (DNS rebinding) sends
// its own name, and is refused.
type hostCheck struct {
	port  string
	exact map[string]bool
	anyIP bool // listening on every address: any IP literal with the port
	first string
}

func newHostCheck(addr string) (hostCheck, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return hostCheck{}, fmt.Errorf("serve: address %q: %w", addr, err)
	}
	hc := hostCheck{port: port, exact: map[string]bool{}}
	for _, h := range []string{"localhost", "127.0.0.1", "::1", host} {
		if h != "" {
			hc.exact[strings.ToLower(net.JoinHostPort(h, port))] = true
		}
	}
	ip := net.ParseIP(host)
	hc.anyIP = host == "" || ip != nil && ip.IsUnspecified()
	hc.first = net.JoinHostPort(host, port)
	if hc.anyIP || host == "" {
		hc.first = net.JoinHostPort("localhost", port)
	}
	return hc, nil
}

func (hc hostCheck) url() string { return "http://" + hc.first + "/" }

func (hc hostCheck) allowed(host string) bool {
	host = strings.ToLower(host)
	if hc.exact[host] {
		return true
	}
	if hc.anyIP {
		h, p, err := net.SplitHostPort(host)
		return err == nil && p == hc.port && net.ParseIP(h) != nil
	}
	return false
}

func (hc hostCheck) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hc.allowed(r.Host) {
			http.Error(w, "awarekit: refused a request for another address; open "+hc.url(), http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// newID is a random name for something the server keeps for a while.
func newID() string {
	b := make([]byte, 9)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// cache keeps the latest n values; it is safe for concurrent use.
type cache[K comparable, V any] struct {
	mu    sync.Mutex
	n     int
	order []K
	m     map[K]V
}

func newCache[K comparable, V any](n int) *cache[K, V] {
	return &cache[K, V]{n: n, m: map[K]V{}}
}

func (c *cache[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *cache[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[k]; !ok {
		c.order = append(c.order, k)
		if len(c.order) > c.n {
			delete(c.m, c.order[0])
			c.order = slices.Delete(c.order, 0, 1)
		}
	}
	c.m[k] = v
}

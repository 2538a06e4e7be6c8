package serve

import (
	"net/http"
	"strings"
	"testing"
)

// TestMethods: a method an address does not take is answered 405 with the
// methods it does take in Allow (it was 404, "Page not found", since the
// catch-all for unknown addresses takes every method); OPTIONS is answered
// with Allow; an unknown address stays 404 whatever the method.
func TestMethods(t *testing.T) {
	s := newSite(t)
	routes := map[string]string{
		"/":                 "GET, HEAD",
		"/preview":          "GET, HEAD",
		"/page.png":         "GET, HEAD",
		"/page.html":        "GET, HEAD",
		"/logo":             "POST",
		"/make":             "POST",
		"/files/x.pdf":      "GET, HEAD",
		"/zip":              "GET, HEAD",
		"/workshop":         "GET, HEAD, POST",
		"/workshop/build":   "GET, HEAD",
		"/workshop/status":  "GET, HEAD",
		"/workshop/cancel":  "POST",
		"/workshop/zip":     "GET, HEAD",
		"/static/app.css":   "GET, HEAD",
		"/nothing-here":     "",
		"/files/a/b":        "",
		"/workshop/nothing": "",
	}
	for path, allow := range routes {
		for _, m := range []string{http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodTrace, "PROPFIND", http.MethodGet, http.MethodPost, http.MethodOptions} {
			if strings.Contains(allow, m) {
				continue // answered by the page itself
			}
			resp, body := s.do(t, m, path, nil)
			switch {
			case allow == "":
				if resp.StatusCode != http.StatusNotFound {
					t.Errorf("%s %s = %d, want 404 (no such address)", m, path, resp.StatusCode)
				}
			case m == http.MethodOptions:
				if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Allow") != allow+", OPTIONS" {
					t.Errorf("OPTIONS %s = %d Allow %q, want 204 Allow %q", path, resp.StatusCode, resp.Header.Get("Allow"), allow+", OPTIONS")
				}
			default:
				if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != allow {
					t.Errorf("%s %s = %d Allow %q, want 405 Allow %q", m, path, resp.StatusCode, resp.Header.Get("Allow"), allow)
				} else if !strings.Contains(body, m+" "+path+" is not something this page does; it takes "+allow) {
					t.Errorf("%s %s says %q", m, path, body)
				}
				if resp.Header.Get("Content-Security-Policy") == "" {
					t.Errorf("%s %s has no Content-Security-Policy", m, path)
				}
			}
		}
	}
}

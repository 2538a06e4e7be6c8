package serve

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/batch"
	"github.com/awarekit/awarekit/toolkit/plan"
)

// TestWorkshopFilesNotACommandLinePlans: the form's builds were recorded
// under the form's plan name, workshop.yaml by default, and its plan is
// not saved; a command-line build of a workshop.yaml in the folder took
// the last workshop's materials for its own and removed them, with no
// plan on disk to make them again (review19 L6). serve records its builds
// under a name no plan file has: the command-line build leaves them, and
// names them as serve's.
func TestWorkshopFilesNotACommandLinePlans(t *testing.T) {
	s := newSite(t)
	f := form("rows", "1", "r0-audience", "health", "r0-lang", "en", "r0-format", "flyer", "action", "build")
	if resp, _ := s.post(t, "/workshop", f, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("build = %d", resp.StatusCode)
	}
	waitBuild(t, s)
	out := filepath.Join(s.dir, "out")
	flyer := filepath.Join(out, "health-flyer-en.pdf")
	if _, err := os.Stat(flyer); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(s.dir, "workshop.yaml")
	if err := os.WriteFile(path, []byte("outputs:\n  - {audience: parents, language: en, format: txt}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pl, err := plan.Load(s.srv.eng, path, plan.Project{})
	if err != nil {
		t.Fatal(err)
	}
	for round := 1; round <= 2; round++ {
		rep, err := batch.Run(context.Background(), s.srv.eng, pl, batch.Options{OutDir: out, Jobs: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Removed) > 0 {
			t.Errorf("command-line build %d removed %q", round, rep.Removed)
		}
		if _, err := os.Stat(flyer); err != nil {
			t.Errorf("after command-line build %d: %v", round, err)
		}
		want := "that a build of workshop.yaml (from awarekit serve) made and this plan does not make"
		if w := strings.Join(rep.Warnings, "\n"); !strings.Contains(w, want) || !strings.Contains(w, "health-flyer-en.pdf") {
			t.Errorf("command-line build %d: warnings %q, want %q naming health-flyer-en.pdf", round, w, want)
		}
	}
}

package input

import (
	"fmt"
	"strings"
	"testing"
)

// TestProblemsShowsTheFirstFifty: a message of five thousand problems
// lists fifty and says how many more there are; a short one lists all.
func TestProblemsShowsTheFirstFifty(t *testing.T) {
	var lines []string
	for i := range 5000 {
		lines = append(lines, fmt.Sprintf("p.csv:%d: name: repeats line 2", i+3))
	}
	got := Problems("plan.yaml has 5000 problems:", lines)
	if n := strings.Count(got, "\n"); n != MaxShown+1 {
		t.Errorf("%d lines after the head, want %d", n, MaxShown+1)
	}
	if !strings.HasSuffix(got, "… and 4950 more; mend these and run again to see the rest") || !strings.Contains(got, "\n  p.csv:52: name") || strings.Contains(got, "p.csv:53:") {
		t.Errorf("got the end %q", got[len(got)-200:])
	}
	if got := Problems("two:", lines[:2]); got != "two:\n  p.csv:3: name: repeats line 2\n  p.csv:4: name: repeats line 2" {
		t.Errorf("got %q", got)
	}
}

package layout

import (
	"errors"
	"strings"
	"testing"
)

// TestPaginate: items fill pages in order; an item tied to the next
// (a heading) never ends a page; a run of tied items taller than a page
// is broken rather than lost; an item taller than a page does not fit.
func TestPaginate(t *testing.T) {
	item := func(h float64, keep bool) flowItem { return flowItem{b: box{W: 10, H: h}, space: 5, keep: keep} }
	tests := []struct {
		name        string
		items       []flowItem
		first, rest float64
		want        string // items per page, "2,3"
		err         error
	}{
		{"fits on one", []flowItem{item(10, false), item(10, false)}, 100, 100, "2", nil},
		{"fills then breaks", []flowItem{item(40, false), item(40, false), item(40, false)}, 100, 100, "2,1", nil},
		{"a heading goes with its text", []flowItem{item(40, false), item(30, true), item(30, false)}, 100, 100, "1,2", nil},
		{"a chain of headings", []flowItem{item(50, false), item(10, true), item(10, true), item(40, false)}, 100, 100, "1,3", nil},
		{"the first page is shorter", []flowItem{item(40, false), item(40, false), item(40, false)}, 50, 100, "1,2", nil},
		{"a run taller than a page is broken", []flowItem{item(60, true), item(60, true), item(10, false)}, 100, 100, "1,2", nil},
		{"an item taller than a page", []flowItem{item(120, false)}, 100, 100, "", ErrDoesNotFit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, err := paginate(tt.items, tt.first, tt.rest)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			var counts []string
			n := 0
			for i, p := range pages {
				counts = append(counts, strings.Repeat("x", len(p)))
				avail := tt.rest
				if i == 0 {
					avail = tt.first
				}
				for j, it := range p {
					if it.y+it.b.H > avail+0.01 {
						t.Errorf("page %d item %d ends at %.0f, below %.0f", i+1, j, it.y+it.b.H, avail)
					}
					if j == 0 && it.y != 0 {
						t.Errorf("page %d starts at %.0f, want 0 (no space above the first item)", i+1, it.y)
					}
				}
				if last := tt.items[n+len(p)-1]; last.keep && n+len(p) < len(tt.items) && tt.name != "a run taller than a page is broken" {
					t.Errorf("page %d ends with an item tied to the next", i+1)
				}
				n += len(p)
			}
			got := ""
			for i, c := range counts {
				if i > 0 {
					got += ","
				}
				got += string(rune('0' + len(c)))
			}
			if got != tt.want {
				t.Errorf("items per page %s, want %s", got, tt.want)
			}
			if tt.err == nil && n != len(tt.items) {
				t.Errorf("%d items placed of %d", n, len(tt.items))
			}
		})
	}
}

package spell

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"youth", "youth", 0},
		{"yuoth", "youth", 1}, // a swap is one edit
		{"flyr", "flyer", 1},
		{"flyerr", "flyer", 1},
		{"fyler", "flyer", 1},
		{"teens", "youth", 5},
		{"ਪੰਜਾਬੀ", "ਪੰਜਾਬ", 1}, // letters, not bytes
		{"", "abc", 3},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Français", "francais"},
		{" ESPAÑOL ", "espanol"},
		{"Tiếng Việt", "tieng viet"},
		{"Українська", "українська"},
		{"ਪੰਜਾਬੀ", "ਪੰਜਾਬੀ"}, // Gurmukhi vowel signs are kept
		{"हिन्दी", "हिन्दी"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	audiences := []string{"business", "health", "indigenous", "newcomers", "youth"}
	tests := []struct {
		typed string
		valid []string
		want  []string
	}{
		{"yuoth", audiences, []string{"youth"}},
		{"Helth", audiences, []string{"health"}},
		{"indig", audiences, []string{"indigenous"}}, // the start of one name
		{"teens", audiences, nil},
		{"youth", audiences, nil}, // valid: nothing to suggest
		{"n", audiences, nil},
		{"fs", []string{"fr", "fa"}, nil}, // two letters: too short to guess
		{"frnch", []string{"French", "Spanish"}, []string{"French"}},
		{"Francais", []string{"Français"}, nil}, // folded, it is the same name
		{"a3", []string{"letter", "a4"}, nil},
		{"leter", []string{"letter", "a4"}, []string{"letter"}},
		{"ca", []string{"cards", "crk"}, nil},
		{"flyers", []string{"flyer", "tearoff"}, []string{"flyer"}},
	}
	for _, tt := range tests {
		if got := Nearest(tt.typed, tt.valid); !slices.Equal(got, tt.want) {
			t.Errorf("Nearest(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}

func TestUnknownError(t *testing.T) {
	inner := errors.New("table's own")
	e := Unknown(inner, "audience", "yuoth", []string{"health", "youth"}, nil)
	want := `unknown audience "yuoth" (did you mean "youth"?); choose one of: health, youth`
	if e.Error() != want {
		t.Errorf("got  %s\nwant %s", e, want)
	}
	if !errors.Is(e, inner) {
		t.Error("the table's error is not kept")
	}
	e = Unknown(nil, "audience", "teens", []string{"health", "youth"}, nil)
	if strings.Contains(e.Error(), "did you mean") {
		t.Errorf("%s: a guess for a name nothing is near", e)
	}
}

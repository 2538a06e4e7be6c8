package input

import (
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"short", "youth", `"youth"`},
		{"direction control escaped", "a\u202eb", `"a\u202eb"`},
		{"at the limit", strings.Repeat("a", QuoteMax), `"` + strings.Repeat("a", QuoteMax) + `"`},
		{"long", strings.Repeat("é", 20000), `"` + strings.Repeat("é", QuoteMax) + `…" (20000 characters)`},
		{"invalid UTF-8 cut whole", strings.Repeat("b", QuoteMax) + "\xff\xfe", `"` + strings.Repeat("b", QuoteMax) + `…" (62 characters)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Quote(tt.in); got != tt.want {
				t.Errorf("Quote = %s, want %s", got, tt.want)
			}
		})
	}
}

package typeset

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestIsolateNumbersFromTheFirstDigit: running phoneNumber from the first
// character that can start a number finds what running it over the whole
// text finds, in Arabic, Persian and Latin text with Western,
// Arabic-Indic and Persian digits, signs and word joiners, and leaves text
// without numbers as it is.
func TestIsolateNumbersFromTheFirstDigit(t *testing.T) {
	whole := func(text string) string { return isolateFrom(text, 0) }
	pieces := []string{"اتصل", " ", "على", "الرقم", "1", "8", "3", "٣", "٠", "۴", "۹", "-", "+", "(", ")", ".", "/", "\u2060", "24/7",
		"1-833-900-1010", "٩١١", "(604) 555-0134", "a", "Call", "؟", "،", "\u00a0", "ext. 12", "+1 ", "((", "--"}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		if got, want := isolateNumbers(text), whole(text); got != want {
			t.Fatalf("text %d %q: %q, want %q", i, text, got, want)
		}
	}
	if got := isolateNumbers("اتصل بنا اليوم"); got != "اتصل بنا اليوم" {
		t.Errorf("text without a number came out %q", got)
	}
}

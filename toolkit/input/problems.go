package input

import (
	"fmt"
	"strings"
)

// MaxShown is how many problems a message lists; a file of five thousand
// pasted rows has five thousand, and a terminal of them helps no one.
const MaxShown = 50

// Problems is head and then lines, one a line and indented, the first
// MaxShown of them and then how many more there are.
func Problems(head string, lines []string) string {
	var b strings.Builder
	b.WriteString(head)
	for i, l := range lines {
		if i == MaxShown {
			fmt.Fprintf(&b, "\n  … and %d more; mend these and run again to see the rest", len(lines)-MaxShown)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(l)
	}
	return b.String()
}

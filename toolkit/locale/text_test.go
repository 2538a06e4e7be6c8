package locale_test

import (
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/locale"
)

// TestMessageFileBytesNamed: a byte TOML refuses anywhere (NUL, ESC,
// DEL, a byte that is not UTF-8), in a message or a comment, is named
// with its file, line and column and what to do. go-toml's words were
// "basic strings cannot have control characters; check the [brackets],
// quotes and = on that line", which sent the reader to the syntax.
func TestMessageFileBytesNamed(t *testing.T) {
	for _, c := range []struct{ file, want string }{
		{"[youth]\nheadline = \"Know \x00 the signs\"\n", "fr.toml:2:18: holds U+0000, a control character, which a message file may not hold (an editor may show it as nothing, a box or ^@); delete it"},
		{"[youth]\nheadline = \"ok\"\n# caf\x00\n", "fr.toml:3:6: holds U+0000"},
		{"[youth]\nheadline = 'é\x1b'\n", "fr.toml:2:14: holds U+001B, a control character, which a message file may not hold (an editor may show it as nothing, a box or ^[)"},
		{"[youth]\nheadline = \"\x7f\"\n", "fr.toml:2:13: holds U+007F"},
		{"[youth]\r\nheadline = \"Caf\xe9\"\r\n", "fr.toml:2:16: is not UTF-8 text (byte 0xE9); save the file as UTF-8"},
	} {
		_, err := locale.ParseFile("fr.toml", []byte(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v\nwant %s", c.file, err, c.want)
		}
	}
	// Tabs and Windows line ends are text, and a syntax error is still
	// go-toml's, at its place.
	if _, err := locale.ParseFile("fr.toml", []byte("[youth]\r\n\theadline = \"a\"\r\n")); err != nil {
		t.Errorf("tab and CRLF: %v", err)
	}
	if _, err := locale.ParseFile("fr.toml", []byte("[youth]\nheadline = \"a\" x\n")); err == nil || !strings.Contains(err.Error(), "fr.toml:2:16: expected newline") {
		t.Errorf("syntax error: %v", err)
	}
}

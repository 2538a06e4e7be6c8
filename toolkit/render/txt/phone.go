package txt

import (
	"regexp"
	"strings"
	"unicode"
)

// extension matches "ext. 12" or "x12" at the end of a number.
var extension = regexp.MustCompile(`(?i)\s*(?:ext\.?|x)\s*(\d+)\s*$`)

// TelURI is the tel: address (RFC 3966) that dials phone, or "" when
// phone has nothing to dial. Ten-digit North American numbers get +1;
// letters are dialled by the keypad (1-800-222-TIPS), and digits in
// parentheses after letters, which repeat them, are dropped.
func TelURI(phone string) string {
	var ext string
	if m := extension.FindStringSubmatchIndex(phone); m != nil {
		ext = phone[m[2]:m[3]]
		phone = phone[:m[0]]
	}
	if i := strings.IndexByte(phone, '('); i > 0 && strings.IndexFunc(phone[:i], unicode.IsLetter) >= 0 {
		phone = phone[:i]
	}
	// Letters are a vanity number only after the first digits of one.
	if i := strings.IndexFunc(phone, unicode.IsLetter); i >= 0 && countDigits(phone[:i]) < 4 {
		return ""
	}
	plus := strings.HasPrefix(strings.TrimSpace(phone), "+")
	var digits []byte
	for _, r := range strings.ToUpper(phone) {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case r >= 'A' && r <= 'Z':
			digits = append(digits, keypad[r-'A'])
		case r == '-' || r == ' ' || r == '.' || r == '(' || r == ')' || r == '+' || r == '\u00a0':
		default:
			return "" // not a number we know how to dial
		}
	}
	if len(digits) == 0 {
		return ""
	}
	n := string(digits)
	switch {
	case plus:
		n = "+" + n
	case len(n) == 11 && n[0] == '1':
		n = "+" + n
	case len(n) == 10 && n[0] >= '2':
		n = "+1" + n
	}
	if ext != "" {
		n += ";ext=" + ext
	}
	return "tel:" + n
}

var keypad = []byte("22233344455566677778889999")

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

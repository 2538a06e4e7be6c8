package manifest

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// appendEntry appends e as Stream's encoding/json encoder writes it
// (indented, prefix "    ", indent "  ", HTML not escaped, no newline at
// the end), byte for byte, and reports whether it could: a number that
// is not finite is left to encoding/json, which refuses it. A build of
// ten thousand flyers wrote its manifest's entries through reflection
// and json.Indent: some 82,000 instructions an entry, at the end of the
// build, when nothing else runs.
func appendEntry(b []byte, e *Entry) ([]byte, bool) {
	if in := e.Inputs; in != nil && !(finite(in.DPI) && finite(in.BleedMM)) {
		return b, false
	}
	const (
		l1 = "\n      " // the entry's own fields
		l2 = "\n        "
		l3 = "\n          "
		l4 = "\n            "
	)
	b = append(b, '{')
	b = appendField(b, l1, "file", e.File)
	if in := e.Inputs; in != nil {
		b = append(b, ',')
		b = append(b, l1+`"inputs": {`...)
		b = appendField(b, l2, "audience", in.Audience)
		b = append(b, ',')
		b = appendField(b, l2, "language", in.Language)
		b = append(b, ',')
		b = appendField(b, l2, "format", in.Format)
		if in.Backend != "" {
			b = append(b, ',')
			b = appendField(b, l2, "backend", in.Backend)
		}
		if in.DPI != 0 {
			b = appendFloat(b, in.DPI, l2+`"dpi": `)
		}
		b = append(b, ',')
		b = appendField(b, l2, "paper", in.Paper)
		if in.Style != "" {
			b = append(b, ',')
			b = appendField(b, l2, "style", in.Style)
		}
		if in.BleedMM != 0 {
			b = appendFloat(b, in.BleedMM, l2+`"bleed_mm": `)
		}
		if in.CropMarks {
			b = append(b, ","+l2+`"crop_marks": true`...)
		}
		if in.Imposition != "" {
			b = append(b, ',')
			b = appendField(b, l2, "imposition", in.Imposition)
		}
		if in.Province != "" {
			b = append(b, ',')
			b = appendField(b, l2, "province", in.Province)
		}
		b = append(b, ',')
		b = appendField(b, l2, "content_version", in.ContentVersion)
		b = append(b, ',')
		b = appendField(b, l2, "program", in.Program)
		b = append(b, ',')
		b = appendField(b, l2, "organisation_sha256", in.Organisation)
		b = append(b, ',')
		b = appendField(b, l2, "event_sha256", in.Event)
		if in.FontConfig != "" {
			b = append(b, ',')
			b = appendField(b, l2, "font_config", in.FontConfig)
		}
		if len(in.Fonts) > 0 {
			b = appendObjects(b, l2, l3, `"fonts": [`, in.Fonts, func(b []byte, f FontFile) []byte {
				b = appendField(b, l4, "name", f.Name)
				b = append(b, ',')
				b = appendField(b, l4, "source", f.Source)
				b = append(b, ',')
				return appendField(b, l4, "sha256", f.SHA256)
			})
		}
		b = append(b, l1+"}"...)
	}
	b = append(b, ',')
	b = appendField(b, l1, "inputs_sha256", e.InputsSHA256)
	b = append(b, ',')
	b = appendField(b, l1, "sha256", e.SHA256)
	b = appendInt(b, l1, "bytes", e.Bytes)
	if e.Pages != 0 {
		b = appendInt(b, l1, "pages", int64(e.Pages))
	}
	if e.Copies != 0 {
		b = appendInt(b, l1, "copies", int64(e.Copies))
	}
	if e.ModTime != 0 {
		b = appendInt(b, l1, "mtime_ns", e.ModTime)
	}
	if len(e.Also) > 0 {
		b = appendObjects(b, l1, l2, `"also": [`, e.Also, func(b []byte, p Part) []byte {
			b = appendField(b, l3, "file", p.File)
			b = append(b, ',')
			b = appendField(b, l3, "sha256", p.SHA256)
			b = appendInt(b, l3, "bytes", p.Bytes)
			if p.ModTime != 0 {
				b = appendInt(b, l3, "mtime_ns", p.ModTime)
			}
			return b
		})
	}
	return append(b, "\n    }"...), true
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// appendObjects appends a comma and an array of objects on a new line
// (nl): head ("\"fonts\": ["), then each item's braces on lines of their
// own (inner) around the fields fields appends.
func appendObjects[T any](b []byte, nl, inner, head string, items []T, fields func([]byte, T) []byte) []byte {
	b = append(b, ',')
	b = append(b, nl...)
	b = append(b, head...)
	for i, it := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, inner...)
		b = append(b, '{')
		b = fields(b, it)
		b = append(b, inner...)
		b = append(b, '}')
	}
	b = append(b, nl...)
	return append(b, ']')
}

// appendField appends a string field on a new line (nl, with its
// indentation): "key": "value".
func appendField(b []byte, nl, key, value string) []byte {
	b = append(b, nl...)
	b = append(b, '"')
	b = append(b, key...)
	b = append(b, `": `...)
	return appendString(b, value)
}

// appendInt appends a comma and a number field on a new line.
func appendInt(b []byte, nl, key string, v int64) []byte {
	b = append(b, ',')
	b = append(b, nl...)
	b = append(b, '"')
	b = append(b, key...)
	b = append(b, `": `...)
	return strconv.AppendInt(b, v, 10)
}

// appendFloat appends a comma and head, then f as encoding/json writes
// a float64: the shortest form that reads back, in exponent form below
// 1e-6 or from 1e21 on, with a one-digit negative exponent for
// e-07.
func appendFloat(b []byte, f float64, head string) []byte {
	b = append(b, ',')
	b = append(b, head...)
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string as encoding/json writes it with
// HTML left unescaped: quotes and backslashes escaped, control characters
// as \b \f \n \r \t or \u00XX, U+2028 and U+2029 as \u2028 and \u2029,
// and each byte of invalid UTF-8 as \ufffd.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

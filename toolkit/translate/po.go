package translate

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// GNU gettext PO, as Poedit, Lokalize and msgfmt read it: msgctxt is
// the message ID, msgid the English, msgstr the translation. Where it
// prints, its room and what to keep are extracted comments (#.), which
// Poedit shows as notes for translators; a stale translation is fuzzy
// ("Needs work" in Poedit), which a translator clears when it is right.
// Messages with placeholders carry the flag awarekit-placeholders:
// msgfmt ignores flags it does not know, and the notes say to keep them.

// poFlag marks a message whose placeholders must be kept.
const poFlag = "awarekit-placeholders"

func writePO(w io.Writer, s *Sheet, date string) error {
	bw := bufio.NewWriter(w)
	for _, line := range wrapWords(aboutSheet(s), 76) {
		fmt.Fprintf(bw, "# %s\n", line)
	}
	if strings.TrimSpace(s.Notes) != "" {
		fmt.Fprintf(bw, "#\n# Notes for the reviewer:\n")
		for _, line := range wrapWords(s.Notes, 76) {
			fmt.Fprintf(bw, "# %s\n", line)
		}
	}
	fmt.Fprintf(bw, "msgid \"\"\nmsgstr \"\"\n")
	for _, h := range []string{
		"Project-Id-Version: awarekit content " + s.Version,
		"POT-Creation-Date: " + date + " 00:00+0000",
		"PO-Revision-Date: " + date + " 00:00+0000",
		"Last-Translator: ",
		"Language-Team: ",
		"Language: " + s.Lang,
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=UTF-8",
		"Content-Transfer-Encoding: 8bit",
		"X-Generator: awarekit translate export",
	} {
		fmt.Fprintf(bw, "%s\n", poQuote(h+"\n"))
	}
	for _, e := range s.Entries {
		bw.WriteString("\n")
		for _, n := range e.Notes() {
			for _, line := range wrapWords(n, 76) {
				fmt.Fprintf(bw, "#. %s\n", line)
			}
		}
		var flags []string
		if e.State == StateStale || e.State == StateRewrite {
			flags = append(flags, "fuzzy")
		}
		if len(e.Placeholders) > 0 {
			flags = append(flags, poFlag)
		}
		if len(flags) > 0 {
			fmt.Fprintf(bw, "#, %s\n", strings.Join(flags, ", "))
		}
		fmt.Fprintf(bw, "msgctxt %s\n", poQuote(e.ID))
		writePOString(bw, "msgid", e.English)
		writePOString(bw, "msgstr", e.Text)
	}
	return bw.Flush()
}

// writePOString writes a keyword and its string; a string with line
// breaks is written a line at a time, as gettext does.
func writePOString(w *bufio.Writer, keyword, s string) {
	if !strings.Contains(s, "\n") {
		fmt.Fprintf(w, "%s %s\n", keyword, poQuote(s))
		return
	}
	fmt.Fprintf(w, "%s \"\"\n", keyword)
	for _, line := range strings.SplitAfter(s, "\n") {
		if line != "" {
			fmt.Fprintf(w, "%s\n", poQuote(line))
		}
	}
}

func poQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// readPO reads a PO file as Poedit or msgcat saves it.
func readPO(name string, data []byte) (*File, error) {
	f := &File{Name: name, Format: PO}
	type entry struct {
		ctxt, id, str    *strings.Builder
		hasCtxt, hasStr  bool
		flags            []string
		line, strLine    int
		plural, obsolete bool
	}
	var cur *entry
	var field *strings.Builder // the string a continuation line adds to
	header := false
	finish := func() error {
		if cur == nil {
			return nil
		}
		e := cur
		cur, field = nil, nil
		if e.obsolete {
			return nil
		}
		if !e.hasCtxt && e.id.Len() == 0 {
			// The header: its Language and charset.
			header = true
			for _, line := range strings.Split(e.str.String(), "\n") {
				k, v, ok := strings.Cut(line, ":")
				if !ok {
					continue
				}
				v = strings.TrimSpace(v)
				switch strings.ToLower(strings.TrimSpace(k)) {
				case "language":
					f.Lang = v
				case "content-type":
					if _, cs, ok := strings.Cut(strings.ToLower(v), "charset="); ok && strings.TrimSpace(cs) != "utf-8" {
						return fmt.Errorf("%s:%d: the file is saved as %s; save it as UTF-8 (in Poedit: Translation > Properties > Charset)", name, e.line, strings.TrimSpace(cs))
					}
				}
			}
			return nil
		}
		g := Got{ID: e.ctxt.String(), English: e.id.String(), Text: e.str.String(), HasText: e.str.Len() > 0, Line: e.strLine}
		if g.Line == 0 {
			g.Line = e.line
		}
		for _, fl := range e.flags {
			if fl == "fuzzy" {
				g.Fuzzy = true
			}
		}
		switch {
		case !e.hasCtxt:
			g.Problem = "has no msgctxt; awarekit needs the message ID there, as it exported (was the entry added by hand?)"
		case e.plural:
			g.Problem = "has plural forms (msgid_plural); awarekit's messages have none"
		case !e.hasStr:
			g.Problem = "has no msgstr"
		}
		f.Got = append(f.Got, g)
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), int(translationFile.Limit))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("%s:%d: the line is not valid UTF-8 text; save the file as UTF-8", name, n)
		}
		fresh := func() *entry {
			return &entry{line: n, ctxt: &strings.Builder{}, id: &strings.Builder{}, str: &strings.Builder{}}
		}
		// An entry ends at a blank line, or where the next one starts: a
		// comment, msgctxt or msgid after its msgstr. Obsolete entries
		// (#~) are skipped whole.
		next := func(obsolete bool) error {
			if cur != nil && (cur.hasStr || cur.obsolete != obsolete) {
				if err := finish(); err != nil {
					return err
				}
			}
			if cur == nil {
				cur = fresh()
				cur.obsolete = obsolete
			}
			return nil
		}
		if line == "" {
			if err := finish(); err != nil {
				return nil, err
			}
			continue
		}
		if strings.HasPrefix(line, "#") {
			if err := next(strings.HasPrefix(line, "#~")); err != nil {
				return nil, err
			}
			field = nil
			if strings.HasPrefix(line, "#,") {
				for _, fl := range strings.Split(line[2:], ",") {
					cur.flags = append(cur.flags, strings.TrimSpace(fl))
				}
			}
			continue
		}
		keyword, rest, _ := strings.Cut(line, " ")
		if strings.HasPrefix(line, `"`) {
			if field == nil {
				return nil, fmt.Errorf("%s:%d: a quoted line that continues nothing; it must follow msgid or msgstr", name, n)
			}
			s, err := poUnquote(line)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, n, err)
			}
			field.WriteString(s)
			continue
		}
		switch {
		case keyword == "msgctxt", keyword == "msgid", keyword == "msgid_plural", keyword == "msgstr", poPlural.MatchString(keyword):
		default:
			// The line is not quoted back: the file may be anything.
			return nil, fmt.Errorf("%s:%d: the line does not start with msgctxt, msgid or msgstr; is this a PO file? (open it in Poedit and save it again)", name, n)
		}
		s, err := poUnquote(strings.TrimSpace(rest))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, n, err)
		}
		if keyword == "msgctxt" || keyword == "msgid" {
			if err := next(false); err != nil {
				return nil, err
			}
		}
		if cur == nil || cur.obsolete {
			return nil, fmt.Errorf("%s:%d: %s must follow msgid; open the file in Poedit and save it again", name, n, keyword)
		}
		switch {
		case keyword == "msgctxt":
			cur.hasCtxt = true
			field = cur.ctxt
		case keyword == "msgid":
			field = cur.id
		case keyword == "msgid_plural":
			cur.plural = true
			field = &strings.Builder{}
		case keyword == "msgstr":
			cur.hasStr = true
			cur.strLine = n
			field = cur.str
		case poPlural.MatchString(keyword):
			cur.plural = true
			cur.hasStr = true
			field = &strings.Builder{}
		}
		field.WriteString(s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n, err)
	}
	if err := finish(); err != nil {
		return nil, err
	}
	if !header && len(f.Got) == 0 {
		return nil, fmt.Errorf("%s: has no messages; is it a PO file? (awarekit translate export --as po makes one)", name)
	}
	return f, nil
}

// poUnquote reads a PO string: C escapes inside double quotes.
func poUnquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", fmt.Errorf("a string must be in double quotes, like \"text\"")
	}
	body := s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '"' {
			return "", fmt.Errorf("a double quote inside a string must be written \\\"")
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i++; i >= len(body) {
			return "", fmt.Errorf("a string ends with a lone backslash")
		}
		switch e := body[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\', '\'', '?':
			b.WriteByte(e)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case 'x':
			j := i + 1
			for j < len(body) && j < i+3 && isHex(body[j]) {
				j++
			}
			v, err := strconv.ParseUint(body[i+1:j], 16, 8)
			if err != nil {
				return "", fmt.Errorf("\\x must be followed by hexadecimal digits")
			}
			b.WriteByte(byte(v))
			i = j - 1
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(body) && j < i+3 && body[j] >= '0' && body[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(body[i:j], 8, 16)
			if v > 255 {
				return "", fmt.Errorf("an octal escape is larger than a byte")
			}
			b.WriteByte(byte(v))
			i = j - 1
		default:
			return "", fmt.Errorf("\\%c is not an escape PO knows; write a backslash as \\\\", e)
		}
	}
	return b.String(), nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// poPlural is the keyword of a plural form's translation.
var poPlural = regexp.MustCompile(`^msgstr\[[0-9]+\]$`)

// wrapWords breaks s into lines of at most width bytes at spaces (a
// longer word stays whole).
func wrapWords(s string, width int) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		var line string
		for _, w := range strings.Fields(para) {
			if line != "" && len(line)+1+len(w) > width {
				lines = append(lines, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		lines = append(lines, line)
	}
	return lines
}

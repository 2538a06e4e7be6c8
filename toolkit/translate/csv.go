package translate

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CSV for a spreadsheet: UTF-8 with a byte order mark, which Excel needs
// to read the file as UTF-8 (LibreOffice and Google Sheets read it
// either way); comma-separated, every field quoted, CRLF line ends (RFC
// 4180). One row per message: its ID, the English, the translation under
// the language's tag, its state, its room, its placeholders, where it
// prints and what to keep. The file's notes for the reviewer are the
// first row, with the ID _notes; rows whose ID starts with _ are not
// messages. Reading back, the columns are found by their headings, and
// a file saved with semicolons or tabs between fields (Excel does that
// in some countries) is read too.

var csvColumns = []string{"id", "en", "", "state", "room", "placeholders", "where", "notes"}

func writeCSV(w io.Writer, s *Sheet) error {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	row := func(fields ...string) {
		for i, f := range fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + strings.ReplaceAll(inert(f), `"`, `""`) + `"`)
		}
		b.WriteString("\r\n")
	}
	head := slices.Clone(csvColumns)
	head[2] = s.Lang
	row(head...)
	row("_notes", "", "", "", "", "", "", aboutSheet(s)+"\n\n"+strings.TrimSpace(s.Notes))
	for _, e := range s.Entries {
		room := ""
		if e.Max > 0 {
			room = strconv.Itoa(e.Max)
		}
		notes := e.Notes()[1:] // the first says where, which has its column
		row(e.ID, e.English, e.Text, e.State, room, placeholderText(e.Placeholders), e.Where, strings.Join(notes, "\n"))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// formulaStarts are the first characters that make a spreadsheet read
// a cell as a formula: =HYPERLINK(…) in a translation opened a web site
// from the next volunteer's Excel.
const formulaStarts = "=+-@\t\r"

// inert is a cell as a spreadsheet shows it without running it: one that
// starts a formula is written after an apostrophe, which Excel and
// Google Sheets take as "text" and keep out of the file they save, and
// which readCSV takes off again (LibreOffice keeps it). A cell that
// already starts with apostrophes before a formula's first character
// ("'=x") gets one more: readCSV took its own apostrophe off, and the
// translation came back changed ("=x") from a file no one touched.
func inert(s string) string {
	if startsFormula(s) {
		return "'" + s
	}
	return s
}

// uninert is a cell read back: inert's apostrophe taken off.
func uninert(s string) string {
	if len(s) > 1 && s[0] == '\'' && startsFormula(s[1:]) {
		return s[1:]
	}
	return s
}

// startsFormula reports whether s, after any apostrophes, starts with a
// character that makes a spreadsheet read a cell as a formula.
func startsFormula(s string) bool {
	s = strings.TrimLeft(s, "'")
	return s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0
}

func placeholderText(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return placeholderList(names)
}

// readCSV reads the CSV a spreadsheet saved.
func readCSV(name string, data []byte) (*File, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return nil, fmt.Errorf("%s: the file is saved as UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\" (comma delimited)", name)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return nil, fmt.Errorf("%s:%d: the file is not UTF-8 text; save it as \"CSV UTF-8\" (comma delimited)", name, line)
	}
	r := csv.NewReader(bytes.NewReader(data))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r.Comma = ','
	for _, c := range []rune{';', '\t'} {
		if bytes.Count(first, []byte(string(c))) > bytes.Count(first, []byte(",")) {
			r.Comma = c
		}
	}
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: the file is empty", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	col := map[string]int{}
	var lang []string
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		switch {
		case slices.Contains(csvColumns, h) && h != "":
			col[h] = i
		case h != "":
			lang = append(lang, strings.TrimSpace(head[i]))
			col["text"] = i
		}
	}
	if _, ok := col["id"]; !ok {
		return nil, fmt.Errorf("%s:1: no column is headed id; keep the first row as awarekit exported it", name)
	}
	if len(lang) != 1 {
		return nil, fmt.Errorf("%s:1: the columns must be id, en, the language's tag (like es), state, room, placeholders, where, notes; found %s", name, strings.Join(head, ", "))
	}
	f := &File{Name: name, Format: CSV, Lang: lang[0]}
	cell := func(rec []string, key string) (string, bool) {
		i, ok := col[key]
		if !ok || i >= len(rec) {
			return "", false
		}
		return rec[i], true
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		id, _ := cell(rec, "id")
		id = strings.TrimSpace(id)
		if id == "" || strings.HasPrefix(id, "_") {
			continue
		}
		g := Got{ID: id, Line: line}
		g.English, _ = cell(rec, "en")
		if _, ok := col["en"]; !ok {
			g.English = ""
		}
		g.English = uninert(g.English)
		g.Text, g.HasText = cell(rec, "text")
		g.Text = uninert(g.Text)
		g.HasText = g.HasText && strings.TrimSpace(g.Text) != ""
		if state, ok := cell(rec, "state"); ok {
			state = strings.ToLower(strings.TrimSpace(state))
			g.Pending = state == StateStale || state == StateMissing || state == StateRewrite
		}
		f.Got = append(f.Got, g)
	}
	return f, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %v; check the quotes on that row (a quote inside a field is written twice)", name, pe.StartLine, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

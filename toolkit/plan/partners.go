package plan

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/profile"
	"golang.org/x/text/unicode/norm"
)

// partner is one row of an organisations: file.
type partner struct {
	org    profile.Organisation
	folder string
}

// partnerColumns are the columns an organisations: file may have, by
// the names its header row may give them.
var partnerColumns = map[string]string{
	"name": "name", "organisation": "name", "organization": "name",
	"phone": "phone", "email": "email", "website": "website", "logo": "logo",
	"colour": "color", "color": "color", "folder": "folder",
}

// partnerHeader is the header a file should have, for messages.
const partnerHeader = "name,phone,email,website,logo,colour (folder is optional)"

// maxFolder is the longest folder name a partner gets.
const maxFolder = 60

// partners reads the plan's organisations: file, a CSV with a header row,
// one partner organisation a row. Every row is checked as the plan's
// organisation is (profile's checks), each problem reported at its
// file:line and column. A partner's folder is the folder column, or its
// name made into a file name; folders are unique.
func (d *decoder) partners(name, dir string) []partner {
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	if ext := strings.ToLower(filepath.Ext(name)); ext == ".yaml" || ext == ".yml" {
		// The plan itself, or another plan, named by a slip: read as a
		// CSV its first line was "unknown column (24 characters, not a
		// column name)", which says nothing of what to name.
		d.problemAt("organisations", "%s is a YAML file, like a plan, not a list of partners; name the CSV file of partners (a spreadsheet saved as CSV), whose first row names the columns: %s", input.Quote(name), partnerHeader)
		return nil
	}
	data, err := input.ReadFile(input.Partners, path)
	if err != nil {
		d.problemAt("organisations", "%v", err)
		return nil
	}
	problem := func(line, col int, field, format string, args ...any) {
		d.problems = append(d.problems, Problem{File: path, Line: line, Column: col, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	// Spreadsheets save UTF-8 with a byte order mark.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		problem(line, 0, "", "is not UTF-8 text; save it as \"CSV UTF-8\"")
		return nil
	}
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 && data[i] == '\r' && !bytes.HasPrefix(data[i:], []byte("\r\n")) {
		// Excel for Mac's "CSV (Macintosh)" ends each line with a carriage
		// return alone, which encoding/csv does not take for a line's end;
		// the header row's end says so. A line break typed in a cell
		// (Alt+Enter) is a \n inside quotes there: the file was not
		// converted when it held one, and was refused at a quote.
		data = loneReturns(data)
	}
	r := csv.NewReader(bytes.NewReader(data))
	// Excel saves "CSV" with semicolons where the decimal mark is a comma
	// (French Canada), and some tools with tabs: the header row says which.
	first, _, _ := bytes.Cut(data, []byte("\n"))
	for _, c := range []rune{';', '\t'} {
		if bytes.Count(first, []byte(string(c))) > bytes.Count(first, []byte(string(r.Comma))) {
			r.Comma = c
		}
	}
	r.TrimLeadingSpace = true
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			problem(1, 0, "", "is empty; its first row names the columns: %s", partnerHeader)
		} else {
			csvProblem(problem, err)
		}
		return nil
	}
	cols := make([]string, len(header))
	seen := map[string]bool{}
	bad := false
	for i, h := range header {
		key, ok := partnerColumns[strings.ToLower(strings.TrimSpace(h))]
		_, col := r.FieldPos(i)
		switch {
		case !ok:
			problem(1, col, "", "unknown column %s; the first row names the columns: %s", columnName(h), partnerHeader)
			bad = true
		case seen[key]:
			problem(1, col, "", "column %s is given twice", strconv.Quote(h))
			bad = true
		}
		cols[i], seen[key] = key, true
	}
	if !seen["name"] {
		problem(1, 1, "", "has no name column; the first row names the columns: %s", partnerHeader)
		bad = true
	}
	if bad {
		return nil
	}

	var out []partner
	taken := map[string]int{} // folder, lower case → line that took it
	rows := map[string]int{}  // a partner's details → the line that gave them first
	// A partner's name, lower case → the line that gave it first, and
	// whether that row named its folder.
	type named struct {
		line   int
		folder bool
	}
	names := map[string]named{}
	for _, reserved := range Reserved {
		taken[reserved] = 0
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			csvProblem(problem, err)
			return nil
		}
		line, _ := r.FieldPos(0)
		// Excel saves a row whose cells were cleared, or only
		// formatted, as its separators alone (";;;;"): it holds no
		// partner, and the spreadsheet shows it as no row at all.
		if !slices.ContainsFunc(rec, func(v string) bool { return strings.TrimSpace(v) != "" }) {
			continue
		}
		var o profile.Organisation
		folder := ""
		colOf := map[string]int{}
		for i, v := range rec {
			_, col := r.FieldPos(i)
			colOf[cols[i]] = col
			switch cols[i] {
			case "name":
				o.Name = v
			case "phone":
				o.Phone = v
			case "email":
				o.Email = v
			case "website":
				o.Website = v
			case "logo":
				o.Logo = v
			case "color":
				o.Color = v
			case "folder":
				folder = strings.TrimSpace(v)
			}
		}
		at := fmt.Sprintf("organisations file %s:%d", path, line)
		checked, err := o.Check(func(string) string { return at })
		for _, e := range profile.Problems(err) {
			var fe *profile.FieldError
			if errors.As(e, &fe) {
				key := strings.TrimPrefix(fe.Field.Name, "organisation ")
				// A CSV value needs no YAML quotes.
				msg := strings.Replace(fe.Problem, " (in quotes in a YAML file)", "", 1)
				if fe.Fix != "" {
					msg += "; " + fe.Fix
				}
				problem(line, colOf[partnerColumns[key]], key, "%s", msg)
			}
		}
		if strings.TrimSpace(o.Name) == "" {
			problem(line, colOf["name"], "name", "is empty; every partner needs its name, which is printed on its materials")
		}
		if checked.Logo != "" {
			if !filepath.IsAbs(checked.Logo) {
				checked.Logo = filepath.Join(filepath.Dir(path), checked.Logo)
			}
			if _, err := profile.LoadLogoFit(checked.Logo, layout.LogoPixels); err != nil {
				// After "logo:", not "logo: logo nowhere.png does not exist".
				problem(line, colOf["logo"], "logo", "%s", strings.TrimPrefix(err.Error(), "logo "))
			}
		}
		if strings.TrimSpace(o.Name) != "" {
			// A row pasted twice would make the same set twice, in a
			// folder named -2, to be printed twice.
			key := strings.Join([]string{strings.ToLower(strings.TrimSpace(checked.Name)), checked.Phone, strings.ToLower(checked.Email), strings.ToLower(checked.Website), checked.Logo, strings.ToLower(checked.Color)}, "\x00")
			if first, ok := rows[key]; ok {
				problem(line, colOf["name"], "name", "repeats the partner on line %d, every column the same; remove one of the two rows", first)
				continue
			}
			rows[key] = line
			// The same partner with other details is a row left beside
			// its update as often as a second office: its materials
			// would print the old number in a folder named -2. Two
			// offices name their folders.
			name := strings.ToLower(strings.Join(strings.Fields(checked.Name), " "))
			if first, ok := names[name]; ok && (folder == "" || !first.folder) {
				problem(line, colOf["name"], "name", "%s is also the partner on line %d, with other details; if both rows are right (two offices, say), give each its own folder in a folder column, and if one is out of date, remove it", input.Quote(strings.TrimSpace(checked.Name)), first.line)
				continue
			}
			if _, ok := names[name]; !ok {
				names[name] = named{line: line, folder: folder != ""}
			}
		}
		if folder != "" {
			if why := badFolder(folder); why != "" {
				problem(line, colOf["folder"], "folder", "%s", why)
				continue
			}
			if first, ok := taken[strings.ToLower(folder)]; ok {
				if first == 0 {
					problem(line, colOf["folder"], "folder", "%s is a name the build uses for its own files; choose another", folder)
				} else {
					problem(line, colOf["folder"], "folder", "%s is also the folder of the partner on line %d; give each partner its own", folder, first)
				}
				continue
			}
		} else {
			folder = folderOf(checked.Name, len(out)+1)
			for n := 2; ; n++ {
				if _, ok := taken[strings.ToLower(folder)]; !ok {
					break
				}
				folder = folderOf(checked.Name, len(out)+1) + "-" + strconv.Itoa(n)
			}
		}
		taken[strings.ToLower(folder)] = line
		out = append(out, partner{org: checked, folder: folder})
	}
	if len(out) == 0 && len(d.problems) == 0 {
		problem(2, 0, "", "has no partners: add a row for each, after the header row")
	}
	return out
}

// csvProblem reports a CSV syntax error at its line and column.
func csvProblem(problem func(line, col int, field, format string, args ...any), err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrFieldCount):
			msg = "has a different number of fields than the header row; put a value in quotes when it holds a comma"
		case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
			msg += `; a value with quotes inside is written in quotes with each quote doubled, as in "The ""Hope"" Centre"`
		}
		problem(pe.Line, pe.Column, "", "%s", msg)
		return
	}
	problem(0, 0, "", "%v", err)
}

// badFolder says why a folder column's value cannot be a folder name, or
// "" when it can: one plain name, no path.
func badFolder(f string) string {
	switch {
	case len(f) > maxFolder:
		return fmt.Sprintf("is longer than %d characters", maxFolder)
	case f == "." || f == ".." || strings.HasPrefix(f, "."):
		return "may not start with a dot"
	case strings.HasSuffix(f, "."):
		return "may not end with a dot, which Windows drops"
	case output.CheckName(f) != nil:
		return "is a name Windows keeps for a device (CON, NUL, COM1 …): such a folder cannot be opened there; choose another"
	}
	// A folder of a part's manifest's name was read as one by every
	// build ("out/manifest.shard-1-of-2.json cannot be read; everything
	// it listed is built again").
	if ok, _ := filepath.Match(manifest.ShardPattern, strings.ToLower(f)); ok {
		return f + " is a name the build uses for its own files; choose another"
	}
	for _, c := range []byte(f) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return "may hold only letters a-z, digits and . - _ (one folder, no path)"
		}
	}
	return ""
}

// folderOf makes a partner's name into a folder name: lower-case ASCII
// letters and digits, accents left off (Santé: sante, not sant), other
// characters as one hyphen. A name with none of those (a name in
// Gurmukhi or Arabic script) gives partner-N, N its place in the file.
func folderOf(name string, n int) string {
	var b []byte
	dash := false
	bare := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(name))
	for _, c := range []byte(strings.ToLower(bare)) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			b = append(b, c)
			dash = false
			continue
		}
		dash = true
	}
	if len(b) > maxFolder {
		b = bytes.TrimRight(b[:maxFolder], "-")
	}
	if len(b) == 0 {
		return "partner-" + strconv.Itoa(n)
	}
	if output.CheckName(string(b)) != nil {
		// A partner called Con or Aux: Windows keeps the name for a device.
		return string(b) + "-partner"
	}
	return string(b)
}

// firstInvalid is the offset of the first byte of data that is not UTF-8.
func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// columnName is an unknown header cell as an error may show it: quoted
// when it reads like a column's name (a word or two), else only its
// length, so a plan naming some other file as its partners (a password
// file, a letter) never has that file's text printed.
func columnName(h string) string {
	t := strings.TrimSpace(h)
	plain := t != "" && utf8.RuneCountInString(t) <= 24
	for _, r := range t {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '_' && r != '-' {
			plain = false
			break
		}
	}
	if plain {
		return strconv.Quote(t)
	}
	return fmt.Sprintf("(%d characters, not a column name)", utf8.RuneCountInString(h))
}

// loneReturns is data with each carriage return that no line feed
// follows made a line feed.
func loneReturns(data []byte) []byte {
	out := slices.Clone(data)
	for i, c := range out {
		if c == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
}

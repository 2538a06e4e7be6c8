package translate

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// XLIFF 2.0 (OASIS, the core of the standard): what Weblate, OmegaT and
// most translation platforms exchange. Each message is a unit whose id
// is the message ID; its placeholders are <ph> codes whose original
// text ({{.Hours}}) is kept in the unit's <originalData> and in the
// code's equiv and disp, so tools show them and keep them whole.

const xliffNS = "urn:oasis:names:tc:xliff:document:2.0"

// xliffStates maps a message's state to the segment's state; a stale
// message is "initial", with the subState awarekit:stale.
var xliffStates = map[string]string{
	StateMissing: "initial", StateStale: "initial", StateRewrite: "initial", StateTranslated: "translated", StateReviewed: "reviewed",
}

func writeXLIFF(w io.Writer, s *Sheet) error {
	bw := bufio.NewWriter(w)
	esc := func(v string) string {
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(v))
		return b.String()
	}
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	fmt.Fprintf(bw, "<xliff xmlns=\"%s\" version=\"2.0\" srcLang=\"en\" trgLang=\"%s\">\n", xliffNS, esc(s.Lang))
	fmt.Fprintf(bw, " <file id=\"f1\" original=\"%s\">\n", esc("locales/"+s.Lang+".toml"))
	fmt.Fprintf(bw, "  <notes>\n   <note id=\"about\" category=\"instructions\">%s</note>\n", esc(aboutSheet(s)))
	if strings.TrimSpace(s.Notes) != "" {
		fmt.Fprintf(bw, "   <note id=\"reviewer\" category=\"reviewer\">%s</note>\n", esc(s.Notes))
	}
	fmt.Fprintf(bw, "  </notes>\n")
	for _, e := range s.Entries {
		fmt.Fprintf(bw, "  <unit id=\"%s\" name=\"%s\">\n", esc(e.ID), esc(e.ID))
		fmt.Fprintf(bw, "   <notes>\n")
		for i, n := range e.Notes() {
			fmt.Fprintf(bw, "    <note id=\"n%d\" category=\"instructions\">%s</note>\n", i+1, esc(n))
		}
		fmt.Fprintf(bw, "   </notes>\n")
		data := xliffData(e.English)
		if len(data) > 0 {
			fmt.Fprintf(bw, "   <originalData>\n")
			for _, d := range data {
				fmt.Fprintf(bw, "    <data id=\"%s\">%s</data>\n", d.id, esc(d.raw))
			}
			fmt.Fprintf(bw, "   </originalData>\n")
		}
		state := fmt.Sprintf(" state=%q", xliffStates[e.State])
		if e.State == StateStale || e.State == StateRewrite {
			state += ` subState="awarekit:` + e.State + `"`
		}
		space := ""
		if strings.Contains(e.English, "\n") {
			space = ` xml:space="preserve"`
		}
		fmt.Fprintf(bw, "   <segment%s>\n    <source%s>%s</source>\n", state, space, xliffInline(e.English, data, esc))
		if e.Text != "" {
			fmt.Fprintf(bw, "    <target%s>%s</target>\n", space, xliffInline(e.Text, data, esc))
		}
		fmt.Fprintf(bw, "   </segment>\n  </unit>\n")
	}
	fmt.Fprintf(bw, " </file>\n</xliff>\n")
	return bw.Flush()
}

// xliffDatum is one placeholder's original text, under the id its <ph>
// codes refer to.
type xliffDatum struct{ id, field, raw string }

// xliffData lists the distinct placeholders of a message: d1, d2…
func xliffData(english string) []xliffDatum {
	var out []xliffDatum
	seen := map[string]bool{}
	for _, pc := range pieces(english) {
		if pc.Field != "" && !seen[pc.Field] {
			seen[pc.Field] = true
			out = append(out, xliffDatum{id: "d" + strconv.Itoa(len(out)+1), field: pc.Field, raw: "{{." + pc.Field + "}}"})
		}
	}
	return out
}

// xliffInline writes a message as XLIFF inline content: its text
// escaped, each placeholder a <ph/> numbered in order, pointing at its
// original text. A placeholder the English lacks is written as text, so
// that the import check names it.
func xliffInline(text string, data []xliffDatum, esc func(string) string) string {
	var b strings.Builder
	n := 0
	for _, pc := range pieces(text) {
		if pc.Field == "" {
			b.WriteString(esc(pc.Text))
			continue
		}
		ref := ""
		for _, d := range data {
			if d.field == pc.Field {
				ref = d.id
			}
		}
		if ref == "" {
			b.WriteString(esc(pc.Raw))
			continue
		}
		n++
		fmt.Fprintf(&b, `<ph id="%d" dataRef="%s" equiv="%s" disp="%s" canDelete="no"/>`, n, ref, esc(pc.Raw), esc(pc.Raw))
	}
	return b.String()
}

// readXLIFF reads the XLIFF 2.0 a translation tool saved.
func readXLIFF(name string, data []byte) (*File, error) {
	f := &File{Name: name, Format: XLIFF}
	dec := xml.NewDecoder(bytes.NewReader(data))
	line := func() int { l, _ := dec.InputPos(); return l }
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", name, line(), fmt.Sprintf(format, args...))
	}
	var (
		unit     *Got
		original map[string]string // data id → original text
		inSource bool
		target   *strings.Builder
		inData   string
		seenRoot bool // <xliff> read
		files    int
	)
	var source strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, fmt.Errorf("%s:%d: the file is not well-formed XML: %s; open it in the tool that saved it and save it again", name, se.Line, se.Msg)
			}
			return nil, fmt.Errorf("%s:%d: %w", name, line(), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !seenRoot {
				if t.Name.Local != "xliff" {
					return nil, fail("the file starts with <%s>, not <xliff>: it is not an XLIFF file", t.Name.Local)
				}
				if t.Name.Space != xliffNS || attr(t, "version") != "2.0" {
					return nil, fail("this is XLIFF %s; awarekit reads XLIFF 2.0, as it exports (choose XLIFF 2.0 when your tool saves)", orDash(attr(t, "version")))
				}
				if src := attr(t, "srcLang"); src != "en" && !strings.HasPrefix(src, "en-") {
					return nil, fail("the source language is %q; awarekit's messages are translated from English (en)", src)
				}
				f.Lang = attr(t, "trgLang")
				seenRoot = true
				continue
			}
			if t.Name.Space != xliffNS {
				// A module or extension element (metadata, glossary…):
				// its content is not the translation.
				if target != nil {
					return nil, fail("unit %s: the target holds <%s>, which awarekit does not read; remove it", unit.ID, t.Name.Local)
				}
				if err := dec.Skip(); err != nil {
					return nil, fail("%v", err)
				}
				continue
			}
			switch t.Name.Local {
			case "file":
				if files++; files > 1 {
					return nil, fail("the file holds more than one <file>; awarekit exports one per language")
				}
			case "unit":
				if unit != nil {
					return nil, fail("a unit inside a unit")
				}
				unit = &Got{ID: attr(t, "id"), Line: line()}
				original = map[string]string{}
				source.Reset()
			case "segment":
				if unit == nil {
					return nil, fail("a segment outside a unit")
				}
				if unit.segments++; unit.segments > 1 {
					return nil, fail("unit %s is split into segments; join them into one (awarekit's messages are one segment each)", unit.ID)
				}
				state := attr(t, "state")
				unit.Pending = state == "" || state == "initial"
			case "data":
				inData = attr(t, "id")
			case "source":
				inSource = true
			case "target":
				if unit == nil {
					return nil, fail("a target outside a unit")
				}
				if unit.HasText {
					// The second was imported and the first dropped,
					// unsaid: which one the translator meant is not clear.
					return nil, fail("unit %s has a second <target>; keep the one translation you mean and remove the other", unit.ID)
				}
				target = &strings.Builder{}
				unit.Line = line()
			case "ph":
				ph, shown := phText(t, original)
				if shown != "" && (target != nil || inSource) {
					// A tool shows the equiv or disp; the data is what
					// is printed. Told apart, the translator placed one
					// value and the page would print another.
					return nil, fail("unit %s: a placeholder <ph id=%q> stands for %s (its data %s) but shows %s; a tool or an edit changed one and not the other, so which value goes there is not clear: export the message again, and move placeholders whole", unit.ID, attr(t, "id"), ph, attr(t, "dataRef"), shown)
				}
				if ph == "" && target != nil {
					// No data, equiv or disp: the placeholder vanished
					// from the text, and the verified value with it.
					return nil, fail("unit %s: a placeholder <ph id=%q> in the target names no value (no data, equiv or disp): a tool or an edit lost it; export the message again, and move placeholders whole", unit.ID, attr(t, "id"))
				}
				switch {
				case target != nil:
					target.WriteString(ph)
				case inSource:
					source.WriteString(ph)
				}
				if err := dec.Skip(); err != nil {
					return nil, fail("%v", err)
				}
			case "mrk", "sm", "em":
				// An annotation (a term, a comment, text not to
				// translate), whole or by its start and end: nothing
				// printed; the text is the translation's.
				if t.Name.Local != "mrk" {
					if err := dec.Skip(); err != nil {
						return nil, fail("%v", err)
					}
				}
			case "pc", "sc", "ec", "cp":
				// Formatting (bold, italics, a link), paired around text
				// or by its start and end, or a character XML cannot
				// hold. The text inside <pc> was imported without it,
				// while <sc> was refused: the translator's emphasis on
				// a word ("not") vanished from the page unsaid.
				if target != nil {
					return nil, fail("unit %s: the target holds <%s>, formatting awarekit's messages do not have, which would not print; remove the tags and keep the words (plain text)", unit.ID, t.Name.Local)
				}
				if t.Name.Local != "pc" {
					if err := dec.Skip(); err != nil {
						return nil, fail("%v", err)
					}
				}
			}
		case xml.EndElement:
			if t.Name.Space != xliffNS {
				continue
			}
			switch t.Name.Local {
			case "unit":
				if unit != nil {
					unit.English = source.String()
					f.Got = append(f.Got, *unit)
				}
				unit = nil
			case "data":
				inData = ""
			case "source":
				inSource = false
			case "target":
				if unit != nil && target != nil {
					unit.Text = target.String()
					unit.HasText = true
				}
				target = nil
			}
		case xml.CharData:
			switch {
			case inData != "" && unit != nil:
				original[inData] += string(t)
			case target != nil:
				target.Write(t)
			case inSource:
				source.Write(t)
			}
		}
	}
	if !seenRoot {
		return nil, fmt.Errorf("%s: the file is empty or is not XML; export it again with awarekit translate export --as xliff", name)
	}
	return f, nil
}

// phText is the original text a <ph> stands for: its data's, else its
// equiv, else its disp. With data, shown is an equiv or disp that names
// another placeholder than the data ("" when they agree, or are not
// given, or are a tool's own words for it).
func phText(t xml.StartElement, original map[string]string) (text, shown string) {
	if ref := attr(t, "dataRef"); ref != "" {
		if s, ok := original[ref]; ok {
			for _, a := range []string{"equiv", "disp"} {
				if v := attr(t, a); fieldName(v) != "" && fieldName(v) != fieldName(s) {
					return s, v
				}
			}
			return s, ""
		}
	}
	if s := attr(t, "equiv"); s != "" {
		return s, ""
	}
	return attr(t, "disp"), ""
}

// fieldName is the name of the placeholder s is ("Hours" for
// {{.Hours}}), or "" when s is none.
func fieldName(s string) string {
	if m := plainField.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && (a.Name.Space == "" || a.Name.Space == xliffNS) {
			return a.Value
		}
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "without a version"
	}
	return s
}

// aboutSheet says what the file is, for its first note or comment.
func aboutSheet(s *Sheet) string {
	name := s.Name
	if s.Native != "" && s.Native != s.Name {
		name += " (" + s.Native + ")"
	}
	return fmt.Sprintf("awarekit messages in %s, content version %s, for a translator or reviewer. Each message says where it is printed and what to keep. When you are done, give this file back to be read with: awarekit translate import FILE", name, s.Version)
}

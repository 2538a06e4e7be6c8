package layout_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/profile"
)

var update = flag.Bool("update", false, "rewrite the layout golden files in testdata/golden")

// goldenCase is one document whose layout is kept as a golden file.
type goldenCase struct{ audience, lang, paper string }

// goldenCases are a Letter and an A4 case in the two languages every
// audience has, and a right-to-left case when the project has a
// right-to-left language.
func goldenCases(tags []string) []goldenCase {
	cases := []goldenCase{{"youth", "en", "letter"}, {"newcomers", "fr", "a4"}}
	for _, tag := range tags {
		if sc, _ := locale.ScriptOf(tag); sc.RTL {
			return append(cases, goldenCase{"newcomers", tag, "letter"})
		}
	}
	return cases
}

// TestGolden lays out every page format for a few fixed cases and
// compares the layout tree, as readable JSON, with testdata/golden byte
// for byte. After an intended change, regenerate the files with
//
//	go test ./toolkit/layout -run TestGolden -update
//
// and read the diff before committing it.
func TestGolden(t *testing.T) {
	t.Parallel()
	e, err := generate.New("awarekit test", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	org := profile.Organisation{Name: "Riverside Youth Council", Phone: "604-555-0134", Website: "riverside.example.org"}
	brand, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "golden")
	for _, f := range format.Formats {
		if !f.Paged() {
			continue
		}
		for _, c := range goldenCases(e.Languages()) {
			if !kitWritten(e, f, c) {
				continue // the kit's parts are made where they are written
			}
			name := fmt.Sprintf("%s-%s-%s-%s", f.Name, c.audience, c.lang, c.paper)
			t.Run(name, func(t *testing.T) {
				r, err := e.Resolve(generate.Job{Audience: c.audience, Lang: c.lang, Format: f.Name, Paper: c.paper})
				if err != nil {
					t.Fatal(err)
				}
				ld, err := e.Layout(r, org, brand)
				if err != nil {
					t.Fatal(err)
				}
				got := goldenJSON(ld)
				path := filepath.Join(dir, name+".json")
				if *update {
					if err := os.MkdirAll(dir, 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if os.IsNotExist(err) {
					t.Fatalf("no golden file %s; create it with: go test ./toolkit/layout -run TestGolden -update", path)
				}
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("the layout differs from %s: %s\nif the change is intended: go test ./toolkit/layout -run TestGolden -update", path, firstDiff(want, got))
				}
			})
		}
	}
}

// firstDiff names the first line where got leaves want.
// kitWritten reports whether the kit's parts format f prints are written
// for the case's audience and language (always, for other formats).
func kitWritten(e *generate.Engine, f format.Format, c goldenCase) bool {
	for _, p := range f.Budget.Kit {
		if e.Lib.CheckKit(c.audience, c.lang, p) != nil {
			return false
		}
	}
	// The pocket card, too, is made only for the audiences that have one
	// (TestPocketCard lays it out).
	return !f.Budget.Pocket || e.Lib.CheckPocket(c.audience, c.lang) == nil
}

func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d\nwant: %s\n got: %s", i+1, a, b)
		}
	}
	return "no line differs"
}

// num is a coordinate or size, written rounded to 0.01 so that goldens
// do not churn on floating-point noise.
type num float64

func (n num) MarshalJSON() ([]byte, error) {
	v := math.Round(float64(n)*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	return []byte(strconv.FormatFloat(v, 'f', -1, 64)), nil
}

type color doc.RGB

func (c color) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf(`"#%02x%02x%02x"`, c.R, c.G, c.B)), nil
}

type (
	gBox struct {
		X num `json:"x"`
		Y num `json:"y"`
		W num `json:"w"`
		H num `json:"h"`
	}
	gText struct {
		X      num    `json:"x"`
		Y      num    `json:"y"`
		Text   string `json:"text"`
		Font   string `json:"font"`
		Size   num    `json:"size"`
		Width  num    `json:"width"`
		Rotate num    `json:"rotate"`
		Color  color  `json:"color"`
	}
	gRect struct {
		gBox
		Fill        color  `json:"fill"`
		Radius      num    `json:"radius,omitempty"`
		Stroke      *color `json:"stroke,omitempty"`
		StrokeWidth num    `json:"strokeWidth,omitempty"`
	}
	gRule struct {
		X1    num   `json:"x1"`
		Y1    num   `json:"y1"`
		X2    num   `json:"x2"`
		Y2    num   `json:"y2"`
		Color color `json:"color"`
		Width num   `json:"width"`
		Dash  []num `json:"dash,omitempty"`
	}
	gImage struct {
		gBox
		Type   string `json:"type"`
		Pixels string `json:"pixels"`
	}
	gQR struct {
		X       num    `json:"x"`
		Y       num    `json:"y"`
		Module  num    `json:"module"`
		Modules int    `json:"modules"`
		Bits    string `json:"bits"` // a hash of the modules
	}
	gLink struct {
		gBox
		URL string `json:"url"`
	}
)

// goldenJSON writes a laid-out document as JSON: each page's size and
// print boxes, then its elements, one per line, in drawing order. Text
// lines carry their visible text and fonts rather than glyph arrays.
func goldenJSON(ld *layout.Document) []byte {
	var b bytes.Buffer
	b.WriteString("{\"pages\": [\n")
	for i, p := range ld.Pages {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "{\"width\": %s, \"height\": %s", marshal(num(p.Width)), marshal(num(p.Height)))
		if p.Trim != nil {
			fmt.Fprintf(&b, ", \"trim\": %s", marshal(box(*p.Trim)))
		}
		if p.Bleed != nil {
			fmt.Fprintf(&b, ", \"bleed\": %s", marshal(box(*p.Bleed)))
		}
		b.WriteString(", \"elements\": [\n")
		for j, e := range p.Elements {
			if j > 0 {
				b.WriteString(",\n")
			}
			b.WriteString("  ")
			b.Write(marshal(element(e)))
		}
		b.WriteString("\n]}")
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

func marshal(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return data
}

func box(x layout.Box) gBox { return gBox{num(x.X), num(x.Y), num(x.W), num(x.H)} }

func element(e layout.Element) map[string]any {
	switch {
	case e.Text != nil:
		t := e.Text
		var text strings.Builder
		var fonts []string
		size := 0.0
		for _, r := range t.Line.Runs {
			text.WriteString(r.Text)
			size = max(size, r.Size)
			if r.Font != nil && (len(fonts) == 0 || fonts[len(fonts)-1] != r.Font.Name) {
				fonts = append(fonts, r.Font.Name)
			}
		}
		return map[string]any{"text": gText{num(t.X), num(t.Y), text.String(), strings.Join(fonts, " + "), num(size), num(t.Line.Width), num(t.Rotate), color(t.Color)}}
	case e.Rect != nil:
		r := e.Rect
		g := gRect{gBox: gBox{num(r.X), num(r.Y), num(r.W), num(r.H)}, Fill: color(r.Fill), Radius: num(r.Radius), StrokeWidth: num(r.StrokeWidth)}
		if r.Stroke != nil {
			c := color(*r.Stroke)
			g.Stroke = &c
		}
		return map[string]any{"rect": g}
	case e.Rule != nil:
		r := e.Rule
		g := gRule{num(r.X1), num(r.Y1), num(r.X2), num(r.Y2), color(r.Color), num(r.Width), nil}
		for _, d := range r.Dash {
			g.Dash = append(g.Dash, num(d))
		}
		return map[string]any{"rule": g}
	case e.Image != nil:
		im := e.Image
		g := gImage{gBox: gBox{num(im.X), num(im.Y), num(im.W), num(im.H)}}
		if im.Image != nil {
			g.Type, g.Pixels = im.Image.Type, fmt.Sprintf("%dx%d", im.Image.Width, im.Image.Height)
		}
		return map[string]any{"image": g}
	case e.QR != nil:
		q := e.QR
		sum := sha256.Sum256([]byte(strings.Join(q.Bits, "\n")))
		return map[string]any{"qr": gQR{num(q.X), num(q.Y), num(q.Module), len(q.Bits), hex.EncodeToString(sum[:6])}}
	case e.Link != nil:
		l := e.Link
		return map[string]any{"link": gLink{gBox{num(l.X), num(l.Y), num(l.W), num(l.H)}, l.URL}}
	}
	return map[string]any{}
}

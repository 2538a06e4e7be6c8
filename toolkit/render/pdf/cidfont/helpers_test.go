package cidfont

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// requireEnv makes missing fonts and tools fatal instead of a skip.
const requireEnv = "AWAREKIT_REQUIRE_FONTS"

// testFont is a font parsed both for shaping (go-text) and for drawing.
type testFont struct {
	face *font.Face
	font *Font
}

var (
	fontCache   = map[string]*testFont{}
	fontCacheMu sync.Mutex
)

// notoDir holds the fonts of Debian's fonts-noto-core.
const notoDir = "/usr/share/fonts/truetype/noto"

// dejaVuSans returns DejaVu Sans from github.com/go-fonts/dejavu.
func dejaVuSans(tb testing.TB) *testFont {
	tb.Helper()
	return loadFont(tb, "DejaVuSans", dejavusans.TTF)
}

// notoFont returns a font of fonts-noto-core, or skips the test when it is
// not installed.
func notoFont(tb testing.TB, file string) *testFont {
	tb.Helper()
	path := filepath.Join(notoDir, file)
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv(requireEnv) == "1" {
			tb.Fatalf("font %s: %v (install the Debian package fonts-noto-core)", path, err)
		}
		tb.Skipf("font %s is missing: install the Debian package fonts-noto-core (or set %s=1 to fail)", path, requireEnv)
	}
	return loadFont(tb, file, data)
}

func loadFont(tb testing.TB, name string, data []byte) *testFont {
	tb.Helper()
	fontCacheMu.Lock()
	defer fontCacheMu.Unlock()
	if tf := fontCache[name]; tf != nil {
		return tf
	}
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("go-text: parse %s: %v", name, err)
	}
	f, err := Parse(data)
	if err != nil {
		tb.Fatalf("parse %s: %v", name, err)
	}
	tf := &testFont{face: face, font: f}
	fontCache[name] = tf
	return tf
}

// shape shapes text with go-text's HarfBuzz port into a Run at (x, y).
func shape(tf *testFont, text string, script language.Script, lang string, rtl bool) Run {
	runes := []rune(text)
	dir := di.DirectionLTR
	if rtl {
		dir = di.DirectionRTL
	}
	var sh shaping.HarfbuzzShaper
	out := sh.Shape(shaping.Input{
		Text:      runes,
		RunStart:  0,
		RunEnd:    len(runes),
		Direction: dir,
		Face:      tf.face,
		Size:      fixed.I(tf.font.UnitsPerEm()),
		Script:    script,
		Language:  language.NewLanguage(lang),
	})
	glyphs := make([]Glyph, len(out.Glyphs))
	for i, g := range out.Glyphs {
		glyphs[i] = Glyph{
			GID:      uint16(g.GlyphID),
			Cluster:  g.TextIndex(),
			XAdvance: int32(g.Advance.Round()),
			XOffset:  int32(g.XOffset.Round()),
			YOffset:  int32(g.YOffset.Round()),
		}
	}
	return Run{Font: tf.font, Size: 14, Text: text, RTL: rtl, Glyphs: glyphs}
}

// runWidth is the run's advance in points.
func runWidth(r Run) float64 {
	var w int32
	for _, g := range r.Glyphs {
		w += g.XAdvance
	}
	return float64(w) * r.Size / float64(r.Font.UnitsPerEm())
}

// newDoc returns an A4 document in millimetres with fixed dates and sorted
// catalogues, so that its bytes can be compared.
func newDoc() *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	day := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	pdf.SetCreationDate(day)
	pdf.SetModificationDate(day)
	pdf.SetCatalogSort(true)
	return pdf
}

// tool returns the path of a command-line tool, or skips the test when it
// is missing.
func tool(tb testing.TB, name, pkg string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv(requireEnv) == "1" {
			tb.Fatalf("%s is missing: install the Debian package %s", name, pkg)
		}
		tb.Skipf("%s is missing: install the Debian package %s (or set %s=1 to fail)", name, pkg, requireEnv)
	}
	return path
}

// run runs a tool and returns its standard output.
func run(tb testing.TB, name string, args ...string) string {
	tb.Helper()
	cmd := exec.Command(name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// writePDF writes the document through w.Output into a temporary file.
func writePDF(tb testing.TB, pdf *fpdf.Fpdf, w *Writer) string {
	tb.Helper()
	var buf bytes.Buffer
	if err := w.Output(&buf); err != nil {
		tb.Fatalf("output: %v", err)
	}
	path := filepath.Join(tb.TempDir(), "out.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	if dir := os.Getenv("CIDFONT_KEEP"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, strings.ReplaceAll(tb.Name(), "/", "_")+".pdf"), buf.Bytes(), 0o644)
	}
	return path
}

// normalise is how extracted text is compared: NFKC, whitespace collapsed,
// and without the bidi embedding controls (U+202A…U+202E) that pdftotext
// puts around right-to-left lines.
func normalise(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 0x202a && r <= 0x202e {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.FieldsFunc(norm.NFKC.String(s), unicode.IsSpace), " ")
}

// unspaced is normalise without any white space: extractors split words
// where they like when they keep the stream's order.
func unspaced(s string) string { return strings.ReplaceAll(normalise(s), " ", "") }

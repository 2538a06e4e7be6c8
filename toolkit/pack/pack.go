// Package pack makes what a build hands to people besides the materials:
// pack.pdf, a cover sheet listing every material with its copies followed
// by every PDF material's pages, for the print shop; and index.html, every
// output with a link, for whoever opens the folder in a browser.
package pack

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Names of the files this package writes in the output folder.
const (
	FileName  = "pack.pdf"
	IndexName = "index.html"
)

// Sheet is what the cover sheet and the index page say about the whole
// set: the event, who made it, and the cover's paper.
type Sheet struct {
	Event doc.Event
	Brand doc.Brand
	Paper layout.Paper
}

// Item is one material as the pack and the index list it.
type Item struct {
	File   string // name in the output folder
	What   string // in words: "Youth flyer, French (draft translation)"
	Paper  string
	Pages  int
	Copies int
	SHA256 string // of the file on disk; "" when there is none
	// Failed says why the file is not there ("" when it is): the
	// index shows it in place of a link.
	Failed string
	// Thumb is a small PNG picture of the first page, shown in the index;
	// nil for a text format.
	Thumb []byte
	// Sheet is how a copy is printed; zero for an item that is not.
	Sheet format.Sheet
}

// Joinable reports whether the pack can join r's file: only files drawn
// by the PDF backend can be.
func Joinable(r generate.Resolved) bool { return r.Backend.Name == format.PDF.Name }

// Write makes dir/pack.pdf: the cover sheet, then the pages of every
// item's file in order, joined from the files already written one at a
// time, straight into a temporary file that is renamed into place. It
// returns the pack's entry (without its inputs hash, which the caller
// knows). When ctx is cancelled before the pack is whole it stops,
// leaves no pack and returns ctx's error.
func Write(ctx context.Context, eng *generate.Engine, dir string, s Sheet, items []Item) (*manifest.Entry, error) {
	meta := packMeta(eng, s)
	// The cover is laid out and drawn a page at a time, each page a PDF
	// of its own that the merge joins like a material: the cover of ten
	// thousand materials is hundreds of pages, never all held at once.
	coverPage, stop := iter.Pull2(layout.CoverPages(typeset.New(eng.Fonts), coverSheet(eng, s, items), s.Paper))
	defer stop()
	var coverPDF bytes.Buffer
	i := 0
	next := func() ([]byte, error) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if page, err, ok := coverPage(); ok {
			if err != nil {
				return nil, err
			}
			coverPDF.Reset()
			if err := eng.Draw(&coverPDF, format.PDF, &layout.Document{Meta: meta, Pages: []layout.Page{page}}); err != nil {
				return nil, err
			}
			return coverPDF.Bytes(), nil
		}
		if i == len(items) {
			return nil, io.EOF
		}
		i++
		return os.ReadFile(filepath.Join(dir, items[i-1].File))
	}
	path := filepath.Join(dir, FileName)
	hash := sha256.New()
	var pages int
	var size int64
	err := output.WriteStream(path, func(w io.Writer) error {
		cw := &counter{w: io.MultiWriter(w, hash)}
		var err error
		pages, err = pdf.Merge(cw, meta, pdf.Options{Date: eng.Date}, next)
		size = cw.n
		return err
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err() // stopped: no pack, and no half of one
		}
		return nil, fmt.Errorf("pack: %w", err)
	}
	e := &manifest.Entry{File: FileName, SHA256: hex.EncodeToString(hash.Sum(nil)), Bytes: size, Pages: pages, Copies: 1}
	e.Stamp(path)
	return e, nil
}

func packMeta(eng *generate.Engine, s Sheet) doc.Meta {
	title := "Print pack"
	if s.Event.Name != "" {
		title += ": " + s.Event.Name
	}
	author := s.Brand.OrgName
	if author == "" {
		author = "awarekit"
	}
	return doc.Meta{Title: title, Subject: "Materials with copies to print", Author: author, Creator: eng.Creator, Version: eng.Lib.Info.Version}
}

// details are the event's and the organisation's lines that have text.
func details(s Sheet) []layout.Detail {
	var out []layout.Detail
	ev := s.Event
	for _, d := range []layout.Detail{{Label: "Date", Value: ev.Date}, {Label: "Place", Value: ev.Place}, {Label: "Facilitator", Value: ev.Facilitator}, {Label: "Organisation", Value: s.Brand.OrgName}} {
		if strings.TrimSpace(d.Value) != "" {
			out = append(out, d)
		}
	}
	return out
}

func coverSheet(eng *generate.Engine, s Sheet, items []Item) layout.CoverSheet {
	c := layout.CoverSheet{Title: s.Event.Name, Color: s.Brand.Color, Details: details(s)}
	if c.Title == "" {
		c.Title = "Materials"
	}
	for _, it := range items {
		paper := it.Paper
		if it.Sheet.Sides > 0 {
			paper = it.Sheet.Paper.Name
		}
		c.Materials = append(c.Materials, layout.CoverItem{What: it.What, File: it.File, Paper: paper, Pages: it.Pages, ToPrint: it.ToPrint()})
	}
	c.Total = "Total: " + Total(items).String()
	c.Note = fmt.Sprintf("The materials follow this sheet in the order listed. Print each as shown: a copy is one sheet, and for cards cut from a sheet the number is of sheets. Both sides means duplex, turned on the long edge. Made with %s from content version %s.", eng.Creator, eng.Lib.Info.Version)
	return c
}

var indexPage = template.Must(template.New("index").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:62rem;padding:0 1rem;color:#1a1a1a;line-height:1.4}
header{border-left:.5rem solid {{.Color}};padding-left:1rem;margin-bottom:1.5rem}
h1{margin:.2rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.8rem 0}
dt{font-weight:600;color:#555}
dd{margin:0}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
th{color:#555}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td img{display:block;border:1px solid #ccc;max-width:none}
code{font-size:.8rem;color:#555}
.failed{color:#a4101a}
.pack{font-size:1.1rem;margin:1rem 0}
</style>
</head>
<body>
<header>
<p>Materials</p>
<h1>{{.Title}}</h1>
{{- if .Details}}
<dl>
{{- range .Details}}
<dt>{{.Label}}</dt><dd>{{.Value}}</dd>
{{- end}}
</dl>
{{- end}}
</header>
{{- if .Pack}}
<p class="pack"><a href="{{.Pack}}">{{.Pack}}</a>: a cover sheet with copies to print, then every PDF material, ready for the print shop.</p>
{{- end}}
<table>
<thead><tr><th>#</th><th>Page 1</th><th>Material</th><th>File</th><th>Paper</th><th>Pages</th><th>Copies</th><th>SHA-256</th></tr></thead>
<tbody>
{{- range $i, $r := .Rows}}
<tr><td class="n">{{$r.N}}</td><td>{{if $r.Thumb}}<img src="{{$r.Thumb}}" alt="" width="120">{{end}}</td><td>{{$r.What}}</td>
{{- if $r.Failed}}<td class="failed">{{$r.File}}: not made: {{$r.Failed}}</td>{{else}}<td><a href="{{$r.Href}}">{{$r.File}}</a></td>{{end -}}
<td>{{$r.Paper}}</td><td class="n">{{if $r.Pages}}{{$r.Pages}}{{end}}</td><td class="n">{{$r.Copies}}</td><td><code>{{$r.SHA}}</code></td></tr>
{{- end}}
</tbody>
</table>
<p><small>{{.Note}} <a href="{{.Manifest}}">{{.Manifest}}</a> lists each file's inputs and checksum.</small></p>
</body>
</html>
`))

type indexRow struct {
	N                 int
	What, File, Paper string
	Href              template.URL
	Pages, Copies     int
	SHA, Failed       string
	Thumb             template.URL
}

// Index makes index.html: every item with a link to its file, or why
// it is missing, and a link to the pack when withPack. It depends only on
// its arguments, so an unchanged build makes the same bytes.
func Index(eng *generate.Engine, s Sheet, items []Item, withPack bool) ([]byte, error) {
	data := struct {
		Title, Color, Note string
		Details            []layout.Detail
		Pack, Manifest     string
		Rows               []indexRow
	}{
		Title:    s.Event.Name,
		Color:    fmt.Sprintf("#%02x%02x%02x", s.Brand.Color.R, s.Brand.Color.G, s.Brand.Color.B),
		Note:     fmt.Sprintf("Made with %s from content version %s.", eng.Creator, eng.Lib.Info.Version),
		Manifest: manifest.FileName,
		Details:  details(s),
	}
	if data.Title == "" {
		data.Title = "Materials"
	}
	if withPack {
		data.Pack = FileName
	}
	for i, it := range items {
		row := indexRow{N: i + 1, What: it.What, File: it.File, Paper: it.Paper, Copies: it.Copies, Pages: it.Pages,
			Href: template.URL(pathEscape(it.File)), Failed: it.Failed}
		if len(it.Thumb) > 0 {
			// A data URL keeps the page one file, and the picture in
			// step with the material it shows.
			row.Thumb = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(it.Thumb))
		}
		if it.Failed == "" && len(it.SHA256) >= 12 {
			row.SHA = it.SHA256[:12]
		}
		data.Rows = append(data.Rows, row)
	}
	var buf bytes.Buffer
	if err := indexPage.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pathEscape makes a file name safe as a relative link; output names are
// already limited to [A-Za-z0-9._-], but the page must not trust that.
func pathEscape(name string) string {
	var b strings.Builder
	for _, c := range []byte(name) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	s := b.String()
	if strings.HasPrefix(s, ".") {
		s = "./" + s
	}
	return s
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

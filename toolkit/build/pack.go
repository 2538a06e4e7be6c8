package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// packInputs is everything pack.pdf shows: when none of it changed, the
// pack is not made again.
type packInputs struct {
	Program      string
	Content      string
	Organisation string
	Event        Event
	Paper        string
	Items        []packItem
}

type packItem struct {
	File, Inputs string
	Copies       int
}

// pack makes pack.pdf: a cover sheet, then every PDF material's pages in
// plan order, joined from the files already written (pdf.Merge), one file
// in memory at a time.
func (b *builder) pack(ctx context.Context, results []Result) *Result {
	var items []Result
	in := packInputs{
		Program:      b.eng.Creator,
		Content:      b.eng.Lib.Info.Version,
		Organisation: b.orgSHA,
		Event:        b.plan.Event,
		Paper:        b.plan.Paper.Name,
	}
	pending := false // a dry run: some material would be made
	for _, r := range results {
		switch {
		case r.Job.Backend.Name != format.PDF.Name:
			// The pack joins PDF files; other backends' files and text
			// formats are listed in index.html only.
		case r.Entry != nil:
			items = append(items, r)
			in.Items = append(in.Items, packItem{File: r.Name, Inputs: r.Entry.InputsSHA256, Copies: r.Copies})
		case r.Status == New || r.Status == Changed:
			items = append(items, r)
			pending = true
		}
	}
	if len(items) == 0 {
		return nil
	}
	res := &Result{Output: Output{Name: PackName, Copies: 1}}
	if pending {
		res.Status, res.Reason = Changed, "materials change"
		if b.prev.pack == nil {
			res.Status, res.Reason = New, "not built before"
		}
		return res
	}
	key := hash(in)
	path := filepath.Join(b.opts.OutDir, PackName)
	res.Status, res.Reason = New, "not built before"
	if p := b.prev.pack; p != nil {
		res.Status, res.Reason = Changed, "materials, copies or event changed"
		switch {
		case b.opts.Force:
			res.Reason = "--force"
		case p.InputsSHA256 == key:
			if why, err := onDisk(path, p); err == nil && why == "" {
				res.Status, res.Reason, res.Entry = Unchanged, "", p
				return res
			}
			res.Reason = "file missing or differs from the manifest"
		}
	}
	if b.opts.DryRun {
		return res
	}

	fail := func(err error) *Result {
		res.Status, res.Reason, res.Err = Failed, err.Error(), err
		return res
	}
	// The pack joins the cover sheet and the files already written, one
	// file in memory at a time, without laying anything out again.
	cover, err := layout.Cover(typeset.New(b.eng.Fonts), b.coverSheet(items), b.plan.Paper)
	if err != nil {
		return fail(err)
	}
	var coverPDF bytes.Buffer
	if err := b.eng.Draw(&coverPDF, format.PDF, &layout.Document{Meta: b.packMeta(), Pages: cover}); err != nil {
		return fail(fmt.Errorf("pack: %w", err))
	}
	i := -1
	next := func() ([]byte, error) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		i++
		switch {
		case i == 0:
			return coverPDF.Bytes(), nil
		case i > len(items):
			return nil, io.EOF
		}
		return os.ReadFile(filepath.Join(b.opts.OutDir, items[i-1].Name))
	}
	// Straight to a temporary file beside the pack, hashed on the way.
	hash := sha256.New()
	var pages int
	var size int64
	err = output.WriteStream(path, func(w io.Writer) error {
		cw := &counter{w: io.MultiWriter(w, hash)}
		var err error
		pages, err = b.eng.MergePDF(cw, b.packMeta(), next)
		size = cw.n
		return err
	})
	if ctx.Err() != nil {
		res.Status, res.Reason = Skipped, "interrupted"
		return res
	}
	if err != nil {
		return fail(fmt.Errorf("pack: %w", err))
	}
	res.Status = Made
	res.Entry = &Entry{File: PackName, InputsSHA256: key, SHA256: hex.EncodeToString(hash.Sum(nil)), Bytes: size, Pages: pages, Copies: 1}
	res.Entry.stamp(path)
	return res
}

func (b *builder) packMeta() doc.Meta {
	title := "Print pack"
	if b.plan.Event.Name != "" {
		title += ": " + b.plan.Event.Name
	}
	author := b.brand.OrgName
	if author == "" {
		author = "awarekit"
	}
	return doc.Meta{Title: title, Subject: "Materials with copies to print", Author: author, Creator: b.eng.Creator, Version: b.eng.Lib.Info.Version}
}

func (b *builder) coverSheet(items []Result) layout.CoverSheet {
	ev := b.plan.Event
	c := layout.CoverSheet{Title: ev.Name, Color: b.brand.Color}
	if c.Title == "" {
		c.Title = "Materials"
	}
	for _, d := range []layout.Detail{{Label: "Date", Value: ev.Date}, {Label: "Place", Value: ev.Place}, {Label: "Facilitator", Value: ev.Facilitator}, {Label: "Organisation", Value: b.brand.OrgName}} {
		if strings.TrimSpace(d.Value) != "" {
			c.Details = append(c.Details, d)
		}
	}
	for _, r := range items {
		c.Materials = append(c.Materials, layout.CoverItem{
			What:   b.describe(r.Output),
			File:   r.Name,
			Paper:  r.Job.Paper.Name,
			Pages:  r.Entry.Pages,
			Copies: r.Copies,
		})
	}
	c.Note = fmt.Sprintf("The materials follow this sheet in the order listed. Print each the number of copies shown. Made with %s from content version %s.", b.eng.Creator, b.eng.Lib.Info.Version)
	return c
}

// describe says what an output is in words: "Youth flyer, French (draft
// translation)".
func (b *builder) describe(o Output) string {
	who := o.Job.Audience
	if en := b.eng.Lib.Catalog.Locale("en"); en != nil {
		if name, err := en.Text("audience."+o.Job.Audience+".name", nil); err == nil && name != "" {
			who = name
		}
	}
	lang := o.Job.Lang
	if l := b.eng.Lib.Catalog.Locale(o.Job.Lang); l != nil {
		if l.Meta.Name != "" {
			lang = l.Meta.Name
		}
		if l.Meta.Draft() {
			lang += " (draft translation)"
		}
	}
	return fmt.Sprintf("%s %s, %s", who, o.Job.Format.Name, lang)
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
<thead><tr><th>#</th><th>Material</th><th>File</th><th>Paper</th><th>Pages</th><th>Copies</th><th>SHA-256</th></tr></thead>
<tbody>
{{- range $i, $r := .Rows}}
<tr><td class="n">{{$r.N}}</td><td>{{$r.What}}</td>
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
}

// index writes index.html: every output with a link, for people who open
// the folder in a browser. It depends only on the results, so an
// unchanged build leaves it as it is.
func (b *builder) index(results []Result, pack *Result) *Result {
	res := &Result{Output: Output{Name: IndexName}}
	data := struct {
		Title, Color, Note string
		Details            []layout.Detail
		Pack, Manifest     string
		Rows               []indexRow
	}{
		Title:    b.plan.Event.Name,
		Color:    fmt.Sprintf("#%02x%02x%02x", b.brand.Color.R, b.brand.Color.G, b.brand.Color.B),
		Note:     fmt.Sprintf("Made with %s from content version %s.", b.eng.Creator, b.eng.Lib.Info.Version),
		Manifest: ManifestName,
	}
	if data.Title == "" {
		data.Title = "Materials"
	}
	data.Details = b.coverSheet(nil).Details
	if pack != nil && pack.Entry != nil {
		data.Pack = PackName
	}
	for i, r := range results {
		row := indexRow{N: i + 1, What: b.describe(r.Output), File: r.Name, Paper: r.Job.Paper.Name, Copies: r.Copies,
			Href: template.URL(pathEscape(r.Name))}
		switch {
		case r.Entry != nil:
			row.Pages, row.SHA = r.Entry.Pages, r.Entry.SHA256[:12]
		case r.Status == Failed:
			row.Failed = r.Reason
		default:
			row.Failed = string(r.Status)
		}
		data.Rows = append(data.Rows, row)
	}
	if b.opts.DryRun {
		for _, r := range results {
			if r.Status != Unchanged {
				res.Status, res.Reason = Changed, "lists the outputs"
				if b.prev.index == nil {
					res.Status, res.Reason = New, "not built before"
				}
				return res
			}
		}
	}
	var buf bytes.Buffer
	if err := indexPage.Execute(&buf, data); err != nil {
		res.Status, res.Reason, res.Err = Failed, err.Error(), err
		return res
	}
	sha := sum(buf.Bytes())
	path := filepath.Join(b.opts.OutDir, IndexName)
	if old, _, _ := fileHash(path); old == sha {
		res.Status = Unchanged
	} else if b.opts.DryRun {
		res.Status, res.Reason = Changed, "its contents change"
		return res
	} else if err := output.WriteFile(path, buf.Bytes()); err != nil {
		res.Status, res.Reason, res.Err = Failed, err.Error(), err
		return res
	} else {
		res.Status = Made
	}
	res.Entry = &Entry{File: IndexName, InputsSHA256: sha, SHA256: sha, Bytes: int64(buf.Len())}
	return res
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

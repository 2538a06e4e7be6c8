// Package svg draws a laid-out page as an SVG image. Text is drawn as
// glyph outlines taken from the very fonts the typesetter chose, so the
// page looks the same in every viewer and every script, with no font
// installed; the page's words go into <title>, <desc> and aria-label so
// that screen readers and searches still find them.
package svg

import (
	"encoding/base64"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/render/paint"
)

// Render writes page i (from 0) of d to w as an SVG document.
func Render(w io.Writer, d *layout.Document, i int) error {
	if i < 0 || i >= len(d.Pages) {
		return fmt.Errorf("render svg: no page %d in a document of %d", i+1, len(d.Pages))
	}
	pg, err := paint.Draw(&d.Pages[i], paint.Options{})
	if err != nil {
		return fmt.Errorf("render svg: %w", err)
	}
	title := d.Meta.Title
	if len(d.Pages) > 1 {
		title = fmt.Sprintf("%s (%d/%d)", title, i+1, len(d.Pages))
	}
	_, err = w.Write(Write(pg, title, d.Meta.Lang))
	return err
}

// Write returns the drawing as an SVG document titled title, whose text
// is in the language lang.
func Write(pg *paint.Page, title, lang string) []byte {
	s := &writer{ids: make(map[*paint.Path]int), images: make(map[*doc.Image]int)}
	b := s.b
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"...)
	b = append(b, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="`...)
	b = num(b, pg.Width, 3)
	b = append(b, `pt" height="`...)
	b = num(b, pg.Height, 3)
	b = append(b, `pt" viewBox="0 0 `...)
	b = num(b, pg.Width, 3)
	b = append(b, ' ')
	b = num(b, pg.Height, 3)
	b = append(b, `" role="img" aria-label="`...)
	b = escape(b, title, true)
	b = append(b, `" xml:lang="`...)
	b = escape(b, lang, true)
	b = append(b, "\">\n<title>"...)
	b = escape(b, title, false)
	b = append(b, "</title>\n<desc>"...)
	b = escape(b, strings.Join(pg.Lines, "\n"), false)
	b = append(b, "</desc>\n"...)
	b = s.defs(b, pg)
	// Paper is white in every PDF viewer; an SVG is transparent unless
	// told.
	b = append(b, `<rect width="100%" height="100%" fill="#fff"/>`+"\n"...)
	line := 0
	for _, it := range pg.Items {
		if it.Image != nil || it.Shape.Line != line {
			if line != 0 {
				b = append(b, "</g>\n"...)
			}
			line = 0
		}
		if it.Image != nil {
			b = s.image(b, it.Image)
			continue
		}
		if sh := &it.Shape; sh.Line != line {
			line = sh.Line
			b = append(b, `<g aria-label="`...)
			b = escape(b, pg.Lines[line-1], true)
			b = append(b, "\">\n"...)
		}
		b = s.shape(b, &it.Shape)
	}
	if line != 0 {
		b = append(b, "</g>\n"...)
	}
	for _, l := range pg.Links {
		b = append(b, `<a xlink:href="`...)
		b = escape(b, l.URL, true)
		b = append(b, `"><rect x="`...)
		b = num(b, l.X, 3)
		b = append(b, `" y="`...)
		b = num(b, l.Y, 3)
		b = append(b, `" width="`...)
		b = num(b, l.W, 3)
		b = append(b, `" height="`...)
		b = num(b, l.H, 3)
		b = append(b, `" fill="#fff" fill-opacity="0"/></a>`+"\n"...)
	}
	b = append(b, "</svg>\n"...)
	return b
}

type writer struct {
	b      []byte
	ids    map[*paint.Path]int // glyph outlines defined once, by id
	images map[*doc.Image]int  // images defined once, by id
}

// defs defines each glyph outline and image once; the page then places
// them with <use>, so a letter used a hundred times is stored once.
func (s *writer) defs(b []byte, pg *paint.Page) []byte {
	b = append(b, "<defs>\n"...)
	for _, it := range pg.Items {
		if im := it.Image; im != nil {
			if _, ok := s.images[im.Src]; ok {
				continue
			}
			id := len(s.images)
			s.images[im.Src] = id
			// A unit square that each use stretches over its box.
			b = append(b, `<image id="i`...)
			b = strconv.AppendInt(b, int64(id), 10)
			b = append(b, `" width="1" height="1" preserveAspectRatio="none" xlink:href="data:image/`...)
			if im.Src.Type == "png" {
				b = append(b, "png"...)
			} else {
				b = append(b, "jpeg"...)
			}
			b = append(b, ";base64,"...)
			b = base64.StdEncoding.AppendEncode(b, im.Src.Data)
			b = append(b, "\"/>\n"...)
			continue
		}
		if it.Shape.Line == 0 {
			continue
		}
		if _, ok := s.ids[it.Shape.Path]; ok {
			continue
		}
		id := len(s.ids)
		s.ids[it.Shape.Path] = id
		b = append(b, `<path id="g`...)
		b = strconv.AppendInt(b, int64(id), 10)
		b = append(b, `" d="`...)
		b = pathData(b, it.Shape.Path, 2)
		b = append(b, "\"/>\n"...)
	}
	return append(b, "</defs>\n"...)
}

func (s *writer) shape(b []byte, sh *paint.Shape) []byte {
	if id, ok := s.ids[sh.Path]; ok {
		b = append(b, `<use xlink:href="#g`...)
		b = strconv.AppendInt(b, int64(id), 10)
		b = append(b, '"')
	} else {
		b = append(b, `<path d="`...)
		b = pathData(b, sh.Path, 3)
		b = append(b, '"')
	}
	if sh.M != paint.Identity {
		b = matrix(b, sh.M)
	}
	b = append(b, ` fill="`...)
	b = hex(b, sh.Color)
	b = append(b, '"')
	if sh.Embolden > 0 {
		// The stroke is in the outline's units; the PDF strokes with a
		// mitred join, whose limit there is 10.
		b = append(b, ` stroke="`...)
		b = hex(b, sh.Color)
		b = append(b, `" stroke-width="`...)
		b = num(b, sh.Embolden/sh.M.Scale(), 2)
		b = append(b, `" stroke-miterlimit="10"`...)
	}
	return append(b, "/>\n"...)
}

func (s *writer) image(b []byte, im *paint.Image) []byte {
	b = append(b, `<use xlink:href="#i`...)
	b = strconv.AppendInt(b, int64(s.images[im.Src]), 10)
	b = append(b, '"')
	b = matrix(b, paint.Matrix{A: im.W, D: im.H, E: im.X, F: im.Y})
	return append(b, "/>\n"...)
}

func matrix(b []byte, m paint.Matrix) []byte {
	b = append(b, ` transform="matrix(`...)
	for i, v := range [6]float64{m.A, m.B, m.C, m.D, m.E, m.F} {
		if i > 0 {
			b = append(b, ' ')
		}
		prec := 6 // scale factors from font units are small
		if i >= 4 {
			prec = 3
		}
		b = num(b, v, prec)
	}
	return append(b, `)"`...)
}

// pathData writes the path as SVG path data with prec decimals.
func pathData(b []byte, p *paint.Path, prec int) []byte {
	cmd := [...]byte{paint.MoveTo: 'M', paint.LineTo: 'L', paint.QuadTo: 'Q', paint.CubeTo: 'C', paint.Close: 'Z'}
	p.Each(func(v paint.Verb, pts []paint.Point) {
		b = append(b, cmd[v])
		for i, pt := range pts {
			if i > 0 {
				b = append(b, ' ')
			}
			b = num(b, pt.X, prec)
			b = append(b, ' ')
			b = num(b, pt.Y, prec)
		}
	})
	return b
}

// num writes v with at most prec decimals and no trailing zeros.
func num(b []byte, v float64, prec int) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', prec, 64)
	if prec > 0 {
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
	}
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b
}

func hex(b []byte, c doc.RGB) []byte {
	const digits = "0123456789abcdef"
	return append(b, '#', digits[c.R>>4], digits[c.R&15], digits[c.G>>4], digits[c.G&15], digits[c.B>>4], digits[c.B&15])
}

// escape writes s as XML character data, or as an attribute value when
// attr is set (where line breaks must be character references to
// survive). Characters XML 1.0 cannot carry become U+FFFD.
func escape(b []byte, s string, attr bool) []byte {
	for _, r := range s {
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"' && attr:
			b = append(b, "&quot;"...)
		case (r == '\n' || r == '\t' || r == '\r') && attr:
			b = append(b, "&#"...)
			b = strconv.AppendInt(b, int64(r), 10)
			b = append(b, ';')
		case r == '\r':
			b = append(b, "&#13;"...)
		case !xmlChar(r):
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// xmlChar reports the characters XML 1.0 allows.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// Package profile is the organisation behind the material: its name,
// contacts, logo and colour, checked before anything is drawn.
package profile

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	xdraw "golang.org/x/image/draw"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/input"
)

// DefaultColor is the header colour when the organisation names none: a
// deep teal that prints well and keeps white text readable.
var DefaultColor = doc.RGB{R: 0x0B, G: 0x5C, B: 0x6B}

// Limits on logo files: larger ones are almost always a mistake and would
// make every document slow and heavy.
const (
	MaxLogoBytes = 20 << 20 // the file (input.Logo's limit)
	// MaxLogoDecode is the most memory a logo's pixels may take once
	// decoded: 16 million pixels at 8 bits a channel. The size is read
	// from the file's header before any pixel is, so a 10,000 × 10,000
	// image is refused without the 800 MB it would take.
	MaxLogoDecode = 64 << 20
	// MaxLogoSide is the longest side embedded: 2,000 pixels print a logo
	// 6.5 inches wide at 300 dpi, more than any layout gives it. Larger
	// logos are scaled down before they are embedded.
	MaxLogoSide = 2000
)

// Organisation is what a user tells about their group.
type Organisation struct {
	Name    string `mapstructure:"name"`
	Phone   string `mapstructure:"phone"`
	Email   string `mapstructure:"email"`
	Website string `mapstructure:"website"`
	Logo    string `mapstructure:"logo"`  // path to a PNG or JPEG file
	Color   string `mapstructure:"color"` // hex, e.g. "#0b5c6b"
	// Local lists the organisation's own local contacts (police
	// non-emergency, victim services, an Indigenous-led service). They
	// are printed as the organisation's, apart from the verified lines.
	Local []LocalContact `mapstructure:"local"`
}

// LocalContact is one local contact the organisation gives: a label
// saying what it is, and a phone number or a website (or both).
type LocalContact struct {
	Label   string `mapstructure:"label" yaml:"label" doc:"What the contact is, as printed: \"Riverside police, non-emergency\"."`
	Phone   string `mapstructure:"phone" yaml:"phone" doc:"Its phone number."`
	Website string `mapstructure:"website" yaml:"website" doc:"Its website."`
}

// MaxLocal is the most local contacts an organisation may give: every
// format's help panel must hold them beside the verified lines.
const MaxLocal = 3

// MaxLabel is the longest label of a local contact, in characters: it
// shares a line with the number on a wallet card.
const MaxLabel = 60

// Check checks and normalises the values a person typed (name, phone,
// email, website, colour, local contacts) and returns them ready to print: nothing inside
// the toolkit checks them again. from says where a field came from, by
// its settings key ("name", "phone", "email", "website", "color",
// "local"), for
// messages; it may be nil. A local contact's fields are "local[i].label",
// "local[i].phone" and "local[i].website", the contact itself
// "local[i]" (i from 0, as a plan's paths count): from may give the
// line of each, or of "local". Every bad value is reported, each as a
// *FieldError, joined (errors.Join), its Field's Key the key; bad values
// are left empty.
func (o Organisation) Check(from func(key string) string) (Organisation, error) {
	field := func(key, name string) Field {
		f := Field{Name: name, Key: key}
		if from != nil {
			f.From = from(key)
		}
		return f
	}
	var errs []error
	check := func(val *string, key, name string, fn func(Field, string) (string, error)) {
		v, err := fn(field(key, name), *val)
		if err != nil {
			errs = append(errs, err)
		}
		*val = v
	}
	check(&o.Name, "name", "organisation name", func(f Field, s string) (string, error) { return CheckText(f, s, MaxName) })
	check(&o.Phone, "phone", "organisation phone", CheckPhone)
	check(&o.Email, "email", "organisation email", CheckEmail)
	check(&o.Website, "website", "organisation website", CheckWebsite)
	if n := len(o.Local); n > MaxLocal {
		errs = append(errs, &FieldError{Field: field("local", "organisation local contacts"), Problem: fmt.Sprintf("holds %d contacts", n), Fix: fmt.Sprintf("give at most %d, the ones people need most", MaxLocal)})
	}
	if len(o.Local) > 0 && strings.TrimSpace(o.Name) == "" {
		errs = append(errs, &FieldError{Field: field("local", "organisation local contacts"), Problem: "are given without the organisation's name", Fix: "give organisation.name (or --org-name) too: the page prints them as its list"})
	}
	o.Local = slices.Clone(o.Local) // the caller's values stay as they were
	for i := range o.Local {
		c := &o.Local[i]
		name := fmt.Sprintf("local contact %d", i+1)
		key := fmt.Sprintf("local[%d]", i)
		// A phone or a website given but wrong is its own problem, not
		// "no phone and no website" too.
		given := strings.TrimSpace(c.Phone) != "" || strings.TrimSpace(c.Website) != ""
		check(&c.Label, key+".label", name+" label", func(f Field, s string) (string, error) {
			if strings.TrimSpace(s) == "" {
				return "", &FieldError{Field: f, Problem: "is empty", Fix: `say what the contact is, like "Riverside police, non-emergency"`}
			}
			return CheckText(f, s, MaxLabel)
		})
		check(&c.Phone, key+".phone", name+" phone", CheckPhone)
		check(&c.Website, key+".website", name+" website", CheckWebsite)
		if !given {
			errs = append(errs, &FieldError{Field: field(key, name), Problem: "has no phone and no website", Fix: "give one or both"})
		}
	}
	check(&o.Color, "color", "organisation colour", func(f Field, s string) (string, error) {
		s = strings.TrimSpace(s)
		if _, err := ParseColor(s); s != "" && err != nil {
			return "", &FieldError{Field: f, Problem: err.Error()}
		}
		return s, nil
	})
	return o, errors.Join(errs...)
}

// Brand checks the organisation's colour and logo and returns them ready
// for a document: BrandFit with no Fit.
func (o Organisation) Brand() (doc.Brand, error) { return o.BrandFit(nil) }

// BrandFit is Brand with the logo kept at the size fit gives
// (LoadLogoFit).
func (o Organisation) BrandFit(fit Fit) (doc.Brand, error) {
	b := doc.Brand{OrgName: strings.TrimSpace(o.Name), Color: DefaultColor}
	if o.Color != "" {
		c, err := ParseColor(o.Color)
		if err != nil {
			return b, fmt.Errorf("organisation colour %w", err)
		}
		b.Color = c
	}
	if o.Logo != "" {
		img, err := LoadLogoFit(o.Logo, fit)
		if err != nil {
			return b, err
		}
		b.Logo = img
	}
	return b, nil
}

var errBadColor = errors.New("is not a hex colour; write it like \"#0b5c6b\" (in quotes in a YAML file)")

// ParseColor reads "#rrggbb", "rrggbb" or "#rgb".
func ParseColor(s string) (doc.RGB, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return doc.RGB{}, errBadColor
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return doc.RGB{}, errBadColor
	}
	return doc.RGB{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)}, nil
}

// LoadLogo reads a PNG or JPEG logo and checks it (DecodeLogo).
func LoadLogo(path string) (*doc.Image, error) { return LoadLogoFit(path, nil) }

// LoadLogoFit is LoadLogo with the logo kept at the size fit gives
// (DecodeLogoFit).
func LoadLogoFit(path string, fit Fit) (*doc.Image, error) {
	data, err := input.ReadFile(input.Logo, path)
	if err != nil {
		return nil, err
	}
	return DecodeLogoFit(path, data, fit)
}

// Fit is the size, in pixels, a logo of width × height pixels needs at
// most where it prints largest (layout.LogoPixels, which this package
// cannot import: the layout's own tests make organisations).
type Fit func(width, height int) (int, int)

// DecodeLogo checks that data is a PNG or JPEG that PDF can carry and
// that fits the memory budget, reading its header before its pixels,
// and scales it down when it is larger than any page needs. Every
// problem is found here, never while drawing. The same bytes are
// decoded once: a plan's partners often share one logo file, and a
// large one takes a second or more to decode and scale.
func DecodeLogo(name string, data []byte) (*doc.Image, error) {
	return DecodeLogoFit(name, data, nil)
}

// DecodeLogoFit is DecodeLogo with the logo scaled down further to the
// size fit gives, when it has twice as many pixels or more along its
// width (keptSize); a nil fit leaves MaxLogoSide the only bound.
func DecodeLogoFit(name string, data []byte, fit Fit) (*doc.Image, error) {
	// The key holds the size kept, read from the file's header (nothing
	// when it has none: its problem is the same at any size).
	key := logoKey{sum: sha256.Sum256(data)}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil && len(data) <= MaxLogoBytes {
		key.w, key.h = keptSize(cfg.Width, cfg.Height, fit)
	}
	logos.Lock()
	l, ok := logos.m[key]
	logos.Unlock()
	if !ok {
		img, problem := decodeLogo(data, fit)
		l = decodedLogo{img: img, problem: problem}
		size := 0
		if img != nil {
			size = len(img.Data)
		}
		logos.Lock()
		if len(logos.m) >= maxLogos || logos.bytes+size > maxLogoBytesKept {
			clear(logos.m)
			logos.bytes = 0
		}
		if logos.m == nil {
			logos.m = map[logoKey]decodedLogo{}
		}
		logos.m[key] = l
		logos.bytes += size
		logos.Unlock()
	}
	if l.problem != "" {
		return nil, errors.New("logo " + name + l.problem)
	}
	return l.img, nil
}

// maxLogos and maxLogoBytesKept bound the logos kept decoded (a kept
// logo is at most MaxLogoSide pixels a side, encoded, or the file's own
// bytes): when one more would pass either, the others are let go.
const (
	maxLogos         = 8
	maxLogoBytesKept = 32 << 20
)

// logos are the logos decoded lately, by the SHA-256 of their bytes and
// the size kept, with the problem found in them. The images are shared
// and never changed.
var logos struct {
	sync.Mutex
	m     map[logoKey]decodedLogo
	bytes int
}

// logoKey is a logo file's SHA-256 and the size it is kept at.
type logoKey struct {
	sum  [sha256.Size]byte
	w, h int
}

type decodedLogo struct {
	img     *doc.Image
	problem string // what follows "logo NAME" in the error, or ""
}

// decodeLogo is DecodeLogo's work; a problem is the error's words after
// "logo NAME".
func decodeLogo(data []byte, fit Fit) (*doc.Image, string) {
	const fix = "; export it as a PNG (or JPEG) and try again"
	if len(data) > MaxLogoBytes {
		return nil, fmt.Sprintf(" is larger than %s; use a smaller image", input.Size(MaxLogoBytes))
	}
	tooLarge := func(what string, w, h int64) string {
		return fmt.Sprintf(" is %s%d × %d pixels, more than awarekit opens (%s of pixels, about 4,000 × 4,000); save it at most %d pixels on its longer side",
			what, w, h, input.Size(MaxLogoDecode), MaxLogoSide)
	}
	// Only the header is read here: no memory is taken for pixels before
	// their number is checked below.
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	switch {
	case err != nil && bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		// Go's reader refuses a size of 0 or past 2³¹ in the header as
		// it refuses a damaged file; the header says which.
		if len(data) >= 24 && string(data[12:16]) == "IHDR" {
			w, h := int64(binary.BigEndian.Uint32(data[16:])), int64(binary.BigEndian.Uint32(data[20:]))
			if w == 0 || h == 0 {
				return nil, fmt.Sprintf(" is a PNG of %d × %d pixels: it holds no picture"+fix, w, h)
			}
			if w > math.MaxInt32 || h > math.MaxInt32 {
				return nil, tooLarge("a PNG of ", w, h)
			}
		}
		return nil, " is a PNG that cannot be read (damaged or cut short)" + fix
	case err != nil && bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}):
		return nil, " is a JPEG that cannot be read (damaged or cut short), or of a kind awarekit cannot open" + fix
	case err != nil:
		return nil, " is not a PNG or JPEG image" + fix
	case format != "png" && format != "jpeg":
		return nil, fmt.Sprintf(" is a %s image; awarekit prints PNG and JPEG logos"+fix, strings.ToUpper(format))
	case format == "png" && len(data) > 28 && data[28] != 0:
		return nil, " is an interlaced PNG, which PDF cannot hold; save it again without interlacing (the \"interlaced\" or \"progressive\" box in the export dialog)"
	case cfg.Width <= 0 || cfg.Height <= 0:
		return nil, fmt.Sprintf(" is a %s of %d × %d pixels: it holds no picture"+fix, strings.ToUpper(format), cfg.Width, cfg.Height)
	}
	if need := int64(cfg.Width) * int64(cfg.Height) * int64(bytesPerPixel(cfg.ColorModel)); need > MaxLogoDecode {
		return nil, tooLarge("", int64(cfg.Width), int64(cfg.Height))
	}
	// Decode fully once: a truncated file must fail here, not in the PDF writer.
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, " is damaged and cannot be read" + fix
	}
	typ := map[string]string{"png": "png", "jpeg": "jpg"}[format]
	out := &doc.Image{Data: data, Type: typ, Width: cfg.Width, Height: cfg.Height}
	deep := format == "png" && len(data) > 24 && data[24] > 8 // 16 bits a channel
	// A JPEG's colours as PDF takes them: grey, YCbCr (RGB) or CMYK. One
	// saved as plain RGB (Adobe's transform 0, which some editors write)
	// is encoded again as an ordinary JPEG; the PDF writer refuses it.
	odd := format == "jpeg" && cfg.ColorModel != color.GrayModel && cfg.ColorModel != color.YCbCrModel && cfg.ColorModel != color.CMYKModel
	w, h := keptSize(cfg.Width, cfg.Height, fit)
	if w != cfg.Width || h != cfg.Height || deep || odd {
		if out, err = shrink(img, format, w, h); err != nil {
			return nil, ": " + err.Error()
		}
	}
	return out, ""
}

// keptSize is the size a logo of width × height pixels is embedded at:
// the size fit gives (the pixels its largest print needs) when it has
// twice as many or more along its width, never more than MaxLogoSide a
// side; else its own. A logo near the size it prints at is kept as it
// is, its file's own bytes: scaling it by less than half saves little
// and blurs it.
func keptSize(width, height int, fit Fit) (int, int) {
	w, h := width, height
	if fit != nil {
		if fw, fh := fit(width, height); fw > 0 && fh > 0 && fw*2 <= width {
			w, h = fw, fh
		}
	}
	if s := float64(MaxLogoSide) / float64(max(w, h)); s < 1 {
		w, h = max(1, int(float64(w)*s+0.5)), max(1, int(float64(h)*s+0.5))
	}
	return w, h
}

// bytesPerPixel is what one pixel of a colour model takes once decoded.
func bytesPerPixel(m color.Model) int {
	switch m {
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	case color.Gray16Model:
		return 2
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.YCbCrModel:
		return 3
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// shrink scales img to w × h pixels (keptSize) at 8 bits a channel and
// encodes it again: a JPEG as JPEG, anything else as PNG.
func shrink(img image.Image, format string, w, h int) (*doc.Image, error) {
	b := img.Bounds()
	// Halve while the logo is twice the size wanted or more, then scale
	// what is left (less than half again) bilinearly. At exactly half,
	// ApproxBiLinear averages each 2×2 block, so this is a box filter
	// that keeps no more than the image itself: CatmullRom keeps a
	// float64 row buffer of the new width × the old height, 256 MB for a
	// 4,000 × 4,000 logo of 62 KB.
	var src image.Image = img
	for b.Dx()/2 >= w && b.Dy()/2 >= h {
		half := image.NewNRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
		xdraw.ApproxBiLinear.Scale(half, half.Bounds(), src, b, xdraw.Src, nil)
		src, b = half, half.Bounds()
	}
	dst, ok := src.(*image.NRGBA)
	if !ok || b.Dx() != w || b.Dy() != h {
		dst = image.NewNRGBA(image.Rect(0, 0, w, h))
		xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, xdraw.Src, nil)
	}
	var buf bytes.Buffer
	if format == "jpeg" {
		if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 92}); err != nil {
			return nil, err
		}
		return &doc.Image{Data: buf.Bytes(), Type: "jpg", Width: w, Height: h}, nil
	}
	if err := png.Encode(&buf, dst); err != nil {
		return nil, err
	}
	return &doc.Image{Data: buf.Bytes(), Type: "png", Width: w, Height: h}, nil
}

// Problems lists the problems a check of this package joined into err
// (errors.Join), each on its own; nil gives none.
func Problems(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

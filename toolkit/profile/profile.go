// Package profile is the organisation behind the material: its name,
// contacts, logo and colour, checked before anything is drawn.
package profile

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // register the decoders DecodeConfig needs
	_ "image/png"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// DefaultColor is the header colour when the organisation names none: a
// deep teal that prints well and keeps white text readable.
var DefaultColor = doc.RGB{R: 0x0B, G: 0x5C, B: 0x6B}

// Limits on logo files: larger ones are almost always a mistake and would
// make every document slow and heavy.
const (
	MaxLogoBytes = 20 << 20
	MaxLogoSide  = 10000
)

// Organisation is what a user tells about their group.
type Organisation struct {
	Name    string `mapstructure:"name"`
	Phone   string `mapstructure:"phone"`
	Email   string `mapstructure:"email"`
	Website string `mapstructure:"website"`
	Logo    string `mapstructure:"logo"`  // path to a PNG or JPEG file
	Color   string `mapstructure:"color"` // hex, e.g. "#0b5c6b"
}

// Brand checks the organisation's colour and logo and returns them ready
// for a document.
func (o Organisation) Brand() (doc.Brand, error) {
	b := doc.Brand{OrgName: strings.TrimSpace(o.Name), Color: DefaultColor}
	if o.Color != "" {
		c, err := ParseColor(o.Color)
		if err != nil {
			return b, err
		}
		b.Color = c
	}
	if o.Logo != "" {
		img, err := LoadLogo(o.Logo)
		if err != nil {
			return b, err
		}
		b.Logo = img
	}
	return b, nil
}

// ParseColor reads "#rrggbb", "rrggbb" or "#rgb".
func ParseColor(s string) (doc.RGB, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return doc.RGB{}, fmt.Errorf("colour %q is not a hex colour like #0b5c6b", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return doc.RGB{}, fmt.Errorf("colour %q is not a hex colour like #0b5c6b", s)
	}
	return doc.RGB{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)}, nil
}

// LoadLogo reads a PNG or JPEG logo and checks its size.
func LoadLogo(path string) (*doc.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("logo %s: no such file", path)
		}
		return nil, fmt.Errorf("logo %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("logo %s: %w", path, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("logo %s is a folder, not an image file", path)
	}
	if st.Size() > MaxLogoBytes {
		return nil, fmt.Errorf("logo %s is %d MB; use an image under %d MB", path, st.Size()>>20, MaxLogoBytes>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxLogoBytes+1))
	if err != nil {
		return nil, fmt.Errorf("logo %s: %w", path, err)
	}
	return DecodeLogo(path, data)
}

// DecodeLogo checks that data is a PNG or JPEG of a sensible size.
func DecodeLogo(name string, data []byte) (*doc.Image, error) {
	if len(data) > MaxLogoBytes {
		return nil, fmt.Errorf("logo %s is over %d MB; use a smaller image", name, MaxLogoBytes>>20)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("logo %s is not a PNG or JPEG image; export it as PNG and try again", name)
	}
	if cfg.Width > MaxLogoSide || cfg.Height > MaxLogoSide {
		return nil, fmt.Errorf("logo %s is %d×%d pixels; use an image at most %d pixels on a side", name, cfg.Width, cfg.Height, MaxLogoSide)
	}
	if cfg.Width == 0 || cfg.Height == 0 {
		return nil, fmt.Errorf("logo %s has no pixels", name)
	}
	typ := "png"
	if format == "jpeg" {
		typ = "jpg"
	}
	// Decode fully once: a truncated file must fail here, not in the PDF writer.
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("logo %s is damaged (%v); export it again as PNG", name, err)
	}
	return &doc.Image{Data: data, Type: typ, Width: cfg.Width, Height: cfg.Height}, nil
}

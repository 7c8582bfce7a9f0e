package gofonts

import (
	_ "embed"
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"mentorsim/ui/layout"
)

// Metrics measures the layout's faces at one scale.
type Metrics struct {
	faces [layout.NumFaces]font.Face
}

// Go Regular and Go Bold without their hinting, which the app does not
// use (unhint.sh): half the bytes for the page to load.
var (
	//go:embed Go-Regular.ttf
	regularTTF []byte
	//go:embed Go-Bold.ttf
	boldTTF []byte
)

// parsed are Go Regular and Go Bold, parsed once: a parsed font is safe
// for concurrent use, its faces are not.
var parsed = sync.OnceValues(func() ([2]*opentype.Font, error) {
	var fs [2]*opentype.Font
	for i, ttf := range [2][]byte{regularTTF, boldTTF} {
		f, err := opentype.Parse(ttf)
		if err != nil {
			return fs, fmt.Errorf("gofonts: %w", err)
		}
		fs[i] = f
	}
	return fs, nil
})

// New makes the faces at scale (device pixels per CSS pixel, times the
// large-text factor), unhinted so that text measures the same at any
// position.
func New(scale float64) (*Metrics, error) {
	fs, err := parsed()
	if err != nil {
		return nil, err
	}
	m := &Metrics{}
	for f := range layout.NumFaces {
		spec := f.Spec()
		src := fs[0]
		if spec.Bold {
			src = fs[1]
		}
		face, err := opentype.NewFace(src, &opentype.FaceOptions{Size: spec.Size * scale, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, fmt.Errorf("gofonts: face %d at scale %v: %w", f, scale, err)
		}
		m.faces[f] = face
	}
	return m, nil
}

// Face is face f, for drawing.
func (m *Metrics) Face(f layout.Face) font.Face { return m.faces[f] }

// Width is the advance width of s: its glyphs' advances and kerning.
func (m *Metrics) Width(s string, f layout.Face) float64 {
	return Float(font.MeasureString(m.faces[f], s))
}

// Height is the line's ascent plus descent.
func (m *Metrics) Height(f layout.Face) float64 {
	mt := m.faces[f].Metrics()
	return Float(mt.Ascent + mt.Descent)
}

// Float is x in pixels.
func Float(x fixed.Int26_6) float64 { return float64(x) / 64 }

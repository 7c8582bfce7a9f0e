// Package gofonts measures text in the Go fonts the app draws with (Go
// Regular and Go Bold, at layout.FaceSpecs' sizes), without Ebitengine, so
// that the layout's tests place text as the app does.
package gofonts

import (
	"fmt"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"

	"mentorsim/ui/layout"
)

// Metrics measures the layout's faces at one scale.
type Metrics struct {
	faces [layout.NumFaces]font.Face
}

// New loads the faces at scale (device pixels per CSS pixel, times the
// large-text factor).
func New(scale float64) (*Metrics, error) {
	reg, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("go regular: %w", err)
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("go bold: %w", err)
	}
	m := &Metrics{}
	for f, spec := range layout.FaceSpecs {
		src := reg
		if spec.Bold {
			src = bold
		}
		// 72 DPI: a point is a pixel, as Ebitengine's sizes are.
		m.faces[f], err = opentype.NewFace(src, &opentype.FaceOptions{Size: spec.Size * scale, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

// Width is the advance width of s, kerning included.
func (m *Metrics) Width(s string, f layout.Face) float64 {
	return float64(font.MeasureString(m.faces[f], s)) / 64
}

// Height is the line's ascent plus descent.
func (m *Metrics) Height(f layout.Face) float64 {
	mt := m.faces[f].Metrics()
	return float64(mt.Ascent+mt.Descent) / 64
}

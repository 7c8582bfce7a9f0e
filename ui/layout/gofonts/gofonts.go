// Package gofonts measures text in the Go fonts the app draws with (Go
// Regular and Go Bold, at layout.FaceSpecs' sizes) as Ebitengine's text
// package does, with the same shaper (go-text's HarfBuzz port), but
// without Ebitengine, so that the layout's tests place text as the app.
package gofonts

import (
	"bytes"
	"fmt"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/math/fixed"

	"mentorsim/ui/layout"
)

// Metrics measures the layout's faces at one scale.
type Metrics struct {
	faces  [layout.NumFaces]*font.Face
	sizes  [layout.NumFaces]float64
	shaper shaping.HarfbuzzShaper
}

// New loads the faces at scale (device pixels per CSS pixel, times the
// large-text factor).
func New(scale float64) (*Metrics, error) {
	m := &Metrics{}
	for f, spec := range layout.FaceSpecs {
		ttf := goregular.TTF
		if spec.Bold {
			ttf = gobold.TTF
		}
		face, err := font.ParseTTF(bytes.NewReader(ttf))
		if err != nil {
			return nil, fmt.Errorf("gofonts: %w", err)
		}
		m.faces[f], m.sizes[f] = face, spec.Size*scale
	}
	return m, nil
}

// Width is the advance width of s as Ebitengine's text.Measure gives it.
func (m *Metrics) Width(s string, f layout.Face) float64 {
	runes := []rune(s)
	script, _ := language.ParseScript("Zzzz") // Ebitengine's default: found from the text
	in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: di.DirectionLTR, Face: m.faces[f],
		Size: fixed.Int26_6(m.sizes[f] * 64), Script: script}
	var seg shaping.Segmenter
	var a fixed.Int26_6
	for _, run := range seg.Split(in, fontmap{m.faces[f]}) {
		a += m.shaper.Shape(run).Advance
	}
	return float64(a) / 64
}

// Height is the line's ascent plus descent.
func (m *Metrics) Height(f layout.Face) float64 {
	e, _ := m.faces[f].FontHExtents()
	return float64(e.Ascender-e.Descender) * m.sizes[f] / float64(m.faces[f].Upem())
}

type fontmap struct{ face *font.Face }

func (f fontmap) ResolveFace(rune) *font.Face { return f.face }

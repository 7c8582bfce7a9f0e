package ui

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"mentorsim/ui/layout"
)

// Small drawing helpers over vector and text, in device pixels.

func fill(dst *ebiten.Image, r layout.Rect, c color.Color) {
	vector.DrawFilledRect(dst, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), c, false)
}

func stroke(dst *ebiten.Image, r layout.Rect, width float64, c color.Color) {
	vector.StrokeRect(dst, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), float32(width), c, false)
}

func line(dst *ebiten.Image, x0, y0, x1, y1, width float64, c color.Color) {
	vector.StrokeLine(dst, float32(x0), float32(y0), float32(x1), float32(y1), float32(width), c, false)
}

// Text alignment relative to the given point.
const (
	left   = text.AlignStart
	center = text.AlignCenter
	right  = text.AlignEnd
)

// say draws s with its top at y, aligned at x.
func say(dst *ebiten.Image, s string, face text.Face, x, y float64, align text.Align, c color.Color) {
	op := &text.DrawOptions{}
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(c)
	op.PrimaryAlign = align
	text.Draw(dst, s, face, op)
}

// sayMiddle draws s vertically centred in r at x.
func sayMiddle(dst *ebiten.Image, s string, face text.Face, r layout.Rect, x float64, align text.Align, c color.Color) {
	_, h := text.Measure(s, face, 0)
	say(dst, s, face, x, r.Y+(r.H-h)/2, align, c)
}

func width(s string, face text.Face) float64 {
	w, _ := text.Measure(s, face, 0)
	return w
}

// card draws a panel's background and title, and returns the area inside.
func (g *Game) card(dst *ebiten.Image, r layout.Rect, title string) layout.Rect {
	u := g.view.unit()
	fill(dst, r, panel)
	say(dst, title, g.view.fonts.heading, r.X+0.6*u, r.Y+0.4*u, left, ink)
	return layout.Rect{X: r.X + 0.6*u, Y: r.Y + 1.8*u, W: r.W - 1.2*u, H: r.H - 2.4*u}
}

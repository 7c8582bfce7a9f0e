// Package layout is the app's geometry, free of Ebitengine: where each panel
// and control goes for a window size, which one is under the pointer, how a
// slider's position maps to a parameter value, and where each rep's desk is
// on the floor.
package layout

import "math"

// Rect is an axis-aligned rectangle in device pixels.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether (x, y) is inside r.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Inset shrinks r by d on every side.
func (r Rect) Inset(d float64) Rect {
	return Rect{r.X + d, r.Y + d, math.Max(0, r.W-2*d), math.Max(0, r.H-2*d)}
}

// Frame places the app's panels in a window.
type Frame struct {
	Scale     float64 // device pixels per CSS pixel (or per logical pixel)
	Bar       Rect    // buttons, speed, seed, calendar
	Floor     Rect    // one desk per rep
	Effects   Rect    // estimates beside the study's numbers
	Revenue   Rect    // chart
	Retention Rect    // chart
	Ability   Rect    // chart
	Controls  Rect    // presets and sliders
}

// Unit is the base size of the layout (a line of text) before scaling.
const Unit = 16

// Compute lays out a w×h window at the given scale: a bar along the top; the
// floor over the effects on the left; three charts in the middle; presets
// and sliders on the right.
func Compute(w, h, scale float64) Frame {
	u := Unit * scale
	f := Frame{Scale: scale}
	f.Bar = Rect{0, 0, w, 2.6 * u}
	body := Rect{0, f.Bar.H, w, math.Max(0, h-f.Bar.H)}
	controlsW := math.Min(16*u, 0.22*w)
	chartsW := 0.32 * (w - controlsW)
	left := Rect{body.X, body.Y, w - controlsW - chartsW, body.H}
	f.Floor = Rect{left.X, left.Y, left.W, 0.56 * left.H}.Inset(0.4 * u)
	f.Effects = Rect{left.X, left.Y + 0.56*left.H, left.W, 0.44 * left.H}.Inset(0.4 * u)
	mid := Rect{left.X + left.W, body.Y, chartsW, body.H}
	third := mid.H / 3
	f.Revenue = Rect{mid.X, mid.Y, mid.W, third}.Inset(0.4 * u)
	f.Retention = Rect{mid.X, mid.Y + third, mid.W, third}.Inset(0.4 * u)
	f.Ability = Rect{mid.X, mid.Y + 2*third, mid.W, third}.Inset(0.4 * u)
	f.Controls = Rect{mid.X + mid.W, body.Y, controlsW, body.H}.Inset(0.4 * u)
	return f
}

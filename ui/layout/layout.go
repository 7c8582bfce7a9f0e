// Package layout is the app's geometry, free of Ebitengine: where each panel
// and control goes for a window size, which one is under the pointer, how a
// slider's position maps to a parameter value, and where each rep's desk is
// on the floor.
package layout

import (
	"image"
	"math"
)

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
	Lesson    Rect    // the lesson's card along the bottom; empty outside a lesson
}

// MinLessonHeight is the least height of the lesson's card, in units, and
// LessonButtonsWidth the width of its column of buttons.
const (
	MinLessonHeight    = 8
	LessonButtonsWidth = 8.5
)

// ComputeLesson lays out the window with the lesson's card along the
// bottom, across the whole width, and the rest of the app above it. The
// card is cardH device pixels high (what its text needs), at least
// MinLessonHeight units and at most half the window.
func ComputeLesson(w, h, scale, cardH float64) Frame {
	u := Unit * scale
	bh := math.Min(math.Max(cardH, MinLessonHeight*u), 0.5*h)
	f := Compute(w, math.Max(0, h-bh), scale)
	f.Lesson = Rect{0, math.Max(0, h-bh), w, bh}.Inset(0.4 * u)
	return f
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

// Image is r as an image rectangle (whole pixels, outward).
func (r Rect) Image() image.Rectangle {
	return image.Rect(int(math.Floor(r.X)), int(math.Floor(r.Y)), int(math.Ceil(r.X+r.W)), int(math.Ceil(r.Y+r.H)))
}

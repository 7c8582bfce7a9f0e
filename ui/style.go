package ui

import (
	"image/color"
	"math"

	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/layout/gofonts"
)

// The palette: Okabe and Ito's colours, distinguishable with the common
// forms of colour blindness, on a dark background.
var (
	background = color.RGBA{0x17, 0x1a, 0x20, 0xff}
	panel      = color.RGBA{0x22, 0x26, 0x2e, 0xff}
	grid       = color.RGBA{0x3a, 0x3f, 0x4a, 0xff}
	ink        = color.RGBA{0xe8, 0xea, 0xee, 0xff}
	dim        = color.RGBA{0x9a, 0xa1, 0xad, 0xff}
	accent     = color.RGBA{0xf0, 0xe4, 0x42, 0xff} // yellow

	armColors = [study.NumArms]color.RGBA{
		{0x00, 0x72, 0xb2, 0xff}, // mandatory mentored: blue
		{0x56, 0xb4, 0xe9, 0xff}, // mandatory control: sky blue
		{0x00, 0x9e, 0x73, 0xff}, // opt-in mentored: bluish green
		{0xe6, 0x9f, 0x00, 0xff}, // opt-in denied: orange
		{0xd5, 0x5e, 0x00, 0xff}, // opt-out: vermillion
		// CC79A7 reddish purple is left for the truth markers.
	}
	truthColor = color.RGBA{0xcc, 0x79, 0xa7, 0xff}
)

// abilityColor runs from dark grey (weak) to white (strong): ability has
// a scale of its own, no hue, so that no colour means both a group (the
// arms' hues) and a level of ability.
func abilityColor(a float64) color.RGBA {
	t := math.Max(0, math.Min(1, (a+2)/4))
	return mix(color.RGBA{0x50, 0x50, 0x58, 0xff}, color.RGBA{0xff, 0xff, 0xff, 0xff}, t)
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x) + t*(float64(y)-float64(x))) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

func withAlpha(c color.RGBA, a uint8) color.RGBA {
	k := float64(a) / 255
	return color.RGBA{uint8(float64(c.R) * k), uint8(float64(c.G) * k), uint8(float64(c.B) * k), a}
}

// fonts are the Go fonts, sized for the current scale: one face per
// layout.Face, at the sizes of layout.Face.Spec, so that the layout measures
// text as it is drawn.
type fonts struct {
	scale       float64
	faces       [layout.NumFaces]*face
	body, small *face
	heading     *face
}

// size makes the faces for scale, unless they are at that scale already.
func (f *fonts) size(scale float64) {
	if f.faces[0] != nil && scale == f.scale {
		return
	}
	m, err := gofonts.New(scale)
	if err != nil {
		panic(err) // the fonts are compiled in; failing to parse them is a bug
	}
	for i := range f.faces {
		if f.faces[i] != nil {
			f.faces[i].release()
		}
		f.faces[i] = newFace(m.Face(layout.Face(i)))
	}
	f.scale = scale
	f.body, f.small, f.heading = f.faces[layout.Body], f.faces[layout.Small], f.faces[layout.Heading]
}

// Width and Height measure text for the layout (layout.Metrics).
func (f *fonts) Width(s string, face layout.Face) float64 { return f.faces[face].width(s) }

func (f *fonts) Height(face layout.Face) float64 { return f.faces[face].height() }

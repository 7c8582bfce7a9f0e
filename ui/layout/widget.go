package layout

import (
	"math"

	"mentorsim/sim/param"
)

// Kind is what a widget does.
type Kind int

// The kinds of widget.
const (
	Button     Kind = iota // a click runs an action
	Chip                   // a button that shows whether it is selected (presets)
	Slider                 // a parameter's value, dragged along a track
	Field                  // text typed in after a click (the seed)
	PolicyChip             // a policy chooser's chip (the money panel; layout.PolicyChips)
)

// Widget is one control.
type Widget struct {
	ID    string // action or parameter name
	Kind  Kind
	Label string
	Rect  Rect
}

// SliderParams are the parameters a class plays with, in the order shown.
var SliderParams = []string{
	"hires", "mentor_gain", "mentor_floor", "optin_shyness", "sa_compression",
	"sa_inflation", "optin_eagerness", "optin_need", "belonging", "optin_noise",
}

// MaxAppHires caps the hires slider: the app draws every rep each frame.
const MaxAppHires = 20000

// Widgets places the controls of a frame. textWidth measures a label in
// device pixels.
func Widgets(f Frame, textWidth func(string) float64) []Widget {
	u := Unit * f.Scale
	var ws []Widget
	x, y, h := f.Bar.X+0.5*u, f.Bar.Y+0.5*u, 1.6*u
	for _, a := range BarActions() {
		w := textWidth(a.Label) + 1.2*u
		r := Rect{x, y, w, h}
		if a.ID == "about" { // at the bar's far end
			r.X = f.Bar.X + f.Bar.W - 0.5*u - w
		} else {
			x += w + 0.4*u
		}
		ws = append(ws, Widget{ID: a.ID, Kind: Button, Label: a.Label, Rect: r})
	}
	if f.Bar.H > 3*u { // two rows: the seed, speed and calendar below the buttons
		x, y = f.Bar.X+0.5*u, y+h+0.4*u
	}
	ws = append(ws, Widget{ID: "seed", Kind: Field, Label: "seed", Rect: Rect{x + 2.6*u, y, 6.5 * u, h}})
	x += 2.6*u + 6.5*u + 0.6*u
	ws = append(ws, Widget{ID: "speed", Kind: Slider, Label: "speed", Rect: Rect{x + 3*u, y + 0.3*u, 7 * u, h - 0.6*u}})

	c := f.Controls
	y = c.Y + 1.4*u
	cw := (c.W - 0.4*u) / 2
	for i, name := range param.PresetNames() {
		if !f.Presets { // on a page of their own (Frame.Page)
			break
		}
		col, row := i%2, i/2
		ws = append(ws, Widget{ID: name, Kind: Chip, Label: name, Rect: Rect{c.X + float64(col)*(cw+0.4*u), y + float64(row)*(h+0.4*u), cw, h}})
	}
	y = c.Y + PresetsHeight*u
	if !f.Presets {
		y = c.Y + SlidersTop*u
	}
	for _, name := range f.Sliders { // the page of them that fits (Frame.Sliders)
		ws = append(ws, Widget{ID: name, Kind: Slider, Label: name, Rect: Rect{c.X, y + 1.1*u, c.W, 0.9 * u}})
		y += SliderPitch * u
	}
	if l := f.Lesson; l.W > 0 && l.H > 0 {
		// Stacked in a column on the card's right: Back over Next.
		bw, bh := LessonButtonsWidth*u, math.Min(2.2*u, l.H/4)
		x, y := l.X+l.W-0.6*u-bw, l.Y+l.H-0.6*u-bh
		ws = append(ws, Widget{ID: "lesson_next", Kind: Button, Label: "Next ►", Rect: Rect{x, y, bw, bh}},
			Widget{ID: "lesson_back", Kind: Button, Label: "◄ Back", Rect: Rect{x, y - bh - 0.4*u, bw, bh}})
	}
	return ws
}

// Hit returns the widget under (x, y).
func Hit(ws []Widget, x, y float64) (Widget, bool) {
	for _, w := range ws {
		if w.Rect.Contains(x, y) {
			return w, true
		}
	}
	return Widget{}, false
}

// Scale maps a slider's position, a fraction of its track in [0, 1], to a
// parameter value. Parameters whose range spans two orders of magnitude or
// more above zero move on a log scale.
type Scale struct {
	Min, Max float64
	Log      bool
	Integer  bool
}

// SliderScale is the slider's scale for a parameter, from the parameter
// table's range (hires capped at MaxAppHires).
func SliderScale(s param.Spec) Scale {
	sc := Scale{Min: s.Min, Max: s.Max, Integer: s.Integer}
	if s.Name == "hires" {
		sc.Min, sc.Max = 20, MaxAppHires
	}
	sc.Log = sc.Min > 0 && sc.Max/sc.Min >= 100
	return sc
}

// Fraction is where v sits along the track.
func (s Scale) Fraction(v float64) float64 {
	var f float64
	if s.Log {
		f = math.Log(v/s.Min) / math.Log(s.Max/s.Min)
	} else {
		f = (v - s.Min) / (s.Max - s.Min)
	}
	return math.Max(0, math.Min(1, f))
}

// Value is the parameter value at fraction f of the track, rounded to three
// significant figures (whole numbers for integers) so that shared links
// stay short.
func (s Scale) Value(f float64) float64 {
	f = math.Max(0, math.Min(1, f))
	var v float64
	if s.Log {
		v = s.Min * math.Pow(s.Max/s.Min, f)
	} else {
		v = s.Min + f*(s.Max-s.Min)
	}
	v = roundSig(v, 3)
	if s.Integer {
		v = math.Round(v)
	}
	return math.Max(s.Min, math.Min(s.Max, v))
}

func roundSig(v float64, digits int) float64 {
	if v == 0 {
		return 0
	}
	p := math.Pow(10, float64(digits)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// SpeedScale maps the speed slider: 1 to 500 days a second on a log scale;
// the top end of the track means as fast as it goes (+Inf).
func SpeedValue(f float64) float64 {
	if f >= 0.999 {
		return math.Inf(1)
	}
	return math.Round(math.Pow(500, math.Max(0, f)))
}

// SpeedFraction is where a speed sits on the speed slider.
func SpeedFraction(speed float64) float64 {
	if math.IsInf(speed, 1) {
		return 1
	}
	return math.Max(0, math.Min(0.998, math.Log(speed)/math.Log(500)))
}

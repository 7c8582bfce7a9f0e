package layout

import (
	"math"
	"slices"

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
	GuessChip              // a prediction's choice on the lesson's card (GuessPrefix and its index)
)

// GuessPrefix starts the ID of a prediction's choice, followed by its
// index from 0.
const GuessPrefix = "guess:"

// Widget is one control.
type Widget struct {
	ID    string // action or parameter name
	Kind  Kind
	Label string
	Rect  Rect
}

// sliderParams are the parameters a class plays with, in the order shown.
var sliderParams = []string{
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
	places, _ := barFlow(f.Bar.W, u, textWidth, f.Focus)
	for i := range places { // the bar may start right of the window's edge (over a lesson's card)
		places[i].X += f.Bar.X
	}
	for i, a := range barActions(f.Focus) {
		ws = append(ws, Widget{ID: a.ID, Kind: Button, Label: a.Label, Rect: places[i]})
	}
	if n := len(places); !f.Focus {
		ws = append(ws, Widget{ID: "seed", Kind: Field, Label: "seed", Rect: places[n-2]},
			Widget{ID: "speed", Kind: Slider, Label: "speed", Rect: places[n-1]})
	}
	h := 1.6 * u
	c := f.Controls
	y := c.Y + 1.4*u
	cols := 2
	if presetsAlone(f) && (c.W-0.4*u)/2 < widestPreset(textWidth)+0.8*u { // a narrow column (a phone sideways): one chip a row, whole
		cols = 1
	}
	cw := (c.W - 0.4*float64(cols-1)*u) / float64(cols)
	for i, name := range param.PresetNames() {
		if !f.Presets { // on a page of their own (Frame.Page)
			break
		}
		col, row := i%cols, i/cols
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
		// Stacked in a column on the card's right, Back over Next; on a
		// narrow card in a row along its bottom, Back left of Next.
		bw, bh := LessonButtonsWidth*u, math.Min(lessonButtonH(u), l.H/4)
		if f.LessonFolded { // the card is little more than its buttons
			bh = lessonButtonH(u)
		}
		x, y := l.X+l.W-0.6*u-bw, l.Y+l.H-0.6*u-bh
		back := Rect{x, y - bh - 0.4*u, bw, bh}
		if NarrowLesson(l.W, u) && !(f.LessonFolded && l.H > l.W) { // a folded card beside the panels keeps the column
			bw = math.Min(bw, (l.W-1.6*u)/2)
			x = l.X + l.W - 0.6*u - bw
			back = Rect{x - 0.4*u - bw, y, bw, bh}
		}
		ws = append(ws, Widget{ID: "lesson_next", Kind: Button, Label: "Next ►", Rect: Rect{x, y, bw, bh}},
			Widget{ID: "lesson_back", Kind: Button, Label: "◄ Back", Rect: back})
	}
	return ws
}

// presetsAlone reports whether the controls show the presets and no
// slider (a lesson's step that locks the sliders): their chips may then
// take the panel's height.
func presetsAlone(f Frame) bool { return f.Presets && len(f.Sliders) == 0 && f.More.W == 0 }

// widestPreset is the widest preset's name.
func widestPreset(textWidth func(string) float64) float64 {
	w := 0.0
	for _, n := range param.PresetNames() {
		w = math.Max(w, textWidth(n))
	}
	return w
}

// LongestDayCounter is the day counter's shortest form at its widest: a
// study in the app runs at most horizon 2520 days plus 5 for each of
// 19,999 later classes (MaxAppHires hires in classes of one).
const LongestDayCounter = "day 102515/102515"

// BarRows is how many rows the bar needs in a window w device pixels wide
// at the given scale, textWidth measuring a button's label.
func BarRows(w, scale float64, textWidth func(string) float64, focus bool) int {
	_, rows := barFlow(w, Unit*scale, textWidth, focus)
	return rows
}

// barFlow places the bar's controls in a bar w wide: the buttons in rows,
// About at the first row's far end; then, in a window at least BarOneRow
// units wide, the seed and the speed after them on that row, else on a row
// below, and the speed on a row of its own where the seed, the speed and
// the shortest day counter do not fit on one. It returns the buttons'
// places in BarActions order, then the seed's and the speed's, and the
// rows used. A focused lesson step's bar (focus) has its few buttons
// alone.
func barFlow(w, u float64, textWidth func(string) float64, focus bool) ([]Rect, int) {
	h, pitch, left := 1.6*u, 2*u, 0.5*u
	row, x := 0, left
	var places []Rect
	actions := barActions(focus)
	a, _ := ActionByID("about")
	about := textWidth(a.Label) + 1.2*u
	for _, a := range actions {
		bw := textWidth(a.Label) + 1.2*u
		if a.ID == "about" {
			places = append(places, Rect{w - left - about, left, about, h})
			continue
		}
		end := w - left
		if row == 0 {
			end -= about + 0.4*u
		}
		if x > left && x+bw > end {
			row, x = row+1, left
		}
		places = append(places, Rect{x, left + float64(row)*pitch, bw, h})
		x += bw + 0.4*u
	}
	if focus {
		return places, row + 1
	}
	seedW, track := 2.6*u+6.5*u+0.6*u, 7*u
	calendar := textWidth("500 d/s") + 0.8*u + textWidth(LongestDayCounter) + 0.8*u
	if w < BarOneRow*u || row > 0 {
		row, x = row+1, left
	}
	seed := Rect{x + 2.6*u, left + float64(row)*pitch, 6.5 * u, h}
	x += seedW
	end := w // the right end of the speed's row
	if row == 0 {
		end -= left + about + 0.4*u // About shares it
	}
	if x+3*u+track+calendar > end {
		row, x, end = row+1, left, w
	}
	rows := row + 1
	// The speed's track gives way to the day counter down to 4 units; below
	// that the counter gets a row of its own (LayBar).
	if room := end - x - 3*u - calendar; room < track {
		track = max(4*u, min(track, room))
		if room < 4*u {
			track, rows = max(4*u, min(7*u, end-x-3*u-textWidth("500 d/s")-1.6*u)), rows+1
		}
	}
	speed := Rect{x + 3*u, left + float64(row)*pitch + 0.3*u, track, h - 0.6*u}
	return append(places, seed, speed), rows
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

// TouchHeight is the least height, in units, a finger's tap counts a
// control as: a slider's track (0.9 units) or a policy's chip (1.4) is
// smaller than a fingertip.
const TouchHeight = 2.4

// HitNear is the control a finger's tap at (x, y) most likely meant where
// Hit finds none: of the controls grown, about their middles, to at least
// h tall, the one whose middle is nearest.
func HitNear(ws []Widget, x, y, h float64) (Widget, bool) {
	best, found, dist := Widget{}, false, math.Inf(1)
	for _, w := range ws {
		r := w.Rect
		if grow := h - r.H; grow > 0 {
			r.Y, r.H = r.Y-grow/2, h
		}
		if d := math.Abs(y - (r.Y + r.H/2)); r.Contains(x, y) && d < dist {
			best, found, dist = w, true, d
		}
	}
	return best, found
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

// SliderParams are the parameters a class plays with, in the order shown
// (a copy).
func SliderParams() []string { return slices.Clone(sliderParams) }

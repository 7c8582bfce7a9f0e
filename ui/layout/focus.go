package layout

import (
	"math"
	"slices"
)

// A lesson's step that focuses on a few panels shows them alone, large,
// and nothing else: a class sees what the step asks about. The least size
// of a focused panel, in units (a projector at 1024×768 in large text and
// a phone held upright or sideways all give at least this):
const (
	MinFocusW = 16
	MinFocusH = 6
	// MinFocusControlsW is the least width of focused controls (the
	// presets' chips) beside other panels.
	MinFocusControlsW = 7
	// SideLessonWidth is the share of a short, wide window (a phone held
	// sideways) the lesson's card takes beside the panels, where below
	// them it would leave them less than 16 units (focused panels) or
	// MinGridHeight (the dashboard).
	SideLessonWidth = 0.42
	// MaxSideLessonWidth is the most it takes where its text needs more
	// (the sandbox's long card on a small phone): the panels keep 40%.
	MaxSideLessonWidth = 0.6
)

// focusWeight is a focused panel's share of the room, against 1 for a
// chart: the floor and effects carry more text.
var focusWeight = map[string]float64{PanelFloor: 1.3, PanelEffects: 1.25}

// focus lays out the focused panels (o.Focus, places in panelOrder) in
// body and hides every other one: no room, no strip. Where the window is
// wide, the first focused panel takes a column on the left and the others
// stack on its right, the controls in a column of their own at the right
// edge; in a narrow one they stack in one column. The effects panel gets
// at least the height its rows need.
func (f *Frame) focus(body Rect, u float64, o Options) {
	var shown []string
	for _, n := range panelOrder {
		if slices.Contains(o.Focus, n) {
			shown = append(shown, n)
		} else {
			f.Strips[n] = n == PanelControls // no room; the controls' strip keeps their widgets out
		}
	}
	if Narrow(f.Bar.X+f.Bar.W, u/Unit) { // a phone held upright (the bar ends at the window's right edge)
		f.stack(body, u, o, shown)
		return
	}
	if slices.Contains(shown, PanelControls) {
		cw := math.Min(16*u, 0.3*body.W)
		f.Controls = Rect{body.X + body.W - cw, body.Y, cw, body.H}.Inset(0.4 * u)
		body.W -= cw
		shown = shown[:len(shown)-1]
	}
	if i := slices.Index(shown, PanelEffects); i >= 0 && len(shown) > 1 && o.EffectRows <= 4 {
		// A few rows of effects: a band across the top, the rest under it.
		band := math.Min(effectsHeight(u, o), body.H/2)
		f.setPanel(PanelEffects, Rect{body.X, body.Y, body.W, band}.Inset(0.4*u))
		body.Y, body.H = body.Y+band, body.H-band
		shown = slices.Delete(slices.Clone(shown), i, i+1)
	}
	if len(shown) < 2 || body.W < 2*(MinFocusW+0.8)*u { // one panel, or no room for two columns
		f.stack(body, u, o, shown)
		return
	}
	left, right := shown[0], 0.0
	for _, n := range shown[1:] {
		right = math.Max(right, weightIn(n, o))
	}
	lw := body.W * weightIn(left, o) / (weightIn(left, o) + right)
	f.setPanel(left, Rect{body.X, body.Y, lw, body.H}.Inset(0.4*u))
	f.stack(Rect{body.X + lw, body.Y, body.W - lw, body.H}, u, o, shown[1:])
}

func weight(n string) float64 {
	if w, ok := focusWeight[n]; ok {
		return w
	}
	return 1
}

// weightIn is a panel's weight in its place: the money table, drawn in
// the effects' place, needs the width of its seven columns.
func weightIn(n string, o Options) float64 {
	if n == PanelEffects && o.EffectRows == MoneyRows {
		return 1.8
	}
	return weight(n)
}

// stack puts panels one under another in r, sharing its height by
// weight, except that the effects and the controls get at least what
// their rows need (where r has it, once the others have their least).
func (f *Frame) stack(r Rect, u float64, o Options, names []string) {
	need := map[string]float64{PanelEffects: effectsHeight(u, o), PanelControls: (PresetsHeight - 0.6) * u}
	hs := make([]float64, len(names))
	fixed := make([]bool, len(names))
	for again := true; again; {
		again = false
		room, total := r.H, 0.0
		for i, n := range names {
			if fixed[i] {
				room -= hs[i]
			} else {
				total += weight(n)
			}
		}
		for i, n := range names {
			if fixed[i] {
				continue
			}
			hs[i] = room * weight(n) / total
			if hs[i] < need[n] && len(names) > 1 {
				// Up to what leaves the others their least focused height
				// (a short phone's money table), and at least half.
				others := 0.0
				for j := range names {
					if j != i && !fixed[j] {
						others++
					}
				}
				most := math.Min(room, math.Max(r.H/2, room-others*(MinFocusH+0.8)*u))
				hs[i], fixed[i], again = math.Min(need[n], most), true, true
				break
			}
		}
	}
	y := r.Y
	for i, n := range names {
		f.setPanel(n, Rect{r.X, y, r.W, hs[i]}.Inset(0.4*u))
		y += hs[i]
	}
}

// effectsHeight is the height the effects panel's rows need: a few rows
// (a lesson's) get lines of the lesson's text (LayEffects).
func effectsHeight(u float64, o Options) float64 {
	rows := o.EffectRows
	if rows == 0 {
		rows = 6
	}
	if rows <= fewRows {
		return (4.6 + 2.2*float64(rows)) * u
	}
	return (4.2 + 0.95*float64(rows)) * u
}

// sideLesson reports whether the lesson's card goes beside the focused
// panels rather than below them: a short, wide window (a phone held
// sideways) where below them it would leave them less than 16 units.
// The bar's two buttons then go over the card, and the panels get the
// window's height (the floor and the money table need it together).
func sideLesson(w, h, barH, cardH, u float64, o Options) bool {
	return len(o.Focus) > 0 && !Narrow(w, u/Unit) && h-barH-cardH < 16*u
}

// LessonScale is the text's scale for a lesson's focused step in a w×h
// window (CSS pixels), where its panels are few and the room is there:
// at least the large text's 1.4, growing with the window so that a room's
// back rows read it (1920×1080: 1.69, Small text 18.6 px), at most 2.
func LessonScale(w, h float64) float64 {
	return math.Max(1.4, math.Min(2, math.Min(w/64, h/40)/Unit))
}

package layout

import (
	"cmp"
	"image"
	"math"
	"slices"
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
	Bar       Rect    // buttons, speed, seed, calendar: one row, or more where the window is narrow
	Floor     Rect    // one desk per rep
	Effects   Rect    // estimates beside the study's numbers
	Revenue   Rect    // chart
	Retention Rect    // chart
	Ability   Rect    // chart
	Controls  Rect    // presets and sliders
	Lesson    Rect    // the lesson's card along the bottom (or on the right in a short, wide window); empty outside a lesson
	// Focus is whether a lesson's step focuses on a few panels (focus.go):
	// the bar has its few buttons alone.
	Focus bool
	// LessonFolded is whether the lesson's card shows only its title, as a
	// tab that unfolds it, and its buttons: on a phone, upright or
	// sideways, a panel opened by a tap takes the card's room.
	LessonFolded bool

	// Strips are the panels shown as a title strip only: hidden by the
	// lesson, or charts folded away where the window is short of room
	// (Folded: a click on the strip opens it).
	Strips map[string]bool
	Folded []string
	// Sliders are the parameter sliders showing, in order; where the
	// controls are short of room a page of them, and More is the button
	// that shows the next page (else empty).
	Sliders []string
	More    Rect
	// Presets is whether the presets' chips show (they may have a page
	// of their own); Page is the page of controls showing, of Pages.
	Presets     bool
	Page, Pages int
}

// Options are what the layout adapts to besides the window.
type Options struct {
	LessonH    float64           // the lesson card's height in device pixels (0: no lesson)
	Hidden     func(string) bool // panels the lesson hides (nil: none)
	Open       []string          // panels opened by a click, latest first: they stay open when panels fold
	SliderPage int               // which page of sliders shows
	EffectRows int               // rows of the effects panel (0: the six headline rows)
	Replaced   map[string]bool   // places another panel is drawn in (inPlaceOf), for the strips' names
	BarRows    int               // the bar's rows, as BarRows measures them for Widgets (0: one)
	// SideLessonW is the width the card takes beside the panels in a
	// short, wide window (0: SideLessonWidth of the window).
	SideLessonW float64
	// Focus are the places a lesson's step focuses on (focus.go): they
	// alone show, large; nil: the whole dashboard.
	Focus []string
	// PresetsOnly shows the presets' chips and no sliders (a step that
	// locks the sliders).
	PresetsOnly bool
}

// Layout constants, in units.
const (
	// MinLessonHeight is the least height of the lesson's card, and
	// LessonButtonsWidth the width of its column of buttons.
	MinLessonHeight    = 8
	LessonButtonsWidth = 7
	// NarrowWidth is the window width below which the panels stack in one
	// column (a phone held upright).
	NarrowWidth = 40
	// TabWidth is the least width of a folded panel's tab in a narrow
	// window.
	TabWidth = 7.5
	// BarOneRow is the least window width for the bar's one row: the
	// buttons, seed, speed, calendar and About at their widths in the
	// Go fonts; narrower windows get as many rows as they need (BarRows).
	BarOneRow = 72
	// PresetsHeight is the controls' height above the first slider (the
	// title, three rows of chips, the sliders' title) and SliderPitch
	// each slider's (caption and track).
	PresetsHeight = 9
	SliderPitch   = 2.6
	// SlidersTop is the first slider's top on a page without presets.
	SlidersTop = 2.6
	// StripHeight is a folded or hidden panel's height (its title).
	StripHeight = 1.6
	// MinChart is the least height of an open chart, MinFloor the floor's.
	MinChart = 10
	MinFloor = 10
	// MinColumnFloor is the floor's least height in a narrow window's one
	// column: lower and wider than beside the charts, it needs more
	// height for 20,000 desks to stay desks.
	MinColumnFloor = 13
	// FoldedLessonHeight is the height of a folded lesson's card with its
	// margins in a narrow window (its title's tab over its buttons), and
	// FoldedLessonWidth the width of one beside the panels (its tab over
	// Back over Next).
	FoldedLessonHeight = 0.5 + StripHeight + 0.4 + 2.2 + 0.6 + 0.8
	FoldedLessonWidth  = LessonButtonsWidth + 1.2 + 0.8
	// MinGridHeight is the least height of the dashboard's three columns
	// under the bar and the lesson's card: the charts' column holds one
	// open chart and two strips. A shorter window (a phone held sideways)
	// stacks the panels in one column, as a narrow one does, with the
	// card beside them.
	MinGridHeight = MinChart + 2*(StripHeight+0.8) + 0.2
	// MinListedChart is the least height of a chart the lesson's step
	// lists: it shrinks that far (dropping its legend, then detail)
	// before it folds, as the step's text refers to it.
	MinListedChart = 7
)

// Unit is the base size of the layout (a line of text) before scaling.
const Unit = 16

// ComputeWith lays out a w×h window at the given scale: a bar along the
// top; the floor over the effects on the left; the charts in the middle;
// presets and sliders on the right; the lesson's card along the bottom.
// Panels the lesson hides shrink to a strip with their title; where the
// charts would be too short to read, one stays open and the others fold
// into strips. A window narrower than NarrowWidth units (a phone held
// upright) stacks the panels in one column instead (column); so does one
// that leaves them less than MinGridHeight (a phone held sideways), with
// the lesson's card on the right, as wide as its text needs to fit.
func ComputeWith(w, h, scale float64, o Options) Frame {
	u := Unit * scale
	f := Frame{Scale: scale, Strips: map[string]bool{}, Focus: len(o.Focus) > 0}
	hidden := func(name string) bool { return o.Hidden != nil && o.Hidden(name) }
	f.Bar = Rect{0, 0, w, BarHeight(o.BarRows, u)}
	bh := 0.0
	if o.LessonH > 0 { // as tall as its text needs, at least MinLessonHeight units and at most 55% of the window
		bh = math.Min(math.Max(o.LessonH, MinLessonHeight*u), 0.55*h)
		f.Lesson = Rect{0, math.Max(0, h-bh), w, bh}.Inset(0.4 * u)
	}
	body := Rect{0, f.Bar.H, w, math.Max(0, h-f.Bar.H-bh)}
	if len(o.Focus) > 0 {
		if bh > 0 && sideLesson(w, h, f.Bar.H, bh, u, o) {
			body = f.placeSideLesson(w, h, sideWidth(w, o))
			// The bar's two buttons go over the card, and the panels
			// take the window's height.
			f.Bar.X, f.Bar.W = body.W, w-body.W
			body.Y, body.H = 0, h
		}
		f.focus(body, u, o)
		f.sliders(u, o.SliderPage, o.PresetsOnly)
		return f
	}
	if Narrow(w, scale) {
		f.narrowColumn(w, h, bh, o, hidden)
		f.sliders(u, o.SliderPage, o.PresetsOnly)
		return f
	}
	if body.H < MinGridHeight*u { // a phone held sideways: the card beside the panels
		switch {
		case bh > 0 && panelTapped(o):
			// A panel opened by a tap takes the width: the card folds to
			// its title and buttons (a tap on its title unfolds it).
			body, f.LessonFolded = f.placeSideLesson(w, h, FoldedLessonWidth*u), true
		case bh > 0:
			body = f.placeSideLesson(w, h, sideWidth(w, o))
		}
		f.column(body, u, o, hidden, true)
		f.sliders(u, o.SliderPage, o.PresetsOnly)
		return f
	}
	controlsW := math.Min(16*u, 0.22*w)
	chartsW := 0.32 * (w - controlsW)
	left := Rect{body.X, body.Y, w - controlsW - chartsW, body.H}
	f.Floor, f.Effects = f.leftColumn(left, u, o, hidden)
	mid := Rect{left.X + left.W, body.Y, chartsW, body.H}
	f.charts(mid, u, o.Open, o, hidden)
	f.Controls = Rect{mid.X + mid.W, body.Y, controlsW, body.H}.Inset(0.4 * u)
	f.sliders(u, o.SliderPage, o.PresetsOnly)
	return f
}

// narrowColumn lays out a narrow window's column of panels above the
// lesson's card, bh high (0: no lesson). Once a panel is opened by a tap
// (o.Open's first), the card folds to its title and buttons
// (FoldedLessonHeight), as it does sideways, so that the panel has the
// room; a tap on the card's title (LessonPlace in o.Open) unfolds it.
func (f *Frame) narrowColumn(w, h, bh float64, o Options, hidden func(string) bool) {
	u := Unit * f.Scale
	lay := func(bh float64) Frame {
		g := Frame{Scale: f.Scale, Bar: f.Bar, Strips: map[string]bool{}}
		if bh > 0 {
			g.Lesson = Rect{0, h - bh, w, bh}.Inset(0.4 * u)
		}
		g.column(Rect{0, g.Bar.H, w, math.Max(0, h-g.Bar.H-bh)}, u, o, hidden, false)
		return g
	}
	g := lay(bh)
	if folded := FoldedLessonHeight * u; bh > folded && panelTapped(o) {
		g = lay(folded)
		g.LessonFolded = true
	}
	*f = g
}

// panelTapped reports whether a panel was opened by a tap last (o.Open's
// first, not the lesson's card): on a phone it takes the card's room.
func panelTapped(o Options) bool { return len(o.Open) > 0 && o.Open[0] != LessonPlace }

// BarHeight is the height of a bar of rows rows of controls (0: one).
func BarHeight(rows int, u float64) float64 { return (0.6 + 2*float64(max(1, rows))) * u }

// placeSideLesson puts the lesson's card, side wide, on the right under
// the bar, and returns the room left for the panels (sideLesson decides
// when, for a focused step).
func (f *Frame) placeSideLesson(w, h, side float64) (body Rect) {
	f.Lesson = Rect{w - side, f.Bar.H, side, h - f.Bar.H}.Inset(0.4 * Unit * f.Scale)
	return Rect{0, f.Bar.H, w - side, h - f.Bar.H}
}

// sideWidth is the card's width beside the panels: o's, or SideLessonWidth
// of the window where o has none.
func sideWidth(w float64, o Options) float64 {
	return cmp.Or(o.SideLessonW, math.Round(SideLessonWidth*w))
}

// Narrow reports whether a window w device pixels wide at the given scale
// is narrow, a phone's held upright: its panels stack in one column.
func Narrow(w, scale float64) bool { return w < NarrowWidth*Unit*scale }

// leftColumn splits the floor from the effects: the effects get 44% of
// the height, or what their rows need to be a line each, but leave the
// floor at least MinFloor units; where there is not room for both, one
// of them (the effects, unless the floor was opened) stays open and the
// other folds into a strip.
func (f *Frame) leftColumn(left Rect, u float64, o Options, hidden func(string) bool) (floor, effects Rect) {
	rows := o.EffectRows
	if rows == 0 {
		rows = 6
	}
	need := (4.2 + 0.95*float64(rows)) * u
	strip := (StripHeight + 0.8) * u
	eh := math.Max(0.44*left.H, need)
	switch {
	case hidden(PanelEffects) && hidden(PanelFloor):
		eh = left.H / 2
	case hidden(PanelEffects):
		eh = strip
	case hidden(PanelFloor):
		eh = left.H - strip
	case left.H-eh < MinFloor*u && opened(o.Open, PanelFloor, PanelEffects) == PanelFloor:
		eh = strip
		f.Folded = append(f.Folded, PanelEffects)
	case left.H-eh < MinFloor*u:
		eh = left.H - strip
		f.Folded = append(f.Folded, PanelFloor)
	}
	for _, n := range []string{PanelFloor, PanelEffects} {
		if hidden(n) || slices.Contains(f.Folded, n) {
			f.Strips[n] = true
		}
	}
	return Rect{left.X, left.Y, left.W, left.H - eh}.Inset(0.4 * u), Rect{left.X, left.Y + left.H - eh, left.W, eh}.Inset(0.4 * u)
}

// opened is the first of names in open (the panels opened by a click,
// latest first), or "".
func opened(open []string, names ...string) string {
	for _, n := range open {
		if slices.Contains(names, n) {
			return n
		}
	}
	return ""
}

// rank is n's place in open (the panels opened by a click, latest
// first), or len(open) for a panel not opened.
func rank(open []string, n string) int {
	if i := slices.Index(open, n); i >= 0 {
		return i
	}
	return len(open)
}

// charts stacks the charts in mid: hidden ones as strips, the others
// sharing the rest. Where that leaves them shorter than their least
// height (MinChart, or MinListedChart for charts a lesson's step lists),
// charts fold into strips one at a time, the last in priority first:
// the charts opened by a click (latest first), then in chartNames order.
func (f *Frame) charts(mid Rect, u float64, open []string, o Options, hidden func(string) bool) {
	least := MinChart * u
	if o.Hidden != nil { // every chart not hidden is one the step lists
		least = MinListedChart * u
	}
	var shown []string
	for _, n := range chartNames {
		if hidden(n) {
			f.Strips[n] = true
		} else {
			shown = append(shown, n)
		}
	}
	slices.SortStableFunc(shown, func(a, b string) int { return rank(open, a) - rank(open, b) })
	strip := (StripHeight + 0.8) * u
	rest := func() float64 { return mid.H - float64(len(chartNames)-len(shown))*strip }
	for len(shown) > 1 && rest()/float64(len(shown)) < least {
		n := shown[len(shown)-1]
		f.Strips[n], f.Folded, shown = true, append(f.Folded, n), shown[:len(shown)-1]
	}
	y := mid.Y
	for _, n := range chartNames {
		hgt := strip
		if !f.Strips[n] {
			hgt = rest() / float64(len(shown))
		}
		f.setPanel(n, Rect{mid.X, y, mid.W, hgt}.Inset(0.4*u))
		y += hgt
	}
}

// column stacks the panels in body, for a narrow window, full width, or
// in a short, wide one (rail) right of a column of the folded panels' tabs.
// Where they do not all fit at their least heights, panels fold one at a
// time, the last in priority first: those opened by a click (latest
// first), then in panelOrder order; where not even one fits (a short
// phone beside a long lesson step), all do. The folded panels' strips are
// tabs in rows across the top, or down the rail (a click opens one); the
// panels the lesson hides take no room.
func (f *Frame) column(body Rect, u float64, o Options, hidden func(string) bool, rail bool) {
	rows := o.EffectRows
	if rows == 0 {
		rows = 6
	}
	least := map[string]float64{PanelFloor: MinColumnFloor * u, PanelEffects: (4.2 + 0.95*float64(rows)) * u,
		PanelControls: (PresetsHeight + SliderPitch + 2.2) * u}
	for _, n := range chartNames {
		least[n] = MinChart * u
		if o.Hidden != nil { // every chart not hidden is one the step lists
			least[n] = MinListedChart * u
		}
	}
	var shown []string
	for _, n := range panelOrder {
		if n != PanelControls && hidden(n) { // a lesson hides panels, never the controls
			f.Strips[n] = true
		} else {
			shown = append(shown, n)
		}
	}
	slices.SortStableFunc(shown, func(a, b string) int { return rank(o.Open, a) - rank(o.Open, b) })
	perRow := max(1, int(body.W/(TabWidth*u)))
	tabs := func(n int) float64 { return float64((n+perRow-1)/perRow) * 2 * u }
	if rail = rail && float64(len(panelOrder))*2*u <= body.H; rail { // else too short for a rail: rows
		tabs = func(int) float64 { return 0 }
	}
	spare := func() float64 {
		s := body.H - tabs(len(f.Folded))
		for _, n := range shown {
			s -= least[n]
		}
		return s
	}
	for len(shown) > 0 && spare() < 0 { // where not even one fits, every panel is a tab
		n := shown[len(shown)-1]
		f.Strips[n], f.Folded, shown = true, append(f.Folded, n), shown[:len(shown)-1]
	}
	slices.SortStableFunc(f.Folded, func(a, b string) int { return slices.Index(panelOrder, a) - slices.Index(panelOrder, b) })
	tw := (body.W - 0.4*u) / float64(perRow)
	if rail && len(f.Folded) > 0 { // one tab a row, left of the panels
		perRow, tw = 1, TabWidth*u
		body.X, body.W = body.X+tw, body.W-tw
	}
	for i, n := range f.Folded {
		x, y := body.X+0.4*u+float64(i%perRow)*tw, body.Y+0.4*u+float64(i/perRow)*2*u
		if rail {
			x = body.X - tw + 0.4*u
		}
		f.setPanel(n, Rect{x, y, tw - 0.4*u, StripHeight * u})
	}
	// The room to spare goes to the panel opened last, where one was (a
	// tap asks to see it: the controls then show more sliders a page),
	// else to every panel alike.
	room, first := spare(), ""
	if len(o.Open) > 0 && slices.Contains(shown, o.Open[0]) {
		first = o.Open[0]
	}
	extra := func(n string) float64 {
		switch {
		case first == "":
			return room / float64(max(1, len(shown)))
		case n == first:
			return room
		}
		return 0
	}
	y := body.Y + tabs(len(f.Folded))
	for _, n := range panelOrder {
		if slices.Contains(shown, n) {
			hgt := math.Max(0, least[n]+extra(n))
			f.setPanel(n, Rect{body.X, y, body.W, hgt}.Inset(0.4*u))
			y += hgt
		}
	}
}

// sliders chooses what of the controls fits: the presets and every
// slider; or pages of sliders under the presets, with a More button in the
// last place; or, shorter still, the presets on a page of their own.
func (f *Frame) sliders(u float64, page int, presetsOnly bool) {
	if f.Strips[PanelControls] { // folded: its strip opens it
		return
	}
	if presetsOnly {
		f.Presets, f.Pages = true, 1
		return
	}
	slots := func(top float64) int {
		return max(0, int((f.Controls.H-top*u-(SliderPitch-0.6)*u)/(SliderPitch*u))+1)
	}
	n := len(sliderParams)
	f.Presets, f.Pages = true, 1
	if slots(PresetsHeight) >= n {
		f.Sliders = sliderParams
		return
	}
	per, top := slots(PresetsHeight)-1, float64(PresetsHeight)
	if per < 1 { // the presets get a page of their own
		per, top = slots(SlidersTop)-1, SlidersTop
	}
	if per < 1 {
		return // not even one slider and the button fit
	}
	f.Pages = (n + per - 1) / per
	if top == SlidersTop {
		f.Pages++
	}
	f.Page = page % f.Pages
	y := f.Controls.Y + PresetsHeight*u - 1.6*u
	if k := f.Page; top == PresetsHeight || k > 0 {
		if top == SlidersTop {
			k--
			f.Presets = false
		}
		f.Sliders = sliderParams[k*per : min(n, (k+1)*per)]
		y = f.Controls.Y + top*u + float64(len(f.Sliders))*SliderPitch*u
	}
	f.More = Rect{f.Controls.X, y, f.Controls.W, 1.6 * u}
}

// Panel is the rectangle of a panel by its name (as the lesson names
// them).
func (f Frame) Panel(name string) Rect {
	if r := f.place(name); r != nil {
		return *r
	}
	return Rect{}
}

// setPanel sets the rectangle of a panel by its name.
func (f *Frame) setPanel(name string, r Rect) { *f.place(name) = r }

// place is the field holding a panel's rectangle; nil for another name.
func (f *Frame) place(name string) *Rect {
	switch name {
	case PanelFloor:
		return &f.Floor
	case PanelEffects:
		return &f.Effects
	case PanelRevenue:
		return &f.Revenue
	case PanelRetention:
		return &f.Retention
	case PanelAbility:
		return &f.Ability
	case PanelControls:
		return &f.Controls
	case LessonPlace:
		return &f.Lesson
	}
	return nil
}

// Image is r as an image rectangle (whole pixels, outward).
func (r Rect) Image() image.Rectangle {
	return image.Rect(int(math.Floor(r.X)), int(math.Floor(r.Y)), int(math.Ceil(r.X+r.W)), int(math.Ceil(r.Y+r.H)))
}

package ui

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/session"
)

// drawBar draws the buttons, the seed, the speed and the calendar.
func (g *Game) drawBar(dst *ebiten.Image) {
	v := &g.view
	fill(dst, v.frame.Bar, panel)
	for _, w := range v.widgets {
		switch {
		case w.Kind == layout.Button && !strings.HasPrefix(w.ID, "lesson_") && g.available(w.ID):
			g.drawButton(dst, w, g.buttonLabel(w), w.ID == "reveal" && g.s.Revealed)
		case w.ID == "seed":
			g.drawSeed(dst, w)
		case w.ID == "speed":
			g.drawSpeed(dst, w)
		}
	}
	if t := v.scene.Bar.Calendar; t != nil { // placed by the layout (layout.LayBar)
		v.sayText(dst, *t, ink)
	}
}

func (g *Game) buttonLabel(w layout.Widget) string {
	if t, ok := g.view.scene.Bar.Buttons[w.ID]; ok { // cut to fit by the layout
		return t.S
	}
	if t, ok := g.view.scene.Controls.Chips[w.ID]; ok {
		return t.S
	}
	if w.ID == "play" && g.s.Playing {
		return "Pause"
	}
	return w.Label
}

func (g *Game) drawButton(dst *ebiten.Image, w layout.Widget, label string, on bool) {
	bg := grid
	if on {
		bg = accent
	}
	if w.Rect.Contains(g.view.cursorX, g.view.cursorY) && !on {
		bg = mix(grid, ink, 0.2)
	}
	fill(dst, w.Rect, bg)
	fg := ink
	if on {
		fg = background
	}
	sayMiddle(dst, label, g.view.fonts.body, w.Rect, w.Rect.X+w.Rect.W/2, center, fg)
}

// drawSeed draws the seed's field and the texts the layout placed for it
// (layout.LayBar): the seed, or while it is typed what has been typed.
func (g *Game) drawSeed(dst *ebiten.Image, w layout.Widget) {
	v := &g.view
	b := v.scene.Bar
	v.sayText(dst, b.SeedLabel, dim)
	fill(dst, w.Rect, background)
	c := ink
	if v.editingSeed {
		c = accent
		stroke(dst, w.Rect, 0.1*v.unit(), accent)
	}
	v.sayText(dst, b.Seed, c)
}

// typedSeed is the seed being typed with its cursor, as much of its end as
// the seed's field holds: the digits just typed stay in sight.
func (v *view) typedSeed() string {
	s := v.seedText + "▏"
	for _, w := range v.widgets {
		if w.ID != "seed" {
			continue
		}
		for room := w.Rect.W - 0.8*v.unit(); v.pen.Width(s, layout.Body) > room && len(s) > len("…▏"); {
			_, n := utf8.DecodeRuneInString(strings.TrimPrefix(s, "…"))
			s = "…" + strings.TrimPrefix(s, "…")[n:]
		}
	}
	return s
}

// drawSpeed draws the speed's track and the texts the layout placed for
// it.
func (g *Game) drawSpeed(dst *ebiten.Image, w layout.Widget) {
	v := &g.view
	v.sayText(dst, v.scene.Bar.SpeedLabel, dim)
	drawTrack(dst, w.Rect, layout.SpeedFraction(g.s.Speed), v.unit())
	v.sayText(dst, v.scene.Bar.Speed, ink)
}

func (g *Game) speedLabel() string {
	if g.s.Speed == session.MaxSpeed {
		return "max"
	}
	return fmt.Sprintf("%.0f d/s", g.s.Speed)
}

// drawTrack draws a slider's track filled to fraction f, and its knob.
func drawTrack(dst *ebiten.Image, r layout.Rect, f, u float64) {
	mid := r.Y + r.H/2
	line(dst, r.X, mid, r.X+r.W, mid, 0.25*u, grid)
	line(dst, r.X, mid, r.X+f*r.W, mid, 0.25*u, armColors[study.OptinMentored])
	fill(dst, layout.Rect{X: r.X + f*r.W - 0.3*u, Y: r.Y, W: 0.6 * u, H: r.H}, ink)
}

// drawControls draws the preset chips and the parameter sliders.
func (g *Game) drawControls(dst *ebiten.Image) {
	v := &g.view
	c := v.frame.Controls
	fill(dst, c, panel)
	for _, t := range []*layout.Text{v.scene.Controls.Presets, v.scene.Controls.Sliders} { // placed by layout.LayControls
		if t != nil {
			v.sayText(dst, *t, ink)
		}
	}
	for _, w := range v.widgets {
		switch w.Kind {
		case layout.Chip:
			if w.ID == layout.OpenPrefix+layout.LessonPlace {
				continue // on the card (drawLesson)
			}
			g.drawButton(dst, w, g.buttonLabel(w), g.s.Scenario.Preset == w.ID)
		case layout.Slider:
			if w.ID == "speed" {
				continue
			}
			g.drawParamSlider(dst, w)
		}
	}
	g.drawRestartHint(dst) // over the floor, which is drawn before the controls
	g.drawControlTip(dst)
}

// controlTip is the explanation of the slider or preset under the pointer
// (or being dragged): its plain words, and a parameter's name in links and
// the command line.
func (g *Game) controlTip() (r layout.Rect, lines []string) {
	v := &g.view
	u := v.unit()
	for _, w := range v.widgets {
		row := w.Rect
		if w.Kind == layout.Slider {
			row.Y, row.H = row.Y-1.2*u, row.H+1.2*u // with its caption
		}
		if w.ID == "speed" || v.dragging != w.ID && (v.dragging != "" || !row.Contains(v.cursorX, v.cursorY)) {
			continue
		}
		if spec, ok := param.Lookup(w.ID); ok && w.Kind == layout.Slider {
			return row, []string{spec.Help, "in links and the command line: " + spec.Name}
		}
		if help := param.PresetHelp(w.ID); help != "" && w.Kind == layout.Chip {
			return row, []string{help}
		}
	}
	return layout.Rect{}, nil
}

// drawControlTip draws the control's explanation to the left of the
// controls, level with it (hover, or a finger held on it); in a narrow
// window, above it.
func (g *Game) drawControlTip(dst *ebiten.Image) {
	at, paras := g.controlTip()
	if paras == nil {
		return
	}
	v := &g.view
	u := v.unit()
	c := v.frame.Controls
	maxW := math.Min(24*u, c.X-1.6*u)
	beside := maxW >= 8*u // else, in a narrow window's column, above the control
	if !beside {
		maxW = c.W - 1.2*u
	}
	var lines []string
	for _, p := range paras {
		lines = append(lines, layout.Wrap(v.pen, p, layout.Body, maxW)...)
	}
	r := layout.Rect{H: (float64(len(lines))*1.3 + 0.6) * u}
	for _, l := range lines {
		r.W = math.Max(r.W, width(l, v.fonts.body)+1.2*u)
	}
	r.X, r.Y = at.X-0.4*u-r.W, math.Min(at.Y, float64(v.h)-r.H)
	if !beside {
		r.X, r.Y = c.X, at.Y-0.2*u-r.H
		if r.Y < 0 {
			r.Y = at.Y + at.H + 0.2*u
		}
	}
	fill(dst, r, panel)
	stroke(dst, r, 0.08*u, accent)
	for i, l := range lines {
		c := ink
		if i == len(lines)-1 && len(paras) > 1 {
			c = dim
		}
		say(dst, l, v.fonts.body, r.X+0.6*u, r.Y+0.3*u+float64(i)*1.3*u, left, c)
	}
}

func (g *Game) drawParamSlider(dst *ebiten.Image, w layout.Widget) {
	v := &g.view
	u := v.unit()
	spec, _ := param.Lookup(w.ID)
	sc := layout.SliderScale(spec)
	val, _ := g.s.Scenario.Params.Get(w.ID)
	f := sc.Fraction(val)
	if v.dragging == w.ID { // the knob follows the pointer; the value applies on release
		f = v.in.dragFrac
	}
	v.sayText(dst, v.scene.Controls.Names[w.ID], dim) // name and value, the dragged one's too: content in draw.go
	v.sayText(dst, v.scene.Controls.Values[w.ID], ink)
	drawTrack(dst, w.Rect, f, u)
}

// drawRestartHint says, under the Play button, that a change restarted the
// run and how to play it.
func (g *Game) drawRestartHint(dst *ebiten.Image) {
	r, lines, ok := g.hintBox()
	if !ok {
		return
	}
	v := &g.view
	u := v.unit()
	fill(dst, r, accent)
	for i, l := range lines {
		say(dst, l, v.fonts.body, r.X+0.8*u, r.Y+0.3*u+float64(i)*1.3*u, left, background)
	}
}

// hintBox is where the restart hint shows, under Play, and its lines; ok
// is false while there is none. A tap on it takes it away (press): it
// covers buttons.
func (g *Game) hintBox() (r layout.Rect, lines []string, ok bool) {
	hint := g.Hint()
	play, found := widgetByID(g.view.widgets, "play")
	if hint == "" || !found {
		return r, nil, false
	}
	v := &g.view
	u := v.unit()
	lines = layout.Wrap(v.pen, hint, layout.Body, math.Min(36*u, float64(v.w)-play.Rect.X-2*u))
	r = layout.Rect{X: play.Rect.X, Y: play.Rect.Y + play.Rect.H + 0.5*u, H: (float64(len(lines))*1.3 + 0.6) * u}
	for _, l := range lines {
		r.W = math.Max(r.W, width(l, v.fonts.body)+1.6*u)
	}
	return r, lines, true
}

// drawNotice shows the session's notice, if any, along the bottom.
func (g *Game) drawNotice(dst *ebiten.Image) {
	if g.s.Notice == "" {
		return
	}
	v := &g.view
	u := v.unit()
	const dismiss = "tap or click to dismiss"
	// Wrapped to the window, beside the dismiss hint (a notice names the
	// values a link set, which may be long).
	lines := layout.Wrap(&v.fonts, g.s.Notice, layout.Body, float64(v.w)-2.4*u-width(dismiss, v.fonts.small))
	h := (float64(len(lines)) + 0.8) * 1.3 * u
	r := layout.Rect{X: 0, Y: float64(v.h) - h, W: float64(v.w), H: h}
	fill(dst, r, withAlpha(accent, 0xf0))
	for i, l := range lines {
		say(dst, l, v.fonts.body, 0.8*u, r.Y+0.5*u+float64(i)*1.3*u, left, background)
	}
	say(dst, dismiss, v.fonts.small, float64(v.w)-0.8*u, r.Y+0.5*u, right, background)
}

// drawHelp lists every action's keys over the app, and where the model is
// described.
// helpBox places the help in a w×h window: n rows of keys, in one column
// when they fit the window's height, else two (lines too long for their
// column end in "…"), under a title and above a last line modelW wide.
func helpBox(w, h, u float64, n int, modelW float64) (perCol int, colW float64, r layout.Rect) {
	cols := 1
	if (float64(n)*1.25+4.6)*u > h {
		cols = 2
	}
	colW = math.Min(30*u, (w-2*u)/float64(cols))
	perCol = (n + cols - 1) / cols
	r = layout.Rect{W: math.Min(w, max(float64(cols)*colW, modelW+2*u)), H: (float64(perCol)*1.25 + 4.6) * u}
	r.X, r.Y = (w-r.W)/2, math.Max(0, (h-r.H)/2)
	return perCol, colW, r
}

func (g *Game) drawHelp(dst *ebiten.Image) {
	v := &g.view
	u := v.unit()
	var rows [][2]string
	for _, r := range layout.HelpRows() {
		if about, _ := layout.ActionByID("about"); r[0] != about.KeyLabel() || g.available("about") {
			rows = append(rows, r)
		}
	}
	model := "How the model works: docs/model.md in mentorsim's source"
	if g.available("about") {
		model = "How the model works: model.html beside this page (About, then “How the model works”)"
	}
	perCol, colW, r := helpBox(float64(v.w), float64(v.h), u, len(rows), width(model, v.fonts.body))
	model = layout.Fit(v.pen, layout.Body, r.W-2*u, model)
	fill(dst, layout.Rect{W: float64(v.w), H: float64(v.h)}, withAlpha(background, 0xc0))
	fill(dst, r, panel)
	stroke(dst, r, 0.1*u, accent)
	say(dst, "Keyboard shortcuts", v.fonts.heading, r.X+u, r.Y+0.8*u, left, ink)
	for i, row := range rows {
		x := r.X + float64(i/perCol)*colW
		y := r.Y + 2.6*u + float64(i%perCol)*1.25*u
		say(dst, row[0], v.fonts.body, x+7*u, y, right, accent)
		say(dst, layout.Fit(v.pen, layout.Body, colW-9*u, row[1]), v.fonts.body, x+8*u, y, left, ink)
	}
	say(dst, model, v.fonts.body, r.X+u, r.Y+r.H-1.6*u, left, ink)
}

package ui

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

// view is the drawing state: window geometry, fonts, cached panel data and
// what the pointer and keyboard are doing.
type view struct {
	w, h    int
	scale   float64 // the device scale, times LargeScale in large-text mode
	large   bool
	step    *lesson.Step   // the lesson's step the frame has room for; nil: none
	card    string         // the lesson's card it has room for (its LessonSpec, printed)
	touch   bool           // the last input was a touch: no keys on screen, no hover
	blank   bool           // the screen is blanked (key b) until the next key or tap
	options layout.Options // what the frame was laid out for (the step's hidden and replaced panels)
	frame   layout.Frame
	widgets []layout.Widget
	fonts   fonts
	pen     layout.Pen   // measures and places text with fonts
	scene   layout.Scene // every text of the frame being drawn, in place
	content layout.Content
	effects []session.Effect // the effects panel's rows

	// What the layout also depends on: panels opened by a click (latest
	// first), the page of controls showing, and a count of layouts (a
	// new layout is a new frame).
	open       []string
	sliderPage int
	laidOut    bool
	layouts    int

	// panels caches the charts' data for one study and day.
	panels      session.Panels
	panelsStudy *study.Study
	panelsDay   int
	panelsAt    time.Time

	floor      layout.FloorGrid
	floorStudy *study.Study
	floorImage *ebiten.Image
	floorArms  []study.Arm // the arm of each of the floor's groups (floor.go)
	desks      deskPainter // the floor image's pixels
	shapes     shapes      // a chart's rectangles and lines, drawn at once

	// fading is a confirmation in the session's notice (link copied,
	// files saved), and fadeAt when it goes.
	fading string
	fadeAt time.Time

	cursorX, cursorY float64
	dragging         string // the slider being dragged
	editingSeed      bool
	seedText         string
	help             bool
	in               inputState // input.go
}

// unit is the layout's base size in device pixels.
func (v *view) unit() float64 { return layout.Unit * v.scale }

// LargeScale multiplies every size in large-text mode (for projectors).
const LargeScale = 1.4

// resize lays the app out for a screen of w×h device pixels at the device
// scale, with large text and the lesson's card as the session asks.
func (v *view) resize(w, h int, deviceScale float64, large bool, step *lesson.Step, spec *layout.LessonSpec) {
	w, h = max(1, w), max(1, h)
	scale := deviceScale
	switch {
	case layout.Narrow(float64(w), deviceScale*LargeScale): // a phone keeps normal text: large is for projectors
	case step != nil && len(step.Focus) > 0: // a few panels, large enough for the back of the room
		scale *= layout.LessonScale(float64(w)/deviceScale, float64(h)/deviceScale)
	case large:
		scale *= LargeScale
	}
	card := fmt.Sprint(spec)
	if v.laidOut && w == v.w && h == v.h && scale == v.scale && step == v.step && card == v.card {
		return
	}
	if step != v.step { // a new step's card shows whole, even where a panel opened before folded it
		v.openFirst(layout.LessonPlace)
	}
	v.w, v.h, v.scale, v.large, v.step, v.card, v.laidOut = w, h, scale, large, step, card, true
	v.layouts++
	v.fonts.size(scale)
	v.pen = layout.Pen{Metrics: &v.fonts, U: layout.Unit * scale}
	o := session.LayoutOptions(step)
	o.Open, o.SliderPage = append(slices.Clone(v.open), o.Open...), v.sliderPage
	v.options = o
	v.frame, v.widgets = v.pen.Arrange(float64(w), float64(h), o, spec)
	if step != nil && step.Visible(layout.PanelMoney) && !v.frame.Strips[layout.PanelEffects] {
		v.widgets = append(v.widgets, policyChips(v.frame.Effects, scale, v.fonts)...)
	}
	v.floorStudy = nil // the floor's grid depends on the size
}

// press handles a click on one of the layout's own buttons: the next page
// of controls, or a folded panel to open. It reports whether id was one.
func (v *view) press(id string) bool {
	if id == layout.MoreSliders {
		v.sliderPage = v.frame.Page + 1
	} else if n, ok := strings.CutPrefix(id, layout.OpenPrefix); ok {
		v.openFirst(n)
	} else {
		return false
	}
	v.laidOut = false
	return true
}

// openFirst puts n first among the panels opened by a click, the one the
// layout keeps open before the others (a panel, or the lesson's card).
func (v *view) openFirst(n string) {
	v.open = append([]string{n}, slices.DeleteFunc(v.open, func(o string) bool { return o == n })...)
}

// openNext opens the folded panel after the one opened last, in the
// panels' order, going round (key v), the lesson's card last where it is
// folded: a keyboard or a clicker reaches every panel the window has no
// room to show at once, and the card a panel folded.
func (v *view) openNext() {
	order := append(layout.PanelOrder(), layout.LessonPlace)
	folded := func(n string) bool {
		return slices.Contains(v.frame.Folded, n) || n == layout.LessonPlace && v.frame.LessonFolded
	}
	last := -1
	if len(v.open) > 0 {
		last = slices.Index(order, v.open[0])
	}
	for k := 1; k <= len(order); k++ {
		if n := order[(last+k+len(order))%len(order)]; folded(n) {
			v.press(layout.OpenPrefix + n)
			return
		}
	}
}

// panelsFor returns the panels' data, recomputed when the day changes, but
// while playing at most ten times a second, and while running to the end
// only once it is over: on a large study the estimates cost more than
// drawing them (94 ms at 20,000 hires in WebAssembly).
func (v *view) panelsFor(s *session.Session) session.Panels {
	stale := v.panelsStudy != s.Study || v.panelsDay != s.Study.Day()
	held := s.Finishing() || s.Playing && time.Since(v.panelsAt) < time.Second/10
	if stale && (v.panelsStudy != s.Study || !held) {
		v.panels, v.panelsStudy, v.panelsDay, v.panelsAt = s.Panels(), s.Study, s.Study.Day(), time.Now()
	}
	return v.panels
}

// frameKey is everything a frame's pixels depend on.
type frameKey struct {
	study            *study.Study
	day              int
	scenario         param.Scenario
	playing          bool
	speed            float64
	revealed, help   bool
	blank            bool
	step             int
	large            bool
	notice           string
	w, h             int
	cursorX, cursorY float64
	dragging         string
	editingSeed      bool
	seedText         string
	layouts          int
}

// withoutDay is the key with the day left out.
func (k frameKey) withoutDay() frameKey {
	k.day = 0
	return k
}

func (g *Game) frameKey() frameKey {
	v := &g.view
	return frameKey{g.s.Study, g.s.Study.Day(), g.s.Scenario, g.s.Playing, g.s.Speed, g.s.Revealed, v.help, v.blank,
		g.s.Step, g.s.Large, g.s.Notice, v.w, v.h, v.cursorX, v.cursorY, v.dragging, v.editingSeed, v.seedText, v.layouts}
}

func (g *Game) draw(screen *ebiten.Image) {
	if g.view.blank { // the teacher blanked the projector
		screen.Fill(color.Black)
		return
	}
	screen.Fill(background)
	if g.view.w < 200 || g.view.h < 150 {
		return
	}
	p := g.view.panelsFor(g.s)
	g.view.content = g.content(p)
	g.view.scene = g.view.pen.Lay(g.view.frame, g.view.widgets, g.view.content)
	g.drawBar(screen)
	panels := []struct {
		name, title string
		draw        func()
	}{
		{layout.PanelFloor, "The floor", func() { g.drawFloor(screen) }},
		{layout.PanelEffects, "Effects so far", func() { g.drawEffects(screen) }},
		{layout.PanelMoney, "", func() { g.drawMoney(screen, g.view.frame.Effects) }},
		{layout.PanelRevenue, "Revenue", func() { g.drawRevenue(screen, p) }},
		{layout.PanelRetention, "Retention", func() { g.drawRetention(screen, p) }},
		{layout.PanelAbility, "Hidden ability", func() { g.drawAbility(screen, p) }},
		{layout.PanelSelfAssessment, "", func() { g.drawSelfView(screen, g.view.frame.Ability, p.Self) }},
	}
	for _, pn := range panels {
		place := layout.PlaceOf(pn.name)
		switch {
		case slices.Contains(g.view.frame.Folded, place): // its strip is a button (drawControls)
		case g.s.Visible(pn.name):
			pn.draw()
		case pn.title != "" && !g.s.Visible(layout.ReplacedBy(pn.name)):
			g.drawHiddenPanel(screen, pn.name)
		}
	}
	g.drawControls(screen)
	g.drawProgress(screen)
	g.drawLocks(screen)
	g.drawLesson(screen)
	if g.s.Visible(layout.PanelFloor) && !g.view.frame.Strips[layout.PanelFloor] {
		g.drawTooltip(screen)
	}
	g.drawNotice(screen)
	if g.view.help {
		g.drawHelp(screen)
	}
}

// ConfirmFor is how long a confirmation shows in the notice bar (a
// failure stays until dismissed). It is wall-clock time: the desktop app
// updates once a frame, 60 to 144 times a second.
const ConfirmFor = 4 * time.Second

// notify puts a platform's message in the session's notice at time now;
// one that only confirms what was done (done) fades after ConfirmFor, so
// that it does not stay over the lesson's buttons.
func (v *view) notify(s *session.Session, msg string, done bool, now time.Time) {
	s.Notice, v.fading = msg, ""
	if done {
		v.fading, v.fadeAt = msg, now.Add(ConfirmFor)
	}
}

// fade takes a confirmation away once its time is up at now, unless
// another notice has replaced it.
func (v *view) fade(s *session.Session, now time.Time) {
	if v.fading != "" && !now.Before(v.fadeAt) {
		if s.Notice == v.fading {
			s.Notice = ""
		}
		v.fading = ""
	}
}

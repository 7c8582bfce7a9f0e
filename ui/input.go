package ui

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
)

// InputKind is what an input event is.
type InputKind int

// The kinds of input event.
const (
	KeyPress    InputKind = iota // a key went down (or auto-repeated)
	PointerDown                  // the mouse's main button, a finger or a pen went down
	PointerMove                  // the pointer moved
	PointerUp                    // the button, finger or pen came up
)

// InputEvent is one key press or pointer event.
type InputEvent struct {
	Kind   InputKind
	Key    string  // KeyPress: the key as KeyboardEvent.key names it (" " is space)
	Repeat bool    // KeyPress: an auto-repeat of a held key
	X, Y   float64 // pointer events: position, from the window's top-left corner
	Touch  bool    // pointer events: a finger or a pen, not a mouse
}

// InputQueue is a Platform that queues input events as they happen (the
// browser). The app then takes its keys and pointer from the queue alone,
// and a key pressed and released within one frame still acts once.
type InputQueue interface {
	// DrainInput appends the events since the last call, oldest first, to
	// dst. Positions are in CSS pixels (device pixels / device scale).
	DrainInput(dst []InputEvent) []InputEvent
}

// Intro is a Platform with an introduction to show (the page's About card).
type Intro interface{ ShowIntro() }

// inputState is what input handling keeps between frames.
type inputState struct {
	events    []InputEvent // this frame's, reused
	dragFrac  float64      // where along its track the dragged slider's knob is
	restarted *study.Study // a run a change restarted, until it plays or changes
}

// handleInput runs this frame's input events in the order they happened.
func (g *Game) handleInput() {
	in := &g.view.in
	if q, ok := g.platform.(InputQueue); ok {
		in.events = q.DrainInput(in.events[:0])
		for i := range in.events {
			in.events[i].X *= g.deviceScale
			in.events[i].Y *= g.deviceScale
		}
	} else {
		in.events = pollInput(in.events[:0], g.view.cursorX, g.view.cursorY)
	}
	for _, e := range in.events {
		g.input(e)
	}
}

func (g *Game) input(e InputEvent) {
	v := &g.view
	if e.Kind != KeyPress {
		v.cursorX, v.cursorY = e.X, e.Y
	}
	if e.Kind == KeyPress || e.Kind == PointerDown {
		v.touch = e.Touch
		if v.blank && !e.Repeat { // any key or tap ends a blank screen, and does nothing else
			v.blank = false
			return
		}
	}
	switch {
	case e.Kind == KeyPress && v.editingSeed:
		g.editSeed(e.Key)
	case e.Kind == KeyPress:
		if a, ok := layout.ActionFor(e.Key, g.s.Locked("step")); ok && (!e.Repeat || a.Repeat) {
			g.run(a)
		}
	case e.Kind == PointerDown && v.editingSeed:
		v.editingSeed = false
	case e.Kind == PointerDown:
		g.press()
	case v.dragging != "":
		g.drag(e.Kind == PointerUp)
	}
	if e.Touch && e.Kind == PointerUp { // a finger lifted hovers over nothing: no tooltip stays
		v.cursorX, v.cursorY = -1, -1
	}
}

// press handles the pointer going down: a click on a control.
func (g *Game) press() {
	v := &g.view
	if v.help {
		v.help = false
		return
	}
	if g.s.Notice != "" && v.cursorY > float64(v.h)-4*v.unit() {
		g.s.Notice = ""
		return
	}
	if r, _, ok := g.hintBox(); ok && r.Contains(v.cursorX, v.cursorY) { // read: it goes, and the buttons under it show
		v.in.restarted = nil
		return
	}
	w, ok := layout.Hit(v.widgets, v.cursorX, v.cursorY)
	if !ok && v.touch { // a fingertip is larger than a slider's track
		w, ok = layout.HitNear(v.widgets, v.cursorX, v.cursorY, layout.TouchHeight*v.unit())
	}
	if !ok || g.s.Locked(w.ID) {
		return
	}
	if w.Kind == layout.Slider {
		v.dragging = w.ID
		g.drag(false)
	} else if w.Kind == layout.PolicyChip {
		g.restarting(g.s.ChoosePolicy(w.ID))
	} else if i, ok := strings.CutPrefix(w.ID, layout.GuessPrefix); ok && w.Kind == layout.GuessChip {
		n, _ := strconv.Atoi(i)
		g.check(g.s.Guess(n))
	} else if v.press(w.ID) { // the layout's own: More, a folded panel's strip
	} else if a, ok := layout.ActionByID(w.ID); ok { // a button, a preset's chip, the seed
		g.run(a)
	}
}

// drag moves the dragged slider's knob to the pointer. The speed changes
// at once; a parameter is applied when the pointer comes up, since each
// change restarts the study.
func (g *Game) drag(released bool) {
	v := &g.view
	w, _ := widgetByID(v.widgets, v.dragging)
	f := min(1, max(0, (v.cursorX-w.Rect.X)/w.Rect.W))
	v.in.dragFrac = f
	if w.ID == "speed" {
		g.s.Speed = layout.SpeedValue(f)
	} else if spec, ok := param.Lookup(w.ID); ok && released {
		g.restarting(g.s.SetParam(w.ID, layout.SliderScale(spec).Value(f)))
	}
	if released {
		v.dragging = ""
	}
}

func widgetByID(ws []layout.Widget, id string) (layout.Widget, bool) {
	for _, w := range ws {
		if w.ID == id {
			return w, true
		}
	}
	return layout.Widget{}, false
}

// Dragging is the parameter whose slider is being dragged, if any, and
// the value its knob shows (applied when the pointer comes up). Call it
// only inside Do.
func (g *Game) Dragging() (name string, value float64) {
	v := &g.view
	if spec, ok := param.Lookup(v.dragging); ok {
		return v.dragging, layout.SliderScale(spec).Value(v.in.dragFrac)
	}
	return "", 0
}

// WidgetRects are where the controls the app offers are, in CSS pixels,
// by ID (for the page's tests). Call it only inside Do.
func (g *Game) WidgetRects() map[string]layout.Rect {
	m := map[string]layout.Rect{}
	for _, w := range g.view.widgets {
		if g.available(w.ID) {
			r := w.Rect
			m[w.ID] = layout.Rect{X: r.X / g.deviceScale, Y: r.Y / g.deviceScale, W: r.W / g.deviceScale, H: r.H / g.deviceScale}
		}
	}
	return m
}

// PanelRects are the panels drawn unfolded, by the lesson's names (the
// money and self-assessment panels in their places), with where they are
// in CSS pixels (for the page's tests). Call it only inside Do.
func (g *Game) PanelRects() map[string]layout.Rect {
	m := map[string]layout.Rect{}
	f := g.view.frame
	for _, n := range lesson.Panels {
		place := layout.PlaceOf(n)
		r := f.Panel(place)
		if !g.s.Visible(n) || f.Strips[place] || r.W <= 0 || r.H <= 0 {
			continue
		}
		m[n] = layout.Rect{X: r.X / g.deviceScale, Y: r.Y / g.deviceScale, W: r.W / g.deviceScale, H: r.H / g.deviceScale}
	}
	return m
}

// available reports whether the app offers the action here: About needs a
// platform with an introduction.
func (g *Game) available(id string) bool {
	_, intro := g.platform.(Intro)
	return id != "about" || intro
}

// run runs an action, unless the lesson's step locks it.
func (g *Game) run(a layout.Action) {
	s := g.s
	if a.Lock != "" && s.Locked(a.Lock) || !g.available(a.ID) {
		return
	}
	switch a.ID {
	case "play":
		if s.Study.Done() {
			g.check(s.Restart())
		}
		s.Playing = !s.Playing
	case "step":
		s.StepDay()
	case "end":
		s.StartRunToEnd()
	case "restart":
		g.check(s.Restart())
	case "newseed":
		g.restarting(s.SetSeed(rand.Uint64N(1_000_000)))
	case "reveal":
		s.Revealed = !s.Revealed
	case "link":
		msg, done := g.platform.CopyLink(s.Query())
		g.view.notify(s, msg, done, time.Now())
	case "export":
		if sum, reps, err := s.Files(); g.check(err) {
			msg, done := g.platform.Export(sum, reps)
			g.view.notify(s, msg, done, time.Now())
		}
	case "help":
		g.view.help = !g.view.help
	case "about":
		g.platform.(Intro).ShowIntro()
	case "faster":
		s.Speed = layout.SpeedValue(layout.SpeedFraction(s.Speed) + 0.1)
	case "slower":
		s.Speed = layout.SpeedValue(layout.SpeedFraction(s.Speed) - 0.1)
	case "seed":
		g.view.editingSeed, g.view.seedText = true, ""
	case "lesson_next":
		g.check(s.NextStep())
	case "lesson_back":
		g.check(s.PrevStep())
	case "lesson":
		g.check(s.ToggleLesson())
	case "large":
		s.Large = !s.Large
		g.check(nil)
	case "close":
		g.view.help = false
	case "blank":
		g.view.blank = true
	case "panel":
		g.view.openNext()
	case "more":
		if slices.Contains(g.view.frame.Folded, layout.PanelControls) { // a narrow window's tab: open it first
			g.view.press(layout.OpenPrefix + layout.PanelControls)
		} else if g.view.frame.More.W > 0 {
			g.view.press(layout.MoreSliders)
		}
	default:
		if slices.Contains(param.PresetNames(), a.ID) {
			g.restarting(s.SetPreset(a.ID))
		}
	}
}

// check shows an error as the notice and shares the (possibly changed) run.
func (g *Game) check(err error) bool {
	if err != nil {
		g.s.Notice = err.Error()
		return false
	}
	g.platform.Share(g.s.Query())
	return true
}

// restarting is check after a change that restarts the run (a slider, a
// preset, a seed): the app then says so and how to play it (Hint).
func (g *Game) restarting(err error) {
	if g.check(err) {
		g.view.in.restarted = g.s.Study
	}
}

// Hint is what the app says after a change restarted the run, while the
// new run waits at day 0; "" otherwise. Call it only inside Do.
func (g *Game) Hint() string {
	s := g.s
	if g.view.in.restarted != s.Study || s.Playing || s.Study.Day() != 0 {
		return ""
	}
	if name := s.Scenario.Preset; param.PresetIsContrast(name) {
		return fmt.Sprintf("The run restarted at day 0 under %s. %s Press Play (Space) to run it.", name, param.ContrastNote)
	}
	return "The run restarted at day 0 with the new setting. Press Play (Space) to run it."
}

// editSeed takes a key for a new seed: digits, Backspace; Enter applies,
// Escape cancels.
func (g *Game) editSeed(key string) {
	v := &g.view
	switch {
	case len(key) == 1 && key[0] >= '0' && key[0] <= '9' && len(v.seedText) < 20:
		v.seedText += key
	case key == "Backspace" && v.seedText != "":
		v.seedText = v.seedText[:len(v.seedText)-1]
	case key == "Escape":
		v.editingSeed = false
	case key == "Enter":
		v.editingSeed = false
		if v.seedText == "" {
			return
		}
		seed, err := param.ParseSeed(v.seedText)
		if g.check(err) {
			g.restarting(g.s.SetSeed(seed))
		}
	}
}

package ui

import (
	"math/rand/v2"
	"runtime"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"mentorsim/sim/param"
	"mentorsim/ui/layout"
)

// handleInput turns this frame's mouse and keyboard input into actions.
func (g *Game) handleInput() {
	v := &g.view
	x, y := ebiten.CursorPosition()
	v.cursorX, v.cursorY = float64(x), float64(y)
	if v.editingSeed {
		g.editSeed()
		return
	}
	g.mouse()
	g.keys()
}

func (g *Game) mouse() {
	v := &g.view
	if v.dragging != "" {
		g.drag(inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft))
		return
	}
	if !inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		return
	}
	if v.help {
		v.help = false
		return
	}
	if g.s.Notice != "" && v.cursorY > float64(v.h)-4*v.unit() {
		g.s.Notice = ""
		return
	}
	w, ok := layout.Hit(v.widgets, v.cursorX, v.cursorY)
	if !ok || g.s.Locked(w.ID) {
		return
	}
	switch w.Kind {
	case layout.Button:
		g.act(w.ID)
	case layout.Chip:
		g.check(g.s.SetPreset(w.ID))
	case layout.Slider:
		v.dragging = w.ID
		g.drag(false)
	case layout.Field:
		v.editingSeed, v.seedText = true, ""
	}
}

// drag moves the slider being dragged to the pointer. The speed changes at
// once; a parameter is applied when the button is released, since each
// change restarts the study.
func (g *Game) drag(released bool) {
	v := &g.view
	w, _ := widgetByID(v.widgets, v.dragging)
	f := (v.cursorX - w.Rect.X) / w.Rect.W
	if w.ID == "speed" {
		g.s.Speed = layout.SpeedValue(f)
	} else if spec, ok := param.Lookup(w.ID); ok && released {
		g.check(g.s.SetParam(w.ID, layout.SliderScale(spec).Value(f)))
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

// keys handles the shortcuts listed in the help overlay.
func (g *Game) keys() {
	switch {
	case inpututil.IsKeyJustPressed(ebiten.KeySpace):
		g.act("play")
	case inpututil.IsKeyJustPressed(ebiten.KeyArrowRight):
		g.act("step")
	case inpututil.IsKeyJustPressed(ebiten.KeyPageDown):
		g.act("lesson_next")
	case inpututil.IsKeyJustPressed(ebiten.KeyPageUp):
		g.act("lesson_back")
	case inpututil.IsKeyJustPressed(ebiten.KeyEscape):
		g.view.help = false
	}
	for _, r := range ebiten.AppendInputChars(nil) {
		g.char(r)
	}
}

func (g *Game) char(r rune) {
	for _, a := range layout.Actions {
		if a.Key == string(r) {
			g.act(a.ID)
			return
		}
	}
	switch {
	case r >= '1' && r <= '5':
		if name := param.PresetNames()[r-'1']; !g.s.Locked(name) {
			g.check(g.s.SetPreset(name))
		}
	case (r == '+' || r == '=') && !g.s.Locked("speed"):
		g.s.Speed = layout.SpeedValue(layout.SpeedFraction(g.s.Speed) + 0.1)
	case r == '-' && !g.s.Locked("speed"):
		g.s.Speed = layout.SpeedValue(layout.SpeedFraction(g.s.Speed) - 0.1)
	case r == 's' && !g.s.Locked("seed"):
		g.view.editingSeed, g.view.seedText = true, ""
	case r == ']':
		g.act("lesson_next")
	case r == '[':
		g.act("lesson_back")
	case r == 'l' || r == 'L':
		g.act("lesson")
	case r == 't' || r == 'T':
		g.act("large")
	}
}

// act runs a button's action, unless the lesson's step locks it.
func (g *Game) act(id string) {
	s := g.s
	if s.Locked(id) {
		return
	}
	switch id {
	case "play":
		if s.Study.Done() {
			g.check(s.Restart())
		}
		s.Playing = !s.Playing
	case "step":
		s.StepDay()
	case "end":
		s.RunToEnd(runtime.NumCPU())
	case "restart":
		g.check(s.Restart())
	case "newseed":
		g.check(s.SetSeed(rand.Uint64N(1_000_000)))
	case "reveal":
		s.Revealed = !s.Revealed
	case "link":
		s.Notice = g.platform.CopyLink(s.Query())
	case "export":
		sum, reps, err := s.Files()
		if g.check(err) {
			s.Notice = g.platform.Export(sum, reps)
		}
	case "help":
		g.view.help = !g.view.help
	case "lesson_next":
		g.check(s.NextStep(runtime.NumCPU()))
	case "lesson_back":
		g.check(s.PrevStep(runtime.NumCPU()))
	case "lesson":
		g.check(s.ToggleLesson(runtime.NumCPU()))
	case "large":
		s.Large = !s.Large
		g.check(nil)
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

// editSeed takes digits for a new seed: Enter applies, Escape cancels.
func (g *Game) editSeed() {
	v := &g.view
	for _, r := range ebiten.AppendInputChars(nil) {
		if r >= '0' && r <= '9' && len(v.seedText) < 20 {
			v.seedText += string(r)
		}
	}
	switch {
	case inpututil.IsKeyJustPressed(ebiten.KeyBackspace) && v.seedText != "":
		v.seedText = v.seedText[:len(v.seedText)-1]
	case inpututil.IsKeyJustPressed(ebiten.KeyEscape):
		v.editingSeed = false
	case inpututil.IsKeyJustPressed(ebiten.KeyEnter) || inpututil.IsKeyJustPressed(ebiten.KeyNumpadEnter):
		v.editingSeed = false
		if v.seedText == "" {
			return
		}
		seed, err := param.ParseSeed(v.seedText)
		if g.check(err) {
			g.check(g.s.SetSeed(seed))
		}
	case inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft):
		v.editingSeed = false
	}
}

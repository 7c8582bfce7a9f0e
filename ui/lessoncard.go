package ui

import (
	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/ui/layout"
)

// drawLesson draws the lesson's card along the bottom as the layout
// placed it: the step's title, its text, the question for the class
// (highlighted), the step counter and the Back and Next buttons; or,
// folded, its title as a tab and the buttons.
func (g *Game) drawLesson(dst *ebiten.Image) {
	v := &g.view
	l := v.scene.Lesson
	if l == nil {
		return
	}
	u := v.unit()
	r := v.frame.Lesson
	fill(dst, r, panel)
	stroke(dst, r, 0.12*u, accent)
	if l.QuestionBar.H > 0 {
		fill(dst, l.QuestionBar, accent)
	}
	for i, t := range l.Lines {
		c := ink
		if i >= l.Question {
			c = accent
		}
		v.sayText(dst, t, c)
	}
	for _, t := range l.Ask {
		v.sayText(dst, t, accent)
	}
	for _, t := range l.Result {
		v.sayText(dst, t, ink)
	}
	v.sayText(dst, l.Counter, ink)
	if l.Hint != nil {
		v.sayText(dst, *l.Hint, dim)
	}
	for _, w := range v.widgets {
		switch {
		case w.ID == "lesson_back":
			g.drawLessonButton(dst, w, l.Buttons[w.ID], g.s.Step > 1)
		case w.ID == "lesson_next":
			p, asks := g.s.Prediction()
			g.drawLessonButton(dst, w, l.Buttons[w.ID], g.s.Step < g.s.Steps() || asks && !p.Answered)
		case w.Kind == layout.GuessChip:
			g.drawLessonButton(dst, w, l.Buttons[w.ID], true)
		case w.ID == layout.OpenPrefix+layout.LessonPlace: // a folded card's title: a tap unfolds it
			g.drawButton(dst, w, w.Label, false)
		}
	}
}

func (g *Game) drawLessonButton(dst *ebiten.Image, w layout.Widget, label layout.Text, enabled bool) {
	u := g.view.unit()
	bg, fg := accent, background
	if !enabled {
		bg, fg = grid, dim
	} else if w.Rect.Contains(g.view.cursorX, g.view.cursorY) {
		bg = mix(accent, ink, 0.4)
	}
	fill(dst, w.Rect, bg)
	stroke(dst, w.Rect, 0.06*u, bg)
	g.view.sayText(dst, label, fg)
}

// drawHiddenPanel draws the strip of a panel the lesson's step hides.
func (g *Game) drawHiddenPanel(dst *ebiten.Image, name string) {
	v := &g.view
	r := v.frame.Panel(name)
	fill(dst, r, panel)
	if t, ok := v.scene.Strips[name]; ok {
		v.sayText(dst, t, dim)
	}
	if card, ok := v.scene.Messages[name]; ok {
		v.sayText(dst, card.Title, ink)
		for _, t := range v.scene.Lines[name] {
			v.sayText(dst, t, dim)
		}
	}
}

// drawLocks dims the controls the lesson's step locks.
func (g *Game) drawLocks(dst *ebiten.Image) {
	if !g.s.InLesson() {
		return
	}
	u := g.view.unit()
	shade := withAlpha(panel, 0xc0)
	for _, w := range g.view.widgets {
		if !g.s.Locked(w.ID) {
			continue
		}
		r := w.Rect
		switch {
		case w.Kind == layout.Slider && w.ID != "speed":
			r.Y, r.H = r.Y-1.2*u, r.H+1.2*u // the slider's name and value
		case w.ID == "seed":
			r.X, r.W = r.X-2.6*u, r.W+2.6*u // its label
		}
		fill(dst, r.Inset(-0.1*u), shade)
	}
}

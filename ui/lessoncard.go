package ui

import (
	"fmt"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
)

// drawLesson draws the lesson's card along the bottom: the step's title,
// its text, the question for the class (highlighted), the step counter and
// the Back and Next buttons.
func (g *Game) drawLesson(dst *ebiten.Image) {
	st, ok := g.s.CurrentStep()
	if !ok || g.view.frame.Lesson.W <= 0 {
		return
	}
	v := &g.view
	u := v.unit()
	r := v.frame.Lesson
	fill(dst, r, panel)
	stroke(dst, r, 0.12*u, accent)
	clip := dst.SubImage(r.Image()).(*ebiten.Image)
	v.lessonText(clip, st, r, true)

	right := r.X + r.W - 0.6*u
	say(clip, fmt.Sprintf("step %d of %d", g.s.Step, g.s.Steps()), v.fonts.lessonTitle, right, r.Y+0.5*u, text.AlignEnd, ink)
	hintY := r.Y + 0.6*u + 1.6*lineHeight(v.fonts.lessonTitle)
	for _, w := range v.widgets {
		if w.ID == "lesson_back" && hintY+1.2*u < w.Rect.Y {
			say(clip, "keys [ and ]", v.fonts.small, right, hintY, text.AlignEnd, dim)
		}
	}
	for _, w := range v.widgets {
		switch {
		case w.ID == "lesson_back":
			g.drawLessonButton(dst, w, g.s.Step > 1)
		case w.ID == "lesson_next":
			g.drawLessonButton(dst, w, g.s.Step < g.s.Steps())
		}
	}
}

func (g *Game) drawLessonButton(dst *ebiten.Image, w layout.Widget, enabled bool) {
	u := g.view.unit()
	bg, fg := accent, background
	if !enabled {
		bg, fg = grid, dim
	} else if w.Rect.Contains(g.view.cursorX, g.view.cursorY) {
		bg = mix(accent, ink, 0.4)
	}
	fill(dst, w.Rect, bg)
	stroke(dst, w.Rect, 0.06*u, bg)
	sayMiddle(dst, w.Label, g.view.fonts.lessonBold, w.Rect, w.Rect.X+w.Rect.W/2, center, fg)
}

// lessonText lays out (and, if draw, draws) the step's title, text and
// question in the card r, and returns the height they take.
func (v *view) lessonText(dst *ebiten.Image, st lesson.Step, r layout.Rect, draw bool) float64 {
	u := v.unit()
	textW := r.W - (layout.LessonButtonsWidth+2.2)*u
	x, y := r.X+0.8*u, r.Y+0.5*u
	if draw {
		say(dst, st.Title, v.fonts.lessonTitle, x, y, left, ink)
	}
	y += lineHeight(v.fonts.lessonTitle) * 1.35
	for _, l := range wrap(st.Text, v.fonts.lesson, textW) {
		if draw {
			say(dst, l, v.fonts.lesson, x, y, left, ink)
		}
		y += lineHeight(v.fonts.lesson) * 1.25
	}
	if st.Question != "" {
		y += 0.3 * u
		qLines := wrap("Question: "+st.Question, v.fonts.lessonBold, textW-0.6*u)
		qh := float64(len(qLines)) * lineHeight(v.fonts.lessonBold) * 1.25
		if draw {
			fill(dst, layout.Rect{X: x - 0.3*u, Y: y - 0.15*u, W: 0.25 * u, H: qh + 0.1*u}, accent)
		}
		for _, l := range qLines {
			if draw {
				say(dst, l, v.fonts.lessonBold, x+0.4*u, y, left, accent)
			}
			y += lineHeight(v.fonts.lessonBold) * 1.25
		}
	}
	return y - r.Y + 0.4*u
}

// lessonHeight is the height of the card the step's text needs in a
// window w device pixels wide (the card's margins included).
func (v *view) lessonHeight(st lesson.Step, w float64) float64 {
	u := v.unit()
	card := layout.Rect{W: w}.Inset(0.4 * u)
	card.W = w - 0.8*u
	return v.lessonText(nil, st, card, false) + 0.8*u
}

// drawHiddenPanel draws an empty card for a panel the lesson's step hides.
func (g *Game) drawHiddenPanel(dst *ebiten.Image, r layout.Rect, title string) {
	in := g.card(dst, r, title)
	sayMiddle(dst, "hidden in this step of the lesson", g.view.fonts.body, in, in.X+in.W/2, center, dim)
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

// wrap breaks s into lines no wider than maxW; a single word wider than
// that gets a line of its own. Newlines in s start new lines.
func wrap(s string, face text.Face, maxW float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		cur := ""
		for _, word := range strings.Fields(para) {
			next := word
			if cur != "" {
				next = cur + " " + word
			}
			if cur != "" && width(next, face) > maxW {
				lines = append(lines, cur)
				next = word
			}
			cur = next
		}
		lines = append(lines, cur)
	}
	return lines
}

func lineHeight(face text.Face) float64 {
	_, h := text.Measure("Ag", face, 0)
	return h
}

package ui

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/session"
)

// Small drawing helpers over vector and text, in device pixels.

func fill(dst *ebiten.Image, r layout.Rect, c color.Color) {
	vector.DrawFilledRect(dst, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), c, false)
}

func stroke(dst *ebiten.Image, r layout.Rect, width float64, c color.Color) {
	vector.StrokeRect(dst, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), float32(width), c, false)
}

func line(dst *ebiten.Image, x0, y0, x1, y1, width float64, c color.Color) {
	vector.StrokeLine(dst, float32(x0), float32(y0), float32(x1), float32(y1), float32(width), c, false)
}

// say draws s with its top at y, aligned at x.
func say(dst *ebiten.Image, s string, face *face, x, y float64, a align, c color.Color) {
	face.draw(dst, s, x, y, a, c)
}

// sayMiddle draws s vertically centred in r at x.
func sayMiddle(dst *ebiten.Image, s string, face *face, r layout.Rect, x float64, a align, c color.Color) {
	say(dst, s, face, x, r.Y+(r.H-face.height())/2, a, c)
}

func width(s string, face *face) float64 { return face.width(s) }

// sayText draws a text the layout placed.
func (v *view) sayText(dst *ebiten.Image, t layout.Text, c color.Color) {
	say(dst, t.S, v.fonts.faces[t.Face], t.Box.X, t.Box.Y, left, c)
}

// drawCard draws a panel's background and its title as the layout placed it.
func (v *view) drawCard(dst *ebiten.Image, r layout.Rect, c layout.Card) {
	fill(dst, r, panel)
	v.sayText(dst, c.Title, ink)
}

// content is everything the frame's panels say, for the layout to place.
func (g *Game) content(p session.Panels) layout.Content {
	v := &g.view
	st := g.s.Study
	c := layout.Content{Hidden: v.options.Hidden, Replaced: v.options.Replaced}
	c.Bar = layout.BarSpec{Labels: map[string]string{}, Seed: fmt.Sprint(g.s.Scenario.Seed), Speed: g.speedLabel(),
		Calendar: layout.Calendar(st.Day(), st.Days(), st.Day()/study.ClassInterval+1, st.ClassesHired(),
			(len(st.Reps)+int(st.Scenario.Params.ClassSize)-1)/int(st.Scenario.Params.ClassSize))}
	if g.s.Playing {
		c.Bar.Labels["play"] = "Pause"
	}
	if g.s.Finishing() {
		c.Bar.Labels["end"] = progressLabel(g.s.Progress())
	}
	if v.editingSeed {
		c.Bar.Seed = v.typedSeed()
	}
	c.Floor, c.FloorGrid = g.floorContent()
	c.Effects, v.effects = g.effectsContent(p)
	g.chartContent(p, &c)
	c.Controls = layout.ControlsSpec{Presets: layout.PresetsTitles(), Sliders: layout.SlidersTitles(), Captions: map[string]layout.SliderCaption{}}
	for _, w := range v.widgets {
		if spec, ok := param.Lookup(w.ID); ok && w.Kind == layout.Slider {
			val, _ := g.s.Scenario.Params.Get(w.ID)
			if name, dragged := g.Dragging(); name == w.ID { // the knob follows the pointer
				val = dragged
			}
			c.Controls.Captions[w.ID] = layout.SliderCaption{Names: []string{spec.Label, spec.Name},
				Values: []string{strings.TrimSpace(param.Format(val) + " " + spec.PlainUnit()), param.Format(val)}}
		}
	}
	c.Lesson = g.lessonSpec()
	return c
}

// lessonSpec is the lesson's card for the step showing (nil: none): its
// words, the prediction it asks for or the answer beside the guess, and
// the keys where there is a keyboard.
func (g *Game) lessonSpec() *layout.LessonSpec {
	st, ok := g.s.CurrentStep()
	if !ok {
		return nil
	}
	l := &layout.LessonSpec{Title: st.Title, Text: st.Text, Question: st.Question,
		Counter: fmt.Sprintf("step %d of %d", g.s.Step, g.s.Steps()), Hint: "keys [ and ]"}
	if g.view.touch {
		l.Hint = ""
	}
	if p, ok := g.s.Prediction(); ok {
		l.Ask, l.Result = p.Ask, p.Result()
		if !p.Answered {
			l.Choices, l.Next = p.Choices, "Answer ►"
		}
	}
	return l
}

// floorContent is the floor's title and its groups' labels, and its grid.
func (g *Game) floorContent() (layout.FloorSpec, layout.FloorGrid) {
	grid := g.floorGrid()
	spec := layout.FloorSpec{Titles: layout.FloorTitles(g.s.Revealed)}
	for gi := range grid.Groups {
		spec.Labels = append(spec.Labels, session.GroupLabel(g.s.Policy(), g.view.floorArms[gi]))
	}
	return spec, grid
}

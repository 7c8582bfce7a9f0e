package ui

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/sim/param"
	"mentorsim/ui/layout"
	"mentorsim/ui/session"
)

// effectsContent is the effects panel's rows: each headline estimate (the
// true effects where the step shows them), its labels and values longest
// first, and under a policy the note on why rows are absent.
func (g *Game) effectsContent(p session.Panels) (layout.EffectsSpec, []session.Effect) {
	var effects []session.Effect
	var rows []layout.EffectRow
	for _, e := range p.Effects {
		if e.Truth && !g.s.Visible("truth") {
			continue
		}
		est := e.Estimate
		target := math.NaN()
		if e.HasTarget {
			target = e.Target.Value
		}
		rows = append(rows, layout.EffectRow{Labels: layout.EffectLabel(e.Label), Values: effectValues(e),
			Estimate: est.Estimate, Lo: est.Lo, Hi: est.Hi, Target: target, Share: e.Share})
		effects = append(effects, e)
	}
	spec := layout.EffectsAxis(rows)
	if name := g.s.Scenario.Preset; param.PresetIsContrast(name) {
		spec.Titles = layout.ContrastTitles(name)
	}
	if p.EffectsNote != "" {
		spec.Note = []string{p.EffectsNote, "No experiment under a policy: the study's comparisons do not apply.", "No experiment under a policy."}
	}
	return spec, effects
}

// drawEffects is a forest plot: each headline estimate with its 95%
// interval as the data come in, the study's number as a yellow tick, and
// the true effects only a simulation knows. An estimate beyond the axis
// gets an arrow at its edge with its value.
func (g *Game) drawEffects(dst *ebiten.Image) {
	v := &g.view
	u := v.unit()
	e, s := v.scene.Effects, v.content.Effects
	if e == nil {
		return
	}
	v.drawCard(dst, v.frame.Effects, e.Card)
	for _, t := range e.Ticks {
		px := e.PX(s, t.V)
		c := grid
		if t.V == 0 {
			c = dim
		}
		line(dst, px, e.Plot.Y, px, e.Plot.Y+e.Plot.H, 0.06*u, c)
		v.sayText(dst, t.Label, dim)
	}
	if len(e.Ticks) == 0 { // no room for the ticks' labels: the zero line still
		px := e.PX(s, 0)
		line(dst, px, e.Plot.Y, px, e.Plot.Y+e.Plot.H, 0.06*u, dim)
	}
	for i, l := range e.Rows {
		g.drawEffect(dst, *e, s, l, v.effects[i])
	}
	if e.Note != nil {
		v.sayText(dst, *e.Note, dim)
	}
}

func (g *Game) drawEffect(dst *ebiten.Image, e layout.Effects, s layout.EffectsSpec, l layout.EffectLine, eff session.Effect) {
	v := &g.view
	u := v.unit()
	c := ink
	if eff.Truth {
		c = truthColor
	}
	v.sayText(dst, l.Label, c)
	v.sayText(dst, l.Value, c)
	mid := l.Row.Y + l.Row.H/2
	if eff.Share {
		g.drawShare(dst, e.Plot, mid, eff)
		return
	}
	if eff.HasTarget {
		x := e.PX(s, eff.Target.Value)
		fill(dst, layout.Rect{X: x - 0.15*u, Y: mid - 0.45*u, W: 0.3 * u, H: 0.9 * u}, accent)
	}
	est := eff.Estimate
	if math.IsNaN(est.Estimate) {
		return
	}
	if !math.IsNaN(est.Lo) {
		line(dst, e.PX(s, est.Lo), mid, e.PX(s, est.Hi), mid, 0.15*u, c)
	}
	if l.Beyond != nil { // the value and an arrow at the axis's edge
		fill(dst, l.Beyond.Box.Inset(-0.1*u), panel)
		v.sayText(dst, *l.Beyond, c)
		return
	}
	x := e.PX(s, est.Estimate)
	fill(dst, layout.Rect{X: x - 0.3*u, Y: mid - 0.3*u, W: 0.6 * u, H: 0.6 * u}, c)
}

// effectValues are a row's number as text, with and without its interval.
func effectValues(e session.Effect) []string {
	short := e
	short.Estimate.Lo = math.NaN()
	if !e.HasTarget || math.IsNaN(e.Estimate.Estimate) {
		return []string{effectValue(e), effectValue(short)}
	}
	study := "study " + layout.Percent(e.Target.Value, e.Share) // the yellow mark's number
	return []string{effectValue(e) + " · " + study, effectValue(e), effectValue(short) + " · " + study, effectValue(short)}
}

// effectValue is a row's number as text: a share as a share ("50%
// [45–56%]"), a lift as a lift ("+19% [+12, +29]").
func effectValue(e session.Effect) string {
	est := e.Estimate
	switch {
	case math.IsNaN(est.Estimate):
		return "no data yet"
	case e.Share && math.IsNaN(est.Lo):
		return fmt.Sprintf("%.0f%%", 100*est.Estimate)
	case e.Share:
		return fmt.Sprintf("%.0f%% [%.0f–%.0f%%]", 100*est.Estimate, 100*est.Lo, 100*est.Hi)
	case e.Truth || math.IsNaN(est.Lo):
		return fmt.Sprintf("%+.0f%%", 100*est.Estimate)
	}
	return fmt.Sprintf("%+.0f%% [%+.0f, %+.0f]", 100*est.Estimate, 100*est.Lo, 100*est.Hi)
}

// drawShare draws a share on its own 0–100% bar across the plot, not on
// the lifts' axis: filled to the share, the study's number as a tick.
func (g *Game) drawShare(dst *ebiten.Image, plot layout.Rect, mid float64, e session.Effect) {
	u := g.view.unit()
	track := layout.Rect{X: plot.X, Y: mid - 0.25*u, W: plot.W, H: 0.5 * u}
	fill(dst, track, grid)
	if x := e.Estimate.Estimate; !math.IsNaN(x) {
		fill(dst, layout.Rect{X: track.X, Y: track.Y, W: clamp(x, 0, 1) * track.W, H: track.H}, ink)
	}
	if e.HasTarget {
		x := track.X + clamp(e.Target.Value, 0, 1)*track.W
		fill(dst, layout.Rect{X: x - 0.15*u, Y: mid - 0.45*u, W: 0.3 * u, H: 0.9 * u}, accent)
	}
}

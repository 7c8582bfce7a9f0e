package ui

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/ui/layout"
	"mentorsim/ui/session"
)

// drawEffects is a forest plot: each headline estimate with its 95%
// interval as the data come in, the study's number as a yellow tick, and
// the true effects only a simulation knows.
func (g *Game) drawEffects(dst *ebiten.Image, p session.Panels) {
	v := &g.view
	u := v.unit()
	in := g.card(dst, v.frame.Effects, "Effects so far: estimates with 95% intervals; yellow = the study's number; pink = true effects")
	labelW := math.Min(0.45*in.W, 22*u)
	valueW := 9 * u
	plot := layout.Rect{X: in.X + labelW + valueW, Y: in.Y, W: in.W - labelW - valueW - 0.4*u, H: in.H - 1.4*u}
	a := axes{plot: plot, x0: -0.4, x1: 0.8, y0: 0, y1: 1}
	for _, x := range ticks(-0.4, 0.8, 0.2) {
		px, _ := a.px(x, 0)
		c := grid
		if x == 0 {
			c = dim
		}
		line(dst, px, plot.Y, px, plot.Y+plot.H, 0.06*u, c)
		say(dst, fmt.Sprintf("%+.0f%%", 100*x), v.fonts.small, px, plot.Y+plot.H+0.2*u, center, dim)
	}
	effects := p.Effects
	if !g.s.Visible("truth") {
		effects = nil
		for _, e := range p.Effects {
			if !e.Truth {
				effects = append(effects, e)
			}
		}
	}
	rows := len(effects)
	if p.EffectsNote != "" {
		rows++ // under a policy: why the study's comparisons are not here
	}
	rowH := plot.H / float64(rows)
	for i, e := range effects {
		row := layout.Rect{X: in.X, Y: plot.Y + float64(i)*rowH, W: in.W, H: rowH}
		g.drawEffect(dst, a, row, labelW, e)
	}
	if p.EffectsNote != "" {
		row := layout.Rect{X: in.X, Y: plot.Y + float64(len(effects))*rowH, W: in.W, H: rowH}
		note := fitText(v.fonts.small, in.W, p.EffectsNote, "No experiment under a policy: the study's comparisons do not apply.", "No experiment under a policy.")
		sayMiddle(dst, note, v.fonts.small, row, row.X, left, dim)
	}
}

func (g *Game) drawEffect(dst *ebiten.Image, a axes, row layout.Rect, labelW float64, e session.Effect) {
	v := &g.view
	u := v.unit()
	c := ink
	if e.Truth {
		c = truthColor
	}
	sayMiddle(dst, e.Label, v.fonts.small, row, row.X, left, c)
	mid := row.Y + row.H/2
	est := e.Estimate
	sayMiddle(dst, effectValue(e), v.fonts.small, row, row.X+labelW, left, c)
	if e.Share {
		g.drawShare(dst, a.plot, mid, e)
		return
	}
	if e.HasTarget {
		x, _ := a.px(clamp(e.Target.Value, a.x0, a.x1), 0)
		fill(dst, layout.Rect{X: x - 0.15*u, Y: mid - 0.45*u, W: 0.3 * u, H: 0.9 * u}, accent)
	}
	if math.IsNaN(est.Estimate) {
		return
	}
	if !math.IsNaN(est.Lo) {
		x0, _ := a.px(clamp(est.Lo, a.x0, a.x1), 0)
		x1, _ := a.px(clamp(est.Hi, a.x0, a.x1), 0)
		line(dst, x0, mid, x1, mid, 0.15*u, c)
	}
	x, _ := a.px(clamp(est.Estimate, a.x0, a.x1), 0)
	fill(dst, layout.Rect{X: x - 0.3*u, Y: mid - 0.3*u, W: 0.6 * u, H: 0.6 * u}, c)
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

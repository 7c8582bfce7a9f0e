package ui

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/ui/layout"
	"mentorsim/ui/session"
)

var effectLabels = map[string]string{
	"mandatory.revenue_lift_2m":            "Mandatory: revenue, mentored vs not (2 months)",
	"mandatory.retention_lift_1m":          "Mandatory: still employed at 1 month",
	"voluntary.optin_rate":                 "Voluntary: share who ask for a mentor",
	"voluntary.revenue_lift_2m":            "Voluntary: revenue, mentored vs denied opt-ins",
	"voluntary.retention_lift_1m":          "Voluntary: still employed at 1 month",
	"voluntary.optin_vs_optout_revenue_2m": "Voluntary: revenue, opt-ins vs opt-outs",
	"truth.ate":                            "True effect of a mentor: everyone",
	"truth.att_optin":                      "True effect of a mentor: opt-ins",
	"truth.atu_optout":                     "True effect of a mentor: opt-outs",
}

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
	rowH := plot.H / float64(len(effects))
	for i, e := range effects {
		row := layout.Rect{X: in.X, Y: plot.Y + float64(i)*rowH, W: in.W, H: rowH}
		g.drawEffect(dst, a, row, labelW, e)
	}
}

func (g *Game) drawEffect(dst *ebiten.Image, a axes, row layout.Rect, labelW float64, e session.Effect) {
	v := &g.view
	u := v.unit()
	c := ink
	if e.Truth {
		c = truthColor
	}
	sayMiddle(dst, effectLabels[e.ID], v.fonts.small, row, row.X, left, c)
	mid := row.Y + row.H/2
	est := e.Estimate
	value := "no data yet"
	if g.s.Scenario.Params.Policy != 0 {
		value = "n/a under a policy" // no experiment, no comparison groups
	}
	if !math.IsNaN(est.Estimate) {
		value = fmt.Sprintf("%+.0f%%", 100*est.Estimate)
		if !e.Truth && !math.IsNaN(est.Lo) {
			value += fmt.Sprintf(" [%+.0f, %+.0f]", 100*est.Lo, 100*est.Hi)
		}
	}
	sayMiddle(dst, value, v.fonts.small, row, row.X+labelW, left, c)
	if !e.Truth {
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

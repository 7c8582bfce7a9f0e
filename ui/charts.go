package ui

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/sim/model"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/session"
)

// axes maps data coordinates to a plot area.
type axes struct {
	plot           layout.Rect
	x0, x1, y0, y1 float64
}

func (a axes) px(x, y float64) (float64, float64) {
	return a.plot.X + (x-a.x0)/(a.x1-a.x0)*a.plot.W, a.plot.Y + a.plot.H - (y-a.y0)/(a.y1-a.y0)*a.plot.H
}

// drawChart draws a chart's card, grid, ticks, labels and legend as the
// layout placed them, and returns its axes for the data.
func (g *Game) drawChart(dst *ebiten.Image, name string) axes {
	v := &g.view
	u := v.unit()
	c, s := v.scene.Charts[name], v.content.Charts[name]
	v.drawCard(dst, v.frame.Panel(name), c.Card)
	a := axes{plot: c.Plot, x0: s.X0, x1: s.X1, y0: s.Y0, y1: s.Y1}
	for _, t := range c.YTicks {
		_, py := a.px(a.x0, t.V)
		line(dst, a.plot.X, py, a.plot.X+a.plot.W, py, 0.05*u, grid)
		v.sayText(dst, t.Label, dim)
	}
	for _, t := range c.XTicks {
		px, _ := a.px(t.V, a.y0)
		line(dst, px, a.plot.Y+a.plot.H, px, a.plot.Y+a.plot.H+0.3*u, 0.08*u, dim)
		v.sayText(dst, t.Label, dim)
	}
	line(dst, a.plot.X, a.plot.Y+a.plot.H, a.plot.X+a.plot.W, a.plot.Y+a.plot.H, 0.08*u, dim)
	line(dst, a.plot.X, a.plot.Y, a.plot.X, a.plot.Y+a.plot.H, 0.08*u, dim)
	if c.XLabel != nil {
		v.sayText(dst, *c.XLabel, dim)
	}
	return a
}

// drawLegend draws a chart's key over its curves.
func (g *Game) drawLegend(dst *ebiten.Image, name string, colors []color.RGBA) {
	v := &g.view
	l := v.scene.Charts[name].Legend
	if l.Back.W > 0 {
		fill(dst, l.Back, withAlpha(panel, 0xd0))
	}
	for i, t := range l.Labels {
		fill(dst, l.Swatches[i], colors[i])
		v.sayText(dst, t, ink)
	}
}

// drawSeries adds a curve with its 95% band to sh; NaN points are gaps.
func drawSeries(sh *shapes, a axes, s session.Series, c color.RGBA, u float64) {
	band := withAlpha(c, 0x40)
	for t := range s.Y {
		if math.IsNaN(s.Lo[t]) || math.IsNaN(s.Hi[t]) {
			continue
		}
		x0, lo := a.px(float64(t), clamp(s.Lo[t], a.y0, a.y1))
		x1, hi := a.px(float64(t+1), clamp(s.Hi[t], a.y0, a.y1))
		sh.rect(layout.Rect{X: x0, Y: hi, W: x1 - x0, H: lo - hi}, band)
	}
	for t := 1; t < len(s.Y); t++ {
		if math.IsNaN(s.Y[t-1]) || math.IsNaN(s.Y[t]) {
			continue
		}
		x0, y0 := a.px(float64(t-1), clamp(s.Y[t-1], a.y0, a.y1))
		x1, y1 := a.px(float64(t), clamp(s.Y[t], a.y0, a.y1))
		sh.line(x0, y0, x1, y1, 0.14*u, c)
	}
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// armLegend names the groups the charts draw (the lesson step's, else
// all), longest first: the study's arms, or under a policy what each
// non-empty group is under it; and their colours.
func (g *Game) armLegend() ([][]string, []color.RGBA) {
	pol := g.s.Policy()
	var labels [][]string
	var colors []color.RGBA
	for _, a := range g.s.ChartArms() {
		l := layout.ArmLegend()[a]
		if pol != study.Experiment {
			if l = []string{session.GroupLabel(pol, a)}; l[0] == "" {
				continue
			}
		}
		labels, colors = append(labels, l), append(colors, armColors[a])
	}
	return labels, colors
}

// chartContent is what the charts show: their scales and legends from the
// panels' data (the ability chart a message until Reveal).
func (g *Game) chartContent(p session.Panels, c *layout.Content) {
	legend, _ := g.armLegend()
	top := 0.0
	for _, a := range g.s.ChartArms() {
		for _, y := range p.Revenue[a].Y {
			if !math.IsNaN(y) {
				top = math.Max(top, y)
			}
		}
	}
	rev := layout.RevenueChart(float64(len(p.Revenue[0].Y)), top)
	ret := layout.RetentionChart(float64(len(p.Retention[0].Y) - 1))
	rev.Legend, ret.Legend = legend, legend
	c.Charts = map[string]layout.ChartSpec{layout.PanelRevenue: rev, layout.PanelRetention: ret}
	c.Messages = map[string][]string{}
	h := p.Ability
	titles, legend, _ := g.abilityGroups(h)
	if !g.s.Revealed {
		c.Charts[layout.PanelAbility] = layout.ChartSpec{Titles: titles}
		c.Messages[layout.PanelAbility] = layout.AbilityHidden()
		if g.s.AwaitsGuess() {
			c.Messages[layout.PanelAbility] = layout.AbilityAfterGuess()
		}
		return
	}
	n := len(h.OptIn)
	top = 0.6
	for i := range n {
		top = math.Max(top, math.Max(density(h.OptIn, h.NOptIn, i, h.Width), density(h.OptOut, h.NOptOut, i, h.Width))*1.1)
	}
	c.Charts[layout.PanelAbility] = layout.AbilityChart(h.Min, h.Min+float64(n)*h.Width, top, titles, legend)
}

// abilityGroups are the ability chart's titles, legend and the legend's
// colours: the voluntary branch's opt-ins and opt-outs under the
// experiment; under a policy, the groups it makes of all hires, named as on
// the floor (a group the policy leaves empty is left out).
func (g *Game) abilityGroups(h session.Histogram) ([]string, [][]string, []color.RGBA) {
	pol := g.s.Policy()
	if pol == study.Experiment {
		return layout.AbilityTitles(), layout.AbilityLegend(h.NOptIn, h.NOptOut), []color.RGBA{armColors[h.Arms[0]], armColors[h.Arms[1]]}
	}
	var legend [][]string
	var colors []color.RGBA
	for k, n := range []int{h.NOptIn, h.NOptOut} {
		if l := session.GroupLabel(pol, h.Arms[k]); l != "" {
			legend = append(legend, []string{fmt.Sprintf("%s (%d)", l, n), l})
			colors = append(colors, armColors[h.Arms[k]])
		}
	}
	return layout.AbilityTitlesAll(), legend, colors
}

// density is bin i's share of total per unit of ability.
func density(c []int, total, i int, width float64) float64 {
	if total == 0 {
		return 0
	}
	return float64(c[i]) / float64(total) / width
}

func (g *Game) drawRevenue(dst *ebiten.Image, p session.Panels) {
	_, colors := g.armLegend()
	a := g.drawChart(dst, layout.PanelRevenue)
	sh := g.view.shapes.on(dst)
	for _, arm := range g.s.ChartArms() {
		drawSeries(sh, a, p.Revenue[arm], armColors[arm], g.view.unit())
	}
	sh.flush()
	g.drawLegend(dst, layout.PanelRevenue, colors)
}

func (g *Game) drawRetention(dst *ebiten.Image, p session.Panels) {
	_, colors := g.armLegend()
	a := g.drawChart(dst, layout.PanelRetention)
	u := g.view.unit()
	for _, m := range []int{model.Month1, model.Month3} {
		x, _ := a.px(float64(m), 0)
		line(dst, x, a.plot.Y, x, a.plot.Y+a.plot.H, 0.06*u, accent)
	}
	sh := g.view.shapes.on(dst)
	for _, arm := range g.s.ChartArms() {
		drawSeries(sh, a, p.Retention[arm], armColors[arm], u)
	}
	sh.flush()
	g.drawLegend(dst, layout.PanelRetention, colors)
}

func (g *Game) drawAbility(dst *ebiten.Image, p session.Panels) {
	v := &g.view
	if card, ok := v.scene.Messages[layout.PanelAbility]; ok {
		v.drawCard(dst, v.frame.Ability, card)
		for _, t := range v.scene.Lines[layout.PanelAbility] {
			v.sayText(dst, t, dim)
		}
		return
	}
	h := p.Ability
	u := v.unit()
	a := g.drawChart(dst, layout.PanelAbility)
	for i := range len(h.OptIn) {
		x0, _ := a.px(h.Min+float64(i)*h.Width, 0)
		x1, _ := a.px(h.Min+float64(i+1)*h.Width, 0)
		for k, d := range []float64{density(h.OptOut, h.NOptOut, i, h.Width), density(h.OptIn, h.NOptIn, i, h.Width)} {
			_, y := a.px(0, clamp(d, 0, a.y1))
			fill(dst, layout.Rect{X: x0 + 0.05*u, Y: y, W: x1 - x0 - 0.1*u, H: a.plot.Y + a.plot.H - y}, withAlpha(armColors[h.Arms[1-k]], 0x90))
		}
	}
	_, _, colors := g.abilityGroups(h)
	g.drawLegend(dst, layout.PanelAbility, colors)
}

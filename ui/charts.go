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

// drawAxes draws a chart's frame, ticks and labels and returns its axes.
func (g *Game) drawAxes(dst *ebiten.Image, r layout.Rect, title, xLabel string, a axes, xTicks, yTicks []float64, yFormat func(float64) string) axes {
	v := &g.view
	u := v.unit()
	in := g.card(dst, r, title)
	a.plot = layout.Rect{X: in.X + 3.2*u, Y: in.Y + 0.4*u, W: in.W - 3.4*u, H: in.H - 2.6*u}
	for _, y := range yTicks {
		_, py := a.px(a.x0, y)
		line(dst, a.plot.X, py, a.plot.X+a.plot.W, py, 0.05*u, grid)
		say(dst, yFormat(y), v.fonts.small, a.plot.X-0.3*u, py-0.55*u, right, dim)
	}
	for _, x := range xTicks {
		px, _ := a.px(x, a.y0)
		line(dst, px, a.plot.Y+a.plot.H, px, a.plot.Y+a.plot.H+0.3*u, 0.08*u, dim)
		say(dst, fmt.Sprint(x), v.fonts.small, px, a.plot.Y+a.plot.H+0.35*u, center, dim)
	}
	line(dst, a.plot.X, a.plot.Y+a.plot.H, a.plot.X+a.plot.W, a.plot.Y+a.plot.H, 0.08*u, dim)
	line(dst, a.plot.X, a.plot.Y, a.plot.X, a.plot.Y+a.plot.H, 0.08*u, dim)
	say(dst, xLabel, v.fonts.small, a.plot.X+a.plot.W/2, a.plot.Y+a.plot.H+1.3*u, center, dim)
	return a
}

// drawSeries draws a curve with its 95% band; NaN points are gaps.
func drawSeries(dst *ebiten.Image, a axes, s session.Series, c color.RGBA, u float64) {
	band := withAlpha(c, 0x40)
	for t := range s.Y {
		if math.IsNaN(s.Lo[t]) || math.IsNaN(s.Hi[t]) {
			continue
		}
		x0, lo := a.px(float64(t), clamp(s.Lo[t], a.y0, a.y1))
		x1, hi := a.px(float64(t+1), clamp(s.Hi[t], a.y0, a.y1))
		fill(dst, layout.Rect{X: x0, Y: hi, W: x1 - x0, H: lo - hi}, band)
	}
	for t := 1; t < len(s.Y); t++ {
		if math.IsNaN(s.Y[t-1]) || math.IsNaN(s.Y[t]) {
			continue
		}
		x0, y0 := a.px(float64(t-1), clamp(s.Y[t-1], a.y0, a.y1))
		x1, y1 := a.px(float64(t), clamp(s.Y[t], a.y0, a.y1))
		line(dst, x0, y0, x1, y1, 0.14*u, c)
	}
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// drawLegend lists colours in a corner of the plot: top right, or bottom
// right where the curves stay high (retention).
func (g *Game) drawLegend(dst *ebiten.Image, a axes, labels []string, colors []color.RGBA, bottom bool) {
	v := &g.view
	u := v.unit()
	wmax := 0.0
	for _, l := range labels {
		wmax = max(wmax, width(l, v.fonts.small))
	}
	x, y := a.plot.X+a.plot.W-wmax-1.4*u, a.plot.Y+0.2*u
	if bottom {
		y = a.plot.Y + a.plot.H - float64(len(labels))*1.05*u - 0.3*u
	}
	fill(dst, layout.Rect{X: x - 0.3*u, Y: y - 0.1*u, W: wmax + 1.6*u, H: float64(len(labels))*1.05*u + 0.2*u}, withAlpha(panel, 0xd0))
	for i, l := range labels {
		fill(dst, layout.Rect{X: x, Y: y + 0.25*u, W: 0.7 * u, H: 0.5 * u}, colors[i])
		say(dst, l, v.fonts.small, x+u, y, left, ink)
		y += 1.05 * u
	}
}

var shortArm = [study.NumArms]string{"mandatory, mentored", "mandatory, control", "opt-in, mentored", "opt-in, denied", "opted out"}

// armLegend names the groups the charts show: the study's arms, or under a
// policy what each non-empty group is under it.
func (g *Game) armLegend() ([]string, []color.RGBA) {
	pol := g.s.Policy()
	if pol == study.Experiment {
		return shortArm[:], armColors[:]
	}
	var labels []string
	var colors []color.RGBA
	for a := range study.NumArms {
		if l := session.GroupLabel(pol, a); l != "" {
			labels, colors = append(labels, l), append(colors, armColors[a])
		}
	}
	return labels, colors
}

func (g *Game) drawRevenue(dst *ebiten.Image, p session.Panels) {
	top := 0.0
	for _, s := range p.Revenue {
		for _, y := range s.Y {
			if !math.IsNaN(y) {
				top = math.Max(top, y)
			}
		}
	}
	step := niceStep(top*1.15, 4)
	top = math.Max(step, math.Ceil(top*1.15/step)*step)
	horizon := float64(len(p.Revenue[0].Y))
	a := g.drawAxes(dst, g.view.frame.Revenue, "Revenue per rep per day at work, by group", "tenure (workdays), weekly means with 95% bands",
		axes{x0: 0, x1: horizon, y0: 0, y1: top}, ticks(0, horizon, 21), ticks(0, top, step), func(y float64) string { return fmt.Sprintf("$%.0f", y) })
	for i, s := range p.Revenue {
		drawSeries(dst, a, s, armColors[i], g.view.unit())
	}
	labels, colors := g.armLegend()
	g.drawLegend(dst, a, labels, colors, false)
}

func (g *Game) drawRetention(dst *ebiten.Image, p session.Panels) {
	horizon := float64(len(p.Retention[0].Y) - 1)
	a := g.drawAxes(dst, g.view.frame.Retention, "Share still employed, by group", "tenure (workdays); lines at 1 and 3 months",
		axes{x0: 0, x1: horizon, y0: 0, y1: 1}, ticks(0, horizon, 21), ticks(0, 1, 0.25), func(y float64) string { return fmt.Sprintf("%.0f%%", 100*y) })
	u := g.view.unit()
	for _, m := range []int{model.Month1, model.Month3} {
		x, _ := a.px(float64(m), 0)
		line(dst, x, a.plot.Y, x, a.plot.Y+a.plot.H, 0.06*u, accent)
	}
	for i, s := range p.Retention {
		drawSeries(dst, a, s, armColors[i], u)
	}
	labels, colors := g.armLegend()
	g.drawLegend(dst, a, labels, colors, true)
}

func (g *Game) drawAbility(dst *ebiten.Image, p session.Panels) {
	if !g.s.Revealed {
		in := g.card(dst, g.view.frame.Ability, "Hidden ability, voluntary branch")
		sayMiddle(dst, "hidden, as in any firm: press Reveal ability (a)", g.view.fonts.body, in, in.X+in.W/2, center, dim)
		return
	}
	h := p.Ability
	u := g.view.unit()
	n := len(h.OptIn)
	dens := func(c []int, total int, i int) float64 {
		if total == 0 {
			return 0
		}
		return float64(c[i]) / float64(total) / h.Width
	}
	top := 0.6
	for i := range n {
		top = math.Max(top, math.Max(dens(h.OptIn, h.NOptIn, i), dens(h.OptOut, h.NOptOut, i))*1.1)
	}
	step := niceStep(top, 4)
	a := g.drawAxes(dst, g.view.frame.Ability, "Hidden ability, voluntary branch", "ability (sd); density of opt-ins and opt-outs",
		axes{x0: h.Min, x1: h.Min + float64(n)*h.Width, y0: 0, y1: top}, ticks(h.Min, h.Min+float64(n)*h.Width, 1), ticks(0, top, step),
		func(y float64) string { return fmt.Sprintf("%.1f", y) })
	for i := range n {
		x0, _ := a.px(h.Min+float64(i)*h.Width, 0)
		x1, _ := a.px(h.Min+float64(i+1)*h.Width, 0)
		for k, d := range []float64{dens(h.OptOut, h.NOptOut, i), dens(h.OptIn, h.NOptIn, i)} {
			_, y := a.px(0, clamp(d, 0, top))
			c := []color.RGBA{armColors[study.Optout], armColors[study.OptinMentored]}[k]
			fill(dst, layout.Rect{X: x0 + 0.05*u, Y: y, W: x1 - x0 - 0.1*u, H: a.plot.Y + a.plot.H - y}, withAlpha(c, 0x90))
		}
	}
	g.drawLegend(dst, a, []string{fmt.Sprintf("opted in (%d)", h.NOptIn), fmt.Sprintf("opted out (%d)", h.NOptOut)},
		[]color.RGBA{armColors[study.OptinMentored], armColors[study.Optout]}, false)
}

// ticks lists multiples of step from lo to hi.
func ticks(lo, hi, step float64) []float64 {
	var ts []float64
	for t := math.Ceil(lo/step) * step; t <= hi+1e-9; t += step {
		ts = append(ts, t)
	}
	return ts
}

// niceStep is a 1, 2 or 5 times a power of ten giving about n intervals.
func niceStep(span float64, n int) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

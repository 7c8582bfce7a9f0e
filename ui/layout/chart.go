package layout

import "math"

// Pen measures and places text at one scale: U is the layout's unit in
// device pixels.
type Pen struct {
	Metrics
	U float64
}

// Card is a panel's title and the area left inside it for its contents.
type Card struct {
	Title Text
	Inner Rect
}

// CardIn places a panel's title, the first of titles (longest first) that
// fits its width, and returns the area below it.
func (p Pen) CardIn(r Rect, titles ...string) Card {
	u := p.U
	s := Fit(p, Heading, r.W-1.2*u, titles...)
	return Card{
		Title: Place(p, s, Heading, r.X+0.6*u, r.Y+0.4*u, Left),
		Inner: Rect{r.X + 0.6*u, r.Y + 1.6*u, math.Max(0, r.W-1.2*u), math.Max(0, r.H-2.0*u)},
	}
}

// Message is a line centred in r, the first of alts that fits.
func (p Pen) Message(r Rect, f Face, alts ...string) []Text {
	s := Fit(p, f, r.W, alts...)
	if s == "" || p.Height(f) > r.H {
		return nil
	}
	return []Text{Middle(p, s, f, r, r.X+r.W/2, Center)}
}

// ChartSpec is what a chart shows, in data units; the layout chooses how
// many ticks, which title and which legend labels fit.
type ChartSpec struct {
	Titles  []string // longest first
	XLabels []string // the x axis's caption, longest first; dropped if short of room
	X0, X1  float64
	Y0, Y1  float64
	XStep   float64 // the finest tick steps; coarser ones are multiples
	YStep   float64
	XFormat func(float64) string
	YFormat func(float64) string
	// Legend has one entry per series, each its labels longest first.
	Legend [][]string
	// LegendLow puts the legend at the bottom right of the plot (where
	// curves that stay high leave room), else at the top right.
	LegendLow bool
	// XBelow says the chart just below shows the same x axis, its plot
	// aligned with this one's: where room is short this one leaves its x
	// ticks to it and keeps its legend.
	XBelow bool
	// YLabelW is the least width of the y labels' column, so that two
	// charts sharing an x axis have their plots aligned (0: their own).
	YLabelW float64
}

// Tick is a tick's value and its label.
type Tick struct {
	V     float64
	Label Text
}

// Chart is a chart's layout: its card, the plot area, the ticks and labels
// that fit, and the legend.
type Chart struct {
	Card
	Plot           Rect
	XTicks, YTicks []Tick
	XLabel         *Text
	Legend         Legend
	XLeft          bool // its x ticks are left to the chart below (ChartSpec.XBelow)
}

// Legend is a chart's key: a background, and a swatch and label per
// entry.
type Legend struct {
	Back     Rect
	Swatches []Rect
	Labels   []Text
}

// Texts lists every text of the chart.
func (c Chart) Texts() []Text {
	ts := []Text{c.Title}
	for _, t := range append(append([]Tick{}, c.XTicks...), c.YTicks...) {
		ts = append(ts, t.Label)
	}
	if c.XLabel != nil {
		ts = append(ts, *c.XLabel)
	}
	return append(ts, c.Legend.Labels...)
}

// PX maps data coordinates to device pixels in the plot.
func (c Chart) PX(s ChartSpec, x, y float64) (float64, float64) {
	return c.Plot.X + (x-s.X0)/(s.X1-s.X0)*c.Plot.W, c.Plot.Y + c.Plot.H - (y-s.Y0)/(s.Y1-s.Y0)*c.Plot.H
}

// LayChart lays out a chart in r: the legend in a corner of the plot, or
// where the plot is too small for that, in lines above it.
func (p Pen) LayChart(r Rect, s ChartSpec) Chart {
	c := Chart{Card: p.CardIn(r, s.Titles...)}
	p.plotIn(&c, c.Inner, s, true)
	if c.Legend = p.legend(c.Plot, s.Legend, s.LegendLow); len(c.Legend.Labels) > 0 || len(s.Legend) == 0 {
		return c
	}
	lg, h := p.flowLegend(c.Inner, s.Legend)
	in := c.Inner
	in.Y, in.H = in.Y+h, math.Max(0, in.H-h)
	for _, withX := range []bool{true, !s.XBelow} {
		c.XTicks, c.YTicks, c.XLabel = nil, nil, nil
		if p.plotIn(&c, in, s, withX); len(c.YTicks) >= 2 {
			c.Legend, c.XLeft = lg, !withX
			return c
		}
	}
	// Too short for both: the ticks stay.
	c.XTicks, c.YTicks, c.XLabel = nil, nil, nil
	p.plotIn(&c, c.Inner, s, true)
	return c
}

// yLabelW is the widest y label at the finest step: the left margin.
func (p Pen) yLabelW(s ChartSpec) float64 {
	w := 0.0
	for _, y := range ticks(s.Y0, s.Y1, s.YStep) {
		w = math.Max(w, p.Width(s.YFormat(y), Small))
	}
	return w
}

// plotIn places the plot, its ticks and, withX, the x axis's ticks and
// caption in in.
func (p Pen) plotIn(c *Chart, in Rect, s ChartSpec, withX bool) {
	u := p.U
	small := p.Height(Small)
	ys := ticks(s.Y0, s.Y1, s.YStep)
	yw := math.Max(s.YLabelW, p.yLabelW(s))
	bottom := 1.5*small + 0.2*u // the x labels, clear of the lowest y label
	if !withX {
		bottom = 0.5 * small // the lowest y label's lower half
	}
	var xl string
	if withX && in.H-bottom-small-0.2*u >= 5*u { // room for the caption as well as a plot
		xl = Fit(p, Small, in.W, s.XLabels...)
		if xl != "" {
			bottom += small + 0.1*u
		}
	}
	xs := ticks(s.X0, s.X1, s.XStep)
	xw := 0.0
	for _, x := range xs {
		xw = math.Max(xw, p.Width(s.XFormat(x), Small))
	}
	// Room on the right for half the last x label.
	c.Plot = Rect{in.X + yw + 0.4*u, in.Y + 0.5*small, math.Max(0, in.W-yw-0.4*u-0.5*xw), math.Max(0, in.H-bottom-0.5*small)}
	// Every k-th tick of the finest step, k growing until the labels
	// leave a gap between them.
	for k := 1; k <= len(ys); k = next(k) {
		if c.Plot.H/(s.Y1-s.Y0)*s.YStep*float64(k) >= 1.3*small {
			for i := 0; i < len(ys); i += k {
				_, py := c.PX(s, s.X0, ys[i])
				c.YTicks = append(c.YTicks, Tick{ys[i], Place(p, s.YFormat(ys[i]), Small, c.Plot.X-0.3*u, py-small/2, Right)})
			}
			break
		}
	}
	for k := 1; withX && k <= len(xs); k = next(k) {
		if c.Plot.W/(s.X1-s.X0)*s.XStep*float64(k) >= xw+0.6*u {
			for i := 0; i < len(xs); i += k {
				px, _ := c.PX(s, xs[i], s.Y0)
				t := Place(p, s.XFormat(xs[i]), Small, px, c.Plot.Y+c.Plot.H+0.5*small+0.1*u, Center)
				c.XTicks = append(c.XTicks, Tick{xs[i], t})
			}
			break
		}
	}
	if xl != "" {
		t := Place(p, xl, Small, c.Plot.X+c.Plot.W/2, c.Plot.Y+c.Plot.H+1.5*small+0.3*u, Center)
		t.Box.X = math.Max(in.X, math.Min(t.Box.X, in.X+in.W-t.Box.W))
		c.XLabel = &t
	}
}

// flowLegend lays the key out in lines across the top of in, entries
// side by side, with the longest labels that take the fewest lines; it
// returns the legend and the height it takes.
func (p Pen) flowLegend(in Rect, entries [][]string) (Legend, float64) {
	u := p.U
	line := p.Height(Small) + 0.2*u
	var best Legend
	bestLines := math.MaxInt
	for alt := 0; alt < 3; alt++ {
		var l Legend
		x, y, lines := in.X, in.Y, 1
		for _, e := range entries {
			s := e[min(alt, len(e)-1)]
			w := 1.0*u + p.Width(s, Small)
			if x > in.X && x+w > in.X+in.W {
				x, y, lines = in.X, y+line, lines+1
			}
			l.Swatches = append(l.Swatches, Rect{x, y + (line-0.5*u)/2, 0.7 * u, 0.5 * u})
			l.Labels = append(l.Labels, Place(p, Fit(p, Small, in.W-u, s), Small, x+u, y+0.1*u, Left))
			x += w + 0.8*u
		}
		if lines < bestLines {
			best, bestLines = l, lines
		}
	}
	return best, float64(bestLines)*line + 0.2*u
}

// next is the next coarser tick multiple: 1, 2, 5, 10, 20, 50…
func next(k int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if m*p > k {
				return m * p
			}
		}
	}
}

// legend places a key in a corner of the plot, one entry a line, with the
// longest labels that leave it at most half the plot's width and two
// thirds of its height; without room for that it is left out.
func (p Pen) legend(plot Rect, entries [][]string, low bool) Legend {
	u := p.U
	line := math.Max(1.05*u, p.Height(Small)+0.1*u)
	h := float64(len(entries))*line + 0.2*u
	if len(entries) == 0 || h > 0.67*plot.H {
		return Legend{}
	}
	room := 0.5*plot.W - 1.6*u
	labels := make([]string, len(entries))
	for alt := 0; ; alt++ {
		wmax, more := 0.0, false
		for i, e := range entries {
			labels[i] = e[min(alt, len(e)-1)]
			wmax = math.Max(wmax, p.Width(labels[i], Small))
			more = more || alt+1 < len(e)
		}
		if wmax <= room {
			x, y := plot.X+plot.W-wmax-1.4*u, plot.Y+0.2*u
			if low {
				y = plot.Y + plot.H - h - 0.1*u
			}
			l := Legend{Back: Rect{x - 0.3*u, y - 0.1*u, wmax + 1.6*u, h}}
			for _, s := range labels {
				l.Swatches = append(l.Swatches, Rect{x, y + (line-0.5*u)/2, 0.7 * u, 0.5 * u})
				l.Labels = append(l.Labels, Place(p, s, Small, x+u, y+(line-p.Height(Small))/2, Left))
				y += line
			}
			return l
		}
		if !more {
			return Legend{}
		}
	}
}

// ticks lists multiples of step from lo to hi.
func ticks(lo, hi, step float64) []float64 {
	var ts []float64
	if step <= 0 {
		return nil
	}
	for i := math.Ceil(lo/step - 1e-9); i*step <= hi+1e-9*math.Abs(step); i++ {
		ts = append(ts, i*step+0) // +0: no "-0" label
	}
	return ts
}

// NiceStep is 1, 2 or 5 times a power of ten giving about n intervals
// over span.
func NiceStep(span float64, n int) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

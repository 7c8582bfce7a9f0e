package ui

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/session"
)

// fitText is the first of alts that fits in w on face, "" if none does:
// where room is short, panels say less rather than overlap.
func fitText(face *face, w float64, alts ...string) string {
	for _, s := range alts {
		if width(s, face) <= w {
			return s
		}
	}
	return ""
}

// selfParts is what the self-assessment panel has room for: the table's
// columns (0: no table, the numbers as lines instead), the strips of
// means on one scale, and the note on units.
type selfParts struct {
	in           layout.Rect // inside the title
	lineH        float64
	nameW, colW  float64
	cols         int
	strips, note bool
	beside       bool    // the strips to the table's right, a strip on each group's row
	stripH       float64 // each strip's height
}

// selfHeads are the table's columns: the group, then its means, headed by
// the marks the strips draw them with, and the gap.
var selfHeads = []string{"", "■ ability", "□ thinks", "gap"}

// The strips under the table: each at least minStrip units high and at
// most maxStrip (the panel's spare height shared between the two), with
// stripsBelow units under and above them for the gap and the scale's
// labels.
const (
	minStrip, maxStrip = 1.1, 3.0
	stripsBelow        = 1.5
)

// selfPlan fits the panel r: the table first, then the strips (the
// lesson's step 5 asks about them), under the table across the panel, or
// where that leaves too little height, beside it, then the note where
// room is left.
func (g *Game) selfPlan(r layout.Rect, sv session.SelfView) selfParts {
	v := &g.view
	u := v.unit()
	face := v.fonts.small
	p := selfParts{in: layout.Rect{X: r.X + 0.6*u, Y: r.Y + 1.8*u, W: r.W - 1.2*u, H: r.H - 2.2*u}, lineH: 1.3 * u}
	p.nameW = width(fmt.Sprintf("declined (%d)", max(sv.OptIn.N, sv.OptOut.N)), face) + 0.6*u
	for _, h := range selfHeads {
		p.colW = math.Max(p.colW, width(h, face)+0.8*u)
	}
	p.cols = 4
	for p.cols > 3 && p.nameW+float64(p.cols-1)*p.colW > p.in.W {
		p.cols--
	}
	if p.nameW+float64(p.cols-1)*p.colW > p.in.W || p.in.H < 3*p.lineH {
		p.cols = 0
		return p
	}
	left := p.in.H - 3*p.lineH
	tableW := p.nameW + float64(p.cols-1)*p.colW
	room := left - stripsBelow*u // for the strips under the table
	switch {
	case room-p.lineH >= 2*minStrip*u && p.in.W >= 10*u: // and the note
		p.strips, p.note, p.stripH = true, true, math.Min(maxStrip*u, (room-p.lineH)/2)
	case room >= 2*minStrip*u && p.in.W >= 10*u:
		p.strips, p.stripH = true, minStrip*u
	case p.in.W-tableW-u >= 10*u && left >= p.lineH: // the scale's labels take the next line
		p.strips, p.beside, p.stripH = true, true, p.lineH
		p.note = left-p.lineH >= p.lineH
	default:
		p.note = left >= p.lineH
	}
	return p
}

// drawSelfView draws, in the ability chart's place, what the reps who asked
// for a mentor and those who declined think of their ability beside what it
// is: a small table, and below it, where there is room, each group's two
// means on one scale (a filled square for ability, a hollow one for what
// they think), so insecure decliners (who know they are weak) and
// overconfident ones (who think they are good) look different.
func (g *Game) drawSelfView(dst *ebiten.Image, r layout.Rect, sv session.SelfView) {
	v := &g.view
	u := v.unit()
	fill(dst, r, panel)
	title := fitText(v.fonts.heading, r.W-1.2*u, "Self-assessment: what reps think of their ability", "What reps think of their ability", "Self-assessment")
	say(dst, title, v.fonts.heading, r.X+0.6*u, r.Y+0.4*u, left, ink)
	p := g.selfPlan(r, sv)
	in, face, lineH := p.in, v.fonts.small, p.lineH
	if !g.s.Revealed {
		say(dst, fitText(face, in.W, "Reveal ability (a) to set it beside what reps think", "Reveal ability (a) first"), face, in.X, in.Y, left, dim)
		return
	}
	if sv.OptIn.N+sv.OptOut.N == 0 {
		say(dst, "no data yet", face, in.X, in.Y, left, dim)
		return
	}
	rows := []struct {
		name string
		grp  session.SelfGroup
		c    color.RGBA
	}{{"asked", sv.OptIn, armColors[study.OptinMentored]}, {"declined", sv.OptOut, armColors[study.Optout]}}
	if p.cols == 0 {
		g.drawSelfLines(dst, in, lineH, rows[0].grp, rows[1].grp)
		return
	}
	y := in.Y
	for c := 1; c < p.cols; c++ {
		say(dst, selfHeads[c], face, in.X+p.nameW+float64(c)*p.colW, y, right, dim)
	}
	for _, row := range rows {
		y += lineH
		say(dst, fmt.Sprintf("%s (%d)", row.name, row.grp.N), face, in.X, y, left, row.c)
		for c, x := range []float64{row.grp.Ability, row.grp.SelfAssessment, row.grp.Gap()}[:p.cols-1] {
			say(dst, signed(x), face, in.X+p.nameW+float64(c+1)*p.colW, y, right, ink)
		}
	}
	y += lineH
	switch {
	case p.beside:
		x := in.X + p.nameW + float64(p.cols-1)*p.colW + u
		top := in.Y + lineH - (lineH-face.height())/2 // each strip centred on its row's text
		g.drawSelfStrips(dst, layout.Rect{X: x, Y: top, W: in.X + in.W - x}, p.stripH, rows[0].grp, rows[1].grp)
		y += lineH
	case p.strips:
		g.drawSelfStrips(dst, layout.Rect{X: in.X, Y: y + 0.2*u, W: in.W}, p.stripH, rows[0].grp, rows[1].grp)
		y += 2*p.stripH + stripsBelow*u
	}
	if p.note {
		alts := []string{"in standard deviations across reps; gap = thinks − ability", "in standard deviations; gap = thinks − ability", "in standard deviations", "in sd"}
		if p.cols < 4 { // no gap column to explain
			alts = []string{"in standard deviations across reps", "in standard deviations", "in sd"}
		}
		note := fitText(face, in.W, alts...)
		say(dst, note, face, in.X, y, left, dim)
	}
}

// drawSelfStrips draws both groups' means on a scale from −2 to +2 sd, a
// strip stripH high each from r's top, the scale's labels under them, r.W
// wide (selfPlan finds the room).
func (g *Game) drawSelfStrips(dst *ebiten.Image, r layout.Rect, stripH float64, optIn, optOut session.SelfGroup) {
	v := &g.view
	u := v.unit()
	a := axes{plot: layout.Rect{X: r.X + 0.8*u, Y: r.Y, W: r.W - 1.6*u, H: 2 * stripH}, x0: -2, x1: 2, y0: 0, y1: 1}
	for _, x := range []float64{-2, -1, 0, 1, 2} {
		px, _ := a.px(x, 0)
		c := grid
		if x == 0 {
			c = dim
		}
		line(dst, px, a.plot.Y, px, a.plot.Y+a.plot.H, 0.06*u, c)
		say(dst, fmt.Sprintf("%+.0f", x), v.fonts.small, px, a.plot.Y+a.plot.H+0.1*u, center, dim)
	}
	for k, grp := range []session.SelfGroup{optIn, optOut} {
		if grp.N == 0 {
			continue
		}
		c := []color.RGBA{armColors[study.OptinMentored], armColors[study.Optout]}[k]
		mid := a.plot.Y + (float64(k)+0.5)*stripH
		xa, _ := a.px(clamp(grp.Ability, -2, 2), 0)
		xs, _ := a.px(clamp(grp.SelfAssessment, -2, 2), 0)
		k := math.Min(1.8, stripH/(minStrip*u)) // the marks grow with taller strips
		m := 0.7 * u * k
		line(dst, xa, mid, xs, mid, 0.12*u*k, c)
		fill(dst, layout.Rect{X: xa - m/2, Y: mid - m/2, W: m, H: m}, c)
		stroke(dst, layout.Rect{X: xs - m/2, Y: mid - m/2, W: m, H: m}, 0.12*u, ink)
	}
}

// drawSelfLines says the two groups' numbers where the table does not fit:
// the group's name over its numbers, or both on one line where height is
// short, in the longest wording that fits both groups alike.
func (g *Game) drawSelfLines(dst *ebiten.Image, in layout.Rect, lineH float64, optIn, optOut session.SelfGroup) {
	face := g.view.fonts.small
	groups := []session.SelfGroup{optIn, optOut}
	names := []string{"asked", "declined"}
	colors := []color.RGBA{armColors[study.OptinMentored], armColors[study.Optout]}
	twoLines := in.H >= 4*lineH
	forms := []string{"%[1]s: ability %[2]s, thinks %[3]s", "%[1]s: is %[2]s, thinks %[3]s", "%[1]s %[2]s / %[3]s"}
	if twoLines {
		forms = []string{"ability %[2]s · thinks %[3]s · gap %[4]s", "ability %[2]s · thinks %[3]s", "is %[2]s · thinks %[3]s", "%[2]s / %[3]s"}
	}
	line := func(form string, k int) string {
		return fmt.Sprintf(form, names[k], signed(groups[k].Ability), signed(groups[k].SelfAssessment), signed(groups[k].Gap()))
	}
	form := forms[len(forms)-1]
	for _, f := range forms {
		if width(line(f, 0), face) <= in.W && width(line(f, 1), face) <= in.W {
			form = f
			break
		}
	}
	y := in.Y
	for k, grp := range groups {
		if twoLines {
			say(dst, fmt.Sprintf("%s (%d)", names[k], grp.N), face, in.X, y, left, colors[k])
			y += lineH
		}
		c := colors[k] // the numbers in the group's colour, or under its name in ink
		if twoLines {
			c = ink
		}
		say(dst, line(form, k), face, in.X, y, left, c)
		y += lineH
	}
}

// signed is a mean in sd with its sign, "–" for none.
func signed(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%+.2f", x)
}

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
	in := layout.Rect{X: r.X + 0.6*u, Y: r.Y + 1.8*u, W: r.W - 1.2*u, H: r.H - 2.2*u}
	if !g.s.Revealed {
		say(dst, fitText(v.fonts.small, in.W, "Reveal ability (a) to set it beside what reps think", "Reveal ability (a) first"), v.fonts.small, in.X, in.Y, left, dim)
		return
	}
	if sv.OptIn.N+sv.OptOut.N == 0 {
		say(dst, "no data yet", v.fonts.small, in.X, in.Y, left, dim)
		return
	}
	face, lineH := v.fonts.small, 1.3*u
	rows := []struct {
		name string
		grp  session.SelfGroup
		c    color.RGBA
	}{{"asked", sv.OptIn, armColors[study.OptinMentored]}, {"declined", sv.OptOut, armColors[study.Optout]}}
	// Columns: the group, its ability, what it thinks, the gap; the gap
	// goes first when room is short.
	heads := []string{"", "ability", "thinks", "gap"}
	nameW := width(fmt.Sprintf("declined (%d)", max(sv.OptIn.N, sv.OptOut.N)), face) + 0.6*u
	colW := width("ability", face) + 0.8*u
	cols := 4
	for cols > 3 && nameW+float64(cols-1)*colW > in.W {
		cols--
	}
	if nameW+float64(cols-1)*colW > in.W || in.H < 3*lineH {
		g.drawSelfLines(dst, in, lineH, rows[0].grp, rows[1].grp)
		return
	}
	y := in.Y
	for c := 1; c < cols; c++ {
		say(dst, heads[c], face, in.X+nameW+float64(c)*colW, y, right, dim)
	}
	for _, row := range rows {
		y += lineH
		say(dst, fmt.Sprintf("%s (%d)", row.name, row.grp.N), face, in.X, y, left, row.c)
		for c, x := range []float64{row.grp.Ability, row.grp.SelfAssessment, row.grp.Gap()}[:cols-1] {
			say(dst, signed(x), face, in.X+nameW+float64(c+1)*colW, y, right, ink)
		}
	}
	y += lineH
	note := fitText(face, in.W, "■ ability  □ thinks  (in standard deviations across reps; gap = thinks − ability)", "■ ability  □ thinks  (in standard deviations)", "■ ability  □ thinks", "standard deviations")
	if y+lineH <= in.Y+in.H {
		say(dst, note, face, in.X, y, left, dim)
		y += lineH
	}
	g.drawSelfStrips(dst, layout.Rect{X: in.X, Y: y + 0.2*u, W: in.W, H: in.Y + in.H - y - 0.2*u}, rows[0].grp, rows[1].grp)
}

// drawSelfStrips draws both groups' means on a scale from −2 to +2 sd, if
// there is room for two strips and the scale's labels.
func (g *Game) drawSelfStrips(dst *ebiten.Image, r layout.Rect, optIn, optOut session.SelfGroup) {
	v := &g.view
	u := v.unit()
	stripH := 1.1 * u
	if r.H < 2*stripH+1.3*u || r.W < 10*u {
		return
	}
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
		line(dst, xa, mid, xs, mid, 0.12*u, c)
		fill(dst, layout.Rect{X: xa - 0.35*u, Y: mid - 0.35*u, W: 0.7 * u, H: 0.7 * u}, c)
		stroke(dst, layout.Rect{X: xs - 0.35*u, Y: mid - 0.35*u, W: 0.7 * u, H: 0.7 * u}, 0.12*u, ink)
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

package ui

import (
	"fmt"
	"image"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/sim/study"
	"mentorsim/ui/layout"
)

// desk is the size, in pixels of the floor image, of one desk: a 3×3 tile
// and a one-pixel gap. The image, one desk per rep, is drawn scaled up with
// nearest-neighbour filtering, so twenty thousand reps cost one draw call.
const desk = 4

// floorGrid lays out the current study's reps, grouped by arm.
func (g *Game) floorGrid() layout.FloorGrid {
	v := &g.view
	if v.floorStudy == g.s.Study {
		return v.floor
	}
	groups := make([][]int, study.NumArms)
	for i, a := range g.s.Study.Arms {
		groups[a] = append(groups[a], i)
	}
	inner := v.frame.Floor.Inset(0.6 * v.unit())
	inner.Y += 1.4 * v.unit()
	inner.H -= 1.4 * v.unit()
	v.floor = layout.Floor(inner, groups, 1.3*v.unit())
	v.floorStudy = g.s.Study
	rows := 0
	for _, grp := range v.floor.Groups {
		rows += grp.Rows
	}
	if v.floorImage != nil {
		v.floorImage.Deallocate()
	}
	v.floorImage = ebiten.NewImage(max(1, v.floor.Cols*desk), max(1, rows*desk))
	return v.floor
}

func (g *Game) drawFloor(dst *ebiten.Image) {
	v := &g.view
	u := v.unit()
	fill(dst, v.frame.Floor, panel)
	title := "The floor: a desk per rep; brighter = more sales today; white corner = mentored; hollow = left"
	if g.s.Revealed {
		title = "The floor: colour = hidden ability (blue strong, vermillion weak); white corner = mentored"
	}
	say(dst, title, v.fonts.heading, v.frame.Floor.X+0.6*u, v.frame.Floor.Y+0.4*u, left, ink)
	grid := g.floorGrid()
	pix := g.floorPixels(grid)
	v.floorImage.WritePixels(pix)
	row := 0
	for gi, grp := range grid.Groups {
		say(dst, fmt.Sprintf("%s (%d)", armLabels[gi], len(grp.Reps)), v.fonts.small, grp.Label.X, grp.Label.Y+0.1*u, left, armColors[gi])
		if grp.Rows == 0 {
			continue
		}
		sub := v.floorImage.SubImage(image.Rect(0, row*desk, grid.Cols*desk, (row+grp.Rows)*desk)).(*ebiten.Image)
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterNearest}
		op.GeoM.Scale(grid.Tile/desk, grid.Tile/desk)
		op.GeoM.Translate(grid.Area.X, grp.Top)
		dst.DrawImage(sub, op)
		row += grp.Rows
	}
}

// floorPixels paints every desk into an RGBA buffer the size of the floor
// image.
func (g *Game) floorPixels(grid layout.FloorGrid) []byte {
	w, h := g.view.floorImage.Bounds().Dx(), g.view.floorImage.Bounds().Dy()
	pix := make([]byte, 4*w*h)
	st := g.s.Study
	row := 0
	for gi, grp := range grid.Groups {
		for k, i := range grp.Reps {
			x, y := (k%grid.Cols)*desk, (row+k/grid.Cols)*desk
			paintDesk(pix, w, x, y, g.deskColor(i, study.Arm(gi)), st.Reps[i].Mentored && st.Reps[i].Employed() && st.Reps[i].Tenure > 0)
		}
		row += grp.Rows
	}
	return pix
}

// deskState is how a desk looks.
type deskState struct {
	fill   [4]byte
	hollow bool // the rep left: only the outline
}

func (g *Game) deskColor(i int, a study.Arm) deskState {
	r := &g.s.Study.Reps[i]
	base := armColors[a]
	if g.s.Revealed {
		base = abilityColor(r.Ability)
	}
	switch {
	case r.Tenure == 0: // not hired yet
		c := withAlpha(base, 0x30)
		return deskState{fill: [4]byte{c.R, c.G, c.B, c.A}}
	case r.Left():
		c := withAlpha(base, 0x90)
		return deskState{fill: [4]byte{c.R, c.G, c.B, c.A}, hollow: true}
	}
	bright := 0.3 + 0.7*min(1, float64(r.LastSales)/8)
	if g.s.Revealed {
		bright = 1
	}
	c := mix(background, base, bright)
	return deskState{fill: [4]byte{c.R, c.G, c.B, 0xff}}
}

func paintDesk(pix []byte, stride, x0, y0 int, d deskState, mark bool) {
	for dy := range desk - 1 {
		for dx := range desk - 1 {
			if d.hollow && dx == 1 && dy == 1 {
				continue
			}
			copy(pix[4*((y0+dy)*stride+x0+dx):], d.fill[:])
		}
	}
	if mark {
		copy(pix[4*(y0*stride+x0):], []byte{0xff, 0xff, 0xff, 0xff})
	}
}

// drawTooltip describes the rep under the pointer.
func (g *Game) drawTooltip(dst *ebiten.Image) {
	v := &g.view
	i, ok := g.floorGrid().RepAt(v.cursorX, v.cursorY)
	if !ok {
		return
	}
	st := g.s.Study
	r := &st.Reps[i]
	a := st.Arms[i]
	choice := "not asked (mandatory branch)"
	if a.Branch() == "voluntary" {
		choice = map[bool]string{true: "asked for a mentor", false: "declined a mentor"}[r.OptedIn]
	}
	status := fmt.Sprintf("tenure %d days, employed", r.Tenure)
	if r.Left() {
		status = fmt.Sprintf("left after %d days", r.DaysEmployed)
	} else if r.Tenure == 0 {
		status = fmt.Sprintf("not hired yet (class %d)", st.Class(i))
	}
	lines := []string{
		fmt.Sprintf("rep %d · class %d · %s", i, st.Class(i), armLabels[a]),
		fmt.Sprintf("ability %+.2f · self-assessment %+.2f", r.Ability, r.SelfAssessment),
		choice + " · " + status,
		fmt.Sprintf("revenue so far $%.0f over %d days", float64(r.Sales[3])*st.Scenario.Params.Price, r.DaysEmployed),
	}
	u := v.unit()
	wmax := 0.0
	for _, l := range lines {
		wmax = max(wmax, width(l, v.fonts.small))
	}
	box := layout.Rect{X: v.cursorX + u, Y: v.cursorY + u, W: wmax + u, H: float64(len(lines))*1.2*u + 0.6*u}
	if box.X+box.W > float64(v.w) {
		box.X = v.cursorX - u - box.W
	}
	if box.Y+box.H > float64(v.h) {
		box.Y = v.cursorY - u - box.H
	}
	fill(dst, box, background)
	stroke(dst, box, 0.08*u, armColors[a])
	for k, l := range lines {
		say(dst, l, v.fonts.small, box.X+0.5*u, box.Y+0.3*u+float64(k)*1.2*u, left, ink)
	}
}

package ui

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/sim/model"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
)

// desk is the size, in pixels of the floor image, of one desk: a 5×5 tile
// and a one-pixel gap. The image, one desk per rep, is drawn scaled with
// nearest-neighbour filtering, so twenty thousand reps cost one draw call;
// the layout keeps it within the GPU's limits (layout.MaxDeskSpan).
const desk = layout.DeskPixels

// floorGrid lays out the current study's reps, grouped by arm; under a
// policy, the arms it leaves empty are left out (v.floorArms names the
// group's arms).
func (g *Game) floorGrid() layout.FloorGrid {
	v := &g.view
	if v.floorStudy == g.s.Study {
		return v.floor
	}
	byArm := make([][]int, study.NumArms)
	for i, a := range g.s.Study.Arms {
		byArm[a] = append(byArm[a], i)
	}
	var groups [][]int
	v.floorArms = v.floorArms[:0]
	for a, reps := range byArm {
		if len(reps) > 0 || g.s.Policy() == study.Experiment {
			groups = append(groups, reps)
			v.floorArms = append(v.floorArms, study.Arm(a))
		}
	}
	v.floor = layout.Floor(layout.FloorArea(v.frame), groups, layout.FloorLabelH(v.scale))
	v.floorStudy = g.s.Study
	if v.floorImage != nil {
		v.floorImage.Deallocate()
	}
	w, h := v.floor.ImageSize()
	v.floorImage = ebiten.NewImage(max(1, w), max(1, h))
	v.desks = newDeskPainter(max(1, w), max(1, h), len(g.s.Study.Reps))
	return v.floor
}

func (g *Game) drawFloor(dst *ebiten.Image) {
	v := &g.view
	u := v.unit()
	fill(dst, v.frame.Floor, panel)
	ft := v.scene.Floor // title and labels: layout.LayFloor (titles: layout.FloorTitles)
	if ft == nil {
		return
	}
	v.sayText(dst, ft.Title, ink)
	grid := g.floorGrid()
	if pix, changed := g.floorPixels(grid); changed {
		v.floorImage.WritePixels(pix)
	}
	row := 0
	for gi, grp := range grid.Groups {
		a := v.floorArms[gi]
		drawPattern(dst, a, grp.Label.X, grp.Label.Y+0.2*u, 0.8*u)
		if gi < len(ft.Labels) {
			for _, line := range ft.Labels[gi] {
				v.sayText(dst, line, armColors[a])
			}
		}
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

// floorPixels paints the desks whose look changed since the last frame
// into the floor image's pixels, and reports whether any did.
func (g *Game) floorPixels(grid layout.FloorGrid) ([]byte, bool) {
	v := &g.view
	return v.desks.pix, v.desks.paint(g.s.Study, grid, v.floorArms, g.s.Revealed)
}

// deskPainter keeps the floor's pixels and what each desk showed when it
// was painted, so that a frame repaints only the desks that changed: at
// twenty thousand reps, painting every desk took most of a frame.
type deskPainter struct {
	pix      []byte
	w        int
	keys     []uint16 // per rep; 0: not painted
	revealed bool
}

func newDeskPainter(w, h, reps int) deskPainter {
	return deskPainter{pix: make([]byte, 4*w*h), w: w, keys: make([]uint16, reps)}
}

func (p *deskPainter) paint(st *study.Study, grid layout.FloorGrid, arms []study.Arm, revealed bool) bool {
	if revealed != p.revealed {
		clear(p.keys)
		p.revealed = revealed
	}
	changed := false
	row := 0
	for gi, grp := range grid.Groups {
		for k, i := range grp.Reps {
			r := &st.Reps[i]
			mark := r.Mentored && r.Employed() && r.Tenure > 0
			key := deskKey(r, revealed, mark)
			if key == p.keys[i] {
				continue
			}
			p.keys[i], changed = key, true
			x, y := (k%grid.Cols)*desk, (row+k/grid.Cols)*desk
			paintDesk(p.pix, p.w, x, y, deskLook(r, arms[gi], revealed), mark)
		}
		row += grp.Rows
	}
	return changed
}

// deskKey is what a desk's look depends on besides its rep's arm and
// ability, which do not change within a study: whether the rep is hired
// or has left, the day's sales as the floor shows them, and the mentor's
// mark. It is never 0.
func deskKey(r *model.Rep, revealed, mark bool) uint16 {
	k := uint16(1)
	switch {
	case r.Tenure == 0:
	case r.Left():
		k = 2
	case revealed: // brightness is ability's
		k = 3
	default:
		k = 4 + uint16(min(r.LastSales, 8))
	}
	if mark {
		k |= 0x100
	}
	return k
}

// deskState is how a desk looks.
type deskState struct {
	fill    [4]byte
	pattern *[desk - 1]string // the group's shape
	hollow  bool              // the rep left: only the outline
}

// deskPatterns tell the groups apart by shape as well as colour (for
// greyscale projectors and colour-blind eyes): a solid square, stripes
// across, a diamond, stripes down and a cross. Each group's label starts
// with its pattern.
var deskPatterns = [study.NumArms][desk - 1]string{
	{"#####", "#####", "#####", "#####", "#####"},
	{"#####", ".....", "#####", ".....", "#####"},
	{"..#..", ".###.", "#####", ".###.", "..#.."},
	{"#.#.#", "#.#.#", "#.#.#", "#.#.#", "#.#.#"},
	{"#...#", ".#.#.", "..#..", ".#.#.", "#...#"},
}

// drawPattern draws the arm's desk pattern as a size×size swatch at (x, y).
func drawPattern(dst *ebiten.Image, a study.Arm, x, y, size float64) {
	px := size / float64(desk-1)
	for dy, line := range deskPatterns[a] {
		for dx, c := range line {
			if c == '#' {
				fill(dst, layout.Rect{X: x + float64(dx)*px, Y: y + float64(dy)*px, W: px, H: px}, armColors[a])
			}
		}
	}
}

func deskLook(r *model.Rep, a study.Arm, revealed bool) deskState {
	base := armColors[a]
	if revealed {
		base = abilityColor(r.Ability)
	}
	pat := &deskPatterns[a]
	switch {
	case r.Tenure == 0: // not hired yet
		c := withAlpha(base, 0x30)
		return deskState{fill: [4]byte{c.R, c.G, c.B, c.A}, pattern: pat}
	case r.Left():
		c := withAlpha(base, 0x90)
		return deskState{fill: [4]byte{c.R, c.G, c.B, c.A}, pattern: pat, hollow: true}
	}
	bright := 0.3 + 0.7*min(1, float64(r.LastSales)/8)
	if revealed {
		bright = abilityBrightness(r.Ability)
	}
	c := mix(background, base, bright)
	return deskState{fill: [4]byte{c.R, c.G, c.B, 0xff}, pattern: pat}
}

// abilityBrightness is the reveal's second channel: the weakest reps dim,
// the strongest full.
func abilityBrightness(a float64) float64 {
	return 0.35 + 0.65*math.Max(0, math.Min(1, (a+2)/4))
}

// paintDesk paints a desk's tile over whatever the tile showed.
func paintDesk(pix []byte, stride, x0, y0 int, d deskState, mark bool) {
	const n = desk - 1
	for dy := range n {
		for dx := range n {
			edge := dx == 0 || dy == 0 || dx == n-1 || dy == n-1
			c := d.fill[:]
			if d.hollow && !edge || !d.hollow && d.pattern[dy][dx] != '#' {
				c = []byte{0, 0, 0, 0}
			}
			copy(pix[4*((y0+dy)*stride+x0+dx):], c)
		}
	}
	if mark { // a cut corner: the background shows on any desk's colour, white ones included
		for _, o := range [][2]int{{0, 0}, {1, 0}, {0, 1}} {
			copy(pix[4*((y0+o[1])*stride+x0+o[0]):], []byte{0, 0, 0, 0})
		}
	}
}

// drawTooltip describes the rep under the pointer.
func (g *Game) drawTooltip(dst *ebiten.Image) {
	v := &g.view
	i, ok := g.floorGrid().RepAt(v.cursorX, v.cursorY)
	if !ok {
		return
	}
	a := g.s.Study.Arms[i]
	lines := g.s.DeskLines(i)
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

package layout

import "math"

// FloorGroup is one arm's block of desks.
type FloorGroup struct {
	Reps  []int   // rep indices, in hiring order
	Top   float64 // y of the block's first row of desks
	Label Rect    // where the group's label goes
	Rows  int
}

// FloorGrid places every rep's desk: groups stacked top to bottom, each with
// a label line above its desks, all with the same square tile size and the
// same number of columns.
type FloorGrid struct {
	Area   Rect
	Tile   float64 // desk pitch in device pixels, gap included
	Cols   int
	Groups []FloorGroup
}

// Floor lays out groups of reps (by index) in area, with labelH pixels of
// label above each group, choosing the largest tile that fits.
func Floor(area Rect, groups [][]int, labelH float64) FloorGrid {
	g := FloorGrid{Area: area}
	lo, hi := 0.5, math.Max(1, math.Min(area.W, area.H))
	for range 40 { // bisect on the tile size
		mid := (lo + hi) / 2
		if floorHeight(area.W, mid, groups, labelH) <= area.H {
			lo = mid
		} else {
			hi = mid
		}
	}
	g.Tile = math.Min(lo, 3*Unit)
	g.Cols = max(1, int(area.W/g.Tile))
	y := area.Y
	for _, reps := range groups {
		rows := (len(reps) + g.Cols - 1) / g.Cols
		g.Groups = append(g.Groups, FloorGroup{Reps: reps, Label: Rect{area.X, y, area.W, labelH}, Top: y + labelH, Rows: rows})
		y += labelH + float64(rows)*g.Tile
	}
	return g
}

func floorHeight(w, tile float64, groups [][]int, labelH float64) float64 {
	cols := max(1, int(w/tile))
	h := 0.0
	for _, reps := range groups {
		h += labelH + float64((len(reps)+cols-1)/cols)*tile
	}
	return h
}

// Desk is where the k-th rep of group gi sits.
func (g FloorGrid) Desk(gi, k int) Rect {
	grp := g.Groups[gi]
	row, col := k/g.Cols, k%g.Cols
	return Rect{g.Area.X + float64(col)*g.Tile, grp.Top + float64(row)*g.Tile, g.Tile, g.Tile}
}

// RepAt returns the rep whose desk is under (x, y).
func (g FloorGrid) RepAt(x, y float64) (int, bool) {
	if !g.Area.Contains(x, y) || g.Tile <= 0 {
		return 0, false
	}
	col := int((x - g.Area.X) / g.Tile)
	if col >= g.Cols {
		return 0, false
	}
	for _, grp := range g.Groups {
		if y < grp.Top || y >= grp.Top+float64(grp.Rows)*g.Tile {
			continue
		}
		k := int((y-grp.Top)/g.Tile)*g.Cols + col
		if k < len(grp.Reps) {
			return grp.Reps[k], true
		}
	}
	return 0, false
}

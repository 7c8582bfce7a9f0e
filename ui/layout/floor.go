package layout

import "math"

// FloorGroup is one arm's block of desks.
type FloorGroup struct {
	Reps  []int   // rep indices, in hiring order
	Top   float64 // y of the block's first row of desks
	Label Rect    // where the group's label goes: a line above the desks, or beside them as tall as the group
	Rows  int
}

// FloorGrid places every rep's desk: groups stacked top to bottom, each with
// a label line above its desks (or, where the floor is short, beside
// them), all with the same square tile size and the same number of
// columns. Area is where the desks go.
type FloorGrid struct {
	Area   Rect
	Tile   float64 // desk pitch in device pixels, gap included
	Cols   int
	Groups []FloorGroup
}

// DeskPixels is the side, in pixels of the app's floor image, of one desk
// (a 5×5 tile and a one-pixel gap): the image holds a desk per rep and is
// drawn scaled to the grid's tiles.
const DeskPixels = 6

// MaxDeskSpan is the most columns of desks, and the most rows, the grid
// has, so that the floor image stays within 4096 pixels a side (less
// Ebitengine's one pixel of padding), which WebGL GPUs allow; bigger
// images panic on the atlas. It holds MaxAppHires reps in any area.
const MaxDeskSpan = (4096 - 1) / DeskPixels

// Floor lays out groups of reps (by index) in area, with labelH pixels of
// label above each group, choosing the largest tile that fits; where the
// labels would leave the desks smaller than half a label line, they go in
// a column on the left instead, beside their groups.
func Floor(area Rect, groups [][]int, labelH float64) FloorGrid {
	above := floorGrid(area, groups, labelH, 0)
	if above.Tile >= labelH/2 {
		return above
	}
	if side := floorGrid(area, groups, labelH, math.Min(0.35*area.W, 9*labelH)); side.Tile > above.Tile {
		return side
	}
	return above
}

// floorGrid lays out the groups with their labels above them (labelW 0)
// or in a column labelW wide on the left.
func floorGrid(area Rect, groups [][]int, labelH, labelW float64) FloorGrid {
	desks := Rect{area.X + labelW, area.Y, area.W - labelW, area.H}
	g := FloorGrid{Area: desks}
	lo, hi := 0.5, math.Max(1, math.Min(desks.W, desks.H))
	for range 40 { // bisect on the tile size
		mid := (lo + hi) / 2
		if floorHeight(desks.W, mid, groups, labelH, labelW > 0) <= desks.H && float64(deskCols(desks.W, mid, groups))*mid <= desks.W {
			lo = mid
		} else {
			hi = mid
		}
	}
	g.Cols = deskCols(desks.W, math.Min(lo, 3*Unit), groups)
	g.Tile = math.Min(math.Min(lo, 3*Unit), desks.W/float64(g.Cols)) // a narrow floor's least columns
	y := area.Y
	for _, reps := range groups {
		rows := (len(reps) + g.Cols - 1) / g.Cols
		if labelW > 0 { // the label may take the group's whole height
			h := math.Max(labelH, float64(rows)*g.Tile)
			g.Groups = append(g.Groups, FloorGroup{Reps: reps, Label: Rect{area.X, y, labelW, h}, Top: y, Rows: rows})
			y += h
			continue
		}
		g.Groups = append(g.Groups, FloorGroup{Reps: reps, Label: Rect{area.X, y, area.W, labelH}, Top: y + labelH, Rows: rows})
		y += labelH + float64(rows)*g.Tile
	}
	return g
}

// deskCols is the number of columns of desks at a tile size: as many as
// fit in w, but no more than MaxDeskSpan and enough that the rows stay
// within MaxDeskSpan.
func deskCols(w, tile float64, groups [][]int) int {
	n := 0
	for _, reps := range groups {
		n += len(reps)
	}
	rows := max(1, MaxDeskSpan-len(groups)) // each group may end in a part row
	least := (n + rows - 1) / rows
	return max(1, least, min(MaxDeskSpan, int(w/tile)))
}

func floorHeight(w, tile float64, groups [][]int, labelH float64, beside bool) float64 {
	cols := deskCols(w, tile, groups)
	h := 0.0
	for _, reps := range groups {
		rows := float64((len(reps) + cols - 1) / cols)
		if beside {
			h += math.Max(labelH, rows*tile)
		} else {
			h += labelH + rows*tile
		}
	}
	return h
}

// ImageSize is the size of the app's floor image for the grid: DeskPixels
// a desk, every group's rows stacked.
func (g FloorGrid) ImageSize() (w, h int) {
	rows := 0
	for _, grp := range g.Groups {
		rows += grp.Rows
	}
	return g.Cols * DeskPixels, rows * DeskPixels
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

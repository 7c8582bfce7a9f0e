package layout

import (
	"fmt"
	"testing"
)

// TestFloorImageWithinGPULimits: at any area — a phone, a 16K wall, a
// sliver, nothing — and any class size up to MaxAppHires, the floor image
// stays within 4096 pixels a side less Ebitengine's padding, the grid
// stays within the area's width, and every rep has a desk.
func TestFloorImageWithinGPULimits(t *testing.T) {
	if MaxDeskSpan*(MaxDeskSpan-5) < MaxAppHires {
		t.Fatalf("a %d×%d-desk image cannot hold %d reps in 5 groups", MaxDeskSpan, MaxDeskSpan, MaxAppHires)
	}
	areas := []Rect{{0, 0, 0, 0}, {0, 0, 1, 1}, {0, 0, 5, 4000}, {0, 0, 4000, 5}, {0, 0, 360, 200}, {0, 0, 700, 400},
		{0, 0, 3840, 2160}, {0, 0, 4096, 4096}, {0, 0, 8000, 60}, {0, 0, 60, 8000}, {0, 0, 16384, 16384}, {0, 0, 30000, 20}}
	for _, hires := range []int{2, 603, 5000, MaxAppHires} {
		groups := studyGroups(hires)
		for _, area := range areas {
			for _, labelH := range []float64{12, 40} {
				name := fmt.Sprintf("%d hires in %vx%v, labels %v", hires, area.W, area.H, labelH)
				g := Floor(area, groups, labelH)
				if w, h := g.ImageSize(); w > 4095 || h > 4095 || w < 1 {
					t.Errorf("%s: floor image %dx%d; want at most 4095 a side", name, w, h)
				}
				if g.Area.X+float64(g.Cols)*g.Tile > area.X+area.W+1e-9 {
					t.Errorf("%s: %d columns of %v px leave the area", name, g.Cols, g.Tile)
				}
				placed := 0
				for _, grp := range g.Groups {
					placed += len(grp.Reps)
				}
				if placed != hires {
					t.Errorf("%s: %d desks placed", name, placed)
				}
			}
		}
	}
}

// studyGroups splits reps as the study's three arms do (110 : 171 : 322).
func studyGroups(n int) [][]int {
	a, b := n*110/603, n*171/603
	reps := make([]int, n)
	for i := range reps {
		reps[i] = i
	}
	return [][]int{reps[:a], reps[a : a+b], reps[a+b:]}
}

package ui

import (
	"bytes"
	"image/color"
	"testing"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
)

// grey is a pixel's luminance (Rec. 709), 0–255, as a greyscale screenshot
// or a washed-out projector shows it, over the floor's background.
func grey(pix []byte, w, x, y int) float64 {
	p := pix[4*(y*w+x):]
	a := float64(p[3]) / 255
	c := func(v, bg uint8) float64 { return float64(v) + (1-a)*float64(bg) } // premultiplied over the background
	return 0.2126*c(p[0], background.R) + 0.7152*c(p[1], background.G) + 0.0722*c(p[2], background.B)
}

// deskPixels is a fresh painting of the desks of grid (groups of the given
// arms) into a w×h RGBA buffer, as the app's first frame paints them.
func deskPixels(st *study.Study, grid layout.FloorGrid, arms []study.Arm, revealed bool, w, h int) []byte {
	p := newDeskPainter(w, h, len(st.Reps))
	p.paint(st, grid, arms, revealed)
	return p.pix
}

// floorStudy is the study preset's study with the seed, its reps grouped
// by arm as the floor groups them, and the arms in that order.
func floorStudy(t *testing.T, seed uint64) (*study.Study, [][]int, []study.Arm) {
	t.Helper()
	sc, _ := param.NewScenario("study")
	sc.Seed = seed
	st, err := study.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	groups := make([][]int, study.NumArms)
	arms := make([]study.Arm, study.NumArms)
	for i, a := range st.Arms {
		groups[a] = append(groups[a], i)
	}
	for a := range arms {
		arms[a] = study.Arm(a)
	}
	return st, groups, arms
}

// floorShot renders a finished study's floor as the app draws it.
func floorShot(t *testing.T, revealed bool) (*study.Study, layout.FloorGrid, []byte, int) {
	t.Helper()
	st, groups, arms := floorStudy(t, 4)
	st.RunToEnd(2)
	grid := layout.Floor(layout.Rect{W: 600, H: 400}, groups, 16)
	rows := 0
	for _, g := range grid.Groups {
		rows += g.Rows
	}
	w, h := grid.Cols*desk, rows*desk
	return st, grid, deskPixels(st, grid, arms, revealed, w, h), w
}

// tile is the greyscale of a desk's pixels, row by row.
func tile(pix []byte, w int, grid layout.FloorGrid, gi, k int) []float64 {
	row := k / grid.Cols
	for _, g := range grid.Groups[:gi] {
		row += g.Rows
	}
	x0, y0 := (k%grid.Cols)*desk, row*desk
	var t []float64
	for dy := range desk - 1 {
		for dx := range desk - 1 {
			t = append(t, grey(pix, w, x0+dx, y0+dy))
		}
	}
	return t
}

// In greyscale the five groups still differ: the lit pixels of an employed
// rep's desk form a different shape in every group, though their colours
// are close in luminance (orange and vermilion, which deuteranopia merges,
// are the closest).
func TestFloorGroupsDifferInGreyscale(t *testing.T) {
	st, grid, pix, w := floorShot(t, false)
	bg := 0.2126*float64(background.R) + 0.7152*float64(background.G) + 0.0722*float64(background.B)
	var shapes [study.NumArms]string
	for gi, g := range grid.Groups {
		for k, i := range g.Reps {
			if r := &st.Reps[i]; r.Employed() && r.LastSales > 0 {
				for j, v := range tile(pix, w, grid, gi, k) {
					if j == 0 || j == 1 || j == desk-1 { // the mentored's cut corner
						v = 0
					}
					shapes[gi] += map[bool]string{true: "#", false: "."}[v > bg+15]
				}
				break
			}
		}
	}
	for a := range shapes {
		for b := range a {
			if shapes[a] == shapes[b] || shapes[a] == "" {
				t.Errorf("groups %v and %v look alike in greyscale: %q, %q", study.Arm(a), study.Arm(b), shapes[a], shapes[b])
			}
		}
	}
	lum := func(c color.RGBA) float64 { return 0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B) }
	if d := lum(armColors[study.OptinDenied]) - lum(armColors[study.Optout]); d < 40 && shapes[study.OptinDenied] == shapes[study.Optout] {
		t.Error("orange and vermilion groups differ neither in luminance nor in shape")
	}
}

// Revealed, ability shows in brightness as well as colour: the strongest
// employed rep's desk is much brighter in greyscale than the weakest's.
func TestRevealedAbilityShowsInGreyscale(t *testing.T) {
	st, grid, pix, w := floorShot(t, true)
	type seat struct {
		gi, k int
		a     float64
	}
	var weak, strong *seat
	for gi, g := range grid.Groups {
		if study.Arm(gi) != study.MandatoryControl { // one pattern, no mentor's corner
			continue
		}
		for k, i := range g.Reps {
			if r := &st.Reps[i]; r.Employed() {
				if weak == nil || r.Ability < weak.a {
					weak = &seat{gi, k, r.Ability}
				}
				if strong == nil || r.Ability > strong.a {
					strong = &seat{gi, k, r.Ability}
				}
			}
		}
	}
	mean := func(d *seat) float64 {
		var sum, n float64
		for _, v := range tile(pix, w, grid, d.gi, d.k) {
			if v > 40 {
				sum, n = sum+v, n+1
			}
		}
		return sum / n
	}
	if mw, ms := mean(weak), mean(strong); ms-mw < 30 {
		t.Errorf("ability %.2f looks %.0f grey, ability %.2f looks %.0f: too close", weak.a, mw, strong.a, ms)
	}
}

// The floor repainted day by day, only where desks changed, shows what a
// fresh painting of the same day shows, also after Reveal and back.
func TestFloorRepaintMatchesFreshPaint(t *testing.T) {
	st, groups, arms := floorStudy(t, 5)
	grid := layout.Floor(layout.Rect{W: 600, H: 400}, groups, 16)
	w, h := grid.ImageSize()
	p := newDeskPainter(w, h, len(st.Reps))
	repainted := 0
	for day := 0; !st.Done(); day++ {
		revealed := day%97 > 80
		if p.paint(st, grid, arms, revealed) {
			repainted++
		}
		if day%23 == 0 || revealed {
			if fresh := deskPixels(st, grid, arms, revealed, w, h); !bytes.Equal(p.pix, fresh) {
				t.Fatalf("day %d (revealed %v): the repainted floor differs from a fresh painting", day, revealed)
			}
		}
		st.StepDay()
	}
	if repainted < st.Days()/2 {
		t.Errorf("repainted on %d of %d days; want most", repainted, st.Days())
	}
}

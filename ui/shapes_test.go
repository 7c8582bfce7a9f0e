package ui

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"mentorsim/ui/layout"
)

// TestShapesDrawAsVector checks that shapes paints the pixels package
// vector paints for the same rectangles and lines, which the charts drew
// with before.
func TestShapesDrawAsVector(t *testing.T) {
	band, curve := withAlpha(armColors[1], 0x40), armColors[2]
	rects := []layout.Rect{{X: 3.2, Y: 10.7, W: 5.5, H: 40.1}, {X: 8.7, Y: 20.2, W: 5.5, H: 12}}
	lines := [][4]float64{{2, 50, 30.5, 12.25}, {30.5, 12.25, 60, 12.25}, {60, 12.25, 61, 70}}
	var want, got []byte
	inFrame(func() {
		a, b := ebiten.NewImage(64, 80), ebiten.NewImage(64, 80)
		var sh shapes
		sh.on(b)
		for _, r := range rects {
			vector.DrawFilledRect(a, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), band, false)
			sh.rect(r, band)
		}
		for _, l := range lines {
			vector.StrokeLine(a, float32(l[0]), float32(l[1]), float32(l[2]), float32(l[3]), 1.96, curve, false)
			sh.line(l[0], l[1], l[2], l[3], 1.96, curve)
		}
		sh.flush()
		want, got = make([]byte, 4*64*80), make([]byte, 4*64*80)
		a.ReadPixels(want)
		b.ReadPixels(got)
	})
	inked, differ := 0, 0
	for i := 0; i < len(want); i += 4 {
		if want[i+3] != 0 {
			inked++
		}
		if [4]byte(want[i:i+4]) != [4]byte(got[i:i+4]) {
			differ++
		}
	}
	if inked < 300 || differ > 0 {
		t.Errorf("%d of %d inked pixels differ from package vector's", differ, inked)
	}
}

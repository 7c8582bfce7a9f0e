package ui

import (
	"fmt"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/ui/layout"
)

// sliceBudget is the time an Update spends on a run to the end: most of a
// 60 Hz frame, so that the app keeps drawing and taking input while a big
// study runs to its end (session.StartRunToEnd).
const sliceBudget = 10 * time.Millisecond

// finishSome steps the run to the end under way, a day at a time, until
// the frame's budget from start is used.
func (g *Game) finishSome(start time.Time) {
	for g.s.Finishing() && time.Since(start) < sliceBudget {
		g.s.FinishDay()
	}
}

// FinishSlice steps the run to the end under way for one frame's budget
// and reports whether it is still under way. It takes the game's lock, so
// it runs between frames: the page API calls it, so that its runToEnd goes
// on where the browser draws no frames (a hidden tab).
func (g *Game) FinishSlice() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.finishSome(time.Now())
	return g.s.Finishing()
}

// progressLabel is what the To end button says while the study runs to
// its end.
func progressLabel(p float64) string { return fmt.Sprintf("%d%%", int(100*p)) }

// drawProgress draws a run to the end's progress as a bar along the foot
// of the button bar.
func (g *Game) drawProgress(dst *ebiten.Image) {
	if !g.s.Finishing() {
		return
	}
	bar, u := g.view.frame.Bar, g.view.unit()
	h := 0.25 * u
	fill(dst, layout.Rect{X: bar.X, Y: bar.Y + bar.H - h, W: bar.W, H: h}, withAlpha(accent, 0x40))
	fill(dst, layout.Rect{X: bar.X, Y: bar.Y + bar.H - h, W: bar.W * g.s.Progress(), H: h}, accent)
}

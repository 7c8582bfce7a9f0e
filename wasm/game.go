//go:build js && wasm

package main

import (
	"sync/atomic"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/ui"
)

// game is the app with counts of its updates and frames and the time they
// took, for the page API. Embedding keeps every other method of ui.Game, so
// Ebitengine sees the same optional interfaces.
type game struct {
	*ui.Game
	updates, frames  atomic.Int64
	updateNS, drawNS atomic.Int64 // total time in Update and in Draw
}

// Update advances the app and times it.
func (g *game) Update() error {
	start := time.Now()
	err := g.Game.Update()
	g.updateNS.Add(int64(time.Since(start)))
	g.updates.Add(1)
	return err
}

// Draw draws a frame, times it and counts it; the first one also sets
// window.mentorsimFirstFrame to performance.now(), the milliseconds since
// navigation.
func (g *game) Draw(screen *ebiten.Image) {
	start := time.Now()
	g.Game.Draw(screen)
	g.drawNS.Add(int64(time.Since(start)))
	if g.frames.Add(1) == 1 {
		js.Global().Set("mentorsimFirstFrame", js.Global().Get("performance").Call("now"))
	}
}

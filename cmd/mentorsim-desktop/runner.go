package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/cmd/mentorsim-desktop/internal/desktop"
	"mentorsim/ui"
)

// runner wraps the app for -frames and -screenshot: after frames ticks it
// stops advancing the app, saves the next frame it draws and ends the game
// loop. With frames 0 it is the app unchanged.
type runner struct {
	*ui.Game // Layout (and anything else the app implements) passes through

	frames     int
	screenshot string
	tickLog    io.Writer // where the test hook prints each tick (desktop.TicksEnv); nil: nowhere

	ticks         int // Updates passed to the app
	done          bool
	err           error
	width, height int // of the saved frame
}

func (r *runner) Update() error {
	switch {
	case r.err != nil:
		return r.err
	case r.done:
		return ebiten.Termination
	case r.frames > 0 && r.ticks >= r.frames:
		// Hold the state until Draw has saved it: Ebitengine may run
		// several Updates per frame to catch up.
		return nil
	}
	r.ticks++
	err := r.Game.Update()
	if r.tickLog != nil {
		fmt.Fprintf(r.tickLog, "tick %d\n", r.ticks)
	}
	return err
}

// Draw draws the app and, once the ticks are done, saves the frame. The
// screen Draw gets is Ebitengine's offscreen image (the window's contents
// at the layout size, before scaling to the window), whose pixels may be
// read inside Draw.
func (r *runner) Draw(screen *ebiten.Image) {
	r.Game.Draw(screen)
	if r.frames == 0 || r.ticks < r.frames || r.done {
		return
	}
	r.done = true
	if r.screenshot != "" {
		r.err = r.save(screen)
	}
}

func (r *runner) save(screen *ebiten.Image) error {
	b := screen.Bounds()
	img := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	// Both are 8-bit RGBA with premultiplied alpha, row after row.
	screen.ReadPixels(img.Pix)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	if err := desktop.WriteFile(r.screenshot, buf.Bytes()); err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	r.width, r.height = b.Dx(), b.Dy()
	return nil
}

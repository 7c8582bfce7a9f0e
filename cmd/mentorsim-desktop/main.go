// Command mentorsim-desktop is mentorsim's app in a desktop window: the same
// Ebitengine game (package ui) the browser runs. `mentorsim-desktop -h`
// lists its flags; the run is chosen as with cmd/mentorsim.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/cmd/mentorsim-desktop/internal/desktop"
	_ "mentorsim/cmd/mentorsim-desktop/internal/nodisplay/atinit" // before Ebitengine's init: no panic without a display
	"mentorsim/sim/param"
	"mentorsim/ui"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run returns the exit status: 0 on success (or -h), 2 for bad input, 1
// when something else failed. All input is checked before the window opens.
func run(args []string, stdout, stderr io.Writer) int {
	o, err := desktop.ParseArgs(args, stderr)
	if errors.Is(err, desktop.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "mentorsim-desktop: %v\n", err)
		return 2
	}
	s, err := desktop.Session(o)
	if err != nil {
		fmt.Fprintf(stderr, "mentorsim-desktop: %v\n", err)
		var fe *param.FieldError
		if errors.As(err, &fe) {
			return 2
		}
		return 1
	}
	s.Playing = o.Play && !s.Study.Done()

	g := ui.NewGame(s, desktop.NewPlatform(stdout))
	ui.Options()
	r := &runner{Game: g, frames: o.Frames, screenshot: o.Screenshot}
	if os.Getenv(desktop.TicksEnv) != "" {
		r.tickLog = stdout
	}
	if err := ebiten.RunGame(r); err != nil {
		fmt.Fprintf(stderr, "mentorsim-desktop: %v\n", err)
		return 1
	}
	switch {
	case o.Screenshot == "":
	case !r.done:
		fmt.Fprintf(stderr, "mentorsim-desktop: the window closed after %d of %d ticks; no screenshot\n", r.ticks, o.Frames)
		return 1
	default:
		fmt.Fprintf(stderr, "mentorsim-desktop: wrote %s (%dx%d) after %d ticks\n", o.Screenshot, r.width, r.height, r.ticks)
	}
	return 0
}

package nodisplay

import (
	"errors"
	"fmt"
	"io"

	"mentorsim/cmd/mentorsim-desktop/internal/desktop"
	"mentorsim/internal/xdisplay"
)

// Answer answers the command line args if there is no display: it returns
// the exit status and true after printing usage (0), a bad flag (2) or the
// missing display (1) to stderr, or false if there is a display.
func Answer(goos string, getenv func(string) string, args []string, stderr io.Writer) (int, bool) {
	if !xdisplay.Missing(goos, getenv) {
		return 0, false
	}
	_, err := desktop.ParseArgs(args, stderr)
	switch {
	case errors.Is(err, desktop.ErrHelp):
		return 0, true
	case err != nil:
		fmt.Fprintf(stderr, "mentorsim-desktop: %v\n", err)
		return 2, true
	}
	fmt.Fprintln(stderr, "mentorsim-desktop: no display: set DISPLAY, or run under xvfb-run (xvfb-run -a mentorsim-desktop ...)")
	return 1, true
}

// Package desktop is the part of cmd/mentorsim-desktop that needs no
// window: its command line and its ui.Platform. It imports no Ebitengine
// (whose package init needs an X display on Linux), so it is tested
// anywhere.
package desktop

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"mentorsim/internal/scenarioflag"
	"mentorsim/sim/param"
)

// ErrHelp reports that -h was asked for and the usage was printed.
var ErrHelp = errors.New("help requested")

// Options are what the command line asks for.
type Options struct {
	Scenario   param.Scenario
	Play       bool   // start the study playing
	Frames     int    // quit after this many ticks (0: run until the window is closed)
	Screenshot string // after Frames ticks, save the window as this PNG
}

// Usage is printed by -h above the flags.
const Usage = `usage: mentorsim-desktop [flags]

Opens mentorsim in a window: the same app as the browser's.

The run is chosen as by mentorsim: -scenario, then -seed, then -set and the
per-parameter flags in command-line order. Bad input exits with status 2 and
one line naming the field, the value and what is allowed, before any window
opens.

Copy link: there is no clipboard; the link's query (?preset=...&seed=...)
and the equivalent mentorsim-desktop command line are printed to standard
output.
Export: summary.json and reps.csv are written to a new directory
mentorsim-export-SEED-N in the current directory (N = 1, 2, ...: the first
that does not exist yet).

-frames N runs N ticks (60 a second) and exits with status 0; with
-screenshot FILE it then saves the window's contents as a PNG. -frames
implies -play unless -play=false is given, so a screenshot shows a study in
progress.

flags:
`

// ParseArgs reads the command line. -h prints the usage and flags to usage
// and returns ErrHelp; every other error is bad input (exit status 2).
func ParseArgs(args []string, usage io.Writer) (Options, error) {
	var o Options
	fs := flag.NewFlagSet("mentorsim-desktop", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	sf := scenarioflag.Add(fs)
	fs.BoolVar(&o.Play, "play", false, "start the study playing (default true with -frames)")
	fs.IntVar(&o.Frames, "frames", 0, "run this many ticks (60 a second), then exit (0: until the window is closed)")
	fs.StringVar(&o.Screenshot, "screenshot", "", "after -frames ticks, save the window's contents to this PNG file")

	switch err := fs.Parse(args); {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(usage, Usage)
		fs.SetOutput(usage)
		fs.PrintDefaults()
		return o, ErrHelp
	case err != nil:
		return o, err
	case fs.NArg() > 0:
		return o, fmt.Errorf("argument %q is not a flag; flags go like -name value", fs.Arg(0))
	case o.Frames < 0:
		return o, fmt.Errorf("frames: %d is not allowed; want a whole number of at least 0", o.Frames)
	case o.Screenshot != "" && o.Frames == 0:
		return o, errors.New("screenshot: needs -frames N; want -frames 1 or more with -screenshot")
	}
	explicitPlay := false
	fs.Visit(func(f *flag.Flag) { explicitPlay = explicitPlay || f.Name == "play" })
	if o.Frames > 0 && !explicitPlay {
		o.Play = true
	}
	var err error
	o.Scenario, err = sf.Load()
	return o, err
}

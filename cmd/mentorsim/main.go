// Command mentorsim runs the mentoring study simulator from the command line:
// single studies, replications, calibration and the parameter table.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"
)

// A command takes its arguments and writes its results to stdout.
type command struct {
	summary string
	run     func(args []string, stdout io.Writer) error
}

var commands = map[string]command{
	"power":     {"Monte Carlo power and minimum detectable effect by hires, opt-in rate and gain", cmdPower},
	"plot":      {"draw a figure (PNG or SVG) from the CSV files run, replicate, sweep and power write", cmdPlot},
	"run":       {"simulate one study and print its estimates", cmdRun},
	"replicate": {"simulate many studies and summarise the estimates", cmdReplicate},
	"calibrate": {"fit parameters to the study's published numbers", cmdCalibrate},
	"params":    {"list the parameters: name, default, range, unit, description", cmdParams},
	"targets":   {"compare every preset with the study's published numbers", cmdTargets},
	"serve":     {"serve the built web app (make serve builds it) on loopback, or to a class with -public", cmdServe},
	"sweep":     {"run a scenario over a grid of parameter values, resumable and shardable", cmdSweep},
	"merge":     {"merge the parts of a sharded sweep", cmdMerge},
	"class":     {"the class experiment: students play the reps (serve; export, delete, bench)", cmdClass},
	"policies":  {"compare the firm's policies (mandatory, voluntary, targeted, by default, none) in money per hire", cmdPolicies},
}

func main() { os.Exit(mainArgs(os.Args[1:], os.Stdout, os.Stderr)) }

// Exit statuses: 0 on success, 1 when something failed that was not the
// input (a disk full, a lost connection), 2 for bad input (one line naming
// the field, the value and what is allowed), 3 when the program itself
// failed (a panic: a bug to report). Go's runtime exits 2 on its own fatal
// errors (out of memory, say), which the memory bounds (-max-memory) are
// there to prevent; its "fatal error:" line tells it from a refusal.
const (
	exitOK       = 0
	exitFailed   = 1
	exitBadInput = 2
	exitCrash    = 3
)

// mainArgs runs a command line and returns the exit status (exitOK, ...).
// A panic in the command is recovered, reported with its stack and exits
// exitCrash, never the bad-input status.
func mainArgs(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "mentorsim: internal error (a bug; please report it with this message): %v\n%s", r, debug.Stack())
			code = exitCrash
		}
	}()
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "help" {
		usage(stderr)
		return exitBadInput
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "mentorsim: command %q is unknown; want one of %s\n", args[0], strings.Join(commandNames(), ", "))
		return exitBadInput
	}
	err := c.run(args[1:], stdout)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		return exitOK
	case isBadInput(err):
		fmt.Fprintf(stderr, "mentorsim %s: %v\n", args[0], err)
		return exitBadInput
	default:
		fmt.Fprintf(stderr, "mentorsim %s: %v\n", args[0], err)
		return exitFailed
	}
}

func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: mentorsim <command> [flags]   (mentorsim <command> -h for its flags)")
	fmt.Fprintln(w)
	for _, n := range commandNames() {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
}

// Command mentorsim runs the mentoring study simulator from the command line:
// single studies, replications, calibration and the parameter table.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
)

// A command is one of mentorsim's commands: its line in mentorsim's own
// usage, its command line and what it does (printed by -h above its
// flags), and the function that runs it.
type command struct {
	summary string
	usage   string // after "mentorsim "
	long    string
	run     func(args []string, stdout io.Writer) error
}

// commands is set in init: the commands' functions print their usage from
// it (parse), which a package-level initialiser could not refer to.
var commands map[string]command

func init() {
	commands = map[string]command{
		"power": {"Monte Carlo power and minimum detectable effect by hires, opt-in rate and gain", "power [flags]",
			"Runs the scenario many times at each number of hires (and opt-in rate) and reports, per key estimand, how often it is significant, and the smallest true effect found with 80% power.", cmdPower},
		"plot": {"draw a figure (PNG or SVG) from the CSV files run, replicate, sweep and power write", "plot -in FILE|DIR -out FIG.png|FIG.svg [flags]",
			"Draws the figure that suits the input: revenue by tenure from daily.csv, the replications' boxes or scatter, a sweep's curves, or power curves.", cmdPlot},
		"run": {"simulate one study and print its estimates", "run [flags]",
			"Simulates one study of the scenario and prints its estimates beside the study's published numbers and the true effects; -json prints summary.json, -out writes it with reps.csv and the daily and rep-day panels.", cmdRun},
		"replicate": {"simulate many studies and summarise the estimates", "replicate [flags]",
			"Runs the scenario n times (replication k with seed+k) and summarises each estimand: mean, sd, quantiles and the share significant; -out writes every replication.", cmdReplicate},
		"calibrate": {"fit parameters to the study's published numbers", "calibrate -out FILE [flags]",
			"Fits the free parameters of a preset to the targets (the study's published numbers, or -targets FILE) and writes the fitted scenario file.", cmdCalibrate},
		"version": {"print the commit and Go version this binary was built from", "version",
			"Prints what the binary was built from: the module's version, the git commit (and whether the tree had uncommitted changes) and the Go version, as go build recorded them; quote it beside results.", cmdVersion},
		"params": {"list the parameters: name, default, range, unit, description", "params [-format text|markdown|json]",
			"Lists the parameter table: every parameter's name, default, range, unit and what it does.", cmdParams},
		"targets": {"compare every preset with the study's published numbers", "targets [flags]",
			"Runs every preset at a large size and at the study's 603 hires and prints how each reproduces the published numbers, with the plausibility constraints.", cmdTargets},
		"serve": {"serve the built web app (make serve builds it) on loopback, or to a class with -public", "serve [-addr HOST:PORT] [-dir DIR] [-public] [-seed N]",
			"Serves the web app built in web/ (gzipped), on loopback unless -public; with -public it prints the class link and its QR code.", cmdServe},
		"sweep": {"run a scenario over a grid of parameter values, resumable and shardable", "sweep -out DIR [-grid name=lo:hi:step ... | -sweep FILE] [flags]",
			"Runs the scenario over a grid of parameter values, replications at each point, and writes results.csv, summary.csv and sweep.json (with neither -grid nor -sweep, the scenario alone is the one point); -resume finishes an interrupted sweep, -shard i/n runs a part (docs/cluster.md).", cmdSweep},
		"merge": {"merge the parts of a sharded sweep", "merge -out DIR PART_DIR...",
			"Checks the parts of a sharded sweep (one sweep, one split, every shard once, finished and unchanged) and writes the files the whole sweep would have written.", cmdMerge},
		"class": {"the class experiment: students play the reps (serve; export, delete, bench)", "class [serve flags] | class export|delete|bench [flags]",
			"Runs the class experiment's server, with its SQLite database (-db); export writes sessions' data, delete removes a session, bench loads a server with simulated students.", cmdClass},
		"policies": {"compare the firm's policies (mandatory, voluntary, targeted, by default, none) in money per hire", "policies [flags]",
			"Runs every policy on the same reps and prints, per hire, the share mentored, revenue, retention, mentor cost and net, against no program.", cmdPolicies},
	}
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
	switch {
	case len(args) == 0: // a usage error: the list goes where errors go
		usage(stderr)
		return exitBadInput
	case slices.Contains(helpWords, args[0]) && (args[0] != "help" || len(args) == 1 || slices.Contains(helpWords, args[1])):
		usage(stdout)
		return exitOK
	case args[0] == "help": // help CMD [SUB] is CMD [SUB] -h
		args = append(args[1:len(args):len(args)], "-h")
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "mentorsim: command %q is unknown; want one of %s\n", args[0], strings.Join(commandNames(), ", "))
		return exitBadInput
	}
	err := c.run(args[1:], stdout)
	var help helpAsked
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &help):
		printUsage(help.fs, stdout)
		return exitOK
	case isBadInput(err):
		fmt.Fprintf(stderr, "mentorsim %s: %v\n", args[0], err)
		return exitBadInput
	default:
		fmt.Fprintf(stderr, "mentorsim %s: %v\n", args[0], err)
		return exitFailed
	}
}

// helpWords ask for the list of commands.
var helpWords = []string{"-h", "-help", "--help", "help"}

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

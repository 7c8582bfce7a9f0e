package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"regexp"
	"runtime"
	"strconv"
	"strings"

	"mentorsim/internal/atomicout"
	"mentorsim/internal/scenarioflag"
	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

// helpAsked reports that -h was asked for: mainArgs prints the flag set's
// usage to stdout, since help asked for is output, not an error.
type helpAsked struct{ fs *flag.FlagSet }

func (helpAsked) Error() string { return "help requested" }

// badInput marks an error as the user's input being wrong (exit status 2).
type badInput struct{ err error }

func (b badInput) Error() string { return b.err.Error() }
func (b badInput) Unwrap() error { return b.err }

func (b badInput) BadInput() bool { return true }

// inputError is what every package's refusals of the user's input
// implement (param.FieldError, sweeprun.InputError, atomicout.Error,
// badInput): the exit status is 2 for them, whatever their type.
type inputError interface{ BadInput() bool }

func isBadInput(err error) bool {
	var ie inputError
	return errors.As(err, &ie) && ie.BadInput()
}

func bad(format string, args ...any) error { return badInput{fmt.Errorf(format, args...)} }

// newFlags makes a command's flag set. Errors come back to the caller as one
// line instead of the flag package's usage dump; -h prints the flags.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("mentorsim "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses args, printing usage for -h and turning errors into bad input.
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return helpAsked{fs}
	case err != nil:
		return badInput{flagError(fs, err)}
	case fs.NArg() > 0:
		return bad("argument %q is not a flag; flags go like -name value", fs.Arg(0))
	}
	return nil
}

// The flag package's own errors, which flagError rewrites to name the
// flag, the value and what is allowed.
var (
	badBool    = regexp.MustCompile(`^invalid boolean value "(.*)" for -(\S+): parse error$`)
	badValue   = regexp.MustCompile(`^invalid value "(.*)" for flag -(\S+): (.*)$`)
	notDefined = regexp.MustCompile(`^flag provided but not defined: -(\S+)$`)
)

// flagError rewrites an error of fs.Parse as the command line's other
// refusals read: "name: value is not allowed; want ...".
func flagError(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	if m := badBool.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s: %q is not allowed; want true or false (-%s alone is true)", m[2], m[1], m[2])
	}
	if m := badValue.FindStringSubmatch(msg); m != nil {
		if strings.HasPrefix(m[3], m[2]+": ") { // the flag's own refusal names it already
			return errors.New(m[3])
		}
		return fmt.Errorf("%s: %q is not allowed; %s", m[2], m[1], m[3])
	}
	if m := notDefined.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("-%s is not a flag of %s; want one that `%s -h` lists", m[1], fs.Name(), fs.Name())
	}
	return err
}

// simFlags are the flags of the commands that simulate a scenario: the
// scenario flags, -workers and, for those that write files, -out.
type simFlags struct {
	command  string // run, replicate, …: whose outputs -out may replace
	scenario *scenarioflag.Flags
	workers  *int
	out      *string
}

// addSimFlags registers them; outUsage empty means the command has no -out.
func addSimFlags(fs *flag.FlagSet, outUsage string) *simFlags {
	f := &simFlags{command: strings.TrimPrefix(fs.Name(), "mentorsim "), scenario: scenarioflag.Add(fs), workers: addWorkers(fs), out: new(string)}
	if outUsage != "" {
		fs.StringVar(f.out, "out", "", outUsage)
	}
	return f
}

// load parses args and builds the scenario, and checks -workers and -out,
// all before anything is simulated.
func (f *simFlags) load(fs *flag.FlagSet, args []string) (param.Scenario, error) {
	if err := parse(fs, args); err != nil {
		return param.Scenario{}, err
	}
	sc, err := f.scenario.Load()
	if err != nil {
		return sc, err
	}
	if err := checkWorkers(*f.workers); err != nil {
		return sc, err
	}
	if !flagGiven(fs, "out") {
		return sc, nil
	}
	if *f.out == "" {
		return sc, bad("out: an empty name is not allowed; want a directory, like results or out/run1")
	}
	return sc, checkOutDir(f.command, *f.out)
}

// write writes files as the command's -out directory, if one is given.
func (f *simFlags) write(files ...atomicout.File) error {
	if *f.out == "" {
		return nil
	}
	return writeFiles(f.command, *f.out, files)
}

// wholeFlag is a whole-number flag written as param.NumberSyntax says, so
// that every number on the command line reads the same way (flag.Int would
// also take 0x10 and 1_000).
type wholeFlag struct{ p *int }

func (f wholeFlag) Set(s string) error {
	v, ok := param.ParseNumber(s)
	if !ok || v != math.Trunc(v) || math.Abs(v) > 1<<53 {
		return errors.New("want a whole number written in plain decimal, like 4 or 200")
	}
	*f.p = int(v)
	return nil
}

func (f wholeFlag) String() string {
	if f.p == nil {
		return "0"
	}
	return strconv.Itoa(*f.p)
}

// intFlag adds a whole-number flag.
func intFlag(fs *flag.FlagSet, name string, value int, usage string) *int {
	p := &value
	fs.Var(wholeFlag{p}, name, usage)
	return p
}

// addWorkers adds -workers, defaulting to every core.
func addWorkers(fs *flag.FlagSet) *int {
	return intFlag(fs, "workers", runtime.NumCPU(), "parallel workers (results do not depend on it)")
}

// checkSeeds refuses a seed whose n replications (seeds seed to
// seed+n−1, replicate.Seed) would pass 2⁶⁴ − 1 and wrap to 0.
func checkSeeds(seed uint64, n int) error {
	if last := uint64(n - 1); seed > math.MaxUint64-last {
		return bad("seed: %d is not allowed with %d replications, whose seeds would pass %d; want at most %d", seed, n, uint64(math.MaxUint64), uint64(math.MaxUint64)-last)
	}
	return nil
}

func checkWorkers(n int) error {
	if n < 1 {
		return bad("workers: %s is not allowed; want a whole number of at least 1", strconv.Itoa(n))
	}
	return nil
}

// specNote ends a command's first line with how the revenue lifts were
// estimated, unless by the default.
func specNote(spec study.Spec) string {
	if spec == study.SpecOLS {
		return ""
	}
	return "; revenue lifts by -spec " + spec.String() + " (tenure-day and training-class fixed effects, errors clustered by class)"
}

// specFlag adds -spec, how the revenue lifts are estimated, read and
// checked as the flags are parsed.
func specFlag(fs *flag.FlagSet) *study.Spec {
	spec := study.SpecOLS
	fs.Func("spec", "revenue lifts: ols (treatment dummy, errors clustered by rep; the default) or fe (tenure-day and training-class fixed effects, clustered by class)", func(s string) error {
		sp, err := study.ParseSpec(s)
		spec = sp
		return err
	})
	return &spec
}

// printUsage prints a command's usage line and what it does (from
// commands), then its flags, to w.
func printUsage(fs *flag.FlagSet, w io.Writer) {
	fs.SetOutput(w)
	name := strings.TrimPrefix(fs.Name(), "mentorsim ")
	c, ok := commands[name]
	if sub, isSub := strings.CutPrefix(name, "class "); isSub {
		c, ok = classCommand(sub)
	}
	if ok {
		fmt.Fprintf(w, "usage: mentorsim %s\n\n%s\n\nflags:\n", c.usage, c.long)
	}
	fs.PrintDefaults()
}

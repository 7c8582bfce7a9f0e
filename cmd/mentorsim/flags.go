package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"

	"mentorsim/sim/param"
)

// errHelp reports that -h was asked for and usage was printed.
var errHelp = errors.New("help requested")

// badInput marks an error as the user's input being wrong (exit status 2).
type badInput struct{ err error }

func (b badInput) Error() string { return b.err.Error() }
func (b badInput) Unwrap() error { return b.err }

func isBadInput(err error) bool {
	var b badInput
	var f *param.FieldError
	return errors.As(err, &b) || errors.As(err, &f)
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
		fs.SetOutput(os.Stderr)
		fs.PrintDefaults()
		return errHelp
	case err != nil:
		return badInput{err}
	case fs.NArg() > 0:
		return bad("argument %q is not a flag; flags go like -name value", fs.Arg(0))
	}
	return nil
}

// scenarioFlags are the flags that choose a scenario: -scenario, -seed,
// -set name=value, and one flag per parameter, all from the parameter table.
type scenarioFlags struct {
	scenario  string
	seed      string
	overrides [][2]string // (name, value) in command-line order
}

func addScenarioFlags(fs *flag.FlagSet) *scenarioFlags {
	f := &scenarioFlags{}
	fs.StringVar(&f.scenario, "scenario", "study", "preset ("+strings.Join(param.PresetNames(), ", ")+") or scenario file")
	fs.StringVar(&f.seed, "seed", "", "random seed (default: the scenario's, else 1)")
	fs.Func("set", "set a parameter: name=value (repeatable)", func(s string) error {
		name, value, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("-set %q: want name=value", s)
		}
		f.overrides = append(f.overrides, [2]string{name, value})
		return nil
	})
	for _, s := range param.Specs() {
		usage := fmt.Sprintf("%s [%s; %s]", s.Description, s.Unit, s.Allowed())
		fs.Func(s.Name, usage, func(v string) error {
			f.overrides = append(f.overrides, [2]string{s.Name, v})
			return nil
		})
	}
	return f
}

// load builds the scenario: the preset or file, then -seed, then the
// parameter overrides in order.
func (f *scenarioFlags) load() (param.Scenario, error) {
	sc, err := loadScenario(f.scenario)
	if err != nil {
		return sc, err
	}
	if f.seed != "" {
		if sc.Seed, err = param.ParseSeed(f.seed); err != nil {
			return sc, err
		}
	}
	for _, o := range f.overrides {
		if err := sc.Params.SetString(o[0], o[1]); err != nil {
			return sc, err
		}
	}
	return sc, sc.Params.Validate()
}

// loadScenario takes a preset name or a scenario file's path.
func loadScenario(name string) (param.Scenario, error) {
	if sc, err := param.NewScenario(name); err == nil {
		return sc, nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return param.Scenario{}, bad("scenario: %q is neither a preset (%s) nor a readable file (%v)",
			name, strings.Join(param.PresetNames(), ", "), errors.Unwrap(err))
	}
	sc, err := param.ParseScenario(data)
	if err != nil {
		return sc, badInput{fmt.Errorf("scenario file %s: %w", name, err)}
	}
	return sc, nil
}

// addWorkers adds -workers, defaulting to every core.
func addWorkers(fs *flag.FlagSet) *int {
	return fs.Int("workers", runtime.NumCPU(), "parallel workers (results do not depend on it)")
}

func checkWorkers(n int) error {
	if n < 1 {
		return bad("workers: %s is not allowed; want a whole number of at least 1", strconv.Itoa(n))
	}
	return nil
}

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"mentorsim/internal/memlimit"
	"mentorsim/internal/readlimit"
	"mentorsim/internal/scenarioflag"
	"mentorsim/internal/sweeprun"
	"mentorsim/sim/param"
	"mentorsim/sim/sweep"
)

// The files of a sweep's output directory.
const (
	sweepRecord  = sweeprun.Record
	sweepResults = sweeprun.Results
	sweepSummary = sweeprun.Summary
	sweepJournal = sweeprun.Journal
)

// maxSweepFile bounds a sweep file (explicit points make the largest).
const maxSweepFile = 16 << 20

func cmdSweep(args []string, stdout io.Writer) error {
	fs := newFlags("sweep")
	sf := scenarioflag.Add(fs)
	given := recordFlags(fs) // the scenario flags in command-line order, for -sweep
	workers := addWorkers(fs)
	out := fs.String("out", "", "directory for results.csv, summary.csv and sweep.json (required)")
	var grids []string
	fs.Func("grid", "a swept parameter: name=lo:hi:step (inclusive) or name=v1,v2,... (repeatable; the product, the last varying fastest)", func(s string) error {
		grids = append(grids, s)
		return nil
	})
	file := fs.String("sweep", "", "sweep file (JSON): preset, seed, params, grid or points, replications, hires; scenario flags apply on top")
	reps := intFlag(fs, "replications", 100, "studies per grid point")
	resume := fs.Bool("resume", false, "finish the sweep already started in -out, running only the tasks its journal lacks")
	shardText := fs.String("shard", "", "i/n: run only part i of n (tasks whose index mod n is i-1); merge the parts with mentorsim merge")
	maxMem := memlimit.Flag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return bad("out: no directory is given; want -out DIR")
	}
	if err := checkWorkers(*workers); err != nil {
		return err
	}
	var sh sweep.Shard
	if *shardText != "" {
		var err error
		if sh, err = sweep.ParseShard(*shardText); err != nil {
			return err
		}
	}
	spec, err := sweepSpec(sf, *given, grids, *file, *reps, flagGiven(fs, "replications"), *maxMem)
	if err != nil {
		return err
	}
	if *file == "" {
		noteReplaced(os.Stderr, spec)
	}
	if err := memlimit.Check(fmt.Sprintf("this sweep on %d workers", *workers), sweeprun.Memory(spec, *workers), *maxMem); err != nil {
		return badInput{err}
	}
	return runSweep(stdout, *out, spec, sh, *workers, *resume)
}

// recorded is a scenario flag as given.
type recorded struct{ name, value string }

// recorder passes a flag on to its own Value and notes it.
type recorder struct {
	flag.Value
	name string
	log  *[]recorded
}

// String is the flag's value; the zero recorder (which flag's help
// makes to tell a default from zero) has none.
func (r recorder) String() string {
	if r.Value == nil {
		return ""
	}
	return r.Value.String()
}

func (r recorder) Set(s string) error {
	*r.log = append(*r.log, recorded{r.name, s})
	return r.Value.Set(s)
}

// recordFlags makes every flag fs has so far note, in order, that it was
// given, so that a sweep file's scenario can take the scenario flags on top.
func recordFlags(fs *flag.FlagSet) *[]recorded {
	log := &[]recorded{}
	fs.VisitAll(func(f *flag.Flag) { f.Value = recorder{f.Value, f.Name, log} })
	return log
}

// sweepSpec builds the sweep from the flags or the sweep file.
func sweepSpec(sf *scenarioflag.Flags, given []recorded, grids []string, file string, reps int, repsGiven bool, maxMem memlimit.Bytes) (sweep.Spec, error) {
	spec, err := buildSweep(sf, given, grids, file, reps, repsGiven, maxMem)
	if err != nil {
		return sweep.Spec{}, err
	}
	return spec, setAndSwept(given, spec.Columns)
}

func buildSweep(sf *scenarioflag.Flags, given []recorded, grids []string, file string, reps int, repsGiven bool, maxMem memlimit.Bytes) (sweep.Spec, error) {
	var axes []sweep.Axis
	for _, g := range grids {
		a, err := sweep.ParseAxis(g)
		if err != nil {
			return sweep.Spec{}, err
		}
		axes = append(axes, a)
	}
	if file == "" {
		sc, err := sf.Load()
		if err != nil {
			return sweep.Spec{}, err
		}
		return newGrid(sc, axes, reps, maxMem)
	}
	data, err := readlimit.ReadFile(file, maxSweepFile)
	var tl *readlimit.TooLarge
	if errors.As(err, &tl) {
		return sweep.Spec{}, &param.FieldError{Field: "sweep", Value: fmt.Sprintf("%q", file), Problem: tl.Error(), Allowed: "a sweep file (JSON) of at most " + readlimit.Size(maxSweepFile)}
	}
	if err != nil {
		return sweep.Spec{}, &param.FieldError{Field: "sweep", Value: fmt.Sprintf("%q", file), Problem: fmt.Sprintf("cannot be read (%v)", errors.Unwrap(err)), Allowed: "a sweep file (JSON)"}
	}
	f, err := sweep.ParseFile(data)
	if err != nil {
		return sweep.Spec{}, fmt.Errorf("sweep file %s: %w", file, err)
	}
	if len(grids) > 0 {
		return sweep.Spec{}, bad("grid: -grid and -sweep are both given; want the grid in one place")
	}
	sc := f.Scenario
	for _, g := range given {
		switch g.name {
		case "scenario":
			return sweep.Spec{}, bad("scenario: -scenario and -sweep are both given; want the preset in the sweep file")
		case "seed":
			if sc.Seed, err = param.ParseSeed(g.value); err != nil {
				return sweep.Spec{}, err
			}
		case "set":
			name, value, _ := strings.Cut(g.value, "=")
			err = sc.Params.SetString(name, value)
		default:
			err = sc.Params.SetString(g.name, g.value)
		}
		if err != nil {
			return sweep.Spec{}, err
		}
	}
	if !repsGiven && f.Replications > 0 {
		reps = f.Replications
	}
	if f.Points != nil {
		return sweep.NewPoints(sc, f.Columns, f.Points, reps)
	}
	return newGrid(sc, f.Axes, reps, maxMem)
}

// noteReplaced says which of the scenario's own values (a scenario file's,
// away from its preset's) the grid's replace: a flag that set one is
// refused (setAndSwept), but a file's is the file's to keep, so it is
// only said.
func noteReplaced(w io.Writer, spec sweep.Spec) {
	base, err := param.Preset(spec.Scenario.Preset)
	if err != nil {
		return
	}
	changed := spec.Scenario.Params.Diff(base)
	for _, name := range spec.Columns {
		if slices.Contains(changed, name) {
			v, _ := spec.Scenario.Params.Get(name)
			fmt.Fprintf(w, "mentorsim sweep: note: the grid's %s replaces the scenario's %s\n", name, param.Format(v))
		}
	}
}

// setAndSwept refuses a parameter that a flag (-name or -set name=) sets
// and the sweep also varies (one of its Columns): the sweep's values would
// silently replace it.
func setAndSwept(given []recorded, swept []string) error {
	for _, g := range given {
		name, flagName := g.name, "-"+g.name
		if g.name == "set" {
			name, _, _ = strings.Cut(g.value, "=")
			flagName = "-set " + name
		}
		if slices.Contains(swept, name) {
			return bad("%s: set by %s and swept too; want it in one place (the grid's values, or the flag without the grid's)", name, flagName)
		}
	}
	return nil
}

// newGrid refuses a grid whose points alone would exceed the memory limit
// before making them.
func newGrid(sc param.Scenario, axes []sweep.Axis, reps int, maxMem memlimit.Bytes) (sweep.Spec, error) {
	points := 1.0
	for _, a := range axes {
		points *= float64(len(a.Values))
	}
	if err := memlimit.Check(fmt.Sprintf("a grid of %.0f points", points), memlimit.Base+float64(points*sweeprun.PerPoint(len(axes))), maxMem); err != nil {
		return sweep.Spec{}, badInput{err}
	}
	return sweep.NewGrid(sc, axes, reps)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// runSweep runs the shard's tasks not yet journalled in dir and writes the
// outputs (package sweeprun).
func runSweep(stdout io.Writer, dir string, spec sweep.Spec, sh sweep.Shard, workers int, resume bool) error {
	rep, err := sweeprun.Run(sweeprun.Options{Dir: dir, Spec: spec, Shard: sh, Workers: workers, Resume: resume,
		Progress: func(n int) sweeprun.Progress { return newProgress(n, "tasks") }, Warn: os.Stderr})
	if err != nil {
		return err
	}
	if rep.Complete {
		_, err := fmt.Fprintf(stdout, "mentorsim sweep: %s is already complete\n", dir)
		return err
	}
	part := ""
	if sh.N != 0 {
		part = ", shard " + sh.String()
	}
	_, err = fmt.Fprintf(stdout, "mentorsim sweep: %s × %s%s: %s run, %d from the journal; wrote %s and %s\n",
		plural(len(spec.Points), "point", "points"), plural(spec.Replications, "replication", "replications"), part,
		plural(rep.Run, "task", "tasks"), rep.FromJournal, filepath.Join(dir, sweepResults), filepath.Join(dir, sweepSummary))
	return err
}

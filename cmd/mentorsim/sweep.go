package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mentorsim/internal/scenarioflag"
	"mentorsim/sim/param"
	"mentorsim/sim/sweep"
)

// The files of a sweep's output directory.
const (
	sweepRecord  = "sweep.json"
	sweepResults = "results.csv"
	sweepSummary = "summary.csv"
	sweepJournal = ".journal"
)

// Journal lines are fsync'd at least this often and every this many tasks.
const (
	journalSyncEvery = 100 * time.Millisecond
	journalSyncTasks = 64
)

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
	reps := fs.Int("replications", 100, "studies per grid point")
	resume := fs.Bool("resume", false, "finish the sweep already started in -out, running only the tasks its journal lacks")
	shardText := fs.String("shard", "", "i/n: run only part i of n (tasks whose index mod n is i-1); merge the parts with mentorsim merge")
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
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	spec, err := sweepSpec(sf, *given, grids, *file, *reps, set["replications"])
	if err != nil {
		return err
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
func sweepSpec(sf *scenarioflag.Flags, given []recorded, grids []string, file string, reps int, repsGiven bool) (sweep.Spec, error) {
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
		return sweep.NewGrid(sc, axes, reps)
	}
	data, err := os.ReadFile(file)
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
	return sweep.NewGrid(sc, f.Axes, reps)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// runSweep runs the shard's tasks not yet in the journal, journalling each,
// then writes results.csv and summary.csv and removes the journal.
func runSweep(stdout io.Writer, dir string, spec sweep.Spec, sh sweep.Shard, workers int, resume bool) error {
	if err := checkOutDir(dir); err != nil {
		return err
	}
	rec, err := spec.Record(sh)
	if err != nil {
		return err
	}
	recPath, journalPath := filepath.Join(dir, sweepRecord), filepath.Join(dir, sweepJournal)
	var there []string
	for _, name := range []string{sweepRecord, sweepJournal, sweepResults, sweepSummary} {
		if exists(filepath.Join(dir, name)) {
			there = append(there, name)
		}
	}
	if len(there) > 0 && !resume {
		return bad("out: %q already holds a sweep (%s); use -resume to finish it, or another -out", dir, strings.Join(there, ", "))
	}
	unlock, err := lockSweep(dir)
	if err != nil {
		return err
	}
	defer unlock()
	if len(there) > 0 {
		old, err := os.ReadFile(recPath)
		if err != nil {
			return bad("out: %q holds sweep files but no readable sweep.json, so it cannot be resumed; use another -out", dir)
		}
		if !bytes.Equal(old, rec) {
			_, field := sweep.SameSweep(old, rec)
			if field == "" {
				field = "shard"
			}
			return bad("out: %q holds a different sweep (its sweep.json differs in %q); give the same flags to resume it, or use another -out", dir, field)
		}
		if !exists(journalPath) && exists(filepath.Join(dir, sweepResults)) && exists(filepath.Join(dir, sweepSummary)) {
			fmt.Fprintf(stdout, "mentorsim sweep: %s is already complete\n", dir)
			return nil
		}
	} else {
		if err := writeFiles(dir, []outFile{{sweepRecord, func(w io.Writer) error { _, err := w.Write(rec); return err }}}); err != nil {
			return err
		}
		if err := syncFiles(dir, sweepRecord, "."); err != nil {
			return err
		}
	}

	// Read the journal, cut off a torn last line, and append to it.
	rows := map[int][]byte{}
	data, err := os.ReadFile(journalPath)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	got, damaged, good := sweep.ReadJournal(data)
	for i, row := range got {
		if r, err := spec.ParseRow(row); err != nil || r.Index != i || !sh.Has(i) {
			damaged++
			continue
		}
		rows[i] = row
	}
	if damaged > 0 {
		fmt.Fprintf(os.Stderr, "mentorsim sweep: %d damaged journal lines in %s; running their tasks again\n", damaged, dir)
	}
	if good < len(data) {
		if err := os.Truncate(journalPath, int64(good)); err != nil {
			return err
		}
	}
	created := !exists(journalPath)
	journal, err := os.OpenFile(journalPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	if created {
		if err := syncFiles(dir, "."); err != nil { // the journal's directory entry
			journal.Close()
			return err
		}
	}
	indices := spec.Indices(sh)
	var todo []int
	for _, i := range indices {
		if _, ok := rows[i]; !ok {
			todo = append(todo, i)
		}
	}
	fromJournal := len(indices) - len(todo)
	err = runTasks(spec, todo, workers, journal, rows)
	if cerr := journal.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := writeSweepOutputs(dir, spec, indices, rows, nil); err != nil {
		return err
	}
	// The results are on disk before the journal goes.
	if err := syncFiles(dir, sweepResults, sweepSummary, "."); err != nil {
		return err
	}
	if err := os.Remove(journalPath); err != nil {
		return err
	}
	part := ""
	if sh.N != 0 {
		part = ", shard " + sh.String()
	}
	fmt.Fprintf(stdout, "mentorsim sweep: %d points × %d replications%s: %d tasks run, %d from the journal; wrote %s and %s\n",
		len(spec.Points), spec.Replications, part, len(todo), fromJournal,
		filepath.Join(dir, sweepResults), filepath.Join(dir, sweepSummary))
	return nil
}

// runTasks runs the tasks on workers goroutines; one goroutine appends each
// finished row to the journal with a single write and fsyncs in batches.
func runTasks(spec sweep.Spec, todo []int, workers int, journal *os.File, rows map[int][]byte) error {
	type done struct {
		i   int
		row []byte
	}
	ch := make(chan done, 2*workers)
	var failed atomic.Bool
	var taskErr error
	var errOnce sync.Once
	fail := func(err error) {
		errOnce.Do(func() { taskErr = err })
		failed.Store(true)
	}
	bar := newProgress(len(todo), "tasks")
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(workers, len(todo))) {
		wg.Go(func() {
			for k := int(next.Add(1) - 1); k < len(todo) && !failed.Load(); k = int(next.Add(1) - 1) {
				row, err := spec.RunRow(todo[k])
				if err != nil {
					fail(err)
					return
				}
				ch <- done{todo[k], row}
			}
		})
	}
	go func() { wg.Wait(); close(ch) }()

	tick := time.NewTicker(journalSyncEvery)
	defer tick.Stop()
	unsynced := 0
	syncJournal := func() {
		if unsynced > 0 && !failed.Load() {
			if err := journal.Sync(); err != nil {
				fail(fmt.Errorf("journal: %w", err))
			}
			unsynced = 0
		}
	}
	for open := true; open; {
		select {
		case d, ok := <-ch:
			if !ok {
				open = false
				break
			}
			if failed.Load() {
				continue
			}
			if _, err := journal.Write(sweep.JournalLine(d.i, d.row)); err != nil {
				fail(fmt.Errorf("journal: %w", err))
				continue
			}
			rows[d.i] = d.row
			bar.Add()
			if unsynced++; unsynced >= journalSyncTasks {
				syncJournal()
			}
		case <-tick.C:
			syncJournal()
		}
	}
	syncJournal()
	bar.Finish()
	return taskErr
}

// writeSweepOutputs writes results.csv (the rows in task order) and
// summary.csv, and any extra files, each through a temporary file and a
// rename.
func writeSweepOutputs(dir string, spec sweep.Spec, indices []int, rows map[int][]byte, extra []outFile) error {
	parsed := make([]sweep.Row, 0, len(indices))
	for _, i := range indices {
		row, ok := rows[i]
		if !ok {
			return fmt.Errorf("task %d has no results", i)
		}
		r, err := spec.ParseRow(row)
		if err != nil {
			return fmt.Errorf("task %d: %w", i, err)
		}
		parsed = append(parsed, r)
	}
	files := append(extra,
		outFile{sweepResults, func(w io.Writer) error {
			if _, err := w.Write(spec.Header()); err != nil {
				return err
			}
			for _, i := range indices {
				if _, err := w.Write(rows[i]); err != nil {
					return err
				}
			}
			return nil
		}},
		outFile{sweepSummary, func(w io.Writer) error { return spec.WriteSummary(w, parsed) }},
	)
	return writeFiles(dir, files)
}

// syncFiles fsyncs the named files (or directory, ".") in dir.
func syncFiles(dir string, names ...string) error {
	for _, name := range names {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

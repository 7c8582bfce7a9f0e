// Command benchratio prints the ratios `make bench` is run for, from the
// files it wrote: `mentorsim run -hires 200000` end to end against the
// engine at the same worker count, the NumPy twin against run, and the
// engine in js/wasm against native (interleaved by .ci/bench-compare).
// Each figure is the median of its runs; the NumPy figure is its best of 3.
//
//	go run ./internal/tools/benchratio [-dir out]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"

	"golang.org/x/perf/benchfmt"
	"gonum.org/v1/gonum/stat"
)

func main() {
	dir := flag.String("dir", "out", "the directory make bench wrote to")
	flag.Parse()
	if err := report(os.Stdout, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "benchratio:", err)
		os.Exit(1)
	}
}

// The benchmarks compared, by name as benchfmt gives it (no "Benchmark"
// prefix) and without GOMAXPROCS.
const (
	engine1 = "RunToEnd/hires=200000/workers=1"
	engine2 = "RunToEnd/hires=200000/workers=2"
	run1    = "RunCommand/hires=200000/workers=1"
	run2    = "RunCommand/hires=200000/workers=2"
)

// report writes the ratios from the files in dir.
func report(w io.Writer, dir string) error {
	runs, err := seconds(filepath.Join(dir, "bench-run.txt"))
	if err != nil {
		return err
	}
	native, err := seconds(filepath.Join(dir, "bench-compare", "new.txt"))
	if err != nil {
		return err
	}
	wasm, err := seconds(filepath.Join(dir, "bench-compare", "new.wasm.txt"))
	if err != nil {
		return err
	}
	numpy, err := numpySeconds(filepath.Join(dir, "bench-numpy.json"))
	if err != nil {
		return err
	}
	for _, need := range []struct {
		got  map[string]float64
		name string
	}{{runs, engine1}, {runs, engine2}, {runs, run1}, {runs, run2}, {native, engine1}, {wasm, engine1}} {
		if _, ok := need.got[need.name]; !ok {
			return fmt.Errorf("no %s in %s's files", need.name, dir)
		}
	}
	fmt.Fprintln(w, "== ratios (medians of the runs above; the goals are issue 21's)")
	fmt.Fprintf(w, "run end to end vs the engine, 1 worker:  %.3f s / %.3f s = %.2f× (goal ≤ 1.5×)\n", runs[run1], runs[engine1], runs[run1]/runs[engine1])
	fmt.Fprintf(w, "run end to end vs the engine, 2 workers: %.3f s / %.3f s = %.2f× (goal ≤ 1.5×)\n", runs[run2], runs[engine2], runs[run2]/runs[engine2])
	fmt.Fprintf(w, "NumPy twin vs run, 1 worker:  %.3f s / %.3f s = Go %.1f× faster (goal ≥ 10×)\n", numpy, runs[run1], numpy/runs[run1])
	fmt.Fprintf(w, "NumPy twin vs run, 2 workers: %.3f s / %.3f s = Go %.1f× faster\n", numpy, runs[run2], numpy/runs[run2])
	fmt.Fprintf(w, "js/wasm vs native, the engine on 1 worker: %.3f s / %.3f s = %.2f× (goal ≤ 2×)\n", wasm[engine1], native[engine1], wasm[engine1]/native[engine1])
	return nil
}

// procs is the GOMAXPROCS suffix of a benchmark's name.
var procs = regexp.MustCompile(`-\d+$`)

// seconds reads a file of Go benchmark results and returns each
// benchmark's median seconds per op.
func seconds(path string) (map[string]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	runs := map[string][]float64{}
	r := benchfmt.NewReader(f, path)
	for r.Scan() {
		switch rec := r.Result().(type) {
		case *benchfmt.SyntaxError:
			return nil, rec
		case *benchfmt.Result:
			if ns, ok := rec.Value("sec/op"); ok {
				name := procs.ReplaceAllString(string(rec.Name.Full()), "")
				runs[name] = append(runs[name], ns)
			}
		}
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	medians := map[string]float64{}
	for name, xs := range runs {
		slices.Sort(xs)
		medians[name] = stat.Quantile(0.5, stat.Empirical, xs, nil)
	}
	return medians, nil
}

// numpySeconds reads bench/numpy_study.py's best time.
func numpySeconds(path string) (float64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	var out struct {
		Best *float64 `json:"seconds_best"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	if out.Best == nil || *out.Best <= 0 {
		return 0, fmt.Errorf("%s: seconds_best is missing or not positive", path)
	}
	return *out.Best, nil
}

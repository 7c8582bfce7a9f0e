package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// write puts files under a temporary out directory.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const runTxt = `goos: linux
pkg: mentorsim/sim/study
BenchmarkRunToEnd/hires=200000/workers=1-2   2   700000000 ns/op   26000000 rep-days/s
BenchmarkRunToEnd/hires=200000/workers=1-2   2   600000000 ns/op   26000000 rep-days/s
BenchmarkRunToEnd/hires=200000/workers=1-2   2   650000000 ns/op   26000000 rep-days/s
BenchmarkRunToEnd/hires=200000/workers=2-2   3   400000000 ns/op
pkg: mentorsim/cmd/mentorsim
BenchmarkRunCommand/hires=200000/workers=1-2   2   780000000 ns/op
BenchmarkRunCommand/hires=200000/workers=2-2   3   440000000 ns/op
`

// TestRatiosFromMedians checks the ratios printed for known files: the
// median of the engine's three runs (0.65 s), not their mean or last.
func TestRatiosFromMedians(t *testing.T) {
	t.Parallel()
	dir := write(t, map[string]string{
		"bench-run.txt":              runTxt,
		"bench-numpy.json":           `{"hires": 200000, "seed": 1, "seconds_best": 2.6, "seconds_all": [2.6, 2.7]}` + "\n",
		"bench-compare/new.txt":      "BenchmarkRunToEnd/hires=200000/workers=1-2 3 700000000 ns/op\n",
		"bench-compare/new.wasm.txt": "BenchmarkRunToEnd/hires=200000/workers=1 3 1750000000 ns/op\n",
	})
	var b strings.Builder
	if err := report(&b, dir); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"1 worker:  0.780 s / 0.650 s = 1.20×",
		"2 workers: 0.440 s / 0.400 s = 1.10×",
		"2.600 s / 0.780 s = Go 3.3× faster",
		"2.600 s / 0.440 s = Go 5.9× faster",
		"1.750 s / 0.700 s = 2.50×",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in:\n%s", want, b.String())
		}
	}
}

// TestMissingFiguresAreNamed checks that a file without a benchmark the
// ratios need, or a bad NumPy file, is an error naming what is missing.
func TestMissingFiguresAreNamed(t *testing.T) {
	t.Parallel()
	good := map[string]string{
		"bench-run.txt":              runTxt,
		"bench-numpy.json":           `{"seconds_best": 2.6}`,
		"bench-compare/new.txt":      "BenchmarkRunToEnd/hires=200000/workers=1-2 3 700000000 ns/op\n",
		"bench-compare/new.wasm.txt": "BenchmarkRunToEnd/hires=200000/workers=1 3 1750000000 ns/op\n",
	}
	for name, bad := range map[string]string{
		"bench-compare/new.wasm.txt": "BenchmarkOther 3 1 ns/op\n",
		"bench-numpy.json":           `{"seconds_all": [2.6]}`,
		"bench-run.txt":              strings.ReplaceAll(runTxt, "RunCommand/hires=200000/workers=2", "RunCommand/hires=1000/workers=2"),
	} {
		files := map[string]string{}
		for k, v := range good {
			files[k] = v
		}
		files[name] = bad
		err := report(&strings.Builder{}, write(t, files))
		if err == nil || !(strings.Contains(err.Error(), "workers=") || strings.Contains(err.Error(), "seconds_best")) {
			t.Errorf("%s broken: error %v", name, err)
		}
	}
}

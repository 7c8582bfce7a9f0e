package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mentorsim/sim/study"
)

// rscript returns an Rscript that can load sandwich, survival and jsonlite:
// the first Rscript on PATH, else Debian's. Without one the test is
// skipped, or fails under MENTORSIM_REQUIRE_ALL=1 (as make test sets).
func rscript(t *testing.T) string {
	t.Helper()
	var tried []string
	for _, r := range []string{"Rscript", "/usr/bin/Rscript"} {
		path, err := exec.LookPath(r)
		if err != nil {
			continue
		}
		if exec.Command(path, "-e", "library(sandwich); library(survival); library(jsonlite)").Run() == nil {
			return path
		}
		tried = append(tried, path)
	}
	msg := "no Rscript with sandwich, survival and jsonlite (tried " + strings.Join(tried, ", ") + "); install Debian's r-base-core r-cran-sandwich r-cran-survival r-cran-jsonlite (make deps)"
	if os.Getenv("MENTORSIM_REQUIRE_ALL") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// examples/analysis.R, the twin of analysis.py, recomputes every estimate
// of `run -json` from the exported rep-day panel alone, with lm, sandwich
// and survival, and agrees to 1e-8, for both specs (-spec fe: lm with
// explicit dummies).
func TestAnalysisRReproducesRun(t *testing.T) {
	r := rscript(t)
	for _, spec := range []string{"ols", "fe"} {
		t.Run(spec, func(t *testing.T) { checkAnalysisR(t, r, spec) })
	}
}

func checkAnalysisR(t *testing.T, r, spec string) {
	dir := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := cli(t, "run", "-hires", "603", "-seed", "7", "-spec", spec, "-out", dir, "-json")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	var run struct{ Estimates map[string]json.RawMessage }
	if err := json.Unmarshal([]byte(stdout), &run); err != nil {
		t.Fatal(err)
	}
	// Given summary.json, the script itself exits 1 on any difference.
	out, err := exec.Command(r, "../../examples/analysis.R", "--spec", spec, filepath.Join(dir, "panel.csv"), filepath.Join(dir, "summary.json")).Output()
	if err != nil {
		t.Fatalf("analysis.R: %v: %s", err, stderrOf(err))
	}
	var got struct {
		Spec      string
		Estimates map[string]json.RawMessage
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("analysis.R printed no JSON: %v\n%s", err, out)
	}
	if got.Spec != spec {
		t.Errorf("analysis.R says spec %q, want %q", got.Spec, spec)
	}
	for _, id := range study.EstimandIDs {
		want, have := numbersOf(t, run.Estimates[id]), numbersOf(t, got.Estimates[id])
		for k := range want {
			if !close8(have[k], want[k]) {
				t.Errorf("%s[%d]: analysis.R %v, run -json %v", id, k, have[k], want[k])
			}
		}
	}
}

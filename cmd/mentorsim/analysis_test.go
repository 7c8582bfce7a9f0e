package main

import (
	"encoding/json"
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mentorsim/internal/testenv"
	"mentorsim/sim/study"
)

// findTool returns the first of candidates on PATH for which the probe
// (its arguments) succeeds. Without one the test is skipped, or fails
// under MENTORSIM_REQUIRE_ALL=1 (as make test sets); missing says what to
// install.
func findTool(t *testing.T, candidates []string, probe []string, missing string) string {
	t.Helper()
	var tried []string
	for _, c := range candidates {
		path, err := exec.LookPath(c)
		if err != nil {
			continue
		}
		if exec.Command(path, probe...).Run() == nil {
			return path
		}
		tried = append(tried, path)
	}
	msg := "no " + missing + " (tried " + strings.Join(tried, ", ") + ")"
	testenv.Unavailable(t, msg)
	return ""
}

// statsmodelsPython returns a python3 that can import statsmodels and
// pandas: the first python3 on PATH, else Debian's.
func statsmodelsPython(t *testing.T) string {
	return findTool(t, []string{"python3", "/usr/bin/python3"}, []string{"-c", "import statsmodels, pandas"},
		"python3 with statsmodels and pandas; install Debian's python3-statsmodels (make deps)")
}

// examples/analysis.py recomputes every estimate of `run -json` from the
// exported rep-day panel alone, with statsmodels, and agrees to 1e-8, for
// both specs (-spec fe: statsmodels with explicit dummies).
func TestAnalysisPyReproducesRun(t *testing.T) {
	py := statsmodelsPython(t)
	for _, spec := range []string{"ols", "fe"} {
		t.Run(spec, func(t *testing.T) { checkAnalysis(t, py, "../../examples/analysis.py", spec) })
	}
}

// checkAnalysis runs an analysis script (given summary.json it exits 1 on
// any difference itself) on a fresh run's panel and compares every
// estimate it prints with run -json's.
func checkAnalysis(t *testing.T, interpreter, script, spec string) {
	dir := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := cli(t, "run", "-hires", "603", "-seed", "7", "-spec", spec, "-out", dir, "-json")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	var run struct{ Estimates map[string]json.RawMessage }
	if err := json.Unmarshal([]byte(stdout), &run); err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(script)
	out, err := exec.Command(interpreter, script, "--spec", spec, filepath.Join(dir, "panel.csv"), filepath.Join(dir, "summary.json")).Output()
	if err != nil {
		t.Fatalf("%s: %v: %s", name, err, stderrOf(err))
	}
	var got struct {
		Spec      string
		Estimates map[string]json.RawMessage
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%s printed no JSON: %v\n%s", name, err, out)
	}
	if got.Spec != "" && got.Spec != spec {
		t.Errorf("%s says spec %q, want %q", name, got.Spec, spec)
	}
	for _, id := range study.EstimandIDs {
		want, have := numbersOf(t, run.Estimates[string(id)]), numbersOf(t, got.Estimates[string(id)])
		for k := range want {
			if !close8(have[k], want[k]) {
				t.Errorf("%s[%d]: %s %v, run -json %v", id, k, name, have[k], want[k])
			}
		}
	}
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// numbersOf reads an estimate's estimate, se and interval; null is NaN.
func numbersOf(t *testing.T, raw json.RawMessage) [4]float64 {
	t.Helper()
	var e struct {
		Estimate, SE *float64
		CI95         [2]*float64
	}
	if err := json.Unmarshal(raw, &e); err != nil || raw == nil {
		t.Fatalf("estimate %s: %v", raw, err)
	}
	var out [4]float64
	for i, p := range []*float64{e.Estimate, e.SE, e.CI95[0], e.CI95[1]} {
		out[i] = math.NaN()
		if p != nil {
			out[i] = *p
		}
	}
	return out
}

// close8 reports whether a and b agree to 1e-8 relative to max(1, |b|),
// or are both NaN.
func close8(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-8*math.Max(1, math.Abs(b))
}

// panel.csv has every rep on every tenure day, and its employed days,
// revenue, arm and class agree with reps.csv; the calendar day is the
// class's start plus the tenure day.
func TestRunPanelMatchesReps(t *testing.T) {
	out := filepath.Join(t.TempDir(), "run")
	if code, _, stderr := cli(t, "run", "-hires", "300", "-seed", "4", "-out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	panel, reps := readCSV(t, filepath.Join(out, "panel.csv")), readCSV(t, filepath.Join(out, "reps.csv"))
	if len(panel)-1 != 300*126 {
		t.Fatalf("panel.csv has %d rows, want 300 reps × 126 days", len(panel)-1)
	}
	pc, rc := index(panel[0]), index(reps[0])
	days := make([]int, 300)
	revenue := make([]float64, 300)
	for _, row := range panel[1:] {
		id, class, tenure := atoi(t, row[pc["rep"]]), atoi(t, row[pc["class"]]), atoi(t, row[pc["tenure_day"]])
		if cal := atoi(t, row[pc["calendar_day"]]); cal != class*study.ClassInterval+tenure {
			t.Fatalf("rep %d: calendar day %d, want %d", id, cal, class*study.ClassInterval+tenure)
		}
		if r := reps[id+1]; row[pc["arm"]] != r[rc["arm"]] || row[pc["class"]] != r[rc["class"]] {
			t.Fatalf("rep %d: arm/class %s/%s in panel.csv, %s/%s in reps.csv", id, row[pc["arm"]], row[pc["class"]], r[rc["arm"]], r[rc["class"]])
		}
		days[id] += atoi(t, row[pc["employed"]])
		v, _ := strconv.ParseFloat(row[pc["revenue"]], 64)
		revenue[id] += v
	}
	for id, r := range reps[1:] {
		want, _ := strconv.ParseFloat(r[rc["revenue_6m"]], 64)
		if days[id] != atoi(t, r[rc["days_employed"]]) || revenue[id] != want {
			t.Errorf("rep %d: %d days and revenue %v in panel.csv; reps.csv says %s and %v", id, days[id], revenue[id], r[rc["days_employed"]], want)
		}
	}
}

// On a study too small for some estimates (a group of one rep, or none),
// both scripts run through and print every estimate, null where the data
// cannot give it, instead of stopping with a division by zero (Python) or
// a subscript out of bounds (R).
func TestAnalysisScriptsRunOnTinyStudies(t *testing.T) {
	scripts := map[string]string{"analysis.py": statsmodelsPython(t), "analysis.R": rscript(t)}
	dir := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := cli(t, "run", "-hires", "12", "-seed", "3", "-out", dir); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	for name, interpreter := range scripts {
		out, err := exec.Command(interpreter, "../../examples/"+name, filepath.Join(dir, "panel.csv")).Output()
		if err != nil {
			t.Errorf("%s: %v: %s", name, err, stderrOf(err))
			continue
		}
		var got struct{ Estimates map[string]json.RawMessage }
		if err := json.Unmarshal(out, &got); err != nil || len(got.Estimates) != len(study.EstimandIDs) {
			t.Errorf("%s printed %d estimates (%v); want %d:\n%s", name, len(got.Estimates), err, len(study.EstimandIDs), out)
		}
	}
}

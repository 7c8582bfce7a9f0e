package class

import (
	"encoding/json"
	"math"
	"mentorsim/internal/testenv"
	"os/exec"
	"strings"
	"testing"
)

// crossCheck is the Python that computes the same intervals independently:
// statsmodels' Wilson and Newcombe (method "newcomb") intervals, and the
// log-ratio delta interval from numpy and scipy's normal quantile.
const crossCheck = `
import json, sys
import numpy as np
from scipy.stats import norm
from statsmodels.stats.proportion import proportion_confint, confint_proportions_2indep
cases = json.load(sys.stdin)
z = norm.ppf(0.975)
out = {"wilson": [], "newcombe": [], "ratio": []}
for k, n in cases["wilson"]:
    lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
    out["wilson"].append([k / n, lo, hi])
for k1, n1, k0, n0 in cases["newcombe"]:
    lo, hi = confint_proportions_2indep(k1, n1, k0, n0, method="newcomb", compare="diff", alpha=0.05)
    out["newcombe"].append([k1 / n1 - k0 / n0, lo, hi])
for y1, y0 in cases["ratio"]:
    y1, y0 = np.array(y1, float), np.array(y0, float)
    m1, m0 = y1.mean(), y0.mean()
    se = np.sqrt(y1.var(ddof=1) / (len(y1) * m1 ** 2) + y0.var(ddof=1) / (len(y0) * m0 ** 2))
    l = np.log(m1 / m0)
    out["ratio"].append([m1 / m0 - 1, np.exp(l - z * se) - 1, np.exp(l + z * se) - 1])
json.dump(out, sys.stdout)
`

// The projector's intervals agree with statsmodels and scipy on fixed
// data, including the edge cases (0 of n, n of n, two students); groups of
// 0 and 1 have none; no lift's interval goes below −100%, no share's
// leaves [0, 1].
func TestIntervalsAgreeWithStatsmodels(t *testing.T) {
	t.Parallel()
	py := pythonWithStatsmodels(t)
	wilson := [][2]int{{0, 2}, {2, 2}, {1, 2}, {3, 3}, {0, 5}, {7, 12}, {30, 31}, {50, 100}}
	newcombe := [][4]int{{3, 3, 0, 3}, {3, 4, 1, 4}, {1, 2, 1, 2}, {0, 10, 10, 10}, {12, 30, 20, 31}}
	ratio := [][2][]float64{{{5, 7}, {3, 4}}, {{12, 0, 1}, {2, 3, 1, 2}}, {{6, 6, 7, 8, 5}, {5, 6, 4, 7, 5, 6}}, {{1, 11}, {9, 10}}}
	in, _ := json.Marshal(map[string]any{"wilson": wilson, "newcombe": newcombe, "ratio": ratio})
	cmd := exec.Command(py, "-c", crossCheck)
	cmd.Stdin = strings.NewReader(string(in))
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	var want map[string][][3]float64
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	check := func(name string, i int, got [3]float64, w [3]float64) {
		for k := range got {
			if math.Abs(got[k]-w[k]) > 1e-9 {
				t.Errorf("%s case %d: %v; statsmodels/scipy %v", name, i, got, w)
				return
			}
		}
	}
	for i, c := range wilson {
		e := Wilson(c[0], c[1])
		check("Wilson", i, [3]float64{e.Estimate, e.Lo, e.Hi}, want["wilson"][i])
		if e.Lo < 0 || e.Hi > 1 || (c[0] == c[1] && e.Lo == e.Hi) {
			t.Errorf("Wilson(%d, %d) = [%v, %v]", c[0], c[1], e.Lo, e.Hi)
		}
	}
	for i, c := range newcombe {
		e := NewcombeDiff(c[0], c[1], c[2], c[3])
		check("Newcombe", i, [3]float64{e.Estimate, e.Lo, e.Hi}, want["newcombe"][i])
	}
	for i, c := range ratio {
		e := RatioLift(c[0], c[1])
		check("RatioLift", i, [3]float64{e.Estimate, e.Lo, e.Hi}, want["ratio"][i])
		if e.Lo <= -1 {
			t.Errorf("RatioLift case %d: low end %v at or below −100%%", i, e.Lo)
		}
	}
	for _, e := range []float64{Wilson(0, 0).Estimate, Wilson(1, 1).Estimate, NewcombeDiff(1, 1, 1, 3).Estimate,
		RatioLift([]float64{3}, []float64{1, 2}).Estimate, RatioLift(nil, []float64{1, 2}).Estimate, RatioLift([]float64{0, 0}, []float64{1, 2}).Estimate} {
		if !math.IsNaN(e) {
			t.Errorf("a group under two students (or a zero mean) has an estimate: %v", e)
		}
	}
}

// pythonWithStatsmodels is a python3 that can import statsmodels and
// scipy, else the test is skipped (failed under MENTORSIM_REQUIRE_ALL=1).
func pythonWithStatsmodels(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(py); err == nil && exec.Command(path, "-c", "import statsmodels, scipy, numpy").Run() == nil {
			return path
		}
	}
	msg := "no python3 with statsmodels and scipy; install Debian's python3-statsmodels (make deps)"
	testenv.Unavailable(t, msg)
	return ""
}

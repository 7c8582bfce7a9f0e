package main

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

// knownMisses are the targets a preset misses because the constraints on
// the mechanism hold (docs/calibration.md says why): with opt-in only
// weakly predictable and the gain capped, the opt-ins keep part of the
// mentor's effect, and a single surveyed channel cannot sort the reps.
var knownMisses = map[string][]string{
	"study":         {"voluntary.revenue_lift_2m"},
	"insecure":      {"voluntary.revenue_lift_2m", "voluntary.optin_vs_optout_revenue_2m"},
	"overconfident": {"voluntary.revenue_lift_2m", "voluntary.optin_vs_optout_revenue_2m"},
}

// The calibration check of docs/model.md section 9: one study of 200,000 hires
// (seed 1) per preset. `study`, `insecure` and `overconfident` hit every
// target within its tolerance but their known misses, and meet every
// constraint on the mechanism; `rational` and `random` behave as section 8
// says. The README's tables are this very output.
func TestPresetsReproduceTheStudy(t *testing.T) {
	names := param.PresetNames()
	cols := make([]study.Estimates, len(names))
	ms := make([]study.Measures, len(names))
	for i, name := range names {
		es, m, err := presetRun(name, 1, 200_000, 2)
		if err != nil {
			t.Fatal(err)
		}
		cols[i], ms[i] = es, m
		get := func(id string) float64 { e, _ := es.Get(id); return e.Estimate }
		switch name {
		case "study", "insecure", "overconfident":
			for _, tg := range study.Targets {
				d := get(tg.ID) - tg.Value
				missed := d > tg.Tolerance || d < -tg.Tolerance
				if known := slices.Contains(knownMisses[name], tg.ID); missed != known {
					t.Errorf("%s: %s = %.3f, target %.2f ± %.2f; a known miss: %v", name, tg.ID, get(tg.ID), tg.Value, tg.Tolerance, known)
				}
			}
			for _, v := range m.Violations() {
				t.Errorf("%s breaks a constraint: %s", name, v)
			}
		case "rational": // those who need help ask for it, and it helps them
			if get("voluntary.optin_vs_optout_revenue_2m") >= 0 || get("voluntary.revenue_lift_2m") <= get("mandatory.revenue_lift_2m") {
				t.Errorf("rational: opt-ins vs opt-outs %.3f (want < 0), voluntary lift %.3f (want > mandatory %.3f)",
					get("voluntary.optin_vs_optout_revenue_2m"), get("voluntary.revenue_lift_2m"), get("mandatory.revenue_lift_2m"))
			}
		case "random": // the voluntary branch shows the mandatory branch's effect
			if d := get("voluntary.revenue_lift_2m") - get("mandatory.revenue_lift_2m"); d > 0.03 || d < -0.03 {
				t.Errorf("random: voluntary lift %.3f, mandatory %.3f", get("voluntary.revenue_lift_2m"), get("mandatory.revenue_lift_2m"))
			}
		}
	}
	var table bytes.Buffer
	targetsTable(&table, names, cols, 200_000, 1)
	fmt.Fprintln(&table)
	measuresTable(&table, names, ms)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), table.String()) {
		t.Errorf("README.md's calibration table is out of date (make docs):\n%s", table.String())
	}
}

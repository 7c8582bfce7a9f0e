package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"mentorsim/sim/calibrate"
	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

// The calibration check of docs/model.md section 9: one study of 200,000 hires
// (seed 1) per preset. `study`, `insecure` and `overconfident` hit every
// target within its tolerance; `rational` and `random` behave as section 6
// says. The README's table is this very output.
func TestPresetsReproduceTheStudy(t *testing.T) {
	names := param.PresetNames()
	cols := make([]study.Estimates, len(names))
	for i, name := range names {
		sc, _ := param.NewScenario(name)
		sc.Params.Hires = 200_000
		_, es, err := calibrate.Evaluate(sc, 2)
		if err != nil {
			t.Fatal(err)
		}
		cols[i] = es
		get := func(id string) float64 { e, _ := es.Get(id); return e.Estimate }
		switch name {
		case "study", "insecure", "overconfident":
			for _, tg := range study.Targets {
				if d := get(tg.ID) - tg.Value; d > tg.Tolerance || d < -tg.Tolerance {
					t.Errorf("%s: %s = %.3f, target %.2f ± %.2f", name, tg.ID, get(tg.ID), tg.Value, tg.Tolerance)
				}
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
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), table.String()) {
		t.Errorf("README.md's calibration table is out of date (make docs):\n%s", table.String())
	}
}

package study_test

import (
	"fmt"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

// The library's main path: a scenario (a preset and a seed), a study run
// to its end, and its estimates beside the published numbers and the
// true effects only a simulation knows.
func Example() {
	sc, err := param.NewScenario("advice")
	if err != nil {
		panic(err)
	}
	sc.Seed = 7
	s, err := study.New(sc)
	if err != nil {
		panic(err)
	}
	s.RunToEnd(1) // the numbers do not depend on the workers
	for _, id := range []study.ID{study.MandatoryRevenueLift2m, study.VoluntaryRevenueLift2m, study.OptinVsOptoutRevenue2m} {
		e, _ := s.Estimates().Get(id)
		t, _ := study.TargetFor(id)
		fmt.Printf("%-38s %+.2f [%+.2f, %+.2f]  study: %s\n", id, e.Estimate, e.Lo, e.Hi, t.Study)
	}
	atu, _ := s.Truth().Get(string(study.TruthATUOptout))
	fmt.Printf("true effect for the reps who said no: %+.2f\n", atu)
	// Output:
	// mandatory.revenue_lift_2m              +0.11 [+0.02, +0.20]  study: +17% to +19%
	// voluntary.revenue_lift_2m              +0.01 [-0.09, +0.10]  study: negligible, not significant
	// voluntary.optin_vs_optout_revenue_2m   +0.31 [+0.20, +0.41]  study: +30%
	// true effect for the reps who said no: +0.32
}

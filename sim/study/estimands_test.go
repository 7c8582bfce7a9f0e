package study

import (
	"encoding/json"
	"math"
	"slices"
	"testing"

	"mentorsim/sim/param"
)

// The estimates, under the experiment and every policy, and the true
// effects come in the table's order, every one of them: the CSV writers
// and readers rely on it.
func TestEstimatesFollowTheTable(t *testing.T) {
	for pol := Experiment; pol < NumPolicies; pol++ {
		sc, _ := param.NewScenario("advice")
		sc.Params.Hires, sc.Params.Policy = 200, float64(pol)
		s, err := New(sc)
		if err != nil {
			t.Fatal(err)
		}
		s.RunToEnd(1)
		var got []ID
		for _, e := range s.Estimates() {
			got = append(got, e.ID)
		}
		if !slices.Equal(got, EstimandIDs) {
			t.Errorf("policy %v: estimates in order %v; want EstimandIDs %v", pol, got, EstimandIDs)
		}
		var truth []ID
		for _, v := range s.Truth() {
			truth = append(truth, ID(v.ID))
		}
		if !slices.Equal(truth, TruthIDs) {
			t.Errorf("policy %v: true effects %v; want %v", pol, truth, TruthIDs)
		}
	}
	seen := map[ID]bool{}
	for _, e := range Estimands {
		if seen[e.ID] || e.Label == "" || e.Headline && e.Truth {
			t.Errorf("table row %+v: repeated, unlabelled, or a headline truth", e)
		}
		seen[e.ID] = true
	}
	for _, tg := range Targets {
		if !slices.Contains(EstimandIDs, tg.ID) {
			t.Errorf("target %s is not an estimand", tg.ID)
		}
	}
}

// Values read back from their JSON are the same, in order, null as NaN.
func TestValuesJSONRoundTrip(t *testing.T) {
	vs := Values{{"b", 1.5}, {"a", math.NaN()}, {"c", -2}}
	b, err := json.Marshal(vs)
	if err != nil {
		t.Fatal(err)
	}
	var got Values
	if err := json.Unmarshal(b, &got); err != nil || len(got) != 3 || got[0] != vs[0] || got[1].ID != "a" || !math.IsNaN(got[1].X) || got[2] != vs[2] {
		t.Errorf("round trip of %s: %v, %v", b, got, err)
	}
}

package replicate

import (
	"math"
	"testing"

	"mentorsim/sim/estimate"
	"mentorsim/sim/study"
)

// A replication shows the paradox when the voluntary lift's interval reaches
// 0 and the opt-ins' lead's lies above it; undefined estimates never count.
func TestParadoxRateCountsTheRightStudies(t *testing.T) {
	t.Parallel()
	one := func(volLo, gapLo float64) study.Estimates {
		return study.Estimates{
			{ID: "voluntary.revenue_lift_2m", Estimate: estimate.Estimate{Lo: volLo}},
			{ID: "voluntary.optin_vs_optout_revenue_2m", Estimate: estimate.Estimate{Lo: gapLo}},
		}
	}
	r := Result{Estimates: []study.Estimates{
		one(-0.1, 0.2),        // the paradox
		one(0, 0.01),          // the paradox: 0 is in the voluntary interval
		one(0.01, 0.2),        // voluntary lift significant
		one(-0.1, 0),          // lead not significant
		one(math.NaN(), 0.2),  // undefined
		one(-0.1, math.NaN()), // undefined
		{},                    // neither estimate
		one(-0.05, 0.3),       // the paradox
	}}
	if got := r.ParadoxRate(); got != 3.0/8 {
		t.Errorf("ParadoxRate = %v, want 3/8", got)
	}
	if (Result{}).ParadoxRate() != 0 {
		t.Error("no replications: want 0")
	}
}

// A replication is in the published combination when its opt-in lift is
// within 0.05 of 0 and its lead within 0.10 of 0.30.
func TestPublishedRateCountsTheRightStudies(t *testing.T) {
	t.Parallel()
	one := func(vol, gap float64) study.Estimates {
		return study.Estimates{
			{ID: "voluntary.revenue_lift_2m", Estimate: estimate.Estimate{Estimate: vol}},
			{ID: "voluntary.optin_vs_optout_revenue_2m", Estimate: estimate.Estimate{Estimate: gap}},
		}
	}
	r := Result{Estimates: []study.Estimates{
		one(0, 0.3), one(-0.05, 0.2), one(0.051, 0.3), one(0.02, 0.41), one(math.NaN(), 0.3), {},
	}}
	if got := r.PublishedRate(); got != 2.0/6 {
		t.Errorf("PublishedRate = %v, want 2/6", got)
	}
}

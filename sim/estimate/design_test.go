package estimate

import (
	"math"
	"testing"
)

func close12(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

// The implied effect on opt-outs decomposes the ATE, and its SE is the
// delta method worked by hand.
func TestImpliedOptout(t *testing.T) {
	ate, att, p := wald(0.19, 0.04), wald(0.02, 0.05), wald(0.5, 0.03)
	atu := ImpliedOptout(ate, att, p)
	if !close12(0.5*0.02+0.5*atu.Estimate, 0.19) {
		t.Errorf("p·ATT + (1−p)·ATU = %v, want ATE 0.19", 0.5*0.02+0.5*atu.Estimate)
	}
	// ATU = (0.19 − 0.01)/0.5 = 0.36; Var = (0.04² + 0.25·0.05² + 0.34²·0.03²)/0.25.
	se := math.Sqrt((0.0016 + 0.25*0.0025 + 0.34*0.34*0.0009) / 0.25)
	if !close12(atu.Estimate, 0.36) || !close12(atu.SE, se) || !close12(atu.Lo, 0.36-Z95*se) {
		t.Errorf("ATU = %+v, want 0.36 with SE %v", atu, se)
	}
	diff := ATTMinusATU(ate, att, p)
	seDiff := math.Sqrt((0.0016 + 0.0025 + 0.34*0.34*0.0009) / 0.25)
	if !close12(diff.Estimate, 0.02-0.36) || !close12(diff.SE, seDiff) {
		t.Errorf("ATT − ATU = %+v, want −0.34 with SE %v", diff, seDiff)
	}
	if e := ImpliedOptout(ate, att, wald(1, 0)); !math.IsNaN(e.Estimate) {
		t.Errorf("everyone opted in: ATU = %v, want undefined", e.Estimate)
	}
}

// With calls proportional to days, revenue per call has the revenue lift.
func TestCallLiftMatchesRevenueLiftAtFixedCalls(t *testing.T) {
	var cs []Cluster
	var us []Unit
	for i := range 40 {
		days, rev := 10+i%7, float64(100*(20+i%5+3*(i%2)))
		cs = append(cs, Cluster{Days: days, Revenue: rev, Treated: i%2 == 1})
		us = append(us, Unit{Days: days, Calls: 30 * float64(days), Revenue: rev, Treated: i%2 == 1})
	}
	a, b := RevenueLift(cs), CallLift(us)
	if !close12(a.Estimate, b.Estimate) || !close12(a.SE, b.SE) {
		t.Errorf("revenue lift %+v, per call %+v", a, b)
	}
}

// Lee bounds trim the arm that keeps more reps, from each end.
func TestLeeBounds(t *testing.T) {
	reps := []Retained{
		{true, 1, true}, {true, 2, true}, {true, 3, true}, {true, 4, true},
		{true, 2, false}, {true, 2, false}, {false, 0, false}, {false, 0, false},
	}
	// q1 = 1, q0 = 0.5: t = 0.5, k = 2 of the treated stayers dropped.
	lo, hi := LeeBounds(reps)
	if !close12(lo.Estimate, 1.5/2-1) || !close12(hi.Estimate, 3.5/2-1) {
		t.Errorf("bounds [%v, %v], want [−0.25, 0.75]", lo.Estimate, hi.Estimate)
	}
	// Control's stayers have no spread: Var = Var(μ_t)/m0².
	// Lower: kept {1,2}, ỹ = 2, s² = 0.25, Var t = 0.25/4/1 + 0.25·0 = 1/16.
	vt := 1.0 / 16
	v := (0.25+0.5*0.25)/(4*0.5) + (0.5/0.5)*(0.5/0.5)*vt
	if !close12(lo.SE, math.Sqrt(v)/2) {
		t.Errorf("lower bound SE %v, want %v", lo.SE, math.Sqrt(v)/2)
	}
	// Equal retention: both bounds are the plain stayers' lift.
	eq := []Retained{{true, 3, true}, {true, 5, true}, {false, 0, true}, {true, 2, false}, {true, 2, false}, {false, 0, false}}
	lo, hi = LeeBounds(eq)
	if !close12(lo.Estimate, 1) || !close12(hi.Estimate, 1) || !close12(lo.SE, hi.SE) {
		t.Errorf("equal retention: [%+v, %+v], want both 4/2 − 1 = 1", lo, hi)
	}
	// The comparison arm keeps more: it is trimmed, and the bounds still order.
	flip := make([]Retained, len(reps))
	for i, r := range reps {
		flip[i] = Retained{r.Stayed, r.Outcome, !r.Treated}
	}
	lo, hi = LeeBounds(flip)
	if !close12(lo.Estimate, 2/3.5-1) || !close12(hi.Estimate, 2/1.5-1) {
		t.Errorf("trimmed comparison: [%v, %v], want [2/3.5 − 1, 2/1.5 − 1]", lo.Estimate, hi.Estimate)
	}
}

package estimate

import (
	"math"
	"testing"
)

func close12(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

// The implied effect on opt-outs decomposes the mandatory branch's effect,
// and its SEs match a numerical gradient of the same formulas.
func TestImpliedOptout(t *testing.T) {
	t.Parallel()
	b := Branches{Mentored: Mean{120, 4}, Control: Mean{100, 9}, OptinMentored: Mean{105, 1}, OptinDenied: Mean{100, 1}, Optout: Mean{80, 2.25}}
	p := Wald(0.5, 0.03)
	atu, diff := ImpliedOptout(b, p)
	// Δ_out = ATU·m_o = 35 and p·Δ_in + (1 − p)·Δ_out = 0.5·5 + 0.5·35 = 20 = Δ_all.
	if !close12(atu.Estimate, 0.4375) || !close12(diff.Estimate, 0.05-0.4375) {
		t.Fatalf("ATU %v, ATT − ATU %v; want 0.4375 and −0.3875", atu.Estimate, diff.Estimate)
	}
	x := []float64{120, 100, 105, 100, 80, 0.5}
	vars := []float64{4, 9, 1, 1, 2.25, 0.03 * 0.03}
	fATU := func(x []float64) float64 { return ((x[0] - x[1]) - x[5]*(x[2]-x[3])) / ((1 - x[5]) * x[4]) }
	fDiff := func(x []float64) float64 { return x[2]/x[3] - 1 - fATU(x) }
	for _, c := range []struct {
		name string
		f    func([]float64) float64
		got  float64
	}{{"ATU", fATU, atu.SE}, {"ATT − ATU", fDiff, diff.SE}} {
		v := 0.0
		for i := range x {
			h := 1e-6 * math.Max(1, math.Abs(x[i]))
			up, down := append([]float64(nil), x...), append([]float64(nil), x...)
			up[i] += h
			down[i] -= h
			g := (c.f(up) - c.f(down)) / (2 * h)
			v += g * g * vars[i]
		}
		if math.Abs(c.got-math.Sqrt(v)) > 1e-6*math.Sqrt(v) {
			t.Errorf("%s: SE %v, numerical gradient gives %v", c.name, c.got, math.Sqrt(v))
		}
	}
	if e, _ := ImpliedOptout(b, Wald(1, 0)); !math.IsNaN(e.Estimate) {
		t.Errorf("everyone opted in: ATU = %v, want undefined", e.Estimate)
	}
}

// ArmMean's variance is CR1 of an intercept-only regression, by hand.
func TestArmMean(t *testing.T) {
	t.Parallel()
	m := ArmMean([]Cluster{{Days: 2, Revenue: 10}, {Days: 3, Revenue: 30}, {Days: 0, Revenue: 0}})
	// m = 40/5 = 8; e = 10 − 16 = −6, 30 − 24 = 6; Var = 2/1 · 72 / 25.
	if !close12(m.M, 8) || !close12(m.Var, 2*72.0/25) {
		t.Errorf("ArmMean = %+v, want {8 5.76}", m)
	}
}

// With calls proportional to days, revenue per call has the revenue lift.
func TestCallLiftMatchesRevenueLiftAtFixedCalls(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

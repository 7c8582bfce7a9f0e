package study

import (
	"math"
	"testing"

	"mentorsim/sim/param"
)

// AUC against a hand count: of the 2·2 (yes, no) pairs, yes is above no in
// 3 and tied in 1, so the AUC is 3.5/4; reversed it reads the same.
func TestAUCCountsPairs(t *testing.T) {
	x := []float64{1, 2, 2, 3}
	y := []bool{false, true, false, true}
	if got := AUC(x, y); math.Abs(got-0.875) > 1e-15 {
		t.Errorf("AUC = %v, want 0.875", got)
	}
	y = []bool{true, false, true, false}
	if got := AUC(x, y); math.Abs(got-0.875) > 1e-15 {
		t.Errorf("reversed AUC = %v, want 0.875", got)
	}
	if got := Corr([]float64{1, 2, 3}, []float64{2, 4, 7}); math.Abs(got-0.9933992677987828) > 1e-12 {
		t.Errorf("Corr = %v", got)
	}
}

// The measures name what they break.
func TestViolationsNameTheConstraint(t *testing.T) {
	m := Measures{LatentAUC: 0.9, SurveyAUC: 0.71, SelfAbilityCorr: 0.89, Lift6mOver2m: 1.05, PileUp: 1}
	v := m.Violations()
	if len(v) != 4 || v[0] != "AUC of the latent traits for opt-in 0.900 > 0.85" || v[1] != "AUC of the measures at hire for opt-in 0.710 > 0.70" {
		t.Errorf("violations %q", v)
	}
	if m.Penalty() <= 0 {
		t.Errorf("penalty %v for four violations", m.Penalty())
	}
	m = Measures{LatentAUC: 0.85, SurveyAUC: 0.7, SelfAbilityCorr: 0.3, Lift6mOver2m: 0.95, PileUp: 3}
	if v := m.Violations(); len(v) != 0 || m.Penalty() != 0 || m.Undefined() != nil {
		t.Errorf("violations %q, penalty %v, want none", v, m.Penalty())
	}
	// An undefined measure costs +Inf (not NaN, which would poison the
	// fit's loss), whichever side of it its bound is on.
	for _, set := range []func(*Measures){
		func(m *Measures) { m.LatentAUC = math.NaN() }, func(m *Measures) { m.SelfAbilityCorr = math.NaN() },
		func(m *Measures) { m.Lift6mOver2m = math.NaN() }, func(m *Measures) { m.PileUp = math.NaN() },
	} {
		bad := m
		set(&bad)
		if p := bad.Penalty(); !math.IsInf(p, 1) || len(bad.Undefined()) != 1 {
			t.Errorf("penalty %v for %+v; want +Inf; undefined %q, want one", p, bad, bad.Undefined())
		}
	}
}

// The logistic index of every latent trait is the choice's own: its AUC is
// that of the propensity, the best any index can do, and nothing measured
// at hire does better.
func TestLatentIndexIsTheChoicesOwn(t *testing.T) {
	sc, _ := param.NewScenario("study")
	sc.Params.Hires = 20000
	s, err := New(sc)
	if err != nil {
		t.Fatal(err)
	}
	m := s.Measure(s.Estimates())
	yes := make([]bool, len(s.Reps))
	prop := make([]float64, len(s.Reps))
	for i := range s.Reps {
		yes[i], prop[i] = s.Reps[i].WouldOptIn(&sc.Params), s.Reps[i].Propensity
	}
	if best := AUC(prop, yes); math.Abs(m.LatentAUC-best) > 0.002 {
		t.Errorf("latent index AUC %.4f, the propensity's %.4f", m.LatentAUC, best)
	}
	if m.SurveyAUC >= m.LatentAUC {
		t.Errorf("the survey predicts opt-in (AUC %.3f) as well as the latent traits (%.3f)", m.SurveyAUC, m.LatentAUC)
	}
}

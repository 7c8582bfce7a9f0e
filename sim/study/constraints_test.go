package study

import (
	"math"
	"testing"
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
	m := Measures{AUC: []float64{0.9, 0.5, 0.5, 0.5, 0.5, 0.66, 0.5, 0.5, 0.5}, SelfAbilityCorr: 0.89, Lift6mOver2m: 1.05}
	v := m.Violations()
	if len(v) != 4 || v[0] != "AUC of ability for opt-in 0.900 > 0.85" || v[1] != "AUC of survey_self_assessment for opt-in 0.660 > 0.65" {
		t.Errorf("violations %q", v)
	}
	m = Measures{AUC: make([]float64, 9), SelfAbilityCorr: 0.3, Lift6mOver2m: 0.95}
	if v := m.Violations(); len(v) != 0 {
		t.Errorf("violations %q, want none", v)
	}
}

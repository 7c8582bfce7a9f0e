package estimate

import (
	"math"
	"testing"
)

// spells builds spells from times; censored lists the indices that are censored.
func spells(times []int, censored ...int) []Spell {
	out := make([]Spell, len(times))
	for i, t := range times {
		out[i] = Spell{Time: t, Event: true}
	}
	for _, i := range censored {
		out[i].Event = false
	}
	return out
}

// sixMP is the 6-MP arm of the Freireich et al. leukemia remission trial
// (Gehan 1965; R MASS::gehan): weeks in remission, * = censored:
// 6,6,6,6*,7,9*,10,10*,11*,13,16,17*,19*,20*,22,23,25*,32*,32*,34*,35*.
func sixMP() []Spell {
	return spells(
		[]int{6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35},
		3, 5, 7, 8, 11, 12, 13, 16, 17, 18, 19, 20)
}

// placebo is the placebo arm of the same trial; nobody is censored.
func placebo() []Spell {
	return spells([]int{1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23})
}

func near(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol
}

// The textbook Kaplan–Meier table for the 6-MP arm (Kleinbaum & Klein,
// Survival Analysis, ch. 2; Klein & Moeschberger), printed to 3 decimals.
func TestSurvivalSixMPPublished(t *testing.T) {
	t.Parallel()
	table := []struct {
		t      int
		s, se  float64
		atRisk int
	}{
		{6, 0.857, 0.076, 21},
		{7, 0.807, 0.087, 17},
		{10, 0.753, 0.096, 15},
		{13, 0.690, 0.107, 12},
		{16, 0.627, 0.114, 11},
		{22, 0.538, 0.128, 7},
		{23, 0.448, 0.135, 6},
	}
	curve := KaplanMeier(sixMP(), 40)
	for _, row := range table {
		got := Survival(sixMP(), row.t)
		if !near(got.Estimate, row.s, 0.0005) || !near(got.SE, row.se, 0.0005) {
			t.Errorf("S(%d) = %.4f (SE %.4f), published %.3f (%.3f)", row.t, got.Estimate, got.SE, row.s, row.se)
		}
		if curve.AtRisk[row.t] != row.atRisk {
			t.Errorf("at risk on day %d = %d, published %d", row.t, curve.AtRisk[row.t], row.atRisk)
		}
		// Between event times the estimate is flat.
		if row.t > 6 && curve.S[row.t-1] != Survival(sixMP(), row.t-1).Estimate {
			t.Errorf("curve and Survival disagree on day %d", row.t-1)
		}
	}
	if s := Survival(sixMP(), 5); s.Estimate != 1 || s.SE != 0 {
		t.Errorf("S(5) = %+v, want 1 with SE 0", s)
	}
	// The last rep is censored on day 35: S(35) is still the day-23 value,
	// and after that the risk set is empty, so S is unknown.
	if s := Survival(sixMP(), 35); !near(s.Estimate, 0.448, 0.0005) {
		t.Errorf("S(35) = %v, want 0.448", s.Estimate)
	}
	for _, day := range []int{36, 40, 1 << 50} {
		if s := Survival(sixMP(), day); !math.IsNaN(s.Estimate) || !math.IsNaN(s.Lo) {
			t.Errorf("S(%d) = %+v, want NaN (nobody at risk)", day, s)
		}
	}
	if !math.IsNaN(curve.S[36]) || !math.IsNaN(curve.S[40]) {
		t.Error("curve should be NaN after the risk set empties")
	}
}

// Exact fractions for the 6-MP curve and the plain interval, worked by hand
// from the product-limit and Greenwood formulas.
func TestSurvivalSixMPExact(t *testing.T) {
	t.Parallel()
	s13 := 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12
	v13 := 3.0/(21*18) + 1.0/(17*16) + 1.0/(15*14) + 1.0/(12*11)
	se := s13 * math.Sqrt(v13)
	got := Survival(sixMP(), 13)
	want := Estimate{s13, se, s13 - Z95*se, s13 + Z95*se}
	if !near(got.Estimate, want.Estimate, 1e-14) || !near(got.SE, want.SE, 1e-14) ||
		!near(got.Lo, want.Lo, 1e-14) || !near(got.Hi, want.Hi, 1e-14) {
		t.Errorf("S(13) = %+v, want %+v", got, want)
	}
	if c := KaplanMeier(sixMP(), 13); !near(c.VarLog[13], v13, 1e-15) {
		t.Errorf("VarLog(13) = %v, want %v", c.VarLog[13], v13)
	}
}

// A rep censored on the day of an event is still at risk that day.
// Spells: 2 (left), 2 (censored), 3 (left), 5 (censored).
//
//	day 2: n = 4, d = 1 → S = 3/4,         VarLog = 1/(4·3)             = 1/12
//	day 3: n = 2, d = 1 → S = 3/4·1/2 = 3/8, VarLog = 1/12 + 1/(2·1)     = 7/12
//	days 4, 5: S = 3/8 (n = 1 on both); day 6: nobody at risk → NaN.
//
// Counting the censored rep out of the day-2 risk set would give S(2) = 2/3.
func TestSurvivalTiedCensoring(t *testing.T) {
	t.Parallel()
	sp := spells([]int{2, 2, 3, 5}, 1, 3)
	c := KaplanMeier(sp, 6)
	wantS := []float64{1, 1, 0.75, 0.375, 0.375, 0.375, math.NaN()}
	wantV := []float64{0, 0, 1.0 / 12, 7.0 / 12, 7.0 / 12, 7.0 / 12, math.NaN()}
	wantN := []int{4, 4, 4, 2, 1, 1, 0}
	for i := range wantS {
		if !same(c.S[i], wantS[i], 1e-15) || !same(c.VarLog[i], wantV[i], 1e-15) || c.AtRisk[i] != wantN[i] {
			t.Errorf("day %d: S %v VarLog %v n %d, want %v %v %d", i, c.S[i], c.VarLog[i], c.AtRisk[i], wantS[i], wantV[i], wantN[i])
		}
	}
	// A curve cut at maxT must agree with a longer one (spells past maxT at risk).
	short := KaplanMeier(sp, 2)
	for i := range short.S {
		if short.S[i] != c.S[i] || short.AtRisk[i] != c.AtRisk[i] {
			t.Errorf("day %d: short curve %v, long curve %v", i, short.S[i], c.S[i])
		}
	}
	// Survival at 3 with its Greenwood SE and clipped plain interval.
	se := 0.375 * math.Sqrt(7.0/12)
	got := Survival(sp, 3)
	if !near(got.SE, se, 1e-15) || got.Lo != 0 || !near(got.Hi, 0.375+Z95*se, 1e-15) {
		t.Errorf("S(3) = %+v, want SE %v, interval [0, %v]", got, se, 0.375+Z95*se)
	}
}

// same compares with a tolerance, treating two NaNs as equal.
func same(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return a == b || near(a, b, tol)
}

func TestSurvivalEdgeCases(t *testing.T) {
	t.Parallel()
	// Everyone leaves on day 2: S(2) = 0 and stays 0 (it is known, not NaN).
	allGone := spells([]int{2, 2})
	for _, day := range []int{2, 3, 100} {
		if s := Survival(allGone, day); s != (Estimate{}) {
			t.Errorf("S(%d) = %+v, want exactly 0 with a [0,0] interval", day, s)
		}
	}
	if s := Survival(allGone, 1); s.Estimate != 1 {
		t.Errorf("S(1) = %v, want 1", s.Estimate)
	}
	if c := KaplanMeier(allGone, 3); !math.IsInf(c.VarLog[2], 1) {
		t.Errorf("VarLog when S = 0 is %v, want +Inf", c.VarLog[2])
	}
	for name, s := range map[string]Estimate{
		"no spells":      Survival(nil, 0),
		"negative t":     Survival(sixMP(), -1),
		"only negatives": Survival([]Spell{{Time: -3, Event: true}}, 0),
	} {
		if !math.IsNaN(s.Estimate) {
			t.Errorf("%s: %+v, want NaN", name, s)
		}
	}
	// Negative times are ignored rather than counted.
	withJunk := append(sixMP(), Spell{Time: -1, Event: true})
	if Survival(withJunk, 13) != Survival(sixMP(), 13) {
		t.Error("a spell with negative Time changed the estimate")
	}
	if c := KaplanMeier(sixMP(), -1); len(c.S) != 0 {
		t.Error("maxT < 0 should give an empty curve")
	}
	// An event on day 0 (left before the first day counted as employed).
	if s := Survival(spells([]int{0, 5, 5, 5}, 1, 2, 3), 0); s.Estimate != 0.75 {
		t.Errorf("S(0) = %v, want 0.75", s.Estimate)
	}
}

// 6-MP against placebo at week 10, worked independently: placebo has no
// censoring, so S = 8/21 (13 of 21 relapsed by week 8) and Greenwood's sum
// telescopes to 1/8 − 1/21.
func TestSurvivalLiftSixMP(t *testing.T) {
	t.Parallel()
	s1 := 18.0 / 21 * 16 / 17 * 14 / 15
	v1 := 3.0/(21*18) + 1.0/(17*16) + 1.0/(15*14)
	s0 := 8.0 / 21
	v0 := 1.0/8 - 1.0/21
	r := s1 / s0
	seLog := math.Sqrt(v1 + v0)
	want := Estimate{r - 1, r * seLog, math.Exp(math.Log(r)-Z95*seLog) - 1, math.Exp(math.Log(r)+Z95*seLog) - 1}
	got := SurvivalLift(sixMP(), placebo(), 10)
	if !near(got.Estimate, want.Estimate, 1e-13) || !near(got.SE, want.SE, 1e-13) ||
		!near(got.Lo, want.Lo, 1e-13) || !near(got.Hi, want.Hi, 1e-13) {
		t.Errorf("SurvivalLift = %+v, want %+v", got, want)
	}
	if !got.Significant() {
		t.Error("6-MP vs placebo at week 10 should be significant")
	}
	// Same thing from precomputed curves.
	if c := CurveLift(KaplanMeier(sixMP(), 30), KaplanMeier(placebo(), 30), 10); c != got {
		t.Errorf("CurveLift = %+v, SurvivalLift = %+v", c, got)
	}
	// Placebo survival reaches 0 at week 23: the log ratio does not exist.
	for _, day := range []int{23, 30, -1} {
		if l := SurvivalLift(sixMP(), placebo(), day); !math.IsNaN(l.Estimate) {
			t.Errorf("lift at %d = %+v, want NaN", day, l)
		}
	}
	if l := SurvivalLift(sixMP(), sixMP(), 5); l != (Estimate{}) {
		t.Errorf("lift before any event = %+v, want all zeros", l)
	}
}

func TestCurveJSON(t *testing.T) {
	t.Parallel()
	c := KaplanMeier(spells([]int{2, 2, 3}, 1), 4)
	b, err := c.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"s":[1,1,0.6666666666666666,0,0],"var_log":[0,0,0.16666666666666666,null,null],"at_risk":[3,3,3,1,0]}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	var back Curve
	if err := back.UnmarshalJSON(b); err != nil {
		t.Fatal(err)
	}
	if back.S[2] != c.S[2] || !math.IsNaN(back.VarLog[3]) || back.AtRisk[1] != 3 {
		t.Errorf("round trip gave %+v", back)
	}
}

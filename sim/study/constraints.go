package study

import (
	"fmt"
	"math"
	"sort"

	"mentorsim/sim/estimate"
	"mentorsim/sim/model"
)

// Measures are the numbers the model's plausibility constraints bound
// (docs/model.md, section 9): how well each latent trait and each measure
// taken at hire predicts who opts in, how well reps judge their own
// ability, and how much of the mandatory lift lasts.
type Measures struct {
	// AUC is, per trait or measure in MeasureNames' order, the area under
	// the ROC curve of the measure for the decision to opt in if asked,
	// over every hire, taken the way round that is at least 0.5.
	AUC []float64
	// SelfAbilityCorr is corr(self-assessment, ability) over every hire.
	SelfAbilityCorr float64
	// Lift6mOver2m is mandatory.revenue_lift_6m / mandatory.revenue_lift_2m.
	Lift6mOver2m float64
	// MandatoryRetention3m is the mandatory branch's retention lift at
	// three months: not a target but the model's prediction (docs/model.md,
	// 7.6).
	MandatoryRetention3m float64
}

// TraitNames are the latent traits in Measures.AUC, which come first;
// SurveyNames the measures taken at hire, after them.
var (
	TraitNames  = []string{"ability", "self_assessment", "insecurity", "eagerness", "drive"}
	SurveyNames = []string{"survey_self_assessment", "survey_insecurity", "survey_eagerness", "experience"}
)

// MeasureNames lists Measures.AUC's entries.
func MeasureNames() []string { return append(append([]string(nil), TraitNames...), SurveyNames...) }

func measureOf(r *model.Rep, k int) float64 {
	return [...]float64{r.Ability, r.SelfAssessment, r.Insecurity, r.Eagerness, r.Drive,
		r.SurveySelfAssessment, r.SurveyInsecurity, r.SurveyEagerness, r.Experience}[k]
}

// Measure computes the study's Measures; es are its estimates.
func (s *Study) Measure(es Estimates) Measures {
	p := &s.Scenario.Params
	yes := make([]bool, len(s.Reps))
	for i := range s.Reps {
		yes[i] = s.Reps[i].WouldOptIn(p)
	}
	var m Measures
	x := make([]float64, len(s.Reps))
	for k := range MeasureNames() {
		for i := range s.Reps {
			x[i] = measureOf(&s.Reps[i], k)
		}
		m.AUC = append(m.AUC, AUC(x, yes))
	}
	a := make([]float64, len(s.Reps))
	for i := range s.Reps {
		x[i], a[i] = s.Reps[i].SelfAssessment, s.Reps[i].Ability
	}
	m.SelfAbilityCorr = Corr(x, a)
	l2, _ := es.Get("mandatory.revenue_lift_2m")
	l6, _ := es.Get("mandatory.revenue_lift_6m")
	m.Lift6mOver2m = l6.Estimate / l2.Estimate
	mand, ctrl := s.Spells(MandatoryMentored), s.Spells(MandatoryControl)
	m.MandatoryRetention3m = estimate.SurvivalLift(mand, ctrl, model.Month3).Estimate
	return m
}

// AUC is the area under the ROC curve of x for y (the Mann–Whitney
// statistic, ties counting a half), or 1 minus it if that is larger; NaN
// if either class is empty.
func AUC(x []float64, y []bool) float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return x[idx[i]] < x[idx[j]] })
	var rankSum, pos float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		mid := float64(float64(i+j+1) / 2) // the tied run's mean rank, from 1; float64(): no fused x·0.5 + y
		for _, k := range idx[i:j] {
			if y[k] {
				rankSum += mid
				pos++
			}
		}
		i = j
	}
	neg := float64(len(x)) - pos
	auc := (rankSum - float64(float64(pos*(pos+1))/2)) / float64(pos*neg)
	return max(auc, 1-auc)
}

// Corr is the Pearson correlation of x and y.
func Corr(x, y []float64) float64 {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx, my = mx+x[i], my+y[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy, sxx, syy = sxy+float64(dx*dy), sxx+float64(dx*dx), syy+float64(dy*dy)
	}
	return sxy / math.Sqrt(float64(sxx*syy))
}

// The constraints' bounds (docs/model.md, section 9).
const (
	MaxTraitAUC   = 0.85 // no latent trait predicts opt-in better
	MaxSurveyAUC  = 0.65 // nor any measure taken at hire
	MinSelfCorr   = 0.2  // corr(self-assessment, ability), meta-analyses: ≈ 0.3
	MaxSelfCorr   = 0.45
	MinLastingTo6 = 0.9 // the six-month mandatory lift over the two-month one
	MaxLastingTo6 = 1.0
)

// Violations lists, in words, the constraints m breaks.
func (m Measures) Violations() []string {
	var v []string
	names := MeasureNames()
	for k, auc := range m.AUC {
		bound := MaxTraitAUC
		if k >= len(TraitNames) {
			bound = MaxSurveyAUC
		}
		if !(auc <= bound) {
			v = append(v, fmt.Sprintf("AUC of %s for opt-in %.3f > %.2f", names[k], auc, bound))
		}
	}
	if c := m.SelfAbilityCorr; !(c >= MinSelfCorr && c <= MaxSelfCorr) {
		v = append(v, fmt.Sprintf("corr(self-assessment, ability) %.3f outside [%.2f, %.2f]", c, MinSelfCorr, MaxSelfCorr))
	}
	if r := m.Lift6mOver2m; !(r >= MinLastingTo6 && r <= MaxLastingTo6) {
		v = append(v, fmt.Sprintf("6m/2m mandatory lift %.3f outside [%.2f, %.2f]", r, MinLastingTo6, MaxLastingTo6))
	}
	return v
}

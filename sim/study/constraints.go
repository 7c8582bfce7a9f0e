package study

import (
	"fmt"
	"math"
	"sort"

	"mentorsim/sim/estimate"
	"mentorsim/sim/model"
)

// Measures are the numbers the model's plausibility constraints bound
// (docs/model.md, section 9), and beside them what the constraints leave
// free: how well the reps' gains predict who opts in.
type Measures struct {
	// LatentAUC is the area under the ROC curve, for the decision to opt in
	// if asked, of the best linear index of every latent trait (a logistic
	// regression on LatentNames, over every hire).
	LatentAUC float64
	// SurveyAUC is the same for everything the firm measures at hire
	// (SurveyNames), jointly.
	SurveyAUC float64
	// SelfAbilityCorr is corr(self-assessment, ability) over every hire.
	SelfAbilityCorr float64
	// Lift6mOver2m is mandatory.revenue_lift_6m / mandatory.revenue_lift_2m.
	Lift6mOver2m float64
	// AboveFloor counts the hires a mentor lifts above mentor_floor.
	AboveFloor int
	// PileUp is how crowded the unmentored reps' skills are just below the
	// floor: the share of hires whose skill without a mentor, at the end of
	// the onboarding weeks, is within PileUpBand below mentor_floor, over
	// the share whose ability is.
	PileUp float64
	// GainAUC is the AUC of the skill a mentor would add for the decision to
	// opt in, below 0.5 when the reps who would gain least opt in.
	GainAUC float64
	// OptinsWhoGain is the share of opt-ins to whom a mentor would add at
	// least GainWorthNaming of skill.
	OptinsWhoGain float64
	// PeerPart is the share of the advice-seeking propensity's variance that
	// comes from peer access, which no survey measures (the rest comes from
	// the traits each explanation names: need, image cost, eagerness).
	PeerPart float64
	// MandatoryRetention3m is the mandatory branch's retention lift at
	// three months: not a target but the model's prediction (docs/model.md,
	// 7.6).
	MandatoryRetention3m float64
}

// LatentNames are the latent traits the first index uses; SurveyNames the
// measures taken at hire the second uses.
var (
	LatentNames = []string{"ability", "self_assessment", "insecurity", "eagerness", "peer_access", "frailty"}
	SurveyNames = []string{"survey_self_assessment", "survey_insecurity", "survey_eagerness", "experience"}
)

func latentOf(r *model.Rep) []float64 {
	return []float64{r.Ability, r.SelfAssessment, r.Insecurity, r.Eagerness, r.PeerAccess, r.Frailty}
}

func surveyOf(r *model.Rep) []float64 {
	return []float64{r.SurveySelfAssessment, r.SurveyInsecurity, r.SurveyEagerness, r.Experience}
}

// Measure computes the study's Measures; es are its estimates.
func (s *Study) Measure(es Estimates) Measures {
	p := &s.Scenario.Params
	n := len(s.Reps)
	yes := make([]bool, n)
	gain, self, ability, floorX, floorA := make([]float64, n), make([]float64, n), make([]float64, n), 0, 0
	var m Measures
	optins, gainers := 0, 0
	for i := range s.Reps {
		r := &s.Reps[i]
		yes[i] = r.WouldOptIn(p)
		gain[i], self[i], ability[i] = r.Gain(), r.SelfAssessment, r.Ability
		if r.KnowHow > 0 && r.Skill(true) > p.MentorFloor+1e-9 { // 1e-9: a + (floor − a) may round up
			m.AboveFloor++
		}
		if inBand(r.Skill(false), p.MentorFloor) {
			floorX++
		}
		if inBand(r.Ability, p.MentorFloor) {
			floorA++
		}
		if yes[i] {
			optins++
			if gain[i] >= GainWorthNaming {
				gainers++
			}
		}
	}
	m.LatentAUC = indexAUC(s.Reps, latentOf, yes)
	m.SurveyAUC = indexAUC(s.Reps, surveyOf, yes)
	m.SelfAbilityCorr = Corr(self, ability)
	m.PileUp = float64(floorX) / float64(floorA)
	m.GainAUC = rawAUC(gain, yes)
	_, _, _, m.PeerPart = model.PropensityShares(p)
	m.OptinsWhoGain = float64(gainers) / float64(optins)
	l2, _ := es.Get(MandatoryRevenueLift2m)
	l6, _ := es.Get(MandatoryRevenueLift6m)
	m.Lift6mOver2m = l6.Estimate / l2.Estimate
	mand, ctrl := s.Spells(MandatoryMentored), s.Spells(MandatoryControl)
	m.MandatoryRetention3m = estimate.SurvivalLift(mand, ctrl, model.Month3).Estimate
	return m
}

// PileUpBand is the width, in sd of ability, of the band below the floor
// Measures.PileUp looks at; GainWorthNaming the least skill, in sd, a
// mentor must add for Measures.OptinsWhoGain to count a rep.
const (
	PileUpBand      = 0.1
	GainWorthNaming = 0.1
)

func inBand(x, floor float64) bool { return x > floor-PileUpBand && x <= floor }

// indexAUC is the AUC for y of the logistic regression of y on the
// columns of reps that of gives; NaN if the fit fails.
func indexAUC(reps []model.Rep, of func(*model.Rep) []float64, y []bool) float64 {
	cols := make([][]float64, len(of(&reps[0])))
	for i := range reps {
		for j, v := range of(&reps[i]) {
			cols[j] = append(cols[j], v)
		}
	}
	index, ok := estimate.Logit(cols, y)
	if !ok {
		return math.NaN()
	}
	return AUC(index, y)
}

// AUC is the area under the ROC curve of x for y, or 1 minus it if that is
// larger; NaN if either class is empty.
func AUC(x []float64, y []bool) float64 {
	auc := rawAUC(x, y)
	return max(auc, 1-auc)
}

// rawAUC is the area under the ROC curve of x for y (the Mann–Whitney
// statistic, ties counting a half): the chance that a random yes has a
// larger x than a random no.
func rawAUC(x []float64, y []bool) float64 {
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
	return (rankSum - float64(float64(pos*(pos+1))/2)) / float64(pos*neg)
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
	MaxLatentAUC  = 0.85 // the best linear index of every latent trait predicts opt-in no better
	MaxSurveyAUC  = 0.70 // nor everything measured at hire, jointly
	MinSelfCorr   = 0.2  // corr(self-assessment, ability), meta-analyses: ≈ 0.3
	MaxSelfCorr   = 0.45
	MinLastingTo6 = 0.9 // the six-month mandatory lift over the two-month one
	MaxLastingTo6 = 1.0
	MaxPileUp     = 3.0 // no pile-up of unmentored skills just below the floor (a point mass would give tens)
)

// Penalty is 0 when m meets every constraint and grows with the square of
// each excess, in hundredths (tenths for the pile-up ratio and reps above
// the floor): what a fit adds to its loss so that the constraints hold.
func (m Measures) Penalty() float64 {
	over := func(x, bound, scale float64) float64 {
		if math.IsNaN(x) || math.IsNaN(bound) { // a lower bound's measure comes second
			return math.Inf(1)
		}
		d := max(0, x-bound) / scale
		return float64(d * d)
	}
	return over(m.LatentAUC, MaxLatentAUC, 0.01) + over(m.SurveyAUC, MaxSurveyAUC, 0.01) +
		over(MinSelfCorr, m.SelfAbilityCorr, 0.01) + over(m.SelfAbilityCorr, MaxSelfCorr, 0.01) +
		over(MinLastingTo6, m.Lift6mOver2m, 0.01) + over(m.Lift6mOver2m, MaxLastingTo6, 0.01) +
		over(m.PileUp, MaxPileUp, 0.1) + over(float64(m.AboveFloor), 0, 0.1)
}

// Undefined names the measures of m that are undefined (NaN): each makes
// Penalty infinite.
func (m Measures) Undefined() []string {
	var names []string
	for _, x := range []struct {
		v    float64
		name string
	}{{m.LatentAUC, "AUC of the latent traits for opt-in"}, {m.SurveyAUC, "AUC of the measures at hire for opt-in"},
		{m.SelfAbilityCorr, "corr(self-assessment, ability)"}, {m.Lift6mOver2m, "6m/2m mandatory lift"},
		{m.PileUp, "crowding of unmentored skills below the floor"}} {
		if math.IsNaN(x.v) {
			names = append(names, x.name)
		}
	}
	return names
}

// Violations lists, in words, the constraints m breaks.
func (m Measures) Violations() []string {
	var v []string
	if !(m.LatentAUC <= MaxLatentAUC) {
		v = append(v, fmt.Sprintf("AUC of the latent traits for opt-in %.3f > %.2f", m.LatentAUC, MaxLatentAUC))
	}
	if !(m.SurveyAUC <= MaxSurveyAUC) {
		v = append(v, fmt.Sprintf("AUC of the measures at hire for opt-in %.3f > %.2f", m.SurveyAUC, MaxSurveyAUC))
	}
	if c := m.SelfAbilityCorr; !(c >= MinSelfCorr && c <= MaxSelfCorr) {
		v = append(v, fmt.Sprintf("corr(self-assessment, ability) %.3f outside [%.2f, %.2f]", c, MinSelfCorr, MaxSelfCorr))
	}
	if r := m.Lift6mOver2m; !(r >= MinLastingTo6 && r <= MaxLastingTo6) {
		v = append(v, fmt.Sprintf("6m/2m mandatory lift %.3f outside [%.2f, %.2f]", r, MinLastingTo6, MaxLastingTo6))
	}
	if m.AboveFloor > 0 {
		v = append(v, fmt.Sprintf("%d reps lifted above the floor", m.AboveFloor))
	}
	if !(m.PileUp <= MaxPileUp) {
		v = append(v, fmt.Sprintf("unmentored skills %.2f times as crowded below the floor as ability (> %.1f)", m.PileUp, MaxPileUp))
	}
	return v
}

package class

import (
	"math"

	"mentorsim/sim/estimate"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

// SimRun is the simulator's 603-hire study with the class's opt-in rule.
type SimRun struct {
	Params    map[string]float64 `json:"params"` // the opt-in parameters set from the fit
	Estimates []SimEstimate      `json:"estimates"`
}

// SimEstimate is one of the study's estimands, simulated, beside the
// published number.
type SimEstimate struct {
	ID        study.ID          `json:"id"`
	Estimate  estimate.Estimate `json:"estimate"`
	Published string            `json:"published"`
}

// simIDs are the estimands the projector shows from the simulated study.
var simIDs = []study.ID{study.MandatoryRevenueLift2m, study.VoluntaryOptinRate, study.VoluntaryRevenueLift2m, study.OptinVsOptoutRevenue2m}

// RuleParams maps the fitted rule onto the model's opt-in utility
// U = optin_base − optin_need·s − optin_shyness·z + optin_eagerness·e +
// optin_noise·logistic, with a rep's ability a in the role of the
// standardised score and s in that of the standardised self-assessment:
//   - eagerness is made ability itself (eagerness_corr = 1), so
//     optin_eagerness is the score's coefficient;
//   - s is given sd 1 and the class's correlation with ability
//     (sa_inflation 0, sa_compression 1 − r, sa_noise √(1 − r²)), so
//     optin_need is minus the self-assessment's coefficient;
//   - insecurity is switched off (optin_shyness 0), the intercept is
//     optin_base, and the noise is the standard logistic (optin_noise 1).
//
// Coefficients beyond the parameters' ranges are clipped to ±10, and a
// negative correlation to 0 (sa_compression cannot exceed 1).
func RuleParams(f Fit) map[string]float64 {
	r := math.Min(1, math.Max(0, f.Corr))
	clip := func(x float64) float64 { return math.Min(10, math.Max(-10, x)) }
	return map[string]float64{
		"optin_base":      clip(f.Coef[0]),
		"optin_eagerness": clip(f.Coef[1]),
		"eagerness_corr":  1,
		"optin_need":      clip(-f.Coef[2]),
		"optin_shyness":   0,
		"optin_noise":     1,
		"sa_inflation":    0,
		"sa_compression":  1 - r,
		"sa_noise":        math.Sqrt(1 - r*r),
	}
}

// Simulate runs the 603-hire study (the study preset's outcome model)
// with the class's opt-in rule, seeded by the session.
func Simulate(f Fit, seed uint64) SimRun {
	run := SimRun{Params: RuleParams(f)}
	p := param.Defaults()
	for _, name := range param.Names() {
		if v, ok := run.Params[name]; ok {
			if err := p.Set(name, v); err != nil {
				return run // cannot happen: RuleParams keeps to the ranges
			}
		}
	}
	s, err := study.New(param.Scenario{Preset: param.DefaultPreset, Seed: seed, Params: p})
	if err != nil {
		return run
	}
	s.RunToEnd(1)
	es := s.Estimates()
	for _, id := range simIDs {
		e, _ := es.Get(id)
		t, _ := study.TargetFor(id)
		run.Estimates = append(run.Estimates, SimEstimate{id, e, t.Study})
	}
	return run
}

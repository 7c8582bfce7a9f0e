package calibrate

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/optimize"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

// DefaultFree lists the parameters fitted for a preset. The default
// preset (advice) fits the know-how and peer help of the outcome model and
// its opt-in channel; conv_skill, the leaving model and denied_help keep
// their values (docs/calibration.md says why). The other explanations keep
// that outcome model and fit only what drives their advice-seeking, so
// that they differ from it in nothing but why reps ask.
func DefaultFree(preset string) []string {
	switch param.Canonical(preset) {
	case "insecure":
		return []string{"optin_base", "optin_noise", "optin_peer", "optin_shyness"}
	case "overconfident":
		return []string{"optin_base", "optin_noise", "optin_peer", "optin_eagerness"}
	}
	return []string{"mentor_floor", "mentor_gain", "peer_help", "peer_help_slope", "optin_base", "optin_noise", "optin_peer", "gain_decay_tau"}
}

// Loss is the sum over targets of weight · ((estimate − target) / scale)²,
// scale the target's SE or tolerance: with the study's targets (weights 1,
// tolerances) below 1 means every estimand is within its tolerance.
func Loss(ts Targets, es study.Estimates) float64 {
	loss := 0.0
	for _, t := range ts.Targets {
		e, _ := es.Get(t.ID)
		d := (e.Estimate - t.Value) / t.Scale()
		if math.IsNaN(d) {
			return math.Inf(1)
		}
		loss += float64(t.Weight * float64(d*d))
	}
	return loss
}

// EvaluateTo runs the scenario once and returns its loss against ts, with
// the penalty of any constraint on the mechanism it breaks
// (study.Measures.Penalty), and its estimates.
func EvaluateTo(sc param.Scenario, ts Targets, workers int) (float64, study.Estimates, error) {
	return evaluateIn(new(study.Scratch), sc, ts, workers)
}

// evaluateIn is EvaluateTo in memory from scratch.
func evaluateIn(scratch *study.Scratch, sc param.Scenario, ts Targets, workers int) (float64, study.Estimates, error) {
	s, err := study.NewIn(scratch, sc, 1)
	if err != nil {
		return math.Inf(1), nil, err
	}
	s.RunToEnd(workers)
	es := s.Estimates()
	return Loss(ts, es) + s.Measure(es).Penalty(), es, nil
}

// Fit is a calibration's outcome.
type Fit struct {
	Scenario  param.Scenario // the start with the fitted values
	Loss      float64
	Estimates study.Estimates
	Evals     int
	// Converged is whether the search stopped because the loss stopped
	// falling, rather than at its budget of evaluations or on a failure:
	// only then is the fit an optimum, where Identify's standard errors
	// hold. AtBudget is whether it stopped at the budget.
	Converged, AtBudget bool
}

// Run fits the free parameters of start to ts, evaluating at most maxEvals
// scenarios. report, if not nil, is called after each evaluation with the
// best loss so far.
func Run(start param.Scenario, free []string, ts Targets, maxEvals, workers int, report func(evals int, best float64)) (Fit, error) {
	specs, err := lookup(free)
	if err != nil {
		return Fit{}, err
	}
	if err := start.Params.Validate(); err != nil {
		return Fit{}, err
	}
	sp := newSpace(start, specs)
	evals, best := 0, math.Inf(1)
	var scratch study.Scratch // the optimizer evaluates one point at a time
	problem := optimize.Problem{Func: func(x []float64) float64 {
		loss, _, err := evaluateIn(&scratch, sp.scenario(x), ts, workers)
		if err != nil {
			loss = math.Inf(1)
		}
		evals++
		best = min(best, loss)
		if report != nil {
			report(evals, best)
		}
		return loss
	}}
	settings := &optimize.Settings{FuncEvaluations: maxEvals,
		Converger: &optimize.FunctionConverge{Absolute: 1e-4, Iterations: 4 * len(specs) * len(specs)}}
	res, err := optimize.Minimize(problem, make([]float64, len(specs)), settings, &optimize.NelderMead{SimplexSize: 1})
	if err != nil && res == nil {
		return Fit{}, err
	}
	fit := Fit{Scenario: sp.scenario(res.X), Evals: evals, Converged: res.Status != optimize.NotTerminated && !res.Status.Early(),
		AtBudget: res.Status == optimize.FunctionEvaluationLimit}
	fit.Loss, fit.Estimates, err = EvaluateTo(fit.Scenario, ts, workers)
	if err == nil && math.IsInf(fit.Loss, 1) {
		return fit, nowhereDefined(fit, ts, workers)
	}
	return fit, err
}

// nowhereDefined is the error of a fit whose loss is infinite at its best
// point: some target's estimate, or some constraint's measure, is
// undefined there (a study too small to have them, most often), so the
// fit has nothing to go by.
func nowhereDefined(fit Fit, ts Targets, workers int) error {
	var what []string
	for _, t := range ts.Targets {
		if e, _ := fit.Estimates.Get(t.ID); math.IsNaN(e.Estimate) {
			what = append(what, string(t.ID))
		}
	}
	if len(what) == 0 { // a measure, then: evaluate the point again to name it
		if s, err := study.New(fit.Scenario); err == nil {
			s.RunToEnd(workers)
			what = s.Measure(s.Estimates()).Undefined()
		}
	}
	return &param.FieldError{Field: "hires", Value: fmt.Sprint(fit.Scenario.Params.Hires),
		Problem: fmt.Sprintf("gives no point where the fit is defined (undefined: %s; evaluations: %d)", strings.Join(what, "; "), fit.Evals),
		Allowed: "a study large enough to define every target and measure (more -hires), at values that let reps opt in and out"}
}

// lookup finds the free parameters' specs. Whole-number parameters (sizes,
// days, codes) cannot move by the optimiser's small steps, and a name given
// twice would be fitted twice, so both are refused.
func lookup(names []string) ([]param.Spec, error) {
	specs := make([]param.Spec, len(names))
	for i, n := range names {
		s, ok := param.Lookup(n)
		switch {
		case !ok:
			return nil, &param.FieldError{Field: "free", Value: fmt.Sprintf("%q", n), Allowed: "names of parameters (see `mentorsim params`)"}
		case s.Integer:
			return nil, &param.FieldError{Field: "free", Value: fmt.Sprintf("%q", n), Allowed: "parameters that take any number in a range; this one is a whole number, which calibrate cannot fit"}
		case slices.Contains(names[:i], n):
			return nil, &param.FieldError{Field: "free", Value: fmt.Sprintf("%q", n), Allowed: "each parameter named once"}
		}
		specs[i] = s
	}
	return specs, nil
}

// space maps the optimiser's unit-free coordinates to parameter values: x = 0
// is the start. A parameter that starts positive and cannot be negative
// moves on a log scale (a step of 1 multiplies it by e^0.3), so that time
// constants and rates can change by orders of magnitude; others move by a
// tenth of their range per step. Values are clamped to the allowed range.
type space struct {
	start param.Scenario
	specs []param.Spec
}

func newSpace(start param.Scenario, specs []param.Spec) space {
	return space{start: start, specs: specs}
}

func (sp space) scenario(x []float64) param.Scenario {
	sc := sp.start
	for i, s := range sp.specs {
		v0 := *s.Of(&sp.start.Params)
		v := v0 + x[i]*(s.Max-s.Min)/10
		if s.Min >= 0 && v0 > 0 {
			v = v0 * math.Exp(0.3*x[i])
		}
		*s.Of(&sc.Params) = math.Max(s.Min, math.Min(s.Max, v))
	}
	return sc
}

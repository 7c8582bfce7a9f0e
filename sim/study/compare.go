package study

import "mentorsim/sim/param"

// ComparedPolicies are the policies `mentorsim policies` and the app's money
// panel compare, in table order; NoProgram is the baseline.
var ComparedPolicies = []Policy{Mandatory, Voluntary, Targeted, ByDefault, NoProgram}

// ComparePolicies runs each compared policy to the end on the same scenario
// and seed: the same reps (common random numbers), so the differences are
// the policies'. The scenario's own policy is replaced.
func ComparePolicies(sc param.Scenario, workers int) ([]Outcomes, error) {
	outs := make([]Outcomes, len(ComparedPolicies))
	for i, pol := range ComparedPolicies {
		run := sc
		if err := run.Params.Set("policy", float64(pol)); err != nil {
			return nil, err
		}
		s, err := New(run)
		if err != nil {
			return nil, err
		}
		s.RunToEnd(workers)
		outs[i] = s.Outcomes()
	}
	return outs, nil
}

// Gains are each outcome's net per hire minus the base policy's.
func Gains(outs []Outcomes, base Policy) Values {
	var b float64
	for _, o := range outs {
		if o.Policy == base.String() {
			b = o.NetPerHire
		}
	}
	vs := make(Values, len(outs))
	for i, o := range outs {
		vs[i] = Value{ID: o.Policy, X: o.NetPerHire - b}
	}
	return vs
}

// PolicyTruth is the true effect of a mentor, from both potential outcomes,
// for the reps the policy mentors and for those it leaves out (NaN for a
// group with nobody in it).
func (s *Study) PolicyTruth() Values {
	return Values{
		{string(TruthMentored), s.trueLift(func(i int) bool { return s.Reps[i].Mentored })},
		{string(TruthUnmentored), s.trueLift(func(i int) bool { return !s.Reps[i].Mentored })},
	}
}

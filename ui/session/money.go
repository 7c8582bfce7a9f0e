package session

import (
	"fmt"
	"strings"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

// Money is the money panel: what each policy brings the firm per hire on
// the current scenario's reps (the same reps under every policy), exactly
// what Command prints. The dollars are illustrative: they follow from the
// assumed price per sale, calls per day and mentor cost, which it carries
// so that the panel can say so.
type Money struct {
	Command     string           `json:"command"` // the `mentorsim policies` command printing the same numbers
	Hires       int              `json:"hires"`
	Price       float64          `json:"price"`
	CallsPerDay float64          `json:"calls_per_day"`
	MentorCost  float64          `json:"mentor_cost"`
	Policies    []study.Outcomes `json:"policies"`         // in study.ComparedPolicies' order
	VsNone      study.Values     `json:"net_gain_vs_none"` // net per hire minus no program's
}

// Money computes the money panel for the current scenario, whatever its
// policy, and keeps it until the scenario changes (it runs every policy to
// the end: a few hundredths of a second for the study's 603 hires).
func (s *Session) Money() (Money, error) {
	sc := s.Scenario
	sc.Params.Policy = 0
	if s.moneyValid && s.moneyFor == sc {
		return s.money, nil
	}
	outs, err := study.ComparePolicies(sc, s.Workers)
	if err != nil {
		return Money{}, err
	}
	p := sc.Params
	s.money = Money{Command: policiesCommand(sc), Hires: int(p.Hires), Price: p.Price, CallsPerDay: p.CallsPerDay,
		MentorCost: p.MentorCost, Policies: outs, VsNone: study.Gains(outs, study.NoProgram)}
	s.moneyFor, s.moneyValid = sc, true
	return s.money, nil
}

// policiesCommand is the command line that prints the numbers of the
// scenario (policy 0): its preset, seed, hires and every other parameter
// that differs from the preset.
func policiesCommand(sc param.Scenario) string {
	var b strings.Builder
	fmt.Fprintf(&b, "mentorsim policies -scenario %s -seed %d -hires %s", sc.Preset, sc.Seed, param.Format(sc.Params.Hires))
	base, err := param.Preset(sc.Preset)
	if err != nil {
		base = param.Defaults()
	}
	for _, name := range sc.Params.Diff(base) {
		if name != "hires" {
			v, _ := sc.Params.Get(name)
			fmt.Fprintf(&b, " -%s %s", name, param.Format(v))
		}
	}
	return b.String()
}

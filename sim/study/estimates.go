package study

import (
	"encoding/json"
	"fmt"
	"math"

	"mentorsim/sim/estimate"
	"mentorsim/sim/jsonobj"
	"mentorsim/sim/model"
	"mentorsim/sim/param"
)

// Estimates are the study's estimates keyed by estimand, in EstimandIDs' order.
type Estimates []Named

// Named is one estimand's estimate.
type Named struct {
	ID ID
	estimate.Estimate
}

// Get returns the estimate with the given id.
func (es Estimates) Get(id ID) (estimate.Estimate, bool) {
	for _, e := range es {
		if e.ID == id {
			return e.Estimate, true
		}
	}
	return estimate.Estimate{}, false
}

// MarshalJSON writes an object keyed by estimand id, in EstimandIDs' order.
func (es Estimates) MarshalJSON() ([]byte, error) {
	return jsonobj.Marshal(len(es), func(i int) (string, any) { return string(es[i].ID), es[i].Estimate })
}

// Values are named numbers, such as the true effects.
type Values []Value

// Value is one named number; NaN is written as null.
type Value struct {
	ID string
	X  float64
}

// Get returns the value with the given id.
func (vs Values) Get(id string) (float64, bool) {
	for _, v := range vs {
		if v.ID == id {
			return v.X, true
		}
	}
	return 0, false
}

// MarshalJSON writes an object keyed by id, in order.
func (vs Values) MarshalJSON() ([]byte, error) {
	return jsonobj.Marshal(len(vs), func(i int) (string, any) {
		if math.IsNaN(vs[i].X) || math.IsInf(vs[i].X, 0) {
			return vs[i].ID, nil
		}
		return vs[i].ID, vs[i].X
	})
}

// UnmarshalJSON reads what MarshalJSON writes, in its order (a null is
// NaN).
func (vs *Values) UnmarshalJSON(b []byte) error {
	keys, raws, err := jsonobj.Fields(b)
	if err != nil {
		return fmt.Errorf("values: %w", err)
	}
	*vs = (*vs)[:0]
	for i, k := range keys {
		var x *float64
		if err := json.Unmarshal(raws[i], &x); err != nil {
			return err
		}
		v := Value{ID: k, X: math.NaN()}
		if x != nil {
			v.X = *x
		}
		*vs = append(*vs, v)
	}
	return nil
}

// Spec is how the revenue lifts are estimated.
type Spec uint8

const (
	// SpecOLS regresses daily revenue on a treatment dummy, CR1 by rep.
	SpecOLS Spec = iota
	// SpecFE adds tenure-day and training-class fixed effects, CR1 by class.
	SpecFE
)

var specNames = []string{"ols", "fe"}

func (sp Spec) String() string { return specNames[sp] }

// Recorded is the spec's name as outputs record it: "" for the default,
// which they leave out (its outputs are as they were before -spec).
func (sp Spec) Recorded() string {
	if sp == SpecOLS {
		return ""
	}
	return sp.String()
}

// ParseSpec reads a spec's name.
func ParseSpec(name string) (Spec, error) {
	for i, n := range specNames {
		if n == name {
			return Spec(i), nil
		}
	}
	return 0, &param.FieldError{Field: "spec", Value: fmt.Sprintf("%q", name),
		Allowed: "ols (treatment dummy, errors clustered by rep) or fe (tenure-day and class fixed effects, clustered by class)"}
}

// Estimates computes every estimand from what has been observed so far:
// only simulated rep-days count, and retention is Kaplan–Meier, so the
// estimates are right part-way through a run, under censoring.
func (s *Study) Estimates() Estimates { return s.EstimatesSpec(SpecOLS) }

// EstimatesSpec is Estimates with the revenue lifts estimated by spec.
func (s *Study) EstimatesSpec(spec Spec) Estimates {
	if s.Policy() != Experiment {
		return s.policyEstimates()
	}
	defer s.pass.end()
	mand := []Arm{MandatoryMentored}
	ctrl := []Arm{MandatoryControl}
	optinM, optinD := []Arm{OptinMentored}, []Arm{OptinDenied}
	optins, optouts := []Arm{OptinMentored, OptinDenied}, []Arm{Optout}
	revenueLift := s.revenueLift
	if spec == SpecFE {
		revenueLift = s.feLifts()
	}
	ate, att, p := revenueLift(mand, ctrl, 1), revenueLift(optinM, optinD, 1), s.optinRate()
	seen := s.seenUnits(mand, ctrl, 1)
	lower, upper := s.leeBounds(seen, 1)
	itt := s.ittLift(seen)
	s.pass.rows.put(seen)
	atu, diff := estimate.ImpliedOptout(estimate.Branches{Mentored: s.armMean(MandatoryMentored, 1),
		Control: s.armMean(MandatoryControl, 1), OptinMentored: s.armMean(OptinMentored, 1),
		OptinDenied: s.armMean(OptinDenied, 1), Optout: s.armMean(Optout, 1)}, p)
	return inTableOrder(map[ID]estimate.Estimate{
		MandatoryRevenueLift2m:      ate,
		MandatoryRevenueLift6m:      revenueLift(mand, ctrl, 3),
		MandatoryRetentionLift1m:    s.survivalLift(mand, ctrl, model.Month1),
		VoluntaryOptinRate:          p,
		VoluntaryRevenueLift2m:      att,
		VoluntaryRetentionLift1m:    s.survivalLift(optinM, optinD, model.Month1),
		VoluntaryRetentionLift3m:    s.survivalLift(optinM, optinD, model.Month3),
		OptinVsOptoutRevenue2m:      revenueLift(optins, optouts, 1),
		ControlRetention3m:          s.survival(ctrl, model.Month3),
		ImpliedOptoutRevenueLift2m:  atu,
		ImpliedATTMinusATU2m:        diff,
		MandatoryITTRevenuePerHire:  itt,
		MandatoryLeeLower2m:         lower,
		MandatoryLeeUpper2m:         upper,
		MandatoryRevenuePerCallLift: s.callLift(mand, ctrl, 1),
	})
}

// inTableOrder lists the estimates in EstimandIDs' order: the order comes
// from the table alone, whatever order they were computed in. An estimand
// missing from m is a bug the tests catch (TestEstimatesFollowTheTable).
func inTableOrder(m map[ID]estimate.Estimate) Estimates {
	es := make(Estimates, 0, len(EstimandIDs))
	for _, id := range EstimandIDs {
		if e, ok := m[id]; ok {
			es = append(es, Named{id, e})
		}
	}
	return es
}

// feLifts returns SpecFE's revenue lift. It replays every rep once for its
// daily sales (the engine keeps only sums); a rep works days 0, 1, ... up
// to leaving, so its sales slice is indexed by tenure day.
func (s *Study) feLifts() func(treated, comparison []Arm, w int) estimate.Estimate {
	sales := make([][]int32, len(s.Reps))
	for i := range s.Reps {
		s.Replay(i, func(_, n int) { sales[i] = append(sales[i], int32(n)) })
	}
	price := s.Scenario.Params.Price
	return func(treated, comparison []Arm, w int) estimate.Estimate {
		var obs []estimate.DayObs
		t, c := armSet(treated), armSet(comparison)
		for i := range s.Reps {
			isTreated := t[s.Arms[i]]
			if !isTreated && !c[s.Arms[i]] {
				continue
			}
			for t, n := range sales[i][:min(len(sales[i]), model.Windows[w])] {
				obs = append(obs, estimate.DayObs{Class: s.Class(i), Day: t, Revenue: float64(price * float64(n)), Treated: isTreated})
			}
		}
		return estimate.FELift(obs)
	}
}

// The estimands below read the arms' reps with their employed days, calls
// and revenue over window model.Windows[w], in rep order, from the pass
// (s.pass). Calls are the expected calls of the days worked (Rep.Calls),
// as panel.csv records them. They take their slices from the pass's
// spares and give them back when done; the helpers that return a slice
// (seenUnits, clusters) leave that to their caller.

// callLift is the lift in revenue per call, over the units with Days the
// days worked with calls: the rep-days a regression of revenue per call
// can use.
func (s *Study) callLift(treated, comparison []Arm, w int) estimate.Estimate {
	m := s.merged(treated, comparison, w)
	us := s.pass.rows.get(len(m))
	for _, u := range m {
		u.u.Days = u.present
		us = append(us, u.u)
	}
	s.pass.merged.put(m)
	e := estimate.CallLift(us)
	s.pass.rows.put(us)
	return e
}

// windowSeen reports whether rep i's window w has been observed to its end
// (or the rep has left, after which every day is known to be zero).
func (s *Study) windowSeen(i, w int) bool {
	r := &s.Reps[i]
	return int(r.Tenure) >= model.Windows[w] || r.Left()
}

// ittLift is the intention-to-treat lift in revenue per hire over the seen
// units' window (seenUnits), counting days after leaving as zero: one
// observation per rep, so RevenueLift's CR1 by rep is HC1.
func (s *Study) ittLift(seen []estimate.Unit) estimate.Estimate {
	cs := s.pass.clusters.get(len(seen))
	for _, u := range seen {
		cs = append(cs, estimate.Cluster{Days: 1, Revenue: u.Revenue, Treated: u.Treated})
	}
	e := estimate.RevenueLift(cs)
	s.pass.clusters.put(cs)
	return e
}

// leeBounds are the Lee bounds of the seen units of window w (seenUnits),
// from whether they worked all of it and their revenue per day over it.
func (s *Study) leeBounds(seen []estimate.Unit, w int) (lower, upper estimate.Estimate) {
	rs := s.pass.retained.get(len(seen))
	for _, u := range seen {
		stayed := u.Days >= model.Windows[w]
		rs = append(rs, estimate.Retained{Stayed: stayed, Outcome: u.Revenue / float64(model.Windows[w]), Treated: u.Treated})
	}
	lower, upper = estimate.LeeBounds(rs)
	s.pass.retained.put(rs)
	return lower, upper
}

// seenUnits are the arms' units of reps whose window w has been seen, from
// s.pass.rows: the caller puts them back.
func (s *Study) seenUnits(treated, comparison []Arm, w int) []estimate.Unit {
	m := s.merged(treated, comparison, w)
	seen := s.pass.rows.get(len(m))
	for _, u := range m {
		if u.seen {
			seen = append(seen, u.u)
		}
	}
	s.pass.merged.put(m)
	return seen
}

// revenueLift compares revenue per employed rep-day of the treated arms
// with the comparison arms over window model.Windows[w].
func (s *Study) revenueLift(treated, comparison []Arm, w int) estimate.Estimate {
	cs := s.clusters(treated, comparison, w)
	e := estimate.RevenueLift(cs)
	s.pass.clusters.put(cs)
	return e
}

// armMean is arm a's revenue per employed rep-day over window w.
func (s *Study) armMean(a Arm, w int) estimate.Mean {
	cs := s.clusters([]Arm{a}, nil, w)
	m := estimate.ArmMean(cs)
	s.pass.clusters.put(cs)
	return m
}

// clusters are the arms' units without their calls, from
// s.pass.clusters: the caller puts them back.
func (s *Study) clusters(treated, comparison []Arm, w int) []estimate.Cluster {
	m := s.merged(treated, comparison, w)
	cs := s.pass.clusters.get(len(m))
	for _, u := range m {
		cs = append(cs, estimate.Cluster{Days: u.u.Days, Revenue: u.u.Revenue, Treated: u.u.Treated})
	}
	s.pass.merged.put(m)
	return cs
}

// armSet is the arms as a set.
func armSet(arms []Arm) (set [NumArms]bool) {
	for _, a := range arms {
		set[a] = true
	}
	return set
}

// Spells are the arms' times to leaving: a leaver's first day gone, or the
// days observed so far for a rep still employed (censored).
func (s *Study) Spells(arms ...Arm) []estimate.Spell { return s.appendSpells(nil, arms) }

// survivalLift is the difference in survival to day t between the treated
// and the comparison arms.
func (s *Study) survivalLift(treated, comparison []Arm, t int) estimate.Estimate {
	k := s.count(treated)
	sp := s.pass.spells.get(k + s.count(comparison)) // one slice for both, the treated first
	sp = s.appendSpells(s.appendSpells(sp, treated), comparison)
	e := estimate.SurvivalLift(sp[:k:k], sp[k:], t)
	s.pass.spells.put(sp)
	return e
}

// survival is the arms' survival to day t.
func (s *Study) survival(arms []Arm, t int) estimate.Estimate {
	sp := s.appendSpells(s.pass.spells.get(s.count(arms)), arms)
	e := estimate.Survival(sp, t)
	s.pass.spells.put(sp)
	return e
}

// count is how many reps are in the arms.
func (s *Study) count(arms []Arm) int {
	in, n := armSet(arms), 0
	for _, a := range s.Arms {
		if in[a] {
			n++
		}
	}
	return n
}

// appendSpells appends the arms' spells to sp, in rep order.
func (s *Study) appendSpells(sp []estimate.Spell, arms []Arm) []estimate.Spell {
	in := armSet(arms)
	for i := range s.Reps {
		if in[s.Arms[i]] {
			sp = append(sp, Spell(&s.Reps[i]))
		}
	}
	return sp
}

// Spell is the rep's time to leaving as observed so far.
func Spell(r *model.Rep) estimate.Spell {
	if r.Left() {
		return estimate.Spell{Time: int(r.DaysEmployed), Event: true}
	}
	return estimate.Spell{Time: int(r.Tenure), Event: false}
}

// optinRate is the share of the voluntary branch who said yes, among the
// classes hired so far.
func (s *Study) optinRate() estimate.Estimate {
	yes, asked := 0, 0
	for i := range s.Reps {
		if s.Arms[i].Branch() == "voluntary" && s.Class(i) < s.ClassesHired() {
			asked++
			if s.Reps[i].OptedIn {
				yes++
			}
		}
	}
	return estimate.Proportion(yes, asked)
}

// Truth returns the true effects: for all reps, the opt-ins and the
// opt-outs, the lift in expected revenue per employed rep-day over the truth
// window with a mentor against without, from both potential outcomes.
func (s *Study) Truth() Values {
	all := func(int) bool { return true }
	optin := func(i int) bool { return s.Reps[i].OptedIn }
	optout := func(i int) bool { return s.Arms[i] == Optout }
	by := map[ID]float64{TruthATE: s.trueLift(all), TruthATTOptin: s.trueLift(optin), TruthATUOptout: s.trueLift(optout)}
	vs := make(Values, 0, len(TruthIDs))
	for _, id := range TruthIDs {
		vs = append(vs, Value{string(id), by[id]})
	}
	return vs
}

func (s *Study) trueLift(in func(int) bool) float64 {
	var rev [2]float64
	var days [2]int64
	for i := range s.Reps {
		if !in(i) {
			continue
		}
		for w, o := range s.Reps[i].Outcome {
			rev[w] += o.Revenue
			days[w] += int64(o.Days)
		}
	}
	return (rev[1]/float64(days[1]))/(rev[0]/float64(days[0])) - 1
}

// Summary is what `mentorsim run -json` prints and summary.json holds.
type Summary struct {
	Seed     uint64         `json:"seed"`
	Scenario param.Scenario `json:"scenario"`
	Day      int            `json:"day"`
	Arms     Values         `json:"arms"`
	// Spec names how the revenue lifts were estimated, unless the default.
	Spec      string    `json:"spec,omitempty"`
	Estimates Estimates `json:"estimates"`
	Truth     Values    `json:"truth"`
	// Policy is the policy's outcomes per hire, under a policy only (the
	// experiment's summary is unchanged).
	Policy *Outcomes `json:"policy,omitempty"`
}

// Summary gathers the run's scenario, seed, arm sizes and estimates.
func (s *Study) Summary() Summary { return s.SummarySpec(SpecOLS) }

// SummarySpec is Summary with the revenue lifts estimated by spec.
func (s *Study) SummarySpec(spec Spec) Summary {
	var counts [NumArms]int
	for _, a := range s.Arms {
		counts[a]++
	}
	arms := make(Values, NumArms)
	for a := range NumArms {
		arms[a] = Value{a.String(), float64(counts[a])}
	}
	sum := Summary{Seed: s.Scenario.Seed, Scenario: s.Scenario, Day: s.day, Arms: arms,
		Spec: spec.Recorded(), Estimates: s.EstimatesSpec(spec), Truth: s.Truth()}
	if s.Policy() != Experiment {
		o := s.Outcomes()
		sum.Policy = &o
	}
	return sum
}

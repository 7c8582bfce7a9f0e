package study

import (
	"math"

	"mentorsim/sim/estimate"
	"mentorsim/sim/jsonobj"
	"mentorsim/sim/model"
)

// Policy is the firm's choice of who is mentored: the `policy` parameter.
// Under a policy there is no experiment: every hire is under it, and the
// reps are put in the arms that describe them (see Arms):
//
//	1 mandatory:   everyone                  → mandatory_mentored
//	2 voluntary:   yes → optin_mentored,     no → optout
//	3 targeted:    score < cut-off → mandatory_mentored, others → mandatory_control
//	4 by default:  stay → optin_mentored,    decline → optout
//	5 none:        everyone                  → mandatory_control
type Policy int

// The policies, by their code in the parameter table.
const (
	Experiment Policy = iota // the study's two-branch experiment
	Mandatory                // mandatory for all
	Voluntary                // ask everyone; every yes gets a mentor
	Targeted                 // those whose screening score is below target_cutoff
	ByDefault                // enrolled unless they actively decline
	NoProgram                // nobody is mentored
	NumPolicies
)

var policyNames = [NumPolicies]string{"experiment", "mandatory", "voluntary", "targeted", "default", "none"}

func (p Policy) String() string {
	if p < 0 || p >= NumPolicies {
		return "unknown"
	}
	return policyNames[p]
}

// Policy is the study's policy.
func (s *Study) Policy() Policy { return Policy(s.Scenario.Params.Policy) }

// assignPolicy puts every rep under the policy. It draws nothing: the
// choices come from the reps' own traits.
func (s *Study) assignPolicy() {
	p := &s.Scenario.Params
	for i := range s.Reps {
		r := &s.Reps[i]
		var a Arm
		optedIn := false
		switch s.Policy() {
		case Mandatory:
			a = MandatoryMentored
		case Voluntary, ByDefault:
			if s.Policy() == Voluntary {
				optedIn = r.WouldOptIn(p)
			} else {
				optedIn = r.WouldStayEnrolled(p)
			}
			a = Optout
			if optedIn {
				a = OptinMentored
			}
		case Targeted:
			a = MandatoryControl
			if r.Screen < p.TargetCutoff {
				a = MandatoryMentored
			}
		default:
			a = MandatoryControl
		}
		s.Arms[i] = a
		s.Engine.Assign(r, optedIn, a.Mentored(), false)
	}
}

// policyEstimates are the estimates under a policy: the study's estimands
// need its randomised arms and are undefined, except the opt-in rate under
// the voluntary policy, the share who said yes.
func (s *Study) policyEstimates() Estimates {
	nan := math.NaN()
	es := make(Estimates, len(EstimandIDs))
	for i, id := range EstimandIDs {
		es[i] = Named{id, estimate.Estimate{Estimate: nan, SE: nan, Lo: nan, Hi: nan}}
		if id == VoluntaryOptinRate && s.Policy() == Voluntary {
			es[i].Estimate = s.optinRate()
		}
	}
	return es
}

// Outcomes are what a policy brings the firm, per hire, over the horizon.
type Outcomes struct {
	Policy         string  `json:"policy"`
	Hires          int     `json:"hires"`
	MentoredShare  float64 `json:"mentored_share"`   // share of hires mentored
	RevenuePerHire float64 `json:"revenue_per_hire"` // price × sales over [0, horizon), realised
	Retention3m    float64 `json:"retention_3m"`     // Kaplan–Meier share still employed at day 63
	Retention6m    float64 `json:"retention_6m"`     // and at day 126
	MentorDays     float64 `json:"mentor_days_per_hire"`
	MentorCost     float64 `json:"mentor_cost_per_hire"` // mentor_cost × program days mentees spent employed
	NetPerHire     float64 `json:"net_per_hire"`         // revenue − mentor cost
	// Expected revenue per hire over the truth window [0, 42), free of
	// Poisson noise, under the policy and had nobody been mentored (the
	// potential outcomes): their difference is the policy's true gain.
	Expected2m           float64 `json:"expected_revenue_2m_per_hire"`
	Expected2mUnmentored float64 `json:"expected_revenue_2m_unmentored_per_hire"`
}

// Outcomes computes the policy outcomes from what has been simulated so far
// (meant for a finished run: revenue and mentor days are sums of what was
// observed; retention is Kaplan–Meier and so right under censoring). It
// applies to any run, the study's experiment included.
func (s *Study) Outcomes() Outcomes {
	p := &s.Scenario.Params
	start, end := int32(p.ProgramStart), int32(p.ProgramStart+p.ProgramDays)
	var sales, mentorDays, mentored int64
	var exp, exp0 float64
	for i := range s.Reps {
		r := &s.Reps[i]
		sales += int64(r.SalesTotal)
		if r.Mentored {
			mentored++
			mentorDays += int64(max(0, min(r.DaysEmployed, end)-start))
		}
		exp += r.Lived().Revenue
		exp0 += r.Outcome[0].Revenue
	}
	n := float64(len(s.Reps))
	spells := make([]estimate.Spell, len(s.Reps))
	for i := range s.Reps {
		spells[i] = Spell(&s.Reps[i])
	}
	o := Outcomes{
		Policy:               s.Policy().String(),
		Hires:                len(s.Reps),
		MentoredShare:        float64(mentored) / n,
		RevenuePerHire:       float64(p.Price*float64(sales)) / n,
		Retention3m:          estimate.Survival(spells, model.Month3).Estimate,
		Retention6m:          estimate.Survival(spells, model.Month6).Estimate,
		MentorDays:           float64(mentorDays) / n,
		MentorCost:           float64(p.MentorCost*float64(mentorDays)) / n,
		Expected2m:           exp / n,
		Expected2mUnmentored: exp0 / n,
	}
	o.NetPerHire = o.RevenuePerHire - o.MentorCost
	return o
}

// MarshalJSON writes the outcomes in field order; NaN (a retention whose
// risk set emptied, part-way through a run) is written as null.
func (o Outcomes) MarshalJSON() ([]byte, error) {
	vals := Values{
		{"mentored_share", o.MentoredShare},
		{"revenue_per_hire", o.RevenuePerHire},
		{"retention_3m", o.Retention3m},
		{"retention_6m", o.Retention6m},
		{"mentor_days_per_hire", o.MentorDays},
		{"mentor_cost_per_hire", o.MentorCost},
		{"net_per_hire", o.NetPerHire},
		{"expected_revenue_2m_per_hire", o.Expected2m},
		{"expected_revenue_2m_unmentored_per_hire", o.Expected2mUnmentored},
	}
	return jsonobj.Marshal(2+len(vals), func(i int) (string, any) {
		switch i {
		case 0:
			return "policy", o.Policy
		case 1:
			return "hires", o.Hires
		}
		v := vals[i-2]
		if math.IsNaN(v.X) || math.IsInf(v.X, 0) {
			return v.ID, nil
		}
		return v.ID, v.X
	})
}

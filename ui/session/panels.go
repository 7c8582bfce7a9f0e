package session

import (
	"fmt"
	"math"
	"slices"

	"mentorsim/sim/estimate"
	"mentorsim/sim/study"
)

// Series is one arm's curve over tenure days: Y[t] with a pointwise 95% band
// [Lo[t], Hi[t]]; NaN where there are no data yet.
type Series struct {
	Arm       study.Arm
	Y, Lo, Hi []float64
}

// Histogram counts abilities in two groups: under the experiment the
// voluntary branch's opt-ins (OptIn) and opt-outs (OptOut); under a policy
// all hires, those it mentors (OptIn) and the rest (OptOut). Arms are the
// arms the groups fall in, which name and colour them as on the floor.
type Histogram struct {
	Min, Width      float64 // bin i covers [Min + i·Width, Min + (i+1)·Width)
	OptIn, OptOut   []int
	NOptIn, NOptOut int
	Arms            [2]study.Arm
}

// Effect is a headline estimand as the data come in, beside the study's
// number, or a true effect (Truth set, no interval).
type Effect struct {
	ID       study.ID
	Label    string // what the row is, in a class's words, under the run's policy
	Estimate estimate.Estimate
	Target   study.Target // the study's number; none under a policy (HasTarget false)
	Truth    bool
	// Share marks a share of reps (shown "50% opted in", on its own 0–100%
	// scale), not a lift over a comparison group ("+19%").
	Share     bool
	HasTarget bool
}

// Panels is everything the app's panels draw, computed from the study.
type Panels struct {
	Revenue   []Series // per arm
	Retention []Series // per arm, share still employed by tenure day
	Ability   Histogram
	Effects   []Effect
	// EffectsNote says, under a policy, why the study's comparisons are
	// not among the effects; "" under the experiment.
	EffectsNote string
	Self        SelfView
}

// EffectRows is the most rows the effects panel shows: the headline
// estimates, and the true effects if they are shown.
func EffectRows(truth bool) int {
	if truth {
		return len(study.HeadlineIDs) + len(study.TruthIDs)
	}
	return len(study.HeadlineIDs)
}

// Panels computes the panels' data for the current day. The app caches it
// per day; it costs a few passes over the reps.
func (s *Session) Panels() Panels {
	st := s.Study
	var p Panels
	for a := range study.NumArms {
		p.Revenue = append(p.Revenue, revenueSeries(st, a))
		p.Retention = append(p.Retention, retentionSeries(st, a))
	}
	p.Ability = abilityHistogram(st, -3, 0.25, 24)
	p.Self = selfView(st)
	if st.Policy() != study.Experiment {
		p.Effects, p.EffectsNote = policyEffects(st)
		return p
	}
	es, truth := st.Estimates(), st.Truth()
	for _, id := range s.effectIDs() {
		if v, ok := truth.Get(string(id)); ok {
			p.Effects = append(p.Effects, truthEffect(id, study.Label(id), v))
			continue
		}
		e, _ := es.Get(id)
		t, has := study.TargetFor(id)
		p.Effects = append(p.Effects, Effect{ID: id, Label: study.Label(id), Estimate: e, Target: t, HasTarget: has,
			Share: id == study.VoluntaryOptinRate})
	}
	return p
}

// effectIDs are the effects panel's rows: the lesson's step's, else the
// headline estimates and the true effects.
func (s *Session) effectIDs() []study.ID {
	if st, _ := s.CurrentStep(); len(st.Rows) > 0 {
		return st.Rows
	}
	return append(slices.Clone(study.HeadlineIDs), study.TruthIDs...)
}

func truthEffect(id study.ID, label string, x float64) Effect {
	nan := math.NaN()
	return Effect{ID: id, Label: label, Estimate: estimate.Estimate{Estimate: x, SE: nan, Lo: nan, Hi: nan}, Truth: true}
}

// policyEffects are the rows that mean something under a policy: the
// share it mentors (where reps or a score decide it) and the true effect
// of a mentor for everyone, for the reps it mentors and for the rest
// (where both groups have reps). The study's comparisons need its
// randomised arms, which a policy does not have.
func policyEffects(st *study.Study) ([]Effect, string) {
	pol := st.Policy()
	who := map[study.Policy][2]string{
		study.Voluntary: {"those who said yes", "those who said no"},
		study.Targeted:  {"the targeted", "those not targeted"},
		study.ByDefault: {"those who stayed enrolled", "those who declined"},
	}[pol]
	share := map[study.Policy]string{
		study.Voluntary: "Voluntary policy: share who said yes (all mentored)",
		study.Targeted:  "Targeted policy: share the screening score picked",
		study.ByDefault: "By default: share who stayed enrolled",
	}[pol]
	var es []Effect
	if share != "" {
		es = append(es, Effect{ID: PolicyMentoredShare, Label: share, Estimate: mentoredShare(st), Share: true})
	}
	truth := st.Truth()
	es = append(es, truthEffect(study.ID(truth[0].ID), "True effect of a mentor: everyone", truth[0].X))
	if who[0] != "" {
		for i, v := range st.PolicyTruth() {
			es = append(es, truthEffect(study.ID(v.ID), "True effect of a mentor: "+who[i], v.X))
		}
	}
	note := fmt.Sprintf("Under the %s policy there is no experiment, so the study's comparisons do not apply; "+
		"the true effects come from each rep's outcome with and without a mentor.", PolicyLabel(pol))
	return es, note
}

// PolicyMentoredShare is the effects panel's row, under a policy, of
// the share it mentors.
const PolicyMentoredShare study.ID = "policy.mentored_share"

// mentoredShare is the share of the reps hired so far who are mentored:
// a count, not a sample, so without an interval.
func mentoredShare(st *study.Study) estimate.Estimate {
	yes, n := 0, 0
	for i := range st.Reps {
		if st.Class(i) < st.ClassesHired() {
			n++
			if st.Reps[i].Mentored {
				yes++
			}
		}
	}
	nan := math.NaN()
	if n == 0 {
		return estimate.Estimate{Estimate: nan, SE: nan, Lo: nan, Hi: nan}
	}
	return estimate.Estimate{Estimate: float64(yes) / float64(n), SE: nan, Lo: nan, Hi: nan}
}

// revenueSeries is mean revenue per day at work by tenure week (each
// day shows its week's pooled mean, which smooths the daily Poisson noise),
// with a normal 95% band from the spread across rep-days. Weeks with fewer
// than minRepDays rep-days are left out.
func revenueSeries(st *study.Study, a study.Arm) Series {
	const week, minRepDays = 5, 20
	price := st.Scenario.Params.Price
	days := st.Daily[a]
	s := newSeries(a, len(days))
	for w0 := 0; w0 < len(days); w0 += week {
		var n, sum, sq float64
		for _, d := range days[w0:min(w0+week, len(days))] {
			n += float64(d.Employed)
			sum += float64(d.Sales)
			sq += float64(d.SalesSq)
		}
		if n < minRepDays {
			continue
		}
		mean := sum / n
		variance := math.Max(0, (sq-float64(n*mean*mean))/(n-1))
		half := float64(float64(estimate.Z95*math.Sqrt(variance/n)) * price)
		for t := w0; t < min(w0+week, len(days)); t++ {
			s.Y[t], s.Lo[t], s.Hi[t] = float64(mean*price), float64(mean*price)-half, float64(mean*price)+half
		}
	}
	return s
}

// retentionSeries is the arm's Kaplan–Meier curve (the share still
// employed, counting reps not yet followed that long fairly) with a log-scale
// Greenwood band, shown while at least minAtRisk reps are at risk.
func retentionSeries(st *study.Study, a study.Arm) Series {
	horizon := len(st.Daily[a])
	c := estimate.KaplanMeier(st.Spells(a), horizon)
	s := newSeries(a, horizon+1)
	const minAtRisk = 10
	for t := range s.Y {
		if t >= len(c.S) || math.IsNaN(c.S[t]) || (t > 0 && c.AtRisk[t] < minAtRisk) {
			continue
		}
		half := float64(estimate.Z95 * math.Sqrt(c.VarLog[t]))
		s.Y[t] = c.S[t]
		s.Lo[t] = math.Max(0, float64(c.S[t]*math.Exp(-half)))
		s.Hi[t] = math.Min(1, float64(c.S[t]*math.Exp(half)))
	}
	return s
}

func newSeries(a study.Arm, n int) Series {
	s := Series{Arm: a, Y: make([]float64, n), Lo: make([]float64, n), Hi: make([]float64, n)}
	for i := range n {
		s.Y[i], s.Lo[i], s.Hi[i] = math.NaN(), math.NaN(), math.NaN()
	}
	return s
}

// abilityHistogram bins the abilities of the hires so far in the
// histogram's two groups; values outside the range go to the end bins.
func abilityHistogram(st *study.Study, lo, width float64, bins int) Histogram {
	h := Histogram{Min: lo, Width: width, OptIn: make([]int, bins), OptOut: make([]int, bins),
		Arms: [2]study.Arm{study.OptinMentored, study.Optout}}
	pol := st.Policy()
	if pol == study.Mandatory || pol == study.Targeted || pol == study.NoProgram {
		h.Arms = [2]study.Arm{study.MandatoryMentored, study.MandatoryControl}
	}
	hired := st.ClassesHired()
	for i, a := range st.Arms {
		if st.Class(i) >= hired || (pol == study.Experiment && a.Branch() != "voluntary") {
			continue
		}
		b := int(math.Floor((st.Reps[i].Ability - lo) / width))
		b = max(0, min(bins-1, b))
		in := st.Reps[i].OptedIn
		if pol != study.Experiment {
			in = a.Mentored()
		}
		if in {
			h.OptIn[b]++
			h.NOptIn++
		} else {
			h.OptOut[b]++
			h.NOptOut++
		}
	}
	return h
}

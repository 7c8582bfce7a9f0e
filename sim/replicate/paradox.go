package replicate

import (
	"math"

	"mentorsim/sim/estimate"
	"mentorsim/sim/study"
)

// ParadoxRate is the share of replications that show the study's paradox
// (docs/model.md, 7.8): the voluntary branch's revenue lift is not
// significantly positive (its 95% interval reaches 0 or below) while the
// opt-ins out-earn the opt-outs significantly (that interval is above 0).
// A replication with either estimate undefined does not count as one.
func (r Result) ParadoxRate() float64 {
	return r.shareWhere(func(vol, gap estimate.Estimate) bool { return vol.Lo <= 0 && gap.Lo > 0 })
}

// The published combination: the study's two paradox numbers as a
// 603-rep study reports them, the opt-in lift near 0 and the opt-ins'
// lead near +30%.
const (
	PublishedLiftBand = 0.05 // |voluntary.revenue_lift_2m| at most this
	PublishedLead     = 0.30 // voluntary.optin_vs_optout_revenue_2m …
	PublishedLeadBand = 0.10 // … within this of PublishedLead
)

// PublishedRate is the share of replications whose estimates fall in the
// published combination; undefined estimates never count.
func (r Result) PublishedRate() float64 {
	return r.shareWhere(func(vol, gap estimate.Estimate) bool {
		return math.Abs(vol.Estimate) <= PublishedLiftBand && math.Abs(gap.Estimate-PublishedLead) <= PublishedLeadBand
	})
}

// shareWhere is the share of replications whose voluntary lift and
// opt-ins' lead (both present) meet cond; 0 with no replications.
func (r Result) shareWhere(cond func(vol, gap estimate.Estimate) bool) float64 {
	if len(r.Estimates) == 0 {
		return 0
	}
	n := 0
	for _, es := range r.Estimates {
		vol, ok1 := es.Get(study.VoluntaryRevenueLift2m)
		gap, ok2 := es.Get(study.OptinVsOptoutRevenue2m)
		if ok1 && ok2 && cond(vol, gap) {
			n++
		}
	}
	return float64(n) / float64(len(r.Estimates))
}

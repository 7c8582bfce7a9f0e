package study

import (
	"math"
	"slices"
)

// ID names an estimand or a true effect, as every output names it
// (summary.json's keys, the CSV columns, scenario targets, links).
type ID string

// The estimands (docs/model.md, 7.8) and the true effects, in the table's
// order.
const (
	MandatoryRevenueLift2m      ID = "mandatory.revenue_lift_2m"
	MandatoryRevenueLift6m      ID = "mandatory.revenue_lift_6m"
	MandatoryRetentionLift1m    ID = "mandatory.retention_lift_1m"
	VoluntaryOptinRate          ID = "voluntary.optin_rate"
	VoluntaryRevenueLift2m      ID = "voluntary.revenue_lift_2m"
	VoluntaryRetentionLift1m    ID = "voluntary.retention_lift_1m"
	VoluntaryRetentionLift3m    ID = "voluntary.retention_lift_3m"
	OptinVsOptoutRevenue2m      ID = "voluntary.optin_vs_optout_revenue_2m"
	ControlRetention3m          ID = "control.retention_3m"
	ImpliedOptoutRevenueLift2m  ID = "implied.optout_revenue_lift_2m"
	ImpliedATTMinusATU2m        ID = "implied.att_minus_atu_revenue_2m"
	MandatoryITTRevenuePerHire  ID = "mandatory.itt_revenue_per_hire_lift_2m"
	MandatoryLeeLower2m         ID = "mandatory.lee_lower_revenue_lift_2m"
	MandatoryLeeUpper2m         ID = "mandatory.lee_upper_revenue_lift_2m"
	MandatoryRevenuePerCallLift ID = "mandatory.revenue_per_call_lift_2m"

	TruthATE       ID = "truth.ate"
	TruthATTOptin  ID = "truth.att_optin"
	TruthATUOptout ID = "truth.atu_optout"

	// Under a policy, not in the table: the true effect for the reps it
	// mentors and for the rest (PolicyTruth).
	TruthMentored   ID = "truth.mentored"
	TruthUnmentored ID = "truth.unmentored"
)

// An Estimand is one row of the table: its id, its name in a class's words
// (the app's effects panel), whether the app's effects panel shows it by
// default, whether it is a true effect only a simulation knows (a
// revenue lift over the truth window) rather than an estimate, and
// whether it is a level (a share) rather than a comparison, so that its
// test against 0 says nothing.
type Estimand struct {
	ID       ID
	Label    string
	Headline bool
	Truth    bool
	Level    bool
}

// Estimands is the one table every list of estimands derives from.
var Estimands = []Estimand{
	{MandatoryRevenueLift2m, "Sales, mentored vs not (mandatory branch, 2 months)", true, false, false},
	{MandatoryRevenueLift6m, "Sales, mentored vs not (mandatory branch, 6 months)", false, false, false},
	{MandatoryRetentionLift1m, "Still employed at 1 month, mentored vs not (mandatory branch)", true, false, false},
	{VoluntaryOptinRate, "Share who say yes to a mentor (voluntary branch)", true, false, true},
	{VoluntaryRevenueLift2m, "Sales, mentored vs denied volunteers (voluntary branch)", true, false, false},
	{VoluntaryRetentionLift1m, "Still employed at 1 month, mentored vs denied volunteers", true, false, false},
	{VoluntaryRetentionLift3m, "Still employed at 3 months, mentored vs denied volunteers", false, false, false},
	{OptinVsOptoutRevenue2m, "Sales, volunteers vs reps who said no (voluntary branch)", true, false, false},
	{ControlRetention3m, "Still employed at 3 months without a mentor (mandatory branch)", false, false, true},
	{ImpliedOptoutRevenueLift2m, "Effect on reps who said no, from both branches", true, false, false},
	{ImpliedATTMinusATU2m, "Volunteers' effect minus the others', from both branches", true, false, false},
	{MandatoryITTRevenuePerHire, "Sales per hire, mentored vs not (mandatory branch, leavers counted)", false, false, false},
	{MandatoryLeeLower2m, "Sales, mentored vs not: lower bound for who stays (mandatory)", false, false, false},
	{MandatoryLeeUpper2m, "Sales, mentored vs not: upper bound for who stays (mandatory)", false, false, false},
	{MandatoryRevenuePerCallLift, "Sales per call, mentored vs not (mandatory branch, 2 months)", false, false, false},
	{TruthATE, "True effect of a mentor on sales: every rep", false, true, false},
	{TruthATTOptin, "True effect of a mentor on sales: volunteers", false, true, false},
	{TruthATUOptout, "True effect of a mentor on sales: reps who said no", false, true, false},
}

// ids are the table's ids that pass keep, in order.
func ids(keep func(Estimand) bool) []ID {
	var out []ID
	for _, e := range Estimands {
		if keep(e) {
			out = append(out, e.ID)
		}
	}
	return out
}

var (
	// EstimandIDs are the estimates' ids, in the table's order: the order
	// of Estimates, summary.json and every CSV.
	EstimandIDs = ids(func(e Estimand) bool { return !e.Truth })
	// TruthIDs are the true effects' ids, in the table's order.
	TruthIDs = ids(func(e Estimand) bool { return e.Truth })
	// HeadlineIDs are the estimates the app's effects panel shows.
	HeadlineIDs = ids(func(e Estimand) bool { return e.Headline })
)

// Lookup is the table's row for id.
func Lookup(id ID) (Estimand, bool) {
	i := slices.IndexFunc(Estimands, func(e Estimand) bool { return e.ID == id })
	if i < 0 {
		return Estimand{}, false
	}
	return Estimands[i], true
}

// SignificanceOf is share, the share of studies in which id was
// significant, or NaN where that says nothing: a level (a share, always
// "significant" against 0).
func SignificanceOf(id ID, share float64) float64 {
	if e, _ := Lookup(id); e.Level {
		return math.NaN()
	}
	return share
}

// Label is id's name in a class's words ("" for an unknown id).
func Label(id ID) string {
	e, _ := Lookup(id)
	return e.Label
}

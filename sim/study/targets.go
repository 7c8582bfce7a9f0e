package study

// Target is a published number an estimand is calibrated to (docs/model.md,
// section 9).
type Target struct {
	ID        string
	Value     float64
	Tolerance float64
	Study     string // the number as the study reports it
}

// Targets lists the calibration targets in EstimandIDs' order.
var Targets = []Target{
	{"mandatory.revenue_lift_2m", 0.19, 0.03, "+19%"},
	{"mandatory.revenue_lift_6m", 0.18, 0.03, "+18%"},
	{"mandatory.retention_lift_1m", 0.14, 0.03, "+14%"},
	{"voluntary.optin_rate", 0.5, 0.02, "not published"},
	{"voluntary.revenue_lift_2m", 0, 0.03, "≈ 0"},
	{"voluntary.retention_lift_1m", 0.14, 0.03, "+14%"},
	{"voluntary.retention_lift_3m", 0, 0.03, "≈ 0"},
	{"voluntary.optin_vs_optout_revenue_2m", 0.30, 0.03, "+30%"},
	{"control.retention_3m", 0.70, 0.05, "about 70%"},
}

// TargetFor returns the target of an estimand, if it has one.
func TargetFor(id string) (Target, bool) {
	for _, t := range Targets {
		if t.ID == id {
			return t, true
		}
	}
	return Target{}, false
}

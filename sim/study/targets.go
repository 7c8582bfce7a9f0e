package study

// Target is a published number an estimand is calibrated to (docs/model.md,
// section 9): the value the fit aims at and the band a preset that
// reproduces the study must fall in (Value ± Tolerance), which spans what
// the sources report or, where the study reports "negligible", about one
// standard error of its design.
type Target struct {
	ID        ID
	Value     float64
	Tolerance float64
	Study     string // the number as the study's sources report it
}

// Targets lists the calibration targets in EstimandIDs' order.
var Targets = []Target{
	{MandatoryRevenueLift2m, 0.18, 0.01, "+17% to +19%"},
	{MandatoryRevenueLift6m, 0.17, 0.02, "over 90% of the 2-month lift"},
	{MandatoryRetentionLift1m, 0.125, 0.015, "+11% to +14%"},
	{VoluntaryOptinRate, 0.5, 0.02, "not published"},
	{VoluntaryRevenueLift2m, 0, 0.045, "negligible, not significant"},
	{VoluntaryRetentionLift1m, 0.125, 0.015, "+14%"},
	{VoluntaryRetentionLift3m, 0, 0.03, "gone by 3 months"},
	{OptinVsOptoutRevenue2m, 0.30, 0.05, "+30%"},
	{ControlRetention3m, 0.70, 0.05, "about 70%"},
}

// TargetFor returns the target of an estimand, if it has one.
func TargetFor(id ID) (Target, bool) {
	for _, t := range Targets {
		if t.ID == id {
			return t, true
		}
	}
	return Target{}, false
}

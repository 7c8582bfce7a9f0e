package session

import (
	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
)

// LayoutOptions are the layout's options for a lesson's step (nil: the
// app outside a lesson): the panels it hides or focuses on, those drawn in
// another's place, and the effects panel's rows.
func LayoutOptions(step *lesson.Step) layout.Options {
	o := layout.Options{EffectRows: EffectRows(true), Replaced: map[string]bool{}}
	if step == nil {
		return o
	}
	o.Hidden = func(n string) bool { return !step.Visible(n) && !step.Visible(layout.ReplacedBy(n)) }
	switch {
	case step.Visible(layout.PanelMoney):
		o.EffectRows = layout.MoneyRows // its chips and table in the effects' place
	case len(step.Rows) > 0:
		o.EffectRows = len(step.Rows)
	case !step.Visible(lesson.Truth):
		o.EffectRows = EffectRows(false)
	}
	for by, place := range layout.InPlaceOf() {
		o.Replaced[place] = step.Visible(by)
	}
	if step.Visible(layout.PanelSelfAssessment) { // the step's answer stays open when charts fold
		o.Open = []string{layout.PanelAbility}
	}
	for _, n := range step.Focus {
		o.Focus = append(o.Focus, layout.PlaceOf(n))
	}
	o.PresetsOnly = len(step.Focus) > 0 && step.IsLocked(lesson.SlidersGroup)
	return o
}

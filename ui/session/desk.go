package session

import (
	"fmt"

	"mentorsim/sim/study"
)

// DeskLines describe rep i for the floor's tooltip. Its ability, and what
// it thinks of it, show only once ability is revealed: hovering must not
// answer what a lesson's step asks.
func (s *Session) DeskLines(i int) []string {
	st := s.Study
	r := &st.Reps[i]
	a := st.Arms[i]
	group := GroupLabel(s.Policy(), a)
	choice := group
	if s.Policy() == study.Experiment {
		choice = "not asked (mandatory branch)"
		if a.Branch() == "voluntary" {
			choice = map[bool]string{true: "asked for a mentor", false: "declined a mentor"}[r.OptedIn]
		}
	}
	traits := "ability hidden (Reveal ability shows it)"
	if s.Revealed {
		traits = fmt.Sprintf("ability %+.2f · thinks %+.2f", r.Ability, r.SelfAssessment)
	}
	status := fmt.Sprintf("tenure %d days, employed", r.Tenure)
	if r.Left() {
		status = fmt.Sprintf("left after %d days", r.DaysEmployed)
	} else if r.Tenure == 0 {
		status = fmt.Sprintf("not hired yet (class %d)", st.Class(i))
	}
	return []string{
		fmt.Sprintf("rep %d · class %d · %s", i, st.Class(i), group),
		traits,
		choice + " · " + status,
		fmt.Sprintf("revenue so far $%.0f over %d days", float64(r.Sales[3])*st.Scenario.Params.Price, r.DaysEmployed),
	}
}

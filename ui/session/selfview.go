package session

import (
	"math"

	"mentorsim/sim/study"
	"mentorsim/ui/layout"
)

// SelfView sets what reps think of their sales ability against what it is,
// for those who asked for a mentor and those who declined: the measurement
// that tells the insecure explanation (the weak decliners know they are
// weak) from the overconfident one (they think they are good). Both are in
// the same units, standard deviations of ability across reps.
type SelfView struct {
	OptIn, OptOut SelfGroup
}

// SelfGroup is one group's mean ability and mean self-assessment (NaN with
// nobody in it).
type SelfGroup struct {
	N                       int
	Ability, SelfAssessment float64
}

// Gap is how much better than they are the group thinks it is, on average.
func (g SelfGroup) Gap() float64 { return g.SelfAssessment - g.Ability }

// selfView averages over the reps hired so far who were asked: the
// voluntary branch under the experiment, everyone under a policy that asks
// (voluntary, by default). Reps not asked are in neither group.
func selfView(st *study.Study) SelfView {
	var v SelfView
	var sum [2][2]float64
	hired := st.ClassesHired()
	for i := range st.Reps {
		a := st.Arms[i]
		if st.Class(i) >= hired || !(a == study.OptinMentored || a == study.OptinDenied || a == study.Optout) {
			continue
		}
		r := &st.Reps[i]
		g := &v.OptOut
		k := 1
		if r.OptedIn {
			g, k = &v.OptIn, 0
		}
		g.N++
		sum[k][0] += r.Ability
		sum[k][1] += r.SelfAssessment
	}
	for k, g := range []*SelfGroup{&v.OptIn, &v.OptOut} {
		g.Ability, g.SelfAssessment = math.NaN(), math.NaN()
		if g.N > 0 {
			g.Ability, g.SelfAssessment = sum[k][0]/float64(g.N), sum[k][1]/float64(g.N)
		}
	}
	return v
}

// SelfRow is one group of the self-assessment panel as the page's state()
// reports it.
type SelfRow struct {
	Group   string  `json:"group"` // "asked" or "declined"
	N       int     `json:"n"`
	Ability float64 `json:"ability"`
	Thinks  float64 `json:"thinks"`
	Gap     float64 `json:"gap"`
}

// Shown is the data of the panels only some lesson steps show, as far as
// the screen shows it, for the page's state(): the self-assessment panel's
// rows (once ability is revealed; groups with reps only) and the money
// panel's numbers; nil for a panel not showing.
type Shown struct {
	SelfAssessment []SelfRow `json:"self_assessment,omitempty"`
	Money          *Money    `json:"money,omitempty"`
}

// Shown gathers them for the current step.
func (s *Session) Shown() (Shown, error) {
	var sh Shown
	if s.Visible(layout.PanelSelfAssessment) && s.Revealed {
		v := selfView(s.Study)
		for _, r := range []struct {
			name string
			g    SelfGroup
		}{{"asked", v.OptIn}, {"declined", v.OptOut}} {
			if r.g.N > 0 {
				sh.SelfAssessment = append(sh.SelfAssessment, SelfRow{r.name, r.g.N, r.g.Ability, r.g.SelfAssessment, r.g.Gap()})
			}
		}
	}
	if s.Visible(layout.PanelMoney) {
		m, err := s.Money()
		if err != nil {
			return sh, err
		}
		sh.Money = &m
	}
	return sh, nil
}

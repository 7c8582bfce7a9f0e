package lesson

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"mentorsim/sim/study"
	"mentorsim/ui/layout"
)

// Predict is a question each student answers on screen before the step
// shows its answer: one tap on a choice, then the simulation's number
// appears beside the guess. Until then the step holds its answer back
// (the hidden ability for AbilityGap, the true effects for a truth).
type Predict struct {
	ID      string   `json:"id"`      // the link's key is guess_ID
	Ask     string   `json:"ask"`     // the question, short
	Measure string   `json:"measure"` // what answers it (Measures)
	Choices []Choice `json:"choices"` // two to five
}

// Choice is one answer to tap; the one whose Value is nearest the
// measure is the simulation's answer.
type Choice struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
}

// Predictions are the lesson's predictions, in step order; their ids are
// unique (Validate).
func (l *Lesson) Predictions() []*Predict {
	var ps []*Predict
	for _, st := range l.Steps {
		if st.Predict != nil {
			ps = append(ps, st.Predict)
		}
	}
	return ps
}

// AbilityGap is the measure of how much stronger the voluntary branch's
// opt-ins are than its opt-outs: the difference of their mean hidden
// abilities, in standard deviations of ability.
const AbilityGap = "ability_gap"

// Measures are what a prediction may ask about: the ability gap and the
// true effects.
func Measures() []string {
	m := []string{AbilityGap}
	for _, id := range study.TruthIDs {
		m = append(m, string(id))
	}
	return m
}

// Hides is what the step holds back until the guess: "ability" (hidden
// ability) or Truth.
func (p Predict) Hides() string {
	if p.Measure == AbilityGap {
		return layout.PanelAbility
	}
	return Truth
}

// Answer is the index of the choice nearest the measured value x.
func (p Predict) Answer(x float64) int {
	best := 0
	for i, c := range p.Choices {
		if abs(c.Value-x) < abs(p.Choices[best].Value-x) {
			best = i
		}
	}
	return best
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

var predictID = regexp.MustCompile(`^[a-z][a-z0-9_]{0,23}$`)

func (p Predict) validate() error {
	if !predictID.MatchString(p.ID) {
		return fmt.Errorf("id: %q; want a lower-case name of at most 24 letters, digits and _", p.ID)
	}
	if strings.TrimSpace(p.Ask) == "" {
		return errors.New("ask: empty; want the question")
	}
	if !slices.Contains(Measures(), p.Measure) {
		return fmt.Errorf("measure: %q; want one of %s", p.Measure, strings.Join(Measures(), ", "))
	}
	if len(p.Choices) < 2 || len(p.Choices) > 5 {
		return fmt.Errorf("choices: %d; want 2 to 5", len(p.Choices))
	}
	for i, c := range p.Choices {
		if strings.TrimSpace(c.Label) == "" {
			return fmt.Errorf("choices: %d: label: empty", i+1)
		}
	}
	return nil
}

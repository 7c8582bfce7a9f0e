package ui

import (
	"fmt"
	"math"
	"strings"

	"mentorsim/ui/layout"
	"mentorsim/ui/session"
)

// Summary is what the screen shows, in words, for assistive technology
// (the page's live region): the day, whether it plays, the lesson's step
// and the effects the step shows. It computes the panels' data, so call
// it a few times a minute at most.
func Summary(s *session.Session) string {
	st := s.Study
	state := "paused"
	switch {
	case st.Done():
		state = "finished"
	case s.Playing:
		state = "playing"
	}
	parts := []string{fmt.Sprintf("Day %d of %d, %s; preset %s, seed %d.", st.Day(), st.Days(), state, s.Scenario.Preset, s.Scenario.Seed)}
	if step, ok := s.CurrentStep(); ok {
		parts = append(parts, fmt.Sprintf("Lesson step %d of %d: %s.", s.Step, s.Steps(), step.Title))
	}
	if !s.Visible(layout.PanelEffects) {
		return strings.Join(parts, " ")
	}
	p := s.Panels()
	said := 0
	for _, e := range p.Effects {
		if e.Truth && !s.Visible("truth") || math.IsNaN(e.Estimate.Estimate) {
			continue
		}
		parts = append(parts, effectWords(e))
		said++
	}
	if said == 0 {
		parts = append(parts, "No effects measured yet.")
	}
	if p.EffectsNote != "" {
		parts = append(parts, p.EffectsNote)
	}
	return strings.Join(parts, " ")
}

// effectWords is one effect row in words: a share as a share, a lift with
// its sign, and the 95% interval where there is one.
func effectWords(e session.Effect) string {
	format := "%+.0f%%"
	if e.Share {
		format = "%.0f%%"
	}
	est := e.Estimate
	w := fmt.Sprintf("%s: "+format, e.Label, 100*est.Estimate)
	if !math.IsNaN(est.Lo) {
		w += fmt.Sprintf(", 95%% interval "+format+" to "+format, 100*est.Lo, 100*est.Hi)
	}
	return w + "."
}

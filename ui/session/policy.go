package session

import (
	"fmt"
	"slices"
	"strings"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
)

// PolicyChoices are the policies the app's chooser offers, the study's
// experiment first.
var PolicyChoices = append([]study.Policy{study.Experiment}, study.ComparedPolicies...)

// PolicyLabel names a policy for a class.
func PolicyLabel(p study.Policy) string {
	return [...]string{"the study", "mandatory", "voluntary", "targeted", "by default", "none"}[p]
}

// PolicyShortLabel names a policy in one word (narrow screens), the same
// word as the money table's rows.
func PolicyShortLabel(p study.Policy) string {
	return [...]string{"study", "mandatory", "voluntary", "targeted", "default", "none"}[p]
}

// SetPolicy runs the current scenario under a policy (study.Experiment: the
// study's two-branch experiment).
func (s *Session) SetPolicy(p study.Policy) error {
	if p < 0 || p >= study.NumPolicies {
		return fmt.Errorf("policy: %d is not allowed; want 0 to %d", p, study.NumPolicies-1)
	}
	return s.SetParam("policy", float64(p))
}

// Policy is the current run's policy.
func (s *Session) Policy() study.Policy { return s.Study.Policy() }

// GroupLabel says what a group of the floor (an arm) is under the policy:
// the study's arms under its experiment, what the policy did to the reps
// otherwise; "" for an arm the policy leaves empty.
func GroupLabel(p study.Policy, a study.Arm) string {
	labels := map[study.Policy][study.NumArms]string{
		study.Experiment: {"mandatory: mentored", "mandatory: not mentored", "opt-in: mentored", "opt-in: denied", "opted out"},
		study.Mandatory:  {"everyone: mentored", "", "", "", ""},
		study.Voluntary:  {"", "", "said yes: mentored", "", "said no"},
		study.Targeted:   {"targeted: mentored", "not targeted", "", "", ""},
		study.ByDefault:  {"", "", "stayed enrolled: mentored", "", "declined"},
		study.NoProgram:  {"", "nobody mentored", "", "", ""},
	}
	return labels[p][a]
}

// OpenStep shows lesson step k with the preset and parameters asked (a
// link's or a command line's, as from says; Preset "" if none was named)
// set on top of the step's run, except those the step locks: a teacher's
// lesson=6&policy=3 opens step 6 under the targeted policy, a student's
// preset=overconfident&lesson=5 step 5 under that explanation;
// lesson=2&policy=3 says why it cannot. A changed run is run to the end
// where the step shows its run finished, so the link shows what the
// screen it was copied from showed. It returns the problems, each line
// starting with from.
func (s *Session) OpenStep(k int, asked param.Scenario, from string) []string {
	if err := s.GoToStep(k); err != nil {
		return []string{from + ": " + err.Error()}
	}
	changed, problems := s.linkParams(asked, from)
	if changed {
		if err := s.Restart(); err != nil {
			return append(problems, from+": "+err.Error())
		}
		if s.setupOf(k).RunToEnd {
			s.StartRunToEnd()
		}
	}
	return problems
}

// linkParams applies the preset asked for, and the parameters that differ
// from their preset's, to the current step's run, except those the step
// locks, which it describes as problems.
func (s *Session) linkParams(link param.Scenario, from string) (changed bool, problems []string) {
	named := link.Preset
	if named == "" {
		link.Preset = param.DefaultPreset
	}
	base, err := param.Preset(link.Preset)
	if err != nil {
		return false, nil
	}
	var refused []string
	if named != "" && named != s.Scenario.Preset {
		if s.Locked(lesson.PresetsGroup) {
			refused = append(refused, "preset="+named)
		} else {
			s.usePreset(named, base)
			changed = true
		}
	}
	for _, name := range link.Params.Diff(base) {
		v, _ := link.Params.Get(name)
		if now, _ := s.Scenario.Params.Get(name); now == v {
			continue // the step's run has it already (a link copied from this step)
		}
		lock := name // the policy chooser and each slider have their own lock
		if name != "policy" && !slices.Contains(layout.SliderParams(), name) {
			lock = lesson.SlidersGroup
		}
		if s.Locked(lock) {
			refused = append(refused, name+"="+param.Format(v))
			continue
		}
		p := s.Scenario.Params
		if err := p.Set(name, v); err != nil || p.Validate() != nil {
			refused = append(refused, name+"="+param.Format(v))
			continue
		}
		s.Scenario.Params, changed = p, true
	}
	if len(refused) > 0 {
		problems = append(problems, fmt.Sprintf("%s: lesson step %d sets its own run and cannot change %s here; not used: %s",
			from, s.Step, plural(len(refused), "this", "these"), strings.Join(refused, ", ")))
	}
	return changed, problems
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// PolicyChipID is the policy chooser's chip for a policy.
func PolicyChipID(p study.Policy) string { return lesson.PolicyChipPrefix + p.String() }

// ChoosePolicy runs the policy whose chip was clicked.
func (s *Session) ChoosePolicy(chipID string) error {
	for _, p := range PolicyChoices {
		if PolicyChipID(p) == chipID {
			return s.SetPolicy(p)
		}
	}
	return fmt.Errorf("policy: %q is not a policy chip", chipID)
}

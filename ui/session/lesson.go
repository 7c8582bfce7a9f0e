package session

import (
	"fmt"

	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
)

// SetLesson makes l the lesson the session can follow (nil: none) and
// leaves any step in progress.
func (s *Session) SetLesson(l *lesson.Lesson) {
	s.Lesson, s.Step, s.lastStep = l, 0, 0
}

// InLesson reports whether a lesson step is showing.
func (s *Session) InLesson() bool { return s.Lesson != nil && s.Step > 0 }

// CurrentStep is the step showing, if any.
func (s *Session) CurrentStep() (lesson.Step, bool) {
	if !s.InLesson() {
		return lesson.Step{}, false
	}
	return s.Lesson.Steps[s.Step-1], true
}

// ChartArms are the arms the revenue and retention charts draw: those the
// lesson's step lists, else all.
func (s *Session) ChartArms() []study.Arm {
	st, _ := s.CurrentStep()
	return st.ChartArms()
}

// Steps is the number of steps of the lesson (0 without one).
func (s *Session) Steps() int {
	if s.Lesson == nil {
		return 0
	}
	return len(s.Lesson.Steps)
}

// GoToStep shows step k (1-based) and sets up its run: preset, seed,
// parameters, revealed ability, and the study running to the end if the
// step says so (StartRunToEnd). k = 0 leaves the lesson and keeps the run
// as it is.
func (s *Session) GoToStep(k int) error {
	if k == 0 {
		s.Step = 0
		return nil
	}
	if s.Lesson == nil {
		return fmt.Errorf("lesson: there is no lesson to show step %d of", k)
	}
	if k < 1 || k > len(s.Lesson.Steps) {
		return fmt.Errorf("lesson: step %d is not allowed; want 1 to %d", k, len(s.Lesson.Steps))
	}
	st := s.Lesson.Steps[k-1]
	if st.Keep && k == s.Step+1 { // carry on from the step before
		s.Step, s.lastStep = k, k
		s.Revealed = s.Revealed || st.Reveal
		return nil
	}
	setup := s.setupOf(k)
	sc, err := setup.Scenario(s.Scenario)
	if err != nil {
		return fmt.Errorf("lesson: step %d: %w", k, err)
	}
	s.Scenario = sc
	if err := s.Restart(); err != nil {
		return fmt.Errorf("lesson: step %d: %w", k, err)
	}
	s.Step, s.lastStep = k, k
	s.Revealed, s.Playing = setup.Reveal && !s.holdsBack(layout.PanelAbility), false
	if setup.RunToEnd {
		s.StartRunToEnd()
	}
	return nil
}

// setupOf is the step whose run step k sets up when opened on its own:
// a step that carries on sets up as the step it carries on from.
func (s *Session) setupOf(k int) lesson.Step {
	setup := s.Lesson.Steps[k-1]
	for j := k - 1; setup.Keep && j >= 1; j-- {
		setup = s.Lesson.Steps[j-1]
	}
	return setup
}

// NextStep and PrevStep move through the lesson; at either end they do
// nothing. Next on a step whose prediction is unanswered shows its answer
// first (a teacher's clicker, after a show of hands).
func (s *Session) NextStep() error {
	if _, ok := s.unanswered(); ok {
		return s.Guess(ShownGuess)
	}
	if !s.InLesson() || s.Step >= len(s.Lesson.Steps) {
		return nil
	}
	return s.GoToStep(s.Step + 1)
}

// PrevStep goes back a step.
func (s *Session) PrevStep() error {
	if !s.InLesson() || s.Step <= 1 {
		return nil
	}
	return s.GoToStep(s.Step - 1)
}

// ToggleLesson leaves the lesson, or comes back to the step last shown
// (the first, the first time).
func (s *Session) ToggleLesson() error {
	if s.Lesson == nil {
		return fmt.Errorf("lesson: there is no lesson")
	}
	if s.InLesson() {
		return s.GoToStep(0)
	}
	return s.GoToStep(max(1, s.lastStep))
}

// Locked reports whether a control does nothing in the current step.
func (s *Session) Locked(widget string) bool {
	st, ok := s.CurrentStep()
	return ok && st.IsLocked(widget)
}

// Visible reports whether a panel shows in the current step (outside a
// lesson, all but those only a step that lists them shows); a step's true
// effects wait for its prediction.
func (s *Session) Visible(panel string) bool {
	st, _ := s.CurrentStep()
	return st.Visible(panel) && !(panel == lesson.Truth && s.holdsBack(lesson.Truth))
}

// VisiblePanels lists the panels showing.
func (s *Session) VisiblePanels() []string {
	st, _ := s.CurrentStep()
	return st.VisiblePanels()
}

// LockedControls lists the controls the current step locks, as the lesson
// names them (groups such as "presets" included).
func (s *Session) LockedControls() []string {
	st, _ := s.CurrentStep()
	return append([]string{}, st.Locked...)
}

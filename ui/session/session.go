package session

import (
	"bytes"
	"math"
	"runtime"

	"mentorsim/sim/export"
	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/lesson"
)

// MaxSpeed is the speed setting meaning "as fast as it goes".
var MaxSpeed = math.Inf(1)

// Session is one person's run of the app.
type Session struct {
	Scenario param.Scenario // preset, seed and parameters of the current run
	Study    *study.Study
	Playing  bool
	Speed    float64 // simulated days per second, or MaxSpeed
	Revealed bool    // whether hidden ability is shown
	Notice   string  // a message to show, such as a bad value in a shared link
	Large    bool    // large text for projectors
	Workers  int     // goroutines for the money panel's runs (the numbers never depend on it)

	// The lesson, if any, and the step showing (1-based; 0: none).
	Lesson   *lesson.Lesson
	Step     int
	lastStep int // the step to come back to when the lesson is toggled on
	// Guesses are the class's predictions by the lesson's ID: the choice
	// tapped (0-based), or ShownGuess.
	Guesses map[string]int

	pending   float64 // fraction of a day owed to the speed setting
	finishing bool    // a run to the end is under way (FinishDay)

	money      Money          // the money panel's numbers, for moneyFor
	moneyFor   param.Scenario // the scenario (policy 0) they are for
	moneyValid bool
}

// New starts a paused session of the scenario, which must be valid.
func New(sc param.Scenario) (*Session, error) {
	s := &Session{Scenario: sc, Speed: 20, Workers: runtime.NumCPU()}
	return s, s.Restart()
}

// Restart begins the current scenario again from day 0, same seed.
func (s *Session) Restart() error {
	st, err := study.New(s.Scenario)
	if err != nil {
		return err
	}
	s.Study, s.pending, s.finishing = st, 0, false
	return nil
}

// SetPreset switches to a preset, keeping the number of hires and the seed.
func (s *Session) SetPreset(name string) error {
	p, err := param.Preset(name)
	if err != nil {
		return err
	}
	s.usePreset(name, p)
	return s.rerun()
}

// usePreset makes the run's parameters preset name's, p, but for the
// number of hires and the policy, which it keeps.
func (s *Session) usePreset(name string, p param.Params) {
	p.Hires, p.Policy = s.Scenario.Params.Hires, s.Scenario.Params.Policy
	s.Scenario.Preset, s.Scenario.Params = name, p
}

// SetParam changes one parameter and restarts with the same seed.
func (s *Session) SetParam(name string, v float64) error {
	p := s.Scenario.Params
	if err := p.Set(name, v); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	s.Scenario.Params = p
	return s.rerun()
}

// rerun restarts after a change of the run. In a lesson step that shows
// its run finished, the new run is run to the end too, so that what the
// step asks about comes on the screen without pressing To end.
func (s *Session) rerun() error {
	if err := s.Restart(); err != nil {
		return err
	}
	if st, ok := s.CurrentStep(); ok && st.RunToEnd {
		s.StartRunToEnd()
	}
	return nil
}

// SetSeed restarts with another seed.
func (s *Session) SetSeed(seed uint64) error {
	s.Scenario.Seed = seed
	return s.rerun()
}

// Advance moves the study on by dt seconds of wall time at the current
// speed, when playing, and reports how many days it stepped. At MaxSpeed it
// steps maxDays (the caller sizes that to its frame budget).
func (s *Session) Advance(dt float64, maxDays int) int {
	if !s.Playing || s.Study.Done() {
		return 0
	}
	n := maxDays
	if s.Speed != MaxSpeed {
		s.pending += s.Speed * dt
		n = int(s.pending + 1e-9) // so that 60 frames of 1/60 s make a whole second
		s.pending -= float64(n)
	}
	stepped := 0
	for ; stepped < n && !s.Study.Done(); stepped++ {
		s.Study.StepDay()
	}
	if s.Study.Done() {
		s.Playing = false
	}
	return stepped
}

// StepDay moves one day forward and pauses.
func (s *Session) StepDay() {
	s.Playing = false
	s.Study.StepDay()
}

// RunToEnd finishes the study at once.
func (s *Session) RunToEnd(workers int) {
	s.Study.RunToEnd(workers)
	s.Playing, s.finishing = false, false
}

// StartRunToEnd pauses and begins running the study to the end a day at a
// time (FinishDay), which the app does between frames so that a big study
// never freezes it. Stepping day by day gives the same numbers as RunToEnd.
func (s *Session) StartRunToEnd() {
	s.Playing, s.finishing = false, !s.Study.Done()
}

// Finishing reports whether a run to the end is under way.
func (s *Session) Finishing() bool { return s.finishing }

// FinishDay steps one day of the run to the end under way, if any; the run
// is over when the study is done.
func (s *Session) FinishDay() {
	if !s.finishing {
		return
	}
	s.Study.StepDay()
	s.finishing = !s.Study.Done()
}

// Progress is how far the study has come, from 0 to 1.
func (s *Session) Progress() float64 {
	return float64(s.Study.Day()) / float64(max(1, s.Study.Days()))
}

// Files are the exports: the same bytes `mentorsim run -out` writes.
func (s *Session) Files() (summaryJSON, repsCSV []byte, err error) {
	var a, b bytes.Buffer
	if err := export.SummaryJSON(&a, s.Study); err != nil {
		return nil, nil, err
	}
	if err := export.RepsCSV(&b, s.Study); err != nil {
		return nil, nil, err
	}
	return a.Bytes(), b.Bytes(), nil
}

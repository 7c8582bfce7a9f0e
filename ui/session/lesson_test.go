package session

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"mentorsim/sim/param"
	"mentorsim/ui/lesson"
)

func TestLessonStepsSetUpTheRun(t *testing.T) {
	t.Parallel()
	s, err := Open("?seed=7&hires=400&mentor_gain=3", lesson.Default(), 2)
	if err != nil || s.Notice != "" {
		t.Fatalf("Open: %v, %q", err, s.Notice)
	}
	if s.InLesson() || s.Step != 0 {
		t.Fatalf("a link without lesson= opens step %d", s.Step)
	}
	if err := s.ToggleLesson(); err != nil || s.Step != 1 {
		t.Fatalf("ToggleLesson: %v, step %d", err, s.Step)
	}
	// Step 1: the study preset with its hires, the class's seed, run to the end.
	study, _ := param.Preset("study")
	if s.Scenario.Preset != "advice" || s.Scenario.Params != study || s.Scenario.Seed != 7 || !finished(s) || s.Revealed {
		t.Errorf("step 1: %+v done=%v revealed=%v", s.Scenario, s.Study.Done(), s.Revealed)
	}
	// Its run is set: the keys that would replay it (space, r, e, →) do
	// nothing, and the class keeps the numbers on the screen.
	if !s.Locked("reveal") || !s.Locked("insecure") || !s.Locked("mentor_gain") || !s.Locked("play") || !s.Locked("restart") || s.Locked("link") {
		t.Errorf("step 1 locks %v", s.LockedControls())
	}
	if s.Visible("truth") || s.Visible("ability") || s.Visible("floor") || !s.Visible("effects") || !s.Visible("revenue") {
		t.Errorf("step 1 shows %v", s.VisiblePanels())
	}
	if q := s.Query(); q != "preset=advice&seed=7&lesson=1" {
		t.Errorf("Query() = %q", q)
	}
	// Next on a step asking for a prediction shows the answer first
	// (steps 3 and 4), and the sandbox carries on with step 6's run.
	want := []struct {
		step     int
		preset   string
		revealed bool
		truth    bool
	}{{2, "advice", false, false}, {3, "advice", false, false}, {3, "advice", true, false}, {4, "advice", true, false},
		{4, "advice", true, true}, {5, "insecure", true, false}, {6, "advice", true, false}, {7, "advice", true, true}}
	for _, w := range want {
		if err := s.NextStep(); err != nil {
			t.Fatal(err)
		}
		if s.Step != w.step || s.Scenario.Preset != w.preset || s.Revealed != w.revealed || s.Visible("truth") != w.truth || !finished(s) || s.Scenario.Seed != 7 {
			t.Errorf("step %d: preset %s revealed %v truth %v done %v seed %d; want step %d %+v", s.Step, s.Scenario.Preset, s.Revealed, s.Visible("truth"), s.Study.Done(), s.Scenario.Seed, w.step, w)
		}
	}
	if err := s.NextStep(); err != nil || s.Step != 7 {
		t.Errorf("Next on the last step: %v, step %d", err, s.Step)
	}
	// Answers shown without a guess stay out of the link: a link copied
	// from the teacher's screen for a latecomer still asks for the guesses.
	if q := s.Query(); !strings.HasSuffix(q, "&lesson=7") {
		t.Errorf("Query() = %q; want no guess_ keys (both answers were shown without a guess)", q)
	}
	if len(s.LockedControls()) != 0 || len(s.VisiblePanels()) != len(lesson.Panels)-2 {
		t.Errorf("the sandbox locks %v and shows %v", s.LockedControls(), s.VisiblePanels())
	}
	if err := s.PrevStep(); err != nil || s.Step != 6 {
		t.Errorf("Back: %v, step %d", err, s.Step)
	}
	// Leaving keeps the run; coming back returns to the same step.
	if err := s.ToggleLesson(); err != nil || s.InLesson() || s.Locked("seed") || !s.Visible("truth") {
		t.Errorf("leaving the lesson: %v, step %d", err, s.Step)
	}
	if strings.Contains(s.Query(), "lesson") {
		t.Errorf("Query() outside the lesson = %q", s.Query())
	}
	if err := s.ToggleLesson(); err != nil || s.Step != 6 {
		t.Errorf("back to the lesson: %v, step %d", err, s.Step)
	}
	if err := s.GoToStep(8); err == nil {
		t.Error("step 8 of 7 is allowed")
	}
}

// A teacher's link puts every screen in the same state, and the session's
// own query reproduces it.
func TestLessonLinkRoundTrip(t *testing.T) {
	t.Parallel()
	a, err := Open("lesson=3&seed=7&large=1", lesson.Default(), 1)
	if err != nil || a.Notice != "" {
		t.Fatalf("Open: %v %q", err, a.Notice)
	}
	if a.Step != 3 || !a.Large || a.Revealed || a.Scenario.Seed != 7 || !finished(a) {
		t.Fatalf("step %d large %v revealed %v seed %d done %v", a.Step, a.Large, a.Revealed, a.Scenario.Seed, a.Study.Done())
	}
	if err := a.Guess(0); err != nil || !a.Revealed {
		t.Fatalf("Guess: %v, revealed %v", err, a.Revealed)
	}
	q := a.Query()
	if q != "preset=advice&seed=7&lesson=3&guess_optin=1&large=1" {
		t.Errorf("Query() = %q", q)
	}
	b, err := Open(q, lesson.Default(), 4)
	if err != nil || b.Notice != "" || !finished(b) {
		t.Fatalf("Open(%q): %v %q", q, err, b.Notice)
	}
	sa, _, errA := a.Files()
	sb, _, errB := b.Files()
	if errA != nil || errB != nil {
		t.Fatalf("Files: %v, %v", errA, errB)
	}
	if b.Query() != q || string(sa) != string(sb) || !reflect.DeepEqual(a.VisiblePanels(), b.VisiblePanels()) {
		t.Errorf("the link does not reproduce the screen: %q vs %q", b.Query(), q)
	}
}

func TestBadLessonOptionsAreNamed(t *testing.T) {
	t.Parallel()
	s, err := Open("seed=3&lesson=x&large=2", lesson.Default(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if s.InLesson() || s.Large || !strings.Contains(s.Notice, "lesson") || !strings.Contains(s.Notice, "large") {
		t.Errorf("notice %q, step %d, large %v", s.Notice, s.Step, s.Large)
	}
	s, _ = Open("lesson=9", lesson.Default(), 1)
	if s.InLesson() || !strings.Contains(s.Notice, "step 9") {
		t.Errorf("lesson=9: notice %q, step %d", s.Notice, s.Step)
	}
	s, _ = Open("lesson=2", nil, 1)
	if s.InLesson() || s.Notice == "" {
		t.Errorf("a lesson link without a lesson: notice %q", s.Notice)
	}
	if sc, problems := ParseQuery("lesson=2&large=1&seed=4"); len(problems) != 0 || sc.Seed != 4 {
		t.Errorf("ParseQuery reports the app's options: %v", problems)
	}
}

// A prediction is asked, answered with the choice nearest the
// simulation's number, kept in the link, and refused where the lesson
// has no such prediction or choice.
func TestPredictions(t *testing.T) {
	t.Parallel()
	s, err := Open("lesson=4&seed=7", lesson.Default(), 1)
	if err != nil || s.Notice != "" {
		t.Fatalf("Open: %v %q", err, s.Notice)
	}
	p, ok := s.Prediction()
	if !ok || p.Answered || p.Guess != NoGuess || len(p.Choices) != 4 || s.Visible("truth") {
		t.Fatalf("step 4 before the guess: %+v, truth shown %v", p, s.Visible("truth"))
	}
	if err := s.Guess(4); err == nil {
		t.Error("a fifth choice of four is allowed")
	}
	if err := s.Guess(1); err != nil {
		t.Fatal(err)
	}
	finished(s)
	p, _ = s.Prediction()
	atu, _ := s.Study.Truth().Get("truth.atu_optout")
	st, _ := s.CurrentStep()
	if !p.Answered || p.Guess != 1 || p.Value != atu || p.Answer != st.Predict.Answer(atu) || !s.Visible("truth") ||
		!strings.Contains(p.Result(), "Your guess: by 10%") || !strings.Contains(p.Result(), fmt.Sprintf("%+.0f%%", 100*atu)) {
		t.Errorf("after the guess: %+v (%s), truth shown %v; want the true effect %v", p, p.Result(), s.Visible("truth"), atu)
	}
	b, err := Open(s.Query(), lesson.Default(), 1)
	if q, _ := b.Prediction(); err != nil || b.Notice != "" || q.Guess != 1 || !q.Answered {
		t.Errorf("the link %q does not keep the guess: %+v, %q", s.Query(), q, b.Notice)
	}
	for link, want := range map[string]string{
		"lesson=4&guess_luck=1": "guess_luck: the lesson asks for no such prediction",
		"lesson=4&guess_gain=5": "guess_gain: choice 5 is not allowed; want 1 to 4",
		"lesson=4&guess_gain=x": `guess_gain: "x" is not allowed`,
	} {
		b, err := Open(link, lesson.Default(), 1)
		if err != nil || !strings.Contains(b.Notice, want) {
			t.Errorf("%s: notice %q; want %q", link, b.Notice, want)
		}
		if q, _ := b.Prediction(); q.Answered {
			t.Errorf("%s: answered", link)
		}
	}
}

// The sandbox opened on its own (a link to step 7) sets up as step 6,
// which it carries on from: the study run to its end, ability revealed.
func TestSandboxOpenedOnItsOwn(t *testing.T) {
	t.Parallel()
	s, err := Open("lesson=7&seed=7", lesson.Default(), 1)
	if err != nil || s.Notice != "" {
		t.Fatalf("Open: %v %q", err, s.Notice)
	}
	if !finished(s) || !s.Revealed || s.Scenario.Preset != "advice" || s.Step != 7 {
		t.Errorf("step %d: done %v, revealed %v, preset %s; want step 6's run, finished and revealed", s.Step, s.Study.Done(), s.Revealed, s.Scenario.Preset)
	}
}

// Step 3's answer is the teaching notes': under its preset the volunteers
// are about as able as the reps who said no, so a study's answer should
// say so whatever its seed, beyond noise (a 603-rep study's gap moves by
// about 0.1 sd between seeds), and does with the class's seed, 7.
func TestStepThreeAnswersAboutTheSame(t *testing.T) {
	t.Parallel()
	const seeds = 30
	other := 0
	for seed := 1; seed <= seeds; seed++ {
		s, err := Open(fmt.Sprintf("lesson=3&seed=%d", seed), lesson.Default(), 1)
		if err != nil || s.Notice != "" {
			t.Fatalf("Open: %v %q", err, s.Notice)
		}
		if err := s.Guess(0); err != nil {
			t.Fatal(err)
		}
		finished(s)
		p, _ := s.Prediction()
		if p.Choices[p.Answer] != "about the same" {
			other++
			if seed == 7 {
				t.Errorf("seed 7 (the class's): the answer is %q (gap %+.2f); the teaching notes say about the same", p.Choices[p.Answer], p.Value)
			}
		}
	}
	if other > seeds/10 {
		t.Errorf("%d of %d seeds answer other than about the same: the choices are closer than the noise", other, seeds)
	}
}

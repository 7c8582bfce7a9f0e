package session

import (
	"reflect"
	"strings"
	"testing"

	"mentorsim/sim/param"
	"mentorsim/ui/lesson"
)

func TestLessonStepsSetUpTheRun(t *testing.T) {
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
	if !s.Locked("reveal") || !s.Locked("insecure") || !s.Locked("mentor_gain") || s.Locked("play") {
		t.Errorf("step 1 locks %v", s.LockedControls())
	}
	if s.Visible("truth") || s.Visible("ability") || !s.Visible("floor") {
		t.Errorf("step 1 shows %v", s.VisiblePanels())
	}
	if q := s.Query(); q != "preset=advice&seed=7&lesson=1" {
		t.Errorf("Query() = %q", q)
	}
	want := []struct {
		preset   string
		revealed bool
		done     bool
	}{{"advice", false, true}, {"advice", true, true}, {"advice", true, true}, {"insecure", true, true}, {"advice", true, true}, {"advice", false, false}}
	for i, w := range want {
		if err := s.NextStep(); err != nil {
			t.Fatal(err)
		}
		if s.Step != i+2 || s.Scenario.Preset != w.preset || s.Revealed != w.revealed || finished(s) != w.done || s.Scenario.Seed != 7 {
			t.Errorf("step %d: preset %s revealed %v done %v seed %d", s.Step, s.Scenario.Preset, s.Revealed, s.Study.Done(), s.Scenario.Seed)
		}
	}
	if err := s.NextStep(); err != nil || s.Step != 7 {
		t.Errorf("Next on the last step: %v, step %d", err, s.Step)
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
	a, err := Open("lesson=3&seed=7&large=1", lesson.Default(), 1)
	if err != nil || a.Notice != "" {
		t.Fatalf("Open: %v %q", err, a.Notice)
	}
	if a.Step != 3 || !a.Large || !a.Revealed || a.Scenario.Seed != 7 || !finished(a) {
		t.Fatalf("step %d large %v revealed %v seed %d done %v", a.Step, a.Large, a.Revealed, a.Scenario.Seed, a.Study.Done())
	}
	q := a.Query()
	if q != "preset=advice&seed=7&lesson=3&large=1" {
		t.Errorf("Query() = %q", q)
	}
	b, err := Open(q, lesson.Default(), 4)
	if err != nil || b.Notice != "" || !finished(b) {
		t.Fatalf("Open(%q): %v %q", q, err, b.Notice)
	}
	sa, _, _ := a.Files()
	sb, _, _ := b.Files()
	if b.Query() != q || string(sa) != string(sb) || !reflect.DeepEqual(a.VisiblePanels(), b.VisiblePanels()) {
		t.Errorf("the link does not reproduce the screen: %q vs %q", b.Query(), q)
	}
}

func TestBadLessonOptionsAreNamed(t *testing.T) {
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

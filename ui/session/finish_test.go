package session

import (
	"bytes"
	"testing"

	"mentorsim/sim/export"
	"mentorsim/ui/lesson"
)

// finished runs a run to the end under way to its end, as the app does
// between frames, and reports whether the study is done.
func finished(s *Session) bool {
	for s.Finishing() {
		s.FinishDay()
	}
	return s.Study.Done()
}

// TestRunToEndInSlices: a run to the end started (the To end button, a
// lesson step) pauses, goes on a day per FinishDay with its progress
// showing, and ends with summary.json and reps.csv byte for byte those of
// a run to the end at once.
func TestRunToEndInSlices(t *testing.T) {
	t.Parallel()
	for _, q := range []string{"seed=5&hires=2000", "seed=8&preset=insecure&hires=1200&class_size=1000&horizon=300"} {
		sliced, whole := newSession(t, q), newSession(t, q)
		sliced.Playing = true
		sliced.StartRunToEnd()
		if sliced.Playing || !sliced.Finishing() || sliced.Progress() != 0 {
			t.Fatalf("%s: started: playing %v, finishing %v, progress %v", q, sliced.Playing, sliced.Finishing(), sliced.Progress())
		}
		slices, last := 0, 0.0
		for sliced.Finishing() {
			sliced.FinishDay()
			if p := sliced.Progress(); p <= last || p > 1 {
				t.Fatalf("%s: progress %v after %v", q, p, last)
			}
			last = sliced.Progress()
			slices++
		}
		if !sliced.Study.Done() || last != 1 || slices != sliced.Study.Days() {
			t.Fatalf("%s: done %v after %d slices of %d days, progress %v", q, sliced.Study.Done(), slices, sliced.Study.Days(), last)
		}
		whole.RunToEnd(3)
		a, ca, err := sliced.Files()
		if err != nil {
			t.Fatal(err)
		}
		b, cb, err := whole.Files()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) || !bytes.Equal(ca, cb) {
			t.Errorf("%s: the run to the end in slices differs from the one at once:\n%s\n---\n%s", q, a, b)
		}
		var direct bytes.Buffer
		if err := export.SummaryJSON(&direct, whole.Study); err != nil || !bytes.Equal(direct.Bytes(), a) {
			t.Errorf("%s: Files is not export.SummaryJSON (%v)", q, err)
		}
	}
}

// TestRestartStopsRunToEnd: a change of the run while it runs to the end
// starts the new run paused at day 0, except in a lesson step that shows
// its run finished, which runs the new one to the end.
func TestRestartStopsRunToEnd(t *testing.T) {
	t.Parallel()
	s := newSession(t, "seed=3")
	s.StartRunToEnd()
	s.FinishDay()
	if err := s.SetSeed(4); err != nil || s.Finishing() || s.Study.Day() != 0 {
		t.Errorf("SetSeed while finishing: %v; finishing %v, day %d", err, s.Finishing(), s.Study.Day())
	}
	s.SetLesson(lesson.Default())
	if err := s.GoToStep(1); err != nil || !s.Finishing() {
		t.Fatalf("step 1 runs to the end: %v, finishing %v", err, s.Finishing())
	}
	if err := s.SetSeed(5); err != nil || !s.Finishing() || s.Study.Day() != 0 {
		t.Errorf("SetSeed in step 1: %v; finishing %v, day %d", err, s.Finishing(), s.Study.Day())
	}
	s.RunToEnd(1)
	if s.Finishing() || !s.Study.Done() {
		t.Errorf("RunToEnd leaves finishing %v, done %v", s.Finishing(), s.Study.Done())
	}
}

package desktop

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mentorsim/sim/study"
	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

func TestLessonFlags(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(good, []byte(`{"steps": [{"title": "one", "preset": "random"}, {"title": "two"}]}`), 0o644)
	os.WriteFile(bad, []byte(`{"steps": [{"title": "one"}, {"title": "two", "focus": ["map"]}]}`), 0o644)

	o, err := ParseArgs(nil, &bytes.Buffer{})
	if err != nil || o.Lesson == nil || len(o.Lesson.Steps) != len(lesson.Default().Steps) || o.LessonStep != 0 || o.Large {
		t.Errorf("no flags: %v, %+v", err, o)
	}
	o, err = ParseArgs([]string{"-lesson", good, "-large"}, &bytes.Buffer{})
	if err != nil || len(o.Lesson.Steps) != 2 || o.LessonStep != 1 || o.LessonErr != nil || !o.Large {
		t.Errorf("-lesson good.json: %v, %+v", err, o)
	}
	// A file that is not a valid lesson opens the app without a lesson,
	// which says why.
	o, err = ParseArgs([]string{"-lesson", bad}, &bytes.Buffer{})
	if err != nil || o.Lesson != nil || o.LessonStep != 0 || o.LessonErr == nil ||
		!strings.Contains(o.LessonErr.Error(), `step 2: focus: "map"`) {
		t.Errorf("-lesson bad.json: %v, %+v", err, o)
	}
	for _, args := range [][]string{
		{"-lesson", filepath.Join(dir, "missing.json")},
		{"-lesson-step", "8"},
		{"-lesson", good, "-lesson-step", "3"},
		{"-lesson-step", "-1"},
	} {
		if _, err := ParseArgs(args, &bytes.Buffer{}); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

func TestCommandLineOpensTheLessonStep(t *testing.T) {
	s, err := session.Open("lesson=3&seed=5&large=1", lesson.Default(), 1)
	if err != nil || s.Notice != "" {
		t.Fatal(err, s.Notice)
	}
	cl := CommandLine(s.Query())
	if cl != "mentorsim-desktop -scenario advice -seed 5 -lesson-step 3 -large" {
		t.Errorf("CommandLine = %q", cl)
	}
	o, err := ParseArgs(strings.Fields(cl)[1:], &bytes.Buffer{})
	if err != nil || o.Scenario != s.Scenario || o.LessonStep != 3 || !o.Large {
		t.Errorf("%s: %v, %+v", cl, err, o)
	}
}

// A command line opens a lesson step as the link it stands for does: the
// policy of step 6's link is used there, and refused by name in step 2.
func TestCommandLineSetsTheStepsPolicy(t *testing.T) {
	link, err := session.Open("lesson=6&seed=7&policy=3", lesson.Default(), 1)
	if err != nil || link.Notice != "" || link.Policy() != study.Targeted {
		t.Fatalf("the link: %v, notice %q, policy %v", err, link.Notice, link.Policy())
	}
	for _, args := range [][]string{
		strings.Fields(CommandLine(link.Query()))[1:],
		{"-lesson-step", "6", "-seed", "7", "-set", "policy=3"},
	} {
		o, err := ParseArgs(args, &bytes.Buffer{})
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		s, err := Session(o)
		if err != nil || s.Notice != "" || s.Scenario != link.Scenario || s.Step != 6 {
			t.Errorf("%v: %v, notice %q, step %d, scenario %+v; want the link's %+v", args, err, s.Notice, s.Step, s.Scenario, link.Scenario)
		}
	}
	o, err := ParseArgs([]string{"-lesson-step", "2", "-set", "policy=3"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Session(o)
	if err != nil || s.Policy() != study.Experiment || !strings.HasPrefix(s.Notice, "command line: lesson step 2") || !strings.Contains(s.Notice, "policy=3") {
		t.Errorf("step 2 with policy=3: %v, policy %v, notice %q", err, s.Policy(), s.Notice)
	}
}

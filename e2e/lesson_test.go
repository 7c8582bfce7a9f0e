//go:build !js

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

// lessonState is what state() says about the lesson (the same type).
type lessonState = session.PageState

// lessonState is read once no run to the end is under way: a step that
// shows its run finished runs it to the end between frames.
func (p *page) lessonState() (state, lessonState) {
	p.t.Helper()
	p.runOver()
	text := eval[string](p, "window.mentorsim.state()")
	var s state
	var l lessonState
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		p.t.Fatalf("state(): %v\n%s", err, text)
	}
	if err := json.Unmarshal([]byte(text), &l); err != nil {
		p.t.Fatalf("state(): %v\n%s", err, text)
	}
	return s, l
}

// The keys that move through the lesson.
func (p *page) next(bracket bool) {
	p.t.Helper()
	if bracket {
		p.pressKey("]", "BracketRight", 221, "]")
	} else {
		p.pressKey("PageDown", "PageDown", 34, "")
	}
}

func (p *page) back(bracket bool) {
	p.t.Helper()
	if bracket {
		p.pressKey("[", "BracketLeft", 219, "[")
	} else {
		p.pressKey("PageUp", "PageUp", 33, "")
	}
}

// checkStep compares state() with what the lesson's step k sets up.
func checkStep(t *testing.T, p *page, k int, wantPreset string) {
	t.Helper()
	st := lesson.Default().Steps[k-1]
	s, l := p.lessonState()
	if l.Lesson != k {
		t.Fatalf("step %d: state() says lesson %d (notice %q)", k, l.Lesson, s.Notice)
	}
	wantLocked := st.Locked
	if wantLocked == nil {
		wantLocked = []string{}
	}
	answered := l.Prediction == nil || l.Prediction.Answered
	wantReveal := st.Reveal && (answered || st.Predict.Hides() != "ability")
	if k == 7 { // the sandbox carries on with step 6's run
		wantReveal = true
	}
	visible := slices.Equal(l.VisiblePanels, st.VisiblePanels())
	if len(st.Focus) == 0 { // the whole dashboard: some may be folded
		visible = !slices.ContainsFunc(l.VisiblePanels, func(n string) bool { return !st.Visible(n) })
	}
	if s.Preset != wantPreset || s.Seed != 11 || l.Revealed != wantReveal || !slices.Equal(l.Locked, wantLocked) || !visible {
		t.Errorf("step %d: preset %s seed %d revealed %v locked %v visible %v; want %s, 11, %v, %v, %v",
			k, s.Preset, s.Seed, l.Revealed, l.Locked, l.VisiblePanels, wantPreset, wantReveal, wantLocked, st.VisiblePanels())
	}
	if (st.RunToEnd || k == 7) && (!s.Done || s.Day != s.Days) {
		t.Errorf("step %d: day %d of %d, done %v; want the run at its end", k, s.Day, s.Days, s.Done)
	}
	if s.Notice != "" {
		t.Errorf("step %d: notice %q", k, s.Notice)
	}
	if want := fmt.Sprintf("&lesson=%d", k); !strings.Contains(s.Query, want) {
		t.Errorf("step %d: query %q lacks %s", k, s.Query, want)
	}
}

// lessonPresets is the preset each step of the lesson shows: its own, or
// the one before it kept (the app starts on the default).
func lessonPresets() []string {
	preset, out := param.DefaultPreset, []string{}
	for _, st := range lesson.Default().Steps {
		if st.Preset != "" {
			preset = st.Preset
		}
		out = append(out, preset)
	}
	return out
}

// walkLesson presses Next (PageDown) from step 1 to the last, checking each
// step's state; the page must have opened on lesson=1&seed=11. On a step
// that asks for a prediction, Next shows the answer first (a teacher's
// clicker after a show of hands).
func walkLesson(t *testing.T, p *page) {
	t.Helper()
	presets := lessonPresets()
	checkStep(t, p, 1, presets[0])
	for k := 2; k <= len(presets); k++ {
		p.nextStep(t, k-1, false)
		checkStep(t, p, k, presets[k-1])
	}
}

// nextStep moves on from step k: one Next, or two where the step waits
// for its prediction (the first then shows the answer without a guess).
func (p *page) nextStep(t *testing.T, k int, bracket bool) {
	t.Helper()
	if _, l := p.lessonState(); l.Prediction != nil && !l.Prediction.Answered {
		p.next(bracket)
		if _, l := p.lessonState(); l.Lesson != k || l.Prediction == nil || !l.Prediction.Answered || l.Prediction.Guess != session.ShownGuess {
			t.Fatalf("Next on step %d's prediction: step %d, prediction %+v; want its answer shown", k, l.Lesson, l.Prediction)
		}
	}
	p.next(bracket)
}

// TestLessonWalkthrough walks the whole lesson from the keyboard: Next
// through every step (PageDown and ]), checking each step's state, then
// Back, leaving the lesson (l), coming back, and large text (t).
func TestLessonWalkthrough(t *testing.T) {
	p := open(t, "lesson=1&seed=11")
	p.dismissIntro()
	p.waitFrames(2)
	presets := lessonPresets()
	checkStep(t, p, 1, presets[0])
	// Step 1 locks Reveal ability and the presets: their keys do nothing.
	p.pressKey("a", "KeyA", 65, "a")
	p.pressKey("2", "Digit2", 50, "2")
	checkStep(t, p, 1, presets[0])
	for k := 2; k <= 7; k++ {
		p.nextStep(t, k-1, k%2 == 0)
		checkStep(t, p, k, presets[k-1])
	}
	p.next(false) // past the last step: nothing happens
	checkStep(t, p, 7, presets[6])
	p.back(true)
	checkStep(t, p, 6, presets[5])
	p.pressKey("l", "KeyL", 76, "l")
	if _, l := p.lessonState(); l.Lesson != 0 || len(l.Locked) != 0 || slices.ContainsFunc(l.VisiblePanels, func(n string) bool { return !(lesson.Step{}).Visible(n) }) {
		t.Errorf("after l: %+v; want no lesson", l)
	}
	p.pressKey("l", "KeyL", 76, "l")
	checkStep(t, p, 6, presets[5])
	p.pressKey("t", "KeyT", 84, "t")
	if s, l := p.lessonState(); !l.Large || !strings.Contains(s.Query, "large=1") {
		t.Errorf("after t: large %v, query %q", l.Large, s.Query)
	}
	p.waitFrames(2)
}

// comparable is state() without the fields that count frames and time,
// once no run to the end is under way.
func comparable(t *testing.T, p *page) map[string]any {
	t.Helper()
	p.runOver()
	var m map[string]any
	if err := json.Unmarshal([]byte(eval[string](p, "window.mentorsim.state()")), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"frames", "fps", "tps", "updates", "update_ms_total", "draw_ms_total"} {
		delete(m, k)
	}
	return m
}

// TestTeacherLinkReproducesScreen: a teacher's link opens the same step
// with the same numbers in every student's browser, and the address the
// app keeps (query) opens it again.
func TestTeacherLinkReproducesScreen(t *testing.T) {
	a := open(t, "lesson=4&seed=7")
	sa := comparable(t, a)
	if sa["lesson"] != float64(4) || sa["done"] != true || sa["revealed"] != true || sa["notice"] != "" {
		t.Fatalf("the teacher's link opens %v", sa)
	}
	sumA := eval[string](a, "window.mentorsim.summary()")
	query := sa["query"].(string)
	a.close()
	b := open(t, query)
	sb := comparable(t, b)
	if !reflect.DeepEqual(sa, sb) {
		t.Errorf("the second browser's state differs:\nfirst:  %v\nsecond: %v", sa, sb)
	}
	if sumB := eval[string](b, "window.mentorsim.summary()"); sumB != sumA {
		t.Errorf("the second browser's summary() differs")
	}
}

// shownState is what state() says the self-assessment and money panels show.
type shownState struct {
	Preset string `json:"preset"`
	Params struct {
		Policy float64 `json:"policy"`
	} `json:"params"`
	Shown struct {
		SelfAssessment []struct {
			Group                string
			N                    int
			Ability, Thinks, Gap float64
		} `json:"self_assessment"`
		Money *struct {
			Command  string          `json:"command"`
			Price    float64         `json:"price"`
			Policies json.RawMessage `json:"policies"`
		} `json:"money"`
	} `json:"shown"`
}

func (p *page) shown() shownState {
	p.t.Helper()
	var s shownState
	if err := json.Unmarshal([]byte(eval[string](p, "window.mentorsim.state()")), &s); err != nil {
		p.t.Fatal(err)
	}
	return s
}

// declined is the self-assessment panel's row for the reps who declined.
func (s shownState) declined(t *testing.T) (thinks, gap float64) {
	t.Helper()
	for _, r := range s.Shown.SelfAssessment {
		if r.Group == "declined" && r.N > 0 {
			return r.Thinks, r.Gap
		}
	}
	t.Fatalf("the self-assessment panel shows no decliners: %+v", s.Shown.SelfAssessment)
	return 0, 0
}

// TestLessonStepFiveAnswerable: step 5's question (what tells insecure
// from overconfident) can be answered from the screen. The self-assessment
// panel shows, and a change of preset runs to the end: the reps who
// declined overrate themselves far more under overconfident, where they
// think they are good, than under insecure.
func TestLessonStepFiveAnswerable(t *testing.T) {
	p := open(t, "lesson=5&seed=7")
	p.dismissIntro()
	p.waitFrames(2)
	s, l := p.lessonState()
	if !slices.Contains(l.VisiblePanels, "selfassessment") || !s.Done || s.Notice != "" {
		t.Fatalf("step 5: panels %v, done %v, notice %q", l.VisiblePanels, s.Done, s.Notice)
	}
	_, insecureGap := p.shown().declined(t)
	p.pressKey("3", "Digit3", 51, "3")
	s, _ = p.lessonState()
	sh := p.shown()
	if sh.Preset != "overconfident" || !s.Done || s.Day != s.Days {
		t.Fatalf("after 3: preset %s, day %d of %d, done %v; want overconfident run to the end", sh.Preset, s.Day, s.Days, s.Done)
	}
	if thinks, gap := sh.declined(t); !(thinks > 0.5 && gap > 1 && gap-insecureGap > 0.5) {
		t.Errorf("overconfident: decliners think %.2f (gap %.2f, %.2f under insecure); want well above 0 and their ability, and well above insecure's gap",
			thinks, gap, insecureGap)
	}
}

// TestLessonStepSixAnswerable: a teacher's link with a policy opens step 6
// under it; the money panel holds, computed in the browser, the numbers
// the command line's code gives for the same reps; a policy chip switches
// the floor's policy and the run goes to the end.
func TestLessonStepSixAnswerable(t *testing.T) {
	p := open(t, "lesson=6&seed=7&policy=3")
	p.dismissIntro()
	p.waitFrames(2)
	s, l := p.lessonState()
	sh := p.shown()
	if s.Notice != "" || sh.Params.Policy != 3 || !s.Done || !slices.Contains(l.VisiblePanels, "money") {
		t.Fatalf("lesson=6&policy=3: notice %q, policy %v, done %v, panels %v", s.Notice, sh.Params.Policy, s.Done, l.VisiblePanels)
	}
	m := sh.Shown.Money
	if m == nil || !strings.HasPrefix(m.Command, "mentorsim policies -scenario advice -seed 7 -hires 603") || m.Price != 100 {
		t.Fatalf("money panel %+v", m)
	}
	sc, _ := param.NewScenario("study")
	sc.Seed = 7
	outs, err := study.ComparePolicies(sc, 2)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(outs)
	var got bytes.Buffer
	if err := json.Compact(&got, m.Policies); err != nil || !bytes.Equal(got.Bytes(), want) {
		t.Errorf("the browser's money panel:\n%s\nthe command line's code:\n%s", m.Policies, want)
	}
	p.dispatch(instantClick(p.widget("policy:mandatory"))...)
	p.settle()
	s, _ = p.lessonState()
	if sh := p.shown(); sh.Params.Policy != 1 || !s.Done || !strings.Contains(s.Query, "policy=1") {
		t.Errorf("after the mandatory chip: policy %v, done %v, query %q", sh.Params.Policy, s.Done, s.Query)
	}
	if refused, _ := open(t, "lesson=2&seed=7&policy=3").lessonState(); !strings.Contains(refused.Notice, "policy=3") {
		t.Errorf("lesson=2&policy=3: notice %q; want policy=3 refused by name", refused.Notice)
	}
}

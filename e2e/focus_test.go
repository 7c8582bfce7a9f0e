//go:build !js

package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
)

// TestLessonFocusAtClassSizes walks the lesson by PageDown alone (a
// clicker) on a projector at 1024×768 and 1366×768 in large text, at
// 1920×1080, and on a 390×844 phone tapped by a finger, and checks at
// every step that the panels it asks about are drawn unfolded, each at
// least layout.MinFocusW × MinFocusH units (16 CSS pixels a unit, more in
// large text), and nothing else is. With MENTORSIM_SCREENSHOT_DIR set it
// saves step 3 at 1024×768 and the phone's step 4 (make screenshots puts
// them in docs/).
func TestLessonFocusAtClassSizes(t *testing.T) {
	for _, tc := range []struct {
		w, h  int64
		query string
		touch bool
		shots map[int]string
	}{
		{1024, 768, "lesson=1&seed=11&large=1", false, map[int]string{3: "lesson-1024x768-step3.png"}},
		{1366, 768, "lesson=1&seed=11&large=1", false, nil},
		{1920, 1080, "lesson=1&seed=11", false, nil},
		{390, 844, "lesson=1&seed=11", true, map[int]string{4: "lesson-phone-step4.png"}},
	} {
		t.Run(fmt.Sprintf("%dx%d", tc.w, tc.h), func(t *testing.T) {
			p := open(t, tc.query)
			opts := []chromedp.EmulateViewportOption{}
			if tc.touch {
				opts = append(opts, chromedp.EmulateTouch)
			}
			if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(tc.w, tc.h, opts...)); err != nil {
				t.Fatalf("resizing the viewport to %dx%d: %v", tc.w, tc.h, err)
			}
			p.focusCanvas()
			steps := lesson.Default().Steps
			for k := 1; k <= len(steps); k++ {
				if k > 1 {
					p.nextStep(t, k-1, false)
				}
				p.settle()
				checkFocus(t, p, k, steps[k-1])
				if name := tc.shots[k]; name != "" {
					p.waitFrames(3)
					saveShot(t, p, name)
				}
			}
		})
	}
}

// checkFocus checks that step k's focus is all state() says is drawn, each
// panel at least the least size.
func checkFocus(t *testing.T, p *page, k int, st lesson.Step) {
	t.Helper()
	_, l := p.lessonState()
	if l.Lesson != k {
		t.Fatalf("step %d: state() says lesson %d", k, l.Lesson)
	}
	if len(st.Focus) == 0 {
		return // the sandbox: the whole dashboard
	}
	if !slices.Equal(l.VisiblePanels, st.VisiblePanels()) {
		t.Errorf("step %d: visible panels %v; want the step's focus %v", k, l.VisiblePanels, st.VisiblePanels())
	}
	for _, n := range st.Focus {
		r, ok := l.PanelRects[n]
		minW := float64(layout.MinFocusW)
		if n == "controls" {
			minW = layout.MinFocusControlsW
		}
		if !ok || r.W < minW*layout.Unit || r.H < layout.MinFocusH*layout.Unit {
			t.Errorf("step %d: %s is %+v (CSS pixels); want at least %.0f×%.0f", k, n, r, minW*layout.Unit, float64(layout.MinFocusH*layout.Unit))
		}
	}
}

// saveShot saves the page's screenshot under MENTORSIM_SCREENSHOT_DIR, if
// set.
func saveShot(t *testing.T, p *page, name string) {
	t.Helper()
	shot := p.screenshot()
	if _, drawn, colours, err := colourStats(shot); err != nil || drawn <= 0.01 || colours <= 10 {
		t.Errorf("%s: the canvas looks blank (%.2f%% drawn, %d colours, %v)", name, 100*drawn, colours, err)
	}
	keepShot(t, shot, name)
}

// TestPredictions answers step 3's and step 4's predictions with a tap on a
// choice, and sees each guess shown beside the simulation's answer, which
// is the choice nearest its number; the link keeps the guesses.
func TestPredictions(t *testing.T) {
	p := open(t, "lesson=3&seed=11")
	p.dismissIntro()
	p.settle()
	for _, tc := range []struct {
		step, choice int
		key          string
	}{{3, 0, "guess_optin=1"}, {4, 2, "guess_gain=3"}} {
		_, l := p.lessonState()
		if l.Lesson != tc.step || l.Prediction == nil || l.Prediction.Answered || l.Revealed != (tc.step == 4) {
			t.Fatalf("step %d: lesson %d, prediction %+v, revealed %v; want it asked, the answer held back", tc.step, l.Lesson, l.Prediction, l.Revealed)
		}
		p.dispatch(touch(centre(p.widget(fmt.Sprintf("%s%d", layout.GuessPrefix, tc.choice))))...)
		p.settle()
		s, l := p.lessonState()
		pr := l.Prediction
		guess := lesson.Default().Steps[tc.step-1].Predict.Choices[tc.choice].Label
		if pr == nil || !pr.Answered || pr.Guess != tc.choice || !l.Revealed ||
			!strings.Contains(pr.Shown, "Your guess: "+guess+".") || !strings.Contains(pr.Shown, "The simulation: "+pr.Choices[pr.Answer]) {
			t.Errorf("step %d after tapping %q: %+v, revealed %v; want the guess beside the answer", tc.step, guess, pr, l.Revealed)
		}
		if !strings.Contains(s.Query, tc.key) {
			t.Errorf("step %d: the link %q does not keep the guess (%s)", tc.step, s.Query, tc.key)
		}
		p.next(false)
	}
}

// TestIntroStartsTheLesson: the intro's "Start the lesson" opens the
// lesson at its first step with the link's seed.
func TestIntroStartsTheLesson(t *testing.T) {
	p := open(t, "seed=5")
	p.do(`window.mentorsimShowAbout(); document.getElementById("about-lesson").click()`)
	deadline := time.Now().Add(testTimeout)
	for { // the page reloads: evaluations fail while it navigates
		ok, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`location.search.includes("lesson=1") && !!window.mentorsim && JSON.parse(window.mentorsim.state()).lesson === 1`))
		if err == nil && ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after Start the lesson: %v, lesson shown %v", err, ok)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if s := p.state(); s.Seed != 5 {
		t.Errorf("the lesson opened with seed %d; want the link's 5", s.Seed)
	}
}

// TestSandboxOnPhones opens the sandbox (the lesson's last step, the whole
// dashboard) on a phone held upright, as Safari leaves it (390×664), and
// sideways (844×390), and taps the Assumptions tab: the sliders the step
// asks students to try show, and the card folds to its title and buttons
// to make room; a tap on its title shows it whole again.
func TestSandboxOnPhones(t *testing.T) {
	steps := lesson.Default().Steps
	slider := layout.SliderParams()[0]
	folded := layout.OpenPrefix + layout.LessonPlace
	for _, size := range [][2]int64{{390, 664}, {844, 390}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			p := open(t, fmt.Sprintf("lesson=%d&seed=11", len(steps)))
			if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(size[0], size[1], chromedp.EmulateTouch)); err != nil {
				t.Fatalf("resizing the viewport to %dx%d: %v", size[0], size[1], err)
			}
			p.dismissIntro()
			p.settle()
			if p.has(slider) || p.has(folded) {
				t.Fatalf("before a tap: slider %s shown %v, card folded %v; the test needs neither", slider, p.has(slider), p.has(folded))
			}
			p.dispatch(touch(centre(p.widget(layout.OpenPrefix + layout.PanelControls)))...)
			p.settle()
			if !p.has(slider) || !p.has(folded) || !p.has("lesson_next") {
				t.Fatalf("after a tap on Assumptions: slider %s shown %v, card folded %v, Next shown %v; want all three", slider, p.has(slider), p.has(folded), p.has("lesson_next"))
			}
			p.dispatch(touch(centre(p.widget(folded)))...)
			p.settle()
			if p.has(folded) || !p.has("lesson_next") {
				t.Errorf("after a tap on the folded card's title: still folded %v, Next shown %v", p.has(folded), p.has("lesson_next"))
			}
		})
	}
}

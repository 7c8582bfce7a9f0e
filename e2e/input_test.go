//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"mentorsim/ui/session"
)

// presses is how many times each input is repeated: enough that a lost or
// doubled one would show.
const presses = 12

// rect is a control's place in state().widgets, in CSS pixels.
type rect struct{ X, Y, W, H float64 }

func (p *page) widget(id string) rect {
	p.t.Helper()
	ws := p.widgets()
	r, ok := ws[id]
	if !ok {
		p.t.Fatalf("state() has no widget %q: %v", id, ws)
	}
	return r
}

// widgets are the controls state() lists, by id.
func (p *page) widgets() map[string]rect {
	p.t.Helper()
	var s struct {
		Widgets map[string]rect `json:"widgets"`
	}
	if err := json.Unmarshal([]byte(eval[string](p, "window.mentorsim.state()")), &s); err != nil {
		p.t.Fatal(err)
	}
	return s.Widgets
}

// has reports whether state() lists the control id.
func (p *page) has(id string) bool {
	p.t.Helper()
	_, ok := p.widgets()[id]
	return ok
}

// step is one CDP input command.
type step = chromedp.Action[chromedp.Void]

func send[P any](cmd cdp.Command[P, cdp.Empty], params P) step {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cmd, params)
		return err
	})
}

// dispatch sends input commands one after another, with nothing between
// them: a press and its release reach the page within one frame.
func (p *page) dispatch(steps ...step) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatalf("dispatching input: %v", err)
	}
}

// instantKey is a key's down and up events, back to back.
func instantKey(key, code string, keyCode int64) []step {
	down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code,
		WindowsVirtualKeyCode: keyCode, NativeVirtualKeyCode: keyCode}
	if len(key) == 1 {
		down.Text, down.UnmodifiedText = key, key
	} else if key == "Enter" { // as a keyboard sends it: it types a return
		down.Text, down.UnmodifiedText = "\r", "\r"
	}
	up := down
	up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
	return []step{send(input.DispatchKeyEvent, down), send(input.DispatchKeyEvent, up)}
}

// instantClick is a left click at the centre of r, without a hold.
func instantClick(r rect) []step {
	x, y := r.X+r.W/2, r.Y+r.H/2
	ev := func(typ input.DispatchMouseEventType, buttons int64) step {
		return send(input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: typ, X: x, Y: y,
			Button: input.MouseButtonLeft, Buttons: buttons, ClickCount: 1})
	}
	return []step{ev(input.DispatchMouseEventTypeMouseMoved, 0), ev(input.DispatchMouseEventTypeMousePressed, 1),
		ev(input.DispatchMouseEventTypeMouseReleased, 0)}
}

// touch is one finger's touch events at the points, the first touching
// down, the last lifting off.
func touch(points ...[2]float64) []step {
	var steps []step
	id := 1.0
	for i, pt := range points {
		typ := input.DispatchTouchEventTypeTouchMove
		if i == 0 {
			typ = input.DispatchTouchEventTypeTouchStart
		}
		steps = append(steps, send(input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ,
			TouchPoints: []*input.TouchPoint{{X: pt[0], Y: pt[1], ID: &id}}}))
	}
	return append(steps, send(input.DispatchTouchEvent, input.DispatchTouchEventParams{
		Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}}))
}

func centre(r rect) [2]float64 { return [2]float64{r.X + r.W/2, r.Y + r.H/2} }

// settle waits until the app has run two more updates, so that whatever
// was dispatched before has been handled.
func (p *page) settle() {
	p.t.Helper()
	expr := fmt.Sprintf("JSON.parse(window.mentorsim.state()).updates >= %d", p.state().Updates+2)
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(5*time.Millisecond),
		chromedp.WithPollingTimeout(testTimeout))); err != nil {
		p.t.Fatalf("waiting for the app's updates: %v", err)
	}
}

func (p *page) focusCanvas() {
	p.t.Helper()
	p.do(`document.querySelector("canvas").focus()`)
}

// TestInputInstantKeys: keys pressed and released with nothing between
// (as presentation clickers and some keyboards send them) each act once:
// Space toggles play every time, a burst of → steps exactly one day per
// press.
func TestInputInstantKeys(t *testing.T) {
	p := open(t, "seed=3")
	p.dismissIntro()
	p.focusCanvas()
	p.settle()
	for i := range presses {
		p.dispatch(instantKey(" ", "Space", 32)...)
		p.settle()
		if s := p.state(); s.Running != (i%2 == 0) {
			t.Fatalf("after %d instant presses of Space, running is %v", i+1, s.Running)
		}
	}
	if p.state().Running {
		p.do("window.mentorsim.setPlaying(false)")
	}
	before := p.state().Day
	var burst []step
	for range presses {
		burst = append(burst, instantKey("ArrowRight", "ArrowRight", 39)...)
	}
	p.dispatch(burst...)
	p.settle()
	if got := p.state().Day - before; got != presses {
		t.Errorf("%d instant presses of → moved %d days; want %d", presses, got, presses)
	}
}

// TestInputInstantLessonKeys: PageDown and PageUp pressed instantly (a
// presentation clicker) move the lesson exactly one step each.
func TestInputInstantLessonKeys(t *testing.T) {
	p := open(t, "lesson=1&seed=11")
	p.focusCanvas()
	p.settle()
	steps := func() int {
		_, l := p.lessonState()
		return l.Lesson
	}
	// Steps 3 and 4 ask for a prediction: the first PageDown shows the answer.
	for i, k := range []int{2, 3, 3, 4, 4, 5, 6, 7} {
		p.dispatch(instantKey("PageDown", "PageDown", 34)...)
		p.settle()
		if got := steps(); got != k {
			t.Fatalf("after %d instant PageDowns from step 1 the lesson shows step %d; want %d", i+1, got, k)
		}
	}
	for k := 6; k >= 1; k-- {
		p.dispatch(instantKey("PageUp", "PageUp", 33)...)
		p.settle()
		if got := steps(); got != k {
			t.Fatalf("after an instant PageUp from step %d the lesson shows step %d; want %d", k+1, got, k)
		}
	}
}

// TestInputInstantClicksAndTaps: a click without a hold and a finger's tap
// on "Day +1" each step exactly one day, a burst of them as many days.
func TestInputInstantClicksAndTaps(t *testing.T) {
	p := open(t, "seed=3")
	p.dismissIntro()
	p.settle()
	dayStep := p.widget("step")
	var clicks, taps []step
	for range presses {
		clicks = append(clicks, instantClick(dayStep)...)
		taps = append(taps, touch(centre(dayStep))...)
	}
	before := p.state().Day
	p.dispatch(clicks...)
	p.settle()
	if got := p.state().Day - before; got != presses {
		t.Errorf("%d instant clicks on Day +1 moved %d days; want %d", presses, got, presses)
	}
	before = p.state().Day
	p.dispatch(taps...)
	p.settle()
	if got := p.state().Day - before; got != presses {
		t.Errorf("%d taps on Day +1 moved %d days; want %d", presses, got, presses)
	}
	// A tap on Play plays.
	p.dispatch(touch(centre(p.widget("play")))...)
	p.settle()
	if !p.state().Running {
		t.Errorf("a tap on Play: not running")
	}
}

// dragState is state() (with what the tests of dragging read).
type dragState = session.PageState

// TestInputTouchDragsSlider: a finger drags a slider's knob, which follows
// it; on lifting, the value applies, the run restarts at day 0 and the app
// says to press Play.
func TestInputTouchDragsSlider(t *testing.T) {
	p := open(t, "seed=3")
	p.dismissIntro()
	p.settle()
	p.dispatch(instantKey("ArrowRight", "ArrowRight", 39)...)
	r := p.widget("mentor_gain")
	y := r.Y + r.H/2
	read := func() dragState {
		t.Helper()
		var s dragState
		if err := json.Unmarshal([]byte(eval[string](p, "window.mentorsim.state()")), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := read().Params.MentorGain
	steps := touch([2]float64{r.X + 0.1*r.W, y}, [2]float64{r.X + 0.5*r.W, y}, [2]float64{r.X + r.W + 50, y})
	p.dispatch(steps[:2]...) // down at a tenth of the track, then to its middle
	p.settle()
	if s := read(); s.Dragging != "mentor_gain" || s.DragValue != 5 || s.Params.MentorGain != before {
		t.Errorf("mid-drag: dragging %q, knob at %v, mentor_gain %v; want mentor_gain, 5 (the track's middle), still %v",
			s.Dragging, s.DragValue, s.Params.MentorGain, before)
	}
	p.dispatch(steps[2:]...) // past the track's end, and lift
	p.settle()
	s := read()
	if s.Params.MentorGain != 10 { // dragged past the end of the track: its maximum
		t.Errorf("after a drag to the end of the track, mentor_gain is %v; want 10", s.Params.MentorGain)
	}
	if s.Day != 0 || s.Running || s.Hint == "" {
		t.Errorf("after the slider's change: day %d, running %v, hint %q; want day 0, paused, a hint to press Play", s.Day, s.Running, s.Hint)
	}
}

// introState is whether the intro card is open and what has the focus.
type introState struct {
	Open    bool   `json:"open"`
	Focus   string `json:"focus"` // the focused element's id, or its tag
	Running bool   `json:"running"`
}

func (p *page) intro() introState {
	p.t.Helper()
	return eval[introState](p, `(() => {
		const a = document.activeElement;
		return {open: document.getElementById("about").open,
			focus: a ? (a.id || a.tagName.toLowerCase()) : "",
			running: JSON.parse(window.mentorsim.state()).running};
	})()`)
}

// introBecomes waits until the intro card is open or closed, as wanted,
// with the focus on the element wanted, and returns what it was: the page
// opens and closes the card in tasks of its own (a timeout, the dialog's
// close event), which a starved machine may run after the app's updates.
func (p *page) introBecomes(open bool, focus string) introState {
	p.t.Helper()
	expr := fmt.Sprintf(`(a => document.getElementById("about").open === %v && !!a && (a.id || a.tagName.toLowerCase()) === %q)(document.activeElement)`, open, focus)
	// A minute is generous; past it the state is reported as it is.
	chromedp.Run(p.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(time.Minute)))
	return p.intro()
}

// TestInputIntroTakesKeys: on a first visit the intro shows with the focus
// on its button; Space, Enter and Esc close it without reaching the app
// (Space does not start the simulation behind it), Tab stays in it, and
// the app's About key (i) brings it back. A teacher's lesson link opens
// straight into the lesson.
func TestInputIntroTakesKeys(t *testing.T) {
	p := open(t, "seed=3")
	p.settle()
	if s := p.introBecomes(true, "about-go"); !s.Open || s.Focus != "about-go" {
		t.Fatalf("first visit: intro open %v, focus on %q; want open, on about-go", s.Open, s.Focus)
	}
	p.do(`document.getElementById("about-close").focus()`)
	p.dispatch(instantKey("Tab", "Tab", 9)...)
	if s := p.introBecomes(true, "a"); !s.Open || s.Focus != "a" {
		t.Errorf("Tab from the intro's close button: intro open %v, focus on %q; want it open, the focus on its link", s.Open, s.Focus)
	}
	p.do(`document.getElementById("about-go").focus()`)
	for _, k := range []struct{ key, code string }{{" ", "Space"}, {"Enter", "Enter"}, {"Escape", "Escape"}} {
		p.dispatch(instantKey(k.key, k.code, map[string]int64{" ": 32, "Enter": 13, "Escape": 27}[k.key])...)
		p.settle()
		s := p.introBecomes(false, "canvas")
		if s.Open || s.Running || s.Focus != "canvas" {
			t.Errorf("after %q on the intro: open %v, running %v, focus on %q; want closed, paused, the app focused", k.key, s.Open, s.Running, s.Focus)
		}
		p.dispatch(instantKey("i", "KeyI", 73)...) // the app's About
		p.settle()
		if s := p.introBecomes(true, "about-go"); !s.Open || s.Focus != "about-go" {
			t.Fatalf("after i: intro open %v, focus on %q; want open, on about-go", s.Open, s.Focus)
		}
	}
	p.close()

	teacher := open(t, "lesson=2&seed=11")
	teacher.settle()
	if s := teacher.intro(); s.Open {
		t.Errorf("a lesson link opens with the intro showing")
	}
	if _, l := teacher.lessonState(); l.Lesson != 2 {
		t.Errorf("a lesson link shows step %d; want 2", l.Lesson)
	}
	if !eval[bool](teacher, `!!document.querySelector('#about a[href="model.html"]')`) {
		t.Errorf("the intro does not link model.html")
	}
}

// TestInputLiveSummary: the page's polite live region tells the day and
// the effects in words, and follows a step forward.
func TestInputLiveSummary(t *testing.T) {
	p := open(t, "seed=3")
	p.dismissIntro()
	if live := eval[string](p, `document.getElementById("live").getAttribute("aria-live")`); live != "polite" {
		t.Fatalf("#live has aria-live %q; want polite", live)
	}
	wait := func(want string) string {
		t.Helper()
		expr := fmt.Sprintf(`document.getElementById("live").textContent.startsWith(%q)`, want)
		if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond),
			chromedp.WithPollingTimeout(testTimeout))); err != nil {
			t.Fatalf("the live region never starts %q: it says %q", want, eval[string](p, `document.getElementById("live").textContent`))
		}
		return eval[string](p, `document.getElementById("live").textContent`)
	}
	wait("Day 0 of ")
	p.focusCanvas()
	for range 30 {
		p.dispatch(instantKey("ArrowRight", "ArrowRight", 39)...)
	}
	text := wait("Day 30 of ")
	if !strings.Contains(text, "mandatory branch") || !strings.Contains(text, "95% interval") {
		t.Errorf("after 30 days the live region does not give the effects: %q", text)
	}
	t.Logf("live region: %q", text)
}

// TestIntroButtonsInSightOnPhones opens the intro on phones held upright
// and sideways: its text scrolls, but its two buttons stay in sight at the
// card's foot, inside the window, where a student can tap them.
func TestIntroButtonsInSightOnPhones(t *testing.T) {
	for _, size := range [][2]int64{{360, 640}, {390, 664}, {667, 375}, {740, 360}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			p := open(t, "seed=3")
			if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(size[0], size[1], chromedp.EmulateTouch)); err != nil {
				t.Fatalf("resizing the viewport: %v", err)
			}
			if s := p.introBecomes(true, "about-go"); !s.Open {
				t.Fatalf("the intro is not open: %+v", s)
			}
			inSight := eval[[]bool](p, `["about-lesson", "about-go"].map(id => {
				const r = document.getElementById(id).getBoundingClientRect();
				const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
				return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth && top && top.id === id;
			})`)
			if len(inSight) != 2 || !inSight[0] || !inSight[1] {
				t.Errorf("Start the lesson, Explore the simulation in sight and on top: %v", inSight)
			}
		})
	}
}

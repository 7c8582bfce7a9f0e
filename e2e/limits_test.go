//go:build !js

package e2e

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// runOver waits until no run to the end is under way (runToEnd, To end, a
// lesson step that shows its run finished).
func (p *page) runOver() {
	p.t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool]("!JSON.parse(window.mentorsim.state()).finishing",
		chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(testTimeout))); err != nil {
		p.t.Fatalf("waiting for the run to the end: %v", err)
	}
}

// healthy fails the test if the page shows an error or the Go program
// panicked.
func (p *page) healthy() {
	p.t.Helper()
	shown := eval[bool](p, `!!window.mentorsimError || !document.getElementById("error").hidden`)
	p.mu.Lock()
	console := strings.Join(p.console, "\n")
	p.mu.Unlock()
	if shown || strings.Contains(console, "panic") {
		p.t.Fatalf("the page failed (error card %v):\n%s", shown, console)
	}
}

// TestLimitsHugeLinkClamped: a link asking for ten million hires opens at
// the app's 20,000 with a notice naming the field, the value and the limit;
// the app draws, in a wide window and a small one; To end runs the study to
// its end while the app goes on drawing frames, and the result is byte for
// byte the command line's at 20,000 hires.
func TestLimitsHugeLinkClamped(t *testing.T) {
	p := open(t, "hires=10000000&seed=3")
	p.dismissIntro()
	p.waitFrames(3)
	p.healthy()
	s := p.state()
	if s.Params.Hires != 20000 || !strings.Contains(s.Query, "hires=20000") {
		t.Errorf("hires %v, query %q; want the app's limit, 20000", s.Params.Hires, s.Query)
	}
	for _, w := range []string{"hires", "10000000", "20000"} {
		if !strings.Contains(s.Notice, w) {
			t.Errorf("the notice does not say %s: %q", w, s.Notice)
		}
	}
	if _, share, _, err := colourStats(p.screenshot()); err != nil || share < 0.05 {
		t.Errorf("the app drew %.3f of the screen (%v)", share, err)
	}
	if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(500, 700)); err != nil {
		t.Fatal(err)
	}
	p.waitFrames(3)
	p.healthy()
	if bounds, share, _, err := colourStats(p.screenshot()); err != nil || share < 0.05 || bounds.Dx() != 500 || bounds.Dy() != 700 {
		t.Errorf("in a 500x700 window the app drew %.3f of a %v canvas (%v); want it drawn, 500x700", share, bounds.Size(), err)
	}

	// To end, from the keyboard: the run goes on between frames. A run at
	// once would be over when the key has been read; in slices of 10 ms it
	// is under way, and the app goes on updating and drawing until it ends.
	// The page looks at state() once an animation frame, so that however
	// slow the test's own calls, it sees what each frame saw.
	p.do(`(() => {
		const w = window.lookE = {n: 0, first: null, last: null, over: false};
		const f = () => {
			const s = JSON.parse(window.mentorsim.state());
			if (s.finishing) {
				w.first = w.first || s;
				w.last = s;
				w.n++;
			}
			// Over once the run seen under way ends, or if it ended unseen.
			if (w.first ? !s.finishing : s.done) w.over = true; else requestAnimationFrame(f);
		};
		requestAnimationFrame(f);
	})()`)
	p.pressKey("e", "KeyE", 69, "e")
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool]("window.lookE.over", chromedp.WithPollingInterval(20*time.Millisecond),
		chromedp.WithPollingTimeout(testTimeout))); err != nil {
		t.Fatalf("waiting for the run to the end: %v", err)
	}
	type look struct {
		Day     int   `json:"day"`
		Days    int   `json:"days"`
		Frames  int64 `json:"frames"`
		Updates int64 `json:"updates"`
	}
	var seen struct {
		N           int
		First, Last look
	}
	if err := json.Unmarshal([]byte(eval[string](p, "JSON.stringify(window.lookE)")), &seen); err != nil {
		t.Fatal(err)
	}
	first, last := seen.First, seen.Last
	if seen.N < 2 || first.Day <= 0 || first.Day >= first.Days || last.Frames <= first.Frames || last.Updates <= first.Updates {
		t.Fatalf("after e: the run was under way in %d animation frames, from day %d of %d, with %d updates and %d frames drawn; want it under way between frames, the app updating and drawing",
			seen.N, first.Day, first.Days, last.Updates-first.Updates, last.Frames-first.Frames)
	}
	t.Logf("while running 20000 hires to the end: seen under way in %d animation frames, %d updates, %d frames after the first at day %d",
		seen.N, last.Updates-first.Updates, last.Frames-first.Frames, first.Day)
	p.healthy()
	s = p.state()
	if !s.Done || s.Day != s.Days {
		t.Fatalf("after To end: day %d of %d, done %v", s.Day, s.Days, s.Done)
	}
	page := eval[string](p, "window.mentorsim.summary()")
	args := []string{"run", "-scenario", "study", "-seed", "3", "-hires", "20000", "-json"}
	cmd := exec.CommandContext(p.ctx, env.cli, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cli, err := cmd.Output()
	if err != nil {
		t.Fatalf("mentorsim %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	if page != string(cli) {
		t.Errorf("the page's summary() after To end differs from `mentorsim %s`", strings.Join(args, " "))
	}
}

// TestLimitsRunToEndPromise: the page API's runToEnd() returns at once with
// a Promise, the run goes on between frames, and the Promise resolves once
// the study is done.
func TestLimitsRunToEndPromise(t *testing.T) {
	p := open(t, "hires=20000&seed=4")
	p.dismissIntro()
	p.waitFrames(2)
	started := eval[bool](p, `(() => {
		window.runOver = false;
		const r = window.mentorsim.runToEnd();
		r.then(() => { window.runOver = true; });
		return r instanceof Promise && JSON.parse(window.mentorsim.state()).finishing;
	})()`)
	if !started {
		t.Fatalf("runToEnd() did not return a Promise with the run under way")
	}
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool]("window.runOver", chromedp.WithPollingInterval(10*time.Millisecond),
		chromedp.WithPollingTimeout(testTimeout))); err != nil {
		t.Fatalf("waiting for runToEnd()'s Promise: %v", err)
	}
	if s := p.state(); !s.Done || s.Day != s.Days {
		t.Errorf("runToEnd() resolved at day %d of %d, done %v", s.Day, s.Days, s.Done)
	}
	p.healthy()
}

//go:build !js

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshotsAtClassSizes draws the app at a projector's 1024×768 in
// large text at the lesson's first step, at 1920×1080 part-way through a
// run and at three of the lesson's steps, and checks the canvas fills the window and is drawn.
// With MENTORSIM_SCREENSHOT_DIR set it saves them there as
// screenshot-1024x768-large.png and screenshot-1920x1080.png, with the
// teaching notes' steps 1, 4 and 5 at 1280×800
// (make screenshots puts them in docs/). The layout at these sizes is checked
// text box by text box in ui/layout's TestTextNeverOverlaps.
func TestScreenshotsAtClassSizes(t *testing.T) {
	for _, tc := range []struct {
		w, h  int64
		query string
		file  string
	}{
		{1024, 768, "lesson=1&large=1", "screenshot-1024x768-large.png"},
		{1920, 1080, "seed=1", "screenshot-1920x1080.png"},
		// The teaching notes' pictures of steps 1, 4 and 5.
		{1280, 800, "lesson=1&seed=7", "teaching-step1.png"},
		{1280, 800, "lesson=4&seed=7", "teaching-step4.png"},
		{1280, 800, "lesson=5&seed=7", "teaching-step5.png"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := open(t, tc.query)
			p.dismissIntro()
			if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(tc.w, tc.h)); err != nil {
				t.Fatalf("resizing the viewport to %dx%d: %v", tc.w, tc.h, err)
			}
			if tc.query == "seed=1" { // part-way, with ability revealed
				p.do("mentorsim.setPlaying(true)")
				p.waitDay(120)
				p.do("mentorsim.setPlaying(false)")
				p.pressKey("a", "KeyA", 65, "a")
			}
			p.runOver() // the lesson's step runs to the end between frames
			p.waitFrames(5)
			shot := p.screenshot()
			bounds, drawn, colours, err := colourStats(shot)
			if err != nil {
				t.Fatalf("the screenshot is not a PNG: %v", err)
			}
			if int64(bounds.Dx()) != tc.w || int64(bounds.Dy()) != tc.h {
				t.Errorf("the canvas is %dx%d; want the viewport, %dx%d", bounds.Dx(), bounds.Dy(), tc.w, tc.h)
			}
			if drawn <= 0.01 || colours <= 10 {
				t.Errorf("the canvas looks blank: %.2f%% of pixels drawn, %d colours", 100*drawn, colours)
			}
			keepShot(t, shot, tc.file)
		})
	}
}

// keepShot writes a screenshot to MENTORSIM_SCREENSHOT_DIR as name, if
// that is set (make screenshots puts them in docs/).
func keepShot(t *testing.T, shot []byte, name string) {
	t.Helper()
	if dir := os.Getenv("MENTORSIM_SCREENSHOT_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(os.Stderr, "wrote %s\n", filepath.Join(dir, name))
	}
}

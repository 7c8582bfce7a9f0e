//go:build js && wasm

package main

import (
	"syscall/js"
	"time"

	"mentorsim/ui"
	"mentorsim/ui/session"
)

// Live-region updates: at most one every liveEvery while the study plays;
// at once (within a second) when it pauses, steps or changes run or step.
const liveEvery = 15 * time.Second

// liveKey is what, when it changes, is worth telling at once.
type liveKey struct {
	playing, done, revealed bool
	step                    int
	query                   string
	day                     int // only while paused: a step forward
	guesses                 int // predictions answered or shown (Next shows one without a change of link)
}

// speak keeps the page's live region (#live, aria-live="polite") telling
// assistive technology what the screen shows (ui.Summary), a few times a
// minute at most. It runs for the page's life.
func speak(g *game) {
	region := js.Global().Get("document").Call("getElementById", "live")
	if !region.Truthy() {
		return
	}
	var last liveKey
	var lastText string
	var lastAt time.Time
	for range time.Tick(time.Second) {
		var key liveKey
		var text string
		g.Do(func(s *session.Session) {
			key = liveKey{s.Playing, s.Study.Done(), s.Revealed, s.Step, s.Query(), 0, len(s.Guesses)}
			if !s.Playing {
				key.day = s.Study.Day()
			}
			if key != last || time.Since(lastAt) >= liveEvery {
				text = ui.Summary(s)
			}
		})
		if text == "" {
			continue
		}
		last, lastAt = key, time.Now()
		if text != lastText {
			region.Set("textContent", text)
			lastText = text
		}
	}
}

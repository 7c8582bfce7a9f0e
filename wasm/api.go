//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"
	"io"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/sim/export"
	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

// The page API, for tests and scripts. window.mentorsim has:
//
//	state()          a JSON string (parse it with JSON.parse):
//	                 {"day": 12, "days": 165, "running": false, "done": false,
//	                  "finishing": false,
//	                  "preset": "advice", "seed": 1, "params": {every parameter},
//	                  "query": "preset=study&seed=1", "notice": "", "hint": "",
//	                  "lesson": 0, "revealed": false, "large": false,
//	                  "visible_panels": ["floor", ...], "locked": [],
//	                  "frames": 310, "fps": 60, "tps": 60, "updates": 312,
//	                  "update_ms_total": 40.2, "draw_ms_total": 930.5}
//	                 day and days are calendar workdays; running is whether it
//	                 is playing; finishing whether it is running to the end
//	                 (runToEnd, the To end button, a lesson step); query
//	                 reproduces the run (as in the address
//	                 bar); notice is the message the app shows, if any;
//	                 hint what it says after a change restarted the run;
//	                 widgets where each control is ({"play": {"X": 8,
//	                 "Y": 8, "W": 50, "H": 26}, ...}, CSS pixels);
//	                 dragging the parameter whose slider is being
//	                 dragged ("" for none) and drag_value the value its
//	                 knob shows;
//	                 lesson is the lesson's step showing (1-based; 0: none),
//	                 revealed whether hidden ability is shown, large whether
//	                 large text is on, visible_panels the panels drawn
//	                 unfolded (floor, effects, revenue, retention, ability,
//	                 selfassessment, money, controls; a folded strip is not
//	                 one) and panel_rects where each is (CSS pixels),
//	                 prediction the step's prediction ({"id", "ask",
//	                 "choices", "guess" (-1 none yet, -2 answer shown
//	                 without one), "answered", "answer", "value", "says"}),
//	                 locked the controls the step
//	                 locks, shown the data of the self-assessment panel
//	                 ("self_assessment": [{"group": "asked", "n", "ability",
//	                 "thinks", "gap"}, ...], once ability is revealed) and of
//	                 the money panel ("money": what `mentorsim policies`
//	                 prints for the run, and the command), where they show;
//	                 frames
//	                 and updates count the app's Draw and Update calls, and
//	                 the *_ms_total the milliseconds spent in them; fps and
//	                 tps are Ebitengine's measures.
//	runToEnd()       runs the study to its end, as the To end button does, a
//	                 slice of a frame's time at a time so that the page stays
//	                 responsive, and returns a Promise resolved when the run
//	                 is over (done, or stopped by a change of the run).
//	summary()        summary.json as a string: byte for byte what
//	                 `mentorsim run -json` prints for the same scenario and
//	                 seed once the study is done (before, the estimates so far).
//	repsCSV()        reps.csv as a string.
//	setPlaying(b)    plays (true) or pauses (false).
//
// A function that fails throws an Error. Every call runs between frames
// (ui.Game.Do). window.mentorsimReady becomes true once window.mentorsim is
// there and the game exists; window.mentorsimFirstFrame is set on the first
// frame (game.go).
func publishAPI(g *game) {
	api := js.Global().Get("Object").New()
	api.Set("state", method(g, state))
	api.Set("runToEnd", method(g, func(g *game, s *session.Session, _ []js.Value) (any, error) {
		s.StartRunToEnd()
		return promise(func() {
			for g.FinishSlice() {
				time.Sleep(time.Millisecond) // the event loop's turn
			}
		}), nil
	}))
	api.Set("summary", method(g, func(g *game, s *session.Session, _ []js.Value) (any, error) {
		return exported(s, export.SummaryJSON)
	}))
	api.Set("repsCSV", method(g, func(g *game, s *session.Session, _ []js.Value) (any, error) {
		return exported(s, export.RepsCSV)
	}))
	api.Set("setPlaying", method(g, func(g *game, s *session.Session, args []js.Value) (any, error) {
		s.Playing = len(args) > 0 && args[0].Truthy() && !s.Study.Done()
		return nil, nil
	}))
	js.Global().Set("mentorsim", api)
	js.Global().Set("mentorsimReady", true)
	js.Global().Get("performance").Call("mark", "mentorsim:ready") // the page's timings (TestStaticSite)
}

// pageState is what state() returns.
type pageState struct {
	Day     int  `json:"day"`
	Days    int  `json:"days"`
	Running bool `json:"running"`
	Done    bool `json:"done"`
	// Finishing is whether a run to the end is under way.
	Finishing bool         `json:"finishing"`
	Preset    string       `json:"preset"`
	Seed      uint64       `json:"seed"`
	Params    param.Params `json:"params"` // every parameter, in table order
	Query     string       `json:"query"`
	Notice    string       `json:"notice"`
	Hint      string       `json:"hint"` // what the app says after a change restarted the run
	// Where each control is, in CSS pixels from the window's corner, and
	// the parameter being dragged with the value its knob shows.
	Widgets   map[string]layout.Rect `json:"widgets"`
	Dragging  string                 `json:"dragging"`
	DragValue float64                `json:"drag_value"`
	// The lesson's step (0: none) and what it sets.
	Lesson        int      `json:"lesson"`
	Revealed      bool     `json:"revealed"`
	Large         bool     `json:"large"`
	VisiblePanels []string `json:"visible_panels"` // the panels drawn unfolded, in the lesson's order
	// PanelRects are where they are, in CSS pixels.
	PanelRects map[string]layout.Rect `json:"panel_rects"`
	Locked     []string               `json:"locked"`
	// Prediction is the step's prediction, if it asks for one.
	Prediction *session.Prediction `json:"prediction,omitempty"`
	// The self-assessment and money panels' data, where they show.
	Shown   session.Shown `json:"shown"`
	Frames  int64         `json:"frames"`
	FPS     float64       `json:"fps"`
	TPS     float64       `json:"tps"`
	Updates int64         `json:"updates"`
	// Milliseconds spent in the app's Update and Draw since the start;
	// Draw only records the drawing, which the browser renders after it.
	UpdateMS float64 `json:"update_ms_total"`
	DrawMS   float64 `json:"draw_ms_total"`
}

func state(g *game, s *session.Session, _ []js.Value) (any, error) {
	shown, err := s.Shown()
	if err != nil {
		return nil, err
	}
	dragging, dragValue := g.Dragging()
	rects := g.PanelRects()
	visible := []string{}
	for _, n := range lesson.Panels {
		if _, ok := rects[n]; ok {
			visible = append(visible, n)
		}
	}
	var pred *session.Prediction
	if p, ok := s.Prediction(); ok {
		pred = &p
	}
	b, err := json.Marshal(pageState{
		Day: s.Study.Day(), Days: s.Study.Days(), Running: s.Playing, Done: s.Study.Done(), Finishing: s.Finishing(),
		Preset: s.Scenario.Preset, Seed: s.Scenario.Seed, Params: s.Scenario.Params,
		Query: s.Query(), Notice: s.Notice, Hint: g.Hint(), Widgets: g.WidgetRects(),
		Dragging: dragging, DragValue: dragValue,
		Lesson: s.Step, Revealed: s.Revealed, Large: s.Large, VisiblePanels: visible, PanelRects: rects, Locked: s.LockedControls(), Prediction: pred,
		Shown:  shown,
		Frames: g.frames.Load(), FPS: ebiten.ActualFPS(), TPS: ebiten.ActualTPS(), Updates: g.updates.Load(),
		UpdateMS: float64(g.updateNS.Load()) / 1e6, DrawMS: float64(g.drawNS.Load()) / 1e6,
	})
	return string(b), err
}

// exported is one of the export package's files for the session's study,
// as a string.
func exported(s *session.Session, write func(io.Writer, *study.Study) error) (any, error) {
	var b bytes.Buffer
	err := write(&b, s.Study)
	return b.String(), err
}

// promise is a JavaScript Promise resolved (with undefined) once work,
// run on a goroutine of its own, returns.
func promise(work func()) js.Value {
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve := args[0]
		executor.Release()
		go func() {
			work()
			resolve.Invoke()
		}()
		return nil
	})
	return js.Global().Get("Promise").New(executor)
}

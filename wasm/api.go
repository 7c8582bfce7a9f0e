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
	"mentorsim/sim/study"
	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

// The page API, for tests and scripts. window.mentorsim has:
//
//	state()          a JSON string (parse it with JSON.parse): the run, the
//	                 lesson and the frame, as session.PageState (its fields'
//	                 JSON tags and comments are the contract; the e2e tests
//	                 decode it into that type).
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
	b, err := json.Marshal(session.PageState{
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

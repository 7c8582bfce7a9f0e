package session

import (
	"mentorsim/sim/param"
	"mentorsim/ui/layout"
)

// PageState is what the browser page's window.mentorsim.state() returns,
// as JSON: the contract between the app and the page's scripts and tests
// (e2e decodes it into this type). wasm/api.go fills it.
type PageState struct {
	// Day and Days are calendar workdays: the day reached and the study's
	// last. Running is whether it is playing, Done whether it has ended,
	// Finishing whether a run to the end (the To end button, runToEnd(),
	// a lesson step) is under way.
	Day       int  `json:"day"`
	Days      int  `json:"days"`
	Running   bool `json:"running"`
	Done      bool `json:"done"`
	Finishing bool `json:"finishing"`

	// The run: its preset, seed and every parameter (an object keyed by
	// name, in the parameter table's order), and Query, the link's query
	// string that reproduces it (as in the address bar).
	Preset string       `json:"preset"`
	Seed   uint64       `json:"seed"`
	Params param.Params `json:"params"`
	Query  string       `json:"query"`

	// Notice is the message the app shows (a bad link value, say), Hint
	// what it says after a change restarted the run; "" for none.
	Notice string `json:"notice"`
	Hint   string `json:"hint"`

	// Widgets are where each control is, in CSS pixels from the window's
	// corner ({"play": {"X": 8, "Y": 8, "W": 50, "H": 26}, ...}); Dragging
	// is the parameter whose slider is being dragged ("" for none) and
	// DragValue the value its knob shows.
	Widgets   map[string]layout.Rect `json:"widgets"`
	Dragging  string                 `json:"dragging"`
	DragValue float64                `json:"drag_value"`

	// Lesson is the lesson's step showing (1-based; 0: none); Revealed
	// whether hidden ability is shown; Large whether large text is on;
	// Locked the controls the step locks.
	Lesson   int      `json:"lesson"`
	Revealed bool     `json:"revealed"`
	Large    bool     `json:"large"`
	Locked   []string `json:"locked"`
	// VisiblePanels are the panels drawn unfolded, in the table's order
	// (layout.PanelNames(); a folded strip is not one), and PanelRects
	// where each is, in CSS pixels.
	VisiblePanels []string               `json:"visible_panels"`
	PanelRects    map[string]layout.Rect `json:"panel_rects"`
	// Prediction is the step's prediction, if it asks for one.
	Prediction *Prediction `json:"prediction,omitempty"`
	// Shown is the self-assessment and money panels' data, where they
	// show.
	Shown Shown `json:"shown"`

	// Frames and Updates count the app's Draw and Update calls, and the
	// *MS the milliseconds spent in them (Draw's only the drawing, which
	// the browser renders after it); FPS and TPS are Ebitengine's
	// measures.
	Frames   int64   `json:"frames"`
	Updates  int64   `json:"updates"`
	FPS      float64 `json:"fps"`
	TPS      float64 `json:"tps"`
	UpdateMS float64 `json:"update_ms_total"`
	DrawMS   float64 `json:"draw_ms_total"`
}

package lesson

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"mentorsim/sim/jsonobj"
	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
)

//go:embed lesson.json
var defaultJSON []byte

// Lesson is a sequence of steps.
type Lesson struct {
	Title string `json:"title"`
	Steps []Step `json:"steps"`
}

// Step is one screen of the lesson. Empty fields keep what the app shows
// (Preset "", no Seed, Hires 0, no Focus: the whole dashboard).
type Step struct {
	Title    string             `json:"title"`
	Text     string             `json:"text"`
	Question string             `json:"question"`
	Preset   string             `json:"preset,omitempty"`     // a preset name; "" keeps the current run's
	Seed     *uint64            `json:"seed,omitempty"`       // nil keeps the class's seed (the link's)
	Hires    int                `json:"hires,omitempty"`      // 0: the preset's number
	Params   map[string]float64 `json:"params,omitempty"`     // overrides, applied after the preset
	Reveal   bool               `json:"reveal,omitempty"`     // show hidden ability
	Focus    []string           `json:"focus,omitempty"`      // the panels the step asks about (Panels), shown large and alone; empty: the whole dashboard
	Rows     []study.ID         `json:"rows,omitempty"`       // the effects panel's rows (EffectIDs), in order; empty: every row
	Predict  *Predict           `json:"predict,omitempty"`    // a prediction asked before the step shows its answer
	Keep     bool               `json:"keep,omitempty"`       // carry on with the run the step before left, no restart
	Arms     []string           `json:"arms,omitempty"`       // the groups the revenue and retention charts draw (study arm names); empty: all
	Locked   []string           `json:"locked,omitempty"`     // controls that do nothing (Controls)
	RunToEnd bool               `json:"run_to_end,omitempty"` // finish the study at once
}

// Panels are the names of the panels a step may focus on. The last two
// show only in steps that focus on them, in another panel's place:
// "selfassessment" (what reps think of their ability against what it is)
// in the ability chart's, "money" (the policies in money, with the policy
// chooser) in the effects'. "controls" are the presets and sliders (only
// the presets where the step locks the sliders).
var Panels = layout.PanelNames()

// Truth is the pseudo-panel of the effects panel's true-effect rows: a
// step shows it where its rows include a true effect (or it has no rows).
const Truth = "truth"

// EffectIDs are the rows a step's effects panel may show: the study's
// estimands and the true effects only a simulation knows.
func EffectIDs() []study.ID { return append(slices.Clone(study.EstimandIDs), study.TruthIDs...) }

// listedOnly are the panels a step shows only if it lists them.
var listedOnly = slices.Collect(maps.Keys(layout.InPlaceOf()))

// Groups of controls a step may lock besides single ones.
const (
	PresetsGroup = "presets" // every preset chip and the keys 1–5
	SlidersGroup = "sliders" // every parameter slider
	PolicyGroup  = "policy"  // the policy chooser's chips (and policy= in a link)
)

// PolicyChipPrefix starts the ID of a policy chooser's chip.
const PolicyChipPrefix = "policy:"

// Controls lists every control name a step may lock: the actions' lock
// names (the bar's buttons, the seed, the speed and the presets), the
// sliders' group, and each slider by its parameter.
func Controls() []string {
	c := append(layout.LockNames(), SlidersGroup, PolicyGroup)
	return append(c, layout.SliderParams()...)
}

// Default is the compiled-in lesson (lesson.json).
func Default() *Lesson {
	l, err := Parse(defaultJSON)
	if err != nil {
		panic("lesson: the compiled-in lesson.json is invalid: " + err.Error()) // caught by the tests
	}
	return l
}

// DefaultJSON is the compiled-in lesson file's text.
func DefaultJSON() []byte { return slices.Clone(defaultJSON) }

// MaxSteps bounds a lesson's length.
const MaxSteps = 50

// Parse reads and validates a lesson file. Unknown fields, presets,
// parameters, panels and controls are errors that name the step (1-based)
// and the field.
func Parse(data []byte) (*Lesson, error) {
	var raw struct {
		Title string            `json:"title"`
		Steps []json.RawMessage `json:"steps"`
	}
	if err := jsonobj.Decode(data, &raw); err != nil {
		return nil, fmt.Errorf("lesson: %v", err)
	}
	l := Lesson{Title: raw.Title, Steps: make([]Step, len(raw.Steps))}
	for i, st := range raw.Steps { // one at a time, so that an error names its step
		if err := jsonobj.Decode(st, &l.Steps[i]); err != nil {
			return nil, fmt.Errorf("lesson: step %d: %v", i+1, err)
		}
	}
	if err := l.Validate(); err != nil {
		return nil, err
	}
	return &l, nil
}

// Validate checks every step.
func (l *Lesson) Validate() error {
	if len(l.Steps) == 0 {
		return errors.New("lesson: steps: want at least one step")
	}
	if len(l.Steps) > MaxSteps {
		return fmt.Errorf("lesson: steps: %d steps; want at most %d", len(l.Steps), MaxSteps)
	}
	ids := map[string]int{}
	for i, st := range l.Steps {
		if err := st.validate(); err != nil {
			return fmt.Errorf("lesson: step %d: %w", i+1, err)
		}
		if st.Predict == nil {
			continue
		}
		if k, dup := ids[st.Predict.ID]; dup {
			return fmt.Errorf("lesson: step %d: predict: id: %q is step %d's too; want one id per prediction", i+1, st.Predict.ID, k)
		}
		ids[st.Predict.ID] = i + 1
	}
	return nil
}

func (st Step) validate() error {
	if strings.TrimSpace(st.Title) == "" {
		return errors.New("title: empty; want a short title")
	}
	for _, a := range st.Arms {
		if !slices.Contains(armNames(), a) {
			return fmt.Errorf("arms: %q is not a group; want some of %s", a, strings.Join(armNames(), ", "))
		}
	}
	if st.Preset != "" && !slices.Contains(param.PresetNames(), st.Preset) {
		return fmt.Errorf("preset: %q is not a preset; want one of %s", st.Preset, strings.Join(param.PresetNames(), ", "))
	}
	if st.Hires != 0 && (st.Hires < 20 || st.Hires > layout.MaxAppHires) {
		return fmt.Errorf("hires: %d; want 0 (the preset's) or 20 to %d", st.Hires, layout.MaxAppHires)
	}
	p := param.Defaults()
	for _, name := range slices.Sorted(maps.Keys(st.Params)) {
		if name == "hires" {
			return errors.New(`params: "hires" goes in the step's own "hires" field`)
		}
		if err := p.Set(name, st.Params[name]); err != nil {
			return fmt.Errorf("params: %w", err)
		}
	}
	cur, _ := param.NewScenario(param.DefaultPreset)
	if _, err := st.Scenario(cur); err != nil {
		return fmt.Errorf("params: %w", err)
	}
	for _, name := range st.Focus {
		if !slices.Contains(Panels, name) {
			return fmt.Errorf("focus: %q is not a panel; want some of %s", name, strings.Join(Panels, ", "))
		}
	}
	for _, id := range st.Rows {
		if !slices.Contains(EffectIDs(), id) {
			return fmt.Errorf("rows: %q is not an effect; want some of %s", id, joinIDs(EffectIDs()))
		}
	}
	if st.Predict != nil {
		if err := st.Predict.validate(); err != nil {
			return fmt.Errorf("predict: %w", err)
		}
	}
	controls := Controls()
	for _, name := range st.Locked {
		if !slices.Contains(controls, name) {
			return fmt.Errorf("locked: %q is not a control; want some of %s", name, strings.Join(controls, ", "))
		}
	}
	return nil
}

// Scenario is the run the step sets up from the current one: the preset's
// parameters (with the preset's hires unless the step sets them), the
// step's overrides and its seed. A step without a preset keeps the current
// scenario's parameters and applies its overrides to them.
func (st Step) Scenario(cur param.Scenario) (param.Scenario, error) {
	sc := cur
	if st.Preset != "" {
		p, err := param.Preset(st.Preset)
		if err != nil {
			return cur, err
		}
		sc.Preset, sc.Params = st.Preset, p
	}
	if st.Hires != 0 {
		sc.Params.Hires = float64(st.Hires)
	}
	for _, name := range slices.Sorted(maps.Keys(st.Params)) {
		if err := sc.Params.Set(name, st.Params[name]); err != nil {
			return cur, err
		}
	}
	if st.Seed != nil {
		sc.Seed = *st.Seed
	}
	return sc, sc.Params.Validate()
}

// Visible reports whether the step shows the panel (or Truth, the true
// effects' rows). A step without a focus (and the app outside a lesson:
// the zero Step) shows all but the listed-only ones.
func (st Step) Visible(panel string) bool {
	if panel == Truth {
		return st.Visible(layout.PanelEffects) && (len(st.Rows) == 0 || slices.ContainsFunc(st.Rows, isTruth))
	}
	if len(st.Focus) == 0 {
		return !slices.Contains(listedOnly, panel)
	}
	return slices.Contains(st.Focus, panel)
}

func isTruth(id study.ID) bool { return slices.Contains(study.TruthIDs, id) }

// VisiblePanels lists the panels the step shows, in Panels' order.
func (st Step) VisiblePanels() []string {
	var v []string
	for _, p := range Panels {
		if st.Visible(p) {
			v = append(v, p)
		}
	}
	return v
}

// ShowsRow reports whether the step's effects panel shows the row id
// (truth: the row is a true effect).
func (st Step) ShowsRow(id study.ID) bool {
	return len(st.Rows) == 0 || slices.Contains(st.Rows, id)
}

// IsLocked reports whether a widget (an action, "seed", "speed", a preset
// name or a slider's parameter) is locked in this step.
func (st Step) IsLocked(widget string) bool {
	if slices.Contains(st.Locked, widget) {
		return true
	}
	if slices.Contains(param.PresetNames(), widget) {
		return slices.Contains(st.Locked, PresetsGroup)
	}
	if slices.Contains(layout.SliderParams(), widget) {
		return slices.Contains(st.Locked, SlidersGroup)
	}
	if strings.HasPrefix(widget, PolicyChipPrefix) {
		return slices.Contains(st.Locked, PolicyGroup)
	}
	return false
}

// ChartArms are the arms the step's revenue and retention charts draw: those
// it lists, else all.
func (st *Step) ChartArms() []study.Arm {
	var arms []study.Arm
	for a := range study.NumArms {
		if len(st.Arms) == 0 || slices.Contains(st.Arms, a.String()) {
			arms = append(arms, a)
		}
	}
	return arms
}

func armNames() []string {
	var names []string
	for a := range study.NumArms {
		names = append(names, a.String())
	}
	return names
}

func joinIDs(ids []study.ID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ", ")
}

package layout

import (
	"fmt"
	"slices"
	"strings"

	"mentorsim/sim/param"
)

// Action is one thing the app does on a click or a key. Input handling,
// the bar's buttons, the help overlay and the names a lesson locks
// controls by all come from allActions.
type Action struct {
	ID    string   // what it does
	Label string   // the bar button's caption; "" for an action without one
	Keys  []string // keys that run it, as KeyboardEvent.key names them (" " is space)
	// Alt are keys that run it only where the lesson's step locks the days
	// (Day +1): there a clicker's arrows move through the lesson; in the
	// sandbox → is Day +1 and ← does nothing.
	Alt    []string
	Help   string // the help overlay's line
	Lock   string // the name a lesson locks it by; "" if it is never locked
	Repeat bool   // a held key repeats it (an auto-repeated key press runs it again)
}

// The lesson's names for groups of controls (ui/lesson has the same).
const (
	presetsLock = "presets"
	stepLock    = "step" // Day +1's: a step that sets its run locks it
	seedLock    = "seed"
	speedLock   = "speed"
)

// allActions is every action, bar buttons first in the bar's order.
var allActions = actions()

func actions() []Action {
	a := []Action{
		{ID: "play", Label: "Play", Keys: []string{" "}, Help: "play / pause", Lock: "play"},
		{ID: "step", Label: "Day +1", Keys: []string{"ArrowRight", "."}, Help: "one day forward", Lock: stepLock, Repeat: true},
		{ID: "end", Label: "To end", Keys: []string{"e"}, Help: "run to the end of the study", Lock: "end"},
		{ID: "restart", Label: "Restart", Keys: []string{"r"}, Help: "restart from day 0, same seed", Lock: "restart"},
		{ID: "newseed", Label: "New seed", Keys: []string{"n"}, Help: "restart with a new random seed", Lock: "newseed"},
		{ID: "reveal", Label: "Reveal ability", Keys: []string{"a"}, Help: "show every rep's hidden ability: on / off", Lock: "reveal"},
		{ID: "link", Label: "Copy link", Keys: []string{"c"}, Help: "copy a link that reproduces this run", Lock: "link"},
		{ID: "export", Label: "Export", Keys: []string{"x"}, Help: "save summary.json and reps.csv", Lock: "export"},
		{ID: "lesson", Label: "Lesson", Keys: []string{"l", "L"}, Help: "the lesson: on / off"},
		{ID: "help", Keys: []string{"?"}, Help: "this list of shortcuts: on / off", Lock: "help"},
		{ID: "about", Label: "About", Keys: []string{"i"}, Help: "about mentorsim: the study, and how the model works"},
		{ID: "faster", Keys: []string{"+", "="}, Help: "faster", Lock: speedLock, Repeat: true},
		{ID: "slower", Keys: []string{"-"}, Help: "slower", Lock: speedLock, Repeat: true},
		{ID: "seed", Keys: []string{"s"}, Help: "type a seed (Enter applies it, Esc cancels)", Lock: seedLock},
	}
	for i, name := range param.PresetNames() {
		a = append(a, Action{ID: name, Keys: []string{fmt.Sprint(i + 1)}, Help: "explanation (preset): " + name, Lock: presetsLock})
	}
	return append(a,
		Action{ID: "lesson_next", Keys: []string{"PageDown", "]"}, Alt: []string{"ArrowRight"}, Help: "lesson: next step"},
		Action{ID: "lesson_back", Keys: []string{"PageUp", "["}, Alt: []string{"ArrowLeft"}, Help: "lesson: step back"},
		Action{ID: "large", Keys: []string{"t", "T"}, Help: "large text (for projectors): on / off"},
		// A clicker's blank-screen button (b, as in slide shows).
		Action{ID: "blank", Keys: []string{"b", "B"}, Help: "blank the screen (any key or tap ends it)"},
		Action{ID: "panel", Keys: []string{"v"}, Help: "open the next folded panel"},
		Action{ID: "more", Keys: []string{"m"}, Help: "the controls, or their next page"},
		Action{ID: "close", Keys: []string{"Escape"}, Help: "close this help"},
	)
}

// BarActions are the actions with a button in the bar, in order.
func BarActions() []Action {
	var bar []Action
	for _, a := range allActions {
		if a.Label != "" {
			bar = append(bar, a)
		}
	}
	return bar
}

// focusBar are the bar's only buttons while a lesson's step focuses on a
// few panels: its runs are set up, so the bar leaves the room to them.
var focusBar = []string{"lesson", "about"}

// barActions are the bar's buttons, those of focusBar alone if focus.
func barActions(focus bool) []Action {
	return slices.DeleteFunc(BarActions(), func(a Action) bool { return focus && !slices.Contains(focusBar, a.ID) })
}

// ActionFor is the action a key runs: the one whose Keys hold it, else,
// where the lesson's step locks the days, the one whose Alt do.
func ActionFor(key string, daysLocked bool) (Action, bool) {
	for _, a := range allActions {
		if slices.Contains(a.Keys, key) && !(daysLocked && a.Lock == stepLock) {
			return a, true
		}
	}
	for _, a := range allActions {
		if daysLocked && slices.Contains(a.Alt, key) {
			return a, true
		}
	}
	return Action{}, false
}

// ActionByID is the action with the ID.
func ActionByID(id string) (Action, bool) {
	for _, a := range allActions {
		if a.ID == id {
			return a, true
		}
	}
	return Action{}, false
}

// LockNames are the names a lesson may lock actions by, in table order,
// each once.
func LockNames() []string {
	var names []string
	for _, a := range allActions {
		if a.Lock != "" && !slices.Contains(names, a.Lock) {
			names = append(names, a.Lock)
		}
	}
	return names
}

// keyNames are how the help shows keys that are not characters.
var keyNames = map[string]string{" ": "Space", "ArrowRight": "→", "ArrowLeft": "←", "Escape": "Esc", "-": "−"}

// KeyLabel is how the help shows an action's keys ("PageDown / ]"); a
// letter's capital, which runs the same action, is left out.
func (a Action) KeyLabel() string {
	var shown []string
	for _, k := range append(slices.Clone(a.Keys), a.Alt...) {
		if len(k) == 1 && k != strings.ToLower(k) && slices.Contains(a.Keys, strings.ToLower(k)) {
			continue
		}
		if n, ok := keyNames[k]; ok {
			k = n
		}
		shown = append(shown, k)
	}
	return strings.Join(shown, " / ")
}

// HelpRows are the help overlay's rows, a key and what it does, in table
// order: the presets' keys share one row.
func HelpRows() [][2]string {
	var rows [][2]string
	presets := param.PresetNames()
	for _, a := range allActions {
		switch i := slices.Index(presets, a.ID); {
		case len(a.Keys) == 0:
		case i == 0:
			rows = append(rows, [2]string{fmt.Sprintf("1–%d", len(presets)), "explanation (preset): " + strings.Join(presets, ", ")})
		case i < 0:
			rows = append(rows, [2]string{a.KeyLabel(), a.Help})
		}
	}
	return rows
}

// FocusBar are the bar's only buttons while a lesson's step focuses on a
// few panels (a copy).
func FocusBar() []string { return slices.Clone(focusBar) }

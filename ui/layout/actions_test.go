package layout

import (
	"fmt"
	"slices"
	"testing"

	"mentorsim/sim/param"
)

func TestActionsTable(t *testing.T) {
	seen := map[string]string{}
	for _, a := range allActions {
		if a.Help == "" {
			t.Errorf("action %s has no help line", a.ID)
		}
		for _, k := range a.Keys {
			if other, ok := seen[k]; ok {
				t.Errorf("key %q runs both %s and %s", k, other, a.ID)
			}
			seen[k] = a.ID
		}
		if got, ok := ActionByID(a.ID); !ok || got.ID != a.ID {
			t.Errorf("ActionByID(%s) = %v, %v", a.ID, got.ID, ok)
		}
	}
	// Where a step locks the days, the arrows move through the lesson; in
	// the sandbox → is a day forward and ← nothing.
	for _, tc := range []struct {
		key        string
		daysLocked bool
		id         string
	}{{" ", false, "play"}, {"ArrowRight", false, "step"}, {"ArrowRight", true, "lesson_next"}, {"ArrowLeft", false, ""},
		{"ArrowLeft", true, "lesson_back"}, {".", true, ""}, {"PageDown", false, "lesson_next"}, {"PageUp", true, "lesson_back"},
		{"1", false, "advice"}, {"?", false, "help"}, {"Shift", true, ""}} {
		if a, ok := ActionFor(tc.key, tc.daysLocked); ok != (tc.id != "") || a.ID != tc.id {
			t.Errorf("ActionFor(%q, days locked %v) = %q, %v; want %q", tc.key, tc.daysLocked, a.ID, ok, tc.id)
		}
	}
	for _, name := range []string{"play", "help", "seed", "speed", "presets"} {
		if !slices.Contains(LockNames(), name) {
			t.Errorf("LockNames lacks %s: %v", name, LockNames())
		}
	}
}

func TestKeyLabel(t *testing.T) {
	for id, want := range map[string]string{"play": "Space", "step": "→ / .", "lesson_next": "PageDown / ] / →", "lesson": "l", "slower": "−", "help": "?"} {
		if a, _ := ActionByID(id); a.KeyLabel() != want {
			t.Errorf("%s's keys show as %q; want %q", id, a.KeyLabel(), want)
		}
	}
}

// TestAboutCoversNothing: the bar's About button, at its far end, stays in
// the bar and so covers none of the controls below it, the lesson's
// buttons included, at projector sizes in both text modes. (Whether the
// bar's own texts fit beside one another is the scene's test.)
func TestAboutCoversNothing(t *testing.T) {
	for _, size := range [][2]float64{{1024, 768}, {1280, 720}, {1366, 768}, {1440, 900}, {1920, 1080}} {
		for _, scale := range []float64{1, 1.4} {
			f, ws := arrange(size[0], size[1], scale, 10*Unit*scale, func(s string) float64 { return 0.55 * Unit * scale * float64(len([]rune(s))) })
			about, ok := widget(ws, "about")
			if !ok {
				t.Fatalf("no About button")
			}
			for _, w := range ws {
				inBar := w.Rect.Y+w.Rect.H <= f.Bar.Y+f.Bar.H
				if !inBar && overlap(w.Rect, about.Rect) {
					t.Errorf("%vx%v at scale %v: About covers %s", size[0], size[1], scale, w.ID)
				}
			}
			if about.Rect.X < 0 || about.Rect.X+about.Rect.W > size[0] || about.Rect.Y+about.Rect.H > f.Bar.Y+f.Bar.H {
				t.Errorf("%vx%v at scale %v: About at %v leaves the bar %v", size[0], size[1], scale, about.Rect, f.Bar)
			}
		}
	}
}

func widget(ws []Widget, id string) (Widget, bool) {
	for _, w := range ws {
		if w.ID == id {
			return w, true
		}
	}
	return Widget{}, false
}

// The help lists every key once, the presets' on one row.
func TestHelpRows(t *testing.T) {
	rows := HelpRows()
	var shown []string
	for _, r := range rows {
		shown = append(shown, r[0])
	}
	for _, a := range allActions {
		if !slices.Contains(shown, a.KeyLabel()) && !slices.Contains(param.PresetNames(), a.ID) {
			t.Errorf("the help does not show %s (%s)", a.ID, a.KeyLabel())
		}
	}
	if n := len(param.PresetNames()); !slices.Contains(shown, fmt.Sprintf("1–%d", n)) || len(rows) != len(allActions)-n+1 {
		t.Errorf("help rows %v; want the %d presets on one row", shown, n)
	}
}

// A fingertip's tap just off a thin control (a slider's track) counts for
// it, and where two grown controls overlap, for the nearer.
func TestHitNear(t *testing.T) {
	// Grown to 24 tall: a spans [2.5, 26.5), c [20.5, 44.5); b, 30 tall, stays.
	ws := []Widget{{ID: "a", Kind: Slider, Rect: Rect{0, 10, 100, 9}}, {ID: "c", Kind: Slider, Rect: Rect{0, 28, 100, 9}},
		{ID: "b", Kind: PolicyChip, Rect: Rect{0, 50, 100, 30}}}
	for _, tc := range []struct {
		y    float64
		want string
	}{{14, "a"}, {5, "a"}, {20, "a"}, {25, "c"}, {40, "c"}, {46, ""}, {60, "b"}, {1, ""}, {85, ""}} {
		w, ok := HitNear(ws, 50, tc.y, 24)
		if ok != (tc.want != "") || w.ID != tc.want {
			t.Errorf("HitNear at y %v: %q, %v; want %q", tc.y, w.ID, ok, tc.want)
		}
	}
	if _, ok := Hit(ws, 50, 22); ok {
		t.Error("Hit counts a point off every control")
	}
}

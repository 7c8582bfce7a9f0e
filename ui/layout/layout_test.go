package layout

import (
	"math"
	"slices"
	"testing"

	"mentorsim/sim/param"
)

func overlap(a, b Rect) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

// arrange is Pen.Arrange without fonts: the frame for a w×h window with a
// lesson card lessonH high (0: none), and its widgets, labels measured by tw.
func arrange(w, h, scale, lessonH float64, tw func(string) float64) (Frame, []Widget) {
	f := ComputeWith(w, h, scale, Options{LessonH: lessonH, BarRows: BarRows(w, scale, tw, false)})
	return f, Widgets(f, tw)
}

// sevenPixels measures a label as 7 pixels a character.
func sevenPixels(s string) float64 { return 7 * float64(len(s)) }

func TestPanelsFitAndDoNotOverlap(t *testing.T) {
	for _, size := range [][3]float64{{1280, 800, 1}, {2560, 1600, 2}, {1024, 640, 1}, {3840, 2160, 1.5}} {
		f, ws := arrange(size[0], size[1], size[2], 0, sevenPixels)
		panels := []Rect{f.Bar, f.Floor, f.Effects, f.Revenue, f.Retention, f.Ability, f.Controls}
		for i, p := range panels {
			if p.W <= 0 || p.H <= 0 || p.X < 0 || p.Y < 0 || p.X+p.W > size[0]+1e-9 || p.Y+p.H > size[1]+1e-9 {
				t.Errorf("%v: panel %d %+v is empty or outside the window", size, i, p)
			}
			for j := i + 1; j < len(panels); j++ {
				if overlap(p, panels[j]) {
					t.Errorf("%v: panels %d and %d overlap", size, i, j)
				}
			}
		}
		for _, w := range ws {
			if in := f.Bar.Holds(w.Rect) || f.Controls.Holds(w.Rect); !in {
				t.Errorf("%v: widget %s %v is in neither the bar nor the controls", size, w.ID, w.Rect)
			}
		}
	}
}

func TestWidgetsAreDistinctAndHittable(t *testing.T) {
	f, ws := arrange(1280, 800, 1, 0, sevenPixels)
	for i, w := range ws {
		cx, cy := w.Rect.X+w.Rect.W/2, w.Rect.Y+w.Rect.H/2
		if got, ok := Hit(ws, cx, cy); !ok || got.ID != w.ID {
			t.Errorf("the centre of %s hits %q", w.ID, got.ID)
		}
		for _, o := range ws[i+1:] {
			if overlap(w.Rect, o.Rect) {
				t.Errorf("widgets %s and %s overlap", w.ID, o.ID)
			}
		}
	}
	if _, ok := Hit(ws, f.Floor.X+f.Floor.W/2, f.Floor.Y+f.Floor.H/2); ok {
		t.Error("the middle of the floor hits a widget")
	}
	want := len(BarActions()) + 2 + len(param.PresetNames()) + len(sliderParams)
	if len(ws) != want {
		t.Errorf("%d widgets, want %d", len(ws), want)
	}
}

func TestSliderScaleRoundTrips(t *testing.T) {
	for _, name := range sliderParams {
		spec, ok := param.Lookup(name)
		if !ok {
			t.Fatalf("slider for unknown parameter %s", name)
		}
		sc := SliderScale(spec)
		if sc.Value(0) != sc.Min || sc.Value(1) != sc.Max {
			t.Errorf("%s: ends map to %v and %v, want %v and %v", name, sc.Value(0), sc.Value(1), sc.Min, sc.Max)
		}
		for _, f := range []float64{0.1, 0.37, 0.5, 0.9} {
			v := sc.Value(f)
			if err := spec.Check(v); err != nil {
				t.Errorf("%s at %v: %v", name, f, err)
			}
			if back := sc.Fraction(v); math.Abs(back-f) > 0.01 {
				t.Errorf("%s: fraction %v → value %v → fraction %v", name, f, v, back)
			}
		}
		if v := sc.Value(-3); v != sc.Min {
			t.Errorf("%s: a drag past the start gives %v", name, v)
		}
	}
	hires := SliderScale(mustSpec(t, "hires"))
	if !hires.Log || hires.Max != MaxAppHires || hires.Value(0.5) != math.Round(hires.Value(0.5)) {
		t.Errorf("hires slider %+v: want a log scale of whole numbers up to %d", hires, MaxAppHires)
	}
}

func mustSpec(t *testing.T, name string) param.Spec {
	s, ok := param.Lookup(name)
	if !ok {
		t.Fatal(name)
	}
	return s
}

func TestSpeedSlider(t *testing.T) {
	if !math.IsInf(SpeedValue(1), 1) || SpeedValue(0) != 1 || SpeedFraction(math.Inf(1)) != 1 {
		t.Error("speed ends: want 1 day a second at the left, as fast as it goes at the right")
	}
	if v := SpeedValue(SpeedFraction(20)); v != 20 {
		t.Errorf("20 d/s round trips to %v", v)
	}
}

func TestFloorPlacesEveryRepOnce(t *testing.T) {
	groups := [][]int{{0, 1, 2}, {}, {3, 4, 5, 6, 7, 8, 9}, {10}}
	area := Rect{10, 20, 300, 200}
	g := Floor(area, groups, 12)
	seen := map[int]bool{}
	for gi, grp := range g.Groups {
		for k, rep := range grp.Reps {
			d := g.Desk(gi, k)
			if d.X < area.X || d.X+d.W > area.X+area.W+1e-9 || d.Y+d.H > area.Y+area.H+1e-9 {
				t.Errorf("rep %d's desk %+v is outside %+v", rep, d, area)
			}
			got, ok := g.RepAt(d.X+d.W/2, d.Y+d.H/2)
			if !ok || got != rep {
				t.Errorf("the middle of rep %d's desk finds rep %d (%v)", rep, got, ok)
			}
			seen[rep] = true
		}
	}
	if len(seen) != 11 {
		t.Errorf("%d reps placed, want 11", len(seen))
	}
	if _, ok := g.RepAt(area.X+1, area.Y+1); ok {
		t.Error("a label line finds a rep")
	}
	big := make([]int, 20000)
	if g := Floor(Rect{0, 0, 700, 400}, [][]int{big}, 12); g.Tile <= 0 || floorHeight(700, g.Tile, [][]int{big}, 12, false) > 400 {
		t.Errorf("20,000 desks do not fit: tile %v", g.Tile)
	}
}

// Every panel with a place of its own has a rectangle in the Frame, and
// every panel drawn in another's place names one that has.
func TestPanelTableAndFrameAgree(t *testing.T) {
	var f Frame
	for _, p := range panelTable {
		place := p.Name
		if p.InPlaceOf != "" {
			place = p.InPlaceOf
			if slices.Contains(panelOrder, p.Name) {
				t.Errorf("%s is drawn in %s's place but has a place of its own", p.Name, place)
			}
		}
		if f.place(place) == nil {
			t.Errorf("panel %s: the Frame has no place %q", p.Name, place)
		}
		if p.Short == "" {
			t.Errorf("panel %s has no short name", p.Name)
		}
	}
	if f.place("map") != nil {
		t.Error("an unknown panel has a place")
	}
}

// TestFocusedStackFits: any two focused panels, the effects panel's
// needs included (a lesson of the teacher's own may focus on any), stack
// within the window and clear of the lesson's card and of each other, on
// screens from a small phone's to a projector's.
func TestFocusedStackFits(t *testing.T) {
	names := []string{PanelFloor, PanelEffects, PanelRevenue, PanelRetention, PanelAbility, PanelControls}
	for i, a := range names {
		for _, b := range names[i+1:] {
			for _, rows := range []int{0, 3, MoneyRows} {
				for w := 300.0; w <= 1100; w += 80 {
					for h := 420.0; h <= 800; h += 20 {
						lessonH := 8.0 * Unit
						o := Options{LessonH: lessonH, Focus: []string{a, b}, EffectRows: rows, BarRows: BarRows(w, 1, sevenPixels, false)}
						f := ComputeWith(w, h, 1, o)
						shown := []Rect{f.Lesson}
						for _, n := range []string{a, b} {
							r := f.Panel(n)
							if r.Y+r.H > h+1e-6 || r.X+r.W > w+1e-6 {
								t.Errorf("%vx%v, focus %s+%s, %d rows: %s %v leaves the window", w, h, a, b, rows, n, r)
							}
							for _, s := range shown {
								if r.W > 0 && r.H > 0 && overlap(r, s) {
									t.Errorf("%vx%v, focus %s+%s, %d rows: %s %v overlaps %v", w, h, a, b, rows, n, r, s)
								}
							}
							shown = append(shown, r)
						}
					}
				}
			}
		}
	}
}

package layout_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/layout/gofonts"
	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

// The window sizes a class meets, in CSS pixels.
var classSizes = [][2]float64{{1024, 768}, {1280, 720}, {1366, 768}, {1440, 900}, {1920, 1080}}

// largeScale is the app's large-text factor (ui.LargeScale).
const largeScale = 1.4

// screen is one configuration the test lays out.
type screen struct {
	w, h, scale float64
	step        int // 0: no lesson
	name        string
}

// Phones in CSS pixels, held upright (the panels stack in one column,
// layout.NarrowWidth) and sideways (the lesson's card goes beside the
// panels). Large text is for projectors, so phones are laid out in normal
// text only. The smallest phone sideways, 640×360, is left out: its
// dashboard's charts are 160 px wide, too narrow for their legends, and
// its sandbox cuts the card's last line and draws the floor's desks at
// 4.5 px (the closing note of 8 December 2026 says so).
var phoneSizes = [][2]float64{{390, 844}, {360, 740}, {412, 915}, {360, 640}, {390, 664},
	{844, 390}, {740, 360}, {915, 412}, {800, 360}, {667, 375}}

// screens are the class sizes at device scales 1 and 2, in normal and
// large text, without and with each lesson step.
func screens() []screen {
	return append(screensOf(classSizes, false, true), lessonScreens(classSizes)...)
}

// lessonScreens are the class sizes at device scales 1 and 2 with each
// focused lesson step, in the text size the app gives them
// (layout.LessonScale).
func lessonScreens(sizes [][2]float64) []screen {
	var ss []screen
	for _, dev := range []float64{1, 2} {
		for _, size := range sizes {
			for step, st := range lesson.Default().Steps {
				if len(st.Focus) == 0 {
					continue
				}
				scale := dev * layout.LessonScale(size[0], size[1])
				ss = append(ss, screen{size[0] * dev, size[1] * dev, scale, step + 1,
					fmt.Sprintf("%.0fx%.0f@%v lesson text (%.2f) step %d", size[0], size[1], dev, scale/dev, step+1)})
			}
		}
	}
	return ss
}

// screensOf lays out sizes in the text modes listed (false normal, true
// large), at device scales 1 and 2, without and with each lesson step.
func screensOf(sizes [][2]float64, modes ...bool) []screen {
	var ss []screen
	for _, dev := range []float64{1, 2} {
		for _, size := range sizes {
			for _, large := range modes {
				scale := dev
				mode := "normal"
				if large {
					scale, mode = dev*largeScale, "large"
				}
				for step := 0; step <= len(lesson.Default().Steps); step++ {
					ss = append(ss, screen{size[0] * dev, size[1] * dev, scale, step,
						fmt.Sprintf("%.0fx%.0f@%v %s step %d", size[0], size[1], dev, mode, step)})
				}
			}
		}
	}
	return ss
}

// pens are the app's pens by scale, measuring with the Go fonts, each
// made once.
type pens map[float64]layout.Pen

func (ps pens) at(t *testing.T, scale float64) layout.Pen {
	t.Helper()
	if p, ok := ps[scale]; ok {
		return p
	}
	m, err := gofonts.New(scale)
	if err != nil {
		t.Fatal(err)
	}
	p := layout.Pen{Metrics: m, U: layout.Unit * scale}
	ps[scale] = p
	return p
}

// withArms is a chart whose legend names only the arms the step's charts
// draw, as the app's does.
func withArms(c layout.ChartSpec, step *lesson.Step) layout.ChartSpec {
	if step == nil {
		return c
	}
	var legend [][]string
	for _, a := range step.ChartArms() {
		legend = append(legend, c.Legend[a])
	}
	c.Legend = legend
	return c
}

// Where a step draws only a few groups (step 1: the mandatory branch's
// two), its charts keep their legends at every class size, 1024x768 in
// large text included: each open one its own, or the retention chart that
// of the revenue chart right above it, whose plot is aligned with its own.
func TestFewGroupsKeepTheirLegend(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	steps := lesson.Default().Steps
	ps := pens{}
	for _, sc := range screens() {
		if sc.step == 0 || len(steps[sc.step-1].Arms) == 0 {
			continue
		}
		p := ps.at(t, sc.scale)
		step := &steps[sc.step-1]
		o, spec := stepOptions(step)
		f, ws := p.Arrange(sc.w, sc.h, o, spec)
		s := p.Lay(f, ws, worstContent(step, f))
		rev, revOpen := s.Charts["revenue"]
		ret, retOpen := s.Charts["retention"]
		if revOpen && len(rev.Legend.Labels) != len(step.Arms) {
			t.Errorf("%s: the revenue chart has %d of its %d legend entries", sc.name, len(rev.Legend.Labels), len(step.Arms))
		}
		shared := revOpen && rev.Plot.X == ret.Plot.X && rev.Plot.W == ret.Plot.W && ret.Plot.Y > rev.Plot.Y
		if retOpen && len(ret.Legend.Labels) != len(step.Arms) && !shared {
			t.Errorf("%s: the retention chart has %d of its %d legend entries, and none above it", sc.name, len(ret.Legend.Labels), len(step.Arms))
		}
	}
}

// worstAbilityLegend is the ability chart's longest legend: each group's
// longest name under the experiment or any policy, at 20,000 reps.
func worstAbilityLegend() [][]string {
	legend := layout.AbilityLegend(20000, 20000)
	for pol := study.Mandatory; pol < study.NumPolicies; pol++ {
		for k, arms := range [][]study.Arm{{study.OptinMentored, study.MandatoryMentored}, {study.Optout, study.MandatoryControl}} {
			for _, a := range arms {
				if l := session.GroupLabel(pol, a); len(l) > len(legend[k][1]) {
					legend[k] = []string{fmt.Sprintf("%s (20000)", l), l}
				}
			}
		}
	}
	return legend
}

// worstContent is what the panels say at their longest: the widest
// numbers, every effect beyond the axis with its interval, the longest
// day counter and slider values with units.
func worstContent(step *lesson.Step, f layout.Frame) layout.Content {
	hidden := func(n string) bool { return step != nil && !step.Visible(n) && !step.Visible(layout.ReplacedBy(n)) }
	replaced := replacedIn(step)
	var rows []layout.EffectRow
	ids := slices.Clone(study.HeadlineIDs)
	if !hidden(lesson.Truth) {
		ids = append(ids, study.TruthIDs...)
	}
	if step != nil && len(step.Rows) > 0 {
		ids = step.Rows
	}
	for i, id := range ids {
		v := []float64{2.41, -0.66, 0.5, 1.09, -0.55, 0.8}[i%6]
		rows = append(rows, layout.EffectRow{Labels: layout.EffectLabel(study.Label(id)),
			Values:   []string{"+241% [-100, +999] · study +19%", "+241% [-100, +999]", "+241% · study +19%", "+241%"},
			Estimate: v, Lo: v - 0.5, Hi: v + 0.5, Target: 0.19, Share: id == "voluntary.optin_rate"})
	}
	captions := map[string]layout.SliderCaption{}
	for _, n := range layout.SliderParams() {
		spec, _ := param.Lookup(n)
		v := "-10.5"
		captions[n] = layout.SliderCaption{Names: []string{spec.Label, n}, Values: []string{v + " " + spec.Unit, v}}
	}
	groups := [][]int{}
	next := 0
	for _, k := range []int{55, 55, 140, 140, 213} {
		g := make([]int, k)
		for i := range g {
			g[i] = next
			next++
		}
		groups = append(groups, g)
	}
	labels := []string{"mandatory: mentored", "mandatory: not mentored", "opt-in: mentored", "opt-in: denied", "opted out"}
	c := layout.Content{
		Hidden: hidden, Replaced: replaced,
		Bar: layout.BarSpec{Labels: map[string]string{"play": "Pause"}, Seed: "1234567", Speed: "500 d/s",
			Calendar: layout.Calendar(102515, 102515, 20503, 20000, 20000)},
		Floor:     layout.FloorSpec{Titles: layout.FloorTitles(false), Labels: labels},
		FloorGrid: layout.Floor(layout.FloorArea(f), groups, layout.FloorLabelH(f.Scale)),
		Effects:   layout.EffectsAxis(rows),
		Charts: map[string]layout.ChartSpec{
			"revenue":   withArms(layout.RevenueChart(126, 888), step),
			"retention": withArms(layout.RetentionChart(126), step),
			"ability":   layout.AbilityChart(-3, 3, 0.66, layout.AbilityTitles(), worstAbilityLegend()),
		},
		Controls: layout.ControlsSpec{Presets: layout.PresetsTitles(), Sliders: layout.SlidersTitles(), Captions: captions},
	}
	_, c.Lesson = stepOptions(step)
	return c
}

// focused reports whether the frame shows a step's focus: panels hidden
// take no room.
func focused(f layout.Frame) bool {
	for _, n := range layout.PanelOrder() {
		if f.Panel(n) == (layout.Rect{}) && !f.Strips[n] {
			return true
		}
	}
	return false
}

// TestTextNeverOverlaps lays out every text of the app at the sizes a
// class meets, in normal and large text, and on phones held upright, at
// device scales 1 and 2, without and with each lesson step, measuring with the app's fonts; no text may
// overlap another or leave its panel, no control may cover another or a
// text not its own, and the day counter, every effect row and every line
// of the lesson must be there.
func TestTextNeverOverlaps(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	ps := pens{}
	steps := lesson.Default().Steps
	fails := 0
	for _, sc := range append(screens(), screensOf(phoneSizes, false)...) {
		p := ps.at(t, sc.scale)
		var step *lesson.Step
		if sc.step > 0 {
			step = &steps[sc.step-1]
		}
		o, spec := stepOptions(step)
		f, ws := p.Arrange(sc.w, sc.h, o, spec)
		c := worstContent(step, f)
		s := p.Lay(f, ws, c)
		problems := check(p, sc, f, ws, c, s)
		for _, pr := range problems {
			if fails < 60 {
				t.Errorf("%s: %s", sc.name, pr)
			}
			fails++
		}
	}
	if fails > 60 {
		t.Errorf("… and %d more", fails-60)
	}
}

// stepOptions are the layout's options and the lesson's card for a step
// (nil: no lesson), as the app sets them (ui's view.resize); a step's
// prediction shows its choices.
func stepOptions(step *lesson.Step) (layout.Options, *layout.LessonSpec) {
	o := session.LayoutOptions(step)
	if step == nil {
		return o, nil
	}
	spec := &layout.LessonSpec{Title: step.Title, Text: step.Text, Question: step.Question, Counter: "step 7 of 7", Hint: "keys [ and ]"}
	if p := step.Predict; p != nil {
		spec.Ask, spec.Next = p.Ask, "Answer ►"
		for _, c := range p.Choices {
			spec.Choices = append(spec.Choices, c.Label)
		}
	}
	return o, spec
}

// TestListedChartsStayOpen checks, for every step at every size, that each
// chart the step lists is open and at least MinListedChart units high,
// unless there is no room: opening it as well would leave the open charts,
// sharing the column's height less a strip for each other chart, under
// MinListedChart units each. Charts the step hides take one strip.
func TestListedChartsStayOpen(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	steps := lesson.Default().Steps
	ps := pens{}
	for _, sc := range screens() {
		if sc.step == 0 {
			continue
		}
		p := ps.at(t, sc.scale)
		u := p.U
		o, spec := stepOptions(&steps[sc.step-1])
		f, _ := p.Arrange(sc.w, sc.h, o, spec)
		top, last := f.Panel(layout.ChartNames()[0]), f.Panel(layout.ChartNames()[len(layout.ChartNames())-1])
		column := last.Y + last.H - top.Y + 0.8*u
		strip := (layout.StripHeight + 0.8) * u
		open := 0
		for _, n := range layout.ChartNames() {
			if !f.Strips[n] {
				open++
			}
		}
		roomForOneMore := (column-strip*float64(len(layout.ChartNames())-open-1))/float64(open+1) >= layout.MinListedChart*u
		for _, n := range layout.ChartNames() {
			r := f.Panel(n)
			switch {
			case o.Hidden(n) && r.H > layout.StripHeight*u+1e-9:
				t.Errorf("%s: %s is hidden but %.1f units high", sc.name, n, r.H/u)
			case o.Hidden(n):
			case f.Strips[n] && roomForOneMore:
				t.Errorf("%s: %s is listed but folded, with room for it", sc.name, n)
			case !f.Strips[n] && r.H+0.8*u < layout.MinListedChart*u-1e-9:
				t.Errorf("%s: %s is open but %.1f units high", sc.name, n, (r.H+0.8*u)/u)
			}
		}
	}
}

// check lists what is wrong with a scene.
func check(p layout.Pen, sc screen, f layout.Frame, ws []layout.Widget, c layout.Content, s layout.Scene) []string {
	var bad []string
	win := layout.Rect{W: sc.w, H: sc.h}
	panels := map[string]layout.Rect{"bar": f.Bar, "controls": f.Controls}
	for _, n := range append([]string{"floor", "effects"}, layout.ChartNames()...) {
		panels[n] = f.Panel(n)
	}
	if f.Lesson.W > 0 {
		panels["lesson"] = f.Lesson
	}
	for n, r := range panels {
		if r == (layout.Rect{}) && c.Hidden != nil && (c.Hidden(n) || n == "controls") && (f.Strips[n] || focused(f)) {
			delete(panels, n) // hidden in a narrow window, or by a step's focus: it takes no room
		}
	}
	names := sortedKeys(panels)
	for i, a := range names {
		if r := panels[a]; !win.Holds(r) || r.W <= 0 || r.H <= 0 {
			bad = append(bad, fmt.Sprintf("panel %s %v is empty or outside the window", a, r))
		}
		for _, b := range names[i+1:] {
			if panels[a].Overlaps(panels[b]) {
				bad = append(bad, fmt.Sprintf("panels %s and %s overlap", a, b))
			}
		}
	}
	// Controls: inside a panel, none over another.
	for i, w := range ws {
		in := false
		for _, r := range panels {
			in = in || r.Holds(w.Rect)
		}
		if !in {
			bad = append(bad, fmt.Sprintf("control %s %v is in no panel (covered or cut off)", w.ID, w.Rect))
		}
		for _, o := range ws[i+1:] {
			if w.Rect.Overlaps(o.Rect) {
				bad = append(bad, fmt.Sprintf("controls %s and %s overlap", w.ID, o.ID))
			}
		}
	}
	// Texts: inside their panels, none over another, none over a control
	// but its own caption over it.
	type placed struct {
		panel string
		t     layout.Text
	}
	var all []placed
	for _, pt := range s.Panels(f) {
		for _, t := range pt.Texts {
			if t.S == "" {
				continue
			}
			if !pt.Rect.Holds(t.Box) {
				bad = append(bad, fmt.Sprintf("%s: %q %v is cut off by its panel %v", pt.Name, t.S, t.Box, pt.Rect))
			}
			all = append(all, placed{pt.Name, t})
		}
	}
	for i, a := range all {
		for _, b := range all[i+1:] {
			if a.t.Box.Overlaps(b.t.Box) {
				bad = append(bad, fmt.Sprintf("%s: %q %v overlaps %s: %q %v", a.panel, a.t.S, a.t.Box, b.panel, b.t.S, b.t.Box))
			}
		}
		for _, w := range ws {
			if a.t.Box.Overlaps(w.Rect) && !w.Rect.Holds(a.t.Box) {
				bad = append(bad, fmt.Sprintf("%s: %q %v runs into control %s %v", a.panel, a.t.S, a.t.Box, w.ID, w.Rect))
			} else if a.t.Box.Overlaps(w.Rect) && !caption(s, w, a.t) {
				bad = append(bad, fmt.Sprintf("%s: %q %v is over control %s", a.panel, a.t.S, a.t.Box, w.ID))
			}
		}
	}
	// What must be there.
	if s.Bar.Calendar == nil && !f.Focus { // a focused step's bar has no speed, no counter: its run is set up
		bad = append(bad, "no room for the day counter")
	}
	if s.Effects != nil && len(s.Effects.Rows) != len(c.Effects.Rows) {
		bad = append(bad, fmt.Sprintf("%d of %d effect rows shown", len(s.Effects.Rows), len(c.Effects.Rows)))
	}
	for n, ch := range s.Charts {
		if ch.XLeft { // its x axis is the chart's below
			next := layout.ChartNames()[slices.Index(layout.ChartNames(), n)+1]
			if below, ok := s.Charts[next]; !ok || len(below.XTicks) < 2 || below.Plot.X != ch.Plot.X || below.Plot.W != ch.Plot.W {
				bad = append(bad, fmt.Sprintf("%s leaves its x ticks to %s, which does not show the same axis", n, next))
			}
			ch.XTicks = s.Charts[next].XTicks
		}
		if len(ch.XTicks) < 2 || len(ch.YTicks) < 2 {
			bad = append(bad, fmt.Sprintf("%s: %d x and %d y ticks; want at least 2 of each", n, len(ch.XTicks), len(ch.YTicks)))
		}
		if len(ch.Legend.Labels) != len(c.Charts[n].Legend) && f.Panel(n).H >= layout.MinChart*p.U {
			bad = append(bad, fmt.Sprintf("%s: no room for the legend", n))
		}
	}
	if s.Floor != nil && c.FloorGrid.Tile < 0.3*p.U {
		bad = append(bad, fmt.Sprintf("the floor's desks are %.1f pixels: lines, not desks", c.FloorGrid.Tile))
	}
	if c.Lesson != nil && !f.LessonFolded { // a folded card shows its title as a tab (a control) and its buttons
		all := p.LayLesson(layout.Rect{W: f.Lesson.W}, nil, *c.Lesson)
		if got, want := len(s.Lesson.Lines)+len(s.Lesson.Ask), len(all.Lines)+len(all.Ask); got != want {
			bad = append(bad, fmt.Sprintf("the lesson card shows %d of its %d lines", got, want))
		}
		if len(c.Lesson.Choices) > 0 && s.Lesson.Choices.W == 0 {
			bad = append(bad, "the lesson card has no room for the prediction's choices")
		}
	}
	if len(f.Sliders) < len(layout.SliderParams()) && f.More.W == 0 && !f.Strips["controls"] && !(f.Presets && f.Pages == 1 && f.Sliders == nil) {
		bad = append(bad, fmt.Sprintf("%d of %d sliders and no way to the rest", len(f.Sliders), len(layout.SliderParams())))
	}
	return bad
}

// caption reports whether t is w's own caption (or the seed's value).
func caption(s layout.Scene, w layout.Widget, t layout.Text) bool {
	for _, c := range []layout.Text{s.Bar.Buttons[w.ID], s.Controls.Chips[w.ID], lessonButton(s, w.ID)} {
		if c == t {
			return true
		}
	}
	if w.ID == "seed" && t == s.Bar.Seed {
		return true
	}
	if w.ID == layout.MoreSliders && t == s.Views["controls"] {
		return true
	}
	n, ok := strings.CutPrefix(w.ID, layout.OpenPrefix)
	return ok && t == s.Views[n]
}

// replacedIn are the places the step shows another panel in.
func replacedIn(step *lesson.Step) map[string]bool {
	r := map[string]bool{}
	for by, n := range layout.InPlaceOf() {
		r[n] = step != nil && step.Visible(by)
	}
	return r
}

func lessonButton(s layout.Scene, id string) layout.Text {
	if s.Lesson == nil {
		return layout.Text{}
	}
	return s.Lesson.Buttons[id]
}

func sortedKeys(m map[string]layout.Rect) []string { return slices.Sorted(maps.Keys(m)) }

// The bar keeps room for the day counter at its longest: the app's largest
// study, MaxAppHires hires in classes of one at the longest horizon.
func TestLongestDayCounter(t *testing.T) {
	h, _ := param.Lookup("horizon")
	days := int(h.Max) + (layout.MaxAppHires-1)*study.ClassInterval
	forms := layout.Calendar(days, days, days/study.ClassInterval+1, layout.MaxAppHires, layout.MaxAppHires)
	if got := forms[len(forms)-1]; got != layout.LongestDayCounter {
		t.Errorf("the counter's shortest form at %d days is %q; the bar keeps room for %q", days, got, layout.LongestDayCounter)
	}
}

// Phones held upright and sideways, in CSS pixels, on which every step's
// focus must show large (the smallest phones of phoneSizes are laid out
// without overlap, but may give a focused panel less).
var focusPhones = [][2]float64{{390, 844}, {360, 740}, {412, 915}, {844, 390}, {740, 360}, {915, 412}}

// TestFocusShowsLarge checks, for every step of the lesson that focuses
// on panels, at every class size in both text modes and on phones upright
// and sideways, that each focused panel is unfolded and at least
// MinFocusW × MinFocusH units (the controls MinFocusControlsW wide), and
// that no other panel takes room.
func TestFocusShowsLarge(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	steps := lesson.Default().Steps
	ps := pens{}
	for _, sc := range append(screens(), screensOf(focusPhones, false)...) {
		if sc.step == 0 || len(steps[sc.step-1].Focus) == 0 {
			continue
		}
		p := ps.at(t, sc.scale)
		u := p.U
		st := steps[sc.step-1]
		o, spec := stepOptions(&st)
		f, _ := p.Arrange(sc.w, sc.h, o, spec)
		for _, n := range layout.PanelOrder() {
			r := f.Panel(n)
			if !slices.Contains(o.Focus, n) {
				if r.W > 0 && r.H > 0 {
					t.Errorf("%s: %s is not in the focus but takes %.1f×%.1f units", sc.name, n, r.W/u, r.H/u)
				}
				continue
			}
			minW := float64(layout.MinFocusW)
			if n == "controls" {
				minW = layout.MinFocusControlsW
			}
			if f.Strips[n] || slices.Contains(f.Folded, n) || r.W < minW*u-1e-6 || r.H < layout.MinFocusH*u-1e-6 {
				t.Errorf("%s: focused %s is %.1f×%.1f units (strip %v); want at least %v×%v, unfolded", sc.name, n, r.W/u, r.H/u, f.Strips[n], minW, layout.MinFocusH)
			}
		}
	}
}

// MinLessonText is the least height of any text, in CSS pixels, of a
// focused lesson step at 1920×1080 (the Small face, 11 px at scale 1, at
// LessonScale 1.69).
const MinLessonText = 18

func TestLessonTextReadsFromTheBack(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	if got := layout.LessonScale(1920, 1080) * layout.Small.Spec().Size; got < MinLessonText {
		t.Errorf("at 1920x1080 a lesson's smallest text is %.1f px; want at least %d", got, MinLessonText)
	}
	p := pens{}.at(t, layout.LessonScale(1920, 1080))
	for k, st := range lesson.Default().Steps {
		if len(st.Focus) == 0 {
			continue
		}
		o, spec := stepOptions(&st)
		f, ws := p.Arrange(1920, 1080, o, spec)
		s := p.Lay(f, ws, worstContent(&st, f))
		n := 0
		for _, pt := range s.Panels(f) {
			for _, tx := range pt.Texts {
				n++
				if size := tx.Face.Spec().Size * layout.LessonScale(1920, 1080); size < MinLessonText-1e-6 {
					t.Errorf("step %d: %s: %q is %.1f px; want at least %d", k+1, pt.Name, tx.S, size, MinLessonText)
				}
			}
		}
		if n < 10 {
			t.Errorf("step %d: only %d texts", k+1, n)
		}
	}
}

// TestFloorLabelsKeepTheirCounts: on the projector and the class's
// screens, in each lesson step that shows the floor, every group's label
// shows its count, and its whole name where the group is tall enough to
// wrap it beside its desks (or the line is wide enough).
func TestFloorLabelsKeepTheirCounts(t *testing.T) {
	ps := pens{}
	steps := lesson.Default().Steps
	for _, sc := range lessonScreens(classSizes) {
		step := &steps[sc.step-1]
		p := ps.at(t, sc.scale)
		o, spec := stepOptions(step)
		f, ws := p.Arrange(sc.w, sc.h, o, spec)
		c := worstContent(step, f)
		s := p.Lay(f, ws, c)
		if s.Floor == nil || f.Floor.W <= 0 {
			continue
		}
		for gi, lines := range s.Floor.Labels {
			grp := c.FloorGrid.Groups[gi]
			var words []string
			for _, l := range lines {
				words = append(words, l.S)
			}
			got, count := strings.Join(words, " "), fmt.Sprintf("(%d)", len(grp.Reps))
			roomy := grp.Label.H >= 3*p.Height(layout.Small)
			if !strings.HasSuffix(got, count) || roomy && got != c.Floor.Labels[gi]+" "+count {
				t.Errorf("%s: group %d (%.0f px tall) is labelled %q; want %q, whole where it is roomy", sc.name, gi, grp.Label.H, got, c.Floor.Labels[gi]+" "+count)
			}
		}
	}
}

// sidewaysPhones are phones held sideways, in CSS pixels, down to the
// smallest a class meets: the lesson's card goes beside the panels.
var sidewaysPhones = [][2]float64{{640, 360}, {667, 375}, {740, 360}, {844, 390}}

// TestGuessChipsReadWhole: a prediction's choices read in full on every
// screen a class meets, phones held upright and sideways included ("about
// the same" beside "weaker" takes the room it needs; on a small phone held
// sideways they take two rows).
func TestGuessChipsReadWhole(t *testing.T) {
	ps := pens{}
	steps := lesson.Default().Steps
	chips := 0
	for _, sc := range append(screens(), screensOf(append(slices.Clone(phoneSizes), sidewaysPhones...), false)...) {
		if sc.step == 0 || steps[sc.step-1].Predict == nil {
			continue
		}
		step := &steps[sc.step-1]
		p := ps.at(t, sc.scale)
		o, spec := stepOptions(step)
		f, ws := p.Arrange(sc.w, sc.h, o, spec)
		s := p.Lay(f, ws, worstContent(step, f))
		shown := 0
		for _, w := range ws {
			if w.Kind != layout.GuessChip {
				continue
			}
			chips++
			shown++
			if got := s.Lesson.Buttons[w.ID].S; got != w.Label {
				t.Errorf("%s: the choice %q reads %q", sc.name, w.Label, got)
			}
		}
		if shown != len(step.Predict.Choices) {
			t.Errorf("%s: %d of the %d choices show", sc.name, shown, len(step.Predict.Choices))
		}
	}
	if chips == 0 {
		t.Fatal("no screen showed a prediction's choices")
	}
}

// TestFloorLabelsStayInTheirPlace lays out the floor's labels in panels
// from a sliver to a wide one, with up to 20,000 reps: every line stays in
// its group's label place (clear of the desks where it is beside them),
// and the count shows whenever it fits there at all.
func TestFloorLabelsStayInTheirPlace(t *testing.T) {
	ps := pens{}
	names := []string{"mandatory: mentored", "mandatory: not mentored", "opt-in: mentored", "opt-in: denied", "opted out"}
	for _, scale := range []float64{1, 1.4, 2} {
		p := ps.at(t, scale)
		for _, hires := range []int{603, 20000} {
			var groups [][]int
			next := 0
			for _, share := range []int{18, 28, 13, 13, 28} {
				g := make([]int, hires*share/100)
				for i := range g {
					g[i] = next
					next++
				}
				groups = append(groups, g)
			}
			for _, w := range []float64{60, 90, 140, 250, 400, 700} {
				for _, h := range []float64{120, 250, 500} {
					f := layout.Frame{Scale: scale, Floor: layout.Rect{X: 10, Y: 20, W: w * scale, H: h * scale}}
					grid := layout.Floor(layout.FloorArea(f), groups, layout.FloorLabelH(scale))
					ft := p.LayFloor(f, grid, layout.FloorSpec{Titles: layout.FloorTitles(false), Labels: names})
					for gi, lines := range ft.Labels {
						grp := grid.Groups[gi]
						place, beside := grp.Label, grp.Label.W < grid.Area.W
						if beside {
							place.W = grid.Area.X - place.X
						}
						count := fmt.Sprintf("(%d)", len(grp.Reps))
						for _, l := range lines {
							if !place.Holds(l.Box) {
								t.Errorf("scale %v, %d hires, floor %vx%v: group %d's line %q at %v leaves its place %v", scale, hires, w, h, gi, l.S, l.Box, place)
							}
						}
						room := place.W - 1.4*p.U
						if len(lines) > 0 && p.Width(count, layout.Small) <= room && !strings.HasSuffix(lines[len(lines)-1].S, count) {
							t.Errorf("scale %v, %d hires, floor %vx%v: group %d's label %q lacks its count %s", scale, hires, w, h, gi, lines[len(lines)-1].S, count)
						}
					}
				}
			}
		}
	}
}

// TestSandboxOpensEveryPanelOnPhones checks that in the sandbox (the
// lesson's last step, the whole dashboard beside or under its long card),
// on every phone upright or sideways, a tap on any panel's tab opens that
// panel, at least MinFocusW units wide and clear of the card, and that
// what shows then passes TestTextNeverOverlaps's checks; and that a tap
// on a folded card's title unfolds it.
func TestSandboxOpensEveryPanelOnPhones(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	steps := lesson.Default().Steps
	sandbox := steps[len(steps)-1]
	if len(sandbox.Focus) != 0 {
		t.Fatalf("the last step focuses on %v; want the whole dashboard", sandbox.Focus)
	}
	p := pens{}.at(t, 1)
	for _, size := range phoneSizes {
		sc := screen{size[0], size[1], 1, len(steps), ""}
		for _, n := range layout.PanelOrder() {
			sc.name = fmt.Sprintf("%.0fx%.0f sandbox, %s opened", size[0], size[1], n)
			o, spec := stepOptions(&sandbox)
			o.Open = []string{n}
			f, ws := p.Arrange(size[0], size[1], o, spec)
			r := f.Panel(n)
			if f.Strips[n] || r.W < layout.MinFocusW*p.U || r.H < 2*(layout.StripHeight+0.8)*p.U {
				t.Errorf("%s: it is %.1f×%.1f units (strip %v); want it open", sc.name, r.W/p.U, r.H/p.U, f.Strips[n])
			}
			if r.Overlaps(f.Lesson) {
				t.Errorf("%s: it runs into the lesson's card", sc.name)
			}
			c := worstContent(&sandbox, f)
			for _, pr := range check(p, sc, f, ws, c, p.Lay(f, ws, c)) {
				t.Errorf("%s: %s", sc.name, pr)
			}
			if !f.LessonFolded {
				continue
			}
			o.Open = append([]string{layout.LessonPlace}, o.Open...) // a tap on the card's title
			if g, _ := p.Arrange(size[0], size[1], o, spec); g.LessonFolded || g.Lesson.W*g.Lesson.H <= f.Lesson.W*f.Lesson.H {
				t.Errorf("%s, then the card: the card is still folded (%.1f×%.1f units)", sc.name, g.Lesson.W/p.U, g.Lesson.H/p.U)
			}
		}
	}
}

// TestAnsweredStepsKeepTheirPanels checks steps 3 and 4 once answered, the
// card holding the simulation's answer as well, on phones upright and
// sideways: every line of the card shows, and each focused panel keeps at
// least MinFocusW × MinFocusH units (a phone's answer is in the question's
// size, not the title's, so that it does not squeeze the chart it
// answers from).
func TestAnsweredStepsKeepTheirPanels(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	steps := lesson.Default().Steps
	p := pens{}.at(t, 1)
	for _, size := range phoneSizes {
		for _, k := range []int{3, 4} {
			st := steps[k-1]
			o, spec := stepOptions(&st)
			spec.Choices, spec.Next = nil, "Next ►"
			spec.Result = "The simulation: about the same (their average ability is 0.02 standard deviations above). Your guess: about the same."
			f, ws := p.Arrange(size[0], size[1], o, spec)
			sc := screen{size[0], size[1], 1, k, fmt.Sprintf("%.0fx%.0f step %d answered", size[0], size[1], k)}
			c := worstContent(&st, f)
			c.Lesson = spec
			for _, pr := range check(p, sc, f, ws, c, p.Lay(f, ws, c)) {
				t.Errorf("%s: %s", sc.name, pr)
			}
			for _, n := range o.Focus {
				if r := f.Panel(n); n != layout.PanelControls && (r.W < layout.MinFocusW*p.U || r.H < layout.MinFocusH*p.U) {
					t.Errorf("%s: %s is %.1f×%.1f units; want at least %d×%d", sc.name, n, r.W/p.U, r.H/p.U, layout.MinFocusW, layout.MinFocusH)
				}
			}
		}
	}
}

// TestPresetChipsReadWhole checks, on every phone and class size, that in
// the lesson's steps that show the presets (step 5 asks students to try
// each explanation by name) every preset's chip reads its whole name.
func TestPresetChipsReadWhole(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	steps := lesson.Default().Steps
	ps := pens{}
	for _, sc := range append(lessonScreens(classSizes), screensOf(phoneSizes, false)...) {
		if sc.step == 0 || !slices.Contains(steps[sc.step-1].Focus, layout.PanelControls) {
			continue
		}
		p := ps.at(t, sc.scale)
		st := steps[sc.step-1]
		o, spec := stepOptions(&st)
		f, ws := p.Arrange(sc.w, sc.h, o, spec)
		s := p.Lay(f, ws, worstContent(&st, f))
		if !f.Presets {
			continue // a page of sliders shows (the presets are on another)
		}
		for _, n := range param.PresetNames() {
			got, ok := s.Controls.Chips[n]
			if !ok || got.S != n {
				t.Errorf("%s: the %s chip reads %q (laid out: %v)", sc.name, n, got.S, ok)
			}
			if w, found := widgetOf(ws, n); !found || !f.Controls.Holds(w.Rect) {
				t.Errorf("%s: the %s chip %+v is not inside the controls %+v", sc.name, n, w.Rect, f.Controls)
			}
		}
	}
}

// widgetOf is the control id among ws.
func widgetOf(ws []layout.Widget, id string) (layout.Widget, bool) {
	for _, w := range ws {
		if w.ID == id {
			return w, true
		}
	}
	return layout.Widget{}, false
}

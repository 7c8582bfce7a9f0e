package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"mentorsim/sim/param"
	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

// Key v opens the folded panels one after another, so a keyboard or a
// presentation clicker reaches every panel a projector has no room to show
// at once; key m pages through the controls. At 1024×768 in large text
// the sandbox (step 7, the whole dashboard) folds two charts, and the
// sliders need pages.
func TestKeysOpenFoldedPanelsAndPages(t *testing.T) {
	g := gameAt(t, "lesson=7&seed=7&large=1", 1024, 768)
	folded := slices.Clone(g.view.frame.Folded)
	if len(folded) < 2 || g.view.frame.Pages < 2 {
		t.Fatalf("step 6 at 1024x768 large folds %v and has %d pages of controls; want a test with both", folded, g.view.frame.Pages)
	}
	opened := map[string]bool{}
	for range 2 * len(layout.PanelOrder()) {
		g.input(InputEvent{Kind: KeyPress, Key: "v"})
		g.relayout()
		if len(g.view.open) == 0 {
			t.Fatal("key v opened nothing")
		}
		opened[g.view.open[0]] = true
	}
	for _, n := range folded {
		if !opened[n] {
			t.Errorf("key v never opened %s (opened %v)", n, opened)
		}
	}
	pages := map[int]bool{}
	for range 2 * g.view.frame.Pages {
		pages[g.view.frame.Page] = true
		g.input(InputEvent{Kind: KeyPress, Key: "m"})
		g.relayout()
	}
	if len(pages) != g.view.frame.Pages {
		t.Errorf("key m showed pages %v of %d", pages, g.view.frame.Pages)
	}
}

// In a phone's column, where the controls are a tab, key m opens them.
func TestKeyMOpensFoldedControls(t *testing.T) {
	g := gameAt(t, "seed=7", 390, 844)
	if !slices.Contains(g.view.frame.Folded, "controls") {
		t.Fatalf("at 390x844 the controls are not a tab: folded %v", g.view.frame.Folded)
	}
	g.input(InputEvent{Kind: KeyPress, Key: "m"})
	g.relayout()
	if f := g.view.frame; f.Strips["controls"] || len(f.Sliders) == 0 && !f.Presets {
		t.Errorf("after m the controls are still folded (%v), with sliders %v and presets %v", f.Folded, f.Sliders, f.Presets)
	}
}

// A long seed being typed stays inside its field and shows its last
// digits, the ones just typed.
func TestTypedSeedFitsItsField(t *testing.T) {
	g := gameAt(t, "seed=7", 1024, 768)
	g.input(InputEvent{Kind: KeyPress, Key: "s"})
	for _, k := range "18446744073709551615" {
		g.input(InputEvent{Kind: KeyPress, Key: string(k)})
	}
	typed := g.view.typedSeed()
	i := slices.IndexFunc(g.view.widgets, func(w layout.Widget) bool { return w.ID == "seed" })
	field := g.view.widgets[i].Rect
	if w := g.view.pen.Width(typed, layout.Body); w > field.W-0.8*g.view.unit() || !strings.HasSuffix(typed, "551615▏") || !strings.HasPrefix(typed, "…") {
		t.Errorf("typing a 20-digit seed shows %q, %.0f px in a %.0f-px field; want its end, in the field", typed, w, field.W)
	}
}

// gameAt is the app opened at the link's query in a w×h window, laid out.
func gameAt(t *testing.T, query string, w, h int) *Game {
	t.Helper()
	s, err := session.Open(query, lesson.Default(), 2)
	if err != nil {
		t.Fatal(err)
	}
	g := NewGame(s, nopPlatform{})
	g.screenW, g.screenH, g.deviceScale = w, h, 1
	g.relayout()
	return g
}

// The help fits the window, every row of keys on it, at a projector's
// sizes in large text and on phones either way up.
func TestHelpFitsTheWindow(t *testing.T) {
	n := len(layout.HelpRows())
	for _, sz := range [][3]float64{{1024, 768, 1.4}, {1280, 720, 1.4}, {1920, 1080, 1}, {390, 844, 1}, {360, 640, 1}, {844, 390, 1}, {740, 360, 1}} {
		u := layout.Unit * sz[2]
		perCol, colW, r := helpBox(sz[0], sz[1], u, n, 40*u)
		win := layout.Rect{W: sz[0], H: sz[1]}
		lastRow := r.Y + 2.6*u + float64(perCol)*1.25*u
		if !win.Holds(r) || lastRow > r.Y+r.H-1.6*u || colW < 18*u || perCol*((n+perCol-1)/perCol) < n {
			t.Errorf("%vx%v at scale %v: help %v, %d rows a column %.0f px wide, last row ends at %.0f", sz[0], sz[1], sz[2], r, perCol, colW, lastRow)
		}
	}
}

// Step 1's charts draw the mandatory branch only and name just its two
// groups, step 2's and 3's the voluntary branch's three, the sandbox
// and a run outside the lesson every group.
func TestStepChartsDrawItsArms(t *testing.T) {
	for query, want := range map[string]int{"lesson=1&seed=7": 2, "lesson=2&seed=7": 3, "lesson=3&seed=7": 3, "lesson=7&seed=7": 5, "seed=7": 5} {
		g := gameAt(t, query, 1280, 800)
		if labels, colors := g.armLegend(); len(labels) != want || len(colors) != want {
			t.Errorf("%s: the charts name %d groups (%d colours); want %d", query, len(labels), len(colors), want)
		}
	}
}

// The lesson's step 5 asks about the self-assessment panel's chart: on the
// projector and the class's screens it has room for the table and the
// strips that set each group's belief beside its ability.
func TestSelfViewShowsItsChart(t *testing.T) {
	for _, tc := range []struct {
		query string
		w, h  int
	}{
		{"lesson=5&seed=11&large=1", 1024, 768}, {"lesson=5&seed=11", 1024, 768}, {"lesson=5&seed=11&large=1", 1280, 720},
		{"lesson=5&seed=11", 1280, 800}, {"lesson=5&seed=11", 1920, 1080}, {"lesson=5&seed=11", 390, 844},
	} {
		g := gameAt(t, tc.query, tc.w, tc.h)
		r := g.view.frame.Ability
		if !g.s.Visible(layout.PanelSelfAssessment) || r.W <= 0 {
			t.Errorf("%s at %dx%d: the self-assessment panel is not shown", tc.query, tc.w, tc.h)
			continue
		}
		p := g.selfPlan(r, g.s.Panels().Self)
		t.Logf("%s at %dx%d: panel %.0fx%.0f, columns %d, strips %v (beside %v), note %v", tc.query, tc.w, tc.h, r.W, r.H, p.cols, p.strips, p.beside, p.note)
		if p.cols < 4 || !p.strips {
			t.Errorf("%s at %dx%d: the panel (%.0fx%.0f) shows %d columns, strips %v; want the whole table and the strips", tc.query, tc.w, tc.h, r.W, r.H, p.cols, p.strips)
		}
	}
}

// The lesson's step 6 asks which policy to recommend: where its panel has
// room the money table is in the body's size, and on every class screen it
// has its rows and its required columns (short phones' included, held
// upright or sideways, where either size will do).
func TestMoneyTableReadsLarge(t *testing.T) {
	const either = 2
	for _, tc := range []struct {
		query string
		w, h  int
		large int // 0 or 1: the table is in the body's size; either
	}{
		{"lesson=6&seed=11&large=1", 1024, 768, 1}, {"lesson=6&seed=11", 1280, 800, 1}, {"lesson=6&seed=11", 1920, 1080, 1},
		{"lesson=6&seed=11", 390, 844, 1}, {"lesson=6&seed=11", 360, 640, 0}, {"lesson=6&seed=11", 390, 664, either},
		{"lesson=6&seed=11", 844, 390, either}, {"lesson=6&seed=11", 800, 360, either}, {"lesson=6&seed=11", 740, 360, either},
		{"lesson=6&seed=11", 667, 375, either},
	} {
		g := gameAt(t, tc.query, tc.w, tc.h)
		r := g.view.frame.Effects
		m, err := g.s.Money()
		if err != nil || !g.s.Visible(layout.PanelMoney) || r.W <= 0 {
			t.Fatalf("%s at %dx%d: the money panel is not shown (%v)", tc.query, tc.w, tc.h, err)
		}
		in := g.moneyArea(r)
		tb := g.fitMoney(in, m)
		big := tb.face == g.view.fonts.body
		if tc.large != either && big != (tc.large == 1) {
			t.Errorf("%s at %dx%d: body size %v; want %v", tc.query, tc.w, tc.h, big, tc.large)
		}
		var heads []string
		for _, c := range tb.shown {
			heads = append(heads, tb.cols[c].head)
		}
		if len(heads) > 3 && !slices.Contains(heads, "mentored") {
			t.Errorf("%s at %dx%d: the columns %q leave out the share mentored, which comes first", tc.query, tc.w, tc.h, heads)
		}
		if len(tb.shown) == 0 || in.Y+float64(len(m.Policies)+1)*tb.lineH > in.Y+in.H {
			t.Errorf("%s at %dx%d: the table (%d columns) does not fit its %.0f px", tc.query, tc.w, tc.h, len(tb.shown), in.H)
		}
	}
}

// Choosing a contrast preset (one that does not reproduce the study) says
// so plainly, where the app says the run restarted and for as long as it
// is chosen in the effects panel's title; a fitted one does not.
func TestContrastPresetSaysSo(t *testing.T) {
	for _, name := range param.PresetNames() {
		g := gameAt(t, "seed=7", 1280, 800)
		a, ok := layout.ActionByID(name)
		if !ok {
			t.Fatalf("no action chooses the preset %s", name)
		}
		g.run(a)
		spec, _ := g.effectsContent(g.s.Panels())
		if said := strings.Contains(spec.Titles[0], "does not reproduce the study"); said != param.PresetIsContrast(name) {
			t.Errorf("under %s (a contrast: %v) the effects panel is titled %q", name, param.PresetIsContrast(name), spec.Titles[0])
		}
		hint := g.Hint()
		if said := strings.Contains(hint, "does not reproduce the study"); said != param.PresetIsContrast(name) || !strings.Contains(hint, "Press Play") {
			t.Errorf("after choosing %s (a contrast: %v) the app says %q", name, param.PresetIsContrast(name), hint)
		}
	}
	if n := len(param.PresetNames()); n < 4 || !param.PresetIsContrast("rational") || !param.PresetIsContrast("random") || param.PresetIsContrast(param.DefaultPreset) {
		t.Errorf("the contrasts are not rational and random among %d presets", n)
	}
}

// In a lesson step whose run is set, the keys that would replay it (space,
// r, e) do nothing, so the class keeps the numbers on the screen, and a
// clicker's arrows move through the lesson; outside the lesson → is still
// a day forward.
func TestLessonKeysKeepTheStepsRun(t *testing.T) {
	g := gameAt(t, "lesson=1&seed=7", 1024, 768)
	for g.s.Finishing() {
		g.s.FinishDay()
	}
	day := g.s.Study.Day()
	for _, key := range []string{" ", "r", "e", "."} {
		g.input(InputEvent{Kind: KeyPress, Key: key})
		if g.s.Study.Day() != day || g.s.Playing || g.s.Finishing() {
			t.Errorf("key %q in step 1: day %d (was %d), playing %v, finishing %v", key, g.s.Study.Day(), day, g.s.Playing, g.s.Finishing())
		}
	}
	for _, k := range []struct {
		key  string
		step int
	}{{"ArrowRight", 2}, {"ArrowRight", 3}, {"ArrowLeft", 2}, {"ArrowLeft", 1}, {"ArrowLeft", 1}} {
		g.input(InputEvent{Kind: KeyPress, Key: k.key})
		if g.s.Step != k.step {
			t.Errorf("after %s: step %d; want %d", k.key, g.s.Step, k.step)
		}
	}
	g = gameAt(t, "seed=7", 1024, 768)
	g.input(InputEvent{Kind: KeyPress, Key: "ArrowRight"})
	if g.s.Study.Day() != 1 || g.s.InLesson() {
		t.Errorf("→ outside the lesson: day %d, in lesson %v; want day 1", g.s.Study.Day(), g.s.InLesson())
	}
	// In the sandbox, where the days are the student's, ← does not take
	// them back to step 6 (which would throw their changes away).
	g = gameAt(t, "preset=rational&seed=7&lesson=7", 1024, 768)
	g.input(InputEvent{Kind: KeyPress, Key: "ArrowLeft"})
	if g.s.Step != 7 || g.s.Scenario.Preset != "rational" {
		t.Errorf("← in the sandbox: step %d, preset %s; want step 7 under rational", g.s.Step, g.s.Scenario.Preset)
	}
}

// Step 6 asks whether the policy would change under another explanation:
// where its money panel has room (the projector's and laptops' sizes), a
// tap on an explanation's chip reruns the table under it.
func TestStepSixSwitchesExplanation(t *testing.T) {
	for _, sz := range [][2]int{{1024, 768}, {1280, 800}, {1366, 768}, {1920, 1080}} {
		g := gameAt(t, "lesson=6&seed=7", sz[0], sz[1])
		var chip layout.Widget
		n := 0
		for _, w := range g.view.widgets {
			if w.Kind == layout.Chip && g.view.frame.Effects.Holds(w.Rect) {
				n++
				if w.ID == "insecure" {
					chip = w
				}
			}
		}
		if n != 3 || chip.ID == "" {
			t.Errorf("%v: %d explanation chips in the money panel (insecure %v); want the three explanations", sz, n, chip.ID != "")
			continue
		}
		if area := g.moneyArea(g.view.frame.Effects); area.Y < chip.Rect.Y+chip.Rect.H {
			t.Errorf("%v: the table starts at %.0f, above the chips' bottom %.0f", sz, area.Y, chip.Rect.Y+chip.Rect.H)
		}
		x, y := chip.Rect.X+chip.Rect.W/2, chip.Rect.Y+chip.Rect.H/2
		g.input(InputEvent{Kind: PointerMove, X: x, Y: y})
		g.input(InputEvent{Kind: PointerDown, X: x, Y: y})
		for g.s.Finishing() {
			g.s.FinishDay()
		}
		if g.s.Scenario.Preset != "insecure" || !g.s.Study.Done() || g.s.Step != 6 {
			t.Errorf("%v: after tapping insecure: preset %s, done %v, step %d", sz, g.s.Scenario.Preset, g.s.Study.Done(), g.s.Step)
		}
	}
}

// A finger's tap just under a slider's thin track grabs the slider; a
// mouse's click there does not (it is precise).
func TestFingerGrabsThinSlider(t *testing.T) {
	for _, touch := range []bool{true, false} {
		g := gameAt(t, "seed=7", 1280, 800)
		var s layout.Widget
		for _, w := range g.view.widgets {
			if w.Kind == layout.Slider && w.ID == "mentor_gain" {
				s = w
			}
		}
		if s.ID == "" {
			t.Fatal("no mentor_gain slider at 1280x800")
		}
		x, y := s.Rect.X+s.Rect.W/2, s.Rect.Y+s.Rect.H+0.5*g.view.unit()
		g.input(InputEvent{Kind: PointerMove, X: x, Y: y, Touch: touch})
		g.input(InputEvent{Kind: PointerDown, X: x, Y: y, Touch: touch})
		if got := g.view.dragging == "mentor_gain"; got != touch {
			t.Errorf("touch %v: a tap half a unit under the track grabs the slider: %v; want %v", touch, got, touch)
		}
	}
}

// A clicker's blank-screen key (b) blanks the projector; the next key or
// tap brings it back and does nothing else.
func TestBlankScreen(t *testing.T) {
	g := gameAt(t, "seed=7", 1024, 768)
	g.input(InputEvent{Kind: KeyPress, Key: "b"})
	if !g.view.blank {
		t.Fatal("b did not blank the screen")
	}
	g.input(InputEvent{Kind: KeyPress, Key: "b", Repeat: true}) // the key held down
	g.input(InputEvent{Kind: KeyPress, Key: "ArrowRight"})
	if g.view.blank || g.s.Study.Day() != 0 {
		t.Errorf("after → on a blank screen: blank %v, day %d; want the screen back and no day stepped", g.view.blank, g.s.Study.Day())
	}
	// A tap on the Play button of the blanked screen only brings it back.
	var play layout.Widget
	for _, w := range g.view.widgets {
		if w.ID == "play" {
			play = w
		}
	}
	if play.ID == "" {
		t.Fatal("no Play button at 1024x768")
	}
	g.input(InputEvent{Kind: KeyPress, Key: "b"})
	x, y := play.Rect.X+play.Rect.W/2, play.Rect.Y+play.Rect.H/2
	g.input(InputEvent{Kind: PointerMove, X: x, Y: y, Touch: true})
	g.input(InputEvent{Kind: PointerDown, X: x, Y: y, Touch: true})
	if g.view.blank || g.s.Playing {
		t.Errorf("a tap on Play on a blank screen: blank %v, playing %v; want the screen back and nothing played", g.view.blank, g.s.Playing)
	}
	g.input(InputEvent{Kind: PointerDown, X: x, Y: y, Touch: true})
	if !g.s.Playing {
		t.Error("the next tap on Play did not play: the test taps the wrong place")
	}
}

// copyPlatform says what a platform's Copy link says, and whether it did.
type copyPlatform struct {
	nopPlatform
	msg  string
	done bool
}

func (p copyPlatform) CopyLink(string) (string, bool) { return p.msg, p.done }

// A confirmation (link copied) leaves the notice bar, which covers the
// lesson's buttons on a phone, ConfirmFor after it was shown, however many
// updates that is; a failure stays until dismissed, and so does a notice
// that replaced the confirmation.
func TestConfirmationsFade(t *testing.T) {
	link, _ := layout.ActionByID("link")
	t0 := time.Unix(1000, 0)
	for _, p := range []copyPlatform{{msg: "link copied", done: true}, {msg: "copy link: the clipboard is unavailable", done: false}} {
		g := gameAt(t, "seed=3", 390, 664)
		g.platform = p
		g.run(link)
		msg, done := p.CopyLink("")
		g.view.notify(g.s, msg, done, t0) // as run did, at a known time
		for i := range 500 {              // 500 updates in under ConfirmFor: a 144 Hz screen's 3.5 s
			g.view.fade(g.s, t0.Add(time.Duration(i)*7*time.Millisecond))
		}
		if g.s.Notice != p.msg {
			t.Fatalf("%q: within %v the notice is %q", p.msg, ConfirmFor, g.s.Notice)
		}
		g.view.fade(g.s, t0.Add(ConfirmFor))
		if gone := g.s.Notice == ""; gone != p.done {
			t.Errorf("%q (done %v): after %v the notice is %q", p.msg, p.done, ConfirmFor, g.s.Notice)
		}
	}
	g := gameAt(t, "seed=3", 390, 664)
	g.view.notify(g.s, "link copied", true, t0)
	g.s.Notice = "copy link failed: denied" // the clipboard's later refusal
	g.view.fade(g.s, t0.Add(2*ConfirmFor))
	if g.s.Notice != "copy link failed: denied" {
		t.Errorf("a failure that replaced the confirmation faded with it: %q", g.s.Notice)
	}
}

// A tap on the restart hint, which covers the bar's second row on a phone,
// takes it away and reaches no button under it.
func TestTapOnRestartHintTakesItAway(t *testing.T) {
	g := gameAt(t, "seed=3", 390, 664)
	preset, _ := layout.ActionByID(param.PresetNames()[1])
	g.run(preset)
	r, _, ok := g.hintBox()
	if !ok || g.Hint() == "" {
		t.Fatalf("no hint after a preset's change")
	}
	var under layout.Widget // a button the hint covers, and a point on both
	var x, y float64
	for _, w := range g.view.widgets {
		if w.Kind == layout.Button && w.Rect.Overlaps(r) {
			under, x, y = w, max(w.Rect.X, r.X)+1, max(w.Rect.Y, r.Y)+1
			break
		}
	}
	if under.ID == "" {
		t.Fatalf("the hint %+v covers no button; the test wants one", r)
	}
	before := g.s.Query()
	g.view.cursorX, g.view.cursorY = x, y
	g.press()
	if g.Hint() != "" || g.s.Query() != before || g.view.help {
		t.Errorf("after a tap on the hint over %s: hint %q, link %q (was %q)", under.ID, g.Hint(), g.s.Query(), before)
	}
}

// The v key opens the folded panels one after another; where that folds
// the lesson's card (the sandbox on a phone, or a short window), the card
// comes round too, so a keyboard or a clicker can read it again.
func TestPanelKeyComesBackToTheCard(t *testing.T) {
	g := gameAt(t, "lesson=7&seed=7", 390, 664)
	if g.view.frame.LessonFolded {
		t.Fatal("the sandbox opens with its card folded")
	}
	g.view.openNext()
	g.relayout()
	if !g.view.frame.LessonFolded {
		t.Fatalf("v opened %v without folding the card; the test wants a fold", g.view.open)
	}
	for range len(layout.PanelOrder()) + 1 {
		g.view.openNext()
		g.relayout()
		if !g.view.frame.LessonFolded {
			return
		}
	}
	t.Errorf("v went round the panels (%v) and never unfolded the card", g.view.open)
}

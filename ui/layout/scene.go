package layout

import (
	"fmt"
	"math"
	"strings"
)

// Content is everything the app's panels say in one frame; Scene places it.
type Content struct {
	Hidden func(string) bool // panels the lesson hides (nil: none)
	// Replaced are the places another panel draws in, with text of its
	// own (the money panel in the effects', self-assessment in the
	// ability chart's).
	Replaced  map[string]bool
	Bar       BarSpec
	Floor     FloorSpec
	FloorGrid FloorGrid
	Effects   EffectsSpec
	// Charts are the middle column's charts by name; a chart with a
	// message instead (hidden ability before Reveal) has its titles and
	// Messages set instead of a scale.
	Charts   map[string]ChartSpec
	Messages map[string][]string
	Controls ControlsSpec
	Lesson   *LessonSpec
}

// Scene is every text of a frame in place, panel by panel. The app draws
// exactly these; the layout test checks that none overlaps another or
// leaves its panel.
type Scene struct {
	Bar      BarTexts
	Floor    *FloorTexts
	Effects  *Effects
	Charts   map[string]Chart
	Messages map[string]Card // a card with a message line in its middle
	Lines    map[string][]Text
	Strips   map[string]Text // the title of a hidden panel shown as a strip
	Views    map[string]Text // the captions of ViewWidgets, by panel
	Controls ControlTexts
	Lesson   *LessonCard
}

// PanelTexts is a panel's rectangle and the texts inside it.
type PanelTexts struct {
	Name  string
	Rect  Rect
	Texts []Text
}

// Lay places the content in the frame f with widgets ws.
func (p Pen) Lay(f Frame, ws []Widget, c Content) Scene {
	s := Scene{Charts: map[string]Chart{}, Messages: map[string]Card{}, Lines: map[string][]Text{}, Strips: map[string]Text{}, Views: map[string]Text{}}
	s.Bar = p.LayBar(f.Bar, ws, c.Bar)
	hidden := func(n string) bool { return c.Hidden != nil && c.Hidden(n) }
	titles := map[string][]string{PanelFloor: c.Floor.Titles, PanelEffects: c.Effects.Titles}
	for n, ch := range c.Charts {
		titles[n] = ch.Titles
	}
	if titles[PanelAbility] == nil {
		titles[PanelAbility] = AbilityTitles()
	}
	specs := p.chartSpecs(c, f)
	for _, n := range append([]string{PanelFloor, PanelEffects}, chartNames...) {
		r := f.Panel(n)
		t := titles[n]
		short := ""
		if len(t) > 0 {
			short = t[len(t)-1]
		}
		switch {
		case c.Replaced[n] && !f.Strips[n]:
		case r.W == 0: // hidden in a narrow window: no room taken
		case f.Strips[n] && hidden(n):
			s.Strips[n] = p.CardIn(r, short+": hidden in this step of the lesson", short+": hidden", short).Title
		case f.Strips[n]: // folded: its ViewWidgets button says so
		case hidden(n):
			card := p.CardIn(r, t...)
			s.Messages[n], s.Lines[n] = card, p.Message(card.Inner, Body, "hidden in this step of the lesson", "hidden in this step", "hidden")
		case n == PanelFloor:
			ft := p.LayFloor(f, c.FloorGrid, c.Floor)
			s.Floor = &ft
		case n == PanelEffects:
			e := p.LayEffects(r, c.Effects)
			s.Effects = &e
		case c.Messages[n] != nil:
			card := p.CardIn(r, t...)
			s.Messages[n], s.Lines[n] = card, p.Message(card.Inner, Body, c.Messages[n]...)
		default:
			s.Charts[n] = p.LayChart(r, specs[n])
		}
	}
	if !f.Strips[PanelControls] {
		s.Controls = p.LayControls(f, ws, c.Controls)
	}
	for _, w := range ws {
		if n, ok := strings.CutPrefix(w.ID, OpenPrefix); ok {
			s.Views[n] = Middle(p, w.Label, Body, w.Rect, w.Rect.X+w.Rect.W/2, Center)
		} else if w.ID == MoreSliders {
			s.Views[PanelControls] = Middle(p, w.Label, Body, w.Rect, w.Rect.X+w.Rect.W/2, Center)
		}
	}
	if c.Lesson != nil && f.Lesson.W > 0 {
		l := p.LayLesson(f.Lesson, ws, shownLesson(f, *c.Lesson))
		s.Lesson = &l
	}
	return s
}

// chartSpecs are the content's charts, each sharing its x axis with the
// chart below it where that one is open right under it with the same axis
// (ChartSpec.XBelow), the pair's y labels then one width so that their
// plots align.
func (p Pen) chartSpecs(c Content, f Frame) map[string]ChartSpec {
	specs := map[string]ChartSpec{}
	for n, s := range c.Charts {
		specs[n] = s
	}
	for i, n := range chartNames[:len(chartNames)-1] {
		m := chartNames[i+1]
		s, ok := specs[n]
		o, below := specs[m]
		r, q := f.Panel(n), f.Panel(m)
		if !ok || !below || f.Strips[m] || c.Messages[m] != nil || o.X0 != s.X0 || o.X1 != s.X1 || o.XStep != s.XStep ||
			q.X != r.X || q.W != r.W || q.Y < r.Y || q.Y-(r.Y+r.H) > 2*Unit*f.Scale {
			continue
		}
		w := math.Max(p.yLabelW(s), p.yLabelW(o))
		s.XBelow, s.YLabelW, o.YLabelW = true, w, w
		specs[n], specs[m] = s, o
	}
	return specs
}

// Panels lists every text of the scene with the panel it must lie in.
func (s Scene) Panels(f Frame) []PanelTexts {
	ps := []PanelTexts{{"bar", f.Bar, s.Bar.Texts()}, {PanelControls, f.Controls, s.Controls.Texts()}}
	for n, t := range s.Strips {
		ps = append(ps, PanelTexts{n, f.Panel(n), []Text{t}})
	}
	for n, t := range s.Views {
		r := f.Controls
		if n != PanelControls {
			r = f.Panel(n)
		}
		ps = append(ps, PanelTexts{n, r, []Text{t}})
	}
	for n, c := range s.Messages {
		ps = append(ps, PanelTexts{n, f.Panel(n), append([]Text{c.Title}, s.Lines[n]...)})
	}
	for n, c := range s.Charts {
		ps = append(ps, PanelTexts{n, f.Panel(n), c.Texts()})
	}
	if s.Floor != nil {
		ps = append(ps, PanelTexts{PanelFloor, f.Floor, s.Floor.Texts()})
	}
	if s.Effects != nil {
		ps = append(ps, PanelTexts{PanelEffects, f.Effects, s.Effects.Texts()})
	}
	if s.Lesson != nil {
		ps = append(ps, PanelTexts{"lesson", f.Lesson, s.Lesson.Texts()})
	}
	return ps
}

// The app's words for its panels, shared by the app and the layout test.

// ArmLegend is the arms' legend entries, longest first.
func ArmLegend() [][]string {
	return [][]string{{"mandatory, mentored", "mand., mentored", "M mentored"},
		{"mandatory, control", "mand., control", "M control"},
		{"opt-in, mentored", "opt-in, mentored", "O mentored"},
		{"opt-in, denied", "opt-in, denied", "O denied"},
		{"opted out", "opted out", "opted out"}}
}

// RevenueChart is the revenue chart over horizon days with its y axis up
// to top dollars.
func RevenueChart(horizon, top float64) ChartSpec {
	step := NiceStep(top*1.15, 4)
	return ChartSpec{
		Titles:  []string{"Revenue per rep per day at work, by group", "Revenue per rep per day, by group", "Revenue per rep per day", "Revenue"},
		XLabels: []string{"tenure (workdays), weekly means with 95% bands", "tenure (workdays), weekly means", "tenure (workdays)"},
		X0:      0, X1: horizon, XStep: 21,
		Y0: 0, Y1: math.Max(step, math.Ceil(top*1.15/step)*step), YStep: step,
		XFormat: plain, YFormat: func(y float64) string { return fmt.Sprintf("$%.0f", y) },
		Legend: ArmLegend(),
	}
}

// RetentionChart is the share still employed over horizon days.
func RetentionChart(horizon float64) ChartSpec {
	return ChartSpec{
		Titles:  []string{"Share still employed, by group", "Still employed, by group", "Still employed"},
		XLabels: []string{"tenure (workdays); lines at 1 and 3 months", "tenure (workdays)"},
		X0:      0, X1: horizon, XStep: 21,
		Y0: 0, Y1: 1, YStep: 0.25,
		XFormat: plain, YFormat: func(y float64) string { return fmt.Sprintf("%.0f%%", 100*y) },
		Legend: ArmLegend(), LegendLow: true,
	}
}

// AbilityTitles are the ability chart's titles under the experiment, and
// AbilityTitlesAll under a policy, which the chart shows for all hires.
func AbilityTitles() []string { return []string{"Hidden ability, voluntary branch", "Hidden ability"} }

func AbilityTitlesAll() []string { return []string{"Hidden ability, all hires", "Hidden ability"} }

// AbilityAfterGuess is what the ability chart says while the step waits
// for the class's prediction.
func AbilityAfterGuess() []string {
	return []string{"predict first (on the lesson card): the answer shows here", "predict first, on the card", "predict first"}
}

// AbilityHidden is what the ability chart says before Reveal.
func AbilityHidden() []string {
	return []string{"hidden, as in any firm: press Reveal ability (a)", "hidden: press Reveal ability (a)", "press Reveal (a)"}
}

// AbilityChart is the histogram of ability from x0 to x1 (sd) with density
// up to top, titled titles, of the groups the legend names.
func AbilityChart(x0, x1, top float64, titles []string, legend [][]string) ChartSpec {
	return ChartSpec{
		Titles:  titles,
		XLabels: []string{"ability (standard deviations); density of each group", "ability (standard deviations)", "ability"},
		X0:      x0, X1: x1, XStep: 1,
		Y0: 0, Y1: top, YStep: NiceStep(top, 4),
		XFormat: plain, YFormat: func(y float64) string { return fmt.Sprintf("%.1f", y) },
		Legend: legend,
	}
}

// AbilityLegend is the ability chart's legend under the experiment, with
// nIn opt-ins and nOut opt-outs.
func AbilityLegend(nIn, nOut int) [][]string {
	return [][]string{{fmt.Sprintf("opted in (%d)", nIn), "opted in"}, {fmt.Sprintf("opted out (%d)", nOut), "opted out"}}
}

func plain(x float64) string { return fmt.Sprint(x) }

// effectsTitles are the effects panel's titles.
var effectsTitles = []string{
	"Effects so far: estimates with 95% intervals; yellow = the study's number; pink = true effects",
	"Effects so far (95% intervals); yellow = study; pink = true",
	"Effects so far",
}

// ContrastTitles are the effects panel's titles under a contrast preset,
// one that does not reproduce the study: the panel says so first.
func ContrastTitles(preset string) []string {
	return []string{
		"Effects under " + preset + " (a contrast: it does not reproduce the study): 95% intervals; yellow = the study's number; pink = true effects",
		"Effects under " + preset + " (does not reproduce the study); yellow = study; pink = true",
		"Effects (" + preset + ": not the study's fit)",
		"Effects (a contrast)",
	}
}

// EffectLabel is an effect row's label, then shorter forms of it.
func EffectLabel(long string) []string {
	short := long
	for _, r := range [][2]string{{"True effect of a mentor on sales: ", "True effect: "}, {"True effect of a mentor: ", "True effect: "},
		{" (mandatory branch, 2 months)", " (mandatory)"}, {" (mandatory branch)", " (mandatory)"}, {" (voluntary branch)", ""},
		{"Still employed at 1 month", "Staying a month"}, {", from both branches", ""}, {"Volunteers' effect minus the others'", "Volunteers' minus others' effect"}} {
		short = strings.Replace(short, r[0], r[1], 1)
	}
	return []string{long, short}
}

// EffectsAxis is the effects axis: -40% to +80% in steps of 20.
func EffectsAxis(rows []EffectRow) EffectsSpec {
	return EffectsSpec{Titles: effectsTitles, X0: -0.4, X1: 0.8, Step: 0.2, Rows: rows}
}

// FloorTitles are the floor's titles, longest first, before Reveal or
// after it.
func FloorTitles(revealed bool) []string {
	if revealed {
		return []string{"The floor: hidden ability: white = strong, dark grey = weak; the desk's pattern is its group", "The floor: white = strong, dark = weak", "The floor"}
	}
	return []string{"The floor: a desk per rep; brighter = more sales today; cut corner = mentored; hollow = left", "The floor: a desk per rep; cut corner = mentored; hollow = left", "The floor"}
}

// The IDs of the layout's own buttons: the sliders' More button, and the
// strip of a folded chart (OpenPrefix and the chart's name).
const (
	viewPrefix  = "view_"
	MoreSliders = viewPrefix + "more_sliders"
	OpenPrefix  = viewPrefix + "open_"
)

// ViewWidgets are the layout's own buttons, drawn as chips: More, which
// shows the next page of sliders, and a strip per folded chart, which
// opens it. Their labels are cut to fit.
func (p Pen) ViewWidgets(f Frame, titles map[string]string) []Widget {
	u := p.U
	var ws []Widget
	if f.More.W > 0 {
		label := fmt.Sprintf("more controls ► (page %d of %d)", f.Page+1, f.Pages)
		ws = append(ws, Widget{ID: MoreSliders, Kind: Chip, Label: Fit(p, Body, f.More.W-0.4*u, label, fmt.Sprintf("more ► (%d/%d)", f.Page+1, f.Pages), "more ►"), Rect: f.More})
	}
	for _, n := range f.Folded {
		r := f.Panel(n)
		r.H = math.Min(r.H, StripHeight*u)
		ws = append(ws, Widget{ID: OpenPrefix + n, Kind: Chip, Label: Fit(p, Body, r.W-0.4*u, titles[n]+" ► show", titles[n]), Rect: r})
	}
	if l := f.Lesson; f.LessonFolded {
		r := Rect{l.X + 0.6*u, l.Y + 0.5*u, l.W - 1.2*u, StripHeight * u}
		ws = append(ws, Widget{ID: OpenPrefix + LessonPlace, Kind: Chip, Label: Fit(p, Body, r.W-0.4*u, titles[LessonPlace]+" ► show", titles[LessonPlace]), Rect: r})
	}
	return ws
}

// shownLesson is what of the lesson's card l shows in the frame: all of
// it, or where the card is folded only its buttons (its title is a tab).
func shownLesson(f Frame, l LessonSpec) LessonSpec {
	if f.LessonFolded {
		return LessonSpec{Next: l.Next}
	}
	return l
}

// ReplacedBy is the panel that may be drawn in place's place, or "".
func ReplacedBy(place string) string {
	for by, p := range inPlaceOf {
		if p == place {
			return by
		}
	}
	return ""
}

// Arrange lays out a w×h window: the lesson card as tall as its text l
// needs (nil: no lesson), the frame, and the widgets, the layout's own
// included.
func (p Pen) Arrange(w, h float64, o Options, l *LessonSpec) (Frame, []Widget) {
	width := func(s string) float64 { return p.Width(s, Body) }
	o.BarRows = BarRows(w, p.U/Unit, width, len(o.Focus) > 0)
	if l != nil {
		o.LessonH = p.LessonHeight(w, *l)
		o.SideLessonW = p.sideLessonWidth(w, h-BarHeight(o.BarRows, p.U), *l)
	}
	f := ComputeWith(w, h, p.U/Unit, o)
	ws := Widgets(f, width)
	titles := map[string]string{}
	if l != nil {
		ws = append(ws, p.guessChips(f, ws, shownLesson(f, *l))...)
		titles[LessonPlace] = l.Title
	}
	for n, t := range panelShort {
		titles[n] = t
		if by := ReplacedBy(n); o.Replaced[n] {
			titles[n] = panelShort[by]
		}
	}
	return f, append(ws, p.ViewWidgets(f, titles)...)
}

// sideLessonWidth is the width of the lesson's card beside the panels
// (a phone held sideways), where it is room tall: SideLessonWidth of
// the window w, or wider where its text needs it, up to MaxSideLessonWidth.
func (p Pen) sideLessonWidth(w, room float64, l LessonSpec) float64 {
	for share := SideLessonWidth; ; share += 0.02 {
		side := math.Round(share * w)
		if share >= MaxSideLessonWidth || p.LessonHeight(side, l) <= room {
			return side
		}
	}
}

// Calendar is the day counter, longest first.
func Calendar(day, days, week, classes, allClasses int) []string {
	return []string{
		fmt.Sprintf("day %d of %d · week %d · %d of %d classes hired", day, days, week, classes, allClasses),
		fmt.Sprintf("day %d of %d · week %d", day, days, week),
		fmt.Sprintf("day %d of %d", day, days),
		fmt.Sprintf("day %d/%d", day, days),
	}
}

// PresetsTitles and SlidersTitles are the controls' titles, longest first.
func PresetsTitles() []string { return []string{"Explanation (preset)", "Explanation", "Preset"} }

func SlidersTitles() []string { return []string{"Assumptions", "Assumed"} }

// guessChips are the prediction's choices, in a row on the lesson's card
// where LayLesson leaves room for them; and the Next button takes the
// spec's caption.
func (p Pen) guessChips(f Frame, ws []Widget, l LessonSpec) []Widget {
	for i := range ws {
		if ws[i].ID == "lesson_next" && l.Next != "" {
			ws[i].Label = l.Next
		}
	}
	card := p.LayLesson(f.Lesson, nil, l)
	area := card.Choices
	if len(l.Choices) == 0 || area.W == 0 || f.Lesson.W == 0 {
		return nil
	}
	gap, h := choiceGap*p.U, lessonButtonH(p.U)
	per := (len(l.Choices) + card.ChoiceRows - 1) / card.ChoiceRows
	var out []Widget
	for first := 0; first < len(l.Choices); first += per {
		row := l.Choices[first:min(first+per, len(l.Choices))]
		widths := p.chipWidths(row, area.W-gap*float64(len(row)-1))
		x, y := area.X, area.Y+float64(first/per)*(h+choiceRowGap*p.U)
		for i, c := range row {
			out = append(out, Widget{ID: fmt.Sprintf("%s%d", GuessPrefix, first+i), Kind: GuessChip, Label: c,
				Rect: Rect{x, y, widths[i], h}})
			x += widths[i] + gap
		}
	}
	return out
}

// chipWidths shares room among the choices' chips: equally where every
// label fits so, else each as wide as its label and the rest shared
// equally (a phone's "about the same" beside "weaker"), else equally,
// the labels then cut short.
func (p Pen) chipWidths(choices []string, room float64) []float64 {
	n := float64(len(choices))
	need, total, most := make([]float64, len(choices)), 0.0, 0.0
	for i, c := range choices {
		need[i] = p.Width(c, LessonBold) + 0.6*p.U
		total, most = total+need[i], math.Max(most, need[i])
	}
	out := make([]float64, len(choices))
	for i := range out {
		switch {
		case most <= room/n || total > room:
			out[i] = room / n
		default:
			out[i] = need[i] + (room-total)/n
		}
		out[i] = math.Max(0, out[i])
	}
	return out
}

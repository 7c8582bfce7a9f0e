package layout

import (
	"fmt"
	"math"
	"strings"
)

// BarSpec is the bar's text besides the buttons' captions.
type BarSpec struct {
	Labels   map[string]string // captions that differ from the widget's (Pause for Play)
	Seed     string
	Speed    string   // e.g. "20 d/s"
	Calendar []string // the day counter, longest first
}

// BarTexts are the bar's texts: a caption per button, the seed's and the
// speed's labels and values, and the day counter (nil without room; the
// test requires room for it at every window size it checks).
type BarTexts struct {
	Buttons           map[string]Text
	SeedLabel, Seed   Text
	SpeedLabel, Speed Text
	Calendar          *Text
	HasSeed, HasSpeed bool // the bar has the seed and speed widgets
}

// Texts lists the bar's texts.
func (b BarTexts) Texts() []Text {
	var ts []Text
	for _, t := range b.Buttons {
		ts = append(ts, t)
	}
	if b.HasSeed {
		ts = append(ts, b.SeedLabel, b.Seed)
	}
	if b.HasSpeed {
		ts = append(ts, b.SpeedLabel, b.Speed)
	}
	if b.Calendar != nil {
		ts = append(ts, *b.Calendar)
	}
	return ts
}

// LayBar places the bar's texts for its widgets: the calendar goes at the
// right end of the speed's row, left of anything else there, the longest
// form that fits; where none does, on the row below if the bar has one.
func (p Pen) LayBar(bar Rect, ws []Widget, s BarSpec) BarTexts {
	u := p.U
	b := BarTexts{Buttons: map[string]Text{}}
	var speed Rect
	for _, w := range ws {
		if !bar.Holds(w.Rect) {
			continue
		}
		switch {
		case w.Kind == Button:
			label := w.Label
			if l, ok := s.Labels[w.ID]; ok {
				label = l
			}
			label = Fit(p, Body, w.Rect.W-0.4*u, label)
			b.Buttons[w.ID] = Middle(p, label, Body, w.Rect, w.Rect.X+w.Rect.W/2, Center)
		case w.ID == "seed":
			b.HasSeed = true
			b.SeedLabel = Middle(p, "seed", Body, w.Rect, w.Rect.X-0.4*u, Right)
			b.Seed = Middle(p, Fit(p, Body, w.Rect.W-0.8*u, s.Seed), Body, w.Rect, w.Rect.X+0.4*u, Left)
		case w.ID == "speed":
			b.HasSpeed, speed = true, w.Rect
			b.SpeedLabel = Middle(p, "speed", Body, w.Rect, w.Rect.X-0.4*u, Right)
			b.Speed = Middle(p, s.Speed, Small, w.Rect, w.Rect.X+w.Rect.W+0.4*u, Left)
		}
	}
	if !b.HasSpeed {
		return b
	}
	// The speed's row: its line of the bar.
	row := Rect{bar.X, speed.Y - 0.5*u, bar.W, speed.H + u}
	lo, hi := b.Speed.Box.X+b.Speed.Box.W+0.8*u, bar.X+bar.W-0.8*u
	for _, w := range ws {
		if w.Rect.X > speed.X && w.Rect.Y < row.Y+row.H && w.Rect.Y+w.Rect.H > row.Y {
			hi = math.Min(hi, w.Rect.X-0.8*u)
		}
	}
	b.Calendar = p.calendar(s.Calendar, row, lo, hi)
	if below := (Rect{bar.X, row.Y + 2*u, bar.W, row.H}); b.Calendar == nil && bar.Holds(below) {
		// A row of its own, where the bar has one (barFlow)
		b.Calendar = p.calendar(s.Calendar, below, bar.X+0.8*u, bar.X+bar.W-0.8*u)
	}
	return b
}

// calendar places the longest of the day counter's forms that fits
// between lo and hi in row, right-aligned; nil if none does.
func (p Pen) calendar(forms []string, row Rect, lo, hi float64) *Text {
	for _, c := range forms {
		if p.Width(c, Body) <= hi-lo {
			t := Middle(p, c, Body, row, hi, Right)
			return &t
		}
	}
	return nil
}

// SliderCaption is a slider's name and value, longest first.
type SliderCaption struct {
	Names, Values []string
}

// ControlsSpec is the controls' text.
type ControlsSpec struct {
	Presets, Sliders []string // the two titles, longest first
	Captions         map[string]SliderCaption
}

// ControlTexts are the controls' texts.
type ControlTexts struct {
	Presets, Sliders *Text
	Chips            map[string]Text
	Names, Values    map[string]Text
}

// Texts lists the controls' texts.
func (c ControlTexts) Texts() []Text {
	var ts []Text
	for _, t := range []*Text{c.Presets, c.Sliders} {
		if t != nil {
			ts = append(ts, *t)
		}
	}
	for _, m := range []map[string]Text{c.Chips, c.Names, c.Values} {
		for _, t := range m {
			ts = append(ts, t)
		}
	}
	return ts
}

// LayControls places the presets' title and chips' captions, the sliders'
// title and each slider's name (left) and value (right) above its track:
// values lose their units, then names are cut short, to share the line.
func (p Pen) LayControls(f Frame, ws []Widget, s ControlsSpec) ControlTexts {
	u := p.U
	c := f.Controls
	t := ControlTexts{Chips: map[string]Text{}, Names: map[string]Text{}, Values: map[string]Text{}}
	title := func(y float64, alts []string) *Text {
		x := Place(p, Fit(p, Heading, c.W-0.4*u, alts...), Heading, c.X+0.4*u, y, Left)
		return &x
	}
	t.Presets = title(c.Y+0.2*u, s.Presets)
	first := true
	for _, w := range ws {
		switch {
		case w.Kind == Chip && !strings.HasPrefix(w.ID, viewPrefix):
			t.Chips[w.ID] = Middle(p, Fit(p, Body, w.Rect.W-0.4*u, w.Label), Body, w.Rect, w.Rect.X+w.Rect.W/2, Center)
		case w.Kind == Slider && w.ID != "speed" && c.Holds(w.Rect):
			if first {
				t.Sliders, first = title(w.Rect.Y-1.1*u-1.4*u, s.Sliders), false
			}
			name, value := p.caption(s.Captions[w.ID], w.Rect.W)
			y := w.Rect.Y - 0.2*u - p.Height(Small)
			t.Names[w.ID] = Place(p, name, Small, w.Rect.X, y, Left)
			t.Values[w.ID] = Place(p, value, Small, w.Rect.X+w.Rect.W, y, Right)
		}
	}
	return t
}

// caption picks the longest name and value that share a line w wide: the
// plain name first, dropping the value's unit before it falls back to the
// parameter's code name.
func (p Pen) caption(c SliderCaption, w float64) (name, value string) {
	gap := 0.5 * p.U
	for _, n := range c.Names {
		for _, v := range c.Values {
			if p.Width(n, Small)+gap+p.Width(v, Small) <= w {
				return n, v
			}
		}
	}
	if len(c.Values) > 0 {
		value = c.Values[len(c.Values)-1]
	}
	return Fit(p, Small, w-gap-p.Width(value, Small), c.Names...), value
}

// LessonSpec is the lesson card's text.
type LessonSpec struct {
	Title, Text, Question string
	Counter               string // "step 1 of 7"
	Hint                  string // the keys, shown if there is room
	// A prediction asked before the answer shows: its question, its
	// choices (a button each) until answered, then the guess beside the
	// simulation's answer (Result).
	Ask     string
	Choices []string
	Result  string
	Next    string // the Next button's caption where it differs ("Answer ►")
}

// LessonCard is the card's layout: the texts, the bar beside the question,
// and the height it all takes.
type LessonCard struct {
	Lines       []Text
	Question    int // Lines[Question:] are the question's
	Ask, Result []Text
	Choices     Rect // the rows of the prediction's choices (empty: none)
	ChoiceRows  int  // how many rows the choices take (ChoiceRows)
	QuestionBar Rect
	Counter     Text
	Hint        *Text
	Buttons     map[string]Text
	Height      float64
	TextW       float64
}

// Texts lists the card's texts.
func (l LessonCard) Texts() []Text {
	ts := append([]Text{l.Counter}, l.Lines...)
	ts = append(append(ts, l.Ask...), l.Result...)
	if l.Hint != nil {
		ts = append(ts, *l.Hint)
	}
	for _, t := range l.Buttons {
		ts = append(ts, t)
	}
	return ts
}

// LayLesson lays out the lesson's card r: title, text and question down
// the left, the counter, the keys and the buttons (from ws) on the right.
// Lines that do not fit the card's height are left out (the card is made
// as tall as its text needs, up to half the window).
func (p Pen) LayLesson(r Rect, ws []Widget, s LessonSpec) LessonCard {
	u := p.U
	narrow := NarrowLesson(r.W, u)
	l := LessonCard{TextW: r.W - (LessonButtonsWidth+2.2)*u, Buttons: map[string]Text{}}
	title, text, question, result := LessonTitle, LessonFace, LessonBold, LessonBold
	titleW, bottom := l.TextW, r.Y+r.H
	if narrow { // the app's own faces, the text across the card, the counter beside the title
		title, text, question, result = LessonBold, Body, Heading, Heading
		l.TextW = r.W - 1.6*u
		titleW = l.TextW - p.Width(s.Counter, title) - 0.8*u
		bottom -= lessonButtonH(u) + 0.6*u // the buttons' row (Widgets)
	}
	x, y := r.X+0.8*u, r.Y+0.5*u
	fits := func(f Face) bool { return y+p.Height(f) <= bottom || r.H == 0 }
	add := func(s string, f Face, x float64) {
		if s != "" && fits(f) {
			l.Lines = append(l.Lines, Place(p, s, f, x, y, Left))
		}
	}
	add(Fit(p, title, titleW, s.Title), title, x)
	y += p.Height(title) * 1.35
	for _, line := range Wrap(p, s.Text, text, l.TextW) {
		add(line, text, x)
		y += p.Height(text) * 1.2
	}
	if s.Ask != "" { // the prediction: its question, then the choices or the answer
		y += 0.3 * u
		for _, line := range Wrap(p, s.Ask, question, l.TextW) {
			if fits(question) {
				l.Ask = append(l.Ask, Place(p, line, question, x, y, Left))
			}
			y += p.Height(question) * 1.2
		}
		if len(s.Choices) > 0 {
			rows := p.ChoiceRows(s.Choices, l.TextW)
			h := float64(rows)*lessonButtonH(u) + float64(rows-1)*choiceRowGap*u
			if y+0.2*u+h <= bottom || r.H == 0 {
				l.Choices, l.ChoiceRows = Rect{x, y + 0.2*u, l.TextW, h}, rows
			}
			y += h + 0.4*u
		}
		for _, line := range Wrap(p, s.Result, result, l.TextW) {
			if fits(result) {
				l.Result = append(l.Result, Place(p, line, result, x, y, Left))
			}
			y += p.Height(result) * 1.2
		}
	}
	l.Question = len(l.Lines)
	if s.Question != "" && (s.Ask == "" || s.Result != "") {
		y += 0.3 * u
		top := y
		for _, line := range Wrap(p, "Question: "+s.Question, question, l.TextW-0.6*u) {
			add(line, question, x+0.4*u)
			y += p.Height(question) * 1.2
		}
		l.QuestionBar = Rect{x - 0.3*u, top - 0.15*u, 0.25 * u, math.Min(y, bottom) - top + 0.1*u}
	}
	l.Height = y - r.Y + 0.4*u
	if narrow {
		l.Height += lessonButtonH(u) + 0.6*u
	}
	right := r.X + r.W - 0.6*u
	l.Counter = Place(p, Fit(p, title, LessonButtonsWidth*u+1.4*u, s.Counter), title, right, r.Y+0.5*u, Right)
	hintY := r.Y + 0.6*u + 1.6*p.Height(LessonTitle)
	for _, w := range ws {
		switch w.ID {
		case "lesson_back":
			if !narrow && hintY+p.Height(Small)+0.2*u < w.Rect.Y && s.Hint != "" {
				h := Place(p, s.Hint, Small, right, hintY, Right)
				l.Hint = &h
			}
			fallthrough
		case "lesson_next":
			l.Buttons[w.ID] = Middle(p, Fit(p, LessonBold, w.Rect.W-0.4*u, w.Label), LessonBold, w.Rect, w.Rect.X+w.Rect.W/2, Center)
		}
		if w.Kind == GuessChip {
			l.Buttons[w.ID] = Middle(p, Fit(p, LessonBold, w.Rect.W-0.4*u, w.Label), LessonBold, w.Rect, w.Rect.X+w.Rect.W/2, Center)
		}
	}
	return l
}

// FloorSpec is the floor's text: its title and a name per group, which
// the layout labels with the group's count of reps.
type FloorSpec struct {
	Titles []string
	Labels []string
}

// FloorArea is where the floor's desks and group labels go in its panel,
// and FloorLabelH the height of a group's label line.
func FloorArea(f Frame) Rect {
	u := Unit * f.Scale
	a := f.Floor.Inset(0.6 * u)
	a.Y += 1.4 * u
	a.H = math.Max(0, a.H-1.4*u)
	return a
}

// FloorLabelH is the height of a floor group's label line.
func FloorLabelH(scale float64) float64 { return 1.3 * Unit * scale }

// FloorTexts are the floor's title and group labels, each group's a line
// or, beside its desks, as many as its label needs and its rows leave room
// for.
type FloorTexts struct {
	Title  Text
	Labels [][]Text // by group, in the grid's order
}

// Texts lists the floor's texts.
func (t FloorTexts) Texts() []Text {
	ts := []Text{t.Title}
	for _, l := range t.Labels {
		ts = append(ts, l...)
	}
	return ts
}

// LayFloor places the floor's title and its groups' labels in the grid g.
func (p Pen) LayFloor(f Frame, g FloorGrid, s FloorSpec) FloorTexts {
	t := FloorTexts{Title: p.CardIn(f.Floor, s.Titles...).Title}
	for i, grp := range g.Groups { // after a pattern swatch 1.1 units wide
		var lines []Text
		if i < len(s.Labels) && p.Height(Small) <= grp.Label.H-0.1*p.U {
			r := grp.Label
			r.X, r.Y, r.W, r.H = r.X+1.1*p.U, r.Y+0.1*p.U, r.W-1.4*p.U, r.H-0.1*p.U // a gap before the desks beside
			lines = p.floorLabel(s.Labels[i], len(grp.Reps), r)
		}
		t.Labels = append(t.Labels, lines)
	}
	return t
}

// floorLabel lays out a group's name and count in r: on a line; else
// wrapped onto the lines r's height leaves (a column beside tall groups);
// else on a line with the name cut short, so that the count still shows;
// else the count alone, cut short if even it is too wide.
func (p Pen) floorLabel(name string, n int, r Rect) []Text {
	count := fmt.Sprintf("(%d)", n)
	lineH := 1.1 * p.Height(Small)
	wrapped := Wrap(p, name+" "+count, Small, r.W)
	fits := float64(len(wrapped)-1)*lineH+p.Height(Small) <= r.H && strings.HasSuffix(wrapped[len(wrapped)-1], count)
	for _, line := range wrapped {
		fits = fits && !strings.HasSuffix(line, "…") // a word cut to fit
	}
	if !fits {
		wrapped = []string{Fit(p, Small, r.W, count)}
		if cut := Fit(p, Small, r.W-p.Width(" "+count, Small), name); cut != "" {
			wrapped[0] = cut + " " + count
		}
	}
	lines := make([]Text, 0, len(wrapped))
	for k, line := range wrapped {
		if line != "" {
			lines = append(lines, Place(p, line, Small, r.X, r.Y+float64(k)*lineH, Left))
		}
	}
	return lines
}

// choiceRowGap is the gap between rows of a prediction's choices, and
// choiceGap between choices in a row, in units.
const choiceRowGap, choiceGap = 0.3, 0.4

// ChoiceRows is how many rows a prediction's choices take in a card w
// wide: as few as let every label read whole (a small phone held
// sideways takes two), at most one a choice.
func (p Pen) ChoiceRows(choices []string, w float64) int {
	n := len(choices)
	for rows := 1; rows < n; rows++ {
		if p.rowsFit(choices, (n+rows-1)/rows, w) {
			return rows
		}
	}
	return max(1, n)
}

// rowsFit reports whether the choices, per to a row, each label with its
// margin and the gaps between them, fit the width w.
func (p Pen) rowsFit(choices []string, per int, w float64) bool {
	for i := 0; i < len(choices); i += per {
		need := -choiceGap * p.U
		for _, c := range choices[i:min(i+per, len(choices))] {
			need += p.Width(c, LessonBold) + 0.6*p.U + choiceGap*p.U
		}
		if need > w {
			return false
		}
	}
	return true
}

// NarrowLesson reports whether a lesson card w device pixels wide is
// narrow, in a Narrow window (the card spans it less its margins): its
// text then runs across the card, and Back and Next go in a row below it
// instead of a column beside it.
func NarrowLesson(w, u float64) bool { return Narrow(w+0.8*u, u/Unit) }

// lessonButtonH is the height of the lesson's Back and Next buttons.
func lessonButtonH(u float64) float64 { return 2.2 * u }

// LessonHeight is the height of the card the step's text needs in a
// window w device pixels wide, its margins included.
func (p Pen) LessonHeight(w float64, s LessonSpec) float64 {
	return p.LayLesson(Rect{W: w - 0.8*p.U}, nil, s).Height + 0.8*p.U
}

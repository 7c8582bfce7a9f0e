package layout

import (
	"fmt"
	"math"
)

// EffectsSpec is what the effects panel shows: a row per estimate, on an
// axis of relative effects from X0 to X1.
type EffectsSpec struct {
	Titles       []string // longest first
	X0, X1, Step float64
	Rows         []EffectRow
	Note         []string // a line after the rows (why rows are absent), longest first
}

// EffectRow is one estimate: its labels and printed values, longest first,
// and where it sits (NaN: nothing to mark). Values beyond the axis get an
// arrow at its edge with the value beside it.
type EffectRow struct {
	Labels, Values []string
	Estimate       float64
	Lo, Hi         float64 // its 95% interval
	Target         float64 // the study's number
	Share          bool    // a share, not a lift: printed without a sign
}

// Effects is the panel's layout.
type Effects struct {
	Card
	Plot  Rect
	Ticks []Tick
	Rows  []EffectLine
	Note  *Text
}

// EffectLine is a row's layout: its band, its label and value, and the
// arrow and value at the axis's edge for an estimate beyond it.
type EffectLine struct {
	Row          Rect
	Label, Value Text
	Beyond       *Text
}

// Texts lists every text of the panel.
func (e Effects) Texts() []Text {
	ts := []Text{e.Title}
	for _, t := range e.Ticks {
		ts = append(ts, t.Label)
	}
	for _, r := range e.Rows {
		ts = append(ts, r.Label, r.Value)
		if r.Beyond != nil {
			ts = append(ts, *r.Beyond)
		}
	}
	if e.Note != nil {
		ts = append(ts, *e.Note)
	}
	return ts
}

// PX is the x of value v on the axis, clamped to it.
func (e Effects) PX(s EffectsSpec, v float64) float64 {
	v = math.Max(s.X0, math.Min(s.X1, v))
	return e.Plot.X + (v-s.X0)/(s.X1-s.X0)*e.Plot.W
}

// Percent formats a lift as a signed percentage (+19%) and a share as a
// plain one (50%).
func Percent(v float64, share bool) string {
	if share {
		return fmt.Sprintf("%.0f%%", 100*v)
	}
	return fmt.Sprintf("%+.0f%%", 100*v)
}

// rowGap is the least space between effect rows, in units: the rows'
// lines already hold their glyphs' ascent and descent.
const rowGap = 0.05

// fewRows is the most rows drawn in the lesson's text size.
const fewRows = 4

// maxRowPitch is the most height a row takes, in units.
const maxRowPitch = 3.5

// LayEffects lays out the effects panel in r: labels, then values, then
// the axis; labels and values shorten (then drop the intervals) until the
// axis keeps at least a third of the width. Rows that do not fit a line
// each are left out from the bottom, after the ticks' labels.
func (p Pen) LayEffects(r Rect, s EffectsSpec) Effects {
	u := p.U
	e := Effects{Card: p.CardIn(r, s.Titles...)}
	in := e.Inner
	face := Small
	if len(s.Rows) > 0 && len(s.Rows) <= fewRows && in.H/float64(len(s.Rows)) >= 1.8*u { // a lesson's few rows, large
		face = LessonFace
	}
	small := p.Height(face)
	labels, values, fit := p.effectColumns(s.Rows, in.W-0.8*u-math.Max(in.W/3, 8*u), face)
	if face == LessonFace && !fit { // a narrow panel (a phone): each label on a line of its own
		if st, ok := p.layStacked(e, s, face); ok {
			return st
		}
		face = Small
		small = p.Height(face)
		labels, values, fit = p.effectColumns(s.Rows, in.W-0.8*u-math.Max(in.W/3, 8*u), face)
	}
	if !fit && len(s.Rows) > 0 && len(s.Rows) <= fewRows && len(s.Note) == 0 { // a lesson's few rows, cut short: stacked, small, if that fits (layStacked draws no note)
		if st, ok := p.layStacked(e, s, Small); ok {
			return st
		}
	}
	lw, vw := 0.0, 0.0
	for i := range s.Rows {
		lw, vw = math.Max(lw, p.Width(labels[i], face)), math.Max(vw, p.Width(values[i], face))
	}
	ts := ticks(s.X0, s.X1, s.Step)
	tw := 0.0
	for _, t := range ts {
		tw = math.Max(tw, p.Width(Percent(t, false), face))
	}
	// Room on the right for half the last tick's label.
	e.Plot = Rect{in.X + lw + vw + 0.8*u, in.Y, math.Max(0, in.W-lw-vw-0.8*u-tw/2), math.Max(0, in.H-small-0.3*u)}
	lines := len(s.Rows)
	if len(s.Note) > 0 {
		lines++
	}
	e.Plot.H = math.Min(e.Plot.H, float64(lines)*maxRowPitch*u) // a few rows stay together, the axis under them
	n := min(lines, int(e.Plot.H/(small+rowGap*u)))
	if n < lines { // rows before ticks: the values column has the numbers
		e.Plot.H = in.H
		n = min(lines, int(e.Plot.H/(small+rowGap*u)))
		ts = nil
	}
	for k := 1; k <= len(ts); k = next(k) {
		if e.Plot.W/(s.X1-s.X0)*s.Step*float64(k) >= tw+0.5*u {
			for i := 0; i < len(ts); i += k {
				t := Place(p, Percent(ts[i], false), face, e.PX(s, ts[i]), e.Plot.Y+e.Plot.H+0.2*u, Center)
				e.Ticks = append(e.Ticks, Tick{ts[i], t})
			}
			break
		}
	}
	if n == 0 {
		return e
	}
	rowH := e.Plot.H / float64(n)
	if n > len(s.Rows) {
		band := Rect{in.X, e.Plot.Y + float64(len(s.Rows))*rowH, in.W, rowH}
		t := Middle(p, Fit(p, face, in.W, s.Note...), face, band, in.X, Left)
		e.Note = &t
	}
	for i, row := range s.Rows[:min(n, len(s.Rows))] {
		band := Rect{in.X, e.Plot.Y + float64(i)*rowH, in.W, rowH}
		l := EffectLine{Row: band,
			Label: Middle(p, labels[i], face, band, in.X, Left),
			Value: Middle(p, values[i], face, band, in.X+lw+0.5*u, Left)}
		switch v := row.Estimate; {
		case row.Share: // on a 0–100% bar of its own
		case v > s.X1:
			t := Middle(p, Percent(v, row.Share)+" ►", face, band, e.Plot.X+e.Plot.W, Right)
			l.Beyond = &t
		case v < s.X0:
			t := Middle(p, "◄ "+Percent(v, row.Share), face, band, e.Plot.X, Left)
			l.Beyond = &t
		}
		if l.Beyond != nil && l.Beyond.Box.W > e.Plot.W {
			l.Beyond = nil // the value column says it
		}
		e.Rows = append(e.Rows, l)
	}
	return e
}

// effectColumns picks each row's label and value: the longest labels and
// values whose columns leave room wide; labels shorten first, then the
// values; the last resort cuts the labels short.
func (p Pen) effectColumns(rows []EffectRow, room float64, face Face) (labels, values []string, fit bool) {
	labels, values = make([]string, len(rows)), make([]string, len(rows))
	pick := func(alts []string, k int) string {
		if len(alts) == 0 {
			return ""
		}
		return alts[min(k, len(alts)-1)]
	}
	widest := func(ss []string) float64 {
		w := 0.0
		for _, s := range ss {
			w = math.Max(w, p.Width(s, face))
		}
		return w
	}
	for va := 0; va < 4; va++ {
		for la := 0; la < 3; la++ {
			for i, r := range rows {
				labels[i], values[i] = pick(r.Labels, la), pick(r.Values, va)
			}
			if widest(labels)+widest(values) <= room {
				return labels, values, true
			}
		}
	}
	lw := math.Max(0, room-widest(values))
	for i := range labels {
		labels[i] = Fit(p, face, lw, labels[i])
	}
	return labels, values, false
}

// layStacked lays out a few rows in a narrow panel: each row's label on a
// line across the panel, its value and interval on the line under it.
// It reports false where the panel is too short for every row so.
func (p Pen) layStacked(e Effects, s EffectsSpec, face Face) (Effects, bool) {
	u, in := p.U, e.Inner
	lineH := p.Height(face)
	pitch := 2.4 * lineH
	var values []string
	vw := 0.0
	for _, row := range s.Rows {
		v := row.Values[len(row.Values)-1]
		for _, alt := range row.Values {
			if p.Width(alt, face) <= in.W/2 {
				v = alt
				break
			}
		}
		values, vw = append(values, v), math.Max(vw, p.Width(v, face))
	}
	tw := p.Width(Percent(s.X1, false), face)
	n := min(len(s.Rows), int((in.H-lineH-0.3*u)/pitch))
	if n < len(s.Rows) {
		return e, false
	}
	e.Plot = Rect{in.X + vw + 0.8*u, in.Y, math.Max(0, in.W-vw-0.8*u-tw/2), float64(n) * pitch}
	for k := 1; k <= len(ticks(s.X0, s.X1, s.Step)); k = next(k) {
		ts := ticks(s.X0, s.X1, s.Step)
		if e.Plot.W/(s.X1-s.X0)*s.Step*float64(k) >= tw+0.5*u {
			for i := 0; i < len(ts); i += k {
				t := Place(p, Percent(ts[i], false), face, e.PX(s, ts[i]), e.Plot.Y+e.Plot.H+0.2*u, Center)
				e.Ticks = append(e.Ticks, Tick{ts[i], t})
			}
			break
		}
	}
	for i, row := range s.Rows[:n] {
		top := e.Plot.Y + float64(i)*pitch
		band := Rect{in.X, top + 1.1*lineH, in.W, pitch - 1.1*lineH}
		e.Rows = append(e.Rows, EffectLine{Row: band,
			Label: Place(p, Fit(p, face, in.W, row.Labels...), face, in.X, top, Left),
			Value: Middle(p, values[i], face, band, in.X, Left)})
	}
	return e, true
}

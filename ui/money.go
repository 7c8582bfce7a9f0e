package ui

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/session"
)

// moneyColumn is one column of the money table.
type moneyColumn struct {
	head     string
	cell     func(i int, o study.Outcomes) string
	required bool // the policy's name, its net and its net against none
	rank     int  // an optional column's turn for room: the share mentored first
}

// drawMoney draws, in the effects' place, the policy chooser's chips and
// what each policy brings per hire on the current scenario's reps: the
// numbers `mentorsim policies` prints for it, with the assumptions that
// make the dollars illustrative. Columns and lines it has no room for are
// left out, the optional ones first.
func (g *Game) drawMoney(dst *ebiten.Image, r layout.Rect) {
	v := &g.view
	u := v.unit()
	fill(dst, r, panel)
	title := fitText(v.fonts.heading, r.W-1.2*u, "Policies in money: per hire over the run, the same reps under each (illustrative)",
		"Policies in money, per hire (illustrative)", "Policies in money (illustrative)", "Money (illustrative)")
	say(dst, title, v.fonts.heading, r.X+0.6*u, r.Y+0.4*u, left, ink)
	for i, w := range v.widgets {
		switch {
		case w.Kind == layout.PolicyChip:
			g.drawButton(dst, w, w.Label, session.PolicyChipID(g.s.Policy()) == w.ID)
		case w.Kind == layout.Chip && r.Holds(w.Rect):
			if i == 0 || v.widgets[i-1].Kind != layout.Chip { // the row's caption, before its first chip
				sayMiddle(dst, explanationCaption, v.fonts.body, w.Rect, r.X+0.6*u, left, dim)
			}
			g.drawButton(dst, w, w.Label, g.s.Scenario.Preset == w.ID)
		}
	}
	in := g.moneyArea(r)
	m, err := g.s.Money()
	if err != nil {
		say(dst, err.Error(), v.fonts.small, in.X, in.Y, left, accent)
		return
	}
	g.drawMoneyTable(dst, in, m)
}

// moneyArea is where the table goes in the panel r: under the title and
// the policies' chips.
func (g *Game) moneyArea(r layout.Rect) layout.Rect {
	u := g.view.unit()
	y := r.Y + 1.8*u
	for _, w := range g.view.widgets {
		if w.Kind == layout.PolicyChip || w.Kind == layout.Chip && r.Holds(w.Rect) {
			y = math.Max(y, w.Rect.Y+w.Rect.H+0.3*u)
		}
	}
	return layout.Rect{X: r.X + 0.6*u, Y: y, W: r.W - 1.2*u, H: r.Y + r.H - 0.4*u - y}
}

// moneyTable is how the money table fits its place: its columns, their
// face and widths, the row pitch, and the columns shown (nil: none fit).
type moneyTable struct {
	cols   []moneyColumn
	face   *face
	lineH  float64
	widths []float64
	shown  []int
}

// fitMoney fits the table in in: in the body's size where the panel has
// room for its rows and for all but one of the columns it would have in
// small (the lesson's step 6 asks about it: larger rather than one more
// optional column), else small, the optional columns left out as need be.
func (g *Game) fitMoney(in layout.Rect, m session.Money) moneyTable {
	v := &g.view
	u := v.unit()
	t := moneyTable{cols: moneyColumns(m), face: v.fonts.small, lineH: 1.25 * u}
	measure := func(fc *face) (widths []float64, shown []int) {
		widths = make([]float64, len(t.cols))
		for c, col := range t.cols {
			widths[c] = width(col.head, fc)
			for i, o := range m.Policies {
				widths[c] = math.Max(widths[c], width(col.cell(i, o), fc))
			}
			widths[c] += 0.9 * u
		}
		return widths, fitColumns(t.cols, widths, in.W)
	}
	t.widths, t.shown = measure(t.face)
	bigH := bodyLineH(u, &v.fonts)
	required := 0
	for _, c := range t.cols {
		if c.required {
			required++
		}
	}
	// All but one column, and not the last optional one (the share mentored).
	if bw, bs := measure(v.fonts.body); bs != nil && len(bs) >= len(t.shown)-1 && (len(bs) > required || len(t.shown) == required) && in.H >= bodyTableH(u, &v.fonts) {
		t.face, t.lineH, t.widths, t.shown = v.fonts.body, bigH, bw, bs
	}
	// The table and the assumptions' line: tighter rows rather than fewer.
	t.lineH = math.Max(0.9*u, math.Min(t.lineH, (in.H-0.2*u)/7))
	if in.H < 6*t.lineH {
		t.shown = nil
	}
	return t
}

// bodyLineH is a line of the money table in the body's size (1.25 units
// in small), and bodyTableH the height the table needs to be drawn in it:
// the header, five policies and the assumptions' line.
func bodyLineH(u float64, f *fonts) float64 { return 1.25 * u * f.body.height() / f.small.height() }

func bodyTableH(u float64, f *fonts) float64 { return 7*bodyLineH(u, f) + 0.2*u }

// moneyColumns are the table's columns, in the table's order: the
// required ones, and the optional ones, where there is room, by rank.
func moneyColumns(m session.Money) []moneyColumn {
	return []moneyColumn{
		{"policy", func(_ int, o study.Outcomes) string { return session.PolicyLabel(policyNamed(o.Policy)) }, true, 0},
		{"revenue", func(_ int, o study.Outcomes) string { return dollars(o.RevenuePerHire, false) }, false, 2},
		{"mentor cost", func(_ int, o study.Outcomes) string { return dollars(o.MentorCost, false) }, false, 3},
		{"net", func(_ int, o study.Outcomes) string { return dollars(o.NetPerHire, false) }, true, 0},
		{"net vs none", func(i int, _ study.Outcomes) string { return dollars(m.VsNone[i].X, true) }, true, 0},
		{"mentored", func(_ int, o study.Outcomes) string { return fmt.Sprintf("%.0f%%", 100*o.MentoredShare) }, false, 1},
		{"employed 6 months", func(_ int, o study.Outcomes) string { return fmt.Sprintf("%.0f%%", 100*o.Retention6m) }, false, 4},
	}
}

func (g *Game) drawMoneyTable(dst *ebiten.Image, in layout.Rect, m session.Money) {
	v := &g.view
	u := v.unit()
	t := g.fitMoney(in, m)
	cols, tf, lineH, widths, shown := t.cols, t.face, t.lineH, t.widths, t.shown
	if shown == nil {
		say(dst, fitText(tf, in.W, "too little room for the table", "no room"), tf, in.X, in.Y, left, dim)
		return
	}
	x := in.X
	y := in.Y
	for _, c := range shown {
		g.moneyCell(dst, tf, cols[c].head, x, y, widths[c], c == 0, dim)
		x += widths[c]
	}
	for i, o := range m.Policies {
		y += lineH
		fg := ink
		if o.Policy == g.s.Policy().String() {
			fg = accent // the policy on the floor
		}
		x = in.X
		for _, c := range shown {
			g.moneyCell(dst, tf, cols[c].cell(i, o), x, y, widths[c], c == 0, fg)
			x += widths[c]
		}
	}
	y += lineH + 0.2*u
	for _, alts := range [][]string{
		{fmt.Sprintf("Illustrative: $%s a sale, %s calls a day, a mentor's time $%s per mentee-day; %d hires.",
			param.Format(m.Price), param.Format(m.CallsPerDay), param.Format(m.MentorCost), m.Hires),
			fmt.Sprintf("Illustrative: $%s a sale, %s calls/day, mentor $%s/mentee-day.", param.Format(m.Price), param.Format(m.CallsPerDay), param.Format(m.MentorCost)),
			fmt.Sprintf("$%s a sale, %s calls/day, mentor $%s/day", param.Format(m.Price), param.Format(m.CallsPerDay), param.Format(m.MentorCost))},
		{"Same numbers: " + m.Command, m.Command},
	} {
		if y+lineH > in.Y+in.H+0.01*u {
			return
		}
		if s := fitText(v.fonts.small, in.W, alts...); s != "" { // footnotes stay small
			say(dst, s, v.fonts.small, in.X, y, left, dim)
			y += lineH
		}
	}
}

// fitColumns picks the columns that fit in w, in the table's order: all,
// or the required ones and as many optional ones as fit, in their ranks'
// order; nil if not even the required ones fit.
func fitColumns(cols []moneyColumn, widths []float64, w float64) []int {
	var shown, optional []int
	used := 0.0
	for c, col := range cols {
		if col.required {
			shown, used = append(shown, c), used+widths[c]
		} else {
			optional = append(optional, c)
		}
	}
	if used > w {
		return nil
	}
	slices.SortFunc(optional, func(a, b int) int { return cols[a].rank - cols[b].rank })
	for _, c := range optional {
		if used+widths[c] <= w {
			shown, used = append(shown, c), used+widths[c]
		}
	}
	slices.Sort(shown)
	return shown
}

// moneyCell draws a cell: the first column left-aligned, numbers right.
func (g *Game) moneyCell(dst *ebiten.Image, f *face, s string, x, y, w float64, first bool, c color.RGBA) {
	if first {
		say(dst, s, f, x, y, left, c)
		return
	}
	say(dst, s, f, x+w-0.3*g.view.unit(), y, right, c)
}

// dollars formats whole dollars with thousands separators ("$33,793"),
// signed if asked ("+$5,350", "−$241").
func dollars(x float64, signed bool) string {
	sign := ""
	switch {
	case x < 0:
		sign = "−"
	case signed:
		sign = "+"
	}
	digits := fmt.Sprintf("%.0f", math.Abs(x))
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return sign + "$" + b.String()
}

// policyNamed is the policy of an Outcomes' name.
func policyNamed(name string) study.Policy {
	for p := range study.NumPolicies {
		if p.String() == name {
			return p
		}
	}
	return study.Experiment
}

// explanationCaption names the row of the explanations' chips.
const explanationCaption = "Explanation:"

// policyChips are the policy chooser's chips, placed in the money panel r,
// and under them, where the table keeps its size, a chip for each
// explanation (the fitted presets), so that the lesson's step 6 can ask
// whether the answer changes under another with a tap (its controls panel
// is not shown).
func policyChips(r layout.Rect, scale float64, f fonts) []layout.Widget {
	var ids, labels, short []string
	for _, p := range session.PolicyChoices {
		ids, labels = append(ids, session.PolicyChipID(p)), append(labels, session.PolicyLabel(p))
		short = append(short, session.PolicyShortLabel(p))
	}
	textW := func(s string) float64 { return width(s, f.body) }
	ws, y := layout.PolicyChips(r, scale, ids, labels, short, textW)
	var names []string
	for _, n := range param.PresetNames() {
		if !param.PresetIsContrast(n) {
			names = append(names, n)
		}
	}
	// The same rows, below the policies', after the caption.
	u := layout.Unit * scale
	capW := textW(explanationCaption) + 0.4*u
	row := layout.Rect{X: r.X + capW, Y: y - 1.6*u, W: r.W - capW, H: r.H}
	presets, end := layout.PolicyChips(row, scale, names, names, names, textW)
	// Only where the table keeps the body's size under them (fitMoney's
	// test): the table is what the step asks about.
	if r.Y+r.H-0.4*u-end < bodyTableH(u, &f) {
		return ws
	}
	for i := range presets {
		presets[i].Kind = layout.Chip
	}
	return append(ws, presets...)
}

package plot

import (
	"cmp"
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	gp "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"mentorsim/sim/estimate"
	"mentorsim/sim/study"
)

// The kinds of input, each named after the file that holds it.
const (
	Daily        = "daily"        // daily.csv of run -out
	Reps         = "reps"         // reps.csv of run -out
	Replications = "replications" // replications.csv of replicate -out (or a sweep's results.csv)
	Sweep        = "sweep"        // summary.csv of sweep -out
	Power        = "power"        // power.csv of power -out
)

// Kinds lists the kinds of input, in the order a directory is searched.
var Kinds = []string{Power, Sweep, Replications, Daily, Reps}

// FileName is the file each kind is read from inside an output directory.
var FileName = map[string]string{
	Daily: "daily.csv", Reps: "reps.csv", Replications: "replications.csv", Sweep: "summary.csv", Power: "power.csv",
}

// Okabe is the Okabe–Ito palette, safe for colour-blind readers (black
// left out).
var Okabe = []color.RGBA{
	{0xE6, 0x9F, 0x00, 0xff}, // orange
	{0x56, 0xB4, 0xE9, 0xff}, // sky blue
	{0x00, 0x9E, 0x73, 0xff}, // bluish green
	{0xF0, 0xE4, 0x42, 0xff}, // yellow
	{0x00, 0x72, 0xB2, 0xff}, // blue
	{0xD5, 0x5E, 0x00, 0xff}, // vermillion
	{0xCC, 0x79, 0xA7, 0xff}, // reddish purple
}

// lineColours are the palette in an order that keeps the pale yellow last.
var lineColours = []color.RGBA{Okabe[4], Okabe[0], Okabe[2], Okabe[5], Okabe[6], Okabe[1], Okabe[3]}

func colour(i int) color.RGBA { return lineColours[i%len(lineColours)] }

// InputError is input that cannot be drawn: what is wrong and what is
// allowed.
type InputError struct{ Problem, Allowed string }

func (e *InputError) Error() string { return e.Problem + "; want " + e.Allowed }

func inputErr(allowed, format string, args ...any) error {
	return &InputError{fmt.Sprintf(format, args...), allowed}
}

// KindOf tells the kind of a file from its name, else from its header.
func KindOf(name string, header []string) (string, bool) {
	base := filepath.Base(name)
	for k, f := range FileName {
		if base == f {
			return k, true
		}
	}
	if base == "results.csv" {
		return Replications, true
	}
	h := strings.Join(header, ",")
	switch {
	case h == "arm,day,employed,revenue":
		return Daily, true
	case strings.HasPrefix(h, "id,class,branch,arm,"):
		return Reps, true
	case strings.HasPrefix(h, "point,replication,seed"):
		return Replications, true
	case strings.HasPrefix(h, "point,") && slices.Contains(header, "n"):
		return Sweep, true
	case strings.HasPrefix(h, "hires,optin_rate,"):
		return Power, true
	}
	return "", false
}

// Options choose what a figure shows.
type Options struct {
	X, Y      string  // sweep: the swept parameter and the estimand; power: x is mentor_gain or true_ate, y the estimand
	OptinRate float64 // power: the opt-in rate drawn (NaN: the one nearest 0.5)
	Point     string  // replications from a sweep's results.csv: the point drawn ("": the first)
}

// Figure draws records (a CSV file, header first) of the given kind.
func Figure(kind string, records [][]string, o Options) (*gp.Plot, error) {
	if len(records) < 2 {
		return nil, inputErr("a header and at least one row", "it has no rows")
	}
	t, err := newTable(records)
	if err != nil {
		return nil, err
	}
	switch kind {
	case Daily:
		return daily(t)
	case Reps:
		return retention(t)
	case Replications:
		if o.X != "" || o.Y != "" {
			return paradoxScatter(t, o)
		}
		return replications(t, o.Point)
	case Sweep:
		return sweep(t, o)
	case Power:
		return powerCurves(t, o)
	}
	return nil, inputErr("one of "+strings.Join(Kinds, ", "), "kind %q is unknown", kind)
}

// Write draws p on a canvas of width × height pixels (at 96 dpi) and
// writes it in format "png" or "svg".
//
// gonum/plot panics on some degenerate data (an axis range it cannot tick);
// that is reported as an InputError rather than crashing the command.
func Write(w io.Writer, p *gp.Plot, format string, width, height int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = inputErr("data with a finite, non-degenerate range on both axes", "the figure cannot be drawn (%v)", r)
		}
	}()
	wl, hl := vg.Length(width)*vg.Inch/96, vg.Length(height)*vg.Inch/96
	switch format {
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(wl, hl), vgimg.UseDPI(96))
		p.Draw(draw.New(c))
		_, err := vgimg.PngCanvas{Canvas: c}.WriteTo(w)
		return err
	case "svg":
		c := vgsvg.New(wl, hl)
		p.Draw(draw.New(c))
		_, err := c.WriteTo(w)
		return err
	}
	return fmt.Errorf("format %q is unknown; want png or svg", format)
}

// table is a CSV file with its columns by name.
type table struct {
	header []string
	rows   [][]string
	col    map[string]int
}

func newTable(records [][]string) (*table, error) {
	t := &table{header: records[0], rows: records[1:], col: map[string]int{}}
	for i, h := range t.header {
		t.col[h] = i
	}
	for i, r := range t.rows {
		if len(r) != len(t.header) {
			return nil, inputErr("the same number of fields on every line", "line %d has %d fields, the header %d", i+2, len(r), len(t.header))
		}
	}
	return t, nil
}

// need checks that every column is there.
func (t *table) need(kind string, cols ...string) error {
	for _, c := range cols {
		if _, ok := t.col[c]; !ok {
			return inputErr(fmt.Sprintf("%s columns %s", kind, strings.Join(cols, ", ")), "column %q is missing", c)
		}
	}
	return nil
}

// num is the number in column c of row i; empty and NA are missing (NaN),
// as mentorsim writes a value that does not apply. A NaN or an infinity
// written out is no value mentorsim writes: bad input.
func (t *table) num(i int, c string) (float64, error) {
	s := t.rows[i][t.col[c]]
	if s == "" || s == "NA" {
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, inputErr("a number in column "+c+" (finite; empty for a missing value)", "line %d has %q in column %s", i+2, s, c)
	}
	return v, nil
}

func (t *table) str(i int, c string) string { return t.rows[i][t.col[c]] }

func newPlot(title, x, y string) *gp.Plot {
	p := gp.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Label.TextStyle.Font.Size = vg.Points(11)
	p.Y.Label.TextStyle.Font.Size = vg.Points(11)
	p.Legend.TextStyle.Font.Size = vg.Points(10)
	p.X.Tick.Marker = gTicks{}
	p.Y.Tick.Marker = gTicks{}
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{0xdd}
	g.Horizontal.Color = color.Gray{0xdd}
	p.Add(g)
	return p
}

// gTicks are gonum's default ticks labelled with the shortest exact
// representation (25, not 25.00).
type gTicks struct{}

func (gTicks) Ticks(min, max float64) []gp.Tick {
	ts := gp.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(ts[i].Value, 'g', 6, 64)
		}
	}
	return ts
}

// armOrder is the arms in the study's order; an arm's colour is its place.
var armOrder = []string{"mandatory_mentored", "mandatory_control", "optin_mentored", "optin_denied", "optout"}

// sortArms puts the arms in the study's order, unknown ones last.
func sortArms(arms []string) {
	rank := func(a string) int {
		if i := slices.Index(armOrder, a); i >= 0 {
			return i
		}
		return len(armOrder)
	}
	slices.SortStableFunc(arms, func(a, b string) int { return rank(a) - rank(b) })
}

func armColour(arm string, k int) color.RGBA {
	if i := slices.Index(armOrder, arm); i >= 0 {
		return colour(i)
	}
	return colour(k)
}

// line draws the finite points of xys (missing values in the input are NaN).
func line(xys plotter.XYs, c color.Color, width float64, dashed bool) *plotter.Line {
	xys = slices.DeleteFunc(slices.Clone(xys), func(p plotter.XY) bool {
		return math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0)
	})
	l, err := plotter.NewLine(xys)
	if err != nil {
		l = &plotter.Line{} // nothing finite to draw
	}
	l.Color = c
	l.Width = vg.Points(width)
	if dashed {
		l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	return l
}

// hline is a horizontal reference line across [x0, x1].
func hline(y, x0, x1 float64, c color.Color) *plotter.Line {
	return line(plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}}, c, 1.2, true)
}

// daily is revenue per employed rep-day by arm over tenure, in weekly means.
func daily(t *table) (*gp.Plot, error) {
	if err := t.need("daily.csv", "arm", "day", "employed", "revenue"); err != nil {
		return nil, err
	}
	type bin struct{ rev, emp float64 }
	var arms []string
	bins := map[string]map[int]*bin{}
	for i := range t.rows {
		arm := t.str(i, "arm")
		day, err := t.num(i, "day")
		if err != nil {
			return nil, err
		}
		if !(day >= 0 && day < 1e6) {
			return nil, inputErr("a tenure day from 0 up", "row %d: day %v", i+1, day)
		}
		emp, err := t.num(i, "employed")
		if err != nil {
			return nil, err
		}
		rev, err := t.num(i, "revenue")
		if err != nil {
			return nil, err
		}
		if bins[arm] == nil {
			bins[arm] = map[int]*bin{}
			arms = append(arms, arm)
		}
		w := int(day) / 5
		if bins[arm][w] == nil {
			bins[arm][w] = &bin{}
		}
		bins[arm][w].rev += rev
		bins[arm][w].emp += emp
	}
	sortArms(arms)
	p := newPlot("Revenue per employed rep-day by arm", "tenure (workdays since hire; weekly means)", "revenue per employed rep-day ($)")
	for k, arm := range arms {
		var xys plotter.XYs
		weeks := make([]int, 0, len(bins[arm]))
		for w := range bins[arm] {
			weeks = append(weeks, w)
		}
		slices.Sort(weeks)
		for _, w := range weeks {
			if b := bins[arm][w]; b.emp > 0 {
				xys = append(xys, plotter.XY{X: float64(5*w) + 2, Y: b.rev / b.emp})
			}
		}
		if len(xys) == 0 {
			continue
		}
		l := line(xys, armColour(arm, k), 2, false)
		p.Add(l)
		p.Legend.Add(strings.ReplaceAll(arm, "_", " "), l)
	}
	p.Legend.Top, p.Legend.Left = false, false
	p.Y.Min = 0
	return p, nil
}

// retention is the Kaplan–Meier share still employed by arm.
func retention(t *table) (*gp.Plot, error) {
	if err := t.need("reps.csv", "arm", "days_employed", "left"); err != nil {
		return nil, err
	}
	var arms []string
	spells := map[string][]estimate.Spell{}
	maxT := 0
	for i := range t.rows {
		arm := t.str(i, "arm")
		d, err := t.num(i, "days_employed")
		if err != nil {
			return nil, err
		}
		left, err := strconv.ParseBool(t.str(i, "left"))
		if err != nil || math.IsNaN(d) {
			return nil, inputErr("days_employed a number and left true or false", "line %d has days_employed %q, left %q", i+2, t.str(i, "days_employed"), t.str(i, "left"))
		}
		if _, ok := spells[arm]; !ok {
			arms = append(arms, arm)
		}
		spells[arm] = append(spells[arm], estimate.Spell{Time: int(d), Event: left})
		maxT = max(maxT, int(d))
	}
	sortArms(arms)
	p := newPlot("Retention by arm (Kaplan–Meier)", "tenure (workdays since hire)", "share still employed")
	for k, arm := range arms {
		c := estimate.KaplanMeier(spells[arm], maxT)
		xys := plotter.XYs{{X: 0, Y: 1}}
		for d, s := range c.S {
			if math.IsNaN(s) {
				break
			}
			xys = append(xys, plotter.XY{X: float64(d), Y: xys[len(xys)-1].Y}, plotter.XY{X: float64(d), Y: s})
		}
		l := line(xys, armColour(arm, k), 2, false)
		p.Add(l)
		p.Legend.Add(strings.ReplaceAll(arm, "_", " "), l)
	}
	p.Legend.Top, p.Legend.Left = false, true
	p.Y.Min, p.Y.Max = 0, 1
	return p, nil
}

// estimandColumns are the estimand ids (the order of docs/model.md) with a column of
// their own in t.
func estimandColumns(t *table, suffix string) []string {
	var ids []string
	for _, id := range study.EstimandIDs {
		if _, ok := t.col[string(id)+suffix]; ok {
			ids = append(ids, string(id))
		}
	}
	return ids
}

// replications is a box per estimand of its estimates across
// replications, with the study's published target.
func replications(t *table, point string) (*gp.Plot, error) {
	ids := estimandColumns(t, "")
	if len(ids) == 0 {
		return nil, inputErr("estimand columns such as "+string(study.EstimandIDs[0]), "no estimand column")
	}
	if _, ok := t.col["point"]; !ok {
		point = ""
	} else if point == "" {
		point = t.str(0, "point")
	} else if !slices.ContainsFunc(t.rows, func(row []string) bool { return row[t.col["point"]] == point }) {
		return nil, inputErr("a point of the file's point column", "point %q has no rows", point)
	}
	p := newPlot("Estimates across replications, with the published targets", "estimate (lift, or share for rates)", "")
	n := 0
	var targets plotter.XYs
	names := make([]string, len(ids))
	for k := len(ids) - 1; k >= 0; k-- { // first estimand at the top
		id := ids[k]
		loc := float64(len(ids) - 1 - k)
		var vs plotter.Values
		for i := range t.rows {
			if point != "" && t.str(i, "point") != point {
				continue
			}
			v, err := t.num(i, id)
			if err != nil {
				return nil, err
			}
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				vs = append(vs, v)
			}
		}
		n = max(n, len(vs))
		names[int(loc)] = id
		if len(vs) > 0 {
			b, err := plotter.NewBoxPlot(vg.Points(14), loc, vs)
			if err != nil {
				return nil, err
			}
			b.Horizontal = true
			b.FillColor = color.NRGBA{0x56, 0xB4, 0xE9, 0x90}
			b.BoxStyle.Color = Okabe[4]
			b.MedianStyle.Color = Okabe[4]
			b.WhiskerStyle.Color = Okabe[4]
			b.WhiskerStyle.Dashes = nil
			b.CapWidth = vg.Points(8)
			b.GlyphStyle.Color = Okabe[4]
			p.Add(b)
		}
		if tg, ok := study.TargetFor(study.ID(id)); ok {
			targets = append(targets, plotter.XY{X: tg.Value, Y: loc})
		}
	}
	p.NominalY(names...)
	if len(targets) > 0 {
		s, _ := plotter.NewScatter(targets)
		s.Shape = draw.PyramidGlyph{}
		s.Radius = vg.Points(5)
		s.Color = Okabe[5]
		p.Add(s)
		p.Legend.Add("published target", s)
	}
	p.Title.Text = fmt.Sprintf("Estimates across %d replications (box: quartiles; whiskers: 1.5 IQR)", n)
	p.Legend.Top = true
	p.Add(vline(0, -0.5, float64(len(ids))-0.5))
	return p, nil
}

// paradoxScatter is one point per replication: estimand o.Y against
// estimand o.X (by default the opt-ins' lead against the opt-in lift),
// orange where the replication shows the paradox (the opt-in lift's
// interval reaches 0, the lead's lies above it), with the published
// combination as a box.
func paradoxScatter(t *table, o Options) (*gp.Plot, error) {
	x, y := cmp.Or(o.X, string(study.VoluntaryRevenueLift2m)), cmp.Or(o.Y, string(study.OptinVsOptoutRevenue2m))
	if err := t.need(Replications, "replication", "seed"); err != nil { // a file of another kind
		return nil, err
	}
	for _, f := range [][2]string{{"-x", x}, {"-y", y}} {
		if _, ok := t.col[f[1]+".lo"]; !ok {
			return nil, inputErr(f[0]+" one of "+strings.Join(estimandColumns(t, ".lo"), ", "), "%s %q has no %s.lo column", f[0], f[1], f[1])
		}
	}
	if err := t.need(Replications, x, y, x+".lo", y+".lo"); err != nil {
		return nil, err
	}
	var yes, no plotter.XYs
	for i := range t.rows {
		if o.Point != "" && t.str(i, "point") != o.Point {
			continue
		}
		var v [4]float64
		for k, c := range []string{x, y, x + ".lo", y + ".lo"} {
			var err error
			if v[k], err = t.num(i, c); err != nil {
				return nil, err
			}
		}
		if math.IsNaN(v[0]) || math.IsNaN(v[1]) {
			continue
		}
		if v[2] <= 0 && v[3] > 0 {
			yes = append(yes, plotter.XY{X: v[0], Y: v[1]})
		} else {
			no = append(no, plotter.XY{X: v[0], Y: v[1]})
		}
	}
	n := len(yes) + len(no)
	if n == 0 {
		return nil, inputErr("replications with both estimates defined", "none has")
	}
	p := newPlot(fmt.Sprintf("%d replications: the paradox in %.0f%%", n, 100*float64(len(yes))/float64(n)), x, y)
	for _, g := range []struct {
		xys   plotter.XYs
		c     color.RGBA
		label string
	}{{no, Okabe[4], "no paradox"}, {yes, Okabe[5], "paradox: opt-in lift not significant, lead significant"}} {
		if len(g.xys) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(g.xys)
		if err != nil {
			return nil, err
		}
		sc.Color, sc.Radius, sc.Shape = g.c, vg.Points(1.8), draw.CircleGlyph{}
		p.Add(sc)
		p.Legend.Add(g.label, sc)
	}
	if tx, ok := study.TargetFor(study.ID(x)); ok {
		if ty, ok := study.TargetFor(study.ID(y)); ok {
			box := line(plotter.XYs{{X: tx.Value - 0.05, Y: ty.Value - 0.1}, {X: tx.Value + 0.05, Y: ty.Value - 0.1},
				{X: tx.Value + 0.05, Y: ty.Value + 0.1}, {X: tx.Value - 0.05, Y: ty.Value + 0.1}, {X: tx.Value - 0.05, Y: ty.Value - 0.1}}, color.Black, 1.2, false)
			p.Add(box)
			p.Legend.Add("published combination: lift within ±0.05 of 0, lead 0.30 ± 0.10", box)
		}
	}
	p.Legend.Top = true
	p.Y.Max += 0.3 * (p.Y.Max - p.Y.Min) // room for the legend above the points
	return p, nil
}

func vline(x, y0, y1 float64) *plotter.Line {
	return line(plotter.XYs{{X: x, Y: y0}, {X: x, Y: y1}}, color.Gray{0x80}, 0.8, true)
}

// sweepParams are a summary.csv's swept parameters: the columns between
// point and n.
func sweepParams(t *table) []string {
	var ps []string
	for _, h := range t.header[1:] {
		if h == "n" {
			break
		}
		ps = append(ps, h)
	}
	return ps
}

// sweep is an estimand's mean against a swept parameter with its 2.5–97.5%
// band, one line per combination of the other swept parameters.
func sweep(t *table, o Options) (*gp.Plot, error) {
	if err := t.need("summary.csv", "point", "n"); err != nil {
		return nil, err
	}
	params := sweepParams(t)
	ids := estimandColumns(t, ".mean")
	if len(params) == 0 || len(ids) == 0 {
		return nil, inputErr("point, the swept parameters, n, then <estimand>.mean, .q025, .q975 columns", "no swept parameter or no estimand columns")
	}
	x, y := o.X, o.Y
	if x == "" {
		x = params[0]
	}
	if y == "" {
		y = ids[0]
	}
	if !slices.Contains(params, x) {
		return nil, inputErr("-x one of "+strings.Join(params, ", "), "-x %q is not a swept parameter", x)
	}
	if !slices.Contains(ids, y) {
		return nil, inputErr("-y one of "+strings.Join(ids, ", "), "-y %q has no %s.mean column", y, y)
	}
	if err := t.need("summary.csv", y+".mean", y+".q025", y+".q975"); err != nil {
		return nil, err
	}
	others := slices.DeleteFunc(slices.Clone(params), func(s string) bool { return s == x })
	type pt struct{ x, mean, lo, hi float64 }
	var groups []string
	byGroup := map[string][]pt{}
	for i := range t.rows {
		var key []string
		for _, q := range others {
			key = append(key, q+"="+t.str(i, q))
		}
		g := strings.Join(key, ", ")
		var v [4]float64
		for j, c := range []string{x, y + ".mean", y + ".q025", y + ".q975"} {
			f, err := t.num(i, c)
			if err != nil {
				return nil, err
			}
			v[j] = f
		}
		if _, ok := byGroup[g]; !ok {
			groups = append(groups, g)
		}
		byGroup[g] = append(byGroup[g], pt{v[0], v[1], v[2], v[3]})
	}
	p := newPlot(y+" against "+x, x, y+" (mean; band: 2.5–97.5% of replications)")
	xmin, xmax := math.Inf(1), math.Inf(-1)
	var lines []gp.Plotter
	for k, g := range groups {
		pts := byGroup[g]
		slices.SortFunc(pts, func(a, b pt) int { return cmpF(a.x, b.x) })
		var mean, band plotter.XYs
		for _, q := range pts {
			xmin, xmax = math.Min(xmin, q.x), math.Max(xmax, q.x)
			if !math.IsNaN(q.mean) {
				mean = append(mean, plotter.XY{X: q.x, Y: q.mean})
			}
			if !math.IsNaN(q.lo) && !math.IsNaN(q.hi) {
				band = append(band, plotter.XY{X: q.x, Y: q.lo})
			}
		}
		for j := len(pts) - 1; j >= 0; j-- {
			if q := pts[j]; !math.IsNaN(q.lo) && !math.IsNaN(q.hi) {
				band = append(band, plotter.XY{X: q.x, Y: q.hi})
			}
		}
		c := colour(k)
		if len(band) >= 3 {
			poly, err := plotter.NewPolygon(band)
			if err == nil {
				poly.Color = color.NRGBA{c.R, c.G, c.B, 0x40}
				poly.LineStyle.Width = 0
				p.Add(poly)
			}
		}
		if len(mean) == 0 {
			continue
		}
		l, s, _ := plotter.NewLinePoints(mean)
		l.Color, l.Width = c, vg.Points(2)
		s.Color, s.Shape = c, draw.CircleGlyph{}
		lines = append(lines, l, s) // drawn over every band
		label := g
		if label == "" {
			label = "mean"
		}
		p.Legend.Add(label, l, s)
	}
	p.Add(lines...)
	if tg, ok := study.TargetFor(study.ID(y)); ok && xmax >= xmin {
		r := hline(tg.Value, xmin, xmax, color.Gray{0x33})
		p.Add(r)
		p.Legend.Add("published target ("+tg.Study+")", r)
	}
	p.Legend.Top, p.Legend.Left = true, true
	return p, nil
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// powerCurves is the power of an estimand against the gain (or the true
// effect), one line per number of hires, at one opt-in rate, with the 80%
// line.
func powerCurves(t *table, o Options) (*gp.Plot, error) {
	y := o.Y
	if y == "" {
		y = string(study.MandatoryRevenueLift2m)
	}
	x := o.X
	if x == "" {
		x = "mentor_gain"
	}
	if x != "mentor_gain" && x != "true_ate" {
		return nil, inputErr("-x mentor_gain or true_ate", "-x %q is not a power.csv column", x)
	}
	if err := t.need("power.csv", "hires", "optin_rate", x); err != nil { // before -y: a file of another kind has no .power columns to list
		return nil, err
	}
	if _, ok := t.col[y+".power"]; !ok {
		return nil, inputErr("-y one of "+strings.Join(estimandColumns(t, ".power"), ", "), "-y %q has no %s.power column", y, y)
	}
	if err := t.need("power.csv", "hires", "optin_rate", x, y+".power"); err != nil {
		return nil, err
	}
	// The opt-in rate to draw: the one asked for, else the one nearest 0.5.
	want := o.OptinRate
	if math.IsNaN(want) {
		want = 0.5
	}
	rate, best := math.NaN(), math.Inf(1)
	for i := range t.rows {
		r, err := t.num(i, "optin_rate")
		if err != nil {
			return nil, err
		}
		if d := math.Abs(r - want); d < best {
			rate, best = r, d
		}
	}
	if !math.IsNaN(o.OptinRate) && best > 1e-9 {
		return nil, inputErr(fmt.Sprintf("-optin-rate one in the file, such as %v", rate), "-optin-rate %v is not in the file", o.OptinRate)
	}
	var hires []float64
	byHires := map[float64]plotter.XYs{}
	xmin, xmax := math.Inf(1), math.Inf(-1)
	for i := range t.rows {
		r, _ := t.num(i, "optin_rate")
		if r != rate {
			continue
		}
		h, err := t.num(i, "hires")
		if err != nil {
			return nil, err
		}
		xv, err := t.num(i, x)
		if err != nil {
			return nil, err
		}
		pv, err := t.num(i, y+".power")
		if err != nil {
			return nil, err
		}
		if _, ok := byHires[h]; !ok {
			hires = append(hires, h)
		}
		byHires[h] = append(byHires[h], plotter.XY{X: xv, Y: pv})
		xmin, xmax = math.Min(xmin, xv), math.Max(xmax, xv)
	}
	slices.Sort(hires)
	xl := "mentor_gain (scale of the skill a mentor adds, sd)"
	if x == "true_ate" {
		xl = "true effect for all reps (truth.ate: revenue lift, days 0–41)"
	}
	p := newPlot(fmt.Sprintf("Power of %s (opt-in rate %v)", y, rate), xl, "power (share significant at 5%)")
	for k, h := range hires {
		xys := byHires[h]
		slices.SortFunc(xys, func(a, b plotter.XY) int { return cmpF(a.X, b.X) })
		l, s, _ := plotter.NewLinePoints(xys)
		c := colour(k)
		l.Color, l.Width = c, vg.Points(2)
		s.Color, s.Shape = c, draw.CircleGlyph{}
		p.Add(l, s)
		p.Legend.Add(fmt.Sprintf("%v hires", h), l, s)
	}
	r := hline(0.8, xmin, xmax, color.Gray{0x55})
	p.Add(r)
	p.Legend.Add("80% power", r)
	p.Y.Min, p.Y.Max = 0, 1
	p.Legend.Top, p.Legend.Left = false, false
	return p, nil
}

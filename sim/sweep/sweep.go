package sweep

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"mentorsim/sim/estimate"
	"mentorsim/sim/param"
	"mentorsim/sim/rng"
	"mentorsim/sim/study"
)

// Limits that keep task seeds unique and the output in memory.
const (
	MaxReplications = 1<<32 - 1
	MaxPoints       = 1<<32 - 1
	MaxTasks        = 100_000_000
)

// Spec is a whole sweep: a base scenario (whose seed is the sweep's seed),
// the swept parameters (Columns) and each point's values for them, and the
// replications per point.
type Spec struct {
	Scenario     param.Scenario
	Columns      []string
	Grid         []Axis      // the grid the points came from; nil for explicit points
	Points       [][]float64 // Points[p][j] is Columns[j] at point p
	Replications int
}

// NewGrid makes the sweep of the cartesian product of the axes, in order,
// the last varying fastest. No axes is one point: the base scenario.
func NewGrid(base param.Scenario, axes []Axis, replications int) (Spec, error) {
	if err := distinct(axes); err != nil {
		return Spec{}, err
	}
	n := 1
	cols := make([]string, len(axes))
	for i, a := range axes {
		if len(a.Values) == 0 {
			return Spec{}, &param.FieldError{Field: "grid " + a.Name, Value: "no values", Problem: "is given", Allowed: "at least one value"}
		}
		if n > MaxTasks/len(a.Values) {
			return Spec{}, &param.FieldError{Field: "grid", Value: "the product of the axes", Problem: "is too large", Allowed: fmt.Sprintf("at most %d tasks", MaxTasks)}
		}
		n *= len(a.Values)
		cols[i] = a.Name
	}
	points := make([][]float64, n)
	for p := range points {
		pt := make([]float64, len(axes))
		k := p
		for j := len(axes) - 1; j >= 0; j-- {
			m := len(axes[j].Values)
			pt[j] = axes[j].Values[k%m]
			k /= m
		}
		points[p] = pt
	}
	s := Spec{Scenario: base, Columns: cols, Grid: axes, Points: points, Replications: replications}
	if axes == nil {
		s.Grid = []Axis{}
	}
	return s, s.Validate()
}

// NewPoints makes the sweep of explicit points: points[p][j] is columns[j].
func NewPoints(base param.Scenario, columns []string, points [][]float64, replications int) (Spec, error) {
	s := Spec{Scenario: base, Columns: columns, Points: points, Replications: replications}
	return s, s.Validate()
}

// Validate checks the replications, each point's values and every point's
// whole scenario (constraints between parameters included).
func (s Spec) Validate() error {
	if s.Replications < 1 || s.Replications > MaxReplications {
		return &param.FieldError{Field: "replications", Value: strconv.Itoa(s.Replications), Allowed: fmt.Sprintf("a whole number from 1 to %d", MaxReplications)}
	}
	if len(s.Points) == 0 || len(s.Points) > MaxPoints {
		return &param.FieldError{Field: "points", Value: strconv.Itoa(len(s.Points)), Allowed: fmt.Sprintf("from 1 to %d points", MaxPoints)}
	}
	if len(s.Points) > MaxTasks/s.Replications {
		return &param.FieldError{Field: "replications", Value: strconv.Itoa(s.Replications), Problem: fmt.Sprintf("times %d points is too many tasks", len(s.Points)), Allowed: fmt.Sprintf("at most %d tasks", MaxTasks)}
	}
	for p := range s.Points {
		if len(s.Points[p]) != len(s.Columns) {
			return &param.FieldError{Field: fmt.Sprintf("points[%d]", p), Value: fmt.Sprint(len(s.Points[p])), Problem: "values", Allowed: fmt.Sprintf("%d, one per column", len(s.Columns))}
		}
		if _, err := s.PointScenario(p); err != nil {
			return err
		}
	}
	return nil
}

// PointScenario is the base scenario with point p's values (and the sweep's
// seed; a task's seed is TaskSeed).
func (s Spec) PointScenario(p int) (param.Scenario, error) {
	sc := s.Scenario
	for j, name := range s.Columns {
		if err := sc.Params.Set(name, s.Points[p][j]); err != nil {
			return sc, err
		}
	}
	if err := sc.Params.Validate(); err != nil {
		if fe, ok := err.(*param.FieldError); ok {
			c := *fe
			c.Allowed += " (at " + s.describe(p) + ")"
			return sc, &c
		}
		return sc, err
	}
	return sc, nil
}

func (s Spec) describe(p int) string {
	parts := []string{fmt.Sprintf("point %d", p)}
	for j, name := range s.Columns {
		parts = append(parts, name+"="+param.Format(s.Points[p][j]))
	}
	return strings.Join(parts, " ")
}

// Tasks is the number of tasks: points × replications.
func (s Spec) Tasks() int { return len(s.Points) * s.Replications }

// Task is one study of the sweep: point-major, so task i is replication
// i mod R of point i div R.
type Task struct {
	Index, Point, Replication int
	Seed                      uint64
}

// Task returns task i.
func (s Spec) Task(i int) Task {
	p, r := i/s.Replications, i%s.Replications
	return Task{i, p, r, TaskSeed(s.Scenario.Seed, p, r)}
}

// TaskSeed is the seed of replication r at point p of a sweep seeded with
// seed: a pure function of the three, whatever runs the task.
func TaskSeed(seed uint64, p, r int) uint64 {
	return rng.Mix(seed, uint64(p)<<32|uint64(r))
}

// Result is what one task yields.
type Result struct {
	Estimates study.Estimates
	Truth     study.Values
}

// Run simulates task t on one goroutine. The spec must be valid.
func (s Spec) Run(t Task) (Result, error) { return s.RunIn(new(study.Scratch), t) }

// RunIn is Run in memory from scratch (study.NewIn).
func (s Spec) RunIn(scratch *study.Scratch, t Task) (Result, error) {
	sc, err := s.PointScenario(t.Point)
	if err != nil {
		return Result{}, err
	}
	sc.Seed = t.Seed
	st, err := study.NewIn(scratch, sc, 1)
	if err != nil {
		return Result{}, err
	}
	st.RunToEnd(1)
	return Result{st.Estimates(), st.Truth()}, nil
}

// RunRow runs task i and returns its results row.
func (s Spec) RunRow(i int) ([]byte, error) { return s.RunRowIn(new(study.Scratch), i) }

// RunRowIn is RunRow in memory from scratch (study.NewIn).
func (s Spec) RunRowIn(scratch *study.Scratch, i int) ([]byte, error) {
	t := s.Task(i)
	res, err := s.RunIn(scratch, t)
	if err != nil {
		return nil, err
	}
	return s.AppendRow(nil, t, res), nil
}

// appendFloat writes x in its shortest exact form, NaN and infinities as
// empty (NA).
func appendFloat(b []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return b
	}
	return strconv.AppendFloat(b, x, 'g', -1, 64)
}

// Header is the results CSV's header row, newline included: point,
// replication, seed, the swept parameters, then each estimand's estimate and
// 95% interval, then the true effects.
func (s Spec) Header() []byte {
	b := []byte("point,replication,seed")
	for _, c := range s.Columns {
		b = append(append(b, ','), c...)
	}
	for _, id := range study.EstimandIDs {
		b = fmt.Appendf(b, ",%s,%s.lo,%s.hi", id, id, id)
	}
	for _, id := range study.TruthIDs {
		b = append(append(b, ','), id...)
	}
	return append(b, '\n')
}

// AppendRow appends task t's results row, newline included.
func (s Spec) AppendRow(b []byte, t Task, res Result) []byte {
	b = strconv.AppendInt(b, int64(t.Point), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(t.Replication), 10)
	b = append(b, ',')
	b = strconv.AppendUint(b, t.Seed, 10)
	for _, v := range s.Points[t.Point] {
		b = appendFloat(append(b, ','), v)
	}
	for _, id := range study.EstimandIDs { // by id: the header's order
		e, _ := res.Estimates.Get(id)
		b = appendFloat(append(b, ','), e.Estimate)
		b = appendFloat(append(b, ','), e.Lo)
		b = appendFloat(append(b, ','), e.Hi)
	}
	for _, id := range study.TruthIDs {
		x, _ := res.Truth.Get(string(id))
		b = appendFloat(append(b, ','), x)
	}
	return append(b, '\n')
}

// Row is a parsed results row. Estimates have no SE (NaN); the summary needs
// only the estimate and its interval.
type Row struct {
	Task
	Estimates []estimate.Estimate
	Truth     []float64
}

// ParseRow reads a results row written by AppendRow (newline optional) and
// checks that it is a task of this sweep.
func (s Spec) ParseRow(line []byte) (Row, error) {
	line = bytes.TrimSuffix(line, []byte("\n"))
	fields := strings.Split(string(line), ",")
	want := 3 + len(s.Columns) + 3*len(study.EstimandIDs) + len(study.TruthIDs)
	if len(fields) != want {
		return Row{}, fmt.Errorf("row has %d fields, want %d", len(fields), want)
	}
	p, err1 := strconv.Atoi(fields[0])
	r, err2 := strconv.Atoi(fields[1])
	seed, err3 := strconv.ParseUint(fields[2], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || p < 0 || p >= len(s.Points) || r < 0 || r >= s.Replications {
		return Row{}, fmt.Errorf("row %q is not a task of this sweep", fields[0]+","+fields[1]+","+fields[2])
	}
	row := Row{Task: s.Task(p*s.Replications + r)}
	if row.Seed != seed {
		return Row{}, fmt.Errorf("row for point %d replication %d has seed %d, want %d", p, r, seed, row.Seed)
	}
	num := func(f string) (float64, error) {
		if f == "" {
			return math.NaN(), nil
		}
		return strconv.ParseFloat(f, 64)
	}
	k := 3
	for j, c := range s.Columns {
		v, err := num(fields[k])
		if err != nil || v != s.Points[p][j] {
			return Row{}, fmt.Errorf("row for point %d has %s=%s, want %s", p, c, fields[k], param.Format(s.Points[p][j]))
		}
		k++
	}
	row.Estimates = make([]estimate.Estimate, len(study.EstimandIDs))
	for j := range row.Estimates {
		var e [3]float64
		for i := range e {
			v, err := num(fields[k])
			if err != nil {
				return Row{}, fmt.Errorf("row for task %d: field %d: %w", row.Index, k+1, err)
			}
			e[i] = v
			k++
		}
		row.Estimates[j] = estimate.Estimate{Estimate: e[0], SE: math.NaN(), Lo: e[1], Hi: e[2]}
	}
	row.Truth = make([]float64, len(study.TruthIDs))
	for j := range row.Truth {
		v, err := num(fields[k])
		if err != nil {
			return Row{}, fmt.Errorf("row for task %d: field %d: %w", row.Index, k+1, err)
		}
		row.Truth[j] = v
		k++
	}
	return row, nil
}

// SummaryHeader is the summary CSV's header row, newline included.
func (s Spec) SummaryHeader() []byte {
	b := []byte("point")
	for _, c := range s.Columns {
		b = append(append(b, ','), c...)
	}
	b = append(b, ",n"...)
	for _, id := range study.EstimandIDs {
		b = fmt.Appendf(b, ",%s.mean,%s.sd,%s.q025,%s.q975,%s.share_significant", id, id, id, id, id)
	}
	for _, id := range study.TruthIDs {
		b = fmt.Appendf(b, ",%s.mean,%s.sd,%s.q025,%s.q975", id, id, id, id)
	}
	return append(b, '\n')
}

// WriteSummary writes the summary CSV of rows given in any order (see
// SummaryWriter).
func (s Spec) WriteSummary(w io.Writer, rows []Row) error {
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(a, b Row) int { return a.Index - b.Index })
	sw, err := s.NewSummaryWriter(w)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := sw.Add(r); err != nil {
			return err
		}
	}
	return sw.Close()
}

// SummaryWriter writes the summary CSV from rows given in task order,
// holding one point's rows at a time: a header, then one row per point with
// its number of rows n and, for each estimand, the mean, sd, 2.5% and 97.5%
// quantiles and share significant of the estimates (estimate.Summarize),
// then the same but the share for the true effects.
type SummaryWriter struct {
	s    Spec
	w    io.Writer
	p    int   // the point whose rows are being gathered
	rows []Row // its rows
	col  []estimate.Estimate
	b    []byte
}

// NewSummaryWriter writes the header and starts at point 0.
func (s Spec) NewSummaryWriter(w io.Writer) (*SummaryWriter, error) {
	_, err := w.Write(s.SummaryHeader())
	return &SummaryWriter{s: s, w: w}, err
}

// Add takes the next row; rows must come in task order.
func (sw *SummaryWriter) Add(r Row) error {
	if r.Point < sw.p || (len(sw.rows) > 0 && r.Index <= sw.rows[len(sw.rows)-1].Index) {
		return fmt.Errorf("summary: task %d is out of order", r.Index)
	}
	for sw.p < r.Point {
		if err := sw.flush(); err != nil {
			return err
		}
	}
	sw.rows = append(sw.rows, r)
	return nil
}

// Close writes the rows of the points still to come.
func (sw *SummaryWriter) Close() error {
	for sw.p < len(sw.s.Points) {
		if err := sw.flush(); err != nil {
			return err
		}
	}
	return nil
}

// flush writes point sw.p's row and moves to the next point.
func (sw *SummaryWriter) flush() error {
	b := strconv.AppendInt(sw.b[:0], int64(sw.p), 10)
	for _, v := range sw.s.Points[sw.p] {
		b = appendFloat(append(b, ','), v)
	}
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(len(sw.rows)), 10)
	for k, id := range study.EstimandIDs {
		sw.col = sw.col[:0]
		for _, r := range sw.rows {
			sw.col = append(sw.col, r.Estimates[k])
		}
		sm := estimate.Summarize(sw.col)
		for _, x := range []float64{sm.Mean, sm.SD, sm.Q025, sm.Q975, study.SignificanceOf(id, sm.ShareSignificant)} {
			b = appendFloat(append(b, ','), x)
		}
	}
	for k := range study.TruthIDs {
		sw.col = sw.col[:0]
		for _, r := range sw.rows {
			sw.col = append(sw.col, estimate.Estimate{Estimate: r.Truth[k]})
		}
		sm := estimate.Summarize(sw.col)
		for _, x := range []float64{sm.Mean, sm.SD, sm.Q025, sm.Q975} {
			b = appendFloat(append(b, ','), x)
		}
	}
	b = append(b, '\n')
	sw.b, sw.rows = b, sw.rows[:0]
	sw.p++
	_, err := sw.w.Write(b)
	return err
}

// Shard is part i of n of a sweep (1 ≤ I ≤ N): the tasks whose index mod N
// is I−1. The zero Shard is the whole sweep.
type Shard struct{ I, N int }

// ParseShard reads "i/n".
func ParseShard(text string) (Shard, error) {
	a, b, ok := strings.Cut(text, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, &param.FieldError{Field: "shard", Value: strconv.Quote(text), Allowed: "i/n with 1 ≤ i ≤ n, like 2/4"}
	}
	return Shard{i, n}, nil
}

// Has reports whether task i belongs to the shard.
func (sh Shard) Has(i int) bool { return sh.N == 0 || i%sh.N == sh.I-1 }

func (sh Shard) String() string {
	if sh.N == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", sh.I, sh.N)
}

// Tasks yields the shard's tasks of a sweep of total tasks, in order.
func (sh Shard) Tasks(total int) iter.Seq[int] {
	first, step := 0, 1
	if sh.N != 0 {
		first, step = sh.I-1, sh.N
	}
	return func(yield func(int) bool) {
		for i := first; i < total; i += step {
			if !yield(i) {
				return
			}
		}
	}
}

// Count is the number of the shard's tasks in a sweep of total tasks.
func (sh Shard) Count(total int) int {
	if sh.N == 0 {
		return total
	}
	return (total - sh.I + sh.N) / sh.N
}

// recordJSON is sweep.json: everything the results are a function of, and
// the shard. Two runs with the same record (shard aside) are the same sweep.
type recordJSON struct {
	Seed         uint64          `json:"seed"`
	Scenario     json.RawMessage `json:"scenario"`
	Columns      []string        `json:"columns"`
	Grid         []Axis          `json:"grid"`
	Points       [][]float64     `json:"points"`
	Replications int             `json:"replications"`
	Tasks        int             `json:"tasks"`
	TaskSeeds    string          `json:"task_seeds"`
	Shard        *string         `json:"shard"`
}

const taskSeeds = "rng.Mix(seed, point<<32 | replication), points and replications counted from 0"

// Record returns sweep.json for the spec and shard, newline included.
func (s Spec) Record(sh Shard) ([]byte, error) {
	sc, err := json.Marshal(s.Scenario)
	if err != nil {
		return nil, err
	}
	r := recordJSON{Seed: s.Scenario.Seed, Scenario: sc, Columns: s.Columns, Grid: s.Grid, Points: s.Points,
		Replications: s.Replications, Tasks: s.Tasks(), TaskSeeds: taskSeeds}
	if r.Columns == nil {
		r.Columns = []string{}
	}
	if sh.N != 0 {
		str := sh.String()
		r.Shard = &str
	}
	b, err := json.MarshalIndent(r, "", "  ")
	return append(b, '\n'), err
}

// ParseRecord reads sweep.json back. It checks that the record is exactly
// what Record writes for the spec and shard it describes, so that a record
// edited by hand, or written by another version, is refused.
func ParseRecord(data []byte) (Spec, Shard, error) {
	var r recordJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return Spec{}, Shard{}, fmt.Errorf("sweep.json: %w", err)
	}
	sc, err := param.ParseScenario(r.Scenario)
	if err != nil {
		return Spec{}, Shard{}, fmt.Errorf("sweep.json: scenario: %w", err)
	}
	s := Spec{Scenario: sc, Columns: r.Columns, Grid: r.Grid, Points: r.Points, Replications: r.Replications}
	if len(s.Columns) == 0 {
		s.Columns = nil
	}
	if err := s.Validate(); err != nil {
		return Spec{}, Shard{}, fmt.Errorf("sweep.json: %w", err)
	}
	var sh Shard
	if r.Shard != nil {
		if sh, err = ParseShard(*r.Shard); err != nil {
			return Spec{}, Shard{}, fmt.Errorf("sweep.json: %w", err)
		}
	}
	again, err := s.Record(sh)
	if err != nil || !bytes.Equal(again, data) {
		return Spec{}, Shard{}, fmt.Errorf("sweep.json is not as mentorsim sweep writes it (edited, or from another version)")
	}
	return s, sh, nil
}

// SameSweep compares two records apart from the shard; if they differ it
// names the first field that does.
func SameSweep(a, b []byte) (bool, string) {
	var ma, mb map[string]json.RawMessage
	if json.Unmarshal(a, &ma) != nil || json.Unmarshal(b, &mb) != nil {
		return false, "the JSON"
	}
	for _, k := range []string{"seed", "scenario", "columns", "grid", "points", "replications", "tasks", "task_seeds"} {
		if !bytes.Equal(compact(ma[k]), compact(mb[k])) {
			return false, firstDifference(k, ma[k], mb[k])
		}
	}
	if len(ma) != len(mb) {
		return false, "the set of fields"
	}
	return true, ""
}

// firstDifference names, below path, where two unequal JSON values first
// differ: inside objects, the first key (in sorted order) whose values
// differ, as path.key (scenario.params.hires); else path itself.
func firstDifference(path string, a, b json.RawMessage) string {
	var oa, ob map[string]json.RawMessage
	if json.Unmarshal(a, &oa) != nil || json.Unmarshal(b, &ob) != nil {
		return path
	}
	keys := slices.Sorted(maps.Keys(oa))
	for k := range ob {
		if _, ok := oa[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys) // every key once, in one order whatever the maps'
	for _, k := range keys {
		if !bytes.Equal(compact(oa[k]), compact(ob[k])) {
			return firstDifference(path+"."+k, oa[k], ob[k])
		}
	}
	return path
}

func compact(b []byte) []byte {
	var buf bytes.Buffer
	if json.Compact(&buf, b) != nil {
		return b
	}
	return buf.Bytes()
}

package sweep

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"mentorsim/sim/param"
)

func base(t testing.TB, hires float64) param.Scenario {
	t.Helper()
	sc, err := param.NewScenario("study")
	if err != nil {
		t.Fatal(err)
	}
	sc.Seed = 7
	sc.Params.Hires = hires
	return sc
}

func mustAxis(t testing.TB, text string) Axis {
	t.Helper()
	a, err := ParseAxis(text)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestParseAxis(t *testing.T) {
	t.Parallel()
	cases := map[string][]float64{
		"mentor_gain=0:1:0.25":   {0, 0.25, 0.5, 0.75, 1},
		"mentor_gain=0:0.3:0.1":  {0, 0.1, 0.2, 0.3}, // the last kept despite rounding, and rounded
		"belonging=0.2:0.6:0.2":  {0.2, 0.4, 0.6},
		"belonging=0.5":          {0.5},
		"hires=100,200, 300":     {100, 200, 300},
		"optin_shyness=-1:1:0.5": {-1, -0.5, 0, 0.5, 1},
		"mentor_gain=2:2:1":      {2},
	}
	for text, want := range cases {
		a := mustAxis(t, text)
		if !slicesEqual(a.Values, want) {
			t.Errorf("%s: got %v, want %v", text, a.Values, want)
		}
	}
	// The largest range allowed (its check for repeated values is a sort,
	// not a comparison of every pair).
	if a := mustAxis(t, "mentor_gain=0:9.99999:0.00001"); len(a.Values) != MaxAxisValues {
		t.Errorf("a range of %d values gave %d", MaxAxisValues, len(a.Values))
	}
	bad := map[string][]string{
		"mentor_gain":                        {"grid", "="},
		"mentor_gian=1,2":                    {`"mentor_gian"`, "mentorsim params"},
		"mentor_gain=1,99":                   {"grid mentor_gain", "99", "from 0 to 10"},
		"hires=10.5":                         {"grid hires", "10.5", "integer"},
		"mentor_gain=1:0:1":                  {"grid mentor_gain", "lo ≤ hi"},
		"mentor_gain=0:1:0":                  {"step > 0"},
		"mentor_gain=0:1":                    {"not a range"},
		"mentor_gain=a,b":                    {`"a"`, "not a number"},
		"mentor_gain=0:1e9:1e-3":             {"more than"},
		"mentor_gain=0,0.5,0.5":              {"grid mentor_gain", "0.5", "given twice"},
		"mentor_gain=1:1.000000000001:1e-13": {"grid mentor_gain", "12 significant digits"},
	}
	for text, want := range bad {
		_, err := ParseAxis(text)
		checkFieldError(t, text, err, want)
	}
}

func slicesEqual(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestGridIsCartesianLastFastest(t *testing.T) {
	t.Parallel()
	s, err := NewGrid(base(t, 50), []Axis{mustAxis(t, "mentor_gain=0,1"), mustAxis(t, "belonging=0.1,0.2,0.3")}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Points) != 6 || s.Tasks() != 12 {
		t.Fatalf("%d points, %d tasks", len(s.Points), s.Tasks())
	}
	want := [][]float64{{0, 0.1}, {0, 0.2}, {0, 0.3}, {1, 0.1}, {1, 0.2}, {1, 0.3}}
	for p := range want {
		if !slicesEqual(s.Points[p], want[p]) {
			t.Errorf("point %d = %v, want %v", p, s.Points[p], want[p])
		}
	}
	tk := s.Task(7)
	if tk.Point != 3 || tk.Replication != 1 || tk.Seed != TaskSeed(7, 3, 1) {
		t.Errorf("task 7 = %+v", tk)
	}
	seen := map[uint64]bool{}
	for i := range s.Tasks() {
		seen[s.Task(i).Seed] = true
	}
	if len(seen) != s.Tasks() {
		t.Errorf("task seeds repeat")
	}
	if _, err := NewGrid(base(t, 50), []Axis{mustAxis(t, "program_start=100"), mustAxis(t, "program_days=10,40")}, 1); err == nil ||
		!strings.Contains(err.Error(), "program_days") || !strings.Contains(err.Error(), "point 1") {
		t.Errorf("constraint across parameters: got %v", err)
	}
}

func TestRowsRoundTripAndSummary(t *testing.T) {
	t.Parallel()
	s, err := NewGrid(base(t, 60), []Axis{mustAxis(t, "mentor_gain=0,3")}, 3)
	if err != nil {
		t.Fatal(err)
	}
	var rows []Row
	var results bytes.Buffer
	results.Write(s.Header())
	for i := range s.Tasks() {
		line, err := s.RunRow(i)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := s.RunRow(i)
		if !bytes.Equal(line, again) {
			t.Fatalf("task %d is not a pure function of the sweep", i)
		}
		results.Write(line)
		r, err := s.ParseRow(line)
		if err != nil {
			t.Fatal(err)
		}
		if r.Index != i {
			t.Fatalf("row %d parsed as task %d", i, r.Index)
		}
		rows = append(rows, r)
	}
	if n := strings.Count(results.String(), "\n"); n != 7 {
		t.Fatalf("%d lines", n)
	}
	hdr := strings.Count(string(s.Header()), ",")
	for _, l := range strings.Split(strings.TrimSpace(results.String()), "\n") {
		if strings.Count(l, ",") != hdr {
			t.Fatalf("row %q does not match the header's %d commas", l, hdr)
		}
	}
	var a, b bytes.Buffer
	if err := s.WriteSummary(&a, rows); err != nil {
		t.Fatal(err)
	}
	rev := append([]Row(nil), rows...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	s.WriteSummary(&b, rev)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("summary depends on row order")
	}
	lines := strings.Split(strings.TrimSpace(a.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "0,0,3,") || !strings.HasPrefix(lines[2], "1,3,3,") {
		t.Errorf("summary:\n%s", a.String())
	}
	if _, err := s.ParseRow(bytes.Replace(s.Header(), []byte("point"), []byte("x"), 1)); err == nil {
		t.Error("parsed a header as a row")
	}
	bad, _ := s.RunRow(4)
	bad = bytes.Replace(bad, []byte(","), []byte(",9"), 2) // seed changed
	if _, err := s.ParseRow(bad); err == nil {
		t.Error("accepted a row with the wrong seed")
	}
}

func TestParseFile(t *testing.T) {
	t.Parallel()
	f, err := ParseFile([]byte(`{"preset": "insecure", "seed": 9, "params": {"belonging": 0.5},
		"grid": {"optin_shyness": "0:2:1", "mentor_gain": [0, 1]}, "replications": 5, "hires": 300}`))
	if err != nil {
		t.Fatal(err)
	}
	if f.Scenario.Preset != "insecure" || f.Scenario.Seed != 9 || f.Scenario.Params.Belonging != 0.5 || f.Scenario.Params.Hires != 300 || f.Replications != 5 {
		t.Errorf("scenario %+v, replications %d", f.Scenario, f.Replications)
	}
	if len(f.Axes) != 2 || f.Axes[0].Name != "optin_shyness" || len(f.Axes[0].Values) != 3 || f.Axes[1].Name != "mentor_gain" {
		t.Errorf("axes %+v (file order wanted)", f.Axes)
	}
	p, err := ParseFile([]byte(`{"points": [{"mentor_gain": 1, "belonging": 0.5}, {"belonging": 0.2}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Columns) != 2 || p.Columns[0] != "mentor_gain" || !slicesEqual(p.Points[1], []float64{param.Defaults().MentorGain, 0.2}) {
		t.Errorf("columns %v points %v", p.Columns, p.Points)
	}
	bad := map[string][]string{
		`{"grids": {}}`:                    {"grids", "unknown"},
		`{"grid": {"mentor_gain": [99]}}`:  {"grid.mentor_gain", "99"},
		`{"grid": {"mentor_gain": "0:1"}}`: {"grid.mentor_gain", "range"},
		`{"grid": {"nope": [1]}}`:          {`"nope"`},
		`{"grid": {"mentor_gain": true}}`:  {"grid.mentor_gain"},
		`{"replications": 0}`:              {"replications", "0"},
		`{"replications": "2"}`:            {"replications", "string"},
		`{"replications": 2} ]`:            {"JSON", "more than one value"},
		`{"params": {"mentor_gain": 1}, "grid": {"mentor_gain": [0, 2]}}`: {"grid.mentor_gain", "swept and set too"},
		`{"hires": 300, "grid": {"hires": [300, 603]}}`:                   {"grid.hires", "swept and set too"},
		`{"seed": "7"}`:                     {"seed", "string"},
		`{"hires": [300]}`:                  {"hires", "array"},
		`{"hires": 1}`:                      {"hires", "1"},
		`{"params": {"mentor_gain": 11}}`:   {"mentor_gain", "11"},
		`{"points": [{"mentor_gain": -1}]}`: {"points[0].mentor_gain", "-1"},
		`{"points": [{"mentor_gain": 1}, {"mentor_gain": 2}, {"mentor_gain": 1}]}`: {"points[2]", "same point as points[0]"},
		`{"grid": {"belonging": [1]}, "points": []}`:                               {"grid", "points"},
		`{"preset": "shy"}`:              {"preset", "shy"},
		`[1]`:                            {"JSON"},
		`{"GRID": {"mentor_gain": [1]}}`: {`"GRID"`, "case-sensitive"},
		`{"grid": {"mentor_gain": [1], "mentor_gain": [2]}}`: {"grid", `"mentor_gain" is given twice`},
		`{"replications": null}`:                             {"replications", "null"},
		`{"points": [{"mentor_gain": null}]}`:                {"points[0].mentor_gain", "null"},
		`{"grid": {"mentor_gain": "0x1:2:1"}}`:               {"grid.mentor_gain", "0x1"},
		`{"hires": 1, "hires": 50}`:                          {"hires", "twice"},
		`{"hires": 300, "params": {"hires": 400}}`:           {"hires", "300", `beside "params"."hires"`},
	}
	for text, want := range bad {
		_, err := ParseFile([]byte(text))
		checkFieldError(t, text, err, want)
	}
}

func TestRecordRoundTrip(t *testing.T) {
	t.Parallel()
	for _, axes := range [][]Axis{nil, {mustAxis(t, "mentor_gain=0:2:0.5"), mustAxis(t, "hires=40,50")}} {
		s, err := NewGrid(base(t, 50), axes, 4)
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range []Shard{{}, {2, 3}} {
			rec, err := s.Record(sh)
			if err != nil {
				t.Fatal(err)
			}
			s2, sh2, err := ParseRecord(rec)
			if err != nil {
				t.Fatalf("%v\n%s", err, rec)
			}
			if sh2 != sh || s2.Tasks() != s.Tasks() {
				t.Errorf("round trip: shard %v tasks %d", sh2, s2.Tasks())
			}
			whole, _ := s.Record(Shard{})
			if same, f := SameSweep(rec, whole); !same {
				t.Errorf("shard %v: differs from whole sweep in %s", sh, f)
			}
		}
		rec, _ := s.Record(Shard{})
		other := bytes.Replace(rec, []byte(`"replications": 4`), []byte(`"replications": 5`), 1)
		if same, f := SameSweep(rec, other); same || f != "replications" {
			t.Errorf("SameSweep = %v, %q", same, f)
		}
		// Inside the scenario, the parameter that differs is named.
		b := base(t, 50)
		b.Params.Belonging += 0.1
		s3, err := NewGrid(b, axes, 4)
		if err != nil {
			t.Fatal(err)
		}
		rec3, _ := s3.Record(Shard{})
		if same, f := SameSweep(rec, rec3); same || f != "scenario.params.belonging" {
			t.Errorf("a sweep with another belonging: SameSweep = %v, %q; want scenario.params.belonging", same, f)
		}
		if _, _, err := ParseRecord(other); err == nil {
			t.Error("accepted an edited record")
		}
	}
}

func TestRecordOfPoints(t *testing.T) {
	t.Parallel()
	s, err := NewPoints(base(t, 50), []string{"belonging", "hires"}, [][]float64{{0.5, 40}, {0.25, 60}}, 3)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.Record(Shard{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	s2, sh, err := ParseRecord(rec)
	if err != nil || sh != (Shard{1, 2}) || s2.Grid != nil || len(s2.Points) != 2 || s2.Points[1][1] != 60 {
		t.Errorf("round trip: %v %v %+v", err, sh, s2)
	}
	if _, err := NewPoints(base(t, 50), []string{"hires"}, [][]float64{{1}}, 3); err == nil || !strings.Contains(err.Error(), "hires") {
		t.Errorf("a point out of range: %v", err)
	}
}

func TestShard(t *testing.T) {
	t.Parallel()
	s, _ := NewGrid(base(t, 50), nil, 10)
	var all []int
	for i := 1; i <= 3; i++ {
		sh, err := ParseShard(strings.Join([]string{string(rune('0' + i)), "3"}, "/"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for k := range sh.Tasks(s.Tasks()) {
			all = append(all, k)
			n++
		}
		if n != sh.Count(s.Tasks()) {
			t.Errorf("shard %s: %d tasks, Count says %d", sh, n, sh.Count(s.Tasks()))
		}
	}
	slices.Sort(all)
	for k, i := range all {
		if k != i {
			t.Fatalf("shards cover tasks %v, want 0 to 9 once each", all)
		}
	}
	if len(all) != 10 {
		t.Errorf("shards cover %d tasks, want 10", len(all))
	}
	for _, bad := range []string{"0/3", "4/3", "1", "a/b", "1/0"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("accepted shard %q", bad)
		}
	}
}

func TestJournal(t *testing.T) {
	t.Parallel()
	line := JournalLine(3, []byte("a,b\n"))
	if i, row, ok := ParseJournalLine(line); !ok || i != 3 || string(row) != "a,b\n" {
		t.Errorf("ParseJournalLine(%q) = %d, %q, %v", line, i, row, ok)
	}
	damaged := slices.Clone(line)
	damaged[len(damaged)-2] = 'x'
	for _, bad := range [][]byte{damaged, line[:len(line)-1], line[:6], []byte("3 zz a,b\n"), []byte("\n")} {
		if _, _, ok := ParseJournalLine(bad); ok {
			t.Errorf("ParseJournalLine accepted the damaged line %q", bad)
		}
	}
}

// checkFieldError fails unless err is a FieldError whose message mentions
// every string in want.
func checkFieldError(t *testing.T, input string, err error, want []string) {
	t.Helper()
	var fe *param.FieldError
	if !errors.As(err, &fe) {
		t.Errorf("%s: error %v is not a FieldError", input, err)
		return
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%s: error %q does not mention %q", input, err, w)
		}
	}
}

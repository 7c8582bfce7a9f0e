package study

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"mentorsim/sim/estimate"
	"mentorsim/sim/model"
	"mentorsim/sim/param"
)

func newStudy(t testing.TB, preset string, seed uint64, hires int) *Study {
	t.Helper()
	sc, err := param.NewScenario(preset)
	if err != nil {
		t.Fatal(err)
	}
	sc.Seed, sc.Params.Hires = seed, float64(hires)
	s, err := New(sc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func summaryJSON(t *testing.T, s *Study) []byte {
	t.Helper()
	b, err := json.Marshal(s.Summary())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDesignMatchesTheStudy(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	s := newStudy(t, "study", 1, 603)
	var n [NumArms]int
	for _, a := range s.Arms {
		n[a]++
	}
	if n[MandatoryMentored] != 110 || n[MandatoryControl] != 171 || n[OptinMentored]+n[OptinDenied]+n[Optout] != 322 {
		t.Errorf("arms %v: want 110 mentored, 171 control, 322 voluntary", n)
	}
	if d := n[OptinMentored] - n[OptinDenied]; d != 0 && d != -1 {
		t.Errorf("opt-ins split %d mentored / %d denied: want halves", n[OptinMentored], n[OptinDenied])
	}
	for i, r := range s.Reps {
		if want := s.Arms[i] == MandatoryMentored || s.Arms[i] == OptinMentored; r.Mentored != want {
			t.Fatalf("rep %d in %v has Mentored = %v", i, s.Arms[i], r.Mentored)
		}
		if r.OptedIn != (s.Arms[i] == OptinMentored || s.Arms[i] == OptinDenied) {
			t.Fatalf("rep %d in %v has OptedIn = %v", i, s.Arms[i], r.OptedIn)
		}
	}
	if s.Days() != 30*ClassInterval+126 { // 31 classes of 20
		t.Errorf("study lasts %d days, want %d", s.Days(), 30*ClassInterval+126)
	}
}

func TestBranchSizesKeepProportions(t *testing.T) {
	for _, n := range []int{2, 10, 603, 1206, 200000} {
		m, c, v := branchSizes(n)
		if m+c+v != n || m < 0 || c < 0 || v < 0 {
			t.Fatalf("branchSizes(%d) = %d, %d, %d", n, m, c, v)
		}
		if math.Abs(float64(m)-float64(n)*110/603) > 0.5 || math.Abs(float64(c)-float64(n)*171/603) > 0.5 {
			t.Errorf("branchSizes(%d) = %d, %d, %d: not the study's proportions", n, m, c, v)
		}
	}
}

// Stepping day by day (the app) and living each rep to the end at once give
// the same bytes: reps, daily totals and summary, for presets and settings
// that exercise every branch of a rep's day (the program starting late, the
// gain fading fast, a mentor raising the hazard, the policies).
func TestDayByDayEqualsRunToEnd(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	cases := []struct {
		preset string
		set    map[string]float64
	}{
		{"study", nil},
		{"insecure", map[string]float64{"program_start": 15, "program_days": 30, "gain_decay_tau": 5}},
		{"overconfident", map[string]float64{"quit_perf": 0.8, "mentor_gain_pow": 0, "belonging": 0.5, "pending_quit": 0.3}},
		{"rational", map[string]float64{"policy": float64(Mandatory), "quit_base": 0.02}},
		{"study", map[string]float64{"policy": float64(Targeted), "horizon": 300, "calls_per_day": 90}},
	}
	for _, c := range cases {
		a := daysStudy(t, c.preset, c.set)
		for !a.Done() {
			a.StepDay()
		}
		for _, workers := range []int{1, 2, 5} {
			for _, stepped := range []int{0, 37} { // RunToEnd from the start, or after stepping part way
				b := daysStudy(t, c.preset, c.set)
				for range stepped {
					b.StepDay()
				}
				b.RunToEnd(workers)
				if !bytes.Equal(summaryJSON(t, a), summaryJSON(t, b)) {
					t.Fatalf("%s %v: stepping day by day and RunToEnd(%d) after %d days disagree", c.preset, c.set, workers, stepped)
				}
				if !equalDaily(a.Daily, b.Daily) {
					t.Fatalf("%s %v: daily totals differ with RunToEnd(%d) after %d days", c.preset, c.set, workers, stepped)
				}
				for i := range a.Reps {
					if a.Reps[i] != b.Reps[i] {
						t.Fatalf("%s %v: rep %d differs with RunToEnd(%d) after %d days", c.preset, c.set, i, workers, stepped)
					}
				}
			}
		}
	}
}

// daysStudy is a 2,100-hire study of seed 9 with some parameters set: large
// enough that RunToEnd uses up to three workers (one per 1,024 reps).
func daysStudy(t *testing.T, preset string, set map[string]float64) *Study {
	t.Helper()
	sc, err := param.NewScenario(preset)
	if err != nil {
		t.Fatal(err)
	}
	sc.Seed, sc.Params.Hires = 9, 2100
	for k, v := range set {
		if err := sc.Params.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	return mustNew(t, sc)
}

func equalDaily(a, b Daily) bool {
	for arm := range a {
		for t := range a[arm] {
			if a[arm][t] != b[arm][t] {
				return false
			}
		}
	}
	return true
}

func TestSameSeedSameStudyOtherSeedOther(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	a, b, c := newStudy(t, "study", 3, 400), newStudy(t, "study", 3, 400), newStudy(t, "study", 4, 400)
	for _, s := range []*Study{a, b, c} {
		s.RunToEnd(1)
	}
	if !bytes.Equal(summaryJSON(t, a), summaryJSON(t, b)) {
		t.Error("same seed gave different studies")
	}
	if bytes.Equal(summaryJSON(t, a), summaryJSON(t, c)) {
		t.Error("seeds 3 and 4 gave the same study")
	}
}

func TestCalendar(t *testing.T) {
	s := newStudy(t, "study", 1, 100) // 5 classes of 20
	if s.ClassesHired() != 1 {
		t.Errorf("on day 0, %d classes hired, want 1", s.ClassesHired())
	}
	for range 7 {
		s.StepDay()
	}
	// Day 7 is under way: classes 0 (day 0) and 1 (day 5) have started.
	if s.ClassesHired() != 2 || s.Reps[0].Tenure != 7 || s.Reps[20].Tenure != 2 || s.Reps[40].Tenure != 0 {
		t.Errorf("after 7 days: %d classes, tenures %d, %d, %d; want 2 classes, tenures 7, 2, 0",
			s.ClassesHired(), s.Reps[0].Tenure, s.Reps[20].Tenure, s.Reps[40].Tenure)
	}
	for !s.Done() {
		s.StepDay()
	}
	for i, r := range s.Reps {
		if r.Tenure != 126 {
			t.Fatalf("rep %d followed for %d days, want 126", i, r.Tenure)
		}
	}
}

// Part-way through, the late classes are censored. Kaplan–Meier must still
// estimate the final retention without bias, where the naive share of those
// hired who are still employed would be far too high.
func TestEstimatesAreRightUnderCensoring(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	s := newStudy(t, "study", 2, 60000)
	s.Scenario.Params.ClassSize = 2000 // 30 classes
	s = mustNew(t, s.Scenario)
	for s.Day() < 100 { // classes 0-19 have started; none has reached day 126
		s.StepDay()
	}
	mid := estimate.Survival(s.Spells(MandatoryControl), model.Month3)
	naive := 0.0
	n := 0
	for i, r := range s.Reps {
		if s.Arms[i] == MandatoryControl && r.Tenure > 0 {
			n++
			if r.Employed() {
				naive++
			}
		}
	}
	s.RunToEnd(2)
	final := estimate.Survival(s.Spells(MandatoryControl), model.Month3)
	if math.Abs(mid.Estimate-final.Estimate) > 3*mid.SE {
		t.Errorf("retention at day 63 part-way %v ± %v, at the end %v", mid.Estimate, mid.SE, final.Estimate)
	}
	if naive/float64(n) < final.Estimate+0.02 {
		t.Errorf("the naive share %v is not biased above %v: the test does not exercise censoring", naive/float64(n), final.Estimate)
	}
}

func mustNew(t *testing.T, sc param.Scenario) *Study {
	t.Helper()
	s, err := New(sc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestReplayRepeatsEachRep(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	s := newStudy(t, "study", 5, 300)
	s.RunToEnd(2)
	for i := range s.Reps {
		days, sales := 0, 0
		s.Replay(i, func(t, n int) {
			days++
			if t < model.Month6 {
				sales += n
			}
		})
		if r := &s.Reps[i]; days != int(r.DaysEmployed) || sales != int(r.Sales[3]) {
			t.Fatalf("replay of rep %d: %d days, %d sales; the run had %d days, %d sales", i, days, sales, r.DaysEmployed, r.Sales[3])
		}
	}
}

func TestNoEffectMeansZeroTruth(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	sc, _ := param.NewScenario("study")
	sc.Params.MentorGain, sc.Params.Belonging = 0, 0
	s := mustNew(t, sc)
	s.RunToEnd(2)
	for _, v := range s.Truth() {
		if v.X != 0 {
			t.Errorf("%s = %v with no effect of mentoring, want exactly 0", v.ID, v.X)
		}
	}
}

func TestSummaryRecordsSeedAndScenario(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	s := newStudy(t, "insecure", 77, 100)
	s.RunToEnd(1)
	var got struct {
		Seed     uint64
		Scenario struct {
			Preset string
			Seed   uint64
			Params map[string]float64
		}
		Estimates map[string]estimate.Estimate
		Truth     map[string]*float64
	}
	if err := json.Unmarshal(summaryJSON(t, s), &got); err != nil {
		t.Fatal(err)
	}
	if got.Seed != 77 || got.Scenario.Seed != 77 || got.Scenario.Preset != "insecure" {
		t.Errorf("summary records seed %d / %d, preset %q", got.Seed, got.Scenario.Seed, got.Scenario.Preset)
	}
	if len(got.Scenario.Params) != len(param.Specs()) || got.Scenario.Params["hires"] != 100 {
		t.Errorf("summary records %d parameters (hires %v)", len(got.Scenario.Params), got.Scenario.Params["hires"])
	}
	for _, id := range EstimandIDs {
		if _, ok := got.Estimates[string(id)]; !ok {
			t.Errorf("summary lacks estimand %s", id)
		}
	}
	for _, id := range TruthIDs {
		if _, ok := got.Truth[string(id)]; !ok {
			t.Errorf("summary lacks %s", id)
		}
	}
}

// TestScratchGivesTheSameStudies runs studies of changing size, horizon,
// policy and parameters through one Scratch, each after a larger one, and
// checks each against a fresh study: reused memory must leave no trace.
func TestScratchGivesTheSameStudies(t *testing.T) {
	t.Parallel()
	var scratch Scratch
	for k, c := range []struct {
		preset  string
		hires   float64
		horizon float64
		policy  Policy
	}{
		{"advice", 900, 252, Experiment}, {"advice", 400, 126, Experiment}, {"advice", 400, 126, Experiment},
		{"insecure", 700, 126, Voluntary}, {"insecure", 300, 189, Targeted}, {"rational", 603, 126, Experiment},
	} {
		sc, err := param.NewScenario(c.preset)
		if err != nil {
			t.Fatal(err)
		}
		sc.Seed, sc.Params.Hires, sc.Params.Horizon, sc.Params.Policy = uint64(k+1), c.hires, c.horizon, float64(c.policy)
		fresh, err := New(sc)
		if err != nil {
			t.Fatal(err)
		}
		reused, err := NewIn(&scratch, sc, 2)
		if err != nil {
			t.Fatal(err)
		}
		fresh.RunToEnd(1)
		reused.RunToEnd(2)
		if !reflect.DeepEqual(fresh.Reps, reused.Reps) || !reflect.DeepEqual(fresh.Arms, reused.Arms) || !reflect.DeepEqual(fresh.Daily, reused.Daily) {
			t.Fatalf("study %d (%+v): the reps, arms or daily totals from the scratch differ from a fresh study's", k, c)
		}
		if a, b := fmt.Sprint(fresh.Estimates(), fresh.Truth()), fmt.Sprint(reused.Estimates(), reused.Truth()); a != b {
			t.Fatalf("study %d (%+v): estimates differ:\nfresh  %s\nreused %s", k, c, a, b)
		}
	}
}

// TestAPassReusesItsMemory checks that an estimate pass over a study like
// the last reuses the pass's memory: after the third pass the spares and
// the units' arrays are the very slices they were after the second (a
// spare not given back, or an array made afresh, would be a new slice).
func TestAPassReusesItsMemory(t *testing.T) {
	t.Parallel()
	for _, hires := range []int{603, 3000} {
		s := newStudy(t, "advice", 5, hires)
		s.RunToEnd(1)
		s.Estimates()
		s.Estimates()
		second := passMemory(s.pass)
		s.Estimates()
		if third := passMemory(s.pass); !slices.Equal(second, third) {
			t.Errorf("%d hires: the pass's slices after the second pass %v, after the third %v; want the same", hires, second, third)
		}
		if slices.Contains(second, fmt.Sprintf("%p", []int(nil))) {
			t.Errorf("%d hires: the pass's slices %v; want no spare empty", hires, second)
		}
	}
}

// passMemory is where each of the pass's spares is, and each window's units
// that the pass read.
func passMemory(p *pass) []string {
	at := []string{fmt.Sprintf("%p", p.merged.kept), fmt.Sprintf("%p", p.rows.kept), fmt.Sprintf("%p", p.clusters.kept),
		fmt.Sprintf("%p", p.retained.kept), fmt.Sprintf("%p", p.spells.kept)}
	for _, b := range p.backing {
		if b != nil {
			at = append(at, fmt.Sprintf("%p", b))
		}
	}
	return at
}

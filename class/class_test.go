package class

import (
	"bytes"
	"encoding/csv"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"mentorsim/sim/estimate"
)

func TestItemsAreTheSessionsAndRoundTwoIsNew(t *testing.T) {
	t.Parallel()
	a, b := Items(7, 1), Items(7, 1)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed and round gave different items")
	}
	if reflect.DeepEqual(Items(7, 1), Items(7, 2)) {
		t.Fatal("round 2 repeats round 1's items")
	}
	if reflect.DeepEqual(Items(7, 1), Items(8, 1)) {
		t.Fatal("another session's seed gave the same items")
	}
}

// The card's rule (the job's type) always sells; some wrong pitches sell
// by luck, about a quarter of them.
func TestCardRuleAlwaysSells(t *testing.T) {
	t.Parallel()
	lucky, wrong := 0, 0
	for seed := uint64(1); seed <= 200; seed++ {
		for r := 1; r <= 2; r++ {
			for i, it := range Items(seed, r) {
				best := JobType(it.Job)
				if want := round(seed, r)[i].best; best != want || !Sells(seed, r, i, best) {
					t.Fatalf("seed %d round %d call %d: the card's pitch %d does not sell (the winning pitch is %d)", seed, r, i, best, want)
				}
				for p := range Pitches {
					if p != best {
						wrong++
						if Sells(seed, r, i, p) {
							lucky++
						}
					}
				}
			}
		}
	}
	if share := float64(lucky) / float64(wrong); math.Abs(share-luck) > 0.03 {
		t.Errorf("wrong pitches sold %.3f of the time; want about %v", share, luck)
	}
}

func TestPitchIndex(t *testing.T) {
	t.Parallel()
	if i, err := PitchIndex("demo"); err != nil || i != 1 {
		t.Errorf("PitchIndex(demo) = %d, %v", i, err)
	}
	if _, err := PitchIndex("<b>"); err == nil {
		t.Error("an unknown pitch was accepted")
	}
}

// A full deck of 603 joiners is split exactly as the study's hires; the
// assignment is reproducible; opt-in coins come in balanced pairs.
func TestAssignFollowsTheStudy(t *testing.T) {
	t.Parallel()
	counts := map[string]int{}
	vol := 0
	coached := 0
	for i := range studyHires {
		a := Assign(42, i, vol)
		if a != Assign(42, i, vol) {
			t.Fatal("Assign is not reproducible")
		}
		switch {
		case a.Branch == "mandatory" && a.MandatoryCoached:
			counts["coached"]++
		case a.Branch == "mandatory":
			counts["control"]++
		default:
			counts["voluntary"]++
			if a.CoachedIfOptin {
				coached++
			}
			vol++
		}
	}
	want := map[string]int{"coached": 110, "control": 171, "voluntary": 322}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("branches %v; want %v", counts, want)
	}
	if coached != 161 {
		t.Errorf("%d of 322 voluntary students would be coached if they opt in; want 161 (pairs)", coached)
	}
	same := 0
	for i := range 50 {
		if Assign(42, i, 0).Slot == Assign(43, i, 0).Slot {
			same++
		}
	}
	if same > 5 {
		t.Errorf("seeds 42 and 43 gave %d of 50 equal slots; the seed does not randomise", same)
	}
}

// student makes a complete student with the given scores.
func student(idx int, arm string, r1, r2, self int) Student {
	t0 := time.Unix(1000, 0)
	s := Student{Idx: idx, Answers: [2]map[int]Answer{{}, {}}, Started: [2]*time.Time{&t0, &t0}, SelfAssessment: &self}
	switch arm {
	case "mandatory_coached":
		s.Branch, s.MandatoryCoached = "mandatory", true
	case "mandatory_control":
		s.Branch = "mandatory"
	default:
		s.Branch = "voluntary"
		in := arm != "optout"
		s.OptedIn = &in
		s.CoachedIfOptin = arm == "optin_coached"
	}
	for r, score := range []int{r1, r2} {
		for c := range Calls {
			s.Answers[r][c] = Answer{Sale: c < score}
		}
	}
	return s
}

func TestComputeEstimands(t *testing.T) {
	t.Parallel()
	sess := &Session{Phase: Revealed, Framing: "private", RoundSeconds: 120}
	students := []Student{
		student(0, "mandatory_coached", 5, 11, 40), student(1, "mandatory_coached", 7, 12, 50),
		student(2, "mandatory_control", 6, 7, 60), student(3, "mandatory_control", 8, 9, 70),
		student(4, "optin_coached", 4, 12, 20), student(5, "optin_denied", 5, 6, 30),
		student(6, "optout", 9, 10, 80), student(7, "optout", 10, 10, 90),
	}
	res := Compute(sess, students, time.Unix(2000, 0))
	if res.N != 8 || !res.Small {
		t.Fatalf("N = %d, small = %v; want 8, true", res.N, res.Small)
	}
	get := func(id string) Named {
		for _, e := range res.Estimands {
			if e.ID == id {
				return e
			}
		}
		t.Fatalf("no estimand %s", id)
		return Named{}
	}
	// Mandatory lift: mean 11.5 over mean 8, minus 1.
	if e := get("mandatory_lift").Estimate.Estimate; math.Abs(e-(11.5/8-1)) > 1e-12 {
		t.Errorf("mandatory lift %v; want %v", e, 11.5/8-1)
	}
	if e := get("optin_vs_optout_round1").Estimate.Estimate; math.Abs(e-(4.5/9.5-1)) > 1e-12 {
		t.Errorf("round-1 selection %v; want %v", e, 4.5/9.5-1)
	}
	if e := get("optin_rate"); e.N != [2]int{2, 4} || e.Estimate.Estimate != 0.5 {
		t.Errorf("opt-in rate %+v; want 2 of 4", e)
	}
	if res.Rank[0].N != 2 || res.Rank[2].N != 3 {
		t.Errorf("thirds of 8: %d, %d, %d", res.Rank[0].N, res.Rank[1].N, res.Rank[2].N)
	}
}

func TestShareBeatenCountsTiesHalf(t *testing.T) {
	t.Parallel()
	a, b, c := student(0, "optout", 5, 0, 0), student(1, "optout", 5, 0, 0), student(2, "optout", 9, 0, 0)
	done := []*Student{&a, &b, &c}
	if got := ShareBeaten(&a, done, 1); got != 25 {
		t.Errorf("ShareBeaten = %v; want 25 (a tie of two counts half, out of 2 others)", got)
	}
	if got := ShareBeaten(&c, done, 1); got != 100 {
		t.Errorf("ShareBeaten = %v; want 100", got)
	}
}

func TestMeanCI(t *testing.T) {
	t.Parallel()
	e := MeanCI([]float64{1, 2, 3, 4})
	se := math.Sqrt(5.0 / 3 / 4)
	if e.Estimate != 2.5 || math.Abs(e.SE-se) > 1e-12 || math.Abs(e.Lo-(2.5-estimate.Z95*se)) > 1e-12 {
		t.Errorf("MeanCI = %+v", e)
	}
	if !math.IsNaN(MeanCI([]float64{3}).Estimate) {
		t.Error("a mean of one student has an interval")
	}
}

// The fitted rule recovers a known rule from many simulated students.
func TestFitRecoversTheRule(t *testing.T) {
	t.Parallel()
	var done []*Student
	for i := range 4000 {
		score := i % 13
		self := (i * 37) % 101
		z1 := (float64(score) - 6) / 3.74
		z2 := (float64(self) - 50) / 29.2
		p := 1 / (1 + math.Exp(-(0.3 - 1.2*z1 - 0.6*z2)))
		u := math.Mod(float64(i)*0.6180339887, 1)
		st := student(i, "optout", score, 0, self)
		in := u < p
		st.OptedIn = &in
		done = append(done, &st)
	}
	f, why := FitOptin(done)
	if why != "" || !f.Converged {
		t.Fatalf("fit failed (%s): %+v", why, f)
	}
	want := [3]float64{0.3, -1.2, -0.6}
	for j := range want {
		if math.Abs(f.Coef[j]-want[j]) > 0.15 {
			t.Errorf("coefficient %d = %.3f; want about %.1f", j, f.Coef[j], want[j])
		}
	}
}

// The simulator, given the study preset's own kind of rule (weak reps ask
// more), gives the study's pattern: opt-ins sell less than opt-outs when
// the weak opt in, more when the strong do.
func TestSimulateFollowsTheRule(t *testing.T) {
	t.Parallel()
	weakAsk := Simulate(Fit{Coef: [3]float64{0, -3, 0}, Corr: 0.5}, 1)
	strongAsk := Simulate(Fit{Coef: [3]float64{0, 3, 0}, Corr: 0.5}, 1)
	sel := func(r SimRun) float64 {
		for _, e := range r.Estimates {
			if e.ID == "voluntary.optin_vs_optout_revenue_2m" {
				return e.Estimate.Estimate
			}
		}
		return math.NaN()
	}
	if !(sel(weakAsk) < 0 && sel(strongAsk) > 0) {
		t.Errorf("opt-ins vs opt-outs: %v when the weak ask, %v when the strong ask; want < 0 and > 0", sel(weakAsk), sel(strongAsk))
	}
	if p := RuleParams(Fit{Coef: [3]float64{50, -50, 50}, Corr: -0.5}); p["optin_base"] != 10 || p["optin_eagerness"] != -10 || p["optin_need"] != -10 || p["sa_compression"] != 1 {
		t.Errorf("RuleParams did not clip to the parameters' ranges: %v", p)
	}
}

func TestStatusShowsLeaversAndLateJoiners(t *testing.T) {
	t.Parallel()
	sess := &Session{Phase: Round1, RoundSeconds: 120}
	t0 := time.Unix(1000, 0)
	s := Student{Answers: [2]map[int]Answer{{0: {At: t0.Add(10 * time.Second)}}, {}}, Started: [2]*time.Time{&t0, nil}}
	if got := s.Status(sess, t0.Add(30*time.Second)); got != "round 1" {
		t.Errorf("playing: %q", got)
	}
	if got := s.Status(sess, t0.Add(60*time.Second)); got != "round 1 (idle: left?)" {
		t.Errorf("silent for 50 s: %q", got)
	}
	if got := s.Status(sess, t0.Add(130*time.Second)); got != "offer" {
		t.Errorf("time up: %q", got)
	}
	late := Student{Answers: [2]map[int]Answer{{}, {}}}
	if got := late.Status(&Session{Phase: Round2}, t0); got != "late" {
		t.Errorf("joined after round 1: %q", got)
	}
	if got := late.Status(&Session{Phase: Revealed}, t0); got != "late" {
		t.Errorf("never played: %q", got)
	}
}

// Standings give every student the share a pass over the class gives
// (ties half), on classes with many ties.
func TestStandingsMatchACount(t *testing.T) {
	t.Parallel()
	for n := range 40 {
		done := make([]*Student, n)
		for i := range done {
			st := &Student{Answers: [2]map[int]Answer{{}, {}}}
			for c := range (i * 7) % 5 {
				st.Answers[0][c] = Answer{Sale: true}
			}
			done[i] = st
		}
		std := NewStandings(done, 1)
		for _, s := range done {
			want := math.NaN()
			if n >= 2 {
				beaten := 0.0
				for _, o := range done {
					switch {
					case o == s:
					case o.Score(1) < s.Score(1):
						beaten++
					case o.Score(1) == s.Score(1):
						beaten += 0.5
					}
				}
				want = 100 * beaten / float64(n-1)
			}
			if got := std.Share(s.Score(1)); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("class of %d, score %d: share %v; a count gives %v", n, s.Score(1), got, want)
			}
		}
	}
}

// When every student asked gives the same answer no rule of who asks can be
// fitted (the intercept runs off to infinity): the projector is told why,
// instead of a rule of zeros and a simulation made from it.
func TestNoFitWhenAllAnswerAlike(t *testing.T) {
	t.Parallel()
	for _, arm := range []string{"optin_coached", "optout"} {
		var done []*Student
		for i := range 8 {
			s := student(i, arm, i%5, 3, 10*i)
			done = append(done, &s)
		}
		f, why := FitOptin(done)
		want := map[string]string{"optin_coached": "said yes", "optout": "said no"}[arm]
		if !strings.Contains(why, "All 8 students offered coaching "+want) || f.Coef != [3]float64{} {
			t.Errorf("all %s: fit %+v, why %q", arm, f, why)
		}
	}
}

// A student the teacher removed is not among those the share beaten is
// computed over, so the export leaves theirs empty (it once gave -25%).
func TestExportLeavesOutTheRemovedStudentsShare(t *testing.T) {
	t.Parallel()
	sess := Session{ID: "ABCD", Phase: Revealed, Framing: "private", RoundSeconds: 60}
	var all []Student
	for i, r1 := range []int{12, 12, 12, 0} {
		all = append(all, student(i, "mandatory_control", r1, 3, 50))
	}
	all[3].Excluded = true
	var buf bytes.Buffer
	if err := WriteCSV(&buf, []Session{sess}, [][]Student{all}, time.Unix(5000, 0)); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "share_beaten_round1")
	if got := []string{rows[1][col], rows[4][col]}; got[0] != "50" || got[1] != "" {
		t.Errorf("share_beaten_round1: kept student %q (want 50), removed student %q (want empty)", got[0], got[1])
	}
}

// Round2Left counts those a reveal would cut short or leave out: not the
// students done with round 2, the late, or those the teacher removed; and
// Round2Of, round 2's progress count's whole, leaves out the late and the
// removed.
func TestRound2LeftLeavesOutTheRemoved(t *testing.T) {
	t.Parallel()
	sess := &Session{ID: "ABCD", Phase: Round2, Framing: "private", RoundSeconds: 600}
	now := time.Unix(1100, 0) // within every round's time
	done := student(0, "mandatory_control", 12, 12, 50)
	playing := student(1, "mandatory_control", 12, 5, 50)
	removed := student(2, "mandatory_control", 12, 5, 50)
	removed.Excluded = true
	for _, s := range []*Student{&playing, &removed} { // five calls of round 2 made
		for c := 5; c < Calls; c++ {
			delete(s.Answers[1], c)
		}
	}
	late := student(3, "mandatory_control", 0, 0, 50)
	late.Started = [2]*time.Time{nil, nil}
	late.Answers = [2]map[int]Answer{{}, {}}
	waiting := student(4, "mandatory_control", 12, 0, 50) // round 2 not started
	waiting.Started[1] = nil
	waiting.Answers[1] = map[int]Answer{}
	c := Compute(sess, []Student{done, playing, removed, late, waiting}, now).Counts
	if c.Round2Left != 2 || c.Round2Of != 3 || c.Round2Done != 1 || c.Late != 1 {
		t.Errorf("counts %+v; want 2 left (playing, waiting) of 3 (and done), 1 done, 1 late", c)
	}
	if c.Round1Of != 4 || c.Round1Left != 1 { // all but the removed; the late has not played it
		t.Errorf("counts %+v; want round 1 of 4 (all but the removed), 1 left (the late)", c)
	}
}

package model

import (
	"math"
	"testing"

	"mentorsim/sim/param"
)

func TestOptInDecisionFollowsFormula(t *testing.T) {
	p := param.Defaults()
	p.OptinBase, p.OptinNeed, p.OptinShyness, p.OptinEagerness, p.OptinNoise = 0.5, 1, 2, 3, 1
	tr := Traits{SelfAssessment: 0.25, Insecurity: 0.5, Eagerness: -0.1, choiceNoise: 0.2}
	// U = 0.5 + 1·(−0.25) − 2·0.5 + 3·(−0.1) + 1·0.2 = −0.85
	if tr.WouldOptIn(&p) {
		t.Error("U = −0.85 but the rep opted in")
	}
	tr.choiceNoise = 1.1 // U = +0.05
	if !tr.WouldOptIn(&p) {
		t.Error("U = +0.05 but the rep opted out")
	}
}

// The gain is 2·gap², capped at the gap: a mentored rep never passes the
// floor (both sides of the cap are met among 200 reps).
func TestGainIsGapClosing(t *testing.T) {
	p := param.Defaults()
	p.MentorGain, p.MentorFloor, p.MentorGainPow = 2, 0.5, 2
	m := New(p)
	capped, power := 0, 0
	defer func() {
		if capped == 0 || power == 0 {
			t.Errorf("%d reps capped, %d on the power form: want both", capped, power)
		}
	}()
	for id := range 200 {
		r := m.Hire(1, id)
		want := 0.0
		if gap := 0.5 - r.Ability; gap > 0 {
			want = min(gap, 2*gap*gap)
			if want == gap {
				capped++
			} else {
				power++
			}
		}
		if r.Ability+r.Gain() > 0.5+1e-12 && r.Gain() > 0 {
			t.Fatalf("ability %v + gain %v passes the floor 0.5", r.Ability, r.Gain())
		}
		if math.Abs(r.Gain()-want) > 1e-12*(1+want) {
			t.Fatalf("ability %v: gain %v, want %v", r.Ability, r.Gain(), want)
		}
	}
}

// With mentor_gain_pow 0 every rep below the floor gains mentor_gain, or
// the gap if that is less; reps above it gain nothing.
func TestGainPowerZeroIsAFlatGainUpToTheFloor(t *testing.T) {
	p := param.Defaults()
	p.MentorGain, p.MentorFloor, p.MentorGainPow = 1.5, 0, 0
	m := New(p)
	for id := range 100 {
		r := m.Hire(1, id)
		if want := min(max(0, -r.Ability), 1.5); r.Gain() != want {
			t.Fatalf("ability %v: gain %v, want %v", r.Ability, r.Gain(), want)
		}
	}
}

func TestUrgeMatchesExactProbability(t *testing.T) {
	for _, h := range []float64{1e-9, 1e-4, 0.004, 0.1, 0.9, 3} {
		p := -math.Expm1(-h) // 1 − exp(−h) without cancellation
		for _, u := range []float64{0, p * 0.5, p * (1 - 1e-9), p * (1 + 1e-9), math.Min(1-1e-12, 2*p)} {
			if got, want := urge(u, h), u < p; got != want {
				t.Errorf("urge(%v, %v) = %v, want %v", u, h, got, want)
			}
		}
	}
}

// run simulates n reps of the given world to the horizon.
func run(m *Model, n int, mentored bool) []Rep {
	reps := make([]Rep, n)
	for i := range reps {
		reps[i] = m.Hire(5, i)
		reps[i].Mentored = mentored
		for !m.Done(&reps[i]) {
			m.Step(&reps[i])
		}
	}
	return reps
}

func TestSalesArePoissonWithTheModelRate(t *testing.T) {
	p := param.Defaults()
	p.LearnGap, p.ConvSkill, p.QuitBase, p.CallsPerDay, p.ConvBase = 0, 0, 0, 20, -1
	p.CallsDaySD, p.AbsenceRate, p.ClassSD = 0, 0, 0
	reps := run(New(p), 2000, false)
	var sales, days float64
	for _, r := range reps {
		sales += float64(r.Sales[3])
		days += float64(r.DaysEmployed)
	}
	want := 20 / (1 + math.Exp(1)) // calls · logistic(conv_base)
	se := math.Sqrt(want / days)
	if got := sales / days; math.Abs(got-want) > 5*se {
		t.Errorf("mean daily sales %v, want %v ± %v", got, want, 5*se)
	}
}

func TestConstantHazardGivesExponentialRetention(t *testing.T) {
	p := param.Defaults()
	p.QuitEarly, p.QuitPerf, p.FrailtySD, p.QuitBase = 0, 0, 0, 0.01
	reps := run(New(p), 20000, false)
	stayed := 0
	for _, r := range reps {
		if r.DaysEmployed > Month3 {
			stayed++
		}
	}
	want := math.Exp(-0.01 * (Month3 + 1)) // survived the urges of days 0..63
	got := float64(stayed) / float64(len(reps))
	if se := math.Sqrt(want * (1 - want) / float64(len(reps))); math.Abs(got-want) > 5*se {
		t.Errorf("share employed on day %d: %v, want %v ± %v", Month3+1, got, want, 5*se)
	}
}

func TestBelongingPutsOffEveryUrgeInTheProgram(t *testing.T) {
	p := param.Defaults()
	p.Belonging, p.PendingQuit, p.QuitBase = 1, 0, 0.05
	p.ProgramDays = 20
	leftEarly := 0
	for _, r := range run(New(p), 2000, true) {
		if r.DaysEmployed < 20 {
			t.Fatalf("a mentored rep left on day %d, inside the program, though every urge there is put off", r.DaysEmployed)
		}
		if r.Outcome[0].Days < 20 {
			leftEarly++
		}
	}
	if leftEarly < 500 { // about 1 − exp(−0.05·20·(1+...)) of them leave without a mentor
		t.Errorf("only %d of 2000 reps left within 20 days without a mentor", leftEarly)
	}
}

func TestPotentialOutcomesShareDraws(t *testing.T) {
	// With no gain and no belonging, mentoring changes nothing, so both
	// potential outcomes must be identical, rep by rep.
	p := param.Defaults()
	p.MentorGain, p.Belonging = 0, 0
	for _, r := range run(New(p), 1000, true) {
		a, b := r.Outcome[0], r.Outcome[1]
		if a.Days != b.Days || a.Revenue != b.Revenue {
			t.Fatalf("potential outcomes differ without any effect: %+v vs %+v", a, b)
		}
	}
}

func TestMentoringHelpsWeakRepsMoreThanStrong(t *testing.T) {
	p := param.Defaults()
	p.Belonging = 0 // so that only the gain in skill differs between the worlds
	var weak, strong []float64
	for _, r := range run(New(p), 4000, true) {
		lift := (r.Outcome[1].Revenue/float64(r.Outcome[1].Days))/(r.Outcome[0].Revenue/float64(r.Outcome[0].Days)) - 1
		if r.Outcome[0].Days == 0 || r.Outcome[1].Days == 0 {
			continue
		}
		if r.Ability < p.MentorFloor-1 {
			weak = append(weak, lift)
		} else if r.Ability > p.MentorFloor {
			strong = append(strong, lift)
		}
	}
	if mean(weak) < 0.2 || math.Abs(mean(strong)) > 1e-12 {
		t.Errorf("mean individual lift: weak reps %v (want > 0.2), reps above the floor %v (want 0)", mean(weak), mean(strong))
	}
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

package model

import (
	"math"
	"testing"

	"mentorsim/sim/fmath"
	"mentorsim/sim/param"
)

func TestOptInDecisionFollowsFormula(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
		if r.Skill(true) > 0.5+1e-12 && r.KnowHow > 0 {
			t.Fatalf("ability %v + know-how %v passes the floor 0.5", r.Ability, r.KnowHow)
		}
		if math.Abs(r.KnowHow-want) > 1e-12*(1+want) {
			t.Fatalf("ability %v: know-how %v, want %v", r.Ability, r.KnowHow, want)
		}
		if g := r.Gain(); math.Abs(g-(1-r.PeerShare)*r.KnowHow) > 1e-12*(1+want) {
			t.Fatalf("ability %v: a mentor adds %v, want (1 − π)·G = %v", r.Ability, g, (1-r.PeerShare)*r.KnowHow)
		}
	}
}

// With mentor_gain_pow 0 every rep below the floor gains mentor_gain, or
// the gap if that is less; reps above it gain nothing.
func TestGainPowerZeroIsAFlatGainUpToTheFloor(t *testing.T) {
	t.Parallel()
	p := param.Defaults()
	p.MentorGain, p.MentorFloor, p.MentorGainPow = 1.5, 0, 0
	m := New(p)
	for id := range 100 {
		r := m.Hire(1, id)
		if want := min(max(0, -r.Ability), 1.5); r.KnowHow != want {
			t.Fatalf("ability %v: know-how %v, want %v", r.Ability, r.KnowHow, want)
		}
	}
}

func TestUrgeMatchesExactProbability(t *testing.T) {
	t.Parallel()
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
func run(m *Engine, n int, mentored bool) []Rep {
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	if mean(weak) < 0.1 || math.Abs(mean(strong)) > 1e-12 {
		t.Errorf("mean individual lift: weak reps %v (want > 0.1), reps above the floor %v (want 0)", mean(weak), mean(strong))
	}
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// Under optin_rule 1 the rep opts in exactly when its believed gain,
// (1 − π)·G + roy_noise·ℓ, exceeds roy_cost.
func TestRoyRuleChoosesOnTheBelievedGain(t *testing.T) {
	t.Parallel()
	p := param.Defaults()
	p.OptinRule, p.RoyCost, p.RoyNoise = 1, 0.4, 0.5
	m := New(p)
	yes := 0
	for id := range 2000 {
		r := m.Hire(3, id)
		want := r.Gain()+0.5*r.choiceNoise > 0.4
		if r.WouldOptIn(&p) != want {
			t.Fatalf("rep %d: gain %v, noise %v: opted in %v", id, r.Gain(), r.choiceNoise, !want)
		}
		if want {
			yes++
		}
	}
	if yes == 0 || yes == 2000 {
		t.Errorf("%d of 2000 opted in: want some of each", yes)
	}
}

// A survey measure's squared correlation with its trait is its reliability;
// experience correlates with ability as its parameter says, and peer access
// not at all.
func TestSurveyMeasuresHaveTheirReliability(t *testing.T) {
	t.Parallel()
	p := param.Defaults()
	p.SurveyReliability, p.ExperienceCorr = 0.6, 0.4
	m := New(p)
	n := 40000
	z, zs, a, x, d := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for id := range n {
		r := m.Hire(2, id)
		z[id], zs[id], a[id], x[id], d[id] = r.Insecurity, r.SurveyInsecurity, r.Ability, r.Experience, r.PeerAccess
	}
	for _, c := range []struct {
		name      string
		x, y      []float64
		want, tol float64
	}{{"reliability", z, zs, 0.6, 0.02}, {"experience", a, x, 0.4, 0.02}, {"peer access", a, d, 0, 0.02}} {
		r := corr(c.x, c.y)
		if c.name == "reliability" {
			r *= r
		}
		if math.Abs(r-c.want) > c.tol {
			t.Errorf("%s: %v, want %v", c.name, r, c.want)
		}
	}
}

func corr(x, y []float64) float64 {
	var mx, my, sxy, sxx, syy float64
	n := float64(len(x))
	for i := range x {
		mx, my = mx+x[i]/n, my+y[i]/n
	}
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

// The day's factor on calls is 0 on a share absence_rate of days and has
// mean 1 on the others; a class's factor is shared by its reps and differs
// between classes; DayCalls is their product with calls_per_day.
func TestCallsVaryByDayAndClass(t *testing.T) {
	t.Parallel()
	p := param.Defaults()
	p.AbsenceRate, p.CallsDaySD, p.ClassSD, p.ClassSize = 0.1, 0.3, 0.2, 10
	m := New(p)
	var absent, days int
	var sum, sumsq float64
	for id := range 200 {
		r := m.Hire(4, id)
		other := m.Hire(4, id/10*10) // the first rep of its class
		for t := range 126 {
			f := m.callsOn(&r, t)
			days++
			if f == 0 {
				absent++
				continue
			}
			sum += f
			sumsq += f * f
		}
		if r.calls != other.calls {
			t.Fatalf("reps %d and %d share a class but not its factor", id, id/10*10)
		}
		if got, want := m.DayCalls(&r, 5), r.calls*m.callsOn(&r, 5); got != want {
			t.Fatalf("DayCalls %v, want %v", got, want)
		}
	}
	if share := float64(absent) / float64(days); math.Abs(share-0.1) > 0.01 {
		t.Errorf("absent on %.3f of days, want 0.1", share)
	}
	present := float64(days - absent)
	mean := sum / present
	sd := math.Sqrt(sumsq/present - mean*mean)
	if math.Abs(mean-1) > 0.01 || math.Abs(sd-0.3) > 0.04 {
		t.Errorf("day factor mean %v sd %v, want 1 and about 0.3", mean, sd)
	}
	if a, b := m.Hire(4, 0), m.Hire(4, 10); a.calls == b.calls {
		t.Error("two classes share a factor")
	}
}

// HireAll draws each class's factor once; every rep must still be the one
// Hire draws, including in a last class that is not full, on any number
// of workers.
func TestHireAllIsHire(t *testing.T) {
	t.Parallel()
	p := param.Defaults()
	p.ClassSD, p.ClassSize = 0.3, 7
	m := New(p)
	for _, workers := range []int{1, 2, 3, 8} {
		reps := make([]Rep, 7*64*3+5) // enough classes for three workers
		m.HireAll(6, reps, workers)
		for id := range reps {
			if reps[id] != m.Hire(6, id) {
				t.Fatalf("%d workers: HireAll's rep %d differs from Hire's", workers, id)
			}
		}
	}
}

// Done reports whether the rep needs no more days simulated.
func (m *Engine) Done(r *Rep) bool { return int(r.Tenure) >= len(m.quit) }

// Step simulates the rep's next tenure day and returns the sales made (0 if
// the rep had left). It is Live for one day, so stepping day by day gives the
// same bytes as living to the end at once.
func (m *Engine) Step(r *Rep) int {
	var sales [1]int32
	if m.Live(r, int(r.Tenure)+1, sales[:]) == 0 {
		return 0
	}
	return int(sales[0])
}

// quickAdvance, where it answers, is advance bit for bit: Live takes its
// factor from the one or the other. Every day of the program and after
// it, for reps with a gain in either world, under fades fast and slow, so
// that each of advance's paths is met: the program's step, the Taylor
// series (both answered by quickAdvance), ExpSmall and Exp (not).
func TestQuickAdvanceIsAdvance(t *testing.T) {
	t.Parallel()
	quick := 0
	paths := map[string]int{}
	for _, tau := range []float64{1, 5, 40, 1000} {
		p := param.Defaults()
		p.GainDecayTau, p.ConvSkill = tau, 4
		m := New(p)
		for id := range 300 {
			r := m.Hire(1, id)
			for w := range 2 {
				if r.gain[w] <= 0 {
					continue
				}
				skill := float64(p.ConvSkill * r.gain[w])
				prev := 1.0
				for day := 0; day < len(m.fade)+1; day++ {
					want := m.advance(&r, w, day, prev)
					if day > m.end {
						switch y := math.Abs(float64(skill * m.fade[day-1])); {
						case y >= fmath.ExpSmallBound:
							paths["Exp"]++
						case y > 0x1p-10:
							paths["ExpSmall"]++
						default:
							paths["Taylor"]++
						}
					} else if day < m.end {
						paths["program"]++
					}
					if got, ok := m.quickAdvance(r.boostStep[w], skill, day, prev); ok && day != m.end {
						quick++
						if math.Float64bits(got) != math.Float64bits(want) {
							t.Fatalf("tau %v, rep %d, world %d, day %d: quickAdvance %v, advance %v", tau, id, w, day, got, want)
						}
					}
					prev = want
				}
			}
		}
	}
	for _, p := range []string{"program", "Taylor", "ExpSmall", "Exp"} {
		if paths[p] == 0 || quick == 0 {
			t.Errorf("advance's %s path met on %d days (%d answered by quickAdvance): want every path met", p, paths[p], quick)
		}
	}
}

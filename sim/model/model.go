package model

import (
	"math"

	"mentorsim/sim/fmath"
	"mentorsim/sim/param"
	"mentorsim/sim/rng"
)

// Model holds a scenario's parameters and the per-tenure-day factors that are
// the same for every rep, so that a rep-day costs one exponential.
type Model struct {
	P          param.Params
	start, end int       // the program covers tenure days [start, end)
	learn      []float64 // exp(learn_gap·exp(−t/learn_tau)): untrained factor on conversion odds⁻¹
	quit       []float64 // quit_base·(1 + quit_early·exp(−t/quit_early_tau))
	ramp       []float64 // g(t)/G for a mentored rep
}

// New precomputes the day tables for p, which must be valid.
func New(p param.Params) *Model {
	n := int(p.Horizon)
	m := &Model{P: p, start: int(p.ProgramStart), end: int(p.ProgramStart + p.ProgramDays),
		learn: make([]float64, n), quit: make([]float64, n), ramp: make([]float64, n)}
	for t := range n {
		ft := float64(t)
		m.learn[t] = fmath.Exp(float64(p.LearnGap * fmath.Exp(-ft/p.LearnTau)))
		m.quit[t] = p.QuitBase * (1 + float64(p.QuitEarly*fmath.Exp(-ft/p.QuitEarlyTau)))
		switch {
		case t < m.start:
		case t < m.end:
			m.ramp[t] = float64(t-m.start+1) / p.ProgramDays
		default:
			m.ramp[t] = fmath.Exp(-float64(t-m.end) / p.GainDecayTau)
		}
	}
	return m
}

// Hire draws rep number id of a study with the given seed. The rep's random
// stream depends only on (seed, id), so reps can be simulated in any order
// and on any number of workers with the same result.
func (m *Model) Hire(seed uint64, id int) Rep {
	r := Rep{rng: rng.New(seed, uint64(id)+1)}
	r.Traits = drawTraits(&r.rng, &m.P)
	p := &m.P
	r.Screen = screenScore(seed, id, r.Ability, p.ScreenNoise)
	switch gap := p.MentorFloor - r.Ability; {
	case p.MentorGainPow == 0: // max(0, gap)^0 = 1 for every rep, 0^0 included
		r.gain = p.MentorGain
	case gap > 0 && p.MentorGain > 0:
		r.gain = p.MentorGain * pow(gap, p.MentorGainPow)
	}
	r.convExp = fmath.Exp(-p.ConvBase - float64(p.ConvSkill*r.Ability))
	r.hazard = r.Frailty * fmath.Exp(float64(-p.QuitPerf*r.Ability))
	return r
}

// Gain is G, the skill a mentor adds to this rep at the end of the program.
func (r *Rep) Gain() float64 { return r.gain }

// pow is x^y for x > 0 from fmath, so that it is the same everywhere.
func pow(x, y float64) float64 {
	if y == 0 {
		return 1
	}
	return fmath.Exp(float64(y * fmath.Log(x)))
}

func sqrt(x float64) float64 { return math.Sqrt(x) } // correctly rounded on every platform

// Done reports whether the rep needs no more days simulated.
func (m *Model) Done(r *Rep) bool { return int(r.Tenure) >= len(m.quit) }

// Step simulates the rep's next tenure day and returns the sales made (0 if
// the rep had left). Both worlds see the same draws: u1 for the day's sales,
// u2 for the urge to leave, u3 for putting it off or acting on a put-off one.
func (m *Model) Step(r *Rep) int {
	t := int(r.Tenure)
	r.Tenure++
	actual := b2i(r.Mentored)
	other := &r.Outcome[1-actual]
	live := &r.Outcome[actual]
	if live.Left && (other.Left || t >= TruthWindow) {
		r.LastSales = 0
		return 0 // nothing left to simulate today; no draws needed
	}
	u1 := float64(r.rng.Uint64()>>11) * 0x1p-53
	b := r.rng.Uint64()
	u2, u3 := float64(b>>32)*0x1p-32, float64(uint32(b))*0x1p-32

	sales := 0
	if !live.Left {
		lambda := m.live(r, live, r.Mentored, t, u2, u3)
		sales = rng.Poisson(u1, lambda, fmath.Exp(-lambda))
		r.DaysEmployed++
		r.SalesTotal += int32(sales)
		for w, end := range Windows {
			if t < end {
				r.Sales[w] += int32(sales)
			}
		}
	}
	r.LastSales = int32(sales)
	if !other.Left && t < TruthWindow {
		m.live(r, other, !r.Mentored, t, u2, u3)
	}
	return sales
}

// live runs one employed day of one world: it books the day in the truth
// window, decides whether the rep leaves tonight, and returns the day's
// expected sales.
func (m *Model) live(r *Rep, w *World, mentored bool, t int, u2, u3 float64) float64 {
	p := &m.P
	odds, h := r.convExp*m.learn[t], m.quit[t]*r.hazard
	if mentored && r.gain > 0 && m.ramp[t] > 0 {
		g := r.gain * m.ramp[t]
		odds *= fmath.Exp(float64(-p.ConvSkill * g))
		h *= fmath.Exp(float64(-p.QuitPerf * g))
	}
	lambda := p.CallsPerDay / (1 + odds)
	if t < TruthWindow {
		w.Days++
		w.Revenue += float64(p.Price * lambda)
	}
	switch {
	case w.Pending && t >= m.end && u3 < p.PendingQuit:
		w.Left = true
	case !urge(u2, h):
	case mentored && t >= m.start && t < m.end && u3 < p.Belonging:
		w.Pending = true
	default:
		w.Left = true
	}
	return lambda
}

// urge reports whether a uniform u falls below 1 − exp(−h), the chance of an
// urge to leave at hazard h. Since h − h²/2 < 1 − exp(−h) < h, the
// exponential is needed only in a band of width h²/2: almost never.
func urge(u, h float64) bool {
	if u >= h {
		return false
	}
	if u < h-float64(h*h)/2 {
		return true
	}
	return u < 1-fmath.Exp(-h)
}

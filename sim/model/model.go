package model

import (
	"math"

	"mentorsim/sim/fmath"
	"mentorsim/sim/param"
	"mentorsim/sim/parts"
	"mentorsim/sim/poisson"
	"mentorsim/sim/rng"
)

// Engine hires reps and lives their days under one scenario. It holds the
// scenario's parameters and the per-tenure-day factors that are the same for
// every rep, so that a rep-day needs no exponential.
type Engine struct {
	P          param.Params
	start, end int             // the program covers tenure days [start, end)
	learn      []float64       // exp(learn_gap·exp(−t/learn_tau)): untrained factor on conversion odds⁻¹
	quit       []float64       // quit_base·(1 + quit_early·exp(−t/quit_early_tau))
	ramp       []float64       // g(t)/G for a mentored rep
	fade       []float64       // ramp(t) − ramp(t+1) after the program
	sales      *poisson.Tables // a day's expected sales are at most calls_per_day
	dayFactor  [32]float64     // a worked day's factor on calls, mean 1
	noisyDays  bool            // whether days vary (calls_day_sd or absence_rate > 0)
	weights    weights         // the constants of the draws at hire
}

// normalCells are the standard normal's quantiles at (i + ½)/32: a worked
// day's factor on calls is exp(calls_day_sd·z) at one of them, equally
// likely, scaled to mean 1 (a 32-point lognormal).
var normalCells = [32]float64{
	-2.1538746940614555, -1.6759397227734436, -1.4177971379962673, -1.229858759216589,
	-1.0775155670402803, -0.9467817563010456, -0.8305108782053992, -0.7245143834923653,
	-0.6260990123464213, -0.5334097062412805, -0.44509652498551633, -0.3601298917895694,
	-0.27769043982157676, -0.1970990842943123, -0.1177698745790953, -0.03917608550309764,
	0.03917608550309764, 0.1177698745790953, 0.1970990842943123, 0.27769043982157676,
	0.3601298917895694, 0.44509652498551633, 0.5334097062412805, 0.6260990123464213,
	0.7245143834923653, 0.8305108782053992, 0.9467817563010456, 1.0775155670402803,
	1.229858759216589, 1.4177971379962673, 1.6759397227734436, 2.1538746940614555,
}

// New precomputes the day tables for p, which must be valid.
func New(p param.Params) *Engine {
	n := int(p.Horizon)
	m := &Engine{P: p, start: int(p.ProgramStart), end: int(p.ProgramStart + p.ProgramDays),
		learn: make([]float64, n), quit: make([]float64, n), ramp: make([]float64, n), fade: make([]float64, n),
		sales: poisson.For(p.CallsPerDay), noisyDays: p.CallsDaySD > 0 || p.AbsenceRate > 0, weights: newWeights(&p)}
	sum := 0.0
	for i, z := range normalCells {
		m.dayFactor[i] = fmath.Exp(float64(p.CallsDaySD * z))
		sum += m.dayFactor[i]
	}
	for i := range m.dayFactor {
		m.dayFactor[i] = m.dayFactor[i] / (sum / 32)
	}
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
	for t := m.end; t+1 < n; t++ {
		m.fade[t] = m.ramp[t] - m.ramp[t+1]
	}
	return m
}

// Hire draws rep number id of a study with the given seed. The rep's random
// stream depends only on (seed, id), so reps can be simulated in any order
// and on any number of workers with the same result.
func (m *Engine) Hire(seed uint64, id int) Rep {
	var r Rep
	m.hire(&r, seed, id, classFactor(seed, id/int(m.P.ClassSize), m.P.ClassSD))
	return r
}

// HireAll sets reps[i] to Hire(seed, i) for every i, drawing each training
// class's factor on calls once rather than once per rep, on up to workers
// goroutines, each a run of whole classes: a rep's draws depend only on
// (seed, i), so the reps are the same whatever the workers.
func (m *Engine) HireAll(seed uint64, reps []Rep, workers int) {
	size := int(m.P.ClassSize)
	classes := (len(reps) + size - 1) / size
	workers = max(1, min(workers, classes/64)) // a goroutine per at least 64 classes
	parts.Do(classes, workers, func(_, first, last int) {
		for c := first; c < last; c++ {
			class := classFactor(seed, c, m.P.ClassSD)
			for i := c * size; i < min((c+1)*size, len(reps)); i++ {
				m.hire(&reps[i], seed, i, class)
			}
		}
	})
}

// hire is Hire into r, given the factor on calls of the rep's class.
func (m *Engine) hire(r *Rep, seed uint64, id int, class float64) {
	*r = Rep{rng: rng.New(seed, uint64(id)+1), sales: rng.New(rng.Mix(seed, SalesStream), uint64(id))}
	p := &m.P
	r.Traits = drawTraits(&r.rng, p, &m.weights)
	drawSurvey(&r.Traits, seed, id, p, &m.weights)
	drawAdvice(&r.Traits, seed, id, p, &m.weights)
	if p.Screening() == param.AbilityScreen {
		r.Screen = screenScore(seed, id, r.Ability, p.ScreenNoise)
	} else {
		r.Screen = observedScreen(&r.Traits, &m.weights.screen)
	}
	r.calls = p.CallsPerDay * class
	r.dayKey = rng.NewMixer(rng.Mix(rng.Mix(seed, DayStream), uint64(id)))
	r.convExp = fmath.Exp(-p.ConvBase - float64(p.ConvSkill*r.Ability))
	r.hazard = r.Frailty * fmath.Exp(float64(-p.QuitPerf*r.Ability))
	m.setGain(r, 1, r.KnowHow)
	m.setGain(r, 0, float64(r.PeerShare*r.KnowHow))
}

// Assign records whether the rep opted in when asked and whether it is
// mentored. In the study's experiment an opt-in without a mentor (denied)
// looks for help elsewhere: without one, it gets its peer share π of the
// know-how and denied_help of the rest (docs/model.md, 7.4); under a
// policy (experiment false) no one is denied, and the world without a
// mentor is the world without the program.
func (m *Engine) Assign(r *Rep, optedIn, mentored, experiment bool) {
	r.OptedIn, r.Mentored = optedIn, mentored
	share := r.PeerShare
	if optedIn && experiment {
		share += float64(m.P.DeniedHelp * (1 - share))
	}
	if g := float64(share * r.KnowHow); g != r.gain[0] { // hire set π·G: redo its constants only if it changed
		m.setGain(r, 0, g)
	}
}

// setGain sets world w's gain and the running products that follow from it.
func (m *Engine) setGain(r *Rep, w int, gain float64) {
	p := &m.P
	r.gain[w], r.boost[w], r.boostStep[w], r.hazardMax[w] = gain, 1, 1, 1
	if gain > 0 {
		r.boostStep[w] = fmath.Exp(float64(-p.ConvSkill*gain) / p.ProgramDays)
		// The know-how's factor on the hazard, exp(−quit_perf·gain·ramp), is
		// at most this (ramp is in [0, 1]); the margin covers rounding.
		r.hazardMax[w] = max(1, fmath.Exp(float64(-p.QuitPerf*gain))) * (1 + 0x1p-40)
	}
}

// Gain is the skill a mentor adds to this rep at the end of the program,
// over what it would have without one.
func (r *Rep) Gain() float64 { return r.gain[1] - r.gain[0] }

// Skill is the rep's skill at the end of the onboarding weeks, without a
// mentor (false) or with one (true): its ability plus the know-how it has
// by then in that world.
func (r *Rep) Skill(mentored bool) float64 { return r.Ability + r.gain[b2i(mentored)] }

// KnowHowOf is G for a rep of ability a: mentor_gain·gap^mentor_gain_pow,
// but at most the gap = max(0, mentor_floor − a), so that no rep is ever
// lifted above the floor.
func KnowHowOf(a float64, p *param.Params) float64 {
	gap := p.MentorFloor - a
	if gap <= 0 || p.MentorGain == 0 {
		return 0
	}
	return min(gap, float64(p.MentorGain*pow(gap, p.MentorGainPow)))
}

// classFactor is training class k's shared factor on calls,
// exp(class_sd·z − class_sd²/2), mean 1.
func classFactor(seed uint64, k int, sd float64) float64 {
	if sd == 0 {
		return 1
	}
	r := rng.New(rng.Mix(seed, ClassStream), uint64(k))
	return fmath.Exp(float64(sd*r.Norm()) - float64(float64(sd*sd)/2)) // float64(): arm64 would fuse x − y·0.5
}

// DayCalls is the rep's expected calls on tenure day t if it works that day:
// calls_per_day times its class's factor and the day's (0 when absent).
func (m *Engine) DayCalls(r *Rep, t int) float64 { return float64(r.calls * m.callsOn(r, t)) }

// callsOn is the day's factor on calls: 0 with chance absence_rate, else one
// of dayFactor, chosen by the low bits of the day's hash.
func (m *Engine) callsOn(r *Rep, t int) float64 {
	if !m.noisyDays {
		return 1
	}
	h := r.dayKey.Mix(uint64(t))
	if float64(h>>11)*0x1p-53 < m.P.AbsenceRate {
		return 0
	}
	return m.dayFactor[h&31]
}

// pow is x^y for x > 0 from fmath, so that it is the same everywhere.
func pow(x, y float64) float64 {
	if y == 0 {
		return 1
	}
	return fmath.Exp(float64(y * fmath.Log(x)))
}

func sqrt(x float64) float64 { return math.Sqrt(x) } // correctly rounded on every platform

// Live simulates the rep's days from its tenure up to day until (at most
// the horizon) in one loop, with its random stream and counters in locals,
// and skips the days once nothing is left to simulate. The days the rep
// works are a run starting at its tenure; their sales go to sales[0:], which
// needs room for until − Tenure days, and Live returns how many there were.
//
// Both worlds see the same draws, one word a day: u2 for the urge to leave
// and u3 for putting it off or acting on a put-off one. The day's sales come
// from the rep's sales stream.
func (m *Engine) Live(r *Rep, until int, sales []int32) int {
	until = min(until, len(m.quit))
	t := int(r.Tenure)
	if t >= until {
		return 0
	}
	mi := b2i(r.Mentored) // the world lived in; oi the other
	oi := 1 - mi
	live, other := r.Outcome[mi], r.Outcome[oi]
	rnd, srnd := r.rng, r.sales
	// Each world's know-how factor, kept in scalars rather than arrays
	// indexed by world: on js/wasm an indexed array lives in memory.
	gainLive, gainOther := r.gain[mi], r.gain[oi]
	boostLive, boostOther := r.boost[mi], r.boost[oi]
	stepLive, stepOther := r.boostStep[mi], r.boostStep[oi]
	skillLive, skillOther := float64(m.P.ConvSkill*gainLive), float64(m.P.ConvSkill*gainOther) // advance's conv_skill·G
	worked, total, last := 0, r.SalesTotal, r.LastSales
	open := r.openWindow()
	var acc windowSums // the open windows' sums, all alike
	if open < len(Windows) {
		acc = windowSums{r.Sales[open], r.Calls[open], r.Present[open]}
	}
	for ; t < until; t++ {
		if live.Left && (other.Left || t >= TruthWindow) {
			last = 0
			break // nothing left to simulate: no draws needed
		}
		b := rnd.Uint64()
		u2, u3 := float64(b>>32)*0x1p-32, float64(uint32(b))*0x1p-32
		// Each world's factor on the conversion odds, advanced only on the
		// days it is simulated: once a world stops, its product can stop.
		fLive, fOther := 1.0, 1.0
		if m.ramp[t] > 0 {
			if gainLive > 0 && !live.Left {
				b, ok := 0.0, false
				if t != m.end {
					b, ok = m.quickAdvance(stepLive, skillLive, t, boostLive)
				}
				if !ok {
					b = m.advance(r, mi, t, boostLive)
				}
				boostLive, fLive = b, b
			}
			if gainOther > 0 && !other.Left && t < TruthWindow {
				b, ok := 0.0, false
				if t != m.end {
					b, ok = m.quickAdvance(stepOther, skillOther, t, boostOther)
				}
				if !ok {
					b = m.advance(r, oi, t, boostOther)
				}
				boostOther, fOther = b, b
			}
		}
		last = 0
		if !live.Left {
			lambda, h, maybe := m.day(r, &live, mi, t, fLive, u2)
			if maybe {
				m.tonight(r, &live, mi, t, h, u2, u3)
			}
			n, c := int32(0), m.callsOn(r, t)
			if c > 0 {
				a, l := srnd.Uint64(), float64(lambda*c)
				k, ok := m.sales.Quick(a, l)
				if !ok {
					k = m.sales.DrawFrom(a, &srnd, l)
				}
				n = int32(k)
			}
			sales[worked] = n
			worked++
			total += n
			last = n
			acc.sales += n
			acc.calls += float64(r.calls * c)
			if c > 0 {
				acc.present++
			}
			if open < len(Windows) && t+1 == Windows[open] {
				r.closeWindows(open, acc)
				open++
			}
		}
		if !other.Left && t < TruthWindow {
			if _, h, maybe := m.day(r, &other, oi, t, fOther, u2); maybe {
				m.tonight(r, &other, oi, t, h, u2, u3)
			}
		}
	}
	r.Outcome[mi], r.Outcome[oi] = live, other
	r.rng, r.sales = rnd, srnd
	r.boost[mi], r.boost[oi] = boostLive, boostOther
	r.Tenure, r.DaysEmployed = int32(until), r.DaysEmployed+int32(worked)
	r.SalesTotal, r.LastSales = total, last
	r.closeWindows(open, acc)
	return worked
}

// windowSums are a rep's sales, expected calls and days present over the
// days worked in a window so far.
type windowSums struct {
	sales   int32
	calls   float64
	present int32
}

// openWindow is the first of Windows that the rep's next day falls in
// (len(Windows) if none). Every window starts at day 0, so the open ones
// have seen the same days, added up in the same order: their sums are
// alike, and Live keeps them once rather than once per window.
func (r *Rep) openWindow() int {
	w := 0
	for w < len(Windows) && int(r.Tenure) >= Windows[w] {
		w++
	}
	return w
}

// closeWindows stores the sums s in the windows from open on.
func (r *Rep) closeWindows(open int, s windowSums) {
	for w := open; w < len(Windows); w++ {
		r.Sales[w], r.Calls[w], r.Present[w] = s.sales, s.calls, s.present
	}
}

// advance is world w's factor on the conversion odds on onboarding day t,
// given the day before's. In the program, ramp rises by 1/program_days a
// day and the factor by the rep's boostStep. After it, the factor is
// exp(−conv_skill·G·ramp(t)) and ramp falls by fade[t−1] a day, so the
// factor takes e^y, y = conv_skill·G·fade[t−1], which is small: when
// |y| < 2⁻¹⁰, e^y is its Taylor series to y⁴/24 (the rest, under y⁵/120,
// is below rounding), and below fmath.ExpSmallBound it is fmath.ExpSmall,
// inlined. Live takes the program's days and the Taylor series' from
// quickAdvance, inlined, and calls advance on the others.
func (m *Engine) advance(r *Rep, w, t int, prev float64) float64 {
	gain := r.gain[w]
	switch {
	case t < m.end:
		return float64(prev * r.boostStep[w])
	case t == m.end: // ramp is 1
		return fmath.Exp(float64(-m.P.ConvSkill * gain))
	}
	y := float64(float64(m.P.ConvSkill*gain) * m.fade[t-1])
	switch {
	case y <= -fmath.ExpSmallBound || y >= fmath.ExpSmallBound:
		return float64(prev * fmath.Exp(y))
	case y < -0x1p-10 || y > 0x1p-10:
		return float64(prev * fmath.ExpSmall(y))
	}
	return taylorExp(prev, y)
}

// quickAdvance is advance on its common days, the program's and those
// after it with |y| ≤ 2⁻¹⁰, given the world's boostStep and
// conv_skill·G, for t other than the program's end; ok is false on the
// others, when the caller must call advance. It is small enough to be
// inlined in Live (advance is not): on js/wasm the call cost more than
// these days' arithmetic, 15% of the engine's time.
func (m *Engine) quickAdvance(step, skillGain float64, t int, prev float64) (f float64, ok bool) {
	if t < m.end {
		return float64(prev * step), true
	}
	y := float64(skillGain * m.fade[t-1])
	return taylorExp(prev, y), y >= -0x1p-10 && y <= 0x1p-10
}

// taylorExp is prev·e^y for |y| ≤ 2⁻¹⁰, by e^y's Taylor series to y⁴/24.
func taylorExp(prev, y float64) float64 {
	q := 1.0 / 24
	q = 1.0/6 + float64(y*q)
	q = 0.5 + float64(y*q)
	q = 1 + float64(y*q)
	return float64(prev * (1 + float64(y*q)))
}

// day runs one employed day of world w (1 with a mentor), whose conversion
// odds the rep's know-how multiplies by f: it books the day in the truth window and returns the
// day's expected sales if the rep is present (before the day's factor on
// calls), the day's hazard h before the mentor's factor, and whether the
// rep may leave tonight, when the caller must call tonight to decide. Small
// enough to be inlined in Live, it leaves to tonight what is rare: an urge
// to leave, or one put off.
func (m *Engine) day(r *Rep, w *World, wi int, t int, f, u2 float64) (lambda, h float64, maybe bool) {
	lambda = r.calls / (1 + float64(float64(r.convExp*m.learn[t])*f))
	if t < TruthWindow {
		w.Days++
		w.Revenue += float64(float64(m.P.Price*lambda) * (1 - m.P.AbsenceRate))
	}
	h = float64(m.quit[t] * r.hazard)
	return lambda, h, w.Pending || u2 < float64(h*r.hazardMax[wi])
}

// tonight decides whether the rep leaves world w (index wi) tonight, where
// the hazard before the know-how's factor is h; u2 is below a bound on the chance of an
// urge to leave, or the world carries an urge put off.
func (m *Engine) tonight(r *Rep, w *World, wi int, t int, h, u2, u3 float64) {
	p := &m.P
	switch {
	case w.Pending && t >= m.end && u3 < p.PendingQuit:
		w.Left = true
	case u2 >= float64(h*r.hazardMax[wi]):
		// no urge: u2 is above a bound on the day's chance of one
	case !m.urged(r, wi, t, u2, h):
	case wi == 1 && t >= m.start && t < m.end && u3 < p.Belonging:
		w.Pending = true
	default:
		w.Left = true
	}
}

// urged reports whether u falls below the chance of an urge to leave on day
// t in world wi, where the hazard before the know-how's factor is h. That
// factor takes an exponential, but it is below the world's hazardMax, so
// day calls this only when u is below that bound: rarely.
func (m *Engine) urged(r *Rep, wi int, t int, u, h float64) bool {
	if g := r.gain[wi]; g > 0 && m.ramp[t] > 0 {
		h = float64(h * fmath.Exp(float64(-m.P.QuitPerf*float64(g*m.ramp[t]))))
	}
	return urge(u, h)
}

// urge reports whether a uniform u falls below 1 − exp(−h), the chance of an
// urge to leave at hazard h. Since h − h²/2 < 1 − exp(−h) < h, the
// exponential is needed only in a band of width h²/2: almost never.
func urge(u, h float64) bool {
	if u >= h {
		return false
	}
	if u < h-float64(float64(h*h)/2) { // float64(): arm64 would fuse h − h²·0.5
		return true
	}
	return u < 1-fmath.Exp(-h)
}

package estimate

import (
	"encoding/json"
	"math"

	"mentorsim/sim/fmath"
)

// Spell is one rep's time to leaving, in tenure days.
//
// Convention: T is the first tenure day on which the rep is no longer
// employed, and S(t) = P(T > t) is the share still employed on day t.
//   - Event true: the rep left; Time = T.
//   - Event false (censored): the rep is known to be employed on day Time,
//     so T > Time. In the engine a rep leaves at the end of a day, so one
//     simulated on days 0..c−1 and not gone is employed on day c: Time = c.
//
// This is the standard Kaplan–Meier convention (R's Surv(time, event)): the
// risk set at day x is #{i : Time_i >= x}, so a rep censored on day x counts
// as at risk on day x and is not counted as leaving. Spells with Time < 0
// are ignored.
type Spell struct {
	Time  int
	Event bool
}

// Curve is a Kaplan–Meier curve on days 0..len(S)−1.
type Curve struct {
	// S[t] estimates P(T > t). It is NaN once the risk set has emptied while
	// S > 0 (survival beyond the last observation is unknown); once S reaches
	// 0 it stays 0.
	S []float64
	// VarLog[t] is Greenwood's variance of log S[t],
	// Σ_{x<=t} d_x / (n_x (n_x − d_x)); +Inf where S = 0, NaN where S is.
	VarLog []float64
	// AtRisk[t] is n_t, the number of reps at risk on day t.
	AtRisk []int
}

// KaplanMeier returns the Kaplan–Meier curve S(0..maxT) with Greenwood
// variances. It counts by integer day, O(len(spells) + maxT), no sorting.
// Spells with Time > maxT are at risk throughout. maxT < 0 gives an empty
// curve.
func KaplanMeier(spells []Spell, maxT int) Curve {
	if maxT < 0 {
		return Curve{}
	}
	events := make([]int, maxT+1) // d_x
	exits := make([]int, maxT+1)  // reps leaving the risk set after day x
	atRisk := 0
	for _, s := range spells {
		if s.Time < 0 {
			continue
		}
		atRisk++
		if s.Time > maxT {
			continue
		}
		exits[s.Time]++
		if s.Event {
			events[s.Time]++
		}
	}
	c := Curve{S: make([]float64, maxT+1), VarLog: make([]float64, maxT+1), AtRisk: make([]int, maxT+1)}
	surv, varLog := 1.0, 0.0
	for x := 0; x <= maxT; x++ {
		n, d := atRisk, events[x]
		switch {
		case n == 0:
			if surv != 0 { // NaN stays NaN; 0 stays 0
				surv, varLog = math.NaN(), math.NaN()
			}
		case d == n:
			surv, varLog = 0, math.Inf(1)
		case d > 0:
			// (n−d)/n rather than 1 − d/n: the integer difference is exact.
			surv *= float64(n-d) / float64(n)
			varLog += float64(d) / (float64(n) * float64(n-d))
		}
		c.S[x], c.VarLog[x], c.AtRisk[x] = surv, varLog, n
		atRisk -= exits[x]
	}
	return c
}

// At returns S(t) with Greenwood SE S·sqrt(VarLog) and the plain interval
// S ± Z95·SE clipped to [0,1] (R survfit conf.type = "plain"). It is all NaN
// when t is outside the curve or S(t) is undefined. S(t) = 0 gives SE 0 and
// interval [0,0]: Greenwood's formula is 0·∞ there, and R reports no SE.
func (c Curve) At(t int) Estimate {
	if t < 0 || t >= len(c.S) || math.IsNaN(c.S[t]) {
		return Undefined()
	}
	s := c.S[t]
	if s == 0 {
		return Estimate{}
	}
	se := s * math.Sqrt(c.VarLog[t])
	d := float64(Z95 * se)
	return Estimate{s, se, math.Max(0, s-d), math.Min(1, s+d)}
}

// Survival returns the Kaplan–Meier estimate of S(t) = P(T > t); see
// Curve.At for the SE and interval. It is all NaN if t < 0 or if the risk
// set empties before t with S > 0.
func Survival(spells []Spell, t int) Estimate {
	if t < 0 {
		return Undefined()
	}
	h := horizon(spells, t)
	return KaplanMeier(spells, h).At(h)
}

// horizon is min(t, last Time + 1): past the last observation the risk set is
// empty and S no longer changes, so a huge t costs nothing extra.
func horizon(spells []Spell, t int) int {
	last := -1
	for _, s := range spells {
		last = max(last, s.Time)
	}
	return min(t, last+1)
}

// SurvivalLift is S_treated(t)/S_comparison(t) − 1 with a delta-method
// interval on the log ratio; see CurveLift.
func SurvivalLift(treated, comparison []Spell, t int) Estimate {
	if t < 0 {
		return Undefined()
	}
	h := max(horizon(treated, t), horizon(comparison, t))
	return CurveLift(KaplanMeier(treated, h), KaplanMeier(comparison, h), h)
}

// CurveLift is the survival lift r − 1 at day t, r = S_treated/S_comparison,
// from curves already computed (the engine needs several days per curve).
// se_log = sqrt(VarLog_treated + VarLog_comparison); the interval is
// exp(log r ± Z95·se_log) − 1 and the reported SE is r·se_log. It is all NaN
// when either S(t) is undefined or 0 (the log ratio does not exist).
func CurveLift(treated, comparison Curve, t int) Estimate {
	if t < 0 || t >= len(treated.S) || t >= len(comparison.S) {
		return Undefined()
	}
	s1, s0 := treated.S[t], comparison.S[t]
	if !(s1 > 0 && s0 > 0) { // also rejects NaN
		return Undefined()
	}
	r := s1 / s0
	seLog := math.Sqrt(treated.VarLog[t] + comparison.VarLog[t])
	d := float64(Z95 * seLog)
	// r·exp(±d) equals exp(log r ± d) and needs no logarithm.
	lo := float64(r*fmath.Exp(-d)) - 1
	hi := float64(r*fmath.Exp(d)) - 1
	return finiteOrNaN(Estimate{r - 1, r * seLog, lo, hi})
}

// curveJSON is the wire shape of a Curve; nil is JSON null.
type curveJSON struct {
	S      []*float64 `json:"s"`
	VarLog []*float64 `json:"var_log"`
	AtRisk []int      `json:"at_risk"`
}

// MarshalJSON writes {"s":[...],"var_log":[...],"at_risk":[...]} with NaN
// and ±Inf as null.
func (c Curve) MarshalJSON() ([]byte, error) {
	return json.Marshal(curveJSON{nullableSlice(c.S), nullableSlice(c.VarLog), c.AtRisk})
}

// UnmarshalJSON reads the shape MarshalJSON writes; null becomes NaN (so a
// VarLog of +Inf comes back as NaN).
func (c *Curve) UnmarshalJSON(b []byte) error {
	var w curveJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*c = Curve{fromNullableSlice(w.S), fromNullableSlice(w.VarLog), w.AtRisk}
	return nil
}

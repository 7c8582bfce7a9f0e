package estimate

import (
	"math"
	"sort"
)

// The two branches identify the effect on opt-outs only jointly: the
// mandatory branch gives ATE, the voluntary branch ATT among opt-ins and the
// opt-in rate p, and ATE = p·ATT + (1 − p)·ATU (docs/model.md, "Estimands
// the design identifies"). The delta-method SEs below assume the branches
// are independent samples (Cov(ATE, ATT) = Cov(ATE, p) = 0) and that ATT,
// a comparison within the opt-ins, is uncorrelated with p, the share who
// opted in (asymptotically exact: a conditional mean is independent of the
// count it conditions on).

// ImpliedOptout is ATU = (ATE − p·ATT)/(1 − p) with
// Var = (Var ATE + p²·Var ATT + (ATU − ATT)²·Var p)/(1 − p)².
func ImpliedOptout(ate, att, p Estimate) Estimate {
	q := 1 - p.Estimate
	if !(q > 0) {
		return undefined()
	}
	atu := (ate.Estimate - float64(p.Estimate*att.Estimate)) / q
	d := atu - att.Estimate
	v := float64(ate.SE*ate.SE) + float64(float64(p.Estimate*p.Estimate)*float64(att.SE*att.SE)) + float64(float64(d*d)*float64(p.SE*p.SE))
	return finiteOrNaN(wald(atu, math.Sqrt(v)/q))
}

// ATTMinusATU is ATT − ATU = (ATT − ATE)/(1 − p) with
// Var = (Var ATE + Var ATT + (ATT − ATU)²·Var p)/(1 − p)².
func ATTMinusATU(ate, att, p Estimate) Estimate {
	q := 1 - p.Estimate
	if !(q > 0) {
		return undefined()
	}
	diff := (att.Estimate - ate.Estimate) / q
	v := float64(ate.SE*ate.SE) + float64(att.SE*att.SE) + float64(float64(diff*diff)*float64(p.SE*p.SE))
	return finiteOrNaN(wald(diff, math.Sqrt(v)/q))
}

// Unit is one rep's revenue over a window with its employed days and the
// calls taken on them.
type Unit struct {
	Days    int
	Calls   float64
	Revenue float64
	Treated bool
}

// CallLift is the lift in revenue per call: the WLS regression of each
// employed rep-day's revenue per call on an intercept and the treatment
// dummy, weighted by calls, with CR1 errors clustered by rep (N = rep-days,
// K = 2, G = reps with Days > 0). Its coefficients are the arms' revenue per
// call, Σ revenue/Σ calls, so only per-rep sums are needed; the lift and its
// SE are as in RevenueLift.
func CallLift(units []Unit) Estimate {
	var days [2]int
	var calls, rev [2]float64
	g := 0
	for _, u := range units {
		if u.Days <= 0 {
			continue
		}
		a := arm(u.Treated)
		days[a] += u.Days
		calls[a] += u.Calls
		rev[a] += u.Revenue
		g++
	}
	n := days[0] + days[1]
	if days[0] == 0 || days[1] == 0 || !(calls[0] > 0 && calls[1] > 0) || g < 2 || n <= 2 {
		return undefined()
	}
	mean := [2]float64{rev[0] / calls[0], rev[1] / calls[1]}
	if mean[0] == 0 {
		return undefined()
	}
	var ss [2]float64
	for _, u := range units {
		if u.Days <= 0 {
			continue
		}
		a := arm(u.Treated)
		e := u.Revenue - float64(u.Calls*mean[a])
		ss[a] += float64(e * e)
	}
	nf := float64(n)
	c := float64(g) / float64(g-1) * ((nf - 1) / (nf - 2))
	v0 := float64(c * (ss[0] / float64(calls[0]*calls[0])))
	v1 := float64(c * (ss[1] / float64(calls[1]*calls[1])))
	return ratioLift(mean[0], mean[1], v0, v1)
}

// ratioLift is m1/m0 − 1 with the delta-method SE for uncorrelated m0, m1:
// sqrt(Var m1 + r²·Var m0)/|m0|, r = m1/m0.
func ratioLift(m0, m1, v0, v1 float64) Estimate {
	r := m1 / m0
	se := math.Sqrt(v1+float64(float64(r*r)*v0)) / math.Abs(m0)
	return finiteOrNaN(wald(r-1, se))
}

// Retained is one rep of a branch whose window has been observed to its
// end: whether the rep was still employed at its end and, if so, the
// outcome (revenue per day over the window).
type Retained struct {
	Stayed  bool
	Outcome float64
	Treated bool
}

// LeeBounds are Lee's (2009) bounds on the lift in the outcome for reps who
// would stay in either arm, when the arms' retention rates q1 and q0
// differ. The arm with the higher retention has its stayers' outcomes
// trimmed by the share t = (q_hi − q_lo)/q_hi: k = round(t·n) of its n
// stayers (sorted by outcome) are dropped from the top for the lower bound
// and from the bottom for the upper bound. Each bound is m_T/m_C − 1 of the
// two arms' stayer means, one of them trimmed.
//
// SE (Lee 2009, Proposition 3, with the delta method for the ratio): the
// trimmed mean μ_t of n stayers, trimmed at the quantile y (the last value
// kept), has variance (s_t² + t·(y − μ_t)²)/(n·(1 − t)) + ((μ_t − y)/(1 −
// t))²·Var t, with s_t² the kept values' variance (denominator n − k) and
// Var t = (q_lo(1 − q_lo)/N_lo)/q_hi² + (q_lo/q_hi²)²·q_hi(1 − q_hi)/N_hi
// (binomial retention in two independent arms of N reps); the untrimmed
// arm's mean has variance s²/n (denominator n). With equal retention both
// bounds are the plain lift.
func LeeBounds(reps []Retained) (lower, upper Estimate) {
	var ys [2][]float64
	var total [2]int
	for _, r := range reps {
		a := arm(r.Treated)
		total[a]++
		if r.Stayed {
			ys[a] = append(ys[a], r.Outcome)
		}
	}
	if len(ys[0]) < 2 || len(ys[1]) < 2 {
		return undefined(), undefined()
	}
	q := [2]float64{float64(len(ys[0])) / float64(total[0]), float64(len(ys[1])) / float64(total[1])}
	hi := 1 // the arm trimmed
	if q[0] > q[1] {
		hi = 0
	}
	lo := 1 - hi
	t := (q[hi] - q[lo]) / q[hi]
	vt := float64(q[lo]*(1-q[lo])/float64(total[lo]))/float64(q[hi]*q[hi]) +
		float64(float64(float64(q[lo]*q[lo])/float64(q[hi]*q[hi]*q[hi]*q[hi]))*float64(q[hi]*(1-q[hi])/float64(total[hi])))
	sort.Float64s(ys[hi])
	m, v := meanVar(ys[lo], 0, len(ys[lo]))
	vLo := v / float64(len(ys[lo]))
	bound := func(fromTop bool) Estimate {
		mt, vtm := trimmedMean(ys[hi], t, vt, fromTop)
		m1, v1, m0, v0 := mt, vtm, m, vLo
		if hi == 0 {
			m1, v1, m0, v0 = m, vLo, mt, vtm
		}
		if m0 == 0 {
			return undefined()
		}
		return ratioLift(m0, m1, v0, v1)
	}
	// Trimming the treated arm from the top lowers the lift; trimming the
	// comparison arm from the top raises it.
	lower, upper = bound(hi == 1), bound(hi == 0)
	return lower, upper
}

// trimmedMean drops k = round(t·n) of the sorted ys from the top (or the
// bottom) and returns the mean of the rest and its variance.
func trimmedMean(ys []float64, t, vt float64, fromTop bool) (mean, variance float64) {
	n := len(ys)
	k := int(math.Round(float64(t * float64(n))))
	if k >= n {
		return math.NaN(), math.NaN()
	}
	i, j, y := 0, n-k, ys[n-k-1]
	if !fromTop {
		i, j, y = k, n, ys[k]
	}
	mean, s2 := meanVar(ys, i, j)
	d := y - mean
	variance = float64(s2+float64(t*float64(d*d)))/float64(float64(n)*(1-t)) + float64(float64(float64(d*d)/float64((1-t)*(1-t)))*vt)
	return mean, variance
}

// meanVar is the mean of xs[i:j] and its variance with denominator j − i.
func meanVar(xs []float64, i, j int) (mean, variance float64) {
	s := 0.0
	for _, x := range xs[i:j] {
		s += x
	}
	mean = s / float64(j-i)
	ss := 0.0
	for _, x := range xs[i:j] {
		ss += float64((x - mean) * (x - mean))
	}
	return mean, ss / float64(j-i)
}

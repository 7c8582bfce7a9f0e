package estimate

import (
	"math"
	"sort"
)

// The two branches identify the effect on opt-outs only jointly: the
// mandatory branch gives the effect for everyone, the voluntary branch the
// effect for the opt-ins and the opt-in rate p, and per rep
// Δ_all = p·Δ_in + (1 − p)·Δ_out (docs/model.md, "Estimands the design
// identifies"). The effects are taken in revenue per employed rep-day,
// where the identity holds, and the opt-outs' is then read as a lift over
// their own revenue, which the optout arm shows.

// Mean is one group's revenue per employed rep-day and its variance.
type Mean struct{ M, Var float64 }

// ArmMean is Σ R_i / Σ D_i over reps with D_i > 0, the intercept of an
// intercept-only regression of daily revenue over their rep-days, with its
// CR1 variance clustered by rep, G/(G − 1)·Σ e_i² / N², e_i = R_i − D_i·m
// (K = 1, so (N − 1)/(N − K) = 1). NaN with fewer than two reps.
func ArmMean(reps []Cluster) Mean {
	n, g, rev := 0, 0, 0.0
	for _, r := range reps {
		if r.Days > 0 {
			n += r.Days
			rev += r.Revenue
			g++
		}
	}
	if g < 2 {
		return Mean{math.NaN(), math.NaN()}
	}
	m := rev / float64(n)
	ss := 0.0
	for _, r := range reps {
		if r.Days > 0 {
			e := r.Revenue - float64(float64(r.Days)*m)
			ss += float64(e * e)
		}
	}
	nf := float64(n)
	return Mean{m, float64(float64(g)/float64(g-1)) * (ss / float64(nf*nf))}
}

// Branches are the five arms' means: the mandatory branch's mentored and
// control reps, and the voluntary branch's mentored and denied opt-ins and
// its opt-outs.
type Branches struct{ Mentored, Control, OptinMentored, OptinDenied, Optout Mean }

// ImpliedOptout is the effect on opt-outs the two branches imply, as a lift
// over the opt-outs' revenue m_o, and ATT − ATU, the opt-ins' lift
// m_im/m_id − 1 minus it:
//
//	ATU = (Δ_M − p·Δ_V) / ((1 − p)·m_o),  Δ_M = m_mm − m_mc,  Δ_V = m_im − m_id
//
// with delta-method SEs from the gradient in the five means and p. The means
// come from disjoint sets of reps and are independent; p is taken as
// uncorrelated with them (asymptotically exact: a conditional mean is
// independent of the count it conditions on).
func ImpliedOptout(b Branches, p Estimate) (atu, diff Estimate) {
	q, mo := 1-p.Estimate, b.Optout.M
	dM, dV := b.Mentored.M-b.Control.M, b.OptinMentored.M-b.OptinDenied.M
	if !(q > 0) || mo == 0 || b.OptinDenied.M == 0 {
		return Undefined(), Undefined()
	}
	k := 1 / float64(q*mo)
	theta := float64(float64(dM-float64(p.Estimate*dV)) * k)
	vars := [6]float64{b.Mentored.Var, b.Control.Var, b.OptinMentored.Var, b.OptinDenied.Var, b.Optout.Var, float64(p.SE * p.SE)}
	dp := float64(dM-dV) * k / q
	gATU := [6]float64{k, -k, float64(-p.Estimate * k), float64(p.Estimate * k), -theta / mo, dp}
	md := b.OptinDenied.M
	gATT := [6]float64{0, 0, 1 / md, -b.OptinMentored.M / float64(md*md), 0, 0}
	var vATU, vDiff float64
	for i, v := range vars {
		gd := gATT[i] - gATU[i]
		vATU += float64(float64(gATU[i]*gATU[i]) * v)
		vDiff += float64(float64(gd*gd) * v)
	}
	att := b.OptinMentored.M/md - 1
	return finiteOrNaN(Wald(theta, math.Sqrt(vATU))), finiteOrNaN(Wald(att-theta, math.Sqrt(vDiff)))
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
// dummy, weighted by calls, with CR1 errors clustered by rep (N = rep-days
// with calls, the units' Days; K = 2, G = reps with Days > 0). Its
// coefficients are the arms' revenue per
// call, Σ revenue/Σ calls, so only per-rep sums are needed; the lift and its
// SE are as in RevenueLift, and undefined when it is (fewer than two reps
// with rep-days in an arm among them).
func CallLift(units []Unit) Estimate {
	var days, clusters [2]int
	var calls, rev [2]float64
	for _, u := range units {
		if u.Days <= 0 {
			continue
		}
		a := arm(u.Treated)
		days[a] += u.Days
		calls[a] += u.Calls
		rev[a] += u.Revenue
		clusters[a]++
	}
	g, n := clusters[0]+clusters[1], days[0]+days[1]
	if clusters[0] < 2 || clusters[1] < 2 || !(calls[0] > 0 && calls[1] > 0) || n <= 2 {
		return Undefined()
	}
	mean := [2]float64{rev[0] / calls[0], rev[1] / calls[1]}
	if mean[0] == 0 {
		return Undefined()
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
	return finiteOrNaN(Wald(r-1, se))
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
		return Undefined(), Undefined()
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
			return Undefined()
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

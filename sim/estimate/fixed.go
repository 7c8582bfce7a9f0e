package estimate

import "math"

// DayObs is one employed rep-day: its training class, tenure day, revenue
// and whether the rep is treated.
type DayObs struct {
	Class, Day int
	Revenue    float64
	Treated    bool
}

// FELift is the revenue lift with tenure-day and training-class fixed
// effects: the OLS regression of daily revenue on the treatment dummy and
// both sets of dummies, solved by partialling the fixed effects out of
// revenue and the dummy (Frisch–Waugh–Lovell, by alternating projections
// to convergence). Errors are clustered by class (CR1: G/(G − 1)·(N − 1)/
// (N − K), G classes, N rep-days, K = 1 + tenure days + classes − 1, as
// statsmodels counts the dummies). The lift is β over m₀, the comparison
// group's mean revenue per rep-day, and its SE is the delta method's over
// both, from each class's joint influence on β and on m₀ (with m₀ taken as
// known, the intervals covered 91–94%, not 95%, in replications). All NaN if
// undefined (one arm empty, fewer than two classes, N <= K, no variation in
// the dummy left).
func FELift(obs []DayObs) Estimate {
	n := len(obs)
	y, d := make([]float64, n), make([]float64, n)
	days, classes := levels(obs, func(o DayObs) int { return o.Day }), levels(obs, func(o DayObs) int { return o.Class })
	var base, nBase float64
	for i, o := range obs {
		y[i] = o.Revenue
		if o.Treated {
			d[i] = 1
		} else {
			base += o.Revenue
			nBase++
		}
	}
	k := 1 + len(days) + len(classes) - 1
	if nBase == 0 || nBase == float64(n) || len(classes) < 2 || n <= k || base == 0 {
		return Undefined()
	}
	base /= nBase
	partialOut(obs, y, d)
	var sdd, sdy float64
	for i := range obs {
		sdd += float64(d[i] * d[i])
		sdy += float64(d[i] * y[i])
	}
	if !(sdd > 1e-12) {
		return Undefined()
	}
	beta := sdy / sdd
	// Each class's influence on the lift β/m₀: its score on β over sdd, by
	// 1/m₀, less its comparison rep-days' deviations from m₀ over their
	// count, by β/m₀².
	infl := make(map[int]float64, len(classes))
	for i, o := range obs {
		infl[o.Class] += float64(d[i]*(y[i]-float64(beta*d[i]))) / float64(sdd*base)
		if !o.Treated {
			infl[o.Class] -= float64(beta*(o.Revenue-base)) / float64(float64(base*base)*nBase)
		}
	}
	meat := 0.0
	for _, c := range classes { // in order of first appearance
		meat += float64(infl[c] * infl[c])
	}
	g, nf := float64(len(classes)), float64(n)
	c := g / (g - 1) * ((nf - 1) / (nf - float64(k)))
	return finiteOrNaN(Wald(beta/base, math.Sqrt(float64(c*meat))))
}

// levels lists the distinct values of key over obs in order of first
// appearance.
func levels(obs []DayObs, key func(DayObs) int) []int {
	seen := map[int]bool{}
	var out []int
	for _, o := range obs {
		if k := key(o); !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// partialOut subtracts from y and d, in place, their projections on the
// tenure-day and class dummies: it demeans by day, then by class, until
// the means removed are below 1e-13 of the data's scale.
func partialOut(obs []DayObs, y, d []float64) {
	scale := 0.0
	for i := range y {
		scale = math.Max(scale, math.Abs(y[i]))
	}
	tol := 1e-13 * math.Max(1, scale)
	for range 10_000 {
		a := demean(obs, y, d, func(o DayObs) int { return o.Day })
		b := demean(obs, y, d, func(o DayObs) int { return o.Class })
		if max(a, b) < tol {
			return
		}
	}
}

// demean subtracts each group's mean from y and d and returns the largest
// mean subtracted. Keys are small non-negative integers (days, classes).
func demean(obs []DayObs, y, d []float64, key func(DayObs) int) float64 {
	top := 0
	for _, o := range obs {
		top = max(top, key(o))
	}
	sy, sd, cnt := make([]float64, top+1), make([]float64, top+1), make([]float64, top+1)
	for i, o := range obs {
		k := key(o)
		sy[k] += y[i]
		sd[k] += d[i]
		cnt[k]++
	}
	largest := 0.0
	for k := range cnt {
		if cnt[k] > 0 {
			sy[k] /= cnt[k]
			sd[k] /= cnt[k]
			largest = math.Max(largest, math.Max(math.Abs(sy[k]), math.Abs(sd[k])))
		}
	}
	for i, o := range obs {
		k := key(o)
		y[i] -= sy[k]
		d[i] -= sd[k]
	}
	return largest
}

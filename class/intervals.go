package class

import (
	"math"

	"mentorsim/sim/estimate"
)

// MinGroup is the fewest students a group needs before the projector
// shows an estimate for it: below that it shows a dash and "too few
// students".
const MinGroup = 2

// Wilson is the share k/n with its Wilson score 95% interval
// (estimate.Proportion), undefined below MinGroup students.
func Wilson(k, n int) estimate.Estimate {
	if n < MinGroup {
		return estimate.Undefined()
	}
	return estimate.Proportion(k, n)
}

// NewcombeDiff is k1/n1 − k0/n0 with Newcombe's hybrid score interval
// (his method 10: the two Wilson intervals combined), which stays inside
// [−1, 1]; undefined if either group has fewer than MinGroup students.
func NewcombeDiff(k1, n1, k0, n0 int) estimate.Estimate {
	a, b := Wilson(k1, n1), Wilson(k0, n0)
	if math.IsNaN(a.Estimate) || math.IsNaN(b.Estimate) {
		return estimate.Undefined()
	}
	d := a.Estimate - b.Estimate
	lo := d - math.Sqrt(sq(a.Estimate-a.Lo)+sq(b.Hi-b.Estimate))
	hi := d + math.Sqrt(sq(a.Hi-a.Estimate)+sq(b.Estimate-b.Lo))
	return estimate.Estimate{Estimate: d, SE: math.Sqrt(sq(a.SE) + sq(b.SE)), Lo: lo, Hi: hi}
}

func sq(x float64) float64 { return x * x }

// RatioLift is mean(y1)/mean(y0) − 1 with a 95% interval from the delta
// method on the log of the ratio, each group's variance its own (sample
// variance over n), so the interval is never below −100%; undefined if
// either group has fewer than MinGroup students or a mean that is not
// positive. SE is that of the log ratio.
func RatioLift(y1, y0 []float64) estimate.Estimate {
	if len(y1) < MinGroup || len(y0) < MinGroup {
		return estimate.Undefined()
	}
	m1, v1 := meanVar(y1)
	m0, v0 := meanVar(y0)
	if !(m1 > 0 && m0 > 0) {
		return estimate.Undefined()
	}
	l := math.Log(m1 / m0)
	se := math.Sqrt(v1/(float64(len(y1))*m1*m1) + v0/(float64(len(y0))*m0*m0))
	d := estimate.Z95 * se
	return estimate.Estimate{Estimate: m1/m0 - 1, SE: se, Lo: math.Exp(l-d) - 1, Hi: math.Exp(l+d) - 1}
}

// meanVar is the mean and the sample variance (n − 1).
func meanVar(xs []float64) (m, v float64) {
	m = mean(xs)
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return m, v / float64(len(xs)-1)
}

package estimate

import (
	"encoding/json"
	"math"
	"slices"
)

// Proportion is the share p = k/n with SE √(p(1−p)/n) and Wilson's score
// 95% interval, which stays inside [0, 1] and, unlike p ± Z95·SE, does not
// shrink to a point at k = 0 or k = n. It is all NaN unless 0 <= k <= n
// and n > 0.
func Proportion(k, n int) Estimate {
	if n <= 0 || k < 0 || k > n {
		return Undefined()
	}
	nf := float64(n)
	p := float64(k) / nf
	v := float64(p*(1-p)) / nf
	z2 := float64(Z95 * Z95)
	d := 1 + z2/nf
	centre := (p + z2/float64(2*nf)) / d
	half := float64(float64(Z95/d) * math.Sqrt(v+z2/float64(float64(4*nf)*nf)))
	e := Estimate{p, math.Sqrt(v), max(0, centre-half), min(1, centre+half)}
	if k == 0 { // the ends are exact there; rounding would leave them off by a hair
		e.Lo = 0
	}
	if k == n {
		e.Hi = 1
	}
	return e
}

// Summary of one estimand across replications (docs/model.md, 7.8,
// "Replications").
type Summary struct {
	Mean, SD, Q025, Q975, ShareSignificant float64
	N                                      int
}

// Summarize returns the mean, sample SD (n−1 denominator), 2.5% and 97.5%
// quantiles (type 7, R's default) of the point estimates, and the share of
// them whose 95% interval excludes 0 (power). Non-finite estimates are
// skipped and N counts the rest; with N = 0 everything is NaN, with N = 1
// the SD is NaN (as in R). The input is not modified.
func Summarize(es []Estimate) Summary {
	xs := make([]float64, 0, len(es))
	sig := 0
	for _, e := range es {
		if !isFinite(e.Estimate) {
			continue
		}
		xs = append(xs, e.Estimate)
		if e.Significant() {
			sig++
		}
	}
	n := len(xs)
	nan := math.NaN()
	if n == 0 {
		return Summary{nan, nan, nan, nan, nan, 0}
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(n)
	sd := nan
	if n > 1 {
		ss := 0.0
		for _, x := range xs {
			d := x - mean
			ss += float64(d * d)
		}
		sd = math.Sqrt(ss / float64(n-1))
	}
	slices.Sort(xs) // xs is our copy
	return Summary{mean, sd, quantile7(xs, 0.025), quantile7(xs, 0.975), float64(sig) / float64(n), n}
}

// quantile7 is R's type-7 quantile of sorted, non-empty xs: linear
// interpolation between order statistics at h = (n−1)p, computed as R does,
// (1−f)·x_lo + f·x_hi, and only when the two differ.
func quantile7(xs []float64, p float64) float64 {
	h := float64(float64(len(xs)-1) * p)
	lo := int(math.Floor(h))
	hi := min(lo+1, len(xs)-1)
	f := h - float64(lo)
	a, b := xs[lo], xs[hi]
	if f == 0 || a == b {
		return a
	}
	return float64((1-f)*a) + float64(f*b)
}

// summaryJSON is the wire shape of a Summary; nil is JSON null.
type summaryJSON struct {
	Mean             *float64 `json:"mean"`
	SD               *float64 `json:"sd"`
	Q025             *float64 `json:"q025"`
	Q975             *float64 `json:"q975"`
	ShareSignificant *float64 `json:"share_significant"`
	N                int      `json:"n"`
}

// MarshalJSON writes {"mean","sd","q025","q975","share_significant","n"}
// with NaN and ±Inf as null.
func (s Summary) MarshalJSON() ([]byte, error) {
	return json.Marshal(summaryJSON{
		nullable(s.Mean), nullable(s.SD), nullable(s.Q025), nullable(s.Q975),
		nullable(s.ShareSignificant), s.N,
	})
}

// UnmarshalJSON reads the shape MarshalJSON writes; null becomes NaN.
func (s *Summary) UnmarshalJSON(b []byte) error {
	var w summaryJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*s = Summary{
		fromNullable(w.Mean), fromNullable(w.SD), fromNullable(w.Q025), fromNullable(w.Q975),
		fromNullable(w.ShareSignificant), w.N,
	}
	return nil
}

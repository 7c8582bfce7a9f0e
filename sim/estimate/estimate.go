package estimate

import (
	"encoding/json"
	"math"
)

// Z95 is the two-sided 95% normal quantile qnorm(0.975), the value R, Stata
// and statsmodels use for Wald intervals ("1.96" in prose).
const Z95 = 1.959963984540054

// Estimate is one estimand's point estimate, standard error and 95% interval.
type Estimate struct {
	Estimate, SE, Lo, Hi float64
}

// Significant reports whether the 95% interval excludes 0 (false if NaN).
func (e Estimate) Significant() bool {
	return e.Lo > 0 || e.Hi < 0
}

// Undefined is the all-NaN estimate returned when an estimand does not exist.
func Undefined() Estimate {
	nan := math.NaN()
	return Estimate{nan, nan, nan, nan}
}

// Wald is the normal 95% interval x ± Z95·se, with the product kept out of
// an FMA so that it is bit-for-bit the same on every platform.
func Wald(x, se float64) Estimate {
	d := float64(Z95 * se)
	return Estimate{x, se, x - d, x + d}
}

// finiteOrNaN turns overflowed or otherwise non-finite results into the
// all-NaN estimate, so callers see either a usable estimate or none.
func finiteOrNaN(e Estimate) Estimate {
	if !isFinite(e.Estimate) || !isFinite(e.SE) || !isFinite(e.Lo) || !isFinite(e.Hi) {
		return Undefined()
	}
	return e
}

func isFinite(x float64) bool {
	return !math.IsNaN(x) && !math.IsInf(x, 0)
}

// estimateJSON is the wire shape; nil pointers are JSON null.
type estimateJSON struct {
	Estimate *float64    `json:"estimate"`
	SE       *float64    `json:"se"`
	CI95     [2]*float64 `json:"ci95"`
}

// MarshalJSON writes {"estimate":x,"se":y,"ci95":[lo,hi]}; NaN or ±Inf values
// are written as null because JSON has no such numbers.
func (e Estimate) MarshalJSON() ([]byte, error) {
	return json.Marshal(estimateJSON{
		Estimate: nullable(e.Estimate),
		SE:       nullable(e.SE),
		CI95:     [2]*float64{nullable(e.Lo), nullable(e.Hi)},
	})
}

// UnmarshalJSON reads the shape MarshalJSON writes; null or missing values
// become NaN.
func (e *Estimate) UnmarshalJSON(b []byte) error {
	var w estimateJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*e = Estimate{fromNullable(w.Estimate), fromNullable(w.SE), fromNullable(w.CI95[0]), fromNullable(w.CI95[1])}
	return nil
}

// nullable maps non-finite values to nil (JSON null).
func nullable(x float64) *float64 {
	if !isFinite(x) {
		return nil
	}
	return &x
}

// fromNullable maps nil (JSON null) back to NaN.
func fromNullable(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

func nullableSlice(xs []float64) []*float64 {
	out := make([]*float64, len(xs))
	for i, x := range xs {
		out[i] = nullable(x)
	}
	return out
}

func fromNullableSlice(ps []*float64) []float64 {
	out := make([]float64, len(ps))
	for i, p := range ps {
		out[i] = fromNullable(p)
	}
	return out
}

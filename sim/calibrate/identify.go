package calibrate

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"mentorsim/sim/estimate"
	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

// RankTol is the singular value, relative to the largest, below which a
// direction of the weighted Jacobian counts as flat (not identified).
const RankTol = 1e-6

// Identification is what the targets say about the fitted parameters near
// the optimum (docs/model.md, 7.10): the Jacobian of the
// simulated moments, its rank and condition number, the parameters'
// standard errors and which targets each parameter moves.
type Identification struct {
	Free    []string
	Targets []Target
	Theta   []float64   // the fitted values
	Step    []float64   // the finite-difference step of each parameter
	J       [][]float64 // J[k][j] = ∂ estimate_k / ∂ θ_j, in the parameter's units
	// Singular are the singular values of W^½·J, largest first; Rank counts
	// those above RankTol of the largest; Cond is largest/smallest (+Inf if
	// the smallest is 0).
	Singular []float64
	Rank     int
	Cond     float64
	// SE are the MSM sandwich standard errors (NaN unless Rank = len(Free)):
	// V = (J'WJ)⁻¹ J'W Σ W J (J'WJ)⁻¹ with W = diag(weight/scale²) and
	// Σ = diag(scale² + SE_sim²), the targets' variance plus the simulated
	// estimates' own (simulation noise).
	SE []float64
	// Moves[j] is column j of W^½·J normalised to length 1: how parameter j
	// moves each target, in units of the target's scale.
	Moves [][]float64
	// Undefined, if not "", says which target's estimate was undefined at
	// which step: then J is incomplete, and the rank, condition number,
	// SEs and moves are not computed (Rank 0, the rest NaN).
	Undefined string
}

// Identify differentiates the fitted moments by central finite
// differences with common random numbers (every evaluation uses the fit's
// seed), 2·len(free) evaluations, calling done (if not nil) after each, and
// derives the identification report.
func Identify(fit Fit, free []string, ts Targets, workers int, done func()) (Identification, error) {
	specs, err := lookup(free)
	if err != nil {
		return Identification{}, err
	}
	m, k := len(ts.Targets), len(specs)
	id := Identification{Free: free, Targets: ts.Targets, Theta: make([]float64, k), Step: make([]float64, k), J: make([][]float64, m)}
	for i := range id.J {
		id.J[i] = make([]float64, k)
	}
	var scratch study.Scratch // the differences are evaluated one at a time
	for j, s := range specs {
		theta := *s.Of(&fit.Scenario.Params)
		lo, hi := steps(s, theta)
		id.Theta[j], id.Step[j] = theta, (hi-lo)/2
		mLo, err := moments(&scratch, fit.Scenario, s, lo, ts, workers, done)
		if err != nil {
			return id, err
		}
		mHi, err := moments(&scratch, fit.Scenario, s, hi, ts, workers, done)
		if err != nil {
			return id, err
		}
		for i := range m {
			id.J[i][j] = (mHi[i] - mLo[i]) / (hi - lo)
			if id.Undefined == "" && math.IsNaN(mLo[i]) {
				id.Undefined = fmt.Sprintf("%s is undefined at %s = %.4g", ts.Targets[i].ID, free[j], lo)
			} else if id.Undefined == "" && math.IsNaN(mHi[i]) {
				id.Undefined = fmt.Sprintf("%s is undefined at %s = %.4g", ts.Targets[i].ID, free[j], hi)
			}
		}
	}
	if id.Undefined != "" { // the SVD of a matrix with NaN fails
		id.SE, id.Cond, id.Moves = nanSlice(k), math.NaN(), make([][]float64, k)
		for j := range id.Moves {
			id.Moves[j] = nanSlice(m)
		}
		return id, nil
	}
	id.derive(pick(fit.Estimates, ts, func(e estimate.Estimate) float64 { return e.SE })) // the simulation's own SEs at the fit
	return id, nil
}

// steps are the two points of the central difference: θ ± 5% of |θ| (or
// ± 1% of the range at θ = 0), moved inside the range if needed.
func steps(s param.Spec, theta float64) (lo, hi float64) {
	h := 0.05 * math.Abs(theta)
	if h == 0 {
		h = 0.01 * (s.Max - s.Min)
	}
	lo, hi = math.Max(s.Min, theta-h), math.Min(s.Max, theta+h)
	return lo, hi
}

// moments are the targets' simulated estimates with one parameter set to v.
func moments(scratch *study.Scratch, sc param.Scenario, s param.Spec, v float64, ts Targets, workers int, done func()) ([]float64, error) {
	*s.Of(&sc.Params) = v
	_, es, err := evaluateIn(scratch, sc, ts, workers)
	if done != nil {
		done()
	}
	if err != nil {
		return nil, err
	}
	return pick(es, ts, func(e estimate.Estimate) float64 { return e.Estimate }), nil
}

// pick is one number of each target's simulated estimate: its value, say.
func pick(es study.Estimates, ts Targets, of func(estimate.Estimate) float64) []float64 {
	out := make([]float64, len(ts.Targets))
	for i, t := range ts.Targets {
		e, _ := es.Get(t.ID)
		out[i] = of(e)
	}
	return out
}

// derive fills the rank, condition number, SEs and normalised columns from
// J, the targets and the simulation's SEs.
func (id *Identification) derive(sim []float64) {
	m, k := len(id.Targets), len(id.Free)
	b := mat.NewDense(m, k, nil) // W^½·J
	sigma := make([]float64, m)  // Σ_kk
	for i, t := range id.Targets {
		w := math.Sqrt(t.Weight) / t.Scale()
		for j := range k {
			b.Set(i, j, w*id.J[i][j])
		}
		sigma[i] = float64(t.Scale()*t.Scale()) + float64(sim[i]*sim[i])
	}
	id.SE, id.Moves = nanSlice(k), make([][]float64, k)
	for j := range k {
		col := mat.Col(nil, j, b)
		if norm := mat.Norm(mat.NewVecDense(m, col), 2); norm > 0 { // else it moves nothing
			for i := range col {
				col[i] /= norm
			}
		}
		id.Moves[j] = col
	}
	var svd mat.SVD
	if !svd.Factorize(b, mat.SVDNone) {
		id.Cond = math.NaN()
		return
	}
	id.Singular = svd.Values(nil)
	for _, s := range id.Singular {
		if s > RankTol*id.Singular[0] {
			id.Rank++
		}
	}
	id.Cond = id.Singular[0] / id.Singular[len(id.Singular)-1]
	if id.Rank < k || m < k {
		return
	}
	id.SE = sandwich(b, id.Targets, sigma)
}

// sandwich is the diagonal's square root of (B'B)⁻¹ B'W^½ Σ W^½B (B'B)⁻¹,
// B = W^½J, which is (J'WJ)⁻¹ J'WΣWJ (J'WJ)⁻¹.
func sandwich(b *mat.Dense, ts []Target, sigma []float64) []float64 {
	m, k := b.Dims()
	var a, ainv mat.Dense
	a.Mul(b.T(), b)
	if err := ainv.Inverse(&a); err != nil {
		return nanSlice(k)
	}
	inner := make([]float64, m) // W^½ Σ W^½, diagonal
	for i, t := range ts {
		inner[i] = t.Weight / (t.Scale() * t.Scale()) * sigma[i]
	}
	var bw, meat, tmp, v mat.Dense
	bw.Mul(b.T(), mat.NewDiagDense(m, inner))
	meat.Mul(&bw, b)
	tmp.Mul(&ainv, &meat)
	v.Mul(&tmp, &ainv)
	se := make([]float64, k)
	for j := range k {
		se[j] = math.Sqrt(v.At(j, j))
	}
	return se
}

func nanSlice(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	return out
}

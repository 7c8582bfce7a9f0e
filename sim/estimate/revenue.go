package estimate

import "math"

// Cluster is one rep's employed rep-days and revenue within a window.
type Cluster struct {
	Days    int
	Revenue float64
	Treated bool
}

// arm indexes per-arm accumulators: 0 comparison, 1 treated.
func arm(treated bool) int {
	if treated {
		return 1
	}
	return 0
}

// RevenueLift is the OLS regression of daily revenue on an intercept and a
// treatment indicator over all employed rep-days, with standard errors
// clustered by rep (CR1: G/(G−1)·(N−1)/(N−K), G = reps with Days > 0,
// N = rep-days, K = 2, as in Stata, statsmodels cov_type="cluster" and R
// sandwich::vcovCL type "HC1"). It returns lift = β/α with a delta-method SE
// and interval lift ± Z95·SE. Only per-rep sums are needed: with a binary
// regressor α is the comparison mean per rep-day and α+β the treated mean.
// Reps with Days <= 0 contribute nothing. The result is all NaN when the lift
// is undefined: fewer than two clusters with rep-days in either arm (one
// cluster's residuals sum to 0, so its arm's variance would be 0 and the
// interval would have no width), α = 0, N <= K, or overflow.
func RevenueLift(reps []Cluster) Estimate {
	var days, clusters [2]int
	var rev [2]float64
	for _, r := range reps {
		if r.Days <= 0 {
			continue
		}
		a := arm(r.Treated)
		days[a] += r.Days
		rev[a] += r.Revenue
		clusters[a]++
	}
	g, n := clusters[0]+clusters[1], days[0]+days[1]
	if clusters[0] < 2 || clusters[1] < 2 || n <= 2 {
		return Undefined()
	}
	mean := [2]float64{rev[0] / float64(days[0]), rev[1] / float64(days[1])}
	alpha := mean[0]
	if alpha == 0 {
		return Undefined()
	}
	beta := mean[1] - alpha

	// Second pass (numerically safer than expanding Σ(R − D·m)²): the squared
	// cluster residuals e_i = R_i − D_i·m_arm, summed by arm.
	var ss [2]float64
	for _, r := range reps {
		if r.Days <= 0 {
			continue
		}
		a := arm(r.Treated)
		e := r.Revenue - float64(float64(r.Days)*mean[a])
		ss[a] += float64(e * e)
	}

	// Scores e_i·[1, D_i] give meat [[S0+S1, S1], [S1, S1]]; with bread
	// (XᵀX)⁻¹, XᵀX = [[N, N1], [N1, N1]], the sandwich reduces to
	// Var(α) = c·S0/N0², Cov(α, β) = −Var(α), Var(α+β) = c·S1/N1².
	nf := float64(n)
	c := float64(g) / float64(g-1) * ((nf - 1) / (nf - 2))
	n0, n1 := float64(days[0]), float64(days[1])
	v0 := float64(c * (ss[0] / (n0 * n0)))
	v1 := float64(c * (ss[1] / (n1 * n1)))

	// Delta method for β/α = m1/m0 − 1 with m0, m1 uncorrelated:
	// Var = (Var(m1) + r²·Var(m0)) / m0², r = m1/m0.
	ratio := mean[1] / alpha
	se := math.Sqrt(v1+float64(float64(ratio*ratio)*v0)) / math.Abs(alpha)
	return finiteOrNaN(Wald(beta/alpha, se))
}

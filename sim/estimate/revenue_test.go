package estimate

import (
	"math"
	"math/rand/v2"
	"testing"
)

// repDays is one rep's daily revenues: the per-day data RevenueLift never sees.
type repDays struct {
	treated bool
	revenue []float64
}

func clusters(reps []repDays) []Cluster {
	out := make([]Cluster, len(reps))
	for i, r := range reps {
		sum := 0.0
		for _, y := range r.revenue {
			sum += y
		}
		out[i] = Cluster{Days: len(r.revenue), Revenue: sum, Treated: r.treated}
	}
	return out
}

// m2 is a 2×2 matrix for the brute-force sandwich.
type m2 [2][2]float64

func (a m2) mul(b m2) m2 {
	var c m2
	for i := range 2 {
		for j := range 2 {
			for k := range 2 {
				c[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return c
}

func (a m2) inv() m2 {
	det := a[0][0]*a[1][1] - a[0][1]*a[1][0]
	return m2{{a[1][1] / det, -a[0][1] / det}, {-a[1][0] / det, a[0][0] / det}}
}

// bruteLift expands the data to rep-days and runs textbook OLS,
// b = (XᵀX)⁻¹Xᵀy, with a CR1 cluster sandwich,
// V = c·(XᵀX)⁻¹ (Σ_g s_g s_gᵀ) (XᵀX)⁻¹, s_g = Σ_{days of g} x·u,
// c = G/(G−1)·(N−1)/(N−K), then the delta method for b1/b0.
func bruteLift(reps []repDays) (alpha, beta float64, e Estimate) {
	type row struct {
		x       [2]float64
		y       float64
		cluster int
	}
	var rows []row
	g := 0
	for _, r := range reps {
		if len(r.revenue) == 0 {
			continue
		}
		d := 0.0
		if r.treated {
			d = 1
		}
		for _, y := range r.revenue {
			rows = append(rows, row{[2]float64{1, d}, y, g})
		}
		g++
	}
	var xtx m2
	var xty [2]float64
	for _, r := range rows {
		for i := range 2 {
			xty[i] += r.x[i] * r.y
			for j := range 2 {
				xtx[i][j] += r.x[i] * r.x[j]
			}
		}
	}
	bread := xtx.inv()
	b := [2]float64{
		bread[0][0]*xty[0] + bread[0][1]*xty[1],
		bread[1][0]*xty[0] + bread[1][1]*xty[1],
	}
	scores := make([][2]float64, g)
	for _, r := range rows {
		u := r.y - (b[0]*r.x[0] + b[1]*r.x[1])
		for i := range 2 {
			scores[r.cluster][i] += r.x[i] * u
		}
	}
	var meat m2
	for _, s := range scores {
		for i := range 2 {
			for j := range 2 {
				meat[i][j] += s[i] * s[j]
			}
		}
	}
	n := len(rows)
	v := bread.mul(meat).mul(bread)
	c := float64(g) / float64(g-1) * float64(n-1) / float64(n-2)
	grad := [2]float64{-b[1] / (b[0] * b[0]), 1 / b[0]}
	variance := 0.0
	for i := range 2 {
		for j := range 2 {
			variance += grad[i] * c * v[i][j] * grad[j]
		}
	}
	lift, se := b[1]/b[0], math.Sqrt(variance)
	return b[0], b[1], Estimate{lift, se, lift - Z95*se, lift + Z95*se}
}

func closeRel(a, b, rel float64) bool {
	return math.Abs(a-b) <= rel*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func checkAgainstBrute(t *testing.T, name string, reps []repDays) {
	t.Helper()
	_, _, want := bruteLift(reps)
	got := RevenueLift(clusters(reps))
	if !closeRel(got.Estimate, want.Estimate, 1e-10) || !closeRel(got.SE, want.SE, 1e-10) ||
		!closeRel(got.Lo, want.Lo, 1e-10) || !closeRel(got.Hi, want.Hi, 1e-10) {
		t.Errorf("%s: RevenueLift = %+v, brute force %+v", name, got, want)
	}
}

// handMade has reps with different numbers of days, and two reps with none.
var handMade = []repDays{
	{false, []float64{120, 80, 100}},
	{false, []float64{90, 110}},
	{false, nil},
	{false, []float64{140, 60, 130, 70}},
	{false, []float64{95}},
	{true, []float64{150, 170}},
	{true, []float64{130}},
	{true, []float64{160, 90, 200, 140, 110}},
	{true, nil},
	{true, []float64{100, 125, 180}},
}

func TestRevenueLiftBruteForce(t *testing.T) {
	t.Parallel()
	checkAgainstBrute(t, "hand-made", handMade)

	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 20 {
		reps := make([]repDays, 2+rng.IntN(60))
		for i := range reps {
			reps[i].treated = i%2 == 0 || rng.IntN(3) == 0
			days := rng.IntN(43)
			for range days {
				reps[i].revenue = append(reps[i].revenue, math.Round(rng.ExpFloat64()*300*(1+float64(i%5))))
			}
		}
		var g [2]int // clusters with rep-days, by arm
		for _, r := range clusters(reps) {
			if r.Days > 0 {
				g[arm(r.Treated)]++
			}
		}
		name := "random trial " + string(rune('A'+trial))
		if g[0] < 2 || g[1] < 2 {
			if got := RevenueLift(clusters(reps)); !math.IsNaN(got.SE) {
				t.Errorf("%s: an arm of %d clusters with rep-days, but RevenueLift = %+v", name, min(g[0], g[1]), got)
			}
			continue
		}
		checkAgainstBrute(t, name, reps)
	}
}

// With one rep in an arm, that arm's cluster residuals sum to 0, so its
// variance cannot be estimated: the lift is undefined rather than given a
// spuriously narrow (with one rep in each arm, zero-width) interval.
func TestRevenueLiftNeedsTwoRepsAnArm(t *testing.T) {
	one := []Cluster{{Days: 2, Revenue: 200}, {Days: 3, Revenue: 450, Treated: true}, {Days: 1, Revenue: 160, Treated: true}}
	if got := RevenueLift(one); !math.IsNaN(got.Estimate) || !math.IsNaN(got.SE) {
		t.Errorf("one comparison rep: %+v, want undefined", got)
	}
	two := append(one, Cluster{Days: 4, Revenue: 380})
	if got := RevenueLift(two); !(got.SE > 0) {
		t.Errorf("two reps an arm: %+v, want a positive SE", got)
	}
}

// Round numbers, worked by hand.
//
//	comparison: A 2 days 160, B 3 days 340 → N0 = 5, α = 500/5 = 100
//	treated:    C 1 day  110, D 3 days 490 → N1 = 4, α+β = 600/4 = 150, β = 50
//	lift = β/α = 0.5
//	residual sums: A 160−200 = −40, B 340−300 = 40, C 110−150 = −40, D 490−450 = 40
//	S0 = S1 = 1600+1600 = 3200; G = 4, N = 9: c = 4/3 · 8/7 = 32/21
//	Var(α) = c·S0/N0² = 32/21·128 = 4096/21; Var(α+β) = c·S1/N1² = 32/21·200 = 6400/21
//	Var(lift) = (Var(α+β) + 1.5²·Var(α))/α² = (6400 + 9216)/21/10000 = 15616/210000
func TestRevenueLiftByHand(t *testing.T) {
	t.Parallel()
	reps := []Cluster{{2, 160, false}, {3, 340, false}, {1, 110, true}, {3, 490, true}}
	se := math.Sqrt(15616.0 / 210000)
	got := RevenueLift(reps)
	if !near(got.Estimate, 0.5, 1e-15) || !near(got.SE, se, 1e-15) ||
		!near(got.Lo, 0.5-Z95*se, 1e-15) || !near(got.Hi, 0.5+Z95*se, 1e-15) {
		t.Errorf("RevenueLift = %+v, want 0.5 with SE %v", got, se)
	}
	if got.Significant() { // 0.5 − 1.96·0.273 < 0
		t.Error("want not significant")
	}
	// Per-day version of the same data agrees with the brute force too.
	alpha, beta, _ := bruteLift([]repDays{
		{false, []float64{80, 80}}, {false, []float64{100, 120, 120}},
		{true, []float64{110}}, {true, []float64{160, 160, 170}},
	})
	if !near(alpha, 100, 1e-9) || !near(beta, 50, 1e-9) {
		t.Errorf("brute force α = %v, β = %v, want 100, 50", alpha, beta)
	}
}

func TestRevenueLiftUndefined(t *testing.T) {
	t.Parallel()
	cases := map[string][]Cluster{
		"empty":          nil,
		"no treated":     {{3, 300, false}, {2, 100, false}},
		"no comparison":  {{3, 300, true}, {2, 100, true}},
		"treated 0 days": {{3, 300, false}, {2, 100, false}, {0, 50, true}},
		"alpha zero":     {{3, 0, false}, {2, 0, false}, {2, 100, true}},
		"N equals K":     {{1, 10, false}, {1, 20, true}},
		"overflow":       {{3, 1e308, false}, {2, 1e308, false}, {2, 1e308, true}, {2, -1e308, true}},
	}
	for name, reps := range cases {
		if got := RevenueLift(reps); !math.IsNaN(got.Estimate) || !math.IsNaN(got.SE) || !math.IsNaN(got.Lo) || !math.IsNaN(got.Hi) {
			t.Errorf("%s: %+v, want all NaN", name, got)
		}
	}
}

// Reps with no employed days are not clusters: they must not change G.
func TestRevenueLiftIgnoresEmptyReps(t *testing.T) {
	t.Parallel()
	base := clusters(handMade)
	padded := append([]Cluster{{0, 0, true}, {0, 0, false}, {-2, 999, true}}, base...)
	if a, b := RevenueLift(base), RevenueLift(padded); a != b {
		t.Errorf("padding with empty reps changed %+v to %+v", a, b)
	}
}

package rng

import (
	"math"
	"testing"

	"mentorsim/sim/fmath"
)

func TestStreamsDifferAndRepeat(t *testing.T) {
	t.Parallel()
	a, b, c := New(1, 0), New(1, 1), New(1, 0)
	same := 0
	for i := 0; i < 100; i++ {
		x, y, z := a.Uint64(), b.Uint64(), c.Uint64()
		if x == y {
			same++
		}
		if x != z {
			t.Fatalf("same (seed, stream) gave different draws at %d", i)
		}
	}
	if same > 0 {
		t.Fatalf("streams 0 and 1 agreed on %d of 100 draws", same)
	}
}

// moments checks the mean and variance of n draws against the expected ones,
// within 5 standard errors.
func moments(t *testing.T, name string, n int, draw func() float64, mean, variance float64) {
	t.Helper()
	var s, ss float64
	for i := 0; i < n; i++ {
		x := draw()
		s += x
		ss += x * x
	}
	m := s / float64(n)
	v := ss/float64(n) - m*m
	if se := math.Sqrt(variance / float64(n)); math.Abs(m-mean) > 5*se {
		t.Errorf("%s mean %v, want %v ± %v", name, m, mean, 5*se)
	}
	if math.Abs(v-variance) > 0.05*variance {
		t.Errorf("%s variance %v, want %v", name, v, variance)
	}
}

func TestDistributions(t *testing.T) {
	t.Parallel()
	r := New(42, 7)
	moments(t, "uniform", 200000, r.Float64, 0.5, 1.0/12)
	moments(t, "normal", 200000, r.Norm, 0, 1)
	moments(t, "logistic", 200000, r.Logistic, 0, math.Pi*math.Pi/3)
	for _, lambda := range []float64{0.3, 3.6, 25} {
		p0 := fmath.Exp(-lambda)
		moments(t, "poisson", 200000, func() float64 { return float64(Poisson(r.Float64(), lambda, p0)) }, lambda, lambda)
	}
}

func TestPoissonCoupling(t *testing.T) {
	t.Parallel()
	// The same uniform never gives fewer events at a higher rate.
	r := New(3, 3)
	for i := 0; i < 10000; i++ {
		u := r.Float64()
		if Poisson(u, 2, fmath.Exp(-2)) > Poisson(u, 2.5, fmath.Exp(-2.5)) {
			t.Fatalf("u=%v: count at rate 2 exceeds count at rate 2.5", u)
		}
	}
}

func TestIntNAndShuffle(t *testing.T) {
	t.Parallel()
	r := New(9, 9)
	counts := make([]int, 6)
	for i := 0; i < 60000; i++ {
		counts[r.IntN(6)]++
	}
	for k, c := range counts {
		if c < 9500 || c > 10500 {
			t.Errorf("IntN(6) gave %d %d times of 60000", k, c)
		}
	}
	xs := []int{0, 1, 2, 3, 4, 5, 6, 7}
	r.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
	seen := map[int]bool{}
	for _, x := range xs {
		seen[x] = true
	}
	if len(seen) != 8 {
		t.Fatalf("shuffle lost elements: %v", xs)
	}
}

package estimate

import (
	"math"
	"testing"
)

// solveSPD solves a symmetric positive definite system exactly enough,
// and refuses one that is not positive definite.
func TestSolveSPD(t *testing.T) {
	t.Parallel()
	// H = [[4, 2, 0.4], [2, 3, 0.5], [0.4, 0.5, 2]], x = (1, −2, 0.5).
	h := []float64{4, 2, 0.4, 0, 3, 0.5, 0, 0, 2} // the upper triangle is read
	want := []float64{1, -2, 0.5}
	g := []float64{4*1 + 2*-2 + 0.4*0.5, 2*1 + 3*-2 + 0.5*0.5, 0.4*1 + 0.5*-2 + 2*0.5}
	x, ok := solveSPD(h, g, 3)
	for i := range want {
		if !ok || math.Abs(x[i]-want[i]) > 1e-12 {
			t.Fatalf("solveSPD = %v, %v; want %v", x, ok, want)
		}
	}
	if _, ok := solveSPD([]float64{1, 2, 0, 1}, []float64{1, 1}, 2); ok {
		t.Error("solveSPD solved an indefinite system")
	}
}

// Logit recovers the coefficients' ranking: its index orders observations
// as the true index does when the outcome is the index's sign.
func TestLogitIndexFollowsTheData(t *testing.T) {
	t.Parallel()
	n := 400
	x1, x2 := make([]float64, n), make([]float64, n)
	y := make([]bool, n)
	for i := range n {
		x1[i], x2[i] = math.Sin(float64(i)), math.Cos(float64(3*i))
		y[i] = 2*x1[i]-x2[i]+2.5*math.Sin(float64(7*i)) > 0
	}
	index, ok := Logit([][]float64{x1, x2}, y)
	if !ok {
		t.Fatal("Logit did not converge")
	}
	agree := 0
	for i := range n {
		if (index[i] > 0) == y[i] {
			agree++
		}
	}
	if agree < n*6/10 {
		t.Errorf("the fitted index agrees with the outcome on %d of %d", agree, n)
	}
}

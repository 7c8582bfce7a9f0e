package estimate

import (
	"math"

	"mentorsim/sim/fmath"
)

// Logit fits a logistic regression of y on the columns of x (each a
// covariate over the same observations) with an intercept, by
// Newton–Raphson on standardised covariates, and returns each
// observation's fitted linear index. ok is false if the fit does not
// converge (separation, or a covariate that does not vary, which is then
// dropped: the index ignores it).
func Logit(x [][]float64, y []bool) (index []float64, ok bool) {
	n := len(y)
	cols := [][]float64{}
	for _, c := range x {
		if z := standardised(c); z != nil {
			cols = append(cols, z)
		}
	}
	k := len(cols) + 1
	b := make([]float64, k)
	row := make([]float64, k)
	at := func(i int) []float64 {
		row[0] = 1
		for j, c := range cols {
			row[j+1] = c[i]
		}
		return row
	}
	for range 100 {
		hs, gs := make([]float64, k*k), make([]float64, k)
		for i := range n {
			xi := at(i)
			p := 1 / (1 + fmath.Exp(-dot(b, xi)))
			w, r := float64(p*(1-p)), -p
			if y[i] {
				r = 1 - p
			}
			for j := range k {
				gs[j] += float64(r * xi[j])
				wx := float64(w * xi[j])
				for l := j; l < k; l++ {
					hs[j*k+l] += float64(wx * xi[l])
				}
			}
		}
		step, ok := solveSPD(hs, gs, k)
		if !ok {
			return nil, false
		}
		move := 0.0
		for j := range b {
			b[j] += step[j]
			move = max(move, math.Abs(step[j]))
		}
		if move < 1e-10 {
			index = make([]float64, n)
			for i := range n {
				index[i] = dot(b, at(i))
			}
			return index, true
		}
	}
	return nil, false
}

// solveSPD solves H·x = g for the symmetric positive definite k×k matrix
// H, of which only the upper triangle (row-major in h) is read, by
// Cholesky; ok is false if H is not positive definite. Written out rather
// than taken from gonum/mat, which would add a megabyte to the app's
// WebAssembly for a 7×7 system.
func solveSPD(h, g []float64, k int) (x []float64, ok bool) {
	L := make([]float64, k*k) // H = L·Lᵀ, L lower triangular
	for i := range k {
		for j := 0; j <= i; j++ {
			sum := h[j*k+i] // H[j][i] = H[i][j], from the upper triangle
			for m := range j {
				sum -= float64(L[i*k+m] * L[j*k+m])
			}
			if i == j {
				if !(sum > 0) {
					return nil, false
				}
				L[i*k+i] = math.Sqrt(sum)
			} else {
				L[i*k+j] = sum / L[j*k+j]
			}
		}
	}
	y := make([]float64, k)
	for i := range k { // L·y = g
		sum := g[i]
		for m := range i {
			sum -= float64(L[i*k+m] * y[m])
		}
		y[i] = sum / L[i*k+i]
	}
	x = make([]float64, k)
	for i := k - 1; i >= 0; i-- { // Lᵀ·x = y
		sum := y[i]
		for m := i + 1; m < k; m++ {
			sum -= float64(L[m*k+i] * x[m])
		}
		x[i] = sum / L[i*k+i]
	}
	return x, true
}

func dot(b, x []float64) float64 {
	s := 0.0
	for j := range b {
		s += float64(b[j] * x[j])
	}
	return s
}

// standardised returns x's z-scores, or nil if x does not vary.
func standardised(x []float64) []float64 {
	n := float64(len(x))
	m := 0.0
	for _, v := range x {
		m += v
	}
	m /= n
	ss := 0.0
	for _, v := range x {
		ss += float64((v - m) * (v - m))
	}
	if ss == 0 || len(x) < 2 {
		return nil
	}
	sd := math.Sqrt(ss / n)
	z := make([]float64, len(x))
	for i, v := range x {
		z[i] = (v - m) / sd
	}
	return z
}
